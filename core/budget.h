// budget.h: the receivables budget (book.h `Budget`) against the actuals, month by month.
//
// The practice sets targets for the receivables and compares each month with them
// (../shared/domain/README.md, "Management reporting"). arlab keeps two targets in the book:
// DSO in hundredths of a day and the overdue ratio in basis points. Each month of a period
// is the month row of compute_metrics_by(Month) (its DSO = ar_end / credit_sales x days,
// its overdue ratio = overdue_end / ar_end at the month's end), and a target is met when
// the actual is at or below it. The comparison is exact, in integers:
//   DSO met            <=>  ar_end x days x 100 <= target_centidays x credit_sales
//   overdue ratio met  <=>  overdue_end x 10000 <= target_bp x ar_end
// Met is unknown (nullopt) when there is no target or the actual is undefined (no credit
// sales in the month: no DSO; nothing open at its end: no overdue ratio).
//
// The book format writes the targets as strings (docs/FORMAT.md, "Budget"):
//   "dso_days": "45" (or "45.5", at most 2 decimals, 0 to 3650 days);
//   "overdue_ratio": "15%" (at most 2 decimals) or a fraction "0.15" (at most 4 decimals),
//   0 to 100%. JSON numbers are read from their exact text the same way (45, 0.15).
//
// Usage:
//   int32_t centidays, bp;  std::string why;
//   arlab::parse_dso_target("45", &centidays, &why);            // 4500
//   arlab::parse_overdue_ratio_target("15%", &bp, &why);        // 1500 ("0.15" too)
//   arlab::format_overdue_ratio_target(1525) == "15.25%"
//   arlab::BudgetReport r = arlab::compute_budget_report(book, from, to);
//   r.months[0].dso_met == true
//
// Tests Status: tests/core/test_budget.cpp (suite "budget"), tests/cli/cmd-budget.test.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "book.h"
#include "metrics.h"

namespace arlab {

constexpr int32_t kDsoTargetCentidaysMax = 365000;   // 3650 days, as terms_days.
constexpr int32_t kOverdueRatioTargetBpMax = 10000;  // 100%.

// "45", "45.5", "45.25" -> 4500, 4550, 4525. False with *why ("has more than 2 decimal
// places", "must not be negative", "is more than 3650 days").
bool parse_dso_target(std::string_view text, int32_t* centidays, std::string* why);
// "15%", "15.25%" (percent, at most 2 decimals) or "0.15", "0.1525", "1" (a fraction, at
// most 4 decimals) -> basis points. False with *why.
bool parse_overdue_ratio_target(std::string_view text, int32_t* bp, std::string* why);
// The canonical text: 4500 -> "45", 4550 -> "45.5"; 1500 -> "15%", 1525 -> "15.25%".
std::string format_dso_target(int32_t centidays);
std::string format_overdue_ratio_target(int32_t bp);
// Checks a Budget's ranges (-1 = no target); false with the place ("budget.dso_days").
bool budget_valid(const Budget& budget, Problem* problem);

// Is the actual at or below the target? nullopt: no target (< 0) or no actual.
std::optional<bool> dso_meets(const Metrics& month, int32_t target_centidays);
std::optional<bool> overdue_ratio_meets(const Metrics& month, int32_t target_bp);

struct BudgetMonth {
  std::string key;  // "2025-01".
  Metrics metrics;  // The month row of compute_metrics_by(..., MetricsBy::Month).
  std::optional<bool> dso_met;
  std::optional<bool> overdue_ratio_met;
};

struct BudgetReport {
  Budget budget;
  Date from, to;
  std::vector<BudgetMonth> months;
  int32_t dso_met_count = 0, dso_missed_count = 0;  // Months with a known answer.
  int32_t overdue_ratio_met_count = 0, overdue_ratio_missed_count = 0;
};

// The month rows (as compute_metrics_by gives them) against `budget`.
BudgetReport compare_to_budget(const Budget& budget, const std::vector<MetricsRow>& months);
// Every calendar month meeting [from, to] (clipped to it) against book.budget. Needs a
// built index; an empty report when to < from.
BudgetReport compute_budget_report(const Book& book, Date from, Date to,
                                   int32_t rate_bp = kDefaultRateBp);

}  // namespace arlab
