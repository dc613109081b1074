// test_book.cpp: how payments, credit notes and write-offs reduce invoices (core/book.h).
// Every expectation is worked by hand from the rules in issue 3 and core/book.h:
//   explicit allocations first; the remainder oldest due date first (then invoice date, then
//   id) to the customer's invoices dated on or before the receipt; the rest is unapplied.
#include <doctest/doctest.h>

#include <climits>
#include <vector>

#include "book_builder.h"
#include "core/book.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;
using arlab::test::far_future;

namespace {

int64_t open_at(const Book& b, Index inv, const char* day) {
  return invoice_open_minor(b, inv, D(day));
}
int64_t open_end(const Book& b, Index inv) { return invoice_open_minor(b, inv, far_future()); }

void require_build(BookBuilder& b) {
  std::vector<Problem> problems;
  bool ok = b.build(&problems);
  for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
  REQUIRE(ok);
  REQUIRE(b.book.index.built);
}

}  // namespace

TEST_SUITE("book") {

TEST_CASE("remainder goes oldest due date first, then oldest invoice date, then id") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index late_due = b.invoice("I-A", c, D("2025-01-10"), 10000, D("2025-03-15"));
  Index later_date = b.invoice("I-B", c, D("2025-01-20"), 10000, D("2025-02-19"));
  Index oldest = b.invoice("I-C", c, D("2025-01-05"), 10000, D("2025-02-19"));

  SUBCASE("150.00 pays I-C, then half of I-B") {
    b.payment("P-1", c, D("2025-03-01"), 15000);
    require_build(b);
    CHECK(open_end(b.book, oldest) == 0);          // due 02-19, dated 01-05: first
    CHECK(open_end(b.book, later_date) == 5000);   // due 02-19, dated 01-20: second
    CHECK(open_end(b.book, late_due) == 10000);    // due 03-15: last, nothing left
    CHECK(customer_unapplied_minor(b.book, c, far_future()) == 0);
  }
  SUBCASE("same due date and invoice date: by id") {
    Index w = b.invoice("I-W", c, D("2025-01-01"), 10000, D("2025-02-01"));
    Index x = b.invoice("I-X", c, D("2025-01-01"), 10000, D("2025-02-01"));
    Index v = b.invoice("I-V", c, D("2025-01-01"), 10000, D("2025-02-01"));
    b.payment("P-1", c, D("2025-03-01"), 15000);
    require_build(b);
    CHECK(open_end(b.book, v) == 0);
    CHECK(open_end(b.book, w) == 5000);
    CHECK(open_end(b.book, x) == 10000);
    CHECK(open_end(b.book, oldest) == 10000);
  }
  SUBCASE("applications are marked automatic and dated like the payment") {
    Index p = b.payment("P-1", c, D("2025-03-01"), 15000);
    require_build(b);
    ApplicationRange r = invoice_applications(b.book, oldest);
    REQUIRE(r.last - r.first == 1);
    CHECK(r.first->automatic);
    CHECK(r.first->kind == ApplicationKind::Payment);
    CHECK(r.first->source == p);
    CHECK(r.first->invoice == oldest);
    CHECK(r.first->date == D("2025-03-01"));
    CHECK(r.first->amount_minor == 10000);
  }
}

TEST_CASE("only invoices dated on or before the receipt take its remainder") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index jan = b.invoice("I-JAN", c, D("2025-01-10"), 10000, D("2025-03-15"));
  Index same_day = b.invoice("I-SAME", c, D("2025-03-01"), 10000, D("2025-03-10"));
  Index after = b.invoice("I-AFTER", c, D("2025-03-02"), 10000, D("2025-03-03"));
  b.payment("P-1", c, D("2025-03-01"), 25000);
  require_build(b);
  // I-AFTER has the oldest due date but did not exist on 03-01.
  CHECK(open_end(b.book, same_day) == 0);  // due 03-10 before I-JAN's 03-15
  CHECK(open_end(b.book, jan) == 0);
  CHECK(open_end(b.book, after) == 10000);
  CHECK(customer_unapplied_minor(b.book, c, far_future()) == -5000);
}

