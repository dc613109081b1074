// json_text.cpp: what the JSON readers of io/ share (io/json_text.h).
//
// [SECTION] Values in messages
// [SECTION] The scan before nlohmann
// [SECTION] Parse errors as problems
// [SECTION] Paths and check_json
#include "io/json_text.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "io/book_json.h"

namespace arlab {

// =========================================================================================
// [SECTION] Values in messages
// =========================================================================================

namespace {

// Bytes a terminal would garble (controls, and anything not ASCII) as \xNN.
void append_printable(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
}

// nlohmann's last token, shown: its first kJsonShownMax bytes, printable; when cut (or only
// the start of a longer token), then "..." and the token's length.
std::string shown_token(std::string_view token, size_t total_size) {
  std::string out;
  append_printable(out, token.substr(0, std::min(token.size(), kJsonShownMax)));
  if (token.size() <= kJsonShownMax && total_size == token.size()) return "'" + out + "'";
  return "'" + out + "...'" + length_note(total_size);
}

}  // namespace

std::string json_quoted(std::string_view s) {
  std::string out;
  size_t n = shown_size(s);
  append_json_string(out, s.substr(0, n));
  if (n == s.size()) return out;
  out.insert(out.size() - 1, "...");
  return out + length_note(s.size());
}

std::string json_shown(std::string_view s) { return shown(s); }

std::string json_path_key(std::string_view key) {
  return key.empty() ? std::string("\"\"") : json_shown(key);
}

std::string json_line_column(std::string_view text, size_t byte) {
  std::string_view read = text.substr(0, std::min(byte, text.size()));
  size_t line = 1 + static_cast<size_t>(std::count(read.begin(), read.end(), '\n'));
  size_t newline = read.rfind('\n');
  size_t column = newline == std::string_view::npos ? byte : byte - newline - 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// =========================================================================================
// [SECTION] The scan before nlohmann
// =========================================================================================

// Strings end at the first '"' not escaped by '\', as nlohmann reads them; brackets count
// outside strings. Up to nlohmann's first error both see the same strings and brackets, so
// where the scan stops nlohmann would have gone deeper, or into the unclosed string.
JsonScan scan_json(std::string_view text) {
  JsonScan scan;
  scan.text = text;
  scan.parsed_size = text.size();
  const char* p = text.data();
  const size_t n = text.size();
  int depth = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = p[i];
    if (c == '"') {
      size_t open = i;
      for (++i; i < n && p[i] != '"'; ++i) {
        if (p[i] == '\\') ++i;
      }
      if (i >= n) {
        scan.stop = JsonScan::Stop::Unclosed;
        scan.stop_at = open;
        scan.parsed_size = open + 1;  // nlohmann reads the quote, then meets the end.
        return scan;
      }
    } else if (c == '[' || c == '{') {
      if (++depth > kJsonDepthMax) {
        scan.stop = JsonScan::Stop::Deep;
        scan.stop_at = i;
        scan.parsed_size = i;
        return scan;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return scan;
}

// =========================================================================================
// [SECTION] Parse errors as problems
// =========================================================================================

namespace {

constexpr std::string_view kLastRead = "; last read: ";

// nlohmann's text without "[json.exception.parse_error.101] parse error at line 3, column
// 7: ", with that place in *place (when it has one).
std::string_view strip_prefix(std::string_view what, std::string* place) {
  if (!what.empty() && what[0] == '[') {
    size_t end = what.find("] ");
    if (end != std::string_view::npos) what.remove_prefix(end + 2);
  }
  constexpr std::string_view kAt = "parse error at ";
  if (what.substr(0, kAt.size()) == kAt) {
    size_t colon = what.find(": ");
    if (colon != std::string_view::npos) {
      *place = std::string(what.substr(kAt.size(), colon - kAt.size()));
      what.remove_prefix(colon + 2);
    }
  } else if (what.substr(0, 13) == "parse error: ") {
    what.remove_prefix(13);
  }
  return what;
}

// A syntax error: "<what> (byte N)" with its last token shown bounded and printable.
// `shown` replaces the token (the unclosed string's, from the whole text).
std::string syntax_message(std::string_view what, std::string_view token, size_t byte,
                           const std::string* shown) {
  std::string message;
  size_t at = token.empty() ? std::string_view::npos : what.find(kLastRead);
  if (at != std::string_view::npos && what.size() >= at + kLastRead.size() + token.size() + 2) {
    size_t after = at + kLastRead.size() + 1 + token.size() + 1;  // 'token'
    append_printable(message, what.substr(0, at + kLastRead.size()));
    message += shown ? *shown : shown_token(token, token.size());
    append_printable(message, what.substr(after));
  } else {
    append_printable(message, what.substr(0, std::min<size_t>(what.size(), 200)));
  }
  return message + " (byte " + std::to_string(byte) + ")";
}

// The unclosed string as nlohmann's last token would show it: '"' and the text to the
// end, control characters as <U+000A>.
std::string unclosed_token(std::string_view text, size_t quote) {
  std::string token;
  size_t i = quote;
  for (; i < text.size() && token.size() <= kJsonShownMax; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c <= 0x1F) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "<U+%.4X>", c);
      token += buf;
    } else {
      token += static_cast<char>(c);
    }
  }
  return shown_token(token, i == text.size() ? token.size() : text.size() - quote);
}

}  // namespace

Problem json_parse_problem(const JsonScan& scan, size_t byte, std::string_view token, int id,
                           std::string_view what, const std::string& path) {
  std::string place;
  what = strip_prefix(what, &place);
  if (byte > scan.parsed_size && scan.stop == JsonScan::Stop::Deep) {
    size_t at = scan.stop_at + 1;  // The bracket read.
    return {json_line_column(scan.text, at), "nesting deeper than " +
                                                 std::to_string(kJsonDepthMax) + " levels (byte " +
                                                 std::to_string(at) + ")"};
  }
  if (byte > scan.parsed_size && scan.stop == JsonScan::Stop::Unclosed) {
    // nlohmann read the quote and met the end: "... - invalid string: missing closing quote;
    // last read: '"'". The real end is the text's.
    size_t at = scan.text.size() + 1;
    std::string shown = unclosed_token(scan.text, scan.stop_at);
    return {json_line_column(scan.text, at), syntax_message(what, token, at, &shown)};
  }
  if (id == 406) {  // "number overflow parsing '1e309'": beyond a double.
    std::string where = json_line_column(scan.text, byte);
    std::string message = "number out of range: " + json_shown(token);
    if (path.empty()) return {where, message + " (byte " + std::to_string(byte) + ")"};
    return {path, message + " (" + where + ", byte " + std::to_string(byte) + ")"};
  }
  if (place.empty()) place = json_line_column(scan.text, byte);
  return {place, syntax_message(what, token, byte, nullptr)};
}

// =========================================================================================
// [SECTION] Paths and check_json
// =========================================================================================

std::string JsonPath::str() const {
  std::string out;
  for (const Frame& f : frames_) {
    if (f.array) {
      out += '[' + std::to_string(f.index) + ']';
    } else {
      if (!out.empty()) out += '.';
      out += json_path_key(f.key);
    }
  }
  // Deep in cut keys, a path could reach kJsonDepthMax x 60 bytes: its end says the most.
  constexpr size_t kPathMax = 160, kTailMax = 120;
  if (out.size() <= kPathMax) return out;
  size_t cut = out.find_first_of(".[", out.size() - kTailMax);
  if (cut == std::string::npos) cut = out.size() - kTailMax;
  return "..." + out.substr(cut + (out[cut] == '.' ? 1 : 0));
}

namespace {

// Syntax, nesting and numbers by the guard; duplicate members here.
struct CheckSax {
  using json = nlohmann::json;
  std::vector<Problem>* problems;
  bool duplicates;
  JsonPath path;
  std::vector<std::set<std::string>> keys;  // Per open object (empty for arrays).

