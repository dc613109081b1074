// test_events.cpp: the book's event stream (core/events.h) and appending a document without
// rebuilding the index (book.h, index_appended).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "book_builder.h"
#include "core/book.h"
#include "core/commission.h"
#include "core/edit.h"
#include "core/events.h"
#include "core/generate.h"
#include "core/metrics.h"
#include "io/commission_report.h"
#include "io/metrics_report.h"

using namespace arlab;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

std::string event_text(const Book& b, BookEvent e) {
  const char* kinds[] = {"invoice", "payment", "credit", "write-off", "refund"};
  StrRef id;
  switch (e.kind()) {
    case EventKind::Invoice:
      id = b.invoices[e.doc()].id;
      break;
    case EventKind::Payment:
      id = b.payments[e.doc()].id;
      break;
    case EventKind::CreditNote:
      id = b.credit_notes[e.doc()].id;
      break;
    case EventKind::WriteOff:
      id = b.write_offs[e.doc()].id;
      break;
    case EventKind::Refund:
      id = b.refunds[e.doc()].id;
      break;
  }
  return format_date(event_date(b, e)) + " " + kinds[int(e.kind())] + " " + std::string(b.str(id));
}

std::vector<std::string> texts(const Book& b, EventSpan span) {
  std::vector<std::string> out;
  for (BookEvent e : span) out.push_back(event_text(b, e));
  return out;
}

// Two customers; every kind of document on 2025-03-10, the lists in no date order:
//   invoices     INV-B 03-10 50.00 (C1), INV-A 03-01 100.00 (C1), INV-C 03-10 20.00 (C1),
//                INV-D 02-01 40.00 (C2)
//   payments     P-2 03-10 30.00 -> INV-A, P-1 03-05 10.00 -> INV-A, P-3 03-10 150.00 (none)
//   credit note  CN-1 03-10 10.00 -> INV-B;  write-off W-1 03-10 40.00 of INV-D
//   refund       R-1 03-10 25.00 to C1 of P-3
// The date order on 03-10: P-2 takes 30.00 of INV-A (60.00 left after P-1), CN-1 10.00 of
// INV-B, P-3's remainder oldest due first: INV-A (due 03-31) 60.00, then INV-B and INV-C
// (both due 04-09, dated 03-10: by id) 40.00 and 20.00: 120.00, 30.00 unapplied; W-1 40.00;
// R-1 25.00 of the 30.00.
BookBuilder same_day_book() {
  BookBuilder b;
  Index c1 = b.customer("C1"), c2 = b.customer("C2");
  Index inv_b = b.invoice("INV-B", c1, D("2025-03-10"), 5000);
  Index inv_a = b.invoice("INV-A", c1, D("2025-03-01"), 10000);
  b.invoice("INV-C", c1, D("2025-03-10"), 2000);
  Index inv_d = b.invoice("INV-D", c2, D("2025-02-01"), 4000);
  b.payment("P-2", c1, D("2025-03-10"), 3000, {{inv_a, 3000}});
  b.payment("P-1", c1, D("2025-03-05"), 1000, {{inv_a, 1000}});
  Index p3 = b.payment("P-3", c1, D("2025-03-10"), 15000);
  b.credit_note("CN-1", c1, D("2025-03-10"), 1000, {{inv_b, 1000}});
  b.write_off("W-1", inv_d, D("2025-03-10"), 4000);
  b.refund("R-1", c1, D("2025-03-10"), 2500, p3);
  return b;
}

