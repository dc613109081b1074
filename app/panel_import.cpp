// panel_import.cpp: the Import CSV tab (issue 4, "an import dialog in the app"): a spreadsheet
// export with one row per invoice becomes a new book through a column mapping (io/csv_import.h,
// docs/IMPORT.md), edited here: a combo per field listing the file's header names (guessed
// from the names when a file is read), the date format, separators, currency and terms. A
// mapping can be loaded (a .map.json file or the embedded IBM preset) and saved (exported as
// the JSON `arlab import-csv --map` reads).
//
// Files arrive through app::open_file_text (browser: the picker or a drop anywhere on the
// page; desktop: a path typed here, or a drop on the window). The header, a preview of the
// first rows as they would import, and a dry run of the whole import (row and problem counts)
// are rebuilt once per change of the file or the mapping, never per frame. "Import" replaces
// the book only when the dry run has no problem; otherwise the problems show line by line
// ("line 40: column Amount: ...") and the current book stays.
//
// [SECTION] Fields and guesses
// [SECTION] Files in
// [SECTION] Derived: header, preview, dry run
// [SECTION] Import
// [SECTION] File and mapping controls
// [SECTION] Mapping editor
// [SECTION] Preview, counts and problems
// [SECTION] Panel
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <utility>

#include "app/app_state.h"
#include "app/platform.h"
#include "app/widgets.h"
#include "assets/ibm_ar_map.h"
#include "core/date.h"
#include "core/money.h"
#include "imgui.h"
#include "io/book_json.h"

