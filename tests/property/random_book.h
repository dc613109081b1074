// random_book.h: seeded random books for the property tests, beside arlab::generate_book.
//
// Unlike the generator (realistic books), these are small and dense in edge cases: explicit
// allocations to several invoices, payments that over-pay (unapplied credit), credit notes,
// write-offs, refunds of unapplied credit (some naming their payment), due dates given or
// from terms (0..60 days), documents out of date order in the file, and many documents on
// one day (a third of the dates are taken from documents already drawn), so that the
// within-day order of the date-order rule is exercised. Explicit allocations and write-offs
// are drawn against what is left over all time, then fit_to_date_order() lowers those that
// find their invoice already taken at their date (as the generator does); refunds are kept
// only when build_index accepts them.
#pragma once
#include <string>
#include <vector>

#include "book_builder.h"
#include "core/generate.h"

namespace arlab::test {

inline std::string numbered(const char* prefix, uint64_t n) {
  std::string s = prefix;
  s += std::to_string(n);
  return s;
}

struct RandomBook {
  Rng rng;
  BookBuilder b;
  std::vector<int64_t> left;  // Per invoice: amount - explicit allocations - write-offs.
  Date start;
  int32_t span_days = 0;

  explicit RandomBook(uint64_t seed) : rng{seed} {}

  void parties() {
    int64_t salespeople = rng.between(0, 2);
    for (int64_t s = 0; s < salespeople; ++s) b.salesperson(numbered("S", s));
    int64_t customers = rng.between(1, 6);
    for (int64_t c = 0; c < customers; ++c) {
      Index sp = salespeople > 0 && rng.chance(700) ? Index(rng.below(salespeople)) : kNone;
      b.customer(numbered("C", c), int32_t(rng.between(0, 60)), sp);
    }
  }
  std::vector<Date> used;  // Dates drawn so far, to draw again: same-day documents.

  Date draw_date(int32_t extra_days) {
    if (!used.empty() && rng.chance(333)) return used[rng.below(used.size())];
    Date d = start + int32_t(rng.below(uint64_t(span_days + extra_days)));
    used.push_back(d);
    return d;
  }
  int64_t draw_amount() {
    if (rng.chance(100)) return rng.between(1, 9);  // Tiny amounts: off-by-one territory.
    return rng.between(100, 300000);
  }
  void invoices() {
    int64_t count = rng.between(0, 60);
    for (int64_t i = 0; i < count; ++i) {
      Index c = Index(rng.below(b.book.customers.size()));
      Date date = draw_date(0);
      std::optional<Date> due;
      if (rng.chance(400)) due = date + int32_t(rng.between(0, 120));
      // One draw per statement: the order of evaluating arguments differs between GCC
      // and Clang (Emscripten), and the digest must not.
      const uint64_t number = rng.below(1000000) * 100 + uint64_t(i);
      const int64_t amount = draw_amount();
      b.invoice(numbered("I", number), c, date, amount, due);
      left.push_back(b.book.invoices.back().amount_minor);
    }
  }
  // Up to three explicit allocations to open invoices of `c` dated on or before `date`.
  std::vector<Allocation> allocations(Index c, Date date) {
    std::vector<Allocation> out;
    int64_t wanted = rng.between(0, 3);
    for (int64_t tries = 0; tries < 8 && int64_t(out.size()) < wanted; ++tries) {
      if (b.book.invoices.empty()) break;
      Index i = Index(rng.below(b.book.invoices.size()));
      const Invoice& v = b.book.invoices[i];
      if (v.customer != c || v.date > date || left[i] == 0) continue;
      bool seen = false;
      for (const Allocation& a : out) seen = seen || a.invoice == i;
      if (seen) continue;
      int64_t amount = rng.chance(500) ? left[i] : rng.between(1, left[i]);
      left[i] -= amount;
      out.push_back({i, amount});
    }
    return out;
  }
  void receipts() {
    int64_t count = rng.between(0, 50);
    for (int64_t k = 0; k < count; ++k) {
      Index c = Index(rng.below(b.book.customers.size()));
      Date date = draw_date(60);
      std::vector<Allocation> allocs = allocations(c, date);
      int64_t amount = 0;
      for (const Allocation& a : allocs) amount += a.amount_minor;
      if (amount == 0 || rng.chance(600)) amount += draw_amount();  // A remainder to apply.
      if (rng.chance(200))
        b.credit_note(numbered("CN", uint64_t(k)), c, date, amount, allocs);
      else
        b.payment(numbered("P", uint64_t(k)), c, date, amount, allocs);
    }
  }
  void write_offs() {
    int64_t count = rng.between(0, 8);
    for (int64_t k = 0; k < count && !b.book.invoices.empty(); ++k) {
      Index i = Index(rng.below(b.book.invoices.size()));
      if (left[i] == 0) continue;
      int64_t amount = rng.chance(500) ? left[i] : rng.between(1, left[i]);
      left[i] -= amount;
      Date date = draw_date(200);
      if (date < b.book.invoices[i].date) date = b.book.invoices[i].date + int32_t(rng.below(3));
      b.write_off(numbered("W", uint64_t(k)), i, date, amount);
    }
  }
  // Up to four refunds, each at most the credit left on its date; one that would leave a
  // later refund uncovered (build_index says so) is dropped again. Ends with the index built.
  void refunds() {
    std::vector<Problem> ignored;
    if (!build_index(b.book, &ignored)) return;
    int64_t count = rng.between(0, 4);
    for (int64_t k = 0; k < count; ++k) {
      Index c = Index(rng.below(b.book.customers.size()));
      Date date = draw_date(90);
      int64_t credit = -customer_unapplied_minor(b.book, c, date);
      if (credit <= 0) continue;
      int64_t amount = rng.chance(300) ? credit : rng.between(1, credit);
      Index payment = kNone;  // The latest payment of c dated on or before, now and then.
      for (Index p = 0; p < b.book.payments.size(); ++p)
        if (b.book.payments[p].customer == c && b.book.payments[p].date <= date) payment = p;
      if (!rng.chance(500)) payment = kNone;
      b.refund(numbered("R", uint64_t(k)), c, date, amount, payment);
      if (build_index(b.book, &ignored)) continue;
      b.book.refunds.pop_back();  // Its id stays in the pool, unused: harmless.
      build_index(b.book, &ignored);
    }
  }
};

// A valid random book; its index is not built yet.
inline Book random_book(uint64_t seed) {
  RandomBook r(seed);
  r.start = date_from_ymd(2023, 1, 1) + int32_t(r.rng.below(800));
  r.span_days = int32_t(r.rng.between(1, 400));
  r.parties();
  r.invoices();
  r.receipts();
  r.write_offs();
  fit_to_date_order(r.b.book);
  r.refunds();
  return std::move(r.b.book);
}

// Parameters of the generated books: small to medium, every option exercised.
inline GenerateParams generated_params(uint64_t n) {
  GenerateParams p;
  p.seed = 1000 + n;
  p.salespeople = int32_t(1 + n % 5);
  p.customers = int32_t(1 + (n * 7) % 20);
  p.months = int32_t(1 + (n * 5) % 14);
  p.start = date_from_ymd(2023, 1, 1) + int32_t((n * 37) % 700);
  p.invoices = n % 4 == 3 ? int64_t(50 + n) : 0;
  p.explicit_allocations = n % 3 != 1;
  return p;
}

}  // namespace arlab::test
