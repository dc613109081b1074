// training_exercises_view.cpp: the exercises view (app/training_exercises_view.h).
//
// [SECTION] State
// [SECTION] Data
// [SECTION] Answer widgets
// [SECTION] Check and feedback
// [SECTION] draw_training_exercises
#include "app/training_exercises_view.h"

#include <algorithm>
#include <cstdio>

#include "app/widgets.h"
#include "core/money.h"
#include "imgui.h"

namespace app {

using arlab::Exercise;
using arlab::ExerciseAnswer;
using arlab::ExerciseKind;

// =========================================================================================
// [SECTION] State
// =========================================================================================

namespace {

void set_text(std::array<char, 32>* out, const std::string& text) {
  std::snprintf(out->data(), out->size(), "%s", text.c_str());
}

// A fresh answer: the ids in book order, zero buckets, plan A.
ExerciseAnswer blank_answer(const Exercise& e) {
  ExerciseAnswer a;
  a.kind = e.kind;
  if (e.kind == ExerciseKind::RankWorklist) a.order = e.choices;
  if (e.kind == ExerciseKind::AgingDsoCei) a.buckets_minor.assign(e.choices.size(), 0);
  return a;
}

void rebuild(const arlab::Scenario& s, ExercisesView* v) {
  v->key = s.id + "#" + std::to_string(s.seed);
  v->exercises = arlab::make_exercises(s);
  v->answers.clear();
  v->feedback.assign(v->exercises.size(), std::nullopt);
  v->outcomes.clear();
  v->current = 0;
  v->field_error.clear();
  v->bucket_text.clear();
  for (size_t i = 0; i < v->exercises.size(); i++) {
    v->answers.push_back({});
    set_exercise_answer(v, i, blank_answer(v->exercises[i]));
  }
}

}  // namespace

void set_exercise_answer(ExercisesView* v, size_t index, const ExerciseAnswer& a) {
  if (index >= v->answers.size()) return;
  v->answers[index] = a;
  const Exercise& e = v->exercises[index];
  if (e.kind != ExerciseKind::AgingDsoCei) return;
  v->bucket_text.assign(e.choices.size(), {});
  for (size_t b = 0; b < e.choices.size(); b++)
    set_text(
        &v->bucket_text[b],
        arlab::format_amount(b < a.buckets_minor.size() ? a.buckets_minor[b] : 0, e.minor_digits));
  std::snprintf(v->dso_text.data(), v->dso_text.size(), "%s",
                arlab::format_amount(a.dso_centidays, 2).c_str());
  std::snprintf(v->cei_text.data(), v->cei_text.size(), "%s",
                arlab::format_amount(a.cei_centipoints, 2).c_str());
}

int exercises_right(const ExercisesView& v) {
  int n = 0;
  for (const auto& f : v.feedback) n += f && f->correct ? 1 : 0;
  return n;
}

// =========================================================================================
// [SECTION] Data
// =========================================================================================

namespace {

void draw_table(const arlab::ExerciseTable& t, size_t index) {
  ui::heading(t.title.c_str());
  const int columns = int(t.header.size());
  if (columns == 0) return;
  const std::string id = "##exercise_table_" + std::to_string(index);
  if (!ImGui::BeginTable(
          id.c_str(), columns,
          ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
    return;
  for (int c = 0; c < columns; c++) ImGui::TableSetupColumn(t.header[size_t(c)].c_str());
  ui::headers_row();
  for (const std::vector<std::string>& row : t.rows) {
    ImGui::TableNextRow();
    for (int c = 0; c < columns && size_t(c) < row.size(); c++) {
      ImGui::TableSetColumnIndex(c);
      ui::text_fit(row[size_t(c)]);
    }
  }
  ImGui::EndTable();
}

void bullets(const std::vector<std::string>& lines) {
  for (const std::string& l : lines) {
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::TextWrapped("%s", l.c_str());
  }
}

// =========================================================================================
// [SECTION] Answer widgets
// =========================================================================================

void rank_widgets(const Exercise& e, ExerciseAnswer* a) {
  ImGui::TextUnformatted("Your order (first to work first):");
  for (size_t i = 0; i < a->order.size(); i++) {
    ImGui::PushID(int(i));
    if (ImGui::ArrowButton("##up", ImGuiDir_Up) && i > 0) std::swap(a->order[i], a->order[i - 1]);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##down", ImGuiDir_Down) && i + 1 < a->order.size())
      std::swap(a->order[i], a->order[i + 1]);
    ImGui::SameLine();
    ImGui::Text("%zu. %s", i + 1, a->order[i].c_str());
    ImGui::PopID();
  }
  (void)e;
}

void level_widgets(const Exercise& e, ExerciseAnswer* a) {
  // Choice k: 0 none, 1 the reminder (level 0), k the level k - 1.
  int choice = a->level + 1;
  const std::string shown = size_t(choice) < e.choices.size() ? e.choices[size_t(choice)] : "";
  ImGui::SetNextItemWidth(ui::px(220));
  if (ImGui::BeginCombo("Letter due today", shown.c_str())) {
    for (size_t k = 0; k < e.choices.size(); k++)
      if (ImGui::Selectable(e.choices[k].c_str(), int(k) == choice)) a->level = int32_t(k) - 1;
    ImGui::EndCombo();
  }
}

void hold_widgets(ExerciseAnswer* a) {
  if (ImGui::RadioButton("On hold", a->on_hold)) a->on_hold = true;
  ImGui::SameLine();
  if (ImGui::RadioButton("Not on hold", !a->on_hold)) a->on_hold = false;
  ImGui::TextUnformatted("Why:");
  for (int k = 0; k < arlab::kHoldChoiceCount; k++) {
    const auto c = arlab::HoldChoice(k);
    if (ImGui::RadioButton(arlab::hold_choice_label(c), a->reason == c)) a->reason = c;
  }
}

void diagnose_widgets(ExerciseAnswer* a) {
  ImGui::SetNextItemWidth(ui::px(260));
  if (ImGui::BeginCombo("Cause", arlab::cause_label(a->cause))) {
    for (int k = 0; k <= int(arlab::Cause::Deliberate); k++)
      if (ImGui::Selectable(arlab::cause_label(arlab::Cause(k)), a->cause == arlab::Cause(k)))
        a->cause = arlab::Cause(k);
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(ui::px(260));
  if (ImGui::BeginCombo("Stance", arlab::stance_label(a->stance))) {
    for (int k = 0; k <= int(arlab::Stance::WontPay); k++)
      if (ImGui::Selectable(arlab::stance_label(arlab::Stance(k)), a->stance == arlab::Stance(k)))
        a->stance = arlab::Stance(k);
    ImGui::EndCombo();
  }
}

void aging_widgets(const Exercise& e, ExercisesView* v) {
  ImGui::Text("Open amount a bucket (%s, %d decimals):", e.currency.c_str(), e.minor_digits);
  for (size_t b = 0; b < e.choices.size() && b < v->bucket_text.size(); b++) {
    if (b > 0) ui::same_line_if_fits(ui::px(200));
    ImGui::SetNextItemWidth(ui::px(110));
    ImGui::InputText(e.choices[b].c_str(), v->bucket_text[b].data(), v->bucket_text[b].size(),
                     ImGuiInputTextFlags_CharsDecimal);
  }
  ImGui::SetNextItemWidth(ui::px(110));
  ImGui::InputText("DSO (days)", v->dso_text.data(), v->dso_text.size(),
                   ImGuiInputTextFlags_CharsDecimal);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(110));
  ImGui::InputText("CEI (points)", v->cei_text.data(), v->cei_text.size(),
                   ImGuiInputTextFlags_CharsDecimal);
  ui::text_muted("DSO within 0.5 day and CEI within 0.5 point count as right.");
}

void plan_widgets(const Exercise& e, ExerciseAnswer* a) {
  for (int p = 0; p < 2 && size_t(p) < e.choices.size(); p++)
    if (ImGui::RadioButton(e.choices[size_t(p)].c_str(), a->plan == p)) a->plan = p;
  ImGui::SetNextItemWidth(ui::px(220));
  if (ImGui::BeginCombo("The measure that decides", arlab::plan_measure_label(a->measure))) {
    for (int k = 0; k < arlab::kPlanMeasureCount; k++)
      if (ImGui::Selectable(arlab::plan_measure_label(arlab::PlanMeasure(k)),
                            a->measure == arlab::PlanMeasure(k)))
        a->measure = arlab::PlanMeasure(k);
    ImGui::EndCombo();
  }
}

// =========================================================================================
// [SECTION] Check and feedback
// =========================================================================================

// Reads the aging fields into the answer; false with v->field_error when one does not read.
bool read_fields(const Exercise& e, ExercisesView* v, ExerciseAnswer* a) {
  std::string why;
  a->buckets_minor.assign(e.choices.size(), 0);
  for (size_t b = 0; b < e.choices.size() && b < v->bucket_text.size(); b++)
    if (!arlab::parse_amount(v->bucket_text[b].data(), e.minor_digits, &a->buckets_minor[b], &why))
      return v->field_error = e.choices[b] + ": " + why, false;
  int64_t dso = 0, cei = 0;
  if (!arlab::parse_amount(v->dso_text.data(), 2, &dso, &why) || dso < 0 || dso > 100000000)
    return v->field_error = "DSO: a number of days with at most 2 decimals, such as 32.50", false;
  if (!arlab::parse_amount(v->cei_text.data(), 2, &cei, &why) || cei < -100000000 ||
      cei > 100000000)
    return v->field_error = "CEI: a number with at most 2 decimals, such as 85.20", false;
  a->dso_centidays = int32_t(dso);
  a->cei_centipoints = int32_t(cei);
  return true;
}

void check_current(ExercisesView* v) {
  const size_t i = v->current;
  const Exercise& e = v->exercises[i];
  v->field_error.clear();
  if (e.kind == ExerciseKind::AgingDsoCei && !read_fields(e, v, &v->answers[i])) return;
  v->feedback[i] = arlab::check_exercise(e, v->answers[i]);
  ExerciseOutcome o{e.scenario_id, e.kind, e.practices, v->feedback[i]->points,
                    v->feedback[i]->max};
  auto same = [&](const ExerciseOutcome& x) { return x.kind == e.kind; };
  v->outcomes.erase(std::remove_if(v->outcomes.begin(), v->outcomes.end(), same),
                    v->outcomes.end());
  v->outcomes.push_back(std::move(o));
}

void practice_tags(const std::vector<std::string>& ids) {
  ui::text_muted("Practices:");
  for (const std::string& id : ids) {
    ImGui::SameLine();
    const std::string tag = "[" + id + "]";
    ImGui::TextColored(ui::palette().accent, "%s", tag.c_str());
    if (ImGui::IsItemHovered()) {
      const arlab::Practice* p = arlab::find_practice(id);
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ui::px(420));
      if (p) ImGui::Text("%s (sources %s)\n%s", p->title, p->sources, p->summary);
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
}

void draw_feedback(const arlab::ExerciseFeedback& f) {
  ImGui::Separator();
  const ImVec4 color = f.correct ? ui::palette().good : ui::palette().warn;
  ImGui::TextColored(color, "%s: %d of %d points", f.correct ? "Right" : "Not quite", f.points,
                     f.max);
  for (const std::string& line : f.verdict) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(color, "%s", line.c_str());
    ImGui::PopTextWrapPos();
  }
  ui::heading("Why (the engine's working)");
  bullets(f.working);
  practice_tags(f.practices);
}

}  // namespace

// =========================================================================================
// [SECTION] draw_training_exercises
// =========================================================================================

void draw_training_exercises(const arlab::Scenario& s, ExercisesView* v) {
  if (v->key != s.id + "#" + std::to_string(s.seed)) rebuild(s, v);
  if (v->exercises.empty()) {
    ui::text_muted("This scenario has no data for the exercises.");
    return;
  }
  v->current = std::min(v->current, v->exercises.size() - 1);
  ImGui::PushID("training_exercises");
  if (ImGui::Button("< Previous") && v->current > 0) v->current--, v->field_error.clear();
  ImGui::SameLine();
  if (ImGui::Button("Next >") && v->current + 1 < v->exercises.size())
    v->current++, v->field_error.clear();
  const Exercise& e = v->exercises[v->current];
  ImGui::SameLine();
  ImGui::Text("Exercise %zu of %zu: %s", v->current + 1, v->exercises.size(),
              arlab::exercise_kind_label(e.kind));
  const std::string right =
      std::to_string(exercises_right(*v)) + " of " + std::to_string(v->exercises.size()) + " right";
  ui::same_line_if_fits(ImGui::CalcTextSize(right.c_str()).x);
  ui::text_muted(right.c_str());
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(e.question.c_str());
  ImGui::PopTextWrapPos();
  bullets(e.facts);
  for (size_t t = 0; t < e.tables.size(); t++) draw_table(e.tables[t], t);
  ui::heading("Your answer");
  ExerciseAnswer* a = &v->answers[v->current];
  switch (e.kind) {
    case ExerciseKind::RankWorklist:
      rank_widgets(e, a);
      break;
    case ExerciseKind::DunningLevel:
      level_widgets(e, a);
      break;
    case ExerciseKind::Hold:
      hold_widgets(a);
      break;
    case ExerciseKind::Diagnose:
      diagnose_widgets(a);
      break;
    case ExerciseKind::AgingDsoCei:
      aging_widgets(e, v);
      break;
    case ExerciseKind::CommissionPlans:
      plan_widgets(e, a);
      break;
  }
  if (ImGui::Button("Check")) v->check_requested = true;
  ui::mark("exercise_check");
  if (v->check_requested) {
    v->check_requested = false;
    check_current(v);
  }
  if (!v->field_error.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ui::palette().bad, "%s", v->field_error.c_str());
    ImGui::PopTextWrapPos();
  }
  if (v->feedback[v->current]) draw_feedback(*v->feedback[v->current]);
  ImGui::PopID();
}

}  // namespace app
