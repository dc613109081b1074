// snapshots.cpp: the snapshot policy and labels (app/snapshots.h). No files, no clock.
//
// [SECTION] Retention
// [SECTION] Ids and file names
// [SECTION] Labels (sidecar JSON)
#include "app/snapshots.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace app {

const char* snapshot_kind_name(SnapshotKind kind) {
  switch (kind) {
    case SnapshotKind::Routine: return "routine";
    case SnapshotKind::BeforeReplace: return "before replace";
    case SnapshotKind::BeforeImport: return "before import";
  }
  return "routine";
}

// ---- [SECTION] Retention ---------------------------------------------------------------

namespace {

// True the first time `key` is seen while fewer than `limit` keys were: the newest of each
// of the first `limit` keys (days, sessions) in newest-first order.
bool first_of_key(std::vector<std::string>* seen, const std::string& key, size_t limit) {
  if (std::find(seen->begin(), seen->end(), key) != seen->end()) return false;
  if (seen->size() >= limit) return false;
  seen->push_back(key);
  return true;
}

}  // namespace

std::vector<std::string> snapshot_retention(const std::vector<Snapshot>& newest_first,
                                            const RetentionPolicy& policy) {
  std::vector<std::string> why(newest_first.size());
  size_t replaced = 0, latest = 0;
  std::vector<std::string> days, sessions;
  for (size_t k = 0; k < newest_first.size(); ++k) {
    const SnapshotMeta& m = newest_first[k].meta;
    if (m.pinned) {
      why[k] = "pinned";
      continue;
    }
    if (m.kind != SnapshotKind::Routine) {
      if (replaced++ < policy.replaced) why[k] = snapshot_kind_name(m.kind);
      continue;
    }
    // Routine: every rule sees every routine snapshot (a day's last save is also counted
    // as the newest of its session), and the first rule that keeps it names why.
    std::string day = m.time.substr(0, 10);
    bool is_latest = latest++ < policy.latest;
    bool day_last = !day.empty() && first_of_key(&days, day, policy.days);
    bool session_last = !m.session.empty() && first_of_key(&sessions, m.session, policy.sessions);
    if (is_latest) {
      why[k] = "latest";
    } else if (day_last) {
      why[k] = "last of " + day;
    } else if (session_last) {
      why[k] = "last of a session";
    }
  }
  return why;
}

void sort_snapshots(std::vector<Snapshot>* snapshots) {
  std::sort(snapshots->begin(), snapshots->end(), [](const Snapshot& a, const Snapshot& b) {
    if (a.meta.time != b.meta.time) return a.meta.time > b.meta.time;
    return a.id > b.id;
  });
}

int find_snapshot_of(const std::vector<Snapshot>& snapshots, uint64_t bytes, uint64_t hash) {
  for (size_t k = 0; k < snapshots.size(); ++k) {
    const SnapshotMeta& m = snapshots[k].meta;
    if (m.labelled && m.bytes == bytes && m.hash == hash) return static_cast<int>(k);
  }
  return -1;
}

SnapshotAdd add_snapshot(std::vector<Snapshot>* list, const SnapshotMeta& meta) {
  int k = find_snapshot_of(*list, meta.bytes, meta.hash);
  if (k < 0) {
    Snapshot s{new_snapshot_id(*list, meta.time), meta};
    s.meta.labelled = true;
    list->push_back(s);
    sort_snapshots(list);
    return {s.id, true, true};
  }
  SnapshotMeta& m = (*list)[static_cast<size_t>(k)].meta;
  std::string id = (*list)[static_cast<size_t>(k)].id;
  if (meta.kind == SnapshotKind::Routine && m.kind != SnapshotKind::Routine) {
    return {id, false, false};  // Kept for good already; the routine save adds nothing.
  }
  if (meta.kind != SnapshotKind::Routine) m.kind = meta.kind;
  m.time = meta.time;
  m.session = meta.session;
  m.label = meta.label;
  sort_snapshots(list);
  return {id, false, true};
}

std::vector<std::string> apply_retention(std::vector<Snapshot>* list,
                                         const RetentionPolicy& policy) {
  std::vector<std::string> why = snapshot_retention(*list, policy);
  std::vector<std::string> removed;
  std::vector<Snapshot> kept;
  for (size_t k = 0; k < list->size(); ++k) {
    if (why[k].empty()) {
      removed.push_back((*list)[k].id);
    } else {
      kept.push_back(std::move((*list)[k]));
    }
  }
  *list = std::move(kept);
  return removed;
}

// ---- [SECTION] Ids and file names ------------------------------------------------------

