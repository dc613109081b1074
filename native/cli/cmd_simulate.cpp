// cmd_simulate.cpp: `arlab simulate`, two modes.
//
// The policy simulator (core/policy_sim.h, docs/SIMULATION.md):
//   arlab simulate BOOK [--policy FILE ...] [--from D] [--horizon M] [--runs N] [--seed S]
//                       [--set NAME=VALUE ...] [--sweep NAME=VALUES | --tornado]
//                       [--threads N] [--format table|json|csv] [-o FILE]
// Policy 0 is always "As today" (the book as it is); the files come after it, in order.
// The cash backtest of the behaviour model (core/simulate.h):
//   arlab simulate BOOK --backtest-from D [--to D2] [--runs N] [--seed S] [--no-month-shocks] [--no-trend] [--no-pay-days]
// And two helpers: --list-params (every parameter of a policy file) and --policy-template.
//
// [SECTION] Help and options
// [SECTION] The cash backtest
// [SECTION] Policy options
// [SECTION] Policy runs: comparison, sweep, tornado
// [SECTION] cmd_simulate
#include <cstdint>
#include <cstdio>
#include <thread>

#include "core/policy_sim.h"
#include "core/simulate.h"
#include "io/policy_json.h"
#include "io/simulate_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

// =========================================================================================
// [SECTION] Help and options
// =========================================================================================

constexpr int64_t kRunsMax = 100000;
constexpr int32_t kRunsDefault = 500;         // The backtest's.
constexpr int32_t kPolicyRunsDefault = 1000;  // The policy simulator's.
constexpr int64_t kThreadsMax = 256;

