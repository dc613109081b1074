// test_credit.cpp: credit control before delivery (core/credit.h), worked out by hand.
#include <doctest/doctest.h>

#include "book_builder.h"
#include "core/credit.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

// C1 (terms 30, limit 1,000.00):
//   INV-1 2025-01-05 400.00 (due 02-04), INV-2 2025-02-01 300.00 (due 03-03);
//   P-1 2025-02-10 500.00: oldest due first, 400.00 to INV-1, 100.00 to INV-2 (200.00 left);
//   CN-1 2025-02-20 250.00: 200.00 to INV-2, 50.00 left unapplied (no other invoice yet);
//   INV-3 2025-03-01 600.00 (after CN-1: the credit is not applied to it).
// C2: no limit. C3: limit 0.00 (cash only).
BookBuilder credit_book() {
  BookBuilder b;
  Index c1 = b.customer("C1");
  Index c2 = b.customer("C2");
  Index c3 = b.customer("C3");
  b.book.customers[c1].credit_limit_minor = 100000;
  b.book.customers[c3].credit_limit_minor = 0;
  b.invoice("INV-1", c1, D("2025-01-05"), 40000);
  b.invoice("INV-2", c1, D("2025-02-01"), 30000);
  b.invoice("INV-3", c1, D("2025-03-01"), 60000);
  b.invoice("INV-4", c2, D("2025-03-01"), 999900);
  b.payment("P-1", c1, D("2025-02-10"), 50000);
  b.credit_note("CN-1", c1, D("2025-02-20"), 25000);
  REQUIRE(b.build());
  (void)c2;
  return b;
}

}  // namespace

TEST_SUITE("credit") {

TEST_CASE("what a customer owes with a new invoice, against its limit") {
  BookBuilder b = credit_book();
  SUBCASE("on 2025-03-01: 600.00 open, 50.00 credit held; 500.00 more is 50.00 over") {
    CreditCheck c = credit_check(b.book, 0, D("2025-03-01"), 50000);
    CHECK(c.has_limit());
    CHECK(c.limit_minor == 100000);
    CHECK(c.open_minor == 60000);
    CHECK(c.unapplied_minor == -5000);
    CHECK(c.owed_minor == 55000);
    CHECK(c.after_minor == 105000);
    CHECK(c.headroom_minor == 45000);
    CHECK(c.over_minor == 5000);
    CHECK(c.over());
  }
  SUBCASE("exactly up to the limit is not over") {
    CreditCheck c = credit_check(b.book, 0, D("2025-03-01"), 45000);
    CHECK(c.after_minor == 100000);
    CHECK_FALSE(c.over());
  }
  SUBCASE("on 2025-02-15: INV-3 and CN-1 do not exist yet; 200.00 open") {
    CreditCheck c = credit_check(b.book, 0, D("2025-02-15"), 50000);
    CHECK(c.open_minor == 20000);
    CHECK(c.unapplied_minor == 0);
    CHECK(c.owed_minor == 20000);
    CHECK(c.after_minor == 70000);
    CHECK(c.headroom_minor == 80000);
    CHECK_FALSE(c.over());
  }
  SUBCASE("no limit: never over, whatever it owes") {
    CreditCheck c = credit_check(b.book, 1, D("2025-03-01"), 100000);
    CHECK_FALSE(c.has_limit());
    CHECK(c.owed_minor == 999900);
    CHECK(c.after_minor == 1099900);
    CHECK(c.headroom_minor == 0);
    CHECK_FALSE(c.over());
  }
  SUBCASE("a limit of zero: cash only, any invoice is over") {
    CreditCheck c = credit_check(b.book, 2, D("2025-03-01"), 1);
    CHECK(c.has_limit());
    CHECK(c.owed_minor == 0);
    CHECK(c.over_minor == 1);
  }
}

}  // TEST_SUITE
