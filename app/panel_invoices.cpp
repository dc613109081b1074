// panel_invoices.cpp: every invoice as of the toolbar's date, filtered (text on invoice or
// customer, status, date range, disputed only) and sorted. Smooth with 1,000,000 invoices:
// the row index (std::vector<uint32_t>) is rebuilt only when the filter, the sort or the
// figures change, and ImGuiListClipper draws only the visible rows.
//
// [SECTION] Filter and sort
// [SECTION] Drawing
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/app_state.h"
#include "app/widgets.h"
#include "core/date.h"
#include "core/money.h"
#include "imgui.h"

namespace app {

namespace {

enum Column { kInvoice, kCustomer, kDate, kDue, kAmount, kOpen, kDays, kStatus, kColumnCount };

// ---- [SECTION] Filter and sort ---------------------------------------------------------

InvoiceStatus status_of(const State& state, arlab::Index i) {
  int64_t open = state.figures.position.invoices[i].open_minor;
  if (open == 0) return InvoiceStatus::Paid;
  return state.as_of - state.book.invoices[i].due > 0 ? InvoiceStatus::Overdue
                                                      : InvoiceStatus::NotDue;
}

bool status_matches(InvoiceStatus want, InvoiceStatus have) {
  if (want == InvoiceStatus::All) return true;
  if (want == InvoiceStatus::Open) return have != InvoiceStatus::Paid;
  return want == have;
}

// Parses the optional date bounds; "" means unbounded.
bool parse_range(InvoicePanel& panel, arlab::Date* from, arlab::Date* to) {
  *from = arlab::Date{INT32_MIN};
  *to = arlab::Date{INT32_MAX};
  panel.filter_error.clear();
  if (panel.date_from[0] && !arlab::parse_date(panel.date_from, from)) {
    panel.filter_error = "From: not a date (YYYY-MM-DD)";
  }
  if (panel.date_to[0] && !arlab::parse_date(panel.date_to, to)) {
    panel.filter_error = "To: not a date (YYYY-MM-DD)";
  }
  return panel.filter_error.empty();
}

void filter_rows(InvoicePanel& panel, const State& state) {
  const arlab::Book& book = state.book;
  arlab::Date from, to;
  if (!parse_range(panel, &from, &to)) return;  // Keep the last good rows.
  // Match customers once, not once per invoice.
  std::vector<uint8_t> customer_match(book.customers.size());
  for (size_t c = 0; c < book.customers.size(); ++c) {
    customer_match[c] = ui::contains_nocase(book.customers[c].name, panel.filter) ||
                        ui::contains_nocase(book.customers[c].id, panel.filter);
  }
  InvoiceStatus want = static_cast<InvoiceStatus>(panel.status);
  panel.rows.clear();
  panel.hidden_later = 0;
  for (uint32_t i = 0; i < book.invoices.size(); ++i) {
    const arlab::Invoice& inv = book.invoices[i];
    if (inv.date > state.as_of) {
      ++panel.hidden_later;
      continue;
    }
    if (inv.date < from || inv.date > to) continue;
    if (!status_matches(want, status_of(state, i))) continue;
    if (panel.disputed_only && !(inv.flags & arlab::kInvoiceDisputed)) continue;
    if (!customer_match[inv.customer] && !ui::contains_nocase(book.str(inv.id), panel.filter))
      continue;
    panel.rows.push_back(i);
  }
}

void sort_rows(InvoicePanel& panel, const State& state) {
  const arlab::Book& book = state.book;
  const std::vector<arlab::InvoicePosition>& pos = state.figures.position.invoices;
  // Customers ranked by name once, so sorting a million rows compares integers.
  std::vector<uint32_t> by_name(book.customers.size()), rank(book.customers.size());
  for (uint32_t c = 0; c < by_name.size(); ++c) by_name[c] = c;
  std::sort(by_name.begin(), by_name.end(), [&](uint32_t a, uint32_t b) {
    return book.customers[a].name < book.customers[b].name;
  });
  for (uint32_t r = 0; r < by_name.size(); ++r) rank[by_name[r]] = r;
  auto key_less = [&](uint32_t a, uint32_t b) -> int {
    const arlab::Invoice& x = book.invoices[a];
    const arlab::Invoice& y = book.invoices[b];
    auto cmp = [](auto p, auto q) { return p < q ? -1 : (q < p ? 1 : 0); };
    switch (panel.sort_column) {
      case kInvoice: return book.str(x.id).compare(book.str(y.id));
      case kCustomer: return cmp(rank[x.customer], rank[y.customer]);
      case kDate: return cmp(x.date, y.date);
      case kDue: case kDays: return cmp(y.due, x.due) * (panel.sort_column == kDays ? 1 : -1);
      case kAmount: return cmp(x.amount_minor, y.amount_minor);
      case kOpen: return cmp(pos[a].open_minor, pos[b].open_minor);
      default:
        return cmp(static_cast<int>(status_of(state, a)), static_cast<int>(status_of(state, b)));
    }
  };
  bool descending = panel.sort_descending;
  // Ties by file order (in the same direction), so the result never depends on the sort
  // algorithm and the newest of a day comes first when sorting by date, newest first.
  std::sort(panel.rows.begin(), panel.rows.end(), [&](uint32_t a, uint32_t b) {
    int c = key_less(a, b);
    if (c != 0) return descending ? c > 0 : c < 0;
    return descending ? a > b : a < b;
  });
}

void rebuild_if_needed(InvoicePanel& panel, const State& state) {
  bool refilter = panel.filter_changed || !panel.filtered.current(state.figures.generation);
  if (!refilter && !panel.sort_changed) return;
  auto start = std::chrono::steady_clock::now();  // Shown to the user only, never tested.
  if (refilter) filter_rows(panel, state);
  sort_rows(panel, state);
  auto end = std::chrono::steady_clock::now();
  panel.last_rebuild_ms = std::chrono::duration<double, std::milli>(end - start).count();
  panel.filtered.set(state.figures.generation);
  panel.filter_changed = panel.sort_changed = false;
}

// ---- [SECTION] Drawing -----------------------------------------------------------------

// "label [YYYY-MM-DD]" on the filter line; true when the text changed.
bool date_filter(const char* label, const char* id, char* text, size_t text_size, float width) {
  ui::same_line_if_fits(ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemSpacing.x + width);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  return ImGui::InputTextWithHint(id, "YYYY-MM-DD", text, text_size);
}

void draw_filters(InvoicePanel& panel) {
  ImGui::SetNextItemWidth(ui::px(280));
  panel.filter_changed |= ImGui::InputTextWithHint("##text", "Invoice, customer id or name",
                                                   panel.filter, sizeof panel.filter);
  ImGui::SameLine();
  const char* statuses[] = {"All statuses", "Open (unpaid)", "Overdue", "Not yet due", "Paid"};
  ImGui::SetNextItemWidth(ui::px(170));
  panel.filter_changed |= ImGui::Combo("##status", &panel.status, statuses, IM_ARRAYSIZE(statuses));
  float date_width = ImGui::CalcTextSize("YYYY-MM-DD").x + ImGui::GetStyle().FramePadding.x * 2 + 4;
  panel.filter_changed |= date_filter("Dated from", "##from", panel.date_from,
                                      sizeof panel.date_from, date_width);
  panel.filter_changed |= date_filter("to", "##to", panel.date_to, sizeof panel.date_to,
                                      date_width);
  // A narrow window (1024 px) takes the rest on a second line.
  const ImGuiStyle& style = ImGui::GetStyle();
  ui::same_line_if_fits(ImGui::CalcTextSize("Disputed only").x + ImGui::GetFrameHeight() +
                        style.ItemInnerSpacing.x + style.ItemSpacing.x +
                        ImGui::CalcTextSize("Clear").x + style.FramePadding.x * 2);
  panel.filter_changed |= ImGui::Checkbox("Disputed only", &panel.disputed_only);
  ImGui::SameLine();
  if (ImGui::Button("Clear")) {
    panel.filter[0] = panel.date_from[0] = panel.date_to[0] = '\0';
    panel.status = 0;
    panel.disputed_only = false;
    panel.filter_changed = true;
  }
}

void draw_summary_line(const InvoicePanel& panel, const State& state) {
  if (!panel.filter_error.empty()) {
    ImGui::TextColored(ui::palette().bad, "%s", panel.filter_error.c_str());
    return;
  }
  char text[200];
  // Counts with the amount grouping ("1,000,000"): minor digits 0.
  std::snprintf(text, sizeof text, "%s invoices shown (%s dated after the as-of date hidden); "
                "filtered and sorted in %.1f ms",
                arlab::format_amount_grouped(static_cast<int64_t>(panel.rows.size()), 0).c_str(),
                arlab::format_amount_grouped(panel.hidden_later, 0).c_str(), panel.last_rebuild_ms);
  ui::text_fit_colored(ui::palette().text_muted, text);
}

void draw_row(State& state, arlab::Index i) {
  const arlab::Book& book = state.book;
  const arlab::Invoice& inv = book.invoices[i];
  const ui::Palette& p = ui::palette();
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  std::string id(book.str(inv.id));
  bool focused = false;
  if (ui::selectable_fit(
          id, state.invoices.selected == i,
          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick, &focused)) {
    state.invoices.selected = i;
    if (ImGui::IsMouseDoubleClicked(0)) {  // Open the customer with this invoice selected.
      select_customer(state, inv.customer);
      state.customer.invoice = i;
    }
  }
  if (focused) state.invoices.selected = i;  // Arrow keys move the selection.
  ImGui::TableNextColumn();
  customer_name_cell(state, inv.customer);
  ui::invoice_cells(book, inv, state.figures.position.invoices[i].open_minor);
  ImGui::TableNextColumn();
  InvoiceStatus status = status_of(state, i);
  int32_t days = state.as_of - inv.due;
  if (status == InvoiceStatus::Paid) {
    ui::text_right_colored(p.text_muted, "-");
  } else {
    ui::text_right_colored(days > 0 ? p.bad : p.text_muted, std::to_string(days));
  }
  ImGui::TableNextColumn();
  switch (status) {
    case InvoiceStatus::Paid: ImGui::TextColored(p.good, "paid"); break;
    case InvoiceStatus::Overdue: ImGui::TextColored(p.bad, "overdue"); break;
    default: ImGui::TextColored(p.accent, "open"); break;
  }
  if (inv.flags & arlab::kInvoiceDisputed) {
    ImGui::SameLine(0, 4);
    ImGui::TextColored(p.warn, "disputed");
  }
}

void setup_columns() {
  // Dates, amounts, days and status fit their content; the id and the name share the rest.
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Invoice", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_DefaultSort |
                                      ImGuiTableColumnFlags_PreferSortDescending |
                                      ui::kFitColumn);
  ImGui::TableSetupColumn("Due", ui::kFitColumn);
  ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_PreferSortDescending |
                                        ui::kFitColumn);
  ImGui::TableSetupColumn("Open", ImGuiTableColumnFlags_PreferSortDescending |
                                      ui::kFitColumn);
  ImGui::TableSetupColumn("Days past due", ImGuiTableColumnFlags_PreferSortDescending |
                                               ui::kFitColumn);
  ImGui::TableSetupColumn("Status", ui::kFitColumn);
  ui::headers_row();
}

}  // namespace

void draw_invoices(State& state) {
  InvoicePanel& panel = state.invoices;
  draw_filters(panel);
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                          ImGuiTableFlags_Hideable;
  float footer = ImGui::GetTextLineHeightWithSpacing() + 4;
  if (ImGui::BeginTable("##invoices", kColumnCount, flags, ImVec2(0, -footer))) {
    setup_columns();
    panel.sort_changed |= ui::sort_specs_changed(&panel.sort_column, &panel.sort_descending);
    rebuild_if_needed(panel, state);
    ui::clipped_rows(panel.rows.size(), [&](size_t r) { draw_row(state, panel.rows[r]); });
    panel.scroll_y = ImGui::GetScrollY();
    ImGui::EndTable();
  }
  draw_summary_line(panel, state);
}

}  // namespace app
