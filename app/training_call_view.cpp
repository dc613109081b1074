// training_call_view.cpp: the collection call's view (training_call_view.h).
//
// [SECTION] Helpers
// [SECTION] Customer
// [SECTION] Conversation
// [SECTION] Result
// [SECTION] View
#include "app/training_call_view.h"

#include "app/widgets.h"
#include "imgui.h"

namespace app {

namespace {

// ---- [SECTION] Helpers ---------------------------------------------------------------------

// The lessons of the rules a choice touched, for its feedback's tooltip.
std::string lessons(const std::vector<arlab::RuleMark>& marks) {
  std::string out;
  for (const arlab::RuleMark& m : marks) {
    const arlab::CallRule& r = arlab::call_rule(m.rule);
    out += (out.empty() ? "" : "\n\n") + std::string("Rule ") + std::to_string(r.id) + ", " +
           r.name + " [" + r.practice + "]: " + r.lesson;
  }
  return out;
}

bool all_kept(const std::vector<arlab::RuleMark>& marks) {
  for (const arlab::RuleMark& m : marks)
    if (!m.follows) return false;
  return true;
}

void wrapped(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

// ---- [SECTION] Customer --------------------------------------------------------------------

// A combo of the cast; true when a customer is picked.
bool pick_customer(const arlab::GameState& g, CallView* v) {
  const std::string preview = v->customer_id.empty() ? "Choose a customer" : v->customer_id;
  ImGui::SetNextItemWidth(ui::px(320));
  if (ImGui::BeginCombo("Customer to call", preview.c_str())) {
    for (const arlab::CastMember& m : g.scenario.cast) {
      const arlab::Index c = arlab::find_customer(g.book, m.customer_id);
      if (c == arlab::kNone) continue;
      // Not its personality: the trainee finds that out by calling.
      const std::string label = m.customer_id + " " + g.book.customers[c].name;
      if (ImGui::Selectable(label.c_str(), m.customer_id == v->customer_id)) {
        v->customer_id = m.customer_id;
        v->started = false;
      }
    }
    ImGui::EndCombo();
  }
  return !v->customer_id.empty();
}

// ---- [SECTION] Conversation ----------------------------------------------------------------

void draw_turn(const arlab::CallTurn& t) {
  const ui::Palette& p = ui::palette();
  if (!t.customer_line.empty()) wrapped(p.accent, "Customer: " + t.customer_line);
  ImGui::Indent(ui::px(24));
  ImGui::TextWrapped("You: %s", t.trainee_line.c_str());
  wrapped(all_kept(t.marks) ? p.good : p.bad, t.feedback);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", lessons(t.marks).c_str());
  ImGui::Unindent(ui::px(24));
}

// The current node's choices as buttons, keys 1-4 too; the choice taken, or -1.
int32_t draw_choices(const arlab::CallNode& n) {
  int32_t taken = -1;
  const bool keys = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                    !ImGui::GetIO().WantTextInput;
  for (size_t k = 0; k < n.choices.size(); k++) {
    ImGui::PushID(int(k));
    const std::string label = std::to_string(k + 1);
    if (ImGui::Button(label.c_str(), ImVec2(ui::px(28), 0))) taken = int32_t(k);
    if (keys && ImGui::IsKeyPressed('1' + int(k), false)) taken = int32_t(k);
    ImGui::SameLine();
    ImGui::TextWrapped("%s", n.choices[k].text.c_str());
    ImGui::PopID();
  }
  return taken;
}

// ---- [SECTION] Result ----------------------------------------------------------------------

void draw_result(const arlab::CallResult& r) {
  const ui::Palette& p = ui::palette();
  ui::heading(("Score " + std::to_string(r.total) + " of 100").c_str());
  if (ImGui::BeginTable("call_rules", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("Rule");
    ImGui::TableSetupColumn("Points");
    ImGui::TableSetupColumn("Of");
    ImGui::TableHeadersRow();
    for (const arlab::CallRule& rule : arlab::call_rules()) {
      const size_t k = size_t(rule.id - 1);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d %s", rule.id, rule.name);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", rule.lesson);
      ImGui::TableNextColumn();
      if (r.max[k] == 0)
        ui::text_muted("-");
      else
        ImGui::TextColored(r.points[k] == r.max[k] ? p.good : p.bad, "%d", r.points[k]);
      ImGui::TableNextColumn();
      ImGui::Text("%d", r.max[k]);
    }
    ImGui::EndTable();
  }
  for (const std::string& line : r.feedback) wrapped(p.bad, line);
  ImGui::Spacing();
  ImGui::TextWrapped("Outcome (%s): %s", arlab::call_outcome_name(r.outcome.kind),
                     r.outcome.text.c_str());
}

}  // namespace

// ---- [SECTION] View ------------------------------------------------------------------------

bool draw_training_call(const arlab::GameState& g, CallView* v, arlab::Move* out) {
  if (g.over()) {
    ui::text_muted("The game is over: no call to make.");
    return false;
  }
  if (!pick_customer(g, v)) return false;
  const arlab::Index c = arlab::find_customer(g.book, v->customer_id);
  if (c == arlab::kNone) {
    ImGui::TextWrapped("\"%s\" is no customer of the scenario's book.", v->customer_id.c_str());
    return false;
  }
  if (!v->started || v->week != g.week + 1 || v->call.facts.customer != c) {
    v->call = arlab::start_call(g, c);
    v->week = g.week + 1;
    v->started = true;
    v->added = false;
  }
  ImGui::SameLine();
  if (ImGui::Button("Start again")) {
    v->call = arlab::start_call(g, c);
    v->added = false;
  }
  ui::text_muted(("Week " + std::to_string(v->week) + ", " + arlab::format_date(v->call.date) +
                  ": " + v->call.facts.contact)
                     .c_str());
  ImGui::Separator();
  if (arlab::finished(v->call)) {
    // The result first, with its button, so that both are in sight; the conversation below.
    const arlab::CallResult r = arlab::result(v->call);
    if (v->turns_shown != v->call.transcript.size()) {  // Just finished: back to the top.
      v->turns_shown = v->call.transcript.size();
      ImGui::SetScrollY(0.0f);
    }
    bool added = false;
    if (v->added) {
      ui::text_muted("Added to the week's plan.");
    } else if (ImGui::Button("Add this call to the week's plan")) {
      *out = arlab::Move(arlab::MoveKind::Call, v->customer_id, 0, 0, v->call.choices);
      v->added = true;
      added = true;
    }
    draw_result(r);
    ImGui::Separator();
    for (const arlab::CallTurn& t : v->call.transcript) draw_turn(t);
    wrapped(ui::palette().accent, "Customer: " + arlab::node(v->call).customer_line);
    return added;
  }
  for (const arlab::CallTurn& t : v->call.transcript) draw_turn(t);
  const arlab::CallNode& n = arlab::node(v->call);
  if (!n.customer_line.empty()) wrapped(ui::palette().accent, "Customer: " + n.customer_line);
  if (n.stage == arlab::CallStage::Prepare) ui::text_muted("Before you dial:");
  const int32_t k = draw_choices(n);
  // A new turn: the window follows the conversation down to the new choices.
  if (v->turns_shown != v->call.transcript.size()) {
    v->turns_shown = v->call.transcript.size();
    ImGui::SetScrollHereY(1.0f);
  }
  std::string why;
  if (k >= 0) arlab::choose(&v->call, k, &why);
  return false;
}

}  // namespace app
