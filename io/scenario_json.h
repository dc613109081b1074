// scenario_json.h: training scenarios as JSON ("arlab-scenario/1", docs/TRAINING.md), the
// moves a trainee or a trainer scripts ("arlab-training-moves/1"), and a game's result
// ("arlab-training-result/1" as JSON, CSV and a table).
//
// A scenario file holds its book as an "arlab-book/2" object in its member "book", read by
// the book reader (io/book_json.h): the book's problems come back under "book."
// ("book.invoices[2].amount"). Every other member is read strictly, like a simulator policy
// (io/policy_json.h): an unknown member, a member twice, a value of the wrong type or out of
// range is an error with its place ("cast[2].personality: \"lazy\" is not one of prompt,
// negligent, ..."; "line 4, column 9" for syntax); then core's check_scenario runs, with the
// same places. Amounts are decimal strings with the book's minor digits ("1200.00"), dates
// "YYYY-MM-DD". The writer is canonical (fixed order, every member written) and round-trips.
//
// Usage:
//   arlab::Scenario s;
//   std::vector<arlab::Problem> problems;
//   if (!arlab::read_scenario(text, &s, &problems))
//     std::cerr << arlab::format_problems("scenario.json", problems);
//   std::string json = arlab::write_scenario(s);
//
// Tests: tests/core/test_training.cpp (suite "training"), tests/errors/scenarios/,
// tests/cli/cmd-train.test.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"
#include "core/scenario.h"
#include "core/training_class.h"
#include "core/training_game.h"

namespace arlab {

constexpr const char* kScenarioFormat = "arlab-scenario/1";
constexpr const char* kTrainingMovesFormat = "arlab-training-moves/1";
constexpr const char* kTrainingResultFormat = "arlab-training-result/1";

bool read_scenario(std::string_view text, Scenario* out, std::vector<Problem>* problems);
std::string write_scenario(const Scenario& s);

// {"format": "arlab-training-moves/1", "weeks": [[{"move": "call", "customer": "C1"},
//   {"move": "letter", "customer": "C2", "level": 1}, {"move": "plan", "customer": "C3",
//   "instalments": 4}, {"move": "escalate", "customer": "C4", "to": "legal"}], []]}
// One list of moves a week; weeks after the list have none. Places: "weeks[1][0].move". A call
// may carry "choices": [0, 2, 1] (at most 40, each 0-3): the collection call played with them
// (core/training_call.h); only a call has them.
bool read_training_moves(std::string_view text, std::vector<WeekPlan>* out,
                         std::vector<Problem>* problems);
std::string write_training_moves(const std::vector<WeekPlan>& weeks);

// A game's result: scenario id and title, seed, how it was played ("by-the-book", "passive"
// or "moves"), each week (its moves, minutes, cash, written off, open, overdue, DSO and
// relationship at its end, what happened), the score's parts and total, and the by-the-book
// score of the same weeks to compare; "calls" (only when some call had choices): each call's
// week, customer, choices, score, rules (points and maximum), rules broken and outcome.
std::string training_result_json(const GameState& g, std::string_view played_by, const Debrief& d);
// Long form, one measure a row (for a spreadsheet's pivot over many trainees' files):
// scenario,seed,played_by,week,measure,value; the score's rows have week "score".
std::string training_result_csv(const GameState& g, std::string_view played_by, const Debrief& d);
// The table `arlab train` prints: the weeks, then the score and the comparison.
std::string training_result_table(const GameState& g, std::string_view played_by, const Debrief& d);

// ---- Results the app keeps and a trainer reads back (app/panel_training.cpp,
// core/training_class.h)

// What the app adds to a result (members written after "advice", only by this overload):
// "trainee" (the name typed), "played_on" ("YYYY-MM-DD"), "hints" (weeks in which the
// practice's moves were shown), "practices" (the ids the scenario teaches) and "moves" (the moves
// of each week in the moves file's form, so that replaying them on the scenario rebuilds the game
// bit for bit).
struct TrainingResultNote {
  std::string trainee;
  Date played_on;
  int32_t hints = 0;  // Weeks in which the trainee asked what the practice would do.
  // The exercises checked on the scenario (the latest check of each), written as "exercises"
  // when there are any.
  std::vector<TrainingResultExercise> exercises;
};
std::string training_result_json(const GameState& g, std::string_view played_by, const Debrief& d,
                                 const TrainingResultNote& note);
// The result as the reader gives it back (the same figures training_result_json writes).
TrainingResult training_result_record(const GameState& g, std::string_view played_by,
                                      const Debrief& d);
// Reads a result back, strictly: the members training_result_json writes (the app's five
// optional), each of its type and range; places like "score.total", "weeks[2].cash",
// "advice[0].practice", "moves[1][0].move". The result's own "moves" are checked against its
// "weeks" (one list a week played).
bool read_training_result(std::string_view text, TrainingResult* out,
                          std::vector<Problem>* problems);
// One result or a JSON list of them (what the app's Progress exports); places of a list's
// items start "[2].". All or nothing: false (and *out empty) on any problem.
bool read_training_results(std::string_view text, std::vector<TrainingResult>* out,
                           std::vector<Problem>* problems);
// The long form of training_result_csv from a result read back: the same bytes as the game's.
std::string training_result_csv(const TrainingResult& r);

}  // namespace arlab
