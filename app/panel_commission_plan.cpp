// panel_commission_plan.cpp: the plan editor of the Commission tab (issue 5, "a plan editor
// with validation"): every member of a commission plan (docs/COMMISSION.md) as a form, the
// two slots A and B, the example plans of assets/plans/ as presets, Load plan... and Export
// plan (canonical JSON, io/commission_plan.h), and a read-only JSON view of what would be saved.
// Each slot's plan (canonical JSON) and where it came from are kept across sessions
// (platform::save_setting) whenever a plan is loaded or applied; at start the slots are filled
// from them. A saved plan that names what this book lacks loads with its problems shown; one
// that no longer reads leaves the slot on its preset, with the reasons and the saved text
// (exportable) in the editor until dismissed.
//
// The form is texts (PlanForm in app_state.h). On every edit it is parsed into a plan and
// checked with the engine's own rules (validate_commission_plan, then
// check_commission_plan_for_book); the problems are listed under the form with the plan
// file's places ("tiers[0].from", "gates.collection_rate_min") and the field at that place is
// drawn in red. Leaving a field, Enter, a checkbox, a choice or a row added or removed
// *applies* the plan if it has no problems; the statements are computed from applied plans
// only (app/panel_commission.cpp), so the last valid statement stays while a plan is wrong.
//
// [SECTION] Form -> plan
// [SECTION] Plan -> form
// [SECTION] Slots: presets, files, apply, export, kept across sessions
// [SECTION] Field helpers
// [SECTION] Form sections
// [SECTION] Editor
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>

#include "app/app_state.h"
#include "app/platform.h"
#include "app/widgets.h"
#include "assets/commission_plans.h"
#include "core/money.h"
#include "imgui.h"
#include "io/commission_plan.h"

namespace app {

namespace {

template <size_t N>
void set_text(char (&buffer)[N], const std::string& text) {
  std::snprintf(buffer, N, "%s", text.c_str());
}

bool blank(const char* text) { return std::string_view(text).find_first_not_of(' ') ==
                                      std::string_view::npos; }

std::string trimmed(const char* text) {
  std::string_view s(text);
  size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
}

// ---- [SECTION] Form -> plan ------------------------------------------------------------

// Parses the texts one by one. A text that does not parse gets a problem at its place and a
// harmless stand-in value, and the plan's own rules are not repeated at that place, so each
// mistake is named once.
struct FormReader {
  const arlab::Book& book;
  std::vector<arlab::Problem> problems;

