// test_worklist.cpp: what to do today (core/worklist.h), worked out by hand.
#include <doctest/doctest.h>

#include "collection_book.h"
#include "core/worklist.h"

using namespace arlab;
using namespace arlab::test;

namespace {

// The book of tests/core/collection_book.h (worked there).
std::vector<WorkItem> list_at(const Book& book, const char* date) {
  return worklist(book, collection_position(book, D(date)));
}

}  // namespace

TEST_SUITE("worklist") {

TEST_CASE("2025-02-11: INV-1 past its limit; C1 over its limit too: escalate, then hold") {
  BookBuilder b = collection_book();
  std::vector<WorkItem> w = list_at(b.book, "2025-02-11");
  REQUIRE(w.size() == 2);
  CHECK(w[0].action == WorkAction::Escalate);
  CHECK(w[0].owner == WorkOwner::Credit);
  CHECK(w[0].customer == kC1);
  CHECK(w[0].invoice == kInv1);
  CHECK(w[0].days == 11);
  CHECK(w[0].invoices == 1);
  CHECK(w[0].amount_minor == 40000);  // 500.00 less P-1's 100.00.
  CHECK(w[1].action == WorkAction::Hold);
  CHECK(w[1].customer == kC1);
  CHECK(w[1].hold == (kHoldOverLimit | kHoldPastLimit));
  CHECK(w[1].amount_minor == 110000);  // Owed: 400 + 300 + 400.
  CHECK(w[1].invoices == 3);
  CHECK(w[1].invoice == kInv1);
}

TEST_CASE("2025-03-17: two invoices within their limits (remind), one due in 5 days (confirm)") {
  BookBuilder b = collection_book();
  // P-2 paid INV-1. INV-2: 15 days overdue of its 20; INV-4: 10 of 10 (day 40); INV-3 due
  // 03-22, 5 days away (within the week); C1 owes 700.00: no hold.
  std::vector<WorkItem> w = list_at(b.book, "2025-03-17");
  REQUIRE(w.size() == 2);
  CHECK(w[0].action == WorkAction::Remind);
  CHECK(w[0].owner == WorkOwner::Finance);
  CHECK(w[0].customer == kC1);
  CHECK(w[0].invoices == 2);
  CHECK(w[0].amount_minor == 70000);
  CHECK(w[0].invoice == kInv2);  // The older of the two: 15 days.
  CHECK(w[0].days == 15);
  CHECK(w[1].action == WorkAction::Confirm);
  CHECK(w[1].owner == WorkOwner::Sales);
  CHECK(w[1].customer == kC2);
  CHECK(w[1].invoice == kInv3);
  CHECK(w[1].days == -5);
  CHECK(w[1].amount_minor == 20000);
}

TEST_CASE("2025-03-18: the next day INV-4 is past its limit: the order is escalate, hold, remind, "
          "confirm") {
  BookBuilder b = collection_book();
  std::vector<WorkItem> w = list_at(b.book, "2025-03-18");
  REQUIRE(w.size() == 4);
  CHECK(w[0].action == WorkAction::Escalate);
  CHECK(w[0].invoice == kInv4);
  CHECK(w[0].days == 11);
  CHECK(w[1].action == WorkAction::Hold);
  CHECK(w[1].hold == kHoldPastLimit);  // 700.00 owed is within the 1,000.00 limit.
  CHECK(w[1].invoice == kInv4);        // 1 day past its limit; INV-2 is 4 days short of its.
  CHECK(w[2].action == WorkAction::Remind);
  CHECK(w[2].invoice == kInv2);
  CHECK(w[2].days == 16);
  CHECK(w[2].amount_minor == 30000);
  CHECK(w[3].action == WorkAction::Confirm);
  CHECK(w[3].days == -4);
  CHECK(std::string(work_action_text(w[3].action)) == "Call to confirm the settlement date");
}

TEST_CASE("ranking within an action: older first, then larger, then book order") {
  BookBuilder b;
  Index a = b.customer("A"), c = b.customer("C"), d = b.customer("D");
  b.invoice("A-1", a, D("2025-01-01"), 10000);  // Due 01-31.
  b.invoice("C-1", c, D("2025-01-01"), 90000);  // Due 01-31: as old, larger.
  b.invoice("D-1", d, D("2025-01-03"), 99000);  // Due 02-02: larger still, 2 days younger.
  REQUIRE(b.build());
  std::vector<WorkItem> w = list_at(b.book, "2025-02-05");  // 5, 5 and 3 days overdue.
  REQUIRE(w.size() == 3);
  CHECK(w[0].customer == c);
  CHECK(w[1].customer == a);
  CHECK(w[2].customer == d);
  for (const WorkItem& item : w) CHECK(item.action == WorkAction::Remind);
}

}  // TEST_SUITE
