// test_simulation.cpp: the Simulation page (app/panel_simulation.cpp) on the fake platform,
// which has no threads and no worker: the runner fills its runs in slices across frames, the
// browser's fallback. A run to the end must be exactly core's summarize() of a direct run of
// the same request; a cancelled one the summary of the runs it did, labelled partial.
#include <cstring>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"
#include "app/layout_check.h"
#include "app/widgets.h"
#include "core/policy.h"
#include "core/policy_sim.h"
#include "imgui.h"
#include "io/book_json.h"
#include "io/policy_json.h"
#include "platform_fake.h"

namespace {

struct SimUi {
  SimUi() {
    app::platform::fake().settings.clear();
    app::platform::fake().saved_at_start.reset();
    app::platform::fake().today = arlab::date_from_ymd(2025, 12, 31);
    ImGui::CreateContext();
    state = app::create_state();
    app::init(*state);  // The embedded sample, as it is.
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    REQUIRE(app::show_panel(*state, "simulation"));
    frames(3);
  }
  ~SimUi() {
    app::shutdown(*state);
    state.reset();
    ImGui::DestroyContext();
  }
  void frames(int n, ImVec2 mouse = ImVec2(-FLT_MAX, -FLT_MAX), bool down = false) {
    ImGuiIO& io = ImGui::GetIO();
    for (int k = 0; k < n; ++k) {
      io.DisplaySize = ImVec2(1440, 900);
      io.DeltaTime = 1.0f / 60.0f;
      io.MousePos = mouse;
      io.MouseDown[0] = down;
      ImGui::NewFrame();
      app::frame(*state);
      ImGui::Render();
    }
    io.MouseDown[0] = false;
  }
  bool command(const nlohmann::json& j) { return app::simulation_command(*state, j.dump()); }
  nlohmann::json sim() const {
    return nlohmann::json::parse(app::query_summary_json(*state))["simulation"];
  }
  // Frames until the run is no longer running (at most `limit`).
  void run_to_end(int limit = 20000) {
    for (int k = 0; k < limit && sim()["running"] == true; ++k) frames(1);
  }
  ImVec2 centre_of(const char* mark) const {
    for (const auto& [name, r] : app::ui::marked_rects()) {
      if (name == mark) return ImVec2(r.x + r.w / 2, r.y + r.h / 2);
    }
    FAIL("no mark " << mark);
    return ImVec2();
  }
  std::unique_ptr<app::State, void (*)(app::State*)> state{nullptr, nullptr};
};

// "As today" as the page starts it: every lever off, the first letter on the book's day.
arlab::SimPolicy baseline(const arlab::Book& book) {
  arlab::SimPolicy p = arlab::SimPolicy::defaults();
  p.name = "As today";
  p.dunning.first_letter_days = book.collection.policy.levels.front().days;
  return p;
}

void check_same_band(const arlab::Band& a, const arlab::Band& b) {
  CHECK(a.mean == b.mean);  // The same doubles: same runs, same order of sums.
  CHECK(a.p5 == b.p5);
  CHECK(a.p95 == b.p95);
}

void check_same_result(const arlab::SimResult& a, const arlab::SimResult& b) {
  REQUIRE(a.runs_done == b.runs_done);
  CHECK(a.runs == b.runs);
  CHECK(a.from == b.from);
  CHECK(a.to == b.to);
  REQUIRE(a.policies.size() == b.policies.size());
  for (size_t k = 0; k < a.policies.size(); ++k) {
    const arlab::SimPolicyResult& pa = a.policies[k];
    const arlab::SimPolicyResult& pb = b.policies[k];
    CHECK(pa.name == pb.name);
    REQUIRE(pa.months.size() == pb.months.size());
    for (size_t i = 0; i < pa.months.size(); ++i) {
      for (int m = 0; m < arlab::kSimMetricCount; ++m) check_same_band(pa.months[i].v[m], pb.months[i].v[m]);
    }
    for (int m = 0; m < arlab::kSimMetricCount; ++m) {
      check_same_band(pa.total[m], pb.total[m]);
      check_same_band(pa.diff_total[m], pb.diff_total[m]);
    }
    REQUIRE(pa.people.size() == pb.people.size());
    for (size_t i = 0; i < pa.people.size(); ++i) {
      check_same_band(pa.people[i].commission, pb.people[i].commission);
      check_same_band(pa.people[i].cash, pb.people[i].cash);
    }
  }
}

// The page's two policies as a direct request: "As today" and 2/10 net 30.
arlab::SimRequest direct_request(const arlab::Book& book, int runs, int months, uint64_t seed) {
  arlab::SimRequest r;
  r.runs = runs;
  r.horizon_months = months;
  r.seed = seed;
  arlab::SimPolicy two_ten = baseline(book);
  two_ten.name = "2/10 net 30";
  two_ten.discount.rate_ppm = 20000;
  two_ten.discount.within_days = 10;
  two_ten.terms.net_days = 30;
  r.policies = {baseline(book), two_ten};
  return r;
}

void add_two_ten(SimUi& ui) {
  REQUIRE(ui.command({{"action", "add-policy"}, {"name", "2/10 net 30"}}));
  REQUIRE(ui.command({{"action", "set-param"}, {"param", "discount.rate"}, {"value", "2%"}}));
  REQUIRE(ui.command({{"action", "set-param"}, {"param", "discount.within_days"}, {"value", "10"}}));
  REQUIRE(ui.command({{"action", "set-param"}, {"param", "terms.net_days"}, {"value", "30"}}));
  ui.frames(2);
}

}  // namespace

