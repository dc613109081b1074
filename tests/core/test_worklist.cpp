// test_worklist.cpp: what to do today (core/worklist.h), worked out by hand.
#include <doctest/doctest.h>

#include "collection_book.h"
#include "core/worklist.h"

#include <algorithm>

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

// ---- The case file in the worklist ------------------------------------------------------

namespace {

// The small worklist of docs/COLLECTION.md, as of 2025-03-01 (default policy: notice from 1
// day overdue (sales), warning 15 (finance), lawyer's letter 30 (credit); 7 days between
// letters; terms 30 days, so each hard limit is 10 days):
//   A: A-1 1,000.00 01-01, due 01-31: 29 days overdue, past its limit: escalate; on hold
//      (past the limit): hold; warning due (15 <= 29 < 30): send level 2.
//   B: B-1 500.00 02-20, due 03-22 (not due soon: 21 days); promise of 200.00 made 02-10,
//      pay by 02-20, nothing paid: broken, 9 days since: chase.
//   C: C-1 300.00 01-25, due 02-24: 5 days overdue: notice due (send level 1), remind.
//   D: D-1 300.00 01-25, due 02-24: as C; and a promise of 100.00 made 02-01, pay by 02-05,
//      broken: chase (24 days). D ties C on age and amount; neither has a payment score
//      (no history: 50 each); D has one broken promise: D first.
BookBuilder ranking_book() {
  BookBuilder b;
  Index a = b.customer("A"), bb = b.customer("B"), c = b.customer("C"), d = b.customer("D");
  b.invoice("A-1", a, D("2025-01-01"), 100000);
  b.invoice("B-1", bb, D("2025-02-20"), 50000);
  b.invoice("C-1", c, D("2025-01-25"), 30000);
  b.invoice("D-1", d, D("2025-01-25"), 30000);
  CaseRecord pb = record("PB", RecordKind::Promise, "2025-02-10", bb);
  pb.amount_minor = 20000;
  pb.until = D("2025-02-20");
  CaseRecord pd = record("PD", RecordKind::Promise, "2025-02-01", d);
  pd.amount_minor = 10000;
  pd.until = D("2025-02-05");
  b.book.collection.records = {pb, pd};
  REQUIRE(b.build());
  return b;
}

}  // namespace

