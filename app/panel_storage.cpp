// panel_storage.cpp: where the book is saved, whether the browser granted persistent
// storage, the last save and its error (a quota error keeps the book in memory and offers
// an export), and the snapshots (app/snapshots.h): what each holds, why it is kept, Pin and
// Restore (which asks first, app/replace.cpp).
#include "app/app.h"
#include "app/app_state.h"
#include "app/platform.h"
#include "app/widgets.h"
#include "imgui.h"

namespace app {

namespace {

void row(const char* name, const std::string& value, const ImVec4* color = nullptr) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ui::text_muted(name);
  ImGui::TableNextColumn();
  if (color) {
    ImGui::TextColored(*color, "%s", value.c_str());
  } else {
    ImGui::TextUnformatted(value.c_str());
  }
}

void draw_status(const platform::StorageStatus& s) {
  const ui::Palette& p = ui::palette();
  if (!ImGui::BeginTable("##storage", 2, ImGuiTableFlags_SizingFixedFit)) return;
  ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, 170);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  row("Saved to", s.where);
  if (s.persistence_asked) {
    row("Persistent storage", s.persistence_granted ? "granted: the browser will not evict it"
                                                    : "not granted: the browser may evict it",
        s.persistence_granted ? &p.good : &p.warn);
  } else {
    row("Persistent storage", s.persistence_granted ? "yes (a file on disk)" : "not asked");
  }
  row("Last save", s.saving ? "saving..." : (s.last_saved.empty() ? "not yet" : s.last_saved));
  row("Last error", s.last_error.empty() ? "none" : s.last_error,
      s.last_error.empty() ? &p.good : &p.bad);
  ImGui::EndTable();
}

// One snapshot: when, why it is kept, what it holds; Pin / Unpin and Restore (which asks).
void snapshot_row(State& state, const Snapshot& snap, const std::string& why) {
  const SnapshotMeta& m = snap.meta;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(m.time.c_str());
  ImGui::TableNextColumn();
  if (why == "pinned" || m.kind != SnapshotKind::Routine) {
    ImGui::TextColored(ui::palette().accent, "%s", why.empty() ? "(goes next)" : why.c_str());
  } else {
    ImGui::TextUnformatted(why.empty() ? "(goes next)" : why.c_str());
  }
  if (m.pinned && m.kind != SnapshotKind::Routine) ui::text_muted(snapshot_kind_name(m.kind));
  ImGui::TableNextColumn();
  if (m.labelled) {
    ui::text_fit(label_text(m.label));
    ui::text_fit_colored(ui::palette().text_muted, "Last change: " + m.label.last_change);
  } else {
    ui::text_muted("Saved by an older arlab: no label (restore it to see it)");
  }
  ImGui::TableNextColumn();
  ImGui::PushID(snap.id.c_str());
  if (m.labelled && ImGui::SmallButton(m.pinned ? "Unpin" : "Pin")) {
    std::string error;
    if (!platform::pin_snapshot(snap.id, !m.pinned, &error)) {
      show_problems(state, "Could not pin snapshot " + m.time, {arlab::Problem{"", error}});
    } else {
      state.status = (m.pinned ? "Unpinned the snapshot of " : "Pinned the snapshot of ") + m.time;
    }
  }
  if (m.labelled) ImGui::SameLine();
  if (ImGui::SmallButton("Restore...")) ask_restore_snapshot(state, snap.id);
  ImGui::PopID();
}

void draw_snapshots(State& state, const platform::StorageStatus& status) {
  std::vector<Snapshot> snapshots = platform::snapshots();
  std::vector<std::string> why = snapshot_retention(snapshots);
  ui::heading("Snapshots");
  ui::help_marker("Kept: the book before each replace or import (the last 10), pinned ones "
                  "(never removed), the last save of each of the last 7 days and of each of the "
                  "last 3 sessions, and the 2 latest saves. Restoring one asks first and keeps "
                  "the open book as a snapshot too.");
  if (!status.snapshot_note.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ui::palette().warn, "%s", status.snapshot_note.c_str());
    ImGui::PopTextWrapPos();
  }
  if (snapshots.empty()) {
    ui::text_muted("No snapshot yet: one is kept with each save and before each replace.");
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("##snapshots", 4, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Saved", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("0000-00-00 00:00:00").x + 8);
  ImGui::TableSetupColumn("Kept as", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("last of 0000-00-00").x + 8);
  ImGui::TableSetupColumn("Book", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("Unpin Restore...").x + 24);
  ImGui::TableHeadersRow();
  for (size_t k = 0; k < snapshots.size(); ++k) snapshot_row(state, snapshots[k], why[k]);
  ImGui::EndTable();
}

}  // namespace

// The saved book that could not be read at start: kept as it was until the user decides.
static void draw_held_book(State& state) {
  const ui::Palette& p = ui::palette();
  ImGui::PushTextWrapPos(0.0f);
  size_t count = state.held_problems.size();
  ImGui::TextColored(p.bad,
                     "The book saved by the last session could not be read (%zu problem%s). It "
                     "is kept exactly as it was: nothing is saved over it, so the open book and "
                     "its changes are not saved either.",
                     count, count == 1 ? "" : "s");
  std::string advice = arlab::date_order_advice(state.held_problems);
  if (!advice.empty()) ImGui::TextUnformatted(advice.c_str());
  ui::text_muted("Export it, mend each document named (arlab check lists them), then open the "
                 "mended file. Or replace it with the open book, which is then saved.");
  ImGui::PopTextWrapPos();
  if (ImGui::Button("Export the saved book")) export_held_book(state);
  ImGui::SameLine();
  if (ImGui::Button("Show its problems")) {
    show_problems(state, "The saved book could not be read", state.held_problems, "saved book");
  }
  ImGui::SameLine();
  if (ImGui::Button("Replace it with the open book")) release_held_book(state);
  ImGui::Separator();
}

void draw_storage(State& state) {
  if (!state.held_saved_book.empty()) draw_held_book(state);
  platform::StorageStatus s = platform::storage_status();
  draw_status(s);
  ImGui::Spacing();
  if (!s.last_error.empty()) {
    ImGui::TextColored(ui::palette().bad, "The book is safe in memory but could not be saved.");
    ImGui::SameLine();
  }
  if (ImGui::Button("Export the book (JSON)")) export_book_json(state);
  ImGui::SameLine();
  if (ImGui::Button("Export ledger journal")) export_ledger_journal(state);
  ImGui::SameLine();
  if (ImGui::Button("Export aging CSV")) export_aging_csv(state);
  ImGui::SameLine();
  ImGui::BeginDisabled(!state.held_saved_book.empty());
  bool save_now = ImGui::Button("Save now");
  ImGui::EndDisabled();
  if (save_now) {
    save_book(state);
    platform::flush_save();
  }
  ImGui::Separator();
  draw_snapshots(state, s);
}

}  // namespace app
