// csv_import.cpp: CSV reading, the column mapping and the import of rows as invoices.
//
// [SECTION] CSV reader (RFC 4180)
// [SECTION] Dates and amounts
// [SECTION] Mapping (JSON)
// [SECTION] Import
#include "io/csv_import.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/money.h"
#include "io/book_json.h"
#include "io/json_text.h"  // json_quoted: values in messages, cut after 40 bytes

namespace arlab {

namespace {

std::string line_place(uint32_t line) { return "line " + std::to_string(line); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

// =========================================================================================
// [SECTION] CSV reader (RFC 4180)
// =========================================================================================

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 (overlongs and surrogates rejected).
size_t utf8_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // Overlong.
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // Surrogate.
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;
    return 4;
  }
  return 0;
}

// The line of the first byte that is not UTF-8 (or a NUL), or 0 when the text is clean.
uint32_t first_bad_utf8_line(std::string_view s) {
  uint32_t line = 1;
  for (size_t i = 0; i < s.size();) {
    size_t n = s[i] == '\0' ? 0 : utf8_length(s, i);
    if (n == 0) return line;
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++line;
    i += n;
  }
  return 0;
}

class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter) : s_(text), delimiter_(delimiter) {}

  // Reads every record; false (with *problem) on the first syntax error.
  bool read_all(std::vector<CsvRecord>* records, Problem* problem) {
    while (i_ < s_.size()) {
      if (at_line_end()) {  // A blank line.
        skip_line_end();
        continue;
      }
      CsvRecord record;
      record.line = line_;
      if (!read_record(&record, problem)) return false;
      records->push_back(std::move(record));
    }
    return true;
  }

 private:
  bool at_line_end() const { return s_[i_] == '\n' || s_[i_] == '\r'; }

  void skip_line_end() {
    if (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
    ++i_;
    ++line_;
  }

  bool read_record(CsvRecord* record, Problem* problem) {
    for (;;) {
      record->fields.emplace_back();
      std::string* field = &record->fields.back();
      bool ok = i_ < s_.size() && s_[i_] == '"' ? read_quoted(field, problem)
                                                : read_plain(field, problem);
      if (!ok) return false;
      if (i_ == s_.size()) return true;
      if (at_line_end()) {
        skip_line_end();
        return true;
      }
      ++i_;  // The delimiter (read_quoted and read_plain stop only there).
    }
  }

  bool read_plain(std::string* field, Problem* problem) {
    size_t start = i_;
    while (i_ < s_.size() && s_[i_] != delimiter_ && !at_line_end()) {
      if (s_[i_] == '"') {
        *problem = {line_place(line_), "a double quote inside an unquoted field (a field "
                                       "that holds quotes must be quoted, with quotes doubled)"};
        return false;
      }
      ++i_;
    }
    field->assign(s_.substr(start, i_ - start));
    return true;
  }

  bool read_quoted(std::string* field, Problem* problem) {
    uint32_t opened = line_;
    ++i_;  // The opening quote.
    for (;;) {
      if (i_ == s_.size()) {
        *problem = {line_place(opened), "a quoted field is not closed before the end of the file"};
        return false;
      }
      char c = s_[i_];
      if (c == '"' && i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
        field->push_back('"');
        i_ += 2;
      } else if (c == '"') {
        ++i_;
        break;
      } else if (c == '\n' || c == '\r') {
        skip_line_end();  // A line break inside a field is kept as "\n".
        field->push_back('\n');
      } else {
        field->push_back(c);
        ++i_;
      }
    }
    if (i_ < s_.size() && s_[i_] != delimiter_ && !at_line_end()) {
      *problem = {line_place(line_), "text after the closing quote of a quoted field"};
      return false;
    }
    return true;
  }

  std::string_view s_;
  char delimiter_;
  size_t i_ = 0;
  uint32_t line_ = 1;
};

}  // namespace

