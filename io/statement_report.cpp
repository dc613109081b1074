// statement_report.cpp: a statement of account as HTML, text and CSV (io/statement_report.h).
//
// [SECTION] Shared
// [SECTION] Text
// [SECTION] CSV
// [SECTION] HTML
#include "io/statement_report.h"

#include <algorithm>
#include <cassert>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "io/cells.h"

namespace arlab {

// =========================================================================================
// [SECTION] Shared
// =========================================================================================

const char* statement_kind_name(StatementLineKind kind) {
  switch (kind) {
    case StatementLineKind::Invoice: return "Invoice";
    case StatementLineKind::Payment: return "Payment";
    case StatementLineKind::CreditNote: return "Credit note";
    case StatementLineKind::WriteOff: return "Write-off";
    case StatementLineKind::Refund: return "Refund";
  }
  return "?";
}

namespace {

using Cells = std::vector<std::string>;

std::string_view document_id(const Book& book, const StatementLine& line) {
  switch (line.kind) {
    case StatementLineKind::Invoice: return book.str(book.invoices[line.document].id);
    case StatementLineKind::Payment: return book.str(book.payments[line.document].id);
    case StatementLineKind::CreditNote: return book.str(book.credit_notes[line.document].id);
    case StatementLineKind::WriteOff: return book.str(book.write_offs[line.document].id);
    case StatementLineKind::Refund: return book.str(book.refunds[line.document].id);
  }
  return {};
}

// What the line reduced: "A-0 50.00<sep>A-2 200.00" for payments and credit notes, the
// invoice id for a write-off, the payment a refund returns (if it names one), "" for an
// invoice.
std::string applied_to(const Book& book, const StatementLine& line, bool grouped,
                       std::string_view separator) {
  if (line.kind == StatementLineKind::WriteOff) {
    return std::string(book.str(book.invoices[line.invoice].id));
  }
  if (line.kind == StatementLineKind::Refund) {
    Index payment = book.refunds[line.document].payment;
    return payment == kNone ? std::string() : std::string(book.str(book.payments[payment].id));
  }
  std::string out;
  for (const StatementApplied& a : line.applied) {
    if (!out.empty()) out += separator;
    out += book.str(book.invoices[a.invoice].id);
    out += ' ';
    out += grouped ? format_amount_grouped(a.amount_minor, book.minor_digits)
                   : format_amount(a.amount_minor, book.minor_digits);
  }
  return out;
}

std::string due_text(const StatementLine& line) {
  return line.kind == StatementLineKind::Invoice ? format_date(line.due) : std::string();
}

// The cells of the transactions table: date, type, document, due, amount, balance, applied.
std::vector<Cells> line_rows(const Book& book, const Statement& s) {
  const int digits = book.minor_digits;
  std::vector<Cells> rows;
  rows.push_back({format_date(s.from - 1), "Opening balance", "", "", "",
                  format_amount_grouped(s.opening_minor, digits), ""});
  for (const StatementLine& line : s.lines) {
    rows.push_back({format_date(line.date), statement_kind_name(line.kind),
                    std::string(document_id(book, line)), due_text(line),
                    format_amount_grouped(line.amount_minor, digits),
                    format_amount_grouped(line.balance_minor, digits),
                    applied_to(book, line, true, ", ")});
  }
  rows.push_back({format_date(s.to), "Closing balance", "", "", "",
                  format_amount_grouped(s.closing_minor, digits), ""});
  return rows;
}

// Aging header and amounts: one column per bucket, then open, unapplied, balance.
std::vector<Cells> aging_rows(const Book& book, const Statement& s) {
  Cells header = s.bucket_names, amounts;
  for (const char* name : {"Open", "Unapplied", "Balance"}) header.push_back(name);
  std::vector<int64_t> values = s.aging_amounts_minor;
  values.insert(values.end(), {s.open_minor, s.unapplied_minor, s.closing_minor});
  for (int64_t a : values) amounts.push_back(format_amount_grouped(a, book.minor_digits));
  return {header, amounts};
}

// Open invoices at `to`: invoice, date, due, days past due, bucket, open.
std::vector<Cells> open_item_rows(const Book& book, const Statement& s) {
  std::vector<Cells> rows;
  for (const StatementOpenItem& item : s.open_items) {
    const Invoice& v = book.invoices[item.invoice];
    rows.push_back({std::string(book.str(v.id)), format_date(v.date), format_date(v.due),
                    std::to_string(item.days_past_due), s.bucket_names[item.bucket],
                    format_amount_grouped(item.open_minor, book.minor_digits)});
  }
  return rows;
}

std::string confirmation_sentence(const Book& book, const Statement& s) {
  return "We confirm the balance of " + book.currency + " " +
         format_amount_grouped(s.closing_minor, book.minor_digits) + " as of " +
         format_date(s.to) + " is correct.";
}

}  // namespace

std::string statement_document_id(const Book& book, const StatementLine& line) {
  return std::string(document_id(book, line));
}

std::string statement_applied_to(const Book& book, const StatementLine& line) {
  return applied_to(book, line, true, ", ");
}

// =========================================================================================
// [SECTION] Text
// =========================================================================================

namespace {

// Columns separated by two spaces; `align` has 'l' or 'r' per column; no trailing spaces.
// Every cell is shown escaped (io/cells.h): ids and applied_to come from the book.
std::string format_table(std::vector<Cells> rows, std::string_view align) {
  std::vector<size_t> widths(align.size(), 0);
  for (Cells& row : rows)
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      row[i] = table_text(row[i]);
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  std::string out;
  for (const Cells& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      if (i) line += "  ";
      const size_t pad = widths[i] - display_width(row[i]);
      if (align[i] == 'r') line.append(pad, ' ');
      line += row[i];
      if (align[i] == 'l') line.append(pad, ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + '\n';
  }
  return out;
}

}  // namespace

std::string statement_text(const Book& book, const Statement& s) {
  const Customer& customer = book.customers[s.customer];
  std::string out = "Statement of account\n\n";
  out += "Customer:  " + table_text(customer.id) + "  " + table_text(customer.name) + "\n";
  out += "Period:    " + format_date(s.from) + " to " + format_date(s.to) + "\n";
  out += "Currency:  " + book.currency + "\n\n";
  std::vector<Cells> lines = line_rows(book, s);
  lines.insert(lines.begin(), {"Date", "Type", "Document", "Due", "Amount", "Balance",
                               "Applied to"});
  out += format_table(lines, "llllrrl");
  out += "\nAging at " + format_date(s.to) + "\n";
  out += format_table(aging_rows(book, s), std::string(s.bucket_names.size() + 3, 'r'));
  out += "\nOpen invoices at " + format_date(s.to) + "\n";
  std::vector<Cells> items = open_item_rows(book, s);
  if (items.empty()) {
    out += "(none)\n";
  } else {
    items.insert(items.begin(), {"Invoice", "Date", "Due", "Days past due", "Bucket", "Open"});
    out += format_table(items, "lllrlr");
  }
  out += '\n';  // Not "\n" + string: GCC 12 -Wrestrict false positive.
  out += confirmation_sentence(book, s);
  out += "\n\n";
  out += "Signature: ______________________  Name and title: ______________________\n\n";
  out += "Stamp:                             Date: ______________________\n";
  return out;
}

// =========================================================================================
// [SECTION] CSV
// =========================================================================================

namespace {

// customer_id,customer_name,date,type,document,due,applied_to,amount,balance: 't' a text
// cell (neutralised, io/cells.h), 'n' a number (dates and amounts, as formatted here).
constexpr std::string_view kCsvColumnKinds = "ttnttntnn";

void append_csv_row(std::string& out, const Cells& cells) {
  assert(cells.size() == kCsvColumnKinds.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    if (kCsvColumnKinds[i] == 't')
      append_csv_text(out, cells[i]);
    else
      append_csv_number(out, cells[i]);
  }
  out += '\n';
}

const char* csv_kind(StatementLineKind kind) {
  switch (kind) {
    case StatementLineKind::Invoice: return "invoice";
    case StatementLineKind::Payment: return "payment";
    case StatementLineKind::CreditNote: return "credit_note";
    case StatementLineKind::WriteOff: return "write_off";
    case StatementLineKind::Refund: return "refund";
  }
  return "?";
}

}  // namespace

std::string statement_csv(const Book& book, const Statement& s) {
  const int digits = book.minor_digits;
  const Customer& customer = book.customers[s.customer];
  std::string out = "customer_id,customer_name,date,type,document,due,applied_to,amount,balance\n";
  auto row = [&](Cells cells) {  // Every row names the customer: rows of many statements mix.
    cells.insert(cells.begin(), {customer.id, customer.name});
    append_csv_row(out, cells);
  };
  row({format_date(s.from - 1), "opening", "", "", "", "", format_amount(s.opening_minor, digits)});
  for (const StatementLine& line : s.lines) {
    row({format_date(line.date), csv_kind(line.kind), std::string(document_id(book, line)),
         due_text(line), applied_to(book, line, false, "; "),
         format_amount(line.amount_minor, digits), format_amount(line.balance_minor, digits)});
  }
  row({format_date(s.to), "closing", "", "", "", "", format_amount(s.closing_minor, digits)});
  return out;
}

// =========================================================================================
// [SECTION] HTML
// =========================================================================================

namespace {

std::string esc(std::string_view text) { return html_text(text); }

// Screen: an A4 sheet on grey. Print: A4 with 15 mm margins, rows never split, the
// confirmation block kept on one page.
constexpr const char* kCss = R"(@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #111; font: 10pt/1.4 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
.sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 15mm; background: #fff; }
h1 { font-size: 18pt; margin: 0 0 4mm; letter-spacing: 0.02em; }
h2 { font-size: 11pt; margin: 7mm 0 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
thead th { border-bottom: 1.5px solid #111; font-size: 8.5pt; text-transform: uppercase; }
tbody td { border-bottom: 0.5px solid #bbb; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
.small { font-size: 8.5pt; color: #444; }
table.meta { width: auto; }
table.meta th, table.meta td { border: 0; padding: 0.5mm 6mm 0.5mm 0; }
table.meta th { color: #444; font-weight: normal; }
table.meta td { font-weight: bold; }
tr.balance td { font-weight: bold; background: #f0f0f0; }
.confirm { margin-top: 9mm; border: 1.5px solid #111; padding: 5mm 6mm; }
.confirm h2 { margin-top: 0; }
.confirm-text { font-size: 11.5pt; font-weight: bold; margin: 3mm 0 2mm; }
.signatures { display: flex; flex-wrap: wrap; gap: 6mm 10mm; margin-top: 6mm; }
.signatures div { flex: 1 1 70mm; border-top: 1px solid #111; padding-top: 1mm; font-size: 8.5pt; }
.signatures .stamp { flex-basis: 70mm; height: 32mm; border: 1px dashed #777; padding: 1mm 2mm; }
@media screen { body { background: #d8d8d8; } .sheet { box-shadow: 0 1mm 4mm rgba(0,0,0,.3); } }
@media print {
  body { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  thead { display: table-header-group; }
  th, td { padding: 0.7mm 2mm; }
  h2 { margin-top: 5mm; }
  .confirm { margin-top: 6mm; }
  .signatures .stamp { height: 24mm; }
  tr, .confirm { break-inside: avoid; page-break-inside: avoid; }
}
)";

// One <tr> of escaped cells; `num` marks the right-aligned columns ('r' in align).
void append_tr(std::string& out, const Cells& cells, std::string_view align, const char* tag,
               const char* row_class = nullptr) {
  out += row_class ? std::string("<tr class=\"") + row_class + "\">" : std::string("<tr>");
  for (size_t i = 0; i < cells.size(); ++i) {
    const bool num = i < align.size() && align[i] == 'r';
    out += std::string("<") + tag + (num ? " class=\"num\">" : ">") + esc(cells[i]) + "</" +
           tag + ">";
  }
  out += "</tr>\n";
}

void append_table(std::string& out, const Cells& header, const std::vector<Cells>& rows,
                  std::string_view align) {
  out += "<table>\n<thead>";
  append_tr(out, header, align, "th");
  out += "</thead>\n<tbody>\n";
  for (const Cells& row : rows) append_tr(out, row, align, "td");
  out += "</tbody>\n</table>\n";
}

void append_header(std::string& out, const Book& book, const Statement& s) {
  const Customer& customer = book.customers[s.customer];
  out += "<h1>Statement of account</h1>\n<table class=\"meta\">\n";
  out += "<tr><th>Customer</th><td>" + esc(customer.name) + " (" + esc(customer.id) +
         ")</td></tr>\n";
  out += "<tr><th>Period</th><td>" + format_date(s.from) + " to " + format_date(s.to) +
         "</td></tr>\n";
  out += "<tr><th>Currency</th><td>" + esc(book.currency) + "</td></tr>\n";
  out += "<tr><th>Opening balance</th><td class=\"num\">" +
         format_amount_grouped(s.opening_minor, book.minor_digits) + "</td></tr>\n";
  out += "<tr><th>Closing balance</th><td class=\"num\">" +
         format_amount_grouped(s.closing_minor, book.minor_digits) + "</td></tr>\n</table>\n";
}

// Transactions: the opening and closing rows span the middle columns.
void append_lines(std::string& out, const Book& book, const Statement& s) {
  std::vector<Cells> rows = line_rows(book, s);
  out += "<h2>Transactions</h2>\n";
  Cells header = {"Date", "Type", "Document", "Due", "Applied to", "Amount", "Balance"};
  out += "<table>\n<thead>";
  append_tr(out, header, "lllllrr", "th");
  out += "</thead>\n<tbody>\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const Cells& r = rows[i];
    if (i == 0 || i + 1 == rows.size()) {  // Opening or closing balance.
      out += "<tr class=\"balance\"><td class=\"nowrap\">" + r[0] + "</td><td colspan=\"5\">" +
             r[1] + "</td><td class=\"num\">" + r[5] + "</td></tr>\n";
      continue;
    }
    append_tr(out, {r[0], r[1], r[2], r[3], r[6], r[4], r[5]}, "lllllrr", "td");
  }
  out += "</tbody>\n</table>\n";
}

void append_confirmation(std::string& out, const Book& book, const Statement& s) {
  out += "<section class=\"confirm\">\n<h2>Balance confirmation</h2>\n";
  out += "<p class=\"small\">Please check this statement. If the balance agrees with your "
         "records, sign and stamp this confirmation and return it to us; otherwise tell us "
         "which items differ.</p>\n";
  out += "<p class=\"confirm-text\">" + esc(confirmation_sentence(book, s)) + "</p>\n";
  out += "<p class=\"small\">Customer: " + esc(book.customers[s.customer].name) + " (" +
         esc(book.customers[s.customer].id) + ")</p>\n";
  out += "<div class=\"signatures\">\n<div>Signature</div>\n<div>Name and title</div>\n"
         "<div class=\"stamp\">Company stamp</div>\n<div>Date</div>\n</div>\n</section>\n";
}

}  // namespace

std::string statement_html(const Book& book, const Statement& s) {
  const Customer& customer = book.customers[s.customer];
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>Statement of account - " + esc(customer.id) + " - " + format_date(s.to) +
         "</title>\n<style>\n" + kCss + "</style>\n</head>\n<body>\n<div class=\"sheet\">\n";
  append_header(out, book, s);
  append_lines(out, book, s);
  out += "<h2>Aging at " + format_date(s.to) + "</h2>\n";
  std::vector<Cells> aging = aging_rows(book, s);
  append_table(out, aging[0], {aging[1]}, std::string(aging[0].size(), 'r'));
  out += "<h2>Open invoices at " + format_date(s.to) + "</h2>\n";
  std::vector<Cells> items = open_item_rows(book, s);
  if (items.empty()) {
    out += "<p>None.</p>\n";
  } else {
    append_table(out, {"Invoice", "Date", "Due", "Days past due", "Bucket", "Open"}, items,
                 "lllrlr");
  }
  append_confirmation(out, book, s);
  out += "</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace arlab
