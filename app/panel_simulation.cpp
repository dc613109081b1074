// panel_simulation.cpp: the Simulation tab (issue 12): policies a manager
// could adopt (core/policy.h), run on the behaviour model fitted from the book, compared on the
// same draws (core/policy_sim.h), off the UI thread (app/sim_runner.h).
//
// Left: the policies ("As today" first, started from the book; add, duplicate, rename, remove,
// load and save policy files) and the selected one's editor, built over core's table of
// parameters (sim_params: label, unit, range, source), grouped by lever, the response
// parameters under "Assumptions" with their sources, core's problems beside their fields.
// Right: run settings, Run / Cancel and the progress; the results as they arrive: cash by
// month per policy with its p5-p95 band, DSO over time, the profit waterfall of a policy
// against "As today", the horizon totals with bands and differences, per salesperson; a Sweep
// over one parameter and a Tornado of the assumptions; exports as CSV and JSON.
//
// [SECTION] State
// [SECTION] Policies and their fields
// [SECTION] Formatting outcomes
// [SECTION] Left: the policy list and editor
// [SECTION] Right: run settings and progress
// [SECTION] The spare Worker (platform::warm_sim_work)
// [SECTION] Results
// [SECTION] Sweep
// [SECTION] Tornado
// [SECTION] Exports (the CLI's writers)
// [SECTION] Page, polling and file routing
// [SECTION] Scripts (simulation_command, simulation_status_json)
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"
#include "app/charts.h"
#include "app/panels.h"
#include "app/platform.h"
#include "app/sim_runner.h"
#include "app/widgets.h"
#include "core/money.h"
#include "core/policy.h"
#include "core/policy_sim.h"
#include "imgui.h"
#include "io/book_json.h"
#include "io/simulate_report.h"
#include "io/policy_json.h"

