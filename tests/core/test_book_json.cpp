// test_book_json.cpp: a few core rules seen through the JSON reader (io/book_json.h).
// The reader's own tests live with io/ and tests/cli; these check that the core's rules and
// places come through the file format unchanged.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/aging.h"
#include "core/date.h"
#include "io/book_json.h"

using namespace arlab;

namespace {

const char* const kBook = R"({ "format": "arlab-book/1", "currency": "USD",
  "salespeople": [ {"id": "S1", "name": "Ann Lee"} ],
  "customers":   [ {"id": "C1", "name": "Acme", "salesperson": "S1", "terms_days": 30,
                    "credit_limit": "50000.00", "region": "north"} ],
  "invoices":    [ {"id": "INV-1", "customer": "C1", "date": "2025-01-05",
                    "due": "2025-02-04", "amount": "1200.00"},
                   {"id": "INV-2", "customer": "C1", "date": "2025-01-20", "amount": 300.5} ],
  "payments":    [ {"id": "P-1", "customer": "C1", "date": "2025-02-10", "amount": "1000.00",
                    "allocations": [ {"invoice": "INV-2", "amount": "100.00"} ]} ],
  "credit_notes": [], "write_offs": [] })";

bool has_place(const LoadResult& r, const std::string& place) {
  for (const Problem& p : r.problems)
    if (p.place == place) return true;
  return false;
}

std::string with(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_SUITE("io") {

TEST_CASE("the spec's example book reads, allocates and ages") {
  LoadResult r = read_book_json(kBook);
  for (const Problem& p : r.problems) MESSAGE(p.place << ": " << p.message);
  REQUIRE(r.ok);
  const Book& b = r.book;
  Index inv2 = find_invoice(b, "INV-2");
  REQUIRE(inv2 != kNone);
  CHECK(b.invoices[inv2].amount_minor == 30050);           // a JSON number, exact
  CHECK(b.invoices[inv2].due == date_from_ymd(2025, 2, 19));  // 01-20 + 30 days
  // P-1: 100.00 to INV-2 as written, 900.00 to INV-1 (oldest due): 300.00 and 200.50 open.
  CHECK(invoice_open_minor(b, find_invoice(b, "INV-1"), date_from_ymd(2025, 6, 30)) == 30000);
  CHECK(invoice_open_minor(b, inv2, date_from_ymd(2025, 6, 30)) == 20050);
  AgingReport a = compute_aging(b, date_from_ymd(2025, 3, 1), kDefaultAgingEdges);
  // 03-01: INV-1 due 02-04 is 25 days past due; INV-2 due 02-19 is 10.
  CHECK(a.total_amounts_minor == std::vector<int64_t>{0, 50050, 0, 0, 0});
}

TEST_CASE("save, load, save gives the same bytes") {
  LoadResult r = read_book_json(kBook);
  REQUIRE(r.ok);
  const std::string first = write_book_json(r.book);
  CHECK(first.find("\"region\"") != std::string::npos);  // unknown members are kept
  LoadResult again = read_book_json(first);
  REQUIRE(again.ok);
  CHECK(write_book_json(again.book) == first);
}

TEST_CASE("core rules come through with their places") {
  struct Row { const char* rule; std::string from, to, place; };
  const Row rows[] = {
      {"too many decimals", "\"1200.00\"", "\"1200.001\"", "invoices[0].amount"},
      {"negative amount", "\"1200.00\"", "\"-5.00\"", "invoices[0].amount"},
      {"impossible date", "2025-01-05", "2025-02-30", "invoices[0].date"},
      {"due before date", "2025-02-04", "2025-01-04", "invoices[0].due"},
      {"duplicate id", "\"INV-2\", \"customer\"", "\"INV-1\", \"customer\"", "invoices[1].id"},
      {"unknown customer", "\"customer\": \"C1\", \"date\": \"2025-01-05\"",
       "\"customer\": \"C9\", \"date\": \"2025-01-05\"", "invoices[0].customer"},
      {"unknown invoice", "{\"invoice\": \"INV-2\"", "{\"invoice\": \"INV-9\"",
       "payments[0].allocations[0].invoice"},
      {"allocation over the payment", "\"amount\": \"100.00\"}", "\"amount\": \"1000.01\"}",
       "payments[0].allocations"},
      {"wrong format", "arlab-book/1", "arlab-book/3", "format"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.rule));
    LoadResult r = read_book_json(with(kBook, row.from, row.to));
    CHECK_FALSE(r.ok);
    std::string all = format_problems("book.json", r.problems);
    CAPTURE(all);
    CHECK(has_place(r, row.place));
  }
}

// Grades, disputed invoices, refunds and the budget (docs/FORMAT.md). The refunds are those
// of tests/core/test_refund.cpp: R1 150.00 of P1's 200.00 credit, R2 80.00 of CN3's.
const char* const kRefundBook = R"({ "format": "arlab-book/1", "currency": "USD",
  "customers": [ {"id": "C1", "name": "Acme", "grade": "A"}, {"id": "C2", "name": "Birch"} ],
  "invoices": [ {"id": "I1", "customer": "C1", "date": "2025-01-10", "amount": "1000.00"},
                {"id": "I2", "customer": "C1", "date": "2025-02-15", "amount": "300.00",
                 "disputed": true},
                {"id": "I3", "customer": "C2", "date": "2025-01-20", "amount": "500.00",
                 "disputed": false} ],
  "payments": [ {"id": "P1", "customer": "C1", "date": "2025-02-01", "amount": "1200.00",
                 "allocations": [{"invoice": "I1", "amount": "1000.00"}]},
                {"id": "P2", "customer": "C2", "date": "2025-02-10", "amount": "500.00"} ],
  "credit_notes": [ {"id": "CN3", "customer": "C2", "date": "2025-03-10", "amount": "80.00"} ],
  "refunds": [ {"id": "R1", "customer": "C1", "date": "2025-02-20", "amount": "150.00",
                "payment": "P1", "memo": "cheque 1001"},
               {"id": "R2", "customer": "C2", "date": "2025-03-15", "amount": 80} ],
  "budget": {"dso_days": "45", "overdue_ratio": "15%"} })";

