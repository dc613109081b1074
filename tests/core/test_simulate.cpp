// test_simulate.cpp: the behaviour model, its Monte Carlo and its cash backtest
// (core/simulate.h): a small book whose monthly cash is written down by hand, the same seed
// giving the same result bit for bit, and a generated book whose habits the fit recovers.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "book_builder.h"
#include "core/generate.h"
#include "core/policy_sim.h"
#include "core/simulate.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

// C1 (terms 30) pays every invoice exactly 10 days after its due date, in one payment.
//   History (fitted on the documents before 2025-07-01): INV-H1..H8, 100.00 each, dated
//     2024-10-01 + 14 k days (k = 0..7), paid due + 10: eight profiles "10 days, all cash",
//     so C1 has K = 8 of its own.
//   Open at 2025-07-01: INV-O1 2025-06-10 300.00 due 07-10 (age -10), paid 07-20;
//     INV-O2 2025-06-01 200.00 due 07-01 (age -1), paid 07-11. Every profile is still
//     unsettled at those ages (10 > -1), so both draw "10 days late".
//   Issued after: INV-N1 2025-07-15 400.00 due 08-14 paid 08-24; INV-N2 2025-08-25 500.00
//     due 09-24 paid 10-04; INV-N3 2025-09-10 150.00 due 10-10 paid 10-20.
// Months from 2025-07-01 to 2025-10-31, cash by payment date:
//   July 300 + 200 = 500.00, August 400.00, September 0, October 500 + 150 = 650.00.
// The simulation draws only "10 days late": every run gives exactly that, p5 = p95 = mean.
// Naive "due date": July O1 07-10 + O2 07-01 = 500, August N1 08-14 400, September N2 09-24
//   500, October N3 10-10 150. MAPE over the months with cash (Jul, Aug, Oct):
//   (0 + 0 + 500/650) / 3 = 0.25641. Naive "average delay": the book's mean is 10 days:
//   the actual cash, MAPE 0.
// With `old_open`: also INV-X 2025-05-01 200.00 due 05-31, never paid.
BookBuilder fixed_delay_book(bool old_open = false) {
  BookBuilder b;
  Index c1 = b.customer("C1", 30);
  for (int k = 0; k < 8; ++k) {
    const Date date = D("2024-10-01") + 14 * k;
    Index inv = b.invoice("INV-H" + std::to_string(k + 1), c1, date, 10000);
    b.payment("P-H" + std::to_string(k + 1), c1, date + 40, 10000, {{inv, 10000}});
  }
  Index o1 = b.invoice("INV-O1", c1, D("2025-06-10"), 30000);
  Index o2 = b.invoice("INV-O2", c1, D("2025-06-01"), 20000);
  Index n1 = b.invoice("INV-N1", c1, D("2025-07-15"), 40000);
  Index n2 = b.invoice("INV-N2", c1, D("2025-08-25"), 50000);
  Index n3 = b.invoice("INV-N3", c1, D("2025-09-10"), 15000);
  b.payment("P-O2", c1, D("2025-07-11"), 20000, {{o2, 20000}});
  b.payment("P-O1", c1, D("2025-07-20"), 30000, {{o1, 30000}});
  b.payment("P-N1", c1, D("2025-08-24"), 40000, {{n1, 40000}});
  b.payment("P-N2", c1, D("2025-10-04"), 50000, {{n2, 50000}});
  b.payment("P-N3", c1, D("2025-10-20"), 15000, {{n3, 15000}});
  if (old_open) b.invoice("INV-X", c1, D("2025-05-01"), 20000);
  REQUIRE(b.build());
  return b;
}

bool same_months(const CashForecast& a, const CashForecast& b) {
  if (a.months.size() != b.months.size()) return false;
  for (size_t k = 0; k < a.months.size(); ++k) {
    const MonthCash &x = a.months[k], &y = b.months[k];
    if (std::memcmp(&x.mean_minor, &y.mean_minor, sizeof(double)) != 0) return false;
    if (x.p5_minor != y.p5_minor || x.p95_minor != y.p95_minor) return false;
    if (x.actual_minor != y.actual_minor || x.due_date_minor != y.due_date_minor) return false;
  }
  return true;
}

}  // namespace

