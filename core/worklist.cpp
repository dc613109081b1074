// worklist.cpp: see worklist.h.
//
// [SECTION] Names and levels
// [SECTION] The items
// [SECTION] The ranking
// [SECTION] Steps and records
#include "worklist.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "credit_score.h"
#include "money.h"

namespace arlab {

// ---- [SECTION] Names and levels ---------------------------------------------------------

const char* work_action_name(WorkAction action) {
  switch (action) {
    case WorkAction::Escalate: return "escalate";
    case WorkAction::Hold: return "hold";
    case WorkAction::Remind: return "remind";
    case WorkAction::Confirm: return "confirm";
    case WorkAction::Chase: return "chase";
    case WorkAction::Send: return "send";
    case WorkAction::Call: return "call";
    case WorkAction::Review: return "review";
    case WorkAction::Release: return "release";
  }
  return "";
}

const char* work_action_text(WorkAction action) {
  switch (action) {
    case WorkAction::Escalate: return "Past the hard limit: collect the arrears, escalate";
    case WorkAction::Hold: return "Stop supply until settled";
    case WorkAction::Remind: return "Overdue: remind today, agree a payment date";
    case WorkAction::Confirm: return "Call to confirm the settlement date";
    case WorkAction::Chase: return "A promise to pay was broken: call at once";
    case WorkAction::Send: return "Send the dunning letter due";
    case WorkAction::Call: return "Call: the next step is due";
    case WorkAction::Review: return "Review the credit file";
    case WorkAction::Release: return "Release the hold: within the limit, nothing past it";
  }
  return "";
}

int work_action_priority(WorkAction action) {
  switch (action) {
    case WorkAction::Escalate: return 0;
    case WorkAction::Hold: return 1;
    case WorkAction::Chase: return 2;
    case WorkAction::Send: return 3;
    case WorkAction::Remind: return 4;
    case WorkAction::Call: return 5;
    case WorkAction::Release: return 6;
    case WorkAction::Review: return 7;
    case WorkAction::Confirm: return 8;
  }
  return kWorkActionCount;
}

int32_t level_due(const CollectionPolicy& policy, const InvoicePosition& ip) {
  if (ip.open_minor == 0 || ip.blocked || ip.chase_minor() == 0 || ip.days_past_due <= 0)
    return 0;
  int32_t level = 0;
  for (size_t k = 0; k < policy.levels.size(); ++k)
    if (ip.days_past_due >= policy.levels[k].days) level = int32_t(k + 1);
  return level > ip.level_sent ? level : 0;
}

// ---- [SECTION] The items ----------------------------------------------------------------

namespace {

WorkOwner case_owner(const CustomerCaseState& cs) {
  return cs.has_case ? cs.owner : WorkOwner::Finance;
}

// Adds an invoice (or its plan's instalment) to a per-customer item: the oldest sets the age.
void add_invoice(WorkItem& w, Index invoice, const InvoicePosition& ip, int64_t amount) {
  if (w.invoices == 0 || ip.days_past_due > w.days) {
    w.days = ip.days_past_due;
    w.invoice = invoice;
    w.instalment = ip.instalment;
  }
  ++w.invoices;
  w.amount_minor += amount;
}

// The amount of an invoice that an item chases: open less disputed; for an invoice in a
// plan, what its instalment has open (the plan's other invoices add nothing more).
int64_t chase_amount(const CollectionPosition& p, const InvoicePosition& ip, bool* counted) {
  if (ip.plan == kNone) return ip.chase_minor();
  if (ip.instalment < 0) return ip.chase_minor();
  if (counted[0]) return 0;
  counted[0] = true;
  return p.plans[ip.plan].instalments[ip.instalment].open_minor;
}

struct Gather {
  const Book& book;
  const CollectionPosition& p;
  std::vector<WorkItem> out;
  // Letters and reviews are suggested once the book keeps a collection section: without one
  // it has no letter or review history, and every overdue invoice and every customer would
  // be "due" since its first day (worklist.h).
  bool keeps_case_file = !book.collection.empty();

