// test_date.cpp: civil dates as days since 1970-01-01 (core/date.h).
// Day numbers were taken from Python's datetime (toordinal() - 719163), not from arlab.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "core/date.h"

using namespace arlab;

namespace {

// An independent calendar: the Gregorian leap rule written out, used to walk day by day.
bool leap(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int32_t month_days(int32_t y, int32_t m) {
  static const int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

TEST_SUITE("date") {

TEST_CASE("known day numbers") {
  struct Row { int32_t y, m, d, days; };
  const Row rows[] = {
      {1000, 1, 1, -354285}, {1600, 2, 29, -135081}, {1899, 12, 31, -25568},
      {1900, 3, 1, -25508},  {1969, 12, 31, -1},     {1970, 1, 1, 0},
      {2000, 2, 29, 11016},  {2000, 3, 1, 11017},    {2024, 2, 29, 19782},
      {2025, 1, 1, 20089},   {2025, 6, 30, 20269},   {2100, 3, 1, 47541},
      {9999, 12, 31, 2932896},
  };
  for (const Row& row : rows) {
    CAPTURE(row.y);
    CAPTURE(row.m);
    CAPTURE(row.d);
    CHECK(date_from_ymd(row.y, row.m, row.d).days == row.days);
    YearMonthDay back = ymd_from_date(Date{row.days});
    CHECK(back.year == row.y);
    CHECK(back.month == row.m);
    CHECK(back.day == row.d);
  }
}

TEST_CASE("leap years and month lengths") {
  SUBCASE("leap rule: every 4th year, not centuries, but every 400th") {
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2023, 2) == 28);
    CHECK(days_in_month(1900, 2) == 28);
    CHECK(days_in_month(2100, 2) == 28);
    CHECK(days_in_month(2000, 2) == 29);
    CHECK(days_in_month(1600, 2) == 29);
  }
  SUBCASE("other months") {
    const int32_t expected[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int32_t m = 1; m <= 12; ++m) CHECK(days_in_month(2025, m) == expected[m - 1]);
  }
  SUBCASE("is_valid_ymd") {
    CHECK(is_valid_ymd(2024, 2, 29));
    CHECK_FALSE(is_valid_ymd(2025, 2, 29));
    CHECK_FALSE(is_valid_ymd(2025, 2, 30));
    CHECK_FALSE(is_valid_ymd(2025, 4, 31));
    CHECK_FALSE(is_valid_ymd(2025, 13, 1));
    CHECK_FALSE(is_valid_ymd(2025, 0, 1));
    CHECK_FALSE(is_valid_ymd(2025, 1, 0));
    CHECK(is_valid_ymd(2025, 12, 31));
  }
}

TEST_CASE("every day from 1000-01-01 to 9999-12-31 round-trips") {
  // Walks the independent calendar; day numbers must rise by exactly one each step.
  int32_t y = 1000, m = 1, d = 1;
  int32_t days = -354285;
  int64_t bad = 0;
  while (y <= 9999) {
    Date got = date_from_ymd(y, m, d);
    YearMonthDay back = ymd_from_date(Date{days});
    if (got.days != days || back.year != y || back.month != m || back.day != d) {
      if (bad++ < 5) FAIL_CHECK(y << "-" << m << "-" << d << " gives " << got.days);
    }
    ++days;
    if (++d > month_days(y, m)) {
      d = 1;
      if (++m > 12) { m = 1; ++y; }
    }
  }
  CHECK(bad == 0);
  CHECK(days - 1 == 2932896);  // The walk ended on 9999-12-31.
}

TEST_CASE("parse_date accepts strict ISO dates") {
  struct Row { const char* text; int32_t days; };
  const Row rows[] = {{"1970-01-01", 0},     {"2000-03-01", 11017}, {"2024-02-29", 19782},
                      {"2025-06-30", 20269}, {"1000-01-01", -354285},
                      {"9999-12-31", 2932896}};
  for (const Row& row : rows) {
    CAPTURE(std::string(row.text));
    Date d{-1};
    REQUIRE(parse_date(row.text, &d));
    CHECK(d.days == row.days);
    CHECK(format_date(d) == row.text);
  }
}

TEST_CASE("parse_date rejects impossible dates and other shapes") {
  const char* rows[] = {
      "2025-02-30", "2023-02-29", "1900-02-29", "2025-04-31", "2025-01-32", "2025-13-01",
      "2025-00-10", "2025-01-00", "2025-1-5",   "25-01-05",   "2025/01/05", "20250105",
      "2025-01-05T00:00", " 2025-01-05", "2025-01-05 ", "", "0999-12-31", "10000-01-01",
      "2025-0a-05", "+2025-01-05", "-2025-01-05", "2025-01-5x",
  };
  for (const char* text : rows) {
    CAPTURE(std::string(text));
    Date d{12345};
    CHECK_FALSE(parse_date(text, &d));
  }
}

TEST_CASE("date arithmetic counts days") {
  Date a = date_from_ymd(2025, 1, 5);
  CHECK(format_date(a + 30) == "2025-02-04");  // The spec's example: terms 30.
  CHECK(format_date(a - 5) == "2024-12-31");
  CHECK(date_from_ymd(2025, 3, 1) - date_from_ymd(2025, 2, 1) == 28);
  CHECK(date_from_ymd(2024, 3, 1) - date_from_ymd(2024, 2, 1) == 29);
  CHECK(date_from_ymd(2025, 1, 1) < date_from_ymd(2025, 1, 2));
  CHECK(format_date(Date{-1}) == "1969-12-31");
}

}  // TEST_SUITE
