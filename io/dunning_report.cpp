// dunning_report.cpp: see dunning_report.h.
#include "io/dunning_report.h"

#include "core/date.h"
#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "io/cells.h"

namespace arlab {

namespace {

std::string grouped(const Book& book, int64_t minor) {
  return format_amount_grouped(minor, book.minor_digits);
}

std::string plain(const Book& book, int64_t minor) {
  return format_amount(minor, book.minor_digits);
}

// The invoice cell: an instalment "INV-1 (instalment 2/3 of plan R-12)" (core dunning.h).
std::string invoice_id(const Book& book, const DunningItem& it) {
  return dunning_item_label(book, it);
}

// The JSON of an instalment item's plan (nothing for an invoice).
void append_plan_json(std::string& out, const Book& book, const DunningItem& it) {
  if (!it.is_instalment()) return;
  out += ", \"plan\": ";
  append_json_string(out, book.collection.records[it.plan_record].id);
  out += ", \"instalment\": " + std::to_string(it.instalment + 1) +
         ", \"instalments\": " + std::to_string(it.instalments);
}

std::string left_out_text(const DunningRun& run) {
  std::string out;
  auto part = [&](uint32_t n, const std::string& what) {
    if (n == 0) return;
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  };
  part(run.disputed_invoices, run.disputed_invoices == 1 ? "invoice disputed" : "invoices disputed");
  part(run.blocked_invoices, run.blocked_invoices == 1 ? "invoice blocked" : "invoices blocked");
  part(run.plan_invoices, run.plan_invoices == 1 ? "invoice in an instalment plan with a "
                                                   "disputed or blocked invoice"
                                                 : "invoices in instalment plans with a "
                                                   "disputed or blocked invoice");
  part(run.gap_customers, run.gap_customers == 1 ? "customer inside the letter gap"
                                                 : "customers inside the letter gap");
  return out;
}

}  // namespace

std::string dunning_table(const Book& book, const DunningRun& run) {
  const CollectionPolicy& p = book.collection.policy;
  std::string out = "Dunning run as of " + format_date(run.as_of) + " (" +
                    table_text(book.currency) + "): " + std::to_string(run.letters.size()) +
                    (run.letters.size() == 1 ? " letter, " : " letters, ") +
                    grouped(book, run.total_minor) + "\n";
  std::string left = left_out_text(run);
  if (!left.empty()) out += "Not dunned: " + left + "\n";
  if (!run.letters.empty()) {
    std::vector<std::vector<std::string>> rows = {{"Level", "Owner", "Customer", "Name", "Invoice",
                                                   "Due", "Days", "Level due", "Open",
                                                   "Deadline", "Stage"}};
    for (const DunningLetter& l : run.letters) {
      const Customer& c = book.customers[l.customer];
      rows.push_back({table_text(dunning_level_name(p, l.level)), work_owner_name(l.owner),
                      table_text(c.id), table_text(c.name), "", "", "", "",
                      grouped(book, l.total_minor), format_date(l.deadline),
                      escalation_name(l.stage)});
      for (uint32_t k = l.first; k < l.first + l.count; k++) {
        const DunningItem& it = run.items[k];
        rows.push_back({"", "", "", "", table_text(invoice_id(book, it)), format_date(it.due),
                        std::to_string(it.days_overdue),
                        table_text(dunning_level_name(p, it.level_due)),
                        grouped(book, it.open_minor), "", ""});
      }
    }
    out += '\n';
    out += text_columns(rows, {false, false, false, false, false, false, true, false, true,
                               false, false});
  }
  std::vector<std::vector<std::string>> totals = {{"Level", "Owner", "Letters", "Invoices", "Total"}};
  for (size_t level = 0; level < run.levels.size(); level++) {
    const DunningLevelTotal& t = run.levels[level];
    totals.push_back({table_text(dunning_level_name(p, int32_t(level))),
                      work_owner_name(dunning_level_owner(p, int32_t(level))),
                      std::to_string(t.letters), std::to_string(t.invoices),
                      grouped(book, t.total_minor)});
  }
  out += "\nBy level\n";
  out += text_columns(totals, {false, false, true, true, true});
  return out;
}

std::string dunning_json(const Book& book, const DunningRun& run) {
  const CollectionPolicy& p = book.collection.policy;
  std::string out = "{\n  \"as_of\": \"" + format_date(run.as_of) + "\",\n  \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"letters\": " + std::to_string(run.letters.size()) + ",\n  \"total\": \"" +
         plain(book, run.total_minor) + "\",\n  \"left_out\": {\"disputed\": " +
         std::to_string(run.disputed_invoices) +
         ", \"blocked\": " + std::to_string(run.blocked_invoices) +
         ", \"in_plan\": " + std::to_string(run.plan_invoices) +
         ", \"letter_gap_customers\": " + std::to_string(run.gap_customers) +
         "},\n  \"levels\": [";
  for (size_t level = 0; level < run.levels.size(); level++) {
    const DunningLevelTotal& t = run.levels[level];
    out += level ? ",\n    {\"level\": " : "\n    {\"level\": ";
    out += std::to_string(level) + ", \"name\": ";
    append_json_string(out, dunning_level_name(p, int32_t(level)));
    out += std::string(", \"owner\": \"") + work_owner_name(dunning_level_owner(p, int32_t(level))) +
           "\", \"letters\": " + std::to_string(t.letters) +
           ", \"invoices\": " + std::to_string(t.invoices) + ", \"total\": \"" +
           plain(book, t.total_minor) + "\"}";
  }
  out += "\n  ],\n  \"runs\": [";
  for (size_t n = 0; n < run.letters.size(); n++) {
    const DunningLetter& l = run.letters[n];
    const Customer& c = book.customers[l.customer];
    out += n ? ",\n    {\"customer\": " : "\n    {\"customer\": ";
    append_json_string(out, c.id);
    out += ", \"name\": ";
    append_json_string(out, c.name);
    out += ", \"level\": " + std::to_string(l.level) + ", \"level_name\": ";
    append_json_string(out, dunning_level_name(p, l.level));
    out += std::string(", \"owner\": \"") + work_owner_name(l.owner) + "\", \"total\": \"" +
           plain(book, l.total_minor) + "\", \"deadline\": \"" + format_date(l.deadline) +
           "\", \"stage\": \"" + escalation_name(l.stage) +
           "\", \"days_overdue\": " + std::to_string(l.days_overdue_max) + ",\n     \"invoices\": [";
    for (uint32_t k = l.first; k < l.first + l.count; k++) {
      const DunningItem& it = run.items[k];
      out += k > l.first ? ", {\"id\": " : "{\"id\": ";
      append_json_string(out, book.str(book.invoices[it.invoice].id));  // Plan: "plan" below.
      out += ", \"due\": \"" + format_date(it.due) + "\", \"days_overdue\": " +
             std::to_string(it.days_overdue) + ", \"open\": \"" + plain(book, it.open_minor) +
             "\", \"level_due\": " + std::to_string(it.level_due) +
             ", \"level_sent\": " + std::to_string(it.level_sent);
      append_plan_json(out, book, it);
      out += "}";
    }
    out += "]}";
  }
  out += run.letters.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string dunning_csv(const Book& book, const DunningRun& run) {
  const CollectionPolicy& p = book.collection.policy;
  std::string out = "customer_id,customer_name,level,level_name,owner,deadline,stage,"
                    "letter_total,invoice,due,days_overdue,open,level_due,level_sent\n";
  for (const DunningLetter& l : run.letters) {
    const Customer& c = book.customers[l.customer];
    for (uint32_t k = l.first; k < l.first + l.count; k++) {
      const DunningItem& it = run.items[k];
      append_csv_text(out, c.id);
      out += ',';
      append_csv_text(out, c.name);
      out += ',' + std::to_string(l.level) + ',';
      append_csv_text(out, dunning_level_name(p, l.level));
      out += std::string(",") + work_owner_name(l.owner) + ',' + format_date(l.deadline) + ',' +
             escalation_name(l.stage) + ',';
      append_csv_number(out, plain(book, l.total_minor));
      out += ',';
      append_csv_text(out, invoice_id(book, it));
      out += ',' + format_date(it.due) + ',' + std::to_string(it.days_overdue) + ',';
      append_csv_number(out, plain(book, it.open_minor));
      out += ',' + std::to_string(it.level_due) + ',' + std::to_string(it.level_sent) + '\n';
    }
  }
  return out;
}

std::string dunning_recorded_text(const Book& book, const std::vector<NewRecord>& records,
                                  Date as_of, const std::string& file) {
  const CollectionPolicy& p = book.collection.policy;
  if (records.empty())
    return "Nothing to record as of " + format_date(as_of) + ": no letter is due.\n";
  std::string out = "Recorded " + std::to_string(records.size()) +
                    (records.size() == 1 ? " letter" : " letters") + " dated " +
                    format_date(as_of) + " in " + table_text(file) + ":\n";
  std::vector<std::vector<std::string>> rows;
  for (const NewRecord& r : records) {
    size_t n = r.invoice_ids.size();
    rows.push_back({"  " + table_text(r.record.id), table_text(r.customer_id),
                    table_text(dunning_level_name(p, r.record.level)),
                    std::to_string(n) + (n == 1 ? " invoice" : " invoices")});
  }
  out += text_columns(rows, {false, false, false, false});
  return out;
}

}  // namespace arlab
