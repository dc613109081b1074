// test_budget.cpp: the receivables budget (core/budget.h): the targets' text form, exact
// comparisons, and the months of a period against the targets, worked by hand.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "book_builder.h"
#include "core/budget.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

// The documents of tests/cli/books/basic.json (hand computation in tests/cli/cmd-aging.test):
// C1 (30 d): INV-1 01-10 1000.00 (due 02-09), INV-2 04-01 500.00 (due 05-01 given), INV-3
// 06-15 250.00 (due 07-15); C2 (60 d): INV-4 04-30 800.00 (due 06-29), INV-5 05-01 200.00
// (due 06-30 given); C3 (30 d): INV-7 05-20 300.00 (due 06-19). P-1 C1 03-01 600.00 (400.00
// to INV-1 as written, 200.00 to it automatically), P-2 C3 06-20 350.00 (300.00 to INV-7,
// 50.00 unapplied), CN-1 C2 06-10 50.00 to INV-5, W-1 INV-1 06-01 100.00.
BookBuilder basic_book() {
  BookBuilder b;
  Index c1 = b.customer("C1", 30), c2 = b.customer("C2", 60), c3 = b.customer("C3", 30);
  Index inv1 = b.invoice("INV-1", c1, D("2025-01-10"), 100000);
  b.invoice("INV-2", c1, D("2025-04-01"), 50000, D("2025-05-01"));
  b.invoice("INV-3", c1, D("2025-06-15"), 25000);
  b.invoice("INV-4", c2, D("2025-04-30"), 80000);
  Index inv5 = b.invoice("INV-5", c2, D("2025-05-01"), 20000, D("2025-06-30"));
  b.invoice("INV-7", c3, D("2025-05-20"), 30000);
  b.payment("P-1", c1, D("2025-03-01"), 60000, {{inv1, 40000}});
  b.payment("P-2", c3, D("2025-06-20"), 35000);
  b.credit_note("CN-1", c2, D("2025-06-10"), 5000, {{inv5, 5000}});
  b.write_off("W-1", inv1, D("2025-06-01"), 10000);
  return b;
}

}  // namespace

