// policy_sim.cpp: the policy simulator's Monte Carlo, its summary and its analyses
// (policy_sim.h). The rules each lever follows are stated in policy.h; the order in which
// they act on one invoice is in simulate_job() below and in docs/SIMULATION.md.
#include "policy_sim.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <numeric>
#include <thread>

#include "draws.h"
#include "events.h"
#include "money.h"

namespace arlab {

namespace {

// ---- [SECTION] Counter-based draws -----------------------------------------------------------
// A draw is a hash of (seed, run, stream, counter): no shared stream, so the same draw comes
// out whatever order the runs, the policies or the threads go in (common random numbers);
// mix and below are core/draws.h's.

inline bool chance_ppm(uint64_t h, int64_t ppm) {
  return ppm > 0 && int64_t(below(h, uint64_t(kPpmOne))) < ppm;
}

// Purposes of a job's draws: the job's own hash is re-mixed with one of these, but for the
// profile it draws, which the job's hash picks itself (one hash fewer per job and run: the
// draw every job makes in every run).
enum Purpose : uint64_t {
  kDrawPractice = 100,
  kDrawPracticeDay = 101,
  kDrawDip = 102,
  kDrawPrevent = 103,
  kDrawRefuse = 104,
  kDrawHoldLost = 105,
  kDrawProcess = 106,
  kDrawTakeUp = 107,
  kDrawRedraw = 200,  // + try
};
constexpr int kTries = 64;

inline uint64_t sub(uint64_t h, uint64_t purpose) { return mix(h ^ (purpose * 0xd1b54a32d192ed03ULL)); }

// v x ppm / 10^6 (toward zero; _round: half up). 64-bit when the product fits (the common
// case: a 128-bit division is a library call), else 128-bit: the same result either way.
constexpr int64_t kFits64 = INT64_MAX / (4 * int64_t(kPpmOne)) ;
inline int64_t mul_ppm(int64_t v, int64_t ppm) {
  if (v < kFits64 && v > -kFits64 && ppm <= 4 * int64_t(kPpmOne) && ppm >= -4 * int64_t(kPpmOne))
    return v * ppm / kPpmOne;
  return int64_t(static_cast<__int128>(v) * ppm / kPpmOne);
}
inline int64_t mul_ppm_round(int64_t v, int64_t ppm) {
  if (v < kFits64 && v > -kFits64 && ppm <= 4 * int64_t(kPpmOne) && ppm >= -4 * int64_t(kPpmOne))
    return (v * ppm + kPpmOne / 2) / kPpmOne;
  return int64_t((static_cast<__int128>(v) * ppm + kPpmOne / 2) / kPpmOne);
}

}  // namespace

// ---- [SECTION] The plan ----------------------------------------------------------------------

struct SimJob {
  Index customer = kNone;
  Date date, due;
  int64_t amount = 0;     // Open amount at the start (open jobs), the whole amount (new ones).
  int32_t age = 0;        // Open jobs: (from - 1) - due.
  int32_t pool = -1;      // Into SimPlan::pools; -1: the practice's recovery by age.
  uint32_t cand = 0;      // Open jobs: the pool's first `cand` profiles (sorted) are unsettled.
  int32_t due_month = 0;  // Index of its month shock.
  bool open = false;
  uint64_t key = 0;       // mix(position): its draws in a run hash run ^ key.
  // Laid out once for every run (build_plan), so that a run only reads them:
  Date base;                 // max(from, date): the day it enters the simulated book.
  int32_t issue_month = 0;   // The month of base.
  uint32_t entry_first = 0;  // Its pool's first entry in SimPlan::entries.
  uint32_t draw_n = 0;       // The profiles it draws among: cand (open), its pool's size (new).
  uint64_t boot = 0;         // Open jobs: mix(cand), which makes its prefix's resample its own.
  int32_t due_end = 0;       // ended_by(due): the months whose last day is on or before due.
  uint32_t pay_row = 0;      // Its row of SimPlan::pay_move: 0 the book's rule, 1 + its run day.
};

// A profile as a draw sees it, 8 bytes, next to its pool's others (a draw is a random read:
// the profiles and their events scattered over the model would miss the cache each time).
// Most profiles are one payment in full: `days` after due says it all.
constexpr uint32_t kEntrySimple = 0xfffffffe;  // One payment of the whole amount, on due + days.
constexpr uint32_t kEntryNone = 0xffffffff;    // No profile: the practice's recovery by age.
struct PoolEntry {
  int32_t days = 0;
  uint32_t ref = kEntryNone;  // kEntrySimple, or the profile: into SimPlan::slow.
};

// The other profiles (a part paid, credited or lost: one draw in six), copied out of the model
// in the order the customers' pools name them, so that the draws of one customer read one
// small region rather than the model's profiles and events scattered over megabytes.
struct SlowEvent {
  int64_t minor = 0;
  int32_t days = 0;  // After due.
  bool cash = false, loss = false;
};
struct SlowProfile {
  uint32_t ev_first = 0, ev_count = 0;  // Into SimPlan::slow_events.
  int64_t total = 0;                    // Its events' minor units summed.
  bool lost = false;
};

struct SimCustomerInfo {
  std::string grade;
  Index salesperson = kNone;
  int32_t person = -1;  // Into SimPlan::people.
  int64_t credit_limit = -1;
  uint32_t job_first = 0, job_count = 0;
};

// What a policy makes of a job's terms: the same in every run, worked out with the plan
// (terms_due, the discount's amount and last day).
struct JobTerms {
  Date due;               // Under the policy's terms.
  int32_t shift = 0;      // The days its payment moves against that date (terms_due).
  int32_t due_end = 0;    // ended_by(due).
  Date deadline;          // The discount's last day.
  int64_t discount = -1;  // The discount when taken; -1: none offered (open jobs, no discount).
};

struct PolicyPre {
  int32_t late_cut_ppm = 0;  // Combined cut of days late (may be negative: later).
  int32_t dip_ppm = 0;
  int32_t follow_ppm = kPpmOne;
  std::vector<int32_t> take_up;   // By customer.
  std::vector<int32_t> rate;      // Commission rate by customer (grade rates).
  int64_t fixed_cost_month = 0;   // Vetting cost.
  int64_t weight_new_ppm = kPpmOne;  // Share of a new invoice financed by the firm.
  bool commission = false;
  bool touches_new = false;  // A lever acts on new invoices beyond their payment's timing.
  bool holds = false;
  bool weighted = false;     // weight_new_ppm is not 100%: the financed part is kept apart.
  // Laid out with the plan for the runs (prepare_runs): each job's terms, and the sums every
  // run starts from (every job issued, as Acc lays them out: a sale not made is taken back).
  std::vector<JobTerms> terms;  // By job.
  std::vector<int64_t> start, start_cust_sales;
};

struct SimPlan {
  Date from, to;
  int32_t runs = 0;
  uint64_t seed = 0;
  std::vector<SimPolicy> policies;
  std::vector<PolicyPre> pre;
  BehaviourModel model;
  std::vector<std::vector<uint32_t>> pools;  // Customers, grades, book; by settle days, desc.
  std::vector<PoolEntry> entries;            // The same, compact, pool after pool: what a
  std::vector<uint32_t> entry_first;         // draw reads; a pool's first entry.
  std::vector<SlowProfile> slow;             // The profiles not paid in one payment in full.
  std::vector<SlowEvent> slow_events;
  std::vector<SimJob> jobs;                  // By customer, then open first, then date.
  std::vector<SimCustomerInfo> customers;
  std::vector<Date> month_first, month_last;
  std::vector<int32_t> month_of_day;         // Day - from -> month.
  std::vector<int64_t> past_sales;           // Month -1, -2, ... before the start.
  int32_t due_months = 0;
  int32_t first_due_key = 0;  // Month key (year x 12 + month - 1) of due month 0.
  // The trend (simulate.h "Trend"), in integers: t' = month key - trend_key0, n months,
  // T0 = sum t', w_k = n t'_k - T0, sxx = sum w_k t'_k (= n sum t'^2 - T0^2 > 0), slope_num =
  // sum w_k y_k (the slope is slope_num / sxx hundredths of a day a month), resid_k = y_k -
  // the line at t'_k (hundredths). Empty trend_w: no trend.
  std::vector<int64_t> trend_w, trend_resid;
  int64_t trend_sxx = 0, trend_slope_num = 0, trend_t0 = 0;
  int32_t trend_key0 = 0;
  std::vector<std::string> person_id, person_name;
  std::vector<Index> person_salesperson;
  int32_t base_first_letter = 1;
  int32_t growth_ppm = kPpmOne;
  uint32_t open_invoices = 0, new_invoices = 0;
  int32_t never_days = 365;

  // Pay days (simulate.h "Business days"), by day of the horizon: the days a payment drawn on
  // that day moves; row 0 the book's rule (to Monday, or none), row 1 + w the customer's weekly
  // run on weekday w. Laid out once: a run only looks it up.
  std::vector<int8_t> pay_move;

