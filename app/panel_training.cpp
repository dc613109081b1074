// panel_training.cpp: the Training page of the Collection tab (issue 13; state: panel_training.h).
//
// Game: the scenario picker (the built-in scenarios and files opened), the briefing, then the
// weeks: the portfolio of the game's own book, a move builder with the minutes left, the
// week's plan (remove, reorder), Play week (a refused plan shows play_week's reason and
// changes nothing), the week's log and charts across the weeks, the practice's moves as a
// hint; once over, the debrief and the score against the same scenario played by the book.
// Progress: the finished games kept across sessions, exported as JSON or CSV.
// Class: a trainer's view over imported result files (core/training_class.h).
// Everything the buttons do is also reachable from a script (training_command), and what the
// tab shows is in training_status_json (query_summary_json's "training").
//
// [SECTION] Helpers
// [SECTION] Kept across sessions (settings)
// [SECTION] The game's actions
// [SECTION] Progress and class actions
// [SECTION] Drawing: picker and briefing
// [SECTION] Drawing: the weeks
// [SECTION] Drawing: the debrief
// [SECTION] Drawing: progress and class
// [SECTION] Page and file routing
// [SECTION] Scripts (training_command, training_status_json)
#include "app/panel_training.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"
#include "app/charts.h"
#include "app/panels.h"
#include "app/platform.h"
#include "app/widgets.h"
#include "assets/scenarios.h"
#include "core/casefile.h"
#include "core/money.h"
#include "imgui.h"
#include "io/file_kind.h"
#include "io/scenario_json.h"

