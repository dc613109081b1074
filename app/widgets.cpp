// widgets.cpp: drawing helpers and the theme.
//
// [SECTION] Palette and theme
// [SECTION] Fonts
// [SECTION] Text and numbers
// [SECTION] Cards and bar chart
// [SECTION] Inputs
#include "app/widgets.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "app/app_state.h"
#include "assets/ui_font.h"
#include "core/date.h"
#include "core/money.h"
#include "imgui_internal.h"  // RenderTextEllipsis; the current table's columns.

namespace app::ui {

// ---- [SECTION] Palette and theme -------------------------------------------------------

namespace {
Palette g_palette;
}

const Palette& palette() { return g_palette; }

void set_palette(bool light) {
  if (light) {
    g_palette = {ImVec4(0.42f, 0.45f, 0.50f, 1), ImVec4(0.13f, 0.55f, 0.33f, 1),
                 ImVec4(0.80f, 0.50f, 0.05f, 1), ImVec4(0.80f, 0.20f, 0.20f, 1),
                 ImVec4(0.16f, 0.42f, 0.78f, 1), ImVec4(1.00f, 1.00f, 1.00f, 1),
                 ImVec4(0.82f, 0.84f, 0.87f, 1)};
  } else {
    g_palette = {ImVec4(0.58f, 0.62f, 0.68f, 1), ImVec4(0.36f, 0.78f, 0.52f, 1),
                 ImVec4(0.96f, 0.72f, 0.30f, 1), ImVec4(0.95f, 0.42f, 0.40f, 1),
                 ImVec4(0.40f, 0.65f, 0.98f, 1), ImVec4(0.15f, 0.17f, 0.21f, 1),
                 ImVec4(0.26f, 0.29f, 0.34f, 1)};
  }
}

// ---- [SECTION] Fonts -------------------------------------------------------------------

namespace {
Fonts g_fonts;

ImFont* add_font(std::string_view ttf, float size_pixels) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // Static data: the atlas must not free it.
  config.OversampleH = 2;
  config.OversampleV = 2;
  void* data = const_cast<char*>(ttf.data());
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, static_cast<int>(ttf.size()),
                                                    size_pixels, &config);
}
}  // namespace

const Fonts& fonts() { return g_fonts; }

void load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  g_fonts = Fonts{};
  std::string_view regular = arlab::ui_font_regular_ttf(), bold = arlab::ui_font_bold_ttf();
  if (io.Fonts->IsBuilt() || io.Fonts->Fonts.Size > 0 || regular.empty() || bold.empty()) {
    g_fonts.global_scale = 1.25f;  // ProggyClean at 13 px is too small to read comfortably.
    io.FontGlobalScale = g_fonts.global_scale;
    return;
  }
  add_font(regular, 17.0f);  // The first font is the default.
  g_fonts.bold = add_font(bold, 17.0f);
  g_fonts.big = add_font(bold, 27.0f);
  std::string_view mono = arlab::ui_font_mono_ttf();
  if (!mono.empty()) g_fonts.mono = add_font(mono, 15.0f);
}

void heading(const char* text) {
  if (g_fonts.bold) ImGui::PushFont(g_fonts.bold);
  ImGui::TextUnformatted(text);
  if (g_fonts.bold) ImGui::PopFont();
}

void big_text(const char* text) {
  if (g_fonts.big) {
    ImGui::PushFont(g_fonts.big);
  } else {
    ImGui::SetWindowFontScale(1.45f);
  }
  ImGui::TextUnformatted(text);
  if (g_fonts.big) {
    ImGui::PopFont();
  } else {
    ImGui::SetWindowFontScale(1.0f);
  }
}

// ---- [SECTION] Text and numbers --------------------------------------------------------

std::string money(const arlab::Book& book, int64_t amount_minor) {
  return arlab::format_amount_grouped(amount_minor, book.minor_digits);
}

std::string percent(int64_t part, int64_t whole) {
  if (whole == 0) return "-";
  // Tenths of a percent, rounded half up, in integers (amounts may exceed double precision).
  __int128 tenths =
      (static_cast<__int128>(part) * 2000 + whole) / (2 * static_cast<__int128>(whole));
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%lld%%", static_cast<long long>(tenths / 10),
                static_cast<long long>(tenths % 10 < 0 ? -(tenths % 10) : tenths % 10));
  return text;
}

