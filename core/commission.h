// commission.h: commission tied to cash collected (issue 5; every rule in docs/COMMISSION.md).
//
// The practice (../shared/domain/README.md, "People and incentives"): pay sales commission
// on cash collected, not on sales; count it only when the sales target is met AND the
// customers' collection rate reaches 80%, otherwise it is void; warn people who cause overdue
// accounts and deduct from those who cause bad debts; measure them on DSO and overdue ratio.
//
// A CommissionPlan (exact integers: rates in parts per million, amounts in minor units) is
// applied to a book by compute_commission(): it walks the book's documents in date order
// over every settlement period (month, quarter or year) from the first document up to `to`,
// and explains every amount as a CommissionLine (which invoice, which document, which rule,
// base x rate x share x factor, or a fraction of commission paid earlier). Per salesperson
// and period it evaluates the gates (core/metrics.h figures), holds, releases, payouts
// (lagged; a negative net is carried forward) and warnings.
//
// Everything the app draws is in the CommissionStatement: rows (one per salesperson), their
// per-period rows and their lines, found by index ranges; compute once per change of book,
// plan or period, never per frame. compare_commission() sets two statements side by side.
//
// Usage:
//   arlab::CommissionPlan plan;                 // io/commission_plan.h reads one from JSON
//   plan.name = "Cash"; plan.rate_ppm = 50000;  // 5%
//   std::vector<arlab::Problem> problems;
//   if (!arlab::validate_commission_plan(plan, &problems)) ...   // places like "tiers[1].from"
//   arlab::CommissionStatement s = arlab::compute_commission(book, plan, from, to);
//   for (const arlab::CommissionRow& row : s.rows) row.total.payable_minor ...
//   std::string why = arlab::commission_line_note(book, s, s.lines[0]);
//
// Tests Status: tests/core/test_commission.cpp (suite "commission"), tests/cli/cmd-commission.test.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "book.h"
#include "date.h"

