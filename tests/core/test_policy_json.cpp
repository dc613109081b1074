// test_policy_json.cpp: simulator policies and requests as JSON (io/policy_json.h), suite
// "policy_json": a file read member by member and checked by hand, its canonical text, round
// trips, the template, and one exact located message per kind of mistake.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/policy_sim.h"
#include "io/commission_plan.h"
#include "io/policy_json.h"

using namespace arlab;

namespace {

// The first problem as the CLI prints it after the file name: "place: message".
std::string first_problem(std::string_view text, int digits = 2) {
  SimPolicy p;
  std::vector<Problem> problems;
  if (read_sim_policy(text, digits, &p, &problems)) return "(read)";
  REQUIRE(!problems.empty());
  const Problem& f = problems.front();
  return f.place.empty() ? f.message : f.place + ": " + f.message;
}

std::string request_problem(std::string_view text) {
  SimRequest r;
  std::vector<Problem> problems;
  if (read_sim_request(text, 2, &r, &problems)) return "(read)";
  REQUIRE(!problems.empty());
  return problems.front().place + ": " + problems.front().message;
}

// A policy with one member set, as a file: {"format": ..., "name": "P", MEMBERS}.
std::string policy_with(const std::string& members) {
  return R"({"format": "arlab-policy/1", "name": "P", )" + members + "}";
}

// Every lever, by hand: the members of the header's example and more.
const char* const kEverything = R"({
  "format": "arlab-policy/1",
  "name": "2/10 net 30, vetted",
  "discount": {"rate": "2%", "within_days": 10, "take_up": {"A": "60%", "E": "0.1"}},
  "terms": {"net_days": 30},
  "holds": {"stop_after_days": 10, "limit": "100%"},
  "prevention": {"on": true, "cost_per_customer": "120.50"},
  "dunning": {"reminder_before_due": true, "first_letter_days": "off"},
  "commission": {"on": true, "basis": "collected", "rate": "3%", "gate_scope": "customer",
                 "collection_rate_min": "80%"},
  "financing": {"factored": "0.25"},
  "margin": "30%"
})";

}  // namespace

