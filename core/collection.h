// collection.h: the collection position of a book as of a date (issue 11, first slice): where
// each open invoice and each customer stands in the practice's three stages, and which
// customers should be on hold. The dashboard, the CLI (`arlab holds`) and the simulator to
// come read it from here; the app keeps only a cache of it.
//
// The practice (../shared/domain/README.md, "Move the focus forward", sources 001 and 002):
//   - credit period: not yet due; a reminder call a week before the due date
//     (CollectionPolicy::reminder_days, default 7: "due soon");
//   - coordination period: just overdue, up to one third of the credit period;
//   - clearing period: beyond that hard limit, the collection of arrears.
// The credit period is the invoice's own: due - date. An invoice with the customer's terms
// (30 days) has its hard limit at 10 days overdue, day 40; one given its own due date 60 days
// out has it at 20 days overdue, day 80. Day 40 is still coordination; day 41 is clearing.
//
// A customer is on hold (stop supply until it is settled) when
//   - it owes more than its credit limit: open invoices plus its unapplied credit (as
//     core/credit.h counts it) above credit_limit, or
//   - any of its invoices is past its one-third limit (in the clearing period).
// Each reason is kept, so that the hold is always shown with why.
//
// Usage:
//   arlab::CollectionPosition p = arlab::collection_position(book, as_of);
//   for (const arlab::CustomerPosition& c : p.customers) if (c.hold) ...;
//
// Tests: tests/core/test_collection.cpp (suite "collection"), worked by hand.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "book.h"
#include "casefile.h"

namespace arlab {

enum class Stage : uint8_t { Credit, Coordination, Clearing };
constexpr int kStageCount = 3;
const char* stage_name(Stage stage);  // "Credit period", "Coordination period", ...

// The hard limit in days overdue for a credit period: one third of it (30 -> 10, 60 -> 20).
inline int32_t one_third_limit(int32_t period_days) {
  return period_days > 0 ? period_days / 3 : 0;
}
// The stage of an amount `days_past_due` days past due, with that hard limit.
inline Stage stage_of(int32_t days_past_due, int32_t limit_days) {
  if (days_past_due <= 0) return Stage::Credit;
  return days_past_due <= limit_days ? Stage::Coordination : Stage::Clearing;
}


// Why a customer is on hold; bits.
enum HoldReason : uint8_t {
  kHoldNone = 0,
  kHoldOverLimit = 1,  // Owes more than its credit limit.
  kHoldPastLimit = 2,  // An invoice is past its one-third limit.
};

struct InvoicePosition {
  int64_t open_minor = 0;       // As of; 0 when paid or dated after the as-of date.
  int32_t days_past_due = 0;    // as_of - due (negative: not yet due).
  int32_t period_days = 0;      // Its own credit period: due - date.
  int32_t limit_days = 0;       // one_third_limit(period_days).
  Stage stage = Stage::Credit;  // Of an open invoice; Credit for the others.
  bool due_soon = false;        // Open, due within the next reminder_days days (or today).
};

struct CustomerPosition {
  int64_t open_minor = 0;
  int64_t overdue_minor = 0;
  int64_t unapplied_minor = 0;      // Zero or negative.
  int64_t owed_minor = 0;           // open + unapplied: what the credit limit is against.
  int64_t due_soon_minor = 0;
  uint32_t open_invoice_count = 0;
  uint32_t past_limit_count = 0;    // Open invoices in the clearing period.
  uint32_t due_soon_count = 0;
  int32_t days_overdue_max = 0;     // Of its oldest open invoice; <= 0 if none is overdue.
  Index oldest_invoice = kNone;     // That invoice.
  Index worst_invoice = kNone;      // Furthest past its own limit (days_past_due - limit).
  Stage stage = Stage::Credit;      // The furthest stage of its open invoices.
  uint8_t hold = kHoldNone;         // HoldReason bits.
};

struct CollectionPosition {
  Date as_of;
  CollectionPolicy policy;
  std::vector<InvoicePosition> invoices;    // One per book invoice.
  std::vector<CustomerPosition> customers;  // One per book customer.
  int64_t open_minor = 0, overdue_minor = 0, unapplied_minor = 0;
  int64_t due_soon_minor = 0;
  uint32_t due_soon_count = 0;
  std::array<int64_t, kStageCount> stage_minor{};        // Open amounts by invoice stage.
  std::array<uint32_t, kStageCount> stage_customers{};   // Customers with open invoices.
  uint32_t on_hold_count = 0;
  uint32_t invoices_existing = 0;  // Dated on or before as_of.
};

// Needs a built index. Linear in the book (one pass over invoices, one over customers).
CollectionPosition collection_position(const Book& book, Date as_of,
                                       const CollectionPolicy& policy = {});

}  // namespace arlab
