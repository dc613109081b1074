// menus.cpp: the main menu bar, keyboard shortcuts, the toolbar (as-of date, aging edges),
// the status bar and the modal popups (problems of a failed import, open by path).
//
// [SECTION] Shortcuts
// [SECTION] Menus
// [SECTION] Toolbar
// [SECTION] Status bar
// [SECTION] Popups
#include <algorithm>
#include <cstdio>

#include "app/app.h"
#include "app/app_state.h"
#include "app/platform.h"
#include "app/shortcuts.h"
#include "app/widgets.h"
#include "core/date.h"
#include "imgui.h"
#include "io/book_json.h"

namespace app {

namespace {

void open_file(State& state) {
  // Web: the browser's picker answers later through app::open_file_text.
  forget_file_picks(state);  // A book, whatever an earlier picker was for.
  if (!platform::request_open_file(platform::OpenKind::Book)) state.open_path_popup = true;
}

}  // namespace

// ---- [SECTION] Shortcuts ---------------------------------------------------------------

const std::vector<Shortcut>& shortcuts() {
  static const std::vector<Shortcut> table = {
      {"Ctrl+Z", "Undo the last change to the book", "anywhere but a text field (there it "
       "undoes the typing)", 'Z', true, 0, true, undo},
      {"Ctrl+Shift+Z", "Redo the change undone last", "anywhere but a text field", 'Z', true, 1,
       true, redo},
      {"Ctrl+Y", "Redo the change undone last", "anywhere but a text field", 'Y', true, -1, true,
       redo},
      {"Ctrl+O", "Open a book, a CSV export, a mapping or a commission plan",
       "anywhere (the browser shows its file picker; the desktop asks for a path)", 'O', true,
       -1, false, open_file},
      {"Ctrl+S", "Save / export the book as JSON (a copy you keep)", "anywhere", 'S', true, -1,
       false, export_book_json},
      {"F1", "Open or close this Help window", "anywhere", kKeyF1, false, -1, false,
       toggle_help},
      {"Arrow keys", "Move the keyboard focus between buttons, fields and table rows",
       "everywhere (Dear ImGui's keyboard navigation)"},
      {"Tab / Shift+Tab", "Next / previous text field", "forms, the plan editor, the toolbar"},
      {"Enter or Space", "Press the focused button, open a combo, tick a checkbox",
       "everywhere"},
      {"Enter", "Apply the edited plan (with no problems)", "Commission: the plan editor"},
      {"Escape", "Close a popup, a menu or a combo; leave a text field", "everywhere"},
      {"Ctrl+A, Ctrl+C, Ctrl+X, Ctrl+V", "Select all, copy, cut, paste", "in a text field"},
      {"Mouse wheel", "Scroll the list or pane under the pointer", "everywhere"},
      {"Shift + mouse wheel", "Scroll sideways", "wide tables (Commission, Metrics)"},
      {"Click a column header", "Sort by that column; click again for the other way",
       "the tables with sortable columns"},
      {"Right-click a column header", "Show or hide columns",
       "Aging, Invoices, Metrics, Commission tables"},
      {"Drag the bar under the salespeople", "Make the explanation lines taller or shorter "
       "(double-click: back to the default)", "Commission: the statement"},
      {"Drop a file on the window", "Open it: a book, a CSV or mapping, a commission plan or a "
       "statement paid earlier", "anywhere"},
  };
  return table;
}

void handle_shortcuts(State& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyAlt) return;
  // Inside a text field Ctrl+Z / Ctrl+Y undo the typing, not the book.
  bool typing = io.WantTextInput;
  for (const Shortcut& s : shortcuts()) {
    if (!s.run || s.ctrl != io.KeyCtrl || (s.not_typing && typing)) continue;
    if (s.shift >= 0 && s.shift != static_cast<int>(io.KeyShift)) continue;
    if (ImGui::IsKeyPressed(s.key, false)) s.run(state);
  }
}

// ---- [SECTION] Menus -------------------------------------------------------------------

