// training_exercises_json.cpp: exercises, answers and feedback as JSON / CSV / text
// (io/training_exercises_json.h).
//
// [SECTION] Answers: reading
// [SECTION] Answers: writing
// [SECTION] Exercises
// [SECTION] Feedback
#include "io/training_exercises_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/money.h"
#include "io/book_json.h"
#include "io/cells.h"
#include "io/json_text.h"

namespace arlab {

namespace {

using json = nlohmann::json;

std::string jq(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}
std::string item(const std::string& base, size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

// =========================================================================================
// [SECTION] Answers: reading
// =========================================================================================

struct AnswerReader {
  std::vector<Problem>& problems;
  int digits = 2;
  void add(const std::string& place, std::string message) {
    if (problems.size() < kProblemsMax) problems.push_back({place, std::move(message)});
  }
  // A required member's value, or nullptr (and a problem).
  const json* need(const json& obj, const char* key, const std::string& place, const char* what) {
    if (obj.contains(key)) return &obj[key];
    add(place + "." + key, std::string("is required (") + what + ")");
    return nullptr;
  }
  // A name of a fixed list; `names` for the message.
  template <typename E, typename Parse>
  void name(const json& obj, const char* key, const std::string& place, const char* names,
            Parse parse, E* out) {
    const json* v = need(obj, key, place, names);
    if (!v) return;
    if (!v->is_string() || !parse(v->get_ref<const std::string&>(), out))
      add(place + "." + key, json_described(*v) + " is not one of " + names);
  }
  // "32.50": hundredths, 0 to 1,000,000.00.
  void hundredths(const json& obj, const char* key, const std::string& place, int32_t* out) {
    const json* v = need(obj, key, place, "a figure with at most 2 decimals, as a string");
    if (!v) return;
    int64_t x = 0;
    std::string why;
    if (!v->is_string() || !parse_amount(v->get_ref<const std::string&>(), 2, &x, &why) || x < 0 ||
        x > 100000000) {
      add(place + "." + key,
          "must be a figure from \"0\" to \"1000000.00\" with at most 2 "
          "decimals, as a string, not " +
              json_described(*v));
      return;
    }
    *out = int32_t(x);
  }
};

void read_order(AnswerReader& r, const json& v, const std::string& place, ExerciseAnswer* a) {
  const json* list = r.need(v, "order", place, "the customers' ids, first to work first");
  if (!list) return;
  if (!list->is_array() || list->size() > 100)
    return r.add(place + ".order",
                 "must be an array of customer ids, not " + json_described(*list));
  for (size_t i = 0; i < list->size(); i++) {
    const json& id = (*list)[i];
    if (!id.is_string() || id.get_ref<const std::string&>().empty())
      r.add(item(place + ".order", i), "must be a customer id, not " + json_described(id));
    else
      a->order.push_back(id.get<std::string>());
  }
}

void read_level(AnswerReader& r, const json& v, const std::string& place, ExerciseAnswer* a) {
  const json* x = r.need(v, "level", place, "0 for the reminder, 1 and up, or \"none\"");
  if (!x) return;
  if (*x == "none") {
    a->level = kLevelNone;
  } else if (x->is_number_integer() && x->get<int64_t>() >= 0 &&
             x->get<int64_t>() <= int64_t(kDunningLevelsMax)) {
    a->level = int32_t(x->get<int64_t>());
  } else {
    r.add(place + ".level", "must be 0 (the reminder), a level from 1 to " +
                                std::to_string(kDunningLevelsMax) + " or \"none\", not " +
                                json_described(*x));
  }
}

void read_buckets(AnswerReader& r, const json& v, const std::string& place, ExerciseAnswer* a) {
  const json* list = r.need(v, "buckets", place, "the open amount of each aging bucket");
  if (list && (!list->is_array() || list->size() > 20)) {
    r.add(place + ".buckets", "must be an array of amounts, not " + json_described(*list));
  } else if (list) {
    for (size_t i = 0; i < list->size(); i++) {
      const json& x = (*list)[i];
      int64_t minor = 0;
      std::string why;
      if (!x.is_string())
        r.add(item(place + ".buckets", i),
              "must be an amount as a string such as \"1200.00\", not " + json_described(x));
      else if (!parse_amount(x.get_ref<const std::string&>(), r.digits, &minor, &why))
        r.add(item(place + ".buckets", i), "bad amount " + json_described(x) + ": " + why);
      else if (minor < 0)
        r.add(item(place + ".buckets", i), "must not be negative");
      else
        a->buckets_minor.push_back(minor);
    }
  }
  r.hundredths(v, "dso", place, &a->dso_centidays);
  r.hundredths(v, "cei", place, &a->cei_centipoints);
}

void read_answer(AnswerReader& r, const json& v, const std::string& place, ExerciseAnswer* a) {
  if (!v.is_object())
    return r.add(place,
                 "must be an object ({\"exercise\": \"hold\", ...}), not " + json_described(v));
  const json* kind = r.need(v, "exercise", place,
                            "rank_worklist, dunning_level, hold, diagnose, aging_dso_cei or "
                            "commission_plans");
  if (!kind) return;
  if (!kind->is_string() || !parse_exercise_kind(kind->get_ref<const std::string&>(), &a->kind))
    return r.add(place + ".exercise", json_described(*kind) +
                                          " is not one of rank_worklist, dunning_level, hold, "
                                          "diagnose, aging_dso_cei, commission_plans");
  switch (a->kind) {
    case ExerciseKind::RankWorklist:
      check_known_members(v, place, {"exercise", "order"}, &r.problems);
      read_order(r, v, place, a);
      break;
    case ExerciseKind::DunningLevel:
      check_known_members(v, place, {"exercise", "level"}, &r.problems);
      read_level(r, v, place, a);
      break;
    case ExerciseKind::Hold: {
      check_known_members(v, place, {"exercise", "on_hold", "reason"}, &r.problems);
      const json* x = r.need(v, "on_hold", place, "true or false");
      if (x && !x->is_boolean())
        r.add(place + ".on_hold", "must be true or false, not " + json_described(*x));
      else if (x)
        a->on_hold = x->get<bool>();
      r.name(v, "reason", place, "none, over_limit, past_limit, manual", parse_hold_choice,
             &a->reason);
      break;
    }
    case ExerciseKind::Diagnose:
      check_known_members(v, place, {"exercise", "cause", "stance"}, &r.problems);
      r.name(v, "cause", place,
             "unknown, negligence, dispute, cash_shortage, triangular, deliberate", parse_cause,
             &a->cause);
      r.name(v, "stance", place, "unknown, cant_pay, wont_pay", parse_stance, &a->stance);
      break;
    case ExerciseKind::AgingDsoCei:
      check_known_members(v, place, {"exercise", "buckets", "dso", "cei"}, &r.problems);
      read_buckets(r, v, place, a);
      break;
    case ExerciseKind::CommissionPlans: {
      check_known_members(v, place, {"exercise", "plan", "measure"}, &r.problems);
      const json* x = r.need(v, "plan", place, "\"A\" or \"B\"");
      if (x && *x != "A" && *x != "B")
        r.add(place + ".plan", json_described(*x) + " is not one of A, B");
      else if (x)
        a->plan = *x == "B" ? 1 : 0;
      r.name(v, "measure", place, "cash, dso, commission, profit", parse_plan_measure, &a->measure);
      break;
    }
  }
}

}  // namespace

bool read_training_answers(std::string_view text, int minor_digits, std::string* scenario_id,
                           std::vector<ExerciseAnswer>* out, std::vector<Problem>* problems) {
  const size_t before = problems->size();
  out->clear();
  json root;
  if (!parse_json_object(text,
                         std::string("answers are {\"format\": \"") + kTrainingAnswersFormat +
                             "\", \"answers\": [...]}",
                         &root, problems))
    return false;
  AnswerReader r{*problems, minor_digits};
  check_known_members(root, "", {"format", "scenario", "answers"}, problems);
  if (!root.contains("format") || root["format"] != kTrainingAnswersFormat)
    r.add("format", std::string("must be \"") + kTrainingAnswersFormat + "\"" +
                        (root.contains("format") ? ", not " + json_described(root["format"]) : ""));
  if (const json* id = r.need(root, "scenario", "", "the scenario's id")) {
    if (!id->is_string())
      r.add("scenario", "must be the scenario's id as a string, not " + json_described(*id));
    else
      *scenario_id = id->get<std::string>();
  }
  if (problems->size() > before) return false;
  const json* list = r.need(root, "answers", "", "one answer an exercise");
  if (list && (!list->is_array() || list->size() > size_t(kExerciseKindCount))) {
    r.add("answers", "must be an array of at most " + std::to_string(kExerciseKindCount) +
                         " answers, not " + json_described(*list));
  } else if (list) {
    std::vector<size_t> first(kExerciseKindCount, SIZE_MAX);
    for (size_t i = 0; i < list->size(); i++) {
      ExerciseAnswer a;
      const size_t count = problems->size();
      read_answer(r, (*list)[i], item("answers", i), &a);
      if (problems->size() > count) continue;
      size_t& seen = first[size_t(a.kind)];
      if (seen != SIZE_MAX)
        r.add(item("answers", i) + ".exercise", std::string("\"") + exercise_kind_name(a.kind) +
                                                    "\" answered twice (first at answers[" +
                                                    std::to_string(seen) + "])");
      seen = std::min(seen, i);
      out->push_back(std::move(a));
    }
  }
  if (problems->size() > before) {
    out->clear();
    return false;
  }
  return true;
}

// =========================================================================================
// [SECTION] Answers: writing
// =========================================================================================

namespace {

std::string centi(int32_t v) {
  return format_amount(v, 2);
}

std::string answer_json(const ExerciseAnswer& a, int digits) {
  std::string out = "{\"exercise\": " + jq(exercise_kind_name(a.kind));
  switch (a.kind) {
    case ExerciseKind::RankWorklist: {
      out += ", \"order\": [";
      for (size_t i = 0; i < a.order.size(); i++) out += (i ? ", " : "") + jq(a.order[i]);
      out += "]";
      break;
    }
    case ExerciseKind::DunningLevel:
      out += ", \"level\": " +
             (a.level == kLevelNone ? std::string("\"none\"") : std::to_string(a.level));
      break;
    case ExerciseKind::Hold:
      out += std::string(", \"on_hold\": ") + (a.on_hold ? "true" : "false") +
             ", \"reason\": " + jq(hold_choice_name(a.reason));
      break;
    case ExerciseKind::Diagnose:
      out +=
          ", \"cause\": " + jq(cause_name(a.cause)) + ", \"stance\": " + jq(stance_name(a.stance));
      break;
    case ExerciseKind::AgingDsoCei: {
      out += ", \"buckets\": [";
      for (size_t i = 0; i < a.buckets_minor.size(); i++)
        out += (i ? ", " : "") + jq(format_amount(a.buckets_minor[i], digits));
      out += "], \"dso\": " + jq(centi(a.dso_centidays)) +
             ", \"cei\": " + jq(centi(a.cei_centipoints));
      break;
    }
    case ExerciseKind::CommissionPlans:
      out += std::string(", \"plan\": ") + (a.plan ? "\"B\"" : "\"A\"") +
             ", \"measure\": " + jq(plan_measure_name(a.measure));
      break;
  }
  return out + "}";
}

}  // namespace

std::string write_training_answers(std::string_view scenario_id,
                                   const std::vector<ExerciseAnswer>& answers, int minor_digits) {
  std::string out = "{\n  \"format\": " + jq(kTrainingAnswersFormat) +
                    ",\n  \"scenario\": " + jq(scenario_id) + ",\n  \"answers\": [";
  for (size_t i = 0; i < answers.size(); i++)
    out += (i ? ",\n    " : "\n    ") + answer_json(answers[i], minor_digits);
  out += answers.empty() ? "]" : "\n  ]";
  return out + "\n}\n";
}

// =========================================================================================
// [SECTION] Exercises
// =========================================================================================

namespace {

std::string strings_json(const std::vector<std::string>& list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); i++) out += (i ? ", " : "") + jq(list[i]);
  return out + "]";
}

std::string table_json(const ExerciseTable& t) {
  std::string out =
      "{\"title\": " + jq(t.title) + ", \"header\": " + strings_json(t.header) + ", \"rows\": [";
  for (size_t i = 0; i < t.rows.size(); i++) out += (i ? ", " : "") + strings_json(t.rows[i]);
  return out + "]}";
}

std::string exercise_json(const Exercise& e, bool solve) {
  std::string out = "    {\"exercise\": " + jq(exercise_kind_name(e.kind)) +
                    ",\n     \"title\": " + jq(exercise_kind_label(e.kind)) +
                    ",\n     \"practices\": " + strings_json(e.practices) +
                    ",\n     \"question\": " + jq(e.question) +
                    ",\n     \"facts\": " + strings_json(e.facts) + ",\n     \"tables\": [";
  for (size_t i = 0; i < e.tables.size(); i++)
    out += (i ? ",\n       " : "\n       ") + table_json(e.tables[i]);
  out += "],\n     \"choices\": " + strings_json(e.choices) +
         ",\n     \"points\": " + std::to_string(e.max_points);
  if (solve)
    out += ",\n     \"answer\": " + answer_json(e.answer, e.minor_digits) +
           ",\n     \"answer_text\": " + jq(answer_text(e, e.answer)) +
           ",\n     \"working\": " + strings_json(e.working);
  return out + "}";
}

void csv_cell(std::string& out, const Exercise& e, const char* part, size_t row, size_t col,
              std::string_view value) {
  append_csv_text(out, e.scenario_id);
  out += ',';
  append_csv_text(out, exercise_kind_name(e.kind));
  out += ',';
  append_csv_text(out, part);
  out += ',' + std::to_string(row) + ',' + std::to_string(col) + ',';
  append_csv_text(out, value);
  out += '\n';
}

void table_block(std::string& out, const ExerciseTable& t) {
  out += "  " + table_text(t.title) + "\n";
  std::vector<std::vector<std::string>> rows;
  rows.push_back({});
  for (const std::string& h : t.header) rows.back().push_back(table_text(h));
  for (const auto& r : t.rows) {
    rows.push_back({});
    for (const std::string& c : r) rows.back().push_back(table_text(c));
  }
  std::string text = text_columns(rows, t.right);
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = text.find('\n', at);
    out += "    " + text.substr(at, end - at) + "\n";
    at = end == std::string::npos ? text.size() : end + 1;
  }
}

}  // namespace

