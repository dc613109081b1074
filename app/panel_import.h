// panel_import.h: the Import CSV tab's state (app/panel_import.cpp draws it). A member of
// State (state.import): File > Import CSV and the file routing reach it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/book.h"
#include "io/csv_import.h"

namespace app {

// The Import CSV tab (app/panel_import.cpp): a spreadsheet export read into a new book
// through a column mapping edited here (io/csv_import.h, docs/IMPORT.md). The header, the
// preview and a dry run of the whole import are rebuilt once per change of the file or of
// the mapping (compared through write_csv_map), never per frame.
enum class ImportRole : uint8_t {
  InvoiceId, CustomerId, CustomerName, InvoiceDate, DueDate, Amount, SettledDate, Disputed, Count
};
constexpr int kImportRoleCount = static_cast<int>(ImportRole::Count);
enum class ImportPick : uint8_t { None, Csv, Map };  // What the file picker was opened for.

struct ImportPreviewRow {  // A CSV row as it would import, as texts for the preview table.
  uint32_t line = 0;
  std::array<std::string, kImportRoleCount> cells;
  std::array<bool, kImportRoleCount> bad{};  // The cell would be refused.
};

struct ImportPanel {
  ImportPick picking = ImportPick::None;
  std::string file_name;         // The CSV read ("" before one is).
  std::string text;              // Its bytes.
  uint64_t text_generation = 0;  // Bumps on each CSV read.
  char path[512] = "";           // Desktop: path of the CSV.
  char map_path[512] = "";       // Desktop: path of a mapping file.
  arlab::CsvMap map;             // The mapping being edited.
  char currency[8] = "USD";      // Copied into map.currency when valid.
  std::string map_source;        // Where the mapping came from: "(guessed)", a file name.
  std::vector<arlab::Problem> map_problems;  // Of the last mapping file that was refused.
  bool confirm_popup = false;    // Open "Replace the current book?" next frame.
  // Derived from (text, map): rebuilt when either changes.
  uint64_t built_text_generation = ~0ull;
  std::string built_map_json;
  std::vector<std::string> header;   // Names in the CSV's first line.
  std::string settings_error;        // The mapping cannot be used as it is (no dry run).
  std::vector<ImportPreviewRow> preview;  // The first rows.
  arlab::CsvImportResult dry_run;    // import_csv of the whole file with the mapping.
  int64_t dry_run_total_minor = 0;   // Sum of its invoices.
  uint64_t dry_run_count = 0;        // How many dry runs were made (tests).
  double dry_run_ms = 0;
};

struct State;
// The registry's FileRoute (panels.h): a ".csv" or ".map.json", or any file the tab's
// pickers were opened for (a CSV, a mapping).
int import_claim_file(const State& state, std::string_view name, std::string_view text);
bool import_open_file(State& state, std::string_view name, std::string_view text);
void import_forget_pick(State& state);

}  // namespace app
