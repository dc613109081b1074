// json_text.h: what the JSON readers of io/ share (internal to io/): the nesting limit, values
// cut to a bounded length in messages, nlohmann's parse errors as located problems, and the
// path of the value a SAX handler is reading.
//
// Every reader (books: book_json.cpp; commission plans and paid statements:
// commission_plan.cpp; CSV mappings: csv_import.cpp) parses with json_sax_parse. It looks at
// the text once first (scan_json) and hands nlohmann only the part before an object or array
// nested deeper than kJsonDepthMax and before the body of a string that never closes, so
// that neither costs more than a few bytes of memory (nlohmann would keep a stack entry per
// level and a copy of the string in its token, its message and its exception). The handler's
// parse_error then gets one Problem that says what and where, bounded in length:
//
//   line 1, column 115: nesting deeper than 64 levels (byte 115)
//   line 4, column 104857612: syntax error while parsing value - invalid string: missing
//     closing quote; last read: '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' (104857601
//     bytes) (byte 104857663)
//   invoices[0].amount: number out of range: 1e309 (line 5, column 83, byte 178)
//
// Usage:
//   struct Sax {                           // nlohmann's SAX callbacks, and two more:
//     ...
//     std::string value_place() const;     // path of the value being read ("" if none)
//     void parse_error(Problem p);         // the one problem of a parse that stopped
//   };
//   Sax sax;
//   bool parsed = arlab::json_sax_parse(text, &sax);
//
// Tests Status: tests/errors (deep_nesting, number_out_of_range, unclosed_string, long_*),
// tests/cli/hostile-files.test, tests/cli/hostile_memory.py (peak memory), the fuzzers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/book.h"
#include "core/text.h"