  size_t months() const { return month_first.size(); }
  int32_t month(Date d) const { return month_of_day[size_t(d - from)]; }
  bool inside(Date d) const { return d >= from && d <= to; }
  // The number of months whose last day is on or before d (0 before the start).
  // (The months ended before a day of the horizon are those before its month.)
  int32_t ended_by(Date d) const {
    return d < from ? 0 : d >= to ? int32_t(months()) : month(d + 1);
  }
};

void SimPlanDeleter::operator()(SimPlan* p) const { delete p; }

int32_t sim_runs(const SimPlan& plan) { return plan.runs; }
int32_t sim_months(const SimPlan& plan) { return int32_t(plan.months()); }
size_t sim_policy_count(const SimPlan& plan) { return plan.policies.size(); }
const BehaviourModel& sim_model(const SimPlan& plan) { return plan.model; }
uint32_t sim_practice_jobs(const SimPlan& plan) {
  return uint32_t(std::count_if(plan.jobs.begin(), plan.jobs.end(),
                                [](const SimJob& j) { return j.pool < 0; }));
}

namespace {

void prepare_runs(SimPlan& p);  // One run's section: PolicyPre::terms and start.

int32_t month_key(Date d) {
  const YearMonthDay ymd = ymd_from_date(d);
  return ymd.year * 12 + ymd.month - 1;
}

bool has_charge(const Invoice& inv) { return (inv.flags & kInvoiceCharge) != 0; }

// Sales of [first, last] (whole invoices, charges left out).
int64_t sales_between(const Book& book, Date first, Date last) {
  int64_t sum = 0;
  for (Index i : invoices_between(book, first, last))
    if (!has_charge(book.invoices[i])) sum += book.invoices[i].amount_minor;
  return sum;
}

// The trend line at a month key, in hundredths of a day: slope_num / sxx x (t - mean t), where
// t - mean t = (n t' - T0) / n; rounded half away from zero.
int64_t trend_centidays(const SimPlan& p, int64_t slope_num, int32_t key) {
  const int64_t n = int64_t(p.trend_w.size());
  const __int128 num = static_cast<__int128>(slope_num) * (n * (key - p.trend_key0) - p.trend_t0);
  const __int128 den = static_cast<__int128>(p.trend_sxx) * n;
  return int64_t(num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den));
}

PolicyPre make_pre(const SimPlan& plan, const SimPolicy& p) {
  PolicyPre pre;
  // Days late: reminders, the first letter's day, the commission plan's push (policy.h).
  double keep = 1.0;
  if (p.dunning.reminder_before_due) keep *= 1.0 - p.dunning.reminder_late_cut_ppm / 1e6;
  if (p.dunning.first_letter_days >= 0) {
    const double weeks = (plan.base_first_letter - p.dunning.first_letter_days) / 7.0;
    keep *= 1.0 - std::clamp(weeks * p.dunning.late_cut_per_week_ppm / 1e6, -0.5, 0.5);
  }
  const double points = commission_tie_points(p.commission);
  keep *= 1.0 - std::min(0.5, points * p.commission.late_cut_per_point_ppm / 1e6);
  pre.late_cut_ppm = int32_t(std::lround((1.0 - keep) * kPpmOne));
  pre.dip_ppm = int32_t(std::lround(std::min(0.5, points * p.commission.sales_dip_per_point_ppm / 1e6) * kPpmOne));
  pre.follow_ppm = p.terms.follow_ppm;
  pre.take_up.resize(plan.customers.size());
  pre.rate.resize(plan.customers.size());
  for (size_t c = 0; c < plan.customers.size(); ++c) {
    pre.take_up[c] = discount_take_up_ppm(p.discount, plan.customers[c].grade);
    int32_t rate = std::max(0, p.commission.plan.rate_ppm);
    for (const CommissionGradeRate& g : p.commission.plan.grades)
      if (g.grade == plan.customers[c].grade) rate = g.rate_ppm;
    pre.rate[c] = rate;
  }
  if (p.prevention.on)
    pre.fixed_cost_month = p.prevention.cost_per_customer_minor *
                           int64_t(plan.customers.size()) / 12;
  pre.weight_new_ppm =
      kPpmOne - mul_ppm(p.financing.factored_ppm, p.financing.advance_ppm);
  pre.weighted = pre.weight_new_ppm != kPpmOne;
  pre.commission = p.commission.on;
  pre.holds = p.holds.stop_after_days >= 0 || p.holds.limit_ppm >= 0;
  pre.touches_new = pre.dip_ppm > 0 || p.prevention.on || pre.holds || p.discount.rate_ppm > 0 ||
                    p.terms.net_days >= 0;
  return pre;
}

std::string check_request(const SimRequest& r) {
  if (r.horizon_months < 1 || r.horizon_months > kSimHorizonMax)
    return "horizon: " + std::to_string(r.horizon_months) + " months; 1 to " +
           std::to_string(kSimHorizonMax) + " months";
  if (r.runs < 1 || r.runs > kSimRunsMax)
    return "runs: " + std::to_string(r.runs) + "; 1 to " + std::to_string(kSimRunsMax);
  if (r.policies.empty()) return "policies: at least one (the first is the baseline)";
  if (r.policies.size() > kSimPoliciesMax)
    return "policies: " + std::to_string(r.policies.size()) + "; at most " +
           std::to_string(kSimPoliciesMax);
  for (size_t i = 0; i < r.policies.size(); ++i) {
    std::vector<Problem> problems;
    if (!validate_sim_policy(r.policies[i], &problems))
      return "policies[" + std::to_string(i) + "] (" + r.policies[i].name +
             ")." + problems[0].place + ": " + problems[0].message;
  }
  const int64_t cells = int64_t(r.runs) * int64_t(r.policies.size()) * r.horizon_months *
                        int64_t(kSimMetricCount);
  if (cells > kSimCellsMax)
    return "runs x policies x months x metrics: " + std::to_string(cells) +
           " cells, more than " + std::to_string(kSimCellsMax) + ": fewer runs";
  return "";
}

// The trend's integers (SimPlan) from the model's months and shocks.
void plan_trend(SimPlan* p) {
  const BehaviourModel& m = p->model;
  const size_t n = m.trend_month.size();
  if (n < 2) return;
  p->trend_key0 = m.trend_month.front();
  int64_t t0 = 0, sxx = 0, num = 0;
  for (int32_t key : m.trend_month) t0 += key - p->trend_key0;
  for (size_t k = 0; k < n; ++k) {
    const int64_t t = m.trend_month[k] - p->trend_key0;
    const int64_t w = int64_t(n) * t - t0;
    p->trend_w.push_back(w);
    sxx += w * t;
    num += w * m.trend_centidays[k];
  }
  if (sxx <= 0) return p->trend_w.clear();
  p->trend_sxx = sxx;
  p->trend_slope_num = num;
  p->trend_t0 = t0;
  for (size_t k = 0; k < n; ++k)
    p->trend_resid.push_back(m.trend_centidays[k] -
                             trend_centidays(*p, num, m.trend_month[k]));
}

// Lays the plan out: the model's pools sorted for conditional draws, the jobs, the months.
SimPlanPtr build_plan(const Book& book, const SimRequest& request, BehaviourModel model,
                      const std::vector<Index>* replay, Date to) {
  SimPlanPtr plan(new SimPlan);
  SimPlan& p = *plan;
  p.from = *request.from;
  p.to = to;
  p.runs = request.runs;
  p.seed = request.seed;
  p.policies = request.policies;
  p.never_days = model.options.never_days;
  p.model = std::move(model);
  const BehaviourModel& m = p.model;

  // Pools: customers, grades, book; each sorted by settle days, latest first, so that the
  // profiles unsettled at an age are a prefix.
  for (const auto& pool : m.customer_pool) p.pools.push_back(pool);
  for (const auto& pool : m.grade_pool) p.pools.push_back(pool);
  p.pools.push_back(m.book_pool);
  for (auto& pool : p.pools)
    std::stable_sort(pool.begin(), pool.end(), [&](uint32_t a, uint32_t b) {
      return m.profiles[a].settle_days > m.profiles[b].settle_days;
    });
  std::vector<uint32_t> slow_of(m.profiles.size(), kEntryNone);
  for (const auto& pool : p.pools) {
    p.entry_first.push_back(uint32_t(p.entries.size()));
    for (uint32_t q : pool) {
      const Profile& pr = m.profiles[q];
      const ProfileEvent& e = m.events[pr.event_first];
      if (pr.event_count == 1 && e.cash && !pr.lost) {
        p.entries.push_back(PoolEntry{e.days, kEntrySimple});
        continue;
      }
      if (slow_of[q] == kEntryNone) {
        slow_of[q] = uint32_t(p.slow.size());
        SlowProfile sp;
        sp.ev_first = uint32_t(p.slow_events.size());
        sp.ev_count = pr.event_count;
        sp.lost = pr.lost;
        for (uint32_t i = 0; i < pr.event_count; ++i) {
          const ProfileEvent& pe = m.events[pr.event_first + i];
          p.slow_events.push_back({pe.minor, pe.days, pe.cash, pe.loss});
          sp.total += pe.minor;
        }
        p.slow.push_back(sp);
      }
      p.entries.push_back(PoolEntry{pr.settle_days, slow_of[q]});
    }
  }
  const int32_t grade_base = int32_t(m.customer_pool.size());
  const int32_t book_pool = int32_t(p.pools.size()) - 1;

  // Months.
  for (const MonthCash& mc : cash_months(p.from, p.to)) {
    p.month_first.push_back(mc.first);
    p.month_last.push_back(mc.last);
  }
  p.month_of_day.resize(size_t(p.to - p.from) + 1);
  for (size_t k = 0; k < p.months(); ++k)
    for (Date d = p.month_first[k]; d <= p.month_last[k]; d = d + 1)
      p.month_of_day[size_t(d - p.from)] = int32_t(k);
  for (int32_t k = 1; k <= 36; ++k)
    p.past_sales.push_back(
        sales_between(book, add_months(p.from, -k), add_months(p.from, -k + 1) - 1));

  // Customers and people.
  p.customers.resize(book.customers.size());
  std::vector<int32_t> person_of(book.salespeople.size(), -1);
  for (Index c = 0; c < book.customers.size(); ++c) {
    const Customer& cu = book.customers[c];
    SimCustomerInfo& info = p.customers[c];
    info.grade = cu.grade;
    info.salesperson = cu.salesperson;
    info.credit_limit = cu.credit_limit_minor;
    if (cu.salesperson != kNone) {
      int32_t& person = person_of[cu.salesperson];
      if (person < 0) person = int32_t(p.person_id.size()), p.person_id.push_back(""),
                      p.person_salesperson.push_back(cu.salesperson);
      info.person = person;
    }
  }
  // People in the book's order (not the order customers name them).
  {
    std::vector<Index> order = p.person_salesperson;
    std::sort(order.begin(), order.end());
    for (size_t i = 0; i < order.size(); ++i) person_of[order[i]] = int32_t(i);
    p.person_salesperson = order;
    p.person_id.clear();
    for (Index s : order) {
      p.person_id.push_back(book.salespeople[s].id);
      p.person_name.push_back(book.salespeople[s].name);
    }
    for (SimCustomerInfo& info : p.customers)
      if (info.salesperson != kNone) info.person = person_of[info.salesperson];
  }
  if (!book.collection.policy.levels.empty())
    p.base_first_letter = book.collection.policy.levels.front().days;

  // Jobs: open at the start, then new (replayed, or last year's moved on).
  std::vector<SimJob> jobs;
  for (BookEvent e : events_through(book, p.from - 1)) {
    if (e.kind() != EventKind::Invoice) continue;
    const Index i = e.doc();
    const Invoice& inv = book.invoices[i];
    const int64_t open = invoice_open_minor(book, i, p.from - 1);
    if (open <= 0) continue;
    SimJob j;
    j.customer = inv.customer;
    j.date = inv.date;
    j.due = inv.due;
    j.amount = open;
    j.open = true;
    j.age = (p.from - 1) - inv.due;
    jobs.push_back(j);
    ++p.open_invoices;
  }
  auto add_new = [&](Index customer, Date date, Date due, int64_t amount) {
    if (amount <= 0 || date > p.to) return;
    SimJob j;
    j.customer = customer;
    j.date = date;
    j.due = due;
    j.amount = amount;
    jobs.push_back(j);
    ++p.new_invoices;
  };
  if (replay) {
    for (Index i : *replay) {
      const Invoice& inv = book.invoices[i];
      add_new(inv.customer, std::max(inv.date, p.from), inv.due, inv.amount_minor);
    }
  } else {
    const Date year_ago = add_months(p.from, -12);
    const int64_t s1 = sales_between(book, year_ago, p.from - 1);
    const int64_t s0 = sales_between(book, add_months(p.from, -24), year_ago - 1);
    if (s1 > 0 && s0 > 0)
      p.growth_ppm = int32_t(std::clamp<int64_t>(
          int64_t(static_cast<__int128>(s1) * kPpmOne / s0), kPpmOne / 2, kPpmOne * 3 / 2));
    for (int32_t year = 1; add_months(year_ago, 12 * year) <= p.to; ++year) {
      int64_t factor = kPpmOne;
      for (int32_t y = 0; y < year; ++y) factor = mul_ppm(factor, p.growth_ppm);
      for (Index i : invoices_between(book, year_ago, p.from - 1)) {
        const Invoice& inv = book.invoices[i];
        if (has_charge(inv)) continue;
        const Date date = add_months(inv.date, 12 * year);
        if (date < p.from) continue;
        add_new(inv.customer, date, date + (inv.due - inv.date), mul_ppm(inv.amount_minor, factor));
      }
    }
  }
  std::stable_sort(jobs.begin(), jobs.end(), [](const SimJob& a, const SimJob& b) {
    if (a.customer != b.customer) return a.customer < b.customer;
    if (a.open != b.open) return a.open;
    return a.date < b.date;
  });

  // Pools and shocks' months.
  const size_t k = std::max<size_t>(m.options.min_history, 1);
  int32_t first_month = INT32_MAX;
  for (const SimJob& j : jobs) first_month = std::min(first_month, month_key(j.due));
  p.first_due_key = first_month;
  plan_trend(&p);
  for (SimJob& j : jobs) {
    j.due_month = month_key(j.due) - first_month;
    p.due_months = std::max(p.due_months, j.due_month + 1);
    const int32_t order[3] = {int32_t(j.customer),
                              grade_base + int32_t(m.customer_grade[j.customer]), book_pool};
    for (int32_t id : order) {
      const std::vector<uint32_t>& pool = p.pools[size_t(id)];
      if (!j.open) {
        if (pool.size() >= k) {
          j.pool = id;
          break;
        }
        continue;
      }
      // Unsettled at the age: a prefix of the sorted pool.
      const auto end = std::partition_point(pool.begin(), pool.end(), [&](uint32_t q) {
        return m.profiles[q].settle_days > j.age;
      });
      const size_t n = size_t(end - pool.begin());
      if (n >= k) {
        j.pool = id;
        j.cand = uint32_t(n);
        break;
      }
    }
  }
  p.jobs = std::move(jobs);
  for (size_t i = 0; i < p.jobs.size(); ++i) p.jobs[i].key = mix(uint64_t(i) + 0x9e3779b97f4a7c15ULL);
  const size_t days = size_t(p.to - p.from) + 1;
  p.pay_move.assign(8 * days, 0);
  for (size_t k = 0; k < days; ++k) {
    const Date d = p.from + int32_t(k);
    if (m.business_days) p.pay_move[k] = int8_t(business_day(d) - d);
    for (int w = 0; w < 7; ++w) p.pay_move[size_t(1 + w) * days + k] = int8_t((w - weekday(d) + 7) % 7);
  }
  for (SimJob& j : p.jobs) {
    j.pay_row = uint32_t(1 + m.customer_run_day[j.customer]);
    j.base = std::max(p.from, j.date);
    j.issue_month = p.month(j.base);
    j.due_end = p.ended_by(j.due);
    if (j.pool < 0) continue;
    j.entry_first = p.entry_first[size_t(j.pool)];
    j.draw_n = j.open ? j.cand : uint32_t(p.pools[size_t(j.pool)].size());
    j.boot = j.open ? mix(j.draw_n) : 0;
  }
  for (size_t i = 0; i < p.jobs.size(); ++i) {
    SimCustomerInfo& info = p.customers[p.jobs[i].customer];
    if (info.job_count == 0) info.job_first = uint32_t(i);
    ++info.job_count;
  }
  for (const SimPolicy& pol : p.policies) p.pre.push_back(make_pre(p, pol));
  prepare_runs(p);
  return plan;
}

}  // namespace

