// wheel.h: a browser's wheel event as Dear ImGui wheel steps (pure: no ImGui, no browser).
//
// Emscripten 3.1.6's GLFW port hands the WheelEvent's raw deltaX / deltaY to the scroll
// callback: pixels (about 100 a notch), with the browser's sign (positive = down / right),
// while Dear ImGui 1.86 wants steps (one step scrolls 5 lines) with positive = up / left. So
// every list scrolled the wrong way and a hundred times too far. The web shell takes the
// wheel event before GLFW does and feeds ImGui what this gives:
//   - a notch of 100 pixels or 3 lines is one step (5 lines of text): like a web page;
//   - a trackpad's small pixel deltas give fractions of a step: smooth;
//   - a page (deltaMode 2) is `page_pixels` of the canvas;
//   - with Shift, the wheel scrolls sideways: Dear ImGui turns a vertical step into a
//     horizontal one while Shift is down, so a browser that already made it deltaX gets it
//     back as a vertical step (else ImGui would drop it).
// The desktop's GLFW gives steps already: only the browser build uses this.
#pragma once

namespace app {

struct WheelSteps {
  float h = 0.0f;  // io.MouseWheelH: > 0 scrolls left.
  float v = 0.0f;  // io.MouseWheel: > 0 scrolls up.
};

enum WheelDeltaMode : int { kWheelPixels = 0, kWheelLines = 1, kWheelPages = 2 };

constexpr double kWheelPixelsPerStep = 100.0;
constexpr double kWheelLinesPerStep = 3.0;

inline WheelSteps wheel_steps(double dx, double dy, int delta_mode, bool shift,
                              double page_pixels) {
  double per_unit = delta_mode == kWheelLines   ? 1.0 / kWheelLinesPerStep
                    : delta_mode == kWheelPages ? page_pixels / kWheelPixelsPerStep
                                                : 1.0 / kWheelPixelsPerStep;
  WheelSteps s{static_cast<float>(-dx * per_unit), static_cast<float>(-dy * per_unit)};
  if (shift) s = WheelSteps{0.0f, s.v + s.h};
  return s;
}

}  // namespace app