TEST_CASE("grades, disputed invoices, refunds and the budget") {
  LoadResult r = read_book_json(kRefundBook);
  INFO(format_problems("book.json", r.problems));
  REQUIRE(r.ok);
  const Book& b = r.book;
  CHECK(b.customers[0].grade == "A");
  CHECK(b.customers[1].grade.empty());
  CHECK((b.invoices[1].flags & kInvoiceDisputed) != 0);
  CHECK((b.invoices[2].flags & kInvoiceDisputed) == 0);  // false: as if absent.
  REQUIRE(b.refunds.size() == 2);
  CHECK(b.refunds[0].payment == 0);
  CHECK(b.refunds[1].payment == kNone);
  CHECK(b.refunds[1].amount_minor == 8000);  // A JSON number, exact.
  CHECK(b.budget.dso_target_centidays == 4500);
  CHECK(b.budget.overdue_ratio_target_bp == 1500);
  // Unapplied: C1 -200.00 + 150.00; C2 -80.00 + 80.00.
  CHECK(customer_unapplied_minor(b, 0, date_from_ymd(2025, 12, 31)) == -5000);
  CHECK(customer_unapplied_minor(b, 1, date_from_ymd(2025, 12, 31)) == 0);
  const std::string first = write_book_json(b);
  CHECK(first.find(R"("terms_days": 30, "grade": "A"},)") != std::string::npos);
  CHECK(first.find(R"("amount": "300.00", "disputed": true},)") != std::string::npos);
  CHECK(first.find("\"2025-01-20\", \"amount\": \"500.00\"}\n") != std::string::npos);  // false
  CHECK(first.find(R"(  "refunds": [
    {"id": "R1", "customer": "C1", "date": "2025-02-20", "amount": "150.00", )"
                   R"("payment": "P1", "memo":"cheque 1001"},
    {"id": "R2", "customer": "C2", "date": "2025-03-15", "amount": "80.00"}
  ],
  "budget": {"dso_days": "45", "overdue_ratio": "15%"}
}
)") != std::string::npos);
  LoadResult again = read_book_json(first);
  REQUIRE(again.ok);
  CHECK(write_book_json(again.book) == first);
}

TEST_CASE("a book without refunds or budget saves without them") {
  LoadResult r = read_book_json(kBook);
  REQUIRE(r.ok);
  const std::string saved = write_book_json(r.book);
  CHECK(saved.find("refunds") == std::string::npos);
  CHECK(saved.find("budget") == std::string::npos);
  CHECK(saved.find("grade") == std::string::npos);
  CHECK(saved.find("disputed") == std::string::npos);
}

