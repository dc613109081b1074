// collection_json.cpp: the book's "collection" member (docs/FORMAT.md, "collection").
#include "io/collection_json.h"

#include <nlohmann/json.hpp>

#include "core/money.h"
#include "io/book_json.h"
#include "io/json_text.h"

namespace arlab {

namespace {

using json = nlohmann::json;

struct CollectionReader {
  Book& book;
  std::vector<Problem>* problems;
  bool ok = true;

  void add(const std::string& place, std::string message) {
    ok = false;
    if (problems->size() < kProblemsMax) problems->push_back({place, std::move(message)});
  }

  bool text(const json& v, const std::string& place, size_t max, std::string* out) {
    if (!v.is_string()) {
      add(place, "expected a string, got " + json_described(v));
      return false;
    }
    const std::string& s = v.get_ref<const std::string&>();
    if (s.size() > max) {
      add(place, "at most " + std::to_string(max) + " bytes (" + std::to_string(s.size()) + ")");
      return false;
    }
    *out = s;
    return true;
  }

  bool date(const json& v, const std::string& place, Date* out) {
    if (!v.is_string() || !parse_date(v.get_ref<const std::string&>(), out)) {
      add(place, "expected a date \"YYYY-MM-DD\", got " + json_described(v));
      return false;
    }
    return true;
  }

  bool days(const json& v, const std::string& place, int32_t lo, int32_t hi, int32_t* out) {
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(hi)) ||
        v.get<int64_t>() < lo || v.get<int64_t>() > hi) {
      add(place, "expected a whole number " + std::to_string(lo) + " to " + std::to_string(hi) +
                     ", got " + json_described(v));
      return false;
    }
    *out = int32_t(v.get<int64_t>());
    return true;
  }

  bool amount(const json& v, const std::string& place, int64_t* out) {
    std::string why;
    std::string t = v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : "";
    if ((!v.is_string() && !v.is_number()) || !parse_amount(t, book.minor_digits, out, &why)) {
      add(place, "expected an amount like \"120.00\", got " + json_described(v) +
                     (why.empty() ? "" : " (" + why + ")"));
      return false;
    }
    return true;
  }

  template <typename E>
  bool word(const json& v, const std::string& place, bool (*parse)(std::string_view, E*),
            const char* expected, E* out) {
    if (!v.is_string() || !parse(v.get_ref<const std::string&>(), out)) {
      add(place, std::string("expected one of ") + expected + ", got " + json_described(v));
      return false;
    }
    return true;
  }

  void policy(const json& p) {
    const std::string at = "collection.policy";
    if (!p.is_object()) return add(at, "expected an object, got " + json_described(p));
    CollectionPolicy& out = book.collection.policy;
    book.collection.policy_given = true;
    for (auto it = p.begin(); it != p.end(); ++it) {
      const std::string& k = it.key();
      const json& v = it.value();
      std::string place = at + "." + json_path_key(k);
      if (k == "reminder_days") {
        days(v, place, 0, 365, &out.reminder_days);
      } else if (k == "reminder_template") {
        text(v, place, kLetterTemplateMax, &out.reminder_template);
      } else if (k == "letter_gap_days") {
        days(v, place, 0, 365, &out.letter_gap_days);
      } else if (k == "approval_over") {
        amount(v, place, &out.approval_over_minor);
      } else if (k == "levels") {
        if (!v.is_array() || v.empty() || v.size() > kDunningLevelsMax) {
          add(place, "expected an array of 1 to 9 levels, got " + json_described(v));
          continue;
        }
        out.levels.clear();
        for (size_t i = 0; i < v.size(); i++) {
          std::string lp = place + "[" + std::to_string(i) + "]";
          const json& l = v[i];
          if (!l.is_object()) {
            add(lp, "expected an object, got " + json_described(l));
            continue;
          }
          DunningLevel d;
          bool has_name = false, has_days = false;
          for (auto m = l.begin(); m != l.end(); ++m) {
            std::string mp = lp + "." + json_path_key(m.key());
            if (m.key() == "name") has_name = text(m.value(), mp, 40, &d.name);
            else if (m.key() == "days") has_days = days(m.value(), mp, 1, 3650, &d.days);
            else if (m.key() == "owner")
              word(m.value(), mp, parse_work_owner, "\"sales\", \"finance\", \"credit\"", &d.owner);
            else if (m.key() == "deadline_days") days(m.value(), mp, 0, 365, &d.deadline_days);
            else if (m.key() == "template")
              text(m.value(), mp, kLetterTemplateMax, &d.letter_template);
            else add(mp, "unknown member (a level has name, days, owner, deadline_days, template)");
          }
          if (!has_name) add(lp, "missing member \"name\"");
          if (!has_days) add(lp, "missing member \"days\"");
          out.levels.push_back(d);
        }
      } else if (k == "escalation") {
        if (!v.is_object()) {
          add(place, "expected an object, got " + json_described(v));
          continue;
        }
        for (auto m = v.begin(); m != v.end(); ++m) {
          std::string mp = place + "." + json_path_key(m.key());
          int e = 0;
          while (e < kEscalationCount && m.key() != escalation_name(Escalation(e))) e++;
          if (e == kEscalationCount) add(mp, "unknown stage (internal, field, agency, court)");
          else days(m.value(), mp, 1, 3650, &out.escalation_days[e]);
        }
      } else if (k == "reviews") {
        if (!v.is_array() || v.size() > kGradesMax) {
          add(place, "expected an array of at most 16 grades, got " + json_described(v));
          continue;
        }
        out.reviews.clear();
        for (size_t i = 0; i < v.size(); i++) {
          std::string rp = place + "[" + std::to_string(i) + "]";
          GradeReview g;
          if (!v[i].is_object() || !v[i].contains("months")) {
            add(rp, "expected {\"grade\": \"A\", \"months\": 12}, got " + json_described(v[i]));
            continue;
          }
          for (auto m = v[i].begin(); m != v[i].end(); ++m) {
            std::string mp = rp + "." + json_path_key(m.key());
            if (m.key() == "grade") text(m.value(), mp, kGradeLengthMax, &g.grade);
            else if (m.key() == "months") days(m.value(), mp, 1, 60, &g.months);
            else add(mp, "unknown member (a review has grade, months)");
          }
          out.reviews.push_back(g);
        }
      } else {
        add(place, "unknown member (the policy has reminder_days, letter_gap_days, levels, "
                   "escalation, approval_over, reviews, reminder_template)");
      }
    }
  }

