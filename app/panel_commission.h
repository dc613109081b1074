// panel_commission.h: the Commission tab's state (app/panel_commission.cpp and
// app/panel_commission_plan.cpp draw it). A member of State (state.commission).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/busy.h"
#include "app/cached.h"
#include "app/period_picker.h"
#include "core/book.h"
#include "core/commission.h"

namespace app {

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
  struct ParsedKey {
    uint64_t form_generation = 0;
    uint64_t book_generation = 0;
    bool operator==(const ParsedKey&) const = default;
  };
  Cached<void, ParsedKey> parsed;
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

struct State;
// The registry's FileRoute (panels.h): a commission plan or a statement paid earlier (by the
// format its text names), or any file the plan or register pickers were opened for.
int commission_claim_file(const State& state, std::string_view name, std::string_view text);
bool commission_open_file(State& state, std::string_view name, std::string_view text);
void commission_forget_pick(State& state);
// show_panel's "commission-statement" and "commission-compare": that view in front.
bool select_commission_view(State& state, std::string_view name);

}  // namespace app
