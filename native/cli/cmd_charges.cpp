// cmd_charges.cpp: `arlab charges BOOK --rule eu|uk|contract ...`: the late-payment interest
// and fixed charges on each overdue open invoice (core/late_charges.h). With --book, books them
// as invoices of their own (costs, interest) that payments settle first.
#include <cstdio>

#include "core/late_charges.h"
#include "core/money.h"
#include "io/cells.h"
#include "io/book_json.h"
#include "io/charges_report.h"
#include "native/cli/cli.h"

namespace arlab::cli {

namespace {

constexpr const char* kChargesHelp =
    "Usage: arlab charges BOOK --rule eu|uk|contract [--reference-rate PCT]\n"
    "                    [--contract-rate PCT] [--fee AMOUNT] [--as-of YYYY-MM-DD]\n"
    "                    [--customer ID] [--format table|json|csv] [-o FILE]\n"
    "       arlab charges BOOK --rule ... --book [--by NAME] [-o NEWBOOK]\n"
    "\n"
    "The late-payment charges a creditor may claim on each overdue open invoice: simple\n"
    "interest from the day after the due date on the amount open each day (actual/365,\n"
    "rounded half up once per invoice) and a fixed charge per invoice. Rules:\n"
    "  eu        Directive 2011/7/EU: the ECB main refinancing rate + 8 points a year;\n"
    "            EUR 40 an invoice (EUR books only; elsewhere the interest alone).\n"
    "  uk        Late Payment of Commercial Debts (Interest) Act 1998: Bank of England base\n"
    "            rate + 8% a year; GBP 40 (debt under 1,000), 70 (under 10,000), 100 (GBP\n"
    "            books only; elsewhere the interest alone).\n"
    "  contract  the contract's own rate and fee, in the book's currency.\n"
    "The reference rate is given by you (no network): the one in force for the period.\n"
    "Without --book nothing is changed in the book (docs/CHARGES.md).\n"
    "\n"
    "--book charges them: per customer an invoice FEE-<id>-<yyyymmdd> (the fixed sums) and\n"
    "INT-<id>-<yyyymmdd> (the interest), dated and due on the day, marked as charges, so that\n"
    "payments settle costs first, then interest, then the principal. A later --book charges\n"
    "only what accrued since: interest for the days after the last booking, fixed sums for\n"
    "invoices late since. The book is saved in place (atomically), or to -o NEWBOOK.\n"
    "\n"
    "Options:\n"
    "  --rule RULE           eu, uk or contract (required)\n"
    "  --reference-rate PCT  eu and uk: the central bank rate in percent a year, e.g. 4.50\n"
    "  --contract-rate PCT   contract: the annual rate in percent, e.g. 12\n"
    "  --fee AMOUNT          contract: the fixed fee per late invoice (default 0)\n"
    "  --as-of DATE          the date; default: the book's last document date\n"
    "  --customer ID         one customer only\n"
    "  --book                book the charges as invoices of their own (see above)\n"
    "  --format FORMAT       table (default), json or csv\n"
    "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
    "  -h, --help            this help\n";

const std::vector<OptionSpec> kChargesOptions = {
    {"--rule", nullptr, true},     {"--reference-rate", nullptr, true},
    {"--contract-rate", nullptr, true}, {"--fee", nullptr, true},
    {"--as-of", nullptr, true},    {"--customer", nullptr, true},
    {"--format", nullptr, true},   {"--output", "-o", true},
    {"--book", nullptr, false}};

// A rate in percent a year ("4.50", "12") as basis points, 0..100%; a usage error otherwise.
int parse_rate(const Args& args, const char* option, int32_t* bp) {
  std::string text = args.get(option);
  int64_t value = 0;
  std::string why;
  if (!parse_amount(text, 2, &value, &why)) {
    return usage_error("charges", std::string("bad ") + option + " '" + text + "': " + why);
  }
  if (value < 0 || value > kChargeRateMaxBp) {
    return usage_error("charges", std::string("bad ") + option + " '" + text +
                                      "': a rate in percent a year from 0 to 100");
  }
  *bp = static_cast<int32_t>(value);
  return kExitOk;
}

// --book: append the charges as invoices, save the book, say what was booked.
int book_charges(const Args& args, Book& book, Date as_of, const ChargeRule& rule,
                 Index customer) {
  if (args.has("--format")) return usage_error("charges", "--book writes a book: no --format");
  std::vector<ChargeToBook> todo = charges_to_book(book, as_of, rule, customer);
  History history;
  std::string report;
  int64_t total = 0;
  for (const ChargeToBook& t : todo) {
    std::vector<Problem> problems;
    if (!history.apply(book, Edit{t.invoice}, &problems)) {
      std::fprintf(stderr, "%s", format_problems(args.positional[0], problems).c_str());
      return kExitData;
    }
    total += t.invoice.amount_minor;
    report += "booked " + table_text(t.invoice.id) + "  " +
              (t.invoice.charge == kInvoiceChargeCosts ? "costs   " : "interest") + "  " +
              format_amount_grouped(t.invoice.amount_minor, book.minor_digits) + " on " +
              std::to_string(t.invoices) + " invoice" + (t.invoices == 1 ? "" : "s") +
              (t.from == kNoDate ? "" : ", from " + format_date(t.from)) + "\n";
  }
  if (todo.empty()) {
    std::printf("nothing to book as of %s: no charges accrued since the last booking\n",
                format_date(as_of).c_str());
    return kExitOk;
  }
  const std::string path = args.has("--output") ? args.get("--output") : args.positional[0];
  if (!write_output(path, write_book_json(book))) return kExitData;
  std::printf("%s%zu charge document%s, %s %s in all, saved to %s\n", report.c_str(), todo.size(),
              todo.size() == 1 ? "" : "s", book.currency.c_str(),
              format_amount_grouped(total, book.minor_digits).c_str(), path.c_str());
  return kExitOk;
}

}  // namespace

int cmd_charges(int argc, char** argv) {
  Args args;
  int done = begin_command(argc, argv, "charges", kChargesOptions, kChargesHelp, &args);
  if (done >= 0) return done;
  if (args.positional.size() != 1) return usage_error("charges", "expected one BOOK file");
  std::string format;
  if (int code = format_option(args, "charges", &format); code != kExitOk) return code;
  if (!args.has("--rule")) return usage_error("charges", "--rule eu, uk or contract is required");
  const std::string rule_name = args.get("--rule");
  ChargeRule rule;
  if (rule_name == "eu") {
    rule.kind = ChargeKind::EuStatutory;
  } else if (rule_name == "uk") {
    rule.kind = ChargeKind::UkStatutory;
  } else if (rule_name == "contract") {
    rule.kind = ChargeKind::Contract;
  } else {
    return usage_error("charges", "--rule must be eu, uk or contract, not '" + rule_name + "'");
  }
  if (rule.kind == ChargeKind::Contract) {
    if (!args.has("--contract-rate")) {
      return usage_error("charges", "--rule contract needs --contract-rate PCT");
    }
    if (args.has("--reference-rate")) {
      return usage_error("charges", "--reference-rate is for --rule eu or uk; a contract "
                                    "has its own --contract-rate");
    }
    if (int code = parse_rate(args, "--contract-rate", &rule.contract_rate_bp); code) return code;
  } else {
    if (!args.has("--reference-rate")) {
      return usage_error("charges", "--rule " + rule_name +
                                        " needs --reference-rate PCT (the " +
                                        (rule.kind == ChargeKind::EuStatutory
                                             ? "ECB main refinancing rate"
                                             : "Bank of England base rate") +
                                        ", e.g. 4.50)");
    }
    if (args.has("--contract-rate") || args.has("--fee")) {
      return usage_error("charges", "--contract-rate and --fee are for --rule contract");
    }
    if (int code = parse_rate(args, "--reference-rate", &rule.reference_rate_bp); code) {
      return code;
    }
  }
  Date as_of;
  if (int code = as_of_option(args, "charges", &as_of); code != kExitOk) return code;
  LoadResult loaded;
  if (!load_book(args.positional[0], &loaded)) return kExitData;
  Book& book = loaded.book;
  if (args.has("--fee")) {
    // Parsed after the book: its currency says how many decimals a fee may have.
    std::string why;
    if (!parse_amount(args.get("--fee"), book.minor_digits, &rule.contract_fee_minor, &why)) {
      return usage_error("charges", "bad --fee '" + args.get("--fee") + "': " + why);
    }
    if (rule.contract_fee_minor < 0) {
      return usage_error("charges", "bad --fee '" + args.get("--fee") + "': it is negative");
    }
  }
  Index customer = kNone;
  if (args.has("--customer")) {
    customer = find_customer(book, args.get("--customer"));
    if (customer == kNone) {
      std::fprintf(stderr, "%s: no customer with id \"%s\"\n", args.positional[0].c_str(),
                   args.get("--customer").c_str());
      return kExitData;
    }
  }
  default_as_of(args, book, &as_of);
  if (args.has("--book")) return book_charges(args, loaded.book, as_of, rule, customer);
  LateCharges charges = late_charges(book, as_of, rule, customer);
  if (charges.too_large != kNone) {
    std::string id = table_text(book.str(book.invoices[charges.too_large].id));
    std::string max = format_amount_grouped(kChargeMinorMax, book.minor_digits);
    std::fprintf(stderr, "%s: invoice %s: its late-payment charges, or their sum with those "
                 "before it, are too large to count (above %s %s)\n",
                 args.positional[0].c_str(), id.c_str(), max.c_str(), book.currency.c_str());
    return kExitData;
  }
  if (format == "csv" && !charges.fixed_refusal.empty()) {
    // The table and the JSON carry it; a CSV has rows only, so its 0.00 fixed column is
    // explained here rather than silently.
    std::fprintf(stderr, "%s: note: %s\n", args.positional[0].c_str(),
                 charges.fixed_refusal.c_str());
  }
  std::string out = format == "json"  ? charges_json(book, charges)
                    : format == "csv" ? charges_csv(book, charges)
                                      : charges_table(book, charges);
  return write_output(args.get("--output"), out) ? kExitOk : kExitData;
}

}  // namespace arlab::cli