TEST_SUITE("simulation") {

TEST_CASE("the page starts from the book: \"As today\" with the book's first letter day") {
  SimUi ui;
  nlohmann::json s = ui.sim();
  REQUIRE(s["policies"].size() == 1);
  CHECK(s["policies"][0]["name"] == "As today");
  // The sample's collection policy: its first letter's day is the baseline's.
  CHECK(s["policies"][0]["values"]["dunning.first_letter_days"] ==
        ui.state->book.collection.policy.levels.front().days);
  CHECK(s["policies"][0]["problems"].empty());
  CHECK(s["running"] == false);
}

TEST_CASE("typing a value in the editor's field changes the policy") {
  SimUi ui;
  REQUIRE(ui.command({{"action", "add-policy"}, {"name", "Discount"}}));
  ui.frames(3);
  CHECK(ui.sim()["policies"][1]["values"]["discount.rate"] == 0);
  // Click the Discount rate field, select all, type 2%: as a user would.
  ImVec2 at = ui.centre_of("sim-field-discount.rate");
  ui.frames(1, at, true);
  ui.frames(1, at, false);
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_A] = 'A';
  io.KeyCtrl = true;
  io.KeysDown['A'] = true;
  ui.frames(1, at);
  io.KeysDown['A'] = false;
  io.KeyCtrl = false;
  ui.frames(1, at);
  for (char c : std::string("2%")) io.AddInputCharacter(c);
  ui.frames(2, at);
  nlohmann::json s = ui.sim();
  CHECK(s["policies"][1]["fields"]["discount.rate"] == "2%");
  CHECK(s["policies"][1]["values"]["discount.rate"] == 20000);  // 2% in parts per million.
  CHECK(s["policies"][0]["values"]["discount.rate"] == 0);       // The baseline is untouched.
}

TEST_CASE("a run in frame slices is exactly summarize() of a direct run of the same request") {
  SimUi ui;
  add_two_ten(ui);
  REQUIRE(ui.command({{"action", "run"}, {"runs", 40}, {"horizon", 6}, {"seed", 7}}));
  CHECK(ui.sim()["problems"].empty());
  CHECK(ui.sim()["running"] == true);
  CHECK(ui.sim()["where"] == "slices of frames on this page");
  ui.run_to_end();
  nlohmann::json s = ui.sim();
  CHECK(s["running"] == false);
  CHECK(s["cancelled"] == false);
  CHECK(s["runs_done"] == 40);
  CHECK(s["result"]["partial"] == false);
  REQUIRE(app::simulation_result(*ui.state));

  const arlab::Book& book = ui.state->book;
  std::string why;
  arlab::SimPlanPtr plan = arlab::prepare_simulation(book, direct_request(book, 40, 6, 7), &why);
  REQUIRE_MESSAGE(plan, why);
  arlab::SimRuns runs = arlab::make_runs(*plan);
  arlab::simulate_runs(*plan, 0, 40, &runs);
  arlab::SimResult direct = arlab::summarize(*plan, runs, 40);
  check_same_result(*app::simulation_result(*ui.state), direct);
  CHECK(s["result"]["policies"][1]["name"] == "2/10 net 30");
  CHECK(s["result"]["policies"][0]["cash"] == direct.policies[0].total[arlab::kSimCash].mean);
}

