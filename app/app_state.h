// app_state.h: everything the UI holds, and the few actions every panel shares.
//
// The book and its undo history are the only data; everything else is derived from
// (book, as-of date, aging edges) into `Figures`, recomputed only when one of those
// changes (`book_generation` bumps on every change to the book). Panels point at the book
// and the figures and keep only their own sorted row indices, rebuilt when the figures'
// `generation` or their own filter / sort changes, never per frame.
//
// [SECTION] Figures (derived numbers)
// [SECTION] Panels (one struct a screen; drawn by app/panel_<name>.cpp)
// [SECTION] State
// [SECTION] Shared actions (app/actions.cpp) and drawing entry points
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/aging.h"
#include "core/book.h"
#include "core/edit.h"
#include "core/metrics.h"

namespace app {

// ---- [SECTION] Figures -----------------------------------------------------------------

// The three stages of an account by age (domain/README.md, "Move the focus forward"):
// before due, just overdue (within one third of the credit period), beyond that limit.
enum class Stage : uint8_t { Credit, Coordination, Clearing };
constexpr int kStageCount = 3;
const char* stage_name(Stage stage);
// The hard limit: overdue by at most one third of the terms (30 -> 10 days: act by day 40).
int32_t days_limit(int32_t terms_days);

struct CustomerFigures {
  int64_t open_minor = 0;
  int64_t overdue_minor = 0;
  int64_t unapplied_minor = 0;       // Zero or negative.
  int32_t days_overdue_max = 0;      // Of its oldest open invoice; <= 0 if none overdue.
  int32_t days_limit = 0;            // Hard limit: overdue days <= terms / 3 (30 -> day 40).
  uint32_t open_invoice_count = 0;
  Stage stage = Stage::Credit;
};

struct Figures {
  uint64_t generation = 0;                  // Bumps on every recompute.
  arlab::AgingReport aging;
  std::vector<int64_t> invoice_open_minor;  // Per invoice as of; 0 if dated after as-of.
  std::vector<CustomerFigures> customers;   // Per book customer.
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

enum class Tab : uint8_t {
  Dashboard, Aging, Customer, Invoices, Forms, History, Storage, Metrics, Count
};

struct DashboardPanel {
  bool open = true;
  uint64_t built_generation = ~0ull;
  std::vector<uint32_t> top_overdue;  // Customer indices, by overdue amount, at most 10.
  std::vector<uint32_t> beyond_limit;  // Customers in the clearing period, by days overdue.
};

struct AgingPanel {
  bool open = true;
  const arlab::Book* book = nullptr;
  const Figures* figures = nullptr;
  uint64_t built_generation = ~0ull;
  std::vector<uint32_t> rows;  // Indices into figures->aging.customers, filtered and sorted.
  char filter[64] = "";
  bool filter_changed = true;
  int sort_column = 0;
  bool sort_descending = false;
};

struct CustomerPanel {
  bool open = true;
  const arlab::Book* book = nullptr;
  const Figures* figures = nullptr;
  arlab::Index customer = arlab::kNone;
  arlab::Index invoice = arlab::kNone;  // Selected invoice: its history shows below.
  bool show_settled = false;  // Also list invoices already paid as of.
  char customer_filter[48] = "";
  std::vector<uint32_t> rows;  // The customer's invoices shown, oldest due first.
  uint64_t built_generation = ~0ull;
  arlab::Index built_customer = arlab::kNone;
  bool built_show_settled = false;
};

enum class InvoiceStatus : uint8_t { All, Open, Overdue, NotDue, Paid };  // Open = not paid.

struct InvoicePanel {
  bool open = true;
  const arlab::Book* book = nullptr;
  const Figures* figures = nullptr;
  uint64_t built_generation = ~0ull;
  std::vector<uint32_t> rows;  // Invoice indices, filtered and sorted.
  char filter[64] = "";
  int status = 0;              // InvoiceStatus.
  char date_from[16] = "";
  char date_to[16] = "";
  std::string filter_error;
  bool filter_changed = true;
  bool sort_changed = true;
  int sort_column = 2;         // By date.
  bool sort_descending = true;
  double last_rebuild_ms = 0;
  uint32_t hidden_later = 0;   // Invoices dated after the as-of date (they do not exist yet).
  arlab::Index selected = arlab::kNone;
};

struct InvoiceForm {
  char id[48] = "";
  int customer = -1;           // Book customer index.
  char date[16] = "";
  bool due_given = false;
  char due[16] = "";
  char amount[32] = "";
};

struct ReceiptForm {  // A payment or a credit note.
  char id[48] = "";
  int customer = -1;
  char date[16] = "";
  char amount[32] = "";
  // The customer's open invoices as of the receipt date, oldest due first, and the amount
  // typed against each; rebuilt when customer, date or book change.
  std::vector<uint32_t> invoices;
  std::vector<std::array<char, 24>> allocations;
  int built_customer = -2;
  std::string built_date;
  uint64_t built_book_generation = ~0ull;
};

struct WriteOffForm {
  char id[48] = "";
  int customer = -1;
  int invoice = -1;            // Book invoice index.
  char date[16] = "";
  char amount[32] = "";
};

struct CustomerForm {
  char id[48] = "";
  char name[96] = "";
  int salesperson = -1;        // Book salesperson index; -1: none.
  int terms_days = arlab::kDefaultTermsDays;
  char credit_limit[32] = "";  // Empty: no credit limit.
};

enum class FormKind : uint8_t { Invoice, Payment, CreditNote, WriteOff, Customer };

struct FormsPanel {
  bool open = true;
  int kind = 0;                // FormKind of the form shown.
  bool select_kind = false;    // Make `kind` the selected sub-tab next frame.
  InvoiceForm invoice;
  ReceiptForm payment;
  ReceiptForm credit_note;
  WriteOffForm write_off;
  CustomerForm customer;
  std::vector<arlab::Problem> problems;  // Of the last rejected submit.
  int problems_kind = -1;
  char customer_filter[48] = "";
  // Set by tests (or scripts) to submit a form on the next frame without a click.
  bool submit_requested = false;
};

// The Metrics tab (app/panel_metrics.cpp). Everything shown is computed once per change of
// its inputs (book, as-of date, aging edges, period, rate) into the `built_*` members.
enum class MetricsPeriod : uint8_t { Last12Months, ThisMonth, LastQuarter, WholeBook, Custom };

struct MetricsTable {  // Rows by customer or by salesperson, sorted through an index.
  std::vector<arlab::MetricsRow> rows;
  std::vector<uint32_t> order;
  int sort_column = 0;
  bool sort_descending = false;
  bool sort_changed = true;
};

struct Concentration {  // Of open AR at the as-of date (figures.customers).
  int64_t open_minor = 0;
  int64_t top1_minor = 0, top5_minor = 0, top10_minor = 0;
  arlab::Index top_customer = arlab::kNone;
  bool too_concentrated = false;  // One customer holds more than 20% of open AR.
};

struct MetricsPanel {
  bool open = true;
  MetricsPeriod period = MetricsPeriod::Last12Months;  // Not Custom: follows the as-of date.
  arlab::Date from{INT32_MIN}, to{INT32_MIN};
  char from_text[16] = "", to_text[16] = "";
  char rate_text[16] = "8";  // Percent a year.
  int32_t rate_bp = arlab::kDefaultRateBp;
  std::string input_error;
  // Inputs of the last compute, and its results.
  uint64_t built_book_generation = ~0ull;
  uint64_t built_figures_generation = ~0ull;
  arlab::Date built_from{INT32_MIN}, built_to{INT32_MIN};
  int32_t built_rate_bp = -1;
  uint64_t compute_count = 0;  // How many times the metrics were computed (tests).
  double compute_ms = 0;
  arlab::Metrics total;
  std::vector<arlab::MetricsRow> months;
  std::vector<std::string> bucket_names;
  std::vector<std::vector<int64_t>> month_buckets_minor;  // Aging at each month's end.
  MetricsTable by_customer, by_salesperson;
  Concentration concentration;
};

struct HistoryPanel {
  bool open = true;
};

struct StoragePanel {
  bool open = true;
};

// ---- [SECTION] State -------------------------------------------------------------------

struct State {
  arlab::Book book;
  arlab::History history;
  std::string book_name = "sample";      // File name the book came from.
  uint64_t book_generation = 0;          // Bumps on every change to the book.

