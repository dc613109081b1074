// busy.cpp: long computes in two frames (BusyCompute in app_state.h).
//
// The browser build has no threads, and the commission statement and comparison of a
// 1,000,000-invoice book take seconds (the Metrics tab about two): computed in the frame where
// the inputs changed, the page would freeze showing the old figures with no sign. Instead
// that frame draws "Computing ... for N invoices" (in the panel and the status bar) and the
// compute runs in the next frame, while the busy frame stays on the screen (a panel just
// opened shows it for two frames: its first one is not laid out yet). Books under
// State::defer_invoices_min invoices compute at once: a one-frame flash would only flicker.
//
// Usage (in a panel's draw function):
//   if (inputs_changed && busy_wait(state, panel.busy, "Computing X for 1,000 invoices...")) {
//     draw_busy(panel.busy);  // This frame; the next one computes.
//     return;
//   }
//   if (inputs_changed) compute(...);
//   busy_done(state, panel.busy);
#include <cmath>

#include "app/app_state.h"
#include "app/widgets.h"
#include "core/money.h"
#include "imgui.h"

namespace app {

bool busy_wait(State& state, BusyCompute& busy, std::string text) {
  uint64_t frame = state.frame_count;
  if (state.book.invoices.size() < state.defer_invoices_min) return false;
  // The busy state was drawn in the previous frame, laid out: that frame is on the screen
  // while this one computes.
  if (busy.shown_frame != 0 && busy.shown_frame + 1 == frame && busy.settled) {
    busy.seen_frame = frame;
    return false;
  }
  if (busy.shown_frame != frame) {  // The first call this frame.
    if (busy.shown_frame == 0 || state.status != busy.text) busy.status_before = state.status;
    // A panel drawn for the first time (a tab just opened) has its tables and tab bars
    // unsized; the busy frame that stays on the screen is then the next one.
    busy.settled = busy.seen_frame + 1 == frame;
    busy.shown_frame = frame;
    busy.text = std::move(text);
    state.status = busy.text;
  }
  busy.seen_frame = frame;
  return true;
}

void busy_done(State& state, BusyCompute& busy) {
  busy.seen_frame = state.frame_count;
  if (busy.shown_frame == 0) return;
  if (state.status == busy.text) state.status = busy.status_before;
  busy.shown_frame = 0;
}

bool busy_showing(const State& state, const BusyCompute& busy) {
  return busy.shown_frame != 0 && busy.shown_frame == state.frame_count;
}

std::string busy_invoices(const arlab::Book& book) {
  return arlab::format_amount_grouped(static_cast<int64_t>(book.invoices.size()), 0) +
         (book.invoices.size() == 1 ? " invoice" : " invoices");
}

void draw_busy(const BusyCompute& busy, double last_ms) {
  ImGui::Spacing();
  ImGui::Spacing();
  // A spinner: an arc whose angle follows the clock. It stands still while the compute runs
  // (nothing draws then); it says "working", where a bar would need progress from the engine.
  float radius = ImGui::GetTextLineHeight() * 0.6f;
  ImVec2 at = ImGui::GetCursorScreenPos();
  ImVec2 centre(at.x + radius + ui::px(2), at.y + radius + ui::px(1));
  float start = static_cast<float>(std::fmod(ImGui::GetTime() * 6.0, 2 * M_PI));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PathArcTo(centre, radius, start, start + 4.4f, 24);
  draw->PathStroke(ImGui::GetColorU32(ImGuiCol_PlotHistogram), 0, radius * 0.35f);
  ImGui::Dummy(ImVec2(radius * 2 + ui::px(4), radius * 2 + ui::px(2)));
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ui::heading(busy.text.c_str());
  std::string note = "The figures appear when it is done; the page does not respond meanwhile.";
  if (last_ms >= 100) {
    note += " The last compute took " + arlab::format_amount(std::llround(last_ms / 100), 1) +
            " s.";
  }
  ui::text_muted(note.c_str());
}

}  // namespace app