bool parse_csv(std::string_view text, char delimiter, std::vector<CsvRecord>* records,
               std::vector<Problem>* problems) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark.
  if (uint32_t bad = first_bad_utf8_line(text)) {
    problems->push_back({line_place(bad), "the file is not UTF-8 text (export it as UTF-8 CSV)"});
    return false;
  }
  Problem problem;
  if (CsvReader(text, delimiter).read_all(records, &problem)) return true;
  problems->push_back(problem);
  return false;
}

// =========================================================================================
// [SECTION] Dates and amounts
// =========================================================================================

const char* csv_date_format_name(CsvDateFormat format) {
  switch (format) {
    case CsvDateFormat::Iso: return "YYYY-MM-DD";
    case CsvDateFormat::MonthDayYear: return "M/D/YYYY";
    case CsvDateFormat::DayMonthYear: return "D/M/YYYY";
    case CsvDateFormat::DayMonthYearDots: return "D.M.YYYY";
  }
  return "?";
}

namespace {

// Reads 1..max_digits digits (exactly `max_digits` when `exact`) at text[*i].
bool read_number(std::string_view text, size_t* i, int max_digits, bool exact, int32_t* out) {
  int digits = 0;
  int32_t v = 0;
  while (*i < text.size() && text[*i] >= '0' && text[*i] <= '9' && digits < max_digits) {
    v = v * 10 + (text[(*i)++] - '0');
    ++digits;
  }
  *out = v;
  return exact ? digits == max_digits : digits > 0;
}

}  // namespace

bool parse_csv_date(std::string_view text, CsvDateFormat format, Date* out) {
  text = trim(text);
  if (format == CsvDateFormat::Iso) return parse_date(text, out);
  char sep = format == CsvDateFormat::DayMonthYearDots ? '.' : '/';
  int32_t first = 0, second = 0, year = 0;
  size_t i = 0;
  auto separator = [&] { return i < text.size() && text[i++] == sep; };
  if (!read_number(text, &i, 2, false, &first) || !separator()) return false;
  if (!read_number(text, &i, 2, false, &second) || !separator()) return false;
  if (!read_number(text, &i, 4, true, &year) || i != text.size() || year < 1000) return false;
  int32_t month = format == CsvDateFormat::MonthDayYear ? first : second;
  int32_t day = format == CsvDateFormat::MonthDayYear ? second : first;
  if (!is_valid_ymd(year, month, day)) return false;
  *out = date_from_ymd(year, month, day);
  return true;
}

bool parse_csv_amount(std::string_view text, const CsvMap& map, int minor_digits,
                      int64_t* out_minor, std::string* why) {
  text = trim(text);
  size_t point = text.find(map.decimal_separator);
  std::string_view whole = text.substr(0, point);
  std::string plain;  // The amount as parse_amount reads it: digits, '.', digits.
  if (map.thousands_separator && whole.find(map.thousands_separator) != std::string_view::npos) {
    // Groups of exactly three digits after the first group of one to three.
    size_t start = whole.substr(0, 1) == "-" ? 1 : 0, group = 0;
    plain.assign(whole.substr(0, start));
    for (size_t k = start; k <= whole.size(); ++k) {
      if (k < whole.size() && whole[k] != map.thousands_separator) {
        plain.push_back(whole[k]);
        ++group;
        continue;
      }
      bool first = plain.size() - start == group;
      if (group == 0 || group > 3 || (!first && group != 3)) {
        *why = "has misplaced thousands separators";
        return false;
      }
      group = 0;
    }
  } else {
    plain.assign(whole);
  }
  // Only digits before the decimal separator: "1.234,50" without a thousands separator
  // is not read as 1.23450.
  if (plain.find_first_not_of("0123456789", plain.substr(0, 1) == "-" ? 1 : 0) !=
      std::string::npos) {
    *why = "is not a decimal number";
    return false;
  }
  if (point != std::string_view::npos) {
    plain.push_back('.');
    plain.append(text.substr(point + 1));
  }
  return parse_amount(plain, minor_digits, out_minor, why);
}

