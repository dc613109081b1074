#include "io/file_kind.h"

#include <algorithm>
#include <vector>

#include "core/text.h"
#include "io/json_text.h"

namespace arlab {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Files people drop by mistake, by their first bytes.
const char* binary_kind(std::string_view text) {
  const std::pair<std::string_view, const char*> magic[] = {
      {"\x89PNG", "a PNG image"},
      {"\xFF\xD8\xFF", "a JPEG image"},
      {"GIF8", "a GIF image"},
      {"%PDF", "a PDF document"},
      {std::string_view("PK\x03\x04", 4),
       "a ZIP archive (an Excel or OpenDocument spreadsheet is one: save the sheet as CSV)"},
      {std::string_view("\xD0\xCF\x11\xE0", 4), "an old Office document (save it as CSV)"}};
  for (const auto& [bytes, kind] : magic) {
    if (starts_with(text, bytes)) return kind;
  }
  if (text.substr(0, 4096).find('\0') != std::string_view::npos) return "binary data, not text";
  return nullptr;
}

// The top-level members of a JSON object and its "format", read with the readers' guards.
struct TopMembers {
  std::vector<std::string> keys;
  std::string format;
  int depth = 0;
  bool format_next = false;
  bool object = false;
  using json = nlohmann::json;
  bool value() {
    format_next = false;
    return true;
  }
  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return value(); }
  bool string(json::string_t& s) {
    if (format_next) format = s;
    return value();
  }
  bool binary(json::binary_t&) { return value(); }
  bool start_object(size_t) {
    if (depth == 0) object = true;
    format_next = false;
    ++depth;
    return true;
  }
  bool key(json::string_t& k) {
    if (depth == 1) {
      keys.push_back(k);
      format_next = k == "format";
    }
    return true;
  }
  bool end_object() { return --depth, true; }
  bool start_array(size_t) {
    format_next = false;
    return ++depth, true;
  }
  bool end_array() { return --depth, true; }
  std::string value_place() const { return ""; }
  void parse_error(Problem) {}
};

std::string members_list(const std::vector<std::string>& keys) {
  std::string out;
  size_t shown_count = std::min<size_t>(keys.size(), 5);
  for (size_t k = 0; k < shown_count; ++k) out += (k ? ", " : "") + arlab::quoted(keys[k]);
  if (keys.size() > shown_count) out += " and " + std::to_string(keys.size() - shown_count) + " more";
  return out;
}

std::string json_object_kind(std::string_view text) {
  TopMembers top;
  if (!json_sax_parse(text, &top)) {
    return "it starts like JSON but is not valid JSON, and it names no invoices or customers";
  }
  if (!top.format.empty()) {
    return "it is a JSON file of the format " + arlab::quoted(top.format) +
           ", not an arlab book (\"arlab-book/2\")";
  }
  if (top.keys.empty()) return "it is an empty JSON object";
  return "it is a JSON object without \"invoices\" or \"customers\" (its members: " +
         members_list(top.keys) + ")";
}

}  // namespace

std::string not_a_book(std::string_view text) {
  if (const char* kind = binary_kind(text)) return std::string("it is ") + kind;
  std::string_view rest = text;
  if (starts_with(rest, "\xEF\xBB\xBF")) rest.remove_prefix(3);  // A UTF-8 byte order mark.
  size_t first = rest.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "the file is empty";
  rest.remove_prefix(first);
  switch (rest[0]) {
    case '{':
      // Training files hold a book or speak of invoices, but are no book (docs/TRAINING.md).
      if (has_json_format(rest, "arlab-scenario/1"))
        return "it is a training scenario (\"arlab-scenario/1\"): open it in the Training page "
               "or play it with arlab train";
      for (std::string_view marker : {"\"invoices\"", "\"customers\"", "arlab-book"}) {
        if (rest.find(marker) != std::string_view::npos) return "";
      }
      return json_object_kind(rest);
    case '[': return "it is a JSON list, not a JSON object with a book's members";
    case '<': return "it is HTML or XML, not JSON";
    default: break;
  }
  std::string_view line = rest.substr(0, rest.find_first_of("\r\n"));
  return "it is text, not JSON: it starts with " + arlab::quoted(line);
}

std::string json_format(std::string_view text) {
  TopMembers top;
  if (!json_sax_parse(text, &top) || !top.object) return "";
  return top.format;
}

bool has_json_format(std::string_view text, std::string_view format) {
  std::string needle(1, '"');  // Appended, not "+": GCC 12 warns of "\"" + std::string.
  needle.append(format).push_back('"');
  if (text.find(needle) == std::string_view::npos) return false;
  return json_format(text) == format;
}

}  // namespace arlab
