// cmd_generate.cpp: `arlab generate [--seed N] [--customers N] [--months N] [--invoices N]`.
#include <cstdio>

#include "core/generate.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kGenerateHelp =
    "Usage: arlab generate [--seed N] [--salespeople N] [--customers N] [--months N]\n"
    "                      [--invoices N] [--case-file] [-o FILE]\n"
    "\n"
    "Makes a synthetic book (invoices, payments some late or partial, credit notes and\n"
    "write-offs) and writes it as canonical JSON. The same options give the same bytes\n"
    "on every platform.\n"
    "\n"
    "Options:\n"
    "  --seed N           random seed (default 1)\n"
    "  --salespeople N    default 5\n"
    "  --customers N      default 40\n"
    "  --months N         months of documents from 2024-07-01 (default 18)\n"
    "  --invoices N       exactly N invoices (default: about 6 per customer a month)\n"
    "  --case-file        add the collection policy and a case file a team would have\n"
    "                     kept: reviews, calls, promises, disputes, plans, holds (the\n"
    "                     ledger is the same with or without it; the app's sample has it)\n"
    "  -o, --output FILE  write to FILE atomically instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kGenerateOptions = {
    {"--seed", nullptr, true},   {"--salespeople", nullptr, true},
    {"--customers", nullptr, true}, {"--months", nullptr, true},
    {"--invoices", nullptr, true},  {"--output", "-o", true},
    {"--case-file", nullptr, false}};

}  // namespace

int cmd_generate(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "generate", kGenerateOptions, kGenerateHelp, &args);
  if (done >= 0) return done;
  if (!args.positional.empty()) return usage_error("generate", "takes no BOOK argument");
  GenerateParams p;
  struct Limit { const char* name; int64_t min, max; int64_t value; };
  Limit limits[] = {{"--seed", 0, INT64_MAX / 10, static_cast<int64_t>(p.seed)},
                    {"--salespeople", 1, 1000, p.salespeople},
                    {"--customers", 1, 1000000, p.customers},
                    {"--months", 1, 1200, p.months},
                    {"--invoices", 0, 100000000, p.invoices}};
  for (Limit& l : limits) {
    if (!args.has(l.name)) continue;
    if (!parse_count(args.get(l.name), l.max, &l.value) || l.value < l.min) {
      return usage_error("generate", std::string("bad ") + l.name + " '" + args.get(l.name) +
                                         "': expected a whole number from " +
                                         std::to_string(l.min) + " to " + std::to_string(l.max));
    }
  }
  p.seed = static_cast<uint64_t>(limits[0].value);
  p.salespeople = static_cast<int32_t>(limits[1].value);
  p.customers = static_cast<int32_t>(limits[2].value);
  p.months = static_cast<int32_t>(limits[3].value);
  p.invoices = limits[4].value;
  p.case_file = args.has("--case-file");
  Book book = generate_book(p);
  return write_output(args.get("--output"), write_book_json(book)) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
