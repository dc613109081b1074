// shortcuts.h: every keyboard and mouse shortcut of the app, in one table that both runs them
// (handle_shortcuts, app/menus.cpp) and lists them (Help > Keyboard shortcuts,
// app/panel_help.cpp), so the list cannot drift from what the keys do.
//
// Rows with `run` are the app's own: handle_shortcuts presses `run` when `key` goes down with
// the modifiers given. Rows without are Dear ImGui's (keyboard navigation, text fields, the
// wheel, tables) or the shells' (dropping a file), listed so that a user finds them too.
#pragma once
#include <vector>

namespace app {

struct State;

// Key codes as the GLFW backends of both shells store them in io.KeysDown[] (Dear ImGui 1.86
// has no ImGuiKey_F1 or ImGuiKey_O): letters by their ASCII code, F1 as GLFW_KEY_F1.
constexpr int kKeyF1 = 290;

struct Shortcut {
  const char* keys;    // "Ctrl+Z", "Arrow keys", "Shift + mouse wheel".
  const char* action;  // What it does.
  const char* where;   // Where it works.
  int key = 0;         // The key handle_shortcuts watches; 0: not the app's (no `run`).
  bool ctrl = false;   // With Ctrl held (without: Ctrl must be up).
  int shift = -1;      // 1: Shift held, 0: Shift up, -1: either.
  bool not_typing = false;  // Not while a text field has the keyboard (it has its own).
  void (*run)(State&) = nullptr;
};

const std::vector<Shortcut>& shortcuts();

}  // namespace app
