// simulate.h: the behaviour model of issue 12 (incentive modeling / policy simulator), fitted
// from the book, a seeded Monte Carlo of the monthly cash it predicts, and a backtest that
// compares that forecast with the cash actually collected, beside two naive forecasts.
// The method in full, with its figures on the IBM sample and a generated book, is in
// docs/SIMULATION.md.
//
// The model is empirical: each invoice of the history becomes a payment PROFILE, what
// happened to it, relative to its due date and as shares of its amount:
//   events (days after due, minor units, cash or not): its payments (cash), credit notes and
//   write-offs (not cash), in date order; an invoice still open more than never_days past
//   due at the fit date has its open rest "never paid" (a loss, like a write-off).
// History = the invoices dated before the fit date that are settled (brought to zero) before
// it, or open more than never_days past due then. An invoice still open and younger is
// censored (its end is not known yet) and left out: this leans the model to the quicker
// payers of the last never_days (docs/SIMULATION.md, "Not done yet").
// Per invoice, not amount-weighted: a profile is drawn per invoice and scaled to its amount.
//
// Pools and the fallback for thin history: an invoice draws from its customer's profiles when
// the customer has at least min_history (K, default 8) that apply, else from its grade's pool
// (customers with the same Customer::grade), else the whole book's, else the practice's
// recovery by age (below). "Apply": for an invoice still to be issued, every profile; for an
// invoice open at the start, age a = start - due, only the profiles still unsettled at a
// (some of their amount paid, credited or lost after due + a): the draw is conditional on
// its age, and its open amount is spread over what the profile still had to come.
// Recovery by age, when not even the book has K profiles unsettled at that age (the
// practice's defaults, ../shared/domain/README.md): 80% of debts under two years past due
// are collected, 20% of older ones; the collected ones are paid on a day drawn uniformly in
// the next 365 days. A book with K profiles at that age uses its own (its write-offs and
// its long-open invoices are in them).
//
// Parameter uncertainty: a bootstrap. Each Monte Carlo run first resamples every pool (n
// profiles drawn with replacement from its n), then draws each invoice's profile from that
// resample: the spread of the runs holds both the luck of the draw and how little a thin
// history says, so that the bands are wide when the data are thin.
//
// Month shocks: the draws above are independent from invoice to invoice, so over many
// invoices a month's cash comes out nearly the same in every run, while in a real book a
// whole month runs late or early together (a holiday, a quarter end). The fit measures, for
// each calendar month of due dates with at least K settled profiles, how much later than
// their customers' own means its invoices were paid (less the mean of those months); each
// run draws one of those shocks for each month of due dates it simulates and moves every
// payment of the invoices due that month by it (never before the start). This widens the
// bands by what the history shows, not by a chosen factor; it can be turned off
// (FitOptions::month_shocks) and docs/SIMULATION.md shows the backtest with and without.
// Only complete months count: a month of due dates whose last day plus the book's 90th
// percentile of settle days is not before the fit date still has late payers open (censored,
// left out), and would read as early.
//
// Trend: customers drift (IBM's paid about a third of a day earlier each month over 2012-13),
// and a drift carries on past the fit date, where the month shocks, drawn independently, only
// jitter around the history's mean. The fit draws a line through the complete months' shocks
// (the last kTrendMonthsMax of them, at least kTrendMonthsMin); the month shocks become the
// residuals around it. Each run draws its own slope, a bootstrap of the residuals (each
// month's point moved to the line plus a residual drawn with replacement, the least-squares
// slope of those), and moves the payments of invoices due in month t by slope x (t - the
// months' mean t), plus that month's drawn residual shock: a clear drift carries on, a
// doubtful one spreads the runs both ways, and the band widens with the distance from the
// history. FitOptions::trend turns it off.
//
// Business days: a firm's bank credits payments on business days, so a payment due on a
// Saturday arrives on Monday, and a month that ends on a weekend hands its last payments to
// the next month (on a generated book of 200,000 invoices that alone moved 6-7% of August's
// and November's 2025 cash). The fit counts the history's payments made on a Saturday or a
// Sunday; under half of what days spread evenly would give (2/7), the book pays on business
// days and each run moves a simulated payment that falls on a weekend to the Monday after.
// IBM's sample has payments on every day (28% on weekends): there the rule stays off.
// Payment runs: a customer who pays in a weekly run (at least min_history payments, 80% or
// more of them on one weekday) has its simulated payments moved to that weekday, on or after
// the day drawn, so that a month with five of its weekdays gets five runs.
//
// Determinism: every draw comes from core/generate.h's splitmix64 Rng (no <random>
// distributions), money stays integer (a profile's event of e minor units of its P pays
// amount x e / P, rounded down, the last event taking the remainder), and the order of the
// draws is fixed: the same book, seed and runs give the same result bit for bit natively and
// in WebAssembly.
//
// Months: month k covers [add_months(from, k), add_months(from, k + 1)), the last one cut at
// `to`; cash = payments applied to invoices (what the book's applications of kind Payment
// hold), by their date. Credit notes and write-offs bring no cash; a payment's unapplied
// rest (on account) is not forecast and not counted.
//
// Usage:
//   arlab::BehaviourModel m = arlab::fit_behaviour(book, from, {});
//   arlab::CashForecast f = arlab::simulate_cash(book, m, new_invoices, from, to, 500, 1);
//   arlab::Backtest t = arlab::backtest(book, from, to, 500, 1);  // t.months[k].actual_minor
//
// Tests: tests/core/test_simulate.cpp (suite "simulate"), tests/cli/cmd-simulate.test.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "book.h"

