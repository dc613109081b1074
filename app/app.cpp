// app.cpp: the hooks the shells call (app.h) and the main layout.
//
// Layout, docking-free: the main menu bar on top, a status bar at the bottom, and between
// them one window filling the viewport with a toolbar (as-of date, aging edges) and the tab
// bar of the panel registry (app/panels.h), then the registry's windows (Help).
//
// [SECTION] Hooks
// [SECTION] Layout
// [SECTION] Query API
#include "app/app.h"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/app_state.h"
#include "app/layout_check.h"
#include "app/platform.h"
#include "app/shortcuts.h"
#include "app/widgets.h"
#include "core/date.h"
#include "core/money.h"
#include "imgui.h"
#include "io/book_json.h"
#include "io/file_kind.h"

namespace app {

// ---- [SECTION] Hooks -------------------------------------------------------------------

std::unique_ptr<State, void (*)(State*)> create_state() {
  return {new State(), [](State* s) { delete s; }};
}

namespace {

// The saved book is open again: its name and last change from the label saved with it, and
// the plain truth about undo (the History tab says it too).
void reopened_saved_book(State& state) {
  std::optional<BookLabel> label = platform::load_saved_label();
  if (label && !label->book_name.empty()) state.book_name = label->book_name;
  if (label) state.opened_last_change = label->last_change;
  state.book_reloaded = true;
  state.status = "Opened " + state.book_name + " as last saved. Undo history does not survive "
                 "a reload: earlier states are in Storage > Snapshots";
}

// Opens the book the last session saved; the sample if there is none or it is unreadable.
void load_start_book(State& state) {
  std::optional<std::string> saved = platform::load_saved_book();
  if (saved) {
    arlab::LoadResult r = arlab::read_book_json(*saved);
    if (r.ok) {
      state.book = std::move(r.book);
      state.book_name = "book.json";
      ++state.book_generation;
      set_as_of(state, state.today);  // As of today (replace_book says why).
      state.customer.customer = state.book.customers.empty() ? arlab::kNone : 0;
      state.status = "Opened the saved book";
      reopened_saved_book(state);
      return;
    }
    // Keep it: opening the sample must not save over it (see State::held_saved_book).
    state.held_saved_book = std::move(*saved);
    state.held_problems = r.problems;
    load_sample(state);
    show_problems(state,
                  "The saved book could not be read: it is kept as it was (see Storage), "
                  "the sample is open and nothing is saved",
                  std::move(r.problems), "saved book");
    return;
  }
  load_sample(state);
}

}  // namespace

void init(State& state) {
  ImGuiIO& io = ImGui::GetIO();
  ui::load_fonts();
  io.IniFilename = nullptr;    // The layout is fixed; nothing to remember.
  // Arrow keys, Tab, Enter and Escape move and act in every shell alike (the browser build
  // had it off: arrows did nothing and Escape closed no combo).
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  apply_theme(state.light_theme, state.ui_scale);
  state.theme_applied = true;
  state.customer.book = state.invoices.book = &state.book;
  state.customer.figures = state.invoices.figures = &state.figures;
  state.today = platform::today();
  load_start_book(state);
  update_figures(state);
  fill_commission_slots(state);  // The plans the last session kept (after the book: its ids).
}

void shutdown(State& state) { platform::flush_save(); }

void set_ui_scale(State& state, float scale) {
  if (!(scale > 0.25f && scale < 8.0f)) scale = 1.0f;  // Also rejects NaN.
  state.ui_scale = scale;
  apply_theme(state.light_theme, state.ui_scale);  // Now: the next NewFrame sizes the font.
  state.theme_applied = true;
}

bool refuse_not_a_book(State& state, const std::string& name, std::string_view text) {
  // A photo or another program's file: say what it is, not where the JSON parser stopped.
  std::string what = arlab::not_a_book(text);
  if (what.empty()) return false;
  std::string title = name + " is not an arlab book, commission plan, commission statement "
                             "or CSV file";
  show_problems(state, title, {arlab::Problem{"", what}}, name);
  state.status = title + ": " + what;  // The current book stays exactly as it was.
  return true;
}

bool open_book_text(State& state, std::string_view file_name, std::string_view text) {
  std::string name(file_name);
  if (refuse_not_a_book(state, name, text)) return false;
  arlab::LoadResult r = arlab::read_book_json(text);
  if (!r.ok) {
    // The current book stays exactly as it was.
    show_problems(state, "Could not open " + name, std::move(r.problems), name);
    return false;
  }
  replace_book(state, std::move(r.book), name);
  state.status = "Opened " + name + ": " + std::to_string(state.book.invoices.size()) +
                 " invoices, " + std::to_string(state.book.customers.size()) + " customers";
  return true;
}

bool open_file_text(State& state, std::string_view file_name, std::string_view text,
                    bool ask_to_replace) {
  // A panel's file (app/panels.h FileRoute): a picker it opened, its format, its file name.
  bool taken = false;
  if (route_file_to_panel(state, file_name, text, &taken)) return taken;
  if (ask_to_replace) return ask_open_book_text(state, file_name, text);
  return open_book_text(state, file_name, text);
}

// ---- [SECTION] Layout ------------------------------------------------------------------

void frame(State& state) {
  ++state.frame_count;
  if (!state.theme_applied) {
    apply_theme(state.light_theme, state.ui_scale);
    state.theme_applied = true;
  }
  platform::poll();
  update_today(state);  // Past midnight: today moves on.
  handle_shortcuts(state);
  update_figures(state);
  poll_simulation(state);  // The simulator's runs go on behind any tab.
  draw_menus(state);

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  float status_height = ImGui::GetFrameHeight() + 6;
  // WorkPos / WorkSize already leave out the main menu bar.
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x, viewport->WorkPos.y));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - status_height));
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("##main", nullptr, flags)) {
    draw_toolbar(state);
    update_figures(state);  // The toolbar may have moved the as-of date.
    draw_panel_tabs(state);  // The registry's tabs (app/panels.cpp).
  }
  ImGui::End();
  draw_status_bar(state, status_height);
  // The registry's windows (Help) over the tabs, under the modal popups.
  for (const PanelDef& def : panels()) {
    if (def.place == PanelPlace::Window && def.draw) def.draw(state);
  }
  draw_popups(state);
}

