// test_book_json_fast.cpp: the simdjson reader (io/book_json_fast.h) and the nlohmann SAX
// reader give the same LoadResult for every input: every book of the repository, generated
// books and variants of them (unknown members, numbers as amounts, escapes, unicode, `due`
// or not, currency after amounts, JPY), and damaged books, where the fast reader must
// decline (or find the very same problems) so that the SAX messages come out.
// The expected values here are the SAX reader's results: the two readers are compared, not
// trusted; each reader's own behaviour is tested against the spec elsewhere.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/generate.h"
#include "io/book_json.h"
#include "io/book_json_fast.h"

using namespace arlab;

namespace {

// ---- Comparing two results field by field (write_book_json alone hides pool order) ----
bool same_refs(StrRef a, StrRef b) { return a.offset == b.offset && a.length == b.length; }

bool same_receipts(const std::vector<Receipt>& a, const std::vector<Receipt>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Receipt& x, const Receipt& y) {
    return same_refs(x.id, y.id) && x.customer == y.customer && x.date == y.date &&
           x.amount_minor == y.amount_minor && x.allocation_first == y.allocation_first &&
           x.allocation_count == y.allocation_count;
  });
}

bool same_allocations(const std::vector<Allocation>& a, const std::vector<Allocation>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Allocation& x, const Allocation& y) {
                      return x.invoice == y.invoice && x.amount_minor == y.amount_minor;
                    });
}

bool same_documents(const Book& a, const Book& b) {
  bool people = std::equal(a.salespeople.begin(), a.salespeople.end(), b.salespeople.begin(),
                           b.salespeople.end(), [](const Salesperson& x, const Salesperson& y) {
                             return x.id == y.id && x.name == y.name;
                           });
  bool customers = std::equal(
      a.customers.begin(), a.customers.end(), b.customers.begin(), b.customers.end(),
      [](const Customer& x, const Customer& y) {
        return x.id == y.id && x.name == y.name && x.salesperson == y.salesperson &&
               x.terms_days == y.terms_days && x.credit_limit_minor == y.credit_limit_minor &&
               x.grade == y.grade;
      });
  bool invoices = std::equal(a.invoices.begin(), a.invoices.end(), b.invoices.begin(),
                             b.invoices.end(), [](const Invoice& x, const Invoice& y) {
                               return same_refs(x.id, y.id) && x.customer == y.customer &&
                                      x.date == y.date && x.due == y.due &&
                                      x.amount_minor == y.amount_minor && x.flags == y.flags;
                             });
  bool write_offs = std::equal(a.write_offs.begin(), a.write_offs.end(), b.write_offs.begin(),
                               b.write_offs.end(), [](const WriteOff& x, const WriteOff& y) {
                                 return same_refs(x.id, y.id) && x.invoice == y.invoice &&
                                        x.date == y.date && x.amount_minor == y.amount_minor;
                               });
  bool refunds = std::equal(a.refunds.begin(), a.refunds.end(), b.refunds.begin(),
                            b.refunds.end(), [](const Refund& x, const Refund& y) {
                              return same_refs(x.id, y.id) && x.customer == y.customer &&
                                     x.date == y.date && x.amount_minor == y.amount_minor &&
                                     x.payment == y.payment;
                            });
  bool budget = a.budget.dso_target_centidays == b.budget.dso_target_centidays &&
                a.budget.overdue_ratio_target_bp == b.budget.overdue_ratio_target_bp;
  bool extras = std::equal(a.extras.begin(), a.extras.end(), b.extras.begin(), b.extras.end(),
                           [](const Extra& x, const Extra& y) {
                             return x.kind == y.kind && x.index == y.index &&
                                    x.members_json == y.members_json;
                           });
  return people && customers && invoices && write_offs && refunds && budget && extras &&
         same_receipts(a.payments, b.payments) && same_receipts(a.credit_notes, b.credit_notes) &&
         same_allocations(a.payment_allocations, b.payment_allocations) &&
         same_allocations(a.credit_allocations, b.credit_allocations);
}

std::string problems_text(const LoadResult& r) { return format_problems("book.json", r.problems); }

void check_same(const LoadResult& got, const LoadResult& sax) {
  CHECK(got.ok == sax.ok);
  CHECK(problems_text(got) == problems_text(sax));
  CHECK(got.book.currency == sax.book.currency);
  CHECK(got.book.minor_digits == sax.book.minor_digits);
  CHECK(got.book.strings == sax.book.strings);
  CHECK(got.book.index.built == sax.book.index.built);
  CHECK(got.book.index.applications.size() == sax.book.index.applications.size());
  CHECK(same_documents(got.book, sax.book));
  if (got.ok && sax.ok) CHECK(write_book_json(got.book) == write_book_json(sax.book));
}