namespace app {

namespace {

// ---- [SECTION] Helpers -----------------------------------------------------------------

constexpr const char* kTraineeSetting = "training-trainee";
constexpr const char* kGameSetting = "training-game.json";
constexpr const char* kScenarioSetting = "training-scenario.json";
constexpr const char* kResultsSetting = "training-results.json";
constexpr const char* kUnreadableSetting = "training-results.unreadable.json";

// The sections of the tab, in order; the exercises and the call join here.
const char* const kTrainingSections[] = {"Game", "Exercises", "Call", "Progress", "Class"};

const char* level_label(arlab::ScenarioLevel level) {
  switch (level) {
    case arlab::ScenarioLevel::Easy:
      return "Easy";
    case arlab::ScenarioLevel::Medium:
      return "Medium";
    case arlab::ScenarioLevel::Hard:
      return "Hard";
  }
  return "";
}

std::string practices_line(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) {
    const arlab::Practice* p = arlab::find_practice(id);
    out += (out.empty() ? "" : ", ") + std::string(p ? p->title : id.c_str());
  }
  return out;
}

// The practice's title, summary and sources as a tooltip of the last item.
void practice_tooltip(const std::string& id) {
  if (!ImGui::IsItemHovered()) return;
  const arlab::Practice* p = arlab::find_practice(id);
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
  if (p) {
    ImGui::TextUnformatted(p->title);
    ImGui::TextUnformatted(p->summary);
    ImGui::TextDisabled("Sources: %s (../shared/domain/)", p->sources);
  } else {
    ImGui::Text("%s: a practice this version does not know", id.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

std::string money(const arlab::GameState& g, int64_t minor) {
  return arlab::format_amount_grouped(minor, g.book.minor_digits);
}

std::string customer_label(const arlab::Book& book, size_t c) {
  return book.customers[c].id + " " + book.customers[c].name;
}

int32_t plan_minutes(const arlab::GameState& g, const arlab::WeekPlan& plan) {
  int32_t total = 0;
  for (const arlab::Move& m : plan.moves) total += arlab::move_minutes(g.scenario.minutes, m.kind);
  return total;
}

arlab::Move builder_move(const arlab::GameState& g, const TrainingBuilder& b) {
  arlab::Move m;
  m.kind = arlab::MoveKind(std::clamp(b.kind, 0, arlab::kMoveKindCount - 1));
  if (b.customer >= 0 && size_t(b.customer) < g.book.customers.size())
    m.customer_id = g.book.customers[size_t(b.customer)].id;
  if (m.kind == arlab::MoveKind::Letter) m.level = b.level;
  if (m.kind == arlab::MoveKind::Plan) m.instalments = b.instalments;
  if (m.kind == arlab::MoveKind::Escalate) m.level = b.escalate;
  return m;
}

// ---- [SECTION] Kept across sessions (settings) ------------------------------------------

void keep_setting(TrainingPanel& p, const char* name, const std::string& text) {
  std::string error;
  if (!platform::save_setting(name, text, &error))
    p.note = std::string("Training: ") + name + " is not kept for the next session: " + error;
}

nlohmann::json moves_json(const std::vector<arlab::WeekLog>& log) {
  // The moves file's form, read back by read_training_moves.
  std::vector<arlab::WeekPlan> weeks;
  for (const arlab::WeekLog& w : log) weeks.push_back({w.moves});
  return nlohmann::json::parse(arlab::write_training_moves(weeks))["weeks"];
}

void keep_game(TrainingPanel& p) {
  if (!p.playing || p.game.over()) {
    keep_setting(p, kGameSetting, "");
    return;
  }
  const TrainingCatalogEntry& e = p.catalog[size_t(p.game_entry)];
  nlohmann::json j = {{"scenario", e.scenario.id},
                      {"builtin", e.builtin},
                      {"weeks", p.game.weeks},
                      {"hints", p.hints},
                      {"moves", moves_json(p.game.log)}};
  if (!e.builtin) keep_setting(p, kScenarioSetting, e.text);
  keep_setting(p, kGameSetting, j.dump());
}

std::string results_list_text(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (size_t i = 0; i < texts.size(); i++) out += (i ? ",\n" : "\n") + texts[i];
  return out + (texts.empty() ? "]\n" : "\n]\n");
}

void keep_results(TrainingPanel& p) {
  keep_setting(p, kResultsSetting, results_list_text(p.result_texts));
}

// A result as kept: read back at once, so that what is kept always reads.
bool add_result_text(TrainingPanel& p, std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  arlab::TrainingResult r;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_training_result(text, &r, &problems)) return false;
  p.results.push_back(std::move(r));
  p.result_texts.push_back(std::move(text));
  // Bounded: the oldest go first.
  size_t bytes = 0;
  for (const std::string& t : p.result_texts) bytes += t.size() + 2;
  while (p.results.size() > 1 &&
         (p.results.size() > kTrainingResultsMax || bytes > kTrainingResultsBytesMax)) {
    bytes -= p.result_texts.front().size() + 2;
    p.results.erase(p.results.begin());
    p.result_texts.erase(p.result_texts.begin());
  }
  return true;
}

int add_catalog_entry(TrainingPanel& p, TrainingCatalogEntry&& e) {
  p.briefing_for = -1;
  for (size_t k = 0; k < p.catalog.size(); ++k) {
    if (!p.catalog[k].builtin && !e.builtin && p.catalog[k].scenario.id == e.scenario.id) {
      if (p.playing && p.game_entry == int(k)) break;  // The game's own stays as it was.
      p.catalog[k] = std::move(e);
      return int(k);
    }
  }
  p.catalog.push_back(std::move(e));
  return int(p.catalog.size()) - 1;
}

void start_game_at(State& state, TrainingPanel& p, int entry, int weeks);

// The game kept by the last session: its scenario and moves replayed.
void load_kept_game(State& state, TrainingPanel& p) {
  std::optional<std::string> text = platform::load_setting(kGameSetting);
  if (!text || text->empty()) return;
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  auto drop = [&](const std::string& why) {
    p.note = "The game in progress could not be continued: " + why;
    keep_setting(p, kGameSetting, "");
  };
  if (j.is_discarded() || !j.is_object() || !j.contains("scenario") || !j["scenario"].is_string() ||
      !j.contains("moves") || !j["moves"].is_array())
    return drop("training-game.json is not a game this version wrote");
  const std::string id = j["scenario"].get<std::string>();
  int entry = -1;
  if (j.value("builtin", true)) {
    for (size_t k = 0; k < p.catalog.size(); ++k)
      if (p.catalog[k].builtin && p.catalog[k].scenario.id == id) entry = int(k);
  } else if (std::optional<std::string> s = platform::load_setting(kScenarioSetting)) {
    TrainingCatalogEntry e;
    std::vector<arlab::Problem> problems;
    if (arlab::read_scenario(*s, &e.scenario, &problems) && e.scenario.id == id) {
      e.builtin = false;
      e.file = id + ".json";
      e.text = *s;
      entry = add_catalog_entry(p, std::move(e));
    }
  }
  if (entry < 0) return drop("its scenario \"" + id + "\" is not here any more");
  std::vector<arlab::WeekPlan> weeks;
  std::vector<arlab::Problem> problems;
  nlohmann::json file = {{"format", arlab::kTrainingMovesFormat}, {"weeks", j["moves"]}};
  if (!arlab::read_training_moves(file.dump(), &weeks, &problems))
    return drop("its moves do not read (" + problems.front().place + ": " +
                problems.front().message + ")");
  const int limit =
      j.contains("weeks") && j["weeks"].is_number_integer() ? j["weeks"].get<int>() : 0;
  start_game_at(state, p, entry, limit);
  for (const arlab::WeekPlan& w : weeks) {
    std::string why;
    if (!arlab::play_week(&p.game, w, &why)) {
      p.playing = false;
      return drop("week " + std::to_string(p.game.week + 1) + " replays no more: " + why);
    }
  }
  p.hints = j.contains("hints") && j["hints"].is_number_integer() ? j["hints"].get<int>() : 0;
  p.picked = entry;
  p.done = "Continuing " + p.game.scenario.title + " at week " + std::to_string(p.game.week + 1);
}

void ensure_loaded(State& state, TrainingPanel& p) {
  if (p.loaded) return;
  p.loaded = true;
  for (const arlab::EmbeddedScenario& e : arlab::kEmbeddedScenarios) {
    TrainingCatalogEntry entry;
    std::vector<arlab::Problem> problems;
    if (!arlab::read_scenario(e.json(), &entry.scenario, &problems)) continue;  // Tested: never.
    entry.file = e.file_name;
    p.catalog.push_back(std::move(entry));
  }
  if (std::optional<std::string> name = platform::load_setting(kTraineeSetting)) {
    std::snprintf(p.trainee, sizeof p.trainee, "%s", name->c_str());
    p.trainee_saved = p.trainee;
  }
  if (std::optional<std::string> text = platform::load_setting(kResultsSetting);
      text && !text->empty()) {
    std::vector<arlab::TrainingResult> results;
    std::vector<arlab::Problem> problems;
    nlohmann::json list = nlohmann::json::parse(*text, nullptr, false);
    if (arlab::read_training_results(*text, &results, &problems) && list.is_array()) {
      for (const nlohmann::json& item : list) add_result_text(p, item.dump(2));
    } else {
      // Never written over: kept aside under another name, and said.
      keep_setting(p, kUnreadableSetting, *text);
      p.note = "The kept results could not be read (" +
               (problems.empty() ? std::string("not a list")
                                 : problems.front().place + ": " + problems.front().message) +
               "); they are kept as " + kUnreadableSetting;
    }
  }
  load_kept_game(state, p);
}

// ---- [SECTION] The game's actions ----------------------------------------------------------

void reset_week(TrainingPanel& p) {
  p.plan.moves.clear();
  p.refused.clear();
  p.hint_week = -1;
  p.position_week = -1;
}

void start_game_at(State&, TrainingPanel& p, int entry, int weeks) {
  const arlab::Scenario& s = p.catalog[size_t(entry)].scenario;
  p.game = arlab::start_game(s, weeks > 0 && weeks < s.weeks ? weeks : 0);
  p.game_entry = entry;
  p.playing = true;
  p.hints = 0;
  p.debrief.reset();
  p.result_kept = false;
  p.builder = TrainingBuilder{};
  reset_week(p);
}

void start_picked(State& state, TrainingPanel& p) {
  if (p.picked < 0 || size_t(p.picked) >= p.catalog.size()) return;
  start_game_at(state, p, p.picked, p.weeks_choice);
  keep_game(p);
  p.done = "Started " + p.game.scenario.title + " (" + std::to_string(p.game.weeks) +
           (p.game.weeks == 1 ? " week)" : " weeks)");
}

// The game over: its debrief, and its result kept in Progress.
void finish_game(State& state, TrainingPanel& p) {
  p.debrief = arlab::debrief(p.game);
  if (p.result_kept) return;
  p.result_kept = true;
  arlab::TrainingResultNote note{p.trainee, state.today, p.hints, {}};
  // The exercises checked on this scenario go with its result (the latest check of each).
  for (const ExerciseOutcome& o : p.exercises.outcomes)
    if (o.scenario_id == p.game.scenario.id)
      note.exercises.push_back({arlab::exercise_kind_name(o.kind), o.practices, o.points, o.max});
  if (!add_result_text(p, arlab::training_result_json(p.game, "moves", *p.debrief, note))) return;
  keep_results(p);
  keep_game(p);  // Nothing in progress any more.
  p.done = "Game over: " + std::to_string(p.debrief->score.total) + " points (by the book " +
           std::to_string(p.debrief->by_the_book.total) + "); kept in Progress";
}

bool play_plan(State& state, TrainingPanel& p) {
  if (!p.playing || p.game.over()) return false;
  std::string why;
  if (!arlab::play_week(&p.game, p.plan, &why)) {
    p.refused = why;  // Shown beside the plan; the game is as it was.
    return false;
  }
  reset_week(p);
  keep_game(p);
  p.done = "Played week " + std::to_string(p.game.week);
  if (p.game.over()) finish_game(state, p);
  return true;
}

void show_hint(TrainingPanel& p) {
  if (!p.playing || p.game.over()) return;
  if (p.hint_week != p.game.week) {
    p.hint = arlab::by_the_book_week(p.game);
    p.hint_week = p.game.week;
    ++p.hints;
    keep_game(p);
  }
}

void abandon_game(TrainingPanel& p) {
  p.playing = false;
  p.game = arlab::GameState{};
  p.game_entry = -1;
  p.debrief.reset();
  reset_week(p);
  keep_game(p);
}

void restart_game(State& state, TrainingPanel& p) {
  if (!p.playing) return;
  const int entry = p.game_entry;
  const int weeks = p.game.weeks;
  start_game_at(state, p, entry, weeks);
  keep_game(p);
  p.done = "Restarted " + p.game.scenario.title;
}

void save_trainee(TrainingPanel& p) {
  if (p.trainee_saved == p.trainee) return;
  p.trainee_saved = p.trainee;
  keep_setting(p, kTraineeSetting, p.trainee_saved);
}

// ---- [SECTION] Progress and class actions ---------------------------------------------------

void export_text(State& state, TrainingPanel& p, const std::string& name, const std::string& data) {
  std::string where, error;
  if (platform::export_file(name, data, &where, &error)) {
    p.done = "Exported " + name + (where.empty() ? "" : " to " + where);
    state.status = p.done;
  } else {
    show_problems(state, "Could not export " + name, {arlab::Problem{"", error}});
  }
}

void export_progress(State& state, TrainingPanel& p, bool json) {
  if (json)
    return export_text(state, p, "training-results.json", results_list_text(p.result_texts));
  std::string csv;
  for (size_t i = 0; i < p.results.size(); ++i) {
    std::string one = arlab::training_result_csv(p.results[i]);
    csv += i ? one.substr(one.find('\n') + 1) : one;  // One header.
  }
  if (csv.empty()) csv = "scenario,seed,played_by,week,measure,value\n";
  export_text(state, p, "training-results.csv", csv);
}

// Result files for the class: each read on its own; a bad one is named with its problems, the
// others are kept. Returns how many results were added.
size_t import_results(State& state, TrainingPanel& p,
                      const std::vector<std::pair<std::string, std::string>>& files) {
  size_t added = 0, bad = 0;
  std::vector<arlab::Problem> all;
  for (const auto& [name, text] : files) {
    std::vector<arlab::TrainingResult> results;
    std::vector<arlab::Problem> problems;
    if (!arlab::read_training_results(text, &results, &problems)) {
      ++bad;
      for (const arlab::Problem& pr : problems)
        all.push_back({name + (pr.place.empty() ? "" : ": " + pr.place), pr.message});
      continue;
    }
    for (arlab::TrainingResult& r : results) {
      // A result from `arlab train` names no practices: a built-in scenario's are known.
      if (r.practices.empty())
        for (const TrainingCatalogEntry& e : p.catalog)
          if (e.builtin && e.scenario.id == r.scenario) r.practices = e.scenario.practices;
      p.class_results.push_back(std::move(r));
      p.class_files.push_back(name);
      ++added;
    }
  }
  p.class_summary = arlab::summarize_class(p.class_results);
  p.done =
      "Imported " + std::to_string(added) + (added == 1 ? " result" : " results") +
      (bad ? ", " + std::to_string(bad) + (bad == 1 ? " file refused" : " files refused") : "");
  state.status = p.done;
  if (bad)
    show_problems(state,
                  bad == 1 && files.size() == 1 ? "Could not read the result " + files[0].first
                                                : "Some result files could not be read",
                  std::move(all), files.size() == 1 ? files[0].first : "");
  p.section = int(TrainingSection::Class);
  p.select_section = true;
  return added;
}

bool open_scenario_text(State& state, TrainingPanel& p, std::string_view name,
                        std::string_view text) {
  TrainingCatalogEntry e;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_scenario(text, &e.scenario, &problems)) {
    show_problems(state, "Could not read the scenario " + std::string(name), std::move(problems),
                  std::string(name));
    return false;
  }
  e.builtin = false;
  e.file = std::string(name);
  e.text = std::string(text);
  const std::string title = e.scenario.title;
  const int entry = add_catalog_entry(p, std::move(e));
  p.section = int(TrainingSection::Game);
  p.select_section = true;
  if (p.playing && !p.game.over()) {
    p.done = "Added " + title + " to the scenarios: restart or finish this game to play it";
  } else {
    p.picked = entry;
    p.weeks_choice = 0;
    if (p.playing) abandon_game(p);  // The finished game is in Progress.
    p.done = "Opened the scenario " + title + " from " + std::string(name);
  }
  state.status = p.done;
  return true;
}

// Natively: paths typed in the field, ';' between several.
void open_paths(State& state, TrainingPanel& p, bool results) {
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<arlab::Problem> problems;
  std::string all = p.path;
  size_t start = 0;
  while (start <= all.size()) {
    size_t end = all.find(';', start);
    if (end == std::string::npos) end = all.size();
    std::string path = all.substr(start, end - start);
    while (!path.empty() && path.front() == ' ') path.erase(path.begin());
    while (!path.empty() && path.back() == ' ') path.pop_back();
    if (!path.empty()) {
      std::string text, error;
      if (platform::read_path(path, &text, &error))
        files.emplace_back(path, std::move(text));
      else
        problems.push_back({path, error});
    }
    start = end + 1;
  }
  if (results) {
    if (!files.empty()) import_results(state, p, files);
  } else {
    for (const auto& [name, text] : files) open_scenario_text(state, p, name, text);
  }
  if (!problems.empty()) show_problems(state, "Could not read some files", std::move(problems));
}

// ---- [SECTION] Drawing: picker and briefing ------------------------------------------------

void draw_trainee_field(TrainingPanel& p) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Trainee");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(220));
  ImGui::InputTextWithHint("##trainee", "your name", p.trainee, sizeof p.trainee);
  if (ImGui::IsItemDeactivated()) save_trainee(p);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Kept for the next session; written in each result");
}

void draw_open_scenario_button(State& state, TrainingPanel& p) {
  if (platform::has_file_picker()) {
    if (ImGui::Button("Open scenario file...")) {
      forget_file_picks(state);
      p.picking = TrainingPick::Scenario;
      platform::request_open_file(platform::OpenKind::Book);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "An \"arlab-scenario/1\" file (docs/TRAINING.md); your book stays as it is");
  } else {
    ImGui::SetNextItemWidth(ui::px(260));
    ImGui::InputTextWithHint("##scenario_path", "scenario file path", p.path, sizeof p.path);
    ImGui::SameLine();
    if (ImGui::Button("Open scenario")) open_paths(state, p, false);
  }
}

void draw_briefing(TrainingPanel& p, const arlab::Scenario& s) {
  if (p.briefing_for != p.picked) {  // Once a scenario, not every frame.
    p.briefing_position = arlab::collection_position(s.book, s.start);
    p.briefing_for = p.picked;
  }
  const arlab::CollectionPosition& pos = p.briefing_position;
  ui::heading(s.title.c_str());
  ImGui::TextDisabled("%s, %d weeks, %d minutes a week", level_label(s.level), s.weeks,
                      s.minutes_per_week);
  if (!s.role.empty()) ImGui::TextWrapped("Your role: %s", s.role.c_str());
  ImGui::Spacing();
  ImGui::TextWrapped("%s", s.briefing.c_str());
  ImGui::Spacing();
  ui::heading("What it teaches");
  for (const std::string& id : s.practices) {
    const arlab::Practice* pr = arlab::find_practice(id);
    ImGui::Bullet();
    ImGui::TextWrapped("%s: %s (sources %s)", pr ? pr->title : id.c_str(), pr ? pr->summary : "",
                       pr ? pr->sources : "-");
  }
  ImGui::Spacing();
  ui::heading("Goals and score");
  const int digits = s.book.minor_digits;
  ImGui::BulletText("Cash: %s",
                    s.goals.cash_minor == 0
                        ? "collect all that is open and what falls due during the game"
                        : ("collect " + arlab::format_amount_grouped(s.goals.cash_minor, digits) +
                           " " + s.book.currency)
                              .c_str());
  ImGui::BulletText("DSO at or below %d days", s.goals.dso_days);
  ImGui::BulletText("Written off at most %s",
                    arlab::format_amount_grouped(s.goals.bad_debt_max_minor, digits).c_str());
  ImGui::BulletText("Weights: cash %d, DSO %d, bad debt %d, relationship %d", s.weights.cash,
                    s.weights.dso, s.weights.bad_debt, s.weights.relationship);
  ImGui::Spacing();
  ui::heading("Minutes each move takes");
  std::string line;
  for (int k = 0; k < arlab::kMoveKindCount; ++k) {
    auto kind = arlab::MoveKind(k);
    line += (k ? ", " : "") + std::string(arlab::move_kind_name(kind)) + " " +
            std::to_string(arlab::move_minutes(s.minutes, kind));
  }
  ImGui::TextWrapped("%s (of %d a week)", line.c_str(), s.minutes_per_week);
  ImGui::Spacing();
  ui::heading("The customers");
  if (ImGui::BeginTable(
          "##cast", 4,
          ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("Customer");
    ImGui::TableSetupColumn("Contact");
    ImGui::TableSetupColumn("Open", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Overdue", ImGuiTableColumnFlags_WidthFixed);
    ui::headers_row();
    for (size_t c = 0; c < s.book.customers.size(); ++c) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(customer_label(s.book, c).c_str());
      ImGui::TableNextColumn();
      std::string contact = "-";
      for (const arlab::CastMember& m : s.cast)  // The personality is the trainee's to find.
        if (m.customer_id == s.book.customers[c].id && !m.contact.empty()) contact = m.contact;
      ImGui::TextUnformatted(contact.c_str());
      ImGui::TableNextColumn();
      ui::text_right(arlab::format_amount_grouped(pos.customers[c].open_minor, digits));
      ImGui::TableNextColumn();
      ui::text_right(arlab::format_amount_grouped(pos.customers[c].overdue_minor, digits));
    }
    ImGui::EndTable();
  }
}

void draw_picker(State& state, TrainingPanel& p) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float left_w = std::clamp(avail * 0.42f, ui::px(320), ui::px(560));
  ImGui::BeginChild("##train_pick", ImVec2(left_w, 0), true);
  ui::heading("Scenarios");
  draw_trainee_field(p);
  if (ImGui::BeginTable("##scenarios", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Level", ImGuiTableColumnFlags_WidthFixed);
    ui::headers_row();
    for (size_t k = 0; k < p.catalog.size(); ++k) {
      const arlab::Scenario& s = p.catalog[k].scenario;
      ImGui::PushID(int(k));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(s.title.c_str(), p.picked == int(k),
                            ImGuiSelectableFlags_SpanAllColumns)) {
        p.picked = int(k);
        p.weeks_choice = 0;
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.catalog[k].file.c_str());
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", practices_line(s.practices).c_str());
      ImGui::PopTextWrapPos();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(level_label(s.level));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  draw_open_scenario_button(state, p);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##train_brief", ImVec2(0, 0), true);
  if (p.picked >= 0 && size_t(p.picked) < p.catalog.size()) {
    const arlab::Scenario& s = p.catalog[size_t(p.picked)].scenario;
    // A practice round: fewer weeks (start_game's limit).
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Weeks");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui::px(170));
    std::string shown = p.weeks_choice == 0 ? "all " + std::to_string(s.weeks)
                                            : std::to_string(p.weeks_choice) + " (practice round)";
    if (ImGui::BeginCombo("##weeks", shown.c_str())) {
      if (ImGui::Selectable(("all " + std::to_string(s.weeks)).c_str(), p.weeks_choice == 0))
        p.weeks_choice = 0;
      for (int w = 1; w < s.weeks; ++w)
        if (ImGui::Selectable((std::to_string(w) + " (practice round)").c_str(),
                              p.weeks_choice == w))
          p.weeks_choice = w;
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button("Start game")) start_picked(state, p);
    ui::mark("training-start");
    ImGui::Separator();
    draw_briefing(p, s);
  }
  ImGui::EndChild();
}

// ---- [SECTION] Drawing: the weeks ----------------------------------------------------------

void update_position(TrainingPanel& p) {
  if (p.position_week == p.game.week) return;
  p.position = arlab::collection_position(p.game.book, p.game.today());
  p.position_week = p.game.week;
}

void draw_portfolio(TrainingPanel& p) {
  const arlab::GameState& g = p.game;
  update_position(p);
  const arlab::CaseState& cases = p.position.cases;
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit;
  const float height = std::min(
      ImGui::GetTextLineHeightWithSpacing() * float(g.book.customers.size() + 2) + ui::px(8),
      ui::px(260));
  if (!ImGui::BeginTable("##portfolio", 10, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  for (const char* h : {"Customer", "Overdue", "Oldest", "Open", "Relation", "Call found", "Hold",
                        "Plan", "Dispute", "Letters"})
    ImGui::TableSetupColumn(h, ui::kFitColumn);
  ui::headers_row();
  for (size_t c = 0; c < g.book.customers.size(); ++c) {
    const arlab::CustomerPosition& cp = p.position.customers[c];
    const arlab::CustomerPlay& play = g.customers[c];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(customer_label(g.book, c).c_str());
    ImGui::TableNextColumn();
    ui::text_right(money(g, cp.overdue_minor));
    ImGui::TableNextColumn();
    ui::text_right(cp.days_overdue_max > 0 ? std::to_string(cp.days_overdue_max) + " d" : "-");
    ImGui::TableNextColumn();
    ui::text_right(money(g, cp.open_minor));
    ImGui::TableNextColumn();
    ui::text_right(std::to_string(play.relationship));
    ImGui::TableNextColumn();
    if (play.defaulted) {
      ImGui::TextColored(ui::palette().bad, "defaulted");
    } else if (play.diagnosed && c < cases.customers.size()) {
      const arlab::CustomerCaseState& cs = cases.customers[c];
      // What the case record says; a big customer's inertia is no cause on the practice's list.
      std::string found = cs.cause == arlab::Cause::Unknown ? "" : arlab::cause_label(cs.cause);
      if (cs.stance != arlab::Stance::Unknown)
        found += (found.empty() ? "" : ", ") + std::string(arlab::stance_label(cs.stance));
      ImGui::TextUnformatted(found.empty() ? "no cause on the list" : found.c_str());
    } else {
      ImGui::TextDisabled("not called yet");
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((cp.hold & arlab::kHoldManual) ? "on hold" : "-");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(play.plan_record != arlab::kNone ? "in force" : "-");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(play.dispute_resolved ? "resolved" : play.dispute_raised ? "open" : "-");
    ImGui::TableNextColumn();
    ui::text_right(c < cases.customers.size() ? std::to_string(cases.customers[c].letters_sent)
                                              : "0");
  }
  ImGui::EndTable();
}

void draw_builder(State& state, TrainingPanel& p) {
  (void)state;
  const arlab::GameState& g = p.game;
  TrainingBuilder& b = p.builder;
  b.customer = std::clamp(b.customer, 0, std::max(0, int(g.book.customers.size()) - 1));
  ImGui::SetNextItemWidth(ui::px(200));
  if (ImGui::BeginCombo(
          "##mv_customer",
          g.book.customers.empty() ? "" : customer_label(g.book, size_t(b.customer)).c_str())) {
    for (size_t c = 0; c < g.book.customers.size(); ++c)
      if (ImGui::Selectable(customer_label(g.book, c).c_str(), b.customer == int(c)))
        b.customer = int(c);
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(150));
  auto kind_text = [&](int k) {
    auto kind = arlab::MoveKind(k);
    return std::string(arlab::move_kind_name(kind)) + " (" +
           std::to_string(arlab::move_minutes(g.scenario.minutes, kind)) + " min)";
  };
  if (ImGui::BeginCombo("##mv_kind", kind_text(b.kind).c_str())) {
    for (int k = 0; k < arlab::kMoveKindCount; ++k)
      if (ImGui::Selectable(kind_text(k).c_str(), b.kind == k)) b.kind = k;
    ImGui::EndCombo();
  }
  const auto kind = arlab::MoveKind(b.kind);
  if (kind == arlab::MoveKind::Letter) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui::px(110));
    ImGui::SliderInt("##mv_level", &b.level, 0, int(g.book.collection.policy.levels.size()),
                     b.level == 0 ? "reminder" : "level %d");
  } else if (kind == arlab::MoveKind::Plan) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui::px(130));
    ImGui::SliderInt("##mv_inst", &b.instalments, arlab::kPlanInstalmentsMin,
                     arlab::kPlanInstalmentsMax, "%d instalments");
  } else if (kind == arlab::MoveKind::Escalate) {
    ImGui::SameLine();
    ImGui::RadioButton("management", &b.escalate, arlab::kEscalateManagement);
    ImGui::SameLine();
    ImGui::RadioButton("legal", &b.escalate, arlab::kEscalateLegal);
  }
  ImGui::SameLine();
  if (ImGui::Button("Add move")) {
    p.plan.moves.push_back(builder_move(g, b));
    p.refused.clear();
  }
  const int32_t used = plan_minutes(g, p.plan);
  const int32_t budget = g.scenario.minutes_per_week;
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, "%d of %d minutes, %d left", used, budget, budget - used);
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                        used > budget ? ui::palette().bad : ui::palette().good);
  ImGui::ProgressBar(budget > 0 ? std::min(1.0f, float(used) / float(budget)) : 1.0f, ImVec2(-1, 0),
                     overlay);
  ImGui::PopStyleColor();
}

