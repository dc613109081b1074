// late_charges.cpp: see late_charges.h.
#include "late_charges.h"

#include <algorithm>
#include <cassert>

namespace arlab {

namespace {

using Int128 = __int128;

// 10^digits: one major unit in minor units (book minor digits are 0..4 in practice).
int64_t major_unit(int minor_digits) {
  int64_t unit = 1;
  for (int k = 0; k < minor_digits && k < 18; ++k) unit *= 10;
  return unit;
}

// a + b for amounts each at most kChargeMinorMax + 1, held at kChargeMinorMax + 1 ("too large"),
// so that no sum of charges can overflow.
int64_t add_held(int64_t a, int64_t b) { return std::min(a + b, kChargeMinorMax + 1); }

}  // namespace

// ---- [RULES] ---------------------------------------------------------------------------------

int32_t charge_rate_bp(const ChargeRule& rule) {
  return rule.kind == ChargeKind::Contract ? rule.contract_rate_bp
                                           : rule.reference_rate_bp + kStatutoryMarginBp;
}

const char* charge_kind_name(ChargeKind kind) {
  switch (kind) {
    case ChargeKind::Contract: return "Contract";
    case ChargeKind::EuStatutory: return "EU statutory";
    case ChargeKind::UkStatutory: return "UK statutory";
  }
  return "";
}

int64_t uk_fixed_sum_minor(int64_t debt_minor, int minor_digits) {
  const int64_t unit = major_unit(minor_digits);
  if (debt_minor < 1000 * unit) return 40 * unit;
  if (debt_minor < 10000 * unit) return 70 * unit;
  return 100 * unit;
}

int64_t eu_fixed_sum_minor(int minor_digits) { return 40 * major_unit(minor_digits); }

std::string fixed_sum_refusal(const ChargeRule& rule, std::string_view currency) {
  // No conversion: the statutory sums are set in their own currency, and no exchange rate is
  // known here; a wrong figure would be worse than none.
  const char* wanted = rule.kind == ChargeKind::EuStatutory   ? "EUR"
                       : rule.kind == ChargeKind::UkStatutory ? "GBP"
                                                              : nullptr;
  if (!wanted || currency == wanted) return "";
  return std::string("the ") + (rule.kind == ChargeKind::EuStatutory ? "EU" : "UK") +
         " fixed sum is set in " + wanted + " and this book is in " + std::string(currency) +
         ": not charged (no conversion); the interest is computed in " + std::string(currency);
}

// ---- [INTEREST] ------------------------------------------------------------------------------

int64_t interest_on_minor_days(Int128 minor_days, int32_t rate_bp) {
  assert(minor_days >= 0 && rate_bp >= 0);
  // minor x days x bp / (10000 x 365), half up: exact in 128 bits for any book (open amounts
  // below 4e18, at most 3.3 million days, rates below 2^31).
  const Int128 den = Int128(10000) * kDayCountYearDays;
  const Int128 num = minor_days * rate_bp;
  const Int128 q = (num + den / 2) / den;
  return q > kChargeMinorMax ? -1 : static_cast<int64_t>(q);
}

int64_t simple_interest_minor(int64_t amount_minor, int32_t days, int32_t rate_bp) {
  if (amount_minor <= 0 || days <= 0) return 0;
  return interest_on_minor_days(Int128(amount_minor) * days, rate_bp);
}

// ---- [CHARGES] -------------------------------------------------------------------------------

LateCharges late_charges(const Book& book, Date as_of, const ChargeRule& rule,
                         Index only_customer, Date charged_through) {
  assert(book.index.built);
  LateCharges out;
  out.as_of = as_of;
  out.rule = rule;
  out.rate_bp = std::max(0, charge_rate_bp(rule));
  out.fixed_refusal = fixed_sum_refusal(rule, book.currency);
  const bool fixed_allowed = out.fixed_refusal.empty();
  for (size_t c = 0; c < book.customers.size(); ++c) {
    if (only_customer != kNone && c != only_customer) continue;
    CustomerCharges cc;
    cc.customer = static_cast<Index>(c);
    cc.first = static_cast<uint32_t>(out.invoices.size());
    for (Index i : customer_invoices(book, static_cast<Index>(c))) {
      const Invoice& inv = book.invoices[i];
      if (inv.date > as_of || as_of - inv.due <= 0) continue;
      if (inv.flags & kInvoiceCharge) continue;  // No interest on booked charges.
      // Charged before through `charged_through`: only the days after it, and the fixed sum
      // only for an invoice that became late after it.
      const Date first_day = charged_through == kNoDate
                                 ? inv.due + 1
                                 : std::max(inv.due + 1, charged_through + 1);
      if (first_day > as_of) continue;
      InvoiceCharge ic;
      ic.invoice = i;
      ic.days_late = as_of - inv.due;
      ic.open_minor = invoice_open_minor(book, i, as_of);
      if (ic.open_minor <= 0) continue;
      // Walk the applications (sorted by date): each segment of days at one open amount.
      int64_t balance = inv.amount_minor;
      Date cursor = first_day;  // The first day not yet counted.
      ApplicationRange apps = invoice_applications(book, i);
      for (const Application* a = apps.first; a != apps.last; ++a) {
        if (a->date > as_of) break;
        if (a->date >= cursor) {  // Day a->date still bears the amount before it.
          ic.minor_days += Int128(balance) * ((a->date - cursor) + 1);
          cursor = a->date + 1;
        }
        balance -= a->amount_minor;
      }
      ic.minor_days += Int128(balance) * ((as_of - cursor) + 1);
      // What was open at the end of the due date: the debt as it became late.
      ic.debt_minor = invoice_open_minor(book, i, inv.due);
      ic.interest_minor = interest_on_minor_days(ic.minor_days, out.rate_bp);
      if (ic.interest_minor < 0) {
        if (out.too_large == kNone) out.too_large = i;
        ic.interest_minor = 0;
      }
      if (fixed_allowed && first_day == inv.due + 1) {
        ic.fixed_minor = rule.kind == ChargeKind::EuStatutory ? eu_fixed_sum_minor(book.minor_digits)
                         : rule.kind == ChargeKind::UkStatutory
                             ? uk_fixed_sum_minor(ic.debt_minor, book.minor_digits)
                             : rule.contract_fee_minor;
      }
      cc.open_minor += ic.open_minor;  // At most kBookTotalMax: exact.
      cc.interest_minor = add_held(cc.interest_minor, ic.interest_minor);
      cc.fixed_minor = add_held(cc.fixed_minor, ic.fixed_minor);
      out.invoices.push_back(ic);
      if ((cc.interest_minor > kChargeMinorMax || cc.fixed_minor > kChargeMinorMax) &&
          out.too_large == kNone) {
        out.too_large = i;
      }
    }
    cc.count = static_cast<uint32_t>(out.invoices.size()) - cc.first;
    if (cc.count == 0) continue;
    out.open_minor += cc.open_minor;
    out.interest_minor = add_held(out.interest_minor, cc.interest_minor);
    out.fixed_minor = add_held(out.fixed_minor, cc.fixed_minor);
    if ((out.interest_minor > kChargeMinorMax || out.fixed_minor > kChargeMinorMax) &&
        out.too_large == kNone) {
      out.too_large = out.invoices.back().invoice;
    }
    out.customers.push_back(cc);
  }
  return out;
}

// ---- [ALLOCATION] ----------------------------------------------------------------------------

PaymentParts allocate_payment(int64_t costs_minor, int64_t interest_minor,
                              int64_t principal_minor, int64_t amount_minor) {
  PaymentParts p;
  int64_t left = std::max<int64_t>(0, amount_minor);
  p.costs = std::min(left, std::max<int64_t>(0, costs_minor));
  left -= p.costs;
  p.interest = std::min(left, std::max<int64_t>(0, interest_minor));
  left -= p.interest;
  p.principal = std::min(left, std::max<int64_t>(0, principal_minor));
  left -= p.principal;
  p.remainder = left;
  return p;
}

// ---- [SECTION] Booking the charges --------------------------------------------------------

Date charges_booked_through(const Book& book, Index customer, Date as_of) {
  Date last = kNoDate;
  for (Index i : customer_invoices(book, customer)) {
    const Invoice& v = book.invoices[i];
    if ((v.flags & kInvoiceCharge) && v.date <= as_of && (last == kNoDate || v.date > last))
      last = v.date;
  }
  return last;
}

std::vector<ChargeToBook> charges_to_book(const Book& book, Date as_of, const ChargeRule& rule,
                                          Index only_customer) {
  std::vector<ChargeToBook> out;
  const std::string day = [&] {
    std::string d = format_date(as_of);
    d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
    return d;
  }();
  for (size_t c = 0; c < book.customers.size(); ++c) {
    if (only_customer != kNone && c != only_customer) continue;
    const Date through = charges_booked_through(book, Index(c), as_of);
    if (through != kNoDate && through >= as_of) continue;  // Booked today already.
    LateCharges lc = late_charges(book, as_of, rule, Index(c), through);
    if (lc.too_large != kNone || lc.customers.empty()) continue;
    const CustomerCharges& cc = lc.customers[0];
    const std::string& id = book.customers[c].id;
    auto add = [&](const char* prefix, uint8_t flag, int64_t amount) {
      if (amount <= 0) return;
      ChargeToBook t;
      t.invoice.id = std::string(prefix) + id + "-" + day;
      t.invoice.customer_id = id;
      t.invoice.date = as_of;
      t.invoice.due = as_of;  // Owed on demand.
      t.invoice.amount_minor = amount;
      t.invoice.charge = flag;
      t.invoices = cc.count;
      t.from = through == kNoDate ? kNoDate : through + 1;
      out.push_back(std::move(t));
    };
    add("FEE-", kInvoiceChargeCosts, cc.fixed_minor);
    add("INT-", kInvoiceChargeInterest, cc.interest_minor);
  }
  return out;
}

}  // namespace arlab
