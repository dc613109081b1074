// training_exercises.h: the exercises the engine checks (issue 13, slice 2a). Six kinds, each
// built from a scenario's book at its start date (the game's first day) by core's own engines,
// so that the right answer and its working are the engine's, never a number written down:
//
//   kind              asks                                   answer                 engine
//   rank_worklist     rank these customers as the worklist   an order of ids        worklist.h
//   dunning_level     which letter is due today, and why     none, reminder, 1..N   dunning.h
//   hold              is this account on hold, and why       yes/no + a reason      collection.h
//   diagnose          cause and stance from the case file    cause + stance         scenario.h
//   aging_dso_cei     a customer's aging, DSO and CEI        money a bucket, DSO,   aging.h,
//                     by hand                                CEI                    metrics.h
//   commission_plans  commission on sales or on cash         plan A/B + the         policy_sim.h
//                                                            measure that decides
//
// Scoring (check_exercise): points out of a maximum, and `correct` only with all of them.
//   rank_worklist     one point a pair of customers in the engine's order: n(n-1)/2
//   dunning_level     1: the level
//   hold              2: yes/no, and a reason in force (any of them; "none" when not on hold)
//   diagnose          2: the cause, the stance
//   aging_dso_cei     one a bucket (exact, in minor units), DSO within 0.5 day, CEI within 0.5
//                     point (both answered in hundredths: the only tolerance of the exercises)
//   commission_plans  2: the plan with the higher mean profit, and a measure whose 5-95 band
//                     of the difference (B - A, run by run) lies wholly on that plan's side
//                     (none does: profit, the mean decides)
// The feedback explains the right answer from the engine's working (the worklist's keys per
// customer, the dunning rule per invoice, the hold rule that fired, the story's words, the
// aging per invoice and the DSO and CEI formulas with their numbers, the simulator's figures
// per plan), and each exercise cites its practices (scenario.h practices()).
//
// A scenario without what an exercise needs skips it (fewer than two customers on the
// worklist, nothing overdue, no cast member with a story and a known cause, no sales in the
// DSO window, no salespeople).
//
// Usage:
//   std::vector<arlab::Exercise> list = arlab::make_exercises(scenario);
//   arlab::ExerciseAnswer a;  a.kind = list[0].kind;  a.order = {"C2", "C1"};
//   arlab::ExerciseFeedback f = arlab::check_exercise(list[0], a);   // f.points of f.max
//
// Tests: tests/core/test_training_exercises.cpp (suite "exercises"), worked by hand.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "casefile.h"
#include "scenario.h"

