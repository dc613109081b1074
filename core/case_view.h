// case_view.h: a customer's case as people read it: the timeline of its documents and case
// records as of a date, each in one line of plain words, and the case's summary (owner,
// cause, stance, promises, disputes, plans, hold). The app's case page, `arlab case` and the
// letters read it from here.
//
// Usage:
//   arlab::CaseView v = arlab::case_view(book, customer, as_of);
//   for (const arlab::TimelineEntry& e : v.timeline) print(e.date, e.what, e.text);
//
// Tests: tests/core/test_casefile.cpp (suite "casefile") and tests/cli/cmd-case.test, on
// tests/cli/books/cases.json.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "book.h"
#include "casefile.h"

namespace arlab {

enum class TimelineSource : uint8_t { Invoice, Payment, CreditNote, WriteOff, Refund, Record };
const char* timeline_source_name(TimelineSource s);  // "invoice", ..., "record"

struct TimelineEntry {
  Date date;
  TimelineSource source = TimelineSource::Record;
  Index index = kNone;       // Into the book's list of that source (records: collection.records).
  std::string what;          // "Invoice", "Payment", "Phone call", "Promise", "Letter 2 (warning)"
  std::string text;          // The rest of the line, in plain words (amounts grouped); the
                             // document's or record's own id is not in it.
  int64_t amount_minor = 0;  // Signed as it moves the balance: + invoices, - receipts; 0 for
                             // records (a promise's amount is in the text).
};

// One line for a record, as of a date (a promise says kept, broken or pending then).
// `what` gets its short name.
std::string record_summary(const Book& book, const CaseRecord& r, const CaseState& state,
                           std::string* what);

struct PromiseLine {
  Index record = kNone;
  PromiseStatus status = PromiseStatus::Pending;
  int64_t amount_minor = 0, paid_minor = 0;
  Date made, until, kept_on = kNoDate;
};

struct DisputeLine {
  Index record = kNone;  // kNone: disputed by the invoice's own flag only.
  Index invoice = kNone;
  int64_t disputed_minor = 0;
  DisputeReason reason = DisputeReason::Other;
};

struct CaseView {
  Index customer = kNone;
  Date as_of;
  CustomerCaseState state;         // The customer's entry of case_state.
  std::string case_id;             // The first "case" record's id ("" if none yet).
  std::vector<PromiseLine> promises;
  std::vector<DisputeLine> disputes;   // Open as of.
  std::vector<PlanState> plans;
  std::vector<TimelineEntry> timeline;  // By date, then documents before records, then file.
};

// Needs a built index. Linear in the customer's documents plus the book's records.
CaseView case_view(const Book& book, Index customer, Date as_of);

// The customer of a case id: a record of kind "case" with that id; kNone if none.
Index case_customer(const Book& book, std::string_view case_id);

}  // namespace arlab
