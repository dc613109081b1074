// ui_font.h: the app's font (Liberation Sans regular and bold, from Debian's
// fonts-liberation), embedded at build time when installed (assets/CMakeLists.txt,
// ARLAB_UI_FONT_DIR). Empty views when it was not: the app then uses ImGui's own font.
// Liberation Mono (the Help window's code blocks) the same way; empty: the regular font.
#pragma once
#include <string_view>

namespace arlab {

std::string_view ui_font_regular_ttf();
std::string_view ui_font_bold_ttf();
std::string_view ui_font_mono_ttf();

}  // namespace arlab
