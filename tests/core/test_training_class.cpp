// test_training_class.cpp: a trainer's class view (core/training_class.h) worked by hand, and
// training results read back (io/scenario_json.h read_training_result): the app's members, a
// list of results, the long CSV from a result read back, located errors. Suite "training".
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "assets/scenarios.h"
#include "core/training_call.h"
#include "core/training_class.h"
#include "core/training_game.h"
#include "io/file_kind.h"
#include "io/scenario_json.h"

using namespace arlab;

namespace {

TrainingResult result(const char* trainee, const char* scenario, const char* on, int total,
                      int book, std::vector<std::string> practices,
                      std::vector<TrainingAdviceItem> advice) {
  TrainingResult r;
  r.trainee = trainee;
  r.scenario = scenario;
  r.title = std::string("Title of ") + scenario;
  r.played_on = on;
  r.played_by = "moves";
  r.score.total = total;
  r.by_the_book.total = book;
  r.practices = std::move(practices);
  r.advice = std::move(advice);
  return r;
}

Scenario builtin(size_t k) {
  Scenario s;
  std::vector<Problem> problems;
  REQUIRE(read_scenario(kEmbeddedScenarios[k].json(), &s, &problems));
  return s;
}

}  // namespace

TEST_SUITE("training") {
  TEST_CASE("class: the latest game of each trainee and scenario, averages by practice, mistakes") {
    // Ann played s1 twice (60 on 05-01, then 70 on 05-03: 70 counts, best 70); Bob played s1
    // (50) and s2 (91). s1 teaches call-rules and five-words, s2 call-rules and one-third.
    std::vector<TrainingResult> rs = {
        result("Ann", "s1", "2025-05-01", 60, 80, {"call-rules", "five-words"},
               {{1, "call-rules", "a"}, {2, "five-words", "b"}}),
        result("Ann", "s1", "2025-05-03", 70, 80, {"call-rules", "five-words"},
               {{1, "call-rules", "c"}}),
        result("Bob", "s1", "2025-05-02", 50, 80, {"call-rules", "five-words"},
               {{1, "call-rules", "d"}, {1, "call-rules", "e"}}),
        result("Bob", "s2", "2025-05-02", 91, 85, {"call-rules", "one-third"},
               {{3, "one-third", "f"}}),
    };
    ClassSummary s = summarize_class(rs);
    CHECK(s.trainees == std::vector<std::string>{"Ann", "Bob"});
    CHECK(s.scenarios == std::vector<std::string>{"s1", "s2"});
    REQUIRE(s.cells.size() == 3);
    const ClassCell* ann = find_class_cell(s, "Ann", "s1");
    REQUIRE(ann);
    CHECK(ann->score == 70);
    CHECK(ann->best == 70);
    CHECK(ann->games == 2);
    CHECK(ann->result == 1);
    CHECK(ann->by_the_book == 80);
    CHECK(find_class_cell(s, "Bob", "s2")->score == 91);
    CHECK(find_class_cell(s, "Ann", "s2") == nullptr);
    // call-rules: 70, 50, 91 -> 211 / 3 = 70.33; by the book 80, 80, 85 -> 245 / 3 = 81.67.
    // five-words: 70, 50 -> 60.00 (80.00); one-third: 91 (85). In teaching order.
    REQUIRE(s.practices.size() == 3);
    CHECK(s.practices[0].practice == "call-rules");
    CHECK(s.practices[0].results == 3);
    CHECK(s.practices[0].score_centi == 7033);
    CHECK(s.practices[0].by_the_book_centi == 8167);
    CHECK(s.practices[1].practice == "five-words");
    CHECK(s.practices[1].score_centi == 6000);
    CHECK(s.practices[1].by_the_book_centi == 8000);
    CHECK(s.practices[2].practice == "one-third");
    CHECK(s.practices[2].score_centi == 9100);
    // Mistakes of the counted games: call-rules c (Ann), d and e (Bob): 3 items, 2 trainees, the
    // first "c"; one-third f. Ann's first game (a, b) is not counted.
    REQUIRE(s.mistakes.size() == 2);
    CHECK(s.mistakes[0].practice == "call-rules");
    CHECK(s.mistakes[0].items == 3);
    CHECK(s.mistakes[0].trainees == 2);
    CHECK(s.mistakes[0].example == "c");
    CHECK(s.mistakes[1].practice == "one-third");
    CHECK(s.mistakes[1].items == 1);
    // Half a hundredth rounds up: 1 and 2 of 8 results... (1 + 0 x 7) / 8 = 0.125 -> 13.
    std::vector<TrainingResult> eight(8, result("C", "s3", "2025-05-01", 0, 0, {"causes"}, {}));
    for (size_t k = 0; k < eight.size(); ++k) eight[k].trainee = std::string(1, char('A' + k));
    eight[0].score.total = 1;
    CHECK(summarize_class(eight).practices[0].score_centi == 13);
    CHECK(summarize_class({}).cells.empty());
  }

  TEST_CASE("results: the app's members read back; the CSV of a result read back is the game's") {
    GameState g = start_game(builtin(0), 2);  // The forgetful customer, a practice round of two.
    std::string why;
    while (!g.over()) REQUIRE(play_week(&g, by_the_book_week(g), &why));
    Debrief d = debrief(g);
    const std::string text =
        training_result_json(g, "moves", d, {"Ann Lee", date_from_ymd(2025, 6, 1), 1, {}});
    TrainingResult r;
    std::vector<Problem> problems;
    REQUIRE(read_training_result(text, &r, &problems));
    TrainingResult want = training_result_record(g, "moves", d);
    want.trainee = "Ann Lee";
    want.played_on = "2025-06-01";
    want.hints = 1;
    CHECK(r == want);
    CHECK(r.weeks_played == 2);
    CHECK(r.weeks[0].moves == g.log[0].moves);
    CHECK(r.practices == g.scenario.practices);
    CHECK(training_result_csv(r) == training_result_csv(g, "moves", d));
    // The CLI's result (no app members) reads too; a list of two.
    std::vector<TrainingResult> list;
    REQUIRE(read_training_results(
        "[" + training_result_json(g, "by-the-book", d) + "," + text + "]", &list, &problems));
    REQUIRE(list.size() == 2);
    CHECK(list[0].trainee.empty());
    CHECK(list[0].practices.empty());
    CHECK(list[1].trainee == "Ann Lee");
  }

  TEST_CASE("results: located errors, nothing read") {
    GameState g = start_game(builtin(0), 1);
    std::string why;
    REQUIRE(play_week(&g, by_the_book_week(g), &why));
    const std::string good =
        training_result_json(g, "moves", debrief(g), {"Bo", date_from_ymd(2025, 6, 1), 0, {}});
    auto problems_of = [](const std::string& text) {
      std::vector<TrainingResult> out;
      std::vector<Problem> problems;
      CHECK_FALSE(read_training_results(text, &out, &problems));
      CHECK(out.empty());
      std::string all;
      for (const Problem& p : problems) all += p.place + ": " + p.message + "\n";
      return all;
    };
    auto replaced = [&](const std::string& from, const std::string& to) {
      std::string t = good;
      size_t at = t.find(from);
      REQUIRE(at != std::string::npos);
      return t.replace(at, from.size(), to);
    };
    CHECK(problems_of(replaced("\"total\": ", "\"total\": 999")).find("score.total: 999") == 0);
    CHECK(problems_of("[" + good + ", {\"format\": \"arlab-training-result/1\"}]")
              .find("[1].scenario: is required") != std::string::npos);
    CHECK(problems_of(replaced("\"played_on\": \"2025-06-01\"", "\"played_on\": \"June\"")) ==
          "played_on: invalid date \"June\": expected a calendar date YYYY-MM-DD\n");
    CHECK(problems_of(replaced("\"practices\": [", "\"practices\": [\"nagging\", ")) ==
          "practices[0]: \"nagging\" is not a practice arlab teaches\n");
    CHECK(problems_of(replaced("\"moves\": [\n    [",
                               "\"moves\": [\n    [{\"move\": \"call\", \"customer\": \"ZZ\"}, "))
              .find("moves[0]: the week's moves differ from weeks[0].moves") == 0);
    CHECK(problems_of(replaced("\"format\"", "\"colour\": 1, \"format\""))
              .find("colour: unknown member") == 0);
    CHECK(
        problems_of("12") ==
        ": not a training result: expected a JSON object {\"format\": \"arlab-training-result/1\", "
        "...} or a list of them\n");
  }

  TEST_CASE("file kind: a scenario holds a book but is no book; formats found at the top only") {
    const std::string scenario(kEmbeddedScenarios[0].json());
    CHECK(json_format(scenario) == "arlab-scenario/1");
    CHECK(has_json_format(scenario, "arlab-scenario/1"));
    CHECK(
        not_a_book(scenario) ==
        "it is a training scenario (\"arlab-scenario/1\"): open it in the Training page or play it "
        "with arlab train");
    // Named inside, not at the top: a book with such a note is still a book.
    const std::string book = R"({"format": "arlab-book/2", "customers": [],
    "invoices": [], "notes": {"format": "arlab-scenario/1"}})";
    CHECK(json_format(book) == "arlab-book/2");
    CHECK_FALSE(has_json_format(book, "arlab-scenario/1"));
    CHECK(not_a_book(book).empty());
    CHECK(json_format("[1]").empty());
    CHECK(json_format("{\"format\": ").empty());
  }

  TEST_CASE("results: calls and exercises read back; the class counts them by practice") {
    // The forgetful customer, one week: the practice's call to C1 (all nine rules' marks kept)
    // and a rude path to C2 (choices 0 everywhere: rules broken), then two exercises.
    GameState g = start_game(builtin(0), 1);
    const Index c1 = find_customer(g.book, "C1"), c2 = find_customer(g.book, "C2");
    std::vector<int32_t> rude;
    CallState call = start_call(g, c2);
    std::string why;
    while (!finished(call)) {
      REQUIRE(choose(&call, 0, &why));
      rude.push_back(0);
    }
    const CallResult bad = result(call);
    REQUIRE(!bad.broken.empty());
    WeekPlan w;
    w.moves.push_back(Move{MoveKind::Call, "C1", 0, 0, ideal_choices(g, c1)});
    w.moves.push_back(Move{MoveKind::Call, "C2", 0, 0, rude});
    REQUIRE(play_week(&g, w, &why));
    const Debrief d = debrief(g);
    TrainingResultNote note{"Ann", date_from_ymd(2025, 6, 1), 0, {}};
    note.exercises.push_back({"rank_worklist", {"act-on-day-one", "one-third"}, 10, 10});
    note.exercises.push_back({"dunning_level", {"escalation-ladder", "act-on-day-one"}, 0, 1});
    TrainingResult r;
    std::vector<Problem> problems;
    REQUIRE(read_training_result(training_result_json(g, "moves", d, note), &r, &problems));
    TrainingResult want = training_result_record(g, "moves", d);
    want.trainee = "Ann";
    want.played_on = "2025-06-01";
    want.exercises = note.exercises;
    CHECK(r == want);
    REQUIRE(r.calls.size() == 2);
    CHECK(r.calls[0].customer == "C1");
    CHECK(r.calls[0].score == 100);
    CHECK(r.calls[1].score == bad.total);
    CHECK(r.calls[1].broken == bad.broken);
    // By hand: act-on-day-one has both exercises, 10 + 0 of 10 + 1 = 10 of 11; one-third 10 of
    // 10; escalation-ladder 0 of 1 and a mistake. Each call rule's marks go to its practice:
    // the sum over the two calls of points and max by rule, grouped by call_rule(k).practice.
    const ClassSummary s = summarize_class({r});
    auto practice = [&](const std::string& id) -> const PracticeAverage& {
      for (const PracticeAverage& a : s.practices)
        if (a.practice == id) return a;
      FAIL("no practice " << id);
      return s.practices.front();
    };
    CHECK(practice("act-on-day-one").exercise_points == 10);
    CHECK(practice("act-on-day-one").exercise_max == 11);
    CHECK(practice("one-third").exercise_max == 10);
    CHECK(practice("escalation-ladder").exercise_points == 0);
    std::map<std::string, std::pair<int32_t, int32_t>> marks;
    for (const TrainingResultCall& c : r.calls)
      for (size_t k = 0; k < c.points.size(); ++k) {
        auto& m = marks[call_rule(int32_t(k + 1)).practice];
        m.first += c.points[k];
        m.second += c.max[k];
      }
    for (const auto& [id, m] : marks) {
      CHECK(practice(id).call_points == m.first);
      CHECK(practice(id).call_max == m.second);
      CHECK(m.first < m.second);  // The rude call broke rules of every practice it touched.
    }
    // Mistakes: each broken rule of the rude call, and the dunning exercise (two practices).
    int32_t items = 0;
    for (const CommonMistake& m : s.mistakes) items += m.items;
    size_t advice = r.advice.size();
    CHECK(items == int32_t(advice + bad.broken.size() + 2));
    bool example = false;
    for (const CommonMistake& m : s.mistakes)
      example |= m.example.find("call to C2 in week 1: rule ") == 0 ||
                 m.example.find("exercise dunning_level: 0 of 1 points") == 0;
    CHECK(example);
    // A call's rules out of order, an exercise of an unknown kind: located errors.
    std::string text = training_result_json(g, "moves", d, note);
    const size_t at = text.find("{\"rule\": 2");
    REQUIRE(at != std::string::npos);
    std::string swapped = text;
    swapped.replace(at, 10, "{\"rule\": 3");
    CHECK_FALSE(read_training_result(swapped, &r, &problems));
    CHECK(problems.back().place == "calls[0].rules[1].rule");
    problems.clear();
    std::string unknown = text;
    unknown.replace(unknown.find("\"rank_worklist\""), 15, "\"juggling\"");
    CHECK_FALSE(read_training_result(unknown, &r, &problems));
    CHECK(problems.back().place == "exercises[0].kind");
    CHECK(problems.back().message == "\"juggling\" is not an exercise arlab has");
  }

}  // TEST_SUITE