// Every member of the index, compared one by one (the messages say which differs).
void check_same_index(const BookIndex& got, const BookIndex& want) {
  CHECK(got.built == want.built);
  CHECK(got.ids_built_for == want.ids_built_for);
  for (auto [g, w] : {std::pair{&got.salespeople, &want.salespeople},
                      {&got.customers, &want.customers},
                      {&got.invoices, &want.invoices},
                      {&got.payments, &want.payments},
                      {&got.credit_notes, &want.credit_notes},
                      {&got.write_offs, &want.write_offs},
                      {&got.refunds, &want.refunds}}) {
    CHECK(g->slots == w->slots);
    CHECK(g->tags == w->tags);
  }
  REQUIRE(got.applications.size() == want.applications.size());
  for (size_t k = 0; k < got.applications.size(); k++) {
    const Application &a = got.applications[k], &b = want.applications[k];
    INFO("application " << k);
    CHECK(a.date == b.date);
    CHECK(a.kind == b.kind);
    CHECK(a.automatic == b.automatic);
    CHECK(a.source == b.source);
    CHECK(a.invoice == b.invoice);
    CHECK(a.amount_minor == b.amount_minor);
  }
  CHECK(got.invoice_application_first == want.invoice_application_first);
  CHECK(got.payment_unapplied_minor == want.payment_unapplied_minor);
  CHECK(got.credit_unapplied_minor == want.credit_unapplied_minor);
  CHECK(got.customer_invoice_first == want.customer_invoice_first);
  CHECK(got.customer_invoices == want.customer_invoices);
  CHECK(got.customer_receipt_first == want.customer_receipt_first);
  CHECK(got.customer_receipts == want.customer_receipts);
  CHECK(got.customer_refund_first == want.customer_refund_first);
  CHECK(got.customer_refunds == want.customer_refunds);
  CHECK(got.events == want.events);
  CHECK(got.invoiced_minor == want.invoiced_minor);
  CHECK(got.received_minor == want.received_minor);
  CHECK(got.refunded_minor == want.refunded_minor);
}

// The book's index built from scratch (ids too), to compare with one updated in place.
Book rebuilt(const Book& book) {
  Book copy = book;
  copy.index = BookIndex{};
  std::vector<Problem> problems;
  REQUIRE(index_ids(copy, &problems));
  REQUIRE(build_index(copy, &problems));
  return copy;
}

std::string commission_text(const Book& book, Date from, Date to) {
  CommissionPlan plan;
  plan.name = "events";
  plan.basis = CommissionBasis::Split;
  plan.rate_ppm = 50000;
  plan.on_invoice_ppm = 300000;
  plan.gates.collection_rate_min_ppm = 700000;
  plan.penalties.bad_debt_rate_ppm = 100000;
  plan.penalties.overdue_warning_days = 30;
  return commission_json(book, compute_commission(book, plan, from, to, {}), true);
}

std::string metrics_text(const Book& book, Date from, Date to) {
  Metrics total = compute_metrics(book, from, to, 800);
  std::vector<MetricsRow> months = compute_metrics_by(book, from, to, 800, MetricsBy::Month);
  std::vector<MetricsRow> people = compute_metrics_by(book, from, to, 800, MetricsBy::Salesperson);
  months.insert(months.end(), people.begin(), people.end());
  return metrics_json(book, total, &months);
}

// A copy of document `e` of `from`, appended to `to` (its references renumbered by `map`:
// per kind, from's index -> to's), and the kind index_appended takes.
struct Copier {
  const Book& from;
  Book& to;
  std::vector<Index> invoice_map, payment_map;