TEST_SUITE("policy_json") {

TEST_CASE("a policy file: every member lands in its lever") {
  SimPolicy p;
  std::vector<Problem> problems;
  bool ok = read_sim_policy(kEverything, 2, &p, &problems);
  for (const Problem& pr : problems) MESSAGE(pr.place << ": " << pr.message);
  REQUIRE(ok);
  CHECK(p.name == "2/10 net 30, vetted");
  CHECK(p.discount.rate_ppm == 20000);
  CHECK(p.discount.within_days == 10);
  // A, B, C, D as the defaults with A changed; E (not listed) after them, "0.1" = 10%.
  REQUIRE(p.discount.take_up.size() == 5);
  CHECK(p.discount.take_up[0] == GradeShare{"A", 600000});
  CHECK(p.discount.take_up[1] == GradeShare{"B", 350000});
  CHECK(p.discount.take_up[4] == GradeShare{"E", 100000});
  CHECK(p.terms.net_days == 30);
  CHECK(p.terms.follow_ppm == 500000);  // Left out: the default.
  CHECK(p.holds.stop_after_days == 10);
  CHECK(p.holds.limit_ppm == 1000000);
  CHECK(p.prevention.on);
  CHECK(p.prevention.cost_per_customer_minor == 12050);
  CHECK(p.dunning.reminder_before_due);
  CHECK(p.dunning.first_letter_days == -1);
  CHECK(p.commission.on);
  CHECK(p.commission.plan.basis == CommissionBasis::Collected);
  CHECK(p.commission.plan.rate_ppm == 30000);
  CHECK(p.commission.gate_scope == GateScope::Customer);
  CHECK(p.commission.plan.gates.collection_rate_min_ppm == 800000);
  CHECK(p.financing.factored_ppm == 250000);
  CHECK(p.margin_ppm == 300000);
}

TEST_CASE("the writer is canonical: defaults left out, fixed order, and it round-trips") {
  SimPolicy p;
  std::vector<Problem> problems;
  REQUIRE(read_sim_policy(kEverything, 2, &p, &problems));
  const std::string written = write_sim_policy(p, 2);
  // first_letter_days "off" is the default, and commission.basis "collected" too: left out.
  CHECK(written ==
        "{\n"
        "  \"format\": \"arlab-policy/1\",\n"
        "  \"name\": \"2/10 net 30, vetted\",\n"
        "  \"discount\": {\"rate\": \"2%\", \"take_up\": {\"A\": \"60%\", \"E\": \"10%\"}},\n"
        "  \"terms\": {\"net_days\": 30},\n"
        "  \"holds\": {\"stop_after_days\": 10, \"limit\": \"100%\"},\n"
        "  \"prevention\": {\"on\": true, \"cost_per_customer\": \"120.50\"},\n"
        "  \"dunning\": {\"reminder_before_due\": true},\n"
        "  \"commission\": {\"on\": true, \"rate\": \"3%\", \"collection_rate_min\": \"80%\", "
        "\"gate_scope\": \"customer\"},\n"
        "  \"financing\": {\"factored\": \"25%\"},\n"
        "  \"margin\": \"30%\"\n"
        "}\n");
  SimPolicy again;
  REQUIRE(read_sim_policy(written, 2, &again, &problems));
  CHECK(write_sim_policy(again, 2) == written);
  CHECK(again.discount.take_up == p.discount.take_up);
  CHECK(again.commission.plan.rate_ppm == 30000);
  // The defaults write only the format and name; they read back to the defaults.
  SimPolicy d = SimPolicy::defaults();
  CHECK(write_sim_policy(d, 2) ==
        "{\n  \"format\": \"arlab-policy/1\",\n  \"name\": \"As today\"\n}\n");
}

TEST_CASE("a plan the parameters cannot say is written whole, and read first") {
  // Tiers: no parameter holds them, so the plan member is written; the gate given beside it
  // changes that plan (read after it whatever the order in the file: "collection_rate_min"
  // comes before "plan" in nlohmann's sorted object).
  const std::string text = policy_with(R"("commission": {"collection_rate_min": "80%", "on": true,
      "plan": {"name": "Tiered", "basis": "collected",
               "tiers": [{"from": "0", "rate": "2%"}, {"from": "5000.00", "rate": "3%"}]}})");
  SimPolicy p;
  std::vector<Problem> problems;
  bool ok = read_sim_policy(text, 2, &p, &problems);
  for (const Problem& pr : problems) MESSAGE(pr.place << ": " << pr.message);
  REQUIRE(ok);
  CHECK(p.commission.plan.name == "Tiered");
  CHECK(p.commission.plan.gates.collection_rate_min_ppm == 800000);
  REQUIRE(p.commission.plan.tiers.size() == 2);
  CHECK(p.commission.plan.tiers[1].from_minor == 500000);
  const std::string written = write_sim_policy(p, 2);
  CHECK(written.find("\"plan\": {\n      \"format\": \"arlab-commission-plan/1\",\n"
                     "      \"name\": \"Tiered\",") != std::string::npos);
  // In the plan's gates, once: not again as commission.collection_rate_min.
  CHECK(written.find("\"gates\": {\"collection_rate_min\": \"80%\"}") != std::string::npos);
  CHECK(written.find("\"collection_rate_min\"") == written.rfind("\"collection_rate_min\""));
  // A rate beside tiers is the plan's own rule: one or the other.
  CHECK(first_problem(policy_with(R"("commission": {"on": true, "rate": "4%", "plan":
      {"name": "T", "basis": "collected", "tiers": [{"from": "0", "rate": "2%"}]}})")) ==
        "commission.plan.tiers: give rate or tiers, not both");
  SimPolicy again;
  REQUIRE(read_sim_policy(written, 2, &again, &problems));
  CHECK(write_sim_policy(again, 2) == written);
  CHECK(write_commission_plan(again.commission.plan, 2) ==
        write_commission_plan(p.commission.plan, 2));
  // A plan without a name keeps none (the engine uses the policy's) and writes none.
  const std::string unnamed = policy_with(R"("commission": {"on": true,
      "plan": {"basis": "invoiced", "rate": "1%", "payout_lag_periods": 2}})");
  REQUIRE(read_sim_policy(unnamed, 2, &p, &problems));
  CHECK(p.commission.plan.name.empty());
  CHECK(p.commission.plan.payout_lag_periods == 2);
  const std::string w2 = write_sim_policy(p, 2);
  CHECK(w2.find("\"name\": \"\"") == std::string::npos);
  REQUIRE(read_sim_policy(w2, 2, &again, &problems));
  CHECK(again.commission.plan.name.empty());
  CHECK(write_sim_policy(again, 2) == w2);
}

