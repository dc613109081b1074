// panel_statement.cpp: the Statement tab (issue 4, "Customer statements ... and the same in the
// app"): one customer's statement of account over a period (core/statement.h): the opening
// balance, every document of the period with the running balance, the closing balance, the
// aging of what is open at the end and the unapplied credit. Exported as printable HTML, text
// or CSV (io/statement_report.h); in the browser the HTML download is the page the user prints
// (A4, ending with the confirmation block the customer signs and stamps).
//
// The period is "this month" (the 1st of the as-of date's month to the as-of date) until the
// user picks another (app/period_picker.h); the quick periods follow the toolbar's as-of date,
// typed dates do not.
// The statement is computed once per change of book, customer, period or aging edges, and the
// texts of its lines with it, never per frame. Line kinds are drawn through the io helpers
// (statement_kind_name, statement_document_id, statement_applied_to), so a new kind of line
// needs no change here.
//
// [SECTION] Customer
// [SECTION] Compute (cached)
// [SECTION] Exports
// [SECTION] Header and figures
// [SECTION] Lines
// [SECTION] Aging
// [SECTION] Panel
#include <algorithm>

#include "app/app_state.h"
#include "app/period_picker.h"
#include "app/platform.h"
#include "app/widgets.h"
#include "core/date.h"
#include "core/money.h"
#include "imgui.h"
#include "io/statement_report.h"

namespace app {

namespace {

// ---- [SECTION] Customer ----------------------------------------------------------------

// The customer shown: the one picked here, else the Customer tab's, else the first.
void default_customer(State& state) {
  StatementPanel& p = state.statement;
  size_t count = state.book.customers.size();
  if (p.customer != arlab::kNone && p.customer < count) return;
  arlab::Index other = state.customer.customer;
  p.customer = other != arlab::kNone && other < count ? other
               : count > 0                             ? 0
                                                       : arlab::kNone;
}

// ---- [SECTION] Compute (cached) --------------------------------------------------------

void build_rows(const arlab::Book& book, StatementPanel& p) {
  p.rows.clear();
  p.rows.reserve(p.statement.lines.size());
  for (const arlab::StatementLine& line : p.statement.lines) {
    StatementRow row;
    row.date = arlab::format_date(line.date);
    row.type = arlab::statement_kind_name(line.kind);
    row.document = arlab::statement_document_id(book, line);
    if (line.kind == arlab::StatementLineKind::Invoice) row.due = arlab::format_date(line.due);
    row.applied_to = arlab::statement_applied_to(book, line);
    row.amount = ui::money(book, line.amount_minor);
    row.balance = ui::money(book, line.balance_minor);
    p.rows.push_back(std::move(row));
  }
}

StatementPanel::Key inputs(const State& state) {
  const StatementPanel& p = state.statement;
  return {state.book_generation, p.customer, p.period.from, p.period.to, state.edges};
}

void compute(State& state) {
  StatementPanel& p = state.statement;
  p.statement =
      arlab::compute_statement(state.book, p.customer, p.period.from, p.period.to, state.edges);
  build_rows(state.book, p);
  p.built.set(inputs(state));
  p.computed = true;
  ++p.compute_count;
}

bool inputs_changed(const State& state) {
  const StatementPanel& p = state.statement;
  return !p.computed || !p.built.current(inputs(state));
}

// ---- [SECTION] Exports -----------------------------------------------------------------

// "statement-C1-2025-06.html" for a period inside one month that starts on its 1st, else
// "statement-C1-2025-06-01-to-2025-08-15.html". Characters a file name should not hold
// become '_'.
std::string file_name(const arlab::Book& book, const arlab::Statement& s, const char* ext) {
  std::string id = book.customers[s.customer].id;
  for (char& c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) c = '_';
  }
  arlab::YearMonthDay f = arlab::ymd_from_date(s.from), t = arlab::ymd_from_date(s.to);
  std::string period = f.day == 1 && f.year == t.year && f.month == t.month
                           ? arlab::format_date(s.from).substr(0, 7)
                           : arlab::format_date(s.from) + "-to-" + arlab::format_date(s.to);
  return "statement-" + id + "-" + period + "." + ext;
}

}  // namespace

