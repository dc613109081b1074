// policy_sim.h: the policy simulator (issue 12): a seeded Monte Carlo of the months ahead
// under one or more policies (core/policy.h), on the behaviour model fitted from the book
// (core/simulate.h), compared on common random numbers, with the outcomes a manager weighs:
// cash, DSO and countback DSO, overdue ratio, bad debt, discount, commission, financing and
// collection costs, and the net effect on profit; per salesperson, commission and collection
// rate. The method and every assumption: docs/SIMULATION.md.
//
// Shape of a run. The work is cut so that any caller can spread it: prepare_simulation()
// fits the model and lays out the jobs once (immutable, self-contained: it keeps no reference
// to the book); simulate_runs() fills runs [begin, end) into a SimRuns, and can be called from
// several threads on disjoint ranges (natively), or slice by slice across frames or in a Web
// Worker (browser); summarize() turns the runs done so far into means and bands, so results
// can be drawn as they arrive. The numbers of run r depend only on (seed, r): the same seed
// gives the same bytes whatever the split, natively and in WebAssembly.
//
// Common random numbers: every draw is a hash of (seed, run, job, purpose), never a shared
// stream, so each policy sees the same customers drawing the same profiles in the same run;
// a policy changes what is done with a draw, not the draw. The difference between two
// policies in one run is then mostly the policy's effect, and its band (diff_total) is far
// narrower than the two bands apart.
//
// Sales ahead: the invoices of the 12 months before the start, moved 12 months on (24 for a
// second year...), their amounts x the book's growth (the last 12 months' sales over the 12
// before, kept within 50%..150%); the same customers, terms, seasons. A backtest replays the
// invoices actually dated in the horizon instead (SimRequest::replay).
//
// Usage:
//   arlab::SimRequest req;  req.from = ...; req.horizon_months = 12; req.runs = 1000;
//   req.policies = {arlab::SimPolicy::defaults(), two_ten_net_thirty};
//   std::string why;
//   auto plan = arlab::prepare_simulation(book, req, &why);   // nullptr + why on a bad request
//   arlab::SimRuns runs = arlab::make_runs(*plan);
//   arlab::simulate_runs(*plan, 0, plan->runs, &runs);         // or in slices / threads
//   arlab::SimResult r = arlab::summarize(*plan, runs, plan->runs);
//   r.policies[1].diff_total[arlab::kSimProfit].mean ...
//
// Tests: tests/core/test_policy_sim.cpp (suite "policy").
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "book.h"
#include "policy.h"
#include "simulate.h"

