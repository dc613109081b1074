// cli.cpp: option parsing, loading books and writing output for the `arlab` subcommands.
#include "native/cli/cli.h"

#include <cstdio>

#include "io/file.h"

namespace arlab::cli {

bool Args::has(std::string_view name) const {
  for (const auto& [key, value] : options) {
    if (key == name) return true;
  }
  return false;
}

std::string Args::get(std::string_view name, std::string fallback) const {
  for (const auto& [key, value] : options) {  // The last occurrence wins.
    if (key == name) fallback = value;
  }
  return fallback;
}

namespace {

const OptionSpec* find_spec(const std::vector<OptionSpec>& specs, std::string_view name) {
  for (const OptionSpec& s : specs) {
    if (name == s.name || (s.short_name && name == s.short_name)) return &s;
  }
  return nullptr;
}

}  // namespace

bool parse_args(int argc, char** argv, int first, const std::vector<OptionSpec>& specs,
                Args* args, std::string* error) {
  bool options_done = false;  // After "--" everything is positional.
  for (int i = first; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      args->positional.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      args->help = true;
      continue;
    }
    size_t eq = arg.find('=');
    std::string_view name = arg.substr(0, eq);
    const OptionSpec* spec = find_spec(specs, name);
    if (!spec) {
      *error = "unknown option " + std::string(name);
      return false;
    }
    std::string value;
    if (spec->takes_value) {
      if (eq != std::string_view::npos) {
        value = std::string(arg.substr(eq + 1));
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        *error = "option " + std::string(name) + " needs a value";
        return false;
      }
    } else if (eq != std::string_view::npos) {
      *error = "option " + std::string(name) + " takes no value";
      return false;
    }
    args->options.emplace_back(spec->name, value);
  }
  return true;
}

int usage_error(std::string_view command, std::string_view message) {
  std::string prefix = command.empty() ? "arlab" : "arlab " + std::string(command);
  std::fprintf(stderr, "%s: %.*s\nTry '%s --help'.\n", prefix.c_str(),
               static_cast<int>(message.size()), message.data(), prefix.c_str());
  return kExitUsage;
}

bool read_input(const std::string& path, std::string* text) {
  std::string error;
  if (read_file(path, text, &error)) return true;
  std::fprintf(stderr, "%s\n", error.c_str());
  return false;
}

void print_problems(const std::string& path, const std::vector<Problem>& problems) {
  std::string report = format_problems(path, problems);
  std::string advice = date_order_advice(problems);
  if (!advice.empty()) report += path + ": " + advice + "\n";
  std::fwrite(report.data(), 1, report.size(), stderr);
}

bool load_book(const std::string& path, LoadResult* result) {
  std::string text;
  if (!read_input(path, &text)) return false;
  *result = read_book_json(text);
  if (!result->ok) print_problems(path, result->problems);
  return result->ok;
}

bool write_output(const std::string& path, std::string_view data) {
  if (path.empty() || path == "-") {
    bool ok = std::fwrite(data.data(), 1, data.size(), stdout) == data.size();
    ok = std::fflush(stdout) == 0 && ok;
    if (!ok) std::fprintf(stderr, "arlab: cannot write to standard output\n");
    return ok;
  }
  std::string error;
  if (write_file_atomic(path, data, &error)) return true;
  std::fprintf(stderr, "%s\n", error.c_str());
  return false;
}

int parse_period_options(const Args& args, std::string_view command, Date* from, Date* to) {
  for (const char* name : {"--from", "--to"}) {
    Date* d = name[2] == 'f' ? from : to;
    if (args.has(name) && !parse_date(args.get(name), d)) {
      return usage_error(command, std::string("bad ") + name + " '" + args.get(name) +
                                      "': expected YYYY-MM-DD");
    }
  }
  return kExitOk;
}

int empty_period_error(std::string_view command, Date from, Date to) {
  return usage_error(command, "the period is empty: --to " + format_date(to) +
                                  " is before --from " + format_date(from));
}

int default_period(const Args& args, std::string_view command, const Book& book, Date* from,
                   Date* to) {
  if (!args.has("--from")) *from = book_first_date(book);
  if (!args.has("--to")) *to = book_last_date(book);
  return *to < *from ? empty_period_error(command, *from, *to) : kExitOk;
}

bool parse_count(std::string_view text, int64_t max, int64_t* out) {
  if (text.empty() || text.size() > 18) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > max) return false;
  *out = v;
  return true;
}

int begin_command(int argc, char** argv, std::string_view command,
                  const std::vector<OptionSpec>& specs, const char* help, Args* args) {
  std::string error;
  if (!parse_args(argc, argv, 2, specs, args, &error)) return usage_error(command, error);
  if (args->help) {
    std::fputs(help, stdout);
    return kExitOk;
  }
  return -1;
}

int as_of_option(const Args& args, std::string_view command, Date* as_of) {
  if (!args.has("--as-of") || parse_date(args.get("--as-of"), as_of)) return kExitOk;
  return usage_error(command, "bad --as-of '" + args.get("--as-of") + "': expected YYYY-MM-DD");
}

void default_as_of(const Args& args, const Book& book, Date* as_of) {
  if (!args.has("--as-of")) *as_of = book_last_date(book);
}

int format_option(const Args& args, std::string_view command, std::string* format) {
  *format = args.get("--format", "table");
  if (*format == "table" || *format == "json" || *format == "csv") return kExitOk;
  return usage_error(command, "--format must be table, json or csv, not '" + *format + "'");
}

}  // namespace arlab::cli