// Both readers on one text, and read_book_json in both forms; returns whether the fast
// reader handled it (so that valid books can require it).
bool agree(const std::string& text, const std::string& what) {
  INFO(what);
  LoadResult sax = read_book_json_sax(text);
  LoadResult fast;
  bool handled = read_book_json_fast(text, &fast);
  if (handled) check_same(fast, sax);
  check_same(read_book_json(std::string_view(text)), sax);
  std::string in_place = text;
  check_same(read_book_json(in_place), sax);
  CHECK(in_place == text);  // The padding never shows.
  return handled;
}

bool fast_handles(const std::string& text) {
  LoadResult r;
  return read_book_json_fast(text, &r);
}

// ---- Inputs --------------------------------------------------------------------------------
std::filesystem::path repo_root() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::string replace_first(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

std::string generated(uint64_t seed, int32_t customers, int32_t months) {
  GenerateParams p;
  p.seed = seed;
  p.customers = customers;
  p.months = months;
  p.salespeople = 3;
  return write_book_json(generate_book(p));
}

// Amounts written as JSON numbers: "amount": "12.30" -> "amount": 12.30.
std::string numbers_as_amounts(const std::string& text) {
  std::string out;
  const std::string key = "\"amount\": \"";
  size_t from = 0;
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, from)) {
    size_t end = text.find('"', at + key.size());
    out.append(text, from, at - from);
    out += "\"amount\": ";
    out.append(text, at + key.size(), end - at - key.size());
    from = end + 1;
  }
  out.append(text, from, std::string::npos);
  return out;
}

// The top-level "currency" member moved after every section.
std::string currency_last(const std::string& text, const std::string& code) {
  std::string out = replace_first(text, "\"currency\": \"" + code + "\",", "");
  size_t end = out.rfind('}');
  return out.insert(end, ", \"currency\": \"" + code + "\"\n");
}

}  // namespace

