// training_call_view.h: the collection call as a view (core/training_call.h), drawn inside the
// caller's window or child (the Training tab calls it): pick a customer of the cast unless one
// is set, the conversation so far as a chat (the customer's lines and the trainee's, each of
// the trainee's followed by its rules and feedback; hovering a choice's feedback shows the
// rules' lessons), the current choices as buttons (keys 1-4 too), and at the end the score per
// rule, the feedback and the outcome, with "Add this call to the week's plan" (the result
// above the conversation, so that it is in sight).
//
// The view keeps its own state (CallView) and restarts the call when the game moves on to
// another week or the customer changes.
//
// Usage:
//   static app::CallView view;                       // in the panel's state
//   arlab::Move move;
//   if (app::draw_training_call(game, &view, &move)) plan.moves.push_back(move);
//
// Tests: tests/app/test_app.cpp ("training call view: the practice's call to 100").
#pragma once
#include <string>

#include "core/training_call.h"
#include "core/training_game.h"

namespace app {

struct CallView {
  std::string customer_id;  // The customer called; "" until picked (or set by the caller).
  bool started = false;     // `call` is the conversation with customer_id in week `week`.
  int32_t week = 0;         // The game's week + 1 when the call started.
  arlab::CallState call;
  bool added = false;       // The call was added to the week's plan.
  size_t turns_shown = 0;   // Turns drawn last frame: a new one scrolls the view down to it.
};

// Draws the view; true (once, when the button is pressed) with *out = the call move carrying
// the choices taken.
bool draw_training_call(const arlab::GameState& g, CallView* v, arlab::Move* out);

}  // namespace app