// A bullet whose text wraps at the window's edge (a played call's line is long).
void bullet_wrapped(const std::string& text) {
  ImGui::Bullet();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

void draw_plan(State& state, TrainingPanel& p) {
  const arlab::GameState& g = p.game;
  ImGui::Text("This week's plan (%zu %s)", p.plan.moves.size(),
              p.plan.moves.size() == 1 ? "move" : "moves");
  int remove = -1, up = -1;
  for (size_t k = 0; k < p.plan.moves.size(); ++k) {
    ImGui::PushID(int(k));
    if (ImGui::SmallButton("x")) remove = int(k);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove");
    ImGui::SameLine();
    ImGui::BeginDisabled(k == 0);
    if (ImGui::SmallButton("^")) up = int(k);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Earlier");
    ImGui::SameLine();
    const arlab::Move& m = p.plan.moves[k];
    // A call played in the Call section: said so, its choices (move_text's) on hover.
    arlab::Move shown = m;
    shown.choices.clear();
    ImGui::Text("%zu. %s%s (%d min)", k + 1, arlab::move_text(shown).c_str(),
                m.choices.empty() ? "" : ", the conversation played",
                arlab::move_minutes(g.scenario.minutes, m.kind));
    if (!m.choices.empty() && ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", arlab::move_text(m).c_str());
    ImGui::PopID();
  }
  if (remove >= 0) p.plan.moves.erase(p.plan.moves.begin() + remove), p.refused.clear();
  if (up > 0) std::swap(p.plan.moves[size_t(up)], p.plan.moves[size_t(up) - 1]), p.refused.clear();
  if (ImGui::Button("Play week")) play_plan(state, p);
  ui::mark("training-play");
  ImGui::SameLine();
  if (ImGui::Button("What would the practice do?")) show_hint(p);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The by-the-book moves for this week (counted as a hint in your result)");
  if (!p.refused.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ui::palette().bad, "Refused, nothing played: %s", p.refused.c_str());
    ImGui::PopTextWrapPos();
  }
  if (p.hint_week == g.week) {
    ImGui::TextDisabled("The practice would:");
    for (const arlab::Move& m : p.hint.moves) bullet_wrapped(arlab::move_text(m));
    if (p.hint.moves.empty()) ImGui::BulletText("do nothing this week");
    if (ImGui::SmallButton("Use these moves")) {
      p.plan = p.hint;
      p.refused.clear();
    }
  }
}

void draw_week_log(const arlab::WeekLog& w) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text("Week %d, %s to %s: %d minutes", w.week, arlab::format_date(w.first).c_str(),
              arlab::format_date(w.last).c_str(), w.minutes);
  for (const std::string& line : w.done) bullet_wrapped("You: " + line);
  for (const std::string& line : w.events) bullet_wrapped(line);
  if (w.done.empty() && w.events.empty()) ImGui::TextDisabled("Nothing done, nothing happened.");
  ImGui::PopTextWrapPos();
}

