// property_test.cpp: invariants of the core on many seeded books, and a digest of reports.
//
//   arlab_property              doctest: every property on 200 generated + 300 random books
//   arlab_property --digest     canonical text (aging JSON hashes, saved-book hashes) that the
//                               native and the WebAssembly builds must print byte for byte
//
// [SECTION] Checks of one book (independent recomputation from the applications)
// [SECTION] Test cases
// [SECTION] Digest and main
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/aging.h"
#include "core/budget.h"
#include "core/commission.h"
#include "core/metrics.h"
#include "core/statement.h"
#include "io/book_json.h"
#include "io/budget_report.h"
#include "io/commission_plan.h"
#include "io/commission_report.h"
#include "io/metrics_report.h"
#include "io/reports.h"
#include "io/statement_report.h"
#include "random_book.h"

using namespace arlab;
using namespace arlab::test;

namespace {

constexpr int kGeneratedBooks = 200;
constexpr int kRandomBooks = 300;
constexpr int kPastRandomBooks = 2000;  // "The past stays put" on these, three dates each,
constexpr int kPastGeneratedBooks = 60;  // and on these.

// ---- [SECTION] Checks of one book -------------------------------------------------------

// As-of dates: before the first document, on and around document dates, after the last.
std::vector<Date> as_of_dates(const Book& b, uint64_t salt) {
  Date first = book_first_date(b), last = book_last_date(b);
  std::vector<Date> dates = {first - 1, first, last, last + 1, last + 400};
  Rng rng{salt};
  int32_t span = last - first + 1;
  for (int k = 0; k < 8; ++k) dates.push_back(first + int32_t(rng.below(uint64_t(span))));
  for (size_t k = 0; k < b.invoices.size() && k < 5; ++k) {
    const Invoice& v = b.invoices[rng.below(b.invoices.size())];
    dates.insert(dates.end(), {v.date, v.due, v.due + 1, v.due + 30, v.due + 31});
  }
  for (const Refund& f : b.refunds) dates.insert(dates.end(), {f.date - 1, f.date});
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

// Open amount recomputed from the raw application list (not the CSR query).
std::vector<int64_t> open_by_scan(const Book& b, Date as_of) {
  std::vector<int64_t> open(b.invoices.size(), 0);
  for (size_t i = 0; i < b.invoices.size(); ++i)
    if (b.invoices[i].date <= as_of) open[i] = b.invoices[i].amount_minor;
  for (const Application& a : b.index.applications)
    if (a.date <= as_of && b.invoices[a.invoice].date <= as_of) open[a.invoice] -= a.amount_minor;
  return open;
}

// Bucket by its definition: "current" <= 0 days, then (edge[k-1], edge[k]], then the rest.
size_t bucket_by_definition(const std::vector<int32_t>& edges, int32_t days) {
  if (days <= 0) return 0;
  size_t k = 0;
  while (k < edges.size() && days > edges[k]) ++k;
  return k + 1;
}

void check_aging(const Book& b, Date as_of, const std::vector<int32_t>& edges) {
  AgingReport r = compute_aging(b, as_of, edges);
  std::vector<int64_t> open = open_by_scan(b, as_of);
  const size_t buckets = edges.size() + 2;
  REQUIRE(r.bucket_names.size() == buckets);
  // Expected buckets per customer, straight from the definition.
  std::vector<std::vector<int64_t>> expected(b.customers.size(), std::vector<int64_t>(buckets));
  for (size_t i = 0; i < b.invoices.size(); ++i)
    if (open[i] != 0)
      expected[b.invoices[i].customer][bucket_by_definition(edges, as_of - b.invoices[i].due)] +=
          open[i];
  std::vector<int64_t> sum_totals(buckets, 0);
  int64_t open_total = 0, unapplied_total = 0;
  std::string previous_id;
  for (const CustomerAging& c : r.customers) {
    const std::string& id = b.customers[c.customer].id;
    CHECK(previous_id < id);  // Sorted by id, each once (ids are non-empty).
    previous_id = id;
    CHECK(c.amounts_minor == expected[c.customer]);
    int64_t sum = 0;
    for (int64_t x : c.amounts_minor) sum += x;
    CHECK(sum == c.open_minor);  // Buckets sum to the open total.
    CHECK(c.unapplied_minor <= 0);
    CHECK(c.unapplied_minor == customer_unapplied_minor(b, c.customer, as_of));
    CHECK((c.open_minor != 0 || c.unapplied_minor != 0));
    for (size_t k = 0; k < buckets; ++k) sum_totals[k] += c.amounts_minor[k];
    open_total += c.open_minor;
    unapplied_total += c.unapplied_minor;
  }
  CHECK(r.total_amounts_minor == sum_totals);
  CHECK(r.total_open_minor == open_total);
  CHECK(r.total_unapplied_minor == unapplied_total);
  int64_t all_open = 0, all_unapplied = 0;
  for (int64_t x : open) all_open += x;
  for (Index c = 0; c < b.customers.size(); ++c)
    all_unapplied += customer_unapplied_minor(b, c, as_of);
  CHECK(all_open == r.total_open_minor);  // Nobody with something open was left out...
  CHECK(all_unapplied == r.total_unapplied_minor);  // ...or with credit.
  // Unapplied credit by its definition: receipts' remainders less refunds, up to as_of.
  std::vector<int64_t> unapplied(b.customers.size(), 0);
  for (Index p = 0; p < b.payments.size(); ++p)
    if (b.payments[p].date <= as_of)
      unapplied[b.payments[p].customer] -= b.index.payment_unapplied_minor[p];
  for (Index n = 0; n < b.credit_notes.size(); ++n)
    if (b.credit_notes[n].date <= as_of)
      unapplied[b.credit_notes[n].customer] -= b.index.credit_unapplied_minor[n];
  for (const Refund& f : b.refunds)
    if (f.date <= as_of) unapplied[f.customer] += f.amount_minor;
  for (Index c = 0; c < b.customers.size(); ++c) {
    CHECK(unapplied[c] <= 0);  // Refunds never pay back more than the credit.
    CHECK(unapplied[c] == customer_unapplied_minor(b, c, as_of));
  }
}

// amount == open(far future) + paid + credited + written off; explicit allocations appear
// as written; every receipt's applications + unapplied == its amount.
void check_conservation(const Book& b) {
  const Date end = far_future();
  for (Index i = 0; i < b.invoices.size(); ++i) {
    int64_t parts = invoice_open_minor(b, i, end);
    CHECK(parts >= 0);
    for (ApplicationKind k : {ApplicationKind::Payment, ApplicationKind::CreditNote,
                              ApplicationKind::WriteOff})
      parts += invoice_applied_minor(b, i, end, k);
    CHECK(parts == b.invoices[i].amount_minor);
  }
  using Key = std::tuple<int, Index, Index>;  // kind, source, invoice
  std::map<Key, int64_t> explicit_written, explicit_applied;
  std::vector<int64_t> paid(b.payments.size(), 0), credited(b.credit_notes.size(), 0);
  auto written = [&](int kind, const std::vector<Receipt>& list,
                     const std::vector<Allocation>& pool) {
    for (Index s = 0; s < list.size(); ++s)
      for (uint32_t k = 0; k < list[s].allocation_count; ++k) {
        const Allocation& a = pool[list[s].allocation_first + k];
        explicit_written[{kind, s, a.invoice}] += a.amount_minor;
      }
  };
  written(int(ApplicationKind::Payment), b.payments, b.payment_allocations);
  written(int(ApplicationKind::CreditNote), b.credit_notes, b.credit_allocations);
  for (Index w = 0; w < b.write_offs.size(); ++w)
    explicit_written[{int(ApplicationKind::WriteOff), w, b.write_offs[w].invoice}] +=
        b.write_offs[w].amount_minor;
  for (const Application& a : b.index.applications) {
    CHECK(a.amount_minor > 0);
    if (!a.automatic) explicit_applied[{int(a.kind), a.source, a.invoice}] += a.amount_minor;
    if (a.kind == ApplicationKind::Payment) paid[a.source] += a.amount_minor;
    if (a.kind == ApplicationKind::CreditNote) credited[a.source] += a.amount_minor;
  }
  CHECK(explicit_applied == explicit_written);
  for (Index p = 0; p < b.payments.size(); ++p) {
    CHECK(b.index.payment_unapplied_minor[p] >= 0);
    CHECK(paid[p] + b.index.payment_unapplied_minor[p] == b.payments[p].amount_minor);
  }
  for (Index n = 0; n < b.credit_notes.size(); ++n) {
    CHECK(b.index.credit_unapplied_minor[n] >= 0);
    CHECK(credited[n] + b.index.credit_unapplied_minor[n] == b.credit_notes[n].amount_minor);
  }
}

// (due, date, id): the order in which a remainder visits a customer's invoices.
bool visited_before(const Book& b, Index x, Index y) {
  const Invoice &p = b.invoices[x], &q = b.invoices[y];
  return std::make_tuple(p.due, p.date, b.str(p.id)) < std::make_tuple(q.due, q.date, b.str(q.id));
}

// The automatic rule: own customer's invoices dated on or before the receipt, oldest due
// first. A remainder passes an invoice only if nothing is left of it, ever after. So for an
// invoice K still open at the end, no receipt dated on or after K may have applied its
// remainder to an invoice visited after K, nor kept credit unapplied.
void check_automatic(const Book& b) {
  const Date end = far_future();
  std::vector<std::vector<Index>> unpaid(b.customers.size());
  for (Index k = 0; k < b.invoices.size(); ++k)
    if (invoice_open_minor(b, k, end) > 0) unpaid[b.invoices[k].customer].push_back(k);
  auto check_receipt = [&](const Receipt& r, Index to) {
    for (Index k : unpaid[r.customer]) {
      if (b.invoices[k].date > r.date) continue;
      CHECK_MESSAGE((to != kNone && !visited_before(b, k, to)),
                    "open invoice " << b.str(b.invoices[k].id) << " passed over");
    }
  };
  for (const Application& a : b.index.applications) {
    if (!a.automatic) continue;
    REQUIRE(a.kind != ApplicationKind::WriteOff);
    const Receipt& r = a.kind == ApplicationKind::Payment ? b.payments[a.source]
                                                          : b.credit_notes[a.source];
    CHECK(a.date == r.date);
    CHECK(b.invoices[a.invoice].customer == r.customer);
    CHECK(b.invoices[a.invoice].date <= r.date);
    check_receipt(r, a.invoice);
  }
  for (Index p = 0; p < b.payments.size(); ++p)
    if (b.index.payment_unapplied_minor[p] > 0) check_receipt(b.payments[p], kNone);
  for (Index n = 0; n < b.credit_notes.size(); ++n)
    if (b.index.credit_unapplied_minor[n] > 0) check_receipt(b.credit_notes[n], kNone);
}

// Open is never negative and never rises after the invoice date; unapplied never rises.
void check_monotone(const Book& b, const std::vector<Date>& dates) {
  for (Index i = 0; i < b.invoices.size(); ++i) {
    int64_t previous = b.invoices[i].amount_minor;
    for (Date d : dates) {
      int64_t open = invoice_open_minor(b, i, d);
      CHECK(open >= 0);
      if (d < b.invoices[i].date) {
        CHECK(open == 0);
        continue;
      }
      CHECK(open <= previous);
      previous = open;
    }
  }
  // Credit only grows until refunds pay it back: unapplied less refunds never rises, and
  // unapplied itself never goes above zero.
  for (Index c = 0; c < b.customers.size(); ++c) {
    int64_t previous = 0;
    for (Date d : dates) {
      int64_t unapplied = customer_unapplied_minor(b, c, d);
      CHECK(unapplied <= 0);
      for (const Refund& f : b.refunds)
        if (f.customer == c && f.date <= d) unapplied -= f.amount_minor;
      CHECK(unapplied <= previous);
      previous = unapplied;
    }
  }
}

void check_book(Book& b, uint64_t salt) {
  std::vector<Problem> problems;
  bool ok = index_ids(b, &problems) && build_index(b, &problems);
  for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
  REQUIRE(ok);
  check_conservation(b);
  check_automatic(b);
  std::vector<Date> dates = as_of_dates(b, salt);
  check_monotone(b, dates);
  Rng rng{salt ^ 0x5eed};
  std::vector<int32_t> custom{int32_t(rng.between(1, 20))};
  custom.push_back(custom.back() + int32_t(rng.between(1, 90)));
  for (Date d : dates) {
    check_aging(b, d, kDefaultAgingEdges);
    check_aging(b, d, custom);
  }
}

// ---- [SECTION] The past stays put ----------------------------------------------------------

// The book as it stood at the end of `d`: every document dated on or after d + 1 removed
// (references renumbered; documents dated by d only name documents dated by d).
Book cut_book(const Book& b, Date d) {
  Book out;
  out.currency = b.currency;
  out.minor_digits = b.minor_digits;
  out.salespeople = b.salespeople;
  out.customers = b.customers;
  out.budget = b.budget;
  std::vector<Index> invoice_at(b.invoices.size(), kNone), payment_at(b.payments.size(), kNone);
  for (size_t i = 0; i < b.invoices.size(); ++i) {
    if (b.invoices[i].date > d) continue;
    Invoice v = b.invoices[i];
    v.id = out.intern(b.str(v.id));
    invoice_at[i] = Index(out.invoices.size());
    out.invoices.push_back(v);
  }
  auto receipts = [&](const std::vector<Receipt>& list, const std::vector<Allocation>& pool,
                      std::vector<Receipt>* to, std::vector<Allocation>* to_pool,
                      std::vector<Index>* at) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (list[i].date > d) continue;
      Receipt r = list[i];
      r.id = out.intern(b.str(r.id));
      r.allocation_first = uint32_t(to_pool->size());
      for (uint32_t k = 0; k < r.allocation_count; ++k) {
        Allocation a = pool[list[i].allocation_first + k];
        REQUIRE(invoice_at[a.invoice] != kNone);
        a.invoice = invoice_at[a.invoice];
        to_pool->push_back(a);
      }
      if (at) (*at)[i] = Index(to->size());
      to->push_back(r);
    }
  };
  receipts(b.payments, b.payment_allocations, &out.payments, &out.payment_allocations,
           &payment_at);
  receipts(b.credit_notes, b.credit_allocations, &out.credit_notes, &out.credit_allocations,
           nullptr);
  for (const WriteOff& w : b.write_offs) {
    if (w.date > d) continue;
    WriteOff x = w;
    x.id = out.intern(b.str(w.id));
    x.invoice = invoice_at[w.invoice];
    out.write_offs.push_back(x);
  }
  for (const Refund& f : b.refunds) {
    if (f.date > d) continue;
    Refund x = f;
    x.id = out.intern(b.str(f.id));
    if (f.payment != kNone) x.payment = payment_at[f.payment];
    out.refunds.push_back(x);
  }
  return out;
}

