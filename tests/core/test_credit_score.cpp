// test_credit_score.cpp: the payment score and its backtest (core/credit_score.h), worked
// out by hand.
#include <doctest/doctest.h>

#include "book_builder.h"
#include "core/credit_score.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

// C1 (terms 30), every payment allocated explicitly:
//   INV-1 2024-05-01 100.00 due 05-31, paid 2024-06-15 (15 days late)
//   INV-2 2024-09-01 100.00 due 10-01, paid 2024-09-20 (on time)
//   INV-3 2024-10-01 200.00 due 10-31, paid 2024-11-10 (10 days late), disputed
//   INV-4 2024-12-01 100.00 due 12-31, paid 2024-12-31 (on its due date: on time)
//   INV-5 2025-02-01 100.00 due 03-03, paid 2025-03-03 (on time)
//   INV-6 2025-03-15 200.00 due 04-14, paid 2025-05-04 (20 days late)
//   INV-7 2025-05-01 100.00 due 05-31, 50.00 paid 2025-06-01, 50.00 still open
//   INV-8 2025-06-10 100.00 due 07-10, open
// C2: nothing. C3 (terms 30): five 100.00 invoices dated the 1st of 2024-10 .. 2025-02,
//   each paid on the 11th of its month (on time); INV-C3-6 2025-04-10 due 05-10, paid 05-01.
BookBuilder score_book() {
  BookBuilder b;
  Index c1 = b.customer("C1");
  b.customer("C2");
  Index c3 = b.customer("C3");
  Index i1 = b.invoice("INV-1", c1, D("2024-05-01"), 10000);
  Index i2 = b.invoice("INV-2", c1, D("2024-09-01"), 10000);
  Index i3 = b.invoice("INV-3", c1, D("2024-10-01"), 20000);
  b.book.invoices[i3].flags |= kInvoiceDisputed;
  Index i4 = b.invoice("INV-4", c1, D("2024-12-01"), 10000);
  Index i5 = b.invoice("INV-5", c1, D("2025-02-01"), 10000);
  Index i6 = b.invoice("INV-6", c1, D("2025-03-15"), 20000);
  Index i7 = b.invoice("INV-7", c1, D("2025-05-01"), 10000);
  b.invoice("INV-8", c1, D("2025-06-10"), 10000);
  b.payment("P-1", c1, D("2024-06-15"), 10000, {{i1, 10000}});
  b.payment("P-2", c1, D("2024-09-20"), 10000, {{i2, 10000}});
  b.payment("P-3", c1, D("2024-11-10"), 20000, {{i3, 20000}});
  b.payment("P-4", c1, D("2024-12-31"), 10000, {{i4, 10000}});
  b.payment("P-5", c1, D("2025-03-03"), 10000, {{i5, 10000}});
  b.payment("P-6", c1, D("2025-05-04"), 20000, {{i6, 20000}});
  b.payment("P-7", c1, D("2025-06-01"), 5000, {{i7, 5000}});
  const char* months[] = {"2024-10", "2024-11", "2024-12", "2025-01", "2025-02"};
  for (int k = 0; k < 5; ++k) {
    std::string m = months[k];
    Index inv = b.invoice("INV-C3-" + std::to_string(k + 1), c3, D(m + "-01"), 10000);
    b.payment("P-C3-" + std::to_string(k + 1), c3, D(m + "-11"), 10000, {{inv, 10000}});
  }
  Index c3_6 = b.invoice("INV-C3-6", c3, D("2025-04-10"), 10000);
  b.payment("P-C3-6", c3, D("2025-05-01"), 10000, {{c3_6, 10000}});
  REQUIRE(b.build());
  return b;
}

}  // namespace

