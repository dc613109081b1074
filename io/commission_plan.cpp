// commission_plan.cpp: reading and writing commission plans, and reading a statement paid
// earlier (io/commission_plan.h).
//
// [SECTION] Values: percentages, amounts, integers, names
// [SECTION] Members
// [SECTION] read_commission_plan
// [SECTION] Writer
// [SECTION] read_paid_statement
#include "io/commission_plan.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/money.h"
#include "io/book_json.h"
#include "io/commission_report.h"  // kCommissionStatementFormat
#include "io/json_text.h"

namespace arlab {

namespace {

using json = nlohmann::json;

// The whole string as a JSON literal (the writer); messages use json_quoted, which cuts.
std::string json_literal(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

// A member's place; a long key is cut (json_text.h).
std::string join_path(const std::string& base, const std::string& member) {
  return base.empty() ? json_path_key(member) : base + "." + json_path_key(member);
}

// =========================================================================================
// [SECTION] Values: percentages, amounts, integers, names
// =========================================================================================

class PlanReader {
 public:
  PlanReader(const json& root, int minor_digits, CommissionPlan* plan,
             std::vector<Problem>* problems)
      : root_(root), digits_(minor_digits), plan_(*plan), problems_(*problems) {}
  void read();

 private:
  void add(const std::string& place, std::string message) {
    if (problems_.size() < kProblemsMax) problems_.push_back({place, std::move(message)});
  }
  // Members of `obj` not in `known` are errors.
  void only(const json& obj, const std::string& path, std::initializer_list<const char*> known);
  bool object(const json& v, const std::string& place, const char* what);
  bool percent(const json& v, const std::string& place, int32_t max_ppm, int32_t* out);
  bool amount(const json& v, const std::string& place, int64_t* out);
  bool integer(const json& v, const std::string& place, int64_t lo, int64_t hi, const char* unit,
               int32_t* out);
  bool text(const json& v, const std::string& place, std::string* out);
  bool choice(const json& v, const std::string& place, std::initializer_list<const char*> names,
              int* out);

  void basis();
  void rates();
  void timeliness();
  void gates(const json& g);
  void sales_target(const json& v);
  void penalties(const json& p);
  void holds(const json& h);

  const json& root_;
  int digits_;
  CommissionPlan& plan_;
  std::vector<Problem>& problems_;
};

void PlanReader::only(const json& obj, const std::string& path,
                      std::initializer_list<const char*> known) {
  check_known_members(obj, path, known, &problems_);
}

bool PlanReader::object(const json& v, const std::string& place, const char* what) {
  if (v.is_object()) return true;
  add(place, std::string("must be an object ") + what);
  return false;
}

bool PlanReader::percent(const json& v, const std::string& place, int32_t max_ppm, int32_t* out) {
  if (!v.is_string()) {
    add(place, "must be a string such as \"5%\" or \"0.05\" (a JSON number is not exact)");
    return false;
  }
  std::string why;
  if (parse_ppm(v.get<std::string>(), max_ppm, out, &why)) return true;
  add(place, why);
  return false;
}

bool PlanReader::amount(const json& v, const std::string& place, int64_t* out) {
  std::string example =
      "\"100000" + std::string(digits_ > 0 ? "." : "") + std::string(size_t(digits_), '0') + "\"";
  if (!v.is_string()) {
    add(place, "must be an amount written as a string such as " + example);
    return false;
  }
  std::string s = v.get<std::string>(), why;
  if (!parse_amount(s, digits_, out, &why)) {
    add(place,
        json_quoted(s) + " is not an amount: " + why + " (write it like " + example + ")");
    return false;
  }
  if (*out < 0) {
    add(place, "must not be negative, not " + json_quoted(s));
    return false;
  }
  return true;
}

bool PlanReader::integer(const json& v, const std::string& place, int64_t lo, int64_t hi,
                         const char* unit, int32_t* out) {
  bool ok = (v.is_number_integer() || v.is_number_unsigned()) && !v.is_number_float();
  if (ok && v.is_number_unsigned()) ok = v.get<uint64_t>() <= uint64_t(hi);
  if (ok) ok = v.get<int64_t>() >= lo && v.get<int64_t>() <= hi;
  if (!ok) {
    add(place, "must be a whole number of " + std::string(unit) + " from " + std::to_string(lo) +
                   " to " + std::to_string(hi) + ", not " + json_described(v));
    return false;
  }
  *out = int32_t(v.get<int64_t>());
  return true;
}

bool PlanReader::text(const json& v, const std::string& place, std::string* out) {
  if (v.is_string() && !v.get<std::string>().empty()) {
    *out = v.get<std::string>();
    return true;
  }
  add(place, "must be a non-empty string");
  return false;
}

bool PlanReader::choice(const json& v, const std::string& place,
                        std::initializer_list<const char*> names, int* out) {
  int i = 0;
  std::string list;
  for (const char* n : names) {
    if (v.is_string() && v.get<std::string>() == n) {
      *out = i;
      return true;
    }
    list += (list.empty() ? "" : ", ") + json_literal(n);
    ++i;
  }
  add(place, "must be one of " + list + ", not " + json_described(v));
  return false;
}

// =========================================================================================
// [SECTION] Members
// =========================================================================================

void PlanReader::read() {
  only(root_, "",
       {"format", "name", "period", "basis", "on_invoice", "rate", "tiers", "grades",
        "late_factors", "early_bonus", "gates", "penalties", "holds", "payout_lag_periods",
        "clawback_window_months"});
  if (!root_.contains("format") || root_["format"] != kCommissionPlanFormat)
    add("format", std::string("must be \"") + kCommissionPlanFormat + "\"");
  if (!root_.contains("name"))
    add("name", "is required (the name shown in statements)");
  else
    text(root_["name"], "name", &plan_.name);
  basis();
  rates();
  timeliness();
  if (root_.contains("gates") && object(root_["gates"], "gates", "of gates")) gates(root_["gates"]);
  if (root_.contains("penalties") && object(root_["penalties"], "penalties", "of penalties"))
    penalties(root_["penalties"]);
  if (root_.contains("holds") && object(root_["holds"], "holds", "of holds")) holds(root_["holds"]);
  if (root_.contains("payout_lag_periods"))
    integer(root_["payout_lag_periods"], "payout_lag_periods", 0, kCommissionLagMax, "periods",
            &plan_.payout_lag_periods);
  if (root_.contains("clawback_window_months"))
    integer(root_["clawback_window_months"], "clawback_window_months", 0, kCommissionWindowMax,
            "months", &plan_.clawback_window_months);
}

void PlanReader::basis() {
  int i = 0;
  if (root_.contains("period") &&
      choice(root_["period"], "period", {"month", "quarter", "year"}, &i))
    plan_.period = CommissionPeriodKind(i);
  if (root_.contains("basis") &&
      choice(root_["basis"], "basis", {"invoiced", "collected", "split"}, &i))
    plan_.basis = CommissionBasis(i);
  if (root_.contains("on_invoice"))
    percent(root_["on_invoice"], "on_invoice", kPpmOne, &plan_.on_invoice_ppm);
}

void PlanReader::rates() {
  if (root_.contains("rate")) percent(root_["rate"], "rate", kPpmOne, &plan_.rate_ppm);
  if (root_.contains("tiers")) {
    const json& tiers = root_["tiers"];
    if (!tiers.is_array() || tiers.empty()) {
      add("tiers", "must be a non-empty array such as [{\"from\": \"0\", \"rate\": \"3%\"}]");
    } else {
      for (size_t i = 0; i < tiers.size(); ++i) {
        std::string place = "tiers[" + std::to_string(i) + "]";
        CommissionTier t;
        if (!object(tiers[i], place, "with from and rate")) continue;
        only(tiers[i], place, {"from", "rate"});
        for (const char* m : {"from", "rate"}) {
          if (!tiers[i].contains(m)) add(place + "." + m, "is required");
        }
        if (tiers[i].contains("from")) amount(tiers[i]["from"], place + ".from", &t.from_minor);
        if (tiers[i].contains("rate"))
          percent(tiers[i]["rate"], place + ".rate", kPpmOne, &t.rate_ppm);
        plan_.tiers.push_back(t);
      }
    }
  }
  if (root_.contains("grades") && object(root_["grades"], "grades", "from grade to rate")) {
    for (const auto& item : root_["grades"].items()) {
      CommissionGradeRate g;
      g.grade = item.key();
      if (percent(item.value(), join_path("grades", g.grade), kPpmOne, &g.rate_ppm))
        plan_.grades.push_back(g);
    }
  }
}

void PlanReader::timeliness() {
  if (root_.contains("late_factors")) {
    const json& list = root_["late_factors"];
    if (!list.is_array()) {
      add("late_factors",
          "must be an array such as [{\"after_days_late\": 30, \"factor\": \"50%\"}]");
    } else {
      for (size_t i = 0; i < list.size(); ++i) {
        std::string place = "late_factors[" + std::to_string(i) + "]";
        if (!object(list[i], place, "with after_days_late and factor")) continue;
        only(list[i], place, {"after_days_late", "factor"});
        CommissionLateFactor f;
        for (const char* m : {"after_days_late", "factor"}) {
          if (!list[i].contains(m)) add(place + "." + m, "is required");
        }
        if (list[i].contains("after_days_late"))
          integer(list[i]["after_days_late"], place + ".after_days_late", 0, kCommissionDaysMax,
                  "days", &f.after_days_late);
        if (list[i].contains("factor"))
          percent(list[i]["factor"], place + ".factor", kPpmOne, &f.factor_ppm);
        plan_.late_factors.push_back(f);
      }
    }
  }
  if (root_.contains("early_bonus") &&
      object(root_["early_bonus"], "early_bonus", "with days_before_due and rate")) {
    const json& b = root_["early_bonus"];
    only(b, "early_bonus", {"days_before_due", "rate"});
    for (const char* m : {"days_before_due", "rate"}) {
      if (!b.contains(m)) add(std::string("early_bonus.") + m, "is required");
    }
    if (b.contains("days_before_due"))
      integer(b["days_before_due"], "early_bonus.days_before_due", 0, kCommissionDaysMax, "days",
              &plan_.early_bonus.days_before_due);
    if (b.contains("rate"))
      percent(b["rate"], "early_bonus.rate", kPpmOne, &plan_.early_bonus.rate_ppm);
  }
}

void PlanReader::gates(const json& g) {
  CommissionGates& out = plan_.gates;
  only(g, "gates", {"sales_target", "collection_rate_min", "dso_max_days", "overdue_ratio_max"});
  if (g.contains("sales_target")) sales_target(g["sales_target"]);
  if (g.contains("collection_rate_min"))
    percent(g["collection_rate_min"], "gates.collection_rate_min", kCommissionRateMaxPpm,
            &out.collection_rate_min_ppm);
  if (g.contains("dso_max_days")) {
    const json& d = g["dso_max_days"];
    int64_t centidays = 0;
    std::string why;
    if (d.is_number_integer() && d.get<int64_t>() >= 0 && d.get<int64_t>() <= kCommissionDaysMax) {
      out.dso_max_centidays = int32_t(d.get<int64_t>() * 100);
    } else if (d.is_string() && parse_amount(d.get<std::string>(), 2, &centidays, &why) &&
               centidays >= 0 && centidays <= int64_t(kCommissionDaysMax) * 100) {
      out.dso_max_centidays = int32_t(centidays);
    } else {
      add("gates.dso_max_days", "must be days from 0 to " + std::to_string(kCommissionDaysMax) +
                                    " with at most 2 decimals, such as 60 or \"60\", not " +
                                    json_described(d));
    }
  }
  if (g.contains("overdue_ratio_max"))
    percent(g["overdue_ratio_max"], "gates.overdue_ratio_max", kPpmOne, &out.overdue_ratio_max_ppm);
}

// "100000.00" for everyone, or {"default": "100000.00", "S1": "150000.00"}.
void PlanReader::sales_target(const json& v) {
  CommissionGates& out = plan_.gates;
  if (!v.is_object()) {
    amount(v, "gates.sales_target", &out.sales_target_minor);
    return;
  }
  for (const auto& item : v.items()) {
    std::string place = join_path("gates.sales_target", item.key());
    if (item.key() == "default") {
      amount(item.value(), place, &out.sales_target_minor);
      continue;
    }
    CommissionTarget t;
    t.salesperson = item.key();
    if (amount(item.value(), place, &t.target_minor)) out.sales_targets.push_back(t);
  }
}

void PlanReader::penalties(const json& p) {
  only(p, "penalties", {"bad_debt_rate", "overdue_warning_days"});
  if (p.contains("bad_debt_rate"))
    percent(p["bad_debt_rate"], "penalties.bad_debt_rate", kPpmOne,
            &plan_.penalties.bad_debt_rate_ppm);
  if (p.contains("overdue_warning_days"))
    integer(p["overdue_warning_days"], "penalties.overdue_warning_days", 0, kCommissionDaysMax,
            "days", &plan_.penalties.overdue_warning_days);
}

void PlanReader::holds(const json& h) {
  CommissionHolds& out = plan_.holds;
  only(h, "holds", {"disputed_invoices", "invoices", "period_percent", "release_after_periods"});
  if (h.contains("disputed_invoices")) {
    if (h["disputed_invoices"].is_boolean())
      out.disputed_invoices = h["disputed_invoices"].get<bool>();
    else
      add("holds.disputed_invoices", "must be true or false");
  }
  if (h.contains("invoices")) {
    const json& list = h["invoices"];
    if (!list.is_array()) add("holds.invoices", "must be an array of invoice ids");
    for (size_t i = 0; list.is_array() && i < list.size(); ++i) {
      std::string id;
      if (text(list[i], "holds.invoices[" + std::to_string(i) + "]", &id))
        out.invoices.push_back(id);
    }
  }
  if (h.contains("period_percent"))
    percent(h["period_percent"], "holds.period_percent", kPpmOne, &out.period_percent_ppm);
  if (h.contains("release_after_periods"))
    integer(h["release_after_periods"], "holds.release_after_periods", 1, kCommissionReleaseMax,
            "periods", &out.release_after_periods);
}

}  // namespace

// =========================================================================================
// [SECTION] read_commission_plan
// =========================================================================================

bool read_commission_plan(std::string_view json_text, int minor_digits, CommissionPlan* out,
                          std::vector<Problem>* problems) {
  size_t before = problems->size();
  *out = CommissionPlan{};
  // Syntax, nesting, numbers and members given twice (the DOM would keep the last one).
  if (!check_json(json_text, /*duplicates=*/true, problems)) return false;
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    problems->push_back(
        {"", std::string("not a JSON object (a commission plan is {\"format\": \"") +
                 kCommissionPlanFormat + "\", ...}: see docs/COMMISSION.md)"});
    return false;
  }
  PlanReader reader(root, minor_digits, out, problems);
  reader.read();
  // The plan's own rules, except at places already reported (a bad "rate" is not also
  // "the plan pays nothing").
  std::vector<Problem> rules;
  validate_commission_plan(*out, &rules);
  for (Problem& p : rules) {
    bool known = std::any_of(problems->begin() + before, problems->end(), [&](const Problem& q) {
      return q.place == p.place || p.place.rfind(q.place + ".", 0) == 0 ||
             p.place.rfind(q.place + "[", 0) == 0 || q.place.rfind(p.place + ".", 0) == 0;
    });
    if (!known && problems->size() < kProblemsMax) problems->push_back(std::move(p));
  }
  return problems->size() == before;
}

// =========================================================================================
// [SECTION] Writer
// =========================================================================================

namespace {

struct PlanWriter {
  int digits;
  std::string out = "{";
  bool first = true;

