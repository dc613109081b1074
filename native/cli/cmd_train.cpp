// cmd_train.cpp: `arlab train SCENARIO [--by-the-book | --passive | --policy P.json |
// --moves MOVES.json] [--seed S] [--weeks N] [--format table|json|csv] [-o FILE]`: plays a
// training scenario's portfolio game (core/training_game.h) with a scripted policy (built in,
// or rules from a file: core/training_policy.h) or the moves of a file, and prints the weeks,
// the score and the by-the-book comparison (io/scenario_json.h).
// `arlab train SCENARIO --exercises [--answers A.json | --solve]`: the exercises the engine
// checks (core/training_exercises.h), their feedback or the engine's answers.
// `arlab train SCENARIO --call C [--week N] [--choices 0,2,1]`: one collection call
// (core/training_call.h, io/training_call_report.h).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/training_call.h"
#include "core/training_exercises.h"
#include "core/training_game.h"
#include "core/training_policy.h"
#include "io/scenario_json.h"
#include "io/training_call_report.h"
#include "io/training_policy_json.h"
#include "io/training_exercises_json.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kTrainHelp =
    "Usage: arlab train SCENARIO [--by-the-book | --passive | --policy FILE | --moves FILE]\n"
    "                            [--seed S] [--weeks N] [--format table|json|csv] [-o FILE]\n"
    "       arlab train SCENARIO --exercises [--answers ANSWERS.json | --solve]\n"
    "                            [--format table|json|csv] [-o FILE]\n"
    "       arlab train SCENARIO --call CUSTOMER [--week N] [--choices LIST]\n"
    "                            [--seed S] [--format table|json] [-o FILE]\n"
    "\n"
    "Plays a training scenario (\"arlab-scenario/1\", docs/TRAINING.md): each week a budget\n"
    "of minutes spent on calls, visits, letters, holds, plans, escalations and disputes\n"
    "resolved; then the customers pay, promise, dispute or default by their personality.\n"
    "Prints each week's cash, write-offs, open and overdue amounts, DSO and relationship,\n"
    "what was done and what happened, the score (cash, DSO, bad debt, relationship and the\n"
    "weighted total) and the score of the same weeks played by the book.\n"
    "\n"
    "Options:\n"
    "  --by-the-book      play the practice (the default): the worklist in rank order, a\n"
    "                     call to find the cause, then the step for that cause\n"
    "  --passive          send the dunning letters as they fall due, nothing else\n"
    "  --policy FILE      play a scripted policy: rules (\"arlab-training-policy/1\": when a\n"
    "                     customer shows this, do that; docs/TRAINING.md) or a trainee's\n"
    "                     moves (\"arlab-training-moves/1\"), to check or grade in batch\n"
    "  --moves FILE       play the moves of FILE (\"arlab-training-moves/1\": one list of\n"
    "                     moves a week); a move that does not apply stops with why\n"
    "  --seed S           the draws' seed instead of the scenario's\n"
    "  --weeks N          play only the first N weeks\n"
    "  --exercises        print the exercises the engine checks on the scenario's book at its\n"
    "                     start (rank the worklist, the dunning level due, on hold and why,\n"
    "                     diagnose a case, aging/DSO/CEI by hand, two commission plans):\n"
    "                     the questions and their data, no answers\n"
    "  --answers FILE     with --exercises: check the answers of FILE\n"
    "                     (\"arlab-training-answers/1\") and print each one's feedback, the\n"
    "                     engine's working and the points\n"
    "  --solve            with --exercises: print the engine's answers and working (trainers)\n"
    "  --format FORMAT    table (default), json (\"arlab-training-result/1\") or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  --call CUSTOMER    play a collection call to CUSTOMER instead of the game: the\n"
    "                     transcript, each choice's rules and feedback, the score per rule,\n"
    "                     the outcome and what the week with the call brought\n"
    "  --week N           with --call: the call at the start of week N (default 1); the\n"
    "                     weeks before it are played by the book\n"
    "  --choices LIST     with --call: the choices, 0-based, comma-separated (0,2,1); when\n"
    "                     they end before the call does, the next choices are printed\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit codes: 0 played, 1 a bad scenario or moves file, or a move refused, 2 usage.\n";

const std::vector<OptionSpec> kTrainOptions = {
    {"--by-the-book", nullptr, false}, {"--passive", nullptr, false}, {"--moves", nullptr, true},
    {"--policy", nullptr, true},
    {"--seed", nullptr, true},         {"--weeks", nullptr, true},    {"--format", nullptr, true},
    {"--output", "-o", true},          {"--exercises", nullptr, false},
    {"--answers", nullptr, true},      {"--solve", nullptr, false},   {"--call", nullptr, true},
    {"--week", nullptr, true},         {"--choices", nullptr, true}};

