// simulate.cpp: the behaviour model, its Monte Carlo and its backtest (simulate.h).
#include "simulate.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "events.h"
#include "generate.h"
#include "policy_sim.h"

namespace arlab {

namespace {

constexpr int32_t kNeverDays = kNeverPaidDays;

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

int32_t month_key(Date d) {
  const YearMonthDay ymd = ymd_from_date(d);
  return ymd.year * 12 + ymd.month - 1;
}

// Month shocks (simulate.h): a whole month's payments running late or early together, which
// the per-invoice draws alone cannot give (they average out over many invoices). Then the
// trend through them, whose slope each run draws (simulate.h, "Trend").
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
  // Complete months: the last day + the book's 90th percentile of settle days before the fit.
  const int32_t p90 = std::max(0, m->book_stats.p90_days);
  std::vector<double> shocks;
  std::vector<int32_t> keys;
  for (size_t k = 0; k < sum.size(); ++k) {
    const int32_t key = first + int32_t(k);
    const Date month_first = date_from_ymd(key / 12, key % 12 + 1, 1);
    if (add_months(month_first, 1) - 1 + p90 >= m->fitted_on) continue;
    if (count[k] < std::max<uint32_t>(m->options.min_history, 1)) continue;
    shocks.push_back(sum[k] / count[k]);
    keys.push_back(key);
  }
  if (shocks.empty()) return;
  auto demean = [](std::vector<double>& v) {
    double mean = 0;
    for (double x : v) mean += x;
    mean /= double(v.size());
    for (double& x : v) x -= mean;
  };
  demean(shocks);
  if (!m->options.trend || shocks.size() < kTrendMonthsMin) {
    for (double x : shocks) m->month_shocks.push_back(int32_t(std::lround(x)));
    return;
  }
  // The trend's months: the last kTrendMonthsMax, demeaned again, and the line through them.
  const size_t skip = shocks.size() > kTrendMonthsMax ? shocks.size() - kTrendMonthsMax : 0;
  shocks.erase(shocks.begin(), shocks.begin() + ptrdiff_t(skip));
  keys.erase(keys.begin(), keys.begin() + ptrdiff_t(skip));
  demean(shocks);
  const double n = double(shocks.size());
  double t_mean = 0;
  for (int32_t t : keys) t_mean += t;
  t_mean /= n;
  double sxx = 0, sxy = 0;
  for (size_t k = 0; k < shocks.size(); ++k) {
    sxx += (keys[k] - t_mean) * (keys[k] - t_mean);
    sxy += (keys[k] - t_mean) * shocks[k];
  }
  const double slope = sxx > 0 ? sxy / sxx : 0;
  m->trend_days_per_month = slope;
  for (size_t k = 0; k < shocks.size(); ++k) {
    m->trend_month.push_back(keys[k]);
    m->trend_centidays.push_back(int32_t(std::lround(shocks[k] * 100)));
    m->month_shocks.push_back(int32_t(std::lround(shocks[k] - slope * (keys[k] - t_mean))));
  }
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
  uint32_t weekend = 0;
  std::vector<std::array<uint32_t, 7>> by_weekday(book.customers.size());
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
      if (a->kind == ApplicationKind::Payment) {
        ++m.payments;
        weekend += weekday(a->date) >= 5;
        ++by_weekday[inv.customer][size_t(weekday(a->date))];
      }
      p.disputed |= a->kind == ApplicationKind::CreditNote;
      p.lost |= a->kind == ApplicationKind::WriteOff;
      m.events.push_back({a->date - inv.due, a->amount_minor, a->kind == ApplicationKind::Payment,
                          a->kind == ApplicationKind::WriteOff});
    }
    const int64_t open = inv.amount_minor - applied;
    if (open > 0) {
      if (as_of - inv.due <= options.never_days) {  // Censored: its end is not known yet.
        m.events.resize(p.event_first);
        ++m.censored;
        continue;
      }
      m.events.push_back({kNeverDays, open, false, true});
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
  if (m.payments > 0) m.weekend_share = double(weekend) / m.payments;
  // Under half of the even spread's 2/7, and enough payments to tell (a week's worth of each).
  m.business_days = options.business_days && m.payments >= 50 && weekend * 7 < m.payments;
  m.customer_run_day.assign(book.customers.size(), -1);
  for (Index c = 0; c < book.customers.size() && options.business_days; ++c) {
    const auto& w = by_weekday[c];
    uint32_t total = 0;
    for (uint32_t x : w) total += x;
    const size_t top = size_t(std::max_element(w.begin(), w.end()) - w.begin());
    if (total >= std::max<uint32_t>(options.min_history, 1) && w[top] * 5 >= total * 4) {
      m.customer_run_day[c] = int8_t(top);
      ++m.customers_run_day;
    }
  }

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
  for (const auto& pool : m.grade_pool) m.grade_stats.push_back(pool_stats(m, pool));
  m.book_stats = pool_stats(m, m.book_pool);
  if (options.month_shocks) fit_month_shocks(book, &m);
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
// The runs are the policy simulator's (core/policy_sim.h), with the baseline policy alone: one
// engine for the backtest and the policies. Here: the naive forecasts beside it.

namespace {

void add_cash(const std::vector<MonthCash>& months, Date from, Date to, Date date, int64_t minor,
              std::vector<int64_t>& totals) {
  if (date < from || date > to || minor == 0) return;
  auto m = std::lower_bound(months.begin(), months.end(), date,
                            [](const MonthCash& mc, Date d) { return mc.last < d; });
  totals[size_t(m - months.begin())] += minor;
}

}  // namespace

// The months of [from, to], the two naive forecasts and the counts: everything of a cash
// forecast but the runs' figures.
CashForecast naive_forecast(const Book& book, const BehaviourModel& model,
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

  // The naive forecasts: every open amount on its due date, or on due + the book's average
  // delay (never before the start, nor before the invoice's date).
  const int32_t avg = int32_t(std::lround(model.book_mean_days));
  std::vector<int64_t> naive_due(month_count), naive_avg(month_count);
  auto naive = [&](Date base, Date due, int64_t open) {
    add_cash(f.months, from, to, std::max(base, due), open, naive_due);
    add_cash(f.months, from, to, std::max(base, due + avg), open, naive_avg);
  };
  for (BookEvent e : events_through(book, from - 1)) {
    if (e.kind() != EventKind::Invoice) continue;
    const Index i = e.doc();
    const Invoice& inv = book.invoices[i];
    const int64_t open = invoice_open_minor(book, i, from - 1);
    if (open <= 0) continue;
    naive(from, inv.due, open);
    ++f.open_invoices;
  }
  for (Index i : new_invoices) {
    const Invoice& inv = book.invoices[i];
    if (inv.amount_minor <= 0) continue;
    naive(std::max(from, inv.date), inv.due, inv.amount_minor);
    ++f.new_invoices;
  }
  for (size_t k = 0; k < month_count; ++k) {
    f.months[k].due_date_minor = naive_due[k];
    f.months[k].average_minor = naive_avg[k];
  }
  return f;
}

namespace {

// The runs' cash (policy 0 of a replay result) into the forecast's months.
void take_runs(const SimPlan& plan, const SimResult& r, CashForecast* f) {
  f->practice_draws = sim_practice_jobs(plan) * uint32_t(r.runs_done);
  f->runs = r.runs_done;
  for (size_t k = 0; k < f->months.size() && k < r.policies[0].months.size(); ++k) {
    const Band& b = r.policies[0].months[k].v[kSimCash];
    f->months[k].mean_minor = b.mean;
    f->months[k].p5_minor = b.p5;
    f->months[k].p95_minor = b.p95;
  }
}

}  // namespace

CashForecast simulate_cash(const Book& book, const BehaviourModel& model,
                           const std::vector<Index>& new_invoices, Date from, Date to,
                           int32_t runs, uint64_t seed) {
  CashForecast f = naive_forecast(book, model, new_invoices, from, to, runs, seed);
  if (f.months.empty()) return f;
  SimPlanPtr plan = prepare_replay(book, model, new_invoices, from, to, f.runs, seed);
  SimRuns out = make_runs(*plan);
  simulate_runs(*plan, 0, f.runs, &out);
  take_runs(*plan, summarize(*plan, out, f.runs), &f);
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

namespace {

// The actual cash of the forecast's months, each forecast's error, the months inside the band.
void score(const Book& book, Backtest* t) {
  std::vector<MonthCash>& months = t->forecast.months;
  t->month_count = uint32_t(months.size());
  if (months.empty()) return;
  // Cash: what each payment of the period applied to invoices (its amount less what it left
  // unapplied), by its date.
  for (BookEvent e : events_between(book, t->forecast.from, t->forecast.to)) {
    if (e.kind() != EventKind::Payment) continue;
    const Receipt& pay = book.payments[e.doc()];
    auto m = std::lower_bound(months.begin(), months.end(), pay.date,
                              [](const MonthCash& mc, Date d) { return mc.last < d; });
    m->actual_minor += pay.amount_minor - book.index.payment_unapplied_minor[e.doc()];
  }
  for (const MonthCash& mc : months)
    t->inside_band += mc.p5_minor <= mc.actual_minor && mc.actual_minor <= mc.p95_minor;
  t->simulated = forecast_error(months, &MonthCash::mean_minor, nullptr);
  t->due_date = forecast_error(months, nullptr, &MonthCash::due_date_minor);
  t->average = forecast_error(months, nullptr, &MonthCash::average_minor);
}

}  // namespace

Backtest backtest(const Book& book, Date from, Date to, int32_t runs, uint64_t seed,
                  const FitOptions& options) {
  Backtest t;
  t.model = fit_behaviour(book, from, options);
  const std::vector<Index> replay = invoices_between(book, from, to);
  t.forecast = simulate_cash(book, t.model, replay, from, to, runs, seed);
  score(book, &t);
  return t;
}

Backtest backtest_of(const Book& book, const SimPlan& plan, const SimResult& result) {
  Backtest t;
  t.model = sim_model(plan);
  const std::vector<Index> replay = invoices_between(book, result.from, result.to);
  t.forecast = naive_forecast(book, t.model, replay, result.from, result.to, result.runs_done,
                              result.seed);
  take_runs(plan, result, &t.forecast);
  score(book, &t);
  return t;
}

}  // namespace arlab
