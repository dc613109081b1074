// collection.cpp: see collection.h.
//
// [SECTION] Invoices and plans
// [SECTION] Customers and holds
// [SECTION] Releases
// [SECTION] Reasons in words
#include "collection.h"

#include <algorithm>
#include <cassert>
#include <map>

#include "money.h"

namespace arlab {

const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::Credit: return "Credit period";
    case Stage::Coordination: return "Coordination period";
    case Stage::Clearing: return "Clearing period";
  }
  return "";
}

namespace {

// ---- [SECTION] Invoices and plans -----------------------------------------------------

// The plans as of: each instalment's age and stage (its own period: since the instalment
// before, the first since the plan's date).
void position_plans(const Book& book, CollectionPosition& p) {
  const std::vector<CaseRecord>& rs = book.collection.records;
  for (const PlanState& ps : p.cases.plans) {
    const CaseRecord& r = rs[ps.record];
    PlanPosition pp;
    pp.record = ps.record;
    pp.customer = r.customer;
    pp.approved = ps.approved;
    Date before = r.date;
    for (size_t k = 0; k < ps.instalments.size(); ++k) {
      const InstalmentState& in = ps.instalments[k];
      InstalmentPosition ip;
      ip.due = in.due;
      ip.amount_minor = in.amount_minor;
      ip.open_minor = in.open_minor;
      ip.days_past_due = p.as_of - in.due;
      ip.period_days = in.due - before;
      ip.limit_days = one_third_limit(ip.period_days);
      before = in.due;
      if (ip.open_minor > 0) {
        ip.stage = stage_of(ip.days_past_due, ip.limit_days);
        if (pp.oldest_open < 0) pp.oldest_open = int32_t(k);
        pp.open_minor += ip.open_minor;
        if (ip.days_past_due > 0) pp.overdue_minor += ip.open_minor;
      }
      pp.instalments.push_back(ip);
    }
    p.plans.push_back(std::move(pp));
  }
}

// Letters sent for a plan's invoices after the plan: the plan's instalments are dunned on
// their own, so letters about the invoices' own due dates do not count against them.
void plan_letters(const Book& book, CollectionPosition& p) {
  const std::vector<CaseRecord>& rs = book.collection.records;
  for (Index i : p.cases.records) {
    const CaseRecord& r = rs[i];
    if (r.kind != RecordKind::Letter) continue;
    for (Index inv : r.invoices) {
      InvoicePosition& ip = p.invoices[inv];
      if (ip.plan == kNone || r.date <= rs[p.plans[ip.plan].record].date) continue;
      ip.level_sent = std::max(ip.level_sent, r.level);
      ip.last_letter = r.date;
    }
  }
}

void position_invoices(const Book& book, CollectionPosition& p,
                       std::vector<InvoiceCaseState>& cases) {
  for (size_t i = 0; i < book.invoices.size(); ++i) {
    const Invoice& inv = book.invoices[i];
    InvoicePosition& ip = p.invoices[i];
    InvoiceCaseState own;  // No case file: the book's due date, the flag's whole amount.
    if (cases.empty()) {
      own.due = inv.due;
      own.disputed = inv.flags & kInvoiceDisputed;
      own.disputed_minor = INT64_MAX;  // Capped at what is open below.
    }
    const InvoiceCaseState& cs = cases.empty() ? own : cases[i];
    ip.due = cs.due;
    ip.blocked = cs.blocked;
    ip.level_sent = cs.level_sent;
    ip.last_letter = cs.last_letter;
    if (cs.plan != kNone && p.plans[cs.plan].approved) {
      ip.plan = cs.plan;
      ip.level_sent = 0;  // Counted again from the plan's date (plan_letters).
      ip.last_letter = kNoDate;
    }
    ip.period_days = ip.due - inv.date;
    if (ip.plan != kNone && p.plans[ip.plan].oldest_open >= 0) {
      const PlanPosition& pp = p.plans[ip.plan];
      ip.instalment = pp.oldest_open;
      ip.due = pp.instalments[pp.oldest_open].due;
      ip.period_days = pp.instalments[pp.oldest_open].period_days;
    }
    ip.days_past_due = p.as_of - ip.due;
    ip.limit_days = one_third_limit(ip.period_days);
    if (inv.date > p.as_of) continue;  // Does not exist yet.
    ++p.invoices_existing;
    ip.open_minor = invoice_open_minor(book, static_cast<Index>(i), p.as_of);
    if (ip.open_minor == 0) continue;
    ip.disputed_minor = cs.disputed ? std::min(cs.disputed_minor, ip.open_minor) : 0;
    ip.stage = stage_of(ip.days_past_due, ip.limit_days);
    ip.due_soon = ip.days_past_due <= 0 && ip.days_past_due >= -p.policy.reminder_days;
  }
  plan_letters(book, p);
}

// ---- [SECTION] Customers and holds ----------------------------------------------------

void position_customers(const Book& book, CollectionPosition& p) {
  std::vector<int32_t> worst_over(book.customers.size(), INT32_MIN);
  for (size_t i = 0; i < book.invoices.size(); ++i) {
    const InvoicePosition& ip = p.invoices[i];
    if (ip.open_minor == 0) continue;
    const Index customer = book.invoices[i].customer;
    CustomerPosition& cp = p.customers[customer];
    cp.open_minor += ip.open_minor;
    cp.disputed_minor += ip.disputed_minor;
    // A plan's invoices are overdue by its instalments (added below), not by themselves.
    if (ip.plan == kNone && ip.days_past_due > 0) cp.overdue_minor += ip.open_minor;
    if (cp.open_invoice_count++ == 0 || ip.days_past_due > cp.days_overdue_max) {
      cp.days_overdue_max = ip.days_past_due;
      cp.oldest_invoice = static_cast<Index>(i);
    }
    p.stage_minor[static_cast<int>(ip.stage)] += ip.open_minor;
    if (ip.due_soon) {
      cp.due_soon_minor += ip.open_minor;
      ++cp.due_soon_count;
    }
    if (ip.chase_minor() == 0) continue;  // Wholly disputed: not chased, not held for.
    int32_t over = ip.days_past_due - ip.limit_days;
    if (over > worst_over[customer]) {
      worst_over[customer] = over;
      cp.worst_invoice = static_cast<Index>(i);
    }
    cp.stage = std::max(cp.stage, ip.stage);
    if (ip.stage == Stage::Clearing) ++cp.past_limit_count;
  }
  for (const PlanPosition& pp : p.plans)
    if (pp.approved) p.customers[pp.customer].overdue_minor += pp.overdue_minor;
  for (size_t c = 0; c < book.customers.size(); ++c) {
    CustomerPosition& cp = p.customers[c];
    const CustomerCaseState& cs = p.cases.customers[c];
    cp.unapplied_minor = customer_unapplied_minor(book, static_cast<Index>(c), p.as_of);
    cp.owed_minor = cp.open_minor + cp.unapplied_minor;
    cp.credit_limit_minor = cs.credit_limit_minor;
    if (cp.credit_limit_minor >= 0 && cp.owed_minor > cp.credit_limit_minor)
      cp.automatic |= kHoldOverLimit;
    if (cp.past_limit_count > 0) cp.automatic |= kHoldPastLimit;
    cp.hold = cp.automatic;
    cp.hold_record = cs.manual_hold;
    if (cp.hold_record != kNone) cp.hold |= kHoldManual;
  }
}

// ---- [SECTION] Releases ---------------------------------------------------------------

CollectionPosition position_of(const Book& book, Date as_of, const CollectionPolicy& policy,
                               bool releases);

// A release lifts the reasons present at its date until something new happens
// (collection.h). One position per distinct release date, shared by its customers.
void apply_releases(const Book& book, CollectionPosition& p) {
  const std::vector<CaseRecord>& rs = book.collection.records;
  std::map<Date, std::vector<Index>> by_date;
  for (size_t c = 0; c < p.customers.size(); ++c) {
    Index r = p.cases.customers[c].release;
    if (r != kNone) by_date[rs[r].date].push_back(Index(c));
  }
  for (const auto& [date, customers] : by_date) {
    CollectionPosition then = position_of(book, date, p.policy, false);
    for (Index c : customers) {
      CustomerPosition& now = p.customers[c];
      const CustomerPosition& was = then.customers[c];
      bool fresh = false;
      if (now.automatic & kHoldOverLimit)
        fresh = !(was.automatic & kHoldOverLimit) || now.owed_minor > was.owed_minor;
      if (now.automatic & kHoldPastLimit) {
        for (Index i : customer_invoices(book, c)) {
          const InvoicePosition& ip = p.invoices[i];
          if (ip.stage == Stage::Clearing && ip.chase_minor() > 0 &&
              then.invoices[i].stage != Stage::Clearing)
            fresh = true;
        }
      }
      if (fresh) continue;  // Back on hold for every reason it has.
      now.release_record = p.cases.customers[c].release;
      now.owed_at_release_minor = was.owed_minor;
      now.lifted = now.automatic;
      now.hold &= static_cast<uint8_t>(~now.automatic);
    }
  }
}

CollectionPosition position_of(const Book& book, Date as_of, const CollectionPolicy& policy,
                               bool releases) {
  assert(book.index.built);
  CollectionPosition p;
  p.as_of = as_of;
  p.policy = policy;
  // Without case records, no per-invoice case state: each invoice's own due date and flag.
  p.cases = case_state_customers(book, as_of);
  std::vector<InvoiceCaseState> invoice_cases = std::move(p.cases.invoices);
  p.cases.invoices.clear();
  p.invoices.assign(book.invoices.size(), InvoicePosition{});
  p.customers.assign(book.customers.size(), CustomerPosition{});
  position_plans(book, p);
  position_invoices(book, p, invoice_cases);
  invoice_cases = {};  // Freed before the release positions are made.
  position_customers(book, p);
  if (releases) apply_releases(book, p);
  for (size_t c = 0; c < book.customers.size(); ++c) {
    const CustomerPosition& cp = p.customers[c];
    if (cp.hold) ++p.on_hold_count;
    if (cp.open_invoice_count > 0) ++p.stage_customers[static_cast<int>(cp.stage)];
    p.open_minor += cp.open_minor;
    p.overdue_minor += cp.overdue_minor;
    p.unapplied_minor += cp.unapplied_minor;
    p.due_soon_minor += cp.due_soon_minor;
    p.due_soon_count += cp.due_soon_count;
    p.disputed_minor += cp.disputed_minor;
  }
  return p;
}

}  // namespace

