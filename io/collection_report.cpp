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
    out.push_back({static_cast<Index>(c), &p.customers[c], p.customers[c].credit_limit_minor});
  }
  return out;
}

std::string reasons_text(uint8_t hold) { return hold_reasons_text(hold); }

// The hold's reasons as the table shows them: the automatic ones, then a hold by hand with
// its reason and date: "past 1/3 limit, on hold by hand: dispute open (2025-02-25)".
std::string why_text(const Book& book, const CustomerPosition& c) {
  std::string out = hold_reasons_text(c.hold & kHoldAutomatic);
  if (c.hold & kHoldManual) {
    const CaseRecord& r = book.collection.records[c.hold_record];
    out += std::string(out.empty() ? "" : ", ") + "on hold by hand: " + table_text(r.text) + " (" +
           format_date(r.date) + ")";
  }
  return out;
}

// ["over_limit", "past_limit", "manual"]: a hold's reasons as a JSON array.
void append_hold_reasons(std::string& out, uint8_t hold) {
  out += '[';
  const char* sep = "";
  if (hold & kHoldOverLimit) out += "\"over_limit\"", sep = ", ";
  if (hold & kHoldPastLimit) out += std::string(sep) + "\"past_limit\"", sep = ", ";
  if (hold & kHoldManual) out += std::string(sep) + "\"manual\"";
  out += ']';
}

// {"record": "R7", "reason": "...", "by": "...", "date": "..."} or null.
void append_record_ref(std::string& out, const Book& book, Index record) {
  if (record == kNone) {
    out += "null";
    return;
  }
  const CaseRecord& r = book.collection.records[record];
  out += "{\"record\": ";
  append_json_string(out, r.id);
  out += ", \"reason\": ";
  append_json_string(out, r.text);
  out += ", \"by\": ";
  append_json_string(out, r.by);
  out += ", \"date\": \"" + format_date(r.date) + "\"}";
}

// The customers a release in force keeps off hold, in book order.
std::vector<Index> released_of(const CollectionPosition& p) {
  std::vector<Index> out;
  for (size_t c = 0; c < p.customers.size(); ++c)
    if (p.customers[c].release_record != kNone && p.customers[c].lifted) out.push_back(Index(c));
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
                    why_text(book, *h.position), worst_text(book, p, *h.position)});
  }
  std::string out = "Holds as of " + format_date(p.as_of) + " (" + book.currency + "): " +
                    std::to_string(holds.size()) + " of " +
                    std::to_string(book.customers.size()) + " customers on hold\n";
  if (!holds.empty()) {
    out += '\n';
    out += text_columns(rows, {false, false, true, true, false, false});  // Amounts right.
  }
  std::vector<Index> released = released_of(p);
  if (!released.empty()) out += "\nReleased by hand (on hold again when a new reason arises):\n";
  for (Index c : released)
    out += "  " + table_text(book.customers[c].id) + "  " +
           table_text(hold_release_line(book, p, c)) + "\n";
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
    out += ", \"past_limit_invoices\": " + std::to_string(c.past_limit_count) + ", \"manual\": ";
    append_record_ref(out, book, c.hold_record);
    out += ", \"worst\": ";
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
  out += holds.empty() ? "],\n  \"released\": [" : "\n  ],\n  \"released\": [";
  std::vector<Index> released = released_of(p);
  for (size_t k = 0; k < released.size(); ++k) {
    const CustomerPosition& c = p.customers[released[k]];
    out += k ? ",\n    {\"id\": " : "\n    {\"id\": ";
    append_json_string(out, book.customers[released[k]].id);
    out += ", \"lifted\": ";
    append_hold_reasons(out, c.lifted);
    out += ", \"owed_at_release\": \"" + format_amount(c.owed_at_release_minor, digits) +
           "\", \"release\": ";
    append_record_ref(out, book, c.release_record);
    out += '}';
  }
  out += released.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string holds_csv(const Book& book, const CollectionPosition& p) {
  const int digits = book.minor_digits;
  std::string out =
      "customer_id,customer_name,over_limit,past_limit,owed,credit_limit,past_limit_invoices,"
      "worst_invoice,days_past_due,limit_days,act_by_day,manual,manual_reason\n";
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
    out += (c.hold & kHoldManual) ? ",true," : ",false,";
    if (c.hold & kHoldManual) append_csv_text(out, book.collection.records[c.hold_record].text);
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

// "Letter" column: "2 warning" for a send, or the level due beside another action.
std::string letter_text(const CollectionPosition& p, const WorkItem& w) {
  if (w.letter <= 0 || size_t(w.letter) > p.policy.levels.size()) return "";
  return std::to_string(w.letter) + " " + p.policy.levels[w.letter - 1].name;
}

// "When": the invoice's age, or for the case's own items the date they count from.
std::string when_text(const WorkItem& w) {
  switch (w.action) {
    case WorkAction::Chase: return std::to_string(w.days) + " d since pay-by";
    case WorkAction::Call:
    case WorkAction::Review: return w.days == 0 ? "due today" : std::to_string(w.days) + " d late";
    case WorkAction::Release: return "held " + std::to_string(w.days) + " d";
    default: return w.invoice == kNone ? "" : days_text(w.days);
  }
}

std::string snoozed_text(uint32_t snoozed) {
  return snoozed ? "; " + std::to_string(snoozed) + " snoozed left out" : "";
}

}  // namespace

