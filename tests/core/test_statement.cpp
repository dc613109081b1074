// test_statement.cpp: a customer's statement of account (core/statement.h). Every figure is
// worked out by hand below from the book rules (core/book.h), never taken from arlab.
#include <doctest/doctest.h>

#include <vector>

#include "book_builder.h"
#include "core/statement.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

// Customer K (terms 30) and, to stay out of every statement of K, customer Q. Amounts in
// cents. The same book is tests/cli/books/statement.json (documents in file order):
//   invoices  A-0 2024-12-01 150.00 (due 12-31)    A-1 2025-02-10 700.00 (due 03-12)
//             B-1 (Q) 2025-03-10 999.00            A-2 2025-03-05 300.00 (due 04-04)
//             A-3 2025-03-20 450.00 (due given 04-10)
//             A-6 2025-03-31 60.00 (due 04-30)     A-4 2025-03-31 120.00 (due 04-30)
//             A-5 2025-04-02 80.00
//   payments  P-00 2024-11-20 40.00: no invoice dated on or before it -> unapplied 40.00
//             P-0 2025-02-20 200.00 to A-1;  P-1 2025-03-20 400.00 to A-1
//             P-2 2025-03-31 250.00: 200.00 to A-2, the 50.00 rest automatically to the
//                 oldest due of K's invoices dated <= 03-31 with something left: A-0.
//             Q-1 (Q) 2025-03-15 100.00 to B-1
//   credit notes CN-1 2025-03-25 50.00 to A-3;  CN-2 2025-03-31 10.00 to A-4
//   write-off W-1 2025-03-31 20.00 of A-4
struct StatementBook {
  BookBuilder b;
  Index k, q;
  Index a0, a1, a2, a3, a4, a5, a6, b1;
  StatementBook() {
    k = b.customer("K");
    q = b.customer("Q");
    a0 = b.invoice("A-0", k, D("2024-12-01"), 15000);
    a1 = b.invoice("A-1", k, D("2025-02-10"), 70000);
    b1 = b.invoice("B-1", q, D("2025-03-10"), 99900);
    a2 = b.invoice("A-2", k, D("2025-03-05"), 30000);
    a3 = b.invoice("A-3", k, D("2025-03-20"), 45000, D("2025-04-10"));
    a6 = b.invoice("A-6", k, D("2025-03-31"), 6000);
    a4 = b.invoice("A-4", k, D("2025-03-31"), 12000);
    a5 = b.invoice("A-5", k, D("2025-04-02"), 8000);
    b.payment("P-00", k, D("2024-11-20"), 4000);
    b.payment("P-0", k, D("2025-02-20"), 20000, {{a1, 20000}});
    b.payment("P-1", k, D("2025-03-20"), 40000, {{a1, 40000}});
    b.payment("P-2", k, D("2025-03-31"), 25000, {{a2, 20000}});
    b.payment("Q-1", q, D("2025-03-15"), 10000, {{b1, 10000}});
    b.credit_note("CN-1", k, D("2025-03-25"), 5000, {{a3, 5000}});
    b.credit_note("CN-2", k, D("2025-03-31"), 1000, {{a4, 1000}});
    b.write_off("W-1", a4, D("2025-03-31"), 2000);
    std::vector<Problem> problems;
    bool ok = b.build(&problems);
    for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
    REQUIRE(ok);
  }
};

struct Expected {
  StatementLineKind kind;
  Index document;
  int64_t amount_minor;
  int64_t balance_minor;
};

void check_lines(const Statement& s, const std::vector<Expected>& expected) {
  REQUIRE(s.lines.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(s.lines[i].kind == expected[i].kind);
    CHECK(s.lines[i].document == expected[i].document);
    CHECK(s.lines[i].amount_minor == expected[i].amount_minor);
    CHECK(s.lines[i].balance_minor == expected[i].balance_minor);
  }
}

using K = StatementLineKind;

}  // namespace