TEST_SUITE("simulate") {

TEST_CASE("the fit of a fixed 10-day delay") {
  BookBuilder b = fixed_delay_book();
  BehaviourModel m = fit_behaviour(b.book, D("2025-07-01"));
  CHECK(m.profiles.size() == 8);  // INV-H1..H8; INV-O1, O2 open and young: censored.
  CHECK(m.censored == 2);
  CHECK(m.customers_own == 1);
  CHECK(m.book_stats.median_days == 10);
  CHECK(m.book_stats.p90_days == 10);
  CHECK(m.book_stats.mean_days == doctest::Approx(10));
  CHECK(m.book_mean_days == doctest::Approx(10));
  CHECK(m.book_stats.partial_share == 0);
  CHECK(m.book_stats.lost_share == 0);
}

TEST_CASE("a fixed 10-day delay: monthly cash worked out by hand, band width 0") {
  BookBuilder b = fixed_delay_book();
  Backtest t = backtest(b.book, D("2025-07-01"), D("2025-10-31"), 200, 7);
  const auto& ms = t.forecast.months;
  REQUIRE(ms.size() == 4);
  CHECK(ms[0].first == D("2025-07-01"));
  CHECK(ms[3].last == D("2025-10-31"));
  const int64_t actual[4] = {50000, 40000, 0, 65000};
  const int64_t due_date[4] = {50000, 40000, 50000, 15000};
  for (size_t k = 0; k < 4; ++k) {
    CAPTURE(k);
    CHECK(ms[k].actual_minor == actual[k]);
    CHECK(ms[k].mean_minor == double(actual[k]));
    CHECK(ms[k].p5_minor == actual[k]);
    CHECK(ms[k].p95_minor == actual[k]);
    CHECK(ms[k].due_date_minor == due_date[k]);
    CHECK(ms[k].average_minor == actual[k]);
  }
  CHECK(t.forecast.open_invoices == 2);
  CHECK(t.forecast.new_invoices == 3);
  CHECK(t.forecast.practice_draws == 0);
  CHECK(t.inside_band == 4);
  CHECK(t.simulated.months_scored == 3);
  CHECK(*t.simulated.mape == 0);
  CHECK(*t.average.mape == 0);
  CHECK(*t.due_date.mape == doctest::Approx(500.0 / 650 / 3));
}

TEST_CASE("an open invoice older than every history falls back to the practice's recovery") {
  // INV-X (due 05-31) is 30 days past due on 2025-06-30, and every profile settles at 10:
  // none is unsettled at 30. So it takes the practice's recovery: 80% under two years, on a
  // day uniform in 2025-07-01 + 0..364, 123 of which (07-01 .. 10-31) fall in the backtest.
  // Expected cash from it: 200.00 x 0.8 x 123 / 365 = 53.92; one run's share has a standard
  // deviation of 200 x sqrt(0.2696 x 0.7304) = 88.75, so 400 runs' mean is within 4.44 of
  // it (1 sd): 15.00 is 3.4 sd. The rest is exact, as above: 500 + 400 + 0 + 650 = 1550.00.
  BookBuilder b = fixed_delay_book(true);
  Backtest t = backtest(b.book, D("2025-07-01"), D("2025-10-31"), 400, 3);
  CHECK(t.forecast.open_invoices == 3);
  CHECK(t.forecast.practice_draws == 400);
  CHECK(t.forecast.months[0].p5_minor == 50000);  // O1 + O2; X falls in July in 6.8% of runs.
  CHECK(t.forecast.months[0].actual_minor == 50000);
  double total = 0;
  for (const MonthCash& mc : t.forecast.months) total += mc.mean_minor;
  CHECK(std::abs(total - 155000 - 5392) < 1500);
}

TEST_CASE("month shocks: how much a month of due dates ran late against its customers") {
  // K = 2. C1 (terms 30): two invoices due in January (01-01, 01-09) paid 0 and 4 days after
  // due, two due in February (02-04, 02-19) paid 10 and 14 days after. C1's mean:
  // (0 + 4 + 10 + 14) / 4 = 7. January's residuals -7, -3: -5; February's 3, 7: +5. Their
  // mean is 0: shocks -5 and +5.
  BookBuilder b;
  Index c1 = b.customer("C1", 30);
  const char* dates[4] = {"2024-12-02", "2024-12-10", "2025-01-05", "2025-01-20"};
  const int32_t late[4] = {0, 4, 10, 14};
  for (int k = 0; k < 4; ++k) {
    Index inv = b.invoice("INV-" + std::to_string(k + 1), c1, D(dates[k]), 10000);
    b.payment("P-" + std::to_string(k + 1), c1, D(dates[k]) + 30 + late[k], 10000,
              {{inv, 10000}});
  }
  REQUIRE(b.build());
  FitOptions o;
  o.min_history = 2;
  BehaviourModel m = fit_behaviour(b.book, D("2025-06-01"), o);
  CHECK(m.month_shocks == std::vector<int32_t>{-5, 5});
  o.month_shocks = false;
  CHECK(fit_behaviour(b.book, D("2025-06-01"), o).month_shocks.empty());
}

TEST_CASE("trend: a steady drift carries on past the history, each run on its own slope") {
  // C1, K = 1: invoices of 2024 due on the 20th of each month (2024-01-20 .. 2024-12-20, one
  // due month each), paid 20, 19, .., 9 days after due: one
  // day earlier every month. C1's mean 14.5: shocks +5.5 .. -5.5 around the mean month
  // (5.5 months from 2024-01), a slope of exactly -1 day a month, residuals 0: every run's
  // slope is -1 too. The book's 90th percentile of settle days is 19: 2024-12-31 + 19 is
  // before the fit (2025-04-01), so all twelve months are complete.
  // Replayed: INV-N 2025-04-01, due 2025-04-20 (month 15 from 2024-01; 15 - 5.5 = 9.5 months
  // past the mean: -9.5 days, rounded away from zero: -10). Its profile is one of C1's twelve
  // (9..20 days), drawn from the run's resample: paid on 04-20 + days - 10, 04-19 .. 04-30,
  // always in April.
  // Without the trend, the raw shocks (5.5 .. -5.5 rounded half away: 6 5 4 3 2 1 -1 .. -6),
  // one drawn for April's due month: paid in April when days + shock <= 10, 34 of the 144
  // pairs: 23.6% of the runs (sd of 400 runs' share: 2.1 points).
  BookBuilder b;
  Index c1 = b.customer("C1", 30);
  for (int k = 0; k < 12; ++k) {
    const Date due = date_from_ymd(2024, k + 1, 20);
    Index inv = b.invoice("INV-" + std::to_string(k + 1), c1, due - 19, 10000, due);
    b.payment("P-" + std::to_string(k + 1), c1, due + (20 - k), 10000, {{inv, 10000}});
  }
  const Index n = b.invoice("INV-N", c1, D("2025-04-01"), 10000, D("2025-04-20"));
  REQUIRE(b.build());
  FitOptions o;
  o.min_history = 1;
  o.business_days = false;  // Twelve payments: too few for the weekday rules anyway.
  BehaviourModel m = fit_behaviour(b.book, D("2025-04-01"), o);
  CHECK(m.trend_month.size() == 12);
  CHECK(m.trend_days_per_month == doctest::Approx(-1.0));
  CHECK(m.trend_centidays.front() == 550);
  CHECK(m.trend_centidays.back() == -550);
  CHECK(m.month_shocks == std::vector<int32_t>(12, 0));
  CashForecast f = simulate_cash(b.book, m, {n}, D("2025-04-01"), D("2025-05-31"), 400, 5);
  REQUIRE(f.months.size() == 2);
  CHECK(f.months[0].p5_minor == 10000);  // Every run pays in April.
  CHECK(f.months[1].p95_minor == 0);
  o.trend = false;
  BehaviourModel flat = fit_behaviour(b.book, D("2025-04-01"), o);
  CHECK(flat.trend_month.empty());
  CHECK(flat.month_shocks ==
        std::vector<int32_t>{6, 5, 4, 3, 2, 1, -1, -2, -3, -4, -5, -6});
  CashForecast g = simulate_cash(b.book, flat, {n}, D("2025-04-01"), D("2025-05-31"), 400, 5);
  CHECK(g.months[0].mean_minor > 1700);  // 2,361 expected: 3 sd either way.
  CHECK(g.months[0].mean_minor < 3000);
}

TEST_CASE("business days and payment runs: a weekend's payment arrives on Monday") {
  // K = 8, fitted on 2025-05-01. C1 (terms 30): 60 invoices, each paid exactly 7 days after
  // due, the payments one a week from Monday 2024-02-12, Monday, Tuesday, .., Friday in turn
  // (due 7 days before, dated 30 before that): never on a weekend, 20% on each weekday (no
  // payment run). C2 (terms 30): an invoice every Monday from 2024-01-01, due on Wednesday,
  // paid 2 days after due: always on a Friday, a weekly run. 120 payments, none on a weekend:
  // the book pays on business days.
  // Replayed: C1's INV-A due Saturday 2025-05-24, paid 7 days after: Saturday 05-31 -> Monday
  // 06-02 (June, not May). C2's INV-B due Thursday 2025-05-29, paid 2 days after: Saturday
  // 05-31 -> its run, Friday 06-06. Every profile is the same and no month shock moves them
  // (all zero): exact. Without the rules both are paid on Saturday 05-31, in May.
  BookBuilder b;
  Index c1 = b.customer("C1", 30);
  Index c2 = b.customer("C2", 30);
  for (int k = 0; k < 60; ++k) {
    const Date paid1 = D("2024-02-12") + 7 * k + k % 5;
    Index i1 = b.invoice("A-" + std::to_string(k), c1, paid1 - 37, 10000);
    b.payment("PA-" + std::to_string(k), c1, paid1, 10000, {{i1, 10000}});
    const Date d2 = D("2024-01-01") + 7 * k;
    Index i2 = b.invoice("B-" + std::to_string(k), c2, d2, 10000);
    b.payment("PB-" + std::to_string(k), c2, d2 + 30 + 2, 10000, {{i2, 10000}});
  }
  const Index a = b.invoice("INV-A", c1, D("2025-05-01"), 10000, D("2025-05-24"));
  const Index bb = b.invoice("INV-B", c2, D("2025-05-01"), 10000, D("2025-05-29"));
  REQUIRE(b.build());
  BehaviourModel m = fit_behaviour(b.book, D("2025-05-01"), {});
  CHECK(m.payments == 120);
  CHECK(m.weekend_share == 0);
  CHECK(m.business_days);
  CHECK(m.customer_run_day[c1] == -1);
  CHECK(m.customer_run_day[c2] == 4);  // Friday.
  CHECK(m.customers_run_day == 1);
  CashForecast f = simulate_cash(b.book, m, {a, bb}, D("2025-05-01"), D("2025-06-30"), 50, 2);
  REQUIRE(f.months.size() == 2);
  CHECK(f.months[0].p95_minor == 0);  // Nothing in May.
  CHECK(f.months[1].p5_minor == 20000);
  FitOptions off;
  off.business_days = false;
  BehaviourModel raw = fit_behaviour(b.book, D("2025-05-01"), off);
  CHECK_FALSE(raw.business_days);
  CHECK(raw.customers_run_day == 0);
  CashForecast g = simulate_cash(b.book, raw, {a, bb}, D("2025-05-01"), D("2025-06-30"), 50, 2);
  CHECK(g.months[0].p5_minor == 20000);  // Both on Saturday 05-31.
}

TEST_CASE("a replay run done elsewhere (the app's) gives the backtest's comparison") {
  // The generated book: months with shocks, practice draws and partial payers; the app's path
  // (a replay request, runs in slices) against arlab simulate --backtest-from's.
  GenerateParams g;
  g.seed = 2;
  const Book book = generate_book(g);
  const Date from = D("2025-07-01");
  SimRequest req;
  req.from = from;
  req.horizon_months = 4;
  req.runs = 30;
  req.seed = 9;
  req.policies = {SimPolicy::defaults()};
  req.replay = true;
  std::string why;
  SimPlanPtr plan = prepare_simulation(book, req, &why);
  REQUIRE(plan);
  SimRuns runs = make_runs(*plan);
  simulate_runs(*plan, 10, 30, &runs);
  simulate_runs(*plan, 0, 10, &runs);
  const Backtest app = backtest_of(book, *plan, summarize(*plan, runs, 30));
  const Backtest cli = backtest(book, from, D("2025-10-31"), 30, 9);
  REQUIRE(app.forecast.months.size() == 4);
  REQUIRE(cli.forecast.months.size() == 4);
  for (size_t k = 0; k < 4; ++k) {
    const MonthCash& a = app.forecast.months[k];
    const MonthCash& c = cli.forecast.months[k];
    CHECK(a.actual_minor == c.actual_minor);
    CHECK(a.mean_minor == c.mean_minor);
    CHECK(a.p5_minor == c.p5_minor);
    CHECK(a.p95_minor == c.p95_minor);
    CHECK(a.due_date_minor == c.due_date_minor);
    CHECK(a.average_minor == c.average_minor);
    CHECK(a.actual_minor > 0);
  }
  CHECK(app.inside_band == cli.inside_band);
  CHECK(*app.simulated.mape == *cli.simulated.mape);
  CHECK(app.forecast.practice_draws == cli.forecast.practice_draws);
  CHECK(app.forecast.open_invoices == cli.forecast.open_invoices);
}

TEST_CASE("same seed, same result bit for bit; another seed, another draw") {
  GenerateParams p;
  p.seed = 5;
  p.customers = 30;
  p.months = 18;
  Book book = generate_book(p);
  const Date from = add_months(p.start, 12);
  const Date to = book_last_date(book);
  Backtest a = backtest(book, from, to, 100, 42);
  Backtest b = backtest(book, from, to, 100, 42);
  CHECK(same_months(a.forecast, b.forecast));
  Backtest c = backtest(book, from, to, 100, 43);
  CHECK_FALSE(same_months(a.forecast, c.forecast));
}

TEST_CASE("the fit recovers the generated book's habits") {
  // core/generate.cpp pays grade A customers (prompt: due -5..+2, 2% 5..15 days late;
  // slightly late: 2..20, 10% 21..40) within days of the due date, grade C customers
  // (chronically late: 25..85 days, 1.2% written off; stoppers: never after they stop) weeks
  // late. Lump payers pay on a Friday up to a week later; business days move a date by up
  // to 2 days. So A's median lies in [-5, 20] and C's in [25, 85]; C loses more than A.
  // (Seed 1: A median 1 day, mean 3.5, none lost; C median 53, mean 51.1, 1.2% lost.)
  GenerateParams p;
  p.seed = 1;
  p.customers = 40;
  p.months = 18;
  Book book = generate_book(p);
  BehaviourModel m = fit_behaviour(book, book_last_date(book) + 1);
  auto grade = [&](const char* g) {
    for (size_t i = 0; i < m.grades.size(); ++i)
      if (m.grades[i] == g) return m.grade_stats[i];
    FAIL("no grade " << g);
    return PoolStats{};
  };
  const PoolStats a = grade("A"), c = grade("C");
  CHECK(a.profiles > 100);
  CHECK(c.profiles > 50);
  CHECK(a.median_days >= -5);
  CHECK(a.median_days <= 20);
  CHECK(c.median_days >= 25);
  CHECK(c.median_days <= 85);
  CHECK(c.lost_share > a.lost_share);
}

}  // TEST_SUITE
