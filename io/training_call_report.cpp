// training_call_report.cpp: a collection call as a table or JSON (training_call_report.h).
#include "io/training_call_report.h"

#include "core/date.h"
#include "core/money.h"
#include "io/book_json.h"
#include "io/cells.h"

namespace arlab {

namespace {

std::string jq(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}


std::string marks_json(const std::vector<RuleMark>& marks) {
  std::string out = "[";
  for (size_t k = 0; k < marks.size(); k++)
    out += std::string(k ? ", " : "") + "{\"rule\": " + std::to_string(marks[k].rule) +
           ", \"kept\": " + (marks[k].follows ? "true" : "false") + "}";
  return out + "]";
}

std::string header(const GameState& g, const CallState& s) {
  const Customer& c = g.book.customers[s.facts.customer];
  // Not the personality: the trainee finds it out by the call (the JSON, for trainers, has it).
  return "Call: " + table_text(c.id) + " " + table_text(s.facts.name) + ", " +
         table_text(s.facts.contact) +
         ", week " + std::to_string(s.week) + " (" + format_date(s.date) + "); " +
         table_text(g.scenario.id) + ", seed " + std::to_string(g.scenario.seed) + "\n";
}

}  // namespace

std::string training_call_table(const GameState& g, const CallState& s,
                                const std::vector<std::string>& week_events) {
  std::string out = header(g, s) + "\n";
  for (const CallTurn& t : s.transcript) {
    if (!t.customer_line.empty()) out += "  customer: " + table_text(t.customer_line) + "\n";
    out += "  you [" + std::to_string(t.choice) + "]:  " + table_text(t.trainee_line) + "\n";
    out += "    " + table_text(t.feedback) + "\n";
  }
  const CallNode& n = node(s);
  if (!n.customer_line.empty()) out += "  customer: " + table_text(n.customer_line) + "\n";
  if (!finished(s)) {
    out += "\nNext (" + std::string(call_stage_name(n.stage)) + "), choose one:\n";
    for (size_t k = 0; k < n.choices.size(); k++)
      out += "  " + std::to_string(k) + ": " + table_text(n.choices[k].text) + "\n";
    out += "\nThe call is not finished: add one of 0 to " + std::to_string(n.choices.size() - 1) +
           " to --choices.\n";
    return out;
  }
  const CallResult r = result(s);
  std::vector<std::vector<std::string>> rows = {{"Rule", "Points", "Max"}};
  for (const CallRule& rule : call_rules()) {
    const size_t k = size_t(rule.id - 1);
    rows.push_back({std::to_string(rule.id) + " " + rule.name,
                    r.max[k] ? std::to_string(r.points[k]) : "-", std::to_string(r.max[k])});
  }
  rows.push_back({"Total (0-100)", std::to_string(r.total), ""});
  out += "\n" + text_columns(rows, {false, true, true});
  for (const std::string& line : r.feedback) out += "  " + table_text(line) + "\n";
  out += "\nOutcome: " + std::string(call_outcome_name(r.outcome.kind)) + ": " +
         table_text(r.outcome.text) + "\n";
  out += "\nWeek " + std::to_string(s.week) + " with this call:\n";
  for (const std::string& e : week_events) out += "  " + table_text(e) + "\n";
  if (week_events.empty()) out += "  nothing happened\n";
  return out;
}

std::string training_call_json(const GameState& g, const CallState& s,
                               const std::vector<std::string>& week_events) {
  const int digits = g.book.minor_digits;
  std::string out = "{\n  \"format\": " + jq(kTrainingCallFormat);
  out += ",\n  \"scenario\": " + jq(g.scenario.id);
  out += ",\n  \"seed\": " + std::to_string(g.scenario.seed);
  out += ",\n  \"customer\": " + jq(g.book.customers[s.facts.customer].id);
  out += ",\n  \"personality\": " + jq(personality_name(s.facts.personality));
  out += ",\n  \"week\": " + std::to_string(s.week);
  out += ",\n  \"date\": " + jq(format_date(s.date));
  out += ",\n  \"choices\": [";
  for (size_t k = 0; k < s.choices.size(); k++)
    out += (k ? ", " : "") + std::to_string(s.choices[k]);
  out += "],\n  \"transcript\": [";
  for (size_t k = 0; k < s.transcript.size(); k++) {
    const CallTurn& t = s.transcript[k];
    out += (k ? ",\n    " : "\n    ") + std::string("{\"stage\": ") +
           jq(call_stage_name(t.stage)) + ", \"customer\": " + jq(t.customer_line) +
           ", \"choice\": " + std::to_string(t.choice) + ", \"trainee\": " + jq(t.trainee_line) +
           ",\n     \"rules\": " + marks_json(t.marks) + ", \"feedback\": " + jq(t.feedback) + "}";
  }
  out += s.transcript.empty() ? "]" : "\n  ]";
  const CallNode& n = node(s);
  out += ",\n  \"finished\": " + std::string(finished(s) ? "true" : "false");
  out += ",\n  \"last_line\": " + jq(n.customer_line);
  if (!finished(s)) {
    out += ",\n  \"next\": {\"stage\": " + jq(call_stage_name(n.stage)) + ", \"choices\": [";
    for (size_t k = 0; k < n.choices.size(); k++)
      out += (k ? ", " : "") + jq(n.choices[k].text);
    return out + "]}\n}\n";
  }
  const CallResult r = result(s);
  out += ",\n  \"score\": {\"total\": " + std::to_string(r.total) + ", \"rules\": [";
  for (const CallRule& rule : call_rules()) {
    const size_t k = size_t(rule.id - 1);
    out += std::string(k ? ", " : "") + "{\"rule\": " + std::to_string(rule.id) +
           ", \"name\": " + jq(rule.name) + ", \"practice\": " + jq(rule.practice) +
           ", \"points\": " + std::to_string(r.points[k]) +
           ", \"max\": " + std::to_string(r.max[k]) + "}";
  }
  out += "]}";
  out += ",\n  \"feedback\": [";
  for (size_t k = 0; k < r.feedback.size(); k++)
    out += (k ? ",\n    " : "\n    ") + jq(r.feedback[k]);
  out += r.feedback.empty() ? "]" : "\n  ]";
  const CallOutcome& o = r.outcome;
  out += ",\n  \"outcome\": {\"kind\": " + jq(call_outcome_name(o.kind)) +
         ", \"amount\": " + jq(format_amount(o.amount_minor, digits)) +
         ", \"date\": " + (o.date == kNoDate ? std::string("null") : jq(format_date(o.date))) +
         ", \"written\": " + (o.written ? "true" : "false") +
         ", \"invoice\": " +
         (o.invoice == kNone ? std::string("null")
                             : jq(std::string(g.book.str(g.book.invoices[o.invoice].id)))) +
         ", \"instalments\": " + std::to_string(o.instalments) + ", \"text\": " + jq(o.text) + "}";
  out += ",\n  \"week_events\": [";
  for (size_t k = 0; k < week_events.size(); k++)
    out += (k ? ",\n    " : "\n    ") + jq(week_events[k]);
  out += week_events.empty() ? "]" : "\n  ]";
  return out + "\n}\n";
}

}  // namespace arlab
