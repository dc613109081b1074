// replace.cpp: never lose a book. Every way the open book can be replaced by the user (File >
// Open, a dropped file, New from sample, Storage > Restore) reads and checks the new book
// first, then asks "Replace the open book?" naming both; the Import CSV tab asks with the
// same lines. Replacing keeps the open book as a snapshot that is not rolled over
// (app/snapshots.h), so a wrong click is one Restore away.
//
// [SECTION] The open book in words
// [SECTION] Asking
// [SECTION] The modal
#include <algorithm>
#include <cstdio>
#include <utility>

#include "app/app_state.h"
#include "app/platform.h"
#include "app/widgets.h"
#include "core/date.h"
#include "imgui.h"
#include "io/book_json.h"

namespace app {

// ---- [SECTION] The open book in words --------------------------------------------------

std::string last_change_text(const State& state) {
  size_t done = state.history.done_count();
  if (done > 0) return arlab::describe(state.history.edits()[done - 1], state.book);
  if (!state.opened_last_change.empty()) return state.opened_last_change;
  const arlab::Book& b = state.book;
  if (b.invoices.empty() && b.payments.empty() && b.credit_notes.empty() &&
      b.write_offs.empty() && b.refunds.empty()) {
    return "no documents yet";
  }
  return "last document dated " + arlab::format_date(arlab::book_last_date(b));
}

BookLabel book_label(const State& state) {
  BookLabel label;
  label.book_name = state.book_name;
  label.invoices = state.book.invoices.size();
  label.customers = state.book.customers.size();
  label.last_change = last_change_text(state);
  return label;
}

namespace {

// The open book's text, made once per change of the book (its size decides whether a
// snapshot can be kept; keep_open_book writes it).
const std::string& open_book_json(State& state) {
  ReplaceConfirm& r = state.replace;
  if (r.open_text_generation != state.book_generation) {
    r.open_text = arlab::write_book_json(state.book);
    r.open_text_generation = state.book_generation;
  }
  return r.open_text;
}

std::string megabytes(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return text;
}

}  // namespace

void keep_open_book(State& state, SnapshotKind kind) {
  ReplaceConfirm& r = state.replace;
  r.keep_error.clear();
  if (state.book_generation == 0) return;  // Start-up: nothing was open.
  const std::string& text = open_book_json(state);
  if (!platform::keep_snapshot(text, book_label(state), kind, &r.keep_error) &&
      r.keep_error.empty()) {
    r.keep_error = "the storage refused it";
  }
  r.open_text.clear();  // Not kept in memory beside the new book.
  r.open_text.shrink_to_fit();
  r.open_text_generation = ~0ull;
}

// ---- [SECTION] Asking ------------------------------------------------------------------

void ask_replace(State& state, arlab::Book&& book, const std::string& name,
                 const std::string& source, const std::string& done_status) {
  ReplaceConfirm& r = state.replace;
  r.book = std::move(book);
  r.name = name.substr(name.find_last_of("/\\") + 1);  // The file name, no folders.
  r.source = source;
  r.done_status = done_status;
  r.last_change.clear();
  r.sample_shift_days = 0;
  r.pending = true;
  r.open_popup = true;
  state.status = "Replace the open book with " + source + "? (asked)";
}

bool ask_open_book_text(State& state, std::string_view file_name, std::string_view text) {
  std::string name(file_name);
  if (refuse_not_a_book(state, name, text)) return false;  // Nothing to ask either.
  arlab::LoadResult r = arlab::read_book_json(text);
  if (!r.ok) {  // Nothing to ask: the open book stays exactly as it was.
    show_problems(state, "Could not open " + name, std::move(r.problems), name);
    return false;
  }
  std::string base = name.substr(name.find_last_of("/\\") + 1);
  std::string counts = std::to_string(r.book.invoices.size()) + " invoices, " +
                       std::to_string(r.book.customers.size()) + " customers";
  ask_replace(state, std::move(r.book), name, "the file " + base,
              "Opened " + base + ": " + counts);
  return true;
}

void ask_load_sample(State& state) {
  arlab::Book book;
  int32_t shift = 0;
  std::string status;
  if (!read_sample(state, &book, &shift, &status)) return;
  ask_replace(state, std::move(book), "sample", "the sample book", status);
  state.replace.sample_shift_days = shift;
}

bool ask_restore_snapshot(State& state, const std::string& id) {
  std::vector<Snapshot> all = platform::snapshots();
  auto it = std::find_if(all.begin(), all.end(), [&](const Snapshot& s) { return s.id == id; });
  if (it == all.end()) {
    show_problems(state, "No snapshot " + id, {arlab::Problem{"", "it was removed meanwhile"}});
    return false;
  }
  const SnapshotMeta& m = it->meta;
  std::string what = "snapshot " + m.time;
  std::optional<std::string> text = platform::load_snapshot(id);
  if (!text) {
    show_problems(state, "Could not read " + what,
                  {arlab::Problem{"", "the snapshot file is missing or unreadable"}});
    return false;
  }
  arlab::LoadResult r = arlab::read_book_json(*text);
  if (!r.ok) {
    show_problems(state, "Could not restore " + what, std::move(r.problems), what);
    return false;
  }
  std::string name = m.label.book_name.empty() ? what : m.label.book_name;
  ask_replace(state, std::move(r.book), name, what + " (" + name + ")",
              "Restored " + name + " as it was at " + m.time);
  state.replace.last_change = m.label.last_change;
  return true;
}

void confirm_replace(State& state) {
  ReplaceConfirm& r = state.replace;
  if (!r.pending) return;
  r.pending = false;
  std::string last_change = std::move(r.last_change);
  replace_book(state, std::move(r.book), r.name);
  state.sample_shift_days = std::exchange(r.sample_shift_days, 0);
  state.opened_last_change = last_change;
  r.book = arlab::Book{};
  state.status = r.done_status + (r.keep_error.empty()
                                      ? "; the book before is kept in Storage > Snapshots"
                                      : "; the book before could not be kept: " + r.keep_error);
}

void cancel_replace(State& state) {
  ReplaceConfirm& r = state.replace;
  if (!r.pending) return;
  r.pending = false;
  r.book = arlab::Book{};
  r.open_text.clear();
  r.open_text_generation = ~0ull;
  state.status = "Not replaced: " + state.book_name + " is still open";
}

// ---- [SECTION] The modal ---------------------------------------------------------------

void draw_open_book_note(State& state, const std::string& replaced_by) {
  const ui::Palette& p = ui::palette();
  float wrap = std::min(ui::px(620), ImGui::GetMainViewport()->WorkSize.x * 0.8f);
  float left = ImGui::GetCursorPosX();
  ImGui::PushTextWrapPos(left + wrap);
  // Two columns: the names, then what they name (SameLine's x counts from the window's edge).
  float column =
      left + ImGui::CalcTextSize("Replaced by").x + ImGui::GetStyle().ItemSpacing.x * 2;
  ui::text_muted("Open now");
  ImGui::SameLine(column);
  ImGui::TextUnformatted(label_text(book_label(state)).c_str());
  ImGui::SetCursorPosX(column);
  ui::text_muted(("Last change: " + last_change_text(state)).c_str());
  if (!replaced_by.empty()) {
    ui::text_muted("Replaced by");
    ImGui::SameLine(column);
    ImGui::TextUnformatted(replaced_by.c_str());
  }
  ImGui::Spacing();
  platform::StorageStatus s = platform::storage_status();
  uint64_t bytes = open_book_json(state).size();
  if (s.snapshot_bytes_max && bytes > s.snapshot_bytes_max) {
    ImGui::TextColored(p.bad, "The open book (%s) is over the %s limit for snapshots here: it "
                       "cannot be kept. Export it first (File > Save / export JSON) to keep a "
                       "copy.", megabytes(bytes).c_str(), megabytes(s.snapshot_bytes_max).c_str());
  } else {
    ImGui::TextUnformatted("The open book is kept as a snapshot in Storage > Snapshots, where it "
                           "is not rolled over: restore it from there.");
  }
  size_t done = state.history.done_count();
  if (done > 0) {
    ImGui::Text("Its undo history (%zu change%s) is cleared.", done, done == 1 ? "" : "s");
  }
  ImGui::PopTextWrapPos();
}

void draw_replace_confirm(State& state) {
  ReplaceConfirm& r = state.replace;
  r.showing = false;
  if (r.open_popup) {
    ImGui::OpenPopup("Replace the open book?");
    r.open_popup = false;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Replace the open book?", nullptr,
                              ImGuiWindowFlags_AlwaysAutoResize)) {
    if (r.pending) cancel_replace(state);  // Closed another way: nothing replaced.
    return;
  }
  r.showing = true;
  float width = std::min(ui::px(620), viewport->WorkSize.x * 0.8f);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ui::heading(("Open " + r.name + " in place of " + state.book_name + "?").c_str());
  ImGui::Spacing();
  draw_open_book_note(state, r.source + ": " + std::to_string(r.book.invoices.size()) +
                                 " invoices, " + std::to_string(r.book.customers.size()) +
                                 " customers");
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  // Not the Enter of the frame that opened it: a second one replaces.
  bool enter = !ImGui::IsWindowAppearing() &&
               ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
  bool replace = ImGui::Button("Replace") || enter;
  ImGui::SameLine();
  bool cancel = ImGui::Button("Cancel") ||
                ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  ImGui::SameLine();
  ui::text_muted("Enter replaces, Escape cancels");
  if (replace && !cancel) {
    ImGui::CloseCurrentPopup();
    confirm_replace(state);
  } else if (cancel) {
    ImGui::CloseCurrentPopup();
    cancel_replace(state);
  }
  ImGui::EndPopup();
}

}  // namespace app
