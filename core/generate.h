// generate.h: deterministic synthetic books (the embedded sample, property tests, benchmarks).
//
// Same seed and parameters give the same book on every platform (own PRNG, no <random>
// distributions, whose results differ between standard libraries).
//
// Usage:
//   arlab::GenerateParams p;  p.seed = 1;  p.customers = 40;  p.months = 18;
//   arlab::Book book = arlab::generate_book(p);  // already passes build_index()
#pragma once
#include <cstdint>

#include "book.h"

namespace arlab {

struct GenerateParams {
  uint64_t seed = 1;
  int32_t salespeople = 5;
  int32_t customers = 40;
  int32_t months = 18;
  Date start = date_from_ymd(2024, 7, 1);
  int64_t invoices = 0;  // 0: about 6 invoices per customer per month; else exactly this many.
  bool explicit_allocations = true;  // Most payments name their invoice; some rely on auto.
};

// splitmix64-based generator, identical everywhere.
struct Rng {
  uint64_t state;
  uint64_t next();
  uint64_t below(uint64_t n);            // Uniform in [0, n).
  int64_t between(int64_t lo, int64_t hi);  // Uniform in [lo, hi].
  bool chance(uint32_t per_mille);
};

Book generate_book(const GenerateParams& params);

}  // namespace arlab