SimPlanPtr prepare_simulation(const Book& book, const SimRequest& request, std::string* why) {
  SimRequest r = request;
  if (!r.from) r.from = book_last_date(book) + 1;
  if (const std::string bad = check_request(r); !bad.empty()) {
    *why = bad;
    return nullptr;
  }
  const Date from = *r.from;
  const Date to = add_months(from, r.horizon_months) - 1;
  BehaviourModel model = fit_behaviour(book, from, r.fit);
  if (r.replay) {
    const std::vector<Index> replay = invoices_between(book, from, to);
    return build_plan(book, r, std::move(model), &replay, to);
  }
  return build_plan(book, r, std::move(model), nullptr, to);
}

SimPlanPtr replan(const SimPlan& base, const std::vector<SimPolicy>& policies, int32_t runs,
                  std::string* why) {
  SimRequest r;
  r.from = base.from;
  r.horizon_months = int32_t(base.months());
  r.runs = runs;
  r.policies = policies;
  if (const std::string bad = check_request(r); !bad.empty()) {
    *why = bad;
    return nullptr;
  }
  SimPlanPtr plan(new SimPlan(base));
  plan->runs = runs;
  plan->policies = policies;
  plan->pre.clear();
  for (const SimPolicy& pol : plan->policies) plan->pre.push_back(make_pre(*plan, pol));
  prepare_runs(*plan);
  return plan;
}

SimPlanPtr prepare_replay(const Book& book, const BehaviourModel& model,
                          const std::vector<Index>& invoices, Date from, Date to, int32_t runs,
                          uint64_t seed) {
  SimRequest r;
  r.from = from;
  r.runs = std::max(runs, 1);
  r.seed = seed;
  r.policies = {SimPolicy::defaults()};
  return build_plan(book, r, model, &invoices, to);
}

// ---- [SECTION] One run -----------------------------------------------------------------------
// The engine's time is jobs x runs x policies (15,000 x 10,000 x 2 in the benchmark), so the
// work per job is kept small. A run draws each job's profile once for all policies (two
// hashes: the job's own, which also picks the slot, and the bootstrap's slot -> profile), then
// each policy walks the customer's jobs. What does not depend on the run is laid out with the
// plan: each job's terms under the policy (JobTerms), and the sums every run starts from (its
// sale and open amount, taken back for a sale not made). Most profiles are one payment in
// full and take the fast path; the others stream their events into the sums, or, when a
// lever works on the event list (recovery, the discount, a credit limit, process control),
// take the general path (simulate_job + account_job). The sums are plain arrays: the open
// balance kept by day (an add per change, summed by month at the finish), the months "not
// yet due" as a range (two adds). Holds keep a running state per customer (HoldState)
// instead of walking the customer's open jobs at every new invoice.

namespace {

enum class EvKind : uint8_t { Cash, Credit, Discount, Loss };
struct Ev {
  Date date;          // When it leaves the open balance (a loss: written off).
  int64_t minor = 0;
  EvKind kind = EvKind::Cash;
};

// One job's events (the general path): a buffer kept from job to job, appended to with a
// store (it only grows, rarely: a vector's push_back and its checks cost as much as the rest).
struct EvList {
  std::vector<Ev> buf;
  size_t n = 0;
  void clear() { n = 0; }
  void push(const Ev& e) {
    if (n == buf.size()) grow();
    buf[n++] = e;
  }
  void grow() { buf.resize(2 * buf.size() + 16); }
  size_t size() const { return n; }
  Ev& operator[](size_t i) { return buf[i]; }
  const Ev* begin() const { return buf.data(); }
  const Ev* end() const { return buf.data() + n; }
};

// What a policy did with one job in one run (the customer's earlier jobs, for the limit).
struct Issued {
  Date due;
  Date settled;  // Its last event: open (> 0) exactly before this day.
  int64_t amount = 0;
  uint32_t ev_first = 0, ev_count = 0;
};

// A customer's holds under one policy, kept as its jobs are issued. The questions (on_hold)
// come at new invoices' dates, which never go back within a customer (jobs are by date): a
// job settled by one question's date is settled for every later one, and one more than
// stop_after_days past due stays so. Hence, for stop_after_days: the jobs not yet that late
// wait in `pending`, by due date (a few: the last weeks' invoices; a new one mostly falls due
// last), and leave it from the front as the dates pass; once late, only the latest day one of
// them is settled matters (`late_settled`): stopped while that day is ahead.
struct HoldState {
  struct Pending {
    Date due, settled;
  };
  std::vector<Pending> pending;  // [head, size): by due date.
  size_t head = 0;
  Date late_settled{INT32_MIN};
  // The credit limit's balance (customers with a limit, policies with limit_ppm): the jobs
  // still open at the last question and every job's events.
  bool track_balance = false;
  std::vector<Issued> issued;
  std::vector<Ev> evs;
  void reset(bool balance) {
    pending.clear();
    head = 0;
    late_settled = Date{INT32_MIN};
    track_balance = balance;
    issued.clear();
    evs.clear();
  }
};

// Per run and policy: the sums the finish turns into metrics, in one block zeroed per run.
// By month: sales, cash, bad debt, discounts, collection costs, sales lost, and the changes
// of the "not yet due" amount (a job adds its amount over a range of months: + at its first,
// - past its last); by day of the horizon: the changes of the open amount and of the part the
// firm finances (policies that factor: else the same and not kept).
struct Acc {
  std::vector<int64_t> block;
  int64_t *sales = nullptr, *cash = nullptr, *bad = nullptr, *disc = nullptr, *coll = nullptr,
          *lost_sales = nullptr, *current = nullptr;
  int64_t *open_day = nullptr, *weighted_day = nullptr;
  int64_t *person_sales = nullptr, *person_cash = nullptr;  // [person][month].
  std::vector<int64_t> cust_sales, cust_cash;  // [customer][month], commission plans only.

