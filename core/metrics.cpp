// metrics.cpp: receivables metrics over a period (core/metrics.h, docs/METRICS.md).
//
// [SECTION] Selection: which customers a filter takes
// [SECTION] Sums: one pass over the selected customers' documents, exact integers
// [SECTION] Countback: the month-by-month walk back from `to`
// [SECTION] Ratios and compute_metrics
// [SECTION] compute_metrics_periods: one walk for consecutive periods (core/metrics_periods.h)
// [SECTION] compute_metrics_by
#include "core/metrics.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <utility>

#include "core/metrics_periods.h"

namespace arlab {
namespace {

using Int128 = __int128;

// =========================================================================================
// [SECTION] Selection
// =========================================================================================

bool customer_selected(const Book& book, Index customer, const MetricsFilter& filter) {
  switch (filter.kind) {
    case MetricsFilter::Kind::All: return true;
    case MetricsFilter::Kind::Customer: return customer == filter.index;
    case MetricsFilter::Kind::Salesperson:
      return book.customers[customer].salesperson == filter.index;
  }
  return false;
}

// The customers both filters select (a row of compute_metrics_by and the caller's filter).
std::vector<Index> selected_customers(const Book& book, const MetricsFilter& filter,
                                      const MetricsFilter& also = {}) {
  std::vector<Index> out;
  if (filter.kind == MetricsFilter::Kind::Customer) {  // No scan for one customer.
    Index c = filter.index;
    if (c < book.customers.size() && customer_selected(book, c, also)) out.push_back(c);
    return out;
  }
  for (Index c = 0; c < book.customers.size(); ++c) {
    if (customer_selected(book, c, filter) && customer_selected(book, c, also)) out.push_back(c);
  }
  return out;
}

// =========================================================================================
// [SECTION] Sums
// =========================================================================================

struct Sums {
  int64_t credit_sales = 0, cash_collected = 0, ar_begin = 0, ar_end = 0;
  int64_t current_end = 0, overdue_end = 0, at_risk_end = 0, bad_debt = 0;
  int64_t settled_count = 0, late_count = 0, settled_amount = 0;
  Int128 days_to_pay = 0, days_to_pay_weighted = 0;  // Sum of days; of amount x days.
  Int128 days_late = 0, days_late_weighted = 0;
  Int128 interest_amount_days = 0;  // Sum of amount x days late (settled and open).
  std::map<int32_t, int64_t> sales_by_month;  // year*12 + month-1 -> invoices dated <= to.
};

int32_t month_key(Date d) {
  YearMonthDay ymd = ymd_from_date(d);
  return ymd.year * 12 + (ymd.month - 1);
}

// Open amounts at from-1 and at `to`, split by days past due at `to`.
void add_open(const Book& book, Index i, Date from, Date to, Sums& s) {
  const Invoice& inv = book.invoices[i];
  if (inv.date < from) s.ar_begin += invoice_open_minor(book, i, from - 1);
  if (inv.date > to) return;
  int64_t open = invoice_open_minor(book, i, to);
  int32_t days_past_due = to - inv.due;
  s.ar_end += open;
  if (days_past_due <= 0) {
    s.current_end += open;
    return;
  }
  s.overdue_end += open;
  if (days_past_due > kAtRiskDaysPastDue) s.at_risk_end += open;
  s.interest_amount_days += Int128(open) * days_past_due;  // Late up to `to`, still open.
}

// An invoice settled on `settled`: days to pay, days late, interest.
void add_settled_on(const Invoice& inv, Date settled, Sums& s) {
  int32_t to_pay = settled - inv.date;
  int32_t late = std::max(0, settled - inv.due);
  s.settled_count += 1;
  s.settled_amount += inv.amount_minor;
  s.days_to_pay += to_pay;
  s.days_to_pay_weighted += Int128(inv.amount_minor) * to_pay;
  s.days_late += late;
  s.days_late_weighted += Int128(inv.amount_minor) * late;
  s.interest_amount_days += Int128(inv.amount_minor) * late;
  if (late > 0) s.late_count += 1;
}

// An invoice whose settle date lies in the period.
void add_settled(const Book& book, Index i, Date from, Date to, Sums& s) {
  Date settled = invoice_settled_date(book, i);
  if (settled < from || settled > to) return;  // Also skips the still open (INT32_MIN).
  add_settled_on(book.invoices[i], settled, s);
}

void add_invoice(const Book& book, Index i, Date from, Date to, Sums& s) {
  const Invoice& inv = book.invoices[i];
  if (inv.date > to) return;  // Does not exist yet: nothing of it counts.
  if (inv.date >= from) s.credit_sales += inv.amount_minor;
  s.sales_by_month[month_key(inv.date)] += inv.amount_minor;
  add_open(book, i, from, to, s);
  add_settled(book, i, from, to, s);
  ApplicationRange r = invoice_applications(book, i);
  for (const Application* a = r.first; a != r.last; ++a) {
    bool in_period = a->date >= from && a->date <= to;
    if (a->kind == ApplicationKind::WriteOff && in_period) s.bad_debt += a->amount_minor;
  }
}

void add_customer(const Book& book, Index c, Date from, Date to, Sums& s) {
  const BookIndex& x = book.index;
  for (Index i : customer_invoices(book, c)) add_invoice(book, i, from, to, s);
  for (uint32_t k = x.customer_receipt_first[c]; k < x.customer_receipt_first[c + 1]; ++k) {
    uint32_t code = x.customer_receipts[k];
    if (code & BookIndex::kCreditBit) continue;  // Credit notes are not cash.
    const Receipt& p = book.payments[code];
    if (p.date >= from && p.date <= to) s.cash_collected += p.amount_minor;
  }
}

// =========================================================================================
// [SECTION] Countback
// =========================================================================================

// Walks back from `to` by calendar month (first slice: the 1st of to's month through `to`),
// taking each slice's sales off ar_end and adding its days; the slice whose sales cover the
// remainder adds remainder / sales x its days. Result = (whole days x sales + remainder x
// slice days) / sales, one division. Runs out ("exhausted") when no sales are left before
// the slice; that cannot happen in a valid book (open <= amount) but is kept as a guard.
// `sales_of(key)` gives the sales of month `key` (month_key) dated on or before `to`;
// `first_key` is the earliest month with such a sale (INT32_MAX: none). Both callers below.
template <class SalesOf>
void countback_walk(int64_t ar_end, Date to, int32_t first_key, SalesOf sales_of, Metrics& m) {
  int64_t remainder = ar_end;
  int64_t whole_days = 0;
  int32_t slice_days = ymd_from_date(to).day;
  for (int32_t key = month_key(to); remainder > 0; --key) {
    if (first_key > key) {  // No sales in this slice or before it.
      m.countback_exhausted = true;
      m.countback_dso = double(whole_days);
      return;
    }
    int64_t sales = sales_of(key);
    if (sales > 0 && remainder <= sales) {
      Int128 num = Int128(whole_days) * sales + Int128(remainder) * slice_days;
      m.countback_dso = double(num) / double(sales);
      return;
    }
    remainder -= sales;
    whole_days += slice_days;
    int32_t prev = key - 1;  // The whole month before.
    slice_days = days_in_month(prev / 12, prev % 12 + 1);
  }
  m.countback_dso = double(whole_days);  // ar_end == 0: nothing to count back.
}

void countback(const Sums& s, Date to, Metrics& m) {
  int32_t first_key = s.sales_by_month.empty() ? std::numeric_limits<int32_t>::max()
                                               : s.sales_by_month.begin()->first;
  countback_walk(s.ar_end, to, first_key, [&](int32_t key) {
    auto here = s.sales_by_month.find(key);
    return here == s.sales_by_month.end() ? int64_t(0) : here->second;
  }, m);
}

// =========================================================================================
// [SECTION] Ratios and compute_metrics
// =========================================================================================

std::optional<double> ratio(Int128 num, Int128 den) {
  if (den == 0) return std::nullopt;
  return double(num) / double(den);
}

void finish_ratios(const Sums& s, Metrics& m) {
  const Int128 days = m.days;
  m.dso = ratio(Int128(s.ar_end) * days, s.credit_sales);
  m.best_possible_dso = ratio(Int128(s.current_end) * days, s.credit_sales);
  m.add = ratio(Int128(s.overdue_end) * days, s.credit_sales);  // = dso - best, exactly.
  Int128 base = Int128(s.ar_begin) + s.credit_sales;
  m.cei = ratio((base - s.ar_end) * 100, base - s.current_end);
  m.collection_rate = ratio(s.cash_collected, s.credit_sales);
  m.overdue_ratio = ratio(s.overdue_end, s.ar_end);
  m.at_risk_ratio = ratio(s.at_risk_end, s.ar_end);
  m.avg_days_to_pay = ratio(s.days_to_pay, s.settled_count);
  m.weighted_days_to_pay = ratio(s.days_to_pay_weighted, s.settled_amount);
  m.avg_days_late = ratio(s.days_late, s.settled_count);
  m.weighted_days_late = ratio(s.days_late_weighted, s.settled_amount);
  m.late_share = ratio(s.late_count, s.settled_count);
}

// sum(amount x days late) x rate_bp / (10000 x 365), rounded half up once.
void finish_interest(const Sums& s, Metrics& m) {
  const Int128 den = Int128(10000) * 365;
  Int128 minor = (s.interest_amount_days * m.rate_bp + den / 2) / den;
  m.interest_overflow = minor > std::numeric_limits<int64_t>::max();
  m.interest_cost_minor =
      m.interest_overflow ? std::numeric_limits<int64_t>::max() : int64_t(minor);
  m.interest_to_bad_debt = ratio(m.interest_cost_minor, s.bad_debt);
}

Metrics empty_metrics(Date from, Date to, int32_t rate_bp) {
  Metrics m;
  m.from = from;
  m.to = to;
  m.rate_bp = std::clamp(rate_bp, 0, kRateBpMax);
  if (from <= to) m.days = to - from + 1;
  return m;
}

// Every field from the sums but the countback (the caller's: it walks the sales by month).
void fill_from_sums(const Sums& s, Metrics& m) {
  m.credit_sales_minor = s.credit_sales;
  m.cash_collected_minor = s.cash_collected;
  m.ar_begin_minor = s.ar_begin;
  m.ar_end_minor = s.ar_end;
  m.current_end_minor = s.current_end;
  m.overdue_end_minor = s.overdue_end;
  m.at_risk_end_minor = s.at_risk_end;
  m.settled_count = s.settled_count;
  m.bad_debt_written_off_minor = s.bad_debt;
  finish_ratios(s, m);
  finish_interest(s, m);
}

Metrics compute_for(const Book& book, Date from, Date to, int32_t rate_bp,
                    const std::vector<Index>& customers) {
  Metrics m = empty_metrics(from, to, rate_bp);
  if (to < from) return m;  // Precondition broken: an empty result, every ratio null.
  Sums s;
  for (Index c : customers) add_customer(book, c, from, to, s);
  fill_from_sums(s, m);
  countback(s, to, m);
  return m;
}

}  // namespace

Metrics compute_metrics(const Book& book, Date from, Date to, int32_t rate_bp,
                        const MetricsFilter& filter) {
  return compute_for(book, from, to, rate_bp, selected_customers(book, filter));
}

// =========================================================================================
// [SECTION] compute_metrics_periods: one walk for consecutive periods
// =========================================================================================

namespace {

// The period ends: dates[0] = the first period's from - 1 (for ar_begin), dates[k + 1] =
// period k's to. Strictly ascending.
struct Ends {
  std::vector<Date> dates;

