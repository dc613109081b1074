// cells.cpp: CSV text and number cells, escaped table text (io/cells.h).
//
// [SECTION] CSV
// [SECTION] Tables
#include "io/cells.h"

#include <algorithm>
#include <cassert>
#include <cstdio>

namespace arlab {

// =========================================================================================
// [SECTION] CSV
// =========================================================================================

bool csv_formula_start(std::string_view text) {
  // Spaces first do not hide a formula from a spreadsheet that trims them on import.
  text.remove_prefix(std::min(text.find_first_not_of(' '), text.size()));
  if (text.empty()) return false;
  if (std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) return true;
  // Fullwidth forms U+FF1D = (EF BC 9D), U+FF0B + (EF BC 8B), U+FF0D - (EF BC 8D) and
  // U+FF20 @ (EF BC A0): some spreadsheets fold them to ASCII before looking for a formula.
  if (text.size() < 3 || text.substr(0, 2) != "\xEF\xBC") return false;
  const unsigned char third = static_cast<unsigned char>(text[2]);
  return third == 0x9D || third == 0x8B || third == 0x8D || third == 0xA0;
}

void append_csv_text(std::string& out, std::string_view text) {
  const bool prefix = csv_formula_start(text);
  // RFC 4180 quotes a comma, quote or line break; a tab or semicolon too, for spreadsheets
  // that split on them (a locale's ';', a tab-separated import), and edge spaces.
  const bool quote = text.find_first_of(",\"\r\n\t;") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (quote) out += '"';
  if (prefix) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quote) out += '"';
}

void append_csv_number(std::string& out, std::string_view number) {
  // Numbers come from the report's own formatting: "-1900.00", "12", "0.0867", "2025-03-31",
  // "true". Nothing to quote; a sign only as a minus before a digit.
  assert(number.find_first_of(",\"\r\n\t; =+@") == std::string_view::npos);
  assert(number.empty() || number.front() != '-' ||
         (number.size() > 1 && number[1] >= '0' && number[1] <= '9'));
  out.append(number);
}

// =========================================================================================
// [SECTION] Tables
// =========================================================================================

std::string table_text(std::string_view text) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // A C1 control U+0080-U+009F is C2 80-9F in UTF-8: shown by its code point.
    const bool c1 = c == 0xC2 && i + 1 < text.size() &&
                    static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (c1) c = static_cast<unsigned char>(text[++i]);
    switch (c) {
      case '\\': out += "\\\\"; continue;
      case '\t': out += "\\t"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F || c1) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

size_t display_width(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string text_columns(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t k = 0; k < row.size(); ++k) widths[k] = std::max(widths[k], display_width(row[k]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t k = 0; k < row.size(); ++k) {
      size_t pad = widths[k] - std::min(widths[k], display_width(row[k]));
      bool r = k < right.size() && right[k];
      if (r) line.append(pad, ' ');
      line += row[k];
      if (!r && k + 1 < row.size()) line.append(pad, ' ');
      if (k + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string decimal_text(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string s = buf;
  if (s == "-0.0" || s == "-0.00" || s == "-0.0000") s.erase(0, 1);  // Never "-0.0".
  return s;
}

}  // namespace arlab
