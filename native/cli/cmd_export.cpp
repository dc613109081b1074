// cmd_export.cpp: `arlab export BOOK (--ledger | --json) [-o FILE]`.
#include <cstdio>

#include "io/ledger_journal.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kExportHelp =
    "Usage: arlab export BOOK (--ledger | --json) [-o FILE]\n"
    "\n"
    "Writes a valid BOOK in another form:\n"
    "  --ledger           a ledger-cli journal, one transaction per document, so that\n"
    "                     `ledger -f FILE bal Receivable` equals arlab's open total plus\n"
    "                     unapplied credit (per customer: Assets:Receivable:<id>)\n"
    "  --json             the canonical book: fixed member order, 2-space indentation,\n"
    "                     amounts as strings, unknown members kept; saving it again gives\n"
    "                     the same bytes\n"
    "  -o, --output FILE  write to FILE atomically (temporary file, fsync, rename)\n"
    "                     instead of standard output\n"
    "  -h, --help         this help\n";

const std::vector<OptionSpec> kExportOptions = {
    {"--ledger", nullptr, false}, {"--json", nullptr, false}, {"--output", "-o", true}};

}  // namespace

int cmd_export(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "export", kExportOptions, kExportHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("export", "expected one BOOK file");
  if (args.has("--ledger") == args.has("--json")) {
    return usage_error("export", "give exactly one of --ledger and --json");
  }
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  std::string out = args.has("--ledger") ? ledger_journal(loaded.book)
                                         : write_book_json(loaded.book);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
