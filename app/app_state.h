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
#include <string_view>
#include <vector>

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

// A long compute drawn in two frames (app/busy.cpp): the frame where a panel's inputs change
// on a big book shows "Computing ..." in the panel and the status bar; the next one computes.
struct BusyCompute {
  uint64_t shown_frame = 0;   // State::frame_count of the frame that drew it; 0: none.
  uint64_t seen_frame = 0;    // The last frame the panel was drawn (busy_wait or busy_done).
  bool settled = false;       // The panel was drawn before shown_frame: its layout is sized.
  std::string text;           // "Computing commission for 1,000,000 invoices..."
  std::string status_before;  // The status line it replaced, back after the compute.
};

// ---- [SECTION] Panels ------------------------------------------------------------------

enum class Tab : uint8_t {
  Dashboard, Aging, Customer, Invoices, Forms, History, Storage, Metrics, Statement, Import,
  Commission, Count
};

struct DashboardPanel {
  bool open = true;
  uint64_t built_generation = ~0ull;
  std::vector<uint32_t> top_overdue;  // Customer indices, by overdue amount, at most 10.
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
  // The customer's payment score (core/credit_score.h) beside its grade: recomputed when the
  // figures (book or as-of) or the customer change, never per frame.
  arlab::PaymentScore score;
  std::string score_how;  // Its parts, points and assumptions: the (?) beside it.
  uint64_t score_generation = ~0ull;
  arlab::Index score_customer = arlab::kNone;
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
  float scroll_y = 0.0f;       // The list's scroll, as last drawn (e2e: the wheel's effect).
  arlab::Index selected = arlab::kNone;
  bool disputed_only = false;  // Only invoices marked disputed.
};

struct InvoiceForm {
  char id[48] = "";
  int customer = -1;           // Book customer index.
  char date[16] = "";
  bool due_given = false;
  char due[16] = "";
  char amount[32] = "";
  bool disputed = false;       // kInvoiceDisputed: the customer contests it.
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
  char grade[40] = "";         // Credit grade from the credit file; empty: none.
};

struct RefundForm {  // Money paid back out of the customer's unapplied credit.
  char id[48] = "";
  int customer = -1;
  char date[16] = "";
  char amount[32] = "";
  int payment = -1;            // Book payment index of the customer; -1: none named.
};

enum class FormKind : uint8_t { Invoice, Payment, CreditNote, WriteOff, Customer, Refund };

struct FormsPanel {
  bool open = true;
  int kind = 0;                // FormKind of the form shown.
  bool select_kind = false;    // Make `kind` the selected sub-tab next frame.
  InvoiceForm invoice;
  ReceiptForm payment;
  ReceiptForm credit_note;
  WriteOffForm write_off;
  CustomerForm customer;
  RefundForm refund;
  std::vector<arlab::Problem> problems;  // Of the last rejected submit.
  int problems_kind = -1;
  char customer_filter[48] = "";
  // Set by tests (or scripts) to submit a form on the next frame without a click.
  bool submit_requested = false;
  // Every problem of a rejected submit is shown under its field (panel_forms.cpp): the
  // problems' places are the fields' keys ("id", "date", "allocation 1: amount"), their
  // messages speak of the field ("Invoice id: INV-1 is already used by another invoice").
  // New entries are dated today: the text the date fields were filled with, so that a field
  // the user did not touch moves on with the day.
  char date_default[16] = "";
  // Credit control before delivery (core/credit.h): a new invoice that takes its customer
  // over the credit limit is not recorded at once; the warning shows with "Record anyway"
  // and "Cancel". `credit_form` is the form as it was warned about (an edit drops the
  // warning); scripts and tests answer through the two flags, as the buttons do.
  std::string credit_warning;
  std::string credit_form;
  bool record_anyway_requested = false;
  bool cancel_warning_requested = false;
  // The invoice form's customer on its date, for the headroom shown under the customer field;
  // rebuilt when (customer, date, book) change.
  std::string credit_built_key;
  std::string credit_headroom;
};

