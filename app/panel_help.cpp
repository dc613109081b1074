// panel_help.cpp: the Help window (F1, or the Help menu): a window over the tabs, the pages
// listed on its left.
//   - Keyboard shortcuts: the table handle_shortcuts runs (app/shortcuts.h), so the list is
//     what the keys do;
//   - Where is my book?: platform::storage_status() and what keeping it means, with advice;
//   - Formulas: docs/METRICS.md, COMMISSION.md, FORMAT.md and IMPORT.md as this build embedded
//     them (assets/docs.h), drawn from their Markdown (app/markdown.h): offline, no network;
//   - Practice notes: the practice of timely collection (../shared/domain/README.md) that the
//     tooltips hold, gathered in one place with where each applies (the texts are here, in
//     the product: nothing is read from ../shared when it runs);
//   - About: the version, and that nothing leaves the machine.
// Text wraps to the window, which is sized to the viewport (1024x700 to 1920x1080 and more).
//
// [SECTION] Pages
// [SECTION] Markdown
// [SECTION] Keyboard shortcuts
// [SECTION] Where is my book?
// [SECTION] Formulas
// [SECTION] Practice notes
// [SECTION] About
// [SECTION] Window
#include <algorithm>
#include <iterator>
#include <string>

#include "app/app_state.h"
#include "app/markdown.h"
#include "app/platform.h"
#include "app/shortcuts.h"
#include "app/widgets.h"
#include "assets/docs.h"
#include "imgui.h"

namespace app {

// ---- [SECTION] Pages -------------------------------------------------------------------

namespace {

struct PageInfo {
  HelpPage page;
  const char* name;   // show_panel's "help-<name>", the summary's "page".
  const char* title;  // The Help menu's and the window's list.
};
constexpr PageInfo kPages[] = {
    {HelpPage::Shortcuts, "shortcuts", "Keyboard shortcuts"},
    {HelpPage::Storage, "storage", "Where is my book?"},
    {HelpPage::Formulas, "formulas", "Formulas"},
    {HelpPage::Practice, "practice", "Practice notes"},
    {HelpPage::About, "about", "About arlab"},
};
static_assert(sizeof kPages / sizeof kPages[0] == static_cast<size_t>(HelpPage::Count));

// What a page draws, counted (the summary's "chars": the page has content).
struct Page {
  State& state;
  size_t chars = 0;
  void text(std::string_view t) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(t.data(), t.data() + t.size());
    ImGui::PopTextWrapPos();
    chars += t.size();
  }
  void muted(std::string_view t) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().text_muted);
    text(t);
    ImGui::PopStyleColor();
  }
  void heading(std::string_view t, bool big = false) {
    ImFont* font = big ? ui::fonts().big : ui::fonts().bold;
    if (font) ImGui::PushFont(font);
    text(t);
    if (font) ImGui::PopFont();
  }
};

}  // namespace

const char* help_page_name(HelpPage page) {
  for (const PageInfo& p : kPages) {
    if (p.page == page) return p.name;
  }
  return "";
}

const char* help_doc_name(int doc) {
  if (doc < 0 || doc >= static_cast<int>(std::size(arlab::kEmbeddedDocs))) return "";
  return arlab::kEmbeddedDocs[doc].file_name;
}

void open_help(State& state, HelpPage page) {
  HelpPanel& h = state.help;
  if (!h.open) h.place = true;
  h.open = true;
  if (h.page != page) h.scroll_top = true;
  h.page = page;
  h.focus = true;  // In front of the tabs, the keys to it.
}

void toggle_help(State& state) {
  if (state.help.open) state.help.open = false;
  else open_help(state, state.help.page);
}

bool open_help_doc(State& state, std::string_view target) {
  size_t hash = target.find('#');
  std::string_view file = target.substr(0, hash);
  int doc = state.help.doc;
  if (!file.empty()) {
    doc = -1;
    for (size_t k = 0; k < std::size(arlab::kEmbeddedDocs); ++k) {
      if (file == arlab::kEmbeddedDocs[k].file_name) doc = static_cast<int>(k);
    }
    if (doc < 0) return false;  // Not a doc of this build (or a web address: not followed).
  }
  open_help(state, HelpPage::Formulas);
  state.help.select_doc = state.help.doc != doc;
  state.help.doc = doc;
  state.help.scroll_top = hash == std::string_view::npos;
  state.help.jump_anchor = hash == std::string_view::npos ? "" : target.substr(hash + 1);
  return true;
}