void text_right(const std::string& text) {
  float width = ImGui::CalcTextSize(text.c_str()).x;
  float avail = ImGui::GetContentRegionAvail().x;
  if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - width);
  ImGui::TextUnformatted(text.c_str());
}

void text_right_colored(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text_right(text);
  ImGui::PopStyleColor();
}

void text_fit_colored(const ImVec4& color, const std::string& text, float width) {
  float avail = width > 0.0f ? width : ImGui::GetContentRegionAvail().x;
  ImVec2 size = ImGui::CalcTextSize(text.c_str(), text.c_str() + text.size());
  bool cut_allowed = true;
  if (ImGuiTable* table = ImGui::GetCurrentTable()) {
    const ImGuiTableColumn& column = table->Columns[table->CurrentColumn];
    bool auto_fit = (column.Flags & ImGuiTableColumnFlags_WidthFixed) &&
                    column.InitStretchWeightOrWidth <= 0.0f;
    cut_allowed = !auto_fit;
  }
  if (size.x <= avail || !cut_allowed || avail <= 0.0f) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopStyleColor();
    return;
  }
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 box(avail, ImGui::GetTextLineHeight());
  ImGui::Dummy(box);  // The space given: what the layout sees.
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + avail, pos.y + box.y),
                            pos.x + avail, pos.x + avail, text.c_str(),
                            text.c_str() + text.size(), &size);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
}

void text_fit(const std::string& text) {
  text_fit_colored(ImGui::GetStyleColorVec4(ImGuiCol_Text), text);
}

bool selectable_fit(const std::string& text, bool selected, ImGuiSelectableFlags flags,
                    bool* focused) {
  bool clicked = ImGui::Selectable("##row", selected, flags | ImGuiSelectableFlags_AllowItemOverlap);
  if (focused) *focused = nav_focused();
  ImGui::SameLine(0.0f, 0.0f);
  text_fit(text);
  return clicked;
}

namespace {
std::vector<std::pair<std::string, MarkedRect>> g_marks;
}  // namespace

void mark(const char* name) {
  ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  MarkedRect rect{min.x, min.y, max.x - min.x, max.y - min.y};
  for (auto& [key, value] : g_marks) {
    if (key == name) {
      value = rect;
      return;
    }
  }
  g_marks.emplace_back(name, rect);
}

const std::vector<std::pair<std::string, MarkedRect>>& marked_rects() { return g_marks; }

bool nav_focused() {
  return ImGui::IsItemFocused() && ImGui::GetIO().NavVisible && !ImGui::IsItemClicked();
}

void headers_row() {
  ImGuiTable* table = ImGui::GetCurrentTable();
  if (!table) return;
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < table->ColumnsCount; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const char* name = ImGui::TableGetColumnName(c);
    ImGui::PushID(c);
    ImGui::TableHeader(name);
    ImGui::PopID();
    const ImGuiTableColumn& column = table->Columns[c];
    bool cut = column.ContentMaxXHeadersIdeal > column.MaxX + 1.0f;
    if (cut && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", name);
  }
}

void same_line_if_fits(float width, float spacing) {
  float gap = spacing < 0.0f ? ImGui::GetStyle().ItemSpacing.x : spacing;
  float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + gap + width <= right) ImGui::SameLine(0.0f, gap);
}

void text_muted(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, g_palette.text_muted);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void money_cell(const arlab::Book& book, int64_t amount_minor) {
  if (amount_minor == 0) {
    text_right_colored(g_palette.text_muted, "-");
  } else {
    text_right(money(book, amount_minor));
  }
}

void invoice_cells(const arlab::Book& book, const arlab::Invoice& invoice, int64_t open_minor) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(arlab::format_date(invoice.date).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(arlab::format_date(invoice.due).c_str());
  ImGui::TableNextColumn();
  text_right(money(book, invoice.amount_minor));
  ImGui::TableNextColumn();
  money_cell(book, open_minor);
}