  void init(size_t months, size_t days, size_t customers, size_t people, bool commission,
            bool weighted) {
    block.assign(7 * months + 1 + (weighted ? 2 : 1) * days + 2 * people * months, 0);
    int64_t* at = block.data();
    auto take = [&](size_t n) { int64_t* q = at; at += n; return q; };
    sales = take(months), cash = take(months), bad = take(months), disc = take(months);
    coll = take(months), lost_sales = take(months), current = take(months + 1);
    open_day = take(days);
    weighted_day = weighted ? take(days) : open_day;
    person_sales = take(people * months), person_cash = take(people * months);
    if (commission) {
      cust_sales.assign(months * customers, 0);
      cust_cash.assign(months * customers, 0);
    }
  }
  // The sums every run starts from (PolicyPre::start, laid out by the same init).
  void reset(const PolicyPre& pre) {
    std::copy(pre.start.begin(), pre.start.end(), block.begin());
    std::copy(pre.start_cust_sales.begin(), pre.start_cust_sales.end(), cust_sales.begin());
    std::fill(cust_cash.begin(), cust_cash.end(), 0);
  }
};

struct Draw {
  uint64_t h = 0;      // The job's own hash in this run.
  PoolEntry entry;     // The profile drawn.
  int32_t shift = 0;
};

struct RunScratch {
  std::vector<uint64_t> pool_seed;
  std::vector<int32_t> shock, trend;  // By due month: the shock drawn, the trend's days.
  std::vector<Draw> draws;
  EvList job_evs;
  HoldState hold;
  std::vector<Acc> acc;
};

// The bootstrap: slot k of the run's resample of the job's candidates (a pool, or for an open
// job the prefix unsettled at its age, resampled on its own: boot).
inline PoolEntry slot(const SimPlan& p, const SimJob& j, uint64_t pool_seed, uint64_t k) {
  return p.entries[j.entry_first + below(mix(pool_seed ^ j.boot ^ k), j.draw_n)];
}

// The profile a job draws (policy-independent): the job's own hash picks the slot.
inline PoolEntry draw_profile(const SimPlan& p, const SimJob& j, uint64_t pool_seed,
                              uint64_t h) {
  return slot(p, j, pool_seed, below(h, j.draw_n));
}

// A redraw for process control: only profiles paid in full, by tries; none (kEntryNone) when
// none turns up.
PoolEntry redraw_paid(const SimPlan& p, const SimJob& j, uint64_t pool_seed, uint64_t h) {
  for (int t = 0; t < kTries; ++t) {
    const PoolEntry e = slot(p, j, pool_seed, below(sub(h, kDrawRedraw + uint64_t(t)), j.draw_n));
    if (e.ref == kEntrySimple || !p.slow[e.ref].lost) return e;
  }
  return PoolEntry{};
}

// a x b / c toward zero, 64-bit when the product fits (a 128-bit division is a library call).
inline int64_t mul_div(int64_t a, int64_t b, int64_t c) {
  constexpr int64_t kHalf = int64_t(1) << 31;
  if (a < kHalf && a > -kHalf && b < kHalf && b > -kHalf) return a * b / c;
  return int64_t(static_cast<__int128>(a) * b / c);
}

// A new invoice's sale: made unless the commission plan's dip, credit vetting (`bad`: its
// drawn profile never pays in full) or a hold (`stopped`) takes it, in that order.
inline bool sale_made(const SimPolicy& pol, const PolicyPre& pre, uint64_t h, bool bad,
                      bool stopped) {
  if (pre.dip_ppm > 0 && chance_ppm(sub(h, kDrawDip), pre.dip_ppm)) return false;
  if (pol.prevention.on && (bad ? chance_ppm(sub(h, kDrawPrevent), pol.prevention.avoided_ppm)
                                : chance_ppm(sub(h, kDrawRefuse), pol.prevention.refused_good_ppm)))
    return false;
  return !(stopped && chance_ppm(sub(h, kDrawHoldLost), pol.holds.lost_ppm));
}

// A new invoice's due date under the policy's terms; *shift: the days its payment moves
// against that date (the part of the change it does not follow).
inline Date terms_due(const SimPolicy& pol, const PolicyPre& pre, const SimJob& j,
                      int32_t* shift) {
  *shift = 0;
  if (j.open || pol.terms.net_days < 0) return j.due;
  const Date new_due = j.date + pol.terms.net_days;
  *shift = -int32_t(int64_t(new_due - j.due) * (kPpmOne - pre.follow_ppm) / kPpmOne);
  return new_due;
}

// The day a payment arrives (simulate.h "Business days"): in the customer's weekly payment
// run, on or after the day drawn; else, on a book that pays on business days, a weekend's
// payment on the Monday after.
inline Date cash_day(const SimPlan& p, const SimJob& j, Date d) {
  // Past the horizon it changes nothing the run reports (holds look no further either).
  if (d < p.from || d > p.to) return d;
  return d + p.pay_move[size_t(j.pay_row) * (size_t(p.to - p.from) + 1) + size_t(d - p.from)];
}
// Days after due, cut by the policy's push on late payers (payments before due unchanged).
inline int32_t late_cut(const PolicyPre& pre, int32_t day) {
  if (day <= 0 || pre.late_cut_ppm == 0) return day;
  return day - int32_t(int64_t(day) * pre.late_cut_ppm / kPpmOne);
}

// The events of a profile that pays in parts, credits or loses (a SlowProfile) for one job:
// emit(Ev) each, in order. Its open amount (open jobs: what the profile had still to come after
// the job's age) is spread over them as they were (the last takes the rest); payments move by
// the days-late cut, the terms and the month's shock; never paid: written off never_days after
// due.
template <class Emit>
inline void profile_events(const SimPlan& p, const PolicyPre& pre, const SimJob& j,
                           const SlowProfile& pr, Date due, int32_t terms_shift, int32_t shift,
                           Emit&& emit) {
  const SlowEvent* ev = p.slow_events.data() + pr.ev_first;
  const SlowEvent* end = ev + pr.ev_count;
  int64_t rest = pr.total;
  if (j.open)
    for (; ev != end && ev->days <= j.age; ++ev) rest -= ev->minor;
  int64_t left = j.amount;
  for (const SlowEvent* e = ev; e != end; ++e) {
    const int64_t part = e + 1 == end ? left : mul_div(j.amount, e->minor, rest);
    left -= part;
    if (part == 0) continue;
    if (e->days >= kNeverPaidDays) {
      emit(Ev{std::max(j.base, due + p.never_days), part, EvKind::Loss});
      continue;
    }
    int32_t day = e->days;
    if (e->cash) day = late_cut(pre, day) + terms_shift + shift;
    const Date date = e->cash ? cash_day(p, j, std::max(j.base, due + day)) : std::max(j.base, due + day);
    emit(Ev{date, part, e->cash ? EvKind::Cash : e->loss ? EvKind::Loss : EvKind::Credit});
  }
}

struct JobOut {
  bool issued = true;
  Date due;
  int64_t recovery_fee = 0;
  Date recovery_date;
};

// One job under one policy: its events into s.job_evs. The levers act in this order: the
// commission plan's sales dip, vetting, holds (the caller), terms, process control, days late,
// recovery, the discount (docs/SIMULATION.md "One invoice, step by step").
JobOut simulate_job(const SimPlan& p, const SimPolicy& pol, const PolicyPre& pre,
                    const SimJob& j, const Draw& d, RunScratch& s, bool stopped) {
  JobOut out;
  s.job_evs.clear();
  const bool is_new = !j.open;
  const Date base = j.base;
  PoolEntry entry = d.entry;
  const bool no_profile = entry.ref == kEntryNone;
  const bool lost_profile =
      entry.ref < kEntrySimple && p.slow[entry.ref].lost;
  if (is_new) {
    const bool bad = pol.prevention.on &&
                     (!no_profile ? lost_profile
                                  : !chance_ppm(sub(d.h, kDrawPractice), kRecoveryYoungPerMille * 1000));
    if (!sale_made(pol, pre, d.h, bad, stopped))
      return out.issued = false, out;
  }
  int32_t terms_shift = 0;  // Days the payment moves relative to the new due date.
  const Date due = terms_due(pol, pre, j, &terms_shift);
  out.due = due;
  const bool process = pol.dunning.reminder_before_due && due >= p.from &&
                       (no_profile || lost_profile) &&
                       chance_ppm(sub(d.h, kDrawProcess), pol.dunning.avoided_ppm);

  if (no_profile) {  // The practice's recovery by age.
    const int32_t age = std::max(0, p.from - due);
    const uint32_t per_mille = age < kRecoveryOldDays ? kRecoveryYoungPerMille : kRecoveryOldPerMille;
    const bool paid = process || chance_ppm(sub(d.h, kDrawPractice), int64_t(per_mille) * 1000);
    const Date day = cash_day(p, j, std::max(base, due) + int32_t(below(sub(d.h, kDrawPracticeDay), 365)));
    if (paid) s.job_evs.push({day, j.amount, EvKind::Cash});
    else s.job_evs.push({std::max(base, due + p.never_days), j.amount, EvKind::Loss});
  } else {
    if (process) {
      const PoolEntry again = redraw_paid(p, j, s.pool_seed[size_t(j.pool)], d.h);
      if (again.ref != kEntryNone) entry = again;
    }
  }
  if (no_profile) {
    // Done above.
  } else if (entry.ref == kEntrySimple) {
    const int32_t day = late_cut(pre, entry.days) + terms_shift + d.shift;
    s.job_evs.push({cash_day(p, j, std::max(base, due + day)), j.amount, EvKind::Cash});
  } else {
    profile_events(p, pre, j, p.slow[entry.ref], due, terms_shift, d.shift,
                   [&](const Ev& e) { s.job_evs.push(e); });
  }

  // Recovery after the fact, on what would be lost.
  if (pol.recovery.on) {
    const size_t n = s.job_evs.size();
    for (size_t i = 0; i < n; ++i) {
      Ev& e = s.job_evs[i];
      if (e.kind != EvKind::Loss) continue;
      const int64_t got = mul_ppm(e.minor, pol.recovery.recovered_ppm);
      if (got <= 0) continue;
      e.minor -= got;
      const Date when = cash_day(p, j, std::max(base, due + pol.recovery.delay_days));
      s.job_evs.push({when, got, EvKind::Cash});
      out.recovery_fee += mul_ppm(got, pol.recovery.fee_ppm);
      out.recovery_date = when;
    }
  }

  // The discount, on new invoices.
  if (is_new && pol.discount.rate_ppm > 0) {
    const Date deadline = j.date + pol.discount.within_days;
    bool all_cash = true;
    Date settle = base;
    for (const Ev& e : s.job_evs) {
      all_cash &= e.kind == EvKind::Cash;
      settle = std::max(settle, e.date);
    }
    const int64_t disc = mul_ppm_round(j.amount, pol.discount.rate_ppm);
    if (all_cash && settle <= deadline) {
      // Pays within the days anyway: takes the discount, pays that much less on the last day.
      int64_t cut = disc;
      for (size_t i = s.job_evs.size(); i-- > 0 && cut > 0;) {
        const int64_t c = std::min(cut, s.job_evs[i].minor);
        s.job_evs[i].minor -= c;
        cut -= c;
      }
      s.job_evs.push({settle, disc, EvKind::Discount});
    } else if (all_cash && chance_ppm(sub(d.h, kDrawTakeUp), pre.take_up[j.customer])) {
      const Date day = cash_day(p, j, std::max(base, deadline));
      s.job_evs.clear();
      s.job_evs.push({day, j.amount - disc, EvKind::Cash});
      s.job_evs.push({day, disc, EvKind::Discount});
    }
  }
  return out;
}

// Open at t of an issued job.
int64_t open_at(const Issued& job, const std::vector<Ev>& evs, Date t) {
  int64_t open = job.amount;
  for (uint32_t i = 0; i < job.ev_count; ++i)
    if (evs[job.ev_first + i].date <= t) open -= evs[job.ev_first + i].minor;
  return open;
}

// Over the credit limit at t? The customer's open balance at t (the jobs that may still be open
// at t, walked: a job settled by t is dropped for good).
bool over_limit(const SimPolicy& pol, const SimCustomerInfo& info, HoldState& hs, Date t) {
  hs.issued.erase(std::remove_if(hs.issued.begin(), hs.issued.end(),
                                 [&](const Issued& job) { return job.settled <= t; }),
                  hs.issued.end());
  int64_t balance = 0;
  for (const Issued& job : hs.issued) balance += open_at(job, hs.evs, t);
  return balance > mul_ppm(info.credit_limit, pol.holds.limit_ppm);
}

// Stop supply at t? An earlier job of the customer still open at t and more than
// stop_after_days past due (HoldState), or the balance over the limit.
inline bool on_hold(const SimPolicy& pol, const SimCustomerInfo& info, HoldState& hs, Date t) {
  const int32_t stop = pol.holds.stop_after_days;
  if (stop >= 0) {
    if (hs.late_settled > t) return true;  // (pending can wait: t only grows.)
    for (; hs.head < hs.pending.size() && t - hs.pending[hs.head].due > stop; ++hs.head)
      hs.late_settled = std::max(hs.late_settled, hs.pending[hs.head].settled);
    if (hs.late_settled > t) return true;
  }
  return hs.track_balance && over_limit(pol, info, hs, t);
}

// A new invoice's sale under a policy that acts on new invoices (pre.touches_new): made?
// The hold's question first (its state moves on with every new invoice), then sale_made, whose
// draws are only needed when a lever may take the sale.
inline bool new_sale_made(const SimPolicy& pol, const PolicyPre& pre,
                          const SimCustomerInfo& info, HoldState& hs, const SimJob& j, bool bad,
                          uint64_t h) {
  const bool stopped = pre.holds && on_hold(pol, info, hs, j.date);
  if (!stopped && pre.dip_ppm <= 0 && !pol.prevention.on) return true;
  return sale_made(pol, pre, h, bad, stopped);
}

// The limit's record of an issued job.
void track_issued(HoldState& hs, const SimJob& j, Date due, Date settled, const Ev* evs,
                  size_t n) {
  Issued is;
  is.due = due;
  is.settled = settled;
  is.amount = j.amount;
  is.ev_first = uint32_t(hs.evs.size());
  is.ev_count = uint32_t(n);
  hs.evs.insert(hs.evs.end(), evs, evs + n);
  hs.issued.push_back(is);
}

// A job issued under a policy with holds: what later questions need of it.
inline void hold_issued(const SimPolicy& pol, HoldState& hs, const SimJob& j, Date due,
                        Date settled, const Ev* evs, size_t n) {
  if (pol.holds.stop_after_days >= 0) {
    hs.pending.push_back({due, settled});
    for (size_t i = hs.pending.size() - 1; i > hs.head && hs.pending[i - 1].due > due; --i)
      std::swap(hs.pending[i - 1], hs.pending[i]);
  }
  if (hs.track_balance) track_issued(hs, j, due, settled, evs, n);
}

inline int64_t weight_of(const PolicyPre& pre, const SimJob& j) {
  return j.open ? kPpmOne : pre.weight_new_ppm;
}

// A job enters the book (sign +1; -1 takes it back out): its sale (new ones), its open amount
// and the part of it the firm finances. The same in every run but for the sales a policy does
// not make: simulate_runs adds every job's once, into the sums each run starts from, and a
// sale not made takes its own back out (lose_sale).
inline void account_issue(const SimPlan& p, const PolicyPre& pre, const SimJob& j,
                          int32_t person, int64_t sign, Acc& a) {
  const size_t months = p.months();
  const size_t km = size_t(j.issue_month);
  const int64_t amount = sign * j.amount;
  if (!j.open) {
    a.sales[km] += amount;
    if (person >= 0) a.person_sales[size_t(person) * months + km] += amount;
    if (pre.commission) a.cust_sales[size_t(j.customer) * months + km] += amount;
  }
  const size_t day = size_t(j.base - p.from);
  a.open_day[day] += amount;
  if (pre.weighted) a.weighted_day[day] += sign * mul_ppm(j.amount, weight_of(pre, j));
}

inline void lose_sale(const SimPlan& p, const PolicyPre& pre, const SimJob& j, int32_t person,
                      Acc& a) {
  account_issue(p, pre, j, person, -1, a);
  a.lost_sales[j.issue_month] += j.amount;
}

// Not yet due at the ends of months [issue month, end): + amount over that range.
inline void add_current(Acc& a, int32_t first, int32_t end, int64_t amount) {
  if (end <= first) return;
  a.current[first] += amount;
  a.current[end] -= amount;
}

// One event of a job due on `due` (due_end: ended_by(due)) into the sums. Not yet due at a
// month's end: the job's amount over the months from its issue while its due date is ahead
// (the caller adds it), less what each event has taken off by then (from its month on).
inline void account_event(const SimPlan& p, const PolicyPre& pre, const SimJob& j, int32_t person,
                          Date due, int32_t due_end, const Ev& e, Acc& a) {
  const size_t months = p.months();
  if (e.kind == EvKind::Loss) {
    const Date incurred = std::max(p.from, due);
    if (incurred <= p.to) a.bad[size_t(p.month(incurred))] += e.minor;
  }
  if (e.date > p.to) return;
  const int32_t k = p.month(e.date);
  const size_t day = size_t(e.date - p.from);
  a.open_day[day] -= e.minor;
  if (pre.weighted) a.weighted_day[day] -= mul_ppm(e.minor, weight_of(pre, j));
  add_current(a, std::max(j.issue_month, k), due_end, -e.minor);
  if (e.kind == EvKind::Cash) {
    a.cash[k] += e.minor;
    if (person >= 0) a.person_cash[size_t(person) * months + size_t(k)] += e.minor;
    if (pre.commission) a.cust_cash[size_t(j.customer) * months + size_t(k)] += e.minor;
  } else if (e.kind == EvKind::Discount) {
    a.disc[k] += e.minor;
  }
}

void account_job(const SimPlan& p, const PolicyPre& pre, const SimJob& j, int32_t person,
                 const JobOut& o, const EvList& evs, Acc& a) {
  const int32_t due_end = p.ended_by(o.due);
  add_current(a, j.issue_month, due_end, j.amount);
  for (const Ev& e : evs) account_event(p, pre, j, person, o.due, due_end, e, a);
  if (o.recovery_fee > 0 && o.recovery_date <= p.to)
    a.coll[size_t(p.month(o.recovery_date))] += o.recovery_fee;
}

// account_job for a job paid in full on `paid` (less `discount`): the fast path's. due_end:
// ended_by(its due date).
inline void account_paid(const SimPlan& p, const PolicyPre& pre, const SimJob& j,
                         int32_t person, int32_t due_end, Date paid, int64_t discount, Acc& a) {
  const size_t months = p.months();
  int32_t paid_end = int32_t(months);  // ended_by(paid - 1): the months before paid's.
  if (paid <= p.to) {
    const int32_t k = p.month(paid);
    const size_t day = size_t(paid - p.from);
    const int64_t cash = j.amount - discount;
    paid_end = k;
    a.open_day[day] -= j.amount;
    if (pre.weighted) {  // Two events when discounted, as account_job weighs them.
      const int64_t weight = weight_of(pre, j);
      a.weighted_day[day] -= mul_ppm(cash, weight) + (discount ? mul_ppm(discount, weight) : 0);
    }
    a.cash[k] += cash;
    a.disc[k] += discount;
    if (person >= 0) a.person_cash[size_t(person) * months + size_t(k)] += cash;
    if (pre.commission) a.cust_cash[size_t(j.customer) * months + size_t(k)] += cash;
  }
  add_current(a, j.issue_month, std::min(due_end, paid_end), j.amount);
}

JobTerms job_terms(const SimPlan& p, const SimPolicy& pol, const PolicyPre& pre,
                   const SimJob& j) {
  JobTerms t;
  t.due = terms_due(pol, pre, j, &t.shift);
  t.due_end = t.due == j.due ? j.due_end : p.ended_by(t.due);
  t.deadline = j.date + pol.discount.within_days;
  if (!j.open && pol.discount.rate_ppm > 0) t.discount = mul_ppm_round(j.amount, pol.discount.rate_ppm);
  return t;
}

// Declared in the plan's section; run once per plan (build_plan, replan), so that a call of
// simulate_runs for one run (the app's slices) costs that run only.
void prepare_runs(SimPlan& p) {
  const size_t days = size_t(p.to - p.from) + 1;
  for (size_t i = 0; i < p.pre.size(); ++i) {
    PolicyPre& pre = p.pre[i];
    Acc a;
    a.init(p.months(), days, p.customers.size(), p.person_id.size(), pre.commission, pre.weighted);
    pre.terms.clear();
    pre.terms.reserve(p.jobs.size());
    for (const SimJob& j : p.jobs) {
      account_issue(p, pre, j, p.customers[j.customer].person, 1, a);
      pre.terms.push_back(job_terms(p, p.policies[i], pre, j));
    }
    pre.start = std::move(a.block);
    pre.start_cust_sales = std::move(a.cust_sales);
  }
}

// A job whose profile is not one payment in full (one in six), under one policy.
void slow_job(const SimPlan& p, const SimPolicy& pol, const PolicyPre& pre,
              const SimCustomerInfo& info, const SimJob& j, const Draw& d, const JobTerms& t,
              RunScratch& s, Acc& a) {
  // A profile that pays in parts, credits or loses, with nothing to do after its events (no
  // recovery, no discount offered, no balance to keep for a limit, no redraw for process
  // control): its events straight into the sums, as simulate_job + account_job would.
  const bool lost = d.entry.ref < kEntrySimple && p.slow[d.entry.ref].lost;
  if (d.entry.ref < kEntrySimple && !pol.recovery.on && t.discount < 0 &&
      !(pre.holds && s.hold.track_balance) && !(lost && pol.dunning.reminder_before_due)) {
    if (!j.open && pre.touches_new &&
        !new_sale_made(pol, pre, info, s.hold, j, pol.prevention.on && lost, d.h))
      return lose_sale(p, pre, j, info.person, a);
    add_current(a, j.issue_month, t.due_end, j.amount);
    Date settled{INT32_MIN};
    profile_events(p, pre, j, p.slow[d.entry.ref], t.due, t.shift, d.shift, [&](const Ev& e) {
      settled = std::max(settled, e.date + 1);
      account_event(p, pre, j, info.person, t.due, t.due_end, e, a);
    });
    if (pre.holds) hold_issued(pol, s.hold, j, t.due, settled, nullptr, 0);
    return;
  }
  // The general path: the job's events listed, then accounted.
  const bool stopped = !j.open && pre.holds && on_hold(pol, info, s.hold, j.date);
  const JobOut o = simulate_job(p, pol, pre, j, d, s, stopped);
  if (!o.issued) return lose_sale(p, pre, j, info.person, a);
  account_job(p, pre, j, info.person, o, s.job_evs, a);
  if (!pre.holds) return;
  Date settled{INT32_MIN};
  for (const Ev& e : s.job_evs) settled = std::max(settled, e.date + 1);
  hold_issued(pol, s.hold, j, o.due, settled, s.job_evs.begin(), s.job_evs.size());
}

// One customer's jobs under one policy, in their order (open first, then by date). terms: the
// customer's jobs' JobTerms under the policy.
void run_customer(const SimPlan& p, const SimPolicy& pol, const PolicyPre& pre,
                  const SimCustomerInfo& info, const JobTerms* terms, RunScratch& s, Acc& a) {
  if (pre.holds) s.hold.reset(pol.holds.limit_ppm >= 0 && info.credit_limit >= 0);
  const SimJob* jobs = p.jobs.data() + info.job_first;
  const Draw* draws = s.draws.data();
  for (uint32_t i = 0; i < info.job_count; ++i) {
    const SimJob& j = jobs[i];
    const Draw& d = draws[i];
    const JobTerms& t = terms[i];
    if (d.entry.ref != kEntrySimple) {
      slow_job(p, pol, pre, info, j, d, t, s, a);
      continue;
    }
    // The fast path: a profile of one payment in full (most of them). The same levers in the
    // same order and on the same draws as simulate_job + account_job, without an event list.
    if (!j.open && pre.touches_new && !new_sale_made(pol, pre, info, s.hold, j, false, d.h)) {
      lose_sale(p, pre, j, info.person, a);
      continue;
    }
    const int32_t day = late_cut(pre, d.entry.days);
    Date paid = cash_day(p, j, std::max(j.base, t.due + (day + t.shift + d.shift)));
    int64_t discount = 0;
    if (t.discount >= 0) {
      if (paid <= t.deadline) {
        discount = t.discount;
      } else if (chance_ppm(sub(d.h, kDrawTakeUp), pre.take_up[j.customer])) {
        discount = t.discount;
        paid = cash_day(p, j, std::max(j.base, t.deadline));
      }
    }
    account_paid(p, pre, j, info.person, t.due_end, paid, discount, a);
    if (pre.holds) {
      const Ev ev{paid, j.amount, EvKind::Cash};
      hold_issued(pol, s.hold, j, t.due, paid + 1, &ev, 1);
    }
  }
}

// Commission of one run and policy, per month and person (policy.h CommissionLever).
void commission_month(const SimPlan& p, const SimPolicy& pol, const PolicyPre& pre,
                      const Acc& a, size_t k, std::vector<int64_t>& person_comm,
                      int64_t* total) {
  const size_t months = p.months();
  const size_t people = p.person_id.size();
  const CommissionPlan& plan = pol.commission.plan;
  std::vector<int64_t> sales(people), cash(people), base(people), flat(people);
  int64_t team_sales = 0, team_cash = 0;
  for (size_t i = 0; i < people; ++i) {
    sales[i] = a.person_sales[i * months + k];
    cash[i] = a.person_cash[i * months + k];
    team_sales += sales[i];
    team_cash += cash[i];
  }
  const int64_t min = plan.gates.collection_rate_min_ppm;
  auto rate_ok = [&](int64_t c, int64_t s) {
    return min < 0 || s <= 0 || static_cast<__int128>(c) * kPpmOne >= static_cast<__int128>(s) * min;
  };
  for (size_t c = 0; c < p.customers.size(); ++c) {
    const int32_t person = p.customers[c].person;
    if (person < 0) continue;
    const int64_t cs = a.cust_sales[c * months + k], cc = a.cust_cash[c * months + k];
    if (pol.commission.gate_scope == GateScope::Customer && !rate_ok(cc, cs)) continue;
    int64_t b = 0;
    switch (plan.basis) {
      case CommissionBasis::Invoiced: b = cs; break;
      case CommissionBasis::Collected: b = cc; break;
      case CommissionBasis::Split:
        b = mul_ppm(cs, plan.on_invoice_ppm) + mul_ppm(cc, kPpmOne - plan.on_invoice_ppm);
        break;
    }
    base[size_t(person)] += b;
    flat[size_t(person)] += mul_ppm_round(b, pre.rate[c]);
  }
  for (size_t i = 0; i < people; ++i) {
    int64_t target = plan.gates.sales_target_minor;
    for (const CommissionTarget& t : plan.gates.sales_targets)
      if (t.salesperson == p.person_id[i]) target = t.target_minor;
    bool ok = target < 0 || sales[i] >= target;
    if (pol.commission.gate_scope == GateScope::Salesperson) ok &= rate_ok(cash[i], sales[i]);
    if (pol.commission.gate_scope == GateScope::Team) ok &= rate_ok(team_cash, team_sales);
    int64_t comm = 0;
    if (ok) {
      if (!plan.tiers.empty()) {
        for (size_t t = 0; t < plan.tiers.size(); ++t) {
          const int64_t lo = plan.tiers[t].from_minor;
          const int64_t hi = t + 1 < plan.tiers.size() ? plan.tiers[t + 1].from_minor : INT64_MAX;
          const int64_t part = std::max<int64_t>(0, std::min(base[i], hi) - lo);
          comm += mul_ppm_round(part, plan.tiers[t].rate_ppm);
        }
      } else {
        comm = flat[i];
      }
    }
    if (pol.commission.collection_target_minor >= 0 &&
        cash[i] >= pol.commission.collection_target_minor)
      comm += pol.commission.target_bonus_minor;
    person_comm[i] += comm;
    *total += comm;
  }
}

int64_t ratio_ppm(int64_t num, int64_t den) {
  return den > 0 ? int64_t(static_cast<__int128>(num) * kPpmOne / den) : 0;
}

// Countback DSO at the end of month k: walk back through the months' sales (then the book's
// before the start) until they cover the open balance.
int64_t countback_centidays(const SimPlan& p, const int64_t* sales, size_t k, int64_t ar) {
  if (ar <= 0) return 0;
  double days = 0;
  int64_t left = ar;
  for (int64_t j = int64_t(k); j >= -int64_t(p.past_sales.size()); --j) {
    const int64_t s = j >= 0 ? sales[size_t(j)] : p.past_sales[size_t(-j - 1)];
    const int32_t len = j >= 0 ? p.month_last[size_t(j)] - p.month_first[size_t(j)] + 1
                               : add_months(p.from, int32_t(j) + 1) - add_months(p.from, int32_t(j));
    if (s >= left) {
      days += double(left) / double(s) * len;
      left = 0;
      break;
    }
    days += len;
    left -= s;
  }
  return int64_t(std::llround(days * 100));
}

}  // namespace