bool restore_snapshot(State& state, std::string_view id) {
  return ask_restore_snapshot(state, std::string(id));
}

bool show_panel(State& state, std::string_view name) {
  // The registry (app/panels.cpp): a tab, a page of one (a form, a view of Commission, a page
  // hosted under a tab), or the Help window and its pages ("help-formulas:FORMAT.md#...").
  const PanelDef* def = find_panel(name);
  if (!def) return false;
  if (def->select) return def->select(state, name);
  return name == def->id && select_panel(state, def->id);  // No ":..." for a plain panel.
}

// ---- [SECTION] Query API ---------------------------------------------------------------

namespace {

// Never lose a book: "confirm_replace" (the modal: asked, what would replace which book),
// "book_reloaded" (the saved book reopened: no undo history), "snapshot_note" and
// "snapshots" (newest first: id, time, kind, pinned, why kept, label).
void add_replace_summary(const State& state, nlohmann::ordered_json* j) {
  const ReplaceConfirm& r = state.replace;
  (*j)["confirm_replace"] = {{"open", r.pending},
                             {"showing", r.showing},
                             {"replaces", state.book_name},
                             {"with", r.pending ? r.name : ""},
                             {"source", r.pending ? r.source : ""},
                             {"invoices", r.pending ? r.book.invoices.size() : 0}};
  (*j)["book_reloaded"] = state.book_reloaded;
  (*j)["snapshot_note"] = platform::storage_status().snapshot_note;
  std::vector<Snapshot> all = platform::snapshots();
  std::vector<std::string> why = snapshot_retention(all);
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (size_t k = 0; k < all.size(); ++k) {
    const SnapshotMeta& m = all[k].meta;
    list.push_back({{"id", all[k].id}, {"time", m.time}, {"kind", snapshot_kind_name(m.kind)},
                    {"pinned", m.pinned}, {"why", why[k]}, {"book", m.label.book_name},
                    {"invoices", m.label.invoices}, {"customers", m.label.customers},
                    {"last_change", m.label.last_change}});
  }
  (*j)["snapshots"] = list;
}

}  // namespace

