// panel_aging.cpp: aging by customer, one row a customer with something open or unapplied;
// sortable on every column, filtered by id / name / salesperson; a click drills down.
// The row index is rebuilt only when the figures, the filter or the sort specs change.
#include <algorithm>
#include <string>

#include "app/app_state.h"
#include "app/widgets.h"
#include "imgui.h"

namespace app {

namespace {

enum Column { kId, kName, kSalesperson, kFirstBucket };  // Then buckets, open, unapplied.

// The Aging tab's own state, in the registry's store (app/panels.h): nothing else reads it.
struct AgingPanel {
  std::vector<uint32_t> rows;  // Indices into figures.aging.customers, filtered and sorted.
  char filter[64] = "";
  int sort_column = 0;
  bool sort_descending = false;
  // What `rows` was made from.
  struct RowsKey {
    uint64_t figures_generation = 0;
    std::string filter;
    int sort_column = 0;
    bool sort_descending = false;
    bool operator==(const RowsKey&) const = default;
  };
  Cached<void, RowsKey> built;
};

const char* salesperson_of(const arlab::Book& book, const arlab::CustomerAging& ca) {
  arlab::Index s = book.customers[ca.customer].salesperson;
  return s == arlab::kNone ? "" : book.salespeople[s].name.c_str();
}

// Negative, zero or positive like strcmp; the value of a customer row in a column.
int compare_rows(const arlab::Book& book, const arlab::CustomerAging& a,
                 const arlab::CustomerAging& b, int column) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  size_t buckets = a.amounts_minor.size();
  if (column == kId) return book.customers[a.customer].id.compare(book.customers[b.customer].id);
  if (column == kName) {
    return book.customers[a.customer].name.compare(book.customers[b.customer].name);
  }
  if (column == kSalesperson) {
    return std::string_view(salesperson_of(book, a)).compare(salesperson_of(book, b));
  }
  size_t bucket = static_cast<size_t>(column - kFirstBucket);
  if (bucket < buckets) return cmp(a.amounts_minor[bucket], b.amounts_minor[bucket]);
  if (bucket == buckets) return cmp(a.open_minor, b.open_minor);
  return cmp(a.unapplied_minor, b.unapplied_minor);
}

void rebuild_rows(const State& state, AgingPanel& panel) {
  const arlab::Book& book = state.book;
  const std::vector<arlab::CustomerAging>& rows = state.figures.aging.customers;
  panel.rows.clear();
  for (uint32_t i = 0; i < rows.size(); ++i) {
    const arlab::Customer& c = book.customers[rows[i].customer];
    if (ui::contains_nocase(c.id, panel.filter) || ui::contains_nocase(c.name, panel.filter) ||
        ui::contains_nocase(salesperson_of(book, rows[i]), panel.filter)) {
      panel.rows.push_back(i);
    }
  }
  // Stable order for equal keys: the report's order (customer id).
  std::stable_sort(panel.rows.begin(), panel.rows.end(), [&](uint32_t a, uint32_t b) {
    int c = compare_rows(book, rows[a], rows[b], panel.sort_column);
    return panel.sort_descending ? c > 0 : c < 0;
  });
}

void setup_columns(const arlab::AgingReport& report) {
  // Amounts are never cut: their columns fit their widest figure and header; the names
  // share what is left and end in "..." (whole on hover) when it is not enough.
  ImGui::TableSetupScrollFreeze(2, 1);
  ImGui::TableSetupColumn("Id",
                          ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Salesperson", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  for (const std::string& name : report.bucket_names) {
    ImGui::TableSetupColumn(name.c_str(), ImGuiTableColumnFlags_PreferSortDescending |
                                              ui::kFitColumn);
  }
  ImGui::TableSetupColumn("Open", ImGuiTableColumnFlags_PreferSortDescending |
                                      ui::kFitColumn);
  ImGui::TableSetupColumn("Unapplied", ui::kFitColumn);
  ui::headers_row();
}

void draw_row(State& state, const arlab::CustomerAging& ca) {
  const arlab::Book& book = state.book;
  const arlab::Customer& c = book.customers[ca.customer];
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  bool selected = state.customer.customer == ca.customer;
  if (ImGui::Selectable(c.id.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
    select_customer(state, ca.customer);  // Click or Enter: open the customer.
  } else if (ui::nav_focused()) {
    state.customer.customer = ca.customer;  // Arrow keys: select, stay on the list.
  }
  ImGui::TableNextColumn();
  customer_name_cell(state, ca.customer);
  ImGui::TableNextColumn();
  ui::text_fit(salesperson_of(book, ca));
  for (size_t b = 0; b < ca.amounts_minor.size(); ++b) {
    ImGui::TableNextColumn();
    if (ca.amounts_minor[b] != 0 && b > 0) {
      ui::text_right_colored(ui::bucket_color(b, ca.amounts_minor.size()),
                             ui::money(book, ca.amounts_minor[b]));
    } else {
      ui::money_cell(book, ca.amounts_minor[b]);
    }
  }
  ImGui::TableNextColumn();
  ui::money_cell(book, ca.open_minor);
  ImGui::TableNextColumn();
  ui::money_cell(book, ca.unapplied_minor);
}

void draw_totals(const State& state) {
  const arlab::AgingReport& r = state.figures.aging;
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted("Total");
  ImGui::TableNextColumn();
  ImGui::TableNextColumn();
  for (int64_t amount : r.total_amounts_minor) {
    ImGui::TableNextColumn();
    ui::text_right(ui::money(state.book, amount));
  }
  ImGui::TableNextColumn();
  ui::text_right(ui::money(state.book, r.total_open_minor));
  ImGui::TableNextColumn();
  ui::text_right(ui::money(state.book, r.total_unapplied_minor));
}

}  // namespace

void draw_aging(State& state) {
  AgingPanel& panel = panel_state<AgingPanel>(state);
  const arlab::AgingReport& report = state.figures.aging;
  ImGui::SetNextItemWidth(ui::px(320));
  ImGui::InputTextWithHint("##filter", "Filter: id, name or salesperson", panel.filter,
                           sizeof panel.filter);
  ImGui::SameLine();
  ui::text_muted((std::to_string(panel.rows.size()) + " of " +
                  std::to_string(report.customers.size()) +
                  " customers with open items; click a row for its invoices")
                     .c_str());
  int columns = kFirstBucket + static_cast<int>(report.bucket_names.size()) + 2;
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                          ImGuiTableFlags_Hideable;
  ImGui::PushID(columns);  // Other edges, other columns: a fresh table.
  if (ImGui::BeginTable("##aging", columns, flags, ImVec2(0, 0))) {
    setup_columns(report);
    ui::sort_specs_changed(&panel.sort_column, &panel.sort_descending);
    AgingPanel::RowsKey key{state.figures.generation, panel.filter, panel.sort_column,
                            panel.sort_descending};
    if (!panel.built.current(key)) {
      rebuild_rows(state, panel);
      panel.built.set(key);
    }
    ui::clipped_rows(panel.rows.size(),
                     [&](size_t r) { draw_row(state, report.customers[panel.rows[r]]); });
    draw_totals(state);
    ImGui::EndTable();
  }
  ImGui::PopID();
}

}  // namespace app