bool export_statement(State& state, const char* format) {
  update_statement(state);
  const StatementPanel& p = state.statement;
  if (!p.computed || !p.period.error.empty()) {
    state.status = p.computed ? "Not exported: " + p.period.error
                              : std::string("Not exported: choose a customer first");
    return false;
  }
  const arlab::Book& book = state.book;
  const std::string kind = format;
  std::string name, data;
  if (kind == "html") {
    name = file_name(book, p.statement, "html");
    data = arlab::statement_html(book, p.statement);
  } else if (kind == "txt") {
    name = file_name(book, p.statement, "txt");
    data = arlab::statement_text(book, p.statement);
  } else {
    name = file_name(book, p.statement, "csv");
    data = arlab::statement_csv(book, p.statement);
  }
  std::string where, error;
  if (!platform::export_file(name, data, &where, &error)) {
    show_problems(state, "Could not export " + name, {arlab::Problem{"", error}});
    return false;
  }
  state.status = "Exported " + name + (where.empty() ? "" : " to " + where);
  if (kind == "html") state.status += ": open it in a browser and print it";
  return true;
}

namespace {

// ---- [SECTION] Header and figures ------------------------------------------------------

void draw_inputs(State& state) {
  StatementPanel& p = state.statement;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Customer");
  ImGui::SameLine();
  int customer = p.customer == arlab::kNone ? -1 : static_cast<int>(p.customer);
  if (ui::customer_combo("##statement_customer", state.book, &customer, p.customer_filter,
                         sizeof p.customer_filter, ui::px(340))) {
    p.customer = static_cast<arlab::Index>(customer);
  }
  constexpr PeriodPreset kOffered[] = {PeriodPreset::ThisMonth, PeriodPreset::LastMonth,
                                       PeriodPreset::LastQuarter};
  ImGui::SameLine(0, ui::px(24));
  draw_period_row(state, p.period, kOffered, "statement");
}

// Stacked, beside the cards: one width for the three.
void draw_export_buttons(State& state) {
  ImGui::BeginDisabled(!state.statement.computed || !state.statement.period.error.empty());
  ImVec2 size(ImGui::CalcTextSize("Export HTML (print)").x + ImGui::GetStyle().FramePadding.x * 2,
              0);
  if (ImGui::Button("Export HTML (print)", size)) export_statement(state, "html");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("A page to print on A4 (or save as PDF), with the confirmation block the\n"
                      "customer signs and stamps. In the browser it downloads; open and print it.");
  }
  if (ImGui::Button("Export text", size)) export_statement(state, "txt");
  if (ImGui::Button("Export CSV", size)) export_statement(state, "csv");
  ImGui::EndDisabled();
}

void draw_header(const State& state) {
  const arlab::Book& book = state.book;
  const arlab::Statement& s = state.statement.statement;
  const arlab::Customer& cu = book.customers[s.customer];
  ui::big_text(cu.name.c_str());
  std::string who = cu.id + "   |   terms " + std::to_string(cu.terms_days) + " days";
  if (!cu.grade.empty()) who += "   |   grade " + cu.grade;
  if (cu.credit_limit_minor >= 0) {
    who += "   |   credit limit " + ui::money(book, cu.credit_limit_minor);
  }
  who += "   |   statement of " + arlab::format_date(s.from) + " to " + arlab::format_date(s.to) +
         ", " + std::to_string(s.lines.size()) + " line" + (s.lines.size() == 1 ? "" : "s");
  ui::text_fit_colored(ui::palette().text_muted, who);
}