std::string exercises_json(const std::vector<Exercise>& list, bool solve) {
  std::string out = "{\n  \"format\": " + jq(kTrainingExercisesFormat) +
                    ",\n  \"scenario\": " + jq(list.empty() ? "" : list[0].scenario_id) +
                    ",\n  \"exercises\": [";
  for (size_t i = 0; i < list.size(); i++)
    out += (i ? ",\n" : "\n") + exercise_json(list[i], solve);
  return out + (list.empty() ? "]" : "\n  ]") + "\n}\n";
}

std::string exercises_csv(const std::vector<Exercise>& list, bool solve) {
  std::string out = "scenario,exercise,part,row,column,value\n";
  for (const Exercise& e : list) {
    csv_cell(out, e, "question", 0, 0, e.question);
    for (size_t i = 0; i < e.practices.size(); i++)
      csv_cell(out, e, "practice", i, 0, e.practices[i]);
    for (size_t i = 0; i < e.facts.size(); i++) csv_cell(out, e, "fact", i, 0, e.facts[i]);
    for (size_t t = 0; t < e.tables.size(); t++) {
      const std::string part = "table" + std::to_string(t + 1);
      for (size_t c = 0; c < e.tables[t].header.size(); c++)
        csv_cell(out, e, part.c_str(), 0, c, e.tables[t].header[c]);
      for (size_t r = 0; r < e.tables[t].rows.size(); r++)
        for (size_t c = 0; c < e.tables[t].rows[r].size(); c++)
          csv_cell(out, e, part.c_str(), r + 1, c, e.tables[t].rows[r][c]);
    }
    for (size_t i = 0; i < e.choices.size(); i++) csv_cell(out, e, "choice", i, 0, e.choices[i]);
    if (!solve) continue;
    csv_cell(out, e, "answer", 0, 0, answer_text(e, e.answer));
    for (size_t i = 0; i < e.working.size(); i++) csv_cell(out, e, "working", i, 0, e.working[i]);
  }
  return out;
}

