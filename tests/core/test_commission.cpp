// test_commission.cpp: commission tied to cash collected (core/commission.h, the plan reader
// and writer io/commission_plan.h, docs/COMMISSION.md). Every expected amount is worked out by
// hand in the comments (amounts in cents: 5000.00 = 500000).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "book_builder.h"
#include "core/commission.h"
#include "core/generate.h"
#include "core/metrics.h"
#include "io/commission_plan.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

void build(BookBuilder& b) {
  std::vector<Problem> problems;
  bool ok = b.build(&problems);
  for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
  REQUIRE(ok);
}

CommissionPlan plan_of(CommissionBasis basis, int32_t rate_ppm) {
  CommissionPlan p;
  p.name = "test";
  p.basis = basis;
  p.rate_ppm = rate_ppm;
  return p;
}

void require_valid(const CommissionPlan& plan) {
  std::vector<Problem> problems;
  bool ok = validate_commission_plan(plan, &problems);
  for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
  REQUIRE(ok);
}

CommissionStatement run(const Book& book, const CommissionPlan& plan, const char* from,
                        const char* to, const CommissionOptions& options = {}) {
  require_valid(plan);
  return compute_commission(book, plan, D(from), D(to), options);
}

const CommissionRow& row_of(const CommissionStatement& s, Index sp) {
  for (const CommissionRow& r : s.rows) {
    if (r.salesperson == sp) return r;
  }
  FAIL("no row for the salesperson");
  return s.rows.front();
}

std::vector<CommissionLine> lines_of(const CommissionStatement& s, CommissionRule rule) {
  std::vector<CommissionLine> out;
  for (const CommissionLine& l : s.lines) {
    if (l.rule == rule) out.push_back(l);
  }
  return out;
}

int64_t amount_of(const CommissionStatement& s, CommissionRule rule) {
  int64_t sum = 0;
  for (const CommissionLine& l : lines_of(s, rule)) sum += l.amount_minor;
  return sum;
}

const CommissionPeriodRow& period_of(const CommissionStatement& s, Index sp, const char* label) {
  const CommissionRow& r = row_of(s, sp);
  for (uint32_t k = 0; k < r.period_count; ++k) {
    const CommissionPeriodRow& p = s.period_rows[r.period_first + k];
    if (commission_period_label(s.plan.period, p.period_key) == label) return p;
  }
  FAIL("no period " << label);
  return s.period_rows.front();
}

// One salesperson S1 with customer C1 (30-day terms).
struct OneSeller {
  BookBuilder b;
  Index s1, c1;
  OneSeller() {
    s1 = b.salesperson("S1");
    c1 = b.customer("C1", 30, s1);
  }
};

}  // namespace

TEST_SUITE("commission") {

TEST_CASE("percentages parse exactly to ppm; amounts need their decimals") {
  int32_t ppm = 0;
  std::string why;
  CHECK(parse_ppm("5%", kPpmOne, &ppm, &why));
  CHECK(ppm == 50000);
  CHECK(parse_ppm("2.25%", kPpmOne, &ppm, &why));
  CHECK(ppm == 22500);
  CHECK(parse_ppm("33.3333%", kPpmOne, &ppm, &why));
  CHECK(ppm == 333333);
  CHECK(parse_ppm("0.05", kPpmOne, &ppm, &why));
  CHECK(ppm == 50000);
  CHECK(parse_ppm("0", kPpmOne, &ppm, &why));
  CHECK(ppm == 0);
  CHECK_FALSE(parse_ppm("80", kPpmOne, &ppm, &why));  // 80% or 8000%? Refused.
  CHECK(why == "\"80\" is not a percentage: write \"80%\" (or a fraction with a decimal point, "
               "such as \"0.8\" for 80%)");
  CHECK_FALSE(parse_ppm("101%", kPpmOne, &ppm, &why));
  CHECK(why == "\"101%\" is more than 100%");
  CHECK_FALSE(parse_ppm("-1%", kPpmOne, &ppm, &why));
  CHECK_FALSE(parse_ppm("1.00001%", kPpmOne, &ppm, &why));  // 5 decimals of a percent.
  CHECK(format_ppm_percent(50000) == "5%");
  CHECK(format_ppm_percent(25000) == "2.5%");
  CHECK(format_ppm_percent(333333) == "33.3333%");
  CHECK(format_ppm_percent(1000000) == "100%");
}

TEST_CASE("periods: keys, bounds and labels") {
  CommissionPeriodKind q = CommissionPeriodKind::Quarter;
  int32_t key = commission_period_key(q, D("2025-05-17"));
  CHECK(commission_period_label(q, key) == "2025-Q2");
  CHECK(commission_period_start(q, key) == D("2025-04-01"));
  CHECK(commission_period_end(q, key) == D("2025-06-30"));
  int32_t m = commission_period_key(CommissionPeriodKind::Month, D("2024-02-10"));
  CHECK(commission_period_end(CommissionPeriodKind::Month, m) == D("2024-02-29"));
  CHECK(commission_period_label(CommissionPeriodKind::Year, 2025) == "2025");
}

// Issue 5: an order of 10,000 at 10%, half paid on booking, the rest released as two 5,000
// invoices are collected: 500 at booking (250 + 250), then 250 + 250.
TEST_CASE("split: holdback released on collection (issue 5)") {
  OneSeller t;
  Index a = t.b.invoice("INV-1", t.c1, D("2025-01-10"), 500000);
  Index b = t.b.invoice("INV-2", t.c1, D("2025-01-10"), 500000);
  t.b.payment("P-1", t.c1, D("2025-02-05"), 500000, {{a, 500000}});
  t.b.payment("P-2", t.c1, D("2025-03-05"), 500000, {{b, 500000}});
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Split, 100000);  // 10%
  plan.on_invoice_ppm = 500000;                                    // 50% on booking
  CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-04-30");
  // Advance: 50% x 10% x 5,000.00 = 250.00 per invoice, in January.
  std::vector<CommissionLine> adv = lines_of(s, CommissionRule::Advance);
  REQUIRE(adv.size() == 2);
  CHECK(adv[0].amount_minor == 25000);
  CHECK(adv[1].amount_minor == 25000);
  // Release: (100% - 50%) x 10% x 5,000.00 = 250.00 at each collection.
  std::vector<CommissionLine> rel = lines_of(s, CommissionRule::Release);
  REQUIRE(rel.size() == 2);
  CHECK(rel[0].date == D("2025-02-05"));
  CHECK(rel[0].amount_minor == 25000);
  CHECK(rel[1].date == D("2025-03-05"));
  CHECK(rel[1].amount_minor == 25000);
  CHECK(period_of(s, t.s1, "2025-01").figures.net_minor == 50000);
  CHECK(period_of(s, t.s1, "2025-02").figures.net_minor == 25000);
  CHECK(period_of(s, t.s1, "2025-03").figures.net_minor == 25000);
  // Never more than earned: 500 + 250 + 250 = 1,000.00 = 10% of 10,000.00; payable a month
  // later: Feb 500, Mar 250, Apr 250.
  const CommissionRow& row = row_of(s, t.s1);
  CHECK(row.total.earned_minor == 100000);
  CHECK(period_of(s, t.s1, "2025-02").figures.payable_minor == 50000);
  CHECK(period_of(s, t.s1, "2025-04").figures.payable_minor == 25000);
  CHECK(row.total.payable_minor == 100000);
}

