// test_dunning.cpp: the dunning run (core/dunning.h), worked by hand on
// tests/core/dunning_book.h (the book and the default policy are written out there).
#include <doctest/doctest.h>

#include "core/dunning.h"
#include "dunning_book.h"

using namespace arlab;
using namespace arlab::test;

namespace {

using RK = RecordKind;

DunningRun run_of(BookBuilder& b, const char* date, Index customer = kNone) {
  REQUIRE(b.build());
  return dunning_run(b.book, D(date), customer);
}

std::vector<Index> invoices_of(const DunningRun& run, size_t letter) {
  std::vector<Index> out;
  const DunningLetter& l = run.letters.at(letter);
  for (uint32_t k = l.first; k < l.first + l.count; k++) out.push_back(run.items[k].invoice);
  return out;
}

CaseRecord letter(const char* date, Index customer, std::vector<Index> invoices, int32_t level) {
  return dunning_record(RK::Letter, date, customer, std::move(invoices), level);
}

}  // namespace

TEST_SUITE("dunning") {

TEST_CASE("levels by days: the default thresholds 1, 15 and 30, raised one at a time") {
  CollectionPolicy p;
  CHECK(dunning_level_by_days(p, 0) == 0);
  CHECK(dunning_level_by_days(p, 1) == 1);
  CHECK(dunning_level_by_days(p, 14) == 1);
  CHECK(dunning_level_by_days(p, 15) == 2);
  CHECK(dunning_level_by_days(p, 29) == 2);
  CHECK(dunning_level_by_days(p, 30) == 3);
  CHECK(dunning_level_by_days(p, 400) == 3);
  CHECK(dunning_level_due(p, 40, 0) == 1);  // Never sent: the notice first.
  CHECK(dunning_level_due(p, 40, 1) == 2);
  CHECK(dunning_level_due(p, 40, 3) == 3);
  CHECK(dunning_level_name(p, 0) == "reminder");
  CHECK(dunning_level_name(p, 3) == "lawyer's letter");
  CHECK(dunning_level_owner(p, 0) == WorkOwner::Sales);
  CHECK(dunning_level_owner(p, 2) == WorkOwner::Finance);
  CHECK(escalation_stage(p, 44) == Escalation::Internal);
  CHECK(escalation_stage(p, 45) == Escalation::Field);
  CHECK(escalation_stage(p, 90) == Escalation::Agency);
  CHECK(escalation_stage(p, 180) == Escalation::Court);
}

TEST_CASE("nothing sent: a reminder a week before, the notice from day 1, never more") {
  BookBuilder b = dunning_book();
  // INV-1 due 01-31: 01-23 is 8 days before (nothing), 01-24 seven (the reminder).
  CHECK(run_of(b, "2025-01-23", kDC1).letters.empty());
  DunningRun r = run_of(b, "2025-01-24", kDC1);
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 0);
  CHECK(r.letters[0].owner == WorkOwner::Sales);
  CHECK(r.letters[0].deadline == D("2025-01-31"));  // Its due date.
  CHECK(r.letters[0].days_overdue_max == -7);
  r = run_of(b, "2025-01-31", kDC1);  // Day 0: due today, still the reminder.
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 0);
  CHECK(r.items[0].days_overdue == 0);
  r = run_of(b, "2025-02-01", kDC1);  // Day 1: the notice, pay by 02-01 + 10.
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 1);
  CHECK(r.letters[0].owner == WorkOwner::Sales);
  CHECK(r.letters[0].deadline == D("2025-02-11"));
  CHECK(r.letters[0].total_minor == 100000);
  CHECK(invoices_of(r, 0) == std::vector<Index>{kDInv1});  // INV-2 is not due until 02-19.
  // Day 14, 15 and 30 without a letter sent: still the notice (no raise while unsent).
  for (const char* day : {"2025-02-14", "2025-02-15", "2025-03-02"}) {
    INFO(day);
    r = run_of(b, day, kDC1);
    REQUIRE(r.letters.size() == 1);
    CHECK(r.letters[0].level == 1);
    CHECK(r.items[0].level_due == 1);
  }
  // 03-02: INV-1 30 days overdue, INV-2 11: one notice lists both, by due date.
  CHECK(invoices_of(r, 0) == std::vector<Index>{kDInv1, kDInv2});
  CHECK(r.letters[0].total_minor == 150000);
  CHECK(r.letters[0].days_overdue_max == 30);
  CHECK(r.letters[0].deadline == D("2025-03-12"));
  CHECK(r.letters[0].stage == Escalation::Internal);
  CHECK(run_of(b, "2025-03-17", kDC1).letters[0].stage == Escalation::Field);  // 45 days.
}