  // Escalate, remind, confirm and the letters of one customer, from its invoices.
  void invoices(Index c, const CustomerCaseState& cs) {
    const CollectionPolicy& policy = p.policy;
    WorkItem escalate, remind, confirm;
    // One letter per customer (core/dunning.h): at the highest level due among its invoices,
    // for every invoice with a level due.
    WorkItem send;
    std::unordered_map<Index, std::array<bool, 4>> plan_counted;  // Per plan and action.
    Date contact = cs.last_contact == kNone ? kNoDate
                                            : book.collection.records[cs.last_contact].date;
    const bool gap_ok = cs.last_letter == kNoDate ||
                        p.as_of - cs.last_letter >= policy.letter_gap_days;
    for (Index i : customer_invoices(book, c)) {
      const InvoicePosition& ip = p.invoices[i];
      if (ip.open_minor == 0 || ip.chase_minor() == 0) continue;
      bool none[4] = {false, false, false, false};
      bool* counted = ip.plan == kNone ? none : plan_counted[ip.plan].data();
      if (ip.stage == Stage::Clearing) {
        add_invoice(escalate, i, ip, chase_amount(p, ip, &counted[0]));
      } else if (ip.stage == Stage::Coordination) {
        // Reminded already when contacted on or after the day it fell due.
        if (contact == kNoDate || contact <= ip.due)
          add_invoice(remind, i, ip, chase_amount(p, ip, &counted[1]));
      } else if (ip.due_soon) {
        add_invoice(confirm, i, ip, chase_amount(p, ip, &counted[2]));
      }
      int32_t level = keeps_case_file ? level_due(policy, ip) : 0;
      if (level > 0 && gap_ok) {
        add_invoice(send, i, ip, chase_amount(p, ip, &counted[3]));
        send.letter = std::max(send.letter, level);
      }
    }
    const int32_t top_level = send.letter;
    if (send.invoices > 0) {
      send.action = WorkAction::Send;
      send.owner = policy.levels[size_t(top_level - 1)].owner;
      push(c, send);
    }
    escalate.action = WorkAction::Escalate;
    escalate.owner = WorkOwner::Credit;
    remind.action = WorkAction::Remind;
    remind.owner = WorkOwner::Finance;
    confirm.action = WorkAction::Confirm;
    confirm.owner = WorkOwner::Sales;
    for (WorkItem* w : {&escalate, &remind, &confirm}) {
      if (w->invoices == 0) continue;
      if (w->action != WorkAction::Confirm) w->letter = top_level;
      push(c, *w);
    }
  }