TEST_CASE("budget targets as strings or exact JSON numbers") {
  struct Row { const char* budget; int32_t centidays, bp; };
  const Row rows[] = {
      {R"({"dso_days": 45, "overdue_ratio": 0.15})", 4500, 1500},
      {R"({"dso_days": 45.5})", 4550, -1},
      {R"({"overdue_ratio": "0.1525"})", -1, 1525},
      {R"({"overdue_ratio": "12.5%", "dso_days": "30.25"})", 3025, 1250},
      {R"({"dso_days": 0, "overdue_ratio": 1})", 0, 10000},
      {R"({})", -1, -1},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.budget));
    LoadResult r = read_book_json(
        with(kRefundBook, R"({"dso_days": "45", "overdue_ratio": "15%"})", row.budget));
    INFO(format_problems("book.json", r.problems));
    REQUIRE(r.ok);
    CHECK(r.book.budget.dso_target_centidays == row.centidays);
    CHECK(r.book.budget.overdue_ratio_target_bp == row.bp);
  }
}

TEST_CASE("reader errors of grades, disputed, refunds and the budget") {
  struct Row { std::string from, to, line; };
  const std::string budget = R"({"dso_days": "45", "overdue_ratio": "15%"})";
  const Row rows[] = {
      {R"("grade": "A")", R"("grade": "")", "customers[0].grade: must not be empty"},
      {R"("grade": "A")", R"("grade": 5)", "customers[0].grade: expected a string, got 5"},
      {R"("disputed": true)", R"("disputed": "yes")",
       R"(invoices[1].disputed: expected true or false, got "yes")"},
      {R"("disputed": true)", R"("disputed": 1)",
       "invoices[1].disputed: expected true or false, got 1"},
      {budget, "[]", "budget: expected an object, got an array"},
      {budget, "45", "budget: expected an object, got 45"},
      {budget, R"({"dso": "45"})",
       R"(budget: unknown member "dso": a budget has only "dso_days" and "overdue_ratio")"},
      {budget, R"({"dso_days": "45", "dso_days": "46"})", "budget.dso_days: duplicate member"},
      {budget, R"({"overdue_ratio": "15"})",
       R"(budget.overdue_ratio: bad target "15": is more than 1: give a fraction such as )"
       R"(0.15 or a percentage such as "15%")"},
      {budget, R"({"overdue_ratio": 15})",
       R"(budget.overdue_ratio: bad target 15: is more than 1: give a fraction such as 0.15 )"
       R"(or a percentage such as "15%")"},
      {budget, R"({"dso_days": "-5"})",
       R"(budget.dso_days: bad target "-5": must not be negative)"},
      {budget, R"({"dso_days": 1e2})",
       R"(budget.dso_days: bad target 1e2: is not a decimal number: expected days such as )"
       R"("45" or "45.5")"},
      {budget, R"({"dso_days": "45.125"})",
       R"(budget.dso_days: bad target "45.125": has more than 2 decimal places)"},
      {budget, R"({"dso_days": null})", "budget.dso_days: expected a string or number, got null"},
      {budget, R"({"dso_days": {}})",
       "budget.dso_days: expected a string or number, got an object"},
      {budget, budget + R"(, "budget": {})", "budget: duplicate member"},
      {R"("customer": "C2", "date": "2025-03-15")", R"("customer": "C9", "date": "2025-03-15")",
       R"(refunds[1].customer: unknown customer "C9")"},
      {R"("payment": "P1")", R"("payment": "P9")", R"(refunds[0].payment: unknown payment "P9")"},
      {R"("payment": "P1")", R"("payment": "P2")",
       "refunds[0].payment: payment P2 is from customer C2, not C1"},
      {R"("payment": "P1")", R"("payment": "")", "refunds[0].payment: must not be empty"},
      {R"("date": "2025-03-15", "amount": 80)", R"("amount": 80)",
       R"(refunds[1]: missing member "date")"},
      {R"("amount": 80})", R"("amount": 81})",
       "refunds[1].amount: refund 81.00 exceeds the unapplied credit of C2 on 2025-03-15 "
       "(80.00)"},
      {R"("amount": 80})", R"("amount": -80})",
       "refunds[1].amount: amount must be positive, got -80"},
      {R"("refunds": [)", R"("refunds": {}, "x": [)", "refunds: expected an array, got an object"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.to);
    LoadResult r = read_book_json(with(kRefundBook, row.from, row.to));
    CHECK_FALSE(r.ok);
    CHECK(format_problems("book.json", r.problems) == "book.json: " + row.line + "\n");
  }
}

