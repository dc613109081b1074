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

std::string fixed(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string s = buf;
  if (s == "-0.0" || s == "-0.00" || s == "-0.0000") s.erase(0, 1);  // Never "-0.0".
  return s;
}

std::string percent(double share) { return fixed(share * 100, 1) + "%"; }

std::string opt_fixed(const std::optional<double>& x, int decimals) {
  return x ? fixed(*x, decimals) : "null";
}

std::string amount(const Book& book, int64_t minor) {
  return format_amount_grouped(minor, book.minor_digits);
}


std::string hold_text(uint8_t hold) {
  if (!hold) return "no";
  std::string out = "yes: ";
  if (hold & kHoldOverLimit) out += "over credit limit";
  if (hold & kHoldPastLimit) out += std::string(hold & kHoldOverLimit ? ", " : "") + "past 1/3 limit";
  return out;
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
      "disputed is the invoice's flag as it is now (the book keeps no dispute dates)",
      "broken promises are not recorded in the book yet: not part of the score",
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
  out += text_columns(
      {{"Grade", cu.grade.empty() ? "none" : table_text(cu.grade)},
       {"Terms", std::to_string(cu.terms_days) + " days"},
       {"Credit limit", f.credit.has_limit() ? amount(book, f.credit.limit_minor) : "none"},
       {"Owed", amount(book, f.credit.owed_minor)},
       {"Headroom", f.credit.has_limit() ? amount(book, f.credit.headroom_minor) : "no limit"},
       {"Hold", hold_text(f.hold)},
       {"Payment score", score_line},
       {"Window", format_date(s.window_from) + " .. " + format_date(s.as_of) + ": " +
                      std::to_string(s.settled_count) + " settled, " +
                      std::to_string(s.open_overdue_count) + " open past due"}},
      {});
  out += "\nHow it was computed:\n";
  std::vector<std::vector<std::string>> rows = {{"Part", "Measure", "Points", "of"}};
  for (int k = 0; k < kScorePartCount; ++k) {
    ScorePart part = static_cast<ScorePart>(k);
    rows.push_back({score_part_name(part), score_part_measure(s, part), fixed(s.points[k], 1),
                    fixed(kScorePartMax[k], 0)});
  }
  rows.push_back({"total", s.enough_history ? "rounded: " + std::to_string(s.score) : "no score",
                  fixed(s.total_points, 1), "100"});
  rows.push_back({"promises", "not recorded yet", "", ""});
  out += text_columns(rows, {false, false, true, true});
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
  if (cu.grade.empty()) {
    out += "null";
  } else {
    append_json_string(out, cu.grade);
  }
  out += ", \"terms_days\": " + std::to_string(cu.terms_days) + ", \"credit_limit\": ";
  out += f.credit.has_limit() ? "\"" + format_amount(f.credit.limit_minor, digits) + "\"" : "null";
  out += ", \"owed\": \"" + format_amount(f.credit.owed_minor, digits) + "\", \"headroom\": ";
  out += f.credit.has_limit() ? "\"" + format_amount(f.credit.headroom_minor, digits) + "\""
                              : "null";
  out += "},\n  \"hold\": {\"on_hold\": ";
  out += f.hold ? "true" : "false";
  out += ", \"reasons\": [";
  if (f.hold & kHoldOverLimit) out += "\"over_limit\"";
  if (f.hold & kHoldPastLimit) out += (f.hold & kHoldOverLimit) ? ", \"past_limit\"" : "\"past_limit\"";
  out += "]},\n  \"score\": {\"value\": ";
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
  out += "],\n            \"total_points\": " + fixed(s.total_points, 2) +
         ", \"promises\": \"not recorded yet\"},\n  \"assumptions\": [";
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
  out += ",total_points,promises\n";
  append_csv_text(out, cu.id);
  out += ',';
  append_csv_text(out, cu.name);
  out += ',';
  append_csv_text(out, cu.grade);
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
  out += ',' + fixed(s.total_points, 2) + ",not recorded yet\n";
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
