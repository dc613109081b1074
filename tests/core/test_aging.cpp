// test_aging.cpp: buckets by days past due, as-of cut-off, unapplied credit (core/aging.h).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "book_builder.h"
#include "core/aging.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

using Amounts = std::vector<int64_t>;

// Customer A has one invoice per edge case: days past due on 2025-06-30 -> amount (minor).
// The amounts are powers of two so that any wrong bucket shows in the sums.
struct EdgeBook {
  BookBuilder b;
  Index a, b_cust, z;
  std::vector<Index> inv;  // In the order of kDays.
  static constexpr int32_t kDays[] = {-10, 0, 1, 30, 31, 60, 61, 90, 91};

  EdgeBook() {
    b_cust = b.customer("B");
    z = b.customer("Z");
    a = b.customer("A");
    const Date as_of = D("2025-06-30");
    int64_t amount = 100;
    for (int32_t days : kDays) {
      Date due = as_of - days;
      std::string id = "A-" + std::to_string(days);
      inv.push_back(b.invoice(id, a, due - 30, amount, due));
      amount *= 2;
    }
    b.invoice("A-FUTURE", a, D("2025-07-01"), 51200);  // Does not exist on 06-30.
    Index zi = b.invoice("Z-1", z, D("2025-01-10"), 99900);
    b.payment("Z-P", z, D("2025-02-01"), 99900, {{zi, 99900}});  // Z owes nothing.
    b.payment("B-P", b_cust, D("2025-06-01"), 5000);              // B has only credit.
  }
  void build() {
    std::vector<Problem> problems;
    bool ok = b.build(&problems);
    for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
    REQUIRE(ok);
  }
};

int64_t sum(const Amounts& v) {
  int64_t s = 0;
  for (int64_t x : v) s += x;
  return s;
}

}  // namespace

