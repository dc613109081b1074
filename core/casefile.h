// casefile.h: the collection section of a book (format arlab-book/2): the collection policy
// and the case file, a log of dated records (contacts, promises, disputes, plans, holds,
// letters sent, extensions, approvals, recovery actions, credit reviews).
//
// Like the ledger, the case file is never edited: a change is a new record (a dispute is
// resolved by a "resolve" record, a hold lifted by a "release" record, an owner changed by a
// new "case" record), and undo removes the last one. So the state of a case as of D depends
// only on records dated on or before D, and a letter sent stays sent.
//
// The practice (../shared/domain/README.md, sources 001-004):
//   - every overdue account gets a case file and one owner (002): "case" records;
//   - every contact with the customer is logged as evidence (002, 004): "contact" records
//     with channel (phone, email, SMS, letter, visit), who, what was said, next step and date;
//     the diagnosed cause (negligence, dispute, cash shortage, triangular debt, deliberate
//     default) and won't-pay vs can't-pay (001) ride on "case" records;
//   - three dunning levels, notice, warning, lawyer's letter (001), each owned by sales,
//     finance or credit staff (002): CollectionPolicy::levels, "letter" records;
//   - four stages of a collection: internal, field, agency, court (002): `escalation`;
//   - due-date extensions and large write-offs need approval (001, 002): "extension",
//     "approval" records and CollectionPolicy::approval_over_minor;
//   - instalment plans for customers who can't pay now (002): "plan" records;
//   - stop supply (002, 003, 004): "hold" / "release" records, "override" to deliver anyway;
//   - credit files re-evaluated monthly, quarterly or yearly (002, 003): "review" records
//     and CollectionPolicy::review_months by grade;
//   - bad or dormant accounts: concession, goods taken back, collateral, legal (001, 002):
//     "recovery" records.
//
// Usage:
//   arlab::CaseRecord r;  r.kind = arlab::RecordKind::Promise;  ...
//   book.collection.records.push_back(r);
//   std::vector<arlab::Problem> problems;
//   arlab::check_collection(book, &problems);           // build_index calls it too
//   arlab::CaseState s = arlab::case_state(book, as_of);  // every invoice and customer
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "index.h"

namespace arlab {

struct Book;
struct Problem;

// The three who own collection steps (002): sales before the due date and at the first
// level, finance in arrears, credit for holds, reviews and the lawyer's letter.
enum class WorkOwner : uint8_t { Sales, Finance, Credit };
constexpr int kWorkOwnerCount = 3;
const char* work_owner_name(WorkOwner owner);  // "sales", "finance", "credit"
bool parse_work_owner(std::string_view text, WorkOwner* out);

// ---- The policy ----------------------------------------------------------------------

struct DunningLevel {
  std::string name;              // "notice", "warning", "lawyer's letter"
  int32_t days = 1;              // Sent from this many days overdue.
  WorkOwner owner = WorkOwner::Finance;
  int32_t deadline_days = 10;    // The time limit the letter states (001).
  // The letter's body with placeholders (core/letters.h); "" for the product's default
  // template of its place (first: notice, last: lawyer's letter, between: warning).
  std::string letter_template;
  bool operator==(const DunningLevel&) const = default;
};

constexpr size_t kLetterTemplateMax = 4000;  // Bytes of a level's letter template.
// The placeholders a letter template may hold, in words for messages.
constexpr const char* kLetterPlaceholders =
    "{customer}, {customer_id}, {date}, {level}, {invoices}, {total}, {days_overdue}, "
    "{deadline}, {consequence}, {interest}, {interest_rule}";
// True for a placeholder's name without its braces ("total").
bool is_letter_placeholder(std::string_view name);

// The four stages of a collection (002) after the letters: from these days overdue.
enum class Escalation : uint8_t { Internal, Field, Agency, Court };
constexpr int kEscalationCount = 4;
const char* escalation_name(Escalation e);  // "internal", "field", "agency", "court"

constexpr size_t kDunningLevelsMax = 9;
constexpr size_t kGradesMax = 16;

struct GradeReview {
  std::string grade;   // "A"; "" = customers with no grade.
  int32_t months = 3;  // Re-evaluate the credit file every this many months.
  bool operator==(const GradeReview&) const = default;  // CollectionPolicy's == needs it.
};

struct CollectionPolicy {
  int32_t reminder_days = 7;      // Call this many days before the due date ("due soon").
  std::string reminder_template;  // The pre-due reminder's body; "" for the default.
  std::vector<DunningLevel> levels = default_levels();
  int32_t letter_gap_days = 7;    // At least this many days between two letters to a customer.
  // Days overdue from which each stage starts; Internal is always 1.
  std::array<int32_t, kEscalationCount> escalation_days{1, 45, 90, 180};
  int64_t approval_over_minor = 100000;  // Extensions, plans, write-offs above: approval.
  std::vector<GradeReview> reviews = default_reviews();

