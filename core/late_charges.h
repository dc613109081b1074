// late_charges.h: late-payment charges on overdue invoices (issue 11, slice "late-payment
// charges"): the interest and the fixed charge a creditor may claim per invoice, under the
// customer's contract or, where the contract is silent, under the statutory rule of the EU or
// the UK; and booking them as documents (charges_to_book, `arlab charges --book`), which
// payments then settle costs first, then interest, then the principal.
//
// The rules, as found (search tool, pages corpus; sources named so they can be checked):
//   - EU, Directive 2011/7/EU on combating late payment in commercial transactions
//     (EUR-Lex summary LEGISSUM:mi0074): statutory interest is simple interest at the reference
//     rate (the ECB's rate on its most recent main refinancing operations) plus at least 8
//     percentage points (Art. 2(6), Art. 3); it runs from the day after the due date; the
//     creditor is entitled to a fixed sum of at least EUR 40 as compensation for recovery
//     costs (Art. 6), for each late invoice (CJEU C-78/22 ALD Automotive, 4 May 2023).
//     Uncertain, not modelled: the reference rate is fixed for half-years (the rate of 1 January
//     for January-June, of 1 July for July-December); member states may set a higher margin
//     (Germany 9 points, BGB 288(2); France 10 points); one reference rate is given here for
//     the whole period of lateness and the margin is the directive's minimum, 8 points.
//   - UK, Late Payment of Commercial Debts (Interest) Act 1998 as amended, with the Rate of
//     Interest Order 1998 (SI 1998/2480): Bank of England base rate + 8% a year, simple; the
//     fixed sum of s.5A by the size of the debt (Insolvency Service technical manual 31.1.49):
//     under GBP 1,000: 40; 1,000 to 9,999.99: 70; 10,000 or more: 100. Uncertain: the Act
//     fixes the base rate in force on 30 June / 31 December for the next half-year; one rate is
//     given here. The "debt" for the fixed sum is taken as what was open on the due date (the
//     debt as it became late); the sources say "the outstanding debt" without a date.
//   - Contract: the contract's own annual rate and a fixed fee per late invoice, in the book's
//     currency.
// The order of a partial payment, costs -> interest -> principal: German Civil Code BGB
// section 367(1) ("zunaechst auf die Kosten, dann auf die Zinsen und zuletzt auf die
// Hauptleistung"); the directive itself does not set an order. UK law has no statutory order
// (appropriation by the parties, then common law): allocate_payment applies the BGB order.
//
// The calculation (all integers; rates in basis points: 13.25% a year = 1325):
//   - days late = as_of - due, only when > 0; interest runs from due + 1 through as_of;
//   - the amount bearing interest is the invoice's open amount each day: an application
//     (payment, credit note, write-off) dated P still leaves day P at the amount before it, and
//     lowers it from P + 1 on (an invoice paid in full on P bears P - due days, as if as_of = P);
//   - day count actual/365 (every day 1/365 of a year, leap years too);
//   - interest = sum over the late days of (open that day) x rate / 365, rounded half up to
//     the minor unit once per invoice (never per day or per segment);
//   - only invoices still open as of the date and overdue are listed; invoices paid late in
//     full before the date are not (their interest is owed in law, but not in this report).
//
// Currency: the EU fixed sum is in EUR and the UK one in GBP. A book in another currency gets
// the interest but no fixed sum, and the result says why (fixed_refused): the sum is not
// converted, since no exchange rate is known here.
//
// Usage:
//   arlab::ChargeRule rule{arlab::ChargeKind::UkStatutory, 525};      // base 5.25%
//   arlab::LateCharges c = arlab::late_charges(book, as_of, rule);
//   for (const arlab::InvoiceCharge& i : c.invoices) ... i.interest_minor, i.fixed_minor
//   arlab::PaymentParts p = arlab::allocate_payment(4000, 5445, 500000, 10000);
//
// Tests: tests/core/test_late_charges.cpp (suite "late_charges"), worked by hand;
// tests/cli/cmd-charges.test (arlab charges). Docs: docs/CHARGES.md.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "book.h"
#include "edit.h"

