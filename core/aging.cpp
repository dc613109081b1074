#include "aging.h"

#include <algorithm>

#include "casefile.h"

namespace arlab {

bool parse_aging_edges(std::string_view text, std::vector<int32_t>* edges, std::string* why) {
  std::vector<int32_t> out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t comma = text.find(',', i);
    std::string_view part =
        text.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i);
    if (part.empty() || part.size() > 5) {
      *why = "bucket edges must be positive whole numbers of days, like 30,60,90";
      return false;
    }
    int32_t value = 0;
    for (char c : part) {
      if (c < '0' || c > '9') {
        *why = "bucket edge \"" + std::string(part) + "\" is not a whole number of days";
        return false;
      }
      value = value * 10 + (c - '0');
    }
    if (value <= 0 || (!out.empty() && value <= out.back())) {
      *why = "bucket edges must be positive and increasing, like 30,60,90";
      return false;
    }
    out.push_back(value);
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  *edges = std::move(out);
  return true;
}

std::vector<std::string> aging_bucket_names(const std::vector<int32_t>& edges) {
  std::vector<std::string> names{"current"};
  int32_t low = 1;
  for (int32_t edge : edges) {
    names.push_back(std::to_string(low) + "-" + std::to_string(edge));
    low = edge + 1;
  }
  names.push_back(std::to_string(low) + "+");
  return names;
}

size_t aging_bucket_of(const std::vector<int32_t>& edges, int32_t days_past_due) {
  if (days_past_due <= 0) return 0;
  size_t bucket = 1;
  for (int32_t edge : edges) {
    if (days_past_due <= edge) return bucket;
    bucket++;
  }
  return bucket;
}

// One pass over the invoices in file order (their applications are stored in the same
// order, so memory is read sequentially), summing into a customers x buckets table; then
// rows in customer id order. Sums cannot overflow: build_index bounds the book's totals.
AgingReport compute_aging(const Book& book, Date as_of, const std::vector<int32_t>& edges) {
  AgingReport report;
  report.as_of = as_of;
  report.edges = edges;
  report.bucket_names = aging_bucket_names(edges);
  const size_t buckets = report.bucket_names.size();
  report.total_amounts_minor.assign(buckets, 0);
  const BookIndex& x = book.index;
  if (!x.built) return report;
  // Bucket by days past due: a table for the common range, the last bucket beyond it.
  const int32_t table_days = edges.empty() ? 1 : edges.back() + 1;
  std::vector<uint8_t> bucket_table(table_days + 1);
  for (int32_t d = 0; d <= table_days; d++)
    bucket_table[d] = static_cast<uint8_t>(aging_bucket_of(edges, d));
  std::vector<int64_t> table(book.customers.size() * buckets, 0);
  std::vector<int64_t> disputed(book.customers.size(), 0);
  // Dispute, plan and extension records need the case file's fold; without any, the
  // invoice flag says it all. An approved extension ages the invoice by its new due date;
  // invoices in an approved plan age by the plan's instalments (below), as the collection
  // position does (core/collection.h), so the dashboard's overdue equals aging's.
  bool records = false;
  for (const CaseRecord& r : book.collection.records)
    records |= r.kind == RecordKind::Dispute || r.kind == RecordKind::Plan ||
               r.kind == RecordKind::Extension;
  CaseState state;
  if (records) state = case_state(book, as_of);
  const std::vector<InvoiceCaseState>& cases = state.invoices;
  auto bucket_of = [&](int32_t days) {
    return days <= 0 ? size_t(0) : days <= table_days ? size_t(bucket_table[days]) : buckets - 1;
  };
  std::vector<int64_t> plan_open(state.plans.size(), 0);  // What its invoices have open.
  for (size_t i = 0; i < book.invoices.size(); i++) {
    const Invoice& v = book.invoices[i];
    if (v.date > as_of) continue;
    int64_t open = invoice_open_minor(book, static_cast<Index>(i), as_of);
    if (open == 0) continue;
    if (records && cases[i].plan != kNone) {
      plan_open[cases[i].plan] += open;
    } else {
      const Date due = records ? cases[i].due : v.due;
      table[size_t(v.customer) * buckets + bucket_of(as_of - due)] += open;
    }
    if (records) {
      disputed[v.customer] += cases[i].disputed_minor;  // Capped at open by case_state.
    } else if (v.flags & kInvoiceDisputed) {
      disputed[v.customer] += open;
    }
  }
  // Each plan's open amount by its instalments, oldest first; what they do not cover (a plan
  // for less than was open) goes with the last one.
  for (size_t k = 0; k < state.plans.size(); k++) {
    const PlanState& plan = state.plans[k];
    int64_t left = plan_open[k];
    if (left == 0 || plan.instalments.empty()) continue;
    const Index customer = book.collection.records[plan.record].customer;
    for (size_t n = 0; n < plan.instalments.size() && left > 0; n++) {
      const InstalmentState& in = plan.instalments[n];
      int64_t take = n + 1 == plan.instalments.size() ? left : std::min(left, in.open_minor);
      table[size_t(customer) * buckets + bucket_of(as_of - in.due)] += take;
      left -= take;
    }
  }
  std::vector<int64_t> unapplied(book.customers.size(), 0);
  for (size_t i = 0; i < book.payments.size(); i++)
    if (book.payments[i].date <= as_of)
      unapplied[book.payments[i].customer] -= x.payment_unapplied_minor[i];
  for (size_t i = 0; i < book.credit_notes.size(); i++)
    if (book.credit_notes[i].date <= as_of)
      unapplied[book.credit_notes[i].customer] -= x.credit_unapplied_minor[i];
  for (const Refund& r : book.refunds)  // Paid back out of that credit (book.h).
    if (r.date <= as_of) unapplied[r.customer] += r.amount_minor;
  std::vector<Index> order(book.customers.size());
  for (size_t c = 0; c < order.size(); c++) order[c] = static_cast<Index>(c);
  std::sort(order.begin(), order.end(),
            [&](Index p, Index q) { return book.customers[p].id < book.customers[q].id; });
  for (Index c : order) {
    CustomerAging row;
    row.customer = c;
    row.amounts_minor.assign(table.begin() + size_t(c) * buckets,
                             table.begin() + size_t(c + 1) * buckets);
    for (int64_t amount : row.amounts_minor) row.open_minor += amount;
    row.unapplied_minor = unapplied[c];
    row.disputed_minor = disputed[c];
    if (row.open_minor == 0 && row.unapplied_minor == 0) continue;
    for (size_t k = 0; k < buckets; k++) report.total_amounts_minor[k] += row.amounts_minor[k];
    report.total_open_minor += row.open_minor;
    report.total_unapplied_minor += row.unapplied_minor;
    report.total_disputed_minor += row.disputed_minor;
    report.customers.push_back(std::move(row));
  }
  return report;
}

}  // namespace arlab