TEST_SUITE("statement") {

// Opening at 2025-02-28: A-0 150.00 + A-1 (700 - P-0 200) 500.00 - unapplied P-00 40.00
// = 610.00. Then, by date, invoices before payments before credit notes before write-offs,
// file order last (A-6 is before A-4 in the file):
//   03-05 A-2 +300 -> 910; 03-20 A-3 +450 -> 1360; 03-20 P-1 -400 -> 960;
//   03-25 CN-1 -50 -> 910; 03-31 A-6 +60 -> 970; A-4 +120 -> 1090; P-2 -250 -> 840;
//   CN-2 -10 -> 830; W-1 -20 -> 810.
// Closing at 03-31: A-0 150-50 = 100, A-1 700-200-400 = 100, A-2 300-200 = 100,
// A-3 450-50 = 400, A-6 60, A-4 120-10-20 = 90: open 850.00, unapplied -40.00: 810.00.
TEST_CASE("march: opening, running and closing balances") {
  StatementBook t;
  Statement s = compute_statement(t.b.book, t.k, D("2025-03-01"), D("2025-03-31"));
  CHECK(s.opening_minor == 61000);
  check_lines(s, {{K::Invoice, t.a2, 30000, 91000},
                  {K::Invoice, t.a3, 45000, 136000},
                  {K::Payment, 2, -40000, 96000},
                  {K::CreditNote, 0, -5000, 91000},
                  {K::Invoice, t.a6, 6000, 97000},
                  {K::Invoice, t.a4, 12000, 109000},
                  {K::Payment, 3, -25000, 84000},
                  {K::CreditNote, 1, -1000, 83000},
                  {K::WriteOff, 0, -2000, 81000}});
  CHECK(s.closing_minor == 81000);
  CHECK(s.open_minor == 85000);
  CHECK(s.unapplied_minor == -4000);
  CHECK(customer_balance_minor(t.b.book, t.k, D("2025-03-31")) == 81000);
}

// Aging at 03-31 (days past due = 03-31 - due): A-0 due 2024-12-31: 31+28+31 = 90 -> 61-90;
// A-1 due 03-12: 19 -> 1-30; A-2 (04-04), A-3 (04-10), A-6 and A-4 (04-30): current.
TEST_CASE("march: aging of what is open at the end") {
  StatementBook t;
  Statement s = compute_statement(t.b.book, t.k, D("2025-03-01"), D("2025-03-31"));
  REQUIRE(s.bucket_names == std::vector<std::string>{"current", "1-30", "31-60", "61-90", "91+"});
  CHECK(s.aging_amounts_minor == std::vector<int64_t>{10000 + 40000 + 6000 + 9000, 10000, 0,
                                                      10000, 0});
  // By (invoice date, file order).
  REQUIRE(s.open_items.size() == 6);
  const Index order[] = {t.a0, t.a1, t.a2, t.a3, t.a6, t.a4};
  const int32_t days[] = {90, 19, -4, -10, -30, -30};
  const int64_t open[] = {10000, 10000, 10000, 40000, 6000, 9000};
  const size_t bucket[] = {3, 1, 0, 0, 0, 0};
  for (size_t i = 0; i < 6; ++i) {
    CAPTURE(i);
    CHECK(s.open_items[i].invoice == order[i]);
    CHECK(s.open_items[i].days_past_due == days[i]);
    CHECK(s.open_items[i].open_minor == open[i]);
    CHECK(s.open_items[i].bucket == bucket[i]);
  }
}

// P-1 paid A-1 400.00; P-2 paid A-0 50.00 (automatic) and A-2 200.00 (explicit), listed in
// the order of the customer's invoices; CN-1 reduced A-3, CN-2 A-4; W-1 names A-4.
TEST_CASE("payments and credit notes list the invoices they reduced") {
  StatementBook t;
  Statement s = compute_statement(t.b.book, t.k, D("2025-03-01"), D("2025-03-31"));
  REQUIRE(s.lines.size() == 9);
  auto applied = [&](size_t line) {
    std::vector<std::pair<Index, int64_t>> out;
    for (const StatementApplied& a : s.lines[line].applied)
      out.push_back({a.invoice, a.amount_minor});
    return out;
  };
  using V = std::vector<std::pair<Index, int64_t>>;
  CHECK(applied(2) == V{{t.a1, 40000}});
  CHECK(applied(3) == V{{t.a3, 5000}});
  CHECK(applied(6) == V{{t.a0, 5000}, {t.a2, 20000}});
  CHECK(applied(7) == V{{t.a4, 1000}});
  CHECK(applied(8).empty());
  CHECK(s.lines[8].invoice == t.a4);
  CHECK(s.lines[0].invoice == t.a2);
  CHECK(s.lines[0].due == D("2025-04-04"));
}

// Both ends are inclusive: [03-05, 03-20] holds A-2 (on `from`) and A-3, P-1 (on `to`), not
// CN-1. Opening at 03-04 is still 610.00; closing at 03-20: A-0 150, A-1 100, A-2 300,
// A-3 450 = 1000.00 open, -40.00 unapplied: 960.00. Aging at 03-20: A-0 79 days (61-90),
// A-1 8 days (1-30), A-2 and A-3 current.
TEST_CASE("period bounds are inclusive") {
  StatementBook t;
  Statement s = compute_statement(t.b.book, t.k, D("2025-03-05"), D("2025-03-20"));
  CHECK(s.opening_minor == 61000);
  check_lines(s, {{K::Invoice, t.a2, 30000, 91000},
                  {K::Invoice, t.a3, 45000, 136000},
                  {K::Payment, 2, -40000, 96000}});
  CHECK(s.closing_minor == 96000);
  CHECK(s.aging_amounts_minor == std::vector<int64_t>{75000, 10000, 0, 15000, 0});
  CHECK(s.lines[2].applied.size() == 1);
}

// A period before every document: all zero. A period with no documents of the customer in
// it keeps the balance: April 2025 holds only A-5 (+80.00): 810.00 -> 890.00.
TEST_CASE("quiet periods") {
  StatementBook t;
  SUBCASE("before everything") {
    Statement s = compute_statement(t.b.book, t.k, D("2024-01-01"), D("2024-01-31"));
    CHECK(s.opening_minor == 0);
    CHECK(s.lines.empty());
    CHECK(s.closing_minor == 0);
    CHECK(s.open_items.empty());
  }
  SUBCASE("only an invoice") {
    Statement s = compute_statement(t.b.book, t.k, D("2025-04-01"), D("2025-04-30"));
    CHECK(s.opening_minor == 81000);
    check_lines(s, {{K::Invoice, t.a5, 8000, 89000}});
    CHECK(s.closing_minor == 89000);
  }
  SUBCASE("only unapplied credit") {
    Statement s = compute_statement(t.b.book, t.k, D("2024-11-01"), D("2024-11-30"));
    CHECK(s.opening_minor == 0);
    check_lines(s, {{K::Payment, 0, -4000, -4000}});
    CHECK(s.lines[0].applied.empty());
    CHECK(s.closing_minor == -4000);
    CHECK(s.open_minor == 0);
  }
}

// The other customer's documents never show: Q in March: B-1 +999.00, Q-1 -100.00.
TEST_CASE("only the customer's own documents") {
  StatementBook t;
  Statement s = compute_statement(t.b.book, t.q, D("2025-03-01"), D("2025-03-31"));
  check_lines(s, {{K::Invoice, t.b1, 99900, 99900}, {K::Payment, 4, -10000, 89900}});
  CHECK(s.aging_amounts_minor == std::vector<int64_t>{89900, 0, 0, 0, 0});
}

// Custom edges {15}: buckets current, 1-15, 16+; at 03-31 A-1 (19 days) and A-0 (90) are 16+.
TEST_CASE("custom aging edges") {
  StatementBook t;
  Statement s = compute_statement(t.b.book, t.k, D("2025-03-01"), D("2025-03-31"), {15});
  CHECK(s.bucket_names == std::vector<std::string>{"current", "1-15", "16+"});
  CHECK(s.aging_amounts_minor == std::vector<int64_t>{65000, 0, 20000});
}

}  // TEST_SUITE
