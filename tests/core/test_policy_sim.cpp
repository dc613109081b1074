// test_policy_sim.cpp: the policy simulator (core/policy.h, core/policy_sim.h): a book whose
// months under each lever are written down by hand, the published figure of the annual cost
// of a discount, the same bytes whatever the split of the runs (and, through the golden hash,
// natively and in WebAssembly: this suite also runs as arlab_tests.js), and on a generated
// book the directions the issue asks for: a bigger discount costs more and lowers DSO,
// stricter holds lower bad debt and sales, a collection-tied plan raises the collection rate.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "book_builder.h"
#include "core/generate.h"
#include "core/metrics.h"
#include "core/policy_sim.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

// C1 (grade A, terms 30, salesperson S1): an invoice of 1,000.00 on the 1st of every month
// from 2024-01 to 2025-12, each paid in one payment 45 days after its due date (date + 75),
// the payments dated before 2026-01-01 only. Simulated from 2026-01-01 for 12 months:
//   History: the 22 invoices paid by 2025-12-31 (dated up to 2025-10-01): all "45 days late".
//   Open at the start: INV of 2025-11-01 (due 12-01, age 30, pays 01-15) and of 2025-12-01
//   (due 12-31, age 0, pays 02-14). Sales ahead: 2025's invoices moved to 2026, growth
//   12,000 / 12,000 = 100%. Each new invoice of month m pays on date + 75, in month m + 2.
// Cash: 1,000.00 every month (Jan: the Nov invoice, Feb: Dec's, Mar: Jan's...).
// At each month's end two invoices are open: last month's (overdue) and this month's (due on
// or after the month's last day: not yet due). AR 2,000.00, overdue 1,000.00, ratio 50%.
// DSO January = 2,000 x 31 / 1,000 = 62.00 days; February 2,000 x 28 / 1,000 = 56.00.
// Financing, January, 8% a year: balance-days Nov's 1,000 x 14 (01-01..01-14) + Dec's
//   1,000 x 31 + Jan's 1,000 x 31 = 76,000.00 day-units = 7,600,000 minor-days;
//   x 8% / 365 = 1,665.75 -> 1,665 minor (16.65).
BookBuilder monthly_book() {
  BookBuilder b;
  const Index s1 = b.salesperson("S1", "Sam");
  const Index c1 = b.customer("C1", 30, s1);
  b.book.customers[c1].grade = "A";
  for (int m = 0; m < 24; ++m) {
    const Date date = add_months(D("2024-01-01"), m);
    const Index inv = b.invoice("INV-" + std::to_string(m + 1), c1, date, 100000);
    const Date paid = date + 75;
    if (paid < D("2026-01-01"))
      b.payment("P-" + std::to_string(m + 1), c1, paid, 100000, {{inv, 100000}});
  }
  REQUIRE(b.build());
  return b;
}

SimRequest monthly_request(std::vector<SimPolicy> policies, int32_t runs = 20) {
  SimRequest r;
  r.from = D("2026-01-01");
  r.horizon_months = 12;
  r.runs = runs;
  r.seed = 7;
  r.policies = std::move(policies);
  return r;
}

SimResult run(const Book& book, const SimRequest& r) {
  std::string why;
  std::optional<SimResult> res = run_simulation(book, r, 1, &why);
  INFO(why);
  REQUIRE(res);
  return *res;
}

int64_t month_v(const SimResult& r, size_t policy, size_t month, SimMetric m) {
  const Band& b = r.policies[policy].months[month].v[m];
  CHECK(b.p5 == b.p95);  // A fixed habit: every run the same.
  return b.p5;
}

uint64_t fnv(const std::vector<int64_t>& cells) {
  uint64_t h = 1469598103934665603ULL;
  for (int64_t v : cells)
    for (int i = 0; i < 8; ++i) h = (h ^ uint64_t((v >> (8 * i)) & 0xff)) * 1099511628211ULL;
  return h;
}