bool show_help_page(State& state, std::string_view name) {
  if (name.substr(0, 4) != "help") return false;
  if (name == "help") {
    open_help(state, state.help.page);
    return true;
  }
  constexpr std::string_view kDoc = "help-formulas:";
  if (name.substr(0, kDoc.size()) == kDoc) return open_help_doc(state, name.substr(kDoc.size()));
  for (const PageInfo& p : kPages) {
    if (name == std::string("help-") + p.name) {
      open_help(state, p.page);
      return true;
    }
  }
  return false;
}

// ---- [SECTION] Markdown ----------------------------------------------------------------

namespace {

// The embedded docs, parsed once (they are the build's, they never change).
const std::vector<md::Block>& doc_blocks(int doc) {
  static const std::vector<std::vector<md::Block>> parsed = [] {
    std::vector<std::vector<md::Block>> out;
    for (const arlab::EmbeddedDoc& d : arlab::kEmbeddedDocs) out.push_back(md::parse(d.markdown()));
    return out;
  }();
  return parsed[static_cast<size_t>(std::clamp<int>(doc, 0, static_cast<int>(parsed.size()) - 1))];
}

// A link in a doc: to a heading of an embedded doc (followed), anything else (shown only).
void link_text(Page& p, const md::Block& b) {
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().accent);
  p.text(b.text);
  ImGui::PopStyleColor();
  if (!ImGui::IsItemHovered()) return;
  ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  if (ImGui::IsItemClicked()) open_help_doc(p.state, b.link);
}

void draw_item(Page& p, const md::Block& b) {
  float step = ui::px(18);
  float indent = step * static_cast<float>(b.level + 1);
  ImGui::Indent(indent);
  ImVec2 at = ImGui::GetCursorScreenPos();
  float line = ImGui::GetTextLineHeight();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
  if (b.marker.empty()) {
    draw->AddCircleFilled(ImVec2(at.x - step * 0.5f, at.y + line * 0.5f), ui::px(2.5f), color);
  } else {
    float w = ImGui::CalcTextSize(b.marker.c_str()).x;
    draw->AddText(ImVec2(at.x - w - ui::px(5), at.y), color, b.marker.c_str());
  }
  if (b.link.empty() || b.link.find("://") != std::string::npos) p.text(b.text);
  else link_text(p, b);
  ImGui::Unindent(indent);
}

// Lines as written, in the monospaced font; a block wider than the page scrolls sideways.
void draw_code(Page& p, const md::Block& b, int id) {
  ImFont* mono = ui::fonts().mono;
  if (mono) ImGui::PushFont(mono);
  ImVec2 size = ImGui::CalcTextSize(b.text.c_str());
  float pad = ui::px(6);
  bool wide = size.x + 2 * pad > ImGui::GetContentRegionAvail().x;
  float height = size.y + 2 * pad + (wide ? ImGui::GetStyle().ScrollbarSize : 0.0f);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().card_bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::PushID(id);
  ImGuiWindowFlags flags =
      ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollWithMouse;  // Wheel: the doc.
  if (ImGui::BeginChild("##code", ImVec2(0, height), false, flags)) {
    ImGui::TextUnformatted(b.text.c_str());
  }
  ImGui::EndChild();
  ImGui::PopID();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  if (mono) ImGui::PopFont();
  p.chars += b.text.size();
}

