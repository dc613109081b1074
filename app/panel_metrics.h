// panel_metrics.h: the Metrics tab's state (app/panel_metrics.cpp draws it). A member of
// State (state.metrics).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/busy.h"
#include "app/cached.h"
#include "app/period_picker.h"
#include "core/book.h"
#include "core/budget.h"
#include "core/metrics.h"

namespace app {

// The Metrics tab (app/panel_metrics.cpp). Everything shown is computed once per change of
// its inputs (book, as-of date, aging edges, period, rate) into the `built_*` members.

struct MetricsTable {  // Rows by customer or by salesperson, sorted through an index.
  std::vector<arlab::MetricsRow> rows;
  std::vector<uint32_t> order;
  int sort_column = 0;
  bool sort_descending = false;
  bool sort_changed = true;
};

struct Concentration {  // Of open AR at the as-of date (figures.customers).
  int64_t open_minor = 0;
  int64_t top1_minor = 0, top5_minor = 0, top10_minor = 0;
  arlab::Index top_customer = arlab::kNone;
  bool too_concentrated = false;  // One customer holds more than 20% of open AR.
};

struct MetricsPanel {
  PeriodPicker period{PeriodPreset::Last12Months};  // Not Custom: follows the as-of date.
  char rate_text[16] = "8";  // Percent a year.
  int32_t rate_bp = arlab::kDefaultRateBp;
  std::string input_error;  // The rate's, or the period's (period.error) when it has one.
  // Inputs of the last compute, and its results.
  struct Key {
    uint64_t book_generation = 0;
    uint64_t figures_generation = 0;
    arlab::Date from, to;
    int32_t rate_bp = 0;
    bool operator==(const Key&) const = default;
  };
  Cached<void, Key> built;
  arlab::Date built_from{INT32_MIN}, built_to{INT32_MIN};  // The period of the figures shown.
  uint64_t compute_count = 0;  // How many times the metrics were computed (tests).
  double compute_ms = 0;
  BusyCompute busy;            // A change on a big book: "Computing..." first, then compute.
  arlab::Metrics total;
  std::vector<arlab::MetricsRow> months;
  std::vector<std::string> bucket_names;
  std::vector<std::vector<int64_t>> month_buckets_minor;  // Aging at each month's end.
  MetricsTable by_customer, by_salesperson;
  Concentration concentration;
  // The budget (book.budget, changed through History as arlab::SetBudget) against the
  // months above; the two fields are refilled from the book when it changes.
  arlab::BudgetReport budget;
  char budget_dso_text[16] = "";    // "45" (days), empty: no target.
  char budget_ratio_text[16] = "";  // "15%" or "0.15", empty: no target.
  Cached<void, uint64_t> budget_texts;  // The book generation the fields were filled from.
  std::vector<arlab::Problem> budget_problems;  // Of the last rejected change.
  bool select_budget_tab = false;  // Bring the Budget table to the front next frame.
};

}  // namespace app
