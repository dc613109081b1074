// panel_statement.h: the Statement tab's state (app/panel_statement.cpp draws it). A member
// of State (state.statement): the Customer tab opens it on a customer.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/cached.h"
#include "app/period_picker.h"
#include "core/book.h"
#include "core/statement.h"

namespace app {

// The Statement tab (app/panel_statement.cpp): one customer's statement of account over a
// period (core/statement.h), exported as printable HTML, text or CSV (io/statement_report.h).
// Computed once per change of its inputs (book, customer, period, aging edges).

struct StatementRow {  // The texts of one line of the table, made once per compute.
  std::string date, type, document, due, applied_to, amount, balance;
};

struct StatementPanel {
  arlab::Index customer = arlab::kNone;
  char customer_filter[48] = "";
  // This month: the 1st of the as-of date's month to the as-of date; the quick periods
  // follow the toolbar's as-of date, typed dates do not. A bad date or period (period.error):
  // the last statement stays, marked stale.
  PeriodPicker period{PeriodPreset::ThisMonth};
  // Inputs of the last compute, and its results.
  struct Key {
    uint64_t book_generation = 0;
    arlab::Index customer = arlab::kNone;
    arlab::Date from, to;
    std::vector<int32_t> edges;
    bool operator==(const Key&) const = default;
  };
  Cached<void, Key> built;
  uint64_t compute_count = 0;  // How many times the statement was computed (tests).
  bool computed = false;       // `statement` holds a statement of a customer of this book.
  arlab::Statement statement;
  std::vector<StatementRow> rows;  // One per statement line.
};

}  // namespace app
