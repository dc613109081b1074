// book.cpp: id hashes, the rules of the book format, and the derived index.
//
// [SECTION] Strings and id hashes
// [SECTION] Per-document checks
// [SECTION] Explicit reductions (allocations and write-offs)
// [SECTION] Automatic allocation (oldest due first)
// [SECTION] Index assembly
// [SECTION] Refunds: covered by unapplied credit
// [SECTION] Queries

#include "book.h"

#include <algorithm>
#include <climits>

#include "budget.h"
#include "money.h"

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
                               "duplicate id \"" + std::string(id) + "\" (first at " + list + "[" +
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
  void add(std::string place, std::string message) {
    count++;
    if (problems && problems->size() < kProblemsMax)
      problems->push_back({std::move(place), std::move(message)});
  }
  std::string money(int64_t minor) const { return format_amount(minor, b.minor_digits); }
  static std::string at(const char* list, size_t i) {
    return std::string(list) + "[" + std::to_string(i) + "]";
  }

  void check_ids(std::string_view id, const std::string& place) {
    if (id.empty()) add(place + ".id", "id must not be empty");
  }

  // Every sum of amounts stays below kBookTotalMax, far inside int64.
  void totals() {
    int64_t invoiced = 0, received = 0, refunded = 0;
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

  void customers() {
    for (size_t i = 0; i < b.customers.size() && !full(); i++) {
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

  void invoices() {
    for (size_t i = 0; i < b.invoices.size() && !full(); i++) {
      const Invoice& v = b.invoices[i];
      std::string place = at("invoices", i);
      check_ids(b.str(v.id), place);
      if (v.customer >= b.customers.size()) add(place + ".customer", "unknown customer");
      if (v.amount_minor <= 0)
        add(place + ".amount", "amount must be positive, not " + money(v.amount_minor));
      if (v.due < v.date)
        add(place + ".due", "due date " + format_date(v.due) + " is before the invoice date " +
                                format_date(v.date));
    }
  }

  void receipts(const std::vector<Receipt>& list, const std::vector<Allocation>& allocations,
                const char* name) {
    for (size_t i = 0; i < list.size() && !full(); i++) {
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
          add(apl + ".invoice", "invoice " + std::string(b.str(v.id)) + " belongs to customer " +
                                    b.customers[v.customer].id + ", not " +
                                    b.customers[r.customer].id);
        else if (v.date > r.date)
          add(apl + ".invoice", "invoice " + std::string(b.str(v.id)) + " is dated " +
                                    format_date(v.date) + ", after this document (" +
                                    format_date(r.date) + ")");
      }
      if (total > r.amount_minor)
        add(place + ".allocations", "allocations total " + money(total) +
                                        ", more than the amount " + money(r.amount_minor));
    }
  }

  void write_offs() {
    for (size_t i = 0; i < b.write_offs.size() && !full(); i++) {
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
                                 std::string(b.str(v.id)) + " (" + format_date(v.date) + ")");
    }
  }

  // Each refund alone, and the refunds naming one payment together (at most its amount).
  // Whether unapplied credit covers them needs the applications: check_refund_cover below.
  void refunds() {
    std::vector<int64_t> by_payment;  // Refunded per payment, for those named.
    for (size_t i = 0; i < b.refunds.size() && !full(); i++) {
      const Refund& r = b.refunds[i];
      std::string place = at("refunds", i);
      check_ids(b.str(r.id), place);
      bool customer_ok = r.customer < b.customers.size();
      if (!customer_ok) add(place + ".customer", "unknown customer");
      if (r.amount_minor <= 0)
        add(place + ".amount", "amount must be positive, not " + money(r.amount_minor));
      if (r.payment == kNone) continue;
      if (r.payment >= b.payments.size()) {
        add(place + ".payment", "unknown payment");
        continue;
      }
      const Receipt& p = b.payments[r.payment];
      std::string pid(b.str(p.id));
      if (customer_ok && p.customer != r.customer && p.customer < b.customers.size())
        add(place + ".payment", "payment " + pid + " is from customer " +
                                    b.customers[p.customer].id + ", not " +
                                    b.customers[r.customer].id);
      else if (p.date > r.date)
        add(place + ".payment", "payment " + pid + " is dated " + format_date(p.date) +
                                    ", after this refund (" + format_date(r.date) + ")");
      if (by_payment.empty()) by_payment.assign(b.payments.size(), 0);
      int64_t& total = by_payment[r.payment];
      total = add_saturated(total, std::max<int64_t>(r.amount_minor, 0));
      if (total > p.amount_minor && total - std::max<int64_t>(r.amount_minor, 0) <= p.amount_minor)
        add(place + ".payment", "refunds of payment " + pid + " total " + money(total) +
                                    ", more than its amount " + money(p.amount_minor));
    }
  }
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Explicit reductions (allocations and write-offs)
//-----------------------------------------------------------------------------

// Appends one application per explicit allocation and write-off; returns per invoice what is
// left after all of them (over all time). Reports invoices taken below zero.
static std::vector<int64_t> apply_explicit(const Book& b, std::vector<Application>* apps,
                                           Checker* check) {
  std::vector<int64_t> left(b.invoices.size());
  for (size_t i = 0; i < b.invoices.size(); i++) left[i] = b.invoices[i].amount_minor;
  auto receipts = [&](const std::vector<Receipt>& list, const std::vector<Allocation>& allocs,
                      ApplicationKind kind) {
    for (size_t i = 0; i < list.size(); i++) {
      const Receipt& r = list[i];
      for (uint32_t k = 0; k < r.allocation_count; k++) {
        const Allocation& a = allocs[r.allocation_first + k];
        apps->push_back({r.date, kind, false, static_cast<Index>(i), a.invoice, a.amount_minor});
        left[a.invoice] = add_saturated(left[a.invoice], -a.amount_minor);
      }
    }
  };
  receipts(b.payments, b.payment_allocations, ApplicationKind::Payment);
  receipts(b.credit_notes, b.credit_allocations, ApplicationKind::CreditNote);
  for (size_t i = 0; i < b.write_offs.size(); i++) {
    const WriteOff& w = b.write_offs[i];
    apps->push_back({w.date, ApplicationKind::WriteOff, false, static_cast<Index>(i), w.invoice,
                     w.amount_minor});
    left[w.invoice] = add_saturated(left[w.invoice], -w.amount_minor);
  }
  for (size_t i = 0; i < left.size() && !check->full(); i++) {
    if (left[i] >= 0) continue;
    const Invoice& v = b.invoices[i];
    check->add(Checker::at("invoices", i),
               "invoice " + std::string(b.str(v.id)) + " is reduced below zero: amount " +
                   check->money(v.amount_minor) + ", explicit allocations and write-offs total " +
                   check->money(add_saturated(v.amount_minor, -left[i])));
  }
  return left;
}

//-----------------------------------------------------------------------------
// [SECTION] Automatic allocation (oldest due first)
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

struct AutoAllocator {
  const Book& b;
  std::vector<int64_t>& left;         // Per invoice, what automatic allocation may still take.
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
      std::sort(from, to, [&](uint32_t x, uint32_t y) {
        const Invoice &p = b.invoices[x], &q = b.invoices[y];
        if (p.due != q.due) return p.due < q.due;
        if (p.date != q.date) return p.date < q.date;
        return b.str(p.id) < b.str(q.id);
      });
      for (auto it = from; it != to; ++it)
        gap_days_max[c] = std::max(gap_days_max[c], b.invoices[*it].due - b.invoices[*it].date);
    }
    cursor.assign(first.begin(), first.end() - 1);
  }

  // Applies `remainder` of one receipt; returns what no invoice took.
  int64_t apply(const Receipt& r, ApplicationKind kind, Index source,
                std::vector<Application>* apps) {
    int64_t remainder = r.amount_minor;
    uint32_t& start = cursor[r.customer];
    const uint32_t end = first[r.customer + 1];
    while (start < end && left[order[start]] == 0) start++;
    for (uint32_t pos = start; pos < end && remainder > 0; pos++) {
      const Invoice& v = b.invoices[order[pos]];
      if (v.due > r.date + gap_days_max[r.customer]) break;  // Every later one is dated after r.
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

}  // namespace

static void apply_automatic(Book& b, std::vector<int64_t>& left, std::vector<Application>* apps) {
  BookIndex& x = b.index;
  x.payment_unapplied_minor.assign(b.payments.size(), 0);
  x.credit_unapplied_minor.assign(b.credit_notes.size(), 0);
  // Receipts with a remainder, in document order: date, payments before credit notes, file order.
  std::vector<uint32_t> pending;
  auto remainder_of = [&](const Receipt& r, const std::vector<Allocation>& allocs) {
    int64_t rest = r.amount_minor;
    for (uint32_t k = 0; k < r.allocation_count; k++)
      rest -= allocs[r.allocation_first + k].amount_minor;
    return rest;
  };
  for (size_t i = 0; i < b.payments.size(); i++) {
    x.payment_unapplied_minor[i] = remainder_of(b.payments[i], b.payment_allocations);
    if (x.payment_unapplied_minor[i] > 0) pending.push_back(static_cast<uint32_t>(i));
  }
  for (size_t i = 0; i < b.credit_notes.size(); i++) {
    x.credit_unapplied_minor[i] = remainder_of(b.credit_notes[i], b.credit_allocations);
    if (x.credit_unapplied_minor[i] > 0)
      pending.push_back(static_cast<uint32_t>(i) | BookIndex::kCreditBit);
  }
  if (pending.empty()) return;
  auto receipt = [&](uint32_t code) -> const Receipt& {
    return code & BookIndex::kCreditBit ? b.credit_notes[code & ~BookIndex::kCreditBit]
                                        : b.payments[code];
  };
  std::stable_sort(pending.begin(), pending.end(), [&](uint32_t p, uint32_t q) {
    if (receipt(p).date != receipt(q).date) return receipt(p).date < receipt(q).date;
    return p < q;  // Payments (no bit) before credit notes; then file order.
  });
  AutoAllocator allocator{b, left, {}, {}, {}, {}};
  allocator.prepare();
  for (uint32_t code : pending) {
    bool credit = code & BookIndex::kCreditBit;
    Index i = code & ~BookIndex::kCreditBit;
    Receipt rest = receipt(code);
    int64_t& unapplied = credit ? x.credit_unapplied_minor[i] : x.payment_unapplied_minor[i];
    rest.amount_minor = unapplied;
    unapplied = allocator.apply(
        rest, credit ? ApplicationKind::CreditNote : ApplicationKind::Payment, i, apps);
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Index assembly
//-----------------------------------------------------------------------------

static void assemble(Book& b, std::vector<Application>&& apps) {
  BookIndex& x = b.index;
  std::vector<uint32_t> by_invoice;
  group_by(
      b.invoices.size(), apps.size(), [&](size_t i) { return apps[i].invoice; },
      &x.invoice_application_first, &by_invoice);
  x.applications.resize(apps.size());
  for (size_t k = 0; k < by_invoice.size(); k++) x.applications[k] = apps[by_invoice[k]];
  for (size_t i = 0; i < b.invoices.size(); i++) {
    auto from = x.applications.begin() + x.invoice_application_first[i];
    auto to = x.applications.begin() + x.invoice_application_first[i + 1];
    if (to - from > 1)
      std::sort(from, to, [](const Application& p, const Application& q) {
        if (p.date != q.date) return p.date < q.date;
        if (p.kind != q.kind) return p.kind < q.kind;
        return p.source < q.source;
      });
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
                     " exceeds the unapplied credit of " + b.customers[c].id + " on " +
                     format_date(refund.date) + " (" + check->money(available) + ")");
    }
  }
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
  if (check.count > 0) return false;
  std::vector<Application> apps;
  apps.reserve(b.payment_allocations.size() + b.credit_allocations.size() + b.write_offs.size() +
               b.invoices.size() / 4);
  std::vector<int64_t> left = apply_explicit(b, &apps, &check);
  if (check.count > 0) return false;
  apply_automatic(b, left, &apps);
  assemble(b, std::move(apps));
  check_refund_cover(b, &check);
  if (check.count > 0) return false;
  b.index.built = true;
  return true;
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

}  // namespace arlab
