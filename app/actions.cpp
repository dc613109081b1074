// actions.cpp: the changes every panel shares (edits, undo, open, export) and the derived
// figures, recomputed only when the book, the as-of date or the aging edges change.
//
// [SECTION] Figures
// [SECTION] Book changes
// [SECTION] Exports
#include <algorithm>
#include <cassert>
#include <cstdio>

#include "app/app_state.h"
#include "app/platform.h"
#include "assets/sample_book.h"
#include "core/date.h"
#include "io/book_json.h"
#include "io/ledger_journal.h"
#include "io/reports.h"

namespace app {

const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::Credit: return "Credit period";
    case Stage::Coordination: return "Coordination period";
    case Stage::Clearing: return "Clearing period";
  }
  return "";
}

int32_t days_limit(int32_t terms_days) { return std::max(0, terms_days / 3); }

// ---- [SECTION] Figures -----------------------------------------------------------------

namespace {

// Stage of one open invoice: overdue days against one third of its customer's terms.
Stage stage_of(int32_t days_past_due, int32_t days_limit) {
  if (days_past_due <= 0) return Stage::Credit;
  return days_past_due <= days_limit ? Stage::Coordination : Stage::Clearing;
}

void compute_customer_figures(const arlab::Book& book, arlab::Date as_of, Figures* f) {
  f->customers.assign(book.customers.size(), CustomerFigures{});
  for (size_t c = 0; c < book.customers.size(); ++c) {
    f->customers[c].days_limit = days_limit(book.customers[c].terms_days);
  }
  f->invoice_open_minor.assign(book.invoices.size(), 0);
  for (size_t i = 0; i < book.invoices.size(); ++i) {
    const arlab::Invoice& inv = book.invoices[i];
    if (inv.date > as_of) continue;  // Does not exist yet as of.
    ++f->invoices_existing;
    int64_t open = arlab::invoice_open_minor(book, static_cast<arlab::Index>(i), as_of);
    f->invoice_open_minor[i] = open;
    if (open == 0) continue;
    CustomerFigures& cf = f->customers[inv.customer];
    int32_t days = as_of - inv.due;
    cf.open_minor += open;
    ++cf.open_invoice_count;
    if (days > 0) cf.overdue_minor += open;
    if (cf.open_invoice_count == 1 || days > cf.days_overdue_max) cf.days_overdue_max = days;
    f->stage_minor[static_cast<int>(stage_of(days, cf.days_limit))] += open;
    if (days <= 0 && days >= -7) {  // Due within a week: confirm the settlement date (practice).
      f->due_soon_minor += open;
      ++f->due_soon_count;
    }
  }
}

}  // namespace

Figures compute_figures(const arlab::Book& book, arlab::Date as_of,
                        const std::vector<int32_t>& edges) {
  Figures f;
  f.aging = arlab::compute_aging(book, as_of, edges);
  compute_customer_figures(book, as_of, &f);
  for (const arlab::CustomerAging& ca : f.aging.customers) {
    f.customers[ca.customer].unapplied_minor = ca.unapplied_minor;
  }
  for (CustomerFigures& cf : f.customers) {
    f.open_minor += cf.open_minor;
    f.overdue_minor += cf.overdue_minor;
    f.unapplied_minor += cf.unapplied_minor;
    cf.stage = cf.open_invoice_count == 0 ? Stage::Credit
                                          : stage_of(cf.days_overdue_max, cf.days_limit);
    if (cf.open_invoice_count > 0) ++f.stage_customers[static_cast<int>(cf.stage)];
  }
  // Both ends agree: the aging report and the per-invoice sums are the same open total.
  assert(f.open_minor == f.aging.total_open_minor);
  assert(f.unapplied_minor == f.aging.total_unapplied_minor);
  return f;
}

bool figures_current(const State& state) {
  return state.figures_book_generation == state.book_generation &&
         state.figures_as_of == state.as_of && state.figures_edges == state.edges;
}