Book generated(int32_t customers = 40, uint64_t seed = 3) {
  GenerateParams g;
  g.seed = seed;
  g.customers = customers;
  g.months = 24;
  g.start = D("2023-01-02");
  return generate_book(g);
}

}  // namespace

TEST_SUITE("policy") {
  TEST_CASE("the annual cost of forgoing 2/10 net 30 is 2/98 x 365/20 = 37.2%") {
    const std::optional<double> c = discount_annual_cost(20000, 10, 30);
    REQUIRE(c);
    CHECK(*c == doctest::Approx(0.02 / 0.98 * 365.0 / 20.0));
    CHECK(std::lround(*c * 1000) == 372);
    CHECK(!discount_annual_cost(20000, 30, 30));
    // 1/10 net 60: 1/99 x 365/50 = 7.37%.
    CHECK(std::lround(*discount_annual_cost(10000, 10, 60) * 10000) == 737);
  }

  TEST_CASE("as today: a fixed habit's months written down by hand") {
    BookBuilder b = monthly_book();
    const SimResult r = run(b.book, monthly_request({SimPolicy::defaults()}));
    REQUIRE(r.policies[0].months.size() == 12);
    CHECK(r.open_invoices == 2);
    CHECK(r.new_invoices == 12);
    CHECK(r.growth_ppm == kPpmOne);
    for (size_t k = 0; k < 12; ++k) {
      CAPTURE(k);
      CHECK(month_v(r, 0, k, kSimCash) == 100000);
      CHECK(month_v(r, 0, k, kSimSales) == 100000);
      CHECK(month_v(r, 0, k, kSimArEnd) == 200000);
      CHECK(month_v(r, 0, k, kSimOverdueEnd) == 100000);
      CHECK(month_v(r, 0, k, kSimOverdueRatio) == 500000);
      CHECK(month_v(r, 0, k, kSimBadDebt) == 0);
    }
    CHECK(month_v(r, 0, 0, kSimDso) == 6200);
    CHECK(month_v(r, 0, 1, kSimDso) == 5600);
    CHECK(month_v(r, 0, 0, kSimFinancingCost) == 1665);
    // Countback at the end of January: 2,000 open = January's 1,000 (31 days) + December's
    // 1,000 (31 days): 62.00.
    CHECK(month_v(r, 0, 0, kSimCountbackDso) == 6200);
    // Profit: 25% x 1,000.00 - financing.
    CHECK(month_v(r, 0, 0, kSimProfit) == 25000 - 1665);
    CHECK(r.policies[0].total[kSimCash].mean == 1200000);
    CHECK(r.policies[0].diff_total[kSimCash].mean == 0);
  }

  TEST_CASE("a 2/10 net 30 discount every grade-A customer takes: cash and cost by hand") {
    BookBuilder b = monthly_book();
    SimPolicy disc;
    disc.name = "2/10 net 30";
    disc.discount.rate_ppm = 20000;
    disc.discount.within_days = 10;
    disc.terms.net_days = 30;
    REQUIRE(set_sim_param(&disc, "discount.take_up.A", kPpmOne));
    const SimResult r = run(b.book, monthly_request({SimPolicy::defaults(), disc}));
    // New invoices paid on date + 10, 980.00; the two open ones as before (01-15, 02-14).
    CHECK(month_v(r, 1, 0, kSimCash) == 100000 + 98000);
    CHECK(month_v(r, 1, 1, kSimCash) == 100000 + 98000);
    for (size_t k = 2; k < 12; ++k) CHECK(month_v(r, 1, k, kSimCash) == 98000);
    for (size_t k = 0; k < 12; ++k) CHECK(month_v(r, 1, k, kSimDiscountCost) == 2000);
    // End of January: only December's invoice (overdue); from February's end on, nothing.
    CHECK(month_v(r, 1, 0, kSimArEnd) == 100000);
    CHECK(month_v(r, 1, 0, kSimOverdueEnd) == 100000);
    CHECK(month_v(r, 1, 2, kSimArEnd) == 0);
    CHECK(r.policies[1].total[kSimDiscountCost].mean == 24000);
    CHECK(r.policies[1].diff_total[kSimCash].mean == 2 * 100000 + 12 * 98000 - 1200000);
    // The waterfall adds up to the profit difference.
    double sum = 0;
    for (const WaterfallStep& s : profit_waterfall(r, 0, 1)) sum += s.delta;
    CHECK(sum == doctest::Approx(r.policies[1].total[kSimProfit].mean -
                                 r.policies[0].total[kSimProfit].mean));
    // Nobody takes it at 0% take-up: nothing changes but nothing is paid early either.
    SimPolicy none = disc;
    REQUIRE(set_sim_param(&none, "discount.take_up.A", 0));
    const SimResult r0 = run(b.book, monthly_request({SimPolicy::defaults(), none}));
    CHECK(r0.policies[1].total[kSimDiscountCost].mean == 0);
    CHECK(r0.policies[1].total[kSimCash].mean == 1200000);
  }

  TEST_CASE("holds: stop supply after 10 days overdue, month by month by hand") {
    BookBuilder b = monthly_book();
    SimPolicy hold;
    hold.name = "Stop at 10 days";
    hold.holds.stop_after_days = 10;
    const SimResult r = run(b.book, monthly_request({SimPolicy::defaults(), hold}));
    // On each 1st, is an invoice open and more than 10 days past due? (Each pays due + 45.)
    //   Jan: Nov's (due 12-01, open to 01-15): stop.  Feb: Dec's (due 12-31, to 02-14): stop.
    //   Mar: nothing open: made (due 03-31, paid 05-15).  Apr: Mar's 1 day: made (to 06-15).
    //   May: Mar's 31 days: stop.  Jun: Apr's (due 05-01) 31 days: stop.  Jul, Aug: made
    //   (paid 09-14, 10-15).  Sep, Oct: stop.  Nov, Dec: made (paid in 2027).
    CHECK(r.policies[1].total[kSimSales].mean == 6 * 100000);
    CHECK(r.policies[1].total[kSimMarginLost].mean == 6 * 25000);
    // Cash: Nov's and Dec's (Jan, Feb), then Mar's, Apr's, Jul's, Aug's.
    CHECK(r.policies[1].total[kSimCash].mean == 6 * 100000);
    CHECK(month_v(r, 1, 4, kSimCash) == 100000);  // May: Mar's.
    CHECK(month_v(r, 1, 2, kSimCash) == 0);       // March: nothing comes in.
    // At 50 days the invoice of last month is never over the line on the 1st (31 days).
    hold.holds.stop_after_days = 50;
    const SimResult r50 = run(b.book, monthly_request({SimPolicy::defaults(), hold}));
    CHECK(r50.policies[1].total[kSimSales].mean == 1200000);
  }

  // C1 invoices 1,000.00 on the 1st of every month, 2024-01 to 2025-12, due 60 days after the
  // date in Jan, Mar, May, Jul, Sep, Nov and on the date in the other months; each is paid 45
  // days after its due date (the payments before 2026-01-01 only). A later invoice can fall
  // due before an earlier one (the holds keep their pending jobs by due date: this checks it).
  // Open at the start: Nov 2025's (due 12-31, paid 02-14) and Dec 2025's (due 12-01, paid
  // 01-15). 2026's invoices are 2025's moved on (growth 100%), with the same terms.
  TEST_CASE("holds: invoices falling due out of order, and the credit limit, by hand") {
    BookBuilder b;
    const Index s1 = b.salesperson("S1", "Sam");
    const Index c1 = b.customer("C1", 30, s1);
    b.book.customers[c1].grade = "A";
    b.book.customers[c1].credit_limit_minor = 150000;
    for (int m = 0; m < 24; ++m) {
      const Date date = add_months(D("2024-01-01"), m);
      const Date due = m % 2 == 0 ? date + 60 : date;
      const Index inv = b.invoice("INV-" + std::to_string(m + 1), c1, date, 100000, due);
      if (due + 45 < D("2026-01-01"))
        b.payment("P-" + std::to_string(m + 1), c1, due + 45, 100000, {{inv, 100000}});
    }
    REQUIRE(b.build());
    // Stop after 10 days: on each 1st, is an invoice open (paid that day or later) and more
    // than 10 days past due?
    //   Jan: Dec's (due 12-01, 31 days; Nov's, due 12-31, is 1 day): stop.
    //   Feb: Nov's (32 days, paid 02-14): stop.   Mar: nothing open: made (due 04-30, 06-14).
    //   Apr: Mar's not yet due: made (due 04-01, paid 05-16).
    //   May: Apr's, made after Mar's but due first: 30 days, open to 05-16: stop.
    //   Jun: Mar's (due 04-30, 32 days, open to 06-14): stop.
    //   Jul: made (due 08-30, paid 10-14).  Aug: made (due 08-01, paid 09-15).
    //   Sep: Aug's (31 days): stop.  Oct: Jul's (32 days, open to 10-14): stop.
    //   Nov, Dec: made (paid in 2027).
    SimPolicy hold;
    hold.name = "Stop at 10 days";
    hold.holds.stop_after_days = 10;
    const SimResult r = run(b.book, monthly_request({SimPolicy::defaults(), hold}));
    CHECK(r.policies[0].total[kSimSales].mean == 1200000);
    CHECK(r.policies[1].total[kSimSales].mean == 6 * 100000);
    CHECK(r.policies[1].total[kSimMarginLost].mean == 6 * 25000);
    CHECK(month_v(r, 1, 4, kSimSales) == 0);       // May: stopped by April's invoice.
    CHECK(month_v(r, 1, 3, kSimSales) == 100000);  // April: made.
    // Cash: Dec's (Jan), Nov's (Feb), Apr's (May), Mar's (Jun), Aug's (Sep), Jul's (Oct).
    CHECK(r.policies[1].total[kSimCash].mean == 6 * 100000);
    for (size_t k : {0, 1, 4, 5, 8, 9}) CHECK(month_v(r, 1, k, kSimCash) == 100000);
    for (size_t k : {2, 3, 6, 7, 10, 11}) CHECK(month_v(r, 1, k, kSimCash) == 0);
    // The credit limit (1,500.00, stop at 100% of it): stopped when two invoices are open
    // (2,000.00), i.e. not yet paid by the 1st.
    //   Jan: Nov's and Dec's: stop.  Feb: Nov's only: made (due 02-01, paid 03-18).
    //   Mar: Feb's: made (paid 06-14).  Apr: Mar's: made (paid 05-16).
    //   May: Mar's and Apr's: stop.  Jun: Mar's: made (due 06-01, paid 07-16).
    //   Jul: Jun's: made (paid 10-14).  Aug: Jul's: made (paid 09-15).
    //   Sep: Jul's and Aug's: stop.  Oct: Jul's: made.  Nov: Oct's: made.  Dec: Nov's: made.
    SimPolicy limit;
    limit.name = "At the limit";
    limit.holds.limit_ppm = 1000000;
    const SimResult rl = run(b.book, monthly_request({SimPolicy::defaults(), limit}));
    CHECK(rl.policies[1].total[kSimSales].mean == 9 * 100000);
    for (size_t k : {0, 4, 8}) CHECK(month_v(rl, 1, k, kSimSales) == 0);
    CHECK(month_v(rl, 1, 1, kSimSales) == 100000);
  }

  TEST_CASE("commission on collected cash gated on each customer's 80% collection rate") {
    BookBuilder b = monthly_book();
    SimPolicy plan;
    plan.name = "Cash, customer gate";
    plan.commission.on = true;
    plan.commission.plan.basis = CommissionBasis::Collected;
    plan.commission.plan.rate_ppm = 50000;
    plan.commission.plan.gates.collection_rate_min_ppm = 800000;
    plan.commission.gate_scope = GateScope::Customer;
    plan.commission.late_cut_per_point_ppm = 0;  // No push: the cost alone, by hand.
    plan.commission.sales_dip_per_point_ppm = 0;
    CHECK(commission_tie_points(plan.commission) == 2.5);
    const SimResult r = run(b.book, monthly_request({SimPolicy::defaults(), plan}));
    // Every month C1 pays 1,000 of 1,000 sold (100% >= 80%): 5% x 1,000.00 = 50.00.
    for (size_t k = 0; k < 12; ++k) CHECK(month_v(r, 1, k, kSimCommissionCost) == 5000);
    REQUIRE(r.policies[1].people.size() == 1);
    CHECK(r.policies[1].people[0].id == "S1");
    CHECK(r.policies[1].people[0].commission.mean == 60000);
    CHECK(r.policies[1].people[0].collection_rate.mean == kPpmOne);
    // A 101% gate (more than is sold) voids it every month; the bonus at 1,000.00 collected
    // pays 100.00 a month.
    plan.commission.plan.gates.collection_rate_min_ppm = 1010000;
    plan.commission.collection_target_minor = 100000;
    plan.commission.target_bonus_minor = 10000;
    const SimResult rv = run(b.book, monthly_request({SimPolicy::defaults(), plan}));
    CHECK(rv.policies[1].total[kSimCommissionCost].mean == 12 * 10000);
  }

  TEST_CASE("the days-late cut moves payments by hand") {
    BookBuilder b = monthly_book();
    SimPolicy rem;
    rem.name = "Reminders";
    rem.dunning.reminder_before_due = true;
    rem.dunning.reminder_late_cut_ppm = 400000;  // 45 days late -> 27.
    const SimResult r = run(b.book, monthly_request({SimPolicy::defaults(), rem}));
    // New invoices pay on date + 30 + 27 = date + 57: January's on 02-27 (February). The cut
    // applies to every payment after the start: December's (due 12-31) pays 01-27, and
    // November's (due 12-01) would pay 12-28, before the start: on 01-01.
    CHECK(month_v(r, 1, 0, kSimCash) == 200000);
    CHECK(month_v(r, 1, 1, kSimCash) == 100000);  // January's, 02-27.
    CHECK(month_v(r, 1, 11, kSimCash) == 100000);
  }

  TEST_CASE("same seed, same bytes, whatever the split of the runs") {
    const Book book = generated();
    SimPolicy disc;
    disc.name = "2/10";
    disc.discount.rate_ppm = 20000;
    SimPolicy hold;
    hold.name = "Holds";
    hold.holds.stop_after_days = 10;
    hold.dunning.reminder_before_due = true;
    hold.recovery.on = true;
    SimRequest req;
    req.horizon_months = 6;
    req.runs = 40;
    req.seed = 11;
    req.policies = {SimPolicy::defaults(), disc, hold};
    std::string why;
    SimPlanPtr plan = prepare_simulation(book, req, &why);
    REQUIRE(plan);
    SimRuns whole = make_runs(*plan), parts = make_runs(*plan);
    simulate_runs(*plan, 0, 40, &whole);
    simulate_runs(*plan, 25, 40, &parts);
    simulate_runs(*plan, 0, 25, &parts);
    CHECK(whole.cells == parts.cells);
    CHECK(whole.person == parts.person);
    // Two threads give the same summary as one.
    const SimResult one = *run_simulation(book, req, 1, &why);
    const SimResult two = *run_simulation(book, req, 2, &why);
    CHECK(std::memcmp(&one.policies[2].total, &two.policies[2].total, sizeof one.policies[2].total) == 0);
    // A plan on another's fit (the tornado's cases) is the plan prepare_simulation makes.
    SimRequest other = req;
    other.policies = {disc, hold};
    other.runs = 10;
    SimPlanPtr direct = prepare_simulation(book, other, &why);
    SimPlanPtr again = replan(*plan, other.policies, other.runs, &why);
    REQUIRE(direct);
    REQUIRE(again);
    SimRuns a = make_runs(*direct), b = make_runs(*again);
    simulate_runs(*direct, 0, 10, &a);
    simulate_runs(*again, 0, 10, &b);
    CHECK(a.cells == b.cells);
    CHECK(!replan(*plan, {}, 10, &why));
    CHECK(why == "policies: at least one (the first is the baseline)");
    // The golden hash: the same bytes natively and in WebAssembly (this suite runs in both).
    CHECK(fnv(whole.cells) == 0xc9c364390716a28fULL);
  }

  TEST_CASE("common random numbers: the difference's band is narrower than the total's") {
    const Book book = generated();
    SimPolicy disc;
    disc.name = "1/10";
    disc.discount.rate_ppm = 10000;
    SimRequest req;
    req.horizon_months = 12;
    req.runs = 200;
    req.policies = {SimPolicy::defaults(), disc};
    const SimResult r = run(book, req);
    const Band& total = r.policies[1].total[kSimCash];
    const Band& diff = r.policies[1].diff_total[kSimCash];
    // Drawn apart, the difference of two totals would spread about sqrt(2) times as wide as one
    // total; on the same draws it spreads less than one.
    CHECK(diff.p95 - diff.p5 < total.p95 - total.p5);
    CHECK(diff.p5 > 0);  // The discount brings cash in earlier in every run but a few.
  }

  TEST_CASE("a bigger discount raises its cost and lowers DSO") {
    const Book book = generated();
    SimRequest req;
    req.horizon_months = 12;
    req.runs = 100;
    std::string why;
    std::vector<int64_t> values;
    REQUIRE(parse_sweep_values(*find_sim_param("discount.rate"), "0:3%:4", &values, &why));
    CHECK(values == std::vector<int64_t>{0, 10000, 20000, 30000});
    std::optional<SimRequest> sweep =
        sweep_request(req, SimPolicy::defaults(), "discount.rate", values, &why);
    REQUIRE(sweep);
    const SimResult r = run(book, *sweep);
    for (size_t i = 2; i < r.policies.size(); ++i) {
      CAPTURE(i);
      CHECK(r.policies[i].total[kSimDiscountCost].mean > r.policies[i - 1].total[kSimDiscountCost].mean);
      CHECK(r.policies[i].total[kSimDso].mean < r.policies[i - 1].total[kSimDso].mean);
    }
    const SweepResult s = sweep_result(r, "discount.rate", values, kSimDiscountCost, true);
    REQUIRE(s.points.size() == 4);
    CHECK(s.points[0].metric.mean == 0);
  }

  TEST_CASE("stricter holds lower bad debt and sales") {
    const Book book = generated(40, 5);
    SimPolicy loose, strict;
    loose.name = "Stop at 60 days";
    loose.holds.stop_after_days = 60;
    strict.name = "Stop at 10 days";
    strict.holds.stop_after_days = 10;
    SimRequest req;
    req.horizon_months = 12;
    req.runs = 100;
    req.policies = {SimPolicy::defaults(), loose, strict};
    const SimResult r = run(book, req);
    CHECK(r.policies[1].total[kSimSales].mean < r.policies[0].total[kSimSales].mean);
    CHECK(r.policies[2].total[kSimSales].mean < r.policies[1].total[kSimSales].mean);
    CHECK(r.policies[2].total[kSimBadDebt].mean < r.policies[0].total[kSimBadDebt].mean);
    CHECK(r.policies[2].total[kSimBadDebt].mean <= r.policies[1].total[kSimBadDebt].mean);
  }

  TEST_CASE("a collection-tied plan raises the collection rate; a plan on sales does not") {
    const Book book = generated();
    SimPolicy sales, tied;
    sales.name = "On sales";
    sales.commission.on = true;
    sales.commission.plan.basis = CommissionBasis::Invoiced;
    sales.commission.plan.rate_ppm = 30000;
    tied = sales;
    tied.name = "On cash, 80% per customer";
    tied.commission.plan.basis = CommissionBasis::Collected;
    tied.commission.plan.gates.collection_rate_min_ppm = 800000;
    tied.commission.gate_scope = GateScope::Customer;
    SimRequest req;
    req.horizon_months = 12;
    req.runs = 100;
    req.policies = {sales, tied};
    const SimResult r = run(book, req);
    CHECK(r.policies[1].total[kSimCollectionRate].mean > r.policies[0].total[kSimCollectionRate].mean);
    CHECK(r.policies[1].total[kSimDso].mean < r.policies[0].total[kSimDso].mean);
    // "Sales completion dipped slightly".
    CHECK(r.policies[1].total[kSimSales].mean < r.policies[0].total[kSimSales].mean);
    CHECK(r.policies[1].total[kSimSales].mean > 0.9 * r.policies[0].total[kSimSales].mean);
  }

  TEST_CASE("as today, the simulated DSO is the book's recent DSO within its band") {
    const Book book = generated(60, 9);
    const Date from = book_last_date(book) + 1;
    SimRequest req;
    req.from = from;
    req.horizon_months = 3;
    req.runs = 200;
    req.policies = {SimPolicy::defaults()};
    const SimResult r = run(book, req);
    // The book's DSO over its last 3 months (core/metrics.h): ar_end / sales x days.
    const Metrics m = compute_metrics(book, add_months(from, -3), from - 1);
    REQUIRE(m.dso);
    const Band& dso = r.policies[0].total[kSimDso];
    CAPTURE(*m.dso);
    CAPTURE(dso.p5);
    CAPTURE(dso.p95);
    CHECK(*m.dso * 100 >= dso.p5 * 0.9);
    CHECK(*m.dso * 100 <= dso.p95 * 1.1);
  }

  TEST_CASE("parameters by name and their checks") {
    SimPolicy p;
    int64_t v = 0;
    REQUIRE(get_sim_param(p, "prevention.avoided", &v));
    CHECK(v == 700000);
    REQUIRE(get_sim_param(p, "dunning.avoided", &v));
    CHECK(v == 350000);
    REQUIRE(get_sim_param(p, "recovery.recovered", &v));
    CHECK(v == 410000);
    CHECK(!get_sim_param(p, "no.such", &v));
    const SimParam* rate = find_sim_param("discount.rate");
    REQUIRE(rate);
    std::string why;
    CHECK(parse_sim_param(*rate, "2%", &v, &why));
    CHECK(v == 20000);
    CHECK(!parse_sim_param(*rate, "60%", &v, &why));
    CHECK(why == "\"60%\" is more than 50%");
    CHECK(format_sim_param(*find_sim_param("holds.stop_after_days"), -1) == "off");
    CHECK(format_sim_param(*find_sim_param("commission.gate_scope"), 1) == "customer");
    p.discount.rate_ppm = 20000;
    p.discount.within_days = 30;
    p.terms.net_days = 30;
    std::vector<Problem> problems;
    CHECK(!validate_sim_policy(p, &problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].place == "discount.within_days");
    CHECK(problems[0].message == "must be less than terms.net_days (30)");
    CHECK(discount_take_up_ppm(p.discount, "A") == 500000);
    p.discount.rate_ppm = 60000;  // 3x the reference: capped at 100%.
    CHECK(discount_take_up_ppm(p.discount, "A") == kPpmOne);
    CHECK(discount_take_up_ppm(p.discount, "Z") == 750000);
  }

  TEST_CASE("a bad request is refused with its reason") {
    BookBuilder b = monthly_book();
    SimRequest r = monthly_request({SimPolicy::defaults()});
    r.horizon_months = 40;
    std::string why;
    CHECK(!prepare_simulation(b.book, r, &why));
    CHECK(why == "horizon: 40 months; 1 to 36 months");
    r.horizon_months = 12;
    r.policies[0].discount.rate_ppm = 900000;
    CHECK(!prepare_simulation(b.book, r, &why));
    CHECK(why == "policies[0] (As today).discount.rate: 90% is out of range (0% to 50%)");
  }
}
