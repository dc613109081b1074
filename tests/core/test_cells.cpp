// test_cells.cpp: hostile text in arlab's outputs (issue 9, "Hostile files are harmless"):
// CSV text cells neutralised and number cells kept (io/cells.h), table cells escaped, and
// customer ids as ledger-cli account names, one account an id (io/ledger_journal.h).
// Every expected cell is written from the rules in docs/FORMAT.md ("CSV output", "ledger-cli
// journal"), never copied from arlab's output; CSV is read back with
// io/csv_import.h's RFC 4180 reader, which shares no code with the writer.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "book_builder.h"
#include "core/aging.h"
#include "core/money.h"
#include "io/cells.h"
#include "io/csv_import.h"
#include "io/ledger_journal.h"
#include "io/reports.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

std::string csv_text(std::string_view text) {
  std::string out;
  append_csv_text(out, text);
  return out;
}

std::string csv_number(std::string_view number) {
  std::string out;
  append_csv_number(out, number);
  return out;
}

// Bytes a terminal would obey: C0 controls but the line feed that ends a table line, DEL, and
// the C1 controls U+0080-U+009F (C2 80-9F).
bool has_control(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0x80)
      return true;
  }
  return false;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  return lines;
}

// Percent-decoding, as a reader of the journal would undo account_part.
std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Two customers: "-1+1" named =HYPERLINK(...), 100.00 invoiced 2025-01-01 (due 01-31, 10
// days past due on 02-10: 1-30); "C2", a name with ESC, CR and LF and a forged "TOTAL",
// and a 50.00 payment with no invoice: unapplied -50.00.
struct HostileBook {
  BookBuilder b;
  HostileBook() {
    Index c0 = b.customer("-1+1");
    b.book.customers[c0].name = "=HYPERLINK(\"http://x\",\"y\")";
    Index c1 = b.customer("C2");
    b.book.customers[c1].name = "Red\x1b[31m\r\nTOTAL";
    b.invoice("I-1", c0, D("2025-01-01"), 10000);
    b.payment("P-1", c1, D("2025-01-05"), 5000);
    REQUIRE(b.build());
  }
};

}  // namespace

