// test_late_charges.cpp: late-payment charges (core/late_charges.h), worked out by hand.
// Interest = amount x days x rate / 365, rate in basis points: minor x days x bp / 3,650,000,
// rounded half up once per invoice.
#include <doctest/doctest.h>

#include "book_builder.h"
#include "core/edit.h"
#include "core/late_charges.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

// A GBP book (terms 30), as of 2025-03-02 (February 2025 has 28 days: 01-31 + 30 = 03-02):
//   C1: INV-1 2025-01-01 5,000.00, due 01-31: 30 days late, nothing paid.
//       INV-4 2025-01-01 300.00, due 01-31, paid in full late by P-2 2025-02-10: not listed.
//   C2: INV-2 2025-01-01 1,000.00, due 01-31; P-1 2025-02-20 400.00 pays part of it:
//       days 02-01..02-20 (20 days) bear 1,000.00, 02-21..03-02 (10 days) bear 600.00.
//       INV-3 2025-02-15 200.00, due 03-17: not yet due, not listed.
//   C3: INV-5 2025-01-01 12,000.00, due 01-31; P-3 3,000.00 on the due date itself: the debt
//       that became late is 9,000.00 (UK fixed sum 70, not 100), 30 days on 9,000.00.
BookBuilder gbp_book() {
  BookBuilder b;
  b.book.currency = "GBP";
  Index c1 = b.customer("C1");
  Index c2 = b.customer("C2");
  Index c3 = b.customer("C3");
  Index inv1 = b.invoice("INV-1", c1, D("2025-01-01"), 500000);
  Index inv2 = b.invoice("INV-2", c2, D("2025-01-01"), 100000);
  b.invoice("INV-3", c2, D("2025-02-15"), 20000);
  Index inv4 = b.invoice("INV-4", c1, D("2025-01-01"), 30000);
  Index inv5 = b.invoice("INV-5", c3, D("2025-01-01"), 1200000);
  b.payment("P-1", c2, D("2025-02-20"), 40000, {{inv2, 40000}});
  b.payment("P-2", c1, D("2025-02-10"), 30000, {{inv4, 30000}});
  b.payment("P-3", c3, D("2025-01-31"), 300000, {{inv5, 300000}});
  (void)inv1;
  REQUIRE(b.build());
  return b;
}

constexpr Index kInv1 = 0, kInv2 = 1, kInv5 = 4;

}  // namespace

