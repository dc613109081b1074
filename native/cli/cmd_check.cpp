// cmd_check.cpp: `arlab check BOOK [--format text|json]`: validate, print counts and totals.
#include <cstdio>

#include "core/aging.h"
#include "core/money.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kCheckHelp =
    "Usage: arlab check BOOK [--format text|json]\n"
    "\n"
    "Checks BOOK against every rule of the book format (docs/FORMAT.md). A valid book\n"
    "prints its counts of salespeople, customers, invoices, payments, credit notes and\n"
    "write-offs, and its open total and unapplied credit as of its last document date;\n"
    "exit 0. Otherwise each problem goes to standard error as FILE: PLACE: MESSAGE\n"
    "(at most 100) and the exit code is 1.\n"
    "\n"
    "Options:\n"
    "  --format FORMAT  text (default) or json; with json, problems are also listed\n"
    "                   on standard output\n"
    "  -h, --help       this help\n";

const std::vector<OptionSpec> kCheckOptions = {{"--format", nullptr, true}};

struct Summary {
  size_t counts[6];
  Date as_of;
  int64_t open_minor, unapplied_minor;
};
constexpr const char* kCountNames[6] = {"salespeople", "customers", "invoices",
                                        "payments", "credit_notes", "write_offs"};

std::string text_report(const std::string& path, const Book& book, const Summary& s) {
  const char* labels[6] = {"salespeople", "customers", "invoices",
                           "payments", "credit notes", "write-offs"};
  std::string out = path + ": ok\n";
  char line[160];
  for (int i = 0; i < 6; ++i) {
    std::snprintf(line, sizeof line, "  %-18s%zu\n", labels[i], s.counts[i]);
    out += line;
  }
  std::snprintf(line, sizeof line, "  %-18s%s %s (as of %s, the last document date)\n",
                "open total", book.currency.c_str(),
                format_amount_grouped(s.open_minor, book.minor_digits).c_str(),
                format_date(s.as_of).c_str());
  out += line;
  std::snprintf(line, sizeof line, "  %-18s%s %s\n", "unapplied credit", book.currency.c_str(),
                format_amount_grouped(s.unapplied_minor, book.minor_digits).c_str());
  return out + line;
}

std::string json_report(const Book& book, const Summary& s) {
  std::string out = "{\n  \"ok\": true,\n  \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"counts\": {";
  for (int i = 0; i < 6; ++i) {
    out += i ? ", \"" : "\"";
    out += std::string(kCountNames[i]) + "\": " + std::to_string(s.counts[i]);
  }
  out += "},\n  \"as_of\": \"" + format_date(s.as_of) + "\",\n";
  out += "  \"open\": \"" + format_amount(s.open_minor, book.minor_digits) + "\",\n";
  out += "  \"unapplied\": \"" + format_amount(s.unapplied_minor, book.minor_digits) + "\"\n}\n";
  return out;
}

std::string json_problems(const std::vector<Problem>& problems) {
  std::string out = "{\n  \"ok\": false,\n  \"problems\": [";
  for (size_t i = 0; i < problems.size(); ++i) {
    out += i ? ",\n    {\"place\": " : "\n    {\"place\": ";
    append_json_string(out, problems[i].place);
    out += ", \"message\": ";
    append_json_string(out, problems[i].message);
    out += '}';
  }
  out += problems.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace

int cmd_check(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "check", kCheckOptions, kCheckHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("check", "expected one BOOK file");
  std::string format = args.get("--format", "text");
  if (format != "text" && format != "json") {
    return usage_error("check", "--format must be text or json, not '" + format + "'");
  }
  const std::string& path = args.positional[0];
  LoadResult loaded;
  if (!load_book(path, &loaded)) {
    if (format == "json" && !loaded.problems.empty()) {
      write_output("", json_problems(loaded.problems));
    }
    return kExitData;
  }
  const Book& book = loaded.book;
  Summary s{{book.salespeople.size(), book.customers.size(), book.invoices.size(),
             book.payments.size(), book.credit_notes.size(), book.write_offs.size()},
            book_last_date(book), 0, 0};
  AgingReport report = compute_aging(book, s.as_of, kDefaultAgingEdges);
  s.open_minor = report.total_open_minor;
  s.unapplied_minor = report.total_unapplied_minor;
  std::string out = format == "json" ? json_report(book, s) : text_report(path, book, s);
  return write_output("", out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
