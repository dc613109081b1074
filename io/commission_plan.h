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
// A statement paid earlier (`arlab commission --paid PREVIOUS.json`, the app's "Load paid
// statement"; "arlab-commission/1" written by commission_json with lines, io/commission_report.h)
// is read by read_paid_statement: from, to and the lines (salesperson, rule, invoice,
// source, date, amount); everything else in it is passed over. It streams (a statement may
// hold a line per allocation of a big book) and its places are paths too
// (`salespeople[0].lines[3].amount`).
//
// Hostile files: both readers refuse nesting deeper than 64 levels, numbers beyond a double
// and syntax errors with one located problem, cut every value they quote to 40 bytes, and
// list at most kProblemsMax problems (io/json_text.h).
//
// Usage:
//   arlab::CommissionPlan plan;
//   std::vector<arlab::Problem> problems;
//   if (!arlab::read_commission_plan(text, book.minor_digits, &plan, &problems))
//     std::cerr << arlab::format_problems("plan.json", problems);
//   std::string json = arlab::write_commission_plan(plan, book.minor_digits);
//   arlab::CommissionPaid paid;
//   if (!arlab::read_paid_statement(previous_text, book.minor_digits, &paid, &problems,
//                                   book.currency)) ...
//
// Tests Status: tests/core/test_commission.cpp (suite "commission": reader errors, round trip,
// paid statements), tests/cli/cmd-commission.test, tests/cli/hostile-files.test,
// fuzz/fuzz_commission_plan.cpp, fuzz/fuzz_commission_paid.cpp.
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

// The from, to and lines of a statement written by commission_json with lines, amounts read
// with `minor_digits`. With `currency` (the book's), a statement in another currency is
// refused at "currency": its amounts are not the book's money. On any problem returns false;
// *out must then not be used.
bool read_paid_statement(std::string_view json_text, int minor_digits, CommissionPaid* out,
                         std::vector<Problem>* problems, std::string_view currency = {});

}  // namespace arlab
