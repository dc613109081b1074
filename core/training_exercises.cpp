// training_exercises.cpp: the exercises the engine checks (core/training_exercises.h).
//
// [SECTION] Names
// [SECTION] Shared pieces
// [SECTION] Rank the worklist
// [SECTION] The dunning level due
// [SECTION] On hold and why
// [SECTION] Diagnose
// [SECTION] Aging, DSO and CEI
// [SECTION] Two commission plans
// [SECTION] make_exercises
// [SECTION] check_exercise
#include "training_exercises.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "aging.h"
#include "collection.h"
#include "credit_score.h"
#include "dunning.h"
#include "metrics.h"
#include "money.h"
#include "policy_sim.h"
#include "worklist.h"

namespace arlab {

// =========================================================================================
// [SECTION] Names
// =========================================================================================

namespace {

const char* const kKindNames[] = {"rank_worklist", "dunning_level", "hold",
                                  "diagnose",      "aging_dso_cei", "commission_plans"};
const char* const kKindLabels[] = {"Rank the worklist",  "The dunning level due",
                                   "On hold, and why",   "Diagnose the case",
                                   "Aging, DSO and CEI", "Two commission plans"};
const char* const kHoldNames[] = {"none", "over_limit", "past_limit", "manual"};
const char* const kHoldLabels[] = {"Not on hold", "Over its credit limit",
                                   "An invoice past its one-third limit", "On hold by hand"};
const char* const kMeasureNames[] = {"cash", "dso", "commission", "profit"};
const char* const kMeasureLabels[] = {"Cash collected", "DSO", "Commission", "Profit"};

template <size_t N, typename E>
bool parse_in(const char* const (&names)[N], std::string_view text, E* out) {
  for (size_t i = 0; i < N; i++)
    if (text == names[i]) return *out = E(i), true;
  return false;
}

}  // namespace

const char* exercise_kind_name(ExerciseKind k) {
  return kKindNames[size_t(k)];
}
const char* exercise_kind_label(ExerciseKind k) {
  return kKindLabels[size_t(k)];
}
bool parse_exercise_kind(std::string_view t, ExerciseKind* out) {
  return parse_in(kKindNames, t, out);
}
const char* hold_choice_name(HoldChoice c) {
  return kHoldNames[size_t(c)];
}
const char* hold_choice_label(HoldChoice c) {
  return kHoldLabels[size_t(c)];
}
bool parse_hold_choice(std::string_view t, HoldChoice* out) {
  return parse_in(kHoldNames, t, out);
}
const char* plan_measure_name(PlanMeasure m) {
  return kMeasureNames[size_t(m)];
}
const char* plan_measure_label(PlanMeasure m) {
  return kMeasureLabels[size_t(m)];
}
bool parse_plan_measure(std::string_view t, PlanMeasure* out) {
  return parse_in(kMeasureNames, t, out);
}

// =========================================================================================
// [SECTION] Shared pieces
// =========================================================================================

namespace {

struct Ctx {
  const Scenario& s;
  const Book& book;
  Date today;
  CollectionPosition position;
  std::string money(int64_t minor) const { return format_amount_grouped(minor, book.minor_digits); }
  std::string customer(Index c) const {
    return book.customers[c].id + " " + book.customers[c].name;
  }
};

std::string days_text(int32_t d) {
  return std::to_string(d) + (d == 1 || d == -1 ? " day" : " days");
}

// Hundredths as "32.50" (negative kept).
std::string centi_text(int64_t v) {
  std::string sign = v < 0 ? "-" : "";
  const int64_t a = std::llabs(v);
  const int64_t frac = a % 100;
  return sign + std::to_string(a / 100) + (frac < 10 ? ".0" : ".") + std::to_string(frac);
}

int32_t centi_of(double v) {
  return int32_t(std::llround(v * 100.0));
}

std::string level_text(const CollectionPolicy& policy, int32_t level) {
  if (level == kLevelNone) return "no letter";
  if (level == 0) return "the reminder";
  return "the " + dunning_level_name(policy, level) + " (level " + std::to_string(level) + ")";
}

// The customer's open invoices as of today, in date order.
std::vector<Index> open_invoices(const Ctx& x, Index c) {
  std::vector<Index> out;
  const BookIndex& ix = x.book.index;
  for (uint32_t k = ix.customer_invoice_first[c]; k < ix.customer_invoice_first[c + 1]; k++) {
    const Index i = ix.customer_invoices[k];
    if (x.position.invoices[i].open_minor > 0) out.push_back(i);
  }
  return out;
}

std::string cite(std::string text, const char* practice) {
  return text + " [" + practice + "]";
}

}  // namespace

// =========================================================================================
// [SECTION] Rank the worklist
// =========================================================================================

namespace {

bool make_rank(const Ctx& x, Exercise* e) {
  const std::vector<WorkItem> items = worklist(x.book, x.position);
  std::vector<const WorkItem*> top;  // Each customer's first item, in rank order.
  for (const WorkItem& w : items) {
    if (top.size() == kRankCustomersMax) break;
    bool seen = false;
    for (const WorkItem* t : top) seen = seen || t->customer == w.customer;
    if (!seen) top.push_back(&w);
  }
  if (top.size() < 2) return false;
  e->practices = {"act-on-day-one", "one-third", "five-words"};
  e->question = "Rank these customers as the worklist would on " + format_date(x.today) +
                ": the one to work first at the top.";
  e->facts = {
      "The order: first the action (escalate, hold, chase, send, remind, call, release, review, "
      "confirm), then the oldest first (days past due), then the larger amount, then the lower "
      "payment score (none: 50), then more broken promises, then the book's order."};
  std::vector<const WorkItem*> shown = top;
  std::sort(shown.begin(), shown.end(),
            [](const WorkItem* a, const WorkItem* b) { return a->customer < b->customer; });
  ExerciseTable t{"The worklist's customers (book order)",
                  {"Customer", "Name", "Action", "Days", "Amount", "Score", "Broken promises"},
                  {false, false, false, true, true, true, true},
                  {}};
  std::vector<int32_t> scores(x.book.customers.size(), 50);
  for (const WorkItem* w : top) {
    const PaymentScore ps = payment_score(x.book, w->customer, x.today);
    scores[w->customer] = ps.enough_history ? ps.score : 50;
  }
  for (const WorkItem* w : shown) {
    const Customer& c = x.book.customers[w->customer];
    t.rows.push_back({c.id, c.name, work_action_name(w->action), std::to_string(w->days),
                      x.money(w->amount_minor), std::to_string(scores[w->customer]),
                      std::to_string(w->broken)});
    e->choices.push_back(c.id);
  }
  e->tables.push_back(std::move(t));
  for (size_t k = 0; k < top.size(); k++) {
    const WorkItem& w = *top[k];
    e->answer.order.push_back(x.book.customers[w.customer].id);
    e->working.push_back(std::to_string(k + 1) + ". " + x.customer(w.customer) + ": " +
                         work_action_name(w.action) + " (action rank " +
                         std::to_string(work_action_priority(w.action) + 1) + " of 9), " +
                         days_text(w.days) + ", " + x.money(w.amount_minor) + ", score " +
                         std::to_string(scores[w.customer]) + ", " + std::to_string(w.broken) +
                         " broken; step: " + work_item_step(x.book, x.position, w));
  }
  e->working.push_back(
      cite("Age before amount: the chance of being paid falls with every week an invoice waits",
           "act-on-day-one"));
  const size_t n = top.size();
  e->max_points = int32_t(n * (n - 1) / 2);
  return true;
}

}  // namespace

// =========================================================================================
// [SECTION] The dunning level due
// =========================================================================================

namespace {

bool make_dunning(const Ctx& x, Exercise* e) {
  const CollectionPolicy& policy = x.book.collection.policy;
  const DunningRun run = dunning_run(x.book, x.today);
  Index c = kNone;
  for (const DunningLetter& l : run.letters)
    if (l.level >= 1) {
      c = l.customer;
      break;
    }
  for (size_t k = 0; c == kNone && k < x.position.customers.size(); k++)
    if (x.position.customers[k].overdue_minor > 0) c = Index(k);
  if (c == kNone) return false;
  const DunningRun mine = dunning_run(x.book, x.today, c);
  e->answer.level = mine.letters.empty() ? kLevelNone : mine.letters[0].level;
  e->practices = {"escalation-ladder", "act-on-day-one", "five-words"};
  e->question =
      "Which dunning letter is due for " + x.customer(c) + " on " + format_date(x.today) + "?";
  std::string levels = "The policy's levels:";
  for (size_t k = 0; k < policy.levels.size(); k++)
    levels += (k ? "; " : " ") + policy.levels[k].name + " (level " + std::to_string(k + 1) +
              ") from " + days_text(policy.levels[k].days) + " overdue, by " +
              work_owner_name(policy.levels[k].owner);
  e->facts = {levels + ".",
              "At most one level above the level already sent for an invoice; one letter a "
              "customer, at its invoices' highest level due; at least " +
                  days_text(policy.letter_gap_days) + " between two letters; a reminder " +
                  std::to_string(policy.reminder_days) +
                  " days before the due date when nothing is overdue."};
  const CustomerCaseState& cc = x.position.cases.customers[c];
  e->facts.push_back("Last letter to the customer: " + (cc.last_letter == kNoDate
                                                            ? std::string("none")
                                                            : format_date(cc.last_letter)));
  ExerciseTable t{"Open invoices of " + x.customer(c),
                  {"Invoice", "Due", "Days overdue", "Open", "Level sent", "Disputed"},
                  {false, false, true, true, true, true},
                  {}};
  for (Index i : open_invoices(x, c)) {
    const InvoicePosition& ip = x.position.invoices[i];
    const std::string id(x.book.str(x.book.invoices[i].id));
    t.rows.push_back({id, format_date(ip.due), std::to_string(ip.days_past_due),
                      x.money(ip.open_minor), std::to_string(ip.level_sent),
                      x.money(ip.disputed_minor)});
    if (ip.days_past_due <= 0) {
      e->working.push_back(id + ": not overdue (due " + format_date(ip.due) + ")");
      continue;
    }
    const int32_t by_days = dunning_level_by_days(policy, ip.days_past_due);
    const int32_t due = dunning_level_due(policy, ip.days_past_due, ip.level_sent);
    std::string line =
        id + ": " + days_text(ip.days_past_due) + " overdue reaches " +
        level_text(policy, by_days) + "; " +
        (ip.level_sent ? level_text(policy, ip.level_sent) : std::string("no letter")) +
        " sent, so at most level " + std::to_string(ip.level_sent + 1) + ": level due " +
        std::to_string(due);
    if (ip.disputed_minor > 0 || ip.blocked || ip.plan != kNone)
      line += ip.disputed_minor > 0 ? " (disputed: not dunned)"
              : ip.blocked          ? " (blocked: not dunned)"
                                    : " (in a plan: its instalments are dunned)";
    e->working.push_back(cite(line, "escalation-ladder"));
  }
  e->tables.push_back(std::move(t));
  if (mine.gap_customers > 0 && cc.last_letter != kNoDate)
    e->working.push_back("The last letter went on " + format_date(cc.last_letter) + ", " +
                         days_text(x.today - cc.last_letter) + " ago, less than the gap of " +
                         days_text(policy.letter_gap_days) + ": no letter today");
  e->working.push_back(
      "So: " + level_text(policy, e->answer.level) +
      (mine.letters.empty() ? "" : ", for " + x.money(mine.letters[0].total_minor)));
  e->choices = {"none", "reminder"};
  for (const DunningLevel& l : policy.levels) e->choices.push_back(l.name);
  e->max_points = 1;
  return true;
}

}  // namespace

// =========================================================================================
// [SECTION] On hold and why
// =========================================================================================

namespace {

bool make_hold(const Ctx& x, Exercise* e) {
  Index c = kNone;
  for (size_t k = 0; c == kNone && k < x.position.customers.size(); k++)
    if (x.position.customers[k].hold != kHoldNone) c = Index(k);
  for (size_t k = 0; c == kNone && k < x.position.customers.size(); k++)
    if (x.position.customers[k].overdue_minor > 0) c = Index(k);
  if (c == kNone) return false;
  const CustomerPosition& cp = x.position.customers[c];
  e->practices = {"stop-supply", "one-third"};
  e->question = "Is " + x.customer(c) + " on hold on " + format_date(x.today) + ", and why?";
  e->facts = {
      "Credit limit: " +
          (cp.credit_limit_minor < 0 ? std::string("none") : x.money(cp.credit_limit_minor)) +
          "; owed (open and unapplied credit): " + x.money(cp.owed_minor),
      "An invoice's one-third limit: a third of its credit period (due - date) in days "
      "overdue.",
      std::string("On hold by hand: ") + (cp.hold_record == kNone ? "no" : "yes")};
  ExerciseTable t{"Open invoices of " + x.customer(c),
                  {"Invoice", "Date", "Due", "Credit period", "Days overdue", "Open", "Disputed"},
                  {false, false, false, true, true, true, true},
                  {}};
  for (Index i : open_invoices(x, c)) {
    const InvoicePosition& ip = x.position.invoices[i];
    const std::string id(x.book.str(x.book.invoices[i].id));
    t.rows.push_back({id, format_date(x.book.invoices[i].date), format_date(ip.due),
                      days_text(ip.period_days), std::to_string(ip.days_past_due),
                      x.money(ip.open_minor), x.money(ip.disputed_minor)});
    if (ip.days_past_due > 0)
      e->working.push_back(cite(
          id + ": credit period " + days_text(ip.period_days) + ", limit " +
              days_text(ip.limit_days) + " overdue (act by day " +
              std::to_string(ip.period_days + ip.limit_days) + "); " + days_text(ip.days_past_due) +
              " overdue: " + (ip.stage == Stage::Clearing ? "past the limit" : "within the limit") +
              (ip.stage == Stage::Clearing && ip.chase_minor() == 0 ? " (wholly disputed)" : ""),
          "one-third"));
  }
  e->tables.push_back(std::move(t));
  e->answer.on_hold = cp.hold != kHoldNone;
  e->answer.reason = (cp.hold & kHoldPastLimit)   ? HoldChoice::PastLimit
                     : (cp.hold & kHoldOverLimit) ? HoldChoice::OverLimit
                     : (cp.hold & kHoldManual)    ? HoldChoice::Manual
                                                  : HoldChoice::None;
  if (cp.hold & kHoldPastLimit) e->hold_reasons.push_back(HoldChoice::PastLimit);
  if (cp.hold & kHoldOverLimit) e->hold_reasons.push_back(HoldChoice::OverLimit);
  if (cp.hold & kHoldManual) e->hold_reasons.push_back(HoldChoice::Manual);
  if (cp.credit_limit_minor >= 0)
    e->working.push_back("Owes " + x.money(cp.owed_minor) + " against a limit of " +
                         x.money(cp.credit_limit_minor) +
                         (cp.owed_minor > cp.credit_limit_minor ? ": over it" : ": within it"));
  const std::string line = hold_reasons_line(x.book, x.position, c);
  e->working.push_back(
      cite(line.empty() ? "Not on hold: no rule fired" : "On hold: " + line, "stop-supply"));
  const std::string release = hold_release_line(x.book, x.position, c);
  if (!release.empty()) e->working.push_back(release);
  for (int k = 0; k < kHoldChoiceCount; k++) e->choices.push_back(kHoldNames[k]);
  e->max_points = 2;
  return true;
}

}  // namespace

// =========================================================================================
// [SECTION] Diagnose
// =========================================================================================

namespace {

// The lesson of each cause, in arlab's words.
const char* cause_lesson(Cause c) {
  switch (c) {
    case Cause::Negligence:
      return "Negligence: the money is there, the invoice was forgotten; a prompt call or "
             "reminder is all it takes";
    case Cause::Dispute:
      return "Dispute: the customer holds back over the goods, the service or a promise; settle "
             "the claim first, pressure before that only hardens it";
    case Cause::CashShortage:
      return "Cash shortage: the customer wants to pay and cannot yet; ask for the whole amount, "
             "then agree a plan it can keep";
    case Cause::Triangular:
      return "Triangular debt: the customer waits for its own debtor; be the supplier it pays "
             "first when that money arrives";
    case Cause::Deliberate:
      return "Deliberate default: the customer could pay and chooses not to; stop supply and "
             "climb the escalation ladder";
    case Cause::Unknown:
      break;
  }
  return "Cause not known: ask before acting";
}

const char* stance_lesson(Stance s) {
  switch (s) {
    case Stance::CantPay:
      return "Can't pay: give time and a plan, keep the relationship";
    case Stance::WontPay:
      return "Won't pay: pressure (hold, letters, management, legal)";
    case Stance::Unknown:
      break;
  }
  return "Neither won't nor can't: it pays once reminded, no pressure or plan is needed";
}

bool make_diagnose(const Ctx& x, Exercise* e) {
  const CastMember* pick = nullptr;
  for (int pass = 0; pass < 2 && !pick; pass++)
    for (const CastMember& m : x.s.cast) {
      if (m.story.empty() || personality_cause(m.personality) == Cause::Unknown) continue;
      if (pass == 0 && personality_stance(m.personality) == Stance::Unknown) continue;
      pick = &m;
      break;
    }
  if (!pick) return false;
  const Index c = find_customer(x.book, pick->customer_id);
  e->practices = {"causes", "wont-vs-cant", "overdue-methods"};
  e->question = "From " + x.customer(c) +
                "'s case file, why is it paying late, and is it a customer who won't pay or "
                "one who can't?";
  e->facts = {"The contact" +
              (pick->contact.empty() ? std::string("") : " (" + pick->contact + ")") + " says: \"" +
              pick->story + "\""};
  ExerciseTable t{"Invoices of " + x.customer(c),
                  {"Invoice", "Date", "Due", "Amount", "Open", "Days overdue"},
                  {false, false, false, true, true, true},
                  {}};
  const BookIndex& ix = x.book.index;
  for (uint32_t k = ix.customer_invoice_first[c]; k < ix.customer_invoice_first[c + 1]; k++) {
    const Index i = ix.customer_invoices[k];
    const InvoicePosition& ip = x.position.invoices[i];
    t.rows.push_back({std::string(x.book.str(x.book.invoices[i].id)),
                      format_date(x.book.invoices[i].date), format_date(ip.due),
                      x.money(x.book.invoices[i].amount_minor), x.money(ip.open_minor),
                      ip.open_minor > 0 ? std::to_string(ip.days_past_due) : "-"});
  }
  e->tables.push_back(std::move(t));
  e->answer.cause = personality_cause(pick->personality);
  e->answer.stance = personality_stance(pick->personality);
  e->working.push_back("The story: \"" + pick->story + "\" (a " +
                       personality_label(pick->personality) + " customer)");
  e->working.push_back(cite(cause_lesson(e->answer.cause), "causes"));
  e->working.push_back(cite(stance_lesson(e->answer.stance), "wont-vs-cant"));
  for (int k = 0; k <= int(Cause::Deliberate); k++) e->choices.push_back(cause_name(Cause(k)));
  e->max_points = 2;
  return true;
}

}  // namespace

// =========================================================================================
// [SECTION] Aging, DSO and CEI
// =========================================================================================

namespace {

constexpr int32_t kDsoWindowDays = 90;

// The customer whose open invoices spread over the most aging buckets (a by-hand exercise
// worth doing), with sales in the window, so that DSO and CEI exist; ties: book order.
Index aging_customer(const Ctx& x, Date from) {
  Index best = kNone;
  size_t best_buckets = 0;
  for (size_t c = 0; c < x.book.customers.size(); c++) {
    std::vector<bool> used(kDefaultAgingEdges.size() + 1, false);
    bool sales = false;
    size_t count = 0;
    const BookIndex& ix = x.book.index;
    for (uint32_t k = ix.customer_invoice_first[c]; k < ix.customer_invoice_first[c + 1]; k++) {
      const Index i = ix.customer_invoices[k];
      const InvoicePosition& ip = x.position.invoices[i];
      sales = sales || (x.book.invoices[i].date >= from && x.book.invoices[i].date <= x.today);
      if (ip.open_minor <= 0) continue;
      const size_t b = aging_bucket_of(kDefaultAgingEdges, ip.days_past_due);
      count += used[b] ? 0 : 1;
      used[b] = true;
    }
    if (sales && count > best_buckets) best = Index(c), best_buckets = count;
  }
  return best;
}

bool make_aging(const Ctx& x, Exercise* e) {
  const Date from = x.today - (kDsoWindowDays - 1);
  const Index c = aging_customer(x, from);
  if (c == kNone) return false;
  const Metrics m = compute_metrics(x.book, from, x.today, kDefaultRateBp,
                                    MetricsFilter{MetricsFilter::Kind::Customer, c});
  if (!m.dso || !m.cei) return false;
  const AgingReport aging = compute_aging(x.book, x.today, kDefaultAgingEdges);
  e->practices = {"measure-dso", "act-on-day-one", "practice-figures"};
  e->question = "Work out by hand " + x.customer(c) + "'s aging on " + format_date(x.today) +
                " (open amount a bucket of days past due), its DSO and its CEI over the " +
                std::to_string(kDsoWindowDays) + " days " + format_date(from) + " to " +
                format_date(x.today) + ".";
  e->choices = aging.bucket_names;
  e->facts = {
      "Days past due = " + format_date(x.today) + " - the due date; due today or later is current.",
      "DSO = receivables open at the end / credit sales in the period x days.",
      "CEI = (open at the start + sales - open at the end) / (open at the start + "
      "sales - current at the end) x 100; open at the start is as of " +
          format_date(from - 1) + "."};
  ExerciseTable t{"Invoices of " + x.customer(c),
                  {"Invoice", "Date", "Due", "Amount", "Paid by " + format_date(x.today)},
                  {false, false, false, true, true},
                  {}};
  std::vector<int64_t> buckets(aging.bucket_names.size(), 0);
  const BookIndex& ix = x.book.index;
  for (uint32_t k = ix.customer_invoice_first[c]; k < ix.customer_invoice_first[c + 1]; k++) {
    const Index i = ix.customer_invoices[k];
    const Invoice& inv = x.book.invoices[i];
    const InvoicePosition& ip = x.position.invoices[i];
    const std::string id(x.book.str(inv.id));
    t.rows.push_back({id, format_date(inv.date), format_date(inv.due), x.money(inv.amount_minor),
                      x.money(inv.amount_minor - ip.open_minor)});
    const int64_t begin_open = invoice_open_minor(x.book, i, from - 1);
    std::string line = id + ": ";
    if (ip.open_minor > 0) {
      const size_t b = aging_bucket_of(kDefaultAgingEdges, ip.days_past_due);
      line += x.money(ip.open_minor) + " open, " + days_text(ip.days_past_due) + " past due (due " +
              format_date(ip.due) + "): " + aging.bucket_names[b];
    } else {
      line += "paid, nothing open";
    }
    if (inv.date >= from) line += "; a sale of the period";
    if (begin_open > 0) line += "; open at the start " + x.money(begin_open);
    e->working.push_back(line);
  }
  e->tables.push_back(std::move(t));
  for (const CustomerAging& ca : aging.customers)
    if (ca.customer == c) buckets = ca.amounts_minor;
  e->answer.buckets_minor = buckets;
  std::string sum = "Buckets:";
  for (size_t b = 0; b < buckets.size(); b++)
    sum += (b ? ", " : " ") + aging.bucket_names[b] + " " + x.money(buckets[b]);
  e->working.push_back(cite(sum, "act-on-day-one"));
  e->answer.dso_centidays = centi_of(*m.dso);
  e->answer.cei_centipoints = centi_of(*m.cei);
  e->working.push_back(cite("DSO = " + x.money(m.ar_end_minor) + " / " +
                                x.money(m.credit_sales_minor) + " x " + std::to_string(m.days) +
                                " = " + centi_text(e->answer.dso_centidays) + " days",
                            "measure-dso"));
  e->working.push_back(
      cite("CEI = (" + x.money(m.ar_begin_minor) + " + " + x.money(m.credit_sales_minor) + " - " +
               x.money(m.ar_end_minor) + ") / (" + x.money(m.ar_begin_minor) + " + " +
               x.money(m.credit_sales_minor) + " - " + x.money(m.current_end_minor) +
               ") x 100 = " + centi_text(e->answer.cei_centipoints),
           "measure-dso"));
  e->max_points = int32_t(buckets.size()) + 2;
  return true;
}

}  // namespace

// =========================================================================================
// [SECTION] Two commission plans
// =========================================================================================

namespace {

constexpr int32_t kCommissionRatePpm = 30000;  // 3% in both plans: only the basis differs.
constexpr int32_t kPlanRuns = 200;             // Enough for stable bands, fast in WASM too.
constexpr int32_t kPlanMonths = 12;            // The scenario books repeat a year's sales.

SimPolicy commission_policy(const char* name, CommissionBasis basis) {
  SimPolicy p = SimPolicy::defaults();
  p.name = name;
  p.commission.on = true;
  p.commission.plan.name = name;
  p.commission.plan.basis = basis;
  p.commission.plan.rate_ppm = kCommissionRatePpm;
  return p;
}

SimMetric sim_metric_of(PlanMeasure m) {
  switch (m) {
    case PlanMeasure::Cash:
      return kSimCash;
    case PlanMeasure::Dso:
      return kSimDso;
    case PlanMeasure::Commission:
      return kSimCommissionCost;
    case PlanMeasure::Profit:
      break;
  }
  return kSimProfit;
}
// Whether more of the measure is better for the firm.
bool more_is_better(PlanMeasure m) {
  return m == PlanMeasure::Cash || m == PlanMeasure::Profit;
}

std::string band_value(const Ctx& x, PlanMeasure m, int64_t v) {
  return m == PlanMeasure::Dso ? centi_text(v) : x.money(v);
}

bool make_commission(const Ctx& x, Exercise* e) {
  if (x.book.salespeople.empty()) return false;
  bool assigned = false;
  for (const Customer& c : x.book.customers) assigned = assigned || c.salesperson != kNone;
  if (!assigned) return false;
  SimRequest req;
  req.from = x.today;
  req.horizon_months = kPlanMonths;
  req.runs = kPlanRuns;
  req.seed = x.s.seed;
  req.policies = {commission_policy("A: 3% of invoiced sales", CommissionBasis::Invoiced),
                  commission_policy("B: 3% of collected cash", CommissionBasis::Collected)};
  std::string why;
  const std::optional<SimResult> r = run_simulation(x.book, req, 1, &why);
  if (!r || r->policies.size() != 2) return false;
  e->practices = {"commission-on-cash", "measure-dso"};
  e->question =
      "Which commission plan would you give this sales team, A or B, and which of "
      "the simulator's measures decides it?";
  e->facts = {
      "Both plans pay 3% and differ only in when: A on the invoice at booking, B on the "
      "cash when the customer pays.",
      "The simulator: " + std::to_string(kPlanRuns) + " runs of " + std::to_string(kPlanMonths) +
          " months from " + format_date(x.today) + ", seed " + std::to_string(x.s.seed) +
          ", both plans on the same draws; mean and 5-95% band."};
  ExerciseTable team{"The team", {"Salesperson", "Name", "Customers"}, {false, false, false}, {}};
  for (size_t p = 0; p < x.book.salespeople.size(); p++) {
    std::string names;
    for (const Customer& c : x.book.customers)
      if (c.salesperson == Index(p)) names += (names.empty() ? "" : ", ") + c.id;
    team.rows.push_back({x.book.salespeople[p].id, x.book.salespeople[p].name, names});
  }
  e->tables.push_back(std::move(team));
  ExerciseTable sim{"The simulator's figures",
                    {"Measure", "A mean", "A 5-95", "B mean", "B 5-95", "B - A mean", "B - A 5-95"},
                    {false, true, true, true, true, true, true},
                    {}};
  const SimPolicyResult& a = r->policies[0];
  const SimPolicyResult& b = r->policies[1];
  auto mean = [](double v) { return int64_t(std::llround(v)); };
  for (int k = 0; k < kPlanMeasureCount; k++) {
    const PlanMeasure m = PlanMeasure(k);
    const SimMetric s = sim_metric_of(m);
    auto band = [&](const Band& v) {
      return band_value(x, m, v.p5) + " to " + band_value(x, m, v.p95);
    };
    sim.rows.push_back({plan_measure_label(m), band_value(x, m, mean(a.total[s].mean)),
                        band(a.total[s]), band_value(x, m, mean(b.total[s].mean)), band(b.total[s]),
                        band_value(x, m, mean(b.diff_total[s].mean)), band(b.diff_total[s])});
  }
  e->tables.push_back(std::move(sim));
  const double profit_diff = b.diff_total[kSimProfit].mean;
  e->answer.plan = profit_diff > 0 ? 1 : 0;
  const bool b_wins = e->answer.plan == 1;
  for (int k = 0; k < kPlanMeasureCount; k++) {
    const PlanMeasure m = PlanMeasure(k);
    const Band& d = b.diff_total[sim_metric_of(m)];
    // The winner's side: B - A above zero is B's side for "more is better".
    const bool b_side = more_is_better(m) ? d.p5 > 0 : d.p95 < 0;
    const bool a_side = more_is_better(m) ? d.p95 < 0 : d.p5 > 0;
    if (b_wins ? b_side : a_side) e->deciding.push_back(m);
  }
  const bool by_mean = e->deciding.empty();  // No band clear of zero: the mean decides.
  if (by_mean) e->deciding.push_back(PlanMeasure::Profit);
  e->answer.measure = e->deciding[0];
  e->working.push_back(std::string("Profit: B - A = ") + x.money(mean(profit_diff)) +
                       " a run on average: plan " + (b_wins ? "B" : "A") + " earns more");
  if (by_mean)
    e->working.push_back(
        "No measure's 5-95 band of B - A lies wholly on one side: the mean "
        "profit decides");
  for (PlanMeasure m : by_mean ? std::vector<PlanMeasure>{} : e->deciding) {
    const Band& d = b.diff_total[sim_metric_of(m)];
    e->working.push_back(std::string(plan_measure_label(m)) + ": B - A from " +
                         band_value(x, m, d.p5) + " to " + band_value(x, m, d.p95) +
                         " in 90% of the runs, wholly on " + (b_wins ? "B" : "A") + "'s side");
  }
  for (const SimPersonResult& p : b.people)
    for (const SimPersonResult& q : a.people)
      if (q.id == p.id)
        e->working.push_back(p.id + " " + p.name + ": commission " +
                             x.money(mean(q.commission.mean)) + " under A, " +
                             x.money(mean(p.commission.mean)) + " under B");
  e->working.push_back(
      cite("Paid on cash, a salesperson chases the money and sells to customers who pay",
           "commission-on-cash"));
  e->choices = {a.name, b.name};
  e->max_points = 2;
  return true;
}

}  // namespace

// =========================================================================================
// [SECTION] make_exercises
// =========================================================================================

std::vector<Exercise> make_exercises(const Scenario& s) {
  Ctx x{s, s.book, s.start, collection_position(s.book, s.start)};
  using Maker = bool (*)(const Ctx&, Exercise*);
  const Maker makers[kExerciseKindCount] = {make_rank,     make_dunning, make_hold,
                                            make_diagnose, make_aging,   make_commission};
  std::vector<Exercise> out;
  for (int k = 0; k < kExerciseKindCount; k++) {
    Exercise e;
    e.kind = ExerciseKind(k);
    e.answer.kind = e.kind;
    e.scenario_id = s.id;
    e.minor_digits = s.book.minor_digits;
    e.currency = s.book.currency;
    if (makers[k](x, &e)) out.push_back(std::move(e));
  }
  return out;
}

// =========================================================================================
// [SECTION] check_exercise
// =========================================================================================

namespace {

// Pairs (i, j), i before j in the engine's order, that the answer also puts in that order.
int32_t pairs_in_order(const std::vector<std::string>& right, const std::vector<std::string>& got) {
  int32_t n = 0;
  for (size_t i = 0; i < right.size(); i++)
    for (size_t j = i + 1; j < right.size(); j++) {
      const auto a = std::find(got.begin(), got.end(), right[i]);
      const auto b = std::find(got.begin(), got.end(), right[j]);
      n += a < b ? 1 : 0;
    }
  return n;
}

std::string join(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void check_rank(const Exercise& e, const ExerciseAnswer& a, ExerciseFeedback* f) {
  std::vector<std::string> sorted_got = a.order, sorted_right = e.answer.order;
  std::sort(sorted_got.begin(), sorted_got.end());
  std::sort(sorted_right.begin(), sorted_right.end());
  if (sorted_got != sorted_right) {
    f->verdict.push_back("The answer must list each of " + join(e.choices) + " once, not " +
                         (a.order.empty() ? std::string("nothing") : join(a.order)));
    return;
  }
  f->points = pairs_in_order(e.answer.order, a.order);
  f->verdict.push_back(std::to_string(f->points) + " of " + std::to_string(f->max) +
                       " pairs in the worklist's order; the worklist: " + join(e.answer.order));
}

void check_figures(const Exercise& e, const ExerciseAnswer& a, ExerciseFeedback* f) {
  const size_t n = e.answer.buckets_minor.size();
  for (size_t b = 0; b < n; b++) {
    const int64_t got = b < a.buckets_minor.size() ? a.buckets_minor[b] : -1;
    const bool ok = got == e.answer.buckets_minor[b];
    f->points += ok ? 1 : 0;
    f->verdict.push_back(
        e.choices[b] + ": " +
        (got < 0 ? std::string("not answered") : format_amount_grouped(got, e.minor_digits)) +
        (ok ? " right"
            : ", the engine: " + format_amount_grouped(e.answer.buckets_minor[b], e.minor_digits)));
  }
  auto figure = [&](const char* name, int32_t got, int32_t right, const char* unit) {
    const bool ok = std::abs(int64_t(got) - right) <= kFigureToleranceCenti;
    f->points += ok ? 1 : 0;
    f->verdict.push_back(std::string(name) + " " + centi_text(got) +
                         (ok ? " right (within 0.50 " + std::string(unit) + ")"
                             : ", the engine: " + centi_text(right)));
  };
  figure("DSO", a.dso_centidays, e.answer.dso_centidays, "day");
  figure("CEI", a.cei_centipoints, e.answer.cei_centipoints, "point");
}

void check_plans(const Exercise& e, const ExerciseAnswer& a, ExerciseFeedback* f) {
  const bool plan_ok = a.plan == e.answer.plan;
  const bool measure_ok =
      plan_ok && std::find(e.deciding.begin(), e.deciding.end(), a.measure) != e.deciding.end();
  f->points = int32_t(plan_ok) + int32_t(measure_ok);
  std::string deciding;
  for (PlanMeasure m : e.deciding)
    deciding += (deciding.empty() ? "" : ", ") + std::string(plan_measure_name(m));
  f->verdict.push_back(
      std::string("Plan ") + (a.plan ? "B" : "A") +
      (plan_ok ? ": right"
               : ": the simulator favours plan " + std::string(e.answer.plan ? "B" : "A")));
  f->verdict.push_back(std::string("Measure ") + plan_measure_name(a.measure) +
                       (measure_ok ? ": it decides" : ": what decides is " + deciding));
}

}  // namespace

ExerciseFeedback check_exercise(const Exercise& e, const ExerciseAnswer& a) {
  ExerciseFeedback f;
  f.kind = e.kind;
  f.max = e.max_points;
  f.practices = e.practices;
  f.working = e.working;
  const ExerciseAnswer& r = e.answer;
  const std::string right = answer_text(e, r);
  switch (e.kind) {
    case ExerciseKind::RankWorklist:
      check_rank(e, a, &f);
      break;
    case ExerciseKind::DunningLevel:
      f.points = a.level == r.level ? 1 : 0;
      f.verdict.push_back(answer_text(e, a) + (f.points ? ": right" : "; the engine: " + right));
      break;
    case ExerciseKind::Hold: {
      f.points = a.on_hold == r.on_hold ? 1 : 0;
      // Any reason in force counts.
      const std::vector<HoldChoice>& in = e.hold_reasons;
      const bool reason_ok = r.on_hold ? std::find(in.begin(), in.end(), a.reason) != in.end()
                                       : a.reason == HoldChoice::None;
      f.points += reason_ok && f.points ? 1 : 0;
      f.verdict.push_back(answer_text(e, a) +
                          (f.points == 2 ? ": right" : "; the engine: " + right));
      break;
    }
    case ExerciseKind::Diagnose:
      f.points = int32_t(a.cause == r.cause) + int32_t(a.stance == r.stance);
      f.verdict.push_back(answer_text(e, a) +
                          (f.points == 2 ? ": right" : "; the case file: " + right));
      break;
    case ExerciseKind::AgingDsoCei:
      check_figures(e, a, &f);
      break;
    case ExerciseKind::CommissionPlans:
      check_plans(e, a, &f);
      break;
  }
  f.correct = f.points == f.max;
  return f;
}

std::string answer_text(const Exercise& e, const ExerciseAnswer& a) {
  switch (e.kind) {
    case ExerciseKind::RankWorklist:
      return join(a.order);
    case ExerciseKind::DunningLevel:
      if (a.level == kLevelNone) return "no letter";
      if (a.level == 0) return "the reminder";
      return (size_t(a.level) + 1 < e.choices.size() ? e.choices[size_t(a.level) + 1]
                                                     : std::string("level")) +
             " (level " + std::to_string(a.level) + ")";
    case ExerciseKind::Hold:
      return a.on_hold ? std::string("yes: ") + hold_choice_label(a.reason)
                       : std::string("no") +
                             (a.reason == HoldChoice::None
                                  ? ""
                                  : std::string(" (but ") + hold_choice_label(a.reason) + ")");
    case ExerciseKind::Diagnose:
      return std::string(cause_label(a.cause)) + ", " + stance_label(a.stance);
    case ExerciseKind::AgingDsoCei: {
      std::string out;
      for (size_t b = 0; b < a.buckets_minor.size() && b < e.choices.size(); b++)
        out +=
            e.choices[b] + " " + format_amount_grouped(a.buckets_minor[b], e.minor_digits) + "; ";
      return out + "DSO " + centi_text(a.dso_centidays) + ", CEI " + centi_text(a.cei_centipoints);
    }
    case ExerciseKind::CommissionPlans:
      return std::string("plan ") + (a.plan ? "B" : "A") +
             (size_t(a.plan) < e.choices.size() ? " (" + e.choices[size_t(a.plan)] + ")" : "") +
             ", by " + plan_measure_name(a.measure);
  }
  return "";
}

}  // namespace arlab
