// layout_check.h: the UI's own measure of text that does not fit (issue 10).
//
// Dear ImGui clips what does not fit without a word: a table cell cuts "INV-00012" to
// "INV-00", a label past a window's edge is cut mid-word, tabs past the bar's width hide
// behind scroll arrows. After a frame, ImGui's own layout records say where that happened:
// each table column keeps the widest content submitted to it this frame, each window the
// furthest its content reached, each tab bar the width its tabs wanted. layout_overflows()
// compares those with the space given and names each place that overflowed.
//
// Called between frames (after ImGui::Render, before the next NewFrame): the summary JSON of
// the web and desktop builds reports it, and tests draw every panel at 1024x700, 1280x800
// and 1920x1080 and require none. Text cut on purpose (ui::text_fit: an ellipsis, the full
// text on hover) is not an overflow: it was cut to the space given.
#pragma once
#include <string>
#include <vector>

namespace app {

// "table ##invoices (##main/##panel_1234), column Customer: content 312 px in 250 px".
// Empty when everything drawn in the last frame fitted.
std::vector<std::string> layout_overflows();

}  // namespace app
