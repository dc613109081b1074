// test_metrics.cpp: receivables metrics over a period (core/metrics.h, docs/METRICS.md).
// Every expected value is worked out by hand in the comments, or is a published example.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "book_builder.h"
#include "core/generate.h"
#include "core/metrics.h"
#include "core/metrics_periods.h"
#include "io/metrics_report.h"

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

// The printed figure (2 decimals for days and percentages, 4 for ratios), "null" if none.
std::string fixed(const std::optional<double>& v, int decimals) {
  return v ? format_fixed(*v, decimals) : "null";
}

constexpr int64_t kMillion = 1000000 * int64_t(100);  // 1,000,000.00 in cents.

// The published DSO example: credit sales 9,000,000 over 91 days, 5,000,000 open at the end.
// Period 2025-04-01..2025-06-30 = 30 + 31 + 30 = 91 days; terms 30.
//   A 2025-04-15 3,000,000 (due 05-15)   B 2025-05-15 3,000,000 (due 06-14)
//   C 2025-06-15 3,000,000 (due 07-15)   P 2025-06-20 4,000,000, no allocations: oldest due
//   first, A takes 3,000,000 (settled 06-20), B takes 1,000,000 (2,000,000 left).
struct DsoBook {
  BookBuilder b;
  DsoBook() {
    Index c = b.customer("C1", 30);
    b.invoice("A", c, D("2025-04-15"), 3 * kMillion);
    b.invoice("B", c, D("2025-05-15"), 3 * kMillion);
    b.invoice("C", c, D("2025-06-15"), 3 * kMillion);
    b.payment("P", c, D("2025-06-20"), 4 * kMillion);
    build(b);
  }
};


// Every field of `got` against `want`, by name ("" when all are equal). The optional doubles
// compare with ==: both paths divide the same integers once.
std::string differences(const Metrics& got, const Metrics& want) {
  std::string out;
  auto field = [&](const char* name, bool same) {
    if (!same) out += std::string(out.empty() ? "" : ", ") + name;
  };
  field("from", got.from == want.from);
  field("to", got.to == want.to);
  field("days", got.days == want.days);
  field("rate_bp", got.rate_bp == want.rate_bp);
  field("credit_sales", got.credit_sales_minor == want.credit_sales_minor);
  field("cash_collected", got.cash_collected_minor == want.cash_collected_minor);
  field("ar_begin", got.ar_begin_minor == want.ar_begin_minor);
  field("ar_end", got.ar_end_minor == want.ar_end_minor);
  field("current_end", got.current_end_minor == want.current_end_minor);
  field("overdue_end", got.overdue_end_minor == want.overdue_end_minor);
  field("at_risk_end", got.at_risk_end_minor == want.at_risk_end_minor);
  field("dso", got.dso == want.dso);
  field("countback_dso", got.countback_dso == want.countback_dso);
  field("countback_exhausted", got.countback_exhausted == want.countback_exhausted);
  field("best_possible_dso", got.best_possible_dso == want.best_possible_dso);
  field("add", got.add == want.add);
  field("cei", got.cei == want.cei);
  field("collection_rate", got.collection_rate == want.collection_rate);
  field("overdue_ratio", got.overdue_ratio == want.overdue_ratio);
  field("at_risk_ratio", got.at_risk_ratio == want.at_risk_ratio);
  field("settled_count", got.settled_count == want.settled_count);
  field("avg_days_to_pay", got.avg_days_to_pay == want.avg_days_to_pay);
  field("weighted_days_to_pay", got.weighted_days_to_pay == want.weighted_days_to_pay);
  field("avg_days_late", got.avg_days_late == want.avg_days_late);
  field("weighted_days_late", got.weighted_days_late == want.weighted_days_late);
  field("late_share", got.late_share == want.late_share);
  field("interest_cost", got.interest_cost_minor == want.interest_cost_minor);
  field("interest_overflow", got.interest_overflow == want.interest_overflow);
  field("bad_debt", got.bad_debt_written_off_minor == want.bad_debt_written_off_minor);
  field("interest_to_bad_debt", got.interest_to_bad_debt == want.interest_to_bad_debt);
  return out;
}

