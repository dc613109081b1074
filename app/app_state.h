// app_state.h: everything the UI holds, and the few actions every panel shares.
//
// The book and its undo history are the only data; everything else is derived from
// (book, as-of date, aging edges) into `Figures`, recomputed only when one of those
// changes (`book_generation` bumps on every change to the book). Panels point at the book
// and the figures and keep only their own sorted row indices, rebuilt when the figures'
// `generation` or their own filter / sort changes, never per frame (app/cached.h).
// Each panel's state is in its own file (app/panel_<name>.h or .cpp; app/panels.h).
//
// [SECTION] Figures (derived numbers)
// [SECTION] Panels (where their state is; the first tabs' ids)
// [SECTION] State
// [SECTION] Shared actions (app/actions.cpp) and drawing entry points
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/busy.h"
#include "app/cached.h"
#include "app/panel_commission.h"
#include "app/panel_customer.h"
#include "app/panel_forms.h"
#include "app/panel_help.h"
#include "app/panel_import.h"
#include "app/panel_invoices.h"
#include "app/panel_metrics.h"
#include "app/panel_statement.h"
#include "app/panels.h"
#include "app/period_picker.h"
#include "app/snapshots.h"
#include "core/aging.h"
#include "core/book.h"
#include "core/budget.h"
#include "core/collection.h"
#include "core/commission.h"
#include "core/worklist.h"
#include "core/credit_score.h"
#include "core/edit.h"
#include "core/metrics.h"
#include "core/statement.h"
#include "io/csv_import.h"

namespace app {

// ---- [SECTION] Figures -----------------------------------------------------------------

// The practice's stages and the one-third limit are core's (core/collection.h); the app
// keeps this cache of core's position, by customer, for its panels.
using arlab::Stage;
using arlab::kStageCount;
using arlab::stage_name;

struct CustomerFigures {
  int64_t open_minor = 0;
  int64_t overdue_minor = 0;
  int64_t unapplied_minor = 0;       // Zero or negative.
  int32_t days_overdue_max = 0;      // Of its oldest open invoice; <= 0 if none overdue.
  // Of its invoice furthest past its own one-third limit (core's worst_invoice): the limit,
  // how far past it (negative: days left), and the day of its credit period to act by.
  int32_t days_limit = 0;
  int32_t over_limit_days = 0;
  int32_t act_by_day = 0;
  uint32_t open_invoice_count = 0;
  Stage stage = Stage::Credit;
  uint8_t hold = arlab::kHoldNone;   // arlab::HoldReason bits.
};

struct Figures {
  uint64_t generation = 0;                  // Bumps on every recompute.
  arlab::AgingReport aging;
  // Core's collection position as of (core/collection.h): per invoice its open amount (0 if
  // dated after as-of), days past due, own limit and stage; the panels read it as it is.
  arlab::CollectionPosition position;
  std::vector<CustomerFigures> customers;   // Per book customer.
  uint32_t on_hold_count = 0;               // Customers core's position puts on hold.
  std::vector<arlab::WorkItem> worklist;    // What to do today (core/worklist.h), ranked.
  int64_t open_minor = 0;
  int64_t overdue_minor = 0;
  int64_t unapplied_minor = 0;
  int64_t due_soon_minor = 0;               // Due within the next 7 days: call to confirm.
  uint32_t due_soon_count = 0;
  std::array<int64_t, kStageCount> stage_minor{};
  std::array<uint32_t, kStageCount> stage_customers{};
  uint32_t invoices_existing = 0;           // Dated on or before as-of.
};

// ---- [SECTION] Panels ------------------------------------------------------------------

// Each panel's state is beside it: in its .cpp, reached through the registry's store
// (`panel_state<T>(state)`, app/panels.h) when nothing else reads it (Dashboard, Aging, every
// new panel), or in its own header app/panel_<name>.h as a member of State below when other
// code does (a tab that opens another on a customer, the Edit menu, the summary, tests).

// The ids of the first tabs (app/panels.cpp), for code that brings one to the front:
// `state.select_tab = Tab::Forms`. A new panel needs no name here: its id is enough.
namespace Tab {
inline constexpr const char* Dashboard = "dashboard";
inline constexpr const char* Aging = "aging";
inline constexpr const char* Customer = "customer";
inline constexpr const char* Statement = "statement";
inline constexpr const char* Invoices = "invoices";
inline constexpr const char* Metrics = "metrics";
inline constexpr const char* Forms = "forms";
inline constexpr const char* History = "history";
inline constexpr const char* Storage = "storage";
inline constexpr const char* Import = "import";
inline constexpr const char* Commission = "commission";
}  // namespace Tab

// "Replace the open book?" (app/replace.cpp): File > Open, a dropped file, New from sample
// and Storage > Restore all ask first, naming the open book and what replaces it; the open
// book is kept as a snapshot that is not rolled over. The replacing book is read and checked
// before asking (a file with problems shows them and asks nothing).
struct ReplaceConfirm {
  bool pending = false;         // A book waits for the user's answer.
  bool open_popup = false;      // Open the modal next frame.
  bool showing = false;         // The modal is up (drawn this frame).
  arlab::Book book;             // What replaces the open book, read and checked.
  std::string name;             // Its name once open: "small-book.json", "sample".
  std::string source;           // "the file small-book.json", "snapshot 2025-06-30 14:02:11"
  std::string done_status;      // The status line once replaced.
  std::string last_change;      // Its label's last change (a snapshot's), "" if none known.
  // The open book's text as asked about (its size against snapshot_bytes_max), made again if
  // the book changed while the modal was up.
  std::string open_text;
  uint64_t open_text_generation = ~0ull;
  std::string keep_error;       // Why the last replaced book could not be kept ("": it was).
  int32_t sample_shift_days = 0;  // The sample's: its dates moved to end today (load_sample).
};

// ---- [SECTION] State -------------------------------------------------------------------

// What the figures are computed from: the book as it is, the as-of date, the aging edges.
struct FiguresKey {
  uint64_t book_generation = 0;
  arlab::Date as_of;
  std::vector<int32_t> edges;
  bool operator==(const FiguresKey&) const = default;
};

struct State {
  arlab::Book book;
  arlab::History history;
  std::string book_name = "sample";      // File name the book came from.
  uint64_t book_generation = 0;          // Bumps on every change to the book.

