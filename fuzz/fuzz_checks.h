// fuzz_checks.h: what every reader's fuzz target asserts about a rejection (issue 9,
// "Hostile files are harmless"): at most kProblemsMax problems, each with a message and a
// place (but for the one whole-document problem, whose message starts with
// `whole_document`), bounded in length, never nlohmann's own text.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/book.h"

namespace fuzz {

constexpr size_t kProblemTextMax = 600;  // place + message: the longest known is ~300.

inline void require(bool ok) {
  if (!ok) __builtin_trap();
}

inline void check_problems(const std::vector<arlab::Problem>& problems,
                           std::string_view whole_document) {
  require(!problems.empty());
  require(problems.size() <= arlab::kProblemsMax);
  for (const arlab::Problem& p : problems) {
    require(!p.message.empty());
    require(!p.place.empty() || p.message.rfind(whole_document, 0) == 0);
    require(p.place.size() + p.message.size() <= kProblemTextMax);
    require(p.message.rfind("[json.exception", 0) != 0);  // nlohmann's own text.
  }
}

}  // namespace fuzz
