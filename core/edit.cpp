#include "edit.h"

#include "budget.h"
#include "money.h"
#include "text.h"

namespace arlab {

namespace {

struct Appender {
  Book& b;
  std::vector<Problem>* problems;
  bool ok = true;

  void fail(std::string place, std::string message) {
    ok = false;
    if (problems) problems->push_back({std::move(place), std::move(message)});
  }
  Index customer(const std::string& id) {
    Index c = find_customer(b, id);
    if (c == kNone) fail("customer", "unknown customer \"" + id + "\"");
    return c;
  }
  Index invoice(const std::string& id, const std::string& place) {
    Index i = find_invoice(b, id);
    if (i == kNone) fail(place, "unknown invoice \"" + id + "\"");
    return i;
  }

  void operator()(const NewCustomer& e) {
    Customer c{e.id, e.name, kNone, e.terms_days, e.credit_limit_minor, e.grade};
    if (!e.salesperson_id.empty()) {
      c.salesperson = find_salesperson(b, e.salesperson_id);
      if (c.salesperson == kNone)
        return fail("salesperson", "unknown salesperson \"" + e.salesperson_id + "\"");
    }
    b.customers.push_back(std::move(c));
  }
  void operator()(const NewInvoice& e) {
    Index c = customer(e.customer_id);
    if (!ok) return;
    Invoice v;
    v.id = b.intern(e.id);
    v.customer = c;
    v.date = e.date;
    v.due = e.due ? *e.due : e.date + b.customers[c].terms_days;
    v.flags =
        static_cast<uint8_t>((e.due ? kInvoiceDueGiven : 0) | (e.disputed ? kInvoiceDisputed : 0) |
                             (e.charge & kInvoiceCharge));
    v.amount_minor = e.amount_minor;
    b.invoices.push_back(v);
  }
  void operator()(const NewReceipt& e) {
    Index c = customer(e.customer_id);
    std::vector<Allocation> allocations;
    for (size_t k = 0; k < e.allocations.size(); k++)
      allocations.push_back(
          {invoice(e.allocations[k].invoice_id, "allocations[" + std::to_string(k) + "].invoice"),
           e.allocations[k].amount_minor});
    if (!ok) return;
    std::vector<Allocation>& pool = e.credit_note ? b.credit_allocations : b.payment_allocations;
    Receipt r;
    r.id = b.intern(e.id);
    r.customer = c;
    r.date = e.date;
    r.amount_minor = e.amount_minor;
    r.allocation_first = static_cast<uint32_t>(pool.size());
    r.allocation_count = static_cast<uint32_t>(allocations.size());
    pool.insert(pool.end(), allocations.begin(), allocations.end());
    (e.credit_note ? b.credit_notes : b.payments).push_back(r);
  }
  void operator()(const NewWriteOff& e) {
    Index i = invoice(e.invoice_id, "invoice");
    if (!ok) return;
    b.write_offs.push_back({b.intern(e.id), i, e.date, e.amount_minor});
  }
  void operator()(const NewRefund& e) {
    Index c = customer(e.customer_id);
    Index p = kNone;
    if (!e.payment_id.empty()) {
      p = find_payment(b, e.payment_id);
      if (p == kNone) fail("payment", "unknown payment \"" + e.payment_id + "\"");
    }
    if (!ok) return;
    b.refunds.push_back({b.intern(e.id), c, e.date, e.amount_minor, p});
  }
  void operator()(const SetBudget& e) { b.budget = e.budget; }
  void operator()(const NewRecord& e) {
    CaseRecord r = e.record;
    if (r.id.empty()) r.id = next_record_id(b);
    r.customer = customer(e.customer_id);
    r.invoices.clear();
    for (size_t k = 0; k < e.invoice_ids.size(); k++)
      r.invoices.push_back(invoice(e.invoice_ids[k], "invoices[" + std::to_string(k) + "]"));
    if (!ok) return;
    b.collection.records.push_back(std::move(r));
  }
  void operator()(const SetPolicy& e) {
    b.collection.policy = e.policy;
    b.collection.policy_given = true;
  }
};

struct Remover {
  Book& b;
  void operator()(const NewCustomer&) { b.customers.pop_back(); }
  void operator()(const NewInvoice&) { b.invoices.pop_back(); }
  void operator()(const NewReceipt& e) {
    std::vector<Receipt>& list = e.credit_note ? b.credit_notes : b.payments;
    std::vector<Allocation>& pool = e.credit_note ? b.credit_allocations : b.payment_allocations;
    pool.resize(list.back().allocation_first);
    list.pop_back();
  }
  void operator()(const NewWriteOff&) { b.write_offs.pop_back(); }
  void operator()(const NewRefund&) { b.refunds.pop_back(); }
  void operator()(const SetBudget& e) { b.budget = e.previous; }
  void operator()(const NewRecord&) { b.collection.records.pop_back(); }
  void operator()(const SetPolicy& e) {
    b.collection.policy = e.previous;
    b.collection.policy_given = e.previous_given;
  }
};

}  // namespace

// The list an edit appends a document to (DocKind::Book: none, SetBudget).
static DocKind appended_kind(const Edit& edit) {
  struct Kind {
    DocKind operator()(const NewCustomer&) { return DocKind::Customer; }
    DocKind operator()(const NewInvoice&) { return DocKind::Invoice; }
    DocKind operator()(const NewReceipt& e) {
      return e.credit_note ? DocKind::CreditNote : DocKind::Payment;
    }
    DocKind operator()(const NewWriteOff&) { return DocKind::WriteOff; }
    DocKind operator()(const NewRefund&) { return DocKind::Refund; }
    DocKind operator()(const SetBudget&) { return DocKind::Book; }
    DocKind operator()(const NewRecord&) { return DocKind::Book; }
    DocKind operator()(const SetPolicy&) { return DocKind::Book; }
  };
  return std::visit(Kind{}, edit);
}

// The index after an edit of the ledger: a document appended updates it in place when it
// can (book.h, index_appended: today's entries), the budget rebuilds it.
static bool index_after(Book& book, const Edit& edit, std::vector<Problem>* problems) {
  DocKind kind = appended_kind(edit);
  if (kind == DocKind::Book) return build_index(book, problems);
  return index_appended(book, kind, problems) != IndexUpdate::Failed;
}

bool case_file_edit(const Edit& edit) {
  return std::holds_alternative<NewRecord>(edit) || std::holds_alternative<SetPolicy>(edit);
}

bool append_edit(Book& book, const Edit& edit, std::vector<Problem>* problems) {
  Appender appender{book, problems};
  std::visit(appender, edit);
  return appender.ok;
}

void remove_last(Book& book, const Edit& edit) {
  std::visit(Remover{book}, edit);
}

std::string describe(const Edit& edit, const Book& book) {
  auto money = [&](int64_t minor) { return format_amount_grouped(minor, book.minor_digits); };
  auto name = [&](const std::string& customer_id) {  // "Acme (C1)", or the id if unknown.
    Index c = find_customer(book, customer_id);
    return c == kNone ? customer_id : book.customers[c].name + " (" + customer_id + ")";
  };
  struct Describer {
    decltype(money)& m;
    decltype(name)& n;
    std::string operator()(const NewCustomer& e) {
      return "New customer " + e.id + " (" + e.name + ")";
    }
    std::string operator()(const NewInvoice& e) {
      return "Invoice " + e.id + " to " + n(e.customer_id) + ": " + m(e.amount_minor) + " on " +
             format_date(e.date);
    }
    std::string operator()(const NewReceipt& e) {
      return std::string(e.credit_note ? "Credit note " : "Payment ") + e.id +
             (e.credit_note ? " to " : " from ") + n(e.customer_id) + ": " + m(e.amount_minor) +
             " on " + format_date(e.date);
    }
    std::string operator()(const NewWriteOff& e) {
      return "Write-off " + e.id + " of " + e.invoice_id + ": " + m(e.amount_minor) + " on " +
             format_date(e.date);
    }
    std::string operator()(const NewRefund& e) {
      return "Refund " + e.id + " to " + n(e.customer_id) + ": " + m(e.amount_minor) + " on " +
             format_date(e.date) +
             (e.payment_id.empty() ? "" : " (of payment " + e.payment_id + ")");
    }
    std::string operator()(const SetBudget& e) {
      const Budget& t = e.budget;
      return std::string("Budget: DSO ") +
             (t.dso_target_centidays < 0 ? "no target"
                                         : format_dso_target(t.dso_target_centidays) + " days") +
             ", overdue ratio " +
             (t.overdue_ratio_target_bp < 0
                  ? "no target"
                  : format_overdue_ratio_target(t.overdue_ratio_target_bp));
    }
    std::string operator()(const NewRecord& e) {
      const CaseRecord& r = e.record;
      std::string what = record_kind_name(r.kind);
      what[0] = char(what[0] - 'a' + 'A');
      std::string out = what + " for " + n(e.customer_id) + " on " + format_date(r.date);
      if (r.kind == RecordKind::Promise || r.kind == RecordKind::Recovery ||
          (r.kind == RecordKind::Dispute && r.amount_minor > 0))
        out += ": " + m(r.amount_minor);
      if (r.kind == RecordKind::Letter) out += ": level " + std::to_string(r.level);
      if (!e.invoice_ids.empty())
        out += " (" + e.invoice_ids[0] + (e.invoice_ids.size() > 1 ? ", ..." : "") + ")";
      return out;
    }
    std::string operator()(const SetPolicy&) { return "Collection policy changed"; }
  };
  return std::visit(Describer{money, name}, edit);
}

std::vector<Problem> edit_id_problems(const Book& book, const Edit& edit) {
  struct Ids {
    const Book& b;
    std::vector<Problem> out;
    void check(const std::string& id, Index found, const char* what) {
      if (id.empty()) {
        out.push_back({"id", "the id must not be empty"});
      } else if (found != kNone) {
        out.push_back({"id", shown(id) + " is already used by another " + what});
      }
    }
    void operator()(const NewCustomer& e) { check(e.id, find_customer(b, e.id), "customer"); }
    void operator()(const NewInvoice& e) { check(e.id, find_invoice(b, e.id), "invoice"); }
    void operator()(const NewReceipt& e) {
      if (e.credit_note) return check(e.id, find_credit_note(b, e.id), "credit note");
      check(e.id, find_payment(b, e.id), "payment");
    }
    void operator()(const NewWriteOff& e) { check(e.id, find_write_off(b, e.id), "write-off"); }
    void operator()(const NewRefund& e) { check(e.id, find_refund(b, e.id), "refund"); }
    void operator()(const SetBudget&) {}
    void operator()(const NewRecord& e) {
      if (!e.record.id.empty() && find_record(b, e.record.id) != kNone)
        out.push_back({"id", shown(e.record.id) + " is already used by another record"});
    }
    void operator()(const SetPolicy&) {}
  };
  Ids ids{book, {}};
  std::visit(ids, edit);
  return ids.out;
}

std::string next_record_id(const Book& book) {
  uint64_t high = 0;
  for (const CaseRecord& r : book.collection.records) {
    if (r.id.size() < 3 || r.id.size() > 12 || r.id.compare(0, 2, "R-") != 0) continue;
    uint64_t n = 0;
    bool digits = true;
    for (size_t k = 2; k < r.id.size(); k++) {
      if (r.id[k] < '0' || r.id[k] > '9') digits = false;
      else n = n * 10 + uint64_t(r.id[k] - '0');
    }
    if (digits) high = std::max(high, n);
  }
  return "R-" + std::to_string(high + 1);
}

bool History::apply(Book& book, const Edit& given, std::vector<Problem>* problems) {
  Edit edit = given;
  if (SetBudget* set = std::get_if<SetBudget>(&edit)) set->previous = book.budget;
  if (SetPolicy* set = std::get_if<SetPolicy>(&edit)) {
    set->previous = book.collection.policy;
    set->previous_given = book.collection.policy_given;
  }
  if (NewRecord* add = std::get_if<NewRecord>(&edit); add && add->record.id.empty())
    add->record.id = next_record_id(book);  // Redo gives the same id.
  size_t strings_before = book.strings.size();
  bool appended = append_edit(book, edit, problems);
  // The case file leaves the ledger's index as it was: only its own rules are checked.
  bool case_file = case_file_edit(edit);
  bool valid = appended && (case_file ? check_collection(book, problems)
                                      : index_after(book, edit, problems));
  if (!valid) {
    if (appended) remove_last(book, edit);
    book.strings.resize(strings_before);  // The ids it interned.
    if (!case_file) build_index(book, nullptr);  // The book was valid before: restores its index.
    return false;
  }
  edits_.resize(done_count_);  // A new change drops what could be redone.
  strings_before_.resize(done_count_);
  edits_.push_back(edit);
  strings_before_.push_back(strings_before);
  done_count_++;
  return true;
}

void History::undo(Book& book) {
  if (!can_undo()) return;
  done_count_--;
  const Edit& edit = edits_[done_count_];
  remove_last(book, edit);
  book.strings.resize(strings_before_[done_count_]);
  if (!case_file_edit(edit)) build_index(book, nullptr);
}

void History::redo(Book& book) {
  if (!can_redo()) return;
  const Edit& edit = edits_[done_count_++];
  append_edit(book, edit, nullptr);
  if (!case_file_edit(edit)) index_after(book, edit, nullptr);
}

}  // namespace arlab
