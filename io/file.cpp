// file.cpp: whole-file reading and atomic writing (temporary file, flush, fsync, rename).
#include "io/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace arlab {

bool read_file(const std::string& path, std::string* out, std::string* error) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  out->clear();
  if (std::fseek(f, 0, SEEK_END) == 0) {  // Size known: one allocation, one read.
    long size = std::ftell(f);
    // 64 spare bytes: read_book_json(std::string&) then parses in place (simdjson reads up
    // to 64 bytes past the end) instead of copying the text.
    if (size >= 0) out->reserve(static_cast<size_t>(size) + 64);
    std::fseek(f, 0, SEEK_SET);
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool ok = !std::ferror(f);
  if (!ok) *error = path + ": read error: " + std::strerror(errno);
  std::fclose(f);
  return ok;
}

// The data reaches the disk under a temporary name first, so a crash leaves either the old
// file or the new one, never half of each.
bool write_file_atomic(const std::string& path, std::string_view data, std::string* error) {
  std::string tmp = path + ".tmp-" + std::to_string(static_cast<long>(getpid()));
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  ok = std::fflush(f) == 0 && ok;
  ok = fsync(fileno(f)) == 0 && ok;
  int saved_errno = errno;
  ok = std::fclose(f) == 0 && ok;
  if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) {
    saved_errno = errno;
    ok = false;
  }
  if (!ok) {
    *error = path + ": " + std::strerror(saved_errno ? saved_errno : EIO);
    std::remove(tmp.c_str());
  }
  return ok;
}

}  // namespace arlab
