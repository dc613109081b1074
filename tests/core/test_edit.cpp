// test_edit.cpp: edits as commands, validated like the loader, with undo/redo (core/edit.h).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "book_builder.h"
#include "core/aging.h"
#include "core/edit.h"

using namespace arlab;
using arlab::test::book_digest;
using arlab::test::BookBuilder;
using arlab::test::D;

namespace {

using Amounts = std::vector<int64_t>;

// C1 owes INV-1 100.00 from 2025-01-05 (due 02-04: 146 days past due on 06-30, bucket 91+).
BookBuilder start_book() {
  BookBuilder b;
  b.salesperson("S1");
  Index c1 = b.customer("C1");
  b.invoice("INV-1", c1, D("2025-01-05"), 10000);
  REQUIRE(b.build());
  return b;
}

Amounts aging_of(const Book& book) {
  AgingReport r = compute_aging(book, D("2025-06-30"), kDefaultAgingEdges);
  return r.total_amounts_minor;
}

NewInvoice invoice_2() { return NewInvoice{"INV-2", "C1", D("2025-06-20"), std::nullopt, 5000}; }

}  // namespace

TEST_SUITE("edit") {

TEST_CASE("an accepted edit changes the aging") {
  BookBuilder b = start_book();
  History h;
  std::vector<Problem> problems;
  CHECK(aging_of(b.book) == Amounts{0, 0, 0, 0, 10000});
  SUBCASE("a new invoice, due by the customer's terms") {
    REQUIRE(h.apply(b.book, Edit{invoice_2()}, &problems));
    CHECK(problems.empty());
    CHECK(b.book.index.built);
    Index i2 = find_invoice(b.book, "INV-2");
    REQUIRE(i2 != kNone);
    CHECK(b.book.invoices[i2].due == D("2025-07-20"));
    CHECK(aging_of(b.book) == Amounts{5000, 0, 0, 0, 10000});
  }
  SUBCASE("a payment with an allocation, the rest oldest due first") {
    REQUIRE(h.apply(b.book, Edit{invoice_2()}, &problems));
    NewReceipt p{false, "P-1", "C1", D("2025-06-25"), 6000, {{"INV-2", 3000}}};
    REQUIRE(h.apply(b.book, Edit{p}, &problems));
    // 30.00 to INV-2 as written; the remaining 30.00 to INV-1 (due 02-04, the oldest).
    CHECK(aging_of(b.book) == Amounts{2000, 0, 0, 0, 7000});
  }
  SUBCASE("a credit note and a write-off") {
    REQUIRE(h.apply(b.book, Edit{NewReceipt{true, "CN-1", "C1", D("2025-03-01"), 1500, {}}},
                    &problems));
    REQUIRE(h.apply(b.book, Edit{NewWriteOff{"W-1", "INV-1", D("2025-04-01"), 500}}, &problems));
    CHECK(aging_of(b.book) == Amounts{0, 0, 0, 0, 8000});
  }
  SUBCASE("a new customer, then an invoice to it") {
    REQUIRE(h.apply(b.book, Edit{NewCustomer{"C2", "Beta", "S1", 10, -1, ""}}, &problems));
    REQUIRE(h.apply(b.book, Edit{NewInvoice{"B-1", "C2", D("2025-06-01"), std::nullopt, 700}},
                    &problems));
    // Due 06-11 with 10-day terms: 19 days past due on 06-30.
    CHECK(aging_of(b.book) == Amounts{0, 700, 0, 0, 10000});
  }
}

TEST_CASE("a rejected edit leaves the book as it was") {
  BookBuilder b = start_book();
  History h;
  const std::string before = book_digest(b.book);
  struct Row { const char* rule; Edit edit; std::string place; };
  const Row rows[] = {
      {"asks more than INV-1 has open",
       NewReceipt{false, "P-9", "C1", D("2025-03-01"), 20000, {{"INV-1", 20000}}},
       "payments[0].allocations[0].amount"},
      {"allocations above the payment",
       NewReceipt{false, "P-9", "C1", D("2025-03-01"), 1000, {{"INV-1", 2000}}},
       "payments[0].allocations"},
      {"duplicate invoice id", NewInvoice{"INV-1", "C1", D("2025-03-01"), std::nullopt, 100},
       "invoices[1].id"},
      {"due before date", NewInvoice{"INV-9", "C1", D("2025-03-01"), D("2025-02-01"), 100},
       "invoices[1].due"},
      {"zero amount", NewInvoice{"INV-9", "C1", D("2025-03-01"), std::nullopt, 0},
       "invoices[1].amount"},
      {"write-off above the invoice", NewWriteOff{"W-9", "INV-1", D("2025-03-01"), 10001},
       "write_offs[0].amount"},
      {"duplicate customer", NewCustomer{"C1", "Again", "", 30, -1, ""}, "customers[1].id"},
      {"unknown customer", NewInvoice{"INV-9", "C7", D("2025-03-01"), std::nullopt, 100},
       "customer"},
      {"unknown invoice", NewWriteOff{"W-9", "INV-7", D("2025-03-01"), 100}, "invoice"},
      {"unknown allocation invoice",
       NewReceipt{false, "P-9", "C1", D("2025-03-01"), 100, {{"INV-7", 100}}},
       "allocations[0].invoice"},
      {"unknown salesperson", NewCustomer{"C9", "Nine", "S9", 30, -1, ""}, "salesperson"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.rule));
    std::vector<Problem> problems;
    CHECK_FALSE(h.apply(b.book, row.edit, &problems));
    bool found = false;
    for (const Problem& p : problems) found = found || p.place == row.place;
    CHECK_MESSAGE(found, "expected a problem at " << row.place);
    CHECK(book_digest(b.book) == before);
    CHECK(b.book.index.built);  // Still usable: the old index is back.
    CHECK(aging_of(b.book) == Amounts{0, 0, 0, 0, 10000});
    CHECK_FALSE(h.can_undo());
  }
}

