// panel_customer.h: the Customer tab's state (app/panel_customer.cpp draws it). A member of
// State (state.customer): the Aging, Invoices and Statement tabs and select_customer open it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/cached.h"
#include "core/book.h"
#include "core/credit_score.h"

namespace app {

struct Figures;

struct CustomerPanel {
  const arlab::Book* book = nullptr;
  const Figures* figures = nullptr;
  arlab::Index customer = arlab::kNone;
  arlab::Index invoice = arlab::kNone;  // Selected invoice: its history shows below.
  bool show_settled = false;  // Also list invoices already paid as of.
  char customer_filter[48] = "";
  std::vector<uint32_t> rows;  // The customer's invoices shown, oldest due first.
  struct RowsKey {             // What `rows` was made from.
    uint64_t figures_generation = 0;
    arlab::Index customer = arlab::kNone;
    bool show_settled = false;
    bool operator==(const RowsKey&) const = default;
  };
  Cached<void, RowsKey> built;
  // The customer's payment score (core/credit_score.h) beside its grade: recomputed when the
  // figures (book or as-of) or the customer change, never per frame.
  struct Score {
    arlab::PaymentScore score;
    std::string how;  // Its parts, points and assumptions: the (?) beside it.
  };
  struct ScoreKey {
    uint64_t figures_generation = 0;
    arlab::Index customer = arlab::kNone;
    bool operator==(const ScoreKey&) const = default;
  };
  Cached<Score, ScoreKey> score;
};

}  // namespace app
