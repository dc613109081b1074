// credit.h: credit control before delivery (domain README, "Prevention (before delivery)":
// the credit file holds each customer's credit limit; management before delivery prevents
// 70% of default risk). Before a new invoice is posted: what would the customer owe with it,
// against its credit limit?
//
// What a customer owes on a date is its net balance then: the invoices dated on or before it,
// open on that date, less the unapplied credit it holds (payments and credit notes no invoice
// took, less refunds). Credit held is money of the customer's already in hand, so it lowers
// what the customer owes, as it lowers the balance on its statement; invoices dated later do
// not exist yet on that date. Disputed invoices count: they are still owed until a credit
// note says otherwise.
//
// Usage:
//   arlab::CreditCheck c = arlab::credit_check(book, customer, date, 230000);
//   if (c.over()) warn("would owe " + c.after_minor + ", over by " + c.over_minor);
//
// Tests: tests/core/test_credit.cpp (suite "credit").
#pragma once
#include <cstdint>

#include "book.h"

namespace arlab {

struct CreditCheck {
  int64_t limit_minor = -1;      // The customer's credit limit; -1: none (never over).
  int64_t open_minor = 0;        // Its invoices open on the date.
  int64_t unapplied_minor = 0;   // Its unapplied credit on the date (zero or negative).
  int64_t owed_minor = 0;        // open + unapplied: what it owes before the new invoice.
  int64_t after_minor = 0;       // owed + the new invoice.
  int64_t headroom_minor = 0;    // limit - owed (negative: over already); 0 without a limit.
  int64_t over_minor = 0;        // after - limit when positive; else 0.
  bool has_limit() const { return limit_minor >= 0; }
  bool over() const { return over_minor > 0; }
};

// Needs a built index. `customer` must be a customer of the book; amounts within the book's
// limits (kBookTotalMax, parse_amount's 9e17) keep every sum exact.
CreditCheck credit_check(const Book& book, Index customer, Date date, int64_t new_amount_minor);

}  // namespace arlab