TEST_CASE("cancel stops the run and keeps the runs done, labelled partial") {
  SimUi ui;
  add_two_ten(ui);
  REQUIRE(ui.command({{"action", "run"}, {"runs", 20000}, {"horizon", 6}, {"seed", 3}}));
  ui.frames(2);
  REQUIRE(ui.command({{"action", "cancel"}}));
  nlohmann::json s = ui.sim();
  CHECK(s["running"] == false);
  CHECK(s["cancelled"] == true);
  const int done = s["runs_done"].get<int>();
  REQUIRE(done > 0);
  REQUIRE(done < 20000);
  CHECK(s["result"]["partial"] == true);
  CHECK(s["result"]["runs_done"] == done);
  ui.frames(5);  // Nothing moves after a cancel.
  CHECK(ui.sim()["runs_done"] == done);

  const arlab::Book& book = ui.state->book;
  std::string why;
  arlab::SimPlanPtr plan = arlab::prepare_simulation(book, direct_request(book, 20000, 6, 3), &why);
  REQUIRE_MESSAGE(plan, why);
  arlab::SimRuns runs = arlab::make_runs(*plan);
  arlab::simulate_runs(*plan, 0, done, &runs);
  check_same_result(*app::simulation_result(*ui.state), arlab::summarize(*plan, runs, done));
  // Exported as it is: the file says how many of the runs it holds.
  REQUIRE(ui.command({{"action", "export"}, {"format", "json"}}));
  nlohmann::json exported = nlohmann::json::parse(app::platform::fake().exported["simulation.json"]);
  CHECK(exported["runs"] == 20000);
  CHECK(exported["runs_done"] == done);
}

TEST_CASE("a bad value is shown next to its field and a run is refused in words") {
  SimUi ui;
  REQUIRE(ui.command({{"action", "add-policy"}, {"name", "Too much"}}));
  // Not a value at all: the field keeps the text and says why; the policy keeps 0.
  REQUIRE(ui.command({{"action", "set-param"}, {"param", "discount.rate"}, {"value", "lots"}}));
  ui.frames(2);
  nlohmann::json s = ui.sim();
  REQUIRE(s["policies"][1]["problems"].size() == 1);
  CHECK(s["policies"][1]["problems"][0].get<std::string>().rfind("discount.rate: ", 0) == 0);
  CHECK(s["policies"][1]["values"]["discount.rate"] == 0);
  REQUIRE(ui.command({{"action", "run"}, {"runs", 10}}));
  s = ui.sim();
  CHECK(s["running"] == false);
  REQUIRE(s["problems"].size() == 1);
  CHECK(s["problems"][0].get<std::string>().rfind("Too much: Discount rate: ", 0) == 0);
  // A value out of its range: core's problem, with the field's place.
  REQUIRE(ui.command({{"action", "set-param"}, {"param", "discount.rate"}, {"value", "2%"}}));
  REQUIRE(ui.command({{"action", "set-param"}, {"param", "discount.within_days"}, {"value", "40"}}));
  REQUIRE(ui.command({{"action", "set-param"}, {"param", "terms.net_days"}, {"value", "30"}}));
  ui.frames(2);
  s = ui.sim();
  bool named = false;
  for (const nlohmann::json& p : s["policies"][1]["problems"])
    named = named || p.get<std::string>().rfind("discount.within_days", 0) == 0;
  CHECK_MESSAGE(named, s["policies"][1]["problems"].dump());
}

}  // TEST_SUITE

TEST_CASE("a run from a date of one's choosing; a date that is none is refused in words") {
  SimUi ui;
  REQUIRE(ui.command({{"action", "run"}, {"runs", 10}, {"horizon", 3}, {"from", "2025-07-01"}}));
  ui.run_to_end();
  CHECK(ui.sim()["result"]["from"] == "2025-07-01");
  CHECK(ui.sim()["result"]["to"] == "2025-09-30");
  REQUIRE(ui.command({{"action", "run"}, {"runs", 10}, {"from", "July"}}));
  REQUIRE(ui.sim()["problems"].size() == 1);
  CHECK(ui.sim()["problems"][0] ==
        "From: \"July\" is not a date YYYY-MM-DD (or leave it empty: the day after the book)");
  REQUIRE(ui.command({{"action", "run"}, {"runs", 10}, {"horizon", 3}, {"from", ""}}));
  ui.run_to_end();
  const arlab::Date after = arlab::book_last_date(ui.state->book) + 1;
  CHECK(ui.sim()["result"]["from"] == arlab::format_date(after));
}