void update_figures(State& state) {
  if (figures_current(state)) return;
  uint64_t generation = state.figures.generation + 1;
  state.figures = compute_figures(state.book, state.as_of, state.edges);
  state.figures.generation = generation;
  state.figures_book_generation = state.book_generation;
  state.figures_as_of = state.as_of;
  state.figures_edges = state.edges;
}

void set_as_of(State& state, arlab::Date as_of) {
  state.as_of = as_of;
  std::string text = arlab::format_date(as_of);
  std::snprintf(state.as_of_text, sizeof state.as_of_text, "%s", text.c_str());
}

void update_today(State& state) {
  arlab::Date today = platform::today();
  if (today == state.today) return;
  arlab::Date before = state.today;
  state.today = today;
  if (state.as_of == before) set_as_of(state, today);  // It followed today: it still does.
  // New-entry dates the user left as they were filled in move on too.
  FormsPanel& forms = state.forms;
  std::string text = arlab::format_date(today);
  for (char* date : {forms.invoice.date, forms.payment.date, forms.credit_note.date,
                     forms.write_off.date, forms.refund.date}) {
    if (std::string_view(date) == forms.date_default) {
      std::snprintf(date, sizeof forms.invoice.date, "%s", text.c_str());
    }
  }
  std::snprintf(forms.date_default, sizeof forms.date_default, "%s", text.c_str());
}

// ---- [SECTION] Book changes ------------------------------------------------------------

void save_book(State& state) {
  if (!state.held_saved_book.empty()) return;  // Never over a saved book that was not read.
  platform::schedule_save(arlab::write_book_json(state.book), book_label(state));
}

void release_held_book(State& state) {
  state.held_saved_book.clear();
  state.held_problems.clear();
  save_book(state);
  state.status = "The open book is saved in place of the saved book that could not be read";
}

bool apply_edit(State& state, const arlab::Edit& edit, std::vector<arlab::Problem>* problems) {
  problems->clear();
  if (!state.history.apply(state.book, edit, problems)) {
    state.status = "Not recorded: " + std::to_string(problems->size()) + " problem(s)";
    return false;
  }
  ++state.book_generation;
  save_book(state);
  state.status = "Recorded: " + arlab::describe(edit, state.book);
  return true;
}

namespace {

// Undo removed the book's last document: selections that pointed at it (indices past the
// end now) are forgotten, so that no panel reads beyond the book.
void forget_removed(State& state) {
  const arlab::Book& book = state.book;
  auto forget = [](auto& index, size_t size, auto none) {
    if (static_cast<size_t>(index) >= size) index = none;  // -1 and kNone stay as they are.
  };
  FormsPanel& forms = state.forms;
  for (int* customer : {&forms.invoice.customer, &forms.payment.customer,
                        &forms.credit_note.customer, &forms.write_off.customer,
                        &forms.refund.customer}) {
    forget(*customer, book.customers.size(), -1);
  }
  forget(forms.write_off.invoice, book.invoices.size(), -1);
  forget(forms.refund.payment, book.payments.size(), -1);
  forget(forms.customer.salesperson, book.salespeople.size(), -1);
  forget(state.customer.invoice, book.invoices.size(), arlab::kNone);
  forget(state.invoices.selected, book.invoices.size(), arlab::kNone);
  if (static_cast<size_t>(state.customer.customer) >= book.customers.size()) {
    state.customer.customer = book.customers.empty() ? arlab::kNone : 0;
  }
}

}  // namespace

void undo(State& state) {
  if (!state.history.can_undo()) return;
  const arlab::Edit& edit = state.history.edits()[state.history.done_count() - 1];
  std::string what = arlab::describe(edit, state.book);
  state.history.undo(state.book);
  forget_removed(state);
  ++state.book_generation;
  save_book(state);
  state.status = "Undone: " + what;
}

void redo(State& state) {
  if (!state.history.can_redo()) return;
  state.history.redo(state.book);
  const arlab::Edit& edit = state.history.edits()[state.history.done_count() - 1];
  ++state.book_generation;
  save_book(state);
  state.status = "Redone: " + arlab::describe(edit, state.book);
}

