// worklist.cpp: see worklist.h.
#include "worklist.h"

#include <algorithm>
#include <array>

namespace arlab {

const char* work_action_name(WorkAction action) {
  switch (action) {
    case WorkAction::Escalate: return "escalate";
    case WorkAction::Hold: return "hold";
    case WorkAction::Remind: return "remind";
    case WorkAction::Confirm: return "confirm";
  }
  return "";
}

const char* work_action_text(WorkAction action) {
  switch (action) {
    case WorkAction::Escalate: return "Past the hard limit: collect the arrears, escalate";
    case WorkAction::Hold: return "Stop supply until settled";
    case WorkAction::Remind: return "Overdue: remind today, agree a payment date";
    case WorkAction::Confirm: return "Call to confirm the settlement date";
  }
  return "";
}

std::vector<WorkItem> worklist(const Book& book, const CollectionPosition& p) {
  // Per customer, the three invoice actions gathered in one pass over the invoices.
  constexpr int kInvoiceActions = 3;  // Escalate, Remind, Confirm.
  std::vector<std::array<WorkItem, kInvoiceActions>> per(p.customers.size());
  auto slot = [](WorkAction a) {
    return a == WorkAction::Escalate ? 0 : a == WorkAction::Remind ? 1 : 2;
  };
  for (size_t i = 0; i < p.invoices.size(); ++i) {
    const InvoicePosition& ip = p.invoices[i];
    if (ip.open_minor == 0) continue;
    WorkAction action;
    if (ip.stage == Stage::Clearing) {
      action = WorkAction::Escalate;
    } else if (ip.stage == Stage::Coordination) {
      action = WorkAction::Remind;
    } else if (ip.due_soon) {
      action = WorkAction::Confirm;
    } else {
      continue;  // Not due within the reminder days: nothing to do yet.
    }
    WorkItem& w = per[book.invoices[i].customer][slot(action)];
    if (w.invoices == 0 || ip.days_past_due > w.days) {
      w.days = ip.days_past_due;
      w.invoice = static_cast<Index>(i);
    }
    ++w.invoices;
    w.amount_minor += ip.open_minor;
    w.action = action;
  }
  std::vector<WorkItem> out;
  for (size_t c = 0; c < per.size(); ++c) {
    for (WorkItem w : per[c]) {
      if (w.invoices == 0) continue;
      w.customer = static_cast<Index>(c);
      w.owner = w.action == WorkAction::Confirm  ? WorkOwner::Sales
                : w.action == WorkAction::Remind ? WorkOwner::Finance
                                                 : WorkOwner::Credit;
      out.push_back(w);
    }
    const CustomerPosition& cp = p.customers[c];
    if (cp.hold) {
      WorkItem h;
      h.customer = static_cast<Index>(c);
      h.action = WorkAction::Hold;
      h.owner = WorkOwner::Credit;
      h.invoice = cp.worst_invoice;
      h.days = cp.worst_invoice == kNone ? 0 : p.invoices[cp.worst_invoice].days_past_due;
      h.invoices = cp.open_invoice_count;
      h.amount_minor = cp.owed_minor;
      h.hold = cp.hold;
      out.push_back(h);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const WorkItem& a, const WorkItem& b) {
    if (a.action != b.action) return a.action < b.action;
    if (a.days != b.days) return a.days > b.days;
    if (a.amount_minor != b.amount_minor) return a.amount_minor > b.amount_minor;
    return a.customer < b.customer;
  });
  return out;
}

}  // namespace arlab