TEST_CASE("undo restores, redo re-applies") {
  BookBuilder b = start_book();
  History h;
  std::vector<Problem> problems;
  const std::string at_start = book_digest(b.book);
  REQUIRE(h.apply(b.book, Edit{invoice_2()}, &problems));
  const std::string with_invoice = book_digest(b.book);
  REQUIRE(h.apply(b.book, Edit{NewReceipt{false, "P-1", "C1", D("2025-06-25"), 15000, {}}},
                  &problems));
  CHECK(aging_of(b.book) == Amounts{0, 0, 0, 0, 0});

  h.undo(b.book);
  CHECK(book_digest(b.book) == with_invoice);
  CHECK(aging_of(b.book) == Amounts{5000, 0, 0, 0, 10000});
  h.undo(b.book);
  CHECK(book_digest(b.book) == at_start);
  CHECK(aging_of(b.book) == Amounts{0, 0, 0, 0, 10000});
  CHECK(find_invoice(b.book, "INV-2") == kNone);
  CHECK_FALSE(h.can_undo());
  h.undo(b.book);  // Nothing to undo: no change.
  CHECK(book_digest(b.book) == at_start);

  REQUIRE(h.can_redo());
  h.redo(b.book);
  h.redo(b.book);
  CHECK_FALSE(h.can_redo());
  CHECK(aging_of(b.book) == Amounts{0, 0, 0, 0, 0});
  CHECK(find_payment(b.book, "P-1") != kNone);

  SUBCASE("a new edit after undo drops the redo") {
    h.undo(b.book);
    REQUIRE(h.apply(b.book, Edit{NewWriteOff{"W-1", "INV-1", D("2025-04-01"), 1000}},
                    &problems));
    CHECK_FALSE(h.can_redo());
    CHECK(h.done_count() == 2);
    CHECK(h.edits().size() == 2);
    CHECK(aging_of(b.book) == Amounts{5000, 0, 0, 0, 9000});
  }
}