  size_t first_at_or_after(Date d) const {
    return size_t(std::lower_bound(dates.begin(), dates.end(), d) - dates.begin());
  }
  size_t first_after(Date d) const {
    return size_t(std::upper_bound(dates.begin(), dates.end(), d) - dates.begin());
  }
  long period_of(Date d) const {  // dates[j - 1] < d <= dates[j]: period j - 1; else -1.
    size_t j = first_at_or_after(d);
    return j == 0 || j == dates.size() ? -1 : long(j) - 1;
  }
};

// The open amounts at every end, as difference arrays over the ends. An invoice's open
// amount is a step function of the date: each step adds its amount to the ends it covers,
// split by days past due at each end as add_open() splits it.
class OpenAtEnds {
 public:
  explicit OpenAtEnds(size_t ends)
      : open_(ends + 1),
        current_(ends + 1),
        overdue_(ends + 1),
        at_risk_(ends + 1),
        overdue_due_(ends + 1) {}

  // `amount` is open at every end in [lo, hi] (hi = Date{INT32_MAX}: from lo on).
  void add_step(const Ends& e, Date lo, Date hi, int64_t amount, Date due) {
    size_t a = e.first_at_or_after(lo), b = e.first_after(hi);
    if (a >= b) return;
    size_t late = std::clamp(e.first_after(due), a, b);  // Ends 1 or more days past due.
    size_t risk = std::clamp(e.first_after(due + kAtRiskDaysPastDue), a, b);
    add_range(open_, a, b, amount);
    add_range(current_, a, late, amount);
    add_range(overdue_, late, b, amount);
    add_range(at_risk_, risk, b, amount);
    add_range(overdue_due_, late, b, Int128(amount) * due.days);  // For the interest.
  }

