// cmd_aging.cpp: `arlab aging BOOK [--as-of D] [--buckets 30,60,90] [--format table|json|csv]`.
#include <cstdio>

#include "core/aging.h"
#include "io/reports.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kAgingHelp =
    "Usage: arlab aging BOOK [--as-of YYYY-MM-DD] [--buckets 30,60,90]\n"
    "                        [--format table|json|csv] [-o FILE]\n"
    "\n"
    "Open receivables of each customer by days past due (as-of date minus due date).\n"
    "\"current\" is 0 or fewer days past due (due today is current); then one bucket per\n"
    "edge: 1-30, 31-60, 61-90 and 91+ for the default edges. Customers with nothing open\n"
    "and no unapplied credit are left out; unapplied credit is shown as a negative amount.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE       the report date; documents dated later do not exist yet.\n"
    "                     Default: the book's last document date.\n"
    "  --buckets LIST     bucket edges in days, strictly increasing (default 30,60,90)\n"
    "  --format FORMAT    table (default), json or csv (see docs/FORMAT.md)\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kAgingOptions = {
    {"--as-of", nullptr, true}, {"--buckets", nullptr, true},
    {"--format", nullptr, true}, {"--output", "-o", true}};

}  // namespace

int cmd_aging(int argc, char** argv) {
  Args args;
  std::string error;
  int done = begin_command(argc, argv, "aging", kAgingOptions, kAgingHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("aging", "expected one BOOK file");
  std::string format;
  if (int code = format_option(args, "aging", &format); code != kExitOk) return code;
  std::vector<int32_t> edges = kDefaultAgingEdges;
  if (args.has("--buckets") && !parse_aging_edges(args.get("--buckets"), &edges, &error)) {
    return usage_error("aging", "bad --buckets '" + args.get("--buckets") + "': " + error);
  }
  Date as_of;
  if (int code = as_of_option(args, "aging", &as_of); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  default_as_of(args, loaded.book, &as_of);
  AgingReport report = compute_aging(loaded.book, as_of, edges);
  std::string out = format == "json"  ? aging_json(loaded.book, report)
                    : format == "csv" ? aging_csv(loaded.book, report)
                                      : aging_table(loaded.book, report);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
