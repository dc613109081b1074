// busy.h: the state of a long compute drawn in two frames (app/busy.cpp; the functions are
// declared in app_state.h). Metrics and Commission keep one each.
#pragma once
#include <cstdint>
#include <string>

namespace app {

// A long compute drawn in two frames (app/busy.cpp): the frame where a panel's inputs change
// on a big book shows "Computing ..." in the panel and the status bar; the next one computes.
struct BusyCompute {
  uint64_t shown_frame = 0;   // State::frame_count of the frame that drew it; 0: none.
  uint64_t seen_frame = 0;    // The last frame the panel was drawn (busy_wait or busy_done).
  bool settled = false;       // The panel was drawn before shown_frame: its layout is sized.
  std::string text;           // "Computing commission for 1,000,000 invoices..."
  std::string status_before;  // The status line it replaced, back after the compute.
};

}  // namespace app
