// panel_worklist.cpp: the Collection tab's Worklist page: what each owner should do today
// (core/worklist.h, ranked as docs/COLLECTION.md says), as of the toolbar's date, with the
// suggested step, and per row: Done (the record core's worklist_done_record gives: a letter,
// a call, a hold or release, a review, appended to the case through the history), Snooze
// (put off for a week: a snooze record) and Case (the customer's Case page).
//
// [SECTION] State
// [SECTION] Page
#include <algorithm>
#include <cstdio>
#include <optional>

#include "app/app_state.h"
#include "app/panels.h"
#include "app/widgets.h"
#include "core/worklist.h"
#include "imgui.h"

namespace app {

namespace {

// ---- [SECTION] State -------------------------------------------------------------------

struct WorklistPanel {
  int owner = 0;           // 0: everyone; 1 + WorkOwner.
  char by[64] = "";        // Who is working: the records' "by".
  int snooze_days = 7;
  std::string done;        // The last thing recorded, in words.
  std::vector<arlab::Problem> problems;
};

const char* const kOwnerFilter[] = {"Everyone", "Sales", "Finance", "Credit"};

std::string when_text(const arlab::WorkItem& w) {
  switch (w.action) {
    case arlab::WorkAction::Confirm: return "due in " + std::to_string(-w.days) + " d";
    case arlab::WorkAction::Chase:
    case arlab::WorkAction::Call:
    case arlab::WorkAction::Review:
    case arlab::WorkAction::Release: return std::to_string(w.days) + " d ago";
    default: return w.days > 0 ? std::to_string(w.days) + " d late" : "";
  }
}

void record(State& state, WorklistPanel& p, const arlab::NewRecord& rec) {
  p.problems.clear();
  if (apply_edit(state, arlab::Edit{rec}, &p.problems)) {
    p.done = "Recorded: " + arlab::describe(arlab::Edit{rec}, state.book);
  } else {
    p.done.clear();
  }
}

}  // namespace

// ---- [SECTION] Page --------------------------------------------------------------------

void draw_worklist_page(State& state) {
  WorklistPanel& p = panel_state<WorklistPanel>(state);
  const arlab::Book& book = state.book;
  const Figures& f = state.figures;
  const ui::Palette& pal = ui::palette();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Owner");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(130));
  ImGui::Combo("##wl_owner", &p.owner, kOwnerFilter, 4);
  ImGui::SameLine();
  ImGui::TextUnformatted("By");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(140));
  ImGui::InputTextWithHint("##wl_by", "your name", p.by, sizeof p.by);
  ImGui::SameLine();
  ImGui::TextUnformatted("Snooze");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(110));
  ImGui::InputInt("##wl_snooze", &p.snooze_days);
  p.snooze_days = std::clamp(p.snooze_days, 1, 90);
  ImGui::SameLine();
  ui::text_muted("days");
  ImGui::SameLine();
  ui::help_marker("Most urgent first: escalate, hold, chase a broken promise, send a letter, "
                  "remind, call, release, review, confirm; within one, the oldest, then the "
                  "largest, then the riskiest (docs/COLLECTION.md). Done records the step in "
                  "the customer's case (a letter, a call, a hold...); Snooze puts the "
                  "customer's items off; Edit > Undo takes either back.");
  size_t shown = 0;
  for (const arlab::WorkItem& w : f.worklist)
    shown += p.owner == 0 || int(w.owner) == p.owner - 1;
  ui::text_fit(std::to_string(shown) + " things to do as of " + arlab::format_date(state.as_of) +
               (p.owner ? std::string(" for ") + kOwnerFilter[p.owner] : ""));
  if (!p.done.empty()) ui::text_fit_colored(pal.good, p.done);
  ui::problems_list(p.problems);
  if (shown == 0) {
    ImGui::TextColored(pal.good, "Nothing to do as of this date.");
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  ui::mark("worklist-table");
  if (!ImGui::BeginTable("##worklist", 7, flags, ImVec2(0, ImGui::GetContentRegionAvail().y)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Action", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Owner", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch, 2.5f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
  ui::headers_row();
  std::vector<size_t> rows;
  for (size_t i = 0; i < f.worklist.size(); ++i)
    if (p.owner == 0 || int(f.worklist[i].owner) == p.owner - 1) rows.push_back(i);
  // A button's record changes the book; the list is taken as it stands this frame.
  std::optional<arlab::NewRecord> to_record;
  arlab::Index open_case = arlab::kNone;
  ui::clipped_rows(rows.size(), [&](size_t r) {
    const arlab::WorkItem& w = f.worklist[rows[r]];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool urgent = w.action == arlab::WorkAction::Escalate || w.action == arlab::WorkAction::Hold ||
                        w.action == arlab::WorkAction::Chase;
    ImGui::TextColored(urgent ? pal.bad : pal.warn, "%s", arlab::work_action_name(w.action));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(arlab::work_owner_name(w.owner));
    ImGui::TableNextColumn();
    customer_name_cell(state, w.customer);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(when_text(w).c_str());
    ImGui::TableNextColumn();
    if (w.amount_minor) ui::text_right(ui::money(book, w.amount_minor));
    ImGui::TableNextColumn();
    ui::text_fit(arlab::work_item_step(book, f.position, w));
    ImGui::TableNextColumn();
    if (r == 0) ui::mark("worklist-done");
    if (ImGui::SmallButton("Done"))
      to_record = arlab::worklist_done_record(book, f.position, w, state.today, p.by, "");
    ImGui::SameLine();
    if (ImGui::SmallButton("Snooze")) {
      arlab::NewRecord s;
      s.customer_id = book.customers[w.customer].id;
      s.record.kind = arlab::RecordKind::Snooze;
      s.record.date = state.today;
      s.record.until = state.today + p.snooze_days;
      s.record.by = p.by;
      s.record.text = arlab::work_item_step(book, f.position, w);
      to_record = s;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Case")) open_case = w.customer;
  });
  ImGui::EndTable();
  if (to_record) record(state, p, *to_record);
  if (open_case != arlab::kNone) show_case(state, open_case);
}

}  // namespace app