SimRuns make_runs(const SimPlan& plan) {
  SimRuns r;
  r.runs = plan.runs;
  r.policies = plan.policies.size();
  r.months = plan.months();
  r.people = plan.person_id.size();
  r.cells.assign(size_t(r.runs) * r.policies * r.months * kSimMetricCount, 0);
  r.person.assign(size_t(r.runs) * r.policies * r.people * 3, 0);
  return r;
}

void simulate_runs(const SimPlan& p, int32_t begin, int32_t end, SimRuns* out) {
  RunScratch s;
  const size_t months = p.months(), policies = p.policies.size(), people = p.person_id.size();
  const size_t horizon_days = size_t(p.to - p.from) + 1;
  uint32_t most_jobs = 0;
  for (const SimCustomerInfo& info : p.customers) most_jobs = std::max(most_jobs, info.job_count);
  s.draws.resize(most_jobs);
  s.acc.resize(policies);
  for (size_t i = 0; i < policies; ++i)
    s.acc[i].init(months, horizon_days, p.customers.size(), people, p.pre[i].commission,
                  p.pre[i].weighted);
  s.pool_seed.resize(p.pools.size());
  s.shock.resize(size_t(p.due_months));
  s.trend.assign(size_t(p.due_months), 0);
  std::vector<int64_t> pc(people), pcash(people), psales(people);
  for (int32_t run = begin; run < end; ++run) {
    const uint64_t run_seed = mix(p.seed ^ mix(uint64_t(run) + 0x632be59bd9b4e019ULL));
    for (size_t q = 0; q < p.pools.size(); ++q) s.pool_seed[q] = mix(run_seed ^ mix(q + 1));
    // Each due month's shift: a month shock drawn from the history's, plus for new invoices
    // the run's trend at that month (its slope a bootstrap of the residuals around the line).
    // Not for invoices open at the start: they are drawn from the profiles still open at
    // their age, which already says how late they run; moved earlier, they would pile up on
    // the first day.
    const std::vector<int32_t>& shocks = p.model.month_shocks;
    int64_t slope_num = p.trend_slope_num;
    for (size_t k = 0; k < p.trend_w.size(); ++k)
      slope_num += p.trend_w[k] * p.trend_resid[below(mix(run_seed ^ mix(k + 0x200000001ULL)),
                                                      p.trend_resid.size())];
    for (size_t m = 0; m < s.shock.size(); ++m) {
      s.shock[m] = shocks.empty() ? 0
                                  : shocks[below(mix(run_seed ^ mix(m + 0x100000001ULL)), shocks.size())];
      if (!p.trend_w.empty()) {
        const int64_t cd = trend_centidays(p, slope_num, p.first_due_key + int32_t(m));
        s.trend[m] = int32_t(cd >= 0 ? (cd + 50) / 100 : -((-cd + 50) / 100));
      }
    }
    for (size_t i = 0; i < policies; ++i) s.acc[i].reset(p.pre[i]);

    for (const SimCustomerInfo& info : p.customers) {
      if (info.job_count == 0) continue;
      // Each job's draw, once for every policy (common random numbers).
      for (uint32_t i = 0; i < info.job_count; ++i) {
        const SimJob& j = p.jobs[info.job_first + i];
        Draw& d = s.draws[i];
        d.h = mix(run_seed ^ j.key);
        d.shift = s.shock[size_t(j.due_month)] + (j.open ? 0 : s.trend[size_t(j.due_month)]);
        d.entry = j.pool < 0 ? PoolEntry{} : draw_profile(p, j, s.pool_seed[size_t(j.pool)], d.h);
      }
      for (size_t pi = 0; pi < policies; ++pi)
        run_customer(p, p.policies[pi], p.pre[pi], info, p.pre[pi].terms.data() + info.job_first,
                     s, s.acc[pi]);
    }

    // Finish: metrics per policy and month.
    for (size_t pi = 0; pi < policies; ++pi) {
      const SimPolicy& pol = p.policies[pi];
      const PolicyPre& pre = p.pre[pi];
      Acc& a = s.acc[pi];
      int64_t* cells = out->cells.data() + ((size_t(run) * policies + pi) * months) * kSimMetricCount;
      std::fill(pc.begin(), pc.end(), 0);
      std::fill(pcash.begin(), pcash.end(), 0);
      std::fill(psales.begin(), psales.end(), 0);
      int64_t ar = 0, level = 0, current = 0;
      const int64_t rate = mul_ppm(pol.financing.cost_of_capital_ppm, kPpmOne - pol.financing.pledged_ppm) +
                           mul_ppm(pol.financing.pledge_rate_ppm, pol.financing.pledged_ppm);
      for (size_t k = 0; k < months; ++k) {
        int64_t* c = cells + k * kSimMetricCount;
        const int32_t days = p.month_last[k] - p.month_first[k] + 1;
        // The open amount at the month's end, and the financed part's balance-days.
        int64_t balance_days = 0;
        for (Date t = p.month_first[k]; t <= p.month_last[k]; t = t + 1) {
          const size_t day = size_t(t - p.from);
          ar += a.open_day[day];
          level += a.weighted_day[day];
          balance_days += level;
        }
        current += a.current[k];
        int64_t commission = 0;
        if (pre.commission) commission_month(p, pol, pre, a, k, pc, &commission);
        for (size_t i = 0; i < people; ++i) {
          pcash[i] += a.person_cash[i * months + k];
          psales[i] += a.person_sales[i * months + k];
        }
        // Fees of factoring, on the new invoices made this month.
        const int64_t fees = mul_ppm(mul_ppm(a.sales[k], pol.financing.factored_ppm),
                                     pol.financing.factoring_fee_ppm);
        const int64_t financing =
            int64_t(static_cast<__int128>(balance_days) * rate / (int64_t(365) * kPpmOne)) + fees;
        const int64_t collection = a.coll[k] + pre.fixed_cost_month;
        c[kSimSales] = a.sales[k];
        c[kSimCash] = a.cash[k];
        c[kSimArEnd] = ar;
        c[kSimOverdueEnd] = ar - current;
        c[kSimBadDebt] = a.bad[k];
        c[kSimDiscountCost] = a.disc[k];
        c[kSimCommissionCost] = commission;
        c[kSimFinancingCost] = financing;
        c[kSimCollectionCost] = collection;
        c[kSimMarginLost] = mul_ppm(a.lost_sales[k], pol.margin_ppm);
        c[kSimProfit] = mul_ppm(a.sales[k], pol.margin_ppm) - a.disc[k] - a.bad[k] - commission -
                        financing - collection;
        c[kSimDso] = a.sales[k] > 0 ? int64_t(static_cast<__int128>(ar) * days * 100 / a.sales[k]) : 0;
        c[kSimCountbackDso] = countback_centidays(p, a.sales, k, ar);
        c[kSimOverdueRatio] = ratio_ppm(c[kSimOverdueEnd], ar);
        c[kSimCollectionRate] = ratio_ppm(a.cash[k], a.sales[k]);
      }
      int64_t* pr = out->person.data() + ((size_t(run) * policies + pi) * people) * 3;
      for (size_t i = 0; i < people; ++i) {
        pr[i * 3 + 0] = pc[i];
        pr[i * 3 + 1] = pcash[i];
        pr[i * 3 + 2] = psales[i];
      }
    }
  }
}