TEST_SUITE("late_charges") {

TEST_CASE("the rates: reference + 8 points, or the contract's own") {
  CHECK(charge_rate_bp({ChargeKind::EuStatutory, 450}) == 1250);
  CHECK(charge_rate_bp({ChargeKind::UkStatutory, 525}) == 1325);
  CHECK(charge_rate_bp({ChargeKind::Contract, 525, 1200, 2500}) == 1200);
}

TEST_CASE("simple interest, actual/365, half up to the minor unit") {
  // GBP 5,000.00, 30 days at 5.25 + 8 = 13.25%: 500000 x 30 x 1325 / 3,650,000 = 5445.205...
  CHECK(simple_interest_minor(500000, 30, 1325) == 5445);  // 54.45
  // EUR 800.00, 60 days at 4.50 + 8 = 12.5%: 80000 x 60 x 1250 / 3,650,000 = 1643.835...
  CHECK(simple_interest_minor(80000, 60, 1250) == 1644);  // 16.44
  // Exactly half a minor unit rounds up: 365 x 1 x 5000 = 1,825,000 = 0.5 x 3,650,000.
  CHECK(simple_interest_minor(365, 1, 5000) == 1);
  CHECK(simple_interest_minor(364, 1, 5000) == 0);   // 0.4986...
  CHECK(simple_interest_minor(1095, 1, 5000) == 2);  // 1.5 exactly
  CHECK(simple_interest_minor(500000, 0, 1325) == 0);
  CHECK(simple_interest_minor(500000, -3, 1325) == 0);
  // Too large to count: 900,000,000,000,000,000 at 100% for 366 days.
  CHECK(simple_interest_minor(900000000000000000, 365, 10000) == 900000000000000000);
  CHECK(simple_interest_minor(900000000000000000, 366, 10000) == -1);
}

TEST_CASE("the fixed sums: EU 40 an invoice, UK by the size of the debt") {
  CHECK(eu_fixed_sum_minor(2) == 4000);
  CHECK(eu_fixed_sum_minor(0) == 40);
  CHECK(uk_fixed_sum_minor(99999, 2) == 4000);      // 999.99 -> 40
  CHECK(uk_fixed_sum_minor(100000, 2) == 7000);     // 1,000.00 -> 70
  CHECK(uk_fixed_sum_minor(999999, 2) == 7000);     // 9,999.99 -> 70
  CHECK(uk_fixed_sum_minor(1000000, 2) == 10000);   // 10,000.00 -> 100
  CHECK(uk_fixed_sum_minor(1, 2) == 4000);
}

TEST_CASE("the fixed sum only in its own currency; the interest in any") {
  CHECK(fixed_sum_refusal({ChargeKind::EuStatutory, 450}, "EUR").empty());
  CHECK(fixed_sum_refusal({ChargeKind::UkStatutory, 525}, "GBP").empty());
  CHECK(fixed_sum_refusal({ChargeKind::Contract, 0, 1200, 2500}, "USD").empty());
  CHECK(fixed_sum_refusal({ChargeKind::EuStatutory, 450}, "GBP") ==
        "the EU fixed sum is set in EUR and this book is in GBP: not charged (no conversion); "
        "the interest is computed in GBP");
  CHECK(fixed_sum_refusal({ChargeKind::UkStatutory, 525}, "EUR").find("set in GBP") !=
        std::string::npos);
}

TEST_CASE("UK statutory on a GBP book: the open amount each day, the debt as it became late") {
  BookBuilder b = gbp_book();
  LateCharges c = late_charges(b.book, D("2025-03-02"), {ChargeKind::UkStatutory, 525});
  CHECK(c.rate_bp == 1325);
  CHECK(c.fixed_refusal.empty());
  CHECK(c.too_large == kNone);
  REQUIRE(c.invoices.size() == 3);
  REQUIRE(c.customers.size() == 3);
  // C1 INV-1: 54.45 (above), fixed 70 (5,000.00 is 1,000 to 9,999.99). INV-4, paid: absent.
  CHECK(c.invoices[0].invoice == kInv1);
  CHECK(c.invoices[0].days_late == 30);
  CHECK(c.invoices[0].open_minor == 500000);
  CHECK(c.invoices[0].interest_minor == 5445);
  CHECK(c.invoices[0].fixed_minor == 7000);
  CHECK(c.customers[0].count == 1);
  // C2 INV-2: 100000 x 20 + 60000 x 10 = 2,600,000 minor-days; x 1325 / 3,650,000 =
  // 943.83... -> 9.44. Debt on its due date 1,000.00 -> fixed 70. Open as of 600.00.
  CHECK(c.invoices[1].invoice == kInv2);
  CHECK(c.invoices[1].days_late == 30);
  CHECK(c.invoices[1].open_minor == 60000);
  CHECK(c.invoices[1].minor_days == 2600000);
  CHECK(c.invoices[1].debt_minor == 100000);
  CHECK(c.invoices[1].interest_minor == 944);
  CHECK(c.invoices[1].fixed_minor == 7000);
  // C3 INV-5: 3,000.00 paid on the due date: 900000 x 30 x 1325 / 3,650,000 = 9801.36... ->
  // 98.01; the debt that became late 9,000.00 -> fixed 70 (12,000.00 would be 100).
  CHECK(c.invoices[2].invoice == kInv5);
  CHECK(c.invoices[2].debt_minor == 900000);
  CHECK(c.invoices[2].interest_minor == 9801);
  CHECK(c.invoices[2].fixed_minor == 7000);
  // Totals: open 5,000 + 600 + 9,000; interest 54.45 + 9.44 + 98.01; fixed 3 x 70.
  CHECK(c.customers[1].open_minor == 60000);
  CHECK(c.customers[1].interest_minor == 944);
  CHECK(c.open_minor == 1460000);
  CHECK(c.interest_minor == 16190);
  CHECK(c.fixed_minor == 21000);
}

TEST_CASE("a payment on a late day: that day still bears the amount before it") {
  BookBuilder b = gbp_book();
  // As of 2025-02-20, the day of P-1: 20 days on 1,000.00 = 2,000,000 minor-days.
  LateCharges c = late_charges(b.book, D("2025-02-20"), {ChargeKind::UkStatutory, 525}, 1);
  REQUIRE(c.invoices.size() == 1);
  CHECK(c.invoices[0].minor_days == 2000000);
  CHECK(c.invoices[0].open_minor == 60000);
  // 2,000,000 x 1325 / 3,650,000 = 726.02... -> 7.26
  CHECK(c.invoices[0].interest_minor == 726);
  // As of 02-21: one more day on 600.00.
  c = late_charges(b.book, D("2025-02-21"), {ChargeKind::UkStatutory, 525}, 1);
  REQUIRE(c.invoices.size() == 1);
  CHECK(c.invoices[0].minor_days == 2060000);
}

TEST_CASE("nothing before or on the due date; one customer only") {
  BookBuilder b = gbp_book();
  CHECK(late_charges(b.book, D("2025-01-31"), {ChargeKind::UkStatutory, 525}).invoices.empty());
  CHECK(late_charges(b.book, D("2024-12-31"), {ChargeKind::UkStatutory, 525}).invoices.empty());
  LateCharges one = late_charges(b.book, D("2025-02-01"), {ChargeKind::UkStatutory, 525}, 0);
  // C1 only, 1 day late: INV-1 and INV-4 (paid on 02-10, still open on 02-01).
  REQUIRE(one.invoices.size() == 2);
  CHECK(one.customers.size() == 1);
  CHECK(one.invoices[1].invoice == 3);
  CHECK(one.invoices[1].interest_minor == 11);  // 30000 x 1 x 1325 / 3,650,000 = 10.89 -> 0.11
}

TEST_CASE("EU statutory on a GBP book: interest at 12.5%, the EUR 40 refused") {
  BookBuilder b = gbp_book();
  LateCharges c = late_charges(b.book, D("2025-03-02"), {ChargeKind::EuStatutory, 450});
  CHECK(c.rate_bp == 1250);
  CHECK(!c.fixed_refusal.empty());
  REQUIRE(c.invoices.size() == 3);
  // 500000 x 30 x 1250 / 3,650,000 = 5136.98... -> 51.37
  CHECK(c.invoices[0].interest_minor == 5137);
  CHECK(c.fixed_minor == 0);
}

TEST_CASE("EU statutory on a EUR book: EUR 800.00 60 days late at 4.50 + 8") {
  BookBuilder b;
  b.book.currency = "EUR";
  Index c1 = b.customer("C1");
  b.invoice("INV-E", c1, D("2025-01-01"), 80000);  // Due 01-31; + 60 days = 04-01.
  REQUIRE(b.build());
  LateCharges c = late_charges(b.book, D("2025-04-01"), {ChargeKind::EuStatutory, 450});
  REQUIRE(c.invoices.size() == 1);
  CHECK(c.invoices[0].days_late == 60);
  CHECK(c.invoices[0].interest_minor == 1644);
  CHECK(c.invoices[0].fixed_minor == 4000);
  CHECK(c.fixed_refusal.empty());
}

TEST_CASE("contract: its own rate and fee, in any currency") {
  BookBuilder b = gbp_book();
  LateCharges c = late_charges(b.book, D("2025-03-02"), {ChargeKind::Contract, 0, 1200, 2500});
  CHECK(c.rate_bp == 1200);
  REQUIRE(c.invoices.size() == 3);
  // 500000 x 30 x 1200 / 3,650,000 = 4931.50... -> 49.32
  CHECK(c.invoices[0].interest_minor == 4932);
  CHECK(c.fixed_minor == 7500);  // 3 x 25.00
}

TEST_CASE("interest too large to count is said, not wrapped") {
  BookBuilder b;
  Index c1 = b.customer("C1");
  b.invoice("INV-X", c1, D("2025-01-01"), 900000000000000000);  // Due 01-31.
  REQUIRE(b.build());
  ChargeRule rule{ChargeKind::Contract, 0, 10000, 0};
  CHECK(late_charges(b.book, D("2026-01-31"), rule).too_large == kNone);  // 365 days: 9e17.
  CHECK(late_charges(b.book, D("2026-02-01"), rule).too_large == 0);      // 366 days.
}

TEST_CASE("a payment goes to costs, then interest, then principal (BGB 367(1))") {
  // Costs 40.00, interest 54.45, principal 5,000.00: 5,094.45 in all.
  PaymentParts p = allocate_payment(4000, 5445, 500000, 3000);  // Less than the costs.
  CHECK(p.costs == 3000);
  CHECK(p.interest == 0);
  CHECK(p.principal == 0);
  CHECK(p.remainder == 0);
  p = allocate_payment(4000, 5445, 500000, 7000);  // Costs, and part of the interest.
  CHECK(p.costs == 4000);
  CHECK(p.interest == 3000);
  CHECK(p.principal == 0);
  p = allocate_payment(4000, 5445, 500000, 20000);  // Costs, interest, part of the principal.
  CHECK(p.costs == 4000);
  CHECK(p.interest == 5445);
  CHECK(p.principal == 10555);
  CHECK(p.remainder == 0);
  p = allocate_payment(4000, 5445, 500000, 600000);  // More than all: 90,555 left over.
  CHECK(p.costs == 4000);
  CHECK(p.interest == 5445);
  CHECK(p.principal == 500000);
  CHECK(p.remainder == 90555);
  p = allocate_payment(4000, 5445, 500000, 0);
  CHECK(p.costs == 0);
  CHECK(p.remainder == 0);
}

TEST_CASE("booked charges: the ledger applies a payment to costs, interest, then principal") {
  // C1: INV-1 5,000.00 dated 2025-01-01, due 01-31. On 2025-03-02 (30 days late) at 13.25%
  // (EU: 5.25 + 8): interest 5,000 x 30 x 0.1325 / 365 = 54.45; fixed EUR 40.
  BookBuilder b;
  b.book.currency = "EUR";
  Index c1 = b.customer("C1");
  Index inv = b.invoice("INV-1", c1, D("2025-01-01"), 500000);
  REQUIRE(build_index(b.book, nullptr));
  ChargeRule rule{ChargeKind::EuStatutory, 525};
  std::vector<ChargeToBook> todo = charges_to_book(b.book, D("2025-03-02"), rule);
  REQUIRE(todo.size() == 2);
  CHECK(todo[0].invoice.id == "FEE-C1-20250302");
  CHECK(todo[0].invoice.amount_minor == 4000);
  CHECK(todo[0].invoice.charge == kInvoiceChargeCosts);
  CHECK(todo[1].invoice.id == "INT-C1-20250302");
  CHECK(todo[1].invoice.amount_minor == 5445);
  CHECK(todo[1].invoice.due == D("2025-03-02"));
  History h;
  std::vector<Problem> problems;
  for (const ChargeToBook& t : todo) REQUIRE(h.apply(b.book, Edit{t.invoice}, &problems));
  // Booked through 03-02: nothing more that day; interest only on later days after it.
  CHECK(charges_booked_through(b.book, c1, D("2025-03-02")) == D("2025-03-02"));
  CHECK(charges_to_book(b.book, D("2025-03-02"), rule).empty());
  CHECK(late_charges(b.book, D("2025-03-12"), rule, kNone, D("2025-03-02")).interest_minor ==
        simple_interest_minor(500000, 10, 1325));  // 18.15: no interest on the charges.
  // 70.00 paid on 03-05 with no allocation: costs 40.00, then 30.00 of the interest; the
  // principal keeps 5,000.00, although its due date is the oldest.
  NewReceipt pay;
  pay.id = "P-1";
  pay.customer_id = "C1";
  pay.date = D("2025-03-05");
  pay.amount_minor = 7000;
  REQUIRE(h.apply(b.book, Edit{pay}, &problems));
  const Date after = D("2025-03-05");
  CHECK(invoice_open_minor(b.book, find_invoice(b.book, "FEE-C1-20250302"), after) == 0);
  CHECK(invoice_open_minor(b.book, find_invoice(b.book, "INT-C1-20250302"), after) == 2445);
  CHECK(invoice_open_minor(b.book, inv, after) == 500000);
  // 6,000.00 more: the interest's 24.45, then the principal, 975.55 left unapplied.
  pay.id = "P-2";
  pay.amount_minor = 600000;
  REQUIRE(h.apply(b.book, Edit{pay}, &problems));
  CHECK(invoice_open_minor(b.book, find_invoice(b.book, "INT-C1-20250302"), after) == 0);
  CHECK(invoice_open_minor(b.book, inv, after) == 0);
  CHECK(b.book.index.payment_unapplied_minor[1] == 97555);
}

}  // TEST_SUITE
