// worklist.h: what to do today, from the collection position and the case file (issue 11).
//
// The practice (../shared/domain/README.md, "Move the focus forward", "Prevention" and "Case
// files"): call a week before the due date to confirm the settlement date; act on the first
// day of arrears; send the dunning letters as they fall due, each level by its owner; follow
// up every contact on its date and chase a broken promise at once; past one third of the
// credit period, collect the arrears (escalate); stop supply to a customer over its limit or
// past that limit, and lift the hold when it is back within both; re-evaluate credit files
// on time. One item per customer and action (per level for letters):
//
//   action    when                                                     owner        amount
//   escalate  an invoice past its one-third limit                      credit       past limit
//   hold      on hold for a reason of its own (collection.h), not yet  credit       owed
//             put on hold by hand: place the hold
//   chase     a promise to pay broken, no contact since its date       case owner   unpaid of it
//   send      a dunning level due: level_due() of its invoices, the    the level's  those
//             letter gap since the customer's last letter passed       owner        invoices
//   remind    an invoice overdue within its limit, no contact since    finance      in coordination
//             it fell due (act on the first day)
//   call      the last contact's next step is due, or invoices         case owner   overdue
//             overdue and no contact for kFollowUpDays (7) days
//   release   on hold by hand, and neither over its limit nor with     credit       owed
//             anything past the one-third limit
//   review    the credit file's next review is due (reviews due are    credit       owed
//             listed here, not in `arlab holds`), something open
//   confirm   an open invoice due within reminder_days                 sales        due soon
// Send and review are suggested only for a book with a collection section (a policy or
// records, core/casefile.h Collection::empty): a book without one keeps no letters or
// reviews, so each would be "due" from the first day.
// Disputed amounts are never chased: an invoice's amount is open - disputed, a wholly disputed
// invoice gives no item. An invoice in an approved plan is worked by its plan's instalments
// (collection.h). The case owner: the owner on the customer's "case" record, else finance.
//
// Priority (documented order; docs/COLLECTION.md has a worked example):
//   1. the action, in the order of the table above;
//   2. age: the oldest first (days past due of the invoice or instalment that sets the line's
//      age; days since the promise's date, the next step's or the review's date);
//   3. amount: the largest first;
//   4. risk: the lower payment score first (core/credit_score.h; no score counts as 50);
//   5. broken promises: more first;
//   6. the customer's place in the book.
// Age before amount: recovery falls as time overdue grows.
//
// Snoozed customers (a "snooze" record in force) have their items left out; the count of
// those left out is returned.
//
// Usage:
//   arlab::CollectionPosition p = arlab::collection_position(book, as_of);
//   uint32_t snoozed = 0;
//   for (const arlab::WorkItem& w : arlab::worklist(book, p, &snoozed))
//     print(arlab::work_item_step(book, p, w));
//   arlab::NewRecord done = arlab::worklist_done_record(book, p, w, as_of, "Ann", "");
//
// Tests: tests/core/test_worklist.cpp (suite "worklist"), worked by hand.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "book.h"
#include "collection.h"
#include "edit.h"

namespace arlab {

// Listed in the order the enum grew; work_action_priority gives the rank.
enum class WorkAction : uint8_t {
  Escalate, Hold, Remind, Confirm, Chase, Send, Call, Review, Release
};
constexpr int kWorkActionCount = 9;

const char* work_action_name(WorkAction action);  // "escalate", "hold", "remind", ...
// What to do, in words: "Call to confirm the settlement date", ...
const char* work_action_text(WorkAction action);
// 0 = most urgent: escalate, hold, chase, send, remind, call, release, review, confirm.
int work_action_priority(WorkAction action);

constexpr int32_t kFollowUpDays = 7;  // Overdue and no contact for this long: call.

// The dunning level due now for an invoice: the highest level of the policy whose days
// overdue it has reached, if above the level already sent; 0 for none, and for an invoice
// not open, blocked or wholly disputed. The gap between two letters to a customer is the
// worklist's to apply. (A small stand-in for core/dunning.h.)
int32_t level_due(const CollectionPolicy& policy, const InvoicePosition& invoice);

struct WorkItem {
  Index customer = kNone;
  WorkAction action = WorkAction::Confirm;
  WorkOwner owner = WorkOwner::Sales;
  Index invoice = kNone;       // The invoice that sets its age (kNone for a hold by limit).
  int32_t days = 0;            // That invoice's days past due (negative: days to its due date);
                               // chase, call, review, release: days since their date.
  uint32_t invoices = 0;       // How many of the customer's invoices it covers.
  int64_t amount_minor = 0;    // The amount concerned (see the table above).
  uint8_t hold = kHoldNone;    // For a hold or release: the customer's HoldReason bits.
  int32_t letter = 0;          // The dunning level to send (send), or due for the customer.
  Index record = kNone;        // Chase: the promise; call: the contact; release: the hold.
  int32_t instalment = -1;     // When its age is a plan instalment's: which (0-based).
  uint32_t broken = 0;         // The customer's broken promises (the ranking's 5th key).
};

// Every item of the position, in priority order; *snoozed (if given) counts the items of
// snoozed customers left out.
std::vector<WorkItem> worklist(const Book& book, const CollectionPosition& position,
                               uint32_t* snoozed = nullptr);

// The item's suggested step, one short line: "Send the warning (level 2) for INV-A1",
// "Promise of 300.00 by 2025-02-20 broken (paid 0.00): call and ask why", ...
std::string work_item_step(const Book& book, const CollectionPosition& position,
                           const WorkItem& item);

// The record that marking the item done appends to the case file (core/edit.h), dated
// `date`, by `by`, with `text` (empty: the suggested step or the hold's reasons): a letter
// (send: the invoices due that level), a hold or release, a review (grade, limit and
// security unchanged), else a phone contact about the item's invoice.
NewRecord worklist_done_record(const Book& book, const CollectionPosition& position,
                               const WorkItem& item, Date date, const std::string& by,
                               const std::string& text);

}  // namespace arlab