std::string exercises_table(const std::vector<Exercise>& list, bool solve) {
  std::string out;
  for (size_t i = 0; i < list.size(); i++) {
    const Exercise& e = list[i];
    out += (i ? "\n" : "") + std::to_string(i + 1) + ". " + exercise_kind_label(e.kind) + " (" +
           exercise_kind_name(e.kind) + ", " + std::to_string(e.max_points) +
           (e.max_points == 1 ? " point) [" : " points) [");
    for (size_t k = 0; k < e.practices.size(); k++) out += (k ? ", " : "") + e.practices[k];
    out += "]\n  " + table_text(e.question) + "\n";
    for (const std::string& f : e.facts) out += "  - " + table_text(f) + "\n";
    for (const ExerciseTable& t : e.tables) table_block(out, t);
    std::string choices;
    for (const std::string& c : e.choices) choices += (choices.empty() ? "" : ", ") + c;
    if (!choices.empty()) out += "  Choices: " + table_text(choices) + "\n";
    if (!solve) continue;
    out += "  Answer: " + table_text(answer_text(e, e.answer)) + "\n";
    for (const std::string& w : e.working) out += "    " + table_text(w) + "\n";
  }
  return out;
}

// =========================================================================================
// [SECTION] Feedback
// =========================================================================================

