// cli.h: what the `arlab` subcommands share: option parsing, loading a book, writing output.
//
// Exit codes: 0 ok, 1 bad book or data (or a file that cannot be read or written),
// 2 usage error. Errors go to stderr as `FILE: place: message`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "io/book_json.h"

namespace arlab::cli {

constexpr int kExitOk = 0;
constexpr int kExitData = 1;
constexpr int kExitUsage = 2;

struct OptionSpec {
  const char* name;        // "--as-of"
  const char* short_name;  // "-o", or nullptr
  bool takes_value;
};

struct Args {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> options;  // (long name, value or "")
  bool help = false;
  bool has(std::string_view name) const;
  std::string get(std::string_view name, std::string fallback = "") const;
};

// Parses argv[first..]: `--name value`, `--name=value`, short aliases, `-h`/`--help`.
// On an unknown option or a missing value returns false with *error.
bool parse_args(int argc, char** argv, int first, const std::vector<OptionSpec>& specs,
                Args* args, std::string* error);

// The start every command shares: parses argv[2..] for `command`; prints `help` for --help.
// Returns the exit code when the command is done (help shown, or a usage error), else -1.
int begin_command(int argc, char** argv, std::string_view command,
                  const std::vector<OptionSpec>& specs, const char* help, Args* args);

// Prints "arlab CMD: message" and a hint to stderr; returns kExitUsage.
int usage_error(std::string_view command, std::string_view message);

// Reads a whole file; on failure prints why to stderr and returns false.
bool read_input(const std::string& path, std::string* text);
// Prints problems to stderr as `FILE: place: message` lines.
void print_problems(const std::string& path, const std::vector<Problem>& problems);

// Reads and validates a book; on failure prints the problems to stderr and returns false.
bool load_book(const std::string& path, LoadResult* result);

// Writes to `path` atomically, or to stdout when `path` is empty. False after printing why.
bool write_output(const std::string& path, std::string_view data);

// `--from` / `--to` as given (absent ones leave *from / *to as they are). A bad date is a
// usage error: returns its exit code, else kExitOk.
int parse_period_options(const Args& args, std::string_view command, Date* from, Date* to);
// After loading: an absent --from / --to becomes the book's first / last document date; an
// empty period (--to before --from) is a usage error. Returns the exit code or kExitOk.
int default_period(const Args& args, std::string_view command, const Book& book, Date* from,
                   Date* to);
// The usage error for --to before --from.
int empty_period_error(std::string_view command, Date from, Date to);

// `--as-of YYYY-MM-DD` into *as_of (absent: left as it is); a bad date is a usage error:
// returns its exit code, else kExitOk. After loading, default_as_of: an absent --as-of
// becomes the book's last document date.
int as_of_option(const Args& args, std::string_view command, Date* as_of);
void default_as_of(const Args& args, const Book& book, Date* as_of);

// `--format table|json|csv` (default table) into *format; a usage error for another value:
// returns its exit code, else kExitOk.
int format_option(const Args& args, std::string_view command, std::string* format);

// Strict non-negative decimal integer ("40"); false otherwise.
bool parse_count(std::string_view text, int64_t max, int64_t* out);

int cmd_aging(int argc, char** argv);
int cmd_budget(int argc, char** argv);
int cmd_charges(int argc, char** argv);
int cmd_check(int argc, char** argv);
int cmd_commission(int argc, char** argv);
int cmd_credit(int argc, char** argv);
int cmd_case(int argc, char** argv);
int cmd_dunning(int argc, char** argv);
int cmd_export(int argc, char** argv);
int cmd_generate(int argc, char** argv);
int cmd_holds(int argc, char** argv);
int cmd_worklist(int argc, char** argv);
int cmd_import_csv(int argc, char** argv);
int cmd_letter(int argc, char** argv);
int cmd_metrics(int argc, char** argv);
int cmd_simulate(int argc, char** argv);
int cmd_statement(int argc, char** argv);
int cmd_train(int argc, char** argv);
int cmd_class(int argc, char** argv);

}  // namespace arlab::cli
