// cells.h: text from a book in a cell of arlab's outputs, made harmless (issue 9, "Hostile
// files are harmless"): a CSV cell that a spreadsheet will not run, a table cell that a
// terminal will not obey. The rules are in docs/FORMAT.md, "CSV output".
//
// CSV: the call site says what a cell is, never its content.
//   - append_csv_text: ids, names, labels, notes. A text whose first character other than
//     spaces is `=` `+` `-` `@`, a tab or a carriage return (OWASP, "CSV Injection"), or the
//     fullwidth `＝` `＋` `－` `＠`, gets a leading apostrophe `'`, which spreadsheets take as
//     "this is text". Then the cell is quoted as RFC 4180 does when it holds a comma, quote,
//     line break, tab or semicolon, or starts or ends with a space. A customer named `-1+1`
//     is written `'-1+1`.
//   - append_csv_number: what a report formatted itself: amounts (`-1900.00`), counts,
//     ratios, dates, `true` / `false`, or "" for null. Written as it is: `-500.00` stays a
//     number.
// Tables: table_text(s) shows the control characters of `s` (U+0000-U+001F, U+007F and the
// C1 controls U+0080-U+009F) and the backslash escaped, as Python's repr() does: `\t`, `\n`,
// `\r`, `\\`, else `\xHH` (ESC `\x1b`, BEL `\x07`, NEL `\x85`). A name cannot then recolour
// the terminal, move the cursor or start a new row; widths are measured on the escaped text
// (display_width).
//
// Usage:
//   append_csv_text(out, customer.name);  out += ',';
//   append_csv_number(out, format_amount(open_minor, digits));
//   std::string cell = table_text(customer.name);
//
// Tests Status: tests/core/test_cells.cpp (every rule, cell by cell) and
// tests/cli/hostile-names.test (every CSV and table report on books/hostile-names.json;
// hostile_check.py reads each CSV back cell by cell).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace arlab {

// ---- CSV -----------------------------------------------------------------------------------
// A text cell: neutralised (a leading ' before a formula character), then quoted if needed.
void append_csv_text(std::string& out, std::string_view text);
// A number cell written by the report itself: as it is (asserted: nothing to quote or run).
void append_csv_number(std::string& out, std::string_view number);
// True when a spreadsheet would read `text` as a formula: append_csv_text prefixes it.
bool csv_formula_start(std::string_view text);

// ---- HTML ----------------------------------------------------------------------------------
// `text` for an HTML page: & < > " ' as entities (statements, letters).
std::string html_text(std::string_view text);

// ---- Numbers -------------------------------------------------------------------------------
// A double with `decimals` places ("%.*f"), never "-0.0" (scores, backtests).
std::string decimal_text(double x, int decimals);

// ---- Tables --------------------------------------------------------------------------------
// `text` with its control characters and backslashes escaped (see above).
std::string table_text(std::string_view text);
// Code points: close enough for alignment (no wide characters in practice).
size_t display_width(std::string_view text);
// Rows of cells (each already through table_text) as text columns two spaces apart, each as
// wide as its widest cell; `right` columns are right-aligned; no trailing spaces.
std::string text_columns(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right);

}  // namespace arlab