TEST_SUITE("credit_score") {

TEST_CASE("the score of C1 on 2025-06-30, part by part") {
  BookBuilder b = score_book();
  PaymentScore s = payment_score(b.book, 0, D("2025-06-30"));
  // Window (2024-06-30, 2025-06-30]: INV-1 settled 2024-06-15 is before it.
  CHECK(s.window_from == D("2024-07-01"));
  CHECK(s.recent_from == D("2025-04-02"));
  CHECK(s.settled_count == 5);       // INV-2..6.
  CHECK(s.open_overdue_count == 1);  // INV-7 (INV-8 is not due yet).
  CHECK(s.open_overdue_minor == 5000);
  CHECK(s.scored_count == 6);
  CHECK(s.late_count == 3);  // INV-3, INV-6, INV-7.
  CHECK(s.disputed_count == 1);
  CHECK(s.scored_minor == 80000);
  CHECK(s.late_share == doctest::Approx(0.5));
  // (200 x 10 + 200 x 20 + 100 x 30) / 800 = 9000 / 800.
  CHECK(s.weighted_days_late == doctest::Approx(11.25));
  CHECK(s.disputed_share == doctest::Approx(1.0 / 6));
  CHECK(s.open_overdue_share == doctest::Approx(1.0 / 6));
  // Recent: INV-6 (settled 05-04) and INV-7 (open): (200 x 20 + 100 x 30) / 300 = 23.33;
  // before: INV-2..5: 200 x 10 / 500 = 4.
  CHECK(s.recent_count == 2);
  CHECK(s.prior_count == 4);
  REQUIRE(s.recent_days_late);
  REQUIRE(s.prior_days_late);
  CHECK(*s.recent_days_late == doctest::Approx(7000.0 / 300));
  CHECK(*s.prior_days_late == doctest::Approx(4.0));
  REQUIRE(s.trend_days);
  CHECK(*s.trend_days == doctest::Approx(7000.0 / 300 - 4));
  CHECK(s.points[int(ScorePart::OnTime)] == doctest::Approx(20));        // 40 x 0.5
  CHECK(s.points[int(ScorePart::DaysLate)] == doctest::Approx(24.375));  // 30 x (1 - 11.25/60)
  CHECK(s.points[int(ScorePart::Disputes)] == doctest::Approx(50.0 / 6));
  CHECK(s.points[int(ScorePart::OpenOverdue)] == doctest::Approx(50.0 / 6));
  // 10 x (1 - 19.33 / 30) = 3.56.
  CHECK(s.points[int(ScorePart::Trend)] == doctest::Approx(10 * (1 - (7000.0 / 300 - 4) / 30)));
  CHECK(s.total_points == doctest::Approx(64.597).epsilon(0.0001));
  CHECK(s.enough_history);
  CHECK(s.score == 65);
  CHECK(s.promises_recorded);  // The case file can record them; this book has none.
  CHECK(s.promises_broken == 0);
  CHECK(s.promise_points == 0);
}

TEST_CASE("fewer settled invoices than the policy asks: no score, the parts still shown") {
  BookBuilder b = score_book();
  // 2025-03-02: INV-1..4 settled in the window; INV-5 (due 03-03) is not past due.
  PaymentScore s = payment_score(b.book, 0, D("2025-03-02"));
  CHECK(s.settled_count == 4);
  CHECK(s.open_overdue_count == 0);
  CHECK_FALSE(s.enough_history);
  CHECK(s.score == -1);
  ScorePolicy four;
  four.min_settled = 4;
  PaymentScore t = payment_score(b.book, 0, D("2025-03-02"), four);
  CHECK(t.enough_history);
  CHECK(t.score >= 0);
  // C2 has no invoice: nothing late, the trend untold (half of 10): 95 points, no score.
  PaymentScore none = payment_score(b.book, 1, D("2025-06-30"));
  CHECK(none.scored_count == 0);
  CHECK_FALSE(none.trend_days);
  CHECK(none.points[int(ScorePart::Trend)] == doctest::Approx(5));
  CHECK(none.total_points == doctest::Approx(95));
  CHECK(none.score == -1);
}

TEST_CASE("documents after the as-of date do not exist yet") {
  BookBuilder b = score_book();
  // 2025-05-03: INV-6 (due 04-14) is open 19 days past due; its payment of 05-04 is later.
  PaymentScore s = payment_score(b.book, 0, D("2025-05-03"));
  CHECK(s.open_overdue_count == 1);
  CHECK(s.open_overdue_minor == 20000);
  CHECK(s.settled_count == 5);  // INV-1..5: the window starts 2024-05-04, INV-1 settled 06-15.
  CHECK(s.window_from == D("2024-05-04"));
}

TEST_CASE("late: not fully paid by the end of its due date") {
  BookBuilder b = score_book();
  CHECK(invoice_late(b.book, 0));         // INV-1 paid 15 days after.
  CHECK_FALSE(invoice_late(b.book, 3));   // INV-4 paid on its due date.
  CHECK(invoice_late(b.book, 6));         // INV-7 half paid after its due date.
}

TEST_CASE("the backtest at 2025-06-30: cut 2025-04-01") {
  BookBuilder b = score_book();
  ScoreBacktest t = score_backtest(b.book, D("2025-06-30"));
  CHECK(t.cut == D("2025-04-01"));
  CHECK(t.customers == 3);
  CHECK(t.without_history == 1);  // C2.
  CHECK(t.without_outcome == 0);
  REQUIRE(t.rows.size() == 2);
  // C1 at 2025-04-01: window from 2024-04-02: INV-1 (15 late), INV-2, INV-3 (10 late,
  // disputed), INV-4, INV-5 settled; INV-6 not yet due. Late 2 of 5: 40 x 0.6 = 24;
  // days late (100 x 15 + 200 x 10) / 600 = 5.83: 30 x (1 - 5.83/60) = 27.08; disputes
  // 10 x 0.8 = 8; open overdue 10; trend: recent (from 2025-01-02) INV-5 0 days, before
  // 3500 / 500 = 7: better, 10. Total 79.08 -> 79; predicted 0.21.
  const BacktestRow& c1 = t.rows[0];
  CHECK(c1.customer == 0);
  CHECK(c1.score == 79);
  CHECK(c1.predicted == doctest::Approx(0.21));
  CHECK(c1.own_late_share == doctest::Approx(0.4));
  CHECK(c1.outcome_count == 2);  // INV-6 (paid late), INV-7 (open past due); INV-8 due 07-10.
  CHECK(c1.outcome_late == 2);
  CHECK(c1.actual == doctest::Approx(1.0));
  // C3: all on time, trend 0: 100; INV-C3-6 paid before its due date.
  const BacktestRow& c3 = t.rows[1];
  CHECK(c3.customer == 2);
  CHECK(c3.score == 100);
  CHECK(c3.predicted == doctest::Approx(0));
  CHECK(c3.outcome_count == 1);
  CHECK(c3.outcome_late == 0);
  // Pooled at the cut: C1 2 of 5 late, C3 0 of 5: 0.2.
  REQUIRE(t.book_late_share);
  CHECK(*t.book_late_share == doctest::Approx(0.2));
  REQUIRE(t.mae_score);
  CHECK(*t.mae_score == doctest::Approx((0.79 + 0) / 2));
  CHECK(*t.mae_own == doctest::Approx((0.6 + 0) / 2));
  CHECK(*t.mae_book == doctest::Approx((0.8 + 0.2) / 2));
  CHECK(t.actual_mean == doctest::Approx(0.5));
  CHECK_FALSE(t.spearman_score);  // Two customers: too few to rank.
}

TEST_CASE("the credit file: owed, headroom and hold beside the score") {
  BookBuilder b = score_book();
  b.book.customers[0].credit_limit_minor = 10000;
  // Open on 2025-06-30: INV-7 50.00 + INV-8 100.00 = 150.00, over the 100.00 limit; INV-7 is
  // 30 days past due, past its one-third limit (10): both reasons.
  CreditFile f = credit_file(b.book, 0, D("2025-06-30"));
  CHECK(f.credit.owed_minor == 15000);
  CHECK(f.credit.headroom_minor == -5000);
  CHECK(f.hold == (kHoldOverLimit | kHoldPastLimit));
  CHECK(f.score.score == 65);
}

}  // TEST_SUITE
