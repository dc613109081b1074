// reports.h: aging and check reports as text table, JSON and CSV (the CLI's and the app's
// exports). The JSON shapes are documented in docs/FORMAT.md and fixed by tests/cli. Text
// from the book goes through io/cells.h: CSV text cells neutralised, table cells escaped.
#pragma once
#include <string>

#include "core/aging.h"
#include "core/book.h"

namespace arlab {

std::string aging_json(const Book& book, const AgingReport& report);
std::string aging_csv(const Book& book, const AgingReport& report);
std::string aging_table(const Book& book, const AgingReport& report);

}  // namespace arlab