TEST_CASE("explicit allocations apply first, the remainder goes oldest due first") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index a = b.invoice("I-A", c, D("2025-01-10"), 10000, D("2025-03-15"));
  Index bb = b.invoice("I-B", c, D("2025-01-20"), 10000, D("2025-02-19"));
  Index cc = b.invoice("I-C", c, D("2025-01-05"), 10000, D("2025-02-19"));
  Index p = b.payment("P-1", c, D("2025-03-01"), 15000, {{a, 8000}});
  require_build(b);
  CHECK(open_end(b.book, a) == 2000);    // 100 - 80 explicit
  CHECK(open_end(b.book, cc) == 3000);   // remainder 70 to the oldest due
  CHECK(open_end(b.book, bb) == 10000);
  ApplicationRange r = invoice_applications(b.book, a);
  REQUIRE(r.last - r.first == 1);
  CHECK_FALSE(r.first->automatic);
  CHECK(r.first->source == p);
  CHECK(b.book.index.payment_unapplied_minor.at(p) == 0);
}

TEST_CASE("remainders are applied in document order: date, payments before credit notes, file") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index i1 = b.invoice("I-1", c, D("2025-01-01"), 5000, D("2025-01-31"));
  Index i2 = b.invoice("I-2", c, D("2025-01-29"), 5000, D("2025-02-28"));

  SUBCASE("an earlier-dated payment later in the file goes first") {
    b.payment("P-MAR", c, D("2025-03-01"), 5000);
    Index feb = b.payment("P-FEB", c, D("2025-02-01"), 5000);
    require_build(b);
    ApplicationRange r = invoice_applications(b.book, i1);
    REQUIRE(r.last - r.first == 1);
    CHECK(r.first->source == feb);
    CHECK(open_at(b.book, i1, "2025-02-15") == 0);
    CHECK(open_at(b.book, i2, "2025-02-15") == 5000);
    CHECK(open_at(b.book, i2, "2025-03-01") == 0);
  }
  SUBCASE("same date: the payment before the credit note, whatever the file order") {
    Index cn = b.credit_note("CN-1", c, D("2025-03-01"), 5000);
    b.payment("P-1", c, D("2025-03-01"), 5000);
    require_build(b);
    CHECK(invoice_applied_minor(b.book, i1, far_future(), ApplicationKind::Payment) == 5000);
    CHECK(invoice_applied_minor(b.book, i1, far_future(), ApplicationKind::CreditNote) == 0);
    CHECK(invoice_applied_minor(b.book, i2, far_future(), ApplicationKind::CreditNote) == 5000);
    ApplicationRange r = invoice_applications(b.book, i2);
    REQUIRE(r.last - r.first == 1);
    CHECK(r.first->kind == ApplicationKind::CreditNote);
    CHECK(r.first->source == cn);
  }
  SUBCASE("same date and kind: file order") {
    Index first = b.payment("P-Z", c, D("2025-03-01"), 5000);
    Index second = b.payment("P-A", c, D("2025-03-01"), 5000);
    require_build(b);
    CHECK(invoice_applications(b.book, i1).first->source == first);
    CHECK(invoice_applications(b.book, i2).first->source == second);
  }
}

// Builds and expects exactly one problem, returned as "place: message".
std::string only_problem(BookBuilder& b) {
  std::vector<Problem> problems;
  CHECK_FALSE(b.build(&problems));
  CHECK_FALSE(b.book.index.built);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].date_order);
  return problems[0].place + ": " + problems[0].message;
}