  arlab::Date as_of;                     // Default: the book's last document date.
  char as_of_text[16] = "";
  std::vector<int32_t> edges = arlab::kDefaultAgingEdges;
  char edges_text[32] = "30,60,90";
  std::string edges_error;

  Figures figures;
  uint64_t figures_book_generation = ~0ull;  // Inputs of the last recompute.
  arlab::Date figures_as_of{INT32_MIN};
  std::vector<int32_t> figures_edges;

  DashboardPanel dashboard;
  AgingPanel aging;
  CustomerPanel customer;
  InvoicePanel invoices;
  FormsPanel forms;
  HistoryPanel history_panel;
  StoragePanel storage;
  MetricsPanel metrics;
  Tab select_tab = Tab::Count;           // Tab to bring to front next frame (Count: none).

  std::string status;                    // One line in the status bar.
  std::string problems_title;            // "Could not open book.json" (modal).
  std::vector<arlab::Problem> problems;  // Of the last failed import.
  std::string problems_file;             // File they are in ("" if none).
  bool problems_popup = false;           // Open the problems modal next frame.
  bool open_path_popup = false;          // Native "Open" asks for a path.
  char open_path[512] = "";
  bool light_theme = false;
  float ui_scale = 1.0f;                 // Sizes and fonts times this (devicePixelRatio).
  bool theme_applied = false;            // Theme and scale are in ImGui's style.
  uint64_t frame_count = 0;
};

// ---- [SECTION] Shared actions and drawing entry points ---------------------------------

Figures compute_figures(const arlab::Book& book, arlab::Date as_of,
                        const std::vector<int32_t>& edges);
bool figures_current(const State& state);  // Figures match book, as-of and edges.
// Recomputes `figures` if the book, the as-of date or the edges changed since last time.
void update_figures(State& state);
void set_as_of(State& state, arlab::Date as_of);

// Applies an edit through the history (same rules as the loader). On success: saves and
// sets the status line; on rejection fills *problems and leaves the book unchanged.
bool apply_edit(State& state, const arlab::Edit& edit, std::vector<arlab::Problem>* problems);
void undo(State& state);               // Also forgets selections of what it removed.
void redo(State& state);
void replace_book(State& state, arlab::Book&& book, const std::string& name);
void load_sample(State& state);
void save_book(State& state);           // platform::schedule_save of the current book.
void export_book_json(State& state);
void export_ledger_journal(State& state);
void export_aging_csv(State& state);
void select_customer(State& state, arlab::Index customer);  // Drill down.
void show_problems(State& state, const std::string& title, std::vector<arlab::Problem> problems,
                   const std::string& file = "");

// The History panel's lines, oldest first: arlab::describe of each change, and whether it
// is applied (false: undone, can be redone).
struct HistoryLine {
  std::string text;
  bool applied = false;
};
std::vector<HistoryLine> history_lines(const State& state);

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
// The style for the theme at a scale, rebuilt from scratch (theme and scale compose).
void apply_theme(bool light, float ui_scale);

}  // namespace app