// =========================================================================================
// [SECTION] Mapping (JSON)
// =========================================================================================

namespace {

using json = nlohmann::json;

struct MapReader {
  const json& root;
  CsvMap* map;
  std::vector<Problem>* problems;

  void add(std::string place, std::string message) {
    if (problems->size() >= kProblemsMax) return;
    problems->push_back({std::move(place), std::move(message)});
  }

  // A one-character member: the delimiter or a separator ("" allowed when `may_be_empty`).
  void separator(const char* name, const char* allowed, bool may_be_empty, char* out) {
    if (!root.contains(name)) return;
    const json& v = root[name];
    std::string s = v.is_string() ? v.get<std::string>() : "?";
    bool ok = v.is_string() && ((s.empty() && may_be_empty) ||
                                (s.size() == 1 && std::string_view(allowed).find(s[0]) !=
                                                      std::string_view::npos));
    if (!ok) {
      std::string list;
      for (const char* c = allowed; *c; ++c)
        list += (list.empty() ? "" : " ") + json_quoted({c, 1});
      add(name, std::string("must be one of ") + list + (may_be_empty ? " or \"\"" : ""));
      return;
    }
    *out = s.empty() ? 0 : s[0];
  }

  void top_level();
  void columns();
  void keep();
};

void MapReader::top_level() {
  static const char* kKnown[] = {"format",   "currency",           "delimiter",
                                 "date_format", "decimal_separator", "thousands_separator",
                                 "terms_days", "columns",           "keep"};
  for (const auto& item : root.items()) {
    const std::string& key = item.key();  // Not a structured binding: clang 14 can't capture one.
    if (std::find_if(std::begin(kKnown), std::end(kKnown), [&](const char* k) {
          return key == k;
        }) == std::end(kKnown))
      add(json_path_key(key), "unknown member (see docs/IMPORT.md)");
  }
  if (!root.contains("format") || root["format"] != "arlab-csv-map/1")
    add("format", "must be \"arlab-csv-map/1\"");
  if (root.contains("currency")) {
    const json& c = root["currency"];
    std::string s = c.is_string() ? c.get<std::string>() : "";
    bool ok = s.size() == 3 && std::all_of(s.begin(), s.end(), [](char ch) {
      return ch >= 'A' && ch <= 'Z';
    });
    if (ok) map->currency = s;
    else add("currency", "must be an ISO 4217 code of 3 capital letters, like \"USD\"");
  }
  separator("delimiter", ",;\t|", false, &map->delimiter);
  separator("decimal_separator", ".,", false, &map->decimal_separator);
  separator("thousands_separator", ",. '", true, &map->thousands_separator);
  if (map->thousands_separator == map->decimal_separator)
    add("thousands_separator", "must differ from decimal_separator");
  if (root.contains("date_format")) {
    const json& f = root["date_format"];
    bool found = false;
    for (auto fmt : {CsvDateFormat::Iso, CsvDateFormat::MonthDayYear,
                     CsvDateFormat::DayMonthYear, CsvDateFormat::DayMonthYearDots}) {
      if (f.is_string() && f.get<std::string>() == csv_date_format_name(fmt)) {
        map->date_format = fmt;
        found = true;
      }
    }
    if (!found)
      add("date_format", "must be \"YYYY-MM-DD\", \"M/D/YYYY\", \"D/M/YYYY\" or \"D.M.YYYY\"");
  }
  if (root.contains("terms_days")) {
    const json& t = root["terms_days"];
    if (t.is_number_integer() && t.get<int64_t>() >= 0 && t.get<int64_t>() <= 3650)
      map->terms_days = static_cast<int32_t>(t.get<int64_t>());
    else
      add("terms_days", "must be a whole number of days from 0 to 3650");
  }
}

void MapReader::columns() {
  struct Slot { const char* name; std::string* out; bool required; };
  const Slot slots[] = {
      {"invoice_id", &map->invoice_id, true},       {"customer_id", &map->customer_id, true},
      {"customer_name", &map->customer_name, false}, {"invoice_date", &map->invoice_date, true},
      {"due_date", &map->due_date, false},           {"amount", &map->amount, true},
      {"settled_date", &map->settled_date, false},   {"disputed", &map->disputed, false}};
  if (!root.contains("columns") || !root["columns"].is_object()) {
    add("columns", "must be an object naming the CSV column of each field");
    return;
  }
  const json& cols = root["columns"];
  for (const auto& item : cols.items()) {
    const std::string& key = item.key();  // Not a structured binding: clang 14 can't capture one.
    const json& value = item.value();
    auto it = std::find_if(std::begin(slots), std::end(slots), [&](const Slot& s) {
      return key == s.name;
    });
    std::string place = "columns." + json_path_key(key);
    if (it == std::end(slots)) add(place, "unknown field (see docs/IMPORT.md)");
    else if (!value.is_string() || value.get<std::string>().empty())
      add(place, "must be the name of a column in the CSV header");
    else *it->out = value.get<std::string>();
  }
  for (const Slot& s : slots) {
    if (s.required && !cols.contains(s.name)) add(std::string("columns.") + s.name, "is required");
  }
}

void MapReader::keep() {
  if (!root.contains("keep")) return;
  const json& k = root["keep"];
  if (!k.is_array()) {
    add("keep", "must be an array of column names");
    return;
  }
  // Kept columns become invoice members: they must not clash with the known ones.
  static const char* kReserved[] = {"id", "customer", "date", "due", "amount", "disputed"};
  for (size_t i = 0; i < k.size(); ++i) {
    std::string place = "keep[" + std::to_string(i) + "]";
    if (!k[i].is_string() || k[i].get<std::string>().empty()) {
      add(place, "must be the name of a column in the CSV header");
      continue;
    }
    std::string name = k[i].get<std::string>();
    if (std::find(std::begin(kReserved), std::end(kReserved), name) != std::end(kReserved))
      add(place, json_quoted(name) + " is an invoice member of the book format; it cannot be kept");
    else if (std::find(map->keep.begin(), map->keep.end(), name) != map->keep.end())
      add(place, json_quoted(name) + " is listed twice");
    else map->keep.push_back(name);
  }
}

}  // namespace

