// training_fixtures.h: what the training suites share (tests/core/test_training*.cpp): a
// scenario read or the test stopped with its first problem, a civil date, and the FNV-1a hash
// of a game's written book for the golden hashes (the same natively and in WebAssembly).
#pragma once
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/scenario.h"
#include "io/scenario_json.h"

namespace training_test {

inline arlab::Date ymd(int y, int m, int d) { return arlab::date_from_ymd(y, m, d); }

inline arlab::Scenario read_ok(std::string_view text) {
  arlab::Scenario s;
  std::vector<arlab::Problem> problems;
  const bool ok = arlab::read_scenario(text, &s, &problems);
  INFO((problems.empty() ? std::string() : problems[0].place + ": " + problems[0].message));
  REQUIRE(ok);
  return s;
}

inline uint64_t fnv(std::string_view bytes) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace training_test