// Columns share the width by how long their texts are; every cell wraps.
void draw_table(Page& p, const md::Block& b, int id) {
  size_t columns = 0;
  for (const auto& row : b.rows) columns = std::max(columns, row.size());
  columns = std::min<size_t>(columns, 32);
  if (columns == 0) return;
  ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                          ImGuiTableFlags_SizingStretchProp;
  ImGui::PushID(id);
  if (ImGui::BeginTable("##table", static_cast<int>(columns), flags)) {
    for (size_t c = 0; c < columns; ++c) {
      size_t longest = 4;
      for (const auto& row : b.rows) {
        if (c < row.size()) longest = std::max(longest, std::min<size_t>(row[c].size(), 48));
      }
      ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch,
                              static_cast<float>(longest));
    }
    for (size_t r = 0; r < b.rows.size(); ++r) {
      ImGui::TableNextRow(r == 0 ? ImGuiTableRowFlags_Headers : 0);
      for (size_t c = 0; c < columns && c < b.rows[r].size(); ++c) {
        ImGui::TableSetColumnIndex(static_cast<int>(c));
        if (r == 0) {
          ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg,
                                 ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
          p.heading(b.rows[r][c]);
        } else {
          p.text(b.rows[r][c]);
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
}

// The doc's blocks; scrolls to the heading asked for (HelpPanel::jump_anchor).
void draw_markdown(Page& p, const std::vector<md::Block>& blocks) {
  HelpPanel& h = p.state.help;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const md::Block& b = blocks[i];
    int id = static_cast<int>(i);
    switch (b.kind) {
      case md::Kind::Heading:
        if (i > 0) ImGui::Spacing();
        if (!h.jump_anchor.empty() && b.anchor == h.jump_anchor) {
          ImGui::SetScrollHereY(0.0f);
          h.jump_anchor.clear();
        }
        p.heading(b.text, b.level == 1);
        if (b.level <= 2) ImGui::Separator();
        break;
      case md::Kind::Paragraph:
        if (b.link.empty()) p.text(b.text);
        else link_text(p, b);
        ImGui::Spacing();
        break;
      case md::Kind::Item: draw_item(p, b); break;
      case md::Kind::Code: draw_code(p, b, id); ImGui::Spacing(); break;
      case md::Kind::Table: draw_table(p, b, id); ImGui::Spacing(); break;
    }
  }
  h.jump_anchor.clear();  // A heading this doc does not have: nothing to scroll to.
}

}  // namespace

// ---- [SECTION] Keyboard shortcuts -------------------------------------------------------

namespace {

void draw_shortcuts(Page& p) {
  p.heading("Keyboard shortcuts", true);
  p.muted("The app's own keys first, then what Dear ImGui (the toolkit) and the window do. "
          "Ctrl+Z and Ctrl+Y in a text field undo the typing, not the book.");
  ImGui::Spacing();
  ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                          ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##shortcuts", 3, flags)) return;
  ImGui::TableSetupColumn("Keys", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("What it does", ImGuiTableColumnFlags_WidthStretch, 1.8f);
  ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableHeadersRow();
  for (const Shortcut& s : shortcuts()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    p.heading(s.keys);
    ImGui::TableNextColumn();
    p.text(s.action);
    ImGui::TableNextColumn();
    p.muted(s.where);
  }
  ImGui::EndTable();
}

}  // namespace

// ---- [SECTION] Where is my book? ---------------------------------------------------------

namespace {

void draw_storage_page(Page& p) {
  State& state = p.state;
  platform::StorageStatus s = platform::storage_status();
  bool browser = platform::has_file_picker();  // The browser build shows a file picker.
  p.heading("Where is my book?", true);
  p.text("This copy of arlab keeps the book in:");
  ImGui::Indent(ui::px(18));
  p.heading(s.where);
  ImGui::Unindent(ui::px(18));
  if (!state.held_saved_book.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().bad);
    p.text("The book saved there could not be read when arlab started: it is kept as it was "
           "and nothing is saved over it until you choose (see the Storage tab).");
    ImGui::PopStyleColor();
  } else if (!s.last_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().bad);
    p.text("The last save failed: " + s.last_error + ". The book is still open here; export "
           "it (Ctrl+S) to keep a copy.");
    ImGui::PopStyleColor();
  } else {
    p.muted(s.last_saved.empty() ? std::string("Not saved in this session yet.")
                                 : "Last saved at " + s.last_saved + ".");
  }
  ImGui::Spacing();
  p.text("Every change is saved on its own, shortly after you make it, and at once when the "
         "page is hidden or the window closes. Nothing is sent anywhere: the book stays on this "
         "machine.");
  ImGui::Spacing();
  p.heading(browser ? "In the browser (this copy)" : "In the browser");
  p.text("The book lives in this browser's storage for this site (IndexedDB), in this browser "
         "profile only. Clearing the site's data, a private window, another browser or another "
         "computer starts from the sample book. arlab asks the browser to keep it (persistent "
         "storage); without that, a browser short of disk space may delete it.");
  if (browser) {
    p.muted(std::string("Persistent storage: ") +
            (!s.persistence_asked    ? "not asked yet."
             : s.persistence_granted ? "granted: the browser keeps the book."
                                     : "not granted: the browser may delete the book when short "
                                       "of space. Export it regularly."));
  }
  ImGui::Spacing();
  p.heading(browser ? "On the desktop" : "On the desktop (this copy)");
  p.text("The book is a file in your data folder (above). It is written atomically: after a "
         "crash or a power cut you have the old book or the new one, never half of one. The "
         "last few saved states are kept beside it as snapshots.");
  ImGui::Spacing();
  p.heading("Keep your own copy");
  p.text("File > Save / export JSON (Ctrl+S) writes the whole book as one file: keep it with "
         "your other records, or take it to another computer. Open it again with File > "
         "Open (Ctrl+O) or by dropping it on the window. The Storage tab lists the snapshots "
         "and restores one.");
  ImGui::Spacing();
  if (ImGui::Button("Export the book now")) export_book_json(state);
  ImGui::SameLine();
  if (ImGui::Button("Open the Storage tab")) {
    select_panel(state, Tab::Storage);
  }
}

}  // namespace

