// fuzz_book_json_diff.cpp: differential libFuzzer target for the two book readers
// (io/book_json_fast.h): the simdjson reader either declines an input or gives exactly the
// nlohmann SAX reader's result (same problems, same book, same string pool, same save), and
// read_book_json in both forms always gives the SAX result. Any difference aborts.
//   build-X/fuzz/fuzz_book_json_diff -dict=fuzz/book.dict CORPUS fuzz/corpus tests/cli/books
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "io/book_json.h"
#include "io/book_json_fast.h"

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_book_json_diff: readers differ: %s\n", what);
  __builtin_trap();
}

void require_same(const arlab::LoadResult& got, const arlab::LoadResult& sax) {
  require(got.ok == sax.ok, "ok");
  require(arlab::format_problems("f", got.problems) == arlab::format_problems("f", sax.problems),
          "problems");
  require(got.book.strings == sax.book.strings, "string pool");
  require(got.book.minor_digits == sax.book.minor_digits, "minor digits");
  require(got.book.extras.size() == sax.book.extras.size(), "extras");
  require(got.book.invoices.size() == sax.book.invoices.size(), "invoices");
  if (got.ok) require(arlab::write_book_json(got.book) == arlab::write_book_json(sax.book), "save");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const arlab::LoadResult sax = arlab::read_book_json_sax(text);
  arlab::LoadResult fast;
  if (arlab::read_book_json_fast(text, &fast)) require_same(fast, sax);
  require_same(arlab::read_book_json(text), sax);
  std::string in_place(text);
  require_same(arlab::read_book_json(in_place), sax);
  require(in_place == text, "text changed");
  return 0;
}
