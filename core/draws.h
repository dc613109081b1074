// draws.h: counter-based draws for the Monte Carlo engines (the policy simulator,
// core/policy_sim.cpp; the training game, core/training_game.cpp). A draw is a hash of what it
// is for (seed, run or week, job or customer, purpose) rather than the next number of a shared
// stream, so the same draw comes out whatever order the work goes in, and the same bits
// natively and in WebAssembly (integer arithmetic only).
//
// Usage:
//   uint64_t h = arlab::mix(seed ^ arlab::mix(customer));
//   uint64_t day = arlab::below(h, 30);   // 0..29
#pragma once
#include <cstdint>

namespace arlab {

// splitmix64's finalizer: a well-mixed 64-bit hash of x.
inline uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A hash scaled to 0..n-1 (the high bits of h x n: no modulo bias worth the name, no division).
inline uint64_t below(uint64_t h, uint64_t n) {
  return uint64_t((static_cast<unsigned __int128>(h) * n) >> 64);
}

}  // namespace arlab
