// panel_forms.cpp: new invoice, payment (with allocation), credit note, write-off, refund and
// customer.
// Each form checks what it can locally (dates, amounts, a customer chosen), then builds an
// arlab::Edit and calls History::apply, which checks the book with the loader's rules; a
// rejected edit leaves the book unchanged and its problems show under the form.
//
// [SECTION] Helpers
// [SECTION] Invoice
// [SECTION] Payment and credit note
// [SECTION] Write-off
// [SECTION] Refund
// [SECTION] Customer
// [SECTION] Panel
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <utility>

#include "app/app_state.h"
#include "app/widgets.h"
#include "core/credit.h"
#include "core/date.h"
#include "core/money.h"
#include "imgui.h"

namespace app {

namespace {

// ---- [SECTION] Helpers -----------------------------------------------------------------

constexpr float kLabelWidth = 150;
constexpr float kFieldWidth = 300;

void label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(ui::px(kLabelWidth));
}

// The next free id in the style of the last one ("INV-000123" -> "INV-000124"), or
// `prefix` + (count + 1) when there is none. Tries the following numbers until one is free.
template <typename Find>
void suggest_id(const arlab::Book& book, const char* prefix, std::string_view last, Find find,
                char* out, size_t out_size) {
  size_t digits_at = last.find_last_not_of("0123456789") + 1;  // npos + 1 == 0: all digits.
  std::string stem(prefix);
  int width = 0;
  uint64_t n = 0;
  if (!last.empty() && digits_at < last.size() && last.size() - digits_at <= 12) {
    stem = std::string(last.substr(0, digits_at));
    width = static_cast<int>(last.size() - digits_at);
    for (char c : last.substr(digits_at)) n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  for (int tries = 0; tries < 1000000; ++tries) {
    ++n;
    std::snprintf(out, out_size, "%s%0*llu", stem.c_str(), width,
                  static_cast<unsigned long long>(n));
    if (find(book, out) == arlab::kNone) return;
  }
}

template <typename Doc>
std::string_view last_id(const arlab::Book& book, const std::vector<Doc>& docs) {
  return docs.empty() ? std::string_view() : book.str(docs.back().id);
}

void set_text(char* out, size_t size, const std::string& text) {
  std::snprintf(out, size, "%s", text.c_str());
}

// A form opens with the next free id and today's date (FormsPanel::date_default, not the
// as-of date: a new entry happens now); what the user typed stays.
template <size_t IdSize, size_t DateSize, typename Find>
void prefill(const State& state, const char* prefix, std::string_view last, Find find,
             char (&id)[IdSize], char (&date)[DateSize]) {
  if (!id[0]) suggest_id(state.book, prefix, last, find, id, IdSize);
  if (!date[0]) set_text(date, DateSize, state.forms.date_default);
}

// "Label     [text field]" at the form's column; hint nullptr for none.
template <size_t N>
void text_field(const char* label_text, const char* id, const char* hint, char (&text)[N]) {
  label(label_text);
  ImGui::SetNextItemWidth(ui::px(kFieldWidth));
  if (hint) {
    ImGui::InputTextWithHint(id, hint, text, N);
  } else {
    ImGui::InputText(id, text, N);
  }
}

template <size_t N>
void date_field(char (&date)[N]) { text_field("Date", "##date", "YYYY-MM-DD", date); }

// True when the customer changed.
bool customer_field(State& state, int* customer) {
  label("Customer");
  return ui::customer_combo("##customer", state.book, customer, state.forms.customer_filter,
                            sizeof state.forms.customer_filter, ui::px(kFieldWidth));
}

bool read_date(const char* text, const char* place, arlab::Date* date,
               std::vector<arlab::Problem>* problems) {
  if (arlab::parse_date(text, date)) return true;
  problems->push_back({place, std::string("not a date: \"") + text + "\" (YYYY-MM-DD)"});
  return false;
}

bool read_amount(const arlab::Book& book, const char* text, const std::string& place,
                 int64_t* amount, std::vector<arlab::Problem>* problems) {
  std::string why;
  if (ui::parse_user_amount(book, text, amount, &why)) return true;
  problems->push_back({place, why});
  return false;
}

bool customer_ok(const arlab::Book& book, int customer, std::vector<arlab::Problem>* problems) {
  if (customer >= 0 && static_cast<size_t>(customer) < book.customers.size()) return true;
  problems->push_back({"customer", "choose a customer"});
  return false;
}

// The book's rules name places in the book ("payments[812].allocations[0].amount"); the
// document being added is the last of its list, so its places read as the form's fields
// ("allocation 1: amount"). Places in other documents are left as they are.
std::string form_place(const arlab::Book& book, const std::string& place) {
  const std::pair<const char*, size_t> lists[] = {
      {"invoices", book.invoices.size()},         {"payments", book.payments.size()},
      {"credit_notes", book.credit_notes.size()}, {"write_offs", book.write_offs.size()},
      {"refunds", book.refunds.size()},           {"customers", book.customers.size()}};
  for (const auto& [list, size] : lists) {
    // The rejected edit was reverted: the new document would have been number `size`.
    std::string self = std::string(list) + "[" + std::to_string(size) + "]";
    if (place.rfind(self, 0) != 0) continue;
    std::string rest = place.substr(self.size());
    if (rest.empty()) return "this document";
    if (rest[0] == '.') rest.erase(0, 1);
    unsigned k = 0;
    char member[32] = "";
    if (std::sscanf(rest.c_str(), "allocations[%u].%31s", &k, member) == 2)
      return "allocation " + std::to_string(k + 1) + ": " + member;
    return rest;
  }
  return place;
}

// ---- Problems under their fields -------------------------------------------------------
// A rejected submit lists every problem of the form at once, each under the field it is
// about and naming it ("Date: not a date ..."); a book rule about another document (rare)
// shows below the form with its place in the book.

// The fields of each form, by the key its problems carry (form_place's names; "allocation"
// takes every allocation's problem).
std::vector<std::string_view> field_keys(FormKind kind) {
  switch (kind) {
    case FormKind::Invoice: return {"id", "customer", "override", "date", "due", "amount"};
    case FormKind::Payment:
    case FormKind::CreditNote: return {"id", "customer", "date", "amount", "allocation"};
    case FormKind::WriteOff: return {"id", "customer", "invoice", "date", "amount", "approved_by"};
    case FormKind::Refund: return {"id", "customer", "date", "amount", "payment"};
    case FormKind::Customer:
      return {"id", "name", "salesperson", "terms_days", "credit_limit", "grade"};
  }
  return {};
}

bool place_is_field(std::string_view place, std::string_view key) {
  if (key == "allocation") return place.rfind(key, 0) == 0;  // "allocation 1: amount"
  return place == key;
}

// The field's label as the form shows it.
std::string field_label(FormKind kind, std::string_view place) {
  if (place == "id") {
    const char* names[] = {"Invoice id", "Payment id", "Credit note id", "Write-off id",
                           "Customer id", "Refund id"};
    return names[static_cast<int>(kind)];
  }
  const std::pair<const char*, const char*> labels[] = {
      {"customer", "Customer"},       {"date", "Date"},          {"due", "Due date"},
      {"amount", "Amount"},           {"invoice", "Invoice"},    {"payment", "Payment returned"},
      {"override", "Deliver anyway"}, {"approved_by", "Approved by"},
      {"name", "Name"},               {"salesperson", "Salesperson"}, {"terms_days", "Terms"},
      {"credit_limit", "Credit limit"}, {"grade", "Credit grade"}};
  for (const auto& [key, text] : labels) {
    if (place == key) return text;
  }
  std::string text(place);  // "allocation 1: amount" -> "Allocation 1, amount"
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  for (size_t at = text.find(':'); at != std::string::npos; at = text.find(':', at)) {
    text[at] = ',';
  }
  return text;
}

// Problems of a field speak of it: "Date: not a date ...". Others stay as the book put them.
void speak_of_fields(FormKind kind, std::vector<arlab::Problem>* problems) {
  std::vector<std::string_view> keys = field_keys(kind);
  for (arlab::Problem& p : *problems) {
    bool field = std::any_of(keys.begin(), keys.end(),
                             [&](std::string_view key) { return place_is_field(p.place, key); });
    if (field) p.message = field_label(kind, p.place) + ": " + p.message;
  }
}

// Under a field: the last rejected submit's problems about it, in red.
void field_problems(const State& state, FormKind kind, std::string_view key) {
  const FormsPanel& forms = state.forms;
  if (forms.problems_kind != static_cast<int>(kind)) return;
  for (const arlab::Problem& p : forms.problems) {
    if (!place_is_field(p.place, key)) continue;
    ImGui::SetCursorPosX(ui::px(kLabelWidth));
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().bad);
    ImGui::TextWrapped("%s", p.message.c_str());
    ImGui::PopStyleColor();
  }
}

// Below the form: the problems no field of it shows.
void other_problems(const State& state, FormKind kind) {
  const FormsPanel& forms = state.forms;
  if (forms.problems_kind != static_cast<int>(kind) || forms.problems.empty()) return;
  std::vector<std::string_view> keys = field_keys(kind);
  std::vector<arlab::Problem> rest;
  for (const arlab::Problem& p : forms.problems) {
    if (std::none_of(keys.begin(), keys.end(),
                     [&](std::string_view key) { return place_is_field(p.place, key); })) {
      rest.push_back(p);
    }
  }
  ImGui::Spacing();
  ImGui::SetCursorPosX(ui::px(kLabelWidth));
  ImGui::BeginGroup();
  ImGui::TextColored(ui::palette().bad, "Not recorded; the book is unchanged: %zu problem%s %s",
                     forms.problems.size(), forms.problems.size() == 1 ? "" : "s",
                     rest.size() == forms.problems.size() ? "below" : "shown above");
  ui::problems_list(rest);
  ImGui::EndGroup();
}

// Local problems (what the form read) and the new document's id together, so that every
// problem shows at once; then `hold` (the credit warning: true keeps the form for the user's
// answer); then the book's own rules (History::apply). True if recorded.
bool submit(State& state, FormKind kind, const arlab::Edit& edit,
            std::vector<arlab::Problem> local, const std::function<bool()>& hold = nullptr) {
  FormsPanel& forms = state.forms;
  forms.problems_kind = static_cast<int>(kind);
  std::vector<arlab::Problem> ids = arlab::edit_id_problems(state.book, edit);
  local.insert(local.begin(), ids.begin(), ids.end());  // The id is the form's first field.
  forms.problems = std::move(local);
  if (!forms.problems.empty()) {
    speak_of_fields(kind, &forms.problems);
    state.status = "Not recorded: " + std::to_string(forms.problems.size()) +
                   " problem(s) in the form, each shown under its field";
    return false;
  }
  if (hold && hold()) return false;
  if (apply_edit(state, edit, &forms.problems)) return true;
  for (arlab::Problem& p : forms.problems) p.place = form_place(state.book, p.place);
  speak_of_fields(kind, &forms.problems);
  return false;
}

bool submit_button(State& state, const char* text) {
  ImGui::Spacing();
  ImGui::SetCursorPosX(ui::px(kLabelWidth));
  bool pressed = ImGui::Button(text, ImVec2(ui::px(220), 0));
  if (state.forms.submit_requested) {
    state.forms.submit_requested = false;
    return true;
  }
  return pressed;
}

// ---- [SECTION] Invoice -----------------------------------------------------------------

// The practice behind the credit warning (domain README, "Prevention (before delivery)").
constexpr const char* kCreditPractice =
    "Credit control before delivery: the credit file gives each customer a credit limit, and "
    "management before delivery prevents 70% of default risk. What the customer owes is its "
    "open invoices on the invoice's date less the unapplied credit it holds.";

// The form as typed: a credit warning holds only while the form stays as it was warned about.
std::string invoice_form_key(const InvoiceForm& f) {
  return std::string(f.id) + '\n' + std::to_string(f.customer) + '\n' + f.date + '\n' +
         (f.due_given ? f.due : "-") + '\n' + f.amount + '\n' + (f.disputed ? "d" : "");
}

// Under the customer field, when the customer has a credit limit: what it owes on the
// invoice's date and what is left. Rebuilt when customer, date or book change.
void draw_credit_headroom(State& state, const InvoiceForm& f) {
  FormsPanel& forms = state.forms;
  const arlab::Book& book = state.book;
  std::string key = std::to_string(f.customer) + ' ' + f.date + ' ' +
                    std::to_string(state.book_generation);
  if (key != forms.credit_built_key) {
    forms.credit_built_key = key;
    forms.credit_headroom.clear();
    arlab::Date date;
    bool known = f.customer >= 0 && static_cast<size_t>(f.customer) < book.customers.size();
    if (known && book.index.built && arlab::parse_date(f.date, &date)) {
      arlab::CreditCheck c = arlab::credit_check(book, static_cast<arlab::Index>(f.customer),
                                                 date, 0);
      if (c.has_limit()) {
        forms.credit_headroom =
            "Credit limit " + ui::money(book, c.limit_minor) + "; owes " +
            ui::money(book, c.owed_minor) + " on " + f.date + ": " +
            (c.headroom_minor >= 0 ? ui::money(book, c.headroom_minor) + " left"
                                   : "over by " + ui::money(book, -c.headroom_minor));
      }
    }
  }
  if (forms.credit_headroom.empty()) return;
  ImGui::SetCursorPosX(ui::px(kLabelWidth));
  ui::text_muted(forms.credit_headroom.c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::SetNextWindowSize(ImVec2(ui::px(420), 0));
    ImGui::BeginTooltip();
    ImGui::TextWrapped("%s", kCreditPractice);
    ImGui::EndTooltip();
  }
}

// The warning, with "Record anyway" and "Cancel"; true when the user records anyway.
bool draw_credit_warning(State& state) {
  FormsPanel& forms = state.forms;
  bool anyway = std::exchange(forms.record_anyway_requested, false);
  bool cancel = std::exchange(forms.cancel_warning_requested, false);
  if (forms.credit_warning.empty()) return false;
  ImGui::Spacing();
  ImGui::SetCursorPosX(ui::px(kLabelWidth));
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().warn);
  ImGui::TextWrapped("%s", forms.credit_warning.c_str());
  ImGui::PopStyleColor();
  ui::text_muted("Not recorded yet: record it anyway, or cancel and change the invoice.");
  anyway |= ImGui::Button("Record anyway");
  if (ImGui::IsItemHovered()) {
    ImGui::SetNextWindowSize(ImVec2(ui::px(420), 0));
    ImGui::BeginTooltip();
    ImGui::TextWrapped("%s", kCreditPractice);
    ImGui::EndTooltip();
  }
  ImGui::SameLine();
  cancel |= ImGui::Button("Cancel##credit");
  ImGui::EndGroup();
  if (cancel && !anyway) {
    forms.credit_warning.clear();
    state.status = "Not recorded: the invoice is still in the form";
  }
  return anyway;
}

