// cmd_credit.cpp: `arlab credit BOOK --customer ID [--as-of D] [--format table|json|csv]`: a
// customer's credit file with its payment score and how it was computed; `--backtest`: how
// well the score predicts late payment next to a naive baseline (core/credit_score.h).
#include <cstdio>

#include "core/credit_score.h"
#include "io/credit_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kCreditHelp =
    "Usage: arlab credit BOOK --customer ID [--as-of YYYY-MM-DD] [--format table|json|csv]\n"
    "                         [-o FILE]\n"
    "       arlab credit BOOK --backtest [--as-of YYYY-MM-DD] [--format table|json|csv]\n"
    "\n"
    "A customer's credit file as of a date: grade, terms, credit limit (as of its last credit\n"
    "review), what it owes and its headroom, its hold and why, its reviews (last, next, the\n"
    "grade's interval), security, investigation notes, disputes and promises, and its payment\n"
    "score (0-100) with how it was computed:\n"
    "  on time 40 x (1 - late share), days late 30 x (1 - weighted days late / 60),\n"
    "  disputes 10 x (1 - disputed share), open overdue 10 x (1 - open past due share),\n"
    "  trend 10 x (1 - days worse / 30) (last 90 days against the 9 months before).\n"
    "Over the invoices settled in the 12 months to the date and those open past due then;\n"
    "fewer than 5 settled: not enough history. Each broken promise to pay (pay-by date in\n"
    "the window) takes 5 points off, at most 10.\n"
    "\n"
    "--backtest scores every customer 90 days before the date and compares the predicted\n"
    "late share (1 - score/100) of its invoices due after that with what happened, next to\n"
    "the naive baseline (its own late share then): mean absolute error and rank correlation.\n"
    "\n"
    "Options:\n"
    "  --customer ID      the customer\n"
    "  --backtest         the backtest instead of one customer's file\n"
    "  --as-of DATE       the date; documents dated later do not exist yet.\n"
    "                     Default: the book's last document date.\n"
    "  --format FORMAT    table (default), json or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kCreditOptions = {{"--customer", nullptr, true},
                                                {"--backtest", nullptr, false},
                                                {"--as-of", nullptr, true},
                                                {"--format", nullptr, true},
                                                {"--output", "-o", true}};

}  // namespace

int cmd_credit(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "credit", kCreditOptions, kCreditHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("credit", "expected one BOOK file");
  const bool backtest = args.has("--backtest");
  if (backtest == args.has("--customer")) {
    return usage_error("credit", backtest ? "give --customer ID or --backtest, not both"
                                          : "--customer ID (or --backtest) is required");
  }
  std::string format;
  if (int code = format_option(args, "credit", &format); code != kExitOk) return code;
  Date as_of;
  if (int code = as_of_option(args, "credit", &as_of); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  const Book& book = loaded.book;
  default_as_of(args, book, &as_of);
  std::string out;
  if (backtest) {
    ScoreBacktest t = score_backtest(book, as_of);
    out = format == "json"  ? score_backtest_json(book, t)
          : format == "csv" ? score_backtest_csv(book, t)
                            : score_backtest_table(book, t);
  } else {
    const Index customer = find_customer(book, args.get("--customer"));
    if (customer == kNone) {
      std::fprintf(stderr, "%s: no customer with id \"%s\"\n", args.positional[0].c_str(),
                   args.get("--customer").c_str());
      return kExitData;
    }
    CreditFile f = credit_file(book, customer, as_of);
    out = format == "json"  ? credit_file_json(book, f)
          : format == "csv" ? credit_file_csv(book, f)
                            : credit_file_table(book, f);
  }
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
