#include "date.h"

#include <algorithm>

#include <cstdio>

namespace arlab {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
Date date_from_ymd(int32_t year, int32_t month, int32_t day) {
  int32_t y = year - (month <= 2 ? 1 : 0);
  int32_t era = (y >= 0 ? y : y - 399) / 400;
  int32_t yoe = y - era * 400;
  int32_t mp = (month + 9) % 12;
  int32_t doy = (153 * mp + 2) / 5 + day - 1;
  int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + doe - 719468};
}

YearMonthDay ymd_from_date(Date date) {
  int32_t z = date.days + 719468;
  int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  int32_t doe = z - era * 146097;
  int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int32_t mp = (5 * doy + 2) / 153;
  int32_t day = doy - (153 * mp + 2) / 5 + 1;
  int32_t month = mp < 10 ? mp + 3 : mp - 9;
  int32_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return YearMonthDay{year, month, day};
}

static bool is_leap(int32_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int32_t days_in_month(int32_t year, int32_t month) {
  static constexpr int32_t kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[month - 1];
}

bool is_valid_ymd(int32_t year, int32_t month, int32_t day) {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= days_in_month(year, month);
}

bool parse_date(std::string_view text, Date* out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int32_t parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; p++) {
    for (int k = 0; k < lengths[p]; k++) {
      char c = text[starts[p] + k];
      if (c < '0' || c > '9') return false;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (parts[0] < 1000 || !is_valid_ymd(parts[0], parts[1], parts[2])) return false;
  *out = date_from_ymd(parts[0], parts[1], parts[2]);
  return true;
}

std::string format_date(Date date) {
  YearMonthDay ymd = ymd_from_date(date);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day);
  return buf;
}

Date add_months(Date d, int32_t n) {
  YearMonthDay ymd = ymd_from_date(d);
  int64_t m = int64_t(ymd.year) * 12 + (ymd.month - 1) + n;
  int32_t year = int32_t(m / 12), month = int32_t(m % 12) + 1;
  return date_from_ymd(year, month, std::min(ymd.day, days_in_month(year, month)));
}

}  // namespace arlab
