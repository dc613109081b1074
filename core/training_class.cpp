// training_class.cpp: the class summary of training results (core/training_class.h).
#include "core/training_class.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/scenario.h"

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
    for (const TrainingAdviceItem& a : r.advice) {
      Mistakes& m = mistakes[a.practice];
      if (m.items++ == 0) m.example = a.text;
      m.trainees.insert(r.trainee);
    }
  }
  for (const auto& [id, x] : sums)
    s.practices.push_back(
        {id, int32_t(x.count), mean_centi(x.score, x.count), mean_centi(x.book, x.count)});
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
