// ledger_journal.cpp: the book as a ledger-cli journal, one transaction per document, by date.
//
//   invoice      Assets:Receivable:<customer>  /  Income:Sales
//   payment      Assets:Bank                   /  Assets:Receivable:<customer>
//   credit note  Income:Sales Returns          /  Assets:Receivable:<customer>
//   write-off    Expenses:Bad Debts            /  Assets:Receivable:<customer of the invoice>
//   refund       Assets:Receivable:<customer>  /  Assets:Bank
//
// So `ledger bal Receivable` = invoiced - received - credited - written off + refunded =
// arlab's open total plus its (negative) unapplied credit, per customer and in total. Each
// customer id is one account name part, percent-encoded where ledger would read it otherwise
// (account_part): two ids never share an account.
#include "io/ledger_journal.h"

#include <algorithm>
#include <cassert>

#include "core/money.h"

namespace arlab {
namespace {

// A C1 control U+0080-U+009F (C2 80-9F in UTF-8) at s[i]?
bool c1_control_at(std::string_view s, size_t i) {
  return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
         static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(s[i + 1]) <= 0x9F;
}

void append_percent(std::string& out, unsigned char c) {
  constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// The id as one ledger account name part, injective (docs/FORMAT.md, "ledger-cli journal"):
// ledger splits account names at ':' and ends them at two spaces or a tab, so `%`, `:`, `;`,
// control characters (C0, DEL, C1: each UTF-8 byte) and every space that is first, last or
// next to another space are written %HH (upper-case hex of the byte). Anything else is kept,
// so ordinary ids ("C1", "ACME-001", "Kim Lee") read as they are, and percent-decoding gives
// the id back.
std::string account_part(std::string_view id) {
  assert(!id.empty());  // Ids are never empty (docs/FORMAT.md): the part is never empty.
  std::string out;
  out.reserve(id.size());
  for (size_t i = 0; i < id.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(id[i]);
    const bool space_kept =
        c == ' ' && i > 0 && i + 1 < id.size() && id[i - 1] != ' ' && id[i + 1] != ' ';
    if (c1_control_at(id, i)) {
      append_percent(out, c);
      append_percent(out, static_cast<unsigned char>(id[++i]));
    } else if (c == '%' || c == ':' || c == ';' || c < 0x20 || c == 0x7F ||
               (c == ' ' && !space_kept)) {
      append_percent(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// A payee is one line; "  ;" would start a note. Control characters (C0, DEL, C1) and runs of
// spaces become one space, so that ledger's reports print nothing a terminal would obey.
std::string one_line(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool c1 = c1_control_at(text, i);
    const bool space = c < 0x20 || c == ' ' || c == 0x7F || c1;
    if (c1) ++i;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : static_cast<char>(c);
  }
  return out;
}

enum class Kind : uint8_t { Invoice, Payment, CreditNote, WriteOff, Refund };

struct Entry {
  Date date;
  Kind kind;
  Index index;
};

struct JournalWriter {
  const Book& book;
  std::string out;
  std::vector<std::string> receivable;  // Per customer: "Assets:Receivable:<id>".
  std::vector<std::string> payee_name;  // Per customer: its name on one line.

  void transaction(Date date, std::string_view what, std::string_view id, Index customer,
                   std::string_view debit, std::string_view credit, int64_t amount_minor) {
    out += format_date(date);
    out += " * ";
    out += what;
    out += ' ';
    out += one_line(id);
    out += " - ";
    out += payee_name[customer];
    out += "\n    ";
    out += debit;
    out.append(debit.size() < 44 ? 44 - debit.size() : 2, ' ');
    out += book.currency;
    out += ' ';
    out += format_amount(amount_minor, book.minor_digits);
    out += "\n    ";
    out += credit;
    out += "\n\n";
  }
  void entry(const Entry& e);
};

void JournalWriter::entry(const Entry& e) {
  switch (e.kind) {
    case Kind::Invoice: {
      const Invoice& d = book.invoices[e.index];
      transaction(d.date, "Invoice", book.str(d.id), d.customer, receivable[d.customer],
                  "Income:Sales", d.amount_minor);
      break;
    }
    case Kind::Payment: {
      const Receipt& d = book.payments[e.index];
      transaction(d.date, "Payment", book.str(d.id), d.customer, "Assets:Bank",
                  receivable[d.customer], d.amount_minor);
      break;
    }
    case Kind::CreditNote: {
      const Receipt& d = book.credit_notes[e.index];
      transaction(d.date, "Credit note", book.str(d.id), d.customer, "Income:Sales Returns",
                  receivable[d.customer], d.amount_minor);
      break;
    }
    case Kind::WriteOff: {
      const WriteOff& d = book.write_offs[e.index];
      Index customer = book.invoices[d.invoice].customer;
      transaction(d.date, "Write-off", book.str(d.id), customer, "Expenses:Bad Debts",
                  receivable[customer], d.amount_minor);
      break;
    }
    case Kind::Refund: {  // Cash paid back: the customer's credit balance goes back up to 0.
      const Refund& d = book.refunds[e.index];
      transaction(d.date, "Refund", book.str(d.id), d.customer, receivable[d.customer],
                  "Assets:Bank", d.amount_minor);
      break;
    }
  }
}

}  // namespace

std::string ledger_journal(const Book& book) {
  std::vector<Entry> entries;
  entries.reserve(book.invoices.size() + book.payments.size() + book.credit_notes.size() +
                  book.write_offs.size() + book.refunds.size());
  for (Index i = 0; i < book.invoices.size(); ++i) {
    entries.push_back({book.invoices[i].date, Kind::Invoice, i});
  }
  for (Index i = 0; i < book.payments.size(); ++i) {
    entries.push_back({book.payments[i].date, Kind::Payment, i});
  }
  for (Index i = 0; i < book.credit_notes.size(); ++i) {
    entries.push_back({book.credit_notes[i].date, Kind::CreditNote, i});
  }
  for (Index i = 0; i < book.write_offs.size(); ++i) {
    entries.push_back({book.write_offs[i].date, Kind::WriteOff, i});
  }
  for (Index i = 0; i < book.refunds.size(); ++i) {
    entries.push_back({book.refunds[i].date, Kind::Refund, i});
  }
  // By date, then invoices before what reduces them, then file order: deterministic.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.date != b.date ? a.date < b.date : a.kind < b.kind;
  });
  JournalWriter w{book, {}, {}, {}};
  for (const Customer& c : book.customers) {
    w.receivable.push_back("Assets:Receivable:" + account_part(c.id));
    w.payee_name.push_back(one_line(c.name));
  }
  w.out.reserve(entries.size() * 130 + 128);
  w.out += "; arlab book exported as a ledger-cli journal (currency " + book.currency + ").\n";
  w.out += "; `ledger -f FILE bal Receivable` = arlab's open total + unapplied credit.\n\n";
  for (const Entry& e : entries) w.entry(e);
  return w.out;
}

}  // namespace arlab
