// money.h: amounts as integer minor units (cents for USD), never floating point.
//
// Usage:
//   int64_t amount_minor;
//   std::string why;
//   if (!arlab::parse_amount("1200.50", 2, &amount_minor, &why)) ...  // 120050
//   arlab::format_amount(120050, 2) == "1200.50"; format_amount(-5, 2) == "-0.05"
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace arlab {

// Minor digits of an ISO 4217 currency code (USD 2, JPY 0, KWD 3); 2 for unknown codes.
int currency_minor_digits(std::string_view code);

// Parses a plain decimal ("1200", "1200.5", "1200.50", "-3.20"): optional '-', digits,
// optional '.' and at most `minor_digits` digits. No exponent, no thousands separators.
// At most 900,000,000,000,000,000 minor units. On failure returns false and says why in
// *why (e.g. "has more than 2 decimal places", "is too large").
bool parse_amount(std::string_view text, int minor_digits, int64_t* out_minor, std::string* why);

// "1200.50", "-0.05", "0.00"; with minor_digits 0: "1200".
std::string format_amount(int64_t amount_minor, int minor_digits);

// Amount with thousands separators for display: "1,200.50".
std::string format_amount_grouped(int64_t amount_minor, int minor_digits);

}  // namespace arlab
