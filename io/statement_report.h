// statement_report.h: a customer's statement of account (core/statement.h) as a printable
// HTML page, a plain-text page and CSV.
//
// The HTML page is self-contained (inline CSS, no scripts, no external files), A4 wide, and
// prints on A4 (@media print); it ends with the confirmation block the practice asks for
// ("We confirm the balance of ... as of ... is correct", signature, name, stamp and date).
// The header is firm-neutral ("Statement of account"): arlab books have no firm name.
// All text from the book is escaped. Amounts: grouped ("1,360.00") in HTML and text, plain
// ("1360.00") in CSV.
//
// CSV: `customer_id,customer_name,date,type,document,due,applied_to,amount,balance`; first
// an `opening` row (dated from - 1), one row a line, then a `closing` row (dated `to`).
// `applied_to` lists the invoices a payment or credit note reduced ("A-0 50.00; A-2 200.00"),
// the invoice a write-off wrote off, or the payment a refund returns (type `refund`, a
// positive amount: money paid back raises the balance).
//
// Usage:
//   Statement s = compute_statement(book, customer, from, to);
//   std::string page = statement_html(book, s);
#pragma once
#include <string>

#include "core/book.h"
#include "core/statement.h"

namespace arlab {

std::string statement_html(const Book& book, const Statement& statement);
std::string statement_text(const Book& book, const Statement& statement);
std::string statement_csv(const Book& book, const Statement& statement);

// "Invoice", "Payment", "Credit note", "Write-off".
const char* statement_kind_name(StatementLineKind kind);
// The line's document id ("INV-1", "P-7"), and what it applied to as the reports show it
// ("A-0 50.00, A-2 200.00"; "" for an invoice): for screens that draw the lines themselves.
std::string statement_document_id(const Book& book, const StatementLine& line);
std::string statement_applied_to(const Book& book, const StatementLine& line);

}  // namespace arlab
