// scenario_json.cpp: scenarios, training moves and results as JSON / CSV / text
// (io/scenario_json.h).
//
// [SECTION] Values
// [SECTION] read_scenario
// [SECTION] write_scenario
// [SECTION] Moves
// [SECTION] Results
// [SECTION] Results read back (the app's progress, a trainer's class)
#include "io/scenario_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/money.h"
#include "core/text.h"
#include "core/training_call.h"
#include "core/training_exercises.h"
#include "io/book_json.h"
#include "io/cells.h"
#include "io/json_text.h"

namespace arlab {

namespace {

using json = nlohmann::json;

constexpr int64_t kSeedMax = 9007199254740991;  // 2^53 - 1: exact in every JSON reader.

// =========================================================================================
// [SECTION] Values
// =========================================================================================

std::string at(const std::string& base, std::string_view member) {
  return base.empty() ? std::string(member) : base + "." + std::string(member);
}
std::string item(const std::string& base, size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

class Reader {
 public:
  explicit Reader(std::vector<Problem>* problems) : problems_(*problems) {}
  void add(const std::string& place, std::string message) {
    if (problems_.size() < kProblemsMax) problems_.push_back({place, std::move(message)});
  }
  size_t count() const { return problems_.size(); }
  int digits = 2;

  bool object(const json& v, const std::string& place, const char* what) {
    if (v.is_object()) return true;
    add(place, std::string("must be an object (") + what + "), not " + json_described(v));
    return false;
  }
  bool text(const json& v, const std::string& place, size_t max, bool non_empty, std::string* out) {
    if (!v.is_string()) {
      add(place, "must be a string, not " + json_described(v));
      return false;
    }
    const std::string& s = v.get_ref<const std::string&>();
    if (non_empty && s.empty()) return add(place, "must not be empty"), false;
    if (s.size() > max)
      return add(place,
                 "at most " + std::to_string(max) + " bytes, not " + std::to_string(s.size())),
             false;
    *out = s;
    return true;
  }
  bool whole(const json& v, const std::string& place, int64_t lo, int64_t hi, int64_t* out) {
    if (!v.is_number_integer()) {
      add(place, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                     ", not " + json_described(v));
      return false;
    }
    const int64_t x = v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX)
                          ? INT64_MAX
                          : v.get<int64_t>();
    if (x < lo || x > hi) {
      add(place, std::to_string(x) + " is not between " + std::to_string(lo) + " and " +
                     std::to_string(hi));
      return false;
    }
    *out = x;
    return true;
  }
  bool whole32(const json& v, const std::string& place, int64_t lo, int64_t hi, int32_t* out) {
    int64_t x = 0;
    if (!whole(v, place, lo, hi, &x)) return false;
    *out = int32_t(x);
    return true;
  }
  bool amount(const json& v, const std::string& place, int64_t* out) {
    if (!v.is_string()) {
      add(place,
          "must be an amount as a string such as \"1200.00\" (a JSON number is not exact), not " +
              json_described(v));
      return false;
    }
    std::string why;
    if (!parse_amount(v.get_ref<const std::string&>(), digits, out, &why)) {
      add(place, "bad amount " + json_described(v) + ": " + why);
      return false;
    }
    if (*out < 0) return add(place, "must not be negative"), false;
    return true;
  }
  bool date(const json& v, const std::string& place, Date* out) {
    if (!v.is_string() || !parse_date(v.get_ref<const std::string&>(), out)) {
      add(place, "invalid date " + json_described(v) + ": expected a calendar date YYYY-MM-DD");
      return false;
    }
    return true;
  }
  // A required member: false (and a problem) when absent.
  bool needs(const json& obj, const char* key, const std::string& base, const char* what) {
    if (obj.contains(key)) return true;
    add(at(base, key), std::string("is required (") + what + ")");
    return false;
  }

 private:
  std::vector<Problem>& problems_;
};

// =========================================================================================
// [SECTION] read_scenario
// =========================================================================================

void read_minutes(Reader& r, const json& v, ActionMinutes* m) {
  if (!r.object(v, "minutes", "the minutes of each move")) return;
  const std::pair<const char*, int32_t*> members[] = {
      {"call", &m->call},         {"visit", &m->visit},     {"letter", &m->letter},
      {"hold", &m->hold},         {"release", &m->release}, {"plan", &m->plan},
      {"escalate", &m->escalate}, {"resolve", &m->resolve}};
  for (const auto& [key, out] : members)
    if (v.contains(key)) r.whole32(v[key], at("minutes", key), 0, kScenarioMinutesMax, out);
}

void read_goals(Reader& r, const json& v, ScenarioGoals* g) {
  if (!r.object(v, "goals", "cash, dso_days, bad_debt_max")) return;
  if (v.contains("cash")) r.amount(v["cash"], "goals.cash", &g->cash_minor);
  if (v.contains("dso_days")) r.whole32(v["dso_days"], "goals.dso_days", 1, 3650, &g->dso_days);
  if (v.contains("bad_debt_max"))
    r.amount(v["bad_debt_max"], "goals.bad_debt_max", &g->bad_debt_max_minor);
}

void read_weights(Reader& r, const json& v, ScoreWeights* w) {
  if (!r.object(v, "weights", "percentages of cash, dso, bad_debt, relationship")) return;
  const std::pair<const char*, int32_t*> members[] = {{"cash", &w->cash},
                                                      {"dso", &w->dso},
                                                      {"bad_debt", &w->bad_debt},
                                                      {"relationship", &w->relationship}};
  for (const auto& [key, out] : members)
    if (v.contains(key)) r.whole32(v[key], at("weights", key), 0, 100, out);
}

void read_dispute(Reader& r, const json& v, const std::string& place, CastDispute* d) {
  if (!r.object(v, place, "invoice, amount, reason, upheld")) return;
  if (r.needs(v, "invoice", place, "the invoice the customer contests"))
    r.text(v["invoice"], at(place, "invoice"), 200, true, &d->invoice_id);
  if (v.contains("amount")) r.amount(v["amount"], at(place, "amount"), &d->amount_minor);
  if (v.contains("upheld")) r.amount(v["upheld"], at(place, "upheld"), &d->upheld_minor);
  if (v.contains("reason")) {
    const json& x = v["reason"];
    if (!x.is_string() || !parse_dispute_reason(x.get_ref<const std::string&>(), &d->reason))
      r.add(at(place, "reason"),
            json_described(x) +
                " is not one of goods, service, price, delivery, sales_promise, other");
  }
}

void read_cast_member(Reader& r, const json& v, const std::string& place, CastMember* m) {
  if (!r.object(v, place, "a customer of the cast")) return;
  if (r.needs(v, "customer", place, "the customer's id in the book"))
    r.text(v["customer"], at(place, "customer"), 200, true, &m->customer_id);
  if (r.needs(v, "personality", place, personality_names().c_str())) {
    const json& x = v["personality"];
    if (!x.is_string() || !parse_personality(x.get_ref<const std::string&>(), &m->personality))
      r.add(at(place, "personality"), json_described(x) + " is not one of " + personality_names());
  }
  if (v.contains("contact")) r.text(v["contact"], at(place, "contact"), 200, false, &m->contact);
  if (v.contains("story"))
    r.text(v["story"], at(place, "story"), kScenarioTextMax, false, &m->story);
  if (v.contains("relationship"))
    r.whole32(v["relationship"], at(place, "relationship"), 0, 100, &m->relationship);
  if (v.contains("debtor_pays"))
    r.date(v["debtor_pays"], at(place, "debtor_pays"), &m->debtor_pays);
  if (v.contains("dispute")) read_dispute(r, v["dispute"], at(place, "dispute"), &m->dispute);
  if (v.contains("sales")) {
    const json& x = v["sales"];
    const std::string sp = at(place, "sales");
    if (r.object(x, sp, "every_days and amount")) {
      if (r.needs(x, "every_days", sp, "an invoice every this many days"))
        r.whole32(x["every_days"], at(sp, "every_days"), 1, 365, &m->sales_every_days);
      if (r.needs(x, "amount", sp, "the amount of each invoice"))
        r.amount(x["amount"], at(sp, "amount"), &m->sales_minor);
    }
  }
}

// The book member through the book reader, its problems under "book.".
bool read_book_member(Reader& r, const nlohmann::ordered_json& v, Book* out,
                      std::vector<Problem>* problems) {
  if (!v.is_object()) {
    r.add("book", "must be an object (an arlab-book/2 book), not " + json_described(json(v)));
    return false;
  }
  LoadResult loaded = read_book_json(v.dump());
  if (!loaded.ok) {
    for (const Problem& p : loaded.problems)
      if (problems->size() < kProblemsMax)
        problems->push_back({p.place.empty() ? "book" : "book." + p.place, p.message});
    return false;
  }
  *out = std::move(loaded.book);
  return true;
}

bool read_format(Reader& r, const json& root) {
  if (!root.contains("format")) {
    r.add("format", std::string("is required: \"") + kScenarioFormat + "\"");
    return false;
  }
  const json& f = root["format"];
  if (f.is_string() && f.get_ref<const std::string&>() == kScenarioFormat) return true;
  if (f.is_string() && f.get_ref<const std::string&>().rfind("arlab-book/", 0) == 0) {
    r.add("format", "this is a book (" + json_described(f) + "), not a scenario (\"" +
                        kScenarioFormat + "\"): a scenario holds its book in its member \"book\"");
    return false;
  }
  r.add("format", std::string("must be \"") + kScenarioFormat + "\", not " + json_described(f));
  return false;
}

void read_members(Reader& r, const json& root, Scenario* s) {
  if (r.needs(root, "id", "", "a short name such as \"forgetful-customer\""))
    r.text(root["id"], "id", 64, true, &s->id);
  if (r.needs(root, "title", "", "the scenario's name for people"))
    r.text(root["title"], "title", 200, true, &s->title);
  if (r.needs(root, "level", "", "easy, medium or hard")) {
    const json& x = root["level"];
    if (!x.is_string() || !parse_scenario_level(x.get_ref<const std::string&>(), &s->level))
      r.add("level", json_described(x) + " is not one of easy, medium, hard");
  }
  if (root.contains("briefing"))
    r.text(root["briefing"], "briefing", kScenarioTextMax, false, &s->briefing);
  if (root.contains("role")) r.text(root["role"], "role", 200, false, &s->role);
  if (root.contains("practices")) {
    const json& list = root["practices"];
    if (!list.is_array()) {
      r.add("practices", "must be an array of practice ids, not " + json_described(list));
    } else {
      for (size_t i = 0; i < list.size(); i++) {
        std::string id;
        if (r.text(list[i], item("practices", i), 64, true, &id)) s->practices.push_back(id);
      }
    }
  }
  if (r.needs(root, "start", "", "the first day of week 1"))
    r.date(root["start"], "start", &s->start);
  if (r.needs(root, "weeks", "", "how many weeks the game lasts, 1 to 52"))
    r.whole32(root["weeks"], "weeks", 1, kScenarioWeeksMax, &s->weeks);
  if (r.needs(root, "minutes_per_week", "", "the trainee's time budget a week"))
    r.whole32(root["minutes_per_week"], "minutes_per_week", 1, kScenarioMinutesMax,
              &s->minutes_per_week);
  if (root.contains("minutes")) read_minutes(r, root["minutes"], &s->minutes);
  if (root.contains("seed")) {
    int64_t seed = 0;
    if (r.whole(root["seed"], "seed", 0, kSeedMax, &seed)) s->seed = uint64_t(seed);
  }
  if (root.contains("goals")) read_goals(r, root["goals"], &s->goals);
  if (root.contains("weights")) read_weights(r, root["weights"], &s->weights);
  if (r.needs(root, "cast", "", "the customers' personalities")) {
    const json& list = root["cast"];
    if (!list.is_array()) {
      r.add("cast", "must be an array of cast members, not " + json_described(list));
    } else {
      s->cast.resize(list.size());
      for (size_t i = 0; i < list.size(); i++)
        read_cast_member(r, list[i], item("cast", i), &s->cast[i]);
    }
  }
}

// check_known_members for objects below the top, with a place.
void known(const json& obj, const std::string& path, std::initializer_list<const char*> names,
           std::vector<Problem>* problems) {
  if (obj.is_object()) check_known_members(obj, path, names, problems);
}

void check_members(const json& root, std::vector<Problem>* problems) {
  check_known_members(
      root, "",
      {"format", "id", "title", "level", "briefing", "practices", "role", "start", "weeks",
       "minutes_per_week", "minutes", "seed", "goals", "weights", "cast", "book"},
      problems);
  if (root.contains("minutes"))
    known(root["minutes"], "minutes",
          {"call", "visit", "letter", "hold", "release", "plan", "escalate", "resolve"}, problems);
  if (root.contains("goals"))
    known(root["goals"], "goals", {"cash", "dso_days", "bad_debt_max"}, problems);
  if (root.contains("weights"))
    known(root["weights"], "weights", {"cash", "dso", "bad_debt", "relationship"}, problems);
  if (root.contains("cast") && root["cast"].is_array()) {
    const json& list = root["cast"];
    for (size_t i = 0; i < list.size(); i++) {
      known(list[i], item("cast", i),
            {"customer", "personality", "contact", "story", "relationship", "debtor_pays",
             "dispute", "sales"},
            problems);
      if (list[i].is_object() && list[i].contains("sales"))
        known(list[i]["sales"], item("cast", i) + ".sales", {"every_days", "amount"}, problems);
      if (list[i].is_object() && list[i].contains("dispute"))
        known(list[i]["dispute"], item("cast", i) + ".dispute",
              {"invoice", "amount", "reason", "upheld"}, problems);
    }
  }
}

}  // namespace

bool read_scenario(std::string_view text, Scenario* out, std::vector<Problem>* problems) {
  const size_t before = problems->size();
  *out = Scenario{};
  json root;
  if (!parse_json_object(text,
                         std::string("a scenario is {\"format\": \"") + kScenarioFormat +
                             "\", ...}: see docs/TRAINING.md",
                         &root, problems))
    return false;
  Reader r(problems);
  if (!read_format(r, root)) return false;
  check_members(root, problems);
  if (!root.contains("book")) {
    r.add("book", "is required (the scenario's book, an arlab-book/2 object)");
  } else {
    // The book's members in their file order (the book reader reads the currency first).
    nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(text, nullptr, false);
    if (read_book_member(r, ordered["book"], &out->book, problems))
      r.digits = out->book.minor_digits;
  }
  read_members(r, root, out);
  if (problems->size() > before) return false;
  return check_scenario(*out, problems);
}

// =========================================================================================
// [SECTION] write_scenario
// =========================================================================================

namespace {

std::string jq(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

// `text` indented by `spaces` from its second line on, without its final newline.
std::string indented(std::string text, size_t spaces) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(spaces, ' ');
  }
  return out;
}

std::string cast_json(const CastMember& m, int digits) {
  std::string out = "{\"customer\": " + jq(m.customer_id) +
                    ", \"personality\": " + jq(personality_name(m.personality)) +
                    ", \"contact\": " + jq(m.contact) +
                    ", \"relationship\": " + std::to_string(m.relationship);
  if (m.debtor_pays != kNoDate) out += ", \"debtor_pays\": " + jq(format_date(m.debtor_pays));
  if (!m.dispute.invoice_id.empty())
    out += ", \"dispute\": {\"invoice\": " + jq(m.dispute.invoice_id) +
           ", \"amount\": " + jq(format_amount(m.dispute.amount_minor, digits)) +
           ", \"reason\": " + jq(dispute_reason_name(m.dispute.reason)) +
           ", \"upheld\": " + jq(format_amount(m.dispute.upheld_minor, digits)) + "}";
  if (m.sales_every_days > 0)
    out += ", \"sales\": {\"every_days\": " + std::to_string(m.sales_every_days) +
           ", \"amount\": " + jq(format_amount(m.sales_minor, digits)) + "}";
  out += ",\n     \"story\": " + jq(m.story) + "}";
  return out;
}

}  // namespace