std::string new_snapshot_id(const std::vector<Snapshot>& existing, const std::string& time) {
  std::string stamp = time;  // "2025-06-30 14:02:11" -> "2025-06-30_14-02-11"
  if (stamp.size() != 19) stamp = "0000-00-00 00:00:00";
  stamp[10] = '_';
  stamp[13] = stamp[16] = '-';
  for (int n = 1;; ++n) {
    char id[32];
    std::snprintf(id, sizeof id, "%s_%03d", stamp.c_str(), n % 1000);
    bool taken = std::any_of(existing.begin(), existing.end(),
                             [&](const Snapshot& s) { return s.id == id; });
    if (!taken || n >= 1000) return id;
  }
}

namespace {

bool digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "YYYY-MM-DD_HH-MM-SS" at the start of `s`.
bool stamp_at(std::string_view s) {
  return s.size() >= 19 && digits(s.substr(0, 4)) && s[4] == '-' && digits(s.substr(5, 2)) &&
         s[7] == '-' && digits(s.substr(8, 2)) && s[10] == '_' && digits(s.substr(11, 2)) &&
         s[13] == '-' && digits(s.substr(14, 2)) && s[16] == '-' && digits(s.substr(17, 2));
}

}  // namespace

bool parse_snapshot_file(std::string_view file, std::string* id, std::string* time) {
  if (file.size() < 6 || file.substr(file.size() - 5) != ".json") return false;
  std::string_view stem = file.substr(0, file.size() - 5);
  char text[20];
  if (stamp_at(stem) && (stem.size() == 19 || (stem.size() == 23 && stem[19] == '_' &&
                                               digits(stem.substr(20, 3))))) {
    std::string t(stem.substr(0, 19));  // This arlab's, or an older browser build's.
    t[10] = ' ';
    t[13] = t[16] = ':';
    *time = t;
  } else if (stem.size() == 20 && stem.substr(0, 5) == "book-" && digits(stem.substr(5, 8)) &&
             stem[13] == '-' && digits(stem.substr(14, 6))) {
    std::string_view d = stem.substr(5, 8), h = stem.substr(14, 6);  // An older desktop's.
    std::snprintf(text, sizeof text, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", d.data(), d.data() + 4,
                  d.data() + 6, h.data(), h.data() + 2, h.data() + 4);
    *time = text;
  } else {
    return false;
  }
  *id = std::string(stem);
  return true;
}

// ---- [SECTION] Labels (sidecar JSON) ---------------------------------------------------

uint64_t text_hash(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

namespace {

constexpr const char* kMetaFormat = "arlab-snapshot/1";

}  // namespace

std::string snapshot_meta_json(const SnapshotMeta& meta) {
  char hash[24];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(meta.hash));
  nlohmann::ordered_json j;
  j["format"] = kMetaFormat;
  j["book"] = meta.label.book_name;
  j["invoices"] = meta.label.invoices;
  j["customers"] = meta.label.customers;
  j["last_change"] = meta.label.last_change;
  j["kind"] = snapshot_kind_name(meta.kind);
  j["pinned"] = meta.pinned;
  j["session"] = meta.session;
  j["time"] = meta.time;
  j["bytes"] = meta.bytes;
  j["hash"] = hash;
  // Book names and descriptions come from files: never let a bad byte stop the save.
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool read_snapshot_meta(std::string_view json, SnapshotMeta* meta) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object() || j.value("format", "") != kMetaFormat) return false;
  SnapshotMeta m;
  try {
    m.label.book_name = j.value("book", "");
    m.label.invoices = j.value("invoices", uint64_t{0});
    m.label.customers = j.value("customers", uint64_t{0});
    m.label.last_change = j.value("last_change", "");
    std::string kind = j.value("kind", "routine");
    for (SnapshotKind k : {SnapshotKind::BeforeReplace, SnapshotKind::BeforeImport}) {
      if (kind == snapshot_kind_name(k)) m.kind = k;
    }
    m.pinned = j.value("pinned", false);
    m.session = j.value("session", "");
    m.time = j.value("time", "");
    m.bytes = j.value("bytes", uint64_t{0});
    m.hash = std::strtoull(j.value("hash", "0").c_str(), nullptr, 16);
  } catch (const nlohmann::json::exception&) {
    return false;  // A member of the wrong type: not ours.
  }
  m.labelled = true;
  *meta = std::move(m);
  return true;
}

std::string label_text(const BookLabel& label) {
  auto count = [](uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  return (label.book_name.empty() ? std::string("(unnamed)") : label.book_name) + ", " +
         count(label.invoices, "invoice", "invoices") + ", " +
         count(label.customers, "customer", "customers");
}

}  // namespace app
