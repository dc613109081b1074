// collection_report.h: the collection position as reports (`arlab holds`): the customers
// core/collection.h puts on hold as of a date, each with why, as a text table, JSON or CSV.
//
// JSON (amounts as decimal strings, like every arlab report):
//   {"as_of": "2025-06-30", "currency": "USD", "customers": 4, "on_hold": 1,
//    "holds": [{"id": "C1", "name": "Acme Tools", "reasons": ["over_limit", "past_limit"],
//               "owed": "1050.00", "credit_limit": "1000.00", "over_limit_by": "50.00",
//               "past_limit_invoices": 1,
//               "worst": {"invoice": "INV-1", "days_past_due": 141, "limit_days": 10,
//                         "act_by_day": 40, "open": "300.00"}}]}
// "credit_limit" and "over_limit_by" are null without a limit; "worst" is the open invoice
// furthest past its own one-third limit (null when nothing is open).
#pragma once
#include <string>

#include <vector>

#include "core/book.h"
#include "core/collection.h"
#include "core/worklist.h"

namespace arlab {

std::string holds_table(const Book& book, const CollectionPosition& position);
std::string holds_json(const Book& book, const CollectionPosition& position);
std::string holds_csv(const Book& book, const CollectionPosition& position);

// The worklist (`arlab worklist`, core/worklist.h), items in priority order. JSON:
//   {"as_of": ..., "currency": ..., "owner": "all" | "sales" | ..., "items": [{"rank": 1,
//    "action": "escalate", "owner": "credit", "customer": "C1", "name": ..., "invoice": "INV-1"
//    (null for none), "days_past_due": 11, "invoices": 1, "amount": "400.00", "todo": "...",
//    "hold": ["over_limit", "past_limit"] (holds only)}]}
// `owner`: "" for every owner's items, else "sales", "finance" or "credit".
std::string worklist_table(const Book& book, Date as_of, const std::vector<WorkItem>& items,
                           const std::string& owner);
std::string worklist_json(const Book& book, Date as_of, const std::vector<WorkItem>& items,
                          const std::string& owner);
std::string worklist_csv(const Book& book, const std::vector<WorkItem>& items);

}  // namespace arlab
