// fuzz_policy.cpp: libFuzzer target for the simulator's policy and request readers and writers
// (io/policy_json.h, docs/SIMULATION.md "Policy files").
//
// Any bytes must be read or refused with problems, each with a message, a place (the one
// whole-document problem excepted), a bounded length and never nlohmann's own text; both
// readers run on every input. A policy or request that is read writes back to JSON that
// reads again and writes the same bytes. The minor digits (2, 0 or 3: USD, JPY, KWD) follow
// the input's size. Never a crash, leak or UB (ASan + UBSan).
//   fuzz/run.sh --target fuzz_policy --minutes 10     longer runs by hand
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "io/policy_json.h"

namespace {

using fuzz::check_problems;
using fuzz::require;
// The one problem without a place.
constexpr std::string_view kWholeDocument = "not a JSON object";

void policy(std::string_view text, int digits) {
  arlab::SimPolicy p;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_sim_policy(text, digits, &p, &problems)) {
    check_problems(problems, kWholeDocument);
    return;
  }
  require(problems.empty());
  const std::string written = arlab::write_sim_policy(p, digits);
  arlab::SimPolicy again;
  require(arlab::read_sim_policy(written, digits, &again, &problems));
  require(arlab::write_sim_policy(again, digits) == written);
  // The template writes every member: it reads back to the same policy.
  const std::string full = arlab::write_sim_policy_template(p, digits);
  require(arlab::read_sim_policy(full, digits, &again, &problems));
  require(arlab::write_sim_policy(again, digits) == written);
}

void request(std::string_view text, int digits) {
  arlab::SimRequest r;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_sim_request(text, digits, &r, &problems)) {
    check_problems(problems, kWholeDocument);
    return;
  }
  require(problems.empty());
  const std::string written = arlab::write_sim_request(r, digits);
  arlab::SimRequest again;
  require(arlab::read_sim_request(written, digits, &again, &problems));
  require(arlab::write_sim_request(again, digits) == written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int digits = size % 3 == 0 ? 2 : size % 3 == 1 ? 0 : 3;
  policy(text, digits);
  request(text, digits);
  return 0;
}
