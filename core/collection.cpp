// collection.cpp: see collection.h.
#include "collection.h"

#include <algorithm>
#include <cassert>

namespace arlab {

const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::Credit: return "Credit period";
    case Stage::Coordination: return "Coordination period";
    case Stage::Clearing: return "Clearing period";
  }
  return "";
}

CollectionPosition collection_position(const Book& book, Date as_of,
                                       const CollectionPolicy& policy) {
  assert(book.index.built);
  CollectionPosition p;
  p.as_of = as_of;
  p.policy = policy;
  p.invoices.assign(book.invoices.size(), InvoicePosition{});
  p.customers.assign(book.customers.size(), CustomerPosition{});
  std::vector<int32_t> worst_over(book.customers.size(), INT32_MIN);
  for (size_t i = 0; i < book.invoices.size(); ++i) {
    const Invoice& inv = book.invoices[i];
    InvoicePosition& ip = p.invoices[i];
    ip.days_past_due = as_of - inv.due;
    ip.period_days = inv.due - inv.date;
    ip.limit_days = one_third_limit(ip.period_days);
    if (inv.date > as_of) continue;  // Does not exist yet.
    ++p.invoices_existing;
    ip.open_minor = invoice_open_minor(book, static_cast<Index>(i), as_of);
    if (ip.open_minor == 0) continue;
    ip.stage = stage_of(ip.days_past_due, ip.limit_days);
    ip.due_soon = ip.days_past_due <= 0 && ip.days_past_due >= -policy.reminder_days;
    CustomerPosition& cp = p.customers[inv.customer];
    cp.open_minor += ip.open_minor;
    if (ip.days_past_due > 0) cp.overdue_minor += ip.open_minor;
    if (cp.open_invoice_count++ == 0 || ip.days_past_due > cp.days_overdue_max) {
      cp.days_overdue_max = ip.days_past_due;
      cp.oldest_invoice = static_cast<Index>(i);
    }
    int32_t over = ip.days_past_due - ip.limit_days;
    if (over > worst_over[inv.customer]) {
      worst_over[inv.customer] = over;
      cp.worst_invoice = static_cast<Index>(i);
    }
    cp.stage = std::max(cp.stage, ip.stage);
    if (ip.stage == Stage::Clearing) ++cp.past_limit_count;
    if (ip.due_soon) {
      cp.due_soon_minor += ip.open_minor;
      ++cp.due_soon_count;
    }
    p.stage_minor[static_cast<int>(ip.stage)] += ip.open_minor;
  }
  for (size_t c = 0; c < book.customers.size(); ++c) {
    CustomerPosition& cp = p.customers[c];
    cp.unapplied_minor = customer_unapplied_minor(book, static_cast<Index>(c), as_of);
    cp.owed_minor = cp.open_minor + cp.unapplied_minor;
    int64_t limit = book.customers[c].credit_limit_minor;
    if (limit >= 0 && cp.owed_minor > limit) cp.hold |= kHoldOverLimit;
    if (cp.past_limit_count > 0) cp.hold |= kHoldPastLimit;
    if (cp.hold) ++p.on_hold_count;
    if (cp.open_invoice_count > 0) ++p.stage_customers[static_cast<int>(cp.stage)];
    p.open_minor += cp.open_minor;
    p.overdue_minor += cp.overdue_minor;
    p.unapplied_minor += cp.unapplied_minor;
    p.due_soon_minor += cp.due_soon_minor;
    p.due_soon_count += cp.due_soon_count;
  }
  return p;
}

}  // namespace arlab