// ---- [SECTION] Summary -----------------------------------------------------------------------

const char* sim_metric_name(SimMetric m) {
  static const char* const names[kSimMetricCount] = {
      "sales", "cash", "ar_end", "overdue_end", "bad_debt", "discount_cost", "commission_cost",
      "financing_cost", "collection_cost", "margin_lost", "profit", "dso", "countback_dso",
      "overdue_ratio", "collection_rate"};
  return m < kSimMetricCount ? names[m] : "";
}

const char* sim_metric_label(SimMetric m) {
  static const char* const labels[kSimMetricCount] = {
      "Sales", "Cash collected", "Receivables at month end", "Overdue at month end",
      "Bad debt", "Discount cost", "Commission cost", "Financing cost", "Collection cost",
      "Margin lost on sales not made", "Profit effect", "DSO", "Countback DSO",
      "Overdue ratio", "Collection rate"};
  return m < kSimMetricCount ? labels[m] : "";
}

bool sim_metric_is_money(SimMetric m) { return m <= kSimProfit; }

bool parse_sim_metric(std::string_view text, SimMetric* out) {
  for (int i = 0; i < kSimMetricCount; ++i)
    if (text == sim_metric_name(SimMetric(i))) {
      *out = SimMetric(i);
      return true;
    }
  return false;
}

