// panel_commission.cpp: the Commission tab (issue 5, "In the app: a plan editor with
// validation, the statement per salesperson, and a comparison of two plans over the same
// book"). Commission tied to cash collected (core/commission.h, rules in docs/COMMISSION.md):
//   - the plan editor of slot A or B on the left (app/panel_commission_plan.cpp);
//   - the statement of the edited slot's plan: one row per salesperson (sortable, a TOTAL row:
//     the plan's cost, CSV export), and for the selected salesperson the periods on both
//     timelines (bookings against the target, cash and payout) with each gate's value against
//     its threshold, a chart of payable by period, and the explanation lines filtered by rule;
//   - the comparison of A and B over the same book and period: who gains, who loses, the
//     total cost of each, and the collection behaviour each rewards.
//
// The period is "the last 12 months" to the as-of date until the user picks another
// (app/period_picker.h). The statement is computed once per change of book, applied plan or
// period, never per frame (a plan with problems is never applied: the last valid statement
// stays, marked stale). Each side of the comparison is cached the same way, without lines; a
// side whose inputs are the statement's reuses it instead of computing again. On a big book
// (State::defer_invoices_min), the frame where the inputs changed says "Computing commission
// for N invoices..." in the views and the status bar, and the next frame computes
// (app/busy.cpp): a 1,000,000-invoice book takes seconds, and the browser has no threads.
//
// [SECTION] Compute (cached)
// [SECTION] Exports
// [SECTION] Paid earlier
// [SECTION] Inputs
// [SECTION] Statement: summary
// [SECTION] Statement: the selected salesperson
// [SECTION] Comparison
// [SECTION] Panel
#include <algorithm>
#include <chrono>
#include <string_view>
#include <utility>

#include "app/app_state.h"
#include "app/charts.h"
#include "app/period_picker.h"
#include "app/platform.h"
#include "app/widgets.h"
#include "core/date.h"
#include "core/money.h"
#include "imgui.h"
#include "io/commission_plan.h"  // read_paid_statement
#include "io/commission_report.h"
#include "io/metrics_report.h"  // format_fixed

