// reports.cpp: the aging report as JSON (shape fixed in docs/FORMAT.md), CSV and a text table.
//
// [SECTION] JSON
// [SECTION] CSV
// [SECTION] Text table
#include "io/reports.h"

#include <algorithm>

#include "core/money.h"
#include "io/book_json.h"
#include "io/cells.h"

namespace arlab {
namespace {

void append_amount_string(std::string& out, int64_t minor, int digits) {
  out += '"';
  out += format_amount(minor, digits);
  out += '"';
}

void append_amount_list(std::string& out, const std::vector<int64_t>& amounts, int digits) {
  out += '[';
  for (size_t i = 0; i < amounts.size(); ++i) {
    if (i) out += ", ";
    append_amount_string(out, amounts[i], digits);
  }
  out += ']';
}

// `"amounts": [...], "open": "...", "unapplied": "..."`, shared by customers and totals.
void append_amount_members(std::string& out, const std::vector<int64_t>& amounts, int64_t open,
                           int64_t unapplied, int digits) {
  out += "\"amounts\": ";
  append_amount_list(out, amounts, digits);
  out += ", \"open\": ";
  append_amount_string(out, open, digits);
  out += ", \"unapplied\": ";
  append_amount_string(out, unapplied, digits);
}

}  // namespace

// =========================================================================================
// [SECTION] JSON
// =========================================================================================

std::string aging_json(const Book& book, const AgingReport& report) {
  const int digits = book.minor_digits;
  std::string out = "{\n  \"as_of\": \"" + format_date(report.as_of) + "\",\n  \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"buckets\": [";
  for (size_t i = 0; i < report.bucket_names.size(); ++i) {
    if (i) out += ", ";
    append_json_string(out, report.bucket_names[i]);
  }
  out += "],\n  \"customers\": [";
  for (size_t i = 0; i < report.customers.size(); ++i) {
    const CustomerAging& c = report.customers[i];
    const Customer& customer = book.customers[c.customer];
    out += i ? ",\n    {\"id\": " : "\n    {\"id\": ";
    append_json_string(out, customer.id);
    out += ", \"name\": ";
    append_json_string(out, customer.name);
    out += ", ";
    append_amount_members(out, c.amounts_minor, c.open_minor, c.unapplied_minor, digits);
    if (report.total_disputed_minor) {
      out += ", \"disputed\": ";
      append_amount_string(out, c.disputed_minor, digits);
    }
    out += '}';
  }
  out += report.customers.empty() ? "],\n" : "\n  ],\n";
  out += "  \"totals\": {";
  append_amount_members(out, report.total_amounts_minor, report.total_open_minor,
                        report.total_unapplied_minor, digits);
  if (report.total_disputed_minor) {  // Shown apart only when something is disputed.
    out += ", \"disputed\": ";
    append_amount_string(out, report.total_disputed_minor, digits);
  }
  out += "}\n}\n";
  return out;
}

// =========================================================================================
// [SECTION] CSV
// =========================================================================================

namespace {

void append_csv_amounts(std::string& out, const std::vector<int64_t>& amounts, int64_t open,
                        int64_t unapplied, int digits, const int64_t* disputed = nullptr) {
  for (int64_t a : amounts) {
    out += ',';
    append_csv_number(out, format_amount(a, digits));
  }
  out += ',';
  append_csv_number(out, format_amount(open, digits));
  out += ',';
  append_csv_number(out, format_amount(unapplied, digits));
  if (disputed) {
    out += ',';
    append_csv_number(out, format_amount(*disputed, digits));
  }
  out += '\n';
}

}  // namespace

std::string aging_csv(const Book& book, const AgingReport& report) {
  std::string out = "customer_id,customer_name";
  for (const std::string& name : report.bucket_names) {
    out += ',';
    append_csv_text(out, name);
  }
  const bool disputed = report.total_disputed_minor != 0;  // The column only then.
  out += disputed ? ",open,unapplied,disputed\n" : ",open,unapplied\n";
  for (const CustomerAging& c : report.customers) {
    append_csv_text(out, book.customers[c.customer].id);
    out += ',';
    append_csv_text(out, book.customers[c.customer].name);
    append_csv_amounts(out, c.amounts_minor, c.open_minor, c.unapplied_minor, book.minor_digits,
                       disputed ? &c.disputed_minor : nullptr);
  }
  out += "TOTAL,";
  append_csv_amounts(out, report.total_amounts_minor, report.total_open_minor,
                     report.total_unapplied_minor, book.minor_digits,
                     disputed ? &report.total_disputed_minor : nullptr);
  return out;
}

// =========================================================================================
// [SECTION] Text table
// =========================================================================================

namespace {

constexpr size_t kNameWidthMax = 30;

std::string clip(std::string_view s, size_t width) {
  if (display_width(s) <= width) return std::string(s);
  size_t cut = 0;
  for (size_t seen = 0; cut < s.size(); ++cut) {  // Cut on a code point boundary.
    if ((static_cast<unsigned char>(s[cut]) & 0xC0) != 0x80 && seen++ == width - 3) break;
  }
  return std::string(s.substr(0, cut)) + "...";
}

void pad_right(std::string& out, std::string_view s, size_t width) {
  out += s;
  out.append(width - std::min(width, display_width(s)), ' ');
}

void pad_left(std::string& out, std::string_view s, size_t width) {
  out.append(width - std::min(width, display_width(s)), ' ');
  out += s;
}

struct Row {
  std::string id, name;
  std::vector<std::string> cells;  // Buckets, open, unapplied.
};

// Id and name shown escaped (io/cells.h), the name cut after escaping.
Row make_row(std::string_view id, std::string_view name, const std::vector<int64_t>& amounts,
             int64_t open, int64_t unapplied, int digits, const int64_t* disputed = nullptr) {
  Row row{table_text(id), clip(table_text(name), kNameWidthMax), {}};
  for (int64_t a : amounts) row.cells.push_back(format_amount_grouped(a, digits));
  row.cells.push_back(format_amount_grouped(open, digits));
  row.cells.push_back(format_amount_grouped(unapplied, digits));
  if (disputed) row.cells.push_back(format_amount_grouped(*disputed, digits));
  return row;
}

}  // namespace

std::string aging_table(const Book& book, const AgingReport& report) {
  std::vector<Row> rows;
  Row header{"Customer", "Name", report.bucket_names};
  header.cells.push_back("Open");
  header.cells.push_back("Unapplied");
  const bool disputed = report.total_disputed_minor != 0;  // "Of which disputed", only then.
  if (disputed) header.cells.push_back("Disputed");
  rows.push_back(header);
  for (const CustomerAging& c : report.customers) {
    const Customer& customer = book.customers[c.customer];
    rows.push_back(make_row(customer.id, customer.name, c.amounts_minor, c.open_minor,
                            c.unapplied_minor, book.minor_digits,
                            disputed ? &c.disputed_minor : nullptr));
  }
  rows.push_back(make_row("TOTAL", "", report.total_amounts_minor, report.total_open_minor,
                          report.total_unapplied_minor, book.minor_digits,
                          disputed ? &report.total_disputed_minor : nullptr));
  std::vector<size_t> widths(2 + header.cells.size(), 0);
  for (const Row& r : rows) {
    widths[0] = std::max(widths[0], display_width(r.id));
    widths[1] = std::max(widths[1], display_width(r.name));
    for (size_t i = 0; i < r.cells.size(); ++i) {
      widths[2 + i] = std::max(widths[2 + i], display_width(r.cells[i]));
    }
  }
  std::string out = "Aging as of " + format_date(report.as_of) + " (" + book.currency + ")\n\n";
  size_t line_width = widths[0] + 2 + widths[1];
  for (size_t i = 2; i < widths.size(); ++i) line_width += 2 + widths[i];
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r + 1 == rows.size()) out += std::string(line_width, '-') + '\n';
    std::string line;
    pad_right(line, rows[r].id, widths[0] + 2);
    pad_right(line, rows[r].name, widths[1]);
    for (size_t i = 0; i < rows[r].cells.size(); ++i) {
      pad_left(line, rows[r].cells[i], widths[2 + i] + 2);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

}  // namespace arlab
