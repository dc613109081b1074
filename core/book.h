// book.h: the receivables ledger ("book") and its derived index.
//
// A Book holds documents exactly as posted, in file order: salespeople, customers,
// invoices, payments, credit notes, write-offs and refunds, and the budget. References
// between documents are indices (resolved by the reader in io/). Posted documents are never
// edited: a change is a new document (see edit.h), and undo removes the last one.
//
// build_index() checks every rule of the book format (docs/FORMAT.md) and derives how
// each payment, credit note and write-off is applied. Documents take effect in date order,
// and within one day in this order:
//   1. explicit allocations of payments, then of credit notes (file order);
//   2. the remainder of each payment, then of each credit note (file order), applied
//      automatically to that customer's invoices dated on or before it, oldest due date
//      first (then invoice date, then id), taking what each has open at that moment; booked
//      late-payment charges go before the principal: costs, then interest (kInvoiceCharge);
//   3. write-offs (file order);
//   4. refunds (file order), each covered by the customer's unapplied credit.
// An explicit allocation or write-off may take at most what its invoice has open at that
// point; asking more is a problem (Problem::date_order). What a remainder leaves is the
// customer's unapplied credit. So everything as of D depends only on documents dated on or
// before D: later documents never move what was applied earlier.
// An invoice's open amount as of D = amount - applications dated on or before D.
// Refunds pay unapplied credit back to the customer: they never touch invoices, and each
// must be covered by the customer's unapplied credit as of its date, less the refunds
// before it (date, file order). The budget (targets) is checked for its ranges only.
//
// Usage:
//   arlab::Book book = ...;                        // io/book_json.h reads one
//   std::vector<arlab::Problem> problems;
//   if (!arlab::build_index(book, &problems)) ...  // problems[i].place == "invoices[3].due"
//   int64_t open = arlab::invoice_open_minor(book, 7, arlab::date_from_ymd(2025, 6, 30));
//   book.invoices.push_back(today);                 // A document appended (id interned):
//   arlab::index_appended(book, arlab::DocKind::Invoice, &problems);  // in place if it can
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "casefile.h"
#include "date.h"
#include "events.h"
#include "index.h"

