// training_exercises_json.h: the exercises the engine checks (core/training_exercises.h) as
// JSON, CSV and a table, the trainee's answers file ("arlab-training-answers/1", strict reader
// with located errors, canonical writer) and the feedback on them (docs/TRAINING.md,
// "Exercises").
//
//   {"format": "arlab-training-answers/1", "scenario": "forgetful-customer", "answers": [
//     {"exercise": "rank_worklist", "order": ["C2", "C1", "C3"]},
//     {"exercise": "dunning_level", "level": 1},             (0 the reminder, or "none")
//     {"exercise": "hold", "on_hold": true, "reason": "past_limit"},
//     {"exercise": "diagnose", "cause": "cash_shortage", "stance": "cant_pay"},
//     {"exercise": "aging_dso_cei", "buckets": ["0.00", "1200.00", "0.00", "0.00", "0.00"],
//      "dso": "32.50", "cei": "40.10"},
//     {"exercise": "commission_plans", "plan": "B", "measure": "profit"}]}
// Each exercise at most once; one left out is not answered (no points). Places:
// "answers[4].buckets[1]: bad amount ...".
//
// Usage:
//   std::vector<arlab::ExerciseAnswer> answers;  std::string scenario_id;
//   if (!arlab::read_training_answers(text, 2, &scenario_id, &answers, &problems)) ...
//   std::string out = arlab::exercises_table(list, /*solve=*/false);
//   std::string fb = arlab::feedback_table(list, answers);
//
// Tests: tests/core/test_training_exercises.cpp (suite "exercises"),
// tests/cli/cmd-train-exercises.test.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"
#include "core/training_exercises.h"

namespace arlab {

constexpr const char* kTrainingAnswersFormat = "arlab-training-answers/1";
constexpr const char* kTrainingExercisesFormat = "arlab-training-exercises/1";

// `minor_digits`: the scenario book's, for the buckets' amounts.
bool read_training_answers(std::string_view text, int minor_digits, std::string* scenario_id,
                           std::vector<ExerciseAnswer>* out, std::vector<Problem>* problems);
std::string write_training_answers(std::string_view scenario_id,
                                   const std::vector<ExerciseAnswer>& answers, int minor_digits);

// The exercises: questions, facts, tables and choices; with `solve` the engine's answers and
// working too (for trainers). JSON ("arlab-training-exercises/1"), CSV (one cell a row:
// exercise,part,row,column,value) and a table.
std::string exercises_json(const std::vector<Exercise>& list, bool solve);
std::string exercises_csv(const std::vector<Exercise>& list, bool solve);
std::string exercises_table(const std::vector<Exercise>& list, bool solve);

// Each exercise's feedback on the answers (an exercise not answered: 0 points), and the total.
std::string feedback_json(const std::vector<Exercise>& list,
                          const std::vector<ExerciseAnswer>& answers);
std::string feedback_csv(const std::vector<Exercise>& list,
                         const std::vector<ExerciseAnswer>& answers);
std::string feedback_table(const std::vector<Exercise>& list,
                           const std::vector<ExerciseAnswer>& answers);

}  // namespace arlab
