// layout_check.cpp: see layout_check.h. Reads ImGui's internal layout records (imgui_internal.h)
// of the last frame; draws nothing and changes nothing.
#include "app/layout_check.h"

#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "imgui_internal.h"

namespace app {

namespace {

constexpr float kSlackPx = 1.0f;  // Rounding of item positions.

std::string px_text(float px) { return std::to_string(static_cast<int>(std::lround(px))); }

void check_tables(ImGuiContext& g, std::vector<std::string>* out) {
  for (int n = 0; n < g.Tables.GetMapSize(); ++n) {
    ImGuiTable* table = g.Tables.TryGetMapData(n);
    if (!table || table->LastFrameActive != g.FrameCount || !table->OuterWindow) continue;
    for (int c = 0; c < table->ColumnsCount; ++c) {
      const ImGuiTableColumn& column = table->Columns[c];
      if (!column.IsEnabled || !column.IsVisibleX || column.IsSkipItems) continue;
      // Content that went past the column's right edge is cut there (its clip rectangle).
      float content = std::max(column.ContentMaxXFrozen, column.ContentMaxXUnfrozen);
      float header = column.ContentMaxXHeadersIdeal;  // Headers end in "..." when cut.
      // Content is cut at the column's clip rectangle (a pixel of rounding allowed); a header
      // ends in "..." past the cell's edge as TableGetCellBgRect has it, to the pixel.
      float clip = column.MaxX;
      float cell = column.NextEnabledColumn == -1 ? column.MaxX - table->OuterPaddingX
                                                  : column.MaxX;
      cell = std::min(cell, table->WorkRect.Max.x);
      bool content_cut = content > clip + kSlackPx;
      bool header_cut = header > cell + 0.01f;
      if (!content_cut && !header_cut) continue;
      const char* name = ImGui::TableGetColumnName(table, c);
      std::string what = content_cut ? "content" : "header";
      float need = content_cut ? content : header;
      float edge = content_cut ? clip : cell;
      out->push_back("table in " + std::string(table->OuterWindow->Name) + ", column " +
                     ((name && *name) ? std::string("\"") + name + "\"" : std::to_string(c)) +
                     ": " + what + " " + px_text(need - column.MinX) + " px in " +
                     px_text(edge - column.MinX) + " px");
    }
  }
}

void check_windows(ImGuiContext& g, std::vector<std::string>* out) {
  for (ImGuiWindow* window : g.Windows) {
    if (!window->Active || window->Hidden || window->SkipItems) continue;
    if (window->Flags & ImGuiWindowFlags_Tooltip) continue;
    if (window->ScrollbarX || (window->Flags & ImGuiWindowFlags_HorizontalScrollbar)) continue;
    // A table's own scrolling child is the table's business (checked by column).
    if (window->ParentWindow && window->ParentWindow->DC.CurrentTableIdx >= 0 &&
        std::string(window->Name).find("##Table") != std::string::npos) {
      continue;
    }
    float reach = window->DC.CursorMaxPos.x;
    float edge = window->InnerClipRect.Max.x;
    if (reach <= edge + kSlackPx) continue;
    out->push_back("window " + std::string(window->Name) + ": content reaches " +
                   px_text(reach - window->Pos.x) + " px of " + px_text(edge - window->Pos.x) +
                   " px shown");
  }
}

void check_tab_bars(ImGuiContext& g, std::vector<std::string>* out) {
  for (int n = 0; n < g.TabBars.GetMapSize(); ++n) {
    ImGuiTabBar* bar = g.TabBars.TryGetMapData(n);
    if (!bar || bar->CurrFrameVisible != g.FrameCount) continue;
    float width = bar->BarRect.GetWidth();
    if (bar->WidthAllTabsIdeal <= width + kSlackPx) continue;
    out->push_back("tab bar: tabs want " + px_text(bar->WidthAllTabsIdeal) + " px in " +
                   px_text(width) + " px (some hide behind scroll arrows)");
  }
}

}  // namespace

std::vector<std::string> layout_overflows() {
  std::vector<std::string> out;
  ImGuiContext* g = ImGui::GetCurrentContext();
  if (!g || g->FrameCount == 0) return out;
  check_tab_bars(*g, &out);
  check_tables(*g, &out);
  check_windows(*g, &out);
  return out;
}

}  // namespace app