namespace arlab {

constexpr int32_t kDefaultTermsDays = 30;
constexpr size_t kProblemsMax = 100;    // build_index stops collecting after this many.
constexpr size_t kGradeLengthMax = 16;  // Characters of Customer::grade.
// The invoices of a book, its payments and credit notes, and its refunds may each total at
// most this many minor units, so that every sum arlab forms (aging totals, open + unapplied)
// is exact.
constexpr int64_t kBookTotalMax = 4000000000000000000;

// A string in Book::strings (ids of high-volume documents live there, not in std::string).
struct StrRef {
  uint32_t offset = 0;
  uint32_t length = 0;
};

struct Salesperson {
  std::string id;
  std::string name;
};

struct Customer {
  std::string id;
  std::string name;
  Index salesperson = kNone;               // Optional.
  int32_t terms_days = kDefaultTermsDays;  // Due = invoice date + terms when `due` is absent.
  int64_t credit_limit_minor = -1;         // -1: no credit limit given.
  std::string grade;                       // Optional credit grade from the credit file ("A").
};

enum InvoiceFlags : uint8_t {
  kInvoiceDueGiven = 1 << 0,  // `due` was written in the file (kept on save).
  kInvoiceDisputed = 1 << 1,  // `"disputed": true`: the customer contests it (a case to solve).
  // A late-payment charge booked as its own document (`"charge": "costs"` or `"interest"`,
  // core/late_charges.h): a payment's remainder goes to costs, then interest, then the
  // principal (BGB 367(1)); charges bear no interest themselves.
  kInvoiceChargeCosts = 1 << 2,
  kInvoiceChargeInterest = 1 << 3,
  kInvoiceCharge = kInvoiceChargeCosts | kInvoiceChargeInterest,
};
// "costs" -> kInvoiceChargeCosts, "interest" -> kInvoiceChargeInterest, else 0.
uint8_t charge_flag(std::string_view text);
// "costs", "interest", or "" for an invoice that is no charge.
const char* charge_name(uint8_t invoice_flags);

struct Invoice {
  StrRef id;
  Index customer = kNone;
  Date date;
  Date due;
  int64_t amount_minor = 0;
  uint8_t flags = 0;
};

// An explicit allocation of a payment or credit note to one invoice.
struct Allocation {
  Index invoice = kNone;
  int64_t amount_minor = 0;
};

// A payment received, or a credit note issued; both reduce invoices the same way.
struct Receipt {
  StrRef id;
  Index customer = kNone;
  Date date;
  int64_t amount_minor = 0;
  uint32_t allocation_first = 0;  // Into Book::payment_allocations or Book::credit_allocations.
  uint32_t allocation_count = 0;
};

struct WriteOff {
  StrRef id;
  Index invoice = kNone;
  Date date;
  int64_t amount_minor = 0;
};

// Money paid back to a customer out of their unapplied credit (an overpayment, or a credit
// note issued after the invoice was paid). It may name the payment it returns.
struct Refund {
  StrRef id;
  Index customer = kNone;
  Date date;
  int64_t amount_minor = 0;
  Index payment = kNone;  // Optional: the payment returned (same customer, dated on or before).
};

// The receivables budget (domain README, "Management reporting"): targets the actuals are
// shown against each month. -1: no target set.
struct Budget {
  int32_t dso_target_centidays = -1;     // 45.00 days -> 4500.
  int32_t overdue_ratio_target_bp = -1;  // 15% -> 1500 basis points.
  bool given() const { return dso_target_centidays >= 0 || overdue_ratio_target_bp >= 0; }
};

enum class DocKind : uint8_t {
  Book,
  Salesperson,
  Customer,
  Invoice,
  Payment,
  CreditNote,
  WriteOff,
  Refund
};

// Members of a document that arlab does not know, kept verbatim so that a save loses
// nothing. `members_json` is opaque to the core: io/ writes it (`"po":"A-1","x":2`).
struct Extra {
  DocKind kind = DocKind::Book;
  Index index = 0;  // Ignored for DocKind::Book.
  std::string members_json;
};

struct Problem {
  std::string place;    // "payments[3].allocations[0].amount", or "" for the whole book.
  std::string message;  // "allocation to invoice INV-9 of customer C2, not C1"
  // An allocation or write-off that asks more than its invoice has open at its date: the
  // date-order rule refuses it (books written before that rule may hold such documents).
  bool date_order = false;
};

// How a document reduced an invoice: one row per (invoice, source) pair.
enum class ApplicationKind : uint8_t { Payment, CreditNote, WriteOff };
struct Application {
  Date date;
  ApplicationKind kind = ApplicationKind::Payment;
  bool automatic = false;  // Applied by the oldest-due-first rule, not written in the file.
  Index source = kNone;    // Index into payments, credit_notes or write_offs.
  Index invoice = kNone;
  int64_t amount_minor = 0;
};

// Open-addressing hash from id to index (8 bytes a slot, load <= 1/2). Each slot keeps the
// hash's high 32 bits as a tag, so a probe rarely has to touch the document and its id.
struct IdIndex {
  std::vector<uint32_t> slots;  // kNone = empty.
  std::vector<uint32_t> tags;
};

// The sizes the id hashes were built for: build_index rebuilds them only when these change
// (every edit appends a document and interns its id).
struct IdsBuiltFor {
  size_t salespeople = 0, customers = 0, invoices = 0, payments = 0, credit_notes = 0,
         write_offs = 0, refunds = 0;
  size_t strings = 0;
  bool valid = false;
  friend bool operator==(const IdsBuiltFor&, const IdsBuiltFor&) = default;
};

// Everything derived by build_index(); rebuilt after every change.
struct BookIndex {
  bool built = false;
  IdsBuiltFor ids_built_for;
  IdIndex salespeople, customers, invoices, payments, credit_notes, write_offs, refunds;
  std::vector<Application> applications;            // Sorted by (invoice, date, kind, source).
  std::vector<uint32_t> invoice_application_first;  // Size invoices+1: CSR into applications.
  std::vector<int64_t> payment_unapplied_minor;     // Per payment: what no invoice took.
  std::vector<int64_t> credit_unapplied_minor;      // Per credit note.
  std::vector<uint32_t> customer_invoice_first;     // Size customers+1: CSR into below.
  std::vector<Index> customer_invoices;             // Per customer, by (date, file order).
  std::vector<uint32_t> customer_receipt_first;     // Size customers+1: CSR into below.
  std::vector<uint32_t> customer_receipts;          // Payment i, or credit note i | kCreditBit.
  std::vector<uint32_t> customer_refund_first;      // Size customers+1: CSR into below.
  std::vector<Index> customer_refunds;              // Per customer, by (date, file order).
  static constexpr uint32_t kCreditBit = 0x80000000u;
  // Every document as one stream by (date, kind, file order): events.h.
  std::vector<BookEvent> events;
  // What the invoices, the receipts (payments and credit notes) and the refunds total (each
  // at most kBookTotalMax): a document appended checks its list's total with them.
  int64_t invoiced_minor = 0, received_minor = 0, refunded_minor = 0;
};

struct Book {
  std::string currency = "USD";
  int32_t minor_digits = 2;
  std::vector<Salesperson> salespeople;
  std::vector<Customer> customers;
  std::vector<Invoice> invoices;
  std::vector<Receipt> payments;
  std::vector<Receipt> credit_notes;
  std::vector<Allocation> payment_allocations;
  std::vector<Allocation> credit_allocations;
  std::vector<WriteOff> write_offs;
  std::vector<Refund> refunds;
  Budget budget;
  Collection collection;      // The collection policy and the case file (casefile.h).
  std::vector<Extra> extras;  // Sorted by (kind, index).
  std::string strings;        // Pool behind every StrRef.
  BookIndex index;

