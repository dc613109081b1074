// book.cpp: id hashes, the rules of the book format, and the derived index.
//
// [SECTION] Strings and id hashes
// [SECTION] Per-document checks
// [SECTION] Explicit reductions (allocations and write-offs)
// [SECTION] Automatic allocation (oldest due first)
// [SECTION] Index assembly
// [SECTION] Refunds: covered by unapplied credit
// [SECTION] Appending a document (index_appended)
// [SECTION] Queries

#include "book.h"

#include <algorithm>
#include <climits>

#include "budget.h"
#include "money.h"
#include "text.h"

namespace arlab {

//-----------------------------------------------------------------------------
// [SECTION] Strings and id hashes
//-----------------------------------------------------------------------------

StrRef Book::intern(std::string_view text) {
  StrRef ref{static_cast<uint32_t>(strings.size()), static_cast<uint32_t>(text.size())};
  strings.append(text);
  return ref;
}

static uint64_t hash_id(std::string_view s) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a, then a final mix for the low bits.
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

// Inserts `count` ids given by key(i); reports duplicates as "<list>[i].id".
template <typename Key>
static void build_id_index(IdIndex* index, size_t count, Key key, const char* list,
                           std::vector<Problem>* problems) {
  size_t capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  index->slots.assign(capacity, kNone);
  index->tags.assign(capacity, 0);
  const size_t mask = capacity - 1;
  for (size_t i = 0; i < count; i++) {
    std::string_view id = key(i);
    uint64_t hash = hash_id(id);
    uint32_t tag = static_cast<uint32_t>(hash >> 32);
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      uint32_t at = index->slots[slot];
      if (at == kNone) {
        index->slots[slot] = static_cast<uint32_t>(i);
        index->tags[slot] = tag;
        break;
      }
      if (index->tags[slot] == tag && key(at) == id) {
        if (problems && problems->size() < kProblemsMax)
          problems->push_back({std::string(list) + "[" + std::to_string(i) + "].id",
                               "duplicate id " + quoted(id) + " (first at " + list + "[" +
                                   std::to_string(at) + "])"});
        break;
      }
    }
  }
}

template <typename Key>
static Index find_in(const IdIndex& index, std::string_view id, Key key) {
  if (index.slots.empty()) return kNone;
  const size_t mask = index.slots.size() - 1;
  uint64_t hash = hash_id(id);
  uint32_t tag = static_cast<uint32_t>(hash >> 32);
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    uint32_t at = index.slots[slot];
    if (at == kNone) return kNone;
    if (index.tags[slot] == tag && key(at) == id) return at;
  }
}

Index find_salesperson(const Book& b, std::string_view id) {
  return find_in(b.index.salespeople, id,
                 [&](size_t i) { return std::string_view(b.salespeople[i].id); });
}
Index find_customer(const Book& b, std::string_view id) {
  return find_in(b.index.customers, id,
                 [&](size_t i) { return std::string_view(b.customers[i].id); });
}
Index find_invoice(const Book& b, std::string_view id) {
  return find_in(b.index.invoices, id, [&](size_t i) { return b.str(b.invoices[i].id); });
}
Index find_payment(const Book& b, std::string_view id) {
  return find_in(b.index.payments, id, [&](size_t i) { return b.str(b.payments[i].id); });
}
Index find_credit_note(const Book& b, std::string_view id) {
  return find_in(b.index.credit_notes, id, [&](size_t i) { return b.str(b.credit_notes[i].id); });
}
Index find_write_off(const Book& b, std::string_view id) {
  return find_in(b.index.write_offs, id, [&](size_t i) { return b.str(b.write_offs[i].id); });
}
Index find_refund(const Book& b, std::string_view id) {
  return find_in(b.index.refunds, id, [&](size_t i) { return b.str(b.refunds[i].id); });
}

static IdsBuiltFor ids_fingerprint(const Book& b) {
  return {b.salespeople.size(), b.customers.size(),    b.invoices.size(),
          b.payments.size(),    b.credit_notes.size(), b.write_offs.size(),
          b.refunds.size(),     b.strings.size(),      true};
}

