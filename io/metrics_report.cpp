// metrics_report.cpp: receivables metrics as JSON, CSV and a text table (io/metrics_report.h).
//
// [SECTION] Fields: one list of (name, kind, value) shared by the three formats
// [SECTION] JSON
// [SECTION] CSV
// [SECTION] Text table
#include "io/metrics_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/money.h"
#include "io/book_json.h"
#include "io/cells.h"

namespace arlab {

// The double's exact binary value m x 2^e, times 10^decimals, rounded half up with integer
// arithmetic only: the same digits on every platform, whatever its printf does with ties
// (glibc and musl round exact ties to even: 89.125 -> "89.12"; this gives "89.13").
std::string format_fixed(double value, int decimals) {
  using U128 = unsigned __int128;
  if (!std::isfinite(value) || decimals < 0 || decimals > 9) return "null";
  int exponent = 0;
  double fraction = std::frexp(std::fabs(value), &exponent);  // |value| = f x 2^exp, exact.
  U128 mantissa = U128(std::ldexp(fraction, 53));              // < 2^53, exact.
  int shift = exponent - 53;                                   // |value| = mantissa x 2^shift
  U128 scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  U128 scaled = 0;
  if (shift >= 0) {
    if (shift > 40) {  // Beyond 2^93: no figure of arlab gets there; let printf do it.
      char buf[400];
      std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
      return buf;
    }
    scaled = (mantissa << shift) * scale;
  } else if (-shift < 100) {  // Otherwise below 2^-47: rounds to 0 at 9 decimals or fewer.
    scaled = (mantissa * scale + (U128(1) << (-shift - 1))) >> -shift;
  }
  std::string digits;
  for (; scaled > 0 || int(digits.size()) <= decimals; scaled /= 10) {
    digits.insert(digits.begin(), char('0' + int(scaled % 10)));
  }
  if (decimals > 0) digits.insert(digits.end() - decimals, '.');
  bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return (std::signbit(value) && !zero) ? "-" + digits : digits;
}

namespace {

// =========================================================================================
// [SECTION] Fields
// =========================================================================================

enum class Kind : uint8_t { Text, Amount, Number, Bool };  // Text: a JSON string.

struct Field {
  const char* name;
  Kind kind;
  bool null = false;
  std::string value;       // Plain: "1200.50", "50.56", "true"; "" when null.
  int64_t amount_minor = 0;  // For Kind::Amount (grouped in the table).
};

constexpr int kDaysDecimals = 2;   // Days and percentages.
constexpr int kRatioDecimals = 4;

Field amount(const char* name, int64_t minor, int digits) {
  return {name, Kind::Amount, false, format_amount(minor, digits), minor};
}

Field number(const char* name, const std::optional<double>& v, int decimals) {
  if (!v) return {name, Kind::Number, true, "", 0};
  return {name, Kind::Number, false, format_fixed(*v, decimals), 0};
}

Field integer(const char* name, int64_t v) {
  return {name, Kind::Number, false, std::to_string(v), 0};
}

// The members of one metrics object, in the documented order (docs/METRICS.md).
std::vector<Field> metric_fields(const Metrics& m, int digits) {
  return {
      {"from", Kind::Text, false, format_date(m.from), 0},
      {"to", Kind::Text, false, format_date(m.to), 0},
      integer("days", m.days),
      amount("credit_sales", m.credit_sales_minor, digits),
      amount("cash_collected", m.cash_collected_minor, digits),
      amount("ar_begin", m.ar_begin_minor, digits),
      amount("ar_end", m.ar_end_minor, digits),
      amount("current_end", m.current_end_minor, digits),
      amount("overdue_end", m.overdue_end_minor, digits),
      number("dso", m.dso, kDaysDecimals),
      number("countback_dso", m.countback_dso, kDaysDecimals),
      {"exhausted", Kind::Bool, false, m.countback_exhausted ? "true" : "false", 0},
      number("best_possible_dso", m.best_possible_dso, kDaysDecimals),
      number("add", m.add, kDaysDecimals),
      number("cei", m.cei, kDaysDecimals),
      number("collection_rate", m.collection_rate, kRatioDecimals),
      number("overdue_ratio", m.overdue_ratio, kRatioDecimals),
      number("at_risk_ratio", m.at_risk_ratio, kRatioDecimals),
      integer("settled_count", m.settled_count),
      number("avg_days_to_pay", m.avg_days_to_pay, kDaysDecimals),
      number("weighted_days_to_pay", m.weighted_days_to_pay, kDaysDecimals),
      number("avg_days_late", m.avg_days_late, kDaysDecimals),
      number("weighted_days_late", m.weighted_days_late, kDaysDecimals),
      number("late_share", m.late_share, kRatioDecimals),
      amount("interest_cost", m.interest_cost_minor, digits),
      amount("bad_debt_written_off", m.bad_debt_written_off_minor, digits),
      number("interest_to_bad_debt", m.interest_to_bad_debt, kRatioDecimals),
  };
}

void append_json_value(std::string& out, const Field& f) {
  if (f.null) {
    out += "null";
  } else if (f.kind == Kind::Text || f.kind == Kind::Amount) {
    append_json_string(out, f.value);
  } else {
    out += f.value;
  }
}

// `"name": value` pairs joined by `separator`.
void append_json_members(std::string& out, const std::vector<Field>& fields,
                         const char* separator) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += separator;
    out += '"';
    out += fields[i].name;
    out += "\": ";
    append_json_value(out, fields[i]);
  }
}

}  // namespace

// =========================================================================================
// [SECTION] JSON
// =========================================================================================