TEST_SUITE("aging") {

TEST_CASE("bucket of days past due at the default edges") {
  struct Row { int32_t days; size_t bucket; };
  const Row rows[] = {{-400, 0}, {-1, 0}, {0, 0}, {1, 1},  {30, 1},  {31, 2},   {60, 2},
                      {61, 3},   {90, 3}, {91, 4}, {365, 4}, {100000, 4}};
  for (const Row& row : rows) {
    CAPTURE(row.days);
    CHECK(aging_bucket_of(kDefaultAgingEdges, row.days) == row.bucket);
  }
  CHECK(aging_bucket_names(kDefaultAgingEdges) ==
        std::vector<std::string>{"current", "1-30", "31-60", "61-90", "91+"});
}

TEST_CASE("bucket of days past due at custom edges") {
  SUBCASE("15,45") {
    const std::vector<int32_t> edges{15, 45};
    struct Row { int32_t days; size_t bucket; };
    const Row rows[] = {{0, 0}, {1, 1}, {15, 1}, {16, 2}, {45, 2}, {46, 3}, {1000, 3}};
    for (const Row& row : rows) {
      CAPTURE(row.days);
      CHECK(aging_bucket_of(edges, row.days) == row.bucket);
    }
    CHECK(aging_bucket_names(edges) == std::vector<std::string>{"current", "1-15", "16-45", "46+"});
  }
  SUBCASE("one edge") {
    const std::vector<int32_t> edges{7};
    CHECK(aging_bucket_of(edges, 7) == 1);
    CHECK(aging_bucket_of(edges, 8) == 2);
    CHECK(aging_bucket_names(edges) == std::vector<std::string>{"current", "1-7", "8+"});
  }
  SUBCASE("edges beyond a year") {
    const std::vector<int32_t> edges{30, 365, 730};
    CHECK(aging_bucket_of(edges, 365) == 2);
    CHECK(aging_bucket_of(edges, 366) == 3);
    CHECK(aging_bucket_of(edges, 731) == 4);
    CHECK(aging_bucket_names(edges).back() == "731+");
  }
}

TEST_CASE("parse_aging_edges") {
  SUBCASE("accepted") {
    struct Row { const char* text; std::vector<int32_t> edges; };
    const Row rows[] = {{"30,60,90", {30, 60, 90}}, {"15,45", {15, 45}}, {"7", {7}},
                        {"1,2,3", {1, 2, 3}}};
    for (const Row& row : rows) {
      CAPTURE(std::string(row.text));
      std::vector<int32_t> edges;
      std::string why;
      REQUIRE(parse_aging_edges(row.text, &edges, &why));
      CHECK(edges == row.edges);
    }
  }
  SUBCASE("rejected with a reason") {
    const char* rows[] = {"",    "30,30", "60,30", "0,30",  "-1",     "30,,60",
                          "a",   "30,60,", ",30",  "30.5",  "30;60",  "99999999999"};
    for (const char* text : rows) {
      CAPTURE(std::string(text));
      std::vector<int32_t> edges{1};
      std::string why;
      CHECK_FALSE(parse_aging_edges(text, &edges, &why));
      CHECK_FALSE(why.empty());
    }
  }
}

TEST_CASE("aging puts each open invoice in its bucket at exactly 0/1/30/31/60/61/90/91 days") {
  EdgeBook e;
  e.build();
  const Date as_of = D("2025-06-30");

  SUBCASE("default edges") {
    AgingReport r = compute_aging(e.b.book, as_of, kDefaultAgingEdges);
    CHECK(r.as_of == as_of);
    CHECK(r.bucket_names == std::vector<std::string>{"current", "1-30", "31-60", "61-90", "91+"});
    REQUIRE(r.customers.size() == 2);  // A and B; Z owes nothing and has no credit.
    const CustomerAging& a = r.customers[0];
    CHECK(a.customer == e.a);
    // current: -10 and 0 days (1.00 + 2.00); 1-30: 1 and 30; 31-60: 31 and 60; ...
    CHECK(a.amounts_minor == Amounts{300, 1200, 4800, 19200, 25600});
    CHECK(a.open_minor == 51100);
    CHECK(a.unapplied_minor == 0);
    CHECK(r.total_amounts_minor == Amounts{300, 1200, 4800, 19200, 25600});
  }
  SUBCASE("edges 15,45") {
    AgingReport r = compute_aging(e.b.book, as_of, {15, 45});
    REQUIRE(r.customers.size() == 2);
    CHECK(r.customers[0].amounts_minor == Amounts{300, 400, 2400, 48000});
    CHECK(r.bucket_names == std::vector<std::string>{"current", "1-15", "16-45", "46+"});
  }
  SUBCASE("edges 10,60,120,180") {
    AgingReport r = compute_aging(e.b.book, as_of, {10, 60, 120, 180});
    REQUIRE(r.customers.size() == 2);
    CHECK(r.customers[0].amounts_minor == Amounts{300, 400, 5600, 44800, 0, 0});
    CHECK(r.total_open_minor == 51100);
  }
  SUBCASE("a partial payment reduces its invoice's bucket") {
    e.b.payment("A-P", e.a, D("2025-06-15"), 150, {{e.inv[1], 150}});  // 1.50 of the 2.00
    e.build();
    AgingReport r = compute_aging(e.b.book, as_of, kDefaultAgingEdges);
    CHECK(r.customers[0].amounts_minor == Amounts{150, 1200, 4800, 19200, 25600});
    CHECK(r.total_open_minor == 50950);
  }
}

TEST_CASE("unapplied credit is negative, listed, and sums into the totals") {
  EdgeBook e;
  e.build();
  AgingReport r = compute_aging(e.b.book, D("2025-06-30"), kDefaultAgingEdges);
  REQUIRE(r.customers.size() == 2);
  const CustomerAging& b = r.customers[1];
  CHECK(b.customer == e.b_cust);
  CHECK(b.open_minor == 0);
  CHECK(b.unapplied_minor == -5000);
  CHECK(b.amounts_minor == Amounts{0, 0, 0, 0, 0});
  CHECK(r.total_open_minor == 51100);
  CHECK(r.total_unapplied_minor == -5000);
}

TEST_CASE("as of a date, later documents do not exist") {
  EdgeBook e;
  e.build();
  SUBCASE("before B's payment, B is left out") {
    AgingReport r = compute_aging(e.b.book, D("2025-05-31"), kDefaultAgingEdges);
    REQUIRE(r.customers.size() == 1);
    CHECK(r.customers[0].customer == e.a);
    CHECK(r.total_unapplied_minor == 0);
  }
  SUBCASE("the day A-FUTURE is issued it is current") {
    AgingReport r = compute_aging(e.b.book, D("2025-07-01"), kDefaultAgingEdges);
    REQUIRE(r.customers.size() == 2);
    // One day later: -10 -> -9 and A-FUTURE (due 07-31) current; 0 -> 1; 30 -> 31; 60 -> 61;
    // 90 -> 91; 1, 31, 61, 91 stay in their buckets.
    CHECK(r.customers[0].amounts_minor == Amounts{100 + 51200, 200 + 400, 800 + 1600,
                                                 3200 + 6400, 12800 + 25600});
  }
  SUBCASE("before any document, nobody is listed") {
    AgingReport r = compute_aging(e.b.book, D("2024-01-01"), kDefaultAgingEdges);
    CHECK(r.customers.empty());
    CHECK(r.total_open_minor == 0);
    CHECK(r.total_amounts_minor == Amounts{0, 0, 0, 0, 0});
  }
  SUBCASE("a payment dated after the as-of date does not reduce the invoice yet") {
    e.b.payment("A-P", e.a, D("2025-07-15"), 25600, {{e.inv[8], 25600}});
    e.build();
    AgingReport before = compute_aging(e.b.book, D("2025-06-30"), kDefaultAgingEdges);
    CHECK(before.customers[0].amounts_minor.back() == 25600);
    AgingReport after = compute_aging(e.b.book, D("2025-07-15"), kDefaultAgingEdges);
    CHECK(after.customers[0].open_minor == 51100 + 51200 - 25600);
  }
}

TEST_CASE("customers are sorted by id and totals add up") {
  EdgeBook e;
  e.build();
  AgingReport r = compute_aging(e.b.book, D("2025-06-30"), kDefaultAgingEdges);
  REQUIRE(r.customers.size() == 2);
  CHECK(e.b.book.customers[r.customers[0].customer].id == "A");
  CHECK(e.b.book.customers[r.customers[1].customer].id == "B");
  for (const CustomerAging& c : r.customers) CHECK(sum(c.amounts_minor) == c.open_minor);
  CHECK(sum(r.total_amounts_minor) == r.total_open_minor);
}

}  // TEST_SUITE
