// case_report.h: a customer's case (core/case_view.h) as a table, JSON or CSV: `arlab case`.
// Every text from the book goes through io/cells (table_text, append_csv_text) or
// append_json_string.
#pragma once
#include <string>

#include "core/case_view.h"

namespace arlab {

std::string case_table(const Book& book, const CaseView& view);
std::string case_json(const Book& book, const CaseView& view);
// The timeline, one row an entry: date, source, id, what, text, amount.
std::string case_csv(const Book& book, const CaseView& view);

}  // namespace arlab
