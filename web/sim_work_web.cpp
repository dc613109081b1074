// sim_work_web.cpp: app::platform::start_sim_work and warm_sim_work in the browser
// (app/sim_runner.h). A Web Worker (web/sim_worker.js) runs a second, small WebAssembly module
// of core + io (web/sim_worker.cpp, arlab-sim-worker.js/.wasm): it prepares the same plan as
// the page's and posts finished chunks of runs back as ArrayBuffers of int64. The page's JS
// (web/library_arlab.js) copies each chunk straight into this module's SimRuns, where
// arlab_web_sim_target says, and tells arlab_web_sim_chunk_done. Cancel (the work's destructor)
// terminates the Worker: nothing is written after it.
//
// The spare. A Worker starts slowly: it loads and compiles its module, reads the book (MBs of
// JSON), fits the model, and runs its first runs in the browser's baseline code. So while the
// Simulation page is shown, one spare Worker is warmed ahead (warm_sim_work): sent the book of a
// generation and the page's request for a few runs, it reads and keeps the book, fits, runs
// them, and says it is ready. A run on that generation takes the spare and sends it only the
// request (the book's text is neither made nor sent); the Worker prepares on its book, on its
// fit when the start, horizon, seed and fit options are the same (core's replan). Otherwise a
// new Worker is sent the book, as before the spare. A run that ends with all its runs leaves its
// Worker as the spare (it holds the book and is warm): the next run, or a tornado's next case,
// starts on it. A spare of another generation is stopped; one that failed is not made again for
// the same generation (its runs go the cold way).
// No Worker (arlab_js_sim_start returns 0): nullptr, and the runner works in frame slices.
#include <emscripten.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "app/platform.h"
#include "app/sim_runner.h"

extern "C" {
int arlab_js_sim_start(int job, const char* book, int book_size, const char* request,
                       int request_size, int runs, int chunk);
int arlab_js_sim_start_spare(int job, int spare, const char* request, int request_size, int runs,
                             int chunk);
void arlab_js_sim_stop(int job);
int arlab_js_sim_warm(int spare, const char* book, int book_size, const char* request,
                      int request_size);
void arlab_js_sim_keep(int job, int spare);
void arlab_js_sim_spare_stop(int spare);
}

namespace {

using app::SimWarmth;

int next_id() {
  static int id = 0;  // Jobs and spares: one count, so that an id names one Worker.
  return ++id;
}

// The spare Worker, as this side knows it.
struct Spare {
  int id = 0;                          // Its Worker (0: none).
  std::optional<uint64_t> generation;  // The book it holds (or was tried with).
  SimWarmth warmth = SimWarmth::None;
};

Spare& spare() {
  static Spare s;
  return s;
}

void stop_spare() {
  Spare& s = spare();
  if (s.id) arlab_js_sim_spare_stop(s.id);
  s = Spare{};
}

class WorkerWork;

std::map<int, WorkerWork*>& jobs() {
  static std::map<int, WorkerWork*> j;
  return j;
}

class WorkerWork final : public app::SimWork {
 public:
  WorkerWork(int job, const app::SimWorkInput& input)
      : job_(job), runs_(input.runs), total_(arlab::sim_runs(*input.plan)),
        generation_(input.book_generation) {
    // Small chunks: the first results come after 16 runs, not 64 (a cold Worker's first runs
    // take ~6 ms each on the benchmark's book). Every chunk the same size (target() checks).
    chunk_ = std::clamp<int32_t>(total_ / 32, 1, 16);
    done_.assign(size_t((total_ + chunk_ - 1) / chunk_), 0);
    jobs()[job_] = this;
  }
  ~WorkerWork() override {
    jobs().erase(job_);
    if (!keep_as_spare()) arlab_js_sim_stop(job_);
  }
  int32_t chunk() const { return chunk_; }

  int32_t runs_done() override {
    while (prefix_ < done_.size() && done_[prefix_]) ++prefix_;
    return std::min<int32_t>(total_, int32_t(prefix_) * chunk_);
  }
  std::string error() override { return error_; }
  std::string where() const override { return "a Web Worker"; }

  // Where a chunk's bytes go: the cells (which 0) or the people's figures (1) of runs
  // [begin, end); nullptr when the chunk or its size is not what this plan expects.
  int64_t* target(int32_t begin, int32_t end, int which, int32_t bytes) {
    if (begin < 0 || end > total_ || begin >= end || begin % chunk_ != 0) return nullptr;
    std::vector<int64_t>& v = which == 0 ? runs_->cells : runs_->person;
    size_t per_run = v.size() / size_t(std::max(1, total_));
    size_t count = per_run * size_t(end - begin);
    if (bytes < 0 || size_t(bytes) != count * sizeof(int64_t)) return nullptr;
    return v.data() + per_run * size_t(begin);
  }
  void chunk_done(int32_t begin) {
    size_t k = size_t(begin / chunk_);
    if (k < done_.size()) done_[k] = 1;
  }
  void fail(const char* why) {
    if (error_.empty()) error_ = why && *why ? why : "the Web Worker stopped";
  }

