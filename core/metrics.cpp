// metrics.cpp: receivables metrics over a period (core/metrics.h, docs/METRICS.md).
//
// [SECTION] Selection: which customers a filter takes
// [SECTION] Sums: one pass over the selected customers' documents, exact integers
// [SECTION] Countback: the month-by-month walk back from `to`
// [SECTION] Ratios and compute_metrics
// [SECTION] compute_metrics_by
#include "core/metrics.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>

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

// An invoice whose settle date lies in the period: days to pay, days late, interest.
void add_settled(const Book& book, Index i, Date from, Date to, Sums& s) {
  const Invoice& inv = book.invoices[i];
  Date settled = invoice_settled_date(book, i);
  if (settled < from || settled > to) return;  // Also skips the still open (INT32_MIN).
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
void countback(const Sums& s, Date to, Metrics& m) {
  int64_t remainder = s.ar_end;
  int64_t whole_days = 0;
  YearMonthDay ymd = ymd_from_date(to);
  int32_t slice_days = ymd.day;
  for (int32_t key = month_key(to); remainder > 0; --key) {
    auto it = s.sales_by_month.upper_bound(key);  // First month after this slice.
    if (it == s.sales_by_month.begin()) {         // No sales in this slice or before it.
      m.countback_exhausted = true;
      m.countback_dso = double(whole_days);
      return;
    }
    auto here = s.sales_by_month.find(key);
    int64_t sales = here == s.sales_by_month.end() ? 0 : here->second;
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

Metrics compute_for(const Book& book, Date from, Date to, int32_t rate_bp,
                    const std::vector<Index>& customers) {
  Metrics m;
  m.from = from;
  m.to = to;
  m.rate_bp = std::clamp(rate_bp, 0, kRateBpMax);
  if (to < from) return m;  // Precondition broken: an empty result, every ratio null.
  m.days = to - from + 1;
  Sums s;
  for (Index c : customers) add_customer(book, c, from, to, s);
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
  countback(s, to, m);
  finish_interest(s, m);
  return m;
}

}  // namespace

Metrics compute_metrics(const Book& book, Date from, Date to, int32_t rate_bp,
                        const MetricsFilter& filter) {
  return compute_for(book, from, to, rate_bp, selected_customers(book, filter));
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

void rows_by_salesperson(const Book& book, Date from, Date to, int32_t rate_bp,
                         const MetricsFilter& filter, std::vector<MetricsRow>& rows) {
  std::vector<Index> order = ids_sorted(book.salespeople);
  order.push_back(kNone);  // Customers without a salesperson, last.
  for (Index p : order) {
    MetricsFilter f{MetricsFilter::Kind::Salesperson, p};
    std::vector<Index> customers = selected_customers(book, f, filter);
    bool active = false;
    for (Index c : customers) active = active || customer_active(book, c, to);
    if (!active) continue;
    std::string key = p == kNone ? std::string() : book.salespeople[p].id;
    rows.push_back({key, f, compute_for(book, from, to, rate_bp, customers)});
  }
}

void rows_by_month(const Book& book, Date from, Date to, int32_t rate_bp,
                   const MetricsFilter& filter, std::vector<MetricsRow>& rows) {
  for (int32_t key = month_key(from); key <= month_key(to); ++key) {
    int32_t year = key / 12, month = key % 12 + 1;
    Date start = std::max(from, date_from_ymd(year, month, 1));
    Date end = std::min(to, date_from_ymd(year, month, days_in_month(year, month)));
    char name[16];
    std::snprintf(name, sizeof name, "%04d-%02d", year, month);
    rows.push_back({name, filter, compute_metrics(book, start, end, rate_bp, filter)});
  }
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