TEST_CASE("an invoice settled half by credit note and half by cash earns only on the cash") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-10"), 100000);
  t.b.credit_note("CN-1", t.c1, D("2025-01-20"), 50000, {{i, 50000}});
  t.b.payment("P-1", t.c1, D("2025-02-01"), 50000, {{i, 50000}});
  build(t.b);
  SUBCASE("collected: the credit note earns nothing, the cash 10% x 500.00 = 50.00") {
    CommissionStatement s = run(t.b.book, plan_of(CommissionBasis::Collected, 100000),
                                "2025-01-01", "2025-02-28");
    std::vector<CommissionLine> cn = lines_of(s, CommissionRule::CreditNote);
    REQUIRE(cn.size() == 1);
    CHECK(cn[0].amount_minor == 0);
    CHECK(commission_line_note(t.b.book, s, cn[0]) == "credit notes earn nothing");
    CHECK(amount_of(s, CommissionRule::Collection) == 5000);
    CHECK(row_of(s, t.s1).total.net_minor == 5000);
  }
  SUBCASE("invoiced: 100.00 at booking, the credit note claws back 100 x 500/1000 = 50") {
    CommissionStatement s = run(t.b.book, plan_of(CommissionBasis::Invoiced, 100000),
                                "2025-01-01", "2025-02-28");
    CHECK(amount_of(s, CommissionRule::Booking) == 10000);
    std::vector<CommissionLine> cn = lines_of(s, CommissionRule::CreditNote);
    REQUIRE(cn.size() == 1);
    CHECK(cn[0].paid_minor == 10000);
    CHECK(cn[0].base_minor == 50000);
    CHECK(cn[0].of_minor == 100000);
    CHECK(cn[0].amount_minor == -5000);
    CHECK(row_of(s, t.s1).total.net_minor == 5000);
    CHECK(row_of(s, t.s1).total.clawed_back_minor == 5000);
  }
}

// Paid 1,000.00 (commission 100.00 in January); then the goods come back: a credit note of
// 1,000.00 after the invoice was paid is unapplied credit, refunded in full naming P-1.
TEST_CASE("a full refund nets the commission to zero") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-10"), 100000);
  Index p = t.b.payment("P-1", t.c1, D("2025-01-20"), 100000, {{i, 100000}});
  t.b.credit_note("CN-1", t.c1, D("2025-02-10"), 100000);
  SUBCASE("collected, the refund names the payment") {
    t.b.refund("R-1", t.c1, D("2025-02-15"), 100000, p);
    build(t.b);
    CommissionStatement s = run(t.b.book, plan_of(CommissionBasis::Collected, 100000),
                                "2025-01-01", "2025-02-28");
    std::vector<CommissionLine> r = lines_of(s, CommissionRule::Refund);
    REQUIRE(r.size() == 1);  // 100.00 x 1,000.00 / 1,000.00 refunded of the cash.
    CHECK(r[0].amount_minor == -10000);
    CHECK(period_of(s, t.s1, "2025-01").figures.net_minor == 10000);
    CHECK(period_of(s, t.s1, "2025-02").figures.net_minor == -10000);
    CHECK(row_of(s, t.s1).total.net_minor == 0);
  }
  SUBCASE("invoiced, the refund names no payment: the latest payment, its booking share") {
    t.b.refund("R-1", t.c1, D("2025-02-15"), 100000);
    build(t.b);
    CommissionStatement s = run(t.b.book, plan_of(CommissionBasis::Invoiced, 100000),
                                "2025-01-01", "2025-02-28");
    // Booking 100.00; the credit note took nothing from INV-1 (already paid): no clawback;
    // the refund pays back all the cash INV-1 brought: 100.00 x 1,000 / 1,000.
    CHECK(amount_of(s, CommissionRule::CreditNote) == 0);
    CHECK(amount_of(s, CommissionRule::Refund) == -10000);
    CHECK(row_of(s, t.s1).total.net_minor == 0);
  }
}

TEST_CASE("refunding an overpayment reverses nothing: that cash earned nothing") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-10"), 100000);
  Index p = t.b.payment("P-1", t.c1, D("2025-01-20"), 120000, {{i, 100000}});  // 200.00 over.
  t.b.refund("R-1", t.c1, D("2025-01-25"), 20000, p);
  build(t.b);
  CommissionStatement s = run(t.b.book, plan_of(CommissionBasis::Collected, 100000),
                              "2025-01-01", "2025-01-31");
  std::vector<CommissionLine> r = lines_of(s, CommissionRule::Refund);
  REQUIRE(r.size() == 1);
  CHECK(r[0].invoice == kNone);
  CHECK(r[0].base_minor == 20000);
  CHECK(r[0].amount_minor == 0);
  CHECK(row_of(s, t.s1).total.net_minor == 10000);  // 10% x 1,000.00 applied.
}

TEST_CASE("a partial write-off claws back its fraction; the penalty deducts bad debt") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-10"), 100000);
  t.b.write_off("W-1", i, D("2025-03-15"), 25000);
  t.b.payment("P-1", t.c1, D("2025-03-20"), 75000, {{i, 75000}});
  build(t.b);
  SUBCASE("invoiced: 100.00 booked; write-off of 250/1000 claws back 25.00 in March") {
    CommissionStatement s = run(t.b.book, plan_of(CommissionBasis::Invoiced, 100000),
                                "2025-01-01", "2025-03-31");
    std::vector<CommissionLine> w = lines_of(s, CommissionRule::WriteOff);
    REQUIRE(w.size() == 1);
    CHECK(w[0].period_key == commission_period_key(CommissionPeriodKind::Month, D("2025-03-01")));
    CHECK(w[0].amount_minor == -2500);
    CHECK(period_of(s, t.s1, "2025-03").figures.clawed_back_minor == 2500);
    CHECK(row_of(s, t.s1).total.net_minor == 7500);  // = 10% of the 750.00 collected.
  }
  SUBCASE("collected, bad_debt_rate 10%: nothing was paid ahead; penalty 10% x 250 = 25") {
    CommissionPlan plan = plan_of(CommissionBasis::Collected, 100000);
    plan.penalties.bad_debt_rate_ppm = 100000;
    CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-03-31");
    CHECK(amount_of(s, CommissionRule::WriteOff) == 0);
    CHECK(amount_of(s, CommissionRule::BadDebtPenalty) == -2500);
    CHECK(amount_of(s, CommissionRule::Collection) == 7500);  // 10% x 750.00
    const CommissionFigures& f = row_of(s, t.s1).total;
    CHECK(f.penalties_minor == 2500);
    CHECK(f.net_minor == 5000);  // 75.00 - 25.00
  }
}

// January: credit sales 10,000.00 (INV-1); cash collected 7,999.00 or 8,000.00.
TEST_CASE("the 80% collection-rate gate at 79.99% and at 80.00%") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-05"), 1000000);
  CommissionPlan plan = plan_of(CommissionBasis::Collected, 100000);
  plan.gates.collection_rate_min_ppm = 800000;
  SUBCASE("79.99%: void, 799.90 shown but not paid") {
    t.b.payment("P-1", t.c1, D("2025-01-25"), 799900, {{i, 799900}});
    build(t.b);
    CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-01-31");
    const CommissionPeriodRow& jan = period_of(s, t.s1, "2025-01");
    CHECK_FALSE(jan.passed);
    CHECK(jan.gates[1].value == 799900);  // ppm: 7,999 / 10,000 = 0.7999
    std::vector<CommissionLine> c = lines_of(s, CommissionRule::Collection);
    REQUIRE(c.size() == 1);
    CHECK(c[0].computed_minor == 79990);
    CHECK(c[0].amount_minor == 0);
    CHECK(commission_line_note(t.b.book, s, c[0]) == "void: collection rate 79.99% < 80%");
    CHECK(jan.figures.voided_minor == 79990);
    CHECK(jan.figures.net_minor == 0);
  }
  SUBCASE("80.00%: passes, 800.00 paid") {
    t.b.payment("P-1", t.c1, D("2025-01-25"), 800000, {{i, 800000}});
    build(t.b);
    CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-01-31");
    const CommissionPeriodRow& jan = period_of(s, t.s1, "2025-01");
    CHECK(jan.passed);
    CHECK(commission_gate_text(jan.gates[1], 2) == "collection rate 80.00% >= 80%");
    CHECK(amount_of(s, CommissionRule::Collection) == 80000);
  }
}

