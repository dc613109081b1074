// test_book_errors.cpp: every rule of build_index / index_ids, with the exact place reported.
// Each case starts from a valid book and breaks one rule; the book must then be rejected
// with no partial result (index.built false) and a problem at the expected place.
#include <doctest/doctest.h>

#include <climits>
#include <functional>
#include <string>
#include <vector>

#include "book_builder.h"
#include "core/book.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

// Valid: S1; C1 (S1), C2; INV-1 C1 1000.00, INV-2 C2 500.00; P-1 C1 300.00 -> INV-1;
// CN-1 C1 50.00 (automatic); W-1 INV-2 20.00.
BookBuilder base_book() {
  BookBuilder b;
  Index s1 = b.salesperson("S1");
  Index c1 = b.customer("C1", 30, s1);
  Index c2 = b.customer("C2");
  Index inv1 = b.invoice("INV-1", c1, D("2025-01-05"), 100000);
  Index inv2 = b.invoice("INV-2", c2, D("2025-01-10"), 50000);
  b.payment("P-1", c1, D("2025-02-01"), 30000, {{inv1, 30000}});
  b.credit_note("CN-1", c1, D("2025-02-05"), 5000);
  b.write_off("W-1", inv2, D("2025-03-01"), 2000);
  return b;
}

std::string dump(const std::vector<Problem>& problems) {
  std::string s;
  for (const Problem& p : problems) s += p.place + ": " + p.message + "\n";
  return s;
}

// Finds the problem at `place`; checks the message contains each of `words`.
void expect_problem(const std::vector<Problem>& problems, const std::string& place,
                    const std::vector<std::string>& words) {
  CAPTURE(place);
  INFO(dump(problems));
  const Problem* found = nullptr;
  for (const Problem& p : problems)
    if (p.place == place) found = &p;
  REQUIRE(found != nullptr);
  for (const std::string& w : words) {
    CAPTURE(w);
    CHECK(found->message.find(w) != std::string::npos);
  }
}

struct ErrorRow {
  const char* rule;
  std::function<void(BookBuilder&)> breaks;
  std::string place;
  std::vector<std::string> words;  // Expected parts of the message.
};

void run_rows(const std::vector<ErrorRow>& rows) {
  for (const ErrorRow& row : rows) {
    CAPTURE(std::string(row.rule));
    BookBuilder b = base_book();
    row.breaks(b);
    std::vector<Problem> problems;
    index_ids(b.book, &problems);
    problems.clear();  // build_index re-runs index_ids and must report everything itself.
    CHECK_FALSE(build_index(b.book, &problems));
    CHECK_FALSE(b.book.index.built);
    expect_problem(problems, row.place, row.words);
  }
}

const Index kC1 = 0, kC2 = 1, kInv1 = 0, kInv2 = 1;

}  // namespace