std::string write_scenario(const Scenario& s) {
  const int digits = s.book.minor_digits;
  std::string out = "{\n  \"format\": " + jq(kScenarioFormat);
  out += ",\n  \"id\": " + jq(s.id);
  out += ",\n  \"title\": " + jq(s.title);
  out += ",\n  \"level\": " + jq(scenario_level_name(s.level));
  out += ",\n  \"briefing\": " + jq(s.briefing);
  out += ",\n  \"practices\": [";
  for (size_t i = 0; i < s.practices.size(); i++) out += (i ? ", " : "") + jq(s.practices[i]);
  out += "]";
  out += ",\n  \"role\": " + jq(s.role);
  out += ",\n  \"start\": " + jq(format_date(s.start));
  out += ",\n  \"weeks\": " + std::to_string(s.weeks);
  out += ",\n  \"minutes_per_week\": " + std::to_string(s.minutes_per_week);
  const ActionMinutes& m = s.minutes;
  out += ",\n  \"minutes\": {\"call\": " + std::to_string(m.call) +
         ", \"visit\": " + std::to_string(m.visit) + ", \"letter\": " + std::to_string(m.letter) +
         ", \"hold\": " + std::to_string(m.hold) + ", \"release\": " + std::to_string(m.release) +
         ", \"plan\": " + std::to_string(m.plan) + ", \"escalate\": " + std::to_string(m.escalate) +
         ", \"resolve\": " + std::to_string(m.resolve) + "}";
  out += ",\n  \"seed\": " + std::to_string(s.seed);
  out += ",\n  \"goals\": {\"cash\": " + jq(format_amount(s.goals.cash_minor, digits)) +
         ", \"dso_days\": " + std::to_string(s.goals.dso_days) +
         ", \"bad_debt_max\": " + jq(format_amount(s.goals.bad_debt_max_minor, digits)) + "}";
  const ScoreWeights& w = s.weights;
  out += ",\n  \"weights\": {\"cash\": " + std::to_string(w.cash) +
         ", \"dso\": " + std::to_string(w.dso) + ", \"bad_debt\": " + std::to_string(w.bad_debt) +
         ", \"relationship\": " + std::to_string(w.relationship) + "}";
  out += ",\n  \"cast\": [";
  for (size_t i = 0; i < s.cast.size(); i++)
    out += (i ? ",\n    " : "\n    ") + cast_json(s.cast[i], digits);
  out += s.cast.empty() ? "]" : "\n  ]";
  out += ",\n  \"book\": " + indented(write_book_json(s.book), 2);
  return out + "\n}\n";
}

