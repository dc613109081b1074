// snapshots.h: what a snapshot of the book is and which ones are kept. Pure: no files, no
// clock, no platform; the three storages (native/platform_native.cpp, web/platform_web.cpp,
// tests/app/platform_fake.cpp) list their snapshots, call these, and remove what they say.
//
// The policy (snapshot_retention), so that the few kept snapshots mean something:
//   pinned          never removed (the user's Pin in Storage)
//   before replace  the open book as it was just before File > Open, a drop, New from
//   before import   sample, Restore or Import CSV replaced it: the newest 10 kept
//   latest          routine saves (one a save): the newest 2
//   last of a day   the newest routine save of each of the last 7 days that have one
//   last of session the newest routine save of each of the last 3 sessions
// Anything else goes. Each snapshot carries a label (book name, counts, last change) in a
// small JSON sidecar, so the list says what each one holds without reading the book.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace app {

enum class SnapshotKind : uint8_t { Routine, BeforeReplace, BeforeImport };
const char* snapshot_kind_name(SnapshotKind kind);  // "routine", "before replace", ...

// What a book is, in words: kept with the saved book and with each snapshot.
struct BookLabel {
  std::string book_name;        // "small-book.json", "sample"
  uint64_t invoices = 0;
  uint64_t customers = 0;
  std::string last_change;      // "Invoice INV-9 ...", or "last document 2025-03-20"
};

struct SnapshotMeta {
  BookLabel label;
  SnapshotKind kind = SnapshotKind::Routine;
  bool pinned = false;
  std::string session;          // The saving session's start ("2025-06-30 14:02:11"); "" unknown.
  std::string time;             // Local time of the save, "2025-06-30 14:02:11".
  uint64_t bytes = 0;           // Size of the book text.
  uint64_t hash = 0;            // text_hash of the book text: the same book is not kept twice.
  bool labelled = false;        // Read from a sidecar (false: saved by an older arlab).
};

struct Snapshot {
  std::string id;               // The file's stem, "2025-06-30_14-02-11_001".
  SnapshotMeta meta;
};

struct RetentionPolicy {
  size_t latest = 2;            // Routine saves kept as they come.
  size_t days = 7;              // Last routine save of each of that many days.
  size_t sessions = 3;          // Last routine save of each of that many sessions.
  size_t replaced = 10;         // Before replace / before import (unpinned).
};

// Why each snapshot of `newest_first` is kept ("pinned", "before replace", "latest",
// "last of 2025-06-30", "last of a session"), or "" for one to remove; same order.
std::vector<std::string> snapshot_retention(const std::vector<Snapshot>& newest_first,
                                            const RetentionPolicy& policy = {});
// Newest first: by time, then by id (two snapshots in one second).
void sort_snapshots(std::vector<Snapshot>* snapshots);
// A new id "YYYY-MM-DD_HH-MM-SS_NNN" for a snapshot saved at `time` ("YYYY-MM-DD HH:MM:SS"),
// not taken in `existing`.
std::string new_snapshot_id(const std::vector<Snapshot>& existing, const std::string& time);
// The snapshot holding this very book (same size and hash), -1 if none.
int find_snapshot_of(const std::vector<Snapshot>& snapshots, uint64_t bytes, uint64_t hash);

// What a storage does with a new snapshot, kept in `list` (newest first): a new entry with a
// new id, unless this very book is there already (same size and hash): then that entry takes
// the new time, session and label, and the kind when it is not routine (a routine save of a
// book kept before a replace changes nothing). The storage writes the book for a new entry,
// and the label in every case.
struct SnapshotAdd {
  std::string id;
  bool is_new = false;
  bool changed = true;  // False: nothing to write.
};
SnapshotAdd add_snapshot(std::vector<Snapshot>* list, const SnapshotMeta& meta);
// Drops from `list` what snapshot_retention does not keep; returns their ids (to remove).
std::vector<std::string> apply_retention(std::vector<Snapshot>* list,
                                         const RetentionPolicy& policy = {});

// File names in a snapshot folder: "<id>.json" (the book) and "<id>.meta.json" (its label).
// Also the names older arlabs wrote, without a label: "YYYY-MM-DD_HH-MM-SS.json" (browser)
// and "book-YYYYMMDD-HHMMSS.json" (desktop). True for a book file; *id is its stem and
// *time its local time "YYYY-MM-DD HH:MM:SS".
bool parse_snapshot_file(std::string_view file, std::string* id, std::string* time);

uint64_t text_hash(std::string_view text);  // FNV-1a, 64 bits.
std::string snapshot_meta_json(const SnapshotMeta& meta);
// False (and *meta untouched) if the text is not a sidecar this arlab wrote.
bool read_snapshot_meta(std::string_view json, SnapshotMeta* meta);
// "book.json, 3 invoices, 2 customers"
std::string label_text(const BookLabel& label);

}  // namespace app