CollectionPosition collection_position(const Book& book, Date as_of) {
  return position_of(book, as_of, book.collection.policy, true);
}

CollectionPosition collection_position(const Book& book, Date as_of,
                                       const CollectionPolicy& policy) {
  return position_of(book, as_of, policy, true);
}

// ---- [SECTION] Reasons in words -------------------------------------------------------

std::string hold_reasons_text(uint8_t hold) {
  std::string out;
  auto add = [&](const char* s) { out += (out.empty() ? "" : ", ") + std::string(s); };
  if (hold & kHoldOverLimit) add("over credit limit");
  if (hold & kHoldPastLimit) add("past 1/3 limit");
  if (hold & kHoldManual) add("on hold by hand");
  return out;
}

namespace {

// "Ann, 2025-02-25" or "2025-02-25": who and when of a record.
std::string by_and_date(const CaseRecord& r) {
  return (r.by.empty() ? "" : r.by + ", ") + format_date(r.date);
}

}  // namespace

std::string hold_reasons_line(const Book& book, const CollectionPosition& p, Index customer) {
  const CustomerPosition& c = p.customers[customer];
  const int digits = book.minor_digits;
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : "; ") + s; };
  if (c.hold & kHoldOverLimit)
    add("over credit limit (owes " + format_amount_grouped(c.owed_minor, digits) + ", limit " +
        format_amount_grouped(c.credit_limit_minor, digits) + ")");
  if ((c.hold & kHoldPastLimit) && c.worst_invoice != kNone) {
    const InvoicePosition& w = p.invoices[c.worst_invoice];
    std::string what = std::string(book.str(book.invoices[c.worst_invoice].id));
    if (w.instalment >= 0) what += " (instalment " + std::to_string(w.instalment + 1) + ")";
    add("past 1/3 limit (" + what + " " + std::to_string(w.days_past_due) +
        " d overdue, limit " + std::to_string(w.limit_days) + " d" +
        (c.past_limit_count > 1 ? "; " + std::to_string(c.past_limit_count) + " invoices" : "") +
        ")");
  }
  if (c.hold & kHoldManual) {
    const CaseRecord& r = book.collection.records[c.hold_record];
    add("on hold by hand: " + r.text + " (" + by_and_date(r) + ")");
  }
  return out;
}

std::string hold_release_line(const Book& book, const CollectionPosition& p, Index customer) {
  const CustomerPosition& c = p.customers[customer];
  if (c.release_record == kNone || c.lifted == kHoldNone) return "";
  const CaseRecord& r = book.collection.records[c.release_record];
  return "released " + format_date(r.date) + (r.by.empty() ? "" : " by " + r.by) + ": " +
         r.text + " (lifts: " + hold_reasons_text(c.lifted) + ")";
}

}  // namespace arlab