// =========================================================================================
// [SECTION] Moves
// =========================================================================================

namespace {

// A call's choices in the collection call (core/training_call.h): [0, 2, 1], each 0 to 3
// (a node has at most four), at most kCallChoicesMax; only on a call.
constexpr size_t kCallChoicesMax = 40;
void read_call_choices(Reader& r, const json& v, const std::string& place, Move* m) {
  if (m->kind != MoveKind::Call) {
    r.add(place, "only a call has choices (the collection call's answers)");
    return;
  }
  if (!v.is_array() || v.size() > kCallChoicesMax) {
    r.add(place, "must be an array of at most " + std::to_string(kCallChoicesMax) +
                     " choices (0 to 3), not " + json_described(v));
    return;
  }
  m->choices.resize(v.size());
  for (size_t k = 0; k < v.size(); k++) r.whole32(v[k], item(place, k), 0, 3, &m->choices[k]);
}

void read_move(Reader& r, const json& v, const std::string& place, Move* m,
               std::vector<Problem>* problems) {
  if (!r.object(v, place, "a move: {\"move\": \"call\", \"customer\": \"C1\"}")) return;
  check_known_members(v, place, {"move", "customer", "level", "instalments", "to", "choices"},
                      problems);
  if (r.needs(v, "move", place, "call, visit, letter, hold, release, plan, escalate or resolve")) {
    const json& x = v["move"];
    if (!x.is_string() || !parse_move_kind(x.get_ref<const std::string&>(), &m->kind))
      r.add(at(place, "move"),
            json_described(x) +
                " is not one of call, visit, letter, hold, release, plan, escalate, resolve");
  }
  if (r.needs(v, "customer", place, "the customer's id"))
    r.text(v["customer"], at(place, "customer"), 200, true, &m->customer_id);
  if (m->kind == MoveKind::Letter &&
      r.needs(v, "level", place, "0 for the reminder, 1 and up for the dunning levels"))
    r.whole32(v["level"], at(place, "level"), 0, int64_t(kDunningLevelsMax), &m->level);
  if (m->kind == MoveKind::Plan && r.needs(v, "instalments", place, "2 to 12"))
    r.whole32(v["instalments"], at(place, "instalments"), 0, 1000, &m->instalments);
  if (m->kind == MoveKind::Escalate && r.needs(v, "to", place, "\"management\" or \"legal\"")) {
    const json& x = v["to"];
    if (x == "management")
      m->level = kEscalateManagement;
    else if (x == "legal")
      m->level = kEscalateLegal;
    else
      r.add(at(place, "to"), json_described(x) + " is not one of management, legal");
  }
  if (v.contains("choices")) read_call_choices(r, v["choices"], at(place, "choices"), m);
}

std::string move_json(const Move& m) {
  std::string out =
      "{\"move\": " + jq(move_kind_name(m.kind)) + ", \"customer\": " + jq(m.customer_id);
  if (m.kind == MoveKind::Letter) out += ", \"level\": " + std::to_string(m.level);
  if (m.kind == MoveKind::Plan) out += ", \"instalments\": " + std::to_string(m.instalments);
  if (m.kind == MoveKind::Escalate)
    out += std::string(", \"to\": ") + (m.level == kEscalateLegal ? "\"legal\"" : "\"management\"");
  if (!m.choices.empty()) {
    out += ", \"choices\": [";
    for (size_t k = 0; k < m.choices.size(); k++)
      out += (k ? ", " : "") + std::to_string(m.choices[k]);
    out += "]";
  }
  return out + "}";
}

std::string moves_json(const std::vector<Move>& moves) {
  std::string out = "[";
  for (size_t i = 0; i < moves.size(); i++) out += (i ? ", " : "") + move_json(moves[i]);
  return out + "]";
}

}  // namespace