  // Difference arrays -> the sums at each end.
  void finish() {
    for (std::vector<Int128>* v : {&open_, &current_, &overdue_, &at_risk_, &overdue_due_}) {
      for (size_t j = 1; j < v->size(); ++j) (*v)[j] += (*v)[j - 1];
    }
  }

  // After finish(): the sums at end j into `s`: ar_end, its split, and the interest of what
  // is open and late there: sum of open x (end - due) = end x sum(open) - sum(open x due),
  // exact in __int128.
  void sums_at_end(const Ends& e, size_t j, Sums& s) const {
    s.ar_end = int64_t(open_[j]);
    s.current_end = int64_t(current_[j]);
    s.overdue_end = int64_t(overdue_[j]);
    s.at_risk_end = int64_t(at_risk_[j]);
    s.interest_amount_days += Int128(e.dates[j].days) * overdue_[j] - overdue_due_[j];
  }
  int64_t open_at(size_t j) const { return int64_t(open_[j]); }

 private:
  static void add_range(std::vector<Int128>& v, size_t a, size_t b, Int128 amount) {
    if (a >= b) return;
    v[a] += amount;
    v[b] -= amount;
  }

  std::vector<Int128> open_, current_, overdue_, at_risk_, overdue_due_;
};

// What one filter's customers add up to over the periods.
struct GroupSums {
  explicit GroupSums(size_t periods)
      : open(periods + 1), sums(periods), to_month_sales(periods), to_month_count(periods) {}

