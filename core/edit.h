// edit.h: changes to a book as commands with apply / revert, and an undo history.
//
// Posted documents are never edited in place: every change appends a document, and undo
// removes it again. A command is accepted only if the book still passes build_index() with
// it (the same rules as the loader); otherwise it is reverted and the problems returned.
// The index is brought up to date by index_appended (book.h): in place when the document
// comes after every other (today's entries), else rebuilt; undo rebuilds it.
// The budget is the one value changed in place: SetBudget keeps the budget it replaced
// (History::apply records it), and undo puts that back.
//
// Usage:
//   arlab::History history;
//   arlab::NewInvoice inv{"INV-100", "C1", date, std::nullopt, 120000};
//   std::vector<arlab::Problem> problems;
//   if (!history.apply(book, arlab::Edit{inv}, &problems)) show(problems);
//   history.undo(book);  history.redo(book);
//   history.apply(book, arlab::Edit{arlab::SetBudget{{4500, 1500}}}, &problems);  // 45 d, 15%
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "book.h"

namespace arlab {

struct NewCustomer {
  std::string id, name, salesperson_id;  // salesperson_id may be empty.
  int32_t terms_days = kDefaultTermsDays;
  int64_t credit_limit_minor = -1;
  std::string grade;  // Credit grade ("A"); empty: none.
};
struct NewInvoice {
  std::string id, customer_id;
  Date date;
  std::optional<Date> due;  // Default: date + the customer's terms.
  int64_t amount_minor = 0;
  bool disputed = false;  // kInvoiceDisputed.
  uint8_t charge = 0;     // kInvoiceChargeCosts or kInvoiceChargeInterest: a booked charge.
};
struct NewAllocation {
  std::string invoice_id;
  int64_t amount_minor = 0;
};
struct NewReceipt {  // A payment or a credit note.
  bool credit_note = false;
  std::string id, customer_id;
  Date date;
  int64_t amount_minor = 0;
  std::vector<NewAllocation> allocations;  // Remainder is applied oldest-due-first.
};
struct NewWriteOff {
  std::string id, invoice_id;
  Date date;
  int64_t amount_minor = 0;
};

struct NewRefund {  // Money paid back out of the customer's unapplied credit.
  std::string id, customer_id;
  Date date;
  int64_t amount_minor = 0;
  std::string payment_id;  // The payment returned; empty: none named.
};
struct SetBudget {
  Budget budget;    // The new targets (-1: none).
  Budget previous;  // Filled by History::apply: what undo restores.
};

// A record of the case file (casefile.h): `record` as it will stand, except that its customer
// and invoices are named by id here (the record's own `customer` and `invoices` are ignored).
// An empty record id gets the next free one ("R-1", "R-2", ...).
struct NewRecord {
  CaseRecord record;
  std::string customer_id;
  std::vector<std::string> invoice_ids;
};
// The collection policy, changed in place like the budget (undo restores the previous one).
struct SetPolicy {
  CollectionPolicy policy;
  CollectionPolicy previous;     // Filled by History::apply.
  bool previous_given = false;
};
using Edit = std::variant<NewCustomer, NewInvoice, NewReceipt, NewWriteOff, NewRefund, SetBudget,
                          NewRecord, SetPolicy>;

std::string describe(const Edit& edit,
                     const Book& book);  // "Invoice INV-100 to Acme (C1): 1,200.00 on 2025-01-05"

class History {
 public:
  // Applies and updates the index (index_appended); on problems reverts (book unchanged)
  // and returns false.
  bool apply(Book& book, const Edit& edit, std::vector<Problem>* problems);
  bool can_undo() const { return done_count_ > 0; }
  bool can_redo() const { return done_count_ < edits_.size(); }
  void undo(Book& book);
  void redo(Book& book);
  void clear() {
    edits_.clear();
    strings_before_.clear();
    done_count_ = 0;
  }
  const std::vector<Edit>& edits() const { return edits_; }
  size_t done_count() const { return done_count_; }

 private:
  std::vector<Edit> edits_;
  std::vector<size_t> strings_before_;  // Book::strings size before each edit (undo trims it).
  size_t done_count_ = 0;
};

// The new document's own id, checked before anything else of the edit is known (a form checks
// it with its dates and amounts, so that every problem of the form shows at once): empty, or
// already used by a document of its list. Problems with place "id", in plain words
// ("INV-1 is already used by another invoice"). None for SetBudget. Needs the id hashes.
std::vector<Problem> edit_id_problems(const Book& book, const Edit& edit);

// The next free record id: "R-" and one more than the highest "R-<n>" in use.
std::string next_record_id(const Book& book);

// NewRecord and SetPolicy change only the case file: the ledger's index stays as it is.
bool case_file_edit(const Edit& edit);

// Lower-level: append / remove the document an edit describes (no index rebuild).
// append_edit returns false with a problem when a referenced id is unknown.
bool append_edit(Book& book, const Edit& edit, std::vector<Problem>* problems);
void remove_last(Book& book, const Edit& edit);

}  // namespace arlab