  void add(const std::string& place, const std::string& message) {
    problems.push_back({place, message});
  }
  int32_t percent(const std::string& place, const char* text, int32_t max_ppm,
                  int32_t stand_in = 0) {
    std::string t = trimmed(text), why;
    int32_t ppm = 0;
    if (t.empty()) {
      add(place, "enter a percentage such as \"5%\" (or a fraction such as \"0.05\")");
    } else if (arlab::parse_ppm(t, max_ppm, &ppm, &why)) {
      return ppm;
    } else {
      add(place, why);
    }
    return stand_in;
  }
  int64_t amount(const std::string& place, const char* text) {
    int64_t minor = 0;
    std::string why;
    if (ui::parse_user_amount(book, text, &minor, &why, /*zero_ok=*/true)) return minor;
    add(place, "\"" + trimmed(text) + "\": " + why);
    return 0;
  }
  int32_t whole(const std::string& place, const char* text, int32_t stand_in) {
    std::string t = trimmed(text);
    int32_t v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (!t.empty() && ec == std::errc() && end == t.data() + t.size()) return v;
    add(place, t.empty() ? "enter a whole number" : "\"" + t + "\" is not a whole number");
    return stand_in;
  }
  int32_t centidays(const std::string& place, const char* text) {
    std::string t = trimmed(text), why;
    int64_t v = 0;
    if (arlab::parse_amount(t, 2, &v, &why) && v >= 0 && v <= arlab::kCommissionDaysMax * 100) {
      return static_cast<int32_t>(v);
    }
    add(place, "\"" + t + "\" is not a number of days from 0 to " +
                   std::to_string(arlab::kCommissionDaysMax) + " (like 60 or 60.5)");
    return 0;
  }
};

void read_rates(FormReader& r, const PlanForm& f, arlab::CommissionPlan& plan) {
  auto mode = static_cast<PlanRateMode>(f.rate_mode);
  if (mode == PlanRateMode::Flat || (mode == PlanRateMode::Grades && !blank(f.rate))) {
    plan.rate_ppm = r.percent("rate", f.rate, arlab::kPpmOne);
  }
  if (mode == PlanRateMode::Tiers) {
    for (size_t i = 0; i < f.tiers.size(); ++i) {
      std::string place = "tiers[" + std::to_string(i) + "]";
      arlab::CommissionTier t;
      t.from_minor = r.amount(place + ".from", f.tiers[i].from);
      t.rate_ppm = r.percent(place + ".rate", f.tiers[i].rate, arlab::kPpmOne);
      plan.tiers.push_back(t);
    }
    if (plan.tiers.empty()) r.add("tiers", "add a tier, starting from 0");
  }
  if (mode == PlanRateMode::Grades) {
    for (const PlanGradeText& g : f.grades) {
      arlab::CommissionGradeRate rate;
      rate.grade = trimmed(g.grade);
      rate.rate_ppm = r.percent("grades." + rate.grade, g.rate, arlab::kPpmOne);
      plan.grades.push_back(rate);
    }
  }
}

void read_timeliness(FormReader& r, const PlanForm& f, arlab::CommissionPlan& plan) {
  for (size_t i = 0; i < f.late_factors.size(); ++i) {
    std::string place = "late_factors[" + std::to_string(i) + "]";
    arlab::CommissionLateFactor lf;
    int32_t previous_days = i ? plan.late_factors[i - 1].after_days_late : -1;
    int32_t previous_factor = i ? plan.late_factors[i - 1].factor_ppm : arlab::kPpmOne;
    lf.after_days_late = r.whole(place + ".after_days_late", f.late_factors[i].days,
                                 previous_days + 1);
    lf.factor_ppm = r.percent(place + ".factor", f.late_factors[i].factor, arlab::kPpmOne,
                              previous_factor);
    plan.late_factors.push_back(lf);
  }
  if (f.early_bonus) {
    plan.early_bonus.days_before_due = r.whole("early_bonus.days_before_due", f.early_days, 0);
    plan.early_bonus.rate_ppm = r.percent("early_bonus.rate", f.early_rate, arlab::kPpmOne);
  }
}

void read_gates(FormReader& r, const PlanForm& f, arlab::CommissionPlan& plan) {
  arlab::CommissionGates& g = plan.gates;
  if (f.sales_target_on) g.sales_target_minor = r.amount("gates.sales_target", f.sales_target);
  for (const PlanTargetText& t : f.targets) {
    arlab::CommissionTarget target;
    target.salesperson = t.salesperson;
    target.target_minor = r.amount("gates.sales_target." + t.salesperson, t.amount);
    g.sales_targets.push_back(target);
  }
  if (f.collection_rate_on) {
    g.collection_rate_min_ppm = r.percent("gates.collection_rate_min", f.collection_rate,
                                          arlab::kCommissionRateMaxPpm);
  }
  if (f.dso_on) g.dso_max_centidays = r.centidays("gates.dso_max_days", f.dso_days);
  if (f.overdue_ratio_on) {
    g.overdue_ratio_max_ppm = r.percent("gates.overdue_ratio_max", f.overdue_ratio,
                                        arlab::kPpmOne);
  }
}

void read_rest(FormReader& r, const PlanForm& f, arlab::CommissionPlan& plan) {
  plan.penalties.bad_debt_rate_ppm =
      blank(f.bad_debt_rate) ? 0 : r.percent("penalties.bad_debt_rate", f.bad_debt_rate,
                                             arlab::kPpmOne);
  if (f.warning_on) {
    plan.penalties.overdue_warning_days =
        r.whole("penalties.overdue_warning_days", f.warning_days, 0);
  }
  arlab::CommissionHolds& h = plan.holds;
  h.disputed_invoices = f.hold_disputed;
  for (const PlanInvoiceText& id : f.hold_invoices) h.invoices.push_back(trimmed(id.id));
  h.period_percent_ppm = blank(f.period_percent)
                             ? 0
                             : r.percent("holds.period_percent", f.period_percent,
                                         arlab::kPpmOne);
  h.release_after_periods = r.whole("holds.release_after_periods", f.release_after, 3);
  plan.payout_lag_periods = r.whole("payout_lag_periods", f.payout_lag, 1);
  if (f.window_on) {
    plan.clawback_window_months = r.whole("clawback_window_months", f.window_months, 12);
  }
}

// ---- [SECTION] Plan -> form ------------------------------------------------------------

std::string amount_text(const arlab::Book& book, int64_t minor) {
  return arlab::format_amount(minor, book.minor_digits);
}

}  // namespace

arlab::CommissionPlan plan_from_form(const arlab::Book& book, const PlanForm& f,
                                     std::vector<arlab::Problem>* problems) {
  FormReader r{book, {}};
  arlab::CommissionPlan plan;
  plan.name = trimmed(f.name);
  plan.period = static_cast<arlab::CommissionPeriodKind>(f.period);
  plan.basis = static_cast<arlab::CommissionBasis>(f.basis);
  if (plan.basis == arlab::CommissionBasis::Split) {
    plan.on_invoice_ppm = r.percent("on_invoice", f.on_invoice, arlab::kPpmOne, 500000);
  }
  read_rates(r, f, plan);
  read_timeliness(r, f, plan);
  read_gates(r, f, plan);
  read_rest(r, f, plan);
  std::vector<arlab::Problem> rules;
  arlab::validate_commission_plan(plan, &rules);
  arlab::check_commission_plan_for_book(plan, book, &rules);
  problems->clear();
  *problems = std::move(r.problems);
  size_t parse_count = problems->size();
  for (arlab::Problem& p : rules) {
    auto same_place = [&](const arlab::Problem& q) { return q.place == p.place; };
    if (std::none_of(problems->begin(), problems->begin() + parse_count, same_place)) {
      problems->push_back(std::move(p));
    }
  }
  return plan;
}

void plan_form_from_plan(const arlab::Book& book, const arlab::CommissionPlan& plan,
                         PlanForm* form) {
  PlanForm f;
  auto pct = [](int64_t ppm) { return arlab::format_ppm_percent(ppm); };
  set_text(f.name, plan.name);
  f.period = static_cast<int>(plan.period);
  f.basis = static_cast<int>(plan.basis);
  if (plan.basis == arlab::CommissionBasis::Split) set_text(f.on_invoice, pct(plan.on_invoice_ppm));
  f.rate_mode = static_cast<int>(!plan.tiers.empty()    ? PlanRateMode::Tiers
                                 : !plan.grades.empty() ? PlanRateMode::Grades
                                                        : PlanRateMode::Flat);
  if (plan.rate_ppm >= 0) set_text(f.rate, pct(plan.rate_ppm));
  for (const arlab::CommissionTier& t : plan.tiers) {
    PlanTierText& row = f.tiers.emplace_back();
    set_text(row.from, amount_text(book, t.from_minor));
    set_text(row.rate, pct(t.rate_ppm));
  }
  for (const arlab::CommissionGradeRate& g : plan.grades) {
    PlanGradeText& row = f.grades.emplace_back();
    set_text(row.grade, g.grade);
    set_text(row.rate, pct(g.rate_ppm));
  }
  for (const arlab::CommissionLateFactor& lf : plan.late_factors) {
    PlanLateText& row = f.late_factors.emplace_back();
    set_text(row.days, std::to_string(lf.after_days_late));
    set_text(row.factor, pct(lf.factor_ppm));
  }
  f.early_bonus = plan.early_bonus.days_before_due >= 0;
  set_text(f.early_days, std::to_string(std::max(0, plan.early_bonus.days_before_due)));
  set_text(f.early_rate, pct(plan.early_bonus.rate_ppm));
  const arlab::CommissionGates& g = plan.gates;
  f.sales_target_on = g.sales_target_minor >= 0;
  if (f.sales_target_on) set_text(f.sales_target, amount_text(book, g.sales_target_minor));
  for (const arlab::CommissionTarget& t : g.sales_targets) {
    PlanTargetText& row = f.targets.emplace_back();
    row.salesperson = t.salesperson;
    set_text(row.amount, amount_text(book, t.target_minor));
  }
  f.collection_rate_on = g.collection_rate_min_ppm >= 0;
  if (f.collection_rate_on) set_text(f.collection_rate, pct(g.collection_rate_min_ppm));
  f.dso_on = g.dso_max_centidays >= 0;
  if (f.dso_on) set_text(f.dso_days, arlab::format_amount(g.dso_max_centidays, 2));
  f.overdue_ratio_on = g.overdue_ratio_max_ppm >= 0;
  if (f.overdue_ratio_on) set_text(f.overdue_ratio, pct(g.overdue_ratio_max_ppm));
  set_text(f.bad_debt_rate, pct(plan.penalties.bad_debt_rate_ppm));
  f.warning_on = plan.penalties.overdue_warning_days >= 0;
  if (f.warning_on) set_text(f.warning_days, std::to_string(plan.penalties.overdue_warning_days));
  f.hold_disputed = plan.holds.disputed_invoices;
  for (const std::string& id : plan.holds.invoices) set_text(f.hold_invoices.emplace_back().id, id);
  set_text(f.period_percent, pct(plan.holds.period_percent_ppm));
  set_text(f.release_after, std::to_string(plan.holds.release_after_periods));
  set_text(f.payout_lag, std::to_string(plan.payout_lag_periods));
  f.window_on = plan.clawback_window_months >= 0;
  if (f.window_on) set_text(f.window_months, std::to_string(plan.clawback_window_months));
  *form = std::move(f);
}

// ---- [SECTION] Slots: presets, files, apply, export ------------------------------------

namespace {

const char* slot_name(int slot) { return slot == 0 ? "A" : "B"; }

// The form parsed and checked again if it or the book changed. A slot with nothing pending
// follows the book: its plan is applied again (the book's currency digits may differ).
void refresh_slot(const State& state, PlanSlot& slot) {
  PlanSlot::ParsedKey key{slot.form_generation, state.book_generation};
  if (slot.parsed.current(key)) return;
  bool book_changed =
      !slot.parsed.key() || slot.parsed.key()->book_generation != key.book_generation;
  slot.plan = plan_from_form(state.book, slot.form, &slot.problems);
  slot.parsed.set(key);
  if (book_changed && !slot.pending && slot.problems.empty()) {
    slot.applied = slot.plan;
    slot.applied_json = arlab::write_commission_plan(slot.plan, state.book.minor_digits);
    slot.has_applied = true;
  }
}

// The settings that keep a slot across sessions.
std::string plan_setting(int slot) {
  return std::string("commission-plan-") + (slot ? "b" : "a") + ".json";
}
std::string source_setting(int slot) {
  return std::string("commission-plan-") + (slot ? "b" : "a") + ".source";
}

// Saves the slot's plan (parsed from the form: without parse problems, it is the whole plan,
// even one this book cannot run) and its source, if they changed since the last save.
void keep_slot(State& state, int index) {
  PlanSlot& slot = state.commission.slots[index];
  std::string json = arlab::write_commission_plan(slot.plan, state.book.minor_digits);
  std::string error;
  bool ok = true;
  if (json != slot.saved_json) {
    ok = platform::save_setting(plan_setting(index), json, &error);
    if (ok) slot.saved_json = json;
  }
  if (ok && slot.source != slot.saved_source) {
    ok = platform::save_setting(source_setting(index), slot.source, &error);
    if (ok) slot.saved_source = slot.source;
  }
  if (!ok) {
    state.status = "Plan " + std::string(slot_name(index)) + " is not kept for the next session: " +
                   error;
  }
  // The slot holds a plan of the user's now: an unreadable saved one is replaced.
  slot.unreadable_problems.clear();
  slot.unreadable_text.clear();
}

// `keep`: save it for the next session (a user's choice, not the start-up fill).
void set_slot_plan(State& state, int index, const arlab::CommissionPlan& plan,
                   const std::string& source, bool keep = true) {
  PlanSlot& slot = state.commission.slots[index];
  plan_form_from_plan(state.book, plan, &slot.form);
  slot.source = source;
  ++slot.form_generation;
  slot.pending = true;
  refresh_slot(state, slot);
  if (keep) keep_slot(state, index);
  if (!slot.problems.empty()) return;  // Refers to what this book lacks: shown in the editor.
  slot.applied = slot.plan;
  slot.applied_json = arlab::write_commission_plan(slot.plan, state.book.minor_digits);
  slot.has_applied = true;
  slot.pending = false;
}

// A plan to start from: collected cash at 5% with the practice's 80% collection-rate gate.
arlab::CommissionPlan new_plan() {
  arlab::CommissionPlan plan;
  plan.name = "New plan";
  plan.basis = arlab::CommissionBasis::Collected;
  plan.rate_ppm = 50000;
  plan.gates.collection_rate_min_ppm = 800000;
  return plan;
}

bool load_preset(State& state, int slot, const arlab::EmbeddedPlan& preset, bool keep = true) {
  arlab::CommissionPlan plan;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_commission_plan(preset.json(), state.book.minor_digits, &plan, &problems)) {
    show_problems(state, std::string("The embedded plan ") + preset.file_name + " is invalid",
                  std::move(problems), preset.file_name);
    return false;
  }
  set_slot_plan(state, slot, plan, "preset: " + plan.name, keep);
  return true;
}

// The plan the last session kept in this slot: true if there was one. One that no longer
// reads leaves the slot as it is, its reasons and text shown in the editor.
bool restore_slot(State& state, int index) {
  std::optional<std::string> json = platform::load_setting(plan_setting(index));
  if (!json) return false;
  std::string source = platform::load_setting(source_setting(index)).value_or("saved plan");
  arlab::CommissionPlan plan;
  std::vector<arlab::Problem> problems;
  PlanSlot& slot = state.commission.slots[index];
  if (!arlab::read_commission_plan(*json, state.book.minor_digits, &plan, &problems)) {
    slot.unreadable_problems = std::move(problems);
    slot.unreadable_text = std::move(*json);
    slot.source += "; the kept plan (" + source + ") could not be read";
    return true;
  }
  set_slot_plan(state, index, plan, source, /*keep=*/false);
  slot.saved_json = *json;
  slot.saved_source = source;
  if (!slot.problems.empty()) {  // Names what this book lacks: no statement until fixed.
    slot.has_applied = false;
    slot.applied = {};
    slot.applied_json.clear();
  }
  return true;
}

// "Cash collected, 80% gate" -> "cash-collected-80-gate".
std::string slug(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a'), alnum = true;
    if (alnum) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "plan" : out;
}

}  // namespace