  DocKind copy(BookEvent e) {
    const Index i = e.doc();
    switch (e.kind()) {
      case EventKind::Invoice: {
        Invoice v = from.invoices[i];
        v.id = to.intern(from.str(v.id));
        invoice_map[i] = Index(to.invoices.size());
        to.invoices.push_back(v);
        return DocKind::Invoice;
      }
      case EventKind::Payment:
      case EventKind::CreditNote: {
        bool credit = e.kind() == EventKind::CreditNote;
        Receipt r = (credit ? from.credit_notes : from.payments)[i];
        const std::vector<Allocation>& src =
            credit ? from.credit_allocations : from.payment_allocations;
        std::vector<Allocation>& pool = credit ? to.credit_allocations : to.payment_allocations;
        r.id = to.intern(from.str(r.id));
        uint32_t first = uint32_t(pool.size());
        for (uint32_t k = 0; k < r.allocation_count; k++) {
          Allocation a = src[r.allocation_first + k];
          a.invoice = invoice_map[a.invoice];
          pool.push_back(a);
        }
        r.allocation_first = first;
        if (!credit) payment_map[i] = Index(to.payments.size());
        (credit ? to.credit_notes : to.payments).push_back(r);
        return credit ? DocKind::CreditNote : DocKind::Payment;
      }
      case EventKind::WriteOff: {
        WriteOff w = from.write_offs[i];
        w.id = to.intern(from.str(w.id));
        w.invoice = invoice_map[w.invoice];
        to.write_offs.push_back(w);
        return DocKind::WriteOff;
      }
      case EventKind::Refund: {
        Refund r = from.refunds[i];
        r.id = to.intern(from.str(r.id));
        if (r.payment != kNone) r.payment = payment_map[r.payment];
        to.refunds.push_back(r);
        return DocKind::Refund;
      }
    }
    return DocKind::Book;
  }
};

}  // namespace