TEST_CASE("append_edit and remove_last are inverses") {
  BookBuilder b = start_book();
  const std::string before = book_digest(b.book);
  const Edit edits[] = {
      Edit{invoice_2()},
      Edit{NewReceipt{true, "CN-1", "C1", D("2025-03-01"), 100, {{"INV-1", 100}}}},
      Edit{NewWriteOff{"W-1", "INV-1", D("2025-04-01"), 500}},
      Edit{NewCustomer{"C2", "Beta", "", 30, -1, ""}},
      Edit{NewRefund{"R-1", "C1", D("2025-01-05"), 1, ""}},
  };
  for (const Edit& e : edits) {
    std::vector<Problem> problems;
    REQUIRE(append_edit(b.book, e, &problems));
    CHECK(book_digest(b.book) != before);
    remove_last(b.book, e);
    CHECK(book_digest(b.book) == before);
  }
}

TEST_CASE("describe names the document and its amount") {
  BookBuilder b = start_book();
  const std::string text = describe(Edit{NewInvoice{"INV-100", "C1", D("2025-01-05"),
                                                    std::nullopt, 120000}}, b.book);
  CHECK(text.find("INV-100") != std::string::npos);
  CHECK(text.find("1,200.00") != std::string::npos);
  const std::string pay =
      describe(Edit{NewReceipt{false, "P-7", "C1", D("2025-02-01"), 5050, {}}}, b.book);
  CHECK(pay.find("P-7") != std::string::npos);
  CHECK(pay.find("50.50") != std::string::npos);
  CHECK(describe(Edit{NewRefund{"R-1", "C1", D("2025-02-20"), 2500, "P-7"}}, b.book) ==
        "Refund R-1 to Customer C1 (C1): 25.00 on 2025-02-20 (of payment P-7)");
  CHECK(describe(Edit{SetBudget{{4550, 1525}, {}}}, b.book) ==
        "Budget: DSO 45.5 days, overdue ratio 15.25%");
  CHECK(describe(Edit{SetBudget{{-1, 2500}, {}}}, b.book) ==
        "Budget: DSO no target, overdue ratio 25%");
}

