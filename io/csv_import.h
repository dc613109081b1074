// csv_import.h: importing spreadsheet exports (CSV, RFC 4180) into a book, through a
// column mapping written as JSON (docs/IMPORT.md).
//
// One CSV row is one invoice. Its columns give the invoice id, the customer id (and
// optionally the customer's name), the invoice date, the due date (optional: else the
// mapping's terms_days, default 30), the amount, a settled date (optional: a non-empty one
// becomes a payment "P-<invoice id>" of the full amount on that date, allocated to the
// invoice), a disputed flag (the invoice's `"disputed": true`) and other columns
// kept verbatim as string members of the invoice.
//
// Any problem means no book: every bad row is reported as `line N: column NAME: message`
// (lines of the CSV file, 1-based, the header is line 1; a quoted field may span lines and
// then the row's first line is given), at most kProblemsMax of them.
//
// Usage:
//   arlab::CsvMap map;
//   std::vector<arlab::Problem> problems;
//   if (!arlab::parse_csv_map(map_text, &map, &problems)) ...   // places like "columns.amount"
//   std::string saved = arlab::write_csv_map(map);                // the same mapping, as JSON
//   arlab::CsvImportResult r = arlab::import_csv(csv_text, map);
//   if (!r.ok) std::cerr << arlab::format_problems("ar.csv", r.problems);
//   std::string json = arlab::write_book_json(r.book);
//
// Tests Status: tests/cli/cmd-import-csv.test (fixtures tests/cli/books/*.csv),
// tests/core/test_csv_import.cpp (write_csv_map round trips), tests/app (the Import CSV tab),
// fuzz/fuzz_csv_import.cpp and fuzz/fuzz_csv_map.cpp (3 + 1.5 minutes, 2.9M inputs, no crash).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"

namespace arlab {

// ---- CSV ---------------------------------------------------------------------------------
struct CsvRecord {
  uint32_t line = 0;  // 1-based line of the file where the record starts.
  std::vector<std::string> fields;
};

// RFC 4180: fields separated by `delimiter`, records by CRLF, LF or CR; a field in double
// quotes may hold delimiters, line breaks and doubled quotes (""). A UTF-8 byte order mark
// is skipped; blank lines are skipped. The text must be UTF-8. On a syntax error appends
// one problem (place "line N") and returns false.
bool parse_csv(std::string_view text, char delimiter, std::vector<CsvRecord>* records,
               std::vector<Problem>* problems);

// ---- Mapping -----------------------------------------------------------------------------
enum class CsvDateFormat : uint8_t { Iso, MonthDayYear, DayMonthYear, DayMonthYearDots };

struct CsvMap {
  std::string currency = "USD";
  char delimiter = ',';
  CsvDateFormat date_format = CsvDateFormat::Iso;
  char decimal_separator = '.';
  char thousands_separator = 0;  // 0: none allowed.
  int32_t terms_days = kDefaultTermsDays;
  // Header names of the mapped columns; "" = not mapped (the first four and amount are
  // required by parse_csv_map).
  std::string invoice_id, customer_id, customer_name, invoice_date, due_date, amount,
      settled_date, disputed;
  std::vector<std::string> keep;  // Columns kept as string members of each invoice.
};

// "YYYY-MM-DD", "M/D/YYYY", "D/M/YYYY", "D.M.YYYY" (the last three take 1 or 2 digits).
const char* csv_date_format_name(CsvDateFormat format);
bool parse_csv_date(std::string_view text, CsvDateFormat format, Date* out);
// An amount with the mapping's separators ("1.234,50" with decimal ',' and thousands '.').
bool parse_csv_amount(std::string_view text, const CsvMap& map, int minor_digits,
                      int64_t* out_minor, std::string* why);

// Reads a mapping (docs/IMPORT.md). Problems have places like "columns.amount".
bool parse_csv_map(std::string_view json_text, CsvMap* out, std::vector<Problem>* problems);
// Writes a mapping as parse_csv_map reads it: every setting, the mapped columns only (empty
// ones left out), `keep` when not empty; two-space indents, one member a line, LF.
// parse_csv_map(write_csv_map(m)) gives m back for any m that parse_csv_map could give.
std::string write_csv_map(const CsvMap& map);

// ---- Import ------------------------------------------------------------------------------
struct CsvImportResult {
  bool ok = false;
  Book book;                      // Index built, when ok.
  std::vector<Problem> problems;  // Places "line 7: column InvoiceDate", "line 7", "line 1".
  size_t rows = 0;                // Data rows read (header excluded).
  size_t disputed = 0;            // Invoices flagged as disputed.
};

CsvImportResult import_csv(std::string_view csv_text, const CsvMap& map);

}  // namespace arlab