std::string worklist_table(const Book& book, const CollectionPosition& p,
                           const std::vector<WorkItem>& items, const std::string& owner,
                           uint32_t snoozed) {
  std::string out = "Worklist as of " + format_date(p.as_of) + " (" + table_text(book.currency) +
                    ")" + (owner.empty() ? "" : ", owner " + owner) + ": " +
                    std::to_string(items.size()) + (items.size() == 1 ? " item" : " items") +
                    ", most urgent first" + snoozed_text(snoozed) + "\n";
  if (items.empty()) return out;
  bool letters = false;
  for (const WorkItem& w : items) letters |= w.letter > 0;
  std::vector<std::vector<std::string>> rows = {
      {"#", "Action", "Owner", "Customer", "Name", "Invoice", "When", "Amount", "To do"}};
  if (letters) rows[0].insert(rows[0].begin() + 8, "Letter");
  for (size_t k = 0; k < items.size(); ++k) {
    const WorkItem& w = items[k];
    const Customer& cu = book.customers[w.customer];
    rows.push_back({std::to_string(k + 1), work_action_name(w.action), work_owner_name(w.owner),
                    table_text(cu.id), table_text(cu.name), table_text(invoice_id(book, w)),
                    when_text(w), amount(book, w.amount_minor),
                    table_text(work_item_step(book, p, w))});
    if (letters) rows.back().insert(rows.back().begin() + 8, table_text(letter_text(p, w)));
  }
  out += '\n';
  std::vector<bool> right = {true, false, false, false, false, false, false, true, false};
  if (letters) right.push_back(false);
  out += text_columns(rows, right);
  return out;
}

std::string worklist_json(const Book& book, const CollectionPosition& p,
                          const std::vector<WorkItem>& items, const std::string& owner,
                          uint32_t snoozed) {
  std::string out = "{\n  \"as_of\": \"" + format_date(p.as_of) + "\",\n  \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"owner\": ";
  append_json_string(out, owner.empty() ? "all" : owner);
  out += ",\n  \"snoozed\": " + std::to_string(snoozed);
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
    out += ", \"step\": ";
    append_json_string(out, work_item_step(book, p, w));
    out += ", \"letter\": ";
    if (w.letter > 0) {
      out += "{\"level\": " + std::to_string(w.letter) + ", \"name\": ";
      append_json_string(out, p.policy.levels[w.letter - 1].name);
      out += '}';
    } else {
      out += "null";
    }
    if (w.action == WorkAction::Hold || w.action == WorkAction::Release) {
      out += ", \"hold\": ";
      append_hold_reasons(out, w.hold);
    }
    out += '}';
  }
  out += items.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string worklist_csv(const Book& book, const CollectionPosition& p,
                         const std::vector<WorkItem>& items) {
  std::string out = "rank,action,owner,customer_id,customer_name,invoice,days_past_due,invoices,"
                    "amount,todo,hold,letter,step\n";
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
    out += ',' + (w.letter > 0 ? std::to_string(w.letter) : std::string()) + ',';
    append_csv_text(out, work_item_step(book, p, w));
    out += '\n';
  }
  return out;
}

}  // namespace arlab