// Hand book of the one-walk test: C1 (terms 30) and four periods, the third and fourth both
// ending in March.
//   A 2025-01-10 1,000.00 (due 02-09)   P 2025-02-20 400.00 to A   B 2025-03-05 500.00
//   (due 04-04)   C 2025-03-20 300.00 (due 04-19)   W 2025-03-25 write-off of 100.00 of A.
struct StepsBook {
  BookBuilder b;
  StepsBook() {
    Index c = b.customer("C1", 30);
    Index a = b.invoice("A", c, D("2025-01-10"), 100000);
    b.payment("P", c, D("2025-02-20"), 40000, {{a, 40000}});
    b.invoice("B", c, D("2025-03-05"), 50000);
    b.invoice("C", c, D("2025-03-20"), 30000);
    b.write_off("W", a, D("2025-03-25"), 10000);
    build(b);
  }
};
}  // namespace

TEST_SUITE("metrics") {

TEST_CASE("dso: published example 5,000,000 / 9,000,000 x 91 = 50.56") {
  DsoBook x;
  Metrics m = compute_metrics(x.b.book, D("2025-04-01"), D("2025-06-30"));
  CHECK(m.days == 91);
  CHECK(m.credit_sales_minor == 9 * kMillion);
  CHECK(m.ar_end_minor == 5 * kMillion);
  REQUIRE(m.dso);
  CHECK(*m.dso == doctest::Approx(5.0 / 9.0 * 91));
  CHECK(fixed(m.dso, 2) == "50.56");
}

TEST_CASE("dso book: every other figure, by hand") {
  DsoBook x;
  Metrics m = compute_metrics(x.b.book, D("2025-04-01"), D("2025-06-30"));
  // At 06-30: B is 16 days past due (2,000,000 overdue), C is not yet due (current).
  CHECK(m.ar_begin_minor == 0);
  CHECK(m.cash_collected_minor == 4 * kMillion);
  CHECK(m.current_end_minor == 3 * kMillion);
  CHECK(m.overdue_end_minor == 2 * kMillion);
  CHECK(fixed(m.best_possible_dso, 2) == "30.33");  // 3/9 x 91 = 30.333
  CHECK(fixed(m.add, 2) == "20.22");                // 2/9 x 91 = 20.222
  CHECK(fixed(m.cei, 2) == "66.67");                // (0+9-5) / (0+9-3) x 100
  CHECK(fixed(m.collection_rate, 4) == "0.4444");   // 4/9
  CHECK(fixed(m.overdue_ratio, 4) == "0.4000");     // 2/5
  CHECK(fixed(m.at_risk_ratio, 4) == "0.0000");
  // A: settled 06-20; to pay 04-15 -> 06-20 = 66 days; late 05-15 -> 06-20 = 36 days.
  CHECK(m.settled_count == 1);
  CHECK(fixed(m.avg_days_to_pay, 2) == "66.00");
  CHECK(fixed(m.weighted_days_to_pay, 2) == "66.00");
  CHECK(fixed(m.avg_days_late, 2) == "36.00");
  CHECK(fixed(m.weighted_days_late, 2) == "36.00");
  CHECK(fixed(m.late_share, 4) == "1.0000");
  // Interest at 8%: A 300,000,000 cents x 36 + B 200,000,000 x 16 = 14,000,000,000
  // cent-days; x 800 / 3,650,000 = 3,068,493.15 -> 3,068,493 cents.
  CHECK(m.interest_cost_minor == 3068493);
  CHECK(m.bad_debt_written_off_minor == 0);
  CHECK_FALSE(m.interest_to_bad_debt);
}

TEST_CASE("countback: published example Jan 200, Dec 400, Nov 600, Oct 700, Sep 500 = 129") {
  // 2,400 of sales; a 400 payment on 2025-01-31 goes to the oldest due (September's), so
  // 2,000 is open at 31 January. Jan 31 d: 2000-200 = 1800; Dec 31 d: 1400; Nov 30 d: 800;
  // Oct 31 d: 100 left; Sep: 100/500 x 30 = 6. 31+31+30+31+6 = 129.
  BookBuilder b;
  Index c = b.customer("C1", 30);
  b.invoice("SEP", c, D("2024-09-10"), 50000);
  b.invoice("OCT", c, D("2024-10-10"), 70000);
  b.invoice("NOV", c, D("2024-11-10"), 60000);
  b.invoice("DEC", c, D("2024-12-10"), 40000);
  b.invoice("JAN", c, D("2025-01-10"), 20000);
  b.payment("P", c, D("2025-01-31"), 40000);
  build(b);
  Metrics m = compute_metrics(b.book, D("2025-01-01"), D("2025-01-31"));
  CHECK(m.ar_end_minor == 200000);
  REQUIRE(m.countback_dso);
  CHECK(*m.countback_dso == 129.0);
  CHECK_FALSE(m.countback_exhausted);
  // The walk is not bounded by `from`: a longer period gives the same countback.
  CHECK(*compute_metrics(b.book, D("2024-09-01"), D("2025-01-31")).countback_dso == 129.0);
}

TEST_CASE("countback: partial first slice, empty months, exact cover, nothing open") {
  SUBCASE("to mid-month: the first slice is the 1st through `to`") {
    // Jan 1-15 (15 d) 100: 400-100 = 300; December 300 covers exactly 300: 15 + 31 = 46.
    BookBuilder b;
    Index c = b.customer("C1");
    b.invoice("D", c, D("2024-12-05"), 30000);
    b.invoice("J", c, D("2025-01-10"), 10000);
    build(b);
    CHECK(*compute_metrics(b.book, D("2025-01-01"), D("2025-01-15")).countback_dso == 46.0);
  }
  SUBCASE("a month without sales adds its days and the walk goes on") {
    // Nov 600 (300 paid), Jan 200: open 500. Jan 31 d: 300 left; Dec: no sales, +31;
    // Nov 600 >= 300: 300/600 x 30 = 15. 31 + 31 + 15 = 77.
    BookBuilder b;
    Index c = b.customer("C1");
    b.invoice("N", c, D("2024-11-10"), 60000);
    b.invoice("J", c, D("2025-01-10"), 20000);
    b.payment("P", c, D("2025-01-20"), 30000);
    build(b);
    Metrics m = compute_metrics(b.book, D("2025-01-01"), D("2025-01-31"));
    CHECK(m.ar_end_minor == 50000);
    CHECK(*m.countback_dso == 77.0);
  }
  SUBCASE("nothing open: 0 days") {
    BookBuilder b;
    Index c = b.customer("C1");
    Index i = b.invoice("J", c, D("2025-01-10"), 20000);
    b.payment("P", c, D("2025-01-20"), 20000, {{i, 20000}});
    build(b);
    Metrics m = compute_metrics(b.book, D("2025-01-01"), D("2025-01-31"));
    CHECK(*m.countback_dso == 0.0);
    CHECK_FALSE(m.countback_exhausted);
  }
}

TEST_CASE("cei, best possible dso and add with an opening balance") {
  // Terms 30. I1 2025-01-05 1000.00 (due 02-04); I2 2025-02-10 600.00 (due 03-12);
  // P 02-20 700.00 -> I1 (oldest due), 300.00 left. Period February (28 days):
  // ar_begin 1000, sales 600, ar_end 300 + 600 = 900, current 600 (I2), overdue 300.
  BookBuilder b;
  Index c = b.customer("C1", 30);
  b.invoice("I1", c, D("2025-01-05"), 100000);
  b.invoice("I2", c, D("2025-02-10"), 60000);
  b.payment("P", c, D("2025-02-20"), 70000);
  build(b);
  Metrics m = compute_metrics(b.book, D("2025-02-01"), D("2025-02-28"));
  CHECK(m.ar_begin_minor == 100000);
  CHECK(m.ar_end_minor == 90000);
  CHECK(m.current_end_minor == 60000);
  CHECK(*m.cei == doctest::Approx(70.0));             // (1000+600-900)/(1000+600-600) x 100
  CHECK(*m.dso == doctest::Approx(42.0));             // 900/600 x 28
  CHECK(*m.best_possible_dso == doctest::Approx(28.0));  // 600/600 x 28
  CHECK(*m.add == doctest::Approx(14.0));
  CHECK(fixed(m.collection_rate, 4) == "1.1667");     // 700/600
  CHECK(fixed(m.overdue_ratio, 4) == "0.3333");       // 300/900
}

TEST_CASE("days to pay and days late of the invoices settled in the period") {
  // Terms 30; period March 2025.
  //   I1 02-01 100.00 due 03-03, paid 03-01: to pay 28, late 0.
  //   I2 02-01 300.00 due 03-03, paid 03-13: to pay 40, late 10.
  //   I3 01-01 600.00 due 01-31, 200.00 paid 02-15, 400.00 written off 03-21 (the last
  //      reduction settles it): to pay 31+28+20 = 79, late 28+21 = 49.
  //   I4 03-05 50.00, open and current.  I5 01-10 100.00 settled 02-20: before the period.
  BookBuilder b;
  Index c = b.customer("C1", 30);
  Index i1 = b.invoice("I1", c, D("2025-02-01"), 10000);
  Index i2 = b.invoice("I2", c, D("2025-02-01"), 30000);
  Index i3 = b.invoice("I3", c, D("2025-01-01"), 60000);
  b.invoice("I4", c, D("2025-03-05"), 5000);
  Index i5 = b.invoice("I5", c, D("2025-01-10"), 10000);
  b.payment("P1", c, D("2025-03-01"), 10000, {{i1, 10000}});
  b.payment("P2", c, D("2025-03-13"), 30000, {{i2, 30000}});
  b.payment("P3", c, D("2025-02-15"), 20000, {{i3, 20000}});
  b.payment("P5", c, D("2025-02-20"), 10000, {{i5, 10000}});
  b.write_off("W", i3, D("2025-03-21"), 40000);
  build(b);
  Metrics m = compute_metrics(b.book, D("2025-03-01"), D("2025-03-31"));
  CHECK(m.settled_count == 3);
  CHECK(m.cash_collected_minor == 40000);                // P1 + P2
  CHECK(fixed(m.avg_days_to_pay, 2) == "49.00");         // (28+40+79)/3
  CHECK(fixed(m.weighted_days_to_pay, 2) == "62.20");    // (100x28+300x40+600x79)/1000
  CHECK(fixed(m.avg_days_late, 2) == "19.67");           // (0+10+49)/3
  CHECK(fixed(m.weighted_days_late, 2) == "32.40");      // (300x10+600x49)/1000
  CHECK(fixed(m.late_share, 4) == "0.6667");             // 2 of 3
  // Interest: (30,000 x 10 + 60,000 x 49) cent-days = 3,240,000; x 800 / 3,650,000 =
  // 710.14 -> 710 cents. Bad debt: W, 400.00. Ratio 710 / 40,000 = 0.01775.
  CHECK(m.interest_cost_minor == 710);
  CHECK(m.bad_debt_written_off_minor == 40000);
  CHECK(*m.interest_to_bad_debt == doctest::Approx(0.01775));
  CHECK(fixed(m.at_risk_ratio, 4) == "0.0000");
}

TEST_CASE("interest: summed exactly, rounded half up once at the end") {
  // Terms 0; 18.25 paid one day late at 10%: 1825 x 1 x 1000 / 3,650,000 = 0.5 cent.
  BookBuilder b;
  Index c = b.customer("C1", 0);
  Index i1 = b.invoice("I1", c, D("2025-01-01"), 1825);
  b.payment("P1", c, D("2025-01-02"), 1825, {{i1, 1825}});
  SUBCASE("one half cent rounds up to 1") {
    build(b);
    CHECK(compute_metrics(b.book, D("2025-01-02"), D("2025-01-02"), 1000).interest_cost_minor ==
          1);
    CHECK(compute_metrics(b.book, D("2025-01-02"), D("2025-01-02"), 0).interest_cost_minor == 0);
  }
  SUBCASE("two half cents make 1 cent, not 2 (rounded once, not per invoice)") {
    Index i2 = b.invoice("I2", c, D("2025-01-01"), 1825);
    b.payment("P2", c, D("2025-01-02"), 1825, {{i2, 1825}});
    build(b);
    CHECK(compute_metrics(b.book, D("2025-01-02"), D("2025-01-02"), 1000).interest_cost_minor ==
          1);
  }
  SUBCASE("open and past due at `to` counts its days up to `to`") {
    // I2 open, due 01-01, to = 01-04: 1825 x 3 x 1000 / 3,650,000 = 1.5 cents; with I1's
    // 0.5 (settled 01-02, in the period): 2.0 -> 2 cents (per invoice it would be 1 + 2).
    b.invoice("I2", c, D("2025-01-01"), 1825);
    build(b);
    Metrics m = compute_metrics(b.book, D("2025-01-01"), D("2025-01-04"), 1000);
    CHECK(m.overdue_end_minor == 1825);
    CHECK(m.interest_cost_minor == 2);
  }
}

TEST_CASE("zero denominators give null ratios, never NaN or infinity") {
  BookBuilder b;
  Index c = b.customer("C1");
  Index i = b.invoice("I", c, D("2025-01-10"), 10000);
  b.payment("P", c, D("2025-01-20"), 10000, {{i, 10000}});
  build(b);
  // March: no sales, nothing open at the start or the end, nothing settled or written off.
  Metrics m = compute_metrics(b.book, D("2025-03-01"), D("2025-03-31"));
  CHECK(m.days == 31);
  CHECK(m.credit_sales_minor == 0);
  CHECK_FALSE(m.dso);
  CHECK_FALSE(m.best_possible_dso);
  CHECK_FALSE(m.add);
  CHECK_FALSE(m.cei);  // ar_begin + sales - current_end = 0
  CHECK_FALSE(m.collection_rate);
  CHECK_FALSE(m.overdue_ratio);
  CHECK_FALSE(m.at_risk_ratio);
  CHECK(m.settled_count == 0);
  CHECK_FALSE(m.avg_days_to_pay);
  CHECK_FALSE(m.weighted_days_to_pay);
  CHECK_FALSE(m.avg_days_late);
  CHECK_FALSE(m.weighted_days_late);
  CHECK_FALSE(m.late_share);
  CHECK_FALSE(m.interest_to_bad_debt);
  CHECK(m.interest_cost_minor == 0);
  REQUIRE(m.countback_dso);  // Nothing open: 0 days, not null.
  CHECK(*m.countback_dso == 0.0);
  SUBCASE("an empty book too") {
    Book empty;
    REQUIRE(build_index(empty, nullptr));
    Metrics e = compute_metrics(empty, D("2025-01-01"), D("2025-12-31"));
    CHECK(e.days == 365);
    CHECK_FALSE(e.dso);
    CHECK_FALSE(e.cei);
    CHECK(*e.countback_dso == 0.0);
  }
}

TEST_CASE("at risk: open more than 90 days past due at `to`") {
  // Terms 0, to = 2025-06-30: due 04-01 is 90 days past due (not at risk), 03-31 is 91.
  BookBuilder b;
  Index c = b.customer("C1", 0);
  b.invoice("I90", c, D("2025-04-01"), 10000);
  b.invoice("I91", c, D("2025-03-31"), 30000);
  b.invoice("I0", c, D("2025-06-30"), 60000);  // Due today: current.
  build(b);
  Metrics m = compute_metrics(b.book, D("2025-06-01"), D("2025-06-30"));
  CHECK(m.current_end_minor == 60000);
  CHECK(m.overdue_end_minor == 40000);
  CHECK(fixed(m.at_risk_ratio, 4) == "0.3000");
  CHECK(fixed(m.overdue_ratio, 4) == "0.4000");
}

TEST_CASE("documents after `to` do not exist; documents on `from` and `to` count") {
  BookBuilder b;
  Index c = b.customer("C1");
  b.invoice("ON-FROM", c, D("2025-02-01"), 10000);
  b.invoice("ON-TO", c, D("2025-02-28"), 20000);
  b.invoice("AFTER", c, D("2025-03-01"), 40000);
  b.payment("P-AFTER", c, D("2025-03-01"), 5000);
  b.write_off("W-AFTER", 0, D("2025-03-02"), 1000);
  build(b);
  Metrics m = compute_metrics(b.book, D("2025-02-01"), D("2025-02-28"));
  CHECK(m.credit_sales_minor == 30000);
  CHECK(m.ar_end_minor == 30000);
  CHECK(m.cash_collected_minor == 0);
  CHECK(m.bad_debt_written_off_minor == 0);
  CHECK(m.ar_begin_minor == 0);
}

TEST_CASE("filters and rows by customer, salesperson and month") {
  // S1: C1; S2: C2; C3 has no salesperson; C4 has no documents.
  BookBuilder b;
  Index s1 = b.salesperson("S1"), s2 = b.salesperson("S2");
  Index c2 = b.customer("C2", 30, s2);
  Index c1 = b.customer("C1", 30, s1);
  Index c3 = b.customer("C3", 30);
  b.customer("C4", 30, s1);
  b.invoice("A", c1, D("2025-01-20"), 10000);
  b.invoice("B", c2, D("2025-02-10"), 20000);
  b.invoice("C", c3, D("2025-03-05"), 40000);
  b.payment("P", c2, D("2025-03-08"), 5000);
  build(b);
  const Date from = D("2025-01-15"), to = D("2025-03-10");
  Metrics all = compute_metrics(b.book, from, to);
  CHECK(all.credit_sales_minor == 70000);
  CHECK(compute_metrics(b.book, from, to, 800, {MetricsFilter::Kind::Customer, c2})
            .cash_collected_minor == 5000);
  CHECK(compute_metrics(b.book, from, to, 800, {MetricsFilter::Kind::Salesperson, s1})
            .credit_sales_minor == 10000);
  CHECK(compute_metrics(b.book, from, to, 800, {MetricsFilter::Kind::Salesperson, kNone})
            .credit_sales_minor == 40000);
  SUBCASE("by customer: sorted by id, C4 (no documents) left out") {
    auto rows = compute_metrics_by(b.book, from, to, 800, MetricsBy::Customer);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].key == "C1");
    CHECK(rows[1].key == "C2");
    CHECK(rows[2].key == "C3");
    CHECK(rows[1].metrics.credit_sales_minor == 20000);
    CHECK(rows[1].metrics.ar_end_minor == 15000);
  }
  SUBCASE("by salesperson: S1, S2, then \"\" for customers without one") {
    auto rows = compute_metrics_by(b.book, from, to, 800, MetricsBy::Salesperson);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].key == "S1");
    CHECK(rows[2].key == "");
    CHECK(rows[2].metrics.credit_sales_minor == 40000);
  }
  SUBCASE("by month: clipped to the period") {
    auto rows = compute_metrics_by(b.book, from, to, 800, MetricsBy::Month);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].key == "2025-01");
    CHECK(rows[0].metrics.days == 17);  // 01-15..01-31
    CHECK(rows[1].metrics.days == 28);
    CHECK(rows[2].key == "2025-03");
    CHECK(rows[2].metrics.days == 10);  // 03-01..03-10
    CHECK(rows[2].metrics.credit_sales_minor == 40000);
    CHECK(rows[1].metrics.ar_begin_minor == 10000);  // A, open on 01-31
  }
  SUBCASE("rows keep the caller's filter") {
    MetricsFilter only_s2{MetricsFilter::Kind::Salesperson, s2};
    auto rows = compute_metrics_by(b.book, from, to, 800, MetricsBy::Customer, only_s2);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].key == "C2");
    auto months = compute_metrics_by(b.book, from, to, 800, MetricsBy::Month, only_s2);
    CHECK(months[2].metrics.credit_sales_minor == 0);
  }
}