namespace {

Band band_of(std::vector<int64_t>& values) {
  Band b;
  const size_t n = values.size();
  if (n == 0) return b;
  double sum = 0;
  for (int64_t v : values) sum += double(v);
  b.mean = sum / double(n);
  const size_t lo = (5 * n + 99) / 100 - 1, hi = (95 * n + 99) / 100 - 1;
  std::nth_element(values.begin(), values.begin() + lo, values.end());
  b.p5 = values[lo];
  std::nth_element(values.begin(), values.begin() + hi, values.end());
  b.p95 = values[hi];
  return b;
}

// A run's figure for the whole horizon: flows summed, stocks at the end, ratios of the sums.
int64_t horizon_value(const SimPlan& p, const int64_t* cells, SimMetric m) {
  const size_t months = p.months();
  const int64_t* last = cells + (months - 1) * kSimMetricCount;
  auto sum = [&](SimMetric x) {
    int64_t t = 0;
    for (size_t k = 0; k < months; ++k) t += cells[k * kSimMetricCount + x];
    return t;
  };
  switch (m) {
    case kSimArEnd:
    case kSimOverdueEnd:
    case kSimCountbackDso:
    case kSimOverdueRatio:
      return last[m];
    case kSimDso: {
      const int64_t sales = sum(kSimSales);
      const int64_t days = p.to - p.from + 1;
      return sales > 0 ? int64_t(static_cast<__int128>(last[kSimArEnd]) * days * 100 / sales) : 0;
    }
    case kSimCollectionRate:
      return ratio_ppm(sum(kSimCash), sum(kSimSales));
    default:
      return sum(m);
  }
}

std::string param_value_text(const SimParam& param, const std::vector<SimPolicy>& policies) {
  int64_t v0 = 0;
  get_sim_param(policies[0], param.name, &v0);
  std::string text = format_sim_param(param, v0);
  for (size_t i = 1; i < policies.size(); ++i) {
    int64_t v = 0;
    get_sim_param(policies[i], param.name, &v);
    if (v != v0) text += "; " + policies[i].name + ": " + format_sim_param(param, v);
  }
  return text;
}

}  // namespace

