// platform.h: what the UI needs from the machine it runs on. One implementation a
// platform, chosen by CMake: native/platform_native.cpp (files), web/platform_web.cpp
// (IndexedDB through IDBFS, browser file picker and downloads). No #ifdef in app/.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/snapshots.h"
#include "core/date.h"

namespace app {
class SimWork;         // app/sim_runner.h
struct SimWorkInput;
enum class SimWarmth : uint8_t;
}  // namespace app

namespace app::platform {

struct StorageStatus {
  std::string where;               // "IndexedDB (browser)" or "~/.local/share/arlab/book.json".
  bool persistence_asked = false;  // navigator.storage.persist() was called (web).
  bool persistence_granted = false;
  bool saving = false;             // A save is in flight.
  std::string last_saved;          // Local time of the last successful save, "" if none.
  std::string last_error;          // e.g. "QuotaExceededError: ..."; "" if the last save worked.
  uint64_t snapshot_bytes_max = 0; // Books bigger than this get no snapshot (web); 0: no limit.
  std::string snapshot_note;       // Why the last snapshot was not kept ("" if it was).
};

// Once at start-up: the book text the last session saved, if any.
std::optional<std::string> load_saved_book();
// Saves a book text that has passed validation: soon after a change (debounced), and at
// once when the page is hidden / the window closes. One save at a time; a newer text
// replaces a waiting one. Each save is also a routine snapshot, labelled with `label`;
// app/snapshots.h decides which snapshots stay.
void schedule_save(const std::string& book_json, const BookLabel& label = {});
void flush_save();  // Writes a waiting save now (shutdown, visibilitychange).
StorageStatus storage_status();

// The label saved with the book the last session saved (its name, counts, last change).
std::optional<BookLabel> load_saved_label();

// Restorable snapshots, newest first (app/snapshots.h), with their labels.
std::vector<Snapshot> snapshots();
std::optional<std::string> load_snapshot(const std::string& id);
// Keeps `book_json` now as a snapshot of `kind` (the open book, before a replace or an
// import). The same book already kept (same bytes) is not written twice: that snapshot takes
// the kind. False (*error says why) if it could not be kept, e.g. over snapshot_bytes_max.
bool keep_snapshot(const std::string& book_json, const BookLabel& label, SnapshotKind kind,
                   std::string* error);
// Pinned snapshots are never removed by the policy. False if there is no such snapshot.
bool pin_snapshot(const std::string& id, bool pinned, std::string* error);

// App settings: small named texts kept across sessions beside the saved book (the Commission
// tab's plan slots). Native: one file each in the book's data folder (settings/NAME, written
// atomically); web: /persist/settings/NAME, written to IndexedDB with the book's syncfs (one
// at a time; a newer text replaces a waiting one). Names are 1-64 of [a-z0-9._-]; false (and
// nothing kept) for another name, or when the text could not be written (*error says why).
bool save_setting(const std::string& name, const std::string& text, std::string* error = nullptr);
// The text last saved under `name` (this session's, if it saved one), nullopt if none.
std::optional<std::string> load_setting(const std::string& name);
// 1-64 of [a-z0-9._-], not starting with '.': a plain file name on every platform.
inline bool valid_setting_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name[0] == '.') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// What a file is asked for: the picker shows files of that kind (web: its `accept`).
// Plan: a commission plan; Paid: a commission statement paid out earlier (JSON with lines);
// Policy: a simulator policy (io/policy_json.h).
enum class OpenKind : uint8_t { Book, Csv, CsvMap, Plan, Paid, Policy };
// Open a file. Web: the browser's file picker; the shell later calls app::open_file_text,
// which routes the file by its name and by what the app asked for. Native: returns false
// and the UI asks for a path instead.
bool request_open_file(OpenKind kind = OpenKind::Book);
bool has_file_picker();  // True where request_open_file shows a picker (web).
bool read_path(const std::string& path, std::string* text, std::string* error);  // Native only.

// Hands a file to the user. Web: a browser download. Native: an atomic write to `path_hint`
// (or to the current directory); returns where it went in *where.
bool export_file(const std::string& file_name, const std::string& data, std::string* where,
                 std::string* error);

// The policy simulator's runs off the UI thread (app/sim_runner.h): native std::threads, one a
// core; the browser's Web Worker. nullptr where there is none (no Worker, the tests' fake
// platform): the runner then fills the runs in slices across frames.
std::unique_ptr<SimWork> start_sim_work(const SimWorkInput& input);

// A spare for the next start_sim_work, warmed before it is needed (web: a Web Worker that has
// loaded its module, read the book, fitted the model of `request_json` and run a few of its runs,
// so that the browser has compiled the hot code to its optimized tier). Called every frame the
// Simulation page is drawn, so cheap when nothing changed: book_json and request_json are called
// only when a spare is made (none yet, or the spare holds another generation: it is then
// stopped). `make` false: only says how the spare is (nothing is started: a run is under way).
// A run on the spare's generation takes it (SimWorkInput::book_generation); the next call makes
// another. Natively and in the tests' fake: nothing to warm, None.
SimWarmth warm_sim_work(uint64_t book_generation, const std::function<std::string()>& book_json,
                        const std::function<std::string()>& request_json, bool make = true);

// Called every frame (web: finishes async saves; native: nothing).
void poll();

// Today's date where the user is: the machine's clock in the user's time zone (native:
// localtime_r; web: the browser's local date, JavaScript's Date getters, not UTC). The app
// reads it every frame, so a session left open past midnight moves on.
arlab::Date today();

}  // namespace app::platform
