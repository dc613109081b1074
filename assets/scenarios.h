// scenarios.h: the built-in training scenarios of assets/scenarios/ (docs/TRAINING.md),
// embedded at build time, from easy to hard: what the app's Training tab will offer, and what
// the tests play (by the book against passive).
//
// Usage:
//   for (const arlab::EmbeddedScenario& e : arlab::kEmbeddedScenarios)
//     arlab::read_scenario(e.json(), &scenario, &problems);   // io/scenario_json.h
#pragma once
#include <string_view>

namespace arlab {

// The bytes of assets/scenarios/<nn>-<name>.json, not 0-terminated.
std::string_view scenario_forgetful_customer_json();
std::string_view scenario_disputed_delivery_json();
std::string_view scenario_short_of_cash_json();
std::string_view scenario_the_chain_json();
std::string_view scenario_the_one_who_wont_json();
std::string_view scenario_big_customer_json();

struct EmbeddedScenario {
  const char* file_name;  // "01-forgetful-customer.json"
  std::string_view (*json)();
};

inline constexpr EmbeddedScenario kEmbeddedScenarios[] = {
    {"01-forgetful-customer.json", scenario_forgetful_customer_json},
    {"02-disputed-delivery.json", scenario_disputed_delivery_json},
    {"03-short-of-cash.json", scenario_short_of_cash_json},
    {"04-the-chain.json", scenario_the_chain_json},
    {"05-the-one-who-wont.json", scenario_the_one_who_wont_json},
    {"06-big-customer.json", scenario_big_customer_json},
};

}  // namespace arlab