 private:
  // A Worker that did all its runs is idle, holds the book and is warm: it becomes the spare of
  // its generation, unless a warm one is there already. Not one that was cancelled or failed.
  bool keep_as_spare() {
    if (!generation_ || !error_.empty() || runs_done() < total_) return false;
    Spare& s = spare();
    if (s.id && s.generation == generation_ && s.warmth == SimWarmth::Warm) return false;
    stop_spare();
    s.id = next_id();
    s.generation = generation_;
    s.warmth = SimWarmth::Warm;
    arlab_js_sim_keep(job_, s.id);
    return true;
  }

  int job_;
  arlab::SimRuns* runs_;
  int32_t total_ = 0, chunk_ = 1;
  std::optional<uint64_t> generation_;
  std::vector<uint8_t> done_;  // A flag a chunk: chunks may come in any order.
  size_t prefix_ = 0;
  std::string error_;
};

WorkerWork* find_job(int job) {
  auto it = jobs().find(job);
  return it == jobs().end() ? nullptr : it->second;
}

}  // namespace

namespace app::platform {

std::unique_ptr<SimWork> start_sim_work(const SimWorkInput& input) {
  if (!input.plan || !input.runs || arlab::sim_runs(*input.plan) <= 0) return nullptr;
  if (!input.book_json || !input.request_json) return nullptr;
  const int32_t runs = arlab::sim_runs(*input.plan);
  int job = next_id();
  auto work = std::make_unique<WorkerWork>(job, input);
  std::string request = input.request_json();
  // The spare, when it holds this book (warm or still warming: it is further on than a new
  // Worker would be) and has not failed.
  Spare& s = spare();
  if (s.id && input.book_generation && s.generation == input.book_generation &&
      s.warmth != SimWarmth::Failed) {
    const int id = s.id;
    s = Spare{};  // Taken: the next warm_sim_work makes another.
    if (arlab_js_sim_start_spare(job, id, request.data(), int(request.size()), runs, work->chunk()))
      return work;
    arlab_js_sim_spare_stop(id);
  }
  std::string book = input.book_json();
  if (!arlab_js_sim_start(job, book.data(), int(book.size()), request.data(), int(request.size()),
                          runs, work->chunk())) {
    return nullptr;  // No Worker here: frame slices (the destructor stops nothing).
  }
  return work;
}

SimWarmth warm_sim_work(uint64_t book_generation, const std::function<std::string()>& book_json,
                        const std::function<std::string()>& request_json, bool make) {
  Spare& s = spare();
  if (s.generation && *s.generation != book_generation) stop_spare();  // Another book's.
  if (!s.generation && make && book_json && request_json) {
    s.generation = book_generation;  // Tried once a generation, even if no Worker starts.
    const int id = next_id();
    std::string book = book_json(), request = request_json();
    if (arlab_js_sim_warm(id, book.data(), int(book.size()), request.data(), int(request.size()))) {
      s.id = id;
      s.warmth = SimWarmth::Warming;
    }
  }
  return s.warmth;
}

}  // namespace app::platform

// Called by web/library_arlab.js for each message of a Worker.
extern "C" {

EMSCRIPTEN_KEEPALIVE int64_t* arlab_web_sim_target(int job, int begin, int end, int which, int bytes) {
  WorkerWork* w = find_job(job);
  return w ? w->target(begin, end, which, bytes) : nullptr;
}

EMSCRIPTEN_KEEPALIVE void arlab_web_sim_chunk_done(int job, int begin) {
  if (WorkerWork* w = find_job(job)) w->chunk_done(begin);
}

EMSCRIPTEN_KEEPALIVE void arlab_web_sim_failed(int job, const char* why) {
  if (WorkerWork* w = find_job(job)) w->fail(why);
}

// The spare `spare` is warm (ok 1), or could not warm (0: its Worker is stopped; runs on this
// generation go the cold way, and no other spare is made for it).
EMSCRIPTEN_KEEPALIVE void arlab_web_sim_warmed(int spare_id, int ok, const char* why) {
  Spare& s = spare();
  if (s.id != spare_id) return;  // Taken or stopped since.
  if (ok) {
    s.warmth = SimWarmth::Warm;
    return;
  }
  arlab_js_sim_spare_stop(s.id);
  s.id = 0;
  s.warmth = SimWarmth::Failed;
  emscripten_log(EM_LOG_WARN, "arlab: the simulator's spare Worker could not warm: %s",
                 why && *why ? why : "no reason given");
}

}  // extern "C"
