// case_view.cpp: a customer's case in plain words (case_view.h).
#include "case_view.h"

#include <algorithm>

#include "money.h"

namespace arlab {

namespace {

const char* const kSourceNames[] = {"invoice", "payment", "credit_note", "write_off", "refund",
                                    "record"};
const char* const kChannelWords[] = {"Phone call", "Email", "SMS", "Letter", "Visit"};
const char* const kOutcomeWords[] = {"upheld", "rejected", "withdrawn"};
const char* const kSecurityWords[] = {"no security", "guarantee required", "prepayment required"};

std::string invoice_list(const Book& book, const std::vector<Index>& invoices) {
  std::string out;
  for (size_t k = 0; k < invoices.size(); ++k) {
    if (k == 3) {
      out += " and " + std::to_string(invoices.size() - 3) + " more";
      break;
    }
    if (k) out += ", ";
    out += book.str(book.invoices[invoices[k]].id);
  }
  return out;
}

}  // namespace

const char* timeline_source_name(TimelineSource s) { return kSourceNames[int(s)]; }

std::string record_summary(const Book& book, const CaseRecord& r, const CaseState& state,
                           std::string* what) {
  auto money = [&](int64_t m) { return format_amount_grouped(m, book.minor_digits); };
  const std::string invs = invoice_list(book, r.invoices);
  std::string text;
  switch (r.kind) {
    case RecordKind::Case:
      *what = "Case";
      text = std::string("owner ") + work_owner_name(r.owner);
      if (r.cause != Cause::Unknown) text += "; cause: " + std::string(cause_label(r.cause));
      if (r.stance != Stance::Unknown) text += "; " + std::string(stance_label(r.stance));
      break;
    case RecordKind::Contact:
      *what = kChannelWords[int(r.channel)];
      if (!r.with.empty()) text = "with " + r.with + ": ";
      text += r.text;
      if (!r.next_step.empty() || r.next_date != kNoDate) {
        text += " Next: " + (r.next_step.empty() ? std::string("follow up") : r.next_step);
        if (r.next_date != kNoDate) text += " by " + format_date(r.next_date);
      }
      break;
    case RecordKind::Promise: {
      *what = "Promise";
      text = "to pay " + money(r.amount_minor) + " by " + format_date(r.until);
      for (const PromiseState& p : state.promises) {
        if (&book.collection.records[p.record] != &r) continue;
        text += p.status == PromiseStatus::Kept ? ": kept on " + format_date(p.kept_on)
                : p.status == PromiseStatus::Broken
                    ? ": broken (" + money(p.paid_minor) + " paid by then)"
                    : ": pending (" + money(p.paid_minor) + " paid so far)";
      }
      break;
    }
    case RecordKind::Dispute:
      *what = "Dispute";
      text = invs + (r.amount_minor > 0 ? " (" + money(r.amount_minor) + ")" : "") + ": " +
             dispute_reason_label(r.reason);
      if (!r.text.empty()) text += ". " + r.text;
      break;
    case RecordKind::Resolve: *what = "Dispute resolved"; text = r.ref + " " + kOutcomeWords[int(r.outcome)]; break;
    case RecordKind::Plan: {
      *what = "Payment plan";
      int64_t total = 0;
      for (const Instalment& in : r.instalments) total += in.amount_minor;
      text = invs + ": " + std::to_string(r.instalments.size()) + " instalment" +
             (r.instalments.size() == 1 ? "" : "s") + ", " + money(total);
      if (!r.instalments.empty())
        text += ", " + format_date(r.instalments.front().due) + " to " +
                format_date(r.instalments.back().due);
      for (const PlanState& p : state.plans)
        if (&book.collection.records[p.record] == &r && !p.approved) text += " (awaiting approval)";
      break;
    }
    case RecordKind::Hold: *what = "Hold placed"; text = r.text; break;
    case RecordKind::Release: *what = "Hold released"; text = r.text; break;
    case RecordKind::Override: *what = "Accepted on hold"; text = invs + ": " + r.text; break;
    case RecordKind::Block: *what = "Out of dunning"; text = invs + ": " + r.text; break;
    case RecordKind::Unblock: *what = "Back in dunning"; text = invs; break;
    case RecordKind::Letter: {
      const std::vector<DunningLevel>& levels = book.collection.policy.levels;
      *what = r.level == 0 ? std::string("Reminder") : "Letter " + std::to_string(r.level);
      if (r.level >= 1 && size_t(r.level) <= levels.size()) *what += " (" + levels[r.level - 1].name + ")";
      text = "for " + invs;
      break;
    }
    case RecordKind::Extension:
      *what = "Due date moved";
      text = invs + " to " + format_date(r.until) + ": " + r.text;
      break;
    case RecordKind::Approval: *what = "Approved"; text = r.ref; break;
    case RecordKind::Recovery:
      *what = "Recovery";
      text = std::string(recovery_action_label(r.action)) +
             (r.amount_minor > 0 ? " (" + money(r.amount_minor) + ")" : "") +
             (r.text.empty() ? "" : ": " + r.text);
      break;
    case RecordKind::Review:
      *what = "Credit review";
      text = "grade " + (r.grade.empty() ? std::string("none") : r.grade) +
             (r.amount_minor >= 0 ? ", limit " + money(r.amount_minor) : "") + ", " +
             kSecurityWords[int(r.security)] + (r.text.empty() ? "" : ". " + r.text);
      break;
    case RecordKind::Snooze: *what = "Snoozed"; text = "until " + format_date(r.until); break;
  }
  if (!r.by.empty()) text += " (" + r.by + ")";
  if (r.kind != RecordKind::Contact && r.kind != RecordKind::Dispute &&
      r.kind != RecordKind::Hold && r.kind != RecordKind::Release &&
      r.kind != RecordKind::Override && r.kind != RecordKind::Block &&
      r.kind != RecordKind::Extension && r.kind != RecordKind::Recovery &&
      r.kind != RecordKind::Review && r.kind != RecordKind::Plan && !r.text.empty())
    text += " " + r.text;
  return text;
}

CaseView case_view(const Book& book, Index customer, Date as_of) {
  CaseView v;
  v.customer = customer;
  v.as_of = as_of;
  CaseState s = case_state(book, as_of);
  v.state = s.customers[customer];
  const std::vector<CaseRecord>& rs = book.collection.records;
  for (const PromiseState& p : s.promises) {
    const CaseRecord& r = rs[p.record];
    if (r.customer != customer) continue;
    v.promises.push_back({p.record, p.status, r.amount_minor, p.paid_minor, r.date, r.until, p.kept_on});
  }
  for (const PlanState& p : s.plans)
    if (rs[p.record].customer == customer) v.plans.push_back(p);
  auto money = [&](int64_t m) { return format_amount_grouped(m, book.minor_digits); };
  for (Index i : customer_invoices(book, customer)) {
    const Invoice& inv = book.invoices[i];
    if (inv.date > as_of) continue;
    const InvoiceCaseState& is = s.invoices[i];
    if (is.disputed && is.disputed_minor > 0)
      v.disputes.push_back({is.dispute, i, is.disputed_minor,
                            is.dispute == kNone ? DisputeReason::Other : rs[is.dispute].reason});
    TimelineEntry e{inv.date, TimelineSource::Invoice, i, "Invoice",
                    "due " + format_date(inv.due),
                    inv.amount_minor};
    if (const char* c = charge_name(inv.flags); *c) e.what = std::string("Charge (") + c + ")";
    v.timeline.push_back(std::move(e));
  }
  // What each receipt paid, from the customer's invoices' applications (not the book's).
  std::vector<const Application*> apps;
  for (Index i : customer_invoices(book, customer)) {
    ApplicationRange range = invoice_applications(book, i);
    for (const Application* a = range.first; a != range.last; ++a)
      if (a->date <= as_of) apps.push_back(a);
  }
  std::stable_sort(apps.begin(), apps.end(), [](const Application* a, const Application* b) {
    return a->kind != b->kind ? a->kind < b->kind : a->source < b->source;
  });
  auto applied = [&](ApplicationKind kind, Index source) {
    auto lo = std::lower_bound(apps.begin(), apps.end(), std::make_pair(kind, source),
                               [](const Application* a, std::pair<ApplicationKind, Index> k) {
                                 return a->kind != k.first ? a->kind < k.first : a->source < k.second;
                               });
    std::string out;
    size_t n = 0;
    for (auto it = lo; it != apps.end() && (*it)->kind == kind && (*it)->source == source; ++it) {
      if (n++ == 3) {
        out += ", ...";
        break;
      }
      out += (out.empty() ? "to " : ", ") +
             std::string(book.str(book.invoices[(*it)->invoice].id)) + " " + money((*it)->amount_minor);
    }
    return out;
  };
  const BookIndex& x = book.index;
  for (uint32_t k = x.customer_receipt_first[customer]; k < x.customer_receipt_first[customer + 1];
       ++k) {
    uint32_t code = x.customer_receipts[k];
    bool credit = code & BookIndex::kCreditBit;
    Index i = code & ~BookIndex::kCreditBit;
    const Receipt& r = credit ? book.credit_notes[i] : book.payments[i];
    if (r.date > as_of) continue;
    v.timeline.push_back({r.date, credit ? TimelineSource::CreditNote : TimelineSource::Payment, i,
                          credit ? "Credit note" : "Payment",
                          applied(credit ? ApplicationKind::CreditNote : ApplicationKind::Payment, i),
                          -r.amount_minor});
  }
  for (size_t i = 0; i < book.write_offs.size(); ++i) {
    const WriteOff& w = book.write_offs[i];
    if (w.date > as_of || book.invoices[w.invoice].customer != customer) continue;
    v.timeline.push_back({w.date, TimelineSource::WriteOff, Index(i), "Write-off",
                          "of " + std::string(book.str(book.invoices[w.invoice].id)),
                          -w.amount_minor});
  }
  for (Index i : customer_refunds(book, customer)) {
    const Refund& r = book.refunds[i];
    if (r.date > as_of) continue;
    v.timeline.push_back({r.date, TimelineSource::Refund, i, "Refund", "of unapplied credit",
                          r.amount_minor});
  }
  for (size_t i = 0; i < rs.size(); ++i) {
    const CaseRecord& r = rs[i];
    if (r.customer != customer || r.date > as_of) continue;
    if (r.kind == RecordKind::Case && v.case_id.empty()) v.case_id = r.id;
    TimelineEntry e{r.date, TimelineSource::Record, Index(i), "", "", 0};
    e.text = record_summary(book, r, s, &e.what);
    v.timeline.push_back(std::move(e));
  }
  std::stable_sort(v.timeline.begin(), v.timeline.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) {
                     if (a.date != b.date) return a.date < b.date;
                     if (a.source != b.source) return a.source < b.source;
                     return a.index < b.index;
                   });
  return v;
}

Index case_customer(const Book& book, std::string_view case_id) {
  Index r = find_record(book, case_id);
  if (r == kNone || book.collection.records[r].kind != RecordKind::Case) return kNone;
  return book.collection.records[r].customer;
}

}  // namespace arlab
