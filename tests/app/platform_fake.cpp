// platform_fake.cpp: app/platform.h for the headless test: no files; records what the app
// asked for so the test can check that every accepted change was saved. Settings live in a map
// that outlives a State, as files outlive a session.
#include "platform_fake.h"

#include "app/sim_runner.h"

namespace app::platform {

FakePlatform& fake() {
  static FakePlatform f;
  return f;
}

std::optional<std::string> load_saved_book() { return fake().saved_at_start; }

namespace {

// What the real storages do with a snapshot: a new one written, or the same book's label
// updated; then the policy's removals.
bool add(const std::string& text, const BookLabel& label, SnapshotKind kind, std::string* error) {
  FakePlatform& f = fake();
  if (f.snapshot_bytes_max && text.size() > f.snapshot_bytes_max) {
    f.snapshot_note = "the book is over the snapshot limit";
    if (error) *error = f.snapshot_note;
    return false;
  }
  f.snapshot_note.clear();
  SnapshotMeta meta;
  meta.label = label;
  meta.kind = kind;
  meta.session = f.session;
  meta.time = f.now;
  meta.bytes = text.size();
  meta.hash = text_hash(text);
  SnapshotAdd added = add_snapshot(&f.snapshots, meta);
  if (added.is_new) {
    f.snapshot_texts[added.id] = text;
    ++f.snapshot_writes;
  }
  for (const std::string& id : apply_retention(&f.snapshots)) f.snapshot_texts.erase(id);
  return true;
}

}  // namespace

void schedule_save(const std::string& book_json, const BookLabel& label) {
  ++fake().save_count;
  fake().last_saved = book_json;
  fake().last_label = label;
  add(book_json, label, SnapshotKind::Routine, nullptr);
}

std::optional<BookLabel> load_saved_label() { return fake().label_at_start; }

bool keep_snapshot(const std::string& book_json, const BookLabel& label, SnapshotKind kind,
                   std::string* error) {
  return add(book_json, label, kind, error);
}

bool pin_snapshot(const std::string& id, bool pinned, std::string* error) {
  for (Snapshot& s : fake().snapshots) {
    if (s.id != id) continue;
    s.meta.pinned = pinned;
    return true;
  }
  if (error) *error = "no snapshot " + id;
  return false;
}

void flush_save() { ++fake().flush_count; }

StorageStatus storage_status() {
  StorageStatus s;
  s.where = "(test: memory)";
  s.last_error = fake().save_error;
  s.snapshot_bytes_max = fake().snapshot_bytes_max;
  s.snapshot_note = fake().snapshot_note;
  return s;
}

std::vector<Snapshot> snapshots() { return fake().snapshots; }

std::optional<std::string> load_snapshot(const std::string& id) {
  auto it = fake().snapshot_texts.find(id);
  if (it == fake().snapshot_texts.end()) return std::nullopt;
  return it->second;
}

bool save_setting(const std::string& name, const std::string& text, std::string* error) {
  if (!valid_setting_name(name) || !fake().setting_error.empty()) {
    if (error) *error = fake().setting_error.empty() ? "bad name" : fake().setting_error;
    return false;
  }
  ++fake().setting_save_count;
  fake().settings[name] = text;
  return true;
}

std::optional<std::string> load_setting(const std::string& name) {
  auto it = fake().settings.find(name);
  if (it == fake().settings.end()) return std::nullopt;
  return it->second;
}

bool request_open_file(OpenKind) { return fake().has_picker; }

bool has_file_picker() { return fake().has_picker; }

bool read_path(const std::string& path, std::string* text, std::string* error) {
  *error = "no files in the test: " + path;
  return false;
}

bool export_file(const std::string& file_name, const std::string& data, std::string* where,
                 std::string* error) {
  fake().exported[file_name] = data;
  *where = "(test)";
  return true;
}

void poll() { ++fake().poll_count; }

arlab::Date today() { return fake().today; }

// No threads and no worker here: the simulator's runner fills its runs in slices across
// frames, the browser's fallback, which the tests check against a direct run.
std::unique_ptr<SimWork> start_sim_work(const SimWorkInput& input) {
  FakePlatform& f = fake();
  ++f.sim_starts;
  f.sim_start_generation = input.book_generation;
  return nullptr;
}

// Nothing to warm (no worker), as natively: None. The calls are recorded; with `sim_warm_reads`
// it reads the texts as the browser's does, once a generation, so that a test sees what a spare
// would be sent and that a frame with nothing new reads nothing.
SimWarmth warm_sim_work(uint64_t book_generation, const std::function<std::string()>& book_json,
                        const std::function<std::string()>& request_json, bool make) {
  FakePlatform& f = fake();
  ++f.sim_warm_calls;
  if (!make) ++f.sim_warm_queries;
  f.sim_warm_generation = book_generation;
  if (f.sim_warm_reads && make && f.sim_warm_book_generation != book_generation) {
    f.sim_warm_book_generation = book_generation;
    f.sim_warm_book = book_json();
    f.sim_warm_request = request_json();
    ++f.sim_warm_reads_count;
  }
  return SimWarmth::None;
}

}  // namespace app::platform