namespace app {

namespace {

// ---- [SECTION] State -------------------------------------------------------------------

// A policy and its fields as typed: a text that does not parse stays as typed, with why, and
// the policy keeps its last good value (a run is refused while any field does not parse).
struct PolicyEntry {
  arlab::SimPolicy policy;
  std::map<std::string, std::string, std::less<>> texts;  // By parameter name.
  std::map<std::string, std::string, std::less<>> why;    // Parse problems by name.
};

// The Sweep: one parameter of the selected policy over values, on the same draws.
struct SweepState {
  int param = 0;                  // Into sim_params().
  char values[96] = "";
  int metric = arlab::kSimProfit;
  bool diff = true;
  SimRunner runner;
  std::string param_run;          // What the runner is running.
  std::vector<int64_t> values_run;
  int metric_run = arlab::kSimProfit;
  bool diff_run = true;
  std::optional<arlab::SweepResult> result;
  std::string problem;
};

// The Tornado: a run of the two policies, then each assumption low and high, one request after
// the other through one runner.
struct TornadoState {
  int metric = arlab::kSimProfit;
  int runs = 200;
  SimRunner runner;
  arlab::SimPlanPtr fitted;             // The one fit every case runs on (core's replan).
  arlab::SimRequest base_request;       // The two policies as they are.
  std::vector<arlab::TornadoCase> cases;
  std::vector<arlab::SimResult> results;
  size_t next = 0;                      // 0: the base request runs; k: cases[k - 1].
  double base = 0;
  bool running = false, cancelled = false;
  int metric_run = arlab::kSimProfit;
  std::optional<arlab::TornadoResult> result;
  std::string problem;
};

// The Backtest: the model fitted on the documents before a date, the months after it replayed
// (the invoices actually issued, their payments drawn) against the cash actually collected,
// beside the two naive forecasts (core/simulate.h backtest_of: arlab simulate --backtest-from).
struct BacktestState {
  char from[16] = "";                   // "" until first drawn: 12 months before the book's end.
  int runs = 500;
  SimRunner runner;
  std::optional<arlab::Backtest> result;
  bool scored = false;                  // result is of the runner's last result.
  std::string problem;
};

struct SimulationPanel {
  bool started = false;                 // The policies were made from a book.
  std::vector<PolicyEntry> policies;    // [0]: "As today", the baseline.
  int selected = 0;
  char rename[64] = "";
  bool renaming = false;
  char from[16] = "";                   // The first day simulated; "": the day after the book.
  int horizon_months = 12;
  int runs = 1000;
  char seed[24] = "1";
  SimRunner runner;
  uint64_t run_book_generation = 0;     // The book the results are of.
  int compare = 1;                      // The policy the waterfall and table hold against [0].
  std::vector<std::string> problems;    // Why the last Run was refused.
  std::string done;                     // The last load, save or export.
  int view = 0;                         // 0 Results, 1 Sweep, 2 Tornado, 3 Backtest.
  bool select_view = false;
  SweepState sweep;
  TornadoState tornado;
  BacktestState backtest;
  bool picking = false;                 // The file picker was opened for a policy.
  char path[512] = "";                  // Natively: a policy file's path.
  SimWarmth warmth = SimWarmth::None;   // The spare Worker's, as of the last frame drawn.
};

const char* const kViews[] = {"Results", "Sweep", "Tornado", "Backtest"};

// ---- [SECTION] Policies and their fields -----------------------------------------------

std::string_view lever_of(std::string_view name) { return name.substr(0, name.find('.')); }

const char* lever_title(std::string_view lever) {
  static const std::pair<const char*, const char*> kTitles[] = {
      {"discount", "Early-payment discount"}, {"terms", "Credit terms"},
      {"holds", "Stop supply (holds)"},       {"prevention", "Credit vetting before delivery"},
      {"dunning", "Dunning"},                 {"recovery", "Collection after the fact"},
      {"commission", "Commission"},           {"financing", "Financing"},
      {"margin", "Margin"}};
  for (const auto& [key, title] : kTitles) {
    if (lever == key) return title;
  }
  return nullptr;
}

std::string lever_label(std::string_view lever) {
  if (const char* t = lever_title(lever)) return t;
  std::string s(lever);
  if (!s.empty()) s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

const char* unit_text(const arlab::Book& book, arlab::ParamUnit unit) {
  switch (unit) {
    case arlab::ParamUnit::Ppm: return "%";
    case arlab::ParamUnit::Days: return "days";
    case arlab::ParamUnit::Minor: return book.currency.c_str();
    case arlab::ParamUnit::Switch:
    case arlab::ParamUnit::Choice: return "";
  }
  return "";
}

std::string field_text(const PolicyEntry& e, const arlab::SimParam& param, int digits) {
  auto it = e.texts.find(param.name);
  if (it != e.texts.end()) return it->second;
  int64_t value = 0;
  if (!arlab::get_sim_param(e.policy, param.name, &value)) return "";
  return arlab::format_sim_param(param, value, digits);
}

// A field as typed: parsed by core, set when it parses; false (why kept) when it does not.
bool set_field(PolicyEntry& e, const arlab::SimParam& param, const std::string& text, int digits) {
  e.texts[param.name] = text;
  int64_t value = 0;
  std::string why;
  if (!arlab::parse_sim_param(param, text, &value, &why, digits)) {
    e.why[param.name] = why.empty() ? "not a value this field takes" : why;
    return false;
  }
  e.why.erase(param.name);
  return arlab::set_sim_param(&e.policy, param.name, value);
}

// The policy changed as a whole (a file, a duplicate): the fields show its values again.
void reset_fields(PolicyEntry& e) {
  e.texts.clear();
  e.why.clear();
}

// "As today": every lever off, so the book is simulated as it is; the first letter day is the
// book's collection policy's, so the editor shows the number the book holds.
PolicyEntry baseline_from_book(const arlab::Book& book) {
  PolicyEntry e;
  e.policy = arlab::SimPolicy::defaults();
  e.policy.name = "As today";
  const std::vector<arlab::DunningLevel>& levels = book.collection.policy.levels;
  if (!levels.empty()) e.policy.dunning.first_letter_days = levels.front().days;
  return e;
}

void start_from_book(const State& state, SimulationPanel& p) {
  if (p.started) return;
  p.started = true;
  p.policies = {baseline_from_book(state.book)};
  p.selected = 0;
}

// A name not yet in the list: "2/10 net 30", "2/10 net 30 (2)", ...
std::string unique_name(const SimulationPanel& p, const std::string& want) {
  auto taken = [&](const std::string& n) {
    for (const PolicyEntry& e : p.policies)
      if (e.policy.name == n) return true;
    return false;
  };
  if (!taken(want)) return want;
  for (int k = 2;; ++k) {
    std::string n = want + " (" + std::to_string(k) + ")";
    if (!taken(n)) return n;
  }
}

bool add_policy(SimulationPanel& p, PolicyEntry e) {
  if (p.policies.size() >= arlab::kSimPoliciesMax) return false;
  e.policy.name = unique_name(p, e.policy.name);
  p.policies.push_back(std::move(e));
  p.selected = int(p.policies.size()) - 1;
  return true;
}

// Core's problems of a policy, with the places of its fields ("discount.within_days").
std::vector<arlab::Problem> policy_problems(const PolicyEntry& e) {
  std::vector<arlab::Problem> problems;
  arlab::validate_sim_policy(e.policy, &problems);
  return problems;
}

// A problem's place belongs to a field when it is the field's name or starts with it and a
// '.' or '['.
bool place_is(std::string_view place, std::string_view name) {
  if (place.substr(0, name.size()) != name) return false;
  return place.size() == name.size() || place[name.size()] == '.' || place[name.size()] == '[';
}

// Why the policies cannot run as typed ("2/10 net 30: Discount rate: ..."), empty if they can.
std::vector<std::string> typed_problems(const SimulationPanel& p) {
  std::vector<std::string> out;
  for (const PolicyEntry& e : p.policies) {
    for (const auto& [name, why] : e.why) {
      const arlab::SimParam* param = arlab::find_sim_param(name);
      out.push_back(e.policy.name + ": " + (param ? param->label : name) + ": " + why);
    }
  }
  return out;
}

// ---- [SECTION] Formatting outcomes -----------------------------------------------------

double chart_value(const arlab::Book& book, arlab::SimMetric m, double v) {
  if (arlab::sim_metric_is_money(m)) return v / std::pow(10.0, book.minor_digits);
  if (m == arlab::kSimDso || m == arlab::kSimCountbackDso) return v / 100.0;  // Days.
  if (m == arlab::kSimOverdueRatio || m == arlab::kSimCollectionRate) return v / 1e4;  // %.
  return v;
}

const char* chart_unit(arlab::SimMetric m) {
  if (m == arlab::kSimDso || m == arlab::kSimCountbackDso) return " d";
  if (m == arlab::kSimOverdueRatio || m == arlab::kSimCollectionRate) return "%";
  return "";
}

// Exact: money in the book's digits, days and percentages to one decimal.
std::string metric_text(const arlab::Book& book, arlab::SimMetric m, double v) {
  if (!std::isfinite(v)) return "n/a";
  if (arlab::sim_metric_is_money(m)) return ui::money(book, std::llround(v));
  char text[48];
  std::snprintf(text, sizeof text, "%.1f%s", chart_value(book, m, v), chart_unit(m));
  return text;
}

// Short, for a band beside its mean: "1.23M", "45.6k", "12.5 d".
std::string short_text(const arlab::Book& book, arlab::SimMetric m, double v) {
  if (!arlab::sim_metric_is_money(m)) return metric_text(book, m, v);
  double a = chart_value(book, m, v), abs = std::fabs(a);
  char text[48];
  if (abs >= 1e9) std::snprintf(text, sizeof text, "%.3gB", a / 1e9);
  else if (abs >= 1e6) std::snprintf(text, sizeof text, "%.3gM", a / 1e6);
  else if (abs >= 1e4) std::snprintf(text, sizeof text, "%.3gk", a / 1e3);
  else std::snprintf(text, sizeof text, "%.0f", a);
  return text;
}

std::string band_text(const arlab::Book& book, arlab::SimMetric m, const arlab::Band& b) {
  return short_text(book, m, double(b.p5)) + " to " + short_text(book, m, double(b.p95));
}

ImVec4 policy_color(size_t k) {
  static const ImVec4 kColors[] = {
      ImVec4(0.55f, 0.60f, 0.68f, 1), ImVec4(0.26f, 0.59f, 0.98f, 1), ImVec4(0.95f, 0.55f, 0.20f, 1),
      ImVec4(0.30f, 0.75f, 0.45f, 1), ImVec4(0.80f, 0.35f, 0.75f, 1), ImVec4(0.85f, 0.30f, 0.30f, 1)};
  return kColors[k % (sizeof kColors / sizeof kColors[0])];
}

std::vector<std::string> month_labels(const arlab::SimPolicyResult& r) {
  std::vector<std::string> labels;
  for (const arlab::SimMonthResult& m : r.months)
    labels.push_back(ui::short_month(arlab::format_date(m.first).substr(0, 7)));
  return labels;
}

// ---- [SECTION] Left: the policy list and editor ----------------------------------------

void draw_policy_list(State& state, SimulationPanel& p) {
  ui::heading("Policies");
  ui::help_marker("\"As today\" is the baseline: every lever off, the book as it is. Each other "
                  "policy is compared with it on the same draws (common random numbers).");
  float list_h = ImGui::GetTextLineHeightWithSpacing() * float(std::min<size_t>(p.policies.size(), 5)) +
                 ImGui::GetStyle().FramePadding.y * 2;
  if (ImGui::BeginListBox("##sim_policies", ImVec2(-FLT_MIN, list_h))) {
    for (size_t k = 0; k < p.policies.size(); ++k) {
      ImGui::PushID(int(k));
      bool focused = false;
      if (ui::selectable_fit(p.policies[k].policy.name, int(k) == p.selected, 0, &focused) || focused)
        p.selected = int(k);
      ImGui::PopID();
    }
    ImGui::EndListBox();
  }
  ui::mark("sim-add");
  if (ImGui::SmallButton("Add")) {
    PolicyEntry e = baseline_from_book(state.book);
    e.policy.name = "New policy";
    add_policy(p, std::move(e));
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Duplicate")) {
    PolicyEntry e = p.policies[size_t(p.selected)];
    e.policy.name += " copy";
    add_policy(p, std::move(e));
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Rename")) {
    p.renaming = !p.renaming;
    std::snprintf(p.rename, sizeof p.rename, "%s", p.policies[size_t(p.selected)].policy.name.c_str());
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(p.selected == 0);
  if (ImGui::SmallButton("Remove")) {
    p.policies.erase(p.policies.begin() + p.selected);
    p.selected = std::min(p.selected, int(p.policies.size()) - 1);
  }
  ImGui::EndDisabled();
  if (p.selected == 0 && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("The baseline stays: the others are compared with it.");
  if (p.renaming) {
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ui::px(60));
    bool enter = ImGui::InputText("##sim_rename", p.rename, sizeof p.rename,
                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::SmallButton("OK") || enter) && p.rename[0]) {
      PolicyEntry& e = p.policies[size_t(p.selected)];
      std::string want = p.rename;
      if (want != e.policy.name) e.policy.name = unique_name(p, want);
      p.renaming = false;
    }
  }
}

void draw_file_buttons(State& state, SimulationPanel& p) {
  if (platform::has_file_picker()) {
    if (ImGui::SmallButton("Load policy...")) {
      forget_file_picks(state);
      p.picking = true;
      platform::request_open_file(platform::OpenKind::Policy);
    }
    ImGui::SameLine();
  }
  if (ImGui::SmallButton("Save policy...")) {
    const arlab::SimPolicy& policy = p.policies[size_t(p.selected)].policy;
    std::string where, error, name = "policy.json";
    if (platform::export_file(name, arlab::write_sim_policy(policy, state.book.minor_digits), &where,
                              &error)) {
      p.done = "Saved \"" + policy.name + "\" (" + where + ")";
    } else {
      p.done = "Could not save the policy: " + error;
    }
  }
  if (!platform::has_file_picker()) {
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ui::px(60));
    bool enter = ImGui::InputTextWithHint("##sim_path", "/path/to/policy.json", p.path, sizeof p.path,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::SmallButton("Load") || enter) {
      std::string text, error;
      if (platform::read_path(p.path, &text, &error)) {
        simulation_open_file(state, p.path, text);
      } else {
        show_problems(state, std::string("Could not read ") + p.path, {arlab::Problem{"", error}});
      }
    }
  }
}

// One field: its label (the source on hover), the value as typed with its unit, and below it
// the parse problem or core's problems of that place.
void draw_field(State& state, PolicyEntry& e, const arlab::SimParam& param,
                const std::vector<arlab::Problem>& problems) {
  const ui::Palette& pal = ui::palette();
  const int digits = state.book.minor_digits;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ui::text_fit(param.label);
  if (ImGui::IsItemHovered() && param.source && param.source[0]) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::Text("%s (%s)\nSource: %s", param.label, param.name, param.source);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ImGui::TableNextColumn();
  ImGui::PushID(param.name);
  if (param.unit == arlab::ParamUnit::Switch) {
    int64_t value = 0;
    arlab::get_sim_param(e.policy, param.name, &value);
    bool on = value != 0;
    if (ImGui::Checkbox("##on", &on)) set_field(e, param, on ? "on" : "off", digits);
  } else if (param.unit == arlab::ParamUnit::Choice && param.choices) {
    // "salesperson|customer|team": the value is the position.
    std::vector<std::string> names;
    for (std::string_view rest = param.choices; !rest.empty();) {
      size_t bar = rest.find('|');
      names.emplace_back(rest.substr(0, bar));
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
    int64_t value = 0;
    arlab::get_sim_param(e.policy, param.name, &value);
    ImGui::SetNextItemWidth(ui::px(130));
    const char* shown = value >= 0 && size_t(value) < names.size() ? names[size_t(value)].c_str() : "";
    if (ImGui::BeginCombo("##c", shown)) {
      for (size_t k = 0; k < names.size(); ++k) {
        if (ImGui::Selectable(names[k].c_str(), int64_t(k) == value)) set_field(e, param, names[k], digits);
      }
      ImGui::EndCombo();
    }
  } else {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s", field_text(e, param, digits).c_str());
    ImGui::SetNextItemWidth(ui::px(110));
    if (ImGui::InputText("##v", buf, sizeof buf)) set_field(e, param, buf, digits);
    ui::mark(("sim-field-" + std::string(param.name)).c_str());  // Where a test types.
    ImGui::SameLine();
    ui::text_muted(unit_text(state.book, param.unit));
  }
  ImGui::PopID();
  auto why = e.why.find(param.name);
  if (why != e.why.end()) ui::text_fit_colored(pal.bad, why->second);
  for (const arlab::Problem& pr : problems) {
    if (place_is(pr.place, param.name)) ui::text_fit_colored(pal.bad, pr.message);
  }
}

void draw_fields(State& state, PolicyEntry& e, const std::vector<const arlab::SimParam*>& params,
                 const std::vector<arlab::Problem>& problems, const char* id) {
  if (params.empty()) return;
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed,
                          std::max(ui::px(130), ui::px(110) + ImGui::CalcTextSize(" days").x +
                                                    ImGui::GetStyle().ItemSpacing.x));
  for (const arlab::SimParam* param : params) draw_field(state, e, *param, problems);
  ImGui::EndTable();
}

// The commission lever's plan comes from the Commission tab's slots (its own editor).
void draw_commission_plan_source(State& state, PolicyEntry& e) {
  ImGui::TextUnformatted("Plan:");
  ImGui::SameLine();
  ui::text_fit(e.policy.commission.plan.name.empty() ? "(none)" : e.policy.commission.plan.name);
  for (int k = 0; k < 2; ++k) {
    const PlanSlot& slot = state.commission.slots[k];
    ImGui::BeginDisabled(!slot.has_applied);
    if (ImGui::SmallButton(k == 0 ? "Use plan A" : "Use plan B")) {
      e.policy.commission.plan = slot.applied;
      e.policy.commission.on = true;
      reset_fields(e);
    }
    ImGui::EndDisabled();
    if (k == 0) ImGui::SameLine();
  }
}

void draw_editor(State& state, SimulationPanel& p) {
  PolicyEntry& e = p.policies[size_t(p.selected)];
  ImGui::Separator();
  ui::heading(e.policy.name.c_str());
  ImGui::PushTextWrapPos(0.0f);  // A narrow pane wraps these lines rather than cut them.
  if (p.selected == 0)
    ui::text_muted("The baseline: change it to say what \"today\" does differently.");
  ImGui::PopTextWrapPos();
  std::vector<arlab::Problem> problems = policy_problems(e);
  // Problems of no field shown here (a commission plan's, a rule across levers).
  const std::vector<arlab::SimParam>& params = arlab::sim_params();
  for (const arlab::Problem& pr : problems) {
    bool placed = false;
    for (const arlab::SimParam& param : params) placed = placed || place_is(pr.place, param.name);
    if (!placed) ui::text_fit_colored(ui::palette().bad, pr.place + ": " + pr.message);
  }
  std::vector<std::string> levers;
  for (const arlab::SimParam& param : params) {
    std::string lever(lever_of(param.name));
    if (std::find(levers.begin(), levers.end(), lever) == levers.end()) levers.push_back(lever);
  }
  for (const std::string& lever : levers) {
    std::vector<const arlab::SimParam*> own, response;
    for (const arlab::SimParam& param : params) {
      if (lever_of(param.name) != lever) continue;
      (param.response ? response : own).push_back(&param);
    }
    std::string title = lever_label(lever) + "##lever_" + lever;
    if (!ImGui::CollapsingHeader(title.c_str(), lever == "discount" ? ImGuiTreeNodeFlags_DefaultOpen : 0))
      continue;
    ImGui::PushID(lever.c_str());
    draw_fields(state, e, own, problems, "##own");
    if (lever == "commission") draw_commission_plan_source(state, e);
    if (!response.empty() && ImGui::TreeNode("Assumptions")) {
      ImGui::PushTextWrapPos(0.0f);
      ui::text_muted("How customers respond; hover a name for its source.");
      ImGui::PopTextWrapPos();
      draw_fields(state, e, response, problems, "##response");
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

void draw_left(State& state, SimulationPanel& p) {
  draw_policy_list(state, p);
  draw_file_buttons(state, p);
  if (!p.done.empty()) ui::text_fit_colored(ui::palette().good, p.done);
  draw_editor(state, p);
}

// ---- [SECTION] Right: run settings and progress ----------------------------------------

arlab::SimRequest make_request(const SimulationPanel& p) {
  arlab::SimRequest r;
  arlab::Date from;
  if (p.from[0] && arlab::parse_date(p.from, &from)) r.from = from;
  r.horizon_months = p.horizon_months;
  r.runs = p.runs;
  r.seed = std::strtoull(p.seed, nullptr, 10);
  for (const PolicyEntry& e : p.policies) r.policies.push_back(e.policy);
  return r;
}

bool seed_ok(const char* text) {
  if (!text[0]) return false;
  for (const char* c = text; *c; ++c)
    if (*c < '0' || *c > '9') return false;
  return true;
}

// Refused in words when a field does not parse or core refuses the request.
bool start_run(State& state, SimulationPanel& p) {
  p.problems = typed_problems(p);
  if (!seed_ok(p.seed)) p.problems.push_back("Seed: a whole number, 0 or more");
  arlab::Date from;
  if (p.from[0] && !arlab::parse_date(p.from, &from))
    p.problems.push_back("From: \"" + std::string(p.from) +
                         "\" is not a date YYYY-MM-DD (or leave it empty: the day after the book)");
  if (!p.problems.empty()) return false;
  std::string why;
  if (!p.runner.start(state.book, make_request(p), &why, state.book_generation)) {
    p.problems.push_back(why);
    return false;
  }
  p.run_book_generation = state.book_generation;
  p.compare = std::clamp(p.selected > 0 ? p.selected : 1, 0, int(p.policies.size()) - 1);
  return true;
}

void progress_bar(const SimRunner& runner, const char* id) {
  const SimProgress& g = runner.progress();
  if (g.runs == 0) return;
  char overlay[96];
  std::snprintf(overlay, sizeof overlay, "%d / %d runs, %.1f s", g.runs_done, g.runs,
                g.elapsed_ms / 1000.0);
  ImGui::ProgressBar(float(g.runs_done) / float(g.runs), ImVec2(-FLT_MIN, 0), overlay);
  ui::mark(id);
  const ui::Palette& pal = ui::palette();
  if (!g.error.empty()) ui::text_fit_colored(pal.bad, "Stopped: " + g.error);
  else if (g.cancelled)
    ui::text_fit_colored(pal.warn, "Cancelled: the results are partial, of the " +
                                       std::to_string(g.runs_done) + " runs done.");
  else if (g.running) ui::text_fit_colored(pal.text_muted, "Running on " + g.where + "...");
  else ui::text_fit_colored(pal.text_muted, "Done on " + g.where + ".");
}

void draw_run_settings(State& state, SimulationPanel& p) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("From");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(120));
  ImGui::InputTextWithHint("##sim_from", "after the book", p.from, sizeof p.from);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The first day simulated, YYYY-MM-DD; empty: the day after the book's last "
                      "document. The model is fitted on the documents before it.");
  ui::same_line_if_fits(ImGui::CalcTextSize("Months").x + ui::px(100));
  ImGui::TextUnformatted("Months");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(90));
  ImGui::InputInt("##sim_months", &p.horizon_months);
  p.horizon_months = std::clamp(p.horizon_months, 1, arlab::kSimHorizonMax);
  ui::same_line_if_fits(ImGui::CalcTextSize("Runs").x + ui::px(130));
  ImGui::TextUnformatted("Runs");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(120));
  ImGui::InputInt("##sim_runs", &p.runs, 100, 1000);
  p.runs = std::clamp(p.runs, 1, arlab::kSimRunsMax);
  ui::same_line_if_fits(ImGui::CalcTextSize("Seed").x + ui::px(110));
  ImGui::TextUnformatted("Seed");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(100));
  ImGui::InputText("##sim_seed", p.seed, sizeof p.seed, ImGuiInputTextFlags_CharsDecimal);
  ui::same_line_if_fits(ui::px(150));
  const bool running = p.runner.progress().running;
  ImGui::BeginDisabled(running);
  if (ImGui::Button("Run")) start_run(state, p);
  ImGui::EndDisabled();
  ui::mark("sim-run");
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button("Cancel")) p.runner.cancel();
  ImGui::EndDisabled();
  ui::mark("sim-cancel");
  ImGui::SameLine();
  ui::help_marker("Each run draws every customer's payments for the months ahead from the "
                  "behaviour fitted on the book (docs/SIMULATION.md); the bands are the 5th "
                  "and 95th percentiles over the runs. The same seed gives the same numbers.");
  for (const std::string& line : p.problems) ui::text_fit_colored(ui::palette().bad, line);
  progress_bar(p.runner, "sim-progress");
}