void help_marker(const char* text) {
  ImGui::SameLine();
  text_muted("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

// ---- [SECTION] Cards and bar chart -----------------------------------------------------

void card(const char* id, const char* title, const std::string& value, const std::string& sub,
          const ImVec4& accent, float width, float height, const char* help) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, g_palette.card_bg);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 6.0f);
  ImGui::BeginChild(id, ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
  ImVec2 p = ImGui::GetWindowPos();
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 4, p.y + height),
                                            ImGui::GetColorU32(accent), 6.0f,
                                            ImDrawFlags_RoundCornersLeft);
  // A narrow card (1024 px wide) cuts its title and line with "..." (whole on hover), and
  // shows its figure in the normal font when the big one does not fit.
  float marker = help ? ImGui::CalcTextSize("(?)").x + ImGui::GetStyle().ItemSpacing.x : 0.0f;
  text_fit_colored(g_palette.text_muted, title, ImGui::GetContentRegionAvail().x - marker);
  if (help) help_marker(help);
  ImGui::PushStyleColor(ImGuiCol_Text, accent);
  ImFont* big = g_fonts.big ? g_fonts.big : ImGui::GetFont();
  float big_scale = g_fonts.big ? 1.0f : 1.45f;
  float value_width = big->CalcTextSizeA(big->FontSize * big_scale * ImGui::GetIO().FontGlobalScale,
                                         FLT_MAX, 0.0f, value.c_str()).x;
  if (value_width <= ImGui::GetContentRegionAvail().x) {
    big_text(value.c_str());
  } else {
    text_fit(value);
  }
  ImGui::PopStyleColor();
  text_fit_colored(g_palette.text_muted, sub);
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

ImVec4 bucket_color(size_t bucket, size_t bucket_count) {
  const Palette& p = g_palette;
  if (bucket == 0) return p.good;
  // Interpolate warn -> bad over the overdue buckets.
  float t = bucket_count <= 2 ? 1.0f : float(bucket - 1) / float(bucket_count - 2);
  return ImVec4(p.warn.x + (p.bad.x - p.warn.x) * t, p.warn.y + (p.bad.y - p.warn.y) * t,
                p.warn.z + (p.bad.z - p.warn.z) * t, 1.0f);
}

void bar_chart(const char* id, const arlab::Book& book, const std::vector<Bar>& bars, ImVec2 size) {
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  if (bars.empty()) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float line = ImGui::GetTextLineHeight();
  float top = origin.y + line + 6, bottom = origin.y + size.y - line - 6;
  int64_t max_minor = 1;
  for (const Bar& b : bars) max_minor = std::max(max_minor, b.amount_minor);
  draw->AddLine(ImVec2(origin.x, bottom), ImVec2(origin.x + size.x, bottom),
                ImGui::GetColorU32(g_palette.chart_grid), 1.0f);
  float slot = size.x / float(bars.size());
  float mouse_x = ImGui::GetIO().MousePos.x;
  bool hovered = ImGui::IsItemHovered();
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    float x0 = origin.x + slot * float(i) + slot * 0.18f, x1 = x0 + slot * 0.64f;
    // Heights in floating point are for drawing only; the labels are exact.
    float h = (bottom - top) * float(double(b.amount_minor) / double(max_minor));
    if (b.amount_minor > 0 && h < 2) h = 2;
    if (h > 0)
      draw->AddRectFilled(ImVec2(x0, bottom - h), ImVec2(x1, bottom), ImGui::GetColorU32(b.color),
                          3.0f, ImDrawFlags_RoundCornersTop);
    std::string label = money(book, b.amount_minor);
    ImVec2 ls = ImGui::CalcTextSize(label.c_str());
    draw->AddText(ImVec2((x0 + x1 - ls.x) / 2, bottom - h - line - 2),
                  ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
    ImVec2 ns = ImGui::CalcTextSize(b.name.c_str());
    draw->AddText(ImVec2((x0 + x1 - ns.x) / 2, bottom + 4),
                  ImGui::GetColorU32(g_palette.text_muted), b.name.c_str());
    if (hovered && mouse_x >= origin.x + slot * float(i) &&
        mouse_x < origin.x + slot * float(i + 1)) {
      int64_t total = 0;
      for (const Bar& other : bars) total += other.amount_minor;
      ImGui::SetTooltip("%s: %s (%s of the total)", b.name.c_str(), label.c_str(),
                        percent(b.amount_minor, total).c_str());
    }
  }
}

