// docs.h: the docs that hold the formulas (docs/METRICS.md, COMMISSION.md, FORMAT.md,
// IMPORT.md), embedded at build time (assets/CMakeLists.txt, library arlab_docs) for the
// app's Help window: shown offline, always the text of this build.
//
// Usage:
//   for (const arlab::EmbeddedDoc& d : arlab::kEmbeddedDocs) draw(d.title, d.markdown());
#pragma once
#include <string_view>

namespace arlab {

// The bytes of docs/<NAME>.md, not 0-terminated.
std::string_view doc_metrics_md();
std::string_view doc_commission_md();
std::string_view doc_format_md();
std::string_view doc_import_md();

struct EmbeddedDoc {
  const char* file_name;  // "METRICS.md"
  const char* title;      // What the Help window lists: "Metrics (DSO, CEI, ...)"
  std::string_view (*markdown)();
};

inline constexpr EmbeddedDoc kEmbeddedDocs[] = {
    {"METRICS.md", "Metrics: DSO, CEI, days to pay, interest", doc_metrics_md},
    {"COMMISSION.md", "Commission plans and statements", doc_commission_md},
    {"FORMAT.md", "The book's format and its rules", doc_format_md},
    {"IMPORT.md", "Importing a CSV export", doc_import_md},
};

}  // namespace arlab
