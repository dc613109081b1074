// cmd_commission.cpp: `arlab commission BOOK --plan PLAN.json --from D --to D
// [--format table|json|csv] [--salesperson ID] [--lines] [--paid PREVIOUS.json] [-o FILE]`, and
// `--compare PLAN_B.json`: the plan against another over the same book and period.
#include <cstdio>

#include "core/commission.h"
#include "io/commission_plan.h"
#include "io/commission_report.h"
#include "io/file.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kCommissionHelp =
    "Usage: arlab commission BOOK --plan PLAN.json [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
    "                             [--format table|json|csv] [--salesperson ID] [--lines]\n"
    "                             [--paid PREVIOUS.json] [-o FILE]\n"
    "       arlab commission BOOK --plan PLAN_A.json --compare PLAN_B.json\n"
    "                             [--from D] [--to D] [--format F] [--salesperson ID] [-o FILE]\n"
    "\n"
    "Commission statement of each salesperson under a plan tied to cash collected\n"
    "(docs/COMMISSION.md; example plans in assets/plans/): sales and attainment, cash\n"
    "collected, collection rate, the gates of each period (sales target, collection rate,\n"
    "DSO, overdue ratio), commission earned, voided, held back, released, clawed back,\n"
    "penalties, net, payable (payouts falling due in the period) and the debit carried\n"
    "forward; with --lines, every amount explained (invoice, document, rule, figures).\n"
    "Commission settles by whole periods of the plan: --from is taken back to the start of\n"
    "its period. The whole history before --from counts (holds, payout lag, clawbacks).\n"
    "\n"
    "With --compare, the two plans over the same book and period: per salesperson the\n"
    "payable and net under A (--plan) and B, the difference B - A and whether B gains or\n"
    "loses them money; the total cost of each plan; and what each rewards: commission per\n"
    "1,000 collected on time and per 1,000 collected late, and the effective rate on sales\n"
    "(cost / sales). JSON: \"arlab-commission-comparison/1\"; CSV: a row per salesperson\n"
    "and a TOTAL row.\n"
    "\n"
    "Options:\n"
    "  --plan FILE        the commission plan (JSON, \"arlab-commission-plan/1\"); required\n"
    "  --compare FILE     compare --plan (A) with this plan (B); not with --lines or --paid\n"
    "  --from DATE        first day (default: the book's first document date)\n"
    "  --to DATE          last day (default: the book's last document date)\n"
    "  --salesperson ID   only this salesperson\n"
    "  --lines            the line-by-line explanation (table, JSON; CSV: lines instead)\n"
    "  --paid FILE        a statement written earlier with --format json --lines and paid\n"
    "                     out: its lines dated before --from that the book no longer\n"
    "                     produces are clawed back (\"allocation removed\"), new ones paid\n"
    "  --format FORMAT    table (default), json or csv\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kCommissionOptions = {
    {"--plan", nullptr, true},   {"--from", nullptr, true},        {"--to", nullptr, true},
    {"--format", nullptr, true}, {"--salesperson", nullptr, true}, {"--lines", nullptr, false},
    {"--paid", nullptr, true},   {"--output", "-o", true},         {"--compare", nullptr, true}};

struct Options {
  std::string format = "table";
  Date from, to;
};

int check_options(const Args& args, Options* o) {
  if (args.positional.size() != 1) return usage_error("commission", "expected one BOOK file");
  if (!args.has("--plan")) return usage_error("commission", "--plan PLAN.json is required");
  if (args.has("--compare")) {
    for (const char* name : {"--lines", "--paid"}) {
      if (args.has(name)) {
        return usage_error("commission", std::string(name) + " does not apply to --compare");
      }
    }
  }
  if (int code = format_option(args, "commission", &o->format); code != kExitOk) return code;
  return parse_period_options(args, "commission", &o->from, &o->to);
}

// The plan, checked on its own and against the book; false after printing the problems.
bool load_plan(const std::string& path, const Book& book, CommissionPlan* plan) {
  std::string text;
  if (!read_input(path, &text)) return false;
  std::vector<Problem> problems;
  if (read_commission_plan(text, book.minor_digits, plan, &problems))
    check_commission_plan_for_book(*plan, book, &problems);
  if (problems.empty()) return true;
  print_problems(path, problems);
  return false;
}

bool load_paid(const std::string& path, const Book& book, CommissionPaid* paid) {
  std::string text;
  if (!read_input(path, &text)) return false;
  std::vector<Problem> problems;
  if (read_paid_statement(text, book.minor_digits, paid, &problems, book.currency)) return true;
  print_problems(path, problems);
  return false;
}

}  // namespace

int cmd_commission(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "commission", kCommissionOptions, kCommissionHelp, &args);
  if (done >= 0) return done;
  Options o;
  if (int code = check_options(args, &o); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  const Book& book = loaded.book;
  if (int code = default_period(args, "commission", book, &o.from, &o.to); code != kExitOk)
    return code;
  CommissionPlan plan;
  if (!load_plan(args.get("--plan"), book, &plan)) return kExitData;
  CommissionOptions options;
  if (args.has("--salesperson")) {
    options.only_salesperson = true;
    options.salesperson = find_salesperson(book, args.get("--salesperson"));
    if (options.salesperson == kNone) {
      std::fprintf(stderr, "%s: no salesperson with id \"%s\"\n", args.positional[0].c_str(),
                   args.get("--salesperson").c_str());
      return kExitData;
    }
  }
  if (args.has("--compare")) {
    CommissionPlan plan_b;
    if (!load_plan(args.get("--compare"), book, &plan_b)) return kExitData;
    options.keep_lines = false;  // Figures only.
    CommissionStatement a = compute_commission(book, plan, o.from, o.to, options);
    CommissionStatement b = compute_commission(book, plan_b, o.from, o.to, options);
    std::string out = o.format == "json"  ? commission_comparison_json(book, a, b)
                      : o.format == "csv" ? commission_comparison_csv(book, a, b)
                                          : commission_comparison_table(book, a, b);
    return write_output(args.get("--output"), out) ? kExitOk : kExitData;
  }
  CommissionPaid paid;
  if (args.has("--paid")) {
    if (!load_paid(args.get("--paid"), book, &paid)) return kExitData;
    options.paid = &paid;
  }
  bool lines = args.has("--lines");
  options.keep_lines = lines;
  CommissionStatement s = compute_commission(book, plan, o.from, o.to, options);
  std::string out = o.format == "json"  ? commission_json(book, s, lines)
                    : o.format == "csv" ? commission_csv(book, s, lines)
                                        : commission_table(book, s, lines);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