  void record(const json& r, size_t i) {
    std::string at = "collection.records[" + std::to_string(i) + "]";
    if (!r.is_object()) return add(at, "expected an object, got " + json_described(r));
    CaseRecord out;
    auto kind = r.find("kind");
    if (kind == r.end()) return add(at, "missing member \"kind\"");
    if (!word(*kind, at + ".kind", parse_record_kind,
              "case, contact, promise, dispute, resolve, plan, hold, release, override, block, "
              "unblock, letter, extension, approval, recovery, review, snooze",
              &out.kind))
      return;
    bool has_id = false, has_date = false, has_customer = false;
    std::string customer_id;
    std::vector<std::string> invoice_ids;
    for (auto it = r.begin(); it != r.end(); ++it) {
      const std::string& k = it.key();
      const json& v = it.value();
      std::string place = at + "." + json_path_key(k);
      if (k == "kind") continue;
      if (k == "id") has_id = text(v, place, 64, &out.id);
      else if (k == "date") has_date = date(v, place, &out.date);
      else if (k == "customer") has_customer = text(v, place, 1000, &customer_id);
      else if (k == "invoices") {
        if (!v.is_array() || v.size() > kRecordInvoicesMax) {
          add(place, "expected an array of invoice ids, got " + json_described(v));
          continue;
        }
        for (size_t j = 0; j < v.size(); j++) {
          std::string id;
          if (text(v[j], place + "[" + std::to_string(j) + "]", 1000, &id)) {
            Index inv = find_invoice(book, id);
            if (inv == kNone) add(place + "[" + std::to_string(j) + "]", "unknown invoice " + json_quoted(id));
            else out.invoices.push_back(inv);
          }
        }
      } else if (k == "by") text(v, place, 200, &out.by);
      else if (k == "text") text(v, place, kRecordTextMax, &out.text);
      else if (k == "channel")
        word(v, place, parse_channel, "phone, email, sms, letter, visit", &out.channel);
      else if (k == "with") text(v, place, 200, &out.with);
      else if (k == "next_step") text(v, place, kRecordTextMax, &out.next_step);
      else if (k == "next_date") date(v, place, &out.next_date);
      else if (k == "owner")
        word(v, place, parse_work_owner, "sales, finance, credit", &out.owner);
      else if (k == "cause")
        word(v, place, parse_cause,
             "unknown, negligence, dispute, cash_shortage, triangular, deliberate", &out.cause);
      else if (k == "stance")
        word(v, place, parse_stance, "unknown, cant_pay, wont_pay", &out.stance);
      else if (k == "amount") amount(v, place, &out.amount_minor);
      else if (k == "limit") {
        if (v.is_null()) out.amount_minor = -1;
        else amount(v, place, &out.amount_minor);
      } else if (k == "until") date(v, place, &out.until);
      else if (k == "level") days(v, place, 0, int32_t(kDunningLevelsMax), &out.level);  // 0: reminder
      else if (k == "reason")
        word(v, place, parse_dispute_reason,
             "goods, service, price, delivery, sales_promise, other", &out.reason);
      else if (k == "outcome")
        word(v, place, parse_outcome, "upheld, rejected, withdrawn", &out.outcome);
      else if (k == "action")
        word(v, place, parse_recovery_action, "concession, goods_returned, collateral, legal",
             &out.action);
      else if (k == "grade") text(v, place, kGradeLengthMax, &out.grade);
      else if (k == "security")
        word(v, place, parse_security, "none, guarantee, prepayment", &out.security);
      else if (k == "ref") text(v, place, 64, &out.ref);
      else if (k == "instalments") {
        if (!v.is_array() || v.size() > kInstalmentsMax) {
          add(place, "expected an array of at most 120 instalments, got " + json_described(v));
          continue;
        }
        for (size_t j = 0; j < v.size(); j++) {
          std::string ip = place + "[" + std::to_string(j) + "]";
          Instalment in;
          if (!v[j].is_object() || !v[j].contains("due") || !v[j].contains("amount") ||
              v[j].size() != 2) {
            add(ip, "expected {\"due\": \"YYYY-MM-DD\", \"amount\": \"100.00\"}, got " +
                        json_described(v[j]));
            continue;
          }
          date(v[j]["due"], ip + ".due", &in.due);
          amount(v[j]["amount"], ip + ".amount", &in.amount_minor);
          out.instalments.push_back(in);
        }
      } else {
        add(place, "unknown member of a record (docs/FORMAT.md, \"collection\")");
      }
    }
    if (out.kind == RecordKind::Review && !r.contains("limit")) out.amount_minor = -1;
    if (!has_id) add(at, "missing member \"id\"");
    if (!has_date) add(at, "missing member \"date\"");
    if (!has_customer) add(at, "missing member \"customer\"");
    else {
      out.customer = find_customer(book, customer_id);
      if (out.customer == kNone) add(at + ".customer", "unknown customer " + json_quoted(customer_id));
    }
    book.collection.records.push_back(std::move(out));
  }
};

}  // namespace

