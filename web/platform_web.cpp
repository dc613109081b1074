// platform_web.cpp: app/platform.h for the browser.
// [SECTION] JS imports (web/library_arlab.js)
// [SECTION] save state: one FS.syncfs at a time, newest text waits, debounce
// [SECTION] settings: /persist/settings/<name>, written with the book's syncfs
// [SECTION] snapshots: /persist/snapshots/<YYYY-MM-DD_HH-MM-SS_NNN>.json and .meta.json
// [SECTION] callbacks from JS
// [SECTION] app::platform
//
// Files: /persist/book.json is the saved book (book.meta.json its label), /persist/settings/
// <name> the app's settings, /persist/snapshots/<id>.json the snapshots (<id>.meta.json their
// labels; app/snapshots.h decides which stay).
// /persist is MEMFS mirrored to IndexedDB by IDBFS; C++ writes it only when no syncfs runs,
// since a running syncfs reads it. A book and settings waiting at the same time go in one
// syncfs.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/platform.h"
#include "web/web_shell.h"

// [SECTION] JS imports (web/library_arlab.js)
extern "C" {
void arlab_js_storage_start();
void arlab_js_sync_save();
void arlab_js_arm_timer(int delay_ms);
int arlab_js_pick_file(const char* accept);
int arlab_js_download(const char* name, const char* data, int size);
void arlab_js_set_status(const char* text);
}

namespace {

namespace fs = std::filesystem;

constexpr const char* kBookPath = "/persist/book.json";
constexpr const char* kBookMetaPath = "/persist/book.meta.json";
constexpr const char* kSnapshotDir = "/persist/snapshots";
constexpr const char* kSettingsDir = "/persist/settings";
constexpr size_t kSnapshotSizeMax = 16u << 20;  // Bigger books: no snapshots (memory, quota).
constexpr double kDebounceMs = 1000;             // Save this long after the last change...
constexpr double kDebounceLimitMs = 5000;        // ...but no later than this after the first.

// [SECTION] save state: one FS.syncfs at a time, newest text waits, debounce
struct Saver {
  bool mounted = false;          // /persist exists (IndexedDB loaded).
  void (*on_ready)() = nullptr;  // Called once the first load finished.
  std::string pending;           // Newest validated book text not yet written.
  app::BookLabel pending_label;  // Its label.
  bool has_pending = false;
  std::map<std::string, std::string> pending_settings;  // Name -> newest text not yet written.
  double pending_since_ms = 0;   // When the oldest waiting book or setting came.
  bool in_flight = false;        // A syncfs(false) is running: /persist is read-only now.
  bool start_when_idle = false;  // Timer or flush came during a running sync: chain it.
  long sync_count = 0;           // syncfs(false) calls started (for tests: one per save).
  // The snapshots as they will be once `snapshot_ops` are written (the next save does it).
  std::vector<app::Snapshot> snapshots;
  struct SnapshotOp {
    enum Kind { Write, Label, Remove } kind;
    std::string id;
    std::string text;            // Write: the book.
  };
  std::vector<SnapshotOp> snapshot_ops;
  std::string session;           // When this page loaded the storage.
  bool waiting() const {
    return has_pending || !pending_settings.empty() || !snapshot_ops.empty();
  }
  app::platform::StorageStatus status;
};

Saver& saver() {
  static Saver s;
  return s;
}

std::string local_time(const char* format, std::time_t when = std::time(nullptr)) {
  char text[32];
  std::strftime(text, sizeof text, format, std::localtime(&when));
  return text;
}

bool write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  return static_cast<bool>(out);
}

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// [SECTION] snapshots: /persist/snapshots/<YYYY-MM-DD_HH-MM-SS_NNN>.json and .meta.json
std::string snapshot_path(const std::string& id, const char* ext = ".json") {
  return std::string(kSnapshotDir) + "/" + id + ext;
}

// Once, when /persist is loaded: the snapshots there and their labels.
void list_snapshots() {
  Saver& s = saver();
  s.snapshots.clear();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kSnapshotDir, ec)) {
    app::Snapshot snap;
    if (!app::parse_snapshot_file(entry.path().filename().string(), &snap.id, &snap.meta.time)) {
      continue;
    }
    if (std::optional<std::string> meta = read_text(snapshot_path(snap.id, ".meta.json"))) {
      app::read_snapshot_meta(*meta, &snap.meta);
    }
    s.snapshots.push_back(std::move(snap));
  }
  app::sort_snapshots(&s.snapshots);
}