// Four invoices of 1,000.00 dated 2025-01-01, due 2025-01-31, each paid alone: 30, 31, 90 and
// 91 days late. Factors: 100% up to 30 days, 50% above 30, 0% above 90.
TEST_CASE("late-payment factors at their exact day edges: 30 / 31 / 90 / 91 days late") {
  OneSeller t;
  const char* dates[] = {"2025-03-02", "2025-03-03", "2025-05-01", "2025-05-02"};
  for (int k = 0; k < 4; ++k) {
    std::string id = "INV-" + std::to_string(k + 1);
    Index i = t.b.invoice(id, t.c1, D("2025-01-01"), 100000);
    t.b.payment("P-" + std::to_string(k + 1), t.c1, D(dates[k]), 100000, {{i, 100000}});
  }
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Collected, 100000);
  plan.late_factors = {{30, 500000}, {90, 0}};
  CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-05-31");
  std::vector<CommissionLine> c = lines_of(s, CommissionRule::Collection);
  REQUIRE(c.size() == 4);
  CHECK(c[0].days_late == 30);
  CHECK(c[0].factor_ppm == 1000000);
  CHECK(c[0].amount_minor == 10000);
  CHECK(c[1].days_late == 31);
  CHECK(c[1].factor_ppm == 500000);
  CHECK(c[1].amount_minor == 5000);
  CHECK(commission_line_note(t.b.book, s, c[1]) == "31 days late: factor 50%");
  CHECK(c[2].days_late == 90);
  CHECK(c[2].amount_minor == 5000);
  CHECK(c[3].days_late == 91);
  CHECK(c[3].factor_ppm == 0);
  CHECK(c[3].amount_minor == 0);
}

// Tiers 3% from 0, 5% from 1,000.00, on the month's cumulative collected base.
TEST_CASE("tiers: a payment crossing a boundary is split at it; the base resets each period") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-05"), 300000);
  t.b.payment("P-1", t.c1, D("2025-01-10"), 80000, {{i, 80000}});
  t.b.payment("P-2", t.c1, D("2025-01-20"), 100000, {{i, 100000}});
  t.b.payment("P-3", t.c1, D("2025-02-10"), 50000, {{i, 50000}});
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Collected, -1);
  plan.tiers = {{0, 30000}, {100000, 50000}};
  CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-02-28");
  std::vector<CommissionLine> c = lines_of(s, CommissionRule::Collection);
  REQUIRE(c.size() == 4);
  CHECK(c[0].amount_minor == 2400);  // 800.00 x 3%
  CHECK(c[1].base_minor == 20000);   // P-2: 200.00 up to the 1,000.00 boundary at 3% = 6.00
  CHECK(c[1].amount_minor == 600);
  CHECK(c[2].base_minor == 80000);   // 800.00 above it at 5% = 40.00
  CHECK(c[2].amount_minor == 4000);
  CHECK((c[2].flags & kLineTierSplit) != 0);
  CHECK(c[3].amount_minor == 1500);  // February starts again at 3%: 500.00 x 3% = 15.00
  CHECK(period_of(s, t.s1, "2025-01").figures.earned_minor == 7000);
}

TEST_CASE("grades: the customer's grade picks the rate; others use rate") {
  BookBuilder b;
  Index s1 = b.salesperson("S1");
  const char* grades[] = {"A", "B", "Z", ""};
  for (int k = 0; k < 4; ++k) {
    Index c = b.customer("C" + std::to_string(k), 30, s1);
    b.book.customers[c].grade = grades[k];
    b.invoice("INV-" + std::to_string(k), c, D("2025-01-10"), 100000);
  }
  build(b);
  CommissionPlan plan = plan_of(CommissionBasis::Invoiced, 20000);  // 2% fallback
  plan.grades = {{"A", 60000}, {"B", 40000}};
  CommissionStatement s = run(b.book, plan, "2025-01-01", "2025-01-31");
  std::vector<CommissionLine> bk = lines_of(s, CommissionRule::Booking);
  REQUIRE(bk.size() == 4);
  CHECK(bk[0].amount_minor == 6000);  // A: 6% x 1,000.00
  CHECK(bk[1].amount_minor == 4000);  // B: 4%
  CHECK(bk[2].amount_minor == 2000);  // Z (not in the plan): 2%
  CHECK(bk[3].amount_minor == 2000);  // no grade: 2%
  CHECK(commission_line_note(b.book, s, bk[0]) == "grade A");
}

TEST_CASE("payout lag: cash in March is payable in April") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-02-10"), 100000);
  t.b.payment("P-1", t.c1, D("2025-03-15"), 100000, {{i, 100000}});
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Collected, 100000);
  CommissionStatement s = run(t.b.book, plan, "2025-03-01", "2025-04-30");
  CHECK(period_of(s, t.s1, "2025-03").figures.net_minor == 10000);
  CHECK(period_of(s, t.s1, "2025-03").figures.payable_minor == 0);
  CHECK(period_of(s, t.s1, "2025-04").figures.payable_minor == 10000);
  // Ending in March, the 100.00 falls due after the statement.
  CommissionStatement march = run(t.b.book, plan, "2025-03-01", "2025-03-31");
  CHECK(row_of(march, t.s1).total.payable_minor == 0);
  CHECK(row_of(march, t.s1).total.due_after_minor == 10000);
}

// Invoiced 10%, bad_debt_rate 10%. Jan: INV-1 1,000.00 -> +100.00. Feb: INV-1 written off ->
// clawback -100.00 and penalty -100.00: net -200.00, carried. Mar: INV-2 1,500.00 -> +150.00:
// 150 - 200 = -50, still carried. Apr: INV-3 1,000.00 -> +100.00: 100 - 50 = 50 payable in May.
TEST_CASE("a negative net is carried forward and deducted from later payouts") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-10"), 100000);
  t.b.write_off("W-1", i, D("2025-02-10"), 100000);
  t.b.invoice("INV-2", t.c1, D("2025-03-10"), 150000);
  t.b.invoice("INV-3", t.c1, D("2025-04-10"), 100000);
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Invoiced, 100000);
  plan.penalties.bad_debt_rate_ppm = 100000;
  CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-05-31");
  CHECK(period_of(s, t.s1, "2025-02").figures.net_minor == -20000);
  CHECK(period_of(s, t.s1, "2025-02").figures.payable_minor == 10000);  // January's net.
  CHECK(period_of(s, t.s1, "2025-02").figures.carried_debit_minor == 20000);
  CHECK(period_of(s, t.s1, "2025-03").figures.payable_minor == 0);
  CHECK(period_of(s, t.s1, "2025-03").figures.carried_debit_minor == 5000);
  CHECK(period_of(s, t.s1, "2025-04").figures.payable_minor == 0);
  CHECK(period_of(s, t.s1, "2025-04").figures.carried_debit_minor == 0);
  CHECK(period_of(s, t.s1, "2025-05").figures.payable_minor == 5000);
  CHECK(row_of(s, t.s1).total.payable_minor == 15000);  // 100 + 50: never negative.
}

// Invoiced 10%, lag 1, window 12 months: booked in March 2025 (100.00), paid out 2025-04-01;
// a clawback may come up to 2026-04-01 inclusive.
TEST_CASE("clawback window edge: 12 months after payout") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-03-10"), 100000);
  CommissionPlan plan = plan_of(CommissionBasis::Invoiced, 100000);
  plan.clawback_window_months = 12;
  SUBCASE("on the edge: clawed back (500/1000 of 100.00)") {
    t.b.write_off("W-1", i, D("2026-04-01"), 50000);
    build(t.b);
    CommissionStatement s = run(t.b.book, plan, "2026-04-01", "2026-04-30");
    std::vector<CommissionLine> w = lines_of(s, CommissionRule::WriteOff);
    REQUIRE(w.size() == 1);
    CHECK(w[0].amount_minor == -5000);
  }
  SUBCASE("a day later: shown, amount 0") {
    t.b.write_off("W-1", i, D("2026-04-02"), 50000);
    build(t.b);
    CommissionStatement s = run(t.b.book, plan, "2026-04-01", "2026-04-30");
    std::vector<CommissionLine> w = lines_of(s, CommissionRule::WriteOff);
    REQUIRE(w.size() == 1);
    CHECK(w[0].computed_minor == -5000);
    CHECK(w[0].amount_minor == 0);
    CHECK(commission_line_note(t.b.book, s, w[0]) == "outside the 12-month clawback window");
    CHECK(row_of(s, t.s1).total.waived_minor == 5000);
    CHECK(row_of(s, t.s1).total.clawed_back_minor == 0);
  }
}