namespace arlab {

constexpr int32_t kPpmOne = 1000000;  // 100%.
constexpr const char* kCommissionPlanFormat = "arlab-commission-plan/1";

// ---- Plan ----------------------------------------------------------------------------------
enum class CommissionPeriodKind : uint8_t { Month, Quarter, Year };
enum class CommissionBasis : uint8_t { Invoiced, Collected, Split };

struct CommissionTier {
  int64_t from_minor = 0;  // Cumulative base of the period where this rate starts.
  int32_t rate_ppm = 0;
  bool operator==(const CommissionTier&) const = default;
};
struct CommissionGradeRate {
  std::string grade;  // Customer::grade ("A").
  int32_t rate_ppm = 0;
  bool operator==(const CommissionGradeRate&) const = default;
};
struct CommissionLateFactor {
  int32_t after_days_late = 0;  // Applies when days late > this.
  int32_t factor_ppm = 0;
  bool operator==(const CommissionLateFactor&) const = default;
};
struct CommissionTarget {
  std::string salesperson;  // Salesperson id.
  int64_t target_minor = 0;
  bool operator==(const CommissionTarget&) const = default;
};

struct CommissionEarlyBonus {
  int32_t days_before_due = -1;  // -1: no bonus. Paid when due - payment date >= this.
  int32_t rate_ppm = 0;
  bool operator==(const CommissionEarlyBonus&) const = default;
};

// Every gate is off when negative (not given).
struct CommissionGates {
  int64_t sales_target_minor = -1;              // Per period, for salespeople not listed below.
  std::vector<CommissionTarget> sales_targets;  // Per salesperson, overriding the default.
  int32_t collection_rate_min_ppm = -1;
  int32_t dso_max_centidays = -1;  // 60 days -> 6000.
  int32_t overdue_ratio_max_ppm = -1;
  bool operator==(const CommissionGates&) const = default;
};

struct CommissionPenalties {
  int32_t bad_debt_rate_ppm = 0;      // x written off, deducted in the write-off's period.
  int32_t overdue_warning_days = -1;  // -1: no warning flag.
  bool operator==(const CommissionPenalties&) const = default;
};

struct CommissionHolds {
  bool disputed_invoices = false;     // Hold commission on invoices flagged disputed.
  std::vector<std::string> invoices;  // And on these invoice ids.
  int32_t period_percent_ppm = 0;     // Share of each period's positive net held back...
  int32_t release_after_periods = 3;  // ...and released this many periods later.
  bool operator==(const CommissionHolds&) const = default;
};

struct CommissionPlan {
  std::string name;
  CommissionPeriodKind period = CommissionPeriodKind::Month;
  CommissionBasis basis = CommissionBasis::Collected;
  int32_t on_invoice_ppm = 0;         // Split only: share of the commission paid at booking.
  int32_t rate_ppm = -1;              // Flat rate, and the fallback of grades; -1: not given.
  std::vector<CommissionTier> tiers;  // Marginal; first from 0. Exclusive with rate.
  std::vector<CommissionGradeRate> grades;
  std::vector<CommissionLateFactor> late_factors;  // By after_days_late, ascending.
  CommissionEarlyBonus early_bonus;
  CommissionGates gates;
  CommissionPenalties penalties;
  CommissionHolds holds;
  int32_t payout_lag_periods = 1;       // Net of period p is payable in period p + lag.
  int32_t clawback_window_months = -1;  // -1: clawbacks at any time.
  bool operator==(const CommissionPlan&) const = default;
};

// Limits the validation enforces (the editor's fields can use them too).
constexpr size_t kCommissionListMax = 100;  // Tiers, grades, late factors, targets, invoices.
constexpr int32_t kCommissionDaysMax = 3650;
constexpr int32_t kCommissionLagMax = 24;
constexpr int32_t kCommissionReleaseMax = 120;
constexpr int32_t kCommissionWindowMax = 1200;
constexpr int32_t kCommissionRateMaxPpm = 10 * kPpmOne;  // Collection-rate gate: up to 1000%.

// Cross-field rules and ranges, with the plan file's places ("tiers[1].from", "grades.A",
// "gates.collection_rate_min"). False when any problem was added.
bool validate_commission_plan(const CommissionPlan& plan, std::vector<Problem>* problems);
// References to the book: salesperson ids of gates.sales_target and invoice ids of
// holds.invoices must exist ("gates.sales_target.S9: no salesperson \"S9\" in the book").
bool check_commission_plan_for_book(const CommissionPlan& plan, const Book& book,
                                    std::vector<Problem>* problems);

// "5%", "2.5%", "33.3333%" (at most 4 decimals before '%') or a plain fraction "0.05" (at most
// 6 decimals) -> parts per million. Non-negative, at most max_ppm. False with *why otherwise.
bool parse_ppm(std::string_view text, int32_t max_ppm, int32_t* out, std::string* why);
// 50000 -> "5%", 25000 -> "2.5%", 333333 -> "33.3333%"; the exact value, trailing zeros cut.
std::string format_ppm_percent(int64_t ppm);

const char* commission_period_name(CommissionPeriodKind kind);  // "month", "quarter", "year"
const char* commission_basis_name(CommissionBasis basis);       // "invoiced", ...

// ---- Statement -------------------------------------------------------------------------------
enum class CommissionRule : uint8_t {
  Booking,            // Invoiced basis: rate x invoice amount, at booking.
  Advance,            // Split: on_invoice x rate x invoice amount, at booking.
  Collection,         // Collected basis: rate x applied x late factor.
  Release,            // Split: (1 - on_invoice) x rate x applied x late factor.
  EarlyBonus,         // Bonus rate x applied, when paid early enough.
  CreditNote,         // Claws back the booking commission on the credited part.
  WriteOff,           // Claws back the booking commission on the written-off part.
  Refund,             // Claws back the commission on the cash paid back.
  AllocationRemoved,  // --paid: paid earlier, no longer produced by the book.
  AllocationAdded,    // --paid: produced now, not paid earlier.
  BadDebtPenalty,     // bad_debt_rate x written off.
  HoldReleased,       // Held commission of an invoice, released when it is settled.
  HoldForfeited,      // Held commission on a part written off, credited or refunded.
  PeriodHold,         // period_percent of the period's net, held back.
  PeriodRelease,      // Released release_after_periods later.
};
const char* commission_rule_name(CommissionRule rule);  // "booking", "early bonus", ...
bool commission_rule_earns(CommissionRule rule);        // Booking .. EarlyBonus.

enum class CommissionSource : uint8_t {
  None,
  Invoice,
  Payment,
  CreditNote,
  WriteOff,
  Refund,
  Previous
};

enum CommissionLineFlags : uint8_t {
  kLineVoided = 1 << 0,         // A gate failed in its period: amount 0.
  kLineHeld = 1 << 1,           // Held on its invoice (amount 0 until HoldReleased).
  kLineOutsideWindow = 1 << 2,  // A clawback beyond the clawback window: amount 0.
  kLineTierSplit = 1 << 3,      // One part of a base split at a tier boundary.
};

// One explained amount. Earning lines: computed = round(base x rate x share x factor), half
// up. Clawbacks (credit note, write-off, refund, forfeited): computed = -round(paid x base /
// of), the fraction `base / of` of the commission `paid` on it. Penalty and period hold:
// -round(base x rate). Releases: base = paid = computed. amount = what the line adds to its
// period's net (0 when voided, held, informational or outside the window).
struct CommissionLine {
  Date date;
  int32_t period_key = 0;  // commission_period_key() of `date`.
  Index salesperson = kNone;
  CommissionRule rule = CommissionRule::Booking;
  CommissionSource source_kind = CommissionSource::None;
  uint8_t flags = 0;
  Index invoice = kNone;
  Index source = kNone;   // Into payments, credit_notes, write_offs, refunds, or
                          // statement.previous_refs (Previous); PeriodRelease: period key.
  int32_t days_late = 0;  // Collection, release, early bonus: payment date - due.
  int32_t rate_ppm = 0;
  int32_t share_ppm = kPpmOne;
  int32_t factor_ppm = kPpmOne;
  int64_t base_minor = 0;
  int64_t paid_minor = 0;  // Clawbacks and releases: the commission referred to.
  int64_t of_minor = 0;    // Clawbacks: the whole the base is a part of.
  int64_t computed_minor = 0;
  int64_t amount_minor = 0;
};

enum class CommissionGateKind : uint8_t { SalesTarget, CollectionRate, Dso, OverdueRatio };
constexpr size_t kCommissionGateCount = 4;
const char* commission_gate_name(CommissionGateKind kind);  // "sales_target", ...

// Units: SalesTarget minor units; CollectionRate and OverdueRatio ppm; Dso centidays. The
// value is rounded toward failing (floor for minimums, ceiling for maximums), so a shown
// value never looks like a pass when the exact comparison failed.
struct CommissionGate {
  CommissionGateKind kind = CommissionGateKind::SalesTarget;
  bool applies = false;  // The plan sets this gate (and the row has a salesperson).
  bool defined = true;   // False: no sales (or no receivables): nothing to measure, passes.
  bool passed = true;
  int64_t value = 0;
  int64_t threshold = 0;
};

// Sums over lines (and periods). Amounts are minor units; clawed_back, penalties, held_back,
// forfeited and waived are positive numbers that reduce (or would have reduced) the net.
struct CommissionFigures {
  int64_t sales_minor = 0;      // Credit sales: invoices dated in the period (bookings).
  int64_t target_minor = -1;    // Sales target (sum over periods); -1: none.
  int64_t collected_minor = 0;  // Cash collected: payments dated in the period.
  int64_t earned_minor = 0;     // Earning lines, not voided (held ones included).
  int64_t voided_minor = 0;     // Earning lines voided by a gate.
  int64_t held_back_minor = 0;  // Held on invoices + period holds.
  int64_t released_minor = 0;   // Invoice holds released + period releases.
  int64_t clawed_back_minor = 0;
  int64_t waived_minor = 0;  // Clawbacks outside the window (not taken).
  int64_t penalties_minor = 0;
  int64_t forfeited_minor = 0;      // Held commission that will never be paid.
  int64_t net_minor = 0;            // earned - held_back + released - clawed_back - penalties.
  int64_t payable_minor = 0;        // Payouts falling due in the period(s).
  int64_t carried_debit_minor = 0;  // Negative net carried forward after the period(s).
  int64_t due_after_minor = 0;      // Rows and total: payouts falling due after `to`.
  int32_t periods = 0, periods_failed = 0, warning_periods = 0;
  // What the plan rewards: cash applied to invoices on time (days late <= 0) or late, and
  // the commission that cash earned (its own lines + the booking commission's share).
  int64_t collected_on_time_minor = 0, collected_late_minor = 0;
  int64_t commission_on_time_minor = 0, commission_late_minor = 0;
};

struct CommissionPeriodRow {
  int32_t period_key = 0;
  Date start, end;  // end clipped to the statement's `to`.
  CommissionFigures figures;
  std::array<CommissionGate, kCommissionGateCount> gates{};
  bool passed = true;
  int32_t overdue_invoices = 0;  // Invoices more than overdue_warning_days past due at end.
  Index worst_invoice = kNone;   // The most days past due among them.
  int32_t worst_days_past_due = 0;
};

struct CommissionRow {
  Index salesperson = kNone;  // kNone: customers without a salesperson (earn nothing).
  CommissionFigures total;    // Over the statement's periods.
  uint32_t period_first = 0, period_count = 0;  // Into statement.period_rows.
  uint32_t line_first = 0, line_count = 0;      // Into statement.lines.
};

struct CommissionPeriodInfo {
  int32_t key = 0;
  Date start, end;  // end clipped to `to`.
};

// A line of a previous statement that was paid out (--paid), for the allocation check.
struct CommissionPaidLine {
  std::string salesperson, rule, invoice, source;  // Ids and commission_rule_name().
  Date date;
  int64_t amount_minor = 0;
};
struct CommissionPaid {
  Date from, to;
  std::vector<CommissionPaidLine> lines;
};
struct CommissionPreviousRef {
  std::string invoice, source;
};

struct CommissionOptions {
  Index salesperson = kNone;  // With only_salesperson: compute that salesperson's row alone.
  bool only_salesperson = false;
  bool keep_lines = true;                // False: figures only (comparisons).
  const CommissionPaid* paid = nullptr;  // Lines paid out earlier (may be null).
};

struct CommissionStatement {
  CommissionPlan plan;
  Date requested_from;
  Date from, to;  // from = start of requested_from's period (settlement is by whole periods).
  std::vector<CommissionPeriodInfo> periods;  // Every period meeting [from, to].
  std::vector<CommissionRow> rows;            // Salespeople by id, then "" (if it has documents).
  std::vector<CommissionPeriodRow> period_rows;
  std::vector<CommissionLine> lines;  // Per row, by date (generation order).
  std::vector<CommissionPreviousRef> previous_refs;
  // options.paid: its lines compared with the book (dated before `from`, within its own
  // period, of a compared rule); 0 means the register changes nothing here.
  uint32_t paid_lines_compared = 0;
  CommissionFigures total;
};

// Requires a built index, a valid plan and from <= to.
CommissionStatement compute_commission(const Book& book, const CommissionPlan& plan, Date from,
                                       Date to, const CommissionOptions& options = {});

// Period of a date as one integer (month: year*12 + month-1; quarter: year*4 + q-1; year),
// its first and last day, and its name ("2025-03", "2025-Q1", "2025").
int32_t commission_period_key(CommissionPeriodKind kind, Date d);
Date commission_period_start(CommissionPeriodKind kind, int32_t key);
Date commission_period_end(CommissionPeriodKind kind, int32_t key);
std::string commission_period_label(CommissionPeriodKind kind, int32_t key);

// The period row of a line (nullptr if its period is outside the statement).
const CommissionPeriodRow* commission_line_period(const CommissionStatement& s,
                                                  const CommissionLine& line);
// "void: collection rate 79.99% < 80%", "31 days late: factor 50%", "held: invoice disputed",
// "outside the 12-month clawback window", ... ("" when the figures say it all).
std::string commission_line_note(const Book& book, const CommissionStatement& s,
                                 const CommissionLine& line);
// "collection rate 79.99% < 80%" for a failed gate, "collection rate 80.00% >= 80%" else.
std::string commission_gate_text(const CommissionGate& gate, int minor_digits);
// Ids of a line's invoice and source document ("" when none).
std::string commission_line_invoice_id(const Book& book, const CommissionStatement& s,
                                       const CommissionLine& line);
std::string commission_line_source_id(const Book& book, const CommissionStatement& s,
                                      const CommissionLine& line);

// ---- Comparison ------------------------------------------------------------------------------
struct CommissionComparisonRow {
  Index salesperson = kNone;
  int64_t net_a_minor = 0, net_b_minor = 0;          // Cost of the period's activity.
  int64_t payable_a_minor = 0, payable_b_minor = 0;  // Falling due in the period.
  int64_t difference_minor = 0;                      // payable_b - payable_a (b gains if > 0).
};

// What a plan rewards, from its statement's total.
struct CommissionProfile {
  int64_t cost_minor = 0;  // Total net (the commission the period's activity cost).
  int64_t payable_minor = 0;
  int64_t sales_minor = 0;
  std::optional<double> per_1000_on_time;  // Commission per 1,000 collected on time.
  std::optional<double> per_1000_late;     // Per 1,000 collected late (days late > 0).
  std::optional<double> effective_rate;    // cost / sales.
};

struct CommissionComparison {
  std::vector<CommissionComparisonRow> rows;  // Union of both statements' rows, by id.
  CommissionProfile a, b;
};

CommissionProfile commission_profile(const CommissionStatement& s);
// Both statements over the same book and period.
CommissionComparison compare_commission(const Book& book, const CommissionStatement& a,
                                        const CommissionStatement& b);

}  // namespace arlab
