// casefile.cpp: the collection policy, the case file's rules and its state as of a date.
#include "casefile.h"

#include <algorithm>
#include <unordered_map>

#include "book.h"
#include "dunning.h"
#include "money.h"

namespace arlab {

namespace {

template <typename E, size_t N>
bool parse_enum(std::string_view text, const char* const (&names)[N], E* out) {
  for (size_t i = 0; i < N; i++) {
    if (text == names[i]) {
      *out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

template <size_t N>
const char* name_of(const char* const (&names)[N], size_t i) {
  return i < N ? names[i] : "";
}

const char* const kOwnerNames[] = {"sales", "finance", "credit"};
const char* const kEscalationNames[] = {"internal", "field", "agency", "court"};
const char* const kKindNames[] = {"case",    "contact",   "promise",  "dispute", "resolve",
                                  "plan",    "hold",      "release",  "override", "block",
                                  "unblock", "letter",    "extension", "approval", "recovery",
                                  "review",  "snooze"};
static_assert(sizeof(kKindNames) / sizeof(kKindNames[0]) == kRecordKindCount);
const char* const kChannelNames[] = {"phone", "email", "sms", "letter", "visit"};
const char* const kCauseNames[] = {"unknown",       "negligence", "dispute",
                                   "cash_shortage", "triangular", "deliberate"};
const char* const kCauseLabels[] = {"Not known yet", "Negligence", "Dispute over goods or service",
                                    "Cash shortage", "Triangular debt", "Deliberate default"};
const char* const kStanceNames[] = {"unknown", "cant_pay", "wont_pay"};
const char* const kStanceLabels[] = {"Not known yet", "Can't pay", "Won't pay"};
const char* const kReasonNames[] = {"goods", "service", "price", "delivery", "sales_promise", "other"};
const char* const kReasonLabels[] = {"Goods",    "Service",
                                     "Price",    "Delivery",
                                     "Promise made by sales the contract does not hold",
                                     "Other"};
const char* const kOutcomeNames[] = {"upheld", "rejected", "withdrawn"};
const char* const kActionNames[] = {"concession", "goods_returned", "collateral", "legal"};
const char* const kActionLabels[] = {"Concession", "Goods taken back", "Collateral realised",
                                     "Legal action"};
const char* const kSecurityNames[] = {"none", "guarantee", "prepayment"};
const char* const kStatusNames[] = {"pending", "kept", "broken"};

}  // namespace

const char* work_owner_name(WorkOwner v) { return name_of(kOwnerNames, size_t(v)); }
bool parse_work_owner(std::string_view t, WorkOwner* out) { return parse_enum(t, kOwnerNames, out); }
const char* escalation_name(Escalation v) { return name_of(kEscalationNames, size_t(v)); }
const char* record_kind_name(RecordKind v) { return name_of(kKindNames, size_t(v)); }
bool parse_record_kind(std::string_view t, RecordKind* out) { return parse_enum(t, kKindNames, out); }
const char* channel_name(Channel v) { return name_of(kChannelNames, size_t(v)); }
const char* cause_name(Cause v) { return name_of(kCauseNames, size_t(v)); }
const char* stance_name(Stance v) { return name_of(kStanceNames, size_t(v)); }
const char* dispute_reason_name(DisputeReason v) { return name_of(kReasonNames, size_t(v)); }
const char* outcome_name(Outcome v) { return name_of(kOutcomeNames, size_t(v)); }
const char* recovery_action_name(RecoveryAction v) { return name_of(kActionNames, size_t(v)); }
const char* security_name(Security v) { return name_of(kSecurityNames, size_t(v)); }
const char* cause_label(Cause v) { return name_of(kCauseLabels, size_t(v)); }
const char* stance_label(Stance v) { return name_of(kStanceLabels, size_t(v)); }
const char* dispute_reason_label(DisputeReason v) { return name_of(kReasonLabels, size_t(v)); }
const char* recovery_action_label(RecoveryAction v) { return name_of(kActionLabels, size_t(v)); }
const char* promise_status_name(PromiseStatus v) { return name_of(kStatusNames, size_t(v)); }
bool parse_channel(std::string_view t, Channel* out) { return parse_enum(t, kChannelNames, out); }
bool parse_cause(std::string_view t, Cause* out) { return parse_enum(t, kCauseNames, out); }
bool parse_stance(std::string_view t, Stance* out) { return parse_enum(t, kStanceNames, out); }
bool parse_dispute_reason(std::string_view t, DisputeReason* out) {
  return parse_enum(t, kReasonNames, out);
}
bool parse_outcome(std::string_view t, Outcome* out) { return parse_enum(t, kOutcomeNames, out); }
bool parse_recovery_action(std::string_view t, RecoveryAction* out) {
  return parse_enum(t, kActionNames, out);
}
bool parse_security(std::string_view t, Security* out) { return parse_enum(t, kSecurityNames, out); }

// ---- Policy ---------------------------------------------------------------------------

// The practice names the three letters and who takes a level (001, 002) but no days; these
// are the product's defaults: act at the very start of arrears (001) with the notice, the
// warning two weeks later, the lawyer's letter after a month, each with a stated time limit.
std::vector<DunningLevel> CollectionPolicy::default_levels() {
  return {{"notice", 1, WorkOwner::Sales, 10, ""},
          {"warning", 15, WorkOwner::Finance, 7, ""},
          {"lawyer's letter", 30, WorkOwner::Credit, 7, ""}};
}

// Monthly, quarterly, yearly re-evaluation (002, 003): the better the grade, the longer.
std::vector<GradeReview> CollectionPolicy::default_reviews() {
  return {{"A", 12}, {"B", 6}, {"C", 3}, {"D", 1}, {"", 3}};
}

bool is_letter_placeholder(std::string_view name) {
  for (std::string_view known : {"customer", "customer_id", "date", "level", "invoices", "total",
                                 "days_overdue", "deadline", "consequence", "interest",
                                 "interest_rule"})
    if (name == known) return true;
  return false;
}

int32_t CollectionPolicy::review_months(std::string_view grade) const {
  for (const GradeReview& r : reviews)
    if (r.grade == grade) return r.months;
  for (const GradeReview& r : reviews)
    if (r.grade.empty()) return r.months;
  return 3;
}

// ---- Checking -------------------------------------------------------------------------

namespace {

struct Checker {
  const Book& book;
  std::vector<Problem>* problems;
  bool ok = true;

  bool add(std::string place, std::string message) {
    ok = false;
    if (problems && problems->size() < kProblemsMax)
      problems->push_back({std::move(place), std::move(message)});
    return problems == nullptr || problems->size() < kProblemsMax;
  }
};

std::string record_place(size_t i, const char* member) {
  std::string p = "collection.records[" + std::to_string(i) + "]";
  if (*member) p += std::string(".") + member;
  return p;
}

bool needs_invoices(RecordKind k, size_t* min, size_t* max) {
  switch (k) {
    case RecordKind::Dispute:
    case RecordKind::Block:
    case RecordKind::Unblock:
    case RecordKind::Extension:
    case RecordKind::Override: *min = *max = 1; return true;
    case RecordKind::Letter:
    case RecordKind::Plan: *min = 1; *max = kRecordInvoicesMax; return true;
    case RecordKind::Promise:
    case RecordKind::Contact:
    case RecordKind::Recovery:
    case RecordKind::Snooze: *min = 0; *max = kRecordInvoicesMax; return true;
    default: *min = *max = 0; return false;
  }
}

bool in_date_range(Date d) { return d >= kDateMin && d <= kDateMax; }

// The first "{name}" in a letter template that is not a placeholder ("" when none): a typo
// would otherwise go out to the customer as it stands. A brace alone is text.
std::string unknown_placeholder(std::string_view t) {
  for (size_t at = t.find('{'); at != std::string_view::npos; at = t.find('{', at + 1)) {
    size_t end = t.find('}', at);
    if (end == std::string_view::npos) return "";
    std::string_view name = t.substr(at + 1, end - at - 1);
    bool word = !name.empty() && name.size() <= 40 &&
                std::all_of(name.begin(), name.end(), [](char ch) {
                  return (ch >= 'a' && ch <= 'z') || ch == '_';
                });
    if (!word) continue;
    if (!is_letter_placeholder(name)) return "{" + std::string(name) + "}";
  }
  return "";
}

}  // namespace

bool check_collection(const Book& book, std::vector<Problem>* problems) {
  Checker c{book, problems};
  const CollectionPolicy& p = book.collection.policy;
  // The policy.
  if (p.reminder_days < 0 || p.reminder_days > 365)
    c.add("collection.policy.reminder_days", "must be 0 to 365 days");
  if (p.reminder_template.size() > kLetterTemplateMax)
    c.add("collection.policy.reminder_template",
          "at most 4000 bytes (" + std::to_string(p.reminder_template.size()) + ")");
  else if (std::string bad = unknown_placeholder(p.reminder_template); !bad.empty())
    c.add("collection.policy.reminder_template",
          "unknown placeholder " + bad + " (known: " + kLetterPlaceholders + ")");
  if (p.letter_gap_days < 0 || p.letter_gap_days > 365)
    c.add("collection.policy.letter_gap_days", "must be 0 to 365 days");
  if (p.levels.empty() || p.levels.size() > kDunningLevelsMax)
    c.add("collection.policy.levels", "needs 1 to 9 dunning levels");
  for (size_t i = 0; i < p.levels.size(); i++) {
    const DunningLevel& l = p.levels[i];
    std::string place = "collection.policy.levels[" + std::to_string(i) + "]";
    if (l.name.empty() || l.name.size() > 40) c.add(place + ".name", "needs a name of 1 to 40 bytes");
    if (l.days < 1 || l.days > 3650) c.add(place + ".days", "must be 1 to 3650 days overdue");
    if (i > 0 && l.days <= p.levels[i - 1].days)
      c.add(place + ".days", "must be later than the level before (" +
                                 std::to_string(p.levels[i - 1].days) + " days)");
    if (l.deadline_days < 0 || l.deadline_days > 365)
      c.add(place + ".deadline_days", "must be 0 to 365 days");
    if (l.letter_template.size() > kLetterTemplateMax)
      c.add(place + ".template", "at most 4000 bytes (" +
                                     std::to_string(l.letter_template.size()) + ")");
    else if (std::string bad = unknown_placeholder(l.letter_template); !bad.empty())
      c.add(place + ".template", "unknown placeholder " + bad + " (known: " +
                                     kLetterPlaceholders + ")");
  }
  for (int e = 0; e < kEscalationCount; e++) {
    std::string place = std::string("collection.policy.escalation.") + kEscalationNames[e];
    int32_t d = p.escalation_days[e];
    if (d < 1 || d > 3650) c.add(place, "must be 1 to 3650 days overdue");
    if (e > 0 && d <= p.escalation_days[e - 1])
      c.add(place, std::string("must be later than ") + kEscalationNames[e - 1] + " (" +
                       std::to_string(p.escalation_days[e - 1]) + " days)");
  }
  if (p.approval_over_minor < 0) c.add("collection.policy.approval_over", "must not be negative");
  if (p.reviews.size() > kGradesMax) c.add("collection.policy.reviews", "at most 16 grades");
  for (size_t i = 0; i < p.reviews.size(); i++) {
    std::string place = "collection.policy.reviews[" + std::to_string(i) + "]";
    if (p.reviews[i].months < 1 || p.reviews[i].months > 60)
      c.add(place + ".months", "must be 1 to 60 months");
    if (p.reviews[i].grade.size() > kGradeLengthMax) c.add(place + ".grade", "at most 16 bytes");
    for (size_t j = 0; j < i; j++)
      if (p.reviews[j].grade == p.reviews[i].grade)
        c.add(place + ".grade", "grade \"" + p.reviews[i].grade + "\" given twice");
  }

  // The records.
  std::unordered_map<std::string_view, Index> ids;
  const std::vector<CaseRecord>& rs = book.collection.records;
  ids.reserve(rs.size());
  std::vector<uint8_t> resolved(rs.size(), 0);
  for (size_t i = 0; i < rs.size() && (problems == nullptr || problems->size() < kProblemsMax);
       i++) {
    const CaseRecord& r = rs[i];
    if (r.id.empty() || r.id.size() > 64) c.add(record_place(i, "id"), "needs an id of 1 to 64 bytes");
    auto [it, fresh] = ids.emplace(r.id, Index(i));
    if (!fresh)
      c.add(record_place(i, "id"), "duplicate id \"" + r.id + "\" (first at collection.records[" +
                                       std::to_string(it->second) + "])");
    if (!in_date_range(r.date)) c.add(record_place(i, "date"), "date out of range");
    if (r.customer >= book.customers.size()) {
      c.add(record_place(i, "customer"), "unknown customer");
      continue;
    }
    if (r.text.size() > kRecordTextMax || r.by.size() > 200 || r.with.size() > 200 ||
        r.next_step.size() > kRecordTextMax)
      c.add(record_place(i, "text"), "text too long (at most 4000 bytes)");
    size_t lo = 0, hi = 0;
    needs_invoices(r.kind, &lo, &hi);
    if (r.invoices.size() < lo || r.invoices.size() > hi) {
      c.add(record_place(i, "invoices"),
            hi == 0 ? std::string("a ") + record_kind_name(r.kind) + " record names no invoices"
            : lo == hi ? std::string("a ") + record_kind_name(r.kind) + " names exactly one invoice"
                       : std::string("a ") + record_kind_name(r.kind) + " names at least one invoice");
    }
    for (size_t k = 0; k < r.invoices.size(); k++) {
      Index inv = r.invoices[k];
      std::string place = record_place(i, "invoices") + "[" + std::to_string(k) + "]";
      if (inv >= book.invoices.size()) {
        c.add(place, "unknown invoice");
        continue;
      }
      if (book.invoices[inv].customer != r.customer)
        c.add(place, "invoice " + std::string(book.str(book.invoices[inv].id)) +
                         " is not of customer " + book.customers[r.customer].id);
      else if (book.invoices[inv].date > r.date)
        c.add(place, "invoice " + std::string(book.str(book.invoices[inv].id)) +
                         " is dated after the record (" +
                         format_date(book.invoices[inv].date) + ")");
    }
    bool needs_text = false;
    switch (r.kind) {
      case RecordKind::Promise:
        if (r.amount_minor <= 0) c.add(record_place(i, "amount"), "a promise needs an amount above zero");
        if (r.until == kNoDate || r.until < r.date)
          c.add(record_place(i, "until"), "a promise needs a pay-by date on or after its date");
        break;
      case RecordKind::Dispute:
        if (r.amount_minor < 0) c.add(record_place(i, "amount"), "must not be negative");
        break;
      case RecordKind::Resolve:
      case RecordKind::Approval: {
        auto found = ids.find(r.ref);
        if (r.kind == RecordKind::Resolve) {
          if (found == ids.end() || rs[found->second].kind != RecordKind::Dispute) {
            c.add(record_place(i, "ref"), "no earlier dispute \"" + r.ref + "\"");
          } else if (rs[found->second].date > r.date) {
            c.add(record_place(i, "ref"), "dispute \"" + r.ref + "\" is dated after its resolution");
          } else if (rs[found->second].customer != r.customer) {
            c.add(record_place(i, "ref"), "dispute \"" + r.ref + "\" is of another customer");
          } else if (resolved[found->second]) {
            c.add(record_place(i, "ref"), "dispute \"" + r.ref + "\" is already resolved");
          } else {
            resolved[found->second] = 1;
          }
        } else {
          bool ok = false;
          if (found != ids.end()) {
            const CaseRecord& t = rs[found->second];
            ok = (t.kind == RecordKind::Extension || t.kind == RecordKind::Plan) &&
                 t.date <= r.date && t.customer == r.customer;
          } else {
            Index w = find_write_off(book, r.ref);
            ok = w != kNone && book.invoices[book.write_offs[w].invoice].customer == r.customer;
          }
          if (!ok)
            c.add(record_place(i, "ref"), "no earlier extension, plan or write-off \"" + r.ref +
                                              "\" of this customer to approve");
          if (r.by.empty()) c.add(record_place(i, "by"), "an approval names who approved");
        }
        break;
      }
      case RecordKind::Plan: {
        if (r.instalments.empty() || r.instalments.size() > kInstalmentsMax)
          c.add(record_place(i, "instalments"), "a plan needs 1 to 120 instalments");
        Date last = r.date;
        for (size_t k = 0; k < r.instalments.size(); k++) {
          std::string place = record_place(i, "instalments") + "[" + std::to_string(k) + "]";
          if (r.instalments[k].due <= last || !in_date_range(r.instalments[k].due))
            c.add(place + ".due", "each instalment falls after the plan's date and the one before");
          last = r.instalments[k].due;
          if (r.instalments[k].amount_minor <= 0 || r.instalments[k].amount_minor > kBookTotalMax)
            c.add(place + ".amount", "must be above zero");
        }
        break;
      }
      case RecordKind::Hold:
      case RecordKind::Release:
      case RecordKind::Override:
      case RecordKind::Block: needs_text = true; break;
      case RecordKind::Letter:  // Level 0: the pre-due reminder.
        if (r.level < 0 || size_t(r.level) > p.levels.size())
          c.add(record_place(i, "level"),
                "level " + std::to_string(r.level) + " is not in the policy (1 to " +
                    std::to_string(p.levels.size()) + ")");
        break;
      case RecordKind::Extension:
        needs_text = true;
        if (r.until == kNoDate || !in_date_range(r.until))
          c.add(record_place(i, "until"), "an extension needs the new due date");
        else if (!r.invoices.empty() && r.invoices[0] < book.invoices.size() &&
                 r.until <= book.invoices[r.invoices[0]].due)
          c.add(record_place(i, "until"), "the new due date must be after the invoice's due date (" +
                                              format_date(book.invoices[r.invoices[0]].due) + ")");
        break;
      case RecordKind::Recovery:
        if (r.amount_minor < 0) c.add(record_place(i, "amount"), "must not be negative");
        break;
      case RecordKind::Review:
        if (r.grade.size() > kGradeLengthMax) c.add(record_place(i, "grade"), "at most 16 bytes");
        if (r.amount_minor < -1) c.add(record_place(i, "amount"), "a credit limit is not negative");
        if (r.until != kNoDate && (r.until <= r.date || !in_date_range(r.until)))
          c.add(record_place(i, "until"), "the next review falls after the review");
        break;
      case RecordKind::Snooze:
        if (r.until == kNoDate || r.until <= r.date || !in_date_range(r.until))
          c.add(record_place(i, "until"), "a snooze needs a date after its own");
        break;
      case RecordKind::Contact:
        if (r.next_date != kNoDate && (r.next_date < r.date || !in_date_range(r.next_date)))
          c.add(record_place(i, "next_date"), "the next step falls on or after the contact");
        break;
      default: break;
    }
    if (needs_text && r.text.empty())
      c.add(record_place(i, "text"),
            std::string("a ") + record_kind_name(r.kind) + " needs its reason in \"text\"");
    if (r.amount_minor > kBookTotalMax) c.add(record_place(i, "amount"), "amount too large");
  }
  return c.ok;
}

int64_t approval_amount(const Book& book, const CaseRecord& r) {
  if (r.kind == RecordKind::Plan) {
    int64_t total = 0;
    for (const Instalment& in : r.instalments) total += in.amount_minor;
    return total;
  }
  if (r.kind == RecordKind::Extension && !r.invoices.empty())
    return invoice_open_minor(book, r.invoices[0], r.date);
  return 0;
}

std::vector<Index> awaiting_approval(const Book& book, Index customer, Date as_of) {
  const std::vector<CaseRecord>& rs = book.collection.records;
  std::vector<Index> out;
  for (size_t i = 0; i < rs.size(); ++i) {
    const CaseRecord& r = rs[i];
    if (r.customer != customer || r.date > as_of) continue;
    if (r.kind != RecordKind::Plan && r.kind != RecordKind::Extension) continue;
    if (approval_amount(book, r) <= book.collection.policy.approval_over_minor) continue;
    bool approved = false;
    for (const CaseRecord& a : rs)
      approved |= a.kind == RecordKind::Approval && a.ref == r.id && a.date <= as_of;
    if (!approved) out.push_back(Index(i));
  }
  return out;
}

Index find_record(const Book& book, std::string_view id) {
  const std::vector<CaseRecord>& rs = book.collection.records;
  for (size_t i = 0; i < rs.size(); i++)
    if (rs[i].id == id) return Index(i);
  return kNone;
}

// ---- State as of ----------------------------------------------------------------------

std::vector<Index> customer_records(const Book& book, Index customer, Date as_of) {
  std::vector<Index> out;
  const std::vector<CaseRecord>& rs = book.collection.records;
  for (size_t i = 0; i < rs.size(); i++)
    if (rs[i].customer == customer && rs[i].date <= as_of) out.push_back(Index(i));
  std::stable_sort(out.begin(), out.end(),
                   [&](Index a, Index b) { return rs[a].date < rs[b].date; });
  return out;
}

namespace {

// What the customer paid (payments, not credit notes) dated in [from, to].
struct PaymentWalk {
  const Book& book;
  int64_t paid_between(Index customer, Date from, Date to, int64_t target, Date* reached) const {
    const BookIndex& x = book.index;
    // Payments of the customer in date order are needed to know the day the target is met.
    std::vector<std::pair<Date, int64_t>> pays;
    for (uint32_t k = x.customer_receipt_first[customer]; k < x.customer_receipt_first[customer + 1];
         k++) {
      uint32_t code = x.customer_receipts[k];
      if (code & BookIndex::kCreditBit) continue;
      const Receipt& p = book.payments[code];
      if (p.date >= from && p.date <= to) pays.push_back({p.date, p.amount_minor});
    }
    std::stable_sort(pays.begin(), pays.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    int64_t sum = 0;
    for (const auto& [d, a] : pays) {
      sum += a;
      if (sum >= target && *reached == kNoDate) *reached = d;
    }
    return sum;
  }
};

}  // namespace

PromiseState promise_state(const Book& book, Index record, Date as_of) {
  const CaseRecord& r = book.collection.records[record];
  PromiseState ps;
  ps.record = record;
  if (r.date > as_of) return ps;
  PaymentWalk walk{book};
  ps.paid_minor = walk.paid_between(r.customer, r.date, std::min(r.until, as_of), r.amount_minor,
                                    &ps.kept_on);
  ps.status = ps.paid_minor >= r.amount_minor ? PromiseStatus::Kept
              : as_of > r.until               ? PromiseStatus::Broken
                                              : PromiseStatus::Pending;
  if (ps.status != PromiseStatus::Kept) ps.kept_on = kNoDate;
  return ps;
}

namespace {

// A letter naming any invoice of an approved plan in force duns the plan's instalments that
// were overdue on its date (dunning.h): each is raised to min(the letter's level, its own
// level due on that date), as an invoice is. Records are folded by date, so a plan dated
// after the letter is not in force yet: letters before a plan never count for it.
void plan_letter(const CollectionPolicy& p, CaseState& s, const CaseRecord& r) {
  std::vector<Index> done;  // Plans already raised by this letter (it names them once each).
  for (Index inv : r.invoices) {
    Index plan = s.invoices[inv].plan;
    if (plan == kNone || std::find(done.begin(), done.end(), plan) != done.end()) continue;
    done.push_back(plan);
    for (InstalmentState& in : s.plans[plan].instalments) {
      if (r.date <= in.due) continue;  // Not overdue on the letter's date: not in it.
      int32_t due = dunning_level_due(p, r.date - in.due, in.level_sent);
      in.level_sent = std::max(in.level_sent, std::min(r.level, due));
      in.last_letter = r.date;
    }
  }
}

}  // namespace

namespace {
CaseState case_state_of(const Book& book, Date as_of, bool invoices);
}  // namespace

CaseState case_state(const Book& book, Date as_of) { return case_state_of(book, as_of, true); }

CaseState case_state_customers(const Book& book, Date as_of) {
  return case_state_of(book, as_of, !book.collection.records.empty());
}

namespace {

CaseState case_state_of(const Book& book, Date as_of, bool with_invoices) {
  CaseState s;
  s.as_of = as_of;
  const CollectionPolicy& p = book.collection.policy;
  const std::vector<CaseRecord>& rs = book.collection.records;
  if (with_invoices) {
    s.invoices.resize(book.invoices.size());
    for (size_t i = 0; i < book.invoices.size(); i++) {
      s.invoices[i].due = book.invoices[i].due;
      s.invoices[i].disputed = book.invoices[i].flags & kInvoiceDisputed;
    }
  }
  s.customers.resize(book.customers.size());
  for (size_t c = 0; c < book.customers.size(); c++) {
    s.customers[c].grade = book.customers[c].grade;
    s.customers[c].credit_limit_minor = book.customers[c].credit_limit_minor;
  }
  for (size_t i = 0; i < rs.size(); i++)
    if (rs[i].date <= as_of) s.records.push_back(Index(i));
  std::stable_sort(s.records.begin(), s.records.end(),
                   [&](Index a, Index b) { return rs[a].date < rs[b].date; });

  // Approvals in force as of: extensions and plans above the threshold wait for them.
  std::unordered_map<std::string_view, Date> approved;
  for (Index i : s.records)
    if (rs[i].kind == RecordKind::Approval) approved.emplace(rs[i].ref, rs[i].date);
  auto open_on = [&](const CaseRecord& r, Date d) {
    int64_t sum = 0;
    for (Index inv : r.invoices) sum += invoice_open_minor(book, inv, d);
    return sum;
  };

  PaymentWalk walk{book};
  for (Index i : s.records) {
    const CaseRecord& r = rs[i];
    CustomerCaseState& c = s.customers[r.customer];
    switch (r.kind) {
      case RecordKind::Case:
        c.has_case = true;
        c.case_record = i;
        c.owner = r.owner;
        if (r.cause != Cause::Unknown) c.cause = r.cause;
        if (r.stance != Stance::Unknown) c.stance = r.stance;
        break;
      case RecordKind::Contact:
        c.last_contact = i;
        c.next_date = r.next_date;
        break;
      case RecordKind::Promise: {
        PromiseState ps;
        ps.record = i;
        Date to = std::min(r.until, as_of);
        ps.paid_minor = walk.paid_between(r.customer, r.date, to, r.amount_minor, &ps.kept_on);
        ps.status = ps.paid_minor >= r.amount_minor ? PromiseStatus::Kept
                    : as_of > r.until               ? PromiseStatus::Broken
                                                    : PromiseStatus::Pending;
        if (ps.status != PromiseStatus::Kept) ps.kept_on = kNoDate;
        (ps.status == PromiseStatus::Kept     ? c.promises_kept
         : ps.status == PromiseStatus::Broken ? c.promises_broken
                                              : c.promises_pending)++;
        s.promises.push_back(ps);
        break;
      }
      case RecordKind::Dispute: {
        InvoiceCaseState& v = s.invoices[r.invoices[0]];
        v.disputed = true;
        v.dispute = i;
        v.disputed_minor = r.amount_minor;  // 0: the whole invoice (capped below).
        break;
      }
      case RecordKind::Resolve: {
        Index d = find_record(book, r.ref);
        if (d == kNone) break;
        InvoiceCaseState& v = s.invoices[rs[d].invoices[0]];
        if (v.dispute == d) {
          v.dispute = kNone;
          v.disputed = book.invoices[rs[d].invoices[0]].flags & kInvoiceDisputed;
          v.disputed_minor = 0;
        }
        break;
      }
      case RecordKind::Plan: {
        PlanState ps;
        ps.record = i;
        ps.approved = approval_amount(book, r) <= p.approval_over_minor ||
                      approved.find(r.id) != approved.end();
        ps.open_at_start_minor = open_on(r, r.date);
        ps.paid_minor = std::max<int64_t>(0, ps.open_at_start_minor - open_on(r, as_of));
        int64_t cum = 0;
        for (const Instalment& in : r.instalments) {
          cum += in.amount_minor;
          int64_t open = std::clamp<int64_t>(cum - ps.paid_minor, 0, in.amount_minor);
          ps.instalments.push_back({in.due, in.amount_minor, open});
        }
        if (ps.approved)
          for (Index inv : r.invoices) s.invoices[inv].plan = Index(s.plans.size());
        s.plans.push_back(std::move(ps));
        break;
      }
      case RecordKind::Hold:
        c.manual_hold = i;
        c.release = kNone;
        break;
      case RecordKind::Release:
        c.release = i;
        c.manual_hold = kNone;
        break;
      case RecordKind::Block: s.invoices[r.invoices[0]].blocked = true; break;
      case RecordKind::Unblock: s.invoices[r.invoices[0]].blocked = false; break;
      case RecordKind::Letter:
        // A letter of level L raises an invoice it names to L only as far as the invoice had
        // reached on the letter's date (dunning.h): a warning that also lists a newer invoice
        // sends that one its notice, not a warning it never had the notice for.
        for (Index inv : r.invoices) {
          InvoiceCaseState& v = s.invoices[inv];
          int32_t due = dunning_level_due(p, r.date - v.due, v.level_sent);
          v.level_sent = std::max(v.level_sent, std::min(r.level, due));
          v.last_letter = r.date;
        }
        plan_letter(p, s, r);
        c.last_letter = r.date;
        c.letters_sent++;
        break;
      case RecordKind::Extension: {
        if (approval_amount(book, r) > p.approval_over_minor &&
            approved.find(r.id) == approved.end())
          break;
        InvoiceCaseState& v = s.invoices[r.invoices[0]];
        v.due = r.until;
        v.extended = true;
        break;
      }
      case RecordKind::Review:
        c.last_review = i;
        c.grade = r.grade;
        if (r.amount_minor >= 0) c.credit_limit_minor = r.amount_minor;
        c.security = r.security;
        c.next_review = r.until != kNoDate ? r.until : add_months(r.date, p.review_months(r.grade));
        break;
      case RecordKind::Snooze: c.snoozed_until = r.until; break;
      default: break;
    }
  }
  // Disputed amounts as of: capped at what is open; customers' totals.
  for (size_t i = 0; i < book.invoices.size(); i++) {
    if (!with_invoices) {  // No records: the invoice's own flag, all it has open.
      if (!(book.invoices[i].flags & kInvoiceDisputed)) continue;
      int64_t open = invoice_open_minor(book, Index(i), as_of);
      if (open <= 0) continue;
      CustomerCaseState& c = s.customers[book.invoices[i].customer];
      c.disputes_open++;
      c.disputed_minor += open;
      continue;
    }
    InvoiceCaseState& v = s.invoices[i];
    if (!v.disputed) continue;
    int64_t open = invoice_open_minor(book, Index(i), as_of);
    v.disputed_minor = v.disputed_minor > 0 ? std::min(v.disputed_minor, open) : open;
    if (v.disputed_minor > 0) {
      CustomerCaseState& c = s.customers[book.invoices[i].customer];
      c.disputes_open++;
      c.disputed_minor += v.disputed_minor;
    }
  }
  // Every overdue account has one owner (002): until a "case" record names one, the owner of
  // the highest dunning level sent to the customer, else of the first level.
  if (!p.levels.empty()) {
    std::vector<int32_t> sent(book.customers.size(), 0);
    for (size_t i = 0; i < s.invoices.size(); i++)
      sent[book.invoices[i].customer] = std::max(sent[book.invoices[i].customer], s.invoices[i].level_sent);
    for (size_t c = 0; c < book.customers.size(); c++) {
      if (s.customers[c].has_case) continue;
      size_t level = std::clamp<size_t>(size_t(std::max(sent[c], 1)), 1, p.levels.size());
      s.customers[c].owner = p.levels[level - 1].owner;
    }
  }
  // Reviews: a customer never reviewed is due its first review the policy's months after its
  // first invoice (the account's opening, as far as the book knows).
  for (size_t c = 0; c < book.customers.size(); c++) {
    CustomerCaseState& cs = s.customers[c];
    if (cs.snoozed_until != kNoDate && cs.snoozed_until <= as_of) cs.snoozed_until = kNoDate;
    if (cs.last_review != kNone) continue;
    const BookIndex& x = book.index;
    if (x.customer_invoice_first[c] == x.customer_invoice_first[c + 1]) continue;
    Date first = book.invoices[x.customer_invoices[x.customer_invoice_first[c]]].date;
    if (first > as_of) continue;
    cs.next_review = add_months(first, p.review_months(cs.grade));
  }
  return s;
}

}  // namespace

}  // namespace arlab
