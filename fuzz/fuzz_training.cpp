// fuzz_training.cpp: libFuzzer target for training mode's readers (issue 13): scenarios
// ("arlab-scenario/1", io/scenario_json.h, the book inside through the book reader), a
// trainee's moves ("arlab-training-moves/1") and rule policies ("arlab-training-policy/1",
// io/training_policy_json.h).
//
// Any bytes must be read or refused with problems, each with a message, a place (the one
// whole-document problem excepted), a bounded length and never nlohmann's own text; all three
// readers run on every input. What reads writes back to JSON that reads again and writes the
// same bytes. A scenario that reads is played two weeks by the book and by its own text as a
// moves file or a policy (each refused move leaves the game as it was): the game never crashes
// on a scenario the reader let through. Never a crash, leak or UB (ASan + UBSan).
//   fuzz/run.sh --target fuzz_training --minutes 10     longer runs by hand
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/training_game.h"
#include "core/training_policy.h"
#include "fuzz/fuzz_checks.h"
#include "io/scenario_json.h"
#include "io/training_policy_json.h"

namespace {

using fuzz::check_problems;
using fuzz::require;
constexpr std::string_view kWholeDocument = "not a JSON object";

// A tiny scenario the moves and policies found in the input are played on.
constexpr const char* kTiny = R"({
  "format": "arlab-scenario/1", "id": "tiny", "title": "Tiny", "level": "easy",
  "start": "2025-03-03", "weeks": 3, "minutes_per_week": 100, "seed": 7,
  "cast": [{"customer": "C1", "personality": "negligent", "contact": "Ann", "story": "forgets"},
           {"customer": "C2", "personality": "deliberate"}],
  "book": {"format": "arlab-book/2", "currency": "USD",
    "customers": [{"id": "C1", "name": "Alder", "terms_days": 30},
                  {"id": "C2", "name": "Birch", "terms_days": 30}],
    "invoices": [{"id": "I1", "customer": "C1", "date": "2025-01-20", "amount": "1000.00"},
                 {"id": "I2", "customer": "C2", "date": "2025-01-10", "amount": "500.00"}]}
})";

const arlab::Scenario& tiny() {
  static const arlab::Scenario s = [] {
    arlab::Scenario out;
    std::vector<arlab::Problem> problems;
    require(arlab::read_scenario(kTiny, &out, &problems));
    return out;
  }();
  return s;
}

void scenario(std::string_view text) {
  arlab::Scenario s;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_scenario(text, &s, &problems)) {
    check_problems(problems, kWholeDocument);
    return;
  }
  require(problems.empty());
  const std::string written = arlab::write_scenario(s);
  arlab::Scenario again;
  require(arlab::read_scenario(written, &again, &problems));
  require(arlab::write_scenario(again) == written);
  arlab::GameState g = arlab::start_game(s, 2);
  std::string why;
  require(arlab::play_scripted(&g, arlab::ScriptedPolicy::ByTheBook, &why));
  (void)arlab::score(g);
  (void)arlab::debrief(g);
}

void moves(std::string_view text) {
  std::vector<arlab::WeekPlan> weeks;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_training_moves(text, &weeks, &problems)) {
    check_problems(problems, kWholeDocument);
    return;
  }
  const std::string written = arlab::write_training_moves(weeks);
  std::vector<arlab::WeekPlan> again;
  require(arlab::read_training_moves(written, &again, &problems));
  require(arlab::write_training_moves(again) == written);
  arlab::GameState g = arlab::start_game(tiny());
  for (const arlab::WeekPlan& w : weeks) {
    if (g.over()) break;
    const int32_t week = g.week;
    std::string why;
    if (!arlab::play_week(&g, w, &why)) require(g.week == week && !why.empty());
  }
}

void policy(std::string_view text) {
  arlab::TrainingPolicy p;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_training_policy(text, 2, &p, &problems)) {
    check_problems(problems, kWholeDocument);
    return;
  }
  const std::string written = arlab::write_training_policy(p, 2);
  arlab::TrainingPolicy again;
  require(arlab::read_training_policy(written, 2, &again, &problems));
  require(arlab::write_training_policy(again, 2) == written);
  arlab::GameState g = arlab::start_game(tiny());
  std::string why;
  require(arlab::play_policy(&g, p, &why));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scenario(text);
  moves(text);
  policy(text);
  return 0;
}
