// collection.h: the collection position of a book as of a date (issue 11): where each open
// invoice and each customer stands in the practice's three stages, and which customers should
// be on hold and why. It reads the book's case file (core/casefile.h): approved due-date
// extensions, disputes, payment plans, manual holds and releases. The dashboard, the CLI
// (`arlab holds`, `arlab worklist`) and the simulator to come read it from here; the app keeps
// only a cache of it.
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
// What the case file changes (docs/COLLECTION.md, "The case file in the position"):
//   - Extension: an approved extension replaces the due date (case_state's `due`), so the
//     credit period is due' - date and the hard limit one third of that: INV-1 of 01-01, due
//     01-31, extended to 03-02, has 60 days and its limit at 20 overdue (day 80, 03-22).
//   - Plan: an invoice in an approved plan ages by its plan's instalments instead of its own
//     due date: by the oldest instalment still open (what the plan's payments have not yet
//     covered, oldest first). That instalment's own period is its due date minus the one
//     before (the first: minus the plan's date), its hard limit one third of that. When every
//     instalment is covered the invoice ages by its own due date again (a plan for less than
//     was open). What is overdue of a plan is its instalments past due, still open: that is
//     what the customer's overdue counts for the plan's invoices (PlanPosition::overdue_minor).
//   - Dispute: the disputed amount (capped at what is open) is shown apart (disputed_minor);
//     it stays open and owed (the credit limit counts it) but is not chased: an invoice's
//     chase amount is open - disputed, and a fully disputed invoice is not past its limit
//     for a hold, not the customer's stage or worst invoice, not in the worklist.
//   - Hold by hand ("hold" record): kHoldManual, with its record (reason, by, date).
//   - Release ("release" record, the latest after the latest hold): it clears the reasons
//     present at its date, until something new happens. New means: the customer is over its
//     limit and was not at the release date, or owes more than it owed then; or an invoice
//     is past its limit that was not past it then. A new reason puts the customer back on
//     hold for every reason it has (the release no longer holds).
//   - Credit limit: as of the last credit review ("review" record), else the customer's.
//
// A customer is on hold (stop supply until it is settled) when
//   - it owes more than its credit limit: open invoices plus its unapplied credit (as
//     core/credit.h counts it) above the limit (kHoldOverLimit), or
//   - any of its invoices is past its one-third limit, the undisputed part open
//     (kHoldPastLimit), or
//   - it was put on hold by hand (kHoldManual);
// less what a release lifted. Each reason is kept, so that the hold is always shown with why
// (hold_reason_text, hold_reasons_line).
//
// Usage:
//   arlab::CollectionPosition p = arlab::collection_position(book, as_of);
//   for (const arlab::CustomerPosition& c : p.customers) if (c.hold) ...;
//   std::string why = arlab::hold_reasons_line(book, p, customer);
//
// Tests: tests/core/test_collection.cpp (suite "collection"), worked by hand.
#pragma once
#include <array>
#include <cstdint>
#include <string>
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
  kHoldManual = 4,     // Put on hold by hand (a "hold" record in force).
};
constexpr uint8_t kHoldAutomatic = kHoldOverLimit | kHoldPastLimit;

struct InvoicePosition {
  int64_t open_minor = 0;       // As of; 0 when paid or dated after the as-of date.
  int64_t disputed_minor = 0;   // Of open_minor: contested (the flag or a dispute record).
  Date due = kNoDate;           // The date it ages by: its own, an approved extension's, or
                                // its plan's oldest open instalment's.
  int32_t days_past_due = 0;    // as_of - due (negative: not yet due).
  int32_t period_days = 0;      // Its own credit period: due - date (an instalment's: see top).
  int32_t limit_days = 0;       // one_third_limit(period_days).
  Stage stage = Stage::Credit;  // Of an open invoice; Credit for the others.
  bool due_soon = false;        // Open, due within the next reminder_days days (or today).
  bool blocked = false;         // Taken out of dunning by hand.
  Index plan = kNone;           // Its approved plan: CollectionPosition::plans[plan].
  int32_t instalment = -1;      // The plan's instalment it ages by; -1: its own due date.
  int32_t level_sent = 0;       // The highest letter level sent (in a plan: since the plan).
  Date last_letter = kNoDate;   // Of those letters.
  int64_t chase_minor() const { return open_minor - disputed_minor; }
};

struct InstalmentPosition {
  Date due;
  int64_t amount_minor = 0;
  int64_t open_minor = 0;       // Not yet covered by the plan's payments, oldest first.
  int32_t days_past_due = 0;
  int32_t period_days = 0;      // due - the instalment before's due (the first: the plan's date).
  int32_t limit_days = 0;
  Stage stage = Stage::Credit;  // Of an open instalment.
};

struct PlanPosition {
  Index record = kNone;         // The "plan" record.
  Index customer = kNone;
  bool approved = true;         // Unapproved plans (above the threshold) change nothing.
  std::vector<InstalmentPosition> instalments;
  int32_t oldest_open = -1;     // The first instalment still open; -1: all covered.
  int64_t open_minor = 0;       // Its instalments' open amounts.
  int64_t overdue_minor = 0;    // Of those, past due.
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
  uint8_t hold = kHoldNone;         // HoldReason bits in force.
  int64_t disputed_minor = 0;       // Of open_minor: contested, not chased.
  int64_t credit_limit_minor = -1;  // As of: the last review's, else the customer's; -1 none.
  Index hold_record = kNone;        // The "hold" record in force (kHoldManual), or none.
  Index release_record = kNone;     // The "release" record still lifting reasons, or none.
  uint8_t lifted = kHoldNone;       // The automatic reasons that release lifts now.
  int64_t owed_at_release_minor = 0;
  uint8_t automatic = kHoldNone;    // The automatic reasons before any release.
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
  int64_t disputed_minor = 0;
  std::vector<PlanPosition> plans;  // One per plan record dated on or before as_of.
  CaseState cases;                  // case_state(book, as_of) without its per-invoice part
                                    // (moved into `invoices`): customers, promises, records.
};

// Needs a built index and a checked case file. The policy is the book's
// (book.collection.policy). Linear in the book plus the case file, plus one more position
// per distinct date of a release in force (to know what it lifted).
CollectionPosition collection_position(const Book& book, Date as_of);
CollectionPosition collection_position(const Book& book, Date as_of,
                                       const CollectionPolicy& policy);

// The reasons in a few words: "over credit limit, past 1/3 limit, on hold by hand".
std::string hold_reasons_text(uint8_t hold);
// The reasons with their figures, one line, for the CLI and the app; "" when not on hold:
// "over credit limit (owes 1,200.00, limit 1,000.00); past 1/3 limit (INV-A1 11 d overdue,
// act by day 40); on hold by hand: dispute open (Ann, 2025-02-25)".
std::string hold_reasons_line(const Book& book, const CollectionPosition& position,
                              Index customer);
// What a release in force lifts, or "": "released 2025-03-01 by Bo: paid half (lifts: over
// credit limit)".
std::string hold_release_line(const Book& book, const CollectionPosition& position,
                              Index customer);

}  // namespace arlab
