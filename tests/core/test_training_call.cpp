// test_training_call.cpp: the collection call of training mode (core/training_call.h) and its
// outcome in the game (core/training_game.h, "A call with choices"), suite "call": a call to
// each personality with its replies and outcome, the practice's choices scoring 100 and a rude
// and vague path scoring what the rules say (worked by hand), the outcome in the week's book,
// choices refused in words, the moves file's "choices" and the result's "calls", and the same
// scenario, seed and choices giving the same book (a golden hash; this suite runs natively and
// in WebAssembly).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "assets/scenarios.h"
#include "core/training_call.h"
#include "core/training_game.h"
#include "io/book_json.h"
#include "io/scenario_json.h"
#include "tests/core/training_fixtures.h"

using namespace arlab;
using namespace training_test;

namespace {

// One customer of each personality, one invoice each (terms 30 days). Week 1 starts on
// Monday 2025-03-03.
//   C1 negligent      I1 1,000.00 due 2025-02-19 (12 days overdue)
//   C2 disputing      I2 2,000.00 due 2025-02-19; contests 300.00 of it (goods), rejected
//   C3 short of cash  I3 1,200.00 due 2025-02-19
//   C4 triangular     I4   800.00 due 2025-02-19; its debtor pays on 2025-03-20
//   C5 deliberate     I5 1,500.00 due 2025-02-09
//   C6 inertial       I6 5,000.00 due 2025-02-04 (27 days overdue)
//   C7 prompt         I7   700.00 due 2025-03-07 (due within the week)
constexpr const char* kCast = R"({
  "format": "arlab-scenario/1", "id": "cast", "title": "Cast", "level": "easy",
  "start": "2025-03-03", "weeks": 4, "minutes_per_week": 600, "seed": 5,
  "cast": [
    {"customer": "C1", "personality": "negligent", "contact": "Ann Lee", "story": "forgets"},
    {"customer": "C2", "personality": "disputing", "contact": "Dan Roe",
     "dispute": {"invoice": "I2", "amount": "300.00", "reason": "goods", "upheld": "0.00"}},
    {"customer": "C3", "personality": "short_of_cash", "contact": "Sue Kim"},
    {"customer": "C4", "personality": "triangular", "contact": "Tom Wu",
     "debtor_pays": "2025-03-20"},
    {"customer": "C5", "personality": "deliberate", "contact": "Vic Moss"},
    {"customer": "C6", "personality": "inertial", "contact": "Ines Ray"},
    {"customer": "C7", "personality": "prompt", "contact": "Pat Cole"}],
  "book": {"format": "arlab-book/2", "currency": "USD",
    "customers": [{"id": "C1", "name": "Alder", "terms_days": 30},
                  {"id": "C2", "name": "Birch", "terms_days": 30},
                  {"id": "C3", "name": "Cedar", "terms_days": 30},
                  {"id": "C4", "name": "Dogwood", "terms_days": 30},
                  {"id": "C5", "name": "Elm", "terms_days": 30},
                  {"id": "C6", "name": "Fir Group", "terms_days": 30},
                  {"id": "C7", "name": "Gum", "terms_days": 30}],
    "invoices": [{"id": "I1", "customer": "C1", "date": "2025-01-20", "amount": "1000.00"},
                 {"id": "I2", "customer": "C2", "date": "2025-01-20", "amount": "2000.00"},
                 {"id": "I3", "customer": "C3", "date": "2025-01-20", "amount": "1200.00"},
                 {"id": "I4", "customer": "C4", "date": "2025-01-20", "amount": "800.00"},
                 {"id": "I5", "customer": "C5", "date": "2025-01-10", "amount": "1500.00"},
                 {"id": "I6", "customer": "C6", "date": "2025-01-05", "amount": "5000.00"},
                 {"id": "I7", "customer": "C7", "date": "2025-02-05", "amount": "700.00"}]}
})";

Index customer(const GameState& g, const char* id) {
  const Index c = find_customer(g.book, id);
  REQUIRE(c != kNone);
  return c;
}

