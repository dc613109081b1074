// app.h: the arlab UI, written once with Dear ImGui and run by both shells.
//
// Hooks the shells call (they never reach into panels):
//   `init`:        once, after the ImGui context exists; loads the saved book or the sample.
//                  Call it before the first NewFrame: it adds the app's fonts to the atlas.
//   `frame`:       every frame between ImGui::NewFrame() and ImGui::Render(): menus, panels,
//                  status bar.
//   `open_book_text`: a file the user chose (picker, drag-and-drop, path); validated with the
//                  loader's rules; on any problem the current book stays and the problems show.
//   `open_file_text`: what the shells call with a picked or dropped file: books go to
//                  `open_book_text`, CSV exports and their mappings to the Import CSV tab.
//   `shutdown`:    before exit: flushes a pending save.
//   `set_ui_scale`: sizes and fonts times `scale` (the browser's devicePixelRatio); call it
//                  outside a frame (before NewFrame). It composes with the app's theme.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace app {

struct State;  // app_state.h; opaque to the shells.

std::unique_ptr<State, void (*)(State*)> create_state();
void init(State& state);
void frame(State& state);
void shutdown(State& state);
void set_ui_scale(State& state, float scale);

// Returns true if the book was replaced.
bool open_book_text(State& state, std::string_view file_name, std::string_view text);
// A file the user picked or dropped anywhere, routed by its name and by what the app asked
// the picker for: a commission plan ("arlab-commission-plan/1", or any file picked for a plan)
// to the Commission tab's plan slot, a ".csv" to the Import CSV tab, a ".map.json" (or any
// file picked for a mapping) to that tab's mapping, anything else to open_book_text. True if
// the file was taken (a book replaced the current one, a CSV, mapping or plan was read).
bool open_file_text(State& state, std::string_view file_name, std::string_view text);

// Small query API for scripts and tests (the web shell exposes it to JavaScript):
// a JSON object {"book":..., "as_of":..., "invoices":N, "open":"...", "overdue":"...",
// "buckets":[...], "customers":N, "can_undo":bool, "status":"..."}.
// Also "currency", "unapplied", "bucket_names" and "can_redo". Amounts are decimal strings
// ("1200.50"); "buckets" are the aging totals in bucket order; "customers" counts the book's
// customers; "as_of" is the UI's as-of date (the book's last document date at start).
// "import": the Import CSV tab's file and dry run as of its last frame: {"file":"" or the
// CSV's name, "rows":N, "problems":N, "ok":bool (the file would import)}.
// "commission": {"a": {"plan": the applied plan's name or "", "source": where the slot's plan
// came from, "problems": N}, "b": {...}} (plan slots are kept across sessions).
// "commission_compare": the comparison of plans A and B as its last frame drew it: {"compared",
// "from", "to", "shown": [[label, amount], ...] (the cards' and the TOTAL row's figures: one
// label, one amount), "export_csv" / "export_json": the export buttons' centres [x, y]}.
// "commission_presets": the preset plans' names as listed. "commission_layout": the statement's
// {"summary_height", "lines_height", "splitter": [x, y]} in pixels, as last drawn (0: not).
// "help": the Help window {"open", "page", "doc" (the Formulas page's), "chars" (of text the
// last frame drew on the page; 0 when not drawn), "shortcuts" (rows listed)}.
std::string query_summary_json(const State& state);

// Brings a panel to the front by name: "dashboard", "aging", "customer", "invoices",
// "forms", "history", "storage", "metrics", "statement", "import", "commission" (its
// comparison of two plans: "commission-compare", its statement: "commission-statement"), a
// form: "invoice", "payment", "credit-note", "write-off", "new-customer", or a page of the
// Help window: "help-shortcuts", "help-storage", "help-formulas", "help-practice",
// "help-about" ("help-formulas:COMMISSION.md#gates": a doc at a heading). False for an
// unknown name.
// (Screenshots, scripts.)
bool show_panel(State& state, std::string_view name);

}  // namespace app