bool parse_csv_map(std::string_view json_text, CsvMap* out, std::vector<Problem>* problems) {
  if (!check_json(json_text, /*duplicates=*/false, problems)) return false;  // Located.
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    problems->push_back({"", "not a JSON object (see docs/IMPORT.md for the mapping format)"});
    return false;
  }
  size_t before = problems->size();
  MapReader reader{root, out, problems};
  reader.top_level();
  reader.columns();
  reader.keep();
  return problems->size() == before;
}

std::string write_csv_map(const CsvMap& map) {
  std::string out = "{\n  \"format\": \"arlab-csv-map/1\",\n";
  auto member = [&](const char* name, std::string_view value) {
    out += "  \"";
    out += name;
    out += "\": ";
    append_json_string(out, value);
    out += ",\n";
  };
  auto one_char = [](const char& c) { return c ? std::string_view(&c, 1) : std::string_view(); };
  member("currency", map.currency);
  member("delimiter", one_char(map.delimiter));
  member("date_format", csv_date_format_name(map.date_format));
  member("decimal_separator", one_char(map.decimal_separator));
  member("thousands_separator", one_char(map.thousands_separator));
  out += "  \"terms_days\": " + std::to_string(map.terms_days) + ",\n";
  const std::pair<const char*, const std::string*> columns[] = {
      {"invoice_id", &map.invoice_id},     {"customer_id", &map.customer_id},
      {"customer_name", &map.customer_name}, {"invoice_date", &map.invoice_date},
      {"due_date", &map.due_date},         {"amount", &map.amount},
      {"settled_date", &map.settled_date}, {"disputed", &map.disputed}};
  out += "  \"columns\": {";
  bool first = true;
  for (const auto& [name, column] : columns) {
    if (column->empty()) continue;
    out += first ? "\n    \"" : ",\n    \"";
    out += name;
    out += "\": ";
    append_json_string(out, *column);
    first = false;
  }
  out += first ? "}" : "\n  }";
  if (!map.keep.empty()) {
    out += ",\n  \"keep\": [";
    for (size_t i = 0; i < map.keep.size(); ++i) {
      if (i) out += ", ";
      append_json_string(out, map.keep[i]);
    }
    out += "]";
  }
  out += "\n}\n";
  return out;
}

