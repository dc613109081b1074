// cmd_holds.cpp: `arlab holds BOOK [--as-of D] [--format table|json|csv]`: the customers to
// stop supplying (core/collection.h), each with why.
#include "core/collection.h"
#include "io/collection_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kHoldsHelp =
    "Usage: arlab holds BOOK [--as-of YYYY-MM-DD] [--format table|json|csv] [-o FILE]\n"
    "\n"
    "The customers to put on hold (stop supply until settled) as of a date, each with why:\n"
    "  over credit limit  it owes more than its credit limit (open invoices less the\n"
    "                     unapplied credit it holds);\n"
    "  past 1/3 limit     an invoice is overdue by more than one third of its own credit\n"
    "                     period (due - date): 30 days -> 10 days overdue, act by day 40;\n"
    "                     60 days -> day 80. Day 40 is still in time; day 41 is not.\n"
    "                     (Approved extensions move the due date; invoices in a plan go\n"
    "                     by their instalments; disputed amounts do not count.)\n"
    "  on hold by hand    a hold record of the case file, with its reason.\n"
    "A release record lifts the reasons present at its date until a new one arises; the\n"
    "customers it keeps off hold are listed after the table. Credit reviews due are in\n"
    "`arlab worklist` (review). The worst invoice is the one furthest past its own limit.\n"
    "Nothing is changed in the book.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE       the date; documents dated later do not exist yet.\n"
    "                     Default: the book's last document date.\n"
    "  --format FORMAT    table (default), json or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kHoldsOptions = {
    {"--as-of", nullptr, true}, {"--format", nullptr, true}, {"--output", "-o", true}};

}  // namespace

int cmd_holds(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "holds", kHoldsOptions, kHoldsHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("holds", "expected one BOOK file");
  std::string format;
  if (int code = format_option(args, "holds", &format); code != kExitOk) return code;
  Date as_of;
  if (int code = as_of_option(args, "holds", &as_of); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  default_as_of(args, loaded.book, &as_of);
  CollectionPosition position = collection_position(loaded.book, as_of);
  std::string out = format == "json"  ? holds_json(loaded.book, position)
                    : format == "csv" ? holds_csv(loaded.book, position)
                                      : holds_table(loaded.book, position);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