// Why the customer is on hold as of the toolbar's date (core's position: over its limit,
// past the one-third limit, or by hand), or "" when it is not.
std::string hold_line(const State& state, int customer) {
  const arlab::CollectionPosition& p = state.figures.position;
  if (customer < 0 || size_t(customer) >= p.customers.size() || !p.customers[customer].hold)
    return "";
  return arlab::hold_reasons_line(state.book, p, arlab::Index(customer));
}

// True (and the warning set) when the invoice takes its customer over the credit limit.
bool credit_hold(State& state, const arlab::NewInvoice& inv, int customer,
                 const std::string& form_key) {
  const arlab::Book& book = state.book;
  arlab::CreditCheck c =
      arlab::credit_check(book, static_cast<arlab::Index>(customer), inv.date, inv.amount_minor);
  if (!c.over()) return false;
  const arlab::Customer& who = book.customers[static_cast<size_t>(customer)];
  FormsPanel& forms = state.forms;
  // Short lines (a wrap would break "10,000.00" at its comma or point).
  forms.credit_warning = who.name + " would owe " + ui::money(book, c.after_minor) +
                         " with this invoice,\nover its credit limit of " +
                         ui::money(book, c.limit_minor) + " by " + ui::money(book, c.over_minor) +
                         ".\nIt owes " + ui::money(book, c.owed_minor) + " on " +
                         arlab::format_date(inv.date) +
                         " before it.\nCredit control comes before delivery.";
  forms.credit_form = form_key;
  state.status = "Not recorded yet: " + who.name + " would go over its credit limit";
  return true;
}

