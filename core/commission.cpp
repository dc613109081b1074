// commission.cpp: commission plans, the engine and comparisons (core/commission.h,
// docs/COMMISSION.md).
//
// [SECTION] Names, percentages and periods
// [SECTION] Plan validation
// [SECTION] Engine: state
// [SECTION] Engine: earning lines (tiers, grades, late factors, holds, voids)
// [SECTION] Engine: reversals (credit notes, write-offs, refunds, forfeits, windows)
// [SECTION] Engine: documents
// [SECTION] Engine: periods (gates, holds, payouts, warnings) and --paid
// [SECTION] compute_commission
// [SECTION] Notes
// [SECTION] Comparison
#include "core/commission.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <tuple>

#include "core/metrics.h"
#include "core/metrics_periods.h"
#include "core/money.h"
#include "core/text.h"

namespace arlab {

namespace {

using Int128 = __int128;

// round(num / den) half up, for num >= 0 and den > 0 (every caller passes magnitudes; a
// valid book has no zero amount, and 0 is returned rather than dividing by it).
int64_t div_half_up(Int128 num, Int128 den) {
  return den <= 0 ? 0 : int64_t((num + den / 2) / den);
}

// Values and keys in messages are cut after 40 bytes (at a character boundary) with their
// length, as io/json_text.h cuts them, so that no message is long: "abcd..." (1234 bytes).
// A place named by a plan's key ("grades.A"): the key cut, `""` when empty; the places
// io/commission_plan.cpp gives the same members.
std::string key_place(const char* prefix, std::string_view key) {
  std::string out = std::string(prefix) + '.';
  if (key.empty()) return out + "\"\"";
  size_t n = shown_size(key);
  out.append(key.substr(0, n));
  if (n < key.size()) out += "..." + length_note(key.size());
  return out;
}

}  // namespace

// =========================================================================================
// [SECTION] Names, percentages and periods
// =========================================================================================

const char* commission_period_name(CommissionPeriodKind kind) {
  switch (kind) {
    case CommissionPeriodKind::Month:
      return "month";
    case CommissionPeriodKind::Quarter:
      return "quarter";
    case CommissionPeriodKind::Year:
      return "year";
  }
  return "month";
}

const char* commission_basis_name(CommissionBasis basis) {
  switch (basis) {
    case CommissionBasis::Invoiced:
      return "invoiced";
    case CommissionBasis::Collected:
      return "collected";
    case CommissionBasis::Split:
      return "split";
  }
  return "collected";
}

const char* commission_rule_name(CommissionRule rule) {
  switch (rule) {
    case CommissionRule::Booking:
      return "booking";
    case CommissionRule::Advance:
      return "advance";
    case CommissionRule::Collection:
      return "collection";
    case CommissionRule::Release:
      return "release";
    case CommissionRule::EarlyBonus:
      return "early bonus";
    case CommissionRule::CreditNote:
      return "credit note";
    case CommissionRule::WriteOff:
      return "write-off";
    case CommissionRule::Refund:
      return "refund";
    case CommissionRule::AllocationRemoved:
      return "allocation removed";
    case CommissionRule::AllocationAdded:
      return "allocation added";
    case CommissionRule::BadDebtPenalty:
      return "bad debt penalty";
    case CommissionRule::HoldReleased:
      return "hold released";
    case CommissionRule::HoldForfeited:
      return "hold forfeited";
    case CommissionRule::PeriodHold:
      return "period hold";
    case CommissionRule::PeriodRelease:
      return "period release";
  }
  return "";
}

bool commission_rule_earns(CommissionRule rule) {
  return rule == CommissionRule::Booking || rule == CommissionRule::Advance ||
         rule == CommissionRule::Collection || rule == CommissionRule::Release ||
         rule == CommissionRule::EarlyBonus;
}

const char* commission_gate_name(CommissionGateKind kind) {
  switch (kind) {
    case CommissionGateKind::SalesTarget:
      return "sales_target";
    case CommissionGateKind::CollectionRate:
      return "collection_rate_min";
    case CommissionGateKind::Dso:
      return "dso_max_days";
    case CommissionGateKind::OverdueRatio:
      return "overdue_ratio_max";
  }
  return "";
}

bool parse_ppm(std::string_view text, int32_t max_ppm, int32_t* out, std::string* why) {
  bool percent = !text.empty() && text.back() == '%';
  std::string_view body = percent ? text.substr(0, text.size() - 1) : text;
  std::string hint = percent ? "" : " or a fraction such as \"0.05\"";
  std::string bad = quoted(text) + " is not a percentage: write it like \"5%\", \"2.5%\"" + hint;
  if (!percent && body != "0" && body.find('.') == std::string_view::npos) {
    // "80" could mean 80% or 8000%: a plain number must be a fraction with a decimal point.
    *why = quoted(text) + " is not a percentage: write " + quoted(std::string(body) + "%") +
           " (or a fraction with a decimal point, such as \"0.8\" for 80%)";
    return false;
  }
  int64_t units = 0;
  std::string unused;
  if (body.empty() || body.front() == '-' || body.front() == '+' ||
      !parse_amount(body, percent ? 4 : 6, &units, &unused)) {
    *why = bad + " (at most " + (percent ? "4 decimals before '%')" : "6 decimals)");
    return false;
  }
  // "5" with 4 decimals (of a percent) and "0.05" with 6 decimals are both 50000: ppm.
  if (units > max_ppm) {
    *why = quoted(text) + " is more than " + format_ppm_percent(max_ppm);
    return false;
  }
  *out = int32_t(units);
  return true;
}

std::string format_ppm_percent(int64_t ppm) {
  bool negative = ppm < 0;
  uint64_t v = negative ? uint64_t(-(ppm + 1)) + 1 : uint64_t(ppm);
  std::string out = (negative ? "-" : "") + std::to_string(v / 10000);
  uint64_t frac = v % 10000;
  if (frac) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04u", unsigned(frac));
    std::string digits = buf;
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out + "%";
}

int32_t commission_period_key(CommissionPeriodKind kind, Date d) {
  YearMonthDay ymd = ymd_from_date(d);
  switch (kind) {
    case CommissionPeriodKind::Month:
      return ymd.year * 12 + (ymd.month - 1);
    case CommissionPeriodKind::Quarter:
      return ymd.year * 4 + (ymd.month - 1) / 3;
    case CommissionPeriodKind::Year:
      return ymd.year;
  }
  return 0;
}

namespace {

// First month (1-12) and year of a period, and its length in months.
void period_months(CommissionPeriodKind kind, int32_t key, int32_t* year, int32_t* month,
                   int32_t* months) {
  switch (kind) {
    case CommissionPeriodKind::Month:
      *year = key / 12, *month = key % 12 + 1, *months = 1;
      return;
    case CommissionPeriodKind::Quarter:
      *year = key / 4, *month = (key % 4) * 3 + 1, *months = 3;
      return;
    case CommissionPeriodKind::Year:
      *year = key, *month = 1, *months = 12;
      return;
  }
}

}  // namespace

Date commission_period_start(CommissionPeriodKind kind, int32_t key) {
  int32_t year = 0, month = 1, months = 1;
  period_months(kind, key, &year, &month, &months);
  return date_from_ymd(year, month, 1);
}

Date commission_period_end(CommissionPeriodKind kind, int32_t key) {
  int32_t year = 0, month = 1, months = 1;
  period_months(kind, key, &year, &month, &months);
  return add_months(date_from_ymd(year, month, 1), months) - 1;
}

std::string commission_period_label(CommissionPeriodKind kind, int32_t key) {
  int32_t year = 0, month = 1, months = 1;
  period_months(kind, key, &year, &month, &months);
  char buf[24];
  if (kind == CommissionPeriodKind::Month)
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  else if (kind == CommissionPeriodKind::Quarter)
    std::snprintf(buf, sizeof buf, "%04d-Q%d", year, (month - 1) / 3 + 1);
  else
    std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

// =========================================================================================
// [SECTION] Plan validation
// =========================================================================================

namespace {

struct Validator {
  const CommissionPlan& plan;
  std::vector<Problem>* problems;
  size_t before = problems->size();

  void add(std::string place, std::string message) {
    if (problems->size() >= kProblemsMax) return;  // A hostile plan: at most 100.
    problems->push_back({std::move(place), std::move(message)});
  }
  void rate(const std::string& place, int64_t ppm, int64_t max = kPpmOne) {
    if (ppm < 0 || ppm > max) add(place, "must be from 0% to " + format_ppm_percent(max));
  }
  void range(const std::string& place, int64_t v, int64_t lo, int64_t hi, const char* what) {
    if (v < lo || v > hi)
      add(place, "must be a whole number of " + std::string(what) + " from " + std::to_string(lo) +
                     " to " + std::to_string(hi));
  }
  void list_size(const char* place, size_t n) {
    if (n > kCommissionListMax)
      add(place,
          "has " + std::to_string(n) + " entries; at most " + std::to_string(kCommissionListMax));
  }

  void basis();
  void rates();
  void tiers();
  void timeliness();
  void gates();
  void rest();
};

void Validator::basis() {
  if (plan.name.empty()) add("name", "must not be empty (the name shown in statements)");
  bool split = plan.basis == CommissionBasis::Split;
  if (split && (plan.on_invoice_ppm <= 0 || plan.on_invoice_ppm >= kPpmOne))
    add("on_invoice",
        "basis \"split\" needs on_invoice, the share paid at booking, above 0% "
        "and below 100% (0% is basis \"collected\", 100% is \"invoiced\")");
  if (!split && plan.on_invoice_ppm != 0) add("on_invoice", "is only for basis \"split\"");
}

void Validator::rates() {
  if (plan.rate_ppm >= 0) rate("rate", plan.rate_ppm);
  if (plan.rate_ppm >= 0 && !plan.tiers.empty()) add("tiers", "give rate or tiers, not both");
  if (plan.rate_ppm < 0 && plan.tiers.empty() && plan.grades.empty())
    add("rate", "the plan pays nothing: give rate, tiers or grades");
  if (!plan.grades.empty() && !plan.tiers.empty())
    add("grades", "grades combine with rate (the rate of ungraded customers), not with tiers");
  list_size("grades", plan.grades.size());
  // Past kCommissionListMax entries the list is refused anyway: the pairs stay few.
  for (size_t i = 0; i < std::min(plan.grades.size(), kCommissionListMax); ++i) {
    const CommissionGradeRate& g = plan.grades[i];
    if (g.grade.empty()) {
      add("grades", "a grade name must not be empty");
      continue;
    }
    rate(key_place("grades", g.grade), g.rate_ppm);
    for (size_t j = 0; j < i; ++j) {
      if (plan.grades[j].grade == g.grade) add(key_place("grades", g.grade), "is given twice");
    }
  }
}

void Validator::tiers() {
  list_size("tiers", plan.tiers.size());
  for (size_t i = 0; i < plan.tiers.size(); ++i) {
    std::string place = "tiers[" + std::to_string(i) + "]";
    const CommissionTier& t = plan.tiers[i];
    rate(place + ".rate", t.rate_ppm);
    if (i == 0 && t.from_minor != 0) add(place + ".from", "the first tier must start at \"0\"");
    if (i > 0 && t.from_minor <= plan.tiers[i - 1].from_minor)
      add(place + ".from", "must be above the previous tier's from (tiers ascend)");
  }
}

void Validator::timeliness() {
  list_size("late_factors", plan.late_factors.size());
  for (size_t i = 0; i < plan.late_factors.size(); ++i) {
    std::string place = "late_factors[" + std::to_string(i) + "]";
    const CommissionLateFactor& f = plan.late_factors[i];
    range(place + ".after_days_late", f.after_days_late, 0, kCommissionDaysMax, "days");
    rate(place + ".factor", f.factor_ppm);
    if (i == 0) continue;
    const CommissionLateFactor& prev = plan.late_factors[i - 1];
    if (f.after_days_late <= prev.after_days_late)
      add(place + ".after_days_late",
          "must be above the previous entry's (" + std::to_string(prev.after_days_late) + ")");
    if (f.factor_ppm > prev.factor_ppm)
      add(place + ".factor", "must not be above the previous entry's (" +
                                 format_ppm_percent(prev.factor_ppm) +
                                 "): paying later cannot earn more");
  }
  if (plan.early_bonus.days_before_due >= 0 || plan.early_bonus.rate_ppm != 0) {
    range("early_bonus.days_before_due", plan.early_bonus.days_before_due, 0, kCommissionDaysMax,
          "days");
    rate("early_bonus.rate", plan.early_bonus.rate_ppm);
  }
}

void Validator::gates() {
  const CommissionGates& g = plan.gates;
  if (g.sales_target_minor < -1) add("gates.sales_target", "must not be negative");
  list_size("gates.sales_target", g.sales_targets.size());
  for (size_t i = 0; i < std::min(g.sales_targets.size(), kCommissionListMax); ++i) {
    const CommissionTarget& t = g.sales_targets[i];
    std::string place = key_place("gates.sales_target", t.salesperson);
    if (t.salesperson.empty()) add("gates.sales_target", "a salesperson id must not be empty");
    if (t.target_minor < 0) add(place, "must not be negative");
    for (size_t j = 0; j < i; ++j) {
      if (g.sales_targets[j].salesperson == t.salesperson) add(place, "is given twice");
    }
  }
  if (g.collection_rate_min_ppm >= 0)
    rate("gates.collection_rate_min", g.collection_rate_min_ppm, kCommissionRateMaxPpm);
  if (g.dso_max_centidays > kCommissionDaysMax * 100)
    add("gates.dso_max_days", "must be from 0 to " + std::to_string(kCommissionDaysMax) + " days");
  if (g.overdue_ratio_max_ppm >= 0) rate("gates.overdue_ratio_max", g.overdue_ratio_max_ppm);
}

void Validator::rest() {
  rate("penalties.bad_debt_rate", plan.penalties.bad_debt_rate_ppm);
  if (plan.penalties.overdue_warning_days != -1)
    range("penalties.overdue_warning_days", plan.penalties.overdue_warning_days, 0,
          kCommissionDaysMax, "days");
  const CommissionHolds& h = plan.holds;
  rate("holds.period_percent", h.period_percent_ppm);
  range("holds.release_after_periods", h.release_after_periods, 1, kCommissionReleaseMax,
        "periods");
  list_size("holds.invoices", h.invoices.size());
  for (size_t i = 0; i < std::min(h.invoices.size(), kCommissionListMax); ++i) {
    std::string place = "holds.invoices[" + std::to_string(i) + "]";
    if (h.invoices[i].empty()) add(place, "an invoice id must not be empty");
    for (size_t j = 0; j < i; ++j) {
      if (h.invoices[j] == h.invoices[i]) add(place, quoted(h.invoices[i]) + " is listed twice");
    }
  }
  range("payout_lag_periods", plan.payout_lag_periods, 0, kCommissionLagMax, "periods");
  if (plan.clawback_window_months != -1)
    range("clawback_window_months", plan.clawback_window_months, 0, kCommissionWindowMax, "months");
}

}  // namespace

bool validate_commission_plan(const CommissionPlan& plan, std::vector<Problem>* problems) {
  Validator v{plan, problems};
  v.basis();
  v.rates();
  v.tiers();
  v.timeliness();
  v.gates();
  v.rest();
  return problems->size() == v.before;
}

bool check_commission_plan_for_book(const CommissionPlan& plan, const Book& book,
                                    std::vector<Problem>* problems) {
  size_t before = problems->size();
  for (const CommissionTarget& t : plan.gates.sales_targets) {
    if (problems->size() >= kProblemsMax) break;
    if (find_salesperson(book, t.salesperson) == kNone)
      problems->push_back({key_place("gates.sales_target", t.salesperson),
                           "no salesperson " + quoted(t.salesperson) + " in the book"});
  }
  for (size_t i = 0; i < plan.holds.invoices.size() && problems->size() < kProblemsMax; ++i) {
    if (find_invoice(book, plan.holds.invoices[i]) == kNone)
      problems->push_back({"holds.invoices[" + std::to_string(i) + "]",
                           "no invoice " + quoted(plan.holds.invoices[i]) + " in the book"});
  }
  return problems->size() == before;
}

// =========================================================================================
// [SECTION] Engine: state
// =========================================================================================

namespace {

struct InvoiceState {
  int64_t open = 0;
  int64_t advance = 0;   // Booking / advance commission counted (not voided).
  int64_t counted = 0;   // All commission counted on the invoice.
  int64_t reversed = 0;  // Clawed back, forfeited or waived so far (never above counted).
  int64_t held = 0;      // Held now; released when the invoice is settled.
  int32_t advance_paid_key = 0;
  bool advance_held = false;
  bool on_hold = false;  // Disputed (when the plan holds those) or listed in holds.invoices.
};

struct ApplicationState {  // Commission on one payment's cash applied to one invoice.
  int64_t cash = 0;
  int32_t paid_key = 0;
  bool held = false;
};

struct PaymentState {
  int64_t applied = 0, unapplied = 0, refunded_unapplied = 0, refunded_applied = 0;
};

// The figures the gates and the period rows take from compute_metrics.
struct GateMetrics {
  int64_t credit_sales_minor = 0, cash_collected_minor = 0, ar_end_minor = 0, overdue_end_minor = 0;
  int32_t days = 0;
};

// An invoice the overdue warning looks at.
struct WarningCandidate {
  Index customer = kNone;
  Date date;
  Index invoice = kNone;
  Date due;
  // The order in which the customers' invoices are listed (book.index.customer_invoices).
  bool before(const WarningCandidate& o) const {
    return std::tie(customer, date, invoice) < std::tie(o.customer, o.date, o.invoice);
  }
};

struct Slot {  // One salesperson; the last slot holds the customers without one.
  bool active = false;
  bool has_documents = false;
  std::vector<Index> customers;
  int64_t tier_booked = 0, tier_collected = 0;  // Cumulative bases of the current period.
  bool failed = false;                          // A gate failed in the current period.
  CommissionPeriodRow current;
  int64_t carry = 0;                        // <= 0: negative net carried forward.
  std::map<int32_t, int64_t> period_holds;  // Period key -> amount held back then.
  std::map<int32_t, int64_t> payouts;       // Due period key -> amount.
  std::vector<CommissionLine> lines;
  std::vector<CommissionPeriodRow> rows;
  CommissionFigures total;
  // What the gates read of compute_metrics, per period from the engine's first (from one
  // walk of the book for every slot and period: Engine::gate_metrics).
  std::vector<GateMetrics> gate_metrics;
  // Warnings: the slot's invoices dated up to the current period's end and open at the last
  // period's end (on_invoice adds each as it comes).
  std::vector<WarningCandidate> open_invoices;
};

using PaidKey = std::tuple<std::string, std::string, std::string, std::string>;
struct PaidSum {
  int64_t amount_minor = 0;
  Date last;
};

bool compared_for_paid(std::string_view rule) {
  for (CommissionRule r :
       {CommissionRule::Booking, CommissionRule::Advance, CommissionRule::Collection,
        CommissionRule::Release, CommissionRule::EarlyBonus, CommissionRule::HoldReleased}) {
    if (rule == commission_rule_name(r)) return true;
  }
  return false;
}

void account(CommissionFigures& f, const CommissionLine& l) {
  bool outside = l.flags & kLineOutsideWindow;
  switch (l.rule) {
    case CommissionRule::Booking:
    case CommissionRule::Advance:
    case CommissionRule::Collection:
    case CommissionRule::Release:
    case CommissionRule::EarlyBonus:
      if (l.flags & kLineVoided) {
        f.voided_minor += l.computed_minor;
      } else {
        f.earned_minor += l.computed_minor;
        if (l.flags & kLineHeld) f.held_back_minor += l.computed_minor;
      }
      break;
    case CommissionRule::HoldReleased:
    case CommissionRule::PeriodRelease:
      f.released_minor += l.amount_minor;
      break;
    case CommissionRule::HoldForfeited:
      f.forfeited_minor -= l.computed_minor;
      break;
    case CommissionRule::PeriodHold:
      f.held_back_minor -= l.amount_minor;
      break;
    case CommissionRule::CreditNote:
    case CommissionRule::WriteOff:
    case CommissionRule::Refund:
    case CommissionRule::AllocationRemoved:
      if (outside)
        f.waived_minor -= l.computed_minor;
      else
        f.clawed_back_minor -= l.amount_minor;
      break;
    case CommissionRule::AllocationAdded:
      f.earned_minor += l.amount_minor;
      break;
    case CommissionRule::BadDebtPenalty:
      f.penalties_minor -= l.amount_minor;
      break;
  }
  f.net_minor += l.amount_minor;
}

void add_figures(CommissionFigures& to, const CommissionFigures& f) {
  to.sales_minor += f.sales_minor;
  if (f.target_minor >= 0) to.target_minor = std::max<int64_t>(to.target_minor, 0) + f.target_minor;
  to.collected_minor += f.collected_minor;
  to.earned_minor += f.earned_minor;
  to.voided_minor += f.voided_minor;
  to.held_back_minor += f.held_back_minor;
  to.released_minor += f.released_minor;
  to.clawed_back_minor += f.clawed_back_minor;
  to.waived_minor += f.waived_minor;
  to.penalties_minor += f.penalties_minor;
  to.forfeited_minor += f.forfeited_minor;
  to.net_minor += f.net_minor;
  to.payable_minor += f.payable_minor;
  to.due_after_minor += f.due_after_minor;
  to.periods += f.periods;
  to.periods_failed += f.periods_failed;
  to.warning_periods += f.warning_periods;
  to.collected_on_time_minor += f.collected_on_time_minor;
  to.collected_late_minor += f.collected_late_minor;
  to.commission_on_time_minor += f.commission_on_time_minor;
  to.commission_late_minor += f.commission_late_minor;
}

class Engine {
 public:
  Engine(const Book& book, const CommissionPlan& plan, Date from, Date to,
         const CommissionOptions& options);
  CommissionStatement run();

 private:
  // Earning lines.
  Index slot_of_customer(Index c) const {
    if (c >= book_.customers.size()) return kNone;
    Index sp = book_.customers[c].salesperson;
    return sp < book_.salespeople.size() ? sp : none_slot_;
  }
  Index slot_of_invoice(Index i) const { return slot_of_customer(book_.invoices[i].customer); }
  bool earning_slot(Index si) const { return si != kNone && si != none_slot_ && slots_[si].active; }
  int32_t rate_for(Index invoice) const;
  int32_t late_factor(int32_t days_late) const;
  void add_line(Index si, CommissionLine line);
  int64_t earn(Index si, CommissionLine line, int64_t* tier_counter, bool held, Index application);
  // Reversals.
  bool within_window(int32_t paid_key, Date date) const;
  void reverse(Index si, CommissionLine line, int64_t part, bool held, int32_t paid_key);
  void settle(Index si, Index invoice, CommissionSource kind, Index source, Date date);
  void refund_application(Index si, Index refund, uint32_t application, int64_t cash);
  // Documents.
  void on_invoice(Index i);
  void on_payment(Index p);
  void on_credit_note(Index c);
  void on_write_off(Index w);
  void on_refund(Index r);
  // Periods.
  void gate_metrics(int32_t first_key);
  void begin_period(int32_t key);
  void evaluate_gates(Slot& s, Index si, const GateMetrics& m);
  void end_period();
  void end_period_of(Slot& s, Index si);
  void warnings(Slot& s);
  void paid_adjustments();
  std::string salesperson_id(Index si) const {
    return si < book_.salespeople.size() ? book_.salespeople[si].id : std::string();
  }

  const Book& book_;
  const CommissionPlan& plan_;
  const CommissionOptions& options_;
  CommissionStatement st_;
  Date to_, from_;
  int32_t window_first_ = 0, last_key_ = 0;
  int32_t first_key_ = 0;  // The first period walked (the earliest document's, or from's).
  int32_t key_ = 0;
  Date start_, end_;  // Of the current period (end clipped to `to`).
  Index none_slot_ = 0;
  std::vector<Slot> slots_;
  std::vector<InvoiceState> invoices_;
  std::vector<ApplicationState> applications_;
  std::vector<PaymentState> payments_;
  std::vector<uint32_t> pay_first_, pay_apps_, credit_first_, credit_apps_;  // CSR by source.
  std::map<PaidKey, PaidSum> current_paid_;  // Lines before `from` in --paid's range.
  // earn()'s (base, rate) parts, kept to spare an allocation a line.
  std::vector<std::pair<int64_t, int32_t>> parts_;
};

// Application indices grouped by source document (CSR), in the index's order.
void group_applications(const Book& book, ApplicationKind kind, size_t sources,
                        std::vector<uint32_t>* first, std::vector<uint32_t>* apps) {
  const std::vector<Application>& all = book.index.applications;
  first->assign(sources + 1, 0);
  for (const Application& a : all) {
    if (a.kind == kind && a.source < sources) (*first)[a.source + 1] += 1;
  }
  for (size_t i = 0; i < sources; ++i) (*first)[i + 1] += (*first)[i];
  apps->assign((*first)[sources], 0);
  std::vector<uint32_t> next(first->begin(), first->end() - 1);
  for (uint32_t k = 0; k < all.size(); ++k) {
    if (all[k].kind == kind && all[k].source < sources) (*apps)[next[all[k].source]++] = k;
  }
}

Engine::Engine(const Book& book, const CommissionPlan& plan, Date from, Date to,
               const CommissionOptions& options)
    : book_(book), plan_(plan), options_(options) {
  st_.plan = plan;
  st_.requested_from = from;
  st_.to = to_ = to;
  window_first_ = commission_period_key(plan.period, from);
  st_.from = from_ = commission_period_start(plan.period, window_first_);
  last_key_ = commission_period_key(plan.period, to);
  none_slot_ = Index(book.salespeople.size());
  slots_.resize(book.salespeople.size() + 1);
  for (Index si = 0; si < slots_.size(); ++si) {
    slots_[si].active = !options.only_salesperson || si == options.salesperson ||
                        (options.salesperson == kNone && si == none_slot_);
  }
  for (Index c = 0; c < book.customers.size(); ++c)
    slots_[slot_of_customer(c)].customers.push_back(c);
  invoices_.resize(book.invoices.size());
  for (Index i = 0; i < book.invoices.size(); ++i) {
    const Invoice& v = book.invoices[i];
    invoices_[i].open = v.amount_minor;
    invoices_[i].on_hold = plan.holds.disputed_invoices && (v.flags & kInvoiceDisputed);
  }
  for (const std::string& id : plan.holds.invoices) {
    Index i = find_invoice(book, id);
    if (i != kNone) invoices_[i].on_hold = true;
  }
  applications_.resize(book.index.applications.size());
  group_applications(book, ApplicationKind::Payment, book.payments.size(), &pay_first_, &pay_apps_);
  group_applications(book, ApplicationKind::CreditNote, book.credit_notes.size(), &credit_first_,
                     &credit_apps_);
  payments_.resize(book.payments.size());
  for (Index p = 0; p < book.payments.size(); ++p) {
    int64_t unapplied =
        p < book.index.payment_unapplied_minor.size() ? book.index.payment_unapplied_minor[p] : 0;
    payments_[p].unapplied = unapplied;
    payments_[p].applied = book.payments[p].amount_minor - unapplied;
  }
}

// =========================================================================================
// [SECTION] Engine: earning lines (tiers, grades, late factors, holds, voids)
// =========================================================================================

int32_t Engine::rate_for(Index invoice) const {
  const std::string& grade = book_.customers[book_.invoices[invoice].customer].grade;
  if (!grade.empty()) {
    for (const CommissionGradeRate& g : plan_.grades) {
      if (g.grade == grade) return g.rate_ppm;
    }
  }
  return std::max(plan_.rate_ppm, 0);
}

// 100% unless days late is above an entry's threshold; the largest such threshold wins.
int32_t Engine::late_factor(int32_t days_late) const {
  int32_t factor = kPpmOne;
  for (const CommissionLateFactor& f : plan_.late_factors) {
    if (days_late > f.after_days_late) factor = f.factor_ppm;
  }
  return factor;
}

void Engine::add_line(Index si, CommissionLine line) {
  Slot& s = slots_[si];
  line.salesperson = si == none_slot_ ? kNone : si;
  line.period_key = key_;
  account(s.current.figures, line);
  if (options_.paid && line.date < from_ && line.date >= options_.paid->from &&
      line.date <= options_.paid->to && compared_for_paid(commission_rule_name(line.rule))) {
    PaidSum& sum = current_paid_[{salesperson_id(si), commission_rule_name(line.rule),
                                  commission_line_invoice_id(book_, st_, line),
                                  commission_line_source_id(book_, st_, line)}];
    sum.amount_minor += line.amount_minor;
    sum.last = line.date;
  }
  if (options_.keep_lines && line.date >= from_) s.lines.push_back(line);
}

// Appends the earning line(s) of `line` (rule, invoice, source, date, base, share, factor and
// days late set). With a tier counter the rate is the plan's (tiers, grade or flat) and with
// tiers the base is split at the boundaries of the period's cumulative base; without one
// (early bonus) line.rate_ppm is used. Returns the commission counted (0 when voided).
int64_t Engine::earn(Index si, CommissionLine line, int64_t* tier_counter, bool held,
                     Index application) {
  Slot& s = slots_[si];
  held = held && !s.failed;  // A voided line has nothing to hold.
  std::vector<std::pair<int64_t, int32_t>>& parts = parts_;
  parts.clear();
  if (tier_counter && !plan_.tiers.empty()) {
    Int128 lo_base = *tier_counter, hi_base = lo_base + line.base_minor;
    for (size_t k = 0; k < plan_.tiers.size(); ++k) {
      Int128 lo = plan_.tiers[k].from_minor;
      Int128 hi = k + 1 < plan_.tiers.size() ? Int128(plan_.tiers[k + 1].from_minor) : hi_base;
      Int128 part = std::min(hi, hi_base) - std::max(lo, lo_base);
      if (part > 0) parts.push_back({int64_t(part), plan_.tiers[k].rate_ppm});
    }
    if (parts.empty()) parts.push_back({line.base_minor, plan_.tiers.back().rate_ppm});
  } else {
    parts.push_back({line.base_minor, tier_counter ? rate_for(line.invoice) : line.rate_ppm});
  }
  if (tier_counter) *tier_counter += line.base_minor;
  int64_t counted = 0;
  for (const auto& [base, rate] : parts) {
    CommissionLine l = line;
    l.base_minor = base;
    l.rate_ppm = rate;
    if (parts.size() > 1) l.flags |= kLineTierSplit;
    Int128 num = Int128(base) * rate * l.share_ppm * l.factor_ppm;
    l.computed_minor = div_half_up(num, Int128(kPpmOne) * kPpmOne * kPpmOne);
    int64_t c = s.failed ? 0 : l.computed_minor;
    if (s.failed)
      l.flags |= kLineVoided;
    else if (held)
      l.flags |= kLineHeld;
    l.amount_minor = (s.failed || held) ? 0 : c;
    counted += c;
    add_line(si, l);
  }
  InvoiceState& inv = invoices_[line.invoice];
  inv.counted += counted;
  if (held) inv.held += counted;
  if (application == kNone) {
    inv.advance += counted;
    inv.advance_held = held;
    if (!held) inv.advance_paid_key = key_;
  } else {
    ApplicationState& a = applications_[application];
    a.cash += counted;
    a.held = held;
    if (!held) a.paid_key = key_;
  }
  return counted;
}

// =========================================================================================
// [SECTION] Engine: reversals (credit notes, write-offs, refunds, forfeits, windows)
// =========================================================================================

// Commission paid in period `paid_key` went out on the payout date: the first day of period
// paid_key + lag (with lag 0: the last day of paid_key). A clawback dated more than
// clawback_window_months after it is waived.
bool Engine::within_window(int32_t paid_key, Date date) const {
  if (plan_.clawback_window_months < 0) return true;
  int32_t lag = plan_.payout_lag_periods;
  Date payout = lag == 0 ? commission_period_end(plan_.period, paid_key)
                         : commission_period_start(plan_.period, paid_key + lag);
  return date <= add_months(payout, plan_.clawback_window_months);
}

// Reverses `part` of the commission on line.invoice: from the held amount (forfeited) or
// from what was paid in paid_key (clawed back, or waived outside the window).
void Engine::reverse(Index si, CommissionLine line, int64_t part, bool held, int32_t paid_key) {
  InvoiceState& inv = invoices_[line.invoice];
  part = std::clamp<int64_t>(part, 0, inv.counted - inv.reversed);  // Rounding never over-takes.
  if (held) {
    part = std::min(part, inv.held);
    line.rule = CommissionRule::HoldForfeited;
    inv.held -= part;
    line.computed_minor = -part;
    line.amount_minor = 0;
  } else {
    line.computed_minor = -part;
    bool inside = part == 0 || within_window(paid_key, line.date);
    if (!inside) line.flags |= kLineOutsideWindow;
    line.amount_minor = inside ? -part : 0;
  }
  inv.reversed += part;
  add_line(si, line);
}

// When a reduction brings the invoice to zero, what is held on it is released.
void Engine::settle(Index si, Index invoice, CommissionSource kind, Index source, Date date) {
  InvoiceState& inv = invoices_[invoice];
  if (inv.open != 0 || inv.held <= 0) return;
  CommissionLine line;
  line.date = date;
  line.rule = CommissionRule::HoldReleased;
  line.invoice = invoice;
  line.source_kind = kind;
  line.source = source;
  line.base_minor = line.paid_minor = line.computed_minor = line.amount_minor = inv.held;
  inv.held = 0;
  if (inv.advance_held) inv.advance_paid_key = key_;
  inv.advance_held = false;
  ApplicationRange r = invoice_applications(book_, invoice);
  for (const Application* a = r.first; a != r.last; ++a) {
    ApplicationState& as = applications_[a - book_.index.applications.data()];
    if (as.held) as.paid_key = key_;
    as.held = false;
  }
  add_line(si, line);
}

// `cash` of a payment's application to an invoice is paid back: the commission on that cash
// is reversed, both what was paid at booking (advance x cash / invoice amount) and what the
// cash itself earned (its lines x cash / applied amount).
void Engine::refund_application(Index si, Index refund, uint32_t application, int64_t cash) {
  const Application& app = book_.index.applications[application];
  InvoiceState& inv = invoices_[app.invoice];
  ApplicationState& as = applications_[application];
  CommissionLine line;
  line.date = book_.refunds[refund].date;
  line.rule = CommissionRule::Refund;
  line.invoice = app.invoice;
  line.source_kind = CommissionSource::Refund;
  line.source = refund;
  line.base_minor = cash;
  int64_t invoice_amount = book_.invoices[app.invoice].amount_minor;
  if (inv.advance > 0) {
    line.paid_minor = inv.advance;
    line.of_minor = invoice_amount;
    reverse(si, line, div_half_up(Int128(inv.advance) * cash, invoice_amount), inv.advance_held,
            inv.advance_paid_key);
  }
  if (as.cash > 0) {
    line.paid_minor = as.cash;
    line.of_minor = app.amount_minor;
    reverse(si, line, div_half_up(Int128(as.cash) * cash, app.amount_minor), as.held, as.paid_key);
  }
  if (inv.advance <= 0 && as.cash <= 0) {  // Nothing was paid on it: say so.
    line.of_minor = app.amount_minor;
    add_line(si, line);
  }
}

// =========================================================================================
// [SECTION] Engine: documents
// =========================================================================================

void Engine::on_invoice(Index i) {
  Index si = slot_of_invoice(i);
  slots_[si].has_documents = true;
  const Invoice& v = book_.invoices[i];
  if (earning_slot(si) && plan_.penalties.overdue_warning_days >= 0)
    slots_[si].open_invoices.push_back({v.customer, v.date, i, v.due});  // For warnings().
  if (!earning_slot(si) || plan_.basis == CommissionBasis::Collected) return;
  Slot& s = slots_[si];
  CommissionLine line;
  line.date = v.date;
  line.rule =
      plan_.basis == CommissionBasis::Invoiced ? CommissionRule::Booking : CommissionRule::Advance;
  line.invoice = i;
  line.source_kind = CommissionSource::Invoice;
  line.source = i;
  line.base_minor = v.amount_minor;
  if (plan_.basis == CommissionBasis::Split) line.share_ppm = plan_.on_invoice_ppm;
  bool held = invoices_[i].on_hold && invoices_[i].open > 0;
  earn(si, line, &s.tier_booked, held, kNone);
}

void Engine::on_payment(Index p) {
  const Receipt& pay = book_.payments[p];
  for (uint32_t k = pay_first_[p]; k < pay_first_[p + 1]; ++k) {
    uint32_t a = pay_apps_[k];
    const Application& app = book_.index.applications[a];
    Index i = app.invoice;
    InvoiceState& inv = invoices_[i];
    inv.open -= app.amount_minor;
    Index si = slot_of_invoice(i);
    slots_[si].has_documents = true;
    if (!earning_slot(si)) continue;
    Slot& s = slots_[si];
    const Invoice& v = book_.invoices[i];
    CommissionLine line;
    line.date = pay.date;
    line.invoice = i;
    line.source_kind = CommissionSource::Payment;
    line.source = p;
    line.base_minor = app.amount_minor;
    line.days_late = pay.date - v.due;
    bool held = inv.on_hold && inv.open > 0;
    int64_t cash = 0;
    if (plan_.basis != CommissionBasis::Invoiced) {
      bool split = plan_.basis == CommissionBasis::Split;
      CommissionLine l = line;
      l.rule = split ? CommissionRule::Release : CommissionRule::Collection;
      l.share_ppm = split ? kPpmOne - plan_.on_invoice_ppm : kPpmOne;
      l.factor_ppm = late_factor(line.days_late);
      cash += earn(si, l, &s.tier_collected, held, a);
    }
    const CommissionEarlyBonus& bonus = plan_.early_bonus;
    if (bonus.days_before_due >= 0 && v.due - pay.date >= bonus.days_before_due) {
      CommissionLine l = line;
      l.rule = CommissionRule::EarlyBonus;
      l.rate_ppm = bonus.rate_ppm;
      cash += earn(si, l, nullptr, held, a);
    }
    if (key_ >= window_first_) {  // What the plan rewards: commission per cash on time / late.
      int64_t share =
          inv.advance > 0 ? div_half_up(Int128(inv.advance) * app.amount_minor, v.amount_minor) : 0;
      CommissionFigures& f = s.current.figures;
      bool late = line.days_late > 0;
      (late ? f.collected_late_minor : f.collected_on_time_minor) += app.amount_minor;
      (late ? f.commission_late_minor : f.commission_on_time_minor) += cash + share;
    }
    settle(si, i, CommissionSource::Payment, p, pay.date);
  }
}

void Engine::on_credit_note(Index c) {
  const Receipt& note = book_.credit_notes[c];
  for (uint32_t k = credit_first_[c]; k < credit_first_[c + 1]; ++k) {
    const Application& app = book_.index.applications[credit_apps_[k]];
    Index i = app.invoice;
    InvoiceState& inv = invoices_[i];
    inv.open -= app.amount_minor;
    Index si = slot_of_invoice(i);
    slots_[si].has_documents = true;
    if (!earning_slot(si)) continue;
    CommissionLine line;
    line.date = note.date;
    line.rule = CommissionRule::CreditNote;
    line.invoice = i;
    line.source_kind = CommissionSource::CreditNote;
    line.source = c;
    line.base_minor = app.amount_minor;
    line.of_minor = book_.invoices[i].amount_minor;
    line.paid_minor = inv.advance;
    if (plan_.basis == CommissionBasis::Collected) {
      add_line(si, line);  // Credit notes earn nothing: shown, amount 0.
    } else {
      reverse(si, line, div_half_up(Int128(inv.advance) * app.amount_minor, line.of_minor),
              inv.advance_held, inv.advance_paid_key);
    }
    settle(si, i, CommissionSource::CreditNote, c, note.date);
  }
}

void Engine::on_write_off(Index w) {
  const WriteOff& wo = book_.write_offs[w];
  Index i = wo.invoice;
  InvoiceState& inv = invoices_[i];
  inv.open -= wo.amount_minor;
  Index si = slot_of_invoice(i);
  slots_[si].has_documents = true;
  if (!earning_slot(si)) return;
  CommissionLine line;
  line.date = wo.date;
  line.rule = CommissionRule::WriteOff;
  line.invoice = i;
  line.source_kind = CommissionSource::WriteOff;
  line.source = w;
  line.base_minor = wo.amount_minor;
  line.of_minor = book_.invoices[i].amount_minor;
  line.paid_minor = inv.advance;
  reverse(si, line, div_half_up(Int128(inv.advance) * wo.amount_minor, line.of_minor),
          inv.advance_held, inv.advance_paid_key);
  if (plan_.penalties.bad_debt_rate_ppm > 0) {
    CommissionLine penalty = line;
    penalty.rule = CommissionRule::BadDebtPenalty;
    penalty.paid_minor = penalty.of_minor = 0;
    penalty.rate_ppm = plan_.penalties.bad_debt_rate_ppm;
    penalty.computed_minor = penalty.amount_minor =
        -div_half_up(Int128(wo.amount_minor) * penalty.rate_ppm, kPpmOne);
    add_line(si, penalty);
  }
  settle(si, i, CommissionSource::WriteOff, w, wo.date);
}

// Cumulative share of a payment's applied amount T given to its j-th application: floor
// proportions, the last application taking the rest (so the shares sum to T exactly).
int64_t refund_share(const std::vector<int64_t>& amounts, int64_t applied, size_t j, int64_t t) {
  if (applied <= 0) return 0;
  if (j + 1 < amounts.size()) return int64_t(Int128(amounts[j]) * t / applied);
  int64_t rest = t;
  for (size_t k = 0; k + 1 < amounts.size(); ++k) rest -= int64_t(Int128(amounts[k]) * t / applied);
  return std::max<int64_t>(rest, 0);
}

// A refund pays back first the unapplied part of its payment (it earned nothing), then cash
// that payment applied to invoices, in proportion to the applications. Without a named
// payment it takes the customer's payments dated on or before it, newest first: first their
// unapplied parts, then their applied cash.
void Engine::on_refund(Index r) {
  const Refund& rf = book_.refunds[r];
  Index si = slot_of_customer(rf.customer);
  if (si == kNone) return;
  slots_[si].has_documents = true;
  if (!earning_slot(si)) return;
  std::vector<Index> order;
  if (rf.payment < book_.payments.size()) {
    order.push_back(rf.payment);
  } else {
    const BookIndex& x = book_.index;
    for (uint32_t k = x.customer_receipt_first[rf.customer];
         k < x.customer_receipt_first[rf.customer + 1]; ++k) {
      uint32_t code = x.customer_receipts[k];
      if (code & BookIndex::kCreditBit) continue;  // Credit notes are not payments.
      if (book_.payments[code].date <= rf.date) order.push_back(code);
    }
    std::sort(order.begin(), order.end(), [&](Index a, Index b) {
      return std::make_pair(book_.payments[a].date, a) > std::make_pair(book_.payments[b].date, b);
    });
  }
  int64_t remaining = rf.amount_minor, unapplied_refunded = 0;
  for (Index p : order) {  // First what no invoice took...
    PaymentState& ps = payments_[p];
    int64_t take = std::clamp<int64_t>(ps.unapplied - ps.refunded_unapplied, 0, remaining);
    ps.refunded_unapplied += take;
    unapplied_refunded += take;
    remaining -= take;
  }
  for (Index p : order) {  // ...then cash that was applied.
    PaymentState& ps = payments_[p];
    int64_t take = std::clamp<int64_t>(ps.applied - ps.refunded_applied, 0, remaining);
    if (take <= 0) continue;
    int64_t before = ps.refunded_applied, after = before + take;
    ps.refunded_applied = after;
    remaining -= take;
    std::vector<int64_t> amounts;
    for (uint32_t k = pay_first_[p]; k < pay_first_[p + 1]; ++k)
      amounts.push_back(book_.index.applications[pay_apps_[k]].amount_minor);
    for (size_t j = 0; j < amounts.size(); ++j) {
      int64_t cash = refund_share(amounts, ps.applied, j, after) -
                     refund_share(amounts, ps.applied, j, before);
      if (cash > 0) refund_application(si, r, pay_apps_[pay_first_[p] + j], cash);
    }
  }
  if (unapplied_refunded > 0) {  // Shown: paying back unapplied credit reverses nothing.
    CommissionLine line;
    line.date = rf.date;
    line.rule = CommissionRule::Refund;
    line.source_kind = CommissionSource::Refund;
    line.source = r;
    line.base_minor = unapplied_refunded;
    add_line(si, line);
  }
}

// =========================================================================================
// [SECTION] Engine: periods (gates, holds, payouts, warnings) and --paid
// =========================================================================================

int64_t clamp_int64(Int128 v) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  return v > kMax ? kMax : int64_t(v);
}

Int128 ceil_div(Int128 num, Int128 den) {
  return (num + den - 1) / den;
}

// The metrics of every slot's customers for every period from first_key to last_key_, in
// one walk of the book (the slots' customers are disjoint). Each element equals
// compute_metrics(book, start, end, kDefaultRateBp, {Salesperson, si}).
void Engine::gate_metrics(int32_t first_key) {
  first_key_ = first_key;
  std::vector<MetricsPeriod> periods;
  for (int32_t key = first_key; key <= last_key_; ++key) {
    periods.push_back({commission_period_start(plan_.period, key),
                       std::min(commission_period_end(plan_.period, key), to_)});
  }
  std::vector<MetricsFilter> filters;
  std::vector<Index> filter_slots;
  for (Index si = 0; si < slots_.size(); ++si) {
    if (!slots_[si].active || slots_[si].customers.empty()) continue;
    filters.push_back({MetricsFilter::Kind::Salesperson, si == none_slot_ ? kNone : si});
    filter_slots.push_back(si);
  }
  std::vector<std::vector<Metrics>> metrics =
      compute_metrics_periods(book_, periods, kDefaultRateBp, filters);
  for (size_t f = 0; f < filters.size(); ++f) {
    for (const Metrics& m : metrics[f]) {
      slots_[filter_slots[f]].gate_metrics.push_back({m.credit_sales_minor, m.cash_collected_minor,
                                                      m.ar_end_minor, m.overdue_end_minor, m.days});
    }
  }
}

void Engine::begin_period(int32_t key) {
  key_ = key;
  start_ = commission_period_start(plan_.period, key);
  end_ = std::min(commission_period_end(plan_.period, key), to_);
  for (Index si = 0; si < slots_.size(); ++si) {
    Slot& s = slots_[si];
    if (!s.active) continue;
    s.current = CommissionPeriodRow{};
    s.current.period_key = key;
    s.current.start = start_;
    s.current.end = end_;
    s.tier_booked = s.tier_collected = 0;
    s.failed = false;
    if (s.customers.empty()) continue;
    const GateMetrics& m = s.gate_metrics[size_t(key - first_key_)];
    s.current.figures.sales_minor = m.credit_sales_minor;
    s.current.figures.collected_minor = m.cash_collected_minor;
    if (si != none_slot_) evaluate_gates(s, si, m);
  }
  if (key == window_first_ && options_.paid) paid_adjustments();
}

// Exact integer comparisons on the metrics' numerators and denominators (docs/METRICS.md).
void Engine::evaluate_gates(Slot& s, Index si, const GateMetrics& m) {
  const CommissionGates& g = plan_.gates;
  auto& gates = s.current.gates;
  const Int128 sales = m.credit_sales_minor, ar = m.ar_end_minor;
  int64_t target = g.sales_target_minor;
  for (const CommissionTarget& t : g.sales_targets) {
    if (t.salesperson == book_.salespeople[si].id) target = t.target_minor;
  }
  s.current.figures.target_minor = target;
  CommissionGate& sales_gate = gates[0];
  sales_gate = {
      CommissionGateKind::SalesTarget, target >= 0, true, true, m.credit_sales_minor, target};
  sales_gate.passed = !sales_gate.applies || m.credit_sales_minor >= target;

  CommissionGate& rate = gates[1];
  rate = {CommissionGateKind::CollectionRate, g.collection_rate_min_ppm >= 0, sales > 0, true, 0,
          g.collection_rate_min_ppm};
  if (rate.applies && rate.defined) {
    rate.passed = Int128(m.cash_collected_minor) * kPpmOne >= Int128(rate.threshold) * sales;
    rate.value = clamp_int64(Int128(m.cash_collected_minor) * kPpmOne / sales);  // Floor.
  }
  CommissionGate& dso = gates[2];
  dso = {CommissionGateKind::Dso, g.dso_max_centidays >= 0, sales > 0, true, 0,
         g.dso_max_centidays};
  if (dso.applies && dso.defined) {
    Int128 num = ar * m.days * 100;  // DSO in centidays = ar_end x days x 100 / sales.
    dso.passed = num <= Int128(dso.threshold) * sales;
    dso.value = clamp_int64(ceil_div(num, sales));
  }
  CommissionGate& overdue = gates[3];
  overdue = {CommissionGateKind::OverdueRatio, g.overdue_ratio_max_ppm >= 0, ar > 0, true, 0,
             g.overdue_ratio_max_ppm};
  if (overdue.applies && overdue.defined) {
    Int128 num = Int128(m.overdue_end_minor) * kPpmOne;
    overdue.passed = num <= Int128(overdue.threshold) * ar;
    overdue.value = clamp_int64(ceil_div(num, ar));
  }
  for (const CommissionGate& gate : gates) s.failed = s.failed || (gate.applies && !gate.passed);
  s.current.passed = !s.failed;
}

void Engine::end_period() {
  for (Index si = 0; si < slots_.size(); ++si) {
    if (slots_[si].active) end_period_of(slots_[si], si);
  }
}

void Engine::end_period_of(Slot& s, Index si) {
  CommissionFigures& f = s.current.figures;
  if (si != none_slot_) {
    const CommissionHolds& h = plan_.holds;
    if (h.period_percent_ppm > 0) {
      int64_t base = f.net_minor;  // Before this period's release and hold.
      auto it = s.period_holds.find(key_ - h.release_after_periods);
      if (it != s.period_holds.end() && it->second > 0) {
        CommissionLine line;
        line.date = end_;
        line.rule = CommissionRule::PeriodRelease;
        line.source = Index(it->first);
        line.base_minor = line.paid_minor = line.computed_minor = line.amount_minor = it->second;
        add_line(si, line);
      }
      int64_t held = base > 0 ? div_half_up(Int128(base) * h.period_percent_ppm, kPpmOne) : 0;
      if (held > 0) {
        CommissionLine line;
        line.date = end_;
        line.rule = CommissionRule::PeriodHold;
        line.base_minor = base;
        line.rate_ppm = h.period_percent_ppm;
        line.computed_minor = line.amount_minor = -held;
        add_line(si, line);
        s.period_holds[key_] = held;
      }
    }
    int64_t total = f.net_minor + s.carry;  // A negative net is deducted from later payouts.
    s.payouts[key_ + plan_.payout_lag_periods] += std::max<int64_t>(total, 0);
    s.carry = std::min<int64_t>(total, 0);
    warnings(s);
  }
  auto due = s.payouts.find(key_);
  f.payable_minor = due == s.payouts.end() ? 0 : due->second;
  f.carried_debit_minor = -s.carry;
  f.periods = 1;
  f.periods_failed = s.current.passed ? 0 : 1;
  f.warning_periods = s.current.overdue_invoices > 0 ? 1 : 0;
  if (key_ < window_first_) return;
  s.rows.push_back(s.current);
  add_figures(s.total, f);
  s.total.carried_debit_minor = f.carried_debit_minor;
}

// The practice's warning for people who cause overdue accounts: invoices more than
// overdue_warning_days past due at the period's end. The worst is the first of the most days
// past due in the order of the slot's customers and their invoices by date (then file
// order). Only invoices still open are visited: the slot keeps them (an invoice's open amount
// never grows back once it reached zero).
void Engine::warnings(Slot& s) {
  int32_t days_max = plan_.penalties.overdue_warning_days;
  if (days_max < 0) return;
  CommissionPeriodRow& row = s.current;
  const WarningCandidate* worst = nullptr;
  size_t kept = 0;
  for (const WarningCandidate& w : s.open_invoices) {
    if (invoices_[w.invoice].open <= 0) continue;  // Settled: never open again.
    s.open_invoices[kept++] = w;
    int32_t past_due = end_ - w.due;
    if (past_due <= days_max) continue;
    row.overdue_invoices += 1;
    if (!worst || past_due > row.worst_days_past_due ||
        (past_due == row.worst_days_past_due && w.before(*worst))) {
      row.worst_invoice = w.invoice;
      row.worst_days_past_due = past_due;
      worst = &s.open_invoices[kept - 1];
    }
  }
  s.open_invoices.resize(kept);
}

// Lines paid out earlier (--paid) and dated before `from`, against what the book produces
// now for the same salesperson, rule, invoice and source: less now is clawed back
// ("allocation removed"), more now is paid ("allocation added"), dated `from`.
void Engine::paid_adjustments() {
  const CommissionPaid& paid = *options_.paid;
  std::map<PaidKey, PaidSum> previous;
  for (const CommissionPaidLine& l : paid.lines) {
    if (l.date >= from_ || l.date < paid.from || l.date > paid.to) continue;
    if (!compared_for_paid(l.rule)) continue;
    ++st_.paid_lines_compared;
    PaidSum& sum = previous[{l.salesperson, l.rule, l.invoice, l.source}];
    sum.amount_minor += l.amount_minor;
    sum.last = std::max(sum.last, l.date);
  }
  std::map<PaidKey, std::pair<PaidSum, PaidSum>> both;  // (previous, now)
  for (const auto& [key, sum] : previous) both[key].first = sum;
  for (const auto& [key, sum] : current_paid_) both[key].second = sum;
  for (const auto& [key, sums] : both) {
    int64_t diff = sums.second.amount_minor - sums.first.amount_minor;
    Index si = find_salesperson(book_, std::get<0>(key));
    if (diff == 0 || si == kNone || !slots_[si].active) continue;
    st_.previous_refs.push_back({std::get<2>(key), std::get<3>(key)});
    CommissionLine line;
    line.date = from_;
    line.rule = diff < 0 ? CommissionRule::AllocationRemoved : CommissionRule::AllocationAdded;
    line.invoice = find_invoice(book_, std::get<2>(key));
    line.source_kind = CommissionSource::Previous;
    line.source = Index(st_.previous_refs.size() - 1);
    line.paid_minor = sums.first.amount_minor;
    line.base_minor = sums.second.amount_minor;
    line.computed_minor = line.amount_minor = diff;
    if (diff < 0 && !within_window(commission_period_key(plan_.period, sums.first.last), from_)) {
      line.flags |= kLineOutsideWindow;
      line.amount_minor = 0;
    }
    add_line(si, line);
  }
}

CommissionStatement Engine::run() {
  if (!book_.index.built || to_ < st_.requested_from) return st_;
  // The book's event stream (events.h) up to `to`: documents by (date, kind: invoices,
  // payments, credit notes, write-offs, refunds, then file order).
  const EventSpan events = events_through(book_, to_);
  int32_t first_key = window_first_;
  if (!events.empty())
    first_key = std::min(first_key,
                         commission_period_key(plan_.period, event_date(book_, *events.begin())));
  gate_metrics(first_key);
  const BookEvent* next = events.begin();
  for (int32_t key = first_key; key <= last_key_; ++key) {
    begin_period(key);
    // The period's events: up to its end (a binary search from where the last one stopped).
    const BookEvent* stop =
        end_ >= to_ ? events.end() : std::partition_point(next, events.end(), [&](BookEvent e) {
          return event_date(book_, e) <= end_;
        });
    for (; next != stop; ++next) {
      const Index i = next->doc();
      switch (next->kind()) {
        case EventKind::Invoice:
          on_invoice(i);
          break;
        case EventKind::Payment:
          on_payment(i);
          break;
        case EventKind::CreditNote:
          on_credit_note(i);
          break;
        case EventKind::WriteOff:
          on_write_off(i);
          break;
        case EventKind::Refund:
          on_refund(i);
          break;
      }
    }
    end_period();
  }
  for (int32_t key = window_first_; key <= last_key_; ++key) {
    st_.periods.push_back({key, commission_period_start(plan_.period, key),
                           std::min(commission_period_end(plan_.period, key), to_)});
  }
  // Rows: salespeople by id, then the customers without one (if they have documents).
  std::vector<Index> order(book_.salespeople.size());
  for (Index i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](Index a, Index b) { return book_.salespeople[a].id < book_.salespeople[b].id; });
  if (slots_[none_slot_].has_documents) order.push_back(none_slot_);
  size_t lines = 0, period_rows = 0;
  for (Index si : order) {
    lines += slots_[si].active ? slots_[si].lines.size() : 0;
    period_rows += slots_[si].active ? slots_[si].rows.size() : 0;
  }
  st_.lines.reserve(lines);
  st_.period_rows.reserve(period_rows);
  for (Index si : order) {
    Slot& s = slots_[si];
    if (!s.active) continue;
    for (const auto& [due_key, amount] : s.payouts) {
      if (due_key > last_key_) s.total.due_after_minor += amount;
    }
    CommissionRow row;
    row.salesperson = si == none_slot_ ? kNone : si;
    row.total = s.total;
    row.period_first = uint32_t(st_.period_rows.size());
    row.period_count = uint32_t(s.rows.size());
    row.line_first = uint32_t(st_.lines.size());
    row.line_count = uint32_t(s.lines.size());
    st_.period_rows.insert(st_.period_rows.end(), s.rows.begin(), s.rows.end());
    st_.lines.insert(st_.lines.end(), s.lines.begin(), s.lines.end());
    s.lines = {};  // Copied: free it now (a statement of every line is large).
    st_.rows.push_back(row);
    add_figures(st_.total, row.total);
    st_.total.carried_debit_minor += row.total.carried_debit_minor;
  }
  return std::move(st_);
}

}  // namespace

