// policy.cpp: the simulator's policies, their parameters by name, validation and figures
// (policy.h).
#include "policy.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "money.h"
#include "text.h"

namespace arlab {

std::vector<GradeShare> DiscountLever::default_take_up() {
  return {{"A", 500000}, {"B", 350000}, {"C", 200000}, {"D", 50000}};
}

const char* gate_scope_name(GateScope s) {
  switch (s) {
    case GateScope::Salesperson: return "salesperson";
    case GateScope::Customer: return "customer";
    case GateScope::Team: return "team";
  }
  return "";
}

bool parse_gate_scope(std::string_view text, GateScope* out) {
  for (GateScope s : {GateScope::Salesperson, GateScope::Customer, GateScope::Team})
    if (text == gate_scope_name(s)) {
      *out = s;
      return true;
    }
  return false;
}

// ---- [SECTION] Parameters by name ------------------------------------------------------------

namespace {

constexpr const char* kAssumption = "arlab's assumption: set it from your own records";
constexpr const char* kLever = "a lever: the policy's choice";
constexpr int64_t kMinorMax = 1'000'000'000'000'000;  // 10^18: any amount of a book.

// The table: names are the policy file's members joined by dots (io/policy_json.h).
const std::vector<SimParam>& params_table() {
  static const std::vector<SimParam> table = {
      {"discount.rate", "Discount rate", ParamUnit::Ppm, 0, 500000, false, kLever},
      {"discount.within_days", "Discount if paid within (days)", ParamUnit::Days, 0, 365, false,
       kLever},
      {"discount.take_up.A", "Take-up, grade A", ParamUnit::Ppm, 0, 1000000, true, kAssumption},
      {"discount.take_up.B", "Take-up, grade B", ParamUnit::Ppm, 0, 1000000, true, kAssumption},
      {"discount.take_up.C", "Take-up, grade C", ParamUnit::Ppm, 0, 1000000, true, kAssumption},
      {"discount.take_up.D", "Take-up, grade D", ParamUnit::Ppm, 0, 1000000, true, kAssumption},
      {"discount.take_up_other", "Take-up, other grades", ParamUnit::Ppm, 0, 1000000, true,
       kAssumption},
      {"discount.reference_rate", "Take-up figures are for rate", ParamUnit::Ppm, 1, 500000, true,
       kAssumption},
      {"terms.net_days", "Net terms (days)", ParamUnit::Days, -1, 365, false,
       "a lever; off: each customer's own terms"},
      {"terms.follow", "Payment follows the due date by", ParamUnit::Ppm, 0, 1000000, true,
       kAssumption},
      {"holds.stop_after_days", "Stop supply after (days overdue)", ParamUnit::Days, -1, 3650,
       false, "001: overdue days must not pass one third of the credit period (30 -> 10)"},
      {"holds.limit", "Stop supply above credit limit x", ParamUnit::Ppm, -1, 10000000, false,
       "001, 002: credit limits from the credit file; stop supply when the customer will not "
       "pay"},
      {"holds.lost", "Stopped sales lost", ParamUnit::Ppm, 0, 1000000, true,
       "002, 003: reduce shipments step by step (the share never made up: assumption)"},
      {"prevention.on", "Credit vetting before delivery", ParamUnit::Switch, 0, 1, false, kLever},
      {"prevention.avoided", "Default risk avoided by vetting", ParamUnit::Ppm, 0, 1000000, true,
       "003: management before delivery prevents 70% of default risk"},
      {"prevention.refused_good", "Good sales refused by vetting", ParamUnit::Ppm, 0, 1000000,
       true, kAssumption},
      {"prevention.cost_per_customer", "Vetting cost per customer a year", ParamUnit::Minor, 0,
       kMinorMax, false, "a lever's cost: your own figure"},
      {"dunning.reminder_before_due", "Reminder before the due date", ParamUnit::Switch, 0, 1,
       false, "001: call a week before the due date to confirm the settlement date"},
      {"dunning.avoided", "Defaults avoided by process control", ParamUnit::Ppm, 0, 1000000, true,
       "003: management between delivery and due date avoids 35% of defaults"},
      {"dunning.reminder_late_cut", "Days late cut by reminders", ParamUnit::Ppm, 0, 1000000,
       true, kAssumption},
      {"dunning.first_letter_days", "First letter (days overdue)", ParamUnit::Days, -1, 365,
       false, "a lever; off: the book's collection policy (its first level)"},
      {"dunning.late_cut_per_week", "Days late cut per week earlier", ParamUnit::Ppm, 0, 500000,
       true, "003: the success rate falls as time overdue grows (size: assumption)"},
      {"recovery.on", "Collection after the fact", ParamUnit::Switch, 0, 1, false, kLever},
      {"recovery.recovered", "Losses recovered", ParamUnit::Ppm, 0, 1000000, true,
       "003: after-the-fact collection recovers 41% of losses"},
      {"recovery.fee", "Recovery fee", ParamUnit::Ppm, 0, 1000000, true, kAssumption},
      {"recovery.delay_days", "Recovered after (days past due)", ParamUnit::Days, 0, 3650, true,
       kAssumption},
      {"commission.on", "Commission plan", ParamUnit::Switch, 0, 1, false, kLever},
      {"commission.basis", "Commission on", ParamUnit::Choice, 0, 2, false,
       "001, 002, 003: tie commission to cash collected, not to sales", "invoiced|collected|split"},
      {"commission.rate", "Commission rate", ParamUnit::Ppm, -1, 1000000, false, kLever},
      {"commission.collection_rate_min", "Collection-rate gate", ParamUnit::Ppm, -1, 10000000,
       false, "003: commission counts only when the customer's collection rate reaches 80%"},
      {"commission.gate_scope", "Gate on each", ParamUnit::Choice, 0, 2, false,
       "003 gates each customer; salesperson and team gates are the variants managers ask for",
       "salesperson|customer|team"},
      {"commission.sales_target", "Sales target a month", ParamUnit::Minor, -1, kMinorMax, false,
       "003: commission counts only when the sales target is met"},
      {"commission.collection_target", "Collection target a month", ParamUnit::Minor, -1,
       kMinorMax, false, "002: rewards for people who meet collection targets"},
      {"commission.target_bonus", "Bonus at the collection target", ParamUnit::Minor, 0,
       kMinorMax, false, kLever},
      {"commission.late_cut_per_point", "Days late cut per point of tie", ParamUnit::Ppm, 0,
       500000, true,
       "003: a collection-tied plan raised the collection rate year after year (size: "
       "assumption)"},
      {"commission.sales_dip_per_point", "Sales dip per point of tie", ParamUnit::Ppm, 0, 500000,
       true, "003: sales completion dipped slightly (size: assumption)"},
      {"financing.cost_of_capital", "Cost of capital a year", ParamUnit::Ppm, 0, 1000000, true,
       kAssumption},
      {"financing.factored", "Share of new invoices factored", ParamUnit::Ppm, 0, 1000000, false,
       "002: financing tools: factoring"},
      {"financing.factoring_fee", "Factoring fee", ParamUnit::Ppm, 0, 500000, true, kAssumption},
      {"financing.advance", "Factor's advance", ParamUnit::Ppm, 0, 1000000, false, kLever},
      {"financing.pledged", "Share of receivables pledged", ParamUnit::Ppm, 0, 1000000, false,
       "002: financing tools: pledging receivables"},
      {"financing.pledge_rate", "Pledge loan rate a year", ParamUnit::Ppm, 0, 1000000, true,
       kAssumption},
      {"margin", "Gross margin on sales", ParamUnit::Ppm, 0, 1000000, true, kAssumption},
  };
  return table;
}

// Where each numeric parameter lives in a policy (take-up by grade, switches and choices apart).
template <typename F>
bool visit_param(SimPolicy* p, std::string_view name, F&& f) {
  auto i32 = [&](int32_t& v) { return f(v); };
  if (name == "discount.rate") return i32(p->discount.rate_ppm);
  if (name == "discount.within_days") return i32(p->discount.within_days);
  if (name == "discount.take_up_other") return i32(p->discount.take_up_other_ppm);
  if (name == "discount.reference_rate") return i32(p->discount.reference_rate_ppm);
  if (name == "terms.net_days") return i32(p->terms.net_days);
  if (name == "terms.follow") return i32(p->terms.follow_ppm);
  if (name == "holds.stop_after_days") return i32(p->holds.stop_after_days);
  if (name == "holds.limit") return i32(p->holds.limit_ppm);
  if (name == "holds.lost") return i32(p->holds.lost_ppm);
  if (name == "prevention.avoided") return i32(p->prevention.avoided_ppm);
  if (name == "prevention.refused_good") return i32(p->prevention.refused_good_ppm);
  if (name == "dunning.avoided") return i32(p->dunning.avoided_ppm);
  if (name == "dunning.reminder_late_cut") return i32(p->dunning.reminder_late_cut_ppm);
  if (name == "dunning.first_letter_days") return i32(p->dunning.first_letter_days);
  if (name == "dunning.late_cut_per_week") return i32(p->dunning.late_cut_per_week_ppm);
  if (name == "recovery.recovered") return i32(p->recovery.recovered_ppm);
  if (name == "recovery.fee") return i32(p->recovery.fee_ppm);
  if (name == "recovery.delay_days") return i32(p->recovery.delay_days);
  if (name == "commission.rate") return i32(p->commission.plan.rate_ppm);
  if (name == "commission.collection_rate_min")
    return i32(p->commission.plan.gates.collection_rate_min_ppm);
  if (name == "commission.late_cut_per_point") return i32(p->commission.late_cut_per_point_ppm);
  if (name == "commission.sales_dip_per_point") return i32(p->commission.sales_dip_per_point_ppm);
  if (name == "financing.cost_of_capital") return i32(p->financing.cost_of_capital_ppm);
  if (name == "financing.factored") return i32(p->financing.factored_ppm);
  if (name == "financing.factoring_fee") return i32(p->financing.factoring_fee_ppm);
  if (name == "financing.advance") return i32(p->financing.advance_ppm);
  if (name == "financing.pledged") return i32(p->financing.pledged_ppm);
  if (name == "financing.pledge_rate") return i32(p->financing.pledge_rate_ppm);
  if (name == "margin") return i32(p->margin_ppm);
  if (name == "prevention.cost_per_customer") return f(p->prevention.cost_per_customer_minor);
  if (name == "commission.sales_target") return f(p->commission.plan.gates.sales_target_minor);
  if (name == "commission.collection_target") return f(p->commission.collection_target_minor);
  if (name == "commission.target_bonus") return f(p->commission.target_bonus_minor);
  return false;
}

}  // namespace

const std::vector<SimParam>& sim_params() { return params_table(); }

const SimParam* find_sim_param(std::string_view name) {
  for (const SimParam& p : params_table())
    if (name == p.name) return &p;
  return nullptr;
}

namespace {

constexpr std::string_view kTakeUpPrefix = "discount.take_up.";

int32_t* take_up_slot(SimPolicy* p, std::string_view grade, bool create) {
  for (GradeShare& g : p->discount.take_up)
    if (g.grade == grade) return &g.ppm;
  if (!create) return nullptr;
  p->discount.take_up.push_back({std::string(grade), p->discount.take_up_other_ppm});
  return &p->discount.take_up.back().ppm;
}

}  // namespace

bool get_sim_param(const SimPolicy& p, std::string_view name, int64_t* value) {
  if (name.substr(0, kTakeUpPrefix.size()) == kTakeUpPrefix) {
    const std::string_view grade = name.substr(kTakeUpPrefix.size());
    SimPolicy& q = const_cast<SimPolicy&>(p);  // take_up_slot(create = false) does not write.
    const int32_t* slot = take_up_slot(&q, grade, false);
    *value = slot ? *slot : p.discount.take_up_other_ppm;
    return true;
  }
  if (name == "prevention.on") return *value = p.prevention.on, true;
  if (name == "dunning.reminder_before_due") return *value = p.dunning.reminder_before_due, true;
  if (name == "recovery.on") return *value = p.recovery.on, true;
  if (name == "commission.on") return *value = p.commission.on, true;
  if (name == "commission.basis") return *value = int64_t(p.commission.plan.basis), true;
  if (name == "commission.gate_scope") return *value = int64_t(p.commission.gate_scope), true;
  SimPolicy& q = const_cast<SimPolicy&>(p);  // visit_param only reads through the lambda here.
  return visit_param(&q, name, [&](auto& field) {
    *value = int64_t(field);
    return true;
  });
}

bool set_sim_param(SimPolicy* p, std::string_view name, int64_t value) {
  if (name.substr(0, kTakeUpPrefix.size()) == kTakeUpPrefix) {
    *take_up_slot(p, name.substr(kTakeUpPrefix.size()), true) = int32_t(value);
    return true;
  }
  if (name == "prevention.on") return p->prevention.on = value != 0, true;
  if (name == "dunning.reminder_before_due") return p->dunning.reminder_before_due = value != 0, true;
  if (name == "recovery.on") return p->recovery.on = value != 0, true;
  if (name == "commission.on") return p->commission.on = value != 0, true;
  if (name == "commission.basis") {
    p->commission.plan.basis = CommissionBasis(std::clamp<int64_t>(value, 0, 2));
    return true;
  }
  if (name == "commission.gate_scope") {
    p->commission.gate_scope = GateScope(std::clamp<int64_t>(value, 0, 2));
    return true;
  }
  return visit_param(p, name, [&](auto& field) {
    field = static_cast<std::remove_reference_t<decltype(field)>>(value);
    return true;
  });
}

namespace {

std::string choice_name(const SimParam& param, int64_t value) {
  std::string_view all = param.choices ? param.choices : "";
  for (int64_t i = 0; !all.empty(); ++i) {
    const size_t bar = all.find('|');
    const std::string_view item = all.substr(0, bar);
    if (i == value) return std::string(item);
    if (bar == std::string_view::npos) break;
    all.remove_prefix(bar + 1);
  }
  return std::to_string(value);
}

std::string_view trim(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return t;
}

}  // namespace

std::string format_sim_param(const SimParam& param, int64_t value, int minor_digits) {
  if (value < 0 && param.min < 0) return "off";
  switch (param.unit) {
    case ParamUnit::Ppm: return format_ppm_percent(value);
    case ParamUnit::Days: return std::to_string(value);
    case ParamUnit::Minor: return format_amount(value, minor_digits);
    case ParamUnit::Switch: return value ? "on" : "off";
    case ParamUnit::Choice: return choice_name(param, value);
  }
  return std::to_string(value);
}

bool parse_sim_param(const SimParam& param, std::string_view text, int64_t* value,
                     std::string* why, int minor_digits) {
  text = trim(text);
  if (param.min < 0 && text == "off") {
    *value = -1;
    return true;
  }
  int64_t v = 0;
  switch (param.unit) {
    case ParamUnit::Ppm: {
      int32_t ppm = 0;
      if (!parse_ppm(text, int32_t(param.max), &ppm, why)) return false;
      v = ppm;
      break;
    }
    case ParamUnit::Days: {
      if (text.empty() || text.size() > 6 ||
          !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        *why = quoted(text) + " is not a whole number of days";
        return false;
      }
      v = std::stoll(std::string(text));
      break;
    }
    case ParamUnit::Minor: {
      std::string inner;
      if (!parse_amount(text, minor_digits, &v, &inner)) {
        *why = quoted(text) + " is not an amount: " + inner;
        return false;
      }
      break;
    }
    case ParamUnit::Switch:
      if (text == "on" || text == "true") v = 1;
      else if (text == "off" || text == "false") v = 0;
      else {
        *why = quoted(text) + " is not on or off";
        return false;
      }
      break;
    case ParamUnit::Choice: {
      bool found = false;
      for (int64_t i = param.min; i <= param.max && !found; ++i)
        if (choice_name(param, i) == text) v = i, found = true;
      if (!found) {
        std::string list = param.choices ? param.choices : "";
        std::replace(list.begin(), list.end(), '|', ',');
        *why = quoted(text) + " is not one of " + list;
        return false;
      }
      break;
    }
  }
  if (v < param.min || v > param.max) {
    *why = format_sim_param(param, v, minor_digits) + " is out of range (" +
           format_sim_param(param, std::max<int64_t>(param.min, 0), minor_digits) + " to " +
           format_sim_param(param, param.max, minor_digits) + ")";
    return false;
  }
  *value = v;
  return true;
}

// ---- [SECTION] Validation --------------------------------------------------------------------

bool validate_sim_policy(const SimPolicy& p, std::vector<Problem>* problems) {
  const size_t before = problems->size();
  auto add = [&](std::string place, std::string message) {
    Problem pr;
    pr.place = std::move(place);
    pr.message = std::move(message);
    problems->push_back(std::move(pr));
  };
  if (p.name.empty()) add("name", "a policy needs a name");
  for (const SimParam& param : params_table()) {
    int64_t v = 0;
    get_sim_param(p, param.name, &v);
    if (v < param.min || v > param.max)
      add(param.name, format_sim_param(param, v) + " is out of range (" +
                          format_sim_param(param, std::max<int64_t>(param.min, 0)) + " to " +
                          format_sim_param(param, param.max) + ")");
  }
  for (const GradeShare& g : p.discount.take_up)
    if (g.ppm < 0 || g.ppm > kPpmOne)
      add(std::string(kTakeUpPrefix) + g.grade, format_ppm_percent(g.ppm) + " is not 0% to 100%");
  if (p.discount.rate_ppm > 0 && p.terms.net_days >= 0 &&
      p.discount.within_days >= p.terms.net_days)
    add("discount.within_days",
        "must be less than terms.net_days (" + std::to_string(p.terms.net_days) + ")");
  if (p.commission.on) {
    if (p.commission.plan.rate_ppm < 0 && p.commission.plan.tiers.empty())
      add("commission.rate", "a commission plan needs a rate (or tiers)");
    std::vector<Problem> plan_problems;
    CommissionPlan plan = p.commission.plan;
    if (plan.name.empty()) plan.name = p.name;
    validate_commission_plan(plan, &plan_problems);
    for (Problem& pr : plan_problems) {
      pr.place = "commission.plan." + pr.place;
      problems->push_back(std::move(pr));
    }
    if (p.commission.collection_target_minor < 0 && p.commission.target_bonus_minor > 0)
      add("commission.target_bonus", "a bonus needs commission.collection_target");
  }
  return problems->size() == before;
}

// ---- [SECTION] Figures -----------------------------------------------------------------------

std::optional<double> discount_annual_cost(int32_t rate_ppm, int32_t within_days,
                                           int32_t net_days) {
  if (net_days <= within_days || rate_ppm < 0 || rate_ppm >= kPpmOne) return std::nullopt;
  const double r = rate_ppm / double(kPpmOne);
  return r / (1 - r) * 365.0 / double(net_days - within_days);
}

double commission_tie_points(const CommissionLever& c) {
  if (!c.on) return 0;
  double points = 0;
  if (c.plan.basis == CommissionBasis::Collected) points += 1;
  if (c.plan.basis == CommissionBasis::Split) points += 0.5;
  if (c.plan.gates.collection_rate_min_ppm >= 0) {
    switch (c.gate_scope) {
      case GateScope::Salesperson: points += 1; break;
      case GateScope::Customer: points += 1.5; break;
      case GateScope::Team: points += 0.5; break;
    }
  }
  if (c.collection_target_minor >= 0 && c.target_bonus_minor > 0) points += 0.5;
  return points;
}

int32_t discount_take_up_ppm(const DiscountLever& d, std::string_view grade) {
  if (d.rate_ppm <= 0 || d.reference_rate_ppm <= 0) return 0;
  int64_t base = d.take_up_other_ppm;
  for (const GradeShare& g : d.take_up)
    if (g.grade == grade) base = g.ppm;
  return int32_t(std::min<int64_t>(kPpmOne, base * d.rate_ppm / d.reference_rate_ppm));
}

}  // namespace arlab