namespace {

struct Checked {
  const Exercise* e;
  const ExerciseAnswer* a;  // nullptr: not answered.
  ExerciseFeedback f;
};

std::vector<Checked> check_all(const std::vector<Exercise>& list,
                               const std::vector<ExerciseAnswer>& answers) {
  std::vector<Checked> out;
  for (const Exercise& e : list) {
    Checked c{&e, nullptr, {}};
    for (const ExerciseAnswer& a : answers)
      if (a.kind == e.kind) c.a = &a;
    if (c.a) {
      c.f = check_exercise(e, *c.a);
    } else {
      c.f.kind = e.kind;
      c.f.max = e.max_points;
      c.f.practices = e.practices;
      c.f.working = e.working;
      c.f.verdict = {"Not answered; the engine: " + answer_text(e, e.answer)};
    }
    out.push_back(std::move(c));
  }
  return out;
}

void totals(const std::vector<Checked>& list, int32_t* points, int32_t* max, int32_t* right) {
  *points = *max = *right = 0;
  for (const Checked& c : list) {
    *points += c.f.points;
    *max += c.f.max;
    *right += c.f.correct ? 1 : 0;
  }
}

}  // namespace

std::string feedback_json(const std::vector<Exercise>& list,
                          const std::vector<ExerciseAnswer>& answers) {
  const std::vector<Checked> all = check_all(list, answers);
  int32_t points = 0, max = 0, right = 0;
  totals(all, &points, &max, &right);
  std::string out = "{\n  \"format\": \"arlab-training-feedback/1\",\n  \"scenario\": " +
                    jq(list.empty() ? "" : list[0].scenario_id) +
                    ",\n  \"points\": " + std::to_string(points) +
                    ", \"max\": " + std::to_string(max) + ", \"right\": " + std::to_string(right) +
                    ", \"exercises\": " + std::to_string(all.size()) + ",\n  \"feedback\": [";
  for (size_t i = 0; i < all.size(); i++) {
    const Checked& c = all[i];
    out += std::string(i ? ",\n" : "\n") +
           "    {\"exercise\": " + jq(exercise_kind_name(c.e->kind)) +
           ", \"answered\": " + (c.a ? "true" : "false") +
           ", \"correct\": " + (c.f.correct ? "true" : "false") +
           ", \"points\": " + std::to_string(c.f.points) + ", \"max\": " + std::to_string(c.f.max) +
           ",\n     \"answer\": " + (c.a ? jq(answer_text(*c.e, *c.a)) : std::string("null")) +
           ", \"right_answer\": " + jq(answer_text(*c.e, c.e->answer)) +
           ",\n     \"practices\": " + strings_json(c.f.practices) +
           ",\n     \"verdict\": " + strings_json(c.f.verdict) +
           ",\n     \"working\": " + strings_json(c.f.working) + "}";
  }
  return out + (all.empty() ? "]" : "\n  ]") + "\n}\n";
}

