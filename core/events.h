// events.h: the book's documents as one date-sorted stream, built once with the index.
//
// The commission engine walks every document in date order and the metrics walk takes the
// invoices and payments up to its last period's end: each used to collect (and the engine
// to sort) its own list. build_index() builds the stream once (BookIndex::events), and a
// document appended in place (book.h, index_appended) is inserted where it belongs; these
// functions read it. The simulator's walks (history before a date, invoices of a range, the
// cash of a range) are ranges of it too.
//
// One event a document: an invoice issued, a payment received, a credit note issued, a
// write-off, a refund (customers and salespeople have no date and no event). What a payment,
// credit note or write-off did to invoices is in the index beside it: its applications
// (BookIndex::applications, by source: Application::source) and what it left unapplied
// (payment_unapplied_minor / credit_unapplied_minor).
//
// Order: by date, then kind (Invoice, Payment, CreditNote, WriteOff, Refund), then file
// order (the index in its list). Why this kind order on one day: an invoice exists from its
// own date on, so a payment of the same day may pay it; the book applies payments before
// credit notes, and write-offs take what the day's receipts left (docs/FORMAT.md, "Date
// order"); a refund pays back unapplied credit as of its date, the day's receipts included.
// So a walk of the stream sees each document after everything it depends on, and the order
// does not hang on how a file lists its documents.
//
// 4 bytes an event (the kind in the top 3 bits of the document's index): a
// 1,000,000-invoice book holds about 1.8 million of them, 7 MB (7 bytes an invoice); built
// in about 20 ms there. Each list may hold at most kEventDocMax + 1 documents (build_index
// reports more as a problem).
//
// Usage:
//   for (const arlab::BookEvent& e : arlab::book_events(book)) ...     // all, in order
//   for (const arlab::BookEvent& e : arlab::events_between(book, from, to))
//     if (e.kind() == arlab::EventKind::Payment) cash += book.payments[e.doc()].amount_minor;
//   size_t k = arlab::first_event_on_or_after(book, d);  // book.index.events[k] is the first
//
// Tests: tests/core/test_events.cpp (suite "events"); the bench: arlab_bench append.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "date.h"
#include "index.h"

namespace arlab {

struct Book;

enum class EventKind : uint8_t { Invoice, Payment, CreditNote, WriteOff, Refund };
constexpr uint32_t kEventDocMax = (1u << 29) - 1;  // The largest document index an event holds.

struct BookEvent {
  uint32_t code = 0;  // kind << 29 | document index.
  static BookEvent of(EventKind kind, Index doc) {
    return {uint32_t(kind) << 29 | (doc & kEventDocMax)};
  }
  EventKind kind() const { return EventKind(code >> 29); }
  Index doc() const { return code & kEventDocMax; }
  friend bool operator==(BookEvent, BookEvent) = default;
};

// A span of book.index.events.
struct EventSpan {
  const BookEvent* first = nullptr;
  const BookEvent* last = nullptr;
  const BookEvent* begin() const { return first; }
  const BookEvent* end() const { return last; }
  size_t size() const { return size_t(last - first); }
  bool empty() const { return first == last; }
};

// The date of the event's document.
Date event_date(const Book& book, BookEvent event);
// Every event (needs a built index).
EventSpan book_events(const Book& book);
// The position of the first event dated on or after `d` (events.size(): none): a binary search.
size_t first_event_on_or_after(const Book& book, Date d);
// The events dated from..to, both included (empty when to < from).
EventSpan events_between(const Book& book, Date from, Date to);
// The events dated on or before `to`.
EventSpan events_through(const Book& book, Date to);
// The invoices dated from..to (both included), by date then file order (the simulator's
// replay and sales ahead, its past sales).
std::vector<Index> invoices_between(const Book& book, Date from, Date to);

// Core-internal (book.cpp): the stream of the book's documents in the order above, from
// scratch (a counting sort by day), and the position where an event belongs.
void build_event_stream(const Book& book, std::vector<BookEvent>* events);
size_t event_position(const Book& book, Date date, BookEvent event);

}  // namespace arlab