// The presets' plan names ("Cash collected, 80% gate"), read from the embedded JSON once: a
// name says what a plan does, a file name hardly. Amounts need a book's minor digits, the
// name does not: the usual digits are tried; a plan none reads is listed by its file name.
const std::vector<std::string>& commission_preset_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const arlab::EmbeddedPlan& p : arlab::kEmbeddedPlans) {
      arlab::CommissionPlan plan;
      bool ok = false;
      for (int digits : {2, 0, 3}) {
        std::vector<arlab::Problem> problems;
        if (!ok) ok = arlab::read_commission_plan(p.json(), digits, &plan, &problems);
      }
      out.push_back(ok && !plan.name.empty() ? plan.name : p.file_name);
    }
    return out;
  }();
  return names;
}

void fill_commission_slots(State& state) {
  CommissionPanel& c = state.commission;
  if (c.slots_filled) return;
  c.slots_filled = true;
  // A: the practice's plan; B: the status quo it replaces (docs/COMMISSION.md); then what the
  // last session kept, over them.
  load_preset(state, 0, arlab::kEmbeddedPlans[0], /*keep=*/false);
  load_preset(state, 1, arlab::kEmbeddedPlans[1], /*keep=*/false);
  for (int k = 0; k < 2; ++k) restore_slot(state, k);
}

