// sim_worker.cpp: the simulator's Web Worker module (arlab-sim-worker.js/.wasm): core + io, no
// ImGui, no GL. web/sim_worker.js loads it in a Worker and calls these exports: the book read
// once and kept (a spare Worker reads it before any run is asked for), each request
// (io/policy_json.h's write_sim_request) prepared on it into the same plan as the page's
// (app/sim_runner.h), then chunks of runs simulated and handed out as int64 cells.
//
// The fit is kept: a request with the start, horizon, seed, fit options and replay of the last
// plan prepared here is laid out on its fit by core's replan (no second fit; its contract: the
// same plan as prepare_simulation's, other policies and runs). One plan runs at a time; the
// page terminates the Worker to cancel.
#include <emscripten.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/policy_sim.h"
#include "io/book_json.h"
#include "io/policy_json.h"

namespace {

struct Job {
  arlab::Book book;
  bool has_book = false;
  std::string book_error;                        // Why there is no book ("" if there is).
  std::shared_ptr<const arlab::SimPlan> fitted;  // The last plan prepared with a fit.
  std::string fitted_key;                        // fit_key() of its request.
  std::shared_ptr<const arlab::SimPlan> plan;    // The plan running (fitted, or replanned on it).
  arlab::SimRuns runs;
  std::string error;
};

Job& job() {
  static Job j;
  return j;
}

// What a plan's fit and layout depend on (prepare_simulation): the request without its runs and
// policies, the start resolved as prepare_simulation resolves it.
std::string fit_key(const arlab::Book& book, arlab::SimRequest r) {
  if (!r.from) r.from = arlab::book_last_date(book) + 1;
  r.runs = 1;
  r.policies.clear();
  return arlab::write_sim_request(r, book.minor_digits);
}

}  // namespace

extern "C" {

// Reads the book and keeps it for the requests after; 1, or 0 and sim_worker_error().
EMSCRIPTEN_KEEPALIVE int sim_worker_keep_book(const char* book, int book_size) {
  Job& j = job();
  j = Job{};
  arlab::LoadResult loaded = arlab::read_book_json(std::string_view(book, size_t(book_size)));
  if (!loaded.ok) {
    j.book_error = "the worker could not read the book: " +
                   (loaded.problems.empty() ? std::string("no reason given")
                                            : loaded.problems[0].message);
    j.error = j.book_error;
    return 0;
  }
  j.book = std::move(loaded.book);
  j.has_book = true;
  return 1;
}

// Prepares a request on the kept book: on the kept fit when the request's fit_key is its, else
// fitted anew (and that fit kept). 1 when the plan is ready; 0 and sim_worker_error() otherwise.
EMSCRIPTEN_KEEPALIVE int sim_worker_prepare_kept(const char* request, int request_size) {
  Job& j = job();
  j.plan.reset();
  j.runs = arlab::SimRuns{};
  j.error.clear();
  if (!j.has_book) {
    j.error = j.book_error.empty() ? "the worker was sent no book" : j.book_error;
    return 0;
  }
  arlab::SimRequest req;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_sim_request(std::string_view(request, size_t(request_size)),
                               j.book.minor_digits, &req, &problems)) {
    j.error = "the worker could not read the request: " +
              (problems.empty() ? std::string("no reason given")
                                : problems[0].place + ": " + problems[0].message);
    return 0;
  }
  std::string key = fit_key(j.book, req);
  if (j.fitted && key == j.fitted_key) {
    arlab::SimPlanPtr plan = arlab::replan(*j.fitted, req.policies, req.runs, &j.error);
    if (!plan) return 0;
    j.plan = std::move(plan);
  } else {
    arlab::SimPlanPtr plan = arlab::prepare_simulation(j.book, req, &j.error);
    if (!plan) return 0;
    j.plan = std::move(plan);
    j.fitted = j.plan;
    j.fitted_key = std::move(key);
  }
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
