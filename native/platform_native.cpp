// platform_native.cpp: app/platform.h for the desktop: the book is a file in
// $XDG_DATA_HOME/arlab/ (or ~/.local/share/arlab/), written atomically (io/file.h: temporary
// file, fsync, rename). Each save also keeps a snapshot book-YYYYMMDD-HHMMSS.json;
// the newest 5 are kept. App settings (save_setting) are small files in settings/ beside it,
// written atomically at once on the UI thread. Receivables are nobody else's business: the
// folders are owner-only (0700, an older 0755 one is tightened), new files 0600.
//
// Saves wait half a second after a change, so a burst of edits writes once, and run on a
// writer thread, so a large book (hundreds of MB) never stalls the UI. One save at a time: a
// newer text replaces a waiting one. flush_save (window closing) waits and writes at once.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "app/platform.h"
#include "io/file.h"

namespace app::platform {

namespace {

namespace fs = std::filesystem;
constexpr size_t kSnapshotsKept = 5;
constexpr auto kSaveDelay = std::chrono::milliseconds(500);

struct Store {
  std::string dir;                          // .../arlab, fixed at first use.
  std::optional<std::string> pending;       // Newest text waiting to be written (UI thread).
  std::chrono::steady_clock::time_point pending_since;
  std::thread writer;                       // At most one save in flight.
  std::mutex mutex;                         // Guards the members below (writer thread).
  bool writing = false;
  StorageStatus status;
  std::vector<std::string> snapshot_files;  // Newest first; refreshed after each save.
  bool snapshots_listed = false;
};

Store& store() {
  static Store s;
  return s;
}

const std::string& data_dir() {
  Store& s = store();
  if (!s.dir.empty()) return s.dir;
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  if (xdg && *xdg) {
    s.dir = std::string(xdg) + "/arlab";
  } else {
    s.dir = std::string(home && *home ? home : ".") + "/.local/share/arlab";
  }
  return s.dir;
}

std::string book_path() { return data_dir() + "/book.json"; }

// Creates DIR and the missing folders above it owner-only, as the XDG base directory spec
// asks, and tightens DIR itself if it is ours and open to others (made 0755 by an earlier
// version, when books were world-readable). Errors show up when the file is written.
void make_private_folder(const std::string& dir) {
  fs::path partial;
  for (const fs::path& part : fs::path(dir)) {
    partial /= part;
    if (!partial.empty()) mkdir(partial.c_str(), 0700);  // EEXIST for the existing ones.
  }
  struct stat st;
  if (stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
      (st.st_mode & 077) != 0) {
    chmod(dir.c_str(), 0700);
  }
}

std::string local_time(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char text[64];
  std::strftime(text, sizeof text, format, &tm);
  return text;
}

// "book-20250630-140211.json" -> "2025-06-30 14:02:11"; "" if not a snapshot name.
std::string snapshot_display_name(const std::string& file) {
  int y, mo, d, h, mi, sec;
  char rest[8] = "";
  if (file.size() != 25 ||
      std::sscanf(file.c_str(), "book-%4d%2d%2d-%2d%2d%2d%7s", &y, &mo, &d, &h, &mi, &sec, rest) !=
          7 ||
      std::string(rest) != ".json") {
    return "";
  }
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
  return text;
}

// Newest first (the names sort by time). Caller holds the mutex.
std::vector<std::string> list_snapshot_files() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(data_dir(), ec)) {
    std::string name = e.path().filename().string();
    if (!snapshot_display_name(name).empty()) files.push_back(name);
  }
  std::sort(files.rbegin(), files.rend());
  return files;
}

// Writes the book and a snapshot of it (writer thread or flush); records the outcome.
void write_now(const std::string& text) {
  std::error_code ec;
  make_private_folder(data_dir());
  std::string error, snapshot_error;
  bool ok = arlab::write_file_atomic(book_path(), text, &error, arlab::kFileModePrivate);
  if (ok) {
    std::string snapshot = data_dir() + "/book-" + local_time("%Y%m%d-%H%M%S") + ".json";
    if (!arlab::write_file_atomic(snapshot, text, &snapshot_error, arlab::kFileModePrivate)) {
      snapshot_error = "snapshot: " + snapshot_error;
    }
  }
  std::vector<std::string> files = list_snapshot_files();
  while (files.size() > kSnapshotsKept) {
    fs::remove(data_dir() + "/" + files.back(), ec);
    files.pop_back();
  }
  Store& s = store();
  std::lock_guard<std::mutex> lock(s.mutex);
  // On failure the book stays in memory; the Storage panel shows this and offers an export.
  s.status.last_error = ok ? snapshot_error : error;
  if (ok) s.status.last_saved = local_time("%Y-%m-%d %H:%M:%S");
  s.snapshot_files = std::move(files);
  s.snapshots_listed = true;
  s.writing = false;
}