void refresh_commission_slots(State& state) {
  for (PlanSlot& slot : state.commission.slots) refresh_slot(state, slot);
}

bool commission_set_plan(State& state, int slot, std::string_view file_name,
                         std::string_view text) {
  fill_commission_slots(state);
  std::string name(file_name);
  name = name.substr(name.find_last_of("/\\") + 1);
  arlab::CommissionPlan plan;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_commission_plan(text, state.book.minor_digits, &plan, &problems)) {
    show_problems(state, "Could not use the plan " + name, std::move(problems), name);
    return false;
  }
  slot = std::clamp(slot, 0, 1);
  set_slot_plan(state, slot, plan, name);
  CommissionPanel& c = state.commission;
  c.slot = slot;
  select_panel(state, Tab::Commission);
  const PlanSlot& s = c.slots[slot];
  state.status = "Plan " + std::string(slot_name(slot)) + ": " + plan.name + " (" + name + ")" +
                 (s.problems.empty() ? "" : ": " + std::to_string(s.problems.size()) +
                                                " problems with this book, see the editor");
  return true;
}

bool apply_commission_plan(State& state) {
  CommissionPanel& c = state.commission;
  c.apply_requested = false;
  PlanSlot& slot = c.slots[c.slot];
  refresh_slot(state, slot);
  if (!slot.problems.empty()) {
    state.status = "Plan " + std::string(slot_name(c.slot)) + " has " +
                   std::to_string(slot.problems.size()) +
                   " problem(s): the statement shows the last valid plan";
    return false;
  }
  if (!slot.pending) return true;
  slot.applied = slot.plan;
  slot.applied_json = arlab::write_commission_plan(slot.plan, state.book.minor_digits);
  slot.has_applied = true;
  slot.pending = false;
  keep_slot(state, c.slot);
  return true;
}

bool export_commission_plan(State& state) {
  CommissionPanel& c = state.commission;
  PlanSlot& slot = c.slots[c.slot];
  refresh_slot(state, slot);
  if (!slot.problems.empty()) {
    state.status = "Not exported: the plan has problems (see the editor)";
    return false;
  }
  std::string name = slug(slot.plan.name) + ".json", where, error;
  if (!platform::export_file(name, arlab::write_commission_plan(slot.plan, state.book.minor_digits),
                             &where, &error)) {
    show_problems(state, "Could not export " + name, {arlab::Problem{"", error}});
    return false;
  }
  state.status = "Exported plan " + std::string(slot_name(c.slot)) + " as " + name +
                 (where.empty() ? "" : " to " + where);
  return true;
}

// ---- [SECTION] Field helpers -----------------------------------------------------------

namespace {

enum class FieldKind : uint8_t { Text, Percent, Amount, Whole };

// Draws one slot's form; every field knows its place in the plan file.
struct Editor {
  State& state;
  PlanSlot& slot;
  PlanForm& f = slot.form;

  const arlab::Problem* problem_at(const std::string& place) const {
    for (const arlab::Problem& p : slot.problems) {
      if (p.place == place) return &p;
    }
    return nullptr;
  }
  void touched() {
    ++slot.form_generation;
    slot.pending = true;
  }
  void changed() {  // A switch, a choice, a row added or removed: applies at once.
    touched();
    state.commission.apply_requested = true;
  }
  void label(const char* text, const char* help = nullptr) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    if (help) ui::help_marker(help);
    ImGui::TableNextColumn();
  }
  // The exact value of a percentage or amount, once it parses, in the canonical form.
  std::string canonical(FieldKind kind, const char* text) const {
    std::string t = trimmed(text), why;
    if (kind == FieldKind::Percent) {
      int32_t ppm = 0;
      if (arlab::parse_ppm(t, arlab::kCommissionRateMaxPpm, &ppm, &why)) {
        return arlab::format_ppm_percent(ppm);
      }
    } else if (kind == FieldKind::Amount) {
      int64_t minor = 0;
      if (ui::parse_user_amount(state.book, text, &minor, &why, true)) {
        return arlab::format_amount(minor, state.book.minor_digits);
      }
    }
    return "";
  }
  template <size_t N>
  void field(const char* id, char (&text)[N], const std::string& place, FieldKind kind,
             float width, const char* hint = "") {
    const arlab::Problem* problem = problem_at(place);
    if (problem) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().bad);
      ImGui::PushStyleColor(ImGuiCol_Border, ui::palette().bad);
      ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    }
    ImGui::SetNextItemWidth(width);
    ImGuiInputTextFlags flags = kind == FieldKind::Whole ? ImGuiInputTextFlags_CharsDecimal : 0;
    ImGui::InputTextWithHint(id, hint, text, N, flags);
    if (problem) {
      ImGui::PopStyleVar();
      ImGui::PopStyleColor(2);
    }
    bool hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemEdited()) touched();
    if (ImGui::IsItemDeactivatedAfterEdit()) {  // Enter, Tab or a click elsewhere.
      std::string exact = canonical(kind, text);
      if (!exact.empty() && exact != text) {
        set_text(text, exact);  // "0.05" -> "5%": the exact value back.
        touched();
      }
      state.commission.apply_requested = true;
    }
    if (problem && hovered) {
      ImGui::SetTooltip("%s: %s", problem->place.c_str(), problem->message.c_str());
    } else if (hovered && kind == FieldKind::Percent) {
      std::string exact = canonical(kind, text);
      if (!exact.empty()) ImGui::SetTooltip("%s exactly", exact.c_str());
    }
  }
  bool checkbox(const char* label_text, bool* value) {
    bool clicked = ImGui::Checkbox(label_text, value);
    if (clicked) changed();
    return clicked;
  }
  // A red "!" and the message beside a list whose place has a problem ("tiers").
  void list_problem(const std::string& place) {
    if (const arlab::Problem* p = problem_at(place)) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ui::palette().bad, "%s", p->message.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  // A row's remove button; true if it was pressed (the caller erases the row).
  bool remove_button() {
    bool pressed = ImGui::SmallButton("x");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this row");
    if (pressed) changed();
    return pressed;
  }
  bool add_button(const char* text) {
    bool pressed = ImGui::SmallButton(text);
    if (pressed) changed();
    return pressed;
  }
};

