// platform_native.cpp: app/platform.h for the desktop: the book is a file in
// $XDG_DATA_HOME/arlab/ (or ~/.local/share/arlab/), written atomically (io/file.h: temporary
// file, fsync, rename), its label beside it (book.meta.json). Each save is also a routine
// snapshot, snapshots/YYYY-MM-DD_HH-MM-SS_NNN.json with its label (.meta.json); the open book
// before a replace is one too (keep_snapshot); app/snapshots.h decides which stay (older
// arlabs' book-YYYYMMDD-HHMMSS.json beside the book are listed too). App settings
// (save_setting) are small files in settings/ beside it, written atomically at once on the UI
// thread. Receivables are nobody else's business: the
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
constexpr auto kSaveDelay = std::chrono::milliseconds(500);

struct Store {
  std::string dir;                          // .../arlab, fixed at first use.
  std::optional<std::string> pending;       // Newest text waiting to be written (UI thread).
  BookLabel pending_label;                  // Its label.
  std::chrono::steady_clock::time_point pending_since;
  std::thread writer;                       // At most one save in flight.
  std::mutex mutex;                         // Guards the members below (writer thread).
  bool writing = false;
  StorageStatus status;
  std::vector<Snapshot> snapshots;          // Newest first; kept up to date by each change.
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

std::string now_text() { return local_time("%Y-%m-%d %H:%M:%S"); }

// This session: when it first touched the storage.
const std::string& session() {
  static const std::string started = now_text();
  return started;
}

std::string snapshot_dir() { return data_dir() + "/snapshots"; }

// Older arlabs wrote book-YYYYMMDD-HHMMSS.json beside the book, without a label.
std::string snapshot_path(const std::string& id, const char* ext = ".json") {
  if (id.rfind("book-", 0) == 0) return data_dir() + "/" + id + ext;
  return snapshot_dir() + "/" + id + ext;
}

void list_folder(const std::string& dir, std::vector<Snapshot>* out) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    Snapshot snap;
    if (!parse_snapshot_file(e.path().filename().string(), &snap.id, &snap.meta.time)) continue;
    std::string meta_text, error;
    if (arlab::read_file(snapshot_path(snap.id, ".meta.json"), &meta_text, &error)) {
      read_snapshot_meta(meta_text, &snap.meta);
    }
    out->push_back(std::move(snap));
  }
}

// Caller holds the mutex.
std::vector<Snapshot>& listed_snapshots() {
  Store& s = store();
  if (!s.snapshots_listed) {
    s.snapshots.clear();
    list_folder(snapshot_dir(), &s.snapshots);
    list_folder(data_dir(), &s.snapshots);
    sort_snapshots(&s.snapshots);
    s.snapshots_listed = true;
  }
  return s.snapshots;
}

// Keeps `text` as a snapshot (a new file, or the label of the same book kept already), then
// removes what the policy drops. "" or why it failed. The book is written without the mutex
// (it may be hundreds of MB); the list and the small label files with it.
std::string write_snapshot(const std::string& text, const BookLabel& label, SnapshotKind kind) {
  Store& s = store();
  SnapshotMeta meta;
  meta.label = label;
  meta.kind = kind;
  meta.session = session();
  meta.time = now_text();
  meta.bytes = text.size();
  meta.hash = text_hash(text);
  std::vector<Snapshot> before;
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    before = listed_snapshots();
  }
  SnapshotAdd planned = add_snapshot(&before, meta);
  std::string error;
  make_private_folder(snapshot_dir());
  if (planned.is_new &&
      !arlab::write_file_atomic(snapshot_path(planned.id), text, &error,
                                arlab::kFileModePrivate)) {
    return "snapshot: " + error;
  }
  std::lock_guard<std::mutex> lock(s.mutex);
  std::vector<Snapshot>& list = listed_snapshots();
  SnapshotAdd added = add_snapshot(&list, meta);  // Only Pin changes the list meanwhile.
  if (added.changed) {
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const Snapshot& x) { return x.id == added.id; });
    if (it != list.end() &&
        !arlab::write_file_atomic(snapshot_path(added.id, ".meta.json"),
                                  snapshot_meta_json(it->meta), &error,
                                  arlab::kFileModePrivate)) {
      error = "snapshot label: " + error;
    }
  }
  std::error_code ec;
  for (const std::string& id : apply_retention(&list)) {
    fs::remove(snapshot_path(id), ec);
    fs::remove(snapshot_path(id, ".meta.json"), ec);
  }
  return error;
}

