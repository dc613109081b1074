// metrics_report.h: receivables metrics (core/metrics.h) as JSON, CSV and a text table.
//
// Every metrics object has the members of docs/METRICS.md, in this order: from, to, days,
// credit_sales ... interest_to_bad_debt. Amounts are decimal strings ("1200.50"), days and
// percentages JSON numbers with 2 decimals, ratios with 4, an undefined ratio `null`. The
// numbers are printed by format_fixed: the double's exact value rounded half up with integer
// arithmetic, so native and WebAssembly builds print the same digits.
//
// Usage:
//   Metrics total = compute_metrics(book, from, to, rate_bp);
//   std::vector<MetricsRow> rows = compute_metrics_by(book, from, to, rate_bp, MetricsBy::Month);
//   std::string json = metrics_json(book, total, &rows);   // nullptr: no "rows" member
#pragma once
#include <string>
#include <vector>

#include "core/book.h"
#include "core/metrics.h"

namespace arlab {

// {"from", "to", "days", "currency", "rate", <metrics>, ["rows": [{"key", <metrics>}...]]}
std::string metrics_json(const Book& book, const Metrics& total,
                         const std::vector<MetricsRow>* rows);
// Header `key,from,to,days,credit_sales,...`; one line per row, then the TOTAL line.
std::string metrics_csv(const Book& book, const Metrics& total,
                        const std::vector<MetricsRow>* rows);
// Without rows: one metric a line. With rows: the main columns, one row per key, then TOTAL.
std::string metrics_table(const Book& book, const Metrics& total,
                          const std::vector<MetricsRow>* rows);

// A figure as it is printed: format_fixed(50.5555, 2) == "50.56", (89.125, 2) == "89.13"
// (half up, from the double's exact value); "null" for a NaN or an infinity.
std::string format_fixed(double value, int decimals);

}  // namespace arlab
