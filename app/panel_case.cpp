// panel_case.cpp: the Collection tab's Case page: one customer's case file as of the toolbar's
// date (core/case_view.h: owner, cause, stance, hold, promises, disputes, plans, and the
// timeline of its documents and records) and the forms that add to it: log a contact, record
// a promise, send a letter, open a dispute or resolve one, place or lift a hold, set the
// case's owner and cause, agree a plan, move a due date, approve, take a recovery action.
// Every form builds one case record (core/casefile.h) and applies it through the history
// (arlab::NewRecord): checked by core's rules, undoable, saved like any change.
//
// [SECTION] State
// [SECTION] Summary
// [SECTION] Forms
// [SECTION] Timeline
// [SECTION] Page
#include <algorithm>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"
#include "app/panels.h"
#include "app/widgets.h"
#include "core/case_view.h"
#include "core/dunning.h"
#include "core/letters.h"
#include "io/letter_report.h"
#include "app/platform.h"
#include "core/money.h"
#include "imgui.h"

namespace app {

namespace {

// ---- [SECTION] State -------------------------------------------------------------------

// The forms the page offers, in its combo's order.
enum class CaseForm : int {
  Contact, Promise, Letter, Dispute, Resolve, Hold, Release, Case, Plan, Extension, Approval,
  Recovery, Count
};
const char* const kFormNames[] = {"Log a contact",   "Record a promise", "Send a letter",
                                  "Open a dispute",  "Resolve a dispute", "Place a hold",
                                  "Lift the hold",   "Owner and cause",  "Agree a plan",
                                  "Move a due date", "Approve",          "Recovery action"};
static_assert(sizeof(kFormNames) / sizeof(kFormNames[0]) == int(CaseForm::Count));

struct CaseKey {
  uint64_t book = 0;
  arlab::Date as_of;
  arlab::Index customer = arlab::kNone;
  bool operator==(const CaseKey&) const = default;
};

struct LetterKey {
  CaseKey key;
  int level = 0;
  bool operator==(const LetterKey&) const = default;
};

struct CasePanel {
  Cached<arlab::CaseView, CaseKey> view;
  Cached<arlab::Letter, LetterKey> letter;  // The letter form's preview.
  // The letter's text as the user edits it before copying or printing; back to the letter's
  // own text whenever the letter changes (customer, level, book, date).
  std::vector<char> letter_edit = std::vector<char>(16384, '\0');
  uint64_t letter_edit_for = ~0ull;  // The letter cache's compute count it was filled from.
  bool letter_edited = false;
  char customer_filter[48] = "";
  int form = 0;  // CaseForm.
  // The fields of every form (one set: a form shows those it needs).
  char date[16] = "";
  int channel = 0;
  char with[96] = "";
  char by[64] = "";
  char text[1024] = "";
  char next_step[200] = "";
  char next_date[16] = "";
  char amount[32] = "";
  char until[16] = "";
  int level = 1;             // 1-based.
  int invoice = -1;          // Book invoice index.
  int reason = 0;            // DisputeReason.
  int dispute = -1;          // Record index.
  int outcome = 0;
  int owner = 1;             // WorkOwner: finance.
  int cause = 0, stance = 0;
  int instalments = 3;
  int action = 0;            // RecoveryAction.
  int approve = -1;          // Record index of the extension or plan to approve.
  std::vector<arlab::Problem> problems;
  std::string done;          // What was recorded last ("Recorded: ...").
  bool submit = false;       // case_command asked for Record (the next frame presses it).
  arlab::Index fields_customer = arlab::kNone;  // The customer the fields were filled for.
};

// ---- [SECTION] Summary -----------------------------------------------------------------

std::string money(const State& state, int64_t m) { return ui::money(state.book, m); }

void draw_summary(State& state, const arlab::CaseView& v) {
  const ui::Palette& p = ui::palette();
  const arlab::CustomerCaseState& s = v.state;
  const CustomerFigures& f = state.figures.customers[v.customer];
  ImGui::TextUnformatted(v.case_id.empty() ? "No case opened" : ("Case " + v.case_id).c_str());
  ImGui::SameLine();
  ui::text_muted((std::string("owner ") + arlab::work_owner_name(s.owner) +
                  (s.has_case ? "" : " (by the letters' level until a case names one)")).c_str());
  ImGui::SameLine();
  ui::text_muted((std::string(arlab::cause_label(s.cause)) + ", " + arlab::stance_label(s.stance))
                     .c_str());
  std::string figures = "Open " + money(state, f.open_minor) + ", overdue " +
                        money(state, f.overdue_minor);
  if (s.disputed_minor > 0) figures += ", disputed " + money(state, s.disputed_minor);
  ui::text_fit(figures);
  if (f.hold || s.manual_hold != arlab::kNone) {
    std::string why;
    if (s.manual_hold != arlab::kNone) why = "by hand: " + state.book.collection.records[s.manual_hold].text;
    if (f.hold & arlab::kHoldOverLimit) why += std::string(why.empty() ? "" : "; ") + "over the credit limit";
    if (f.hold & arlab::kHoldPastLimit) why += std::string(why.empty() ? "" : "; ") + "an invoice past one third of its terms";
    ui::text_fit_colored(p.bad, "On hold (stop supply): " + why);
  }
  std::string line = std::to_string(s.letters_sent) + " letters sent";
  if (s.last_letter != arlab::kNoDate) line += " (last " + arlab::format_date(s.last_letter) + ")";
  line += "; promises " + std::to_string(s.promises_kept) + " kept, " +
          std::to_string(s.promises_broken) + " broken, " + std::to_string(s.promises_pending) +
          " pending";
  if (s.next_date != arlab::kNoDate) line += "; next step by " + arlab::format_date(s.next_date);
  ui::text_fit(line);
  if (s.promises_broken > 0 || (s.next_date != arlab::kNoDate && s.next_date < v.as_of))
    ui::text_fit_colored(p.warn, s.promises_broken > 0 ? "A promise was broken: chase it, firmly."
                                                       : "The next step is overdue.");
}

// ---- [SECTION] Forms -------------------------------------------------------------------

constexpr float kLabel = 120;

// A note under a form, wrapped to the column (the form is narrow at 1024 px).
void note(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().text_muted);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(ui::px(kLabel));
}

float field_width() { return std::max(ui::px(120), ImGui::GetContentRegionAvail().x); }

template <size_t N>
void text_field(const char* name, const char* id, char (&buf)[N], const char* hint = "") {
  label(name);
  ImGui::SetNextItemWidth(field_width());
  ImGui::InputTextWithHint(id, hint, buf, N);
}

// Free text on one line that scrolls as it is typed (a multiline field of ImGui 1.86 does
// not wrap: its text would run past the page).
template <size_t N>
void multiline(const char* name, const char* id, char (&buf)[N]) {
  text_field(name, id, buf, "");
}

bool combo(const char* name, const char* id, int* value, const char* const* items, int count) {
  label(name);
  ImGui::SetNextItemWidth(field_width());
  return ImGui::Combo(id, value, items, count);
}

const char* const kChannels[] = {"Phone", "Email", "SMS", "Letter", "Visit"};
const char* const kOwners[] = {"Sales", "Finance", "Credit"};
const char* const kCauses[] = {"Not known yet", "Negligence", "Dispute over goods or service",
                               "Cash shortage", "Triangular debt", "Deliberate default"};
const char* const kStances[] = {"Not known yet", "Can't pay", "Won't pay"};
const char* const kReasons[] = {"Goods", "Service", "Price", "Delivery",
                                "Promise made by sales", "Other"};
const char* const kOutcomes[] = {"Upheld", "Rejected", "Withdrawn"};
const char* const kActions[] = {"Concession", "Goods taken back", "Collateral realised",
                                "Legal action"};

// The customer's open invoices as of, oldest due first, for an invoice picker.
std::vector<arlab::Index> open_invoices(const State& state, arlab::Index customer, bool overdue_only) {
  std::vector<arlab::Index> out;
  const arlab::CollectionPosition& pos = state.figures.position;
  for (arlab::Index i : arlab::customer_invoices(state.book, customer)) {
    if (i >= pos.invoices.size() || pos.invoices[i].open_minor <= 0) continue;
    if (overdue_only && pos.invoices[i].days_past_due <= 0) continue;
    out.push_back(i);
  }
  std::stable_sort(out.begin(), out.end(), [&](arlab::Index a, arlab::Index b) {
    return state.book.invoices[a].due < state.book.invoices[b].due;
  });
  return out;
}

void invoice_picker(State& state, CasePanel& c, arlab::Index customer, bool overdue_only) {
  std::vector<arlab::Index> invs = open_invoices(state, customer, overdue_only);
  if (c.invoice >= 0 && std::find(invs.begin(), invs.end(), arlab::Index(c.invoice)) == invs.end())
    c.invoice = -1;
  if (c.invoice < 0 && !invs.empty()) c.invoice = int(invs.front());
  label("Invoice");
  ImGui::SetNextItemWidth(field_width());
  std::string shown = c.invoice < 0 ? std::string("(none open)")
                                    : std::string(state.book.str(state.book.invoices[c.invoice].id));
  if (ImGui::BeginCombo("##case_invoice", shown.c_str())) {
    for (arlab::Index i : invs) {
      const arlab::InvoicePosition& ip = state.figures.position.invoices[i];
      std::string item = std::string(state.book.str(state.book.invoices[i].id)) + "  " +
                         money(state, ip.open_minor) +
                         (ip.days_past_due > 0 ? "  " + std::to_string(ip.days_past_due) + " d late" : "");
      if (ImGui::Selectable(item.c_str(), c.invoice == int(i))) c.invoice = int(i);
    }
    ImGui::EndCombo();
  }
}

int next_level(const State& state, const arlab::CaseState& cs, arlab::Index customer);

// The defaults of a form for a customer: today, a week to pay, the overdue amount.
void fill_defaults(State& state, CasePanel& c, arlab::Index customer) {
  std::snprintf(c.date, sizeof c.date, "%s", arlab::format_date(state.today).c_str());
  std::snprintf(c.until, sizeof c.until, "%s", arlab::format_date(state.today + 7).c_str());
  std::snprintf(c.next_date, sizeof c.next_date, "%s", arlab::format_date(state.today + 7).c_str());
  const CustomerFigures& f = state.figures.customers[customer];
  std::string amount = arlab::format_amount(std::max<int64_t>(f.overdue_minor, 0), state.book.minor_digits);
  std::snprintf(c.amount, sizeof c.amount, "%s", f.overdue_minor > 0 ? amount.c_str() : "");
  c.invoice = -1;
  c.dispute = -1;
  c.approve = -1;
  c.fields_customer = customer;
  c.level = next_level(state, arlab::case_state(state.book, state.as_of), customer);
  c.problems.clear();
  c.done.clear();
}

// A problem's place "collection.records[12].until" as the form's field name.
std::string field_of(const std::string& place, CaseForm form) {
  size_t dot = place.rfind('.');
  std::string member = dot == std::string::npos ? place : place.substr(dot + 1);
  if (member.rfind("invoices", 0) == 0) return "Invoice";
  if (member == "until")
    return form == CaseForm::Promise ? "Pay by" : form == CaseForm::Extension ? "New due date" : "Date";
  if (member == "text") return "Reason";
  if (member == "amount") return "Amount";
  if (member == "date") return "Date";
  if (member == "level") return "Level";
  if (member == "next_date") return "Next step by";
  if (member == "ref") return form == CaseForm::Approval ? "Approve" : "Dispute";
  if (member == "by") return "By";
  if (member.rfind("instalments", 0) == 0) return "Instalments";
  return member;
}

bool parse_date_field(const char* text, const char* field, arlab::Date* out,
                      std::vector<arlab::Problem>* problems) {
  if (arlab::parse_date(text, out)) return true;
  problems->push_back({field, std::string("not a date YYYY-MM-DD: \"") + text + "\""});
  return false;
}

// The letter level to send next: one above the highest sent for an overdue invoice that is
// not disputed or blocked, capped at the policy's last level.
int next_level(const State& state, const arlab::CaseState& cs, arlab::Index customer) {
  int sent = 0;
  for (arlab::Index i : open_invoices(state, customer, true)) {
    const arlab::InvoiceCaseState& is = cs.invoices[i];
    if (is.disputed || is.blocked) continue;
    sent = std::max(sent, is.level_sent);
  }
  return std::min<int>(sent + 1, int(state.book.collection.policy.levels.size()));
}

// Builds the record of the form shown; false (problems filled) if a field is wrong.
bool build_record(State& state, CasePanel& c, arlab::Index customer, const arlab::CaseView& v,
                  arlab::NewRecord* out) {
  const CaseForm form = CaseForm(c.form);
  std::vector<arlab::Problem>& problems = c.problems;
  problems.clear();
  arlab::CaseRecord& r = out->record;
  out->customer_id = state.book.customers[customer].id;
  parse_date_field(c.date, "Date", &r.date, &problems);
  r.by = c.by;
  r.text = c.text;
  auto amount = [&](bool zero_ok) {
    std::string why;
    if (!c.amount[0] && zero_ok) return int64_t(0);
    int64_t m = 0;
    if (!ui::parse_user_amount(state.book, c.amount, &m, &why, zero_ok))
      problems.push_back({"Amount", why});
    return m;
  };
  auto one_invoice = [&] {
    if (c.invoice < 0) problems.push_back({"Invoice", "choose an open invoice"});
    else out->invoice_ids = {std::string(state.book.str(state.book.invoices[c.invoice].id))};
  };
  switch (form) {
    case CaseForm::Contact:
      r.kind = arlab::RecordKind::Contact;
      r.channel = arlab::Channel(c.channel);
      r.with = c.with;
      r.next_step = c.next_step;
      if (c.next_date[0]) parse_date_field(c.next_date, "Next step by", &r.next_date, &problems);
      if (!c.text[0]) problems.push_back({"What was said", "write what was said: it is evidence"});
      break;
    case CaseForm::Promise:
      r.kind = arlab::RecordKind::Promise;
      r.amount_minor = amount(false);
      parse_date_field(c.until, "Pay by", &r.until, &problems);
      break;
    case CaseForm::Letter: {
      // The invoices of the letter previewed (core/letters.h: those it may dun).
      r.kind = arlab::RecordKind::Letter;
      r.level = c.level;
      const arlab::Letter& letter = c.letter.get(
          {{state.book_generation, state.as_of, customer}, c.level},
          [&] { return arlab::make_letter(state.book, customer, state.as_of, c.level); });
      // Its items' invoices, an instalment's every plan invoice, each once (core's rule).
      for (arlab::Index i : arlab::dunning_letter_invoices(state.book, letter.invoices.data(),
                                                          letter.invoices.size()))
        out->invoice_ids.push_back(std::string(state.book.str(state.book.invoices[i].id)));
      if (!letter.ok || out->invoice_ids.empty())
        problems.push_back({"Letter", letter.ok ? "nothing to send" : letter.why_none});
      break;
    }
    case CaseForm::Dispute:
      r.kind = arlab::RecordKind::Dispute;
      one_invoice();
      r.reason = arlab::DisputeReason(c.reason);
      r.amount_minor = amount(true);
      break;
    case CaseForm::Resolve:
      r.kind = arlab::RecordKind::Resolve;
      if (c.dispute < 0) problems.push_back({"Dispute", "no open dispute to resolve"});
      else r.ref = state.book.collection.records[c.dispute].id;
      r.outcome = arlab::Outcome(c.outcome);
      break;
    case CaseForm::Hold:
    case CaseForm::Release:
      r.kind = form == CaseForm::Hold ? arlab::RecordKind::Hold : arlab::RecordKind::Release;
      if (!c.text[0]) problems.push_back({"Reason", "give the reason: it is shown wherever the hold is"});
      break;
    case CaseForm::Case:
      r.kind = arlab::RecordKind::Case;
      r.owner = arlab::WorkOwner(c.owner);
      r.cause = arlab::Cause(c.cause);
      r.stance = arlab::Stance(c.stance);
      break;
    case CaseForm::Plan: {
      r.kind = arlab::RecordKind::Plan;
      std::vector<arlab::Index> invs = open_invoices(state, customer, false);
      int64_t open = 0;
      for (arlab::Index i : invs) {
        out->invoice_ids.push_back(std::string(state.book.str(state.book.invoices[i].id)));
        open += state.figures.position.invoices[i].open_minor;
      }
      if (invs.empty() || open <= 0) problems.push_back({"Invoices", "nothing open to plan"});
      arlab::Date first;
      if (parse_date_field(c.until, "First due", &first, &problems) && c.instalments > 0) {
        int64_t each = open / c.instalments;
        for (int k = 0; k < c.instalments; ++k)
          r.instalments.push_back({arlab::add_months(first, k),
                                   k + 1 < c.instalments ? each : open - each * (c.instalments - 1)});
      }
      break;
    }
    case CaseForm::Extension:
      r.kind = arlab::RecordKind::Extension;
      one_invoice();
      parse_date_field(c.until, "New due date", &r.until, &problems);
      if (!c.text[0]) problems.push_back({"Reason", "give the reason for the extension"});
      break;
    case CaseForm::Approval:
      r.kind = arlab::RecordKind::Approval;
      if (c.approve < 0) problems.push_back({"Approve", "nothing awaits approval"});
      else r.ref = state.book.collection.records[c.approve].id;
      if (!c.by[0]) problems.push_back({"By", "name who approves"});
      break;
    case CaseForm::Recovery:
      r.kind = arlab::RecordKind::Recovery;
      r.action = arlab::RecoveryAction(c.action);
      r.amount_minor = amount(true);
      break;
    case CaseForm::Count: break;
  }
  (void)v;
  return problems.empty();
}


// The letter as it would go: its text (every figure from the case), editable before it is
// copied or saved for printing (HTML, every value escaped); Record marks it sent.
void draw_letter_preview(State& state, CasePanel& c, const arlab::Letter& letter) {
  if (!letter.ok) {
    ui::text_fit_colored(ui::palette().warn, "No letter: " + letter.why_none);
    return;
  }
  if (c.letter_edit_for != c.letter.computes()) {
    const std::string text = arlab::letter_text(state.book, letter);
    std::fill(c.letter_edit.begin(), c.letter_edit.end(), '\0');
    std::copy_n(text.begin(), std::min(text.size(), c.letter_edit.size() - 1), c.letter_edit.begin());
    c.letter_edit_for = c.letter.computes();
    c.letter_edited = false;
  }
  ui::mark("case-letter");
  c.letter_edited |= ImGui::InputTextMultiline("##case_letter", c.letter_edit.data(), c.letter_edit.size(),
                                               ImVec2(-1, ImGui::GetTextLineHeight() * 10));
  const std::string text(c.letter_edit.data());
  if (ImGui::SmallButton("Copy")) {
    ImGui::SetClipboardText(text.c_str());
    state.status = "Letter copied: paste it into an email or a document.";
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Save to print")) {
    std::string name = "letter-" + state.book.customers[letter.customer].id + "-" +
                       arlab::format_date(letter.date) + ".html";
    std::string where, error;
    const std::string html = c.letter_edited ? arlab::letter_html_edited(state.book, letter, text)
                                             : arlab::letter_html(state.book, letter);
    state.status = platform::export_file(name, html, &where, &error)
                       ? "Letter saved to " + where + ": open it and print."
                       : "Could not save the letter: " + error;
  }
  if (c.letter_edited) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Undo my edits")) c.letter_edit_for = ~0ull;
  }
  note("Edit the text before you copy or print it. Record marks the letter sent "
                 "for its invoices (a level is raised only once the one before was sent).");
}