// The index of the current choice whose text starts with `prefix` (the order is hashed).
int32_t pick(const CallState& s, std::string_view prefix) {
  const CallNode& n = node(s);
  for (size_t k = 0; k < n.choices.size(); k++)
    if (std::string_view(n.choices[k].text).substr(0, prefix.size()) == prefix) return int32_t(k);
  INFO("stage " << call_stage_name(n.stage) << ", no choice starting '" << std::string(prefix)
                << "'");
  REQUIRE(false);
  return -1;
}

// Plays the call choosing by the texts' beginnings; the choices taken.
std::vector<int32_t> say(CallState* s, std::vector<std::string_view> prefixes) {
  std::string why;
  for (std::string_view p : prefixes) {
    REQUIRE(!finished(*s));
    const int32_t k = pick(*s, p);
    REQUIRE(choose(s, k, &why));
  }
  return s->choices;
}

CallState ideal_call(const GameState& g, Index c) {
  CallState s;
  std::string why;
  REQUIRE(play_call(g, c, ideal_choices(g, c), &s, &why));
  return s;
}

int32_t marks_total(const CallResult& r) {
  int32_t n = 0;
  for (int32_t m : r.max) n += m;
  return n;
}

// Plays week 1 with one call to `id` carrying `choices`.
GameState week_with_call(const Scenario& sc, const char* id, const std::vector<int32_t>& choices) {
  GameState g = start_game(sc);
  std::string why;
  Move m{MoveKind::Call, id, 0, 0, choices};
  INFO(why);
  REQUIRE(play_week(&g, WeekPlan{{m}}, &why));
  return g;
}

struct Paid {
  Date date;
  int64_t amount_minor = 0;
};
// The payments of one customer, in book order (the cast's other customers pay too).
std::vector<Paid> paid(const GameState& g, const char* id) {
  std::vector<Paid> out;
  const Index c = find_customer(g.book, id);
  for (const Receipt& r : g.book.payments)
    if (r.customer == c) out.push_back({r.date, r.amount_minor});
  return out;
}
// The case records of one customer, in file order.
std::vector<CaseRecord> records(const GameState& g, const char* id) {
  std::vector<CaseRecord> out;
  const Index c = find_customer(g.book, id);
  for (const CaseRecord& r : g.book.collection.records)
    if (r.customer == c) out.push_back(r);
  return out;
}

}  // namespace

TEST_SUITE("call") {

TEST_CASE("the nine rules each cite a practice of the catalogue") {
  const auto& rules = call_rules();
  REQUIRE(rules.size() == 9);
  for (int32_t k = 0; k < 9; k++) {
    INFO(rules[size_t(k)].name);
    CHECK(rules[size_t(k)].id == k + 1);
    CHECK(find_practice(rules[size_t(k)].practice) != nullptr);
    CHECK(std::string(rules[size_t(k)].lesson).find("(00") != std::string::npos);  // A source.
  }
  CHECK(std::string(call_rule(3).name) == "repeat the amount");
}

TEST_CASE("negligent: the practice's call scores 100 and it pays on the call") {
  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc);
  const Index c = customer(g, "C1");
  CallState s = ideal_call(g, c);
  const CallResult r = result(s);
  // Ten stages, thirteen marks, every one kept: prepare 1, open 2 (goal, polite), amount 1,
  // cause 1, respond 2 (goal, firm), urgency 1, full 1, date 2 (date, amount), writing 1,
  // close 1.
  CHECK(s.transcript.size() == 10);
  CHECK(marks_total(r) == 13);
  CHECK(r.total == 100);
  CHECK(r.broken.empty());
  CHECK(r.feedback.empty());
  // Its replies: the exact amount said, it had forgotten; asked the cause, its story.
  CHECK(s.transcript[2].trainee_line ==
        "It's invoices I1 (due 2025-02-19): 1,000.00 together, 12 days overdue for the oldest.");
  CHECK(s.transcript[3].customer_line ==
        "Oh dear, 1,000.00? I had no idea; it must be in the pile on my desk.");
  CHECK(s.transcript[4].customer_line.find("(forgets)") != std::string::npos);
  // The day proposed to a forgetful customer: today, while the invoice is in front of it.
  CHECK(r.outcome.kind == CallOutcomeKind::Payment);
  CHECK(r.outcome.amount_minor == 100000);
  CHECK(r.outcome.date == ymd(2025, 3, 3));
  CHECK(r.outcome.written);
  CHECK(r.relationship_delta == 2);

  // In the game: paid on Monday 03-03 (the default call brings it on Wednesday 03-05).
  const GameState played = week_with_call(sc, "C1", s.choices);
  REQUIRE(paid(played, "C1").size() == 1);
  CHECK(paid(played, "C1")[0].date == ymd(2025, 3, 3));
  CHECK(paid(played, "C1")[0].amount_minor == 100000);
  CHECK(played.customers[c].relationship == 72);
  CHECK(played.customers[c].diagnosed);
  // Records: the case (cause found), the contact with the score.
  const std::vector<CaseRecord> rs = records(played, "C1");
  REQUIRE(rs.size() == 2);
  CHECK(rs[0].kind == RecordKind::Case);
  CHECK(rs[0].cause == Cause::Negligence);
  CHECK(rs[1].kind == RecordKind::Contact);
  CHECK(rs[1].text == "call scored 100: pays 1,000.00 today, on the call, confirmed in writing");
  REQUIRE(played.log[0].calls.size() == 1);
  CHECK(played.log[0].calls[0].total == 100);
  CHECK(played.log[0].calls[0].outcome == "payment");
}

