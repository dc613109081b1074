// scenario.h: training scenarios (issue 13) and the catalogue of the practices arlab teaches.
//
// A scenario is a small case book with a story: a book of documents dated before its start
// (with a collection policy and maybe a case file), a cast that gives each customer a
// personality (how it pays and how it answers the trainee's actions: core/training_game.h),
// the trainee's role, a time budget a week, goals and the score's weights. Trainers write
// their own as files ("arlab-scenario/1", io/scenario_json.h, docs/TRAINING.md); six ship in
// assets/scenarios/.
//
// The practices are the lessons of ../shared/domain/README.md, each with an id that scenarios,
// the debrief and (later) the exercises and the collection call cite. The summaries are
// arlab's own words; `sources` names the source files (000-004) they come from.
//
// Usage:
//   for (const arlab::Practice& p : arlab::practices()) print(p.id, p.title, p.summary);
//   std::vector<arlab::Problem> problems;
//   if (!arlab::check_scenario(scenario, &problems)) ...  // places like "cast[2].relationship"
//
// Tests: tests/core/test_training.cpp (suite "training").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "book.h"
#include "casefile.h"

namespace arlab {

// ---- [SECTION] Practices -------------------------------------------------------------------

struct Practice {
  const char* id;       // "one-third"
  const char* title;    // "The one-third rule"
  const char* sources;  // "001"
  const char* summary;  // One line in arlab's words.
};

// Every practice, in teaching order.
const std::vector<Practice>& practices();
const Practice* find_practice(std::string_view id);  // nullptr if unknown.

// ---- [SECTION] Personalities ---------------------------------------------------------------

// How a customer of the cast pays and answers (the table is in core/training_game.h and
// docs/TRAINING.md). The six kinds of the issue, and the prompt payer as a baseline.
enum class Personality : uint8_t {
  Prompt,       // Pays on the due date.
  Negligent,    // Forgets; pays within days of any reminder.
  Disputing,    // Contests part of an invoice; pays the rest, the part after it is resolved.
  ShortOfCash,  // Can't pay: promises and breaks them; pays by an instalment plan.
  Triangular,   // Pays when its own debtor pays it.
  Deliberate,   // Won't pay: moves only under hold and escalation; otherwise defaults.
  Inertial,     // A big customer always one to three months behind (inertial arrears).
};
constexpr int kPersonalityCount = 7;
const char* personality_name(Personality p);   // "short_of_cash" (the JSON name)
const char* personality_label(Personality p);  // "Short of cash"
bool parse_personality(std::string_view text, Personality* out);
// The names in order, for messages: "prompt, negligent, disputing, ...".
std::string personality_names();
// The cause and stance a call diagnoses (core/casefile.h): negligent -> negligence, unknown;
// short of cash -> cash shortage, can't pay; deliberate -> deliberate, won't pay; ...
// Prompt and inertial have no cause in the practice's list (Cause::Unknown).
Cause personality_cause(Personality p);
Stance personality_stance(Personality p);

// ---- [SECTION] The scenario ----------------------------------------------------------------

enum class ScenarioLevel : uint8_t { Easy, Medium, Hard };
const char* scenario_level_name(ScenarioLevel level);  // "easy", "medium", "hard"
bool parse_scenario_level(std::string_view text, ScenarioLevel* out);

// Minutes each move takes out of the week's budget.
struct ActionMinutes {
  int32_t call = 20, visit = 90, letter = 10, hold = 5, release = 5, plan = 30, escalate = 15,
          resolve = 45;
  bool operator==(const ActionMinutes&) const = default;
};

struct ScenarioGoals {
  int64_t cash_minor = 0;          // Cash to collect during the game (0: all that is open).
  int32_t dso_days = 45;           // DSO at the end (core/metrics.h, the game's DSO window).
  int64_t bad_debt_max_minor = 0;  // Written off during the game, at most.
  bool operator==(const ScenarioGoals&) const = default;
};

// Percent of the total score each part weighs; they sum to 100.
struct ScoreWeights {
  int32_t cash = 40, dso = 20, bad_debt = 20, relationship = 20;
  bool operator==(const ScoreWeights&) const = default;
};

// A disputing customer's contested invoice: what it contests and what a resolution upholds
// (a credit note for that part; the rest is then paid).
struct CastDispute {
  std::string invoice_id;
  int64_t amount_minor = 0;  // Contested; 0: the whole invoice.
  DisputeReason reason = DisputeReason::Goods;
  int64_t upheld_minor = 0;  // Credited when resolved (0: the dispute is rejected).
  bool operator==(const CastDispute&) const = default;
};

struct CastMember {
  std::string customer_id;
  Personality personality = Personality::Prompt;
  std::string contact;         // The person the trainee speaks to.
  std::string story;           // What the trainee learns by asking (a call or a visit).
  int32_t relationship = 70;   // 0-100 at the start.
  Date debtor_pays = kNoDate;  // Triangular: the day its own debtor pays it.
  CastDispute dispute;         // Disputing: its contested invoice (invoice_id "" for none).
  // Sales during the game: an invoice of sales_minor (due by the customer's terms) on the
  // start and every sales_every_days after, unless the customer is on hold by hand (stop
  // supply: the sale is lost) or has defaulted. 0: no sales.
  int32_t sales_every_days = 0;
  int64_t sales_minor = 0;
  bool operator==(const CastMember&) const = default;
};

struct Scenario {
  std::string id;     // "forgetful-customer"
  std::string title;  // "The forgetful customer"
  ScenarioLevel level = ScenarioLevel::Easy;
  std::string briefing;                // What the trainee reads first.
  std::vector<std::string> practices;  // Ids of practices() it teaches.
  std::string role;                    // "Credit controller at ..."
  Date start;                          // The first day of week 1 (documents are dated before).
  int32_t weeks = 8;
  int32_t minutes_per_week = 240;  // The time budget.
  ActionMinutes minutes;
  uint64_t seed = 1;
  ScenarioGoals goals;
  ScoreWeights weights;
  std::vector<CastMember> cast;  // Customers not in the cast behave as prompt payers.
  Book book;                     // Index built; documents dated before `start`.
};

constexpr int32_t kScenarioWeeksMax = 52;
constexpr int32_t kScenarioMinutesMax = 7 * 24 * 60;
constexpr size_t kScenarioTextMax = 4000;  // Bytes of the briefing, a story, ...
// A training book is small: the game works it customer by customer every week (the scripted
// policy tries each move on a copy), so a bigger one would only be slow.
constexpr size_t kScenarioCustomersMax = 100;
constexpr size_t kScenarioInvoicesMax = 5000;
// A cast member's sale, in minor units (10,000,000,000.00 with two digits): a year of daily
// sales of every customer stays far below the book's total (kBookTotalMax).
constexpr int64_t kScenarioSaleMax = 1000000000000;

// The rules a scenario keeps beyond its book's (which build_index checked): weeks 1-52,
// minutes above zero, weights summing to 100, practices known, a small book (at most 100
// customers and 5,000 invoices), the cast's customers known and
// once each, relationships 0-100, a triangular customer's debtor date, a disputing customer's
// invoice of its own, every document and record dated before the start. Places are the
// file's: "cast[2].debtor_pays", "weights", "book.invoices[3].date".
bool check_scenario(const Scenario& s, std::vector<Problem>* problems);

// The cast member of a book customer, or nullptr (a prompt payer).
const CastMember* cast_member(const Scenario& s, Index customer);

}  // namespace arlab
