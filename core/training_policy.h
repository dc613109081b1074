// training_policy.h: scripted policies as rules, for `arlab train SCENARIO --policy P.json`
// (issue 13): a trainer writes how a collector works ("call whoever is overdue and not yet
// diagnosed; a plan for whoever can't pay; hold and climb the ladder for whoever won't; the
// letters as they fall due") and plays it on any scenario, to check a scenario or to set a
// bar. The policy sees only what a trainee sees: the game's book as core's engines show it on
// the week's first day (the collection position, the case file's cause and stance once a call
// has found them, the dunning run), never a customer's personality.
//
// Each week: the customers in an order (then every other customer in book order): the
// worklist's rank order (core/worklist.h), the dunning run's (core/dunning.h: the highest
// level due first), or the book's; for each, the rules in the file's order. A rule
// whose conditions all hold tries its move on the week's plan so far (core/training_game.h
// plan_move): the move is kept when it applies and fits the minutes left, and the customer's
// later rules are skipped unless the rule says `continue` (then its conditions are read
// again on the book with that move made: a call that found the cause lets a later rule act
// on it the same week). A rule whose move does not apply or fit does nothing and the next
// rule is tried. The same scenario and policy give the same game, bit for bit.
//
// Conditions (all optional; all must hold):
//   overdue_days_min / _max   the oldest open invoice's days overdue (collection position)
//   overdue_min_minor         the customer's overdue amount, at least
//   due_within_days           nothing overdue and an invoice due within so many days (the
//                             call a week before the due date)
//   diagnosed                 the case file has a cause or a stance for it (a call found it)
//   cause, stance             the case file's (core/casefile.h Cause, Stance)
//   on_hold                   a hold by hand in force
//   dispute_open              a dispute record open
//   plan                      a payment plan in force (something of it still open)
//   letter_due                the dunning run (core/dunning.h) has a letter of level 1+ due
//   letters_sent_min          letters of level 1+ sent to it, at least (the case file's count)
//   promises_broken_min       promises broken, at least
//   weeks_from / weeks_to     only in these weeks of the game (1-based, both included)
// The move: call, visit, letter (the level the dunning run says is due, or a fixed level),
// hold, release, plan (instalments, default 4), escalate (management or legal), resolve.
//
// Usage:
//   arlab::TrainingPolicy p;  // or io/training_policy_json.h read_training_policy
//   p.rules.push_back({.when = {.letter_due = true}, .move = arlab::MoveKind::Letter});
//   arlab::GameState g = arlab::start_game(scenario);
//   std::string why;
//   if (!arlab::play_policy(&g, p, &why)) ...
//
// Tests: tests/core/test_training.cpp (suite "training"), tests/cli/cmd-train.test.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casefile.h"
#include "training_game.h"

namespace arlab {

constexpr size_t kPolicyRulesMax = 100;

struct PolicyCondition {
  std::optional<int32_t> overdue_days_min, overdue_days_max;
  std::optional<int64_t> overdue_min_minor;
  std::optional<int32_t> due_within_days;
  std::optional<bool> diagnosed;
  std::optional<Cause> cause;
  std::optional<Stance> stance;
  std::optional<bool> on_hold, dispute_open, plan, letter_due;
  std::optional<int32_t> letters_sent_min, promises_broken_min;
  std::optional<int32_t> weeks_from, weeks_to;
  bool operator==(const PolicyCondition&) const = default;
};

struct PolicyRule {
  PolicyCondition when;
  MoveKind move = MoveKind::Call;
  int32_t level = -1;       // Letter: -1 the level due by the dunning run; else that level.
  int32_t instalments = 4;  // Plan.
  int32_t to = kEscalateManagement;  // Escalate.
  bool go_on = false;       // "continue": the customer's later rules are read too.
  std::string note;         // Why, in the trainer's words (the debrief's advice is core's).
  bool operator==(const PolicyRule&) const = default;
};

enum class PolicyOrder : uint8_t { Worklist, Dunning, Book };
const char* policy_order_name(PolicyOrder o);  // "worklist", "dunning", "book"
bool parse_policy_order(std::string_view text, PolicyOrder* out);

struct TrainingPolicy {
  std::string name, description;
  PolicyOrder order = PolicyOrder::Worklist;
  std::vector<PolicyRule> rules;
  bool operator==(const TrainingPolicy&) const = default;
};

// The next week's plan by the policy (empty when the game is over).
WeekPlan policy_week(const GameState& g, const TrainingPolicy& p);
// Plays every week left by the policy; false with *why if a week was refused (it cannot be:
// each move was tried on the plan first; kept as a guard).
bool play_policy(GameState* g, const TrainingPolicy& p, std::string* why);

// The two built-in scripts as rule files would say them, for trainers to start from:
// passive_policy() plays exactly as passive_week (the letters as the dunning run says, in its
// order).
TrainingPolicy passive_policy();

}  // namespace arlab
