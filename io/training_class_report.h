// training_class_report.h: a trainer's class summary (core/training_class.h) as the CLI prints
// it: `arlab class RESULT.json...` (docs/TRAINING.md "A class in the CLI"), as a table, as JSON
// ("arlab-training-class/1") or as long CSV (one figure a row, for a spreadsheet's pivot).
//
// Usage:
//   arlab::ClassSummary s = arlab::summarize_class(results);
//   std::string text = arlab::class_summary_table(s, results.size());
//
// Tests: tests/cli/cmd-class.test.
#pragma once
#include <string>

#include "core/training_class.h"

namespace arlab {

constexpr const char* kTrainingClassFormat = "arlab-training-class/1";

std::string class_summary_table(const ClassSummary& s, size_t results);
std::string class_summary_json(const ClassSummary& s, size_t results);
// section,trainee,scenario,practice,measure,value
std::string class_summary_csv(const ClassSummary& s);

}  // namespace arlab
