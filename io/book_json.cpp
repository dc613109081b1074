// book_json.cpp: the "arlab-book/1" reader (nlohmann/json SAX, no DOM) and canonical writer.
//
// [SECTION] Small helpers: escaping, describing values, places
// [SECTION] Reader state
// [SECTION] Capturing unknown members verbatim (and skipping bad values)
// [SECTION] Member values
// [SECTION] SAX callbacks
// [SECTION] Currency pre-scan (amounts met before "currency")
// [SECTION] Resolving references
// [SECTION] Shared with the simdjson reader (book_json_fast.h)
// [SECTION] read_book_json / format_problems
// [SECTION] write_book_json
//
// The reader never builds a DOM: a 300 MB book streams through a small state machine
// (top object -> section array -> document -> allocations -> allocation; top object ->
// budget object). Amounts are
// parsed from their exact text (strings, or the raw text of JSON numbers), never via
// double. Ids of high-volume documents go to Book::strings; references are kept as text in
// a temporary pool until every id is known, then resolved to indices.
// read_book_json first tries the simdjson reader (book_json_fast.cpp) for speed; this SAX
// reader is the reference: it reads every input the other declines, with located messages.
#include "io/book_json.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "core/budget.h"
#include "io/collection_json.h"
#include "core/money.h"
#include "io/book_json_fast.h"
#include "io/json_text.h"