void draw_invoice_form(State& state) {
  const arlab::Book& book = state.book;
  InvoiceForm& f = state.forms.invoice;
  constexpr FormKind kKind = FormKind::Invoice;
  prefill(state, "INV-", last_id(book, book.invoices), arlab::find_invoice, f.id, f.date);
  std::string form_key = invoice_form_key(f);
  if (state.forms.credit_form != form_key) state.forms.credit_warning.clear();  // Edited.
  text_field("Invoice id", "##id", nullptr, f.id);
  field_problems(state, kKind, "id");
  customer_field(state, &f.customer);
  draw_credit_headroom(state, f);
  const std::string on_hold = hold_line(state, f.customer);
  if (!on_hold.empty()) {
    ImGui::SetCursorPosX(ui::px(kLabelWidth));
    ui::text_fit_colored(ui::palette().bad, "On hold (stop supply): " + on_hold);
    text_field("Deliver anyway", "##override", "why, recorded in the case", f.override_reason);
    field_problems(state, kKind, "override");
  }
  field_problems(state, kKind, "customer");
  date_field(f.date);
  field_problems(state, kKind, "date");
  label("Due date");
  ImGui::Checkbox("Set##due_given", &f.due_given);
  ImGui::SameLine();
  arlab::Date date;
  if (f.due_given) {
    ImGui::SetNextItemWidth(ui::px(kFieldWidth - 80));
    ImGui::InputTextWithHint("##due", "YYYY-MM-DD", f.due, sizeof f.due);
  } else if (f.customer >= 0 && arlab::parse_date(f.date, &date)) {
    int32_t terms = book.customers[static_cast<size_t>(f.customer)].terms_days;
    ui::text_muted(("date + " + std::to_string(terms) + " days of terms = " +
                    arlab::format_date(date + terms)).c_str());
  } else {
    ui::text_muted("date + the customer's terms");
  }
  field_problems(state, kKind, "due");
  text_field("Amount", "##amount", "1200.00", f.amount);
  field_problems(state, kKind, "amount");
  label("Disputed");
  ImGui::Checkbox("The customer contests this invoice##disputed", &f.disputed);
  bool pressed = submit_button(state, "Add invoice");
  bool anyway = draw_credit_warning(state);
  if (!pressed && !anyway) return;
  state.forms.credit_warning.clear();
  std::vector<arlab::Problem> local;
  arlab::NewInvoice inv;
  inv.id = f.id;
  if (customer_ok(book, f.customer, &local)) inv.customer_id = book.customers[f.customer].id;
  read_date(f.date, "date", &inv.date, &local);
  arlab::Date due;
  if (f.due_given && read_date(f.due, "due", &due, &local)) inv.due = due;
  read_amount(book, f.amount, "amount", &inv.amount_minor, &local);
  inv.disputed = f.disputed;
  // A customer on hold gets no new invoice unless the override's reason is given (the
  // credit warning still comes after it: one says why supply stopped, the other what the
  // invoice does to the limit).
  const bool overridden = !on_hold.empty() && f.override_reason[0];
  if (!on_hold.empty() && !overridden)
    local.push_back({"override", "the customer is on hold (" + on_hold +
                                     "): give the reason to deliver anyway, or leave it"});
  auto hold = [&] { return !anyway && credit_hold(state, inv, f.customer, form_key); };
  if (submit(state, kKind, arlab::Edit{inv}, std::move(local), hold)) {
    if (overridden) {
      arlab::NewRecord rec;
      rec.customer_id = inv.customer_id;
      rec.invoice_ids = {inv.id};
      rec.record.kind = arlab::RecordKind::Override;
      rec.record.date = inv.date;
      rec.record.text = f.override_reason;
      std::vector<arlab::Problem> problems;
      const std::string recorded = state.status;  // "Recorded: Invoice ..."
      if (apply_edit(state, arlab::Edit{rec}, &problems))
        state.status = recorded + "; delivered on hold: the reason is in the customer's case";
    }
    f.id[0] = f.amount[0] = f.override_reason[0] = '\0';  // Accepted: ready for the next one.
    f.disputed = false;
  }
}