// ---- [SECTION] The spare Worker (platform::warm_sim_work) -------------------------------

// Runs a spare Worker is warmed with: enough for the browser to compile the hot code to its
// optimized tier (the first runs of a cold Worker are three times slower than later ones), few
// enough to be done while the page is being read.
constexpr int32_t kWarmRuns = 64;

// The request a spare is warmed with: the page's start, horizon and seed, so that a Run with the
// same ones reuses its fit; the policies core takes as they are, so that the levers the Run will
// use are warm too; a few runs.
arlab::SimRequest warm_request(const State& state, const SimulationPanel& p) {
  arlab::SimRequest r = make_request(p);
  r.runs = kWarmRuns;
  if (!seed_ok(p.seed)) r.seed = 1;
  r.policies.clear();
  for (const PolicyEntry& e : p.policies)
    if (policy_problems(e).empty() && r.policies.size() < arlab::kSimPoliciesMax)
      r.policies.push_back(e.policy);
  if (r.policies.empty()) r.policies.push_back(baseline_from_book(state.book).policy);
  return r;
}

// Something of this page is running: no spare is made meanwhile (the machine's cores are the
// run's; the book's text would be written on this thread in the middle of it). One is made
// when the run is over.
bool sim_busy(const SimulationPanel& p) {
  return p.runner.progress().running || p.sweep.runner.progress().running ||
         p.backtest.runner.progress().running || p.tornado.running;
}