TEST_CASE("per-invoice hold on a disputed invoice, released on settlement") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-10"), 100000);
  t.b.book.invoices[i].flags |= kInvoiceDisputed;
  CommissionPlan plan;
  SUBCASE("collected: 40.00 held in January, released with the settling payment") {
    t.b.payment("P-1", t.c1, D("2025-01-20"), 40000, {{i, 40000}});
    t.b.payment("P-2", t.c1, D("2025-02-20"), 60000, {{i, 60000}});
    build(t.b);
    plan = plan_of(CommissionBasis::Collected, 100000);
    plan.holds.disputed_invoices = true;
    CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-02-28");
    std::vector<CommissionLine> c = lines_of(s, CommissionRule::Collection);
    REQUIRE(c.size() == 2);
    CHECK((c[0].flags & kLineHeld) != 0);  // 10% x 400.00 = 40.00, held.
    CHECK(c[0].amount_minor == 0);
    CHECK(commission_line_note(t.b.book, s, c[0]) == "held: invoice disputed");
    CHECK(c[1].amount_minor == 6000);  // The settling payment is not held.
    CHECK(amount_of(s, CommissionRule::HoldReleased) == 4000);
    CHECK(period_of(s, t.s1, "2025-01").figures.net_minor == 0);
    CHECK(period_of(s, t.s1, "2025-01").figures.held_back_minor == 4000);
    CHECK(period_of(s, t.s1, "2025-02").figures.net_minor == 10000);
    CHECK(period_of(s, t.s1, "2025-02").figures.released_minor == 4000);
  }
  SUBCASE("invoiced: booking held; the written-off part is forfeited, the rest released") {
    t.b.write_off("W-1", i, D("2025-02-10"), 40000);
    t.b.payment("P-1", t.c1, D("2025-03-10"), 60000, {{i, 60000}});
    build(t.b);
    plan = plan_of(CommissionBasis::Invoiced, 100000);
    plan.holds.disputed_invoices = true;
    CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-03-31");
    // 100.00 held at booking; W-1 forfeits 100 x 400/1000 = 40.00; P-1 settles: 60.00 out.
    CHECK(amount_of(s, CommissionRule::Booking) == 0);
    std::vector<CommissionLine> f = lines_of(s, CommissionRule::HoldForfeited);
    REQUIRE(f.size() == 1);
    CHECK(f[0].computed_minor == -4000);
    CHECK(f[0].amount_minor == 0);
    CHECK(amount_of(s, CommissionRule::HoldReleased) == 6000);
    CHECK(row_of(s, t.s1).total.forfeited_minor == 4000);
    CHECK(row_of(s, t.s1).total.net_minor == 6000);
  }
  SUBCASE("not held when the plan does not hold disputed invoices") {
    t.b.payment("P-1", t.c1, D("2025-01-20"), 40000, {{i, 40000}});
    build(t.b);
    CommissionStatement s = run(t.b.book, plan_of(CommissionBasis::Collected, 100000),
                                "2025-01-01", "2025-01-31");
    CHECK(amount_of(s, CommissionRule::Collection) == 4000);
  }
}

TEST_CASE("early bonus: paid 10 or more days before due") {
  OneSeller t;  // Invoices dated 2025-01-01 are due 2025-01-31.
  Index a = t.b.invoice("INV-1", t.c1, D("2025-01-01"), 100000);
  Index b = t.b.invoice("INV-2", t.c1, D("2025-01-01"), 100000);
  t.b.payment("P-1", t.c1, D("2025-01-21"), 100000, {{a, 100000}});  // 10 days before
  t.b.payment("P-2", t.c1, D("2025-01-22"), 100000, {{b, 100000}});  // 9 days before
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Collected, 100000);
  plan.early_bonus = {10, 10000};  // 1%
  CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-01-31");
  std::vector<CommissionLine> e = lines_of(s, CommissionRule::EarlyBonus);
  REQUIRE(e.size() == 1);
  CHECK(e[0].invoice == a);
  CHECK(e[0].amount_minor == 1000);  // 1% x 1,000.00
  CHECK(row_of(s, t.s1).total.net_minor == 21000);  // 100 + 100 + 10
}

// Collected 10%, period hold 10% released 3 periods later. January: 100.00 earned, 10.00 held
// (net 90.00); April: 10.00 released.
TEST_CASE("period percentage held back and released later") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-05"), 100000);
  t.b.payment("P-1", t.c1, D("2025-01-20"), 100000, {{i, 100000}});
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Collected, 100000);
  plan.holds.period_percent_ppm = 100000;
  plan.holds.release_after_periods = 3;
  CommissionStatement s = run(t.b.book, plan, "2025-01-01", "2025-04-30");
  CHECK(period_of(s, t.s1, "2025-01").figures.held_back_minor == 1000);
  CHECK(period_of(s, t.s1, "2025-01").figures.net_minor == 9000);
  CHECK(period_of(s, t.s1, "2025-03").figures.released_minor == 0);
  CHECK(period_of(s, t.s1, "2025-04").figures.released_minor == 1000);
  std::vector<CommissionLine> r = lines_of(s, CommissionRule::PeriodRelease);
  REQUIRE(r.size() == 1);
  CHECK(commission_line_note(t.b.book, s, r[0]) == "held back in 2025-01");
}

// February 2025 (28 days): INV-1 1,000.00 (2025-01-01, due 01-31) and INV-2 3,000.00
// (2025-02-10, due 03-12) both open at 02-28. Sales 3,000.00; AR 4,000.00, overdue 1,000.00.
// DSO = 4,000 x 28 / 3,000 = 37.333 days (3734 centidays, rounded up); overdue ratio 25%.
TEST_CASE("DSO, overdue-ratio and sales-target gates; overdue warnings") {
  OneSeller t;
  t.b.invoice("INV-1", t.c1, D("2025-01-01"), 100000);
  t.b.invoice("INV-2", t.c1, D("2025-02-10"), 300000);
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Invoiced, 100000);
  SUBCASE("DSO 37.33 fails, 37.34 passes") {
    plan.gates.dso_max_centidays = 3733;
    CommissionStatement s = run(t.b.book, plan, "2025-02-01", "2025-02-28");
    const CommissionPeriodRow& feb = period_of(s, t.s1, "2025-02");
    CHECK(feb.gates[2].value == 3734);
    CHECK_FALSE(feb.passed);
    CHECK(commission_gate_text(feb.gates[2], 2) == "DSO 37.34 days > 37.33");
    plan.gates.dso_max_centidays = 3734;
    CHECK(period_of(run(t.b.book, plan, "2025-02-01", "2025-02-28"), t.s1, "2025-02").passed);
  }
  SUBCASE("overdue ratio 25% passes at 25%, fails at 24.99%") {
    plan.gates.overdue_ratio_max_ppm = 250000;
    CHECK(period_of(run(t.b.book, plan, "2025-02-01", "2025-02-28"), t.s1, "2025-02").passed);
    plan.gates.overdue_ratio_max_ppm = 249900;
    CommissionStatement s = run(t.b.book, plan, "2025-02-01", "2025-02-28");
    const CommissionPeriodRow& feb = period_of(s, t.s1, "2025-02");
    CHECK_FALSE(feb.passed);
    CHECK(feb.figures.voided_minor == 30000);  // INV-2's booking, 10% x 3,000.00
  }
  SUBCASE("sales target: 3,000.00 in February passes at 3,000.00, fails at 3,000.01") {
    plan.gates.sales_target_minor = 300000;
    CHECK(period_of(run(t.b.book, plan, "2025-02-01", "2025-02-28"), t.s1, "2025-02").passed);
    plan.gates.sales_targets = {{"S1", 300001}};
    CommissionStatement s = run(t.b.book, plan, "2025-02-01", "2025-02-28");
    std::vector<CommissionLine> bk = lines_of(s, CommissionRule::Booking);
    REQUIRE(bk.size() == 1);
    CHECK(commission_line_note(t.b.book, s, bk[0]) == "void: sales 3,000.00 < target 3,000.01");
  }
  SUBCASE("warning: INV-1 is 59 days past due at 03-31 (no), 89 at 04-30 (yes, > 60)") {
    plan.penalties.overdue_warning_days = 60;
    CommissionStatement s = run(t.b.book, plan, "2025-03-01", "2025-04-30");
    CHECK(period_of(s, t.s1, "2025-03").overdue_invoices == 0);
    const CommissionPeriodRow& apr = period_of(s, t.s1, "2025-04");
    CHECK(apr.overdue_invoices == 1);
    CHECK(apr.worst_days_past_due == 89);
    CHECK(row_of(s, t.s1).total.warning_periods == 1);
  }
}