TEST_CASE("documents take effect in date order: a later one never moves an earlier one") {
  // The book: INV-1 1000.00 (30 days), P-1 400.00 on 20 March (no allocation).
  BookBuilder b;
  Index c = b.customer("C1");
  Index inv = b.invoice("INV-1", c, D("2025-01-01"), 100000);
  Index p1 = b.payment("P-1", c, D("2025-03-20"), 40000);

  SUBCASE("a later write-off of 700.00 asks more than the 600.00 left: refused at its amount") {
    b.write_off("W-1", inv, D("2025-03-25"), 70000);
    CHECK(only_problem(b) ==
          "write_offs[0].amount: INV-1 has 600.00 open on 2025-03-25 (P-1 paid 400.00 on "
          "2025-03-20); this write-off asks 700.00: ask at most 600.00");
  }
  SUBCASE("a write-off of the 600.00 left: on 20 March 600.00 open and no credit") {
    b.write_off("W-1", inv, D("2025-03-25"), 60000);
    require_build(b);
    CHECK(open_at(b.book, inv, "2025-03-20") == 60000);
    CHECK(customer_unapplied_minor(b.book, c, D("2025-03-20")) == 0);
    CHECK(b.book.index.payment_unapplied_minor.at(p1) == 0);
    CHECK(open_at(b.book, inv, "2025-03-25") == 0);
    CHECK(invoice_settled_date(b.book, inv) == D("2025-03-25"));
  }
  SUBCASE("a later payment naming the invoice finds what is left, not what P-1 took") {
    b.payment("P-2", c, D("2025-04-01"), 70000, {{inv, 70000}});
    CHECK(only_problem(b) ==
          "payments[1].allocations[0].amount: INV-1 has 600.00 open on 2025-04-01 (P-1 paid "
          "400.00 on 2025-03-20); this allocation asks 700.00: ask at most 600.00");
  }
  SUBCASE("a write-off of a paid invoice: nothing is left to take") {
    b.payment("P-2", c, D("2025-03-21"), 60000);
    b.write_off("W-1", inv, D("2025-03-25"), 35000);
    CHECK(only_problem(b) ==
          "write_offs[0].amount: INV-1 has 0.00 open on 2025-03-25 (P-1 paid 400.00 on "
          "2025-03-20, P-2 paid 600.00 on 2025-03-21); this write-off asks 350.00: nothing is "
          "left to take");
  }
  SUBCASE("a credit note larger than what is open") {
    b.credit_note("CN-1", c, D("2025-03-22"), 65000, {{inv, 65000}});
    CHECK(only_problem(b) ==
          "credit_notes[0].allocations[0].amount: INV-1 has 600.00 open on 2025-03-22 (P-1 paid "
          "400.00 on 2025-03-20); this allocation asks 650.00: ask at most 600.00");
  }
  SUBCASE("more than four applications before: the rest are counted and summed") {
    for (int k = 0; k < 5; k++)
      b.payment("Q-" + std::to_string(k), c, D("2025-03-21") + k, 10000);
    b.write_off("W-1", inv, D("2025-04-30"), 20000);
    CHECK(only_problem(b) ==
          "write_offs[0].amount: INV-1 has 100.00 open on 2025-04-30 (P-1 paid 400.00 on "
          "2025-03-20, Q-0 paid 100.00 on 2025-03-21, Q-1 paid 100.00 on 2025-03-22, Q-2 paid "
          "100.00 on 2025-03-23 and 2 more (200.00)); this write-off asks 200.00: ask at most "
          "100.00");
  }
}

