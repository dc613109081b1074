// sim_runner.cpp: the simulator's runner (sim_runner.h): the plan on the UI thread, the runs
// where the platform puts them (or in slices across frames), summaries of the done prefix.
//
// [SECTION] Start and stop
// [SECTION] Poll
#include "app/sim_runner.h"

#include <algorithm>

#include "app/platform.h"
#include "io/book_json.h"
#include "io/policy_json.h"

namespace app {

namespace {

double ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

const char* sim_warmth_name(SimWarmth w) {
  switch (w) {
    case SimWarmth::None: return "none";
    case SimWarmth::Warming: return "warming";
    case SimWarmth::Warm: return "warm";
    case SimWarmth::Failed: return "failed";
  }
  return "none";
}

// ---- [SECTION] Start and stop ------------------------------------------------------------

SimRunner::~SimRunner() { work_.reset(); }  // Joins or terminates before runs_ goes.

bool SimRunner::start(const arlab::Book& book, const arlab::SimRequest& request, std::string* why,
                      std::optional<uint64_t> book_generation) {
  reset();
  arlab::SimPlanPtr plan = arlab::prepare_simulation(book, request, why);
  if (!plan) return false;
  launch(std::move(plan), book, request, book_generation);
  return true;
}

bool SimRunner::start_from(const arlab::SimPlan& fitted, const arlab::Book& book,
                           const arlab::SimRequest& request, std::string* why,
                           std::optional<uint64_t> book_generation) {
  arlab::SimPlanPtr plan = arlab::replan(fitted, request.policies, request.runs, why);
  reset();  // After replan: `fitted` may be this runner's own plan.
  if (!plan) return false;
  launch(std::move(plan), book, request, book_generation);
  return true;
}

void SimRunner::launch(arlab::SimPlanPtr plan, const arlab::Book& book,
                       const arlab::SimRequest& request, std::optional<uint64_t> book_generation) {
  request_ = request;
  plan_ = std::move(plan);
  runs_ = arlab::make_runs(*plan_);
  started_ = last_summary_ = std::chrono::steady_clock::now();
  progress_ = SimProgress{};
  progress_.running = true;
  progress_.runs = arlab::sim_runs(*plan_);
  // The worker's plan must be this one: the same book and request, as text (read back to the
  // same values: the book writer and the request writer round-trip).
  SimWorkInput input;
  input.plan = plan_.get();
  input.runs = &runs_;
  input.book_json = [&book] { return arlab::write_book_json(book); };
  input.request_json = [this, &book] { return arlab::write_sim_request(request_, book.minor_digits); };
  input.book_generation = book_generation;
  work_ = platform::start_sim_work(input);
  progress_.where = work_ ? work_->where() : "slices of frames on this page";
}

void SimRunner::cancel() {
  if (!progress_.running) return;
  work_.reset();  // Nothing writes the runs past here.
  progress_.cancelled = true;
  finish();
}

void SimRunner::reset() {
  work_.reset();
  plan_.reset();
  runs_ = arlab::SimRuns{};
  runs_done_ = 0;
  summarized_ = -1;
  progress_ = SimProgress{};
  result_.reset();
}

// The end (all done, cancelled or failed): the last summary, the clock stopped.
void SimRunner::finish() {
  progress_.running = false;
  progress_.elapsed_ms = ms_between(started_, std::chrono::steady_clock::now());
  summarize_now();
}

void SimRunner::summarize_now() {
  if (!plan_ || runs_done_ == summarized_) return;
  if (runs_done_ == 0) {  // Nothing to summarize (cancelled at once): no result.
    summarized_ = 0;
    return;
  }
  auto begin = std::chrono::steady_clock::now();
  result_ = arlab::summarize(*plan_, runs_, runs_done_);
  summarized_ = runs_done_;
  last_summary_ = std::chrono::steady_clock::now();
  last_summary_cost_ms_ = ms_between(begin, last_summary_);
}

// ---- [SECTION] Poll ----------------------------------------------------------------------

bool SimRunner::poll() {
  if (!progress_.running) return false;
  const int32_t total = progress_.runs;
  auto now = std::chrono::steady_clock::now();
  if (work_) {
    runs_done_ = std::min(work_->runs_done(), total);
    std::string error = work_->error();
    if (!error.empty()) {  // Keep what was done; say why the rest was not.
      work_.reset();
      progress_.error = error;
      progress_.runs_done = runs_done_;
      finish();
      return true;
    }
  } else {
    // No platform work: a few milliseconds of runs, one run at a time, on this thread.
    auto slice_end = now + std::chrono::duration<double, std::milli>(slice_ms);
    do {
      arlab::simulate_runs(*plan_, runs_done_, runs_done_ + 1, &runs_);
      ++runs_done_;
    } while (runs_done_ < total && std::chrono::steady_clock::now() < slice_end);
    now = std::chrono::steady_clock::now();
  }
  progress_.runs_done = runs_done_;
  progress_.elapsed_ms = ms_between(started_, now);
  if (runs_done_ >= total) {
    work_.reset();
    finish();
    return true;
  }
  // The first runs are summarized as soon as they are in (the first results on screen); later
  // ones every summary_ms at most.
  const bool first = summarized_ <= 0 && runs_done_ > 0;
  if (runs_done_ > summarized_ &&
      (first || ms_between(last_summary_, now) >= std::max(summary_ms, 4 * last_summary_cost_ms_))) {
    summarize_now();
    return true;
  }
  return false;
}

}  // namespace app