std::string feedback_csv(const std::vector<Exercise>& list,
                         const std::vector<ExerciseAnswer>& answers) {
  std::string out = "scenario,exercise,answered,correct,points,max,practices\n";
  for (const Checked& c : check_all(list, answers)) {
    append_csv_text(out, c.e->scenario_id);
    out += ',';
    append_csv_text(out, exercise_kind_name(c.e->kind));
    out += std::string(",") + (c.a ? "yes" : "no") + "," + (c.f.correct ? "yes" : "no") + "," +
           std::to_string(c.f.points) + "," + std::to_string(c.f.max) + ",";
    std::string ids;
    for (const std::string& p : c.f.practices) ids += (ids.empty() ? "" : " ") + p;
    append_csv_text(out, ids);
    out += '\n';
  }
  return out;
}

std::string feedback_table(const std::vector<Exercise>& list,
                           const std::vector<ExerciseAnswer>& answers) {
  const std::vector<Checked> all = check_all(list, answers);
  int32_t points = 0, max = 0, right = 0;
  totals(all, &points, &max, &right);
  std::string out;
  for (size_t i = 0; i < all.size(); i++) {
    const Checked& c = all[i];
    out += std::to_string(i + 1) + ". " + exercise_kind_label(c.e->kind) + ": " +
           std::to_string(c.f.points) + " of " + std::to_string(c.f.max) +
           (c.f.correct ? " (right)" : "") + " [";
    for (size_t k = 0; k < c.f.practices.size(); k++) out += (k ? ", " : "") + c.f.practices[k];
    out += "]\n";
    for (const std::string& v : c.f.verdict) out += "  " + table_text(v) + "\n";
    out += "  Why:\n";
    for (const std::string& w : c.f.working) out += "    " + table_text(w) + "\n";
  }
  out += "\n" + std::to_string(right) + " of " + std::to_string(all.size()) + " right, " +
         std::to_string(points) + " of " + std::to_string(max) + " points\n";
  return out;
}

}  // namespace arlab
