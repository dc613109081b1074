// statement.cpp: a customer's statement of account (core/statement.h).
//
// [SECTION] Balances
// [SECTION] Lines
// [SECTION] Aging
// [SECTION] Statement
#include "core/statement.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "core/aging.h"

namespace arlab {
namespace {

}  // namespace

// =========================================================================================
// [SECTION] Balances
// =========================================================================================

int64_t customer_balance_minor(const Book& book, Index customer, Date as_of) {
  int64_t balance = customer_unapplied_minor(book, customer, as_of);
  for (Index i : customer_invoices(book, customer)) {
    if (book.invoices[i].date > as_of) break;  // Sorted by date: the rest is later.
    balance += invoice_open_minor(book, i, as_of);
  }
  return balance;
}

// =========================================================================================
// [SECTION] Lines
// =========================================================================================

namespace {

// Per payment (or credit note) of the customer, the invoices it reduced, in the order of
// the customer's invoices; amounts of several applications to one invoice are summed.
void add_applied(const Book& book, Index customer, ApplicationKind kind,
                 std::vector<StatementLine>& lines) {
  const StatementLineKind line_kind =
      kind == ApplicationKind::Payment ? StatementLineKind::Payment : StatementLineKind::CreditNote;
  std::vector<std::pair<Index, size_t>> by_document;  // (payment or credit note, line), sorted.
  for (size_t k = 0; k < lines.size(); ++k)
    if (lines[k].kind == line_kind) by_document.push_back({lines[k].document, k});
  std::sort(by_document.begin(), by_document.end());
  for (Index i : customer_invoices(book, customer)) {
    ApplicationRange range = invoice_applications(book, i);
    for (const Application* a = range.first; a != range.last; ++a) {
      if (a->kind != kind) continue;
      auto it = std::lower_bound(by_document.begin(), by_document.end(),
                                 std::pair<Index, size_t>{a->source, 0});
      if (it == by_document.end() || it->first != a->source) continue;  // Outside the period.
      std::vector<StatementApplied>& applied = lines[it->second].applied;
      if (applied.empty() || applied.back().invoice != i) applied.push_back({i, 0});
      applied.back().amount_minor += a->amount_minor;
    }
  }
}

std::vector<StatementLine> collect_lines(const Book& book, Index customer, Date from, Date to) {
  std::vector<StatementLine> lines;
  auto in_period = [&](Date d) { return from <= d && d <= to; };
  for (Index i : customer_invoices(book, customer)) {
    const Invoice& v = book.invoices[i];
    if (in_period(v.date)) lines.push_back({v.date, StatementLineKind::Invoice, i, i, v.due,
                                            v.amount_minor, 0, {}});
  }
  const BookIndex& x = book.index;
  for (uint32_t k = x.customer_receipt_first[customer]; k < x.customer_receipt_first[customer + 1];
       ++k) {
    const bool credit = x.customer_receipts[k] & BookIndex::kCreditBit;
    const Index r = x.customer_receipts[k] & ~BookIndex::kCreditBit;
    const Receipt& receipt = credit ? book.credit_notes[r] : book.payments[r];
    if (!in_period(receipt.date)) continue;
    const auto kind = credit ? StatementLineKind::CreditNote : StatementLineKind::Payment;
    lines.push_back({receipt.date, kind, r, kNone, Date{}, -receipt.amount_minor, 0, {}});
  }
  for (size_t w = 0; w < book.write_offs.size(); ++w) {
    const WriteOff& off = book.write_offs[w];
    if (book.invoices[off.invoice].customer != customer || !in_period(off.date)) continue;
    lines.push_back({off.date, StatementLineKind::WriteOff, Index(w), off.invoice, Date{},
                     -off.amount_minor, 0, {}});
  }
  for (Index r : customer_refunds(book, customer)) {  // Paid back: the balance rises.
    const Refund& refund = book.refunds[r];
    if (in_period(refund.date))
      lines.push_back({refund.date, StatementLineKind::Refund, r, kNone, Date{},
                       refund.amount_minor, 0, {}});
  }
  // Date, then kind (invoices first), then file order.
  std::sort(lines.begin(), lines.end(), [](const StatementLine& a, const StatementLine& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.document < b.document;
  });
  add_applied(book, customer, ApplicationKind::Payment, lines);
  add_applied(book, customer, ApplicationKind::CreditNote, lines);
  return lines;
}

// =========================================================================================
// [SECTION] Aging
// =========================================================================================

// Aging of the customer's invoices open at s.to, invoice by invoice (as compute_aging does
// for the whole book), into s.open_items and s.aging_amounts_minor.
void age_open_items(const Book& book, Statement& s) {
  s.bucket_names = aging_bucket_names(s.edges);
  s.aging_amounts_minor.assign(s.bucket_names.size(), 0);
  for (Index i : customer_invoices(book, s.customer)) {
    const Invoice& v = book.invoices[i];
    if (v.date > s.to) break;
    const int64_t open = invoice_open_minor(book, i, s.to);
    if (open == 0) continue;
    StatementOpenItem item;
    item.invoice = i;
    item.days_past_due = s.to - v.due;
    item.bucket = aging_bucket_of(s.edges, item.days_past_due);
    item.open_minor = open;
    s.aging_amounts_minor[item.bucket] += open;
    s.open_minor += open;
    s.open_items.push_back(item);
  }
  s.unapplied_minor = customer_unapplied_minor(book, s.customer, s.to);
}

}  // namespace

// =========================================================================================
// [SECTION] Statement
// =========================================================================================

Statement compute_statement(const Book& book, Index customer, Date from, Date to,
                            const std::vector<int32_t>& edges) {
  assert(book.index.built);
  assert(customer < book.customers.size());
  assert(from <= to);
  Statement s;
  s.customer = customer;
  s.from = from;
  s.to = to;
  s.edges = edges;
  s.opening_minor = customer_balance_minor(book, customer, from - 1);
  s.lines = collect_lines(book, customer, from, to);
  int64_t balance = s.opening_minor;
  for (StatementLine& line : s.lines) {
    balance += line.amount_minor;
    line.balance_minor = balance;
  }
  age_open_items(book, s);
  s.closing_minor = s.open_minor + s.unapplied_minor;
  // Every application is dated on its source document: the lines explain the whole change.
  assert(s.closing_minor == balance);
  assert(s.closing_minor == customer_balance_minor(book, customer, to));
  return s;
}

Statement compute_statement(const Book& book, Index customer, Date from, Date to) {
  return compute_statement(book, customer, from, to, kDefaultAgingEdges);
}

}  // namespace arlab
