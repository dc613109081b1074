// training_class.h: a trainer's view of a class (issue 13): the results of many trainees'
// games, read back from their result files ("arlab-training-result/1", io/scenario_json.h),
// summarised as a table per trainee and scenario, averages by practice and the common
// mistakes. Pure: no files, no JSON; the reader fills TrainingResult, the app draws the
// summary (app/panel_training.cpp), the tests check it with hand-worked numbers.
//
// Which result counts: a trainee may play a scenario several times; the class view counts
// the latest game of each trainee and scenario (by the date played, then the order given),
// so that one keen trainee's ten rounds do not outweigh the others. Its best score and the
// number of games are shown beside it.
//
// Averages by practice: each counted result's total is counted once for every practice its
// scenario teaches (a scenario teaching four practices adds its score to four averages), and
// so is its by-the-book total, to compare. Means are in hundredths of a point, rounded half up.
// The exercises a result carries add their points (of their maximum) to each practice they
// teach, and its calls add each rule's marks kept (of the marks its choices touched) to the
// rule's practice (core/training_call.h call_rule).
//
// Common mistakes: the debrief's advice items of the counted results (what the practice would
// have done differently), each call rule broken and each exercise short of full points,
// counted by the practice each cites: how many items, how many trainees had at least one, and
// the first item's text as an example; most items first, then most trainees, then the
// practice's teaching order.
//
// Usage:
//   std::vector<arlab::TrainingResult> results = ...;  // io/scenario_json.h read_training_results
//   arlab::ClassSummary s = arlab::summarize_class(results);
//
// Tests: tests/core/test_training_class.cpp (suite "training").
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "training_game.h"

namespace arlab {

// ---- [SECTION] A result as read back ------------------------------------------------------

struct TrainingScoreParts {
  int32_t cash = 0, dso = 0, bad_debt = 0, relationship = 0, total = 0;  // 0-100 each.
  bool operator==(const TrainingScoreParts&) const = default;
};

// One week of a result; amounts as the file writes them ("1200.00"; dso "" when none).
struct TrainingResultWeek {
  int32_t week = 0;
  std::string from, to;
  int32_t minutes = 0;
  std::vector<Move> moves;
  std::string cash, written_off, open, overdue, dso;
  int32_t relationship = 0;
  std::vector<std::string> done, events;
  bool operator==(const TrainingResultWeek&) const = default;
};

struct TrainingAdviceItem {
  int32_t week = 0;
  std::string practice;  // A practice id (core/scenario.h practices()).
  std::string text;
  bool operator==(const TrainingAdviceItem&) const = default;
};

// A collection call played with choices (core/training_call.h; the result's "calls").
struct TrainingResultCall {
  int32_t week = 0;
  std::string customer;
  std::vector<int32_t> choices;
  int32_t score = 0;                 // 0-100.
  std::vector<int32_t> points, max;  // By rule 1-9.
  std::vector<int32_t> broken;       // The rule ids broken.
  std::string outcome, outcome_text;
  bool operator==(const TrainingResultCall&) const = default;
};

// An exercise checked in the app on the result's scenario (core/training_exercises.h; the
// result's "exercises"): the latest check of each kind.
struct TrainingResultExercise {
  std::string kind;                    // exercise_kind_name: "rank_worklist", ...
  std::vector<std::string> practices;  // The practice ids it teaches.
  int32_t points = 0, max = 0;
  bool operator==(const TrainingResultExercise&) const = default;
};

struct TrainingResult {
  std::string scenario, title;  // The scenario's id and title.
  uint64_t seed = 1;
  std::string played_by;  // "moves" (a trainee), "by-the-book", "passive".
  std::string currency;
  int32_t weeks_played = 0;
  std::vector<TrainingResultWeek> weeks;
  TrainingScoreParts score, by_the_book;
  std::vector<TrainingAdviceItem> advice;
  // Written by the app (absent from `arlab train`'s files: empty).
  std::string trainee;                 // The name the trainee typed.
  std::string played_on;               // "YYYY-MM-DD".
  int32_t hints = 0;                   // Weeks the practice's moves were shown.
  std::vector<std::string> practices;  // The ids the scenario teaches.
  std::vector<TrainingResultCall> calls;          // Calls played with choices (game or app).
  std::vector<TrainingResultExercise> exercises;  // Written by the app.
  bool operator==(const TrainingResult&) const = default;
};

// ---- [SECTION] The class summary ---------------------------------------------------------

struct ClassCell {
  std::string trainee, scenario, title;
  int32_t score = 0, by_the_book = 0;  // Of the counted (latest) game.
  int32_t best = 0;                    // The best total of its games.
  int32_t games = 0;
  size_t result = 0;  // The counted game's index in the results given.
};

struct PracticeAverage {
  std::string practice;
  int32_t results = 0;            // Counted results whose scenario teaches it.
  int32_t score_centi = 0;        // Their mean total, hundredths of a point.
  int32_t by_the_book_centi = 0;  // Their by-the-book mean, the same way.
  // The exercises citing it in the counted results: points scored of the points possible;
  // and the call rules citing it: marks kept of the marks the choices touched.
  int32_t exercise_points = 0, exercise_max = 0;
  int32_t call_points = 0, call_max = 0;
};

struct CommonMistake {
  std::string practice;
  int32_t items = 0;     // Advice items citing it, call rules broken, exercises short of full.
  int32_t trainees = 0;  // Trainees with at least one.
  std::string example;   // The first item's text.
};

struct ClassSummary {
  std::vector<std::string> trainees;       // Sorted; "" (no name) first.
  std::vector<std::string> scenarios;      // Ids, in the order first met.
  std::vector<ClassCell> cells;            // By trainee, then scenario order.
  std::vector<PracticeAverage> practices;  // In practices() order, then unknown ids sorted.
  std::vector<CommonMistake> mistakes;     // Most items first.
};

ClassSummary summarize_class(const std::vector<TrainingResult>& results);

// The cell of (trainee, scenario), nullptr if none.
const ClassCell* find_class_cell(const ClassSummary& s, const std::string& trainee,
                                 const std::string& scenario);

}  // namespace arlab