// The Metrics tab (app/panel_metrics.cpp). Everything shown is computed once per change of
// its inputs (book, as-of date, aging edges, period, rate) into the `built_*` members.

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
  PeriodPicker period{PeriodPreset::Last12Months};  // Not Custom: follows the as-of date.
  char rate_text[16] = "8";  // Percent a year.
  int32_t rate_bp = arlab::kDefaultRateBp;
  std::string input_error;  // The rate's, or the period's (period.error) when it has one.
  // Inputs of the last compute, and its results.
  uint64_t built_book_generation = ~0ull;
  uint64_t built_figures_generation = ~0ull;
  arlab::Date built_from{INT32_MIN}, built_to{INT32_MIN};
  int32_t built_rate_bp = -1;
  uint64_t compute_count = 0;  // How many times the metrics were computed (tests).
  double compute_ms = 0;
  BusyCompute busy;            // A change on a big book: "Computing..." first, then compute.
  arlab::Metrics total;
  std::vector<arlab::MetricsRow> months;
  std::vector<std::string> bucket_names;
  std::vector<std::vector<int64_t>> month_buckets_minor;  // Aging at each month's end.
  MetricsTable by_customer, by_salesperson;
  Concentration concentration;
  // The budget (book.budget, changed through History as arlab::SetBudget) against the
  // months above; the two fields are refilled from the book when it changes.
  arlab::BudgetReport budget;
  char budget_dso_text[16] = "";    // "45" (days), empty: no target.
  char budget_ratio_text[16] = "";  // "15%" or "0.15", empty: no target.
  uint64_t budget_texts_generation = ~0ull;  // Book generation the fields were filled from.
  std::vector<arlab::Problem> budget_problems;  // Of the last rejected change.
  bool select_budget_tab = false;  // Bring the Budget table to the front next frame.
};

// The Statement tab (app/panel_statement.cpp): one customer's statement of account over a
// period (core/statement.h), exported as printable HTML, text or CSV (io/statement_report.h).
// Computed once per change of its inputs (book, customer, period, aging edges).

struct StatementRow {  // The texts of one line of the table, made once per compute.
  std::string date, type, document, due, applied_to, amount, balance;
};

struct StatementPanel {
  bool open = true;
  arlab::Index customer = arlab::kNone;
  char customer_filter[48] = "";
  // This month: the 1st of the as-of date's month to the as-of date; the quick periods
  // follow the toolbar's as-of date, typed dates do not. A bad date or period (period.error):
  // the last statement stays, marked stale.
  PeriodPicker period{PeriodPreset::ThisMonth};
  // Inputs of the last compute, and its results.
  uint64_t built_book_generation = ~0ull;
  arlab::Index built_customer = arlab::kNone;
  arlab::Date built_from{INT32_MIN}, built_to{INT32_MIN};
  std::vector<int32_t> built_edges;
  uint64_t compute_count = 0;  // How many times the statement was computed (tests).
  bool computed = false;       // `statement` holds a statement of a customer of this book.
  arlab::Statement statement;
  std::vector<StatementRow> rows;  // One per statement line.
};

// The Import CSV tab (app/panel_import.cpp): a spreadsheet export read into a new book
// through a column mapping edited here (io/csv_import.h, docs/IMPORT.md). The header, the
// preview and a dry run of the whole import are rebuilt once per change of the file or of
// the mapping (compared through write_csv_map), never per frame.
enum class ImportRole : uint8_t {
  InvoiceId, CustomerId, CustomerName, InvoiceDate, DueDate, Amount, SettledDate, Disputed, Count
};
constexpr int kImportRoleCount = static_cast<int>(ImportRole::Count);
enum class ImportPick : uint8_t { None, Csv, Map };  // What the file picker was opened for.

struct ImportPreviewRow {  // A CSV row as it would import, as texts for the preview table.
  uint32_t line = 0;
  std::array<std::string, kImportRoleCount> cells;
  std::array<bool, kImportRoleCount> bad{};  // The cell would be refused.
};

struct ImportPanel {
  bool open = false;
  ImportPick picking = ImportPick::None;
  std::string file_name;         // The CSV read ("" before one is).
  std::string text;              // Its bytes.
  uint64_t text_generation = 0;  // Bumps on each CSV read.
  char path[512] = "";           // Desktop: path of the CSV.
  char map_path[512] = "";       // Desktop: path of a mapping file.
  arlab::CsvMap map;             // The mapping being edited.
  char currency[8] = "USD";      // Copied into map.currency when valid.
  std::string map_source;        // Where the mapping came from: "(guessed)", a file name.
  std::vector<arlab::Problem> map_problems;  // Of the last mapping file that was refused.
  bool confirm_popup = false;    // Open "Replace the current book?" next frame.
  // Derived from (text, map): rebuilt when either changes.
  uint64_t built_text_generation = ~0ull;
  std::string built_map_json;
  std::vector<std::string> header;   // Names in the CSV's first line.
  std::string settings_error;        // The mapping cannot be used as it is (no dry run).
  std::vector<ImportPreviewRow> preview;  // The first rows.
  arlab::CsvImportResult dry_run;    // import_csv of the whole file with the mapping.
  int64_t dry_run_total_minor = 0;   // Sum of its invoices.
  uint64_t dry_run_count = 0;        // How many dry runs were made (tests).
  double dry_run_ms = 0;
};