  arlab::Date as_of;                     // Default: today (State::today).
  char as_of_text[16] = "";
  std::vector<int32_t> edges = arlab::kDefaultAgingEdges;
  char edges_text[32] = "30,60,90";
  std::string edges_error;

  Figures figures;
  Cached<void, FiguresKey> figures_key;  // The inputs of the last recompute (update_figures).

  // Panels (app/panels.h): the registry's store of each panel's own state, the View menu's
  // checks that differ from a panel's `shown_at_start`, the tab to bring to the front on the
  // next frame (its id; "" none) and the page of a host tab to bring to the front when it
  // next draws.
  PanelStates panel_states;
  std::map<std::string, bool, std::less<>> panel_shown;
  std::string select_tab;
  std::string select_page;
  // The panels whose state other code reads (their headers: app/panel_<name>.h).
  CustomerPanel customer;
  InvoicePanel invoices;
  FormsPanel forms;
  MetricsPanel metrics;
  StatementPanel statement;
  ImportPanel import;
  CommissionPanel commission;
  HelpPanel help;

  std::string status;                    // One line in the status bar.
  std::string problems_title;            // "Could not open book.json" (modal).
  std::vector<arlab::Problem> problems;  // Of the last failed import.
  std::string problems_file;             // File they are in ("" if none).
  bool problems_popup = false;           // Open the problems modal next frame.
  // The book saved by the last session when it could not be read at start (one written
  // before the date-order rule, say): held here as it was, never overwritten, until the
  // user exports it or chooses to replace it (Storage). While held, save_book() saves
  // nothing, so neither the sample opened instead nor any edit can take its place.
  std::string held_saved_book;
  std::vector<arlab::Problem> held_problems;
  bool open_path_popup = false;          // Native "Open" asks for a path.
  char open_path[512] = "";
  bool light_theme = false;
  float ui_scale = 1.0f;                 // Sizes and fonts times this (devicePixelRatio).
  bool theme_applied = false;            // Theme and scale are in ImGui's style.
  uint64_t frame_count = 0;
  // Books with at least this many invoices compute the Metrics and Commission tabs a frame
  // after showing "Computing..." (BusyCompute); smaller ones at once (tests lower it).
  uint32_t defer_invoices_min = 10000;
  // Never lose a book (app/replace.cpp).
  ReplaceConfirm replace;
  bool book_reloaded = false;        // The book the last session saved: its undo history is gone.
  std::string opened_last_change;    // The book's last change as opened (its saved label).
  // Today where the user is (platform::today(), read every frame): the default as-of date and
  // the date of new entries. A session open past midnight moves on: an as-of date that was
  // today follows it.
  arlab::Date today;
  // The open sample's dates were moved this many days so that it ends today (load_sample);
  // 0 for any other book. Figures as of D equal the embedded sample's as of D - shift.
  int32_t sample_shift_days = 0;
};

// ---- [SECTION] Shared actions and drawing entry points ---------------------------------

// Never lose a book (app/replace.cpp). The open book in words: its name, counts and last
// change (the last applied edit's describe(), else its label as opened, else its last
// document's date).
BookLabel book_label(const State& state);
std::string last_change_text(const State& state);
// Asks "Replace the open book?" (the modal of draw_replace_confirm) before `book` replaces
// it; `source` names what replaces it ("the file x.json"), `done_status` is the status line
// once replaced. Cancel leaves everything as it was.
void ask_replace(State& state, arlab::Book&& book, const std::string& name,
                 const std::string& source, const std::string& done_status);
// A book file the user picked, dropped or named: read and checked, then asked about. False
// (its problems shown, nothing asked, nothing changed) if it cannot be read.
bool ask_open_book_text(State& state, std::string_view file_name, std::string_view text);
void ask_load_sample(State& state);  // File > New from sample.
// Storage > Restore: the snapshot read and checked, then asked about. False if it cannot be.
bool ask_restore_snapshot(State& state, const std::string& id);
void confirm_replace(State& state);  // The modal's Replace.
// The open book as a snapshot of `kind` (replace_book calls it); a failure is in
// state.replace.keep_error. Nothing before a book was ever open (start-up).
void keep_open_book(State& state, SnapshotKind kind);
void cancel_replace(State& state);   // Its Cancel (Escape).
void draw_replace_confirm(State& state);
// The lines every replace shows (the modal and Import CSV's): the open book and its last
// change, that it is kept in Storage > Snapshots, and that its undo history goes.
void draw_open_book_note(State& state, const std::string& replaced_by = "");

Figures compute_figures(const arlab::Book& book, arlab::Date as_of,
                        const std::vector<int32_t>& edges);
bool figures_current(const State& state);  // Figures match book, as-of and edges.
// Recomputes `figures` if the book, the as-of date or the edges changed since last time.
void update_figures(State& state);
void set_as_of(State& state, arlab::Date as_of);
// Reads platform::today(); when the day changed, an as-of date and new-entry dates that were
// the old today follow it.
void update_today(State& state);

// Applies an edit through the history (same rules as the loader). On success: saves and
// sets the status line; on rejection fills *problems and leaves the book unchanged.
bool apply_edit(State& state, const arlab::Edit& edit, std::vector<arlab::Problem>* problems);
void undo(State& state);               // Also forgets selections of what it removed.
void redo(State& state);
// Keeps the open book as a snapshot of `kind` (not rolled over), then replaces it: no undo
// history, the as-of date at its last document, saved. Asks nothing (see ask_replace).
void replace_book(State& state, arlab::Book&& book, const std::string& name,
                  SnapshotKind kind = SnapshotKind::BeforeReplace);
void load_sample(State& state);
// The embedded sample with its dates moved to end today (*shift days), and the status line
// that says so; false (problems shown) if it does not read.
bool read_sample(State& state, arlab::Book* book, int32_t* shift, std::string* status);
// A file that is no arlab file at all (a photo, another program's JSON): its problem shown in
// plain words (io/file_kind.h) and true; false for anything that may be a book.
bool refuse_not_a_book(State& state, const std::string& name, std::string_view text);
void save_book(State& state);           // platform::schedule_save of the current book.
// Ends the hold of an unreadable saved book (State::held_saved_book): the open book is
// saved in its place.
void release_held_book(State& state);
void export_held_book(State& state);     // The held saved book, byte for byte, as a file.
void export_book_json(State& state);
void export_ledger_journal(State& state);
void export_aging_csv(State& state);
void select_customer(State& state, arlab::Index customer);  // Drill down.
// A customer's name in a table cell; on hold: in red, "[hold] " before it, and why on hover.
void customer_name_cell(const State& state, arlab::Index customer);
void show_problems(State& state, const std::string& title, std::vector<arlab::Problem> problems,
                   const std::string& file = "");

// The History panel's lines, oldest first: arlab::describe of each change, and whether it
// is applied (false: undone, can be redone).
struct HistoryLine {
  std::string text;
  bool applied = false;
};
std::vector<HistoryLine> history_lines(const State& state);

// Long computes in two frames (app/busy.cpp). `busy_wait`: true while the compute must wait
// (this frame draws the busy state: draw_busy); false once a frame has shown it, or for a
// small book: compute, then `busy_done` (the status line comes back). A panel calls one of
// the two in every frame it draws.
bool busy_wait(State& state, BusyCompute& busy, std::string text);
void busy_done(State& state, BusyCompute& busy);
bool busy_showing(const State& state, const BusyCompute& busy);  // This frame draws it.
std::string busy_invoices(const arlab::Book& book);  // "1,000,000 invoices"
// A spinner, the text, and (last_ms >= 100) how long the last compute took.
void draw_busy(const BusyCompute& busy, double last_ms);

void draw_menus(State& state);
void draw_status_bar(State& state, float height);
void draw_popups(State& state);
void handle_shortcuts(State& state);
void draw_toolbar(State& state);
void draw_dashboard(State& state);
void draw_aging(State& state);
void draw_customer(State& state);
void draw_invoices(State& state);
void draw_forms(State& state);
void draw_history(State& state);
void draw_storage(State& state);
void draw_metrics(State& state);
// Brings the Metrics tab's cached figures up to date (period, rate, book, as-of date).
void update_metrics(State& state);
void export_metrics_csv(State& state, arlab::MetricsBy by);  // The table by customer / salesperson.
// The Budget tab's two fields to the book's targets (an undoable arlab::SetBudget through
// apply_edit; empty field: no target). False with state.metrics.budget_problems if refused.
bool set_budget_from_texts(State& state);
void draw_statement(State& state);
// The Collection tab's pages (app/panel_case.cpp, ...).
void draw_case(State& state);
void draw_worklist_page(State& state);  // app/panel_worklist.cpp
void show_case(State& state, arlab::Index customer);  // The Case page on a customer.
void draw_credit_file(State& state);  // app/panel_credit_file.cpp
void draw_policy(State& state);       // app/panel_policy.cpp
// The Simulation page (app/panel_simulation.cpp): drawn, polled every frame (its runs go on
// while another tab is in front), and its policy files (panels.h FileRoute).
void draw_simulation(State& state);
void poll_simulation(State& state);
int simulation_claim_file(const State& state, std::string_view name, std::string_view text);
bool simulation_open_file(State& state, std::string_view name, std::string_view text);
void simulation_forget_pick(State& state);
// Brings the Statement tab's statement up to date (customer, period, book, edges).
void update_statement(State& state);
void show_statement(State& state, arlab::Index customer);  // Opens the tab on a customer.
// Exports the statement shown: "html" (printable), "txt" or "csv"; false if there is none.
bool export_statement(State& state, const char* format);
void draw_import(State& state);
// The Help window when it is open (app/panel_help.cpp); F1 opens and closes it.
void draw_help(State& state);
void open_help(State& state, HelpPage page);
void toggle_help(State& state);
const char* help_page_name(HelpPage page);  // "shortcuts", "storage", "formulas", ...
const char* help_doc_name(int doc);         // "METRICS.md", ...: the Formulas page's docs.
// "help-formulas" (show_panel's names) opens that page, "help-formulas:COMMISSION.md#gates" a
// doc at a heading; false for another name.
bool show_help_page(State& state, std::string_view name);
// The Formulas page at a doc's heading: "COMMISSION.md#comparing-two-plans", "#gates" (in the
// doc shown), "FORMAT.md". False (nothing changes) for a target that is not an embedded doc.
bool open_help_doc(State& state, std::string_view target);
void draw_commission(State& state);
void show_commission(State& state);  // Opens the Commission tab.
// The edited slot's statement and, with `compare`, the comparison of A and B up to date with
// the book, the applied plans and the period. Presets fill the slots the first time.
void update_commission(State& state, bool compare);
// Applies the edited slot's form if it has no problems (what Enter does); false otherwise.
bool apply_commission_plan(State& state);
// A plan file (docs/COMMISSION.md) into a slot, replacing its form; false (problems shown,
// the slot unchanged) if it is refused.
bool commission_set_plan(State& state, int slot, std::string_view file_name,
                         std::string_view text);
// The editor's form from a plan, and back: the plan, and problems with the plan file's
// places (parse errors, then validate_commission_plan, then check_commission_plan_for_book).
void plan_form_from_plan(const arlab::Book& book, const arlab::CommissionPlan& plan,
                         PlanForm* form);
arlab::CommissionPlan plan_from_form(const arlab::Book& book, const PlanForm& form,
                                     std::vector<arlab::Problem>* problems);
// Draws the editor of the edited slot (form or JSON, problems); app/panel_commission_plan.cpp.
void draw_commission_plan_editor(State& state);
// A and B the first time (app::init): the plans saved by the last session
// (platform::load_setting), else the presets. Each applied or loaded plan is saved again.
void fill_commission_slots(State& state);
void refresh_commission_slots(State& state);  // Forms parsed again after an edit or a new book.
// What the Presets list shows: the plan name of each of arlab::kEmbeddedPlans, in order.
const std::vector<std::string>& commission_preset_names();
// A statement paid out earlier (commission_json with lines) as the statement's paid
// register; false (problems shown, the register unchanged) if it is refused.
bool commission_set_paid(State& state, std::string_view file_name, std::string_view text);
void commission_clear_paid(State& state);
// Exports: the edited slot's plan (canonical JSON) and the statement as CSV, or as JSON with
// its lines (what commission_set_paid reads back once it has been paid out).
bool export_commission_plan(State& state);
bool export_commission_csv(State& state, bool lines);
bool export_commission_json(State& state);
// The comparison of A and B as a file, CSV or JSON: the bytes `arlab commission --compare`
// writes for the same book, plans and period. False (status says why) without a comparison.
bool export_commission_comparison(State& state, bool json);
void show_import(State& state);  // Opens the Import CSV tab.
// A CSV for the import (picked, dropped or read from a path): reads its header and guesses
// the mapping's columns it does not name yet. False (problems shown) if it cannot be read.
bool import_set_csv(State& state, std::string_view file_name, std::string_view text);
// A mapping file (docs/IMPORT.md) for the import; false (problems shown) if it is refused.
bool import_set_map(State& state, std::string_view file_name, std::string_view text);
// Header, preview and dry run up to date with the file and the mapping.
void update_import(State& state);
// The Import button once confirmed: imports the file with the mapping. On success replaces
// the book and sets the status line; on problems shows them (line-numbered) and keeps the
// current book. Returns true if the book was replaced.
bool run_import(State& state);
// The style for the theme at a scale, rebuilt from scratch (theme and scale compose).
void apply_theme(bool light, float ui_scale);

}  // namespace app