TEST_CASE("periods in one walk: open steps across period ends, by hand") {
  StepsBook x;
  std::vector<MetricsPeriod> periods = {{D("2025-01-01"), D("2025-01-31")},
                                        {D("2025-02-01"), D("2025-02-28")},
                                        {D("2025-03-01"), D("2025-03-15")},
                                        {D("2025-03-16"), D("2025-03-31")}};
  std::vector<Metrics> m = compute_metrics_periods(x.b.book, periods, 800);
  REQUIRE(m.size() == 4);
  // January: A sold and open, not yet due at 01-31.
  CHECK(m[0].credit_sales_minor == 100000);
  CHECK(m[0].ar_begin_minor == 0);
  CHECK(m[0].current_end_minor == 100000);
  // February: P pays 400.00; 600.00 of A open at 02-28, 28 - 9 = 19 days past due.
  // Interest 60,000 x 19 x 800 / 3,650,000 = 249.86 -> 250.
  CHECK(m[1].cash_collected_minor == 40000);
  CHECK(m[1].ar_begin_minor == 100000);
  CHECK(m[1].overdue_end_minor == 60000);
  CHECK(m[1].interest_cost_minor == 250);
  // 03-01..03-15: B sold; C (03-20) does not exist yet. Open 600 (A) + 500 (B) = 1,100.
  // DSO 1,100 / 500 x 15 = 33. Countback: March 1-15 takes 500 (600 left, 15 d), February
  // nothing (43 d), January covers 600 of 1,000: 43 + 600/1000 x 31 = 61.6.
  CHECK(m[2].ar_begin_minor == 60000);
  CHECK(m[2].ar_end_minor == 110000);
  CHECK(m[2].overdue_end_minor == 60000);
  CHECK(*m[2].dso == 33.0);
  CHECK(*m[2].countback_dso == doctest::Approx(61.6));
  // 03-16..03-31 (16 days): C sold, 100.00 of A written off. Open 500 + 500 + 300 = 1,300.
  // DSO 1,300 / 300 x 16 = 69.33. Countback: March (31 d) 800, 500 left; February 0 (59 d);
  // January: 59 + 500/1000 x 31 = 74.5.
  CHECK(m[3].credit_sales_minor == 30000);
  CHECK(m[3].bad_debt_written_off_minor == 10000);
  CHECK(m[3].ar_begin_minor == 110000);
  CHECK(m[3].ar_end_minor == 130000);
  CHECK(m[3].overdue_end_minor == 50000);
  CHECK(m[3].current_end_minor == 80000);
  CHECK(fixed(m[3].dso, 2) == "69.33");
  CHECK(*m[3].countback_dso == doctest::Approx(74.5));
  // And every field as compute_metrics gives it, period by period.
  for (size_t k = 0; k < periods.size(); ++k) {
    INFO("period " << k);
    CHECK(differences(m[k], compute_metrics(x.b.book, periods[k].from, periods[k].to, 800)) ==
          "");
  }
  // Periods that are not consecutive are computed one by one: same results.
  std::vector<MetricsPeriod> gaps = {periods[0], periods[2]};
  std::vector<Metrics> g = compute_metrics_periods(x.b.book, gaps, 800);
  REQUIRE(g.size() == 2);
  CHECK(differences(g[1], m[2]) == "");
  CHECK(compute_metrics_periods(x.b.book, {}, 800).empty());
}

