// test_refund.cpp: refunds (book.h): money paid back out of a customer's unapplied credit.
// Every figure is worked by hand from the book below; each rule of docs/FORMAT.md
// ("Refunds") has a case with its exact message and place.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "book_builder.h"
#include "core/aging.h"
#include "core/book.h"
#include "core/statement.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

// C1 (terms 30):
//   I1 2025-01-10 1000.00 (due 02-09); I2 2025-02-15 300.00 (due 03-17).
//   P1 2025-02-01 1200.00, 1000.00 explicit to I1; the 200.00 rest finds no open invoice
//     of C1 dated on or before 02-01 (I1 is paid, I2 is dated later): unapplied 200.00.
//   CN1 2025-03-01 100.00 explicit to I2; CN2 2025-03-05 50.00 automatic to I2 -> I2 open
//     300 - 100 - 50 = 150.00; both credit notes fully applied.
//   R1 2025-02-20 150.00 (of P1): covered by 200.00 of credit -> unapplied -50.00 after.
// C2 (terms 30): I3 2025-01-20 500.00; P2 2025-02-10 500.00 automatic to I3 (paid);
//   CN3 2025-03-10 80.00 after I3 was paid: nothing to reduce, unapplied 80.00;
//   R2 2025-03-15 80.00 (no payment named) pays it back: unapplied 0.00 after.
struct Fixture {
  BookBuilder b;
  Index c1, c2, i1, i2, i3, p1, p2;
  Fixture() {
    c1 = b.customer("C1");
    c2 = b.customer("C2");
    i1 = b.invoice("I1", c1, D("2025-01-10"), 100000);
    i2 = b.invoice("I2", c1, D("2025-02-15"), 30000);
    i3 = b.invoice("I3", c2, D("2025-01-20"), 50000);
    p1 = b.payment("P1", c1, D("2025-02-01"), 120000, {{i1, 100000}});
    p2 = b.payment("P2", c2, D("2025-02-10"), 50000);
    b.credit_note("CN1", c1, D("2025-03-01"), 10000, {{i2, 10000}});
    b.credit_note("CN2", c1, D("2025-03-05"), 5000);
    b.credit_note("CN3", c2, D("2025-03-10"), 8000);
  }
  void refunds() {
    b.refund("R1", c1, D("2025-02-20"), 15000, p1);
    b.refund("R2", c2, D("2025-03-15"), 8000);
  }
};

std::string dump(const std::vector<Problem>& problems) {
  std::string s;
  for (const Problem& p : problems) s += p.place + ": " + p.message + "\n";
  return s;
}

// Builds and wants exactly one problem, at `place`, saying `message`.
void expect_only(BookBuilder& b, const std::string& place, const std::string& message) {
  std::vector<Problem> problems;
  CHECK_FALSE(b.build(&problems));
  CHECK_FALSE(b.book.index.built);
  INFO(dump(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == place);
  CHECK(problems[0].message == message);
}

}  // namespace

