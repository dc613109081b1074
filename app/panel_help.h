// panel_help.h: the Help window's state (app/panel_help.cpp draws it). A member of State
// (state.help): F1, the Help menu and show_panel open it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace app {

// The Help window (app/panel_help.cpp), over the tabs: F1 or the Help menu. Its pages: the
// keyboard shortcuts (the table handle_shortcuts runs: app/shortcuts.h), where the book is
// kept, the docs' formulas (embedded at build time: assets/docs.h), the practice notes the
// tooltips hold, and About.
enum class HelpPage : uint8_t { Shortcuts, Storage, Formulas, Practice, About, Count };

struct HelpPanel {
  bool open = false;
  HelpPage page = HelpPage::Shortcuts;
  int doc = 0;                // Formulas: index into arlab::kEmbeddedDocs.
  bool select_doc = false;    // Bring `doc`'s tab to the front on the next draw.
  bool focus = false;         // Put the window in front, with the keys, on the next draw.
  std::string jump_anchor;    // Formulas: scroll to this heading on the next draw.
  bool scroll_top = false;    // Back to the top of the page on the next draw.
  bool place = true;          // Size and centre the window on the next draw.
  float placed_w = 0, placed_h = 0;  // The viewport it was placed for (moved if it shrinks).
  // What the last frame drew (app::query_summary_json): the page and its characters of text.
  uint64_t drawn_frame = 0;
  size_t drawn_chars = 0;
};

}  // namespace app
