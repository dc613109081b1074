// book_json.h: reading and writing books in the JSON format "arlab-book/1" (docs/FORMAT.md).
//
// Reading parses with simdjson On-Demand (no DOM of the whole file) and, for anything that
// reader declines (any invalid or unusual input), streams through nlohmann/json's SAX
// interface for the located messages; then it resolves references and calls build_index().
// Any problem means no book: the caller's current book stays as it was. Writing uses a fixed
// member order and 2-space indentation, so a second save of a loaded book is byte-identical
// to the first; unknown members are kept.
//
// Usage:
//   arlab::LoadResult r = arlab::read_book_json(text);
//   if (!r.ok) std::cerr << arlab::format_problems("book.json", r.problems);
//   std::string out = arlab::write_book_json(r.book);
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"

namespace arlab {

struct LoadResult {
  bool ok = false;
  Book book;                      // Valid (index built) only when ok.
  std::vector<Problem> problems;  // Places like "payments[3].allocations[0].amount".
};

LoadResult read_book_json(std::string_view text);
// Same result; reads the text in place when it has kJsonPadding (64) spare bytes of capacity
// (read_file leaves them), else may grow its capacity. The contents stay as they were.
LoadResult read_book_json(std::string& text);
std::string write_book_json(const Book& book);

// "book.json: invoices[12].amount: negative amount -5.00\n" one line a problem; a problem
// with no place prints as "book.json: message".
std::string format_problems(std::string_view file_name, const std::vector<Problem>& problems);

// Appends `s` as a JSON string literal (quotes, escapes; UTF-8 kept as is), as dump() does.
void append_json_string(std::string& out, std::string_view s);

}  // namespace arlab
