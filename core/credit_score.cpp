// credit_score.cpp: see credit_score.h.
//
// [SECTION] The score of one customer (and the credit file around it)
// [SECTION] The backtest
#include "credit_score.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace arlab {

const char* score_part_name(ScorePart part) {
  switch (part) {
    case ScorePart::OnTime: return "on time";
    case ScorePart::DaysLate: return "days late";
    case ScorePart::Disputes: return "disputes";
    case ScorePart::OpenOverdue: return "open overdue";
    case ScorePart::Trend: return "trend";
  }
  return "";
}

const char* score_part_key(ScorePart part) {
  switch (part) {
    case ScorePart::OnTime: return "on_time";
    case ScorePart::DaysLate: return "days_late";
    case ScorePart::Disputes: return "disputes";
    case ScorePart::OpenOverdue: return "open_overdue";
    case ScorePart::Trend: return "trend";
  }
  return "";
}

namespace {

using Int128 = __int128;

// =========================================================================================
// [SECTION] The score of one customer
// =========================================================================================

// Amount-weighted days late: exact sums (amount x days overflows int64 for large books),
// one division at the end.
struct Weighted {
  Int128 amount_days = 0;
  Int128 amount = 0;
  uint32_t count = 0;
  void add(int64_t amount_minor, int32_t days_late) {
    amount_days += Int128(amount_minor) * days_late;
    amount += amount_minor;
    ++count;
  }
  std::optional<double> mean() const {
    if (count == 0) return std::nullopt;
    if (amount == 0) return 0.0;  // Zero-amount invoices only: nothing weighs.
    return double(amount_days) / double(amount);
  }
};

double clamp01(double x) { return std::min(1.0, std::max(0.0, x)); }

}  // namespace

bool invoice_late(const Book& book, Index invoice) {
  const Invoice& inv = book.invoices[invoice];
  return invoice_open_minor(book, invoice, inv.due) > 0;
}