namespace arlab {

// ---- [SECTION] Outcomes ----------------------------------------------------------------------

// Per run, per policy, per month (and for the horizon: sums of flows, the last month's
// stocks, ratios of the sums). Money in minor units; DSO in centidays; ratios in ppm.
enum SimMetric : uint8_t {
  kSimSales,           // Invoiced (new invoices made in the month, before discounts).
  kSimCash,            // Paid by customers in the month (what the book's payments would hold).
  kSimArEnd,           // Open at the month's last day.
  kSimOverdueEnd,      // Of which past due.
  kSimBadDebt,         // Never to be paid, of invoices falling due in the month (after recovery).
  kSimDiscountCost,    // Discounts taken.
  kSimCommissionCost,  // Commission earned in the month, bonus included.
  kSimFinancingCost,   // Cost of capital on the open balance, pledge interest, factoring fees.
  kSimCollectionCost,  // Recovery fees and vetting cost.
  kSimMarginLost,      // Margin on the sales lost to holds, vetting and the commission's dip.
  kSimProfit,          // margin x sales - bad debt - discount - commission - financing - collection.
  kSimDso,             // ar_end / sales of the month x days of the month (centidays).
  kSimCountbackDso,    // Walk back month by month through sales from the month's end.
  kSimOverdueRatio,    // overdue_end / ar_end (ppm).
  kSimCollectionRate,  // cash / sales (ppm).
  kSimMetricCount
};
const char* sim_metric_name(SimMetric m);   // "cash", "countback_dso", ...
const char* sim_metric_label(SimMetric m);  // "Cash collected", "Countback DSO", ...
bool sim_metric_is_money(SimMetric m);
bool parse_sim_metric(std::string_view text, SimMetric* out);

struct Band {
  double mean = 0;
  int64_t p5 = 0, p95 = 0;  // Nearest rank over the runs.
};

struct SimMonthResult {
  Date first, last;
  std::array<Band, kSimMetricCount> v;
};

struct SimPersonResult {
  Index salesperson = kNone;  // Into the book's salespeople at prepare time.
  std::string id, name;
  Band commission, cash, sales, collection_rate;  // Over the horizon.
};

struct SimPolicyResult {
  std::string name;
  std::vector<SimMonthResult> months;
  std::array<Band, kSimMetricCount> total;       // Horizon: sums, last stocks, ratios of sums.
  std::array<Band, kSimMetricCount> diff_total;  // This policy - policy 0, run by run.
  std::vector<SimPersonResult> people;
};

struct SimAssumption {
  std::string name, label, value, source;
};

struct SimResult {
  int32_t runs_done = 0, runs = 0;
  uint64_t seed = 0;
  Date from, to;
  std::vector<SimPolicyResult> policies;  // As requested; [0] the baseline.
  // What the model stands on: the fit's figures and every response parameter used.
  uint32_t open_invoices = 0, new_invoices = 0;
  uint32_t customers_own = 0, customers_grade = 0, customers_book = 0;
  int32_t growth_ppm = kPpmOne;
  std::vector<SimAssumption> assumptions;
};

// ---- [SECTION] Request and plan --------------------------------------------------------------

struct SimRequest {
  std::optional<Date> from;     // First day simulated; none: the day after the book's last.
  int32_t horizon_months = 12;  // 1..36.
  int32_t runs = 1000;          // 1..kSimRunsMax.
  uint64_t seed = 1;
  std::vector<SimPolicy> policies;  // At least one; [0] is the baseline.
  FitOptions fit;
  bool replay = false;  // Backtest: the invoices dated in the horizon, not last year's moved.
};

constexpr int32_t kSimRunsMax = 100000;
constexpr int32_t kSimHorizonMax = 36;
constexpr size_t kSimPoliciesMax = 16;
// runs x policies x months x metrics cells kept (8 bytes each): 400 MB at most.
constexpr int64_t kSimCellsMax = 50'000'000;

struct SimPlan;  // Defined in policy_sim.cpp: the fitted model and the jobs.
struct SimPlanDeleter { void operator()(SimPlan*) const; };
using SimPlanPtr = std::unique_ptr<SimPlan, SimPlanDeleter>;

// Needs a built index. nullptr and *why ("horizon: 1 to 36 months", "policies[1].discount.rate:
// ...", "runs x policies x months: 60,000,000 cells, more than 50,000,000") on a bad request.
SimPlanPtr prepare_simulation(const Book& book, const SimRequest& request, std::string* why);

// The backtest's form (core/simulate.h simulate_cash): a model already fitted, the invoices to
// replay as they were issued, months cut at `to`, the baseline policy only.
SimPlanPtr prepare_replay(const Book& book, const BehaviourModel& model,
                          const std::vector<Index>& invoices, Date from, Date to, int32_t runs,
                          uint64_t seed);

// A plan for `policies` and `runs` on another plan's fit, jobs and months (no second fit: the
// tornado's cases, a sweep after a run). The same as prepare_simulation with the request's
// policies and runs changed, on the book as it was when `base` was prepared. nullptr and *why
// on bad policies or runs.
SimPlanPtr replan(const SimPlan& base, const std::vector<SimPolicy>& policies, int32_t runs,
                  std::string* why);

// Figures of a plan.
int32_t sim_runs(const SimPlan& plan);
int32_t sim_months(const SimPlan& plan);
size_t sim_policy_count(const SimPlan& plan);
uint32_t sim_practice_jobs(const SimPlan& plan);  // Jobs with too little history anywhere.
const BehaviourModel& sim_model(const SimPlan& plan);  // The fitted model.

// The per-run outcomes, run-major; written by simulate_runs on disjoint run ranges.
struct SimRuns {
  int32_t runs = 0;
  size_t policies = 0, months = 0, people = 0;
  std::vector<int64_t> cells;   // [run][policy][month][metric]
  std::vector<int64_t> person;  // [run][policy][person][commission, cash, sales]
};
SimRuns make_runs(const SimPlan& plan);

// Fills runs [begin, end) (0 <= begin <= end <= runs). Thread-safe on disjoint ranges.
void simulate_runs(const SimPlan& plan, int32_t begin, int32_t end, SimRuns* out);

// Means and bands over runs [0, runs_done).
SimResult summarize(const SimPlan& plan, const SimRuns& runs, int32_t runs_done);

// ---- [SECTION] Analysis ----------------------------------------------------------------------

// The profit effect of policy b against policy a (means over the runs), step by step; the
// steps add up to b's profit - a's.
struct WaterfallStep {
  std::string label;  // "Margin on sales", "Discounts", "Bad debt", "Commission", ...
  double delta = 0;   // Minor units (mean).
};
std::vector<WaterfallStep> profit_waterfall(const SimResult& r, size_t a, size_t b);

// A sweep over one parameter: a policy per value (base with the parameter set), all on the
// same draws, against policy 0 = base. Built as a request so that any runner (threads, frames,
// a worker) can run it; sweep_result() reads the points off its result.
struct SweepPoint {
  int64_t value = 0;
  Band metric;  // The metric's horizon total, or its difference with base when diff.
};
struct SweepResult {
  std::string param;
  SimMetric metric = kSimProfit;
  bool diff = true;
  std::vector<SweepPoint> points;
};
// values: 1 to kSimPoliciesMax - 1 of them. nullopt and *why on an unknown parameter or a value
// out of its range ("discount.rate: 120% is more than 50%").
std::optional<SimRequest> sweep_request(const SimRequest& request, const SimPolicy& base,
                                        const std::string& param,
                                        const std::vector<int64_t>& values, std::string* why);
SweepResult sweep_result(const SimResult& r, const std::string& param,
                         const std::vector<int64_t>& values, SimMetric metric, bool diff);
// "0:3%:7" -> 7 values from 0 to 3% (ends included, rounded to the unit); "0,1%,2%" a list.
bool parse_sweep_values(const SimParam& param, std::string_view text,
                        std::vector<int64_t>* values, std::string* why);

// A tornado: each response parameter moved to its low and high value (x 0.5 and x 1.5 of its
// value in the policies, within its range), in both policy a and policy b, and the change it
// makes in (b - a)'s metric; bars sorted by the width of the swing, widest first. One request
// per (parameter, low/high), each with the two policies.
struct TornadoCase {
  std::string param;
  bool high = false;
  int64_t value = 0;
  SimRequest request;  // policies = {a, b} with the parameter set.
};
std::vector<TornadoCase> tornado_cases(const SimRequest& request, size_t a, size_t b,
                                       int32_t runs);
struct TornadoBar {
  std::string param, label;
  int64_t low_value = 0, high_value = 0;
  double low = 0, high = 0;  // (b - a)'s metric (mean over the runs) at low and at high.
};
struct TornadoResult {
  SimMetric metric = kSimProfit;
  double base = 0;  // (b - a) at the policies' own values.
  std::vector<TornadoBar> bars;
};
// results[i] is the result of cases[i].request.
TornadoResult tornado_result(const std::vector<TornadoCase>& cases,
                             const std::vector<SimResult>& results, double base,
                             SimMetric metric);

// Convenience for the CLI and tests: prepare, run on `threads` threads (1 in WebAssembly), and
// summarize. nullopt and *why on a bad request.
std::optional<SimResult> run_simulation(const Book& book, const SimRequest& request,
                                        int threads, std::string* why);

}  // namespace arlab