// ---- [SECTION] Payment and credit note -------------------------------------------------

// The customer's invoices open as of the receipt date, oldest due first.
void rebuild_open_invoices(const State& state, ReceiptForm& f) {
  const arlab::Book& book = state.book;
  arlab::Date date;
  bool have_date = arlab::parse_date(f.date, &date);
  ReceiptForm::Key key{f.customer, f.date, state.book_generation};
  if (f.built.current(key)) return;
  f.invoices.clear();
  if (f.customer >= 0 && have_date && book.index.built) {
    for (arlab::Index i : arlab::customer_invoices(book, f.customer)) {
      if (book.invoices[i].date <= date && arlab::invoice_open_minor(book, i, date) > 0) {
        f.invoices.push_back(i);
      }
    }
    std::stable_sort(f.invoices.begin(), f.invoices.end(), [&](uint32_t a, uint32_t b) {
      return book.invoices[a].due < book.invoices[b].due;
    });
  }
  f.allocations.assign(f.invoices.size(), {});
  f.built.set(key);
}

// Fills the allocations oldest due first up to the amount. With no amount yet, the amount
// becomes everything open (the practice: ask for full payment, not a part).
void allocate_oldest_first(const State& state, ReceiptForm& f) {
  arlab::Date date;
  if (!arlab::parse_date(f.date, &date)) return;
  std::vector<int64_t> open(f.invoices.size());
  int64_t total_open = 0;
  for (size_t r = 0; r < f.invoices.size(); ++r) {
    open[r] = arlab::invoice_open_minor(state.book, f.invoices[r], date);
    total_open += open[r];
  }
  int64_t left = 0;
  std::string why;
  if (!f.amount[0]) {
    left = total_open;
    set_text(f.amount, sizeof f.amount, arlab::format_amount(left, state.book.minor_digits));
  } else if (!ui::parse_user_amount(state.book, f.amount, &left, &why)) {
    return;
  }
  for (size_t r = 0; r < f.invoices.size(); ++r) {
    int64_t take = std::min(open[r], left);
    left -= take;
    std::string text = take > 0 ? arlab::format_amount(take, state.book.minor_digits) : "";
    set_text(f.allocations[r].data(), f.allocations[r].size(), text);
  }
}

// Sum of the typed allocations; false (and problems) if one does not parse.
bool allocations_of(const State& state, const ReceiptForm& f,
                    std::vector<arlab::NewAllocation>* out, std::vector<arlab::Problem>* problems) {
  bool ok = true;
  for (size_t r = 0; r < f.invoices.size(); ++r) {
    if (!f.allocations[r][0]) continue;
    arlab::NewAllocation a;
    a.invoice_id = std::string(state.book.str(state.book.invoices[f.invoices[r]].id));
    ok &= read_amount(state.book, f.allocations[r].data(), "allocation to " + a.invoice_id,
                      &a.amount_minor, problems);
    out->push_back(a);
  }
  return ok;
}