// The Commission tab (issue 5; app/panel_commission.cpp draws the statement and the comparison,
// app/panel_commission_plan.cpp the plan editor): two plan slots, A and B, each edited as the
// texts of a form. The form is parsed and checked (validate_commission_plan and
// check_commission_plan_for_book) on every edit; a plan is *applied* (Enter, leaving a field,
// a checkbox or a button) only when it has no problems, and the statement and the comparison
// are computed from applied plans only, once per change of book, plan or period.
enum class PlanRateMode : uint8_t { Flat, Tiers, Grades };

struct PlanTierText { char from[32] = ""; char rate[16] = ""; };
struct PlanGradeText { char grade[24] = ""; char rate[16] = ""; };
struct PlanLateText { char days[12] = ""; char factor[16] = ""; };
struct PlanTargetText { std::string salesperson; char amount[32] = ""; };  // Salesperson id.
struct PlanInvoiceText { char id[48] = ""; };

// Every member of a plan (docs/COMMISSION.md) as the editor's texts; an optional member is
// given when its switch is on. Percentages "5%" or "0.05"; amounts in the book's currency.
struct PlanForm {
  char name[96] = "";
  int period = 0;                    // arlab::CommissionPeriodKind.
  int basis = 1;                     // arlab::CommissionBasis.
  char on_invoice[16] = "";          // Split only.
  int rate_mode = 0;                 // PlanRateMode.
  char rate[16] = "";                // Flat; with grades, the rate of other grades (optional).
  std::vector<PlanTierText> tiers;
  std::vector<PlanGradeText> grades;
  std::vector<PlanLateText> late_factors;
  bool early_bonus = false;
  char early_days[12] = "", early_rate[16] = "";
  bool sales_target_on = false;
  char sales_target[32] = "";        // Default per period.
  std::vector<PlanTargetText> targets;  // Per salesperson.
  bool collection_rate_on = false;
  char collection_rate[16] = "80%";  // The practice's rule (source 003).
  bool dso_on = false;
  char dso_days[16] = "60";
  bool overdue_ratio_on = false;
  char overdue_ratio[16] = "25%";
  char bad_debt_rate[16] = "0%";
  bool warning_on = false;
  char warning_days[12] = "60";
  bool hold_disputed = false;
  std::vector<PlanInvoiceText> hold_invoices;
  char period_percent[16] = "0%";
  char release_after[12] = "3";
  char payout_lag[12] = "1";
  bool window_on = false;
  char window_months[12] = "12";
};

struct PlanSlot {
  PlanForm form;
  std::string source;             // "preset: Cash collected, 80% gate", a file name, "new plan".
  uint64_t form_generation = 0;   // Bumps on every edit of the form.
  // The form parsed and checked: rebuilt when the form or the book changes.
  uint64_t parsed_form_generation = ~0ull, parsed_book_generation = ~0ull;
  arlab::CommissionPlan plan;
  std::vector<arlab::Problem> problems;  // Places as in the plan file ("tiers[0].from").
  bool pending = false;           // Edited since the last apply.
  // The last plan applied without problems: what the statements are computed from.
  bool has_applied = false;
  arlab::CommissionPlan applied;
  std::string applied_json;       // write_commission_plan(applied): compared, shown, saved.
  // Kept across sessions (platform::save_setting "commission-plan-a.json" and ".source"):
  // the plan last applied or loaded, and where it came from, as saved.
  std::string saved_json, saved_source;
  // The saved plan could not be read at start (an older format, another currency): why, and
  // its text (exportable) until the user dismisses it; the slot starts from its preset.
  std::vector<arlab::Problem> unreadable_problems;
  std::string unreadable_text;
};

