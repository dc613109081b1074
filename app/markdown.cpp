// markdown.cpp: the docs' Markdown subset as blocks (markdown.h).
//
// [SECTION] Inline text
// [SECTION] Blocks
#include "app/markdown.h"

#include <cctype>
#include <cstdio>

namespace app::md {

// ---- [SECTION] Inline text -------------------------------------------------------------

namespace {

// The code point of the UTF-8 sequence at text[i] and its length (a bad byte: itself, 1).
uint32_t decode(std::string_view text, size_t i, size_t* length) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + static_cast<size_t>(extra) >= text.size()) {
    *length = 1;
    return c;
  }
  uint32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    unsigned char next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) {
      *length = 1;
      return c;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  *length = static_cast<size_t>(extra) + 1;
  return cp;
}

// What the UI font draws of a character beyond Latin-1.
std::string readable(uint32_t cp) {
  switch (cp) {
    case 0x2013: case 0x2014: case 0x2212: return "-";     // En dash, em dash, minus.
    case 0x2018: case 0x2019: return "'";
    case 0x201C: case 0x201D: return "\"";
    case 0x2022: return "*";
    case 0x2026: return "...";
    case 0x2192: return "->";
    case 0x2264: return "<=";
    case 0x2265: return ">=";
    default: break;
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

// Characters beyond Latin-1 written readably; everything else as it is.
void append_readable(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = 1;
    uint32_t cp = decode(text, i, &length);
    if (cp <= 0xFF || length == 1) {
      out.append(text.substr(i, length));
    } else {
      out += readable(cp);
    }
    i += length;
  }
}

}  // namespace

std::string plain(std::string_view text) {
  std::string out;
  bool code = false;  // Inside `...`: its text stays as written.
  auto word = [&](size_t k) {
    return k < text.size() && std::isalnum(static_cast<unsigned char>(text[k]));
  };
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1]))) {
      out += text[i + 1];  // "\|" in a table cell, "\*".
      i += 2;
    } else if (c == '`') {
      code = !code;
      ++i;
    } else if (!code && c == '*' && i + 1 < text.size() && text[i + 1] == '*') {
      i += 2;  // Bold.
    } else if (!code && c == '*' && (word(i + 1) != (i > 0 && word(i - 1)))) {
      ++i;  // Emphasis: "*Compare A and B*." ("a * b" and "a*b" stay).
    } else if (!code && c == '[') {
      // "[text](target)": the text; a lone '[' stays.
      size_t close = text.find("](", i);
      size_t end = close == std::string_view::npos ? close : text.find(')', close);
      if (end == std::string_view::npos || text.substr(i, close - i).find('\n') != text.npos) {
        out += c;
        ++i;
      } else {
        out += plain(text.substr(i + 1, close - i - 1));
        i = end + 1;
      }
    } else {
      out += c;
      ++i;
    }
  }
  std::string shown;
  append_readable(shown, out);
  return shown;
}

std::string anchor_of(std::string_view heading) {
  std::string text = plain(heading), out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
    else if (c == ' ' || c == '-') out += '-';
    else if (c == '_') out += '_';
  }
  return out;
}

size_t text_chars(const std::vector<Block>& blocks) {
  size_t n = 0;
  for (const Block& b : blocks) {
    n += b.text.size();
    for (const std::vector<std::string>& row : b.rows) {
      for (const std::string& cell : row) n += cell.size();
    }
  }
  return n;
}

// ---- [SECTION] Blocks ------------------------------------------------------------------

namespace {

size_t indent_of(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

bool blank(std::string_view line) { return indent_of(line) == line.size(); }

std::string_view trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return s.substr(a, b - a);
}

// "- text", "* text", "12. text": the marker's length (with its space), 0 if none.
size_t item_marker(std::string_view rest, std::string* marker) {
  if (rest.size() >= 2 && (rest[0] == '-' || rest[0] == '*') && rest[1] == ' ') {
    marker->clear();
    return 2;
  }
  size_t d = 0;
  while (d < rest.size() && d < 3 && std::isdigit(static_cast<unsigned char>(rest[d]))) ++d;
  if (d > 0 && d + 1 < rest.size() && rest[d] == '.' && rest[d + 1] == ' ') {
    *marker = std::string(rest.substr(0, d + 1));
    return d + 2;
  }
  return 0;
}

// "| a | `x\|y` | b |" -> {"a", "x|y", "b"}: split at '|' outside code and not escaped.
std::vector<std::string> table_cells(std::string_view line) {
  std::string_view s = trim(line);
  if (!s.empty() && s.front() == '|') s.remove_prefix(1);
  if (!s.empty() && s.back() == '|' && (s.size() < 2 || s[s.size() - 2] != '\\')) {
    s.remove_suffix(1);
  }
  std::vector<std::string> cells;
  bool code = false;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] == '\\') {
      ++i;
      continue;
    }
    if (i < s.size() && s[i] == '`') code = !code;
    if (i == s.size() || (s[i] == '|' && !code)) {
      cells.push_back(plain(trim(s.substr(start, i - start))));
      start = i + 1;
    }
  }
  return cells;
}

