// fuzz_commission_plan.cpp: libFuzzer target for the commission plan reader and writer
// (io/commission_plan.h, docs/COMMISSION.md).
//
// Any bytes must be read or refused with problems, each with a message, a place (the one
// whole-document problem excepted), a bounded length and never nlohmann's own text. A plan
// that is read writes back (write_commission_plan) to JSON that reads again and writes the
// same bytes. The minor digits (2, 0 or 3: USD, JPY, KWD) follow the input's size, so that
// each corpus file is read under one of them. Never a crash, leak or UB (ASan + UBSan).
//   fuzz/run.sh --target fuzz_commission_plan --minutes 10     longer runs by hand
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "io/commission_plan.h"

namespace {

using fuzz::check_problems;
using fuzz::require;
// The one problem without a place.
constexpr std::string_view kWholeDocument = "not a JSON object";


}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int digits = size % 3 == 0 ? 2 : size % 3 == 1 ? 0 : 3;
  arlab::CommissionPlan plan;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_commission_plan(text, digits, &plan, &problems)) {
    check_problems(problems, kWholeDocument);
    return 0;
  }
  require(problems.empty());
  const std::string written = arlab::write_commission_plan(plan, digits);
  arlab::CommissionPlan again;
  require(arlab::read_commission_plan(written, digits, &again, &problems));
  require(arlab::write_commission_plan(again, digits) == written);
  return 0;
}