  void key(const char* name) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    append_json_string(out, name);
    out += ": ";
  }
  void str(const char* name, std::string_view value) {
    key(name);
    append_json_string(out, value);
  }
  void raw(const char* name, const std::string& value) {
    key(name);
    out += value;
  }
  std::string percent(int64_t ppm) { return json_literal(format_ppm_percent(ppm)); }
  std::string amount(int64_t minor) { return json_literal(format_amount(minor, digits)); }
};

std::string days_string(int32_t centidays) {
  std::string s = format_amount(centidays, 2);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return json_literal(s);
}

std::string object_of(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string s = "{";
  for (size_t i = 0; i < members.size(); ++i) {
    s += i ? ", " : "";
    append_json_string(s, members[i].first);
    s += ": " + members[i].second;
  }
  return s + "}";
}

}  // namespace

std::string write_commission_plan(const CommissionPlan& plan, int minor_digits) {
  PlanWriter w{minor_digits};
  w.str("format", kCommissionPlanFormat);
  w.str("name", plan.name);
  w.str("period", commission_period_name(plan.period));
  w.str("basis", commission_basis_name(plan.basis));
  if (plan.basis == CommissionBasis::Split) w.raw("on_invoice", w.percent(plan.on_invoice_ppm));
  if (plan.rate_ppm >= 0) w.raw("rate", w.percent(plan.rate_ppm));
  if (!plan.tiers.empty()) {
    std::string s = "[";
    for (size_t i = 0; i < plan.tiers.size(); ++i) {
      s += i ? ",\n            " : "";
      s += object_of({{"from", w.amount(plan.tiers[i].from_minor)},
                      {"rate", w.percent(plan.tiers[i].rate_ppm)}});
    }
    w.raw("tiers", s + "]");
  }
  if (!plan.grades.empty()) {
    std::vector<std::pair<std::string, std::string>> m;
    for (const CommissionGradeRate& g : plan.grades) m.push_back({g.grade, w.percent(g.rate_ppm)});
    w.raw("grades", object_of(m));
  }
  if (!plan.late_factors.empty()) {
    std::string s = "[";
    for (size_t i = 0; i < plan.late_factors.size(); ++i) {
      s += i ? ",\n                   " : "";
      s += object_of({{"after_days_late", std::to_string(plan.late_factors[i].after_days_late)},
                      {"factor", w.percent(plan.late_factors[i].factor_ppm)}});
    }
    w.raw("late_factors", s + "]");
  }
  if (plan.early_bonus.days_before_due >= 0)
    w.raw("early_bonus",
          object_of({{"days_before_due", std::to_string(plan.early_bonus.days_before_due)},
                     {"rate", w.percent(plan.early_bonus.rate_ppm)}}));
  const CommissionGates& g = plan.gates;
  std::vector<std::pair<std::string, std::string>> gates;
  if (!g.sales_targets.empty()) {
    std::vector<std::pair<std::string, std::string>> m;
    if (g.sales_target_minor >= 0) m.push_back({"default", w.amount(g.sales_target_minor)});
    for (const CommissionTarget& t : g.sales_targets)
      m.push_back({t.salesperson, w.amount(t.target_minor)});
    gates.push_back({"sales_target", object_of(m)});
  } else if (g.sales_target_minor >= 0) {
    gates.push_back({"sales_target", w.amount(g.sales_target_minor)});
  }
  if (g.collection_rate_min_ppm >= 0)
    gates.push_back({"collection_rate_min", w.percent(g.collection_rate_min_ppm)});
  if (g.dso_max_centidays >= 0) gates.push_back({"dso_max_days", days_string(g.dso_max_centidays)});
  if (g.overdue_ratio_max_ppm >= 0)
    gates.push_back({"overdue_ratio_max", w.percent(g.overdue_ratio_max_ppm)});
  if (!gates.empty()) w.raw("gates", object_of(gates));
  std::vector<std::pair<std::string, std::string>> penalties;
  if (plan.penalties.bad_debt_rate_ppm > 0)
    penalties.push_back({"bad_debt_rate", w.percent(plan.penalties.bad_debt_rate_ppm)});
  if (plan.penalties.overdue_warning_days >= 0)
    penalties.push_back(
        {"overdue_warning_days", std::to_string(plan.penalties.overdue_warning_days)});
  if (!penalties.empty()) w.raw("penalties", object_of(penalties));
  const CommissionHolds& h = plan.holds;
  std::vector<std::pair<std::string, std::string>> holds;
  if (h.disputed_invoices) holds.push_back({"disputed_invoices", "true"});
  if (!h.invoices.empty()) {
    std::string s = "[";
    for (size_t i = 0; i < h.invoices.size(); ++i)
      s += (i ? ", " : "") + json_literal(h.invoices[i]);
    holds.push_back({"invoices", s + "]"});
  }
  if (h.period_percent_ppm > 0)
    holds.push_back({"period_percent", w.percent(h.period_percent_ppm)});
  if (h.period_percent_ppm > 0 ||
      h.release_after_periods != CommissionHolds{}.release_after_periods)
    holds.push_back({"release_after_periods", std::to_string(h.release_after_periods)});
  if (!holds.empty()) w.raw("holds", object_of(holds));
  w.raw("payout_lag_periods", std::to_string(plan.payout_lag_periods));
  if (plan.clawback_window_months >= 0)
    w.raw("clawback_window_months", std::to_string(plan.clawback_window_months));
  return w.out + "\n}\n";
}

