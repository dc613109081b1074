// simulate.cpp: the behaviour model, its Monte Carlo and its backtest (simulate.h).
#include "simulate.h"

#include <algorithm>
#include <cmath>

#include "generate.h"

namespace arlab {

namespace {

// The day of a "never paid" event: after every horizon.
constexpr int32_t kNeverDays = 1 << 28;
// Tries at a conditional draw from a run's resample before the pool's own candidates.
constexpr int kResampleTries = 64;

// ---- [SECTION] Pool figures ----------------------------------------------------------------

PoolStats pool_stats(const BehaviourModel& m, const std::vector<uint32_t>& pool) {
  PoolStats s;
  s.profiles = uint32_t(pool.size());
  if (pool.empty()) return s;
  std::vector<int32_t> days;
  uint32_t partial = 0, disputed = 0, lost = 0;
  for (uint32_t p : pool) {
    const Profile& pr = m.profiles[p];
    partial += pr.partial;
    disputed += pr.disputed;
    lost += pr.lost;
    if (!pr.lost) days.push_back(pr.settle_days);
  }
  const double n = double(pool.size());
  s.partial_share = partial / n;
  s.disputed_share = disputed / n;
  s.lost_share = lost / n;
  if (!days.empty()) {
    std::sort(days.begin(), days.end());
    double sum = 0;
    for (int32_t d : days) sum += d;
    s.mean_days = sum / double(days.size());
    s.median_days = days[(days.size() - 1) / 2];
    s.p90_days = days[(days.size() * 9 + 9) / 10 - 1];
  }
  return s;
}

// Still something to come at `age` days after due (some event after that day).
bool unsettled_at(const BehaviourModel& m, uint32_t profile, int32_t age) {
  return m.profiles[profile].settle_days > age;
}

int32_t month_key(Date d) {
  const YearMonthDay ymd = ymd_from_date(d);
  return ymd.year * 12 + ymd.month - 1;
}

// Month shocks (simulate.h): a whole month's payments running late or early together, which
// the per-invoice draws alone cannot give (they average out over many invoices).
void fit_month_shocks(const Book& book, BehaviourModel* m) {
  if (m->profiles.empty()) return;
  int32_t first = INT32_MAX, last = INT32_MIN;
  for (const Profile& p : m->profiles) {
    const int32_t key = month_key(book.invoices[p.invoice].due);
    first = std::min(first, key);
    last = std::max(last, key);
  }
  std::vector<double> sum(size_t(last - first) + 1);
  std::vector<uint32_t> count(sum.size());
  for (Index c = 0; c < m->customer_pool.size(); ++c) {
    const PoolStats& own = m->customer_stats[c];
    for (uint32_t p : m->customer_pool[c]) {
      const Profile& pr = m->profiles[p];
      if (pr.lost) continue;
      const size_t k = size_t(month_key(book.invoices[pr.invoice].due) - first);
      sum[k] += pr.settle_days - own.mean_days;
      ++count[k];
    }
  }
  std::vector<double> shocks;
  for (size_t k = 0; k < sum.size(); ++k)
    if (count[k] >= std::max<uint32_t>(m->options.min_history, 1)) shocks.push_back(sum[k] / count[k]);
  if (shocks.empty()) return;
  double mean = 0;
  for (double x : shocks) mean += x;
  mean /= double(shocks.size());
  for (double x : shocks) m->month_shocks.push_back(int32_t(std::lround(x - mean)));
}

}  // namespace

// ---- [SECTION] Fitting ---------------------------------------------------------------------

BehaviourModel fit_behaviour(const Book& book, Date fitted_on, const FitOptions& options) {
  BehaviourModel m;
  m.fitted_on = fitted_on;
  m.options = options;
  const Date as_of = fitted_on - 1;
  m.customer_pool.resize(book.customers.size());
  double weighted_days = 0, weight = 0;
  for (Index i = 0; i < book.invoices.size(); ++i) {
    const Invoice& inv = book.invoices[i];
    if (inv.date > as_of || inv.amount_minor <= 0) continue;
    Profile p;
    p.invoice = i;
    p.amount_minor = inv.amount_minor;
    p.event_first = uint32_t(m.events.size());
    p.disputed = (inv.flags & kInvoiceDisputed) != 0;
    int64_t applied = 0;
    uint32_t payments = 0;
    ApplicationRange r = invoice_applications(book, i);
    for (const Application* a = r.first; a != r.last; ++a) {
      if (a->date > as_of) break;  // Sorted by date within the invoice.
      applied += a->amount_minor;
      payments += a->kind == ApplicationKind::Payment;
      p.disputed |= a->kind == ApplicationKind::CreditNote;
      p.lost |= a->kind == ApplicationKind::WriteOff;
      m.events.push_back({a->date - inv.due, a->amount_minor, a->kind == ApplicationKind::Payment});
    }
    const int64_t open = inv.amount_minor - applied;
    if (open > 0) {
      if (as_of - inv.due <= options.never_days) {  // Censored: its end is not known yet.
        m.events.resize(p.event_first);
        ++m.censored;
        continue;
      }
      m.events.push_back({kNeverDays, open, false});
      p.lost = true;
    }
    p.event_count = uint32_t(m.events.size()) - p.event_first;
    p.settle_days = m.events.back().days;
    p.partial = payments > 1;
    if (!p.lost) {
      weighted_days += double(inv.amount_minor) * p.settle_days;
      weight += double(inv.amount_minor);
    }
    const uint32_t index = uint32_t(m.profiles.size());
    m.profiles.push_back(p);
    m.customer_pool[inv.customer].push_back(index);
    m.book_pool.push_back(index);
  }
  m.book_mean_days = weight > 0 ? weighted_days / weight : 0;

  // Grades: every customer's, sorted, so that the pools' order does not hang on file order.
  for (const Customer& c : book.customers) m.grades.push_back(c.grade);
  std::sort(m.grades.begin(), m.grades.end());
  m.grades.erase(std::unique(m.grades.begin(), m.grades.end()), m.grades.end());
  m.grade_pool.resize(m.grades.size());
  m.customer_grade.resize(book.customers.size());
  for (Index c = 0; c < book.customers.size(); ++c) {
    m.customer_grade[c] = uint32_t(
        std::lower_bound(m.grades.begin(), m.grades.end(), book.customers[c].grade) -
        m.grades.begin());
  }
  for (uint32_t p = 0; p < m.profiles.size(); ++p) {
    const Index c = book.invoices[m.profiles[p].invoice].customer;
    m.grade_pool[m.customer_grade[c]].push_back(p);
  }

  for (const auto& pool : m.customer_pool) m.customer_stats.push_back(pool_stats(m, pool));
  if (options.month_shocks) fit_month_shocks(book, &m);
  for (const auto& pool : m.grade_pool) m.grade_stats.push_back(pool_stats(m, pool));
  m.book_stats = pool_stats(m, m.book_pool);
  const size_t k = options.min_history;
  for (Index c = 0; c < book.customers.size(); ++c) {
    if (m.customer_pool[c].size() >= k) ++m.customers_own;
    else if (m.grade_pool[m.customer_grade[c]].size() >= k) ++m.customers_grade;
    else ++m.customers_book;
  }
  return m;
}

// ---- [SECTION] Months ----------------------------------------------------------------------

std::vector<MonthCash> cash_months(Date from, Date to) {
  std::vector<MonthCash> months;
  for (int32_t k = 0;; ++k) {
    const Date first = add_months(from, k);
    if (first > to) break;
    MonthCash mc;
    mc.first = first;
    mc.last = std::min(to, add_months(from, k + 1) - 1);
    months.push_back(mc);
  }
  return months;
}

// ---- [SECTION] Monte Carlo -----------------------------------------------------------------

namespace {

// One invoice to simulate: its open amount, the pool it draws from (or none: the practice's
// recovery by age), and for an invoice open at the start its age.
struct Job {
  Index invoice = kNone;
  int64_t open_minor = 0;
  Date due;
  Date base;                    // Earliest cash date: max(from, its date).
  bool conditional = false;     // Open at `from`: only profiles unsettled at `age`.
  int32_t age = 0;
  int32_t due_month = 0;        // month_key(due) - the first job's: the month shock it takes.
  int32_t pool = -1;            // Index into the pool list; -1: recovery by age.
  std::vector<uint32_t> candidates;  // Conditional: the pool's profiles unsettled at age.
};

struct Pools {
  std::vector<const std::vector<uint32_t>*> list;  // Customers, then grades, then the book.
  int32_t grade_base = 0, book = 0;
};

Pools make_pools(const BehaviourModel& m) {
  Pools p;
  for (const auto& pool : m.customer_pool) p.list.push_back(&pool);
  p.grade_base = int32_t(p.list.size());
  for (const auto& pool : m.grade_pool) p.list.push_back(&pool);
  p.book = int32_t(p.list.size());
  p.list.push_back(&m.book_pool);
  return p;
}

// The fallback rule: the customer's pool, its grade's, the book's: the first with at least
// min_history profiles that apply (unsettled at the age, for an invoice open at the start).
void choose_pool(const Book& book, const BehaviourModel& m, const Pools& pools, Job* job) {
  const Index c = book.invoices[job->invoice].customer;
  const int32_t order[3] = {int32_t(c), pools.grade_base + int32_t(m.customer_grade[c]),
                            pools.book};
  const size_t k = std::max<size_t>(m.options.min_history, 1);  // A draw needs a profile.
  for (int32_t id : order) {
    const std::vector<uint32_t>& pool = *pools.list[size_t(id)];
    if (!job->conditional) {
      if (pool.size() >= k) {
        job->pool = id;
        return;
      }
      continue;
    }
    std::vector<uint32_t> cands;
    for (uint32_t p : pool)
      if (unsettled_at(m, p, job->age)) cands.push_back(p);
    if (cands.size() >= k) {
      job->pool = id;
      job->candidates = std::move(cands);
      return;
    }
  }
}

void add_cash(std::vector<int64_t>& month_of_day, Date from, Date to, Date date, int64_t minor,
              int64_t* totals) {
  if (date < from || date > to || minor == 0) return;
  totals[month_of_day[size_t(date - from)]] += minor;
}

}  // namespace

CashForecast simulate_cash(const Book& book, const BehaviourModel& model,
                           const std::vector<Index>& new_invoices, Date from, Date to,
                           int32_t runs, uint64_t seed) {
  CashForecast f;
  f.from = from;
  f.to = to;
  f.runs = std::max(runs, 1);
  f.seed = seed;
  f.months = cash_months(from, to);
  const size_t month_count = f.months.size();
  if (month_count == 0) return f;
  std::vector<int64_t> month_of_day(size_t(to - from) + 1);
  for (size_t k = 0; k < month_count; ++k)
    for (Date d = f.months[k].first; d <= f.months[k].last; d = d + 1)
      month_of_day[size_t(d - from)] = int64_t(k);

  // The jobs: open at the start (book order), then the new invoices (as given).
  const Pools pools = make_pools(model);
  std::vector<Job> jobs;
  for (Index i = 0; i < book.invoices.size(); ++i) {
    const Invoice& inv = book.invoices[i];
    if (inv.date >= from) continue;
    const int64_t open = invoice_open_minor(book, i, from - 1);
    if (open <= 0) continue;
    Job j;
    j.invoice = i;
    j.open_minor = open;
    j.due = inv.due;
    j.base = from;
    j.conditional = true;
    j.age = (from - 1) - inv.due;
    jobs.push_back(std::move(j));
    ++f.open_invoices;
  }
  for (Index i : new_invoices) {
    const Invoice& inv = book.invoices[i];
    if (inv.amount_minor <= 0) continue;
    Job j;
    j.invoice = i;
    j.open_minor = inv.amount_minor;
    j.due = inv.due;
    j.base = std::max(from, inv.date);
    jobs.push_back(std::move(j));
    ++f.new_invoices;
  }
  for (Job& j : jobs) choose_pool(book, model, pools, &j);
  int32_t first_month = INT32_MAX, last_month = INT32_MIN;
  for (const Job& j : jobs) {
    first_month = std::min(first_month, month_key(j.due));
    last_month = std::max(last_month, month_key(j.due));
  }
  for (Job& j : jobs) j.due_month = month_key(j.due) - first_month;
  const size_t due_months = jobs.empty() ? 0 : size_t(last_month - first_month) + 1;

  // The naive forecasts: no draw.
  const int32_t avg = int32_t(std::lround(model.book_mean_days));
  std::vector<int64_t> naive_due(month_count), naive_avg(month_count);
  for (const Job& j : jobs) {
    add_cash(month_of_day, from, to, std::max(j.base, j.due), j.open_minor, naive_due.data());
    add_cash(month_of_day, from, to, std::max(j.base, j.due + avg), j.open_minor,
             naive_avg.data());
  }

  // The runs: a fixed order of draws from one stream.
  Rng rng{seed};
  std::vector<int64_t> cash(size_t(f.runs) * month_count);
  std::vector<std::vector<uint32_t>> resample(pools.list.size());
  std::vector<int32_t> resampled_in(pools.list.size(), -1);
  std::vector<int32_t> shock(due_months), shock_in(due_months, -1);
  for (int32_t run = 0; run < f.runs; ++run) {
    int64_t* totals = cash.data() + size_t(run) * month_count;
    for (const Job& j : jobs) {
      // This run's shock of the month the invoice falls due in, drawn when first needed.
      int32_t shift = 0;
      if (!model.month_shocks.empty()) {
        if (shock_in[size_t(j.due_month)] != run) {
          shock[size_t(j.due_month)] = model.month_shocks[rng.below(model.month_shocks.size())];
          shock_in[size_t(j.due_month)] = run;
        }
        shift = shock[size_t(j.due_month)];
      }
      if (j.pool < 0) {  // Recovery by age (the practice's defaults).
        const int32_t age = std::max(0, from - j.due);
        const uint32_t per_mille =
            age < kRecoveryOldDays ? kRecoveryYoungPerMille : kRecoveryOldPerMille;
        ++f.practice_draws;
        const bool paid = rng.chance(per_mille);
        const Date day = std::max(j.base, j.due) + int32_t(rng.below(365));
        if (paid) add_cash(month_of_day, from, to, day, j.open_minor, totals);
        continue;
      }
      // The bootstrap: this run's resample of the pool, drawn when first needed.
      std::vector<uint32_t>& rs = resample[size_t(j.pool)];
      if (resampled_in[size_t(j.pool)] != run) {
        const std::vector<uint32_t>& pool = *pools.list[size_t(j.pool)];
        rs.resize(pool.size());
        for (uint32_t& p : rs) p = pool[rng.below(pool.size())];
        resampled_in[size_t(j.pool)] = run;
      }
      uint32_t profile = rs[rng.below(rs.size())];
      if (j.conditional && !unsettled_at(model, profile, j.age)) {
        bool found = false;
        for (int t = 0; t < kResampleTries && !found; ++t) {
          profile = rs[rng.below(rs.size())];
          found = unsettled_at(model, profile, j.age);
        }
        if (!found) profile = j.candidates[rng.below(j.candidates.size())];
      }
      // Spread the open amount over what the profile still had to come after `age`.
      const Profile& pr = model.profiles[profile];
      const ProfileEvent* ev = model.events.data() + pr.event_first;
      const ProfileEvent* end = ev + pr.event_count;
      if (j.conditional)
        while (ev != end && ev->days <= j.age) ++ev;
      int64_t rest = 0;
      for (const ProfileEvent* e = ev; e != end; ++e) rest += e->minor;
      int64_t left = j.open_minor;
      for (const ProfileEvent* e = ev; e != end; ++e) {
        const int64_t part =
            e + 1 == end ? left
                         : int64_t(static_cast<__int128>(j.open_minor) * e->minor / rest);
        left -= part;
        if (e->cash)
          add_cash(month_of_day, from, to, std::max(j.base, j.due + (e->days + shift)), part,
                   totals);
      }
    }
  }

  // Mean and the nearest-rank 5th and 95th percentiles of each month over the runs.
  const size_t n = size_t(f.runs);
  const size_t lo = (5 * n + 99) / 100 - 1, hi = (95 * n + 99) / 100 - 1;
  std::vector<int64_t> column(n);
  for (size_t k = 0; k < month_count; ++k) {
    double sum = 0;
    for (size_t r = 0; r < n; ++r) {
      column[r] = cash[r * month_count + k];
      sum += double(column[r]);
    }
    std::sort(column.begin(), column.end());
    MonthCash& mc = f.months[k];
    mc.mean_minor = sum / double(n);
    mc.p5_minor = column[lo];
    mc.p95_minor = column[hi];
    mc.due_date_minor = naive_due[k];
    mc.average_minor = naive_avg[k];
  }
  return f;
}

// ---- [SECTION] Backtest --------------------------------------------------------------------

namespace {

ForecastError forecast_error(const std::vector<MonthCash>& months, double MonthCash::*mean,
                             int64_t MonthCash::*naive) {
  ForecastError e;
  double sum = 0;
  for (const MonthCash& mc : months) {
    if (mc.actual_minor <= 0) continue;
    const double forecast = mean ? mc.*mean : double(mc.*naive);
    sum += std::fabs(forecast - double(mc.actual_minor)) / double(mc.actual_minor);
    ++e.months_scored;
  }
  if (e.months_scored > 0) e.mape = sum / e.months_scored;
  return e;
}

}  // namespace

Backtest backtest(const Book& book, Date from, Date to, int32_t runs, uint64_t seed,
                  const FitOptions& options) {
  Backtest t;
  t.model = fit_behaviour(book, from, options);
  std::vector<Index> replay;
  for (Index i = 0; i < book.invoices.size(); ++i) {
    const Date d = book.invoices[i].date;
    if (d >= from && d <= to) replay.push_back(i);
  }
  t.forecast = simulate_cash(book, t.model, replay, from, to, runs, seed);
  std::vector<MonthCash>& months = t.forecast.months;
  t.month_count = uint32_t(months.size());
  for (const Application& a : book.index.applications) {
    if (a.kind != ApplicationKind::Payment || a.date < from || a.date > to) continue;
    auto m = std::lower_bound(months.begin(), months.end(), a.date,
                              [](const MonthCash& mc, Date d) { return mc.last < d; });
    m->actual_minor += a.amount_minor;
  }
  for (const MonthCash& mc : months)
    t.inside_band += mc.p5_minor <= mc.actual_minor && mc.actual_minor <= mc.p95_minor;
  t.simulated = forecast_error(months, &MonthCash::mean_minor, nullptr);
  t.due_date = forecast_error(months, nullptr, &MonthCash::due_date_minor);
  t.average = forecast_error(months, nullptr, &MonthCash::average_minor);
  return t;
}

}  // namespace arlab