TEST_CASE("one walk for many periods or salespeople == compute_metrics each, generated books") {
  // Seeded books with every kind of document (partial and lump payers, credit notes,
  // write-offs, refunds, disputes, customers that stop paying), several filters, periods
  // starting and ending mid-month, before the first and after the last document, and rates.
  const int32_t rates[] = {0, 800, 1234, kRateBpMax};
  int checked = 0;
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    GenerateParams p;
    p.seed = seed;
    p.salespeople = int32_t(seed % 3) + 1;
    p.customers = 6 + int32_t(seed % 5) * 3;
    p.months = 5 + int32_t(seed % 4) * 2;
    p.start = D(seed % 2 ? "2024-07-01" : "2023-11-17");
    p.explicit_allocations = seed % 3 != 0;
    Book book = generate_book(p);
    REQUIRE(book.index.built);
    Date first = book_first_date(book), last = book_last_date(book);
    std::vector<MetricsFilter> filters = {{}, {MetricsFilter::Kind::Customer, 0},
                                          {MetricsFilter::Kind::Customer, Index(seed % 6)},
                                          {MetricsFilter::Kind::Salesperson, 0},
                                          {MetricsFilter::Kind::Salesperson, kNone}};
    std::vector<std::pair<Date, Date>> spans = {
        {first, last},                  // The whole book (mid-month at both ends).
        {first - 40, first + 75},       // Starts before any document.
        {first + 47, last - 33},        // Mid-month to mid-month.
        {last - 60, last + 95},         // Runs past the last document.
        {first + 100, first + 110},     // Inside one month (or across two).
        {last - 20, last - 20},         // One day.
    };
    for (size_t f = 0; f < filters.size(); ++f) {
      for (size_t k = 0; k < spans.size(); ++k) {
        auto [from, to] = spans[k];
        int32_t rate = rates[(seed + f + k) % 4];
        std::vector<MetricsRow> rows =
            compute_metrics_by(book, from, to, rate, MetricsBy::Month, filters[f]);
        REQUIRE(!rows.empty());
        CHECK(rows.front().metrics.from == from);
        CHECK(rows.back().metrics.to == to);
        for (const MetricsRow& row : rows) {
          const Metrics& got = row.metrics;
          INFO("seed " << seed << " filter " << f << " span " << k << " row " << row.key);
          CHECK(row.filter.kind == filters[f].kind);
          CHECK(format_date(got.from).substr(0, 7) == row.key);
          CHECK(differences(got, compute_metrics(book, got.from, got.to, rate, filters[f])) == "");
          ++checked;
        }
      }
      // Rows by salesperson (one walk for all): each row covers its salesperson's customers
      // that the caller's filter selects, i.e. the narrower of the two filters here.
      for (const MetricsRow& row :
           compute_metrics_by(book, first + 20, last - 20, 800, MetricsBy::Salesperson,
                              filters[f])) {
        INFO("seed " << seed << " filter " << f << " salesperson row " << row.key);
        bool all = filters[f].kind == MetricsFilter::Kind::All;
        Metrics want =
            compute_metrics(book, first + 20, last - 20, 800, all ? row.filter : filters[f]);
        CHECK(differences(row.metrics, want) == "");
        ++checked;
      }
      // Irregular consecutive periods: 10, 45 and 1 days, then 80.
      std::vector<MetricsPeriod> periods = {{first + 3, first + 12}, {first + 13, first + 57},
                                            {first + 58, first + 58}, {first + 59, first + 138}};
      std::vector<Metrics> got = compute_metrics_periods(book, periods, 800, filters[f]);
      REQUIRE(got.size() == periods.size());
      for (size_t k = 0; k < periods.size(); ++k) {
        INFO("seed " << seed << " filter " << f << " period " << k);
        CHECK(differences(got[k], compute_metrics(book, periods[k].from, periods[k].to, 800,
                                                  filters[f])) == "");
        ++checked;
      }
    }
    // Several filters at once: every salesperson and "none" (disjoint: one walk), and an
    // overlapping set (all + one salesperson: each on its own).
    std::vector<MetricsPeriod> months = {{first, first + 30}, {first + 31, first + 61}};
    std::vector<MetricsFilter> people = {{MetricsFilter::Kind::Salesperson, kNone}};
    for (Index sp = 0; sp < book.salespeople.size(); ++sp)
      people.push_back({MetricsFilter::Kind::Salesperson, sp});
    for (const std::vector<MetricsFilter>& set :
         {people, std::vector<MetricsFilter>{{}, {MetricsFilter::Kind::Salesperson, 0}}}) {
      std::vector<std::vector<Metrics>> got = compute_metrics_periods(book, months, 1234, set);
      REQUIRE(got.size() == set.size());
      for (size_t g = 0; g < set.size(); ++g) {
        REQUIRE(got[g].size() == months.size());
        for (size_t k = 0; k < months.size(); ++k) {
          INFO("seed " << seed << " filter set of " << set.size() << ", " << g << ", " << k);
          Metrics want = compute_metrics(book, months[k].from, months[k].to, 1234, set[g]);
          CHECK(differences(got[g][k], want) == "");
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 1000);  // The loops above did run.
}

TEST_CASE("format_fixed: half up from the double's exact value, same digits everywhere") {
  CHECK(format_fixed(89.125, 2) == "89.13");  // An exact binary tie: up, not to even.
  CHECK(format_fixed(0.125, 2) == "0.13");
  CHECK(format_fixed(5.0 / 9.0 * 91, 2) == "50.56");
  CHECK(format_fixed(2.0 / 3.0, 4) == "0.6667");
  CHECK(format_fixed(1.0, 4) == "1.0000");
  CHECK(format_fixed(0.0, 2) == "0.00");
  CHECK(format_fixed(-0.0, 2) == "0.00");
  CHECK(format_fixed(-0.001, 2) == "0.00");
  CHECK(format_fixed(-1.5, 2) == "-1.50");
  CHECK(format_fixed(129.0, 2) == "129.00");
  CHECK(format_fixed(7.0, 0) == "7");
  CHECK(format_fixed(1e-30, 4) == "0.0000");
  CHECK(format_fixed(1e20, 2) == "100000000000000000000.00");
  CHECK(format_fixed(0.1 + 0.2, 2) == "0.30");
}

}  // TEST_SUITE("metrics")