bool read_training_moves(std::string_view text, std::vector<WeekPlan>* out,
                         std::vector<Problem>* problems) {
  const size_t before = problems->size();
  out->clear();
  json root;
  if (!parse_json_object(
          text,
          std::string("moves are {\"format\": \"") + kTrainingMovesFormat + "\", \"weeks\": [...]}",
          &root, problems))
    return false;
  Reader r(problems);
  check_known_members(root, "", {"format", "weeks"}, problems);
  if (!root.contains("format") || root["format"] != kTrainingMovesFormat)
    r.add("format", std::string("must be \"") + kTrainingMovesFormat + "\"" +
                        (root.contains("format") ? ", not " + json_described(root["format"]) : ""));
  if (r.needs(root, "weeks", "", "one list of moves a week")) {
    const json& weeks = root["weeks"];
    if (!weeks.is_array() || weeks.size() > size_t(kScenarioWeeksMax)) {
      r.add("weeks", "must be an array of at most 52 weeks, not " + json_described(weeks));
    } else {
      out->resize(weeks.size());
      for (size_t w = 0; w < weeks.size(); w++) {
        const std::string place = item("weeks", w);
        if (!weeks[w].is_array()) {
          r.add(place, "must be an array of moves, not " + json_described(weeks[w]));
          continue;
        }
        (*out)[w].moves.resize(weeks[w].size());
        for (size_t k = 0; k < weeks[w].size(); k++)
          read_move(r, weeks[w][k], item(place, k), &(*out)[w].moves[k], problems);
      }
    }
  }
  if (problems->size() > before) {
    out->clear();
    return false;
  }
  return true;
}

std::string write_training_moves(const std::vector<WeekPlan>& weeks) {
  std::string out = "{\n  \"format\": " + jq(kTrainingMovesFormat) + ",\n  \"weeks\": [";
  for (size_t w = 0; w < weeks.size(); w++)
    out += (w ? ",\n    " : "\n    ") + moves_json(weeks[w].moves);
  out += weeks.empty() ? "]" : "\n  ]";
  return out + "\n}\n";
}

// =========================================================================================
// [SECTION] Results
// =========================================================================================

namespace {

std::string dso_text(int32_t centidays) {
  if (centidays < 0) return "";
  return format_amount(centidays, 2);
}

std::string strings_json(const std::vector<std::string>& list, const std::string& pad) {
  if (list.empty()) return "[]";
  std::string out = "[";
  for (size_t i = 0; i < list.size(); i++) out += (i ? ",\n" : "\n") + pad + "  " + jq(list[i]);
  return out + "\n" + pad + "]";
}

std::string score_json(const GameScore& s, int digits) {
  return "{\"cash\": " + std::to_string(s.cash) + ", \"dso\": " + std::to_string(s.dso) +
         ", \"bad_debt\": " + std::to_string(s.bad_debt) +
         ", \"relationship\": " + std::to_string(s.relationship) +
         ", \"total\": " + std::to_string(s.total) +
         ", \"cash_collected\": " + jq(format_amount(s.cash_minor, digits)) +
         ", \"cash_goal\": " + jq(format_amount(s.cash_goal_minor, digits)) +
         ", \"dso_days\": " + (s.dso_centidays < 0 ? "null" : jq(dso_text(s.dso_centidays))) +
         ", \"dso_goal_days\": " + std::to_string(s.dso_goal_days) +
         ", \"written_off\": " + jq(format_amount(s.bad_debt_minor, digits)) +
         ", \"bad_debt_max\": " + jq(format_amount(s.bad_debt_max_minor, digits)) + "}";
}

void csv_row(std::string& out, const TrainingResult& r, const std::string& week,
             const char* measure, const std::string& value) {
  append_csv_text(out, r.scenario);
  out += ',';
  append_csv_number(out, std::to_string(r.seed));
  out += ',';
  append_csv_text(out, r.played_by);
  out += ',';
  append_csv_text(out, week);
  out += ',';
  append_csv_text(out, measure);
  out += ',';
  append_csv_text(out, value);
  out += '\n';
}

// The calls played with choices (core/training_call.h), as the member "calls"; "" when none
// (so that results of games without them keep their bytes).
std::string calls_json(const GameState& g) {
  std::string out;
  for (const WeekLog& w : g.log)
    for (const CallPlayed& c : w.calls) {
      out += out.empty() ? ",\n  \"calls\": [\n    {" : ",\n    {";
      out += "\"week\": " + std::to_string(w.week) + ", \"customer\": " + jq(c.customer_id) +
             ", \"choices\": [";
      for (size_t k = 0; k < c.choices.size(); k++)
        out += (k ? ", " : "") + std::to_string(c.choices[k]);
      out += "], \"score\": " + std::to_string(c.total) + ",\n     \"rules\": [";
      for (size_t k = 0; k < c.points.size(); k++)
        out += std::string(k ? ", " : "") + "{\"rule\": " + std::to_string(k + 1) +
               ", \"name\": " + jq(call_rule(int32_t(k + 1)).name) +
               ", \"points\": " + std::to_string(c.points[k]) +
               ", \"max\": " + std::to_string(c.max[k]) + "}";
      out += "],\n     \"broken\": [";
      for (size_t k = 0; k < c.broken.size(); k++)
        out += (k ? ", " : "") + std::to_string(c.broken[k]);
      out += "], \"outcome\": " + jq(c.outcome) + ", \"outcome_text\": " + jq(c.outcome_text) + "}";
    }
  return out.empty() ? out : out + "\n  ]";
}

}  // namespace