TEST_SUITE("worklist") {

TEST_CASE("the ranking of a small worklist: action, age, amount, risk, broken promises") {
  BookBuilder b = ranking_book();
  CollectionPosition p = collection_position(b.book, D("2025-03-01"));
  std::vector<WorkItem> w = worklist(b.book, p);
  struct Want { WorkAction action; Index customer; int32_t days; int64_t amount; int32_t letter; };
  const Want want[] = {
      {WorkAction::Escalate, 0, 29, 100000, 2}, {WorkAction::Hold, 0, 29, 100000, 0},
      {WorkAction::Chase, 3, 24, 10000, 0},     {WorkAction::Chase, 1, 9, 20000, 0},
      {WorkAction::Send, 0, 29, 100000, 2},     {WorkAction::Send, 3, 5, 30000, 1},
      {WorkAction::Send, 2, 5, 30000, 1},       {WorkAction::Remind, 3, 5, 30000, 1},
      {WorkAction::Remind, 2, 5, 30000, 1},
  };
  REQUIRE(w.size() == std::size(want));
  for (size_t k = 0; k < w.size(); ++k) {
    INFO("item " << k + 1 << ": " << work_action_name(w[k].action));
    CHECK(w[k].action == want[k].action);
    CHECK(w[k].customer == want[k].customer);
    CHECK(w[k].days == want[k].days);
    CHECK(w[k].amount_minor == want[k].amount);
    CHECK(w[k].letter == want[k].letter);
  }
  CHECK(w[4].owner == WorkOwner::Finance);  // The warning's owner.
  CHECK(w[5].owner == WorkOwner::Sales);    // The notice's.
  CHECK(w[2].owner == WorkOwner::Finance);  // No case record: finance.
  CHECK(w[5].broken == 1);
  CHECK(work_item_step(b.book, p, w[4]) == "Send the warning (level 2, pay within 7 d)");
  CHECK(work_item_step(b.book, p, w[2]) ==
        "Promise of 100.00 by 2025-02-05 broken (100.00 unpaid): call, ask why, agree anew");
  CHECK(work_item_step(b.book, p, w[1]) == "Stop supply until settled (past 1/3 limit)");
}

TEST_CASE("marking done appends the item's record; the item is gone the same day") {
  BookBuilder b = ranking_book();
  CollectionPosition p = collection_position(b.book, D("2025-03-01"));
  std::vector<WorkItem> w = worklist(b.book, p);
  History history;
  std::vector<Problem> problems;
  SUBCASE("send: a letter of that level for the invoices due it") {
    NewRecord r = worklist_done_record(b.book, p, w[4], D("2025-03-01"), "Ann", "");
    CHECK(r.record.kind == RecordKind::Letter);
    CHECK(r.record.level == 2);
    CHECK(r.customer_id == "A");
    CHECK(r.invoice_ids == std::vector<std::string>{"A-1"});
    REQUIRE(history.apply(b.book, r, &problems));
    std::vector<WorkItem> after = worklist(b.book, collection_position(b.book, D("2025-03-01")));
    CHECK(after.size() == w.size() - 1);
    for (const WorkItem& x : after) CHECK_FALSE((x.action == WorkAction::Send && x.customer == 0));
    // The letter gap: A's lawyer's letter (30 days: 03-02) waits until 03-08.
    auto a_sends = [&](const char* date) {
      std::vector<WorkItem> l = worklist(b.book, collection_position(b.book, D(date)));
      return std::count_if(l.begin(), l.end(), [](const WorkItem& x) {
        return x.action == WorkAction::Send && x.customer == 0;
      });
    };
    CHECK(a_sends("2025-03-07") == 0);
    CHECK(a_sends("2025-03-08") == 1);
  }
  SUBCASE("chase: a phone contact; a contact after the pay-by date ends the chase") {
    NewRecord r = worklist_done_record(b.book, p, w[2], D("2025-03-01"), "Bo", "no answer");
    CHECK(r.record.kind == RecordKind::Contact);
    CHECK(r.record.text == "no answer");
    CHECK(r.customer_id == "D");
    REQUIRE(history.apply(b.book, r, &problems));
    std::vector<WorkItem> after = worklist(b.book, collection_position(b.book, D("2025-03-01")));
    for (const WorkItem& x : after) CHECK_FALSE((x.action == WorkAction::Chase && x.customer == 3));
    // The contact was on or after D-1 fell due: no remind for D either (reminded).
    for (const WorkItem& x : after) CHECK_FALSE((x.action == WorkAction::Remind && x.customer == 3));
  }
  SUBCASE("hold: the hold by hand with its reasons, then no hold item") {
    NewRecord r = worklist_done_record(b.book, p, w[1], D("2025-03-01"), "Cy", "");
    CHECK(r.record.kind == RecordKind::Hold);
    CHECK(r.record.text == "past 1/3 limit (A-1 29 d overdue, limit 10 d)");
    REQUIRE(history.apply(b.book, r, &problems));
    CollectionPosition q = collection_position(b.book, D("2025-03-01"));
    CHECK(q.customers[0].hold == (kHoldPastLimit | kHoldManual));
    std::vector<WorkItem> after = worklist(b.book, q);
    for (const WorkItem& x : after) CHECK(x.action != WorkAction::Hold);
  }
}

TEST_CASE("promise kept and broken; call on the next step's date; review due; release") {
  BookBuilder b = collection_book();
  // C1: promise on 02-01 of 400.00 by 02-10: P-1 (02-01) 100.00 only: broken from 02-11.
  //     Promise on 02-12 of 400.00 by 02-15: P-2 (02-15) 400.00: kept.
  //     Contact on 02-12 (after the first pay-by date) with a next step on 02-20.
  // C2: a hold by hand on 02-21 (no reason of its own: release); a review on 02-20 grade D
  //     (monthly): the next on 03-20.
  CaseRecord p1 = record("P1", RecordKind::Promise, "2025-02-01", kC1);
  p1.amount_minor = 40000;
  p1.until = D("2025-02-10");
  CaseRecord p2 = record("P2", RecordKind::Promise, "2025-02-12", kC1);
  p2.amount_minor = 40000;
  p2.until = D("2025-02-15");
  CaseRecord ct = record("K1", RecordKind::Contact, "2025-02-12", kC1);
  ct.next_step = "check the cheque";
  ct.next_date = D("2025-02-20");
  CaseRecord h = record("H1", RecordKind::Hold, "2025-02-21", kC2);
  h.text = "new owner";
  CaseRecord rv = record("V1", RecordKind::Review, "2025-02-20", kC2);
  rv.grade = "D";
  rv.amount_minor = -1;
  b.book.collection.records = {p1, p2, ct, h, rv};
  REQUIRE(b.build());
  auto find = [](const std::vector<WorkItem>& w, WorkAction a, Index c) {
    return std::find_if(w.begin(), w.end(),
                        [&](const WorkItem& x) { return x.action == a && x.customer == c; });
  };
  std::vector<WorkItem> w = list_at(b.book, "2025-02-11");
  auto chase = find(w, WorkAction::Chase, kC1);
  REQUIRE(chase != w.end());
  CHECK(chase->amount_minor == 30000);  // 400.00 promised, 100.00 paid.
  CHECK(chase->days == 1);
  CollectionPosition p = collection_position(b.book, D("2025-02-16"));
  CHECK(p.cases.customers[kC1].promises_broken == 1);
  CHECK(p.cases.customers[kC1].promises_kept == 1);
  w = worklist(b.book, p);
  CHECK(find(w, WorkAction::Chase, kC1) == w.end());  // Contacted on 02-12, after 02-10.
  CHECK(find(w, WorkAction::Call, kC1) == w.end());   // The next step is on 02-20.
  w = list_at(b.book, "2025-02-20");
  auto call = find(w, WorkAction::Call, kC1);
  REQUIRE(call != w.end());
  CHECK(call->days == 0);
  CHECK(work_item_step(b.book, collection_position(b.book, D("2025-02-20")), *call) ==
        "Next step due 2025-02-20: check the cheque");
  // 03-20: C2's review is due; C2 owes 200.00 (within no limit, nothing past): release.
  w = list_at(b.book, "2025-03-20");
  auto review = find(w, WorkAction::Review, kC2);
  REQUIRE(review != w.end());
  CHECK(review->days == 0);
  CHECK(review->owner == WorkOwner::Credit);
  auto release = find(w, WorkAction::Release, kC2);
  REQUIRE(release != w.end());
  CHECK(release->days == 27);  // Held since 02-21.
  CHECK(release->amount_minor == 20000);
}

TEST_CASE("snoozed customers' items are left out and counted") {
  BookBuilder b = ranking_book();
  CaseRecord s = record("S1", RecordKind::Snooze, "2025-02-28", 2);  // C, until 03-05.
  s.until = D("2025-03-05");
  b.book.collection.records.push_back(s);
  REQUIRE(b.build());
  uint32_t snoozed = 0;
  std::vector<WorkItem> w = worklist(b.book, collection_position(b.book, D("2025-03-01")), &snoozed);
  CHECK(w.size() == 7);
  CHECK(snoozed == 2);  // C's send and remind.
  w = worklist(b.book, collection_position(b.book, D("2025-03-05")), &snoozed);
  CHECK(snoozed == 0);  // Until 03-05: in force before it, not on it.
}

}  // TEST_SUITE
