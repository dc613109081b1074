// commission_report.h: commission statements (core/commission.h) as JSON, CSV and text. A
// statement written here with lines is read back by read_paid_statement (io/commission_plan.h:
// `arlab commission --paid PREVIOUS.json`).
//
// JSON ("arlab-commission/1", docs/COMMISSION.md): plan, basis, period, currency, from, to,
// total, then "salespeople" (id, name, figures, "periods" with gates and warnings, and with
// lines "lines"). Amounts are decimal strings ("1200.50"); rates, shares, factors and gate
// values are exact JSON numbers (0.05, 0.7999); ratios (attainment, collection_rate) have 4
// decimals; undefined values are null.
// CSV: one row per salesperson and period, a "TOTAL" row per salesperson and a last
// "TOTAL,TOTAL" row; with lines, one row per line instead.
// Text: the salespeople table, then each salesperson's periods, then (with lines) its lines.
//
// Comparison of two plans (`arlab commission --compare`, compare_commission): per salesperson
// the payable and net under A and B, the difference (B - A) and whether B gains or loses them
// money; each plan's total cost, and what it rewards: commission per 1,000 collected on time
// and late, and the effective rate on sales (cost / sales). Per-1,000 figures are amounts in the
// book's currency, rounded half away from zero with integer arithmetic; the effective rate has
// 4 decimals (JSON, CSV) or is a percentage with 2 (text). JSON: "arlab-commission-comparison/1";
// CSV: one row per salesperson and a last TOTAL row.
//
// Usage:
//   CommissionStatement s = compute_commission(book, plan, from, to);
//   std::string out = commission_json(book, s, /*lines=*/true);
//   CommissionStatement s_b = compute_commission(book, plan_b, from, to);
//   std::string cmp = commission_comparison_table(book, s, s_b);  // Or _json, _csv.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"
#include "core/commission.h"

namespace arlab {

constexpr const char* kCommissionStatementFormat = "arlab-commission/1";

std::string commission_json(const Book& book, const CommissionStatement& s, bool lines);
std::string commission_csv(const Book& book, const CommissionStatement& s, bool lines);
std::string commission_table(const Book& book, const CommissionStatement& s, bool lines);

constexpr const char* kCommissionComparisonFormat = "arlab-commission-comparison/1";

// Plan A's statement against plan B's, over the same book and period (lines not needed).
std::string commission_comparison_json(const Book& book, const CommissionStatement& a,
                                       const CommissionStatement& b);
std::string commission_comparison_csv(const Book& book, const CommissionStatement& a,
                                      const CommissionStatement& b);
std::string commission_comparison_table(const Book& book, const CommissionStatement& a,
                                        const CommissionStatement& b);

}  // namespace arlab
