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

// "2025-03" -> "Mar 25"; other text unchanged.
std::string short_month(const std::string& key);

}  // namespace app::ui
