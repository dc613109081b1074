// ibm_ar_map.h: the CSV mapping of the IBM "Accounts Receivable" sample (assets/ibm-ar.map.json,
// docs/IMPORT.md), embedded at build time: a preset of the app's Import CSV tab.
//
// Usage:
//   arlab::CsvMap map;
//   arlab::parse_csv_map(arlab::ibm_ar_map_json(), &map, &problems);
#pragma once
#include <string_view>

namespace arlab {

std::string_view ibm_ar_map_json();  // The bytes of assets/ibm-ar.map.json, not 0-terminated.

}  // namespace arlab