constexpr const char* kSimulateHelp =
    "Usage: arlab simulate BOOK [--policy FILE ...] [--from DATE] [--horizon MONTHS]\n"
    "                           [--runs N] [--seed S] [--set NAME=VALUE ...]\n"
    "                           [--sweep NAME=VALUES | --tornado] [--metric NAME]\n"
    "                           [--threads N] [--format table|json|csv] [-o FILE]\n"
    "       arlab simulate BOOK --backtest-from DATE [--to DATE] [--runs N] [--seed S]\n"
    "       arlab simulate BOOK --policy-template [-o FILE]\n"
    "       arlab simulate --list-params [--format table|json]\n"
    "\n"
    "The policy simulator (docs/SIMULATION.md). It fits how each customer pays from the book,\n"
    "then runs the months ahead many times under each policy: the invoices open at the start\n"
    "and new sales (the last 12 months' invoices moved a year on, times the book's growth).\n"
    "Policy 0 is always \"As today\" (the book as it is); each --policy FILE (a JSON policy,\n"
    "\"arlab-policy/1\") comes after it, in order, and is compared with it run by run on the\n"
    "same customers' draws. The report gives per policy the horizon's cash, sales, DSO and\n"
    "countback DSO, overdue ratio, bad debt, discount, commission, financing and collection\n"
    "costs and the profit, each with its 5th-95th percentile band and its difference with\n"
    "As today; month by month; per salesperson commission and collection rate; the profit\n"
    "change step by step (a waterfall); and every assumption with its source.\n"
    "\n"
    "Options:\n"
    "  --policy FILE       a policy to compare with As today (repeatable, at most 15)\n"
    "  --from DATE         the first day simulated (default: the day after the book's last\n"
    "                      document date)\n"
    "  --horizon MONTHS    months simulated, 1..36 (default 12)\n"
    "  --runs N            Monte Carlo runs, 1..100000 (default 1000; backtest 500)\n"
    "  --seed S            the seed (default 1); same seed, same result on every platform\n"
    "                      and with any number of threads\n"
    "  --set NAME=VALUE    set a parameter in every policy, As today included (repeatable),\n"
    "                      e.g. --set margin=30% (names: --list-params)\n"
    "  --sweep NAME=VALUES run the last policy at each value of one parameter and report\n"
    "                      the metric's difference with that policy as given: VALUES is\n"
    "                      FROM:TO:COUNT (discount.rate=0:3%:7) or a list (0,1%,2%)\n"
    "  --tornado           which assumptions move the first --policy's difference with\n"
    "                      As today most: each response parameter at half and one and a\n"
    "                      half times its value\n"
    "  --tornado-runs N    runs for each tornado case (default: --runs / 5)\n"
    "  --metric NAME       the metric of --sweep and --tornado (default profit): sales, cash,\n"
    "                      ar_end, overdue_end, bad_debt, discount_cost, commission_cost,\n"
    "                      financing_cost, collection_cost, margin_lost, profit, dso,\n"
    "                      countback_dso, overdue_ratio, collection_rate\n"
    "  --no-month-shocks   independent draws only (no shock per month of due dates, no trend)\n"
    "  --no-trend          month shocks without the drift each run draws through them\n"
    "  --no-pay-days       payments on the day drawn (no move of a weekend's payment to\n"
    "                      Monday, nor to a customer's weekly payment run)\n"
    "  --threads N         threads to run on (default: the machine's)\n"
    "  --policy-template   write a policy file with every member at its default (the book's\n"
    "                      first letter day) to start from\n"
    "  --list-params       every parameter: name, unit, default, range, source\n"
    "  --backtest-from DATE  the cash backtest instead: the model fitted on the documents\n"
    "                      before DATE, its monthly cash against the cash actually collected\n"
    "                      up to --to (default the book's last date), beside two naive\n"
    "                      forecasts (paid on the due date; due date + the average delay)\n"
    "  --format FORMAT     table (default), json or csv\n"
    "  -o, --output FILE   write to FILE (atomically) instead of standard output\n"
    "  -h, --help          this help\n"
    "\n"
    "Examples:\n"
    "  arlab simulate book.json --policy-template -o mine.json   (edit it, then:)\n"
    "  arlab simulate book.json --policy mine.json --policy two-ten.json --runs 2000\n"
    "  arlab simulate book.json --policy two-ten.json --sweep discount.rate=0:3%:7\n"
    "  arlab simulate book.json --policy two-ten.json --tornado --metric cash\n"
    "  arlab simulate book.json --backtest-from 2025-01-01 --to 2025-12-31\n";

const std::vector<OptionSpec> kSimulateOptions = {{"--backtest-from", nullptr, true},
                                                  {"--to", nullptr, true},
                                                  {"--runs", nullptr, true},
                                                  {"--seed", nullptr, true},
                                                  {"--no-month-shocks", nullptr, false},
                                                  {"--no-trend", nullptr, false},
                                                  {"--no-pay-days", nullptr, false},
                                                  {"--format", nullptr, true},
                                                  {"--output", "-o", true},
                                                  {"--policy", nullptr, true},
                                                  {"--from", nullptr, true},
                                                  {"--horizon", nullptr, true},
                                                  {"--set", nullptr, true},
                                                  {"--sweep", nullptr, true},
                                                  {"--tornado", nullptr, false},
                                                  {"--tornado-runs", nullptr, true},
                                                  {"--metric", nullptr, true},
                                                  {"--threads", nullptr, true},
                                                  {"--policy-template", nullptr, false},
                                                  {"--list-params", nullptr, false}};

// Options of the policy simulator alone, refused beside --backtest-from.
constexpr const char* kPolicyOnly[] = {"--policy",       "--from",   "--horizon",
                                       "--set",          "--sweep",  "--tornado",
                                       "--tornado-runs", "--metric", "--threads",
                                       "--policy-template"};

std::vector<std::string> all_of(const Args& args, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [key, value] : args.options)
    if (key == name) out.push_back(value);
  return out;
}

// =========================================================================================
// [SECTION] The cash backtest
// =========================================================================================

