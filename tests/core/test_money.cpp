// test_money.cpp: parsing and formatting integer minor units (core/money.h).
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "core/money.h"

using namespace arlab;

TEST_SUITE("money") {

TEST_CASE("currency minor digits follow ISO 4217, 2 for unknown codes") {
  struct Row { const char* code; int digits; };
  const Row rows[] = {{"USD", 2}, {"EUR", 2}, {"GBP", 2}, {"JPY", 0}, {"KWD", 3}, {"XYZ", 2}};
  for (const Row& row : rows) {
    CAPTURE(std::string(row.code));
    CHECK(currency_minor_digits(row.code) == row.digits);
  }
}

TEST_CASE("parse_amount accepts plain decimals up to the currency's digits") {
  struct Row { const char* text; int digits; int64_t minor; };
  const Row rows[] = {
      {"1200", 2, 120000},     {"1200.5", 2, 120050},  {"1200.50", 2, 120050},
      {"0.05", 2, 5},          {"0", 2, 0},            {"-3.20", 2, -320},
      {"-0.01", 2, -1},        {"007.10", 2, 710},     {"1200", 0, 1200},
      {"1.234", 3, 1234},      {"1.2", 3, 1200},       {"50000.00", 2, 5000000},
      {"9000000000000000.00", 2, 900000000000000000},  // The largest accepted amount.
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.text));
    CAPTURE(row.digits);
    int64_t minor = -777;
    std::string why;
    REQUIRE(parse_amount(row.text, row.digits, &minor, &why));
    CHECK(minor == row.minor);
  }
}

TEST_CASE("parse_amount rejects other text and says why") {
  struct Row { const char* text; int digits; };
  const Row rows[] = {
      {"1200.505", 2},  // Too many decimal places for USD.
      {"1200.5", 0},    // JPY has none.
      {"1.2345", 3},    // KWD has three.
      {"", 2},          {"-", 2},         {"abc", 2},       {"12a", 2},
      {"1,200.00", 2},  {"1e3", 2},       {"+5", 2},        {" 12", 2},
      {"12 ", 2},       {"1.2.3", 2},     {"--1", 2},       {"0x10", 2},
      {"99999999999999999999", 2},        // Beyond int64 even before scaling.
      {"92233720368547758.08", 2},        // One past INT64_MAX minor units.
      {"9223372036854775807", 2},         // Fits int64, but not after * 100.
      {"9000000000000000.01", 2},         // Above the 9e17 minor-unit limit: sums of up to
      {"900000000000000001", 0},          // ten such amounts stay exact in int64.
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.text));
    CAPTURE(row.digits);
    int64_t minor = -777;
    std::string why;
    CHECK_FALSE(parse_amount(row.text, row.digits, &minor, &why));
    CHECK_FALSE(why.empty());
  }
}

TEST_CASE("parse_amount names the decimal-place limit") {
  int64_t minor = 0;
  std::string why;
  REQUIRE_FALSE(parse_amount("1200.505", 2, &minor, &why));
  CHECK(why.find("decimal") != std::string::npos);  // "has more than 2 decimal places"
  CHECK(why.find('2') != std::string::npos);
}

TEST_CASE("format_amount writes exactly the currency's digits") {
  struct Row { int64_t minor; int digits; const char* text; };
  const Row rows[] = {
      {120050, 2, "1200.50"},   {-5, 2, "-0.05"},          {0, 2, "0.00"},
      {1, 2, "0.01"},           {-120050, 2, "-1200.50"},  {100, 2, "1.00"},
      {1200, 0, "1200"},        {-7, 0, "-7"},             {0, 0, "0"},
      {1234, 3, "1.234"},       {-5, 3, "-0.005"},
      {std::numeric_limits<int64_t>::max(), 2, "92233720368547758.07"},
      {std::numeric_limits<int64_t>::min(), 2, "-92233720368547758.08"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.minor);
    CHECK(format_amount(row.minor, row.digits) == row.text);
  }
}

TEST_CASE("format_amount_grouped adds thousands separators to the integer part") {
  struct Row { int64_t minor; int digits; const char* text; };
  const Row rows[] = {
      {120050, 2, "1,200.50"},         {99999, 2, "999.99"},
      {100000, 2, "1,000.00"},         {123456789, 2, "1,234,567.89"},
      {-100000000, 2, "-1,000,000.00"}, {0, 2, "0.00"},
      {100000, 0, "100,000"},          {-12345, 0, "-12,345"},
      {1234567, 3, "1,234.567"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.minor);
    CHECK(format_amount_grouped(row.minor, row.digits) == row.text);
  }
}

TEST_CASE("format then parse gives the same minor units") {
  for (int digits : {0, 2, 3}) {
    for (int64_t v = -100000; v <= 100000; v += 997) {
      int64_t back = 0;
      std::string why;
      std::string text = format_amount(v, digits);
      CAPTURE(std::string(text));
      REQUIRE(parse_amount(text, digits, &back, &why));
      CHECK(back == v);
    }
  }
}

}  // TEST_SUITE
