// test_letters.cpp: the dunning letters (core/letters.h), worked by hand on
// tests/core/dunning_book.h. C1's notice went out on 2025-02-01 (INV-1); on 2025-02-20 its
// warning is due: INV-1 1,000.00 20 days overdue, INV-2 500.00 1 day; total 1,500.00; pay by
// 02-20 + 7 = 02-27.
// Interest (late_charges.h: simple, actual/365, half up per invoice), ECB rate 4.50% + 8 =
// 12.50%: INV-1 100000 x 20 x 0.125 / 365 = 684.93 -> 6.85; INV-2 50000 x 1 x 0.125 / 365 =
// 17.12 -> 0.17; 7.02 in all. At the 8 points alone: 100000 x 20 x 0.08 / 365 = 438.36 -> 4.38;
// 50000 x 0.08 / 365 = 10.96 -> 0.11; 4.49.
#include <doctest/doctest.h>

#include "core/letters.h"
#include "dunning_book.h"
#include "io/book_json.h"
#include "io/letter_report.h"

using namespace arlab;
using namespace arlab::test;

namespace {

BookBuilder c1_notice_sent() {
  BookBuilder b = dunning_book(
      {dunning_record(RecordKind::Letter, "2025-02-01", kDC1, {kDInv1}, 1)});
  REQUIRE(b.build());
  return b;
}

LetterOptions ecb_450() {
  LetterOptions o;
  o.rule = {ChargeKind::EuStatutory, 450};
  o.rate_given = true;
  return o;
}

}  // namespace

TEST_SUITE("letters") {

TEST_CASE("the warning holds the figures: total, deadline, days, interest") {
  BookBuilder b = c1_notice_sent();
  Letter l = make_letter(b.book, kDC1, D("2025-02-20"), -1, ecb_450());
  REQUIRE(l.ok);
  CHECK(l.level == 2);
  CHECK(l.level_name == "warning");
  CHECK(l.subject == "Warning: overdue invoices");
  CHECK(l.total_minor == 150000);
  CHECK(l.deadline == D("2025-02-27"));
  CHECK(l.days_overdue_max == 20);
  CHECK(l.interest_rate_bp == 1250);
  CHECK(l.interest_minor == 702);
  REQUIRE(l.invoices.size() == 2);
  REQUIRE(l.body.size() == 6);
  CHECK(l.body[0].text == "Dear Customer C1,");
  CHECK(l.body[1].text ==
        "Despite our earlier letter, the invoices below remain unpaid, the oldest now 20 days "
        "overdue:");
  CHECK(l.body[2].invoices);
  CHECK(l.body[2].text ==
        "  INV-1  dated 2025-01-01  due 2025-01-31  20 days overdue  1,000.00\n"
        "  INV-2  dated 2025-01-20  due 2025-02-19  1 day overdue      500.00");
  CHECK(l.body[3].text ==
        "Total now due: USD 1,500.00. We ask you to pay the full amount by 2025-02-27. "
        "Late-payment interest has accrued on these invoices: USD 7.02 so far (EU Directive "
        "2011/7/EU: the ECB reference rate 4.50% + 8 points = 12.50% a year, simple interest "
        "from the day after each due date, actual/365).");
  CHECK(l.body[4].text ==
        "If we have not received payment by 2025-02-27, we will stop further deliveries to you "
        "until the account is settled and pass the matter to our credit department.");
  CHECK(l.consequence == l.body[4].text);
}

TEST_CASE("no reference rate: the 8 points alone, said to be the least") {
  BookBuilder b = c1_notice_sent();
  Letter l = make_letter(b.book, kDC1, D("2025-02-20"));
  REQUIRE(l.ok);
  CHECK(l.interest_rate_bp == 800);
  CHECK(l.interest_minor == 449);
  CHECK(l.interest_rule.find("counted here at the 8 points alone, so at least this much") !=
        std::string::npos);
}

TEST_CASE("a level by hand, the reminder, and no letter due") {
  BookBuilder b = c1_notice_sent();
  Letter l = make_letter(b.book, kDC1, D("2025-02-20"), 3, ecb_450());
  REQUIRE(l.ok);
  CHECK(l.level == 3);
  CHECK(l.subject == "Lawyer's letter: overdue invoices");
  CHECK(l.deadline == D("2025-02-27"));  // 7 days, the lawyer's letter's time limit.
  CHECK(l.consequence.find("hand the matter over for recovery") != std::string::npos);
  CHECK(l.body[1].text.rfind("Final notice.", 0) == 0);

  Letter r = make_letter(b.book, kDC4, D("2025-02-24"));
  REQUIRE(r.ok);
  CHECK(r.level == 0);
  CHECK(r.interest_minor == 0);
  CHECK(r.consequence.empty());
  CHECK(r.body[3].text.rfind("Total: USD 400.00, the first due on 2025-03-03.", 0) == 0);

  Letter none = make_letter(b.book, kDC3, D("2025-02-20"));
  CHECK_FALSE(none.ok);
  CHECK(none.why_none ==
        "no letter is due for C3 as of 2025-02-20 (nothing new overdue, or the last letter is "
        "too recent)");
  CHECK(make_letter(b.book, kDC1, D("2025-02-20"), 4).why_none ==
        "level 4 is not in the policy (0 to 3)");
}

TEST_CASE("a level's own template, its placeholders filled; an unknown one refused") {
  BookBuilder b = c1_notice_sent();
  b.book.collection.policy.levels[1].letter_template =
      "{customer_id}: pay {total} by {deadline} ({days_overdue} days; interest {interest}).\n\n"
      "{invoices}\n\n{level} {date} {oops";
  REQUIRE(check_collection(b.book, nullptr));
  Letter l = make_letter(b.book, kDC1, D("2025-02-20"), -1, ecb_450());
  REQUIRE(l.ok);
  CHECK(l.custom_template);
  REQUIRE(l.body.size() == 3);
  CHECK(l.body[0].text == "C1: pay USD 1,500.00 by 2025-02-27 (20 days; interest USD 7.02).");
  CHECK(l.body[1].invoices);
  CHECK(l.body[2].text == "warning 2025-02-20 {oops");

  b.book.collection.policy.levels[1].letter_template = "Pay {totl} now";
  std::vector<Problem> problems;
  CHECK_FALSE(check_collection(b.book, &problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "collection.policy.levels[1].template");
  CHECK(problems[0].message.rfind("unknown placeholder {totl} (known: {customer}", 0) == 0);
}

TEST_CASE("templates are read, written back byte-stable, and only when given") {
  const std::string text = R"({
  "format": "arlab-book/2",
  "currency": "EUR",
  "customers": [{"id": "C1", "name": "A", "terms_days": 30}],
  "invoices": [{"id": "I1", "customer": "C1", "date": "2025-01-01", "amount": "10.00"}],
  "collection": {"policy": {"reminder_template": "Hi {customer}, {total} by {deadline}.",
    "levels": [{"name": "notice", "days": 1, "template": "Pay {total}\n\n{invoices}"}]}}
})";
  LoadResult r = read_book_json(std::string_view(text));
  INFO(format_problems("t.json", r.problems));
  REQUIRE(r.ok);
  CHECK(r.book.collection.policy.reminder_template == "Hi {customer}, {total} by {deadline}.");
  CHECK(r.book.collection.policy.levels[0].letter_template == "Pay {total}\n\n{invoices}");
  std::string saved = write_book_json(r.book);
  CHECK(saved.find("\"template\": \"Pay {total}\\n\\n{invoices}\"") != std::string::npos);
  LoadResult again = read_book_json(std::string_view(saved));
  REQUIRE(again.ok);
  CHECK(write_book_json(again.book) == saved);
  // A template that names an unknown placeholder is a located problem.
  std::string bad = text;
  bad.replace(bad.find("{deadline}"), 10, "{dedline}");
  LoadResult refused = read_book_json(std::string_view(bad));
  CHECK_FALSE(refused.ok);
  CHECK(format_problems("t.json", refused.problems).find(
            "t.json: collection.policy.reminder_template: unknown placeholder {dedline}") == 0);
}

}  // TEST_SUITE

