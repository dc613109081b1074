// budget_report.cpp: the budget against the actuals as JSON, CSV and a table
// (io/budget_report.h).
//
// [SECTION] Cells: one list of (name, JSON value, table text) per month
// [SECTION] JSON
// [SECTION] CSV
// [SECTION] Text table
#include "io/budget_report.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "core/money.h"
#include "io/book_json.h"
#include "io/cells.h"
#include "io/metrics_report.h"

namespace arlab {
namespace {

// =========================================================================================
// [SECTION] Cells
// =========================================================================================

struct Cell {
  const char* name;
  std::string json;   // The JSON value: "\"1200.50\"", "31.00", "true", "null".
  std::string plain;  // CSV: the same without quotes, "" for null.
  std::string table;  // For people: grouped amounts, percentages, met / missed / -.
  bool label = false;  // CSV: a text cell (io/cells.h); the others are numbers and dates.
};

constexpr int kDaysDecimals = 2;   // As metrics_report.
constexpr int kRatioDecimals = 4;

Cell text_cell(const char* name, const std::string& text) {
  std::string json;
  append_json_string(json, text);
  return {name, json, text, text};
}

Cell label_cell(const char* name, const std::string& text) {
  Cell c = text_cell(name, text);
  c.label = true;
  return c;
}

Cell amount_cell(const char* name, int64_t minor, int digits) {
  Cell c = text_cell(name, format_amount(minor, digits));
  c.table = format_amount_grouped(minor, digits);
  return c;
}

Cell number_cell(const char* name, const std::optional<double>& v, int decimals,
                 const std::string& table) {
  if (!v) return {name, "null", "", "-"};
  std::string text = format_fixed(*v, decimals);
  return {name, text, text, table};
}

// A target, exactly from its integer: centidays with 2 decimals, basis points with 4.
Cell target_cell(const char* name, int32_t value, int decimals, const std::string& table) {
  if (value < 0) return {name, "null", "", "-"};
  std::string text = format_amount(value, decimals);
  return {name, text, text, table};
}

Cell met_cell(const char* name, const std::optional<bool>& met) {
  if (!met) return {name, "null", "", "-"};
  return {name, *met ? "true" : "false", *met ? "true" : "false", *met ? "met" : "missed"};
}

std::string percent_text(const std::optional<double>& ratio) {
  return ratio ? format_fixed(*ratio * 100, 2) + "%" : "-";
}

std::vector<Cell> month_cells(const Book& book, const Budget& budget, const BudgetMonth& m) {
  const Metrics& t = m.metrics;
  const int digits = book.minor_digits;
  const int32_t dso_target = budget.dso_target_centidays;
  const int32_t ratio_target = budget.overdue_ratio_target_bp;
  return {
      label_cell("month", m.key),
      text_cell("from", format_date(t.from)),
      text_cell("to", format_date(t.to)),
      {"days", std::to_string(t.days), std::to_string(t.days), std::to_string(t.days)},
      amount_cell("credit_sales", t.credit_sales_minor, digits),
      amount_cell("ar_end", t.ar_end_minor, digits),
      amount_cell("overdue_end", t.overdue_end_minor, digits),
      number_cell("dso", t.dso, kDaysDecimals, t.dso ? format_fixed(*t.dso, 2) : "-"),
      target_cell("dso_target", dso_target, 2, format_amount(std::max(dso_target, 0), 2)),
      met_cell("dso_met", m.dso_met),
      number_cell("overdue_ratio", t.overdue_ratio, kRatioDecimals, percent_text(t.overdue_ratio)),
      target_cell("overdue_ratio_target", ratio_target, 4,
                  format_amount(std::max(ratio_target, 0), 2) + "%"),
      met_cell("overdue_ratio_met", m.overdue_ratio_met),
  };
}

}  // namespace

// =========================================================================================
// [SECTION] JSON
// =========================================================================================

std::string budget_json(const Book& book, const BudgetReport& r) {
  std::string out = "{\n  \"from\": \"" + format_date(r.from) + "\",\n  \"to\": \"" +
                    format_date(r.to) + "\",\n  \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"dso_target\": " + target_cell("", r.budget.dso_target_centidays, 2, "").json;
  out += ",\n  \"overdue_ratio_target\": " +
         target_cell("", r.budget.overdue_ratio_target_bp, 4, "").json;
  out += ",\n  \"months\": [";
  for (size_t i = 0; i < r.months.size(); ++i) {
    out += i ? ",\n    {" : "\n    {";
    std::vector<Cell> cells = month_cells(book, r.budget, r.months[i]);
    for (size_t k = 0; k < cells.size(); ++k) {
      out += k ? ", \"" : "\"";
      out += cells[k].name;
      out += "\": " + cells[k].json;
    }
    out += '}';
  }
  out += r.months.empty() ? "]" : "\n  ]";
  out += ",\n  \"dso_met\": " + std::to_string(r.dso_met_count);
  out += ",\n  \"dso_missed\": " + std::to_string(r.dso_missed_count);
  out += ",\n  \"overdue_ratio_met\": " + std::to_string(r.overdue_ratio_met_count);
  out += ",\n  \"overdue_ratio_missed\": " + std::to_string(r.overdue_ratio_missed_count);
  out += "\n}\n";
  return out;
}

// =========================================================================================
// [SECTION] CSV
// =========================================================================================

std::string budget_csv(const Book& book, const BudgetReport& r) {
  std::string out;
  std::vector<Cell> header = month_cells(book, r.budget, BudgetMonth{});
  for (size_t k = 0; k < header.size(); ++k) {
    if (k) out += ',';
    out += header[k].name;
  }
  out += '\n';
  for (const BudgetMonth& m : r.months) {
    std::vector<Cell> cells = month_cells(book, r.budget, m);
    for (size_t k = 0; k < cells.size(); ++k) {
      if (k) out += ',';
      if (cells[k].label)
        append_csv_text(out, cells[k].plain);
      else
        append_csv_number(out, cells[k].plain);
    }
    out += '\n';
  }
  return out;
}

// =========================================================================================
// [SECTION] Text table
// =========================================================================================

std::string budget_table(const Book& book, const BudgetReport& r) {
  const Budget& b = r.budget;
  std::string out = "Budget against actuals " + format_date(r.from) + " to " +
                    format_date(r.to) + " (" + book.currency + ")\n";
  if (!b.given()) {
    out += "Targets: none in this book\n\n";
  } else {
    const int32_t dso = b.dso_target_centidays, ratio = b.overdue_ratio_target_bp;
    out += "Targets: DSO " + (dso < 0 ? "none" : format_dso_target(dso) + " days") +
           ", overdue ratio " + (ratio < 0 ? "none" : format_overdue_ratio_target(ratio)) +
           "\n\n";
  }
  // The columns for people: month, amounts, then each actual with its target and verdict.
  const size_t columns[] = {0, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  std::vector<std::vector<std::string>> lines = {
      {"month", "credit_sales", "ar_end", "overdue_end", "dso", "target", "dso_met",
       "overdue_ratio", "target", "ratio_met"}};
  for (const BudgetMonth& m : r.months) {
    std::vector<Cell> cells = month_cells(book, b, m);
    lines.emplace_back();
    for (size_t k : columns) lines.back().push_back(cells[k].table);
  }
  std::vector<size_t> widths(std::size(columns), 0);
  for (const auto& line : lines) {
    for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
  }
  for (const auto& line : lines) {
    std::string text = line[0] + std::string(widths[0] - line[0].size(), ' ');
    for (size_t i = 1; i < line.size(); ++i) {
      const bool verdict = i == 6 || i == 9;  // dso_met, ratio_met: left-aligned.
      std::string pad(widths[i] - line[i].size(), ' ');
      text += "  " + (verdict ? line[i] + pad : pad + line[i]);
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out += text + '\n';
  }
  out += "\nMet: DSO in " + std::to_string(r.dso_met_count) + " of " +
         std::to_string(r.dso_met_count + r.dso_missed_count) + " months, overdue ratio in " +
         std::to_string(r.overdue_ratio_met_count) + " of " +
         std::to_string(r.overdue_ratio_met_count + r.overdue_ratio_missed_count) +
         " (not counted: no target, no credit sales or nothing open).\n";
  return out;
}

}  // namespace arlab
