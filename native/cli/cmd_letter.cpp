// cmd_letter.cpp: `arlab letter BOOK (--customer ID | --case ID) [--as-of D] [--level N]
// [--rule eu|uk] [--reference-rate PCT] [--format text|html|json] [-o FILE]`: a customer's
// dunning letter (core/letters.h), filled from its case. Changes nothing.
#include <cstdio>

#include "core/letters.h"
#include "core/money.h"
#include "io/cells.h"
#include "io/letter_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kLetterHelp =
    "Usage: arlab letter BOOK (--customer ID | --case ID) [--as-of YYYY-MM-DD] [--level N]\n"
    "                         [--rule eu|uk] [--reference-rate PCT]\n"
    "                         [--format text|html|json] [-o FILE]\n"
    "\n"
    "A customer's dunning letter as of a date: the level the dunning run gives it (see\n"
    "`arlab dunning`), or --level N written by hand (0: the pre-due reminder; 1..: the\n"
    "policy's levels, by default notice, warning, lawyer's letter). It lists the overdue\n"
    "invoices open to dunning with their days overdue, asks for the total by the deadline\n"
    "(the date + the level's deadline_days), states the consequence and the late-payment\n"
    "interest accrued so far (--rule eu: Directive 2011/7/EU, the ECB reference rate + 8\n"
    "points; uk: the Late Payment Act 1998, base rate + 8%; simple, actual/365). Without\n"
    "--reference-rate the interest is counted at the 8 points alone (\"at least\").\n"
    "The policy's levels may carry their own templates (docs/FORMAT.md). Nothing is recorded:\n"
    "`arlab dunning --record` books the letters sent.\n"
    "\n"
    "Options:\n"
    "  --customer ID         the customer\n"
    "  --case ID             or a case record's id (a record of kind \"case\"): its customer\n"
    "  --as-of DATE          the letter's date; default: the book's last document date\n"
    "  --level N             0 to the policy's number of levels (default: the level due)\n"
    "  --rule RULE           eu (default) or uk\n"
    "  --reference-rate PCT  the central bank rate in percent a year, e.g. 4.50\n"
    "  --format FORMAT       text (default: to copy), html (a printable A4 page) or json\n"
    "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
    "  -h, --help            this help\n";

const std::vector<OptionSpec> kLetterOptions = {
    {"--customer", nullptr, true}, {"--case", nullptr, true},   {"--as-of", nullptr, true},
    {"--level", nullptr, true},    {"--rule", nullptr, true},   {"--reference-rate", nullptr, true},
    {"--format", nullptr, true},   {"--output", "-o", true}};

// Everything that can be checked before the book is read; kExitOk or a usage error.
int check_options(const Args& args, std::string* format, int64_t* level, LetterOptions* o) {
  if (args.positional.size() != 1) return usage_error("letter", "expected one BOOK file");
  if (args.has("--customer") == args.has("--case"))
    return usage_error("letter", "give one of --customer ID or --case ID");
  *format = args.get("--format", "text");
  if (*format != "text" && *format != "html" && *format != "json")
    return usage_error("letter", "--format must be text, html or json, not '" + *format + "'");
  if (args.has("--level") && !parse_count(args.get("--level"), kDunningLevelsMax, level))
    return usage_error("letter", "--level must be a whole number from 0 to 9, not '" +
                                     args.get("--level") + "'");
  std::string rule = args.get("--rule", "eu");
  if (rule != "eu" && rule != "uk")
    return usage_error("letter", "--rule must be eu or uk, not '" + rule + "'");
  o->rule.kind = rule == "eu" ? ChargeKind::EuStatutory : ChargeKind::UkStatutory;
  if (args.has("--reference-rate")) {
    std::string text = args.get("--reference-rate"), why;
    int64_t bp = 0;
    if (!parse_amount(text, 2, &bp, &why))
      return usage_error("letter", "bad --reference-rate '" + text + "': " + why);
    if (bp < 0 || bp > kChargeRateMaxBp)
      return usage_error("letter", "bad --reference-rate '" + text +
                                       "': a rate in percent a year from 0 to 100");
    o->rule.reference_rate_bp = int32_t(bp);
    o->rate_given = true;
  }
  return kExitOk;
}

// The customer of --customer, or of the case record --case; kNone after saying why.
Index customer_of(const Args& args, const Book& book) {
  const char* file = args.positional[0].c_str();
  if (args.has("--customer")) {
    Index c = find_customer(book, args.get("--customer"));
    if (c == kNone)
      std::fprintf(stderr, "%s: no customer with id \"%s\"\n", file,
                   table_text(args.get("--customer")).c_str());
    return c;
  }
  Index r = find_record(book, args.get("--case"));
  if (r == kNone || book.collection.records[r].kind != RecordKind::Case) {
    std::fprintf(stderr, "%s: no case record with id \"%s\" in the case file\n", file,
                 table_text(args.get("--case")).c_str());
    return kNone;
  }
  return book.collection.records[r].customer;
}

}  // namespace

int cmd_letter(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "letter", kLetterOptions, kLetterHelp, &args);
  if (done >= 0) return done;
  std::string format;
  int64_t level = -1;
  LetterOptions options;
  if (int code = check_options(args, &format, &level, &options); code != kExitOk) return code;
  Date as_of;
  if (int code = as_of_option(args, "letter", &as_of); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  const Book& book = loaded.book;
  Index customer = customer_of(args, book);
  if (customer == kNone) return kExitData;
  default_as_of(args, book, &as_of);
  Letter letter = make_letter(book, customer, as_of, int32_t(level), options);
  if (!letter.ok) {
    std::fprintf(stderr, "%s: %s\n", args.positional[0].c_str(),
                 table_text(letter.why_none).c_str());
    return kExitData;
  }
  std::string out = format == "json"   ? letter_json(book, letter)
                    : format == "html" ? letter_html(book, letter)
                                       : letter_text(book, letter);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
