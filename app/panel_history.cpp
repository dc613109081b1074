// panel_history.cpp: the undo list. Every accepted change is one line (arlab::describe);
// undone changes stay listed, muted, until a new change replaces them. Clicking a line
// undoes or redoes up to it.
#include "app/app_state.h"
#include "app/widgets.h"
#include "imgui.h"

namespace app {

namespace {

// Undo or redo until `done` changes are applied.
void move_to(State& state, size_t done) {
  while (state.history.done_count() > done && state.history.can_undo()) undo(state);
  while (state.history.done_count() < done && state.history.can_redo()) redo(state);
}

}  // namespace

void draw_history(State& state) {
  const std::vector<HistoryLine> lines = history_lines(state);
  size_t done = state.history.done_count();
  ImGui::BeginDisabled(!state.history.can_undo());
  if (ImGui::Button("Undo  (Ctrl+Z)")) undo(state);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!state.history.can_redo());
  if (ImGui::Button("Redo  (Ctrl+Y)")) redo(state);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ui::text_muted("Posted documents are never edited: a change adds a document, undo removes it.");
  ImGui::Spacing();
  if (state.book_reloaded) {  // Said plainly: the session before cannot be undone here.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ui::palette().warn, "Undo history does not survive a reload: changes "
                       "made before %s was reopened cannot be undone here. Earlier states of "
                       "the book are in Storage > Snapshots.", state.book_name.c_str());
    ImGui::PopTextWrapPos();
  }
  if (lines.empty()) {
    ui::text_muted("No changes since the book was opened. Add an invoice, a payment, a credit "
                   "note, a write-off or a customer under New entry.");
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("##edits", 3, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 40);
  ImGui::TableSetupColumn("Change", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthFixed, 110);
  ImGui::TableHeadersRow();
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TableNextColumn();
  if (ImGui::Selectable("(book as opened)", done == 0, ImGuiSelectableFlags_SpanAllColumns)) {
    move_to(state, 0);
  }
  size_t target = done;
  for (size_t k = 0; k < lines.size(); ++k) {
    bool applied = lines[k].applied;
    ImGui::TableNextRow();
    if (!applied) ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().text_muted);
    ImGui::TableNextColumn();
    ImGui::Text("%zu", k + 1);
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(k));
    bool current = k + 1 == done;
    if (ImGui::Selectable(lines[k].text.c_str(), current, ImGuiSelectableFlags_SpanAllColumns)) {
      target = k + 1;
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(applied ? "applied" : "undone");
    if (!applied) ImGui::PopStyleColor();
  }
  ImGui::EndTable();
  if (target != done) move_to(state, target);
}

}  // namespace app
