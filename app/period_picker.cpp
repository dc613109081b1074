// period_picker.cpp: the period picker of the report tabs (period_picker.h).
//
// [SECTION] Quick periods
// [SECTION] Follow and validate
// [SECTION] Drawing
#include "app/period_picker.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "app/app_state.h"
#include "app/widgets.h"
#include "core/book.h"
#include "imgui.h"

namespace app {

namespace {

// ---- [SECTION] Quick periods -----------------------------------------------------------

arlab::Date first_of_month(int32_t year, int32_t month) {  // month may be out of 1..12.
  int32_t m0 = year * 12 + (month - 1);
  int32_t y = m0 >= 0 ? m0 / 12 : (m0 - 11) / 12;
  return arlab::date_from_ymd(y, m0 - y * 12 + 1, 1);
}

// The dates a quick period gives at the as-of date (Custom: the picker's own dates).
void quick_period(const State& state, PeriodPreset preset, arlab::Date* from, arlab::Date* to) {
  arlab::YearMonthDay a = arlab::ymd_from_date(state.as_of);
  *to = state.as_of;
  switch (preset) {
    case PeriodPreset::Last12Months: *from = first_of_month(a.year, a.month - 11); break;
    case PeriodPreset::ThisMonth: *from = first_of_month(a.year, a.month); break;
    case PeriodPreset::LastMonth:
      *from = first_of_month(a.year, a.month - 1);
      *to = first_of_month(a.year, a.month) - 1;
      break;
    case PeriodPreset::LastQuarter: {
      int32_t start = (a.month - 1) / 3 * 3 + 1 - 3;  // First month of the previous quarter.
      *from = first_of_month(a.year, start);
      *to = first_of_month(a.year, start + 3) - 1;
      break;
    }
    case PeriodPreset::YearToDate: *from = first_of_month(a.year, 1); break;
    case PeriodPreset::WholeBook:
      *from = std::min(arlab::book_first_date(state.book), state.as_of);
      *to = std::max(arlab::book_last_date(state.book), state.as_of);
      break;
    case PeriodPreset::Custom: break;
  }
}

void set_date_text(char* text, size_t size, arlab::Date date) {
  std::snprintf(text, size, "%s", arlab::format_date(date).c_str());
}

// One date field; typing in it (even a text that is not a date yet) makes the period Custom.
bool period_date_field(PeriodPicker& period, const char* label, char* text, size_t size,
                       arlab::Date* date) {
  bool moved = ui::date_field(label, text, size, date, ui::px(110));
  if (!moved && !ImGui::IsItemEdited()) return false;
  bool was_custom = period.preset == PeriodPreset::Custom;
  period.preset = PeriodPreset::Custom;
  return moved || !was_custom;
}

}  // namespace

const char* period_preset_label(PeriodPreset preset) {
  switch (preset) {
    case PeriodPreset::Last12Months: return "Last 12 months";
    case PeriodPreset::ThisMonth: return "This month";
    case PeriodPreset::LastMonth: return "Last month";
    case PeriodPreset::LastQuarter: return "Last quarter";
    case PeriodPreset::YearToDate: return "Year to date";
    case PeriodPreset::WholeBook: return "Whole book";
    case PeriodPreset::Custom: break;
  }
  return "Custom";
}

// ---- [SECTION] Follow and validate -----------------------------------------------------

bool follow_period(const State& state, PeriodPicker& period) {
  if (period.preset == PeriodPreset::Custom && period.from.days != INT32_MIN) return false;
  if (period.preset == PeriodPreset::Custom) period.preset = period.initial;
  arlab::Date from, to;
  quick_period(state, period.preset, &from, &to);
  if (from == period.from && to == period.to) return false;
  period.from = from;
  period.to = to;
  set_date_text(period.from_text, sizeof period.from_text, from);
  set_date_text(period.to_text, sizeof period.to_text, to);
  return true;
}

// The typed dates are read by ui::date_field only when they parse; a text that does not is
// named here, so that the user sees which field is wrong and why.
bool validate_period(PeriodPicker& period) {
  period.error.clear();
  arlab::Date date;
  for (const auto& [label, text] :
       {std::pair{"From", period.from_text}, std::pair{"To", period.to_text}}) {
    if (arlab::parse_date(text, &date)) continue;
    period.error =
        std::string(label) + ": \"" + text + "\" is not a date; write YYYY-MM-DD, like 2025-06-30";
    return false;
  }
  if (period.from > period.to) {
    period.error = "The period's start " + arlab::format_date(period.from) + " is after its end " +
                   arlab::format_date(period.to);
  }
  return period.error.empty();
}

// ---- [SECTION] Drawing -----------------------------------------------------------------

bool draw_period_buttons(const State& state, PeriodPicker& period,
                         std::span<const PeriodPreset> offered) {
  bool changed = false;
  for (PeriodPreset preset : offered) {
    bool active = period.preset == preset;
    if (active) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    }
    if (ImGui::Button(period_preset_label(preset))) {
      changed |= period.preset != preset;
      period.preset = preset;
      changed |= follow_period(state, period);
    }
    if (active) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  return changed;
}

bool draw_period_fields(PeriodPicker& period, const char* id) {
  ImGui::PushID(id);
  // After the buttons' SameLine: on a narrow window (1024 px) the dates go on the next line.
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  float need = ImGui::CalcTextSize("From").x + ImGui::CalcTextSize("to").x + 2 * ui::px(110) +
               3 * spacing;
  if (ImGui::GetContentRegionAvail().x < need) ImGui::NewLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("From");
  ImGui::SameLine();
  bool changed =
      period_date_field(period, "##from", period.from_text, sizeof period.from_text, &period.from);
  ImGui::SameLine();
  ImGui::TextUnformatted("to");
  ImGui::SameLine();
  changed |= period_date_field(period, "##to", period.to_text, sizeof period.to_text, &period.to);
  ImGui::PopID();
  return changed;
}

bool draw_period_row(const State& state, PeriodPicker& period,
                     std::span<const PeriodPreset> offered, const char* id) {
  bool changed = draw_period_buttons(state, period, offered);
  changed |= draw_period_fields(period, id);
  return changed;
}

}  // namespace app
