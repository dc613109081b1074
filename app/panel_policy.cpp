// panel_policy.cpp: the Collection tab's Policy page: an editor of the book's collection policy
// (core/casefile.h's CollectionPolicy): the reminder before the due date, the gap between two
// letters, the approval threshold, the dunning levels (name, days overdue, owner, the deadline
// the letter states), the days overdue from which each escalation stage starts, and how often
// each grade's credit file is reviewed. The page edits a working copy; Apply replaces the
// book's policy with it through the history (arlab::SetPolicy: check_collection's problems are
// shown by field in words, undo restores the previous policy), Revert loads the book's again,
// Defaults the product's. Letter templates are kept as they are (shown, not edited here).
//
// [SECTION] State
// [SECTION] Form and policy
// [SECTION] Problems by field
// [SECTION] Sections of the form
// [SECTION] Page
// [SECTION] Scripts (policy_command, policy_status_json)
#include <algorithm>
#include <array>
#include <cctype>
#include <cfloat>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"
#include "app/panels.h"
#include "app/widgets.h"
#include "core/casefile.h"
#include "imgui.h"

namespace app {

namespace {

// ---- [SECTION] State -------------------------------------------------------------------

// Buffers a little longer than core allows, so that a name too long is named by core's check
// rather than cut without a word.
struct LevelRow {
  char name[48] = "";
  int days = 1;
  int owner = 1;  // arlab::WorkOwner.
  int deadline_days = 10;
  std::string letter_template;  // Kept as it is: not edited on this page.
};

struct GradeRow {
  char grade[24] = "";  // Empty: customers with no grade.
  int months = 3;
};

struct PolicyForm {
  int reminder_days = 7;
  int letter_gap_days = 7;
  char approval_over[32] = "";
  std::vector<LevelRow> levels;
  std::array<int, arlab::kEscalationCount> escalation{};
  std::vector<GradeRow> reviews;
  std::string reminder_template;  // Kept as it is.
};

enum class PolicyAction { None, Apply, Revert, Defaults };

struct PolicyPanel {
  PolicyForm form;
  arlab::CollectionPolicy base;  // The book's policy the form was loaded from (or applied).
  bool loaded = false;
  bool edited = false;           // The form was changed since it was loaded or applied.
  bool book_changed = false;     // The book's policy moved (undo, another book) while edited.
  uint64_t seen_generation = ~0ull;
  std::vector<arlab::Problem> problems;
  std::string done;
  PolicyAction pending = PolicyAction::None;  // policy_command's button, pressed next frame.
};

const char* const kOwners[] = {"Sales", "Finance", "Credit"};
const char* const kStages[] = {"Internal", "Field", "Agency", "Court"};

// ---- [SECTION] Form and policy ---------------------------------------------------------

template <size_t N>
void copy(char (&buf)[N], const std::string& text) {
  std::snprintf(buf, N, "%s", text.c_str());
}

PolicyForm form_from_policy(const arlab::Book& book, const arlab::CollectionPolicy& p) {
  PolicyForm f;
  f.reminder_days = p.reminder_days;
  f.letter_gap_days = p.letter_gap_days;
  copy(f.approval_over, ui::money(book, p.approval_over_minor));
  for (const arlab::DunningLevel& l : p.levels) {
    LevelRow row;
    copy(row.name, l.name);
    row.days = l.days;
    row.owner = int(l.owner);
    row.deadline_days = l.deadline_days;
    row.letter_template = l.letter_template;
    f.levels.push_back(std::move(row));
  }
  for (int e = 0; e < arlab::kEscalationCount; ++e) f.escalation[e] = p.escalation_days[e];
  for (const arlab::GradeReview& g : p.reviews) {
    GradeRow row;
    copy(row.grade, g.grade);
    row.months = g.months;
    f.reviews.push_back(row);
  }
  f.reminder_template = p.reminder_template;
  return f;
}

std::string trimmed(const char* text) {
  std::string s = text;
  size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// The policy of the form; the approval amount's problem, if any (the rest is core's check).
arlab::CollectionPolicy policy_from_form(const arlab::Book& book, const PolicyForm& f,
                                         std::vector<arlab::Problem>* problems) {
  arlab::CollectionPolicy p;
  p.reminder_days = f.reminder_days;
  p.letter_gap_days = f.letter_gap_days;
  std::string why;
  if (!ui::parse_user_amount(book, f.approval_over, &p.approval_over_minor, &why, true))
    problems->push_back({"Approval over", why});
  p.levels.clear();
  for (const LevelRow& row : f.levels) {
    p.levels.push_back({trimmed(row.name), row.days, arlab::WorkOwner(std::clamp(row.owner, 0, 2)),
                        row.deadline_days, row.letter_template});
  }
  for (int e = 0; e < arlab::kEscalationCount; ++e) p.escalation_days[e] = f.escalation[e];
  p.reviews.clear();
  for (const GradeRow& row : f.reviews) p.reviews.push_back({trimmed(row.grade), row.months});
  p.reminder_template = f.reminder_template;
  return p;
}

void load(State& state, PolicyPanel& c, const arlab::CollectionPolicy& policy) {
  c.form = form_from_policy(state.book, policy);
  c.base = state.book.collection.policy;
  c.loaded = true;
  c.edited = false;
  c.book_changed = false;
}

// The form follows the book's policy (undo, redo, another book) unless it is being edited.
void follow_book(State& state, PolicyPanel& c) {
  if (c.loaded && c.seen_generation == state.book_generation) return;
  c.seen_generation = state.book_generation;
  const arlab::CollectionPolicy& book_policy = state.book.collection.policy;
  if (!c.loaded || (!c.edited && book_policy != c.base)) {
    load(state, c, book_policy);
  } else if (c.edited && book_policy != c.base) {
    c.book_changed = true;
  }
}

// ---- [SECTION] Problems by field -------------------------------------------------------

// "levels[1].days" -> 1 and ".days"; false if `place` is not "<list>[N]...".
bool split_index(std::string_view place, std::string_view list, size_t* index,
                 std::string_view* member) {
  if (place.substr(0, list.size() + 1) != std::string(list) + "[") return false;
  size_t close = place.find(']');
  if (close == std::string_view::npos) return false;
  *index = 0;
  for (char ch : place.substr(list.size() + 1, close - list.size() - 1)) {
    if (ch < '0' || ch > '9') return false;
    *index = *index * 10 + size_t(ch - '0');
  }
  *member = place.substr(close + 1);
  if (!member->empty() && member->front() == '.') member->remove_prefix(1);
  return true;
}

// A problem's place in the policy ("collection.policy.levels[1].days") as the page's field.
std::string policy_field(const State& state, const PolicyForm& f, const std::string& place) {
  std::string_view p = place;
  size_t index = 0;
  std::string_view member;
  if (split_index(p, "collection.records", &index, &member)) {  // A record the policy breaks.
    const std::vector<arlab::CaseRecord>& rs = state.book.collection.records;
    std::string what = index < rs.size() ? "Record " + rs[index].id + " (" +
                                               arlab::record_kind_name(rs[index].kind) + ")"
                                         : "A record";
    return member.empty() ? what : what + ", " + std::string(member);
  }
  const std::string_view prefix = "collection.policy.";
  if (p.substr(0, prefix.size()) == prefix) p.remove_prefix(prefix.size());
  if (p == "reminder_days") return "Reminder before due (days)";
  if (p == "reminder_template") return "Reminder letter template";
  if (p == "letter_gap_days") return "Days between letters";
  if (p == "approval_over") return "Approval over";
  if (p == "levels") return "Dunning levels";
  if (p == "reviews") return "Reviews by grade";
  if (split_index(p, "levels", &index, &member)) {
    std::string level = "Level " + std::to_string(index + 1);
    if (index < f.levels.size() && f.levels[index].name[0])
      level += " (" + trimmed(f.levels[index].name) + ")";
    if (member == "name") return level + ", name";
    if (member == "days") return level + ", from days overdue";
    if (member == "deadline_days") return level + ", deadline (days)";
    if (member == "template") return level + ", letter template";
    return level;
  }
  if (split_index(p, "reviews", &index, &member)) {
    std::string grade = index < f.reviews.size() ? trimmed(f.reviews[index].grade) : "";
    std::string row = grade.empty() ? "Review row " + std::to_string(index + 1) + " (no grade)"
                                    : "Review of grade " + grade;
    if (member == "months") return row + ", every (months)";
    if (member == "grade") return row + ", grade";
    return row;
  }
  const std::string_view escalation = "escalation.";
  if (p.substr(0, escalation.size()) == escalation) {
    std::string stage(p.substr(escalation.size()));
    if (!stage.empty()) stage[0] = char(std::toupper(static_cast<unsigned char>(stage[0])));
    return "Escalation, " + stage + " (from days overdue)";
  }
  return place;
}

void apply(State& state, PolicyPanel& c) {
  c.problems.clear();
  c.done.clear();
  arlab::CollectionPolicy policy = policy_from_form(state.book, c.form, &c.problems);
  if (!c.problems.empty()) return;
  if (policy == state.book.collection.policy) {
    c.done = "Nothing to apply: the form is the book's policy.";
    c.edited = false;
    c.book_changed = false;
    return;
  }
  arlab::SetPolicy set;
  set.policy = policy;
  if (!apply_edit(state, arlab::Edit{set}, &c.problems)) {
    for (arlab::Problem& p : c.problems) p.place = policy_field(state, c.form, p.place);
    return;
  }
  load(state, c, state.book.collection.policy);  // As applied (names trimmed).
  c.seen_generation = state.book_generation;
  c.done = "Applied: the book's policy is changed (Edit > Undo restores the previous one).";
}

// ---- [SECTION] Sections of the form ----------------------------------------------------

// Each widget that changes the form marks it edited.
void edited_if(PolicyPanel& c, bool changed) {
  if (changed) c.edited = true;
}

void number_row(PolicyPanel& c, const char* name, const char* id, int* value, const char* help) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(name);
  ui::help_marker(help);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-FLT_MIN);
  edited_if(c, ImGui::InputInt(id, value, 1, 7));
}

void draw_general(State& state, PolicyPanel& c) {
  ui::heading("Reminder, letters and approvals");
  float width = std::min(ImGui::GetContentRegionAvail().x, ui::px(520));
  if (!ImGui::BeginTable("##policy_general", 2, ImGuiTableFlags_SizingStretchProp, ImVec2(width, 0)))
    return;
  ImGui::TableSetupColumn("name", ui::kFitColumn);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  number_row(c, "Reminder before due (days)", "##policy_reminder", &c.form.reminder_days,
             "Call or write this many days before an invoice is due to confirm the payment "
             "date (the practice: one week). 0 to 365.");
  number_row(c, "Days between letters", "##policy_gap", &c.form.letter_gap_days,
             "At least this many days between two letters to the same customer. 0 to 365.");
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Approval over");
  ui::help_marker("Due-date extensions, instalment plans and write-offs above this amount wait "
                  "for an approval.");
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-FLT_MIN);
  edited_if(c, ImGui::InputTextWithHint("##policy_approval", state.book.currency.c_str(),
                                        c.form.approval_over, sizeof c.form.approval_over));
  ImGui::EndTable();
}