// ---- [SECTION] Formulas -----------------------------------------------------------------

namespace {

// "Go to a section": the doc's headings of levels 2 and 3.
void section_combo(HelpPanel& h, const std::vector<md::Block>& blocks) {
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::px(360)));
  if (!ImGui::BeginCombo("##section", "Go to a section...", ImGuiComboFlags_HeightLarge)) return;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const md::Block& b = blocks[i];
    if (b.kind != md::Kind::Heading || b.level < 2 || b.level > 3) continue;
    ImGui::PushID(static_cast<int>(i));
    if (b.level == 3) ImGui::Indent(ui::px(16));
    if (ImGui::Selectable(b.text.c_str())) h.jump_anchor = b.anchor;
    if (b.level == 3) ImGui::Unindent(ui::px(16));
    ImGui::PopID();
  }
  ImGui::EndCombo();
}

void draw_formulas(Page& p) {
  HelpPanel& h = p.state.help;
  // One tab a doc. A doc chosen by a link is selected by code: its tab shows from the next
  // frame, and until then the old one's click is not taken for a choice.
  if (ImGui::BeginTabBar("##docs", ImGuiTabBarFlags_FittingPolicyScroll)) {
    for (size_t k = 0; k < std::size(arlab::kEmbeddedDocs); ++k) {
      int index = static_cast<int>(k);
      std::string label = arlab::kEmbeddedDocs[k].file_name;
      label.resize(label.size() - 3);  // "METRICS"
      bool select = h.select_doc && h.doc == index;
      if (ImGui::BeginTabItem(label.c_str(), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0)) {
        if (h.select_doc) {
          if (h.doc == index) h.select_doc = false;  // The chosen doc's tab shows now.
        } else if (h.doc != index) {
          h.doc = index;
          h.scroll_top = true;
        }
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  const arlab::EmbeddedDoc& doc = arlab::kEmbeddedDocs[h.doc];
  const std::vector<md::Block>& blocks = doc_blocks(h.doc);
  section_combo(h, blocks);
  std::string about = std::string(doc.title) + " (docs/" + doc.file_name + ", as built)";
  if (ImGui::CalcTextSize(about.c_str()).x + ImGui::GetStyle().ItemSpacing.x <
      ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x) {
    ImGui::SameLine();  // Beside the combo when it fits, else under it.
    ImGui::AlignTextToFramePadding();
  }
  ui::text_muted(about.c_str());
  ImGui::BeginChild("##doc", ImVec2(0, 0), false);
  if (h.scroll_top) ImGui::SetScrollY(0.0f);
  h.scroll_top = false;
  draw_markdown(p, blocks);
  ImGui::EndChild();
}

}  // namespace

// ---- [SECTION] Practice notes ------------------------------------------------------------

namespace {

// The practice of timely collection (../shared/domain/README.md; sources 000-004 are the
// practice texts it cites), as the app applies it: the tooltips' notes and the rules behind
// the figures, each with where it shows.
struct PracticeNote {
  const char* title;
  const char* text;
  const char* where;
  const char* sources;
};

constexpr PracticeNote kNotes[] = {
    {"Measure by time, not by what was eventually collected",
     "The collection rate (cash collected / sales) hides how late the money came. DSO and the "
     "overdue ratio are what drive profit and cash flow: measure collectors by them, not by "
     "the collection rate or bad debts alone. Interest lost on late payment is typically "
     "about ten times the loss from bad debts.",
     "Metrics tab: DSO, countback DSO, overdue ratio, CEI, and the interest cost of late "
     "payment at the rate you give (amount x days late x rate / 365).",
     "000, 002"},
    {"Move the focus forward: three stages of an account",
     "Credit period: not yet due. Coordination period: just overdue, up to one third of the "
     "credit period. Clearing period: beyond that, the collection of arrears. Act in the "
     "first two, before an account reaches the third.",
     "Dashboard: Stages; Aging and Customer tabs: each customer's stage.", "002"},
    {"The hard limit: one third of the credit period",
     "Overdue days must not exceed one third of the credit period: with 30-day terms act by "
     "day 40, with 60-day terms by day 80.",
     "Dashboard: Beyond the limit (customers whose oldest open invoice is past it).", "001"},
    {"Call before the due date",
     "Call or visit one week before the due date to confirm the settlement date; set the "
     "settlement date three days before the deadline; visit on the day.",
     "Dashboard: Due in the next 7 days (the invoices to confirm).", "001"},
    {"Rank overdue accounts by age and amount; act at the very start",
     "Recovery depends on age, not amount: debts under two years old are about 80% "
     "recoverable, over two years about 20%, and the chance falls as time overdue grows. Tell "
     "\"won't pay\" (deliberate) from \"can't pay\" (a cash problem, or insolvency).",
     "Dashboard: Top overdue (by amount) and Beyond the limit (by days overdue).",
     "001, 002, 003"},
    {"Avoid depending on a single customer",
     "Big customers form \"inertial arrears\" that junior staff dare not press; a book held "
     "by one customer carries that customer's risk.",
     "Metrics tab: Concentration (share of open AR of the largest customers, flagged above "
     "20%).",
     "000, 002"},
    {"A credit file per customer",
     "Investigation, rating, grade, credit limit and terms, re-evaluated monthly, quarterly or "
     "yearly. High-risk customers: prepayment or a guarantee.",
     "New entry: New customer (terms, credit limit, grade); Commission plans pay by grade.",
     "001, 002, 003, 004"},
    {"Monthly statements the customer confirms",
     "A statement the customer confirms (stamped) makes the balance binding; reconcile "
     "regularly.",
     "Statement tab: the statement of account over a period, printable.", "003"},
    {"Disputes are a cause of late payment",
     "Dissatisfaction or a dispute over the goods or service, often from a salesperson's "
     "unauthorised promise of a discount or a late delivery, delays payment. Mark such "
     "invoices; settle the dispute first.",
     "Invoices tab: disputed invoices; Commission plans can hold commission on them.",
     "002, 003, 004"},
    {"Write-offs with approval",
     "Bad or dormant accounts: concession, taking back goods, collateral, litigation, and a "
     "write-off approved by management for large amounts.",
     "New entry: Write off.", "001, 002"},
    {"Tie sales commission to cash collected, not to sales",
     "The example rule: commission counts only when the sales target is met AND the "
     "customer's collection rate reaches 80%, otherwise it is void. Salespeople pushed "
     "collection, sales dipped slightly, the collection rate rose year on year.",
     "Commission tab: plans with a collected basis and gates (sales target, collection rate, "
     "DSO, overdue ratio); Compare A and B shows what each plan rewards.",
     "001, 002, 003"},
    {"Warnings and deductions",
     "Warnings for the people and departments who cause overdue accounts; wage deductions "
     "for those who cause bad debts; rewards for meeting collection targets.",
     "Commission plans: overdue warnings and the bad-debt penalty.", "001, 002"},
    {"A receivables budget",
     "A target collection period (DSO) and periodic reports on how the credit policy is "
     "kept, to find problem customers early; regular aging analysis.",
     "Metrics tab: Budget (targets for DSO and the overdue ratio by month); Aging tab.",
     "002, 003"},
};

void draw_practice(Page& p) {
  p.heading("Practice notes", true);
  p.muted("The practice of timely collection that arlab is built on: the notes behind the "
          "\"(?)\" tooltips and the rules behind the figures, with where each applies. The "
          "numbers are the practice texts each point comes from.");
  for (const PracticeNote& n : kNotes) {
    ImGui::Spacing();
    ImGui::Separator();
    p.heading(n.title);
    p.text(n.text);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().accent);
    p.text(std::string("In arlab: ") + n.where);
    ImGui::PopStyleColor();
    p.muted(std::string("Sources: ") + n.sources);
  }
}

}  // namespace

// ---- [SECTION] About ----------------------------------------------------------------------

namespace {

#ifndef ARLAB_VERSION
#define ARLAB_VERSION "(development)"
#endif

void draw_about(Page& p) {
  p.heading("arlab " ARLAB_VERSION, true);
  p.text("Accounts receivable, collected on time: aging, the stages of an account, metrics "
         "measured in days (DSO, CEI), customer statements, and commission plans tied to cash "
         "collected. One program, in the browser and on the desktop, with a command-line tool "
         "that prints the same figures.");
  ImGui::Spacing();
  p.heading("Your data stays on this machine");
  p.text("Nothing leaves it: arlab uploads nothing, has no account, no analytics and no "
         "tracking. Once the page has loaded it asks the network for nothing (Help and its "
         "formulas are part of the program). The book is kept in this browser's storage or in "
         "your data folder (Help > Where is my book?), and files go where you save them.");
  ImGui::Spacing();
  p.heading("Made with");
  p.text("Dear ImGui (MIT), nlohmann/json (MIT), simdjson (Apache 2.0), GLFW (zlib), "
         "Emscripten for the browser, and the Liberation fonts (SIL Open Font License).");
}

}  // namespace

// ---- [SECTION] Window ---------------------------------------------------------------------

namespace {

// Sized to the viewport when opened, and again when the viewport changes (a smaller window
// must not leave the Help window out of sight).
void place_window(HelpPanel& h) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImVec2 work = viewport->WorkSize;
  if (h.place || work.x != h.placed_w || work.y != h.placed_h) {
    float margin = ui::px(24);
    ImVec2 size(std::min(work.x - 2 * margin, ui::px(1080)),
                std::min(work.y - 2 * margin, ui::px(800)));
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    h.place = false;
    h.placed_w = work.x;
    h.placed_h = work.y;
  }
  ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(work.x, ui::px(360)),
                                             std::min(work.y, ui::px(240))),
                                      work);
}

