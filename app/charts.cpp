// charts.cpp: line and stacked bar charts over periods (charts.h).
//
// [SECTION] Axes (plot frame, ticks, labels, legend, hover)
// [SECTION] Line chart
// [SECTION] Stacked bar chart
// [SECTION] Band chart
// [SECTION] Horizontal bars (waterfall, tornado)
#include "app/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/widgets.h"
#include "imgui_internal.h"  // RenderTextEllipsis: the bars' labels.

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
  double top = 1;     // Value at max.y's opposite edge (min.y).
  double bottom = 0;  // Value at max.y: 0 but for a signed axis (band_chart).
  float slot = 1;     // Width of one period.
  int hovered = -1;   // Period under the mouse, or -1.
  float y(double v) const { return max.y - float((v - bottom) / (top - bottom)) * (max.y - min.y); }
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
                const std::vector<ImVec4>& legend_colors, double min_value = 0) {
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
  min_value = std::min(min_value, 0.0);  // The axis always holds 0.
  double step = nice_step(max_value - min_value);
  auto intervals = [&] {
    return std::ceil(max_value / step - 1e-9) - std::floor(min_value / step + 1e-9);
  };
  while (intervals() > max_ticks) step *= 2;
  p.top = std::max(step, std::ceil(max_value / step - 1e-9) * step);
  p.bottom = std::floor(min_value / step + 1e-9) * step;
  float label_w = 0;
  for (double v = p.bottom; v <= p.top + step / 2; v += step) {
    label_w = std::max(label_w, ImGui::CalcTextSize(tick_label(v, unit).c_str()).x);
  }
  // Room on top for the legend and for half of the top tick's label.
  p.min = ImVec2(origin.x + label_w + px(8), origin.y + line * 1.5f + px(8));
  p.max = ImVec2(origin.x + size.x - px(4), origin.y + size.y - line - px(6));
  p.slot = labels.empty() ? 1 : (p.max.x - p.min.x) / float(labels.size());
  ImU32 grid = ImGui::GetColorU32(palette().chart_grid);
  ImU32 muted = ImGui::GetColorU32(palette().text_muted);
  for (double v = p.bottom; v <= p.top + step / 2; v += step) {
    if (std::fabs(v) < step * 1e-6) v = 0;  // Not -0 or 1e-17 from the sums.
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

// ---- [SECTION] Band chart --------------------------------------------------------------

void band_chart(const char* id, const std::vector<std::string>& labels,
                const std::vector<BandSeries>& series, const char* unit, ImVec2 size,
                const TooltipText& tooltip) {
  double max_value = 0, min_value = 0;
  std::vector<std::string> names;
  std::vector<ImVec4> colors;
  for (const BandSeries& s : series) {
    names.push_back(s.name);
    colors.push_back(s.color);
    for (const std::vector<double>* values : {&s.mean, &s.low, &s.high}) {
      for (double v : *values) {
        if (!std::isfinite(v)) continue;
        max_value = std::max(max_value, v);
        min_value = std::min(min_value, v);
      }
    }
  }
  if (max_value <= min_value) max_value = min_value + 1;
  Plot p = draw_frame(id, labels, max_value, unit, size, names, colors, min_value);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (p.hovered >= 0) {
    draw->AddLine(ImVec2(p.x(size_t(p.hovered)), p.min.y), ImVec2(p.x(size_t(p.hovered)), p.max.y),
                  ImGui::GetColorU32(palette().chart_grid), 2.0f);
  }
  draw->PushClipRect(ImVec2(p.min.x, p.min.y - px(4)), ImVec2(p.max.x, p.max.y + px(4)), true);
  // Bands first, every series' under every line: a band never hides another's line.
  for (const BandSeries& s : series) {
    ImVec4 c = s.color;
    c.w *= 0.2f;
    ImU32 fill = ImGui::GetColorU32(c);
    size_t n = std::min({s.low.size(), s.high.size(), labels.size()});
    for (size_t i = 0; i + 1 < n; ++i) {
      double l0 = s.low[i], h0 = s.high[i], l1 = s.low[i + 1], h1 = s.high[i + 1];
      if (!std::isfinite(l0) || !std::isfinite(h0) || !std::isfinite(l1) || !std::isfinite(h1))
        continue;
      // A trapezoid with vertical sides: convex while high >= low at both ends.
      ImVec2 quad[4] = {ImVec2(p.x(i), p.y(std::max(h0, l0))), ImVec2(p.x(i + 1), p.y(std::max(h1, l1))),
                        ImVec2(p.x(i + 1), p.y(std::min(h1, l1))), ImVec2(p.x(i), p.y(std::min(h0, l0)))};
      draw->AddConvexPolyFilled(quad, 4, fill);
    }
    if (n == 1 && std::isfinite(s.low[0]) && std::isfinite(s.high[0])) {  // One period: a bar.
      draw->AddRectFilled(ImVec2(p.x(0) - px(6), p.y(s.high[0])), ImVec2(p.x(0) + px(6), p.y(s.low[0])),
                          fill);
    }
  }
  for (const BandSeries& s : series) {
    ImU32 color = ImGui::GetColorU32(s.color);
    size_t n = std::min(s.mean.size(), labels.size());
    for (size_t i = 0; i < n; ++i) {
      if (!std::isfinite(s.mean[i])) continue;
      ImVec2 at(p.x(i), p.y(s.mean[i]));
      if (i + 1 < n && std::isfinite(s.mean[i + 1]))
        draw->AddLine(at, ImVec2(p.x(i + 1), p.y(s.mean[i + 1])), color, px(2.2f));
      draw->AddCircleFilled(at, int(i) == p.hovered ? px(4.5f) : px(3.0f), color);
    }
  }
  draw->PopClipRect();
  hover_tooltip(p, tooltip);
}

// ---- [SECTION] Horizontal bars ---------------------------------------------------------

namespace {

// Rows of horizontal bars: the labels in a column on the left (cut with "..." past a third of
// the width), a value axis under the rows, and the hovered row.
struct HBars {
  ImVec2 min, max;  // The bars' area.
  double lo = 0, hi = 1;
  float row = 1;
  int hovered = -1;
  float x(double v) const { return min.x + float((v - lo) / (hi - lo)) * (max.x - min.x); }
  float y(size_t i) const { return min.y + row * float(i); }
};

HBars draw_hbar_frame(const char* id, const std::vector<std::string>& labels, double lo, double hi,
                      const char* unit, float width, float legend_height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float line = ImGui::GetTextLineHeight();
  HBars b;
  b.row = line * 1.6f;
  width = std::max(width, px(160));
  ImVec2 size(width, legend_height + b.row * float(labels.size()) + line + px(10));
  ImGui::InvisibleButton(id, size);
  bool hovered = ImGui::IsItemHovered();
  float label_w = 0;
  for (const std::string& l : labels) label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x);
  label_w = std::min(label_w, width / 3);
  lo = std::min(lo, 0.0);
  hi = std::max(hi, 0.0);
  if (hi <= lo) hi = lo + 1;
  // Ticks: a nice step over the range, about as many as fit 80 px apart.
  b.min = ImVec2(origin.x + label_w + px(10), origin.y + legend_height);
  b.max = ImVec2(origin.x + width - px(8), b.min.y + b.row * float(labels.size()));
  double max_ticks = std::max(1.0, double(std::floor((b.max.x - b.min.x) / px(80))));
  double step = nice_step(hi - lo);
  while ((std::ceil(hi / step - 1e-9) - std::floor(lo / step + 1e-9)) > max_ticks) step *= 2;
  b.lo = std::floor(lo / step + 1e-9) * step;
  b.hi = std::max(b.lo + step, std::ceil(hi / step - 1e-9) * step);
  ImU32 grid = ImGui::GetColorU32(palette().chart_grid);
  ImU32 muted = ImGui::GetColorU32(palette().text_muted);
  for (double v = b.lo; v <= b.hi + step / 2; v += step) {
    if (std::fabs(v) < step * 1e-6) v = 0;
    float x = b.x(v);
    draw->AddLine(ImVec2(x, b.min.y), ImVec2(x, b.max.y), grid, v == 0 ? 1.5f : 1.0f);
    std::string t = tick_label(v, unit);
    float w = ImGui::CalcTextSize(t.c_str()).x;
    float tx = std::clamp(x - w / 2, b.min.x - px(4), origin.x + width - w);
    draw->AddText(ImVec2(tx, b.max.y + px(4)), muted, t.c_str());
  }
  float my = ImGui::GetIO().MousePos.y;
  for (size_t i = 0; i < labels.size(); ++i) {
    ImVec2 at(origin.x, b.y(i) + (b.row - line) / 2);
    ImGui::RenderTextEllipsis(draw, at, ImVec2(origin.x + label_w, at.y + line), origin.x + label_w,
                              origin.x + label_w, labels[i].c_str(), nullptr, nullptr);
  }
  if (hovered && my >= b.min.y && my < b.max.y && !labels.empty()) {
    b.hovered = std::clamp(int((my - b.min.y) / b.row), 0, int(labels.size()) - 1);
    const ImVec4& g = palette().chart_grid;
    draw->AddRectFilled(ImVec2(origin.x, b.y(size_t(b.hovered))),
                        ImVec2(b.max.x, b.y(size_t(b.hovered)) + b.row),
                        ImGui::GetColorU32(ImVec4(g.x, g.y, g.z, g.w * 0.5f)));
  }
  return b;
}

void hbar(ImDrawList* draw, const HBars& b, size_t i, double from, double to, const ImVec4& color) {
  float x0 = b.x(std::min(from, to)), x1 = b.x(std::max(from, to));
  if (x1 - x0 < 1) x1 = x0 + 1;  // Visible even when tiny.
  float pad = b.row * 0.18f;
  draw->AddRectFilled(ImVec2(x0, b.y(i) + pad), ImVec2(x1, b.y(i) + b.row - pad),
                      ImGui::GetColorU32(color), 2.0f);
}

void hbar_tooltip(const HBars& b, const TooltipText& tooltip) {
  if (b.hovered < 0 || !tooltip) return;
  std::string text = tooltip(size_t(b.hovered));
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(text.c_str());
  ImGui::EndTooltip();
}

}  // namespace

void waterfall_chart(const char* id, const std::vector<WaterfallBar>& steps,
                     const std::string& total_label, const char* unit, float width,
                     const TooltipText& tooltip) {
  std::vector<std::string> labels;
  double run = 0, lo = 0, hi = 0;
  for (const WaterfallBar& s : steps) {
    labels.push_back(s.label);
    run += s.delta;
    lo = std::min(lo, run);
    hi = std::max(hi, run);
  }
  labels.push_back(total_label);
  HBars b = draw_hbar_frame(id, labels, lo, hi, unit, width, 0);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Palette& pal = palette();
  double at = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    double next = at + steps[i].delta;
    hbar(draw, b, i, at, next, steps[i].delta >= 0 ? pal.good : pal.bad);
    // A thin connector to the next row's start, as waterfalls draw them.
    float x = b.x(next);
    draw->AddLine(ImVec2(x, b.y(i) + b.row * 0.82f), ImVec2(x, b.y(i + 1) + b.row * 0.18f),
                  ImGui::GetColorU32(pal.text_muted), 1.0f);
    at = next;
  }
  hbar(draw, b, steps.size(), 0, at, pal.accent);
  hbar_tooltip(b, tooltip);
}

void tornado_chart(const char* id, const std::vector<TornadoRow>& rows, double base,
                   const char* unit, float width, const TooltipText& tooltip) {
  std::vector<std::string> labels;
  double lo = base, hi = base;
  for (const TornadoRow& r : rows) {
    labels.push_back(r.label);
    lo = std::min({lo, r.low, r.high});
    hi = std::max({hi, r.low, r.high});
  }
  const Palette& pal = palette();
  const ImVec4 low_color = pal.warn, high_color = pal.accent;
  float legend = ImGui::GetTextLineHeight() * 1.5f;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  HBars b = draw_hbar_frame(id, labels, lo, hi, unit, width, legend);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw_legend(draw, origin, b.max.x, {"Parameter low", "Parameter high"}, {low_color, high_color});
  for (size_t i = 0; i < rows.size(); ++i) {
    hbar(draw, b, i, base, rows[i].low, low_color);
    hbar(draw, b, i, base, rows[i].high, high_color);
  }
  float x = b.x(base);
  draw->AddLine(ImVec2(x, b.min.y), ImVec2(x, b.max.y), ImGui::GetColorU32(ImGuiCol_Text), px(1.5f));
  hbar_tooltip(b, tooltip);
}

}  // namespace app::ui
