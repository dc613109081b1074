// cmd_case.cpp: `arlab case BOOK (--customer ID | --case ID) [--as-of D] [--format ...]`: a
// customer's case as of a date: owner, cause, stance, hold, promises, disputes, plans and the
// timeline of its documents and case records (core/case_view.h).
#include <cstdio>

#include "core/case_view.h"
#include "io/case_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kCaseHelp =
    "Usage: arlab case BOOK (--customer ID | --case ID) [--as-of YYYY-MM-DD]\n"
    "                       [--format table|json|csv] [-o FILE]\n"
    "\n"
    "A customer's case file as of a date (docs/COLLECTION.md): the owner, the diagnosed\n"
    "cause and whether the customer can't or won't pay, a hold placed by hand, letters sent,\n"
    "the next step, promises (kept, broken or pending, from the ledger itself), disputes,\n"
    "payment plans with each instalment's open amount, and the timeline: every invoice,\n"
    "payment, credit note, write-off and refund with every case record (calls, emails,\n"
    "letters, reviews...), by date. Only what is dated on or before the date counts.\n"
    "CSV: the timeline.\n"
    "\n"
    "Options:\n"
    "  --customer ID      the customer\n"
    "  --case ID          the case, by its \"case\" record's id\n"
    "  --as-of DATE       the date; default: the book's last document date\n"
    "  --format FORMAT    table (default), json or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kCaseOptions = {{"--customer", nullptr, true},
                                              {"--case", nullptr, true},
                                              {"--as-of", nullptr, true},
                                              {"--format", nullptr, true},
                                              {"--output", "-o", true}};

}  // namespace

int cmd_case(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "case", kCaseOptions, kCaseHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("case", "expected one BOOK file");
  if (args.has("--customer") == args.has("--case"))
    return usage_error("case", "give --customer ID or --case ID (one of them)");
  std::string format;
  if (int code = format_option(args, "case", &format); code != kExitOk) return code;
  Date as_of;
  if (int code = as_of_option(args, "case", &as_of); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  const Book& book = loaded.book;
  default_as_of(args, book, &as_of);
  const bool by_case = args.has("--case");
  const std::string id = args.get(by_case ? "--case" : "--customer");
  const Index customer = by_case ? case_customer(book, id) : find_customer(book, id);
  if (customer == kNone) {
    std::fprintf(stderr, "%s: no %s with id \"%s\"\n", args.positional[0].c_str(),
                 by_case ? "case (a record of kind \"case\")" : "customer", id.c_str());
    return kExitData;
  }
  CaseView view = case_view(book, customer, as_of);
  std::string out = format == "json"  ? case_json(book, view)
                    : format == "csv" ? case_csv(book, view)
                                      : case_table(book, view);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