// ---- Hostile files (issue 9) --------------------------------------------------------------

// nlohmann's place after `byte` characters of `text`: lines from 1, columns counting the
// characters read on the line (docs/FORMAT.md, "Errors").
std::string line_column(const std::string& text, size_t byte) {
  std::string read = text.substr(0, byte);
  size_t line = 1 + static_cast<size_t>(std::count(read.begin(), read.end(), '\n'));
  size_t newline = read.rfind('\n');
  size_t column = newline == std::string::npos ? byte : byte - newline - 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string only_problem(const LoadResult& r) {
  CHECK_FALSE(r.ok);
  return format_problems("book.json", r.problems);
}

TEST_CASE("a document's currency: the book's is kept, another one refused") {
  const std::string tail = R"("amount": "1200.00"})";
  SUBCASE("another currency, in any kind of document") {
    struct Row { std::string from, to, line; };
    const Row rows[] = {
        {tail, R"("amount": "1200.00", "currency": "EUR"})",
         R"(invoices[0].currency: "EUR" differs from the book's currency USD: arlab keeps one )"
         R"(currency a book)"},
        {R"("amount": "1000.00",)", R"("amount": "1000.00", "currency": "usd",)",
         R"(payments[0].currency: "usd" differs from the book's currency USD: arlab keeps one )"
         R"(currency a book)"},
        {R"("region": "north")", R"("region": "north", "currency": "GBP")",
         R"(customers[0].currency: "GBP" differs from the book's currency USD: arlab keeps one )"
         R"(currency a book)"},
        {tail, R"("amount": "1200.00", "currency": 840})",
         "invoices[0].currency: expected a string, got 840"},
        {tail, R"("amount": "1200.00", "currency": {"code": "USD"}})",
         "invoices[0].currency: expected a string, got an object"},
        {tail, R"("amount": "1200.00", "currency": null})",
         "invoices[0].currency: expected a string, got null"},
    };
    for (const Row& row : rows) {
      CAPTURE(row.to);
      CHECK(only_problem(read_book_json(with(kBook, row.from, row.to))) ==
            "book.json: " + row.line + "\n");
    }
  }
  SUBCASE("the book's own currency is kept as it was written") {
    LoadResult r = read_book_json(with(kBook, tail, R"("amount": "1200.00", "currency": "USD"})"));
    INFO(format_problems("book.json", r.problems));
    REQUIRE(r.ok);
    const std::string saved = write_book_json(r.book);
    CHECK(saved.find(R"("amount": "1200.00", "currency":"USD"},)") != std::string::npos);
    LoadResult again = read_book_json(saved);
    REQUIRE(again.ok);
    CHECK(write_book_json(again.book) == saved);
  }
  SUBCASE("the book's currency given after the documents") {
    std::string last = with(with(kBook, R"("currency": "USD",)", ""), R"("write_offs": [])",
                            R"("write_offs": [], "currency": "JPY")");
    last = with(with(last, "\"1200.00\"", "\"1200\""), "300.5", "300");
    last = with(with(last, "\"1000.00\"", "\"1000\""), "\"100.00\"", "\"100\"");
    last = with(last, "\"50000.00\"", "\"50000\"");
    CHECK(read_book_json(with(last, R"("amount": "1200"})",
                              R"("amount": "1200", "currency": "JPY"})")).ok);
    CHECK(only_problem(read_book_json(with(last, R"("amount": "1200"})",
                                           R"("amount": "1200", "currency": "USD"})"))) ==
          "book.json: invoices[0].currency: \"USD\" differs from the book's currency JPY: arlab "
          "keeps one currency a book\n");
  }
}

TEST_CASE("nesting: 64 levels are read, a 65th is refused where it opens") {
  // The book's object is level 1: a top-level member's array is level 2 and its n-th '['
  // level n + 1; an invoice's member is level 4 (book, invoices, invoice, member).
  auto top = [](int n) {
    const std::string x = "\"x\": " + std::string(n, '[') + std::string(n, ']');
    return with(kBook, R"("credit_notes": [])", x + R"(, "credit_notes": [])");
  };
  auto in_invoice = [](int n) {
    return with(kBook, R"("amount": "1200.00"})", R"("amount": "1200.00", "x": )" +
                                                      std::string(n, '[') + std::string(n, ']') +
                                                      "}");
  };
  for (const std::string& text : {top(63), in_invoice(61)}) {
    LoadResult r = read_book_json(text);
    INFO(format_problems("book.json", r.problems));
    REQUIRE(r.ok);
    CHECK(read_book_json(write_book_json(r.book)).ok);  // Kept verbatim, and read again.
  }
  // The texts, and which of their '[' opens level 65.
  const std::pair<std::string, int> deep[] = {{top(64), 64}, {in_invoice(62), 62},
                                              {top(100000), 64}};
  for (const auto& [text, nth] : deep) {
    const size_t open = text.find("[[") + nth - 1;
    CHECK(only_problem(read_book_json(text)) ==
          "book.json: " + line_column(text, open + 1) + ": nesting deeper than 64 levels (byte " +
              std::to_string(open + 1) + ")\n");
  }
}

TEST_CASE("numbers beyond a double: located, at the value's path when there is one") {
  struct Row { std::string from, to, number, place; };
  const std::string digits = "1" + std::string(400, '0');  // Beyond a double as an integer.
  const Row rows[] = {
      {"300.5", "1e309", "1e309", "invoices[1].amount"},
      {"300.5", "-1e309", "-1e309", "invoices[1].amount"},
      {"300.5", digits, digits, "invoices[1].amount"},
      {R"("credit_notes": [])", R"("credit_notes": [1e999])", "1e999", "credit_notes[0]"},
      {R"("terms_days": 30)", R"("terms_days": 1E+400)", "1E+400", "customers[0].terms_days"},
      {R"("write_offs": [])", R"("write_offs": [], "x": [1e309])", "1e309", ""},  // No path.
  };
  for (const Row& row : rows) {
    CAPTURE(row.to);
    const std::string text = with(kBook, row.from, row.to);
    const size_t end = text.find(row.number, text.find(row.to)) + row.number.size();
    const std::string shown = row.number.size() <= 40 ? row.number
                                                      : row.number.substr(0, 40) + "... (" +
                                                            std::to_string(row.number.size()) +
                                                            " bytes)";
    const std::string where = line_column(text, end), byte = "byte " + std::to_string(end);
    const std::string expected =
        row.place.empty()
            ? where + ": number out of range: " + shown + " (" + byte + ")"
            : row.place + ": number out of range: " + shown + " (" + where + ", " + byte + ")";
    CHECK(only_problem(read_book_json(text)) == "book.json: " + expected + "\n");
  }
  CHECK(only_problem(read_book_json("1e309")) ==
        "book.json: line 1, column 5: number out of range: 1e309 (byte 5)\n");
}

TEST_CASE("values in messages are cut after 40 bytes, at a character boundary") {
  const std::string long_id = std::string(39, 'C') + "\xC3\xA9" + std::string(20, 'x');  // é
  // 39 + 2 + 20 = 61 bytes; the 40th byte is inside "é", so 39 are shown.
  CHECK(only_problem(read_book_json(with(kBook, R"("customer": "C1", "date": "2025-01-05")",
                                         "\"customer\": \"" + long_id +
                                             "\", \"date\": \"2025-01-05\""))) ==
        "book.json: invoices[0].customer: unknown customer \"" + std::string(39, 'C') +
            "...\" (61 bytes)\n");
  const std::string long_date = "2025-01-05" + std::string(100, ' ');
  CHECK(only_problem(read_book_json(with(kBook, "\"2025-01-05\"", "\"" + long_date + "\""))) ==
        "book.json: invoices[0].date: invalid date \"" + long_date.substr(0, 40) +
            "...\" (110 bytes): expected a calendar date YYYY-MM-DD\n");
  // A string that never closes: nlohmann's last token, cut, with the length to the end.
  const std::string text = R"({"format": "arlab-book/1", "currency": "USD", "x": ")" +
                           std::string(5000, 'a');
  CHECK(only_problem(read_book_json(text)) ==
        "book.json: " + line_column(text, text.size() + 1) +
            ": syntax error while parsing value - invalid string: missing closing quote; last "
            "read: '\"" + std::string(39, 'a') + "...' (5001 bytes) (byte " +
            std::to_string(text.size() + 1) + ")\n");
}

}  // TEST_SUITE