bool begin_list(const char* id, int columns) {
  ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  return ImGui::BeginTable(id, columns, flags);
}

// ---- [SECTION] Form sections -----------------------------------------------------------

void section_general(Editor& e) {
  PlanForm& f = e.f;
  e.label("Name");
  e.field("##name", f.name, "name", FieldKind::Text, -1);
  e.label("Period", "The settlement period: gates, tiers, holds and payouts work per period.");
  const char* periods[] = {"month", "quarter", "year"};
  ImGui::SetNextItemWidth(ui::px(120));
  if (ImGui::Combo("##period", &f.period, periods, 3)) e.changed();
  e.label("Basis", "invoiced: the invoice earns when booked; collected: the cash earns when "
                   "applied; split: a share at booking, the rest as the cash comes in.");
  const char* bases[] = {"invoiced", "collected", "split"};
  ImGui::SetNextItemWidth(ui::px(120));
  if (ImGui::Combo("##basis", &f.basis, bases, 3)) e.changed();
  if (f.basis == static_cast<int>(arlab::CommissionBasis::Split)) {
    e.label("On invoice", "Split: the share of the commission paid at booking (above 0%, below "
                          "100%); the rest is released as the invoice is collected.");
    e.field("##on_invoice", f.on_invoice, "on_invoice", FieldKind::Percent, ui::px(90), "50%");
  }
}

void tiers_list(Editor& e) {
  PlanForm& f = e.f;
  e.list_problem("tiers");
  if (!f.tiers.empty() && begin_list("##tiers", 3)) {
    ImGui::TableSetupColumn("From (period total)");
    ImGui::TableSetupColumn("Rate");
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < f.tiers.size(); ++i) {
      std::string place = "tiers[" + std::to_string(i) + "]";
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      e.field("##from", f.tiers[i].from, place + ".from", FieldKind::Amount, -1, "0");
      ImGui::TableNextColumn();
      e.field("##rate", f.tiers[i].rate, place + ".rate", FieldKind::Percent, -1, "5%");
      ImGui::TableNextColumn();
      bool removed = e.remove_button();
      ImGui::PopID();
      if (removed) {
        f.tiers.erase(f.tiers.begin() + static_cast<long>(i));
        break;
      }
    }
    ImGui::EndTable();
  }
  if (e.add_button("+ tier")) {
    PlanTierText t;
    if (f.tiers.empty()) {
      set_text(t.from, "0");
    } else {  // 10,000 more than the last tier, at the last tier's rate.
      int64_t last = 0;
      std::string why;
      ui::parse_user_amount(e.state.book, f.tiers.back().from, &last, &why, true);
      int64_t step = 10000;
      for (int k = 0; k < e.state.book.minor_digits; ++k) step *= 10;
      set_text(t.from, amount_text(e.state.book, last + step));
      set_text(t.rate, f.tiers.back().rate);
    }
    f.tiers.push_back(t);
  }
}

// The grades found among the book's customers, for the hint of a new grade row.
std::vector<std::string> book_grades(const arlab::Book& book) {
  std::vector<std::string> grades;
  for (const arlab::Customer& c : book.customers) {
    if (!c.grade.empty() && std::find(grades.begin(), grades.end(), c.grade) == grades.end()) {
      grades.push_back(c.grade);
    }
  }
  std::sort(grades.begin(), grades.end());
  return grades;
}

void grades_list(Editor& e) {
  PlanForm& f = e.f;
  e.list_problem("grades");
  if (!f.grades.empty() && begin_list("##grades", 3)) {
    ImGui::TableSetupColumn("Customer grade");
    ImGui::TableSetupColumn("Rate");
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < f.grades.size(); ++i) {
      std::string place = "grades." + trimmed(f.grades[i].grade);
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      e.field("##grade", f.grades[i].grade, place, FieldKind::Text, -1, "A");
      ImGui::TableNextColumn();
      e.field("##rate", f.grades[i].rate, place, FieldKind::Percent, -1, "5%");
      ImGui::TableNextColumn();
      bool removed = e.remove_button();
      ImGui::PopID();
      if (removed) {
        f.grades.erase(f.grades.begin() + static_cast<long>(i));
        break;
      }
    }
    ImGui::EndTable();
  }
  if (e.add_button("+ grade")) {
    PlanGradeText g;
    for (const std::string& name : book_grades(e.state.book)) {
      bool listed = std::any_of(f.grades.begin(), f.grades.end(),
                                [&](const PlanGradeText& x) { return trimmed(x.grade) == name; });
      if (listed) continue;
      set_text(g.grade, name);
      break;
    }
    set_text(g.rate, f.rate[0] ? f.rate : "5%");
    f.grades.push_back(g);
  }
  std::vector<std::string> grades = book_grades(e.state.book);
  std::string known = "Grades in this book:";
  for (const std::string& g : grades) known += " " + g;
  ui::text_muted(grades.empty() ? "No customer of this book has a grade." : known.c_str());
}

void section_rates(Editor& e) {
  PlanForm& f = e.f;
  e.label("Rate", "Flat: one rate. Tiers: marginal rates on the period's cumulative base. "
                  "By grade: the customer's credit grade picks the rate; other grades get "
                  "the rate given here (none: 0%).");
  // A combo, not three radio buttons: it fits the narrow editor of a 1024-px window.
  const char* modes[] = {"Flat: one rate", "Tiers: by cumulative base", "By credit grade"};
  int mode_picked = f.rate_mode;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::Combo("##rate_mode", &mode_picked, modes, 3) && mode_picked != f.rate_mode) {
    f.rate_mode = mode_picked;
    e.changed();
  }
  auto mode = static_cast<PlanRateMode>(f.rate_mode);
  if (mode == PlanRateMode::Flat || mode == PlanRateMode::Grades) {
    e.label(mode == PlanRateMode::Flat ? "Flat rate" : "Other grades");
    e.field("##rate", f.rate, "rate", FieldKind::Percent, ui::px(90),
            mode == PlanRateMode::Flat ? "5%" : "none");
  }
  if (mode == PlanRateMode::Tiers) {
    e.label("Tiers");
    tiers_list(e);
  }
  if (mode == PlanRateMode::Grades) {
    e.label("Grade rates");
    grades_list(e);
  }
}

