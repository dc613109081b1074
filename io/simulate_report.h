// simulate_report.h: the cash backtest of the behaviour model (`arlab simulate --backtest-from`,
// core/simulate.h) as a text table, JSON or CSV.
//
// JSON (amounts as decimal strings like every arlab report; the simulated mean rounded to
// minor units; errors as shares with 4 decimals, null when no month had cash):
//   {"from": "2013-01-01", "to": "2013-12-31", "runs": 500, "seed": 1, "currency": "USD",
//    "model": {"profiles", "censored", "min_history", "never_days",
//              "month_shocks" (months of history drawn from; null when off), "customers_own",
//              "customers_grade", "customers_book", "book_mean_days",
//              "book": {"median_days", "mean_days", "p90_days", "partial_share",
//                       "disputed_share", "lost_share"}},
//    "open_invoices", "new_invoices", "practice_draws",
//    "months": [{"from", "to", "actual", "mean", "p5", "p95", "inside", "due_date",
//                "average"}],
//    "mape": {"simulated", "due_date", "average"}, "months_scored",
//    "inside_band", "month_count", "band": "5th-95th percentile"}
#pragma once
#include <string>

#include "core/book.h"
#include "core/simulate.h"

namespace arlab {

std::string backtest_table(const Book& book, const Backtest& test);
std::string backtest_json(const Book& book, const Backtest& test);
std::string backtest_csv(const Book& book, const Backtest& test);

}  // namespace arlab
