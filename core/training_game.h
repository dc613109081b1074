// training_game.h: the portfolio game of training mode (issue 13). A trainee runs a scenario's
// book (core/scenario.h) week by week: each week it spends a budget of minutes on moves (calls,
// visits, letters, holds, releases, instalment plans, escalations, resolving disputes), then
// the week passes day by day and the customers pay, promise, dispute or default by their
// personality and by what was done to them. Everything is written into the game's book as
// real documents and case records, so the existing core (aging, metrics, the collection
// position, the worklist, case views) shows the game week by week. Docs: docs/TRAINING.md.
//
// The week. Week w (1-based) runs from start + 7(w-1), its first day, to six days later. All
// the week's moves are dated its first day and taken in the plan's order; each is checked
// against the state the moves before it left (a release needs a hold, a letter gap, ...). A
// move that does not fit the minutes left or does not apply refuses the whole plan, with the
// reason, and changes nothing. Then each day, customer by customer in book order: its sale
// (core/scenario.h CastMember::sales_every_days; none while on hold by hand: the sale is
// lost), payments due that day (by invoice), partial payments, instalments, a dispute raised,
// and on the week's last day a deliberate defaulter's chance of defaulting.
//
// What a move writes into the book (by "trainee", dated the week's first day):
//   call, visit    a contact record (phone or visit) with the outcome; the first one also a
//                  "case" record with the cause and stance it finds (the story is heard);
//                  a promise record when the customer promises
//   letter L       a letter record of level L (0: the pre-due reminder) naming the invoices:
//                  level 0 those due within the policy's reminder days, else the overdue ones
//   hold, release  a hold / release record
//   plan N         a plan record: N weekly instalments of what is open and undisputed, the
//                  first a week after the plan, the last taking the remainder; and its
//                  approval by "supervisor" (the practice's flow: a supervisor approves, 002)
//   escalate 1     senior management: a contact record (visit, by "senior management")
//   escalate 2     legal: a recovery record (legal)
//   resolve        a resolve record for the customer's open dispute (upheld with a credit
//                  note for the cast's upheld part, or rejected when that is 0)
// and what customers do: payments with explicit allocations (oldest due first, the contested
// part of an invoice left alone), dispute records, write-offs of a defaulter's open invoices.
//
// When a move applies (else the plan is refused with the reason):
//   every move   the customer is in the book and has not defaulted; the minutes fit
//   call, visit  always (a call with nothing overdue or due within a week annoys: -2)
//   letter L     L within 0..the policy's levels; L = 0: an invoice due within the reminder
//                days and nothing overdue; L >= 1: something overdue and undisputed, L at most
//                one above the highest level sent to its invoices, and the letter gap since
//                the customer's last letter passed
//   hold         not on hold already; release: on hold by hand
//   plan N       N from 2 to 12; something open and undisputed; no plan in force
//   escalate 1   something overdue and a letter (level 1 or more) sent first
//   escalate 2   something overdue and the last level's letter sent or senior management
//                escalated first (the ladder, 001)
//   resolve      a dispute open
//
// By itself, a customer who pays by habit (prompt, negligent, disputing, inertial) pays as its
// own history says: the game fits the simulator's behaviour model (core/simulate.h) on the
// scenario's book before the start, and a customer with at least K = 8 settled invoices there
// pays each invoice after the days one of them took (drawn per invoice; for an invoice
// already overdue at the start, among those that took longer than it has been open), moved to
// a business day or its weekly payment run as the model found (in a book that pays on
// business days, the days count from the due date's business day, so that an invoice due on
// a Saturday and paid on the Monday counts as paid on time, not moved twice). A customer with less history,
// or an invoice older than any it settled, pays by the table's "by itself". Short of cash,
// triangular and deliberate customers pay by the table always: what holds their money back
// (no cash, a debtor, intent) is not a habit their history repeats.
//
// How each personality pays and answers (d: the move's day; "pays X on D": the undisputed open
// of those invoices, that day). Draws: a hash of (seed, purpose, customer or invoice, week):
//
//   personality   by itself                           moves
//   prompt        each invoice on its due date         -
//   negligent     each invoice 45-75 days after due    any call, visit or letter: pays the
//                 (one already past that at the        invoices due by d+7, each on the
//                 start: in weeks 3-6)                 later of d+2 and its due date
//   disputing     the uncontested part 3-10 days       call/visit: as negligent; the
//                 after due; the contested part        dispute is raised at the first
//                 never before it is resolved          contact or the day after the
//                                                      invoice's due date. Resolve: pays the
//                                                      rest at d+5. Letters before: -10
//   short_of_cash a quarter of its overdue every 28    first call/visit (full payment
//                 days from the start (no plan)        asked): promises it all by d+7, pays
//                                                      a third at d+3 and breaks the
//                                                      promise; later pushes: a promise
//                                                      broken, -5. Plan: pays each
//                                                      instalment on its date (a letter
//                                                      during the plan: the next a week late)
//   triangular    everything on the cast's debtor      visit: half of its overdue at d+3
//                 date + 2 (later invoices on due)     (competitive collection); call:
//                                                      a promise for the debtor date + 2
//   deliberate    nothing; each week's last day it     calls and letters: refused, no
//                 defaults with a chance of 1% +       payment. Hold in force and (the
//                 0.15% a day of its oldest overdue    last letter level or legal): one
//                 (at most 50%): its open invoices     draw, 80% if the oldest is under
//                 are written off                      two years, else 20% (002): it
//                                                      settles, the overdue at d+7, the
//                                                      rest on its due dates
//   inertial      each invoice 30-90 days after due    visit: pays its overdue at d+5, +3;
//                                                      senior management: at d+5, -5;
//                                                      hold: at d+3 but -25; calls do
//                                                      nothing; letters -3
//
// A call with choices (Move::choices, core/training_call.h): the conversation is replayed from
// the state at the week's first day with those choices (a choice out of range, or choices that
// end before the call does, refuse the plan with the reason), and its outcome replaces the
// default reaction above. A cause found (rule 4 kept) writes the "case" record; then:
//   payment   the invoices of the call pay that day (day 0 of the week)
//   promise   a promise record (amount, day); then by personality: negligent, disputing and
//             inertial keep it when it was confirmed in writing, else pay a week (inertial:
//             two) after the day; short of cash breaks it (a third at d+3, as a push);
//             triangular pays on the later of the day and its debtor's date + 2; deliberate
//             (only after a credible consequence) one draw, 80% under two years old, else 20%
//             (002); prompt keeps it
//   dispute   the dispute record (the cast's invoice, amount, reason); the rest as a promise
//   plan      a plan record of 4 weekly instalments and its approval (as the move plan 4), when
//             no plan is in force
//   refusal, nothing   nothing moves
// and a contact record with the score and the outcome. Relationship: -5 each rude choice
// (rule 6 broken), +2 for a call of 80 or more (a deliberate defaulter's does not move).
// The week's log keeps the call (WeekLog::calls).
//
// Relationship (0-100, each cast member): call 0, visit +3, letter -2 / -4 / -8 by level
// (reminder 0; a third letter within 28 days -5 more), hold -10, release +5, plan +10 for a
// customer who can't pay (short of cash, triangular), senior management -5, legal -20,
// resolve +10; a deliberate defaulter's relationship does not move with pressure (hold,
// letters, escalation).
//
// Score (each part 0-100, docs/TRAINING.md):
//   cash          collected in the game / the goal, capped; no goal: what was collectible
//                 (open at the start, and the game's sales due by its last day)
//   dso           100 at or below the goal, falling to 0 at twice it; the mean of the weeks'
//                 DSO (core/metrics.h over the window from 90 days before the start to each
//                 week's last day), so that when the cash came in counts, not only the end
//   bad_debt      100 - 50 x written off / the limit (0 limit: 100 if nothing written off)
//   relationship  the cast's average at the end
//   total         the parts weighted by the scenario's weights, rounded half up
//
// Determinism: money is integer, draws are hashes (no shared stream), so the same scenario,
// seed and moves give the same book bit for bit, natively and in WebAssembly.
//
// Usage:
//   arlab::GameState g = arlab::start_game(scenario);
//   std::string why;
//   while (!g.over()) if (!arlab::play_week(&g, arlab::by_the_book_week(g), &why)) ...;
//   arlab::GameScore s = arlab::score(g);   arlab::Debrief d = arlab::debrief(g);
//
// Tests: tests/core/test_training.cpp (suite "training").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "book.h"
#include "scenario.h"