namespace app {

namespace {

// ---- [SECTION] Fields and guesses ------------------------------------------------------

struct Field {
  const char* label;
  bool required;                       // parse_csv_map refuses a mapping without it.
  std::string arlab::CsvMap::*column;  // Its header name in the mapping.
  const char* help;
  // Header names that suggest the field, lowercase letters and digits only, best first.
  std::vector<const char*> names;
};

const std::array<Field, kImportRoleCount>& fields() {
  using M = arlab::CsvMap;
  static const std::array<Field, kImportRoleCount> f = {{
      {"Invoice id", true, &M::invoice_id, "Unique in the file.",
       {"invoiceid", "invoicenumber", "invoiceno", "invoicenr", "invoice", "invno", "docno",
        "documentnumber", "number", "id"}},
      {"Customer id", true, &M::customer_id,
       "Customers are created in the order they first appear.",
       {"customerid", "customernumber", "customerno", "customer", "custid", "clientid",
        "accountid", "account", "client"}},
      {"Customer name", false, &M::customer_name,
       "The first non-empty name of each customer; without it the name is the id.",
       {"customername", "name", "clientname", "company", "companyname", "accountname"}},
      {"Invoice date", true, &M::invoice_date, nullptr,
       {"invoicedate", "date", "docdate", "issuedate", "issued", "billdate"}},
      {"Due date", false, &M::due_date,
       "Empty cells (or no column): the invoice date plus the terms days.",
       {"duedate", "due", "dueon", "paymentdue"}},
      {"Amount", true, &M::amount, "Positive, with the separators set on the right.",
       {"invoiceamount", "amount", "total", "amt", "value", "gross"}},
      {"Settled date", false, &M::settled_date,
       "A date here makes a payment of the full amount on that date, applied to the invoice.",
       {"settleddate", "settled", "paidon", "paiddate", "datepaid", "paymentdate", "cleared"}},
      {"Disputed", false, &M::disputed,
       "Yes/Y/true/1/x marks the invoice as disputed; No/N/false/0/empty does not.",
       {"disputed", "dispute", "indispute"}},
  }};
  return f;
}

std::string normalized(std::string_view name) {  // "Customer ID" -> "customerid"
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

bool in_header(const std::vector<std::string>& header, const std::string& name) {
  return std::find(header.begin(), header.end(), name) != header.end();
}

// The delimiter of the first line: the candidate found most often outside quotes.
char guess_delimiter(std::string_view text) {
  const char candidates[] = {',', ';', '\t', '|'};
  size_t counts[4] = {};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    for (int k = 0; k < 4; ++k) counts[k] += !quoted && c == candidates[k];
  }
  int best = 0;
  for (int k = 1; k < 4; ++k) {
    if (counts[k] > counts[best]) best = k;
  }
  return candidates[best];
}

// Fields the mapping does not name, or names but the header lacks, get the first header
// name (not taken by another field) that matches one of their names.
void guess_columns(arlab::CsvMap& map, const std::vector<std::string>& header) {
  std::vector<bool> taken(header.size(), false);
  for (const Field& f : fields()) {
    auto it = std::find(header.begin(), header.end(), map.*f.column);
    if (it != header.end()) taken[it - header.begin()] = true;
  }
  for (const Field& f : fields()) {
    std::string& column = map.*f.column;
    if (in_header(header, column)) continue;
    column.clear();
    for (const char* name : f.names) {
      for (size_t i = 0; i < header.size() && column.empty(); ++i) {
        if (taken[i] || normalized(header[i]) != name) continue;
        column = header[i];
        taken[i] = true;
      }
      if (!column.empty()) break;
    }
  }
}

// The date format and separators under which most of the sample's cells parse (ties: the
// first candidate, ISO dates and a decimal point).
void guess_formats(arlab::CsvMap& map, const std::vector<std::string>& header,
                   const std::vector<arlab::CsvRecord>& records) {
  auto cells = [&](const std::string& column) {
    std::vector<std::string> out;
    auto it = std::find(header.begin(), header.end(), column);
    if (column.empty() || it == header.end()) return out;
    size_t c = static_cast<size_t>(it - header.begin());
    for (size_t r = 1; r < records.size(); ++r) {
      if (c < records[r].fields.size() && !records[r].fields[c].empty()) {
        out.push_back(records[r].fields[c]);
      }
    }
    return out;
  };
  std::vector<std::string> dates = cells(map.invoice_date);
  for (const std::string* column : {&map.due_date, &map.settled_date}) {
    std::vector<std::string> more = cells(*column);
    dates.insert(dates.end(), more.begin(), more.end());
  }
  size_t best = 0;
  for (auto format : {arlab::CsvDateFormat::Iso, arlab::CsvDateFormat::MonthDayYear,
                      arlab::CsvDateFormat::DayMonthYear, arlab::CsvDateFormat::DayMonthYearDots}) {
    arlab::Date d;
    size_t n = std::count_if(dates.begin(), dates.end(), [&](const std::string& text) {
      return arlab::parse_csv_date(text, format, &d);
    });
    if (n > best) {
      best = n;
      map.date_format = format;
    }
  }
  std::vector<std::string> amounts = cells(map.amount);
  const std::pair<char, char> separators[] = {{'.', 0},   {'.', ','}, {',', 0},
                                              {',', '.'}, {',', ' '}, {'.', '\''}};
  best = 0;
  int digits = arlab::currency_minor_digits(map.currency);
  for (const auto& [decimal, thousands] : separators) {
    arlab::CsvMap trial = map;
    trial.decimal_separator = decimal;
    trial.thousands_separator = thousands;
    int64_t minor = 0;
    std::string why;
    size_t n = std::count_if(amounts.begin(), amounts.end(), [&](const std::string& text) {
      return arlab::parse_csv_amount(text, trial, digits, &minor, &why);
    });
    if (n > best) {
      best = n;
      map.decimal_separator = decimal;
      map.thousands_separator = thousands;
    }
  }
}

// The records of the file with the mapping's delimiter, as far as they parse (a syntax error
// shows in the dry run), and the header names (trimmed, as import_csv reads them).
std::vector<arlab::CsvRecord> read_records(const ImportPanel& p, std::vector<std::string>* header) {
  std::vector<arlab::CsvRecord> records;
  std::vector<arlab::Problem> ignored;
  arlab::parse_csv(p.text, p.map.delimiter, &records, &ignored);
  header->clear();
  if (records.empty()) return records;
  for (const std::string& name : records[0].fields) {
    size_t first = name.find_first_not_of(" \t"), last = name.find_last_not_of(" \t");
    header->push_back(first == std::string::npos ? "" : name.substr(first, last - first + 1));
  }
  return records;
}

std::string base_name(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

constexpr const char* kGuessed = "(guessed)";  // ImportPanel::map_source of a guessed mapping.

std::string count_text(size_t n) {  // 2466 -> "2,466"
  return arlab::format_amount_grouped(static_cast<int64_t>(n), 0);
}

}  // namespace

// ---- [SECTION] Files in ----------------------------------------------------------------

void show_import(State& state) {
  select_panel(state, Tab::Import);
}

bool import_set_csv(State& state, std::string_view file_name, std::string_view text) {
  ImportPanel& p = state.import;
  show_import(state);
  std::string name = base_name(file_name);
  if (text.empty()) {
    show_problems(state, "Could not import " + name, {arlab::Problem{"", "the file is empty"}},
                  name);
    return false;
  }
  p.file_name = name;
  p.text.assign(text);
  ++p.text_generation;
  // A mapping the user loaded stays; one guessed for another file is guessed again.
  bool guessed = p.map_source.empty() || p.map_source == kGuessed;
  if (guessed) p.map.delimiter = guess_delimiter(p.text);
  std::vector<std::string> header;
  std::vector<arlab::CsvRecord> records = read_records(p, &header);
  guess_columns(p.map, header);
  if (guessed) {
    guess_formats(p.map, header, records);
    p.map_source = kGuessed;
  }
  state.status = "Read " + name + ": check the mapping and the preview, then Import";
  return true;
}

bool import_set_map(State& state, std::string_view file_name, std::string_view text) {
  ImportPanel& p = state.import;
  show_import(state);
  std::string name = base_name(file_name);
  arlab::CsvMap map;
  std::vector<arlab::Problem> problems;
  if (!arlab::parse_csv_map(text, &map, &problems)) {
    p.map_problems = problems;
    show_problems(state, "Could not use the mapping " + name, std::move(problems), name);
    return false;
  }
  p.map = std::move(map);
  p.map_problems.clear();
  std::snprintf(p.currency, sizeof p.currency, "%s", p.map.currency.c_str());
  p.map_source = name;
  state.status = "Mapping " + name + " loaded";
  return true;
}

// The registry's file route (app/panels.h). A picker opened here wins; else a ".csv" or a
// ".map.json" by its name (a commission plan or statement that names its format is the
// Commission tab's, a stronger claim).
namespace {

bool ends_with_nocase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         ui::contains_nocase(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace

int import_claim_file(const State& state, std::string_view name, std::string_view) {
  if (state.import.picking != ImportPick::None) return kClaimPicked;
  if (ends_with_nocase(name, ".csv") || ends_with_nocase(name, ".map.json")) return kClaimByName;
  return kClaimNone;
}

bool import_open_file(State& state, std::string_view name, std::string_view text) {
  ImportPick picked_for = std::exchange(state.import.picking, ImportPick::None);
  if (ends_with_nocase(name, ".csv")) return import_set_csv(state, name, text);
  if (ends_with_nocase(name, ".map.json") || picked_for == ImportPick::Map) {
    return import_set_map(state, name, text);
  }
  return import_set_csv(state, name, text);  // Picked for a CSV: a ".txt", say.
}

void import_forget_pick(State& state) { state.import.picking = ImportPick::None; }

// ---- [SECTION] Derived: header, preview, dry run ---------------------------------------

namespace {

std::string settings_error(const ImportPanel& p) {
  const arlab::CsvMap& m = p.map;
  std::string missing;
  for (const Field& f : fields()) {
    if (f.required && (m.*f.column).empty()) {
      missing += (missing.empty() ? "" : ", ") + std::string(f.label);
    }
  }
  if (!missing.empty()) return "Choose the column of: " + missing;
  auto capital = [](char c) { return c >= 'A' && c <= 'Z'; };
  bool currency_ok =
      m.currency.size() == 3 && std::all_of(m.currency.begin(), m.currency.end(), capital);
  if (!currency_ok) return "Currency: an ISO 4217 code of 3 capital letters, like USD";
  if (m.thousands_separator == m.decimal_separator) {
    return "The thousands separator must differ from the decimal separator";
  }
  return "";
}

// One row as it would import: ids and names as they are, dates and amounts parsed.
ImportPreviewRow preview_row(const ImportPanel& p, const arlab::CsvRecord& rec,
                             const std::vector<int>& columns) {
  ImportPreviewRow row;
  row.line = rec.line;
  auto cell = [&](ImportRole role) -> std::string {
    int c = columns[static_cast<int>(role)];
    if (c < 0 || static_cast<size_t>(c) >= rec.fields.size()) return "";
    const std::string& f = rec.fields[c];
    size_t first = f.find_first_not_of(" \t"), last = f.find_last_not_of(" \t");
    return first == std::string::npos ? "" : f.substr(first, last - first + 1);
  };
  auto set = [&](ImportRole role, std::string text, bool bad) {
    row.cells[static_cast<int>(role)] = std::move(text);
    row.bad[static_cast<int>(role)] = bad;
  };
  for (auto role : {ImportRole::InvoiceId, ImportRole::CustomerId, ImportRole::CustomerName}) {
    std::string text = cell(role);
    set(role, text, text.empty() && role != ImportRole::CustomerName);
  }
  arlab::Date date{INT32_MIN};
  for (ImportRole role : {ImportRole::InvoiceDate, ImportRole::DueDate, ImportRole::SettledDate}) {
    std::string text = cell(role);
    arlab::Date d;
    if (text.empty()) {
      bool due = role == ImportRole::DueDate && date.days != INT32_MIN;
      set(role, due ? arlab::format_date(date + p.map.terms_days) + " (terms)" : "",
          role == ImportRole::InvoiceDate);
    } else if (arlab::parse_csv_date(text, p.map.date_format, &d)) {
      if (role == ImportRole::InvoiceDate) date = d;
      set(role, arlab::format_date(d), false);
    } else {
      set(role, text + " (not " + arlab::csv_date_format_name(p.map.date_format) + ")", true);
    }
  }
  std::string amount = cell(ImportRole::Amount), why;
  int64_t minor = 0;
  int digits = arlab::currency_minor_digits(p.map.currency);
  if (arlab::parse_csv_amount(amount, p.map, digits, &minor, &why) && minor > 0) {
    set(ImportRole::Amount, arlab::format_amount_grouped(minor, digits), false);
  } else {
    set(ImportRole::Amount, amount + (why.empty() ? " (not positive)" : " (" + why + ")"), true);
  }
  std::string disputed = normalized(cell(ImportRole::Disputed));
  bool yes = disputed == "yes" || disputed == "y" || disputed == "true" || disputed == "1" ||
             disputed == "x";
  bool no = disputed.empty() || disputed == "no" || disputed == "n" || disputed == "false" ||
            disputed == "0";
  set(ImportRole::Disputed, yes ? "yes" : no ? "" : cell(ImportRole::Disputed), !yes && !no);
  return row;
}

void rebuild(State& state) {
  constexpr size_t kPreviewRows = 8;
  ImportPanel& p = state.import;
  p.map.currency = p.currency;
  p.built_text_generation = p.text_generation;
  p.built_map_json = arlab::write_csv_map(p.map);
  p.preview.clear();
  p.dry_run = arlab::CsvImportResult{};
  p.dry_run_total_minor = 0;
  p.settings_error = settings_error(p);
  if (p.file_name.empty()) return;
  std::vector<arlab::CsvRecord> records = read_records(p, &p.header);
  std::vector<int> columns;
  for (const Field& f : fields()) {
    auto it = std::find(p.header.begin(), p.header.end(), p.map.*f.column);
    bool found = !(p.map.*f.column).empty() && it != p.header.end();
    columns.push_back(found ? static_cast<int>(it - p.header.begin()) : -1);
  }
  for (size_t r = 1; r < records.size() && r <= kPreviewRows; ++r) {
    p.preview.push_back(preview_row(p, records[r], columns));
  }
  if (!p.settings_error.empty()) return;
  auto start = std::chrono::steady_clock::now();
  p.dry_run = arlab::import_csv(p.text, p.map);
  for (const arlab::Invoice& inv : p.dry_run.book.invoices) {
    p.dry_run_total_minor += inv.amount_minor;
  }
  ++p.dry_run_count;
  p.dry_run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                           start).count();
}

}  // namespace

void update_import(State& state) {
  ImportPanel& p = state.import;
  p.map.currency = p.currency;
  if (p.built_text_generation != p.text_generation ||
      p.built_map_json != arlab::write_csv_map(p.map)) {
    rebuild(state);
  }
}

// ---- [SECTION] Import ------------------------------------------------------------------

bool run_import(State& state) {
  update_import(state);
  ImportPanel& p = state.import;
  std::string title = "Could not import " + p.file_name;
  if (p.file_name.empty()) {
    state.status = "Import: read a CSV file first";
    return false;
  }
  if (!p.settings_error.empty()) {
    show_problems(state, title, {arlab::Problem{"mapping", p.settings_error}});
    return false;
  }
  if (!p.dry_run.ok) {
    show_problems(state, title, p.dry_run.problems, p.file_name);
    return false;
  }
  if (p.dry_run.book.invoices.empty()) {
    show_problems(state, title, {arlab::Problem{"", "the file has a header but no rows"}},
                  p.file_name);
    return false;
  }
  size_t invoices = p.dry_run.book.invoices.size(), customers = p.dry_run.book.customers.size();
  replace_book(state, std::move(p.dry_run.book), p.file_name, SnapshotKind::BeforeImport);
  p.built_map_json.clear();  // The dry run gave its book away: make it again if shown.
  state.status = "Imported " + count_text(invoices) + " invoices of " + count_text(customers) +
                 " customers from " + p.file_name;
  state.select_tab = Tab::Dashboard;
  return true;
}

namespace {

void confirm_popup(State& state) {
  ImportPanel& p = state.import;
  if (p.confirm_popup) {
    ImGui::OpenPopup("Replace the book?");
    p.confirm_popup = false;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Replace the book?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    return;
  }
  ui::heading(("Import " + count_text(p.dry_run.book.invoices.size()) + " invoices from " +
               p.file_name + "?").c_str());
  // The same lines as every replace (app/replace.cpp).
  draw_open_book_note(state, "the file " + p.file_name + ": " +
                                 count_text(p.dry_run.book.invoices.size()) + " invoices, " +
                                 count_text(p.dry_run.book.customers.size()) + " customers");
  ImGui::Spacing();
  // Not the Enter that opened this popup (same frame): a second one confirms.
  bool enter = !ImGui::IsWindowAppearing() &&
               ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
  if (ImGui::Button("Import and replace") || enter) {
    ImGui::CloseCurrentPopup();
    run_import(state);
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// ---- [SECTION] File and mapping controls -----------------------------------------------

// Desktop: a path field and a button that reads the file into `use`.
void path_row(State& state, const char* id, char* path, size_t size, const char* button,
              bool (*use)(State&, std::string_view, std::string_view)) {
  ImGui::SetNextItemWidth(ui::px(420));
  bool enter = ImGui::InputTextWithHint(id, "/path/to/file", path, size,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (!ImGui::Button(button) && !enter) return;
  std::string text, error;
  if (platform::read_path(path, &text, &error)) {
    use(state, path, text);
  } else {
    show_problems(state, std::string("Could not read ") + path, {arlab::Problem{"", error}});
  }
}

void draw_file_row(State& state) {
  ImportPanel& p = state.import;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("CSV file");
  ImGui::SameLine();
  if (platform::has_file_picker()) {
    if (ImGui::Button("Choose a CSV file...")) {
      forget_file_picks(state);  // A CSV, whatever an earlier picker was for.
      p.picking = ImportPick::Csv;
      platform::request_open_file(platform::OpenKind::Csv);
    }
    ImGui::SameLine();
    ui::text_muted("or drop a .csv file on the page");
  } else {
    path_row(state, "##csv_path", p.path, sizeof p.path, "Read", import_set_csv);
  }
  if (!p.file_name.empty()) {
    ImGui::SameLine(0, ui::px(24));
    ImGui::Text("%s", p.file_name.c_str());
    ImGui::SameLine();
    ui::text_muted(("(" + count_text(p.text.size()) + " bytes, " +
                    count_text(p.header.size()) + " columns)").c_str());
  }
}

void draw_mapping_row(State& state) {
  ImportPanel& p = state.import;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Mapping");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(200));
  if (ImGui::BeginCombo("##preset", "Presets")) {
    if (ImGui::Selectable("IBM Accounts Receivable sample")) {
      import_set_map(state, "ibm-ar.map.json", arlab::ibm_ar_map_json());
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("assets/ibm-ar.map.json: for ibm-accounts-receivable.csv "
                        "(docs/IMPORT.md)");
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (platform::has_file_picker()) {
    if (ImGui::Button("Load mapping...")) {
      forget_file_picks(state);  // A mapping, whatever an earlier picker was for.
      p.picking = ImportPick::Map;
      platform::request_open_file(platform::OpenKind::CsvMap);
    }
  } else {
    path_row(state, "##map_path", p.map_path, sizeof p.map_path, "Load mapping", import_set_map);
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!p.settings_error.empty());
  if (ImGui::Button("Save mapping")) {
    std::string stem =
        p.file_name.empty() ? "import" : p.file_name.substr(0, p.file_name.rfind('.'));
    std::string name = stem + ".map.json", where, error;
    if (platform::export_file(name, arlab::write_csv_map(p.map), &where, &error)) {
      state.status = "Saved the mapping as " + name + (where.empty() ? "" : " (" + where + ")");
    } else {
      show_problems(state, "Could not save " + name, {arlab::Problem{"", error}});
    }
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip(p.settings_error.empty()
                          ? "The mapping as JSON, for `arlab import-csv --map` or Load mapping"
                          : "Complete the mapping first");
  }
  if (!p.map_source.empty()) {
    ImGui::SameLine(0, ui::px(24));
    ui::text_muted(p.map_source == kGuessed ? "guessed from the file's header and cells"
                                            : ("from " + p.map_source).c_str());
  }
}

// ---- [SECTION] Mapping editor ----------------------------------------------------------

void column_combo(ImportPanel& p, const Field& f, int index) {
  std::string& column = p.map.*f.column;
  bool missing = !column.empty() && !in_header(p.header, column);
  std::string shown = column.empty() ? "(none)" : missing ? column + " (not in the file)" : column;
  ImGui::PushID(index);
  ImGui::SetNextItemWidth(-1);
  if (missing || (f.required && column.empty())) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().bad);
  }
  bool open = ImGui::BeginCombo("##column", shown.c_str(), ImGuiComboFlags_HeightLarge);
  if (missing || (f.required && column.empty())) ImGui::PopStyleColor();
  if (open) {
    if (ImGui::Selectable("(none)", column.empty())) column.clear();
    for (size_t i = 0; i < p.header.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::Selectable(p.header[i].empty() ? "(empty name)" : p.header[i].c_str(),
                            p.header[i] == column)) {
        column = p.header[i];
      }
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::PopID();
}

void draw_columns(ImportPanel& p) {
  ui::heading("Columns");
  if (!ImGui::BeginTable("##columns", 2, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, ui::px(130));
  ImGui::TableSetupColumn("column", ImGuiTableColumnFlags_WidthStretch);
  for (int k = 0; k < kImportRoleCount; ++k) {
    const Field& f = fields()[k];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s%s", f.label, f.required ? " *" : "");
    if (f.help) ui::help_marker(f.help);
    ImGui::TableNextColumn();
    column_combo(p, f, k);
  }
  ImGui::EndTable();
  ui::text_muted("* required");
}

struct CharOption {
  char value;
  const char* label;
};

void char_combo(const char* id, char* value, const std::vector<CharOption>& options) {
  const char* shown = "?";
  for (const CharOption& o : options) {
    if (o.value == *value) shown = o.label;
  }
  ImGui::SetNextItemWidth(-1);
  if (!ImGui::BeginCombo(id, shown)) return;
  for (const CharOption& o : options) {
    if (ImGui::Selectable(o.label, o.value == *value)) *value = o.value;
  }
  ImGui::EndCombo();
}

void format_label(const char* text) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::TableNextColumn();
}

void draw_formats(ImportPanel& p) {
  arlab::CsvMap& m = p.map;
  ui::heading("Format");
  if (!ImGui::BeginTable("##formats", 2, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("setting", ImGuiTableColumnFlags_WidthFixed, ui::px(160));
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  format_label("Date format");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##date_format", arlab::csv_date_format_name(m.date_format))) {
    for (auto f : {arlab::CsvDateFormat::Iso, arlab::CsvDateFormat::MonthDayYear,
                   arlab::CsvDateFormat::DayMonthYear, arlab::CsvDateFormat::DayMonthYearDots}) {
      if (ImGui::Selectable(arlab::csv_date_format_name(f), f == m.date_format)) {
        m.date_format = f;
      }
    }
    ImGui::EndCombo();
  }
  format_label("Decimal separator");
  char_combo("##decimal", &m.decimal_separator, {{'.', ". (point)"}, {',', ", (comma)"}});
  format_label("Thousands separator");
  char_combo("##thousands", &m.thousands_separator,
             {{0, "none"}, {',', ", (comma)"}, {'.', ". (point)"}, {' ', "space"},
              {'\'', "' (apostrophe)"}});
  format_label("Delimiter");
  char_combo("##delimiter", &m.delimiter,
             {{',', ", (comma)"}, {';', "; (semicolon)"}, {'\t', "tab"}, {'|', "| (bar)"}});
  format_label("Currency");
  ImGui::SetNextItemWidth(ui::px(70));
  ImGui::InputText("##currency", p.currency, sizeof p.currency,
                   ImGuiInputTextFlags_CharsUppercase | ImGuiInputTextFlags_CharsNoBlank);
  ImGui::SameLine();
  ui::help_marker("ISO 4217 code of the new book; it sets how many decimals amounts may have.");
  format_label("Terms days");
  float marker = ImGui::CalcTextSize("(?)").x + ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(std::min(ui::px(120), ImGui::GetContentRegionAvail().x - marker));
  if (ImGui::InputInt("##terms", &m.terms_days)) m.terms_days = std::clamp(m.terms_days, 0, 3650);
  ImGui::SameLine();
  ui::help_marker("Every customer's terms; rows without a due date are due this many days "
                  "after the invoice date.");
  ImGui::EndTable();
}

// Columns no field uses may be kept on each invoice as string members (docs/IMPORT.md).
void draw_keep(ImportPanel& p) {
  ui::heading("Keep on each invoice");
  ui::help_marker("Other columns kept as string members of each invoice (saved with the "
                  "book, shown nowhere yet).");
  static const char* kReserved[] = {"id", "customer", "date", "due", "amount", "disputed"};
  ImGui::BeginChild("##keep", ImVec2(0, 0), false);
  for (size_t i = 0; i < p.header.size(); ++i) {
    const std::string& name = p.header[i];
    bool used = false;
    for (const Field& f : fields()) used = used || p.map.*f.column == name;
    bool reserved = std::find(std::begin(kReserved), std::end(kReserved), name) !=
                    std::end(kReserved);
    if (used || name.empty()) continue;
    auto it = std::find(p.map.keep.begin(), p.map.keep.end(), name);
    bool kept = it != p.map.keep.end();
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginDisabled(reserved);
    if (ImGui::Checkbox(name.c_str(), &kept)) {
      if (kept) p.map.keep.push_back(name);
      else p.map.keep.erase(it);
    }
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  for (const std::string& name : p.map.keep) {
    if (!in_header(p.header, name)) {
      ImGui::TextColored(ui::palette().bad, "%s (not in the file)", name.c_str());
    }
  }
  ImGui::EndChild();
}

// ---- [SECTION] Preview, counts and problems --------------------------------------------

void draw_preview(const ImportPanel& p) {
  ui::heading("Preview");
  ImGui::SameLine();
  ui::text_muted("the first rows as they would import");
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                          ImGuiTableFlags_ScrollX;
  // As tall as its rows: the header and at most kPreviewRows.
  float row = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  float height = row * (static_cast<float>(std::max<size_t>(p.preview.size(), 1)) + 1.6f) +
                 ImGui::GetStyle().ScrollbarSize;
  if (!ImGui::BeginTable("##preview", kImportRoleCount + 1, flags, ImVec2(0, height))) return;
  ImGui::TableSetupColumn("Line", ImGuiTableColumnFlags_WidthFixed);
  for (const Field& f : fields()) ImGui::TableSetupColumn(f.label);
  ImGui::TableHeadersRow();
  for (const ImportPreviewRow& row : p.preview) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::text_muted(std::to_string(row.line).c_str());
    for (int k = 0; k < kImportRoleCount; ++k) {
      ImGui::TableNextColumn();
      const std::string& text = row.cells[k];
      bool right = k == static_cast<int>(ImportRole::Amount);
      if (row.bad[k]) {
        ImGui::TextColored(ui::palette().bad, "%s", text.empty() ? "(empty)" : text.c_str());
      } else if (right) {
        ui::text_right(text);
      } else {
        ImGui::TextUnformatted(text.c_str());
      }
    }
  }
  ImGui::EndTable();
}

void draw_counts(State& state) {
  ImportPanel& p = state.import;
  const arlab::CsvImportResult& r = p.dry_run;
  const ui::Palette& pal = ui::palette();
  if (!p.settings_error.empty()) {
    ImGui::TextColored(pal.bad, "%s", p.settings_error.c_str());
  } else if (r.ok) {
    const arlab::Book& b = r.book;
    ImGui::TextColored(pal.good, "%s rows, no problems: %s invoices (%s disputed) of %s "
                       "customers, %s %s; %s payments.", count_text(r.rows).c_str(),
                       count_text(b.invoices.size()).c_str(), count_text(r.disputed).c_str(),
                       count_text(b.customers.size()).c_str(), b.currency.c_str(),
                       arlab::format_amount_grouped(p.dry_run_total_minor, b.minor_digits).c_str(),
                       count_text(b.payments.size()).c_str());
  } else {
    bool more = r.problems.size() >= arlab::kProblemsMax;
    ImGui::TextColored(pal.bad, "%s rows, %s%s problems: nothing can be imported until they are "
                       "fixed (in the file or the mapping).", count_text(r.rows).c_str(),
                       more ? "at least " : "", count_text(r.problems.size()).c_str());
  }
  bool can = p.settings_error.empty() && !p.file_name.empty();
  ImGui::BeginDisabled(!can);
  bool enter = can && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) &&
               !ImGui::GetIO().WantTextInput && !ImGui::IsAnyItemActive() &&
               !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId |
                                                     ImGuiPopupFlags_AnyPopupLevel);
  if (ImGui::Button("Import") || enter) {
    if (r.ok) p.confirm_popup = true;  // Asks first: the book is replaced.
    else run_import(state);            // Shows the problems; nothing changes.
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ui::text_muted(("Replaces the open book (" + state.book_name + "), which is kept in "
                  "Storage > Snapshots.").c_str());
}

void draw_problems(const ImportPanel& p) {
  if (p.dry_run.problems.empty()) return;
  ui::heading("Problems");
  ImGui::BeginChild("##import_problems", ImVec2(0, 0), true);
  ui::problems_list(p.dry_run.problems);
  ImGui::EndChild();
}

}  // namespace

// ---- [SECTION] Panel -------------------------------------------------------------------

void draw_import(State& state) {
  ImportPanel& p = state.import;
  update_import(state);
  draw_file_row(state);
  draw_mapping_row(state);
  ImGui::Separator();
  float height = ImGui::GetFrameHeightWithSpacing() * (kImportRoleCount + 1.2f) +
                 ImGui::GetTextLineHeightWithSpacing() * 1.5f;
  float width = ImGui::GetContentRegionAvail().x;
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("##map_columns", ImVec2(width * 0.38f, height), true);
  draw_columns(p);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##map_formats", ImVec2(width * 0.32f, height), true);
  draw_formats(p);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##map_keep", ImVec2(width * 0.30f - 2 * spacing, height), true);
  draw_keep(p);
  ImGui::EndChild();
  update_import(state);  // The editors may have changed the mapping this frame.
  if (p.file_name.empty()) {
    ui::text_muted("Read a CSV export with one row per invoice (docs/IMPORT.md): its header "
                   "fills the column lists.");
  } else {
    draw_counts(state);
    ImGui::Spacing();
    draw_preview(p);
    draw_problems(p);
  }
  confirm_popup(state);
}

}  // namespace app
