// policy_json.cpp: simulator policies and requests as JSON (io/policy_json.h).
//
// The members of a policy are the dotted names of core/policy.h's sim_params(): a name
// "discount.rate" is the member "rate" of the object "discount"; "discount.take_up.A" the
// member "A" of "discount"'s "take_up". The reader and the writer walk that list, so a lever's
// new parameter is a policy-file member with no change here. One member is not a parameter:
// commission.plan, a commission plan read by io/commission_plan.h's reader. It is read before
// the other commission members, which then change it (commission.rate is the plan's rate).
//
// [SECTION] Names and values
// [SECTION] PolicyReader
// [SECTION] read_sim_policy
// [SECTION] write_sim_policy
// [SECTION] Requests
#include "io/policy_json.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "io/commission_plan.h"
#include "io/json_text.h"

namespace arlab {

namespace {

using json = nlohmann::json;

constexpr const char* kSimRequestFormat = "arlab-sim-request/1";
constexpr std::string_view kTakeUp = "discount.take_up";  // A member per grade.
constexpr std::string_view kPlan = "commission.plan";
// A request's fit options (core/simulate.h FitOptions): generous bounds that keep a hostile
// request from asking for the absurd.
constexpr int64_t kFitHistoryMax = 100000;
constexpr int64_t kFitNeverDaysMax = 3650;

// =========================================================================================
// [SECTION] Names and values
// =========================================================================================

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string dotted(std::string_view prefix, std::string_view member) {
  return prefix.empty() ? std::string(member) : std::string(prefix) + "." + std::string(member);
}

// A member's place under `base` ("", "policies[1]"); callers cut a long key (json_path_key).
std::string place_of(const std::string& base, std::string_view dotted_name) {
  return base.empty() ? std::string(dotted_name) : base + "." + std::string(dotted_name);
}

std::string json_literal(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

// The members one level below `prefix` ("" = the top of a policy), in sim_params() order,
// with the plan.
std::vector<std::string> members_under(std::string_view prefix) {
  std::vector<std::string> out;
  auto add = [&](std::string_view name) {
    if (!prefix.empty() && !starts_with(name, std::string(prefix) + ".")) return;
    std::string_view rest = prefix.empty() ? name : name.substr(prefix.size() + 1);
    std::string first(rest.substr(0, rest.find('.')));
    if (std::find(out.begin(), out.end(), first) == out.end()) out.push_back(first);
  };
  for (const SimParam& p : sim_params()) add(p.name);
  add(kPlan);
  return out;
}

// True when some parameter's name continues `name` with a dot: `name` is an object.
bool is_group(std::string_view name) {
  if (name == kTakeUp) return true;
  std::string head = std::string(name) + ".";
  for (const SimParam& p : sim_params())
    if (starts_with(p.name, head)) return true;
  return starts_with(kPlan, head);
}

// The parameter named `name`; a grade's take-up (any grade, "discount.take_up.E") shares the
// unit and range of the listed grades.
const SimParam* param_named(std::string_view name) {
  if (const SimParam* p = find_sim_param(name)) return p;
  if (!starts_with(name, std::string(kTakeUp) + ".")) return nullptr;
  for (const SimParam& p : sim_params())
    if (starts_with(p.name, std::string(kTakeUp) + ".")) return &p;
  return nullptr;
}

// A value as the policy file writes it: "2%", 30, "off", "12.50" (the book's digits), true,
// "customer".
std::string value_json(const SimParam& param, int64_t value, int digits) {
  switch (param.unit) {
    case ParamUnit::Switch: return value ? "true" : "false";
    case ParamUnit::Days:
      return value < 0 ? json_literal("off") : std::to_string(value);
    case ParamUnit::Ppm:
    case ParamUnit::Minor:
    case ParamUnit::Choice: return json_literal(format_sim_param(param, value, digits));
  }
  return "null";
}

// True when `value` is one the file can hold (a lever's default may lie outside the range,
// as the commission rate's "not given").
bool writable(const SimParam& param, int64_t value) {
  return value >= param.min && value <= param.max;
}

// =========================================================================================
// [SECTION] PolicyReader
// =========================================================================================

class PolicyReader {
 public:
  PolicyReader(int minor_digits, std::vector<Problem>* problems)
      : digits_(minor_digits), problems_(*problems) {}
  // `obj` is a policy object; its places start with `base` ("" in a policy file,
  // "policies[1]" in a request). `file`: the format member is required.
  void read(const json& obj, const std::string& base, bool file, SimPolicy* out);

 private:
  void add(const std::string& place, std::string message) {
    if (problems_.size() < kProblemsMax) problems_.push_back({place, std::move(message)});
  }
  void format(const json& obj, const std::string& base, bool file);
  void members(const json& obj, const std::string& prefix, const std::string& base,
               SimPolicy* out);
  void member(const std::string& key, const json& v, const std::string& prefix,
              const std::string& base, SimPolicy* out);
  void unknown(const std::string& prefix, const std::string& place, bool top);
  bool value(const json& v, const SimParam& param, const std::string& place, int64_t* out);
  void plan(const json& v, const std::string& place, SimPolicy* out);

  int digits_;
  std::vector<Problem>& problems_;
};

void PolicyReader::read(const json& obj, const std::string& base, bool file, SimPolicy* out) {
  const size_t before = problems_.size();
  format(obj, base, file);
  if (problems_.size() > before) return;  // Another kind of file: its members mean nothing here.
  const std::string name_place = place_of(base, "name");
  if (!obj.contains("name")) {
    add(name_place, "is required (the name the report shows for the policy)");
  } else if (!obj["name"].is_string() || obj["name"].get<std::string>().empty()) {
    add(name_place, "must be a non-empty string, not " + json_described(obj["name"]));
  } else {
    out->name = obj["name"].get<std::string>();
  }
  members(obj, "", base, out);
}

void PolicyReader::format(const json& obj, const std::string& base, bool file) {
  const std::string place = place_of(base, "format");
  if (!obj.contains("format")) {
    if (file) add(place, std::string("is required: \"") + kSimPolicyFormat + "\"");
    return;
  }
  const json& f = obj["format"];
  if (f.is_string() && f.get<std::string>() == kSimPolicyFormat) return;
  if (f.is_string() && f.get<std::string>() == kCommissionPlanFormat) {
    add(place, std::string("this is a commission plan (\"") + kCommissionPlanFormat +
                   "\"), not a policy (\"" + kSimPolicyFormat +
                   "\"): a policy holds a plan in its member commission.plan");
    return;
  }
  add(place, std::string("must be \"") + kSimPolicyFormat + "\", not " + json_described(f));
}

// The members of `obj`, the object at dotted name `prefix` ("" = the policy itself); the plan
// first, so that the other commission members change it whatever their order in the file.
void PolicyReader::members(const json& obj, const std::string& prefix, const std::string& base,
                           SimPolicy* out) {
  const bool plan_first = dotted(prefix, "plan") == kPlan && obj.contains("plan");
  if (plan_first) member("plan", obj["plan"], prefix, base, out);
  for (const auto& item : obj.items()) {
    if (prefix.empty() && (item.key() == "format" || item.key() == "name")) continue;
    if (plan_first && item.key() == "plan") continue;
    member(item.key(), item.value(), prefix, base, out);
  }
}

void PolicyReader::member(const std::string& key, const json& v, const std::string& prefix,
                          const std::string& base, SimPolicy* out) {
  const std::string name = dotted(prefix, key);
  const std::string place = place_of(base, dotted(prefix, json_path_key(key)));
  if (name == kPlan) {
    plan(v, place, out);
  } else if (const SimParam* param =
                 key.empty() || (prefix == kTakeUp && key.size() > kGradeLengthMax)
                     ? nullptr
                     : param_named(name)) {
    int64_t x = 0;
    if (value(v, *param, place, &x)) set_sim_param(out, name, x);
  } else if (!key.empty() && is_group(name)) {
    if (v.is_object()) {
      members(v, name, base, out);
    } else {
      std::string list;
      for (const std::string& m : members_under(name)) list += (list.empty() ? "" : ", ") + m;
      add(place, "must be an object (its members: " + list + "), not " + json_described(v));
    }
  } else {
    unknown(prefix, place, prefix.empty());
  }
}

void PolicyReader::unknown(const std::string& prefix, const std::string& place, bool top) {
  if (prefix == kTakeUp) {  // Only a key too long (or empty) for a grade lands here.
    add(place, "must be a customer grade of 1 to " + std::to_string(kGradeLengthMax) +
                   " characters");
    return;
  }
  std::string list = top ? "format, name" : "";
  for (const std::string& m : members_under(prefix)) list += (list.empty() ? "" : ", ") + m;
  add(place, "unknown member (known here: " + list + ")");
}

// Switches as true/false, days as whole numbers, the rest as strings in core's forms ("2%",
// "0.02", "12.50", "customer"); "off" where the lever is off at -1.
bool PolicyReader::value(const json& v, const SimParam& param, const std::string& place,
                         int64_t* out) {
  const bool off_allowed = param.min < 0;
  const std::string off = off_allowed ? ", or \"off\"" : "";
  if (param.unit == ParamUnit::Switch) {
    if (v.is_boolean()) return *out = v.get<bool>() ? 1 : 0, true;
    add(place, "must be true or false, not " + json_described(v));
    return false;
  }
  if (param.unit == ParamUnit::Days && !v.is_string()) {
    bool ok = v.is_number_integer() || v.is_number_unsigned();
    if (ok && v.is_number_unsigned()) ok = v.get<uint64_t>() <= uint64_t(param.max);
    if (ok) ok = v.get<int64_t>() >= std::max<int64_t>(param.min, 0) && v.get<int64_t>() <= param.max;
    if (ok) return *out = v.get<int64_t>(), true;
    add(place, "must be a whole number of days from " +
                   std::to_string(std::max<int64_t>(param.min, 0)) + " to " +
                   std::to_string(param.max) + off + ", not " + json_described(v));
    return false;
  }
  if (!v.is_string()) {
    const char* example = param.unit == ParamUnit::Ppm     ? "\"5%\" or \"0.05\""
                          : param.unit == ParamUnit::Minor ? "\"1000.00\""
                                                           : "\"customer\"";
    std::string why = param.unit == ParamUnit::Choice
                          ? std::string(param.choices ? param.choices : "")
                          : std::string("a JSON number is not exact");
    std::replace(why.begin(), why.end(), '|', ',');
    if (param.unit == ParamUnit::Choice) why = "one of " + why;
    if (param.unit == ParamUnit::Minor) example = digits_ == 0 ? "\"1000\"" : digits_ == 3 ? "\"1000.000\"" : example;
    add(place, std::string("must be a string such as ") + example + " (" + why + ")" + off +
                   ", not " + json_described(v));
    return false;
  }
  std::string why;
  const std::string text = v.get<std::string>();
  if (param.unit == ParamUnit::Days && text != "off") {
    add(place, "must be a whole number of days such as 30" + off + ", not " + json_described(v));
    return false;
  }
  if (parse_sim_param(param, text, out, &why, digits_)) return true;
  add(place, why);
  return false;
}

// A commission plan's body, read by the plan reader; its places go under `place`. The body's
// format may be left out, and its name (the policy's is used).
void PolicyReader::plan(const json& v, const std::string& place, SimPolicy* out) {
  if (!v.is_object()) {
    add(place, "must be an object: a commission plan {\"basis\": \"collected\", \"rate\": "
               "\"3%\", ...} (docs/COMMISSION.md), not " + json_described(v));
    return;
  }
  json body = v;
  if (!body.contains("format")) body["format"] = kCommissionPlanFormat;
  const bool named = body.contains("name");
  if (!named) body["name"] = "policy";  // The plan reader wants one; dropped below.
  std::vector<Problem> problems;
  if (read_commission_plan(body.dump(), digits_, &out->commission.plan, &problems)) {
    if (!named) out->commission.plan.name.clear();
    return;
  }
  for (const Problem& p : problems) add(p.place.empty() ? place : place + "." + p.place, p.message);
}

// The policy's own rules (core's validate_sim_policy), under `base`, once its members were
// read without a problem: a policy half read (a rate that did not parse is 0) would draw
// problems that are not in the file.
void add_rules(const SimPolicy& p, const std::string& base, size_t before,
               std::vector<Problem>* problems) {
  if (problems->size() > before) return;
  std::vector<Problem> rules;
  validate_sim_policy(p, &rules);
  for (Problem& r : rules) {
    r.place = r.place.empty() ? base : place_of(base, r.place);
    if (problems->size() < kProblemsMax) problems->push_back(std::move(r));
  }
}

}  // namespace

// =========================================================================================
// [SECTION] read_sim_policy
// =========================================================================================

bool read_sim_policy(std::string_view text, int minor_digits, SimPolicy* out,
                     std::vector<Problem>* problems) {
  const size_t before = problems->size();
  *out = SimPolicy::defaults();
  // Syntax, nesting, numbers and members given twice (the DOM would keep the last one).
  json root;
  if (!parse_json_object(text,
                         std::string("a policy is {\"format\": \"") + kSimPolicyFormat +
                             "\", \"name\": ...}: see docs/SIMULATION.md",
                         &root, problems))
    return false;
  PolicyReader reader(minor_digits, problems);
  reader.read(root, "", /*file=*/true, out);
  add_rules(*out, "", before, problems);
  return problems->size() == before;
}

// =========================================================================================
// [SECTION] write_sim_policy
// =========================================================================================

namespace {

// One member a policy writes: its dotted name and its JSON text.
struct Written {
  std::string name, value;
};

// True when the commission parameters alone do not give the policy's plan (its tiers, grades,
// name...): then the plan member is written, whole.
bool plan_needed(const SimPolicy& p, int digits) {
  SimPolicy q = SimPolicy::defaults();
  for (const SimParam& param : sim_params()) {
    int64_t v = 0;
    if (starts_with(param.name, "commission.") && get_sim_param(p, param.name, &v))
      set_sim_param(&q, param.name, v);
  }
  // Compared as written: CommissionPlan has no ==, and its canonical text is its value.
  return write_commission_plan(q.commission.plan, digits) !=
         write_commission_plan(p.commission.plan, digits);
}

// The members of `p` that differ from the defaults (with `plan`, from the defaults with p's
// plan: what the plan member already says is not said twice), in sim_params() order; the
// take-up of grades the table does not list after them. With `all`, every member (the
// template) that the file can hold.
std::vector<Written> written_members(const SimPolicy& p, int digits, bool plan, bool all) {
  SimPolicy base = SimPolicy::defaults();
  if (plan) base.commission.plan = p.commission.plan;
  std::vector<Written> out;
  for (const SimParam& param : sim_params()) {
    int64_t v = 0, d = 0;
    if (!get_sim_param(p, param.name, &v) || !writable(param, v)) continue;
    if (!all && get_sim_param(base, param.name, &d) && v == d) continue;
    out.push_back({param.name, value_json(param, v, digits)});
  }
  const SimParam* grade = param_named(std::string(kTakeUp) + ".");
  for (const GradeShare& g : p.discount.take_up) {
    const std::string name = std::string(kTakeUp) + "." + g.grade;
    if (find_sim_param(name) || !grade || g.grade.empty()) continue;  // Written above.
    out.push_back({name, value_json(*grade, g.ppm, digits)});
  }
  return out;
}

// The plan as the plan writer writes it, without its name when it has none (the policy's).
std::string plan_text(const CommissionPlan& plan, int digits) {
  std::string text = write_commission_plan(plan, digits);
  const std::string unnamed = "\n  \"name\": \"\",";
  if (plan.name.empty()) {
    size_t at = text.find(unnamed);
    if (at != std::string::npos) text.erase(at, unnamed.size());
  }
  return text;
}

// The members after `prefix` as one JSON object on one line: {"rate": "2%", "take_up": {...}}.
std::string inline_object(const std::vector<Written>& members, const std::string& prefix) {
  std::string out = "{";
  std::vector<std::string> done;
  for (const Written& m : members) {
    if (!starts_with(m.name, prefix + ".")) continue;
    std::string rest = m.name.substr(prefix.size() + 1);
    std::string first = rest.substr(0, rest.find('.'));
    if (std::find(done.begin(), done.end(), first) != done.end()) continue;
    done.push_back(first);
    out += done.size() > 1 ? ", " : "";
    append_json_string(out, first);
    out += ": ";
    out += first.size() == rest.size() ? m.value : inline_object(members, dotted(prefix, first));
  }
  return out + "}";
}

// `text` (a JSON document written with 2-space indentation) indented by `spaces` more from
// its second line on, without its final newline.
std::string indented(std::string text, size_t spaces) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(spaces, ' ');
  }
  return out;
}

// An inline object {"a": 1, "b": {"c": 2}} with its top members a line each (the template).
std::string one_per_line(const std::string& obj, const std::string& pad) {
  std::string out = "{\n" + pad + "  ";
  int depth = 0;
  bool in_string = false;
  for (size_t i = 1; i + 1 < obj.size(); ++i) {
    const char c = obj[i];
    out += c;
    if (in_string) {
      if (c == '\\') out += obj[++i];  // The escaped character, whatever it is.
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '}') {
      depth += c == '{' ? 1 : -1;
    } else if (c == ',' && depth == 0) {
      ++i;  // The space after it.
      out += "\n" + pad + "  ";
    }
  }
  return out + "\n" + pad + "}";
}

// The policy's members after format and name, each group on one line ("discount": {...}); the
// commission group with a plan on several, the plan written by the plan writer.
std::string policy_members(const SimPolicy& p, int digits, size_t indent, bool all = false) {
  const bool has_plan = plan_needed(p, digits);
  const std::vector<Written> members = written_members(p, digits, has_plan, all);
  const std::string pad(indent, ' ');
  std::string out;
  std::vector<std::string> groups;
  for (const Written& m : members) {
    std::string first = m.name.substr(0, m.name.find('.'));
    if (std::find(groups.begin(), groups.end(), first) == groups.end()) groups.push_back(first);
  }
  if (has_plan && std::find(groups.begin(), groups.end(), "commission") == groups.end())
    groups.push_back("commission");
  for (const std::string& g : groups) {
    out += ",\n" + pad;
    append_json_string(out, g);
    out += ": ";
    auto top = std::find_if(members.begin(), members.end(), [&](const Written& m) { return m.name == g; });
    if (top != members.end()) {
      out += top->value;
    } else if (all && (g != "commission" || !has_plan)) {
      out += one_per_line(inline_object(members, g), pad);
    } else if (g != "commission" || !has_plan) {
      out += inline_object(members, g);
    } else {
      std::string obj = inline_object(members, g);  // "{...}" of the other members.
      out += "{";
      if (obj.size() > 2) out += obj.substr(1, obj.size() - 2) + ",";
      out += "\n" + pad + "  \"plan\": " +
             indented(plan_text(p.commission.plan, digits), indent + 2) + "}";
    }
  }
  return out;
}

}  // namespace