// ---- [SECTION] Inputs ------------------------------------------------------------------

bool date_field(const char* label, char* text, size_t text_size, arlab::Date* date, float width) {
  ImGui::SetNextItemWidth(width);
  arlab::Date parsed;
  bool valid = arlab::parse_date(text, &parsed);
  if (!valid) ImGui::PushStyleColor(ImGuiCol_Text, g_palette.bad);
  ImGui::InputTextWithHint(label, "YYYY-MM-DD", text, text_size, ImGuiInputTextFlags_CharsNoBlank);
  if (!valid) ImGui::PopStyleColor();
  if (!arlab::parse_date(text, &parsed) || parsed == *date) return false;
  *date = parsed;
  return true;
}

bool parse_user_amount(const arlab::Book& book, const char* text, int64_t* amount_minor,
                       std::string* why, bool zero_ok) {
  std::string plain;
  for (const char* c = text; *c; ++c) {
    if (*c != ',' && *c != ' ') plain += *c;
  }
  if (plain.empty()) {
    *why = "enter an amount";
    return false;
  }
  if (!arlab::parse_amount(plain, book.minor_digits, amount_minor, why)) return false;
  if (*amount_minor < 0 || (*amount_minor == 0 && !zero_ok)) {
    *why = zero_ok ? "must not be negative" : "must be positive";
    return false;
  }
  return true;
}

bool customer_combo(const char* label, const arlab::Book& book, int* customer, char* filter,
                    size_t filter_size, float width) {
  bool valid = *customer >= 0 && static_cast<size_t>(*customer) < book.customers.size();
  std::string preview = valid ? book.customers[*customer].name + "  (" +
                                    book.customers[*customer].id + ")"
                              : "Choose a customer";
  ImGui::SetNextItemWidth(width);
  bool open = ImGui::BeginCombo(label, preview.c_str(), ImGuiComboFlags_HeightLarge);
  if (!open) {
    mark(label);  // The closed combo (the open one's last item is inside its list).
    return false;
  }
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  // The filter has the keyboard while the list is open: Enter takes the one customer the
  // filter leaves (or the one whose id it is exactly), Escape closes the list unchanged
  // (ImGui's Escape would only leave the field: the list would stay open).
  bool enter = ImGui::InputTextWithHint("##customer_filter", "Type to filter, Enter to choose",
                                        filter, filter_size,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  bool escape = ImGui::IsItemDeactivated() &&
                ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  std::vector<int> shown;
  int exact = -1;
  for (size_t c = 0; c < book.customers.size(); ++c) {
    const arlab::Customer& cu = book.customers[c];
    if (contains_nocase(cu.name, filter) || contains_nocase(cu.id, filter)) {
      shown.push_back(static_cast<int>(c));
      if (filter[0] && cu.id.size() == std::strlen(filter) && contains_nocase(cu.id, filter)) {
        exact = static_cast<int>(c);
      }
    }
  }
  if (escape) {
    ImGui::CloseCurrentPopup();
    ImGui::EndCombo();
    return false;
  }
  int chosen = exact >= 0 ? exact : (shown.size() == 1 ? shown[0] : -1);
  if (enter && chosen >= 0) {
    bool changed = chosen != *customer;
    *customer = chosen;
    ImGui::CloseCurrentPopup();
    ImGui::EndCombo();
    return changed;
  }
  if (shown.empty()) text_muted("No customer matches");
  bool changed = false;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      int c = shown[static_cast<size_t>(i)];
      const arlab::Customer& cu = book.customers[c];
      std::string item = cu.name + "  (" + cu.id + ")##" + std::to_string(c);
      if (ImGui::Selectable(item.c_str(), c == *customer)) {
        changed = c != *customer;
        *customer = c;
      }
    }
  }
  ImGui::EndCombo();
  return changed;
}