int backtest_command(const Args& args) {
  for (const char* name : kPolicyOnly)
    if (args.has(name))
      return usage_error("simulate", std::string(name) + " is an option of the policy " +
                                         "simulator, not of the --backtest-from backtest");
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
  options.trend = !args.has("--no-trend");
  options.business_days = !args.has("--no-pay-days");
  Backtest t = backtest(book, from, to, int32_t(runs), uint64_t(seed), options);
  const std::string out = format == "json"  ? backtest_json(book, t)
                          : format == "csv" ? backtest_csv(book, t)
                                            : backtest_table(book, t);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

// =========================================================================================
// [SECTION] Policy options
// =========================================================================================

// What the options ask, checked before the book is read (a usage error costs no load).
struct PolicyOptions {
  SimRequest request;
  int threads = 1;
  int32_t tornado_runs = 0;
  SimMetric metric = kSimProfit;
  std::string format;
  std::vector<std::pair<const SimParam*, std::string>> sets;  // Parsed once digits are known.
  const SimParam* sweep = nullptr;
  std::string sweep_values;
};

int count_option(const Args& args, const char* name, int64_t lo, int64_t hi, int64_t* out) {
  if (!args.has(name)) return kExitOk;
  if (parse_count(args.get(name), hi, out) && *out >= lo) return kExitOk;
  return usage_error("simulate", std::string(name) + ": expected a whole number from " +
                                     std::to_string(lo) + " to " + std::to_string(hi) +
                                     ", not \"" + args.get(name) + "\"");
}

// "NAME=VALUE" split at the first '='; the name must be a parameter.
int param_option(const char* option, const std::string& text, const SimParam** param,
                 std::string* value) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    return usage_error("simulate", std::string(option) + ": expected NAME=VALUE such as " +
                                       "margin=30%, not \"" + text + "\"");
  *param = find_sim_param(std::string_view(text).substr(0, eq));
  if (!*param)
    return usage_error("simulate", std::string(option) + ": no parameter \"" +
                                       text.substr(0, eq) +
                                       "\" ('arlab simulate --list-params' lists them)");
  *value = text.substr(eq + 1);
  return kExitOk;
}

int policy_options(const Args& args, PolicyOptions* o) {
  SimRequest& r = o->request;
  if (args.has("--from")) {
    Date from;
    if (!parse_date(args.get("--from"), &from))
      return usage_error("simulate",
                         "--from: \"" + args.get("--from") + "\" is not a date YYYY-MM-DD");
    r.from = from;
  }
  int64_t x = 0, seed = 1;
  if (int c = count_option(args, "--horizon", 1, kSimHorizonMax, &x); c != kExitOk) return c;
  if (args.has("--horizon")) r.horizon_months = int32_t(x);
  x = kPolicyRunsDefault;
  if (int c = count_option(args, "--runs", 1, kSimRunsMax, &x); c != kExitOk) return c;
  r.runs = int32_t(x);
  if (args.has("--seed") && !parse_count(args.get("--seed"), INT64_MAX, &seed))
    return usage_error("simulate", "--seed: expected a whole number from 0, not \"" +
                                       args.get("--seed") + "\"");
  r.seed = uint64_t(seed);
  r.fit.month_shocks = !args.has("--no-month-shocks");
  r.fit.trend = !args.has("--no-trend");
  r.fit.business_days = !args.has("--no-pay-days");
  x = std::max(1u, std::thread::hardware_concurrency());
  if (int c = count_option(args, "--threads", 1, kThreadsMax, &x); c != kExitOk) return c;
  o->threads = int(x);
  x = std::max<int64_t>(1, r.runs / 5);
  if (int c = count_option(args, "--tornado-runs", 1, kSimRunsMax, &x); c != kExitOk) return c;
  o->tornado_runs = int32_t(x);
  if (args.has("--metric") && !parse_sim_metric(args.get("--metric"), &o->metric))
    return usage_error("simulate", "--metric: no metric \"" + args.get("--metric") +
                                       "\" (the list is in 'arlab simulate --help')");
  if (args.has("--sweep") && args.has("--tornado"))
    return usage_error("simulate", "--sweep and --tornado: one at a time");
  if (args.has("--metric") && !args.has("--sweep") && !args.has("--tornado"))
    return usage_error("simulate", "--metric is for --sweep and --tornado");
  if (args.has("--tornado-runs") && !args.has("--tornado"))
    return usage_error("simulate", "--tornado-runs is for --tornado");
  if (args.has("--tornado") && !args.has("--policy"))
    return usage_error("simulate", "--tornado compares a --policy with As today: give one");
  if (all_of(args, "--policy").size() > kSimPoliciesMax - 1)
    return usage_error("simulate", "at most " + std::to_string(kSimPoliciesMax - 1) +
                                       " --policy files (with As today, " +
                                       std::to_string(kSimPoliciesMax) + " policies)");
  for (const std::string& s : all_of(args, "--set")) {
    const SimParam* p = nullptr;
    std::string value;
    if (int c = param_option("--set", s, &p, &value); c != kExitOk) return c;
    o->sets.push_back({p, value});
  }
  if (args.has("--sweep")) {
    std::string values;
    if (int c = param_option("--sweep", args.get("--sweep"), &o->sweep, &o->sweep_values);
        c != kExitOk)
      return c;
  }
  return format_option(args, "simulate", &o->format);
}