std::string query_summary_json(const State& state) {
  // Fresh figures if the UI has not recomputed since the last change (no frame yet).
  Figures fresh;
  const Figures* f = &state.figures;
  if (!figures_current(state)) {
    fresh = compute_figures(state.book, state.as_of, state.edges);
    f = &fresh;
  }
  int digits = state.book.minor_digits;
  nlohmann::ordered_json j;
  j["book"] = state.book_name;
  j["as_of"] = arlab::format_date(state.as_of);
  j["currency"] = state.book.currency;
  j["invoices"] = state.book.invoices.size();
  j["open"] = arlab::format_amount(f->open_minor, digits);
  j["overdue"] = arlab::format_amount(f->overdue_minor, digits);
  // Core's collection position (core/collection.h): customers on hold, by invoice stage.
  j["on_hold"] = f->on_hold_count;
  j["worklist_items"] = f->worklist.size();  // What the dashboard lists to do today.
  nlohmann::ordered_json actions = nlohmann::ordered_json::object();
  for (const arlab::WorkItem& w : f->worklist)
    actions[arlab::work_action_name(w.action)] = actions.value(arlab::work_action_name(w.action), 0) + 1;
  j["worklist_actions"] = actions;  // Items by action ("send": 50, ...).
  // The case file: how many records, and the last five (id, kind, customer, date).
  const std::vector<arlab::CaseRecord>& records = state.book.collection.records;
  j["records"] = records.size();
  nlohmann::ordered_json last = nlohmann::ordered_json::array();
  for (size_t i = records.size() > 5 ? records.size() - 5 : 0; i < records.size(); ++i) {
    const arlab::CaseRecord& r = records[i];
    last.push_back({{"id", r.id}, {"kind", arlab::record_kind_name(r.kind)},
                    {"customer", state.book.customers[r.customer].id},
                    {"date", arlab::format_date(r.date)}, {"level", r.level},
                    {"text", r.text}});
  }
  j["last_records"] = last;
  j["stage_open"] = {arlab::format_amount(f->stage_minor[0], digits),
                     arlab::format_amount(f->stage_minor[1], digits),
                     arlab::format_amount(f->stage_minor[2], digits)};
  j["unapplied"] = arlab::format_amount(f->unapplied_minor, digits);
  j["bucket_names"] = f->aging.bucket_names;
  nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
  for (int64_t amount : f->aging.total_amounts_minor) {
    buckets.push_back(arlab::format_amount(amount, digits));
  }
  j["buckets"] = buckets;
  j["customers"] = state.book.customers.size();
  // A saved book unreadable at start: kept as it was, nothing saved over it (State).
  j["held_saved_book"] = !state.held_saved_book.empty();
  j["held_problems"] = state.held_problems.size();
  j["keyboard_nav"] = (ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) != 0;
  j["nav_visible"] = ImGui::GetIO().NavVisible;  // A key moved the keyboard focus.
  // What the keyboard acts on: the invoice list's selection (arrow keys move it) and whether
  // a combo, menu or popup is open (Escape closes it).
  // (Indices are checked: a book just opened has not been drawn, its panels not updated.)
  const arlab::Book& book = state.book;
  j["invoices_selected"] = state.invoices.selected < book.invoices.size()
                               ? std::string(book.str(book.invoices[state.invoices.selected].id))
                               : std::string();
  j["popup_open"] = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  j["statement_customer"] = state.statement.customer < book.customers.size()
                                ? book.customers[state.statement.customer].id
                                : std::string();
  // Controls by name (ui::mark), in display pixels: where a test clicks.
  j["display"] = {ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.y};
  nlohmann::ordered_json rects = nlohmann::ordered_json::object();
  for (const auto& [name, r] : ui::marked_rects()) rects[name] = {r.x, r.y, r.w, r.h};
  j["rects"] = rects;
  // The invoice list's scroll in lines of text (what a wheel notch should move by a few).
  j["invoices_scroll_lines"] =
      state.invoices.scroll_y / std::max(1.0f, ImGui::GetTextLineHeight());
  // Text the last frame cut without an ellipsis (app/layout_check.h); empty when all fits.
  j["overflows"] = layout_overflows();
  j["can_undo"] = state.history.can_undo();
  j["can_redo"] = state.history.can_redo();
  j["status"] = state.status;
  // The Import CSV tab as of its last rebuild (a frame after a file or mapping change).
  const ImportPanel& im = state.import;
  j["import"] = {{"file", im.file_name},
                 {"rows", im.dry_run.rows},
                 {"problems", im.dry_run.problems.size()},
                 {"ok", im.dry_run.ok && im.settings_error.empty()}};
  // The Commission tab's plan slots: name of the applied plan ("" if none), where the slot's
  // plan came from, and how many problems its form has.
  for (int k = 0; k < 2; ++k) {
    const PlanSlot& slot = state.commission.slots[k];
    j["commission"][k ? "b" : "a"] = {{"plan", slot.has_applied ? slot.applied.name : ""},
                                      {"source", slot.source},
                                      {"problems", slot.problems.size()}};
  }
  add_replace_summary(state, &j);
  // Today and the dates of new entries (issue 10): "today" is the user's date; the sample's
  // dates were moved "sample_shift_days" so that it ends today (0 for another book).
  j["today"] = arlab::format_date(state.today);
  j["sample_shift_days"] = state.sample_shift_days;
  const FormsPanel& forms = state.forms;
  j["form_dates"] = {{"invoice", forms.invoice.date},       {"payment", forms.payment.date},
                     {"credit_note", forms.credit_note.date}, {"write_off", forms.write_off.date},
                     {"refund", forms.refund.date}};
  // The last rejected submit's problems, each with the field it shows under ("id", "date").
  nlohmann::ordered_json form_problems = nlohmann::ordered_json::array();
  for (const arlab::Problem& p : forms.problems) {
    form_problems.push_back({{"field", p.place}, {"text", p.message}});
  }
  j["form_problems"] = form_problems;
  j["credit_warning"] = forms.credit_warning;  // "" when none is waiting for an answer.
  j["credit_headroom"] = forms.credit_headroom;
  // The problems popup's title and lines (a file refused, say).
  nlohmann::ordered_json problems = nlohmann::ordered_json::array();
  for (const arlab::Problem& p : state.problems) {
    problems.push_back({{"place", p.place}, {"message", p.message}});
  }
  j["problems"] = {{"title", state.problems_title}, {"list", problems}};
  // The Commission tab's comparison as its last frame drew it: each figure by its label (a
  // card or a TOTAL cell: one label, one number), its dates, and the presets listed by name.
  const CommissionPanel& cm = state.commission;
  nlohmann::ordered_json shown = nlohmann::ordered_json::array();
  if (cm.shown_frame == state.frame_count) {
    for (const CommissionPanel::Shown& f : cm.shown) {
      shown.push_back({f.label, arlab::format_amount(f.value_minor, digits)});
    }
  }
  bool compared = cm.compared;
  j["commission_compare"] = {
      {"compared", compared},
      {"from", compared ? arlab::format_date(cm.sides[0].statement.from) : ""},
      {"to", compared ? arlab::format_date(cm.sides[0].statement.to) : ""},
      {"shown", shown},
      {"export_csv", {cm.export_buttons[0], cm.export_buttons[1]}},
      {"export_json", {cm.export_buttons[2], cm.export_buttons[3]}}};
  j["commission_presets"] = commission_preset_names();
  // The statement's layout as last drawn (pixels): the salespeople table, the pane below it
  // (periods, explanation lines) and the centre of the splitter between them.
  bool laid_out = cm.layout_frame == state.frame_count;
  j["commission_layout"] = {{"summary_height", laid_out ? cm.drawn_summary_height : 0.0f},
                            {"lines_height", laid_out ? cm.drawn_lower_height : 0.0f},
                            {"splitter", {cm.splitter_x, cm.splitter_y}}};
  // The Help window: open or not, the page, the doc of the Formulas page, the characters of
  // text the last frame drew on the page (0 when it did not draw), and the shortcuts listed.
  const HelpPanel& help = state.help;
  j["help"] = {{"open", help.open},
               {"page", help_page_name(help.page)},
               {"doc", help_doc_name(help.doc)},
               {"chars", help.open && help.drawn_frame == state.frame_count ? help.drawn_chars : 0},
               {"shortcuts", shortcuts().size()}};
  // The Simulation page (issue 12): its runs, policies and results; {} before it is drawn.
  j["simulation"] = nlohmann::ordered_json::parse(simulation_status_json(state));
  // The Training tab (issue 13): the game, progress and class; {} before it is drawn.
  j["training"] = nlohmann::ordered_json::parse(training_status_json(state));
  return j.dump();
}

}  // namespace app