TEST_SUITE("refund") {

TEST_CASE("refunds lower unapplied credit from their date, never invoices") {
  Fixture f;
  f.refunds();
  REQUIRE(f.b.build());
  const Book& b = f.b.book;
  // C1: 0 before P1; -200.00 from 02-01; -200 + 150 = -50.00 from R1's date 02-20.
  CHECK(customer_unapplied_minor(b, f.c1, D("2025-01-31")) == 0);
  CHECK(customer_unapplied_minor(b, f.c1, D("2025-02-19")) == -20000);
  CHECK(customer_unapplied_minor(b, f.c1, D("2025-02-20")) == -5000);
  CHECK(customer_unapplied_minor(b, f.c1, D("2025-12-31")) == -5000);
  // C2: -80.00 from CN3 (03-10) to the day before R2; 0.00 from 03-15.
  CHECK(customer_unapplied_minor(b, f.c2, D("2025-03-09")) == 0);
  CHECK(customer_unapplied_minor(b, f.c2, D("2025-03-14")) == -8000);
  CHECK(customer_unapplied_minor(b, f.c2, D("2025-03-15")) == 0);
  // Invoices are as without refunds: I2 open 150.00 at the end, I1 and I3 paid.
  CHECK(invoice_open_minor(b, f.i1, D("2025-12-31")) == 0);
  CHECK(invoice_open_minor(b, f.i2, D("2025-12-31")) == 15000);
  CHECK(invoice_open_minor(b, f.i3, D("2025-12-31")) == 0);
  CHECK(b.index.payment_unapplied_minor[f.p1] == 20000);  // Still what P1 left unapplied.
  CHECK(find_refund(b, "R2") == 1);
  CHECK(find_refund(b, "R9") == kNone);
  CHECK(book_last_date(b) == D("2025-03-15"));  // R2 is the last document.
}

TEST_CASE("aging's unapplied column counts refunds") {
  Fixture f;
  f.refunds();
  REQUIRE(f.b.build());
  // 2025-03-12: C1 I2 150.00 current (due 03-17), unapplied -50.00; C2 unapplied -80.00
  // (CN3 on 03-10, R2 not yet). Total unapplied -130.00.
  AgingReport a = compute_aging(f.b.book, D("2025-03-12"), kDefaultAgingEdges);
  REQUIRE(a.customers.size() == 2);
  CHECK(a.customers[0].unapplied_minor == -5000);
  CHECK(a.customers[1].unapplied_minor == -8000);
  CHECK(a.total_unapplied_minor == -13000);
  // 2025-03-31: C2 has nothing open and no credit: left out. I2 is 14 days past due.
  a = compute_aging(f.b.book, D("2025-03-31"), kDefaultAgingEdges);
  REQUIRE(a.customers.size() == 1);
  CHECK(a.customers[0].amounts_minor == std::vector<int64_t>{0, 15000, 0, 0, 0});
  CHECK(a.total_unapplied_minor == -5000);
}

TEST_CASE("a statement shows a refund as a line that raises the balance") {
  Fixture f;
  f.refunds();
  REQUIRE(f.b.build());
  Statement s = compute_statement(f.b.book, f.c1, D("2025-02-01"), D("2025-03-31"));
  // Opening at 01-31: I1 1000.00 open, no credit. Lines (date order; same day: invoices,
  // payments, credit notes, write-offs, refunds):
  //   02-01 P1 -1200.00 -> -200.00;  02-15 I2 +300.00 -> 100.00;
  //   02-20 R1 +150.00 -> 250.00;    03-01 CN1 -100.00 -> 150.00;  03-05 CN2 -50.00 -> 100.00.
  // Closing 100.00 = I2 open 150.00 + unapplied -50.00.
  CHECK(s.opening_minor == 100000);
  REQUIRE(s.lines.size() == 5);
  CHECK(s.lines[2].kind == StatementLineKind::Refund);
  CHECK(s.lines[2].document == 0);
  CHECK(s.lines[2].amount_minor == 15000);
  const int64_t balances[] = {-20000, 10000, 25000, 15000, 10000};
  for (size_t k = 0; k < 5; ++k) CHECK(s.lines[k].balance_minor == balances[k]);
  CHECK(s.closing_minor == 10000);
  CHECK(s.open_minor == 15000);
  CHECK(s.unapplied_minor == -5000);
  // A period that starts after R1: the opening counts it (-200 + 150 + ... at 02-28:
  // I2 300.00 open, unapplied -50.00 -> 250.00).
  CHECK(compute_statement(f.b.book, f.c1, D("2025-03-01"), D("2025-03-31")).opening_minor ==
        25000);
}

TEST_CASE("a refund must be covered by the unapplied credit as of its date") {
  SUBCASE("more than the credit") {
    Fixture f;
    f.b.refund("R1", f.c1, D("2025-02-20"), 25000, f.p1);
    expect_only(f.b, "refunds[0].amount",
                "refund 250.00 exceeds the unapplied credit of C1 on 2025-02-20 (200.00)");
  }
  SUBCASE("before the credit note that makes the credit") {
    Fixture f;  // CN3 is dated 03-10: on 03-09 C2 has no credit yet.
    f.b.refund("R2", f.c2, D("2025-03-09"), 8000);
    expect_only(f.b, "refunds[0].amount",
                "refund 80.00 exceeds the unapplied credit of C2 on 2025-03-09 (0.00)");
  }
  SUBCASE("less the refunds before it, the same day in file order") {
    Fixture f;  // 200.00 - 150.00 = 50.00 left for the second.
    f.b.refund("R1", f.c1, D("2025-02-20"), 15000, f.p1);
    f.b.refund("R3", f.c1, D("2025-02-20"), 10000);
    expect_only(f.b, "refunds[1].amount",
                "refund 100.00 exceeds the unapplied credit of C1 on 2025-02-20 (50.00)");
  }
  SUBCASE("by date, not by file order") {
    Fixture f;  // R-late is first in the file, but R-early (100.00 on 02-20) comes first.
    f.b.refund("R-late", f.c1, D("2025-03-20"), 15000);
    f.b.refund("R-early", f.c1, D("2025-02-20"), 10000);
    expect_only(f.b, "refunds[0].amount",
                "refund 150.00 exceeds the unapplied credit of C1 on 2025-03-20 (100.00)");
  }
  SUBCASE("exactly the credit is fine") {
    Fixture f;
    f.b.refund("R1", f.c1, D("2025-02-01"), 20000, f.p1);  // The day of P1 itself.
    REQUIRE(f.b.build());
    CHECK(customer_unapplied_minor(f.b.book, f.c1, D("2025-02-01")) == 0);
  }
}

TEST_CASE("a refund's own rules") {
  SUBCASE("positive amount") {
    Fixture f;
    f.b.refund("R1", f.c1, D("2025-02-20"), 0);
    expect_only(f.b, "refunds[0].amount", "amount must be positive, not 0.00");
  }
  SUBCASE("its customer exists") {
    Fixture f;
    f.b.refund("R1", 7, D("2025-02-20"), 100);
    expect_only(f.b, "refunds[0].customer", "unknown customer");
  }
  SUBCASE("the payment named is the customer's own") {
    Fixture f;
    f.b.refund("R1", f.c1, D("2025-02-20"), 100, f.p2);
    expect_only(f.b, "refunds[0].payment", "payment P2 is from customer C2, not C1");
  }
  SUBCASE("the payment named is dated on or before the refund") {
    Fixture f;
    f.b.refund("R1", f.c1, D("2025-01-31"), 100, f.p1);
    expect_only(f.b, "refunds[0].payment",
                "payment P1 is dated 2025-02-01, after this refund (2025-01-31)");
  }
  SUBCASE("the refunds naming a payment total at most its amount") {
    Fixture f;  // 150.00 + 1100.00 = 1250.00 > P1's 1200.00 (whatever the credit).
    f.b.refund("R1", f.c1, D("2025-02-20"), 15000, f.p1);
    f.b.refund("R3", f.c1, D("2025-03-20"), 110000, f.p1);
    expect_only(f.b, "refunds[1].payment",
                "refunds of payment P1 total 1250.00, more than its amount 1200.00");
  }
  SUBCASE("unknown payment index") {
    Fixture f;
    f.b.refund("R1", f.c1, D("2025-02-20"), 100, 9);
    expect_only(f.b, "refunds[0].payment", "unknown payment");
  }
  SUBCASE("ids unique among refunds, not empty") {
    Fixture f;
    f.b.refund("R1", f.c1, D("2025-02-20"), 100);
    f.b.refund("R1", f.c1, D("2025-02-21"), 100);
    std::vector<Problem> problems;
    CHECK_FALSE(f.b.build(&problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].place == "refunds[1].id");
    CHECK(problems[0].message == "duplicate id \"R1\" (first at refunds[0])");
    Fixture g;
    g.b.refund("", g.c1, D("2025-02-20"), 100);
    expect_only(g.b, "refunds[0].id", "id must not be empty");
  }
  SUBCASE("the refunds' total is bounded") {
    Fixture f;
    for (int k = 0; k < 5; ++k)
      f.b.refund("R" + std::to_string(k), f.c1, D("2025-02-20"), 900000000000000000);
    std::vector<Problem> problems;
    CHECK_FALSE(f.b.build(&problems));
    INFO(dump(problems));
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].place == "refunds");
    CHECK(problems[0].message ==
          "the refunds total more than 40000000000000000.00, too large to sum exactly");
  }
}

TEST_CASE("grades: at most 16 characters") {
  Fixture f;
  f.b.book.customers[0].grade = "AAA-minus-watch!";  // 16: fine.
  REQUIRE(f.b.build());
  f.b.book.customers[1].grade = "\xC3\xA9tudes-en-cours!";  // "études-en-cours!": 16 characters.
  REQUIRE(f.b.build());
  f.b.book.customers[1].grade = "B-needs-a-review!";  // 17.
  expect_only(f.b, "customers[1].grade", "grade must be at most 16 characters, not 17");
}

}  // TEST_SUITE