// =========================================================================================
// [SECTION] compute_commission
// =========================================================================================

CommissionStatement compute_commission(const Book& book, const CommissionPlan& plan, Date from,
                                       Date to, const CommissionOptions& options) {
  Engine engine(book, plan, from, to, options);
  return engine.run();
}

// =========================================================================================
// [SECTION] Notes
// =========================================================================================

const CommissionPeriodRow* commission_line_period(const CommissionStatement& s,
                                                  const CommissionLine& line) {
  if (s.periods.empty()) return nullptr;
  int64_t offset = int64_t(line.period_key) - s.periods.front().key;
  for (const CommissionRow& row : s.rows) {
    if (row.salesperson != line.salesperson) continue;
    if (offset < 0 || offset >= row.period_count) return nullptr;
    return &s.period_rows[row.period_first + size_t(offset)];
  }
  return nullptr;
}

std::string commission_line_invoice_id(const Book& book, const CommissionStatement& s,
                                       const CommissionLine& line) {
  if (line.source_kind == CommissionSource::Previous && line.source < s.previous_refs.size())
    return s.previous_refs[line.source].invoice;
  if (line.invoice < book.invoices.size())
    return std::string(book.str(book.invoices[line.invoice].id));
  return "";
}

std::string commission_line_source_id(const Book& book, const CommissionStatement& s,
                                      const CommissionLine& line) {
  Index i = line.source;
  switch (line.source_kind) {
    case CommissionSource::None:
      return "";
    case CommissionSource::Invoice:
      return i < book.invoices.size() ? std::string(book.str(book.invoices[i].id)) : "";
    case CommissionSource::Payment:
      return i < book.payments.size() ? std::string(book.str(book.payments[i].id)) : "";
    case CommissionSource::CreditNote:
      return i < book.credit_notes.size() ? std::string(book.str(book.credit_notes[i].id)) : "";
    case CommissionSource::WriteOff:
      return i < book.write_offs.size() ? std::string(book.str(book.write_offs[i].id)) : "";
    case CommissionSource::Refund:
      return i < book.refunds.size() ? std::string(book.str(book.refunds[i].id)) : "";
    case CommissionSource::Previous:
      return i < s.previous_refs.size() ? s.previous_refs[i].source : "";
  }
  return "";
}

