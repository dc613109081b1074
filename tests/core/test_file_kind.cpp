// test_file_kind.cpp: files that are no arlab book, said in plain words (io/file_kind.h).
#include <doctest/doctest.h>

#include <string>

#include "io/file_kind.h"

using arlab::not_a_book;

TEST_SUITE("io") {

TEST_CASE("not_a_book: what a file that cannot be a book is") {
  CHECK(not_a_book(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)) == "it is a PNG image");
  CHECK(not_a_book("\xFF\xD8\xFF\xE0 JFIF") == "it is a JPEG image");
  CHECK(not_a_book("%PDF-1.7\n") == "it is a PDF document");
  CHECK(not_a_book(std::string("PK\x03\x04\x14\0", 6)).find("a ZIP archive") == 6);
  CHECK(not_a_book(std::string("ab\0cd", 5)) == "it is binary data, not text");
  CHECK(not_a_book("") == "the file is empty");
  CHECK(not_a_book(" \n\t") == "the file is empty");
  CHECK(not_a_book("Dear Sir,\nPlease pay.") ==
        "it is text, not JSON: it starts with \"Dear Sir,\"");
  CHECK(not_a_book("<html><body>") == "it is HTML or XML, not JSON");
  CHECK(not_a_book("[1, 2]") == "it is a JSON list, not a JSON object with a book's members");
  CHECK(not_a_book("{}") == "it is an empty JSON object");
  CHECK(not_a_book(R"({"name": "x", "version": "1.0", "a": 1, "b": 2, "c": 3, "d": 4})") ==
        "it is a JSON object without \"invoices\" or \"customers\" (its members: \"name\", "
        "\"version\", \"a\", \"b\", \"c\" and 1 more)");
  CHECK(not_a_book(R"({"format": "other/2", "x": {"format": "inner"}})") ==
        "it is a JSON file of the format \"other/2\", not an arlab book (\"arlab-book/2\")");
  CHECK(not_a_book("{\"name\": ") ==
        "it starts like JSON but is not valid JSON, and it names no invoices or customers");
  // A long first line is cut, with its length.
  std::string long_line(100, 'x');
  CHECK(not_a_book(long_line).find("(100 bytes)") != std::string::npos);
}

TEST_CASE("not_a_book: books, broken ones too, go to the book reader") {
  CHECK(not_a_book(R"({"format": "arlab-book/1"})").empty());
  CHECK(not_a_book("\xEF\xBB\xBF  {\"customers\": []}").empty());  // A byte order mark.
  CHECK(not_a_book(R"({"invoices": [ {"id": )").empty());  // Broken: the reader locates it.
  CHECK(not_a_book(R"({"currency": "USD", "customers": [)").empty());
}

}  // TEST_SUITE