// =========================================================================================
// [SECTION] read_paid_statement
// =========================================================================================

namespace {

constexpr const char* kDateWanted = "must be a date YYYY-MM-DD";
constexpr const char* kAmountWanted = "must be an amount string in the book's currency";
constexpr const char* kStringWanted = "must be a string";

// Streams a statement (it holds a line per allocation, and may be as big as the book): the
// format, from, to, and each salesperson's id and lines; any other member is passed over.
// Nesting levels (json_text.h's JsonPath): the top object is 1, "salespeople" 2, a
// salesperson 3, its "lines" 4, a line 5.
struct PaidSax {
  enum LineMember : uint8_t { kLineDate = 1, kLineAmount = 2 };
  int minor_digits;
  std::string_view currency;  // The book's; "" = not checked.
  CommissionPaid* out;
  std::vector<Problem> problems;
  JsonPath path;
  bool format_seen = false, format_ok = false, from_seen = false, to_seen = false;
  bool people_seen = false, people_array = false, any_lines = false;
  bool syntax = false;  // The parse stopped on a syntax, nesting or number error.
  bool stop = false;    // kProblemsMax problems.
  size_t person_first_line = 0;  // Lines of the salesperson being read start here.
  std::string person_id;
  std::string line_place;  // "salespeople[0].lines[3]" while a line is read.
  uint8_t line_seen = 0;