  // Chase, call, hold, release and review: from the customer and its case.
  void customer(Index c, const CustomerPosition& cp, const CustomerCaseState& cs) {
    const std::vector<CaseRecord>& rs = book.collection.records;
    Date contact = cs.last_contact == kNone ? kNoDate : rs[cs.last_contact].date;
    // The latest broken promise not followed up by a contact after its pay-by date.
    const PromiseState* broken = nullptr;
    for (const PromiseState& ps : p.cases.promises) {
      if (rs[ps.record].customer != c || ps.status != PromiseStatus::Broken) continue;
      if (contact != kNoDate && contact > rs[ps.record].until) continue;
      if (!broken || rs[ps.record].until >= rs[broken->record].until) broken = &ps;
    }
    if (broken) {
      const CaseRecord& r = rs[broken->record];
      WorkItem w;
      w.action = WorkAction::Chase;
      w.owner = case_owner(cs);
      w.record = broken->record;
      w.days = p.as_of - r.until;
      w.amount_minor = std::max<int64_t>(0, r.amount_minor - broken->paid_minor);
      if (!r.invoices.empty()) w.invoice = r.invoices[0];
      push(c, w);
    }
    // Call: the next step is due, or overdue with no contact for kFollowUpDays.
    bool next_due = cs.next_date != kNoDate && cs.next_date <= p.as_of;
    bool follow_up = cp.overdue_minor - cp.disputed_minor > 0 && contact != kNoDate &&
                     cp.days_overdue_max > 0 && contact > p.as_of - cp.days_overdue_max &&
                     p.as_of - contact >= kFollowUpDays;
    if ((next_due || follow_up) && !broken) {
      WorkItem w;
      w.action = WorkAction::Call;
      w.owner = case_owner(cs);
      w.record = cs.last_contact;
      w.days = next_due ? p.as_of - cs.next_date : p.as_of - contact;
      w.amount_minor = cp.overdue_minor;
      w.invoice = cp.oldest_invoice;
      w.invoices = cp.open_invoice_count;
      push(c, w);
    }
    uint8_t automatic_in_force = cp.hold & kHoldAutomatic;
    if (automatic_in_force && cp.hold_record == kNone) {
      WorkItem h;
      h.action = WorkAction::Hold;
      h.owner = WorkOwner::Credit;
      h.invoice = cp.worst_invoice;
      h.days = cp.worst_invoice == kNone ? 0 : p.invoices[cp.worst_invoice].days_past_due;
      h.instalment = cp.worst_invoice == kNone ? -1 : p.invoices[cp.worst_invoice].instalment;
      h.invoices = cp.open_invoice_count;
      h.amount_minor = cp.owed_minor;
      h.hold = cp.hold;
      push(c, h);
    }
    if (cp.hold_record != kNone && cp.automatic == kHoldNone) {
      WorkItem r;
      r.action = WorkAction::Release;
      r.owner = WorkOwner::Credit;
      r.record = cp.hold_record;
      r.days = p.as_of - rs[cp.hold_record].date;
      r.invoices = cp.open_invoice_count;
      r.amount_minor = cp.owed_minor;
      r.hold = cp.hold;
      push(c, r);
    }
    if (keeps_case_file && cs.next_review != kNoDate && cs.next_review <= p.as_of &&
        cp.open_invoice_count > 0) {
      WorkItem r;
      r.action = WorkAction::Review;
      r.owner = WorkOwner::Credit;
      r.record = cs.last_review;
      r.days = p.as_of - cs.next_review;
      r.invoices = cp.open_invoice_count;
      r.amount_minor = cp.owed_minor;
      push(c, r);
    }
  }

