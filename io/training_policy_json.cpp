// training_policy_json.cpp: "arlab-training-policy/1" (training_policy_json.h).
#include "io/training_policy_json.h"

#include <nlohmann/json.hpp>

#include "core/money.h"
#include "io/json_text.h"

namespace arlab {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr size_t kPolicyTextMax = 4000;
constexpr int32_t kDaysMax = 3650;

// The reading of one policy: each problem with its place, at most kProblemsMax.
struct PolicyReader {
  std::vector<Problem>& problems;
  int digits;

  void add(const std::string& place, std::string message) {
    if (problems.size() < kProblemsMax) problems.push_back({place, std::move(message)});
  }
  bool flag(const json& v, const std::string& place, std::optional<bool>* out) {
    if (!v.is_boolean())
      return add(place, "must be true or false, not " + json_described(v)), false;
    *out = v.get<bool>();
    return true;
  }
  bool number(const json& v, const std::string& place, int32_t lo, int32_t hi, int32_t* out) {
    const bool whole = v.is_number_integer();
    const int64_t x = whole && !(v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX))
                          ? v.get<int64_t>()
                          : INT64_MAX;
    if (!whole || x < lo || x > hi)
      return add(place, "must be a whole number from " + std::to_string(lo) + " to " +
                            std::to_string(hi) + ", not " + json_described(v)),
             false;
    *out = int32_t(x);
    return true;
  }
  void number(const json& v, const std::string& place, int32_t lo, int32_t hi,
              std::optional<int32_t>* out) {
    int32_t x = 0;
    if (number(v, place, lo, hi, &x)) *out = x;
  }
  bool text(const json& v, const std::string& place, std::string* out) {
    if (!v.is_string()) return add(place, "must be a string, not " + json_described(v)), false;
    if (v.get_ref<const std::string&>().size() > kPolicyTextMax)
      return add(place, "at most " + std::to_string(kPolicyTextMax) + " bytes"), false;
    *out = v.get<std::string>();
    return true;
  }
  // A string that one of the parse functions knows; "is not one of <names>" otherwise.
  template <typename T, typename Parse>
  void name(const json& v, const std::string& place, Parse parse, const char* names, T* out) {
    std::string s;
    if (!text(v, place, &s)) return;
    if (!parse(s, out)) add(place, json_described(v) + " is not one of " + names);
  }

  void condition(const json& w, const std::string& base, PolicyCondition* c) {
    if (!w.is_object())
      return add(base, "must be an object (the conditions), not " + json_described(w));
    check_known_members(
        w, base,
        {"overdue_days_min", "overdue_days_max", "overdue_min", "due_within_days", "diagnosed",
         "cause", "stance", "on_hold", "dispute_open", "plan", "letter_due", "letters_sent_min",
         "promises_broken_min", "weeks_from", "weeks_to"},
        &problems);
    for (auto it = w.begin(); it != w.end(); ++it) {
      const std::string& k = it.key();
      const std::string place = base + "." + k;
      const json& v = it.value();
      if (k == "overdue_days_min") number(v, place, -kDaysMax, kDaysMax, &c->overdue_days_min);
      if (k == "overdue_days_max") number(v, place, -kDaysMax, kDaysMax, &c->overdue_days_max);
      if (k == "due_within_days") number(v, place, 0, kDaysMax, &c->due_within_days);
      if (k == "letters_sent_min") number(v, place, 0, 100, &c->letters_sent_min);
      if (k == "promises_broken_min") number(v, place, 0, 100, &c->promises_broken_min);
      if (k == "weeks_from") number(v, place, 1, kScenarioWeeksMax, &c->weeks_from);
      if (k == "weeks_to") number(v, place, 1, kScenarioWeeksMax, &c->weeks_to);
      if (k == "diagnosed") flag(v, place, &c->diagnosed);
      if (k == "on_hold") flag(v, place, &c->on_hold);
      if (k == "dispute_open") flag(v, place, &c->dispute_open);
      if (k == "plan") flag(v, place, &c->plan);
      if (k == "letter_due") flag(v, place, &c->letter_due);
      if (k == "overdue_min") {
        std::string s, why;
        int64_t minor = 0;
        if (!text(v, place, &s)) continue;
        if (!parse_amount(s, digits, &minor, &why) || minor < 0)
          add(place, why.empty() ? "must not be negative" : why);
        else
          c->overdue_min_minor = minor;
      }
      if (k == "cause") {
        Cause x{};
        name(v, place, parse_cause, "negligence, dispute, cash_shortage, triangular, deliberate",
             &x);
        c->cause = x;
      }
      if (k == "stance") {
        Stance x{};
        name(v, place, parse_stance, "cant_pay, wont_pay", &x);
        c->stance = x;
      }
    }
    if (c->weeks_from && c->weeks_to && *c->weeks_from > *c->weeks_to)
      add(base + ".weeks_to", "is before weeks_from");
  }

