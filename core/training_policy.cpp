// training_policy.cpp: scripted policies as rules (training_policy.h).
#include "core/training_policy.h"

#include "core/collection.h"
#include "core/dunning.h"
#include "core/worklist.h"

namespace arlab {

namespace {

// What the policy may look at for one customer: the book as core's engines show it on the
// planning copy (so a move made earlier in the week shows).
struct Seen {
  int32_t overdue_days = 0;  // The oldest open invoice's; <= 0 when nothing is overdue.
  int64_t overdue_minor = 0;
  int32_t due_in_days = -1;  // Nothing overdue: days to the earliest due date; else -1.
  bool diagnosed = false, on_hold = false, dispute_open = false, plan = false;
  Cause cause = Cause::Unknown;
  Stance stance = Stance::Unknown;
  int32_t letter_due = 0;  // The level of 1+ the dunning run has due; 0: none.
  int32_t letters_sent = 0, promises_broken = 0;
};

// `pos`: the collection position of sim's book as of its today (the caller's, taken again only
// after a move changed the book).
Seen see(const GameState& sim, const CollectionPosition& pos, Index c) {
  const Date d = sim.today();
  const CustomerPosition& cp = pos.customers[c];
  const CustomerCaseState& cs = pos.cases.customers[c];
  Seen s;
  s.overdue_days = cp.days_overdue_max;
  s.overdue_minor = cp.overdue_minor;
  const BookIndex& x = sim.book.index;
  if (cp.overdue_minor == 0)
    for (uint32_t k = x.customer_invoice_first[c]; k < x.customer_invoice_first[c + 1]; k++) {
      const Index i = x.customer_invoices[k];
      const int32_t in = sim.book.invoices[i].due - d;
      if (pos.invoices[i].open_minor > 0 && in >= 0 && (s.due_in_days < 0 || in < s.due_in_days))
        s.due_in_days = in;
    }
  s.cause = cs.cause;
  s.stance = cs.stance;
  s.diagnosed = cs.cause != Cause::Unknown || cs.stance != Stance::Unknown;
  s.on_hold = cp.hold_record != kNone;
  s.dispute_open = cs.disputes_open > 0;
  for (const PlanPosition& pp : pos.plans)
    s.plan |= pp.customer == c && pp.approved && pp.open_minor > 0;
  for (const DunningLetter& l : dunning_run(sim.book, d, c).letters)
    if (l.customer == c && l.level >= 1) s.letter_due = std::max(s.letter_due, l.level);
  s.letters_sent = cs.letters_sent;
  s.promises_broken = int32_t(cs.promises_broken);
  return s;
}

template <typename T>
bool is(const std::optional<T>& want, const T& have) {
  return !want || *want == have;
}

bool holds(const PolicyCondition& w, const Seen& s, int32_t week) {
  if (w.overdue_days_min && s.overdue_days < *w.overdue_days_min) return false;
  if (w.overdue_days_max && s.overdue_days > *w.overdue_days_max) return false;
  if (w.overdue_min_minor && s.overdue_minor < *w.overdue_min_minor) return false;
  if (w.due_within_days && (s.due_in_days < 0 || s.due_in_days > *w.due_within_days))
    return false;
  if (w.letters_sent_min && s.letters_sent < *w.letters_sent_min) return false;
  if (w.promises_broken_min && s.promises_broken < *w.promises_broken_min) return false;
  if (w.weeks_from && week < *w.weeks_from) return false;
  if (w.weeks_to && week > *w.weeks_to) return false;
  return is(w.diagnosed, s.diagnosed) && is(w.cause, s.cause) && is(w.stance, s.stance) &&
         is(w.on_hold, s.on_hold) && is(w.dispute_open, s.dispute_open) && is(w.plan, s.plan) &&
         is(w.letter_due, s.letter_due > 0);
}

}  // namespace

const char* policy_order_name(PolicyOrder o) {
  return o == PolicyOrder::Worklist ? "worklist" : o == PolicyOrder::Dunning ? "dunning" : "book";
}

bool parse_policy_order(std::string_view text, PolicyOrder* out) {
  for (PolicyOrder o : {PolicyOrder::Worklist, PolicyOrder::Dunning, PolicyOrder::Book})
    if (text == policy_order_name(o)) return *out = o, true;
  return false;
}

WeekPlan policy_week(const GameState& g, const TrainingPolicy& p) {
  WeekPlan plan;
  if (g.over()) return plan;
  GameState sim = planning_copy(g);
  int32_t left = g.scenario.minutes_per_week;
  const int32_t week = g.week + 1;
  std::vector<Index> order;
  std::vector<char> seen(g.customers.size(), 0);
  auto first = [&](Index c) {
    if (!seen[c]) seen[c] = 1, order.push_back(c);
  };
  // The book as of the week's first day; taken again after each move kept (it changed the book).
  CollectionPosition pos = collection_position(sim.book, sim.today());
  if (p.order == PolicyOrder::Worklist) {
    for (const WorkItem& w : worklist(g.book, pos)) first(w.customer);
  } else if (p.order == PolicyOrder::Dunning) {
    for (const DunningLetter& l : dunning_run(g.book, g.today()).letters) first(l.customer);
  }
  for (Index c = 0; c < g.customers.size(); c++)
    if (!seen[c]) order.push_back(c);
  for (Index c : order) {
    if (sim.customers[c].defaulted) continue;
    Seen s = see(sim, pos, c);
    for (const PolicyRule& r : p.rules) {
      if (!holds(r.when, s, week)) continue;
      Move m{r.move, g.book.customers[c].id, 0, 0};
      if (r.move == MoveKind::Letter) m.level = r.level >= 0 ? r.level : s.letter_due;
      if (r.move == MoveKind::Letter && m.level == 0 && r.level < 0) continue;  // None due.
      if (r.move == MoveKind::Plan) m.instalments = r.instalments;
      if (r.move == MoveKind::Escalate) m.level = r.to;
      std::string why;
      if (!plan_move(&sim, m, &left, &why)) continue;
      plan.moves.push_back(m);
      pos = collection_position(sim.book, sim.today());
      if (!r.go_on) break;
      s = see(sim, pos, c);
    }
  }
  return plan;
}

bool play_policy(GameState* g, const TrainingPolicy& p, std::string* why) {
  while (!g->over())
    if (!play_week(g, policy_week(*g, p), why)) return false;
  return true;
}

TrainingPolicy passive_policy() {
  TrainingPolicy p;
  p.name = "passive";
  p.description = "The dunning letters as they fall due, and nothing else.";
  p.order = PolicyOrder::Dunning;
  PolicyRule letters;
  letters.when.letter_due = true;
  letters.move = MoveKind::Letter;
  letters.note = "the letter the dunning run has due";
  p.rules.push_back(letters);
  return p;
}

}  // namespace arlab