TEST_CASE("a new customer's grade and a disputed invoice") {
  BookBuilder b = start_book();
  History h;
  std::vector<Problem> problems;
  REQUIRE(h.apply(b.book, Edit{NewCustomer{"C2", "Beta", "", 30, -1, "B+"}}, &problems));
  CHECK(b.book.customers[1].grade == "B+");
  NewInvoice disputed = invoice_2();
  disputed.disputed = true;
  REQUIRE(h.apply(b.book, Edit{disputed}, &problems));
  CHECK(b.book.invoices.back().flags == kInvoiceDisputed);  // No due given: only the flag.
  CHECK_FALSE(h.apply(b.book, Edit{NewCustomer{"C3", "Gamma", "", 30, -1,
                                               "seventeen-chars!!"}}, &problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "customers[2].grade");
  CHECK(b.book.customers.size() == 2);
}

// C1: INV-1 100.00 (2025-01-05); P-1 2025-02-01 130.00 pays it and leaves 30.00 unapplied.
TEST_CASE("a refund is posted, checked like the loader, undone and redone") {
  BookBuilder b = start_book();
  History h;
  std::vector<Problem> problems;
  REQUIRE(h.apply(b.book, Edit{NewReceipt{false, "P-1", "C1", D("2025-02-01"), 13000, {}}},
                  &problems));
  const Index c1 = 0;
  CHECK(customer_unapplied_minor(b.book, c1, D("2025-06-30")) == -3000);
  // More than the 30.00 of credit: rejected, the book unchanged.
  CHECK_FALSE(h.apply(b.book, Edit{NewRefund{"R-1", "C1", D("2025-02-10"), 3001, "P-1"}},
                      &problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "refunds[0].amount");
  CHECK(problems[0].message ==
        "refund 30.01 exceeds the unapplied credit of C1 on 2025-02-10 (30.00)");
  CHECK(b.book.refunds.empty());
  CHECK(b.book.index.built);
  problems.clear();
  CHECK_FALSE(h.apply(b.book, Edit{NewRefund{"R-1", "C1", D("2025-02-10"), 100, "P-9"}},
                      &problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "payment");
  CHECK(problems[0].message == "unknown payment \"P-9\"");
  problems.clear();
  // 20.00 back on 02-10: 10.00 of credit is left.
  REQUIRE(h.apply(b.book, Edit{NewRefund{"R-1", "C1", D("2025-02-10"), 2000, "P-1"}},
                  &problems));
  CHECK(customer_unapplied_minor(b.book, c1, D("2025-02-09")) == -3000);
  CHECK(customer_unapplied_minor(b.book, c1, D("2025-02-10")) == -1000);
  CHECK(b.book.refunds[0].payment == find_payment(b.book, "P-1"));
  h.undo(b.book);
  CHECK(b.book.refunds.empty());
  CHECK(customer_unapplied_minor(b.book, c1, D("2025-06-30")) == -3000);
  h.redo(b.book);
  CHECK(find_refund(b.book, "R-1") == 0);
  CHECK(customer_unapplied_minor(b.book, c1, D("2025-06-30")) == -1000);
}

TEST_CASE("setting the budget, and undo puts the previous one back") {
  BookBuilder b = start_book();
  History h;
  std::vector<Problem> problems;
  REQUIRE(h.apply(b.book, Edit{SetBudget{{4500, 2500}, {}}}, &problems));
  REQUIRE(h.apply(b.book, Edit{SetBudget{{3000, -1}, {7, 7}}}, &problems));  // previous: ignored.
  CHECK(b.book.budget.dso_target_centidays == 3000);
  CHECK(b.book.budget.overdue_ratio_target_bp == -1);
  h.undo(b.book);
  CHECK(b.book.budget.dso_target_centidays == 4500);
  CHECK(b.book.budget.overdue_ratio_target_bp == 2500);
  h.undo(b.book);
  CHECK_FALSE(b.book.budget.given());
  h.redo(b.book);
  h.redo(b.book);
  CHECK(b.book.budget.dso_target_centidays == 3000);
  // Out of range: rejected with the book's place, the budget as it was.
  CHECK_FALSE(h.apply(b.book, Edit{SetBudget{{4500, 10001}, {}}}, &problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].place == "budget.overdue_ratio");
  CHECK(b.book.budget.dso_target_centidays == 3000);
  CHECK(h.done_count() == 2);
}

TEST_CASE("edit_id_problems: a form's id, checked in plain words before the rest") {
  BookBuilder b = start_book();
  NewInvoice taken = invoice_2();
  taken.id = "INV-1";
  std::vector<Problem> p = edit_id_problems(b.book, Edit{taken});
  REQUIRE(p.size() == 1);
  CHECK(p[0].place == "id");
  CHECK(p[0].message == "INV-1 is already used by another invoice");
  CHECK(edit_id_problems(b.book, Edit{invoice_2()}).empty());
  NewInvoice empty = invoice_2();
  empty.id = "";
  p = edit_id_problems(b.book, Edit{empty});
  REQUIRE(p.size() == 1);
  CHECK(p[0].message == "the id must not be empty");
  // An invoice's id is free for a payment: each list has its own ids.
  NewReceipt pay{false, "INV-1", "C1", D("2025-06-25"), 100, {}};
  CHECK(edit_id_problems(b.book, Edit{pay}).empty());
  NewCustomer c{"C1", "Again", "", 30, -1, ""};
  p = edit_id_problems(b.book, Edit{c});
  REQUIRE(p.size() == 1);
  CHECK(p[0].message == "C1 is already used by another customer");
  CHECK(edit_id_problems(b.book, Edit{SetBudget{}}).empty());
}

}  // TEST_SUITE
