// panel_metrics.cpp: the Metrics tab (issue 4, "Reports in the app"): receivables metrics over
// a period (core/metrics.h, formulas in docs/METRICS.md) as cards, trends by month, tables by
// customer and by salesperson, the budget against each month (core/budget.h: targets edited
// here as undoable changes of the book, drawn on the DSO and overdue-ratio trends), and the
// concentration of open AR at the as-of date.
//
// The period is "the last 12 months" (the 1st of the month 11 months before the as-of date's
// month through the as-of date) until the user picks another (app/period_picker.h); the quick
// periods follow the toolbar's as-of date, typed dates do not. Everything is recomputed only
// when the book, the figures (as-of date, aging edges), the period or the rate change, never
// per frame; on a big book, a frame that says "Computing..." first (app/busy.cpp).
//
// [SECTION] Period and rate
// [SECTION] Compute (cached)
// [SECTION] Cards
// [SECTION] Trends
// [SECTION] Concentration
// [SECTION] Tables
// [SECTION] Budget
// [SECTION] Panel
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/app_state.h"
#include "app/charts.h"
#include "app/period_picker.h"
#include "app/platform.h"
#include "app/widgets.h"
#include "core/aging.h"
#include "core/date.h"
#include "core/money.h"
#include "imgui.h"
#include "io/metrics_report.h"

