// charts.cpp: line and stacked bar charts over periods (charts.h).
//
// [SECTION] Axes (plot frame, ticks, labels, legend, hover)
// [SECTION] Line chart
// [SECTION] Stacked bar chart
#include "app/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/widgets.h"

namespace app::ui {

namespace {

// ---- [SECTION] Axes --------------------------------------------------------------------

// A tick step of 1, 2, 2.5 or 5 x 10^k giving about four intervals up to `top`.
double nice_step(double top) {
  if (!(top > 0)) return 1;
  double raw = top / 4, power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0}) {
    if (m * power >= raw) return m * power;
  }
  return 10 * power;
}

std::string tick_label(double value, const char* unit) {
  char text[32];
  double a = std::fabs(value);
  if (a >= 1e9) std::snprintf(text, sizeof text, "%.3gB%s", value / 1e9, unit);
  else if (a >= 1e6) std::snprintf(text, sizeof text, "%.3gM%s", value / 1e6, unit);
  else if (a >= 1e4) std::snprintf(text, sizeof text, "%.3gk%s", value / 1e3, unit);
  else std::snprintf(text, sizeof text, "%.4g%s", value, unit);
  return text;
}

struct Plot {
  ImVec2 min, max;    // The plot area (inside the axes).
  double top = 1;     // Value at max.y's opposite edge (min.y); the bottom is 0.
  float slot = 1;     // Width of one period.
  int hovered = -1;   // Period under the mouse, or -1.
  float y(double v) const { return max.y - float(v / top) * (max.y - min.y); }
  float x(size_t i) const { return min.x + slot * (float(i) + 0.5f); }
};

void draw_legend(ImDrawList* draw, ImVec2 at, float right, const std::vector<std::string>& names,
                 const std::vector<ImVec4>& colors) {
  float line = ImGui::GetTextLineHeight(), gap = px(14), width = 0;
  for (const std::string& name : names) {
    width += ImGui::CalcTextSize(name.c_str()).x + line * 0.8f + 4 + gap;
  }
  if (width - gap > right - at.x) gap = px(6);  // Tighter rather than cut off on the left.
  float x = right;
  for (size_t k = names.size(); k-- > 0;) {
    x -= ImGui::CalcTextSize(names[k].c_str()).x;
    draw->AddText(ImVec2(x, at.y), ImGui::GetColorU32(palette().text_muted), names[k].c_str());
    x -= line * 0.8f + 4;
    draw->AddRectFilled(ImVec2(x, at.y + line * 0.15f),
                        ImVec2(x + line * 0.7f, at.y + line * 0.85f),
                        ImGui::GetColorU32(colors[k]), 2.0f);
    x -= gap;
  }
}

// Lays out and draws the frame: grid, y ticks, period labels and legend; tracks hover.
Plot draw_frame(const char* id, const std::vector<std::string>& labels, double max_value,
                const char* unit, ImVec2 size, const std::vector<std::string>& legend_names,
                const std::vector<ImVec4>& legend_colors) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float line = ImGui::GetTextLineHeight();
  // Never so low that the legend, the ticks and the period labels run into each other: a
  // smaller pane scrolls to the chart instead.
  size.x = std::max(size.x, 40.0f);
  size.y = std::max(size.y, line * 7.0f);
  ImGui::InvisibleButton(id, size);
  bool hovered = ImGui::IsItemHovered();
  Plot p;
  // As many ticks as fit a line and a half apart: the step doubles until they do.
  float plot_height = size.y - line * 2.5f - px(14);
  double max_ticks = std::max(1.0, std::floor(double(plot_height) / (line * 1.5)));
  double step = nice_step(max_value);
  while (std::ceil(max_value / step - 1e-9) > max_ticks) step *= 2;
  p.top = std::max(step, std::ceil(max_value / step - 1e-9) * step);
  float label_w = 0;
  for (double v = 0; v <= p.top + step / 2; v += step) {
    label_w = std::max(label_w, ImGui::CalcTextSize(tick_label(v, unit).c_str()).x);
  }
  // Room on top for the legend and for half of the top tick's label.
  p.min = ImVec2(origin.x + label_w + px(8), origin.y + line * 1.5f + px(8));
  p.max = ImVec2(origin.x + size.x - px(4), origin.y + size.y - line - px(6));
  p.slot = labels.empty() ? 1 : (p.max.x - p.min.x) / float(labels.size());
  ImU32 grid = ImGui::GetColorU32(palette().chart_grid);
  ImU32 muted = ImGui::GetColorU32(palette().text_muted);
  for (double v = 0; v <= p.top + step / 2; v += step) {
    float y = p.y(v);
    draw->AddLine(ImVec2(p.min.x, y), ImVec2(p.max.x, y), grid, v == 0 ? 1.5f : 1.0f);
    std::string t = tick_label(v, unit);
    draw->AddText(ImVec2(p.min.x - px(6) - ImGui::CalcTextSize(t.c_str()).x, y - line / 2),
                  muted, t.c_str());
  }
  // Period labels: every k-th so they never overlap.
  float widest = ImGui::CalcTextSize("Mmm 00").x + px(8);
  size_t every = std::max<size_t>(1, size_t(std::ceil(widest / std::max(p.slot, 1.0f))));
  for (size_t i = 0; i < labels.size(); i += every) {
    float w = ImGui::CalcTextSize(labels[i].c_str()).x;
    draw->AddText(ImVec2(p.x(i) - w / 2, p.max.y + px(4)), muted, labels[i].c_str());
  }
  draw_legend(draw, origin, p.max.x, legend_names, legend_colors);
  float mx = ImGui::GetIO().MousePos.x;
  if (hovered && !labels.empty() && mx >= p.min.x && mx < p.max.x) {
    p.hovered = std::clamp(int((mx - p.min.x) / p.slot), 0, int(labels.size()) - 1);
  }
  return p;
}