// Books up to this many invoices get a spare. A spare's book text is written on this thread
// when the page is shown, before anyone asks for a run (write_book_json in WebAssembly: about
// 2 s for 1,000,000 invoices, docs/BENCHMARKS.md, so some 0.4 s here); a bigger book pays it
// when Run is pressed, as every run did before spares.
constexpr size_t kWarmInvoicesMax = 200000;

// Every frame the page is drawn; the texts are made only when a spare is (platform.h).
void warm_spare(const State& state, SimulationPanel& p) {
  if (state.book.invoices.size() > kWarmInvoicesMax) {
    p.warmth = SimWarmth::None;
    return;
  }
  p.warmth = platform::warm_sim_work(
      state.book_generation, [&state] { return arlab::write_book_json(state.book); },
      [&state, &p] {
        return arlab::write_sim_request(warm_request(state, p), state.book.minor_digits);
      },
      !sim_busy(p));
}

// ---- [SECTION] Results -----------------------------------------------------------------

void draw_metric_chart(State& state, const arlab::SimResult& r, arlab::SimMetric m, const char* id,
                       float height) {
  const arlab::Book& book = state.book;
  std::vector<ui::BandSeries> series;
  for (size_t k = 0; k < r.policies.size(); ++k) {
    ui::BandSeries s{r.policies[k].name, policy_color(k), {}, {}, {}};
    for (const arlab::SimMonthResult& month : r.policies[k].months) {
      s.mean.push_back(chart_value(book, m, month.v[m].mean));
      s.low.push_back(chart_value(book, m, double(month.v[m].p5)));
      s.high.push_back(chart_value(book, m, double(month.v[m].p95)));
    }
    series.push_back(std::move(s));
  }
  std::vector<std::string> labels = month_labels(r.policies[0]);
  ui::band_chart(id, labels, series, chart_unit(m), ImVec2(ImGui::GetContentRegionAvail().x, height),
                 [&](size_t i) {
                   std::string text = labels[i];
                   for (const arlab::SimPolicyResult& pr : r.policies) {
                     const arlab::Band& b = pr.months[i].v[m];
                     text += "\n" + pr.name + ": " + metric_text(book, m, b.mean) + "  (" +
                             metric_text(book, m, double(b.p5)) + " to " +
                             metric_text(book, m, double(b.p95)) + ")";
                   }
                   return text;
                 });
}