TEST_CASE("customers without a salesperson: sales and collection shown, nothing earned") {
  BookBuilder b;
  b.salesperson("S1");
  Index c = b.customer("C9", 30);
  Index i = b.invoice("INV-1", c, D("2025-01-05"), 100000);
  b.payment("P-1", c, D("2025-01-20"), 100000, {{i, 100000}});
  build(b);
  CommissionStatement s = run(b.book, plan_of(CommissionBasis::Collected, 100000), "2025-01-01",
                              "2025-01-31");
  const CommissionRow& none = row_of(s, kNone);
  CHECK(none.total.sales_minor == 100000);
  CHECK(none.total.collected_minor == 100000);
  CHECK(none.total.net_minor == 0);
  CHECK(none.line_count == 0);
}

// --paid: P-1 paid 100.00 commission on INV-1 in January. Now P-1 is allocated to INV-2
// (same salesperson): the January line for INV-1 is gone ("allocation removed" -100.00) and
// one for INV-2 appears ("allocation added" +100.00), both dated 2025-02-01.
TEST_CASE("removed allocation: lines paid earlier and no longer produced are clawed back") {
  OneSeller t;
  t.b.invoice("INV-1", t.c1, D("2025-01-05"), 100000);
  Index b = t.b.invoice("INV-2", t.c1, D("2025-01-05"), 100000);
  t.b.payment("P-1", t.c1, D("2025-01-20"), 100000, {{b, 100000}});
  build(t.b);
  CommissionPaid paid;
  paid.from = D("2025-01-01");
  paid.to = D("2025-01-31");
  paid.lines.push_back({"S1", "collection", "INV-1", "P-1", D("2025-01-20"), 10000});
  CommissionOptions options;
  options.paid = &paid;
  CommissionPlan plan = plan_of(CommissionBasis::Collected, 100000);
  CommissionStatement s = run(t.b.book, plan, "2025-02-01", "2025-02-28", options);
  std::vector<CommissionLine> removed = lines_of(s, CommissionRule::AllocationRemoved);
  REQUIRE(removed.size() == 1);
  CHECK(commission_line_invoice_id(t.b.book, s, removed[0]) == "INV-1");
  CHECK(commission_line_source_id(t.b.book, s, removed[0]) == "P-1");
  CHECK(removed[0].date == D("2025-02-01"));
  CHECK(removed[0].amount_minor == -10000);
  CHECK(amount_of(s, CommissionRule::AllocationAdded) == 10000);
  CHECK(row_of(s, t.s1).total.net_minor == 0);
  CHECK(s.paid_lines_compared == 1);
  SUBCASE("without a book change, nothing") {
    paid.lines[0].invoice = "INV-2";
    CommissionStatement same = run(t.b.book, plan, "2025-02-01", "2025-02-28", options);
    CHECK(lines_of(same, CommissionRule::AllocationRemoved).empty());
    CHECK(lines_of(same, CommissionRule::AllocationAdded).empty());
    CHECK(same.paid_lines_compared == 1);
  }
  SUBCASE("a statement starting in January compares nothing: the line is not before it") {
    CommissionStatement january = run(t.b.book, plan, "2025-01-01", "2025-02-28", options);
    CHECK(january.paid_lines_compared == 0);
    CHECK(lines_of(january, CommissionRule::AllocationRemoved).empty());
  }
  SUBCASE("a rule that is not compared (a credit note's info line) is not counted") {
    paid.lines[0].rule = "credit note";
    CommissionStatement info = run(t.b.book, plan, "2025-02-01", "2025-02-28", options);
    CHECK(info.paid_lines_compared == 0);
  }
}

// S1's customer pays on time, S2's 100 days late. A: invoiced 10%. B: collected 10%, factor
// 0% after 90 days late. A pays both 100.00; B pays S1 100.00 and S2 nothing.
TEST_CASE("comparison: who gains, who loses, cost and what each plan rewards") {
  BookBuilder b;
  Index s1 = b.salesperson("S1"), s2 = b.salesperson("S2");
  Index c1 = b.customer("C1", 30, s1), c2 = b.customer("C2", 30, s2);
  Index i1 = b.invoice("INV-1", c1, D("2025-01-01"), 100000);  // due 01-31
  Index i2 = b.invoice("INV-2", c2, D("2025-01-01"), 100000);
  b.payment("P-1", c1, D("2025-01-31"), 100000, {{i1, 100000}});
  b.payment("P-2", c2, D("2025-05-11"), 100000, {{i2, 100000}});  // 100 days late
  build(b);
  CommissionPlan a = plan_of(CommissionBasis::Invoiced, 100000);
  CommissionPlan pb = plan_of(CommissionBasis::Collected, 100000);
  pb.late_factors = {{30, 500000}, {90, 0}};
  CommissionStatement sa = run(b.book, a, "2025-01-01", "2025-12-31");
  CommissionStatement sb = run(b.book, pb, "2025-01-01", "2025-12-31");
  CommissionComparison c = compare_commission(b.book, sa, sb);
  REQUIRE(c.rows.size() == 2);
  CHECK(c.rows[0].payable_a_minor == 10000);
  CHECK(c.rows[0].payable_b_minor == 10000);
  CHECK(c.rows[0].difference_minor == 0);
  CHECK(c.rows[1].payable_a_minor == 10000);
  CHECK(c.rows[1].payable_b_minor == 0);
  CHECK(c.rows[1].difference_minor == -10000);  // S2 loses 100.00 under B.
  CHECK(c.a.cost_minor == 20000);
  CHECK(c.b.cost_minor == 10000);
  // A: 100.00 per 1,000.00 collected, on time or late; B: 100.00 on time, 0 late.
  CHECK(*c.a.per_1000_on_time == doctest::Approx(100.0));
  CHECK(*c.a.per_1000_late == doctest::Approx(*c.a.per_1000_on_time));
  CHECK(*c.b.per_1000_late == 0.0);
  CHECK(*c.a.effective_rate == doctest::Approx(0.10));  // 200 / 2,000
  CHECK(*c.b.effective_rate == doctest::Approx(0.05));  // 100 / 2,000
}

TEST_CASE("quarterly plan: gates and payout by quarter") {
  OneSeller t;
  Index i = t.b.invoice("INV-1", t.c1, D("2025-01-05"), 100000);
  t.b.payment("P-1", t.c1, D("2025-03-31"), 100000, {{i, 100000}});
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Collected, 100000);
  plan.period = CommissionPeriodKind::Quarter;
  CommissionStatement s = run(t.b.book, plan, "2025-02-15", "2025-06-30");
  CHECK(s.from == D("2025-01-01"));  // Taken back to the start of its quarter.
  CHECK(period_of(s, t.s1, "2025-Q1").figures.net_minor == 10000);
  CHECK(period_of(s, t.s1, "2025-Q2").figures.payable_minor == 10000);
}

// ---- Plan reader and writer -------------------------------------------------------------

