// panel_invoices.h: the Invoices tab's state (app/panel_invoices.cpp draws it). A member of
// State (state.invoices): undo forgets its selection, the summary reports it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/cached.h"
#include "core/book.h"

namespace app {

struct Figures;

enum class InvoiceStatus : uint8_t { All, Open, Overdue, NotDue, Paid };  // Open = not paid.

struct InvoicePanel {
  const arlab::Book* book = nullptr;
  const Figures* figures = nullptr;
  // The figures' generation `rows` were filtered for (a filter edit sets filter_changed).
  Cached<void, uint64_t> filtered;
  std::vector<uint32_t> rows;  // Invoice indices, filtered and sorted.
  char filter[64] = "";
  int status = 0;              // InvoiceStatus.
  char date_from[16] = "";
  char date_to[16] = "";
  std::string filter_error;
  bool filter_changed = true;
  bool sort_changed = true;
  int sort_column = 2;         // By date.
  bool sort_descending = true;
  double last_rebuild_ms = 0;
  uint32_t hidden_later = 0;   // Invoices dated after the as-of date (they do not exist yet).
  float scroll_y = 0.0f;       // The list's scroll, as last drawn (e2e: the wheel's effect).
  arlab::Index selected = arlab::kNone;
  bool disputed_only = false;  // Only invoices marked disputed.
};

}  // namespace app
