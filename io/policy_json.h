// policy_json.h: simulator policies as JSON ("arlab-policy/1", docs/SIMULATION.md "Policy
// files"), and the simulator's request as JSON (what the browser's worker is sent).
//
// A policy file holds one policy: its name and the levers it changes; every lever member is
// optional, and what is left out keeps its default (core/policy.h SimPolicy::defaults()):
//   {"format": "arlab-policy/1", "name": "2/10 net 30",
//    "discount": {"rate": "2%", "within_days": 10, "take_up": {"A": "50%", "D": "5%"}},
//    "terms": {"net_days": 30},
//    "commission": {"plan": { ...an arlab-commission-plan/1 body... }, "gate_scope": "customer"}}
// Percentages as "2%" strings (or fractions "0.02"), days as integers, amounts as decimal
// strings with the book's minor digits, switches as true/false. The reader is strict like the
// commission plan's (io/commission_plan.h): an unknown member, a member twice, a value of the
// wrong type or out of range is an error with its place ("discount.rate: ..." , "line 4,
// column 9" for syntax); then core's validate_sim_policy runs, with the same places.
// The writer is canonical (fixed member order, defaults left out) and round-trips.
//
// Usage:
//   arlab::SimPolicy p;
//   std::vector<arlab::Problem> problems;
//   if (!arlab::read_sim_policy(text, book.minor_digits, &p, &problems))
//     std::cerr << arlab::format_problems("policy.json", problems);
//   std::string json = arlab::write_sim_policy(p, book.minor_digits);
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"
#include "core/policy_sim.h"

namespace arlab {

bool read_sim_policy(std::string_view text, int minor_digits, SimPolicy* out,
                     std::vector<Problem>* problems);
std::string write_sim_policy(const SimPolicy& policy, int minor_digits);
// Every member written, defaults included: a file to start from (`arlab simulate BOOK
// --policy-template`). Reads back to the same policy.
std::string write_sim_policy_template(const SimPolicy& policy, int minor_digits);

// The whole request (from, horizon, runs, seed, fit options, replay, policies), for the
// browser's worker and for saving a comparison: {"format": "arlab-sim-request/1", ...}.
bool read_sim_request(std::string_view text, int minor_digits, SimRequest* out,
                      std::vector<Problem>* problems);
std::string write_sim_request(const SimRequest& request, int minor_digits);

}  // namespace arlab