std::string write_sim_policy(const SimPolicy& policy, int minor_digits) {
  std::string out = "{\n  \"format\": ";
  append_json_string(out, kSimPolicyFormat);
  out += ",\n  \"name\": ";
  append_json_string(out, policy.name);
  return out + policy_members(policy, minor_digits, 2) + "\n}\n";
}

std::string write_sim_policy_template(const SimPolicy& policy, int minor_digits) {
  std::string out = "{\n  \"format\": ";
  append_json_string(out, kSimPolicyFormat);
  out += ",\n  \"name\": ";
  append_json_string(out, policy.name);
  return out + policy_members(policy, minor_digits, 2, /*all=*/true) + "\n}\n";
}

// =========================================================================================
// [SECTION] Requests
// =========================================================================================

namespace {

class RequestReader {
 public:
  RequestReader(const json& root, int minor_digits, SimRequest* out,
                std::vector<Problem>* problems)
      : root_(root), digits_(minor_digits), out_(*out), problems_(*problems) {}
  void read();

 private:
  void add(const std::string& place, std::string message) {
    if (problems_.size() < kProblemsMax) problems_.push_back({place, std::move(message)});
  }
  bool whole(const json& v, const std::string& place, int64_t lo, int64_t hi, const char* unit,
             int64_t* out);
  bool boolean(const json& v, const std::string& place, bool* out);
  void only(const json& obj, const std::string& path, std::initializer_list<const char*> known);
  void fit(const json& f);
  void policies(const json& list);