void draw_charts(TrainingPanel& p) {
  const arlab::GameState& g = p.game;
  if (g.log.empty()) return;
  std::vector<std::string> labels;
  std::vector<std::optional<double>> cash, dso, overdue, relation;
  const double unit = [&] {
    double u = 1;
    for (int k = 0; k < g.book.minor_digits; ++k) u *= 10;
    return u;
  }();
  for (const arlab::WeekLog& w : g.log) {
    labels.push_back("W" + std::to_string(w.week));
    cash.push_back(double(w.cash_minor) / unit);
    dso.push_back(w.dso_centidays < 0 ? std::optional<double>() : double(w.dso_centidays) / 100.0);
    overdue.push_back(double(w.overdue_minor) / unit);
    relation.push_back(double(w.relationship));
  }
  const ui::Palette& pal = ui::palette();
  const float w = std::max(ui::px(200), (ImGui::GetContentRegionAvail().x - ui::px(12)) / 2);
  const ImVec2 size(w, ui::px(150));
  auto tip = [&](const char* what, const std::vector<std::optional<double>>& v) {
    return [&, what](size_t i) {
      const arlab::WeekLog& x = g.log[i];
      std::string value =
          std::string(what) == "cash"      ? money(g, x.cash_minor)
          : std::string(what) == "overdue" ? money(g, x.overdue_minor)
          : std::string(what) == "dso"
              ? (x.dso_centidays < 0 ? std::string("none")
                                     : arlab::format_amount(x.dso_centidays, 2) + " days")
              : std::to_string(x.relationship);
      (void)v;
      return "Week " + std::to_string(x.week) + ": " + value;
    };
  };
  ui::line_chart("##t_cash", labels, {{"Cash collected", pal.good, cash}}, "", 0, size,
                 tip("cash", cash));
  ImGui::SameLine();
  ui::line_chart("##t_dso", labels, {{"DSO", pal.accent, dso}}, " d", 0, size, tip("dso", dso),
                 {{"Goal", pal.warn, double(g.scenario.goals.dso_days)}});
  ui::line_chart("##t_overdue", labels, {{"Overdue", pal.bad, overdue}}, "", 0, size,
                 tip("overdue", overdue));
  ImGui::SameLine();
  ui::line_chart("##t_rel", labels, {{"Relationship", pal.accent, relation}}, "", 100, size,
                 tip("relationship", relation));
}