namespace {

void file_menu(State& state) {
  if (!ImGui::BeginMenu("File")) return;
  if (ImGui::MenuItem("New from sample...")) ask_load_sample(state);
  if (ImGui::MenuItem("Open...", "Ctrl+O")) open_file(state);
  if (ImGui::MenuItem("Import CSV...")) show_import(state);
  ImGui::Separator();
  if (ImGui::MenuItem("Save / export JSON", "Ctrl+S")) export_book_json(state);
  if (ImGui::MenuItem("Export ledger journal")) export_ledger_journal(state);
  if (ImGui::MenuItem("Export aging CSV")) export_aging_csv(state);
  ImGui::EndMenu();
}

void edit_menu(State& state) {
  if (!ImGui::BeginMenu("Edit")) return;
  if (ImGui::MenuItem("Undo", "Ctrl+Z", false, state.history.can_undo())) undo(state);
  if (ImGui::MenuItem("Redo", "Ctrl+Y", false, state.history.can_redo())) redo(state);
  ImGui::Separator();
  draw_panel_menu_items(state, PanelMenu::Edit);  // The New entry forms (app/panels.cpp).
  ImGui::EndMenu();
}

void view_menu(State& state) {
  if (!ImGui::BeginMenu("View")) return;
  // The registry's tabs, in tab order, each with its check (shown or hidden).
  draw_panel_menu_items(state, PanelMenu::View);
  ImGui::Separator();
  if (ImGui::MenuItem("Light theme", nullptr, state.light_theme)) {
    state.light_theme = !state.light_theme;
    state.theme_applied = false;  // Applied at the start of the next frame.
  }
  ImGui::EndMenu();
}

// Help: the pages of the Help window (app/panel_help.cpp).
void help_menu(State& state) {
  if (!ImGui::BeginMenu("Help")) return;
  draw_panel_menu_items(state, PanelMenu::Help);  // The Help window's pages (app/panels.cpp).
  ImGui::EndMenu();
}

}  // namespace

void draw_menus(State& state) {
  if (!ImGui::BeginMainMenuBar()) return;
  ImGui::TextColored(ui::palette().accent, "arlab");
  file_menu(state);
  edit_menu(state);
  view_menu(state);
  help_menu(state);
  std::string right = state.book_name + "  |  " + state.book.currency;
  float width = ImGui::CalcTextSize(right.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetWindowWidth() - width - ImGui::GetStyle().WindowPadding.x - 8);
  ui::text_muted(right.c_str());
  ImGui::EndMainMenuBar();
}

// ---- [SECTION] Toolbar -----------------------------------------------------------------

namespace {

void as_of_control(State& state) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("As of");
  ImGui::SameLine();
  arlab::Date date = state.as_of;
  if (ui::date_field("##as_of", state.as_of_text, sizeof state.as_of_text, &date,
                     ImGui::CalcTextSize("0000-00-00").x + 24)) {
    state.as_of = date;
  }
  struct Step { const char* label; int days; int months; const char* tip; };
  const Step steps[] = {{"-1 month", 0, -1, nullptr}, {"-1 day", -1, 0, nullptr},
                        {"+1 day", 1, 0, nullptr}, {"+1 month", 0, 1, nullptr}};
  for (const Step& s : steps) {
    ImGui::SameLine();
    if (ImGui::Button(s.label)) {
      set_as_of(state, s.months ? arlab::add_months(state.as_of, s.months) : state.as_of + s.days);
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Today")) set_as_of(state, state.today);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Today, %s: the date on this computer. Overdue amounts as they are now.",
                      arlab::format_date(state.today).c_str());
  }
  ImGui::SameLine();
  if (ImGui::Button("Today of the book")) set_as_of(state, arlab::book_last_date(state.book));
  ui::mark("today_of_the_book");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s: the date of the book's last document. Overdue amounts as they were "
                      "then.", arlab::format_date(arlab::book_last_date(state.book)).c_str());
  }
}

void edges_control(State& state) {
  // On the same line when it fits (label, field, a few letters of error), else below.
  float width = ImGui::CalcTextSize("Aging buckets 30,60,90,120").x + 28 + 24 +
                ImGui::GetStyle().ItemSpacing.x * 2;
  ui::same_line_if_fits(width, 28);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Aging buckets");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("30,60,90,120").x + 24);
  if (ImGui::InputText("##edges", state.edges_text, sizeof state.edges_text)) {
    std::vector<int32_t> edges;
    std::string why;
    if (arlab::parse_aging_edges(state.edges_text, &edges, &why)) {
      state.edges = edges;
      state.edges_error.clear();
    } else {
      state.edges_error = why;
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Days past due where buckets end: 30,60,90");
  if (!state.edges_error.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ui::palette().bad, "%s", state.edges_error.c_str());
  }
}

}  // namespace

void draw_toolbar(State& state) {
  as_of_control(state);
  edges_control(state);
  ImGui::Spacing();
}

