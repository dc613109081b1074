// reports.h: aging and check reports as text table, JSON and CSV (the CLI's and the app's
// exports). The JSON shapes are documented in docs/FORMAT.md and fixed by tests/cli.
#pragma once
#include <string>
#include <string_view>

#include "core/aging.h"
#include "core/book.h"

namespace arlab {

// Appends one CSV field, quoted as RFC 4180 requires (comma, quote, line break, edge spaces).
void append_csv_field(std::string& out, std::string_view field);

std::string aging_json(const Book& book, const AgingReport& report);
std::string aging_csv(const Book& book, const AgingReport& report);
std::string aging_table(const Book& book, const AgingReport& report);

}  // namespace arlab