namespace arlab {

// ---- [SECTION] Moves -----------------------------------------------------------------------

enum class MoveKind : uint8_t { Call, Visit, Letter, Hold, Release, Plan, Escalate, Resolve };
constexpr int kMoveKindCount = 8;
const char* move_kind_name(MoveKind k);  // "call", "visit", ... "resolve" (the JSON names)
bool parse_move_kind(std::string_view text, MoveKind* out);

constexpr int32_t kEscalateManagement = 1;  // Move::level of an escalation.
constexpr int32_t kEscalateLegal = 2;
constexpr int32_t kPlanInstalmentsMin = 2, kPlanInstalmentsMax = 12;

struct Move {
  // A constructor rather than an aggregate, so that Move{kind, id, level, n} (the moves before
  // calls had choices) still names every member.
  Move(MoveKind kind_ = MoveKind::Call, std::string customer_id_ = {}, int32_t level_ = 0,
       int32_t instalments_ = 0, std::vector<int32_t> choices_ = {})
      : kind(kind_),
        customer_id(std::move(customer_id_)),
        level(level_),
        instalments(instalments_),
        choices(std::move(choices_)) {}
  MoveKind kind = MoveKind::Call;
  std::string customer_id;
  int32_t level = 0;        // Letter: 0 (reminder) .. the policy's levels; escalate: 1 or 2.
  int32_t instalments = 0;  // Plan: 2-12.
  // Call: the trainee's choices in the collection call (core/training_call.h), 0-based, one
  // a node; empty: the default call of the table above.
  std::vector<int32_t> choices;
  bool operator==(const Move&) const = default;
};

struct WeekPlan {
  std::vector<Move> moves;
};

// "call C1", "letter C2 level 2", "plan C3 4 instalments", "escalate C4 to legal".
std::string move_text(const Move& m);
int32_t move_minutes(const ActionMinutes& minutes, MoveKind kind);

// ---- [SECTION] The state -------------------------------------------------------------------

// What the game keeps of a book customer beyond its book.
struct CustomerPlay {
  Personality personality = Personality::Prompt;  // Not in the cast: prompt.
  bool in_cast = false;
  int32_t relationship = 100;
  bool diagnosed = false;            // A call or visit heard its story (a case record written).
  bool pushed = false;               // Short of cash: asked for the full amount already.
  bool defaulted = false;            // Its open invoices were written off.
  bool pressure_drawn = false;       // Deliberate: the one draw under pressure was made.
  bool management = false;           // Escalated to senior management.
  bool legal = false;                // Escalated to legal.
  Index dispute_invoice = kNone;     // Disputing: the cast's contested invoice ...
  int64_t dispute_minor = 0;         // ... the part contested (0: all of it) ...
  int64_t dispute_upheld_minor = 0;  // ... and what a resolution credits.
  bool dispute_raised = false, dispute_resolved = false;
  Index dispute_record = kNone;  // The dispute's record, once raised.
  Date last_visit = kNoDate;
  Index plan_record = kNone;         // The plan in force.
  int32_t plan_delay_days = 0;       // Instalments paid this much late (a letter during the plan).
  Date part_on = kNoDate;            // A partial payment due that day ...
  int64_t part_minor = 0;            // ... of this much.
  std::vector<Date> recent_letters;  // The game's letters to it, for the "too many" rule.
};

// A call played with the trainee's choices (core/training_call.h): what the result keeps.
struct CallPlayed {
  std::string customer_id;
  std::vector<int32_t> choices;
  int32_t total = 0;                        // 0-100.
  std::vector<int32_t> points, max;         // By rule 1-9.
  std::vector<int32_t> broken;              // The rule ids broken.
  std::string outcome;                      // "promise", "payment", ... (call_outcome_name)
  std::string outcome_text;                 // "promised 4,250.00 by 2025-03-10, ..."
};

// One week as played.
struct WeekLog {
  int32_t week = 0;  // 1-based.
  Date first, last;
  std::vector<Move> moves;
  int32_t minutes = 0;
  std::vector<std::string> done;          // One line a move: what it did.
  std::vector<std::string> events;        // What the customers did, by day.
  std::vector<Move> practice;             // What "by the book" would have done this week.
  std::vector<std::string> practice_ids;  // The practice each of those moves follows.
  int64_t cash_minor = 0;                 // Payments dated in the week.
  int64_t written_off_minor = 0;
  int64_t open_minor = 0, overdue_minor = 0;  // At the week's last day.
  int32_t dso_centidays = -1;                 // The game's DSO at its last day; -1: none.
  int32_t relationship = 100;                 // The cast's average at its end.
  std::vector<CallPlayed> calls;              // Calls with choices, in the plan's order.
};

struct GameState {
  Scenario scenario;  // As given (its book is the start).
  Book book;          // The scenario's book and everything the game added.
  int32_t weeks = 0;  // How many weeks it lasts (the scenario's, or fewer: start_game).
  int32_t week = 0;   // Weeks played.
  std::vector<CustomerPlay> customers;  // One per book customer.
  std::vector<Date> pay_on;             // Per invoice: the day it pays by itself or as moved.
  // The simulator's behaviour model fitted on the scenario's book at the start (core/simulate.h
  // fit_behaviour): per customer, the days after due its settled invoices took, when it has at
  // least the model's K (8) of them, else empty; whether the book pays on business days; each
  // customer's weekly payment run day (-1: none).
  std::vector<std::vector<int32_t>> history_days;
  bool business_days = false;
  std::vector<int8_t> run_day;
  std::vector<WeekLog> log;
  int64_t open_at_start_minor = 0;
  int64_t cash_minor = 0, bad_debt_minor = 0;
  uint32_t next_id = 1;  // For the game's document ids ("G-P1", "G-W2", ...).
  bool over() const { return week >= weeks; }
  Date today() const { return scenario.start + 7 * week; }  // The next week's first day.
};

// A new game: the scenario's book, each cast member's relationship and the days its invoices
// would pay by themselves. `weeks` 0: the scenario's; else at most that many.
GameState start_game(const Scenario& s, int32_t weeks = 0);

// Plays the next week with the plan's moves. False (and the state unchanged) with *why in
// words when the game is over, a move does not fit the minutes left or does not apply:
// "move 3 (letter C2 level 3): the warning (level 2) was not sent yet".
bool play_week(GameState* g, const WeekPlan& plan, std::string* why);

// ---- [SECTION] Scripted policies -----------------------------------------------------------

// The practice: core's worklist (core/worklist.h) as of the week's first day, worked in its rank
// order within the week's minutes, each customer once, with what the practice says for what
// a call found (its cause and stance): first a call to find the cause (or, before the due
// date, to confirm it); then a dispute resolved first; a plan for a customer who can't pay
// (after the call that asked for the full amount); hold and the escalation ladder (a letter
// each time the gap allows, senior management, legal) for one who won't; a visit to a
// triangular debtor (competitive collection) and to a big customer (then senior management);
// a call on the first day of arrears for a negligent one.
WeekPlan by_the_book_week(const GameState& g);
// Passive: nothing but letters, when the book's dunning run (core/dunning.h) says a level
// falls due, within the minutes. (It is not "nothing at all": a firm that sends its letters
// and makes no calls, the habit the practice argues against.)
WeekPlan passive_week(const GameState& g);

// Planning a week move by move (the rule policies, core/training_policy.h): a copy of g to
// plan the next week on (its first day), and a move tried on it: applied, its minutes taken
// from *minutes_left, when it fits and applies; else false with the reason and the copy
// unchanged. The copy's book then shows what the moves so far did (a call's case record, a
// letter, a hold), as the week's plan would leave it before the days pass.
GameState planning_copy(const GameState& g);
bool plan_move(GameState* sim, const Move& m, int32_t* minutes_left, std::string* why);

// Plays every week left with one of the scripted policies.
enum class ScriptedPolicy : uint8_t { ByTheBook, Passive };
const char* scripted_policy_name(ScriptedPolicy p);  // "by-the-book", "passive"
bool play_scripted(GameState* g, ScriptedPolicy p, std::string* why);

// ---- [SECTION] Score and debrief -----------------------------------------------------------

struct GameScore {
  int32_t cash = 0, dso = 0, bad_debt = 0, relationship = 0;  // Parts, 0-100.
  int32_t total = 0;                                          // Weighted, 0-100.
  int64_t cash_minor = 0, cash_goal_minor = 0;
  int32_t dso_centidays = 0, dso_goal_days = 0;  // The mean of the weeks' DSO.
  int64_t bad_debt_minor = 0, bad_debt_max_minor = 0;
  int32_t relationship_avg = 0;
};
GameScore score(const GameState& g);

struct DebriefAdvice {
  std::string practice;  // A practice id (scenario.h practices()).
  std::string text;      // "C3 (Short of cash): plan C3 4 instalments, not nothing"
};
struct DebriefWeek {
  int32_t week = 0;
  std::vector<std::string> did, happened;
  std::vector<DebriefAdvice> advice;  // What the practice would have done differently.
};
struct Debrief {
  std::vector<DebriefWeek> weeks;
  GameScore score;
  GameScore by_the_book;  // The same scenario and weeks played by the book.
};
Debrief debrief(const GameState& g);

}  // namespace arlab