// ---- [SECTION] An instalment line ----------------------------------------------------------
// C1's INV-1 and INV-2 in plan T1 of 2025-02-01 (approved by T2): 500.00 due 03-01, 04-01 and
// 05-01. On 03-02 the notice lists instalment 1: 1 day overdue, open 500.00; total 500.00, pay
// by 03-12. Interest on the instalment alone, from 03-02: 50000 x 1 x 0.125 / 365 = 17.12 ->
// 0.17.

TEST_SUITE("letters") {

TEST_CASE("an instalment line: the plan, its invoices, due date, days and open amount") {
  CaseRecord plan = dunning_record(RecordKind::Plan, "2025-02-01", kDC1, {kDInv1, kDInv2});
  plan.instalments = {{D("2025-03-01"), 50000}, {D("2025-04-01"), 50000}, {D("2025-05-01"), 50000}};
  CaseRecord approval = dunning_record(RecordKind::Approval, "2025-02-01", kDC1, {});
  approval.ref = "T1";
  approval.by = "Credit manager";
  BookBuilder b = dunning_book({plan, approval});
  REQUIRE(b.build());
  Letter l = make_letter(b.book, kDC1, D("2025-03-02"), -1, ecb_450());
  REQUIRE(l.ok);
  CHECK(l.level == 1);
  CHECK(l.total_minor == 50000);
  CHECK(l.deadline == D("2025-03-12"));
  CHECK(l.days_overdue_max == 1);
  CHECK(l.interest_minor == 17);
  REQUIRE(l.invoices.size() == 1);
  CHECK(letter_instalment_label(b.book, l.invoices[0]) ==
        "Instalment 1 of 3 of the plan agreed on 2025-02-01 (invoices INV-1, INV-2)");
  REQUIRE(l.body.size() >= 3);
  CHECK(l.body[2].invoices);
  CHECK(l.body[2].text ==
        "  Instalment 1 of 3 of the plan agreed on 2025-02-01 (invoices INV-1, INV-2): due "
        "2025-03-01, 1 day overdue, open 500.00");
  std::string html = letter_html(b.book, l);
  CHECK(html.find("<tr><td colspan=\"2\">Instalment 1 of 3 of the plan agreed on 2025-02-01 "
                  "(invoices INV-1, INV-2)</td><td>2025-03-01</td><td class=\"num\">1</td>"
                  "<td class=\"num\">500.00</td></tr>") != std::string::npos);
  std::string json = letter_json(b.book, l);
  CHECK(json.find("\"plan\": \"T1\", \"plan_date\": \"2025-02-01\", \"plan_invoices\": "
                  "[\"INV-1\", \"INV-2\"], \"instalment\": 1, \"instalments\": 3") !=
        std::string::npos);
}

}  // TEST_SUITE("letters") (instalments)