// ---- [SECTION] Status bar --------------------------------------------------------------

void draw_status_bar(State& state, float height) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 3));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_MenuBarBg));
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
  if (ImGui::Begin("##status", nullptr, flags)) {
    ImGui::AlignTextToFramePadding();
    platform::StorageStatus s = platform::storage_status();
    std::string right;
    if (!state.held_saved_book.empty()) {
      right = "Not saved: the saved book is kept (see Storage)";
    } else if (s.saving) {
      right = "Saving...";
    } else if (!s.last_error.empty()) {
      right = "Save failed: see Storage";
    } else if (!s.last_saved.empty()) {
      right = "Saved " + s.last_saved;
    }
    right += "   " + std::to_string(state.book.invoices.size()) + " invoices, " +
             std::to_string(state.book.customers.size()) + " customers";
    // The status line gets what the right side leaves, cut with "..." (never under it).
    float right_x = ImGui::GetWindowWidth() - ImGui::CalcTextSize(right.c_str()).x - 14;
    std::string left = state.status.empty() ? "Ready" : state.status;
    float room = right_x - ImGui::GetCursorPosX() - ImGui::CalcTextSize("   ").x;
    if (ImGui::CalcTextSize(left.c_str()).x > room) {
      const char* fits = nullptr;  // Where the text passes room - "...": a whole character.
      ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(),
                                      std::max(0.0f, room - ImGui::CalcTextSize("...").x), 0.0f,
                                      left.c_str(), nullptr, &fits);
      left = std::string(left.c_str(), fits) + "...";
    }
    ImGui::TextUnformatted(left.c_str());
    if (ImGui::IsItemHovered() && left != state.status && !state.status.empty())
      ImGui::SetTooltip("%s", state.status.c_str());
    ImGui::SameLine(right_x);
    if (!s.last_error.empty() || !state.held_saved_book.empty()) {
      ImGui::TextColored(ui::palette().bad, "%s", right.c_str());
    } else {
      ui::text_muted(right.c_str());
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

// ---- [SECTION] Popups ------------------------------------------------------------------

namespace {

void problems_popup(State& state) {
  if (state.problems_popup) {
    ImGui::OpenPopup("Problems");
    state.problems_popup = false;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Problems", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  float width = std::min(860.0f, viewport->WorkSize.x * 0.8f);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ui::heading(state.problems_title.c_str());
  ui::text_muted(state.problems_file == "saved book"
                     ? "The saved book is kept as it was: nothing is saved over it."
                     : "Nothing was changed: the current book is as it was.");
  std::string advice = arlab::date_order_advice(state.problems);
  if (!advice.empty()) ImGui::TextUnformatted(advice.c_str());  // Why, and how to mend.
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  // "file: place: message", one line each, as the CLI prints them.
  std::string text = state.problems_file.empty()
                         ? std::string()
                         : arlab::format_problems(state.problems_file, state.problems);
  // A fixed width (auto-resize does not see into children) and wrapped lines.
  float line = ImGui::GetTextLineHeightWithSpacing();
  float lines = 1.5f + 1.2f * static_cast<float>(state.problems.size());
  float height = std::min(viewport->WorkSize.y * 0.5f, line * lines);
  ImGui::BeginChild("##list", ImVec2(width, height));
  if (text.empty()) {
    ui::problems_list(state.problems);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().bad);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();
  if (state.problems.size() >= arlab::kProblemsMax) ui::text_muted("(only the first problems)");
  if (ImGui::Button("Copy")) {
    ImGui::SetClipboardText((state.problems_title + "\n" + text + advice).c_str());
  }
  ImGui::SameLine();
  if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void open_path_popup(State& state) {
  if (state.open_path_popup) {
    ImGui::OpenPopup("Open a book");
    state.open_path_popup = false;
  }
  ImVec2 center = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Open a book", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("Path of a book file (arlab-book JSON):");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ui::px(520));
  bool enter = ImGui::InputText("##path", state.open_path, sizeof state.open_path,
                                ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::Button("Open") || enter) {
    std::string text, error;
    ImGui::CloseCurrentPopup();
    if (platform::read_path(state.open_path, &text, &error)) {
      ask_open_book_text(state, state.open_path, text);
    } else {
      show_problems(state, std::string("Could not read ") + state.open_path,
                    {arlab::Problem{"", error}});
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace

void draw_popups(State& state) {
  open_path_popup(state);
  problems_popup(state);
  draw_replace_confirm(state);  // app/replace.cpp
}

}  // namespace app