TEST_CASE("negligent: a rude and vague call scores 0 and ends in a plan it did not need") {
  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc);
  const Index c = customer(g, "C1");
  CallState s = start_call(g, c);
  say(&s, {"Dial straight",                       // 1 broken
           "Hi Ann Lee, just checking in",        // 2 broken
           "It's... let me find it",              // 3 broken (no file: only vague amounts)
           "I'm not interested",                  // 4 broken
           "That's no excuse",                    // 6 broken (the cause unknown: generic)
           "There's no rush",                     // 5 broken
           "Would it help to split",              // 8 broken: a plan agreed at once
           "No need to put anything",             // 9 broken
           "Good. Don't forget"});                // 6 broken
  REQUIRE(finished(s));
  const CallResult r = result(s);
  // Nine marks, none kept: 0 of 9 = 0.
  CHECK(marks_total(r) == 9);
  CHECK(r.total == 0);
  CHECK(r.broken == std::vector<int32_t>{1, 2, 3, 4, 6, 5, 8, 9});
  CHECK(r.feedback.size() == 9);
  CHECK(r.feedback[2] ==
        "Rule 3, repeat the amount (amount): you said 'It's... let me find it... around "
        "1,000.00, I think.'; without the file you cannot say it; say 'invoices I1 (due "
        "2025-02-19), 1,000.00 together'.");
  CHECK(r.outcome.kind == CallOutcomeKind::Plan);
  CHECK(r.outcome.instalments == 4);
  CHECK(!r.outcome.written);
  // Two rude choices: -5 each; under 80: no bonus.
  CHECK(r.relationship_delta == -10);

  GameState played = week_with_call(sc, "C1", s.choices);
  CHECK(played.customers[c].relationship == 60);
  CHECK(!played.customers[c].diagnosed);  // The cause was not asked.
  // The plan: 4 weekly instalments of 250.00 from 2025-03-10; nothing paid in week 1.
  CHECK(paid(played, "C1").empty());
  const std::vector<CaseRecord> rs = records(played, "C1");
  REQUIRE(rs.size() == 3);
  CHECK(rs[0].kind == RecordKind::Plan);
  REQUIRE(rs[0].instalments.size() == 4);
  CHECK(rs[0].instalments[0].due == ymd(2025, 3, 10));
  CHECK(rs[0].instalments[0].amount_minor == 25000);
  CHECK(rs[1].kind == RecordKind::Approval);
  CHECK(rs[2].kind == RecordKind::Contact);
  // Week 2 brings the first instalment.
  std::string why;
  REQUIRE(play_week(&played, WeekPlan{}, &why));
  REQUIRE(paid(played, "C1").size() == 1);
  CHECK(paid(played, "C1")[0].date == ymd(2025, 3, 10));
  CHECK(paid(played, "C1")[0].amount_minor == 25000);
}

