// simulate_report.h: the cash backtest of the behaviour model (`arlab simulate --backtest-from`,
// core/simulate.h) as a text table, JSON or CSV.
//
// JSON (amounts as decimal strings like every arlab report; the simulated mean rounded to
// minor units; errors as shares with 4 decimals, null when no month had cash):
//   {"from": "2013-01-01", "to": "2013-12-31", "runs": 500, "seed": 1, "currency": "USD",
//    "model": {"profiles", "censored", "min_history", "never_days",
//              "month_shocks" (months of history drawn from; null when off),
//              "trend_months", "trend_days_per_month" (the drift's months and fitted slope;
//              null when there is no trend), "payments", "weekend_share",
//              "business_days", "customers_run_day" (core/simulate.h "Business days"),
//              "customers_own",
//              "customers_grade", "customers_book", "book_mean_days",
//              "book": {"median_days", "mean_days", "p90_days", "partial_share",
//                       "disputed_share", "lost_share"}},
//    "open_invoices", "new_invoices", "practice_draws",
//    "months": [{"from", "to", "actual", "mean", "p5", "p95", "inside", "due_date",
//                "average"}],
//    "mape": {"simulated", "due_date", "average"}, "months_scored",
//    "inside_band", "month_count", "band": "5th-95th percentile"}
//
// The policy simulator (`arlab simulate BOOK --policy A.json ...`, core/policy_sim.h): the
// result of the policies compared, a sweep over one parameter, a tornado of the assumptions.
// Money as decimal strings with the book's digits (means rounded to minor units), DSO in days
// (2 decimals), ratios as shares of 1 (4 decimals); a band is {"mean", "p5", "p95"} over the
// runs (the 5th and 95th percentiles, nearest rank).
//   {"format": "arlab-sim-result/1", "from", "to", "months", "runs", "runs_done", "seed",
//    "currency", "band": "5th-95th percentile",
//    "model": {"open_invoices", "new_invoices", "customers_own", "customers_grade",
//              "customers_book", "growth"},
//    "metrics": [{"name": "cash", "label": "Cash collected", "unit": "amount"|"days"|"share"}],
//    "policies": [{"name", "total": {METRIC: BAND, ...}, "difference": {METRIC: BAND} (null for
//                  the baseline), "months": [{"from", "to", METRIC: BAND, ...}],
//                  "salespeople": [{"id", "name", "sales", "cash", "commission",
//                                   "collection_rate": BAND}],
//                  "waterfall": [{"step", "change"}] (null for the baseline)}],
//    "assumptions": [{"name", "label", "value", "source"}]}
// CSV: policy,scope,from,to,metric,mean,p5,p95 (scope month, total or difference).
// Sweep JSON: {"param", "label", "metric", "difference": true, "policy", "points":
//   [{"value": "2%", "mean", "p5", "p95"}]}; tornado JSON: {"metric", "policy", "against",
//   "base", "bars": [{"param", "label", "low_value", "high_value", "low", "high", "swing"}]}.
#pragma once
#include <string>
#include <vector>

#include "core/book.h"
#include "core/policy_sim.h"
#include "core/simulate.h"

namespace arlab {

// What the fitted model holds, in four lines ("Model: ...", "Book: ...", "Month shocks: ...",
// "Pay days: ..."), each ended by a newline: the table's header and the app's Backtest view.
std::string model_summary(const BehaviourModel& model);
std::string backtest_table(const Book& book, const Backtest& test);
std::string backtest_json(const Book& book, const Backtest& test);
std::string backtest_csv(const Book& book, const Backtest& test);

// ---- [SECTION] Policy simulation -------------------------------------------------------------
std::string policy_table(const Book& book, const SimResult& result);
std::string policy_json(const Book& book, const SimResult& result);
std::string policy_csv(const Book& book, const SimResult& result);

// A sweep of `policy` (its name) over `param`.
std::string sweep_table(const Book& book, const SweepResult& sweep, const std::string& policy);
std::string sweep_json(const Book& book, const SweepResult& sweep, const std::string& policy);
std::string sweep_csv(const Book& book, const SweepResult& sweep, const std::string& policy);

// The tornado of policy b (`policy`) against a (`against`).
std::string tornado_table(const Book& book, const TornadoResult& t, const std::string& policy,
                          const std::string& against);
std::string tornado_json(const Book& book, const TornadoResult& t, const std::string& policy,
                         const std::string& against);
std::string tornado_csv(const Book& book, const TornadoResult& t, const std::string& policy,
                        const std::string& against);

// Every parameter of a policy (core/policy.h sim_params()): name, unit, default, range and
// source, as a table (`arlab simulate --list-params`, docs/SIMULATION.md) or JSON.
std::string sim_params_table(int minor_digits);
std::string sim_params_json(int minor_digits);

}  // namespace arlab