TEST_CASE("the Backtest view: core's backtest of the book, run in frame slices") {
  SimUi ui;
  REQUIRE(ui.command({{"action", "backtest"}, {"from", "2025-01-01"}, {"runs", 40}}));
  for (int k = 0; k < 20000 && ui.sim()["backtest"]["running"] == true; ++k) ui.frames(1);
  ui.frames(1);
  const nlohmann::json bt = ui.sim()["backtest"];
  REQUIRE(bt.contains("result"));
  // The whole months from 2025-01-01 the book covers, as the page counts them.
  const arlab::Book& book = ui.state->book;
  const arlab::Date from = arlab::date_from_ymd(2025, 1, 1);
  int months = 0;
  while (arlab::add_months(from, months + 1) - 1 <= arlab::book_last_date(book)) ++months;
  REQUIRE(months >= 1);
  const arlab::Backtest cli =
      arlab::backtest(book, from, arlab::add_months(from, months) - 1, 40, 1);
  CHECK(bt["result"]["month_count"] == cli.month_count);
  CHECK(bt["result"]["inside_band"] == cli.inside_band);
  CHECK(bt["result"]["mape"]["simulated"].get<double>() == *cli.simulated.mape);
  CHECK(bt["result"]["mape"]["due_date"].get<double>() == *cli.due_date.mape);
  REQUIRE(bt["result"]["months"].size() == cli.forecast.months.size());
  for (size_t k = 0; k < cli.forecast.months.size(); ++k) {
    CHECK(bt["result"]["months"][k]["actual"] == cli.forecast.months[k].actual_minor);
    CHECK(bt["result"]["months"][k]["p95"] == cli.forecast.months[k].p95_minor);
  }
  // A date after the book's end is refused in words.
  REQUIRE(ui.command({{"action", "backtest"}, {"from", "2026-06-01"}, {"runs", 10}}));
  CHECK(ui.sim()["backtest"]["problem"].get<std::string>().find(
            "a backtest needs at least one whole month after the date") != std::string::npos);
  REQUIRE(ui.command({{"action", "backtest"}, {"from", "2025-13-01"}, {"runs", 10}}));
  CHECK(ui.sim()["backtest"]["problem"] == "From: \"2025-13-01\" is not a date YYYY-MM-DD");
}

TEST_CASE("the first runs are on screen as soon as they are done, not a summary period later") {
  SimUi ui;
  REQUIRE(ui.command({{"action", "run"}, {"runs", 20000}, {"horizon", 6}, {"seed", 3}}));
  ui.frames(1);  // One slice of runs (8 ms), far less than summary_ms (150 ms).
  nlohmann::json s = ui.sim();
  CHECK(s["running"] == true);
  REQUIRE(s.contains("result"));
  CHECK(s["result"]["runs_done"].get<int>() > 0);
  CHECK(s["result"]["runs_done"] == s["runs_done"]);
  REQUIRE(ui.command({{"action", "cancel"}}));
}