  PaidSax(int digits, CommissionPaid* paid) : minor_digits(digits), out(paid) {}
  bool add(std::string place, std::string message) {
    if (problems.size() < kProblemsMax) problems.push_back({std::move(place), std::move(message)});
    stop = problems.size() >= kProblemsMax;
    return !stop;
  }
  // Where the value being read is: 1 top member, 2 salespeople item, 3 salesperson member,
  // 4 lines item, 5 line member; 0 elsewhere (or the top value itself).
  int slot() const {
    size_t d = path.depth();
    if (d == 1) return 1;
    if (d < 2 || d > 5 || path.key_at(1) != "salespeople" || !path.array_at(2)) return 0;
    if (d == 2) return 2;
    if (path.array_at(3)) return 0;
    if (d == 3) return 3;
    if (path.key_at(3) != "lines" || !path.array_at(4)) return 0;
    return d == 4 ? 4 : (path.array_at(5) ? 0 : 5);
  }
  std::string_view key() const { return path.key_at(path.depth()); }

  bool date(std::string_view text, bool is_string, Date* d) {
    if (is_string && parse_date(text, d)) return true;
    return add(path.str(), kDateWanted);
  }
  bool scalar(bool is_string, std::string_view text);
  bool start(bool array);
  bool end(bool array);
  void finish();