bool separator_row(std::string_view line) {
  for (char c : line) {
    if (c != '|' && c != '-' && c != ':' && c != ' ') return false;
  }
  return true;
}

// The target of a text that is exactly one link ("[Formulas](#formulas)"), else "".
std::string only_link(std::string_view text) {
  text = trim(text);
  if (text.size() < 4 || text.front() != '[' || text.back() != ')') return "";
  size_t close = text.find("](");
  if (close == std::string_view::npos || text.find('[', 1) < close) return "";
  std::string_view target = text.substr(close + 2, text.size() - close - 3);
  if (target.find_first_of("() ") != std::string_view::npos) return "";
  return std::string(target);
}

struct Parser {
  std::vector<Block> blocks;
  std::string raw;          // The open paragraph or item's source text.
  bool open = false;        // A paragraph or item takes continuation lines.
  bool fenced = false;      // Inside ``` ... ```.
  size_t fence_lines = 0;   // Lines of the fenced block so far.
  bool after_blank = true;  // The previous line was blank (an indented line starts code).

  static Block make(Kind kind) {
    Block b;
    b.kind = kind;
    return b;
  }
  void close() {
    if (!open) return;
    Block& b = blocks.back();
    b.text = plain(raw);
    b.link = only_link(raw);
    open = false;
  }
  void start(Kind kind, int level, std::string marker, std::string_view text) {
    close();
    Block b;
    b.kind = kind;
    b.level = level;
    b.marker = std::move(marker);
    blocks.push_back(std::move(b));
    raw = std::string(trim(text));
    open = true;
  }
  // An indented code line: a new block, or the next line of the one before (a blank line
  // between two of its lines stays).
  void code_line(std::string_view line, bool continues, bool after_gap) {
    close();
    if (!continues) {
      blocks.push_back(make(Kind::Code));
    } else {
      blocks.back().text += after_gap ? "\n\n" : "\n";
    }
    append_readable(blocks.back().text, line);
  }
  void line(std::string_view line);
};

void Parser::line(std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  std::string_view body = trim(text);
  if (body.substr(0, 3) == "```") {
    if (!fenced) {
      close();
      blocks.push_back(make(Kind::Code));
      fence_lines = 0;
    }
    fenced = !fenced;
    after_blank = false;
    return;
  }
  if (fenced) {
    Block& b = blocks.back();
    if (fence_lines++ > 0) b.text += '\n';
    append_readable(b.text, text);
    return;
  }
  bool was_blank = after_blank;
  after_blank = blank(text);
  if (after_blank) {
    close();
    return;
  }
  size_t indent = indent_of(text);
  bool in_code = !blocks.empty() && blocks.back().kind == Kind::Code && !open;
  if (indent >= 4 && !open && (was_blank || in_code)) {
    code_line(text.substr(4), in_code, was_blank);
    return;
  }
  if (body.front() == '#') {
    size_t level = 0;
    while (level < body.size() && body[level] == '#') ++level;
    if (level <= 6 && level < body.size() && body[level] == ' ') {
      start(Kind::Heading, static_cast<int>(level), "", body.substr(level + 1));
      blocks.back().anchor = anchor_of(raw);
      close();
      return;
    }
  }
  if (body.front() == '|') {
    close();
    if (blocks.empty() || blocks.back().kind != Kind::Table || was_blank) {
      blocks.push_back(make(Kind::Table));
    }
    if (!separator_row(body)) blocks.back().rows.push_back(table_cells(body));
    return;
  }
  std::string marker;
  if (size_t m = item_marker(text.substr(indent), &marker)) {
    start(Kind::Item, static_cast<int>(indent / 2), marker, text.substr(indent + m));
    return;
  }
  if (open) {
    raw += ' ';
    raw += body;
    return;
  }
  start(Kind::Paragraph, 0, "", body);
}

}  // namespace

std::vector<Block> parse(std::string_view markdown) {
  Parser p;
  size_t start = 0;
  while (start < markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    p.line(markdown.substr(start, end - start));
    start = end + 1;
  }
  p.close();
  return std::move(p.blocks);
}

}  // namespace app::md
