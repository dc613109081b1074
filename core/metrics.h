// metrics.h: receivables metrics over a period [from, to] (issue 4; formulas in docs/METRICS.md).
//
// Conventions (docs/METRICS.md has every formula and a worked example):
//   - days = to - from + 1. A document dated D exists as of D (as in aging.h).
//   - Balances are open invoice amounts (invoice_open_minor); unapplied credit is excluded.
//     "current" = 0 or fewer days past due at `to`; "overdue" = 1 or more; "at risk" = 91+.
//   - Amounts are int64 minor units. A ratio is formed in double only at the end, from exact
//     integer numerator and denominator (one division); a zero denominator gives nullopt.
//   - Settle date = date of the reduction (payment, credit note or write-off) that brought
//     the invoice to zero (invoice_settled_date).
//   - interest_cost = sum(amount x days late x rate_bp) / (10000 x 365), summed exactly in
//     __int128 and rounded half up to minor units once, at the end.
//
// Usage:
//   arlab::Metrics m = arlab::compute_metrics(book, from, to, 800, arlab::MetricsFilter{});
//   if (m.dso) printf("%.2f", *m.dso);
//   auto rows = arlab::compute_metrics_by(book, from, to, 800, arlab::MetricsBy::Month);
//   rows[0].key == "2025-01"
//
// Tests Status: tests/core/test_metrics.cpp (suite "metrics"), tests/cli/cmd-metrics.test.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "book.h"

namespace arlab {

constexpr int32_t kDefaultRateBp = 800;      // 8% a year.
constexpr int32_t kRateBpMax = 100000;       // 1000% a year: keeps every product in __int128.
constexpr int32_t kAtRiskDaysPastDue = 90;   // at_risk_ratio counts more than this many days.

// Which documents count: all, one customer's, or those of one salesperson's customers
// (salesperson kNone: customers that have no salesperson).
struct MetricsFilter {
  enum class Kind : uint8_t { All, Customer, Salesperson };
  Kind kind = Kind::All;
  Index index = kNone;
};

struct Metrics {
  Date from, to;
  int32_t days = 0;                        // to - from + 1.
  int32_t rate_bp = kDefaultRateBp;
  int64_t credit_sales_minor = 0;          // Invoices dated in [from, to].
  int64_t cash_collected_minor = 0;        // Payments dated in [from, to] (not credit notes).
  int64_t ar_begin_minor = 0;              // Open as of from - 1.
  int64_t ar_end_minor = 0;                // Open as of to.
  int64_t current_end_minor = 0;           // Open at `to`, 0 or fewer days past due.
  int64_t overdue_end_minor = 0;           // Open at `to`, 1 or more days past due.
  int64_t at_risk_end_minor = 0;           // Open at `to`, more than 90 days past due.
  std::optional<double> dso;               // ar_end / credit_sales x days.
  std::optional<double> countback_dso;     // Month-by-month walk back from `to`.
  bool countback_exhausted = false;        // The walk ran out of sales (see METRICS.md).
  std::optional<double> best_possible_dso; // current_end / credit_sales x days.
  std::optional<double> add;               // dso - best_possible_dso (average days delinquent).
  std::optional<double> cei;               // Collection effectiveness index, percent.
  std::optional<double> collection_rate;   // cash_collected / credit_sales.
  std::optional<double> overdue_ratio;     // overdue_end / ar_end.
  std::optional<double> at_risk_ratio;     // at_risk_end / ar_end.
  int64_t settled_count = 0;               // Invoices whose settle date is in [from, to].
  std::optional<double> avg_days_to_pay;   // Of the settled: settle - invoice date.
  std::optional<double> weighted_days_to_pay;  // Weighted by invoice amount.
  std::optional<double> avg_days_late;     // max(0, settle - due).
  std::optional<double> weighted_days_late;
  std::optional<double> late_share;        // Settled after due / settled.
  int64_t interest_cost_minor = 0;         // See the header comment; rounded half up once.
  bool interest_overflow = false;          // Did not fit int64 (then INT64_MAX): an error.
  int64_t bad_debt_written_off_minor = 0;  // Write-offs dated in [from, to].
  std::optional<double> interest_to_bad_debt;  // interest_cost / bad_debt_written_off.
};

// Requires a built index and from <= to; rate_bp in [0, kRateBpMax].
Metrics compute_metrics(const Book& book, Date from, Date to, int32_t rate_bp = kDefaultRateBp,
                        const MetricsFilter& filter = {});

enum class MetricsBy : uint8_t { Customer, Salesperson, Month };

struct MetricsRow {
  std::string key;  // Customer id, salesperson id ("" = no salesperson) or "YYYY-MM".
  MetricsFilter filter;
  Metrics metrics;
};

// Customer / Salesperson: one row per customer / salesperson (sorted by id, then the
// no-salesperson row "") whose documents include an invoice or a receipt dated on or before
// `to`. Month: one row per calendar month meeting [from, to], its period clipped to it.
// Each row covers the customers that both its own filter (row.filter) and `filter` select.
std::vector<MetricsRow> compute_metrics_by(const Book& book, Date from, Date to, int32_t rate_bp,
                                           MetricsBy by, const MetricsFilter& filter = {});

}  // namespace arlab