// Reads and checks a scenario; prints its problems.
bool load_scenario(const std::string& path, Scenario* out) {
  std::string text;
  if (!read_input(path, &text)) return false;
  std::vector<Problem> problems;
  if (read_scenario(text, out, &problems)) return true;
  print_problems(path, problems);
  return false;
}

bool load_moves(const std::string& path, std::vector<WeekPlan>* out) {
  std::string text;
  if (!read_input(path, &text)) return false;
  std::vector<Problem> problems;
  if (read_training_moves(text, out, &problems)) return true;
  print_problems(path, problems);
  return false;
}

// ---- [SECTION] Exercises ----------------------------------------------------------------------

// `arlab train SCENARIO --exercises [--answers A.json | --solve]`: the exercises, the engine's
// answers, or the feedback on a trainee's answers (core/training_exercises.h).
int train_exercises(const Args& args, const std::string& format) {
  Scenario scenario;
  if (!load_scenario(args.positional[0], &scenario)) return kExitData;
  const std::vector<Exercise> list = make_exercises(scenario);
  const std::string answers_path = args.get("--answers");
  if (answers_path.empty()) {
    const bool solve = args.has("--solve");
    const std::string out = format == "json"  ? exercises_json(list, solve)
                            : format == "csv" ? exercises_csv(list, solve)
                                              : exercises_table(list, solve);
    return write_output(args.get("--output"), out) ? kExitOk : kExitData;
  }
  std::string text, scenario_id;
  if (!read_input(answers_path, &text)) return kExitData;
  std::vector<ExerciseAnswer> answers;
  std::vector<Problem> problems;
  if (read_training_answers(text, scenario.book.minor_digits, &scenario_id, &answers,
                            &problems)) {
    if (scenario_id != scenario.id)
      problems.push_back({"scenario", "\"" + scenario_id + "\" is not this scenario's id \"" +
                                          scenario.id + "\""});
    for (size_t i = 0; i < answers.size(); i++) {
      bool known = false;
      for (const Exercise& e : list) known = known || e.kind == answers[i].kind;
      if (!known)
        problems.push_back({"answers[" + std::to_string(i) + "].exercise",
                            std::string("the scenario has no \"") +
                                exercise_kind_name(answers[i].kind) +
                                "\" exercise (it lacks the data for it)"});
    }
  }
  if (!problems.empty()) {
    print_problems(answers_path, problems);
    return kExitData;
  }
  const std::string out = format == "json"  ? feedback_json(list, answers)
                          : format == "csv" ? feedback_csv(list, answers)
                                            : feedback_table(list, answers);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

// ---- [SECTION] The collection call -----------------------------------------------------------

// "0,2,1" -> {0, 2, 1}; false for anything else.
bool parse_choices(const std::string& text, std::vector<int32_t>* out) {
  out->clear();
  if (text.empty()) return true;
  size_t at = 0;
  while (at <= text.size()) {
    const size_t comma = std::min(text.find(',', at), text.size());
    int64_t k = 0;
    if (!parse_count(text.substr(at, comma - at), 3, &k) || out->size() >= 40) return false;
    out->push_back(int32_t(k));
    at = comma + 1;
  }
  return true;
}

// `arlab train SCENARIO --call C [--week N] [--choices LIST]`: the weeks before N by the book,
// then the call; when it is finished, week N played with it (and nothing else) to show what it
// brought.
int train_call(const Args& args, const Scenario& scenario, const std::string& format) {
  int64_t week = 1;
  if (args.has("--week") &&
      (!parse_count(args.get("--week"), kScenarioWeeksMax, &week) || week < 1 ||
       week > scenario.weeks))
    return usage_error("train", "--week must be a week of the scenario, 1 to " +
                                    std::to_string(scenario.weeks) + ", not '" +
                                    args.get("--week") + "'");
  std::vector<int32_t> choices;
  if (!parse_choices(args.get("--choices"), &choices))
    return usage_error("train", "--choices must be numbers 0 to 3 separated by commas (at most "
                                "40), not '" + args.get("--choices") + "'");
  if (format == "csv") return usage_error("train", "--call writes a table or json, not csv");
  GameState game = start_game(scenario);
  std::string why;
  for (int64_t w = 1; w < week; w++)
    if (!play_week(&game, by_the_book_week(game), &why)) {
      print_problems(args.positional[0], {{"", "week " + std::to_string(w) + ": " + why}});
      return kExitData;
    }
  const Index c = find_customer(game.book, args.get("--call"));
  if (c == kNone)
    return usage_error("train", "--call: \"" + args.get("--call") +
                                    "\" is no customer of the scenario's book");
  CallState s = start_call(game, c);
  for (size_t k = 0; k < choices.size(); k++) {
    std::string reason;
    if (finished(s) || !choose(&s, choices[k], &reason)) {
      print_problems(args.positional[0],
                     {{"", "--choices: choice " + std::to_string(k + 1) + ": " +
                               (finished(s) ? "the call ended after " + std::to_string(k) +
                                                  " choices"
                                            : reason)}});
      return kExitData;
    }
  }
  std::vector<std::string> events;
  if (finished(s)) {
    Move m{MoveKind::Call, args.get("--call"), 0, 0, choices};
    GameState played = game;
    if (!play_week(&played, WeekPlan{{m}}, &why)) {
      print_problems(args.positional[0], {{"", why}});
      return kExitData;
    }
    events = played.log.back().events;
  }
  const std::string out = format == "json" ? training_call_json(game, s, events)
                                           : training_call_table(game, s, events);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace

int cmd_train(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "train", kTrainOptions, kTrainHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("train", "expected one SCENARIO file");
  if (args.has("--exercises") || args.has("--answers") || args.has("--solve")) {
    if (!args.has("--exercises"))
      return usage_error("train", "--answers and --solve go with --exercises");
    if (args.has("--answers") && args.has("--solve"))
      return usage_error("train", "give one of --answers, --solve");
    if (args.has("--by-the-book") || args.has("--passive") || args.has("--moves") ||
        args.has("--policy") || args.has("--seed") || args.has("--weeks"))
      return usage_error("train", "--exercises does not play the game: no --by-the-book, "
                                  "--passive, --policy, --moves, --seed or --weeks");
    std::string format;
    if (int code = format_option(args, "train", &format); code != kExitOk) return code;
    return train_exercises(args, format);
  }
  const int policies = int(args.has("--by-the-book")) + int(args.has("--passive")) +
                       int(args.has("--moves")) + int(args.has("--policy"));
  if (policies > 1)
    return usage_error("train", "give one of --by-the-book, --passive, --policy, --moves");
  std::string format;
  if (int code = format_option(args, "train", &format); code != kExitOk) return code;
  int64_t seed = -1, weeks = 0;
  if (args.has("--seed") && !parse_count(args.get("--seed"), 9007199254740991, &seed))
    return usage_error(
        "train", "--seed must be a whole number, 0 or more, not '" + args.get("--seed") + "'");
  if (args.has("--weeks") &&
      (!parse_count(args.get("--weeks"), kScenarioWeeksMax, &weeks) || weeks < 1))
    return usage_error(
        "train", "--weeks must be a whole number from 1 to 52, not '" + args.get("--weeks") + "'");
  Scenario scenario;
  if (!load_scenario(args.positional[0], &scenario)) return kExitData;
  if (seed >= 0) scenario.seed = uint64_t(seed);
  if (args.has("--call")) {
    if (policies > 0) return usage_error("train", "--call plays one call, not a policy or moves");
    return train_call(args, scenario, format);
  }
  if (args.has("--week") || args.has("--choices"))
    return usage_error("train", "--week and --choices go with --call");
  std::vector<WeekPlan> moves;
  std::string moves_path = args.get("--moves");
  std::optional<TrainingPolicy> rules;
  if (args.has("--policy")) {
    // A policy file holds rules, or a trainee's moves (graded in batch): its format says.
    const std::string path = args.get("--policy");
    std::string text;
    if (!read_input(path, &text)) return kExitData;
    const nlohmann::json peek = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (peek.is_object() && peek.contains("format") && peek["format"] == kTrainingMovesFormat) {
      moves_path = path;
    } else {
      std::vector<Problem> problems;
      rules.emplace();
      if (!read_training_policy(text, scenario.book.minor_digits, &*rules, &problems)) {
        print_problems(path, problems);
        return kExitData;
      }
    }
  }
  if (!moves_path.empty() && !load_moves(moves_path, &moves)) return kExitData;

  GameState game = start_game(scenario, int32_t(weeks));
  std::string why;
  // A rule policy is named by its name (the table: "played by policy Collector by the rules").
  const std::string played_by = !moves_path.empty()    ? "moves"
                                : rules                 ? (rules->name.empty() ? "rules" : rules->name)
                                : args.has("--passive") ? "passive"
                                                        : "by-the-book";
  bool ok = true;
  if (rules) {
    ok = play_policy(&game, *rules, &why);
  } else if (!moves_path.empty()) {
    for (size_t w = 0; ok && !game.over(); w++) {
      ok = play_week(&game, w < moves.size() ? moves[w] : WeekPlan{}, &why);
      if (!ok) why = "weeks[" + std::to_string(w) + "]: week " + std::to_string(w + 1) + ", " + why;
    }
  } else {
    ok = play_scripted(
        &game, args.has("--passive") ? ScriptedPolicy::Passive : ScriptedPolicy::ByTheBook, &why);
  }
  if (!ok) {
    print_problems(!moves_path.empty() ? moves_path : args.positional[0], {{"", why}});
    return kExitData;
  }
  const Debrief d = debrief(game);
  const std::string out = format == "json"  ? training_result_json(game, played_by, d)
                          : format == "csv" ? training_result_csv(game, played_by, d)
                                            : training_result_table(game, played_by, d);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
