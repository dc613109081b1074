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

// ["over_limit", "past_limit"]: a hold's reasons as a JSON array.
void append_hold_reasons(std::string& out, uint8_t hold) {
  out += '[';
  if (hold & kHoldOverLimit) out += "\"over_limit\"";
  if ((hold & kHoldOverLimit) && (hold & kHoldPastLimit)) out += ", ";
  if (hold & kHoldPastLimit) out += "\"past_limit\"";
  out += ']';
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
    out += ", \"reasons\": ";
    append_hold_reasons(out, c.hold);
    out += ", \"owed\": \"" + format_amount(c.owed_minor, digits) + "\", \"credit_limit\": ";
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
    out += (c.hold & kHoldOverLimit) ? ",true" : ",false";
    out += (c.hold & kHoldPastLimit) ? ",true," : ",false,";
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

// ---- The worklist -----------------------------------------------------------------------

namespace {

std::string days_text(int32_t days) {
  return days > 0 ? std::to_string(days) + " d overdue"
         : days == 0 ? "due today"
                     : "due in " + std::to_string(-days) + " d";
}

std::string invoice_id(const Book& book, const WorkItem& w) {
  return w.invoice == kNone ? std::string() : std::string(book.str(book.invoices[w.invoice].id));
}

}  // namespace

std::string worklist_table(const Book& book, Date as_of, const std::vector<WorkItem>& items,
                           const std::string& owner) {
  std::string out = "Worklist as of " + format_date(as_of) + " (" + table_text(book.currency) +
                    ")" + (owner.empty() ? "" : ", owner " + owner) + ": " +
                    std::to_string(items.size()) + (items.size() == 1 ? " item" : " items") +
                    ", most urgent first\n";
  if (items.empty()) return out;
  std::vector<std::vector<std::string>> rows = {
      {"#", "Action", "Owner", "Customer", "Name", "Invoice", "When", "Amount", "To do"}};
  for (size_t k = 0; k < items.size(); ++k) {
    const WorkItem& w = items[k];
    const Customer& cu = book.customers[w.customer];
    std::string todo = work_action_text(w.action);
    if (w.action == WorkAction::Hold) todo += " (" + reasons_text(w.hold) + ")";
    if (w.invoices > 1) todo += "; " + std::to_string(w.invoices) + " invoices";
    rows.push_back({std::to_string(k + 1), work_action_name(w.action), work_owner_name(w.owner),
                    table_text(cu.id), table_text(cu.name), table_text(invoice_id(book, w)),
                    w.invoice == kNone ? "" : days_text(w.days), amount(book, w.amount_minor),
                    todo});
  }
  out += '\n';
  out += text_columns(rows, {true, false, false, false, false, false, false, true, false});
  return out;
}

std::string worklist_json(const Book& book, Date as_of, const std::vector<WorkItem>& items,
                          const std::string& owner) {
  std::string out = "{\n  \"as_of\": \"" + format_date(as_of) + "\",\n  \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"owner\": ";
  append_json_string(out, owner.empty() ? "all" : owner);
  out += ",\n  \"items\": [";
  for (size_t k = 0; k < items.size(); ++k) {
    const WorkItem& w = items[k];
    const Customer& cu = book.customers[w.customer];
    out += k ? ",\n    {\"rank\": " : "\n    {\"rank\": ";
    out += std::to_string(k + 1) + ", \"action\": \"" + work_action_name(w.action) +
           "\", \"owner\": \"" + work_owner_name(w.owner) + "\", \"customer\": ";
    append_json_string(out, cu.id);
    out += ", \"name\": ";
    append_json_string(out, cu.name);
    out += ", \"invoice\": ";
    if (w.invoice == kNone) {
      out += "null";
    } else {
      append_json_string(out, invoice_id(book, w));
    }
    out += ", \"days_past_due\": " + std::to_string(w.days) +
           ", \"invoices\": " + std::to_string(w.invoices) + ", \"amount\": \"" +
           format_amount(w.amount_minor, book.minor_digits) + "\", \"todo\": ";
    append_json_string(out, work_action_text(w.action));
    if (w.action == WorkAction::Hold) {
      out += ", \"hold\": ";
      append_hold_reasons(out, w.hold);
    }
    out += '}';
  }
  out += items.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string worklist_csv(const Book& book, const std::vector<WorkItem>& items) {
  std::string out = "rank,action,owner,customer_id,customer_name,invoice,days_past_due,invoices,"
                    "amount,todo,hold\n";
  for (size_t k = 0; k < items.size(); ++k) {
    const WorkItem& w = items[k];
    const Customer& cu = book.customers[w.customer];
    out += std::to_string(k + 1) + ',' + work_action_name(w.action) + ',' +
           work_owner_name(w.owner) + ',';
    append_csv_text(out, cu.id);
    out += ',';
    append_csv_text(out, cu.name);
    out += ',';
    append_csv_text(out, invoice_id(book, w));
    out += ',' + std::to_string(w.days) + ',' + std::to_string(w.invoices) + ',';
    append_csv_number(out, format_amount(w.amount_minor, book.minor_digits));
    out += ',';
    append_csv_text(out, work_action_text(w.action));
    out += ',';
    append_csv_text(out, reasons_text(w.hold));  // Holds only: "over credit limit, ...".
    out += '\n';
  }
  return out;
}

}  // namespace arlab