bool sort_specs_changed(int* column, bool* descending) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs || !specs->SpecsDirty || specs->SpecsCount == 0) return false;
  *column = specs->Specs[0].ColumnIndex;
  *descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
  specs->SpecsDirty = false;
  return true;
}

void problems_list(const std::vector<arlab::Problem>& problems) {
  ImGui::PushStyleColor(ImGuiCol_Text, g_palette.bad);
  for (const arlab::Problem& p : problems) {
    if (p.place.empty()) {
      ImGui::TextWrapped("%s", p.message.c_str());
    } else {
      ImGui::TextWrapped("%s: %s", p.place.c_str(), p.message.c_str());
    }
  }
  ImGui::PopStyleColor();
}

bool contains_nocase(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it != haystack.end();
}

float px(float pixels) { return pixels * ImGui::GetIO().FontGlobalScale / fonts().global_scale; }

}  // namespace app::ui

namespace app {

namespace {

void set_theme_colors(ImGuiStyle& style, bool light) {
  ImVec4* c = style.Colors;
  if (!light) {
    // Calm slate-blue dark theme instead of ImGui's saturated default.
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.15f, 1);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = ImVec4(0.13f, 0.14f, 0.18f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.14f, 0.15f, 0.19f, 1);
    c[ImGuiCol_Border] = ImVec4(0.25f, 0.27f, 0.32f, 1);
    c[ImGuiCol_FrameBg] = ImVec4(0.18f, 0.20f, 0.25f, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.23f, 0.26f, 0.32f, 1);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.27f, 0.31f, 0.39f, 1);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.18f, 0.23f, 1);
    c[ImGuiCol_Button] = ImVec4(0.22f, 0.31f, 0.45f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.40f, 0.58f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.32f, 0.46f, 0.66f, 1);
    c[ImGuiCol_Header] = ImVec4(0.22f, 0.30f, 0.42f, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.36f, 0.52f, 1);
    c[ImGuiCol_HeaderActive] = ImVec4(0.30f, 0.42f, 0.60f, 1);
    c[ImGuiCol_Tab] = ImVec4(0.15f, 0.17f, 0.21f, 1);
    c[ImGuiCol_TabHovered] = ImVec4(0.28f, 0.40f, 0.58f, 1);
    c[ImGuiCol_TabActive] = ImVec4(0.22f, 0.31f, 0.45f, 1);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.16f, 0.18f, 0.22f, 1);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.025f);
    c[ImGuiCol_TableBorderStrong] = ImVec4(0.25f, 0.27f, 0.32f, 1);
    c[ImGuiCol_TableBorderLight] = ImVec4(0.20f, 0.22f, 0.27f, 1);
    c[ImGuiCol_Text] = ImVec4(0.90f, 0.92f, 0.95f, 1);
    c[ImGuiCol_CheckMark] = ImVec4(0.45f, 0.70f, 1.00f, 1);
    c[ImGuiCol_PlotHistogram] = ImVec4(0.40f, 0.65f, 0.98f, 1);
  } else {
    c[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.97f, 1);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0, 0, 0, 0.03f);
  }
}

}  // namespace

// Builds the whole style from ImGui's defaults each time, so that switching the theme or the
// scale never compounds: sizes are the app's at scale 1, then scaled once.
void apply_theme(bool light, float ui_scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (light) {
    ImGui::StyleColorsLight(&style);
  } else {
    ImGui::StyleColorsDark(&style);
  }
  ui::set_palette(light);
  set_theme_colors(style, light);
  style.WindowRounding = 0.0f;
  style.ChildRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.PopupRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.TabRounding = 4.0f;
  style.ScrollbarRounding = 6.0f;
  style.WindowPadding = ImVec2(12, 10);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(10, 7);
  style.CellPadding = ImVec2(8, 3);
  style.WindowBorderSize = 0.0f;
  style.ScaleAllSizes(ui_scale);
  ImGui::GetIO().FontGlobalScale = ui::fonts().global_scale * ui_scale;
}

}  // namespace app
