// fuzz_commission_paid.cpp: libFuzzer target for the reader of a statement paid earlier
// (read_paid_statement, io/commission_plan.h: `arlab commission --paid`, the app's "Load paid
// statement").
//
// Any bytes must be read or refused with problems, each with a message, a place (the one
// "not a commission statement" excepted), a bounded length and never nlohmann's own text. A
// statement that is read, written back in the shape commission_json gives (from, to, each
// salesperson's lines), reads again to the same from, to and lines. The minor digits (2, 0
// or 3) follow the input's size. Never a crash, leak or UB (ASan + UBSan).
//   fuzz/run.sh --target fuzz_commission_paid --minutes 10     longer runs by hand
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "fuzz/fuzz_checks.h"
#include "io/commission_plan.h"

namespace {

using fuzz::check_problems;
using fuzz::require;
// The one problem without a place.
constexpr std::string_view kWholeDocument = "not a commission statement";


void member(std::string& out, const char* name, std::string_view value, bool first = false) {
  out += first ? "\"" : ", \"";
  out += name;
  out += "\": ";
  arlab::append_json_string(out, value);
}

// The statement as commission_json writes its lines: one salesperson per run of lines.
std::string written(const arlab::CommissionPaid& paid, int digits) {
  std::string out = "{\"format\": \"arlab-commission/1\"";
  member(out, "from", arlab::format_date(paid.from));
  member(out, "to", arlab::format_date(paid.to));
  out += ", \"salespeople\": [";
  for (size_t i = 0; i < paid.lines.size() || i == 0; ++i) {
    const bool first_of_run = i == 0 || paid.lines[i].salesperson != paid.lines[i - 1].salesperson;
    if (first_of_run) {
      out += i == 0 ? "{" : "]}, {";
      member(out, "id", paid.lines.empty() ? "" : paid.lines[i].salesperson, true);
      out += ", \"lines\": [";
    }
    if (paid.lines.empty()) break;
    const arlab::CommissionPaidLine& l = paid.lines[i];
    out += first_of_run ? "{" : ", {";
    member(out, "date", arlab::format_date(l.date), true);
    member(out, "rule", l.rule);
    member(out, "invoice", l.invoice);
    member(out, "source", l.source);
    member(out, "amount", arlab::format_amount(l.amount_minor, digits));
    out += "}";
  }
  return out + "]}]}\n";
}

bool same(const arlab::CommissionPaid& a, const arlab::CommissionPaid& b) {
  if (a.from != b.from || a.to != b.to || a.lines.size() != b.lines.size()) return false;
  for (size_t i = 0; i < a.lines.size(); ++i) {
    const arlab::CommissionPaidLine& x = a.lines[i];
    const arlab::CommissionPaidLine& y = b.lines[i];
    if (x.salesperson != y.salesperson || x.rule != y.rule || x.invoice != y.invoice ||
        x.source != y.source || x.date != y.date || x.amount_minor != y.amount_minor) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int digits = size % 3 == 0 ? 2 : size % 3 == 1 ? 0 : 3;
  arlab::CommissionPaid paid;
  std::vector<arlab::Problem> problems;
  if (!arlab::read_paid_statement(text, digits, &paid, &problems)) {
    check_problems(problems, kWholeDocument);
    return 0;
  }
  require(problems.empty());
  const std::string again_text = written(paid, digits);
  arlab::CommissionPaid again;
  require(arlab::read_paid_statement(again_text, digits, &again, &problems));
  require(same(paid, again));
  return 0;
}
