// commission_plan.h: commission plans as JSON ("arlab-commission-plan/1", docs/COMMISSION.md).
//
// The reader is strict: an unknown member, a member given twice, a percentage written as a
// JSON number or as an ambiguous "80", a tier out of order... is an error with its place
// (`gates.collection_rate_min`, `tiers[1].from`, `line 4, column 9` for syntax), since a
// manager's typo must not silently change anyone's pay. After the members, the plan's own
// rules run (core/commission.h validate_commission_plan); their places are the same paths,
// which is also what the app's plan editor shows. Amounts are decimal strings with the book's
// minor digits ("100000.00"); percentages "5%" or fractions "0.05"; days and periods integers.
//
// The writer is canonical (fixed member order, 2-space indentation, defaults left out) and
// round-trips: read(write(plan)) == plan, and write(read(write(plan))) == write(plan).
//
// Usage:
//   arlab::CommissionPlan plan;
//   std::vector<arlab::Problem> problems;
//   if (!arlab::read_commission_plan(text, book.minor_digits, &plan, &problems))
//     std::cerr << arlab::format_problems("plan.json", problems);
//   std::string json = arlab::write_commission_plan(plan, book.minor_digits);
//
// Tests Status: tests/core/test_commission.cpp (suite "commission": reader errors, round trip),
// tests/cli/cmd-commission.test.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"
#include "core/commission.h"

namespace arlab {

// On any problem returns false; *out is then partly filled and must not be used.
bool read_commission_plan(std::string_view json_text, int minor_digits, CommissionPlan* out,
                          std::vector<Problem>* problems);

std::string write_commission_plan(const CommissionPlan& plan, int minor_digits);

}  // namespace arlab
