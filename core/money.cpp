#include "money.h"

#include <cstdlib>

namespace arlab {

int currency_minor_digits(std::string_view code) {
  // ISO 4217 exceptions to the usual two decimals.
  static constexpr std::string_view zero[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                              "KMF", "KRW", "PYG", "RWF", "UGX", "VND",
                                              "VUV", "XAF", "XOF", "XPF"};
  static constexpr std::string_view three[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  for (std::string_view c : zero)
    if (c == code) return 0;
  for (std::string_view c : three)
    if (c == code) return 3;
  return 2;
}

bool parse_amount(std::string_view text, int minor_digits, int64_t* out_minor, std::string* why) {
  constexpr int64_t kMax = 900000000000000000;  // Far below INT64_MAX: sums of many stay exact.
  auto fail = [&](const char* reason) {
    if (why) *why = reason;
    return false;
  };
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    i++;
  }
  if (i >= text.size() || text[i] < '0' || text[i] > '9') return fail("is not a decimal number");
  int64_t units = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; i++) {
    if (units > kMax / 10) return fail("is too large");
    units = units * 10 + (text[i] - '0');
  }
  int fraction_digits = 0;
  int64_t fraction = 0;
  if (i < text.size() && text[i] == '.') {
    i++;
    if (i >= text.size()) return fail("has a decimal point with no digits after it");
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; i++) {
      fraction = fraction * 10 + (text[i] - '0');
      if (++fraction_digits > minor_digits) {
        if (why)
          *why = minor_digits == 0 ? std::string("has decimals, but the currency has no minor unit")
                                   : "has more than " + std::to_string(minor_digits) +
                                         " decimal place" + (minor_digits == 1 ? "" : "s");
        return false;
      }
    }
  }
  if (i != text.size()) return fail("is not a decimal number");
  for (int d = 0; d < minor_digits; d++) {
    if (units > kMax / 10) return fail("is too large");
    units *= 10;
  }
  for (int d = fraction_digits; d < minor_digits; d++) fraction *= 10;
  int64_t minor = units + fraction;
  if (minor > kMax) return fail("is too large");
  *out_minor = negative ? -minor : minor;
  return true;
}

std::string format_amount(int64_t amount_minor, int minor_digits) {
  bool negative = amount_minor < 0;
  uint64_t v =
      negative ? 0 - static_cast<uint64_t>(amount_minor) : static_cast<uint64_t>(amount_minor);
  char buf[48];
  int n = 0;
  for (int d = 0; d < minor_digits; d++) {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  if (minor_digits > 0) buf[n++] = '.';
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  if (negative) buf[n++] = '-';
  std::string out(buf, n);
  return std::string(out.rbegin(), out.rend());
}

std::string format_amount_grouped(int64_t amount_minor, int minor_digits) {
  std::string plain = format_amount(amount_minor, minor_digits);
  size_t start = plain[0] == '-' ? 1 : 0;
  size_t point = minor_digits > 0 ? plain.size() - minor_digits - 1 : plain.size();
  std::string out = plain.substr(0, start);
  for (size_t i = start; i < point; i++) {
    out += plain[i];
    size_t left = point - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  out += plain.substr(point);
  return out;
}

}  // namespace arlab
