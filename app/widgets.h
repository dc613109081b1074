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
};
const Fonts& fonts();
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

// A key figure in a framed box: a title, a big value, and a line under it.
void card(const char* id, const char* title, const std::string& value, const std::string& sub,
          const ImVec4& accent, float width, float height);

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
bool parse_user_amount(const arlab::Book& book, const char* text, int64_t* amount_minor,
                       std::string* why);

// A customer picker: a combo with a filter field; true when *customer changed.
bool customer_combo(const char* label, const arlab::Book& book, int* customer, char* filter,
                    size_t filter_size, float width);

// Problems in red, one line each: "place: message".
void problems_list(const std::vector<arlab::Problem>& problems);

// Case-insensitive substring test (ASCII); an empty needle matches everything.
bool contains_nocase(std::string_view haystack, std::string_view needle);

}  // namespace app::ui
