// training_class.cpp: the class summary of training results (core/training_class.h).
#include "core/training_class.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/scenario.h"
#include "core/training_call.h"

namespace arlab {

namespace {

// Hundredths of the mean, rounded half up (totals are 0-100, so no overflow).
int32_t mean_centi(int64_t sum, int64_t count) {
  if (count <= 0) return 0;
  return int32_t((sum * 200 + count) / (2 * count));
}

// Teaching order of a practice id; unknown ids after every known one.
size_t practice_rank(const std::string& id) {
  const std::vector<Practice>& all = practices();
  for (size_t k = 0; k < all.size(); ++k)
    if (id == all[k].id) return k;
  return all.size();
}

bool practice_before(const std::string& a, const std::string& b) {
  size_t ra = practice_rank(a), rb = practice_rank(b);
  return ra != rb ? ra < rb : a < b;
}

}  // namespace

ClassSummary summarize_class(const std::vector<TrainingResult>& results) {
  ClassSummary s;
  // The counted result of each (trainee, scenario): the latest played_on, then the last given.
  std::map<std::pair<std::string, std::string>, ClassCell> cells;
  for (size_t i = 0; i < results.size(); ++i) {
    const TrainingResult& r = results[i];
    if (std::find(s.scenarios.begin(), s.scenarios.end(), r.scenario) == s.scenarios.end())
      s.scenarios.push_back(r.scenario);
    auto [it, fresh] = cells.try_emplace({r.trainee, r.scenario});
    ClassCell& c = it->second;
    if (fresh || r.played_on >= results[c.result].played_on) {
      c.result = i;
      c.score = r.score.total;
      c.by_the_book = r.by_the_book.total;
      c.title = r.title;
    }
    c.trainee = r.trainee;
    c.scenario = r.scenario;
    c.best = fresh ? r.score.total : std::max(c.best, r.score.total);
    ++c.games;
  }
  std::set<std::string> trainees;
  for (const auto& [key, cell] : cells) trainees.insert(key.first);
  s.trainees.assign(trainees.begin(), trainees.end());
  for (const std::string& t : s.trainees)
    for (const std::string& sc : s.scenarios) {
      auto it = cells.find({t, sc});
      if (it != cells.end()) s.cells.push_back(it->second);
    }

  // Averages by practice and the mistakes, over the counted results.
  struct Sums {
    int64_t count = 0, score = 0, book = 0;
    int64_t exercise_points = 0, exercise_max = 0, call_points = 0, call_max = 0;
  };
  std::map<std::string, Sums> sums;
  struct Mistakes {
    int32_t items = 0;
    std::set<std::string> trainees;
    std::string example;
  };
  std::map<std::string, Mistakes> mistakes;
  for (const ClassCell& c : s.cells) {
    const TrainingResult& r = results[c.result];
    std::set<std::string> taught(r.practices.begin(), r.practices.end());  // Each once.
    for (const std::string& p : taught) {
      Sums& x = sums[p];
      ++x.count;
      x.score += r.score.total;
      x.book += r.by_the_book.total;
    }
    auto mistake = [&](const std::string& practice, const std::string& text) {
      Mistakes& m = mistakes[practice];
      if (m.items++ == 0) m.example = text;
      m.trainees.insert(r.trainee);
    };
    for (const TrainingAdviceItem& a : r.advice) mistake(a.practice, a.text);
    for (const TrainingResultExercise& e : r.exercises)
      for (const std::string& p : e.practices) {
        Sums& x = sums[p];
        x.exercise_points += e.points;
        x.exercise_max += e.max;
        if (e.points < e.max)
          mistake(p, "exercise " + e.kind + ": " + std::to_string(e.points) + " of " +
                         std::to_string(e.max) + " points");
      }
    for (const TrainingResultCall& call : r.calls) {
      for (size_t k = 0; k < call.points.size() && k < call.max.size() && k < size_t(kCallRuleCount); ++k) {
        Sums& x = sums[call_rule(int32_t(k + 1)).practice];
        x.call_points += call.points[k];
        x.call_max += call.max[k];
      }
      for (int32_t id : call.broken)
        if (id >= 1 && id <= int32_t(kCallRuleCount))
          mistake(call_rule(id).practice, "call to " + call.customer + " in week " +
                                              std::to_string(call.week) + ": rule " +
                                              std::to_string(id) + ", " + call_rule(id).name +
                                              ", broken");
    }
  }
  for (const auto& [id, x] : sums) {
    PracticeAverage a{id, int32_t(x.count), mean_centi(x.score, x.count),
                      mean_centi(x.book, x.count)};
    a.exercise_points = int32_t(x.exercise_points);
    a.exercise_max = int32_t(x.exercise_max);
    a.call_points = int32_t(x.call_points);
    a.call_max = int32_t(x.call_max);
    s.practices.push_back(a);
  }
  std::sort(s.practices.begin(), s.practices.end(),
            [](const PracticeAverage& a, const PracticeAverage& b) {
              return practice_before(a.practice, b.practice);
            });
  for (const auto& [id, m] : mistakes)
    s.mistakes.push_back({id, m.items, int32_t(m.trainees.size()), m.example});
  std::sort(s.mistakes.begin(), s.mistakes.end(),
            [](const CommonMistake& a, const CommonMistake& b) {
              if (a.items != b.items) return a.items > b.items;
              if (a.trainees != b.trainees) return a.trainees > b.trainees;
              return practice_before(a.practice, b.practice);
            });
  return s;
}

const ClassCell* find_class_cell(const ClassSummary& s, const std::string& trainee,
                                 const std::string& scenario) {
  for (const ClassCell& c : s.cells)
    if (c.trainee == trainee && c.scenario == scenario) return &c;
  return nullptr;
}

}  // namespace arlab