bool read_collection_json(std::string_view text, Book& book, std::vector<Problem>* problems) {
  size_t before = problems->size();
  std::vector<Problem> syntax;
  if (!check_json(text, /*duplicates=*/true, &syntax)) {
    for (Problem& p : syntax) {
      p.place = p.place.empty() ? "collection" : "collection." + p.place;
      problems->push_back(p);
    }
    return false;
  }
  for (Problem& p : syntax) {
    p.place = p.place.empty() ? "collection" : "collection." + p.place;
    problems->push_back(p);
  }
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    problems->push_back({"collection", "expected an object {\"policy\": {...}, \"records\": [...]}, got " +
                                           (root.is_discarded() ? std::string("no JSON") : json_described(root))});
    return false;
  }
  CollectionReader r{book, problems};
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (it.key() == "policy") r.policy(it.value());
    else if (it.key() == "records") {
      if (!it.value().is_array()) {
        r.add("collection.records", "expected an array, got " + json_described(it.value()));
        continue;
      }
      book.collection.records.reserve(it.value().size());
      for (size_t i = 0; i < it.value().size() && problems->size() < kProblemsMax; i++)
        r.record(it.value()[i], i);
    } else {
      r.add("collection." + json_path_key(it.key()), "unknown member (policy, records)");
    }
  }
  return r.ok && problems->size() == before;
}

namespace {

void member(std::string& out, const char* key, std::string_view value) {
  out += ", ";
  append_json_string(out, key);
  out += ": ";
  append_json_string(out, value);
}

void member_int(std::string& out, const char* key, int64_t value) {
  out += ", ";
  append_json_string(out, key);
  out += ": ";
  out += std::to_string(value);
}

}  // namespace

