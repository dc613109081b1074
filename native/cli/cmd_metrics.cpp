// cmd_metrics.cpp: `arlab metrics BOOK --from D --to D [--rate 0.08]
// [--by customer|salesperson|month] [--customer ID | --salesperson ID] [--format table|json|csv]`.
#include <cstdio>

#include "core/metrics.h"
#include "core/money.h"
#include "io/metrics_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kMetricsHelp =
    "Usage: arlab metrics BOOK [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--rate 0.08]\n"
    "                          [--by customer|salesperson|month]\n"
    "                          [--customer ID | --salesperson ID]\n"
    "                          [--format table|json|csv] [-o FILE]\n"
    "\n"
    "Receivables metrics over the period [from, to] (days = to - from + 1): credit sales,\n"
    "cash collected, open AR at the start and end, DSO, countback DSO, best possible DSO,\n"
    "average days delinquent, CEI, collection rate, overdue and at-risk ratios, days to pay\n"
    "and days late of the invoices settled in the period, the interest cost of late payment\n"
    "and the bad debt written off. Every formula: docs/METRICS.md. A ratio whose\n"
    "denominator is zero is shown as null (JSON), empty (CSV) or '-' (table).\n"
    "\n"
    "Options:\n"
    "  --from DATE        first day of the period (default: the book's first document date)\n"
    "  --to DATE          last day of the period (default: the book's last document date)\n"
    "  --rate RATE        yearly interest rate for interest_cost, 0 to 10 with at most\n"
    "                     4 decimals (default 0.08, that is 8%)\n"
    "  --by KEY           also one row per customer, salesperson or calendar month\n"
    "  --customer ID      only this customer's documents\n"
    "  --salesperson ID   only the documents of this salesperson's customers\n"
    "  --format FORMAT    table (default), json or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kMetricsOptions = {
    {"--from", nullptr, true},       {"--to", nullptr, true},
    {"--rate", nullptr, true},       {"--by", nullptr, true},
    {"--customer", nullptr, true},   {"--salesperson", nullptr, true},
    {"--format", nullptr, true},     {"--output", "-o", true}};

// "0.08" -> 800 basis points: a decimal with at most 4 places, 0 to kRateBpMax.
bool parse_rate_bp(const std::string& text, int32_t* out) {
  int64_t bp = 0;
  std::string why;
  if (!parse_amount(text, 4, &bp, &why) || bp < 0 || bp > kRateBpMax) return false;
  *out = int32_t(bp);
  return true;
}

bool parse_by(const std::string& text, MetricsBy* out) {
  if (text == "customer") *out = MetricsBy::Customer;
  else if (text == "salesperson") *out = MetricsBy::Salesperson;
  else if (text == "month") *out = MetricsBy::Month;
  else return false;
  return true;
}

// Options checked before the book is read; false after printing a usage error in *exit.
struct Options {
  std::string format = "table";
  int32_t rate_bp = kDefaultRateBp;
  bool by_given = false;
  MetricsBy by = MetricsBy::Month;
  Date from, to;
};

int check_options(const Args& args, Options* o) {
  if (args.positional.size() != 1) return usage_error("metrics", "expected one BOOK file");
  if (int code = format_option(args, "metrics", &o->format); code != kExitOk) return code;
  if (args.has("--rate") && !parse_rate_bp(args.get("--rate"), &o->rate_bp)) {
    return usage_error("metrics", "bad --rate '" + args.get("--rate") +
                                      "': expected a yearly rate from 0 to 10 such as 0.08");
  }
  o->by_given = args.has("--by");
  if (o->by_given && !parse_by(args.get("--by"), &o->by)) {
    return usage_error("metrics", "--by must be customer, salesperson or month, not '" +
                                      args.get("--by") + "'");
  }
  if (int code = parse_period_options(args, "metrics", &o->from, &o->to); code != kExitOk)
    return code;
  if (args.has("--customer") && args.has("--salesperson")) {
    return usage_error("metrics", "give --customer or --salesperson, not both");
  }
  return kExitOk;
}

// --customer / --salesperson to a filter; false after printing an unknown id.
bool resolve_filter(const Book& book, const Args& args, MetricsFilter* filter) {
  if (args.has("--customer")) {
    *filter = {MetricsFilter::Kind::Customer, find_customer(book, args.get("--customer"))};
  } else if (args.has("--salesperson")) {
    *filter = {MetricsFilter::Kind::Salesperson, find_salesperson(book, args.get("--salesperson"))};
  } else {
    return true;
  }
  if (filter->index != kNone) return true;
  const char* what = filter->kind == MetricsFilter::Kind::Customer ? "customer" : "salesperson";
  std::fprintf(stderr, "%s: no %s with id \"%s\"\n", args.positional[0].c_str(), what,
               args.get(filter->kind == MetricsFilter::Kind::Customer ? "--customer"
                                                                       : "--salesperson")
                   .c_str());
  return false;
}

}  // namespace

int cmd_metrics(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "metrics", kMetricsOptions, kMetricsHelp, &args);
  if (done >= 0) return done;
  Options o;
  if (int code = check_options(args, &o); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  const Book& book = loaded.book;
  if (int code = default_period(args, "metrics", book, &o.from, &o.to); code != kExitOk)
    return code;
  MetricsFilter filter;
  if (!resolve_filter(book, args, &filter)) return kExitData;
  Metrics total = compute_metrics(book, o.from, o.to, o.rate_bp, filter);
  std::vector<MetricsRow> rows;
  if (o.by_given) rows = compute_metrics_by(book, o.from, o.to, o.rate_bp, o.by, filter);
  bool overflow = total.interest_overflow;
  for (const MetricsRow& row : rows) overflow = overflow || row.metrics.interest_overflow;
  if (overflow) {
    std::fprintf(stderr, "%s: interest_cost does not fit in 64-bit minor units\n",
                 args.positional[0].c_str());
    return kExitData;
  }
  const std::vector<MetricsRow>* by_rows = o.by_given ? &rows : nullptr;
  std::string out = o.format == "json"  ? metrics_json(book, total, by_rows)
                    : o.format == "csv" ? metrics_csv(book, total, by_rows)
                                        : metrics_table(book, total, by_rows);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