TEST_CASE("plan reader: one located error per kind of mistake") {
  struct Case {
    const char* json;
    const char* problem;  // "place: message" of the first problem.
  };
  const Case cases[] = {
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",})",
       // The stray "}" is character 65 of the line.
       "line 1, column 65: syntax error while parsing object key - unexpected '}'; expected "
       "string literal (byte 65)"},
      {R"([1])", ": not a JSON object (a commission plan is {\"format\": "
                 "\"arlab-commission-plan/1\", ...}: see docs/COMMISSION.md)"},
      {R"({"format": "arlab-commission-plan/2", "name": "x", "rate": "5%"})",
       "format: must be \"arlab-commission-plan/1\""},
      {R"({"format": "arlab-commission-plan/1", "rate": "5%"})",
       "name: is required (the name shown in statements)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%", "rates": "1%"})",
       "rates: unknown member (known here: format, name, period, basis, on_invoice, rate, "
       "tiers, grades, late_factors, early_bonus, gates, penalties, holds, payout_lag_periods, "
       "clawback_window_months)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%", "rate": "6%"})",
       "rate: is given twice (one value per member)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": 0.05})",
       "rate: must be a string such as \"5%\" or \"0.05\" (a JSON number is not exact)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "gates": {"collection_rate_min": "80"}})",
       "gates.collection_rate_min: \"80\" is not a percentage: write \"80%\" (or a fraction "
       "with a decimal point, such as \"0.8\" for 80%)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "150%"})",
       "rate: \"150%\" is more than 100%"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "gates": {"sales_target": "100.001"}})",
       "gates.sales_target: \"100.001\" is not an amount: has more than 2 decimal places "
       "(write it like \"100000.00\")"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "gates": {"sales_target": "-5.00"}})",
       "gates.sales_target: must not be negative, not \"-5.00\""},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "gates": {"colection_rate_min": "80%"}})",
       "gates.colection_rate_min: unknown member (known here: sales_target, "
       "collection_rate_min, dso_max_days, overdue_ratio_max)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x",
           "tiers": [{"from": "0", "rate": "3%"}, {"from": "0", "rate": "5%"}]})",
       "tiers[1].from: must be above the previous tier's from (tiers ascend)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x",
           "tiers": [{"from": "10.00", "rate": "3%"}]})",
       "tiers[0].from: the first tier must start at \"0\""},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "tiers": [{"from": "0", "rate": "3%"}]})",
       "tiers: give rate or tiers, not both"},
      {R"({"format": "arlab-commission-plan/1", "name": "x"})",
       "rate: the plan pays nothing: give rate, tiers or grades"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "grades": {"A": "5%"},
           "tiers": [{"from": "0", "rate": "3%"}]})",
       "grades: grades combine with rate (the rate of ungraded customers), not with tiers"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "late_factors": [{"after_days_late": 90, "factor": "0%"},
                            {"after_days_late": 30, "factor": "50%"}]})",
       "late_factors[1].after_days_late: must be above the previous entry's (90)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "late_factors": [{"after_days_late": 30, "factor": "50%"},
                            {"after_days_late": 90, "factor": "80%"}]})",
       "late_factors[1].factor: must not be above the previous entry's (50%): paying later "
       "cannot earn more"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%", "period": "week"})",
       "period: must be one of \"month\", \"quarter\", \"year\", not \"week\""},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%", "basis": "split"})",
       "on_invoice: basis \"split\" needs on_invoice, the share paid at booking, above 0% and "
       "below 100% (0% is basis \"collected\", 100% is \"invoiced\")"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%", "on_invoice": "50%"})",
       "on_invoice: is only for basis \"split\""},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "payout_lag_periods": 30})",
       "payout_lag_periods: must be a whole number of periods from 0 to 24, not 30"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "early_bonus": {"rate": "1%"}})",
       "early_bonus.days_before_due: is required"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "holds": {"invoices": ["INV-7", "INV-7"]}})",
       "holds.invoices[1]: \"INV-7\" is listed twice"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "gates": {"dso_max_days": "sixty"}})",
       "gates.dso_max_days: must be days from 0 to 3650 with at most 2 decimals, such as 60 or "
       "\"60\", not \"sixty\""},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "holds": {"disputed_invoices": "yes"}})",
       "holds.disputed_invoices: must be true or false"},
      // Hostile files (issue 9): one located problem, every value cut after 40 bytes.
      // Byte 120: the 64th '[' (56 + 64) opens level 65 (the plan's object is level 1).
      {R"({"format": "arlab-commission-plan/1", "name": "x", "x": )"
       "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
       "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
       "line 1, column 120: nesting deeper than 64 levels (byte 120)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%", "holds": 1e309})",
       "holds: number out of range: 1e309 (line 1, column 79, byte 79)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "payout_lag_periods": 100000000000000000000})",
       "payout_lag_periods: must be a whole number of periods from 0 to 24, not 1e+20"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "period": [1, 2, 3]})",
       "period: must be one of \"month\", \"quarter\", \"year\", not an array"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "period": "a period of exactly one month, starting on the first"})",
       "period: must be one of \"month\", \"quarter\", \"year\", not \"a period of exactly "
       "one month, starting ...\" (52 bytes)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
           "gates": {"sales_target": {"a salesperson id much longer than forty bytes": "-1"}}})",
       "gates.sales_target.a salesperson id much longer than forty ... (45 bytes): must not be "
       "negative, not \"-1\""},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%", "": 1})",
       "\"\": unknown member (known here: format, name, period, basis, on_invoice, rate, "
       "tiers, grades, late_factors, early_bonus, gates, penalties, holds, payout_lag_periods, "
       "clawback_window_months)"},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%)",
       "line 1, column 63: syntax error while parsing value - invalid string: missing closing "
       "quote; last read: '\"5%' (byte 63)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.json);
    CommissionPlan plan;
    std::vector<Problem> problems;
    CHECK_FALSE(read_commission_plan(c.json, 2, &plan, &problems));
    REQUIRE(!problems.empty());
    CHECK(problems[0].place + ": " + problems[0].message == c.problem);
  }
}

// A hostile plan's long lists are refused by their length; only the first 100 entries are
// compared pair by pair (20,000 equal ids were 2e8 "listed twice" problems, 100,000 took
// 22 GB) and at most 100 problems are listed.
TEST_CASE("plan reader: a list of 20,000 equal ids is one problem, not 2e8") {
  std::string json = R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%",
    "grades": {"A": "1%"}, "holds": {"invoices": [)";
  for (int i = 0; i < 20000; ++i) json += i ? ", \"INV-1\"" : "\"INV-1\"";
  json += "]}}";
  CommissionPlan plan;
  std::vector<Problem> problems;
  CHECK_FALSE(read_commission_plan(json, 2, &plan, &problems));
  // The entries' own problems are under the list's place, already reported.
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place + ": " + problems[0].message ==
        "holds.invoices: has 20000 entries; at most 100");
  std::vector<Problem> rules;  // The core's check alone: the first 100 entries' pairs.
  CHECK_FALSE(validate_commission_plan(plan, &rules));
  CHECK(rules.size() == kProblemsMax);
  CHECK(rules[1].place + ": " + rules[1].message == "holds.invoices[1]: \"INV-1\" is listed twice");
}

TEST_CASE("plan against the book: unknown salesperson and invoice ids") {
  OneSeller t;
  t.b.invoice("INV-1", t.c1, D("2025-01-05"), 100000);
  build(t.b);
  CommissionPlan plan = plan_of(CommissionBasis::Collected, 50000);
  plan.gates.sales_targets = {{"S9", 100}};
  plan.holds.invoices = {"INV-1", "INV-9"};
  std::vector<Problem> problems;
  CHECK_FALSE(check_commission_plan_for_book(plan, t.b.book, &problems));
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].place == "gates.sales_target.S9");
  CHECK(problems[0].message == "no salesperson \"S9\" in the book");
  CHECK(problems[1].place == "holds.invoices[1]");
  CHECK(problems[1].message == "no invoice \"INV-9\" in the book");
}