TEST_SUITE("io") {

TEST_CASE("fast reader: every book of the repository reads as with the SAX reader") {
  const std::filesystem::path root = repo_root();
  if (!std::filesystem::exists(root / "tests/cli/books")) {
#if defined(__EMSCRIPTEN__)
    MESSAGE("no file access under node: the repository's books are checked natively");
    return;
#else
    FAIL("tests/cli/books not found under " << root.string());
#endif
  }
  int files = 0, handled = 0;
  for (const char* dir : {"tests/cli/books", "tests/errors", "tests/e2e/fixtures", "assets"}) {
    for (const std::filesystem::path& p : json_files(root / dir)) {
      std::string text = read_text(p);
      ++files;
      if (agree(text, p.string())) ++handled;
      if (read_book_json_sax(text).ok) {
        INFO(p.string());
        CHECK(fast_handles(text));  // Every valid book takes the fast path.
      }
    }
  }
  CHECK(files >= 40);
  MESSAGE(files << " files, " << handled << " handled by the fast reader");
}

// Variants of one valid generated book; each must take the fast path and agree.
void check_variants(const std::string& base) {
  CHECK(agree(base, "generated"));
  CHECK(agree(numbers_as_amounts(base), "amounts as JSON numbers"));
  CHECK(agree(currency_last(base, "USD"), "currency after the amounts"));
  std::string none = base;  // No invoice gives `due`: all derived from terms.
  const std::string due = ", \"due\": \"";
  for (size_t at = none.find(due); at != std::string::npos; at = none.find(due, at)) {
    none.erase(at, due.size() + 11);  // , "due": "YYYY-MM-DD"
  }
  CHECK(agree(none, "no due"));
  LoadResult r = read_book_json_sax(none);
  REQUIRE(r.ok);
  CHECK(agree(write_book_json(r.book), "no due, saved again"));
  r.book.currency = "JPY";  // Whole yen: the same minor units, written without decimals.
  r.book.minor_digits = 0;
  const std::string jpy = write_book_json(r.book);
  CHECK(agree(jpy, "JPY"));
  CHECK(agree(numbers_as_amounts(currency_last(jpy, "JPY")), "JPY numbers, currency last"));
}

// Unknown members at every level, every escape, raw and escaped unicode, escaped keys.
std::string with_extras_and_escapes(const std::string& base) {
  std::string t = replace_first(base, "{\n  \"format\"",
      "{\n  \"meta\": {\"by\": \"gen\", \"v\": [1, -2, 3.50, -0.0, 1e3, 2E-2, "
      "12345678901234567890123, true, false, null, {}, []]},\n  \"format\"");
  t = replace_first(t, "\"terms_days\"",
                    "\"po\" : \"A\\\"1\\\\\\/\\b\\f\\n\\r\\t\", \"terms_days\"");
  t = replace_first(t, "\"name\": \"", "\"name\": \"M\u00fcller \\u00e9 \\ud83d\\ude00 \u20ac ");
  t = replace_first(t, "\"id\": \"INV-",
                    "\"x-\\u0000\": {\"nested\": [[[{\"deep\": \"\u00e9\"}]]]}, "
                    "\"\\u0069d\": \"INV-");
  const std::string ref = "\"customer\": \"C";  // C... written as \u0043...
  return replace_all(t, ref, "\"customer\": \"\\u0043");
}

TEST_CASE("fast reader: generated books and variants of them") {
  for (uint64_t seed : {1u, 2u, 3u, 7u, 42u}) {
    INFO("seed " << seed);
    const std::string base = generated(seed, 6 + static_cast<int32_t>(seed % 5), 4);
    REQUIRE(read_book_json_sax(base).ok);
    check_variants(base);
    const std::string odd = with_extras_and_escapes(base);
    CHECK(agree(odd, "extras and escapes"));
    CHECK(agree(numbers_as_amounts(currency_last(odd, "USD")), "all together"));
  }
}

TEST_CASE("fast reader: damaged books give the SAX reader's messages") {
  const std::string base = generated(5, 5, 2);
  const std::vector<std::pair<std::string, std::string>> edits = {
      {"\"amount\": \"", "\"amount\": \"1.001"},   // Too many decimals.
      {"\"amount\": \"", "\"amount\": -\""},       // Not JSON.
      {"\"terms_days\": 30", "\"terms_days\": -0"},  // nlohmann reads the integer 0.
      {"\"terms_days\": 30", "\"terms_days\": 30.0"},
      {"\"terms_days\": 30", "\"terms_days\": 030"},
      {"\"terms_days\": 30", "\"terms_days\": 3651"},
      {"\"date\": \"", "\"date\": \"x"},
      {"\"id\": \"", "\"id\": \"\"}, {\"id\": \""},  // A document with an empty id.
      {"\"customer\": \"", "\"customer\": \"nobody"},
      {"\"format\": \"arlab-book/2\"", "\"format\": \"arlab-book/3\""},
      {"\"currency\": \"USD\"", "\"currency\": \"usd\""},
      {"\"currency\": \"USD\",", ""},
      {"\"format\"", "\"currency\": \"USD\", \"format\""},  // Duplicate member.
      {"\"name\": \"", "\"name\": \"\\ud800"},    // A lone surrogate.
      {"\"name\": \"", "\"name\": \"\\udc00"},
      {"\"name\": \"", "\"name\": \"\\x"},
      {"\"name\": \"", "\"name\": \"\t"},          // A raw control character.
      {"\"name\": \"", "\"name\": \"\xC3\x28"},     // Invalid UTF-8.
      {"\"amount\": \"", "\"e\": 1e999, \"amount\": \""},  // Overflows a double.
      {"\"amount\": \"", "\"e\": 1.5e+200, \"amount\": \""},
      {"\"amount\": \"", "\"e\": -0, \"amount\": \""},
      {"\"amount\": \"", "\"e\": [1,], \"amount\": \""},
      {"\"amount\": \"", "\"e\": tru, \"amount\": \""},
      {"\"amount\": \"", "\"e\": nulll, \"amount\": \""},
      {"\"amount\": \"", "\"e\": .5, \"amount\": \""},
      {"\"amount\": \"", "\"e\" 1, \"amount\": \""},
      {"\"amount\": \"", "\"e\": 1 2, \"amount\": \""},
      {"\"amount\": \"", "\"amount\": \"1\", \"amount\": \""},
      {"\"invoice\": \"", "\"note\": 1, \"invoice\": \""},  // Unknown in an allocation.
      {"\"allocations\": [", "\"allocations\": [1, "},
      {"\"salespeople\": [", "\"salespeople\": [[], "},
      {"\"write_offs\": [", "\"write_offs\": {}, \"x\": ["},
      {"{\n  \"format\"", "\xEF\xBB\xBF{\n  \"format\""},   // A byte order mark.
      {"{\n  \"format\"", "[{\n  \"format\""},
      // Found by fuzz_book_json_diff: On-Demand, skipping an unread value, took the
      // string before a stray ':' for a key and skipped on to a mismatched bracket.
      {"\"terms_days\"", "\"k\": \"v\": {\"vip\": true, \"invoices\"]}, \"terms_days\""},
      {"\"date\": \"", "\"date\": \"2025-01-01\": {\"a\"], \"x\": \""},
  };
  for (const auto& [from, to] : edits) agree(replace_first(base, from, to), from + " -> " + to);
  for (const char* tail : {"x", "}", " {}", "\f", "\n\n", ","}) {
    agree(base + tail, std::string("followed by ") + tail);
  }
  agree(base + std::string(1, '\0'), "followed by a NUL byte");
  for (size_t cut : {size_t{0}, size_t{1}, base.size() / 3, base.size() - 2}) {
    agree(base.substr(0, cut), "cut at " + std::to_string(cut));
  }
  agree("", "empty");
  agree("   ", "spaces");
  agree("{}", "empty object");
}

// Grades, disputed invoices, refunds and the budget: valid forms take the fast path; every
// bad one is declined (or found after parsing) so that the SAX messages come out.
TEST_CASE("fast reader: grades, disputed, refunds and the budget") {
  const std::string base = R"({"format": "arlab-book/1", "currency": "USD",
  "customers": [ {"id": "C1", "name": "Acme", "grade": "A"}, {"id": "C2", "name": "Birch"} ],
  "invoices": [ {"id": "I1", "customer": "C1", "date": "2025-01-10", "amount": "1000.00"},
                {"id": "I2", "customer": "C1", "date": "2025-02-15", "amount": "300.00",
                 "disputed": true} ],
  "payments": [ {"id": "P1", "customer": "C1", "date": "2025-02-01", "amount": "1200.00",
                 "allocations": [{"invoice": "I1", "amount": "1000.00"}]} ],
  "credit_notes": [ {"id": "CN3", "customer": "C2", "date": "2025-03-10", "amount": "80.00"} ],
  "refunds": [ {"id": "R1", "customer": "C1", "date": "2025-02-20", "amount": "150.00",
                "payment": "P1", "memo": ["cheque", 1001]},
               {"id": "R2", "customer": "C2", "date": "2025-03-15", "amount": 80} ],
  "budget": {"dso_days": "45", "overdue_ratio": "15%"}})";
  CHECK(agree(base, "base"));
  const std::string budget = R"({"dso_days": "45", "overdue_ratio": "15%"})";
  for (const char* valid : {R"({"dso_days": 45, "overdue_ratio": 0.15})", R"({"dso_days": 45.5})",
                            R"({"overdue_ratio": "0.1525", "dso_days": "0"})", "{}"}) {
    CHECK(agree(replace_first(base, budget, valid), valid));
  }
  CHECK(agree(replace_first(base, "\"disputed\": true", "\"disputed\": false"), "false"));
  CHECK(agree(replace_first(base, "\"grade\": \"A\"", "\"grade\": \"\\u00e9tude\""), "escaped"));
  const std::vector<std::pair<std::string, std::string>> edits = {
      {"\"grade\": \"A\"", "\"grade\": \"\""},
      {"\"grade\": \"A\"", "\"grade\": 5"},
      {"\"grade\": \"A\"", "\"grade\": \"A-grade-and-more-than-16\""},
      {"\"disputed\": true", "\"disputed\": \"yes\""},
      {"\"disputed\": true", "\"disputed\": 1"},
      {"\"disputed\": true", "\"disputed\": null"},
      {"\"disputed\": true", "\"disputed\": true, \"disputed\": false"},
      {budget, "[]"},
      {budget, "45"},
      {budget, R"({"dso": "45"})"},
      {budget, R"({"dso_days": "45", "dso_days": "46"})"},
      {budget, R"({"overdue_ratio": "15"})"},
      {budget, R"({"overdue_ratio": 15})"},
      {budget, R"({"dso_days": "-5"})"},
      {budget, R"({"dso_days": -5})"},
      {budget, R"({"dso_days": -0})"},
      {budget, R"({"dso_days": 1e2})"},
      {budget, R"({"dso_days": 4500.001})"},
      {budget, R"({"dso_days": null})"},
      {budget, R"({"dso_days": true})"},
      {budget, R"({"dso_days": {}})"},
      {budget, R"({"dso_days": [1]})"},
      {budget, budget + R"(, "budget": {})"},
      {"\"customer\": \"C2\", \"date\": \"2025-03-15\"", "\"customer\": \"C9\", \"date\": \"x\""},
      {"\"payment\": \"P1\"", "\"payment\": \"P9\""},
      {"\"payment\": \"P1\"", "\"payment\": \"\""},
      {"\"payment\": \"P1\"", "\"payment\": 1"},
      {"\"date\": \"2025-03-15\", ", ""},
      {"\"amount\": 80}", "\"amount\": 81}"},
      {"\"amount\": 80}", "\"amount\": -80}"},
      {"\"amount\": \"150.00\"", "\"amount\": \"1150.00\""},
      {"\"refunds\": [", "\"refunds\": {}, \"x\": ["},
      {"\"refunds\": [", "\"refunds\": [7, "},
  };
  for (const auto& [from, to] : edits) agree(replace_first(base, from, to), from + " -> " + to);
}