  void add(std::string place, std::string message) {
    if (problems->size() >= kProblemsMax) return;
    problems->push_back({std::move(place), std::move(message)});
  }
  bool value() {
    path.next();
    return true;
  }
  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const std::string&) { return value(); }
  bool string(std::string&) { return value(); }
  bool binary(json::binary_t&) { return value(); }
  bool start(bool array) {
    path.open(array);
    if (duplicates) keys.emplace_back();
    return true;
  }
  bool start_object(size_t) { return start(false); }
  bool start_array(size_t) { return start(true); }
  bool end() {
    path.close();
    if (duplicates) keys.pop_back();
    return value();
  }
  bool end_object() { return end(); }
  bool end_array() { return end(); }
  bool key(std::string& k) {
    path.key(k);
    if (duplicates && !keys.back().insert(k).second) {
      add(path.str(), "is given twice (one value per member)");
    }
    return true;
  }
  std::string value_place() const { return path.str(); }
  void parse_error(Problem p) { add(std::move(p.place), std::move(p.message)); }
};

}  // namespace

bool check_json(std::string_view text, bool duplicates, std::vector<Problem>* problems) {
  CheckSax sax{problems, duplicates, {}, {}};
  return json_sax_parse(text, &sax);
}

void check_known_members(const nlohmann::json& obj, const std::string& path,
                         std::initializer_list<const char*> known,
                         std::vector<Problem>* problems) {
  for (const auto& item : obj.items()) {
    const std::string& key = item.key();
    if (std::any_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
      continue;
    if (problems->size() >= kProblemsMax) return;
    std::string list;
    for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    const std::string place = path.empty() ? json_path_key(key) : path + "." + json_path_key(key);
    problems->push_back({place, "unknown member (known here: " + list + ")"});
  }
}

bool parse_json_object(std::string_view text, std::string_view what, nlohmann::json* out,
                       std::vector<Problem>* problems) {
  const size_t before = problems->size();
  if (!check_json(text, /*duplicates=*/true, problems) || problems->size() > before) return false;
  *out = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded() || !out->is_object()) {
    problems->push_back({"", "not a JSON object (" + std::string(what) + ")"});
    return false;
  }
  return true;
}

std::string json_described(const nlohmann::json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_string()) return json_quoted(v.get_ref<const std::string&>());
  return json_shown(v.dump());
}

}  // namespace arlab
