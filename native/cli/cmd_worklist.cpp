// cmd_worklist.cpp: `arlab worklist BOOK [--as-of D] [--owner sales|finance|credit]
// [--format table|json|csv]`: what to do today (core/worklist.h), most urgent first.
#include "core/collection.h"
#include "core/worklist.h"
#include "io/collection_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kWorklistHelp =
    "Usage: arlab worklist BOOK [--as-of YYYY-MM-DD] [--owner sales|finance|credit]\n"
    "                           [--format table|json|csv] [-o FILE]\n"
    "\n"
    "What to do today, one line per customer and action, most urgent first:\n"
    "  escalate  an invoice past one third of its own credit period (credit)\n"
    "  hold      the customer is over its credit limit or past that limit (credit)\n"
    "  remind    an invoice overdue, within its limit: act on the first day (finance)\n"
    "  confirm   an invoice due within 7 days: call to confirm the date (sales)\n"
    "Within an action: the oldest first, then the largest amount. Nothing is changed.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE       the date; default: the book's last document date\n"
    "  --owner OWNER      only that owner's items: sales, finance or credit\n"
    "  --format FORMAT    table (default), json or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kWorklistOptions = {{"--as-of", nullptr, true},
                                                  {"--owner", nullptr, true},
                                                  {"--format", nullptr, true},
                                                  {"--output", "-o", true}};

}  // namespace

int cmd_worklist(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "worklist", kWorklistOptions, kWorklistHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("worklist", "expected one BOOK file");
  std::string format;
  if (int code = format_option(args, "worklist", &format); code != kExitOk) return code;
  std::string owner = args.get("--owner");
  if (args.has("--owner") && owner != "sales" && owner != "finance" && owner != "credit") {
    return usage_error("worklist", "--owner must be sales, finance or credit, not '" + owner + "'");
  }
  Date as_of;
  if (int code = as_of_option(args, "worklist", &as_of); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  default_as_of(args, loaded.book, &as_of);
  std::vector<WorkItem> items = worklist(loaded.book, collection_position(loaded.book, as_of));
  if (!owner.empty()) {
    std::erase_if(items, [&](const WorkItem& w) { return owner != work_owner_name(w.owner); });
  }
  std::string out = format == "json"  ? worklist_json(loaded.book, as_of, items, owner)
                    : format == "csv" ? worklist_csv(loaded.book, items)
                                      : worklist_table(loaded.book, as_of, items, owner);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