// =========================================================================================
// [SECTION] Import
// =========================================================================================

namespace {

// Column positions of the mapped fields in the header (-1: not mapped).
struct Columns {
  int invoice_id = -1, customer_id = -1, customer_name = -1, invoice_date = -1, due_date = -1,
      amount = -1, settled_date = -1, disputed = -1;
  std::vector<int> keep;
};

class Importer {
 public:
  Importer(const CsvMap& map, CsvImportResult* r) : map_(map), r_(*r), book_(r->book) {}
  bool header(const CsvRecord& header);
  void row(const CsvRecord& rec);
  void finish();

 private:
  bool full() const { return r_.problems.size() >= kProblemsMax; }
  void add(uint32_t line, int column, std::string message) {
    if (full()) return;
    std::string place = line_place(line);
    if (column >= 0) place += ": column " + header_[column];
    r_.problems.push_back({std::move(place), std::move(message)});
  }
  int find_column(const std::string& name, const char* field);
  bool date_cell(const CsvRecord& rec, int column, bool required, Date* out);
  bool amount_cell(const CsvRecord& rec, int64_t* out);
  bool disputed_cell(const CsvRecord& rec, bool* out);
  Index customer(const CsvRecord& rec);
  void add_invoice(const CsvRecord& rec, Index customer, Date date, Date due, int64_t amount,
                   Date settled, bool disputed);

  const CsvMap& map_;
  CsvImportResult& r_;
  Book& book_;
  std::vector<std::string> header_;
  Columns cols_;
  std::unordered_map<std::string, Index> customers_;
  std::unordered_map<std::string, uint32_t> invoice_lines_;  // Invoice id -> its line.
  std::vector<uint32_t> invoice_line_;                       // Per invoice: its CSV line.
  std::vector<uint32_t> payment_line_;                       // Per payment: its CSV line.
};

int Importer::find_column(const std::string& name, const char* field) {
  if (name.empty()) return -1;
  int found = -1;
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] != name) continue;
    if (found >= 0) {
      add(1, static_cast<int>(i), "the header names this column twice");
      return -1;
    }
    found = static_cast<int>(i);
  }
  if (found < 0 && !full()) {
    r_.problems.push_back({"line 1: column " + name, std::string("not in the header (mapped as ") +
                                                         field + ")"});
  }
  return found;
}

bool Importer::header(const CsvRecord& rec) {
  for (const std::string& f : rec.fields) header_.emplace_back(trim(f));
  size_t before = r_.problems.size();
  cols_.invoice_id = find_column(map_.invoice_id, "columns.invoice_id");
  cols_.customer_id = find_column(map_.customer_id, "columns.customer_id");
  cols_.customer_name = find_column(map_.customer_name, "columns.customer_name");
  cols_.invoice_date = find_column(map_.invoice_date, "columns.invoice_date");
  cols_.due_date = find_column(map_.due_date, "columns.due_date");
  cols_.amount = find_column(map_.amount, "columns.amount");
  cols_.settled_date = find_column(map_.settled_date, "columns.settled_date");
  cols_.disputed = find_column(map_.disputed, "columns.disputed");
  for (size_t i = 0; i < map_.keep.size(); ++i)
    cols_.keep.push_back(find_column(map_.keep[i], ("keep[" + std::to_string(i) + "]").c_str()));
  return r_.problems.size() == before;
}