// The browser's spare Worker (platform::warm_sim_work): the fake has none to warm (None, as
// natively) but records the calls and, like the browser, reads the texts once a generation.
TEST_CASE("the spare Worker: asked for every frame the page is drawn, its texts made once a book, none while a run is under way") {
  SimUi ui;
  app::platform::FakePlatform& f = app::platform::fake();
  f.sim_warm_reads = true;
  f.sim_warm_book_generation.reset();
  f.sim_warm_reads_count = 0;
  const int calls = f.sim_warm_calls;
  ui.frames(3);
  CHECK(f.sim_warm_calls == calls + 3);
  CHECK(f.sim_warm_generation == ui.state->book_generation);
  CHECK(f.sim_warm_reads_count == 1);  // Three frames, one book: its texts made once.
  CHECK(f.sim_warm_book == arlab::write_book_json(ui.state->book));
  // The page's settings (From empty, 12 months, seed 1) and policy, 64 runs.
  arlab::SimRequest warm;
  std::vector<arlab::Problem> problems;
  REQUIRE(arlab::read_sim_request(f.sim_warm_request, ui.state->book.minor_digits, &warm, &problems));
  CHECK(!warm.from);
  CHECK(warm.horizon_months == 12);
  CHECK(warm.seed == 1);
  CHECK(warm.runs == 64);
  CHECK(!warm.replay);
  REQUIRE(warm.policies.size() == 1);
  CHECK(warm.policies[0].name == "As today");
  nlohmann::json s = ui.sim();
  CHECK(s["warm"] == false);
  CHECK(s["spare"] == "none");

  // A run tells the platform the book's generation (a spare holding it would take the run);
  // while it runs the page only asks how the spare is, and makes none.
  REQUIRE(ui.command({{"action", "run"}, {"runs", 20000}, {"horizon", 6}, {"seed", 3}}));
  REQUIRE(f.sim_start_generation);
  CHECK(*f.sim_start_generation == ui.state->book_generation);
  const int queries = f.sim_warm_queries;
  ui.frames(3);
  CHECK(ui.sim()["running"] == true);
  CHECK(f.sim_warm_queries == queries + 3);
  REQUIRE(ui.command({{"action", "cancel"}}));
  ui.frames(2);
  CHECK(f.sim_warm_queries == queries + 3);

  // Another book: its texts once more, with the page's settings as the last run left them.
  const uint64_t before = ui.state->book_generation;
  REQUIRE(app::open_book_text(*ui.state, "again.json", f.sim_warm_book));
  REQUIRE(app::show_panel(*ui.state, "simulation"));
  ui.frames(2);
  CHECK(ui.state->book_generation != before);
  CHECK(f.sim_warm_generation == ui.state->book_generation);
  CHECK(f.sim_warm_reads_count == 2);
  REQUIRE(arlab::read_sim_request(f.sim_warm_request, ui.state->book.minor_digits, &warm, &problems));
  CHECK(warm.horizon_months == 6);
  CHECK(warm.seed == 3);
  CHECK(warm.runs == 64);

  // Another tab in front: the Simulation page is not drawn, nothing is asked.
  REQUIRE(app::show_panel(*ui.state, "aging"));
  ui.frames(1);
  const int hidden = f.sim_warm_calls;
  ui.frames(3);
  CHECK(f.sim_warm_calls == hidden);
  f.sim_warm_reads = false;
}

TEST_CASE("layout: results, sweep, tornado and backtest fit at 1024x700, 1280x800 and 1920x1080") {
  SimUi ui;
  add_two_ten(ui);
  REQUIRE(ui.command({{"action", "run"}, {"runs", 30}, {"horizon", 12}, {"seed", 1}}));
  ui.run_to_end();
  REQUIRE(ui.command({{"action", "sweep"}, {"param", "discount.rate"}, {"values", "0:3%:4"}}));
  for (int k = 0; k < 20000 && ui.sim()["sweep"]["running"] == true; ++k) ui.frames(1);
  REQUIRE(ui.sim()["sweep"].contains("points"));
  CHECK(ui.sim()["sweep"]["points"].size() == 4);
  REQUIRE(ui.command({{"action", "tornado"}, {"runs", 5}}));
  for (int k = 0; k < 20000 && ui.sim()["tornado"]["running"] == true; ++k) ui.frames(1);
  REQUIRE(ui.sim()["tornado"].contains("bars"));
  CHECK(!ui.sim()["tornado"]["bars"].empty());
  REQUIRE(ui.command({{"action", "backtest"}, {"from", "2025-01-01"}, {"runs", 20}}));
  for (int k = 0; k < 20000 && ui.sim()["backtest"]["running"] == true; ++k) ui.frames(1);
  ui.frames(1);
  REQUIRE(ui.sim()["backtest"].contains("result"));
  std::vector<std::string> all;
  const ImVec2 sizes[] = {{1920, 1080}, {1024, 700}, {1280, 800}};
  const char* views[] = {"sweep", "tornado", "backtest", "results"};
  for (ImVec2 size : sizes) {
    for (const char* view : views) {
      // Bring the view to the front as its command does (a tornado or sweep already done stays).
      REQUIRE(ui.command({{"action", "show"}, {"view", view}}));
      ImGuiIO& io = ImGui::GetIO();
      for (int k = 0; k < 4; ++k) {
        io.DisplaySize = size;
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(-1, -1);
        ImGui::NewFrame();
        app::frame(*ui.state);
        ImGui::Render();
      }
      for (const std::string& o : app::layout_overflows())
        all.push_back(std::to_string(int(size.x)) + "x" + std::to_string(int(size.y)) + " " + view + ": " + o);
    }
  }
  for (const std::string& line : all) MESSAGE(line);
  CHECK(all.empty());
}