TEST_CASE("the template writes every member, and reads back to the same policy") {
  SimPolicy p = SimPolicy::defaults();
  p.name = "Mine";
  p.dunning.first_letter_days = 14;
  // A grade with quotes, a backslash, a comma and a brace stays one member of take_up.
  SimPolicy odd = p;
  odd.discount.take_up.push_back({"Q\"\\,{", 100000});
  std::vector<Problem> odd_problems;
  SimPolicy odd_again;
  REQUIRE(read_sim_policy(write_sim_policy_template(odd, 2), 2, &odd_again, &odd_problems));
  CHECK(odd_again.discount.take_up == odd.discount.take_up);
  const std::string t = write_sim_policy_template(p, 2);
  // Every parameter of the table whose default the file can hold, by its last name part.
  for (const SimParam& param : sim_params()) {
    std::string name = param.name;
    std::string last = name.substr(name.rfind('.') + 1);
    int64_t v = 0;
    REQUIRE(get_sim_param(p, name, &v));
    if (v < param.min) continue;
    CHECK_MESSAGE(t.find("\"" + last + "\": ") != std::string::npos, name);
  }
  CHECK(t.find("\"net_days\": \"off\"") != std::string::npos);
  CHECK(t.find("\"first_letter_days\": 14") != std::string::npos);
  CHECK(t.find("\"gate_scope\": \"salesperson\"") != std::string::npos);
  CHECK(t.find("\"cost_per_customer\": \"0.00\"") != std::string::npos);
  SimPolicy again;
  std::vector<Problem> problems;
  bool ok = read_sim_policy(t, 2, &again, &problems);
  for (const Problem& pr : problems) MESSAGE(pr.place << ": " << pr.message);
  REQUIRE(ok);
  CHECK(write_sim_policy(again, 2) == write_sim_policy(p, 2));
  CHECK(write_sim_policy(again, 2) ==
        "{\n  \"format\": \"arlab-policy/1\",\n  \"name\": \"Mine\",\n"
        "  \"dunning\": {\"first_letter_days\": 14}\n}\n");
}

TEST_CASE("amounts follow the book's minor digits") {
  SimPolicy p;
  std::vector<Problem> problems;
  REQUIRE(read_sim_policy(policy_with(R"("prevention": {"cost_per_customer": "1500"})"), 0, &p,
                          &problems));
  CHECK(p.prevention.cost_per_customer_minor == 1500);
  CHECK(write_sim_policy(p, 0).find("\"cost_per_customer\": \"1500\"") != std::string::npos);
  REQUIRE(read_sim_policy(policy_with(R"("prevention": {"cost_per_customer": "1.500"})"), 3, &p,
                          &problems));
  CHECK(p.prevention.cost_per_customer_minor == 1500);
  CHECK(first_problem(policy_with(R"("prevention": {"cost_per_customer": "1.50"})"), 0) ==
        "prevention.cost_per_customer: \"1.50\" is not an amount: has decimals, but the currency "
        "has no minor unit");
}

