// book_builder.h: builds arlab::Book values in code for the core tests (no io/ needed).
//
// Usage:
//   arlab::test::BookBuilder b;
//   Index c1 = b.customer("C1");
//   Index inv = b.invoice("INV-1", c1, D("2025-01-05"), 120000);   // due = date + terms
//   b.payment("P-1", c1, D("2025-02-10"), 50000, {{inv, 20000}});   // 200.00 explicit
//   REQUIRE(b.build());
#pragma once
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"
#include "core/date.h"

namespace arlab::test {

// A date literal for tests; aborts on a typo so that a bad fixture never passes silently.
inline Date D(std::string_view text) {
  Date d;
  if (!parse_date(text, &d)) {
    std::fprintf(stderr, "bad test date %.*s\n", int(text.size()), text.data());
    std::abort();
  }
  return d;
}

struct BookBuilder {
  Book book;

  Index salesperson(std::string id, std::string name = "Someone") {
    book.salespeople.push_back(Salesperson{std::move(id), std::move(name)});
    return Index(book.salespeople.size() - 1);
  }
  Index customer(std::string id, int32_t terms_days = kDefaultTermsDays, Index sp = kNone) {
    Customer c;
    c.id = id;
    c.name = "Customer ";
    c.name += id;
    c.salesperson = sp;
    c.terms_days = terms_days;
    book.customers.push_back(c);
    return Index(book.customers.size() - 1);
  }
  // `due` absent: invoice date + the customer's terms, as the reader does.
  Index invoice(std::string_view id, Index customer, Date date, int64_t amount_minor,
                std::optional<Date> due = std::nullopt) {
    Invoice inv;
    inv.id = book.intern(id);
    inv.customer = customer;
    inv.date = date;
    int32_t terms = customer < book.customers.size() ? book.customers[customer].terms_days
                                                      : kDefaultTermsDays;
    inv.due = due ? *due : date + terms;
    inv.flags = due ? kInvoiceDueGiven : 0;
    inv.amount_minor = amount_minor;
    book.invoices.push_back(inv);
    return Index(book.invoices.size() - 1);
  }
  Index payment(std::string_view id, Index customer, Date date, int64_t amount_minor,
                const std::vector<Allocation>& allocations = {}) {
    return receipt(book.payments, book.payment_allocations, id, customer, date, amount_minor,
                   allocations);
  }
  Index credit_note(std::string_view id, Index customer, Date date, int64_t amount_minor,
                    const std::vector<Allocation>& allocations = {}) {
    return receipt(book.credit_notes, book.credit_allocations, id, customer, date,
                   amount_minor, allocations);
  }
  Index write_off(std::string_view id, Index invoice, Date date, int64_t amount_minor) {
    WriteOff w;
    w.id = book.intern(id);
    w.invoice = invoice;
    w.date = date;
    w.amount_minor = amount_minor;
    book.write_offs.push_back(w);
    return Index(book.write_offs.size() - 1);
  }

  // `payment` kNone: the refund names no payment.
  Index refund(std::string_view id, Index customer, Date date, int64_t amount_minor,
               Index payment = kNone) {
    book.refunds.push_back(Refund{book.intern(id), customer, date, amount_minor, payment});
    return Index(book.refunds.size() - 1);
  }

  // index_ids + build_index, as the reader does; problems go to *problems when given.
  bool build(std::vector<Problem>* problems = nullptr) {
    std::vector<Problem> local;
    std::vector<Problem>* out = problems ? problems : &local;
    if (!index_ids(book, out)) return false;
    return build_index(book, out);
  }

 private:
  Index receipt(std::vector<Receipt>& receipts, std::vector<Allocation>& pool,
                std::string_view id, Index customer, Date date, int64_t amount_minor,
                const std::vector<Allocation>& allocations) {
    Receipt r;
    r.id = book.intern(id);
    r.customer = customer;
    r.date = date;
    r.amount_minor = amount_minor;
    r.allocation_first = uint32_t(pool.size());
    r.allocation_count = uint32_t(allocations.size());
    pool.insert(pool.end(), allocations.begin(), allocations.end());
    receipts.push_back(r);
    return Index(receipts.size() - 1);
  }
};

// Every document of a book as text, ids resolved (not the raw string pool): two books with
// the same digest hold the same documents in the same order.
inline std::string book_digest(const Book& b) {
  std::string s;
  auto put = [&](std::string_view text) {  // Appends, never "literal" + string (GCC 12
    s += text;                             // -Wrestrict false positives).
    s += ' ';
  };
  auto num = [&](int64_t v) { put(std::to_string(v)); };
  put(b.currency);
  num(b.minor_digits);
  for (const Salesperson& p : b.salespeople) {
    s += "\nS ";
    put(p.id);
    put(p.name);
  }
  for (const Customer& c : b.customers) {
    s += "\nC ";
    put(c.id);
    put(c.name);
    num(c.salesperson);
    num(c.terms_days);
    num(c.credit_limit_minor);
    put(c.grade);
  }
  for (const Invoice& v : b.invoices) {
    s += "\nI ";
    put(b.str(v.id));
    for (int64_t x : {int64_t(v.customer), int64_t(v.date.days), int64_t(v.due.days),
                      v.amount_minor, int64_t(v.flags)})
      num(x);
  }
  auto receipts = [&](const char* tag, const std::vector<Receipt>& list,
                      const std::vector<Allocation>& pool) {
    for (const Receipt& r : list) {
      s += tag;
      put(b.str(r.id));
      for (int64_t x : {int64_t(r.customer), int64_t(r.date.days), r.amount_minor}) num(x);
      for (uint32_t k = 0; k < r.allocation_count; ++k) {
        const Allocation& a = pool.at(r.allocation_first + k);
        num(a.invoice);
        num(a.amount_minor);
      }
    }
    s += tag;
    num(int64_t(pool.size()));
  };
  receipts("\nP ", b.payments, b.payment_allocations);
  receipts("\nN ", b.credit_notes, b.credit_allocations);
  for (const WriteOff& w : b.write_offs) {
    s += "\nW ";
    put(b.str(w.id));
    for (int64_t x : {int64_t(w.invoice), int64_t(w.date.days), w.amount_minor}) num(x);
  }
  for (const Refund& r : b.refunds) {
    s += "\nR ";
    put(b.str(r.id));
    for (int64_t x : {int64_t(r.customer), int64_t(r.date.days), r.amount_minor,
                      int64_t(r.payment)})
      num(x);
  }
  s += "\nB ";
  num(b.budget.dso_target_centidays);
  num(b.budget.overdue_ratio_target_bp);
  return s;
}

// Far enough in the future that every document exists.
inline Date far_future() { return date_from_ymd(9999, 12, 31); }

}  // namespace arlab::test