void draw_form(State& state, CasePanel& c, arlab::Index customer, const arlab::CaseView& v) {
  const ui::Palette& p = ui::palette();
  ui::heading("Add to the case");
  ImGui::SetNextItemWidth(field_width());
  ui::mark("case-form");
  if (ImGui::Combo("##case_form", &c.form, kFormNames, int(CaseForm::Count))) {
    c.problems.clear();
    c.done.clear();
  }
  const CaseForm form = CaseForm(c.form);
  char date_hint[] = "YYYY-MM-DD";
  text_field("Date", "##case_date", c.date, date_hint);
  switch (form) {
    case CaseForm::Contact:
      combo("Channel", "##case_channel", &c.channel, kChannels, 5);
      text_field("Spoke with", "##case_with", c.with, "name or role");
      ui::mark("case-text");
      multiline("What was said", "##case_text", c.text);
      text_field("Next step", "##case_next", c.next_step, "call again, check payment...");
      text_field("Next step by", "##case_next_date", c.next_date, date_hint);
      break;
    case CaseForm::Promise:
      ui::mark("case-amount");
      text_field("Amount", "##case_amount", c.amount, "0.00");
      text_field("Pay by", "##case_until", c.until, date_hint);
      note("Kept or broken is read from the payments themselves.");
      break;
    case CaseForm::Letter: {
      const std::vector<arlab::DunningLevel>& levels = state.book.collection.policy.levels;
      c.level = std::clamp(c.level, 1, int(levels.size()));
      label("Level");
      ImGui::SetNextItemWidth(field_width());
      std::string shown = std::to_string(c.level) + " " + levels[c.level - 1].name;
      if (ImGui::BeginCombo("##case_level", shown.c_str())) {
        for (size_t l = 0; l < levels.size(); ++l) {
          std::string item = std::to_string(l + 1) + " " + levels[l].name + " (" +
                             arlab::work_owner_name(levels[l].owner) + ", from " +
                             std::to_string(levels[l].days) + " days)";
          if (ImGui::Selectable(item.c_str(), c.level == int(l + 1))) c.level = int(l + 1);
        }
        ImGui::EndCombo();
      }
      const arlab::Letter& letter = c.letter.get(
          {{state.book_generation, state.as_of, customer}, c.level},
          [&] { return arlab::make_letter(state.book, customer, state.as_of, c.level); });
      draw_letter_preview(state, c, letter);
      break;
    }
    case CaseForm::Dispute:
      invoice_picker(state, c, customer, false);
      combo("Reason", "##case_reason", &c.reason, kReasons, 6);
      text_field("Amount", "##case_amount", c.amount, "empty: the whole invoice");
      multiline("Details", "##case_text", c.text);
      break;
    case CaseForm::Resolve: {
      label("Dispute");
      ImGui::SetNextItemWidth(field_width());
      if (c.dispute < 0 && !v.disputes.empty() && v.disputes[0].record != arlab::kNone)
        c.dispute = int(v.disputes[0].record);
      std::string shown = c.dispute < 0 ? std::string("(none open)") : state.book.collection.records[c.dispute].id;
      if (ImGui::BeginCombo("##case_dispute", shown.c_str())) {
        for (const arlab::DisputeLine& d : v.disputes) {
          if (d.record == arlab::kNone) continue;
          std::string item = state.book.collection.records[d.record].id + "  " +
                             std::string(state.book.str(state.book.invoices[d.invoice].id)) + "  " +
                             money(state, d.disputed_minor);
          if (ImGui::Selectable(item.c_str(), c.dispute == int(d.record))) c.dispute = int(d.record);
        }
        ImGui::EndCombo();
      }
      combo("Outcome", "##case_outcome", &c.outcome, kOutcomes, 3);
      break;
    }
    case CaseForm::Hold:
    case CaseForm::Release:
      text_field("Reason", "##case_text1", c.text, form == CaseForm::Hold ? "why supply stops" : "why it resumes");
      break;
    case CaseForm::Case:
      combo("Owner", "##case_owner", &c.owner, kOwners, 3);
      combo("Cause", "##case_cause", &c.cause, kCauses, 6);
      combo("Can or won't", "##case_stance", &c.stance, kStances, 3);
      break;
    case CaseForm::Plan:
      label("Instalments");
      ImGui::SetNextItemWidth(field_width());
      ImGui::SliderInt("##case_instalments", &c.instalments, 2, 12);
      text_field("First due", "##case_until", c.until, date_hint);
      note("Everything open, in equal monthly parts; over the approval threshold it "
                     "waits for an approval.");
      break;
    case CaseForm::Extension:
      invoice_picker(state, c, customer, false);
      text_field("New due date", "##case_until", c.until, date_hint);
      text_field("Reason", "##case_text1", c.text, "why the customer gets more time");
      break;
    case CaseForm::Approval: {
      std::vector<arlab::Index> waiting = arlab::awaiting_approval(state.book, customer, state.as_of);
      if (c.approve >= 0 && std::find(waiting.begin(), waiting.end(), arlab::Index(c.approve)) == waiting.end())
        c.approve = -1;
      if (c.approve < 0 && !waiting.empty()) c.approve = int(waiting.front());
      label("Approve");
      ImGui::SetNextItemWidth(field_width());
      std::string shown = c.approve < 0 ? std::string("(nothing awaits approval)")
                                        : state.book.collection.records[c.approve].id;
      if (ImGui::BeginCombo("##case_approve", shown.c_str())) {
        for (arlab::Index i : waiting) {
          const arlab::CaseRecord& r = state.book.collection.records[i];
          std::string item = r.id + "  " + arlab::record_kind_name(r.kind) + " of " + arlab::format_date(r.date);
          if (ImGui::Selectable(item.c_str(), c.approve == int(i))) c.approve = int(i);
        }
        ImGui::EndCombo();
      }
      break;
    }
    case CaseForm::Recovery:
      combo("Action", "##case_action", &c.action, kActions, 4);
      text_field("Amount", "##case_amount", c.amount, "recovered or at stake");
      multiline("Notes", "##case_text", c.text);
      break;
    case CaseForm::Count: break;
  }
  text_field("By", "##case_by", c.by, "who did it");
  ui::mark("case-record");
  const bool pressed = ImGui::Button("Record") || c.submit;
  c.submit = false;
  if (pressed) {
    arlab::NewRecord rec;
    if (build_record(state, c, customer, v, &rec)) {
      if (apply_edit(state, arlab::Edit{rec}, &c.problems)) {
        c.done = "Recorded: " + arlab::describe(arlab::Edit{rec}, state.book);
        c.text[0] = c.with[0] = c.next_step[0] = '\0';
        if (rec.record.date > state.as_of)
          c.done += " (dated after the as-of date: it shows from then on)";
      } else {
        for (arlab::Problem& pr : c.problems) pr.place = field_of(pr.place, form);
      }
    }
  }
  if (!c.done.empty()) ui::text_fit_colored(p.good, c.done);
  ui::problems_list(c.problems);
}