TEST_CASE("letters sent: warning on day 15 not 14, lawyer's letter on day 30 not 29") {
  // The notice went out on day 1; INV-2 is blocked so that INV-1 alone is followed.
  BookBuilder b = dunning_book({letter("2025-02-01", kDC1, {kDInv1}, 1),
                                dunning_record(RK::Block, "2025-01-20", kDC1, {kDInv2})});
  DunningRun r = run_of(b, "2025-02-14", kDC1);
  CHECK(r.letters.empty());
  CHECK(r.gap_customers == 0);  // Nothing is due: not held back by the gap.
  r = run_of(b, "2025-02-15", kDC1);
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 2);
  CHECK(r.letters[0].owner == WorkOwner::Finance);
  CHECK(r.letters[0].deadline == D("2025-02-22"));
  CHECK(r.items[0].level_sent == 1);

  BookBuilder sent = dunning_book({letter("2025-02-01", kDC1, {kDInv1}, 1),
                                   dunning_record(RK::Block, "2025-01-20", kDC1, {kDInv2}),
                                   letter("2025-02-15", kDC1, {kDInv1}, 2)});
  r = run_of(sent, "2025-03-01", kDC1);
  CHECK(r.letters.empty());
  CHECK(r.blocked_invoices == 1);  // INV-2, 10 days overdue.
  r = run_of(sent, "2025-03-02", kDC1);
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 3);
  CHECK(r.letters[0].owner == WorkOwner::Credit);
  CHECK(r.letters[0].deadline == D("2025-03-09"));
  CHECK(r.letters[0].total_minor == 100000);
}

TEST_CASE("one letter per customer at its highest level; the letter gap holds it back") {
  BookBuilder b = dunning_book({letter("2025-02-01", kDC1, {kDInv1}, 1)});
  // 02-20: INV-1 20 days (warning due, notice sent), INV-2 1 day (notice due).
  DunningRun r = run_of(b, "2025-02-20", kDC1);
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 2);
  CHECK(invoices_of(r, 0) == std::vector<Index>{kDInv1, kDInv2});
  CHECK(r.items[0].level_due == 2);
  CHECK(r.items[1].level_due == 1);
  CHECK(r.letters[0].total_minor == 150000);
  CHECK(r.letters[0].days_overdue_max == 20);
  CHECK(r.letters[0].deadline == D("2025-02-27"));

  // A warning sent on 02-16: on 02-20 INV-2's notice is due but the last letter is 4 days old.
  BookBuilder gap = dunning_book({letter("2025-02-01", kDC1, {kDInv1}, 1),
                                  letter("2025-02-16", kDC1, {kDInv1}, 2)});
  r = run_of(gap, "2025-02-20", kDC1);
  CHECK(r.letters.empty());
  CHECK(r.gap_customers == 1);
  CHECK(run_of(gap, "2025-02-22", kDC1).letters.empty());  // 6 days.
  r = run_of(gap, "2025-02-23", kDC1);                     // 7 days: the letter goes.
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 2);
  CHECK(invoices_of(r, 0) == std::vector<Index>{kDInv1, kDInv2});

  // The whole book on 02-04: three notices in book order; C2's groups its two invoices.
  BookBuilder all = dunning_book();
  r = run_of(all, "2025-02-04");
  REQUIRE(r.letters.size() == 3);
  CHECK(r.letters[0].customer == kDC1);
  CHECK(r.letters[1].customer == kDC2);
  CHECK(invoices_of(r, 1) == std::vector<Index>{kDInv3, kDInv4});
  CHECK(r.letters[1].total_minor == 80000);
  CHECK(r.letters[2].customer == kDC3);
  REQUIRE(r.levels.size() == 4);
  CHECK(r.levels[1].letters == 3);
  CHECK(r.levels[1].invoices == 4);
  CHECK(r.levels[1].total_minor == 200000);
  CHECK(r.total_minor == 200000);
}