TEST_SUITE("budget") {

TEST_CASE("DSO targets: days with at most 2 decimals, 0 to 3650") {
  struct Row { const char* text; int32_t centidays; };
  for (Row row : {Row{"45", 4500}, Row{"45.5", 4550}, Row{"45.25", 4525}, Row{"0", 0},
                  Row{"3650", 365000}, Row{"007", 700}}) {
    CAPTURE(row.text);
    int32_t got = -7;
    std::string why;
    CHECK(parse_dso_target(row.text, &got, &why));
    CHECK(got == row.centidays);
  }
  struct Bad { const char* text; const char* why; };
  for (Bad bad : {Bad{"45.255", "has more than 2 decimal places"},
                  Bad{"-1", "must not be negative"}, Bad{"3650.01", "is more than 3650 days"},
                  Bad{"abc", "is not a decimal number: expected days such as \"45\" or \"45.5\""},
                  Bad{"", "is not a decimal number: expected days such as \"45\" or \"45.5\""},
                  Bad{"4.5e1", "is not a decimal number: expected days such as \"45\" or \"45.5\""},
                  Bad{"45 days", "is not a decimal number: expected days such as \"45\" or "
                                 "\"45.5\""}}) {
    CAPTURE(bad.text);
    int32_t got = -7;
    std::string why;
    CHECK_FALSE(parse_dso_target(bad.text, &got, &why));
    CHECK(why == bad.why);
    CHECK(got == -7);
  }
}

TEST_CASE("overdue ratio targets: a percentage or a fraction, 0 to 100%") {
  struct Row { const char* text; int32_t bp; };
  for (Row row : {Row{"15%", 1500}, Row{"15.25%", 1525}, Row{"0.15", 1500}, Row{"0.1525", 1525},
                  Row{"1", 10000}, Row{"100%", 10000}, Row{"0", 0}, Row{"0%", 0}}) {
    CAPTURE(row.text);
    int32_t got = -2;
    std::string why;
    CHECK(parse_overdue_ratio_target(row.text, &got, &why));
    CHECK(got == row.bp);
  }
  struct Bad { const char* text; const char* why; };
  const char* hint = "is not a decimal number: expected a fraction such as 0.15 or a "
                     "percentage such as \"15%\"";
  for (Bad bad : {Bad{"15", "is more than 1: give a fraction such as 0.15 or a percentage such "
                            "as \"15%\""},
                  Bad{"100.01%", "is more than 100%"}, Bad{"15.255%", "has more than 2 decimal "
                                                                      "places"},
                  Bad{"0.15255", "has more than 4 decimal places"},
                  Bad{"-5%", "must not be negative"}, Bad{"%", hint}, Bad{"15 %", hint},
                  Bad{".5%", hint}, Bad{"fifteen", hint}}) {
    CAPTURE(bad.text);
    int32_t got = -2;
    std::string why;
    CHECK_FALSE(parse_overdue_ratio_target(bad.text, &got, &why));
    CHECK(why == bad.why);
  }
}

TEST_CASE("targets are written in their shortest exact form") {
  CHECK(format_dso_target(4500) == "45");
  CHECK(format_dso_target(4550) == "45.5");
  CHECK(format_dso_target(4525) == "45.25");
  CHECK(format_dso_target(0) == "0");
  CHECK(format_dso_target(5) == "0.05");
  CHECK(format_overdue_ratio_target(1500) == "15%");
  CHECK(format_overdue_ratio_target(1525) == "15.25%");
  CHECK(format_overdue_ratio_target(1550) == "15.5%");
  CHECK(format_overdue_ratio_target(10000) == "100%");
  CHECK(format_overdue_ratio_target(5) == "0.05%");
  for (int32_t v : {0, 1, 99, 100, 4500, 4550, 365000}) {  // Written, read back, the same.
    int32_t back = -1;
    std::string why;
    CHECK(parse_dso_target(format_dso_target(v), &back, &why));
    CHECK(back == v);
  }
  for (int32_t v : {0, 1, 1500, 1525, 9999, 10000}) {
    int32_t back = -1;
    std::string why;
    CHECK(parse_overdue_ratio_target(format_overdue_ratio_target(v), &back, &why));
    CHECK(back == v);
  }
}

TEST_CASE("a budget's ranges are a rule of the book") {
  BookBuilder b = basic_book();
  b.book.budget = {4500, 2500};
  CHECK(b.build());
  std::vector<Problem> problems;
  b.book.budget = {365001, -1};
  CHECK_FALSE(b.build(&problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "budget.dso_days");
  CHECK(problems[0].message == "the DSO target must be 0 to 3650 days");
  problems.clear();
  b.book.budget = {-1, 10001};
  CHECK_FALSE(b.build(&problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "budget.overdue_ratio");
  CHECK(problems[0].message == "the overdue ratio target must be 0% to 100%");
  CHECK_FALSE(Budget{}.given());
  CHECK(Budget{0, -1}.given());
}

TEST_CASE("months of 2025-01..06 against DSO 45 days and overdue ratio 25%") {
  BookBuilder b = basic_book();
  b.book.budget = {4500, 2500};
  REQUIRE(b.build());
  BudgetReport r = compute_budget_report(b.book, D("2025-01-01"), D("2025-06-30"));
  REQUIRE(r.months.size() == 6);
  // Each month on its own (days in the month; open at its end; sales dated in it):
  //   Jan: sales INV-1 1000; open INV-1 1000 (due 02-09: current). DSO 1000/1000 x 31 =
  //        31.00 <= 45 met; overdue 0 / 1000 = 0 met.
  //   Feb: no sales: DSO undefined; INV-1 1000 19 days past due: ratio 1 missed.
  //   Mar: no sales; INV-1 400 (P-1 took 600.00 on 03-01) overdue: ratio 1 missed.
  //   Apr: sales INV-2 500 + INV-4 800 = 1300; open INV-1 400 (overdue), INV-2 500 (due
  //        05-01), INV-4 800 (due 06-29) = 1700. DSO 1700 x 30 x 100 = 5,100,000 <= 4500 x
  //        1300 = 5,850,000: met (39.23 days). Ratio 400 x 10000 = 4,000,000 <= 2500 x 1700 =
  //        4,250,000: met (23.53%).
  //   May: sales INV-5 200 + INV-7 300 = 500; open 400 + 500 + 800 + 200 + 300 = 2200, of
  //        which INV-1 and INV-2 (30 days past due) overdue: 900. DSO 2200/500 x 31 = 136.4
  //        missed; ratio 900/2200 = 40.9% missed.
  //   Jun: sales INV-3 250; open 2000, overdue 1600 (cmd-metrics.test). DSO 2000/250 x 30 =
  //        240 missed; ratio 80% missed.
  const char* keys[] = {"2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"};
  const std::optional<bool> dso[] = {true, std::nullopt, std::nullopt, true, false, false};
  const std::optional<bool> ratio[] = {true, false, false, true, false, false};
  const int64_t ar_end[] = {100000, 100000, 40000, 170000, 220000, 200000};
  const int64_t overdue[] = {0, 100000, 40000, 40000, 90000, 160000};
  for (size_t m = 0; m < 6; ++m) {
    CAPTURE(keys[m]);
    CHECK(r.months[m].key == keys[m]);
    CHECK(r.months[m].metrics.ar_end_minor == ar_end[m]);
    CHECK(r.months[m].metrics.overdue_end_minor == overdue[m]);
    CHECK(r.months[m].dso_met == dso[m]);
    CHECK(r.months[m].overdue_ratio_met == ratio[m]);
  }
  CHECK(r.dso_met_count == 2);
  CHECK(r.dso_missed_count == 2);
  CHECK(r.overdue_ratio_met_count == 2);
  CHECK(r.overdue_ratio_missed_count == 4);
  CHECK(r.from == D("2025-01-01"));
  CHECK(r.to == D("2025-06-30"));
}

TEST_CASE("at the target is met; one hundredth above it is not") {
  BookBuilder b = basic_book();
  REQUIRE(b.build());
  BudgetReport none = compute_budget_report(b.book, D("2025-01-01"), D("2025-06-30"));
  CHECK_FALSE(none.months[0].dso_met.has_value());  // No budget: nothing to meet.
  CHECK_FALSE(none.months[5].overdue_ratio_met.has_value());
  const Metrics& jan = none.months[0].metrics;  // DSO exactly 31.00.
  const Metrics& jun = none.months[5].metrics;  // Overdue ratio exactly 1600/2000 = 80%.
  CHECK(dso_meets(jan, 3100) == true);
  CHECK(dso_meets(jan, 3099) == false);
  CHECK(overdue_ratio_meets(jun, 8000) == true);
  CHECK(overdue_ratio_meets(jun, 7999) == false);
  CHECK(overdue_ratio_meets(jan, 0) == true);  // Nothing overdue meets even 0%.
  CHECK_FALSE(dso_meets(jan, -1).has_value());
  CHECK(compute_budget_report(b.book, D("2025-02-01"), D("2025-01-31")).months.empty());
}

}  // TEST_SUITE
