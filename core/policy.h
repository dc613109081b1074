// policy.h: the policies the simulator compares (issue 12, incentive modeling), their levers
// and the response parameters that say how each lever moves the customers' behaviour.
//
// A SimPolicy is what a manager would adopt: an early-payment discount, credit terms, holds
// (stop supply), credit vetting before delivery, the dunning schedule, collection after the
// fact, a commission plan, and financing. Every lever has RESPONSE parameters (how much a lever
// moves payment, sales and losses) with a default taken from the practice material
// (../shared/domain/README.md, source file named) or, where the material gives a direction and
// no size, arlab's stated assumption. Each is listed by sim_params() with its unit, default,
// range, and source, so that the report, the app and docs/SIMULATION.md show them and the
// tornado chart can move them.
//
// Units: rates and shares in parts per million (kPpmOne = 100%), days, minor units.
// A lever is off when its switch says so (rate 0, days -1, plan absent): a SimPolicy{} changes
// nothing, and simulates the book as it is.
//
// Policy files: io/policy_json.h reads and writes them ("arlab-policy/1", docs/SIMULATION.md).
//
// Usage:
//   arlab::SimPolicy p = arlab::SimPolicy::defaults();   // every lever off, practice responses
//   p.name = "2/10 net 30"; p.discount.rate_ppm = 20000; p.discount.within_days = 10;
//   p.terms.net_days = 30;
//   std::vector<arlab::Problem> problems;
//   if (!arlab::validate_sim_policy(p, &problems)) ...    // places like "discount.rate"
//   double cost = arlab::discount_annual_cost(20000, 10, 30);  // 0.3724 (2/98 x 365/20)
//
// Tests: tests/core/test_policy_sim.cpp (suite "policy").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "book.h"
#include "commission.h"

