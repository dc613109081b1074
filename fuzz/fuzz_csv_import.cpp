// fuzz_csv_import.cpp: libFuzzer target for the CSV reader and the import (io/csv_import.h).
//
// Any bytes must be read or refused with one located problem ("line N"), and imported or
// refused with located problems; never crash, leak or hit undefined behaviour (ASan + UBSan).
// Properties checked:
//   - parse_csv: the records, written back as CSV with every field quoted, read back the same;
//   - import_csv with a fixed mapping (chosen by the header: the US, EU or IBM one of
//     tests/cli/books and assets/): a refusal has problems and no book; an import has one
//     invoice a row, its index built, and it saves and loads again as a valid book.
//   fuzz/run.sh --target fuzz_csv_import --minutes 10     longer runs by hand
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/aging.h"
#include "io/book_json.h"
#include "io/csv_import.h"

namespace {

// A failed property is a crash, so that libFuzzer keeps the input as an artifact.
void require(bool ok) {
  if (!ok) __builtin_trap();
}

arlab::CsvMap us_map() {  // tests/cli/books/import-us.map.json
  arlab::CsvMap m;
  m.date_format = arlab::CsvDateFormat::MonthDayYear;
  m.thousands_separator = ',';
  m.terms_days = 14;
  m.invoice_id = "Invoice";
  m.customer_id = "Customer";
  m.customer_name = "Customer Name";
  m.invoice_date = "Date";
  m.due_date = "Due";
  m.amount = "Amount";
  m.settled_date = "Paid On";
  m.disputed = "Disputed";
  m.keep = {"Region"};
  return m;
}

arlab::CsvMap eu_map() {  // tests/cli/books/import-eu.map.json
  arlab::CsvMap m;
  m.currency = "EUR";
  m.delimiter = ';';
  m.date_format = arlab::CsvDateFormat::DayMonthYear;
  m.decimal_separator = ',';
  m.thousands_separator = '.';
  m.invoice_id = "Rechnung";
  m.customer_id = "Kunde";
  m.invoice_date = "Datum";
  m.amount = "Betrag";
  m.settled_date = "Bezahlt";
  return m;
}

arlab::CsvMap ibm_map() {  // assets/ibm-ar.map.json
  arlab::CsvMap m;
  m.date_format = arlab::CsvDateFormat::MonthDayYear;
  m.invoice_id = "invoiceNumber";
  m.customer_id = "customerID";
  m.invoice_date = "InvoiceDate";
  m.due_date = "DueDate";
  m.amount = "InvoiceAmount";
  m.settled_date = "SettledDate";
  m.disputed = "Disputed";
  m.keep = {"countryCode", "PaperlessBill"};
  return m;
}

std::string quoted_csv(const std::vector<arlab::CsvRecord>& records, char delimiter) {
  std::string out;
  for (const arlab::CsvRecord& r : records) {
    for (size_t i = 0; i < r.fields.size(); ++i) {
      if (i) out += delimiter;
      out += '"';
      for (char c : r.fields[i]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

void check_parse(std::string_view text, char delimiter) {
  std::vector<arlab::CsvRecord> records;
  std::vector<arlab::Problem> problems;
  if (!arlab::parse_csv(text, delimiter, &records, &problems)) {
    require(problems.size() == 1);
    require(problems[0].place.rfind("line ", 0) == 0);
    require(!problems[0].message.empty());
    return;
  }
  require(problems.empty());
  uint32_t line = 0;
  for (const arlab::CsvRecord& r : records) {
    require(r.line > line);  // Records start on increasing lines.
    require(!r.fields.empty());
    line = r.line;
  }
  std::vector<arlab::CsvRecord> again;
  require(arlab::parse_csv(quoted_csv(records, delimiter), delimiter, &again, &problems));
  require(again.size() == records.size());
  for (size_t k = 0; k < records.size(); ++k) require(again[k].fields == records[k].fields);
}

void check_import(std::string_view text) {
  std::string_view first_line = text.substr(0, text.find_first_of("\r\n"));
  arlab::CsvMap map = first_line.find(';') != std::string_view::npos             ? eu_map()
                      : first_line.find("invoiceNumber") != std::string_view::npos ? ibm_map()
                                                                                    : us_map();
  arlab::CsvImportResult r = arlab::import_csv(text, map);
  if (!r.ok) {
    require(!r.problems.empty());
    require(r.problems.size() <= arlab::kProblemsMax);
    for (const arlab::Problem& p : r.problems) require(!p.message.empty());
    require(r.book.invoices.empty() && r.book.customers.empty());  // Nothing half-imported.
    require(!arlab::format_problems("fuzz.csv", r.problems).empty());
    return;
  }
  require(r.problems.empty());
  require(r.book.index.built);
  require(r.book.invoices.size() == r.rows);
  require(r.book.payments.size() <= r.book.invoices.size());
  require(r.disputed <= r.rows);
  arlab::AgingReport aging = arlab::compute_aging(r.book, arlab::book_last_date(r.book),
                                                  arlab::kDefaultAgingEdges);
  int64_t sum = 0;
  for (int64_t x : aging.total_amounts_minor) sum += x;
  require(sum == aging.total_open_minor);
  // What the import made is a book like any other: it saves and loads again, the same.
  const std::string saved = arlab::write_book_json(r.book);
  arlab::LoadResult loaded = arlab::read_book_json(saved);
  require(loaded.ok);
  require(arlab::write_book_json(loaded.book) == saved);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const char delimiters[] = {',', ';', '\t', '|'};
  check_parse(text, delimiters[size % 4]);
  check_import(text);
  return 0;
}
