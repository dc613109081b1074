// test_collection.cpp: the collection position (core/collection.h), worked out by hand.
#include <doctest/doctest.h>

#include "collection_book.h"
#include "core/collection.h"

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