namespace arlab {

constexpr const char* kSimPolicyFormat = "arlab-policy/1";

struct GradeShare {
  std::string grade;  // Customer::grade ("A"); "" = customers without a grade.
  int32_t ppm = 0;
  bool operator==(const GradeShare&) const = default;
};

// ---- [SECTION] Levers ----------------------------------------------------------------------

// Early-payment discount "rate/within net terms" (2/10 net 30) on new invoices.
// Response: of the customers who would not pay within the days anyway, the share of each
// grade who move their payment to the last discount day (take_up, at the reference rate; it
// scales with rate / reference_rate, capped at 100%). Customers who already pay in full
// within the days take the discount too: it costs on them and pulls nothing forward.
// A customer whose drawn profile never pays in full does not take it (it cannot).
struct DiscountLever {
  int32_t rate_ppm = 0;     // 0: no discount. 20000 = 2%.
  int32_t within_days = 10; // Paid in full within this many days of the invoice date.
  std::vector<GradeShare> take_up = default_take_up();
  int32_t take_up_other_ppm = 250000;  // Grades not listed.
  int32_t reference_rate_ppm = 20000;  // The rate the take-up figures are for.
  static std::vector<GradeShare> default_take_up();  // A 50%, B 35%, C 20%, D 5%.
  bool operator==(const DiscountLever&) const = default;
};

// Credit terms of new invoices: due = date + net_days (-1: each customer's own, as in the book).
// Response: payment follows the due date by follow (100%: a customer paying 5 days late pays
// 5 days after the new due date; 0%: on the same day from the invoice date as before).
struct TermsLever {
  int32_t net_days = -1;
  int32_t follow_ppm = 500000;
  bool operator==(const TermsLever&) const = default;
};

// Stop supply (holds): a new invoice is not made while the customer has an invoice more than
// stop_after_days past due and still open, or while its open balance is above its credit limit
// x limit_ppm (customers without a limit: no limit check). Those sales are lost (lost_ppm of
// them; the rest is made anyway, as if by override).
struct HoldLever {
  int32_t stop_after_days = -1;   // -1: off. The practice's one-third rule: terms / 3.
  int32_t limit_ppm = -1;         // -1: off. 1000000: stop at the limit.
  int32_t lost_ppm = 1000000;
  bool operator==(const HoldLever&) const = default;
};

// Credit vetting before delivery (prevention): of the new invoices that would never be paid
// in full, avoided_ppm are avoided (the sale refused or secured); of the good ones,
// refused_good_ppm are refused too (the cost of a stricter standard); cost per customer a year.
struct PreventionLever {
  bool on = false;
  int32_t avoided_ppm = 700000;        // 003: management before delivery prevents 70%.
  int32_t refused_good_ppm = 20000;    // arlab's assumption: 2% of good sales refused.
  int64_t cost_per_customer_minor = 0; // A year, booked monthly.
  bool operator==(const PreventionLever&) const = default;
};

// The dunning schedule. reminder_before_due turns on process control between delivery and
// due date (a call or letter a week before due): avoided_ppm of the losses avoided (the
// invoice is paid, late, like the customer's paid invoices). first_letter_days moves the first
// letter (-1: as the book's collection policy): each 7 days earlier cuts the days late by
// late_cut_per_week_ppm (later: adds), at most 50%.
struct DunningLever {
  bool reminder_before_due = false;
  int32_t avoided_ppm = 350000;            // 003: process control avoids 35% of defaults.
  int32_t reminder_late_cut_ppm = 100000;  // arlab's assumption: reminders cut days late 10%.
  int32_t first_letter_days = -1;
  int32_t late_cut_per_week_ppm = 100000;  // arlab's assumption.
  bool operator==(const DunningLever&) const = default;
};

// Collection after the fact (agency, legal) on what would never be paid: recovered_ppm of it
// comes in delay_days after the due date (at the earliest the start), less fee_ppm of it.
struct RecoveryLever {
  bool on = false;
  int32_t recovered_ppm = 410000;  // 003: after-the-fact collection recovers 41% of losses.
  int32_t fee_ppm = 250000;        // arlab's assumption: an agency's contingency fee, 25%.
  int32_t delay_days = 180;
  bool operator==(const RecoveryLever&) const = default;
};

enum class GateScope : uint8_t {
  Salesperson,  // The salesperson's customers together reach the rate.
  Customer,     // Each customer's collection rate (the practice text's wording, 003).
  Team,         // The whole team's.
};
const char* gate_scope_name(GateScope s);  // "salesperson", "customer", "team"
bool parse_gate_scope(std::string_view text, GateScope* out);

// The commission plan (the existing plan format: basis, rate, tiers, grade rates, sales
// target and collection-rate gate, per month) plus the variants managers ask for: the scope
// of the collection-rate gate, a bonus for reaching a collection target, team gates.
// Response: how hard sales staff push collection. Each point of "tie to collection" (basis
// collected 1, split 0.5; a collection-rate gate 1 by salesperson, 1.5 by customer, 0.5 by
// team; a collection-target bonus 0.5) cuts days late by late_cut_per_point_ppm and sales by
// sales_dip_per_point_ppm. 003: tying commission to the customers' 80% collection rate raised
// the collection rate year after year while sales completion dipped slightly.
struct CommissionLever {
  bool on = false;
  CommissionPlan plan;                      // basis, rate_ppm/tiers/grades, gates (month).
  GateScope gate_scope = GateScope::Salesperson;
  int64_t collection_target_minor = -1;     // Per salesperson a month; -1: no bonus.
  int64_t target_bonus_minor = 0;
  int32_t late_cut_per_point_ppm = 80000;   // arlab's reading of 003 (a direction, no size).
  int32_t sales_dip_per_point_ppm = 10000;  // "Dipped slightly": 1% a point.
  bool operator==(const CommissionLever&) const = default;
};

// Financing the receivables: the cost of capital on the open balance, day by day; factoring a
// share of the new invoices (advance at invoice date, the rest when the customer pays, fee on
// the amount), or pledging a share of the open balance at a loan rate instead.
struct FinancingLever {
  int32_t cost_of_capital_ppm = 80000;  // A year. arlab's assumption: 8%.
  int32_t factored_ppm = 0;             // Share of each new invoice sold to a factor.
  int32_t factoring_fee_ppm = 20000;    // Of the factored amount.
  int32_t advance_ppm = 800000;         // Paid by the factor at the invoice date.
  int32_t pledged_ppm = 0;              // Share of the open balance pledged...
  int32_t pledge_rate_ppm = 60000;      // ...at this rate a year.
  bool operator==(const FinancingLever&) const = default;
};

struct SimPolicy {
  std::string name = "As today";
  DiscountLever discount;
  TermsLever terms;
  HoldLever holds;
  PreventionLever prevention;
  DunningLever dunning;
  RecoveryLever recovery;
  CommissionLever commission;
  FinancingLever financing;
  int32_t margin_ppm = 250000;  // Gross margin on sales: what a lost sale costs. Assumption.
  static SimPolicy defaults() { return {}; }
  bool operator==(const SimPolicy&) const = default;
};

// ---- [SECTION] Parameters by name ------------------------------------------------------------
// Every number of a policy, by a dotted name ("discount.rate", "holds.stop_after_days"), for the
// sweep, the tornado, the CLI's --set and the policy file's places.

enum class ParamUnit : uint8_t { Ppm, Days, Minor, Switch, Choice };

struct SimParam {
  const char* name;        // "discount.rate"
  const char* label;       // "Discount rate"
  ParamUnit unit;
  int64_t min, max;        // Valid range (inclusive; -1 allowed where the lever says "off").
  bool response;           // A response parameter (an assumption the tornado moves).
  const char* source;      // "003: management before delivery prevents 70% of default risk"
  const char* choices = nullptr;  // Choice: "salesperson|customer|team" (the value = position).
};

const std::vector<SimParam>& sim_params();
const SimParam* find_sim_param(std::string_view name);
// Read and write by name; false for an unknown name. Grade take-up: "discount.take_up.A".
bool get_sim_param(const SimPolicy& p, std::string_view name, int64_t* value);
bool set_sim_param(SimPolicy* p, std::string_view name, int64_t value);
// "2%", "30" (days), "12.50" (minor units with minor_digits decimals), "on"/"off", a choice's
// name; "off" for a lever's -1. parse accepts the same forms (and "off" where -1 is allowed).
std::string format_sim_param(const SimParam& param, int64_t value, int minor_digits = 2);
bool parse_sim_param(const SimParam& param, std::string_view text, int64_t* value,
                     std::string* why, int minor_digits = 2);

// Ranges and cross-field rules, with places ("discount.within_days: must be less than
// terms.net_days (30)"). False when a problem was added.
bool validate_sim_policy(const SimPolicy& p, std::vector<Problem>* problems);

// ---- [SECTION] Figures -----------------------------------------------------------------------

// The annual cost of forgoing a discount: rate / (1 - rate) x 365 / (net - within).
// 2/10 net 30: 0.02 / 0.98 x 365 / 20 = 0.3724. nullopt when net <= within or rate >= 100%.
std::optional<double> discount_annual_cost(int32_t rate_ppm, int32_t within_days,
                                           int32_t net_days);

// The plan's tie to collection (points, above) and the cuts it gives.
double commission_tie_points(const CommissionLever& c);

// Take-up of a grade at the lever's rate (ppm, capped at 100%).
int32_t discount_take_up_ppm(const DiscountLever& d, std::string_view grade);

}  // namespace arlab