namespace {

// ppm as a percent with 2 decimals, rounded down (up: ceiling) so that a failed minimum never
// shows as reached: 799999 -> "79.99%".
std::string percent_2(int64_t ppm, bool up) {
  int64_t hundredths = up ? (ppm + 99) / 100 : ppm / 100;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%lld.%02lld%%", (long long)(hundredths / 100),
                (long long)(hundredths % 100));
  return buf;
}

std::string days_text(int64_t centidays) {
  std::string s = std::to_string(centidays / 100);
  if (centidays % 100) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%02d", int(centidays % 100));
    s += buf;
    if (s.back() == '0') s.pop_back();
  }
  return s;
}

}  // namespace

std::string commission_gate_text(const CommissionGate& g, int minor_digits) {
  const char* ok_min = g.passed ? " >= " : " < ";
  const char* ok_max = g.passed ? " <= " : " > ";
  switch (g.kind) {
    case CommissionGateKind::SalesTarget:
      return "sales " + format_amount_grouped(g.value, minor_digits) + ok_min + "target " +
             format_amount_grouped(g.threshold, minor_digits);
    case CommissionGateKind::CollectionRate:
      if (!g.defined) return "collection rate: no sales in the period (passes)";
      return "collection rate " + percent_2(g.value, false) + ok_min +
             format_ppm_percent(g.threshold);
    case CommissionGateKind::Dso:
      if (!g.defined) return "DSO: no sales in the period (passes)";
      return "DSO " + days_text(g.value) + " days" + ok_max + days_text(g.threshold);
    case CommissionGateKind::OverdueRatio:
      if (!g.defined) return "overdue ratio: nothing open at the period's end (passes)";
      return "overdue ratio " + percent_2(g.value, true) + ok_max + format_ppm_percent(g.threshold);
  }
  return "";
}

namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

void rule_note(const Book& book, const CommissionStatement& s, const CommissionLine& l,
               std::vector<std::string>& parts) {
  const CommissionPlan& plan = s.plan;
  int digits = book.minor_digits;
  switch (l.rule) {
    case CommissionRule::Collection:
    case CommissionRule::Release:
      if (l.factor_ppm < kPpmOne)
        parts.push_back(std::to_string(l.days_late) + " days late: factor " +
                        format_ppm_percent(l.factor_ppm));
      [[fallthrough]];
    case CommissionRule::Booking:
    case CommissionRule::Advance:
      if (!plan.grades.empty() && l.invoice < book.invoices.size()) {
        const std::string& grade = book.customers[book.invoices[l.invoice].customer].grade;
        for (const CommissionGradeRate& g : plan.grades) {
          if (g.grade == grade) parts.push_back("grade " + grade);
        }
      }
      if (l.flags & kLineTierSplit) parts.push_back("split at a tier boundary");
      break;
    case CommissionRule::EarlyBonus:
      parts.push_back("paid " + std::to_string(-l.days_late) + " days before due");
      break;
    case CommissionRule::CreditNote:
      if (plan.basis == CommissionBasis::Collected)
        parts.push_back("credit notes earn nothing");
      else if (l.paid_minor == 0)
        parts.push_back("nothing was paid at booking");
      break;
    case CommissionRule::WriteOff:
      if (l.paid_minor == 0) parts.push_back("no commission was paid ahead of the cash");
      break;
    case CommissionRule::Refund:
      if (l.invoice == kNone)
        parts.push_back("unapplied credit paid back: it earned nothing");
      else if (l.paid_minor == 0)
        parts.push_back("nothing was paid on this cash");
      break;
    case CommissionRule::HoldForfeited:
      parts.push_back("held commission forfeited");
      break;
    case CommissionRule::HoldReleased:
      parts.push_back("invoice settled: held commission released");
      break;
    case CommissionRule::PeriodHold:
      parts.push_back(format_ppm_percent(l.rate_ppm) + " of the period's net held back");
      break;
    case CommissionRule::PeriodRelease:
      parts.push_back("held back in " + commission_period_label(plan.period, int32_t(l.source)));
      break;
    case CommissionRule::AllocationRemoved:
    case CommissionRule::AllocationAdded:
      parts.push_back("paid before " + format_amount_grouped(l.paid_minor, digits) +
                      ", produced now " + format_amount_grouped(l.base_minor, digits));
      break;
    case CommissionRule::BadDebtPenalty:
      parts.push_back("bad debt: " + format_ppm_percent(l.rate_ppm) + " of the amount written off");
      break;
  }
}

}  // namespace

