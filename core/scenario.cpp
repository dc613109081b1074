// scenario.cpp: the practice catalogue, personalities and the scenario's rules (scenario.h).
//
// [SECTION] Practices
// [SECTION] Personalities
// [SECTION] check_scenario
#include "core/scenario.h"

#include <algorithm>
#include <set>

#include "core/date.h"

namespace arlab {

// =========================================================================================
// [SECTION] Practices
// =========================================================================================
// The summaries are written for arlab from ../shared/domain/README.md; the numbers in
// `sources` are its source files.

const std::vector<Practice>& practices() {
  static const std::vector<Practice> list = {
      {"call-rules", "The nine rules of a collection call", "002",
       "Have the file and your notes open before you dial; keep to the one goal of the call; act "
       "at once; make the date matter; think on your feet; stay polite and serious; work with a "
       "customer who cannot pay rather than against it; say the amount and the date you ask for "
       "twice."},
      {"overdue-methods", "Ten methods for overdue accounts", "002, 004",
       "Be direct; learn why before you push; go back to the person who placed the order; never "
       "overdo it; stop supply in time; choose your moment; when the customer pays someone, make "
       "sure it is you; appeal to its good name; have an answer ready for each excuse; go to law "
       "when nothing else works."},
      {"five-words", "Timely, clear, friendly, firm, flexible", "004",
       "Every contact should come on time, say plainly what is owed and by when, keep the tone "
       "friendly, hold to the demand, and leave room for a way out that still gets you paid; "
       "log every contact and follow up on the day you said."},
      {"causes", "Why an account falls overdue", "002, 003, 004",
       "Forgetfulness, a dispute about the goods, the service or a salesperson's promise, a "
       "shortage of cash, a chain of firms waiting on each other, and deliberate default each "
       "need a different answer: find the cause before choosing the step."},
      {"wont-vs-cant", "Won't pay or can't pay", "001",
       "A customer who can't pay needs time and a plan it can keep; one who won't pay needs "
       "pressure: stopped deliveries and the escalation ladder. Mixing them up loses money or "
       "the customer."},
      {"one-third", "The one-third rule", "001",
       "No invoice may stay overdue longer than one third of its credit period: 30-day terms "
       "mean action by day 40, 60-day terms by day 80. Past that line the account is in "
       "clearing, not coordination."},
      {"escalation-ladder", "The escalation ladder", "001",
       "Step up in order and say each step's deadline: a notice, a warning, a lawyer's letter, "
       "then senior management, then the legal department and the courts. Skipping steps hurts "
       "the relationship; stopping on a step lets the debt age."},
      {"four-stages", "The four stages of a collection", "002",
       "An overdue account moves from internal reminders to field collection, then to an "
       "agency, then to court; each overdue account has one owner and a case file that logs "
       "every contact as evidence."},
      {"practice-figures", "What early action is worth", "002, 003",
       "Managing credit before delivery prevents about 70% of default risk and managing it "
       "between delivery and the due date another 35%; collecting after the fact recovers only "
       "41% of losses. Debts under two years old are about 80% recoverable, older ones about "
       "20%: age, not size, decides."},
      {"stop-supply", "Stop supply", "002, 003, 004",
       "Stop or cut deliveries to a customer who will not pay, and lift the hold when it is "
       "settled; a hold on a good customer who is only slow costs more goodwill than it brings "
       "in."},
      {"instalments", "Instalments for a customer who can't pay", "002",
       "A customer short of cash pays more, and keeps paying, under an instalment plan it can "
       "keep than under pressure for the whole amount it does not have."},
      {"full-payment-first", "Ask for full payment first", "002",
       "Always ask for the whole amount first; offer a plan only after you have heard why it "
       "cannot be paid. A plan offered at once gives away what the customer could have paid now."},
      {"monthly-statements", "Monthly statements, confirmed", "003",
       "Send a statement every month and have the customer confirm it; a confirmed balance "
       "settles disputes early and stands as evidence later."},
      {"call-before-due", "Call a week before the due date", "001",
       "Call or visit a week before an invoice falls due to confirm the date it will be paid "
       "(set it a few days before the deadline); a forgetful customer then pays on time."},
      {"act-on-day-one", "Act on the first day of arrears", "001",
       "Rank overdue accounts by age, then amount, and act on the very first day an invoice is "
       "late: the chance of being paid falls with every week it waits."},
      {"inertial-arrears", "Big customers and inertial arrears", "000, 002",
       "Big customers drift into paying late because junior staff dare not press them; the "
       "answer is a visit or a word from senior management, not a hold that costs the account."},
      {"measure-dso", "Measure time, not the collection rate", "000, 002",
       "Judge collection by how long the money takes (DSO, the overdue ratio, the aging) rather "
       "than by the share collected: late money costs interest long before it turns bad."},
      {"commission-on-cash", "Commission on cash collected", "001, 002, 003",
       "Pay sales commission when the customer pays, not when the sale is booked: a salesperson "
       "paid on sales has no reason to chase the money or to sell to customers who pay."},
  };
  return list;
}

const Practice* find_practice(std::string_view id) {
  for (const Practice& p : practices())
    if (id == p.id) return &p;
  return nullptr;
}

// =========================================================================================
// [SECTION] Personalities
// =========================================================================================

namespace {

constexpr const char* kPersonalityNames[kPersonalityCount] = {
    "prompt", "negligent", "disputing", "short_of_cash", "triangular", "deliberate", "inertial"};
constexpr const char* kPersonalityLabels[kPersonalityCount] = {"Prompt payer",
                                                               "Negligent",
                                                               "Disputing",
                                                               "Short of cash",
                                                               "Triangular debt",
                                                               "Deliberate defaulter",
                                                               "Big customer, inertial arrears"};
constexpr const char* kLevelNames[3] = {"easy", "medium", "hard"};

}  // namespace

const char* personality_name(Personality p) {
  return kPersonalityNames[int(p)];
}
const char* personality_label(Personality p) {
  return kPersonalityLabels[int(p)];
}

bool parse_personality(std::string_view text, Personality* out) {
  for (int i = 0; i < kPersonalityCount; i++) {
    if (text == kPersonalityNames[i]) {
      *out = Personality(i);
      return true;
    }
  }
  return false;
}

std::string personality_names() {
  std::string out;
  for (int i = 0; i < kPersonalityCount; i++)
    out += (i ? ", " : "") + std::string(kPersonalityNames[i]);
  return out;
}

Cause personality_cause(Personality p) {
  switch (p) {
    case Personality::Negligent:
      return Cause::Negligence;
    case Personality::Disputing:
      return Cause::Dispute;
    case Personality::ShortOfCash:
      return Cause::CashShortage;
    case Personality::Triangular:
      return Cause::Triangular;
    case Personality::Deliberate:
      return Cause::Deliberate;
    case Personality::Prompt:
    case Personality::Inertial:
      return Cause::Unknown;
  }
  return Cause::Unknown;
}

Stance personality_stance(Personality p) {
  switch (p) {
    case Personality::ShortOfCash:
    case Personality::Triangular:
      return Stance::CantPay;
    case Personality::Deliberate:
      return Stance::WontPay;
    default:
      return Stance::Unknown;
  }
}

const char* scenario_level_name(ScenarioLevel level) {
  return kLevelNames[int(level)];
}

bool parse_scenario_level(std::string_view text, ScenarioLevel* out) {
  for (int i = 0; i < 3; i++) {
    if (text == kLevelNames[i]) {
      *out = ScenarioLevel(i);
      return true;
    }
  }
  return false;
}

const CastMember* cast_member(const Scenario& s, Index customer) {
  if (customer >= s.book.customers.size()) return nullptr;
  const std::string& id = s.book.customers[customer].id;
  for (const CastMember& m : s.cast)
    if (m.customer_id == id) return &m;
  return nullptr;
}

// =========================================================================================
// [SECTION] check_scenario
// =========================================================================================

namespace {

void add(std::vector<Problem>* problems, std::string place, std::string message) {
  if (problems->size() < kProblemsMax) problems->push_back({std::move(place), std::move(message)});
}

// Every document and record of the book dated on or after the start.
void check_dates_before(const Scenario& s, std::vector<Problem>* problems) {
  const Book& b = s.book;
  const std::string start = format_date(s.start);
  auto late = [&](std::string place, Date d) {
    if (d >= s.start)
      add(problems, "book." + place + ".date",
          format_date(d) + " is not before the scenario's start " + start +
              " (the book is the history before week 1)");
  };
  for (size_t i = 0; i < b.invoices.size(); i++)
    late("invoices[" + std::to_string(i) + "]", b.invoices[i].date);
  for (size_t i = 0; i < b.payments.size(); i++)
    late("payments[" + std::to_string(i) + "]", b.payments[i].date);
  for (size_t i = 0; i < b.credit_notes.size(); i++)
    late("credit_notes[" + std::to_string(i) + "]", b.credit_notes[i].date);
  for (size_t i = 0; i < b.write_offs.size(); i++)
    late("write_offs[" + std::to_string(i) + "]", b.write_offs[i].date);
  for (size_t i = 0; i < b.refunds.size(); i++)
    late("refunds[" + std::to_string(i) + "]", b.refunds[i].date);
  for (size_t i = 0; i < b.collection.records.size(); i++)
    late("collection.records[" + std::to_string(i) + "]", b.collection.records[i].date);
}

void check_cast(const Scenario& s, std::vector<Problem>* problems) {
  std::set<std::string> seen;
  for (size_t i = 0; i < s.cast.size(); i++) {
    const CastMember& m = s.cast[i];
    const std::string place = "cast[" + std::to_string(i) + "]";
    const Index c = find_customer(s.book, m.customer_id);
    if (c == kNone)
      add(problems, place + ".customer", "\"" + m.customer_id + "\" is no customer of the book");
    else if (!seen.insert(m.customer_id).second)
      add(problems, place + ".customer", "\"" + m.customer_id + "\" is in the cast twice");
    if (m.relationship < 0 || m.relationship > 100)
      add(problems, place + ".relationship",
          std::to_string(m.relationship) + " is not between 0 and 100");
    if (m.contact.size() > 200) add(problems, place + ".contact", "at most 200 bytes");
    if (m.story.size() > kScenarioTextMax) add(problems, place + ".story", "at most 4000 bytes");
    if (m.personality == Personality::Triangular) {
      if (m.debtor_pays == kNoDate)
        add(problems, place + ".debtor_pays",
            "a triangular customer needs the date its own debtor pays it");
      else if (m.debtor_pays < s.start || m.debtor_pays > s.start + 7 * s.weeks + 365)
        add(problems, place + ".debtor_pays",
            format_date(m.debtor_pays) + " is not between the start " + format_date(s.start) +
                " and a year after the game's last week");
    }
    if (m.sales_every_days < 0 || m.sales_every_days > 365)
      add(problems, place + ".sales.every_days", "must be between 0 (no sales) and 365");
    else if (m.sales_every_days > 0 && (m.sales_minor <= 0 || m.sales_minor > kScenarioSaleMax))
      add(problems, place + ".sales.amount",
          "a customer with sales needs an amount above zero and at most 10,000,000,000 units");
    if (m.personality == Personality::Disputing && m.dispute.invoice_id.empty())
      add(problems, place + ".dispute", "a disputing customer needs the invoice it contests");
    if (!m.dispute.invoice_id.empty() && c != kNone) {
      const Index inv = find_invoice(s.book, m.dispute.invoice_id);
      if (inv == kNone || s.book.invoices[inv].customer != c) {
        add(problems, place + ".dispute.invoice",
            "\"" + m.dispute.invoice_id + "\" is no invoice of customer " + m.customer_id);
      } else {
        const int64_t amount = s.book.invoices[inv].amount_minor;
        const int64_t contested = m.dispute.amount_minor ? m.dispute.amount_minor : amount;
        if (m.dispute.amount_minor < 0 || m.dispute.amount_minor > amount)
          add(problems, place + ".dispute.amount", "must be between 0 and the invoice's amount");
        else if (m.dispute.upheld_minor < 0 || m.dispute.upheld_minor > contested)
          add(problems, place + ".dispute.upheld", "must be between 0 and the amount contested");
      }
    }
  }
}

}  // namespace

bool check_scenario(const Scenario& s, std::vector<Problem>* problems) {
  const size_t before = problems->size();
  if (s.id.empty() || s.id.size() > 64) add(problems, "id", "needs an id of 1 to 64 bytes");
  if (s.title.empty() || s.title.size() > 200)
    add(problems, "title", "needs a title of 1 to 200 bytes");
  if (s.briefing.size() > kScenarioTextMax) add(problems, "briefing", "at most 4000 bytes");
  if (s.role.size() > 200) add(problems, "role", "at most 200 bytes");
  for (size_t i = 0; i < s.practices.size(); i++)
    if (!find_practice(s.practices[i]))
      add(problems, "practices[" + std::to_string(i) + "]",
          "\"" + s.practices[i] + "\" is no practice arlab teaches (docs/TRAINING.md lists them)");
  if (s.weeks < 1 || s.weeks > kScenarioWeeksMax)
    add(problems, "weeks", std::to_string(s.weeks) + " is not between 1 and 52");
  if (s.minutes_per_week < 1 || s.minutes_per_week > kScenarioMinutesMax)
    add(problems, "minutes_per_week", "must be between 1 and 10080 (a week)");
  const std::pair<const char*, int32_t> minutes[] = {
      {"call", s.minutes.call},         {"visit", s.minutes.visit},
      {"letter", s.minutes.letter},     {"hold", s.minutes.hold},
      {"release", s.minutes.release},   {"plan", s.minutes.plan},
      {"escalate", s.minutes.escalate}, {"resolve", s.minutes.resolve}};
  for (const auto& [name, m] : minutes)
    if (m < 0 || m > kScenarioMinutesMax)
      add(problems, std::string("minutes.") + name, "must be between 0 and 10080");
  if (s.goals.cash_minor < 0) add(problems, "goals.cash", "must not be negative");
  if (s.goals.dso_days < 1 || s.goals.dso_days > 3650)
    add(problems, "goals.dso_days", "must be between 1 and 3650");
  if (s.goals.bad_debt_max_minor < 0) add(problems, "goals.bad_debt_max", "must not be negative");
  const ScoreWeights& w = s.weights;
  if (w.cash < 0 || w.dso < 0 || w.bad_debt < 0 || w.relationship < 0 ||
      w.cash + w.dso + w.bad_debt + w.relationship != 100)
    add(problems, "weights",
        "cash " + std::to_string(w.cash) + " + dso " + std::to_string(w.dso) + " + bad_debt " +
            std::to_string(w.bad_debt) + " + relationship " + std::to_string(w.relationship) +
            " must be four percentages that sum to 100");
  if (s.book.customers.size() > kScenarioCustomersMax)
    add(problems, "book.customers",
        std::to_string(s.book.customers.size()) + " customers: a training book holds at most " +
            std::to_string(kScenarioCustomersMax));
  if (s.book.invoices.size() > kScenarioInvoicesMax)
    add(problems, "book.invoices",
        std::to_string(s.book.invoices.size()) + " invoices: a training book holds at most " +
            std::to_string(kScenarioInvoicesMax));
  if (s.start < kDateMin || s.start + 7 * kScenarioWeeksMax > kDateMax)
    add(problems, "start", "out of range");
  else
    check_dates_before(s, problems);
  check_cast(s, problems);
  return problems->size() == before;
}

}  // namespace arlab