  void rule(const json& r, const std::string& base, PolicyRule* out) {
    if (!r.is_object()) return add(base, "must be an object (a rule), not " + json_described(r));
    check_known_members(r, base, {"when", "do", "level", "instalments", "to", "continue", "note"},
                        &problems);
    if (r.contains("when")) condition(r["when"], base + ".when", &out->when);
    if (!r.contains("do"))
      add(base + ".do",
          "is required (the move: call, visit, letter, hold, release, plan, "
          "escalate or resolve)");
    else
      name(r["do"], base + ".do", parse_move_kind,
           "call, visit, letter, hold, release, plan, escalate, resolve", &out->move);
    auto only = [&](const char* key, MoveKind kind) {
      if (r.contains(key) && out->move != kind)
        add(base + "." + key, std::string("only for \"") + move_kind_name(kind) + "\"");
      return r.contains(key) && out->move == kind;
    };
    if (only("level", MoveKind::Letter)) {
      if (r["level"] == "due")
        out->level = -1;
      else
        number(r["level"], base + ".level", 0, 9, &out->level);
    }
    if (only("instalments", MoveKind::Plan))
      number(r["instalments"], base + ".instalments", kPlanInstalmentsMin, kPlanInstalmentsMax,
             &out->instalments);
    if (only("to", MoveKind::Escalate)) {
      const json& v = r["to"];
      if (v == "management")
        out->to = kEscalateManagement;
      else if (v == "legal")
        out->to = kEscalateLegal;
      else
        add(base + ".to", json_described(v) + " is not one of management, legal");
    }
    if (r.contains("continue")) {
      std::optional<bool> b;
      if (flag(r["continue"], base + ".continue", &b)) out->go_on = *b;
    }
    if (r.contains("note")) text(r["note"], base + ".note", &out->note);
  }
};

}  // namespace

bool read_training_policy(std::string_view text, int minor_digits, TrainingPolicy* out,
                          std::vector<Problem>* problems) {
  const size_t before = problems->size();
  *out = TrainingPolicy{};
  json root;
  if (!parse_json_object(text,
                         std::string("a policy is {\"format\": \"") + kTrainingPolicyFormat +
                             "\", \"rules\": [...]}",
                         &root, problems))
    return false;
  PolicyReader r{*problems, minor_digits};
  check_known_members(root, "", {"format", "name", "description", "order", "rules"}, problems);
  if (!root.contains("format") || root["format"] != kTrainingPolicyFormat)
    r.add("format", std::string("must be \"") + kTrainingPolicyFormat + "\"" +
                        (root.contains("format") ? ", not " + json_described(root["format"]) : ""));
  if (root.contains("name")) r.text(root["name"], "name", &out->name);
  if (root.contains("description")) r.text(root["description"], "description", &out->description);
  if (root.contains("order"))
    r.name(root["order"], "order", parse_policy_order, "worklist, dunning, book", &out->order);
  if (!root.contains("rules")) {
    r.add("rules", "is required (the rules, in the order they are tried)");
  } else if (!root["rules"].is_array() || root["rules"].size() > kPolicyRulesMax) {
    r.add("rules", "must be an array of at most " + std::to_string(kPolicyRulesMax) +
                       " rules, not " + json_described(root["rules"]));
  } else {
    const json& rules = root["rules"];
    out->rules.resize(rules.size());
    for (size_t k = 0; k < rules.size(); k++)
      r.rule(rules[k], "rules[" + std::to_string(k) + "]", &out->rules[k]);
  }
  if (problems->size() > before) {
    *out = TrainingPolicy{};
    return false;
  }
  return true;
}

std::string write_training_policy(const TrainingPolicy& p, int minor_digits) {
  ojson root;
  root["format"] = kTrainingPolicyFormat;
  root["name"] = p.name;
  root["description"] = p.description;
  root["order"] = policy_order_name(p.order);
  root["rules"] = ojson::array();
  for (const PolicyRule& r : p.rules) {
    const PolicyCondition& c = r.when;
    ojson w = ojson::object();
    auto put = [&](const char* key, const auto& v) {
      if (v) w[key] = *v;
    };
    put("overdue_days_min", c.overdue_days_min);
    put("overdue_days_max", c.overdue_days_max);
    if (c.overdue_min_minor) w["overdue_min"] = format_amount(*c.overdue_min_minor, minor_digits);
    put("due_within_days", c.due_within_days);
    put("diagnosed", c.diagnosed);
    if (c.cause) w["cause"] = cause_name(*c.cause);
    if (c.stance) w["stance"] = stance_name(*c.stance);
    put("on_hold", c.on_hold);
    put("dispute_open", c.dispute_open);
    put("plan", c.plan);
    put("letter_due", c.letter_due);
    put("letters_sent_min", c.letters_sent_min);
    put("promises_broken_min", c.promises_broken_min);
    put("weeks_from", c.weeks_from);
    put("weeks_to", c.weeks_to);
    ojson rule;
    rule["when"] = w;
    rule["do"] = move_kind_name(r.move);
    if (r.move == MoveKind::Letter) {
      if (r.level < 0)
        rule["level"] = "due";
      else
        rule["level"] = r.level;
    }
    if (r.move == MoveKind::Plan) rule["instalments"] = r.instalments;
    if (r.move == MoveKind::Escalate) rule["to"] = r.to == kEscalateLegal ? "legal" : "management";
    if (r.go_on) rule["continue"] = true;
    if (!r.note.empty()) rule["note"] = r.note;
    root["rules"].push_back(rule);
  }
  return root.dump(2) + "\n";
}

}  // namespace arlab