void draw_cards(const State& state) {
  const arlab::Book& book = state.book;
  const arlab::Statement& s = state.statement.statement;
  const ui::Palette& pal = ui::palette();
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  // Room kept on the right for the export buttons beside the cards.
  float buttons = ImGui::CalcTextSize("Export HTML (print)").x +
                  ImGui::GetStyle().FramePadding.x * 2 + ui::px(24);
  float width = std::min(ui::px(260),
                         (ImGui::GetContentRegionAvail().x - buttons - 3 * spacing) / 4);
  float height = ImGui::GetTextLineHeightWithSpacing() * 3.2f + ui::px(14);
  ui::card("##opening", "Opening balance", ui::money(book, s.opening_minor),
           "at the end of " + arlab::format_date(s.from - 1), pal.text_muted, width, height,
           "What the customer owed the day before the period: open invoices minus unapplied "
           "credit.");
  ImGui::SameLine();
  ui::card("##closing", "Closing balance", ui::money(book, s.closing_minor),
           "at the end of " + arlab::format_date(s.to), pal.accent, width, height,
           "Opening balance plus the lines of the period: the balance the customer is asked "
           "to confirm.");
  ImGui::SameLine();
  ui::card("##open", "Open invoices", ui::money(book, s.open_minor),
           std::to_string(s.open_items.size()) + " open at " + arlab::format_date(s.to),
           s.open_items.empty() ? pal.good : pal.warn, width, height);
  ImGui::SameLine();
  ui::card("##unapplied", "Unapplied credit", ui::money(book, s.unapplied_minor),
           "paid, not yet applied", pal.good, width, height,
           "Payments and credit notes not applied to any invoice (zero or negative): the "
           "closing balance is the open invoices plus this.");
}

// ---- [SECTION] Lines -------------------------------------------------------------------

void balance_row(const State& state, const char* label, arlab::Date date, int64_t minor) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(arlab::format_date(date).c_str());
  ImGui::TableNextColumn();
  ui::heading(label);
  for (int k = 0; k < 4; ++k) ImGui::TableNextColumn();
  ImGui::TableNextColumn();
  ui::text_right(ui::money(state.book, minor));
}

void line_row(const StatementRow& row, int64_t amount_minor) {
  ImGui::TableNextRow();
  for (const std::string* text : {&row.date, &row.type, &row.document, &row.due}) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(text->c_str());
  }
  ImGui::TableNextColumn();
  ui::text_fit(row.applied_to);
  ImGui::TableNextColumn();
  // Lines that lower the balance (payments, credit notes, write-offs) in green.
  if (amount_minor < 0) ui::text_right_colored(ui::palette().good, row.amount);
  else ui::text_right(row.amount);
  ImGui::TableNextColumn();
  ui::text_right(row.balance);
}

