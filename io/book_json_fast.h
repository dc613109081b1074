// book_json_fast.h: internal to io/: the two readers behind read_book_json (io/book_json.h)
// and what they share. Not for use outside io/ (tests and the fuzzer excepted).
//
// read_book_json tries the simdjson reader first (book_json_fast.cpp): it handles only the
// valid common case and says "not handled" on anything unusual or wrong, and then the
// nlohmann SAX reader (book_json.cpp) reads the book again and writes the located messages.
// For every input the two give the same LoadResult (tests/core/test_book_json_fast.cpp,
// fuzz/fuzz_book_json_diff.cpp): same vectors, string pool, extras text and flags.
//
// Usage:
//   arlab::LoadResult r;
//   if (!arlab::read_book_json_fast(text, &r)) r = arlab::read_book_json_sax(text);
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/book_json.h"

namespace arlab {

// Bytes simdjson may read past the end of the text (SIMDJSON_PADDING, checked in the .cpp).
constexpr size_t kJsonPadding = 64;

// The nlohmann SAX reader: any input, precise places for every problem.
LoadResult read_book_json_sax(std::string_view text);

// The simdjson reader. Returns false ("not handled", *out unspecified) on anything it does
// not read exactly as the SAX reader would; then call read_book_json_sax. Returns true with
// the finished result otherwise (including problems found after parsing, by the shared
// resolve and build_index step). The string_view form copies the text into a padded buffer;
// the other reads `capacity` bytes at `data` (capacity >= size + kJsonPadding) in place.
bool read_book_json_fast(std::string_view text, LoadResult* out);
bool read_book_json_fast(const char* data, size_t size, size_t capacity, LoadResult* out);

namespace book_json_detail {

// ---- Members of the format (both readers dispatch on these) ----------------------------
enum class Section : uint8_t {
  Salespeople, Customers, Invoices, Payments, CreditNotes, WriteOffs, Refunds
};
constexpr int kSectionCount = 7;
constexpr const char* kSectionNames[kSectionCount] = {
    "salespeople", "customers", "invoices", "payments", "credit_notes", "write_offs", "refunds"};
constexpr DocKind kSectionKinds[kSectionCount] = {
    DocKind::Salesperson, DocKind::Customer, DocKind::Invoice, DocKind::Payment,
    DocKind::CreditNote, DocKind::WriteOff, DocKind::Refund};

enum Member : uint8_t {
  kId, kName, kSalesperson, kTermsDays, kCreditLimit, kCustomer, kInvoice,
  kDate, kDue, kAmount, kAllocations, kGrade, kDisputed, kPayment, kCharge, kMemberCount,
  kUnknown = 255
};
constexpr const char* kMemberNames[kMemberCount] = {
    "id", "name", "salesperson", "terms_days", "credit_limit", "customer", "invoice",
    "date", "due", "amount", "allocations", "grade", "disputed", "payment", "charge"};

constexpr uint16_t bit(int m) { return static_cast<uint16_t>(1u << m); }

// Members each section knows, and those it requires; anything else is kept verbatim.
struct SectionRules {
  uint16_t allowed;
  uint16_t required;
};
constexpr uint16_t kReceiptRequired = bit(kId) | bit(kCustomer) | bit(kDate) | bit(kAmount);
constexpr SectionRules kRules[kSectionCount] = {
    {bit(kId) | bit(kName), bit(kId) | bit(kName)},
    {bit(kId) | bit(kName) | bit(kSalesperson) | bit(kTermsDays) | bit(kCreditLimit) |
         bit(kGrade),
     bit(kId) | bit(kName)},
    {kReceiptRequired | bit(kDue) | bit(kDisputed) | bit(kCharge), kReceiptRequired},
    {kReceiptRequired | bit(kAllocations), kReceiptRequired},
    {kReceiptRequired | bit(kAllocations), kReceiptRequired},
    {bit(kId) | bit(kInvoice) | bit(kDate) | bit(kAmount),
     bit(kId) | bit(kInvoice) | bit(kDate) | bit(kAmount)},
    {kReceiptRequired | bit(kPayment), kReceiptRequired},
};
constexpr uint16_t kAllocationAllowed = bit(kInvoice) | bit(kAmount);

Member member_of(std::string_view key);  // kUnknown for a name that is not a member's.
size_t section_size(const Book& b, Section s);  // Documents read so far in that section.

// Top-level members: format, currency, the seven sections, then the budget (an object).
enum TopMember : int8_t { kTopNone = -1, kTopFormat = 0, kTopCurrency = 1, kTopSection0 = 2 };
constexpr int kTopBudget = kTopSection0 + kSectionCount;
int top_member_of(std::string_view key);

// The budget's members: "dso_days" and "overdue_ratio" (core/budget.h parses their text).
enum BudgetMember : int8_t { kBudgetNone = -1, kBudgetDsoDays = 0, kBudgetOverdueRatio = 1 };
constexpr const char* kBudgetMemberNames[2] = {"dso_days", "overdue_ratio"};
int budget_member_of(std::string_view key);
// Sets the target from a string's value or a number's exact text; false with *why.
bool set_budget_member(Budget* budget, int member, std::string_view text, std::string* why);

// ---- References by id, kept as text until every id is known -------------------------------
constexpr StrRef kNoRef{0xFFFFFFFFu, 0};

struct Refs {
  std::string pool;
  std::string collection;  // The "collection" member's text, as captured (collection_json.h).
  std::vector<StrRef> customer_salesperson, invoice_customer, payment_customer,
      credit_customer, payment_alloc_invoice, credit_alloc_invoice, write_off_invoice,
      refund_customer, refund_payment;
  std::string_view str(StrRef r) const { return std::string_view(pool).substr(r.offset, r.length); }
  StrRef add(std::string_view text) {
    // Consecutive documents often name the same customer: reuse the last entry.
    if (last.length == text.size() && str(last) == text) return last;
    last = StrRef{static_cast<uint32_t>(pool.size()), static_cast<uint32_t>(text.size())};
    pool.append(text);
    return last;
  }
  StrRef last{0, 0};
};

// Appends a default document of section `s` with no references yet (both readers, at '{').
void begin_document(Book& book, Refs& refs, Section s);

// The shared end of both readers, once the text is read with no problem: sort the extras,
// resolve references (freeing `refs`), build_index; sets r->ok (and clears the book if not).
void finish_read(LoadResult* r, Refs* refs);

}  // namespace book_json_detail
}  // namespace arlab
