// letters.h: the dunning letters (issue 11, slice "dunning runs and letters"): a customer's
// pre-due reminder, notice, warning or lawyer's letter as of a date, filled from its case.
//
// The letter lists what core/dunning.h puts in it (every dunnable overdue invoice of the
// customer with its days overdue and open amount, and every overdue instalment of its plans
// as a line of its own: "Instalment 2 of 3 of the plan agreed on D (invoices ...): due D2, N
// days overdue, open X"; for the reminder, the invoices due soon),
// the total, the deadline (as_of + the level's deadline_days), the consequence of not paying
// by then, and the late-payment interest accrued so far under the EU statutory rule by default
// (core/late_charges.h: Directive 2011/7/EU, the ECB reference rate + 8 points a year, simple,
// from the day after the due date, actual/365). The reference rate is given by the user; when
// it is not, the interest is counted at the 8 points alone and the letter says "at least".
// Interest is stated, never added to the total asked for: the letter asks for the invoices.
//
// The words (the practice, ../shared/domain/README.md: "timely, clear, friendly, firm,
// flexible"; "ask for full payment"; "a stated time limit and its consequences"): plain,
// polite, firm; no legal claim arlab cannot back (no lawyer is named, no court costs
// promised). Templates, one per place in the policy: the reminder (level 0), the first level
// (notice), the middle levels (warning) and the last (lawyer's letter, a final notice). A level
// of the policy may carry its own template (DunningLevel::letter_template; the reminder's is
// CollectionPolicy::reminder_template) with the placeholders
//   {customer} name   {customer_id}   {date} of the letter   {level} its name
//   {invoices} the list (alone in its paragraph: a table in HTML)   {total} "USD 1,234.00"
//   {days_overdue} of the oldest   {deadline}   {consequence}   {interest} "USD 12.34"
//   {interest_rule} the rule in words
// Paragraphs are separated by a blank line.
//
// Usage:
//   arlab::Letter l = arlab::make_letter(book, customer, as_of);  // the level due
//   if (!l.ok) show(l.why_none);
//   for (const arlab::LetterParagraph& p : l.body) p.invoices ? table(l.invoices) : text(p.text);
//   arlab::make_letter(book, customer, as_of, 2);  // a warning, whatever the run says
//
// Tests: tests/core/test_letters.cpp (suite "letters"), worked by hand; CLI golden
// tests/cli/cmd-letter.test. Reports: io/letter_report.h (text, printable HTML, JSON).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "book.h"
#include "dunning.h"
#include "late_charges.h"

namespace arlab {

struct LetterOptions {
  ChargeRule rule;          // EU statutory by default (the rule's reference_rate_bp).
  bool rate_given = false;  // False: the reference rate is unknown; counted at 0, "at least".
};

struct LetterParagraph {
  bool invoices = false;  // The {invoices} list: draw l.invoices as a table.
  std::string text;       // Filled; lines separated by '\n'.
};

struct Letter {
  bool ok = false;
  std::string why_none;        // When !ok: why there is no letter, in plain words.
  Index customer = kNone;
  Date date;
  int32_t level = 0;           // 0: the reminder; 1..: the policy's level.
  std::string level_name;      // "reminder", "notice", ...
  WorkOwner owner = WorkOwner::Sales;
  std::vector<DunningItem> invoices;  // By due date.
  int64_t total_minor = 0;
  Date deadline;
  int32_t days_overdue_max = 0;
  Escalation stage = Escalation::Internal;
  std::string subject;         // "Notice: overdue invoices"
  std::string consequence;     // What happens after the deadline (a sentence).
  int64_t interest_minor = 0;  // Of the listed invoices, as of; 0 for the reminder. An
                               // instalment's: its open amount from the day after its due
                               // date (Directive 2011/7/EU Art. 5: the overdue amount alone).
  int32_t interest_rate_bp = 0;
  std::string interest_rule;   // The rule in words.
  bool interest_too_large = false;
  bool custom_template = false;
  std::vector<LetterParagraph> body;
};

// The letter for `customer` as of `as_of`: `level` -1 for the level the dunning run gives it
// today (none: !ok with why), else that level (0: the reminder), written even inside the
// letter gap (by hand). !ok when there is nothing to list.
Letter make_letter(const Book& book, Index customer, Date as_of, int32_t level = -1,
                   const LetterOptions& options = {});

// The default template for `level` of `policy` (the reminder for 0).
const char* default_letter_template(const CollectionPolicy& policy, int32_t level);
// `tmpl` with its placeholders filled from the letter (the reminder and levels alike);
// {invoices} as text lines. Unknown "{...}" stay as they are.
std::string fill_letter_template(const Book& book, const Letter& letter, std::string_view tmpl);
// The invoices as text lines: "INV-1  dated 2025-01-01  due 2025-01-31  20 days overdue
// 400.00" (columns aligned); an instalment's line "Instalment 2 of 3 of the plan agreed on
// 2025-02-25 (invoices INV-1, INV-2): due 2025-04-15, 5 days overdue, open 450.00".
std::string letter_invoice_lines(const Book& book, const Letter& letter);
// An instalment's words up to its due date: "Instalment 2 of 3 of the plan agreed on
// 2025-02-25 (invoices INV-1, INV-2)"; "" for an invoice.
std::string letter_instalment_label(const Book& book, const DunningItem& item);

}  // namespace arlab
