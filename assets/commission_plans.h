// commission_plans.h: the example commission plans of assets/plans/ (docs/COMMISSION.md),
// embedded at build time: the presets of the app's Commission tab.
//
// Usage:
//   for (const arlab::EmbeddedPlan& p : arlab::kEmbeddedPlans)
//     arlab::read_commission_plan(p.json(), book.minor_digits, &plan, &problems);
#pragma once
#include <string_view>

namespace arlab {

// The bytes of assets/plans/<name>.json, not 0-terminated.
std::string_view plan_cash_80_gate_json();
std::string_view plan_sales_based_json();
std::string_view plan_split_holdback_json();

struct EmbeddedPlan {
  const char* file_name;  // "cash-80-gate.json"
  std::string_view (*json)();
};

inline constexpr EmbeddedPlan kEmbeddedPlans[] = {
    {"cash-80-gate.json", plan_cash_80_gate_json},
    {"sales-based.json", plan_sales_based_json},
    {"split-holdback.json", plan_split_holdback_json},
};

}  // namespace arlab
