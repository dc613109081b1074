// sim_worker.cpp: the simulator's Web Worker module (arlab-sim-worker.js/.wasm): core + io, no
// ImGui, no GL. web/sim_worker.js loads it in a Worker and calls these exports: the book and
// the request (io/policy_json.h's write_sim_request) read and prepared into the same plan as
// the page's (app/sim_runner.h), then chunks of runs simulated and handed out as int64 cells.
// One plan at a time; the page terminates the Worker to cancel.
#include <emscripten.h>

#include <string>
#include <string_view>

#include "core/policy_sim.h"
#include "io/book_json.h"
#include "io/policy_json.h"

namespace {

struct Job {
  arlab::SimPlanPtr plan;
  arlab::SimRuns runs;
  std::string error;
};

Job& job() {
  static Job j;
  return j;
}

}  // namespace

extern "C" {

// 1 when the plan is ready; 0 and sim_worker_error() otherwise.
EMSCRIPTEN_KEEPALIVE int sim_worker_prepare(const char* book, int book_size, const char* request,
                                            int request_size) {
  Job& j = job();
  j = Job{};
  arlab::LoadResult loaded = arlab::read_book_json(std::string_view(book, size_t(book_size)));
  if (!loaded.ok) {
    j.error = "the worker could not read the book: " +
              (loaded.problems.empty() ? std::string("no reason given") : loaded.problems[0].message);
    return 0;
  }
  arlab::SimRequest req;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_sim_request(std::string_view(request, size_t(request_size)),
                               loaded.book.minor_digits, &req, &problems)) {
    j.error = "the worker could not read the request: " +
              (problems.empty() ? std::string("no reason given")
                                : problems[0].place + ": " + problems[0].message);
    return 0;
  }
  j.plan = arlab::prepare_simulation(loaded.book, req, &j.error);
  if (!j.plan) return 0;
  j.runs = arlab::make_runs(*j.plan);
  return 1;
}

EMSCRIPTEN_KEEPALIVE const char* sim_worker_error() { return job().error.c_str(); }

EMSCRIPTEN_KEEPALIVE int sim_worker_runs() { return job().plan ? arlab::sim_runs(*job().plan) : 0; }

// Simulates runs [begin, end) of the plan; 0 if there is none or the range is not in it.
EMSCRIPTEN_KEEPALIVE int sim_worker_run(int begin, int end) {
  Job& j = job();
  if (!j.plan || begin < 0 || end > arlab::sim_runs(*j.plan) || begin > end) return 0;
  arlab::simulate_runs(*j.plan, begin, end, &j.runs);
  return 1;
}

// Where runs [begin, ...) start in the cells (which 0) or the people's figures (1), and how many
// int64 a run takes there.
EMSCRIPTEN_KEEPALIVE const int64_t* sim_worker_data(int which, int begin) {
  Job& j = job();
  const std::vector<int64_t>& v = which == 0 ? j.runs.cells : j.runs.person;
  size_t per_run = j.runs.runs > 0 ? v.size() / size_t(j.runs.runs) : 0;
  return v.data() + per_run * size_t(begin);
}

EMSCRIPTEN_KEEPALIVE int sim_worker_per_run(int which) {
  Job& j = job();
  const std::vector<int64_t>& v = which == 0 ? j.runs.cells : j.runs.person;
  return j.runs.runs > 0 ? int(v.size() / size_t(j.runs.runs)) : 0;
}

}  // extern "C"

int main() { return 0; }