std::string megabytes(size_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return text;
}

// Adds a snapshot to the list and what to write to the ops (a new book, or the label of the
// same book kept already), then what the policy removes. False for a book over the size
// limit (the note says so).
bool list_snapshot(const std::string& text, const app::BookLabel& label, app::SnapshotKind kind) {
  Saver& s = saver();
  if (text.size() > kSnapshotSizeMax) {
    s.status.snapshot_note = "No snapshot of " + label.book_name + ": at " +
                             megabytes(text.size()) + " it is over the " +
                             megabytes(kSnapshotSizeMax) + " kept as snapshots in the browser. "
                             "Export it (Export the book) to keep a copy.";
    return false;
  }
  s.status.snapshot_note.clear();
  app::SnapshotMeta meta;
  meta.label = label;
  meta.kind = kind;
  meta.session = s.session;
  meta.time = local_time("%Y-%m-%d %H:%M:%S");
  meta.bytes = text.size();
  meta.hash = app::text_hash(text);
  app::SnapshotAdd added = app::add_snapshot(&s.snapshots, meta);
  if (added.is_new) s.snapshot_ops.push_back({Saver::SnapshotOp::Write, added.id, text});
  if (added.changed) s.snapshot_ops.push_back({Saver::SnapshotOp::Label, added.id, ""});
  for (const std::string& id : app::apply_retention(&s.snapshots)) {
    s.snapshot_ops.push_back({Saver::SnapshotOp::Remove, id, ""});
  }
  return true;
}

// Caller checked !in_flight. Labels are written as the list holds them now.
void write_snapshot_ops() {
  Saver& s = saver();
  std::error_code ec;
  fs::create_directories(kSnapshotDir, ec);
  for (const Saver::SnapshotOp& op : s.snapshot_ops) {
    if (op.kind == Saver::SnapshotOp::Remove) {
      fs::remove(snapshot_path(op.id), ec);
      fs::remove(snapshot_path(op.id, ".meta.json"), ec);
      continue;
    }
    if (op.kind == Saver::SnapshotOp::Write) {
      if (!write_text(snapshot_path(op.id), op.text)) {
        s.status.last_error = "could not write " + snapshot_path(op.id);
      }
      continue;
    }
    for (const app::Snapshot& snap : s.snapshots) {
      if (snap.id == op.id) {
        write_text(snapshot_path(op.id, ".meta.json"), app::snapshot_meta_json(snap.meta));
      }
    }
  }
  s.snapshot_ops.clear();
}

void arm_save_timer() {
  Saver& s = saver();
  double now_ms = emscripten_get_now();
  double wait_ms = std::min(kDebounceMs, s.pending_since_ms + kDebounceLimitMs - now_ms);
  arlab_js_arm_timer(static_cast<int>(std::max(0.0, wait_ms)));
}

// [SECTION] settings: /persist/settings/<name>, written with the book's syncfs
// Caller checked !in_flight. A setting that cannot be written shows in last_error.
void write_settings() {
  Saver& s = saver();
  std::error_code ec;
  fs::create_directories(kSettingsDir, ec);
  for (const auto& [name, text] : s.pending_settings) {
    if (!write_text(std::string(kSettingsDir) + "/" + name, text)) {
      s.status.last_error = "could not write " + std::string(kSettingsDir) + "/" + name;
    }
  }
  s.pending_settings.clear();
}

// Writes the waiting book text and settings into /persist and starts the one syncfs. Caller
// checked !in_flight.
void start_save() {
  Saver& s = saver();
  if (!s.mounted || !s.waiting() || s.in_flight) return;
  s.start_when_idle = false;
  bool wrote = false;
  if (s.has_pending) {
    std::string text = std::move(s.pending);
    s.pending.clear();
    s.has_pending = false;
    if (write_text(kBookPath, text)) {
      app::SnapshotMeta meta;
      meta.label = s.pending_label;
      meta.time = local_time("%Y-%m-%d %H:%M:%S");
      write_text(kBookMetaPath, app::snapshot_meta_json(meta));  // A convenience: no error.
      list_snapshot(text, s.pending_label, app::SnapshotKind::Routine);
      wrote = true;
    } else {
      s.status.last_error = "could not write /persist/book.json (out of memory?)";
    }
  }
  if (!s.pending_settings.empty()) {
    write_settings();  // What was written is synced; a failure is in last_error.
    wrote = true;
  }
  if (!s.snapshot_ops.empty()) {
    write_snapshot_ops();
    wrote = true;
  }
  if (!wrote) return;
  s.in_flight = true;
  s.status.saving = true;
  ++s.sync_count;
  arlab_js_sync_save();
}

