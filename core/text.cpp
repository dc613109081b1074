// text.cpp: bounded values in messages (see text.h).
#include "core/text.h"

namespace arlab {

size_t shown_size(std::string_view s) {
  if (s.size() <= kShownMax) return s.size();
  size_t n = kShownMax;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // Continuation.
  return n;
}

std::string length_note(size_t size) { return " (" + std::to_string(size) + " bytes)"; }

std::string shown(std::string_view s) {
  size_t n = shown_size(s);
  if (n == s.size()) return std::string(s);
  return std::string(s.substr(0, n)) + "..." + length_note(s.size());
}

std::string quoted(std::string_view s) {
  size_t n = shown_size(s);
  std::string out = "\"";
  for (char c : s.substr(0, n)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  if (n == s.size()) return out + '"';
  return out + "...\"" + length_note(s.size());
}

}  // namespace arlab