TEST_CASE("one located message per kind of mistake") {
  struct Case {
    std::string json, problem;
  };
  const std::vector<Case> cases = {
      // Syntax: line and column, as every reader of arlab.
      {"{\"format\": \"arlab-policy/1\"\n \"name\": \"x\"}",
       "line 2, column 7: syntax error while parsing object - unexpected string literal; "
       "expected '}' (byte 35)"},
      {"[1, 2]", "not a JSON object (a policy is {\"format\": \"arlab-policy/1\", \"name\": "
                 "...}: see docs/SIMULATION.md)"},
      // The file itself.
      {R"({"name": "x"})", "format: is required: \"arlab-policy/1\""},
      {R"({"format": "arlab-policy/2", "name": "x"})",
       "format: must be \"arlab-policy/1\", not \"arlab-policy/2\""},
      {R"({"format": "arlab-commission-plan/1", "name": "x", "rate": "5%"})",
       "format: this is a commission plan (\"arlab-commission-plan/1\"), not a policy "
       "(\"arlab-policy/1\"): a policy holds a plan in its member commission.plan"},
      {R"({"format": "arlab-policy/1"})",
       "name: is required (the name the report shows for the policy)"},
      {R"({"format": "arlab-policy/1", "name": ""})", "name: must be a non-empty string, not \"\""},
      // Members.
      {policy_with(R"("discout": {})"),
       "discout: unknown member (known here: format, name, discount, terms, holds, prevention, "
       "dunning, recovery, commission, financing, margin)"},
      {policy_with(R"("discount": {"rat": "2%"})"),
       "discount.rat: unknown member (known here: rate, within_days, take_up, take_up_other, "
       "reference_rate)"},
      {policy_with(R"("discount": {"rate": "2%", "rate": "3%"})"),
       "discount.rate: is given twice (one value per member)"},
      {policy_with(R"("terms": 30)"),
       "terms: must be an object (its members: net_days, follow), not 30"},
      {policy_with(R"("discount": {"take_up": {"A-GRADE-LONGER-THAN-16": "5%"}})"),
       "discount.take_up.A-GRADE-LONGER-THAN-16: must be a customer grade of 1 to 16 characters"},
      // Values, one per unit.
      {policy_with(R"("discount": {"rate": 0.02})"),
       "discount.rate: must be a string such as \"5%\" or \"0.05\" (a JSON number is not exact), "
       "not 0.02"},
      {policy_with(R"("discount": {"rate": "60%"})"), "discount.rate: \"60%\" is more than 50%"},
      {policy_with(R"("discount": {"rate": "2"})"),
       "discount.rate: \"2\" is not a percentage: write \"2%\" (or a fraction with a decimal "
       "point, such as \"0.8\" for 80%)"},
      {policy_with(R"("terms": {"net_days": "30"})"),
       "terms.net_days: must be a whole number of days such as 30, or \"off\", not \"30\""},
      {policy_with(R"("terms": {"net_days": 400})"),
       "terms.net_days: must be a whole number of days from 0 to 365, or \"off\", not 400"},
      {policy_with(R"("discount": {"within_days": -1})"),
       "discount.within_days: must be a whole number of days from 0 to 365, not -1"},
      {policy_with(R"("terms": {"net_days": 30.5})"),
       "terms.net_days: must be a whole number of days from 0 to 365, or \"off\", not 30.5"},
      {policy_with(R"("prevention": {"on": "yes"})"),
       "prevention.on: must be true or false, not \"yes\""},
      {policy_with(R"("commission": {"gate_scope": "region"})"),
       "commission.gate_scope: \"region\" is not one of salesperson,customer,team"},
      {policy_with(R"("prevention": {"cost_per_customer": 120})"),
       "prevention.cost_per_customer: must be a string such as \"1000.00\" (a JSON number is not "
       "exact), not 120"},
      // The plan's own reader, under commission.plan.
      {policy_with(R"("commission": {"on": true, "plan": {"basis": "collected", "rate": 5}})"),
       "commission.plan.rate: must be a string such as \"5%\" or \"0.05\" (a JSON number is not "
       "exact)"},
      {policy_with(R"("commission": {"plan": "cash.json"})"),
       "commission.plan: must be an object: a commission plan {\"basis\": \"collected\", "
       "\"rate\": \"3%\", ...} (docs/COMMISSION.md), not \"cash.json\""},
      // Core's rules across members, once every member was read.
      {policy_with(R"("discount": {"rate": "2%", "within_days": 30}, "terms": {"net_days": 30})"),
       "discount.within_days: must be less than terms.net_days (30)"},
      {policy_with(R"("commission": {"on": true})"),
       "commission.rate: a commission plan needs a rate (or tiers)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.json);
    CHECK(first_problem(c.json) == c.problem);
  }
}

TEST_CASE("hostile policies: nesting, long keys and many mistakes stay bounded") {
  std::string deep = policy_with("\"discount\": ");
  deep.pop_back();
  for (int i = 0; i < 100; ++i) deep += "[";
  CHECK(first_problem(deep) == "line 1, column 118: nesting deeper than 64 levels (byte 118)");
  // A key of 1000 bytes is shown cut, with its length.
  std::string key(1000, 'k');
  CHECK(first_problem(policy_with("\"" + key + "\": 1")) ==
        "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk... (1000 bytes): unknown member (known here: "
        "format, name, discount, terms, holds, prevention, dunning, recovery, commission, "
        "financing, margin)");
  // 500 unknown members: at most 100 problems.
  std::string many = R"({"format": "arlab-policy/1", "name": "P")";
  for (int i = 0; i < 500; ++i) many += ", \"m" + std::to_string(i) + "\": 1";
  SimPolicy p;
  std::vector<Problem> problems;
  CHECK_FALSE(read_sim_policy(many + "}", 2, &p, &problems));
  CHECK(problems.size() == kProblemsMax);
}

TEST_CASE("a request: every member, policies placed by index, and a round trip") {
  const std::string text = R"({"format": "arlab-sim-request/1", "from": "2025-07-01",
    "horizon": 6, "runs": 200, "seed": 18446744073709551615,
    "fit": {"min_history": 4, "never_days": 200, "month_shocks": false, "trend": false, "pay_days": false}, "replay": true,
    "policies": [{"name": "As today"},
                 {"name": "2/10", "discount": {"rate": "2%"}, "terms": {"net_days": 30}}]})";
  SimRequest r;
  std::vector<Problem> problems;
  bool ok = read_sim_request(text, 2, &r, &problems);
  for (const Problem& pr : problems) MESSAGE(pr.place << ": " << pr.message);
  REQUIRE(ok);
  REQUIRE(r.from.has_value());
  CHECK(format_date(*r.from) == "2025-07-01");
  CHECK(r.horizon_months == 6);
  CHECK(r.runs == 200);
  CHECK(r.seed == 18446744073709551615ull);
  CHECK(r.fit.min_history == 4);
  CHECK(r.fit.never_days == 200);
  CHECK_FALSE(r.fit.month_shocks);
  CHECK_FALSE(r.fit.trend);
  CHECK_FALSE(r.fit.business_days);
  CHECK(r.replay);
  REQUIRE(r.policies.size() == 2);
  CHECK(r.policies[1].discount.rate_ppm == 20000);
  CHECK(r.policies[1].terms.net_days == 30);
  const std::string written = write_sim_request(r, 2);
  CHECK(written ==
        "{\n"
        "  \"format\": \"arlab-sim-request/1\",\n"
        "  \"from\": \"2025-07-01\",\n"
        "  \"horizon\": 6,\n"
        "  \"runs\": 200,\n"
        "  \"seed\": 18446744073709551615,\n"
        "  \"fit\": {\"min_history\": 4, \"never_days\": 200, \"month_shocks\": false, \"trend\": false, \"pay_days\": false},\n"
        "  \"replay\": true,\n"
        "  \"policies\": [\n"
        "    {\"name\": \"As today\"\n"
        "    },\n"
        "    {\"name\": \"2/10\",\n"
        "      \"discount\": {\"rate\": \"2%\"},\n"
        "      \"terms\": {\"net_days\": 30}\n"
        "    }\n"
        "  ]\n"
        "}\n");
  SimRequest again;
  REQUIRE(read_sim_request(written, 2, &again, &problems));
  CHECK(write_sim_request(again, 2) == written);
  // No from: the day after the book's last (null).
  SimRequest d;
  d.policies = {SimPolicy::defaults()};
  const std::string wd = write_sim_request(d, 2);
  CHECK(wd.find("\"from\": null") != std::string::npos);
  REQUIRE(read_sim_request(wd, 2, &again, &problems));
  CHECK_FALSE(again.from.has_value());
  CHECK(again.runs == 1000);
}