TEST_CASE("disputed and blocked invoices are not dunned until resolved or unblocked") {
  std::vector<CaseRecord> rs = {dunning_record(RK::Dispute, "2025-02-01", kDC2, {kDInv3}),
                                dunning_record(RK::Block, "2025-02-01", kDC2, {kDInv4})};
  BookBuilder b = dunning_book(rs);
  DunningRun r = run_of(b, "2025-02-10", kDC2);
  CHECK(r.letters.empty());
  CHECK(r.disputed_invoices == 1);
  CHECK(r.blocked_invoices == 1);

  rs.push_back(dunning_record(RK::Unblock, "2025-02-12", kDC2, {kDInv4}));
  BookBuilder unblocked = dunning_book(rs);
  r = run_of(unblocked, "2025-02-12", kDC2);
  REQUIRE(r.letters.size() == 1);
  CHECK(invoices_of(r, 0) == std::vector<Index>{kDInv4});
  CHECK(r.letters[0].level == 1);
  CHECK(r.letters[0].total_minor == 30000);

  CaseRecord resolve = dunning_record(RK::Resolve, "2025-02-20", kDC2, {});
  resolve.ref = "T1";
  rs.push_back(resolve);
  BookBuilder resolved = dunning_book(rs);
  r = run_of(resolved, "2025-02-20", kDC2);
  REQUIRE(r.letters.size() == 1);
  CHECK(invoices_of(r, 0) == std::vector<Index>{kDInv3, kDInv4});
  CHECK(r.letters[0].level == 1);  // 20 days overdue, nothing sent: the notice.
  CHECK(r.letters[0].total_minor == 80000);
  CHECK(r.disputed_invoices == 0);
}

TEST_CASE("a paid invoice is never dunned") {
  BookBuilder b = dunning_book();
  DunningRun r = run_of(b, "2025-02-04", kDC3);
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].total_minor == 20000);
  CHECK(run_of(b, "2025-02-05", kDC3).letters.empty());  // P-1 pays INV-5 in full that day.
  CHECK(run_of(b, "2025-04-30", kDC3).letters.empty());
}

TEST_CASE("records: a letter raises each invoice only to its own level due") {
  BookBuilder b = dunning_book({letter("2025-02-01", kDC1, {kDInv1}, 1)});
  DunningRun r = run_of(b, "2025-02-20");
  std::vector<NewRecord> add = dunning_records(b.book, r, "Ann");
  // C1's warning (INV-1, INV-2); C2's and C3's notices... C3 was paid on 02-05: C1 and C2.
  REQUIRE(add.size() == 2);
  CHECK(add[0].record.kind == RecordKind::Letter);
  CHECK(add[0].record.id == "R-1");
  CHECK(add[0].record.level == 2);
  CHECK(add[0].record.date == D("2025-02-20"));
  CHECK(add[0].record.by == "Ann");
  CHECK(add[0].customer_id == "C1");
  CHECK(add[0].invoice_ids == std::vector<std::string>{"INV-1", "INV-2"});
  CHECK(add[1].record.id == "R-2");
  CHECK(add[1].customer_id == "C2");
  CHECK(add[1].record.level == 1);
  History h;
  std::vector<Problem> problems;
  for (const NewRecord& n : add) REQUIRE(h.apply(b.book, Edit{n}, &problems));
  CaseState s = case_state(b.book, D("2025-02-20"));
  CHECK(s.invoices[kDInv1].level_sent == 2);
  CHECK(s.invoices[kDInv2].level_sent == 1);  // Listed in the warning, sent its notice.
  CHECK(s.invoices[kDInv3].level_sent == 1);
  CHECK(s.customers[kDC1].letters_sent == 2);
  // The same day again: nothing more is due for C1 (its levels are sent); C2's warning
  // (20 days overdue, notice sent) waits for the letter gap.
  r = dunning_run(b.book, D("2025-02-20"));
  CHECK(r.letters.empty());
  CHECK(r.gap_customers == 1);
  // With no gap at all the same day: C2's warning goes at once, C1 still has nothing new.
  b.book.collection.policy.letter_gap_days = 0;
  r = dunning_run(b.book, D("2025-02-20"));
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].customer == kDC2);
  CHECK(r.letters[0].level == 2);

  // A lawyer's letter written by hand for INV-2 one day overdue, nothing sent: its notice.
  BookBuilder hand = dunning_book({letter("2025-02-20", kDC1, {kDInv2}, 3)});
  REQUIRE(hand.build());
  CHECK(case_state(hand.book, D("2025-02-20")).invoices[kDInv2].level_sent == 1);
}

