// panels.cpp: the panel registry (the table), and what reads it: the tab bar, the menus'
// panel items, selection by name, file routing. See panels.h for what each field means.
//
// [SECTION] The table
// [SECTION] Lookup and selection
// [SECTION] Tab bar and menus
// [SECTION] File routing
#include "app/panels.h"

#include <algorithm>

#include "app/app_state.h"
#include "app/panel_training.h"
#include "imgui.h"

namespace app {

// ---- [SECTION] The table ---------------------------------------------------------------

namespace {

// In tab order. These thirteen tabs fit at 1024 px (no close buttons: View shows and hides
// them; Import starts hidden); new screens go under a host tab (PanelPlace::Page, panels.h).
// clang-format off
ARLAB_PANEL_TABLE_BEGIN
const PanelDef kPanels[] = {
    {.id = "dashboard", .title = "Dashboard", .hideable = false, .draw = draw_dashboard},
    {.id = "aging", .title = "Aging", .menu_label = "Aging by customer", .draw = draw_aging},
    {.id = "customer", .title = "Customer", .draw = draw_customer},
    {.id = "statement", .title = "Statement", .draw = draw_statement},
    {.id = "invoices", .title = "Invoices", .draw = draw_invoices},
    {.id = "metrics", .title = "Metrics", .draw = draw_metrics},
    {.id = "forms", .title = "New entry", .draw = draw_forms},
    {.id = "history", .title = "History", .draw = draw_history},
    {.id = "storage", .title = "Storage", .draw = draw_storage},
    {.id = "import", .title = "Import", .menu_label = "Import CSV", .shown_at_start = false, .draw = draw_import,
     .file = {import_claim_file, import_open_file, import_forget_pick}},
    {.id = "commission", .title = "Commission", .draw = draw_commission,
     .file = {commission_claim_file, commission_open_file, commission_forget_pick}},
    // The collection workflow (issue 11): a host tab and its pages.
    {.id = "collection", .title = "Collection"},
    {.id = "worklist", .title = "Worklist", .place = PanelPlace::Page, .parent = "collection",
     .draw = draw_worklist_page},
    {.id = "case", .title = "Case", .place = PanelPlace::Page, .parent = "collection",
     .draw = draw_case},
    {.id = "credit-file", .title = "Credit file", .place = PanelPlace::Page,
     .parent = "collection", .draw = draw_credit_file},
    {.id = "policy", .title = "Policy", .place = PanelPlace::Page, .parent = "collection",
     .draw = draw_policy},
    // Training mode (issue 13): scenarios, the portfolio game, progress and a class. A page of
    // the Collection host (it teaches collection practice, and the main tab bar is full).
    {.id = "training", .title = "Training", .place = PanelPlace::Page, .parent = "collection",
     .draw = draw_training, .file = {training_claim_file, training_open_file, training_forget_pick}},
    // The policy simulator (issue 12): its own tab, the twelfth shown at the start.
    {.id = "simulation", .title = "Simulation", .draw = draw_simulation,
     .file = {simulation_claim_file, simulation_open_file, simulation_forget_pick}},
    // Pages their parent draws: New entry's forms (the Edit menu), Commission's two views.
    {.id = "invoice", .title = "Invoice", .place = PanelPlace::Page, .parent = "forms",
     .menu = PanelMenu::Edit, .menu_label = "New invoice...", .select = select_form_page},
    {.id = "payment", .title = "Payment", .place = PanelPlace::Page, .parent = "forms",
     .menu = PanelMenu::Edit, .menu_label = "Record payment...", .select = select_form_page},
    {.id = "credit-note", .title = "Credit note", .place = PanelPlace::Page, .parent = "forms",
     .menu = PanelMenu::Edit, .menu_label = "Issue credit note...", .select = select_form_page},
    {.id = "write-off", .title = "Write-off", .place = PanelPlace::Page, .parent = "forms",
     .menu = PanelMenu::Edit, .menu_label = "Write off...", .select = select_form_page},
    {.id = "new-customer", .title = "Customer", .place = PanelPlace::Page, .parent = "forms",
     .menu = PanelMenu::Edit, .menu_label = "New customer...", .select = select_form_page},
    {.id = "commission-statement", .title = "Statement", .place = PanelPlace::Page,
     .parent = "commission", .menu = PanelMenu::None, .select = select_commission_view},
    {.id = "commission-compare", .title = "Compare A and B", .place = PanelPlace::Page,
     .parent = "commission", .menu = PanelMenu::None, .select = select_commission_view},
    // The Help window over the tabs (F1), and its pages (the Help menu).
    {.id = "help", .title = "Help", .place = PanelPlace::Window, .menu = PanelMenu::None,
     .draw = draw_help, .select = show_help_page},
    {.id = "help-shortcuts", .title = "Keyboard shortcuts", .place = PanelPlace::Page,
     .parent = "help", .menu = PanelMenu::Help, .shortcut = "F1", .select = show_help_page},
    {.id = "help-storage", .title = "Where is my book?", .place = PanelPlace::Page,
     .parent = "help", .menu = PanelMenu::Help, .select = show_help_page},
    {.id = "help-formulas", .title = "Formulas", .place = PanelPlace::Page, .parent = "help",
     .menu = PanelMenu::Help, .select = show_help_page},
    {.id = "help-practice", .title = "Practice notes", .place = PanelPlace::Page,
     .parent = "help", .menu = PanelMenu::Help, .select = show_help_page},
    {.id = "help-about", .title = "About arlab", .place = PanelPlace::Page, .parent = "help",
     .menu = PanelMenu::Help, .select = show_help_page},
};
ARLAB_PANEL_TABLE_END
// clang-format on

}  // namespace

std::span<const PanelDef> panels() { return kPanels; }

PanelStates& panel_states(State& state) { return state.panel_states; }
const PanelStates& panel_states(const State& state) { return state.panel_states; }

// ---- [SECTION] Lookup and selection ----------------------------------------------------

const PanelDef* find_panel(std::string_view name, std::span<const PanelDef> defs) {
  std::string_view id = name.substr(0, name.find(':'));
  for (const PanelDef& def : defs) {
    if (id == def.id) return &def;
  }
  return nullptr;
}

bool panel_shown(const State& state, std::string_view id, std::span<const PanelDef> defs) {
  const PanelDef* def = find_panel(id, defs);
  if (!def) return false;
  if (!def->hideable) return true;
  auto it = state.panel_shown.find(id);
  return it == state.panel_shown.end() ? def->shown_at_start : it->second;
}

void set_panel_shown(State& state, std::string_view id, bool shown) {
  state.panel_shown[std::string(id)] = shown;
}

bool select_panel(State& state, std::string_view id, std::span<const PanelDef> defs) {
  const PanelDef* def = find_panel(id, defs);
  if (!def || def->place == PanelPlace::Window) return false;
  if (def->place == PanelPlace::Page && !def->draw) {  // Its parent draws it.
    return def->parent && select_panel(state, def->parent, defs);
  }
  set_panel_shown(state, def->id, true);
  if (def->place == PanelPlace::Page && def->parent) {  // A hosted page: its host in front.
    set_panel_shown(state, def->parent, true);
    state.select_tab = def->parent;
    state.select_page = def->id;
    return true;
  }
  state.select_tab = def->id;
  return true;
}

// ---- [SECTION] Tab bar and menus -------------------------------------------------------

namespace {

// The pages a host tab draws: those that name it as parent and draw themselves, shown.
std::vector<const PanelDef*> hosted_pages(const State& state, const PanelDef& host,
                                          std::span<const PanelDef> defs) {
  std::vector<const PanelDef*> pages;
  for (const PanelDef& def : defs) {
    if (def.place == PanelPlace::Page && def.draw && def.parent &&
        std::string_view(def.parent) == host.id && panel_shown(state, def.id, defs)) {
      pages.push_back(&def);
    }
  }
  return pages;
}

void draw_hosted_pages(State& state, const PanelDef& host,
                       const std::vector<const PanelDef*>& pages) {
  ImGui::PushID(host.id);
  if (ImGui::BeginTabBar("##pages", ImGuiTabBarFlags_FittingPolicyScroll)) {
    for (const PanelDef* page : pages) {
      // Asked for until it draws: a tab bar selects a tab on the frame after it is told to.
      bool asked = state.select_page == page->id;
      ImGuiTabItemFlags flags = asked ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(page->title, nullptr, flags)) {
        if (asked) state.select_page.clear();
        ImGui::BeginChild("##page", ImVec2(0, 0), false);
        page->draw(state);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::PopID();
}

}  // namespace

void draw_panel_tabs(State& state, std::span<const PanelDef> defs) {
  // The tabs take half the frames' padding so that all thirteen fit at 1024 px: the tab bar keeps
  // the padding it began with to draw the labels, and each tab its own to size itself, so
  // both are pushed (the panels inside keep the style's padding).
  const ImVec2 tab_padding(ImGui::GetStyle().FramePadding.x * 0.5f, ImGui::GetStyle().FramePadding.y);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, tab_padding);
  const bool bar = ImGui::BeginTabBar("##panels", ImGuiTabBarFlags_FittingPolicyScroll);
  ImGui::PopStyleVar();
  if (!bar) return;
  for (const PanelDef& def : defs) {
    if (def.place != PanelPlace::Tab || !panel_shown(state, def.id, defs)) continue;
    std::vector<const PanelDef*> pages;
    if (!def.draw) {  // A host: drawn once it has a page.
      pages = hosted_pages(state, def, defs);
      if (pages.empty()) continue;
    }
    ImGuiTabItemFlags flags = state.select_tab == def.id ? ImGuiTabItemFlags_SetSelected : 0;
    // No close button on the tabs: twelve fit at 1024 px only without (View shows and
    // hides them).
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, tab_padding);
    const bool open = ImGui::BeginTabItem(def.title, nullptr, flags);
    ImGui::PopStyleVar();
    if (open) {
      ImGui::BeginChild("##panel", ImVec2(0, 0), false);
      if (def.draw) {
        def.draw(state);
      } else {
        draw_hosted_pages(state, def, pages);
      }
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
  }
  state.select_tab.clear();
  ImGui::EndTabBar();
}

void draw_panel_menu_items(State& state, PanelMenu menu, std::span<const PanelDef> defs) {
  for (const PanelDef& def : defs) {
    if (def.menu != menu) continue;
    const char* label = def.menu_label ? def.menu_label : def.title;
    bool checkable = def.hideable && def.draw && def.place != PanelPlace::Window;
    if (!checkable) {  // An action: bring it to the front.
      if (ImGui::MenuItem(label, def.shortcut)) {
        if (def.select) {
          def.select(state, def.id);
        } else {
          select_panel(state, def.id, defs);
        }
      }
      continue;
    }
    bool shown = panel_shown(state, def.id, defs);
    if (ImGui::MenuItem(label, def.shortcut, shown)) {
      set_panel_shown(state, def.id, !shown);
      if (!shown) select_panel(state, def.id, defs);
    }
  }
}

// ---- [SECTION] File routing ------------------------------------------------------------

bool route_file_to_panel(State& state, std::string_view name, std::string_view text,
                         bool* taken) {
  const PanelDef* best = nullptr;
  int best_claim = kClaimNone;
  for (const PanelDef& def : panels()) {
    if (!def.file.claim) continue;
    int claim = def.file.claim(state, name, text);
    if (claim > best_claim) {  // Ties: the first in the table.
      best = &def;
      best_claim = claim;
    }
  }
  // What a picker was opened for holds for this one file only.
  for (const PanelDef& def : panels()) {
    if (&def != best && def.file.forget_pick) def.file.forget_pick(state);
  }
  if (!best) return false;
  *taken = best->file.open(state, name, text);
  return true;
}

void forget_file_picks(State& state) {
  for (const PanelDef& def : panels()) {
    if (def.file.forget_pick) def.file.forget_pick(state);
  }
}

}  // namespace app
