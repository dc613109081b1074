// letters.cpp: the dunning letters (letters.h).
//
// [SECTION] Templates
// [SECTION] Filling
// [SECTION] The letter
#include "letters.h"

#include <algorithm>
#include <array>

#include "money.h"

namespace arlab {

// ---- [SECTION] Templates -------------------------------------------------------------------

namespace {

// Where a level stands in the policy: the letters' words follow it, not its name.
enum class Place { Reminder, First, Middle, Last };

Place place_of(const CollectionPolicy& p, int32_t level) {
  if (level <= 0) return Place::Reminder;
  if (level == 1) return Place::First;
  return size_t(level) == p.levels.size() ? Place::Last : Place::Middle;
}

// Timely, clear, friendly, firm, flexible (004); a stated time limit and its consequence
// (001); ask for full payment (002); a cause asked for, not assumed (002, "learn the cause").
constexpr const char* kReminder =
    "Dear {customer},\n\n"
    "This is a friendly reminder that the invoices below fall due soon:\n\n"
    "{invoices}\n\n"
    "Total: {total}, the first due on {deadline}. Please arrange full payment by the due "
    "dates. If payment is already on its way, thank you, and please disregard this reminder.\n\n"
    "If anything on these invoices is not as agreed, please tell us now so that we can put "
    "it right before they fall due.";

constexpr const char* kNotice =
    "Dear {customer},\n\n"
    "Our records show that the invoices below are overdue, the oldest by {days_overdue} "
    "days:\n\n"
    "{invoices}\n\n"
    "Total now due: {total}. Please pay the full amount by {deadline}.\n\n"
    "If you have already paid, please send us the date and reference of the payment so that "
    "we can match it. If anything on these invoices is in question, contact us now so that "
    "we can resolve it.\n\n"
    "{consequence}";

constexpr const char* kWarning =
    "Dear {customer},\n\n"
    "Despite our earlier letter, the invoices below remain unpaid, the oldest now "
    "{days_overdue} days overdue:\n\n"
    "{invoices}\n\n"
    "Total now due: {total}. We ask you to pay the full amount by {deadline}. Late-payment "
    "interest has accrued on these invoices: {interest} so far ({interest_rule}).\n\n"
    "{consequence}\n\n"
    "If you cannot pay in full by then, call us before that date: we would rather agree a "
    "way forward with you than take further steps.";

constexpr const char* kFinal =
    "Dear {customer},\n\n"
    "Final notice. The invoices below remain unpaid after our earlier letters, the oldest "
    "now {days_overdue} days overdue:\n\n"
    "{invoices}\n\n"
    "Total now due: {total}. Late-payment interest has accrued on these invoices: {interest} "
    "so far ({interest_rule}).\n\n"
    "This is our last request before further action: please pay the full amount by "
    "{deadline}.\n\n"
    "{consequence}\n\n"
    "If you believe this letter is in error, or you have paid, contact us at once with the "
    "details.";

std::string consequence_of(Place place, const std::string& deadline) {
  switch (place) {
    case Place::Reminder: return "";
    case Place::First:
      return "If we have not received payment by " + deadline +
             ", we will send you a formal warning, and late-payment interest may be claimed.";
    case Place::Middle:
      return "If we have not received payment by " + deadline +
             ", we will stop further deliveries to you until the account is settled and pass "
             "the matter to our credit department.";
    case Place::Last:
      return "If we have not received payment by " + deadline +
             ", we will hand the matter over for recovery, to a collection agency or to our "
             "legal advisers, without further notice. Recovery costs may then be claimed "
             "from you as the law allows.";
  }
  return "";
}

}  // namespace

const char* default_letter_template(const CollectionPolicy& p, int32_t level) {
  switch (place_of(p, level)) {
    case Place::Reminder: return kReminder;
    case Place::First: return kNotice;
    case Place::Middle: return kWarning;
    case Place::Last: return kFinal;
  }
  return kNotice;
}

// ---- [SECTION] Filling ---------------------------------------------------------------------

namespace {

std::string money_text(const Book& book, int64_t minor) {
  return book.currency + " " + format_amount_grouped(minor, book.minor_digits);
}

std::string days_text(int32_t days_overdue) {
  if (days_overdue > 0)
    return std::to_string(days_overdue) + (days_overdue == 1 ? " day overdue" : " days overdue");
  if (days_overdue == 0) return "due today";
  return "due in " + std::to_string(-days_overdue) + (days_overdue == -1 ? " day" : " days");
}

std::string rate_text(int32_t bp) { return format_amount(bp, 2) + "%"; }

std::string rule_text(const LetterOptions& o, int32_t rate_bp) {
  const std::string tail = ", simple interest from the day after each due date, actual/365";
  const ChargeRule& r = o.rule;
  switch (r.kind) {
    case ChargeKind::Contract: return "the contract's rate of " + rate_text(rate_bp) + " a year" + tail;
    case ChargeKind::UkStatutory:
      return o.rate_given ? "Late Payment of Commercial Debts (Interest) Act 1998: Bank of "
                            "England base rate " + rate_text(r.reference_rate_bp) +
                                " + 8% = " + rate_text(rate_bp) + " a year" + tail
                          : "Late Payment of Commercial Debts (Interest) Act 1998: Bank of "
                            "England base rate + 8% a year" + tail +
                                "; counted here at the 8% alone, so at least this much";
    case ChargeKind::EuStatutory: break;
  }
  return o.rate_given ? "EU Directive 2011/7/EU: the ECB reference rate " +
                            rate_text(r.reference_rate_bp) + " + 8 points = " +
                            rate_text(rate_bp) + " a year" + tail
                      : "EU Directive 2011/7/EU: the ECB reference rate + 8 points a year" +
                            tail + "; counted here at the 8 points alone, so at least this much";
}

}  // namespace

std::string letter_instalment_label(const Book& book, const DunningItem& it) {
  if (!it.is_instalment()) return "";
  const CaseRecord& plan = book.collection.records[it.plan_record];
  std::string out = "Instalment " + std::to_string(it.instalment + 1) + " of " +
                    std::to_string(it.instalments) + " of the plan agreed on " +
                    format_date(plan.date) +
                    (plan.invoices.size() == 1 ? " (invoice " : " (invoices ");
  for (size_t k = 0; k < plan.invoices.size(); k++)
    out += (k ? ", " : "") + std::string(book.str(book.invoices[plan.invoices[k]].id));
  return out + ")";
}

std::string letter_invoice_lines(const Book& book, const Letter& l) {
  // Invoices in aligned columns; an instalment is a sentence of its own (its plan names the
  // invoices, too long for a column), in its place by due date.
  std::vector<std::array<std::string, 5>> rows;
  std::array<size_t, 5> width{};
  for (const DunningItem& it : l.invoices) {
    if (it.is_instalment()) {
      rows.push_back({letter_instalment_label(book, it) + ": due " + format_date(it.due) + ", " +
                          days_text(it.days_overdue) + ", open " +
                          format_amount_grouped(it.open_minor, book.minor_digits),
                      "", "", "", ""});
      continue;
    }
    const Invoice& v = book.invoices[it.invoice];
    std::array<std::string, 5> row = {std::string(book.str(v.id)), "dated " + format_date(v.date),
                                      "due " + format_date(it.due), days_text(it.days_overdue),
                                      format_amount_grouped(it.open_minor, book.minor_digits)};
    for (size_t k = 0; k < 5; k++) width[k] = std::max(width[k], row[k].size());
    rows.push_back(std::move(row));
  }
  std::string out;
  for (const auto& row : rows) {
    if (!out.empty()) out += '\n';
    out += "  ";
    if (row[4].empty()) {  // An instalment's sentence.
      out += row[0];
      continue;
    }
    for (size_t k = 0; k < 4; k++) out += row[k] + std::string(width[k] - row[k].size() + 2, ' ');
    out += std::string(width[4] - row[4].size(), ' ') + row[4];  // Amounts right-aligned.
  }
  return out;
}

std::string fill_letter_template(const Book& book, const Letter& l, std::string_view t) {
  const Customer& c = book.customers[l.customer];
  std::string out;
  size_t at = 0;
  while (at < t.size()) {
    size_t open = t.find('{', at);
    size_t close = open == std::string_view::npos ? open : t.find('}', open);
    if (close == std::string_view::npos) {
      out += t.substr(at);
      break;
    }
    out += t.substr(at, open - at);
    std::string_view name = t.substr(open + 1, close - open - 1);
    if (name == "customer") out += c.name;
    else if (name == "customer_id") out += c.id;
    else if (name == "date") out += format_date(l.date);
    else if (name == "level") out += l.level_name;
    else if (name == "invoices") out += letter_invoice_lines(book, l);
    else if (name == "total") out += money_text(book, l.total_minor);
    else if (name == "days_overdue") out += std::to_string(l.days_overdue_max);
    else if (name == "deadline") out += format_date(l.deadline);
    else if (name == "consequence") out += l.consequence;
    else if (name == "interest")
      out += l.interest_too_large ? "too large to count" : money_text(book, l.interest_minor);
    else if (name == "interest_rule") out += l.interest_rule;
    else {
      out += '{';  // Not a placeholder: the brace is text; go on after it.
      at = open + 1;
      continue;
    }
    at = close + 1;
  }
  return out;
}

// ---- [SECTION] The letter ------------------------------------------------------------------

namespace {

// Splits the template at blank lines; a paragraph of "{invoices}" alone becomes the table.
std::vector<LetterParagraph> fill_body(const Book& book, const Letter& l, std::string_view t) {
  std::vector<LetterParagraph> body;
  std::string text(t);
  std::erase(text, '\r');
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find("\n\n", at);
    if (end == std::string::npos) end = text.size();
    std::string_view para = std::string_view(text).substr(at, end - at);
    while (!para.empty() && (para.front() == '\n' || para.front() == ' ')) para.remove_prefix(1);
    while (!para.empty() && (para.back() == '\n' || para.back() == ' ')) para.remove_suffix(1);
    if (para == "{invoices}") {
      body.push_back({true, letter_invoice_lines(book, l)});
    } else if (!para.empty()) {
      std::string filled = fill_letter_template(book, l, para);
      if (!filled.empty()) body.push_back({false, std::move(filled)});
    }
    at = end + 2;
  }
  return body;
}

std::string subject_of(const Letter& l) {
  std::string name = l.level_name;
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = char(name[0] - 'a' + 'A');
  return name + (l.level == 0 ? ": invoices due soon" : ": overdue invoices");
}

void add_interest(const Book& book, Letter& l, const LetterOptions& o) {
  l.interest_rate_bp = charge_rate_bp(o.rule);
  l.interest_rule = rule_text(o, l.interest_rate_bp);
  if (l.level == 0) return;
  LateCharges charges = late_charges(book, l.date, o.rule, l.customer);
  if (charges.too_large != kNone) {
    l.interest_too_large = true;
    return;
  }
  for (const InvoiceCharge& ch : charges.invoices)
    for (const DunningItem& it : l.invoices)
      if (!it.is_instalment() && it.invoice == ch.invoice) l.interest_minor += ch.interest_minor;
  // Instalments: interest on the overdue amount alone, from the day after the instalment's
  // due date (Directive 2011/7/EU Art. 5: "where instalments are to be paid, interest and
  // compensation ... shall be calculated solely on the basis of the overdue amounts"); its
  // open amount is taken as open all those days (a part paid late is not traced day by day).
  for (const DunningItem& it : l.invoices) {
    if (!it.is_instalment()) continue;
    int64_t i = simple_interest_minor(it.open_minor, it.days_overdue, l.interest_rate_bp);
    if (i < 0 || l.interest_minor > kChargeMinorMax - i) {
      l.interest_too_large = true;
      return;
    }
    l.interest_minor += i;
  }
}

}  // namespace