TEST_CASE("within a day: explicit allocations, then remainders, then write-offs") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index i1 = b.invoice("I-1", c, D("2025-01-10"), 10000);  // due 2025-02-09
  Index i2 = b.invoice("I-2", c, D("2025-01-20"), 10000);  // due 2025-02-19

  SUBCASE("an explicit allocation written after an automatic payment of the same day goes first") {
    Index auto_p = b.payment("P-A", c, D("2025-03-01"), 10000);
    Index named = b.payment("P-B", c, D("2025-03-01"), 10000, {{i1, 10000}});
    require_build(b);
    // P-B takes I-1 first, so P-A's remainder goes to I-2, the oldest due still open.
    CHECK(invoice_applications(b.book, i1).first->source == named);
    CHECK(invoice_applications(b.book, i2).first->source == auto_p);
    CHECK(b.book.index.payment_unapplied_minor.at(auto_p) == 0);
  }
  SUBCASE("a payment, then a write-off of the rest, on the same day") {
    b.payment("P-1", c, D("2025-03-01"), 15000);  // I-1 100.00, I-2 50.00
    Index w = b.write_off("W-1", i2, D("2025-03-01"), 5000);
    require_build(b);
    CHECK(open_at(b.book, i2, "2025-03-01") == 0);
    CHECK(invoice_applied_minor(b.book, i2, D("2025-03-01"), ApplicationKind::WriteOff) == 5000);
    CHECK(invoice_applications(b.book, i2).first[1].source == w);
  }
  SUBCASE("a payment earlier in the day than a write-off of the whole invoice: refused") {
    b.payment("P-1", c, D("2025-03-01"), 15000);
    b.write_off("W-1", i2, D("2025-03-01"), 10000);
    CHECK(only_problem(b) ==
          "write_offs[0].amount: I-2 has 50.00 open on 2025-03-01 (P-1 paid 50.00 on "
          "2025-03-01); this write-off asks 100.00: ask at most 50.00");
  }
  SUBCASE("an earlier remainder is never taken back by a later allocation") {
    Index p1 = b.payment("P-1", c, D("2025-02-01"), 10000);  // I-1: oldest due
    Index p2 = b.payment("P-2", c, D("2025-03-01"), 10000, {{i2, 10000}});
    require_build(b);
    CHECK(invoice_applications(b.book, i1).first->source == p1);
    CHECK(invoice_applications(b.book, i2).first->source == p2);
    CHECK(customer_unapplied_minor(b.book, c, far_future()) == 0);
  }
}

TEST_CASE("partial payments leave the rest open until paid") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index inv = b.invoice("INV-1", c, D("2025-01-05"), 120000);  // due 2025-02-04
  b.payment("P-1", c, D("2025-02-10"), 40000, {{inv, 40000}});
  b.payment("P-2", c, D("2025-03-10"), 80000);
  require_build(b);
  CHECK(b.book.invoices[inv].due == D("2025-02-04"));
  CHECK(open_at(b.book, inv, "2025-02-09") == 120000);
  CHECK(open_at(b.book, inv, "2025-02-10") == 80000);
  CHECK(open_at(b.book, inv, "2025-03-09") == 80000);
  CHECK(open_at(b.book, inv, "2025-03-10") == 0);
  CHECK(invoice_settled_date(b.book, inv) == D("2025-03-10"));
  CHECK(invoice_applied_minor(b.book, inv, D("2025-02-28"), ApplicationKind::Payment) == 40000);
  CHECK(invoice_applied_minor(b.book, inv, far_future(), ApplicationKind::Payment) == 120000);
}

TEST_CASE("an invoice still open has no settled date") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index inv = b.invoice("INV-1", c, D("2025-01-05"), 120000);
  b.payment("P-1", c, D("2025-02-10"), 100000);
  require_build(b);
  CHECK(open_end(b.book, inv) == 20000);
  CHECK(invoice_settled_date(b.book, inv) == Date{INT32_MIN});
}

TEST_CASE("documents dated after the as-of date do not exist") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index inv = b.invoice("INV-1", c, D("2025-01-05"), 10000);
  b.payment("P-1", c, D("2025-02-10"), 13000, {{inv, 6000}});  // 60 explicit, 70 left
  b.credit_note("CN-1", c, D("2025-02-20"), 2500);
  b.write_off("W-1", inv, D("2025-01-20"), 1000);
  require_build(b);
  // Over all time: W-1 10 + P-1 60 explicit leave 30 for P-1's remainder (70): 40 unapplied;
  // CN-1 finds nothing left: 25 unapplied.
  CHECK(open_at(b.book, inv, "2025-01-04") == 0);  // not issued yet
  CHECK(open_at(b.book, inv, "2025-01-05") == 10000);
  CHECK(open_at(b.book, inv, "2025-01-20") == 9000);
  CHECK(open_at(b.book, inv, "2025-02-09") == 9000);
  CHECK(open_at(b.book, inv, "2025-02-10") == 0);
  CHECK(customer_unapplied_minor(b.book, c, D("2025-02-09")) == 0);
  CHECK(customer_unapplied_minor(b.book, c, D("2025-02-10")) == -4000);
  CHECK(customer_unapplied_minor(b.book, c, D("2025-02-20")) == -6500);
  CHECK(invoice_applied_minor(b.book, inv, far_future(), ApplicationKind::WriteOff) == 1000);
  CHECK(invoice_applied_minor(b.book, inv, far_future(), ApplicationKind::Payment) == 9000);
}