TEST_CASE("negligent: the amount vague, no date and nothing in writing: 75 and nothing agreed") {
  GameState g = start_game(read_ok(kCast));
  CallState s = start_call(g, customer(g, "C1"));
  say(&s, {"Open the file", "Good morning", "There are some invoices", "What is holding",
           "Could you find the invoices", "If it isn't paid", "Can we agree", "Please try",
           "No need", "Thank you"});
  const CallResult r = result(s);
  // Twelve marks: prepare +, open + +, amount -, cause +, respond + +, urgency +, full +,
  // date -, writing -, close +: 9 of 12 = 75.
  CHECK(marks_total(r) == 12);
  CHECK(r.total == 75);
  CHECK(r.broken == std::vector<int32_t>{3, 9});
  CHECK(r.outcome.kind == CallOutcomeKind::Nothing);
  CHECK(r.outcome.text == "no date agreed");
}

TEST_CASE("disputing: it raises its dispute once the amount is said; the rest is promised") {
  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc);
  const Index c = customer(g, "C2");
  CallState s = ideal_call(g, c);
  const CallResult r = result(s);
  CHECK(r.total == 100);
  CHECK(s.transcript[3].customer_line ==
        "Before we go on: 300.00 of I2 is in dispute (Goods), and we won't pay that part.");
  // The full payment asked is the part not in question: 2,000.00 - 300.00 = 1,700.00, on the
  // day proposed to a disputing customer, the call's day + 3: 2025-03-06.
  CHECK(r.outcome.kind == CallOutcomeKind::Dispute);
  CHECK(r.outcome.amount_minor == 30000);
  CHECK(r.outcome.invoice == find_invoice(g.book, "I2"));
  CHECK(r.outcome.date == ymd(2025, 3, 6));
  CHECK(s.agreed_minor == 170000);

  const GameState played = week_with_call(sc, "C2", s.choices);
  const std::vector<CaseRecord> rs = records(played, "C2");
  // The case, the dispute (300.00 of I2), the promise of 1,700.00 by 03-06, the contact.
  REQUIRE(rs.size() == 4);
  CHECK(rs[1].kind == RecordKind::Dispute);
  CHECK(rs[1].amount_minor == 30000);
  CHECK(rs[2].kind == RecordKind::Promise);
  CHECK(rs[2].amount_minor == 170000);
  CHECK(rs[2].until == ymd(2025, 3, 6));
  // Confirmed in writing: kept on 03-06; the 300.00 in dispute stays open.
  REQUIRE(paid(played, "C2").size() == 1);
  CHECK(paid(played, "C2")[0].date == ymd(2025, 3, 6));
  CHECK(paid(played, "C2")[0].amount_minor == 170000);
  CHECK(invoice_open_minor(played.book, find_invoice(played.book, "I2"), ymd(2025, 3, 9)) ==
        30000);
}

TEST_CASE("short of cash: the whole asked, then a plan it can keep") {
  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc);
  const Index c = customer(g, "C3");
  CallState s = ideal_call(g, c);
  const CallResult r = result(s);
  CHECK(r.total == 100);
  // Stages: prepare, open, amount, cause, respond, urgency, full, instalments, writing, close.
  REQUIRE(s.transcript.size() == 10);
  CHECK(s.transcript[7].stage == CallStage::Instalments);
  CHECK(s.transcript[7].customer_line ==
        "I can't pay it all. I could manage it over 4 weeks, if you'd agree.");
  CHECK(r.outcome.kind == CallOutcomeKind::Plan);

  GameState played = week_with_call(sc, "C3", s.choices);
  // 1,200.00 in 4 weekly instalments of 300.00, the first on 03-10; +2 for the call, +10 for a
  // plan to a customer who can't pay: 70 + 12 = 82.
  CHECK(played.customers[c].relationship == 82);
  CHECK(paid(played, "C3").empty());
  std::string why;
  REQUIRE(play_week(&played, WeekPlan{}, &why));
  REQUIRE(paid(played, "C3").size() == 1);
  CHECK(paid(played, "C3")[0].date == ymd(2025, 3, 10));
  CHECK(paid(played, "C3")[0].amount_minor == 30000);
}