  const json& root_;
  int digits_;
  SimRequest& out_;
  std::vector<Problem>& problems_;
};

void RequestReader::only(const json& obj, const std::string& path,
                         std::initializer_list<const char*> known) {
  check_known_members(obj, path, known, &problems_);
}

bool RequestReader::whole(const json& v, const std::string& place, int64_t lo, int64_t hi,
                          const char* unit, int64_t* out) {
  bool ok = v.is_number_integer() || v.is_number_unsigned();
  if (ok && v.is_number_unsigned()) ok = v.get<uint64_t>() <= uint64_t(hi);
  if (ok) ok = v.get<int64_t>() >= lo && v.get<int64_t>() <= hi;
  if (!ok) {
    add(place, "must be a whole number of " + std::string(unit) + " from " + std::to_string(lo) +
                   " to " + std::to_string(hi) + ", not " + json_described(v));
    return false;
  }
  *out = v.get<int64_t>();
  return true;
}

bool RequestReader::boolean(const json& v, const std::string& place, bool* out) {
  if (v.is_boolean()) {
    *out = v.get<bool>();
    return true;
  }
  add(place, "must be true or false, not " + json_described(v));
  return false;
}

void RequestReader::read() {
  only(root_, "",
       {"format", "from", "horizon", "runs", "seed", "fit", "replay", "policies"});
  if (!root_.contains("format") || root_["format"] != kSimRequestFormat)
    add("format", std::string("must be \"") + kSimRequestFormat + "\"");
  if (root_.contains("from") && !root_["from"].is_null()) {
    const json& f = root_["from"];
    Date d;
    if (f.is_string() && parse_date(f.get<std::string>(), &d))
      out_.from = d;
    else
      add("from", "must be a date YYYY-MM-DD (or null: the day after the book's last), not " +
                      json_described(f));
  }
  int64_t x = 0;
  if (root_.contains("horizon") &&
      whole(root_["horizon"], "horizon", 1, kSimHorizonMax, "months", &x))
    out_.horizon_months = int32_t(x);
  if (root_.contains("runs") && whole(root_["runs"], "runs", 1, kSimRunsMax, "runs", &x))
    out_.runs = int32_t(x);
  if (root_.contains("seed")) {
    const json& s = root_["seed"];
    if (s.is_number_unsigned() || (s.is_number_integer() && s.get<int64_t>() >= 0))
      out_.seed = s.get<uint64_t>();
    else
      add("seed", "must be a whole number from 0 to 18446744073709551615, not " +
                      json_described(s));
  }
  if (root_.contains("fit")) {
    if (root_["fit"].is_object())
      fit(root_["fit"]);
    else
      add("fit", "must be an object with min_history, never_days, month_shocks, trend, pay_days, not " +
                     json_described(root_["fit"]));
  }
  if (root_.contains("replay")) boolean(root_["replay"], "replay", &out_.replay);
  if (!root_.contains("policies"))
    add("policies", "is required: a list of 1 to " + std::to_string(kSimPoliciesMax) +
                        " policies, the first the baseline");
  else
    policies(root_["policies"]);
}

void RequestReader::fit(const json& f) {
  only(f, "fit", {"min_history", "never_days", "month_shocks", "trend", "pay_days"});
  int64_t x = 0;
  if (f.contains("min_history") &&
      whole(f["min_history"], "fit.min_history", 1, kFitHistoryMax, "invoices", &x))
    out_.fit.min_history = uint32_t(x);
  if (f.contains("never_days") &&
      whole(f["never_days"], "fit.never_days", 1, kFitNeverDaysMax, "days", &x))
    out_.fit.never_days = int32_t(x);
  if (f.contains("month_shocks")) boolean(f["month_shocks"], "fit.month_shocks", &out_.fit.month_shocks);
  if (f.contains("trend")) boolean(f["trend"], "fit.trend", &out_.fit.trend);
  if (f.contains("pay_days")) boolean(f["pay_days"], "fit.pay_days", &out_.fit.business_days);
}

void RequestReader::policies(const json& list) {
  if (!list.is_array() || list.empty() || list.size() > kSimPoliciesMax) {
    add("policies", "must be a list of 1 to " + std::to_string(kSimPoliciesMax) +
                        " policies, not " +
                        (list.is_array() ? std::to_string(list.size()) + " of them"
                                         : json_described(list)));
    return;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string base = "policies[" + std::to_string(i) + "]";
    SimPolicy p = SimPolicy::defaults();
    if (!list[i].is_object()) {
      add(base, "must be a policy object {\"name\": ..., ...}, not " + json_described(list[i]));
    } else {
      const size_t before = problems_.size();
      PolicyReader reader(digits_, &problems_);
      reader.read(list[i], base, /*file=*/false, &p);
      add_rules(p, base, before, &problems_);
    }
    out_.policies.push_back(std::move(p));
  }
}

}  // namespace