void draw_levels(PolicyPanel& c) {
  ui::heading("Dunning levels");
  ui::help_marker("The letters in order, each sent from its days overdue (later than the level "
                  "before), by its owner: sales, finance or credit. The deadline is the time "
                  "the letter gives to pay. 1 to 9 levels.");
  std::vector<LevelRow>& levels = c.form.levels;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_SizingStretchProp;
  int remove = -1;
  ui::mark("policy-levels");
  // Wide enough for the fields, no wider: a 1,920 px row of five fields reads badly.
  ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, ui::px(960)), 0);
  if (ImGui::BeginTable("##policy_levels", 7, flags, size)) {
    ImGui::TableSetupColumn("#", ui::kFitColumn);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("From days overdue", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Owner", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Deadline (days)", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Letter", ui::kFitColumn);
    ImGui::TableSetupColumn("", ui::kFitColumn);
    ui::headers_row();
    for (size_t i = 0; i < levels.size(); ++i) {
      LevelRow& row = levels[i];
      ImGui::PushID(int(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::Text("%d", int(i + 1));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      edited_if(c, ImGui::InputText("##name", row.name, sizeof row.name));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      if (i == 1) ui::mark("policy-level-2-days");
      edited_if(c, ImGui::InputInt("##days", &row.days, 1, 5));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      edited_if(c, ImGui::Combo("##owner", &row.owner, kOwners, 3));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      edited_if(c, ImGui::InputInt("##deadline", &row.deadline_days, 1, 5));
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      // Templates are edited where letters are (they are long): shown here, kept as they are.
      if (row.letter_template.empty()) {
        ui::text_muted("default");
      } else {
        ImGui::TextUnformatted("own");
        if (ImGui::IsItemHovered()) {
          ImGui::BeginTooltip();
          ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
          ImGui::TextUnformatted(row.letter_template.c_str());
          ImGui::PopTextWrapPos();
          ImGui::EndTooltip();
        }
      }
      ImGui::TableNextColumn();
      ImGui::BeginDisabled(levels.size() <= 1);
      if (ImGui::SmallButton("Remove")) remove = int(i);
      ImGui::EndDisabled();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (remove >= 0) {
    levels.erase(levels.begin() + remove);
    c.edited = true;
  }
  ImGui::BeginDisabled(levels.size() >= arlab::kDunningLevelsMax);
  if (ImGui::SmallButton("Add a level")) {
    LevelRow row;
    std::snprintf(row.name, sizeof row.name, "level %d", int(levels.size() + 1));
    row.days = levels.empty() ? 1 : levels.back().days + 15;
    row.owner = int(arlab::WorkOwner::Credit);
    row.deadline_days = 7;
    levels.push_back(row);
    c.edited = true;
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ui::text_muted(levels.size() >= arlab::kDunningLevelsMax ? "(9 levels: the most there may be)"
                                                          : "(at most 9)");
}

void draw_escalation(PolicyPanel& c) {
  ui::heading("Escalation stages");
  ui::help_marker("After the letters, a collection moves through four stages, each from its "
                  "days overdue, each later than the one before: an internal reminder, field "
                  "collection, a collection agency, court.");
  ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchSame;
  ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, ui::px(720)), 0);
  if (!ImGui::BeginTable("##policy_escalation", arlab::kEscalationCount, flags, size)) return;
  for (const char* stage : kStages) ImGui::TableSetupColumn(stage);
  ui::headers_row();
  ImGui::TableNextRow();
  for (int e = 0; e < arlab::kEscalationCount; ++e) {
    ImGui::TableNextColumn();
    ImGui::PushID(e);
    ImGui::SetNextItemWidth(-FLT_MIN);
    edited_if(c, ImGui::InputInt("##stage", &c.form.escalation[e], 1, 15));
    ImGui::PopID();
  }
  ImGui::EndTable();
  ui::text_muted("From days overdue.");
}

void draw_reviews(PolicyPanel& c) {
  ui::heading("Credit reviews by grade");
  ui::help_marker("Re-evaluate a customer's credit file this many months after its last review "
                  "(1 to 60): the better the grade, the longer. The row with no grade is for "
                  "customers without one, and for grades not listed.");
  std::vector<GradeRow>& reviews = c.form.reviews;
  float width = std::min(ImGui::GetContentRegionAvail().x, ui::px(520));
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_SizingStretchProp;
  int remove = -1;
  if (ImGui::BeginTable("##policy_reviews", 3, flags, ImVec2(width, 0))) {
    ImGui::TableSetupColumn("Grade", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Every (months)", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("", ui::kFitColumn);
    ui::headers_row();
    for (size_t i = 0; i < reviews.size(); ++i) {
      GradeRow& row = reviews[i];
      ImGui::PushID(int(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      edited_if(c, ImGui::InputTextWithHint("##grade", "no grade", row.grade, sizeof row.grade));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-FLT_MIN);
      edited_if(c, ImGui::InputInt("##months", &row.months, 1, 3));
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("Remove")) remove = int(i);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (remove >= 0) {
    reviews.erase(reviews.begin() + remove);
    c.edited = true;
  }
  ImGui::BeginDisabled(reviews.size() >= arlab::kGradesMax);
  if (ImGui::SmallButton("Add a grade")) {
    reviews.push_back(GradeRow{});
    c.edited = true;
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ui::text_muted("(at most 16)");
}

void draw_buttons(State& state, PolicyPanel& c) {
  const ui::Palette& p = ui::palette();
  ui::mark("policy-apply");
  bool do_apply = ImGui::Button("Apply") || c.pending == PolicyAction::Apply;
  ImGui::SameLine();
  bool do_revert = ImGui::Button("Revert") || c.pending == PolicyAction::Revert;
  ImGui::SameLine();
  bool do_defaults = ImGui::Button("Defaults") || c.pending == PolicyAction::Defaults;
  c.pending = PolicyAction::None;
  ImGui::SameLine();
  ui::text_fit_colored(c.edited ? p.warn : p.text_muted,
                       c.edited ? "Changed here, not applied yet." : "As in the book.");
  if (do_apply) apply(state, c);
  if (do_revert) {
    load(state, c, state.book.collection.policy);
    c.problems.clear();
    c.done = "Reverted to the book's policy.";
  }
  if (do_defaults) {
    c.form = form_from_policy(state.book, arlab::CollectionPolicy{});
    c.edited = true;
    c.problems.clear();
    c.done = "The product's defaults are in the form: Apply to use them.";
  }
  if (c.book_changed)
    ui::text_fit_colored(p.warn, "The book's policy changed since you began (undo or another "
                                 "book): Revert shows it, Apply replaces it with this form.");
  if (!c.done.empty()) ui::text_fit_colored(p.good, c.done);
  ui::problems_list(c.problems);
}

}  // namespace

// ---- [SECTION] Page --------------------------------------------------------------------

void draw_policy(State& state) {
  PolicyPanel& c = panel_state<PolicyPanel>(state);
  follow_book(state, c);
  ImGui::PushTextWrapPos(0.0f);
  ui::text_muted("The book keeps its collection policy: it is saved with the book. Apply "
                 "changes it like any other edit, and Edit > Undo restores the previous one.");
  ImGui::PopTextWrapPos();
  draw_buttons(state, c);
  ImGui::Separator();
  draw_general(state, c);
  ImGui::Spacing();
  draw_levels(c);
  ImGui::Spacing();
  draw_escalation(c);
  ImGui::Spacing();
  draw_reviews(c);
}

// ---- [SECTION] Scripts -----------------------------------------------------------------

bool policy_command(State& state, std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  PolicyPanel& c = panel_state<PolicyPanel>(state);
  follow_book(state, c);
  auto number = [&](const nlohmann::json& obj, const char* key, int* field) {
    if (!obj.contains(key)) return true;
    if (!obj[key].is_number_integer()) return false;
    *field = obj[key].get<int>();
    c.edited = true;
    return true;
  };
  if (!number(j, "reminder_days", &c.form.reminder_days) ||
      !number(j, "letter_gap_days", &c.form.letter_gap_days))
    return false;
  if (j.contains("approval_over")) {
    if (!j["approval_over"].is_string() ||
        j["approval_over"].get_ref<const std::string&>().size() >= sizeof c.form.approval_over)
      return false;
    copy(c.form.approval_over, j["approval_over"].get<std::string>());
    c.edited = true;
  }
  if (j.contains("level")) {  // {"level": 2, "days": 20, "name", "owner", "deadline_days"}
    if (!j["level"].is_number_integer()) return false;
    int level = j["level"].get<int>();
    if (level < 1 || size_t(level) > c.form.levels.size()) return false;
    LevelRow& row = c.form.levels[level - 1];
    if (!number(j, "days", &row.days) || !number(j, "deadline_days", &row.deadline_days))
      return false;
    if (j.contains("name")) {
      if (!j["name"].is_string() || j["name"].get_ref<const std::string&>().size() >= sizeof row.name)
        return false;
      copy(row.name, j["name"].get<std::string>());
      c.edited = true;
    }
    if (j.contains("owner")) {
      arlab::WorkOwner owner;
      if (!j["owner"].is_string() || !arlab::parse_work_owner(j["owner"].get<std::string>(), &owner))
        return false;
      row.owner = int(owner);
      c.edited = true;
    }
  }
  if (j.contains("action")) {
    const nlohmann::json& a = j["action"];
    if (a == "apply") c.pending = PolicyAction::Apply;
    else if (a == "revert") c.pending = PolicyAction::Revert;
    else if (a == "defaults") c.pending = PolicyAction::Defaults;
    else return false;
  }
  select_panel(state, "policy");
  return true;
}

std::string policy_status_json(const State& state) {
  nlohmann::json j = nlohmann::json::object();
  const PolicyPanel* c = find_panel_state<PolicyPanel>(state);
  if (!c) return j.dump();
  nlohmann::json levels = nlohmann::json::array();
  for (const LevelRow& row : c->form.levels)
    levels.push_back({{"name", row.name}, {"days", row.days},
                      {"owner", arlab::work_owner_name(arlab::WorkOwner(std::clamp(row.owner, 0, 2)))},
                      {"deadline_days", row.deadline_days}});
  j["form_levels"] = levels;
  j["edited"] = c->edited;
  nlohmann::json problems = nlohmann::json::array();
  for (const arlab::Problem& p : c->problems) problems.push_back(p.place + ": " + p.message);
  j["problems"] = problems;
  j["done"] = c->done;
  return j.dump();
}

}  // namespace app
