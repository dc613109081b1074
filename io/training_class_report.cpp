// training_class_report.cpp: the class summary as table, JSON and CSV (training_class_report.h).
#include "io/training_class_report.h"

#include <nlohmann/json.hpp>

#include "core/money.h"
#include "core/scenario.h"
#include "io/cells.h"

namespace arlab {

namespace {

std::string centi(int32_t c) { return format_amount(c, 2); }

// "7 of 9", or "-" when nothing was possible.
std::string share(int32_t points, int32_t max) {
  return max > 0 ? std::to_string(points) + " of " + std::to_string(max) : "-";
}

std::string practice_title(const std::string& id) {
  const Practice* p = find_practice(id);
  return p ? p->title : id;
}

}  // namespace

std::string class_summary_table(const ClassSummary& s, size_t results) {
  std::string out = "Class: " + std::to_string(results) + (results == 1 ? " result" : " results") +
                    " of " + std::to_string(s.trainees.size()) +
                    (s.trainees.size() == 1 ? " trainee" : " trainees") + ", " +
                    std::to_string(s.scenarios.size()) +
                    (s.scenarios.size() == 1 ? " scenario" : " scenarios") +
                    " (the latest game of each trainee and scenario counts)\n\n";
  std::vector<std::vector<std::string>> rows = {
      {"Trainee", "Scenario", "Score", "By the book", "Best", "Games"}};
  for (const ClassCell& c : s.cells)
    rows.push_back({table_text(c.trainee.empty() ? "-" : c.trainee), table_text(c.scenario),
                    std::to_string(c.score), std::to_string(c.by_the_book),
                    std::to_string(c.best), std::to_string(c.games)});
  out += text_columns(rows, {false, false, true, true, true, true}) + "\n";
  rows = {{"Practice", "Results", "Average", "By the book", "Exercises", "Call rules kept"}};
  for (const PracticeAverage& a : s.practices)
    rows.push_back({table_text(practice_title(a.practice)), std::to_string(a.results),
                    a.results ? centi(a.score_centi) : "-",
                    a.results ? centi(a.by_the_book_centi) : "-",
                    share(a.exercise_points, a.exercise_max), share(a.call_points, a.call_max)});
  out += text_columns(rows, {false, true, true, true, true, true}) + "\n";
  if (s.mistakes.empty()) return out + "Common mistakes: none, every game followed the practice.\n";
  rows = {{"Common mistake", "Times", "Trainees", "For example"}};
  for (const CommonMistake& m : s.mistakes)
    rows.push_back({table_text(practice_title(m.practice)), std::to_string(m.items),
                    std::to_string(m.trainees), table_text(m.example)});
  return out + text_columns(rows, {false, true, true, false});
}

std::string class_summary_json(const ClassSummary& s, size_t results) {
  nlohmann::ordered_json j;
  j["format"] = kTrainingClassFormat;
  j["results"] = results;
  j["trainees"] = s.trainees;
  j["scenarios"] = s.scenarios;
  j["cells"] = nlohmann::ordered_json::array();
  for (const ClassCell& c : s.cells)
    j["cells"].push_back({{"trainee", c.trainee},
                          {"scenario", c.scenario},
                          {"title", c.title},
                          {"score", c.score},
                          {"by_the_book", c.by_the_book},
                          {"best", c.best},
                          {"games", c.games}});
  j["practices"] = nlohmann::ordered_json::array();
  for (const PracticeAverage& a : s.practices)
    j["practices"].push_back({{"practice", a.practice},
                              {"results", a.results},
                              {"average", centi(a.score_centi)},
                              {"by_the_book", centi(a.by_the_book_centi)},
                              {"exercise_points", a.exercise_points},
                              {"exercise_max", a.exercise_max},
                              {"call_points", a.call_points},
                              {"call_max", a.call_max}});
  j["mistakes"] = nlohmann::ordered_json::array();
  for (const CommonMistake& m : s.mistakes)
    j["mistakes"].push_back({{"practice", m.practice},
                             {"items", m.items},
                             {"trainees", m.trainees},
                             {"example", m.example}});
  return j.dump(2) + "\n";
}

std::string class_summary_csv(const ClassSummary& s) {
  std::string out = "section,trainee,scenario,practice,measure,value\n";
  auto row = [&](std::string_view section, std::string_view trainee, std::string_view scenario,
                 std::string_view practice, std::string_view measure, const std::string& value) {
    for (std::string_view cell : {section, trainee, scenario, practice, measure}) {
      append_csv_text(out, cell);
      out += ',';
    }
    append_csv_text(out, value);
    out += '\n';
  };
  for (const ClassCell& c : s.cells) {
    row("cell", c.trainee, c.scenario, "", "score", std::to_string(c.score));
    row("cell", c.trainee, c.scenario, "", "by_the_book", std::to_string(c.by_the_book));
    row("cell", c.trainee, c.scenario, "", "best", std::to_string(c.best));
    row("cell", c.trainee, c.scenario, "", "games", std::to_string(c.games));
  }
  for (const PracticeAverage& a : s.practices) {
    row("practice", "", "", a.practice, "results", std::to_string(a.results));
    row("practice", "", "", a.practice, "average", centi(a.score_centi));
    row("practice", "", "", a.practice, "by_the_book", centi(a.by_the_book_centi));
    row("practice", "", "", a.practice, "exercise_points", std::to_string(a.exercise_points));
    row("practice", "", "", a.practice, "exercise_max", std::to_string(a.exercise_max));
    row("practice", "", "", a.practice, "call_points", std::to_string(a.call_points));
    row("practice", "", "", a.practice, "call_max", std::to_string(a.call_max));
  }
  for (const CommonMistake& m : s.mistakes) {
    row("mistake", "", "", m.practice, "items", std::to_string(m.items));
    row("mistake", "", "", m.practice, "trainees", std::to_string(m.trainees));
  }
  return out;
}

}  // namespace arlab