std::string metrics_json(const Book& book, const Metrics& total,
                         const std::vector<MetricsRow>* rows) {
  std::vector<Field> fields = metric_fields(total, book.minor_digits);
  // After days: the currency and the rate (exact: basis points with 4 decimals).
  fields.insert(fields.begin() + 3, {"currency", Kind::Text, false, book.currency, 0});
  fields.insert(fields.begin() + 4,
                {"rate", Kind::Number, false, format_amount(total.rate_bp, 4), 0});
  std::string out = "{\n  ";
  append_json_members(out, fields, ",\n  ");
  if (rows) {
    out += ",\n  \"rows\": [";
    for (size_t i = 0; i < rows->size(); ++i) {
      const MetricsRow& row = (*rows)[i];
      out += i ? ",\n    {\"key\": " : "\n    {\"key\": ";
      append_json_string(out, row.key);
      out += ", ";
      append_json_members(out, metric_fields(row.metrics, book.minor_digits), ", ");
      out += '}';
    }
    out += rows->empty() ? "]" : "\n  ]";
  }
  out += "\n}\n";
  return out;
}

// =========================================================================================
// [SECTION] CSV
// =========================================================================================

namespace {

// The key (a customer or salesperson id, a month, TOTAL) is text; the rest numbers.
void append_csv_line(std::string& out, std::string_view key, const std::vector<Field>& fields) {
  append_csv_text(out, key);
  for (const Field& f : fields) {
    out += ',';
    append_csv_number(out, f.value);  // Dates, numbers, plain amounts; null stays empty.
  }
  out += '\n';
}

}  // namespace

std::string metrics_csv(const Book& book, const Metrics& total,
                        const std::vector<MetricsRow>* rows) {
  std::vector<Field> fields = metric_fields(total, book.minor_digits);
  std::string out = "key";
  for (const Field& f : fields) {
    out += ',';
    out += f.name;
  }
  out += '\n';
  if (rows) {
    for (const MetricsRow& row : *rows) {
      append_csv_line(out, row.key, metric_fields(row.metrics, book.minor_digits));
    }
  }
  append_csv_line(out, "TOTAL", fields);
  return out;
}

// =========================================================================================
// [SECTION] Text table
// =========================================================================================

namespace {

std::string cell(const Field& f, int digits) {
  if (f.null) return "-";
  if (f.kind == Kind::Amount) return format_amount_grouped(f.amount_minor, digits);
  return f.value;
}

const Field& field_named(const std::vector<Field>& fields, std::string_view name) {
  for (const Field& f : fields) {
    if (name == f.name) return f;
  }
  return fields.front();  // Not reached: every caller names a member of metric_fields.
}

std::string table_title(const Book& book, const Metrics& m) {
  return "Metrics " + format_date(m.from) + " to " + format_date(m.to) + " (" +
         std::to_string(m.days) + " days, " + book.currency + ", rate " +
         format_amount(m.rate_bp, 2) + "%)\n\n";
}

std::string vertical_table(const Book& book, const Metrics& total) {
  std::vector<Field> fields = metric_fields(total, book.minor_digits);
  fields.erase(fields.begin(), fields.begin() + 3);  // from, to, days: in the title.
  size_t name_width = 0, value_width = 0;
  for (const Field& f : fields) {
    name_width = std::max(name_width, std::string_view(f.name).size());
    value_width = std::max(value_width, cell(f, book.minor_digits).size());
  }
  std::string out = table_title(book, total);
  for (const Field& f : fields) {
    std::string name = f.name, value = cell(f, book.minor_digits);
    out += name + std::string(name_width + 2 - name.size(), ' ');
    out += std::string(value_width - value.size(), ' ') + value + '\n';
  }
  return out;
}

// The columns of the table with rows; --format json or csv gives every figure.
constexpr const char* kRowColumns[] = {
    "credit_sales", "ar_end",        "overdue_end",   "dso",           "countback_dso",
    "cei",          "overdue_ratio", "avg_days_late", "interest_cost", "bad_debt_written_off"};

std::vector<std::string> row_cells(std::string key, const Metrics& m, int digits) {
  std::vector<Field> fields = metric_fields(m, digits);
  std::vector<std::string> cells{std::move(key)};
  for (const char* name : kRowColumns) cells.push_back(cell(field_named(fields, name), digits));
  return cells;
}

}  // namespace

std::string metrics_table(const Book& book, const Metrics& total,
                          const std::vector<MetricsRow>* rows) {
  if (!rows) return vertical_table(book, total);
  std::vector<std::vector<std::string>> lines;
  lines.push_back({"key"});
  for (const char* name : kRowColumns) lines.back().push_back(name);
  for (const MetricsRow& row : *rows) {
    lines.push_back(row_cells(row.key.empty() ? "(none)" : table_text(row.key), row.metrics,
                              book.minor_digits));
  }
  lines.push_back(row_cells("TOTAL", total, book.minor_digits));
  std::vector<size_t> widths(lines.front().size(), 0);
  for (const auto& line : lines) {
    for (size_t i = 0; i < line.size(); ++i)
      widths[i] = std::max(widths[i], display_width(line[i]));
  }
  size_t line_width = widths[0];
  for (size_t i = 1; i < widths.size(); ++i) line_width += 2 + widths[i];
  std::string out = table_title(book, total);
  for (size_t r = 0; r < lines.size(); ++r) {
    if (r + 1 == lines.size()) out += std::string(line_width, '-') + '\n';
    std::string text = lines[r][0] + std::string(widths[0] - display_width(lines[r][0]), ' ');
    for (size_t i = 1; i < lines[r].size(); ++i) {
      text += std::string(widths[i] + 2 - display_width(lines[r][i]), ' ') + lines[r][i];
    }
    out += text + '\n';
  }
  return out;
}

}  // namespace arlab