std::string commission_line_note(const Book& book, const CommissionStatement& s,
                                 const CommissionLine& l) {
  std::vector<std::string> parts;
  if (l.flags & kLineVoided) {
    std::vector<std::string> failed;
    if (const CommissionPeriodRow* row = commission_line_period(s, l)) {
      for (const CommissionGate& g : row->gates) {
        if (g.applies && !g.passed) failed.push_back(commission_gate_text(g, book.minor_digits));
      }
    }
    parts.push_back("void: " + (failed.empty() ? std::string("a gate failed") : join(failed)));
  }
  if ((l.flags & kLineHeld) && l.invoice < book.invoices.size()) {
    bool disputed =
        s.plan.holds.disputed_invoices && (book.invoices[l.invoice].flags & kInvoiceDisputed);
    parts.push_back(disputed ? "held: invoice disputed" : "held: invoice on the plan's hold list");
  }
  rule_note(book, s, l, parts);
  if (l.flags & kLineOutsideWindow)
    parts.push_back("outside the " + std::to_string(s.plan.clawback_window_months) +
                    "-month clawback window");
  return join(parts);
}

// =========================================================================================
// [SECTION] Comparison
// =========================================================================================

namespace {

std::optional<double> ratio(int64_t num, int64_t den, double scale) {
  if (den == 0) return std::nullopt;
  return double(num) * scale / double(den);
}

}  // namespace

