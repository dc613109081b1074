// test_csv_import.cpp: the CSV mapping written back as JSON (io/csv_import.h write_csv_map),
// and regressions of the CSV reader. The reader's behaviour on files is covered by the golden
// tests in tests/cli/cmd-import-csv.test; these check what the app relies on.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "io/csv_import.h"

using namespace arlab;

namespace {

void require_same(const CsvMap& a, const CsvMap& b) {
  CHECK(a.currency == b.currency);
  CHECK(a.delimiter == b.delimiter);
  CHECK(a.date_format == b.date_format);
  CHECK(a.decimal_separator == b.decimal_separator);
  CHECK(a.thousands_separator == b.thousands_separator);
  CHECK(a.terms_days == b.terms_days);
  CHECK(a.invoice_id == b.invoice_id);
  CHECK(a.customer_id == b.customer_id);
  CHECK(a.customer_name == b.customer_name);
  CHECK(a.invoice_date == b.invoice_date);
  CHECK(a.due_date == b.due_date);
  CHECK(a.amount == b.amount);
  CHECK(a.settled_date == b.settled_date);
  CHECK(a.disputed == b.disputed);
  CHECK(a.keep == b.keep);
}

CsvMap read_back(const std::string& text) {
  CsvMap back;
  std::vector<Problem> problems;
  bool ok = parse_csv_map(text, &back, &problems);
  for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
  REQUIRE(ok);
  return back;
}

}  // namespace

TEST_SUITE("io") {

TEST_CASE("write_csv_map: a European mapping, written member by member and read back") {
  CsvMap m;
  m.currency = "EUR";
  m.delimiter = ';';
  m.date_format = CsvDateFormat::DayMonthYearDots;
  m.decimal_separator = ',';
  m.thousands_separator = '.';
  m.terms_days = 45;
  m.invoice_id = "Rechnung";
  m.customer_id = "Kunde";
  m.invoice_date = "Datum";
  m.amount = "Betrag \"brutto\"";  // A quote in a header name is escaped.
  m.keep = {"Region", "Notiz"};
  // The document docs/IMPORT.md describes, written by hand: unmapped columns are left out.
  const std::string expected =
      "{\n"
      "  \"format\": \"arlab-csv-map/1\",\n"
      "  \"currency\": \"EUR\",\n"
      "  \"delimiter\": \";\",\n"
      "  \"date_format\": \"D.M.YYYY\",\n"
      "  \"decimal_separator\": \",\",\n"
      "  \"thousands_separator\": \".\",\n"
      "  \"terms_days\": 45,\n"
      "  \"columns\": {\n"
      "    \"invoice_id\": \"Rechnung\",\n"
      "    \"customer_id\": \"Kunde\",\n"
      "    \"invoice_date\": \"Datum\",\n"
      "    \"amount\": \"Betrag \\\"brutto\\\"\"\n"
      "  },\n"
      "  \"keep\": [\"Region\", \"Notiz\"]\n"
      "}\n";
  CHECK(write_csv_map(m) == expected);
  require_same(read_back(write_csv_map(m)), m);
}

TEST_CASE("write_csv_map: every column, a tab delimiter and no thousands separator") {
  CsvMap m;  // USD, ',' decimal '.', ISO dates, terms 30 by default.
  m.delimiter = '\t';
  m.date_format = CsvDateFormat::MonthDayYear;
  m.invoice_id = "invoiceNumber";
  m.customer_id = "customerID";
  m.customer_name = "Name";
  m.invoice_date = "InvoiceDate";
  m.due_date = "DueDate";
  m.amount = "InvoiceAmount";
  m.settled_date = "SettledDate";
  m.disputed = "Disputed";
  std::string text = write_csv_map(m);
  CHECK(text.find("\"delimiter\": \"\\t\",\n") != std::string::npos);
  CHECK(text.find("\"thousands_separator\": \"\",\n") != std::string::npos);
  CHECK(text.find("\"keep\"") == std::string::npos);  // Nothing kept: no member.
  require_same(read_back(text), m);
}

TEST_CASE("write_csv_map: the IBM mapping of assets/ survives a round trip") {
  // assets/ibm-ar.map.json, as the app's preset reads it.
  const char* ibm = R"({"format": "arlab-csv-map/1", "currency": "USD", "delimiter": ",",
    "date_format": "M/D/YYYY", "decimal_separator": ".", "thousands_separator": "",
    "terms_days": 30, "columns": {"invoice_id": "invoiceNumber", "customer_id": "customerID",
    "invoice_date": "InvoiceDate", "due_date": "DueDate", "amount": "InvoiceAmount",
    "settled_date": "SettledDate", "disputed": "Disputed"},
    "keep": ["countryCode", "PaperlessBill"]})";
  CsvMap m = read_back(ibm);
  CHECK(m.customer_name.empty());
  CHECK(m.keep == std::vector<std::string>{"countryCode", "PaperlessBill"});
  CsvMap again = read_back(write_csv_map(m));
  require_same(again, m);
  CHECK(write_csv_map(again) == write_csv_map(m));  // Stable: written twice, the same bytes.
}

TEST_CASE("parse_csv_map: hostile mappings get one located problem each (issue 9)") {
  struct Case {
    std::string json, problem;  // "place: message" of the only problem.
  };
  const Case cases[] = {
      // Byte 99: the 64th '[' of "x" (35 + 64) opens level 65 (the mapping is level 1).
      {R"({"format": "arlab-csv-map/1", "x": )" + std::string(100000, '[') +
           std::string(100000, ']') + "}",
       "line 1, column 99: nesting deeper than 64 levels (byte 99)"},
      {R"({"format": "arlab-csv-map/1", "terms_days": -1e309})",
       "terms_days: number out of range: -1e309 (line 1, column 50, byte 50)"},
      {R"({"format": "arlab-csv-map/1" "currency": "USD"})",
       "line 1, column 39: syntax error while parsing object - unexpected string literal; "
       "expected '}' (byte 39)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.json.substr(0, 80));
    CsvMap map;
    std::vector<Problem> problems;
    CHECK_FALSE(parse_csv_map(c.json, &map, &problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].place + ": " + problems[0].message == c.problem);
  }
  // Member names in places are cut after 40 bytes; an empty one shows as "".
  CsvMap map;
  std::vector<Problem> problems;
  CHECK_FALSE(parse_csv_map(R"({"format": "arlab-csv-map/1", "": 1, "columns": {
      "a column that is not a field of the mapping": "X", "invoice_id": "I",
      "customer_id": "C", "invoice_date": "D", "amount": "A"}})",
                            &map, &problems));
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].place == "\"\"");
  CHECK(problems[1].place == "columns.a column that is not a field of the mapp... (43 bytes)");
}

}  // TEST_SUITE
