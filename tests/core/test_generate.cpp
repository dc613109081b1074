// test_generate.cpp: the deterministic book generator (core/generate.h).
#include <doctest/doctest.h>

#include <vector>

#include "book_builder.h"
#include "core/generate.h"
#include "io/book_json.h"

using namespace arlab;
using arlab::test::book_digest;

TEST_SUITE("generate") {

TEST_CASE("Rng is splitmix64") {
  // Reference outputs of splitmix64 (Vigna's splitmix64.c), computed outside arlab.
  struct Row { uint64_t seed; uint64_t first[3]; };
  const Row rows[] = {
      {0, {0xe220a8397b1dcdafull, 0x6e789e6aa1b965f4ull, 0x06c45d188009454full}},
      {1234567, {0x599ed017fb08fc85ull, 0x2c73f08458540fa5ull, 0x883ebce5a3f27c77ull}},
  };
  for (const Row& row : rows) {
    Rng rng{row.seed};
    for (uint64_t expected : row.first) CHECK(rng.next() == expected);
  }
}

TEST_CASE("Rng ranges") {
  Rng rng{42};
  for (int i = 0; i < 10000; ++i) {
    CHECK(rng.below(7) < 7);
    int64_t v = rng.between(-3, 3);
    CHECK(v >= -3);
    CHECK(v <= 3);
  }
  int64_t hits_never = 0, hits_always = 0;
  for (int i = 0; i < 1000; ++i) {
    hits_never += rng.chance(0);
    hits_always += rng.chance(1000);
  }
  CHECK(hits_never == 0);
  CHECK(hits_always == 1000);
  CHECK(rng.between(5, 5) == 5);
}

TEST_CASE("same seed, same book; another seed, another book") {
  GenerateParams p;
  p.seed = 7;
  p.customers = 12;
  p.months = 6;
  const std::string a = book_digest(generate_book(p));
  CHECK(a == book_digest(generate_book(p)));
  p.seed = 8;
  CHECK(a != book_digest(generate_book(p)));
}

TEST_CASE("generated books pass build_index and follow the parameters") {
  struct Row { uint64_t seed; int32_t salespeople, customers, months; int64_t invoices; };
  const Row rows[] = {{1, 5, 40, 18, 0}, {2, 2, 3, 1, 0}, {3, 3, 10, 12, 500}, {4, 1, 1, 24, 0}};
  for (const Row& row : rows) {
    CAPTURE(row.seed);
    GenerateParams p;
    p.seed = row.seed;
    p.salespeople = row.salespeople;
    p.customers = row.customers;
    p.months = row.months;
    p.invoices = row.invoices;
    Book book = generate_book(p);
    std::vector<Problem> problems;
    CHECK(index_ids(book, &problems));
    CHECK(build_index(book, &problems));
    CHECK(problems.empty());
    CHECK(book.salespeople.size() == size_t(row.salespeople));
    CHECK(book.customers.size() == size_t(row.customers));
    if (row.invoices > 0) CHECK(book.invoices.size() == size_t(row.invoices));
    CHECK_FALSE(book.invoices.empty());
    for (const Invoice& v : book.invoices) {
      CHECK(v.date >= p.start);
      CHECK(v.date < p.start + 31 * row.months + 1);
    }
  }
}

}  // TEST_SUITE

TEST_SUITE("generate") {

TEST_CASE("case file: the same ledger, a valid case file, the same for a seed") {
  GenerateParams p;
  Book plain = generate_book(p);
  p.case_file = true;
  Book with = generate_book(p);
  // The ledger is untouched: everything but the collection section writes the same.
  Book without = with;
  without.collection = Collection{};
  CHECK(write_book_json(without) == write_book_json(plain));
  std::vector<Problem> problems;
  CHECK(check_collection(with, &problems));
  CHECK(problems.empty());
  CHECK(write_book_json(generate_book(p)) == write_book_json(with));
  // Every record dated within the period, ids R-1.. in date order.
  const std::vector<CaseRecord>& rs = with.collection.records;
  REQUIRE(rs.size() > 100);
  for (size_t i = 0; i < rs.size(); ++i) {
    CHECK(rs[i].id == "R-" + std::to_string(i + 1));
    if (i) CHECK(rs[i - 1].date <= rs[i].date);
  }
  // The ledger's own answer to the promises: some kept, some broken, as of the end.
  CaseState s = case_state(with, date_from_ymd(2025, 12, 31));
  size_t kept = 0, broken = 0;
  for (const PromiseState& ps : s.promises) {
    kept += ps.status == PromiseStatus::Kept;
    broken += ps.status == PromiseStatus::Broken;
  }
  CHECK(kept > 0);
  CHECK(broken > 0);
  bool kinds[kRecordKindCount] = {};
  for (const CaseRecord& r : rs) kinds[int(r.kind)] = true;
  for (RecordKind k : {RecordKind::Review, RecordKind::Contact, RecordKind::Promise,
                       RecordKind::Case, RecordKind::Dispute, RecordKind::Resolve,
                       RecordKind::Plan, RecordKind::Hold, RecordKind::Recovery,
                       RecordKind::Letter}) {
    INFO(record_kind_name(k));
    CHECK(kinds[int(k)]);
  }
}

}  // TEST_SUITE