namespace arlab {

// ---- [SECTION] Kinds and answers -------------------------------------------------------------

enum class ExerciseKind : uint8_t {
  RankWorklist,
  DunningLevel,
  Hold,
  Diagnose,
  AgingDsoCei,
  CommissionPlans
};
constexpr int kExerciseKindCount = 6;
const char* exercise_kind_name(ExerciseKind k);   // "rank_worklist" (the JSON name)
const char* exercise_kind_label(ExerciseKind k);  // "Rank the worklist"
bool parse_exercise_kind(std::string_view text, ExerciseKind* out);

// The hold exercise's fixed list of reasons (collection.h HoldReason).
enum class HoldChoice : uint8_t { None, OverLimit, PastLimit, Manual };
constexpr int kHoldChoiceCount = 4;
const char* hold_choice_name(HoldChoice c);   // "none", "over_limit", "past_limit", "manual"
const char* hold_choice_label(HoldChoice c);  // "Not on hold", "Over its credit limit", ...
bool parse_hold_choice(std::string_view text, HoldChoice* out);

// The simulator's measures a trainee can defend a commission plan with.
enum class PlanMeasure : uint8_t { Cash, Dso, Commission, Profit };
constexpr int kPlanMeasureCount = 4;
const char* plan_measure_name(PlanMeasure m);   // "cash", "dso", "commission", "profit"
const char* plan_measure_label(PlanMeasure m);  // "Cash collected", ...
bool parse_plan_measure(std::string_view text, PlanMeasure* out);

constexpr int32_t kLevelNone = -1;             // dunning_level: no letter is due.
constexpr int32_t kFigureToleranceCenti = 50;  // DSO 0.5 day, CEI 0.5 point.
constexpr size_t kRankCustomersMax = 5;        // A worklist a trainee can rank by hand.

// A trainee's answer (or the engine's). Only the members of its kind are read.
struct ExerciseAnswer {
  ExerciseKind kind = ExerciseKind::RankWorklist;
  std::vector<std::string> order;  // rank_worklist: customer ids, first to do first.
  int32_t level = kLevelNone;      // dunning_level: kLevelNone, 0 reminder, 1.. the levels.
  bool on_hold = false;            // hold
  HoldChoice reason = HoldChoice::None;
  Cause cause = Cause::Unknown;  // diagnose
  Stance stance = Stance::Unknown;
  std::vector<int64_t> buckets_minor;  // aging_dso_cei: one a bucket (current, 1-30, ...).
  int32_t dso_centidays = 0;           // 32.50 days -> 3250.
  int32_t cei_centipoints = 0;         // 40.10 -> 4010.
  int32_t plan = 0;                    // commission_plans: 0 plan A, 1 plan B.
  PlanMeasure measure = PlanMeasure::Profit;
  bool operator==(const ExerciseAnswer&) const = default;
};

// ---- [SECTION] Exercises ---------------------------------------------------------------------

// A table of what the trainee is shown.
struct ExerciseTable {
  std::string title;
  std::vector<std::string> header;
  std::vector<bool> right;  // Per column: right-aligned (figures).
  std::vector<std::vector<std::string>> rows;
};

struct Exercise {
  ExerciseKind kind = ExerciseKind::RankWorklist;
  std::string scenario_id;
  std::vector<std::string> practices;  // Ids of practices() it teaches.
  std::string question;
  std::vector<std::string> facts;     // The rules and dates the question stands on.
  std::vector<ExerciseTable> tables;  // The data.
  // The answer's choices: rank_worklist the ids to order (book order); dunning_level "none",
  // "reminder" and the levels' names; aging_dso_cei the buckets' names; commission_plans the
  // two plans' names. (hold, diagnose: the enums' lists.)
  std::vector<std::string> choices;
  int minor_digits = 2;
  std::string currency;
  ExerciseAnswer answer;                 // The engine's.
  std::vector<PlanMeasure> deciding;     // commission_plans: the measures that decide.
  std::vector<HoldChoice> hold_reasons;  // hold: every reason in force (any one is right).
  std::vector<std::string> working;      // The engine's working, line by line.
  int32_t max_points = 1;
};

// Every exercise the scenario has the data for, in the order of the kinds. Deterministic:
// the same scenario gives the same exercises (the simulator's runs are seeded by the
// scenario's seed).
std::vector<Exercise> make_exercises(const Scenario& s);

struct ExerciseFeedback {
  ExerciseKind kind = ExerciseKind::RankWorklist;
  bool correct = false;
  int32_t points = 0, max = 1;
  std::vector<std::string> verdict;    // What was right and wrong in the answer.
  std::vector<std::string> working;    // Why the right answer is right (the engine's working).
  std::vector<std::string> practices;  // The practices it cites.
};

ExerciseFeedback check_exercise(const Exercise& e, const ExerciseAnswer& a);

// An answer in words, for feedback and reports: "C3, C1, C2", "notice (level 1)", "yes: past
// its one-third limit", "Cash shortage, can't pay", "1-30 1,200.00 ... DSO 32.50, CEI 40.10",
// "plan B (on collected cash), by profit".
std::string answer_text(const Exercise& e, const ExerciseAnswer& a);

}  // namespace arlab
