// training_call.h: the collection call of training mode (issue 13): a branching conversation
// with a customer of a game (core/training_game.h) whose replies follow its personality and
// its book, each of the trainee's choices scored against the nine rules of a collection call,
// and an outcome (payment, promise, dispute, plan, refusal, nothing) that the game writes
// into the book. Docs: docs/TRAINING.md, "The collection call".
//
// The call is a small state machine over stages, always in this order (a stage that has
// nothing to ask is skipped: with nothing open the call goes from the opening to the close):
//
//   stage       the trainee chooses                      rules at stake
//   prepare     the file open before dialling, or not    1 prepare
//   open        the greeting and the goal                2 goal, 6 polite
//   amount      the exact invoices and amount, or vague  3 amount (without the file: vague)
//   cause       ask what holds the payment, or not       4 cause
//   respond     an answer to the cause (or the excuse)   7 firm, 2 goal, 6 polite
//   urgency     the next step and its date               5 urgency, 6 polite, 7 firm
//   full        the whole amount first, or a part        8 full payment first
//   instalments (can't pay, after the whole was asked)   8 (a plan now cooperates), 7 firm
//   date        a day and an amount, or "soon"           9 date and writing
//   writing     confirm in writing, or not               9 date and writing
//   close       the thanks and the follow-up             6 polite
//
// The nine rules (CallRule; each cites a practice of core/scenario.h practices()):
//   1 prepare      the file at hand: invoices, amount, history, what to ask   call-rules
//   2 goal         say why you call, keep the talk on the payment             call-rules
//   3 amount       the exact invoices and amount, said and repeated           call-rules
//   4 cause        find the cause before choosing the step                    causes
//   5 urgency      the next step and its date: letter, hold, escalation       call-rules
//   6 polite       courteous even when the customer is not; no threats       five-words
//   7 firm         serious: no giving in, no "whenever you can"               five-words
//   8 full first   ask for the whole amount; a plan only after, for can't-pay full-payment-first
//   9 date+writing a day and an amount agreed, confirmed in writing           call-rules
// Each choice follows or breaks some rules: a rule's points are the choices that followed it,
// its max the choices that touched it; the total is 100 x all points / all max, rounded half
// up (100 when nothing was at stake). Feedback lines cite the rule and say what to do instead.
//
// Replies by personality (the customer's book gives the figures):
//   negligent     forgot; agrees quickly; pays the day agreed (today if asked)
//   disputing     raises its dispute (the cast's invoice and amount) once the amount is said;
//                 pays the rest on the day agreed
//   short_of_cash pleads; the whole amount asked: can't, proposes weeks; promises and breaks
//                 a promise of the whole, keeps a plan
//   triangular    explains its debtor (the cast's debtor date); pays when it is paid
//   deliberate    stalls and refuses; moves only at a credible consequence (hold and legal)
//   inertial      polite and vague; a date only when senior management is the next step
//   prompt        surprised: it pays on the due date anyway
//
// The outcome (CallOutcome), which the game applies (training_game.h, "A call with choices"):
//   payment   amount, date (today: paid on the call)        promise  amount, date, written
//   dispute   invoice, amount, reason (and a promise of the rest, if a date was agreed)
//   plan      instalments asked (the game books the plan)    refusal  nothing moves
//   nothing   no date was agreed
//
// Deterministic: the call reads only the game's state and the choices; no draws.
//
// Usage:
//   arlab::CallState s = arlab::start_call(game, customer);
//   while (!arlab::finished(s)) {
//     const arlab::CallNode& n = arlab::node(s);  // n.customer_line, n.choices[k].text
//     if (!arlab::choose(&s, k, &why)) ...;       // k out of range: false, why in words
//   }
//   arlab::CallResult r = arlab::result(s);       // r.total, r.points[rule], r.feedback
//
// Tests: tests/core/test_training_call.cpp (suite "call").
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "training_game.h"

