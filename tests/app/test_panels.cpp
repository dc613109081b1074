// test_panels.cpp: the cached-result helper (app/cached.h), the panel registry and its state
// store (app/panels.h): each entry reachable by name, pages under their parents, a host tab
// that draws the pages naming it (with a table of this test's own, as the four collection
// panels will be registered), and each panel's state made once and kept.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "app/app.h"
#include "app/app_state.h"
#include "app/cached.h"
#include "app/panels.h"
#include "core/date.h"
#include "imgui.h"
#include "platform_fake.h"

namespace {

// ---- Cached --------------------------------------------------------------------------------

struct Key {
  uint64_t generation = 0;
  arlab::Date as_of;
  int customer = -1;
  bool operator==(const Key&) const = default;
};

}  // namespace

TEST_SUITE("cached") {
  TEST_CASE("a result is computed once per key and again when any part of the key changes") {
    app::Cached<int, Key> cached;
    int calls = 0;
    auto compute = [&] { return ++calls * 10; };
    CHECK(cached.key() == nullptr);
    CHECK(cached.value() == 0);  // A default value before the first compute.
    const Key a{1, arlab::date_from_ymd(2025, 3, 20), 0};
    CHECK(cached.get(a, compute) == 10);
    CHECK(cached.get(a, compute) == 10);  // Same key: not computed again.
    CHECK(calls == 1);
    CHECK(cached.computes() == 1);
    REQUIRE(cached.key());
    CHECK(*cached.key() == a);
    // Each part of the key on its own: book generation, as-of date, the extra key.
    CHECK(cached.get({2, a.as_of, 0}, compute) == 20);
    CHECK(cached.get({2, arlab::date_from_ymd(2025, 3, 21), 0}, compute) == 30);
    CHECK(cached.get({2, arlab::date_from_ymd(2025, 3, 21), 1}, compute) == 40);
    CHECK(calls == 4);
    // Back to an older key: one value is held, so it is computed again.
    CHECK(cached.get(a, compute) == 50);
    CHECK(cached.value() == 50);
    // reset() forgets the key: the next get computes even with the same key.
    cached.reset();
    CHECK(cached.key() == nullptr);
    CHECK_FALSE(cached.current(a));
    CHECK(cached.get(a, compute) == 60);
    CHECK(cached.computes() == 6);
  }

  TEST_CASE("a key-only Cached<void> says whether a result built in place is current") {
    app::Cached<void, std::tuple<uint64_t, std::string>> built;
    CHECK_FALSE(built.current({1, ""}));
    built.set({1, "acme"});
    CHECK(built.current({1, "acme"}));
    CHECK_FALSE(built.current({1, "acm"}));  // The filter typed on.
    CHECK_FALSE(built.current({2, "acme"}));  // The book changed.
    CHECK(built.computes() == 1);
  }
}

// ---- Registry ------------------------------------------------------------------------------

TEST_SUITE("panels") {
  TEST_CASE("every panel has a unique id, and every page a parent in the registry") {
    std::set<std::string> ids;
    for (const app::PanelDef& p : app::panels()) {
      INFO(p.id);
      CHECK(ids.insert(p.id).second);
      CHECK(app::find_panel(p.id) == &p);
      if (p.place == app::PanelPlace::Page) {
        REQUIRE(p.parent);
        REQUIRE(app::find_panel(p.parent));
        CHECK(app::find_panel(p.parent)->place != app::PanelPlace::Page);
        // A page its parent draws is turned to by its `select`.
        if (!p.draw) CHECK(static_cast<bool>(p.select));
      }
      if (p.place == app::PanelPlace::Tab) CHECK(p.parent == nullptr);
    }
    // The thirteen tabs of the 1024-px tab bar, in order (Collection hosts its pages).
    std::vector<std::string> tabs;
    for (const app::PanelDef& p : app::panels()) {
      if (p.place == app::PanelPlace::Tab) tabs.push_back(p.id);
    }
    CHECK(tabs == std::vector<std::string>{"dashboard", "aging", "customer", "statement",
                                           "invoices", "metrics", "forms", "history", "storage",
                                           "import", "commission", "collection",
                                           "simulation"});
    // A name up to ':' finds its panel (the Help window's doc and heading follow it).
    const app::PanelDef* formulas = app::find_panel("help-formulas:COMMISSION.md#gates");
    REQUIRE(formulas);
    CHECK(std::string(formulas->id) == "help-formulas");
    CHECK(app::find_panel("nothing") == nullptr);
  }
}

