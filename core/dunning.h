// dunning.h: the dunning run (issue 11, slice "dunning runs and letters"): which letter each
// customer is due as of a date under the book's collection policy (casefile.h), and the
// "letter" records that book the run into the case file.
//
// The rules (the practice, ../shared/domain/README.md "Escalation" and "Three-level dunning",
// and what established dunning modules keep):
//   - an open invoice is `days overdue` = as_of - its due date with approved extensions
//     (case_state); its level by days is the highest policy level whose `days` it has reached
//     (default: notice from 1, warning from 15, lawyer's letter from 30 days overdue);
//   - its level due is that, but at most one above the level already sent for it: a level is
//     raised only after the previous one was actually sent (an invoice 40 days overdue that
//     never had a letter gets the notice first);
//   - not dunned: paid (nothing open as of), disputed (the invoice's flag or an open dispute
//     record, any amount of it), blocked, or in an approved instalment plan;
//   - an approved plan's instalments are dunned on their own instead of its invoices (issue 11,
//     slice "plan instalments dunned on their own"): an instalment with something open as of
//     and due before as_of is an item of its own, days overdue by its due date, open its open
//     amount (case_state: the plan's payments cover the instalments oldest first), its level
//     due by the same rules against its own level sent. The level sent is kept per instalment
//     without a new record kind: a letter that lists instalments names the plan's invoices
//     (they are the documents), and case_state raises every instalment of the plan that was
//     overdue on the letter's date to min(the letter's level, its level due that day).
//     Letters dated before the plan do not count for it: a plan is a new agreement, its
//     dunning starts afresh at the notice. A paid instalment drops out; the next one starts
//     its own count on the day after its due date. No reminder before an instalment's due
//     date (the customer agreed the dates). A plan with a disputed or blocked invoice is left
//     out whole (its disputed and blocked invoices are counted as such, its others as
//     plan_invoices): the plan is in question until that is settled. A plan superseded by a
//     later plan for the same invoices is no longer dunned;
//   - one letter per customer per run: a customer gets a letter when at least one of its
//     invoices has a level due above the level sent for it; the letter's level is the highest
//     level due among its invoices, and it lists every dunnable overdue invoice of the
//     customer with its own level due (so it asks for the whole overdue amount);
//   - no letter while the customer's last letter is less than letter_gap_days old;
//   - a pre-due reminder (level 0, "reminder", owner sales): for a customer with no letter
//     due, its open dunnable invoices due within reminder_days (today included) that have had
//     no letter yet; its deadline is their earliest due date;
//   - the letter's deadline is as_of + the level's deadline_days; the customer's escalation
//     stage (internal, field, agency, court) is by the oldest invoice the letter lists,
//     against the policy's escalation days.
// Booking a run (dunning_records) writes one "letter" record per letter, dated as_of, naming
// every invoice listed (for an instalment, every invoice of its plan, each once); case_state then raises each invoice's level sent to
// min(the letter's level, the invoice's own level due on the letter's date), never above. A
// second run on the same day finds the letter gap (or, with a gap of 0, the levels sent) and
// books nothing more.
//
// Usage:
//   arlab::DunningRun run = arlab::dunning_run(book, as_of);
//   for (const arlab::DunningLetter& l : run.letters)
//     for (uint32_t k = l.first; k < l.first + l.count; k++) run.items[k] ...;
//   std::vector<arlab::NewRecord> add = arlab::dunning_records(book, run, "Ann");
//   // apply each with History::apply (the app) or append_edit + check_collection (the CLI)
//
// Tests: tests/core/test_dunning.cpp (suite "dunning"), worked by hand; CLI golden
// tests/cli/cmd-dunning.test. Docs: docs/COLLECTION.md, "Dunning".
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "book.h"
#include "casefile.h"
#include "edit.h"

