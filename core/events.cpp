// events.cpp: the date-sorted stream of the book's documents (events.h).
#include "events.h"

#include <algorithm>
#include <climits>

#include "book.h"

namespace arlab {

Date event_date(const Book& b, BookEvent e) {
  const Index i = e.doc();
  switch (e.kind()) {
    case EventKind::Invoice:
      return b.invoices[i].date;
    case EventKind::Payment:
      return b.payments[i].date;
    case EventKind::CreditNote:
      return b.credit_notes[i].date;
    case EventKind::WriteOff:
      return b.write_offs[i].date;
    case EventKind::Refund:
      return b.refunds[i].date;
  }
  return Date{INT32_MIN};
}

namespace {

// Calls emit(event, date) for every document, by kind, then file order.
template <typename Emit>
void for_each_document(const Book& b, Emit emit) {
  for (size_t i = 0; i < b.invoices.size(); i++)
    emit(BookEvent::of(EventKind::Invoice, Index(i)), b.invoices[i].date);
  for (size_t i = 0; i < b.payments.size(); i++)
    emit(BookEvent::of(EventKind::Payment, Index(i)), b.payments[i].date);
  for (size_t i = 0; i < b.credit_notes.size(); i++)
    emit(BookEvent::of(EventKind::CreditNote, Index(i)), b.credit_notes[i].date);
  for (size_t i = 0; i < b.write_offs.size(); i++)
    emit(BookEvent::of(EventKind::WriteOff, Index(i)), b.write_offs[i].date);
  for (size_t i = 0; i < b.refunds.size(); i++)
    emit(BookEvent::of(EventKind::Refund, Index(i)), b.refunds[i].date);
}

// (date, kind, index): the stream's order. The code holds kind, then index, in its bits.
bool before(Date da, BookEvent a, Date db, BookEvent b) {
  return da != db ? da < db : a.code < b.code;
}

}  // namespace

// The documents come by (kind, index): placing them by day in that order (a stable counting
// sort) gives (date, kind, index) in linear time, written straight into place. Dates far
// apart (a few documents over centuries) are sorted instead.
void build_event_stream(const Book& b, std::vector<BookEvent>* events) {
  events->clear();
  size_t count = 0;
  Date lo{INT32_MAX}, hi{INT32_MIN};
  for_each_document(b, [&](BookEvent, Date d) {
    count++;
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  });
  if (count == 0) {
    events->shrink_to_fit();
    return;
  }
  size_t days = size_t(int64_t(hi.days) - lo.days) + 1;
  if (days > 4 * count + 1024) {
    std::vector<std::pair<Date, BookEvent>> dated;
    dated.reserve(count);
    for_each_document(b, [&](BookEvent e, Date d) { dated.push_back({d, e}); });
    std::stable_sort(dated.begin(), dated.end(),
                     [](const auto& p, const auto& q) { return p.first < q.first; });
    std::vector<BookEvent> out(count);
    for (size_t k = 0; k < count; k++) out[k] = dated[k].second;
    events->swap(out);
    return;
  }
  std::vector<uint32_t> next(days + 1, 0);  // Per day: where its next event goes.
  for_each_document(b, [&](BookEvent, Date d) { next[size_t(d - lo) + 1]++; });
  for (size_t d = 0; d < days; d++) next[d + 1] += next[d];
  std::vector<BookEvent> out(count);  // Exactly sized: the index keeps it.
  for_each_document(b, [&](BookEvent e, Date d) { out[next[size_t(d - lo)]++] = e; });
  events->swap(out);
}

size_t event_position(const Book& b, Date date, BookEvent event) {
  const std::vector<BookEvent>& ev = b.index.events;
  return size_t(std::upper_bound(ev.begin(), ev.end(), event,
                                 [&](BookEvent e, BookEvent x) {
                                   return before(date, e, event_date(b, x), x);
                                 }) -
                ev.begin());
}

EventSpan book_events(const Book& b) {
  const BookEvent* base = b.index.events.data();
  return {base, base + b.index.events.size()};
}

size_t first_event_on_or_after(const Book& b, Date d) {
  const std::vector<BookEvent>& ev = b.index.events;
  return size_t(std::partition_point(ev.begin(), ev.end(),
                                     [&](BookEvent e) { return event_date(b, e) < d; }) -
                ev.begin());
}

EventSpan events_between(const Book& b, Date from, Date to) {
  const BookEvent* base = b.index.events.data();
  if (to < from) return {base, base};
  size_t first = first_event_on_or_after(b, from);
  size_t last = to.days == INT32_MAX ? b.index.events.size() : first_event_on_or_after(b, to + 1);
  return {base + first, base + std::max(first, last)};
}

std::vector<Index> invoices_between(const Book& b, Date from, Date to) {
  std::vector<Index> out;
  for (BookEvent e : events_between(b, from, to))
    if (e.kind() == EventKind::Invoice) out.push_back(e.doc());
  return out;
}

EventSpan events_through(const Book& b, Date to) {
  const BookEvent* base = b.index.events.data();
  size_t last = to.days == INT32_MAX ? b.index.events.size() : first_event_on_or_after(b, to + 1);
  return {base, base + last};
}

}  // namespace arlab
