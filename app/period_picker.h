// period_picker.h: the period a report tab covers (Metrics, Statement, Commission), picked
// with quick-period buttons (this month, last quarter, ...) or typed in its From / to fields.
// A quick period follows the toolbar's as-of date; typed dates do not (the period becomes
// Custom). Each tab keeps one PeriodPicker in its state, says which presets it offers (its
// buttons, in their order) and which it starts with; the compute caches stay the tab's, keyed
// on `from` and `to`, so a tab recomputes only when the period really changes.
//
// Usage:
//   PeriodPicker period{PeriodPreset::ThisMonth};                   // in the tab's state
//   constexpr PeriodPreset kOffered[] = {PeriodPreset::ThisMonth, PeriodPreset::LastMonth};
//   draw_period_row(state, panel.period, kOffered, "statement");    // buttons, From, to
//   follow_period(state, panel.period);                              // every frame
//   if (validate_period(panel.period)) compute(panel.period.from, panel.period.to);
//   else show(panel.period.error);  // `From: "2025-02-30" is not a date; write YYYY-MM-DD...`
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "core/date.h"

namespace app {

struct State;

// The quick periods, at the as-of date A (a quarter is Jan-Mar, Apr-Jun, ...):
//   Last12Months  the 1st of the month 11 months before A's month .. A
//   ThisMonth     the 1st of A's month .. A
//   LastMonth     the whole month before A's month
//   LastQuarter   the whole quarter before A's quarter
//   YearToDate    January 1st of A's year .. A
//   WholeBook     the book's first document .. its last, widened to include A
//   Custom        the typed dates
enum class PeriodPreset : uint8_t {
  Last12Months,
  ThisMonth,
  LastMonth,
  LastQuarter,
  YearToDate,
  WholeBook,
  Custom
};

struct PeriodPicker {
  explicit PeriodPicker(PeriodPreset initial_preset)
      : preset(initial_preset), initial(initial_preset) {}
  PeriodPreset preset;   // Not Custom: from and to follow the as-of date.
  PeriodPreset initial;  // The tab's default; Custom with no dates yet falls back to it.
  arlab::Date from{INT32_MIN}, to{INT32_MIN};
  char from_text[16] = "", to_text[16] = "";
  std::string error;  // Of validate_period: a bad typed date or a start after the end.
};

// The button label of a preset: "Last 12 months", "Year to date", ...
const char* period_preset_label(PeriodPreset preset);

// Keeps from / to and their fields in step with the quick period at the as-of date (a Custom
// period with no dates yet becomes the initial preset). Returns whether from or to changed.
bool follow_period(const State& state, PeriodPicker& period);

// Names the field whose text is not a date, else a start after the end, in period.error;
// returns whether the period is valid (error empty). from / to keep the last dates that parsed.
bool validate_period(PeriodPicker& period);

// One button per offered preset, in the order given; the chosen one is highlighted. Each
// button is followed by ImGui::SameLine(). A click follows the as-of date at once. Returns
// whether the period changed.
bool draw_period_buttons(const State& state, PeriodPicker& period,
                         std::span<const PeriodPreset> offered);

// "From [date] to [date]", inside ImGui::PushID(id). Typing in a field makes the period
// Custom. Returns whether the period changed.
bool draw_period_fields(PeriodPicker& period, const char* id);

// The buttons, then the fields, on one line.
bool draw_period_row(const State& state, PeriodPicker& period,
                     std::span<const PeriodPreset> offered, const char* id);

}  // namespace app
