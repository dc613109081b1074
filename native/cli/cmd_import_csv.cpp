// cmd_import_csv.cpp: `arlab import-csv FILE.csv --map MAP.json -o BOOK.json`.
#include <cstdio>

#include "core/money.h"
#include "io/csv_import.h"
#include "io/file.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kImportHelp =
    "Usage: arlab import-csv FILE.csv --map MAP.json -o BOOK.json\n"
    "\n"
    "Makes a book from a spreadsheet export (CSV, RFC 4180): one row per invoice, its\n"
    "columns named by the mapping MAP.json (docs/IMPORT.md): invoice id, customer id and\n"
    "name, invoice date, due date (else the mapping's terms_days), amount, settled date\n"
    "(a payment of the full amount on that date), disputed flag and columns to keep.\n"
    "Date formats YYYY-MM-DD, M/D/YYYY, D/M/YYYY, D.M.YYYY; decimal point or comma.\n"
    "\n"
    "Every bad row is reported on standard error as FILE.csv: line N: column NAME:\n"
    "MESSAGE (the header is line 1), and then nothing is written (exit 1). Otherwise\n"
    "the book is written atomically and its counts are printed (exit 0).\n"
    "\n"
    "Options:\n"
    "  --map MAP.json     the column mapping (required)\n"
    "  -o, --output FILE  the book to write (required); '-' writes it to standard\n"
    "                     output and the counts to standard error\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kImportOptions = {{"--map", nullptr, true},
                                                {"--output", "-o", true}};

// Reads the mapping; false after printing why (as MAP.json: place: message).
bool load_map(const std::string& path, CsvMap* map) {
  std::string text;
  if (!read_input(path, &text)) return false;
  std::vector<Problem> problems;
  if (parse_csv_map(text, map, &problems)) return true;
  print_problems(path, problems);
  return false;
}

std::string summary(const std::string& csv_path, const std::string& out_path,
                    const CsvImportResult& r) {
  const Book& b = r.book;
  int64_t total_minor = 0;
  for (const Invoice& v : b.invoices) total_minor += v.amount_minor;
  char line[512];
  std::snprintf(line, sizeof line,
                "%s: imported %zu rows\n"
                "  customers   %zu\n"
                "  invoices    %zu (%zu disputed), %s %s\n"
                "  payments    %zu\n"
                "written to %s\n",
                csv_path.c_str(), r.rows, b.customers.size(), b.invoices.size(), r.disputed,
                b.currency.c_str(), format_amount_grouped(total_minor, b.minor_digits).c_str(),
                b.payments.size(), out_path == "-" ? "standard output" : out_path.c_str());
  return line;
}

}  // namespace

int cmd_import_csv(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "import-csv", kImportOptions, kImportHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("import-csv", "expected one CSV file");
  if (args.get("--map").empty()) return usage_error("import-csv", "--map MAP.json is required");
  std::string out_path = args.get("--output");
  if (out_path.empty()) return usage_error("import-csv", "-o BOOK.json is required");
  const std::string& csv_path = args.positional[0];
  CsvMap map;
  if (!load_map(args.get("--map"), &map)) return kExitData;
  std::string text;
  if (!read_input(csv_path, &text)) return kExitData;
  CsvImportResult r = import_csv(text, map);
  if (!r.ok) {
    print_problems(csv_path, r.problems);
    return kExitData;
  }
  if (!write_output(out_path, write_book_json(r.book))) return kExitData;
  std::string counts = summary(csv_path, out_path, r);
  std::fputs(counts.c_str(), out_path == "-" ? stderr : stdout);
  return kExitOk;
}

}  // namespace arlab::cli
