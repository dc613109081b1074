// credit_report.cpp: see credit_report.h.
//
// [SECTION] Shared: numbers and the score's parts in words
// [SECTION] The credit file
// [SECTION] The backtest
#include "io/credit_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/date.h"
#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "io/cells.h"

namespace arlab {

// =========================================================================================
// [SECTION] Shared
// =========================================================================================

namespace {

std::string fixed(double x, int decimals) { return decimal_text(x, decimals); }

std::string percent(double share) { return fixed(share * 100, 1) + "%"; }

std::string opt_fixed(const std::optional<double>& x, int decimals) {
  return x ? fixed(*x, decimals) : "null";
}

std::string amount(const Book& book, int64_t minor) {
  return format_amount_grouped(minor, book.minor_digits);
}


std::string hold_text(const CreditFile& f) {
  return f.hold ? "yes: " + f.hold_line : "no";
}

std::string date_or(Date d, const char* none) {
  return d == kNoDate ? std::string(none) : format_date(d);
}

// "last 2025-01-10, next 2025-07-10 (due); grade B: every 6 months".
std::string review_text(const Book& book, const CreditFile& f) {
  std::string last = f.last_review == kNone
                         ? std::string("never")
                         : format_date(book.collection.records[f.last_review].date);
  return "last " + last + ", next " + date_or(f.next_review, "none") +
         (f.review_due ? " (due)" : "") + "; grade " + (f.grade.empty() ? "none" : f.grade) +
         ": every " + std::to_string(f.review_months) + " months";
}

std::string promise_measure(const PaymentScore& s) {
  return "broken " + std::to_string(s.promises_broken) + ", kept " +
         std::to_string(s.promises_kept) + " (-" + fixed(kPromisePoints, 0) + " each, at most -" +
         fixed(kPromisePointsMax, 0) + ")";
}

}  // namespace

std::string score_part_measure(const PaymentScore& s, ScorePart part) {
  std::string n = std::to_string(s.scored_count);
  switch (part) {
    case ScorePart::OnTime:
      return "late " + std::to_string(s.late_count) + " of " + n + " (" +
             percent(s.late_share) + ")";
    case ScorePart::DaysLate:
      return "weighted " + fixed(s.weighted_days_late, 1) + " days late (0 points at " +
             std::to_string(s.policy.days_late_zero) + ")";
    case ScorePart::Disputes:
      return "disputed " + std::to_string(s.disputed_count) + " of " + n + " (" +
             percent(s.disputed_share) + ")";
    case ScorePart::OpenOverdue:
      return "open past due " + std::to_string(s.open_overdue_count) + " of " + n + " (" +
             percent(s.open_overdue_share) + ")";
    case ScorePart::Trend:
      if (!s.trend_days) {
        return std::string("not enough to tell (") +
               (s.recent_count ? "nothing before the last " : "nothing in the last ") +
               std::to_string(s.policy.recent_days) + " d): half";
      }
      return "last " + std::to_string(s.policy.recent_days) + " d " +
             fixed(*s.recent_days_late, 1) + " days late, before " +
             fixed(*s.prior_days_late, 1) + ": " + fixed(std::fabs(*s.trend_days), 1) +
             (*s.trend_days > 0 ? " worse" : " better");
  }
  return "";
}

const std::vector<std::string>& score_assumptions() {
  static const std::vector<std::string> kAssumptions = {
      "the book holds every invoice and receipt of the customer",
      "days late = settle date - due date; an invoice still open past due counts its days so far",
      "a write-off settles its invoice on its date",
      "disputed: the invoice's flag as it is now, or a dispute in the case file on or before "
      "the date",
      "a promise to pay is kept when the customer's payments from its date to its pay-by date "
      "reach its amount, broken when not by then",
      "the weights 40/30/10/10/10 and ends (60 days late, 30 days worse) are a judgement, "
      "not fitted: see `arlab credit BOOK --backtest` (docs/CREDIT.md)",
  };
  return kAssumptions;
}

// =========================================================================================
// [SECTION] The credit file
// =========================================================================================

std::string credit_file_table(const Book& book, const CreditFile& f) {
  const Customer& cu = book.customers[f.customer];
  const PaymentScore& s = f.score;
  std::string out = "Credit file of " + table_text(cu.id) + " " + table_text(cu.name) +
                    " as of " + format_date(f.as_of) + " (" + table_text(book.currency) + ")\n\n";
  std::string score_line =
      s.enough_history
          ? std::to_string(s.score) + " / 100"
          : "not enough history (" + std::to_string(s.settled_count) + " settled, " +
                std::to_string(s.policy.min_settled) + " needed)";
  std::vector<std::vector<std::string>> head = {
      {"Grade", f.grade.empty() ? "none" : table_text(f.grade)},
      {"Terms", std::to_string(cu.terms_days) + " days"},
      {"Credit limit", f.credit.has_limit() ? amount(book, f.credit.limit_minor) : "none"},
      {"Owed", amount(book, f.credit.owed_minor)},
      {"Headroom", f.credit.has_limit() ? amount(book, f.credit.headroom_minor) : "no limit"},
      {"Hold", table_text(hold_text(f))}};
  if (!f.release_line.empty()) head.push_back({"Released", table_text(f.release_line)});
  head.push_back({"Review", table_text(review_text(book, f))});
  head.push_back({"Security", security_name(f.security)});
  head.push_back({"Disputes", std::to_string(f.disputes_open) + " open, " +
                                  amount(book, f.disputed_minor)});
  head.push_back({"Promises", "kept " + std::to_string(f.promises_kept) + ", broken " +
                                  std::to_string(f.promises_broken) + ", pending " +
                                  std::to_string(f.promises_pending)});
  head.push_back({"Payment score", score_line});
  head.push_back({"Window", format_date(s.window_from) + " .. " + format_date(s.as_of) + ": " +
                                std::to_string(s.settled_count) + " settled, " +
                                std::to_string(s.open_overdue_count) + " open past due"});
  out += text_columns(head, {});
  out += "\nHow it was computed:\n";
  std::vector<std::vector<std::string>> rows = {{"Part", "Measure", "Points", "of"}};
  for (int k = 0; k < kScorePartCount; ++k) {
    ScorePart part = static_cast<ScorePart>(k);
    rows.push_back({score_part_name(part), score_part_measure(s, part), fixed(s.points[k], 1),
                    fixed(kScorePartMax[k], 0)});
  }
  rows.push_back({"promises", promise_measure(s), fixed(s.promise_points, 1),
                  "-" + fixed(kPromisePointsMax, 0)});
  rows.push_back({"total", s.enough_history ? "rounded: " + std::to_string(s.score) : "no score",
                  fixed(s.total_points, 1), "100"});
  out += text_columns(rows, {false, false, true, true});
  if (!f.reviews.empty()) {
    out += "\nCredit reviews and investigation notes:\n";
    for (Index r : f.reviews) {
      const CaseRecord& rec = book.collection.records[r];
      out += "  " + format_date(rec.date) + (rec.by.empty() ? "" : " " + table_text(rec.by)) +
             ": grade " + (rec.grade.empty() ? "none" : table_text(rec.grade)) +
             (rec.amount_minor >= 0 ? ", limit " + amount(book, rec.amount_minor) : "") +
             (rec.security != Security::None ? std::string(", ") + security_name(rec.security)
                                             : "") +
             (rec.text.empty() ? "" : ". " + table_text(rec.text)) + "\n";
    }
  }
  out += "\nAssumptions:\n";
  for (const std::string& a : score_assumptions()) out += "  - " + a + "\n";
  return out;
}

std::string credit_file_json(const Book& book, const CreditFile& f) {
  const Customer& cu = book.customers[f.customer];
  const PaymentScore& s = f.score;
  const int digits = book.minor_digits;
  std::string out = "{\n  \"as_of\": \"" + format_date(f.as_of) + "\",\n  \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"customer\": {\"id\": ";
  append_json_string(out, cu.id);
  out += ", \"name\": ";
  append_json_string(out, cu.name);
  out += ", \"grade\": ";
  if (f.grade.empty()) {
    out += "null";
  } else {
    append_json_string(out, f.grade);
  }
  out += ", \"terms_days\": " + std::to_string(cu.terms_days) + ", \"credit_limit\": ";
  out += f.credit.has_limit() ? "\"" + format_amount(f.credit.limit_minor, digits) + "\"" : "null";
  out += ", \"owed\": \"" + format_amount(f.credit.owed_minor, digits) + "\", \"headroom\": ";
  out += f.credit.has_limit() ? "\"" + format_amount(f.credit.headroom_minor, digits) + "\""
                              : "null";
  out += "},\n  \"hold\": {\"on_hold\": ";
  out += f.hold ? "true" : "false";
  out += ", \"reasons\": [";
  const char* sep = "";
  if (f.hold & kHoldOverLimit) out += "\"over_limit\"", sep = ", ";
  if (f.hold & kHoldPastLimit) out += std::string(sep) + "\"past_limit\"", sep = ", ";
  if (f.hold & kHoldManual) out += std::string(sep) + "\"manual\"";
  out += "], \"why\": ";
  append_json_string(out, f.hold_line);
  out += ", \"released\": ";
  if (f.release_line.empty()) {
    out += "null";
  } else {
    append_json_string(out, f.release_line);
  }
  out += "},\n  \"review\": {\"last\": ";
  out += f.last_review == kNone
             ? "null"
             : "\"" + format_date(book.collection.records[f.last_review].date) + "\"";
  out += ", \"next\": " + (f.next_review == kNoDate ? "null" : "\"" + format_date(f.next_review) + "\"");
  out += std::string(", \"due\": ") + (f.review_due ? "true" : "false") +
         ", \"months\": " + std::to_string(f.review_months) + ", \"security\": \"" +
         security_name(f.security) + "\", \"notes\": [";
  for (size_t k = 0; k < f.reviews.size(); ++k) {
    const CaseRecord& rec = book.collection.records[f.reviews[k]];
    out += k ? ", {\"date\": \"" : "{\"date\": \"";
    out += format_date(rec.date) + "\", \"by\": ";
    append_json_string(out, rec.by);
    out += ", \"grade\": ";
    append_json_string(out, rec.grade);
    out += ", \"text\": ";
    append_json_string(out, rec.text);
    out += '}';
  }
  out += "]},\n  \"disputes\": {\"open\": " + std::to_string(f.disputes_open) +
         ", \"amount\": \"" + format_amount(f.disputed_minor, digits) +
         "\"}, \"promises\": {\"kept\": " + std::to_string(f.promises_kept) +
         ", \"broken\": " + std::to_string(f.promises_broken) +
         ", \"pending\": " + std::to_string(f.promises_pending) + "}";
  out += ",\n  \"score\": {\"value\": ";
  out += s.enough_history ? std::to_string(s.score) : "null";
  out += std::string(", \"enough_history\": ") + (s.enough_history ? "true" : "false") +
         ", \"min_settled\": " + std::to_string(s.policy.min_settled) +
         ",\n            \"window\": {\"from\": \"" + format_date(s.window_from) +
         "\", \"to\": \"" + format_date(s.as_of) + "\", \"recent_from\": \"" +
         format_date(s.recent_from) + "\"},\n            \"scored\": " +
         std::to_string(s.scored_count) + ", \"settled\": " + std::to_string(s.settled_count) +
         ", \"open_overdue\": " + std::to_string(s.open_overdue_count) +
         ", \"late\": " + std::to_string(s.late_count) +
         ", \"disputed\": " + std::to_string(s.disputed_count) +
         ",\n            \"late_share\": " + fixed(s.late_share, 4) +
         ", \"weighted_days_late\": " + fixed(s.weighted_days_late, 2) +
         ", \"disputed_share\": " + fixed(s.disputed_share, 4) +
         ", \"open_overdue_share\": " + fixed(s.open_overdue_share, 4) +
         ",\n            \"recent_days_late\": " + opt_fixed(s.recent_days_late, 2) +
         ", \"prior_days_late\": " + opt_fixed(s.prior_days_late, 2) +
         ", \"trend_days\": " + opt_fixed(s.trend_days, 2) + ",\n            \"parts\": [";
  for (int k = 0; k < kScorePartCount; ++k) {
    out += k ? ", " : "";
    out += "{\"part\": \"" + std::string(score_part_key(static_cast<ScorePart>(k))) +
           "\", \"points\": " + fixed(s.points[k], 2) +
           ", \"max\": " + fixed(kScorePartMax[k], 0) + "}";
  }
  out += "],\n            \"promises\": {\"kept\": " + std::to_string(s.promises_kept) +
         ", \"broken\": " + std::to_string(s.promises_broken) +
         ", \"points\": " + fixed(s.promise_points, 2) +
         "},\n            \"total_points\": " + fixed(s.total_points, 2) +
         "},\n  \"assumptions\": [";
  const auto& assumptions = score_assumptions();
  for (size_t k = 0; k < assumptions.size(); ++k) {
    out += k ? ",\n    " : "\n    ";
    append_json_string(out, assumptions[k]);
  }
  out += "\n  ]\n}\n";
  return out;
}

std::string credit_file_csv(const Book& book, const CreditFile& f) {
  const Customer& cu = book.customers[f.customer];
  const PaymentScore& s = f.score;
  const int digits = book.minor_digits;
  std::string out =
      "customer_id,customer_name,grade,terms_days,credit_limit,owed,headroom,on_hold,over_limit,"
      "past_limit,score,enough_history,window_from,as_of,scored,settled,open_overdue,late,"
      "disputed,late_share,weighted_days_late,disputed_share,open_overdue_share,trend_days";
  for (int k = 0; k < kScorePartCount; ++k) {
    out += std::string(",") + score_part_key(static_cast<ScorePart>(k)) + "_points";
  }
  out += ",promises_kept,promises_broken,promise_points,total_points,on_hold_by_hand,last_review,"
         "next_review,review_due,security,disputes_open,disputed\n";
  append_csv_text(out, cu.id);
  out += ',';
  append_csv_text(out, cu.name);
  out += ',';
  append_csv_text(out, f.grade);
  out += ',' + std::to_string(cu.terms_days) + ',';
  if (f.credit.has_limit()) append_csv_number(out, format_amount(f.credit.limit_minor, digits));
  out += ',';
  append_csv_number(out, format_amount(f.credit.owed_minor, digits));
  out += ',';
  if (f.credit.has_limit()) append_csv_number(out, format_amount(f.credit.headroom_minor, digits));
  out += f.hold ? ",yes" : ",no";
  out += (f.hold & kHoldOverLimit) ? ",yes" : ",no";
  out += (f.hold & kHoldPastLimit) ? ",yes," : ",no,";
  if (s.enough_history) out += std::to_string(s.score);
  out += s.enough_history ? ",yes," : ",no,";
  out += format_date(s.window_from) + ',' + format_date(s.as_of) + ',' +
         std::to_string(s.scored_count) + ',' + std::to_string(s.settled_count) + ',' +
         std::to_string(s.open_overdue_count) + ',' + std::to_string(s.late_count) + ',' +
         std::to_string(s.disputed_count) + ',' + fixed(s.late_share, 4) + ',' +
         fixed(s.weighted_days_late, 2) + ',' + fixed(s.disputed_share, 4) + ',' +
         fixed(s.open_overdue_share, 4) + ',' + (s.trend_days ? fixed(*s.trend_days, 2) : "");
  for (int k = 0; k < kScorePartCount; ++k) out += ',' + fixed(s.points[k], 2);
  out += ',' + std::to_string(s.promises_kept) + ',' + std::to_string(s.promises_broken) + ',' +
         fixed(s.promise_points, 2) + ',' + fixed(s.total_points, 2);
  out += (f.hold & kHoldManual) ? ",yes," : ",no,";
  if (f.last_review != kNone) out += format_date(book.collection.records[f.last_review].date);
  out += ',' + (f.next_review == kNoDate ? std::string() : format_date(f.next_review));
  out += std::string(f.review_due ? ",yes," : ",no,") + security_name(f.security) + ',' +
         std::to_string(f.disputes_open) + ',';
  append_csv_number(out, format_amount(f.disputed_minor, digits));
  out += '\n';
  return out;
}

// =========================================================================================
// [SECTION] The backtest
// =========================================================================================

namespace {

constexpr const char* kMapText = "predicted late share = 1 - score/100 (fixed, not fitted)";
constexpr const char* kBaselineText =
    "naive baseline: each customer's own late share at the cut date";

}  // namespace

std::string score_backtest_table(const Book& book, const ScoreBacktest& t) {
  std::string out = "Score backtest: scores at " + format_date(t.cut) +
                    " predict the late share of invoices due " + format_date(t.cut + 1) +
                    " .. " + format_date(t.as_of) + "\n";
  out += "Customers: " + std::to_string(t.customers) + "; tested " +
         std::to_string(t.rows.size()) + " (" + std::to_string(t.without_history) +
         " without enough history at the cut, " + std::to_string(t.without_outcome) +
         " with nothing due after it)\n";
  out += std::string(kMapText) + "; " + kBaselineText + ".\n";
  if (t.rows.empty()) return out + "Nothing to test.\n";
  out += '\n';
  auto opt = [](const std::optional<double>& x, int d) { return x ? fixed(*x, d) : "-"; };
  out += text_columns({{"Predictor", "MAE", "Spearman"},
                  {"score", opt(t.mae_score, 3), opt(t.spearman_score, 2)},
                  {"own late share (naive)", opt(t.mae_own, 3), opt(t.spearman_own, 2)},
                  {"book late share " + opt(t.book_late_share, 3), opt(t.mae_book, 3), "-"}},
                 {false, true, true});
  out += "Actual late share, mean over customers: " + fixed(t.actual_mean, 3) + "\n\n";
  std::vector<std::vector<std::string>> rows = {
      {"Customer", "Name", "Score", "Predicted", "Own", "Due", "Late", "Actual"}};
  for (const BacktestRow& r : t.rows) {
    const Customer& cu = book.customers[r.customer];
    rows.push_back({table_text(cu.id), table_text(cu.name), std::to_string(r.score),
                    fixed(r.predicted, 3), fixed(r.own_late_share, 3),
                    std::to_string(r.outcome_count), std::to_string(r.outcome_late),
                    fixed(r.actual, 3)});
  }
  out += text_columns(rows, {false, false, true, true, true, true, true, true});
  return out;
}

std::string score_backtest_json(const Book& book, const ScoreBacktest& t) {
  std::string out = "{\n  \"as_of\": \"" + format_date(t.as_of) + "\", \"cut\": \"" +
                    format_date(t.cut) + "\", \"horizon_days\": " +
                    std::to_string(t.horizon_days) + ",\n  \"map\": \"" + kMapText +
                    "\",\n  \"baseline\": \"" + kBaselineText + "\",\n  \"customers\": " +
                    std::to_string(t.customers) + ", \"tested\": " +
                    std::to_string(t.rows.size()) + ", \"without_history\": " +
                    std::to_string(t.without_history) + ", \"without_outcome\": " +
                    std::to_string(t.without_outcome) + ",\n  \"book_late_share\": " +
                    opt_fixed(t.book_late_share, 4) + ", \"actual_mean\": " +
                    (t.rows.empty() ? "null" : fixed(t.actual_mean, 4)) +
                    ",\n  \"mae\": {\"score\": " + opt_fixed(t.mae_score, 4) +
                    ", \"own_late_share\": " + opt_fixed(t.mae_own, 4) +
                    ", \"book_late_share\": " + opt_fixed(t.mae_book, 4) +
                    "},\n  \"spearman\": {\"score\": " + opt_fixed(t.spearman_score, 4) +
                    ", \"own_late_share\": " + opt_fixed(t.spearman_own, 4) +
                    "},\n  \"rows\": [";
  for (size_t k = 0; k < t.rows.size(); ++k) {
    const BacktestRow& r = t.rows[k];
    const Customer& cu = book.customers[r.customer];
    out += k ? ",\n    {\"id\": " : "\n    {\"id\": ";
    append_json_string(out, cu.id);
    out += ", \"name\": ";
    append_json_string(out, cu.name);
    out += ", \"score\": " + std::to_string(r.score) + ", \"predicted\": " +
           fixed(r.predicted, 4) + ", \"own_late_share\": " + fixed(r.own_late_share, 4) +
           ", \"due\": " + std::to_string(r.outcome_count) + ", \"late\": " +
           std::to_string(r.outcome_late) + ", \"actual\": " + fixed(r.actual, 4) + "}";
  }
  out += t.rows.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string score_backtest_csv(const Book& book, const ScoreBacktest& t) {
  std::string out =
      "customer_id,customer_name,cut,as_of,score,predicted,own_late_share,due,late,actual\n";
  for (const BacktestRow& r : t.rows) {
    const Customer& cu = book.customers[r.customer];
    append_csv_text(out, cu.id);
    out += ',';
    append_csv_text(out, cu.name);
    out += ',' + format_date(t.cut) + ',' + format_date(t.as_of) + ',' + std::to_string(r.score) +
           ',' + fixed(r.predicted, 4) + ',' + fixed(r.own_late_share, 4) + ',' +
           std::to_string(r.outcome_count) + ',' + std::to_string(r.outcome_late) + ',' +
           fixed(r.actual, 4) + '\n';
  }
  return out;
}

}  // namespace arlab