Letter make_letter(const Book& book, Index customer, Date as_of, int32_t level,
                   const LetterOptions& options) {
  Letter l;
  l.customer = customer;
  l.date = as_of;
  const CollectionPolicy& p = book.collection.policy;
  const std::string who = book.customers[customer].id;
  if (level > int32_t(p.levels.size())) {
    l.why_none = "level " + std::to_string(level) + " is not in the policy (0 to " +
                 std::to_string(p.levels.size()) + ")";
    return l;
  }
  DunningRun run = level < 0 ? dunning_run(book, as_of, customer)
                             : dunning_letter_at(book, as_of, customer, level);
  if (run.letters.empty()) {
    l.why_none = level < 0 ? "no letter is due for " + who + " as of " + format_date(as_of) +
                                 " (nothing new overdue, or the last letter is too recent)"
                 : level == 0 ? "no invoice of " + who + " is due within " +
                                    std::to_string(p.reminder_days) + " days without a letter"
                              : "no invoice of " + who + " is overdue and open to dunning as of " +
                                    format_date(as_of);
    return l;
  }
  const DunningLetter& d = run.letters.front();
  l.ok = true;
  l.level = d.level;
  l.level_name = dunning_level_name(p, d.level);
  l.owner = d.owner;
  l.invoices.assign(run.items.begin() + d.first, run.items.begin() + d.first + d.count);
  l.total_minor = d.total_minor;
  l.deadline = d.deadline;
  l.days_overdue_max = d.days_overdue_max;
  l.stage = d.stage;
  l.subject = subject_of(l);
  l.consequence = consequence_of(place_of(p, l.level), format_date(l.deadline));
  add_interest(book, l, options);
  const std::string& own =
      l.level == 0 ? p.reminder_template : p.levels[size_t(l.level) - 1].letter_template;
  l.custom_template = !own.empty();
  l.body = fill_body(book, l, own.empty() ? default_letter_template(p, l.level) : own);
  return l;
}

}  // namespace arlab