PaymentScore payment_score(const Book& book, Index customer, Date as_of,
                           const ScorePolicy& policy) {
  assert(book.index.built);
  PaymentScore s;
  s.as_of = as_of;
  s.policy = policy;
  s.window_from = as_of - (policy.lookback_days - 1);
  s.recent_from = as_of - (policy.recent_days - 1);
  Weighted all, recent, prior;
  // Invoices disputed in the case file on or before as_of (core/casefile.h).
  std::vector<Index> disputed_by_record;
  const std::vector<CaseRecord>& rs = book.collection.records;
  for (size_t k = 0; k < rs.size(); ++k) {
    const CaseRecord& r = rs[k];
    if (r.customer != customer || r.date > as_of) continue;
    if (r.kind == RecordKind::Dispute && !r.invoices.empty()) {
      disputed_by_record.push_back(r.invoices[0]);
    } else if (r.kind == RecordKind::Promise && r.until >= s.window_from && r.until <= as_of) {
      PromiseState ps = promise_state(book, Index(k), as_of);
      if (ps.status == PromiseStatus::Kept) ++s.promises_kept;
      if (ps.status == PromiseStatus::Broken) ++s.promises_broken;
    }
  }
  std::sort(disputed_by_record.begin(), disputed_by_record.end());
  auto disputed = [&](Index i) {
    return (book.invoices[i].flags & kInvoiceDisputed) ||
           std::binary_search(disputed_by_record.begin(), disputed_by_record.end(), i);
  };
  for (Index i : customer_invoices(book, customer)) {
    const Invoice& inv = book.invoices[i];
    if (inv.date > as_of) break;  // By date: the rest do not exist yet.
    int32_t days_late = 0;
    bool in_recent = false;
    int64_t open = invoice_open_minor(book, i, as_of);
    if (open == 0) {
      Date settled = invoice_settled_date(book, i);  // On or before as_of: open is 0 then.
      if (settled < s.window_from) continue;
      days_late = std::max(0, settled - inv.due);
      in_recent = settled >= s.recent_from;
      ++s.settled_count;
    } else {
      if (inv.due >= as_of) continue;  // Not past due: nothing to say yet.
      days_late = as_of - inv.due;
      in_recent = true;  // Late now: the latest news of how it pays.
      ++s.open_overdue_count;
      s.open_overdue_minor += open;
    }
    ++s.scored_count;
    if (days_late > 0) ++s.late_count;
    if (disputed(i)) ++s.disputed_count;
    s.scored_minor += inv.amount_minor;
    all.add(inv.amount_minor, days_late);
    (in_recent ? recent : prior).add(inv.amount_minor, days_late);
  }
  if (s.scored_count) {
    double n = s.scored_count;
    s.late_share = s.late_count / n;
    s.disputed_share = s.disputed_count / n;
    s.open_overdue_share = s.open_overdue_count / n;
    s.weighted_days_late = all.mean().value_or(0);
  }
  s.recent_count = recent.count;
  s.prior_count = prior.count;
  s.recent_days_late = recent.mean();
  s.prior_days_late = prior.mean();
  if (s.recent_days_late && s.prior_days_late) {
    s.trend_days = *s.recent_days_late - *s.prior_days_late;
  }

  auto& p = s.points;
  p[int(ScorePart::OnTime)] = kScorePartMax[0] * (1 - s.late_share);
  p[int(ScorePart::DaysLate)] =
      kScorePartMax[1] * clamp01(1 - s.weighted_days_late / policy.days_late_zero);
  p[int(ScorePart::Disputes)] = kScorePartMax[2] * (1 - s.disputed_share);
  p[int(ScorePart::OpenOverdue)] = kScorePartMax[3] * (1 - s.open_overdue_share);
  // Half when the trend cannot be told: neither reward nor blame.
  p[int(ScorePart::Trend)] =
      s.trend_days ? kScorePartMax[4] *
                         clamp01(1 - std::max(0.0, *s.trend_days) / policy.trend_worse_zero)
                   : kScorePartMax[4] / 2;
  for (double x : p) s.total_points += x;
  s.promise_points = -std::min(kPromisePointsMax, kPromisePoints * s.promises_broken);
  s.total_points += s.promise_points;
  s.enough_history = s.settled_count >= policy.min_settled;
  if (s.enough_history) {
    // Half up; the small epsilon keeps 87.5 computed as 87.4999999 from rounding down.
    s.score = int32_t(std::floor(s.total_points + 0.5 + 1e-9));
    s.score = std::clamp(s.score, 0, 100);
  }
  return s;
}

CreditFile credit_file(const Book& book, Index customer, Date as_of, const ScorePolicy& policy) {
  CreditFile f;
  f.customer = customer;
  f.as_of = as_of;
  f.credit = credit_check(book, customer, as_of, 0);
  CollectionPosition p = collection_position(book, as_of);
  const CustomerCaseState& cs = p.cases.customers[customer];
  if (cs.credit_limit_minor != f.credit.limit_minor) {  // A review changed the limit.
    CreditCheck& c = f.credit;
    c.limit_minor = cs.credit_limit_minor;
    c.headroom_minor = c.has_limit() ? c.limit_minor - c.owed_minor : 0;
    c.over_minor = c.has_limit() ? std::max<int64_t>(0, c.after_minor - c.limit_minor) : 0;
  }
  f.hold = p.customers[customer].hold;
  f.hold_line = hold_reasons_line(book, p, customer);
  f.release_line = hold_release_line(book, p, customer);
  f.grade = cs.grade;
  f.last_review = cs.last_review;
  f.next_review = cs.next_review;
  f.review_due = cs.next_review != kNoDate && cs.next_review <= as_of;
  f.review_months = p.policy.review_months(cs.grade);
  f.security = cs.security;
  for (Index r : customer_records(book, customer, as_of))
    if (book.collection.records[r].kind == RecordKind::Review) f.reviews.push_back(r);
  f.disputes_open = cs.disputes_open;
  f.disputed_minor = cs.disputed_minor;
  f.promises_kept = cs.promises_kept;
  f.promises_broken = cs.promises_broken;
  f.promises_pending = cs.promises_pending;
  f.score = payment_score(book, customer, as_of, policy);
  return f;
}