TEST_SUITE("book") {

TEST_CASE("the base book of the error tests is valid") {
  BookBuilder b = base_book();
  std::vector<Problem> problems;
  CHECK(b.build(&problems));
  CHECK(problems.empty());
}

TEST_CASE("duplicate ids") {
  SUBCASE("index_ids names the duplicate and the first") {
    BookBuilder b = base_book();
    b.invoice("INV-1", kC1, D("2025-01-20"), 100);
    std::vector<Problem> problems;
    CHECK_FALSE(index_ids(b.book, &problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].place == "invoices[2].id");
    CHECK(problems[0].message == "duplicate id \"INV-1\" (first at invoices[0])");
  }
  SUBCASE("every kind of document, through build_index") {
    run_rows({
        {"salesperson", [](BookBuilder& b) { b.salesperson("S1"); }, "salespeople[1].id",
         {"\"S1\"", "salespeople[0]"}},
        {"customer", [](BookBuilder& b) { b.customer("C2"); }, "customers[2].id",
         {"\"C2\"", "customers[1]"}},
        {"invoice", [](BookBuilder& b) { b.invoice("INV-2", kC1, D("2025-01-20"), 100); },
         "invoices[2].id", {"\"INV-2\"", "invoices[1]"}},
        {"payment", [](BookBuilder& b) { b.payment("P-1", kC1, D("2025-02-02"), 100); },
         "payments[1].id", {"\"P-1\"", "payments[0]"}},
        {"credit note", [](BookBuilder& b) { b.credit_note("CN-1", kC1, D("2025-02-02"), 100); },
         "credit_notes[1].id", {"\"CN-1\"", "credit_notes[0]"}},
        {"write-off", [](BookBuilder& b) { b.write_off("W-1", kInv1, D("2025-03-02"), 100); },
         "write_offs[1].id", {"\"W-1\"", "write_offs[0]"}},
    });
  }
}

TEST_CASE("allocations to another customer's invoice") {
  run_rows({
      {"payment",
       [](BookBuilder& b) { b.payment("P-2", kC1, D("2025-02-10"), 1000, {{kInv2, 1000}}); },
       "payments[1].allocations[0].invoice", {"INV-2", "C2", "C1"}},
      {"credit note, second allocation",
       [](BookBuilder& b) {
         b.credit_note("CN-2", kC2, D("2025-02-10"), 2000, {{kInv2, 1000}, {kInv1, 1000}});
       },
       "credit_notes[1].allocations[1].invoice", {"INV-1", "C1", "C2"}},
  });
}

TEST_CASE("an allocation or write-off asking more than is open at its date") {
  // INV-1 1000.00: P-1 takes 300.00 on 1 February, CN-1's 50.00 on 5 February: 650.00 left.
  // INV-2 500.00: W-1 takes 20.00 on 1 March: 480.00 left.
  run_rows({
      {"a later payment",
       [](BookBuilder& b) { b.payment("P-2", kC1, D("2025-03-01"), 80000, {{kInv1, 80000}}); },
       "payments[1].allocations[0].amount",
       {"INV-1 has 650.00 open on 2025-03-01 (P-1 paid 300.00 on 2025-02-01, CN-1 credited 50.00 "
        "on 2025-02-05); this allocation asks 800.00: ask at most 650.00"}},
      {"a later credit note",
       [](BookBuilder& b) {
         b.credit_note("CN-2", kC1, D("2025-03-01"), 65001, {{kInv1, 65001}});
       },
       "credit_notes[1].allocations[0].amount", {"asks 650.01: ask at most 650.00"}},
      {"a write-off larger than what is left",
       [](BookBuilder& b) { b.write_off("W-2", kInv2, D("2025-03-02"), 48001); },
       "write_offs[1].amount",
       {"INV-2 has 480.00 open on 2025-03-02 (W-1 wrote off 20.00 on 2025-03-01); this write-off "
        "asks 480.01: ask at most 480.00"}},
      {"an earlier allocation the later automatic credit note no longer reaches",
       [](BookBuilder& b) { b.payment("P-2", kC1, D("2025-02-03"), 70001, {{kInv1, 70001}}); },
       "payments[1].allocations[0].amount", {"has 700.00 open on 2025-02-03"}},
  });
}

TEST_CASE("an invoice reduced exactly to zero is fine") {
  BookBuilder b = base_book();
  b.payment("P-2", kC1, D("2025-03-01"), 65000, {{kInv1, 65000}});
  b.write_off("W-2", kInv2, D("2025-03-02"), 48000);
  REQUIRE(b.build());
  CHECK(invoice_open_minor(b.book, kInv1, D("2025-12-31")) == 0);
  CHECK(invoice_open_minor(b.book, kInv2, D("2025-12-31")) == 0);
}

TEST_CASE("a due date past 9999-12-31 is refused at the date that derives it") {
  BookBuilder b = base_book();
  b.invoice("INV-3", kC1, D("9999-12-31"), 100);  // terms 30 days
  std::vector<Problem> problems;
  CHECK_FALSE(b.build(&problems));
  expect_problem(problems, "invoices[2].date",
                 {"the due date (9999-12-31 + 30 days) is after 9999-12-31"});
}

TEST_CASE("allocations larger than their payment or credit note") {
  run_rows({
      {"one allocation",
       [](BookBuilder& b) { b.payment("P-2", kC1, D("2025-03-01"), 10000, {{kInv1, 15000}}); },
       "payments[1].allocations", {"150.00", "100.00"}},
      {"two allocations",
       [](BookBuilder& b) {
         Index i3 = b.invoice("INV-3", kC1, D("2025-01-06"), 10000);
         b.credit_note("CN-2", kC1, D("2025-03-01"), 10000, {{kInv1, 6000}, {i3, 6000}});
       },
       "credit_notes[1].allocations", {"120.00", "100.00"}},
  });
}

TEST_CASE("amounts must be positive") {
  run_rows({
      {"invoice zero", [](BookBuilder& b) { b.book.invoices[kInv1].amount_minor = 0; },
       "invoices[0].amount", {"positive"}},
      {"invoice negative", [](BookBuilder& b) { b.book.invoices[kInv2].amount_minor = -500; },
       "invoices[1].amount", {"-5.00"}},
      {"payment", [](BookBuilder& b) { b.payment("P-2", kC1, D("2025-03-01"), 0); },
       "payments[1].amount", {"positive"}},
      {"credit note", [](BookBuilder& b) { b.credit_note("CN-2", kC1, D("2025-03-01"), -1); },
       "credit_notes[1].amount", {"-0.01"}},
      {"write-off", [](BookBuilder& b) { b.write_off("W-2", kInv1, D("2025-03-01"), 0); },
       "write_offs[1].amount", {"positive"}},
      {"allocation",
       [](BookBuilder& b) { b.payment("P-2", kC1, D("2025-03-01"), 100, {{kInv1, 0}}); },
       "payments[1].allocations[0].amount", {"positive"}},
  });
}

TEST_CASE("dates") {
  run_rows({
      {"due before the invoice date",
       [](BookBuilder& b) { b.invoice("INV-3", kC1, D("2025-01-20"), 100, D("2025-01-19")); },
       "invoices[2].due", {"2025-01-19", "2025-01-20"}},
      {"explicit allocation to an invoice dated after the payment",
       [](BookBuilder& b) {
         Index late = b.invoice("INV-3", kC1, D("2025-04-01"), 100);
         b.payment("P-2", kC1, D("2025-03-01"), 100, {{late, 100}});
       },
       "payments[1].allocations[0].invoice", {"INV-3", "2025-04-01"}},
      {"write-off before its invoice",
       [](BookBuilder& b) { b.write_off("W-2", kInv1, D("2025-01-04"), 100); },
       "write_offs[1].date", {"INV-1"}},
  });
}

TEST_CASE("due on the invoice date is fine") {
  BookBuilder b = base_book();
  b.invoice("INV-3", kC1, D("2025-01-20"), 100, D("2025-01-20"));
  CHECK(b.build());
}

TEST_CASE("references that point nowhere") {
  run_rows({
      {"invoice customer", [](BookBuilder& b) { b.book.invoices[kInv1].customer = kNone; },
       "invoices[0].customer", {"customer"}},
      {"payment customer", [](BookBuilder& b) { b.book.payments[0].customer = 7; },
       "payments[0].customer", {"customer"}},
      {"allocation invoice",
       [](BookBuilder& b) { b.payment("P-2", kC1, D("2025-03-01"), 100, {{kNone, 100}}); },
       "payments[1].allocations[0].invoice", {"invoice"}},
      {"write-off invoice", [](BookBuilder& b) { b.book.write_offs[0].invoice = 99; },
       "write_offs[0].invoice", {"invoice"}},
      {"customer salesperson", [](BookBuilder& b) { b.book.customers[kC2].salesperson = 3; },
       "customers[1].salesperson", {"salesperson"}},
  });
}

TEST_CASE("other per-document rules") {
  run_rows({
      {"empty invoice id", [](BookBuilder& b) { b.invoice("", kC1, D("2025-01-20"), 100); },
       "invoices[2].id", {"empty"}},
      {"empty customer id", [](BookBuilder& b) { b.customer(""); }, "customers[2].id",
       {"empty"}},
      {"negative terms", [](BookBuilder& b) { b.book.customers[kC1].terms_days = -1; },
       "customers[0].terms_days", {"-1"}},
  });
}

TEST_CASE("all problems are reported, up to kProblemsMax") {
  SUBCASE("two at once") {
    BookBuilder b = base_book();
    b.book.invoices[kInv1].amount_minor = 0;
    b.book.invoices[kInv2].amount_minor = -1;
    std::vector<Problem> problems;
    CHECK_FALSE(b.build(&problems));
    expect_problem(problems, "invoices[0].amount", {});
    expect_problem(problems, "invoices[1].amount", {});
  }
  SUBCASE("150 bad invoices give 100 problems") {
    BookBuilder b;
    Index c = b.customer("C1");
    for (int i = 0; i < 150; ++i)
      b.invoice(std::to_string(i), c, D("2025-01-01"), 0);
    std::vector<Problem> problems;
    CHECK_FALSE(b.build(&problems));
    CHECK(problems.size() == kProblemsMax);
    CHECK_FALSE(b.book.index.built);
  }
}

TEST_CASE("allocations whose sum exceeds int64 are rejected, not overflowed") {
  // Eleven allocations of 9e17 minor units, the largest amount the reader accepts: each is
  // valid, their sum (9.9e18) does not fit in int64. The payment is only 9e17.
  const int64_t big = 900000000000000000;
  BookBuilder b;
  Index c = b.customer("C1");
  b.payment("P-1", c, D("2025-02-01"), big);
  for (int i = 0; i < 11; ++i) {
    std::string id = "I-";
    id += std::to_string(i);  // (Not "I-" + ...: GCC 12 warns falsely, -Wrestrict.)
    Index inv = b.invoice(id, c, D("2025-01-01"), big);
    b.book.payment_allocations.push_back({inv, big});
  }
  b.book.payments[0].allocation_count = 11;
  std::vector<Problem> problems;
  CHECK_FALSE(b.build(&problems));
  expect_problem(problems, "payments[0].allocations", {});
}

}  // TEST_SUITE
