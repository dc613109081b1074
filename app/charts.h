// charts.h: time-series charts drawn with ImDrawList (trends by month on the Metrics tab):
// lines with gaps for undefined values, and stacked bars. Both draw a y axis with rounded
// ticks, the period labels under the x axis, a legend, and on hover a guide at the nearest
// period with a tooltip of its values. Geometry uses floats; the tooltip text is given by the
// caller, so exact figures (money, "n/a") are formatted where they are known.
//
// Usage:
//   ui::LineSeries dso{"DSO", color, {30.5, std::nullopt, 41.0}};
//   ui::line_chart("##dso", labels, {dso}, " d", ImVec2(w, h), tooltip_fn);
//   ui::line_chart(..., tooltip_fn, {{"Target", color, 45.0}});  // a dashed target line
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"

namespace app::ui {

struct LineSeries {
  std::string name;
  ImVec4 color;
  std::vector<std::optional<double>> values;  // One per label; nullopt: no point (gap).
};

// A target drawn across the chart as a dashed horizontal line, named in the legend.
struct TargetLine {
  std::string name;
  ImVec4 color;
  double value;
};

// The tooltip text for period `index` (called only while hovered).
using TooltipText = std::function<std::string(size_t index)>;

// `unit` follows every tick label ("%", " d"). min_top: the y axis reaches at least this
// (and every target).
void line_chart(const char* id, const std::vector<std::string>& labels,
                const std::vector<LineSeries>& series, const char* unit, double min_top,
                ImVec2 size, const TooltipText& tooltip,
                const std::vector<TargetLine>& targets = {});

// stacks[i][k]: the amount of part k in period i (minor units, >= 0), drawn bottom-up.
void stacked_bar_chart(const char* id, const std::vector<std::string>& labels,
                       const std::vector<std::vector<int64_t>>& stacks,
                       const std::vector<std::string>& part_names,
                       const std::vector<ImVec4>& part_colors, int minor_digits, ImVec2 size,
                       const TooltipText& tooltip);

// ---- [SECTION] Bands and horizontal bars (the policy simulator) ------------------------

// A mean with its band (p5..p95, say) per period, on a signed axis (a difference may be
// negative). NaN in mean: no point (a gap); NaN in low or high: no band there.
struct BandSeries {
  std::string name;
  ImVec4 color;
  std::vector<double> mean, low, high;  // One per label.
};
// Lines with their bands shaded under them, the axis from min(0, lowest) to the highest.
void band_chart(const char* id, const std::vector<std::string>& labels,
                const std::vector<BandSeries>& series, const char* unit, ImVec2 size,
                const TooltipText& tooltip);

// A waterfall drawn as rows (labels never collide at any width): each step a bar from the
// running total before it to the one after it (green up, red down), then the total from 0.
// `tooltip(i)`: step i, or the total for i == steps.size().
struct WaterfallBar {
  std::string label;
  double delta = 0;
};
void waterfall_chart(const char* id, const std::vector<WaterfallBar>& steps,
                     const std::string& total_label, const char* unit, float width,
                     const TooltipText& tooltip);

// A tornado: one row a parameter, a bar from its low value's result to its high value's,
// split at `base` (the result at the policies' own values, a line across); widest first as
// given. The low half in one colour, the high half in another (the legend names them).
struct TornadoRow {
  std::string label;
  double low = 0, high = 0;
};
void tornado_chart(const char* id, const std::vector<TornadoRow>& rows, double base,
                   const char* unit, float width, const TooltipText& tooltip);

// "2025-03" -> "Mar 25"; other text unchanged.
std::string short_month(const std::string& key);

}  // namespace app::ui