void late_factors_list(Editor& e) {
  PlanForm& f = e.f;
  e.list_problem("late_factors");
  if (!f.late_factors.empty() && begin_list("##late", 3)) {
    ImGui::TableSetupColumn("Days late", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Factor", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ui::headers_row();
    for (size_t i = 0; i < f.late_factors.size(); ++i) {
      std::string place = "late_factors[" + std::to_string(i) + "]";
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      e.field("##days", f.late_factors[i].days, place + ".after_days_late", FieldKind::Whole, -1,
              "30");
      ImGui::TableNextColumn();
      e.field("##factor", f.late_factors[i].factor, place + ".factor", FieldKind::Percent, -1,
              "50%");
      ImGui::TableNextColumn();
      bool removed = e.remove_button();
      ImGui::PopID();
      if (removed) {
        f.late_factors.erase(f.late_factors.begin() + static_cast<long>(i));
        break;
      }
    }
    ImGui::EndTable();
  }
  if (e.add_button("+ late factor")) {
    PlanLateText lf;
    int32_t days = 30;
    if (!f.late_factors.empty()) {
      std::from_chars(f.late_factors.back().days,
                      f.late_factors.back().days + std::strlen(f.late_factors.back().days), days);
      days += 30;
    }
    set_text(lf.days, std::to_string(days));
    set_text(lf.factor, f.late_factors.empty() ? "50%" : "0%");
    f.late_factors.push_back(lf);
  }
}

void section_timeliness(Editor& e) {
  PlanForm& f = e.f;
  e.label("Late factors", "Days late = payment date - due date. The rate is multiplied by the "
                          "factor of the entry with the largest threshold below the days late "
                          "(30 -> 50%: 31 days late pays half). Factors never rise.");
  late_factors_list(e);
  e.label("Early bonus", "A bonus rate x the cash applied when it arrives at least this many "
                         "days before the due date.");
  e.checkbox(f.early_bonus ? "paid early:" : "none", &f.early_bonus);
  if (f.early_bonus) {
    // "[10] days before due, [1%]": on the switch's line when it fits, else below it.
    float need = ImGui::CalcTextSize("days before due, rate").x + ui::px(50 + 70) +
                 ImGui::GetStyle().ItemSpacing.x * 4;
    ui::same_line_if_fits(need);
    e.field("##early_days", f.early_days, "early_bonus.days_before_due", FieldKind::Whole,
            ui::px(50), "10");
    ImGui::SameLine();
    ImGui::TextUnformatted("days before due, rate");
    ImGui::SameLine();
    e.field("##early_rate", f.early_rate, "early_bonus.rate", FieldKind::Percent, ui::px(70),
            "1%");
  }
}

// A switch and its field on one line: the gate is off (not in the plan) while unchecked.
template <size_t N>
void gate_row(Editor& e, const char* id, bool* on, char (&text)[N], const std::string& place,
              FieldKind kind, const char* unit) {
  ImGui::PushID(id);
  e.checkbox("##on", on);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(*on ? "On: click to drop this gate" : "Off: click to add this gate");
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!*on);
  // The field gives way to the unit after it in a narrow editor.
  float unit_width = ImGui::CalcTextSize(*on ? unit : "off").x + ImGui::GetStyle().ItemSpacing.x;
  float width = std::min(ui::px(kind == FieldKind::Amount ? 120 : 80),
                         ImGui::GetContentRegionAvail().x - unit_width);
  e.field("##value", text, place, kind, std::max(width, ui::px(50)));
  ImGui::EndDisabled();
  ImGui::SameLine();
  ui::text_muted(*on ? unit : "off");
  ImGui::PopID();
}

std::string salesperson_label(const arlab::Book& book, const std::string& id) {
  arlab::Index i = arlab::find_salesperson(book, id);
  return i == arlab::kNone ? id + " (not in this book)" : id + "  " + book.salespeople[i].name;
}

void targets_list(Editor& e) {
  PlanForm& f = e.f;
  const arlab::Book& book = e.state.book;
  if (!f.targets.empty() && begin_list("##targets", 3)) {
    ImGui::TableSetupColumn("Salesperson", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Target", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    for (size_t i = 0; i < f.targets.size(); ++i) {
      PlanTargetText& t = f.targets[i];
      std::string place = "gates.sales_target." + t.salesperson;
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      bool unknown = e.problem_at(place) != nullptr;
      if (unknown) ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().bad);
      bool open = ImGui::BeginCombo("##who", salesperson_label(book, t.salesperson).c_str());
      if (unknown) ImGui::PopStyleColor();
      if (open) {
        for (const arlab::Salesperson& s : book.salespeople) {
          if (ImGui::Selectable((s.id + "  " + s.name).c_str(), s.id == t.salesperson)) {
            t.salesperson = s.id;
            e.changed();
          }
        }
        ImGui::EndCombo();
      }
      ImGui::TableNextColumn();
      e.field("##amount", t.amount, place, FieldKind::Amount, -1, "100000.00");
      ImGui::TableNextColumn();
      bool removed = e.remove_button();
      ImGui::PopID();
      if (removed) {
        f.targets.erase(f.targets.begin() + static_cast<long>(i));
        break;
      }
    }
    ImGui::EndTable();
  }
  ImGui::BeginDisabled(book.salespeople.empty());
  if (e.add_button("+ own target")) {
    PlanTargetText t;
    for (const arlab::Salesperson& s : book.salespeople) {  // The first one not listed yet.
      bool listed = std::any_of(f.targets.begin(), f.targets.end(),
                                [&](const PlanTargetText& x) { return x.salesperson == s.id; });
      if (!listed) {
        t.salesperson = s.id;
        break;
      }
    }
    if (t.salesperson.empty()) t.salesperson = book.salespeople.front().id;
    set_text(t.amount, f.sales_target_on ? f.sales_target : "100000");
    f.targets.push_back(t);
  }
  ImGui::EndDisabled();
}