// The policies: As today, then each file; --set applied to all. Exit code, kExitOk when read.
int read_policies(const Args& args, const Book& book, PolicyOptions* o) {
  std::vector<SimPolicy>& out = o->request.policies;
  out.push_back(SimPolicy::defaults());
  for (const std::string& path : all_of(args, "--policy")) {
    std::string text;
    if (!read_input(path, &text)) return kExitData;
    SimPolicy p;
    std::vector<Problem> problems;
    if (!read_sim_policy(text, book.minor_digits, &p, &problems)) {
      print_problems(path, problems);
      return kExitData;
    }
    out.push_back(std::move(p));
  }
  for (const auto& [param, text] : o->sets) {
    int64_t v = 0;
    std::string why;
    if (!parse_sim_param(*param, text, &v, &why, book.minor_digits))
      return usage_error("simulate", "--set " + std::string(param->name) + ": " + why);
    for (SimPolicy& p : out) set_sim_param(&p, param->name, v);
  }
  for (const SimPolicy& p : out) {
    std::vector<Problem> problems;
    if (validate_sim_policy(p, &problems)) continue;
    const Problem& first = problems.front();
    return usage_error("simulate", "--set: policy \"" + p.name + "\": " + first.place + ": " +
                                       first.message);
  }
  return kExitOk;
}

// =========================================================================================
// [SECTION] Policy runs: comparison, sweep, tornado
// =========================================================================================

// A run the core refused ("runs x policies x months: ... cells") is a usage error: the
// options asked for it.
std::optional<SimResult> run(const Book& book, const SimRequest& request, int threads) {
  std::string why;
  std::optional<SimResult> r = run_simulation(book, request, threads, &why);
  if (!r) usage_error("simulate", why);
  return r;
}

int sweep_command(const Book& book, const PolicyOptions& o, std::string* out) {
  std::vector<int64_t> values;
  std::string why;
  if (!parse_sweep_values(*o.sweep, o.sweep_values, &values, &why))
    return usage_error("simulate", "--sweep " + std::string(o.sweep->name) + ": " + why);
  const SimPolicy& base = o.request.policies.back();
  std::optional<SimRequest> request =
      sweep_request(o.request, base, o.sweep->name, values, &why);
  if (!request) return usage_error("simulate", "--sweep: " + why);
  std::optional<SimResult> r = run(book, *request, o.threads);
  if (!r) return kExitUsage;
  SweepResult s = sweep_result(*r, o.sweep->name, values, o.metric, /*diff=*/true);
  *out = o.format == "json"  ? sweep_json(book, s, base.name)
         : o.format == "csv" ? sweep_csv(book, s, base.name)
                             : sweep_table(book, s, base.name);
  return kExitOk;
}

