// test_casefile.cpp: the case file (core/casefile.h) and its JSON (io/collection_json.h),
// worked by hand on tests/cli/books/cases.json (kCases below):
//   C1 Alder Tools: INV-A1 700.00 (2025-01-01, due 01-31), INV-A2 500.00 (01-15, due 02-14);
//      P-1 300.00 on 02-20 goes to INV-A1 (oldest due): A1 open 400.00 after it.
//      R1 case (finance, cash shortage, can't pay); R2 phone contact 02-03, next step 02-21;
//      R3 promise 300.00 by 02-20 (dated 02-03); R5 notice (level 1) for INV-A1 on 02-05;
//      R6 plan on 02-25 for A1 + A2 (open 400 + 500 = 900): 450.00 on 03-15, 450.00 on 04-15.
//   C2 Birch Supply: INV-B1 400.00 (due 2025-03-02); R4 dispute of 100.00 of it on 02-04
//      (a promise made by sales); R7 hold by hand on 02-25; R8 review 01-10: grade B, limit
//      2000.00, guarantee required.
#include <doctest/doctest.h>

#include "core/case_view.h"
#include "core/casefile.h"
#include "core/edit.h"
#include "io/book_json.h"

using namespace arlab;

namespace {

// tests/cli/books/cases.json as it stands (the CLI's goldens read that file; the WebAssembly
// build of this suite has no files).
const char* const kCases = R"BOOK({
  "format": "arlab-book/2",
  "currency": "USD",
  "customers": [
    {"id": "C1", "name": "Alder Tools", "terms_days": 30, "credit_limit": "1000.00"},
    {"id": "C2", "name": "Birch Supply", "terms_days": 30}
  ],
  "invoices": [
    {"id": "INV-A1", "customer": "C1", "date": "2025-01-01", "amount": "700.00"},
    {"id": "INV-A2", "customer": "C1", "date": "2025-01-15", "amount": "500.00"},
    {"id": "INV-B1", "customer": "C2", "date": "2025-01-01", "due": "2025-03-02", "amount": "400.00"}
  ],
  "payments": [
    {"id": "P-1", "customer": "C1", "date": "2025-02-20", "amount": "300.00"}
  ],
  "collection": {
    "policy": {"reminder_days": 5, "levels": [{"name": "notice", "days": 1, "owner": "sales"}, {"name": "warning", "days": 10, "owner": "finance", "deadline_days": 5}]},
    "records": [
      {"id": "R1", "kind": "case", "date": "2025-02-01", "customer": "C1", "owner": "finance", "cause": "cash_shortage", "stance": "cant_pay"},
      {"id": "R2", "kind": "contact", "date": "2025-02-03", "customer": "C1", "channel": "phone", "with": "Ms <b>Li</b>", "text": "will pay \"300\" on the 20th", "by": "Ann", "next_step": "check the payment", "next_date": "2025-02-21"},
      {"id": "R3", "kind": "promise", "date": "2025-02-03", "customer": "C1", "amount": "300.00", "until": "2025-02-20"},
      {"id": "R4", "kind": "dispute", "date": "2025-02-04", "customer": "C2", "invoices": ["INV-B1"], "reason": "sales_promise", "amount": "100.00", "text": "rep promised 25% off"},
      {"id": "R5", "kind": "letter", "date": "2025-02-05", "customer": "C1", "invoices": ["INV-A1"], "level": 1},
      {"id": "R6", "kind": "plan", "date": "2025-02-25", "customer": "C1", "invoices": ["INV-A1", "INV-A2"], "instalments": [{"due": "2025-03-15", "amount": "450.00"}, {"due": "2025-04-15", "amount": "450.00"}]},
      {"id": "R7", "kind": "hold", "date": "2025-02-25", "customer": "C2", "text": "dispute open"},
      {"id": "R8", "kind": "review", "date": "2025-01-10", "customer": "C2", "grade": "B", "limit": "2000.00", "security": "guarantee"}
    ]
  }
}
)BOOK";

std::string cases_text() { return kCases; }

Book cases_book(const std::string& text) {
  LoadResult r = read_book_json(std::string_view(text));
  INFO(format_problems("cases.json", r.problems));
  REQUIRE(r.ok);
  return std::move(r.book);
}