namespace arlab {

enum class ChargeKind : uint8_t { Contract, EuStatutory, UkStatutory };

constexpr int32_t kStatutoryMarginBp = 800;        // 8 points over the reference rate.
constexpr int32_t kChargeRateMaxBp = 10000;        // Rates the user gives: 0..100% a year.
constexpr int32_t kDayCountYearDays = 365;         // actual/365.
constexpr int64_t kChargeMinorMax = 900000000000000000;  // As money.h's parse_amount.

struct ChargeRule {
  ChargeKind kind = ChargeKind::EuStatutory;
  int32_t reference_rate_bp = 0;   // EU: ECB main refinancing rate; UK: BoE base rate.
  int32_t contract_rate_bp = 0;    // Contract: the annual rate.
  int64_t contract_fee_minor = 0;  // Contract: the fixed fee per late invoice.
};

// The annual rate the rule charges: reference + 8 points, or the contract's rate.
int32_t charge_rate_bp(const ChargeRule& rule);
// "EU statutory", "UK statutory", "Contract".
const char* charge_kind_name(ChargeKind kind);

// The UK fixed sum (s.5A) for a debt, in minor units of GBP with `minor_digits`:
// 40 below 1,000.00, 70 from 1,000.00 to 9,999.99, 100 from 10,000.00.
int64_t uk_fixed_sum_minor(int64_t debt_minor, int minor_digits);
// The EU fixed sum, EUR 40, in minor units.
int64_t eu_fixed_sum_minor(int minor_digits);

// Why the rule's fixed sum cannot be charged in a book of `currency`, in plain words; "" when
// it can (EU in EUR, UK in GBP, any contract fee).
std::string fixed_sum_refusal(const ChargeRule& rule, std::string_view currency);

// Simple interest on `minor_days` (the sum over the late days of the amount open that day)
// at `rate_bp` a year, actual/365, rounded half up to the minor unit. -1 when the result
// would exceed kChargeMinorMax. `minor_days` and `rate_bp` are >= 0.
int64_t interest_on_minor_days(__int128 minor_days, int32_t rate_bp);
// The same for one amount over `days` days: 500000 over 30 days at 1325 -> 5445 (54.45).
int64_t simple_interest_minor(int64_t amount_minor, int32_t days, int32_t rate_bp);

struct InvoiceCharge {
  Index invoice = kNone;
  int32_t days_late = 0;       // as_of - due, > 0.
  int64_t open_minor = 0;      // As of.
  int64_t debt_minor = 0;      // Open at the end of the due date: the UK fixed sum's basis.
  __int128 minor_days = 0;     // Sum over the late days of the amount open that day.
  int64_t interest_minor = 0;
  int64_t fixed_minor = 0;     // 0 when the fixed sum is refused (fixed_refusal).
};

struct CustomerCharges {
  Index customer = kNone;
  uint32_t first = 0, count = 0;  // Its invoices in LateCharges::invoices.
  int64_t open_minor = 0, interest_minor = 0, fixed_minor = 0;
};

struct LateCharges {
  Date as_of;
  ChargeRule rule;
  int32_t rate_bp = 0;
  std::string fixed_refusal;              // Why no fixed sum ("" when charged).
  std::vector<InvoiceCharge> invoices;    // Overdue open invoices, by customer, then date.
  std::vector<CustomerCharges> customers; // Those with at least one, in book order.
  int64_t open_minor = 0, interest_minor = 0, fixed_minor = 0;
  // A charge, or a customer's or the overall sum of interest or fixed charges, beyond
  // kChargeMinorMax: the invoice where it first happened, else kNone. The figures (held at
  // kChargeMinorMax + 1, never wrapped) are then not to be shown.
  Index too_large = kNone;
};

// Needs a built index. `only_customer` kNone: every customer. Linear in the book.
// `charged_through`: charges were booked through that day (charges_booked_through): interest
// counts only the days after it, and the fixed sum only invoices that became late after it.
// Booked charges (kInvoiceCharge) bear none.
LateCharges late_charges(const Book& book, Date as_of, const ChargeRule& rule,
                         Index only_customer = kNone, Date charged_through = kNoDate);

// ---- Booking the charges as documents -----------------------------------------------------
// When the user decides to charge them, each customer's charges become two invoices of its
// own, dated and due on the day: "FEE-<customer>-<yyyymmdd>" (costs, the fixed sums) and
// "INT-<customer>-<yyyymmdd>" (interest), flagged kInvoiceChargeCosts / ...Interest. The
// ledger then applies a payment's remainder to costs, then interest, then the principal
// (book.h). A second booking charges only what accrued since the last one: interest for the
// days after it, fixed sums for invoices late since. Limitation: an invoice paid in full
// between two bookings is not in the second (late_charges lists open invoices only), so its
// interest for those days is not charged.
struct ChargeToBook {
  NewInvoice invoice;      // The document to append (core/edit.h).
  uint32_t invoices = 0;   // How many overdue invoices it is charged on.
  Date from = kNoDate;     // Interest counted from this day (none: each one's due + 1).
};
// The last day charges were booked for the customer (its latest charge invoice dated on or
// before as_of), or kNoDate.
Date charges_booked_through(const Book& book, Index customer, Date as_of);
std::vector<ChargeToBook> charges_to_book(const Book& book, Date as_of, const ChargeRule& rule,
                                          Index only_customer = kNone);

// A payment smaller than what is owed goes to the costs first, then to the interest, then to
// the principal (BGB 367(1)); what is left over is the remainder. All amounts >= 0.
struct PaymentParts {
  int64_t costs = 0, interest = 0, principal = 0, remainder = 0;
};
PaymentParts allocate_payment(int64_t costs_minor, int64_t interest_minor,
                              int64_t principal_minor, int64_t amount_minor);

}  // namespace arlab
