// dunning_report.h: the dunning run (core/dunning.h, `arlab dunning`) as a text table, JSON
// or CSV. Text from the book (ids, names, the policy's level names) goes through io/cells
// (table_text, append_csv_text) and append_json_string.
//
// Table: one line per letter (level, owner, customer, total, deadline, escalation stage),
// each followed by its invoices (id, due, days overdue, level due, open); then the totals by
// level and what the rules kept out (disputed, blocked, in a plan, inside the letter gap).
// JSON:
//   {"as_of": "2025-03-01", "currency": "USD", "letters": 2, "total": "1200.00",
//    "left_out": {"disputed": 1, "blocked": 0, "in_plan": 0, "letter_gap_customers": 0},
//    "levels": [{"level": 0, "name": "reminder", "owner": "sales", "letters": 0,
//                "invoices": 0, "total": "0.00"}, ...],
//    "runs": [{"customer": "C1", "name": "Alder Tools", "level": 2, "level_name": "warning",
//              "owner": "finance", "total": "1200.00", "deadline": "2025-03-08",
//              "stage": "internal", "days_overdue": 29,
//              "invoices": [{"id": "INV-A1", "due": "2025-01-31", "days_overdue": 29,
//                            "open": "700.00", "level_due": 2, "level_sent": 1}]}]}
// CSV, one row per invoice of a letter:
//   customer_id,customer_name,level,level_name,owner,deadline,stage,letter_total,invoice,due,
//   days_overdue,open,level_due,level_sent
//
// Usage:
//   std::string out = dunning_table(book, arlab::dunning_run(book, as_of));
#pragma once
#include <string>
#include <vector>

#include "core/book.h"
#include "core/dunning.h"

namespace arlab {

std::string dunning_table(const Book& book, const DunningRun& run);
std::string dunning_json(const Book& book, const DunningRun& run);
std::string dunning_csv(const Book& book, const DunningRun& run);

// What `arlab dunning --record` booked, one line per record:
// "Recorded 2 letters dated 2025-03-01 in FILE:" then "  R-9  C1  warning  2 invoices".
std::string dunning_recorded_text(const Book& book, const std::vector<NewRecord>& records,
                                  Date as_of, const std::string& file);

}  // namespace arlab
