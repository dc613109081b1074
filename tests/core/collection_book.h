// collection_book.h: the small book worked by hand for core/collection.h and core/worklist.h
// (tests/core/test_collection.cpp, test_worklist.cpp).
#pragma once
#include <doctest/doctest.h>

#include "book_builder.h"

namespace arlab::test {

// C1 (terms 30, credit limit 1,000.00):
//   INV-1 2025-01-01 500.00, due 01-31 (its period 30 days: hard limit 10 days, day 40);
//   INV-2 2025-01-01 300.00, its own due date 2025-03-02 (period 60: limit 20 days, day 80);
//   INV-4 2025-02-05 400.00, due 03-07 (period 30);
//   P-1 2025-02-01 100.00 -> INV-1 (oldest due): INV-1 open 400.00;
//   P-2 2025-02-15 400.00 -> INV-1 (oldest due): INV-1 paid.
// C2 (terms 30, no limit): INV-3 2025-02-20 200.00, due 03-22.
inline BookBuilder collection_book() {
  BookBuilder b;
  Index c1 = b.customer("C1");
  Index c2 = b.customer("C2");
  b.book.customers[c1].credit_limit_minor = 100000;
  b.invoice("INV-1", c1, D("2025-01-01"), 50000);
  b.invoice("INV-2", c1, D("2025-01-01"), 30000, D("2025-03-02"));
  b.invoice("INV-3", c2, D("2025-02-20"), 20000);
  b.invoice("INV-4", c1, D("2025-02-05"), 40000);
  b.payment("P-1", c1, D("2025-02-01"), 10000);
  b.payment("P-2", c1, D("2025-02-15"), 40000);
  REQUIRE(b.build());
  return b;
}

// A case-file record for tests: id, kind, date, customer; the rest set by the caller.
inline CaseRecord record(const char* id, RecordKind kind, const char* date, Index customer,
                         std::vector<Index> invoices = {}) {
  CaseRecord r;
  r.id = id;
  r.kind = kind;
  r.date = D(date);
  r.customer = customer;
  r.invoices = std::move(invoices);
  return r;
}

// Its customers and invoices by index.
constexpr Index kC1 = 0, kC2 = 1;
constexpr Index kInv1 = 0, kInv2 = 1, kInv3 = 2, kInv4 = 3;

}  // namespace arlab::test
