// main.cpp: `arlab`, the command-line tool. Each subcommand lives in its own cmd_*.cpp.
#include <cstdio>
#include <cstring>

#include "native/cli/cli.h"

namespace {

constexpr const char* kHelp =
    "arlab " ARLAB_VERSION ": accounts receivable from a JSON book (docs/FORMAT.md).\n"
    "\n"
    "Usage: arlab COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  aging BOOK     open receivables by days past due (table, JSON or CSV)\n"
    "  budget BOOK    DSO and overdue-ratio targets against each month's actuals\n"
    "  case BOOK      a customer's case: owner, cause, promises, disputes, plans, timeline\n"
    "  charges BOOK   late-payment interest and fixed charges on overdue invoices\n"
    "  class RESULT... a trainer's class summary from training result files\n"
    "  check BOOK     validate a book; print its counts and open total\n"
    "  commission BOOK commission tied to cash collected, under a plan (docs/COMMISSION.md)\n"
    "  credit BOOK    a customer's credit file and payment score, with how it was computed\n"
    "  dunning BOOK   the letters due today by level; --record books them in the case file\n"
    "  export BOOK    write the book as a ledger-cli journal or as canonical JSON\n"
    "  generate       make a synthetic book (deterministic for a seed)\n"
    "  holds BOOK     customers to put on hold: over their credit limit, or past 1/3 of terms\n"
    "  import-csv CSV make a book from a spreadsheet export (docs/IMPORT.md)\n"
    "  letter BOOK    a customer's reminder, notice, warning or lawyer's letter (text, HTML)\n"
    "  metrics BOOK   DSO, CEI, days late, interest cost... over a period (docs/METRICS.md)\n"
    "  simulate BOOK  policies compared over the months ahead (Monte Carlo); cash backtest\n"
    "  statement BOOK a customer's statement of account to print and confirm (HTML, text)\n"
    "  train SCENARIO play a training scenario's portfolio game; score and debrief\n"
    "  worklist BOOK  what to do today: escalate, hold, remind, confirm; most urgent first\n"
    "\n"
    "Options:\n"
    "  -h, --help     this help; `arlab COMMAND --help` explains one command\n"
    "  --version      print the version\n"
    "\n"
    "Exit codes: 0 ok, 1 bad book or data, 2 usage error.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace arlab::cli;
  if (argc < 2) {
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  const char* command = argv[1];
  if (!std::strcmp(command, "-h") || !std::strcmp(command, "--help") ||
      !std::strcmp(command, "help")) {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  if (!std::strcmp(command, "--version")) {
    std::puts("arlab " ARLAB_VERSION);
    return kExitOk;
  }
  if (!std::strcmp(command, "aging")) return cmd_aging(argc, argv);
  if (!std::strcmp(command, "budget")) return cmd_budget(argc, argv);
  if (!std::strcmp(command, "charges")) return cmd_charges(argc, argv);
  if (!std::strcmp(command, "check")) return cmd_check(argc, argv);
  if (!std::strcmp(command, "commission")) return cmd_commission(argc, argv);
  if (!std::strcmp(command, "credit")) return cmd_credit(argc, argv);
  if (!std::strcmp(command, "case")) return cmd_case(argc, argv);
  if (!std::strcmp(command, "dunning")) return cmd_dunning(argc, argv);
  if (!std::strcmp(command, "export")) return cmd_export(argc, argv);
  if (!std::strcmp(command, "generate")) return cmd_generate(argc, argv);
  if (!std::strcmp(command, "holds")) return cmd_holds(argc, argv);
  if (!std::strcmp(command, "worklist")) return cmd_worklist(argc, argv);
  if (!std::strcmp(command, "import-csv")) return cmd_import_csv(argc, argv);
  if (!std::strcmp(command, "letter")) return cmd_letter(argc, argv);
  if (!std::strcmp(command, "metrics")) return cmd_metrics(argc, argv);
  if (!std::strcmp(command, "simulate")) return cmd_simulate(argc, argv);
  if (!std::strcmp(command, "statement")) return cmd_statement(argc, argv);
  if (!std::strcmp(command, "train")) return cmd_train(argc, argv);
  if (!std::strcmp(command, "class")) return cmd_class(argc, argv);
  return usage_error("", std::string("unknown command '") + command + "'");
}