struct CommissionPanel {
  bool open = true;
  std::array<PlanSlot, 2> slots;  // A and B.
  int slot = 0;                   // The slot being edited, and whose statement shows.
  bool slots_filled = false;      // The presets are put in on the first draw.
  int picking_slot = -1;          // The file picker was opened for this slot's plan.
  char plan_path[512] = "";       // Desktop: path of a plan file.
  bool show_editor = true;
  bool show_json = false;         // The editor shows the canonical JSON instead of the form.
  bool apply_requested = false;   // Apply the edited plan next frame (Enter; tests).
  int view = 0;                   // 0: statement, 1: comparison.
  bool select_view = false;       // Make `view` the selected sub-tab next frame.
  // The period: the last 12 months to the as-of date until the user picks another.
  PeriodPicker period{PeriodPreset::Last12Months};
  // The statement of the edited slot's applied plan (with lines), and the inputs it was
  // computed from.
  bool computed = false;
  uint64_t built_book_generation = ~0ull;
  std::string built_plan_json;
  arlab::Date built_from{INT32_MIN}, built_to{INT32_MIN};
  arlab::CommissionStatement statement;
  std::vector<std::string> gate_texts;  // Per row: "2 of 12 failed: collection_rate".
  uint64_t compute_count = 0;
  double compute_ms = 0;
  BusyCompute busy;               // A change on a big book: "Computing..." first, then compute.
  std::vector<uint32_t> order;    // Rows of the summary, sorted.
  int sort_column = 0;
  bool sort_descending = false;
  bool sort_changed = true;
  bool has_selection = false;     // A salesperson row is selected: its details show.
  arlab::Index selected = arlab::kNone;
  int rule_filter = -1;           // arlab::CommissionRule shown, -1: every rule.
  std::vector<uint32_t> lines_shown;  // Into statement.lines: the selected row's, filtered.
  uint64_t lines_built_count = ~0ull; // compute_count the list was built for.
  arlab::Index lines_built_selected = arlab::kNone;
  int lines_built_filter = -2;
  std::array<uint32_t, 16> rule_counts{};  // The selected row's lines by rule.
  // A statement paid out earlier (commission_json with lines, read back): what the book no
  // longer produces for its lines is clawed back, what it now produces more is paid
  // (docs/COMMISSION.md, "Removed allocations"). The CLI's --paid. Applies to the statement,
  // not to the comparison of A and B.
  bool picking_paid = false;       // The file picker was opened for it.
  char paid_path[512] = "";        // Desktop: its path.
  std::string paid_name;           // "" = none.
  std::string paid_text;           // Kept to read again for a book of other minor digits.
  int paid_minor_digits = -1;
  arlab::CommissionPaid paid;
  uint64_t paid_generation = 0;    // Bumps on each load and clear.
  uint64_t built_paid_generation = ~0ull;
  struct Tally {
    uint32_t count = 0;
    int64_t minor = 0;
    void add(int64_t amount) { ++count, minor += amount; }
  };
  Tally paid_removed, paid_added;  // The statement's "allocation removed" / "added" lines.
  // The comparison of A and B (figures only), each side cached with its own inputs.
  struct Side {
    bool computed = false;
    uint64_t book_generation = ~0ull;
    std::string plan_json;
    arlab::Date from{INT32_MIN}, to{INT32_MIN};
    arlab::CommissionStatement statement;  // Without lines.
  };
  std::array<Side, 2> sides;
  bool compared = false;
  arlab::CommissionComparison comparison;
  uint64_t compare_count = 0;
  double compare_ms = 0;
  std::vector<uint32_t> compare_order;
  int compare_sort_column = 3;    // By difference...
  bool compare_sort_descending = true;  // ...gains first.
  bool compare_sort_changed = true;
  // The figures the comparison drew in its last frame, by label ("Cost B - A", "Payable B -
  // A"; the cards' and the TOTAL row's): one label, one number (app::query_summary_json).
  struct Shown {
    std::string label;
    int64_t value_minor = 0;
  };
  std::vector<Shown> shown;
  uint64_t shown_frame = 0;
  std::array<float, 4> export_buttons{};  // Centres of "Export comparison CSV" and "JSON".
  // The statement's salespeople table, above the selected salesperson's periods and lines:
  // its height as the splitter between them was dragged (0: automatic), and the layout of the
  // last frame (pixels; the splitter's centre on the screen).
  float summary_height = 0;
  float drawn_summary_height = 0, drawn_lower_height = 0;
  float splitter_x = 0, splitter_y = 0;
  uint64_t layout_frame = 0;
};

struct HistoryPanel {
  bool open = true;
};

struct StoragePanel {
  bool open = true;
};

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

// The Help window (app/panel_help.cpp), over the tabs: F1 or the Help menu. Its pages: the
// keyboard shortcuts (the table handle_shortcuts runs: app/shortcuts.h), where the book is
// kept, the docs' formulas (embedded at build time: assets/docs.h), the practice notes the
// tooltips hold, and About.
enum class HelpPage : uint8_t { Shortcuts, Storage, Formulas, Practice, About, Count };

struct HelpPanel {
  bool open = false;
  HelpPage page = HelpPage::Shortcuts;
  int doc = 0;                // Formulas: index into arlab::kEmbeddedDocs.
  bool select_doc = false;    // Bring `doc`'s tab to the front on the next draw.
  bool focus = false;         // Put the window in front, with the keys, on the next draw.
  std::string jump_anchor;    // Formulas: scroll to this heading on the next draw.
  bool scroll_top = false;    // Back to the top of the page on the next draw.
  bool place = true;          // Size and centre the window on the next draw.
  float placed_w = 0, placed_h = 0;  // The viewport it was placed for (moved if it shrinks).
  // What the last frame drew (app::query_summary_json): the page and its characters of text.
  uint64_t drawn_frame = 0;
  size_t drawn_chars = 0;
};

// ---- [SECTION] State -------------------------------------------------------------------

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
  StatementPanel statement;
  ImportPanel import;
  CommissionPanel commission;
  HelpPanel help;
  Tab select_tab = Tab::Count;           // Tab to bring to front next frame (Count: none).

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