std::string training_result_json(const GameState& g, std::string_view played_by, const Debrief& d) {
  const int digits = g.book.minor_digits;
  std::string out = "{\n  \"format\": " + jq(kTrainingResultFormat);
  out += ",\n  \"scenario\": " + jq(g.scenario.id);
  out += ",\n  \"title\": " + jq(g.scenario.title);
  out += ",\n  \"seed\": " + std::to_string(g.scenario.seed);
  out += ",\n  \"played_by\": " + jq(played_by);
  out += ",\n  \"currency\": " + jq(g.book.currency);
  out += ",\n  \"weeks_played\": " + std::to_string(g.week);
  out += ",\n  \"weeks\": [";
  for (size_t i = 0; i < g.log.size(); i++) {
    const WeekLog& w = g.log[i];
    out += i ? ",\n    {" : "\n    {";
    out += "\"week\": " + std::to_string(w.week) + ", \"from\": " + jq(format_date(w.first)) +
           ", \"to\": " + jq(format_date(w.last)) + ", \"minutes\": " + std::to_string(w.minutes) +
           ",\n     \"moves\": " + moves_json(w.moves) +
           ",\n     \"cash\": " + jq(format_amount(w.cash_minor, digits)) +
           ", \"written_off\": " + jq(format_amount(w.written_off_minor, digits)) +
           ", \"open\": " + jq(format_amount(w.open_minor, digits)) +
           ", \"overdue\": " + jq(format_amount(w.overdue_minor, digits)) +
           ", \"dso\": " + (w.dso_centidays < 0 ? "null" : jq(dso_text(w.dso_centidays))) +
           ", \"relationship\": " + std::to_string(w.relationship) +
           ",\n     \"done\": " + strings_json(w.done, "     ") +
           ",\n     \"events\": " + strings_json(w.events, "     ") + "}";
  }
  out += g.log.empty() ? "]" : "\n  ]";
  out += ",\n  \"score\": " + score_json(d.score, digits);
  out += ",\n  \"by_the_book\": " + score_json(d.by_the_book, digits);
  out += ",\n  \"advice\": [";
  bool first = true;
  for (const DebriefWeek& w : d.weeks)
    for (const DebriefAdvice& a : w.advice) {
      out += first ? "\n    " : ",\n    ";
      first = false;
      out += "{\"week\": " + std::to_string(w.week) + ", \"practice\": " + jq(a.practice) +
             ", \"text\": " + jq(a.text) + "}";
    }
  out += first ? "]" : "\n  ]";
  out += calls_json(g);
  return out + "\n}\n";
}

std::string training_result_csv(const GameState& g, std::string_view by, const Debrief& d) {
  // Through the record, so that a result read back writes the same bytes.
  return training_result_csv(training_result_record(g, by, d));
}

std::string training_result_table(const GameState& g, std::string_view by, const Debrief& d) {
  const int digits = g.book.minor_digits;
  auto amount = [&](int64_t v) { return format_amount_grouped(v, digits); };
  std::string out =
      "Training: " + table_text(g.scenario.title) + " (" + table_text(g.scenario.id) + "), seed " +
      std::to_string(g.scenario.seed) + ", played " +
      (by == "moves" ? std::string("with the moves given") : "by policy " + std::string(by)) +
      ", " + std::to_string(g.week) + (g.week == 1 ? " week (" : " weeks (") + g.book.currency +
      ")\n\n";
  std::vector<std::vector<std::string>> rows = {{"Week", "From", "Minutes", "Moves", "Cash",
                                                 "Written off", "Open", "Overdue", "DSO",
                                                 "Relationship"}};
  for (const WeekLog& w : g.log)
    rows.push_back({std::to_string(w.week), format_date(w.first), std::to_string(w.minutes),
                    std::to_string(w.moves.size()), amount(w.cash_minor),
                    amount(w.written_off_minor), amount(w.open_minor), amount(w.overdue_minor),
                    w.dso_centidays < 0 ? "-" : dso_text(w.dso_centidays),
                    std::to_string(w.relationship)});
  out += text_columns(rows, {true, false, true, true, true, true, true, true, true, true});
  const GameScore& s = d.score;
  const ScoreWeights& wt = g.scenario.weights;
  std::vector<std::vector<std::string>> score_rows = {
      {"Score", "Points", "Weight", "Figure"},
      {"Cash", std::to_string(s.cash), std::to_string(wt.cash),
       amount(s.cash_minor) + " collected of " + amount(s.cash_goal_minor)},
      {"DSO", std::to_string(s.dso), std::to_string(wt.dso),
       (s.dso_centidays < 0 ? std::string("none") : dso_text(s.dso_centidays) + " days") +
           " (goal " + std::to_string(s.dso_goal_days) + ")"},
      {"Bad debt", std::to_string(s.bad_debt), std::to_string(wt.bad_debt),
       amount(s.bad_debt_minor) + " written off (at most " + amount(s.bad_debt_max_minor) + ")"},
      {"Relationship", std::to_string(s.relationship), std::to_string(wt.relationship),
       "average of the cast at the end"},
      {"Total", std::to_string(s.total), "100", ""},
      {"By the book", std::to_string(d.by_the_book.total), "",
       "the same weeks played by the practice"}};
  out += "\n" + text_columns(score_rows, {false, true, true, false});
  for (size_t i = 0; i < g.log.size(); i++) {
    const WeekLog& w = g.log[i];
    out += "\nWeek " + std::to_string(w.week) + " (" + format_date(w.first) + " to " +
           format_date(w.last) + ")\n";
    for (const std::string& line : w.done) out += "  did:  " + table_text(line) + "\n";
    for (const std::string& line : w.events) out += "  then: " + table_text(line) + "\n";
    if (w.done.empty() && w.events.empty()) out += "  nothing done, nothing happened\n";
    if (i < d.weeks.size())
      for (const DebriefAdvice& a : d.weeks[i].advice)
        out += "  tip:  " + table_text(a.text) + " [" + a.practice + "]\n";
  }
  return out;
}

// =========================================================================================
// [SECTION] Results read back (the app's progress, a trainer's class)
// =========================================================================================

TrainingResult training_result_record(const GameState& g, std::string_view played_by,
                                      const Debrief& d) {
  const int digits = g.book.minor_digits;
  TrainingResult r;
  r.scenario = g.scenario.id;
  r.title = g.scenario.title;
  r.seed = g.scenario.seed;
  r.played_by = std::string(played_by);
  r.currency = g.book.currency;
  r.weeks_played = g.week;
  for (const WeekLog& w : g.log) {
    TrainingResultWeek x;
    x.week = w.week;
    x.from = format_date(w.first);
    x.to = format_date(w.last);
    x.minutes = w.minutes;
    x.moves = w.moves;
    x.cash = format_amount(w.cash_minor, digits);
    x.written_off = format_amount(w.written_off_minor, digits);
    x.open = format_amount(w.open_minor, digits);
    x.overdue = format_amount(w.overdue_minor, digits);
    x.dso = dso_text(w.dso_centidays);
    x.relationship = w.relationship;
    x.done = w.done;
    x.events = w.events;
    r.weeks.push_back(std::move(x));
  }
  auto parts = [](const GameScore& s) {
    return TrainingScoreParts{s.cash, s.dso, s.bad_debt, s.relationship, s.total};
  };
  r.score = parts(d.score);
  r.by_the_book = parts(d.by_the_book);
  for (const DebriefWeek& w : d.weeks)
    for (const DebriefAdvice& a : w.advice) r.advice.push_back({w.week, a.practice, a.text});
  r.practices = g.scenario.practices;
  for (const WeekLog& w : g.log)
    for (const CallPlayed& c : w.calls)
      r.calls.push_back({w.week, c.customer_id, c.choices, c.total, c.points, c.max, c.broken,
                         c.outcome, c.outcome_text});
  return r;
}

