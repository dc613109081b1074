// aging.h: open receivables by days past due (as-of minus due date).
//
// Buckets for edges {30, 60, 90}: "current" (<= 0 days: due today is current), "1-30",
// "31-60", "61-90", "91+". Other edges name their buckets the same way.
//
// Disputed amounts are shown apart: `disputed_minor` is the part of `open_minor` that is
// contested as of the date (the invoice's "disputed" flag: all it has open; an open dispute
// record of the case file: its amount, capped at what is open; core/casefile.h case_state).
// It stays in the buckets by age (it is still owed and ages); the reports print it as a
// column of its own ("of which disputed") when the report has any.
//
// The case file moves due dates: an approved extension ages its invoice by the new due date,
// and the invoices of an approved payment plan age by the plan's instalments, each by its own
// due date (what the payments have not covered, oldest instalment first), as the collection
// position does: the dashboard's overdue is aging's overdue.
//
// Usage:
//   arlab::AgingReport r = arlab::compute_aging(book, as_of, arlab::kDefaultAgingEdges);
//   r.bucket_names[1] == "1-30"; r.total_open_minor == sum of r.total_amounts_minor
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "book.h"

namespace arlab {

inline const std::vector<int32_t> kDefaultAgingEdges = {30, 60, 90};

// Parses "30,60,90": strictly increasing positive integers. False with *why on error.
bool parse_aging_edges(std::string_view text, std::vector<int32_t>* edges, std::string* why);
std::vector<std::string> aging_bucket_names(const std::vector<int32_t>& edges);
// Bucket of an invoice `days_past_due` days past due: 0 = current, then 1..edges.size().
size_t aging_bucket_of(const std::vector<int32_t>& edges, int32_t days_past_due);

struct CustomerAging {
  Index customer = kNone;
  std::vector<int64_t> amounts_minor;  // One per bucket.
  int64_t open_minor = 0;              // Sum of amounts.
  int64_t unapplied_minor = 0;         // Zero or negative.
  int64_t disputed_minor = 0;          // Of open_minor: contested as of.
};

struct AgingReport {
  Date as_of;
  std::vector<int32_t> edges;
  std::vector<std::string> bucket_names;
  std::vector<CustomerAging> customers;  // Sorted by id; only those with open or unapplied.
  std::vector<int64_t> total_amounts_minor;
  int64_t total_open_minor = 0;
  int64_t total_unapplied_minor = 0;
  int64_t total_disputed_minor = 0;
};

AgingReport compute_aging(const Book& book, Date as_of, const std::vector<int32_t>& edges);

}  // namespace arlab
