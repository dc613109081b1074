// test_layout.cpp: every screen at the three sizes the issue names (1024x700, 1280x800,
// 1920x1080) draws no text cut without an ellipsis (app/layout_check.h), on the embedded
// sample book: its long customer names and ids are the real ones a user sees.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/app.h"
#include "app/app_state.h"
#include "app/layout_check.h"
#include "core/date.h"
#include "imgui.h"
#include "platform_fake.h"

namespace {

struct Screen {
  const char* name;  // app::show_panel's name.
};

// Every tab, every form, both Commission views.
const Screen kScreens[] = {
    {"dashboard"}, {"aging"},      {"customer"},   {"statement"},   {"invoices"},
    {"metrics"},   {"invoice"},    {"payment"},    {"credit-note"}, {"write-off"},
    {"new-customer"}, {"history"}, {"storage"},    {"import"},      {"commission"},
    {"commission-compare"}, {"case"}, {"worklist"}, {"credit-file"}, {"policy"},
    {"simulation"}};

struct Size {
  float width, height;
};
// Wide first: a column that kept the width of an earlier, wider or narrower frame shows.
const Size kSizes[] = {{1920, 1080}, {1024, 700}, {1280, 800}};

void draw(app::State& state, Size size, int frames) {
  ImGuiIO& io = ImGui::GetIO();
  for (int k = 0; k < frames; ++k) {
    io.DisplaySize = ImVec2(size.width, size.height);
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = ImVec2(-1, -1);  // No hover: tooltips are not the screen.
    ImGui::NewFrame();
    app::frame(state);
    ImGui::Render();
  }
}

}  // namespace

TEST_CASE("layout: no text is cut at 1024x700, 1280x800 and 1920x1080") {
  app::platform::fake().settings.clear();
  app::platform::fake().saved_at_start.reset();
  // The sample as it is (not moved): the comparison of plans and the statements have their
  // full figures, the widest a screen shows.
  app::platform::fake().today = arlab::date_from_ymd(2025, 12, 31);
  ImGui::CreateContext();
  {
    auto state = app::create_state();
    app::init(*state);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    state->defer_invoices_min = ~0u;  // Compute at once: the screen as it settles.
    std::vector<std::string> all;
    for (Size size : kSizes) {
      for (const Screen& screen : kScreens) {
        REQUIRE(app::show_panel(*state, screen.name));
        draw(*state, size, 4);  // Selected, laid out, tables auto-fitted, settled.
        for (const std::string& overflow : app::layout_overflows()) {
          all.push_back(std::to_string(int(size.width)) + "x" + std::to_string(int(size.height)) +
                        " " + screen.name + ": " + overflow);
        }
      }
    }
    for (const std::string& line : all) MESSAGE(line);
    CHECK(all.empty());
    app::shutdown(*state);
  }
  ImGui::DestroyContext();
}

// The Training page (issue 13) in its three states: the picker and briefing, a week of a game
// (portfolio, moves, plan, log, charts), and the debrief; a played call and the exercises;
// Progress with a result.
TEST_CASE("layout: the Training page's briefing, a week and the debrief fit") {
  app::platform::fake().settings.clear();
  app::platform::fake().saved_at_start.reset();
  app::platform::fake().today = arlab::date_from_ymd(2025, 12, 31);
  ImGui::CreateContext();
  {
    auto state = app::create_state();
    app::init(*state);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    std::vector<std::string> all;
    auto check_sizes = [&](const char* what) {
      for (Size size : kSizes) {
        draw(*state, size, 4);
        for (const std::string& overflow : app::layout_overflows())
          all.push_back(std::to_string(int(size.width)) + "x" + std::to_string(int(size.height)) +
                        " training " + what + ": " + overflow);
      }
    };
    auto command = [&](const char* json) {
      REQUIRE(app::training_command(*state, json));
      draw(*state, kSizes[2], 2);
    };
    REQUIRE(app::show_panel(*state, "training"));
    command(R"({"action": "pick", "scenario": "big-customer", "weeks": 2})");
    check_sizes("briefing");
    command(R"({"action": "start"})");
    command(R"({"action": "add-move", "customer": "C1", "move": "escalate", "to": "legal"})");
    command(R"({"action": "play"})");  // Refused: the reason beside the plan.
    command(R"({"action": "use-hint"})");
    command(R"({"action": "play"})");
    command(R"({"action": "hint"})");
    check_sizes("week");
    // A call played to its end (the result, the rules' table and the conversation) and the
    // exercises of the big customer's book.
    command(R"({"action": "call", "customer": "C3", "choices": "ideal"})");
    command(R"({"action": "show", "section": "call"})");
    check_sizes("call");
    command(R"({"action": "show", "section": "exercises"})");
    check_sizes("exercises");
    command(R"({"action": "show", "section": "game"})");
    command(R"({"action": "play"})");
    check_sizes("debrief");
    command(R"({"action": "show", "section": "progress"})");
    check_sizes("progress");
    for (const std::string& line : all) MESSAGE(line);
    CHECK(all.empty());
    app::shutdown(*state);
  }
  app::platform::fake().settings.clear();
  ImGui::DestroyContext();
}
