// panel_training.h: the Training page (issue 13; a page of the Collection host tab, the main
// tab bar being full at 1024 px) and its state: a scenario picked (the six
// built-in ones of assets/scenarios/, or a scenario file opened through the app's Open or a
// drop), its briefing, the portfolio game played week by week on the scenario's own book (the
// user's book is never touched), the debrief, the trainee's progress kept across sessions
// (platform settings) and a trainer's class view over imported result files.
//
// The page is a tab bar of sections: "Game", "Exercises" (app/training_exercises_view.h, on the
// picked scenario), "Call" (app/training_call_view.h: a collection call in the game's current
// week, added to its plan), "Progress", "Class" (kTrainingSections and the switch in
// draw_training, app/panel_training.cpp). A finished game's result carries the exercises
// checked on its scenario and the calls played.
//
// Kept across sessions (platform::save_setting):
//   training-trainee        the trainee's name
//   training-game.json      the game in progress: {"scenario": id, "weeks": N, "hints": N,
//                           "moves": [[...], ...]}: replaying the moves rebuilds it bit for bit
//   training-scenario.json  the scenario of that game when it came from a file
//   training-results.json   the finished games, a JSON list of "arlab-training-result/1"
//                           objects (the newest kTrainingResultsMax, at most
//                           kTrainingResultsBytesMax bytes)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/training_call_view.h"
#include "app/training_exercises_view.h"
#include "core/collection.h"
#include "core/scenario.h"
#include "core/training_class.h"
#include "core/training_game.h"

namespace app {

struct State;

// ---- [SECTION] State -----------------------------------------------------------------------

constexpr size_t kTrainingResultsMax = 200;
constexpr size_t kTrainingResultsBytesMax = 4u << 20;

enum class TrainingSection : int { Game, Exercises, Call, Progress, Class };
enum class TrainingPick : uint8_t { None, Scenario, Results };

struct TrainingCatalogEntry {
  arlab::Scenario scenario;
  std::string file;  // "01-forgetful-customer.json", or the name of the file opened.
  bool builtin = true;
  std::string text;  // An opened file's text (kept for the game in progress); "" for built-ins.
};

// The week's moves as the move builder puts them together.
struct TrainingBuilder {
  int customer = 0;  // Into the game book's customers.
  int kind = 0;      // arlab::MoveKind.
  int level = 1;     // A letter's level.
  int instalments = 4;
  int escalate = arlab::kEscalateManagement;
};

struct TrainingPanel {
  bool loaded = false;  // Built-ins read and settings loaded (the first frame or command).
  std::vector<TrainingCatalogEntry> catalog;    // Built-ins first, then files opened.
  int picked = 0;                               // The entry the briefing shows.
  int weeks_choice = 0;                         // 0: the scenario's weeks; else a practice round.
  arlab::CollectionPosition briefing_position;  // Of the picked scenario's book at its start.
  int briefing_for = -1;                        // The entry it is of.
  char trainee[64] = "";
  std::string trainee_saved;

  // The game.
  bool playing = false;  // A game exists (in progress or over, until Restart / another pick).
  int game_entry = -1;
  arlab::GameState game;
  int hints = 0;       // Weeks in which "What would the practice do?" was shown.
  int hint_week = -1;  // The week whose hint is shown (-1: none).
  arlab::WeekPlan hint;
  arlab::WeekPlan plan;  // The week being put together.
  std::string refused;   // play_week's why for the plan shown; "" if none.
  TrainingBuilder builder;
  bool confirm_restart = false, confirm_pick = false;  // Their popups open next frame.
  arlab::CollectionPosition position;  // Of the game book as of its next week's first day.
  int position_week = -1;
  std::optional<arlab::Debrief> debrief;  // Once the game is over.
  bool result_kept = false;               // The over game's result is in `results`.

  // The exercises (of the game's scenario while one is played, else of the picked one) and
  // the collection call (in the game's current week).
  ExercisesView exercises;
  CallView call;

  // Progress: this browser's or desktop's finished games, oldest first.
  std::vector<arlab::TrainingResult> results;
  std::vector<std::string> result_texts;  // Each as kept (JSON object text).

  // Class: imported results.
  std::vector<arlab::TrainingResult> class_results;
  std::vector<std::string> class_files;  // The file each came from.
  arlab::ClassSummary class_summary;

  TrainingPick picking = TrainingPick::None;  // What the file picker was opened for.
  char path[1024] = "";                       // Natively: paths to open (';' between several).
  int section = 0;                            // TrainingSection.
  bool select_section = false;
  std::string done;  // The last action, one line ("Saved ...", "Imported 3 results").
  std::string note;  // A problem with what is kept (a setting that could not be written).
};

// ---- [SECTION] Entry points (the registry's, app/panels.cpp) -------------------------------

void draw_training(State& state);
int training_claim_file(const State& state, std::string_view name, std::string_view text);
bool training_open_file(State& state, std::string_view name, std::string_view text);
void training_forget_pick(State& state);

}  // namespace app