bool index_ids(Book& b, std::vector<Problem>* problems) {
  std::vector<Problem> local;
  if (!problems) problems = &local;
  size_t before = problems->size();
  BookIndex& x = b.index;
  x.ids_built_for = {};
  build_id_index(
      &x.salespeople, b.salespeople.size(),
      [&](size_t i) { return std::string_view(b.salespeople[i].id); }, "salespeople", problems);
  build_id_index(
      &x.customers, b.customers.size(),
      [&](size_t i) { return std::string_view(b.customers[i].id); }, "customers", problems);
  build_id_index(
      &x.invoices, b.invoices.size(), [&](size_t i) { return b.str(b.invoices[i].id); }, "invoices",
      problems);
  build_id_index(
      &x.payments, b.payments.size(), [&](size_t i) { return b.str(b.payments[i].id); }, "payments",
      problems);
  build_id_index(
      &x.credit_notes, b.credit_notes.size(), [&](size_t i) { return b.str(b.credit_notes[i].id); },
      "credit_notes", problems);
  build_id_index(
      &x.write_offs, b.write_offs.size(), [&](size_t i) { return b.str(b.write_offs[i].id); },
      "write_offs", problems);
  build_id_index(
      &x.refunds, b.refunds.size(), [&](size_t i) { return b.str(b.refunds[i].id); }, "refunds",
      problems);
  if (problems->size() != before) return false;
  x.ids_built_for = ids_fingerprint(b);  // Reused by build_index while the book is unchanged.
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Per-document checks
//-----------------------------------------------------------------------------

// Sums of amounts: each amount is at most 9e17 (parse_amount), but a sum of many may not
// fit in int64; saturating keeps "more than the amount" true without overflow.
static int64_t add_saturated(int64_t a, int64_t b) {
  int64_t sum;
  if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? INT64_MAX : INT64_MIN;
  return sum;
}

namespace {

struct Checker {
  const Book& b;
  std::vector<Problem>* problems;
  size_t count = 0;

  bool full() const { return count >= kProblemsMax; }
  void add(std::string place, std::string message, bool date_order = false) {
    count++;
    if (problems && problems->size() < kProblemsMax)
      problems->push_back({std::move(place), std::move(message), date_order});
  }
  std::string money(int64_t minor) const { return format_amount(minor, b.minor_digits); }
  static std::string at(const char* list, size_t i) {
    return std::string(list) + "[" + std::to_string(i) + "]";
  }

  void check_ids(std::string_view id, const std::string& place) {
    if (id.empty()) add(place + ".id", "id must not be empty");
  }

  // Every sum of amounts stays below kBookTotalMax, far inside int64 (kept in the index, so
  // that a document appended checks its list's total alone).
  int64_t invoiced = 0, received = 0, refunded = 0;
  void totals() {
    for (const Invoice& v : b.invoices)
      invoiced = add_saturated(invoiced, std::max<int64_t>(v.amount_minor, 0));
    for (const Receipt& r : b.payments)
      received = add_saturated(received, std::max<int64_t>(r.amount_minor, 0));
    for (const Receipt& r : b.credit_notes)
      received = add_saturated(received, std::max<int64_t>(r.amount_minor, 0));
    for (const Refund& r : b.refunds)
      refunded = add_saturated(refunded, std::max<int64_t>(r.amount_minor, 0));
    std::string limit = money(kBookTotalMax);
    if (invoiced > kBookTotalMax)
      add("invoices", "the invoices total more than " + limit + ", too large to sum exactly");
    if (received > kBookTotalMax)
      add("payments",
          "the payments and credit notes total more than " + limit + ", too large to sum exactly");
    if (refunded > kBookTotalMax)
      add("refunds", "the refunds total more than " + limit + ", too large to sum exactly");
  }

  // A budget's targets in their ranges (readers give only these; edits are checked here).
  void budget() {
    Problem p;
    if (!budget_valid(b.budget, &p)) add(p.place, p.message);
  }

  // Each list's checks take a range (default: all), so that a document appended
  // (index_appended) is checked alone by the same code.
  void customers(size_t from = 0, size_t to = SIZE_MAX) {
    for (size_t i = from; i < std::min(to, b.customers.size()) && !full(); i++) {
      const Customer& c = b.customers[i];
      check_ids(c.id, at("customers", i));
      if (c.salesperson != kNone && c.salesperson >= b.salespeople.size())
        add(at("customers", i) + ".salesperson", "unknown salesperson");
      if (c.terms_days < 0 || c.terms_days > 3650)
        add(at("customers", i) + ".terms_days",
            "terms must be 0 to 3650 days, not " + std::to_string(c.terms_days));
      if (c.credit_limit_minor < -1)
        add(at("customers", i) + ".credit_limit", "credit limit must not be negative");
      grade(c.grade, at("customers", i) + ".grade");
    }
  }

  // Optional (empty: none; the readers reject `"grade": ""`), at most kGradeLengthMax
  // characters (UTF-8 code points).
  void grade(const std::string& grade, const std::string& place) {
    size_t characters = 0;
    for (unsigned char ch : grade) characters += (ch & 0xC0) != 0x80;
    if (characters > kGradeLengthMax)
      add(place, "grade must be at most " + std::to_string(kGradeLengthMax) + " characters, not " +
                     std::to_string(characters));
  }

  void invoices(size_t from = 0, size_t to = SIZE_MAX) {
    for (size_t i = from; i < std::min(to, b.invoices.size()) && !full(); i++) {
      const Invoice& v = b.invoices[i];
      std::string place = at("invoices", i);
      check_ids(b.str(v.id), place);
      if (v.customer >= b.customers.size()) add(place + ".customer", "unknown customer");
      if (v.amount_minor <= 0)
        add(place + ".amount", "amount must be positive, not " + money(v.amount_minor));
      if (v.due < v.date)
        add(place + ".due", "due date " + format_date(v.due) + " is before the invoice date " +
                                format_date(v.date));
      else if (v.due > kDateMax)  // Date + terms: a due date no ISO date can write back.
        add(place + (v.flags & kInvoiceDueGiven ? ".due" : ".date"),
            "the due date (" + format_date(v.date) + " + " + std::to_string(v.due - v.date) +
                " days) is after 9999-12-31, the last date arlab can write");
    }
  }

  void receipts(const std::vector<Receipt>& list, const std::vector<Allocation>& allocations,
                const char* name, size_t from = 0, size_t to = SIZE_MAX) {
    for (size_t i = from; i < std::min(to, list.size()) && !full(); i++) {
      const Receipt& r = list[i];
      std::string place = at(name, i);
      check_ids(b.str(r.id), place);
      bool customer_ok = r.customer < b.customers.size();
      if (!customer_ok) add(place + ".customer", "unknown customer");
      if (r.amount_minor <= 0)
        add(place + ".amount", "amount must be positive, not " + money(r.amount_minor));
      if (uint64_t(r.allocation_first) + r.allocation_count > allocations.size()) {
        add(place + ".allocations", "allocation range out of bounds");
        continue;
      }
      int64_t total = 0;
      for (uint32_t k = 0; k < r.allocation_count; k++) {
        const Allocation& a = allocations[r.allocation_first + k];
        std::string apl = place + ".allocations[" + std::to_string(k) + "]";
        total = add_saturated(total, a.amount_minor);
        if (a.amount_minor <= 0)
          add(apl + ".amount", "amount must be positive, not " + money(a.amount_minor));
        if (a.invoice >= b.invoices.size()) {
          add(apl + ".invoice", "unknown invoice");
          continue;
        }
        const Invoice& v = b.invoices[a.invoice];
        if (customer_ok && v.customer != r.customer && v.customer < b.customers.size())
          add(apl + ".invoice", "invoice " + shown(b.str(v.id)) + " belongs to customer " +
                                    shown(b.customers[v.customer].id) + ", not " +
                                    shown(b.customers[r.customer].id));
        else if (v.date > r.date)
          add(apl + ".invoice", "invoice " + shown(b.str(v.id)) + " is dated " +
                                    format_date(v.date) + ", after this document (" +
                                    format_date(r.date) + ")");
      }
      if (total > r.amount_minor)
        add(place + ".allocations", "allocations total " + money(total) +
                                        ", more than the amount " + money(r.amount_minor));
    }
  }

  void write_offs(size_t from = 0, size_t to = SIZE_MAX) {
    for (size_t i = from; i < std::min(to, b.write_offs.size()) && !full(); i++) {
      const WriteOff& w = b.write_offs[i];
      std::string place = at("write_offs", i);
      check_ids(b.str(w.id), place);
      if (w.amount_minor <= 0)
        add(place + ".amount", "amount must be positive, not " + money(w.amount_minor));
      if (w.invoice >= b.invoices.size()) {
        add(place + ".invoice", "unknown invoice");
        continue;
      }
      const Invoice& v = b.invoices[w.invoice];
      if (w.date < v.date)
        add(place + ".date", "write-off dated " + format_date(w.date) + ", before invoice " +
                                 shown(b.str(v.id)) + " (" + format_date(v.date) + ")");
    }
  }

  // Each refund alone, and the refunds naming one payment together (at most its amount).
  // Whether unapplied credit covers them needs the applications: check_refund_cover below.
  void refunds() {
    std::vector<int64_t> by_payment;  // Refunded per payment, for those named.
    for (size_t i = 0; i < b.refunds.size() && !full(); i++) {
      Index p = b.refunds[i].payment;
      if (p < b.payments.size() && by_payment.empty()) by_payment.assign(b.payments.size(), 0);
      refund(i, p < b.payments.size() ? &by_payment[p] : nullptr);
    }
  }
  // `refunded`: what the refunds before this one naming its payment total (this one is added).
  void refund(size_t i, int64_t* refunded) {
    const Refund& r = b.refunds[i];
    std::string place = at("refunds", i);
    check_ids(b.str(r.id), place);
    bool customer_ok = r.customer < b.customers.size();
    if (!customer_ok) add(place + ".customer", "unknown customer");
    if (r.amount_minor <= 0)
      add(place + ".amount", "amount must be positive, not " + money(r.amount_minor));
    if (r.payment == kNone) return;
    if (r.payment >= b.payments.size()) {
      add(place + ".payment", "unknown payment");
      return;
    }
    const Receipt& p = b.payments[r.payment];
    std::string pid = shown(b.str(p.id));
    if (customer_ok && p.customer != r.customer && p.customer < b.customers.size())
      add(place + ".payment", "payment " + pid + " is from customer " +
                                  shown(b.customers[p.customer].id) + ", not " +
                                  shown(b.customers[r.customer].id));
    else if (p.date > r.date)
      add(place + ".payment", "payment " + pid + " is dated " + format_date(p.date) +
                                  ", after this refund (" + format_date(r.date) + ")");
    int64_t& total = *refunded;
    total = add_saturated(total, std::max<int64_t>(r.amount_minor, 0));
    if (total > p.amount_minor && total - std::max<int64_t>(r.amount_minor, 0) <= p.amount_minor)
      add(place + ".payment", "refunds of payment " + pid + " total " + money(total) +
                                  ", more than its amount " + money(p.amount_minor));
  }
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Date order: documents take effect one day at a time
//-----------------------------------------------------------------------------

// Builds a CSR list (first[key]..first[key+1]) of items grouped by key(item), stable.
template <typename KeyOf>
static void group_by(size_t keys, size_t items, KeyOf key_of, std::vector<uint32_t>* first,
                     std::vector<uint32_t>* out) {
  first->assign(keys + 1, 0);
  for (size_t i = 0; i < items; i++) (*first)[key_of(i) + 1]++;
  for (size_t k = 0; k < keys; k++) (*first)[k + 1] += (*first)[k];
  std::vector<uint32_t> fill(first->begin(), first->end() - 1);
  out->resize(items);
  for (size_t i = 0; i < items; i++) (*out)[fill[key_of(i)]++] = static_cast<uint32_t>(i);
}

namespace {

// What happens on one day, in this order (docs/FORMAT.md, "Date order"). Invoices need no
// step: an invoice is open from its own date on.
enum Step : uint8_t {
  kStepPaymentAllocations,  // Explicit allocations of payments, file order.
  kStepCreditAllocations,   // Explicit allocations of credit notes, file order.
  kStepPaymentRemainder,    // A payment's remainder applied automatically, file order.
  kStepCreditRemainder,     // A credit note's remainder, file order.
  kStepWriteOff,            // Write-offs, file order.
};

// One step of one document; the walk takes them by (date, step, file index).
struct Event {
  Date date;
  Step step;
  Index doc;
};

// Calls emit(Event) for every step of every document, in (step, file index) order.
template <typename Emit>
void for_each_event(const Book& b, const std::vector<int64_t>& pay_rest,
                    const std::vector<int64_t>& credit_rest, Emit emit) {
  for (size_t i = 0; i < b.payments.size(); i++)
    if (b.payments[i].allocation_count)
      emit(Event{b.payments[i].date, kStepPaymentAllocations, Index(i)});
  for (size_t i = 0; i < b.credit_notes.size(); i++)
    if (b.credit_notes[i].allocation_count)
      emit(Event{b.credit_notes[i].date, kStepCreditAllocations, Index(i)});
  for (size_t i = 0; i < b.payments.size(); i++)
    if (pay_rest[i] > 0) emit(Event{b.payments[i].date, kStepPaymentRemainder, Index(i)});
  for (size_t i = 0; i < b.credit_notes.size(); i++)
    if (credit_rest[i] > 0) emit(Event{b.credit_notes[i].date, kStepCreditRemainder, Index(i)});
  for (size_t i = 0; i < b.write_offs.size(); i++)
    emit(Event{b.write_offs[i].date, kStepWriteOff, Index(i)});
}

// Every step of every document, in date order: a counting sort by day (the events come in
// (step, file index) order, so placing them by day in that order is stable), written
// straight into place so that a 1,000,000-invoice book holds one copy of its events.
std::vector<Event> events_in_date_order(const Book& b, const std::vector<int64_t>& pay_rest,
                                        const std::vector<int64_t>& credit_rest) {
  size_t count = 0;
  Date lo{INT32_MAX}, hi{INT32_MIN};
  for_each_event(b, pay_rest, credit_rest, [&](const Event& e) {
    count++;
    lo = std::min(lo, e.date);
    hi = std::max(hi, e.date);
  });
  std::vector<Event> events;
  if (count == 0) return events;
  events.reserve(count);
  size_t days = size_t(int64_t(hi.days) - lo.days) + 1;
  if (days > 4 * count + 1024) {  // Dates far apart (a few documents): sort them instead.
    for_each_event(b, pay_rest, credit_rest, [&](const Event& e) { events.push_back(e); });
    std::stable_sort(events.begin(), events.end(),
                     [](const Event& p, const Event& q) { return p.date < q.date; });
    return events;
  }
  std::vector<uint32_t> next(days + 1, 0);  // Per day: where its next event goes.
  for_each_event(b, pay_rest, credit_rest, [&](const Event& e) { next[size_t(e.date - lo) + 1]++; });
  for (size_t d = 0; d < days; d++) next[d + 1] += next[d];
  events.resize(count);
  for_each_event(b, pay_rest, credit_rest,
                 [&](const Event& e) { events[next[size_t(e.date - lo)]++] = e; });
  return events;
}

// The automatic rule: a remainder goes to the customer's invoices dated on or before the
// receipt, oldest due date first (then invoice date, then id), taking what each has open
// at that moment of the date order. Booked late-payment charges come before all of them:
// costs, then interest, then the principal (kInvoiceCharge).
struct AutoAllocator {
  const Book& b;
  std::vector<int64_t>& left;         // Per invoice, open now (in the date order).
  std::vector<uint32_t> first;        // Per customer: CSR into order.
  std::vector<uint32_t> order;        // Invoices by (due, date, id) within each customer.
  std::vector<uint32_t> cursor;       // Per customer: first position that may still be open.
  std::vector<int32_t> gap_days_max;  // Per customer: max(due - date), to stop scanning early.

  void prepare() {
    group_by(
        b.customers.size(), b.invoices.size(), [&](size_t i) { return b.invoices[i].customer; },
        &first, &order);
    gap_days_max.assign(b.customers.size(), 0);
    for (size_t c = 0; c < b.customers.size(); c++) {
      auto from = order.begin() + first[c], to = order.begin() + first[c + 1];
      // Booked charges first, costs before interest (BGB 367(1)), then the principal.
      auto rank = [](const Invoice& v) {
        return (v.flags & kInvoiceChargeCosts) ? 0 : (v.flags & kInvoiceChargeInterest) ? 1 : 2;
      };
      std::sort(from, to, [&](uint32_t x, uint32_t y) {
        const Invoice &p = b.invoices[x], &q = b.invoices[y];
        if (rank(p) != rank(q)) return rank(p) < rank(q);
        if (p.due != q.due) return p.due < q.due;
        if (p.date != q.date) return p.date < q.date;
        return b.str(p.id) < b.str(q.id);
      });
      for (auto it = from; it != to; ++it)
        gap_days_max[c] = std::max(gap_days_max[c], b.invoices[*it].due - b.invoices[*it].date);
    }
    cursor.assign(first.begin(), first.end() - 1);
  }

  // Applies `remainder` of one receipt; returns what no invoice took. An invoice's open
  // amount only falls as the date order goes on, so one that reached zero stays behind the
  // cursor for good.
  int64_t apply(const Receipt& r, int64_t remainder, ApplicationKind kind, Index source,
                std::vector<Application>* apps) {
    uint32_t& start = cursor[r.customer];
    const uint32_t end = first[r.customer + 1];
    while (start < end && left[order[start]] == 0) start++;
    for (uint32_t pos = start; pos < end && remainder > 0; pos++) {
      const Invoice& v = b.invoices[order[pos]];
      // Past the charges, invoices go by due date: every later one is dated after r.
      if (v.due > r.date + gap_days_max[r.customer] && !(v.flags & kInvoiceCharge)) break;
      int64_t& open = left[order[pos]];
      if (open == 0 || v.date > r.date) continue;
      int64_t take = std::min(open, remainder);
      open -= take;
      remainder -= take;
      apps->push_back({r.date, kind, true, source, order[pos], take});
    }
    return remainder;
  }
};

// Applies every document in date order. An explicit allocation or write-off may take at
// most what its invoice has open at that moment: asking more is a problem at the document,
// naming what took the rest, and only the open amount is taken so that the walk goes on.
struct DateOrder {
  Book& b;
  Checker* check;
  std::vector<Application>* apps;
  bool fit = false;           // fit_to_date_order: lower what asks too much instead.
  size_t lowered = 0;         // In fit mode: allocations and write-offs lowered.
  std::vector<int64_t> left;  // Per invoice, open at the current point of the walk.

  static int64_t remainder_of(const Receipt& r, const std::vector<Allocation>& allocs) {
    int64_t rest = r.amount_minor;
    for (uint32_t k = 0; k < r.allocation_count; k++)
      rest -= allocs[r.allocation_first + k].amount_minor;
    return rest;
  }

  // "P-1 paid 400.00 on 2025-03-20, W-1 wrote off 100.00 on 2025-03-21": what the walk has
  // applied to the invoice so far (at most four, then how many more and their total).
  std::string taken_by(Index invoice) const {
    std::string out;
    size_t listed = 0, more = 0;
    int64_t more_total = 0;
    for (const Application& a : *apps) {
      if (a.invoice != invoice) continue;
      if (listed == 4) {
        more++;
        more_total += a.amount_minor;
        continue;
      }
      const char* verb = a.kind == ApplicationKind::Payment      ? " paid "
                         : a.kind == ApplicationKind::CreditNote ? " credited "
                                                                 : " wrote off ";
      StrRef id = a.kind == ApplicationKind::Payment      ? b.payments[a.source].id
                  : a.kind == ApplicationKind::CreditNote ? b.credit_notes[a.source].id
                                                          : b.write_offs[a.source].id;
      if (listed++) out += ", ";
      out += shown(b.str(id)) + verb + check->money(a.amount_minor) + " on " +
             format_date(a.date);
    }
    if (more)
      out += " and " + std::to_string(more) + " more (" + check->money(more_total) + ")";
    return out;
  }

  // Takes `amount` from the invoice, or reports at place() that it asks more than is open
  // and takes only that.
  template <typename Place>
  int64_t take(Index invoice, int64_t amount, Date date, const char* what, Place place) {
    int64_t& open = left[invoice];
    if (amount <= open) {
      open -= amount;
      return amount;
    }
    if (fit) {
      lowered++;
      int64_t took = open;
      open = 0;
      return took;
    }
    std::string taken = taken_by(invoice);
    std::string message = shown(b.str(b.invoices[invoice].id)) + " has " +
                          check->money(open) + " open on " + format_date(date) +
                          (taken.empty() ? "" : " (" + taken + ")") + "; this " + what + " asks " +
                          check->money(amount) +
                          (open > 0 ? ": ask at most " + check->money(open)
                                    : ": nothing is left to take");
    check->add(place(), std::move(message), true);
    int64_t took = open;
    open = 0;
    return took;
  }

  void explicit_allocations(std::vector<Receipt>& list, std::vector<Allocation>& allocs, Index i,
                            ApplicationKind kind, const char* name) {
    Receipt& r = list[i];
    for (uint32_t k = 0; k < r.allocation_count; k++) {
      Allocation& a = allocs[r.allocation_first + k];
      int64_t took = take(a.invoice, a.amount_minor, r.date, "allocation", [&] {
        return Checker::at(name, i) + ".allocations[" + std::to_string(k) + "].amount";
      });
      if (took > 0) apps->push_back({r.date, kind, false, i, a.invoice, took});
      if (fit && took < a.amount_minor) {  // The receipt shrinks with it: its remainder stays.
        r.amount_minor -= a.amount_minor - took;
        a.amount_minor = took;
      }
    }
  }

  void run() {
    BookIndex& x = b.index;
    left.resize(b.invoices.size());
    for (size_t i = 0; i < b.invoices.size(); i++) left[i] = b.invoices[i].amount_minor;
    x.payment_unapplied_minor.resize(b.payments.size());
    x.credit_unapplied_minor.resize(b.credit_notes.size());
    for (size_t i = 0; i < b.payments.size(); i++)
      x.payment_unapplied_minor[i] = remainder_of(b.payments[i], b.payment_allocations);
    for (size_t i = 0; i < b.credit_notes.size(); i++)
      x.credit_unapplied_minor[i] = remainder_of(b.credit_notes[i], b.credit_allocations);
    std::vector<Event> events =
        events_in_date_order(b, x.payment_unapplied_minor, x.credit_unapplied_minor);
    AutoAllocator allocator{b, left, {}, {}, {}, {}};
    bool prepared = false;
    for (const Event& e : events) {
      switch (e.step) {
        case kStepPaymentAllocations:
          explicit_allocations(b.payments, b.payment_allocations, e.doc, ApplicationKind::Payment,
                               "payments");
          break;
        case kStepCreditAllocations:
          explicit_allocations(b.credit_notes, b.credit_allocations, e.doc,
                               ApplicationKind::CreditNote, "credit_notes");
          break;
        case kStepPaymentRemainder:
        case kStepCreditRemainder: {
          if (!prepared) allocator.prepare(), prepared = true;
          bool credit = e.step == kStepCreditRemainder;
          int64_t& rest = credit ? x.credit_unapplied_minor[e.doc] : x.payment_unapplied_minor[e.doc];
          rest = allocator.apply(credit ? b.credit_notes[e.doc] : b.payments[e.doc], rest,
                                 credit ? ApplicationKind::CreditNote : ApplicationKind::Payment,
                                 e.doc, apps);
          break;
        }
        case kStepWriteOff: {
          WriteOff& w = b.write_offs[e.doc];
          int64_t took = take(w.invoice, w.amount_minor, w.date, "write-off",
                              [&] { return Checker::at("write_offs", e.doc) + ".amount"; });
          if (took > 0)
            apps->push_back({w.date, ApplicationKind::WriteOff, false, e.doc, w.invoice, took});
          if (fit) w.amount_minor = took;
          break;
        }
      }
    }
  }
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Index assembly
//-----------------------------------------------------------------------------

// An invoice's applications by (date, kind, source); equal keys (one receipt's allocation
// and remainder to one invoice) keep the date order's order, so that a document appended
// (index_appended) goes where a build from scratch puts it. Most invoices have a few: an
// insertion sort, which is stable (what std::sort did for up to 16 in libstdc++).
static bool application_before(const Application& p, const Application& q) {
  if (p.date != q.date) return p.date < q.date;
  if (p.kind != q.kind) return p.kind < q.kind;
  return p.source < q.source;
}

static void sort_applications(Application* from, Application* to) {
  if (to - from > 16) {
    std::stable_sort(from, to, application_before);
    return;
  }
  for (Application* i = from + 1; i < to; ++i) {
    Application a = *i;
    Application* j = i;
    for (; j != from && application_before(a, *(j - 1)); --j) *j = *(j - 1);
    *j = a;
  }
}

static void assemble(Book& b, std::vector<Application>&& apps) {
  BookIndex& x = b.index;
  std::vector<uint32_t> by_invoice;
  group_by(
      b.invoices.size(), apps.size(), [&](size_t i) { return apps[i].invoice; },
      &x.invoice_application_first, &by_invoice);
  x.applications.resize(apps.size());
  for (size_t k = 0; k < by_invoice.size(); k++) x.applications[k] = apps[by_invoice[k]];
  for (size_t i = 0; i < b.invoices.size(); i++) {
    Application* from = x.applications.data() + x.invoice_application_first[i];
    Application* to = x.applications.data() + x.invoice_application_first[i + 1];
    if (to - from > 1) sort_applications(from, to);
  }
  group_by(
      b.customers.size(), b.invoices.size(), [&](size_t i) { return b.invoices[i].customer; },
      &x.customer_invoice_first, &x.customer_invoices);
  for (size_t c = 0; c < b.customers.size(); c++)
    std::stable_sort(x.customer_invoices.begin() + x.customer_invoice_first[c],
                     x.customer_invoices.begin() + x.customer_invoice_first[c + 1],
                     [&](Index p, Index q) { return b.invoices[p].date < b.invoices[q].date; });
  size_t receipts = b.payments.size() + b.credit_notes.size();
  auto customer_of = [&](size_t i) {
    return i < b.payments.size() ? b.payments[i].customer
                                 : b.credit_notes[i - b.payments.size()].customer;
  };
  group_by(b.customers.size(), receipts, customer_of, &x.customer_receipt_first,
           &x.customer_receipts);
  for (uint32_t& code : x.customer_receipts)
    if (code >= b.payments.size())
      code = static_cast<uint32_t>(code - b.payments.size()) | BookIndex::kCreditBit;
  group_by(
      b.customers.size(), b.refunds.size(), [&](size_t i) { return b.refunds[i].customer; },
      &x.customer_refund_first, &x.customer_refunds);
  for (size_t c = 0; c < b.customers.size(); c++)
    std::stable_sort(x.customer_refunds.begin() + x.customer_refund_first[c],
                     x.customer_refunds.begin() + x.customer_refund_first[c + 1],
                     [&](Index p, Index q) { return b.refunds[p].date < b.refunds[q].date; });
}

//-----------------------------------------------------------------------------
// [SECTION] Refunds: covered by unapplied credit
//-----------------------------------------------------------------------------

// Each refund, in (date, file order) per customer, must be covered by what the customer's
// payments and credit notes dated on or before it left unapplied, less the refunds before
// it. Unapplied credit never shrinks over time (an invoice dated later does not take it),
// so this keeps the customer's unapplied credit at or below zero on every date.
static void check_refund_cover(const Book& b, Checker* check) {
  const BookIndex& x = b.index;
  std::vector<std::pair<Date, int64_t>> credits;  // (date, unapplied) of one customer's receipts.
  for (size_t c = 0; c < b.customers.size() && !check->full(); c++) {
    if (x.customer_refund_first[c] == x.customer_refund_first[c + 1]) continue;
    credits.clear();
    for (uint32_t k = x.customer_receipt_first[c]; k < x.customer_receipt_first[c + 1]; k++) {
      uint32_t code = x.customer_receipts[k];
      Index i = code & ~BookIndex::kCreditBit;
      bool credit = code & BookIndex::kCreditBit;
      int64_t unapplied = credit ? x.credit_unapplied_minor[i] : x.payment_unapplied_minor[i];
      if (unapplied > 0)
        credits.push_back({(credit ? b.credit_notes[i] : b.payments[i]).date, unapplied});
    }
    std::sort(credits.begin(), credits.end());
    int64_t credit_upto = 0, refunded = 0;
    size_t next = 0;
    for (Index r : customer_refunds(b, static_cast<Index>(c))) {
      const Refund& refund = b.refunds[r];
      while (next < credits.size() && credits[next].first <= refund.date)
        credit_upto += credits[next++].second;
      int64_t available = credit_upto - refunded;
      if (refund.amount_minor <= available) {
        refunded += refund.amount_minor;
        continue;
      }
      check->add(Checker::at("refunds", r) + ".amount",
                 "refund " + check->money(refund.amount_minor) +
                     " exceeds the unapplied credit of " + shown(b.customers[c].id) + " on " +
                     format_date(refund.date) + " (" + check->money(available) + ")");
    }
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Fitting a planned book to the date order (the generator)
//-----------------------------------------------------------------------------

// Removes allocations, receipts and write-offs whose amount fell to zero, renumbering the
// references to them (refunds' payments, extras).
static void drop_zero_documents(Book& b) {
  auto compact_receipts = [&](std::vector<Receipt>& list, std::vector<Allocation>& allocs,
                              DocKind kind) {
    std::vector<Allocation> kept_allocs;
    std::vector<Index> renumber(list.size(), kNone);
    size_t kept = 0;
    for (size_t i = 0; i < list.size(); i++) {
      Receipt r = list[i];
      uint32_t first = uint32_t(kept_allocs.size());
      for (uint32_t k = 0; k < r.allocation_count; k++)
        if (allocs[r.allocation_first + k].amount_minor > 0)
          kept_allocs.push_back(allocs[r.allocation_first + k]);
      r.allocation_first = first;
      r.allocation_count = uint32_t(kept_allocs.size()) - first;
      if (r.amount_minor <= 0) continue;
      renumber[i] = Index(kept);
      list[kept++] = r;
    }
    list.resize(kept);
    allocs = std::move(kept_allocs);
    for (Extra& e : b.extras)
      if (e.kind == kind) e.index = renumber[e.index];
    return renumber;
  };
  std::vector<Index> payments =
      compact_receipts(b.payments, b.payment_allocations, DocKind::Payment);
  compact_receipts(b.credit_notes, b.credit_allocations, DocKind::CreditNote);
  for (Refund& r : b.refunds)
    if (r.payment != kNone) r.payment = payments[r.payment];
  std::vector<Index> renumber(b.write_offs.size(), kNone);
  size_t kept = 0;
  for (size_t i = 0; i < b.write_offs.size(); i++)
    if (b.write_offs[i].amount_minor > 0) renumber[i] = Index(kept), b.write_offs[kept++] = b.write_offs[i];
  b.write_offs.resize(kept);
  for (Extra& e : b.extras)
    if (e.kind == DocKind::WriteOff) e.index = renumber[e.index];
  std::erase_if(b.extras, [](const Extra& e) { return e.kind != DocKind::Book && e.index == kNone; });
  b.index = BookIndex{};
}

// The event stream holds a document's index in 29 bits (events.h).
static void check_event_capacity(const Book& b, Checker* check) {
  const std::pair<const char*, size_t> lists[] = {{"invoices", b.invoices.size()},
                                                  {"payments", b.payments.size()},
                                                  {"credit_notes", b.credit_notes.size()},
                                                  {"write_offs", b.write_offs.size()},
                                                  {"refunds", b.refunds.size()}};
  for (const auto& [name, size] : lists)
    if (size > size_t(kEventDocMax) + 1)
      check->add(name, "more than " + std::to_string(size_t(kEventDocMax) + 1) +
                           " documents in one list, more than arlab can index");
}

size_t fit_to_date_order(Book& b) {
  if (!(b.index.ids_built_for == ids_fingerprint(b)) && !index_ids(b, nullptr)) return 0;
  std::vector<Application> apps;
  Checker check{b, nullptr};
  DateOrder walk{b, &check, &apps, true, 0, {}};
  walk.run();
  if (walk.lowered > 0) drop_zero_documents(b);
  return walk.lowered;
}

bool build_index(Book& b, std::vector<Problem>* problems) {
  b.index.built = false;
  std::vector<Problem> local;
  std::vector<Problem>* out = problems ? problems : &local;
  size_t before = out->size();
  if (!(b.index.ids_built_for == ids_fingerprint(b))) index_ids(b, out);
  Checker check{b, out, out->size() - before};
  check.totals();
  check.customers();
  check.invoices();
  check.receipts(b.payments, b.payment_allocations, "payments");
  check.receipts(b.credit_notes, b.credit_allocations, "credit_notes");
  check.write_offs();
  check.refunds();
  check.budget();
  check_event_capacity(b, &check);
  if (check.count > 0) return false;
  std::vector<Application> apps;
  apps.reserve(b.payment_allocations.size() + b.credit_allocations.size() + b.write_offs.size() +
               b.invoices.size() / 4);
  DateOrder{b, &check, &apps, false, 0, {}}.run();
  if (check.count > 0) return false;
  assemble(b, std::move(apps));
  check_refund_cover(b, &check);
  if (check.count > 0) return false;
  // The case file names invoices and write-offs by index and id: checked once they stand.
  if (!b.collection.empty() && !check_collection(b, out)) return false;
  build_event_stream(b, &b.index.events);
  b.index.invoiced_minor = check.invoiced;
  b.index.received_minor = check.received;
  b.index.refunded_minor = check.refunded;
  b.index.built = true;
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Appending a document (index_appended)
//-----------------------------------------------------------------------------

namespace {

// Adds the last id of a list (index count - 1) to its hash as build_id_index would have
// (the same probe after the same inserts, so the table is the one a build from scratch
// makes); when the list outgrows the table, the table is built again at the size
// build_id_index gives it. The id is known to be new.
template <typename Key>
void add_last_id(IdIndex* index, size_t count, Key key) {
  size_t capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  if (index->slots.size() != capacity) {
    build_id_index(index, count, key, "", nullptr);
    return;
  }
  const size_t mask = capacity - 1;
  const uint32_t i = uint32_t(count - 1);
  uint64_t hash = hash_id(key(i));
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    if (index->slots[slot] != kNone) continue;
    index->slots[slot] = i;
    index->tags[slot] = static_cast<uint32_t>(hash >> 32);
    return;
  }
}

// The steps of a receipt in the date order (Step), as a bit set.
unsigned receipt_steps(const Receipt& r, const std::vector<Allocation>& allocs, bool credit) {
  unsigned steps = 0;
  if (r.allocation_count)
    steps |= 1u << (credit ? kStepCreditAllocations : kStepPaymentAllocations);
  if (DateOrder::remainder_of(r, allocs) > 0)
    steps |= 1u << (credit ? kStepCreditRemainder : kStepPaymentRemainder);
  return steps;
}

// A document appended to a book whose index stands for the book without it: checks it as
// build_index would and, when it takes effect after every other document, updates the
// index in place. Every check comes before the first change, so that a document that
// cannot be added this way leaves the index as it was for build_index to start afresh.
struct InPlace {
  Book& b;
  BookIndex& x;
  Date date;                      // The document's.
  std::vector<Application> apps;  // Its applications, in the date order's order.
  int64_t unapplied = 0;          // A receipt's: what its remainder left.

  // The book's last date (that of the stream's last event), INT32_MIN when it has none.
  Date last_date() const {
    return x.events.empty() ? Date{INT32_MIN} : event_date(b, x.events.back());
  }
  // The events dated on the book's last date (the stream's tail).
  EventSpan last_day() const {
    const BookEvent* base = x.events.data();
    size_t from = x.events.empty() ? 0 : first_event_on_or_after(b, last_date());
    return {base + from, base + x.events.size()};
  }

  // Checks of the document alone, as build_index's Checker makes them.
  template <typename F>
  static bool passes(const Book& book, F f) {
    Checker check{book, nullptr};
    f(check);
    return check.count == 0;
  }

  // What an invoice has open after every document and the applications gathered so far.
  int64_t open_now(Index invoice) const {
    int64_t open = b.invoices[invoice].amount_minor;
    ApplicationRange r = invoice_applications(b, invoice);
    for (const Application* a = r.first; a != r.last; ++a) open -= a->amount_minor;
    for (const Application& a : apps)
      if (a.invoice == invoice) open -= a.amount_minor;
    return open;
  }

  // The largest step of the book's last day, -1 for none (only invoices and refunds).
  int max_step_on_last_day() const {
    int top = -1;
    for (BookEvent e : last_day()) {
      unsigned steps = 0;
      switch (e.kind()) {
        case EventKind::Payment:
          steps = receipt_steps(b.payments[e.doc()], b.payment_allocations, false);
          break;
        case EventKind::CreditNote:
          steps = receipt_steps(b.credit_notes[e.doc()], b.credit_allocations, true);
          break;
        case EventKind::WriteOff:
          steps = 1u << kStepWriteOff;
          break;
        default:
          break;
      }
      for (int s = kStepWriteOff; s > top; s--)
        if (steps & (1u << s)) top = s;
    }
    return top;
  }

  // ---- Checks (no change yet) ----

  bool check_total(int64_t total, int64_t amount) const {
    return add_saturated(total, std::max<int64_t>(amount, 0)) <= kBookTotalMax;
  }

  bool customer(Index i) {
    return passes(b, [&](Checker& c) { c.customers(i, i + 1); }) &&
           find_customer(b, b.customers[i].id) == kNone;
  }

  bool invoice(Index i) {
    const Invoice& v = b.invoices[i];
    if (i > kEventDocMax || !passes(b, [&](Checker& c) { c.invoices(i, i + 1); })) return false;
    if (find_invoice(b, b.str(v.id)) != kNone || !check_total(x.invoiced_minor, v.amount_minor))
      return false;
    date = v.date;
    if (date < last_date()) return false;
    if (date > last_date()) return true;
    // The same day: a remainder of its customer that day would have been applied to it too.
    for (BookEvent e : last_day()) {
      bool credit = e.kind() == EventKind::CreditNote;
      if (e.kind() != EventKind::Payment && !credit) continue;
      const Receipt& r = credit ? b.credit_notes[e.doc()] : b.payments[e.doc()];
      if (r.customer == v.customer &&
          DateOrder::remainder_of(r, credit ? b.credit_allocations : b.payment_allocations) > 0)
        return false;
    }
    return true;
  }

  bool receipt(Index i, bool credit) {
    const std::vector<Receipt>& list = credit ? b.credit_notes : b.payments;
    const std::vector<Allocation>& allocs = credit ? b.credit_allocations : b.payment_allocations;
    const char* name = credit ? "credit_notes" : "payments";
    const Receipt& r = list[i];
    if (i > kEventDocMax ||
        !passes(b, [&](Checker& c) { c.receipts(list, allocs, name, i, i + 1); }))
      return false;
    Index same = credit ? find_credit_note(b, b.str(r.id)) : find_payment(b, b.str(r.id));
    if (same != kNone || !check_total(x.received_minor, r.amount_minor)) return false;
    date = r.date;
    if (date < last_date()) return false;
    if (date == last_date()) {  // No step of the day may come after its first one.
      unsigned steps = receipt_steps(r, allocs, credit);
      int first = __builtin_ctz(steps);
      if (max_step_on_last_day() > first) return false;
    }
    // Its explicit allocations, each at most what its invoice has open now...
    ApplicationKind kind = credit ? ApplicationKind::CreditNote : ApplicationKind::Payment;
    for (uint32_t k = 0; k < r.allocation_count; k++) {
      const Allocation& a = allocs[r.allocation_first + k];
      if (a.amount_minor > open_now(a.invoice)) return false;
      apps.push_back({r.date, kind, false, i, a.invoice, a.amount_minor});
    }
    // ...then its remainder, oldest due first (AutoAllocator's order): every invoice of the
    // customer is dated on or before it.
    int64_t rest = DateOrder::remainder_of(r, allocs);
    if (rest > 0) {
      struct Open {
        Index invoice;
        int64_t open;
      };
      std::vector<Open> open;
      for (Index v : customer_invoices(b, r.customer)) {
        int64_t left = open_now(v);
        if (left > 0) open.push_back({v, left});
      }
      auto rank = [](const Invoice& v) {
        return (v.flags & kInvoiceChargeCosts) ? 0 : (v.flags & kInvoiceChargeInterest) ? 1 : 2;
      };
      std::sort(open.begin(), open.end(), [&](const Open& x_, const Open& y_) {
        const Invoice &p = b.invoices[x_.invoice], &q = b.invoices[y_.invoice];
        if (rank(p) != rank(q)) return rank(p) < rank(q);
        if (p.due != q.due) return p.due < q.due;
        if (p.date != q.date) return p.date < q.date;
        return b.str(p.id) < b.str(q.id);
      });
      for (size_t k = 0; k < open.size() && rest > 0; k++) {
        int64_t take = std::min(open[k].open, rest);
        rest -= take;
        apps.push_back({r.date, kind, true, i, open[k].invoice, take});
      }
    }
    unapplied = rest;
    return true;
  }

  bool write_off(Index i) {
    const WriteOff& w = b.write_offs[i];
    if (i > kEventDocMax || !passes(b, [&](Checker& c) { c.write_offs(i, i + 1); })) return false;
    if (find_write_off(b, b.str(w.id)) != kNone) return false;
    date = w.date;  // Write-offs are the last step of a day.
    if (date < last_date() || w.amount_minor > open_now(w.invoice)) return false;
    apps.push_back({w.date, ApplicationKind::WriteOff, false, i, w.invoice, w.amount_minor});
    return true;
  }

  bool refund(Index i) {
    const Refund& r = b.refunds[i];
    if (i > kEventDocMax) return false;
    int64_t refunded = 0;  // By the refunds before it naming its payment.
    if (r.payment < b.payments.size() && r.customer < b.customers.size())
      for (Index k : customer_refunds(b, r.customer))
        if (b.refunds[k].payment == r.payment) refunded += b.refunds[k].amount_minor;
    if (!passes(b, [&](Checker& c) { c.refund(i, &refunded); })) return false;
    if (find_refund(b, b.str(r.id)) != kNone || !check_total(x.refunded_minor, r.amount_minor))
      return false;
    date = r.date;  // Refunds come after every step, in (date, file order).
    if (date < last_date()) return false;
    // Covered by the customer's unapplied credit: every receipt is dated on or before it.
    return r.amount_minor <= -customer_unapplied_minor(b, r.customer, date);
  }

  // ---- Changes ----

  // Inserts `apps` into the applications grouped by invoice, each after those of its invoice
  // that sort before it or with it (a stable sort's place), and moves the groups' starts.
  void insert_applications() {
    if (apps.empty()) return;
    struct Placed {
      size_t at;  // Position in the old array it goes before.
      Application a;
    };
    std::vector<Placed> placed;
    for (const Application& a : apps) {
      Application* from = x.applications.data() + x.invoice_application_first[a.invoice];
      Application* to = x.applications.data() + x.invoice_application_first[a.invoice + 1];
      Application* at = std::upper_bound(from, to, a, application_before);
      placed.push_back({size_t(at - x.applications.data()), a});
    }
    std::stable_sort(placed.begin(), placed.end(),
                     [](const Placed& p, const Placed& q) { return p.at < q.at; });
    // One pass from the back: each old element moves up by the new ones placed before it.
    size_t old_size = x.applications.size();
    x.applications.resize(old_size + placed.size());
    size_t write = x.applications.size(), read = old_size;
    for (size_t k = placed.size(); k-- > 0;) {
      while (read > placed[k].at) x.applications[--write] = x.applications[--read];
      x.applications[--write] = placed[k].a;
    }
    // Starts: invoice j's group moves up by the new applications of invoices before j.
    std::vector<Index> of(placed.size());
    for (size_t k = 0; k < placed.size(); k++) of[k] = placed[k].a.invoice;
    std::sort(of.begin(), of.end());
    uint32_t added = 0;
    size_t k = 0;
    for (size_t j = of.front() + 1; j < x.invoice_application_first.size(); j++) {
      while (k < of.size() && of[k] < j) k++, added++;
      x.invoice_application_first[j] += added;
    }
  }

  // Inserts `value` at position `at` of one customer's group of a CSR list and moves the
  // starts of the customers after it.
  static void insert_grouped(std::vector<uint32_t>* first, std::vector<uint32_t>* items,
                             Index customer, size_t at, uint32_t value) {
    items->insert(items->begin() + ptrdiff_t(at), value);
    for (size_t c = size_t(customer) + 1; c < first->size(); c++) (*first)[c]++;
  }

  void add_event(EventKind kind, Index i) {
    BookEvent e = BookEvent::of(kind, i);
    x.events.insert(x.events.begin() + ptrdiff_t(event_position(b, date, e)), e);
  }
};

}  // namespace

// Is the index built for the book without the last document of `kind`?
static bool index_for_all_but_last(const Book& b, DocKind kind) {
  if (!b.index.built || !b.index.ids_built_for.valid) return false;
  IdsBuiltFor now = ids_fingerprint(b), then = b.index.ids_built_for;
  size_t* count = kind == DocKind::Customer     ? &now.customers
                  : kind == DocKind::Invoice    ? &now.invoices
                  : kind == DocKind::Payment    ? &now.payments
                  : kind == DocKind::CreditNote ? &now.credit_notes
                  : kind == DocKind::WriteOff   ? &now.write_offs
                  : kind == DocKind::Refund     ? &now.refunds
                                                : nullptr;
  if (!count || *count == 0) return false;
  --*count;
  now.strings = then.strings;  // The new id was interned.
  return now == then;
}

static bool append_in_place(Book& b, DocKind kind) {
  if (!index_for_all_but_last(b, kind)) return false;
  BookIndex& x = b.index;
  InPlace in{b, x, {}, {}};
  switch (kind) {
    case DocKind::Customer: {
      Index c = Index(b.customers.size() - 1);
      if (!in.customer(c)) return false;
      add_last_id(&x.customers, b.customers.size(),
                  [&](size_t i) { return std::string_view(b.customers[i].id); });
      x.customer_invoice_first.push_back(x.customer_invoice_first.back());
      x.customer_receipt_first.push_back(x.customer_receipt_first.back());
      x.customer_refund_first.push_back(x.customer_refund_first.back());
      break;
    }
    case DocKind::Invoice: {
      Index i = Index(b.invoices.size() - 1);
      if (!in.invoice(i)) return false;
      const Invoice& v = b.invoices[i];
      add_last_id(&x.invoices, b.invoices.size(),
                  [&](size_t k) { return b.str(b.invoices[k].id); });
      x.invoice_application_first.push_back(x.invoice_application_first.back());
      // Last of its customer's invoices by (date, file order): its date is the latest.
      InPlace::insert_grouped(&x.customer_invoice_first, &x.customer_invoices, v.customer,
                              x.customer_invoice_first[v.customer + 1], i);
      in.add_event(EventKind::Invoice, i);
      x.invoiced_minor += v.amount_minor;
      break;
    }
    case DocKind::Payment:
    case DocKind::CreditNote: {
      bool credit = kind == DocKind::CreditNote;
      std::vector<Receipt>& list = credit ? b.credit_notes : b.payments;
      Index i = Index(list.size() - 1);
      if (!in.receipt(i, credit)) return false;
      const Receipt& r = list[i];
      if (credit)
        add_last_id(&x.credit_notes, list.size(),
                    [&](size_t k) { return b.str(b.credit_notes[k].id); });
      else
        add_last_id(&x.payments, list.size(), [&](size_t k) { return b.str(b.payments[k].id); });
      in.insert_applications();
      (credit ? x.credit_unapplied_minor : x.payment_unapplied_minor).push_back(in.unapplied);
      // A customer's receipts: its payments, then its credit notes, each in file order; the
      // codes ascend, so the new one goes after those below it.
      uint32_t code = credit ? (i | BookIndex::kCreditBit) : i;
      auto from = x.customer_receipts.begin() + x.customer_receipt_first[r.customer];
      auto to = x.customer_receipts.begin() + x.customer_receipt_first[r.customer + 1];
      size_t at = size_t(std::upper_bound(from, to, code) - x.customer_receipts.begin());
      InPlace::insert_grouped(&x.customer_receipt_first, &x.customer_receipts, r.customer, at,
                              code);
      in.add_event(credit ? EventKind::CreditNote : EventKind::Payment, i);
      x.received_minor += r.amount_minor;
      break;
    }
    case DocKind::WriteOff: {
      Index i = Index(b.write_offs.size() - 1);
      if (!in.write_off(i)) return false;
      add_last_id(&x.write_offs, b.write_offs.size(),
                  [&](size_t k) { return b.str(b.write_offs[k].id); });
      in.insert_applications();
      in.add_event(EventKind::WriteOff, i);
      break;
    }
    case DocKind::Refund: {
      Index i = Index(b.refunds.size() - 1);
      if (!in.refund(i)) return false;
      const Refund& r = b.refunds[i];
      add_last_id(&x.refunds, b.refunds.size(), [&](size_t k) { return b.str(b.refunds[k].id); });
      InPlace::insert_grouped(&x.customer_refund_first, &x.customer_refunds, r.customer,
                              x.customer_refund_first[r.customer + 1], i);
      in.add_event(EventKind::Refund, i);
      x.refunded_minor += r.amount_minor;
      break;
    }
    default:
      return false;
  }
  x.ids_built_for = ids_fingerprint(b);
  return true;
}

IndexUpdate index_appended(Book& b, DocKind kind, std::vector<Problem>* problems) {
  // The case file names documents by index: one appended changes none of its references, so
  // it stays valid as it was when the index was built.
  if (append_in_place(b, kind)) return IndexUpdate::Incremental;
  return build_index(b, problems) ? IndexUpdate::Rebuilt : IndexUpdate::Failed;
}

//-----------------------------------------------------------------------------
// [SECTION] Queries
//-----------------------------------------------------------------------------

ApplicationRange invoice_applications(const Book& b, Index invoice) {
  const Application* base = b.index.applications.data();
  return {base + b.index.invoice_application_first[invoice],
          base + b.index.invoice_application_first[invoice + 1]};
}

InvoiceSpan customer_invoices(const Book& b, Index customer) {
  const Index* base = b.index.customer_invoices.data();
  return {base + b.index.customer_invoice_first[customer],
          base + b.index.customer_invoice_first[customer + 1]};
}

InvoiceSpan customer_refunds(const Book& b, Index customer) {
  const Index* base = b.index.customer_refunds.data();
  return {base + b.index.customer_refund_first[customer],
          base + b.index.customer_refund_first[customer + 1]};
}

int64_t invoice_open_minor(const Book& b, Index invoice, Date as_of) {
  const Invoice& v = b.invoices[invoice];
  if (v.date > as_of) return 0;
  int64_t open = v.amount_minor;
  ApplicationRange r = invoice_applications(b, invoice);
  for (const Application* a = r.first; a != r.last && a->date <= as_of; ++a)
    open -= a->amount_minor;
  return open;
}

int64_t invoice_applied_minor(const Book& b, Index invoice, Date as_of, ApplicationKind kind) {
  int64_t total = 0;
  ApplicationRange r = invoice_applications(b, invoice);
  for (const Application* a = r.first; a != r.last && a->date <= as_of; ++a)
    if (a->kind == kind) total += a->amount_minor;
  return total;
}

Date invoice_settled_date(const Book& b, Index invoice) {
  int64_t open = b.invoices[invoice].amount_minor;
  ApplicationRange r = invoice_applications(b, invoice);
  for (const Application* a = r.first; a != r.last; ++a) {
    open -= a->amount_minor;
    if (open == 0) return a->date;
  }
  return Date{INT32_MIN};
}

int64_t customer_unapplied_minor(const Book& b, Index customer, Date as_of) {
  const BookIndex& x = b.index;
  int64_t total = 0;
  for (uint32_t k = x.customer_receipt_first[customer]; k < x.customer_receipt_first[customer + 1];
       k++) {
    uint32_t code = x.customer_receipts[k];
    bool credit = code & BookIndex::kCreditBit;
    Index i = code & ~BookIndex::kCreditBit;
    const Receipt& r = credit ? b.credit_notes[i] : b.payments[i];
    if (r.date <= as_of)
      total -= credit ? x.credit_unapplied_minor[i] : x.payment_unapplied_minor[i];
  }
  for (Index r : customer_refunds(b, customer)) {
    if (b.refunds[r].date > as_of) break;  // By date: the rest is later.
    total += b.refunds[r].amount_minor;
  }
  return total;
}

std::string date_order_advice(const std::vector<Problem>& problems) {
  size_t count = 0;
  for (const Problem& p : problems) count += p.date_order;
  if (count == 0) return "";
  std::string out = count == 1 ? "1 document asks" : std::to_string(count) + " documents ask";
  out +=
      " more than the invoice had open on its date. Documents take effect in date order "
      "(docs/FORMAT.md, \"Date order\"): a write-off or allocation can no longer hold back "
      "part of an invoice from a payment dated before it, as books written before that rule "
      "could. Lower each to the amount shown, or remove it where nothing is left; nothing was "
      "changed.";
  return out;
}

Date book_first_date(const Book& b) {
  Date first{INT32_MAX};
  for (const Invoice& v : b.invoices) first = std::min(first, v.date);
  for (const Receipt& r : b.payments) first = std::min(first, r.date);
  for (const Receipt& r : b.credit_notes) first = std::min(first, r.date);
  for (const WriteOff& w : b.write_offs) first = std::min(first, w.date);
  for (const Refund& r : b.refunds) first = std::min(first, r.date);
  return first.days == INT32_MAX ? Date{0} : first;
}

Date book_last_date(const Book& b) {
  Date last{INT32_MIN};
  for (const Invoice& v : b.invoices) last = std::max(last, v.date);
  for (const Receipt& r : b.payments) last = std::max(last, r.date);
  for (const Receipt& r : b.credit_notes) last = std::max(last, r.date);
  for (const WriteOff& w : b.write_offs) last = std::max(last, w.date);
  for (const Refund& r : b.refunds) last = std::max(last, r.date);
  return last.days == INT32_MIN ? Date{0} : last;
}

//-----------------------------------------------------------------------------
// [SECTION] Shifting dates
//-----------------------------------------------------------------------------

namespace {

// Calls f(Date&) on every date of the book.
template <typename F>
void for_each_date(Book& b, F f) {
  for (Invoice& v : b.invoices) {
    f(v.date);
    f(v.due);
  }
  for (Receipt& r : b.payments) f(r.date);
  for (Receipt& r : b.credit_notes) f(r.date);
  for (WriteOff& w : b.write_offs) f(w.date);
  for (Refund& r : b.refunds) f(r.date);
  // The case file moves with the ledger; "no date" stays none.
  auto optional = [&](Date& d) {
    if (d != kNoDate) f(d);
  };
  for (CaseRecord& r : b.collection.records) {
    f(r.date);
    optional(r.until);
    optional(r.next_date);
    for (Instalment& in : r.instalments) f(in.due);
  }
}

}  // namespace

bool shift_dates(Book& b, int32_t days) {
  bool fits = true;
  int64_t lowest = int64_t(kDateMin.days) - days, highest = int64_t(kDateMax.days) - days;
  for_each_date(b, [&](Date& d) { fits &= d.days >= lowest && d.days <= highest; });
  if (!fits) return false;
  if (days == 0) return true;
  for_each_date(b, [&](Date& d) { d = d + days; });
  if (b.index.built) build_index(b, nullptr);  // Same gaps: it passes as it did.
  return true;
}

uint8_t charge_flag(std::string_view text) {
  return text == "costs" ? kInvoiceChargeCosts : text == "interest" ? kInvoiceChargeInterest : 0;
}

const char* charge_name(uint8_t flags) {
  return (flags & kInvoiceChargeCosts) ? "costs" : (flags & kInvoiceChargeInterest) ? "interest" : "";
}

}  // namespace arlab