namespace arlab {
namespace {

using json = nlohmann::json;
using namespace book_json_detail;

// =========================================================================================
// [SECTION] Small helpers: escaping, describing values, places
// =========================================================================================

// JSON string escaping as nlohmann's dump() does it (UTF-8 kept as is).
void append_escaped(std::string& out, std::string_view s) {
  out += '"';
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

bool iso_currency_code(std::string_view v) {
  return v.size() == 3 && std::all_of(v.begin(), v.end(), [](char c) {
    return c >= 'A' && c <= 'Z';
  });
}

// One scalar SAX event.
struct Scalar {
  enum Type : uint8_t { Null, Bool, Int, Uint, Float, String } type = Null;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  std::string_view text;  // Float: raw number text; String: the decoded value.
};

// The value's own text: what a number looked like, or a string's JSON form.
void append_scalar_json(std::string& out, const Scalar& s) {
  switch (s.type) {
    case Scalar::Null: out += "null"; break;
    case Scalar::Bool: out += s.b ? "true" : "false"; break;
    case Scalar::Int: out += std::to_string(s.i); break;
    case Scalar::Uint: out += std::to_string(s.u); break;
    case Scalar::Float: out += s.text; break;  // Verbatim: unknown members keep it.
    case Scalar::String: append_escaped(out, s.text); break;
  }
}

std::string describe(const Scalar& s) {
  if (s.type == Scalar::String) return json_quoted(s.text);
  if (s.type == Scalar::Float) return json_shown(s.text);  // A million digits: cut.
  std::string out;
  append_scalar_json(out, s);
  return out;
}

std::string missing_member(int m) {
  return std::string("missing member \"") + kMemberNames[m] + '"';
}

// =========================================================================================
// [SECTION] Reader state
// =========================================================================================

enum class Level : uint8_t { Start, Top, DocArray, Doc, AllocArray, Alloc, Budget, End };

bool find_currency(std::string_view text, std::string* currency);  // The pre-scan, below.

struct Reader {
  std::string_view text;
  Book& book;
  std::vector<Problem>& problems;
  Refs& refs;

  Level level = Level::Start;
  Section section = Section::Salespeople;
  int64_t doc_index = -1;    // Element index in the current section array.
  int64_t alloc_index = -1;  // Element index in the current allocations array.
  uint16_t doc_seen = 0;
  uint16_t alloc_seen = 0;
  uint16_t top_seen = 0;
  int top_member = kTopNone;  // Top-level member awaiting its value.
  Member member = kUnknown;   // Document or allocation member awaiting its value.
  int budget_member = kBudgetNone;  // Budget member awaiting its value.
  uint8_t budget_seen = 0;
  bool currency_known = false;  // Read, or looked for by the pre-scan (amounts before it).
  std::string currency_code;    // The book's valid currency code, once known.
  bool currency_check = false;  // The next value is a document's "currency".
  bool stop = false;
  std::string doc_extra, book_extra;
  bool collection_seen = false;

  // Capture of one value (unknown member kept verbatim, or a bad value skipped).
  bool capturing = false;
  std::string* capture_out = nullptr;
  std::vector<uint8_t> capture_stack;  // Bit 0: is an array; bit 1: has items.
  std::string skip_scratch;

  Reader(std::string_view t, Book& b, std::vector<Problem>& p, Refs& r)
      : text(t), book(b), problems(p), refs(r) {}

  bool problem(std::string place, std::string message) {
    if (problems.size() < kProblemsMax) problems.push_back({std::move(place), std::move(message)});
    if (problems.size() >= kProblemsMax) stop = true;
    return !stop;
  }

  std::string doc_place() const {
    std::string p = kSectionNames[static_cast<int>(section)];
    p += '[' + std::to_string(doc_index) + ']';
    if (level == Level::Alloc || level == Level::AllocArray) {
      p += ".allocations";
      if (level == Level::Alloc) p += '[' + std::to_string(alloc_index) + ']';
    }
    return p;
  }
  // Place of the value being read ("payments[3].allocations[0].amount").
  std::string place() const {
    if (level == Level::Top || level == Level::Start) {
      if (top_member == kTopFormat) return "format";
      if (top_member == kTopCurrency) return "currency";
      if (top_member == kTopBudget) return "budget";
      if (top_member >= kTopSection0) return kSectionNames[top_member - kTopSection0];
      return "";
    }
    if (level == Level::Budget) {
      if (budget_member == kBudgetNone) return "budget";
      return std::string("budget.") + kBudgetMemberNames[budget_member];
    }
    if (level == Level::DocArray) {
      return std::string(kSectionNames[static_cast<int>(section)]) + '[' +
             std::to_string(doc_index) + ']';
    }
    if (level == Level::AllocArray) return doc_place() + '[' + std::to_string(alloc_index) + ']';
    std::string p = doc_place();
    if (member != kUnknown) p += std::string(".") + kMemberNames[member];
    return p;
  }
  bool type_error(const char* expected, const std::string& got) {
    return problem(place(), std::string("expected ") + expected + ", got " + got);
  }
  // Place of the value nlohmann was reading when it stopped (a number out of range): as
  // place(), but an array element not yet counted is the next one.
  std::string value_place() const {
    if (!capturing && level == Level::DocArray) {
      return std::string(kSectionNames[static_cast<int>(section)]) + '[' +
             std::to_string(doc_index + 1) + ']';
    }
    if (!capturing && level == Level::AllocArray) {
      return doc_place() + '[' + std::to_string(alloc_index + 1) + ']';
    }
    return place();
  }

  // ---- Capture (defined below) ----
  void begin_capture(std::string* out) {
    capturing = true;
    capture_out = out;
    capture_stack.clear();
  }
  void begin_skip() {
    skip_scratch.clear();
    begin_capture(&skip_scratch);
  }
  void capture_item_separator();
  void capture_scalar(const Scalar& s);
  void capture_open(char c);
  void capture_key(std::string_view key);
  void capture_close(char c);

  // ---- Values (defined below) ----
  bool take_string(const Scalar& s, std::string_view* out);
  bool take_id(const Scalar& s, std::string_view* out);
  bool take_date(const Scalar& s, Date* out);
  bool take_amount(const Scalar& s, bool zero_ok, int64_t* out);
  bool take_days(const Scalar& s, int32_t* out);
  StrRef take_ref(const Scalar& s);
  void scan_currency();
  void check_document_currency(const Scalar& s);
  bool top_value(const Scalar& s);
  bool doc_value(const Scalar& s);
  bool alloc_value(const Scalar& s);
  bool budget_value(const Scalar& s);
  bool scalar(const Scalar& s);

  // ---- Structure (defined below) ----
  void begin_doc();
  void end_doc();
  void begin_alloc();
  void end_alloc();
  void end_top();
  void top_key(std::string_view key);
  void doc_key(std::string_view key);
  void alloc_key(std::string_view key);
  void budget_key(std::string_view key);
  bool compound_start(bool is_array);

  // ---- nlohmann SAX interface ----
  bool null() { return scalar(Scalar{}); }
  bool boolean(bool v) {
    Scalar s;
    s.type = Scalar::Bool;
    s.b = v;
    return scalar(s);
  }
  bool number_integer(int64_t v) {
    Scalar s;
    s.type = Scalar::Int;
    s.i = v;
    return scalar(s);
  }
  bool number_unsigned(uint64_t v) {
    Scalar s;
    s.type = Scalar::Uint;
    s.u = v;
    return scalar(s);
  }
  bool number_float(double, const std::string& raw) {
    Scalar s;
    s.type = Scalar::Float;
    s.text = raw;
    return scalar(s);
  }
  bool string(std::string& v) {
    Scalar s;
    s.type = Scalar::String;
    s.text = v;
    return scalar(s);
  }
  bool binary(json::binary_t&) { return true; }  // Never produced by text JSON.
  bool start_object(size_t) { return compound_start(false); }
  bool start_array(size_t) { return compound_start(true); }
  bool key(std::string& k);
  bool end_object();
  bool end_array();
  // The one problem of a parse that stopped (json_text.h: syntax, nesting, numbers).
  void parse_error(Problem p) { problem(std::move(p.place), std::move(p.message)); }
};

// =========================================================================================
// [SECTION] Capturing unknown members verbatim (and skipping bad values)
// =========================================================================================

void Reader::capture_item_separator() {
  if (capture_stack.empty()) return;
  uint8_t& top = capture_stack.back();
  if (top & 2) *capture_out += ',';
  top |= 2;
}

void Reader::capture_scalar(const Scalar& s) {
  bool in_array = !capture_stack.empty() && (capture_stack.back() & 1);
  if (in_array) capture_item_separator();
  append_scalar_json(*capture_out, s);
  if (capture_stack.empty()) capturing = false;
}

void Reader::capture_open(char c) {
  bool in_array = !capture_stack.empty() && (capture_stack.back() & 1);
  if (in_array) capture_item_separator();
  *capture_out += c;
  capture_stack.push_back(c == '[' ? 1 : 0);
}

void Reader::capture_key(std::string_view key) {
  capture_item_separator();
  append_escaped(*capture_out, key);
  *capture_out += ':';
}

void Reader::capture_close(char c) {
  *capture_out += c;
  capture_stack.pop_back();
  if (capture_stack.empty()) capturing = false;
}

// =========================================================================================
// [SECTION] Member values
// =========================================================================================

bool Reader::take_string(const Scalar& s, std::string_view* out) {
  if (s.type != Scalar::String) {
    type_error("a string", describe(s));
    return false;
  }
  *out = s.text;
  return true;
}

bool Reader::take_id(const Scalar& s, std::string_view* out) {
  if (!take_string(s, out)) return false;
  if (!out->empty()) return true;
  problem(place(), "must not be empty");
  return false;
}

bool Reader::take_date(const Scalar& s, Date* out) {
  if (s.type != Scalar::String) {
    type_error("a date string YYYY-MM-DD", describe(s));
    return false;
  }
  if (parse_date(s.text, out)) return true;
  problem(place(),
          "invalid date " + json_quoted(s.text) + ": expected a calendar date YYYY-MM-DD");
  return false;
}

// A JSON integer is a whole number of currency units; other numbers keep their raw text.
bool Reader::take_amount(const Scalar& s, bool zero_ok, int64_t* out) {
  std::string integer_text;
  std::string_view amount = s.text;
  if (s.type == Scalar::Int) amount = integer_text = std::to_string(s.i);
  if (s.type == Scalar::Uint) amount = integer_text = std::to_string(s.u);
  if (s.type == Scalar::Null || s.type == Scalar::Bool) {
    type_error("a decimal string or number", describe(s));
    return false;
  }
  if (!currency_known) scan_currency();  // Rare: an amount before "currency".
  std::string why;
  if (!parse_amount(amount, book.minor_digits, out, &why)) {
    problem(place(), "bad amount " + json_quoted(amount) + ": " + why);
    return false;
  }
  if (*out > 0 || (zero_ok && *out == 0)) return true;
  problem(place(), std::string(zero_ok ? "must not be negative" : "amount must be positive") +
                       ", got " + json_shown(amount));
  return false;
}

// The top-level "currency" looked for in the whole text, before it is read.
void Reader::scan_currency() {
  std::string code;
  if (find_currency(text, &code)) {
    book.minor_digits = currency_minor_digits(code);
    if (iso_currency_code(code)) currency_code = code;
  }
  currency_known = true;
}

// A document's own "currency" is kept as an unknown member when it is the book's; any
// other would add money in another currency to the book's as if it were the same.
void Reader::check_document_currency(const Scalar& s) {
  currency_check = false;
  std::string at = doc_place() + ".currency";
  if (s.type != Scalar::String) {
    problem(at, "expected a string, got " + describe(s));
    return;
  }
  if (!currency_known) scan_currency();
  // Equal, or the book has no valid currency (a problem of its own).
  if (currency_code.empty() || s.text == currency_code) return;
  problem(at, json_quoted(s.text) + " differs from the book's currency " + currency_code +
                  ": arlab keeps one currency a book");
}

bool Reader::take_days(const Scalar& s, int32_t* out) {
  bool whole = s.type == Scalar::Int || s.type == Scalar::Uint;
  int64_t v = s.type == Scalar::Int ? s.i : static_cast<int64_t>(std::min<uint64_t>(s.u, 1u << 30));
  if (!whole) {
    type_error("a whole number of days", describe(s));
    return false;
  }
  if (v < 0 || v > 3650) {
    problem(place(), "must be from 0 to 3650 days, got " + describe(s));
    return false;
  }
  *out = static_cast<int32_t>(v);
  return true;
}

StrRef Reader::take_ref(const Scalar& s) {
  std::string_view id;
  if (!take_id(s, &id)) return kNoRef;
  return refs.add(id);
}

bool Reader::top_value(const Scalar& s) {
  std::string_view v;
  if (top_member == kTopFormat) {
    if (!take_string(s, &v)) return false;
    if (v == kBookFormat || v == kBookFormatV1) return true;
    problem("format", "unsupported format " + json_quoted(v) + " (expected \"" + kBookFormat +
                          "\", or \"" + kBookFormatV1 + "\" of older books)");
    stop = true;  // Nothing else in a foreign document would make sense.
    return false;
  }
  if (top_member == kTopCurrency) {
    if (!take_string(s, &v)) return !stop;
    if (!iso_currency_code(v)) {
      return problem("currency", "expected a 3-letter ISO 4217 code, got " + json_quoted(v));
    }
    book.currency = std::string(v);
    currency_code = book.currency;
    book.minor_digits = currency_minor_digits(v);
    currency_known = true;
    return true;
  }
  if (top_member == kTopBudget) return type_error("an object", describe(s));
  return type_error("an array", describe(s));  // A section given as a scalar.
}

bool Reader::doc_value(const Scalar& s) {
  std::string_view v;
  switch (section) {
    case Section::Salespeople: {
      Salesperson& d = book.salespeople.back();
      if (member == kName) { if (take_string(s, &v)) d.name = std::string(v); }
      else if (take_id(s, &v)) d.id = std::string(v);
      return !stop;
    }
    case Section::Customers: {
      Customer& d = book.customers.back();
      if (member == kTermsDays) take_days(s, &d.terms_days);
      else if (member == kCreditLimit) take_amount(s, true, &d.credit_limit_minor);
      else if (member == kSalesperson) refs.customer_salesperson.back() = take_ref(s);
      else if (member == kName) { if (take_string(s, &v)) d.name = std::string(v); }
      else if (member == kGrade) { if (take_id(s, &v)) d.grade = std::string(v); }
      else if (take_id(s, &v)) d.id = std::string(v);
      return !stop;
    }
    case Section::Invoices: {
      Invoice& d = book.invoices.back();
      if (member == kDate) take_date(s, &d.date);
      else if (member == kDue) { if (take_date(s, &d.due)) d.flags |= kInvoiceDueGiven; }
      else if (member == kAmount) take_amount(s, false, &d.amount_minor);
      else if (member == kCustomer) refs.invoice_customer.back() = take_ref(s);
      else if (member == kDisputed) {
        if (s.type != Scalar::Bool) type_error("true or false", describe(s));
        else if (s.b) d.flags |= kInvoiceDisputed;
      } else if (member == kCharge) {
        uint8_t flag = s.type == Scalar::String ? charge_flag(s.text) : 0;
        if (flag == 0) type_error("\"costs\" or \"interest\"", describe(s));
        d.flags |= flag;
      } else if (take_id(s, &v)) d.id = book.intern(v);
      return !stop;
    }
    case Section::Payments:
    case Section::CreditNotes: {
      bool pay = section == Section::Payments;
      Receipt& d = pay ? book.payments.back() : book.credit_notes.back();
      if (member == kDate) take_date(s, &d.date);
      else if (member == kAmount) take_amount(s, false, &d.amount_minor);
      else if (member == kAllocations) type_error("an array", describe(s));
      else if (member == kCustomer) {
        (pay ? refs.payment_customer : refs.credit_customer).back() = take_ref(s);
      } else if (take_id(s, &v)) d.id = book.intern(v);
      return !stop;
    }
    case Section::WriteOffs: {
      WriteOff& d = book.write_offs.back();
      if (member == kDate) take_date(s, &d.date);
      else if (member == kAmount) take_amount(s, false, &d.amount_minor);
      else if (member == kInvoice) refs.write_off_invoice.back() = take_ref(s);
      else if (take_id(s, &v)) d.id = book.intern(v);
      return !stop;
    }
    case Section::Refunds: {
      Refund& d = book.refunds.back();
      if (member == kDate) take_date(s, &d.date);
      else if (member == kAmount) take_amount(s, false, &d.amount_minor);
      else if (member == kCustomer) refs.refund_customer.back() = take_ref(s);
      else if (member == kPayment) refs.refund_payment.back() = take_ref(s);
      else if (take_id(s, &v)) d.id = book.intern(v);
      return !stop;
    }
  }
  return !stop;
}

// A target: a string's value, or a JSON number's own text (45, 45.5, 0.15).
bool Reader::budget_value(const Scalar& s) {
  std::string integer_text;
  std::string_view text = s.text;
  if (s.type == Scalar::Int) text = integer_text = std::to_string(s.i);
  if (s.type == Scalar::Uint) text = integer_text = std::to_string(s.u);
  if (s.type == Scalar::Null || s.type == Scalar::Bool) {
    return type_error("a string or number", describe(s));
  }
  std::string why;
  if (!set_budget_member(&book.budget, budget_member, text, &why)) {
    return problem(place(), "bad target " + describe(s) + ": " + why);
  }
  return !stop;
}

bool Reader::alloc_value(const Scalar& s) {
  bool pay = section == Section::Payments;
  Allocation& a = pay ? book.payment_allocations.back() : book.credit_allocations.back();
  if (member == kAmount) take_amount(s, false, &a.amount_minor);
  else (pay ? refs.payment_alloc_invoice : refs.credit_alloc_invoice).back() = take_ref(s);
  return !stop;
}

bool Reader::scalar(const Scalar& s) {
  if (capturing) {
    if (currency_check) check_document_currency(s);
    capture_scalar(s);
    return !stop;
  }
  switch (level) {
    case Level::Start:
      problem("", "expected a JSON object at the top level, got " + describe(s));
      return false;
    case Level::Top: return top_value(s);
    case Level::DocArray:
      ++doc_index;
      return type_error("an object", describe(s));
    case Level::Doc: return doc_value(s);
    case Level::AllocArray:
      ++alloc_index;
      return type_error("an object", describe(s));
    case Level::Alloc: return alloc_value(s);
    case Level::Budget: return budget_value(s);
    case Level::End: return false;
  }
  return false;
}

// =========================================================================================
// [SECTION] SAX callbacks
// =========================================================================================

const char* expected_for(Member m) {
  switch (m) {
    case kDate:
    case kDue: return "a date string YYYY-MM-DD";
    case kAmount:
    case kCreditLimit: return "a decimal string or number";
    case kTermsDays: return "a whole number of days";
    case kAllocations: return "an array";
    case kDisputed: return "true or false";
    case kCharge: return "\"costs\" or \"interest\"";
    default: return "a string";
  }
}

bool Reader::compound_start(bool is_array) {
  char open = is_array ? '[' : '{';
  const char* got = is_array ? "an array" : "an object";
  if (capturing) {
    if (currency_check) {
      currency_check = false;
      problem(doc_place() + ".currency", std::string("expected a string, got ") + got);
    }
    capture_open(open);
    return !stop;
  }
  const char* expected = "an object";
  switch (level) {
    case Level::Start:
      if (!is_array) level = Level::Top;
      else problem("", "expected a JSON object at the top level, got an array");
      return !is_array;
    case Level::Top:
      if (top_member == kTopBudget) {
        if (is_array) {
          expected = "an object";
          break;
        }
        level = Level::Budget;
        budget_member = kBudgetNone;
        budget_seen = 0;
        return true;
      }
      if (top_member >= kTopSection0 && is_array) {
        section = static_cast<Section>(top_member - kTopSection0);
        level = Level::DocArray;
        doc_index = -1;
        return true;
      }
      expected = top_member >= kTopSection0 ? "an array" : "a string";
      break;
    case Level::DocArray:
      ++doc_index;
      if (is_array) break;
      begin_doc();
      level = Level::Doc;
      return true;
    case Level::Doc:
      if (member == kAllocations && is_array) {
        level = Level::AllocArray;
        alloc_index = -1;
        return true;
      }
      expected = expected_for(member);
      break;
    case Level::AllocArray:
      ++alloc_index;
      if (is_array) break;
      begin_alloc();
      level = Level::Alloc;
      return true;
    case Level::Alloc: expected = expected_for(member); break;
    case Level::Budget: expected = "a string or number"; break;
    case Level::End: return false;
  }
  type_error(expected, got);
  begin_skip();
  capture_open(open);
  return !stop;
}

bool Reader::key(std::string& k) {
  if (capturing) {
    capture_key(k);
    return true;
  }
  if (level == Level::Top) top_key(k);
  else if (level == Level::Doc) doc_key(k);
  else if (level == Level::Alloc) alloc_key(k);
  else if (level == Level::Budget) budget_key(k);
  return !stop;
}

bool Reader::end_object() {
  if (capturing) {
    capture_close('}');
    return true;
  }
  if (level == Level::Top) {
    end_top();
    level = Level::End;
  } else if (level == Level::Doc) {
    end_doc();
    level = Level::DocArray;
  } else if (level == Level::Alloc) {
    end_alloc();
    level = Level::AllocArray;
  } else if (level == Level::Budget) {
    level = Level::Top;
    top_member = kTopNone;
  }
  return !stop;
}

bool Reader::end_array() {
  if (capturing) {
    capture_close(']');
    return true;
  }
  if (level == Level::DocArray) {
    level = Level::Top;
    top_member = kTopNone;
  } else if (level == Level::AllocArray) {
    level = Level::Doc;
    member = kUnknown;
  }
  return !stop;
}

void Reader::top_key(std::string_view key) {
  if (key == "collection") {  // Captured whole; read once the ids are known (finish_read).
    top_member = kTopNone;
    if (collection_seen) {
      problem("collection", "duplicate member");
      begin_skip();
      return;
    }
    collection_seen = true;
    begin_capture(&refs.collection);
    return;
  }
  int m = top_member_of(key);
  top_member = m;
  if (m == kTopNone) {  // Unknown: kept verbatim in a Book extra.
    if (!book_extra.empty()) book_extra += ',';
    append_escaped(book_extra, key);
    book_extra += ':';
    begin_capture(&book_extra);
    return;
  }
  if (top_seen & bit(m)) {
    problem(std::string(key), "duplicate member");
    begin_skip();
  }
  top_seen |= bit(m);
}

void Reader::doc_key(std::string_view key) {
  Member m = member_of(key);
  currency_check = false;
  if (m != kUnknown && (kRules[static_cast<int>(section)].allowed & bit(m))) {
    member = m;
    if (doc_seen & bit(m)) {
      problem(place(), "duplicate member");
      begin_skip();
    }
    doc_seen |= bit(m);
    return;
  }
  member = kUnknown;  // Not ours: kept verbatim with this document.
  currency_check = key == "currency";  // Kept too, if it is the book's (its value decides).
  if (!doc_extra.empty()) doc_extra += ',';
  append_escaped(doc_extra, key);
  doc_extra += ':';
  begin_capture(&doc_extra);
}

void Reader::alloc_key(std::string_view key) {
  Member m = member_of(key);
  member = m;
  if (m != kUnknown && (kAllocationAllowed & bit(m))) {
    if (alloc_seen & bit(m)) {
      problem(place(), "duplicate member");
      begin_skip();
    }
    alloc_seen |= bit(m);
    return;
  }
  member = kUnknown;
  problem(place(), "unknown member " + json_quoted(key) +
                       ": an allocation has only \"invoice\" and \"amount\"");
  begin_skip();
}

void Reader::budget_key(std::string_view key) {
  budget_member = budget_member_of(key);
  if (budget_member == kBudgetNone) {
    problem("budget", "unknown member " + json_quoted(key) +
                          ": a budget has only \"dso_days\" and \"overdue_ratio\"");
    begin_skip();
    return;
  }
  if (budget_seen & bit(budget_member)) {
    problem(place(), "duplicate member");
    begin_skip();
  }
  budget_seen |= bit(budget_member);
}

void Reader::begin_doc() {
  doc_seen = 0;
  member = kUnknown;
  doc_extra.clear();
  begin_document(book, refs, section);
}

void Reader::end_doc() {
  uint16_t missing = kRules[static_cast<int>(section)].required & ~doc_seen;
  for (int m = 0; m < kMemberCount; ++m) {
    if (missing & bit(m)) problem(doc_place(), missing_member(m));
  }
  if (!doc_extra.empty()) {
    Index index = static_cast<Index>(section_size(book, section) - 1);
    book.extras.push_back(Extra{kSectionKinds[static_cast<int>(section)], index, doc_extra});
    doc_extra.clear();
  }
  member = kUnknown;
}

void Reader::begin_alloc() {
  alloc_seen = 0;
  member = kUnknown;
  bool pay = section == Section::Payments;
  (pay ? book.payment_allocations : book.credit_allocations).emplace_back();
  (pay ? refs.payment_alloc_invoice : refs.credit_alloc_invoice).push_back(kNoRef);
  (pay ? book.payments : book.credit_notes).back().allocation_count++;
}

void Reader::end_alloc() {
  uint16_t missing = kAllocationAllowed & ~alloc_seen;
  for (int m : {kInvoice, kAmount}) {
    if (missing & bit(m)) problem(doc_place(), missing_member(m));
  }
  member = kUnknown;
}

void Reader::end_top() {
  top_member = kTopNone;
  if (!(top_seen & bit(kTopFormat))) {
    problem("", std::string("missing member \"format\" (expected \"") + kBookFormat + "\")");
  }
  if (!(top_seen & bit(kTopCurrency))) problem("", "missing member \"currency\"");
  if (!book_extra.empty()) book.extras.push_back(Extra{DocKind::Book, 0, book_extra});
}

// =========================================================================================
// [SECTION] Currency pre-scan (amounts met before "currency")
// =========================================================================================

// Finds the top-level "currency" string and stops there; everything else is ignored.
struct CurrencyScan {
  std::string* out;
  int depth = 0;
  bool next_is_currency = false;
  bool found = false;
  bool value(const std::string* s) {
    if (depth != 1 || !next_is_currency) return true;
    if (s) {
      *out = *s;
      found = true;
    }
    return false;
  }
  bool null() { return value(nullptr); }
  bool boolean(bool) { return value(nullptr); }
  bool number_integer(int64_t) { return value(nullptr); }
  bool number_unsigned(uint64_t) { return value(nullptr); }
  bool number_float(double, const std::string&) { return value(nullptr); }
  bool string(std::string& s) { return value(&s); }
  bool binary(json::binary_t&) { return true; }
  bool start_object(size_t) { return value(nullptr) && ++depth > 0; }
  bool start_array(size_t) { return value(nullptr) && ++depth > 0; }
  bool end_object() { return --depth >= 0; }
  bool end_array() { return --depth >= 0; }
  bool key(std::string& k) {
    next_is_currency = depth == 1 && k == "currency";
    return true;
  }
  std::string value_place() const { return ""; }
  void parse_error(Problem) {}
};

bool find_currency(std::string_view text, std::string* currency) {
  CurrencyScan scan{currency};
  json_sax_parse(text, &scan);
  return scan.found;
}

// =========================================================================================
// [SECTION] Resolving references
// =========================================================================================

struct Resolver {
  Book& book;
  const Refs& refs;
  std::vector<Problem>& problems;
  StrRef last_ref = kNoRef;
  Index last_index = kNone;
  Index (*last_lookup)(const Book&, std::string_view) = nullptr;

  bool full() const { return problems.size() >= kProblemsMax; }

  // Resolves one reference; consecutive equal references reuse the last lookup. `place`
  // makes the problem's place only when there is a problem.
  template <class Place>
  Index find(StrRef ref, Index (*lookup)(const Book&, std::string_view), const char* what,
             Place&& place) {
    if (ref.offset == last_ref.offset && ref.length == last_ref.length && last_index != kNone &&
        lookup == last_lookup) {
      return last_index;
    }
    Index index = lookup(book, refs.str(ref));
    last_lookup = lookup;
    last_ref = ref;
    last_index = index;
    if (index == kNone && !full()) {
      problems.push_back(
          {place(), std::string("unknown ") + what + ' ' + json_quoted(refs.str(ref))});
    }
    return index;
  }
};

std::string member_place(const char* section, size_t i, const char* member) {
  return std::string(section) + '[' + std::to_string(i) + "]." + member;
}

void resolve_receipts(Resolver& r, const char* section, std::vector<Receipt>& receipts,
                      const std::vector<StrRef>& customer_refs, std::vector<Allocation>& allocs,
                      const std::vector<StrRef>& invoice_refs) {
  for (size_t i = 0; i < receipts.size() && !r.full(); ++i) {
    receipts[i].customer = r.find(customer_refs[i], find_customer, "customer",
                                  [&] { return member_place(section, i, "customer"); });
  }
  for (size_t i = 0; i < receipts.size() && !r.full(); ++i) {
    for (uint32_t j = 0; j < receipts[i].allocation_count; ++j) {
      size_t a = receipts[i].allocation_first + j;
      allocs[a].invoice = r.find(invoice_refs[a], find_invoice, "invoice", [&] {
        return member_place(section, i, "allocations[") + std::to_string(j) + "].invoice";
      });
    }
  }
}

void resolve(Book& book, const Refs& refs, std::vector<Problem>& problems) {
  index_ids(book, &problems);
  Resolver r{book, refs, problems};
  for (size_t i = 0; i < book.customers.size() && !r.full(); ++i) {
    if (refs.customer_salesperson[i].offset == kNoRef.offset) continue;
    book.customers[i].salesperson =
        r.find(refs.customer_salesperson[i], find_salesperson, "salesperson",
               [&] { return member_place("customers", i, "salesperson"); });
  }
  for (size_t i = 0; i < book.invoices.size() && !r.full(); ++i) {
    Invoice& inv = book.invoices[i];
    inv.customer = r.find(refs.invoice_customer[i], find_customer, "customer",
                          [&] { return member_place("invoices", i, "customer"); });
    if (!(inv.flags & kInvoiceDueGiven) && inv.customer != kNone) {
      inv.due = inv.date + book.customers[inv.customer].terms_days;
    }
  }
  resolve_receipts(r, "payments", book.payments, refs.payment_customer,
                   book.payment_allocations, refs.payment_alloc_invoice);
  resolve_receipts(r, "credit_notes", book.credit_notes, refs.credit_customer,
                   book.credit_allocations, refs.credit_alloc_invoice);
  for (size_t i = 0; i < book.write_offs.size() && !r.full(); ++i) {
    book.write_offs[i].invoice = r.find(refs.write_off_invoice[i], find_invoice, "invoice",
                                        [&] { return member_place("write_offs", i, "invoice"); });
  }
  for (size_t i = 0; i < book.refunds.size() && !r.full(); ++i) {
    Refund& refund = book.refunds[i];
    refund.customer = r.find(refs.refund_customer[i], find_customer, "customer",
                             [&] { return member_place("refunds", i, "customer"); });
    if (refs.refund_payment[i].offset == kNoRef.offset || r.full()) continue;
    refund.payment = r.find(refs.refund_payment[i], find_payment, "payment",
                            [&] { return member_place("refunds", i, "payment"); });
  }
}

void shrink(Book& b) {
  b.salespeople.shrink_to_fit();
  b.customers.shrink_to_fit();
  b.invoices.shrink_to_fit();
  b.payments.shrink_to_fit();
  b.credit_notes.shrink_to_fit();
  b.payment_allocations.shrink_to_fit();
  b.credit_allocations.shrink_to_fit();
  b.write_offs.shrink_to_fit();
  b.refunds.shrink_to_fit();
  b.strings.shrink_to_fit();
}

}  // namespace

// =========================================================================================
// [SECTION] Shared with the simdjson reader (book_json_fast.h)
// =========================================================================================

namespace book_json_detail {

// Called for every key of every document: dispatch on length first, then compare once.
Member member_of(std::string_view key) {
  Member m = kUnknown;
  switch (key.size()) {
    case 2: m = kId; break;
    case 4: m = key[0] == 'n' ? kName : kDate; break;
    case 3: m = kDue; break;
    case 5: m = kGrade; break;
    case 6: m = key[0] == 'a' ? kAmount : kCharge; break;
    case 7: m = key[0] == 'i' ? kInvoice : kPayment; break;
    case 8: m = key[0] == 'c' ? kCustomer : kDisputed; break;
    case 10: m = kTermsDays; break;
    case 11: m = key[0] == 's' ? kSalesperson : kAllocations; break;
    case 12: m = kCreditLimit; break;
    default: return kUnknown;
  }
  // Every case above picked a name of exactly key.size() characters.
  return m != kUnknown && std::memcmp(key.data(), kMemberNames[m], key.size()) == 0 ? m : kUnknown;
}

size_t section_size(const Book& b, Section s) {
  switch (s) {
    case Section::Salespeople: return b.salespeople.size();
    case Section::Customers: return b.customers.size();
    case Section::Invoices: return b.invoices.size();
    case Section::Payments: return b.payments.size();
    case Section::CreditNotes: return b.credit_notes.size();
    case Section::WriteOffs: return b.write_offs.size();
    case Section::Refunds: return b.refunds.size();
  }
  return 0;
}

int top_member_of(std::string_view key) {
  if (key == "format") return kTopFormat;
  if (key == "currency") return kTopCurrency;
  if (key == "budget") return kTopBudget;
  for (int i = 0; i < kSectionCount; ++i) {
    if (key == kSectionNames[i]) return kTopSection0 + i;
  }
  return kTopNone;
}

int budget_member_of(std::string_view key) {
  if (key == kBudgetMemberNames[kBudgetDsoDays]) return kBudgetDsoDays;
  if (key == kBudgetMemberNames[kBudgetOverdueRatio]) return kBudgetOverdueRatio;
  return kBudgetNone;
}

bool set_budget_member(Budget* budget, int member, std::string_view text, std::string* why) {
  if (member == kBudgetDsoDays) return parse_dso_target(text, &budget->dso_target_centidays, why);
  return parse_overdue_ratio_target(text, &budget->overdue_ratio_target_bp, why);
}

// As its declaration says; both readers call it.
void begin_document(Book& book, Refs& refs, Section s) {
  switch (s) {
    case Section::Salespeople: book.salespeople.emplace_back(); break;
    case Section::Customers:
      book.customers.emplace_back();
      refs.customer_salesperson.push_back(kNoRef);
      break;
    case Section::Invoices:
      book.invoices.emplace_back();
      refs.invoice_customer.push_back(kNoRef);
      break;
    case Section::Payments:
      book.payments.emplace_back();
      book.payments.back().allocation_first =
          static_cast<uint32_t>(book.payment_allocations.size());
      refs.payment_customer.push_back(kNoRef);
      break;
    case Section::CreditNotes:
      book.credit_notes.emplace_back();
      book.credit_notes.back().allocation_first =
          static_cast<uint32_t>(book.credit_allocations.size());
      refs.credit_customer.push_back(kNoRef);
      break;
    case Section::WriteOffs:
      book.write_offs.emplace_back();
      refs.write_off_invoice.push_back(kNoRef);
      break;
    case Section::Refunds:
      book.refunds.emplace_back();
      refs.refund_customer.push_back(kNoRef);
      refs.refund_payment.push_back(kNoRef);
      break;
  }
}

void finish_read(LoadResult* r, Refs* refs) {
  if (r->problems.empty()) {
    std::stable_sort(r->book.extras.begin(), r->book.extras.end(),
                     [](const Extra& a, const Extra& b) {
                       return a.kind != b.kind ? a.kind < b.kind : a.index < b.index;
                     });
    resolve(r->book, *refs, r->problems);
  }
  // The case file names ledger documents by id: read once they are all known.
  if (r->problems.empty() && !refs->collection.empty()) {
    std::string collection = std::move(refs->collection);
    *refs = Refs{};
    if (index_ids(r->book, &r->problems))
      read_collection_json(collection, r->book, &r->problems);
  }
  *refs = Refs{};  // The reference pool is freed before the index is built.
  if (r->problems.empty()) {
    shrink(r->book);
    build_index(r->book, &r->problems);
  }
  if (r->problems.size() > kProblemsMax) r->problems.resize(kProblemsMax);
  r->ok = r->problems.empty();
  if (!r->ok) r->book = Book{};
}

}  // namespace book_json_detail

// =========================================================================================
// [SECTION] read_book_json / format_problems
// =========================================================================================

LoadResult read_book_json_sax(std::string_view text) {
  LoadResult r;
  Refs refs;
  {
    Reader reader(text, r.book, r.problems, refs);
    bool parsed = json_sax_parse(text, &reader);
    if (!parsed && r.problems.empty()) r.problems.push_back({"", "could not read the book"});
  }
  finish_read(&r, &refs);
  return r;
}

// The simdjson reader handles the valid common case; anything else is read again here.
LoadResult read_book_json(std::string_view text) {
  LoadResult r;
  if (read_book_json_fast(text, &r)) return r;
  return read_book_json_sax(text);
}

// Same, reading `text` in place: only its capacity may grow (read_file leaves room).
LoadResult read_book_json(std::string& text) {
  size_t size = text.size();
  if (text.capacity() < size + kJsonPadding) text.reserve(size + kJsonPadding);
  // Known bytes after the end (simdjson never needs them, but a fixed input is repeatable).
  text.append(kJsonPadding, ' ');
  text.resize(size);
  LoadResult r;
  if (read_book_json_fast(text.data(), size, size + kJsonPadding, &r)) return r;
  return read_book_json_sax(text);
}

void append_json_string(std::string& out, std::string_view s) { append_escaped(out, s); }

std::string format_problems(std::string_view file_name, const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) {
    out.append(file_name);
    out += ": ";
    if (!p.place.empty()) {
      out += p.place;
      out += ": ";
    }
    out += p.message;
    out += '\n';
  }
  return out;
}

// =========================================================================================
// [SECTION] write_book_json
// =========================================================================================

namespace {

struct Writer {
  const Book& book;
  std::string out;
  std::vector<const Extra*> extras;  // Sorted by (kind, index); Book-level ones first.
  size_t extra_next = 0;

