// platform_fake.h: what the fake platform of the headless test recorded.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/platform.h"

namespace app::platform {

struct FakePlatform {
  std::optional<std::string> saved_at_start;  // What load_saved_book returns.
  int save_count = 0;
  int flush_count = 0;
  int poll_count = 0;
  std::string last_saved;
  std::string save_error;
  std::map<std::string, std::string> exported;  // File name -> data.
  bool has_picker = false;                      // Acts as the browser (true) or desktop.
  std::map<std::string, std::string> settings;  // save_setting / load_setting: the "disk".
  int setting_save_count = 0;
  std::string setting_error;                    // Set: save_setting fails with it.
  // Snapshots, as the real storages keep them (app/snapshots.h decides which stay). The clock
  // is `now` (tests move it); `session` is the running session's start.
  std::optional<BookLabel> label_at_start;      // What load_saved_label returns.
  BookLabel last_label;                         // Of the last schedule_save.
  std::string now = "2025-06-30 09:00:00";
  std::string session = "2025-06-30 09:00:00";
  uint64_t snapshot_bytes_max = 0;              // 0: no limit.
  std::string snapshot_note;
  std::vector<Snapshot> snapshots;              // Newest first.
  std::map<std::string, std::string> snapshot_texts;  // Id -> book text.
  int snapshot_writes = 0;                      // Book texts written as snapshots.
  // A new "disk" and clock: no saved book, no snapshots.
  void clear_storage() {
    saved_at_start.reset();
    label_at_start.reset();
    snapshots.clear();
    snapshot_texts.clear();
    snapshot_note.clear();
    snapshot_bytes_max = 0;
    now = session = "2025-06-30 09:00:00";
  }
  arlab::Date today;                            // What platform::today() returns.
  // The simulator's platform calls (start_sim_work, warm_sim_work): counted, the last
  // generation each was given; with sim_warm_reads, the texts a spare would be sent (read once
  // a generation, as the browser does).
  int sim_starts = 0;
  std::optional<uint64_t> sim_start_generation;
  int sim_warm_calls = 0, sim_warm_queries = 0;
  uint64_t sim_warm_generation = 0;
  bool sim_warm_reads = false;
  int sim_warm_reads_count = 0;
  std::optional<uint64_t> sim_warm_book_generation;
  std::string sim_warm_book, sim_warm_request;
};

FakePlatform& fake();

}  // namespace app::platform
