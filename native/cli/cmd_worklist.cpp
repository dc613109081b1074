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
    "  hold      over its credit limit or past that limit, not yet held by hand (credit)\n"
    "  chase     a promise to pay broken, no contact since (the case owner)\n"
    "  send      a dunning letter due, with its level (the level's owner)\n"
    "  remind    an invoice overdue, within its limit, not yet contacted (finance)\n"
    "  call      the last contact's next step is due, or no contact for 7 days (case owner)\n"
    "  release   held by hand, now within the limit and nothing past it (credit)\n"
    "  review    the credit file's review is due (credit)\n"
    "  confirm   an invoice due within the reminder days: confirm the date (sales)\n"
    "Disputed amounts are not chased; invoices in a plan go by their instalments.\n"
    "Within an action: the oldest first, then the largest amount, then the lower payment\n"
    "score, then more broken promises. Snoozed customers are left out (counted).\n"
    "Nothing is changed in the book.\n"
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
  CollectionPosition position = collection_position(loaded.book, as_of);
  uint32_t snoozed = 0;
  std::vector<WorkItem> items = worklist(loaded.book, position, &snoozed);
  if (!owner.empty()) {
    std::erase_if(items, [&](const WorkItem& w) { return owner != work_owner_name(w.owner); });
  }
  std::string out = format == "json"  ? worklist_json(loaded.book, position, items, owner, snoozed)
                    : format == "csv" ? worklist_csv(loaded.book, position, items)
                                      : worklist_table(loaded.book, position, items, owner, snoozed);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
