// panel_forms.h: the New entry tab's forms (app/panel_forms.cpp draws them). A member of
// State (state.forms): the Edit menu, form_command, undo and today's date reach into it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/cached.h"
#include "core/book.h"

namespace app {

struct InvoiceForm {
  char id[48] = "";
  int customer = -1;           // Book customer index.
  char date[16] = "";
  bool due_given = false;
  char due[16] = "";
  char amount[32] = "";
  bool disputed = false;       // kInvoiceDisputed: the customer contests it.
  // The customer is on hold (stop supply): the invoice is refused unless this says why it is
  // delivered anyway; the reason is recorded in the case file (an "override" record).
  char override_reason[200] = "";
};

struct ReceiptForm {  // A payment or a credit note.
  char id[48] = "";
  int customer = -1;
  char date[16] = "";
  char amount[32] = "";
  // The customer's open invoices as of the receipt date, oldest due first, and the amount
  // typed against each; rebuilt when customer, date or book change.
  std::vector<uint32_t> invoices;
  std::vector<std::array<char, 24>> allocations;
  struct Key {
    int customer = -1;
    std::string date;
    uint64_t book_generation = 0;
    bool operator==(const Key&) const = default;
  };
  Cached<void, Key> built;
};

struct WriteOffForm {
  char id[48] = "";
  int customer = -1;
  int invoice = -1;            // Book invoice index.
  char date[16] = "";
  char amount[32] = "";
  // Above the policy's approval threshold a write-off needs who approved it; it is recorded
  // as an "approval" record of the write-off, dated the write-off's date.
  char approved_by[64] = "";
};

struct CustomerForm {
  char id[48] = "";
  char name[96] = "";
  int salesperson = -1;        // Book salesperson index; -1: none.
  int terms_days = arlab::kDefaultTermsDays;
  char credit_limit[32] = "";  // Empty: no credit limit.
  char grade[40] = "";         // Credit grade from the credit file; empty: none.
};

struct RefundForm {  // Money paid back out of the customer's unapplied credit.
  char id[48] = "";
  int customer = -1;
  char date[16] = "";
  char amount[32] = "";
  int payment = -1;            // Book payment index of the customer; -1: none named.
};

enum class FormKind : uint8_t { Invoice, Payment, CreditNote, WriteOff, Customer, Refund };

struct FormsPanel {
  int kind = 0;                // FormKind of the form shown.
  bool select_kind = false;    // Make `kind` the selected sub-tab next frame.
  InvoiceForm invoice;
  ReceiptForm payment;
  ReceiptForm credit_note;
  WriteOffForm write_off;
  CustomerForm customer;
  RefundForm refund;
  std::vector<arlab::Problem> problems;  // Of the last rejected submit.
  int problems_kind = -1;
  char customer_filter[48] = "";
  // Set by tests (or scripts) to submit a form on the next frame without a click.
  bool submit_requested = false;
  // Every problem of a rejected submit is shown under its field (panel_forms.cpp): the
  // problems' places are the fields' keys ("id", "date", "allocation 1: amount"), their
  // messages speak of the field ("Invoice id: INV-1 is already used by another invoice").
  // New entries are dated today: the text the date fields were filled with, so that a field
  // the user did not touch moves on with the day.
  char date_default[16] = "";
  // Credit control before delivery (core/credit.h): a new invoice that takes its customer
  // over the credit limit is not recorded at once; the warning shows with "Record anyway"
  // and "Cancel". `credit_form` is the form as it was warned about (an edit drops the
  // warning); scripts and tests answer through the two flags, as the buttons do.
  std::string credit_warning;
  std::string credit_form;
  bool record_anyway_requested = false;
  bool cancel_warning_requested = false;
  // The invoice form's customer on its date, for the headroom shown under the customer field;
  // rebuilt when (customer, date, book) change.
  std::string credit_built_key;
  std::string credit_headroom;
};

struct State;
// The Edit menu's and show_panel's "invoice", "payment", "credit-note", "write-off",
// "new-customer": that form in front (panels.cpp). False for another name.
bool select_form_page(State& state, std::string_view name);

}  // namespace app