TEST_CASE("credit notes allocate like payments") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index a = b.invoice("I-A", c, D("2025-01-10"), 10000, D("2025-03-15"));
  Index old = b.invoice("I-OLD", c, D("2025-01-05"), 10000, D("2025-02-04"));
  Index cn = b.credit_note("CN-1", c, D("2025-03-01"), 15000, {{a, 2000}});
  require_build(b);
  // 20 explicit to I-A; the remainder 130: 100 to I-OLD (oldest due), then 30 to I-A.
  CHECK(open_end(b.book, old) == 0);
  CHECK(open_end(b.book, a) == 5000);
  CHECK(b.book.index.credit_unapplied_minor.at(cn) == 0);
  CHECK(invoice_applied_minor(b.book, a, far_future(), ApplicationKind::CreditNote) == 5000);
  CHECK(invoice_applied_minor(b.book, a, far_future(), ApplicationKind::Payment) == 0);
}

TEST_CASE("unapplied credit belongs to its customer only") {
  BookBuilder b;
  Index c1 = b.customer("C1");
  Index c2 = b.customer("C2");
  Index inv2 = b.invoice("INV-2", c2, D("2025-01-05"), 10000);
  Index p = b.payment("P-1", c1, D("2025-02-01"), 30000);
  require_build(b);
  CHECK(open_end(b.book, inv2) == 10000);  // never paid by another customer's money
  CHECK(b.book.index.payment_unapplied_minor.at(p) == 30000);
  CHECK(customer_unapplied_minor(b.book, c1, far_future()) == -30000);
  CHECK(customer_unapplied_minor(b.book, c1, D("2025-01-31")) == 0);
  CHECK(customer_unapplied_minor(b.book, c2, far_future()) == 0);
}

TEST_CASE("write-offs reduce the invoice from their date") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index inv = b.invoice("INV-1", c, D("2025-01-05"), 10000);
  b.write_off("W-1", inv, D("2025-04-01"), 3000);
  b.write_off("W-2", inv, D("2025-05-01"), 7000);
  require_build(b);
  CHECK(open_at(b.book, inv, "2025-03-31") == 10000);
  CHECK(open_at(b.book, inv, "2025-04-01") == 7000);
  CHECK(open_at(b.book, inv, "2025-05-01") == 0);
  CHECK(invoice_settled_date(b.book, inv) == D("2025-05-01"));
}

TEST_CASE("terms give the due date when none is written") {
  BookBuilder b;
  Index c = b.customer("C1", 45);
  Index inv = b.invoice("INV-1", c, D("2025-01-05"), 10000);
  require_build(b);
  CHECK(b.book.invoices[inv].due == D("2025-02-19"));
}

TEST_CASE("ids are found after indexing") {
  BookBuilder b;
  Index s = b.salesperson("S1");
  Index c = b.customer("C1", 30, s);
  Index inv = b.invoice("INV-1", c, D("2025-01-05"), 10000);
  Index p = b.payment("P-1", c, D("2025-02-01"), 5000);
  Index cn = b.credit_note("CN-1", c, D("2025-02-02"), 1000);
  Index w = b.write_off("W-1", inv, D("2025-02-03"), 1000);
  require_build(b);
  CHECK(find_salesperson(b.book, "S1") == s);
  CHECK(find_customer(b.book, "C1") == c);
  CHECK(find_invoice(b.book, "INV-1") == inv);
  CHECK(find_payment(b.book, "P-1") == p);
  CHECK(find_credit_note(b.book, "CN-1") == cn);
  CHECK(find_write_off(b.book, "W-1") == w);
  CHECK(find_invoice(b.book, "INV-2") == kNone);
  CHECK(find_customer(b.book, "") == kNone);
  CHECK(book_first_date(b.book) == D("2025-01-05"));
  CHECK(book_last_date(b.book) == D("2025-02-03"));
}