void draw_lines(const State& state) {
  const StatementPanel& p = state.statement;
  const arlab::Statement& s = p.statement;
  ui::heading("Lines");
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_Resizable;
  // Narrow (1024 px): "Applied to" keeps a readable width and the table scrolls sideways.
  bool narrow = ImGui::GetContentRegionAvail().x < ui::px(720);
  if (narrow) flags |= ImGuiTableFlags_ScrollX;
  if (!ImGui::BeginTable("##statement_lines", 7, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // Every column but "Applied to" fits its content, every frame (another customer's lines
  // are wider: a column that kept its first width would cut them).
  for (const char* name : {"Date", "Type", "Document", "Due"}) {
    ImGui::TableSetupColumn(name, ui::kFitColumn);
  }
  if (narrow) {
    ImGui::TableSetupColumn("Applied to", ImGuiTableColumnFlags_WidthFixed, ui::px(140));
  } else {
    ImGui::TableSetupColumn("Applied to", ImGuiTableColumnFlags_WidthStretch);
  }
  ImGui::TableSetupColumn("Amount", ui::kFitColumn);
  ImGui::TableSetupColumn("Balance", ui::kFitColumn);
  ui::headers_row();
  // Row 0 is the opening balance, the last row the closing one; the lines between.
  ui::clipped_rows(p.rows.size() + 2, [&](size_t r) {
    if (r == 0) {
      balance_row(state, "Opening", s.from - 1, s.opening_minor);
    } else if (r == p.rows.size() + 1) {
      balance_row(state, "Closing", s.to, s.closing_minor);
    } else {
      line_row(p.rows[r - 1], s.lines[r - 1].amount_minor);
    }
  });
  ImGui::EndTable();
}

// ---- [SECTION] Aging -------------------------------------------------------------------

void draw_open_aging(const State& state) {
  const arlab::Book& book = state.book;
  const arlab::Statement& s = state.statement.statement;
  ui::heading(("Open at " + arlab::format_date(s.to) + ", by days past due").c_str());
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_SizingStretchSame;
  if (ImGui::BeginTable("##statement_aging", 2, flags)) {
    for (size_t k = 0; k < s.bucket_names.size(); ++k) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ui::bucket_color(k, s.bucket_names.size()), "%s",
                         s.bucket_names[k].c_str());
      ImGui::TableNextColumn();
      ui::money_cell(book, s.aging_amounts_minor[k]);
    }
    const std::pair<const char*, int64_t> totals[] = {{"Open invoices", s.open_minor},
                                                      {"Unapplied credit", s.unapplied_minor},
                                                      {"Balance", s.closing_minor}};
    for (const auto& [label, minor] : totals) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::heading(label);
      ImGui::TableNextColumn();
      ui::text_right(ui::money(book, minor));
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ui::heading("Open items");
  if (s.open_items.empty()) {
    ui::text_muted("Nothing open at the end of the period.");
    return;
  }
  // The invoice id is what the user looks for: it gets the room (the bucket shows in the
  // colour of the days past due, as in the table above).
  ImGuiTableFlags item_flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                               ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##statement_open", 4, item_flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Invoice", ImGuiTableColumnFlags_WidthStretch);
  for (const char* name : {"Due", "Days", "Open"}) ImGui::TableSetupColumn(name);
  ui::headers_row();
  ui::clipped_rows(s.open_items.size(), [&](size_t r) {
    const arlab::StatementOpenItem& item = s.open_items[r];
    const arlab::Invoice& inv = book.invoices[item.invoice];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::text_fit(std::string(book.str(inv.id)));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(arlab::format_date(inv.due).c_str());
    ImGui::TableNextColumn();
    ui::text_right_colored(item.days_past_due > 0
                               ? ui::bucket_color(item.bucket, s.bucket_names.size())
                               : ui::palette().text_muted,
                           std::to_string(item.days_past_due));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.bucket_names[item.bucket].c_str());
    ImGui::TableNextColumn();
    ui::money_cell(book, item.open_minor);
  });
  ImGui::EndTable();
}

}  // namespace

// ---- [SECTION] Panel -------------------------------------------------------------------

void update_statement(State& state) {
  StatementPanel& p = state.statement;
  default_customer(state);
  follow_period(state, p.period);
  validate_period(p.period);
  if (p.customer == arlab::kNone || !state.book.index.built) {
    p.computed = false;  // An empty book: nothing to state.
    return;
  }
  if (p.period.error.empty() && inputs_changed(state)) compute(state);
}

void show_statement(State& state, arlab::Index customer) {
  state.statement.customer = customer;
  select_panel(state, Tab::Statement);
}

void draw_statement(State& state) {
  StatementPanel& p = state.statement;
  draw_inputs(state);
  update_statement(state);
  if (!p.period.error.empty()) {
    ImGui::TextColored(ui::palette().bad, "%s%s", p.period.error.c_str(),
                       p.computed ? " (showing the last valid period)" : "");
  }
  if (!p.computed) {
    ui::text_muted("Choose a customer: the book has none yet.");
    return;
  }
  ImGui::Separator();
  draw_header(state);
  draw_cards(state);
  ImGui::SameLine(0, ui::px(24));
  ImGui::BeginGroup();
  draw_export_buttons(state);
  ImGui::EndGroup();
  ImGui::Spacing();
  // The open items need room for an id, a date, days and an amount side by side.
  float right = std::clamp(ImGui::GetContentRegionAvail().x * 0.36f, ui::px(360), ui::px(460));
  float height = std::max(ui::px(240), ImGui::GetContentRegionAvail().y);
  ImGui::BeginChild("##st_lines", ImVec2(ImGui::GetContentRegionAvail().x - right -
                    ImGui::GetStyle().ItemSpacing.x, height), true);
  draw_lines(state);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##st_aging", ImVec2(0, height), true);
  draw_open_aging(state);
  ImGui::EndChild();
}

}  // namespace app