void draw_game_header(TrainingPanel& p) {
  const arlab::GameState& g = p.game;
  ui::heading(g.scenario.title.c_str());
  ImGui::SameLine();
  if (g.over()) {
    ImGui::TextDisabled("over after %d %s", g.weeks, g.weeks == 1 ? "week" : "weeks");
  } else {
    const arlab::Date first = g.today();
    ImGui::TextDisabled("week %d of %d, %s to %s, %d minutes", g.week + 1, g.weeks,
                        arlab::format_date(first).c_str(), arlab::format_date(first + 6).c_str(),
                        g.scenario.minutes_per_week);
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Restart")) p.confirm_restart = true;
  ImGui::SameLine();
  if (ImGui::SmallButton("Other scenario")) {
    if (g.over())
      abandon_game(p);
    else
      p.confirm_pick = true;
  }
}

void draw_confirms(State& state, TrainingPanel& p) {
  if (p.confirm_restart) {
    ImGui::OpenPopup("Restart the game?");
    p.confirm_restart = false;
  }
  if (p.confirm_pick) {
    ImGui::OpenPopup("Leave the game?");
    p.confirm_pick = false;
  }
  if (ImGui::BeginPopupModal("Restart the game?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("The weeks played of %s are lost (a finished game stays in Progress).",
                p.game.scenario.title.c_str());
    if (ImGui::Button("Restart")) {
      restart_game(state, p);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
      ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopupModal("Leave the game?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("The game in progress (%d of %d weeks played) is lost.", p.game.week, p.game.weeks);
    if (ImGui::Button("Leave it")) {
      abandon_game(p);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
      ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

// ---- [SECTION] Drawing: the debrief ---------------------------------------------------------

// Two bars a part (the trainee's, by the book), 0-100, side by side with their numbers.
void score_bars(const arlab::GameScore& you, const arlab::GameScore& book) {
  const ui::Palette& pal = ui::palette();
  const char* names[] = {"Cash", "DSO", "Bad debt", "Relationship", "Total"};
  const int a[] = {you.cash, you.dso, you.bad_debt, you.relationship, you.total};
  const int b[] = {book.cash, book.dso, book.bad_debt, book.relationship, book.total};
  const float width = std::min(ImGui::GetContentRegionAvail().x, ui::px(560));
  const float height = ui::px(170);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const float top = origin.y + line + ui::px(4), bottom = origin.y + height - line - ui::px(4);
  const float group = width / 5.0f, bar = std::min(group * 0.32f, ui::px(36));
  const ImU32 ca = ImGui::GetColorU32(pal.accent), cb = ImGui::GetColorU32(pal.text_muted);
  dl->AddLine(ImVec2(origin.x, bottom), ImVec2(origin.x + width, bottom),
              ImGui::GetColorU32(pal.chart_grid));
  for (int k = 0; k < 5; ++k) {
    const float cx = origin.x + group * (float(k) + 0.5f);
    for (int side = 0; side < 2; ++side) {
      const int v = side ? b[k] : a[k];
      const float x0 = side ? cx + ui::px(2) : cx - bar - ui::px(2);
      const float y0 = bottom - (bottom - top) * float(std::clamp(v, 0, 100)) / 100.0f;
      dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + bar, bottom), side ? cb : ca);
      const std::string t = std::to_string(v);
      const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
      dl->AddText(ImVec2(x0 + (bar - ts.x) / 2, y0 - line), ImGui::GetColorU32(ImGuiCol_Text),
                  t.c_str());
    }
    const ImVec2 ns = ImGui::CalcTextSize(names[k]);
    dl->AddText(ImVec2(cx - ns.x / 2, bottom + ui::px(2)), ImGui::GetColorU32(ImGuiCol_Text),
                names[k]);
  }
  ImGui::Dummy(ImVec2(width, height));
  ImGui::ColorButton("##you", pal.accent, ImGuiColorEditFlags_NoTooltip, ImVec2(line, line));
  ImGui::SameLine();
  ImGui::TextUnformatted("You");
  ImGui::SameLine();
  ImGui::ColorButton("##book", pal.text_muted, ImGuiColorEditFlags_NoTooltip, ImVec2(line, line));
  ImGui::SameLine();
  ImGui::TextUnformatted("By the book");
}

void draw_debrief(TrainingPanel& p) {
  const arlab::GameState& g = p.game;
  if (!p.debrief) p.debrief = arlab::debrief(g);
  const arlab::Debrief& d = *p.debrief;
  const arlab::GameScore& s = d.score;
  ui::heading("Debrief");
  ImGui::Text("Your score: %d of 100; the same %d %s played by the book: %d", s.total, g.weeks,
              g.weeks == 1 ? "week" : "weeks", d.by_the_book.total);
  score_bars(s, d.by_the_book);
  if (ImGui::BeginTable("##score", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    for (const char* h : {"Part", "You", "By the book", "Figure"}) ImGui::TableSetupColumn(h);
    ui::headers_row();
    auto row = [&](const char* name, int you, int book, const std::string& figure) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name);
      ImGui::TableNextColumn();
      ui::text_right(std::to_string(you));
      ImGui::TableNextColumn();
      ui::text_right(std::to_string(book));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(figure.c_str());
    };
    row("Cash", s.cash, d.by_the_book.cash,
        money(g, s.cash_minor) + " collected of " + money(g, s.cash_goal_minor));
    row("DSO", s.dso, d.by_the_book.dso,
        (s.dso_centidays < 0 ? std::string("none")
                             : arlab::format_amount(s.dso_centidays, 2) + " days") +
            " (goal " + std::to_string(s.dso_goal_days) + ")");
    row("Bad debt", s.bad_debt, d.by_the_book.bad_debt,
        money(g, s.bad_debt_minor) + " written off (at most " + money(g, s.bad_debt_max_minor) +
            ")");
    row("Relationship", s.relationship, d.by_the_book.relationship,
        "the customers' average at the end");
    row("Total", s.total, d.by_the_book.total, "weighted by the scenario");
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ui::heading("Week by week");
  for (size_t i = 0; i < d.weeks.size(); ++i) {
    const arlab::DebriefWeek& w = d.weeks[i];
    ImGui::PushID(int(i));
    std::string title =
        "Week " + std::to_string(w.week) +
        (w.advice.empty() ? "" : " (" + std::to_string(w.advice.size()) + " advice)");
    if (ImGui::TreeNodeEx(title.c_str(), w.advice.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) {
      ImGui::PushTextWrapPos(0.0f);
      for (const std::string& line : w.did) bullet_wrapped("You: " + line);
      for (const std::string& line : w.happened) bullet_wrapped(line);
      for (const arlab::DebriefAdvice& a : w.advice) {
        ImGui::Bullet();
        ImGui::TextColored(ui::palette().warn, "%s", a.text.c_str());
        practice_tooltip(a.practice);
        ImGui::SameLine();
        const arlab::Practice* pr = arlab::find_practice(a.practice);
        ImGui::TextDisabled("[%s]", pr ? pr->title : a.practice.c_str());
        practice_tooltip(a.practice);
      }
      ImGui::PopTextWrapPos();
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

void draw_game(State& state, TrainingPanel& p) {
  if (!p.playing) {
    draw_picker(state, p);
    return;
  }
  draw_game_header(p);
  draw_confirms(state, p);
  ImGui::BeginChild("##train_game", ImVec2(0, 0), false);
  if (p.game.over()) {
    draw_debrief(p);
  } else {
    ui::heading("Your customers");
    draw_portfolio(p);
    ImGui::Spacing();
    ui::heading("Moves");
    draw_builder(state, p);
    draw_plan(state, p);
  }
  if (!p.game.log.empty()) {
    ImGui::Spacing();
    ui::heading("What happened last week");
    draw_week_log(p.game.log.back());
    ImGui::Spacing();
    ui::heading("Across the weeks");
    draw_charts(p);
  }
  ImGui::EndChild();
}

// ---- [SECTION] Drawing: progress and class ---------------------------------------------------

// ---- [SECTION] Exercises and the call ------------------------------------------------------

// The scenario the exercises are of: the game's while one is played, else the picked one.
const arlab::Scenario* exercises_scenario(const TrainingPanel& p) {
  if (p.playing) return &p.game.scenario;
  if (p.picked >= 0 && size_t(p.picked) < p.catalog.size()) return &p.catalog[p.picked].scenario;
  return nullptr;
}

void draw_exercises(TrainingPanel& p) {
  const arlab::Scenario* s = exercises_scenario(p);
  if (!s) {
    ImGui::TextDisabled("Pick a scenario in Game: the exercises are made from its book.");
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", (s->title + ": exercises made from its book on " +
                             arlab::format_date(s->start) +
                             " by arlab's own engines; each answer is checked and explained "
                             "with their working. Checked exercises go with the game's result.")
                                .c_str());
  ImGui::PopTextWrapPos();
  ImGui::BeginChild("##exercises", ImVec2(0, 0), false);
  draw_training_exercises(*s, &p.exercises);
  ImGui::EndChild();
}

// A call played to its end goes into the week's plan, and the page goes back to the game.
void add_call_to_plan(TrainingPanel& p, const arlab::Move& m) {
  p.plan.moves.push_back(m);
  p.refused.clear();
  p.done = "Added the call to " + m.customer_id + " to week " + std::to_string(p.game.week + 1) +
           "'s plan: its outcome comes when the week is played";
  p.section = int(TrainingSection::Game);
  p.select_section = true;
}

void draw_call(TrainingPanel& p) {
  if (!p.playing || p.game.over()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled(
        "Start a game in Game: a call is made on the first day of the game's next week, with "
        "the customer's book as it stands; added to the week's plan, its outcome (a payment, a "
        "promise, a dispute, a plan asked or a refusal) comes when the week is played.");
    ImGui::PopTextWrapPos();
    return;
  }
  arlab::Move m;
  ImGui::BeginChild("##call", ImVec2(0, 0), false);
  const bool added = draw_training_call(p.game, &p.call, &m);
  ImGui::EndChild();
  if (added) add_call_to_plan(p, m);
}

void draw_progress(State& state, TrainingPanel& p) {
  draw_trainee_field(p);
  ImGui::SameLine();
  ImGui::BeginDisabled(p.results.empty());
  if (ImGui::Button("Export JSON")) export_progress(state, p, true);
  ImGui::SameLine();
  if (ImGui::Button("Export CSV")) export_progress(state, p, false);
  ImGui::EndDisabled();
  if (p.results.empty()) {
    ImGui::TextDisabled("No finished game yet: play one in Game; each result is kept here.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##progress", 8, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch);
  for (const char* h : {"Trainee", "Played", "Weeks", "Score", "By the book", "Calls", "Exercises"})
    ImGui::TableSetupColumn(h, ui::kFitColumn);
  ui::headers_row();
  for (size_t k = p.results.size(); k-- > 0;) {  // Newest first.
    const arlab::TrainingResult& r = p.results[k];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::text_fit(r.title);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.trainee.empty() ? "-" : r.trainee.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.played_on.c_str());
    ImGui::TableNextColumn();
    ui::text_right(std::to_string(r.weeks_played));
    ImGui::TableNextColumn();
    ui::text_right(std::to_string(r.score.total));
    ImGui::TableNextColumn();
    ui::text_right(std::to_string(r.by_the_book.total));
    // The calls played as conversations (their mean score) and the exercises checked.
    ImGui::TableNextColumn();
    int32_t call_sum = 0;
    for (const arlab::TrainingResultCall& c : r.calls) call_sum += c.score;
    ui::text_right(r.calls.empty() ? std::string("-")
                                   : std::to_string(r.calls.size()) + ", mean " +
                                         std::to_string((2 * call_sum + int32_t(r.calls.size())) /
                                                        (2 * int32_t(r.calls.size()))));
    ImGui::TableNextColumn();
    int32_t points = 0, max = 0;
    for (const arlab::TrainingResultExercise& e : r.exercises) points += e.points, max += e.max;
    ui::text_right(r.exercises.empty() ? std::string("-")
                                       : std::to_string(points) + " of " + std::to_string(max));
  }
  ImGui::EndTable();
}

std::string centi_text(int32_t centi) {
  return arlab::format_amount(centi, 2);
}

void draw_class(State& state, TrainingPanel& p) {
  if (platform::has_file_picker()) {
    if (ImGui::Button("Import results...")) {
      forget_file_picks(state);
      p.picking = TrainingPick::Results;
      platform::request_open_file(platform::OpenKind::Book);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "Result files (\"arlab-training-result/1\"), or a Progress export: one at a time");
  } else {
    ImGui::SetNextItemWidth(ui::px(360));
    ImGui::InputTextWithHint("##results_path", "result files (; between several)", p.path,
                             sizeof p.path);
    ImGui::SameLine();
    if (ImGui::Button("Import")) open_paths(state, p, true);
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(p.class_results.empty());
  if (ImGui::Button("Clear")) {
    p.class_results.clear();
    p.class_files.clear();
    p.class_summary = {};
  }
  ImGui::EndDisabled();
  const arlab::ClassSummary& s = p.class_summary;
  ImGui::Text("%zu results from %zu trainees", p.class_results.size(), s.trainees.size());
  if (s.cells.empty()) {
    ImGui::TextDisabled(
        "Import the result files of a class: each trainee's Progress export, or "
        "the results of arlab train.");
    return;
  }
  ImGui::BeginChild("##class", ImVec2(0, 0), false);
  ui::heading("Scores (the latest game of each)");
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
  const float row_h = ImGui::GetTextLineHeightWithSpacing();
  if (ImGui::BeginTable(
          "##class_table", int(s.scenarios.size()) + 1, flags,
          ImVec2(0, std::min(row_h * float(s.trainees.size() + 2) + ui::px(12), ui::px(240))))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Trainee", ui::kFitColumn);
    for (const std::string& id : s.scenarios) ImGui::TableSetupColumn(id.c_str(), ui::kFitColumn);
    ui::headers_row();
    for (const std::string& t : s.trainees) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.empty() ? "(no name)" : t.c_str());
      for (const std::string& sc : s.scenarios) {
        ImGui::TableNextColumn();
        const arlab::ClassCell* c = arlab::find_class_cell(s, t, sc);
        if (!c) {
          ImGui::TextDisabled("-");
          continue;
        }
        ImGui::Text("%d (book %d)", c->score, c->by_the_book);
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("%s: %d %s, best %d", c->title.c_str(), c->games,
                            c->games == 1 ? "game" : "games", c->best);
      }
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ui::heading("By practice");
  // A practice's exercises: points of points possible; its call rules: marks kept of marks
  // the trainees' choices touched ("-" when none).
  auto share = [](int32_t points, int32_t max) {
    return max > 0 ? std::to_string(points) + " of " + std::to_string(max) : std::string("-");
  };
  if (ImGui::BeginTable("##class_practices", 6,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    for (const char* h : {"Practice", "Results", "Average", "By the book", "Exercises",
                          "Call rules kept"})
      ImGui::TableSetupColumn(h);
    ui::headers_row();
    for (const arlab::PracticeAverage& a : s.practices) {
      const arlab::Practice* pr = arlab::find_practice(a.practice);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(pr ? pr->title : a.practice.c_str());
      practice_tooltip(a.practice);
      ImGui::TableNextColumn();
      ui::text_right(std::to_string(a.results));
      ImGui::TableNextColumn();
      ui::text_right(a.results > 0 ? centi_text(a.score_centi) : "-");
      ImGui::TableNextColumn();
      ui::text_right(a.results > 0 ? centi_text(a.by_the_book_centi) : "-");
      ImGui::TableNextColumn();
      ui::text_right(share(a.exercise_points, a.exercise_max));
      ImGui::TableNextColumn();
      ui::text_right(share(a.call_points, a.call_max));
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ui::heading("Common mistakes");
  if (s.mistakes.empty()) ImGui::TextDisabled("None: every game followed the practice.");
  if (!s.mistakes.empty() &&
      ImGui::BeginTable("##class_mistakes", 4,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("Practice", ui::kFitColumn);
    ImGui::TableSetupColumn("Times", ui::kFitColumn);
    ImGui::TableSetupColumn("Trainees", ui::kFitColumn);
    ImGui::TableSetupColumn("For example", ImGuiTableColumnFlags_WidthStretch);
    ui::headers_row();
    for (const arlab::CommonMistake& m : s.mistakes) {
      const arlab::Practice* pr = arlab::find_practice(m.practice);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(pr ? pr->title : m.practice.c_str());
      practice_tooltip(m.practice);
      ImGui::TableNextColumn();
      ui::text_right(std::to_string(m.items));
      ImGui::TableNextColumn();
      ui::text_right(std::to_string(m.trainees));
      ImGui::TableNextColumn();
      ui::text_fit(m.example);
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
}

}  // namespace

// ---- [SECTION] Page and file routing ---------------------------------------------------------

void draw_training(State& state) {
  TrainingPanel& p = panel_state<TrainingPanel>(state);
  ensure_loaded(state, p);
  if (!p.note.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ui::palette().warn, "%s", p.note.c_str());
    ImGui::PopTextWrapPos();
  }
  if (!p.done.empty()) ImGui::TextDisabled("%s", p.done.c_str());
  if (ImGui::BeginTabBar("##training_sections", ImGuiTabBarFlags_FittingPolicyScroll)) {
    for (int k = 0; k < int(std::size(kTrainingSections)); ++k) {
      ImGuiTabItemFlags flags =
          p.select_section && p.section == k ? ImGuiTabItemFlags_SetSelected : 0;
      if (!ImGui::BeginTabItem(kTrainingSections[k], nullptr, flags)) continue;
      if (!p.select_section) p.section = k;
      switch (TrainingSection(k)) {
        case TrainingSection::Game:
          draw_game(state, p);
          break;
        case TrainingSection::Exercises:
          draw_exercises(p);
          break;
        case TrainingSection::Call:
          draw_call(p);
          break;
        case TrainingSection::Progress:
          draw_progress(state, p);
          break;
        case TrainingSection::Class:
          draw_class(state, p);
          break;
      }
      ImGui::EndTabItem();
    }
    p.select_section = false;
    ImGui::EndTabBar();
  }
}

namespace {

bool is_result_list(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '[' &&
         text.find(std::string("\"") + arlab::kTrainingResultFormat + "\"") !=
             std::string_view::npos;
}

}  // namespace

int training_claim_file(const State& state, std::string_view, std::string_view text) {
  const TrainingPanel* p = find_panel_state<TrainingPanel>(state);
  if (p && p->picking != TrainingPick::None) return kClaimPicked;
  if (arlab::has_json_format(text, arlab::kScenarioFormat) ||
      arlab::has_json_format(text, arlab::kTrainingResultFormat) || is_result_list(text))
    return kClaimByFormat;
  return kClaimNone;
}

bool training_open_file(State& state, std::string_view name, std::string_view text) {
  TrainingPanel& p = panel_state<TrainingPanel>(state);
  ensure_loaded(state, p);
  const TrainingPick pick = p.picking;
  p.picking = TrainingPick::None;
  select_panel(state, "training");
  const bool results =
      pick == TrainingPick::Results ||
      (pick == TrainingPick::None &&
       (arlab::has_json_format(text, arlab::kTrainingResultFormat) || is_result_list(text)));
  if (results) return import_results(state, p, {{std::string(name), std::string(text)}}) > 0;
  return open_scenario_text(state, p, name, text);
}

void training_forget_pick(State& state) {
  if (TrainingPanel* p = const_cast<TrainingPanel*>(find_panel_state<TrainingPanel>(state)))
    p->picking = TrainingPick::None;
}

// ---- [SECTION] Scripts ---------------------------------------------------------------------

namespace {

bool command_move(const TrainingPanel& p, const nlohmann::json& j, arlab::Move* m) {
  if (!j.contains("move") || !j["move"].is_string() ||
      !arlab::parse_move_kind(j["move"].get<std::string>(), &m->kind))
    return false;
  if (!j.contains("customer") || !j["customer"].is_string()) return false;
  m->customer_id = j["customer"].get<std::string>();
  if (arlab::find_customer(p.game.book, m->customer_id) == arlab::kNone) return false;
  m->level = m->kind == arlab::MoveKind::Letter ? j.value("level", 1) : 0;
  m->instalments = m->kind == arlab::MoveKind::Plan ? j.value("instalments", 4) : 0;
  if (m->kind == arlab::MoveKind::Escalate)
    m->level = j.value("to", std::string("management")) == "legal" ? arlab::kEscalateLegal
                                                                   : arlab::kEscalateManagement;
  return true;
}

}  // namespace

bool training_command(State& state, std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("action") || !j["action"].is_string())
    return false;
  TrainingPanel& p = panel_state<TrainingPanel>(state);
  ensure_loaded(state, p);
  const std::string action = j["action"].get<std::string>();
  const bool in_game = p.playing && !p.game.over();
  if (action == "pick") {  // {"scenario": id or index, "weeks": N (0: all)}
    int k = -1;
    if (j.contains("scenario") && j["scenario"].is_number_integer()) k = j["scenario"].get<int>();
    if (j.contains("scenario") && j["scenario"].is_string())
      for (size_t i = 0; i < p.catalog.size(); ++i)
        if (p.catalog[i].scenario.id == j["scenario"].get<std::string>()) k = int(i);
    if (k < 0 || size_t(k) >= p.catalog.size() || in_game) return false;
    if (p.playing) abandon_game(p);
    p.picked = k;
    p.weeks_choice = std::clamp(j.value("weeks", 0), 0, p.catalog[size_t(k)].scenario.weeks);
    p.section = int(TrainingSection::Game);
  } else if (action == "start") {
    if (in_game) return false;
    start_picked(state, p);
    p.section = int(TrainingSection::Game);
  } else if (action == "add-move") {
    arlab::Move m;
    if (!in_game || !command_move(p, j, &m)) return false;
    p.plan.moves.push_back(m);
    p.refused.clear();
  } else if (action == "remove-move" || action == "move-up") {
    const int k = j.value("index", -1);
    if (!in_game || k < 0 || size_t(k) >= p.plan.moves.size()) return false;
    if (action == "remove-move")
      p.plan.moves.erase(p.plan.moves.begin() + k);
    else if (k > 0)
      std::swap(p.plan.moves[size_t(k)], p.plan.moves[size_t(k) - 1]);
    p.refused.clear();
  } else if (action == "hint" || action == "use-hint") {
    if (!in_game) return false;
    show_hint(p);
    if (action == "use-hint") p.plan = p.hint;
  } else if (action == "play") {
    if (!in_game) return false;
    play_plan(state, p);  // A refused plan is refused in words ("refused"), as the button.
  } else if (action == "restart") {
    if (!p.playing) return false;
    restart_game(state, p);
  } else if (action == "leave") {
    if (!p.playing) return false;
    abandon_game(p);
  } else if (action == "trainee") {
    if (!j.contains("name") || !j["name"].is_string() ||
        j["name"].get_ref<const std::string&>().size() >= sizeof p.trainee)
      return false;
    std::snprintf(p.trainee, sizeof p.trainee, "%s", j["name"].get<std::string>().c_str());
    save_trainee(p);
  } else if (action == "show") {  // {"section": "game" | "exercises" | "call" | "progress" | "class"}
    const std::string s = j.value("section", std::string());
    int k = -1;
    for (int i = 0; i < int(std::size(kTrainingSections)); ++i) {
      std::string name = kTrainingSections[i];
      for (char& ch : name) ch = char(std::tolower(static_cast<unsigned char>(ch)));
      if (name == s) k = i;
    }
    if (k < 0) return false;
    p.section = k;
  } else if (action == "call") {  // {"customer": id, "choices": [0, 2, ...] | "ideal"}
    // The call view's conversation, choice by choice, then its move added as the button does.
    if (!in_game || !j.contains("customer") || !j["customer"].is_string()) return false;
    const arlab::Index c = arlab::find_customer(p.game.book, j["customer"].get<std::string>());
    if (c == arlab::kNone || !j.contains("choices")) return false;
    std::vector<int32_t> choices;
    if (j["choices"] == "ideal") {
      choices = arlab::ideal_choices(p.game, c);
    } else if (j["choices"].is_array()) {
      for (const nlohmann::json& k : j["choices"]) {
        if (!k.is_number_integer()) return false;
        choices.push_back(k.get<int32_t>());
      }
    } else {
      return false;
    }
    p.call = CallView{};
    p.call.customer_id = j["customer"].get<std::string>();
    p.call.started = true;
    p.call.week = p.game.week + 1;
    p.call.call = arlab::start_call(p.game, c);
    std::string why;
    for (int32_t k : choices)
      if (!arlab::choose(&p.call.call, k, &why)) return false;
    if (!arlab::finished(p.call.call)) return false;
    p.call.added = true;
    add_call_to_plan(p, arlab::Move{arlab::MoveKind::Call, p.call.customer_id, 0, 0, choices});
  } else if (action == "export") {  // {"format": "json" | "csv"}
    export_progress(state, p, j.value("format", std::string("json")) == "json");
  } else if (action == "clear-class") {
    p.class_results.clear();
    p.class_files.clear();
    p.class_summary = {};
  } else {
    return false;
  }
  p.select_section = true;
  select_panel(state, "training");
  return true;
}

std::string training_status_json(const State& state) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  const TrainingPanel* pp = find_panel_state<TrainingPanel>(state);
  if (!pp || !pp->loaded) return j.dump();
  const TrainingPanel& p = *pp;
  j["section"] = kTrainingSections[std::clamp(p.section, 0, int(std::size(kTrainingSections)) - 1)];
  nlohmann::ordered_json catalog = nlohmann::ordered_json::array();
  for (const TrainingCatalogEntry& e : p.catalog)
    catalog.push_back({{"id", e.scenario.id},
                       {"title", e.scenario.title},
                       {"level", arlab::scenario_level_name(e.scenario.level)},
                       {"weeks", e.scenario.weeks},
                       {"builtin", e.builtin}});
  j["catalog"] = catalog;
  j["picked"] = p.picked;
  j["trainee"] = p.trainee;
  j["playing"] = p.playing;
  if (p.playing) {
    const arlab::GameState& g = p.game;
    j["scenario"] = g.scenario.id;
    j["weeks"] = g.weeks;
    j["week"] = g.week;
    j["over"] = g.over();
    nlohmann::ordered_json plan = nlohmann::ordered_json::array();
    for (const arlab::Move& m : p.plan.moves) plan.push_back(arlab::move_text(m));
    j["plan"] = plan;
    j["minutes_left"] = g.scenario.minutes_per_week - plan_minutes(g, p.plan);
    j["refused"] = p.refused;
    j["hints"] = p.hints;
    nlohmann::ordered_json log = nlohmann::ordered_json::array();
    for (const arlab::WeekLog& w : g.log)
      log.push_back({{"week", w.week},
                     {"moves", w.moves.size()},
                     {"cash", w.cash_minor},
                     {"done", w.done},
                     {"events", w.events}});
    j["log"] = log;
    nlohmann::ordered_json calls = nlohmann::ordered_json::array();
    for (const arlab::WeekLog& w : g.log)
      for (const arlab::CallPlayed& c : w.calls)
        calls.push_back({{"week", w.week},
                         {"customer", c.customer_id},
                         {"score", c.total},
                         {"outcome", c.outcome}});
    j["calls"] = calls;
    if (p.debrief)
      j["debrief"] = {{"total", p.debrief->score.total},
                      {"by_the_book", p.debrief->by_the_book.total},
                      {"advice", [&] {
                         size_t n = 0;
                         for (const arlab::DebriefWeek& w : p.debrief->weeks) n += w.advice.size();
                         return n;
                       }()}};
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const arlab::TrainingResult& r : p.results)
    results.push_back({{"scenario", r.scenario},
                       {"title", r.title},
                       {"trainee", r.trainee},
                       {"played_on", r.played_on},
                       {"weeks", r.weeks_played},
                       {"total", r.score.total},
                       {"by_the_book", r.by_the_book.total},
                       {"calls", r.calls.size()},
                       {"exercises", r.exercises.size()}});
  j["results"] = results;
  j["exercises"] = {{"scenario", p.exercises.key},
                    {"count", p.exercises.exercises.size()},
                    {"right", exercises_right(p.exercises)}};
  const arlab::ClassSummary& s = p.class_summary;
  nlohmann::ordered_json cells = nlohmann::ordered_json::array();
  for (const arlab::ClassCell& c : s.cells)
    cells.push_back({{"trainee", c.trainee},
                     {"scenario", c.scenario},
                     {"score", c.score},
                     {"by_the_book", c.by_the_book},
                     {"games", c.games}});
  nlohmann::ordered_json practices = nlohmann::ordered_json::array();
  for (const arlab::PracticeAverage& a : s.practices)
    practices.push_back({{"practice", a.practice},
                         {"results", a.results},
                         {"average", centi_text(a.score_centi)},
                         {"by_the_book", centi_text(a.by_the_book_centi)},
                         {"exercise_points", a.exercise_points},
                         {"exercise_max", a.exercise_max},
                         {"call_points", a.call_points},
                         {"call_max", a.call_max}});
  nlohmann::ordered_json mistakes = nlohmann::ordered_json::array();
  for (const arlab::CommonMistake& m : s.mistakes)
    mistakes.push_back({{"practice", m.practice}, {"items", m.items}, {"trainees", m.trainees}});
  j["class"] = {{"results", p.class_results.size()},
                {"files", p.class_files},
                {"trainees", s.trainees},
                {"cells", cells},
                {"practices", practices},
                {"mistakes", mistakes}};
  j["done"] = p.done;
  j["note"] = p.note;
  return j.dump();
}

}  // namespace app
