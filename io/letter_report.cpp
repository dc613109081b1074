// letter_report.cpp: a dunning letter as text, HTML and JSON (io/letter_report.h).
//
// [SECTION] Text
// [SECTION] HTML
// [SECTION] JSON
#include "io/letter_report.h"

#include <string_view>

#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "io/cells.h"

namespace arlab {

namespace {

constexpr const char* kClosing = "Yours sincerely,";
constexpr const char* kSender = "Accounts receivable";

std::string money(const Book& book, int64_t minor) {
  return book.currency + " " + format_amount_grouped(minor, book.minor_digits);
}

// Each line of `text` through table_text: a name cannot move the terminal's cursor.
std::string safe_lines(std::string_view text) {
  std::string out;
  size_t at = 0;
  while (true) {
    size_t end = text.find('\n', at);
    out += table_text(text.substr(at, end == std::string_view::npos ? end : end - at));
    if (end == std::string_view::npos) break;
    out += '\n';
    at = end + 1;
  }
  return out;
}

std::string to_line(const Book& book, const Letter& l) {
  const Customer& c = book.customers[l.customer];
  return c.name + " (" + c.id + ")";
}

}  // namespace

// =========================================================================================
// [SECTION] Text
// =========================================================================================

std::string letter_text(const Book& book, const Letter& l) {
  std::string out = safe_lines(l.subject) + "\n\nTo: " + safe_lines(to_line(book, l)) +
                    "\nDate: " + format_date(l.date) + "\n\n";
  for (const LetterParagraph& p : l.body) out += safe_lines(p.text) + "\n\n";
  out += std::string(kClosing) + "\n\n" + kSender + "\n";
  return out;
}

// =========================================================================================
// [SECTION] HTML
// =========================================================================================

namespace {

std::string esc(std::string_view text) { return html_text(text); }

// Escaped, line breaks kept.
std::string esc_lines(std::string_view text) {
  std::string out = esc(text);
  for (size_t at = out.find('\n'); at != std::string::npos; at = out.find('\n', at + 5))
    out.replace(at, 1, "<br>\n");
  return out;
}

// Screen: an A4 sheet on grey. Print: A4 with 20 mm margins, invoice rows never split.
constexpr const char* kCss = R"(@page { size: A4; margin: 20mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #111; font: 10.5pt/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
.sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 20mm; background: #fff; }
h1 { font-size: 15pt; margin: 8mm 0 5mm; }
p { margin: 0 0 3.5mm; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; }
th, td { padding: 1.2mm 2mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { border-bottom: 1.5px solid #111; font-size: 8.5pt; text-transform: uppercase; }
tbody td { border-bottom: 0.5px solid #bbb; }
tr.total td { font-weight: bold; border-bottom: 0; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.meta { width: auto; }
table.meta th, table.meta td { border: 0; padding: 0.3mm 6mm 0.3mm 0; }
table.meta th { color: #444; font-weight: normal; }
.closing { margin-top: 8mm; }
.sign { margin-top: 14mm; }
@media screen { body { background: #d8d8d8; } .sheet { box-shadow: 0 1mm 4mm rgba(0,0,0,.3); } }
@media print {
  body { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
)";

void append_invoices_table(std::string& out, const Book& book, const Letter& l) {
  out += "<table>\n<thead><tr><th>Invoice</th><th>Date</th><th>Due</th>"
         "<th class=\"num\">Days overdue</th><th class=\"num\">Open</th></tr></thead>\n<tbody>\n";
  for (const DunningItem& it : l.invoices) {
    if (it.is_instalment()) {  // Its plan in words across the invoice and date cells.
      out += "<tr><td colspan=\"2\">" + esc(letter_instalment_label(book, it)) + "</td><td>" +
             format_date(it.due) + "</td><td class=\"num\">" + std::to_string(it.days_overdue) +
             "</td><td class=\"num\">" +
             format_amount_grouped(it.open_minor, book.minor_digits) + "</td></tr>\n";
      continue;
    }
    const Invoice& v = book.invoices[it.invoice];
    out += "<tr><td>" + esc(book.str(v.id)) + "</td><td>" + format_date(v.date) + "</td><td>" +
           format_date(it.due) + "</td><td class=\"num\">" + std::to_string(it.days_overdue) +
           "</td><td class=\"num\">" +
           format_amount_grouped(it.open_minor, book.minor_digits) + "</td></tr>\n";
  }
  out += "<tr class=\"total\"><td colspan=\"4\">Total (" + esc(book.currency) +
         ")</td><td class=\"num\">" + format_amount_grouped(l.total_minor, book.minor_digits) +
         "</td></tr>\n</tbody>\n</table>\n";
}

}  // namespace

std::string letter_html(const Book& book, const Letter& l) {
  const Customer& c = book.customers[l.customer];
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>" + esc(l.subject) + " - " + esc(c.id) + " - " + format_date(l.date) +
         "</title>\n<style>\n" + kCss + "</style>\n</head>\n<body>\n<div class=\"sheet\">\n";
  out += "<table class=\"meta\">\n<tr><th>To</th><td>" + esc(c.name) + " (" + esc(c.id) +
         ")</td></tr>\n<tr><th>Date</th><td>" + format_date(l.date) +
         "</td></tr>\n<tr><th>Amount due</th><td>" + esc(money(book, l.total_minor)) +
         "</td></tr>\n<tr><th>" + (l.level == 0 ? "First due" : "Pay by") + "</th><td>" +
         format_date(l.deadline) + "</td></tr>\n</table>\n";
  out += "<h1>" + esc(l.subject) + "</h1>\n";
  for (const LetterParagraph& p : l.body) {
    if (p.invoices) append_invoices_table(out, book, l);
    else out += "<p>" + esc_lines(p.text) + "</p>\n";
  }
  out += std::string("<p class=\"closing\">") + kClosing + "</p>\n<p class=\"sign\">" + kSender +
         "</p>\n</div>\n</body>\n</html>\n";
  return out;
}

std::string letter_html_edited(const Book& book, const Letter& l, std::string_view text) {
  const Customer& c = book.customers[l.customer];
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>" + esc(l.subject) + " - " + esc(c.id) + " - " + format_date(l.date) +
         "</title>\n<style>\n" + kCss + "</style>\n</head>\n<body>\n<div class=\"sheet\">\n";
  // Paragraphs as the user left them: blank lines part them, line breaks stay.
  size_t from = 0;
  while (from <= text.size()) {
    size_t blank = text.find("\n\n", from);
    std::string_view para = text.substr(from, blank == std::string_view::npos ? text.npos : blank - from);
    if (!para.empty()) out += "<p>" + esc_lines(para) + "</p>\n";
    if (blank == std::string_view::npos) break;
    from = blank + 2;
  }
  out += "</div>\n</body>\n</html>\n";
  return out;
}

// =========================================================================================
// [SECTION] JSON
// =========================================================================================

std::string letter_json(const Book& book, const Letter& l) {
  const Customer& c = book.customers[l.customer];
  const int digits = book.minor_digits;
  auto str = [&](std::string& out, const char* key, std::string_view value) {
    out += std::string(",\n  \"") + key + "\": ";
    append_json_string(out, value);
  };
  std::string out = "{\n  \"customer\": ";
  append_json_string(out, c.id);
  str(out, "name", c.name);
  out += ",\n  \"date\": \"" + format_date(l.date) + "\",\n  \"level\": " +
         std::to_string(l.level);
  str(out, "level_name", l.level_name);
  out += std::string(",\n  \"owner\": \"") + work_owner_name(l.owner) + "\"";
  str(out, "subject", l.subject);
  out += ",\n  \"deadline\": \"" + format_date(l.deadline) + "\",\n  \"days_overdue\": " +
         std::to_string(l.days_overdue_max) + ",\n  \"stage\": \"" + escalation_name(l.stage) +
         "\"";
  str(out, "currency", book.currency);
  out += ",\n  \"total\": \"" + format_amount(l.total_minor, digits) + "\",\n  \"interest\": ";
  out += l.interest_too_large ? "null" : "\"" + format_amount(l.interest_minor, digits) + "\"";
  out += ",\n  \"interest_rate\": \"" + format_amount(l.interest_rate_bp, 2) + "\"";
  str(out, "interest_rule", l.interest_rule);
  str(out, "consequence", l.consequence);
  out += std::string(",\n  \"custom_template\": ") + (l.custom_template ? "true" : "false") +
         ",\n  \"invoices\": [";
  for (size_t k = 0; k < l.invoices.size(); k++) {
    const DunningItem& it = l.invoices[k];
    const Invoice& v = book.invoices[it.invoice];
    out += k ? ",\n    {\"id\": " : "\n    {\"id\": ";
    append_json_string(out, book.str(v.id));
    out += ", \"date\": \"" + format_date(v.date) + "\", \"due\": \"" + format_date(it.due) +
           "\", \"days_overdue\": " + std::to_string(it.days_overdue) + ", \"open\": \"" +
           format_amount(it.open_minor, digits) +
           "\", \"level_due\": " + std::to_string(it.level_due);
    if (it.is_instalment()) {  // "id"/"date": the plan's first invoice; the plan named here.
      const CaseRecord& plan = book.collection.records[it.plan_record];
      out += ", \"plan\": ";
      append_json_string(out, plan.id);
      out += ", \"plan_date\": \"" + format_date(plan.date) + "\", \"plan_invoices\": [";
      for (size_t n = 0; n < plan.invoices.size(); n++) {
        if (n) out += ", ";
        append_json_string(out, book.str(book.invoices[plan.invoices[n]].id));
      }
      out += "], \"instalment\": " + std::to_string(it.instalment + 1) +
             ", \"instalments\": " + std::to_string(it.instalments);
      out += ", \"text\": ";
      append_json_string(out, letter_instalment_label(book, it));
    }
    out += "}";
  }
  out += l.invoices.empty() ? "],\n  \"body\": [" : "\n  ],\n  \"body\": [";
  for (size_t k = 0; k < l.body.size(); k++) {
    out += k ? ",\n    " : "\n    ";
    append_json_string(out, l.body[k].text);
  }
  out += l.body.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace arlab