void section_gates(Editor& e) {
  PlanForm& f = e.f;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ui::heading("Gates");
  ImGui::TableNextColumn();
  ImGui::PushTextWrapPos(0.0f);
  ui::text_muted("a failed gate voids the period");
  ImGui::PopTextWrapPos();
  e.label("Sales target", "Credit sales of the period (bookings) must reach it. Applies to "
                          "salespeople without their own target below.");
  gate_row(e, "target", &f.sales_target_on, f.sales_target, "gates.sales_target",
           FieldKind::Amount, "/ period");
  e.label("Own targets", "A salesperson's own target per period, instead of the default.");
  targets_list(e);
  e.label("Collection rate min", "Cash collected / credit sales of the period, per salesperson. "
                                 "The practice's rule (source 003): 80%, otherwise the "
                                 "commission is void.");
  gate_row(e, "rate", &f.collection_rate_on, f.collection_rate, "gates.collection_rate_min",
           FieldKind::Percent, "at least");
  e.label("DSO max", "Days sales outstanding of the salesperson's customers at the period's "
                     "end: open AR / credit sales x days.");
  gate_row(e, "dso", &f.dso_on, f.dso_days, "gates.dso_max_days", FieldKind::Text, "days max");
  e.label("Overdue ratio max", "Overdue / open AR of the salesperson's customers at the "
                               "period's end.");
  gate_row(e, "overdue", &f.overdue_ratio_on, f.overdue_ratio, "gates.overdue_ratio_max",
           FieldKind::Percent, "at most");
}

void hold_invoices_list(Editor& e) {
  PlanForm& f = e.f;
  for (size_t i = 0; i < f.hold_invoices.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("x").x -
                 ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ItemSpacing.x;
    e.field("##id", f.hold_invoices[i].id, "holds.invoices[" + std::to_string(i) + "]",
            FieldKind::Text, std::min(ui::px(160), room), "invoice id");
    ImGui::SameLine();
    bool removed = e.remove_button();
    ImGui::PopID();
    if (removed) {
      f.hold_invoices.erase(f.hold_invoices.begin() + static_cast<long>(i));
      break;
    }
  }
  if (e.add_button("+ invoice")) f.hold_invoices.emplace_back();
}

void section_rest(Editor& e) {
  PlanForm& f = e.f;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ui::heading("Penalties");
  e.label("Bad-debt deduction", "x each amount written off, deducted in the write-off's period "
                                "(the practice's wage deduction for bad debts).");
  e.field("##bad_debt", f.bad_debt_rate, "penalties.bad_debt_rate", FieldKind::Percent,
          ui::px(80), "0%");
  e.label("Overdue warning", "Flags periods with invoices more than this many days past due "
                             "(no money).");
  gate_row(e, "warning", &f.warning_on, f.warning_days, "penalties.overdue_warning_days",
           FieldKind::Whole, "days");
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ui::heading("Holds");
  e.label("Disputed invoices", "Hold the commission of invoices flagged disputed until they are "
                               "settled.");
  e.checkbox("hold##disputed", &f.hold_disputed);
  e.label("Held invoices", "Hold the commission of these invoices until they are settled.");
  hold_invoices_list(e);
  e.label("Period holdback", "A share of each period's positive net held back, released this "
                             "many periods later.");
  e.field("##period_percent", f.period_percent, "holds.period_percent", FieldKind::Percent,
          ui::px(70), "0%");
  ui::same_line_if_fits(ImGui::CalcTextSize("released after periods").x + ui::px(50) +
                        ImGui::GetStyle().ItemSpacing.x * 3);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("after");
  ImGui::SameLine();
  e.field("##release", f.release_after, "holds.release_after_periods", FieldKind::Whole,
          ui::px(50), "3");
  ImGui::SameLine();
  ImGui::TextUnformatted("periods");
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ui::heading("Payout");
  e.label("Payout lag", "The net of period p is payable in period p + lag (1: paid the month "
                        "after the cash arrived).");
  e.field("##lag", f.payout_lag, "payout_lag_periods", FieldKind::Whole, ui::px(50), "1");
  ImGui::SameLine();
  ImGui::TextUnformatted("periods");
  e.label("Clawback window", "No clawback more than this many months after the payout.");
  gate_row(e, "window", &f.window_on, f.window_months, "clawback_window_months",
           FieldKind::Whole, "months");
}

void draw_form(Editor& e) {
  ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("##plan_form", 2, flags)) return;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, ui::px(165));
  ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
  section_general(e);
  section_rates(e);
  section_timeliness(e);
  section_gates(e);
  section_rest(e);
  ImGui::EndTable();
}

// ---- [SECTION] Editor ------------------------------------------------------------------

// `text` cut with "..." to fit `width` pixels.
std::string fit(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  std::string cut = text;
  while (!cut.empty() && ImGui::CalcTextSize((cut + "...").c_str()).x > width) cut.pop_back();
  return cut + "...";
}

void draw_slot_buttons(State& state) {
  CommissionPanel& c = state.commission;
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  float width = (ImGui::GetContentRegionAvail().x - spacing) / 2;
  for (int k = 0; k < 2; ++k) {
    if (k) ImGui::SameLine();
    bool active = c.slot == k;
    if (active) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    }
    const PlanSlot& s = c.slots[k];
    std::string text =
        std::string(slot_name(k)) + ": " + (s.form.name[0] ? s.form.name : "(no name)");
    std::string label = fit(text, width - ImGui::GetStyle().FramePadding.x * 2) + "##slot" +
                        std::to_string(k);
    if (ImGui::Button(label.c_str(), ImVec2(width, 0))) c.slot = k;
    if (active) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("Edit plan %s (%s)%s", slot_name(k), s.source.c_str(),
                        s.problems.empty() ? "" : ": it has problems");
    }
  }
}

void draw_path_row(State& state) {
  CommissionPanel& c = state.commission;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ui::px(90));
  bool enter = ImGui::InputTextWithHint("##plan_path", "/path/to/plan.json", c.plan_path,
                                        sizeof c.plan_path, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (!ImGui::Button("Load plan") && !enter) return;
  std::string text, error;
  if (platform::read_path(c.plan_path, &text, &error)) {
    commission_set_plan(state, c.slot, c.plan_path, text);
  } else {
    show_problems(state, std::string("Could not read ") + c.plan_path,
                  {arlab::Problem{"", error}});
  }
}

