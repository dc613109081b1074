// test_book_json.cpp: a few core rules seen through the JSON reader (io/book_json.h).
// The reader's own tests live with io/ and tests/cli; these check that the core's rules and
// places come through the file format unchanged.
#include <doctest/doctest.h>

#include <string>

#include "core/aging.h"
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
      {"wrong format", "arlab-book/1", "arlab-book/2", "format"},
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

}  // TEST_SUITE
