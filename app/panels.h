// panels.h: the panel registry. One entry a panel, and everything that lists panels reads it:
// the tab bar (app.cpp), the View, Edit and Help menus (menus.cpp), app::show_panel (the
// desktop's --panel, the page's arlab.showPanel) and the routing of a picked or dropped file
// (app::open_file_text). The registry itself is one table in panels.cpp, in tab order.
//
// Adding a panel is its file and one line in that table, e.g. a page of a "Collection" tab:
//
//   {"worklist", "Worklist", PanelPlace::Page, "collection", PanelMenu::View, nullptr,
//    nullptr, true, true, draw_worklist},
//
// and its state lives in its file, reached through `panel_state<WorklistPanel>(state)` (a
// slot of State's store, made on first use): no member of State, no line elsewhere.
//
// Where a panel appears (`place`):
// - `Tab`: a tab of the main tab bar. A tab whose `draw` is nullptr hosts the pages that name
//   it as `parent` in a tab bar of their own (the tab is drawn only once one of them exists):
//   the main tab bar is full at 1024 px, so new screens go under such a host rather than
//   beside it.
// - `Page`: a page of its parent panel. With a `draw`, its host tab draws it; without, its
//   parent draws it and `select` turns the parent to it (a form of New entry, the Commission
//   tab's comparison, a page of the Help window).
// - `Window`: a window over the tabs, drawn each frame after them (Help; it closes itself).
// `menu`: which menu lists it (View lists tabs and hosted pages with a check that shows or
// hides them, Edit and Help list pages as actions); `shortcut` is the keys shown beside the
// menu item, a row of app/shortcuts.h's table (which runs it).
//
// [SECTION] Registry
// [SECTION] Panel state store
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace app {

struct State;

// ---- [SECTION] Registry ----------------------------------------------------------------

enum class PanelPlace : uint8_t { Tab, Page, Window };
enum class PanelMenu : uint8_t { None, View, Edit, Help };

// How a panel takes files that the user picks or drops (app::open_file_text). Every panel
// with a route is asked how strongly it claims the file; the strongest takes it (ties: the
// first in the table), no claim: it is opened as a book.
struct FileRoute {
  // 0: not this panel's; 1: by its name (".csv"); 2: its text names this panel's format;
  // 3: this panel's own file picker was opened for it.
  int (*claim)(const State& state, std::string_view name, std::string_view text) = nullptr;
  // Takes the file; what the picker was opened for holds for this one file only (cleared).
  // False (problems shown) if it was refused.
  bool (*open)(State& state, std::string_view name, std::string_view text) = nullptr;
  // The file went elsewhere (or File > Open asks for a book): forget what the picker was
  // opened for.
  void (*forget_pick)(State& state) = nullptr;
};

// File claims, strongest last.
constexpr int kClaimNone = 0, kClaimByName = 1, kClaimByFormat = 2, kClaimPicked = 3;

// Entries are written with designated initializers (`.id = ..., .draw = ...`): a field left
// out keeps its default. GCC 12 warns of that under -Wextra all the same; the table and tests
// turn the warning off around their tables (ARLAB_PANEL_TABLE_BEGIN / END).
#define ARLAB_PANEL_TABLE_BEGIN \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wmissing-field-initializers\"")
#define ARLAB_PANEL_TABLE_END _Pragma("GCC diagnostic pop")

struct PanelDef {
  const char* id;           // show_panel's name: "aging", "commission-compare".
  const char* title;        // The tab's label, or the page's.
  PanelPlace place = PanelPlace::Tab;
  const char* parent = nullptr;      // Page: the id of the panel it is a page of.
  PanelMenu menu = PanelMenu::View;
  const char* menu_label = nullptr;  // nullptr: the title.
  const char* shortcut = nullptr;    // Shown beside the menu item ("F1"); nullptr: none.
  bool hideable = true;      // View's check shows and hides it (the Dashboard is always on).
  bool shown_at_start = true;
  void (*draw)(State& state) = nullptr;
  // Brings it to the front by name (`name` as given to show_panel, "help-formulas:FORMAT.md"
  // for instance); false if the name is refused. nullptr: select_panel's default (show the
  // tab, or the page in its host, and bring it to the front).
  bool (*select)(State& state, std::string_view name) = nullptr;
  FileRoute file;
};

// The registry: every panel, in tab order.
std::span<const PanelDef> panels();
// By id (`name` up to a ':', so "help-formulas:FORMAT.md" finds "help-formulas"); nullptr
// if none.
const PanelDef* find_panel(std::string_view name, std::span<const PanelDef> defs = panels());

// A tab's or page's check in View: shown (in the tab bar) or hidden. Always true for a panel
// that is not hideable.
bool panel_shown(const State& state, std::string_view id,
                 std::span<const PanelDef> defs = panels());
void set_panel_shown(State& state, std::string_view id, bool shown);
// Shows the panel (and its host) and brings it to the front on the next frame; false for an
// unknown id. Does not run the panel's `select` (show_panel does).
bool select_panel(State& state, std::string_view id, std::span<const PanelDef> defs = panels());
// The tab bar of `defs`' tabs (app.cpp draws it with the registry; tests with their own).
void draw_panel_tabs(State& state, std::span<const PanelDef> defs = panels());
// The menu items of the panels that `menu` lists, in table order.
void draw_panel_menu_items(State& state, PanelMenu menu,
                           std::span<const PanelDef> defs = panels());
// The routing described at FileRoute; false if no panel claims the file (it is a book then).
bool route_file_to_panel(State& state, std::string_view name, std::string_view text,
                         bool* taken);
// Every panel forgets what its file picker was opened for (File > Open: a book comes next).
void forget_file_picks(State& state);

// ---- [SECTION] Panel state store -------------------------------------------------------

// A panel's own state, made on first use and kept until the State goes: one slot a type.
// The panel's file defines the struct; nothing else needs to see it.
class PanelStates {
 public:
  template <typename T>
  T& get() {
    size_t slot = slot_of<T>();
    if (slot >= slots_.size()) slots_.resize(slot + 1);
    if (!slots_[slot]) slots_[slot] = std::make_shared<T>();
    return *static_cast<T*>(slots_[slot].get());
  }
  // nullptr if the panel never made its state (it was never drawn).
  template <typename T>
  const T* find() const {
    size_t slot = slot_of<T>();
    return slot < slots_.size() ? static_cast<const T*>(slots_[slot].get()) : nullptr;
  }

 private:
  using Slot = std::shared_ptr<void>;  // Deletes its T (the type is erased, not the delete).
  static size_t next_slot() {
    static size_t count = 0;
    return count++;
  }
  template <typename T>
  static size_t slot_of() {
    static const size_t slot = next_slot();
    return slot;
  }
  std::vector<Slot> slots_;
};

PanelStates& panel_states(State& state);
const PanelStates& panel_states(const State& state);

// The typed accessor: `DashboardPanel& d = panel_state<DashboardPanel>(state);`.
template <typename T>
T& panel_state(State& state) {
  return panel_states(state).template get<T>();
}
template <typename T>
const T* find_panel_state(const State& state) {
  return panel_states(state).template find<T>();
}

}  // namespace app