std::string training_result_json(const GameState& g, std::string_view played_by, const Debrief& d,
                                 const TrainingResultNote& note) {
  std::string out = training_result_json(g, played_by, d);
  out.resize(out.size() - 3);  // "\n}\n": the app's members follow "advice".
  out += ",\n  \"trainee\": " + jq(note.trainee);
  out += ",\n  \"played_on\": " + jq(format_date(note.played_on));
  out += ",\n  \"hints\": " + std::to_string(note.hints);
  out += ",\n  \"practices\": [";
  for (size_t i = 0; i < g.scenario.practices.size(); i++)
    out += (i ? ", " : "") + jq(g.scenario.practices[i]);
  out += "]";
  out += ",\n  \"moves\": [";
  for (size_t i = 0; i < g.log.size(); i++)
    out += (i ? ",\n    " : "\n    ") + moves_json(g.log[i].moves);
  out += g.log.empty() ? "]" : "\n  ]";
  for (size_t i = 0; i < note.exercises.size(); i++) {
    const TrainingResultExercise& e = note.exercises[i];
    out += i ? ",\n    {" : ",\n  \"exercises\": [\n    {";
    out += "\"kind\": " + jq(e.kind) + ", \"practices\": [";
    for (size_t k = 0; k < e.practices.size(); k++) out += (k ? ", " : "") + jq(e.practices[k]);
    out +=
        "], \"points\": " + std::to_string(e.points) + ", \"max\": " + std::to_string(e.max) + "}";
  }
  if (!note.exercises.empty()) out += "\n  ]";
  return out + "\n}\n";
}

std::string training_result_csv(const TrainingResult& r) {
  std::string out = "scenario,seed,played_by,week,measure,value\n";
  for (const TrainingResultWeek& w : r.weeks) {
    const std::string wk = std::to_string(w.week);
    csv_row(out, r, wk, "from", w.from);
    csv_row(out, r, wk, "minutes", std::to_string(w.minutes));
    csv_row(out, r, wk, "moves", std::to_string(w.moves.size()));
    csv_row(out, r, wk, "cash", w.cash);
    csv_row(out, r, wk, "written_off", w.written_off);
    csv_row(out, r, wk, "open", w.open);
    csv_row(out, r, wk, "overdue", w.overdue);
    csv_row(out, r, wk, "dso", w.dso);
    csv_row(out, r, wk, "relationship", std::to_string(w.relationship));
  }
  const TrainingScoreParts& s = r.score;
  csv_row(out, r, "score", "cash", std::to_string(s.cash));
  csv_row(out, r, "score", "dso", std::to_string(s.dso));
  csv_row(out, r, "score", "bad_debt", std::to_string(s.bad_debt));
  csv_row(out, r, "score", "relationship", std::to_string(s.relationship));
  csv_row(out, r, "score", "total", std::to_string(s.total));
  csv_row(out, r, "by_the_book", "total", std::to_string(r.by_the_book.total));
  return out;
}