void draw_allocation_table(State& state, ReceiptForm& f) {
  const arlab::Book& book = state.book;
  arlab::Date date;
  if (f.customer < 0 || !arlab::parse_date(f.date, &date)) {
    ui::text_muted("Choose a customer and a date to see the open invoices.");
    return;
  }
  if (f.invoices.empty()) {
    ui::text_muted("This customer has no open invoice dated on or before this date: the whole "
                   "amount will be unapplied credit.");
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchSame;
  float height = std::min(300.0f, ImGui::GetFrameHeightWithSpacing() * (f.invoices.size() + 1.5f));
  if (!ImGui::BeginTable("##alloc", 5, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* name : {"Invoice", "Date", "Due", "Open then", "Allocate"}) {  // Then: on the date typed.
    ImGui::TableSetupColumn(name);
  }
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(f.invoices.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const arlab::Invoice& inv = book.invoices[f.invoices[static_cast<size_t>(r)]];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(std::string(book.str(inv.id)).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(arlab::format_date(inv.date).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(arlab::format_date(inv.due).c_str());
      ImGui::TableNextColumn();
      ui::text_right(ui::money(book, arlab::invoice_open_minor(book, f.invoices[r], date)));
      ImGui::TableNextColumn();
      ImGui::PushID(r);
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##a", "0.00", f.allocations[r].data(), f.allocations[r].size());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void draw_remainder(const State& state, const ReceiptForm& f) {
  int64_t amount = 0, allocated = 0;
  std::string why;
  std::vector<arlab::NewAllocation> allocations;
  std::vector<arlab::Problem> ignored;
  ui::parse_user_amount(state.book, f.amount, &amount, &why);
  allocations_of(state, f, &allocations, &ignored);
  for (const arlab::NewAllocation& a : allocations) allocated += a.amount_minor;
  int64_t remainder = amount - allocated;
  ImGui::SetCursorPosX(ui::px(kLabelWidth));
  ImGui::Text("Allocated %s of %s; remainder %s", ui::money(state.book, allocated).c_str(),
              ui::money(state.book, amount).c_str(), ui::money(state.book, remainder).c_str());
  ImGui::SetCursorPosX(ui::px(kLabelWidth));
  if (remainder < 0) {
    ImGui::TextColored(ui::palette().bad, "The allocations exceed the amount.");
  } else if (remainder > 0) {
    ui::text_muted("The remainder goes to the oldest open invoices automatically; what is left "
                   "becomes unapplied credit.");
  }
}

void draw_receipt_form(State& state, bool credit_note) {
  const arlab::Book& book = state.book;
  ReceiptForm& f = credit_note ? state.forms.credit_note : state.forms.payment;
  if (credit_note) {
    prefill(state, "CN-", last_id(book, book.credit_notes), arlab::find_credit_note, f.id, f.date);
  } else {
    prefill(state, "P-", last_id(book, book.payments), arlab::find_payment, f.id, f.date);
  }
  FormKind kind = credit_note ? FormKind::CreditNote : FormKind::Payment;
  text_field(credit_note ? "Credit note id" : "Payment id", "##id", nullptr, f.id);
  field_problems(state, kind, "id");
  customer_field(state, &f.customer);
  field_problems(state, kind, "customer");
  date_field(f.date);
  field_problems(state, kind, "date");
  text_field("Amount", "##amount", "1200.00", f.amount);
  field_problems(state, kind, "amount");
  rebuild_open_invoices(state, f);
  label("Allocation");
  if (ImGui::Button("Allocate oldest first")) allocate_oldest_first(state, f);
  ImGui::SameLine();
  if (ImGui::Button("Clear allocations")) f.allocations.assign(f.invoices.size(), {});
  ImGui::SetCursorPosX(ui::px(kLabelWidth));
  ImGui::BeginGroup();
  draw_allocation_table(state, f);
  ImGui::EndGroup();
  field_problems(state, kind, "allocation");
  draw_remainder(state, f);
  if (!submit_button(state, credit_note ? "Issue credit note" : "Record payment")) return;
  std::vector<arlab::Problem> local;
  arlab::NewReceipt r;
  r.credit_note = credit_note;
  r.id = f.id;
  if (customer_ok(book, f.customer, &local)) r.customer_id = book.customers[f.customer].id;
  read_date(f.date, "date", &r.date, &local);
  read_amount(book, f.amount, "amount", &r.amount_minor, &local);
  allocations_of(state, f, &r.allocations, &local);
  if (submit(state, kind, arlab::Edit{r}, std::move(local))) f.id[0] = f.amount[0] = '\0';
}

// ---- [SECTION] Write-off ---------------------------------------------------------------

void invoice_combo(const State& state, WriteOffForm& f) {
  const arlab::Book& book = state.book;
  std::string preview = f.invoice >= 0 ? std::string(book.str(book.invoices[f.invoice].id))
                                       : "Choose an open invoice";
  ImGui::SetNextItemWidth(ui::px(kFieldWidth));
  if (!ImGui::BeginCombo("##invoice", preview.c_str(), ImGuiComboFlags_HeightLarge)) return;
  if (f.customer >= 0 && book.index.built) {
    for (arlab::Index i : arlab::customer_invoices(book, f.customer)) {
      int64_t open = state.figures.position.invoices[i].open_minor;
      if (open == 0) continue;
      std::string item = std::string(book.str(book.invoices[i].id)) + "   open " +
                         ui::money(book, open) + "   due " +
                         arlab::format_date(book.invoices[i].due);
      if (ImGui::Selectable(item.c_str(), f.invoice == static_cast<int>(i))) {
        f.invoice = static_cast<int>(i);
        set_text(f.amount, sizeof f.amount, arlab::format_amount(open, book.minor_digits));
      }
    }
  }
  ImGui::EndCombo();
}

void draw_write_off_form(State& state) {
  const arlab::Book& book = state.book;
  WriteOffForm& f = state.forms.write_off;
  prefill(state, "W-", last_id(book, book.write_offs), arlab::find_write_off, f.id, f.date);
  ui::text_muted("Write off what cannot be collected (practice: with approval for large amounts).");
  constexpr FormKind kKind = FormKind::WriteOff;
  text_field("Write-off id", "##id", nullptr, f.id);
  field_problems(state, kKind, "id");
  if (customer_field(state, &f.customer)) f.invoice = -1;
  field_problems(state, kKind, "customer");
  label("Invoice");
  invoice_combo(state, f);
  field_problems(state, kKind, "invoice");
  date_field(f.date);
  field_problems(state, kKind, "date");
  text_field("Amount", "##amount", "0.00", f.amount);
  field_problems(state, kKind, "amount");
  const int64_t threshold = book.collection.policy.approval_over_minor;
  // Above the collection policy's threshold a write-off is recorded with who approved it.
  const std::string approval_hint = "needed above " + ui::money(book, threshold);
  text_field("Approved by", "##approved_by", approval_hint.c_str(), f.approved_by);
  field_problems(state, kKind, "approved_by");
  if (!submit_button(state, "Write off")) return;
  std::vector<arlab::Problem> local;
  arlab::NewWriteOff w;
  w.id = f.id;
  if (f.invoice >= 0 && static_cast<size_t>(f.invoice) < book.invoices.size()) {
    w.invoice_id = std::string(book.str(book.invoices[f.invoice].id));
  } else {
    local.push_back({"invoice", "choose an invoice"});
  }
  read_date(f.date, "date", &w.date, &local);
  read_amount(book, f.amount, "amount", &w.amount_minor, &local);
  const bool needs_approval = w.amount_minor > threshold;
  if (needs_approval && !f.approved_by[0])
    local.push_back({"approved_by", "above " + ui::money(book, threshold) +
                                        " a write-off needs who approved it"});
  if (submit(state, FormKind::WriteOff, arlab::Edit{w}, std::move(local))) {
    if (needs_approval) {
      arlab::NewRecord rec;
      rec.customer_id = book.customers[book.invoices[f.invoice].customer].id;
      rec.record.kind = arlab::RecordKind::Approval;
      rec.record.date = w.date;
      rec.record.ref = w.id;
      rec.record.by = f.approved_by;
      std::vector<arlab::Problem> problems;
      const std::string recorded = state.status;
      if (apply_edit(state, arlab::Edit{rec}, &problems))
        state.status = recorded + "; approved by " + f.approved_by + " (in the customer's case)";
    }
    f.id[0] = f.amount[0] = f.approved_by[0] = '\0';
    f.invoice = -1;
  }
}

// ---- [SECTION] Refund ------------------------------------------------------------------

// The customer's payments dated on or before the refund date (newest first); -1: none.
void payment_combo(const State& state, RefundForm& f, arlab::Date date, bool have_date) {
  const arlab::Book& book = state.book;
  bool valid = f.payment >= 0 && static_cast<size_t>(f.payment) < book.payments.size();
  std::string preview = valid ? std::string(book.str(book.payments[f.payment].id)) : "(none)";
  ImGui::SetNextItemWidth(ui::px(kFieldWidth));
  if (!ImGui::BeginCombo("##payment", preview.c_str(), ImGuiComboFlags_HeightLarge)) return;
  if (ImGui::Selectable("(none)", !valid)) f.payment = -1;
  if (f.customer >= 0 && have_date && book.index.built) {
    const arlab::BookIndex& x = book.index;
    for (uint32_t k = x.customer_receipt_first[f.customer + 1];
         k-- > x.customer_receipt_first[f.customer];) {
      uint32_t code = x.customer_receipts[k];
      if (code & arlab::BookIndex::kCreditBit) continue;
      const arlab::Receipt& p = book.payments[code];
      if (p.date > date) continue;
      std::string item = std::string(book.str(p.id)) + "   " + arlab::format_date(p.date) +
                         "   " + ui::money(book, p.amount_minor) + "   unapplied " +
                         ui::money(book, x.payment_unapplied_minor[code]);
      if (ImGui::Selectable(item.c_str(), f.payment == static_cast<int>(code))) {
        f.payment = static_cast<int>(code);
      }
    }
  }
  ImGui::EndCombo();
}

void draw_refund_form(State& state) {
  const arlab::Book& book = state.book;
  RefundForm& f = state.forms.refund;
  prefill(state, "R-", last_id(book, book.refunds), arlab::find_refund, f.id, f.date);
  ui::text_muted("Pay back a customer's unapplied credit (an overpayment, or a credit note "
                 "issued after the invoice was paid).");
  constexpr FormKind kKind = FormKind::Refund;
  text_field("Refund id", "##id", nullptr, f.id);
  field_problems(state, kKind, "id");
  if (customer_field(state, &f.customer)) f.payment = -1;
  field_problems(state, kKind, "customer");
  date_field(f.date);
  field_problems(state, kKind, "date");
  arlab::Date date;
  bool have_date = arlab::parse_date(f.date, &date);
  label("Credit");
  if (f.customer >= 0 && have_date && book.index.built) {
    // Unapplied credit on that date, less the refunds already made (book.h): what is left.
    int64_t credit = -arlab::customer_unapplied_minor(book, f.customer, date);
    ImGui::Text("%s unapplied on %s", ui::money(book, credit).c_str(), f.date);
    ImGui::SameLine();
    if (credit > 0 && ImGui::SmallButton("Refund all")) {
      set_text(f.amount, sizeof f.amount, arlab::format_amount(credit, book.minor_digits));
    }
  } else {
    ui::text_muted("choose a customer and a date");
  }
  text_field("Amount", "##amount", "0.00", f.amount);
  field_problems(state, kKind, "amount");
  label("Payment returned");
  payment_combo(state, f, date, have_date);
  field_problems(state, kKind, "payment");
  if (!submit_button(state, "Record refund")) return;
  std::vector<arlab::Problem> local;
  arlab::NewRefund r;
  r.id = f.id;
  if (customer_ok(book, f.customer, &local)) r.customer_id = book.customers[f.customer].id;
  read_date(f.date, "date", &r.date, &local);
  read_amount(book, f.amount, "amount", &r.amount_minor, &local);
  if (f.payment >= 0 && static_cast<size_t>(f.payment) < book.payments.size()) {
    r.payment_id = std::string(book.str(book.payments[f.payment].id));
  }
  if (submit(state, FormKind::Refund, arlab::Edit{r}, std::move(local))) {
    f.id[0] = f.amount[0] = '\0';
    f.payment = -1;
  }
}

// ---- [SECTION] Customer ----------------------------------------------------------------

void salesperson_combo(const arlab::Book& book, int* salesperson) {
  bool valid = *salesperson >= 0 && static_cast<size_t>(*salesperson) < book.salespeople.size();
  auto name_of = [&](size_t s) {
    return book.salespeople[s].name + "  (" + book.salespeople[s].id + ")";
  };
  std::string preview = valid ? name_of(static_cast<size_t>(*salesperson)) : "(none)";
  ImGui::SetNextItemWidth(ui::px(kFieldWidth));
  if (!ImGui::BeginCombo("##salesperson", preview.c_str())) return;
  if (ImGui::Selectable("(none)", !valid)) *salesperson = -1;
  for (size_t s = 0; s < book.salespeople.size(); ++s) {
    std::string item = name_of(s) + "##" + std::to_string(s);
    if (ImGui::Selectable(item.c_str(), *salesperson == static_cast<int>(s))) {
      *salesperson = static_cast<int>(s);
    }
  }
  ImGui::EndCombo();
}

// Terms in days and, beside them, the practice's hard limit: overdue by at most one third
// of the credit period (the same rule as the dashboard's stages).
void terms_field(int* terms_days) {
  label("Terms");
  ImGui::SetNextItemWidth(ui::px(kFieldWidth * 0.45f));
  ImGui::InputInt("##terms", terms_days, 1, 15);
  ImGui::SameLine();
  if (*terms_days < 0) {
    ui::text_muted("days");
    return;
  }
  int32_t act_by = *terms_days + arlab::one_third_limit(*terms_days);
  ui::text_muted(("days; hard limit: act by day " + std::to_string(act_by) +
                  " (terms + terms/3)").c_str());
}

// Empty: no credit limit (-1, as in the file format). Zero is allowed (cash only).
bool read_credit_limit(const arlab::Book& book, const char* text, int64_t* limit_minor,
                       std::vector<arlab::Problem>* problems) {
  *limit_minor = -1;
  bool blank = true;
  for (const char* c = text; *c; ++c) blank &= *c == ' ';
  if (blank) return true;
  std::string why;
  if (ui::parse_user_amount(book, text, limit_minor, &why, true)) return true;
  problems->push_back({"credit_limit", why});
  return false;
}

void draw_customer_form(State& state) {
  const arlab::Book& book = state.book;
  CustomerForm& f = state.forms.customer;
  if (!f.id[0]) {
    std::string_view last;  // Not a ?: with "": that would view a temporary std::string.
    if (!book.customers.empty()) last = book.customers.back().id;
    suggest_id(book, "C", last, arlab::find_customer, f.id, sizeof f.id);
  }
  constexpr FormKind kKind = FormKind::Customer;
  text_field("Customer id", "##id", nullptr, f.id);
  field_problems(state, kKind, "id");
  text_field("Name", "##name", "Acme Ltd", f.name);
  field_problems(state, kKind, "name");
  label("Salesperson");
  salesperson_combo(book, &f.salesperson);
  field_problems(state, kKind, "salesperson");
  terms_field(&f.terms_days);
  field_problems(state, kKind, "terms_days");
  text_field("Credit limit", "##limit", "none", f.credit_limit);
  field_problems(state, kKind, "credit_limit");
  text_field("Credit grade", "##grade", "none (A, B, C...)", f.grade);
  field_problems(state, kKind, "grade");
  if (!submit_button(state, "Add customer")) return;
  std::vector<arlab::Problem> local;
  arlab::NewCustomer c;
  c.id = f.id;
  c.name = f.name;
  if (c.name.find_first_not_of(' ') == std::string::npos) local.push_back({"name", "enter a name"});
  if (f.salesperson >= 0 && static_cast<size_t>(f.salesperson) < book.salespeople.size()) {
    c.salesperson_id = book.salespeople[static_cast<size_t>(f.salesperson)].id;
  }
  c.terms_days = f.terms_days;  // Its range is the book's rule (History::apply checks it).
  read_credit_limit(book, f.credit_limit, &c.credit_limit_minor, &local);
  c.grade = f.grade;  // Spaces around it are dropped; empty: no grade.
  c.grade.erase(0, c.grade.find_first_not_of(' '));
  c.grade.erase(c.grade.find_last_not_of(' ') + 1);
  if (submit(state, FormKind::Customer, arlab::Edit{c}, std::move(local))) {
    f.id[0] = f.name[0] = f.credit_limit[0] = f.grade[0] = '\0';
  }
}

// The rules each form is checked with, and the practice behind it, beside the form.
const char* help_text(FormKind kind) {
  switch (kind) {
    case FormKind::Invoice:
      return "An invoice is posted as written and never edited: to correct one, issue a credit "
             "note. The id must be new. Without a due date, the due date is the invoice date "
             "plus the customer's terms.\n\nPractice: the contract states the payment method, "
             "amount and due date. Call the customer a week before the due date to confirm the "
             "settlement date.";
    case FormKind::Payment:
      return "Explicit allocations apply as written; an allocation may not take an invoice below "
             "zero, and together they may not exceed the payment. The remainder goes "
             "automatically to this customer's open invoices dated on or before the payment, "
             "oldest due date first; what is still left is unapplied credit.\n\nPractice: "
             "match each payment as it arrives, update the balance, and reconcile with sales "
             "regularly. Ask for full payment, not a part.";
    case FormKind::CreditNote:
      return "A credit note reduces invoices exactly like a payment: explicit allocations first, "
             "then oldest due date first.\n\nPractice: returns, price disputes and discounts "
             "promised by sales end here; unauthorised promises are a common cause of disputes, "
             "so each credit note should have its reason on file.";
    case FormKind::WriteOff:
      return "A write-off closes what cannot be collected on one invoice; it may not exceed what "
             "the invoice has left after everything applied to it.\n\nPractice: before writing "
             "off, consider a concession, taking back goods, collateral or legal action; large "
             "amounts need approval. Debts under two years old are about 80% recoverable, older "
             "ones about 20%.";
    case FormKind::Refund:
      return "A refund pays money back out of the customer's unapplied credit; it never "
             "touches an invoice. It may not exceed the credit on its date less the refunds "
             "before it; the payment it names (optional) must be the customer's own, dated on "
             "or before it.\n\nPractice: before paying back an overpayment, check that no "
             "invoice of the customer is open or about to be issued: applying the credit is "
             "usually better for both sides than moving money twice.";
    case FormKind::Customer:
      return "The id must be new; terms are 0 to 3650 days (invoices without a due date are due "
             "that many days after their date); the credit limit and the credit grade (at most "
             "16 characters) are optional.\n\nPractice: "
             "before a first sale, check the customer's credit and agree the terms in the "
             "contract. An overdue account has a hard limit of one third of the credit period: "
             "30-day terms, act by day 40; 60-day terms, by day 80.";
  }
  return "";
}

void draw_help(FormKind kind) {
  // As tall as its text: 1.86 children do not auto-fit, so measure the wrapped text.
  const ImGuiStyle& style = ImGui::GetStyle();
  float wrap = ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x;
  float height = ImGui::CalcTextSize(help_text(kind), nullptr, false, wrap).y +
                 ImGui::GetTextLineHeightWithSpacing() * 2 + 2 * style.WindowPadding.y;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().card_bg);
  ImGui::BeginChild("##help", ImVec2(0, height), true);
  ui::heading("How this is checked");
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().text_muted);
  ImGui::TextWrapped("%s", help_text(kind));
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace

// ---- [SECTION] Panel -------------------------------------------------------------------

bool select_form_page(State& state, std::string_view name) {
  const std::pair<const char*, FormKind> forms[] = {
      {"invoice", FormKind::Invoice}, {"payment", FormKind::Payment},
      {"credit-note", FormKind::CreditNote}, {"write-off", FormKind::WriteOff},
      {"new-customer", FormKind::Customer}};
  for (const auto& [page, kind] : forms) {
    if (name != page) continue;
    state.forms.kind = static_cast<int>(kind);
    state.forms.select_kind = true;
    return select_panel(state, Tab::Forms);
  }
  return false;
}

void draw_forms(State& state) {
  FormsPanel& forms = state.forms;
  if (!forms.date_default[0]) {  // New entries are dated today (update_today moves it on).
    set_text(forms.date_default, sizeof forms.date_default, arlab::format_date(state.today));
  }
  // Forms start on the customer being looked at in the drill-down.
  arlab::Index looked_at = state.customer.customer;
  int viewed = looked_at == arlab::kNone ? -1 : static_cast<int>(looked_at);
  for (int* customer : {&forms.invoice.customer, &forms.payment.customer,
                        &forms.credit_note.customer, &forms.write_off.customer,
                        &forms.refund.customer}) {
    if (*customer < 0) *customer = viewed;
  }
  struct Entry { FormKind kind; const char* label; };
  const Entry entries[] = {{FormKind::Invoice, "New invoice"},
                           {FormKind::Payment, "Record payment"},
                           {FormKind::CreditNote, "Credit note"},
                           {FormKind::WriteOff, "Write-off"},
                           {FormKind::Refund, "Refund"},
                           {FormKind::Customer, "New customer"}};
  if (!ImGui::BeginTabBar("##forms")) return;
  for (const Entry& e : entries) {
    int kind = static_cast<int>(e.kind);
    ImGuiTabItemFlags flags =
        forms.select_kind && forms.kind == kind ? ImGuiTabItemFlags_SetSelected : 0;
    if (!ImGui::BeginTabItem(e.label, nullptr, flags)) continue;
    if (!forms.select_kind) forms.kind = kind;
    ImGui::Spacing();
    float form_width = std::max(520.0f, ImGui::GetContentRegionAvail().x * 0.62f);
    ImGui::BeginChild("##form", ImVec2(form_width, 0), false);
    ImGui::PushID(kind);
    switch (e.kind) {
      case FormKind::Invoice: draw_invoice_form(state); break;
      case FormKind::Payment: draw_receipt_form(state, false); break;
      case FormKind::CreditNote: draw_receipt_form(state, true); break;
      case FormKind::WriteOff: draw_write_off_form(state); break;
      case FormKind::Refund: draw_refund_form(state); break;
      case FormKind::Customer: draw_customer_form(state); break;
    }
    ImGui::PopID();
    other_problems(state, e.kind);
    ImGui::EndChild();
    ImGui::SameLine();
    draw_help(e.kind);
    ImGui::EndTabItem();
  }
  forms.select_kind = false;
  ImGui::EndTabBar();
}

}  // namespace app