TEST_SUITE("events") {
  TEST_CASE(
      "the stream: by date, then invoice, payment, credit note, write-off, refund, file order") {
    BookBuilder b = same_day_book();
    REQUIRE(b.build());
    const Book& book = b.book;
    CHECK(texts(book, book_events(book)) ==
          std::vector<std::string>{"2025-02-01 invoice INV-D", "2025-03-01 invoice INV-A",
                                   "2025-03-05 payment P-1", "2025-03-10 invoice INV-B",
                                   "2025-03-10 invoice INV-C", "2025-03-10 payment P-2",
                                   "2025-03-10 payment P-3", "2025-03-10 credit CN-1",
                                   "2025-03-10 write-off W-1", "2025-03-10 refund R-1"});
    // What the day's documents did, in that order (worked out above).
    CHECK(book.index.payment_unapplied_minor == std::vector<int64_t>{0, 0, 3000});
    CHECK(book.index.credit_unapplied_minor == std::vector<int64_t>{0});
    CHECK(invoice_open_minor(book, 1, D("2025-03-10")) == 0);  // INV-A
    CHECK(invoice_open_minor(book, 0, D("2025-03-10")) == 0);  // INV-B
    CHECK(customer_unapplied_minor(book, 0, D("2025-03-10")) == -500);

    CHECK(first_event_on_or_after(book, D("2025-01-01")) == 0);
    CHECK(first_event_on_or_after(book, D("2025-03-02")) == 2);
    CHECK(first_event_on_or_after(book, D("2025-03-06")) == 3);
    CHECK(first_event_on_or_after(book, D("2025-03-11")) == 10);
    CHECK(texts(book, events_through(book, D("2025-03-05"))) ==
          std::vector<std::string>{"2025-02-01 invoice INV-D", "2025-03-01 invoice INV-A",
                                   "2025-03-05 payment P-1"});
    CHECK(events_between(book, D("2025-03-10"), D("2025-03-10")).size() == 7);
    CHECK(events_between(book, D("2025-03-01"), D("2025-03-05")).size() == 2);
    CHECK(events_between(book, D("2025-03-06"), D("2025-03-09")).empty());
    CHECK(events_between(book, D("2025-03-10"), D("2025-03-01")).empty());
    CHECK(events_through(book, D("2025-01-31")).empty());
    CHECK(events_between(book, D("2025-01-01"), Date{INT32_MAX}).size() == 10);
  }

  TEST_CASE("the stream: dates far apart are sorted the same way") {
    BookBuilder b;
    Index c = b.customer("C1");
    b.invoice("I-2", c, D("9000-01-01"), 100);
    b.invoice("I-1", c, D("1500-01-01"), 100);
    b.payment("P-1", c, D("9000-01-01"), 50);
    b.invoice("I-3", c, D("9000-01-01"), 100);
    REQUIRE(b.build());
    CHECK(texts(b.book, book_events(b.book)) ==
          std::vector<std::string>{"1500-01-01 invoice I-1", "9000-01-01 invoice I-2",
                                   "9000-01-01 invoice I-3", "9000-01-01 payment P-1"});
  }

  TEST_CASE("appending: in place when the document comes last, else rebuilt, same index") {
    BookBuilder b = same_day_book();
    REQUIRE(b.build());
    Book& book = b.book;
    auto append = [&](DocKind kind) {
      std::vector<Problem> problems;
      IndexUpdate how = index_appended(book, kind, &problems);
      for (const Problem& p : problems) MESSAGE(p.place << ": " << p.message);
      if (how != IndexUpdate::Failed) check_same_index(book.index, rebuilt(book).index);
      return how;
    };
    // A customer: in place.
    Index c3 = b.customer("C3");
    CHECK(append(DocKind::Customer) == IndexUpdate::Incremental);
    // An invoice of C2 on the last day (C2 has no receipt that day): in place.
    Index inv_e = b.invoice("INV-E", 1, D("2025-03-10"), 700);
    CHECK(append(DocKind::Invoice) == IndexUpdate::Incremental);
    CHECK(book.index.events.back() == BookEvent::of(EventKind::Refund, 0));  // Before R-1.
    // An invoice of C1 that day: P-3's remainder takes its 5.00 too (INV-F, due 04-09, after
    // INV-C by id), so the book is rebuilt: 25.00 left unapplied, all refunded.
    Index inv_f = b.invoice("INV-F", 0, D("2025-03-10"), 500);
    CHECK(append(DocKind::Invoice) == IndexUpdate::Rebuilt);
    CHECK(book.index.payment_unapplied_minor[2] == 2500);
    CHECK(invoice_open_minor(book, inv_f, D("2025-03-10")) == 0);
    // A payment with an allocation that day would go before CN-1, P-3's remainder and W-1.
    b.payment("P-4", 1, D("2025-03-10"), 200, {{inv_e, 200}});
    CHECK(append(DocKind::Payment) == IndexUpdate::Rebuilt);
    // The next day: a payment, its remainder oldest due first: in place.
    Index inv_g = b.invoice("INV-G", 1, D("2025-03-11"), 900, D("2025-03-20"));
    CHECK(append(DocKind::Invoice) == IndexUpdate::Incremental);
    Index p5 = b.payment("P-5", 1, D("2025-03-11"), 1000);
    CHECK(append(DocKind::Payment) == IndexUpdate::Incremental);
    // INV-G (due 03-20) before INV-E (due 04-09, 5.00 open after P-4): 9.00, then 1.00.
    CHECK(invoice_open_minor(book, inv_g, D("2025-03-11")) == 0);
    CHECK(invoice_open_minor(book, inv_e, D("2025-03-11")) == 400);
    CHECK(book.index.payment_unapplied_minor[p5] == 0);
    // A credit note after a payment's remainder the same day: in place.
    b.credit_note("CN-2", 1, D("2025-03-11"), 600, {{inv_e, 100}});
    CHECK(append(DocKind::CreditNote) == IndexUpdate::Rebuilt);  // Its allocation: step 1 < 2.
    b.credit_note("CN-3", 1, D("2025-03-11"), 100);
    CHECK(append(DocKind::CreditNote) == IndexUpdate::Incremental);  // Remainder only: step 3.
    CHECK(invoice_open_minor(book, inv_e, D("2025-03-11")) == 0);
    b.write_off("W-2", inv_e, D("2025-03-11"), 1);
    CHECK(append(DocKind::WriteOff) == IndexUpdate::Failed);  // Nothing open to write off.
    book.write_offs.pop_back();
    book.index = BookIndex{};
    REQUIRE(b.build());
    Index inv_h = b.invoice("INV-H", c3, D("2025-03-12"), 800);
    CHECK(append(DocKind::Invoice) == IndexUpdate::Incremental);
    b.write_off("W-3", inv_h, D("2025-03-12"), 300);
    CHECK(append(DocKind::WriteOff) == IndexUpdate::Incremental);
    b.payment("P-6", c3, D("2025-03-12"), 500, {{inv_h, 500}});
    CHECK(append(DocKind::Payment) == IndexUpdate::Rebuilt);  // Before W-3 in the date order.
    CHECK(invoice_open_minor(book, inv_h, D("2025-03-12")) == 0);
    Index p7 = b.payment("P-7", c3, D("2025-03-13"), 400);
    CHECK(append(DocKind::Payment) == IndexUpdate::Incremental);
    CHECK(book.index.payment_unapplied_minor[p7] == 400);
    b.refund("R-2", c3, D("2025-03-13"), 400, p7);
    CHECK(append(DocKind::Refund) == IndexUpdate::Incremental);
    CHECK(customer_unapplied_minor(book, c3, D("2025-03-13")) == 0);
    // A document dated before the last day: rebuilt. (INV-I takes 1.00 of P-5's remainder on
    // 03-11, due before INV-E; CN-2's remainder takes the 1.00 INV-E keeps.)
    Index inv_i = b.invoice("INV-I", 1, D("2025-03-01"), 100);
    CHECK(append(DocKind::Invoice) == IndexUpdate::Rebuilt);
    CHECK(invoice_open_minor(book, inv_i, D("2025-03-11")) == 0);
    CHECK(book.index.credit_unapplied_minor[1] == 100);
  }

  TEST_CASE("appending a document that breaks a rule: build_index's own problems") {
    BookBuilder b = same_day_book();
    REQUIRE(b.build());
    b.payment("P-9", 1, D("2025-03-12"), 5000, {{3, 100}});  // INV-D was written off.
    std::vector<Problem> problems;
    CHECK(index_appended(b.book, DocKind::Payment, &problems) == IndexUpdate::Failed);
    CHECK_FALSE(b.book.index.built);
    std::vector<Problem> again;
    CHECK_FALSE(build_index(b.book, &again));
    REQUIRE(problems.size() == again.size());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].place == again[0].place);
    CHECK(problems[0].message == again[0].message);
    CHECK(problems[0].place == "payments[3].allocations[0].amount");
    // A refund more than the unapplied credit, and a duplicate id.
    b.book.payments.pop_back();
    b.book.payment_allocations.pop_back();
    REQUIRE(build_index(b.book, nullptr));
    b.refund("R-9", 0, D("2025-03-12"), 600);
    problems.clear();
    CHECK(index_appended(b.book, DocKind::Refund, &problems) == IndexUpdate::Failed);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message ==
          "refund 6.00 exceeds the unapplied credit of C1 on 2025-03-12 (5.00)");
    b.book.refunds.pop_back();
    REQUIRE(build_index(b.book, nullptr));
    b.invoice("INV-A", 0, D("2025-03-12"), 100);
    problems.clear();
    CHECK(index_appended(b.book, DocKind::Invoice, &problems) == IndexUpdate::Failed);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].place == "invoices[4].id");
  }

  TEST_CASE("edits append in place; undo and redo still give the rebuilt index") {
    BookBuilder b = same_day_book();
    REQUIRE(b.build());
    Book& book = b.book;
    History history;
    std::vector<Problem> problems;
    REQUIRE(history.apply(
        book, Edit{NewInvoice{"INV-N", "C2", D("2025-03-15"), std::nullopt, 1200}}, &problems));
    REQUIRE(history.apply(book, Edit{NewReceipt{false, "P-N", "C2", D("2025-03-16"), 1500, {}}},
                          &problems));
    check_same_index(book.index, rebuilt(book).index);
    CHECK(book.index.payment_unapplied_minor.back() == 300);
    REQUIRE(
        history.apply(book, Edit{NewRefund{"R-N", "C2", D("2025-03-16"), 300, "P-N"}}, &problems));
    check_same_index(book.index, rebuilt(book).index);
    // Rejected: more than the unapplied credit; the book and its index as they were.
    CHECK_FALSE(
        history.apply(book, Edit{NewRefund{"R-X", "C2", D("2025-03-17"), 1, ""}}, &problems));
    check_same_index(book.index, rebuilt(book).index);
    history.undo(book);
    history.undo(book);
    check_same_index(book.index, rebuilt(book).index);
    CHECK(book.payments.size() == 3);
    history.redo(book);
    history.redo(book);
    CHECK(book.refunds.size() == 2);
    check_same_index(book.index, rebuilt(book).index);
  }

  // The property: a generated book's documents appended one by one in the stream's order, as
  // a user enters them day by day (with now and then an invoice dated back a few days), give
  // at every step the index a build from scratch gives, and the same commission statement and
  // metrics.
  TEST_CASE("appending one by one equals rebuilding: generated books") {
    size_t incremental = 0, rebuilt_count = 0;
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      GenerateParams p;
      p.seed = seed;
      p.salespeople = 2;
      p.customers = 8;
      p.months = 4;
      p.explicit_allocations = seed != 2;
      Book source = generate_book(p);
      REQUIRE(source.index.built);
      Book book;
      book.currency = source.currency;
      book.minor_digits = source.minor_digits;
      book.salespeople = source.salespeople;
      book.customers = source.customers;
      book.budget = source.budget;
      book.customers.push_back(Customer{"BACK", "Invoices dated back", kNone, 30, -1, ""});
      const Index back_customer = Index(book.customers.size() - 1);
      Copier copier{source, book, std::vector<Index>(source.invoices.size(), kNone),
                    std::vector<Index>(source.payments.size(), kNone)};
      EventSpan events = book_events(source);
      // The first fifth at once, as a loaded book.
      size_t base = events.size() / 5, step = 0;
      for (size_t k = 0; k < base; k++) copier.copy(events.first[k]);
      REQUIRE(index_ids(book, nullptr));
      REQUIRE(build_index(book, nullptr));
      Rng rng{seed * 7919};
      for (size_t k = base; k < events.size(); k++, step++) {
        INFO("seed " << seed << " event " << k << " " << event_text(source, events.first[k]));
        DocKind kind = copier.copy(events.first[k]);
        std::vector<Problem> problems;
        IndexUpdate how = index_appended(book, kind, &problems);
        for (const Problem& pr : problems) MESSAGE(pr.place << ": " << pr.message);
        REQUIRE(how != IndexUpdate::Failed);
        (how == IndexUpdate::Incremental ? incremental : rebuilt_count)++;
        if (rng.chance(20)) {                // An invoice dated back: rebuilt.
          Invoice v = book.invoices.back();  // Nobody pays them: no remainder moves.
          v.customer = back_customer;
          v.id = book.intern("BACK-" + std::to_string(k));
          v.date = v.date - 3;
          v.due = v.date + 30;
          book.invoices.push_back(v);
          CHECK(index_appended(book, DocKind::Invoice, nullptr) == IndexUpdate::Rebuilt);
        }
        if (step % 25 == 0 || k + 1 == events.size()) {
          Book fresh = rebuilt(book);
          check_same_index(book.index, fresh.index);
          Date to = event_date(book, book.index.events.back());
          Date from = to - 90;
          CHECK(commission_text(book, from, to) == commission_text(fresh, from, to));
          CHECK(metrics_text(book, from, to) == metrics_text(fresh, from, to));
        }
      }
    }
    MESSAGE("appended in place " << incremental << ", rebuilt " << rebuilt_count);
    CHECK(incremental > rebuilt_count);  // The common case is in place.
  }

}  // TEST_SUITE("events")