  void push(Index c, WorkItem w) {
    w.customer = c;
    w.broken = p.cases.customers[c].promises_broken;
    out.push_back(w);
  }
};

}  // namespace

std::vector<WorkItem> worklist(const Book& book, const CollectionPosition& p, uint32_t* snoozed) {
  Gather g{book, p, {}};
  uint32_t left_out = 0;
  for (size_t c = 0; c < p.customers.size(); ++c) {
    const CustomerCaseState& cs = p.cases.customers[c];
    size_t before = g.out.size();
    g.invoices(Index(c), cs);
    g.customer(Index(c), p.customers[c], cs);
    if (cs.snoozed_until != kNoDate && cs.snoozed_until > p.as_of) {
      left_out += uint32_t(g.out.size() - before);
      g.out.resize(before);
    }
  }
  if (snoozed) *snoozed = left_out;

  // ---- [SECTION] The ranking ------------------------------------------------------------
  // Payment scores only for ties on action, age and amount, each customer's at most once.
  std::unordered_map<Index, int32_t> scores;
  auto score = [&](Index c) {
    auto it = scores.find(c);
    if (it != scores.end()) return it->second;
    PaymentScore s = payment_score(book, c, p.as_of);
    int32_t v = s.enough_history ? s.score : 50;
    scores.emplace(c, v);
    return v;
  };
  std::vector<WorkItem>& out = g.out;
  std::stable_sort(out.begin(), out.end(), [&](const WorkItem& a, const WorkItem& b) {
    int pa = work_action_priority(a.action), pb = work_action_priority(b.action);
    if (pa != pb) return pa < pb;
    if (a.days != b.days) return a.days > b.days;
    if (a.amount_minor != b.amount_minor) return a.amount_minor > b.amount_minor;
    if (a.customer != b.customer) {
      int32_t sa = score(a.customer), sb = score(b.customer);
      if (sa != sb) return sa < sb;
      if (a.broken != b.broken) return a.broken > b.broken;
    }
    if (a.customer != b.customer) return a.customer < b.customer;
    return a.letter > b.letter;
  });
  return out;
}

// ---- [SECTION] Steps and records --------------------------------------------------------

namespace {

std::string invoices_note(const WorkItem& w) {
  return w.invoices > 1 ? "; " + std::to_string(w.invoices) + " invoices" : "";
}

std::string instalment_note(const WorkItem& w) {
  return w.instalment >= 0 ? " (plan instalment " + std::to_string(w.instalment + 1) + ")" : "";
}

}  // namespace

std::string work_item_step(const Book& book, const CollectionPosition& p, const WorkItem& w) {
  const std::vector<CaseRecord>& rs = book.collection.records;
  auto money = [&](int64_t minor) { return format_amount_grouped(minor, book.minor_digits); };
  switch (w.action) {
    case WorkAction::Escalate:
    case WorkAction::Remind:
    case WorkAction::Confirm:
      return work_action_text(w.action) + instalment_note(w) + invoices_note(w);
    case WorkAction::Hold:
      return std::string(work_action_text(w.action)) + " (" +
             hold_reasons_text(w.hold & kHoldAutomatic) + ")" + invoices_note(w);
    case WorkAction::Send: {
      const DunningLevel& l = p.policy.levels[w.letter - 1];
      return "Send the " + l.name + " (level " + std::to_string(w.letter) + ", pay within " +
             std::to_string(l.deadline_days) + " d)" + instalment_note(w) + invoices_note(w);
    }
    case WorkAction::Chase: {
      const CaseRecord& r = rs[w.record];
      return "Promise of " + money(r.amount_minor) + " by " + format_date(r.until) +
             " broken (" + money(w.amount_minor) + " unpaid): call, ask why, agree anew";
    }
    case WorkAction::Call: {
      const CustomerCaseState& cs = p.cases.customers[w.customer];
      if (cs.next_date != kNoDate && cs.next_date <= p.as_of) {
        const CaseRecord& r = rs[cs.last_contact];
        return "Next step due " + format_date(cs.next_date) +
               (r.next_step.empty() ? std::string() : ": " + r.next_step);
      }
      return "No contact for " + std::to_string(w.days) + " d while overdue: follow up";
    }
    case WorkAction::Release:
      return "Release the hold of " + format_date(rs[w.record].date) + " (" + rs[w.record].text +
             "): owes " + money(w.amount_minor) + ", within the limit, nothing past it";
    case WorkAction::Review: {
      const CustomerCaseState& cs = p.cases.customers[w.customer];
      return "Review the credit file (due " + format_date(cs.next_review) + "; grade " +
             (cs.grade.empty() ? std::string("none") : cs.grade) + ": every " +
             std::to_string(p.policy.review_months(cs.grade)) + " months)";
    }
  }
  return "";
}

NewRecord worklist_done_record(const Book& book, const CollectionPosition& p, const WorkItem& w,
                               Date date, const std::string& by, const std::string& text) {
  NewRecord n;
  CaseRecord& r = n.record;
  n.customer_id = book.customers[w.customer].id;
  r.date = date;
  r.by = by;
  r.text = text.empty() ? work_item_step(book, p, w) : text;
  const CustomerCaseState& cs = p.cases.customers[w.customer];
  switch (w.action) {
    case WorkAction::Send:
      r.kind = RecordKind::Letter;
      r.level = w.letter;
      for (Index i : customer_invoices(book, w.customer))  // Every invoice with a level due.
        if (level_due(p.policy, p.invoices[i]) > 0)
          n.invoice_ids.push_back(std::string(book.str(book.invoices[i].id)));
      break;
    case WorkAction::Hold:
      r.kind = RecordKind::Hold;
      if (text.empty()) r.text = hold_reasons_line(book, p, w.customer);
      break;
    case WorkAction::Release:
      r.kind = RecordKind::Release;
      break;
    case WorkAction::Review:
      r.kind = RecordKind::Review;
      r.grade = cs.grade;
      r.amount_minor = -1;  // The limit unchanged.
      r.security = cs.security;
      break;
    default:
      r.kind = RecordKind::Contact;
      r.channel = Channel::Phone;
      if (w.invoice != kNone)
        n.invoice_ids.push_back(std::string(book.str(book.invoices[w.invoice].id)));
      break;
  }
  return n;
}

}  // namespace arlab
