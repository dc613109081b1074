// platform_web.cpp: app/platform.h for the browser.
// [SECTION] JS imports (web/library_arlab.js)
// [SECTION] save state: one FS.syncfs at a time, newest text waits, debounce
// [SECTION] settings: /persist/settings/<name>, written with the book's syncfs
// [SECTION] snapshots: /persist/snapshots/<YYYY-MM-DD_HH-MM-SS>.json, the newest 5 kept
// [SECTION] callbacks from JS
// [SECTION] app::platform
//
// Files: /persist/book.json is the saved book, /persist/settings/<name> the app's settings.
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
constexpr const char* kSnapshotDir = "/persist/snapshots";
constexpr const char* kSettingsDir = "/persist/settings";
constexpr int kSnapshotCountMax = 5;
constexpr size_t kSnapshotSizeMax = 16u << 20;  // Bigger books: no snapshots (memory, quota).
constexpr double kDebounceMs = 1000;             // Save this long after the last change...
constexpr double kDebounceLimitMs = 5000;        // ...but no later than this after the first.

// [SECTION] save state: one FS.syncfs at a time, newest text waits, debounce
struct Saver {
  bool mounted = false;          // /persist exists (IndexedDB loaded).
  void (*on_ready)() = nullptr;  // Called once the first load finished.
  std::string pending;           // Newest validated book text not yet written.
  bool has_pending = false;
  std::map<std::string, std::string> pending_settings;  // Name -> newest text not yet written.
  double pending_since_ms = 0;   // When the oldest waiting book or setting came.
  bool in_flight = false;        // A syncfs(false) is running: /persist is read-only now.
  bool start_when_idle = false;  // Timer or flush came during a running sync: chain it.
  long sync_count = 0;           // syncfs(false) calls started (for tests: one per save).
  bool waiting() const { return has_pending || !pending_settings.empty(); }
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

// [SECTION] snapshots: /persist/snapshots/<YYYY-MM-DD_HH-MM-SS>.json, the newest 5 kept
std::vector<std::string> snapshot_files_newest_first() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kSnapshotDir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() == 24 && name.ends_with(".json")) names.push_back(name);
  }
  std::sort(names.rbegin(), names.rend());  // The stamp sorts as time does.
  return names;
}

// "2025-06-30_14-02-11.json" <-> "2025-06-30 14:02:11"
std::string snapshot_display_name(std::string file) {
  file.resize(19);
  file[10] = ' ';
  file[13] = ':';
  file[16] = ':';
  return file;
}

void write_snapshot(const std::string& text) {
  if (text.size() > kSnapshotSizeMax) return;
  std::error_code ec;
  fs::create_directories(kSnapshotDir, ec);
  write_text(std::string(kSnapshotDir) + "/" + local_time("%Y-%m-%d_%H-%M-%S") + ".json", text);
  std::vector<std::string> files = snapshot_files_newest_first();
  for (size_t i = kSnapshotCountMax; i < files.size(); ++i) {
    fs::remove(std::string(kSnapshotDir) + "/" + files[i], ec);
  }
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
      write_snapshot(text);
      wrote = true;
    } else {
      s.status.last_error = "could not write /persist/book.json (out of memory?)";
    }
  }
  if (!s.pending_settings.empty()) {
    write_settings();  // What was written is synced; a failure is in last_error.
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

void schedule_save(const std::string& book_json) {
  Saver& s = saver();
  double now_ms = emscripten_get_now();
  if (!s.waiting()) s.pending_since_ms = now_ms;
  s.pending = book_json;
  s.has_pending = true;
  double wait_ms = std::min(kDebounceMs, s.pending_since_ms + kDebounceLimitMs - now_ms);
  arlab_js_arm_timer(static_cast<int>(std::max(0.0, wait_ms)));
}

// Waits with the book's debounce (a plan applied with each Enter writes once), then goes in
// the same syncfs as the book. Errors show later in storage_status().last_error.
bool save_setting(const std::string& name, const std::string& text, std::string* error) {
  if (!valid_setting_name(name)) {
    if (error) *error = "not a setting name: \"" + name + "\"";
    return false;
  }
  Saver& s = saver();
  double now_ms = emscripten_get_now();
  if (!s.waiting()) s.pending_since_ms = now_ms;
  s.pending_settings[name] = text;
  double wait_ms = std::min(kDebounceMs, s.pending_since_ms + kDebounceLimitMs - now_ms);
  arlab_js_arm_timer(static_cast<int>(std::max(0.0, wait_ms)));
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

std::vector<std::string> snapshot_names() {
  std::vector<std::string> names;
  for (const std::string& file : snapshot_files_newest_first()) {
    names.push_back(snapshot_display_name(file));
  }
  return names;
}

std::optional<std::string> load_snapshot(const std::string& name) {
  for (const std::string& file : snapshot_files_newest_first()) {
    if (snapshot_display_name(file) != name) continue;
    return read_text(std::string(kSnapshotDir) + "/" + file);
  }
  return std::nullopt;
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
