// file.h: whole-file reading and atomic writing (temporary file, flush, fsync, rename).
#pragma once
#include <string>
#include <string_view>

namespace arlab {

bool read_file(const std::string& path, std::string* out, std::string* error);
// Writes PATH.tmp-<pid>, flushes and fsyncs it, then renames it over PATH.
bool write_file_atomic(const std::string& path, std::string_view data, std::string* error);

}  // namespace arlab