TEST_CASE("an empty book builds") {
  BookBuilder b;
  require_build(b);
  CHECK(book_first_date(b.book) == Date{0});
  CHECK(book_last_date(b.book) == Date{0});
}

TEST_CASE("shift_dates moves every date; every figure follows by as many days") {
  BookBuilder b;
  Index c1 = b.customer("C1");  // Terms 30.
  Index inv1 = b.invoice("INV-1", c1, D("2025-01-05"), 10000);         // Due 02-04.
  b.invoice("INV-2", c1, D("2025-01-20"), 5000, D("2025-01-31"));      // Due given.
  b.payment("P-1", c1, D("2025-02-10"), 12000, {{inv1, 10000}});        // 20.00 to INV-2.
  b.credit_note("CN-1", c1, D("2025-02-12"), 5000);                     // 30.00 to INV-2,
  b.refund("R-1", c1, D("2025-02-20"), 1000);                           // 20.00 unapplied.
  Index inv3 = b.invoice("INV-3", c1, D("2025-02-15"), 7000);           // After CN-1.
  b.write_off("W-1", inv3, D("2025-03-10"), 7000);
  REQUIRE(b.build());
  Book before = b.book;
  REQUIRE(shift_dates(b.book, 30));
  CHECK(b.book.index.built);
  const Book& a = b.book;
  CHECK(a.invoices[0].date == D("2025-02-04"));
  CHECK(a.invoices[0].due == D("2025-03-06"));
  CHECK(a.invoices[1].date == D("2025-02-19"));
  CHECK(a.invoices[1].due == D("2025-03-02"));
  CHECK(a.invoices[1].flags == kInvoiceDueGiven);  // Still written, as given.
  CHECK(a.payments[0].date == D("2025-03-12"));
  CHECK(a.credit_notes[0].date == D("2025-03-14"));
  CHECK(a.refunds[0].date == D("2025-03-22"));
  CHECK(a.write_offs[0].date == D("2025-04-09"));
  CHECK(book_last_date(a) == D("2025-04-09"));
  // As of D + 30 every figure is what it was as of D.
  for (const char* day : {"2025-01-31", "2025-02-11", "2025-02-15", "2025-03-09", "2025-03-31"}) {
    for (Index i = 0; i < 3; ++i) {
      CHECK(invoice_open_minor(a, i, D(day) + 30) == invoice_open_minor(before, i, D(day)));
    }
    CHECK(customer_unapplied_minor(a, c1, D(day) + 30) ==
          customer_unapplied_minor(before, c1, D(day)));
  }
  CHECK(customer_unapplied_minor(a, c1, D("2025-03-22")) == -1000);  // 20.00 - 10.00 refunded.
  REQUIRE(shift_dates(b.book, -30));  // And back.
  CHECK(arlab::test::book_digest(b.book) == arlab::test::book_digest(before));
}

TEST_CASE("shift_dates refuses to leave the dates arlab can write; the book unchanged") {
  BookBuilder b;
  Index c1 = b.customer("C1");
  b.invoice("INV-1", c1, D("9999-11-01"), 10000);  // Due 9999-12-01.
  b.invoice("INV-2", c1, D("1000-01-10"), 10000);
  REQUIRE(b.build());
  std::string digest = arlab::test::book_digest(b.book);
  CHECK_FALSE(shift_dates(b.book, 31));   // The due date would be 10000-01-01.
  CHECK_FALSE(shift_dates(b.book, -10));  // 999-12-31.
  CHECK(arlab::test::book_digest(b.book) == digest);
  CHECK(shift_dates(b.book, 30));         // Due 9999-12-31: the last date, still fine.
  CHECK(shift_dates(b.book, -39));        // INV-2 on 1000-01-01.
  CHECK(b.book.invoices[1].date == kDateMin);
  CHECK(shift_dates(b.book, 0));
}

}  // TEST_SUITE
