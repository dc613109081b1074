// cmd_simulate.cpp: `arlab simulate BOOK --backtest-from D [--to D2] [--runs N] [--seed S]
// [--no-month-shocks] [--format table|json|csv]`: the behaviour model fitted on the documents before D, its
// Monte Carlo of the monthly cash over [D, D2] against the cash actually collected, beside
// two naive forecasts (core/simulate.h, docs/SIMULATION.md).
#include <cstdint>
#include <cstdio>

#include "core/simulate.h"
#include "io/simulate_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr int64_t kRunsMax = 100000;
constexpr int32_t kRunsDefault = 500;

constexpr const char* kSimulateHelp =
    "Usage: arlab simulate BOOK --backtest-from YYYY-MM-DD [--to YYYY-MM-DD] [--runs N]\n"
    "                           [--seed S] [--format table|json|csv] [-o FILE]\n"
    "\n"
    "The cash backtest of the behaviour model (docs/SIMULATION.md). The model is fitted on\n"
    "the documents dated before --backtest-from: each invoice settled by then (or open more\n"
    "than 365 days past due: the rest never paid) is a payment profile, days from its due\n"
    "date and shares of its amount. A customer with 8 or more profiles draws from its own,\n"
    "else from its grade's, else from the book's; an invoice open at the start draws only\n"
    "from profiles still unsettled at its age (none: 80% collected under two years past due,\n"
    "20% older). Each run resamples every pool (a bootstrap), so thin history widens the band,\n"
    "and draws a shock for each month of due dates from how late whole months ran before.\n"
    "The invoices open at the start and those issued from the date to --to are simulated;\n"
    "each month (from the start date) shows the payments actually received, the simulated\n"
    "mean and 5th-95th percentile band, and two naive forecasts: every invoice paid on its\n"
    "due date, and on its due date plus the book's average delay. Then the mean absolute\n"
    "percentage error of each and how many months' actuals fall inside the band.\n"
    "\n"
    "Options:\n"
    "  --backtest-from DATE  the start: fit before it, replay from it (required)\n"
    "  --to DATE          the last day (default: the book's last document date)\n"
    "  --runs N           Monte Carlo runs, 1..100000 (default 500)\n"
    "  --seed S           the seed (default 1); same seed, same result on every platform\n"
    "  --no-month-shocks  independent draws only (the band without the month shocks)\n"
    "  --format FORMAT    table (default), json or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kSimulateOptions = {{"--backtest-from", nullptr, true},
                                                  {"--to", nullptr, true},
                                                  {"--runs", nullptr, true},
                                                  {"--seed", nullptr, true},
                                                  {"--no-month-shocks", nullptr, false},
                                                  {"--format", nullptr, true},
                                                  {"--output", "-o", true}};

}  // namespace

int cmd_simulate(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "simulate", kSimulateOptions, kSimulateHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("simulate", "expected one BOOK file");
  if (!args.has("--backtest-from"))
    return usage_error("simulate", "--backtest-from YYYY-MM-DD is required");
  Date from, to;
  if (!parse_date(args.get("--backtest-from"), &from))
    return usage_error("simulate", "--backtest-from: \"" + args.get("--backtest-from") +
                                       "\" is not a date YYYY-MM-DD");
  if (args.has("--to") && !parse_date(args.get("--to"), &to))
    return usage_error("simulate", "--to: \"" + args.get("--to") + "\" is not a date YYYY-MM-DD");
  int64_t runs = kRunsDefault, seed = 1;
  if (args.has("--runs") && (!parse_count(args.get("--runs"), kRunsMax, &runs) || runs < 1))
    return usage_error("simulate", "--runs: expected a whole number from 1 to 100000, not \"" +
                                       args.get("--runs") + "\"");
  if (args.has("--seed") && !parse_count(args.get("--seed"), INT64_MAX, &seed))
    return usage_error("simulate", "--seed: expected a whole number from 0, not \"" +
                                       args.get("--seed") + "\"");
  std::string format;
  if (int code = format_option(args, "simulate", &format); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  const Book& book = loaded.book;
  if (!args.has("--to")) to = book_last_date(book);
  if (to < from)
    return usage_error("simulate", "the period is empty: --to " + format_date(to) +
                                       " is before --backtest-from " + format_date(from));
  const int64_t months = int64_t(cash_months(from, to).size());
  if (months * runs > kSimulateCellsMax)
    return usage_error("simulate", "the period has " + std::to_string(months) +
                                       " months; times --runs " + std::to_string(runs) +
                                       " that is over 10,000,000: shorten it or use fewer runs");
  FitOptions options;
  options.month_shocks = !args.has("--no-month-shocks");
  Backtest t = backtest(book, from, to, int32_t(runs), uint64_t(seed), options);
  const std::string out = format == "json"  ? backtest_json(book, t)
                          : format == "csv" ? backtest_csv(book, t)
                                            : backtest_table(book, t);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