bool Importer::date_cell(const CsvRecord& rec, int column, bool required, Date* out) {
  std::string_view text = trim(rec.fields[column]);
  if (text.empty()) {
    if (required) add(rec.line, column, "empty: a date is required");
    return !required;
  }
  if (parse_csv_date(text, map_.date_format, out)) return true;
  add(rec.line, column, "invalid date " + json_quoted(text) + ": expected a calendar date " +
                            csv_date_format_name(map_.date_format));
  return false;
}

bool Importer::amount_cell(const CsvRecord& rec, int64_t* out) {
  std::string_view text = trim(rec.fields[cols_.amount]);
  std::string why;
  if (text.empty()) why = "is empty";
  else if (!parse_csv_amount(text, map_, book_.minor_digits, out, &why)) {
  } else if (*out <= 0) why = "must be positive";
  else return true;
  add(rec.line, cols_.amount, "amount " + json_quoted(text) + " " + why);
  return false;
}

bool Importer::disputed_cell(const CsvRecord& rec, bool* out) {
  *out = false;
  if (cols_.disputed < 0) return true;
  std::string v(trim(rec.fields[cols_.disputed]));
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* t : {"yes", "y", "true", "1", "x"}) if (v == t) *out = true;
  if (*out) return true;
  for (const char* f : {"no", "n", "false", "0", ""}) if (v == f) return true;
  add(rec.line, cols_.disputed,
      "expected Yes or No (or true/false, 1/0), got " + json_quoted(rec.fields[cols_.disputed]));
  return false;
}

// The customer of a row, added on its first row; kNone after reporting an empty id.
Index Importer::customer(const CsvRecord& rec) {
  std::string id(trim(rec.fields[cols_.customer_id]));
  if (id.empty()) {
    add(rec.line, cols_.customer_id, "empty: a customer id is required");
    return kNone;
  }
  auto [it, added] = customers_.emplace(id, static_cast<Index>(book_.customers.size()));
  if (added) book_.customers.push_back(Customer{id, id, kNone, map_.terms_days, -1, {}});
  Customer& c = book_.customers[it->second];
  // The first non-empty name wins; without a name column the name is the id.
  if (cols_.customer_name >= 0 && c.name == c.id) {
    std::string_view name = trim(rec.fields[cols_.customer_name]);
    if (!name.empty()) c.name = std::string(name);
  }
  return it->second;
}

void Importer::row(const CsvRecord& rec) {
  ++r_.rows;
  if (rec.fields.size() != header_.size()) {
    add(rec.line, -1, "expected " + std::to_string(header_.size()) +
                          " fields as in the header, got " + std::to_string(rec.fields.size()));
    return;
  }
  std::string id(trim(rec.fields[cols_.invoice_id]));
  bool ok = true;
  if (id.empty()) {
    add(rec.line, cols_.invoice_id, "empty: an invoice id is required");
    ok = false;
  } else if (auto [it, added] = invoice_lines_.emplace(id, rec.line); !added) {
    add(rec.line, cols_.invoice_id, "duplicate invoice id " + json_quoted(id) + " (first at line " +
                                        std::to_string(it->second) + ")");
    ok = false;
  }
  Index cust = customer(rec);
  Date date, due, settled{INT32_MIN};
  int64_t amount = 0;
  bool disputed = false;
  ok = cust != kNone && ok;
  ok = date_cell(rec, cols_.invoice_date, true, &date) && ok;
  bool due_given = cols_.due_date >= 0 && !trim(rec.fields[cols_.due_date]).empty();
  if (due_given) ok = date_cell(rec, cols_.due_date, true, &due) && ok;
  if (cols_.settled_date >= 0) ok = date_cell(rec, cols_.settled_date, false, &settled) && ok;
  ok = amount_cell(rec, &amount) && ok;
  ok = disputed_cell(rec, &disputed) && ok;
  if (!ok) return;
  if (due_given && due < date) {
    add(rec.line, cols_.due_date, "due date " + format_date(due) + " is before the invoice date " +
                                      format_date(date));
    return;
  }
  if (settled.days != INT32_MIN && settled < date) {
    add(rec.line, cols_.settled_date, "settled date " + format_date(settled) +
                                          " is before the invoice date " + format_date(date));
    return;
  }
  if (!due_given) due = date + map_.terms_days;
  add_invoice(rec, cust, date, due, amount, settled, disputed);
  if (due_given) book_.invoices.back().flags |= kInvoiceDueGiven;
}