// =========================================================================================
// [SECTION] The backtest
// =========================================================================================

namespace {

// Average ranks (ties share the mean of their positions), 1-based.
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<size_t> order(v.size());
  for (size_t k = 0; k < v.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (size_t k = 0; k < order.size();) {
    size_t end = k;
    while (end + 1 < order.size() && v[order[end + 1]] == v[order[k]]) ++end;
    double rank = (double(k) + double(end)) / 2 + 1;
    for (size_t j = k; j <= end; ++j) r[order[j]] = rank;
    k = end + 1;
  }
  return r;
}

// Spearman: Pearson correlation of the ranks. None with fewer than 3 pairs or no spread.
std::optional<double> spearman(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() < 3) return std::nullopt;
  std::vector<double> ra = ranks(a), rb = ranks(b);
  double n = double(a.size()), ma = 0, mb = 0;
  for (size_t k = 0; k < ra.size(); ++k) ma += ra[k], mb += rb[k];
  ma /= n;
  mb /= n;
  double sab = 0, saa = 0, sbb = 0;
  for (size_t k = 0; k < ra.size(); ++k) {
    sab += (ra[k] - ma) * (rb[k] - mb);
    saa += (ra[k] - ma) * (ra[k] - ma);
    sbb += (rb[k] - mb) * (rb[k] - mb);
  }
  if (saa == 0 || sbb == 0) return std::nullopt;
  return sab / std::sqrt(saa * sbb);
}

}  // namespace

ScoreBacktest score_backtest(const Book& book, Date as_of, const ScorePolicy& policy,
                             int32_t horizon_days) {
  assert(book.index.built && horizon_days > 0);
  ScoreBacktest t;
  t.as_of = as_of;
  t.horizon_days = horizon_days;
  t.cut = as_of - horizon_days;
  t.policy = policy;
  t.customers = uint32_t(book.customers.size());
  uint64_t pooled_scored = 0, pooled_late = 0;
  for (Index c = 0; c < book.customers.size(); ++c) {
    PaymentScore s = payment_score(book, c, t.cut, policy);
    pooled_scored += s.scored_count;
    pooled_late += s.late_count;
    if (!s.enough_history) {
      ++t.without_history;
      continue;
    }
    BacktestRow row;
    row.customer = c;
    row.score = s.score;
    row.predicted = 1 - s.score / 100.0;
    row.own_late_share = s.late_share;
    for (Index i : customer_invoices(book, c)) {
      const Invoice& inv = book.invoices[i];
      if (inv.date > as_of) break;
      if (inv.due <= t.cut || inv.due > as_of) continue;
      ++row.outcome_count;
      if (invoice_late(book, i)) ++row.outcome_late;
    }
    if (row.outcome_count == 0) {
      ++t.without_outcome;
      continue;
    }
    row.actual = double(row.outcome_late) / row.outcome_count;
    t.rows.push_back(row);
  }
  if (pooled_scored) t.book_late_share = double(pooled_late) / double(pooled_scored);
  if (t.rows.empty()) return t;
  double n = double(t.rows.size()), e_score = 0, e_own = 0, e_book = 0;
  std::vector<double> predicted, own, actual;
  for (const BacktestRow& r : t.rows) {
    e_score += std::fabs(r.predicted - r.actual);
    e_own += std::fabs(r.own_late_share - r.actual);
    if (t.book_late_share) e_book += std::fabs(*t.book_late_share - r.actual);
    t.actual_mean += r.actual;
    predicted.push_back(r.predicted);
    own.push_back(r.own_late_share);
    actual.push_back(r.actual);
  }
  t.actual_mean /= n;
  t.mae_score = e_score / n;
  t.mae_own = e_own / n;
  if (t.book_late_share) t.mae_book = e_book / n;
  t.spearman_score = spearman(predicted, actual);
  t.spearman_own = spearman(own, actual);
  return t;
}

}  // namespace arlab
