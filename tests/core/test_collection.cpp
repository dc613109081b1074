// test_collection.cpp: the collection position (core/collection.h), worked out by hand.
#include <doctest/doctest.h>

#include "collection_book.h"
#include "core/aging.h"
#include "core/collection.h"
#include "core/worklist.h"

#include <algorithm>

using namespace arlab;
using namespace arlab::test;

TEST_SUITE("collection") {

TEST_CASE("the one-third limit of each invoice's own period, at its exact edges") {
  CHECK(one_third_limit(30) == 10);
  CHECK(one_third_limit(60) == 20);
  CHECK(one_third_limit(45) == 15);
  CHECK(one_third_limit(0) == 0);
  CHECK(stage_of(0, 10) == Stage::Credit);  // Due today is not overdue.
  CHECK(stage_of(1, 10) == Stage::Coordination);
  CHECK(stage_of(10, 10) == Stage::Coordination);  // Day 40 of 30-day terms.
  CHECK(stage_of(11, 10) == Stage::Clearing);      // Day 41.
  BookBuilder b = collection_book();
  SUBCASE("2025-02-10: INV-1 is 10 days overdue, day 40 of its 30 days: coordination") {
    CollectionPosition p = collection_position(b.book, D("2025-02-10"));
    const InvoicePosition& i1 = p.invoices[kInv1];
    CHECK(i1.open_minor == 40000);
    CHECK(i1.days_past_due == 10);
    CHECK(i1.period_days == 30);
    CHECK(i1.limit_days == 10);
    CHECK(i1.stage == Stage::Coordination);
    const InvoicePosition& i2 = p.invoices[kInv2];
    CHECK(i2.period_days == 60);
    CHECK(i2.limit_days == 20);
    CHECK(i2.days_past_due == -20);
    CHECK(i2.stage == Stage::Credit);
    CHECK_FALSE(i2.due_soon);
    CHECK(p.invoices[kInv3].open_minor == 0);  // Dated 02-20: does not exist yet.
    CHECK(p.invoices_existing == 3);
    // C1 owes 400 + 300 + 400 = 1,100.00 > its 1,000.00 limit: on hold for that alone.
    const CustomerPosition& c1 = p.customers[0];
    CHECK(c1.open_minor == 110000);
    CHECK(c1.overdue_minor == 40000);
    CHECK(c1.owed_minor == 110000);
    CHECK(c1.stage == Stage::Coordination);
    CHECK(c1.past_limit_count == 0);
    CHECK(c1.hold == kHoldOverLimit);
    CHECK(c1.days_overdue_max == 10);
    CHECK(c1.oldest_invoice == kInv1);
    CHECK(c1.worst_invoice == kInv1);  // 0 days past its limit; INV-2 -40, INV-4 -35.
    CHECK(p.stage_minor == std::array<int64_t, 3>{70000, 40000, 0});
    CHECK(p.stage_customers == std::array<uint32_t, 3>{0, 1, 0});
    CHECK(p.on_hold_count == 1);
  }
  SUBCASE("2025-02-11: day 41, clearing; C1 on hold for both reasons") {
    CollectionPosition p = collection_position(b.book, D("2025-02-11"));
    CHECK(p.invoices[kInv1].days_past_due == 11);
    CHECK(p.invoices[kInv1].stage == Stage::Clearing);
    CHECK(p.customers[0].stage == Stage::Clearing);
    CHECK(p.customers[0].past_limit_count == 1);
    CHECK(p.customers[0].hold == (kHoldOverLimit | kHoldPastLimit));
    CHECK(p.stage_minor == std::array<int64_t, 3>{70000, 0, 40000});
  }
  SUBCASE("2025-02-15: P-2 pays INV-1; a paid invoice is nowhere, C1 owes 700.00: no hold") {
    CollectionPosition p = collection_position(b.book, D("2025-02-15"));
    CHECK(p.invoices[kInv1].open_minor == 0);
    CHECK(p.invoices[kInv1].stage == Stage::Credit);
    CHECK(p.customers[0].open_minor == 70000);
    CHECK(p.customers[0].stage == Stage::Credit);
    CHECK(p.customers[0].hold == kHoldNone);
    CHECK(p.on_hold_count == 0);
  }
  SUBCASE("INV-2's own 60 days: day 80 (20 overdue) coordination, day 81 clearing") {
    CollectionPosition p = collection_position(b.book, D("2025-03-22"));
    CHECK(p.invoices[kInv2].days_past_due == 20);
    CHECK(p.invoices[kInv2].stage == Stage::Coordination);
    p = collection_position(b.book, D("2025-03-23"));
    CHECK(p.invoices[kInv2].days_past_due == 21);
    CHECK(p.invoices[kInv2].stage == Stage::Clearing);
    // INV-4 (due 03-07) is 16 days overdue, past its 10: clearing too; worst is INV-4 (+6).
    CHECK(p.invoices[kInv4].stage == Stage::Clearing);
    CHECK(p.customers[0].past_limit_count == 2);
    CHECK(p.customers[0].worst_invoice == kInv4);
  }
}

TEST_CASE("due soon: open and due within the reminder days (a call a week before)") {
  BookBuilder b = collection_book();
  // INV-3 is due 2025-03-22.
  CHECK_FALSE(collection_position(b.book, D("2025-03-14")).invoices[kInv3].due_soon);  // -8
  CollectionPosition p = collection_position(b.book, D("2025-03-15"));                 // -7
  CHECK(p.invoices[kInv3].due_soon);
  CHECK(p.customers[1].due_soon_count == 1);
  CHECK(p.customers[1].due_soon_minor == 20000);
  CHECK(collection_position(b.book, D("2025-03-22")).invoices[kInv3].due_soon);  // Due today.
  CHECK_FALSE(collection_position(b.book, D("2025-03-23")).invoices[kInv3].due_soon);
  CollectionPolicy three_days;
  three_days.reminder_days = 3;
  CHECK_FALSE(collection_position(b.book, D("2025-03-15"), three_days).invoices[kInv3].due_soon);
  CHECK(collection_position(b.book, D("2025-03-19"), three_days).invoices[kInv3].due_soon);
}

}  // TEST_SUITE

