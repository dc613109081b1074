// panel_dashboard.cpp: the key figures as of the toolbar's date, aging as a bar chart, the
// practice's stages (credit / coordination / clearing period) and who to act on first.
//
// [SECTION] State and lists (rebuilt when the figures change)
// [SECTION] Cards and charts
// [SECTION] Customer lists
#include <algorithm>
#include <initializer_list>

#include "app/app_state.h"
#include "app/widgets.h"
#include "core/money.h"
#include "imgui.h"

namespace app {

namespace {

constexpr size_t kTopCount = 10;

// ---- [SECTION] State and lists ---------------------------------------------------------

// The Dashboard's own state, in the registry's store (app/panels.h): nothing else reads it.
struct DashboardPanel {
  // Customer indices, by overdue amount, at most 10; made once per figures' generation.
  Cached<std::vector<uint32_t>, uint64_t> top_overdue;
};

std::vector<uint32_t> top_overdue(const State& state) {
  const std::vector<CustomerFigures>& cf = state.figures.customers;
  std::vector<uint32_t> top_overdue;
  for (uint32_t c = 0; c < cf.size(); ++c) {
    if (cf[c].overdue_minor > 0) top_overdue.push_back(c);
  }
  // Largest overdue first; ties by index so the order never depends on the sort.
  auto by_overdue = [&](uint32_t a, uint32_t b) {
    if (cf[a].overdue_minor != cf[b].overdue_minor)
      return cf[a].overdue_minor > cf[b].overdue_minor;
    return a < b;
  };
  size_t top = std::min(kTopCount, top_overdue.size());
  std::partial_sort(top_overdue.begin(), top_overdue.begin() + top, top_overdue.end(),
                    by_overdue);
  top_overdue.resize(top);
  return top_overdue;
}

// ---- [SECTION] Cards and charts --------------------------------------------------------

void draw_cards(const State& state) {
  const Figures& f = state.figures;
  const arlab::Book& book = state.book;
  const ui::Palette& p = ui::palette();
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  float width = (ImGui::GetContentRegionAvail().x - 4 * spacing) / 5;
  float height = ImGui::GetTextLineHeightWithSpacing() * 3.2f + 14;
  uint32_t open_customers = 0;
  for (const CustomerFigures& c : f.customers) open_customers += c.open_invoice_count > 0;
  ui::card("##open", "Open receivables", ui::money(book, f.open_minor),
           std::to_string(open_customers) + " customers", p.accent, width, height);
  ImGui::SameLine();
  ui::card("##overdue", "Overdue", ui::money(book, f.overdue_minor),
           ui::percent(f.overdue_minor, f.open_minor) + " of open", p.warn, width, height);
  ImGui::SameLine();
  ui::card("##unapplied", "Unapplied credit", ui::money(book, -f.unapplied_minor),
           "not matched to invoices", p.text_muted, width, height);
  ImGui::SameLine();
  ui::card("##soon", "Due in the next 7 days", ui::money(book, f.due_soon_minor),
           std::to_string(f.due_soon_count) + " invoices to confirm", p.good, width, height);
  ImGui::SameLine();
  int clearing = static_cast<int>(Stage::Clearing);
  ui::card("##limit", "Beyond the hard limit", ui::money(book, f.stage_minor[clearing]),
           std::to_string(f.stage_customers[clearing]) + " customers: act now", p.bad,
           width, height);
}

void draw_aging_chart(const State& state, float height) {
  const Figures& f = state.figures;
  ui::heading("Aging by days past due");
  ui::help_marker("Open invoice amounts as of the toolbar's date, by days past their due date. "
                  "'current' is not yet due (due today counts as current).");
  std::vector<ui::Bar> bars;
  for (size_t b = 0; b < f.aging.bucket_names.size(); ++b) {
    bars.push_back({f.aging.bucket_names[b], f.aging.total_amounts_minor[b],
                    ui::bucket_color(b, f.aging.bucket_names.size())});
  }
  ui::bar_chart("##aging_chart", state.book, bars,
                ImVec2(ImGui::GetContentRegionAvail().x, height));
}

void draw_stages(const State& state, float height) {
  const Figures& f = state.figures;
  const ui::Palette& p = ui::palette();
  ui::heading("Collection stages");
  ui::help_marker("Practice: move the focus forward. Credit period = not yet due; coordination "
                  "period = overdue up to one third of the credit period; clearing period = "
                  "beyond that hard limit (30-day terms: act by day 40, 60-day terms: by day 80).");
  const ImVec4 colors[kStageCount] = {p.good, p.warn, p.bad};
  std::vector<ui::Bar> bars;
  for (int s = 0; s < kStageCount; ++s) {
    bars.push_back({stage_name(static_cast<Stage>(s)), f.stage_minor[s], colors[s]});
  }
  float chart_height = height - ImGui::GetTextLineHeightWithSpacing();
  ui::bar_chart("##stage_chart", state.book, bars,
                ImVec2(ImGui::GetContentRegionAvail().x, chart_height));
  for (int s = 0; s < kStageCount; ++s) {
    if (s) ImGui::SameLine(0, 18);
    ImGui::TextColored(colors[s], "%u", f.stage_customers[s]);
    ImGui::SameLine(0, 4);
    ui::text_muted(s == 0 ? "customers on time" : s == 1 ? "coordinating" : "clearing");
  }
}

// ---- [SECTION] Customer lists ----------------------------------------------------------

const char* salesperson_name(const arlab::Book& book, arlab::Index customer) {
  arlab::Index s = book.customers[customer].salesperson;
  return s == arlab::kNone ? "-" : book.salespeople[s].name.c_str();
}

// A customer list filling what is left of its box; columns are (name, stretch weight); a
// weight of 0: the column fits its content (figures are never cut, names end in "...").
struct Column {
  const char* name;
  float weight;
};
bool begin_customer_table(const char* id, std::initializer_list<Column> columns) {
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  int count = static_cast<int>(columns.size());
  if (!ImGui::BeginTable(id, count, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
    return false;
  }
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const Column& c : columns) {
    if (c.weight > 0.0f) {
      ImGui::TableSetupColumn(c.name, ImGuiTableColumnFlags_WidthStretch, c.weight);
    } else {
      ImGui::TableSetupColumn(c.name, ImGuiTableColumnFlags_WidthFixed);
    }
  }
  ui::headers_row();
  return true;
}

// A row's first cell: the customer's name; a click on the row drills down to it.
void customer_cell(State& state, uint32_t customer) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(static_cast<int>(customer));
  if (ui::selectable_fit(state.book.customers[customer].name, false,
                        ImGuiSelectableFlags_SpanAllColumns)) {
    select_customer(state, customer);
  }
  ImGui::PopID();
}

void draw_top_overdue(State& state) {
  const arlab::Book& book = state.book;
  const Figures& f = state.figures;
  ui::heading("Top overdue customers");
  ui::help_marker("Ranked by overdue amount. Click a row to open the customer.");
  if (!begin_customer_table("##top", {{"Customer", 2.8f}, {"Salesperson", 2.2f},
                                      {"Overdue", 0}, {"Oldest", 0}, {"Stage", 0}})) {
    return;
  }
  DashboardPanel& d = panel_state<DashboardPanel>(state);
  const std::vector<uint32_t>& top =
      d.top_overdue.get(f.generation, [&] { return top_overdue(state); });
  for (uint32_t c : top) {
    const CustomerFigures& cf = f.customers[c];
    customer_cell(state, c);
    ImGui::TableNextColumn();
    ui::text_fit(salesperson_name(book, c));
    ImGui::TableNextColumn();
    ui::text_right(ui::money(book, cf.overdue_minor));
    ImGui::TableNextColumn();
    ui::text_right(std::to_string(cf.days_overdue_max) + " d");
    ImGui::TableNextColumn();
    const ui::Palette& p = ui::palette();
    ImGui::TextColored(cf.stage == Stage::Clearing ? p.bad : p.warn, "%s",
                       cf.stage == Stage::Clearing ? "clearing" : "coordination");
  }
  ImGui::EndTable();
}

// What to do today (core/worklist.h: docs/COLLECTION.md), most urgent first; a click on a
// row opens the customer.
void draw_worklist(State& state) {
  const arlab::Book& book = state.book;
  const std::vector<arlab::WorkItem>& items = state.figures.worklist;
  ui::heading("What to do today");
  ui::help_marker("Escalate: an invoice past one third of its own credit period (credit). "
                  "Hold: over the credit limit or past that limit: stop supply (credit). "
                  "Chase: a promise to pay was broken. Send: a dunning letter is due (its "
                  "level's owner). Remind: overdue within the limit, act on the first day "
                  "(finance). Call: a contact's next step is due. Release: held by hand, now "
                  "within the limit. Review: the credit file is due a review. Confirm: due "
                  "within a week, call to confirm the date (sales). Within an action the "
                  "oldest first, then the largest, then the riskier. Hover a row for its step; "
                  "arlab worklist prints the same.");
  if (items.empty()) {
    ImGui::TextColored(ui::palette().good, "Nothing to do as of this date.");
    return;
  }
  if (!begin_customer_table("##worklist", {{"Action", 0}, {"Customer", 3.0f}, {"When", 0},
                                           {"Amount", 0}, {"Owner", 0}})) {
    return;
  }
  const ui::Palette& p = ui::palette();
  ui::clipped_rows(items.size(), [&](size_t r) {
    const arlab::WorkItem& w = items[r];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    bool urgent = w.action == arlab::WorkAction::Escalate || w.action == arlab::WorkAction::Hold ||
                  w.action == arlab::WorkAction::Chase;
    bool soon = w.action == arlab::WorkAction::Remind || w.action == arlab::WorkAction::Send ||
                w.action == arlab::WorkAction::Call;
    ImVec4 color = urgent ? p.bad : soon ? p.warn : p.good;
    if (ImGui::Selectable("##item", false, ImGuiSelectableFlags_SpanAllColumns |
                                               ImGuiSelectableFlags_AllowItemOverlap)) {
      select_customer(state, w.customer);
    }
    if (ImGui::IsItemHovered()) {  // The step in words, made only for the row under the mouse.
      std::string step = arlab::work_item_step(book, state.figures.position, w);
      ImGui::SetTooltip("%s", step.c_str());
    }
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::TextColored(color, "%s", arlab::work_action_name(w.action));
    ImGui::TableNextColumn();
    ui::text_fit(book.customers[w.customer].name);
    ImGui::TableNextColumn();
    if (w.invoice != arlab::kNone) {
      ui::text_right(w.days > 0    ? std::to_string(w.days) + " d late"
                     : w.days == 0 ? std::string("today")
                                   : "in " + std::to_string(-w.days) + " d");
    }
    ImGui::TableNextColumn();
    ui::text_right(ui::money(book, w.amount_minor));
    ImGui::TableNextColumn();
    ui::text_muted(arlab::work_owner_name(w.owner));
  });
  ImGui::EndTable();
}

}  // namespace

void draw_dashboard(State& state) {
  draw_cards(state);
  ImGui::Spacing();
  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  float chart_height = std::max(ui::px(180), ImGui::GetContentRegionAvail().y * 0.40f);
  ImGui::BeginChild("##chart_left", ImVec2(half, chart_height + ui::px(40)), true);
  draw_aging_chart(state, chart_height - ui::px(10));
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##chart_right", ImVec2(0, chart_height + ui::px(40)), true);
  draw_stages(state, chart_height - 10);
  ImGui::EndChild();
  ImGui::BeginChild("##top_left", ImVec2(half, 0), true);
  draw_top_overdue(state);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##top_right", ImVec2(0, 0), true);
  draw_worklist(state);
  ImGui::EndChild();
}

}  // namespace app
