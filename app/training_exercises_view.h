// training_exercises_view.h: the exercises the engine checks (core/training_exercises.h) as a
// view drawn inside the caller's window or child (the Training tab calls it): one exercise
// at a time with Previous / Next, its question, facts and data tables, the answer's widgets
// (up/down buttons to rank, a combo for the level, radio buttons for the hold and its reason,
// combos for cause and stance, fields for the aging's money with the book's minor digits and
// for DSO and CEI, radio buttons for plan A or B and a combo for the measure), a Check button,
// the feedback with the practices it cites (hover: the practice's summary) and "4 of 6 right".
//
// The view owns its state (ExercisesView); the exercises are made from the scenario on the
// first draw and again when another scenario (id or seed) is drawn. `outcomes` keeps the
// latest check of each exercise for the progress store.
//
// Usage (inside a window):
//   static app::ExercisesView view;
//   app::draw_training_exercises(scenario, &view);
//   for (const app::ExerciseOutcome& o : view.outcomes) store(o);
//
// Tests: tests/app/test_app.cpp ("training exercises view ...").
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scenario.h"
#include "core/training_exercises.h"

namespace app {

struct ExerciseOutcome {
  std::string scenario_id;
  arlab::ExerciseKind kind = arlab::ExerciseKind::RankWorklist;
  std::vector<std::string> practices;
  int points = 0, max = 0;
};

struct ExercisesView {
  std::string key;  // Scenario id and seed the list was made for.
  std::vector<arlab::Exercise> exercises;
  std::vector<arlab::ExerciseAnswer> answers;  // One per exercise: the trainee's, edited.
  std::vector<std::optional<arlab::ExerciseFeedback>> feedback;  // Once checked.
  std::vector<ExerciseOutcome> outcomes;  // The latest check of each exercise.
  size_t current = 0;                     // The exercise shown.
  // The aging exercise's fields as typed (money with the book's digits, DSO and CEI).
  std::vector<std::array<char, 32>> bucket_text;
  std::array<char, 16> dso_text{}, cei_text{};
  std::string field_error;       // A field that does not read, in words; "" when none.
  bool check_requested = false;  // Check the current answer on the next draw (the button).
};

void draw_training_exercises(const arlab::Scenario& s, ExercisesView* v);

// Sets exercise `index`'s answer, its fields' text too (scripts, tests, a restored session).
void set_exercise_answer(ExercisesView* v, size_t index, const arlab::ExerciseAnswer& a);

// How many exercises are checked right, and how many there are.
int exercises_right(const ExercisesView& v);

}  // namespace app