TEST_SUITE("cells") {

TEST_CASE("CSV text cell: a leading formula character gets an apostrophe, then RFC 4180") {
  struct Row {
    std::string text, cell;
  };
  const std::vector<Row> rows = {
      {"Acme Tools", "Acme Tools"},
      {"", ""},
      // OWASP's list: = + - @ tab carriage return.
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
      {"-1+1", "'-1+1"},
      {"-500.00", "'-500.00"},  // As text (an id): a text cell never passes for a number.
      {"@SUM(A1:A2)", "'@SUM(A1:A2)"},
      {"\tTabbed", "\"'\tTabbed\""},  // A tab is quoted too.
      {"\rX", "\"'\rX\""},
      // Spaces before the formula character do not hide it.
      {"  =1+1", "\"'  =1+1\""},
      // Fullwidth = + - @ (U+FF1D, U+FF0B, U+FF0D, U+FF20).
      {"\xEF\xBC\x9D" "1+1", "'\xEF\xBC\x9D" "1+1"},
      {"\xEF\xBC\x8B" "1", "'\xEF\xBC\x8B" "1"},
      {"\xEF\xBC\x8D" "1", "'\xEF\xBC\x8D" "1"},
      {"\xEF\xBC\xA0" "x", "'\xEF\xBC\xA0" "x"},
      {"\xEF\xBC\xA1" "x", "\xEF\xBC\xA1" "x"},  // U+FF21 fullwidth A: text.
      // Only the first character other than spaces counts.
      {"1-1", "1-1"},
      {"a=b", "a=b"},
      {"'quoted", "'quoted"},
      // A line feed is not a formula character; the cell is quoted.
      {"\n=1", "\"\n=1\""},
      // Quoted when holding a comma, quote, line break, tab or semicolon, or edge spaces.
      {"Birch, Sons & Co", "\"Birch, Sons & Co\""},
      {"Kim \"K\"", "\"Kim \"\"K\"\"\""},
      {"x;=1+1", "\"x;=1+1\""},
      {"A-0 50.00; A-2 200.00", "\"A-0 50.00; A-2 200.00\""},
      {" edge", "\" edge\""},
      {"edge ", "\"edge \""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    CHECK(csv_text(r.text) == r.cell);
    // Prefixed: the cell (after an opening quote) starts with ' and the text did not.
    std::string_view body = r.cell;
    if (!body.empty() && body.front() == '"') body.remove_prefix(1);
    const bool prefixed = !body.empty() && body.front() == '\'' &&
                          (r.text.empty() || r.text.front() != '\'');
    CHECK(csv_formula_start(r.text) == prefixed);
  }
}

TEST_CASE("CSV number cell: written as it is, a negative amount stays a number") {
  for (const char* number : {"-1900.00", "-500.00", "0.00", "12", "0.0867", "2025-03-31", "true",
                             ""}) {
    CAPTURE(number);
    CHECK(csv_number(number) == number);
  }
}

TEST_CASE("table text: controls and the backslash shown escaped, like Python's repr") {
  struct Row {
    std::string text, shown;
  };
  const std::vector<Row> rows = {
      {"Acme Tools", "Acme Tools"},
      {"\x1b[31mRed\x1b[0m", "\\x1b[31mRed\\x1b[0m"},
      {"Bell\x07", "Bell\\x07"},
      {"a\r\nb\tc", "a\\r\\nb\\tc"},
      {std::string("\0z", 2), "\\x00z"},
      {"\x1f\x7f", "\\x1f\\x7f"},
      {"a\\b", "a\\\\b"},
      {"Next\xC2\x85Line", "Next\\x85Line"},  // U+0085 NEL, a C1 control.
      {"\xC2\x9B" "31m", "\\x9b31m"},           // U+009B CSI.
      {"\xC2\xA0\xC3\xA9", "\xC2\xA0\xC3\xA9"},  // U+00A0 and U+00E9: printable, kept.
      {"\xEF\xBC\x9D", "\xEF\xBC\x9D"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    CHECK(table_text(r.text) == r.shown);
    CHECK(!has_control(table_text(r.text)));
  }
  CHECK(display_width(table_text("\x1b")) == 4);           // `\x1b`
  CHECK(display_width(table_text("\xC3\xA9\xC2\x85")) == 5);  // `é\x85`
}

TEST_CASE("aging CSV: hostile ids and names cell by cell, amounts as numbers") {
  HostileBook h;
  const std::string csv = aging_csv(h.b.book, compute_aging(h.b.book, D("2025-02-10"),
                                                            kDefaultAgingEdges));
  CHECK(csv ==
        "customer_id,customer_name,current,1-30,31-60,61-90,91+,open,unapplied\n"
        "'-1+1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",0.00,100.00,0.00,0.00,0.00,100.00,0.00\n"
        "C2,\"Red\x1b[31m\r\nTOTAL\",0.00,0.00,0.00,0.00,0.00,0.00,-50.00\n"
        "TOTAL,,0.00,100.00,0.00,0.00,0.00,100.00,-50.00\n");
  // Read back by an independent RFC 4180 reader: 4 records (the LF in the name forged none).
  std::vector<CsvRecord> records;
  std::vector<Problem> problems;
  REQUIRE(parse_csv(csv, ',', &records, &problems));
  REQUIRE(records.size() == 4);
  CHECK(records[1].fields[0] == "'-1+1");
  CHECK(records[1].fields[1] == "'=HYPERLINK(\"http://x\",\"y\")");
  CHECK(records[2].fields[0] == "C2");
  // Not a formula: kept (the reader gives a line break inside a field as one "\n").
  CHECK(records[2].fields[1] == "Red\x1b[31m\nTOTAL");
  CHECK(records[3].fields[0] == "TOTAL");
  for (size_t r = 1; r < records.size(); ++r) {
    REQUIRE(records[r].fields.size() == 9);
    for (size_t k = 2; k < 9; ++k) {  // Every amount parses, -50.00 included.
      int64_t minor = 0;
      std::string why;
      CAPTURE(records[r].fields[k]);
      CHECK(parse_amount(records[r].fields[k], 2, &minor, &why));
    }
    CHECK(!csv_formula_start(records[r].fields[0]));
    CHECK(!csv_formula_start(records[r].fields[1]));
  }
  CHECK(records[2].fields[8] == "-50.00");
}

TEST_CASE("aging table: hostile names escaped, widths counted on the escaped text") {
  HostileBook h;
  const std::string table = aging_table(h.b.book, compute_aging(h.b.book, D("2025-02-10"),
                                                                kDefaultAgingEdges));
  CHECK(!has_control(table));
  // Widths: id 8 ("Customer"), name 26 (=HYPERLINK("http://x","y")), then the amounts
  // right-aligned after two spaces: current 7, 1-30 6, 31-60 5, 61-90 5, 91+ 4, Open 6,
  // Unapplied 9. The escaped name `Red\x1b[31m\r\nTOTAL` is 20 wide: 6 spaces of padding.
  const std::string name_pad_c2(26 - 20, ' ');
  CHECK(lines_of(table) == std::vector<std::string>{
                               "Aging as of 2025-02-10 (USD)",
                               "",
                               "Customer  Name" + std::string(22, ' ') +
                                   "  current    1-30  31-60  61-90   91+    Open  Unapplied",
                               "-1+1      =HYPERLINK(\"http://x\",\"y\")     0.00  100.00   0.00"
                               "   0.00  0.00  100.00       0.00",
                               "C2        Red\\x1b[31m\\r\\nTOTAL" + name_pad_c2 +
                                   "     0.00    0.00   0.00   0.00  0.00    0.00     -50.00",
                               std::string(8 + 2 + 26 + 9 + 8 + 7 + 7 + 6 + 8 + 11, '-'),
                               "TOTAL     " + std::string(26, ' ') +
                                   "     0.00  100.00   0.00   0.00  0.00  100.00     -50.00",
                           });
}

}  // TEST_SUITE

TEST_SUITE("io") {

TEST_CASE("ledger journal: one account an id, ids that ledger would merge stay apart") {
  // Hand-encoded (docs/FORMAT.md, "ledger-cli journal"): % : ; and controls as %HH, spaces
  // first, last or next to another space as %20; the rest as it is.
  struct Row {
    std::string id, account;
  };
  const std::vector<Row> rows = {
      {"A:B", "A%3AB"},          {"A_B", "A_B"},       {"A  B", "A%20%20B"},
      {"A B", "A B"},            {"A\tB", "A%09B"},    {" A", "%20A"},
      {"A ", "A%20"},            {"A%3AB", "A%253AB"}, {"x\xC2\x85y", "x%C2%85y"},
      {"a;b", "a%3Bb"},          {"Kim Lee", "Kim Lee"}, {"C-0001", "C-0001"},
      {"Caf\xC3\xA9", "Caf\xC3\xA9"},
  };
  BookBuilder b;
  for (const Row& r : rows) b.invoice("I-" + r.id, b.customer(r.id), D("2025-01-01"), 100);
  REQUIRE(b.build());
  std::set<std::string> accounts;
  for (const std::string& line : lines_of(ledger_journal(b.book))) {
    if (line.rfind("    Assets:Receivable:", 0) != 0) continue;
    std::string name = line.substr(4, line.find("  ", 4) - 4);  // The amount follows 2 spaces.
    CHECK(name.find('\t') == std::string::npos);
    accounts.insert(name.substr(std::string("Assets:Receivable:").size()));
  }
  std::set<std::string> expected;
  for (const Row& r : rows) {
    CAPTURE(r.id);
    expected.insert(r.account);
    CHECK(percent_decode(r.account) == r.id);
  }
  CHECK(accounts == expected);
  CHECK(accounts.size() == rows.size());
}

}  // TEST_SUITE
