// test_training_exercises.cpp: the exercises the engine checks (core/training_exercises.h,
// io/training_exercises_json.h), suite "exercises": each kind on a small scenario worked by
// hand, a right answer for full points and wrong ones whose feedback names the right answer;
// the same scenario giving the same exercises and the same simulator figures (this suite runs
// natively and in WebAssembly); every built-in scenario has all six; the answers file read,
// written and refused with its place.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "assets/scenarios.h"
#include "core/training_exercises.h"
#include "io/scenario_json.h"
#include "tests/core/training_fixtures.h"
#include "io/training_exercises_json.h"

using namespace arlab;
using namespace training_test;

namespace {

// Start Monday 2025-03-03; 30-day terms; the default dunning levels (notice from 1 day
// overdue, warning from 15, lawyer's letter from 30), letters at least 7 days apart.
//   C1 Alder  (S1), limit 500.00: I1 2025-02-15 800.00 due 03-17: current (14 days to go).
//   C2 Birch  (S2): I2 2025-01-10 1,000.00 due 02-09: 22 days overdue (Feb has 28 days:
//             20 days to 03-01, then 2 more).
//   C3 Cedar  (S1): I3 2024-12-01 600.00 due 12-31, 200.00 paid on 01-15 (P1), 400.00 open,
//             62 days overdue (31 in January + 28 in February + 3); a notice sent for it on
//             2025-01-10 (R1, when it was 10 days overdue);
//             I4 2025-01-20 250.00 due 02-19: 12 days overdue;
//             I5 2025-02-01 300.00 due 03-03: due today, current.
constexpr const char* kSmall = R"({
  "format": "arlab-scenario/1", "id": "small", "title": "Small", "level": "easy",
  "start": "2025-03-03", "weeks": 2, "minutes_per_week": 100, "seed": 11,
  "cast": [{"customer": "C1", "personality": "prompt"},
           {"customer": "C2", "personality": "negligent", "story": "The invoice sat in a pile."},
           {"customer": "C3", "personality": "short_of_cash", "contact": "Dee",
            "story": "Our bank cut the overdraft; we want to pay but need a few weeks."}],
  "book": {"format": "arlab-book/2", "currency": "USD",
    "salespeople": [{"id": "S1", "name": "Ann"}, {"id": "S2", "name": "Bo"}],
    "customers": [
      {"id": "C1", "name": "Alder", "salesperson": "S1", "terms_days": 30, "credit_limit": "500.00"},
      {"id": "C2", "name": "Birch", "salesperson": "S2", "terms_days": 30},
      {"id": "C3", "name": "Cedar", "salesperson": "S1", "terms_days": 30}],
    "invoices": [
      {"id": "I1", "customer": "C1", "date": "2025-02-15", "amount": "800.00"},
      {"id": "I2", "customer": "C2", "date": "2025-01-10", "amount": "1000.00"},
      {"id": "I3", "customer": "C3", "date": "2024-12-01", "amount": "600.00"},
      {"id": "I4", "customer": "C3", "date": "2025-01-20", "amount": "250.00"},
      {"id": "I5", "customer": "C3", "date": "2025-02-01", "amount": "300.00"}],
    "payments": [{"id": "P1", "customer": "C3", "date": "2025-01-15", "amount": "200.00",
                  "allocations": [{"invoice": "I3", "amount": "200.00"}]}],
    "collection": {"records": [
      {"id": "R1", "kind": "letter", "date": "2025-01-10", "customer": "C3", "invoices": ["I3"],
       "level": 1}]}}
})";

const Exercise& find(const std::vector<Exercise>& list, ExerciseKind k) {
  for (const Exercise& e : list)
    if (e.kind == k) return e;
  FAIL("no exercise " << exercise_kind_name(k));
  return list[0];
}

ExerciseAnswer of(ExerciseKind k) {
  ExerciseAnswer a;
  a.kind = k;
  return a;
}

bool says(const std::vector<std::string>& lines, std::string_view what) {
  for (const std::string& l : lines)
    if (l.find(what) != std::string::npos) return true;
  return false;
}

std::string first_problem(std::string_view text) {
  std::vector<ExerciseAnswer> out;
  std::vector<Problem> problems;
  std::string id;
  if (read_training_answers(text, 2, &id, &out, &problems)) return "(read)";
  REQUIRE(!problems.empty());
  return problems[0].place + ": " + problems[0].message;
}

}  // namespace

