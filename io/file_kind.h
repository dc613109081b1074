// file_kind.h: a file opened as a book that is no arlab file at all, said in plain words.
//
// app::open_file_text routes commission plans, paid statements, CSVs and mappings by their
// names and formats; whatever is left is read as a book. A book with a mistake deserves the
// book reader's located problems ("invoices[3].amount: ..."); a photo, a letter or another
// program's JSON does not: for those this says what the file looks like instead of what the
// JSON parser tripped on.
//
// Usage:
//   std::string what = arlab::not_a_book(text);
//   if (!what.empty()) show(name + " is not an arlab book, ...: " + what);
//   // "it is a PNG image", "it is text, not JSON: it starts with \"Dear Sir,\"",
//   // "it is a JSON object without \"invoices\" or \"customers\" (its members: \"name\")"
//
// Tests: tests/core/test_file_kind.cpp (suite "io").
#pragma once
#include <string>
#include <string_view>

namespace arlab {

// "" when the text may be a book: a JSON object that names "invoices", "customers" or the
// book format anywhere (found as text, without parsing, so that a broken book still gets the
// book reader's line and column, and a big book costs one scan). Otherwise what it is: empty,
// an image, a PDF, a ZIP archive (a spreadsheet), other binary data, HTML or XML, plain text,
// a JSON list, a JSON object of another format or without a book's members, or text that
// starts like JSON but is not valid JSON.
std::string not_a_book(std::string_view text);

// The top-level "format" member of a JSON object ("arlab-scenario/1"); "" when the text is
// not a JSON object or names none. A training scenario holds a book under "book" (so it names
// "invoices" and not_a_book lets it through): its format routes it to the Training tab before
// it could be read as a book, and not_a_book names it for what it is ("it is a training
// scenario ..."). It parses the whole text: call it on files that name the format somewhere
// (has_json_format searches the text first).
std::string json_format(std::string_view text);
// True when `format` ("arlab-scenario/1") appears quoted in the text and
// json_format(text) is it: the cheap search first, the parse only then.
bool has_json_format(std::string_view text, std::string_view format);

}  // namespace arlab