TEST_CASE("a reminder is sent once; the letter gap counts it") {
  BookBuilder b = dunning_book();
  DunningRun r = run_of(b, "2025-02-24", kDC4);  // INV-6 due 03-03: 7 days before.
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 0);
  CHECK(r.letters[0].deadline == D("2025-03-03"));
  std::vector<NewRecord> add = dunning_records(b.book, r, "");
  REQUIRE(add.size() == 1);
  CHECK(add[0].record.level == 0);
  BookBuilder sent = dunning_book({letter("2025-02-24", kDC4, {kDInv6}, 0)});
  CHECK(run_of(sent, "2025-03-01", kDC4).letters.empty());   // Reminded already.
  CHECK(run_of(sent, "2025-03-03", kDC4).letters.empty());   // Due today.
  r = run_of(sent, "2025-03-04", kDC4);                      // Day 1; 8 days since.
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 1);
  CHECK(r.items[0].level_sent == 0);  // A reminder is no level.
}

}  // TEST_SUITE

// ---- [SECTION] Plan instalments dunned on their own ----------------------------------------
// C1's INV-1 (1,000.00 due 01-31) and INV-2 (500.00 due 02-19) go into plan T1 on 2025-02-01:
// 1,500.00 open that day, three instalments of 500.00 due 03-01, 04-01 and 05-01. It is over
// the approval threshold (1,000.00): T2 approves it. The invoices are no longer dunned; each
// instalment is, by its own due date and level sent.

namespace {

std::vector<CaseRecord> c1_plan() {
  CaseRecord plan = dunning_record(RK::Plan, "2025-02-01", kDC1, {kDInv1, kDInv2});
  plan.instalments = {{D("2025-03-01"), 50000}, {D("2025-04-01"), 50000}, {D("2025-05-01"), 50000}};
  CaseRecord approval = dunning_record(RK::Approval, "2025-02-01", kDC1, {});
  approval.ref = "T1";
  approval.by = "Credit manager";
  return {plan, approval};
}

}  // namespace

