// text.h: values from a book or a plan shown inside a message, bounded in length, so that a
// hostile file (a million-character id) cannot make a message of the same size.
//
// Usage:
//   shown("INV-1") == "INV-1";  shown(long_id) == "INV-0000...(59 bytes)" (40 bytes kept)
//   quoted("C1") == "\"C1\"";   quoted(long_name) == "\"Acme...\" (120 bytes)"
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace arlab {

constexpr size_t kShownMax = 40;  // Bytes of a value a message shows, at most.

// How many bytes of `s` to show: all, or at most kShownMax, ending on a whole character.
size_t shown_size(std::string_view s);
// " (N bytes)": what follows a value that was cut.
std::string length_note(size_t size);
// `s` as it is, or cut: its first bytes, "..." and its length.
std::string shown(std::string_view s);
// `s` in double quotes (with \" and \\ escaped), cut the same way.
std::string quoted(std::string_view s);

}  // namespace arlab