  OpenAtEnds open;
  std::vector<Sums> sums;               // Per period: what falls in it (not the open amounts).
  std::vector<int64_t> to_month_sales;  // Per period: invoices in to's month, dated <= to.
  std::vector<int64_t> to_month_count;
  int32_t first_key = std::numeric_limits<int32_t>::max();  // Earliest month with a sale.
  std::vector<int64_t> month_sales;  // From first_key to the last to's month (dated <= it).
};

// One walk over the documents for consecutive periods and several groups of customers.
class PeriodWalk {
 public:
  PeriodWalk(const Book& book, const std::vector<MetricsPeriod>& periods, size_t groups);
  void add_invoice(Index i, GroupSums& g);
  void add_payment(const Receipt& p, GroupSums& g);
  void finish() {
    for (GroupSums& g : groups_) g.open.finish();
  }
  GroupSums& group(size_t g) { return groups_[g]; }
  Date last() const { return ends_.dates.back(); }
  Metrics result(size_t g, size_t k, int32_t rate_bp) const;

 private:
  int32_t month_key_of(Date d);
  void add_month_sale(GroupSums& g, int32_t key, int64_t amount);
  void countback_months(const GroupSums& g, size_t k, int64_t ar_end, Metrics& m) const;

  const Book& book_;
  const std::vector<MetricsPeriod>& periods_;
  Ends ends_;
  std::vector<int32_t> to_key_;  // Per period: month_key(to).
  std::vector<GroupSums> groups_;
  Date month_first_{1}, month_last_{0};  // The month of the last month_key_of() (none yet).
  int32_t month_key_ = 0;
};

PeriodWalk::PeriodWalk(const Book& book, const std::vector<MetricsPeriod>& periods, size_t groups)
    : book_(book), periods_(periods), groups_(groups, GroupSums(periods.size())) {
  ends_.dates.push_back(periods.front().from - 1);
  for (const MetricsPeriod& p : periods) {
    ends_.dates.push_back(p.to);
    to_key_.push_back(month_key(p.to));
  }
}

// month_key(d), remembering the month (invoices mostly come month by month).
int32_t PeriodWalk::month_key_of(Date d) {
  if (d < month_first_ || d > month_last_) {
    YearMonthDay ymd = ymd_from_date(d);
    month_key_ = ymd.year * 12 + (ymd.month - 1);  // month_key(d).
    month_first_ = d - (ymd.day - 1);
    month_last_ = month_first_ + (days_in_month(ymd.year, ymd.month) - 1);
  }
  return month_key_;
}

// Sales by month for the countback, from the earliest month seen (grown at the front when
// an earlier one comes).
void PeriodWalk::add_month_sale(GroupSums& g, int32_t key, int64_t amount) {
  if (key < g.first_key) {
    size_t grow =
        g.month_sales.empty() ? size_t(to_key_.back() - key) + 1 : size_t(g.first_key - key);
    g.month_sales.insert(g.month_sales.begin(), grow, 0);
    g.first_key = key;
  }
  g.month_sales[size_t(key - g.first_key)] += amount;
}

// What add_invoice() adds for each period, at once. Requires date <= last().
void PeriodWalk::add_invoice(Index i, GroupSums& g) {
  const Invoice& v = book_.invoices[i];
  long k = ends_.period_of(v.date);
  if (k >= 0) g.sums[k].credit_sales += v.amount_minor;
  int32_t key = month_key_of(v.date);
  add_month_sale(g, key, v.amount_minor);
  // The countback's month of `to`: the periods ending in the invoice's month, on or after it.
  for (size_t p = std::max<size_t>(ends_.first_at_or_after(v.date), 1) - 1;
       p < periods_.size() && to_key_[p] == key; ++p) {
    g.to_month_sales[p] += v.amount_minor;
    g.to_month_count[p] += 1;
  }
  // Open amounts (steps between application dates), write-offs and the settle date (the
  // walk of invoice_settled_date: the first application after which nothing is open).
  int64_t open = v.amount_minor;
  Date step_from = v.date, settled{INT32_MIN};
  bool settled_found = false;
  ApplicationRange r = invoice_applications(book_, i);
  for (const Application* a = r.first; a != r.last; ++a) {
    if (a->date > step_from) {  // Sorted by date: a new step starts.
      if (open != 0) g.open.add_step(ends_, step_from, a->date - 1, open, v.due);
      step_from = a->date;
    }
    open -= a->amount_minor;
    if (open == 0 && !settled_found) settled = a->date, settled_found = true;
    if (a->kind != ApplicationKind::WriteOff) continue;
    long w = ends_.period_of(a->date);
    if (w >= 0 && v.date <= periods_[w].to) g.sums[w].bad_debt += a->amount_minor;
  }
  if (open != 0) {
    g.open.add_step(ends_, step_from, Date{std::numeric_limits<int32_t>::max()}, open, v.due);
  }
  long s = settled_found ? ends_.period_of(settled) : -1;
  if (s >= 0 && v.date <= periods_[s].to) add_settled_on(v, settled, g.sums[s]);
}

void PeriodWalk::add_payment(const Receipt& p, GroupSums& g) {
  long k = ends_.period_of(p.date);
  if (k >= 0) g.sums[k].cash_collected += p.amount_minor;
}

// countback() over the month sales: months before to's month whole, to's month up to `to`.
void PeriodWalk::countback_months(const GroupSums& g, size_t k, int64_t ar_end, Metrics& m) const {
  const int32_t to_key = to_key_[k];
  // The earliest month that has a sale dated on or before `to` (none: INT32_MAX).
  int32_t first = g.first_key < to_key      ? g.first_key
                  : g.to_month_count[k] > 0 ? to_key
                                            : std::numeric_limits<int32_t>::max();
  countback_walk(ar_end, periods_[k].to, first, [&](int32_t key) {
    return key == to_key ? g.to_month_sales[k] : g.month_sales[size_t(key - g.first_key)];
  }, m);
}

Metrics PeriodWalk::result(size_t group, size_t k, int32_t rate_bp) const {
  const GroupSums& g = groups_[group];
  Metrics m = empty_metrics(periods_[k].from, periods_[k].to, rate_bp);
  Sums s;
  const Sums& in = g.sums[k];
  s.credit_sales = in.credit_sales;
  s.cash_collected = in.cash_collected;
  s.bad_debt = in.bad_debt;
  s.settled_count = in.settled_count;
  s.late_count = in.late_count;
  s.settled_amount = in.settled_amount;
  s.days_to_pay = in.days_to_pay;
  s.days_to_pay_weighted = in.days_to_pay_weighted;
  s.days_late = in.days_late;
  s.days_late_weighted = in.days_late_weighted;
  s.interest_amount_days = in.interest_amount_days;  // Of the settled; + the open at `to`.
  s.ar_begin = g.open.open_at(k);
  g.open.sums_at_end(ends_, k + 1, s);
  fill_from_sums(s, m);
  countback_months(g, k, s.ar_end, m);
  return m;
}

bool consecutive(const std::vector<MetricsPeriod>& periods) {
  for (size_t k = 0; k < periods.size(); ++k) {
    if (periods[k].to < periods[k].from) return false;
    if (k > 0 && periods[k].from != periods[k - 1].to + 1) return false;
  }
  return true;
}

constexpr uint32_t kNoGroup = 0xFFFFFFFFu;

// Few invoices (one customer): visit their customers' documents. Many: visit the book's
// event stream (events.h) up to the last period's end: the invoices and payments dated
// after it count in no period, and a binary search leaves them out (the sums do not depend
// on the order: they are exact integers).
void walk_documents(const Book& book, const std::vector<uint32_t>& group_of, PeriodWalk& walk) {
  const BookIndex& x = book.index;
  size_t selected = 0;
  for (Index c = 0; c < group_of.size(); ++c) {
    if (group_of[c] == kNoGroup) continue;
    selected += x.customer_invoice_first[c + 1] - x.customer_invoice_first[c];
  }
  if (selected * 8 < book.invoices.size()) {
    for (Index c = 0; c < group_of.size(); ++c) {
      if (group_of[c] == kNoGroup) continue;
      GroupSums& g = walk.group(group_of[c]);
      for (Index i : customer_invoices(book, c)) {
        if (book.invoices[i].date > walk.last()) break;  // By date: the rest is later.
        walk.add_invoice(i, g);
      }
      for (uint32_t k = x.customer_receipt_first[c]; k < x.customer_receipt_first[c + 1]; ++k) {
        uint32_t code = x.customer_receipts[k];
        if (!(code & BookIndex::kCreditBit)) walk.add_payment(book.payments[code], g);
      }
    }
    return;
  }
  for (const BookEvent& e : events_through(book, walk.last())) {
    if (e.kind() == EventKind::Invoice) {
      const Invoice& v = book.invoices[e.doc()];
      if (v.customer >= group_of.size() || group_of[v.customer] == kNoGroup) continue;
      walk.add_invoice(e.doc(), walk.group(group_of[v.customer]));
    } else if (e.kind() == EventKind::Payment) {  // Credit notes are not cash.
      const Receipt& p = book.payments[e.doc()];
      if (p.customer >= group_of.size() || group_of[p.customer] == kNoGroup) continue;
      walk.add_payment(p, walk.group(group_of[p.customer]));
    }
  }
}

// result[g][k]: the metrics of groups[g]'s customers over periods[k], in one walk when the
// periods are consecutive and no customer is in two groups; else compute_for one by one.
std::vector<std::vector<Metrics>> metrics_of_groups(const Book& book,
                                                    const std::vector<MetricsPeriod>& periods,
                                                    int32_t rate_bp,
                                                    const std::vector<std::vector<Index>>& groups) {
  std::vector<std::vector<Metrics>> out(groups.size());
  if (periods.empty()) return out;
  std::vector<uint32_t> group_of(book.customers.size(), kNoGroup);
  bool one_walk = consecutive(periods);
  for (size_t g = 0; g < groups.size() && one_walk; ++g) {
    for (Index c : groups[g]) {
      one_walk = one_walk && c < group_of.size() && group_of[c] == kNoGroup;
      if (one_walk) group_of[c] = uint32_t(g);
    }
  }
  if (!one_walk) {  // Each group and period on its own: the same results, more walks.
    for (size_t g = 0; g < groups.size(); ++g) {
      for (const MetricsPeriod& p : periods)
        out[g].push_back(compute_for(book, p.from, p.to, rate_bp, groups[g]));
    }
    return out;
  }
  PeriodWalk walk(book, periods, groups.size());
  walk_documents(book, group_of, walk);
  walk.finish();
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t k = 0; k < periods.size(); ++k) out[g].push_back(walk.result(g, k, rate_bp));
  }
  return out;
}

}  // namespace