// A save is due (timer or flush): now if idle, else right after the running one.
void save_now_or_chain() {
  Saver& s = saver();
  if (!s.waiting()) return;
  if (s.in_flight) {
    s.start_when_idle = true;
    return;
  }
  start_save();
}

}  // namespace

// [SECTION] callbacks from JS
extern "C" {

EMSCRIPTEN_KEEPALIVE void arlab_web_storage_loaded(const char* error) {
  Saver& s = saver();
  s.mounted = (error == nullptr);
  if (error) s.status.last_error = std::string("IndexedDB not available: ") + error;
  struct stat info {};
  if (s.mounted && ::stat(kBookPath, &info) == 0) {  // IDBFS keeps the saved time.
    s.status.last_saved = local_time("%Y-%m-%d %H:%M:%S", info.st_mtime);
  }
  s.session = local_time("%Y-%m-%d %H:%M:%S");
  if (s.mounted) list_snapshots();
  if (s.on_ready) s.on_ready();
  s.on_ready = nullptr;
}

EMSCRIPTEN_KEEPALIVE void arlab_web_persist_result(int granted) {
  saver().status.persistence_asked = true;
  saver().status.persistence_granted = granted != 0;
}

// The book stays in memory whatever happened; an error (e.g. QuotaExceededError) shows in
// StorageStatus.last_error, and the next change tries again.
EMSCRIPTEN_KEEPALIVE void arlab_web_sync_done(const char* error) {
  Saver& s = saver();
  s.in_flight = false;
  s.status.saving = false;
  if (error) {
    s.status.last_error = error;
  } else {
    s.status.last_error.clear();
    s.status.last_saved = local_time("%Y-%m-%d %H:%M:%S");
  }
  if (s.start_when_idle) start_save();
}

EMSCRIPTEN_KEEPALIVE void arlab_web_save_due() { save_now_or_chain(); }

EMSCRIPTEN_KEEPALIVE void arlab_web_flush() { app::platform::flush_save(); }

// For scripts and tests: {"where":..., "saving":bool, "last_saved":..., "last_error":...,
// "persistence_asked":bool, "persistence_granted":bool, "pending":bool (a book or a setting
// waits), "syncs":N}.
EMSCRIPTEN_KEEPALIVE const char* arlab_web_storage_json() {
  static std::string json;
  const Saver& s = saver();
  auto quoted = [](const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out + "\"";
  };
  auto flag = [](bool b) { return b ? "true" : "false"; };
  json = std::string("{\"where\":") + quoted(s.status.where) +
         ",\"saving\":" + flag(s.status.saving) + ",\"pending\":" + flag(s.waiting()) +
         ",\"last_saved\":" + quoted(s.status.last_saved) +
         ",\"last_error\":" + quoted(s.status.last_error) +
         ",\"persistence_asked\":" + flag(s.status.persistence_asked) +
         ",\"persistence_granted\":" + flag(s.status.persistence_granted) +
         ",\"syncs\":" + std::to_string(s.sync_count) + "}";
  return json.c_str();
}

}  // extern "C"

namespace web {

void start_storage(void (*on_ready)()) {
  saver().on_ready = on_ready;
  saver().status.where = "IndexedDB (browser)";
  saver().status.snapshot_bytes_max = kSnapshotSizeMax;
  arlab_js_storage_start();
}

void set_page_status(const char* text) { arlab_js_set_status(text); }

}  // namespace web