  std::string_view str(StrRef ref) const {
    return std::string_view(strings).substr(ref.offset, ref.length);
  }
  StrRef intern(std::string_view text);  // Appends to the pool.
};

constexpr const char* kBookFormat = "arlab-book/2";     // Written.
constexpr const char* kBookFormatV1 = "arlab-book/1";   // Read too (no collection section).

// ---- Ids -----------------------------------------------------------------------------
// Finds by id; kNone if absent. Valid after build_index (or index_ids).
Index find_salesperson(const Book& book, std::string_view id);
Index find_customer(const Book& book, std::string_view id);
Index find_invoice(const Book& book, std::string_view id);
Index find_payment(const Book& book, std::string_view id);
Index find_credit_note(const Book& book, std::string_view id);
Index find_write_off(const Book& book, std::string_view id);
Index find_refund(const Book& book, std::string_view id);

// Builds only the id hashes (readers call it to resolve references before build_index).
// Reports duplicate ids: `invoices[5].id: duplicate id "INV-1" (first at invoices[2])`.
bool index_ids(Book& book, std::vector<Problem>* problems);

// ---- Checking and deriving -------------------------------------------------------------
// Checks every rule and derives book.index. On any problem returns false, leaves
// book.index.built false and appends at most kProblemsMax problems.
bool build_index(Book& book, std::vector<Problem>* problems);

// For books planned without the date order (the generator plans each invoice's settlement
// on its own): walks the book in date order and lowers each explicit allocation or
// write-off that asks more than its invoice has open to what is open, lowering its payment
// or credit note by as much; documents that fall to zero are removed. Returns how many were
// lowered. The book must pass every other rule. Never used on a user's book: there, such a
// document is a problem to show (Problem::date_order), not something to change silently.
size_t fit_to_date_order(Book& book);

// ---- Appending a document without rebuilding the index ----------------------------------
// How index_appended() brought the index up to date.
enum class IndexUpdate : uint8_t {
  Incremental,  // The new document's own checks and steps only.
  Rebuilt,      // build_index() from scratch (the result is the same).
  Failed,       // The book with the document breaks a rule: problems say which, as
                // build_index() words them; book.index.built is false.
};
// The last document of one list (`kind`: Customer, Invoice, Payment, CreditNote, WriteOff or
// Refund) was just appended (push_back; a receipt's allocations at the end of its pool, its
// id interned) to a book whose index was built before. Brings book.index to what
// build_index() would derive, member for member, checking the same rules.
// In place when the document takes effect after every document already in the book: its
// date is on or after the book's last date and, on that last date,
//   - an invoice: no payment or credit note of its customer that day has a remainder
//     (which would have been applied to it too);
//   - a payment or credit note: no step of that day comes after its own first one in the
//     date order above (its allocations would go before another receipt's remainder, a
//     credit note's allocations or a write-off of that day; a credit note's before a
//     payment's remainder);
//   - a write-off, a refund, a customer: always.
// In place costs its own checks and steps (O(its allocations); a remainder: O(its
// customer's invoices and their applications)), O(log n) for the id hash and the event
// stream, and one move of the tail of the arrays grouped by invoice or customer that it
// joins in the middle (applications, customer_invoices, customer_receipts, customer_refunds:
// a memmove and an increment of the later groups' starts, no sort, no walk). Measured
// (arlab_bench append): 0.003 ms a document on a 100,000-invoice book (build_index: 20 to
// 70 ms), 0.025 ms on 1,000,000 (build_index: 0.4 to 0.7 s).
// Otherwise (an earlier date, such a same-day conflict, an index not built for the book
// less this document, or a document that breaks a rule, whose problems are then
// build_index()'s own): build_index(). Other kinds (a salesperson): build_index().
IndexUpdate index_appended(Book& book, DocKind kind, std::vector<Problem>* problems);

// ---- Queries (need a built index) --------------------------------------------------------
int64_t invoice_open_minor(const Book& book, Index invoice, Date as_of);  // 0 if dated after.
int64_t invoice_applied_minor(const Book& book, Index invoice, Date as_of, ApplicationKind kind);
// Date of the application that brought the invoice to zero; kNone-like Date{INT32_MIN} if
// the invoice is still open after all documents.
Date invoice_settled_date(const Book& book, Index invoice);
// Unapplied credit of a customer as of D, as a negative number or zero: what its payments
// and credit notes dated on or before D left unapplied, less its refunds dated on or before D.
int64_t customer_unapplied_minor(const Book& book, Index customer, Date as_of);
// The applications of one invoice (span into book.index.applications).
struct ApplicationRange {
  const Application* first;
  const Application* last;
};
ApplicationRange invoice_applications(const Book& book, Index invoice);
// A customer's invoices by (date, file order): a span of book.index.customer_invoices.
struct InvoiceSpan {
  const Index* first;
  const Index* last;
  const Index* begin() const { return first; }
  const Index* end() const { return last; }
};
InvoiceSpan customer_invoices(const Book& book, Index customer);
// A customer's refunds by (date, file order): a span of book.index.customer_refunds.
InvoiceSpan customer_refunds(const Book& book, Index customer);

// When some of `problems` are refusals of the date-order rule (Problem::date_order): one
// paragraph that says why and how to mend them, for the CLI and the app alike; else "".
std::string date_order_advice(const std::vector<Problem>& problems);

// Period of the book: earliest and latest document dates (both {0} for an empty book).
Date book_first_date(const Book& book);
Date book_last_date(const Book& book);

// Moves every date of the book by `days` (negative: earlier): each invoice's date and due
// date, each payment, credit note, write-off and refund. Every gap between two dates stays
// as it was (terms, days past due, the date order), so every figure as of D + days equals
// the figure as of D before. The app opens its sample this way, so that the sample ends
// today. False, and the book unchanged, when a date would leave 1000-01-01..9999-12-31.
// A built index is rebuilt (its applications carry dates).
bool shift_dates(Book& book, int32_t days);

}  // namespace arlab