std::vector<std::vector<Metrics>> compute_metrics_periods(
    const Book& book, const std::vector<MetricsPeriod>& periods, int32_t rate_bp,
    const std::vector<MetricsFilter>& filters) {
  std::vector<std::vector<Index>> groups;
  for (const MetricsFilter& f : filters) groups.push_back(selected_customers(book, f));
  return metrics_of_groups(book, periods, rate_bp, groups);
}

std::vector<Metrics> compute_metrics_periods(const Book& book,
                                             const std::vector<MetricsPeriod>& periods,
                                             int32_t rate_bp, const MetricsFilter& filter) {
  return std::move(
      compute_metrics_periods(book, periods, rate_bp, std::vector<MetricsFilter>{filter}).front());
}

// =========================================================================================
// [SECTION] compute_metrics_by
// =========================================================================================

namespace {

// Has the customer an invoice or a receipt dated on or before `to`?
bool customer_active(const Book& book, Index c, Date to) {
  const BookIndex& x = book.index;
  InvoiceSpan invoices = customer_invoices(book, c);
  if (invoices.first != invoices.last &&  // Sorted by date: the first is earliest.
      book.invoices[*invoices.first].date <= to) {
    return true;
  }
  for (uint32_t k = x.customer_receipt_first[c]; k < x.customer_receipt_first[c + 1]; ++k) {
    uint32_t code = x.customer_receipts[k];
    Index i = code & ~BookIndex::kCreditBit;
    const Receipt& r = (code & BookIndex::kCreditBit) ? book.credit_notes[i] : book.payments[i];
    if (r.date <= to) return true;
  }
  return false;
}

template <typename Doc>
std::vector<Index> ids_sorted(const std::vector<Doc>& docs) {
  std::vector<Index> order(docs.size());
  for (Index i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](Index a, Index b) { return docs[a].id < docs[b].id; });
  return order;
}

