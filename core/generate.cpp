// generate.cpp: deterministic synthetic books (see generate.h).
//
// [SECTION] Rng
// [SECTION] Word lists and names
// [SECTION] Calendar helpers
// [SECTION] Customers: size, terms, credit limit, payment habit
// [SECTION] Invoices: business days, daily counts, amounts
// [SECTION] Settlement plans: what happens to each invoice
// [SECTION] Assembly: sort events, merge remittances, intern ids
// [SECTION] Refunds of overpayments (payments sent twice)
//
// Integer arithmetic only (no floating point anywhere), so that native and WASM builds make
// the same book byte for byte. Every invoice gets a settlement plan when it is made; the plan
// keeps explicit allocations + credit notes + write-offs <= the invoice amount, and
// fit_to_date_order() then lowers what a document finds already taken in date order (a lump
// payment or a sum on account applied automatically before it), so the book always passes
// build_index(). Events dated after the period's end are dropped: what they
// would have settled stays open, which fills the aging buckets at the end of the period.
#include "core/generate.h"

#include "core/collection.h"
#include "core/dunning.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace arlab {

// ---- [SECTION] Rng ---------------------------------------------------------------------

uint64_t Rng::next() {
  state += 0x9E3779B97F4A7C15ull;  // splitmix64 (Steele, Lea, Flood 2014).
  uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t Rng::below(uint64_t n) {
  if (n == 0) return 0;
  const uint64_t threshold = (0 - n) % n;  // Draws below 2^64 mod n would bias `r % n`.
  for (;;) {
    const uint64_t r = next();
    if (r >= threshold) return r % n;
  }
}

int64_t Rng::between(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  const uint64_t span = uint64_t(hi) - uint64_t(lo) + 1;  // 0 only for the full int64 range.
  if (span == 0) return int64_t(next());
  return int64_t(uint64_t(lo) + below(span));
}

bool Rng::chance(uint32_t per_mille) { return below(1000) < per_mille; }

namespace {

// ---- [SECTION] Word lists and names -----------------------------------------------------

const char* const kFirstNames[] = {
    "Ann",    "James",  "Maria",  "Robert", "Priya",  "Mateo",  "Ingrid", "Kwame",  "Aiko",
    "Daniel", "Sofia",  "Omar",   "Hannah", "Lars",   "Fatima", "Diego",  "Grace",  "Tomasz",
    "Leila",  "Marco",  "Elena",  "Samuel", "Yuki",   "Amara",  "Hugo",   "Nadia",  "Rahul",
    "Olga",   "Peter",  "Chloe",  "Ethan",  "Mei",    "Victor", "Rosa",   "Jonas",  "Zoe"};

const char* const kSurnames[] = {
    "Lee",      "Garcia",   "Lindqvist", "Okafor",   "Novak",     "Tanaka",   "Schmidt",
    "Rossi",    "Patel",    "Kowalski",  "Hughes",   "Moreau",    "Jensen",   "Alvarez",
    "Chen",     "Murphy",   "Nakamura",  "Silva",    "Becker",    "Fischer",  "Walsh",
    "Haddad",   "Larsen",   "Costa",     "Brennan",  "Sato",      "Dubois",   "Romero",
    "Keller",   "Park",     "Nguyen",    "Andersson", "O'Brien",  "Mendes",   "Hoffmann",
    "Kim",      "Russo",    "Weber",     "Petrov",   "Quinn",     "Abbott",   "Carver",
    "Delgado",  "Ellison",  "Fairbanks", "Grant",    "Holloway",  "Ingram",   "Jarvis",
    "Kendall",  "Lowell",   "Mercer",    "Nash",     "Oakley",    "Prescott", "Radcliffe",
    "Sinclair", "Thornton", "Whitaker",  "Vance"};

const char* const kPlaces[] = {
    "Harbor",     "Summit",    "Riverside",  "Northgate",   "Pinecrest",  "Lakeshore",
    "Granite",    "Redwood",   "Bayview",    "Cedar",       "Ironwood",   "Silver Creek",
    "Westfield",  "Eastbrook", "Highland",   "Meridian",    "Keystone",   "Prairie",
    "Coastal",    "Atlas",     "Beacon",     "Copper",      "Evergreen",  "Falcon",
    "Heritage",   "Liberty",   "Maple",      "Oakridge",    "Pioneer",    "Sterling",
    "Tri-County", "Union",     "Blue Ridge", "Crescent",    "Frontier",   "Horizon",
    "Lighthouse", "Midland",   "Northstar",  "Orchard",     "Pacific",    "Stonebridge",
    "Timberline", "Great Lakes", "Canyon",   "Delta",       "Foxhill",    "Greystone"};

const char* const kTrades[] = {
    "Freight",     "Tooling",      "Fasteners",  "Plastics",     "Packaging",   "Electric",
    "Hydraulics",  "Logistics",    "Foods",      "Textiles",     "Metalworks",  "Lumber",
    "Paper",       "Chemicals",    "Instruments", "Machine",     "Fabrication", "Coatings",
    "Glass",       "Printing",     "Components", "Marine",       "Medical Supply", "Auto Parts",
    "Ceramics",    "Controls",     "Dairy",      "Brewing",      "Optics",      "Welding",
    "Pumps",       "Bearings",     "Valves",     "Cabinetry",    "Signs",       "Farms",
    "Hardware",    "Furniture",    "Electronics", "Building Products", "Office Supply", "Bakery"};

const char* const kSuffixes[] = {
    "Supply", "Inc.",  "Co.",      "LLC",          "Group",       "Industries", "Corp.",
    "Partners", "& Sons", "Ltd.",  "Works",        "Distributors", "Wholesale", "Trading"};

template <size_t N>
const char* pick(Rng& rng, const char* const (&words)[N]) {
  return words[rng.below(N)];
}

// Words joined by spaces. Each word is drawn in its own statement: the operands of `+` are
// evaluated in an unspecified order, which would make GCC and Emscripten draw differently.
std::string join(std::initializer_list<const char*> words) {
  std::string out;
  for (const char* w : words) {
    if (!out.empty()) out += ' ';
    out += w;  // Appending, not `" " + std::string(w)`: GCC 12 warns falsely (-Wrestrict) there.
  }
  return out;
}

// "Harbor Freight Supply", "Lindqvist Tooling", "Holloway & Grant LLC", "Summit Plastics".
std::string firm_name(Rng& rng) {
  const uint64_t pattern = rng.below(100);
  std::string name;
  if (pattern < 35 || pattern >= 90) {
    const char* first = pattern < 35 ? pick(rng, kPlaces) : pick(rng, kSurnames);
    const char* trade = pick(rng, kTrades);
    name = join({first, trade, pick(rng, kSuffixes)});
  } else if (pattern < 60) {
    const char* surname = pick(rng, kSurnames);
    name = join({surname, pick(rng, kTrades)});
  } else if (pattern < 75) {
    const char* a = pick(rng, kSurnames);
    const char* b = pick(rng, kSurnames);
    if (a == b) b = "Partners";
    name = std::string(a) + " & " + b;
    if (rng.chance(500)) name += rng.chance(500) ? " LLC" : " Inc.";
  } else {
    const char* place = pick(rng, kPlaces);
    name = join({place, pick(rng, kTrades)});
  }
  return name;
}

// Draws names until one is new; after a few collisions numbers it ("... No. 2").
template <typename Draw>
std::string unique_name(Rng& rng, std::unordered_set<std::string>* taken, Draw draw) {
  std::string name;
  for (int attempt = 0; attempt < 8; ++attempt) {
    name = draw(rng);
    if (taken->insert(name).second) return name;
  }
  for (int number = 2;; ++number) {
    std::string numbered = name + " No. " + std::to_string(number);
    if (taken->insert(numbered).second) return numbered;
  }
}

// "C001" with at least `width_min` digits, more when `count` needs them.
std::string numbered_id(const char* prefix, uint64_t number, uint64_t count, int width_min) {
  int width = 1;
  for (uint64_t n = count; n >= 10; n /= 10) ++width;
  width = std::max(width, width_min);
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  const int length = int(end - digits);
  std::string id(prefix);
  id.append(size_t(std::max(0, width - length)), '0');
  id.append(digits, end);
  return id;
}

// ---- [SECTION] Calendar helpers -------------------------------------------------------------

Date on_or_after_weekday(Date d, int wanted) { return d + (wanted - weekday(d) + 7) % 7; }

// ---- [SECTION] Customers: size, terms, credit limit, payment habit ---------------------------

enum class Habit : uint8_t {
  Prompt,        // Pays around the due date.
  SlightlyLate,  // Usually a few days late.
  ChronicLate,   // One to two and a half months late; now and then never pays.
  Partial,       // Pays part first, the rest weeks later (or never).
  Disputer,      // Disputes some invoices: credit notes, late remainder, a few write-offs.
  Inertial,      // Big customer with "inertial arrears": always a month or three behind.
  Stopper,       // Stops paying during the period: a future write-off.
};

struct Profile {
  Habit habit = Habit::Prompt;
  int64_t median_minor = 0;  // Typical invoice amount.
  uint64_t weight = 1;       // Relative number of invoices.
  bool lump = false;         // Weekly lump payments left to the oldest-due-first rule.
  int pay_weekday = -1;      // 0-4: pays in a weekly run on that weekday; -1: any day.
  int32_t lag_weeks = 0;     // Lump payers: weeks between the due week and the payment.
  Date first, last;          // Invoices are issued on these days (inclusive).
  Date stop{INT32_MAX};      // Pays nothing on or after this date.
};

// The credit file's grade from the payment habit (no draw: the books stay as they were):
// A pays on time or nearly, B is slow or argues, C is chronically late or stops paying.
const char* grade_of(Habit habit) {
  switch (habit) {
    case Habit::Prompt:
    case Habit::SlightlyLate: return "A";
    case Habit::Partial:
    case Habit::Disputer:
    case Habit::Inertial: return "B";
    case Habit::ChronicLate:
    case Habit::Stopper: return "C";
  }
  return "C";
}

struct Event {
  Date date;
  Index customer = kNone;
  Index invoice = kNone;     // Invoice settled (allocation, credit or write-off).
  int64_t amount_minor = 0;  // Applied to `invoice`.
  int64_t extra_minor = 0;   // Payments only: paid on account, left unapplied.
  uint32_t seq = 0;          // Creation order: a total sort order, hence determinism.
};

struct Gen {
  const GenerateParams& params;
  Rng rng;
  Date start, end;  // Inclusive period.
  Book book;
  std::vector<Profile> profiles;
  std::vector<Event> payments, credits, write_offs;
  uint64_t payment_numbers = 0;  // P- numbers given (fit_to_date_order may drop some).
};

constexpr int kInvoicesPerCustomerMonth = 3;  // Default volume when params.invoices == 0.

Habit draw_habit(Rng& rng, bool big) {
  const uint64_t r = rng.below(1000);
  if (big) return r < 550 ? Habit::Inertial : r < 800 ? Habit::SlightlyLate : Habit::Prompt;
  if (r < 260) return Habit::Prompt;
  if (r < 570) return Habit::SlightlyLate;
  if (r < 720) return Habit::ChronicLate;
  if (r < 840) return Habit::Partial;
  return Habit::Disputer;
}

int32_t draw_terms(Rng& rng, bool big) {
  const uint64_t r = rng.below(100);
  if (big) return r < 40 ? 60 : r < 70 ? 45 : 30;
  return r < 8 ? 15 : r < 80 ? 30 : r < 92 ? 45 : 60;
}

// Customer size: 6% big, 24% medium, 70% small; sets typical amount and invoice frequency.
bool draw_size(Rng& rng, Profile* p) {
  const uint64_t r = rng.below(1000);
  if (r < 60) {
    p->median_minor = rng.between(800'000, 2'000'000);
    p->weight = uint64_t(rng.between(60, 100));
    return true;
  }
  if (r < 300) {
    p->median_minor = rng.between(300'000, 900'000);
    p->weight = uint64_t(rng.between(20, 40));
  } else {
    p->median_minor = rng.between(40'000, 250'000);
    p->weight = uint64_t(rng.between(8, 16));
  }
  return false;
}

// Credit limit: about 2.5 months of expected billing over the terms, in steps of 5,000.00.
int64_t credit_limit(Rng& rng, const Profile& p, int32_t terms, int64_t invoices_per_month_x100) {
  if (rng.chance(40)) return -1;  // A few accounts never got a credit review.
  const int64_t monthly = p.median_minor * invoices_per_month_x100 / 100;
  const int64_t step = 500'000;
  const int64_t limit = monthly * 5 / 2 * std::max(terms, 30) / 30;
  return std::max<int64_t>(step * 2, (limit + step - 1) / step * step);
}

void make_salespeople(Gen& g) {
  std::unordered_set<std::string> taken;
  const int32_t count = std::max<int32_t>(g.params.salespeople, 0);
  for (int32_t i = 0; i < count; ++i) {
    Salesperson s;
    s.id = "S";  // Appended, not "S" + ...: GCC 12 warns falsely (-Wrestrict) there.
    s.id += std::to_string(i + 1);
    s.name = unique_name(g.rng, &taken, [](Rng& rng) {
      const char* first = pick(rng, kFirstNames);
      return join({first, pick(rng, kSurnames)});
    });
    g.book.salespeople.push_back(std::move(s));
  }
}

// Active range and the stop date of a stopper (pays nothing from `stop`, supply cut later).
void draw_activity(Gen& g, Profile* p, bool stopper) {
  const int32_t span = g.end - g.start;
  p->first = g.start;
  p->last = g.end;
  if (!stopper && g.rng.chance(80)) {  // A new customer, from some day in the first 2/3.
    p->first = g.start + int32_t(g.rng.below(uint64_t(span) * 2 / 3 + 1));
  }
  if (!stopper) return;
  p->stop = g.end - int32_t(g.rng.between(110, 220));
  if (p->stop < g.start + span / 2) p->stop = g.start + span / 2;
  p->last = std::min(g.end, p->stop + int32_t(g.rng.between(20, 50)));
}

// One or two stoppers per 40 customers (none in tiny books): distinct, never a big customer.
std::vector<bool> choose_stoppers(Gen& g, int32_t customers) {
  std::vector<bool> stopper(size_t(customers), false);
  const int32_t count = customers < 5 ? 0 : std::max(1, (customers + 20) / 40);
  for (int32_t placed = 0; placed < count;) {
    const size_t i = size_t(g.rng.below(uint64_t(customers)));
    if (!stopper[i]) stopper[i] = true, ++placed;
  }
  return stopper;
}

void make_customers(Gen& g, int64_t invoices_total) {
  const int32_t count = std::max<int32_t>(g.params.customers, 1);
  const std::vector<bool> stopper = choose_stoppers(g, count);
  const int64_t per_month_x100 = invoices_total * 100 / count / std::max(g.params.months, 1);
  std::unordered_set<std::string> taken;
  for (int32_t i = 0; i < count; ++i) {
    Profile p;
    const bool big = draw_size(g.rng, &p) && !stopper[size_t(i)];
    p.habit = stopper[size_t(i)] ? Habit::Stopper : draw_habit(g.rng, big);
    const bool steady = p.habit == Habit::Prompt || p.habit == Habit::SlightlyLate;
    p.lump = steady && !big && g.rng.chance(120);
    if (p.lump || p.habit == Habit::Inertial || g.rng.chance(60)) {
      p.pay_weekday = int(g.rng.below(5));
    }
    if (p.lump) p.pay_weekday = 4, p.lag_weeks = p.habit == Habit::Prompt ? 0 : 1;  // Fridays.
    draw_activity(g, &p, stopper[size_t(i)]);
    Customer c;
    c.id = numbered_id("C", uint64_t(i) + 1, uint64_t(count), 3);
    c.name = unique_name(g.rng, &taken, firm_name);
    const int32_t sales = std::max<int32_t>(g.params.salespeople, 0);
    if (sales > 0) c.salesperson = Index(i < sales ? i : int32_t(g.rng.below(uint64_t(sales))));
    c.terms_days = draw_terms(g.rng, big);
    const int64_t expected_x100 = per_month_x100 * int64_t(p.weight) / 20;  // Mean weight ~20.
    c.credit_limit_minor =
        credit_limit(g.rng, p, c.terms_days, std::max<int64_t>(expected_x100, 50));
    c.grade = grade_of(p.habit);
    g.book.customers.push_back(std::move(c));
    g.profiles.push_back(p);
  }
}

// ---- [SECTION] Invoices: business days, daily counts, amounts ---------------------------------

// 2^(i/64) in 16.16 fixed point: exponentials without floating point.
constexpr uint32_t kPow2Frac[64] = {
    65536,  66250,  66971,  67700,  68438,  69183,  69936,  70698,  71468,  72246,  73032,
    73828,  74632,  75444,  76266,  77096,  77936,  78785,  79642,  80510,  81386,  82273,
    83169,  84074,  84990,  85915,  86851,  87796,  88752,  89719,  90696,  91684,  92682,
    93691,  94711,  95743,  96785,  97839,  98905,  99982,  101070, 102171, 103283, 104408,
    105545, 106694, 107856, 109031, 110218, 111418, 112631, 113858, 115098, 116351, 117618,
    118899, 120194, 121502, 122825, 124163, 125515, 126882, 128263, 129660};

// Log-normal-ish amount around `median`: log2 of the factor is a sum of four uniforms
// (close to normal, sd about 0.9 octave, range +-3.1 octaves).
int64_t draw_amount(Rng& rng, int64_t median_minor) {
  int32_t log2_x64 = 0;
  for (int i = 0; i < 4; ++i) log2_x64 += int32_t(rng.between(-50, 50));
  const int32_t whole = log2_x64 >= 0 ? log2_x64 / 64 : -((-log2_x64 + 63) / 64);
  const int32_t frac = log2_x64 - whole * 64;
  int64_t amount = median_minor * int64_t(kPow2Frac[frac]) >> 16;
  amount = whole >= 0 ? amount << whole : amount >> -whole;
  if (rng.chance(400)) amount -= amount % 100;                             // Whole dollars.
  if (amount > 100'000 && rng.chance(150)) amount -= amount % 1000;       // Round tens.
  return std::max<int64_t>(amount, 1'500);
}

// Relative invoicing volume of a business day: slow growth, seasons, month-end billing.
uint64_t day_weight(Date d, Date start, int32_t span) {
  static constexpr uint64_t kSeason[12] = {90, 95, 105, 100, 100, 105, 95, 90, 105, 110, 110, 85};
  const YearMonthDay ymd = ymd_from_date(d);
  uint64_t w = kSeason[ymd.month - 1] * (100 + 25 * uint64_t(d - start) / uint64_t(span + 1));
  if (ymd.day >= 26) w = w * 13 / 10;
  return w;
}

// A customer active on `d`, drawn by weight (retries, then the next active one in order).
Index pick_customer(Gen& g, const std::vector<uint64_t>& cumulative, Date d) {
  const size_t count = cumulative.size();
  size_t i = 0;
  for (int attempt = 0; attempt < 16; ++attempt) {
    const uint64_t r = g.rng.below(cumulative.back());
    i = size_t(std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin());
    if (g.profiles[i].first <= d && d <= g.profiles[i].last) return Index(i);
  }
  for (size_t step = 1; step < count; ++step) {
    const size_t j = (i + step) % count;
    if (g.profiles[j].first <= d && d <= g.profiles[j].last) return Index(j);
  }
  return Index(i);
}

void add_invoice(Gen& g, Index customer, Date date, uint64_t number, uint64_t count) {
  const Profile& p = g.profiles[customer];
  Invoice inv;
  inv.id = g.book.intern(numbered_id("INV-", number, count, 6));
  inv.customer = customer;
  inv.date = date;
  inv.due = date + g.book.customers[customer].terms_days;
  inv.amount_minor = draw_amount(g.rng, p.median_minor);
  if (!p.lump && g.rng.chance(20)) {  // An approved extension: the due date is written.
    inv.due = inv.due + int32_t(g.rng.between(10, 30));
    inv.flags |= kInvoiceDueGiven;
  }
  g.book.invoices.push_back(inv);
}

// Spreads exactly `total` invoices over the business days by day_weight().
void make_invoices(Gen& g, int64_t total) {
  std::vector<Date> days;
  for (Date d = g.start; d <= g.end; d = d + 1) {
    if (weekday(d) < 5) days.push_back(d);
  }
  if (days.empty()) days.push_back(g.start);
  std::vector<uint64_t> cumulative_days(days.size() + 1, 0);
  for (size_t k = 0; k < days.size(); ++k) {
    cumulative_days[k + 1] = cumulative_days[k] + day_weight(days[k], g.start, g.end - g.start);
  }
  std::vector<uint64_t> cumulative_customers;
  uint64_t sum = 0;
  for (const Profile& p : g.profiles) cumulative_customers.push_back(sum += p.weight);
  g.book.invoices.reserve(size_t(total));
  const uint64_t n = uint64_t(total), w = cumulative_days.back();
  uint64_t number = 0;
  for (size_t k = 0; k < days.size(); ++k) {
    // Integer shares: floor(n * W(k+1) / W) - floor(n * W(k) / W) sums to exactly n.
    const uint64_t upto = n * cumulative_days[k + 1] / w;  // < 2^63 for n < 10^11.
    while (number < upto) {
      add_invoice(g, pick_customer(g, cumulative_customers, days[k]), days[k], ++number, n);
    }
  }
}

// ---- [SECTION] Settlement plans: what happens to each invoice ----------------------------------

void push(Gen& g, std::vector<Event>* events, Date d, Index inv, int64_t amount, int64_t extra) {
  if (d > g.end || amount <= 0) return;  // After the period: has not happened yet.
  const Index customer = g.book.invoices[inv].customer;
  events->push_back(Event{d, customer, inv, amount, extra, uint32_t(events->size())});
}

// Moves a planned payment day to the customer's payment run and posts it (if in the period).
// Returns the actual date.
Date pay(Gen& g, Index inv, Date planned, int64_t amount) {
  const Invoice& invoice = g.book.invoices[inv];
  const Profile& p = g.profiles[invoice.customer];
  Date d = std::max(planned, invoice.date + 1);
  if (p.lump) d = on_or_after_weekday(invoice.due + 7 * p.lag_weeks, 4);  // Matches auto order.
  else if (p.pay_weekday >= 0) d = on_or_after_weekday(d, p.pay_weekday);
  else d = business_day(d);
  if (d >= p.stop) return d;
  int64_t extra = 0;  // Now and then a round sum paid on account: unapplied credit.
  const bool steady = p.habit == Habit::Prompt || p.habit == Habit::SlightlyLate;
  if (steady && !p.lump && g.rng.chance(4)) extra = g.rng.between(5, 50) * 10'000;
  push(g, &g.payments, d, inv, amount, extra);
  return d;
}

// Part of `open` in whole dollars, between lo% and hi%, at least 1.00 and below `open`.
int64_t part_of(Rng& rng, int64_t open, int64_t lo_pct, int64_t hi_pct) {
  int64_t part = open * rng.between(lo_pct, hi_pct) / 100;
  part -= part % 100;
  return std::clamp<int64_t>(part, std::min<int64_t>(100, open - 1), open - 1);
}

void write_off(Gen& g, Index inv, Date d, int64_t amount) {
  push(g, &g.write_offs, business_day(d), inv, amount, 0);
}

// A dispute: a credit note for part (or all) of the invoice, then the rest paid late or,
// when never resolved, written off months later.
void plan_dispute(Gen& g, Index inv, int64_t open) {
  const Invoice& invoice = g.book.invoices[inv];
  const Date credit_date = business_day(invoice.date + int32_t(g.rng.between(10, 45)));
  const int64_t credit = g.rng.chance(150) ? open : part_of(g.rng, open, 10, 40);
  if (credit_date > g.end) {  // Still being argued about at the end: stays open, disputed.
    g.book.invoices[inv].flags |= kInvoiceDisputed;
    return;
  }
  push(g, &g.credits, credit_date, inv, credit, 0);
  const int64_t rest = open - credit;
  if (rest == 0) return;
  Date settled;
  if (g.rng.chance(250)) {
    settled = business_day(invoice.due + int32_t(g.rng.between(120, 200)));
    write_off(g, inv, settled, rest);
  } else {
    settled = pay(g, inv, std::max(credit_date, invoice.due) + int32_t(g.rng.between(5, 40)), rest);
  }
  // The rest not settled by the end: the dispute goes on (the invoice is marked; no draw).
  if (settled > g.end) g.book.invoices[inv].flags |= kInvoiceDisputed;
}

// Part now, the rest weeks later; sometimes the rest never comes (and is written off).
void plan_partial(Gen& g, Index inv, int64_t open, int32_t delay_lo, int32_t delay_hi,
                  uint32_t never_per_mille) {
  const Invoice& invoice = g.book.invoices[inv];
  const int64_t first = part_of(g.rng, open, 30, 70);
  const Date paid = pay(g, inv, invoice.due + int32_t(g.rng.between(delay_lo, delay_hi)), first);
  if (g.rng.chance(never_per_mille)) {
    if (g.rng.chance(500)) {
      write_off(g, inv, invoice.due + int32_t(g.rng.between(180, 260)), open - first);
    }
    return;
  }
  pay(g, inv, paid + int32_t(g.rng.between(20, 60)), open - first);
}

void plan_invoice(Gen& g, Index inv) {
  const Invoice& invoice = g.book.invoices[inv];
  const Profile& p = g.profiles[invoice.customer];
  Rng& rng = g.rng;
  int64_t open = invoice.amount_minor;
  if (p.habit == Habit::Disputer && rng.chance(90)) return plan_dispute(g, inv, open);
  if (!p.lump && rng.chance(4)) {  // A return of goods: a credit note, the rest paid.
    const int64_t credit = part_of(rng, open, 5, 30);
    push(g, &g.credits, business_day(invoice.date + int32_t(rng.between(5, 25))), inv, credit, 0);
    open -= credit;
  }
  const Date due = invoice.due;
  switch (p.habit) {
    case Habit::Prompt:
      pay(g, inv, due + int32_t(rng.chance(20) ? rng.between(5, 15) : rng.between(-5, 2)), open);
      break;
    case Habit::SlightlyLate:
    case Habit::Disputer:
    case Habit::Stopper:
      pay(g, inv, due + int32_t(rng.chance(100) ? rng.between(21, 40) : rng.between(2, 20)), open);
      break;
    case Habit::ChronicLate:
      if (rng.chance(12)) write_off(g, inv, due + int32_t(rng.between(150, 240)), open);
      else pay(g, inv, due + int32_t(rng.between(25, 85)), open);
      break;
    case Habit::Partial:
      plan_partial(g, inv, open, 0, 15, 80);
      break;
    case Habit::Inertial:
      if (rng.chance(250)) plan_partial(g, inv, open, 20, 50, 0);
      else pay(g, inv, due + int32_t(rng.between(20, 75)), open);
      break;
  }
}

// ---- [SECTION] Assembly: sort events, merge remittances, intern ids ----------------------------

bool by_date_customer_invoice(const Event& a, const Event& b) {
  if (a.date != b.date) return a.date < b.date;
  if (a.customer != b.customer) return a.customer < b.customer;
  if (a.invoice != b.invoice) return a.invoice < b.invoice;
  return a.seq < b.seq;
}

// Adds the allocations of events [first, last) (same customer and date), one per invoice.
void add_allocations(const Event* first, const Event* last, std::vector<Allocation>* out) {
  for (const Event* e = first; e != last; ++e) {
    if (!out->empty() && e != first && out->back().invoice == e->invoice) {
      out->back().amount_minor += e->amount_minor;
    } else {
      out->push_back(Allocation{e->invoice, e->amount_minor});
    }
  }
}

// Payments in date order. A customer with a payment run pays everything due that day in one
// remittance; lump payers (and every payer when explicit_allocations is off) name no invoice.
void emit_payments(Gen& g) {
  std::vector<Event>& events = g.payments;
  std::sort(events.begin(), events.end(), by_date_customer_invoice);
  Book& book = g.book;
  book.payments.reserve(events.size());
  book.payment_allocations.reserve(events.size());
  const uint64_t count_hint = events.size();
  for (size_t i = 0; i < events.size();) {
    const Profile& p = g.profiles[events[i].customer];
    const bool explicit_alloc = g.params.explicit_allocations && !p.lump;
    const bool merge = p.pay_weekday >= 0 || !explicit_alloc;
    size_t j = i + 1;
    while (merge && j < events.size() && events[j].date == events[i].date &&
           events[j].customer == events[i].customer) {
      ++j;
    }
    Receipt r;
    r.id = book.intern(numbered_id("P-", book.payments.size() + 1, count_hint, 6));
    r.customer = events[i].customer;
    r.date = events[i].date;
    for (size_t k = i; k < j; ++k) r.amount_minor += events[k].amount_minor + events[k].extra_minor;
    r.allocation_first = uint32_t(book.payment_allocations.size());
    if (explicit_alloc) add_allocations(&events[i], &events[j], &book.payment_allocations);
    r.allocation_count = uint32_t(book.payment_allocations.size()) - r.allocation_first;
    book.payments.push_back(r);
    i = j;
  }
  g.payment_numbers = book.payments.size();
}

void emit_credit_notes_and_write_offs(Gen& g) {
  Book& book = g.book;
  std::sort(g.credits.begin(), g.credits.end(), by_date_customer_invoice);
  for (const Event& e : g.credits) {
    Receipt r;
    r.id = book.intern(numbered_id("CN-", book.credit_notes.size() + 1, g.credits.size(), 4));
    r.customer = e.customer;
    r.date = e.date;
    r.amount_minor = e.amount_minor;
    r.allocation_first = uint32_t(book.credit_allocations.size());
    r.allocation_count = 1;
    book.credit_allocations.push_back(Allocation{e.invoice, e.amount_minor});
    book.credit_notes.push_back(r);
  }
  std::sort(g.write_offs.begin(), g.write_offs.end(), by_date_customer_invoice);
  for (const Event& e : g.write_offs) {
    WriteOff w;
    w.id = book.intern(numbered_id("W-", book.write_offs.size() + 1, g.write_offs.size(), 4));
    w.invoice = e.invoice;
    w.date = e.date;
    w.amount_minor = e.amount_minor;
    book.write_offs.push_back(w);
  }
}

// ---- [SECTION] Refunds of overpayments (payments sent twice) --------------------------

// Now and then a customer who has just settled everything sends the same remittance again:
// with nothing open on that day, it stays unapplied credit (sums on account sent while
// invoices are open pay those instead, in date order). Needs a built index.
void emit_duplicate_payments(Gen& g) {
  Book& book = g.book;
  const size_t paid = book.payments.size();
  for (size_t i = 0; i < paid; ++i) {
    const Receipt p = book.payments[i];
    if (!g.rng.chance(40)) continue;
    bool settled = true;
    for (Index v : customer_invoices(book, p.customer)) {
      if (book.invoices[v].date > p.date) break;  // By date: the rest are later.
      if (invoice_open_minor(book, v, p.date) > 0) settled = false;
      if (!settled) break;
    }
    if (!settled) continue;
    Receipt again = p;
    again.id = book.intern(numbered_id("P-", ++g.payment_numbers, paid, 6));
    again.allocation_first = uint32_t(book.payment_allocations.size());
    again.allocation_count = 0;
    book.payments.push_back(again);
  }
}

// Each payment that left unapplied credit (a sum paid on account) is paid back two weeks
// later, naming the payment: alternately all of it and half of it (in whole currency units;
// the customer keeps the rest on account). A refund takes only its own payment's credit, so
// the customer's credit always covers it.
void emit_refunds(Gen& g) {
  Book& book = g.book;
  std::vector<Index> overpaid;
  for (Index i = 0; i < Index(book.payments.size()); ++i) {
    if (book.index.payment_unapplied_minor[i] > 0) overpaid.push_back(i);
  }
  for (size_t k = 0; k < overpaid.size(); ++k) {
    const Receipt& p = book.payments[overpaid[k]];
    const Date date = business_day(p.date + 14);
    if (date > g.end) break;  // Payments are by date: the rest are later still.
    const int64_t credit = book.index.payment_unapplied_minor[overpaid[k]];
    Refund r;
    r.id = book.intern(numbered_id("R-", book.refunds.size() + 1, overpaid.size(), 4));
    r.customer = p.customer;
    r.date = date;
    r.amount_minor = k % 2 == 0 ? credit : credit / 2 - credit / 2 % 100;
    r.payment = overpaid[k];
    if (r.amount_minor > 0) book.refunds.push_back(r);
  }
}

// ---- [SECTION] The case file (params.case_file) -------------------------------------------
//
// What a collection team would have logged over the period, drawn from the ledger as it
// came out (its own generator, so the ledger is the same with or without it):
//   - credit reviews from each customer's first invoice, every policy interval for its grade
//     (C-grade customers must give a guarantee);
//   - a call three days after an invoice fell due unpaid (at most one a fortnight a customer),
//     by the owner of the first level, and often a promise to pay it within a week: kept or
//     broken is then the ledger's own answer;
//   - a case (owner, diagnosed cause, can't/won't pay) the first time a customer is 30 days
//     behind; disputes with a reason for the disputer's contested invoices, resolved when
//     the invoice was settled (upheld if a credit note took part of it);
//   - for the partial payers (cash shortage) an instalment plan, approved when over the
//     threshold; for the customers who stop paying, a hold past the one-third limit, then
//     legal action;
//   - the letters of a dunning run every Monday (core/dunning.h), booked as they went out.
namespace case_file {

const char* const kCallNotes[] = {
    "Confirmed the invoice was received; payment run is on Friday.",
    "Accounts payable says it is waiting for the manager's signature.",
    "Asked for a copy of the invoice and the delivery note; sent by email.",
    "Customer short of cash this month; asked for a week.",
    "Reminded them of the due date and the amount; they will check and call back.",
    "Spoke to the original buyer; payment promised after their own customer pays."};
const char* const kContacts[] = {"Accounts payable", "Finance manager", "Purchasing",
                                 "Owner"};

Cause cause_of(Habit h) {
  switch (h) {
    case Habit::SlightlyLate:
    case Habit::ChronicLate: return Cause::Negligence;
    case Habit::Partial: return Cause::CashShortage;
    case Habit::Disputer: return Cause::Dispute;
    case Habit::Inertial: return Cause::Triangular;
    case Habit::Stopper: return Cause::Deliberate;
    default: return Cause::Unknown;
  }
}

// The date an invoice's open amount reached zero, or kNoDate if it never did.
Date settled_on(const Book& b, Index inv, bool* credited) {
  ApplicationRange apps = invoice_applications(b, inv);
  int64_t open = b.invoices[inv].amount_minor;
  *credited = false;
  for (const Application* a = apps.first; a != apps.last; ++a) {
    open -= a->amount_minor;
    if (a->kind == ApplicationKind::CreditNote) *credited = true;
    if (open == 0) return a->date;
  }
  return kNoDate;
}

}  // namespace case_file

void emit_case_file(Gen& g) {
  using namespace case_file;
  Rng rng{g.params.seed ^ 0xCA5EF11E0000ull};
  Book& b = g.book;
  b.collection.policy_given = true;
  const CollectionPolicy& policy = b.collection.policy;
  const std::vector<DunningLevel>& levels = policy.levels;
  std::vector<CaseRecord> out;
  auto record = [&](RecordKind kind, Date date, Index customer) -> CaseRecord& {
    CaseRecord r;
    r.kind = kind;
    r.date = date;
    r.customer = customer;
    out.push_back(std::move(r));
    return out.back();
  };
  for (Index c = 0; c < Index(b.customers.size()); ++c) {
    const Profile& p = g.profiles[c];
    const Customer& cust = b.customers[c];
    InvoiceSpan invs = customer_invoices(b, c);
    if (invs.first == invs.last) continue;
    // Reviews.
    const int32_t months = policy.review_months(cust.grade);
    bool first_review = true;
    for (Date d = business_day(b.invoices[*invs.first].date); d <= g.end;
         d = business_day(add_months(d, months))) {
      CaseRecord& r = record(RecordKind::Review, d, c);
      r.grade = cust.grade;
      r.amount_minor = first_review ? cust.credit_limit_minor : -1;
      r.security = cust.grade == "C" ? Security::Guarantee : Security::None;
      r.by = "credit";
      r.text = first_review ? "Opening review: trade references and accounts checked."
                            : "Periodic review: payment record and limit confirmed.";
      first_review = false;
    }
    // Calls, promises, disputes, the case.
    Date last_call = kNoDate;
    bool has_case = false;
    for (const Index* it = invs.first; it != invs.last; ++it) {
      const Index inv = *it;
      const Invoice& v = b.invoices[inv];
      bool credited = false;
      const Date settled = settled_on(b, inv, &credited);
      if (p.habit == Habit::Disputer && (credited || (v.flags & kInvoiceDisputed)) &&
          v.date + 7 <= g.end) {
        CaseRecord& d = record(RecordKind::Dispute, v.date + 7, c);
        d.invoices = {inv};
        d.reason = DisputeReason(rng.below(5));
        d.by = "sales";
        d.text = d.reason == DisputeReason::SalesPromise
                     ? "Customer says our sales rep promised a 5% discount."
                     : "Customer contests part of the delivery.";
        d.id = "D" + std::to_string(inv);  // Temporary: the resolution names it.
        if (settled != kNoDate && settled <= g.end) {
          CaseRecord& r = record(RecordKind::Resolve, std::max(settled, v.date + 7), c);
          r.ref = "D" + std::to_string(inv);
          r.outcome = credited ? Outcome::Upheld : Outcome::Rejected;
          r.by = "finance";
        }
      }
      const Date call = business_day(v.due + 3);
      if (call > g.end || invoice_open_minor(b, inv, call) == 0) continue;
      if (last_call != kNoDate && call < last_call + 14) continue;
      last_call = call;
      const int64_t open = invoice_open_minor(b, inv, call);
      if (!has_case && (settled == kNoDate || settled - v.due > 30) && v.due + 30 <= g.end) {
        CaseRecord& k = record(RecordKind::Case, v.due + 30, c);
        k.owner = p.habit == Habit::Stopper ? WorkOwner::Credit : WorkOwner::Finance;
        k.cause = cause_of(p.habit);
        k.stance = p.habit == Habit::Stopper ? Stance::WontPay : Stance::CantPay;
        k.by = "finance";
        has_case = true;
      }
      // (A reference into `out` holds only until the next record(): push_back may move it.)
      const char* caller = work_owner_name(levels.front().owner);
      CaseRecord& k = record(RecordKind::Contact, call, c);
      k.invoices = {inv};
      k.channel = rng.chance(700) ? Channel::Phone : Channel::Email;
      k.with = kContacts[rng.below(4)];
      k.by = caller;
      k.text = kCallNotes[rng.below(6)];
      k.next_step = "Check the payment arrived";
      k.next_date = call + 7;
      if (p.habit != Habit::Stopper && rng.chance(600)) {
        CaseRecord& pr = record(RecordKind::Promise, call, c);
        pr.invoices = {inv};
        pr.amount_minor = open;
        pr.until = business_day(call + 7);
        pr.by = caller;
      }
      // A plan for a customer who can't pay now: the rest in three monthly instalments.
      if (p.habit == Habit::Partial && open < v.amount_minor && call + 10 <= g.end &&
          rng.chance(300)) {
        const Date day = call + 10;
        const int64_t rest = invoice_open_minor(b, inv, day);
        if (rest >= 300) {
          CaseRecord& pl = record(RecordKind::Plan, day, c);
          pl.invoices = {inv};
          for (int k3 = 1; k3 <= 3; ++k3)
            pl.instalments.push_back({add_months(day, k3), k3 < 3 ? rest / 3 : rest - 2 * (rest / 3)});
          pl.by = "finance";
          pl.text = "Cash shortage: the rest in three monthly instalments.";
          pl.id = "P" + std::to_string(inv);
          if (rest > policy.approval_over_minor) {
            CaseRecord& ap = record(RecordKind::Approval, day, c);
            ap.ref = "P" + std::to_string(inv);
            ap.by = "CFO";
          }
        }
      }
    }
    // Stoppers: a hold past the one-third limit of their first unpaid invoice, then the law.
    if (p.habit == Habit::Stopper) {
      for (const Index* it = invs.first; it != invs.last; ++it) {
        const Invoice& v = b.invoices[*it];
        const Date limit = v.due + one_third_limit(v.due - v.date) + 1;
        if (v.due < p.stop || limit > g.end || invoice_open_minor(b, *it, limit) == 0) continue;
        CaseRecord& h = record(RecordKind::Hold, limit, c);
        h.by = "credit";
        h.text = "Past the one-third limit and not answering: stop supply.";
        if (limit + 60 <= g.end) {
          CaseRecord& l = record(RecordKind::Recovery, limit + 60, c);
          l.action = RecoveryAction::Legal;
          l.amount_minor = invoice_open_minor(b, *it, limit + 60);
          l.by = "credit";
          l.text = "Handed to the lawyers after the lawyer's letter went unanswered.";
        }
        break;
      }
    }
  }
  // File order = date order; ids R-1.. in that order (references renamed to match).
  auto number = [](std::vector<CaseRecord>& rs) {
    std::stable_sort(rs.begin(), rs.end(),
                     [](const CaseRecord& x, const CaseRecord& y) { return x.date < y.date; });
    std::unordered_map<std::string, std::string> renamed;
    for (size_t i = 0; i < rs.size(); ++i) {
      std::string id = "R-" + std::to_string(i + 1);
      if (!rs[i].id.empty()) renamed[rs[i].id] = id;
      rs[i].id = id;
    }
    for (CaseRecord& r : rs)
      if (!r.ref.empty()) r.ref = renamed[r.ref];
  };
  number(out);
  b.collection.records = std::move(out);
  // The letters: a dunning run every Monday, booked as the team would have (core/dunning.h:
  // a level raised only once the one before was sent, disputes left out, the letter gap).
  for (Date d = on_or_after_weekday(g.start + 7, 0); d <= g.end; d = d + 7) {
    const DunningRun run = dunning_run(b, d);
    for (const NewRecord& nr : dunning_records(b, run, "finance")) {
      CaseRecord r = nr.record;
      r.customer = find_customer(b, nr.customer_id);
      r.invoices.clear();
      for (const std::string& id : nr.invoice_ids) r.invoices.push_back(find_invoice(b, id));
      r.id = "L" + std::to_string(b.collection.records.size());
      b.collection.records.push_back(std::move(r));  // The next run sees it sent.
    }
  }
  number(b.collection.records);
}

}  // namespace

Book generate_book(const GenerateParams& params) {
  Gen g{params, Rng{params.seed}, params.start, params.start, Book{}, {}, {}, {}, {}, 0};
  g.end = add_months(params.start, std::max<int32_t>(params.months, 1)) - 1;
  const int32_t customers = std::max<int32_t>(params.customers, 1);
  const int64_t invoices = params.invoices > 0
                               ? params.invoices
                               : int64_t(customers) * std::max<int32_t>(params.months, 1) *
                                     kInvoicesPerCustomerMonth;
  g.book.currency = "USD";
  g.book.minor_digits = 2;
  g.book.budget.dso_target_centidays = 4500;  // 45 days.
  g.book.budget.overdue_ratio_target_bp = 2500;  // 25%.
  make_salespeople(g);
  make_customers(g, invoices);
  make_invoices(g, invoices);
  g.payments.reserve(g.book.invoices.size() + g.book.invoices.size() / 8);
  for (Index i = 0; i < Index(g.book.invoices.size()); ++i) plan_invoice(g, i);
  emit_payments(g);
  emit_credit_notes_and_write_offs(g);
  // Plans are made one invoice at a time; in date order a lump payment or a sum paid on
  // account may already have taken part of an invoice that a later document names.
  fit_to_date_order(g.book);
  std::vector<Problem> problems;
  bool ok = build_index(g.book, &problems);
  emit_duplicate_payments(g);
  ok = ok && build_index(g.book, &problems);
  emit_refunds(g);  // Needs the unapplied credit of each payment: after the first index.
  if (!g.book.refunds.empty()) ok = ok && build_index(g.book, &problems);
  if (params.case_file) {
    emit_case_file(g);
    ok = ok && check_collection(g.book, &problems);
  }
  assert(ok && "generate_book made a book that build_index rejects");
  (void)ok;
  return std::move(g.book);
}

}  // namespace arlab