TEST_SUITE("dunning") {

TEST_CASE("plan instalments: each dunned on its own, day by day") {
  std::vector<CaseRecord> rs = c1_plan();
  BookBuilder b = dunning_book(rs);
  // 02-20: INV-1 20 days and INV-2 1 day past their own due dates, but in the plan; no
  // instalment is due yet: nothing, and nothing counted as left out.
  DunningRun r = run_of(b, "2025-02-20", kDC1);
  CHECK(r.letters.empty());
  CHECK(r.plan_invoices == 0);
  CHECK(run_of(b, "2025-03-01", kDC1).letters.empty());  // Due today: not late, no reminder.
  // 03-02: instalment 1 is 1 day overdue, nothing sent: the notice, 500.00, pay by 03-12.
  r = run_of(b, "2025-03-02", kDC1);
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 1);
  CHECK(r.letters[0].total_minor == 50000);
  CHECK(r.letters[0].deadline == D("2025-03-12"));
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].is_instalment());
  CHECK(r.items[0].plan_record == 0);
  CHECK(r.items[0].instalment == 0);
  CHECK(r.items[0].instalments == 3);
  CHECK(r.items[0].invoice == kDInv1);  // The plan's first invoice names it.
  CHECK(r.items[0].due == D("2025-03-01"));
  CHECK(r.items[0].days_overdue == 1);
  CHECK(r.items[0].open_minor == 50000);
  CHECK(dunning_item_label(b.book, r.items[0]) == "INV-1 (instalment 1/3 of plan T1)");
  // Its record names the plan's two invoices, each once.
  std::vector<NewRecord> add = dunning_records(b.book, r, "Ann");
  REQUIRE(add.size() == 1);
  CHECK(add[0].invoice_ids == std::vector<std::string>{"INV-1", "INV-2"});
  CHECK(add[0].record.level == 1);
  // Not sent: 19 days on, still the notice (one above none).
  r = run_of(b, "2025-03-20", kDC1);
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 1);

  // The notice sent on 03-02 (T3, naming the plan's invoices): 03-15 is 14 days, the notice
  // is its level: nothing new; 03-16 is 15 days: the warning.
  rs.push_back(letter("2025-03-02", kDC1, {kDInv1, kDInv2}, 1));
  BookBuilder sent = dunning_book(rs);
  CHECK(run_of(sent, "2025-03-15", kDC1).letters.empty());
  r = run_of(sent, "2025-03-16", kDC1);
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 2);
  CHECK(r.items[0].level_sent == 1);
  CHECK(r.items[0].level_due == 2);

  // 500.00 paid on 03-20 covers instalment 1: it drops out; instalment 2 (due 04-01) is not
  // due: nothing until 04-02, when it starts its own count at the notice (it was not overdue
  // on the 03-02 letter's date, so nothing was sent for it).
  BookBuilder paid = dunning_book(rs);
  paid.payment("P-2", kDC1, D("2025-03-20"), 50000);
  CHECK(run_of(paid, "2025-03-20", kDC1).letters.empty());
  CHECK(run_of(paid, "2025-04-01", kDC1).letters.empty());
  r = run_of(paid, "2025-04-02", kDC1);
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 1);
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].instalment == 1);
  CHECK(r.items[0].level_sent == 0);
  CHECK(r.items[0].open_minor == 50000);
  CHECK(r.letters[0].total_minor == 50000);
}

TEST_CASE("plan instalments: a letter before the plan does not count; a dispute leaves it out") {
  // A notice for INV-1 on 02-01 (before the plan of 02-10): the plan starts afresh.
  CaseRecord plan = dunning_record(RK::Plan, "2025-02-10", kDC1, {kDInv1, kDInv2});
  plan.instalments = {{D("2025-03-01"), 50000}, {D("2025-04-01"), 50000}, {D("2025-05-01"), 50000}};
  CaseRecord approval = dunning_record(RK::Approval, "2025-02-10", kDC1, {});
  approval.ref = "T2";
  approval.by = "Credit manager";
  BookBuilder b = dunning_book({letter("2025-02-01", kDC1, {kDInv1}, 1), plan, approval});
  DunningRun r = run_of(b, "2025-03-20", kDC1);  // 19 days: a warning by days, but nothing sent.
  REQUIRE(r.letters.size() == 1);
  CHECK(r.letters[0].level == 1);
  CHECK(r.items[0].level_sent == 0);

  // INV-2 disputed: the whole plan is left out; INV-2 counted disputed, INV-1 as a plan invoice.
  std::vector<CaseRecord> rs = c1_plan();
  rs.push_back(dunning_record(RK::Dispute, "2025-02-15", kDC1, {kDInv2}));
  BookBuilder disputed = dunning_book(rs);
  r = run_of(disputed, "2025-03-02", kDC1);
  CHECK(r.letters.empty());
  CHECK(r.disputed_invoices == 1);
  CHECK(r.plan_invoices == 1);
}

}  // TEST_SUITE("dunning") (plans)