void rows_by_customer(const Book& book, Date from, Date to, int32_t rate_bp,
                      const MetricsFilter& filter, std::vector<MetricsRow>& rows) {
  for (Index c : ids_sorted(book.customers)) {
    MetricsFilter f{MetricsFilter::Kind::Customer, c};
    std::vector<Index> customers = selected_customers(book, f, filter);
    if (customers.empty() || !customer_active(book, c, to)) continue;
    rows.push_back({book.customers[c].id, f, compute_for(book, from, to, rate_bp, customers)});
  }
}

// The salespeople's customers are disjoint: one walk of the book for every row.
void rows_by_salesperson(const Book& book, Date from, Date to, int32_t rate_bp,
                         const MetricsFilter& filter, std::vector<MetricsRow>& rows) {
  std::vector<Index> order = ids_sorted(book.salespeople);
  order.push_back(kNone);  // Customers without a salesperson, last.
  const size_t first_row = rows.size();
  std::vector<std::vector<Index>> groups;
  for (Index p : order) {
    MetricsFilter f{MetricsFilter::Kind::Salesperson, p};
    std::vector<Index> customers = selected_customers(book, f, filter);
    bool active = false;
    for (Index c : customers) active = active || customer_active(book, c, to);
    if (!active) continue;
    std::string key = p == kNone ? std::string() : book.salespeople[p].id;
    rows.push_back({key, f, Metrics{}});
    groups.push_back(std::move(customers));
  }
  std::vector<std::vector<Metrics>> metrics =
      metrics_of_groups(book, {{from, to}}, rate_bp, groups);
  for (size_t g = 0; g < groups.size(); ++g) rows[first_row + g].metrics = metrics[g][0];
}