TEST_CASE("request mistakes, placed") {
  const std::string head = R"({"format": "arlab-sim-request/1", )";
  CHECK(request_problem(R"({"policies": [{"name": "x"}]})") ==
        "format: must be \"arlab-sim-request/1\"");
  CHECK(request_problem(head + R"("horizon": 0, "policies": [{"name": "x"}]})") ==
        "horizon: must be a whole number of months from 1 to 36, not 0");
  CHECK(request_problem(head + R"("runs": 100001, "policies": [{"name": "x"}]})") ==
        "runs: must be a whole number of runs from 1 to 100000, not 100001");
  CHECK(request_problem(head + R"("from": "2025-02-30", "policies": [{"name": "x"}]})") ==
        "from: must be a date YYYY-MM-DD (or null: the day after the book's last), not "
        "\"2025-02-30\"");
  CHECK(request_problem(head + R"("seed": -1, "policies": [{"name": "x"}]})") ==
        "seed: must be a whole number from 0 to 18446744073709551615, not -1");
  CHECK(request_problem(head + R"("fit": {"min_history": 0}, "policies": [{"name": "x"}]})") ==
        "fit.min_history: must be a whole number of invoices from 1 to 100000, not 0");
  CHECK(request_problem(head + R"("fit": {"shocks": true}, "policies": [{"name": "x"}]})") ==
        "fit.shocks: unknown member (known here: min_history, never_days, month_shocks, trend, pay_days)");
  CHECK(request_problem(head + R"("policies": []})") ==
        "policies: must be a list of 1 to 16 policies, not 0 of them");
  CHECK(request_problem(head + "\"horizon\": 12}") ==
        "policies: is required: a list of 1 to 16 policies, the first the baseline");
  CHECK(request_problem(head + R"("policies": [{"name": "x"}, 3]})") ==
        "policies[1]: must be a policy object {\"name\": ..., ...}, not 3");
  // A policy's own places under its index; the format member is optional there.
  CHECK(request_problem(head +
                        R"("policies": [{"name": "x"}, {"name": "y", "discount": {"rate": 2}}]})") ==
        "policies[1].discount.rate: must be a string such as \"5%\" or \"0.05\" (a JSON number "
        "is not exact), not 2");
  CHECK(request_problem(head + R"("policies": [{"name": "x", "discount": {"rate": "2%",
        "within_days": 30}, "terms": {"net_days": 30}}]})") ==
        "policies[0].discount.within_days: must be less than terms.net_days (30)");
}

}  // TEST_SUITE
