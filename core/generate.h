// generate.h: deterministic synthetic books (the embedded sample, property tests, benchmarks).
//
// Same seed and parameters give the same book on every platform (own PRNG, no <random>
// distributions, whose results differ between standard libraries).
//
// Usage:
//   arlab::GenerateParams p;  p.seed = 1;  p.customers = 40;  p.months = 18;
//   arlab::Book book = arlab::generate_book(p);  // already passes build_index()
//
// The book: `salespeople` people, `customers` firms (ids C001.., S1..), each with terms (mostly
// 30 days, some 45/60, a few 15), a credit limit and a payment habit (prompt, a few days late,
// chronically late, partial payer, disputer, big customer with "inertial arrears", and one or
// two per 40 that stop paying). Invoices INV-000001.. on business days over `months` months
// from `start`, in date order; payments P-.. (most name their invoices, lump payers leave
// them to the oldest-due-first rule), credit notes CN-.. and write-offs W-.. in date order.
// Each customer has a credit grade from its habit (A prompt or slightly late; B partial,
// disputer or inertial; C chronically late or stopping); invoices still in dispute at the
// end are marked disputed; each payment on account is refunded two weeks later (R-..,
// alternately in full and half); the budget is 45 days of DSO and a 25% overdue ratio.
// None of these draws from the generator, so the documents are those of earlier versions.
// Documents dated after the period are not made, so the end of the period has invoices open
// in every aging bucket. The index is built (book.index.built) on return.
#pragma once
#include <cstdint>

#include "book.h"

namespace arlab {

struct GenerateParams {
  uint64_t seed = 1;
  int32_t salespeople = 5;
  int32_t customers = 40;
  int32_t months = 18;
  Date start = date_from_ymd(2024, 7, 1);
  int64_t invoices = 0;  // 0: about 3 invoices per customer per month; else exactly this many.
  bool explicit_allocations = true;  // Most payments name their invoice; some rely on auto.
  // The collection section too: the default policy and a case file a team would have kept
  // (reviews, calls, promises, disputes, cases, plans, holds, legal action), drawn from the
  // ledger with a generator of its own, so the ledger is the same with or without it.
  bool case_file = false;
};

// splitmix64-based generator, identical everywhere.
struct Rng {
  uint64_t state;
  uint64_t next();
  uint64_t below(uint64_t n);            // Uniform in [0, n).
  int64_t between(int64_t lo, int64_t hi);  // Uniform in [lo, hi].
  bool chance(uint32_t per_mille);
};

Book generate_book(const GenerateParams& params);

}  // namespace arlab