TEST_CASE("plan writer: canonical and round-trips") {
  const char* text = R"({"format": "arlab-commission-plan/1", "name": "Everything",
    "period": "quarter", "basis": "split", "on_invoice": "33.3333%",
    "rate": "2.25%", "grades": {"B": "4%", "A": "6%"},
    "late_factors": [{"after_days_late": 30, "factor": "50%"},
                     {"after_days_late": 90, "factor": "0%"}],
    "early_bonus": {"days_before_due": 10, "rate": "0.01"},
    "gates": {"sales_target": {"default": "100000.00", "S1": "150000.50"},
              "collection_rate_min": "80%", "dso_max_days": "60.5", "overdue_ratio_max": "25%"},
    "penalties": {"bad_debt_rate": "10%", "overdue_warning_days": 60},
    "holds": {"disputed_invoices": true, "invoices": ["INV-7"], "period_percent": "10%",
              "release_after_periods": 2},
    "payout_lag_periods": 0, "clawback_window_months": 12})";
  CommissionPlan plan;
  std::vector<Problem> problems;
  bool ok = read_commission_plan(text, 2, &plan, &problems);
  for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
  REQUIRE(ok);
  CHECK(plan.on_invoice_ppm == 333333);
  CHECK(plan.rate_ppm == 22500);
  CHECK(plan.early_bonus.rate_ppm == 10000);
  CHECK(plan.gates.dso_max_centidays == 6050);
  CHECK(plan.gates.sales_targets[0].target_minor == 15000050);
  std::string written = write_commission_plan(plan, 2);
  CHECK(written ==
        "{\n"
        "  \"format\": \"arlab-commission-plan/1\",\n"
        "  \"name\": \"Everything\",\n"
        "  \"period\": \"quarter\",\n"
        "  \"basis\": \"split\",\n"
        "  \"on_invoice\": \"33.3333%\",\n"
        "  \"rate\": \"2.25%\",\n"
        "  \"grades\": {\"A\": \"6%\", \"B\": \"4%\"},\n"
        "  \"late_factors\": [{\"after_days_late\": 30, \"factor\": \"50%\"},\n"
        "                   {\"after_days_late\": 90, \"factor\": \"0%\"}],\n"
        "  \"early_bonus\": {\"days_before_due\": 10, \"rate\": \"1%\"},\n"
        "  \"gates\": {\"sales_target\": {\"default\": \"100000.00\", \"S1\": \"150000.50\"}, "
        "\"collection_rate_min\": \"80%\", \"dso_max_days\": \"60.5\", "
        "\"overdue_ratio_max\": \"25%\"},\n"
        "  \"penalties\": {\"bad_debt_rate\": \"10%\", \"overdue_warning_days\": 60},\n"
        "  \"holds\": {\"disputed_invoices\": true, \"invoices\": [\"INV-7\"], "
        "\"period_percent\": \"10%\", \"release_after_periods\": 2},\n"
        "  \"payout_lag_periods\": 0,\n"
        "  \"clawback_window_months\": 12\n"
        "}\n");
  CommissionPlan again;
  REQUIRE(read_commission_plan(written, 2, &again, &problems));
  CHECK(write_commission_plan(again, 2) == written);
}

// ---- Statements paid earlier (read_paid_statement) ------------------------------------------

// The shape commission_json writes with lines, with members the reader passes over; S2's id
// comes after its lines.
const char* const kPaidStatement = R"({"format": "arlab-commission/1", "plan": "Cash",
  "currency": "USD", "from": "2025-01-01", "to": "2025-02-28", "total": {"earned": "500.00"},
  "salespeople": [
    {"id": "S1", "name": "Ann", "periods": [{"period": "2025-01", "gates": [{"passed": true}]}],
     "lines": [
       {"date": "2025-02-05", "period": "2025-02", "rule": "collection", "invoice": "INV-1",
        "source": "P-1", "rate": 0.1, "amount": "500.00", "status": "counted", "note": ""},
       {"date": "2025-02-20", "rule": "write_off", "invoice": "INV-2", "source": "W-1",
        "amount": "-12.50"}]},
    {"lines": [{"date": "2025-01-31", "rule": "collection", "amount": "1.00"}], "id": "S2"},
    {"id": "", "name": "", "lines": []}
  ]})";

TEST_CASE("paid statement: from, to and each salesperson's lines") {
  CommissionPaid paid;
  std::vector<Problem> problems;
  bool ok = read_paid_statement(kPaidStatement, 2, &paid, &problems);
  for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
  REQUIRE(ok);
  CHECK(paid.from == D("2025-01-01"));
  CHECK(paid.to == D("2025-02-28"));
  REQUIRE(paid.lines.size() == 3);
  const CommissionPaidLine& a = paid.lines[0];
  CHECK((a.salesperson == "S1" && a.rule == "collection" && a.invoice == "INV-1"));
  CHECK((a.source == "P-1" && a.date == D("2025-02-05") && a.amount_minor == 50000));
  CHECK((paid.lines[1].source == "W-1" && paid.lines[1].amount_minor == -1250));
  const CommissionPaidLine& c = paid.lines[2];
  CHECK((c.salesperson == "S2" && c.invoice.empty() && c.source.empty()));
  CHECK(c.amount_minor == 100);
  // In a book without minor units, "500.00" is not an amount.
  problems.clear();
  CHECK_FALSE(read_paid_statement(kPaidStatement, 0, &paid, &problems));
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].place == "salespeople[0].lines[0].amount");
  CHECK(problems[0].message == "must be an amount string in the book's currency");
  // Given the book's currency: the same USD statement reads for a USD book, not a EUR one.
  problems.clear();
  CHECK(read_paid_statement(kPaidStatement, 2, &paid, &problems, "USD"));
  CHECK_FALSE(read_paid_statement(kPaidStatement, 2, &paid, &problems, "EUR"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "currency");
  CHECK(problems[0].message ==
        "\"USD\" differs from the book's currency EUR: the statement was computed on another "
        "book");
}

TEST_CASE("paid statement: one located problem per mistake, never a crash") {
  struct Case {
    std::string json;
    std::string problem;  // "place: message" of the first problem.
  };
  const std::string head =
      R"({"format": "arlab-commission/1", "from": "2025-01-01", "to": "2025-02-28", )";
  const std::string line = R"("date": "2025-02-05", "amount": "1.00")";
  auto one_line = [&](const std::string& members) {
    return head + R"("salespeople": [{"id": "S1", "lines": [{)" + members + "}]}]}";
  };
  const std::string not_statement =
      ": not a commission statement (JSON with \"format\": \"arlab-commission/1\", from arlab "
      "commission --format json --lines)";
  const Case cases[] = {
      {"[1]", not_statement},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%"})", not_statement},
      {R"({"from": "2025-01-01", "salespeople": []})", not_statement},
      {R"({"format": "arlab-commission/1", "from": })",
       "line 1, column 42: syntax error while parsing value - unexpected '}'; expected '[', '{', "
       "or a literal (byte 42)"},
      // Byte 144: the 64th '[' of "x" (75 + 5 + 64) opens level 65.
      {head + R"("x": )" + std::string(70, '[') + std::string(70, ']') + "}",
       "line 1, column 144: nesting deeper than 64 levels (byte 144)"},
      {one_line(R"("date": "2025-02-05", "amount": 1e309)"),
       "salespeople[0].lines[0].amount: number out of range: 1e309 (line 1, column 152, byte "
       "152)"},
      {one_line(line + R"(, "rule": 5)"), "salespeople[0].lines[0].rule: must be a string"},
      {one_line(line + R"(, "invoice": ["INV-1"])"),
       "salespeople[0].lines[0].invoice: must be a string"},
      {one_line(line + R"(, "source": null)"), "salespeople[0].lines[0].source: must be a string"},
      {head + R"("salespeople": [{"id": 7, "lines": []}]})", "salespeople[0].id: must be a string"},
      {head + R"("salespeople": [{"id": "S1", "lines": {}}]})",
       "salespeople[0].lines: must be an array"},
      {head + R"("salespeople": [{"id": "S1", "lines": [5]}]})",
       "salespeople[0].lines[0]: must be an object"},
      {one_line(R"("amount": "1.00")"), "salespeople[0].lines[0].date: must be a date YYYY-MM-DD"},
      {one_line(R"("date": "2025-02-05", "amount": "1.001")"),
       "salespeople[0].lines[0].amount: must be an amount string in the book's currency"},
      {one_line(R"("date": "2025-02-05")"),
       "salespeople[0].lines[0].amount: must be an amount string in the book's currency"},
      {R"({"format": "arlab-commission/1", "from": "2025-02-30", "to": "2025-02-28",
          "salespeople": [{"lines": []}]})",
       "from: must be a date YYYY-MM-DD"},
      {R"({"format": "arlab-commission/1", "to": "2025-02-28", "salespeople": [{"lines": []}]})",
       "from: must be a date YYYY-MM-DD"},
      {head + "\"plan\": \"x\"}", "salespeople: must be an array"},
      {head + R"("salespeople": {}})", "salespeople: must be an array"},
      {head + R"("salespeople": [{"id": "S1"}]})",
       "salespeople: has no lines: write the statement with --lines"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.json);
    CommissionPaid paid;
    std::vector<Problem> problems;
    CHECK_FALSE(read_paid_statement(c.json, 2, &paid, &problems));
    REQUIRE(!problems.empty());
    CHECK(problems[0].place + ": " + problems[0].message == c.problem);
  }
}

