// letter_report.h: a dunning letter (core/letters.h, `arlab letter`) as plain text to copy,
// a printable HTML page and JSON.
//
// The HTML page is self-contained (inline CSS, no scripts, no external files), A4, and prints
// on A4 (@media print: no shadow, the invoice rows never split); every value from the book
// (names, ids, the currency, the policy's level names and templates) is escaped. The text
// shows control characters in the book's text escaped (io/cells.h table_text), line by line.
// JSON:
//   {"customer": "C1", "name": "Alder Tools", "date": "2025-03-01", "level": 1,
//    "level_name": "notice", "owner": "sales", "subject": "Notice: overdue invoices",
//    "deadline": "2025-03-11", "days_overdue": 29, "stage": "internal", "currency": "USD",
//    "total": "400.00", "interest": "2.55", "interest_rate": "8.00", "interest_rule": "...",
//    "consequence": "...", "custom_template": false,
//    "invoices": [{"id": "INV-A1", "date": "2025-01-01", "due": "2025-01-31",
//                  "days_overdue": 29, "open": "400.00", "level_due": 1}],
//    "body": ["Dear Alder Tools,", ...]}
//
// Usage:
//   arlab::Letter l = arlab::make_letter(book, customer, as_of);
//   if (l.ok) write(arlab::letter_html(book, l));
#pragma once
#include <string>

#include "core/book.h"
#include "core/letters.h"

namespace arlab {

std::string letter_text(const Book& book, const Letter& letter);
std::string letter_html(const Book& book, const Letter& letter);
// The letter as the user edited its text (the app's Case page): the same printable page,
// the text's paragraphs (parted by blank lines) escaped, nothing else added.
std::string letter_html_edited(const Book& book, const Letter& letter, std::string_view text);
std::string letter_json(const Book& book, const Letter& letter);

}  // namespace arlab