void draw_page_list(HelpPanel& h) {
  for (const PageInfo& info : kPages) {
    if (ImGui::Selectable(info.title, h.page == info.page) && h.page != info.page) {
      h.page = info.page;
      h.scroll_top = true;
    }
  }
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().text_muted);
  ImGui::TextWrapped("F1 opens and closes Help; Escape closes it.");
  ImGui::PopStyleColor();
}

}  // namespace

void draw_help(State& state) {
  HelpPanel& h = state.help;
  if (!h.open) return;
  place_window(h);
  if (h.focus) ImGui::SetNextWindowFocus();
  h.focus = false;
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
  bool visible = ImGui::Begin("Help###help", &h.open, flags);
  bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  if (visible && escape && !ImGui::IsAnyItemActive() &&
      ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) {
    h.open = false;
  }
  if (!visible || !h.open) {
    ImGui::End();
    return;
  }
  float list = std::clamp(ImGui::GetContentRegionAvail().x * 0.2f, ui::px(150), ui::px(210));
  ImGui::BeginChild("##pages", ImVec2(list, 0), true);
  draw_page_list(h);
  ImGui::EndChild();
  ImGui::SameLine();
  Page page{state};
  bool own_scroll = h.page == HelpPage::Formulas;  // The doc scrolls under its tabs.
  ImGui::BeginChild("##page", ImVec2(0, 0), false);
  if (h.scroll_top && !own_scroll) {
    ImGui::SetScrollY(0.0f);
    h.scroll_top = false;
  }
  switch (h.page) {
    case HelpPage::Shortcuts: draw_shortcuts(page); break;
    case HelpPage::Storage: draw_storage_page(page); break;
    case HelpPage::Formulas: draw_formulas(page); break;
    case HelpPage::Practice: draw_practice(page); break;
    case HelpPage::About:
    case HelpPage::Count: draw_about(page); break;
  }
  ImGui::EndChild();
  ImGui::End();
  h.drawn_frame = state.frame_count;
  h.drawn_chars = page.chars;
}

}  // namespace app
