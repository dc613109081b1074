#include "credit.h"

#include <algorithm>

namespace arlab {

CreditCheck credit_check(const Book& book, Index customer, Date date, int64_t new_amount_minor) {
  CreditCheck c;
  c.limit_minor = book.customers[customer].credit_limit_minor;
  for (Index i : customer_invoices(book, customer)) {
    if (book.invoices[i].date > date) break;  // By date: the rest is later.
    c.open_minor += invoice_open_minor(book, i, date);
  }
  c.unapplied_minor = customer_unapplied_minor(book, customer, date);
  c.owed_minor = c.open_minor + c.unapplied_minor;
  c.after_minor = c.owed_minor + new_amount_minor;
  if (c.has_limit()) {
    c.headroom_minor = c.limit_minor - c.owed_minor;
    c.over_minor = std::max<int64_t>(0, c.after_minor - c.limit_minor);
  }
  return c;
}

}  // namespace arlab