  void member(const char* name, bool first = false) {
    out += first ? "\"" : ", \"";
    out += name;
    out += "\": ";
  }
  void str(const char* name, std::string_view v) {
    member(name);
    append_escaped(out, v);
  }
  void amount(const char* name, int64_t minor) {
    member(name);
    out += '"';
    out += format_amount(minor, book.minor_digits);
    out += '"';
  }
  void date(const char* name, Date d) {
    member(name);
    out += '"';
    out += format_date(d);
    out += '"';
  }
  void doc_extras(DocKind kind, Index index) {
    auto before = [&](const Extra* e) {
      return e->kind != kind ? e->kind < kind : e->index < index;
    };
    while (extra_next < extras.size() && before(extras[extra_next])) ++extra_next;  // Stale.
    while (extra_next < extras.size() && extras[extra_next]->kind == kind &&
           extras[extra_next]->index == index) {
      out += ", ";
      out += extras[extra_next++]->members_json;
    }
  }
  template <class F>
  void section(const char* name, size_t count, F&& write_doc) {
    out += ",\n  \"";
    out += name;
    out += "\": [";
    for (size_t i = 0; i < count; ++i) {
      out += i ? "},\n    {" : "\n    {";
      write_doc(static_cast<Index>(i));
    }
    out += count ? "}\n  ]" : "]";
  }
  void receipt(const Receipt& r, DocKind kind, const std::vector<Allocation>& allocs, Index i);
};

void Writer::receipt(const Receipt& r, DocKind kind, const std::vector<Allocation>& allocs,
                     Index i) {
  member("id", true);
  append_escaped(out, book.str(r.id));
  str("customer", book.customers[r.customer].id);
  date("date", r.date);
  amount("amount", r.amount_minor);
  if (r.allocation_count > 0) {
    member("allocations");
    out += '[';
    for (uint32_t j = 0; j < r.allocation_count; ++j) {
      const Allocation& a = allocs[r.allocation_first + j];
      out += j ? ", {" : "{";
      member("invoice", true);
      append_escaped(out, book.str(book.invoices[a.invoice].id));
      amount("amount", a.amount_minor);
      out += '}';
    }
    out += ']';
  }
  doc_extras(kind, i);
}

}  // namespace

std::string write_book_json(const Book& book) {
  Writer w{book, {}, {}, 0};
  w.out.reserve(256 + book.invoices.size() * 110 + book.payments.size() * 150 +
                book.credit_notes.size() * 150 + book.write_offs.size() * 110);
  for (const Extra& e : book.extras) w.extras.push_back(&e);
  std::stable_sort(w.extras.begin(), w.extras.end(), [](const Extra* a, const Extra* b) {
    return a->kind != b->kind ? a->kind < b->kind : a->index < b->index;
  });
  std::string& out = w.out;
  out += "{\n  \"format\": ";
  append_escaped(out, kBookFormat);
  out += ",\n  \"currency\": ";
  append_escaped(out, book.currency);
  w.section("salespeople", book.salespeople.size(), [&](Index i) {
    w.member("id", true);
    append_escaped(out, book.salespeople[i].id);
    w.str("name", book.salespeople[i].name);
    w.doc_extras(DocKind::Salesperson, i);
  });
  w.section("customers", book.customers.size(), [&](Index i) {
    const Customer& c = book.customers[i];
    w.member("id", true);
    append_escaped(out, c.id);
    w.str("name", c.name);
    if (c.salesperson != kNone) w.str("salesperson", book.salespeople[c.salesperson].id);
    w.member("terms_days");
    out += std::to_string(c.terms_days);
    if (c.credit_limit_minor >= 0) w.amount("credit_limit", c.credit_limit_minor);
    if (!c.grade.empty()) w.str("grade", c.grade);
    w.doc_extras(DocKind::Customer, i);
  });
  w.section("invoices", book.invoices.size(), [&](Index i) {
    const Invoice& v = book.invoices[i];
    w.member("id", true);
    append_escaped(out, book.str(v.id));
    w.str("customer", book.customers[v.customer].id);
    w.date("date", v.date);
    if (v.flags & kInvoiceDueGiven) w.date("due", v.due);
    w.amount("amount", v.amount_minor);
    if (v.flags & kInvoiceDisputed) {
      w.member("disputed");
      out += "true";
    }
    if (v.flags & kInvoiceCharge) w.str("charge", charge_name(v.flags));
    w.doc_extras(DocKind::Invoice, i);
  });
  w.section("payments", book.payments.size(), [&](Index i) {
    w.receipt(book.payments[i], DocKind::Payment, book.payment_allocations, i);
  });
  w.section("credit_notes", book.credit_notes.size(), [&](Index i) {
    w.receipt(book.credit_notes[i], DocKind::CreditNote, book.credit_allocations, i);
  });
  w.section("write_offs", book.write_offs.size(), [&](Index i) {
    const WriteOff& d = book.write_offs[i];
    w.member("id", true);
    append_escaped(out, book.str(d.id));
    w.str("invoice", book.str(book.invoices[d.invoice].id));
    w.date("date", d.date);
    w.amount("amount", d.amount_minor);
    w.doc_extras(DocKind::WriteOff, i);
  });
  if (!book.refunds.empty()) {  // Only when there are any: older books stay as they were.
    w.section("refunds", book.refunds.size(), [&](Index i) {
      const Refund& d = book.refunds[i];
      w.member("id", true);
      append_escaped(out, book.str(d.id));
      w.str("customer", book.customers[d.customer].id);
      w.date("date", d.date);
      w.amount("amount", d.amount_minor);
      if (d.payment != kNone) w.str("payment", book.str(book.payments[d.payment].id));
      w.doc_extras(DocKind::Refund, i);
    });
  }
  if (book.budget.given()) {
    out += ",\n  \"budget\": {";
    bool first = true;
    if (book.budget.dso_target_centidays >= 0) {
      w.member("dso_days", true);
      append_escaped(out, format_dso_target(book.budget.dso_target_centidays));
      first = false;
    }
    if (book.budget.overdue_ratio_target_bp >= 0) {
      w.member("overdue_ratio", first);
      append_escaped(out, format_overdue_ratio_target(book.budget.overdue_ratio_target_bp));
    }
    out += '}';
  }
  append_collection_json(out, book);
  for (const Extra* e : w.extras) {
    if (e->kind != DocKind::Book) break;
    out += ",\n  ";
    out += e->members_json;
  }
  out += "\n}\n";
  return out;
}

}  // namespace arlab
