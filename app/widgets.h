// widgets.h: small drawing helpers shared by the panels (amounts, cards, chart, theme).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/book.h"
#include "imgui.h"

namespace app::ui {

// Colours of the current theme (dark or light), set by app::apply_theme.
struct Palette {
  ImVec4 text_muted;
  ImVec4 good;      // Current, paid.
  ImVec4 warn;      // Coordination period, just overdue.
  ImVec4 bad;       // Clearing period, beyond the hard limit.
  ImVec4 accent;
  ImVec4 card_bg;
  ImVec4 chart_grid;
};
const Palette& palette();
void set_palette(bool light);

// Fonts: Liberation Sans when embedded (assets/ui_font.h), else ImGui's default scaled up.
struct Fonts {
  ImFont* bold = nullptr;  // Headings; nullptr: the default font.
  ImFont* big = nullptr;   // Key figures; nullptr: the default font scaled by window.
  ImFont* mono = nullptr;  // Code blocks of the Help window; nullptr: the default font.
  float global_scale = 1.0f;  // io.FontGlobalScale at UI scale 1 (ProggyClean is small).
};
const Fonts& fonts();
// A layout size in pixels at UI scale 1, times the current UI scale (HiDPI browsers).
float px(float pixels);
void load_fonts();  // Once, before the font atlas is built (app::init).
void heading(const char* text);             // A section title in bold.
void big_text(const char* text);            // A key figure, large.

std::string money(const arlab::Book& book, int64_t amount_minor);  // "1,200.50"
std::string percent(int64_t part, int64_t whole);                    // "12.3%" (integer math)

// Text helpers for table cells and labels.
void text_right(const std::string& text);  // Right-aligned in the current column / line.
void text_right_colored(const ImVec4& color, const std::string& text);
void text_muted(const char* text);
void money_cell(const arlab::Book& book, int64_t amount_minor);  // Right-aligned; muted if 0.
void help_marker(const char* text);                              // "(?)" with a tooltip.
// Text that may be wider than its place (a name in a table cell): drawn whole when it fits,
// else cut with "..." and shown whole on hover. In a table column that sizes itself to its
// content it is drawn whole (the column grows); app/layout_check.h finds what is still cut.
// `width` > 0: at most that wide (room kept for what follows on the line).
void text_fit(const std::string& text);
void text_fit_colored(const ImVec4& color, const std::string& text, float width = 0.0f);
// A selectable table row whose first cell is `text`, cut like text_fit; true when clicked.
// *nav_focused (if given): nav_focused() of the row.
bool selectable_fit(const std::string& text, bool selected, ImGuiSelectableFlags flags = 0,
                    bool* nav_focused = nullptr);
// True while the last item (a list row) has the keyboard focus that an arrow key moved to it:
// lists select the row under the focus, as in any list. A click is not this (it selects).
bool nav_focused();
// Where the last item was drawn this frame, under a name (x, y, width, height in display
// pixels): the summary JSON lists them so that browser tests click a control as a user
// would, wherever the layout put it. Kept until the next frame's mark of the same name.
void mark(const char* name);
struct MarkedRect { float x, y, w, h; };
const std::vector<std::pair<std::string, MarkedRect>>& marked_rects();
// A table column as wide as its widest content and header, every frame (a resizable column
// would keep the width of its first frames and cut a wider figure scrolled into view).
constexpr ImGuiTableColumnFlags kFitColumn =
    ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize;
// The current table's header row, each header with its full name on hover when cut.
void headers_row();
// SameLine(0, spacing) if an item `width` wide still fits on the line, else a new line: a
// toolbar flows onto two lines in a narrow window instead of running off its edge.
void same_line_if_fits(float width, float spacing = -1.0f);
// An invoice's date, due date, amount and open amount: the next four cells of a table row.
void invoice_cells(const arlab::Book& book, const arlab::Invoice& invoice, int64_t open_minor);

// A key figure in a framed box: a title, a big value, and a line under it; with `help`, a
// "(?)" after the title whose tooltip is that text.
void card(const char* id, const char* title, const std::string& value, const std::string& sub,
          const ImVec4& accent, float width, float height, const char* help = nullptr);

// Bars with their amounts above and names below (aging buckets, stages).
struct Bar {
  std::string name;
  int64_t amount_minor = 0;
  ImVec4 color;
};
void bar_chart(const char* id, const arlab::Book& book, const std::vector<Bar>& bars, ImVec2 size);
ImVec4 bucket_color(size_t bucket, size_t bucket_count);  // Green (current) to red (oldest).

// A "YYYY-MM-DD" text field; true when the text parses to a date different from *date.
bool date_field(const char* label, char* text, size_t text_size, arlab::Date* date, float width);
// Parses a user amount ("1200", "1,200.50"): commas are allowed here, not in files.
// Positive, or with `zero_ok` also zero.
bool parse_user_amount(const arlab::Book& book, const char* text, int64_t* amount_minor,
                       std::string* why, bool zero_ok = false);

// A customer picker: a combo with a filter field; true when *customer changed.
bool customer_combo(const char* label, const arlab::Book& book, int* customer, char* filter,
                    size_t filter_size, float width);

// Tables: the first sort spec of the current sortable table, copied into *column and
// *descending when the user changed it; true then (the caller rebuilds its rows).
bool sort_specs_changed(int* column, bool* descending);

// Draws `count` rows of the current table through ImGuiListClipper, so that only the visible
// ones cost anything; each row under its own id: draw_row(r) for r in [0, count).
template <typename DrawRow>
void clipped_rows(size_t count, DrawRow draw_row) {
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(count));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      ImGui::PushID(r);
      draw_row(static_cast<size_t>(r));
      ImGui::PopID();
    }
  }
}

// Problems in red, one line each: "place: message".
void problems_list(const std::vector<arlab::Problem>& problems);

// Case-insensitive substring test (ASCII); an empty needle matches everything.
bool contains_nocase(std::string_view haystack, std::string_view needle);

}  // namespace app::ui
