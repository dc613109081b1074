// dunning_book.h: the book the dunning and letters suites work by hand (default policy:
// notice from 1 day overdue (sales, deadline 10 days), warning from 15 (finance, 7), lawyer's
// letter from 30 (credit, 7); letter gap 7 days; reminder 7 days before the due date;
// escalation internal 1, field 45, agency 90, court 180).
//
//   C1 (terms 30): INV-1 2025-01-01 1,000.00, due 01-31; INV-2 2025-01-20 500.00, due 02-19.
//   C2 (terms 30): INV-3 2025-01-01 500.00, due 01-31; INV-4 2025-01-01 300.00, due 01-31.
//   C3 (terms 30): INV-5 2025-01-01 200.00, due 01-31, paid in full by P-1 on 2025-02-05.
//   C4 (terms 30): INV-6 2025-02-01 400.00, due 03-03.
// The case file is what each test gives (`records`), added before the index is built.
#pragma once
#include <vector>

#include "book_builder.h"
#include "core/casefile.h"

namespace arlab::test {

constexpr Index kDC1 = 0, kDC2 = 1, kDC3 = 2, kDC4 = 3;
constexpr Index kDInv1 = 0, kDInv2 = 1, kDInv3 = 2, kDInv4 = 3, kDInv5 = 4, kDInv6 = 5;

// A record of `kind` dated `date` for `customer` naming `invoices` (ids "T1", "T2", ...).
inline CaseRecord dunning_record(RecordKind kind, const char* date, Index customer,
                                 std::vector<Index> invoices, int32_t level = 0) {
  CaseRecord r;
  r.kind = kind;
  r.date = D(date);
  r.customer = customer;
  r.invoices = std::move(invoices);
  r.level = level;
  if (kind == RecordKind::Block || kind == RecordKind::Extension) r.text = "by hand";
  return r;
}

inline BookBuilder dunning_book(std::vector<CaseRecord> records = {}) {
  BookBuilder b;
  for (const char* id : {"C1", "C2", "C3", "C4"}) b.customer(id);
  b.invoice("INV-1", kDC1, D("2025-01-01"), 100000);
  b.invoice("INV-2", kDC1, D("2025-01-20"), 50000);
  b.invoice("INV-3", kDC2, D("2025-01-01"), 50000);
  b.invoice("INV-4", kDC2, D("2025-01-01"), 30000);
  b.invoice("INV-5", kDC3, D("2025-01-01"), 20000);
  b.invoice("INV-6", kDC4, D("2025-02-01"), 40000);
  b.payment("P-1", kDC3, D("2025-02-05"), 20000);
  for (size_t i = 0; i < records.size(); i++) {
    records[i].id = std::string("T").append(std::to_string(i + 1));
    b.book.collection.records.push_back(records[i]);
  }
  return b;
}

}  // namespace arlab::test