Date D(const char* iso) {
  Date d;
  REQUIRE(parse_date(iso, &d));
  return d;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

std::string problems_of(const std::string& text) {
  LoadResult r = read_book_json(std::string_view(text));
  CHECK_FALSE(r.ok);
  return format_problems("b.json", r.problems);
}

}  // namespace

TEST_SUITE("casefile") {

TEST_CASE("the book reads, writes byte-stable, and an arlab-book/1 book is upgraded on save") {
  const std::string text = cases_text();
  Book book = cases_book(text);
  CHECK(book.collection.records.size() == 8);
  CHECK(book.collection.policy.reminder_days == 5);
  CHECK(book.collection.policy.levels.size() == 2);
  CHECK(book.collection.policy.levels[1].deadline_days == 5);
  CHECK(book.collection.policy.escalation_days[1] == 45);  // Not given: the default.
  const std::string once = write_book_json(book);
  CHECK(once.find("\"format\": \"arlab-book/2\"") != std::string::npos);
  Book again = cases_book(once);
  CHECK(write_book_json(again) == once);
  // Text with quotes and markup comes back as it was.
  CHECK(again.collection.records[1].with == "Ms <b>Li</b>");
  CHECK(again.collection.records[1].text == "will pay \"300\" on the 20th");

  const std::string v1 = replaced(
      replaced(text, "arlab-book/2", "arlab-book/1"),
      text.substr(text.find(",\n  \"collection\""), text.rfind('}') - text.find(",\n  \"collection\"")),
      "\n");
  Book old = cases_book(v1);
  CHECK(old.collection.empty());
  std::string saved = write_book_json(old);
  CHECK(saved.find("\"format\": \"arlab-book/2\"") != std::string::npos);
  CHECK(saved.find("collection") == std::string::npos);
  CHECK(old.invoices.size() == 3);
}

TEST_CASE("promise: pending until its date, kept the day payments reach it, else broken") {
  Book book = cases_book(cases_text());
  CaseState s = case_state(book, D("2025-02-19"));
  REQUIRE(s.promises.size() == 1);
  CHECK(s.promises[0].status == PromiseStatus::Pending);
  CHECK(s.promises[0].paid_minor == 0);
  s = case_state(book, D("2025-02-20"));
  CHECK(s.promises[0].status == PromiseStatus::Kept);
  CHECK(s.promises[0].kept_on == D("2025-02-20"));
  CHECK(s.customers[0].promises_kept == 1);

  // 400.00 promised: the 300.00 paid does not reach it; broken the day after its date.
  Book more = cases_book(replaced(cases_text(), "\"amount\": \"300.00\", \"until\"",
                                  "\"amount\": \"400.00\", \"until\""));
  CHECK(case_state(more, D("2025-02-20")).promises[0].status == PromiseStatus::Pending);
  s = case_state(more, D("2025-02-21"));
  CHECK(s.promises[0].status == PromiseStatus::Broken);
  CHECK(s.promises[0].paid_minor == 30000);
  CHECK(s.customers[0].promises_broken == 1);
  // Before the promise was made there is no promise at all: the past stays put.
  CHECK(case_state(more, D("2025-02-02")).promises.empty());
}

TEST_CASE("dispute: 100.00 of INV-B1 from 2025-02-04, until resolved") {
  Book book = cases_book(cases_text());
  CaseState before = case_state(book, D("2025-02-03"));
  CHECK_FALSE(before.invoices[2].disputed);
  CaseState s = case_state(book, D("2025-02-04"));
  CHECK(s.invoices[2].disputed);
  CHECK(s.invoices[2].disputed_minor == 10000);
  CHECK(s.customers[1].disputes_open == 1);
  CHECK(s.customers[1].disputed_minor == 10000);

  std::string text = replaced(cases_text(), "\n    ]\n  }\n}",
                              ",\n      {\"id\": \"R9\", \"kind\": \"resolve\", \"date\": "
                              "\"2025-03-01\", \"customer\": \"C2\", \"ref\": \"R4\", "
                              "\"outcome\": \"rejected\"}\n    ]\n  }\n}");
  Book resolved = cases_book(text);
  CHECK(case_state(resolved, D("2025-02-28")).invoices[2].disputed);
  CHECK_FALSE(case_state(resolved, D("2025-03-01")).invoices[2].disputed);
  CHECK(case_state(resolved, D("2025-03-01")).customers[1].disputes_open == 0);
}

TEST_CASE("letters, holds, reviews and the case as of a date") {
  Book book = cases_book(cases_text());
  CaseState s = case_state(book, D("2025-02-04"));
  CHECK(s.invoices[0].level_sent == 0);
  CHECK(s.customers[0].has_case);
  CHECK(s.customers[0].owner == WorkOwner::Finance);
  CHECK(s.customers[0].cause == Cause::CashShortage);
  CHECK(s.customers[0].stance == Stance::CantPay);
  CHECK(s.customers[0].next_date == D("2025-02-21"));
  s = case_state(book, D("2025-02-05"));
  CHECK(s.invoices[0].level_sent == 1);
  CHECK(s.invoices[0].last_letter == D("2025-02-05"));
  CHECK(s.invoices[1].level_sent == 0);  // INV-A2 was not in the letter.
  CHECK(s.customers[0].letters_sent == 1);
  CHECK(s.customers[1].manual_hold == kNone);
  CHECK(case_state(book, D("2025-02-25")).customers[1].manual_hold == 6);
  // C2 reviewed 2025-01-10, grade B: 6 months later; limit and guarantee from the review.
  CHECK(s.customers[1].grade == "B");
  CHECK(s.customers[1].credit_limit_minor == 200000);
  CHECK(s.customers[1].security == Security::Guarantee);
  CHECK(s.customers[1].next_review == D("2025-07-10"));
  // C1 never reviewed, no grade: 3 months after its first invoice (2025-01-01).
  CHECK(s.customers[0].next_review == D("2025-04-01"));
  CHECK(s.customers[0].credit_limit_minor == 100000);
  // Before the review: the customer's own (no) limit.
  CHECK(case_state(book, D("2025-01-09")).customers[1].credit_limit_minor == -1);
}

TEST_CASE("plan: instalments age on their own dates and fill oldest first") {
  std::string text = cases_text();
  Book book = cases_book(text);
  CaseState s = case_state(book, D("2025-03-20"));
  REQUIRE(s.plans.size() == 1);
  CHECK(s.plans[0].approved);  // 900.00 is not over the 1000.00 approval threshold.
  CHECK(s.plans[0].open_at_start_minor == 90000);
  CHECK(s.plans[0].paid_minor == 0);
  CHECK(s.plans[0].instalments[0].open_minor == 45000);
  CHECK(s.invoices[0].plan == 0);
  CHECK(s.invoices[1].plan == 0);
  // 500.00 paid on 03-10: the first instalment is covered, 50.00 of the second.
  text = replaced(text, "\"amount\": \"300.00\"}\n  ]",
                  "\"amount\": \"300.00\"},\n    {\"id\": \"P-2\", \"customer\": \"C1\", "
                  "\"date\": \"2025-03-10\", \"amount\": \"500.00\"}\n  ]");
  Book paid = cases_book(text);
  s = case_state(paid, D("2025-03-20"));
  CHECK(s.plans[0].paid_minor == 50000);
  CHECK(s.plans[0].instalments[0].open_minor == 0);
  CHECK(s.plans[0].instalments[1].open_minor == 40000);
  // A lower threshold: the plan waits for its approval.
  Book strict = cases_book(replaced(cases_text(), "\"reminder_days\": 5,",
                                    "\"reminder_days\": 5, \"approval_over\": \"500.00\","));
  s = case_state(strict, D("2025-03-20"));
  CHECK_FALSE(s.plans[0].approved);
  CHECK(s.invoices[0].plan == kNone);
  CHECK(approval_amount(strict, strict.collection.records[5]) == 90000);
  CHECK(awaiting_approval(strict, 0, D("2025-03-20")) == std::vector<Index>{5});
  CHECK(awaiting_approval(strict, 0, D("2025-02-24")).empty());  // Before the plan.
  CHECK(awaiting_approval(book, 0, D("2025-03-20")).empty());    // 900.00: under 1,000.00.
}

TEST_CASE("extension: moves the due date; above the threshold only once approved") {
  std::string text = replaced(cases_text(), "\n    ]\n  }\n}",
                              ",\n      {\"id\": \"X1\", \"kind\": \"extension\", \"date\": "
                              "\"2025-02-10\", \"customer\": \"C2\", \"invoices\": [\"INV-B1\"], "
                              "\"until\": \"2025-04-01\", \"text\": \"goods late\"}\n    ]\n  }\n}");
  Book book = cases_book(text);
  CHECK(case_state(book, D("2025-02-09")).invoices[2].due == D("2025-03-02"));
  CHECK(case_state(book, D("2025-02-10")).invoices[2].due == D("2025-04-01"));
  Book strict = cases_book(replaced(text, "\"reminder_days\": 5,",
                                    "\"reminder_days\": 5, \"approval_over\": \"100.00\","));
  CHECK(case_state(strict, D("2025-02-10")).invoices[2].due == D("2025-03-02"));
  std::string approved = replaced(
      replaced(text, "\"reminder_days\": 5,", "\"reminder_days\": 5, \"approval_over\": \"100.00\","),
      "\n    ]\n  }\n}",
      ",\n      {\"id\": \"X2\", \"kind\": \"approval\", \"date\": \"2025-02-12\", \"customer\": "
      "\"C2\", \"ref\": \"X1\", \"by\": \"CFO\"}\n    ]\n  }\n}");
  Book ok = cases_book(approved);
  CHECK(case_state(ok, D("2025-02-11")).invoices[2].due == D("2025-03-02"));
  CHECK(awaiting_approval(ok, 1, D("2025-02-11")) == std::vector<Index>{8});  // X1: 400.00 open.
  CHECK(awaiting_approval(ok, 1, D("2025-02-12")).empty());
  CHECK(case_state(ok, D("2025-02-12")).invoices[2].due == D("2025-04-01"));
}

TEST_CASE("shift_dates moves the case file with the ledger: the state follows by as many days") {
  Book book = cases_book(cases_text());
  REQUIRE(shift_dates(book, 100));
  const CaseRecord& contact = book.collection.records[1];
  CHECK(contact.date == D("2025-02-03") + 100);
  CHECK(contact.next_date == D("2025-02-21") + 100);
  CHECK(book.collection.records[0].until == kNoDate);  // None stays none.
  CHECK(book.collection.records[5].instalments[1].due == D("2025-04-15") + 100);
  CaseState s = case_state(book, D("2025-02-20") + 100);
  CHECK(s.promises[0].status == PromiseStatus::Kept);
  // Reviewed 2025-01-10 + 100 = 2025-04-20, grade B: six months later.
  CHECK(s.customers[1].next_review == D("2025-10-20"));
  CHECK(s.plans.empty());  // The plan is dated 2025-02-25 + 100.
}

TEST_CASE("bad records are refused with their places") {
  const std::string text = cases_text();
  CHECK(problems_of(replaced(text, "\"level\": 1", "\"level\": 3")) ==
        "b.json: collection.records[4].level: level 3 is not in the policy (1 to 2)\n");
  CHECK(problems_of(replaced(text, "[\"INV-B1\"], \"reason\"", "[\"INV-A1\"], \"reason\"")) ==
        "b.json: collection.records[3].invoices[0]: invoice INV-A1 is not of customer C2\n");
  CHECK(problems_of(replaced(text, "\"due\": \"2025-03-15\"", "\"due\": \"2025-02-01\"")) ==
        "b.json: collection.records[5].instalments[0].due: each instalment falls after the "
        "plan's date and the one before\n");
  CHECK(problems_of(replaced(text, "\"kind\": \"hold\", \"date\": \"2025-02-25\", \"customer\": "
                                   "\"C2\", \"text\": \"dispute open\"",
                             "\"kind\": \"hold\", \"date\": \"2025-02-25\", \"customer\": \"C2\"")) ==
        "b.json: collection.records[6].text: a hold needs its reason in \"text\"\n");
  CHECK(problems_of(replaced(text, "\"id\": \"R2\"", "\"id\": \"R1\"")) ==
        "b.json: collection.records[1].id: duplicate id \"R1\" (first at collection.records[0])\n");
  CHECK(problems_of(replaced(text, "\"kind\": \"case\"", "\"kind\": \"party\"")).find(
            "collection.records[0].kind: expected one of case, contact") != std::string::npos);
  CHECK(problems_of(replaced(text, "\"customer\": \"C1\", \"owner\"", "\"customer\": \"C9\", \"owner\"")) ==
        "b.json: collection.records[0].customer: unknown customer \"C9\"\n");
  CHECK(problems_of(replaced(text, "\"records\": [", "\"records\": [], \"x\": [")) ==
        "b.json: collection.x: unknown member (policy, records)\n");
}

TEST_CASE("edits: a record appended gets the next id, undo removes it, the ledger untouched") {
  Book book = cases_book(cases_text());
  History h;
  NewRecord add;
  add.record.kind = RecordKind::Contact;
  add.record.date = D("2025-03-01");
  add.record.channel = Channel::Email;
  add.record.text = "sent the statement";
  add.customer_id = "C2";
  std::vector<Problem> problems;
  REQUIRE(h.apply(book, Edit{add}, &problems));
  REQUIRE(book.collection.records.size() == 9);
  CHECK(book.collection.records[8].id == "R-1");
  CHECK(book.collection.records[8].customer == 1);
  CHECK(book.index.built);
  CHECK(describe(h.edits()[0], book) == "Contact for Birch Supply (C2) on 2025-03-01");
  h.undo(book);
  CHECK(book.collection.records.size() == 8);
  h.redo(book);
  CHECK(book.collection.records[8].id == "R-1");

  NewRecord bad = add;
  bad.record.kind = RecordKind::Letter;
  bad.record.level = 7;
  bad.invoice_ids = {"INV-B1"};
  CHECK_FALSE(h.apply(book, Edit{bad}, &problems));
  CHECK(book.collection.records.size() == 9);
  CaseRecord r1;  // (Not CaseRecord{.id = ...}: -Wmissing-field-initializers on the rest.)
  r1.id = "R1";
  CHECK(edit_id_problems(book, Edit{NewRecord{r1, "C1", {}}}).size() == 1);

  SetPolicy policy;
  policy.policy.reminder_days = 3;
  REQUIRE(h.apply(book, Edit{policy}, &problems));
  CHECK(book.collection.policy.reminder_days == 3);
  h.undo(book);
  CHECK(book.collection.policy.reminder_days == 5);
}

TEST_CASE("case view: the timeline by date, documents before records on a day") {
  Book book = cases_book(cases_text());
  CaseView v = case_view(book, 0, D("2025-02-20"));
  CHECK(v.case_id == "R1");
  REQUIRE(v.timeline.size() == 7);  // 2 invoices, R1, R2, R3, R5, P-1.
  CHECK(v.timeline[0].what == "Invoice");
  CHECK(v.timeline[0].amount_minor == 70000);
  CHECK(v.timeline[3].what == "Phone call");
  CHECK(v.timeline[4].text == "to pay 300.00 by 2025-02-20: kept on 2025-02-20");
  CHECK(v.timeline[5].what == "Letter 1 (notice)");
  CHECK(v.timeline[6].what == "Payment");
  CHECK(v.timeline[6].amount_minor == -30000);
  CHECK(v.timeline[6].text == "to INV-A1 300.00");
  REQUIRE(v.promises.size() == 1);
  CHECK(v.promises[0].status == PromiseStatus::Kept);
  // The day before: pending, and the payment is not there yet.
  v = case_view(book, 0, D("2025-02-19"));
  CHECK(v.timeline.size() == 6);
  CHECK(v.timeline[4].text == "to pay 300.00 by 2025-02-20: pending (0.00 paid so far)");
  CHECK(case_customer(book, "R1") == 0);
  CHECK(case_customer(book, "R2") == kNone);  // A contact, not a case.
  // C2: the dispute open as of 02-04, with its reason.
  v = case_view(book, 1, D("2025-02-04"));
  REQUIRE(v.disputes.size() == 1);
  CHECK(v.disputes[0].disputed_minor == 10000);
  CHECK(v.disputes[0].reason == DisputeReason::SalesPromise);
}

}  // TEST_SUITE