TEST_CASE("short of cash: insisting on the whole amount gets a promise it breaks") {
  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc);
  CallState s = start_call(g, customer(g, "C3"));
  say(&s, {"Open the file", "Good morning", "It's invoices", "What is holding", "I understand",
           "If it isn't paid", "Can we agree", "No: the whole", "So that's", "I'll email",
           "Thank you"});
  const CallResult r = result(s);
  // Rule 8: kept once (the whole asked), broken once (no plan for a customer who can't pay).
  CHECK(r.points[7] == 1);
  CHECK(r.max[7] == 2);
  CHECK(r.outcome.kind == CallOutcomeKind::Promise);
  CHECK(r.outcome.amount_minor == 120000);
  CHECK(r.outcome.date == ymd(2025, 3, 10));
  // It pays a third at the call's day + 3 (400.00 on 03-06) and breaks the promise.
  GameState played = week_with_call(sc, "C3", s.choices);
  REQUIRE(paid(played, "C3").size() == 1);
  CHECK(paid(played, "C3")[0].date == ymd(2025, 3, 6));
  CHECK(paid(played, "C3")[0].amount_minor == 40000);
  std::string why;
  REQUIRE(play_week(&played, WeekPlan{}, &why));
  CHECK(paid(played, "C3").size() == 1);
  const CaseState cs = case_state(played.book, ymd(2025, 3, 16));
  REQUIRE(cs.promises.size() == 1);
  CHECK(cs.promises[0].status == PromiseStatus::Broken);
}

TEST_CASE("triangular: it explains its debtor and promises the day after it is paid") {
  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc);
  CallState s = ideal_call(g, customer(g, "C4"));
  CHECK(s.transcript[4].customer_line ==
        "Our own customer owes us a large sum and pays on 2025-03-20; then we pay you.");
  const CallResult r = result(s);
  CHECK(r.total == 100);
  // The debtor's date + 2: 2025-03-22, a Saturday of week 3.
  CHECK(r.outcome.kind == CallOutcomeKind::Promise);
  CHECK(r.outcome.date == ymd(2025, 3, 22));
  GameState played = week_with_call(sc, "C4", s.choices);
  std::string why;
  REQUIRE(play_week(&played, WeekPlan{}, &why));
  REQUIRE(play_week(&played, WeekPlan{}, &why));
  REQUIRE(paid(played, "C4").size() == 1);
  CHECK(paid(played, "C4")[0].date == ymd(2025, 3, 22));
  CHECK(paid(played, "C4")[0].amount_minor == 80000);
}

TEST_CASE("deliberate: without a credible consequence it refuses; the invoice stays open") {
  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc);
  const Index c = customer(g, "C5");
  CallState s = start_call(g, c);
  say(&s, {"Open the file", "Good morning", "It's invoices", "What is holding", "I hear you",
           "There's no rush", "Can we agree"});
  // At "full" it refuses and the call goes to its close.
  CHECK(node(s).stage == CallStage::Close);
  CHECK(node(s).customer_line == "We'll pay when we're ready, and not before.");
  say(&s, {"Thank you"});
  const CallResult r = result(s);
  CHECK(r.outcome.kind == CallOutcomeKind::Refusal);
  // Ten marks, one broken (5): 9 of 10 = 90.
  CHECK(r.total == 90);
  GameState played = week_with_call(sc, "C5", s.choices);
  CHECK(paid(played, "C5").empty());
  CHECK(invoice_open_minor(played.book, find_invoice(played.book, "I5"), ymd(2025, 3, 9)) ==
        150000);
  CHECK(played.customers[c].relationship == 70);  // A defaulter's does not move.
  // With the consequence said (hold and legal), it promises the whole by the call's day + 7.
  const CallState ideal = ideal_call(g, c);
  CHECK(result(ideal).outcome.kind == CallOutcomeKind::Promise);
  CHECK(result(ideal).outcome.date == ymd(2025, 3, 10));
  CHECK(ideal.transcript[6].customer_line == "Legal? ...Let's not go that far.");
}

