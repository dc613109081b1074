// statement.h: a customer's statement of account over a period [from, to].
//
// The practice sends monthly statements that the customer confirms (stamped): the confirmed
// balance is then binding (../shared/domain/README.md). A statement shows:
//   - the opening balance at from - 1: what the customer owes then, i.e. open invoices minus
//     unapplied credit (book.h: customer_unapplied_minor);
//   - every invoice, payment, credit note, write-off and refund of the customer dated in
//     [from, to], ordered by date, then invoices, payments, credit notes, write-offs,
//     refunds, then file order; invoices and refunds (money paid back out of unapplied
//     credit) count +, the others -, each line with the running balance;
//   - the closing balance at `to` (== opening + sum of the lines: asserted);
//   - the aging of what is open at `to`, invoice by invoice (core/aging.h buckets);
//   - for each payment and credit note, the invoices it reduced (from book.index).
// Every application is dated on its source document, so the balance moves only on lines.
//
// Usage:
//   Statement s = compute_statement(book, find_customer(book, "C1"), from, to);
//   s.lines[0].balance_minor == s.opening_minor + s.lines[0].amount_minor
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "book.h"
#include "date.h"

namespace arlab {

// The order of kinds on one date (invoices first, so a same-day payment never shows a
// negative running balance it never had).
enum class StatementLineKind : uint8_t { Invoice, Payment, CreditNote, WriteOff, Refund };

// One invoice reduced by a payment or credit note (all its applications to it, summed).
struct StatementApplied {
  Index invoice = kNone;
  int64_t amount_minor = 0;
};

struct StatementLine {
  Date date;
  StatementLineKind kind = StatementLineKind::Invoice;
  Index document = kNone;     // Into invoices, payments, credit_notes, write_offs or refunds.
  Index invoice = kNone;      // Invoice: itself; write-off: the invoice written off.
  Date due;                   // Invoices only.
  int64_t amount_minor = 0;   // + for invoices and refunds, - for the others.
  int64_t balance_minor = 0;  // Running balance after this line.
  std::vector<StatementApplied> applied;  // Payments and credit notes: invoices they reduced.
};

// An invoice still open at `to`.
struct StatementOpenItem {
  Index invoice = kNone;
  int32_t days_past_due = 0;  // to - due; <= 0 is current.
  size_t bucket = 0;          // aging_bucket_of(edges, days_past_due).
  int64_t open_minor = 0;
};

struct Statement {
  Index customer = kNone;
  Date from, to;
  int64_t opening_minor = 0;  // At from - 1: open invoices + unapplied credit (<= 0).
  int64_t closing_minor = 0;  // At to.
  std::vector<StatementLine> lines;
  // Aging at `to`: open invoices only; unapplied credit apart (closing = open + unapplied).
  std::vector<int32_t> edges;
  std::vector<std::string> bucket_names;
  std::vector<int64_t> aging_amounts_minor;   // One per bucket.
  int64_t open_minor = 0;                     // Sum of aging_amounts_minor.
  int64_t unapplied_minor = 0;                // Zero or negative.
  std::vector<StatementOpenItem> open_items;  // By (invoice date, file order).
};

// Needs a built index, a valid customer index and from <= to (all asserted).
Statement compute_statement(const Book& book, Index customer, Date from, Date to,
                            const std::vector<int32_t>& edges);
// With the default aging edges {30, 60, 90}.
Statement compute_statement(const Book& book, Index customer, Date from, Date to);

// What the customer owes at the end of `as_of`: open invoices + unapplied credit.
int64_t customer_balance_minor(const Book& book, Index customer, Date as_of);

}  // namespace arlab
