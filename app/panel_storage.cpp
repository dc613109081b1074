// panel_storage.cpp: where the book is saved, whether the browser granted persistent
// storage, the last save and its error (a quota error keeps the book in memory and offers
// an export), and the snapshots that can be restored.
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

void draw_snapshots(State& state) {
  std::vector<std::string> names = platform::snapshot_names();
  ui::heading("Snapshots");
  ui::help_marker("The last few saved states, newest first. Restoring one opens it as the "
                  "current book (it is checked like any opened file).");
  if (names.empty()) {
    ui::text_muted("No snapshot yet: one is kept with each save.");
    return;
  }
  if (!ImGui::BeginTable("##snapshots", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter)) {
    return;
  }
  ImGui::TableSetupColumn("Saved", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 110);
  for (const std::string& name : names) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(name.c_str());
    ImGui::TableNextColumn();
    ImGui::PushID(name.c_str());
    if (ImGui::Button("Restore")) {
      std::optional<std::string> text = platform::load_snapshot(name);
      if (text) {
        open_book_text(state, "snapshot " + name, *text);
      } else {
        show_problems(state, "Could not read snapshot " + name, {});
      }
    }
    ImGui::PopID();
  }
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
  draw_snapshots(state);
}

}  // namespace app