std::vector<HistoryLine> history_lines(const State& state) {
  const std::vector<arlab::Edit>& edits = state.history.edits();
  std::vector<HistoryLine> lines(edits.size());
  for (size_t k = 0; k < edits.size(); ++k) {
    lines[k].text = arlab::describe(edits[k], state.book);
    lines[k].applied = k < state.history.done_count();
  }
  return lines;
}

void replace_book(State& state, arlab::Book&& book, const std::string& name,
                  SnapshotKind kind) {
  keep_open_book(state, kind);  // Before anything changes: the book as it is now.
  state.book_reloaded = false;
  state.opened_last_change.clear();
  state.book = std::move(book);
  state.history.clear();
  state.book_name = name.substr(name.find_last_of("/\\") + 1);  // The file name, no folders.
  ++state.book_generation;
  // As of today, not the book's last document: after a quiet week what is overdue is a
  // week older (the toolbar's "Today of the book" goes to the last document).
  state.today = platform::today();
  set_as_of(state, state.today);
  state.sample_shift_days = 0;
  state.customer.customer = state.book.customers.empty() ? arlab::kNone : 0;
  state.forms = FormsPanel{};
  save_book(state);
}

bool read_sample(State& state, arlab::Book* book, int32_t* shift, std::string* status) {
  arlab::LoadResult r = arlab::read_book_json(arlab::sample_book_json());
  if (!r.ok) {
    show_problems(state, "The embedded sample book is invalid", std::move(r.problems));
    return false;
  }
  // A first-time user sees a live book: the sample's dates move so that it ends today.
  *shift = platform::today() - arlab::book_last_date(r.book);
  if (!arlab::shift_dates(r.book, *shift)) *shift = 0;  // A clock past 9999: as it is.
  *book = std::move(r.book);
  *status = "Opened the sample book";
  if (*shift != 0) {
    *status += ", its dates moved " + std::to_string(*shift < 0 ? -*shift : *shift) +
               (*shift < 0 ? " days earlier" : " days later") + " so that it ends today";
  }
  return true;
}

void load_sample(State& state) {
  arlab::Book book;
  int32_t shift = 0;
  std::string status;
  if (!read_sample(state, &book, &shift, &status)) return;
  replace_book(state, std::move(book), "sample");
  state.sample_shift_days = shift;
  state.status = status;
}

void select_customer(State& state, arlab::Index customer) {
  state.customer.customer = customer;
  state.customer.open = true;
  state.select_tab = Tab::Customer;
}

void show_problems(State& state, const std::string& title, std::vector<arlab::Problem> problems,
                   const std::string& file) {
  state.problems_title = title;
  state.problems_file = file;
  state.problems = std::move(problems);
  state.problems_popup = true;
  state.status = title;
}

// ---- [SECTION] Exports -----------------------------------------------------------------

namespace {

void export_text(State& state, const std::string& file_name, const std::string& data) {
  std::string where, error;
  if (platform::export_file(file_name, data, &where, &error)) {
    state.status = "Exported " + file_name + (where.empty() ? "" : " to " + where);
  } else {
    show_problems(state, "Could not export " + file_name, {arlab::Problem{"", error}});
  }
}

std::string base_name(const std::string& name) {
  std::string base = name.substr(0, name.rfind('.'));
  return base.empty() ? "book" : base;
}

}  // namespace

void export_held_book(State& state) { export_text(state, "saved-book.json", state.held_saved_book); }

void export_book_json(State& state) {
  export_text(state, base_name(state.book_name) + ".json", arlab::write_book_json(state.book));
}

void export_ledger_journal(State& state) {
  export_text(state, base_name(state.book_name) + ".journal", arlab::ledger_journal(state.book));
}

void export_aging_csv(State& state) {
  update_figures(state);
  export_text(state, "aging-" + arlab::format_date(state.as_of) + ".csv",
              arlab::aging_csv(state.book, state.figures.aging));
}

}  // namespace app