namespace {

// A session with no window (as test_app.cpp's Ui), drawn at 1280x800.
struct Session {
  Session() {
    app::platform::fake().settings.clear();
    app::platform::fake().today = arlab::date_from_ymd(2025, 3, 20);
    ImGui::CreateContext();
    state = app::create_state();
    app::init(*state);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~Session() {
    app::shutdown(*state);
    state.reset();
    ImGui::DestroyContext();
  }
  // Frames of the app, or of `draw` alone in a window of its own.
  template <typename Draw>
  void frames(int n, Draw&& draw) {
    for (int k = 0; k < n; ++k) {
      ImGui::GetIO().DisplaySize = ImVec2(1280, 800);
      ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
      ImGui::NewFrame();
      draw();
      ImGui::Render();
    }
  }
  void app_frames(int n) {
    frames(n, [&] { app::frame(*state); });
  }
  std::unique_ptr<app::State, void (*)(app::State*)> state{nullptr, nullptr};
};

// The pages this test registers, and which of them drew in the last frame.
std::vector<std::string> g_drawn;
void draw_a(app::State&) { g_drawn.push_back("page-a"); }
void draw_b(app::State&) { g_drawn.push_back("page-b"); }
void draw_tab(app::State&) { g_drawn.push_back("plain"); }

}  // namespace

TEST_SUITE("panels") {
  TEST_CASE("show_panel reaches every registered name; the tab bar shows what View shows") {
    Session s;
    s.app_frames(2);
    for (const app::PanelDef& p : app::panels()) {
      INFO(p.id);
      CHECK(app::show_panel(*s.state, p.id));
      s.app_frames(2);
    }
    CHECK_FALSE(app::show_panel(*s.state, "nothing"));
    CHECK_FALSE(app::show_panel(*s.state, "aging:extra"));  // Only Help reads after a ':'.
    // Import CSV starts hidden (View shows it), the Dashboard cannot be hidden; showing a
    // panel by name shows its tab.
    app::State& state = *s.state;
    CHECK(app::panel_shown(state, "import"));  // show_panel above showed it.
    app::set_panel_shown(state, "import", false);
    CHECK_FALSE(app::panel_shown(state, "import"));
    app::set_panel_shown(state, "dashboard", false);
    CHECK(app::panel_shown(state, "dashboard"));
    // A form is a page of New entry: that form in front, New entry shown.
    app::set_panel_shown(state, "forms", false);
    REQUIRE(app::show_panel(state, "payment"));
    CHECK(app::panel_shown(state, "forms"));
    CHECK(state.forms.kind == static_cast<int>(app::FormKind::Payment));
    s.app_frames(2);
  }

  TEST_CASE("a host tab draws the pages that name it, and only once one exists") {
    Session s;
    app::State& state = *s.state;
    // Four collection panels will be registered like page-a and page-b: a page each, under
    // one "collection" tab (this table stands in for the registry).
    ARLAB_PANEL_TABLE_BEGIN
    const app::PanelDef with_pages[] = {
        {.id = "plain", .title = "Plain", .draw = draw_tab},
        {.id = "collection", .title = "Collection"},
        {.id = "page-a", .title = "Page A", .place = app::PanelPlace::Page,
         .parent = "collection", .draw = draw_a},
        {.id = "page-b", .title = "Page B", .place = app::PanelPlace::Page,
         .parent = "collection", .draw = draw_b},
    };
    ARLAB_PANEL_TABLE_END
    auto draw = [&](std::span<const app::PanelDef> defs) {
      return [&state, defs] {
        g_drawn.clear();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1280, 800));
        ImGui::Begin("##test");
        app::draw_panel_tabs(state, defs);
        ImGui::End();
      };
    };
    s.frames(2, draw(with_pages));
    CHECK(g_drawn == std::vector<std::string>{"plain"});  // The first tab is in front.
    REQUIRE(app::select_panel(state, "page-b", with_pages));
    // The host tab is in front on the next frame, its page on the one after.
    s.frames(3, draw(with_pages));
    CHECK(g_drawn == std::vector<std::string>{"page-b"});  // Its host and it in front.
    REQUIRE(app::select_panel(state, "page-a", with_pages));
    s.frames(3, draw(with_pages));
    CHECK(g_drawn == std::vector<std::string>{"page-a"});
    // Page A hidden (View's check): B is the one page left.
    app::set_panel_shown(state, "page-a", false);
    s.frames(3, draw(with_pages));  // The tab bar picks another tab a frame after.
    CHECK(g_drawn == std::vector<std::string>{"page-b"});
    // No page: no empty "Collection" tab either.
    ARLAB_PANEL_TABLE_BEGIN
    const app::PanelDef without_pages[] = {
        {.id = "plain", .title = "Plain", .draw = draw_tab},
        {.id = "collection", .title = "Collection"},
    };
    ARLAB_PANEL_TABLE_END
    REQUIRE(app::select_panel(state, "collection", without_pages));
    s.frames(2, draw(without_pages));
    CHECK(g_drawn == std::vector<std::string>{"plain"});
  }

  TEST_CASE("a panel's state is made on first use, one per type, kept until the session ends") {
    struct Mine {
      int clicks = 0;
    };
    struct Other {
      std::string text = "x";
    };
    Session s;
    CHECK(app::find_panel_state<Mine>(*s.state) == nullptr);
    app::panel_state<Mine>(*s.state).clicks = 3;
    CHECK(app::panel_state<Other>(*s.state).text == "x");
    REQUIRE(app::find_panel_state<Mine>(*s.state));
    CHECK(app::find_panel_state<Mine>(*s.state)->clicks == 3);
    CHECK(&app::panel_state<Mine>(*s.state) == app::find_panel_state<Mine>(*s.state));
    s.app_frames(2);  // The app's own (Dashboard, Aging) beside them.
    CHECK(app::panel_state<Mine>(*s.state).clicks == 3);
  }
}