TEST_SUITE("exercises") {

TEST_CASE("the small scenario has every kind, in order, citing known practices") {
  const std::vector<Exercise> list = make_exercises(read_ok(kSmall));
  REQUIRE(list.size() == size_t(kExerciseKindCount));
  for (int k = 0; k < kExerciseKindCount; k++) {
    CHECK(list[size_t(k)].kind == ExerciseKind(k));
    CHECK(!list[size_t(k)].practices.empty());
    for (const std::string& p : list[size_t(k)].practices) CHECK(find_practice(p) != nullptr);
    // The engine's own answer earns every point.
    const ExerciseFeedback f = check_exercise(list[size_t(k)], list[size_t(k)].answer);
    CHECK(f.correct);
    CHECK(f.points == f.max);
  }
}

TEST_CASE("rank the worklist: action, then age") {
  const std::vector<Exercise> list = make_exercises(read_ok(kSmall));
  const Exercise& e = find(list, ExerciseKind::RankWorklist);
  // C3 and C2 each have an invoice past its one-third limit (30-day terms: 10 days), so their
  // first item is "escalate", the most urgent action; C3's is the older (62 days against 22).
  // C1 owes 800.00 over its 500.00 limit: "hold", the next action. So C3, C2, C1.
  CHECK(e.answer.order == std::vector<std::string>{"C3", "C2", "C1"});
  CHECK(e.choices == std::vector<std::string>{"C1", "C2", "C3"});  // Shown in book order.
  CHECK(e.max_points == 3);                                        // Three pairs.
  ExerciseAnswer a = of(ExerciseKind::RankWorklist);
  a.order = {"C3", "C2", "C1"};
  CHECK(check_exercise(e, a).correct);
  a.order = {"C2", "C3", "C1"};  // (C3, C2) swapped; (C3, C1), (C2, C1) kept: 2 of 3.
  ExerciseFeedback f = check_exercise(e, a);
  CHECK(f.points == 2);
  CHECK(!f.correct);
  CHECK(says(f.verdict, "the worklist: C3, C2, C1"));
  a.order = {"C1", "C2", "C3"};  // Every pair the wrong way.
  CHECK(check_exercise(e, a).points == 0);
  a.order = {"C3", "C2"};  // One left out: no points, and says what to list.
  f = check_exercise(e, a);
  CHECK(f.points == 0);
  CHECK(says(f.verdict, "must list each of C1, C2, C3 once"));
  CHECK(says(f.working, "1. C3 Cedar: escalate"));
}

TEST_CASE("the dunning level due: one above the level sent") {
  const std::vector<Exercise> list = make_exercises(read_ok(kSmall));
  const Exercise& e = find(list, ExerciseKind::DunningLevel);
  // The run's highest letter is C3's: I3 is 62 days overdue, which reaches the lawyer's
  // letter (from 30 days), but only the notice was sent: at most the warning (level 2). I4
  // (12 days, nothing sent) is due the notice. The letter takes the highest: the warning.
  CHECK(e.question.find("C3 Cedar") != std::string::npos);
  CHECK(e.answer.level == 2);
  ExerciseAnswer a = of(ExerciseKind::DunningLevel);
  a.level = 2;
  CHECK(check_exercise(e, a).correct);
  a.level = 3;  // By days alone: wrong.
  const ExerciseFeedback f = check_exercise(e, a);
  CHECK(f.points == 0);
  CHECK(says(f.verdict, "the engine: warning (level 2)"));
  CHECK(says(f.working, "I3: 62 days overdue reaches the lawyer's letter (level 3)"));
  CHECK(says(f.working, "so at most level 2: level due 2"));
  CHECK(says(f.working, "I5: not overdue"));
}

TEST_CASE("on hold and why: over the credit limit") {
  const std::vector<Exercise> list = make_exercises(read_ok(kSmall));
  const Exercise& e = find(list, ExerciseKind::Hold);
  // The first customer on hold in book order is C1: it owes 800.00 against a limit of 500.00;
  // its one invoice is not due yet, so no other reason.
  CHECK(e.question.find("C1 Alder") != std::string::npos);
  CHECK(e.answer.on_hold);
  CHECK(e.answer.reason == HoldChoice::OverLimit);
  ExerciseAnswer a = of(ExerciseKind::Hold);
  a.on_hold = true;
  a.reason = HoldChoice::OverLimit;
  CHECK(check_exercise(e, a).points == 2);
  a.reason = HoldChoice::PastLimit;  // On hold right, the reason wrong.
  ExerciseFeedback f = check_exercise(e, a);
  CHECK(f.points == 1);
  CHECK(says(f.verdict, "the engine: yes: Over its credit limit"));
  CHECK(says(f.working, "Owes 800.00 against a limit of 500.00: over it"));
  a.on_hold = false;
  a.reason = HoldChoice::None;
  CHECK(check_exercise(e, a).points == 0);
}

TEST_CASE("diagnose: the story of a customer who can't pay") {
  const std::vector<Exercise> list = make_exercises(read_ok(kSmall));
  const Exercise& e = find(list, ExerciseKind::Diagnose);
  // C2 (negligent) has a story but no stance; C3 (short of cash) is the first with one.
  CHECK(e.question.find("C3 Cedar") != std::string::npos);
  CHECK(e.answer.cause == Cause::CashShortage);
  CHECK(e.answer.stance == Stance::CantPay);
  ExerciseAnswer a = of(ExerciseKind::Diagnose);
  a.cause = Cause::CashShortage;
  a.stance = Stance::CantPay;
  CHECK(check_exercise(e, a).correct);
  a.cause = Cause::Deliberate;
  a.stance = Stance::WontPay;
  const ExerciseFeedback f = check_exercise(e, a);
  CHECK(f.points == 0);
  CHECK(says(f.verdict, "the case file: Cash shortage, Can't pay"));
  CHECK(says(f.working, "Our bank cut the overdraft"));
  CHECK(says(f.working, "[wont-vs-cant]"));
}

TEST_CASE("aging, DSO and CEI of the customer with the widest spread") {
  const std::vector<Exercise> list = make_exercises(read_ok(kSmall));
  const Exercise& e = find(list, ExerciseKind::AgingDsoCei);
  // C3 has open amounts in three buckets (C1 and C2 in one each). As of 2025-03-03:
  //   current 300.00 (I5, due today), 1-30 250.00 (I4, 12 days), 31-60 0.00,
  //   61-90 400.00 (I3, 62 days, 600.00 less 200.00 paid), 91+ 0.00.
  CHECK(e.question.find("C3 Cedar") != std::string::npos);
  CHECK(e.answer.buckets_minor == std::vector<int64_t>{30000, 25000, 0, 40000, 0});
  // The 90 days 2024-12-04 to 2025-03-03: sales I4 250.00 + I5 300.00 = 550.00 (I3 is dated
  // 12-01, before); open at the end 950.00; open at the start (12-03) I3's 600.00; current at
  // the end 300.00.
  //   DSO = 950 / 550 x 90 = 155.4545... -> 155.45
  //   CEI = (600 + 550 - 950) / (600 + 550 - 300) x 100 = 200 / 850 x 100 = 23.529... -> 23.53
  CHECK(e.answer.dso_centidays == 15545);
  CHECK(e.answer.cei_centipoints == 2353);
  CHECK(e.max_points == 7);
  ExerciseAnswer a = of(ExerciseKind::AgingDsoCei);
  a.buckets_minor = {30000, 25000, 0, 40000, 0};
  a.dso_centidays = 15590;  // 0.45 day off: within the tolerance.
  a.cei_centipoints = 2310;  // 0.43 point off.
  CHECK(check_exercise(e, a).correct);
  a.dso_centidays = 15600;  // 0.55 day off: wrong.
  a.buckets_minor[1] = 0;   // I4 forgotten.
  const ExerciseFeedback f = check_exercise(e, a);
  CHECK(f.points == 5);
  CHECK(says(f.verdict, "1-30: 0.00, the engine: 250.00"));
  CHECK(says(f.verdict, "DSO 156.00, the engine: 155.45"));
  CHECK(says(f.working, "DSO = 950.00 / 550.00 x 90 = 155.45 days"));
  CHECK(says(f.working, "CEI = (600.00 + 550.00 - 950.00) / (600.00 + 550.00 - 300.00) x 100 = 23.53"));
  CHECK(says(f.working, "I4: 250.00 open, 12 days past due (due 2025-02-19): 1-30"));
}

TEST_CASE("two commission plans: the simulator's figures decide, the same every time") {
  const Scenario s = read_ok(kSmall);
  const std::vector<Exercise> one = make_exercises(s), two = make_exercises(s);
  const Exercise& e = find(one, ExerciseKind::CommissionPlans);
  const Exercise& e2 = find(two, ExerciseKind::CommissionPlans);
  // Same scenario, same seed: the same figures to the cent (also in WebAssembly: this suite
  // runs there too).
  REQUIRE(e.tables.size() == 2);
  CHECK(e.tables[1].rows == e2.tables[1].rows);
  CHECK(e.answer == e2.answer);
  CHECK(e.deciding == e2.deciding);
  CHECK(e.tables[0].rows == std::vector<std::vector<std::string>>{{"S1", "Ann", "C1, C3"},
                                                                   {"S2", "Bo", "C2"}});
  // The right plan is the one with the higher mean profit, by the table's B - A mean.
  const std::string diff = e.tables[1].rows[3][5];  // Profit, B - A mean.
  CHECK(e.tables[1].rows[3][0] == "Profit");
  CHECK(e.answer.plan == (diff[0] != '-' && diff != "0.00" ? 1 : 0));
  ExerciseAnswer a = e.answer;
  CHECK(check_exercise(e, a).points == 2);
  a.plan = 1 - e.answer.plan;
  const ExerciseFeedback f = check_exercise(e, a);
  CHECK(f.points == 0);
  CHECK(says(f.verdict, std::string("the simulator favours plan ") + (e.answer.plan ? "B" : "A")));
  CHECK(says(f.working, "[commission-on-cash]"));
}

TEST_CASE("a scenario without the data skips the exercise") {
  // No salespeople: no commission exercise; the others stay.
  std::string text = kSmall;
  for (const char* from : {R"("salesperson": "S1", )", R"("salesperson": "S2", )"})
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from))
      text.erase(at, std::string(from).size());
  const std::string sp = R"("salespeople": [{"id": "S1", "name": "Ann"}, {"id": "S2", "name": "Bo"}],)";
  text.erase(text.find(sp), sp.size());
  const std::vector<Exercise> list = make_exercises(read_ok(text));
  CHECK(list.size() == 5);
  for (const Exercise& e : list) CHECK(e.kind != ExerciseKind::CommissionPlans);
}