void Importer::add_invoice(const CsvRecord& rec, Index cust, Date date, Date due, int64_t amount,
                           Date settled, bool disputed) {
  std::string_view id = trim(rec.fields[cols_.invoice_id]);
  Index index = static_cast<Index>(book_.invoices.size());
  uint8_t flags = disputed ? kInvoiceDisputed : 0;  // Written as `"disputed": true`.
  book_.invoices.push_back(Invoice{book_.intern(id), cust, date, due, amount, flags});
  invoice_line_.push_back(rec.line);
  if (disputed) ++r_.disputed;
  std::string members;  // Compact JSON, as the book reader keeps unknown members.
  for (size_t k = 0; k < cols_.keep.size(); ++k) {
    if (!members.empty()) members += ',';
    append_json_string(members, map_.keep[k]);
    members += ':';
    append_json_string(members, rec.fields[cols_.keep[k]]);
  }
  if (!members.empty()) book_.extras.push_back(Extra{DocKind::Invoice, index, members});
  if (settled.days == INT32_MIN) return;
  Receipt p{book_.intern("P-" + std::string(id)), cust, settled, amount,
            static_cast<uint32_t>(book_.payment_allocations.size()), 1};
  book_.payments.push_back(p);
  payment_line_.push_back(rec.line);
  book_.payment_allocations.push_back(Allocation{index, amount});
}

// Checks the book; its problems name documents, so they are moved to the CSV lines.
void Importer::finish() {
  if (!r_.problems.empty()) return;
  std::vector<Problem> problems;
  if (index_ids(book_, &problems) && build_index(book_, &problems)) return;
  for (Problem& p : problems) {
    unsigned long n = 0;
    if (std::sscanf(p.place.c_str(), "invoices[%lu]", &n) == 1 && n < invoice_line_.size())
      p.place = line_place(invoice_line_[n]);
    else if (std::sscanf(p.place.c_str(), "payments[%lu]", &n) == 1 && n < payment_line_.size())
      p.place = line_place(payment_line_[n]);
    r_.problems.push_back(std::move(p));
  }
  if (r_.problems.empty()) r_.problems.push_back({"", "the imported book is not valid"});
}

}  // namespace

CsvImportResult import_csv(std::string_view csv_text, const CsvMap& map) {
  CsvImportResult r;
  r.book.currency = map.currency;
  r.book.minor_digits = currency_minor_digits(map.currency);
  std::vector<CsvRecord> records;
  if (!parse_csv(csv_text, map.delimiter, &records, &r.problems)) return r;
  if (records.empty()) {
    r.problems.push_back({"line 1", "the file is empty: expected a header line"});
    return r;
  }
  Importer importer(map, &r);
  if (!importer.header(records[0])) return r;
  for (size_t i = 1; i < records.size(); ++i) importer.row(records[i]);
  importer.finish();
  r.ok = r.problems.empty();
  if (!r.ok) r.book = Book{};  // Nothing half-imported.
  return r;
}

}  // namespace arlab