namespace {

// An amount as a result writes it: a decimal string of the book's digits (0-4 after the point).
bool result_amount(Reader& r, const json& v, const std::string& place, bool null_ok,
                   std::string* out) {
  if (null_ok && v.is_null()) return out->clear(), true;
  if (!v.is_string()) {
    r.add(place, std::string("must be an amount as a string such as \"1200.00\"") +
                     (null_ok ? " or null" : "") + ", not " + json_described(v));
    return false;
  }
  const std::string& s = v.get_ref<const std::string&>();
  const size_t dot = s.find('.');
  const int digits = dot == std::string::npos ? 0 : int(s.size() - dot - 1);
  int64_t minor = 0;
  std::string why;
  if (digits > 4 || !parse_amount(s, digits, &minor, &why)) {
    r.add(place, "bad amount " + json_described(v) + (why.empty() ? "" : ": " + why));
    return false;
  }
  *out = s;
  return true;
}

bool result_texts(Reader& r, const json& v, const std::string& place,
                  std::vector<std::string>* out) {
  if (!v.is_array()) {
    r.add(place, "must be an array of texts, not " + json_described(v));
    return false;
  }
  for (size_t i = 0; i < v.size(); i++) {
    std::string t;
    if (r.text(v[i], item(place, i), kScenarioTextMax, false, &t)) out->push_back(std::move(t));
  }
  return true;
}

void read_result_score(Reader& r, const json& v, const std::string& place,
                       std::vector<Problem>* problems, TrainingScoreParts* out) {
  if (!r.object(v, place, "the score's parts and total")) return;
  check_known_members(v, place,
                      {"cash", "dso", "bad_debt", "relationship", "total", "cash_collected",
                       "cash_goal", "dso_days", "dso_goal_days", "written_off", "bad_debt_max"},
                      problems);
  const std::pair<const char*, int32_t*> parts[] = {{"cash", &out->cash},
                                                    {"dso", &out->dso},
                                                    {"bad_debt", &out->bad_debt},
                                                    {"relationship", &out->relationship},
                                                    {"total", &out->total}};
  for (const auto& [key, field] : parts)
    if (r.needs(v, key, place, "0 to 100")) r.whole32(v[key], at(place, key), 0, 100, field);
  std::string ignored;
  for (const char* key : {"cash_collected", "cash_goal", "written_off", "bad_debt_max"})
    if (v.contains(key)) result_amount(r, v[key], at(place, key), false, &ignored);
  if (v.contains("dso_days"))
    result_amount(r, v["dso_days"], at(place, "dso_days"), true, &ignored);
  int32_t days = 0;
  if (v.contains("dso_goal_days"))
    r.whole32(v["dso_goal_days"], at(place, "dso_goal_days"), 0, 3650, &days);
}

void read_result_week(Reader& r, const json& v, const std::string& place,
                      std::vector<Problem>* problems, TrainingResultWeek* w) {
  if (!r.object(v, place, "a week played")) return;
  check_known_members(v, place,
                      {"week", "from", "to", "minutes", "moves", "cash", "written_off", "open",
                       "overdue", "dso", "relationship", "done", "events"},
                      problems);
  if (r.needs(v, "week", place, "its number"))
    r.whole32(v["week"], at(place, "week"), 1, kScenarioWeeksMax, &w->week);
  for (auto [key, out] : {std::pair{"from", &w->from}, std::pair{"to", &w->to}}) {
    Date d;
    if (r.needs(v, key, place, "a date YYYY-MM-DD") && r.date(v[key], at(place, key), &d))
      *out = format_date(d);
  }
  if (r.needs(v, "minutes", place, "the minutes spent"))
    r.whole32(v["minutes"], at(place, "minutes"), 0, kScenarioMinutesMax, &w->minutes);
  if (r.needs(v, "moves", place, "the week's moves")) {
    const json& m = v["moves"];
    if (!m.is_array()) {
      r.add(at(place, "moves"), "must be an array of moves, not " + json_described(m));
    } else {
      w->moves.resize(m.size());
      for (size_t k = 0; k < m.size(); k++)
        read_move(r, m[k], item(at(place, "moves"), k), &w->moves[k], problems);
    }
  }
  const std::pair<const char*, std::string*> amounts[] = {{"cash", &w->cash},
                                                          {"written_off", &w->written_off},
                                                          {"open", &w->open},
                                                          {"overdue", &w->overdue}};
  for (const auto& [key, out] : amounts)
    if (r.needs(v, key, place, "an amount")) result_amount(r, v[key], at(place, key), false, out);
  if (r.needs(v, "dso", place, "the DSO at the week's end, or null"))
    result_amount(r, v["dso"], at(place, "dso"), true, &w->dso);
  if (r.needs(v, "relationship", place, "0 to 100"))
    r.whole32(v["relationship"], at(place, "relationship"), 0, 100, &w->relationship);
  if (v.contains("done")) result_texts(r, v["done"], at(place, "done"), &w->done);
  if (v.contains("events")) result_texts(r, v["events"], at(place, "events"), &w->events);
}

// A list of whole numbers lo..hi at `place` (a call's choices, points, broken rules).
bool result_numbers(Reader& r, const json& v, const std::string& place, int64_t lo, int64_t hi,
                    size_t max_size, std::vector<int32_t>* out) {
  if (!v.is_array() || v.size() > max_size) {
    r.add(place, "must be an array of at most " + std::to_string(max_size) + " numbers, not " +
                     json_described(v));
    return false;
  }
  out->assign(v.size(), 0);
  bool ok = true;
  for (size_t i = 0; i < v.size(); i++) ok &= r.whole32(v[i], item(place, i), lo, hi, &(*out)[i]);
  return ok;
}

// "calls": the collection calls played with choices, as calls_json writes them.
void read_result_calls(Reader& r, const json& v, const std::string& place,
                       std::vector<Problem>* problems, TrainingResult* out) {
  if (!v.is_array() || v.size() > 1000)
    return r.add(place, "must be an array of calls, not " + json_described(v));
  for (size_t i = 0; i < v.size(); i++) {
    const std::string cp = item(place, i);
    const json& c = v[i];
    if (!r.object(c, cp, "a call")) continue;
    check_known_members(
        c, cp,
        {"week", "customer", "choices", "score", "rules", "broken", "outcome", "outcome_text"},
        problems);
    TrainingResultCall x;
    if (r.needs(c, "week", cp, "its week"))
      r.whole32(c["week"], at(cp, "week"), 1, kScenarioWeeksMax, &x.week);
    if (r.needs(c, "customer", cp, "the customer called"))
      r.text(c["customer"], at(cp, "customer"), 64, true, &x.customer);
    if (r.needs(c, "choices", cp, "the choices taken"))
      result_numbers(r, c["choices"], at(cp, "choices"), 0, 3, 40, &x.choices);
    if (r.needs(c, "score", cp, "0 to 100"))
      r.whole32(c["score"], at(cp, "score"), 0, 100, &x.score);
    if (r.needs(c, "rules", cp, "each rule's points")) {
      const json& rules = c["rules"];
      if (!rules.is_array() || rules.size() != size_t(kCallRuleCount)) {
        r.add(at(cp, "rules"), "must be an array of the " + std::to_string(kCallRuleCount) +
                                   " rules, not " + json_described(rules));
      } else {
        x.points.assign(rules.size(), 0);
        x.max.assign(rules.size(), 0);
        for (size_t k = 0; k < rules.size(); k++) {
          const std::string rp = item(at(cp, "rules"), k);
          if (!r.object(rules[k], rp, "{\"rule\", \"name\", \"points\", \"max\"}")) continue;
          check_known_members(rules[k], rp, {"rule", "name", "points", "max"}, problems);
          int32_t id = 0;
          if (r.needs(rules[k], "rule", rp, "the rule's number") &&
              r.whole32(rules[k]["rule"], at(rp, "rule"), 1, kCallRuleCount, &id) &&
              id != int32_t(k + 1))
            r.add(at(rp, "rule"), "must be " + std::to_string(k + 1) + " (the rules in order)");
          if (r.needs(rules[k], "points", rp, "the marks kept"))
            r.whole32(rules[k]["points"], at(rp, "points"), 0, 100, &x.points[k]);
          if (r.needs(rules[k], "max", rp, "the marks its choices touched"))
            r.whole32(rules[k]["max"], at(rp, "max"), 0, 100, &x.max[k]);
          if (x.points[k] > x.max[k]) r.add(at(rp, "points"), "is more than max");
        }
      }
    }
    if (r.needs(c, "broken", cp, "the rules broken"))
      result_numbers(r, c["broken"], at(cp, "broken"), 1, kCallRuleCount, kCallRuleCount,
                     &x.broken);
    if (r.needs(c, "outcome", cp, "the call's outcome"))
      r.text(c["outcome"], at(cp, "outcome"), 32, true, &x.outcome);
    if (c.contains("outcome_text"))
      r.text(c["outcome_text"], at(cp, "outcome_text"), kScenarioTextMax, false, &x.outcome_text);
    out->calls.push_back(std::move(x));
  }
}

// "exercises": the exercises checked in the app, as training_result_json's note writes them.
void read_result_exercises(Reader& r, const json& v, const std::string& place,
                           std::vector<Problem>* problems, TrainingResult* out) {
  if (!v.is_array() || v.size() > 100)
    return r.add(place, "must be an array of exercises, not " + json_described(v));
  for (size_t i = 0; i < v.size(); i++) {
    const std::string ep = item(place, i);
    const json& e = v[i];
    if (!r.object(e, ep, "an exercise")) continue;
    check_known_members(e, ep, {"kind", "practices", "points", "max"}, problems);
    TrainingResultExercise x;
    ExerciseKind kind{};
    if (r.needs(e, "kind", ep, "the exercise's kind") &&
        r.text(e["kind"], at(ep, "kind"), 64, true, &x.kind) && !parse_exercise_kind(x.kind, &kind))
      r.add(at(ep, "kind"), arlab::quoted(x.kind) + " is not an exercise arlab has");
    if (e.contains("practices")) result_texts(r, e["practices"], at(ep, "practices"), &x.practices);
    if (r.needs(e, "points", ep, "the points scored"))
      r.whole32(e["points"], at(ep, "points"), 0, 1000, &x.points);
    if (r.needs(e, "max", ep, "the points possible"))
      r.whole32(e["max"], at(ep, "max"), 0, 1000, &x.max);
    if (x.points > x.max) r.add(at(ep, "points"), "is more than max");
    out->exercises.push_back(std::move(x));
  }
}

// One result object at `base` ("" or "[2]").
void read_result_object(Reader& r, const json& root, const std::string& base,
                        std::vector<Problem>* problems, TrainingResult* out) {
  if (!r.object(root, base, "a training result")) return;
  check_known_members(root, base,
                      {"format", "scenario", "title", "seed", "played_by", "currency",
                       "weeks_played", "weeks", "score", "by_the_book", "advice", "calls",
                       "trainee", "played_on", "hints", "practices", "moves", "exercises"},
                      problems);
  if (!root.contains("format") || root["format"] != kTrainingResultFormat)
    r.add(at(base, "format"),
          std::string("must be \"") + kTrainingResultFormat + "\"" +
              (root.contains("format") ? ", not " + json_described(root["format"]) : ""));
  if (r.needs(root, "scenario", base, "the scenario's id"))
    r.text(root["scenario"], at(base, "scenario"), 64, true, &out->scenario);
  if (r.needs(root, "title", base, "the scenario's title"))
    r.text(root["title"], at(base, "title"), 200, false, &out->title);
  if (r.needs(root, "seed", base, "the draws' seed")) {
    int64_t seed = 0;
    if (r.whole(root["seed"], at(base, "seed"), 0, kSeedMax, &seed)) out->seed = uint64_t(seed);
  }
  if (r.needs(root, "played_by", base, "moves, by-the-book or passive")) {
    const json& x = root["played_by"];
    if (x != "moves" && x != "by-the-book" && x != "passive")
      r.add(at(base, "played_by"),
            json_described(x) + " is not one of moves, by-the-book, passive");
    else
      out->played_by = x.get<std::string>();
  }
  if (r.needs(root, "currency", base, "the book's currency"))
    r.text(root["currency"], at(base, "currency"), 16, false, &out->currency);
  if (r.needs(root, "weeks_played", base, "0 to 52"))
    r.whole32(root["weeks_played"], at(base, "weeks_played"), 0, kScenarioWeeksMax,
              &out->weeks_played);
  if (r.needs(root, "weeks", base, "the weeks played")) {
    const json& weeks = root["weeks"];
    if (!weeks.is_array() || weeks.size() > size_t(kScenarioWeeksMax)) {
      r.add(at(base, "weeks"),
            "must be an array of at most 52 weeks, not " + json_described(weeks));
    } else {
      out->weeks.resize(weeks.size());
      for (size_t w = 0; w < weeks.size(); w++)
        read_result_week(r, weeks[w], item(at(base, "weeks"), w), problems, &out->weeks[w]);
      if (int32_t(weeks.size()) != out->weeks_played && root.contains("weeks_played"))
        r.add(at(base, "weeks"), std::to_string(weeks.size()) +
                                     " weeks listed, but weeks_played is " +
                                     std::to_string(out->weeks_played));
    }
  }
  if (r.needs(root, "score", base, "the score"))
    read_result_score(r, root["score"], at(base, "score"), problems, &out->score);
  if (r.needs(root, "by_the_book", base, "the score played by the book"))
    read_result_score(r, root["by_the_book"], at(base, "by_the_book"), problems, &out->by_the_book);
  if (r.needs(root, "advice", base, "the debrief's advice")) {
    const json& advice = root["advice"];
    if (!advice.is_array()) {
      r.add(at(base, "advice"), "must be an array, not " + json_described(advice));
    } else {
      for (size_t i = 0; i < advice.size(); i++) {
        const std::string place = item(at(base, "advice"), i);
        const json& a = advice[i];
        if (!r.object(a, place, "{\"week\", \"practice\", \"text\"}")) continue;
        check_known_members(a, place, {"week", "practice", "text"}, problems);
        TrainingAdviceItem x;
        if (r.needs(a, "week", place, "its week"))
          r.whole32(a["week"], at(place, "week"), 1, kScenarioWeeksMax, &x.week);
        if (r.needs(a, "practice", place, "a practice id"))
          r.text(a["practice"], at(place, "practice"), 64, true, &x.practice);
        if (r.needs(a, "text", place, "what the practice would have done"))
          r.text(a["text"], at(place, "text"), kScenarioTextMax, false, &x.text);
        out->advice.push_back(std::move(x));
      }
    }
  }
  if (root.contains("calls")) read_result_calls(r, root["calls"], at(base, "calls"), problems, out);
  if (root.contains("exercises"))
    read_result_exercises(r, root["exercises"], at(base, "exercises"), problems, out);
  if (root.contains("trainee"))
    r.text(root["trainee"], at(base, "trainee"), 200, false, &out->trainee);
  if (root.contains("played_on")) {
    Date d;
    if (r.date(root["played_on"], at(base, "played_on"), &d)) out->played_on = format_date(d);
  }
  if (root.contains("hints"))
    r.whole32(root["hints"], at(base, "hints"), 0, kScenarioWeeksMax, &out->hints);
  if (root.contains("practices")) {
    std::vector<std::string> ids;
    if (result_texts(r, root["practices"], at(base, "practices"), &ids)) {
      for (size_t i = 0; i < ids.size(); i++) {
        if (!find_practice(ids[i]))
          r.add(item(at(base, "practices"), i),
                arlab::quoted(ids[i]) + " is not a practice arlab teaches");
      }
      out->practices = std::move(ids);
    }
  }
  if (root.contains("moves")) {
    const json& m = root["moves"];
    const std::string place = at(base, "moves");
    if (!m.is_array() || m.size() != out->weeks.size()) {
      r.add(place, "must be an array of one list of moves a week played (" +
                       std::to_string(out->weeks.size()) + "), not " + json_described(m));
    } else {
      for (size_t w = 0; w < m.size(); w++) {
        const std::string wp = item(place, w);
        if (!m[w].is_array()) {
          r.add(wp, "must be an array of moves, not " + json_described(m[w]));
          continue;
        }
        std::vector<Move> moves(m[w].size());
        for (size_t k = 0; k < m[w].size(); k++)
          read_move(r, m[w][k], item(wp, k), &moves[k], problems);
        if (moves != out->weeks[w].moves)
          r.add(wp, "the week's moves differ from " + item(at(base, "weeks"), w) + ".moves");
      }
    }
  }
}

}  // namespace

