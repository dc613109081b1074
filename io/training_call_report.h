// training_call_report.h: a collection call of training mode (core/training_call.h) as
// `arlab train --call` prints it: a table (the transcript, each choice's rules and feedback,
// the score per rule, the outcome and what the week with the call brought) or JSON
// ("arlab-training-call/1"). A call not finished ends with the customer's last line and the
// choices of its node, numbered as --choices takes them, so that a trainer can explore it
// step by step.
//
// Usage:
//   std::string text = arlab::training_call_table(game, state, week_events);
//
// Tests: tests/cli/cmd-train-call.test, tests/core/test_training_call.cpp (suite "call").
#pragma once
#include <string>
#include <vector>

#include "core/training_call.h"

namespace arlab {

constexpr const char* kTrainingCallFormat = "arlab-training-call/1";

// `g`: the game as the call found it (scenario, book); `week_events`: what the week played
// with the call brought (empty when the call is not finished).
std::string training_call_table(const GameState& g, const CallState& s,
                                const std::vector<std::string>& week_events);
std::string training_call_json(const GameState& g, const CallState& s,
                               const std::vector<std::string>& week_events);

}  // namespace arlab
