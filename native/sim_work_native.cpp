// sim_work_native.cpp: app::platform::start_sim_work on the desktop (app/sim_runner.h): one
// std::thread a core (at least one) takes chunks of runs from an atomic counter and fills them
// into the shared SimRuns (core's simulate_runs is thread-safe on disjoint ranges). Chunks end
// in any order; a done flag per chunk lets the UI thread take the longest completed prefix, so
// that what it summarizes does not depend on which thread was quicker.
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "app/platform.h"
#include "app/sim_runner.h"

namespace app::platform {

namespace {

class ThreadWork final : public SimWork {
 public:
  explicit ThreadWork(const SimWorkInput& input)
      : plan_(*input.plan), runs_(input.runs), total_(arlab::sim_runs(*input.plan)) {
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    // Small enough that every thread has work and the prefix moves often; at most 64 runs.
    chunk_ = std::clamp<int32_t>(total_ / int32_t(threads * 8), 1, 64);
    chunks_ = (total_ + chunk_ - 1) / chunk_;
    done_ = std::vector<std::atomic<uint8_t>>(size_t(chunks_));
    threads = std::min<unsigned>(threads, unsigned(std::max(1, chunks_)));
    for (unsigned t = 0; t < threads; ++t) workers_.emplace_back([this] { work(); });
    where_ = std::to_string(threads) + (threads == 1 ? " thread" : " threads");
  }
  ~ThreadWork() override {
    stop_.store(true);
    for (std::thread& t : workers_) t.join();
  }

  int32_t runs_done() override {
    while (prefix_ < chunks_ && done_[size_t(prefix_)].load(std::memory_order_acquire)) ++prefix_;
    return std::min(total_, prefix_ * chunk_);
  }
  std::string error() override { return ""; }
  std::string where() const override { return where_; }

 private:
  void work() {
    for (;;) {
      int32_t k = next_.fetch_add(1);
      if (k >= chunks_) return;
      int32_t begin = k * chunk_, end = std::min(total_, begin + chunk_);
      // A run at a time, so that a cancel waits for one run, not for a whole chunk.
      for (int32_t r = begin; r < end; ++r) {
        if (stop_.load(std::memory_order_relaxed)) return;
        arlab::simulate_runs(plan_, r, r + 1, runs_);
      }
      done_[size_t(k)].store(1, std::memory_order_release);
    }
  }

  const arlab::SimPlan& plan_;
  arlab::SimRuns* runs_;
  int32_t total_ = 0, chunk_ = 1, chunks_ = 0;
  int32_t prefix_ = 0;  // Chunks known done (UI thread only).
  std::atomic<int32_t> next_{0};
  std::atomic<bool> stop_{false};
  std::vector<std::atomic<uint8_t>> done_;
  std::vector<std::thread> workers_;
  std::string where_;
};

}  // namespace

std::unique_ptr<SimWork> start_sim_work(const SimWorkInput& input) {
  if (!input.plan || !input.runs || arlab::sim_runs(*input.plan) <= 0) return nullptr;
  return std::make_unique<ThreadWork>(input);
}

// Threads start at once and the code is compiled ahead: nothing to warm.
SimWarmth warm_sim_work(uint64_t, const std::function<std::string()>&,
                        const std::function<std::string()>&, bool) {
  return SimWarmth::None;
}

}  // namespace app::platform
