// budget.cpp: budget targets, their text form, and the months against them (core/budget.h).
//
// [SECTION] Text form of the targets
// [SECTION] Comparison with the actuals
#include "core/budget.h"

#include "core/money.h"

namespace arlab {

// =========================================================================================
// [SECTION] Text form of the targets
// =========================================================================================

namespace {

// A non-negative decimal with at most `decimals` places, as an integer of those places.
bool parse_fixed(std::string_view text, int decimals, int64_t* out, std::string* why) {
  if (!text.empty() && text[0] == '-') {
    *why = "must not be negative";
    return false;
  }
  return parse_amount(text, decimals, out, why);
}

// `value` with `decimals` places, trailing zeros (and a bare point) dropped: 4550 -> "45.5".
std::string trimmed(int64_t value, int decimals) {
  std::string text = format_amount(value, decimals);
  while (text.back() == '0' && text.find('.') != std::string::npos) text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

bool parse_dso_target(std::string_view text, int32_t* centidays, std::string* why) {
  int64_t value = 0;
  if (!parse_fixed(text, 2, &value, why)) {
    if (*why == "is not a decimal number") *why += ": expected days such as \"45\" or \"45.5\"";
    return false;
  }
  if (value > kDsoTargetCentidaysMax) {
    *why = "is more than 3650 days";
    return false;
  }
  *centidays = static_cast<int32_t>(value);
  return true;
}

bool parse_overdue_ratio_target(std::string_view text, int32_t* bp, std::string* why) {
  const bool percent = !text.empty() && text.back() == '%';
  if (percent) text.remove_suffix(1);
  int64_t value = 0;  // Basis points either way: percent with 2 places, fraction with 4.
  if (!parse_fixed(text, percent ? 2 : 4, &value, why)) {
    if (*why == "is not a decimal number") {
      *why += ": expected a fraction such as 0.15 or a percentage such as \"15%\"";
    }
    return false;
  }
  if (value > kOverdueRatioTargetBpMax) {
    *why = percent ? "is more than 100%"
                   : "is more than 1: give a fraction such as 0.15 or a percentage such as "
                     "\"15%\"";
    return false;
  }
  *bp = static_cast<int32_t>(value);
  return true;
}

std::string format_dso_target(int32_t centidays) {
  return trimmed(centidays, 2);
}

std::string format_overdue_ratio_target(int32_t bp) {
  return trimmed(bp, 2) + "%";
}

bool budget_valid(const Budget& budget, Problem* problem) {
  if (budget.dso_target_centidays < -1 || budget.dso_target_centidays > kDsoTargetCentidaysMax) {
    *problem = {"budget.dso_days", "the DSO target must be 0 to 3650 days"};
    return false;
  }
  if (budget.overdue_ratio_target_bp < -1 ||
      budget.overdue_ratio_target_bp > kOverdueRatioTargetBpMax) {
    *problem = {"budget.overdue_ratio", "the overdue ratio target must be 0% to 100%"};
    return false;
  }
  return true;
}

// =========================================================================================
// [SECTION] Comparison with the actuals
// =========================================================================================

std::optional<bool> dso_meets(const Metrics& m, int32_t target_centidays) {
  if (target_centidays < 0 || m.credit_sales_minor <= 0) return std::nullopt;
  // ar_end / credit_sales x days <= target / 100, both sides times 100 x credit_sales.
  using Int128 = __int128;
  return Int128(m.ar_end_minor) * m.days * 100 <= Int128(target_centidays) * m.credit_sales_minor;
}

std::optional<bool> overdue_ratio_meets(const Metrics& m, int32_t target_bp) {
  if (target_bp < 0 || m.ar_end_minor <= 0) return std::nullopt;
  using Int128 = __int128;
  return Int128(m.overdue_end_minor) * 10000 <= Int128(target_bp) * m.ar_end_minor;
}

BudgetReport compare_to_budget(const Budget& budget, const std::vector<MetricsRow>& months) {
  BudgetReport r;
  r.budget = budget;
  if (!months.empty()) {
    r.from = months.front().metrics.from;
    r.to = months.back().metrics.to;
  }
  for (const MetricsRow& row : months) {
    BudgetMonth m{row.key, row.metrics, dso_meets(row.metrics, budget.dso_target_centidays),
                  overdue_ratio_meets(row.metrics, budget.overdue_ratio_target_bp)};
    if (m.dso_met) ++(*m.dso_met ? r.dso_met_count : r.dso_missed_count);
    if (m.overdue_ratio_met) {
      ++(*m.overdue_ratio_met ? r.overdue_ratio_met_count : r.overdue_ratio_missed_count);
    }
    r.months.push_back(std::move(m));
  }
  return r;
}

BudgetReport compute_budget_report(const Book& book, Date from, Date to, int32_t rate_bp) {
  BudgetReport r =
      compare_to_budget(book.budget, compute_metrics_by(book, from, to, rate_bp, MetricsBy::Month));
  r.from = from;
  r.to = to;
  return r;
}

}  // namespace arlab
