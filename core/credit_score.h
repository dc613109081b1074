// credit_score.h: a customer's payment score for its credit file (issue 11, "credit file and
// credit control"), computed from its history in the book, with how it was computed, and a
// backtest that says how well it predicts next to a naive baseline.
//
// The practice (../shared/domain/README.md):
//   - "Prevention (before delivery)": the credit file holds the customer's rating and grade,
//     re-evaluated periodically (001, 002, 003, 004); this score is the part of a rating the
//     book can give: how the customer has paid.
//   - "Why money comes in late": late payment costs about ten times bad debt (000, 002), so
//     how often and how late a customer pays weighs most; disputes are a cause of overdue
//     accounts (002, 003, 004), so the disputed share counts too.
//   - Days late as in docs/METRICS.md: settle date - due date, 0 when paid by the due date.
//
// What is scored (as of a date A; documents dated later do not exist yet):
//   - the invoices settled (brought to zero by payments, credit notes or a write-off) in the
//     look-back window (A - lookback_days, A], and
//   - the invoices open past due at A (dated on or before A, due before A).
// For each: days late = settle - due (settled), or A - due so far (open; a lower bound: it is
// still running). Late = days late > 0 (not fully paid by the end of its due date).
//
// The score: 100 points in five parts, each a straight line between its ends, so that every
// part can be shown with its points ("how it was computed"):
//   on time       40 x (1 - late share)                          late share by count
//   days late     30 x max(0, 1 - weighted days late / 60)       weighted by invoice amount
//   disputes      10 x (1 - disputed share)                      `"disputed": true` by count
//   open overdue  10 x (1 - open overdue share)                  of the scored, by count
//   trend         10 x max(0, 1 - worsening / 30)                worsening = weighted days late
//                 of the last 90 days (settled then, and the open overdue) minus that of the
//                 9 months before, when positive; 5 (half) when either part has no invoice.
// score = the sum, less the broken promises' points, rounded half up, 0..100 (100: every
// invoice paid by its due date, no promise broken).
// Fewer than min_settled settled invoices in the window: "not enough history", no score.
//
// Assumptions (said in the output too):
//   - The book holds every invoice and receipt of the customer: a missing one reads as
//     unpaid (late) or as absent history.
//   - A write-off settles an invoice on its date, late as of then: a loss is paid nothing,
//     but it is at least as late as its write-off.
//   - Disputed: the invoice's flag as it is now, or a dispute recorded in the case file on or
//     before A (resolved or not: that it was contested says how the account runs).
//   - Broken promises to pay (case file "promise" records, kept or broken from the ledger,
//     core/casefile.h): each promise whose pay-by date falls in the window and that is broken
//     as of A takes kPromisePoints (5) off the score, at most kPromisePointsMax (10); a kept
//     promise takes nothing off (paying as promised is what the other parts reward).
//   - The weights (40/30/10/10/10) and ends (60 days, 30 days) are a judgement, not fitted;
//     the backtest below says how well the result predicts.
//
// The backtest (score_backtest): cut date D = A - horizon_days (90). For each customer with
// enough history at D, the score at D predicts the share of its invoices due in (D, A] that
// are late (not fully paid by their due date; still open at A counts as late): predicted
// late share = 1 - score / 100 (a fixed monotone map, not fitted). The naive baseline a
// reviewer would expect: the customer's own late share at D ("it will pay as it paid").
// Also shown: the book-wide late share at D for everyone. Reported: mean absolute error of
// each (customers weighted equally) and Spearman rank correlation with the actual share.
//
// Usage:
//   arlab::PaymentScore s = arlab::payment_score(book, customer, as_of);
//   if (s.enough_history) print(s.score); for each part: s.parts[k].points of kPartMax[k]
//   arlab::ScoreBacktest t = arlab::score_backtest(book, as_of);  // t.mae_score, t.mae_own
//
// Tests: tests/core/test_credit_score.cpp (suite "credit_score"), worked by hand.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "book.h"
#include "collection.h"
#include "credit.h"

