// cmd_budget.cpp: `arlab budget BOOK [--from D] [--to D] [--format table|json|csv] [-o FILE]`:
// the book's receivables budget against the actuals, month by month (core/budget.h).
#include <cstdio>

#include "core/budget.h"
#include "io/budget_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kBudgetHelp =
    "Usage: arlab budget BOOK [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
    "                         [--format table|json|csv] [-o FILE]\n"
    "\n"
    "The book's receivables budget (\"budget\": {\"dso_days\": \"45\", \"overdue_ratio\":\n"
    "\"15%\"}, docs/FORMAT.md) against the actuals of each calendar month meeting the period\n"
    "(clipped to it): the month's DSO (open AR at its end / its credit sales x its days) and\n"
    "overdue ratio (overdue / open AR at its end), as `arlab metrics --by month` computes\n"
    "them, each with its target and whether it is met (at or below the target, compared\n"
    "exactly). Met is shown as null (JSON), empty (CSV) or '-' (table) when there is no\n"
    "target, no credit sales in the month (no DSO) or nothing open at its end. A book\n"
    "without a budget prints the actuals with null targets and a note on standard error,\n"
    "and exits 0.\n"
    "\n"
    "Options:\n"
    "  --from DATE        first day of the period (default: the book's first document date)\n"
    "  --to DATE          last day of the period (default: the book's last document date)\n"
    "  --format FORMAT    table (default), json or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kBudgetOptions = {{"--from", nullptr, true},
                                                {"--to", nullptr, true},
                                                {"--format", nullptr, true},
                                                {"--output", "-o", true}};

}  // namespace

int cmd_budget(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "budget", kBudgetOptions, kBudgetHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("budget", "expected one BOOK file");
  std::string format;
  if (int code = format_option(args, "budget", &format); code != kExitOk) return code;
  Date from, to;
  if (int code = parse_period_options(args, "budget", &from, &to); code != kExitOk) return code;
  const std::string& path = args.positional[0];
  LoadResult loaded;
  if (!load_book(path, &loaded)) return kExitData;
  const Book& book = loaded.book;
  if (int code = default_period(args, "budget", book, &from, &to); code != kExitOk)
    return code;
  if (!book.budget.given()) {
    std::fprintf(stderr,
                 "%s: the book has no budget: targets are null (add \"budget\": "
                 "{\"dso_days\": ..., \"overdue_ratio\": ...}, docs/FORMAT.md)\n",
                 path.c_str());
  }
  BudgetReport report = compute_budget_report(book, from, to);
  std::string out = format == "json"  ? budget_json(book, report)
                    : format == "csv" ? budget_csv(book, report)
                                      : budget_table(book, report);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
