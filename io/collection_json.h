// collection_json.h: the "collection" member of a book (arlab-book/2): the collection policy
// and the case file's records (core/casefile.h; docs/FORMAT.md, "collection").
//
// Both book readers capture the member's text as it stands; read_collection_json parses it
// once the ledger's ids are known (records name customers, invoices and write-offs by id),
// with places such as "collection.records[3].until". The writer appends it after the budget
// in a fixed order, one record a line, so saves stay byte-stable.
//
// Usage (io/book_json.cpp does this):
//   read_collection_json(captured_text, book, &problems);  // before build_index
//   append_collection_json(out, book);                      // nothing when empty
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"

namespace arlab {

// Fills book.collection from the member's JSON text. Needs the id hashes (index_ids).
// Returns false with located problems; the caller then drops the book.
bool read_collection_json(std::string_view text, Book& book, std::vector<Problem>* problems);

// `,\n  "collection": {...}` when the book has a policy or records; nothing otherwise.
void append_collection_json(std::string& out, const Book& book);

// One record as a JSON object on one line (the writer's form; also the app's copy text).
std::string case_record_json(const Book& book, const CaseRecord& r);

}  // namespace arlab