// The months are consecutive periods: one walk of the book for all of them.
void rows_by_month(const Book& book, Date from, Date to, int32_t rate_bp,
                   const MetricsFilter& filter, std::vector<MetricsRow>& rows) {
  std::vector<MetricsPeriod> periods;
  std::vector<std::string> names;
  for (int32_t key = month_key(from); key <= month_key(to); ++key) {
    int32_t year = key / 12, month = key % 12 + 1;
    Date start = std::max(from, date_from_ymd(year, month, 1));
    Date end = std::min(to, date_from_ymd(year, month, days_in_month(year, month)));
    char name[16];
    std::snprintf(name, sizeof name, "%04d-%02d", year, month);
    periods.push_back({start, end});
    names.push_back(name);
  }
  std::vector<Metrics> metrics = compute_metrics_periods(book, periods, rate_bp, filter);
  for (size_t k = 0; k < metrics.size(); ++k) rows.push_back({names[k], filter, metrics[k]});
}

}  // namespace

std::vector<MetricsRow> compute_metrics_by(const Book& book, Date from, Date to, int32_t rate_bp,
                                           MetricsBy by, const MetricsFilter& filter) {
  std::vector<MetricsRow> rows;
  if (to < from) return rows;
  switch (by) {
    case MetricsBy::Customer: rows_by_customer(book, from, to, rate_bp, filter, rows); break;
    case MetricsBy::Salesperson:
      rows_by_salesperson(book, from, to, rate_bp, filter, rows);
      break;
    case MetricsBy::Month: rows_by_month(book, from, to, rate_bp, filter, rows); break;
  }
  return rows;
}

}  // namespace arlab