void draw_file_row(State& state) {
  CommissionPanel& c = state.commission;
  ImGui::SetNextItemWidth(ui::px(150));
  if (ImGui::BeginCombo("##plan_presets", "Presets", ImGuiComboFlags_HeightLarge)) {
    const std::vector<std::string>& names = commission_preset_names();
    for (size_t k = 0; k < names.size(); ++k) {
      const arlab::EmbeddedPlan& p = arlab::kEmbeddedPlans[k];
      if (ImGui::Selectable((names[k] + "##preset" + std::to_string(k)).c_str())) {
        load_preset(state, c.slot, p);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Example plan assets/plans/%s", p.file_name);
    }
    if (ImGui::Selectable("New plan")) set_slot_plan(state, c.slot, new_plan(), "new plan");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Collected cash at 5%%, the 80%% gate");
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (platform::has_file_picker()) {
    if (ImGui::Button("Load plan...")) {
      forget_file_picks(state);  // A plan, whatever an earlier picker was for.
      c.picking_slot = c.slot;
      platform::request_open_file(platform::OpenKind::Plan);
    }
  }
  // The buttons flow onto a second line in the narrow editor of a 1024-px window.
  const ImGuiStyle& style = ImGui::GetStyle();
  ui::same_line_if_fits(ImGui::CalcTextSize("Export plan").x + style.FramePadding.x * 2);
  const PlanSlot& slot = c.slots[c.slot];
  ImGui::BeginDisabled(!slot.problems.empty());
  if (ImGui::Button("Export plan")) export_commission_plan(state);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip(slot.problems.empty() ? "The plan as canonical JSON (docs/COMMISSION.md)"
                                            : "Fix the plan's problems first");
  }
  ui::same_line_if_fits(ImGui::CalcTextSize("JSON").x + ImGui::GetFrameHeight() +
                        style.ItemInnerSpacing.x);
  ImGui::Checkbox("JSON", &c.show_json);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The plan file as it would be saved");
  if (!platform::has_file_picker()) draw_path_row(state);
}

void draw_status(State& state) {
  CommissionPanel& c = state.commission;
  PlanSlot& slot = c.slots[c.slot];
  // The source gives way ("...", whole on hover) to the state after it.
  const ImGuiStyle& style = ImGui::GetStyle();
  float after = ImGui::CalcTextSize("edited, not applied").x + style.ItemSpacing.x;
  if (slot.pending) {
    after += ImGui::CalcTextSize("Apply (Enter)").x + style.FramePadding.x * 2 +
             style.ItemSpacing.x;
  }
  ui::text_fit_colored(ui::palette().text_muted, "from " + slot.source,
                       std::max(ui::px(60), ImGui::GetContentRegionAvail().x - after));
  if (slot.pending) {
    ImGui::SameLine();
    ImGui::BeginDisabled(!slot.problems.empty());
    if (ImGui::SmallButton("Apply (Enter)")) c.apply_requested = true;
    ImGui::EndDisabled();
  }
  ImGui::SameLine();
  if (!slot.problems.empty()) {
    ImGui::TextColored(ui::palette().bad, "%zu problem%s", slot.problems.size(),
                       slot.problems.size() == 1 ? "" : "s");
  } else if (slot.pending) {
    ImGui::TextColored(ui::palette().warn, "edited, not applied");
  } else {
    ImGui::TextColored(ui::palette().good, "valid, applied");
  }
}

// The plan kept by the last session that could not be read: why, its text, and a way on.
void draw_unreadable(State& state) {
  CommissionPanel& c = state.commission;
  PlanSlot& slot = c.slots[c.slot];
  if (slot.unreadable_problems.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().bad);
  ImGui::TextWrapped("The plan kept from the last session could not be read (saved by another "
                     "version, or for a book in another currency); plan %s starts from its "
                     "preset.", slot_name(c.slot));
  ImGui::PopStyleColor();
  ui::problems_list(slot.unreadable_problems);
  if (ImGui::SmallButton("Export its text")) {
    std::string name = std::string("unreadable-plan-") + (c.slot ? "b" : "a") + ".json";
    std::string where, error;
    if (platform::export_file(name, slot.unreadable_text, &where, &error)) {
      state.status = "Exported " + name + (where.empty() ? "" : " to " + where);
    } else {
      show_problems(state, "Could not export " + name, {arlab::Problem{"", error}});
    }
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Dismiss")) keep_slot(state, c.slot);  // The preset is kept instead.
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep this slot's plan for the next session");
  ImGui::Separator();
}

// Under the form, always in sight: the form scrolls above it.
float problems_height(const PlanSlot& slot) {
  if (slot.problems.empty()) return 0;
  float line = ImGui::GetTextLineHeightWithSpacing();
  float wanted = line * (2.4f + 1.15f * static_cast<float>(slot.problems.size()));
  return std::min(wanted, ImGui::GetContentRegionAvail().y * 0.4f);
}

void draw_problems(const PlanSlot& slot, float height) {
  if (slot.problems.empty()) return;
  ImGui::BeginChild("##plan_problems", ImVec2(0, height), true);
  ui::heading("Problems: the statement shows the last valid plan");
  ui::problems_list(slot.problems);
  ImGui::EndChild();
}

void draw_json(State& state, float below) {
  CommissionPanel& c = state.commission;
  const PlanSlot& slot = c.slots[c.slot];
  std::string json;
  if (slot.problems.empty()) {
    json = arlab::write_commission_plan(slot.plan, state.book.minor_digits);
  } else if (slot.has_applied) {
    ImGui::TextColored(ui::palette().bad, "The form has problems; the last valid plan:");
    json = slot.applied_json;
  }
  ImGui::InputTextMultiline("##plan_json", json.data(), json.size() + 1,
                            ImVec2(-1, ImGui::GetContentRegionAvail().y - below -
                                           (below > 0 ? ImGui::GetStyle().ItemSpacing.y : 0)),
                            ImGuiInputTextFlags_ReadOnly);
}

}  // namespace

void draw_commission_plan_editor(State& state) {
  CommissionPanel& c = state.commission;
  refresh_commission_slots(state);
  draw_slot_buttons(state);
  draw_file_row(state);
  PlanSlot& slot = c.slots[c.slot];
  draw_status(state);
  ImGui::Separator();
  draw_unreadable(state);
  float below = problems_height(slot);
  if (c.show_json) {
    draw_json(state, below);
  } else {
    float spacing = below > 0 ? ImGui::GetStyle().ItemSpacing.y : 0;
    ImGui::BeginChild("##plan_form_scroll", ImVec2(0, -below - spacing), false);
    ImGui::PushID(c.slot);
    Editor e{state, slot};
    draw_form(e);
    ImGui::PopID();
    ImGui::EndChild();
  }
  refresh_slot(state, slot);  // This frame's edits, so that Enter applies what was typed.
  draw_problems(slot, below);
}

}  // namespace app
