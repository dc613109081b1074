// credit_report.h: a customer's credit file and the payment score's backtest as reports
// (`arlab credit`, core/credit_score.h), as a text table, JSON or CSV.
//
// Credit file JSON (amounts as decimal strings, like every arlab report; shares 0..1 and days
// with 4 and 2 decimals; null where there is nothing to say):
//   {"as_of": "2025-06-30", "currency": "USD",
//    "customer": {"id": "C1", "name": "Acme", "grade": "A", "terms_days": 30,
//                 "credit_limit": "1000.00", "owed": "250.00", "headroom": "750.00"},
//    "hold": {"on_hold": false, "reasons": [], "why": "", "released": null},
//    "review": {"last": "2025-01-10", "next": "2025-07-10", "due": false, "months": 6,
//               "security": "guarantee", "notes": [{"date", "by", "grade", "text"}]},
//    "disputes": {"open": 1, "amount": "100.00"},
//    "promises": {"kept": 1, "broken": 0, "pending": 0},
//    "score": {"value": 87, "enough_history": true, "min_settled": 5,
//              "window": {"from": "2024-07-01", "to": "2025-06-30", "recent_from": "2025-04-02"},
//              "scored": 6, "settled": 5, "open_overdue": 1, "late": 2, "disputed": 1,
//              "late_share": 0.3333, "weighted_days_late": 6.25, "disputed_share": 0.1667,
//              "open_overdue_share": 0.1667, "recent_days_late": 10.00,
//              "prior_days_late": 2.50, "trend_days": 7.50,
//              "parts": [{"part": "on_time", "points": 26.67, "max": 40}, ...],
//              "promises": {"kept": 0, "broken": 1, "points": -5.00},
//              "total_points": 81.9},
//    "assumptions": ["...", ...]}
// Backtest JSON: {"as_of", "cut", "horizon_days", "map": "predicted late share = 1 - score/100",
//   "baseline": "...", "customers", "scored", "without_history", "without_outcome",
//   "book_late_share", "actual_mean", "mae": {"score", "own_late_share", "book_late_share"},
//   "spearman": {"score", "own_late_share"}, "rows": [{"id", "name", "score", "predicted",
//   "own_late_share", "due", "late", "actual"}]}
#pragma once
#include <string>
#include <vector>

#include "core/book.h"
#include "core/credit_score.h"

namespace arlab {

std::string credit_file_table(const Book& book, const CreditFile& file);
std::string credit_file_json(const Book& book, const CreditFile& file);
std::string credit_file_csv(const Book& book, const CreditFile& file);

std::string score_backtest_table(const Book& book, const ScoreBacktest& test);
std::string score_backtest_json(const Book& book, const ScoreBacktest& test);
std::string score_backtest_csv(const Book& book, const ScoreBacktest& test);

// One part of the score in words, as the table and the app show it:
// "late 2 of 6 (33.3%)", "weighted 6.3 days late", "last 90 d 10.0, before 2.5: 7.5 worse".
std::string score_part_measure(const PaymentScore& score, ScorePart part);
// The assumptions the score rests on, one sentence each (core/credit_score.h).
const std::vector<std::string>& score_assumptions();

}  // namespace arlab