void hover_tooltip(const Plot& p, const TooltipText& tooltip) {
  if (p.hovered < 0 || !tooltip) return;
  std::string text = tooltip(size_t(p.hovered));
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(text.c_str());
  ImGui::EndTooltip();
}

}  // namespace

std::string short_month(const std::string& key) {
  static const char* kNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int month = 0;
  if (key.size() != 7 || key[4] != '-' || std::sscanf(key.c_str() + 5, "%2d", &month) != 1 ||
      month < 1 || month > 12) {
    return key;
  }
  return std::string(kNames[month - 1]) + " " + key.substr(2, 2);
}

// ---- [SECTION] Line chart --------------------------------------------------------------

// A dashed horizontal line across the plot at `value`.
static void draw_target(ImDrawList* draw, const Plot& p, const TargetLine& t) {
  if (!std::isfinite(t.value)) return;
  const float y = p.y(std::max(0.0, t.value)), dash = px(6), gap = px(4);
  const ImU32 color = ImGui::GetColorU32(t.color);
  for (float x = p.min.x; x < p.max.x; x += dash + gap) {
    draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + dash, p.max.x), y), color, px(1.6f));
  }
}

void line_chart(const char* id, const std::vector<std::string>& labels,
                const std::vector<LineSeries>& series, const char* unit, double min_top,
                ImVec2 size, const TooltipText& tooltip, const std::vector<TargetLine>& targets) {
  double max_value = min_top;
  std::vector<std::string> names;
  std::vector<ImVec4> colors;
  for (const LineSeries& s : series) {
    names.push_back(s.name);
    colors.push_back(s.color);
    for (const std::optional<double>& v : s.values) {
      if (v && std::isfinite(*v)) max_value = std::max(max_value, *v);
    }
  }
  for (const TargetLine& t : targets) {
    names.push_back(t.name);
    colors.push_back(t.color);
    if (std::isfinite(t.value)) max_value = std::max(max_value, t.value);
  }
  Plot p = draw_frame(id, labels, max_value, unit, size, names, colors);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (const TargetLine& t : targets) draw_target(draw, p, t);
  if (p.hovered >= 0) {
    draw->AddLine(ImVec2(p.x(size_t(p.hovered)), p.min.y), ImVec2(p.x(size_t(p.hovered)), p.max.y),
                  ImGui::GetColorU32(palette().chart_grid), 2.0f);
  }
  draw->PushClipRect(ImVec2(p.min.x, p.min.y - px(4)), ImVec2(p.max.x, p.max.y + px(4)), true);
  for (const LineSeries& s : series) {
    ImU32 color = ImGui::GetColorU32(s.color);
    size_t n = std::min(s.values.size(), labels.size());
    for (size_t i = 0; i < n; ++i) {
      const std::optional<double>& v = s.values[i];
      if (!v || !std::isfinite(*v)) continue;  // A gap: undefined in that period.
      ImVec2 at(p.x(i), p.y(std::max(0.0, *v)));
      if (i + 1 < n && s.values[i + 1] && std::isfinite(*s.values[i + 1])) {
        draw->AddLine(at, ImVec2(p.x(i + 1), p.y(std::max(0.0, *s.values[i + 1]))), color,
                      px(2.2f));
      }
      draw->AddCircleFilled(at, int(i) == p.hovered ? px(4.5f) : px(3.0f), color);
    }
  }
  draw->PopClipRect();
  hover_tooltip(p, tooltip);
}

// ---- [SECTION] Stacked bar chart -------------------------------------------------------

void stacked_bar_chart(const char* id, const std::vector<std::string>& labels,
                       const std::vector<std::vector<int64_t>>& stacks,
                       const std::vector<std::string>& part_names,
                       const std::vector<ImVec4>& part_colors, int minor_digits, ImVec2 size,
                       const TooltipText& tooltip) {
  double scale = std::pow(10.0, minor_digits);  // Axis in major units; drawing only.
  double max_value = 1;
  for (const std::vector<int64_t>& stack : stacks) {
    double sum = 0;
    for (int64_t a : stack) sum += double(std::max<int64_t>(a, 0)) / scale;
    max_value = std::max(max_value, sum);
  }
  Plot p = draw_frame(id, labels, max_value, "", size, part_names, part_colors);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (p.hovered >= 0) {
    float x = p.min.x + p.slot * float(p.hovered);
    const ImVec4& g = palette().chart_grid;
    draw->AddRectFilled(ImVec2(x, p.min.y), ImVec2(x + p.slot, p.max.y),
                        ImGui::GetColorU32(ImVec4(g.x, g.y, g.z, g.w * 0.5f)));
  }
  size_t n = std::min(stacks.size(), labels.size());
  for (size_t i = 0; i < n; ++i) {
    float half = std::min(p.slot * 0.32f, px(28)), x0 = p.x(i) - half, x1 = p.x(i) + half;
    double base = 0;
    for (size_t k = 0; k < stacks[i].size() && k < part_colors.size(); ++k) {
      double v = double(std::max<int64_t>(stacks[i][k], 0)) / scale;
      if (v <= 0) continue;
      float y0 = p.y(base), y1 = p.y(base + v);
      if (y0 - y1 < 1) y1 = y0 - 1;  // Visible even when tiny.
      draw->AddRectFilled(ImVec2(x0, y1), ImVec2(x1, y0), ImGui::GetColorU32(part_colors[k]));
      base += v;
    }
  }
  hover_tooltip(p, tooltip);
}

}  // namespace app::ui