TEST_CASE("inertial: a date only when senior management is the next step") {
  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc);
  const Index c = customer(g, "C6");
  CallState vague = start_call(g, c);
  say(&vague, {"Open the file", "Good morning", "It's invoices", "What is holding",
               "I understand you have a process", "There's no rush", "Can we agree",
               "So that's"});
  CHECK(node(vague).customer_line == "I can't give you a date; it goes in the normal run.");
  say(&vague, {"I'll email", "Thank you"});
  CHECK(result(vague).outcome.kind == CallOutcomeKind::Nothing);
  // The practice's call: a promise of 5,000.00 by the call's day + 5, 2025-03-08, kept (in
  // writing).
  const CallState s = ideal_call(g, c);
  CHECK(result(s).outcome.kind == CallOutcomeKind::Promise);
  CHECK(result(s).outcome.amount_minor == 500000);
  const GameState played = week_with_call(sc, "C6", s.choices);
  REQUIRE(paid(played, "C6").size() == 1);
  CHECK(paid(played, "C6")[0].date == ymd(2025, 3, 8));
  CHECK(paid(played, "C6")[0].amount_minor == 500000);
}

TEST_CASE("prompt: a call before the due date confirms it") {
  GameState g = start_game(read_ok(kCast));
  const CallState s = ideal_call(g, customer(g, "C7"));
  CHECK(s.transcript[3].customer_line == "That isn't due until 2025-03-07, and we'll pay it then.");
  CHECK(result(s).outcome.kind == CallOutcomeKind::Promise);
  CHECK(result(s).outcome.date == ymd(2025, 3, 7));
  CHECK(result(s).total == 100);
}

TEST_CASE("the debrief counts a call played as a conversation as the practice's call") {
  // Week 1 by the practice is a call to C1 (12 days overdue, not yet diagnosed); the trainee
  // makes that call as a conversation (with choices): no advice "the practice would call C1".
  GameState g = start_game(read_ok(kCast));
  const Index c = customer(g, "C1");
  const WeekPlan practice = by_the_book_week(g);
  std::string practice_text;
  for (const Move& m : practice.moves) practice_text += move_text(m) + "; ";
  INFO(practice_text);
  CHECK(std::count(practice.moves.begin(), practice.moves.end(), Move{MoveKind::Call, "C1", 0, 0}) ==
        1);
  std::string why;
  REQUIRE(play_week(&g, WeekPlan{{Move{MoveKind::Call, "C1", 0, 0, ideal_choices(g, c)}}}, &why));
  const Debrief d = debrief(g);
  REQUIRE(d.weeks.size() == 1);
  for (const DebriefAdvice& a : d.weeks[0].advice)
    CHECK(a.text.find("would call C1") == std::string::npos);
}

TEST_CASE("choices that do not fit refuse the week's plan in words") {
  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc);
  std::string why;
  // Prepare has two choices: 3 is out of range.
  CHECK(!play_week(&g, WeekPlan{{Move{MoveKind::Call, "C1", 0, 0, {3}}}}, &why));
  CHECK(why ==
        "move 1 (call C1 choices 3): the call's choice 1: choice 3 at stage prepare: choose 0 "
        "to 1");
  CHECK(g.week == 0);
  CHECK(!play_week(&g, WeekPlan{{Move{MoveKind::Call, "C1", 0, 0, {0, 0}}}}, &why));
  CHECK(why.find("the choices end before the call does: it stops at stage amount") !=
        std::string::npos);
  std::vector<int32_t> longer = ideal_choices(g, customer(g, "C1"));
  longer.push_back(0);
  CHECK(!play_week(&g, WeekPlan{{Move{MoveKind::Call, "C1", 0, 0, longer}}}, &why));
  CHECK(why.find("the call ended after 10 choices") != std::string::npos);
  CHECK(g.book.collection.records.empty());
}