namespace arlab {

// The level an invoice `days_overdue` days overdue has reached by days alone: 0 for none.
int32_t dunning_level_by_days(const CollectionPolicy& policy, int32_t days_overdue);
// Its level due: by days, but at most level_sent + 1.
int32_t dunning_level_due(const CollectionPolicy& policy, int32_t days_overdue,
                          int32_t level_sent);
// "reminder" for 0, else the policy's name of the level (1-based); "" out of range.
std::string dunning_level_name(const CollectionPolicy& policy, int32_t level);
// Sales for the reminder, else the level's owner.
WorkOwner dunning_level_owner(const CollectionPolicy& policy, int32_t level);
// The escalation stage of `days_overdue` days overdue (internal below the field days).
Escalation escalation_stage(const CollectionPolicy& policy, int32_t days_overdue);

struct DunningItem {
  Index invoice = kNone;
  Date due;                  // With approved extensions.
  int32_t days_overdue = 0;  // as_of - due; 0 or negative for a reminder (days to due).
  int64_t open_minor = 0;    // As of.
  int32_t level_due = 0;     // 0 for a reminder, or an overdue invoice not at a level yet.
  int32_t level_sent = 0;
  // An instalment of an approved plan instead of an invoice: the plan record (in
  // book.collection.records), its 0-based place in the plan and the plan's count. `invoice`
  // is then the plan's first invoice (what names it), due/open/levels the instalment's own.
  Index plan_record = kNone;
  int32_t instalment = -1;
  int32_t instalments = 0;
  bool is_instalment() const { return plan_record != kNone; }
};

struct DunningLetter {
  Index customer = kNone;
  int32_t level = 0;          // 0: the pre-due reminder; 1..levels.size(): the policy level.
  WorkOwner owner = WorkOwner::Sales;
  uint32_t first = 0, count = 0;  // Its invoices in DunningRun::items, by due date.
  int64_t total_minor = 0;
  Date deadline;              // as_of + deadline_days (reminder: the earliest due date).
  int32_t days_overdue_max = 0;  // Of its oldest invoice (reminder: <= 0).
  Escalation stage = Escalation::Internal;
};

struct DunningLevelTotal {
  uint32_t letters = 0;
  uint32_t invoices = 0;
  int64_t total_minor = 0;
};

struct DunningRun {
  Date as_of;
  std::vector<DunningLetter> letters;  // Highest level first, then the customer's book order;
                                       // reminders last.
  std::vector<DunningItem> items;
  std::vector<DunningLevelTotal> levels;  // [0] reminders, [L] level L.
  int64_t total_minor = 0;                // Of the letters (reminders included).
  // What the rules kept out (open overdue invoices, customers): for the report to say so.
  // plan_invoices: the other invoices of plans left out whole for a disputed or blocked one
  // (counted while the plan has an overdue instalment open).
  uint32_t disputed_invoices = 0, blocked_invoices = 0, plan_invoices = 0;
  uint32_t gap_customers = 0;  // A letter was due but the last one is too recent.
};

// Needs a built index and a collection that passes check_collection. `only_customer`: one
// customer (kNone: all). Linear in the book plus the case file.
DunningRun dunning_run(const Book& book, Date as_of, Index only_customer = kNone);

// A letter of a chosen level for one customer, whatever the gap and the levels sent (a letter
// written by hand): every dunnable overdue invoice (level 0: every dunnable invoice due within
// reminder_days with no letter yet). run.letters is empty when there is none to list.
DunningRun dunning_letter_at(const Book& book, Date as_of, Index customer, int32_t level);

// The invoices a letter listing `count` items from `first` names: each item's invoice, an
// instalment's every plan invoice; each once, in the order met. (The letter record's.)
std::vector<Index> dunning_letter_invoices(const Book& book, const DunningItem* first,
                                           size_t count);

// How reports name an item: the invoice id; an instalment "INV-1 (instalment 2/3 of plan
// R-12)".
std::string dunning_item_label(const Book& book, const DunningItem& item);

// One "letter" record per letter of the run, dated run.as_of, naming its invoices, `by` who
// sent it; ids "R-n" from the next free one on. Apply them in order.
std::vector<NewRecord> dunning_records(const Book& book, const DunningRun& run,
                                       const std::string& by);

}  // namespace arlab
