// commission_report.cpp: commission statements as JSON, CSV and text; reading --paid
// (io/commission_report.h).
//
// [SECTION] Fields: one list of (name, kind, value) shared by JSON and CSV
// [SECTION] JSON
// [SECTION] CSV
// [SECTION] Text
// [SECTION] Comparison of two plans (--compare)
#include "io/commission_report.h"

#include <algorithm>

#include "core/money.h"
#include "io/book_json.h"
#include "io/cells.h"
#include "io/metrics_report.h"

namespace arlab {

namespace {

// =========================================================================================
// [SECTION] Fields
// =========================================================================================

enum class Kind : uint8_t { Text, Amount, Number, Null };

struct Field {
  const char* name;
  Kind kind;
  std::string value;  // Plain: "1200.50", "0.05", "true"; "" when null.
};

Field text(const char* name, std::string value) {
  return {name, Kind::Text, std::move(value)};
}
Field amount(const char* name, int64_t minor, int digits) {
  return {name, Kind::Amount, format_amount(minor, digits)};
}
Field number(const char* name, std::string value) {
  return {name, Kind::Number, std::move(value)};
}
Field null(const char* name) {
  return {name, Kind::Null, ""};
}

// An exact decimal from an integer with `scale` decimals, trailing zeros cut: (50000, 6) ->
// "0.05", (1000000, 6) -> "1", (6050, 2) -> "60.5".
std::string exact(int64_t v, int scale) {
  std::string s = format_amount(v, scale);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

Field ratio(const char* name, int64_t num, int64_t den) {
  if (den <= 0) return null(name);
  return number(name, format_fixed(double(num) / double(den), 4));
}

// Members of a figures object; `row` adds what only whole rows have.
std::vector<Field> figure_fields(const CommissionFigures& f, int d, bool row) {
  std::vector<Field> out = {amount("sales", f.sales_minor, d)};
  out.push_back(f.target_minor >= 0 ? amount("sales_target", f.target_minor, d)
                                    : null("sales_target"));
  out.push_back(f.target_minor > 0 ? ratio("attainment", f.sales_minor, f.target_minor)
                                   : null("attainment"));
  out.push_back(amount("collected", f.collected_minor, d));
  out.push_back(ratio("collection_rate", f.collected_minor, f.sales_minor));
  for (auto [name, v] : {std::pair{"earned", f.earned_minor},
                         {"voided", f.voided_minor},
                         {"held_back", f.held_back_minor},
                         {"released", f.released_minor},
                         {"clawed_back", f.clawed_back_minor},
                         {"waived", f.waived_minor},
                         {"penalties", f.penalties_minor},
                         {"forfeited", f.forfeited_minor},
                         {"net", f.net_minor},
                         {"payable", f.payable_minor}}) {
    out.push_back(amount(name, v, d));
  }
  if (row) out.push_back(amount("due_after", f.due_after_minor, d));
  out.push_back(amount("carried_debit", f.carried_debit_minor, d));
  if (row) {
    out.push_back(number("periods_failed", std::to_string(f.periods_failed)));
    out.push_back(number("warning_periods", std::to_string(f.warning_periods)));
  }
  out.push_back(amount("collected_on_time", f.collected_on_time_minor, d));
  out.push_back(amount("collected_late", f.collected_late_minor, d));
  out.push_back(amount("commission_on_time", f.commission_on_time_minor, d));
  out.push_back(amount("commission_late", f.commission_late_minor, d));
  return out;
}

std::string gate_value(const CommissionGate& g, int64_t v, int d) {
  switch (g.kind) {
    case CommissionGateKind::SalesTarget:
      return format_amount(v, d);
    case CommissionGateKind::Dso:
      return exact(v, 2);
    default:
      return exact(v, 6);
  }
}

const char* line_status(const CommissionLine& l) {
  if (l.flags & kLineVoided) return "void";
  if (l.flags & kLineHeld) return "held";
  if (l.flags & kLineOutsideWindow) return "waived";
  if (l.rule == CommissionRule::HoldForfeited) return "forfeited";
  if (!commission_rule_earns(l.rule) && l.computed_minor == 0) return "info";  // Explains only.
  return "counted";
}

std::vector<Field> line_fields(const Book& book, const CommissionStatement& s,
                               const CommissionLine& l) {
  int d = book.minor_digits;
  std::string invoice = commission_line_invoice_id(book, s, l);
  std::string source = commission_line_source_id(book, s, l);
  return {text("date", format_date(l.date)),
          text("period", commission_period_label(s.plan.period, l.period_key)),
          text("rule", commission_rule_name(l.rule)),
          invoice.empty() ? null("invoice") : text("invoice", invoice),
          source.empty() ? null("source") : text("source", source),
          amount("base", l.base_minor, d),
          number("rate", exact(l.rate_ppm, 6)),
          number("share", exact(l.share_ppm, 6)),
          number("factor", exact(l.factor_ppm, 6)),
          number("days_late", std::to_string(l.days_late)),
          amount("paid", l.paid_minor, d),
          amount("of", l.of_minor, d),
          amount("computed", l.computed_minor, d),
          amount("amount", l.amount_minor, d),
          text("status", line_status(l)),
          text("note", commission_line_note(book, s, l))};
}

std::string salesperson_id(const Book& book, Index sp) {
  return sp < book.salespeople.size() ? book.salespeople[sp].id : "";
}

// =========================================================================================
// [SECTION] JSON
// =========================================================================================

void append_value(std::string& out, const Field& f) {
  if (f.kind == Kind::Null)
    out += "null";
  else if (f.kind == Kind::Number)
    out += f.value;
  else
    append_json_string(out, f.value);
}

void append_members(std::string& out, const std::vector<Field>& fields, const char* sep) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += sep;
    append_json_string(out, fields[i].name);
    out += ": ";
    append_value(out, fields[i]);
  }
}

void append_period(std::string& out, const Book& book, const CommissionStatement& s,
                   const CommissionPeriodRow& p) {
  int d = book.minor_digits;
  std::vector<Field> head = {text("period", commission_period_label(s.plan.period, p.period_key)),
                             text("from", format_date(p.start)), text("to", format_date(p.end))};
  append_members(out, head, ", ");
  out += ", ";
  append_members(out, figure_fields(p.figures, d, false), ", ");
  out += p.passed ? ", \"passed\": true, \"gates\": [" : ", \"passed\": false, \"gates\": [";
  bool first = true;
  for (const CommissionGate& g : p.gates) {
    if (!g.applies) continue;
    out += first ? "{" : ", {";
    first = false;
    Kind k = g.kind == CommissionGateKind::SalesTarget ? Kind::Amount : Kind::Number;
    std::vector<Field> gate = {
        text("gate", commission_gate_name(g.kind)),
        g.defined ? Field{"value", k, gate_value(g, g.value, d)} : null("value"),
        {"threshold", k, gate_value(g, g.threshold, d)},
        number("passed", g.passed ? "true" : "false")};
    append_members(out, gate, ", ");
    out += "}";
  }
  out += "], \"warning\": ";
  if (p.overdue_invoices == 0) {
    out += "null";
  } else {
    out += "{\"invoices\": " + std::to_string(p.overdue_invoices) + ", \"worst_invoice\": ";
    append_json_string(out, book.str(book.invoices[p.worst_invoice].id));
    out += ", \"days_past_due\": " + std::to_string(p.worst_days_past_due) + "}";
  }
}

}  // namespace