TEST_CASE("paid statement: at most 100 problems") {
  std::string json = R"({"format": "arlab-commission/1", "from": "2025-01-01", "to": "2025-02-28",
    "salespeople": [{"id": "S1", "lines": [)";
  for (int i = 0; i < 150; ++i) json += std::string(i ? "," : "") + R"({"amount": "x"})";
  json += "]}]}";
  CommissionPaid paid;
  std::vector<Problem> problems;
  CHECK_FALSE(read_paid_statement(json, 2, &paid, &problems));
  CHECK(problems.size() == kProblemsMax);
}

TEST_CASE("warning: the worst of equal days past due is the first customer's, then by date") {
  // S1 has C1 (index 0) and C2 (index 1). X (C2) comes first in the file, Y (C1) second, Z
  // (C1) third; all dated 2025-01-01, due 01-31, never paid: 89 days past due at 04-30.
  // The warning scans C1's invoices (Y, Z: same date, file order), then C2's: Y first.
  BookBuilder b;
  Index s1 = b.salesperson("S1");
  Index c1 = b.customer("C1", 30, s1);
  Index c2 = b.customer("C2", 30, s1);
  b.invoice("X", c2, D("2025-01-01"), 10000);
  Index y = b.invoice("Y", c1, D("2025-01-01"), 10000);
  b.invoice("Z", c1, D("2025-01-01"), 10000);
  build(b);
  CommissionPlan plan = plan_of(CommissionBasis::Collected, 50000);
  plan.penalties.overdue_warning_days = 60;
  CommissionStatement s = run(b.book, plan, "2025-01-01", "2025-04-30");
  const CommissionPeriodRow& apr = period_of(s, s1, "2025-04");
  CHECK(apr.overdue_invoices == 3);
  CHECK(apr.worst_days_past_due == 89);  // 04-30 - 01-31 = 28 + 31 + 30 = 89
  CHECK(apr.worst_invoice == y);
}

TEST_CASE("gates and warnings == compute_metrics and a plain scan, per salesperson and period") {
  // Generated books (several salespeople, every kind of document); every gate and the
  // warnings on; months and quarters, `to` mid-month. Each period row's figures must be the
  // compute_metrics figures of that salesperson's customers over the row's start..end, and
  // each gate value the exact integer quotient of them (floor for the collection rate,
  // ceiling for DSO and overdue ratio, as commission.h says).
  int checked = 0;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    GenerateParams p;
    p.seed = seed;
    p.salespeople = int32_t(seed) + 1;
    p.customers = 12 + int32_t(seed) * 4;
    p.months = 9;
    p.explicit_allocations = seed % 2 == 1;
    Book book = generate_book(p);
    REQUIRE(book.index.built);
    for (CommissionPeriodKind kind : {CommissionPeriodKind::Month, CommissionPeriodKind::Quarter}) {
      CommissionPlan plan = plan_of(CommissionBasis::Collected, 50000);
      plan.period = kind;
      plan.gates.sales_target_minor = 500000;
      plan.gates.collection_rate_min_ppm = 800000;
      plan.gates.dso_max_centidays = 4500;
      plan.gates.overdue_ratio_max_ppm = 250000;
      plan.penalties.overdue_warning_days = 30;
      Date to = book_last_date(book) - 12;
      CommissionStatement s =
          compute_commission(book, plan, book_first_date(book), to, CommissionOptions{});
      REQUIRE(!s.rows.empty());
      for (const CommissionRow& row : s.rows) {
        MetricsFilter filter{MetricsFilter::Kind::Salesperson, row.salesperson};
        for (uint32_t k = 0; k < row.period_count; ++k) {
          const CommissionPeriodRow& pr = s.period_rows[row.period_first + k];
          INFO("seed " << seed << " kind " << int(kind) << " salesperson " << row.salesperson
                       << " period " << commission_period_label(kind, pr.period_key));
          Metrics m = compute_metrics(book, pr.start, pr.end, kDefaultRateBp, filter);
          CHECK(pr.figures.sales_minor == m.credit_sales_minor);
          CHECK(pr.figures.collected_minor == m.cash_collected_minor);
          ++checked;
          if (row.salesperson == kNone) continue;  // No gates there.
          using I128 = __int128;
          const I128 sales = m.credit_sales_minor, ar = m.ar_end_minor;
          CHECK(pr.gates[0].value == m.credit_sales_minor);
          CHECK(pr.gates[0].passed == (m.credit_sales_minor >= 500000));
          CHECK(pr.gates[1].defined == (sales > 0));
          CHECK(pr.gates[2].defined == (sales > 0));
          if (sales > 0) {
            CHECK(pr.gates[1].value == int64_t(I128(m.cash_collected_minor) * 1000000 / sales));
            CHECK(pr.gates[1].passed == (I128(m.cash_collected_minor) * 1000000 >= 800000 * sales));
            I128 dso = ar * m.days * 100;  // Centidays x sales.
            CHECK(pr.gates[2].value == int64_t((dso + sales - 1) / sales));
            CHECK(pr.gates[2].passed == (dso <= 4500 * sales));
          }
          CHECK(pr.gates[3].defined == (ar > 0));
          if (ar > 0) {
            I128 ratio = I128(m.overdue_end_minor) * 1000000;
            CHECK(pr.gates[3].value == int64_t((ratio + ar - 1) / ar));
            CHECK(pr.gates[3].passed == (ratio <= 250000 * ar));
          }
          // Warnings: invoices of the salesperson's customers dated on or before the end,
          // open there and more than 30 days past due; the worst is the first (customers
          // by index, their invoices by date) with the most days.
          int32_t count = 0, worst_days = 0;
          Index worst = kNone;
          for (Index c = 0; c < book.customers.size(); ++c) {
            if (book.customers[c].salesperson != row.salesperson) continue;
            for (Index i : customer_invoices(book, c)) {
              int32_t days = pr.end - book.invoices[i].due;
              if (book.invoices[i].date > pr.end || days <= 30) continue;
              if (invoice_open_minor(book, i, pr.end) <= 0) continue;
              ++count;
              if (worst == kNone || days > worst_days) worst = i, worst_days = days;
            }
          }
          CHECK(pr.overdue_invoices == count);
          CHECK(pr.worst_invoice == worst);
          CHECK(pr.worst_days_past_due == worst_days);
        }
      }
    }
  }
  CHECK(checked > 100);  // The loops above did run.
}

}  // TEST_SUITE