namespace arlab {

// ---- [SECTION] Rules -----------------------------------------------------------------------

constexpr int kCallRuleCount = 9;
struct CallRule {
  int32_t id;            // 1-9.
  const char* name;      // "repeat the amount"
  const char* practice;  // A practice id of scenario.h ("call-rules").
  const char* lesson;    // The rule in arlab's words, with its source.
};
const std::array<CallRule, kCallRuleCount>& call_rules();
const CallRule& call_rule(int32_t id);  // 1-9.

// ---- [SECTION] The conversation ------------------------------------------------------------

enum class CallStage : uint8_t {
  Prepare, Open, Amount, Cause, Respond, Urgency, Full, Instalments, Date, Writing, Close, Done
};
const char* call_stage_name(CallStage s);  // "prepare", ... "done"

// A rule a choice follows (+) or breaks (-).
struct RuleMark {
  int32_t rule = 0;  // 1-9.
  bool follows = true;
};

struct CallChoice {
  std::string text;  // What the trainee says (or does, at "prepare").
  std::vector<RuleMark> marks;
  std::string feedback;  // Why it follows or breaks them, citing the rules.
  bool best = false;     // What the practice says here (ideal_choices takes it).
  int32_t effect = 0;    // Internal: what it does to the conversation.
};

struct CallNode {
  CallStage stage = CallStage::Prepare;
  std::string customer_line;  // What the customer said last ("" before dialling).
  std::vector<CallChoice> choices;  // 2-4; none when the call is done.
};

// One exchange as it went.
struct CallTurn {
  CallStage stage = CallStage::Prepare;
  std::string customer_line;  // The customer's line the trainee answered.
  std::string trainee_line;   // The choice taken.
  int32_t choice = 0;
  std::vector<RuleMark> marks;
  std::string feedback;
};

enum class CallOutcomeKind : uint8_t { Nothing, Payment, Promise, Dispute, Plan, Refusal };
const char* call_outcome_name(CallOutcomeKind k);  // "nothing", "payment", ...

struct CallOutcome {
  CallOutcomeKind kind = CallOutcomeKind::Nothing;
  int64_t amount_minor = 0;  // Payment, promise (of the dispute: the rest); dispute: contested.
  Date date = kNoDate;       // Payment or promise day.
  bool written = false;      // Confirmed in writing.
  Index invoice = kNone;     // Dispute: the invoice.
  DisputeReason reason = DisputeReason::Other;
  int32_t instalments = 0;   // Plan.
  std::string text;          // In words: "promised 4,250.00 by 2025-03-05, confirmed in writing".
};

// What the call knows of the customer from the book and the cast, as of the call's day.
struct CallFacts {
  Index customer = kNone;
  Personality personality = Personality::Prompt;
  std::string contact;        // The cast's contact, else the customer's name.
  std::string name;           // The customer's name.
  std::vector<Index> invoices;  // The call's invoices: overdue (else due within 7 days).
  std::string invoices_text;  // "I1 (due 2025-02-19) and I2 (due 2025-02-24)"
  Date last_due = kNoDate;    // The latest due date of them.
  bool overdue = false;       // They are overdue (else due soon).
  int64_t amount_minor = 0;   // What they have open.
  int64_t contested_minor = 0;  // Disputing: the part it contests (of `invoices`).
  Index dispute_invoice = kNone;
  std::string dispute_invoice_id;
  DisputeReason dispute_reason = DisputeReason::Other;
  bool dispute_open = false;    // Raised before and not resolved.
  Date broken_promise = kNoDate;  // The latest broken promise's day (case file).
  Date debtor_pays = kNoDate;     // Triangular.
  std::string story;
  std::string next_step;        // "the warning (level 2)", the step urgency names.
  int32_t oldest_days = 0;      // Days the oldest invoice is overdue.
};

struct CallState {
  CallFacts facts;
  Date date;            // The call's day (the game's today()).
  int32_t week = 0;     // 1-based: the week it is made in.
  int32_t digits = 2;   // The book's minor digits, for amounts in words.
  uint64_t seed = 0;    // The scenario's: the order of each node's choices is a hash of it.
  CallStage stage = CallStage::Prepare;
  CallNode current;
  std::vector<int32_t> choices;
  std::vector<CallTurn> transcript;
  // What has been said.
  bool prepared = false, exact = false, cause_found = false, credible = false;
  bool rude = false, gave_in = false, full_asked = false, plan_agreed = false;
  bool written = false, refused = false;
  Date agreed = kNoDate;  // The day agreed.
  int64_t agreed_minor = 0;
  int32_t rude_count = 0;
};

// A call to customer c on the game's next day (g.today()), from the state of the game.
CallState start_call(const GameState& g, Index customer);
const CallNode& node(const CallState& s);
// Takes choice k (0-based) of the current node; false with *why when k is out of range or
// the call is over.
bool choose(CallState* s, int32_t k, std::string* why);
bool finished(const CallState& s);

struct CallResult {
  std::array<int32_t, kCallRuleCount> points{}, max{};  // By rule id - 1.
  int32_t total = 100;                                  // 0-100.
  std::vector<std::string> feedback;  // One line a rule broken, citing it.
  std::vector<int32_t> broken;        // The rule ids broken, in order.
  CallOutcome outcome;
  int32_t relationship_delta = 0;     // -5 a rude choice; +2 a call of 80 or more.
};
CallResult result(const CallState& s);

// The practice's choices for this customer and day: what scores 100 (the by-the-book debrief).
std::vector<int32_t> ideal_choices(const GameState& g, Index customer);

// Plays a call to the end with the given choices; false with *why (choice k out of range, or
// the choices end before the call does: "the call stops at stage date; choose 0 to 1").
bool play_call(const GameState& g, Index customer, const std::vector<int32_t>& choices,
               CallState* out, std::string* why);

}  // namespace arlab