bool read_training_result(std::string_view text, TrainingResult* out,
                          std::vector<Problem>* problems) {
  const size_t before = problems->size();
  *out = TrainingResult{};
  json root;
  if (!parse_json_object(
          text, std::string("a result is {\"format\": \"") + kTrainingResultFormat + "\", ...}",
          &root, problems))
    return false;
  Reader r(problems);
  read_result_object(r, root, "", problems, out);
  if (problems->size() > before) {
    *out = TrainingResult{};
    return false;
  }
  return true;
}

bool read_training_results(std::string_view text, std::vector<TrainingResult>* out,
                           std::vector<Problem>* problems) {
  const size_t before = problems->size();
  out->clear();
  if (!check_json(text, /*duplicates=*/true, problems)) return false;
  if (problems->size() > before) return false;
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  Reader r(problems);
  if (root.is_object()) {
    out->resize(1);
    read_result_object(r, root, "", problems, &out->front());
  } else if (root.is_array()) {
    out->resize(root.size());
    for (size_t i = 0; i < root.size(); i++)
      read_result_object(r, root[i], "[" + std::to_string(i) + "]", problems, &(*out)[i]);
  } else {
    problems->push_back(
        {"", std::string("not a training result: expected a JSON object {\"format\": \"") +
                 kTrainingResultFormat + "\", ...} or a list of them"});
  }
  if (problems->size() > before) {
    out->clear();
    return false;
  }
  return true;
}

}  // namespace arlab
