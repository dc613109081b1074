// sim_runner.h: the policy simulator run off the UI thread (issue 12). The Simulation page
// starts a run, polls it every frame and cancels it; the page never waits for it.
//
// The split (core/policy_sim.h): the UI thread prepares the plan (fit and jobs) and keeps the
// SimRuns; the runs are filled elsewhere, in chunks, and the UI thread summarizes the longest
// prefix of runs that is complete, so that results arrive run by run and are the same bytes
// whatever the split (run r depends only on the seed and r).
//
// Where the runs are filled is the platform's (app/platform.h `start_sim_work`):
// - natively, std::thread workers, one a core, taking chunks of runs from an atomic counter
//   (native/sim_work_native.cpp);
// - in the browser, a Web Worker running a small WebAssembly module of core + io
//   (web/sim_worker.cpp): it is sent the book and the request as JSON, prepares the same plan
//   and posts finished chunks back (web/sim_work_web.cpp copies them into the SimRuns). A spare
//   Worker is warmed while the Simulation page is shown (platform::warm_sim_work): it holds the
//   book of a generation, parsed, its model fitted and its engine run a little; a run on that
//   generation takes it and sends only the request (no book text made or sent);
// - nowhere (nullptr: the tests' fake platform, a browser without Worker): the runner fills a
//   few milliseconds of runs in each poll, on the UI thread, in slices across frames.
//
// Usage:
//   app::SimRunner runner;
//   std::string why;
//   if (!runner.start(book, request, &why)) ...     // a bad request: why in words
//   every frame: runner.poll();  runner.progress().runs_done ...  runner.result()
//   runner.cancel();                                 // keeps the runs done: a partial result
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/policy_sim.h"

namespace app {

// ---- [SECTION] The platform's side --------------------------------------------------------

// What the platform is given: the plan (kept alive by the runner until the work is gone), the
// runs to fill (sized by make_runs; each run written once, by one worker), and for a worker
// that prepares its own plan (the browser's) the book and the request as text, made on demand:
// book_json is not called when a spare Worker already holds the book of `book_generation`.
struct SimWorkInput {
  const arlab::SimPlan* plan = nullptr;
  arlab::SimRuns* runs = nullptr;
  std::function<std::string()> book_json;
  std::function<std::string()> request_json;
  std::optional<uint64_t> book_generation;  // State::book_generation; none: not known.
};

// How the spare Worker is (platform::warm_sim_work): none (natively, in the tests, before the
// first call, after a run took it), warming (the book sent, read, the engine run), warm (a run
// on its book starts at once), failed (the next run goes the cold way: a new Worker, the book).
enum class SimWarmth : uint8_t { None, Warming, Warm, Failed };
const char* sim_warmth_name(SimWarmth w);  // "none", "warming", "warm", "failed".

// Work under way. Destroying it stops it (workers joined, the Worker terminated): after the
// destructor nothing writes the runs any more.
class SimWork {
 public:
  virtual ~SimWork() = default;
  // The runs [0, n) that are all in the SimRuns now: the longest completed prefix.
  virtual int32_t runs_done() = 0;
  // "" while all is well; why the work stopped otherwise ("the worker could not read ...").
  virtual std::string error() = 0;
  // "4 threads", "a Web Worker": shown beside the progress bar.
  virtual std::string where() const = 0;
};

// ---- [SECTION] The runner -----------------------------------------------------------------

struct SimProgress {
  bool running = false;
  bool cancelled = false;    // Stopped by the user: the result covers runs_done runs only.
  int32_t runs_done = 0, runs = 0;
  double elapsed_ms = 0;     // From start to now (or to the end).
  std::string where;         // Where the runs are filled: "4 threads", "frames on this page".
  std::string error;         // Why it failed ("" if it did not).
};

class SimRunner {
 public:
  SimRunner() = default;
  SimRunner(const SimRunner&) = delete;
  SimRunner& operator=(const SimRunner&) = delete;
  ~SimRunner();

  // Prepares the plan on this thread and starts the runs; false and *why (core's words) for a
  // request prepare_simulation refuses. A run under way is cancelled first.
  // `book_generation` (State::book_generation), when given, lets a spare Worker holding that
  // book take the runs.
  bool start(const arlab::Book& book, const arlab::SimRequest& request, std::string* why,
             std::optional<uint64_t> book_generation = std::nullopt);
  // The same on the fit of `fitted` (core's replan: no second fit on this thread), for a request
  // on the same book, start and horizon with other policies or runs (the tornado's cases).
  bool start_from(const arlab::SimPlan& fitted, const arlab::Book& book,
                  const arlab::SimRequest& request, std::string* why,
                  std::optional<uint64_t> book_generation = std::nullopt);
  // Takes what has been done since the last poll (and in the slices fallback, does some); the
  // result is summarized as soon as the first runs are done, then again when more runs are done
  // and at least `summary_ms` passed since the last summary, and always at the end. True when
  // result() changed.
  bool poll();
  // Stops the runs; the result keeps the runs done so far, marked cancelled.
  void cancel();
  // Forgets everything (a new book).
  void reset();

  const SimProgress& progress() const { return progress_; }
  bool done() const { return !progress_.running && progress_.runs_done == progress_.runs &&
                             progress_.runs > 0; }
  // The summary of the runs done so far (nullopt before the first); its runs_done says which.
  const std::optional<arlab::SimResult>& result() const { return result_; }
  const arlab::SimRequest& request() const { return request_; }
  const arlab::SimPlan* plan() const { return plan_.get(); }

  // Milliseconds of runs a poll does when there is no platform work (slices across frames),
  // and the least time between two summaries while running; a summary also waits four times
  // as long as the last one took (sorting every cell's runs: ~100 ms for 3,000 runs in
  // WebAssembly), so that summaries take at most a fifth of the UI thread.
  double slice_ms = 8;
  double summary_ms = 150;

 private:
  void summarize_now();
  void finish();
  void launch(arlab::SimPlanPtr plan, const arlab::Book& book, const arlab::SimRequest& request,
              std::optional<uint64_t> book_generation);

  arlab::SimRequest request_;
  arlab::SimPlanPtr plan_;
  arlab::SimRuns runs_;
  std::unique_ptr<SimWork> work_;  // nullptr: slices across frames.
  int32_t runs_done_ = 0;          // Complete prefix.
  int32_t summarized_ = -1;        // runs_done of result_.
  std::chrono::steady_clock::time_point started_, last_summary_;
  double last_summary_cost_ms_ = 0;
  SimProgress progress_;
  std::optional<arlab::SimResult> result_;
};

}  // namespace app