namespace arlab {

struct FitOptions {
  uint32_t min_history = 8;    // K: fewer profiles in a pool -> the next pool.
  int32_t never_days = 365;    // Open longer than this past due at the fit date: never paid.
  bool month_shocks = true;    // Draw a shock per month of due dates in each run (below).
  bool trend = true;           // Draw a drift of the shocks in each run (below; needs shocks).
  bool business_days = true;   // Move weekend payments to Monday when the book does (below).
};

// The trend's months: the last kTrendMonthsMax complete months with shocks; fewer than
// kTrendMonthsMin: no trend.
constexpr size_t kTrendMonthsMax = 36;
constexpr size_t kTrendMonthsMin = 6;

// The practice's recovery by age (../shared/domain/README.md), per mille.
constexpr uint32_t kRecoveryYoungPerMille = 800;  // Under two years past due.
constexpr uint32_t kRecoveryOldPerMille = 200;    // Two years or more.
constexpr int32_t kRecoveryOldDays = 730;

struct ProfileEvent {
  int32_t days = 0;         // After the due date (negative: before it).
  int64_t minor = 0;        // Of the invoice's amount.
  bool cash = false;        // A payment; else a credit note, a write-off or never paid.
  bool loss = false;        // A write-off or never paid (not a credit note).
};

// The day of a "never paid" event: after every horizon.
constexpr int32_t kNeverPaidDays = 1 << 28;

struct Profile {
  Index invoice = kNone;
  int64_t amount_minor = 0;
  uint32_t event_first = 0, event_count = 0;  // Into BehaviourModel::events.
  int32_t settle_days = 0;  // Days after due of its last event.
  bool partial = false;     // More than one payment.
  bool disputed = false;    // kInvoiceDisputed, or a credit note on it.
  bool lost = false;        // Written off or never paid in part.
};

// A pool's figures, as the report shows them (per invoice, not amount-weighted).
struct PoolStats {
  uint32_t profiles = 0;
  double mean_days = 0;     // Mean settle days (of the profiles not lost).
  int32_t median_days = 0;  // Of the same; 0 when none.
  int32_t p90_days = 0;
  double partial_share = 0, disputed_share = 0, lost_share = 0;
};

struct BehaviourModel {
  Date fitted_on;
  FitOptions options;
  std::vector<ProfileEvent> events;
  std::vector<Profile> profiles;                 // By invoice index.
  std::vector<std::vector<uint32_t>> customer_pool;  // Profile indices per customer.
  std::vector<std::string> grades;               // Distinct grades, sorted ("" = no grade).
  std::vector<std::vector<uint32_t>> grade_pool;     // Per grades[i].
  std::vector<uint32_t> customer_grade;          // Per customer: index into grades.
  std::vector<uint32_t> book_pool;
  // Figures.
  std::vector<PoolStats> customer_stats, grade_stats;
  PoolStats book_stats;
  uint32_t censored = 0;    // Invoices open at the fit date, not yet never_days past due.
  uint32_t customers_own = 0, customers_grade = 0, customers_book = 0;  // Pool new invoices use.
  double book_mean_days = 0;  // Amount-weighted mean days from due to full payment (naive 2).
  // Month shocks: for each complete calendar month of due dates in the history with at least
  // min_history settled profiles, the mean over them of (settle days - their customer's mean),
  // less the mean of those months' shocks: how much a whole month ran late or early. With
  // the trend, only the trend's months, and each less the trend line's value: rounded to days.
  std::vector<int32_t> month_shocks;  // By month, oldest first.
  // The trend's months (empty: no trend): month keys (year x 12 + month - 1) and their shocks
  // in hundredths of a day (demeaned, not detrended), oldest first; each run's slope is a
  // bootstrap of their residuals (core/policy_sim.cpp draws it in integers: the same bytes
  // everywhere).
  std::vector<int32_t> trend_month, trend_centidays;
  double trend_days_per_month = 0;  // The fitted slope (the report's figure).
  // Business days: the share of the history's payments dated on a weekend (of `payments`),
  // and whether it is under half of 2/7 (then weekend payments move to Monday).
  uint32_t payments = 0;
  double weekend_share = 0;
  bool business_days = false;
  std::vector<int8_t> customer_run_day;  // Per customer: its payment run's weekday, or -1.
  uint32_t customers_run_day = 0;        // Customers with one.
};

// Needs a built index. Uses only documents dated before `fitted_on`.
BehaviourModel fit_behaviour(const Book& book, Date fitted_on, const FitOptions& options = {});

struct MonthCash {
  Date first, last;          // Both included.
  int64_t actual_minor = 0;  // Backtest only.
  double mean_minor = 0;
  int64_t p5_minor = 0, p95_minor = 0;  // Nearest rank over the runs.
  int64_t due_date_minor = 0;   // Naive 1: every invoice paid on its due date.
  int64_t average_minor = 0;    // Naive 2: on due + the book's average delay.
};

struct CashForecast {
  Date from, to;
  int32_t runs = 0;
  uint64_t seed = 0;
  std::vector<MonthCash> months;
  uint32_t open_invoices = 0;    // Open at `from` (dated before it).
  uint32_t new_invoices = 0;     // Given to replay.
  uint32_t practice_draws = 0;   // Invoice draws (all runs) that fell back to recovery by age.
};

// runs x months at most (the runs' monthly cash is kept to take percentiles: 80 MB).
constexpr int64_t kSimulateCellsMax = 10'000'000;

// The months of [from, to] (to >= from), as described above.
std::vector<MonthCash> cash_months(Date from, Date to);

// Runs `runs` (>= 1) Monte Carlo runs of the cash from the invoices open at `from` (dated
// before it; their open amount as of from - 1) and from `new_invoices` (whole amounts), by
// month over [from, to]. Also fills the two naive forecasts. runs x cash_months(from, to).size()
// must not pass kSimulateCellsMax (the caller checks: the CLI says so as a usage error).
CashForecast simulate_cash(const Book& book, const BehaviourModel& model,
                           const std::vector<Index>& new_invoices, Date from, Date to,
                           int32_t runs, uint64_t seed);

struct ForecastError {
  std::optional<double> mape;  // Mean over months with actual > 0 of |forecast - actual| / actual.
  uint32_t months_scored = 0;  // Months with actual > 0.
};

struct Backtest {
  BehaviourModel model;
  CashForecast forecast;
  ForecastError simulated, due_date, average;
  uint32_t inside_band = 0;    // Months with p5 <= actual <= p95.
  uint32_t month_count = 0;
};

// Fits on the documents dated before `from`, replays the invoices dated in [from, to] and
// compares with the payments dated in [from, to]. from <= to.
Backtest backtest(const Book& book, Date from, Date to, int32_t runs, uint64_t seed,
                  const FitOptions& options = {});

// The months of [from, to] with the two naive forecasts and the counts filled, no runs yet.
CashForecast naive_forecast(const Book& book, const BehaviourModel& model,
                            const std::vector<Index>& new_invoices, Date from, Date to,
                            int32_t runs, uint64_t seed);

// The same comparison for a replay run done elsewhere (core/policy_sim.h: a request with
// `replay`, run in slices, threads or a worker, as the app does): the result's runs done so
// far, policy 0, against the book's cash. With the request {from, horizon h, runs, seed,
// {SimPolicy{}}, replay} it equals backtest(book, from, add_months(from, h) - 1, runs, seed).
struct SimPlan;
struct SimResult;
Backtest backtest_of(const Book& book, const SimPlan& plan, const SimResult& result);

}  // namespace arlab