void compare_combo(SimulationPanel& p, const arlab::SimResult& r) {
  if (r.policies.size() < 2) return;
  p.compare = std::clamp(p.compare, 1, int(r.policies.size()) - 1);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Compare");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::px(260)));
  if (ImGui::BeginCombo("##sim_compare", r.policies[size_t(p.compare)].name.c_str())) {
    for (size_t k = 1; k < r.policies.size(); ++k) {
      if (ImGui::Selectable((r.policies[k].name + "##c" + std::to_string(k)).c_str(), int(k) == p.compare))
        p.compare = int(k);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("with");
  ImGui::SameLine();
  ui::text_fit(r.policies[0].name);
}

void draw_waterfall(State& state, SimulationPanel& p, const arlab::SimResult& r) {
  if (r.policies.size() < 2) return;
  const size_t b = size_t(p.compare);
  std::vector<arlab::WaterfallStep> steps = arlab::profit_waterfall(r, 0, b);
  std::vector<ui::WaterfallBar> bars;
  double total = 0;
  for (const arlab::WaterfallStep& s : steps) {
    bars.push_back({s.label, chart_value(state.book, arlab::kSimProfit, s.delta)});
    total += s.delta;
  }
  ui::heading("Profit: what changes");
  ui::help_marker("Each bar is one effect of the policy on profit over the horizon, the mean "
                  "over the runs, against the baseline; the last is their sum.");
  const arlab::Book& book = state.book;
  ui::waterfall_chart("##sim_waterfall", bars, "Net effect on profit", "",
                      ImGui::GetContentRegionAvail().x, [&](size_t i) {
                        if (i < steps.size())
                          return steps[i].label + ": " + ui::money(book, std::llround(steps[i].delta));
                        return "Net effect on profit: " + ui::money(book, std::llround(total));
                      });
}

void draw_totals(State& state, SimulationPanel& p, const arlab::SimResult& r) {
  const arlab::Book& book = state.book;
  const bool two = r.policies.size() >= 2;
  const size_t b = two ? size_t(p.compare) : 0;
  ui::heading("Over the horizon");
  ui::help_marker("Means over the runs, with the 5th to 95th percentile under each. The "
                  "difference is taken run by run, on the same draws: its band is narrower "
                  "than the two bands apart.");
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##sim_totals", two ? 4 : 2, flags)) return;
  ImGui::TableSetupColumn("Outcome", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(r.policies[0].name.c_str(), ui::kFitColumn);
  if (two) {
    ImGui::TableSetupColumn(r.policies[b].name.c_str(), ui::kFitColumn);
    ImGui::TableSetupColumn("Difference", ui::kFitColumn);
  }
  ui::headers_row();
  for (int mi = 0; mi < arlab::kSimMetricCount; ++mi) {
    arlab::SimMetric m = arlab::SimMetric(mi);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::text_fit(arlab::sim_metric_label(m));
    auto cell = [&](const arlab::Band& band) {
      ImGui::TableNextColumn();
      ui::text_right(metric_text(book, m, band.mean));
      ui::text_right_colored(ui::palette().text_muted, band_text(book, m, band));
    };
    cell(r.policies[0].total[mi]);
    if (two) {
      cell(r.policies[b].total[mi]);
      cell(r.policies[b].diff_total[mi]);
    }
  }
  ImGui::EndTable();
}

void draw_people(State& state, SimulationPanel& p, const arlab::SimResult& r) {
  const arlab::Book& book = state.book;
  const size_t b = r.policies.size() >= 2 ? size_t(p.compare) : 0;
  const arlab::SimPolicyResult& base = r.policies[0];
  const arlab::SimPolicyResult& other = r.policies[b];
  if (base.people.empty()) return;
  ui::heading("Per salesperson");
  ui::help_marker("Commission earned and the collection rate (cash / sales) of each "
                  "salesperson's customers over the horizon: the baseline, then the policy. "
                  "Hover a figure for its 5th-95th percentile band.");
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_SizingStretchProp;
  const bool two = b != 0;
  if (!ImGui::BeginTable("##sim_people", two ? 5 : 3, flags)) return;
  ImGui::TableSetupColumn("Salesperson", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Commission", ui::kFitColumn);
  if (two) ImGui::TableSetupColumn("Commission (policy)", ui::kFitColumn);
  ImGui::TableSetupColumn("Collection rate", ui::kFitColumn);
  if (two) ImGui::TableSetupColumn("Rate (policy)", ui::kFitColumn);
  ui::headers_row();
  // A mean, its band on hover (the CLI's JSON and CSV have the band too).
  auto cell = [&](arlab::SimMetric m, const arlab::Band& band) {
    ImGui::TableNextColumn();
    ui::text_right(metric_text(book, m, band.mean));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("5th to 95th percentile of the runs: %s to %s",
                        metric_text(book, m, double(band.p5)).c_str(),
                        metric_text(book, m, double(band.p95)).c_str());
  };
  for (size_t i = 0; i < base.people.size(); ++i) {
    const arlab::SimPersonResult& a = base.people[i];
    const arlab::SimPersonResult* o = i < other.people.size() ? &other.people[i] : nullptr;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::text_fit(a.name.empty() ? a.id : a.name);
    cell(arlab::kSimCommissionCost, a.commission);
    if (two) {
      if (o) cell(arlab::kSimCommissionCost, o->commission);
      else ImGui::TableNextColumn();
    }
    cell(arlab::kSimCollectionRate, a.collection_rate);
    if (two) {
      if (o) cell(arlab::kSimCollectionRate, o->collection_rate);
      else ImGui::TableNextColumn();
    }
  }
  ImGui::EndTable();
}

bool export_results(State& state, SimulationPanel& p, bool json);

void draw_results(State& state, SimulationPanel& p) {
  const std::optional<arlab::SimResult>& r = p.runner.result();
  if (!r) {
    ImGui::PushTextWrapPos(0.0f);
    ui::text_muted(p.runner.progress().running
                       ? "The first results come in a moment."
                       : "Run the policies to see their cash, DSO and profit side by side.");
    ImGui::PopTextWrapPos();
    return;
  }
  if (p.run_book_generation != state.book_generation)
    ui::text_fit_colored(ui::palette().warn, "The book changed since this run: Run again.");
  ui::text_fit(std::to_string(r->runs_done) + " of " + std::to_string(r->runs) + " runs, " +
               arlab::format_date(r->from) + " to " + arlab::format_date(r->to) +
               (r->runs_done < r->runs ? " (partial)" : ""));
  if (ImGui::SmallButton("Export CSV")) export_results(state, p, false);
  ui::mark("sim-export-csv");
  ImGui::SameLine();
  if (ImGui::SmallButton("Export JSON")) export_results(state, p, true);
  ui::mark("sim-export-json");
  compare_combo(p, *r);
  const float chart_h = std::max(ui::px(200), ImGui::GetContentRegionAvail().y * 0.45f);
  ui::heading("Cash collected by month");
  draw_metric_chart(state, *r, arlab::kSimCash, "##sim_cash", chart_h);
  ui::heading("DSO by month");
  draw_metric_chart(state, *r, arlab::kSimDso, "##sim_dso", chart_h * 0.8f);
  draw_waterfall(state, p, *r);
  draw_totals(state, p, *r);
  draw_people(state, p, *r);
}

// ---- [SECTION] Sweep -------------------------------------------------------------------

const std::vector<const char*>& metric_labels() {
  static const std::vector<const char*> labels = [] {
    std::vector<const char*> v;
    for (int m = 0; m < arlab::kSimMetricCount; ++m) v.push_back(arlab::sim_metric_label(arlab::SimMetric(m)));
    return v;
  }();
  return labels;
}

bool start_sweep(State& state, SimulationPanel& p) {
  SweepState& s = p.sweep;
  s.problem.clear();
  const std::vector<arlab::SimParam>& params = arlab::sim_params();
  if (params.empty()) return false;
  s.param = std::clamp(s.param, 0, int(params.size()) - 1);
  const arlab::SimParam& param = params[size_t(s.param)];
  std::vector<int64_t> values;
  std::string why;
  if (!arlab::parse_sweep_values(param, s.values, &values, &why)) {
    s.problem = std::string("Values: ") + why;
    return false;
  }
  std::vector<std::string> typed = typed_problems(p);
  if (!typed.empty()) {
    s.problem = typed.front();
    return false;
  }
  arlab::SimRequest base = make_request(p);
  std::optional<arlab::SimRequest> req =
      arlab::sweep_request(base, p.policies[size_t(p.selected)].policy, param.name, values, &why);
  if (!req) {
    s.problem = why;
    return false;
  }
  if (!s.runner.start(state.book, *req, &why, state.book_generation)) {
    s.problem = why;
    return false;
  }
  s.param_run = param.name;
  s.values_run = values;
  s.metric_run = s.metric;
  s.diff_run = s.diff;
  s.result.reset();
  return true;
}

void poll_sweep(SweepState& s) {
  if (!s.runner.poll() && s.result) return;
  const std::optional<arlab::SimResult>& r = s.runner.result();
  if (r) s.result = arlab::sweep_result(*r, s.param_run, s.values_run, arlab::SimMetric(s.metric_run), s.diff_run);
}

void draw_sweep(State& state, SimulationPanel& p) {
  SweepState& s = p.sweep;
  const std::vector<arlab::SimParam>& params = arlab::sim_params();
  if (params.empty()) return;
  s.param = std::clamp(s.param, 0, int(params.size()) - 1);
  ImGui::PushTextWrapPos(0.0f);
  ui::text_muted(("One parameter of \"" + p.policies[size_t(p.selected)].policy.name +
                  "\" over values, each a policy on the same draws as the others.").c_str());
  ImGui::PopTextWrapPos();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Parameter");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::px(280)));
  if (ImGui::BeginCombo("##sweep_param", params[size_t(s.param)].label, ImGuiComboFlags_HeightLarge)) {
    for (size_t k = 0; k < params.size(); ++k) {
      std::string item = lever_label(lever_of(params[k].name)) + ": " + params[k].label + "##" + params[k].name;
      if (ImGui::Selectable(item.c_str(), int(k) == s.param)) s.param = int(k);
    }
    ImGui::EndCombo();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Values");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(160));
  ImGui::InputTextWithHint("##sweep_values", "0:3%:7 or 0,1%,2%", s.values, sizeof s.values);
  ImGui::SameLine();
  ui::help_marker("From:to:count (ends included) or a list, in the parameter's unit: "
                  "\"0:3%:7\" is 0%, 0.5%, ... 3%.");
  ui::same_line_if_fits(ui::px(260));
  ImGui::TextUnformatted("Outcome");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(180));
  ImGui::Combo("##sweep_metric", &s.metric, metric_labels().data(), int(metric_labels().size()));
  ui::same_line_if_fits(ui::px(240));
  ImGui::Checkbox("Difference with the policy", &s.diff);
  const bool running = s.runner.progress().running;
  ImGui::BeginDisabled(running);
  if (ImGui::Button("Run sweep")) start_sweep(state, p);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button("Cancel##sweep")) s.runner.cancel();
  ImGui::EndDisabled();
  if (!s.problem.empty()) ui::text_fit_colored(ui::palette().bad, s.problem);
  progress_bar(s.runner, "sweep-progress");
  if (!s.result || s.result->points.empty()) return;
  const arlab::SimParam* param = arlab::find_sim_param(s.result->param);
  if (!param) return;
  arlab::SimMetric m = s.result->metric;
  std::vector<std::string> labels;
  ui::BandSeries series{std::string(arlab::sim_metric_label(m)) + (s.result->diff ? " (difference)" : ""),
                        policy_color(1), {}, {}, {}};
  for (const arlab::SweepPoint& pt : s.result->points) {
    labels.push_back(arlab::format_sim_param(*param, pt.value, state.book.minor_digits));
    series.mean.push_back(chart_value(state.book, m, pt.metric.mean));
    series.low.push_back(chart_value(state.book, m, double(pt.metric.p5)));
    series.high.push_back(chart_value(state.book, m, double(pt.metric.p95)));
  }
  const arlab::SweepResult& sr = *s.result;
  ui::band_chart("##sweep_chart", labels, {series}, chart_unit(m),
                 ImVec2(ImGui::GetContentRegionAvail().x, std::max(ui::px(220), ImGui::GetContentRegionAvail().y - ui::px(8))),
                 [&](size_t i) {
                   const arlab::Band& b = sr.points[i].metric;
                   return std::string(param->label) + " " + labels[i] + "\n" +
                          metric_text(state.book, m, b.mean) + "  (" + metric_text(state.book, m, double(b.p5)) +
                          " to " + metric_text(state.book, m, double(b.p95)) + ")";
                 });
}

// ---- [SECTION] Tornado -----------------------------------------------------------------

bool start_tornado(State& state, SimulationPanel& p) {
  TornadoState& t = p.tornado;
  t.problem.clear();
  t.result.reset();
  t.results.clear();
  std::vector<std::string> typed = typed_problems(p);
  if (!typed.empty()) {
    t.problem = typed.front();
    return false;
  }
  if (p.policies.size() < 2) {
    t.problem = "Add a policy to compare with \"As today\" first.";
    return false;
  }
  const size_t b = size_t(std::clamp(p.selected > 0 ? p.selected : 1, 1, int(p.policies.size()) - 1));
  arlab::SimRequest req = make_request(p);
  req.runs = std::clamp(t.runs, 1, arlab::kSimRunsMax);
  t.base_request = req;
  t.base_request.policies = {p.policies[0].policy, p.policies[b].policy};
  t.cases = arlab::tornado_cases(req, 0, b, req.runs);
  t.next = 0;
  t.metric_run = t.metric;
  std::string why;
  t.fitted = arlab::prepare_simulation(state.book, t.base_request, &why);
  if (!t.fitted ||
      !t.runner.start_from(*t.fitted, state.book, t.base_request, &why, state.book_generation)) {
    t.problem = why;
    return false;
  }
  t.running = true;
  t.cancelled = false;
  return true;
}

// One request after the other: the base, then each case; the bars once all are done.
void poll_tornado(State& state, TornadoState& t) {
  if (!t.running) return;
  t.runner.poll();
  const SimProgress& g = t.runner.progress();
  if (g.running) return;
  if (g.cancelled || !g.error.empty() || !t.runner.result()) {
    t.running = false;
    t.cancelled = g.cancelled;
    if (!g.error.empty()) t.problem = g.error;
    return;
  }
  arlab::SimMetric m = arlab::SimMetric(t.metric_run);
  if (t.next == 0) {
    t.base = t.runner.result()->policies[1].diff_total[m].mean;
  } else {
    t.results.push_back(*t.runner.result());
  }
  if (t.next == t.cases.size()) {
    t.result = arlab::tornado_result(t.cases, t.results, t.base, m);
    t.running = false;
    return;
  }
  std::string why;
  if (!t.runner.start_from(*t.fitted, state.book, t.cases[t.next].request, &why,
                           state.book_generation)) {
    t.problem = why;
    t.running = false;
    return;
  }
  ++t.next;
}

void draw_tornado(State& state, SimulationPanel& p) {
  TornadoState& t = p.tornado;
  ImGui::PushTextWrapPos(0.0f);
  ui::text_muted("Which assumption matters most: each response parameter at half and at one and "
                 "a half times its value, in both policies, and how far the difference between "
                 "them moves. The widest bars are the assumptions to check first.");
  ImGui::PopTextWrapPos();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Outcome");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(180));
  ImGui::Combo("##tornado_metric", &t.metric, metric_labels().data(), int(metric_labels().size()));
  ui::same_line_if_fits(ui::px(220));
  ImGui::TextUnformatted("Runs each");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(110));
  ImGui::InputInt("##tornado_runs", &t.runs, 50, 200);
  t.runs = std::clamp(t.runs, 1, arlab::kSimRunsMax);
  ImGui::BeginDisabled(t.running);
  if (ImGui::Button("Run tornado")) start_tornado(state, p);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!t.running);
  if (ImGui::Button("Cancel##tornado")) {
    t.runner.cancel();
    t.running = false;
    t.cancelled = true;
  }
  ImGui::EndDisabled();
  if (t.running || t.cancelled) {
    ImGui::SameLine();
    ui::text_fit((t.cancelled ? "Cancelled at case " : "Case ") + std::to_string(t.next) + " of " +
                 std::to_string(t.cases.size()));
  }
  if (!t.problem.empty()) ui::text_fit_colored(ui::palette().bad, t.problem);
  if (t.running) progress_bar(t.runner, "tornado-progress");
  if (!t.result) return;
  arlab::SimMetric m = t.result->metric;
  std::vector<ui::TornadoRow> rows;
  for (const arlab::TornadoBar& b : t.result->bars)
    rows.push_back({b.label, chart_value(state.book, m, b.low), chart_value(state.book, m, b.high)});
  const arlab::TornadoResult& tr = *t.result;
  ui::text_fit(std::string("Difference in ") + arlab::sim_metric_label(m) + " at the policies' own values: " +
               metric_text(state.book, m, tr.base));
  ui::tornado_chart("##tornado_chart", rows, chart_value(state.book, m, tr.base), chart_unit(m),
                    ImGui::GetContentRegionAvail().x, [&](size_t i) {
                      const arlab::TornadoBar& b = tr.bars[i];
                      const arlab::SimParam* param = arlab::find_sim_param(b.param);
                      auto v = [&](int64_t x) {
                        return param ? arlab::format_sim_param(*param, x, state.book.minor_digits)
                                     : std::to_string(x);
                      };
                      return b.label + "\nlow " + v(b.low_value) + ": " + metric_text(state.book, m, b.low) +
                             "\nhigh " + v(b.high_value) + ": " + metric_text(state.book, m, b.high);
                    });
}

// ---- [SECTION] Exports -----------------------------------------------------------------

// The CLI's bytes (io/simulate_report.h, `arlab simulate --format json|csv`): a partial result
// says so by its runs_done under runs.
// ---- [SECTION] Backtest ----------------------------------------------------------------

void default_backtest_from(const arlab::Book& book, BacktestState& b) {
  if (b.from[0]) return;
  const arlab::Date from = arlab::add_months(arlab::book_last_date(book) + 1, -12);
  std::snprintf(b.from, sizeof b.from, "%s", arlab::format_date(from).c_str());
}

// Whole months from the date that the book's documents cover (the last one may not pass it).
int backtest_months(const arlab::Book& book, arlab::Date from) {
  const arlab::Date last = arlab::book_last_date(book);
  int months = 0;
  while (months < arlab::kSimHorizonMax && arlab::add_months(from, months + 1) - 1 <= last) ++months;
  return months;
}

bool start_backtest(State& state, SimulationPanel& p) {
  BacktestState& b = p.backtest;
  default_backtest_from(state.book, b);
  b.problem.clear();
  b.result.reset();
  b.scored = false;
  arlab::Date from;
  if (!arlab::parse_date(b.from, &from)) {
    b.problem = "From: \"" + std::string(b.from) + "\" is not a date YYYY-MM-DD";
    return false;
  }
  const int months = backtest_months(state.book, from);
  if (months < 1) {
    b.problem = "From: the book's documents end on " +
                arlab::format_date(arlab::book_last_date(state.book)) +
                "; a backtest needs at least one whole month after the date";
    return false;
  }
  if (!seed_ok(p.seed)) {
    b.problem = "Seed: a whole number, 0 or more";
    return false;
  }
  arlab::SimRequest req;
  req.from = from;
  req.horizon_months = months;
  req.runs = std::clamp(b.runs, 1, arlab::kSimRunsMax);
  req.seed = std::strtoull(p.seed, nullptr, 10);
  req.policies = {arlab::SimPolicy::defaults()};  // The model alone, no lever.
  req.replay = true;
  std::string why;
  if (!b.runner.start(state.book, req, &why, state.book_generation)) {
    b.problem = why;
    return false;
  }
  return true;
}

// The comparison once the runs are done (or cancelled with some done): core's, on the book.
void poll_backtest(State& state, BacktestState& b) {
  b.runner.poll();
  const SimProgress& g = b.runner.progress();
  if (g.running || b.scored || !b.runner.result() || !b.runner.plan()) return;
  b.result = arlab::backtest_of(state.book, *b.runner.plan(), *b.runner.result());
  b.scored = true;
}

std::string percent_text(const std::optional<double>& v) {
  if (!v) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", *v * 100);
  return text;
}

void draw_backtest(State& state, SimulationPanel& p) {
  BacktestState& b = p.backtest;
  const arlab::Book& book = state.book;
  default_backtest_from(book, b);
  ImGui::PushTextWrapPos(0.0f);
  ui::text_muted("How well the model predicts on this book: fitted on the documents before the "
                 "date only, it replays the invoices actually issued after it and draws their "
                 "payments; each month's simulated cash (mean and 5th-95th percentile band) "
                 "against what was actually collected, beside two naive forecasts.");
  ImGui::PopTextWrapPos();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("From");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(120));
  ImGui::InputText("##sim_bt_from", b.from, sizeof b.from);
  ui::same_line_if_fits(ImGui::CalcTextSize("Runs").x + ui::px(130));
  ImGui::TextUnformatted("Runs");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(120));
  ImGui::InputInt("##sim_bt_runs", &b.runs, 100, 500);
  b.runs = std::clamp(b.runs, 1, arlab::kSimRunsMax);
  ui::same_line_if_fits(ui::px(150));
  const bool running = b.runner.progress().running;
  ImGui::BeginDisabled(running);
  if (ImGui::Button("Run backtest")) start_backtest(state, p);
  ImGui::EndDisabled();
  ui::mark("sim-backtest-run");
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button("Cancel##bt")) b.runner.cancel();
  ImGui::EndDisabled();
  if (!b.problem.empty()) ui::text_fit_colored(ui::palette().bad, b.problem);
  progress_bar(b.runner, "sim-backtest-progress");
  if (!b.result) return;
  const arlab::Backtest& t = *b.result;
  const std::vector<arlab::MonthCash>& months = t.forecast.months;
  if (months.empty()) return;
  const double unit = std::pow(10.0, book.minor_digits);
  std::vector<std::string> labels;
  ui::BandSeries sim{"Simulated", policy_color(1), {}, {}, {}};
  ui::BandSeries actual{"Actual", ui::palette().good, {}, {}, {}};
  ui::BandSeries due{"Due date", policy_color(2), {}, {}, {}};
  ui::BandSeries avg{"Average delay", policy_color(4), {}, {}, {}};
  const double nan = std::nan("");
  for (const arlab::MonthCash& m : months) {
    labels.push_back(ui::short_month(arlab::format_date(m.first).substr(0, 7)));
    sim.mean.push_back(m.mean_minor / unit);
    sim.low.push_back(double(m.p5_minor) / unit);
    sim.high.push_back(double(m.p95_minor) / unit);
    actual.mean.push_back(double(m.actual_minor) / unit);
    due.mean.push_back(double(m.due_date_minor) / unit);
    avg.mean.push_back(double(m.average_minor) / unit);
    for (ui::BandSeries* s : {&actual, &due, &avg}) {
      s->low.push_back(nan);
      s->high.push_back(nan);
    }
  }
  ImGui::TextUnformatted("Cash by month: actual and forecasts");
  ui::band_chart("##sim_bt_chart", labels, {sim, actual, due, avg}, "",
                 ImVec2(ImGui::GetContentRegionAvail().x, ui::px(230)), [&](size_t i) {
                   const arlab::MonthCash& m = months[i];
                   return labels[i] + "\nActual: " + ui::money(book, m.actual_minor) +
                          "\nSimulated: " + ui::money(book, std::llround(m.mean_minor)) + " (" +
                          ui::money(book, m.p5_minor) + " to " + ui::money(book, m.p95_minor) +
                          ")\nDue date: " + ui::money(book, m.due_date_minor) +
                          "\nAverage delay: " + ui::money(book, m.average_minor);
                 });
  if (ImGui::BeginTable("##sim_bt_errors", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("Forecast");
    ImGui::TableSetupColumn("Mean absolute % error by month");
    ImGui::TableHeadersRow();
    char avg_label[64];
    std::snprintf(avg_label, sizeof avg_label, "Due date + the book's average delay (%.1f days)",
                  t.model.book_mean_days);
    const std::pair<const char*, const arlab::ForecastError*> rows[] = {
        {"Simulated mean", &t.simulated}, {"Every invoice paid on its due date", &t.due_date},
        {avg_label, &t.average}};
    for (const auto& [label, e] : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(label);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(percent_text(e->mape).c_str());
    }
    ImGui::EndTable();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text("Actual inside the 5th-95th percentile band: %u of %u months (the band claims "
              "about 90%%). %d runs; %u invoices open at the start, %u issued after.",
              t.inside_band, t.month_count, t.forecast.runs, t.forecast.open_invoices,
              t.forecast.new_invoices);
  if (ImGui::TreeNode("The model fitted (docs/SIMULATION.md)")) {
    ImGui::TextUnformatted(arlab::model_summary(t.model).c_str());
    ImGui::TreePop();
  }
  ui::mark("sim-backtest-model");
  ImGui::PopTextWrapPos();
}

bool export_results(State& state, SimulationPanel& p, bool json) {
  const std::optional<arlab::SimResult>& r = p.runner.result();
  if (!r) {
    p.done = "Nothing to export: run the policies first.";
    return false;
  }
  std::string name = json ? "simulation.json" : "simulation.csv";
  std::string data = json ? arlab::policy_json(state.book, *r) : arlab::policy_csv(state.book, *r);
  std::string where, error;
  if (!platform::export_file(name, data, &where, &error)) {
    p.done = "Could not export: " + error;
    return false;
  }
  p.done = "Exported the results (" + where + ")";
  return true;
}

}  // namespace

