// collection_report.h: the collection position as reports (`arlab holds`): the customers
// core/collection.h puts on hold as of a date, each with why, as a text table, JSON or CSV.
//
// JSON (amounts as decimal strings, like every arlab report):
//   {"as_of": "2025-06-30", "currency": "USD", "customers": 4, "on_hold": 1,
//    "holds": [{"id": "C1", "name": "Acme Tools", "reasons": ["over_limit", "past_limit"],
//               "owed": "1050.00", "credit_limit": "1000.00", "over_limit_by": "50.00",
//               "past_limit_invoices": 1, "manual": null,
//               "worst": {"invoice": "INV-1", "days_past_due": 141, "limit_days": 10,
//                         "act_by_day": 40, "open": "300.00"}}],
//    "released": [{"id": "C2", "lifted": ["over_limit"], "owed_at_release": "900.00",
//                  "release": {"record": "R9", "reason": "...", "by": "Bo", "date": "..."}}]}
// "credit_limit" (as of the last credit review) and "over_limit_by" are null without a limit;
// "manual" is the hold by hand in force ({"record", "reason", "by", "date"}) or null; "worst"
// is the open invoice furthest past its own one-third limit (null when nothing is open);
// "released": customers a release keeps off hold, with the reasons it lifts.
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
//   {"as_of": ..., "currency": ..., "owner": "all" | "sales" | ..., "snoozed": 0,
//    "items": [{"rank": 1, "action": "escalate", "owner": "credit", "customer": "C1",
//    "name": ..., "invoice": "INV-1" (null for none), "days_past_due": 11 (chase, call,
//    review, release: days since their date), "invoices": 1, "amount": "400.00",
//    "todo": "..." (the action in words), "step": "..." (work_item_step),
//    "letter": {"level": 2, "name": "warning"} or null,
//    "hold": ["over_limit", "past_limit", "manual"] (hold and release only)}]}
// `owner`: "" for every owner's items, else "sales", "finance" or "credit". `snoozed`: items
// of snoozed customers left out. The table has a "Letter" column when an item has a level.
std::string worklist_table(const Book& book, const CollectionPosition& position,
                           const std::vector<WorkItem>& items, const std::string& owner,
                           uint32_t snoozed);
std::string worklist_json(const Book& book, const CollectionPosition& position,
                          const std::vector<WorkItem>& items, const std::string& owner,
                          uint32_t snoozed);
std::string worklist_csv(const Book& book, const CollectionPosition& position,
                         const std::vector<WorkItem>& items);

}  // namespace arlab
