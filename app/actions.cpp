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

// ---- [SECTION] Figures -----------------------------------------------------------------

// Core's collection position (core/collection.h) is the source: the stages, the one-third
// limits of each invoice's own credit period, due soon, holds. The app keeps its figures by
// customer; the position itself is kept for the panels that draw invoices.
Figures compute_figures(const arlab::Book& book, arlab::Date as_of,
                        const std::vector<int32_t>& edges) {
  Figures f;
  f.aging = arlab::compute_aging(book, as_of, edges);
  f.position = arlab::collection_position(book, as_of);
  const arlab::CollectionPosition& p = f.position;
  f.customers.resize(p.customers.size());
  for (size_t c = 0; c < p.customers.size(); ++c) {
    const arlab::CustomerPosition& cp = p.customers[c];
    CustomerFigures& cf = f.customers[c];
    cf.open_minor = cp.open_minor;
    cf.overdue_minor = cp.overdue_minor;
    cf.unapplied_minor = cp.unapplied_minor;
    cf.days_overdue_max = cp.days_overdue_max;
    cf.open_invoice_count = cp.open_invoice_count;
    cf.stage = cp.stage;
    cf.hold = cp.hold;
    if (cp.worst_invoice != arlab::kNone) {
      const arlab::InvoicePosition& worst = p.invoices[cp.worst_invoice];
      cf.days_limit = worst.limit_days;
      cf.over_limit_days = worst.days_past_due - worst.limit_days;
      cf.act_by_day = worst.period_days + worst.limit_days;
    } else {  // Nothing open: the customer's terms say when it would be.
      cf.days_limit = arlab::one_third_limit(book.customers[c].terms_days);
      cf.act_by_day = book.customers[c].terms_days + cf.days_limit;
    }
  }
  f.open_minor = p.open_minor;
  f.overdue_minor = p.overdue_minor;
  f.unapplied_minor = p.unapplied_minor;
  f.due_soon_minor = p.due_soon_minor;
  f.due_soon_count = p.due_soon_count;
  f.stage_minor = p.stage_minor;
  f.stage_customers = p.stage_customers;
  f.invoices_existing = p.invoices_existing;
  f.on_hold_count = p.on_hold_count;
  f.worklist = arlab::worklist(book, p);
  // Both ends agree: the aging report and the per-invoice sums are the same open total.
  assert(f.open_minor == f.aging.total_open_minor);
  assert(f.unapplied_minor == f.aging.total_unapplied_minor);
  return f;
}

namespace {

FiguresKey figures_key(const State& state) {
  return {state.book_generation, state.as_of, state.edges};
}

}  // namespace

bool figures_current(const State& state) { return state.figures_key.current(figures_key(state)); }

void update_figures(State& state) {
  FiguresKey key = figures_key(state);
  if (state.figures_key.current(key)) return;
  uint64_t generation = state.figures.generation + 1;
  state.figures = compute_figures(state.book, state.as_of, state.edges);
  state.figures.generation = generation;
  state.figures_key.set(key);
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
  select_panel(state, Tab::Customer);
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