// ---- [SECTION] Page, polling and file routing ------------------------------------------

void poll_simulation(State& state) {
  SimulationPanel* p = const_cast<SimulationPanel*>(find_panel_state<SimulationPanel>(state));
  if (!p) return;  // Never drawn, nothing runs.
  p->runner.poll();
  poll_sweep(p->sweep);
  poll_tornado(state, p->tornado);
  poll_backtest(state, p->backtest);
}

void draw_simulation(State& state) {
  SimulationPanel& p = panel_state<SimulationPanel>(state);
  start_from_book(state, p);
  p.selected = std::clamp(p.selected, 0, int(p.policies.size()) - 1);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float left_w = std::clamp(avail * 0.36f, ui::px(300), ui::px(460));
  ImGui::BeginChild("##sim_left", ImVec2(left_w, 0), true);
  draw_left(state, p);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##sim_right", ImVec2(0, 0), false);
  draw_run_settings(state, p);
  warm_spare(state, p);  // After Run: a run this frame takes the spare, none is made for it.
  if (ImGui::BeginTabBar("##sim_views", ImGuiTabBarFlags_FittingPolicyScroll)) {
    for (int v = 0; v < 4; ++v) {
      ImGuiTabItemFlags flags = p.select_view && p.view == v ? ImGuiTabItemFlags_SetSelected : 0;
      if (!ImGui::BeginTabItem(kViews[v], nullptr, flags)) continue;
      if (!p.select_view) p.view = v;
      ImGui::BeginChild("##sim_view", ImVec2(0, 0), false);
      if (v == 0) draw_results(state, p);
      else if (v == 1) draw_sweep(state, p);
      else if (v == 2) draw_tornado(state, p);
      else draw_backtest(state, p);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    p.select_view = false;
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
}

int simulation_claim_file(const State& state, std::string_view, std::string_view text) {
  const SimulationPanel* p = find_panel_state<SimulationPanel>(state);
  if (p && p->picking) return kClaimPicked;
  return text.substr(0, 256).find(arlab::kSimPolicyFormat) != std::string_view::npos ? kClaimByFormat
                                                                                      : kClaimNone;
}

bool simulation_open_file(State& state, std::string_view name, std::string_view text) {
  SimulationPanel& p = panel_state<SimulationPanel>(state);
  start_from_book(state, p);
  p.picking = false;
  PolicyEntry e;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_sim_policy(text, state.book.minor_digits, &e.policy, &problems)) {
    show_problems(state, "Could not read the policy " + std::string(name), std::move(problems),
                  std::string(name));
    return false;
  }
  if (!add_policy(p, std::move(e))) {
    show_problems(state, "Could not add the policy " + std::string(name),
                  {arlab::Problem{"", "at most " + std::to_string(arlab::kSimPoliciesMax) +
                                          " policies are compared at once: remove one first"}});
    return false;
  }
  p.done = "Loaded \"" + p.policies.back().policy.name + "\" from " + std::string(name);
  select_panel(state, "simulation");
  return true;
}

void simulation_forget_pick(State& state) {
  if (SimulationPanel* p = const_cast<SimulationPanel*>(find_panel_state<SimulationPanel>(state)))
    p->picking = false;
}

// ---- [SECTION] Scripts -----------------------------------------------------------------

namespace {

// The policy a command names: {"policy": 1} or {"policy": "2/10 net 30"}; the selected one
// when it names none. -1 if it names one that is not there.
int command_policy(const SimulationPanel& p, const nlohmann::json& j) {
  if (!j.contains("policy")) return p.selected;
  const nlohmann::json& v = j["policy"];
  if (v.is_number_integer()) {
    int k = v.get<int>();
    return k >= 0 && size_t(k) < p.policies.size() ? k : -1;
  }
  if (v.is_string()) {
    for (size_t k = 0; k < p.policies.size(); ++k)
      if (p.policies[k].policy.name == v.get<std::string>()) return int(k);
  }
  return -1;
}

bool command_int(const nlohmann::json& j, const char* key, int* out) {
  if (!j.contains(key)) return true;
  if (!j[key].is_number_integer()) return false;
  *out = j[key].get<int>();
  return true;
}

bool command_metric(const nlohmann::json& j, int* out) {
  if (!j.contains("metric")) return true;
  arlab::SimMetric m;
  if (!j["metric"].is_string() || !arlab::parse_sim_metric(j["metric"].get<std::string>(), &m)) return false;
  *out = int(m);
  return true;
}

bool command_settings(SimulationPanel& p, const nlohmann::json& j) {
  if (!command_int(j, "runs", &p.runs) || !command_int(j, "horizon", &p.horizon_months)) return false;
  if (j.contains("from")) {  // "" for the day after the book.
    if (!j["from"].is_string()) return false;
    std::snprintf(p.from, sizeof p.from, "%s", j["from"].get<std::string>().c_str());
  }
  p.runs = std::clamp(p.runs, 1, arlab::kSimRunsMax);
  p.horizon_months = std::clamp(p.horizon_months, 1, arlab::kSimHorizonMax);
  if (j.contains("seed")) {
    if (!j["seed"].is_number_unsigned()) return false;
    std::snprintf(p.seed, sizeof p.seed, "%llu", (unsigned long long)j["seed"].get<uint64_t>());
  }
  return true;
}

bool command_sweep(State& state, SimulationPanel& p, const nlohmann::json& j) {
  SweepState& s = p.sweep;
  if (j.contains("param")) {
    if (!j["param"].is_string()) return false;
    const std::vector<arlab::SimParam>& params = arlab::sim_params();
    auto it = std::find_if(params.begin(), params.end(), [&](const arlab::SimParam& x) {
      return j["param"].get<std::string>() == x.name;
    });
    if (it == params.end()) return false;
    s.param = int(it - params.begin());
  }
  if (j.contains("values")) {
    if (!j["values"].is_string() || j["values"].get_ref<const std::string&>().size() >= sizeof s.values)
      return false;
    std::snprintf(s.values, sizeof s.values, "%s", j["values"].get<std::string>().c_str());
  }
  if (!command_metric(j, &s.metric)) return false;
  if (j.contains("diff")) {
    if (!j["diff"].is_boolean()) return false;
    s.diff = j["diff"].get<bool>();
  }
  p.view = 1;
  p.select_view = true;
  start_sweep(state, p);  // Refused in words on the page (s.problem), as the button.
  return true;
}

}  // namespace

bool simulation_command(State& state, std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("action") || !j["action"].is_string())
    return false;
  SimulationPanel& p = panel_state<SimulationPanel>(state);
  start_from_book(state, p);
  const std::string action = j["action"].get<std::string>();
  if (action == "add-policy") {
    PolicyEntry e = baseline_from_book(state.book);
    e.policy.name = j.value("name", std::string("New policy"));
    if (!add_policy(p, std::move(e))) return false;
  } else if (action == "select" || action == "remove-policy" || action == "set-param" ||
             action == "rename") {
    int k = command_policy(p, j);
    if (k < 0) return false;
    p.selected = k;
    if (action == "remove-policy") {
      if (k == 0) return false;
      p.policies.erase(p.policies.begin() + k);
      p.selected = std::min(k, int(p.policies.size()) - 1);
    } else if (action == "rename") {
      if (!j.contains("name") || !j["name"].is_string() || j["name"].get<std::string>().empty()) return false;
      p.policies[size_t(k)].policy.name = unique_name(p, j["name"].get<std::string>());
    } else if (action == "set-param") {
      // As typed in the field: {"param": "discount.rate", "value": "2%"}.
      if (!j.contains("param") || !j["param"].is_string() || !j.contains("value") || !j["value"].is_string())
        return false;
      const arlab::SimParam* param = arlab::find_sim_param(j["param"].get<std::string>());
      if (!param) return false;
      set_field(p.policies[size_t(k)], *param, j["value"].get<std::string>(), state.book.minor_digits);
    }
  } else if (action == "run") {
    if (!command_settings(p, j)) return false;
    p.view = 0;
    p.select_view = true;
    start_run(state, p);  // Refused in words on the page (p.problems), as the button.
  } else if (action == "cancel") {
    p.runner.cancel();
    p.sweep.runner.cancel();
    p.backtest.runner.cancel();
    if (p.tornado.running) {
      p.tornado.runner.cancel();
      p.tornado.running = false;
      p.tornado.cancelled = true;
    }
  } else if (action == "sweep") {
    if (!command_sweep(state, p, j)) return false;
  } else if (action == "tornado") {
    if (!command_int(j, "runs", &p.tornado.runs) || !command_metric(j, &p.tornado.metric)) return false;
    p.view = 2;
    p.select_view = true;
    start_tornado(state, p);
  } else if (action == "backtest") {  // {"from": "YYYY-MM-DD", "runs": N}
    if (j.contains("from")) {
      if (!j["from"].is_string()) return false;
      std::snprintf(p.backtest.from, sizeof p.backtest.from, "%s",
                    j["from"].get<std::string>().c_str());
    }
    if (!command_int(j, "runs", &p.backtest.runs)) return false;
    p.view = 3;
    p.select_view = true;
    start_backtest(state, p);
  } else if (action == "export") {
    if (!export_results(state, p, j.value("format", std::string("csv")) == "json")) return false;
  } else if (action == "show") {  // {"view": "results" | "sweep" | "tornado"}
    const std::string view = j.value("view", std::string());
    int v = view == "results" ? 0 : view == "sweep" ? 1 : view == "tornado" ? 2
          : view == "backtest" ? 3 : -1;
    if (v < 0) return false;
    p.view = v;
    p.select_view = true;
  } else if (action == "compare") {
    int k = command_policy(p, j);
    if (k < 1) return false;
    p.compare = k;
  } else {
    return false;
  }
  select_panel(state, "simulation");
  return true;
}