TEST_CASE("moves files carry a call's choices; the result lists the calls") {
  std::vector<WeekPlan> weeks;
  std::vector<Problem> problems;
  const char* text = R"({"format": "arlab-training-moves/1", "weeks": [
    [{"move": "call", "customer": "C1", "choices": [0, 1, 0]}]]})";
  REQUIRE(read_training_moves(text, &weeks, &problems));
  REQUIRE(weeks.size() == 1);
  CHECK(weeks[0].moves[0].choices == std::vector<int32_t>{0, 1, 0});
  const std::string written = write_training_moves(weeks);
  CHECK(written.find("\"choices\": [0, 1, 0]") != std::string::npos);
  std::vector<WeekPlan> back;
  REQUIRE(read_training_moves(written, &back, &problems));
  CHECK(write_training_moves(back) == written);
  // Strict: only on a call, numbers 0 to 3.
  problems.clear();
  CHECK(!read_training_moves(R"({"format": "arlab-training-moves/1", "weeks": [
    [{"move": "hold", "customer": "C1", "choices": [0]}]]})", &weeks, &problems));
  REQUIRE(!problems.empty());
  CHECK(problems[0].place == "weeks[0][0].choices");
  CHECK(problems[0].message == "only a call has choices (the collection call's answers)");
  problems.clear();
  CHECK(!read_training_moves(R"({"format": "arlab-training-moves/1", "weeks": [
    [{"move": "call", "customer": "C1", "choices": [0, 7]}]]})", &weeks, &problems));
  REQUIRE(!problems.empty());
  CHECK(problems[0].place == "weeks[0][0].choices[1]");
  CHECK(problems[0].message == "7 is not between 0 and 3");

  const Scenario sc = read_ok(kCast);
  GameState g = start_game(sc, 1);
  std::string why;
  const Move m{MoveKind::Call, "C1", 0, 0, ideal_choices(g, customer(g, "C1"))};
  REQUIRE(play_week(&g, WeekPlan{{m}}, &why));
  const std::string json = training_result_json(g, "moves", debrief(g));
  CHECK(json.find("\"calls\": [\n    {\"week\": 1, \"customer\": \"C1\", \"choices\": [") !=
        std::string::npos);
  CHECK(json.find("\"score\": 100,") != std::string::npos);
  CHECK(json.find("\"outcome\": \"payment\"") != std::string::npos);
  // A game without calls keeps its bytes: no "calls" member.
  GameState plain = start_game(sc, 1);
  REQUIRE(play_week(&plain, WeekPlan{}, &why));
  CHECK(training_result_json(plain, "moves", debrief(plain)).find("\"calls\"") ==
        std::string::npos);
}

TEST_CASE("the same scenario, seed and choices give the same book, bit for bit") {
  const Scenario sc = read_ok(scenario_forgetful_customer_json());
  std::string bytes[2];
  for (std::string& b : bytes) {
    GameState g = start_game(sc);
    std::string why;
    // Week 1: the practice's calls to C1 and C2, then by the book.
    WeekPlan week1;
    for (const char* id : {"C1", "C2"})
      week1.moves.push_back(Move{MoveKind::Call, id, 0, 0, ideal_choices(g, customer(g, id))});
    REQUIRE(play_week(&g, week1, &why));
    REQUIRE(g.log[0].calls.size() == 2);
    REQUIRE(play_scripted(&g, ScriptedPolicy::ByTheBook, &why));
    b = write_book_json(g.book);
  }
  CHECK(bytes[0] == bytes[1]);
  // The golden hash: the same bytes natively and in WebAssembly (this suite runs in both).
  CHECK(fnv(bytes[0]) == 0x746da07228b82224ULL);
}

}  // TEST_SUITE
