// book_json_fast.cpp: the simdjson On-Demand reader of "arlab-book/1", the fast path of
// read_book_json (book_json_fast.h). It reads only what it can read exactly as the nlohmann
// SAX reader (book_json.cpp) does and declines everything else, so errors and odd inputs
// keep one reader and one set of messages.
//
// [SECTION] Tokens: strings, numbers and literals as nlohmann reads them
// [SECTION] Reader state and member values
// [SECTION] Unknown members (kept verbatim)
// [SECTION] Documents, sections, the top object
// [SECTION] read_book_json_fast
//
// simdjson's stage 1 checks UTF-8 and finds every token over the whole text; On-Demand
// then walks them. It checks structure (commas, colons, brackets) only where we walk, and
// skipping a value it was not asked for does not check it (a stray ':' after a string is
// taken for a key): so we consume every value, each scalar with a getter, and check the
// scalars' text ourselves (JSON number grammar, literals, control characters and escapes
// in strings). Amounts are parsed from their exact text with parse_amount, never via double.
#include "io/book_json_fast.h"

#include <simdjson.h>

#include <cstdlib>
#include <utility>

#include "core/money.h"
#include "io/json_text.h"

namespace arlab {
namespace {

namespace od = simdjson::ondemand;
using namespace book_json_detail;

static_assert(kJsonPadding == simdjson::SIMDJSON_PADDING);
// Nesting levels: the top object is 1, a top-level member's value 2, a document 3 and a
// document member's value 4. An object or array deeper than kJsonDepthMax (json_text.h)
// goes to the SAX reader, which refuses it.
constexpr int kTopValueLevel = 2;
constexpr int kDocValueLevel = 4;

// =========================================================================================
// [SECTION] Tokens: strings, numbers and literals as nlohmann reads them
// =========================================================================================

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// The value's token without the spaces simdjson counts with it ("{" for an object).
std::string_view token_of(od::value& v) {
  std::string_view t = v.raw_json_token();
  while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
  return t;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four hex digits at s[at..at+4) (a \u escape's code unit); -1 if not.
int32_t hex4(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return -1;
  int32_t v = 0;
  for (size_t i = at; i < at + 4; ++i) {
    int h = hex_value(s[i]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

void append_utf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// One \u escape at body[i] == 'u' (surrogate pairs as one); false where nlohmann errs.
bool unescape_u(std::string_view body, size_t* i, std::string* out) {
  int32_t cp = hex4(body, *i + 1);
  if (cp < 0) return false;
  *i += 4;
  if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // A low surrogate first.
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    if (*i + 2 >= body.size() || body[*i + 1] != '\\' || body[*i + 2] != 'u') return false;
    int32_t low = hex4(body, *i + 3);
    if (low < 0xDC00 || low > 0xDFFF) return false;
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    *i += 6;
  }
  append_utf8(out, static_cast<uint32_t>(cp));
  return true;
}

// A string body with escapes, decoded as nlohmann does; false where nlohmann would reject.
bool unescape(std::string_view body, std::string* out) {
  out->clear();
  for (size_t i = 0; i < body.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(body[i]);
    if (c < 0x20 || c == '"') return false;
    if (c != '\\') {
      out->push_back(static_cast<char>(c));
      continue;
    }
    if (++i == body.size()) return false;
    switch (body[i]) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u':
        if (!unescape_u(body, &i, out)) return false;
        break;
      default: return false;
    }
  }
  return true;
}

// A string whose text starts at `start` (after its opening quote): itself when plain (no
// copy), else decoded into *scratch. Stage 1 guarantees the closing quote.
bool string_at(const char* start, std::string* scratch, std::string_view* out) {
  const char* end = start;
  bool plain = true;
  for (;;) {
    unsigned char c = static_cast<unsigned char>(*end);
    if (c == '"') break;
    if (c == '\\') {
      plain = false;
      end += 2;
      continue;
    }
    if (c < 0x20) plain = false;  // unescape() declines it.
    ++end;
  }
  std::string_view body(start, static_cast<size_t>(end - start));
  if (plain) {
    *out = body;
    return true;
  }
  if (!unescape(body, scratch)) return false;
  *out = *scratch;
  return true;
}

// A string value, consumed.
bool string_value(od::value& v, std::string* scratch, std::string_view* out) {
  od::raw_json_string raw;
  return !v.get_raw_json_string().get(raw) && string_at(raw.raw(), scratch, out);
}

bool key_of(od::field& f, std::string* scratch, std::string_view* out) {
  return string_at(f.key().raw(), scratch, out);
}

size_t digits_at(std::string_view t, size_t i) {
  size_t start = i;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  return i - start;
}

// A JSON number that nlohmann reports with exactly this text. Declined: bad grammar, "-0"
// (nlohmann reads the integer 0, written "0"), and, conservatively, magnitudes near the
// limits of double (nlohmann rejects numbers that overflow it).
bool number_ok(std::string_view t) {
  size_t i = t.empty() || t[0] != '-' ? 0 : 1;
  size_t int_digits = digits_at(t, i);
  if (int_digits == 0 || (t[i] == '0' && int_digits > 1)) return false;
  i += int_digits;
  size_t frac_digits = 0;
  if (i < t.size() && t[i] == '.') {
    frac_digits = digits_at(t, i + 1);
    if (frac_digits == 0) return false;
    i += 1 + frac_digits;
  }
  bool exponent = i < t.size() && (t[i] == 'e' || t[i] == 'E');
  if (exponent) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    size_t exp_digits = digits_at(t, i);
    if (exp_digits == 0 || exp_digits > 3) return false;  // |exponent| < 1000 below.
    if (std::atoi(std::string(t.substr(i, exp_digits)).c_str()) > 200) return false;
    i += exp_digits;
  }
  if (i != t.size() || int_digits + frac_digits > 60) return false;
  return t != "-0";
}

// A number or literal, consumed with a getter (which also checks it); its own text.
bool scalar_value(od::value& v, std::string_view* out) {
  std::string_view t = token_of(v);
  *out = t;
  if (t == "true" || t == "false") {
    bool b;
    return !v.get_bool().get(b);
  }
  if (t == "null") {
    bool is_null = false;
    return !v.is_null().get(is_null) && is_null;
  }
  double d;  // Unused: only the text counts.
  return number_ok(t) && !v.get_double().get(d);
}

// =========================================================================================
// [SECTION] Reader state and member values
// =========================================================================================

// Each function returns false to decline the whole book (then the SAX reader reads it).
struct FastReader {
  Book& book;
  Refs& refs;
  int minor_digits;          // Of the book's currency, known before the first amount.
  std::string scratch;       // Decoded string values with escapes.
  std::string key_scratch;   // Decoded keys with escapes.
  std::string why;           // parse_amount's reason (unused: we only decline).
  std::string doc_extra, book_extra;

  bool str(od::value& v, std::string_view* out) { return string_value(v, &scratch, out); }
  bool id(od::value& v, std::string_view* out) { return str(v, out) && !out->empty(); }
  bool date(od::value& v, Date* out) {
    std::string_view s;
    return str(v, &s) && parse_date(s, out);
  }
  bool ref(od::value& v, StrRef* out) {
    std::string_view s;
    if (!id(v, &s)) return false;
    *out = refs.add(s);
    return true;
  }
  bool amount(od::value& v, bool zero_ok, int64_t* out);
  bool days(od::value& v, int32_t* out);

  bool capture(od::value& v, std::string* out, int level);
  bool capture_object(od::value& v, std::string* out, int level);
  bool capture_array(od::value& v, std::string* out, int level);
  bool unknown_member(std::string_view key, od::value& v, std::string* out, int level);

  void begin_doc(Section s);
  bool doc_value(Section s, Member m, od::value& v);
  bool receipt_value(bool pay, Member m, od::value& v);
  bool allocations(bool pay, od::value& v);
  bool doc(Section s, od::object& o);
  bool section(Section s, od::value& v);
  bool budget(od::value& v);
  bool top_value(int m, od::value& v);
  bool top(od::document& d);
};

// A decimal string, or a JSON number's own text (what nlohmann hands the SAX reader).
bool FastReader::amount(od::value& v, bool zero_ok, int64_t* out) {
  std::string_view text = token_of(v);
  if (text.empty()) return false;
  if (text[0] == '"') {
    if (!str(v, &text)) return false;
  } else if (text[0] == '-' || !scalar_value(v, &text)) {  // Negative: never an amount.
    return false;
  }
  if (!parse_amount(text, minor_digits, out, &why)) return false;
  return *out > 0 || (zero_ok && *out == 0);
}

// A whole number from 0 to 3650, written as a plain JSON integer.
bool FastReader::days(od::value& v, int32_t* out) {
  std::string_view t;
  if (!scalar_value(v, &t) || t.size() > 4 || digits_at(t, 0) != t.size()) return false;
  int32_t n = 0;
  for (char c : t) n = n * 10 + (c - '0');
  if (n > 3650) return false;
  *out = n;
  return true;
}

// =========================================================================================
// [SECTION] Unknown members (kept verbatim)
// =========================================================================================

// Appends the value as compact JSON, exactly as the SAX reader's capture writes it:
// strings re-escaped from their decoded value, numbers and literals as written. `level`:
// the value's nesting level, were it an object or array.
bool FastReader::capture(od::value& v, std::string* out, int level) {
  std::string_view t = token_of(v);
  if (t.empty()) return false;
  switch (t[0]) {
    case '{': return level <= kJsonDepthMax && capture_object(v, out, level);
    case '[': return level <= kJsonDepthMax && capture_array(v, out, level);
    case '"': {
      std::string_view s;
      if (!str(v, &s)) return false;
      append_json_string(*out, s);
      return true;
    }
    default: {
      std::string_view s;
      if (!scalar_value(v, &s)) return false;
      out->append(s);
      return true;
    }
  }
}

bool FastReader::capture_object(od::value& v, std::string* out, int level) {
  od::object o;
  if (v.get_object().get(o)) return false;
  out->push_back('{');
  bool first = true;
  for (auto member : o) {
    od::field f;
    std::string_view key;
    if (std::move(member).get(f) || !key_of(f, &key_scratch, &key)) return false;
    if (!first) out->push_back(',');
    first = false;
    append_json_string(*out, key);
    out->push_back(':');
    if (!capture(f.value(), out, level + 1)) return false;
  }
  out->push_back('}');
  return true;
}

bool FastReader::capture_array(od::value& v, std::string* out, int level) {
  od::array a;
  if (v.get_array().get(a)) return false;
  out->push_back('[');
  bool first = true;
  for (auto item : a) {
    od::value e;
    if (std::move(item).get(e)) return false;
    if (!first) out->push_back(',');
    first = false;
    if (!capture(e, out, level + 1)) return false;
  }
  out->push_back(']');
  return true;
}

// `"key":value` appended to a document's (or the book's) extra text, comma-separated.
bool FastReader::unknown_member(std::string_view key, od::value& v, std::string* out,
                                int level) {
  if (!out->empty()) out->push_back(',');
  append_json_string(*out, key);
  out->push_back(':');
  return capture(v, out, level);
}

// =========================================================================================
// [SECTION] Documents, sections, the top object
// =========================================================================================

// As the SAX reader's begin_doc: a default document and no references yet.
void FastReader::begin_doc(Section s) { begin_document(book, refs, s); }

bool FastReader::receipt_value(bool pay, Member m, od::value& v) {
  Receipt& d = pay ? book.payments.back() : book.credit_notes.back();
  std::string_view s;
  switch (m) {
    case kDate: return date(v, &d.date);
    case kAmount: return amount(v, false, &d.amount_minor);
    case kAllocations: return allocations(pay, v);
    case kCustomer: return ref(v, &(pay ? refs.payment_customer : refs.credit_customer).back());
    default:
      if (!id(v, &s)) return false;
      d.id = book.intern(s);
      return true;
  }
}

// One known member of a document (the section allows it and it is not a duplicate).
bool FastReader::doc_value(Section s, Member m, od::value& v) {
  std::string_view text;
  switch (s) {
    case Section::Salespeople: {
      Salesperson& d = book.salespeople.back();
      if (!(m == kName ? str(v, &text) : id(v, &text))) return false;
      (m == kName ? d.name : d.id) = std::string(text);
      return true;
    }
    case Section::Customers: {
      Customer& d = book.customers.back();
      if (m == kTermsDays) return days(v, &d.terms_days);
      if (m == kCreditLimit) return amount(v, true, &d.credit_limit_minor);
      if (m == kSalesperson) return ref(v, &refs.customer_salesperson.back());
      if (m == kGrade) {
        if (!id(v, &text)) return false;  // Not empty, as an id.
        d.grade = std::string(text);
        return true;
      }
      if (!(m == kName ? str(v, &text) : id(v, &text))) return false;
      (m == kName ? d.name : d.id) = std::string(text);
      return true;
    }
    case Section::Invoices: {
      Invoice& d = book.invoices.back();
      if (m == kDate) return date(v, &d.date);
      if (m == kDue) {
        if (!date(v, &d.due)) return false;
        d.flags |= kInvoiceDueGiven;  // Written in the file: kept on save.
        return true;
      }
      if (m == kAmount) return amount(v, false, &d.amount_minor);
      if (m == kCustomer) return ref(v, &refs.invoice_customer.back());
      if (m == kDisputed) {
        if (!scalar_value(v, &text) || (text != "true" && text != "false")) return false;
        if (text == "true") d.flags |= kInvoiceDisputed;
        return true;
      }
      if (m == kCharge) {
        if (!str(v, &text) || charge_flag(text) == 0) return false;
        d.flags |= charge_flag(text);
        return true;
      }
      if (!id(v, &text)) return false;
      d.id = book.intern(text);
      return true;
    }
    case Section::Payments: return receipt_value(true, m, v);
    case Section::CreditNotes: return receipt_value(false, m, v);
    case Section::WriteOffs: {
      WriteOff& d = book.write_offs.back();
      if (m == kDate) return date(v, &d.date);
      if (m == kAmount) return amount(v, false, &d.amount_minor);
      if (m == kInvoice) return ref(v, &refs.write_off_invoice.back());
      if (!id(v, &text)) return false;
      d.id = book.intern(text);
      return true;
    }
    case Section::Refunds: {
      Refund& d = book.refunds.back();
      if (m == kDate) return date(v, &d.date);
      if (m == kAmount) return amount(v, false, &d.amount_minor);
      if (m == kCustomer) return ref(v, &refs.refund_customer.back());
      if (m == kPayment) return ref(v, &refs.refund_payment.back());
      if (!id(v, &text)) return false;
      d.id = book.intern(text);
      return true;
    }
  }
  return false;
}

// Allocations: objects with exactly "invoice" and "amount", nothing else.
bool FastReader::allocations(bool pay, od::value& v) {
  od::array a;
  if (v.get_array().get(a)) return false;
  std::vector<Allocation>& allocs = pay ? book.payment_allocations : book.credit_allocations;
  std::vector<StrRef>& invoice_refs = pay ? refs.payment_alloc_invoice : refs.credit_alloc_invoice;
  for (auto item : a) {
    od::value e;
    od::object o;
    if (std::move(item).get(e) || e.get_object().get(o)) return false;
    allocs.emplace_back();
    invoice_refs.push_back(kNoRef);
    (pay ? book.payments : book.credit_notes).back().allocation_count++;
    uint16_t seen = 0;
    for (auto member : o) {
      od::field f;
      std::string_view key;
      if (std::move(member).get(f) || !key_of(f, &key_scratch, &key)) return false;
      Member m = member_of(key);
      if (m == kUnknown || !(kAllocationAllowed & bit(m)) || (seen & bit(m))) return false;
      seen |= bit(m);
      bool ok = m == kAmount ? amount(f.value(), false, &allocs.back().amount_minor)
                             : ref(f.value(), &invoice_refs.back());
      if (!ok) return false;
    }
    if (seen != kAllocationAllowed) return false;
  }
  return true;
}

bool FastReader::doc(Section s, od::object& o) {
  const SectionRules& rules = kRules[static_cast<int>(s)];
  uint16_t seen = 0;
  doc_extra.clear();
  begin_doc(s);
  for (auto member : o) {
    od::field f;
    std::string_view key;
    if (std::move(member).get(f) || !key_of(f, &key_scratch, &key)) return false;
    Member m = member_of(key);
    if (m != kUnknown && (rules.allowed & bit(m))) {
      if (seen & bit(m)) return false;
      seen |= bit(m);
      if (!doc_value(s, m, f.value())) return false;
    } else if (key == "currency") {
      return false;  // The SAX reader compares it with the book's currency.
    } else if (!unknown_member(key, f.value(), &doc_extra, kDocValueLevel)) {
      return false;
    }
  }
  if (rules.required & ~seen) return false;
  if (!doc_extra.empty()) {
    Index index = static_cast<Index>(section_size(book, s) - 1);
    book.extras.push_back(Extra{kSectionKinds[static_cast<int>(s)], index, doc_extra});
  }
  return true;
}

bool FastReader::section(Section s, od::value& v) {
  od::array a;
  if (v.get_array().get(a)) return false;
  for (auto item : a) {
    od::value e;
    od::object o;
    if (std::move(item).get(e) || e.get_object().get(o) || !doc(s, o)) return false;
  }
  return true;
}

bool iso_currency(std::string_view v) {
  if (v.size() != 3) return false;
  for (char c : v) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// The budget object: "dso_days" and "overdue_ratio" at most once each, as strings or
// numbers (their exact text) that core/budget.h accepts; anything else is declined.
bool FastReader::budget(od::value& v) {
  od::object o;
  if (v.get_object().get(o)) return false;
  uint16_t seen = 0;
  for (auto member : o) {
    od::field f;
    std::string_view key, text;
    if (std::move(member).get(f) || !key_of(f, &key_scratch, &key)) return false;
    int m = budget_member_of(key);
    if (m == kBudgetNone || (seen & bit(m))) return false;
    seen |= bit(m);
    od::value value = f.value();
    std::string_view token = token_of(value);
    if (token.empty()) return false;
    if (token[0] == '"') {
      if (!str(value, &text)) return false;
    } else if (!scalar_value(value, &text) || text == "true" || text == "false" ||
               text == "null") {
      return false;
    }
    if (!set_budget_member(&book.budget, m, text, &why)) return false;
  }
  return true;
}

// A known top-level member, met for the first time.
bool FastReader::top_value(int m, od::value& v) {
  std::string_view s;
  if (m == kTopFormat) return str(v, &s) && (s == kBookFormat || s == kBookFormatV1);
  if (m == kTopCurrency) {
    if (!str(v, &s) || !iso_currency(s) || currency_minor_digits(s) != minor_digits) return false;
    book.currency = std::string(s);
    book.minor_digits = minor_digits;
    return true;
  }
  if (m == kTopBudget) return budget(v);
  return section(static_cast<Section>(m - kTopSection0), v);
}

bool FastReader::top(od::document& d) {
  od::object o;
  if (d.get_object().get(o)) return false;
  uint16_t seen = 0;
  for (auto member : o) {
    od::field f;
    std::string_view key;
    if (std::move(member).get(f) || !key_of(f, &key_scratch, &key)) return false;
    if (key == "collection") {  // Read in finish_read, once the ids are known.
      if (!refs.collection.empty() || !capture(f.value(), &refs.collection, kTopValueLevel))
        return false;
      continue;
    }
    int m = top_member_of(key);
    if (m == kTopNone) {
      if (!unknown_member(key, f.value(), &book_extra, kTopValueLevel)) return false;
      continue;
    }
    if (seen & bit(m)) return false;
    seen |= bit(m);
    if (!top_value(m, f.value())) return false;
  }
  if (!(seen & bit(kTopFormat)) || !(seen & bit(kTopCurrency))) return false;
  if (!book_extra.empty()) book.extras.push_back(Extra{DocKind::Book, 0, book_extra});
  // Nothing may follow the top object: simdjson says "out of bounds" exactly at the end.
  return d.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

// The top-level "currency", wherever it is: amounts may come before it (the SAX reader
// pre-scans for it then; here the first member is usually it, so this costs nothing).
bool find_minor_digits(od::document& d, int* minor_digits) {
  od::object o;
  if (d.get_object().get(o)) return false;
  std::string scratch, value_scratch;
  for (auto member : o) {
    od::field f;
    std::string_view key, code;
    if (std::move(member).get(f) || !key_of(f, &scratch, &key)) return false;
    if (key != "currency") continue;
    if (!string_value(f.value(), &value_scratch, &code) || !iso_currency(code)) {
      return false;
    }
    *minor_digits = currency_minor_digits(code);
    return true;
  }
  return false;
}

// =========================================================================================
// [SECTION] read_book_json_fast
// =========================================================================================

bool read_padded(simdjson::padded_string_view json, LoadResult* out) {
  Refs refs;
  {
    od::parser parser;
    od::document d;
    int minor_digits = 2;
    if (parser.iterate(json).get(d) || !find_minor_digits(d, &minor_digits)) return false;
    d.rewind();
    FastReader reader{out->book, refs, minor_digits, {}, {}, {}, {}, {}};
    if (!reader.top(d)) return false;
  }  // The parser's buffers (about 4 bytes per byte of text) are freed here.
  finish_read(out, &refs);
  return true;
}

}  // namespace

bool read_book_json_fast(const char* data, size_t size, size_t capacity, LoadResult* out) {
  if (capacity < size + kJsonPadding) return read_book_json_fast(std::string_view(data, size), out);
  *out = LoadResult{};
  if (read_padded(simdjson::padded_string_view(data, size, capacity), out)) return true;
  *out = LoadResult{};  // Free what was read before the SAX reader starts.
  return false;
}

bool read_book_json_fast(std::string_view text, LoadResult* out) {
  simdjson::padded_string padded(text);  // One copy, with the padding simdjson reads.
  return read_book_json_fast(padded.data(), padded.size(), padded.size() + kJsonPadding, out);
}

}  // namespace arlab
