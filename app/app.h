// app.h: the arlab UI, written once with Dear ImGui and run by both shells.
//
// Hooks the shells call (they never reach into panels):
//   `init`:        once, after the ImGui context exists; loads the saved book or the sample.
//                  Call it before the first NewFrame: it adds the app's fonts to the atlas.
//   `frame`:       every frame between ImGui::NewFrame() and ImGui::Render(): menus, panels,
//                  status bar.
//   `open_book_text`: a file the user chose (picker, drag-and-drop, path); validated with the
//                  loader's rules; on any problem the current book stays and the problems show.
//   `open_file_text`: what the shells call with a picked or dropped file: books are read and
//                  asked about ("Replace the open book?"), CSV exports and their mappings go
//                  to the Import CSV tab.
//   `shutdown`:    before exit: flushes a pending save.
//   `set_ui_scale`: sizes and fonts times `scale` (the browser's devicePixelRatio); call it
//                  outside a frame (before NewFrame). It composes with the app's theme.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace arlab {
struct SimResult;  // core/policy_sim.h
}  // namespace arlab

namespace app {

struct State;  // app_state.h; opaque to the shells.

std::unique_ptr<State, void (*)(State*)> create_state();
void init(State& state);
void frame(State& state);
void shutdown(State& state);
void set_ui_scale(State& state, float scale);

// Replaces the book at once, asking nothing (scripts, tests, --book); the user's ways ask
// (open_file_text). Returns true if the book was replaced.
bool open_book_text(State& state, std::string_view file_name, std::string_view text);
// A file the user picked or dropped anywhere, routed by its name and by what the app asked
// the picker for: a commission plan ("arlab-commission-plan/1", or any file picked for a plan)
// to the Commission tab's plan slot, a ".csv" to the Import CSV tab, a ".map.json" (or any
// file picked for a mapping) to that tab's mapping, anything else to open_book_text. True if
// the file was taken (a book replaced the current one, a CSV, mapping or plan was read).
// A book asks first ("Replace the open book?"; true once it is read and asked about) unless
// `ask_to_replace` is false (scripts and tests: it replaces at once, as open_book_text).
bool open_file_text(State& state, std::string_view file_name, std::string_view text,
                    bool ask_to_replace = true);

// Small query API for scripts and tests (the web shell exposes it to JavaScript):
// a JSON object {"book":..., "as_of":..., "invoices":N, "open":"...", "overdue":"...",
// "buckets":[...], "customers":N, "can_undo":bool, "status":"..."}.
// Also "currency", "unapplied", "bucket_names" and "can_redo". Amounts are decimal strings
// ("1200.50"); "buckets" are the aging totals in bucket order; "customers" counts the book's
// customers; "as_of" is the UI's as-of date (today at start, platform::today()).
// Issue 10: "today", "sample_shift_days" (the sample's dates moved so that it ends today),
// "form_dates" (the New entry forms' dates), "form_problems" ([{field, text}] of the last
// rejected submit), "credit_warning" and "credit_headroom" (New invoice), "problems"
// ({title, list: [{place, message}]} of the problems window).
// "import": the Import CSV tab's file and dry run as of its last frame: {"file":"" or the
// CSV's name, "rows":N, "problems":N, "ok":bool (the file would import)}.
// "commission": {"a": {"plan": the applied plan's name or "", "source": where the slot's plan
// came from, "problems": N}, "b": {...}} (plan slots are kept across sessions).
// "confirm_replace": {"open": a book waits for "Replace the open book?", "showing": the modal
// was drawn last frame, "replaces": the open book's name, "with", "source", "invoices": what
// would replace it}; "book_reloaded": the saved book reopened at start (no undo history);
// "snapshot_note": why the last snapshot was not kept; "snapshots": [{"id", "time", "kind",
// "pinned", "why" (kept as), "book", "invoices", "customers", "last_change"}], newest first.
// "commission_compare": the comparison of plans A and B as its last frame drew it: {"compared",
// "from", "to", "shown": [[label, amount], ...] (the cards' and the TOTAL row's figures: one
// label, one amount), "export_csv" / "export_json": the export buttons' centres [x, y]}.
// "commission_presets": the preset plans' names as listed. "commission_layout": the statement's
// {"summary_height", "lines_height", "splitter": [x, y]} in pixels, as last drawn (0: not).
// "help": the Help window {"open", "page", "doc" (the Formulas page's), "chars" (of text the
// last frame drew on the page; 0 when not drawn), "shortcuts" (rows listed)}.
std::string query_summary_json(const State& state);

// Storage > Restore for scripts and tests: snapshot `id` (query_summary_json's "snapshots")
// read and checked, then asked about as the button does. False if it cannot be read.
bool restore_snapshot(State& state, std::string_view id);

// Brings a panel to the front by its id in the panel registry (app/panels.cpp): "dashboard",
// "aging", "customer", "invoices",
// "forms", "history", "storage", "metrics", "statement", "import", "commission" (its
// comparison of two plans: "commission-compare", its statement: "commission-statement"), a
// form: "invoice", "payment", "credit-note", "write-off", "new-customer", or a page of the
// Help window: "help-shortcuts", "help-storage", "help-formulas", "help-practice",
// "help-about" ("help-formulas:COMMISSION.md#gates": a doc at a heading). False for an
// unknown name.
// (Screenshots, scripts.)
bool show_panel(State& state, std::string_view name);

// The New invoice form filled and answered as a user would (app/form_command.cpp; scripts,
// the browser test): a JSON object {"form": "invoice", "id", "customer" (a customer id),
// "date", "due" ("" for the customer's terms), "amount" (texts as typed), "disputed": bool,
// "submit": true, "answer": "record-anyway" | "cancel" (to a credit warning)}. Members left
// out keep what the form holds. "submit" presses "Add invoice" on the next frame: bring the
// form to the front first (show_panel "invoice"). False for another form, an unknown
// customer, a text too long for its field, or a submit while another form is in front.
bool form_command(State& state, std::string_view json);
// The Collection tab's Case page filled and submitted from a script (app/panel_case.cpp):
// {"customer": "C002", "form": "contact"|"promise"|"letter"|"dispute"|"hold"|"release"|"case",
//  "date", "text", "with", "by", "amount", "until", "level", "submit": true}; the page's own
// Record button code checks and records it. False for a command it cannot take.
bool case_command(State& state, std::string_view json);
// The Credit file page's "Record a review" form filled and submitted from a script
// (app/panel_credit_file.cpp): {"customer": "C002", "date", "grade", "limit" ("" unchanged),
// "security": "none"|"guarantee"|"prepayment", "next_review" ("" by the policy), "notes",
// "by", "submit": true}. False for a command it cannot take.
bool credit_file_command(State& state, std::string_view json);
// What the Credit file page shows, as JSON: {"customer", "as_of", "grade", "limit" (minor
// units, null: none), "next_review", "review_months", "security", "reviews", "score",
// "reviews_due": [customer ids, oldest first], "problems": ["Field: message"], "done"}.
std::string credit_file_status_json(const State& state);
// The Policy page's working copy changed from a script (app/panel_policy.cpp):
// {"reminder_days", "letter_gap_days", "approval_over" (text as typed), "level": 1-based with
// "days", "name", "owner", "deadline_days", "action": "apply"|"revert"|"defaults" (the
// button, pressed on the next frame)}. False for a command it cannot take.
bool policy_command(State& state, std::string_view json);
// The Policy page as JSON: {"form_levels": [{"name", "days", "owner", "deadline_days"}],
// "edited", "problems": ["Field: message"], "done"}.
std::string policy_status_json(const State& state);
// The Simulation page from a script (app/panel_simulation.cpp), what its buttons and fields do:
// {"action": "add-policy", "name"} | {"action": "select" | "remove-policy" | "rename", "policy":
// index or name, "name"} | {"action": "set-param", "policy", "param": "discount.rate", "value":
// "2%" (as typed)} | {"action": "run", "runs", "horizon", "seed"} | {"action": "cancel"} |
// {"action": "sweep", "param", "values": "0:3%:7", "metric": "profit", "diff"} |
// {"action": "tornado", "runs", "metric"} | {"action": "compare", "policy"} |
// {"action": "show", "view": "results" | "sweep" | "tornado"} |
// {"action": "export", "format": "csv" | "json"}. A run the page refuses is refused in words
// (simulation_status_json's "problems"). False for a command it cannot take.
bool simulation_command(State& state, std::string_view json);
// The page as JSON (query_summary_json's "simulation"): {"running", "runs_done", "runs",
// "cancelled", "where", "error", "elapsed_ms", "selected", "policies": [{"name", "problems",
// "fields": {param: text}}], "problems", "done", "result": {"runs_done", "partial", "from", "to",
// "policies": [{"name", "cash", "profit", "dso" (horizon means, minor units / centidays),
// "cash_by_month": [means], "cash_text"}]}, "sweep": {..., "points"}, "tornado": {..., "bars"}};
// {} before the page was first drawn.
std::string simulation_status_json(const State& state);
// The Simulation page's result as summarized last (nullptr before one): tests compare it with
// a direct run of core's engine.
const arlab::SimResult* simulation_result(const State& state);

// The Training tab from a script (app/panel_training.cpp), what its buttons and fields do:
// {"action": "pick", "scenario": id or index, "weeks": N (0: all; fewer: a practice round)} |
// {"action": "start"} | {"action": "add-move", "customer": "C1", "move": "call" | "visit" |
// "letter" | "hold" | "release" | "plan" | "escalate" | "resolve", "level", "instalments",
// "to": "management" | "legal"} | {"action": "remove-move" | "move-up", "index"} |
// {"action": "hint" | "use-hint"} | {"action": "play"} | {"action": "restart" | "leave"} |
// {"action": "trainee", "name"} | {"action": "show", "section": "game" | "progress" | "class"} |
// {"action": "export", "format": "json" | "csv"} | {"action": "clear-class"}. A plan the game
// refuses is refused in words (training_status_json's "refused"). False for a command it
// cannot take (an unknown customer, a move while no game is in progress, ...).
bool training_command(State& state, std::string_view json);
// The tab as JSON (query_summary_json's "training"): {"section", "catalog": [{"id", "title",
// "level", "weeks", "builtin"}], "picked", "trainee", "playing", "scenario", "weeks", "week",
// "over", "plan": [move texts], "minutes_left", "refused", "hints", "log": [{"week", "moves",
// "cash" (minor units), "done", "events"}], "debrief": {"total", "by_the_book", "advice"},
// "results": [{"scenario", "title", "trainee", "played_on", "weeks", "total", "by_the_book"}],
// "class": {"results", "files", "trainees", "cells", "practices", "mistakes"}, "done", "note"};
// {} before the tab was first drawn or commanded.
std::string training_status_json(const State& state);

}  // namespace app
