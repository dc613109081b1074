// index.h: the index of a document in its book's list, and "none". Shared by book.h and
// casefile.h (the book's collection section).
#pragma once
#include <cstdint>
#include <limits>

#include "date.h"

namespace arlab {

using Index = uint32_t;
constexpr Index kNone = 0xFFFFFFFFu;
// "No date" in optional date members (a case record's next step, a promise's kept-on day).
constexpr Date kNoDate{std::numeric_limits<int32_t>::min()};

}  // namespace arlab
