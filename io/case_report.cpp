// case_report.cpp: see case_report.h.
#include "io/case_report.h"

#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "io/cells.h"

namespace arlab {

namespace {

std::string amount(const Book& book, int64_t minor) {
  return format_amount_grouped(minor, book.minor_digits);
}

// The id of a timeline entry's document or record.
std::string_view entry_id(const Book& book, const TimelineEntry& e) {
  switch (e.source) {
    case TimelineSource::Invoice: return book.str(book.invoices[e.index].id);
    case TimelineSource::Payment: return book.str(book.payments[e.index].id);
    case TimelineSource::CreditNote: return book.str(book.credit_notes[e.index].id);
    case TimelineSource::WriteOff: return book.str(book.write_offs[e.index].id);
    case TimelineSource::Refund: return book.str(book.refunds[e.index].id);
    case TimelineSource::Record: return book.collection.records[e.index].id;
  }
  return "";
}

std::string hold_text(const Book& book, const CustomerCaseState& s) {
  if (s.manual_hold == kNone) return "none placed by hand";
  const CaseRecord& r = book.collection.records[s.manual_hold];
  return "since " + format_date(r.date) + ": " + r.text;
}

}  // namespace

std::string case_table(const Book& book, const CaseView& v) {
  const Customer& c = book.customers[v.customer];
  const CustomerCaseState& s = v.state;
  std::string out = "Case of " + table_text(c.id) + " " + table_text(c.name) + " as of " +
                    format_date(v.as_of) + " (" + book.currency + ")\n";
  std::vector<std::vector<std::string>> head = {
      {"Case", v.case_id.empty() ? "not opened" : table_text(v.case_id)},
      {"Owner", std::string(work_owner_name(s.owner)) + (s.has_case ? "" : " (by the letters' level)")},
      {"Cause", cause_label(s.cause)},
      {"Stance", stance_label(s.stance)},
      {"Hold", table_text(hold_text(book, s))},
      {"Letters sent", std::to_string(s.letters_sent) +
                           (s.last_letter == kNoDate ? "" : ", last " + format_date(s.last_letter))},
      {"Next step", s.next_date == kNoDate ? "-" : format_date(s.next_date)},
      {"Promises", std::to_string(s.promises_kept) + " kept, " + std::to_string(s.promises_broken) +
                       " broken, " + std::to_string(s.promises_pending) + " pending"},
      {"Disputed", std::to_string(s.disputes_open) + " invoice" + (s.disputes_open == 1 ? "" : "s") +
                       ", " + amount(book, s.disputed_minor)},
      {"Credit file", "grade " + (s.grade.empty() ? std::string("none") : table_text(s.grade)) +
                          ", limit " +
                          (s.credit_limit_minor < 0 ? std::string("none")
                                                    : amount(book, s.credit_limit_minor)) +
                          ", next review " +
                          (s.next_review == kNoDate ? std::string("-") : format_date(s.next_review))}};
  out += text_columns(head, {false, false});
  for (const PlanState& p : v.plans) {
    const CaseRecord& r = book.collection.records[p.record];
    out += "\nPlan " + table_text(r.id) + (p.approved ? "" : " (awaiting approval)") + ": " +
           amount(book, p.paid_minor) + " paid of " + amount(book, p.open_at_start_minor) + "\n";
    std::vector<std::vector<std::string>> rows = {{"Due", "Amount", "Open", ""}};
    for (const InstalmentState& in : p.instalments)
      rows.push_back({format_date(in.due), amount(book, in.amount_minor), amount(book, in.open_minor),
                      in.open_minor > 0 && in.due < v.as_of ? "overdue" : ""});
    out += text_columns(rows, {false, true, true, false});
  }
  out += "\nTimeline (" + std::to_string(v.timeline.size()) + ")\n";
  std::vector<std::vector<std::string>> rows = {{"Date", "Id", "What", "Amount", "Details"}};
  for (const TimelineEntry& e : v.timeline)
    rows.push_back({format_date(e.date), table_text(entry_id(book, e)), table_text(e.what),
                    e.amount_minor ? amount(book, e.amount_minor) : "", table_text(e.text)});
  out += text_columns(rows, {false, false, false, true, false});
  return out;
}

std::string case_json(const Book& book, const CaseView& v) {
  const Customer& c = book.customers[v.customer];
  const CustomerCaseState& s = v.state;
  auto str = [](std::string& out, std::string_view text) { append_json_string(out, text); };
  auto money = [&](std::string& out, int64_t m) { str(out, format_amount(m, book.minor_digits)); };
  auto date = [&](std::string& out, Date d) {
    if (d == kNoDate) out += "null";
    else str(out, format_date(d));
  };
  std::string out = "{\n  \"customer\": ";
  str(out, c.id);
  out += ", \"name\": ";
  str(out, c.name);
  out += ", \"as_of\": ";
  date(out, v.as_of);
  out += ", \"currency\": ";
  str(out, book.currency);
  out += ",\n  \"case\": ";
  if (v.case_id.empty()) out += "null";
  else str(out, v.case_id);
  out += ", \"owner\": ";
  str(out, work_owner_name(s.owner));
  out += std::string(", \"owner_by\": \"") + (s.has_case ? "case" : "level") + "\"";
  out += ", \"cause\": ";
  str(out, cause_name(s.cause));
  out += ", \"stance\": ";
  str(out, stance_name(s.stance));
  out += ",\n  \"hold\": ";
  if (s.manual_hold == kNone) out += "null";
  else {
    const CaseRecord& r = book.collection.records[s.manual_hold];
    out += "{\"record\": ";
    str(out, r.id);
    out += ", \"since\": ";
    date(out, r.date);
    out += ", \"reason\": ";
    str(out, r.text);
    out += "}";
  }
  out += ", \"letters_sent\": " + std::to_string(s.letters_sent) + ", \"last_letter\": ";
  date(out, s.last_letter);
  out += ", \"next_step\": ";
  date(out, s.next_date);
  out += ", \"next_review\": ";
  date(out, s.next_review);
  out += ", \"disputed\": ";
  money(out, s.disputed_minor);
  out += ",\n  \"promises\": [";
  for (size_t i = 0; i < v.promises.size(); ++i) {
    const PromiseLine& p = v.promises[i];
    out += i ? ",\n    " : "\n    ";
    out += "{\"record\": ";
    str(out, book.collection.records[p.record].id);
    out += ", \"made\": ";
    date(out, p.made);
    out += ", \"until\": ";
    date(out, p.until);
    out += ", \"amount\": ";
    money(out, p.amount_minor);
    out += ", \"paid\": ";
    money(out, p.paid_minor);
    out += ", \"status\": ";
    str(out, promise_status_name(p.status));
    out += ", \"kept_on\": ";
    date(out, p.kept_on);
    out += "}";
  }
  out += v.promises.empty() ? "],\n  \"plans\": [" : "\n  ],\n  \"plans\": [";
  for (size_t i = 0; i < v.plans.size(); ++i) {
    const PlanState& p = v.plans[i];
    out += i ? ",\n    " : "\n    ";
    out += "{\"record\": ";
    str(out, book.collection.records[p.record].id);
    out += std::string(", \"approved\": ") + (p.approved ? "true" : "false") + ", \"paid\": ";
    money(out, p.paid_minor);
    out += ", \"instalments\": [";
    for (size_t k = 0; k < p.instalments.size(); ++k) {
      if (k) out += ", ";
      out += "{\"due\": ";
      date(out, p.instalments[k].due);
      out += ", \"amount\": ";
      money(out, p.instalments[k].amount_minor);
      out += ", \"open\": ";
      money(out, p.instalments[k].open_minor);
      out += "}";
    }
    out += "]}";
  }
  out += v.plans.empty() ? "],\n  \"timeline\": [" : "\n  ],\n  \"timeline\": [";
  for (size_t i = 0; i < v.timeline.size(); ++i) {
    const TimelineEntry& e = v.timeline[i];
    out += i ? ",\n    " : "\n    ";
    out += "{\"date\": ";
    date(out, e.date);
    out += ", \"source\": ";
    str(out, timeline_source_name(e.source));
    out += ", \"id\": ";
    str(out, entry_id(book, e));
    out += ", \"what\": ";
    str(out, e.what);
    out += ", \"amount\": ";
    if (e.amount_minor) money(out, e.amount_minor);
    else out += "null";
    out += ", \"text\": ";
    str(out, e.text);
    out += "}";
  }
  out += v.timeline.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string case_csv(const Book& book, const CaseView& v) {
  std::string out = "date,source,id,what,amount,text\n";
  for (const TimelineEntry& e : v.timeline) {
    out += format_date(e.date);
    out += ',';
    out += timeline_source_name(e.source);
    out += ',';
    append_csv_text(out, entry_id(book, e));
    out += ',';
    append_csv_text(out, e.what);
    out += ',';
    if (e.amount_minor) out += format_amount(e.amount_minor, book.minor_digits);
    out += ',';
    append_csv_text(out, e.text);
    out += '\n';
  }
  return out;
}

}  // namespace arlab
