// training_game.cpp: the portfolio game (training_game.h; the rules are in its header and in
// docs/TRAINING.md).
//
// [SECTION] Draws and names
// [SECTION] The book: records, payments, write-offs
// [SECTION] What is open
// [SECTION] Start
// [SECTION] Moves
// [SECTION] Days
// [SECTION] play_week
// [SECTION] Scripted policies
// [SECTION] Score and debrief
#include "core/training_game.h"

#include <algorithm>
#include <cmath>

#include "core/casefile.h"
#include "core/collection.h"
#include "core/dunning.h"
#include "core/draws.h"
#include "core/edit.h"
#include "core/metrics.h"
#include "core/training_call.h"
#include "core/money.h"
#include "core/simulate.h"
#include "core/worklist.h"

namespace arlab {

namespace {

// =========================================================================================
// [SECTION] Draws and names
// =========================================================================================
// A draw is a hash of (seed, purpose, who, week): no stream is shared, so a move never shifts
// another customer's draws (core/draws.h: mix, below).

enum Purpose : uint64_t {
  kDrawPayLag = 1,    // An invoice's own payment day (per invoice).
  kDrawDefault = 2,   // A deliberate defaulter's weekly default (per customer, week).
  kDrawPressure = 3,  // Its one draw under pressure (per customer).
  kDrawHistory = 4,   // An invoice's pick among its customer's settled history (per invoice).
  kDrawCall = 5,      // A deliberate defaulter's promise on a call (per customer, week).
};

uint64_t draw(const GameState& g, uint64_t purpose, uint64_t who, uint64_t week) {
  return mix(g.scenario.seed ^ mix(purpose * 0xd1b54a32d192ed03ULL ^ mix(who ^ mix(week))));
}
// lo..hi, both included.
int32_t draw_days(uint64_t h, int32_t lo, int32_t hi) {
  return lo + int32_t(below(h, uint64_t(hi - lo + 1)));
}
bool chance_ppm(uint64_t h, int64_t ppm) {
  return int64_t(below(h, 1000000)) < ppm;
}

constexpr Date kNever{kDateMax.days};
constexpr const char* kBy = "trainee";

std::string money(const GameState& g, int64_t minor) {
  return format_amount_grouped(minor, g.book.minor_digits);
}
const std::string& cid(const GameState& g, Index c) {
  return g.book.customers[c].id;
}
std::string inv_id(const GameState& g, Index i) {
  return std::string(g.book.str(g.book.invoices[i].id));
}

// A customer as the trainee knows it during the game: its id and name. Its personality is
// what the trainee finds out (a call hears the story), so the week's events never name it;
// the debrief, after the game, does (revealed).
std::string who(const GameState& g, Index c) {
  return cid(g, c) + " " + g.book.customers[c].name;
}
std::string revealed(const GameState& g, Index c) {
  return cid(g, c) + " (" + personality_label(g.customers[c].personality) + ")";
}

void relate(GameState* g, Index c, int32_t delta) {
  CustomerPlay& p = g->customers[c];
  p.relationship = std::clamp(p.relationship + delta, 0, 100);
}

// =========================================================================================
// [SECTION] The book: records, payments, write-offs
// =========================================================================================

bool apply_edit(GameState* g, const Edit& e, std::string* why) {
  History h;
  std::vector<Problem> problems;
  if (h.apply(g->book, e, &problems)) return true;
  *why =
      "the game could not book " + describe(e, g->book) + ": " +
      (problems.empty() ? std::string("refused") : problems[0].place + " " + problems[0].message);
  return false;
}

CaseRecord record(RecordKind kind, Date d, std::string text) {
  CaseRecord r;
  r.kind = kind;
  r.date = d;
  r.by = kBy;
  r.text = text.size() > kRecordTextMax ? text.substr(0, kRecordTextMax) : std::move(text);
  return r;
}

// Appends a record about customer c naming `invoices`; its index in *at (if given).
bool add_record(GameState* g, Index c, CaseRecord r, const std::vector<Index>& invoices,
                std::string* why, Index* at = nullptr) {
  NewRecord nr{std::move(r), cid(*g, c), {}};
  for (Index i : invoices) nr.invoice_ids.push_back(inv_id(*g, i));
  if (!apply_edit(g, Edit{nr}, why)) return false;
  if (at) *at = Index(g->book.collection.records.size() - 1);
  return true;
}

// The next free id "PREFIX<n>" for the game's documents.
std::string fresh_id(GameState* g, const char* prefix,
                     Index (*find)(const Book&, std::string_view)) {
  for (;;) {
    std::string id = prefix + std::to_string(g->next_id++);
    if (find(g->book, id) == kNone) return id;
  }
}

WeekLog& week_log(GameState* g) {
  return g->log.back();
}

void event(GameState* g, Date d, std::string text) {
  week_log(g).events.push_back(format_date(d) + " " + std::move(text));
}

// =========================================================================================
// [SECTION] What is open
// =========================================================================================

// The part of invoice i the customer contests and will not pay before the dispute is resolved.
int64_t contested_minor(const GameState& g, Index i, int64_t open) {
  const CustomerPlay& p = g.customers[g.book.invoices[i].customer];
  if (p.dispute_invoice != i || p.dispute_resolved) return 0;
  return std::min(open, p.dispute_minor ? p.dispute_minor : open);
}
// What the customer would pay of invoice i on day d (open less the contested part).
int64_t payable_minor(const GameState& g, Index i, Date d) {
  const int64_t open = invoice_open_minor(g.book, i, d);
  return open - contested_minor(g, i, open);
}

// The customer's invoices dated on or before d with something payable, oldest due first;
// with `due_by`, only those due on or before it.
std::vector<Index> payable_invoices(const GameState& g, Index c, Date d, Date due_by = kNever) {
  const BookIndex& x = g.book.index;
  std::vector<Index> out;
  for (uint32_t k = x.customer_invoice_first[c]; k < x.customer_invoice_first[c + 1]; k++) {
    const Index i = x.customer_invoices[k];
    if (g.book.invoices[i].due <= due_by && payable_minor(g, i, d) > 0) out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(), [&](Index a, Index b) {
    const Invoice &x1 = g.book.invoices[a], &x2 = g.book.invoices[b];
    return x1.due != x2.due ? x1.due < x2.due : x1.date < x2.date;
  });
  return out;
}
std::vector<Index> overdue_invoices(const GameState& g, Index c, Date d) {
  return payable_invoices(g, c, d, d - 1);
}
int64_t payable_total(const GameState& g, const std::vector<Index>& invoices, Date d) {
  int64_t sum = 0;
  for (Index i : invoices) sum += payable_minor(g, i, d);
  return sum;
}

// Pays on d, oldest due first, what is payable of `invoices`, at most `limit` (-1: all), as
// one payment with explicit allocations (the contested part is never touched).
bool pay(GameState* g, Index c, Date d, const std::vector<Index>& invoices, int64_t limit,
         const char* why_paid, std::string* why) {
  NewReceipt r;
  r.customer_id = cid(*g, c);
  r.date = d;
  std::string listed;
  for (Index i : invoices) {
    int64_t a = payable_minor(*g, i, d);
    if (limit >= 0) a = std::min(a, limit - r.amount_minor);
    if (a <= 0) continue;
    r.allocations.push_back({inv_id(*g, i), a});
    r.amount_minor += a;
    listed += (listed.empty() ? "" : ", ") + inv_id(*g, i);
  }
  if (r.amount_minor == 0) return true;
  r.id = fresh_id(g, "G-P", find_payment);
  if (!apply_edit(g, Edit{r}, why)) return false;
  g->cash_minor += r.amount_minor;
  week_log(g).cash_minor += r.amount_minor;
  event(g, d, who(*g, c) + " paid " + money(*g, r.amount_minor) + " (" + listed + "): " + why_paid);
  return true;
}

bool held(const GameState& g, Index c, Date d) {
  const CaseState state = case_state_customers(g.book, d);
  const CustomerCaseState& s = state.customers[c];
  return s.manual_hold != kNone && s.release == kNone;
}

// The highest letter level sent for any of the customer's invoices, and its last letter.
int32_t level_sent(const GameState& g, Index c, Date d, Date* last_letter) {
  const CaseState s = case_state(g.book, d);
  int32_t level = 0;
  const BookIndex& x = g.book.index;
  for (uint32_t k = x.customer_invoice_first[c]; k < x.customer_invoice_first[c + 1]; k++)
    level = std::max(level, s.invoices[x.customer_invoices[k]].level_sent);
  if (last_letter) *last_letter = s.customers[c].last_letter;
  return level;
}

bool plan_in_force(const GameState& g, Index c, Date d) {
  const CustomerPlay& p = g.customers[c];
  if (p.plan_record == kNone) return false;
  const CaseRecord& r = g.book.collection.records[p.plan_record];
  std::vector<Index> inv(r.invoices.begin(), r.invoices.end());
  return payable_total(g, inv, d) > 0;
}

// =========================================================================================
// [SECTION] Start
// =========================================================================================

// A day moved as the history's payments were (core/simulate.h): a book that pays on business
// days pays a weekend's payment on the Monday; a customer with a weekly payment run pays on
// its weekday, on or after the day.
Date habit_day(const GameState& g, Index c, Date d) {
  const int8_t run = c < g.run_day.size() ? g.run_day[c] : int8_t(-1);
  if (run >= 0) return d + (run - weekday(d) + 7) % 7;
  return g.business_days ? business_day(d) : d;
}

// The day invoice i pays by itself from its customer's own history (the simulator's behaviour
// model, fitted on the scenario's book at the start): a settled invoice's days drawn among
// those that leave it unpaid at the start (an invoice 60 days overdue draws only from
// settlements later than 60 days). kNoDate: no history (or none that old); the table decides.
Date history_pay_day(const GameState& g, Index i, uint64_t h) {
  const Invoice& inv = g.book.invoices[i];
  if (inv.customer >= g.history_days.size()) return kNoDate;
  const std::vector<int32_t>& days = g.history_days[inv.customer];
  const Date base = g.business_days ? business_day(inv.due) : inv.due;
  const int32_t age = g.scenario.start - base;  // Days overdue at the start (<= 0: not due).
  uint64_t n = 0;
  for (int32_t k : days) n += k >= age;
  if (n == 0) return kNoDate;
  uint64_t pick = below(h, n);
  for (int32_t k : days)
    if (k >= age && pick-- == 0) return habit_day(g, inv.customer, base + k);
  return kNoDate;
}

// The day invoice i pays by itself: by its customer's own history where the model has one and
// the personality pays by habit (prompt, negligent, disputing, inertial), else by the
// personality (training_game.h's table).
Date own_pay_day(const GameState& g, Index i) {
  const Invoice& inv = g.book.invoices[i];
  const CustomerPlay& p = g.customers[inv.customer];
  const Date start = g.scenario.start;
  const uint64_t h = draw(g, kDrawPayLag, i, 0);
  switch (p.personality) {
    case Personality::Prompt:
    case Personality::Negligent:
    case Personality::Disputing:
    case Personality::Inertial:
      if (Date d = history_pay_day(g, i, mix(h ^ kDrawHistory)); d != kNoDate) return d;
      break;
    default:
      break;
  }
  auto late = [&](int32_t lo, int32_t hi, int32_t start_lo, int32_t start_hi) {
    Date d = inv.due + draw_days(h, lo, hi);
    return d >= start ? d : start + draw_days(mix(h), start_lo, start_hi);
  };
  switch (p.personality) {
    case Personality::Prompt:
      return std::max(inv.due, start);
    case Personality::Negligent:
      return late(45, 75, 14, 41);
    case Personality::Disputing:
      return late(3, 10, 0, 13);
    case Personality::Inertial:
      return late(30, 90, 0, 41);
    case Personality::Triangular: {
      const CastMember* m = cast_member(g.scenario, inv.customer);
      return std::max(inv.due, m->debtor_pays + 2);
    }
    case Personality::ShortOfCash:
    case Personality::Deliberate:
      return kNever;
  }
  return kNever;
}

}  // namespace

GameState start_game(const Scenario& s, int32_t weeks) {
  GameState g;
  g.scenario = s;
  g.book = s.book;
  g.weeks = weeks > 0 ? std::min(weeks, s.weeks) : s.weeks;
  g.customers.resize(s.book.customers.size());
  const CaseState cases = case_state_customers(s.book, s.start - 1);
  for (Index c = 0; c < g.customers.size(); c++) {
    CustomerPlay& p = g.customers[c];
    if (const CastMember* m = cast_member(s, c)) {
      p.in_cast = true;
      p.personality = m->personality;
      p.relationship = m->relationship;
      if (!m->dispute.invoice_id.empty()) {
        p.dispute_invoice = find_invoice(s.book, m->dispute.invoice_id);
        p.dispute_minor = m->dispute.amount_minor;
        p.dispute_upheld_minor = m->dispute.upheld_minor;
      }
    }
    p.diagnosed = cases.customers[c].cause != Cause::Unknown;
  }
  // The simulator's behaviour model (core/simulate.h) on the book before the start: each
  // customer's own settled history, when it has at least the model's K invoices of it.
  const BehaviourModel model = fit_behaviour(s.book, s.start);
  g.history_days.resize(s.book.customers.size());
  for (Index c = 0; c < g.history_days.size(); c++) {
    const std::vector<uint32_t>& pool = model.customer_pool[c];
    // In a book that pays on business days, the days count from the due date's business day:
    // an invoice due on a Saturday and paid on the Monday was paid on time, and is not moved
    // twice (once in its days, once by the rule).
    std::vector<int32_t> days;
    for (uint32_t k : pool) {
      const Profile& pr = model.profiles[k];
      if (pr.lost) continue;
      const Date due = s.book.invoices[pr.invoice].due;
      days.push_back(pr.settle_days - (model.business_days ? business_day(due) - due : 0));
    }
    if (days.size() >= model.options.min_history) g.history_days[c] = std::move(days);
  }
  g.business_days = model.business_days;
  g.run_day = model.customer_run_day;
  g.pay_on.resize(s.book.invoices.size());
  for (Index i = 0; i < g.pay_on.size(); i++) g.pay_on[i] = own_pay_day(g, i);
  const Date before = s.start - 1;
  for (Index i = 0; i < s.book.invoices.size(); i++)
    g.open_at_start_minor += invoice_open_minor(s.book, i, before);
  return g;
}

namespace {

// =========================================================================================
// [SECTION] Moves
// =========================================================================================

// A negligent or disputing customer reminded on d: each invoice due by d+7 pays on the later
// of d+2 and its due date. Returns what that brings and the last of those days.
int64_t reminded(GameState* g, Index c, Date d, Date* until) {
  int64_t sum = 0;
  *until = d;
  for (Index i : payable_invoices(*g, c, d, d + 7)) {
    const Date on = std::max(d + 2, g->book.invoices[i].due);
    g->pay_on[i] = std::min(g->pay_on[i], on);
    sum += payable_minor(*g, i, d);
    *until = std::max(*until, g->pay_on[i]);
  }
  return sum;
}

// Every overdue invoice pays by d + days.
int64_t pays_overdue_by(GameState* g, Index c, Date d, int32_t days) {
  std::vector<Index> overdue = overdue_invoices(*g, c, d);
  for (Index i : overdue) g->pay_on[i] = std::min(g->pay_on[i], d + days);
  return payable_total(*g, overdue, d);
}

bool promise(GameState* g, Index c, Date d, int64_t amount, Date until, std::string* why) {
  if (amount <= 0 || until < d) return true;
  CaseRecord r = record(RecordKind::Promise, d, "promised on the phone");
  r.amount_minor = amount;
  r.until = until;
  return add_record(g, c, std::move(r), {}, why);
}

bool raise_dispute(GameState* g, Index c, Date d, std::string* why) {
  CustomerPlay& p = g->customers[c];
  if (p.dispute_raised || p.dispute_invoice == kNone) return true;
  const CastMember* m = cast_member(g->scenario, c);
  CaseRecord r = record(RecordKind::Dispute, d, "the customer contests the invoice");
  r.by = m && !m->contact.empty() ? m->contact : "customer";
  r.amount_minor = p.dispute_minor;
  r.reason = m ? m->dispute.reason : DisputeReason::Other;
  if (!add_record(g, c, std::move(r), {p.dispute_invoice}, why, &p.dispute_record)) return false;
  p.dispute_raised = true;
  event(g, d,
        who(*g, c) + " contests " + inv_id(*g, p.dispute_invoice) + " (" +
            dispute_reason_label(m ? m->dispute.reason : DisputeReason::Other) + ")");
  return true;
}

// A deliberate defaulter under pressure (a hold in force and the last letter or legal): one
// draw, with the practice's recovery by age.
void pressure(GameState* g, Index c, Date d) {
  CustomerPlay& p = g->customers[c];
  if (p.personality != Personality::Deliberate || p.pressure_drawn || !held(*g, c, d)) return;
  const int32_t last = int32_t(g->book.collection.policy.levels.size());
  if (!p.legal && level_sent(*g, c, d, nullptr) < last) return;
  std::vector<Index> overdue = overdue_invoices(*g, c, d);
  if (overdue.empty()) return;
  p.pressure_drawn = true;
  const int32_t age = d - g->book.invoices[overdue[0]].due;
  const int64_t ppm = age < 730 ? 800000 : 200000;
  if (chance_ppm(draw(*g, kDrawPressure, c, 0), ppm)) {
    // It settles the account: the overdue by d+7, the rest on its due dates.
    for (Index i : payable_invoices(*g, c, d))
      g->pay_on[i] = std::min(g->pay_on[i], std::max(d + 7, g->book.invoices[i].due));
    event(g, d,
          who(*g, c) + " gives in under the hold and the escalation: will pay by " +
              format_date(d + 7));
  } else {
    event(g, d, who(*g, c) + " still refuses under the hold and the escalation");
  }
}

// The outcome of a call or visit: what the customer says and does.
bool contact(GameState* g, Index c, Date d, bool visit, std::string* out, std::string* why) {
  CustomerPlay& p = g->customers[c];
  const CastMember* m = cast_member(g->scenario, c);
  const bool first = !p.diagnosed;
  if (first) {
    CaseRecord r = record(RecordKind::Case, d, m ? m->story : "");
    r.owner = WorkOwner::Finance;
    r.cause = personality_cause(p.personality);
    r.stance = personality_stance(p.personality);
    if (!add_record(g, c, std::move(r), {}, why)) return false;
    p.diagnosed = true;
  }
  if (p.personality == Personality::Disputing && !raise_dispute(g, c, d, why)) return false;
  const std::vector<Index> overdue = overdue_invoices(*g, c, d);
  const int64_t overdue_minor = payable_total(*g, overdue, d);
  const bool due_soon = !payable_invoices(*g, c, d, d + 7).empty();
  Date until = d;
  int64_t promised = 0;
  switch (p.personality) {
    case Personality::Prompt:
      *out = "pays on the due date as always";
      break;
    case Personality::Negligent:
      promised = reminded(g, c, d, &until);
      *out = promised
                 ? "had forgotten; will pay " + money(*g, promised) + " by " + format_date(until)
                 : "nothing due this week";
      break;
    case Personality::Disputing:
      promised = reminded(g, c, d, &until);
      *out = p.dispute_raised && !p.dispute_resolved
                 ? "contests " + inv_id(*g, p.dispute_invoice) + " until it is resolved"
                 : std::string("no dispute open");
      if (promised) *out += "; will pay " + money(*g, promised) + " by " + format_date(until);
      break;
    case Personality::ShortOfCash:
      if (plan_in_force(*g, c, d)) {
        *out = "keeps to the plan";
      } else if (overdue_minor == 0) {
        *out = "nothing overdue";
      } else if (!p.pushed) {
        p.pushed = true;
        p.part_on = d + 3;
        p.part_minor = overdue_minor / 3;
        promised = overdue_minor;
        until = d + 7;
        *out = "asked for the full " + money(*g, overdue_minor) +
               ": short of cash, promises it by " + format_date(until) + " and can pay a third now";
      } else {
        relate(g, c, -5);
        promised = overdue_minor;
        until = d + 7;
        *out = "pushed for the full amount again: promises, but has no cash";
      }
      break;
    case Personality::Triangular: {
      const Date pays = m->debtor_pays + 2;
      if (visit && overdue_minor > 0 && d < pays) {
        p.part_on = d + 3;
        p.part_minor = overdue_minor / 2;
        *out = "waits for its own customer's money; pays half now (competitive collection)";
      } else if (overdue_minor > 0 && pays >= d) {
        promised = overdue_minor;
        until = pays;
        *out = "waits for its own customer, who pays on " + format_date(m->debtor_pays);
      } else {
        *out = "nothing to add";
      }
      break;
    }
    case Personality::Deliberate:
      *out = "refuses to discuss payment";
      break;
    case Personality::Inertial:
      if (visit && overdue_minor > 0) {
        promised = pays_overdue_by(g, c, d, 5);
        until = d + 5;
        *out = "the visit moves it: will pay " + money(*g, promised) + " by " + format_date(until);
      } else {
        *out = "the buyer says accounts will look at it";
      }
      break;
  }
  if (visit)
    relate(g, c, p.personality == Personality::Deliberate ? 0 : 3);
  else if (overdue.empty() && !due_soon)
    relate(g, c, -2);
  if (first) {
    const Cause cause = personality_cause(p.personality);
    const std::string found = p.personality == Personality::Inertial
                                  ? "a big customer that pays when it suits it (inertial arrears)"
                              : cause == Cause::Unknown ? "no arrears to explain"
                                                        : cause_label(cause);
    *out = "found the cause: " + found + "; " + *out;
  }
  if (!promise(g, c, d, promised, until, why)) return false;
  CaseRecord r = record(RecordKind::Contact, d, *out);
  r.channel = visit ? Channel::Visit : Channel::Phone;
  r.with = m ? m->contact : "";
  return add_record(g, c, std::move(r), {}, why);
}

// A letter's effect on the customer and the relationship.
void letter_effect(GameState* g, Index c, Date d, int32_t level) {
  CustomerPlay& p = g->customers[c];
  Date until;
  switch (p.personality) {
    case Personality::Negligent:
    case Personality::Disputing:
      reminded(g, c, d, &until);
      break;
    case Personality::ShortOfCash:
      if (plan_in_force(*g, c, d)) {
        p.plan_delay_days += 7;
      } else if (!p.pushed) {
        const int64_t overdue = payable_total(*g, overdue_invoices(*g, c, d), d);
        p.pushed = true;
        p.part_on = d + 3;
        p.part_minor = overdue / 3;
      }
      break;
    default:
      break;
  }
  int32_t delta = level <= 0 ? 0 : level == 1 ? -2 : level == 2 ? -4 : -8;
  if (p.personality == Personality::Disputing && p.dispute_raised && !p.dispute_resolved)
    delta = -10;
  if (p.personality == Personality::Inertial) delta = -3;
  int32_t recent = 0;
  for (Date l : p.recent_letters) recent += d - l < 28;
  if (recent >= 2) delta -= 5;
  if (p.personality == Personality::Deliberate) delta = 0;
  relate(g, c, delta);
  p.recent_letters.push_back(d);
}

bool refuse(std::string* why, std::string text) {
  *why = std::move(text);
  return false;
}

bool move_letter(GameState* g, Index c, Date d, int32_t level, std::string* out, std::string* why) {
  const CollectionPolicy& policy = g->book.collection.policy;
  const int32_t levels = int32_t(policy.levels.size());
  if (level < 0 || level > levels)
    return refuse(why, "level " + std::to_string(level) +
                           " is not in the policy (0 for the reminder, 1 to " +
                           std::to_string(levels) + ")");
  std::vector<Index> invoices;
  if (level == 0) {
    if (!overdue_invoices(*g, c, d).empty())
      return refuse(why, "something is overdue: send a dunning level, not the reminder");
    for (Index i : payable_invoices(*g, c, d, d + policy.reminder_days))
      if (g->book.invoices[i].due >= d) invoices.push_back(i);
    if (invoices.empty())
      return refuse(why,
                    "nothing falls due within " + std::to_string(policy.reminder_days) + " days");
  } else {
    invoices = overdue_invoices(*g, c, d);
    if (invoices.empty()) return refuse(why, "nothing undisputed is overdue");
    Date last = kNoDate;
    const int32_t sent = level_sent(*g, c, d, &last);
    if (level > sent + 1)
      return refuse(why, "the " + dunning_level_name(policy, sent + 1) + " (level " +
                             std::to_string(sent + 1) + ") was not sent yet");
    if (last != kNoDate && d - last < policy.letter_gap_days)
      return refuse(why, "the last letter went on " + format_date(last) + ": wait " +
                             std::to_string(policy.letter_gap_days) + " days between letters");
  }
  CaseRecord r = record(RecordKind::Letter, d, "");
  r.level = level;
  if (!add_record(g, c, std::move(r), invoices, why)) return false;
  letter_effect(g, c, d, level);
  *out = "sent the " + dunning_level_name(policy, level) + " for " +
         money(*g, payable_total(*g, invoices, d));
  pressure(g, c, d);
  return true;
}

bool move_hold(GameState* g, Index c, Date d, bool release, std::string* out, std::string* why) {
  CustomerPlay& p = g->customers[c];
  const bool on_hold = held(*g, c, d);
  if (!release && on_hold) return refuse(why, "already on hold");
  if (release && !on_hold) return refuse(why, "not on hold by hand");
  CaseRecord r = record(release ? RecordKind::Release : RecordKind::Hold, d,
                        release ? "released by the trainee" : "stop supply until settled");
  if (!add_record(g, c, std::move(r), {}, why)) return false;
  if (release) {
    relate(g, c, 5);
    *out = "lifted the hold";
    return true;
  }
  int32_t delta = -10;
  if (p.personality == Personality::Deliberate) delta = 0;
  if (p.personality == Personality::Inertial) delta = -25;
  if (p.personality == Personality::Disputing && p.dispute_raised && !p.dispute_resolved)
    delta = -15;
  relate(g, c, delta);
  *out = "stopped supply";
  if (p.personality == Personality::Inertial) {
    const int64_t moved = pays_overdue_by(g, c, d, 3);
    if (moved)
      *out += ": it will pay " + money(*g, moved) + " by " + format_date(d + 3) + ", angry";
  }
  pressure(g, c, d);
  return true;
}

bool move_plan(GameState* g, Index c, Date d, int32_t n, std::string* out, std::string* why) {
  CustomerPlay& p = g->customers[c];
  if (n < kPlanInstalmentsMin || n > kPlanInstalmentsMax)
    return refuse(why, std::to_string(n) + " instalments: a plan has 2 to 12");
  if (plan_in_force(*g, c, d)) return refuse(why, "a plan is already in force");
  const std::vector<Index> invoices = payable_invoices(*g, c, d);
  int64_t total = payable_total(*g, invoices, d);
  if (p.part_on != kNoDate && p.part_on > d) total -= p.part_minor;  // Already promised now.
  if (total < n) return refuse(why, "too little is open for " + std::to_string(n) + " instalments");
  CaseRecord r = record(RecordKind::Plan, d, "instalment plan agreed");
  for (int32_t k = 0; k < n; k++) {
    const int64_t each = total / n;
    r.instalments.push_back({d + 7 * (k + 1), k + 1 < n ? each : total - each * (n - 1)});
  }
  Index at = kNone;
  if (!add_record(g, c, std::move(r), invoices, why, &at)) return false;
  CaseRecord a = record(RecordKind::Approval, d, "plan approved");
  a.by = "supervisor";
  a.ref = g->book.collection.records[at].id;
  if (!add_record(g, c, std::move(a), {}, why)) return false;
  p.plan_record = at;
  p.plan_delay_days = 0;
  if (p.personality == Personality::ShortOfCash || p.personality == Personality::Triangular)
    relate(g, c, 10);
  *out = "agreed a plan of " + std::to_string(n) + " weekly instalments, " + money(*g, total);
  return true;
}

bool move_escalate(GameState* g, Index c, Date d, int32_t to, std::string* out, std::string* why) {
  CustomerPlay& p = g->customers[c];
  const std::vector<Index> overdue = overdue_invoices(*g, c, d);
  if (overdue.empty()) return refuse(why, "nothing is overdue");
  const int32_t sent = level_sent(*g, c, d, nullptr);
  const int32_t last = int32_t(g->book.collection.policy.levels.size());
  const bool deliberate = p.personality == Personality::Deliberate;
  if (to == kEscalateManagement) {
    if (sent < 1)
      return refuse(why,
                    "send a letter first (the escalation ladder: letters, then senior management)");
    CaseRecord r = record(RecordKind::Contact, d, "escalated to senior management");
    r.by = "senior management";
    r.channel = Channel::Visit;
    if (!add_record(g, c, std::move(r), {}, why)) return false;
    p.management = true;
    relate(g, c, deliberate ? 0 : -5);
    *out = "senior management stepped in";
    if (p.personality == Personality::Inertial) {
      *out +=
          ": it will pay " + money(*g, pays_overdue_by(g, c, d, 5)) + " by " + format_date(d + 5);
    } else if (p.personality == Personality::Negligent || p.personality == Personality::Disputing) {
      Date until;
      reminded(g, c, d, &until);
    }
    return true;
  }
  if (to != kEscalateLegal)
    return refuse(why, "escalate to 1 (senior management) or 2 (legal), not " + std::to_string(to));
  if (sent < last && !p.management)
    return refuse(why, "the escalation ladder: the " +
                           dunning_level_name(g->book.collection.policy, last) +
                           " or senior management comes before legal action");
  CaseRecord r = record(RecordKind::Recovery, d, "handed to the legal department");
  r.action = RecoveryAction::Legal;
  r.amount_minor = payable_total(*g, overdue, d);
  if (!add_record(g, c, std::move(r), {}, why)) return false;
  p.legal = true;
  relate(g, c, deliberate ? 0 : -20);
  *out = "handed to the legal department";
  pressure(g, c, d);
  return true;
}

bool move_resolve(GameState* g, Index c, Date d, std::string* out, std::string* why) {
  CustomerPlay& p = g->customers[c];
  if (!p.dispute_raised || p.dispute_resolved) return refuse(why, "no dispute is open");
  const Index inv = p.dispute_invoice;
  const int64_t open = invoice_open_minor(g->book, inv, d);
  const int64_t upheld = std::min(p.dispute_upheld_minor, open);
  CaseRecord r = record(RecordKind::Resolve, d,
                        upheld ? "part of the claim upheld: credit note" : "claim rejected");
  r.ref = g->book.collection.records[p.dispute_record].id;
  r.outcome = upheld ? Outcome::Upheld : Outcome::Rejected;
  if (!add_record(g, c, std::move(r), {}, why)) return false;
  if (upheld > 0) {
    NewReceipt cn;
    cn.credit_note = true;
    cn.id = fresh_id(g, "G-CN", find_credit_note);
    cn.customer_id = cid(*g, c);
    cn.date = d;
    cn.amount_minor = upheld;
    cn.allocations.push_back({inv_id(*g, inv), upheld});
    if (!apply_edit(g, Edit{cn}, why)) return false;
  }
  p.dispute_resolved = true;
  g->pay_on[inv] = d + 5;
  relate(g, c, 10);
  *out = "resolved the dispute on " + inv_id(*g, inv) +
         (upheld ? ": credit note " + money(*g, upheld) : std::string(": claim rejected")) +
         "; the rest to be paid by " + format_date(d + 5);
  return true;
}

// =========================================================================================
// [SECTION] A call with choices
// =========================================================================================
// The collection call (core/training_call.h) replayed with the trainee's choices; its outcome
// instead of contact()'s default reaction (training_game.h, "A call with choices").

// The day a promise of the call is paid, by the personality's honesty; kNever: broken.
Date promise_kept_on(GameState* g, Index c, const CallOutcome& o, Date d) {
  const CustomerPlay& p = g->customers[c];
  const Date day = o.date;
  switch (p.personality) {
    case Personality::Negligent:
    case Personality::Disputing:
      return o.written ? day : day + 7;
    case Personality::Inertial:
      return o.written ? day : day + 14;
    case Personality::Triangular: {
      const CastMember* m = cast_member(g->scenario, c);
      return m ? std::max(day, m->debtor_pays + 2) : day;
    }
    case Personality::Deliberate: {
      const std::vector<Index> overdue = overdue_invoices(*g, c, d);
      const int32_t age = overdue.empty() ? 0 : d - g->book.invoices[overdue[0]].due;
      const int64_t ppm = age < 730 ? 800000 : 200000;
      return chance_ppm(draw(*g, kDrawCall, c, uint64_t(g->week)), ppm) ? day : kNever;
    }
    case Personality::ShortOfCash:
      return kNever;
    case Personality::Prompt:
      return day;
  }
  return day;
}

// A promise (or a payment on the call) of `amount` on the call's invoices, kept on `on`.
void call_pays(GameState* g, Index c, const std::vector<Index>& invoices, int64_t amount, Date on,
               Date d) {
  CustomerPlay& p = g->customers[c];
  if (on == kNever) return;
  const int64_t whole = payable_total(*g, invoices, d);
  if (amount >= whole) {
    for (Index i : invoices)
      if (payable_minor(*g, i, d) > 0) g->pay_on[i] = std::min(g->pay_on[i], on);
  } else {
    p.part_on = on;
    p.part_minor = amount;
  }
}

bool call_outcome(GameState* g, Index c, Date d, const CallState& s, const CallResult& r,
                  std::string* why) {
  CustomerPlay& p = g->customers[c];
  const CallOutcome& o = r.outcome;
  const std::vector<Index>& invoices = s.facts.invoices;
  if (s.full_asked && p.personality == Personality::ShortOfCash && !p.pushed &&
      o.kind != CallOutcomeKind::Plan) {
    // Asked for the whole: it promises and breaks it, a third at d+3 (as a push).
    p.pushed = true;
    p.part_on = d + 3;
    p.part_minor = payable_total(*g, invoices, d) / 3;
  }
  switch (o.kind) {
    case CallOutcomeKind::Payment:
      call_pays(g, c, invoices, o.amount_minor, d, d);
      return true;
    case CallOutcomeKind::Promise:
      if (!promise(g, c, d, o.amount_minor, o.date, why)) return false;
      call_pays(g, c, invoices, o.amount_minor, promise_kept_on(g, c, o, d), d);
      return true;
    case CallOutcomeKind::Dispute:
      if (!raise_dispute(g, c, d, why)) return false;
      if (o.date == kNoDate) return true;
      if (!promise(g, c, d, s.agreed_minor, o.date, why)) return false;
      call_pays(g, c, invoices, s.agreed_minor, promise_kept_on(g, c, o, d), d);
      return true;
    case CallOutcomeKind::Plan: {
      if (plan_in_force(*g, c, d)) return true;
      std::string text, reason;
      if (!move_plan(g, c, d, o.instalments, &text, &reason)) return true;  // Too little open.
      p.pushed = true;
      return true;
    }
    case CallOutcomeKind::Refusal:
    case CallOutcomeKind::Nothing:
      return true;
  }
  return true;
}

bool call_with_choices(GameState* g, Index c, Date d, const std::vector<int32_t>& choices,
                       std::string* out, std::string* why) {
  CallState s;
  std::string reason;
  if (!play_call(*g, c, choices, &s, &reason)) return refuse(why, "the call's " + reason);
  const CallResult r = result(s);
  CustomerPlay& p = g->customers[c];
  const CastMember* m = cast_member(g->scenario, c);
  if (s.cause_found && !p.diagnosed) {
    CaseRecord cr = record(RecordKind::Case, d, m ? m->story : "");
    cr.owner = WorkOwner::Finance;
    cr.cause = personality_cause(p.personality);
    cr.stance = personality_stance(p.personality);
    if (!add_record(g, c, std::move(cr), {}, why)) return false;
    p.diagnosed = true;
  }
  if (!call_outcome(g, c, d, s, r, why)) return false;
  if (p.personality != Personality::Deliberate) relate(g, c, r.relationship_delta);
  *out = "call scored " + std::to_string(r.total) + ": " + r.outcome.text;
  CaseRecord cr = record(RecordKind::Contact, d, *out);
  cr.channel = Channel::Phone;
  cr.with = m ? m->contact : "";
  if (!add_record(g, c, std::move(cr), {}, why)) return false;
  CallPlayed played;
  played.customer_id = cid(*g, c);
  played.choices = choices;
  played.total = r.total;
  played.points.assign(r.points.begin(), r.points.end());
  played.max.assign(r.max.begin(), r.max.end());
  played.broken = r.broken;
  played.outcome = call_outcome_name(r.outcome.kind);
  played.outcome_text = r.outcome.text;
  week_log(g).calls.push_back(std::move(played));
  return true;
}

// Checks and applies one move on d; *why says why it does not apply.
bool apply_move(GameState* g, const Move& m, Date d, std::string* out, std::string* why) {
  const Index c = find_customer(g->book, m.customer_id);
  if (c == kNone) return refuse(why, "\"" + m.customer_id + "\" is no customer of the book");
  if (g->customers[c].defaulted) return refuse(why, "the account was written off");
  switch (m.kind) {
    case MoveKind::Call:
      if (!m.choices.empty()) return call_with_choices(g, c, d, m.choices, out, why);
      return contact(g, c, d, false, out, why);
    case MoveKind::Visit:
      if (!contact(g, c, d, true, out, why)) return false;
      g->customers[c].last_visit = d;
      return true;
    case MoveKind::Letter:
      return move_letter(g, c, d, m.level, out, why);
    case MoveKind::Hold:
      return move_hold(g, c, d, false, out, why);
    case MoveKind::Release:
      return move_hold(g, c, d, true, out, why);
    case MoveKind::Plan:
      return move_plan(g, c, d, m.instalments, out, why);
    case MoveKind::Escalate:
      return move_escalate(g, c, d, m.level, out, why);
    case MoveKind::Resolve:
      return move_resolve(g, c, d, out, why);
  }
  return refuse(why, "unknown move");
}

// =========================================================================================
// [SECTION] Days
// =========================================================================================

bool default_now(GameState* g, Index c, Date d, std::string* why) {
  CustomerPlay& p = g->customers[c];
  const std::vector<Index> overdue = overdue_invoices(*g, c, d);
  if (overdue.empty()) return true;
  for (Index i : overdue)
    if (g->pay_on[i] != kNever) return true;  // It gave in: a payment is on its way.
  const int32_t age = d - g->book.invoices[overdue[0]].due;
  const int64_t ppm = std::min<int64_t>(500000, 10000 + 1500 * int64_t(age));
  if (!chance_ppm(draw(*g, kDrawDefault, c, uint64_t(g->week)), ppm)) return true;
  int64_t total = 0;
  const BookIndex& x = g->book.index;
  std::vector<Index> open;
  for (uint32_t k = x.customer_invoice_first[c]; k < x.customer_invoice_first[c + 1]; k++)
    if (invoice_open_minor(g->book, x.customer_invoices[k], d) > 0)
      open.push_back(x.customer_invoices[k]);
  for (Index i : open) {
    NewWriteOff w;
    w.id = fresh_id(g, "G-W", find_write_off);
    w.invoice_id = inv_id(*g, i);
    w.date = d;
    w.amount_minor = invoice_open_minor(g->book, i, d);
    if (!apply_edit(g, Edit{w}, why)) return false;
    total += w.amount_minor;
  }
  p.defaulted = true;
  g->bad_debt_minor += total;
  week_log(g).written_off_minor += total;
  event(g, d, who(*g, c) + " defaulted: " + money(*g, total) + " written off");
  return true;
}

// The cast's sales: an invoice on the start and every sales_every_days after, unless the
// customer is on hold by hand (the sale is lost) or has defaulted.
bool sell(GameState* g, Index c, Date d, std::string* why) {
  const CastMember* m = cast_member(g->scenario, c);
  if (!m || m->sales_every_days <= 0 || (d - g->scenario.start) % m->sales_every_days != 0)
    return true;
  if (held(*g, c, d)) {
    event(g, d,
          who(*g, c) + ": no delivery while on hold (a sale of " + money(*g, m->sales_minor) +
              " lost)");
    return true;
  }
  NewInvoice inv;
  inv.id = fresh_id(g, "G-I", find_invoice);
  inv.customer_id = cid(*g, c);
  inv.date = d;
  inv.amount_minor = m->sales_minor;
  if (!apply_edit(g, Edit{inv}, why)) return false;
  g->pay_on.push_back(kNever);
  g->pay_on.back() = own_pay_day(*g, Index(g->book.invoices.size() - 1));
  return true;
}

bool customer_day(GameState* g, Index c, Date d, bool last_day, std::string* why) {
  CustomerPlay& p = g->customers[c];
  if (p.defaulted) return true;
  if (!sell(g, c, d, why)) return false;
  if (p.personality == Personality::Disputing && !p.dispute_raised && p.dispute_invoice != kNone &&
      d > g->book.invoices[p.dispute_invoice].due && !raise_dispute(g, c, d, why))
    return false;
  std::vector<Index> today;
  const BookIndex& x = g->book.index;
  for (uint32_t k = x.customer_invoice_first[c]; k < x.customer_invoice_first[c + 1]; k++) {
    const Index i = x.customer_invoices[k];
    if (i < g->pay_on.size() && g->pay_on[i] <= d && payable_minor(*g, i, d) > 0)
      today.push_back(i);
  }
  if (!today.empty() && !pay(g, c, d, today, -1, "its payment day", why)) return false;
  if (p.part_on == d &&
      !pay(g, c, d, payable_invoices(*g, c, d), p.part_minor, "part payment", why))
    return false;
  if (p.plan_record != kNone && p.personality != Personality::Deliberate) {
    const CaseRecord r = g->book.collection.records[p.plan_record];
    std::vector<Index> inv(r.invoices.begin(), r.invoices.end());
    for (const Instalment& k : r.instalments)
      if (k.due + p.plan_delay_days == d && !pay(g, c, d, inv, k.amount_minor, "instalment", why))
        return false;
  }
  if (p.personality == Personality::ShortOfCash && (d - g->scenario.start) % 28 == 27 &&
      !plan_in_force(*g, c, d)) {
    const std::vector<Index> overdue = overdue_invoices(*g, c, d);
    const int64_t quarter = std::max<int64_t>(payable_total(*g, overdue, d) / 4, 1);
    if (!overdue.empty() && !pay(g, c, d, overdue, quarter, "what it could spare", why))
      return false;
  }
  if (last_day && p.personality == Personality::Deliberate && !default_now(g, c, d, why))
    return false;
  return true;
}

// The week's figures at its last day.
void close_week(GameState* g, WeekLog* log) {
  const Book& b = g->book;
  for (Index i = 0; i < b.invoices.size(); i++) {
    const int64_t open = invoice_open_minor(b, i, log->last);
    log->open_minor += open;
    if (b.invoices[i].due < log->last) log->overdue_minor += open;
  }
  const Metrics m = compute_metrics(b, g->scenario.start - 90, log->last);
  log->dso_centidays = m.dso ? int32_t(std::llround(*m.dso * 100)) : -1;
  int64_t sum = 0, n = 0;
  for (const CustomerPlay& p : g->customers)
    if (p.in_cast) sum += p.relationship, n++;
  log->relationship = n ? int32_t((sum * 2 + n) / (2 * n)) : 100;
}

}  // namespace

// =========================================================================================
// [SECTION] play_week
// =========================================================================================

const char* move_kind_name(MoveKind k) {
  static const char* names[kMoveKindCount] = {"call",    "visit", "letter",   "hold",
                                              "release", "plan",  "escalate", "resolve"};
  return names[int(k)];
}

bool parse_move_kind(std::string_view text, MoveKind* out) {
  for (int i = 0; i < kMoveKindCount; i++) {
    if (text == move_kind_name(MoveKind(i))) {
      *out = MoveKind(i);
      return true;
    }
  }
  return false;
}

std::string move_text(const Move& m) {
  std::string s = std::string(move_kind_name(m.kind)) + " " + m.customer_id;
  if (m.kind == MoveKind::Letter) s += " level " + std::to_string(m.level);
  if (m.kind == MoveKind::Plan) s += " " + std::to_string(m.instalments) + " instalments";
  if (!m.choices.empty()) {
    s += " choices ";
    for (size_t k = 0; k < m.choices.size(); k++)
      s += (k ? "," : "") + std::to_string(m.choices[k]);
  }
  if (m.kind == MoveKind::Escalate)
    s += m.level == kEscalateManagement ? " to senior management"
         : m.level == kEscalateLegal    ? " to legal"
                                        : " to " + std::to_string(m.level);
  return s;
}

int32_t move_minutes(const ActionMinutes& a, MoveKind kind) {
  switch (kind) {
    case MoveKind::Call:
      return a.call;
    case MoveKind::Visit:
      return a.visit;
    case MoveKind::Letter:
      return a.letter;
    case MoveKind::Hold:
      return a.hold;
    case MoveKind::Release:
      return a.release;
    case MoveKind::Plan:
      return a.plan;
    case MoveKind::Escalate:
      return a.escalate;
    case MoveKind::Resolve:
      return a.resolve;
  }
  return 0;
}

namespace {

struct PracticeMove {
  Move move;
  const char* practice;
};
std::vector<PracticeMove> by_the_book_moves(const GameState& g);

// Plays the moves and the days of the next week; false with *why (the state then half played:
// the caller restores it).
bool play_week_inner(GameState* g, const WeekPlan& plan, std::string* why) {
  const Date d0 = g->today();
  WeekLog log;
  log.week = g->week + 1;
  log.first = d0;
  log.last = d0 + 6;
  for (const PracticeMove& pm : by_the_book_moves(*g)) {
    log.practice.push_back(pm.move);
    log.practice_ids.push_back(pm.practice);
  }
  g->log.push_back(log);
  int32_t left = g->scenario.minutes_per_week;
  for (size_t k = 0; k < plan.moves.size(); k++) {
    const Move& m = plan.moves[k];
    const std::string head = "move " + std::to_string(k + 1) + " (" + move_text(m) + "): ";
    const int32_t minutes = move_minutes(g->scenario.minutes, m.kind);
    if (minutes > left)
      return refuse(why, head + "takes " + std::to_string(minutes) + " minutes and " +
                             std::to_string(left) + " of the week's " +
                             std::to_string(g->scenario.minutes_per_week) + " are left");
    std::string out, reason;
    if (!apply_move(g, m, d0, &out, &reason)) return refuse(why, head + reason);
    left -= minutes;
    week_log(g).moves.push_back(m);
    week_log(g).done.push_back(move_text(m) + ": " + out);
  }
  week_log(g).minutes = g->scenario.minutes_per_week - left;
  for (int32_t day = 0; day < 7; day++)
    for (Index c = 0; c < g->customers.size(); c++)
      if (!customer_day(g, c, d0 + day, day == 6, why)) return false;
  close_week(g, &week_log(g));
  g->week++;
  return true;
}

}  // namespace

bool play_week(GameState* g, const WeekPlan& plan, std::string* why) {
  if (g->over())
    return refuse(why, "the game is over: " + std::to_string(g->weeks) + " weeks played");
  GameState backup = *g;
  if (play_week_inner(g, plan, why)) return true;
  *g = std::move(backup);
  return false;
}

// =========================================================================================
// [SECTION] Scripted policies
// =========================================================================================

namespace {

// Tries a move on the copy `sim`: kept (and appended) when it applies and fits.
bool try_move(GameState* sim, Date d, int32_t* left, const Move& m, const char* practice,
              std::vector<PracticeMove>* out) {
  const int32_t minutes = move_minutes(sim->scenario.minutes, m.kind);
  if (minutes > *left) return false;
  std::string text, why;
  GameState before = *sim;
  if (!apply_move(sim, m, d, &text, &why)) {
    *sim = std::move(before);
    return false;
  }
  *left -= minutes;
  out->push_back({m, practice});
  return true;
}

// What the practice does this week for customer c, given what is known of it (training_game.h).
void practice_for(GameState* sim, Index c, Date d, int32_t* left, std::vector<PracticeMove>* out) {
  const CustomerPlay& p = sim->customers[c];
  if (p.defaulted) return;
  const std::string& id = cid(*sim, c);
  auto mv = [&](MoveKind k, int32_t level = 0, int32_t n = 0) { return Move{k, id, level, n}; };
  const bool overdue = !overdue_invoices(*sim, c, d).empty();
  bool reminder_helps = false;  // A reminder would bring a payment forward.
  for (Index i : payable_invoices(*sim, c, d, d + 7))
    reminder_helps |= sim->pay_on[i] > std::max(d + 2, sim->book.invoices[i].due);
  if (!sim->customers[c].diagnosed) {
    if (!overdue && !reminder_helps) return;
    const bool before_due = !overdue;
    try_move(sim, d, left, mv(MoveKind::Call), before_due ? "call-before-due" : "causes", out);
    if (!sim->customers[c].diagnosed) return;
    reminder_helps = false;  // The call was the reminder.
  }
  switch (p.personality) {
    case Personality::Negligent:
      if (reminder_helps)
        try_move(sim, d, left, mv(MoveKind::Call), overdue ? "act-on-day-one" : "call-before-due",
                 out);
      break;
    case Personality::Disputing:
      if (sim->customers[c].dispute_raised && !sim->customers[c].dispute_resolved)
        try_move(sim, d, left, mv(MoveKind::Resolve), "causes", out);
      if (reminder_helps) try_move(sim, d, left, mv(MoveKind::Call), "act-on-day-one", out);
      break;
    case Personality::ShortOfCash:
      if (overdue && !plan_in_force(*sim, c, d)) {
        if (!sim->customers[c].pushed)
          try_move(sim, d, left, mv(MoveKind::Call), "full-payment-first", out);
        if (sim->customers[c].pushed)
          try_move(sim, d, left, mv(MoveKind::Plan, 0, 4), "instalments", out);
      }
      break;
    case Personality::Triangular:
      if (overdue && sim->customers[c].last_visit == kNoDate)
        try_move(sim, d, left, mv(MoveKind::Visit), "overdue-methods", out);
      break;
    case Personality::Deliberate: {
      bool settling = false;  // It gave in: its payment is on its way.
      for (Index i : overdue_invoices(*sim, c, d)) settling |= sim->pay_on[i] != kNever;
      if (settling) break;
      if (!overdue) {
        if (held(*sim, c, d)) try_move(sim, d, left, mv(MoveKind::Release), "stop-supply", out);
        break;
      }
      if (!held(*sim, c, d)) try_move(sim, d, left, mv(MoveKind::Hold), "stop-supply", out);
      const int32_t sent = level_sent(*sim, c, d, nullptr);
      const int32_t last = int32_t(sim->book.collection.policy.levels.size());
      if (sent < last)
        try_move(sim, d, left, mv(MoveKind::Letter, sent + 1), "escalation-ladder", out);
      if (!sim->customers[c].management)
        try_move(sim, d, left, mv(MoveKind::Escalate, kEscalateManagement), "escalation-ladder",
                 out);
      else if (!sim->customers[c].legal)
        try_move(sim, d, left, mv(MoveKind::Escalate, kEscalateLegal), "escalation-ladder", out);
      break;
    }
    case Personality::Inertial:
      if (!overdue) break;
      if (p.last_visit == kNoDate || d - p.last_visit >= 28)
        try_move(sim, d, left, mv(MoveKind::Visit), "inertial-arrears", out);
      else if (d - p.last_visit >= 14 && !p.management) {
        if (level_sent(*sim, c, d, nullptr) < 1)
          try_move(sim, d, left, mv(MoveKind::Letter, 1), "escalation-ladder", out);
        try_move(sim, d, left, mv(MoveKind::Escalate, kEscalateManagement), "inertial-arrears",
                 out);
      }
      break;
    case Personality::Prompt:
      break;
  }
}

std::vector<PracticeMove> by_the_book_moves(const GameState& g) {
  std::vector<PracticeMove> out;
  if (g.over()) return out;
  const Date d = g.today();
  GameState sim = g;
  sim.log.push_back(WeekLog{});  // Moves write their events here; thrown away.
  int32_t left = g.scenario.minutes_per_week;
  // The worklist's order first (most urgent), then every other customer in book order.
  std::vector<Index> order;
  std::vector<char> seen(g.customers.size(), 0);
  const CollectionPosition position = collection_position(g.book, d);
  for (const WorkItem& w : worklist(g.book, position))
    if (!seen[w.customer]) seen[w.customer] = 1, order.push_back(w.customer);
  for (Index c = 0; c < g.customers.size(); c++)
    if (!seen[c]) order.push_back(c);
  for (Index c : order) practice_for(&sim, c, d, &left, &out);
  return out;
}

}  // namespace

WeekPlan by_the_book_week(const GameState& g) {
  WeekPlan plan;
  for (const PracticeMove& pm : by_the_book_moves(g)) plan.moves.push_back(pm.move);
  return plan;
}

WeekPlan passive_week(const GameState& g) {
  WeekPlan plan;
  if (g.over()) return plan;
  const Date d = g.today();
  const DunningRun run = dunning_run(g.book, d);
  GameState sim = g;
  sim.log.push_back(WeekLog{});
  int32_t left = g.scenario.minutes_per_week;
  std::vector<PracticeMove> out;
  for (const DunningLetter& l : run.letters)
    if (l.level >= 1)
      try_move(&sim, d, &left, Move{MoveKind::Letter, cid(g, l.customer), l.level, 0}, "", &out);
  for (const PracticeMove& pm : out) plan.moves.push_back(pm.move);
  return plan;
}

GameState planning_copy(const GameState& g) {
  GameState sim = g;
  sim.log.push_back(WeekLog{});  // Moves write their events here; thrown away.
  return sim;
}

bool plan_move(GameState* sim, const Move& m, int32_t* minutes_left, std::string* why) {
  const int32_t minutes = move_minutes(sim->scenario.minutes, m.kind);
  if (minutes > *minutes_left)
    return refuse(why, "takes " + std::to_string(minutes) + " minutes and " +
                           std::to_string(*minutes_left) + " are left");
  GameState before = *sim;
  std::string text;
  if (!apply_move(sim, m, sim->today(), &text, why)) {
    *sim = std::move(before);
    return false;
  }
  *minutes_left -= minutes;
  return true;
}

const char* scripted_policy_name(ScriptedPolicy p) {
  return p == ScriptedPolicy::ByTheBook ? "by-the-book" : "passive";
}

bool play_scripted(GameState* g, ScriptedPolicy p, std::string* why) {
  while (!g->over()) {
    const WeekPlan plan = p == ScriptedPolicy::ByTheBook ? by_the_book_week(*g) : passive_week(*g);
    if (!play_week(g, plan, why)) return false;
  }
  return true;
}

// =========================================================================================
// [SECTION] Score and debrief
// =========================================================================================

GameScore score(const GameState& g) {
  GameScore s;
  const Scenario& sc = g.scenario;
  // Collectible: open at the start, and the game's own sales due by its last day.
  const Date last = sc.start + 7 * g.week - 1;
  int64_t collectible = g.open_at_start_minor;
  for (Index i = Index(sc.book.invoices.size()); i < g.book.invoices.size(); i++)
    if (g.book.invoices[i].due <= last) collectible += g.book.invoices[i].amount_minor;
  s.cash_minor = g.cash_minor;
  s.cash_goal_minor = sc.goals.cash_minor > 0 ? sc.goals.cash_minor : collectible;
  s.cash = s.cash_goal_minor <= 0
               ? 100
               : int32_t(std::min<__int128>(100, __int128(s.cash_minor) * 100 / s.cash_goal_minor));
  // DSO: the mean of the weeks' DSO at their last day (a week with none counts 0 when nothing
  // was open, else twice the goal), so that when the cash came in counts, not only the end.
  const int64_t goal = int64_t(sc.goals.dso_days) * 100;
  int64_t sum = 0;
  for (const WeekLog& w : g.log)
    sum += w.dso_centidays >= 0 ? w.dso_centidays : w.open_minor == 0 ? 0 : 2 * goal;
  s.dso_centidays =
      g.log.empty() ? 0 : int32_t((sum * 2 + int64_t(g.log.size())) / (2 * int64_t(g.log.size())));
  s.dso_goal_days = sc.goals.dso_days;
  if (s.dso_centidays <= goal)
    s.dso = 100;
  else
    s.dso = int32_t(std::max<int64_t>(0, 100 - (s.dso_centidays - goal) / sc.goals.dso_days));
  s.bad_debt_minor = g.bad_debt_minor;
  s.bad_debt_max_minor = sc.goals.bad_debt_max_minor;
  if (s.bad_debt_max_minor == 0)
    s.bad_debt = s.bad_debt_minor == 0 ? 100 : 0;
  else
    s.bad_debt = int32_t(
        std::clamp<__int128>(100 - __int128(50) * s.bad_debt_minor / s.bad_debt_max_minor, 0, 100));
  int64_t rel = 0, n = 0;
  for (const CustomerPlay& p : g.customers)
    if (p.in_cast) rel += p.relationship, n++;
  s.relationship_avg = n ? int32_t((rel * 2 + n) / (2 * n)) : 100;
  s.relationship = s.relationship_avg;
  const ScoreWeights& w = sc.weights;
  s.total = (s.cash * w.cash + s.dso * w.dso + s.bad_debt * w.bad_debt +
             s.relationship * w.relationship + 50) /
            100;
  return s;
}

namespace {
// The same move, whatever the call's conversation (a call played with choices is a call).
bool same_move(const Move& a, const Move& b) {
  return a.kind == b.kind && a.customer_id == b.customer_id && a.level == b.level &&
         a.instalments == b.instalments;
}
bool has_move(const std::vector<Move>& moves, const Move& m) {
  return std::any_of(moves.begin(), moves.end(), [&](const Move& x) { return same_move(x, m); });
}
}  // namespace

Debrief debrief(const GameState& g) {
  Debrief d;
  d.score = score(g);
  for (const WeekLog& w : g.log) {
    DebriefWeek dw;
    dw.week = w.week;
    dw.did = w.done;
    dw.happened = w.events;
    // What the practice did that the trainee did not, customer by customer.
    for (size_t k = 0; k < w.practice.size(); k++) {
      const Move& m = w.practice[k];
      if (has_move(w.moves, m)) continue;
      const Index c = find_customer(g.book, m.customer_id);
      const Practice* p = find_practice(w.practice_ids[k]);
      dw.advice.push_back({w.practice_ids[k], revealed(g, c) + ": the practice would " + move_text(m) +
                                                  (p ? " (" + std::string(p->title) + ")" : "")});
    }
    // Moves the practice warns against (unless the practice made the same move that week, as
    // the call that finds a cause).
    for (const Move& m : w.moves) {
      const Index c = find_customer(g.book, m.customer_id);
      if (c == kNone || has_move(w.practice, m)) continue;
      const Personality p = g.customers[c].personality;
      if (m.kind == MoveKind::Hold && p == Personality::Inertial)
        dw.advice.push_back(
            {"inertial-arrears", revealed(g, c) + ": a hold on a big customer costs the relationship; "
                                             "visit or ask senior management"});
      if (m.kind == MoveKind::Hold && (p == Personality::Negligent || p == Personality::Prompt))
        dw.advice.push_back(
            {"stop-supply",
             revealed(g, c) + ": stop supply is for customers who won't pay, not for a forgetful one"});
      if (m.kind == MoveKind::Letter && p == Personality::Disputing)
        dw.advice.push_back(
            {"causes",
             revealed(g, c) + ": letters before the dispute is resolved hurt; resolve it first"});
      if (m.kind == MoveKind::Call && p == Personality::Deliberate)
        dw.advice.push_back(
            {"wont-vs-cant",
             revealed(g, c) + ": a customer who won't pay ignores calls; hold and escalate"});
    }
    d.weeks.push_back(std::move(dw));
  }
  GameState book_game = start_game(g.scenario, g.weeks);
  std::string why;
  for (int32_t w = 0; w < g.week && !book_game.over(); w++)
    if (!play_week(&book_game, by_the_book_week(book_game), &why)) break;
  d.by_the_book = score(book_game);
  return d;
}

}  // namespace arlab