namespace {

nlohmann::ordered_json progress_json(const SimRunner& runner) {
  const SimProgress& g = runner.progress();
  return {{"running", g.running}, {"runs_done", g.runs_done}, {"runs", g.runs},
          {"cancelled", g.cancelled}, {"where", g.where}, {"error", g.error},
          {"elapsed_ms", g.elapsed_ms}};
}

}  // namespace

const arlab::SimResult* simulation_result(const State& state) {
  const SimulationPanel* p = find_panel_state<SimulationPanel>(state);
  return p && p->runner.result() ? &*p->runner.result() : nullptr;
}

std::string simulation_status_json(const State& state) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  const SimulationPanel* p = find_panel_state<SimulationPanel>(state);
  if (!p || !p->started) return j.dump();
  const arlab::Book& book = state.book;
  j = progress_json(p->runner);
  j["selected"] = p->selected;
  nlohmann::ordered_json policies = nlohmann::ordered_json::array();
  for (const PolicyEntry& e : p->policies) {
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const auto& [name, why] : e.why) problems.push_back(name + ": " + why);
    for (const arlab::Problem& pr : policy_problems(e)) problems.push_back(pr.place + ": " + pr.message);
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    for (const arlab::SimParam& param : arlab::sim_params()) {
      params[param.name] = field_text(e, param, book.minor_digits);
      int64_t value = 0;
      if (arlab::get_sim_param(e.policy, param.name, &value)) values[param.name] = value;
    }
    // "fields": as typed (or shown); "values": the policy's own numbers.
    policies.push_back({{"name", e.policy.name}, {"problems", problems}, {"fields", params},
                        {"values", values}});
  }
  j["policies"] = policies;
  j["problems"] = p->problems;
  j["done"] = p->done;
  // The spare Worker (platform::warm_sim_work): "warm" when a Run would start on it at once.
  j["warm"] = p->warmth == SimWarmth::Warm;
  j["spare"] = sim_warmth_name(p->warmth);
  const std::optional<arlab::SimResult>& r = p->runner.result();
  if (r) {
    nlohmann::ordered_json rj;
    rj["runs_done"] = r->runs_done;
    rj["partial"] = r->runs_done < r->runs;
    rj["from"] = arlab::format_date(r->from);
    rj["to"] = arlab::format_date(r->to);
    nlohmann::ordered_json pols = nlohmann::ordered_json::array();
    for (const arlab::SimPolicyResult& pr : r->policies) {
      nlohmann::ordered_json cash = nlohmann::ordered_json::array();
      for (const arlab::SimMonthResult& m : pr.months) cash.push_back(m.v[arlab::kSimCash].mean);
      pols.push_back({{"name", pr.name},
                      {"cash", pr.total[arlab::kSimCash].mean},
                      {"profit", pr.total[arlab::kSimProfit].mean},
                      {"dso", pr.total[arlab::kSimDso].mean},
                      {"cash_by_month", cash},
                      {"cash_text", metric_text(book, arlab::kSimCash, pr.total[arlab::kSimCash].mean)}});
    }
    rj["policies"] = pols;
    j["result"] = rj;
  }
  nlohmann::ordered_json sweep = progress_json(p->sweep.runner);
  sweep["problem"] = p->sweep.problem;
  if (p->sweep.result) {
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const arlab::SweepPoint& pt : p->sweep.result->points)
      points.push_back({{"value", pt.value}, {"mean", pt.metric.mean}, {"p5", pt.metric.p5}, {"p95", pt.metric.p95}});
    sweep["points"] = points;
  }
  j["sweep"] = sweep;
  nlohmann::ordered_json bt = progress_json(p->backtest.runner);
  bt["from"] = p->backtest.from;
  bt["problem"] = p->backtest.problem;
  if (p->backtest.result) {
    const arlab::Backtest& r = *p->backtest.result;
    auto mape = [](const arlab::ForecastError& e) {
      return e.mape ? nlohmann::ordered_json(*e.mape) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json months = nlohmann::ordered_json::array();
    for (const arlab::MonthCash& m : r.forecast.months)
      months.push_back({{"from", arlab::format_date(m.first)}, {"actual", m.actual_minor},
                        {"mean", m.mean_minor}, {"p5", m.p5_minor}, {"p95", m.p95_minor}});
    bt["result"] = {{"mape", {{"simulated", mape(r.simulated)}, {"due_date", mape(r.due_date)},
                              {"average", mape(r.average)}}},
                    {"inside_band", r.inside_band}, {"month_count", r.month_count},
                    {"months", months}};
  }
  j["backtest"] = bt;
  const TornadoState& t = p->tornado;
  nlohmann::ordered_json tornado = {{"running", t.running}, {"cancelled", t.cancelled},
                                    {"cases", t.cases.size()}, {"next", t.next}, {"problem", t.problem}};
  if (t.result) {
    tornado["base"] = t.result->base;
    nlohmann::ordered_json bars = nlohmann::ordered_json::array();
    for (const arlab::TornadoBar& b : t.result->bars)
      bars.push_back({{"param", b.param}, {"low", b.low}, {"high", b.high}});
    tornado["bars"] = bars;
  }
  j["tornado"] = tornado;
  return j.dump();
}

}  // namespace app