// Hostile files (issue 9): the nesting limit at every level, documents' currencies and numbers
// beyond a double give one verdict; valid forms (64 levels, the book's own currency) are read.
TEST_CASE("fast reader: nesting limit, documents' currencies, numbers beyond a double") {
  const std::string base = generated(11, 3, 2);
  auto nested = [](int n) { return std::string(n, '[') + std::string(n, ']'); };
  const std::string top = "{\n  \"format\"";
  const std::string doc = "\"amount\": \"";
  // A top-level member's array is level 2, an invoice's member level 4: 64 is the limit.
  CHECK(agree(replace_first(base, top, "{\"x\": " + nested(63) + ", \"format\""), "top 64"));
  CHECK(agree(replace_first(base, doc, "\"x\": " + nested(61) + ", " + doc), "doc 64"));
  for (int n : {64, 65, 1000}) {
    agree(replace_first(base, top, "{\"x\": " + nested(n) + ", \"format\""), "top deep");
    agree(replace_first(base, doc, "\"x\": " + nested(n - 2) + ", " + doc), "doc deep");
    agree(replace_first(base, doc, "\"x\": [{\"y\": " + nested(n - 3) + "}], " + doc), "mixed");
  }
  CHECK_FALSE(read_book_json(replace_first(base, top, "{\"x\": " + nested(64) + ", \"format\""))
                  .ok);
  const std::string currency = "\"currency\": ";
  for (const char* value : {"\"USD\"", "\"EUR\"", "\"usd\"", "5", "null", "{}", "[\"USD\"]"}) {
    CAPTURE(value);
    agree(replace_first(base, doc, currency + value + ", " + doc), "invoice currency");
    agree(replace_first(base, "\"terms_days\"", currency + value + ", \"terms_days\""),
          "customer currency");
    agree(currency_last(replace_first(base, doc, currency + value + ", " + doc), "USD"),
          "before the book's");
  }
  CHECK(read_book_json(replace_first(base, doc, currency + "\"USD\", " + doc)).ok);
  CHECK_FALSE(read_book_json(replace_first(base, doc, currency + "\"EUR\", " + doc)).ok);
  for (const char* number : {"1e309", "-1e309", "1e400", "123456789012345678901234567890e300"}) {
    agree(replace_first(base, doc, std::string("\"e\": ") + number + ", " + doc), number);
    agree(replace_first(base, top, std::string("{\"e\": ") + number + ", \"format\""), number);
  }
  agree(base.substr(0, base.size() / 2) + "\"" + std::string(3000, 'a'), "unclosed string");
}

// A deterministic sweep: each byte of a small book deleted, doubled or replaced.
TEST_CASE("fast reader: single-byte damage anywhere") {
  std::string base = replace_first(generated(9, 2, 1), "{\n  \"format\"",
                                   "{\"m\": [1.5, \"\\u00e9\", {\"k\": null}], \"format\"");
  if (base.size() > 6000) base = base.substr(0, 6000);  // Damaged anyway: the sweep's cost.
  for (size_t i = 0; i < base.size(); ++i) {
    std::string deleted = base, doubled = base, replaced = base;
    deleted.erase(i, 1);
    doubled.insert(i, 1, base[i]);
    replaced[i] = "\"{}[],:0-.e\\ "[i % 14];
    agree(deleted, "deleted " + std::to_string(i));
    agree(doubled, "doubled " + std::to_string(i));
    agree(replaced, "replaced " + std::to_string(i));
  }
}

}  // TEST_SUITE