SimResult summarize(const SimPlan& p, const SimRuns& runs, int32_t runs_done) {
  SimResult r;
  const size_t n = size_t(std::clamp(runs_done, 0, p.runs));
  const size_t months = p.months(), policies = p.policies.size(), people = p.person_id.size();
  r.runs_done = int32_t(n);
  r.runs = p.runs;
  r.seed = p.seed;
  r.from = p.from;
  r.to = p.to;
  r.open_invoices = p.open_invoices;
  r.new_invoices = p.new_invoices;
  r.customers_own = p.model.customers_own;
  r.customers_grade = p.model.customers_grade;
  r.customers_book = p.model.customers_book;
  r.growth_ppm = p.growth_ppm;
  std::vector<int64_t> column(n), base_total(n);
  auto cells_of = [&](size_t run, size_t pi) {
    return runs.cells.data() + ((run * policies + pi) * months) * kSimMetricCount;
  };
  for (size_t pi = 0; pi < policies; ++pi) {
    SimPolicyResult pr;
    pr.name = p.policies[pi].name;
    for (size_t k = 0; k < months; ++k) {
      SimMonthResult mr;
      mr.first = p.month_first[k];
      mr.last = p.month_last[k];
      for (int m = 0; m < kSimMetricCount; ++m) {
        for (size_t run = 0; run < n; ++run) column[run] = cells_of(run, pi)[k * kSimMetricCount + m];
        mr.v[size_t(m)] = band_of(column);
      }
      pr.months.push_back(mr);
    }
    for (int m = 0; m < kSimMetricCount; ++m) {
      for (size_t run = 0; run < n; ++run) {
        column[run] = horizon_value(p, cells_of(run, pi), SimMetric(m));
        base_total[run] = horizon_value(p, cells_of(run, 0), SimMetric(m));
      }
      std::vector<int64_t> diff(n);
      for (size_t run = 0; run < n; ++run) diff[run] = column[run] - base_total[run];
      pr.total[size_t(m)] = band_of(column);
      pr.diff_total[size_t(m)] = band_of(diff);
    }
    for (size_t i = 0; i < people; ++i) {
      SimPersonResult person;
      person.salesperson = p.person_salesperson[i];
      person.id = p.person_id[i];
      person.name = p.person_name[i];
      std::vector<int64_t> comm(n), cash(n), sales(n), rate(n);
      for (size_t run = 0; run < n; ++run) {
        const int64_t* v = runs.person.data() + ((run * policies + pi) * people + i) * 3;
        comm[run] = v[0];
        cash[run] = v[1];
        sales[run] = v[2];
        rate[run] = ratio_ppm(v[1], v[2]);
      }
      person.commission = band_of(comm);
      person.cash = band_of(cash);
      person.sales = band_of(sales);
      person.collection_rate = band_of(rate);
      pr.people.push_back(std::move(person));
    }
    r.policies.push_back(std::move(pr));
  }

  // What the figures stand on.
  auto add = [&](std::string name, std::string label, std::string value, std::string source) {
    r.assumptions.push_back({std::move(name), std::move(label), std::move(value), std::move(source)});
  };
  add("model.pools", "Customers' payment habits drawn from",
      "own history " + std::to_string(p.model.customers_own) + ", grade " +
          std::to_string(p.model.customers_grade) + ", book " +
          std::to_string(p.model.customers_book),
      "fitted on the documents before " + format_date(p.from) + " (min history " +
          std::to_string(p.model.options.min_history) + ")");
  add("model.recovery_by_age", "Recovery by age where the book has too little history",
      "80% under two years past due, 20% older", "002: recovery depends on age, not amount");
  add("model.never_days", "Open longer than this past due: never paid",
      std::to_string(p.never_days) + " days", "docs/SIMULATION.md (the history)");
  add("sales.growth", "Sales ahead: last year's invoices, moved a year on, grown by",
      format_ppm_percent(p.growth_ppm), "the last 12 months' sales over the 12 before (50% to 150%)");
  for (const SimParam& param : sim_params())
    if (param.response) add(param.name, param.label, param_value_text(param, p.policies), param.source);
  return r;
}

// ---- [SECTION] Analysis ----------------------------------------------------------------------

std::vector<WaterfallStep> profit_waterfall(const SimResult& r, size_t a, size_t b) {
  std::vector<WaterfallStep> steps;
  if (a >= r.policies.size() || b >= r.policies.size()) return steps;
  const auto& A = r.policies[a].total;
  const auto& B = r.policies[b].total;
  auto d = [&](SimMetric m) { return B[m].mean - A[m].mean; };
  const double gross = d(kSimProfit) + d(kSimDiscountCost) + d(kSimBadDebt) +
                       d(kSimCommissionCost) + d(kSimFinancingCost) + d(kSimCollectionCost);
  steps.push_back({"Margin on sales", gross});
  steps.push_back({"Discounts", -d(kSimDiscountCost)});
  steps.push_back({"Bad debt", -d(kSimBadDebt)});
  steps.push_back({"Commission", -d(kSimCommissionCost)});
  steps.push_back({"Financing", -d(kSimFinancingCost)});
  steps.push_back({"Collection costs", -d(kSimCollectionCost)});
  return steps;
}

std::optional<SimRequest> sweep_request(const SimRequest& request, const SimPolicy& base,
                                        const std::string& param,
                                        const std::vector<int64_t>& values, std::string* why) {
  const SimParam* sp = find_sim_param(param);
  if (!sp) {
    *why = "sweep: no parameter \"" + param + "\" (arlab simulate --list-params)";
    return std::nullopt;
  }
  if (values.empty() || values.size() > kSimPoliciesMax - 1) {
    *why = "sweep: 1 to " + std::to_string(kSimPoliciesMax - 1) + " values";
    return std::nullopt;
  }
  SimRequest r = request;
  r.policies = {base};
  for (int64_t v : values) {
    if (v < sp->min || v > sp->max) {
      *why = "sweep: " + param + " " + format_sim_param(*sp, v) + " is out of range";
      return std::nullopt;
    }
    SimPolicy q = base;
    set_sim_param(&q, param, v);
    q.name = std::string(sp->label) + " " + format_sim_param(*sp, v);
    r.policies.push_back(std::move(q));
  }
  return r;
}

SweepResult sweep_result(const SimResult& r, const std::string& param,
                         const std::vector<int64_t>& values, SimMetric metric, bool diff) {
  SweepResult s;
  s.param = param;
  s.metric = metric;
  s.diff = diff;
  for (size_t i = 0; i < values.size() && i + 1 < r.policies.size(); ++i) {
    const SimPolicyResult& pr = r.policies[i + 1];
    s.points.push_back({values[i], diff ? pr.diff_total[metric] : pr.total[metric]});
  }
  return s;
}

bool parse_sweep_values(const SimParam& param, std::string_view text,
                        std::vector<int64_t>* values, std::string* why) {
  values->clear();
  auto one = [&](std::string_view t, int64_t* v) {
    std::string inner;
    if (parse_sim_param(param, t, v, &inner)) return true;
    *why = std::string(param.name) + ": " + inner;
    return false;
  };
  if (text.find(':') != std::string_view::npos) {
    const size_t c1 = text.find(':'), c2 = text.find(':', c1 + 1);
    if (c2 == std::string_view::npos) {
      *why = "sweep: write FROM:TO:STEPS (\"0:3%:7\") or a list (\"0,1%,2%\")";
      return false;
    }
    int64_t lo = 0, hi = 0;
    if (!one(text.substr(0, c1), &lo) || !one(text.substr(c1 + 1, c2 - c1 - 1), &hi)) return false;
    const std::string steps(text.substr(c2 + 1));
    const int n = steps.size() <= 2 && !steps.empty() &&
                          std::all_of(steps.begin(), steps.end(), [](char c) { return c >= '0' && c <= '9'; })
                      ? std::stoi(steps)
                      : 0;
    if (n < 2 || n > int(kSimPoliciesMax) - 1) {
      *why = "sweep: STEPS must be 2 to " + std::to_string(kSimPoliciesMax - 1) + ", not \"" + steps + "\"";
      return false;
    }
    for (int i = 0; i < n; ++i) values->push_back(lo + (hi - lo) * i / (n - 1));
    return true;
  }
  while (!text.empty()) {
    const size_t comma = text.find(',');
    int64_t v = 0;
    if (!one(text.substr(0, comma), &v)) return false;
    values->push_back(v);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (values->empty() || values->size() > kSimPoliciesMax - 1) {
    *why = "sweep: 1 to " + std::to_string(kSimPoliciesMax - 1) + " values";
    return false;
  }
  return true;
}

std::vector<TornadoCase> tornado_cases(const SimRequest& request, size_t a, size_t b,
                                       int32_t runs) {
  std::vector<TornadoCase> cases;
  if (a >= request.policies.size() || b >= request.policies.size()) return cases;
  for (const SimParam& param : sim_params()) {
    if (!param.response) continue;
    int64_t v = 0;
    get_sim_param(request.policies[b], param.name, &v);
    const int64_t lo = std::max(param.min, v / 2), hi = std::min(param.max, v + v / 2);
    if (lo == hi) continue;
    for (int side = 0; side < 2; ++side) {
      TornadoCase c;
      c.param = param.name;
      c.high = side == 1;
      c.value = side ? hi : lo;
      c.request = request;
      c.request.runs = runs;
      c.request.policies = {request.policies[a], request.policies[b]};
      for (SimPolicy& q : c.request.policies) set_sim_param(&q, param.name, c.value);
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

TornadoResult tornado_result(const std::vector<TornadoCase>& cases,
                             const std::vector<SimResult>& results, double base,
                             SimMetric metric) {
  TornadoResult t;
  t.metric = metric;
  t.base = base;
  for (size_t i = 0; i < cases.size() && i < results.size(); ++i) {
    const TornadoCase& c = cases[i];
    if (results[i].policies.size() < 2) continue;
    auto bar = std::find_if(t.bars.begin(), t.bars.end(),
                            [&](const TornadoBar& x) { return x.param == c.param; });
    if (bar == t.bars.end()) {
      TornadoBar nb;
      nb.param = c.param;
      const SimParam* sp = find_sim_param(c.param);
      nb.label = sp ? sp->label : c.param;
      t.bars.push_back(nb);
      bar = t.bars.end() - 1;
    }
    const double v = results[i].policies[1].diff_total[metric].mean;
    if (c.high) bar->high_value = c.value, bar->high = v;
    else bar->low_value = c.value, bar->low = v;
  }
  std::stable_sort(t.bars.begin(), t.bars.end(), [](const TornadoBar& x, const TornadoBar& y) {
    return std::fabs(x.high - x.low) > std::fabs(y.high - y.low);
  });
  return t;
}

// ---- [SECTION] Running -----------------------------------------------------------------------

std::optional<SimResult> run_simulation(const Book& book, const SimRequest& request,
                                        int threads, std::string* why) {
  SimPlanPtr plan = prepare_simulation(book, request, why);
  if (!plan) return std::nullopt;
  SimRuns runs = make_runs(*plan);
#ifdef __EMSCRIPTEN__
  threads = 1;  // No threads in the browser build: its worker runs slices.
#endif
  const int32_t total = plan->runs;
  constexpr int32_t kChunk = 32;
  threads = std::clamp(threads, 1, std::max(1, (total + kChunk - 1) / kChunk));
  if (threads == 1) {
    simulate_runs(*plan, 0, total, &runs);
  } else {
    std::atomic<int32_t> next{0};
    auto work = [&] {
      for (;;) {
        const int32_t b = next.fetch_add(kChunk);
        if (b >= total) return;
        simulate_runs(*plan, b, std::min(total, b + kChunk), &runs);
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
  }
  return summarize(*plan, runs, total);
}

}  // namespace arlab