int tornado_command(const Book& book, const PolicyOptions& o, std::string* out) {
  // The base on the tornado's own runs, so that its bars and base share their draws.
  SimRequest pair = o.request;
  pair.policies = {o.request.policies[0], o.request.policies[1]};
  pair.runs = o.tornado_runs;
  std::optional<SimResult> base = run(book, pair, o.threads);
  if (!base) return kExitUsage;
  std::vector<TornadoCase> cases = tornado_cases(o.request, 0, 1, o.tornado_runs);
  std::vector<SimResult> results;
  for (const TornadoCase& c : cases) {
    std::optional<SimResult> r = run(book, c.request, o.threads);
    if (!r) return kExitUsage;
    results.push_back(std::move(*r));
  }
  TornadoResult t = tornado_result(cases, results,
                                   base->policies[1].diff_total[o.metric].mean, o.metric);
  const std::string& b = o.request.policies[1].name;
  const std::string& a = o.request.policies[0].name;
  *out = o.format == "json"  ? tornado_json(book, t, b, a)
         : o.format == "csv" ? tornado_csv(book, t, b, a)
                             : tornado_table(book, t, b, a);
  return kExitOk;
}

// --policy-template: every member at its default, the first letter at the book's.
std::string policy_template(const Book& book) {
  SimPolicy p = SimPolicy::defaults();
  p.name = "My policy";
  const CollectionPolicy& c = book.collection.policy;
  if (!c.levels.empty()) p.dunning.first_letter_days = c.levels.front().days;
  return write_sim_policy_template(p, book.minor_digits);
}

int list_params(const Args& args) {
  if (!args.positional.empty())
    return usage_error("simulate", "--list-params takes no BOOK");
  std::string format = args.get("--format", "table");
  if (format != "table" && format != "json")
    return usage_error("simulate", "--list-params: --format must be table or json, not '" +
                                       format + "'");
  // Amounts as with 2 decimals (the parameters' defaults in minor units of such a book).
  std::string out = format == "json" ? sim_params_json(2) : sim_params_table(2);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

int policy_command(const Args& args) {
  PolicyOptions o;
  if (int code = policy_options(args, &o); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  const Book& book = loaded.book;
  if (args.has("--policy-template"))
    return write_output(args.get("--output"), policy_template(book)) ? kExitOk : kExitData;
  if (int code = read_policies(args, book, &o); code != kExitOk) return code;
  std::string out;
  if (o.sweep) {
    if (int code = sweep_command(book, o, &out); code != kExitOk) return code;
  } else if (args.has("--tornado")) {
    if (int code = tornado_command(book, o, &out); code != kExitOk) return code;
  } else {
    std::optional<SimResult> r = run(book, o.request, o.threads);
    if (!r) return kExitUsage;
    out = o.format == "json"  ? policy_json(book, *r)
          : o.format == "csv" ? policy_csv(book, *r)
                              : policy_table(book, *r);
  }
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace

// =========================================================================================
// [SECTION] cmd_simulate
// =========================================================================================

int cmd_simulate(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "simulate", kSimulateOptions, kSimulateHelp, &args);
  if (done >= 0) return done;
  if (args.has("--list-params")) return list_params(args);
  if (args.positional.size() != 1) return usage_error("simulate", "expected one BOOK file");
  if (args.has("--backtest-from")) return backtest_command(args);
  if (args.has("--to"))
    return usage_error("simulate", "--to is for the --backtest-from backtest; the policy "
                                   "simulator runs --horizon months from --from");
  return policy_command(args);
}

}  // namespace arlab::cli
