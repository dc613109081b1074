// date.h: civil (proleptic Gregorian) dates as a day count since 1970-01-01.
//
// Usage:
//   arlab::Date d;
//   if (!arlab::parse_date("2025-02-04", &d)) ...
//   d.days + 30;  format_date(d) == "2025-02-04";  days_between(a, b) == b.days - a.days
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace arlab {

struct Date {
  int32_t days = 0;  // Days since 1970-01-01 (negative before).
  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr Date operator+(Date d, int32_t n) { return Date{d.days + n}; }
  friend constexpr Date operator-(Date d, int32_t n) { return Date{d.days - n}; }
  friend constexpr int32_t operator-(Date a, Date b) { return a.days - b.days; }
};

struct YearMonthDay {
  int32_t year;
  int32_t month;
  int32_t day;
};  // month 1-12, day 1-31

Date date_from_ymd(int32_t year, int32_t month, int32_t day);  // No range check.
YearMonthDay ymd_from_date(Date d);
bool is_valid_ymd(int32_t year, int32_t month, int32_t day);
int32_t days_in_month(int32_t year, int32_t month);

// The dates arlab reads and writes: 1000-01-01 .. 9999-12-31 (day numbers from Python's
// datetime). A derived date (a due date from terms) must stay inside too.
constexpr Date kDateMin{-354285};
constexpr Date kDateMax{2932896};

// Strict ISO 8601 calendar date "YYYY-MM-DD" (years 1000-9999), rejecting 2025-02-30.
bool parse_date(std::string_view text, Date* out);
std::string format_date(Date d);  // "YYYY-MM-DD"
// d + n calendar months, the day clamped to the month's length (2025-01-31 + 1 = 2025-02-28).
Date add_months(Date d, int32_t months);

// 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday).
constexpr int weekday(Date d) { return ((d.days % 7) + 7 + 3) % 7; }
// d, or the Monday after it when it falls on a weekend.
constexpr Date business_day(Date d) {
  const int w = weekday(d);
  return w >= 5 ? d + (7 - w) : d;
}

}  // namespace arlab