TEST_CASE("every built-in scenario has the six exercises, and their answers check") {
  for (const EmbeddedScenario& b : kEmbeddedScenarios) {
    INFO(b.file_name);
    const std::vector<Exercise> list = make_exercises(read_ok(b.json()));
    CHECK(list.size() == size_t(kExerciseKindCount));
    for (const Exercise& e : list) CHECK(check_exercise(e, e.answer).correct);
  }
}

TEST_CASE("the answers file: a round trip and located errors") {
  const std::vector<Exercise> list = make_exercises(read_ok(kSmall));
  std::vector<ExerciseAnswer> answers;
  for (const Exercise& e : list) answers.push_back(e.answer);
  const std::string text = write_training_answers("small", answers, 2);
  std::vector<ExerciseAnswer> back;
  std::vector<Problem> problems;
  std::string id;
  REQUIRE(read_training_answers(text, 2, &id, &back, &problems));
  CHECK(id == "small");
  CHECK(back == answers);
  CHECK(write_training_answers(id, back, 2) == text);
  CHECK(feedback_table(list, back).find("6 of 6 right") != std::string::npos);

  const std::string head = R"({"format": "arlab-training-answers/1", "scenario": "small", "answers": [)";
  CHECK(first_problem(head + R"({"exercise": "guess"}]})") ==
        "answers[0].exercise: \"guess\" is not one of rank_worklist, dunning_level, hold, "
        "diagnose, aging_dso_cei, commission_plans");
  CHECK(first_problem(head + R"({"exercise": "hold", "on_hold": "yes", "reason": "none"}]})") ==
        "answers[0].on_hold: must be true or false, not \"yes\"");
  CHECK(first_problem(head + R"({"exercise": "aging_dso_cei", "buckets": ["1.005"], "dso": "1", "cei": "2"}]})")
            .rfind("answers[0].buckets[0]: bad amount \"1.005\"", 0) == 0);
  CHECK(first_problem(head + R"({"exercise": "aging_dso_cei", "buckets": [], "dso": 31.5, "cei": "2"}]})")
            .rfind("answers[0].dso: must be a figure", 0) == 0);
  CHECK(first_problem(head + R"({"exercise": "dunning_level", "level": 1}, {"exercise": "dunning_level", "level": 2}]})") ==
        "answers[1].exercise: \"dunning_level\" answered twice (first at answers[0])");
  CHECK(first_problem(head + R"({"exercise": "diagnose", "cause": "lazy", "stance": "cant_pay"}]})") ==
        "answers[0].cause: \"lazy\" is not one of unknown, negligence, dispute, cash_shortage, "
        "triangular, deliberate");
  CHECK(first_problem(head + R"({"exercise": "commission_plans", "plan": "C", "measure": "profit", "why": 1}]})") ==
        "answers[0].why: unknown member (known here: exercise, plan, measure)");
  CHECK(first_problem(R"({"format": "arlab-training-answers/2", "scenario": "small", "answers": []})") ==
        "format: must be \"arlab-training-answers/1\", not \"arlab-training-answers/2\"");
  CHECK(first_problem("[1, 2") .rfind("", 0) == 0);  // A syntax error: located, never a crash.
}

}  // TEST_SUITE