namespace arlab {

constexpr int kJsonDepthMax = 64;     // Objects and arrays nested deeper are refused.
constexpr size_t kJsonShownMax = kShownMax;  // Bytes of a value shown in a message (core/text.h).

// ---- Values in messages ------------------------------------------------------------------
// `s` as a JSON string literal; longer than kJsonShownMax bytes, cut at a character
// boundary with its length: "aaaa..." (1234 bytes).
std::string json_quoted(std::string_view s);
// Raw text (a number's digits) cut the same way, without quotes: 1000...(1000001 bytes).
std::string json_shown(std::string_view s);
// A member's name in a place ("gates.sales_target.S1"): shown as json_shown, "" if empty.
std::string json_path_key(std::string_view key);
// nlohmann's way of counting: line (1-based) and column (characters read on that line) of
// the point after `byte` characters were read: "line 3, column 7".
std::string json_line_column(std::string_view text, size_t byte);

// ---- Parsing -----------------------------------------------------------------------------
// What nlohmann may read of a text: all of it, or the part before a too deep '[' / '{' or
// up to the opening quote of a string that never closes.
struct JsonScan {
  enum class Stop : uint8_t { None, Deep, Unclosed };
  std::string_view text;
  size_t parsed_size = 0;  // nlohmann reads text[0, parsed_size).
  Stop stop = Stop::None;
  size_t stop_at = 0;  // Byte index of that bracket or quote.
};
JsonScan scan_json(std::string_view text);

// The problem for nlohmann's parse error after `byte` characters of scan.parsed_size: a
// syntax error (place "line L, column C"), a nesting or unclosed string where the scan
// stopped nlohmann, or a number out of range (406), placed at `path` when not empty.
// `token` is nlohmann's last token, `what` its message; both may be any length.
Problem json_parse_problem(const JsonScan& scan, size_t byte, std::string_view token, int id,
                           std::string_view what, const std::string& path);

// Forwards nlohmann's SAX events to `sax` and turns its parse error into one Problem.
template <class Sax>
struct JsonSaxGuard {
  using json = nlohmann::json;
  Sax& sax;
  const JsonScan& scan;
  bool null() { return sax.null(); }
  bool boolean(bool v) { return sax.boolean(v); }
  bool number_integer(json::number_integer_t v) { return sax.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return sax.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) {
    return sax.number_float(v, s);
  }
  bool string(json::string_t& v) { return sax.string(v); }
  bool binary(json::binary_t& v) { return sax.binary(v); }
  bool start_object(size_t n) { return sax.start_object(n); }
  bool key(json::string_t& k) { return sax.key(k); }
  bool end_object() { return sax.end_object(); }
  bool start_array(size_t n) { return sax.start_array(n); }
  bool end_array() { return sax.end_array(); }
  bool parse_error(size_t byte, const std::string& token, const nlohmann::detail::exception& e) {
    std::string path = e.id == 406 ? sax.value_place() : std::string();
    sax.parse_error(json_parse_problem(scan, byte, token, e.id, e.what(), path));
    return false;
  }
};

// nlohmann::json::sax_parse of `text` (strict: one value, nothing after it) through
// scan_json and JsonSaxGuard. False when the parse stopped (a parse error, or a handler
// returned false).
template <class Sax>
bool json_sax_parse(std::string_view text, Sax* sax) {
  JsonScan scan = scan_json(text);
  JsonSaxGuard<Sax> guard{*sax, scan};
  return nlohmann::json::sax_parse(text.data(), text.data() + scan.parsed_size, &guard);
}

// ---- Paths -------------------------------------------------------------------------------
// The path of the value a SAX handler is reading ("tiers[1].from", "salespeople[0].lines[3]"):
// one frame per open object or array, at most kJsonDepthMax of them under json_sax_parse.
// Call `key` for each key, `open` / `close` for each object or array, `next` after each
// complete value (a scalar or a closed object or array).
class JsonPath {
 public:
  void open(bool array) { frames_.push_back(Frame{array, 0, {}}); }
  void close() { frames_.pop_back(); }
  void key(std::string_view k) { frames_.back().key.assign(k); }
  void next() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  size_t depth() const { return frames_.size(); }  // 1 inside the top object.
  // The current key of the frame at `level` (1 = the top object), "" in an array.
  std::string_view key_at(size_t level) const { return frames_[level - 1].key; }
  size_t index_at(size_t level) const { return frames_[level - 1].index; }
  bool array_at(size_t level) const { return frames_[level - 1].array; }
  // The place of the value being read; keys longer than kJsonShownMax are cut, and a path
  // longer than 160 bytes keeps its last members after "...".
  std::string str() const;

 private:
  struct Frame {
    bool array = false;
    size_t index = 0;
    std::string key;
  };
  std::vector<Frame> frames_;
};

// One pass over a text for the DOM readers (plans, mappings): syntax, nesting and numbers
// (one located problem, then false) and, with `duplicates`, a member given twice in one
// object ("PATH: is given twice (one value per member)", parsing goes on). At most
// kProblemsMax problems are added.
bool check_json(std::string_view text, bool duplicates, std::vector<Problem>* problems);

// The opening of every strict DOM reader (policies, requests, scenarios, moves, answers, rule
// policies, results): check_json with members given twice, the parse, and an object at the
// top. False with the problems; a text that is JSON but no object gets the one place-less
// problem "not a JSON object (WHAT)", WHAT saying what the file should be.
bool parse_json_object(std::string_view text, std::string_view what, nlohmann::json* out,
                       std::vector<Problem>* problems);

// "an object", "an array", a string quoted and cut, or a scalar's JSON text, cut.
std::string json_described(const nlohmann::json& v);

// For the strict DOM readers (plans, policies, requests): each member of `obj` not among
// `known` is "PATH.KEY: unknown member (known here: a, b, ...)" (the key cut, json_path_key;
// no "PATH." at the top), at most kProblemsMax problems in all.
void check_known_members(const nlohmann::json& obj, const std::string& path,
                         std::initializer_list<const char*> known,
                         std::vector<Problem>* problems);

}  // namespace arlab
