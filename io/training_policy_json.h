// training_policy_json.h: rule policies for the training game as JSON
// ("arlab-training-policy/1", core/training_policy.h, docs/TRAINING.md "Rule policies").
//
//   {"format": "arlab-training-policy/1", "name": "Collector by the book",
//    "description": "...", "order": "worklist",       (or "dunning", "book")
//    "rules": [
//      {"when": {"overdue_days_min": 1, "diagnosed": false}, "do": "call",
//       "continue": true, "note": "find the cause first"},
//      {"when": {"stance": "cant_pay", "plan": false}, "do": "plan", "instalments": 4},
//      {"when": {"stance": "wont_pay", "on_hold": false}, "do": "hold", "continue": true},
//      {"when": {"letter_due": true}, "do": "letter"},
//      {"when": {"overdue_days_min": 45, "letters_sent_min": 2}, "do": "escalate",
//       "to": "management"}]}
//
// Read strictly like the other formats (io/scenario_json.h): an unknown member, a member twice,
// a wrong type or a value out of range is an error with its place ("rules[2].when.cause:
// \"broke\" is not one of negligence, dispute, ..."). "overdue_min" is a decimal amount in
// the scenario's minor digits (given to the reader). The writer is canonical and round-trips.
//
// Usage:
//   arlab::TrainingPolicy p;
//   std::vector<arlab::Problem> problems;
//   if (!arlab::read_training_policy(text, scenario.book.minor_digits, &p, &problems)) ...
//
// Tests: tests/core/test_training.cpp (suite "training"), tests/errors/training-policies/,
// tests/cli/cmd-train.test.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"
#include "core/training_policy.h"

namespace arlab {

constexpr const char* kTrainingPolicyFormat = "arlab-training-policy/1";

bool read_training_policy(std::string_view text, int minor_digits, TrainingPolicy* out,
                          std::vector<Problem>* problems);
std::string write_training_policy(const TrainingPolicy& p, int minor_digits);

}  // namespace arlab
