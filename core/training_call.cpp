// training_call.cpp: the collection call (training_call.h; the rules, the stages and the
// replies by personality are in its header and in docs/TRAINING.md, "The collection call").
//
// [SECTION] Rules
// [SECTION] Facts from the book
// [SECTION] Words
// [SECTION] Nodes
// [SECTION] Choosing
// [SECTION] Result
#include "core/training_call.h"

#include <algorithm>

#include "core/casefile.h"
#include "core/draws.h"
#include "core/dunning.h"
#include "core/money.h"

namespace arlab {

// =========================================================================================
// [SECTION] Rules
// =========================================================================================

const std::array<CallRule, kCallRuleCount>& call_rules() {
  static const std::array<CallRule, kCallRuleCount> rules = {{
      {1, "prepare the file", "call-rules",
       "Before you dial, have the file open: the invoices, the amount, what was promised "
       "before and what you will ask for (002, rule 1 of a collection call)."},
      {2, "state the goal", "call-rules",
       "Say at once that you call about the overdue payment, and bring the talk back to it "
       "whenever it drifts (002, rule 2)."},
      {3, "repeat the amount", "call-rules",
       "Name the invoices and the exact amount, and say them again when you agree the "
       "payment: 'some invoices' invites 'I will look' (002, rule 9)."},
      {4, "find the cause", "causes",
       "Ask what holds the payment back before you choose the step: negligence, a dispute, "
       "a cash shortage, a debtor of its own or a customer who won't pay (002, 004)."},
      {5, "create urgency", "call-rules",
       "Say what happens next and when: the next letter, a stop of deliveries, the legal "
       "department; the customer should feel it is to be paid now (002, rules 3 and 4)."},
      {6, "stay polite", "five-words",
       "Courteous and professional even when the customer is not; no insults and no threats "
       "you would not carry out (002, rules 5 and 6; 004, friendly)."},
      {7, "stay firm", "five-words",
       "Serious about the debt: no 'whenever you can', no dropping the undisputed part "
       "(002, rule 7; 004, firm)."},
      {8, "full payment first", "full-payment-first",
       "Ask for the whole amount first; offer instalments only to a customer who can't pay "
       "it, after it was asked, and then help it with a plan it can keep (002, rule 8)."},
      {9, "agree a date, in writing", "call-rules",
       "End with a day and an amount, and confirm them in writing the same day: a promise on "
       "paper is the one that is kept and the evidence if it is not (001, 004)."},
  }};
  return rules;
}

const CallRule& call_rule(int32_t id) {
  return call_rules()[size_t(std::clamp(id, 1, kCallRuleCount) - 1)];
}

const char* call_stage_name(CallStage s) {
  static const char* names[] = {"prepare", "open", "amount", "cause", "respond", "urgency",
                                "full", "instalments", "date", "writing", "close", "done"};
  return names[int(s)];
}

const char* call_outcome_name(CallOutcomeKind k) {
  static const char* names[] = {"nothing", "payment", "promise", "dispute", "plan", "refusal"};
  return names[int(k)];
}

namespace {

// What a choice does to the conversation (CallChoice::effect).
enum Effect : int32_t {
  kPrepared = 1, kUnprepared,
  kOpenGoal, kOpenVague, kOpenRude,
  kAmountExact, kAmountVague,
  kAskCause, kSkipCause,
  kRespondGood, kRespondGiveIn, kRespondArgue,
  kUrgencyGood, kUrgencyNone, kUrgencyThreat,
  kFullAsk, kFullPlan, kFullPart,
  kPlanAgree, kPlanInsist, kPlanGiveIn,
  kDateDay, kDateSoon,
  kWriteYes, kWriteNo,
  kCloseGood, kCloseRude,
};

constexpr int32_t kCallPlanInstalments = 4;

// =========================================================================================
// [SECTION] Facts from the book
// =========================================================================================

// "I1 (due 2025-02-19) and I2 (due 2025-02-24)"; more than four: "I1, I2, I3 and 4 more".
std::string invoice_list(const Book& b, const std::vector<Index>& invoices) {
  std::string out;
  const size_t n = invoices.size(), shown = n > 4 ? 3 : n;
  for (size_t k = 0; k < shown; k++) {
    if (k) out += k + 1 == shown && shown == n ? " and " : ", ";
    const Invoice& inv = b.invoices[invoices[k]];
    out += std::string(b.str(inv.id)) + " (due " + format_date(inv.due) + ")";
  }
  if (shown < n) out += " and " + std::to_string(n - shown) + " more";
  return out;
}

CallFacts facts_of(const GameState& g, Index c, Date d) {
  const Book& b = g.book;
  const CustomerPlay& p = g.customers[c];
  const CastMember* m = cast_member(g.scenario, c);
  CallFacts f;
  f.customer = c;
  f.personality = p.personality;
  f.name = b.customers[c].name.empty() ? b.customers[c].id : b.customers[c].name;
  f.contact = m && !m->contact.empty() ? m->contact : f.name;
  f.story = m ? m->story : "";
  f.debtor_pays = m ? m->debtor_pays : kNoDate;
  const BookIndex& x = b.index;
  std::vector<Index> overdue, soon;
  for (uint32_t k = x.customer_invoice_first[c]; k < x.customer_invoice_first[c + 1]; k++) {
    const Index i = x.customer_invoices[k];
    if (b.invoices[i].date > d || invoice_open_minor(b, i, d) <= 0) continue;
    if (b.invoices[i].due < d)
      overdue.push_back(i);
    else if (b.invoices[i].due <= d + 7)
      soon.push_back(i);
  }
  f.overdue = !overdue.empty();
  f.invoices = f.overdue ? overdue : soon;
  std::stable_sort(f.invoices.begin(), f.invoices.end(), [&](Index a, Index z) {
    return b.invoices[a].due < b.invoices[z].due;
  });
  for (Index i : f.invoices) {
    f.amount_minor += invoice_open_minor(b, i, d);
    f.last_due = std::max(f.last_due, b.invoices[i].due);
  }
  f.invoices_text = invoice_list(b, f.invoices);
  if (f.overdue) f.oldest_days = d - b.invoices[f.invoices[0]].due;
  // The dispute: the cast's contested invoice, when it is among the call's and not resolved.
  if (p.dispute_invoice != kNone && !p.dispute_resolved &&
      std::find(f.invoices.begin(), f.invoices.end(), p.dispute_invoice) != f.invoices.end()) {
    const int64_t open = invoice_open_minor(b, p.dispute_invoice, d);
    f.dispute_invoice = p.dispute_invoice;
    f.dispute_invoice_id = std::string(b.str(b.invoices[p.dispute_invoice].id));
    f.contested_minor = p.dispute_minor ? std::min(open, p.dispute_minor) : open;
    f.dispute_reason = m ? m->dispute.reason : DisputeReason::Other;
    f.dispute_open = p.dispute_raised;
  }
  // The history: the latest broken promise, the letters sent.
  const CaseState cs = case_state(b, d - 1);
  for (const PromiseState& ps : cs.promises) {
    const CaseRecord& r = b.collection.records[ps.record];
    if (r.customer == c && ps.status == PromiseStatus::Broken)
      f.broken_promise = std::max(f.broken_promise == kNoDate ? r.until : f.broken_promise,
                                  r.until);
  }
  int32_t sent = 0;
  for (uint32_t k = x.customer_invoice_first[c]; k < x.customer_invoice_first[c + 1]; k++)
    sent = std::max(sent, cs.invoices[x.customer_invoices[k]].level_sent);
  const CollectionPolicy& policy = b.collection.policy;
  const int32_t levels = int32_t(policy.levels.size());
  const int32_t next = std::min(sent + 1, std::max(levels, 1));
  f.next_step = levels > 0 ? "the " + dunning_level_name(policy, next) : "our next letter";
  return f;
}

// =========================================================================================
// [SECTION] Words
// =========================================================================================

std::string money(const CallState& s, int64_t minor) {
  return format_amount_grouped(minor, s.digits);
}


// The undisputed part of the call's amount: what the customer is asked to pay now.
int64_t asked_minor(const CallState& s) {
  return s.facts.amount_minor - s.facts.contested_minor;
}

// The day the practice proposes, by personality (training_call.h).
Date proposed_day(const CallState& s) {
  const CallFacts& f = s.facts;
  const Date d = s.date;
  const Date last_due = std::max(d, f.last_due);
  switch (f.personality) {
    case Personality::Negligent:
      return f.overdue ? d : last_due;  // Today, while the invoices are in front of it.
    case Personality::Disputing:
      return f.overdue ? d + 3 : last_due;
    case Personality::Triangular:
      return f.debtor_pays != kNoDate ? std::max(d + 3, f.debtor_pays + 2) : d + 7;
    case Personality::Inertial:
      return d + 5;
    case Personality::Prompt:
      return last_due;
    case Personality::ShortOfCash:
    case Personality::Deliberate:
      return d + 7;
  }
  return d + 7;
}

std::string rule_tag(int32_t rule) {
  return "Rule " + std::to_string(rule) + ", " + call_rule(rule).name;
}

CallChoice choice(std::string text, std::vector<RuleMark> marks, std::string why, int32_t effect,
                  bool best = false) {
  CallChoice c;
  c.text = std::move(text);
  c.marks = std::move(marks);
  std::string cited;
  for (const RuleMark& m : c.marks)
    cited += (cited.empty() ? "" : "; ") + rule_tag(m.rule) + (m.follows ? " (kept)" : " (broken)");
  c.feedback = cited.empty() ? why : cited + ": " + why;
  c.best = best;
  c.effect = effect;
  return c;
}
RuleMark follows(int32_t rule) { return {rule, true}; }
RuleMark breaks(int32_t rule) { return {rule, false}; }

// =========================================================================================
// [SECTION] Nodes
// =========================================================================================

std::vector<CallChoice> respond_choices(const CallState& s);

// The choices of the current stage in their canonical order (the best first).
std::vector<CallChoice> stage_choices(const CallState& s) {
  const CallFacts& f = s.facts;
  const std::string amount = money(s, f.amount_minor);
  const std::string who = f.contact;
  const Date day = proposed_day(s);
  std::vector<CallChoice> out;
  switch (s.stage) {
    case CallStage::Prepare: {
      std::string file = "Open the file first: " +
                         (f.invoices.empty() ? std::string("nothing is open")
                                             : f.invoices_text + ", " + amount +
                                                   (f.overdue ? " overdue" : " due soon"));
      if (f.broken_promise != kNoDate)
        file += "; the promise for " + format_date(f.broken_promise) + " was broken";
      out.push_back(choice(file + "; note what to ask for.", {follows(1)},
                           "the figures and the history are at hand before the call.", kPrepared,
                           true));
      out.push_back(choice("Dial straight away; the figures can be looked up during the call.",
                           {breaks(1)},
                           "open the file before you dial: the invoices, " + amount +
                               " and what was promised before.",
                           kUnprepared));
      break;
    }
    case CallStage::Open:
      out.push_back(choice("Good morning " + who +
                               ", this is the credit controller. I'm calling about the overdue "
                               "payment on your account, to agree today when it will be paid.",
                           {follows(2), follows(6)}, "courteous, and the goal said at once.",
                           kOpenGoal, true));
      out.push_back(choice("Hi " + who + ", just checking in to see how business is going.",
                           {breaks(2)}, "say why you call: the overdue payment.", kOpenVague));
      out.push_back(choice("Your account is overdue again. Why do you people never pay on time?",
                           {breaks(6)}, "greet the customer and state the goal without blame.",
                           kOpenRude));
      break;
    case CallStage::Amount:
      if (s.prepared) {
        out.push_back(choice("It's invoices " + f.invoices_text + ": " + amount +
                                 " together" +
                                 (f.overdue ? ", " + std::to_string(f.oldest_days) +
                                                  " days overdue for the oldest."
                                            : ", due within the week."),
                             {follows(3)}, "the exact invoices and amount.", kAmountExact, true));
      } else {
        int64_t hundred = 100;  // A hundred in minor units: the figure guessed, not read.
        for (int32_t k = 0; k < s.digits; k++) hundred *= 10;
        out.push_back(choice("It's... let me find it... around " +
                                 money(s, f.amount_minor / hundred * hundred) + ", I think.",
                             {breaks(3)},
                             "without the file you cannot say it; say 'invoices " +
                                 f.invoices_text + ", " + amount + " together'.",
                             kAmountVague));
      }
      out.push_back(choice("There are some invoices open on your account.", {breaks(3)},
                           "'some invoices' invites 'I will look'; say 'invoices " + f.invoices_text +
                               ", " + amount + " together'.",
                           kAmountVague));
      break;
    case CallStage::Cause:
      out.push_back(choice("What is holding the payment back?", {follows(4)},
                           "an open question finds the cause, and the cause decides the step.",
                           kAskCause, true));
      out.push_back(choice("I'm not interested in the reasons; it has to be paid.", {breaks(4)},
                           "ask what holds the payment back: a forgetful customer, a dispute and "
                           "a cash shortage each need another step.",
                           kSkipCause));
      break;
    case CallStage::Respond:
      return respond_choices(s);
    case CallStage::Urgency: {
      std::string next = "If it isn't paid by " + format_date(s.date + 7) + ", " + f.next_step +
                         " goes out on " + format_date(s.date + 8) + ".";
      if (f.personality == Personality::Deliberate)
        next = "Deliveries stop today, and if it isn't paid by " + format_date(s.date + 7) +
               " the file goes to our legal department on " + format_date(s.date + 8) + ".";
      if (f.personality == Personality::Inertial)
        next = "If it isn't in this week's run, our managing director will take it up with your "
               "finance director on " + format_date(s.date + 7) + ".";
      out.push_back(choice(next, {follows(5)}, "the next step and its date, said calmly.",
                           kUrgencyGood, true));
      out.push_back(choice("There's no rush from our side.", {breaks(5)},
                           "say what happens next and when: " + f.next_step + " on " +
                               format_date(s.date + 8) + ".",
                           kUrgencyNone));
      out.push_back(choice("Pay today or we'll take you to court and tell all your suppliers.",
                           {breaks(6)},
                           "a threat you would not carry out is excess, not urgency; name the "
                           "real next step and its date.",
                           kUrgencyThreat));
      break;
    }
    case CallStage::Full: {
      const std::string whole = f.contested_minor
                                    ? "the " + money(s, asked_minor(s)) + " not in question"
                                    : "the whole " + amount;
      out.push_back(choice("Can we agree that " + whole + " is paid now?", {follows(8)},
                           "the whole amount asked first.", kFullAsk, true));
      out.push_back(choice("Would it help to split it into " +
                               std::to_string(kCallPlanInstalments) + " weekly instalments?",
                           {breaks(8)},
                           "you offered instalments before asking for " + whole +
                               "; ask for all of it first.",
                           kFullPlan));
      out.push_back(choice("Could you pay part of it, say half, and the rest later?", {breaks(8)},
                           "ask for " + whole + ", not a part.", kFullPart));
      break;
    }
    case CallStage::Instalments: {
      const int64_t each = asked_minor(s) / kCallPlanInstalments;
      out.push_back(choice("Then " + std::to_string(kCallPlanInstalments) +
                               " weekly instalments of about " + money(s, each) + " from " +
                               format_date(s.date + 7) +
                               "; I'll have the plan approved and send it to you in writing.",
                           {follows(8)},
                           "the whole was asked and it can't pay: a plan it can keep.",
                           kPlanAgree, true));
      out.push_back(choice("No: the whole " + amount + " by " + format_date(s.date + 7) +
                               ", or deliveries stop.",
                           {breaks(8)},
                           "a customer who can't pay will promise and break it; cooperate with "
                           "a plan of " + std::to_string(kCallPlanInstalments) + " instalments.",
                           kPlanInsist));
      out.push_back(choice("Pay what you can, when you can.", {breaks(7)},
                           "agree instalments with dates and amounts, not 'when you can'.",
                           kPlanGiveIn));
      break;
    }
    case CallStage::Date: {
      const int64_t a = s.agreed_minor;
      out.push_back(choice("So that's " + money(s, a) + " on " + format_date(day) +
                               (day == s.date ? ", today" : "") + "?",
                           {follows(9), follows(3)}, "a day and the amount, said again.", kDateDay,
                           true));
      out.push_back(choice("Please try to pay it soon.", {breaks(9)},
                           "'soon' is no date; ask 'so that's " + money(s, a) + " on " +
                               format_date(day) + "?'.",
                           kDateSoon));
      break;
    }
    case CallStage::Writing:
      out.push_back(choice("I'll email you today to confirm " +
                               (s.plan_agreed ? std::string("the plan")
                                              : money(s, s.agreed_minor) +
                                                    (s.agreed != kNoDate
                                                         ? " on " + format_date(s.agreed)
                                                         : std::string())) +
                               "; please reply to confirm.",
                           {follows(9)}, "confirmed in writing the same day.", kWriteYes, true));
      out.push_back(choice("No need to put anything in writing; we trust each other.",
                           {breaks(9)},
                           "confirm the agreement by email or letter today: the evidence, and "
                           "the reminder the customer keeps.",
                           kWriteNo));
      break;
    case CallStage::Close:
      out.push_back(choice("Thank you, " + who + ". I'll check on " +
                               format_date(s.agreed != kNoDate ? s.agreed + 1 : s.date + 7) +
                               " that it has arrived.",
                           {follows(6)}, "thanks, and the follow-up said.", kCloseGood, true));
      out.push_back(choice("Good. Don't forget this time.", {breaks(6)},
                           "end on thanks and the follow-up, not a jibe.", kCloseRude));
      break;
    case CallStage::Done:
      break;
  }
  return out;
}

// The answer to the cause (when found) or to the excuse (when not): 002's "prepare answers to
// excuses" and "be quick-witted".
std::vector<CallChoice> respond_choices(const CallState& s) {
  const CallFacts& f = s.facts;
  const std::string amount = money(s, f.amount_minor);
  std::vector<CallChoice> out;
  const char* give_in_why = "'whenever you can' tells the customer it can wait; keep to the payment.";
  if (!s.cause_found) {
    out.push_back(choice("I understand. Still, the invoices are due, so let's agree how they are "
                         "paid.",
                         {follows(2), follows(7)}, "back to the payment, politely.", kRespondGood,
                         true));
    out.push_back(choice("All right, pay when you can.", {breaks(7)}, give_in_why,
                         kRespondGiveIn));
    out.push_back(choice("That's no excuse.", {breaks(6)},
                         "courteous even when the excuse is thin; steer back to the payment.",
                         kRespondArgue));
    return out;
  }
  switch (f.personality) {
    case Personality::Negligent:
      out.push_back(choice("Could you find the invoices now, while we talk? Then we can agree "
                           "the day.",
                           {follows(2), follows(7)}, "the payment settled while it has your "
                           "attention.",
                           kRespondGood, true));
      out.push_back(choice("No problem, these things happen; whenever you get to it.",
                           {breaks(7)}, give_in_why, kRespondGiveIn));
      break;
    case Personality::Disputing: {
      const std::string inv = f.dispute_invoice_id.empty() ? "the invoice" : f.dispute_invoice_id;
      out.push_back(choice("I'm sorry about that. I'll have the claim on " + inv + " (" +
                               money(s, f.contested_minor) +
                               ") checked this week; the other " + money(s, asked_minor(s)) +
                               " is not in question.",
                           {follows(6), follows(7)},
                           "the claim taken seriously, the undisputed part kept on the table.",
                           kRespondGood, true));
      out.push_back(choice("The goods left us in perfect order; you owe the full " + amount + ".",
                           {breaks(6)},
                           "arguing the claim on the phone hardens it; have it checked and ask "
                           "for the part not in question.",
                           kRespondArgue));
      out.push_back(choice("Then hold the whole payment until the claim is settled.", {breaks(7)},
                           "only the contested " + money(s, f.contested_minor) +
                               " waits; the rest is due now.",
                           kRespondGiveIn));
      break;
    }
    case Personality::ShortOfCash:
      out.push_back(choice("I understand things are tight. Let's see what can be paid and when, "
                           "starting with what is due.",
                           {follows(6), follows(7)},
                           "understanding for a customer who can't pay, and still the payment.",
                           kRespondGood, true));
      out.push_back(choice("That's your problem, not ours.", {breaks(6)},
                           "a customer who can't pay needs cooperation, not blame (rule 8's "
                           "spirit).",
                           kRespondArgue));
      out.push_back(choice("Pay whatever you can whenever you can.", {breaks(7)}, give_in_why,
                           kRespondGiveIn));
      break;
    case Personality::Triangular:
      out.push_back(choice("I understand you're waiting for them. When their money comes in, "
                           "let's make sure we are the first you pay.",
                           {follows(7)},
                           "competitive collection: the customer pays someone first, make it "
                           "you (002).",
                           kRespondGood, true));
      out.push_back(choice("Then we'll wait until they pay you.", {breaks(7)},
                           "ask to be paid first when the money comes in.", kRespondGiveIn));
      break;
    case Personality::Deliberate:
      out.push_back(choice("I hear you. The invoices are not in question, so let me be clear "
                           "about what happens next.",
                           {follows(6), follows(7)},
                           "calm and serious with a customer who won't pay.", kRespondGood,
                           true));
      out.push_back(choice("All right, I'll call again in a few weeks.", {breaks(7)},
                           "a customer who won't pay needs a consequence, not another call.",
                           kRespondGiveIn));
      out.push_back(choice("You're a crook, and everyone will know it.", {breaks(6)},
                           "insults give it a reason to stall; state the consequence instead.",
                           kRespondArgue));
      break;
    case Personality::Inertial:
      out.push_back(choice("I understand you have a process. These " + amount + " are " +
                               std::to_string(f.oldest_days) +
                               " days overdue; who can approve the payment this week?",
                           {follows(2), follows(7)},
                           "the person who can pay, and this week: inertial arrears wait "
                           "for nobody pressing.",
                           kRespondGood, true));
      out.push_back(choice("Of course, we'll wait for the normal run.", {breaks(7)},
                           "a big customer pays late because nobody presses it (000).",
                           kRespondGiveIn));
      break;
    case Personality::Prompt:
      out.push_back(choice("Thank you; then let's just confirm the date.", {follows(2)},
                           "a call before the due date confirms the settlement day (001).",
                           kRespondGood, true));
      out.push_back(choice("Sorry to bother you; forget I called.", {breaks(2)},
                           "confirm the date while you have them on the line.", kRespondGiveIn));
      break;
  }
  return out;
}

// The order a node's choices are shown in: a hash of (seed, customer, week, stage), so that the
// best is not always the first and the same call shows the same order (core/draws.h).
std::vector<int32_t> shown_order(const CallState& s, size_t n) {
  std::vector<int32_t> order(n);
  for (size_t k = 0; k < n; k++) order[k] = int32_t(k);
  uint64_t h = mix(s.seed ^ mix(uint64_t(s.facts.customer) ^
                                mix(uint64_t(s.week) * 0x9e37u ^ mix(uint64_t(s.stage)))));
  for (size_t k = n; k > 1; k--) {
    h = mix(h);
    std::swap(order[k - 1], order[below(h, k)]);
  }
  return order;
}

}  // namespace

// =========================================================================================
// [SECTION] Choosing
// =========================================================================================

namespace {

// The customer's opening line, by personality.
std::string greeting(const CallState& s) {
  const CallFacts& f = s.facts;
  switch (f.personality) {
    case Personality::Deliberate:
      return "Yes? Who is this?";
    case Personality::Inertial:
      return f.name + ", purchasing, " + f.contact + " speaking. I have five minutes.";
    case Personality::ShortOfCash:
      return f.contact + " speaking... oh, it's you.";
    default:
      return f.name + ", " + f.contact + " speaking. Good morning!";
  }
}

// What the customer says once the amount is said (exact or vague), by personality and book.
std::string on_amount(const CallState& s) {
  const CallFacts& f = s.facts;
  const std::string amount = money(s, f.amount_minor);
  if (f.contested_minor > 0)
    return std::string(f.dispute_open ? "As we told you already: " : "Before we go on: ") +
           money(s, f.contested_minor) + " of " + f.dispute_invoice_id + " is in dispute (" +
           dispute_reason_label(f.dispute_reason) + "), and we won't pay that part.";
  switch (f.personality) {
    case Personality::Negligent:
      return s.exact ? "Oh dear, " + amount + "? I had no idea; it must be in the pile on my desk."
                     : "Some invoices? I'm not sure what you mean. I'll look when I have time.";
    case Personality::ShortOfCash:
      return "I know, I know, we're behind. Things are difficult at the moment.";
    case Personality::Triangular:
      return "Yes, I know. We'll pay as soon as our own customer pays us.";
    case Personality::Deliberate:
      return s.exact ? "Send me the invoices again, I can't find them."
                     : "What invoices? We don't owe you anything I know of.";
    case Personality::Inertial:
      return "You'll have to talk to accounts payable; they run payments in their own cycle.";
    case Personality::Prompt:
      return f.overdue ? "Overdue? We pay every invoice on its due date; let me check."
                       : "That isn't due until " + format_date(f.last_due) +
                             ", and we'll pay it then.";
    case Personality::Disputing:
      return "Let me see... yes, that's on our list.";
  }
  return "";
}

// What the customer says when asked for the cause: its story and its cause in words.
std::string on_cause(const CallState& s) {
  const CallFacts& f = s.facts;
  std::string line;
  switch (f.personality) {
    case Personality::Negligent:
      line = "To be honest, nobody here pays until someone asks. It simply slipped.";
      break;
    case Personality::Disputing:
      line = "We have a claim on " +
             (f.dispute_invoice_id.empty() ? std::string("the invoice") : f.dispute_invoice_id) +
             " (" + dispute_reason_label(f.dispute_reason) + "); we told your sales rep about it.";
      break;
    case Personality::ShortOfCash:
      line = "Our own customers pay us late and the bank has cut our overdraft. We can't pay it "
             "all this month.";
      break;
    case Personality::Triangular:
      line = "Our own customer owes us a large sum" +
             (f.debtor_pays != kNoDate ? " and pays on " + format_date(f.debtor_pays) : "") +
             "; then we pay you.";
      break;
    case Personality::Deliberate:
      line = "We have other priorities. Take it up with someone else.";
      break;
    case Personality::Inertial:
      line = "It's in the approval queue with the others; it will be paid in the normal run.";
      break;
    case Personality::Prompt:
      line = "Nothing; it will be paid on the due date.";
      break;
  }
  return f.story.empty() ? line : line + " (" + f.story + ")";
}

// The customer's excuse when nobody asked the cause.
std::string excuse(const CallState& s) {
  switch (s.facts.personality) {
    case Personality::Deliberate:
      return "Then we have nothing to talk about.";
    case Personality::ShortOfCash:
      return "You don't understand how hard it is right now.";
    case Personality::Triangular:
      return "It's not our fault if others don't pay us.";
    default:
      return "Well, I'll see what I can do.";
  }
}

CallStage after_full(CallState* s, int32_t effect, std::string* reply) {
  const CallFacts& f = s->facts;
  const Personality p = f.personality;
  if (p == Personality::Deliberate && !s->credible) {
    s->refused = true;
    *reply = "We'll pay when we're ready, and not before.";
    return CallStage::Close;
  }
  if (effect == kFullPlan) {
    s->plan_agreed = true;
    *reply = std::to_string(kCallPlanInstalments) + " instalments? Yes, that suits us fine.";
    return CallStage::Writing;
  }
  s->agreed_minor = effect == kFullPart ? asked_minor(*s) / 2 : asked_minor(*s);
  if (effect == kFullAsk) s->full_asked = true;
  if (effect == kFullAsk && p == Personality::ShortOfCash) {
    *reply = "I can't pay it all. I could manage it over " +
             std::to_string(kCallPlanInstalments) + " weeks, if you'd agree.";
    return CallStage::Instalments;
  }
  if (p == Personality::Inertial && !s->credible) {
    *reply = "I can't promise anything; accounts will process it in the normal run.";
    return CallStage::Date;
  }
  *reply = effect == kFullPart ? "Half, yes, that we can do."
           : p == Personality::Triangular
               ? "All of it, yes, once our customer has paid us."
               : "Yes, " + money(*s, s->agreed_minor) + " is fine.";
  return CallStage::Date;
}

// Takes the choice's effect: the flags, the next stage and the customer's reply.
CallStage apply(CallState* s, const CallChoice& c, std::string* reply) {
  const CallFacts& f = s->facts;
  const Personality p = f.personality;
  for (const RuleMark& m : c.marks)
    if (m.rule == 6 && !m.follows) s->rude_count++;
  switch (c.effect) {
    case kPrepared:
    case kUnprepared:
      s->prepared = c.effect == kPrepared;
      *reply = greeting(*s);
      return CallStage::Open;
    case kOpenGoal:
    case kOpenVague:
    case kOpenRude:
      if (f.amount_minor == 0) {
        *reply = "We don't owe you anything at the moment, do we?";
        return CallStage::Close;
      }
      *reply = c.effect == kOpenVague ? "Fine, thanks. Was there something else?"
               : c.effect == kOpenRude ? "There's no need to take that tone. What is this about?"
                                       : "I see. Which invoices are we talking about?";
      return CallStage::Amount;
    case kAmountExact:
    case kAmountVague:
      s->exact = c.effect == kAmountExact;
      *reply = on_amount(*s);
      return CallStage::Cause;
    case kAskCause:
      s->cause_found = true;
      *reply = on_cause(*s);
      return CallStage::Respond;
    case kSkipCause:
      *reply = excuse(*s);
      return CallStage::Respond;
    case kRespondGood:
      *reply = p == Personality::Deliberate ? "Go on then." : "All right. What do you suggest?";
      return CallStage::Urgency;
    case kRespondGiveIn:
      s->gave_in = true;
      *reply = "Thanks, that's a relief. I'll see what I can do.";
      return CallStage::Urgency;
    case kRespondArgue:
      *reply = "I don't like your tone.";
      return CallStage::Urgency;
    case kUrgencyGood:
      s->credible = true;
      *reply = p == Personality::Deliberate ? "Legal? ...Let's not go that far."
               : p == Personality::Inertial ? "There's no need to involve the directors."
                                            : "Understood.";
      return CallStage::Full;
    case kUrgencyNone:
      *reply = "Good, then there's no rush from ours either.";
      return CallStage::Full;
    case kUrgencyThreat:
      *reply = p == Personality::Deliberate ? "Go ahead. See you in court."
                                            : "Threats won't get you paid any sooner.";
      return CallStage::Full;
    case kFullAsk:
    case kFullPlan:
    case kFullPart:
      return after_full(s, c.effect, reply);
    case kPlanAgree:
      s->plan_agreed = true;
      *reply = "Thank you. That we can keep.";
      return CallStage::Writing;
    case kPlanInsist:
      s->agreed_minor = asked_minor(*s);
      *reply = "...All right, I'll try. I can't promise.";
      return CallStage::Date;
    case kPlanGiveIn:
      s->gave_in = true;
      *reply = "Thank you, I'll do what I can.";
      return CallStage::Close;
    case kDateDay: {
      const bool vague = p == Personality::Inertial && !s->credible;
      if (!vague) {
        s->agreed = proposed_day(*s);
        *reply = s->agreed == s->date ? "Yes, I'll make the transfer right now."
                                      : "Yes, " + format_date(s->agreed) + ", agreed.";
      } else {
        *reply = "I can't give you a date; it goes in the normal run.";
      }
      return CallStage::Writing;
    }
    case kDateSoon:
      *reply = "Yes, yes, soon.";
      return CallStage::Writing;
    case kWriteYes:
    case kWriteNo:
      s->written = c.effect == kWriteYes;
      *reply = s->written ? "Fine, I'll reply to it." : "Fine by me.";
      return CallStage::Close;
    case kCloseGood:
    case kCloseRude:
      *reply = c.effect == kCloseGood ? "Goodbye." : "Goodbye then.";
      return CallStage::Done;
  }
  *reply = "";
  return CallStage::Done;
}

void build_node(CallState* s, std::string customer_line) {
  CallNode n;
  n.stage = s->stage;
  n.customer_line = std::move(customer_line);
  if (s->stage != CallStage::Done) {
    std::vector<CallChoice> canonical = stage_choices(*s);
    for (int32_t k : shown_order(*s, canonical.size())) n.choices.push_back(canonical[k]);
  }
  s->current = std::move(n);
}

}  // namespace

CallState start_call(const GameState& g, Index customer) {
  CallState s;
  s.date = g.today();
  s.week = g.week + 1;
  s.digits = g.book.minor_digits;
  s.seed = g.scenario.seed;
  s.facts = facts_of(g, customer, s.date);
  build_node(&s, "");
  return s;
}

const CallNode& node(const CallState& s) {
  return s.current;
}

bool finished(const CallState& s) {
  return s.stage == CallStage::Done;
}

bool choose(CallState* s, int32_t k, std::string* why) {
  const CallNode& n = s->current;
  if (finished(*s)) {
    *why = "the call is over";
    return false;
  }
  if (k < 0 || size_t(k) >= n.choices.size()) {
    *why = "choice " + std::to_string(k) + " at stage " + call_stage_name(n.stage) +
           ": choose 0 to " + std::to_string(n.choices.size() - 1);
    return false;
  }
  const CallChoice c = n.choices[size_t(k)];
  CallTurn t;
  t.stage = n.stage;
  t.customer_line = n.customer_line;
  t.trainee_line = c.text;
  t.choice = k;
  t.marks = c.marks;
  t.feedback = c.feedback;
  s->transcript.push_back(std::move(t));
  s->choices.push_back(k);
  std::string reply;
  s->stage = apply(s, c, &reply);
  build_node(s, std::move(reply));
  return true;
}

// =========================================================================================
// [SECTION] Result
// =========================================================================================

namespace {

CallOutcome outcome_of(const CallState& s) {
  const CallFacts& f = s.facts;
  CallOutcome o;
  o.written = s.written;
  auto in_words = [&](const std::string& head) {
    return head + (s.written ? ", confirmed in writing" : ", not confirmed in writing");
  };
  if (s.refused) {
    o.kind = CallOutcomeKind::Refusal;
    o.text = "refused to pay";
    return o;
  }
  if (s.plan_agreed) {
    o.kind = CallOutcomeKind::Plan;
    o.instalments = kCallPlanInstalments;
    o.amount_minor = asked_minor(s);
    o.text = in_words("asked for a plan of " + std::to_string(kCallPlanInstalments) +
                      " weekly instalments for " + money(s, o.amount_minor));
    return o;
  }
  if (f.contested_minor > 0) {
    o.kind = CallOutcomeKind::Dispute;
    o.invoice = f.dispute_invoice;
    o.reason = f.dispute_reason;
    o.amount_minor = f.contested_minor;
    o.text = "disputes " + money(s, f.contested_minor) + " of " + f.dispute_invoice_id + " (" +
             dispute_reason_label(f.dispute_reason) + ")";
    if (s.agreed != kNoDate) {
      o.date = s.agreed;
      o.text += in_words("; promised the other " + money(s, s.agreed_minor) + " by " +
                         format_date(s.agreed));
    }
    return o;
  }
  if (s.agreed != kNoDate && s.agreed_minor > 0) {
    o.amount_minor = s.agreed_minor;
    o.date = s.agreed;
    if (s.agreed == s.date) {
      o.kind = CallOutcomeKind::Payment;
      o.text = in_words("pays " + money(s, o.amount_minor) + " today, on the call");
    } else {
      o.kind = CallOutcomeKind::Promise;
      o.text = in_words("promised " + money(s, o.amount_minor) + " by " + format_date(o.date));
    }
    return o;
  }
  o.text = f.amount_minor == 0 ? "nothing to collect" : "no date agreed";
  return o;
}

}  // namespace

CallResult result(const CallState& s) {
  CallResult r;
  std::array<bool, kCallRuleCount> seen{};
  for (const CallTurn& t : s.transcript)
    for (const RuleMark& m : t.marks) {
      const size_t at = size_t(m.rule - 1);
      r.max[at]++;
      if (m.follows) {
        r.points[at]++;
        continue;
      }
      if (!seen[at]) r.broken.push_back(m.rule);
      seen[at] = true;
      r.feedback.push_back(rule_tag(m.rule) + " (" + call_stage_name(t.stage) + "): you said '" +
                           t.trainee_line + "'; " + t.feedback.substr(t.feedback.find(": ") + 2));
    }
  int32_t points = 0, max = 0;
  for (int k = 0; k < kCallRuleCount; k++) points += r.points[k], max += r.max[k];
  r.total = max == 0 ? 100 : (points * 200 + max) / (2 * max);
  r.outcome = outcome_of(s);
  r.relationship_delta = -5 * s.rude_count + (r.total >= 80 ? 2 : 0);
  return r;
}

std::vector<int32_t> ideal_choices(const GameState& g, Index customer) {
  CallState s = start_call(g, customer);
  std::string why;
  while (!finished(s)) {
    const CallNode& n = node(s);
    int32_t best = 0;
    for (size_t k = 0; k < n.choices.size(); k++)
      if (n.choices[k].best) best = int32_t(k);
    choose(&s, best, &why);
  }
  return s.choices;
}

bool play_call(const GameState& g, Index customer, const std::vector<int32_t>& choices,
               CallState* out, std::string* why) {
  *out = start_call(g, customer);
  for (size_t k = 0; k < choices.size(); k++) {
    if (finished(*out)) {
      *why = "choice " + std::to_string(k + 1) + " of " + std::to_string(choices.size()) +
             ": the call ended after " + std::to_string(k) + " choices";
      return false;
    }
    std::string reason;
    if (!choose(out, choices[k], &reason)) {
      *why = "choice " + std::to_string(k + 1) + ": " + reason;
      return false;
    }
  }
  if (!finished(*out)) {
    *why = "the choices end before the call does: it stops at stage " +
           std::string(call_stage_name(out->stage)) + "; choose 0 to " +
           std::to_string(node(*out).choices.size() - 1);
    return false;
  }
  return true;
}

}  // namespace arlab