// [SECTION] app::platform
namespace app::platform {

std::optional<std::string> load_saved_book() {
  if (!saver().mounted) return std::nullopt;
  std::optional<std::string> text = read_text(kBookPath);
  if (text && text->empty()) return std::nullopt;
  return text;
}

std::optional<BookLabel> load_saved_label() {
  if (!saver().mounted) return std::nullopt;
  std::optional<std::string> text = read_text(kBookMetaPath);
  SnapshotMeta meta;
  if (!text || !read_snapshot_meta(*text, &meta)) return std::nullopt;
  return meta.label;
}

void schedule_save(const std::string& book_json, const BookLabel& label) {
  Saver& s = saver();
  if (!s.waiting()) s.pending_since_ms = emscripten_get_now();
  s.pending = book_json;
  s.pending_label = label;
  s.has_pending = true;
  arm_save_timer();
}

// The list changes now; the files with the next save (one syncfs at a time), soon.
bool keep_snapshot(const std::string& book_json, const BookLabel& label, SnapshotKind kind,
                   std::string* error) {
  Saver& s = saver();
  if (!s.mounted) {
    if (error) *error = "IndexedDB is not available: " + s.status.last_error;
    return false;
  }
  bool was_waiting = s.waiting();
  if (!list_snapshot(book_json, label, kind)) {
    if (error) *error = s.status.snapshot_note;
    return false;
  }
  if (!was_waiting) s.pending_since_ms = emscripten_get_now();
  arm_save_timer();
  return true;
}

bool pin_snapshot(const std::string& id, bool pinned, std::string* error) {
  Saver& s = saver();
  for (Snapshot& snap : s.snapshots) {
    if (snap.id != id) continue;
    if (!snap.meta.labelled) {
      if (error) *error = "saved by an older arlab, without a label: restore it to keep it";
      return false;
    }
    if (!s.waiting()) s.pending_since_ms = emscripten_get_now();
    snap.meta.pinned = pinned;
    s.snapshot_ops.push_back({Saver::SnapshotOp::Label, id, ""});
    arm_save_timer();
    return true;
  }
  if (error) *error = "no snapshot " + id;
  return false;
}

// Waits with the book's debounce (a plan applied with each Enter writes once), then goes in
// the same syncfs as the book. Errors show later in storage_status().last_error.
bool save_setting(const std::string& name, const std::string& text, std::string* error) {
  if (!valid_setting_name(name)) {
    if (error) *error = "not a setting name: \"" + name + "\"";
    return false;
  }
  Saver& s = saver();
  if (!s.waiting()) s.pending_since_ms = emscripten_get_now();
  s.pending_settings[name] = text;
  arm_save_timer();
  return true;
}

std::optional<std::string> load_setting(const std::string& name) {
  if (!valid_setting_name(name)) return std::nullopt;
  const Saver& s = saver();
  auto waiting = s.pending_settings.find(name);
  if (waiting != s.pending_settings.end()) return waiting->second;
  if (!s.mounted) return std::nullopt;
  return read_text(std::string(kSettingsDir) + "/" + name);
}

void flush_save() { save_now_or_chain(); }

StorageStatus storage_status() { return saver().status; }

std::vector<Snapshot> snapshots() { return saver().snapshots; }

std::optional<std::string> load_snapshot(const std::string& id) {
  const Saver& s = saver();
  if (std::none_of(s.snapshots.begin(), s.snapshots.end(),
                   [&](const Snapshot& snap) { return snap.id == id; })) {
    return std::nullopt;  // Only listed ids: never a path of the caller's making.
  }
  for (const Saver::SnapshotOp& op : s.snapshot_ops) {  // Not written yet.
    if (op.kind == Saver::SnapshotOp::Write && op.id == id) return op.text;
  }
  return read_text(snapshot_path(id));
}

bool request_open_file(OpenKind kind) {
  // The picker's `accept`: CSV exports are often .txt or .tsv too.
  const char* accept = kind == OpenKind::Csv ? ".csv,.tsv,.txt,text/csv" : ".json,application/json";
  return arlab_js_pick_file(accept) != 0;
}

bool has_file_picker() { return true; }

bool read_path(const std::string& path, std::string* text, std::string* error) {
  if (error) *error = "the browser opens files through its file picker, not by path";
  return false;
}

bool export_file(const std::string& file_name, const std::string& data, std::string* where,
                 std::string* error) {
  if (!arlab_js_download(file_name.c_str(), data.data(), static_cast<int>(data.size()))) {
    if (error) *error = "the browser refused the download";
    return false;
  }
  if (where) *where = "browser download: " + file_name;
  return true;
}

void poll() {}  // Saves run on JS timers and syncfs callbacks, not on frames.

// The browser's local date (its time zone, as the user's clock shows it): JavaScript's local
// getters, read directly rather than through Emscripten's localtime emulation.
arlab::Date today() {
  int ymd = EM_ASM_INT({
    var now = new Date();
    return now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
  });
  return arlab::date_from_ymd(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

}  // namespace app::platform
