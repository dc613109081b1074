// charges_report.h: late-payment charges as reports (`arlab charges`): per overdue open
// invoice its days late, open amount, rate, interest and fixed charge (core/late_charges.h),
// with totals per customer and overall, as a text table, JSON or CSV.
//
// JSON (amounts and rates as decimal strings, like every arlab report; rates in percent a year):
//   {"as_of": "2025-03-02", "currency": "GBP", "rule": "uk", "reference_rate": "5.25",
//    "margin": "8.00", "rate": "13.25", "day_count": "actual/365", "fixed_refused": null,
//    "invoices": 1, "open": "5000.00", "interest": "54.45", "fixed": "70.00", "total": "124.45",
//    "customers": [{"id": "C1", "name": "Acme", "open": "5000.00", "interest": "54.45",
//                   "fixed": "70.00", "total": "124.45",
//                   "invoices": [{"invoice": "INV-1", "due": "2025-01-31", "days_late": 30,
//                                 "open": "5000.00", "interest": "54.45", "fixed": "70.00"}]}]}
// "rule" is "eu", "uk" or "contract"; a contract has "reference_rate" and "margin" null.
// "fixed_refused" is why no fixed sum is charged (a statutory rule in another currency).
// CSV: one row per invoice (the totals are the sums of its columns).
#pragma once
#include <string>

#include "core/book.h"
#include "core/late_charges.h"

namespace arlab {

std::string charges_table(const Book& book, const LateCharges& charges);
std::string charges_json(const Book& book, const LateCharges& charges);
std::string charges_csv(const Book& book, const LateCharges& charges);

}  // namespace arlab
