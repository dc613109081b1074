// budget_report.h: the budget against the actuals month by month (core/budget.h) as JSON,
// CSV and a text table.
//
// Per month: month ("2025-01"), from, to, days, credit_sales, ar_end, overdue_end, dso,
// dso_target, dso_met, overdue_ratio, overdue_ratio_target, overdue_ratio_met. Amounts are
// decimal strings; dso and its target JSON numbers with 2 decimals, ratios and their target
// with 4 (as metrics_report.h prints them; targets exactly, from their integers); met is
// true, false, or null when there is no target or the actual is undefined (no credit sales:
// no DSO; nothing open at the month's end: no overdue ratio). A book without a budget gives
// null targets (and null met) everywhere.
//
// Usage:
//   BudgetReport r = compute_budget_report(book, from, to);
//   std::string json = budget_json(book, r);
#pragma once
#include <string>

#include "core/book.h"
#include "core/budget.h"

namespace arlab {

// {"from", "to", "currency", "dso_target", "overdue_ratio_target", "months": [...],
//  "dso_met", "dso_missed", "overdue_ratio_met", "overdue_ratio_missed"}
std::string budget_json(const Book& book, const BudgetReport& report);
// Header `month,from,to,days,credit_sales,...,overdue_ratio_met`, one line a month; a null
// is an empty field.
std::string budget_csv(const Book& book, const BudgetReport& report);
// A title with the targets, one line a month (met / missed / -), and the counts.
std::string budget_table(const Book& book, const BudgetReport& report);

}  // namespace arlab
