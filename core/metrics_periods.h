// metrics_periods.h: the metrics of many consecutive periods in one pass (core-internal).
//
// compute_metrics() walks every selected invoice and its applications once per period, so
// the month rows of a year (compute_metrics_by Month) or a commission statement's gates
// (every salesperson x every settlement period) cost one walk of the book per period.
// compute_metrics_periods() gives the same Metrics for a run of consecutive periods from one
// walk: each invoice's open amount is a step function of the date (it changes only on the
// dates of its applications), so each step adds its amount to the period ends it covers at
// once (difference arrays over the period ends), and the settle date, the write-offs, the
// payments and the invoice date each fall in one period (binary search). A walk over many
// invoices visits them (and payments) in book order, which reads memory in sequence; one
// over few (one customer) visits that customer's documents. Every field is formed from the
// same integers as compute_metrics forms it, with the same single division: element k
// equals compute_metrics(book, periods[k].from, periods[k].to, rate_bp, filter) field for
// field, bit for bit (tests/core/test_metrics.cpp checks it on generated books).
//
// Not a public header: core/metrics.cpp (compute_metrics_by Month) and core/commission.cpp
// (the gates) use it; apps and io/ call compute_metrics / compute_metrics_by.
//
// Usage:
//   std::vector<arlab::MetricsPeriod> periods = {{jan1, jan31}, {feb1, feb28}};  // Consecutive.
//   std::vector<arlab::Metrics> m = arlab::compute_metrics_periods(book, periods, 800, filter);
//   m[1].cei  // == compute_metrics(book, feb1, feb28, 800, filter).cei, exactly
//   auto by_person = arlab::compute_metrics_periods(book, periods, 800, {f_s1, f_s2});
#pragma once
#include <cstdint>
#include <vector>

#include "core/metrics.h"

namespace arlab {

struct MetricsPeriod {
  Date from, to;
};

// Requires a built index. Periods must be consecutive (periods[k + 1].from == periods[k].to
// + 1) and each from <= to; otherwise each period is computed by compute_metrics on its own
// (same results, slower). An empty list gives an empty result.
std::vector<Metrics> compute_metrics_periods(const Book& book,
                                             const std::vector<MetricsPeriod>& periods,
                                             int32_t rate_bp, const MetricsFilter& filter = {});

// The same for several filters at once: result[f][k] is filters[f]'s metrics of periods[k].
// Filters that select disjoint customers (salespeople) share one walk of the book; when a
// customer is in two filters' selections each filter and period is computed on its own.
std::vector<std::vector<Metrics>> compute_metrics_periods(
    const Book& book, const std::vector<MetricsPeriod>& periods, int32_t rate_bp,
    const std::vector<MetricsFilter>& filters);

}  // namespace arlab