// Writes the book, its label and a snapshot of it (writer thread or flush); records the
// outcome.
void write_now(const std::string& text, const BookLabel& label) {
  make_private_folder(data_dir());
  std::string error, snapshot_error;
  bool ok = arlab::write_file_atomic(book_path(), text, &error, arlab::kFileModePrivate);
  if (ok) {
    SnapshotMeta meta;
    meta.label = label;
    meta.time = now_text();
    std::string ignored;  // The label is a convenience: the book is what matters.
    arlab::write_file_atomic(data_dir() + "/book.meta.json", snapshot_meta_json(meta), &ignored,
                             arlab::kFileModePrivate);
    snapshot_error = write_snapshot(text, label, SnapshotKind::Routine);
  }
  Store& s = store();
  std::lock_guard<std::mutex> lock(s.mutex);
  // On failure the book stays in memory; the Storage panel shows this and offers an export.
  s.status.last_error = ok ? snapshot_error : error;
  if (ok) s.status.last_saved = now_text();
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
  s.writer = std::thread(
      [text = std::move(*s.pending), label = s.pending_label]() { write_now(text, label); });
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

std::optional<BookLabel> load_saved_label() {
  std::string text, error;
  SnapshotMeta meta;
  std::error_code ec;
  if (!fs::exists(data_dir() + "/book.meta.json", ec) ||
      !arlab::read_file(data_dir() + "/book.meta.json", &text, &error) ||
      !read_snapshot_meta(text, &meta)) {
    return std::nullopt;
  }
  return meta.label;
}

void schedule_save(const std::string& book_json, const BookLabel& label) {
  Store& s = store();
  session();  // Started before its first save.
  s.pending = book_json;  // A newer text replaces a waiting one.
  s.pending_label = label;
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
  write_now(text, s.pending_label);
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

std::vector<Snapshot> snapshots() {
  Store& s = store();
  std::lock_guard<std::mutex> lock(s.mutex);
  return listed_snapshots();
}

std::optional<std::string> load_snapshot(const std::string& id) {
  {
    Store& s = store();
    std::lock_guard<std::mutex> lock(s.mutex);
    const std::vector<Snapshot>& list = listed_snapshots();
    if (std::none_of(list.begin(), list.end(), [&](const Snapshot& x) { return x.id == id; })) {
      return std::nullopt;  // Only listed ids: never a path of the caller's making.
    }
  }
  std::string text, error;
  if (!arlab::read_file(snapshot_path(id), &text, &error)) return std::nullopt;
  return text;
}

bool keep_snapshot(const std::string& book_json, const BookLabel& label, SnapshotKind kind,
                   std::string* error) {
  join_writer();  // One writer of the folder at a time.
  make_private_folder(data_dir());
  std::string why = write_snapshot(book_json, label, kind);
  if (error) *error = why;
  return why.empty();
}

bool pin_snapshot(const std::string& id, bool pinned, std::string* error) {
  Store& s = store();
  std::lock_guard<std::mutex> lock(s.mutex);
  for (Snapshot& snap : listed_snapshots()) {
    if (snap.id != id) continue;
    if (!snap.meta.labelled) {
      if (error) *error = "saved by an older arlab, without a label: restore it to keep it";
      return false;
    }
    SnapshotMeta meta = snap.meta;
    meta.pinned = pinned;
    make_private_folder(snapshot_dir());
    if (!arlab::write_file_atomic(snapshot_path(id, ".meta.json"), snapshot_meta_json(meta),
                                  error, arlab::kFileModePrivate)) {
      return false;
    }
    snap.meta = meta;
    return true;
  }
  if (error) *error = "no snapshot " + id;
  return false;
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
