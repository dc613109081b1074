// cmd_class.cpp: `arlab class RESULT.json... [--format table|json|csv] [-o FILE]`: a trainer's
// class summary (core/training_class.h) over trainees' result files: each an
// "arlab-training-result/1" result or a list of them (the app's Progress export, `arlab train
// --format json`). The same summary as the Training page's Class section.
#include "core/training_class.h"
#include "io/scenario_json.h"
#include "io/training_class_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kClassHelp =
    "Usage: arlab class RESULT.json... [--format table|json|csv] [-o FILE]\n"
    "\n"
    "Summarises a class from trainees' result files (\"arlab-training-result/1\": one result\n"
    "or a list, as the Training page's Progress exports them or `arlab train --format json`\n"
    "writes them; docs/TRAINING.md): per trainee and scenario the latest game's score, the\n"
    "same weeks by the book, the best score and the games played; by practice the average\n"
    "score of the scenarios teaching it, the exercise points and the call rules' marks kept;\n"
    "the common mistakes by practice (the debrief's advice, call rules broken, exercises\n"
    "short of full points), most frequent first.\n"
    "\n"
    "A file that does not read is named with its problems on standard error and left out;\n"
    "the others are summarised, and the exit code is then 1.\n"
    "\n"
    "Options:\n"
    "  --format FORMAT    table (default), json (\"arlab-training-class/1\") or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit codes: 0 every file read, 1 a file did not read (the rest summarised), 2 usage.\n";

const std::vector<OptionSpec> kClassOptions = {{"--format", nullptr, true},
                                               {"--output", "-o", true}};

}  // namespace

int cmd_class(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "class", kClassOptions, kClassHelp, &args);
  if (done >= 0) return done;
  if (args.positional.empty()) return usage_error("class", "expected one or more RESULT files");
  std::string format;
  if (int code = format_option(args, "class", &format); code != kExitOk) return code;
  std::vector<TrainingResult> results;
  bool all_read = true;
  for (const std::string& path : args.positional) {
    std::string text;
    std::vector<TrainingResult> some;
    std::vector<Problem> problems;
    if (!read_input(path, &text)) {
      all_read = false;
      continue;
    }
    if (!read_training_results(text, &some, &problems)) {
      print_problems(path, problems);
      all_read = false;
      continue;
    }
    results.insert(results.end(), some.begin(), some.end());
  }
  const ClassSummary s = summarize_class(results);
  const std::string out = format == "json"  ? class_summary_json(s, results.size())
                          : format == "csv" ? class_summary_csv(s)
                                            : class_summary_table(s, results.size());
  if (!write_output(args.get("--output"), out)) return kExitData;
  return all_read ? kExitOk : kExitData;
}

}  // namespace arlab::cli
