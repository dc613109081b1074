// cmd_dunning.cpp: `arlab dunning BOOK [--as-of D] [--format table|json|csv]
// [--record [--by NAME] [-o OUT]]`: the letters due as of a date (core/dunning.h), by level;
// --record books them into the book's case file as "letter" records and saves the book.
#include <cstdio>

#include "core/dunning.h"
#include "core/edit.h"
#include "io/book_json.h"
#include "io/dunning_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kDunningHelp =
    "Usage: arlab dunning BOOK [--as-of YYYY-MM-DD] [--format table|json|csv]\n"
    "                          [--record [--by NAME] [-o OUT]]\n"
    "\n"
    "The dunning run: which letter each customer is due as of a date, under the book's\n"
    "collection policy (default: notice from 1 day overdue, warning from 15, lawyer's letter\n"
    "from 30; a reminder for invoices due within 7 days). A level is raised only after the\n"
    "one before it was sent; disputed, blocked and paid invoices are not dunned; an agreed\n"
    "instalment plan's instalments are, each by its own due date, in place of its invoices;\n"
    "one letter per customer lists all its overdue items; no letter within\n"
    "7 days (letter_gap_days) of the last one. Each letter has its deadline and the\n"
    "customer's escalation stage (internal, field, agency, court). docs/COLLECTION.md.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE       the date; default: the book's last document date\n"
    "  --format FORMAT    table (default), json or csv\n"
    "  --record           book the run: one \"letter\" record per letter, dated --as-of,\n"
    "                     and save the book (atomically) in place, or to -o OUT; prints\n"
    "                     what was recorded. Run again the same day: nothing more is due.\n"
    "  --by NAME          with --record: who sent the letters (default \"dunning run\")\n"
    "  -o, --output FILE  without --record: write the report to FILE instead of stdout\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kDunningOptions = {
    {"--as-of", nullptr, true}, {"--format", nullptr, true}, {"--record", nullptr, false},
    {"--by", nullptr, true},    {"--output", "-o", true}};

// Appends the run's letter records to the book and saves it; prints what was recorded.
int record_run(const Args& args, Book& book, const DunningRun& run) {
  const std::string& path = args.positional[0];
  std::vector<NewRecord> records = dunning_records(book, run, args.get("--by", "dunning run"));
  std::string out_path = args.get("--output", path);
  if (records.empty()) {
    std::fputs(dunning_recorded_text(book, records, run.as_of, out_path).c_str(), stdout);
    return kExitOk;
  }
  std::vector<Problem> problems;
  for (const NewRecord& r : records) {
    if (!append_edit(book, Edit{r}, &problems)) break;
  }
  // One check for the whole run (History::apply would check the case file per letter).
  if (!problems.empty() || !check_collection(book, &problems)) {
    print_problems(path, problems);
    return kExitData;
  }
  if (!write_output(out_path, write_book_json(book))) return kExitData;
  std::fputs(dunning_recorded_text(book, records, run.as_of, out_path).c_str(), stdout);
  return kExitOk;
}

}  // namespace

int cmd_dunning(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "dunning", kDunningOptions, kDunningHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("dunning", "expected one BOOK file");
  std::string format;
  if (int code = format_option(args, "dunning", &format); code != kExitOk) return code;
  if (args.has("--by") && !args.has("--record"))
    return usage_error("dunning", "--by goes with --record");
  if (args.has("--record") && args.has("--format"))
    return usage_error("dunning", "--record prints what it recorded; --format goes without it");
  if (args.get("--by").size() > 200)
    return usage_error("dunning", "--by: at most 200 bytes");
  Date as_of;
  if (int code = as_of_option(args, "dunning", &as_of); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  default_as_of(args, loaded.book, &as_of);
  DunningRun run = dunning_run(loaded.book, as_of);
  if (args.has("--record")) return record_run(args, loaded.book, run);
  std::string out = format == "json"  ? dunning_json(loaded.book, run)
                    : format == "csv" ? dunning_csv(loaded.book, run)
                                      : dunning_table(loaded.book, run);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