bool read_sim_request(std::string_view text, int minor_digits, SimRequest* out,
                      std::vector<Problem>* problems) {
  const size_t before = problems->size();
  *out = SimRequest{};
  json root;
  if (!parse_json_object(text,
                         std::string("a simulation request is {\"format\": \"") +
                             kSimRequestFormat + "\", \"policies\": [...]}",
                         &root, problems))
    return false;
  RequestReader reader(root, minor_digits, out, problems);
  reader.read();
  return problems->size() == before;
}

std::string write_sim_request(const SimRequest& r, int minor_digits) {
  std::string out = "{\n  \"format\": ";
  append_json_string(out, kSimRequestFormat);
  out += ",\n  \"from\": " +
         (r.from ? json_literal(format_date(*r.from)) : std::string("null"));
  out += ",\n  \"horizon\": " + std::to_string(r.horizon_months) +
         ",\n  \"runs\": " + std::to_string(r.runs) + ",\n  \"seed\": " + std::to_string(r.seed);
  out += ",\n  \"fit\": {\"min_history\": " + std::to_string(r.fit.min_history) +
         ", \"never_days\": " + std::to_string(r.fit.never_days) +
         ", \"month_shocks\": " + (r.fit.month_shocks ? "true" : "false") +
         ", \"trend\": " + (r.fit.trend ? "true" : "false") +
         ", \"pay_days\": " + (r.fit.business_days ? "true" : "false") + "}";
  out += ",\n  \"replay\": " + std::string(r.replay ? "true" : "false");
  out += ",\n  \"policies\": [";
  for (size_t i = 0; i < r.policies.size(); ++i) {
    out += i ? ",\n    {\"name\": " : "\n    {\"name\": ";
    append_json_string(out, r.policies[i].name);
    out += policy_members(r.policies[i], minor_digits, 6) + "\n    }";
  }
  out += r.policies.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace arlab