// ---- [SECTION] Timeline ----------------------------------------------------------------

void draw_promises_and_plans(State& state, const arlab::CaseView& v) {
  const ui::Palette& p = ui::palette();
  if (!v.promises.empty()) {
    ui::heading("Promises");
    for (auto it = v.promises.rbegin(); it != v.promises.rend() && it - v.promises.rbegin() < 4; ++it) {
      const ImVec4& color = it->status == arlab::PromiseStatus::Kept     ? p.good
                            : it->status == arlab::PromiseStatus::Broken ? p.bad
                                                                         : p.warn;
      ui::text_fit_colored(color, money(state, it->amount_minor) + " by " +
                                      arlab::format_date(it->until) + ": " +
                                      arlab::promise_status_name(it->status) + " (" +
                                      money(state, it->paid_minor) + " paid)");
    }
  }
  for (const arlab::PlanState& plan : v.plans) {
    ui::heading(("Plan " + state.book.collection.records[plan.record].id +
                 (plan.approved ? "" : " (awaiting approval)")).c_str());
    for (const arlab::InstalmentState& in : plan.instalments) {
      bool late = in.open_minor > 0 && in.due < v.as_of;
      ui::text_fit_colored(late ? p.bad : in.open_minor == 0 ? p.good : p.text_muted,
                           arlab::format_date(in.due) + "  " + money(state, in.amount_minor) +
                               "  open " + money(state, in.open_minor) + (late ? "  overdue" : ""));
    }
  }
}