namespace app {

namespace {

// ---- [SECTION] Compute (cached) --------------------------------------------------------

// The height of a table row of one line of text.
float table_row_height() {
  return ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// An applied plan the engine may run on this book (it may name what a new book lacks).
bool usable(const State& state, const PlanSlot& slot) {
  if (!slot.has_applied || !state.book.index.built) return false;
  std::vector<arlab::Problem> problems;
  return arlab::check_commission_plan_for_book(slot.applied, state.book, &problems);
}

const char* gate_label(arlab::CommissionGateKind kind) {
  switch (kind) {
    case arlab::CommissionGateKind::SalesTarget: return "sales target";
    case arlab::CommissionGateKind::CollectionRate: return "collection rate";
    case arlab::CommissionGateKind::Dso: return "DSO";
    case arlab::CommissionGateKind::OverdueRatio: return "overdue ratio";
  }
  return "";
}

// "all 12 passed", "3 of 12 failed: collection rate 3, sales target 1", "no gates".
std::string gates_text(const arlab::CommissionStatement& s, const arlab::CommissionRow& row) {
  std::array<int, arlab::kCommissionGateCount> failed{};
  bool any_gate = false;
  for (uint32_t k = 0; k < row.period_count; ++k) {
    const arlab::CommissionPeriodRow& p = s.period_rows[row.period_first + k];
    for (const arlab::CommissionGate& g : p.gates) {
      any_gate |= g.applies;
      if (g.applies && !g.passed) ++failed[static_cast<size_t>(g.kind)];
    }
  }
  const arlab::CommissionFigures& t = row.total;
  if (!any_gate) return "no gates";
  if (t.periods_failed == 0) return "all " + std::to_string(t.periods) + " passed";
  std::string text = std::to_string(t.periods_failed) + " of " + std::to_string(t.periods) +
                     " failed:";
  const char* sep = " ";
  for (size_t k = 0; k < failed.size(); ++k) {
    if (!failed[k]) continue;
    text += sep + std::string(gate_label(static_cast<arlab::CommissionGateKind>(k))) + " " +
            std::to_string(failed[k]);
    sep = ", ";
  }
  return text;
}

void compute_statement(State& state) {
  CommissionPanel& c = state.commission;
  const PlanSlot& slot = c.slots[c.slot];
  auto start = std::chrono::steady_clock::now();
  arlab::CommissionOptions options;
  options.paid = c.paid_name.empty() ? nullptr : &c.paid;
  c.statement =
      arlab::compute_commission(state.book, slot.applied, c.period.from, c.period.to, options);
  c.gate_texts.clear();
  for (const arlab::CommissionRow& row : c.statement.rows) {
    c.gate_texts.push_back(gates_text(c.statement, row));
  }
  c.computed = true;
  c.built_book_generation = state.book_generation;
  c.built_plan_json = slot.applied_json;
  c.built_from = c.period.from;
  c.built_to = c.period.to;
  c.built_paid_generation = c.paid_generation;
  c.paid_removed = c.paid_added = {};
  for (const arlab::CommissionLine& l : c.statement.lines) {
    if (l.rule == arlab::CommissionRule::AllocationRemoved) c.paid_removed.add(l.amount_minor);
    if (l.rule == arlab::CommissionRule::AllocationAdded) c.paid_added.add(l.amount_minor);
  }
  c.sort_changed = true;
  c.lines_built_count = ~0ull;
  ++c.compute_count;
  // Keep the selected salesperson if it still has a row; else select the first one.
  const std::vector<arlab::CommissionRow>& rows = c.statement.rows;
  auto has_row = [&](arlab::Index sp) {
    return std::any_of(rows.begin(), rows.end(),
                       [&](const arlab::CommissionRow& r) { return r.salesperson == sp; });
  };
  if (!c.has_selection || !has_row(c.selected)) {
    c.has_selection = !rows.empty();
    c.selected = rows.empty() ? arlab::kNone : rows.front().salesperson;
  }
  c.compute_ms = ms_since(start);
}

bool statement_current(const State& state) {
  const CommissionPanel& c = state.commission;
  const PlanSlot& slot = c.slots[c.slot];
  return c.computed && c.built_book_generation == state.book_generation &&
         c.built_plan_json == slot.applied_json && c.built_from == c.period.from &&
         c.built_to == c.period.to && c.built_paid_generation == c.paid_generation;
}

// Brings one side of the comparison up to date; true if it changed.
bool update_side(State& state, int k) {
  CommissionPanel& c = state.commission;
  const PlanSlot& slot = c.slots[k];
  CommissionPanel::Side& side = c.sides[k];
  if (!usable(state, slot)) {
    bool was = side.computed;
    side.computed = false;
    return was;
  }
  if (side.computed && side.book_generation == state.book_generation &&
      side.plan_json == slot.applied_json && side.from == c.period.from &&
      side.to == c.period.to) {
    return false;
  }
  if (statement_current(state) && c.built_plan_json == slot.applied_json &&
      c.paid_name.empty()) {
    // The same inputs: the figures are the statement's (copied without its lines).
    std::vector<arlab::CommissionLine> lines = std::move(c.statement.lines);
    side.statement = c.statement;
    c.statement.lines = std::move(lines);
  } else {
    arlab::CommissionOptions options;
    options.keep_lines = false;  // Figures only: the comparison shows no lines.
    side.statement =
        arlab::compute_commission(state.book, slot.applied, c.period.from, c.period.to, options);
  }
  side.computed = true;
  side.book_generation = state.book_generation;
  side.plan_json = slot.applied_json;
  side.from = c.period.from;
  side.to = c.period.to;
  return true;
}

void update_comparison(State& state) {
  CommissionPanel& c = state.commission;
  auto start = std::chrono::steady_clock::now();
  bool changed = update_side(state, 0);
  changed |= update_side(state, 1);
  if (!c.sides[0].computed || !c.sides[1].computed) {
    c.compared = false;
    return;
  }
  if (!changed && c.compared) return;
  c.comparison = arlab::compare_commission(state.book, c.sides[0].statement, c.sides[1].statement);
  c.compared = true;
  c.compare_sort_changed = true;
  ++c.compare_count;
  c.compare_ms = ms_since(start);
}

// The register from a statement's text, read with the book's minor digits; false (problems
// shown, the register unchanged) if it is refused.
bool read_paid(State& state, const std::string& name, std::string_view text) {
  arlab::CommissionPaid paid;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_paid_statement(text, state.book.minor_digits, &paid, &problems,
                                  state.book.currency)) {
    show_problems(state, "Could not use " + name + " as the statement paid earlier",
                  std::move(problems), name);
    return false;
  }
  CommissionPanel& c = state.commission;
  c.paid = std::move(paid);
  c.paid_text = std::string(text);
  c.paid_name = name;
  c.paid_minor_digits = state.book.minor_digits;
  ++c.paid_generation;
  return true;
}

// The slots (filled, parsed, an Enter applied) and the period, up to date: cheap.
void prepare(State& state) {
  CommissionPanel& c = state.commission;
  fill_commission_slots(state);
  refresh_commission_slots(state);
  if (c.apply_requested) apply_commission_plan(state);
  follow_period(state, c.period);
  validate_period(c.period);
  if (!c.paid_name.empty() && c.paid_minor_digits != state.book.minor_digits) {
    // A book in another currency: the amounts are read again with its minor digits.
    std::string name = c.paid_name, text = c.paid_text;
    if (!read_paid(state, name, text)) commission_clear_paid(state);
  }
  // A statement or comparison of another book cannot be drawn (its indices are that book's).
  if (c.computed && c.built_book_generation != state.book_generation) c.computed = false;
  if (c.compared && (c.sides[0].book_generation != state.book_generation ||
                     c.sides[1].book_generation != state.book_generation)) {
    c.compared = false;
  }
}

bool side_current(const State& state, int k) {
  const CommissionPanel& c = state.commission;
  const CommissionPanel::Side& side = c.sides[k];
  return side.computed && side.book_generation == state.book_generation &&
         side.plan_json == c.slots[k].applied_json && side.from == c.period.from &&
         side.to == c.period.to;
}

// What compute_due would compute (after prepare): the statement, and with `compare` the
// comparison. Nothing is computed.
bool work_due(const State& state, bool compare) {
  const CommissionPanel& c = state.commission;
  if (!c.period.error.empty()) return false;
  if (usable(state, c.slots[c.slot]) && !statement_current(state)) return true;
  if (!compare || !usable(state, c.slots[0]) || !usable(state, c.slots[1])) return false;
  return !side_current(state, 0) || !side_current(state, 1) || !c.compared;
}

void compute_due(State& state, bool compare) {
  CommissionPanel& c = state.commission;
  bool can = c.period.error.empty() && usable(state, c.slots[c.slot]);
  if (can && !statement_current(state)) compute_statement(state);
  if (compare && c.period.error.empty()) update_comparison(state);
}

// The draw path: on a big book, the frame where the inputs changed says "Computing..." and
// the next one computes (app/busy.cpp). True while this frame draws the busy state.
bool update_drawn(State& state, bool compare) {
  CommissionPanel& c = state.commission;
  prepare(state);
  if (busy_showing(state, c.busy)) return true;  // Already said this frame: compute next.
  if (!work_due(state, compare)) {
    busy_done(state, c.busy);
    return false;
  }
  std::string text = "Computing commission for " + busy_invoices(state.book) +
                     (compare ? " (plans A and B)..." : "...");
  if (busy_wait(state, c.busy, std::move(text))) return true;
  compute_due(state, compare);
  busy_done(state, c.busy);
  return false;
}

}  // namespace

void update_commission(State& state, bool compare) {
  prepare(state);
  compute_due(state, compare);
}

void show_commission(State& state) {
  select_panel(state, Tab::Commission);
}

// ---- [SECTION] Exports -----------------------------------------------------------------

namespace {

// The edited slot's statement as a file: "commission-A-2025-01-01-to-2025-12-31<suffix>".
bool export_statement(State& state, const char* suffix,
                      std::string (*write)(const arlab::Book&, const arlab::CommissionStatement&,
                                           bool),
                      bool lines, const char* after) {
  update_commission(state, false);
  const CommissionPanel& c = state.commission;
  if (!c.computed) {
    state.status = "Not exported: no statement (the plan or the period has a problem)";
    return false;
  }
  const arlab::CommissionStatement& s = c.statement;
  std::string name = "commission-" + std::string(c.slot == 0 ? "A" : "B") + "-" +
                     arlab::format_date(s.from) + "-to-" + arlab::format_date(s.to) + suffix;
  std::string where, error;
  if (!platform::export_file(name, write(state.book, s, lines), &where, &error)) {
    show_problems(state, "Could not export " + name, {arlab::Problem{"", error}});
    return false;
  }
  state.status = "Exported " + name + (where.empty() ? "" : " to " + where) + after;
  return true;
}

}  // namespace

bool export_commission_csv(State& state, bool lines) {
  return export_statement(state, lines ? "-lines.csv" : ".csv", arlab::commission_csv, lines,
                          "");
}

// With its lines: what "Paid earlier" (and the CLI's --paid) reads back.
bool export_commission_json(State& state) {
  return export_statement(state, ".json", arlab::commission_json, true,
                          ": once paid out, load it as \"Paid earlier\" next time");
}

// The comparison of A and B as `arlab commission BOOK --plan A --compare B --from --to`
// writes it (io/commission_report.h): the same writer over the same statements.
bool export_commission_comparison(State& state, bool json) {
  update_commission(state, true);
  const CommissionPanel& c = state.commission;
  if (!c.compared) {
    state.status = "Not exported: no comparison (both plans must be valid for this book and "
                   "the period must be right)";
    return false;
  }
  const arlab::CommissionStatement& a = c.sides[0].statement;
  const arlab::CommissionStatement& b = c.sides[1].statement;
  std::string name = "commission-compare-" + arlab::format_date(a.from) + "-to-" +
                     arlab::format_date(a.to) + (json ? ".json" : ".csv");
  std::string data = json ? arlab::commission_comparison_json(state.book, a, b)
                          : arlab::commission_comparison_csv(state.book, a, b);
  std::string where, error;
  if (!platform::export_file(name, data, &where, &error)) {
    show_problems(state, "Could not export " + name, {arlab::Problem{"", error}});
    return false;
  }
  state.status = "Exported " + name + (where.empty() ? "" : " to " + where);
  return true;
}

// ---- [SECTION] Paid earlier ------------------------------------------------------------

bool commission_set_paid(State& state, std::string_view file_name, std::string_view text) {
  std::string name(file_name);
  name = name.substr(name.find_last_of("/\\") + 1);
  if (!read_paid(state, name, text)) return false;
  CommissionPanel& c = state.commission;
  c.view = 0;
  c.select_view = true;
  select_panel(state, Tab::Commission);
  state.status = "Paid earlier: " + name + " (" + arlab::format_date(c.paid.from) + " to " +
                 arlab::format_date(c.paid.to) + ", " + std::to_string(c.paid.lines.size()) +
                 " lines)";
  return true;
}

// The registry's file route (app/panels.h): a picker opened here (a plan for a slot, or the
// register), else a file whose text names a plan's or a paid statement's format near the top.
namespace {

bool names_format(std::string_view text, std::string_view format) {
  return text.substr(0, 256).find(format) != std::string_view::npos;
}

}  // namespace

int commission_claim_file(const State& state, std::string_view, std::string_view text) {
  const CommissionPanel& c = state.commission;
  if (c.picking_slot >= 0 || c.picking_paid) return kClaimPicked;
  if (names_format(text, arlab::kCommissionStatementFormat) ||
      names_format(text, arlab::kCommissionPlanFormat)) {
    return kClaimByFormat;
  }
  return kClaimNone;
}

bool commission_open_file(State& state, std::string_view name, std::string_view text) {
  CommissionPanel& c = state.commission;
  int plan_slot = std::exchange(c.picking_slot, -1);
  bool paid = std::exchange(c.picking_paid, false);
  if (plan_slot < 0 && (paid || names_format(text, arlab::kCommissionStatementFormat))) {
    return commission_set_paid(state, name, text);
  }
  return commission_set_plan(state, std::max(plan_slot, c.slot), name, text);
}

void commission_forget_pick(State& state) {
  state.commission.picking_slot = -1;
  state.commission.picking_paid = false;
}

bool select_commission_view(State& state, std::string_view name) {
  CommissionPanel& c = state.commission;
  if (name == "commission-compare") {
    c.view = 1;
  } else if (name == "commission-statement") {
    c.view = 0;
  } else {
    return false;
  }
  c.select_view = true;
  return select_panel(state, Tab::Commission);
}

void commission_clear_paid(State& state) {
  CommissionPanel& c = state.commission;
  if (c.paid_name.empty()) return;
  c.paid = {};
  c.paid_text.clear();
  c.paid_name.clear();
  c.paid_minor_digits = -1;
  ++c.paid_generation;
}

namespace {

// "Paid earlier: [Load...] none", or [Load...] [Clear] its name, period, and what it changes in
// this statement (wrapped: file names are long).
void draw_paid_row(State& state) {
  CommissionPanel& c = state.commission;
  const arlab::Book& book = state.book;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Paid earlier:");
  ImGui::SameLine();
  if (platform::has_file_picker()) {
    if (ImGui::Button("Load paid statement...")) {
      forget_file_picks(state);  // The register, whatever an earlier picker was for.
      c.picking_paid = true;
      platform::request_open_file(platform::OpenKind::Paid);
    }
  } else {
    ImGui::SetNextItemWidth(ui::px(300));
    bool enter =
        ImGui::InputTextWithHint("##paid_path", "/path/to/commission-paid.json", c.paid_path,
                                 sizeof c.paid_path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Load##paid") || enter) {
      std::string text, error;
      if (platform::read_path(c.paid_path, &text, &error)) {
        commission_set_paid(state, c.paid_path, text);
      } else {
        show_problems(state, std::string("Could not read ") + c.paid_path,
                      {arlab::Problem{"", error}});
      }
    }
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "A statement exported with \"Export JSON\" and paid out. Its lines before this\n"
        "period are compared with what the book produces now: commission on an allocation\n"
        "removed or changed since is clawed back, within the clawback window; more now is\n"
        "paid (docs/COMMISSION.md, \"Removed allocations\").");
  }
  ImGui::SameLine();
  if (c.paid_name.empty()) {
    ui::text_muted("none");
    return;
  }
  if (ImGui::Button("Clear##paid")) {
    commission_clear_paid(state);
    return;
  }
  std::string text = c.paid_name + ", " + arlab::format_date(c.paid.from) + " to " +
                     arlab::format_date(c.paid.to) + ", " + std::to_string(c.paid.lines.size()) +
                     " lines";
  if (c.built_paid_generation == c.paid_generation) {
    uint32_t compared = c.statement.paid_lines_compared;
    text += compared == 0
                ? ": nothing in it to compare before " + arlab::format_date(c.statement.from)
            : c.paid_removed.count + c.paid_added.count == 0
                ? ": " + std::to_string(compared) +
                      " before this period, the book still produces what was paid"
                : ": " + std::to_string(c.paid_removed.count) + " clawed back (" +
                      arlab::format_amount_grouped(c.paid_removed.minor, book.minor_digits) +
                      "), " + std::to_string(c.paid_added.count) + " added (" +
                      arlab::format_amount_grouped(c.paid_added.minor, book.minor_digits) + ")";
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

// ---- [SECTION] Inputs ------------------------------------------------------------------

void draw_inputs(State& state) {
  CommissionPanel& c = state.commission;
  constexpr PeriodPreset kOffered[] = {PeriodPreset::ThisMonth, PeriodPreset::LastQuarter,
                                       PeriodPreset::YearToDate, PeriodPreset::Last12Months};
  draw_period_row(state, c.period, kOffered, "commission");
  ImGui::SameLine(0, ui::px(24));
  ImGui::Checkbox("Plan editor", &c.show_editor);
  if (!c.period.error.empty()) {
    ImGui::SameLine(0, ui::px(24));
    ImGui::TextColored(ui::palette().bad, "%s", c.period.error.c_str());
  }
}

// ---- [SECTION] Statement: summary ------------------------------------------------------

enum SummaryColumn {
  kWho, kSales, kTarget, kCollected, kRate, kGates, kEarned, kVoided, kHeld, kReleased,
  kClawed, kPenalties, kNet, kPayable, kCarried, kWarnings, kSummaryColumns
};

// The amount of a summary column (nullptr for the others).
int64_t arlab::CommissionFigures::*amount_field(int column) {
  using F = arlab::CommissionFigures;
  switch (column) {
    case kSales: return &F::sales_minor;
    case kTarget: return &F::target_minor;
    case kCollected: return &F::collected_minor;
    case kEarned: return &F::earned_minor;
    case kVoided: return &F::voided_minor;
    case kHeld: return &F::held_back_minor;
    case kReleased: return &F::released_minor;
    case kClawed: return &F::clawed_back_minor;
    case kPenalties: return &F::penalties_minor;
    case kNet: return &F::net_minor;
    case kPayable: return &F::payable_minor;
    case kCarried: return &F::carried_debit_minor;
    default: return nullptr;
  }
}

std::string who(const arlab::Book& book, arlab::Index salesperson) {
  if (salesperson == arlab::kNone || salesperson >= book.salespeople.size()) return "(none)";
  const arlab::Salesperson& s = book.salespeople[salesperson];
  return s.id + "  " + s.name;
}

// Collection rate in parts per million, -1 when nothing was sold (sorts below every rate).
int64_t rate_ppm(const arlab::CommissionFigures& f) {
  if (f.sales_minor <= 0) return -1;
  return static_cast<int64_t>(static_cast<__int128>(f.collected_minor) * 1000000 / f.sales_minor);
}

void sort_rows(State& state) {
  CommissionPanel& c = state.commission;
  const std::vector<arlab::CommissionRow>& rows = c.statement.rows;
  c.order.resize(rows.size());
  for (uint32_t i = 0; i < c.order.size(); ++i) c.order[i] = i;
  auto key = [&](uint32_t i) -> int64_t {
    const arlab::CommissionFigures& f = rows[i].total;
    if (int64_t arlab::CommissionFigures::*field = amount_field(c.sort_column)) return f.*field;
    if (c.sort_column == kRate) return rate_ppm(f);
    if (c.sort_column == kGates) return f.periods_failed;
    if (c.sort_column == kWarnings) return f.warning_periods;
    return 0;
  };
  std::stable_sort(c.order.begin(), c.order.end(), [&](uint32_t a, uint32_t b) {
    if (c.sort_column == kWho) {
      int cmp = who(state.book, rows[a].salesperson).compare(who(state.book, rows[b].salesperson));
      return c.sort_descending ? cmp > 0 : cmp < 0;
    }
    return c.sort_descending ? key(a) > key(b) : key(a) < key(b);
  });
  c.sort_changed = false;
}

void figure_cells(const arlab::Book& book, const arlab::CommissionFigures& f,
                  const std::string& gates) {
  const ui::Palette& pal = ui::palette();
  for (int column = kSales; column < kSummaryColumns; ++column) {
    ImGui::TableNextColumn();
    if (column == kTarget && f.target_minor < 0) {
      ui::text_right_colored(pal.text_muted, "-");
    } else if (int64_t arlab::CommissionFigures::*field = amount_field(column)) {
      int64_t v = f.*field;
      if (column == kVoided && v > 0) ui::text_right_colored(pal.bad, ui::money(book, v));
      else if (column == kPayable && v > 0) ui::text_right_colored(pal.good, ui::money(book, v));
      else ui::money_cell(book, v);
    } else if (column == kRate) {
      ui::text_right(ui::percent(f.collected_minor, f.sales_minor));
    } else if (column == kGates) {
      ImGui::TextColored(f.periods_failed ? pal.bad : pal.text_muted, "%s", gates.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", gates.c_str());
    } else if (column == kWarnings) {
      if (f.warning_periods == 0) ui::text_right_colored(pal.text_muted, "-");
      else ui::text_right_colored(pal.warn, std::to_string(f.warning_periods) + " periods");
    }
  }
}

void summary_row(State& state, uint32_t index) {
  CommissionPanel& c = state.commission;
  const arlab::CommissionRow& row = c.statement.rows[index];
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  bool selected = c.has_selection && c.selected == row.salesperson;
  if (ImGui::Selectable(who(state.book, row.salesperson).c_str(), selected,
                        ImGuiSelectableFlags_SpanAllColumns)) {
    c.has_selection = true;
    c.selected = row.salesperson;
  }
  figure_cells(state.book, row.total, c.gate_texts[index]);
}

void total_row(State& state) {
  const arlab::CommissionFigures& t = state.commission.statement.total;
  ImGui::TableNextRow();
  ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0,
                         ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
  ImGui::TableNextColumn();
  ui::heading("TOTAL (cost: net)");
  std::string gates = t.periods_failed ? std::to_string(t.periods_failed) + " of " +
                                             std::to_string(t.periods) + " failed"
                                       : "-";
  figure_cells(state.book, t, gates);
}

void draw_summary(State& state, float height) {
  CommissionPanel& c = state.commission;
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                          ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_Resizable | ImGuiTableFlags_Hideable;
  if (!ImGui::BeginTable("##cm_summary", kSummaryColumns, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Salesperson", ImGuiTableColumnFlags_DefaultSort |
                                             ImGuiTableColumnFlags_WidthFixed, ui::px(150));
  const char* names[] = {"Sales", "Target", "Collected", "Coll. rate", "Gates (periods)",
                         "Earned", "Voided", "Held back", "Released", "Clawed back",
                         "Penalties", "Net", "Payable", "Carried debit", "Warnings"};
  for (const char* name : names) {
    ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_PreferSortDescending |
                                      ImGuiTableColumnFlags_WidthFixed);
  }
  ImGui::TableHeadersRow();
  c.sort_changed |= ui::sort_specs_changed(&c.sort_column, &c.sort_descending);
  if (c.sort_changed) sort_rows(state);
  ui::clipped_rows(c.order.size() + 1, [&](size_t r) {
    if (r < c.order.size()) summary_row(state, c.order[r]);
    else total_row(state);
  });
  ImGui::EndTable();
}

void draw_statement_header(State& state) {
  CommissionPanel& c = state.commission;
  const arlab::CommissionStatement& s = c.statement;
  const PlanSlot& slot = c.slots[c.slot];
  ui::heading((std::string("Plan ") + (c.slot == 0 ? "A" : "B") + ": " + s.plan.name).c_str());
  ImGui::SameLine();
  ui::text_fit_colored(ui::palette().text_muted,
                       std::string(arlab::commission_basis_name(s.plan.basis)) + " basis, by " +
                           arlab::commission_period_name(s.plan.period) + "; " +
                           arlab::format_date(s.from) + " to " + arlab::format_date(s.to) +
                           (s.from != s.requested_from ? " (from the start of its period)" : "") +
                           "; computed in " + arlab::format_fixed(c.compute_ms, 1) + " ms");
  bool stale = !slot.problems.empty() || slot.pending || !c.period.error.empty() ||
               !statement_current(state);
  if (stale) {
    ImGui::TextColored(ui::palette().bad, "%s",
                       !slot.problems.empty()
                           ? "Stale: the plan has problems; this is the last valid plan's "
                             "statement."
                       : slot.pending ? "Stale: the plan was edited; press Enter to apply it."
                                      : "Stale: the period has a problem; this is the last "
                                        "valid period's statement.");
  }
  if (ImGui::Button("Export CSV")) export_commission_csv(state, false);
  ImGui::SameLine();
  if (ImGui::Button("Export CSV with lines")) export_commission_csv(state, true);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One row per explanation line instead");
  ImGui::SameLine();
  if (ImGui::Button("Export JSON")) export_commission_json(state);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("The statement with its lines (docs/COMMISSION.md); once paid out, load\n"
                      "it as \"Paid earlier\" to claw back what the book no longer produces");
  }
  draw_paid_row(state);
}

void draw_cards(State& state) {
  const arlab::Book& book = state.book;
  const arlab::CommissionFigures& t = state.commission.statement.total;
  const ui::Palette& pal = ui::palette();
  // Five a row when they fit, each wide enough for its title; else rows of fewer.
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  float avail = ImGui::GetContentRegionAvail().x;
  int per_row = std::clamp(static_cast<int>((avail + spacing) / (ui::px(155) + spacing)), 2, 5);
  float width = std::min(ui::px(210), (avail - (per_row - 1) * spacing) / per_row);
  int drawn = 0;
  auto next = [&] {  // After a card: the next one beside it, or on a new row.
    if (++drawn % per_row) ImGui::SameLine();
  };
  float height = ImGui::GetTextLineHeightWithSpacing() * 3.2f + ui::px(14);
  ui::card("##cm_payable", "Payable", ui::money(book, t.payable_minor),
           "due later " + ui::money(book, t.due_after_minor), pal.good, width, height,
           "Payouts falling due in the period (the cash timeline: a period's net is payable "
           "payout_lag periods later). Due after: what falls due after the period's end.");
  next();
  ui::card("##cm_cost", "Cost", ui::money(book, t.net_minor),
           "the period's activity (net)", pal.accent, width, height,
           "Cost of the period's activity: earned - held back + released - clawed back - "
           "penalties, over the periods shown, whenever it is paid out (Compare A and B: "
           "\"Cost A\").");
  next();
  ui::card("##cm_earned", "Earned", ui::money(book, t.earned_minor),
           "cash " + ui::money(book, t.collected_minor), pal.text_muted, width, height,
           "Earning lines not voided by a gate (held ones included), on the cash collected.");
  next();
  ui::card("##cm_voided", "Voided by gates", ui::money(book, t.voided_minor),
           std::to_string(t.periods_failed) + " of " + std::to_string(t.periods) + " failed",
           t.voided_minor > 0 ? pal.bad : pal.text_muted, width, height,
           "Commission of periods where a gate failed (sales target, collection rate, DSO, "
           "overdue ratio): it stays visible, its amount is 0.");
  next();
  ui::card("##cm_clawed", "Clawbacks", ui::money(book, t.clawed_back_minor + t.penalties_minor),
           "held back " + ui::money(book, t.held_back_minor), pal.warn, width, height,
           "Clawed back (credit notes, write-offs, refunds) plus penalties (bad debts).");
}

// ---- [SECTION] Statement: the selected salesperson ---------------------------------------

const arlab::CommissionRow* selected_row(const CommissionPanel& c) {
  if (!c.has_selection) return nullptr;
  for (const arlab::CommissionRow& row : c.statement.rows) {
    if (row.salesperson == c.selected) return &row;
  }
  return nullptr;
}

enum PeriodColumn {
  kPeriod, kPSales, kPTarget, kPAttain, kPCollected, kPRate, kPGates, kPEarned, kPVoided,
  kPHeld, kPReleased, kPClawed, kPPenalties, kPNet, kPPayable, kPCarried, kPWarning,
  kPeriodColumns
};

// Each gate's value against its threshold; the sales target's figures are in the columns
// beside it, so it is named only ("target met"), unless `full`.
std::string period_gates(const arlab::Book& book, const arlab::CommissionPeriodRow& p,
                         bool full) {
  std::string text;
  for (const arlab::CommissionGate& g : p.gates) {
    if (!g.applies) continue;
    std::string one = !full && g.kind == arlab::CommissionGateKind::SalesTarget
                          ? (g.passed ? "target met" : "below target")
                          : arlab::commission_gate_text(g, book.minor_digits);
    text += (text.empty() ? "" : full ? "\n" : "; ") + one;
  }
  return text.empty() ? "-" : text;
}

void period_row(const State& state, const arlab::CommissionPeriodRow& p) {
  const arlab::Book& book = state.book;
  const arlab::CommissionFigures& f = p.figures;
  const ui::Palette& pal = ui::palette();
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(
      arlab::commission_period_label(state.commission.statement.plan.period, p.period_key).c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s to %s", arlab::format_date(p.start).c_str(),
                      arlab::format_date(p.end).c_str());
  }
  ImGui::TableNextColumn();
  ui::money_cell(book, f.sales_minor);
  ImGui::TableNextColumn();
  if (f.target_minor < 0) ui::text_right_colored(pal.text_muted, "-");
  else ui::money_cell(book, f.target_minor);
  ImGui::TableNextColumn();
  ui::text_right(f.target_minor > 0 ? ui::percent(f.sales_minor, f.target_minor) : "-");
  ImGui::TableNextColumn();
  ui::money_cell(book, f.collected_minor);
  ImGui::TableNextColumn();
  ui::text_right(ui::percent(f.collected_minor, f.sales_minor));
  ImGui::TableNextColumn();
  std::string gates = period_gates(book, p, false);
  ImGui::TextColored(p.passed ? pal.text_muted : pal.bad, "%s%s", p.passed ? "" : "VOID: ",
                     gates.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", period_gates(book, p, true).c_str());
  int64_t arlab::CommissionFigures::*fields[] = {
      &arlab::CommissionFigures::earned_minor,      &arlab::CommissionFigures::voided_minor,
      &arlab::CommissionFigures::held_back_minor,   &arlab::CommissionFigures::released_minor,
      &arlab::CommissionFigures::clawed_back_minor, &arlab::CommissionFigures::penalties_minor,
      &arlab::CommissionFigures::net_minor,         &arlab::CommissionFigures::payable_minor,
      &arlab::CommissionFigures::carried_debit_minor};
  for (auto field : fields) {
    ImGui::TableNextColumn();
    if (field == &arlab::CommissionFigures::voided_minor && f.*field > 0) {
      ui::text_right_colored(pal.bad, ui::money(book, f.*field));
    } else {
      ui::money_cell(book, f.*field);
    }
  }
  ImGui::TableNextColumn();
  if (p.overdue_invoices == 0) {
    ui::text_muted("-");
  } else {
    std::string worst = p.worst_invoice < book.invoices.size()
                            ? std::string(book.str(book.invoices[p.worst_invoice].id))
                            : "";
    ImGui::TextColored(pal.warn, "%d overdue; worst %s, %d days", p.overdue_invoices,
                       worst.c_str(), p.worst_days_past_due);
  }
}

void draw_periods(const State& state, const arlab::CommissionRow& row, ImVec2 size) {
  const arlab::CommissionStatement& s = state.commission.statement;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollX |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("##cm_periods", kPeriodColumns, flags, size)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  const char* names[] = {"Period", "Sales (booked)", "Target", "Attainment", "Collected",
                         "Coll. rate", "Gates: value vs threshold", "Earned", "Voided",
                         "Held back", "Released", "Clawed back", "Penalties", "Net",
                         "Payable", "Carried debit", "Warning"};
  // Each column fits its content (the table scrolls sideways): a gate's text can be long.
  for (const char* name : names) ImGui::TableSetupColumn(name, ui::kFitColumn);
  ImGui::TableHeadersRow();
  ui::clipped_rows(row.period_count, [&](size_t k) {
    period_row(state, s.period_rows[row.period_first + k]);
  });
  ImGui::EndTable();
}

// Payable by period (the cash timeline), with the period's other figures in the tooltip.
void draw_payable_chart(const State& state, const arlab::CommissionRow& row, ImVec2 size) {
  const arlab::CommissionStatement& s = state.commission.statement;
  std::vector<std::string> labels;
  std::vector<std::vector<int64_t>> stacks;
  for (uint32_t k = 0; k < row.period_count; ++k) {
    const arlab::CommissionPeriodRow& p = s.period_rows[row.period_first + k];
    labels.push_back(ui::short_month(arlab::commission_period_label(s.plan.period, p.period_key)));
    stacks.push_back({p.figures.payable_minor});
  }
  const arlab::Book& book = state.book;
  ui::stacked_bar_chart(
      "##cm_chart", labels, stacks, {"Payable"}, {ui::palette().good}, book.minor_digits, size,
      [&](size_t i) {
        const arlab::CommissionPeriodRow& p = s.period_rows[row.period_first + i];
        const arlab::CommissionFigures& f = p.figures;
        return arlab::commission_period_label(s.plan.period, p.period_key) + "\nPayable " +
               ui::money(book, f.payable_minor) + "\nNet " + ui::money(book, f.net_minor) +
               "\nEarned " + ui::money(book, f.earned_minor) + ", voided " +
               ui::money(book, f.voided_minor) + "\nCarried debit " +
               ui::money(book, f.carried_debit_minor) + (p.passed ? "" : "\nA gate failed");
      });
}

void rebuild_lines(CommissionPanel& c, const arlab::CommissionRow& row) {
  if (c.lines_built_count == c.compute_count && c.lines_built_selected == row.salesperson &&
      c.lines_built_filter == c.rule_filter) {
    return;
  }
  c.lines_shown.clear();
  c.rule_counts.fill(0);
  for (uint32_t k = 0; k < row.line_count; ++k) {
    uint32_t i = row.line_first + k;
    size_t rule = static_cast<size_t>(c.statement.lines[i].rule);
    if (rule < c.rule_counts.size()) ++c.rule_counts[rule];
    if (c.rule_filter < 0 || static_cast<int>(rule) == c.rule_filter) c.lines_shown.push_back(i);
  }
  c.lines_built_count = c.compute_count;
  c.lines_built_selected = row.salesperson;
  c.lines_built_filter = c.rule_filter;
}

void draw_rule_filter(CommissionPanel& c, const arlab::CommissionRow& row) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Rule");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(220));
  std::string preview =
      c.rule_filter < 0
          ? "every rule (" + std::to_string(row.line_count) + ")"
          : std::string(arlab::commission_rule_name(static_cast<arlab::CommissionRule>(
                c.rule_filter))) +
                " (" + std::to_string(c.lines_shown.size()) + ")";
  if (!ImGui::BeginCombo("##cm_rule", preview.c_str(), ImGuiComboFlags_HeightLarge)) return;
  if (ImGui::Selectable("every rule", c.rule_filter < 0)) c.rule_filter = -1;
  for (size_t r = 0; r <= static_cast<size_t>(arlab::CommissionRule::PeriodRelease); ++r) {
    if (c.rule_counts[r] == 0) continue;
    std::string label = std::string(arlab::commission_rule_name(
                            static_cast<arlab::CommissionRule>(r))) +
                        " (" + std::to_string(c.rule_counts[r]) + ")";
    if (ImGui::Selectable(label.c_str(), c.rule_filter == static_cast<int>(r))) {
      c.rule_filter = static_cast<int>(r);
    }
  }
  ImGui::EndCombo();
}

std::string ppm_cell(int32_t ppm) { return arlab::format_ppm_percent(ppm); }

void line_row(const State& state, const arlab::CommissionLine& l) {
  const arlab::Book& book = state.book;
  const arlab::CommissionStatement& s = state.commission.statement;
  const ui::Palette& pal = ui::palette();
  bool earns = arlab::commission_rule_earns(l.rule);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(arlab::format_date(l.date).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(arlab::commission_rule_name(l.rule));
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(arlab::commission_line_invoice_id(book, s, l).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(arlab::commission_line_source_id(book, s, l).c_str());
  ImGui::TableNextColumn();
  ui::money_cell(book, l.base_minor);
  ImGui::TableNextColumn();
  ui::text_right(earns || l.rate_ppm ? ppm_cell(l.rate_ppm) : "");
  ImGui::TableNextColumn();
  ui::text_right(l.share_ppm != arlab::kPpmOne ? ppm_cell(l.share_ppm) : "");
  ImGui::TableNextColumn();
  ui::text_right(l.factor_ppm != arlab::kPpmOne ? ppm_cell(l.factor_ppm) : "");
  ImGui::TableNextColumn();
  ui::money_cell(book, l.computed_minor);
  ImGui::TableNextColumn();
  bool muted = l.flags & (arlab::kLineVoided | arlab::kLineHeld | arlab::kLineOutsideWindow);
  std::string amount = ui::money(book, l.amount_minor);
  if (muted) ui::text_right_colored(pal.text_muted, amount);
  else if (l.amount_minor < 0) ui::text_right_colored(pal.bad, amount);
  else ui::text_right(amount);
  ImGui::TableNextColumn();
  std::string note = arlab::commission_line_note(book, s, l);
  if (l.flags & arlab::kLineVoided) ImGui::TextColored(pal.bad, "%s", note.c_str());
  else ImGui::TextUnformatted(note.c_str());
  if (!note.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", note.c_str());
}

void draw_lines(State& state, const arlab::CommissionRow& row) {
  CommissionPanel& c = state.commission;
  rebuild_lines(c, row);
  draw_rule_filter(c, row);
  rebuild_lines(c, row);  // The filter may have changed.
  ui::help_marker("Computed: base x rate x share x factor, rounded half up (reversals: the "
                  "fraction base / of of the commission paid). Amount: what the line adds to "
                  "its period's net (0 when voided by a gate, held, or outside the clawback "
                  "window). Right-click the header to show or hide columns.");
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_Resizable | ImGuiTableFlags_Hideable;
  if (!ImGui::BeginTable("##cm_lines", 11, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const char* names[] = {"Date", "Rule", "Invoice", "Document", "Base", "Rate", "Share",
                         "Factor", "Computed", "Amount", "Note"};
  bool split = c.statement.plan.basis == arlab::CommissionBasis::Split;
  for (int k = 0; k < 11; ++k) {
    ImGuiTableColumnFlags f = k == 10 ? ImGuiTableColumnFlags_WidthStretch
                                      : ImGuiTableColumnFlags_WidthFixed;
    if (k == 6 && !split) f |= ImGuiTableColumnFlags_DefaultHide;  // Share: split plans only.
    ImGui::TableSetupColumn(names[k], f);
  }
  ImGui::TableHeadersRow();
  ui::clipped_rows(c.lines_shown.size(), [&](size_t r) {
    line_row(state, c.statement.lines[c.lines_shown[r]]);
  });
  ImGui::EndTable();
}

void draw_selected(State& state) {
  CommissionPanel& c = state.commission;
  const arlab::CommissionRow* row = selected_row(c);
  if (!row) {
    ui::text_muted("Select a salesperson above for their periods and explanation lines.");
    return;
  }
  ui::heading(who(state.book, row->salesperson).c_str());
  ImGui::SameLine();
  ui::text_fit_colored(
      ui::palette().text_muted,
      row->salesperson == arlab::kNone
          ? "customers without a salesperson: shown, earning nothing"
          : "bookings against the target, cash, gates and payout, period by period");
  if (!ImGui::BeginTabBar("##cm_detail")) return;
  if (ImGui::BeginTabItem("Periods")) {
    float avail = ImGui::GetContentRegionAvail().x;
    float chart = std::clamp(avail * 0.3f, ui::px(240), ui::px(420));
    float height = ImGui::GetContentRegionAvail().y;
    draw_periods(state, *row, ImVec2(avail - chart - ImGui::GetStyle().ItemSpacing.x, height));
    ImGui::SameLine();
    ImGui::BeginGroup();
    ui::text_muted("Payable by period");
    draw_payable_chart(state, *row, ImVec2(chart, height - ImGui::GetTextLineHeightWithSpacing()));
    ImGui::EndGroup();
    ImGui::EndTabItem();
  }
  std::string lines = "Explanation lines (" + std::to_string(row->line_count) + ")###lines";
  if (ImGui::BeginTabItem(lines.c_str())) {
    draw_lines(state, *row);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// ---- Splitter: the salespeople table above, the selected salesperson's periods and
// explanation lines below. Each keeps a minimum: the table its header, a row and TOTAL; the
// pane below its tabs and a few lines.

float splitter_thickness() { return ui::px(8); }

// The range of the table's height: its header, a row and TOTAL at least, and room below for
// the pane's tabs and a few lines.
std::pair<float, float> summary_range() {
  float table_min = table_row_height() * 3 + ImGui::GetStyle().ScrollbarSize + ui::px(4);
  float lower_min = ImGui::GetFrameHeightWithSpacing() * 2 + table_row_height() * 4;
  float room = ImGui::GetContentRegionAvail().y - splitter_thickness() -
               2 * ImGui::GetStyle().ItemSpacing.y;
  return {table_min, std::max(table_min, room - lower_min)};
}

// The table's height: as dragged (CommissionPanel::summary_height) or automatic, clamped.
float summary_height(const State& state, float automatic) {
  auto [low, high] = summary_range();
  float dragged = state.commission.summary_height;
  return std::clamp(dragged > 0 ? dragged : automatic, low, high);
}

void draw_splitter(State& state, float summary, float automatic, std::pair<float, float> range) {
  CommissionPanel& c = state.commission;
  float width = ImGui::GetContentRegionAvail().x;
  ImGui::InvisibleButton("##cm_splitter", ImVec2(std::max(width, 1.0f), splitter_thickness()));
  ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  c.splitter_x = (min.x + max.x) * 0.5f;
  c.splitter_y = (min.y + max.y) * 0.5f;
  bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  if (hovered || active) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
  if (active && ImGui::GetIO().MouseDelta.y != 0.0f) {
    c.summary_height = std::clamp(summary + ImGui::GetIO().MouseDelta.y, range.first,
                                  range.second);
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) c.summary_height = 0;
  if (hovered && !active) {
    ImGui::SetTooltip("Drag to make the explanation lines below taller or shorter; "
                      "double-click: back to %s",
                      automatic == summary && c.summary_height == 0 ? "this height"
                                                                    : "the default height");
  }
  ImU32 color = ImGui::GetColorU32(active    ? ImGuiCol_SeparatorActive
                                   : hovered ? ImGuiCol_SeparatorHovered
                                             : ImGuiCol_Separator);
  float y = c.splitter_y, grip = ui::px(36);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddLine(ImVec2(min.x, y), ImVec2(max.x, y), color, hovered || active ? 2.0f : 1.0f);
  draw->AddRectFilled(ImVec2(c.splitter_x - grip * 0.5f, y - ui::px(2)),
                      ImVec2(c.splitter_x + grip * 0.5f, y + ui::px(2)), color, ui::px(2));
}

void draw_statement_view(State& state) {
  CommissionPanel& c = state.commission;
  if (!c.computed) {
    const PlanSlot& slot = c.slots[c.slot];
    ImGui::TextColored(ui::palette().bad, "%s",
                       !state.book.index.built ? "The book is empty."
                       : !slot.problems.empty()
                           ? "No statement yet: the plan has problems (see the editor)."
                           : "No statement yet: check the period.");
    return;
  }
  draw_statement_header(state);
  draw_cards(state);
  // The rows, the TOTAL row and the header, up to 12 rows; then it scrolls. The splitter
  // under it moves the line between the table and the periods and lines below.
  float rows = static_cast<float>(std::min<size_t>(c.statement.rows.size() + 2, 12));
  float automatic = std::min(table_row_height() * rows + ImGui::GetStyle().ScrollbarSize +
                                 ui::px(4),
                             ImGui::GetContentRegionAvail().y * 0.45f);
  std::pair<float, float> range = summary_range();
  float summary = summary_height(state, automatic);
  draw_summary(state, summary);
  draw_splitter(state, summary, automatic, range);
  c.drawn_summary_height = summary;
  c.drawn_lower_height = ImGui::GetContentRegionAvail().y;
  c.layout_frame = state.frame_count;
  draw_selected(state);
}

// ---- [SECTION] Comparison --------------------------------------------------------------

enum CompareColumn { kCWho, kCPayA, kCPayB, kCDiff, kCNetA, kCNetB, kCompareColumns };

int64_t compare_key(const arlab::CommissionComparisonRow& r, int column) {
  switch (column) {
    case kCPayA: return r.payable_a_minor;
    case kCPayB: return r.payable_b_minor;
    case kCDiff: return r.difference_minor;
    case kCNetA: return r.net_a_minor;
    case kCNetB: return r.net_b_minor;
    default: return 0;
  }
}

void sort_comparison(State& state) {
  CommissionPanel& c = state.commission;
  const std::vector<arlab::CommissionComparisonRow>& rows = c.comparison.rows;
  c.compare_order.resize(rows.size());
  for (uint32_t i = 0; i < c.compare_order.size(); ++i) c.compare_order[i] = i;
  int column = c.compare_sort_column;
  bool desc = c.compare_sort_descending;
  std::stable_sort(c.compare_order.begin(), c.compare_order.end(), [&](uint32_t a, uint32_t b) {
    if (column == kCWho) {
      int cmp = who(state.book, rows[a].salesperson).compare(who(state.book, rows[b].salesperson));
      return desc ? cmp > 0 : cmp < 0;
    }
    int64_t x = compare_key(rows[a], column), y = compare_key(rows[b], column);
    return desc ? x > y : x < y;
  });
  c.compare_sort_changed = false;
}

void difference_cell(const arlab::Book& book, int64_t diff) {
  const ui::Palette& pal = ui::palette();
  if (diff == 0) {
    ui::text_right_colored(pal.text_muted, "-");
    return;
  }
  std::string text = (diff > 0 ? "+" : "") + ui::money(book, diff);
  ui::text_right_colored(diff > 0 ? pal.good : pal.bad, text);
}

// The two figures of a comparison, named so that they cannot be confused (docs/COMMISSION.md,
// "Comparing two plans"): the *cost* of the period's activity (the sum of its periods' nets,
// whenever they are paid) and what is *payable* in the period (payouts falling due in it,
// after the payout lag and carried debits). A label names one figure everywhere: a card and
// the table's TOTAL cell with the same label show the same number (CommissionPanel::shown).
constexpr const char* kCostHelp =
    "Cost of the period's activity under the plan: the sum of the nets of the periods shown, "
    "earned - held back + released - clawed back - penalties, whenever it is paid out.";
constexpr const char* kPayableHelp =
    "Payable in the period under the plan: the payouts falling due in it, that is the nets "
    "of earlier periods after the payout lag, less a negative net carried forward. What "
    "falls due after the period's end is not in it; payouts of activity before its start are.";

void shown(State& state, const char* label, int64_t value_minor) {
  state.commission.shown.push_back({label, value_minor});
}

// The columns after "Salesperson"; the TOTAL row's cells carry these labels too.
constexpr const char* kCompareNames[] = {"Payable A", "Payable B", "Payable B - A", "Cost A",
                                         "Cost B"};
constexpr const char* kCompareNamesShort[] = {"Payable\nA", "Payable\nB", "Payable\nB - A",
                                              "Cost\nA", "Cost\nB"};
constexpr const char* kCompareHelp[] = {
    "Payable in the period under plan A: the payouts falling due in it (nets of earlier "
    "periods after the payout lag, less a debit carried).",
    "Payable in the period under plan B: the payouts falling due in it (nets of earlier "
    "periods after the payout lag, less a debit carried).",
    "Payable B - Payable A: what B pays more (+) or less (-) in the period. TOTAL: the card "
    "\"Payable B - A\".",
    "Cost of the period's activity under A: the sum of its periods' nets (earned - held back "
    "+ released - clawed back - penalties), whenever paid. TOTAL: the card \"Cost A\".",
    "Cost of the period's activity under B: the sum of its periods' nets (earned - held back "
    "+ released - clawed back - penalties), whenever paid. TOTAL: the card \"Cost B\"."};

// Narrow (1024 wide with the editor on): the table's labels go on two lines rather than cut.
bool compare_narrow() { return ImGui::GetContentRegionAvail().x < ui::px(720); }

void draw_compare_table(State& state, ImVec2 size) {
  CommissionPanel& c = state.commission;
  const arlab::Book& book = state.book;
  bool narrow = compare_narrow();
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  // Narrow: the figures keep their width and the table scrolls sideways under the frozen
  // names, rather than squeezing the names to nothing.
  if (narrow) flags |= ImGuiTableFlags_ScrollX;
  if (!ImGui::BeginTable("##cm_compare", kCompareColumns, flags, size)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  if (narrow) {
    ImGui::TableSetupColumn("Sales-\nperson", ImGuiTableColumnFlags_WidthFixed, ui::px(130));
  } else {
    ImGui::TableSetupColumn("Salesperson", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  }
  const char* const* labels = narrow ? kCompareNamesShort : kCompareNames;
  for (int k = 0; k < 5; ++k) {
    // Figures fit their widest amount and label; the names take what is left ("...").
    ImGuiTableColumnFlags f = ui::kFitColumn |
                              ImGuiTableColumnFlags_PreferSortDescending;
    if (k + 1 == kCDiff) f |= ImGuiTableColumnFlags_DefaultSort;
    ImGui::TableSetupColumn(labels[k], f);
  }
  // The header row by hand, for each column's formula as a tooltip.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int k = 0; k < kCompareColumns; ++k) {
    ImGui::TableSetColumnIndex(k);
    ImGui::TableHeader(ImGui::TableGetColumnName(k));
    if (k > 0 && ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
      ImGui::TextUnformatted(kCompareHelp[k - 1]);
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
  c.compare_sort_changed |=
      ui::sort_specs_changed(&c.compare_sort_column, &c.compare_sort_descending);
  if (c.compare_sort_changed) sort_comparison(state);
  const std::vector<arlab::CommissionComparisonRow>& rows = c.comparison.rows;
  ui::clipped_rows(c.compare_order.size() + 1, [&](size_t r) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (r == c.compare_order.size()) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
      const arlab::CommissionProfile& a = c.comparison.a;
      const arlab::CommissionProfile& b = c.comparison.b;
      ui::heading("TOTAL");
      const int64_t totals[] = {a.payable_minor, b.payable_minor,
                                b.payable_minor - a.payable_minor, a.cost_minor, b.cost_minor};
      for (int k = 0; k < 5; ++k) {
        ImGui::TableNextColumn();
        if (k + 1 == kCDiff) difference_cell(book, totals[k]);
        else ui::money_cell(book, totals[k]);
        shown(state, kCompareNames[k], totals[k]);
      }
      return;
    }
    const arlab::CommissionComparisonRow& row = rows[c.compare_order[r]];
    ui::text_fit(who(book, row.salesperson));
    ImGui::TableNextColumn();
    ui::money_cell(book, row.payable_a_minor);
    ImGui::TableNextColumn();
    ui::money_cell(book, row.payable_b_minor);
    ImGui::TableNextColumn();
    difference_cell(book, row.difference_minor);
    ImGui::TableNextColumn();
    ui::money_cell(book, row.net_a_minor);
    ImGui::TableNextColumn();
    ui::money_cell(book, row.net_b_minor);
  });
  ImGui::EndTable();
}

std::string per_1000(const std::optional<double>& v) {
  return v ? arlab::format_fixed(*v, 2) : "n/a";
}
std::string ratio_percent(const std::optional<double>& v) {
  return v ? arlab::format_fixed(*v * 100, 2) + "%" : "n/a";
}

// What a plan rewards, in one sentence: the pay for late cash against cash on time.
std::string rewards(const arlab::CommissionProfile& p) {
  if (!p.per_1000_on_time || !p.per_1000_late) return "Not enough cash on time and late to tell.";
  double on_time = *p.per_1000_on_time, late = *p.per_1000_late;
  if (on_time <= 0 && late <= 0) return "Pays nothing on the cash of the period.";
  double gap = on_time > 0 ? (on_time - late) / on_time : -1;
  if (gap > 0.02) {
    return "Rewards collecting on time: late cash earns " +
           arlab::format_fixed(gap * 100, 0) + "% less.";
  }
  if (gap < -0.02) return "Pays more for late cash than for cash on time.";
  return "Pays about the same for late cash as for cash on time.";
}

void draw_rewards(State& state) {
  CommissionPanel& c = state.commission;
  const arlab::Book& book = state.book;
  const arlab::CommissionFigures& ta = c.sides[0].statement.total;
  const arlab::CommissionFigures& tb = c.sides[1].statement.total;
  const arlab::CommissionProfile& a = c.comparison.a;
  const arlab::CommissionProfile& b = c.comparison.b;
  ui::heading("What each plan rewards");
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().text_muted);
  ImGui::TextWrapped("A: %s  B: %s", rewards(a).c_str(), rewards(b).c_str());
  ImGui::PopStyleColor();
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##cm_rewards", 3, flags)) return;
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("Plan A", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Plan B", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  auto row = [](const char* label, const std::string& x, const std::string& y,
                const char* help = nullptr) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label);
    if (help) ui::help_marker(help);
    ImGui::TableNextColumn();
    ui::text_right(x);
    ImGui::TableNextColumn();
    ui::text_right(y);
  };
  auto money = [&](int64_t v) { return ui::money(book, v); };
  auto ratio = [](int64_t num, int64_t den) {
    return den == 0 ? std::string("n/a")
                    : arlab::format_fixed(double(num) * 100 / double(den), 2) + "%";
  };
  row("Commission per 1,000 collected on time", per_1000(a.per_1000_on_time),
      per_1000(b.per_1000_on_time),
      "Cash applied to invoices on or before their due date, and the commission it earned "
      "(its own lines plus its share of the booking commission).");
  row("Commission per 1,000 collected late", per_1000(a.per_1000_late), per_1000(b.per_1000_late),
      "Cash applied after the due date (days late > 0).");
  row("Collected on time", money(ta.collected_on_time_minor), money(tb.collected_on_time_minor));
  row("Collected late", money(ta.collected_late_minor), money(tb.collected_late_minor));
  row("Effective rate on sales", ratio_percent(a.effective_rate), ratio_percent(b.effective_rate),
      "Cost of the period's activity (net) / credit sales of the period.");
  row("Effective rate on collections", ratio(ta.net_minor, ta.collected_minor),
      ratio(tb.net_minor, tb.collected_minor),
      "Cost of the period's activity (net) / cash collected in the period.");
  row("Periods voided by gates",
      std::to_string(ta.periods_failed) + " of " + std::to_string(ta.periods),
      std::to_string(tb.periods_failed) + " of " + std::to_string(tb.periods),
      "Salesperson-periods where a gate failed: their commission is void.");
  row("Voided", money(ta.voided_minor), money(tb.voided_minor));
  row("Clawed back + penalties", money(ta.clawed_back_minor + ta.penalties_minor),
      money(tb.clawed_back_minor + tb.penalties_minor));
  row("Cost of the period's activity (net)", money(a.cost_minor), money(b.cost_minor),
      kCostHelp);
  row("Payable in the period", money(a.payable_minor), money(b.payable_minor), kPayableHelp);
  ImGui::EndTable();
}

void draw_compare_cards(State& state) {
  CommissionPanel& c = state.commission;
  const arlab::Book& book = state.book;
  const arlab::CommissionProfile& a = c.comparison.a;
  const arlab::CommissionProfile& b = c.comparison.b;
  const ui::Palette& pal = ui::palette();
  // Four in a row; two rows of two where four would cut their figures (1024 wide, editor on).
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  float avail = ImGui::GetContentRegionAvail().x;
  bool two_rows = (avail - 3 * spacing) / 4 < ui::px(180);
  float width = std::min(ui::px(230), two_rows ? (avail - spacing) / 2 : (avail - 3 * spacing) / 4);
  float height = ImGui::GetTextLineHeightWithSpacing() * 3.2f + ui::px(14);
  int64_t cost = b.cost_minor - a.cost_minor, payable = b.payable_minor - a.payable_minor;
  auto signed_money = [&](int64_t v) { return (v > 0 ? "+" : "") + ui::money(book, v); };
  ui::card("##cmp_a", "Cost A", ui::money(book, a.cost_minor),
           "payable A " + ui::money(book, a.payable_minor), pal.accent, width, height, kCostHelp);
  shown(state, "Cost A", a.cost_minor);
  ImGui::SameLine();
  ui::card("##cmp_b", "Cost B", ui::money(book, b.cost_minor),
           "payable B " + ui::money(book, b.payable_minor), pal.accent, width, height, kCostHelp);
  shown(state, "Cost B", b.cost_minor);
  if (!two_rows) ImGui::SameLine();
  ui::card("##cmp_diff", "Cost B - A", signed_money(cost),
           cost > 0 ? "B costs more" : cost < 0 ? "B costs less" : "the same cost",
           cost > 0 ? pal.warn : pal.good, width, height,
           "Cost B - Cost A: what the period's activity costs more (+) or less (-) under B, "
           "whenever it is paid out.");
  shown(state, "Cost B - A", cost);
  ImGui::SameLine();
  int gains = 0, losses = 0;
  for (const arlab::CommissionComparisonRow& r : c.comparison.rows) {
    gains += r.difference_minor > 0;
    losses += r.difference_minor < 0;
  }
  ui::card("##cmp_payable", "Payable B - A", signed_money(payable),
           std::to_string(gains) + " gain, " + std::to_string(losses) + " lose",
           payable > 0 ? pal.warn : pal.good, width, height,
           "Payable B - Payable A: what falls due in the period more (+) or less (-) under B; "
           "the table's TOTAL row. Under B, so many salespeople are paid more (gain) or less "
           "(lose) in the period.");
  shown(state, "Payable B - A", payable);
}

// Export (CSV, JSON: the CLI's `commission --compare` bytes) and the formulas in Help.
void draw_compare_actions(State& state) {
  CommissionPanel& c = state.commission;
  auto centre = [](float* xy) {
    xy[0] = (ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) * 0.5f;
    xy[1] = (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f;
  };
  if (ImGui::Button("Export comparison CSV")) export_commission_comparison(state, false);
  centre(&c.export_buttons[0]);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("One row per salesperson and a TOTAL row: payable and cost under A and "
                      "B, the difference, what each plan rewards (docs/COMMISSION.md)");
  }
  ImGui::SameLine();
  if (ImGui::Button("Export comparison JSON")) export_commission_comparison(state, true);
  centre(&c.export_buttons[2]);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("\"arlab-commission-comparison/1\": both plans' figures, the total and "
                      "each salesperson (the same bytes as arlab commission --compare)");
  }
  ImGui::SameLine();
  if (ImGui::Button("Formulas")) open_help_doc(state, "COMMISSION.md#comparing-two-plans");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Help: comparing two plans (docs/COMMISSION.md)");
}

void draw_compare_view(State& state) {
  CommissionPanel& c = state.commission;
  const PlanSlot& a = c.slots[0];
  const PlanSlot& b = c.slots[1];
  c.shown.clear();
  c.shown_frame = state.frame_count;
  ui::heading(("A: " + a.applied.name + "   vs   B: " + b.applied.name).c_str());
  if (!c.compared) {
    ImGui::TextColored(ui::palette().bad, "%s",
                       !c.period.error.empty() ? "Check the period."
                                              : "Both plans need to be valid for this book.");
    return;
  }
  const arlab::CommissionStatement& s = c.sides[0].statement;
  std::string dates = arlab::format_date(s.from) + " to " + arlab::format_date(s.to) +
                      "; compared in " + arlab::format_fixed(c.compare_ms, 1) + " ms";
  if (ImGui::CalcTextSize(dates.c_str()).x + ImGui::GetStyle().ItemSpacing.x <
      ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x) {
    ImGui::SameLine();  // Beside the plans' names when it fits, else under them.
  }
  ui::text_muted(dates.c_str());
  for (int k = 0; k < 2; ++k) {
    const PlanSlot& slot = c.slots[k];
    if (slot.problems.empty() && !slot.pending) continue;
    ImGui::TextColored(ui::palette().bad, "Plan %s: the form has %s; compared: its last valid "
                       "version.", k == 0 ? "A" : "B",
                       slot.problems.empty() ? "edits not applied" : "problems");
  }
  if (a.applied.period != b.applied.period) {
    ui::text_muted("The plans settle by different periods: each starts at its own period's "
                   "start.");
  }
  draw_compare_actions(state);
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().text_muted);
  ImGui::TextWrapped("Cost: what the period's activity costs (the sum of its nets, whenever "
                     "paid). Payable: what falls due in the period (after the payout lag).");
  ImGui::PopStyleColor();
  draw_compare_cards(state);
  ImGui::Spacing();
  // The salespeople (a few to a few dozen) above, what each plan rewards below.
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().text_muted);
  ImGui::TextWrapped("Who gains, who loses under B: payable in the period, and the cost of the "
                     "period's activity");
  ImGui::PopStyleColor();
  // Up to 14 rows, then the table scrolls; at least 6 rows even in a short window, and the
  // rewards their own rows: where the window is too short for both, the view scrolls.
  float row = table_row_height();
  float rows = static_cast<float>(std::min<size_t>(c.comparison.rows.size() + 2, 14));
  float header = compare_narrow() ? ImGui::GetTextLineHeight() : 0.0f;  // Two-line labels.
  float table = std::min(row * rows, std::max(row * 6, ImGui::GetContentRegionAvail().y * 0.45f));
  draw_compare_table(state, ImVec2(0, table + header + ui::px(4)));
  ImGui::Spacing();
  float rewards = row * 13 + ImGui::GetTextLineHeightWithSpacing() * 3;
  ImGui::BeginChild("##cm_rewards_child",
                    ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, rewards)), true);
  draw_rewards(state);
  ImGui::EndChild();
}

}  // namespace

// ---- [SECTION] Panel -------------------------------------------------------------------

void draw_commission(State& state) {
  CommissionPanel& c = state.commission;
  draw_inputs(state);
  update_drawn(state, c.view == 1);
  float width = ImGui::GetContentRegionAvail().x;
  float height = ImGui::GetContentRegionAvail().y;
  if (c.show_editor) {
    float editor = std::clamp(width * 0.33f, ui::px(400), ui::px(540));
    ImGui::BeginChild("##cm_editor", ImVec2(editor, height), true);
    draw_commission_plan_editor(state);
    ImGui::EndChild();
    ImGui::SameLine();
    update_drawn(state, c.view == 1);  // An edit applied by Enter shows this frame.
  }
  ImGui::BeginChild("##cm_views", ImVec2(0, height), false);
  if (ImGui::BeginTabBar("##cm_view")) {
    const char* names[] = {"Statement", "Compare A and B"};
    for (int k = 0; k < 2; ++k) {
      ImGuiTabItemFlags flags = c.select_view && c.view == k ? ImGuiTabItemFlags_SetSelected : 0;
      std::string label = k == 0 ? std::string("Statement of plan ") + (c.slot == 0 ? "A" : "B") +
                                       "###statement"
                                 : std::string(names[1]) + "###compare";
      if (!ImGui::BeginTabItem(label.c_str(), nullptr, flags)) continue;
      if (!c.select_view) c.view = k;
      if (update_drawn(state, c.view == 1)) draw_busy(c.busy, c.compute_ms + c.compare_ms);
      else if (k == 0) draw_statement_view(state);
      else draw_compare_view(state);
      ImGui::EndTabItem();
    }
    c.select_view = false;
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
}

}  // namespace app