namespace arlab {

struct ScorePolicy {
  int32_t lookback_days = 365;       // The window: (as_of - lookback_days, as_of].
  int32_t recent_days = 90;          // The trend's recent part: (as_of - recent_days, as_of].
  uint32_t min_settled = 5;          // Fewer settled invoices in the window: no score.
  int32_t days_late_zero = 60;       // Weighted days late that leaves 0 of the 30 points.
  int32_t trend_worse_zero = 30;     // Days of worsening that leave 0 of the 10 points.
};

enum class ScorePart : uint8_t { OnTime, DaysLate, Disputes, OpenOverdue, Trend };
constexpr int kScorePartCount = 5;
constexpr std::array<double, kScorePartCount> kScorePartMax = {40, 30, 10, 10, 10};
constexpr double kPromisePoints = 5;      // Off the score per broken promise in the window.
constexpr double kPromisePointsMax = 10;  // At most.
const char* score_part_name(ScorePart part);  // "on time", "days late", ...
const char* score_part_key(ScorePart part);   // "on_time", "days_late", ... (JSON, CSV)

struct PaymentScore {
  Date as_of;
  Date window_from;                 // First day of the window: as_of - lookback_days + 1.
  Date recent_from;                 // First day of the trend's recent part.
  ScorePolicy policy;
  uint32_t scored_count = 0;        // Settled in the window + open past due at as_of.
  uint32_t settled_count = 0;
  uint32_t open_overdue_count = 0;
  uint32_t late_count = 0;          // Of the scored: days late > 0.
  uint32_t disputed_count = 0;      // Of the scored.
  int64_t scored_minor = 0;         // Their invoice amounts (the days-late weights).
  int64_t open_overdue_minor = 0;   // Open at as_of, of the open past due.
  double late_share = 0;            // late / scored (0 when nothing is scored).
  double weighted_days_late = 0;    // sum(amount x days late) / sum(amount).
  double disputed_share = 0;
  double open_overdue_share = 0;    // open overdue / scored, by count.
  uint32_t recent_count = 0, prior_count = 0;
  std::optional<double> recent_days_late, prior_days_late;  // Weighted; none without invoices.
  std::optional<double> trend_days;  // recent - prior (positive: paying later lately).
  std::array<double, kScorePartCount> points{};  // Each part's points, unrounded.
  double total_points = 0;
  bool enough_history = false;      // settled_count >= policy.min_settled.
  int32_t score = -1;               // 0..100 with enough history; else -1.
  bool promises_recorded = true;    // The case file records them (arlab-book/2).
  uint32_t promises_kept = 0;       // Promises with their pay-by date in the window, as of.
  uint32_t promises_broken = 0;
  double promise_points = 0;        // -kPromisePoints x broken, at least -kPromisePointsMax.
};

// Needs a built index; `customer` a customer of the book. Linear in its invoices.
PaymentScore payment_score(const Book& book, Index customer, Date as_of,
                           const ScorePolicy& policy = {});

// A customer's credit file as the book can give it: the grade, terms and limit (as of its
// last credit review in the case file, else the customer's); what it owes and its headroom
// (core/credit.h, against that limit); its hold and why (core/collection.h, with a hold by
// hand and a release); the review: when it was, when the next is due and the interval of
// its grade (CollectionPolicy::review_months), the security required (guarantee,
// prepayment), the investigation notes (the review records' text); disputes and promises;
// its payment score.
struct CreditFile {
  Index customer = kNone;
  Date as_of;
  CreditCheck credit;        // credit_check(book, customer, as_of, 0), with the review's limit.
  uint8_t hold = kHoldNone;  // HoldReason bits, from collection_position.
  std::string hold_line;     // hold_reasons_line: why, with figures ("" when not on hold).
  std::string release_line;  // hold_release_line: a release in force ("" when none).
  std::string grade;         // As of: the last review's, else the customer's.
  Index last_review = kNone; // The latest "review" record, or none.
  Date next_review = kNoDate;
  bool review_due = false;   // next_review on or before as_of.
  int32_t review_months = 0; // The interval of its grade.
  Security security = Security::None;
  std::vector<Index> reviews;  // Its review records dated on or before, oldest first: notes.
  uint32_t disputes_open = 0;
  int64_t disputed_minor = 0;
  uint32_t promises_kept = 0, promises_broken = 0, promises_pending = 0;  // All, as of.
  PaymentScore score;
};
CreditFile credit_file(const Book& book, Index customer, Date as_of,
                       const ScorePolicy& policy = {});

// Late as the backtest's outcome: not fully paid by the end of its due date (due <= as_of).
bool invoice_late(const Book& book, Index invoice);

struct BacktestRow {
  Index customer = kNone;
  int32_t score = 0;                // At the cut date.
  double predicted = 0;             // 1 - score / 100.
  double own_late_share = 0;        // The baseline: its late share at the cut date.
  uint32_t outcome_count = 0;       // Its invoices due in (cut, as_of].
  uint32_t outcome_late = 0;
  double actual = 0;                // outcome_late / outcome_count.
};

struct ScoreBacktest {
  Date cut, as_of;
  int32_t horizon_days = 90;
  ScorePolicy policy;
  std::vector<BacktestRow> rows;    // Customers with enough history and an outcome, book order.
  uint32_t customers = 0;           // In the book.
  uint32_t without_history = 0;     // Not enough history at the cut date.
  uint32_t without_outcome = 0;     // Enough history, but no invoice due in (cut, as_of].
  std::optional<double> book_late_share;  // All scored invoices at the cut date, pooled.
  std::optional<double> mae_score, mae_own, mae_book;        // Mean absolute errors.
  std::optional<double> spearman_score, spearman_own;        // Rank correlation with actual.
  double actual_mean = 0;
};

// Needs a built index. horizon_days > 0. Scores every customer at the cut date: linear in
// the book's invoices.
ScoreBacktest score_backtest(const Book& book, Date as_of, const ScorePolicy& policy = {},
                             int32_t horizon_days = 90);

}  // namespace arlab
