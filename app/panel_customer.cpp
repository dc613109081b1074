// panel_customer.cpp: drill-down to one customer as of the toolbar's date: terms, credit
// limit and its use, the payment score beside the grade (with how it was computed, on
// hover), where the account stands (credit / coordination / clearing period),
// its invoices with days past due, and the selected invoice's history (payments, credit
// notes, write-offs; applied explicitly or automatically oldest-due-first). "Statement..."
// opens the customer's statement of account (app/panel_statement.cpp).
//
// [SECTION] Rows (rebuilt when customer, filter or figures change)
// [SECTION] Header
// [SECTION] Invoices
// [SECTION] Invoice history
#include <algorithm>
#include <cstdio>

#include "app/app_state.h"
#include "app/widgets.h"
#include "core/date.h"
#include "imgui.h"
#include "io/credit_report.h"

namespace app {

namespace {

// ---- [SECTION] Rows --------------------------------------------------------------------

void rebuild_rows(CustomerPanel& panel, const State& state) {
  const arlab::Book& book = state.book;
  const Figures& f = state.figures;
  panel.rows.clear();
  if (panel.customer != arlab::kNone && book.index.built) {
    for (arlab::Index i : arlab::customer_invoices(book, panel.customer)) {
      if (book.invoices[i].date > state.as_of) continue;
      if (f.position.invoices[i].open_minor == 0 && !panel.show_settled) continue;
      panel.rows.push_back(i);
    }
  }
  // Oldest due first: the order the practice works them in, and the automatic rule applies.
  std::stable_sort(panel.rows.begin(), panel.rows.end(), [&](uint32_t a, uint32_t b) {
    return book.invoices[a].due < book.invoices[b].due;
  });
  if (std::find(panel.rows.begin(), panel.rows.end(), panel.invoice) == panel.rows.end()) {
    panel.invoice = panel.rows.empty() ? arlab::kNone : panel.rows.front();
  }
}

// ---- [SECTION] Header ------------------------------------------------------------------

void draw_stage_line(const State& state, arlab::Index c) {
  const CustomerFigures& cf = state.figures.customers[c];
  const ui::Palette& p = ui::palette();
  if (cf.open_invoice_count == 0) {
    ImGui::TextColored(p.good, "Nothing open as of %s.", state.as_of_text);
  } else if (cf.stage == Stage::Credit) {
    ImGui::TextColored(p.good, "Credit period: nothing overdue.");
  } else {
    ImVec4 color = cf.stage == Stage::Clearing ? p.bad : p.warn;
    // The limit is that of the invoice furthest past its own one-third limit (its own
    // credit period: due - date).
    ImGui::TextColored(color, "%s: oldest open invoice %d days overdue; hard limit %d days for "
                       "the invoice furthest along (%d-day period: act by day %d).",
                       stage_name(cf.stage), cf.days_overdue_max, cf.days_limit,
                       cf.act_by_day - cf.days_limit, cf.act_by_day);
  }
  if (cf.hold) {  // Core's hold (core/collection.h), always with why.
    std::string why;
    if (cf.hold & arlab::kHoldOverLimit) why = "it owes more than its credit limit";
    if (cf.hold & arlab::kHoldPastLimit) {
      why += std::string(why.empty() ? "" : "; ") + "an invoice is past its one-third limit";
    }
    if (cf.hold & arlab::kHoldManual) {  // The case file's reason, said in full.
      const arlab::CustomerPosition& cp = state.figures.position.customers[c];
      why += std::string(why.empty() ? "" : "; ") + "put on hold by hand: " +
             state.book.collection.records[cp.hold_record].text;
    }
    ui::text_fit_colored(p.bad, "On hold (stop supply until settled): " + why + ".");
  }
}

void draw_credit_use(const State& state, arlab::Index c) {
  const arlab::Customer& cu = state.book.customers[c];
  const CustomerFigures& cf = state.figures.customers[c];
  ImGui::AlignTextToFramePadding();
  if (cu.credit_limit_minor < 0) {
    ui::text_muted("No credit limit on file.");
    return;
  }
  ImGui::Text("Credit limit %s", ui::money(state.book, cu.credit_limit_minor).c_str());
  ImGui::SameLine();
  // The bar's fraction is for drawing only; the label is exact.
  float used = cu.credit_limit_minor == 0
                   ? 1.0f
                   : float(double(cf.open_minor) / double(cu.credit_limit_minor));
  const ui::Palette& p = ui::palette();
  ImVec4 color = used > 1.0f ? p.bad : used > 0.8f ? p.warn : p.good;
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, color);
  std::string label = ui::percent(cf.open_minor, cu.credit_limit_minor) + " used";
  ImGui::ProgressBar(std::min(used, 1.0f), ImVec2(ui::px(260), 0), label.c_str());
  ImGui::PopStyleColor();
}

// The payment score and its "how it was computed" text, cached on the figures' generation
// (it moves with the book and the as-of date) and the customer.
std::string score_how_text(const arlab::PaymentScore& s) {
  std::string how = "How it was computed, " + arlab::format_date(s.window_from) + " .. " +
                    arlab::format_date(s.as_of) + ": " + std::to_string(s.settled_count) +
                    " settled, " + std::to_string(s.open_overdue_count) + " open past due\n";
  for (int k = 0; k < arlab::kScorePartCount; ++k) {
    auto part = static_cast<arlab::ScorePart>(k);
    char points[32];
    std::snprintf(points, sizeof points, "%.1f of %.0f", s.points[k], arlab::kScorePartMax[k]);
    how += std::string("  ") + arlab::score_part_name(part) + ": " + points + "  (" +
           arlab::score_part_measure(s, part) + ")\n";
  }
  char total[48];
  std::snprintf(total, sizeof total, "  total: %.1f", s.total_points);
  how += total;
  how += s.enough_history ? " -> " + std::to_string(s.score) + "\n" : " (no score)\n";
  how += "  promises: not recorded yet\nAssumptions:\n";
  for (const std::string& a : arlab::score_assumptions()) how += "  - " + a + "\n";
  how.pop_back();
  return how;
}

const arlab::PaymentScore& customer_score(State& state, arlab::Index c) {
  const CustomerPanel::Score& made = state.customer.score.get({state.figures.generation, c}, [&] {
    CustomerPanel::Score s;
    s.score = arlab::payment_score(state.book, c, state.as_of);
    s.how = score_how_text(s.score);
    return s;
  });
  return made.score;
}

// "Payment score 65 / 100 (?)": the (?) shows each part with its points and the assumptions.
void draw_score_line(State& state, arlab::Index c) {
  const arlab::PaymentScore& s = customer_score(state, c);
  const ui::Palette& p = ui::palette();
  if (s.enough_history) {
    ImVec4 color = s.score >= 70 ? p.good : s.score >= 40 ? p.warn : p.bad;
    ImGui::TextColored(color, "Payment score %d / 100", s.score);
  } else {
    std::string text = "Payment score: not enough history (" + std::to_string(s.settled_count) +
                       " settled in 12 months, " + std::to_string(s.policy.min_settled) +
                       " needed)";
    ui::text_muted(text.c_str());
  }
  ui::help_marker(state.customer.score.value().how.c_str());
}

void draw_header(State& state, arlab::Index c) {
  const arlab::Book& book = state.book;
  const arlab::Customer& cu = book.customers[c];
  const CustomerFigures& cf = state.figures.customers[c];
  ui::big_text(cu.name.c_str());
  std::string who = cu.id + "   |   salesperson " +
                    (cu.salesperson == arlab::kNone ? std::string("none")
                                                    : book.salespeople[cu.salesperson].name) +
                    "   |   terms " + std::to_string(cu.terms_days) + " days" +
                    "   |   credit grade " + (cu.grade.empty() ? std::string("none") : cu.grade);
  ui::text_muted(who.c_str());
  draw_score_line(state, c);
  draw_credit_use(state, c);
  ImGui::Text("Open %s", ui::money(book, cf.open_minor).c_str());
  ImGui::SameLine(0, 24);
  ImGui::TextColored(cf.overdue_minor ? ui::palette().bad : ui::palette().text_muted, "Overdue %s",
                     ui::money(book, cf.overdue_minor).c_str());
  ImGui::SameLine(0, 24);
  ImGui::Text("Unapplied %s", ui::money(book, cf.unapplied_minor).c_str());
  draw_stage_line(state, c);
}

// ---- [SECTION] Invoices ----------------------------------------------------------------

void draw_invoice_row(State& state, arlab::Index i) {
  const arlab::Book& book = state.book;
  const arlab::Invoice& inv = book.invoices[i];
  int64_t open = state.figures.position.invoices[i].open_minor;
  int32_t days = state.as_of - inv.due;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  std::string id(book.str(inv.id));
  if (ImGui::Selectable(id.c_str(), state.customer.invoice == i,
                        ImGuiSelectableFlags_SpanAllColumns) ||
      ui::nav_focused()) {  // A click, Enter, or an arrow key onto the row.
    state.customer.invoice = i;
  }
  if (inv.flags & arlab::kInvoiceDisputed) {  // A case to solve before dunning it.
    ImGui::SameLine();
    ImGui::TextColored(ui::palette().warn, "disputed");
  }
  ui::invoice_cells(book, inv, open);
  ImGui::TableNextColumn();
  const ui::Palette& p = ui::palette();
  if (open == 0) {
    ui::text_right_colored(p.good, "paid");
  } else if (days > 0) {
    int32_t limit = state.figures.position.invoices[i].limit_days;  // Its own period.
    ui::text_right_colored(days > limit ? p.bad : p.warn, std::to_string(days) + " d overdue");
  } else {
    ui::text_right_colored(p.text_muted, "due in " + std::to_string(-days) + " d");
  }
}

void draw_invoices(State& state, float height) {
  CustomerPanel& panel = state.customer;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("##customer_invoices", 6, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Invoice");
  ImGui::TableSetupColumn("Date");
  ImGui::TableSetupColumn("Due");
  ImGui::TableSetupColumn("Amount");
  ImGui::TableSetupColumn("Open");
  ImGui::TableSetupColumn("Days past due");
  ImGui::TableHeadersRow();
  ui::clipped_rows(panel.rows.size(), [&](size_t r) { draw_invoice_row(state, panel.rows[r]); });
  ImGui::EndTable();
}

// ---- [SECTION] Invoice history ---------------------------------------------------------

const char* kind_name(arlab::ApplicationKind kind) {
  switch (kind) {
    case arlab::ApplicationKind::Payment: return "Payment";
    case arlab::ApplicationKind::CreditNote: return "Credit note";
    case arlab::ApplicationKind::WriteOff: return "Write-off";
  }
  return "";
}

std::string source_id(const arlab::Book& book, const arlab::Application& a) {
  switch (a.kind) {
    case arlab::ApplicationKind::Payment: return std::string(book.str(book.payments[a.source].id));
    case arlab::ApplicationKind::CreditNote:
      return std::string(book.str(book.credit_notes[a.source].id));
    case arlab::ApplicationKind::WriteOff:
      return std::string(book.str(book.write_offs[a.source].id));
  }
  return "";
}

void draw_history(const State& state, arlab::Index i) {
  const arlab::Book& book = state.book;
  const arlab::Invoice& inv = book.invoices[i];
  ui::heading(("History of " + std::string(book.str(inv.id))).c_str());
  ImGui::SameLine();
  ui::text_muted(("issued " + arlab::format_date(inv.date) + " for " +
                  ui::money(book, inv.amount_minor) + ", due " + arlab::format_date(inv.due))
                     .c_str());
  arlab::ApplicationRange range = arlab::invoice_applications(book, i);
  if (range.first == range.last) {
    ui::text_muted("Nothing applied to this invoice yet.");
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchSame;
  if (!ImGui::BeginTable("##history", 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* name : {"Date", "Kind", "Document", "Amount", "How"}) {
    ImGui::TableSetupColumn(name);
  }
  ImGui::TableHeadersRow();
  for (const arlab::Application* a = range.first; a != range.last; ++a) {
    bool later = a->date > state.as_of;  // Does not exist yet as of: shown muted.
    if (later) ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().text_muted);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(arlab::format_date(a->date).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(kind_name(a->kind));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(source_id(book, *a).c_str());
    ImGui::TableNextColumn();
    ui::text_right(ui::money(book, a->amount_minor));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(a->automatic ? "automatic (oldest due first)" : "explicit");
    if (later) {
      ImGui::SameLine();
      ImGui::TextUnformatted("- after the as-of date");
      ImGui::PopStyleColor();
    }
  }
  ImGui::EndTable();
}

}  // namespace

void draw_customer(State& state) {
  CustomerPanel& panel = state.customer;
  int customer = panel.customer == arlab::kNone ? -1 : static_cast<int>(panel.customer);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Customer");
  ImGui::SameLine();
  if (ui::customer_combo("##pick", state.book, &customer, panel.customer_filter,
                         sizeof panel.customer_filter, 420)) {
    panel.customer = static_cast<arlab::Index>(customer);
  }
  ImGui::SameLine(0, 24);
  ImGui::Checkbox("Show paid invoices too", &panel.show_settled);
  bool valid = panel.customer != arlab::kNone && panel.customer < state.book.customers.size();
  ImGui::SameLine(0, 24);
  ImGui::BeginDisabled(!valid);
  if (ImGui::Button("Statement...")) show_statement(state, panel.customer);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("This customer's statement of account (print)");
  if (!valid) {
    ui::text_muted("Choose a customer, or click one in the aging table or on the dashboard.");
    return;
  }
  CustomerPanel::RowsKey rows_key{state.figures.generation, panel.customer, panel.show_settled};
  if (!panel.built.current(rows_key)) {
    rebuild_rows(panel, state);
    panel.built.set(rows_key);
  }
  ImGui::Separator();
  draw_header(state, panel.customer);
  ImGui::Spacing();
  // As tall as its rows (at least a few), at most about half of what is left.
  float avail = ImGui::GetContentRegionAvail().y;
  float row_height = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  float rows_height = row_height * (float(std::max<size_t>(panel.rows.size(), 4)) + 1.5f);
  draw_invoices(state, std::min(rows_height, std::max(120.0f, avail * 0.55f)));
  ImGui::Spacing();
  if (panel.invoice != arlab::kNone) draw_history(state, panel.invoice);
}

// Used by every table that names customers (Aging, Invoices, the Worklist).
void customer_name_cell(const State& state, arlab::Index customer) {
  const std::string& name = state.book.customers[customer].name;
  const arlab::CollectionPosition& p = state.figures.position;
  if (customer >= p.customers.size() || !p.customers[customer].hold) return ui::text_fit(name);
  ui::text_fit_colored(ui::palette().bad, "[hold] " + name);
  if (ImGui::IsItemHovered()) {
    ImGui::SetNextWindowSize(ImVec2(ui::px(420), 0));
    ImGui::BeginTooltip();
    ImGui::TextWrapped("%s is on hold (stop supply): %s", name.c_str(),
                       arlab::hold_reasons_line(state.book, p, customer).c_str());
    ImGui::EndTooltip();
  }
}

}  // namespace app