std::string case_record_json(const Book& book, const CaseRecord& r) {
  std::string out = "{\"id\": ";
  append_json_string(out, r.id);
  member(out, "kind", record_kind_name(r.kind));
  member(out, "date", format_date(r.date));
  member(out, "customer", r.customer < book.customers.size() ? book.customers[r.customer].id : "");
  if (!r.invoices.empty()) {
    out += ", \"invoices\": [";
    for (size_t k = 0; k < r.invoices.size(); k++) {
      if (k) out += ", ";
      append_json_string(out, r.invoices[k] < book.invoices.size()
                                  ? book.str(book.invoices[r.invoices[k]].id)
                                  : std::string_view());
    }
    out += ']';
  }
  const CaseRecord d;  // Defaults are not written.
  int md = book.minor_digits;
  switch (r.kind) {
    case RecordKind::Case:
      member(out, "owner", work_owner_name(r.owner));
      if (r.cause != Cause::Unknown) member(out, "cause", cause_name(r.cause));
      if (r.stance != Stance::Unknown) member(out, "stance", stance_name(r.stance));
      break;
    case RecordKind::Contact:
      member(out, "channel", channel_name(r.channel));
      if (!r.with.empty()) member(out, "with", r.with);
      break;
    case RecordKind::Promise:
      member(out, "amount", format_amount(r.amount_minor, md));
      member(out, "until", format_date(r.until));
      break;
    case RecordKind::Dispute:
      member(out, "reason", dispute_reason_name(r.reason));
      if (r.amount_minor > 0) member(out, "amount", format_amount(r.amount_minor, md));
      break;
    case RecordKind::Resolve:
      member(out, "ref", r.ref);
      member(out, "outcome", outcome_name(r.outcome));
      break;
    case RecordKind::Approval: member(out, "ref", r.ref); break;
    case RecordKind::Letter: member_int(out, "level", r.level); break;
    case RecordKind::Extension:
    case RecordKind::Snooze: member(out, "until", format_date(r.until)); break;
    case RecordKind::Recovery:
      member(out, "action", recovery_action_name(r.action));
      if (r.amount_minor > 0) member(out, "amount", format_amount(r.amount_minor, md));
      break;
    case RecordKind::Review:
      member(out, "grade", r.grade);
      if (r.amount_minor >= 0) member(out, "limit", format_amount(r.amount_minor, md));
      if (r.security != Security::None) member(out, "security", security_name(r.security));
      if (r.until != kNoDate) member(out, "until", format_date(r.until));
      break;
    case RecordKind::Plan:
      out += ", \"instalments\": [";
      for (size_t k = 0; k < r.instalments.size(); k++) {
        if (k) out += ", ";
        out += "{\"due\": ";
        append_json_string(out, format_date(r.instalments[k].due));
        out += ", \"amount\": ";
        append_json_string(out, format_amount(r.instalments[k].amount_minor, md));
        out += '}';
      }
      out += ']';
      break;
    default: break;
  }
  if (!r.by.empty()) member(out, "by", r.by);
  if (!r.text.empty()) member(out, "text", r.text);
  if (!r.next_step.empty()) member(out, "next_step", r.next_step);
  if (r.next_date != kNoDate) member(out, "next_date", format_date(r.next_date));
  (void)d;
  out += '}';
  return out;
}

void append_collection_json(std::string& out, const Book& book) {
  const Collection& c = book.collection;
  if (c.empty()) return;
  out += ",\n  \"collection\": {";
  bool first = true;
  if (c.policy_given) {
    const CollectionPolicy& p = c.policy;
    out += "\n    \"policy\": {\"reminder_days\": " + std::to_string(p.reminder_days) +
           ", \"letter_gap_days\": " + std::to_string(p.letter_gap_days) + ", \"approval_over\": ";
    append_json_string(out, format_amount(p.approval_over_minor, book.minor_digits));
    if (!p.reminder_template.empty()) {
      out += ", \"reminder_template\": ";
      append_json_string(out, p.reminder_template);
    }
    out += ",\n      \"levels\": [";
    for (size_t i = 0; i < p.levels.size(); i++) {
      out += i ? ",\n        " : "\n        ";
      out += "{\"name\": ";
      append_json_string(out, p.levels[i].name);
      out += ", \"days\": " + std::to_string(p.levels[i].days) + ", \"owner\": \"" +
             work_owner_name(p.levels[i].owner) +
             "\", \"deadline_days\": " + std::to_string(p.levels[i].deadline_days);
      if (!p.levels[i].letter_template.empty()) {  // Only when edited: defaults stay unwritten.
        out += ", \"template\": ";
        append_json_string(out, p.levels[i].letter_template);
      }
      out += '}';
    }
    out += "],\n      \"escalation\": {";
    for (int e = 0; e < kEscalationCount; e++) {
      if (e) out += ", ";
      out += std::string("\"") + escalation_name(Escalation(e)) + "\": " +
             std::to_string(p.escalation_days[e]);
    }
    out += "},\n      \"reviews\": [";
    for (size_t i = 0; i < p.reviews.size(); i++) {
      if (i) out += ", ";
      out += "{\"grade\": ";
      append_json_string(out, p.reviews[i].grade);
      out += ", \"months\": " + std::to_string(p.reviews[i].months) + "}";
    }
    out += "]}";
    first = false;
  }
  if (!c.records.empty()) {
    out += first ? "\n    \"records\": [" : ",\n    \"records\": [";
    for (size_t i = 0; i < c.records.size(); i++) {
      out += i ? ",\n      " : "\n      ";
      out += case_record_json(book, c.records[i]);
    }
    out += "\n    ]";
  }
  out += "\n  }";
}

}  // namespace arlab