CommissionProfile commission_profile(const CommissionStatement& s) {
  const CommissionFigures& t = s.total;
  CommissionProfile p;
  p.cost_minor = t.net_minor;
  p.payable_minor = t.payable_minor;
  p.sales_minor = t.sales_minor;
  p.per_1000_on_time = ratio(t.commission_on_time_minor, t.collected_on_time_minor, 1000);
  p.per_1000_late = ratio(t.commission_late_minor, t.collected_late_minor, 1000);
  p.effective_rate = ratio(t.net_minor, t.sales_minor, 1);
  return p;
}

CommissionComparison compare_commission(const Book& book, const CommissionStatement& a,
                                        const CommissionStatement& b) {
  CommissionComparison c;
  c.a = commission_profile(a);
  c.b = commission_profile(b);
  auto find = [](const CommissionStatement& s, Index sp) -> const CommissionRow* {
    for (const CommissionRow& row : s.rows) {
      if (row.salesperson == sp) return &row;
    }
    return nullptr;
  };
  std::vector<Index> order;
  for (const CommissionStatement* s : {&a, &b}) {
    for (const CommissionRow& row : s->rows) {
      if (row.salesperson != kNone &&
          std::find(order.begin(), order.end(), row.salesperson) == order.end())
        order.push_back(row.salesperson);
    }
  }
  std::sort(order.begin(), order.end(),
            [&](Index x, Index y) { return book.salespeople[x].id < book.salespeople[y].id; });
  for (Index sp : order) {
    CommissionComparisonRow row;
    row.salesperson = sp;
    if (const CommissionRow* r = find(a, sp)) {
      row.net_a_minor = r->total.net_minor;
      row.payable_a_minor = r->total.payable_minor;
    }
    if (const CommissionRow* r = find(b, sp)) {
      row.net_b_minor = r->total.net_minor;
      row.payable_b_minor = r->total.payable_minor;
    }
    row.difference_minor = row.payable_b_minor - row.payable_a_minor;
    c.rows.push_back(row);
  }
  return c;
}

}  // namespace arlab
