// sim_work_web.cpp: app::platform::start_sim_work in the browser (app/sim_runner.h). A Web
// Worker (web/sim_worker.js) runs a second, small WebAssembly module of core + io
// (web/sim_worker.cpp, arlab-sim-worker.js/.wasm): it is sent the book and the request as JSON,
// prepares the same plan and posts finished chunks of runs back as ArrayBuffers of int64. The
// page's JS (web/library_arlab.js) copies each chunk straight into this module's SimRuns,
// where arlab_web_sim_target says, and tells arlab_web_sim_chunk_done. Cancel (the work's
// destructor) terminates the Worker: nothing is written after it.
// No Worker (arlab_js_sim_start returns 0): nullptr, and the runner works in frame slices.
#include <emscripten.h>

#include <algorithm>
#include <map>
#include <vector>

#include "app/platform.h"
#include "app/sim_runner.h"

extern "C" {
int arlab_js_sim_start(int job, const char* book, int book_size, const char* request,
                       int request_size, int runs, int chunk);
void arlab_js_sim_stop(int job);
}

namespace {

class WorkerWork;

std::map<int, WorkerWork*>& jobs() {
  static std::map<int, WorkerWork*> j;
  return j;
}

class WorkerWork final : public app::SimWork {
 public:
  WorkerWork(int job, const app::SimWorkInput& input)
      : job_(job), runs_(input.runs), total_(arlab::sim_runs(*input.plan)) {
    chunk_ = std::clamp<int32_t>(total_ / 32, 1, 64);
    done_.assign(size_t((total_ + chunk_ - 1) / chunk_), 0);
    jobs()[job_] = this;
  }
  ~WorkerWork() override {
    arlab_js_sim_stop(job_);
    jobs().erase(job_);
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
  int job_;
  arlab::SimRuns* runs_;
  int32_t total_ = 0, chunk_ = 1;
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
  static int next_job = 0;
  if (!input.plan || !input.runs || arlab::sim_runs(*input.plan) <= 0) return nullptr;
  if (!input.book_json || !input.request_json) return nullptr;
  int job = ++next_job;
  auto work = std::make_unique<WorkerWork>(job, input);
  std::string book = input.book_json(), request = input.request_json();
  if (!arlab_js_sim_start(job, book.data(), int(book.size()), request.data(), int(request.size()),
                          arlab::sim_runs(*input.plan), work->chunk())) {
    return nullptr;  // No Worker here: frame slices (the destructor stops nothing).
  }
  return work;
}

}  // namespace app::platform

// Called by web/library_arlab.js for each message of the Worker.
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

}  // extern "C"
