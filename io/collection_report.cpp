// collection_report.cpp: see collection_report.h.
#include "io/collection_report.h"

#include <algorithm>

#include "core/date.h"
#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "io/cells.h"

namespace arlab {

namespace {

// One customer on hold, as the three formats need it.
struct Hold {
  Index customer = kNone;
  const CustomerPosition* position = nullptr;
  int64_t limit_minor = -1;
};

// The customers on hold, in book order (ids as the book lists them).
std::vector<Hold> holds_of(const Book& book, const CollectionPosition& p) {
  std::vector<Hold> out;
  for (size_t c = 0; c < p.customers.size(); ++c) {
    if (!p.customers[c].hold) continue;
    out.push_back({static_cast<Index>(c), &p.customers[c], book.customers[c].credit_limit_minor});
  }
  return out;
}

std::string reasons_text(uint8_t hold) {
  std::string out;
  if (hold & kHoldOverLimit) out = "over credit limit";
  if (hold & kHoldPastLimit) out += std::string(out.empty() ? "" : ", ") + "past 1/3 limit";
  return out;
}

std::string amount(const Book& book, int64_t minor) {
  return format_amount_grouped(minor, book.minor_digits);
}

// The invoice furthest past its own limit, in words: "INV-1 141 d overdue, limit 10 (act by
// day 40)", "INV-7 due in 21 d, limit 10 (act by day 40)".
std::string worst_text(const Book& book, const CollectionPosition& p, const CustomerPosition& c) {
  if (c.worst_invoice == kNone) return "";
  const InvoicePosition& w = p.invoices[c.worst_invoice];
  std::string when = w.days_past_due > 0 ? std::to_string(w.days_past_due) + " d overdue"
                     : w.days_past_due == 0 ? "due today"
                                            : "due in " + std::to_string(-w.days_past_due) + " d";
  return table_text(book.str(book.invoices[c.worst_invoice].id)) + " " + when + ", limit " +
         std::to_string(w.limit_days) + " (act by day " +
         std::to_string(w.period_days + w.limit_days) + ")";
}

}  // namespace

std::string holds_table(const Book& book, const CollectionPosition& p) {
  std::vector<Hold> holds = holds_of(book, p);
  std::vector<std::vector<std::string>> rows = {
      {"Customer", "Name", "Owed", "Limit", "Why", "Worst invoice"}};
  for (const Hold& h : holds) {
    const Customer& cu = book.customers[h.customer];
    rows.push_back({table_text(cu.id), table_text(cu.name), amount(book, h.position->owed_minor),
                    h.limit_minor >= 0 ? amount(book, h.limit_minor) : "none",
                    reasons_text(h.position->hold), worst_text(book, p, *h.position)});
  }
  std::string out = "Holds as of " + format_date(p.as_of) + " (" + book.currency + "): " +
                    std::to_string(holds.size()) + " of " +
                    std::to_string(book.customers.size()) + " customers on hold\n";
  if (holds.empty()) return out;
  out += '\n';
  out += text_columns(rows, {false, false, true, true, false, false});  // Amounts right.
  return out;
}

std::string holds_json(const Book& book, const CollectionPosition& p) {
  std::vector<Hold> holds = holds_of(book, p);
  const int digits = book.minor_digits;
  std::string out = "{\n  \"as_of\": \"" + format_date(p.as_of) + "\",\n  \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"customers\": " + std::to_string(book.customers.size()) +
         ",\n  \"on_hold\": " + std::to_string(holds.size()) + ",\n  \"holds\": [";
  for (size_t k = 0; k < holds.size(); ++k) {
    const Hold& h = holds[k];
    const CustomerPosition& c = *h.position;
    const Customer& cu = book.customers[h.customer];
    out += k ? ",\n    {\"id\": " : "\n    {\"id\": ";
    append_json_string(out, cu.id);
    out += ", \"name\": ";
    append_json_string(out, cu.name);
    out += ", \"reasons\": [";
    if (c.hold & kHoldOverLimit) out += "\"over_limit\"";
    if (c.hold & kHoldPastLimit) out += (c.hold & kHoldOverLimit) ? ", \"past_limit\"" : "\"past_limit\"";
    out += "], \"owed\": \"" + format_amount(c.owed_minor, digits) + "\", \"credit_limit\": ";
    out += h.limit_minor >= 0 ? "\"" + format_amount(h.limit_minor, digits) + "\"" : "null";
    out += ", \"over_limit_by\": ";
    out += h.limit_minor >= 0
               ? "\"" + format_amount(std::max<int64_t>(0, c.owed_minor - h.limit_minor), digits) +
                     "\""
               : "null";
    out += ", \"past_limit_invoices\": " + std::to_string(c.past_limit_count) + ", \"worst\": ";
    if (c.worst_invoice == kNone) {
      out += "null}";
      continue;
    }
    const InvoicePosition& w = p.invoices[c.worst_invoice];
    out += "{\"invoice\": ";
    append_json_string(out, book.str(book.invoices[c.worst_invoice].id));
    out += ", \"days_past_due\": " + std::to_string(w.days_past_due) +
           ", \"limit_days\": " + std::to_string(w.limit_days) +
           ", \"act_by_day\": " + std::to_string(w.period_days + w.limit_days) +
           ", \"open\": \"" + format_amount(w.open_minor, digits) + "\"}}";
  }
  out += holds.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string holds_csv(const Book& book, const CollectionPosition& p) {
  const int digits = book.minor_digits;
  std::string out =
      "customer_id,customer_name,over_limit,past_limit,owed,credit_limit,past_limit_invoices,"
      "worst_invoice,days_past_due,limit_days,act_by_day\n";
  for (const Hold& h : holds_of(book, p)) {
    const CustomerPosition& c = *h.position;
    append_csv_text(out, book.customers[h.customer].id);
    out += ',';
    append_csv_text(out, book.customers[h.customer].name);
    out += (c.hold & kHoldOverLimit) ? ",yes" : ",no";
    out += (c.hold & kHoldPastLimit) ? ",yes," : ",no,";
    append_csv_number(out, format_amount(c.owed_minor, digits));
    out += ',';
    if (h.limit_minor >= 0) append_csv_number(out, format_amount(h.limit_minor, digits));
    out += ',' + std::to_string(c.past_limit_count) + ',';
    if (c.worst_invoice != kNone) {
      const InvoicePosition& w = p.invoices[c.worst_invoice];
      append_csv_text(out, book.str(book.invoices[c.worst_invoice].id));
      out += ',' + std::to_string(w.days_past_due) + ',' + std::to_string(w.limit_days) + ',' +
             std::to_string(w.period_days + w.limit_days);
    } else {
      out += ",,,";
    }
    out += '\n';
  }
  return out;
}

}  // namespace arlab