namespace app {

namespace {

// ---- [SECTION] Period and rate ---------------------------------------------------------

void draw_inputs(State& state) {
  MetricsPanel& m = state.metrics;
  constexpr PeriodPreset kOffered[] = {PeriodPreset::ThisMonth, PeriodPreset::LastQuarter,
                                       PeriodPreset::Last12Months, PeriodPreset::WholeBook};
  draw_period_fields(m.period, "metrics");
  ImGui::SameLine();
  draw_period_buttons(state, m.period, kOffered);
  // The buttons end with SameLine: the rate stays on their line if it fits, else goes below.
  float need = ImGui::CalcTextSize("Interest rate % a year (?)").x + ui::px(60 + 24) +
               ImGui::GetStyle().ItemSpacing.x * 3;
  if (ImGui::GetContentRegionAvail().x < need) {
    ImGui::NewLine();
  } else {
    ImGui::SameLine(0, ui::px(24));
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Interest rate");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(60));
  ImGui::InputText("##rate", m.rate_text, sizeof m.rate_text, ImGuiInputTextFlags_CharsDecimal);
  ImGui::SameLine(0, 2);
  ImGui::TextUnformatted("% a year");
  ui::help_marker("Used for the interest cost of late payment: amount x days late x rate / 365.");
}

// Reads the rate field (percent, up to 2 decimals = basis points) and checks the period
// (whose error, if any, is the one shown).
void validate_inputs(MetricsPanel& m) {
  m.input_error.clear();
  int64_t bp = 0;
  std::string why;
  if (!arlab::parse_amount(m.rate_text, 2, &bp, &why) || bp < 0 || bp > arlab::kRateBpMax) {
    m.input_error = "Interest rate: a percentage from 0 to 1000 with at most 2 decimals";
  } else {
    m.rate_bp = static_cast<int32_t>(bp);
  }
  if (!validate_period(m.period)) m.input_error = m.period.error;
}

// ---- [SECTION] Compute (cached) --------------------------------------------------------

void rebuild_concentration(State& state) {
  Concentration& c = state.metrics.concentration;
  const std::vector<CustomerFigures>& cf = state.figures.customers;
  c = Concentration{};
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < cf.size(); ++i) {
    c.open_minor += cf[i].open_minor;
    if (cf[i].open_minor > 0) order.push_back(i);
  }
  size_t top = std::min<size_t>(10, order.size());
  std::partial_sort(order.begin(), order.begin() + top, order.end(), [&](uint32_t a, uint32_t b) {
    return cf[a].open_minor != cf[b].open_minor ? cf[a].open_minor > cf[b].open_minor : a < b;
  });
  for (size_t k = 0; k < top; ++k) {
    if (k < 1) c.top1_minor += cf[order[k]].open_minor;
    if (k < 5) c.top5_minor += cf[order[k]].open_minor;
    c.top10_minor += cf[order[k]].open_minor;
  }
  if (top > 0) c.top_customer = order[0];
  // More than 20%, in integers: top1 / open > 1/5.
  c.too_concentrated = c.open_minor > 0 && c.top1_minor * 5 > c.open_minor;
}

void compute(State& state) {
  MetricsPanel& m = state.metrics;
  auto start = std::chrono::steady_clock::now();
  const arlab::Book& book = state.book;
  arlab::Date from = m.period.from, to = m.period.to;
  m.total = arlab::compute_metrics(book, from, to, m.rate_bp);
  m.months = arlab::compute_metrics_by(book, from, to, m.rate_bp, arlab::MetricsBy::Month);
  m.bucket_names = arlab::aging_bucket_names(state.edges);
  m.month_buckets_minor.clear();
  for (const arlab::MetricsRow& row : m.months) {
    m.month_buckets_minor.push_back(
        arlab::compute_aging(book, row.metrics.to, state.edges).total_amounts_minor);
  }
  m.by_customer.rows =
      arlab::compute_metrics_by(book, from, to, m.rate_bp, arlab::MetricsBy::Customer);
  m.by_salesperson.rows =
      arlab::compute_metrics_by(book, from, to, m.rate_bp, arlab::MetricsBy::Salesperson);
  m.by_customer.sort_changed = m.by_salesperson.sort_changed = true;
  m.budget = arlab::compare_to_budget(book.budget, m.months);
  rebuild_concentration(state);
  m.built.set({state.book_generation, state.figures.generation, from, to, m.rate_bp});
  m.built_from = from;
  m.built_to = to;
  ++m.compute_count;
  m.compute_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                           start).count();
}

bool inputs_changed(const State& state) {
  const MetricsPanel& m = state.metrics;
  return !m.built.current(
      {state.book_generation, state.figures.generation, m.period.from, m.period.to, m.rate_bp});
}

// ---- [SECTION] Cards -------------------------------------------------------------------

std::string days_text(const std::optional<double>& v) {
  return v ? arlab::format_fixed(*v, 1) + " d" : "n/a";
}
std::string pct_text(const std::optional<double>& ratio) {
  return ratio ? arlab::format_fixed(*ratio * 100, 1) + "%" : "n/a";
}

struct CardSpec {
  const char* title;
  std::string value, sub;
  ImVec4 color;
  const char* help;
};

std::vector<CardSpec> card_specs(const State& state) {
  const arlab::Metrics& t = state.metrics.total;
  const arlab::Book& b = state.book;
  const ui::Palette& p = ui::palette();
  auto money = [&](int64_t minor) { return ui::money(b, minor); };
  bool cei_ok = t.cei && *t.cei >= 80;
  return {
      {"DSO", days_text(t.dso), "standard method", p.accent,
       "Days sales outstanding (standard): ar_end / credit_sales x days, days = to - from + 1."},
      {"Countback DSO", days_text(t.countback_dso),
       t.countback_exhausted ? "sales ran out (exhausted)" : "walked back by month",
       p.accent,
       "Walk back from `to` by calendar month, subtracting each month's credit sales from "
       "ar_end and adding its days; the last month adds remainder / sales x days."},
      {"Best possible DSO", days_text(t.best_possible_dso), "current AR only", p.good,
       "current_end / credit_sales x days: the DSO if nothing were overdue."},
      {"ADD", days_text(t.add), "avg days delinquent", p.warn,
       "ADD = dso - best_possible_dso = overdue_end / credit_sales x days."},
      {"CEI", t.cei ? arlab::format_fixed(*t.cei, 1) + "%" : "n/a", "100% = all collected",
       cei_ok ? p.good : p.warn,
       "Collection effectiveness index: (ar_begin + credit_sales - ar_end) / (ar_begin + "
       "credit_sales - current_end) x 100."},
      {"Collection rate", pct_text(t.collection_rate), "cash / credit sales", p.accent,
       "cash_collected / credit_sales (payments dated in the period)."},
      {"Credit sales", money(t.credit_sales_minor), "cash " + money(t.cash_collected_minor),
       p.text_muted, "Invoices dated in the period; cash = payments dated in it (credit notes "
       "are not cash)."},
      {"Overdue ratio", pct_text(t.overdue_ratio), "overdue " + money(t.overdue_end_minor),
       p.warn, "overdue_end / ar_end: open amounts 1 or more days past due at `to`."},
      {"At-risk ratio", pct_text(t.at_risk_ratio), "91+ days " + money(t.at_risk_end_minor),
       p.bad, "(open more than 90 days past due at `to`) / ar_end."},
      {"Days to pay", days_text(t.avg_days_to_pay),
       "weighted " + days_text(t.weighted_days_to_pay),
       p.accent,
       "Over invoices settled in the period: mean of (settle date - invoice date); weighted: "
       "sum(amount x days) / sum(amount)."},
      {"Days late", days_text(t.avg_days_late), "weighted " + days_text(t.weighted_days_late),
       p.warn, "Over the settled: mean of max(0, settle date - due date); weighted by amount."},
      {"Late share", pct_text(t.late_share), std::to_string(t.settled_count) + " settled",
       p.warn,
       "Settled after their due date / settled in the period."},
  };
}

// Interest lost to late payment beside the bad debts written off (the practice: typically
// ten times as much); the two last cards.
void draw_interest_cards(const State& state, float width, float height) {
  const arlab::Metrics& t = state.metrics.total;
  const ui::Palette& p = ui::palette();
  std::string ratio = t.interest_to_bad_debt
                          ? "= " + arlab::format_fixed(*t.interest_to_bad_debt, 1) + "x bad debts"
                          : "no write-offs";
  ui::card("##interest", "Interest cost", ui::money(state.book, t.interest_cost_minor), ratio,
           p.bad, width, height,
           "sum(amount x days late) x rate / 365, over invoices settled in the period (days "
           "late from the due date) and invoices open past due at `to` (open amount x days). "
           "Practice: interest lost on late payment is typically ten times the bad-debt loss; "
           "the ratio shown is this book's.");
  ImGui::SameLine();
  ui::card("##baddebt", "Written off",
           ui::money(state.book, t.bad_debt_written_off_minor), "practice: 10x interest",
           p.text_muted, width, height,
           "Write-offs dated in the period. The practice material: the interest lost on late "
           "payment is typically about ten times the loss from bad debts.");
}

void draw_cards(const State& state) {
  // Seven a row on a wide screen; fewer, each wide enough for its title, on a narrow one.
  std::vector<CardSpec> specs = card_specs(state);
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  float avail = ImGui::GetContentRegionAvail().x;
  int fit = static_cast<int>((avail + spacing) / (ui::px(170) + spacing));
  const int kPerRow = std::clamp(fit, 4, 7);
  float width = (avail - (kPerRow - 1) * spacing) / kPerRow;
  float height = ImGui::GetTextLineHeightWithSpacing() * 3.2f + ui::px(14);
  for (size_t i = 0; i < specs.size(); ++i) {
    if (i % static_cast<size_t>(kPerRow)) ImGui::SameLine();
    const CardSpec& c = specs[i];
    std::string id = "##card" + std::to_string(i);
    ui::card(id.c_str(), c.title, c.value, c.sub, c.color, width, height, c.help);
  }
  if (specs.size() % static_cast<size_t>(kPerRow)) ImGui::SameLine();
  draw_interest_cards(state, width, height);
}

// ---- [SECTION] Trends ------------------------------------------------------------------

std::vector<std::string> month_labels(const MetricsPanel& m) {
  std::vector<std::string> labels;
  for (const arlab::MetricsRow& row : m.months) labels.push_back(ui::short_month(row.key));
  return labels;
}

std::vector<std::optional<double>> series(const MetricsPanel& m,
                                          std::optional<double> arlab::Metrics::*field,
                                          double scale = 1) {
  std::vector<std::optional<double>> values;
  for (const arlab::MetricsRow& row : m.months) {
    const std::optional<double>& v = row.metrics.*field;
    values.push_back(v ? std::optional<double>(*v * scale) : std::nullopt);
  }
  return values;
}

// A month's headline figures, for every trend's tooltip.
std::string month_tooltip(const State& state, size_t i) {
  const arlab::MetricsRow& row = state.metrics.months[i];
  const arlab::Metrics& t = row.metrics;
  return row.key + " (" + arlab::format_date(t.from) + " to " + arlab::format_date(t.to) +
         ")\nDSO " + days_text(t.dso) + ", countback " + days_text(t.countback_dso) +
         "\nCEI " + (t.cei ? arlab::format_fixed(*t.cei, 1) + "%" : "n/a") + "\nOverdue ratio " +
         pct_text(t.overdue_ratio) + "\nCredit sales " + ui::money(state.book,
         t.credit_sales_minor) + "\nOpen at month end " + ui::money(state.book, t.ar_end_minor);
}

std::string buckets_tooltip(const State& state, size_t i) {
  const MetricsPanel& m = state.metrics;
  std::string text = m.months[i].key + ": open at " + arlab::format_date(m.months[i].metrics.to);
  int64_t total = 0;
  for (size_t k = 0; k < m.bucket_names.size(); ++k) {
    total += m.month_buckets_minor[i][k];
    text += "\n  " + m.bucket_names[k] + ": " + ui::money(state.book, m.month_buckets_minor[i][k]);
  }
  return text + "\n  total: " + ui::money(state.book, total);
}

void trend_box(const char* id, const char* title, const char* help, float width, float height) {
  ImGui::BeginChild(id, ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
  ui::heading(title);
  ui::help_marker(help);
}

void draw_trends(const State& state, float height) {
  const MetricsPanel& m = state.metrics;
  const ui::Palette& p = ui::palette();
  std::vector<std::string> labels = month_labels(m);
  auto tip = [&](size_t i) { return month_tooltip(state, i); };
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  // The aging chart gets a little more room: its legend has a name a bucket.
  float w = (ImGui::GetContentRegionAvail().x - 3 * spacing) * 0.23f;
  auto chart_size = [&] { return ImVec2(ImGui::GetContentRegionAvail().x,
                                        ImGui::GetContentRegionAvail().y); };
  const arlab::Budget& budget = m.budget.budget;
  std::vector<ui::TargetLine> dso_target, ratio_target;  // Dashed, from the book's budget.
  if (budget.dso_target_centidays >= 0) {
    dso_target.push_back({"Target", p.text_muted, budget.dso_target_centidays / 100.0});
  }
  if (budget.overdue_ratio_target_bp >= 0) {
    ratio_target.push_back({"Target", p.text_muted, budget.overdue_ratio_target_bp / 100.0});
  }
  trend_box("##t_dso", "DSO by month", "Each month on its own: ar_end at the month's end / "
            "its credit sales x its days; countback walks back through earlier months. "
            "Dashed: the budget's target.", w, height);
  ui::line_chart("##dso", labels, {{"DSO", p.accent, series(m, &arlab::Metrics::dso)},
                 {"Countback", p.warn, series(m, &arlab::Metrics::countback_dso)}}, " d", 10,
                 chart_size(), tip, dso_target);
  ImGui::EndChild();
  ImGui::SameLine();
  trend_box("##t_cei", "CEI by month", "(ar_begin + sales - ar_end) / (ar_begin + sales - "
            "current_end) x 100, each month.", w, height);
  ui::line_chart("##cei", labels, {{"CEI", p.good, series(m, &arlab::Metrics::cei)}}, "%", 100,
                 chart_size(), tip);
  ImGui::EndChild();
  ImGui::SameLine();
  trend_box("##t_over", "Overdue ratio", "overdue_end / ar_end at each month's end. Dashed: "
            "the budget's target.", w, height);
  ui::line_chart("##over", labels, {{"Overdue", p.bad, series(m, &arlab::Metrics::overdue_ratio,
                 100)}}, "%", 10, chart_size(), tip, ratio_target);
  ImGui::EndChild();
  ImGui::SameLine();
  trend_box("##t_aging", "Open AR by age", "Open invoice amounts at each month's end, by days "
            "past due (the toolbar's aging edges).", 0, height);
  std::vector<ImVec4> colors;
  for (size_t k = 0; k < m.bucket_names.size(); ++k) {
    colors.push_back(ui::bucket_color(k, m.bucket_names.size()));
  }
  ui::stacked_bar_chart("##aging", labels, m.month_buckets_minor, m.bucket_names, colors,
                        state.book.minor_digits, chart_size(),
                        [&](size_t i) { return buckets_tooltip(state, i); });
  ImGui::EndChild();
}

// ---- [SECTION] Concentration -----------------------------------------------------------

void share_bar(const State& state, const char* label, int64_t part_minor) {
  const Concentration& c = state.metrics.concentration;
  float fraction = c.open_minor > 0 ? float(double(part_minor) / double(c.open_minor)) : 0.0f;
  ImGui::TextUnformatted(label);
  ImGui::SameLine(ui::px(70));
  std::string overlay = ui::percent(part_minor, c.open_minor) + "  (" +
                        ui::money(state.book, part_minor) + ")";
  ImGui::ProgressBar(fraction, ImVec2(-1, 0), overlay.c_str());
}

void draw_concentration(const State& state) {
  const Concentration& c = state.metrics.concentration;
  ui::heading("Customer concentration");
  ui::help_marker("Share of open AR at the as-of date held by the largest customers. Practice: "
                  "avoid depending on a single customer; flagged above 20%.");
  ui::text_fit_colored(ui::palette().text_muted, "Open AR at " + arlab::format_date(state.as_of) +
                                                     ": " + ui::money(state.book, c.open_minor));
  share_bar(state, "Top 1", c.top1_minor);
  share_bar(state, "Top 5", c.top5_minor);
  share_bar(state, "Top 10", c.top10_minor);
  if (c.top_customer == arlab::kNone) return;
  const arlab::Customer& top = state.book.customers[c.top_customer];
  ImGui::Spacing();
  if (c.too_concentrated) {
    // Short lines: word wrap would split "23.9%" at its point.
    ui::text_fit_colored(ui::palette().bad, "Warning: over 20% with one customer");
    ui::text_fit_colored(ui::palette().bad,
                         top.name + " holds " + ui::percent(c.top1_minor, c.open_minor));
    ImGui::PushTextWrapPos(0);
    ui::text_muted("Practice: avoid depending on a single customer.");
    ImGui::PopTextWrapPos();
  } else {
    ui::text_fit_colored(ui::palette().good, "Largest: " + top.name + ", " +
                                                 ui::percent(c.top1_minor, c.open_minor));
    ui::text_muted("No single customer over 20%.");
  }
}

// ---- [SECTION] Tables ------------------------------------------------------------------

enum TableColumn {
  kKey, kName, kSales, kArEnd, kDso, kCountback, kCei, kOverdueRatio, kDaysLate, kLateShare,
  kInterest, kColumnCount
};

std::string row_name(const arlab::Book& book, const arlab::MetricsRow& row) {
  arlab::Index i = row.filter.index;
  if (row.filter.kind == arlab::MetricsFilter::Kind::Customer && i != arlab::kNone) {
    return book.customers[i].name;
  }
  if (row.filter.kind == arlab::MetricsFilter::Kind::Salesperson) {
    return i == arlab::kNone ? "(no salesperson)" : book.salespeople[i].name;
  }
  return row.key;
}

std::optional<double> ratio_of(const arlab::Metrics& t, int column) {
  switch (column) {
    case kDso: return t.dso;
    case kCountback: return t.countback_dso;
    case kCei: return t.cei;
    case kOverdueRatio: return t.overdue_ratio;
    case kDaysLate: return t.avg_days_late;
    case kLateShare: return t.late_share;
    default: return std::nullopt;
  }
}

int64_t amount_of(const arlab::Metrics& t, int column) {
  if (column == kSales) return t.credit_sales_minor;
  if (column == kArEnd) return t.ar_end_minor;
  return t.interest_cost_minor;
}

// Negative, zero or positive like strcmp; n/a sorts below every number.
int compare_rows(const arlab::Book& book, const arlab::MetricsRow& a, const arlab::MetricsRow& b,
                 int column) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (column == kKey) return a.key.compare(b.key);
  if (column == kName) return row_name(book, a).compare(row_name(book, b));
  if (column == kSales || column == kArEnd || column == kInterest) {
    return cmp(amount_of(a.metrics, column), amount_of(b.metrics, column));
  }
  std::optional<double> x = ratio_of(a.metrics, column), y = ratio_of(b.metrics, column);
  if (!x || !y) return cmp(bool(x), bool(y));
  return cmp(*x, *y);
}

void sort_table(const arlab::Book& book, MetricsTable& table) {
  table.order.resize(table.rows.size());
  for (uint32_t i = 0; i < table.order.size(); ++i) table.order[i] = i;
  std::stable_sort(table.order.begin(), table.order.end(), [&](uint32_t a, uint32_t b) {
    int c = compare_rows(book, table.rows[a], table.rows[b], table.sort_column);
    return table.sort_descending ? c > 0 : c < 0;
  });
  table.sort_changed = false;
}

void setup_table_columns(const char* name_label) {
  ImGui::TableSetupScrollFreeze(2, 1);
  ImGui::TableSetupColumn("Id", ImGuiTableColumnFlags_DefaultSort |
                                    ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(name_label, ImGuiTableColumnFlags_WidthStretch, 1.6f);
  const char* numbers[] = {"Sales", "Open", "DSO", "Countback", "CEI", "Overdue",
                           "Days late", "Late", "Interest"};
  for (const char* name : numbers) {
    // Fixed width fitted to the header and the visible figures; the name takes the rest.
    ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_PreferSortDescending |
                                      ImGuiTableColumnFlags_WidthFixed);
  }
  ui::headers_row();
}

void draw_table_row(const arlab::Book& book, const arlab::MetricsRow& row) {
  const arlab::Metrics& t = row.metrics;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(row.key.empty() ? "-" : row.key.c_str());
  ImGui::TableNextColumn();
  ui::text_fit(row_name(book, row));
  for (int column : {kSales, kArEnd}) {
    ImGui::TableNextColumn();
    ui::money_cell(book, amount_of(t, column));
  }
  auto cell = [](const std::string& text) {
    ImGui::TableNextColumn();
    if (text == "n/a") ui::text_right_colored(ui::palette().text_muted, text);
    else ui::text_right(text);
  };
  cell(days_text(t.dso));
  cell(days_text(t.countback_dso));
  cell(t.cei ? arlab::format_fixed(*t.cei, 1) + "%" : "n/a");
  cell(pct_text(t.overdue_ratio));
  cell(days_text(t.avg_days_late));
  cell(pct_text(t.late_share));
  ImGui::TableNextColumn();
  ui::money_cell(book, t.interest_cost_minor);
}

void draw_table(State& state, MetricsTable& table, const char* id, const char* name_label,
                arlab::MetricsBy by) {
  if (ImGui::Button("Export CSV")) export_metrics_csv(state, by);
  ImGui::SameLine();
  ui::text_muted((std::to_string(table.rows.size()) + " rows, period " +
                  arlab::format_date(state.metrics.built_from) + " to " +
                  arlab::format_date(state.metrics.built_to)).c_str());
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                          ImGuiTableFlags_Hideable;
  if (!ImGui::BeginTable(id, kColumnCount, flags, ImVec2(0, 0))) return;
  setup_table_columns(name_label);
  table.sort_changed |= ui::sort_specs_changed(&table.sort_column, &table.sort_descending);
  if (table.sort_changed) sort_table(state.book, table);
  ui::clipped_rows(table.order.size(), [&](size_t r) {
    draw_table_row(state.book, table.rows[table.order[r]]);
  });
  ImGui::EndTable();
}

void draw_budget(State& state);  // [SECTION] Budget, below.

void draw_tables(State& state) {
  MetricsPanel& m = state.metrics;
  if (!ImGui::BeginTabBar("##metric_tables")) return;
  if (ImGui::BeginTabItem("By customer")) {
    draw_table(state, m.by_customer, "##by_customer", "Customer", arlab::MetricsBy::Customer);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("By salesperson")) {
    draw_table(state, m.by_salesperson, "##by_salesperson", "Salesperson",
               arlab::MetricsBy::Salesperson);
    ImGui::EndTabItem();
  }
  ImGuiTabItemFlags budget_flags = m.select_budget_tab ? ImGuiTabItemFlags_SetSelected : 0;
  m.select_budget_tab = false;
  if (ImGui::BeginTabItem("Budget", nullptr, budget_flags)) {
    draw_budget(state);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// ---- [SECTION] Budget ------------------------------------------------------------------

// The fields show the book's targets again whenever the book changes (an apply, undo, open).
void fill_budget_texts(State& state) {
  MetricsPanel& m = state.metrics;
  if (m.budget_texts.current(state.book_generation)) return;
  const arlab::Budget& b = state.book.budget;
  std::snprintf(m.budget_dso_text, sizeof m.budget_dso_text, "%s",
                b.dso_target_centidays < 0
                    ? ""
                    : arlab::format_dso_target(b.dso_target_centidays).c_str());
  std::snprintf(m.budget_ratio_text, sizeof m.budget_ratio_text, "%s",
                b.overdue_ratio_target_bp < 0
                    ? ""
                    : arlab::format_overdue_ratio_target(b.overdue_ratio_target_bp).c_str());
  m.budget_texts.set(state.book_generation);
}

// A met / missed mark, or "-" when there is nothing to compare.
void met_cell(const std::optional<bool>& met) {
  ImGui::TableNextColumn();
  const ui::Palette& p = ui::palette();
  if (!met) ui::text_right_colored(p.text_muted, "-");
  else ui::text_right_colored(*met ? p.good : p.bad, *met ? "met" : "missed");
}

void draw_budget_months(const State& state) {
  const arlab::BudgetReport& r = state.metrics.budget;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("##budget_months", 7, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  for (const char* name : {"Month", "DSO", "DSO target", "DSO", "Overdue ratio",
                           "Ratio target", "Overdue ratio"}) {
    ImGui::TableSetupColumn(name);
  }
  ImGui::TableHeadersRow();
  const arlab::Budget& b = r.budget;
  std::string dso_target =
      b.dso_target_centidays < 0 ? "-" : arlab::format_dso_target(b.dso_target_centidays) + " d";
  std::string ratio_target = b.overdue_ratio_target_bp < 0
                                 ? "-"
                                 : arlab::format_overdue_ratio_target(b.overdue_ratio_target_bp);
  ui::clipped_rows(r.months.size(), [&](size_t i) {
    const arlab::BudgetMonth& month = r.months[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(month.key.c_str());
    ImGui::TableNextColumn();
    ui::text_right(days_text(month.metrics.dso));
    ImGui::TableNextColumn();
    ui::text_right_colored(ui::palette().text_muted, dso_target);
    met_cell(month.dso_met);
    ImGui::TableNextColumn();
    ui::text_right(pct_text(month.metrics.overdue_ratio));
    ImGui::TableNextColumn();
    ui::text_right_colored(ui::palette().text_muted, ratio_target);
    met_cell(month.overdue_ratio_met);
  });
  ImGui::EndTable();
}

void draw_budget(State& state) {
  MetricsPanel& m = state.metrics;
  fill_budget_texts(state);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("DSO target");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(70));
  ImGui::InputTextWithHint("##budget_dso", "none", m.budget_dso_text, sizeof m.budget_dso_text);
  ImGui::SameLine(0, 2);
  ImGui::TextUnformatted("days");
  ImGui::SameLine(0, ui::px(18));
  ImGui::TextUnformatted("Overdue ratio target");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(70));
  ImGui::InputTextWithHint("##budget_ratio", "none", m.budget_ratio_text,
                           sizeof m.budget_ratio_text);
  ImGui::SameLine();
  if (ImGui::Button("Set targets")) set_budget_from_texts(state);
  ui::help_marker("Targets for each month (saved in the book; Ctrl+Z undoes a change): DSO in "
                  "days (45, 45.5) and the overdue ratio as a percentage (15%) or a fraction "
                  "(0.15). Empty: no target. Met when the month's figure is at or below it.");
  if (!m.budget_problems.empty()) ui::problems_list(m.budget_problems);
  const arlab::BudgetReport& r = m.budget;
  if (!r.budget.given()) {
    ui::text_muted("This book has no budget yet: set a target to compare the months with.");
  } else {
    ui::text_muted(("Met: DSO in " + std::to_string(r.dso_met_count) + " of " +
                    std::to_string(r.dso_met_count + r.dso_missed_count) +
                    " months, overdue ratio in " + std::to_string(r.overdue_ratio_met_count) +
                    " of " +
                    std::to_string(r.overdue_ratio_met_count + r.overdue_ratio_missed_count) +
                    " (months without sales or without open AR are not counted).").c_str());
  }
  draw_budget_months(state);
}

}  // namespace

bool set_budget_from_texts(State& state) {
  MetricsPanel& m = state.metrics;
  m.budget_problems.clear();
  arlab::Budget budget;
  std::string why;
  auto blank = [](const char* text) { return std::string(text).find_first_not_of(' ') ==
                                             std::string::npos; };
  if (!blank(m.budget_dso_text) &&
      !arlab::parse_dso_target(m.budget_dso_text, &budget.dso_target_centidays, &why)) {
    m.budget_problems.push_back(
        {"DSO target", "\"" + std::string(m.budget_dso_text) + "\" " + why});
  }
  if (!blank(m.budget_ratio_text) &&
      !arlab::parse_overdue_ratio_target(m.budget_ratio_text, &budget.overdue_ratio_target_bp,
                                         &why)) {
    m.budget_problems.push_back(
        {"Overdue ratio target", "\"" + std::string(m.budget_ratio_text) + "\" " + why});
  }
  if (!m.budget_problems.empty()) {
    state.status = "Targets not set: check the fields";
    return false;
  }
  const arlab::Budget& now = state.book.budget;
  if (budget.dso_target_centidays == now.dso_target_centidays &&
      budget.overdue_ratio_target_bp == now.overdue_ratio_target_bp) {
    return true;  // Nothing changes: no entry in the history.
  }
  return apply_edit(state, arlab::Edit{arlab::SetBudget{budget, {}}}, &m.budget_problems);
}

// ---- [SECTION] Panel -------------------------------------------------------------------

void update_metrics(State& state) {
  follow_period(state, state.metrics.period);
  validate_inputs(state.metrics);
  if (state.metrics.input_error.empty() && inputs_changed(state)) compute(state);
}

void export_metrics_csv(State& state, arlab::MetricsBy by) {
  update_metrics(state);
  const MetricsPanel& m = state.metrics;
  bool customers = by == arlab::MetricsBy::Customer;
  const std::vector<arlab::MetricsRow>& rows =
      customers ? m.by_customer.rows : m.by_salesperson.rows;
  std::string name = std::string("metrics-by-") + (customers ? "customer-" : "salesperson-") +
                     arlab::format_date(m.built_from) + "-to-" +
                     arlab::format_date(m.built_to) + ".csv";
  std::string where, error;
  if (platform::export_file(name, arlab::metrics_csv(state.book, m.total, &rows), &where,
                            &error)) {
    state.status = "Exported " + name + (where.empty() ? "" : " to " + where);
  } else {
    show_problems(state, "Could not export " + name, {arlab::Problem{"", error}});
  }
}

void draw_metrics(State& state) {
  MetricsPanel& m = state.metrics;
  draw_inputs(state);
  follow_period(state, m.period);
  validate_inputs(m);
  if (!m.input_error.empty()) {
    ImGui::TextColored(ui::palette().bad, "%s (showing the last valid period)",
                       m.input_error.c_str());
  }
  // A big book: this frame says "Computing...", the next one computes (app/busy.cpp).
  bool due = m.input_error.empty() && inputs_changed(state);
  if (due && busy_wait(state, m.busy, "Computing metrics for " + busy_invoices(state.book) +
                                          "...")) {
    draw_busy(m.busy, m.compute_ms);
    return;
  }
  if (due) compute(state);
  busy_done(state, m.busy);
  if (m.compute_count == 0) return;
  ui::text_fit_colored(ui::palette().text_muted,
                       "Period " + arlab::format_date(m.built_from) + " to " +
                           arlab::format_date(m.built_to) + ", " + std::to_string(m.total.days) +
                           " days; balances as of each date; computed in " +
                           (m.compute_ms < 0.1 ? std::string("under 0.1")
                                               : arlab::format_fixed(m.compute_ms, 1)) +
                           " ms");
  draw_cards(state);
  ImGui::Spacing();
  draw_trends(state, std::max(ui::px(230), ImGui::GetContentRegionAvail().y * 0.34f));
  float right = std::clamp(ImGui::GetContentRegionAvail().x * 0.22f, ui::px(260), ui::px(320));
  float table_height = std::max(ui::px(300), ImGui::GetContentRegionAvail().y);
  ImGui::BeginChild("##tables", ImVec2(ImGui::GetContentRegionAvail().x - right -
                    ImGui::GetStyle().ItemSpacing.x, table_height), true);
  draw_tables(state);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##concentration", ImVec2(0, table_height), true);
  draw_concentration(state);
  ImGui::EndChild();
}

}  // namespace app