// ---- The case file in the position (collection.h, docs/COLLECTION.md) -------------------

TEST_SUITE("collection") {

TEST_CASE("an approved extension moves the due date and the one-third limit with it") {
  BookBuilder b = collection_book();
  // INV-1 (01-01, due 01-31, 30 days) extended on 02-05 to 03-02: its period is now 60 days
  // (Jan 1 -> Mar 2), its limit 20 days overdue (day 80, 03-22). 400.00 open then: below the
  // 1,000.00 approval threshold, in force without an approval.
  CaseRecord ext = record("E1", RecordKind::Extension, "2025-02-05", kC1, {kInv1});
  ext.until = D("2025-03-02");
  ext.text = "waiting for its customer";
  b.book.collection.records.push_back(ext);
  REQUIRE(b.build());
  CollectionPosition p = collection_position(b.book, D("2025-02-11"));
  const InvoicePosition& i1 = p.invoices[kInv1];
  CHECK(i1.due == D("2025-03-02"));
  CHECK(i1.period_days == 60);
  CHECK(i1.limit_days == 20);
  CHECK(i1.days_past_due == -19);
  CHECK(i1.stage == Stage::Credit);  // Without it: 11 days overdue, clearing.
  CHECK(p.customers[kC1].overdue_minor == 0);
  CHECK(p.customers[kC1].hold == kHoldOverLimit);  // Owes 1,100.00: over, but nothing past.
  // Before the extension's date it is not in force.
  CHECK(collection_position(b.book, D("2025-02-04")).invoices[kInv1].due == D("2025-01-31"));
}

TEST_CASE("disputed amounts apart: not chased, not past the limit for a hold") {
  BookBuilder b = collection_book();
  // INV-4 (400.00, due 03-07) disputed whole on 03-01; INV-2 150.00 of its 300.00 on 03-01.
  b.book.collection.records.push_back(record("D1", RecordKind::Dispute, "2025-03-01", kC1, {kInv4}));
  CaseRecord d2 = record("D2", RecordKind::Dispute, "2025-03-01", kC1, {kInv2});
  d2.amount_minor = 15000;
  b.book.collection.records.push_back(d2);
  REQUIRE(b.build());
  // 03-18: INV-4 11 days overdue (past its 10) but wholly disputed; INV-2 16 of its 20.
  CollectionPosition p = collection_position(b.book, D("2025-03-18"));
  CHECK(p.invoices[kInv4].stage == Stage::Clearing);  // Where it stands...
  CHECK(p.invoices[kInv4].disputed_minor == 40000);
  CHECK(p.invoices[kInv4].chase_minor() == 0);        // ...but nothing to chase.
  CHECK(p.invoices[kInv2].disputed_minor == 15000);
  CHECK(p.invoices[kInv2].chase_minor() == 15000);
  const CustomerPosition& c1 = p.customers[kC1];
  CHECK(c1.open_minor == 70000);
  CHECK(c1.disputed_minor == 55000);
  CHECK(c1.past_limit_count == 0);
  CHECK(c1.stage == Stage::Coordination);
  CHECK(c1.worst_invoice == kInv2);
  CHECK(c1.hold == kHoldNone);  // Owes 700.00 of 1,000.00; the disputed INV-4 holds nothing.
  CHECK(p.disputed_minor == 55000);
  // The aging shows them apart (kept in their buckets: still owed, still ageing).
  AgingReport a = compute_aging(b.book, D("2025-03-18"), kDefaultAgingEdges);
  REQUIRE(a.customers.size() == 2);
  CHECK(a.customers[0].disputed_minor == 55000);
  CHECK(a.customers[0].open_minor == 70000);
  CHECK(a.customers[1].disputed_minor == 0);
  CHECK(a.total_disputed_minor == 55000);
}

TEST_CASE("instalments age on their own dates") {
  BookBuilder b;
  Index a = b.customer("A"), c = b.customer("B");
  // A: INV-A 900.00 on 03-01 with its own due date 05-30; a plan the same day of three
  // instalments of 300.00 due 03-31, 04-30, 05-30 (each a 30-day period: limit 10 days).
  Index ia = b.invoice("INV-A", a, D("2025-03-01"), 90000, D("2025-05-30"));
  // B: INV-B 600.00 on 01-01, due 01-31; a plan on 02-10: 300.00 on 03-10 and 04-10.
  Index ib = b.invoice("INV-B", c, D("2025-01-01"), 60000);
  b.payment("P-A", a, D("2025-04-08"), 30000);
  CaseRecord pa = record("PA", RecordKind::Plan, "2025-03-01", a, {ia});
  pa.instalments = {{D("2025-03-31"), 30000}, {D("2025-04-30"), 30000}, {D("2025-05-30"), 30000}};
  CaseRecord pb = record("PB", RecordKind::Plan, "2025-02-10", c, {ib});
  pb.instalments = {{D("2025-03-10"), 30000}, {D("2025-04-10"), 30000}};
  b.book.collection.records = {pa, pb};
  REQUIRE(b.build());
  SUBCASE("not overdue by its own due date, overdue by an instalment") {
    // 04-05: INV-A's own due date is 55 days away; its first instalment (03-31) is 5 days
    // overdue, within its 10: coordination; what is overdue is that instalment, 300.00.
    CollectionPosition p = collection_position(b.book, D("2025-04-05"));
    const InvoicePosition& ip = p.invoices[ia];
    CHECK(ip.plan == 1);  // Plans in date order: PB (02-10) is 0.
    CHECK(ip.instalment == 0);
    CHECK(ip.due == D("2025-03-31"));
    CHECK(ip.days_past_due == 5);
    CHECK(ip.period_days == 30);
    CHECK(ip.limit_days == 10);
    CHECK(ip.stage == Stage::Coordination);
    CHECK(p.customers[a].overdue_minor == 30000);
    CHECK(p.customers[a].open_minor == 90000);
    CHECK(p.plans[1].overdue_minor == 30000);
    // The worklist reminds about the instalment, 300.00, not the invoice's 900.00.
    std::vector<WorkItem> w = worklist(b.book, p);
    auto remind = std::find_if(w.begin(), w.end(), [&](const WorkItem& x) {
      return x.customer == a && x.action == WorkAction::Remind;
    });
    REQUIRE(remind != w.end());
    CHECK(remind->amount_minor == 30000);
    CHECK(remind->instalment == 0);
  }
  SUBCASE("the first instalment paid: the next one sets the age") {
    // P-A (04-08) 300.00 covers instalment 1; 04-10: instalment 2 (04-30) is 20 days away.
    CollectionPosition p = collection_position(b.book, D("2025-04-10"));
    CHECK(p.invoices[ia].instalment == 1);
    CHECK(p.invoices[ia].days_past_due == -20);
    CHECK(p.invoices[ia].stage == Stage::Credit);
    CHECK(p.customers[a].overdue_minor == 0);
    // 05-11: instalment 2 is 11 days overdue, past its 10: clearing, on hold.
    p = collection_position(b.book, D("2025-05-11"));
    CHECK(p.invoices[ia].days_past_due == 11);
    CHECK(p.invoices[ia].stage == Stage::Clearing);
    CHECK(p.customers[a].hold == kHoldPastLimit);
    CHECK(p.customers[a].overdue_minor == 30000);
  }
  SUBCASE("overdue by its own due date, not by the plan") {
    // 02-20: INV-B is 20 days past its own due date (past its 10), but its plan's first
    // instalment (03-10; 28 days after the plan: limit 9) is 18 days away.
    CollectionPosition p = collection_position(b.book, D("2025-02-20"));
    CHECK(p.invoices[ib].days_past_due == -18);
    CHECK(p.invoices[ib].period_days == 28);
    CHECK(p.invoices[ib].limit_days == 9);
    CHECK(p.invoices[ib].stage == Stage::Credit);
    CHECK(p.customers[c].overdue_minor == 0);
    CHECK(p.customers[c].hold == kHoldNone);
    // The day before the plan it went by its own date: 9 days overdue, all 600.00.
    p = collection_position(b.book, D("2025-02-09"));
    CHECK(p.invoices[ib].days_past_due == 9);
    CHECK(p.customers[c].overdue_minor == 60000);
  }
}

TEST_CASE("a hold by hand, with its reason; a release lifts what was there until something new") {
  BookBuilder b = collection_book();
  CaseRecord hold = record("H1", RecordKind::Hold, "2025-03-01", kC2);
  hold.text = "goods returned unpaid";
  hold.by = "Ann";
  CaseRecord release = record("L1", RecordKind::Release, "2025-02-11", kC1);
  release.text = "cheque promised";
  release.by = "Bo";
  b.book.collection.records = {hold, release};
  REQUIRE(b.build());
  SUBCASE("by hand") {
    CollectionPosition p = collection_position(b.book, D("2025-03-05"));
    CHECK(p.customers[kC2].hold == kHoldManual);
    CHECK(p.customers[kC2].hold_record == 0);
    CHECK(hold_reasons_text(p.customers[kC2].hold) == "on hold by hand");
    CHECK(hold_reasons_line(b.book, p, kC2) ==
          "on hold by hand: goods returned unpaid (Ann, 2025-03-01)");
    CHECK(p.on_hold_count == 1);
  }
  SUBCASE("the release lifts over-limit and past-limit as they were on 02-11") {
    // 02-11: C1 owes 1,100.00 > 1,000.00 and INV-1 is 11 days overdue (past its 10).
    CollectionPosition p = collection_position(b.book, D("2025-02-12"));
    const CustomerPosition& c1 = p.customers[kC1];
    CHECK(c1.automatic == (kHoldOverLimit | kHoldPastLimit));
    CHECK(c1.hold == kHoldNone);
    CHECK(c1.lifted == (kHoldOverLimit | kHoldPastLimit));
    CHECK(c1.release_record == 1);
    CHECK(c1.owed_at_release_minor == 110000);
    CHECK(hold_release_line(b.book, p, kC1) ==
          "released 2025-02-11 by Bo: cheque promised (lifts: over credit limit, past 1/3 limit)");
  }
  SUBCASE("a new reason: INV-4 past its limit on 03-18, not past it at the release") {
    CollectionPosition p = collection_position(b.book, D("2025-03-18"));
    const CustomerPosition& c1 = p.customers[kC1];
    CHECK(c1.hold == kHoldPastLimit);  // Owes 700.00 now: not over.
    CHECK(c1.release_record == kNone);
    CHECK(hold_reasons_line(b.book, p, kC1) ==
          "past 1/3 limit (INV-4 11 d overdue, limit 10 d)");
  }
}

}  // TEST_SUITE
