// fuzz_book_json.cpp: libFuzzer target for the book loader (io/book_json.h).
//
// Any input must either load, or be rejected with at least one located problem; it must
// never crash, leak or hit undefined behaviour (built with ASan + UBSan). A book that loads
// must also keep the core's invariants and survive save -> load -> save byte for byte.
//   fuzz/run.sh --minutes 30          longer runs by hand (see docs/TESTING.md)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/aging.h"
#include "io/book_json.h"

namespace {

// A failed property is a crash, so that libFuzzer keeps the input as an artifact.
void require(bool ok) {
  if (!ok) __builtin_trap();
}

void check_loaded(const arlab::Book& book) {
  const arlab::Date end = arlab::date_from_ymd(9999, 12, 31);
  for (arlab::Index i = 0; i < book.invoices.size(); ++i) {
    int64_t open = arlab::invoice_open_minor(book, i, end);
    require(open >= 0);
    require(open <= book.invoices[i].amount_minor);
  }
  for (arlab::Index c = 0; c < book.customers.size(); ++c)
    require(arlab::customer_unapplied_minor(book, c, end) <= 0);
  for (const arlab::Refund& f : book.refunds)  // Never more paid back than the credit.
    require(arlab::customer_unapplied_minor(book, f.customer, f.date) <= 0);
  arlab::AgingReport r = arlab::compute_aging(book, arlab::book_last_date(book),
                                              arlab::kDefaultAgingEdges);
  int64_t sum = 0;
  for (int64_t x : r.total_amounts_minor) sum += x;
  require(sum == r.total_open_minor);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  arlab::LoadResult r = arlab::read_book_json(text);
  if (!r.ok) {
    require(!r.problems.empty());  // A rejection always says why...
    for (const arlab::Problem& p : r.problems) require(!p.message.empty());
    require(!arlab::format_problems("fuzz.json", r.problems).empty());  // ...and prints.
    return 0;
  }
  require(r.book.index.built);
  check_loaded(r.book);
  const std::string first = arlab::write_book_json(r.book);
  arlab::LoadResult again = arlab::read_book_json(first);
  require(again.ok);
  require(arlab::write_book_json(again.book) == first);
  return 0;
}