void join_writer() {
  Store& s = store();
  if (s.writer.joinable()) s.writer.join();
}

bool writer_busy() {
  Store& s = store();
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.writing;
}

void start_writer() {
  Store& s = store();
  join_writer();  // The previous save has finished (writer_busy was false).
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.writing = true;
  }
  s.writer = std::thread([text = std::move(*s.pending)]() { write_now(text); });
  s.pending.reset();
}

}  // namespace

std::optional<std::string> load_saved_book() {
  std::string text, error;
  std::error_code ec;
  if (!fs::exists(book_path(), ec)) return std::nullopt;
  if (!arlab::read_file(book_path(), &text, &error)) {
    std::lock_guard<std::mutex> lock(store().mutex);
    store().status.last_error = error;
    return std::nullopt;
  }
  return text;
}

void schedule_save(const std::string& book_json) {
  Store& s = store();
  s.pending = book_json;  // A newer text replaces a waiting one.
  s.pending_since = std::chrono::steady_clock::now();
}

void flush_save() {
  Store& s = store();
  join_writer();
  if (!s.pending) return;
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.writing = true;
  }
  std::string text = std::move(*s.pending);
  s.pending.reset();
  write_now(text);
}

StorageStatus storage_status() {
  Store& s = store();
  StorageStatus status;
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    status = s.status;
    status.saving = s.writing;
  }
  status.saving = status.saving || s.pending.has_value();
  status.where = book_path();
  const char* home = std::getenv("HOME");
  if (home && *home && status.where.rfind(home, 0) == 0) {
    std::string rest = status.where.substr(std::string(home).size());
    status.where.assign(1, '~');  // Not "~" + rest: GCC 12 warns falsely (-Wrestrict) on that.
    status.where += rest;
  }
  status.persistence_asked = false;  // Files on disk need no permission.
  status.persistence_granted = true;
  return status;
}

std::vector<std::string> snapshot_names() {
  Store& s = store();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!s.snapshots_listed) {
    s.snapshot_files = list_snapshot_files();
    s.snapshots_listed = true;
  }
  std::vector<std::string> names;
  for (const std::string& file : s.snapshot_files) names.push_back(snapshot_display_name(file));
  return names;
}

std::optional<std::string> load_snapshot(const std::string& name) {
  for (const std::string& file : list_snapshot_files()) {
    if (snapshot_display_name(file) != name) continue;
    std::string text, error;
    if (arlab::read_file(data_dir() + "/" + file, &text, &error)) return text;
  }
  return std::nullopt;
}

bool save_setting(const std::string& name, const std::string& text, std::string* error) {
  std::string why;
  if (!error) error = &why;
  if (!valid_setting_name(name)) {
    *error = "not a setting name: \"" + name + "\"";
    return false;
  }
  make_private_folder(data_dir());
  make_private_folder(data_dir() + "/settings");
  return arlab::write_file_atomic(data_dir() + "/settings/" + name, text, error,
                                  arlab::kFileModePrivate);
}

std::optional<std::string> load_setting(const std::string& name) {
  if (!valid_setting_name(name)) return std::nullopt;
  std::string path = data_dir() + "/settings/" + name, text, error;
  std::error_code ec;
  if (!fs::exists(path, ec) || !arlab::read_file(path, &text, &error)) return std::nullopt;
  return text;
}

bool request_open_file(OpenKind) { return false; }  // The UI asks for a path instead.

bool has_file_picker() { return false; }

bool read_path(const std::string& path, std::string* text, std::string* error) {
  return arlab::read_file(path, text, error);
}

bool export_file(const std::string& file_name, const std::string& data, std::string* where,
                 std::string* error) {
  std::error_code ec;
  fs::path path = fs::absolute(file_name, ec);
  if (ec) path = file_name;
  if (!arlab::write_file_atomic(path.string(), data, error)) return false;
  *where = path.string();
  return true;
}

void poll() {
  Store& s = store();
  if (!s.pending || writer_busy()) return;
  if (std::chrono::steady_clock::now() - s.pending_since >= kSaveDelay) start_writer();
}

arlab::Date today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  if (!localtime_r(&now, &local)) return arlab::Date{};  // No clock: 1970-01-01.
  return arlab::date_from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

}  // namespace app::platform