std::string commission_json(const Book& book, const CommissionStatement& s, bool lines) {
  int d = book.minor_digits;
  std::string out = "{\n  ";
  std::vector<Field> head = {text("format", kCommissionStatementFormat),
                             text("plan", s.plan.name),
                             text("basis", commission_basis_name(s.plan.basis)),
                             text("period", commission_period_name(s.plan.period)),
                             text("currency", book.currency),
                             text("from", format_date(s.from)),
                             text("to", format_date(s.to))};
  append_members(out, head, ",\n  ");
  out += ",\n  \"total\": {";
  append_members(out, figure_fields(s.total, d, true), ", ");
  out += "},\n  \"salespeople\": [";
  for (size_t r = 0; r < s.rows.size(); ++r) {
    const CommissionRow& row = s.rows[r];
    out += r ? ",\n    {" : "\n    {";
    std::string name = row.salesperson == kNone ? "" : book.salespeople[row.salesperson].name;
    append_members(out, {text("id", salesperson_id(book, row.salesperson)), text("name", name)},
                   ", ");
    out += ", ";
    append_members(out, figure_fields(row.total, d, true), ", ");
    out += ",\n     \"periods\": [";
    for (uint32_t k = 0; k < row.period_count; ++k) {
      out += k ? ",\n       {" : "\n       {";
      append_period(out, book, s, s.period_rows[row.period_first + k]);
      out += "}";
    }
    out += row.period_count ? "\n     ]" : "]";
    if (lines) {
      out += ",\n     \"lines\": [";
      for (uint32_t k = 0; k < row.line_count; ++k) {
        out += k ? ",\n       {" : "\n       {";
        append_members(out, line_fields(book, s, s.lines[row.line_first + k]), ", ");
        out += "}";
      }
      out += row.line_count ? "\n     ]" : "]";
    }
    out += "}";
  }
  out += s.rows.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

// =========================================================================================
// [SECTION] CSV
// =========================================================================================

namespace {

// Text fields are text cells (neutralised, io/cells.h); amounts, numbers and nulls are numbers.
void csv_line(std::string& out, const std::vector<Field>& lead, const std::vector<Field>& fields) {
  bool first = true;
  for (const std::vector<Field>* part : {&lead, &fields}) {
    for (const Field& f : *part) {
      if (!first) out += ',';
      first = false;
      if (f.kind == Kind::Text)
        append_csv_text(out, f.value);
      else
        append_csv_number(out, f.value);
    }
  }
  out += '\n';
}

std::string gates_cell(const CommissionPeriodRow& p, int d) {
  std::string s;
  for (const CommissionGate& g : p.gates) {
    if (g.applies && !g.passed) s += (s.empty() ? "" : "; ") + commission_gate_text(g, d);
  }
  return s;
}

}  // namespace

std::string commission_csv(const Book& book, const CommissionStatement& s, bool lines) {
  int d = book.minor_digits;
  std::string out;
  if (lines) {
    std::vector<Field> names = line_fields(book, s, CommissionLine{});
    out = "salesperson";
    for (const Field& f : names) out += std::string(",") + f.name;
    out += '\n';
    for (const CommissionRow& row : s.rows) {
      for (uint32_t k = 0; k < row.line_count; ++k)
        csv_line(out, {text("salesperson", salesperson_id(book, row.salesperson))},
                 line_fields(book, s, s.lines[row.line_first + k]));
    }
    return out;
  }
  out = "salesperson,period,from,to,passed,failed_gates";
  for (const Field& f : figure_fields(CommissionFigures{}, d, false))
    out += std::string(",") + f.name;
  out += '\n';
  auto total_line = [&](const std::string& id, const CommissionFigures& f) {
    std::vector<Field> fields = figure_fields(f, d, false);
    csv_line(out,
             {text("salesperson", id), text("period", "TOTAL"), number("from", format_date(s.from)),
              number("to", format_date(s.to)),
              text("passed",
                   std::to_string(f.periods - f.periods_failed) + "/" + std::to_string(f.periods)),
              text("failed_gates", "")},
             fields);
  };
  for (const CommissionRow& row : s.rows) {
    std::string id = salesperson_id(book, row.salesperson);
    for (uint32_t k = 0; k < row.period_count; ++k) {
      const CommissionPeriodRow& p = s.period_rows[row.period_first + k];
      csv_line(
          out,
          {text("salesperson", id),
           text("period", commission_period_label(s.plan.period, p.period_key)),
           number("from", format_date(p.start)), number("to", format_date(p.end)),
           number("passed", p.passed ? "true" : "false"), text("failed_gates", gates_cell(p, d))},
          figure_fields(p.figures, d, false));
    }
    total_line(id, row.total);
  }
  total_line("TOTAL", s.total);
  return out;
}

// =========================================================================================
// [SECTION] Text
// =========================================================================================

namespace {

using Table = std::vector<std::vector<std::string>>;

// Columns right-aligned except those listed in `left`; a rule above the last row when `total`.
// Every cell is shown escaped (io/cells.h): ids, names and notes come from the book.
std::string render(Table t, std::vector<size_t> left, bool total) {
  std::vector<size_t> widths;
  for (auto& line : t) {
    widths.resize(std::max(widths.size(), line.size()), 0);
    for (size_t i = 0; i < line.size(); ++i) {
      line[i] = table_text(line[i]);
      widths[i] = std::max(widths[i], display_width(line[i]));
    }
  }
  size_t width = 0;
  for (size_t i = 0; i < widths.size(); ++i) width += widths[i] + (i ? 2 : 0);
  std::string out;
  for (size_t r = 0; r < t.size(); ++r) {
    if (total && r + 1 == t.size() && r > 1) out += std::string(width, '-') + '\n';
    std::string text;
    for (size_t i = 0; i < t[r].size(); ++i) {
      const std::string& cell = t[r][i];
      std::string pad(widths[i] - display_width(cell), ' ');
      if (i) text += "  ";
      bool to_left = std::find(left.begin(), left.end(), i) != left.end();
      text += to_left ? cell + pad : pad + cell;
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + '\n';
  }
  return out;
}

std::string money(int64_t v, int d) {
  return format_amount_grouped(v, d);
}

// Truncated to 2 decimals, as the collection-rate gate shows its value (floored toward failing):
// 71.7699% reads "71.76%" in both places, never a rate that looks like a pass beside a failure.
std::string percent_cell(int64_t num, int64_t den) {
  if (den <= 0) return "-";
  const __int128 bp = __int128(num) * 10000 / den;  // num, den >= 0: truncation = floor.
  return format_amount(int64_t(bp), 2) + "%";
}

std::vector<std::string> summary_cells(std::string key, const CommissionFigures& f, int d) {
  return {std::move(key),
          money(f.sales_minor, d),
          money(f.collected_minor, d),
          percent_cell(f.collected_minor, f.sales_minor),
          std::to_string(f.periods_failed) + "/" + std::to_string(f.periods),
          money(f.earned_minor, d),
          money(f.voided_minor, d),
          money(f.held_back_minor, d),
          money(f.released_minor, d),
          money(f.clawed_back_minor, d),
          money(f.penalties_minor, d),
          money(f.net_minor, d),
          money(f.payable_minor, d),
          money(f.carried_debit_minor, d)};
}

std::string row_label(const Book& book, const CommissionRow& row) {
  if (row.salesperson == kNone) return "(none)";
  return book.salespeople[row.salesperson].id;
}

std::string periods_table(const Book& book, const CommissionStatement& s,
                          const CommissionRow& row) {
  int d = book.minor_digits;
  Table t = {{"period", "sales", "target", "collected", "coll_rate", "gates", "earned", "voided",
              "net", "payable", "carried", "warning"}};
  for (uint32_t k = 0; k < row.period_count; ++k) {
    const CommissionPeriodRow& p = s.period_rows[row.period_first + k];
    const CommissionFigures& f = p.figures;
    std::string gates = row.salesperson == kNone ? "-" : p.passed ? "pass" : gates_cell(p, d);
    std::string warning = p.overdue_invoices == 0
                              ? ""
                              : std::to_string(p.overdue_invoices) + " overdue, worst " +
                                    std::string(book.str(book.invoices[p.worst_invoice].id)) + " " +
                                    std::to_string(p.worst_days_past_due) + "d";
    t.push_back({commission_period_label(s.plan.period, p.period_key), money(f.sales_minor, d),
                 f.target_minor >= 0 ? money(f.target_minor, d) : "-", money(f.collected_minor, d),
                 percent_cell(f.collected_minor, f.sales_minor), gates, money(f.earned_minor, d),
                 money(f.voided_minor, d), money(f.net_minor, d), money(f.payable_minor, d),
                 money(f.carried_debit_minor, d), warning});
  }
  return render(t, {0, 5, 11}, false);
}

std::string lines_table(const Book& book, const CommissionStatement& s, const CommissionRow& row) {
  int d = book.minor_digits;
  Table t = {{"date", "rule", "invoice", "source", "base", "rate", "factor", "amount", "note"}};
  for (uint32_t k = 0; k < row.line_count; ++k) {
    const CommissionLine& l = s.lines[row.line_first + k];
    bool earns = commission_rule_earns(l.rule) || l.rule == CommissionRule::BadDebtPenalty ||
                 l.rule == CommissionRule::PeriodHold;
    std::string rate = earns ? format_ppm_percent(int64_t(l.rate_ppm) * l.share_ppm / kPpmOne) : "";
    if (earns && l.share_ppm != kPpmOne)
      rate = format_ppm_percent(l.rate_ppm) + " x " + format_ppm_percent(l.share_ppm);
    std::string factor = l.factor_ppm != kPpmOne ? format_ppm_percent(l.factor_ppm) : "";
    std::string base = money(l.base_minor, d);
    if (l.paid_minor != 0 && l.of_minor != 0)  // A fraction of commission paid earlier.
      base = money(l.paid_minor, d) + " x " + money(l.base_minor, d) + "/" + money(l.of_minor, d);
    std::string note = commission_line_note(book, s, l);
    if (l.computed_minor != l.amount_minor) note = "(" + money(l.computed_minor, d) + ") " + note;
    t.push_back({format_date(l.date), commission_rule_name(l.rule),
                 commission_line_invoice_id(book, s, l), commission_line_source_id(book, s, l),
                 base, rate, factor, money(l.amount_minor, d), note});
  }
  return render(t, {0, 1, 2, 3, 8}, false);
}

}  // namespace

std::string commission_table(const Book& book, const CommissionStatement& s, bool lines) {
  int d = book.minor_digits;
  const CommissionPlan& plan = s.plan;
  std::string out =
      "Commission plan \"" + table_text(plan.name) + "\" (basis " +
      commission_basis_name(plan.basis) + ", by " + commission_period_name(plan.period) +
      ", payout " + std::to_string(plan.payout_lag_periods) + " period(s) later), " +
      format_date(s.from) + " to " + format_date(s.to) + ", " + book.currency + "\n\n";
  Table t = {{"salesperson", "sales", "collected", "coll_rate", "failed", "earned", "voided",
              "held_back", "released", "clawed_back", "penalties", "net", "payable", "carried"}};
  for (const CommissionRow& row : s.rows)
    t.push_back(summary_cells(row_label(book, row), row.total, d));
  t.push_back(summary_cells("TOTAL", s.total, d));
  out += render(t, {0}, true);
  out += "\nfailed: periods whose gates failed / periods; carried: negative net carried forward.\n";
  if (s.total.due_after_minor != 0)
    out +=
        "Falling due after " + format_date(s.to) + ": " + money(s.total.due_after_minor, d) + ".\n";
  for (const CommissionRow& row : s.rows) {
    std::string name = row.salesperson == kNone ? "customers without a salesperson (earn nothing)"
                                                : book.salespeople[row.salesperson].name;
    out += "\n" + table_text(row_label(book, row)) + " " + table_text(name) + ": by period\n";
    out += periods_table(book, s, row);
    if (lines && row.line_count > 0) {
      out += "\n" + table_text(row_label(book, row)) + ": lines\n";
      out += lines_table(book, s, row);
    }
  }
  return out;
}

// =========================================================================================
// [SECTION] Comparison of two plans (--compare)
// =========================================================================================

namespace {

// num / den rounded half away from zero; den > 0.
int64_t divide_rounded(__int128 num, __int128 den) {
  __int128 q = num / den, r = num % den;
  if (2 * (r < 0 ? -r : r) >= den) q += num < 0 ? -1 : 1;
  return int64_t(q);
}

// Commission per 1,000 (major units) collected, in minor units: commission / collected x
// 1,000 x 10^digits. Null without cash.
Field per_1000(const char* name, int64_t commission_minor, int64_t collected_minor, int d) {
  if (collected_minor <= 0) return null(name);
  __int128 scale = 1000;
  for (int k = 0; k < d; ++k) scale *= 10;
  return amount(name, divide_rounded(__int128(commission_minor) * scale, collected_minor), d);
}

// Cost / sales with 4 decimals (0.0867); null without sales.
Field effective_rate(const char* name, int64_t net_minor, int64_t sales_minor) {
  if (sales_minor <= 0) return null(name);
  return number(name, format_amount(divide_rounded(__int128(net_minor) * 10000, sales_minor), 4));
}

const char* under_b(int64_t difference_minor) {
  return difference_minor > 0 ? "gains" : difference_minor < 0 ? "loses" : "same";
}

const CommissionFigures* row_figures(const CommissionStatement& s, Index salesperson) {
  for (const CommissionRow& row : s.rows) {
    if (row.salesperson == salesperson) return &row.total;
  }
  return nullptr;
}

// What a plan rewards, from a row's or the statement's figures (the comparison's profile,
// exact): cash and commission on time and late, per 1,000 collected, cost / sales.
std::vector<Field> reward_fields(const CommissionFigures& f, int d) {
  return {amount("collected_on_time", f.collected_on_time_minor, d),
          amount("commission_on_time", f.commission_on_time_minor, d),
          per_1000("per_1000_on_time", f.commission_on_time_minor, f.collected_on_time_minor, d),
          amount("collected_late", f.collected_late_minor, d),
          amount("commission_late", f.commission_late_minor, d),
          per_1000("per_1000_late", f.commission_late_minor, f.collected_late_minor, d),
          effective_rate("effective_rate", f.net_minor, f.sales_minor)};
}

// A salesperson's row: payable and net under A and B, difference, then A's and B's rewards
// (names suffixed _a and _b).
std::vector<Field> comparison_fields(const CommissionComparisonRow& r, const CommissionFigures& fa,
                                     const CommissionFigures& fb, int d) {
  std::vector<Field> out = {amount("payable_a", r.payable_a_minor, d),
                            amount("payable_b", r.payable_b_minor, d),
                            amount("difference", r.difference_minor, d),
                            text("under_b", under_b(r.difference_minor)),
                            amount("net_a", r.net_a_minor, d),
                            amount("net_b", r.net_b_minor, d)};
  static const std::vector<std::string> kSuffixed = [] {
    std::vector<std::string> names;
    for (const Field& f : reward_fields(CommissionFigures{}, 2)) {
      names.push_back(std::string(f.name) + "_a");
      names.push_back(std::string(f.name) + "_b");
    }
    return names;
  }();
  std::vector<Field> ra = reward_fields(fa, d), rb = reward_fields(fb, d);
  for (size_t k = 0; k < ra.size(); ++k) {
    out.push_back({kSuffixed[2 * k].c_str(), ra[k].kind, ra[k].value});
    out.push_back({kSuffixed[2 * k + 1].c_str(), rb[k].kind, rb[k].value});
  }
  return out;
}

// The TOTAL row: the sums of the nets (costs) and payables, and each statement's totals.
CommissionComparisonRow total_row(const CommissionComparison& c) {
  CommissionComparisonRow t;
  t.net_a_minor = c.a.cost_minor;
  t.net_b_minor = c.b.cost_minor;
  t.payable_a_minor = c.a.payable_minor;
  t.payable_b_minor = c.b.payable_minor;
  t.difference_minor = t.payable_b_minor - t.payable_a_minor;
  return t;
}

std::vector<Field> plan_fields(const Book& book, const CommissionStatement& s) {
  const CommissionFigures& t = s.total;
  int d = book.minor_digits;
  std::vector<Field> out = {text("plan", s.plan.name),
                            text("basis", commission_basis_name(s.plan.basis)),
                            text("period", commission_period_name(s.plan.period)),
                            text("from", format_date(s.from)),
                            text("to", format_date(s.to)),
                            amount("cost", t.net_minor, d),
                            amount("payable", t.payable_minor, d),
                            amount("sales", t.sales_minor, d),
                            number("periods", std::to_string(t.periods)),
                            number("periods_failed", std::to_string(t.periods_failed)),
                            amount("voided", t.voided_minor, d)};
  for (Field& f : reward_fields(t, d)) out.push_back(std::move(f));
  return out;
}

// "plan A "Cash" (basis collected, by month)"; with `dates`, its own period too (plans that
// settle by different periods start at different dates).
std::string plan_title(const CommissionStatement& s, const char* slot, bool dates) {
  const CommissionPlan& p = s.plan;
  return std::string("plan ") + slot + " \"" + table_text(p.name) + "\" (basis " +
         commission_basis_name(p.basis) + ", by " + commission_period_name(p.period) +
         (dates ? ", " + format_date(s.from) + " to " + format_date(s.to) : "") + ")";
}

}  // namespace

std::string commission_comparison_json(const Book& book, const CommissionStatement& a,
                                       const CommissionStatement& b) {
  int d = book.minor_digits;
  CommissionComparison c = compare_commission(book, a, b);
  std::string out = "{\n  ";
  append_members(out,
                 {text("format", kCommissionComparisonFormat), text("currency", book.currency)},
                 ",\n  ");
  out += ",\n  \"a\": {";
  append_members(out, plan_fields(book, a), ", ");
  out += "},\n  \"b\": {";
  append_members(out, plan_fields(book, b), ", ");
  out += "},\n  \"total\": {";
  append_members(out, comparison_fields(total_row(c), a.total, b.total, d), ", ");
  out += "},\n  \"salespeople\": [";
  const CommissionFigures none;
  for (size_t r = 0; r < c.rows.size(); ++r) {
    const CommissionComparisonRow& row = c.rows[r];
    const CommissionFigures* fa = row_figures(a, row.salesperson);
    const CommissionFigures* fb = row_figures(b, row.salesperson);
    out += r ? ",\n    {" : "\n    {";
    append_members(out,
                   {text("id", salesperson_id(book, row.salesperson)),
                    text("name", book.salespeople[row.salesperson].name)},
                   ", ");
    out += ", ";
    append_members(out, comparison_fields(row, fa ? *fa : none, fb ? *fb : none, d), ", ");
    out += "}";
  }
  out += c.rows.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string commission_comparison_csv(const Book& book, const CommissionStatement& a,
                                      const CommissionStatement& b) {
  int d = book.minor_digits;
  CommissionComparison c = compare_commission(book, a, b);
  const CommissionFigures none;
  std::string out = "salesperson,name";
  for (const Field& f : comparison_fields({}, none, none, d)) out += std::string(",") + f.name;
  out += '\n';
  for (const CommissionComparisonRow& row : c.rows) {
    const CommissionFigures* fa = row_figures(a, row.salesperson);
    const CommissionFigures* fb = row_figures(b, row.salesperson);
    csv_line(out,
             {text("salesperson", salesperson_id(book, row.salesperson)),
              text("name", book.salespeople[row.salesperson].name)},
             comparison_fields(row, fa ? *fa : none, fb ? *fb : none, d));
  }
  csv_line(out, {text("salesperson", "TOTAL"), text("name", "")},
           comparison_fields(total_row(c), a.total, b.total, d));
  return out;
}

std::string commission_comparison_table(const Book& book, const CommissionStatement& a,
                                        const CommissionStatement& b) {
  int d = book.minor_digits;
  CommissionComparison c = compare_commission(book, a, b);
  bool same = a.from == b.from && a.to == b.to;
  std::string out = "Comparing " + plan_title(a, "A", !same) + "\n     with " +
                    plan_title(b, "B", !same) + "\n" +
                    (same ? format_date(a.from) + " to " + format_date(a.to) + ", " : "") +
                    book.currency + "\n\n";
  Table t = {{"salesperson", "payable_a", "payable_b", "difference", "under_b", "net_a",
              "net_b"}};
  auto cells = [&](std::string key, const CommissionComparisonRow& r) {
    return std::vector<std::string>{std::move(key),
                                    money(r.payable_a_minor, d),
                                    money(r.payable_b_minor, d),
                                    money(r.difference_minor, d),
                                    under_b(r.difference_minor),
                                    money(r.net_a_minor, d),
                                    money(r.net_b_minor, d)};
  };
  for (const CommissionComparisonRow& row : c.rows) {
    t.push_back(cells(salesperson_id(book, row.salesperson), row));
  }
  CommissionComparisonRow total = total_row(c);
  t.push_back(cells("TOTAL", total));
  t.back()[4] = "";
  out += render(t, {0, 4}, true);
  out += "\ndifference: payable under B - payable under A (under_b: B gains or loses them money);"
         "\nnet: what the period's activity costs; TOTAL net: the total cost of each plan.\n";
  // What each plan rewards: the text of a field (money grouped, rates as percentages).
  auto shown = [&](const Field& f) -> std::string {
    if (f.kind == Kind::Null) return "n/a";
    if (f.kind == Kind::Amount) {
      int64_t v = 0;
      std::string why;
      return parse_amount(f.value, d, &v, &why) ? money(v, d) : f.value;
    }
    int64_t ratio_e4 = 0;  // The effective rate: 0.0867 -> 867 -> "8.67%".
    std::string why;
    return parse_amount(f.value, 4, &ratio_e4, &why) ? format_amount(ratio_e4, 2) + "%" : f.value;
  };
  std::vector<Field> ra = reward_fields(a.total, d), rb = reward_fields(b.total, d);
  const char* labels[] = {"collected on time",  "commission on time",
                          "  per 1,000 collected on time", "collected late",
                          "commission late", "  per 1,000 collected late",
                          "effective rate on sales (cost / sales)"};
  Table r = {{"what each plan rewards", "A", "B"},
             {"total cost (net)", money(a.total.net_minor, d), money(b.total.net_minor, d)},
             {"payable in the period", money(a.total.payable_minor, d),
              money(b.total.payable_minor, d)}};
  for (size_t k = 0; k < ra.size(); ++k) r.push_back({labels[k], shown(ra[k]), shown(rb[k])});
  auto failed = [](const CommissionFigures& f) {
    return std::to_string(f.periods_failed) + "/" + std::to_string(f.periods);
  };
  r.push_back({"periods voided by gates", failed(a.total), failed(b.total)});
  r.push_back({"voided", money(a.total.voided_minor, d), money(b.total.voided_minor, d)});
  out += "\n" + render(r, {0}, false);
  return out;
}

}  // namespace arlab
