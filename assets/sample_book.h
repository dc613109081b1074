// sample_book.h: the sample book (assets/sample-book.json), embedded at build time so the
// app opens on a realistic book with no file access (browser and desktop alike).
//
// Usage:
//   arlab::LoadResult r = arlab::read_book_json(arlab::sample_book_json());
#pragma once
#include <string_view>

namespace arlab {

std::string_view sample_book_json();  // The bytes of assets/sample-book.json, not 0-terminated.

}  // namespace arlab
