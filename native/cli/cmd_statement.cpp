// cmd_statement.cpp: `arlab statement BOOK --customer ID [--from D] [--to D]
// [--buckets 30,60,90] [--format html|text|csv] [-o FILE]`.
#include <cstdio>

#include "core/aging.h"
#include "core/statement.h"
#include "io/statement_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kStatementHelp =
    "Usage: arlab statement BOOK --customer ID [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
    "                            [--buckets 30,60,90] [--format html|text|csv] [-o FILE]\n"
    "\n"
    "A customer's statement of account over the period [from, to], to print and send for\n"
    "the customer to confirm (sign and stamp): the opening balance on the day before\n"
    "`from` (open invoices minus unapplied credit), every invoice, payment, credit note and\n"
    "write-off dated in the period with a running balance (by date; on one date invoices,\n"
    "then payments, credit notes, write-offs), the invoices each payment and credit note\n"
    "reduced, the closing balance at `to`, the aging of what is open at `to`, and a\n"
    "confirmation block (\"We confirm the balance of ... as of ... is correct\").\n"
    "\n"
    "Options:\n"
    "  --customer ID      the customer (required)\n"
    "  --from DATE        first day of the period (default: the 1st of the month of --to)\n"
    "  --to DATE          last day of the period (default: the book's last document date)\n"
    "  --buckets LIST     aging bucket edges in days, strictly increasing (default 30,60,90)\n"
    "  --format FORMAT    html (default: a printable A4 page), text or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kStatementOptions = {
    {"--customer", nullptr, true}, {"--from", nullptr, true},   {"--to", nullptr, true},
    {"--buckets", nullptr, true},  {"--format", nullptr, true}, {"--output", "-o", true}};

struct Options {
  std::string format = "html";
  std::vector<int32_t> edges = kDefaultAgingEdges;
  Date from, to;
};

// Everything that can be checked before the book is read; kExitOk or a usage error.
int check_options(const Args& args, Options* o) {
  std::string error;
  if (args.positional.size() != 1) return usage_error("statement", "expected one BOOK file");
  if (!args.has("--customer")) return usage_error("statement", "--customer ID is required");
  o->format = args.get("--format", "html");
  if (o->format != "html" && o->format != "text" && o->format != "csv") {
    return usage_error("statement",
                       "--format must be html, text or csv, not '" + o->format + "'");
  }
  if (args.has("--buckets") && !parse_aging_edges(args.get("--buckets"), &o->edges, &error)) {
    return usage_error("statement", "bad --buckets '" + args.get("--buckets") + "': " + error);
  }
  if (int code = parse_period_options(args, "statement", &o->from, &o->to); code != kExitOk)
    return code;
  if (args.has("--from") && args.has("--to") && o->to < o->from) {
    return empty_period_error("statement", o->from, o->to);
  }
  return kExitOk;
}

}  // namespace

int cmd_statement(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "statement", kStatementOptions, kStatementHelp, &args);
  if (done >= 0) return done;
  Options o;
  if (int code = check_options(args, &o); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  const Book& book = loaded.book;
  const Index customer = find_customer(book, args.get("--customer"));
  if (customer == kNone) {
    std::fprintf(stderr, "%s: no customer with id \"%s\"\n", args.positional[0].c_str(),
                 args.get("--customer").c_str());
    return kExitData;
  }
  if (!args.has("--to")) o.to = book_last_date(book);
  if (!args.has("--from")) {
    YearMonthDay ymd = ymd_from_date(o.to);
    o.from = date_from_ymd(ymd.year, ymd.month, 1);
  }
  if (o.to < o.from) return empty_period_error("statement", o.from, o.to);  // One end defaulted.
  Statement s = compute_statement(book, customer, o.from, o.to, o.edges);
  std::string out = o.format == "csv"    ? statement_csv(book, s)
                    : o.format == "text" ? statement_text(book, s)
                                         : statement_html(book, s);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
