// charges_report.cpp: see charges_report.h.
#include "io/charges_report.h"

#include <algorithm>

#include "core/date.h"
#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "io/cells.h"

namespace arlab {

namespace {

std::string grouped(const Book& book, int64_t minor) {
  return format_amount_grouped(minor, book.minor_digits);
}

std::string percent(int32_t bp) { return format_amount(bp, 2); }

const char* rule_code(ChargeKind kind) {
  switch (kind) {
    case ChargeKind::Contract: return "contract";
    case ChargeKind::EuStatutory: return "eu";
    case ChargeKind::UkStatutory: return "uk";
  }
  return "";
}

std::string count_of(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "UK statutory: base rate 5.25% + 8.00 points = 13.25% a year, fixed GBP 40/70/100 by debt",
// "Contract: 12.00% a year, fee 25.00 an invoice".
std::string rule_text(const Book& book, const LateCharges& c) {
  const ChargeRule& r = c.rule;
  std::string out = std::string(charge_kind_name(r.kind)) + ": ";
  if (r.kind == ChargeKind::Contract) {
    return out + percent(c.rate_bp) + "% a year, fee " + grouped(book, r.contract_fee_minor) +
           " an invoice";
  }
  out += r.kind == ChargeKind::EuStatutory ? "ECB rate " : "base rate ";
  out += percent(r.reference_rate_bp) + "% + " + percent(kStatutoryMarginBp) + " points = " +
         percent(c.rate_bp) + "% a year, fixed ";
  out += r.kind == ChargeKind::EuStatutory ? "EUR 40 an invoice" : "GBP 40/70/100 by debt";
  return out;
}

}  // namespace

std::string charges_table(const Book& book, const LateCharges& c) {
  std::vector<std::vector<std::string>> rows = {
      {"Customer", "Invoice", "Due", "Days late", "Open", "Rate", "Interest", "Fixed"}};
  const std::string rate = percent(c.rate_bp) + "%";
  for (const CustomerCharges& cc : c.customers) {
    const std::string id = table_text(book.customers[cc.customer].id);
    for (uint32_t k = cc.first; k < cc.first + cc.count; ++k) {
      const InvoiceCharge& ic = c.invoices[k];
      const Invoice& inv = book.invoices[ic.invoice];
      rows.push_back({id, table_text(book.str(inv.id)), format_date(inv.due),
                      std::to_string(ic.days_late), grouped(book, ic.open_minor), rate,
                      grouped(book, ic.interest_minor), grouped(book, ic.fixed_minor)});
    }
    rows.push_back({id, "total", "", "", grouped(book, cc.open_minor), "",
                    grouped(book, cc.interest_minor), grouped(book, cc.fixed_minor)});
  }
  rows.push_back({"Total", "", "", "", grouped(book, c.open_minor), "",
                  grouped(book, c.interest_minor), grouped(book, c.fixed_minor)});
  std::string out = "Late-payment charges as of " + format_date(c.as_of) + " (" +
                    table_text(book.currency) + ")\n";
  out += rule_text(book, c) + "; days actual/365\n";
  out += count_of(c.invoices.size(), "overdue open invoice", "overdue open invoices") + " of " +
         count_of(c.customers.size(), "customer", "customers") + ": interest " +
         grouped(book, c.interest_minor) + ", fixed " + grouped(book, c.fixed_minor) +
         ", total " + grouped(book, c.interest_minor + c.fixed_minor) + "\n";
  if (!c.fixed_refusal.empty()) out += "Fixed sum: " + table_text(c.fixed_refusal) + "\n";
  out += "The claim to date, not booked: --book books what accrued since the last booking.\n";
  if (c.invoices.empty()) return out;
  out += '\n';
  // Days, amounts and the rate to the right.
  out += text_columns(rows, {false, false, false, true, true, true, true, true});
  return out;
}

std::string charges_json(const Book& book, const LateCharges& c) {
  const int digits = book.minor_digits;
  auto quoted = [](std::string text) {  // Never "literal" + string (GCC 12 -Wrestrict).
    text.insert(text.begin(), '"');
    text += '"';
    return text;
  };
  auto amount = [&](int64_t minor) { return quoted(format_amount(minor, digits)); };
  const bool statutory = c.rule.kind != ChargeKind::Contract;
  std::string out = "{\n  \"as_of\": \"" + format_date(c.as_of) + "\",\n  \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"rule\": \"" + std::string(rule_code(c.rule.kind)) + "\",\n  \"reference_rate\": ";
  out += statutory ? quoted(percent(c.rule.reference_rate_bp)) : "null";
  out += ",\n  \"margin\": ";
  out += statutory ? quoted(percent(kStatutoryMarginBp)) : "null";
  out += ",\n  \"rate\": \"" + percent(c.rate_bp) + "\",\n  \"day_count\": \"actual/365\"";
  out += ",\n  \"fixed_refused\": ";
  if (c.fixed_refusal.empty()) {
    out += "null";
  } else {
    append_json_string(out, c.fixed_refusal);
  }
  out += ",\n  \"invoices\": " + std::to_string(c.invoices.size()) +
         ",\n  \"open\": " + amount(c.open_minor) + ",\n  \"interest\": " +
         amount(c.interest_minor) + ",\n  \"fixed\": " + amount(c.fixed_minor) +
         ",\n  \"total\": " + amount(c.interest_minor + c.fixed_minor) + ",\n  \"customers\": [";
  for (size_t n = 0; n < c.customers.size(); ++n) {
    const CustomerCharges& cc = c.customers[n];
    const Customer& cu = book.customers[cc.customer];
    out += n ? ",\n    {\"id\": " : "\n    {\"id\": ";
    append_json_string(out, cu.id);
    out += ", \"name\": ";
    append_json_string(out, cu.name);
    out += ", \"open\": " + amount(cc.open_minor) + ", \"interest\": " +
           amount(cc.interest_minor) + ", \"fixed\": " + amount(cc.fixed_minor) +
           ", \"total\": " + amount(cc.interest_minor + cc.fixed_minor) + ", \"invoices\": [";
    for (uint32_t k = cc.first; k < cc.first + cc.count; ++k) {
      const InvoiceCharge& ic = c.invoices[k];
      const Invoice& inv = book.invoices[ic.invoice];
      out += k > cc.first ? ",\n      {\"invoice\": " : "\n      {\"invoice\": ";
      append_json_string(out, book.str(inv.id));
      out += ", \"due\": \"" + format_date(inv.due) + "\", \"days_late\": " +
             std::to_string(ic.days_late) + ", \"open\": " + amount(ic.open_minor) +
             ", \"interest\": " + amount(ic.interest_minor) + ", \"fixed\": " +
             amount(ic.fixed_minor) + "}";
    }
    out += "\n    ]}";
  }
  out += c.customers.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string charges_csv(const Book& book, const LateCharges& c) {
  const int digits = book.minor_digits;
  const std::string rate = percent(c.rate_bp);
  std::string out =
      "customer_id,customer_name,invoice,due,days_late,open,rate_percent,interest,fixed\n";
  for (const CustomerCharges& cc : c.customers) {
    const Customer& cu = book.customers[cc.customer];
    for (uint32_t k = cc.first; k < cc.first + cc.count; ++k) {
      const InvoiceCharge& ic = c.invoices[k];
      const Invoice& inv = book.invoices[ic.invoice];
      append_csv_text(out, cu.id);
      out += ',';
      append_csv_text(out, cu.name);
      out += ',';
      append_csv_text(out, book.str(inv.id));
      out += ',';
      append_csv_number(out, format_date(inv.due));
      out += ',';
      append_csv_number(out, std::to_string(ic.days_late));
      out += ',';
      append_csv_number(out, format_amount(ic.open_minor, digits));
      out += ',';
      append_csv_number(out, rate);
      out += ',';
      append_csv_number(out, format_amount(ic.interest_minor, digits));
      out += ',';
      append_csv_number(out, format_amount(ic.fixed_minor, digits));
      out += '\n';
    }
  }
  return out;
}

}  // namespace arlab
