// platform_fake.cpp: app/platform.h for the headless test: no files; records what the app
// asked for so the test can check that every accepted change was saved. Settings live in a map
// that outlives a State, as files outlive a session.
#include "platform_fake.h"

namespace app::platform {

FakePlatform& fake() {
  static FakePlatform f;
  return f;
}

std::optional<std::string> load_saved_book() { return fake().saved_at_start; }

void schedule_save(const std::string& book_json) {
  ++fake().save_count;
  fake().last_saved = book_json;
}

void flush_save() { ++fake().flush_count; }

StorageStatus storage_status() {
  StorageStatus s;
  s.where = "(test: memory)";
  s.last_error = fake().save_error;
  return s;
}

std::vector<std::string> snapshot_names() {
  if (fake().last_saved.empty()) return {};
  return {"snapshot-1"};
}

std::optional<std::string> load_snapshot(const std::string& name) {
  if (name != "snapshot-1") return std::nullopt;
  return fake().last_saved;
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

}  // namespace app::platform