  // ---- nlohmann SAX interface (through json_sax_parse) ----
  bool null() { return scalar(false, "null"); }
  bool boolean(bool v) { return scalar(false, v ? "true" : "false"); }
  bool number_integer(json::number_integer_t) { return scalar(false, ""); }
  bool number_unsigned(json::number_unsigned_t) { return scalar(false, ""); }
  bool number_float(json::number_float_t, const std::string&) { return scalar(false, ""); }
  bool string(std::string& v) { return scalar(true, v); }
  bool binary(json::binary_t&) { return scalar(false, ""); }
  bool start_object(size_t) { return start(false); }
  bool start_array(size_t) { return start(true); }
  bool end_object() { return end(false); }
  bool end_array() { return end(true); }
  bool key(std::string& k) {
    path.key(k);
    return true;
  }
  std::string value_place() const { return path.str(); }
  void parse_error(Problem p) {
    syntax = true;
    add(std::move(p.place), std::move(p.message));
  }
};

bool PaidSax::scalar(bool is_string, std::string_view text) {
  int at = slot();
  std::string_view k = at == 1 || at == 3 || at == 5 ? key() : std::string_view();
  bool ok = true;
  if (at == 1) {
    if (k == "format") {
      format_seen = true;
      format_ok = is_string && text == kCommissionStatementFormat;
    } else if (k == "from" || k == "to") {
      (k == "from" ? from_seen : to_seen) = true;
      ok = date(text, is_string, k == "from" ? &out->from : &out->to);
    } else if (k == "salespeople") {
      people_seen = true;
      ok = add("salespeople", "must be an array");
    } else if (k == "currency" && !currency.empty() && (!is_string || text != currency)) {
      ok = add("currency", (is_string ? json_quoted(text) : std::string("a non-string")) +
                               " differs from the book's currency " + std::string(currency) +
                               ": the statement was computed on another book");
    }
  } else if (at == 3 && (k == "id" || k == "lines")) {
    if (k == "id" && is_string) person_id = std::string(text);
    else ok = add(path.str(), k == "id" ? kStringWanted : "must be an array");
  } else if (at == 4) {
    ok = add(path.str(), "must be an object");
  } else if (at == 5) {
    CommissionPaidLine& line = out->lines.back();
    std::string why;
    if (k == "date") {
      line_seen |= kLineDate;
      ok = date(text, is_string, &line.date);
    } else if (k == "amount") {
      line_seen |= kLineAmount;
      if (!is_string || !parse_amount(text, minor_digits, &line.amount_minor, &why))
        ok = add(path.str(), kAmountWanted);
    } else if (k == "rule" || k == "invoice" || k == "source") {
      std::string& field = k == "rule" ? line.rule : k == "invoice" ? line.invoice : line.source;
      if (is_string) field = std::string(text);
      else ok = add(path.str(), kStringWanted);
    }
  }
  path.next();
  return ok && !stop;
}

// An object or array opens: the salespeople, a salesperson, its lines, a line; or one where
// a string was expected.
bool PaidSax::start(bool array) {
  int at = slot();
  std::string_view k = at == 1 || at == 3 || at == 5 ? key() : std::string_view();
  bool ok = true;
  if (at == 1 && k == "salespeople") {
    people_seen = true;
    people_array = array;
    if (!array) ok = add("salespeople", "must be an array");
  } else if (at == 1 && k == "format") {
    format_seen = true;
  } else if (at == 1 && (k == "from" || k == "to")) {
    (k == "from" ? from_seen : to_seen) = true;
    ok = add(path.str(), kDateWanted);
  } else if (at == 2 && !array) {
    person_first_line = out->lines.size();
    person_id.clear();
  } else if (at == 3 && (k == "id" || k == "lines")) {
    if (k == "lines" && array) any_lines = true;
    else ok = add(path.str(), k == "id" ? kStringWanted : "must be an array");
  } else if (at == 4) {
    if (array) {
      ok = add(path.str(), "must be an object");
    } else {
      line_place = path.str();
      line_seen = 0;
      out->lines.emplace_back();
    }
  } else if (at == 5 && (k == "date" || k == "amount" || k == "rule" || k == "invoice" ||
                         k == "source")) {
    line_seen |= k == "date" ? kLineDate : k == "amount" ? kLineAmount : 0;
    ok = add(path.str(), k == "date" ? kDateWanted : k == "amount" ? kAmountWanted : kStringWanted);
  }
  path.open(array);
  return ok && !stop;
}

bool PaidSax::end(bool array) {
  path.close();
  int at = slot();  // Where the object or array that just closed was.
  bool ok = true;
  if (at == 4 && !array) {  // A line: date and amount are required.
    if (!(line_seen & kLineDate)) ok = add(line_place + ".date", kDateWanted);
    if (!(line_seen & kLineAmount)) ok = add(line_place + ".amount", kAmountWanted) && ok;
  } else if (at == 2 && !array) {  // A salesperson: its id on its lines, wherever it came.
    for (size_t i = person_first_line; i < out->lines.size(); ++i)
      out->lines[i].salesperson = person_id;
  }
  path.next();
  return ok && !stop;
}

// After a whole statement: what was never given.
void PaidSax::finish() {
  if (!from_seen) add("from", kDateWanted);
  if (!to_seen) add("to", kDateWanted);
  if (!people_seen) add("salespeople", "must be an array");
  if (people_array && !any_lines) {
    add("salespeople", "has no lines: write the statement with --lines");
  }
}

}  // namespace

bool read_paid_statement(std::string_view json_text, int minor_digits, CommissionPaid* out,
                         std::vector<Problem>* problems, std::string_view currency) {
  *out = CommissionPaid{};
  PaidSax sax(minor_digits, out);
  sax.currency = currency;
  bool parsed = json_sax_parse(json_text, &sax);
  // Another kind of file is said to be one, with nothing else; a syntax error says where.
  if ((sax.format_seen && !sax.format_ok) || (!sax.format_ok && !sax.syntax)) {
    problems->push_back({"", std::string("not a commission statement (JSON with \"format\": \"") +
                                 kCommissionStatementFormat + "\", from arlab commission " +
                                 "--format json --lines)"});
    return false;
  }
  if (parsed) sax.finish();
  problems->insert(problems->end(), sax.problems.begin(), sax.problems.end());
  return sax.problems.empty();
}

}  // namespace arlab