  static std::vector<DunningLevel> default_levels();   // notice 1 (sales), warning 15
                                                        // (finance), lawyer's letter 30 (credit)
  static std::vector<GradeReview> default_reviews();   // A 12, B 6, C 3, D 1, none 3
  int32_t review_months(std::string_view grade) const;
  bool operator==(const CollectionPolicy&) const = default;
};

// ---- The records ----------------------------------------------------------------------

enum class RecordKind : uint8_t {
  Case,       // Opens a case or changes its owner, cause, stance.
  Contact,    // A contact with the customer, logged as evidence.
  Promise,    // The customer promised to pay `amount` by `until`.
  Dispute,    // An invoice (or `amount` of it) contested, with a reason.
  Resolve,    // Ends the dispute `ref`.
  Plan,       // Instalments for the customer's invoices `invoices`.
  Hold,       // Stop supply to the customer, by hand, with `text` as the reason.
  Release,    // Lifts a hold by hand (placed or automatic), with a reason.
  Override,   // An invoice accepted while the customer was on hold, with the reason.
  Block,      // An invoice taken out of dunning (reason in `text`).
  Unblock,    // Back into dunning.
  Letter,     // A letter of level `level` sent for `invoices` (a dunning run or by hand).
  Extension,  // The due date of invoices[0] moved to `until`.
  Approval,   // Approves the record (extension, plan) or write-off `ref`.
  Recovery,   // A recovery action on a dead account.
  Review,     // A credit review: grade, limit, guarantee, notes, next review `until`.
  Snooze,     // A worklist item put off until `until`.
};
constexpr int kRecordKindCount = 17;
const char* record_kind_name(RecordKind k);  // "case", "contact", ... (the JSON "kind")
bool parse_record_kind(std::string_view text, RecordKind* out);

enum class Channel : uint8_t { Phone, Email, Sms, Letter, Visit };
enum class Cause : uint8_t { Unknown, Negligence, Dispute, CashShortage, Triangular, Deliberate };
enum class Stance : uint8_t { Unknown, CantPay, WontPay };
enum class DisputeReason : uint8_t { Goods, Service, Price, Delivery, SalesPromise, Other };
enum class Outcome : uint8_t { Upheld, Rejected, Withdrawn };  // Of a resolved dispute.
enum class RecoveryAction : uint8_t { Concession, GoodsReturned, Collateral, Legal };
enum class Security : uint8_t { None, Guarantee, Prepayment };  // Required of the customer.

// Names as in the JSON: "phone", "negligence", "cant_pay", "sales_promise", ...
const char* channel_name(Channel v);
const char* cause_name(Cause v);
const char* stance_name(Stance v);
const char* dispute_reason_name(DisputeReason v);
const char* outcome_name(Outcome v);
const char* recovery_action_name(RecoveryAction v);
const char* security_name(Security v);
// Words for people: "Cash shortage", "Can't pay", "Promise made by sales", ...
const char* cause_label(Cause v);
const char* stance_label(Stance v);
const char* dispute_reason_label(DisputeReason v);
const char* recovery_action_label(RecoveryAction v);
bool parse_channel(std::string_view t, Channel* out);
bool parse_cause(std::string_view t, Cause* out);
bool parse_stance(std::string_view t, Stance* out);
bool parse_dispute_reason(std::string_view t, DisputeReason* out);
bool parse_outcome(std::string_view t, Outcome* out);
bool parse_recovery_action(std::string_view t, RecoveryAction* out);
bool parse_security(std::string_view t, Security* out);

struct Instalment {
  Date due;
  int64_t amount_minor = 0;
};

constexpr size_t kRecordTextMax = 4000;    // Bytes of a record's free text.
constexpr size_t kRecordInvoicesMax = 1000;
constexpr size_t kInstalmentsMax = 120;

// One record. Which members mean something depends on `kind` (docs/FORMAT.md, "collection");
// the others keep their defaults and are not written.
struct CaseRecord {
  std::string id;                // Unique among records ("R-12").
  RecordKind kind = RecordKind::Contact;
  Date date;
  Index customer = kNone;     // Every record is about one customer.
  std::vector<Index> invoices;   // Dispute, Block, Unblock, Extension, Override: one;
                                 // Letter, Plan: one or more; Promise, Contact: optional.
  std::string by;                // Who did it (a name or a role).
  std::string text;              // What was said; the reason; the notes.
  // Contact
  Channel channel = Channel::Phone;
  std::string with;              // The customer's person spoken to.
  std::string next_step;
  Date next_date = kNoDate;
  // Case
  WorkOwner owner = WorkOwner::Finance;
  Cause cause = Cause::Unknown;
  Stance stance = Stance::Unknown;
  // Promise, Dispute (0: the whole invoice), Recovery, Review (the new limit; -1: unchanged)
  int64_t amount_minor = 0;
  Date until = kNoDate;          // Promise: pay by; Extension: new due; Snooze: until;
                                 // Review: the next review (none: by the policy).
  int32_t level = 0;             // Letter: 1-based dunning level.
  DisputeReason reason = DisputeReason::Other;
  Outcome outcome = Outcome::Upheld;
  RecoveryAction action = RecoveryAction::Concession;
  std::string grade;             // Review: the grade given.
  Security security = Security::None;  // Review: guarantee or prepayment required.
  std::string ref;               // Resolve: the dispute; Approval: the record or write-off id.
  std::vector<Instalment> instalments;  // Plan, by due date.

};

struct Collection {
  CollectionPolicy policy;
  bool policy_given = false;        // Written in the file (kept on save even if default).
  std::vector<CaseRecord> records;  // File order; dated, so the as-of state is a fold.
  bool empty() const { return !policy_given && records.empty(); }
};

// Checks the records against the book (after build_index's ledger rules): ids unique and
// non-empty, dates valid, the customer known, invoices of that customer, the members of the
// kind present and in range, refs naming an earlier-or-same-day record of the right kind,
// a letter's level within the policy, instalments dated after the plan and summing to at
// most what the plan's invoices had open at its date. Places: "collection.records[3].until".
bool check_collection(const Book& book, std::vector<Problem>* problems);

// What a record asks approval for (CollectionPolicy::approval_over_minor): a plan's
// instalments in all, an extension's invoice open on its date; 0 for other kinds.
int64_t approval_amount(const Book& book, const CaseRecord& r);
// The customer's plans and extensions dated on or before as_of that are over the threshold
// and have no approval dated on or before as_of: what the app offers to approve.
std::vector<Index> awaiting_approval(const Book& book, Index customer, Date as_of);

// Finds a record by id (linear); kNone if absent.
Index find_record(const Book& book, std::string_view id);

// ---- The state as of a date -----------------------------------------------------------

enum class PromiseStatus : uint8_t { Pending, Kept, Broken };
const char* promise_status_name(PromiseStatus s);  // "pending", "kept", "broken"

struct PromiseState {
  Index record = 0;
  PromiseStatus status = PromiseStatus::Pending;
  int64_t paid_minor = 0;  // Payments of the customer from the promise's date to its `until`
                           // (or to as_of, if earlier).
  Date kept_on = kNoDate;  // The day the payments reached the amount.
};

struct InstalmentState {
  Date due;
  int64_t amount_minor = 0;
  int64_t open_minor = 0;  // What the plan's payments have not yet covered, oldest first.
  // Dunned on its own (core/dunning.h): the highest letter level sent for it, from the
  // letters dated after its due date that name any of the plan's invoices (letters before the
  // plan's date do not count: the plan starts its dunning afresh), and the latest such letter.
  int32_t level_sent = 0;
  Date last_letter = kNoDate;
};

struct PlanState {
  Index record = 0;
  bool approved = true;        // False while it needs an approval it has not had.
  int64_t open_at_start_minor = 0;  // What its invoices had open on its date.
  int64_t paid_minor = 0;      // How much of that is paid as of.
  std::vector<InstalmentState> instalments;
};

struct InvoiceCaseState {
  bool disputed = false;        // The invoice's own flag, or an open dispute record.
  int64_t disputed_minor = 0;   // The amount disputed (capped at what is open).
  Index dispute = kNone;     // The open dispute record.
  bool blocked = false;         // Taken out of dunning by hand.
  int32_t level_sent = 0;       // The highest letter level sent for it (0: none).
  Date last_letter = kNoDate;
  Date due;                     // Its due date with approved extensions (else the book's).
  bool extended = false;
  Index plan = kNone;        // In the PlanState at this index of CaseState::plans.
};

struct CustomerCaseState {
  bool has_case = false;
  Index case_record = kNone;  // The latest "case" record.
  // The case's one owner: the latest "case" record's; before any, the owner of the highest
  // dunning level sent (none sent: the first level's).
  WorkOwner owner = WorkOwner::Finance;
  Cause cause = Cause::Unknown;
  Stance stance = Stance::Unknown;
  Index manual_hold = kNone;  // The hold record in force (placed by hand), or none.
  Index release = kNone;      // The latest release after the latest hold, or none.
  Index last_contact = kNone;
  Date next_date = kNoDate;      // The next step's date of the latest contact.
  Date last_letter = kNoDate;
  int32_t letters_sent = 0;
  Index last_review = kNone;
  Date next_review = kNoDate;    // By the last review's `until`, or the policy's months.
  std::string grade;             // As of: the last review's grade, else the customer's.
  int64_t credit_limit_minor = -1;  // As of: the last review's limit, else the customer's.
  Security security = Security::None;
  uint32_t promises_kept = 0, promises_broken = 0, promises_pending = 0;
  uint32_t disputes_open = 0;
  int64_t disputed_minor = 0;
  Date snoozed_until = kNoDate;  // The latest snooze in force.
};

struct CaseState {
  Date as_of;
  std::vector<InvoiceCaseState> invoices;    // One per book invoice.
  std::vector<CustomerCaseState> customers;  // One per book customer.
  std::vector<PromiseState> promises;        // One per promise record dated on or before.
  std::vector<PlanState> plans;              // One per plan record dated on or before.
  std::vector<Index> records;                // Records dated on or before, by (date, file).
};

// Needs a built index and a collection that passes check_collection. Linear in the book
// plus the records.
CaseState case_state(const Book& book, Date as_of);
// The same without the per-invoice states (`invoices` left empty) when the book has no case
// records: the customers' part only (grade, limit, next review, owner). The collection
// position of a big book without a case file takes this (no 1,000,000-entry vector).
CaseState case_state_customers(const Book& book, Date as_of);

// One promise record's state as of a date, as case_state folds it (kept, broken, pending and
// what was paid towards it). Linear in the customer's receipts.
PromiseState promise_state(const Book& book, Index record, Date as_of);

// The records of one customer dated on or before as_of, by (date, file order): its timeline.
std::vector<Index> customer_records(const Book& book, Index customer, Date as_of);

}  // namespace arlab