void draw_timeline(State& state, const arlab::CaseView& v) {
  ui::heading("Timeline");
  ui::help_marker("Every invoice, payment, credit note, write-off and refund of the customer "
                  "with every case record (calls, promises, letters, reviews...), newest "
                  "first, as of the toolbar's date. Records are never changed: a correction "
                  "is a new record; Edit > Undo removes the last one.");
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  ui::mark("case-timeline");
  if (!ImGui::BeginTable("##case_timeline", 4, flags, ImVec2(0, ImGui::GetContentRegionAvail().y)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Details", ImGuiTableColumnFlags_WidthStretch);
  ui::headers_row();
  const size_t n = v.timeline.size();
  ui::clipped_rows(n, [&](size_t r) {
    const arlab::TimelineEntry& e = v.timeline[n - 1 - r];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(arlab::format_date(e.date).c_str());
    ImGui::TableNextColumn();
    if (e.source == arlab::TimelineSource::Record) ImGui::TextColored(ui::palette().accent, "%s", e.what.c_str());
    else ImGui::TextUnformatted(e.what.c_str());
    ImGui::TableNextColumn();
    if (e.amount_minor) ui::text_right(money(state, e.amount_minor));
    ImGui::TableNextColumn();
    std::string_view id = e.source == arlab::TimelineSource::Record
                              ? std::string_view(state.book.collection.records[e.index].id)
                              : std::string_view();
    ui::text_fit((id.empty() ? "" : std::string(id) + "  ") + e.text);
  });
  ImGui::EndTable();
}

}  // namespace

// ---- [SECTION] Page --------------------------------------------------------------------

void draw_case(State& state) {
  CasePanel& c = panel_state<CasePanel>(state);
  const arlab::Book& book = state.book;
  if (book.customers.empty()) {
    note("No customers yet: add one in New entry > Customer.");
    return;
  }
  arlab::Index& customer = state.customer.customer;
  if (customer == arlab::kNone || customer >= book.customers.size()) customer = 0;
  int picked = int(customer);
  ui::mark("case-customer");
  if (ui::customer_combo("Customer##case", book, &picked, c.customer_filter,
                         sizeof c.customer_filter, ui::px(320)))
    customer = arlab::Index(picked);
  if (c.fields_customer != customer) fill_defaults(state, c, customer);
  const arlab::CaseView& v = c.view.get({state.book_generation, state.as_of, customer}, [&] {
    return arlab::case_view(book, customer, state.as_of);
  });
  ui::same_line_if_fits(ui::px(200));
  if (ImGui::SmallButton("Customer tab")) select_customer(state, customer);
  draw_summary(state, v);
  ImGui::Separator();
  ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp |
                          ImGuiTableFlags_BordersInnerV;
  ImVec2 room = ImGui::GetContentRegionAvail();
  room.y -= ImGui::GetStyle().ItemSpacing.y;  // No scroll bar for the page itself.
  if (!ImGui::BeginTable("##case_layout", 2, flags, room)) return;
  ImGui::TableSetupColumn("form", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("timeline", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  if (ImGui::BeginChild("##case_form_child", ImVec2(0, ImGui::GetContentRegionAvail().y))) {
    draw_form(state, c, customer, v);
    ImGui::Spacing();
    draw_promises_and_plans(state, v);
  }
  ImGui::EndChild();
  ImGui::TableNextColumn();
  draw_timeline(state, v);
  ImGui::EndTable();
}

bool case_command(State& state, std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  CasePanel& c = panel_state<CasePanel>(state);
  if (j.contains("customer")) {
    if (!j["customer"].is_string()) return false;
    arlab::Index customer = arlab::find_customer(state.book, j["customer"].get<std::string>());
    if (customer == arlab::kNone) return false;
    state.customer.customer = customer;
    fill_defaults(state, c, customer);
  }
  static const std::pair<const char*, CaseForm> kForms[] = {
      {"contact", CaseForm::Contact}, {"promise", CaseForm::Promise}, {"letter", CaseForm::Letter},
      {"dispute", CaseForm::Dispute}, {"hold", CaseForm::Hold},       {"release", CaseForm::Release},
      {"case", CaseForm::Case}};
  if (j.contains("form")) {
    bool known = false;
    for (const auto& [name, form] : kForms)
      if (j["form"] == name) c.form = int(form), known = true;
    if (!known) return false;
  }
  auto set = [&](const char* key, auto& field) {
    if (!j.contains(key)) return true;
    if (!j[key].is_string() || j[key].get_ref<const std::string&>().size() >= sizeof field) return false;
    std::snprintf(field, sizeof field, "%s", j[key].get_ref<const std::string&>().c_str());
    return true;
  };
  if (!set("date", c.date) || !set("text", c.text) || !set("with", c.with) || !set("by", c.by) ||
      !set("amount", c.amount) || !set("until", c.until) || !set("next_step", c.next_step) ||
      !set("next_date", c.next_date))
    return false;
  if (j.contains("level")) {
    if (!j["level"].is_number_integer()) return false;
    c.level = j["level"].get<int>();
  }
  select_panel(state, "case");
  c.submit = j.value("submit", false);
  return true;
}

// The Case page opened on a customer (Customer tab, worklist, dashboard).
void show_case(State& state, arlab::Index customer) {
  state.customer.customer = customer;
  select_panel(state, "case");
}

}  // namespace app