// The example plans (assets/plans/), written here so that the WASM build needs no files.
const char* const kPlans[] = {
    R"({"format": "arlab-commission-plan/1", "name": "Cash collected, 80% gate",
        "period": "month", "basis": "collected", "rate": "5%",
        "late_factors": [{"after_days_late": 30, "factor": "50%"},
                         {"after_days_late": 90, "factor": "0%"}],
        "gates": {"sales_target": "1000.00", "collection_rate_min": "80%"},
        "penalties": {"bad_debt_rate": "10%", "overdue_warning_days": 60},
        "payout_lag_periods": 1})",
    R"({"format": "arlab-commission-plan/1", "name": "Split 50/50 with holdback",
        "period": "month", "basis": "split", "on_invoice": "50%", "rate": "5%",
        "holds": {"disputed_invoices": true, "period_percent": "10%", "release_after_periods": 3},
        "payout_lag_periods": 1, "clawback_window_months": 12})",
    R"({"format": "arlab-commission-plan/1", "name": "Sales-based", "period": "quarter",
        "basis": "invoiced", "rate": "5%"})",
};

// No doctest macro here: the digest calls it outside any test case.
std::vector<CommissionPlan> example_plans(int minor_digits) {
  std::vector<CommissionPlan> plans;
  for (const char* text : kPlans) {
    CommissionPlan plan;
    std::vector<Problem> problems;
    if (!read_commission_plan(text, minor_digits, &plan, &problems)) {
      for (const Problem& p : problems)
        std::fprintf(stderr, "example plan: %s: %s\n", p.place.c_str(), p.message.c_str());
      std::abort();
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

// Every figure shown as of `d` that depends on the documents: aging on d and before,
// each customer's statement of periods ending by d, metrics and the budget of periods
// ending by d, commission statements of whole periods ending by d. One text, so that the
// whole book and the book cut at d can be compared byte for byte.
std::string figures_as_of(const Book& b, Date first, Date d,
                          const std::vector<CommissionPlan>& plans) {
  std::string out;
  for (Date day : {d, d - 1, d - 31, first})
    out += aging_json(b, compute_aging(b, day, kDefaultAgingEdges)) + "\n";
  for (Index c = 0; c < b.customers.size(); ++c) {
    out += statement_csv(b, compute_statement(b, c, first, d)) + "\n";
    out += statement_csv(b, compute_statement(b, c, d - 30, d)) + "\n";
  }
  for (Date from : {first, d - 90}) {
    if (from > d) continue;
    std::vector<MetricsRow> months =
        compute_metrics_by(b, from, d, kDefaultRateBp, MetricsBy::Month);
    out += metrics_json(b, compute_metrics(b, from, d), &months) + "\n";
    std::vector<MetricsRow> people =
        compute_metrics_by(b, from, d, kDefaultRateBp, MetricsBy::Salesperson);
    out += metrics_json(b, compute_metrics(b, from, d), &people) + "\n";
    out += budget_json(b, compute_budget_report(b, from, d)) + "\n";
  }
  for (const CommissionPlan& plan : plans) {
    // Whole periods ending by d: up to the end of the period before d's (or d's own, when
    // d is its last day).
    int32_t key = commission_period_key(plan.period, d);
    if (commission_period_end(plan.period, key) != d) key--;
    Date to = commission_period_end(plan.period, key);
    Date from = commission_period_start(plan.period, commission_period_key(plan.period, first));
    if (from > to) continue;
    out += commission_json(b, compute_commission(b, plan, from, to), true) + "\n";
  }
  return out;
}

// Cuts the book at a few dates (random ones, document dates, and the day before a document)
// and compares every figure as of each with the whole book's.
void check_past_stays_put(const Book& whole, uint64_t salt,
                          const std::vector<CommissionPlan>& plans) {
  Rng rng{salt};
  const Date first = book_first_date(whole), last = book_last_date(whole);
  std::vector<Date> dates = {first + int32_t(rng.below(uint64_t(last - first + 1)))};
  if (!whole.payments.empty()) dates.push_back(whole.payments[rng.below(whole.payments.size())].date);
  if (!whole.write_offs.empty())
    dates.push_back(whole.write_offs[rng.below(whole.write_offs.size())].date - 1);
  for (Date d : dates) {
    CAPTURE(format_date(d));
    Book cut = cut_book(whole, d);
    std::vector<Problem> problems;
    bool ok = index_ids(cut, &problems) && build_index(cut, &problems);
    for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
    REQUIRE(ok);  // A valid book cut at any date is a valid book.
    const Date from = std::min(first, d);  // The cut book may be empty.
    CHECK(figures_as_of(whole, from, d, plans) == figures_as_of(cut, from, d, plans));
  }
}

}  // namespace

// ---- [SECTION] Test cases -----------------------------------------------------------------

TEST_SUITE("property") {

TEST_CASE("generated books keep every invariant") {
  for (int n = 0; n < kGeneratedBooks; ++n) {
    CAPTURE(n);
    Book b = generate_book(generated_params(uint64_t(n)));
    check_book(b, uint64_t(n));
  }
}

TEST_CASE("random books with explicit allocations, credit notes and write-offs") {
  for (int n = 0; n < kRandomBooks; ++n) {
    CAPTURE(n);
    Book b = random_book(uint64_t(n));
    check_book(b, uint64_t(n) + 77);
  }
}

TEST_CASE("the past stays put: figures as of D from the whole book == from the book cut at D") {
  const std::vector<CommissionPlan> plans = example_plans(2);
  for (int n = 0; n < kPastRandomBooks; ++n) {
    CAPTURE(n);
    Book b = random_book(uint64_t(n) + 5000);
    std::vector<Problem> problems;
    REQUIRE(build_index(b, &problems));
    if (b.invoices.empty()) continue;
    check_past_stays_put(b, uint64_t(n), plans);
  }
  for (int n = 0; n < kPastGeneratedBooks; ++n) {
    CAPTURE(n);
    Book b = generate_book(generated_params(uint64_t(n)));
    check_past_stays_put(b, uint64_t(n) + 17, plans);
  }
}

TEST_CASE("a saved random book loads back to the same documents and aging") {
  for (int n = 0; n < 40; ++n) {
    CAPTURE(n);
    Book b = random_book(uint64_t(n));
    std::vector<Problem> problems;
    REQUIRE(build_index(b, &problems));
    std::string text = write_book_json(b);
    LoadResult r = read_book_json(text);
    for (const Problem& p : r.problems) MESSAGE(p.place << ": " << p.message);
    REQUIRE(r.ok);
    CHECK(book_digest(r.book) == book_digest(b));
    CHECK(write_book_json(r.book) == text);
    Date d = book_last_date(b);
    CHECK(aging_json(r.book, compute_aging(r.book, d, kDefaultAgingEdges)) ==
          aging_json(b, compute_aging(b, d, kDefaultAgingEdges)));
  }
}

}  // TEST_SUITE

// ---- [SECTION] Digest and main -------------------------------------------------------------

namespace {

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

void print_line(const std::string& tag, const std::string& text) {
  std::printf("%s %016" PRIx64 " %zu\n", tag.c_str(), fnv1a(text), text.size());
}

// One line per (book, date, edges): the FNV-1a hash and length of the aging JSON, plus the
// saved book's hash; the full JSON of a few reports so that a difference is readable.
void digest_book(const std::string& name, Book& b, bool full) {
  std::vector<Problem> problems;
  if (!index_ids(b, &problems) || !build_index(b, &problems)) {
    std::printf("%s INVALID %s\n", name.c_str(), problems.empty() ? "" : problems[0].place.c_str());
    return;
  }
  print_line(name + " book", write_book_json(b));
  const std::vector<int32_t> custom{15, 45, 120};
  Date first = book_first_date(b), last = book_last_date(b);
  for (Date d : {first, first + (last - first) / 2, last, last + 45}) {
    for (const std::vector<int32_t>* edges : {&kDefaultAgingEdges, &custom}) {
      std::string json = aging_json(b, compute_aging(b, d, *edges));
      print_line(name + " " + format_date(d) + " " + std::to_string(edges->size()), json);
      if (full) std::printf("%s\n", json.c_str());
    }
  }
}

int print_digest() {
  for (int n = 0; n < 60; ++n) {
    Book b = generate_book(generated_params(uint64_t(n)));
    digest_book("generated-" + std::to_string(n), b, n == 0);
  }
  for (int n = 0; n < 60; ++n) {
    Book b = random_book(uint64_t(n));
    digest_book("random-" + std::to_string(n), b, n == 1);
  }
  // The figures that the past-stays-put test compares, for a few books and dates.
  const std::vector<CommissionPlan> plans = example_plans(2);
  for (int n = 0; n < 30; ++n) {
    Book b = random_book(uint64_t(n) + 5000);
    std::vector<Problem> problems;
    if (!build_index(b, &problems) || b.invoices.empty()) continue;
    Date d = book_first_date(b) + (book_last_date(b) - book_first_date(b)) / 2;
    print_line("past-" + std::to_string(n) + " " + format_date(d),
               figures_as_of(b, book_first_date(b), d, plans));
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--digest") == 0) return print_digest();
  doctest::Context context(argc, argv);
  return context.run();
}
