// worklist.h: what to do today, from the collection position (issue 11, first worklist).
//
// The practice (../shared/domain/README.md, "Move the focus forward" and "Prevention"): call a
// week before the due date to confirm the settlement date; act on the first day of arrears;
// past one third of the credit period, collect the arrears (escalate); stop supply to a
// customer over its limit or past that limit. One item per customer and action:
//
//   action          when                                        owner    amount
//   confirm         an open invoice due within reminder_days    sales    due soon
//   remind          an invoice overdue, within its hard limit   finance  in coordination
//   escalate        an invoice past its one-third limit         credit   past the limit
//   hold            the customer is on hold (collection.h)      credit   owed
//
// Owners: the three who own collection steps in the practice (sales before the due date,
// finance in the coordination period, credit for arrears and holds). Until the book holds a
// collection policy (a later slice) these defaults are fixed.
//
// Priority (documented order, highest first): escalate, hold, remind, confirm; within an
// action the oldest first (days past due, or fewest days to due for confirm), then the
// largest amount, then the customer's place in the book. Age before amount: recovery falls as
// time overdue grows (the practice's ranking by age and amount).
//
// Usage:
//   arlab::CollectionPosition p = arlab::collection_position(book, as_of);
//   for (const arlab::WorkItem& w : arlab::worklist(book, p)) ...;
//
// Tests: tests/core/test_worklist.cpp (suite "worklist"), worked by hand.
#pragma once
#include <cstdint>
#include <vector>

#include "book.h"
#include "collection.h"

namespace arlab {

enum class WorkAction : uint8_t { Escalate, Hold, Remind, Confirm };  // Priority order.

const char* work_action_name(WorkAction action);  // "escalate", "hold", "remind", "confirm"
// What to do, in words: "Call to confirm the settlement date", ...
const char* work_action_text(WorkAction action);

struct WorkItem {
  Index customer = kNone;
  WorkAction action = WorkAction::Confirm;
  WorkOwner owner = WorkOwner::Sales;
  Index invoice = kNone;       // The invoice that sets its age (kNone for a hold by limit).
  int32_t days = 0;            // That invoice's days past due (negative: days to its due date).
  uint32_t invoices = 0;       // How many of the customer's invoices it covers.
  int64_t amount_minor = 0;    // The amount concerned (see the table above).
  uint8_t hold = kHoldNone;    // For a hold: its HoldReason bits.
};

// Every item of the position, in priority order.
std::vector<WorkItem> worklist(const Book& book, const CollectionPosition& position);

}  // namespace arlab
