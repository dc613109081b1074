// panel_credit_file.cpp: the Collection tab's Credit file page: one customer's credit file as
// of the toolbar's date (core/credit_score.h's credit_file: grade, terms, limit and what is
// owed against it, the security required, the last and next review with the interval of its
// grade, the hold, the investigation notes) with its payment score beside the grade, part by
// part with its points and how each was measured; the "Record a review" form, which adds a
// review record (arlab::NewRecord, through the history: checked by core, undoable, saved);
// and the reviews that are due as of, every customer's, oldest first, a click away.
//
// [SECTION] State
// [SECTION] The credit file
// [SECTION] The review form
// [SECTION] Reviews due
// [SECTION] Page
// [SECTION] Scripts (credit_file_command, credit_file_status_json)
#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"
#include "app/panels.h"
#include "app/widgets.h"
#include "core/casefile.h"
#include "core/credit_score.h"
#include "imgui.h"
#include "io/credit_report.h"

namespace app {

namespace {

// ---- [SECTION] State -------------------------------------------------------------------

struct FileKey {
  uint64_t book = 0;
  arlab::Date as_of;
  arlab::Index customer = arlab::kNone;
  bool operator==(const FileKey&) const = default;
};

struct CreditFilePanel {
  // The file is computed when the book, the as-of date or the customer change, never per
  // frame (it reads the collection position of the whole book).
  Cached<arlab::CreditFile, FileKey> file;
  // Customers whose next review is on or before as of, oldest first: from the figures'
  // collection position (its case state), so it follows the book and the as-of date.
  Cached<std::vector<arlab::Index>, uint64_t> due;
  char customer_filter[48] = "";
  // The review form.
  char date[16] = "";
  char grade[24] = "";        // Longer than a grade may be: core names the field if it is.
  char limit[32] = "";        // Empty: the limit stays.
  int security = 0;           // arlab::Security.
  char next_review[16] = "";  // Empty: by the policy's months for the grade.
  char notes[1024] = "";
  char by[64] = "";
  std::vector<arlab::Problem> problems;
  std::string done;           // "Recorded: ..." after the last review recorded.
  bool submit = false;        // credit_file_command asked for Record (the next frame presses it).
  arlab::Index fields_customer = arlab::kNone;  // The customer the fields were filled for.
};

const char* const kSecurity[] = {"None", "Guarantee", "Prepayment"};

std::string money(const State& state, int64_t m) { return ui::money(state.book, m); }

const arlab::CreditFile& credit_file_of(State& state, CreditFilePanel& c, arlab::Index customer) {
  return c.file.get({state.book_generation, state.as_of, customer}, [&] {
    return arlab::credit_file(state.book, customer, state.as_of);
  });
}

std::string grade_text(const std::string& grade) { return grade.empty() ? "none" : grade; }

// ---- [SECTION] The credit file ---------------------------------------------------------

// A row of the facts table: its name, then what follows is drawn in the value cell.
void fact(const char* name) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ui::text_muted(name);
  ImGui::TableNextColumn();
}

std::string score_text(const arlab::PaymentScore& s) {
  if (s.enough_history) return "payment score " + std::to_string(s.score) + " / 100";
  return "payment score: not enough history (" + std::to_string(s.settled_count) + " settled, " +
         std::to_string(s.policy.min_settled) + " needed)";
}

void draw_facts(State& state, const arlab::CreditFile& f) {
  const ui::Palette& p = ui::palette();
  const arlab::Book& book = state.book;
  const arlab::Customer& cu = book.customers[f.customer];
  const arlab::PaymentScore& s = f.score;
  if (!ImGui::BeginTable("##cf_facts", 2, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("fact", ui::kFitColumn);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  fact("Grade");
  // The score beside the grade: the grade is a judgement, the score what the book says.
  ImGui::TextUnformatted(grade_text(f.grade).c_str());
  ImGui::SameLine(0, ui::px(16));
  ImVec4 color = !s.enough_history ? p.text_muted : s.score >= 70 ? p.good
                                                  : s.score >= 40 ? p.warn : p.bad;
  ui::text_fit_colored(color, score_text(s));
  fact("Terms");
  ImGui::Text("%d days", int(cu.terms_days));
  fact("Credit limit");
  ui::text_fit(f.credit.has_limit()
                   ? money(state, f.credit.limit_minor) + "  (owes " +
                         money(state, f.credit.owed_minor) + ", headroom " +
                         money(state, f.credit.headroom_minor) + ")"
                   : "none  (owes " + money(state, f.credit.owed_minor) + ")");
  fact("Security");
  ui::text_fit(f.security == arlab::Security::None
                   ? std::string("none required")
                   : std::string(kSecurity[int(f.security)]) + " required before delivery");
  fact("Last review");
  if (f.last_review == arlab::kNone) {
    ui::text_muted("never");
  } else {
    const arlab::CaseRecord& r = book.collection.records[f.last_review];
    ui::text_fit(arlab::format_date(r.date) + (r.by.empty() ? "" : " by " + r.by) + "  (" +
                 r.id + ")");
  }
  fact("Next review");
  std::string every = "grade " + grade_text(f.grade) + ": every " +
                      std::to_string(f.review_months) + " months";
  if (f.next_review == arlab::kNoDate) {
    ui::text_fit("none (no invoice yet); " + every);
  } else {
    ui::text_fit_colored(f.review_due ? p.warn : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                         arlab::format_date(f.next_review) + (f.review_due ? " (due)" : "") +
                             "; " + every);
  }
  fact("Hold");
  if (f.hold) ui::text_fit_colored(p.bad, "yes: " + f.hold_line);
  else ui::text_muted("no");
  if (!f.release_line.empty()) {
    fact("Released");
    ui::text_fit(f.release_line);
  }
  fact("Disputes");
  ui::text_fit(std::to_string(f.disputes_open) + " open, " + money(state, f.disputed_minor));
  fact("Promises");
  ui::text_fit("kept " + std::to_string(f.promises_kept) + ", broken " +
               std::to_string(f.promises_broken) + ", pending " +
               std::to_string(f.promises_pending));
  ImGui::EndTable();
}

std::string points(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return std::strcmp(buf, "-0.0") == 0 ? "0.0" : buf;
}

// The score part by part: what was measured, the points it gave, of how many.
void draw_score_parts(const arlab::PaymentScore& s) {
  ui::heading("How the payment score was computed");
  std::string assumptions = "Assumptions:\n";
  for (const std::string& a : arlab::score_assumptions()) assumptions += "- " + a + "\n";
  assumptions.pop_back();
  ui::help_marker(assumptions.c_str());
  ui::text_fit(arlab::format_date(s.window_from) + " .. " + arlab::format_date(s.as_of) + ": " +
               std::to_string(s.settled_count) + " settled, " +
               std::to_string(s.open_overdue_count) + " open past due");
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##cf_score", 4, flags)) return;
  ImGui::TableSetupColumn("Part", ui::kFitColumn);
  ImGui::TableSetupColumn("Measured", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Points", ui::kFitColumn);
  ImGui::TableSetupColumn("of", ui::kFitColumn);
  ui::headers_row();
  auto row = [](const std::string& part, const std::string& measure, const std::string& pts,
                const std::string& of) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(part.c_str());
    ImGui::TableNextColumn();
    ui::text_fit(measure);
    ImGui::TableNextColumn();
    ui::text_right(pts);
    ImGui::TableNextColumn();
    ui::text_right(of);
  };
  for (int k = 0; k < arlab::kScorePartCount; ++k) {
    auto part = static_cast<arlab::ScorePart>(k);
    row(arlab::score_part_name(part), arlab::score_part_measure(s, part), points(s.points[k]),
        points(arlab::kScorePartMax[k]));
  }
  row("promises",
      "broken " + std::to_string(s.promises_broken) + ", kept " +
          std::to_string(s.promises_kept) + " (" + points(-arlab::kPromisePoints) +
          " each, at most " + points(-arlab::kPromisePointsMax) + ")",
      points(s.promise_points), points(-arlab::kPromisePointsMax));
  row("total", s.enough_history ? "rounded: " + std::to_string(s.score) : "no score",
      points(s.total_points), "100.0");
  ImGui::EndTable();
}

// The review records' notes, newest first.
void draw_notes(State& state, const arlab::CreditFile& f) {
  ui::heading("Reviews and investigation notes");
  if (f.reviews.empty()) {
    ui::text_muted("No review recorded yet.");
    return;
  }
  for (auto it = f.reviews.rbegin(); it != f.reviews.rend(); ++it) {
    const arlab::CaseRecord& r = state.book.collection.records[*it];
    std::string line = arlab::format_date(r.date) + (r.by.empty() ? "" : " " + r.by) +
                       ": grade " + grade_text(r.grade) +
                       (r.amount_minor >= 0 ? ", limit " + money(state, r.amount_minor) : "") +
                       (r.security != arlab::Security::None
                            ? std::string(", ") + arlab::security_name(r.security) + " required"
                            : "") +
                       (r.until != arlab::kNoDate ? ", next " + arlab::format_date(r.until) : "");
    ImGui::TextColored(ui::palette().accent, "%s", r.id.c_str());
    ImGui::SameLine();
    ui::text_fit(line);
    if (!r.text.empty()) {
      ImGui::Indent();
      ImGui::TextWrapped("%s", r.text.c_str());
      ImGui::Unindent();
    }
  }
}

// ---- [SECTION] The review form ---------------------------------------------------------

constexpr float kLabel = 110;

void label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(ui::px(kLabel));
}

template <size_t N>
void text_field(const char* name, const char* id, char (&buf)[N], const char* hint) {
  label(name);
  ImGui::SetNextItemWidth(std::max(ui::px(120), ImGui::GetContentRegionAvail().x));
  ImGui::InputTextWithHint(id, hint, buf, N);
}

// The form's defaults for a customer: today, its grade and security as they are.
void fill_defaults(State& state, CreditFilePanel& c, const arlab::CreditFile& f) {
  std::snprintf(c.date, sizeof c.date, "%s", arlab::format_date(state.today).c_str());
  std::snprintf(c.grade, sizeof c.grade, "%s", f.grade.c_str());
  c.limit[0] = c.next_review[0] = c.notes[0] = '\0';
  c.security = int(f.security);
  c.problems.clear();
  c.done.clear();
  c.fields_customer = f.customer;
}

// A problem's place "collection.records[12].until" as the form's field name.
std::string field_of(const std::string& place) {
  size_t dot = place.rfind('.');
  std::string member = dot == std::string::npos ? place : place.substr(dot + 1);
  if (member == "date") return "Date";
  if (member == "grade") return "Grade";
  if (member == "amount") return "New limit";
  if (member == "until") return "Next review";
  if (member == "text") return "Notes";
  if (member == "by") return "By";
  if (member == "customer") return "Customer";
  return member;
}

std::string trimmed(const char* text) {
  std::string s = text;
  size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// The review record of the form; false (problems filled) if a field is wrong.
bool build_review(State& state, CreditFilePanel& c, arlab::Index customer, arlab::NewRecord* out) {
  c.problems.clear();
  arlab::CaseRecord& r = out->record;
  out->customer_id = state.book.customers[customer].id;
  r.kind = arlab::RecordKind::Review;
  if (!arlab::parse_date(trimmed(c.date), &r.date))
    c.problems.push_back({"Date", std::string("not a date YYYY-MM-DD: \"") + c.date + "\""});
  r.grade = trimmed(c.grade);
  r.amount_minor = -1;  // Unchanged.
  if (!trimmed(c.limit).empty()) {
    std::string why;
    if (!ui::parse_user_amount(state.book, c.limit, &r.amount_minor, &why, true)) {
      c.problems.push_back({"New limit", why + " (empty: the limit stays as it is)"});
    }
  }
  r.security = arlab::Security(std::clamp(c.security, 0, 2));
  if (!trimmed(c.next_review).empty() && !arlab::parse_date(trimmed(c.next_review), &r.until)) {
    c.problems.push_back({"Next review", std::string("not a date YYYY-MM-DD: \"") +
                                             c.next_review + "\" (empty: by the policy)"});
  }
  r.text = c.notes;
  r.by = trimmed(c.by);
  return c.problems.empty();
}

void record_review(State& state, CreditFilePanel& c, arlab::Index customer) {
  arlab::NewRecord rec;
  if (!build_review(state, c, customer, &rec)) return;
  const arlab::Edit edit{rec};
  if (!apply_edit(state, edit, &c.problems)) {
    for (arlab::Problem& pr : c.problems) pr.place = field_of(pr.place);
    return;
  }
  const arlab::CaseRecord& added = state.book.collection.records.back();
  c.done = "Recorded: " + arlab::describe(edit, state.book);
  if (added.date > state.as_of) c.done += " (dated after the as-of date: it shows from then on)";
  c.limit[0] = c.next_review[0] = c.notes[0] = '\0';
}

void draw_review_form(State& state, CreditFilePanel& c, arlab::Index customer) {
  const ui::Palette& p = ui::palette();
  ui::heading("Record a review");
  text_field("Date", "##cf_date", c.date, "YYYY-MM-DD");
  const std::vector<arlab::GradeReview>& grades = state.book.collection.policy.reviews;
  std::string hint = "empty: no grade";
  for (const arlab::GradeReview& g : grades)
    if (!g.grade.empty()) hint += (hint.size() > 15 ? ", " : "; the policy's: ") + g.grade;
  ui::mark("credit-grade");
  text_field("Grade", "##cf_grade", c.grade, hint.c_str());
  text_field("New limit", "##cf_limit", c.limit, "empty: unchanged");
  label("Security");
  ImGui::SetNextItemWidth(std::max(ui::px(120), ImGui::GetContentRegionAvail().x));
  ImGui::Combo("##cf_security", &c.security, kSecurity, 3);
  text_field("Next review", "##cf_next", c.next_review, "empty: by the policy");
  // What "by the policy" gives for the date and grade typed.
  arlab::Date date;
  if (!c.next_review[0] && arlab::parse_date(trimmed(c.date), &date)) {
    int32_t months = state.book.collection.policy.review_months(trimmed(c.grade));
    ui::text_fit_colored(p.text_muted, "By the policy: every " + std::to_string(months) +
                                           " months, next " +
                                           arlab::format_date(arlab::add_months(date, months)));
  }
  text_field("Notes", "##cf_notes", c.notes, "what the investigation found");
  text_field("By", "##cf_by", c.by, "who reviewed");
  ui::mark("credit-record");
  const bool pressed = ImGui::Button("Record the review") || c.submit;
  c.submit = false;
  if (pressed) record_review(state, c, customer);
  if (!c.done.empty()) ui::text_fit_colored(p.good, c.done);
  ui::problems_list(c.problems);
}

// ---- [SECTION] Reviews due -------------------------------------------------------------

const std::vector<arlab::Index>& reviews_due(State& state, CreditFilePanel& c) {
  return c.due.get(state.figures.generation, [&] {
    const std::vector<arlab::CustomerCaseState>& cs = state.figures.position.cases.customers;
    std::vector<arlab::Index> due;
    for (size_t k = 0; k < cs.size(); ++k)
      if (cs[k].next_review != arlab::kNoDate && cs[k].next_review <= state.as_of)
        due.push_back(arlab::Index(k));
    std::stable_sort(due.begin(), due.end(), [&](arlab::Index a, arlab::Index b) {
      return cs[a].next_review < cs[b].next_review;
    });
    return due;
  });
}

void draw_reviews_due(State& state, CreditFilePanel& c, arlab::Index* customer) {
  const std::vector<arlab::Index>& due = reviews_due(state, c);
  ui::heading(("Reviews due (" + std::to_string(due.size()) + ")").c_str());
  ui::help_marker("Every customer whose next review is on or before the as-of date, the "
                  "oldest first: by its last review, else the policy's months for its grade "
                  "after its first invoice. Click one to open its credit file.");
  if (due.empty()) {
    ui::text_muted("None as of this date.");
    return;
  }
  const std::vector<arlab::CustomerCaseState>& cs = state.figures.position.cases.customers;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetFrameHeight() * 5);
  ui::mark("credit-reviews-due");
  if (!ImGui::BeginTable("##cf_due", 4, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Grade", ui::kFitColumn);
  ImGui::TableSetupColumn("Due since", ui::kFitColumn);
  ImGui::TableSetupColumn("Open", ui::kFitColumn);
  ui::headers_row();
  ui::clipped_rows(due.size(), [&](size_t r) {
    const arlab::Index k = due[r];
    const arlab::Customer& cu = state.book.customers[k];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ui::selectable_fit(cu.name + "  (" + cu.id + ")", *customer == k,
                           ImGuiSelectableFlags_SpanAllColumns))
      *customer = k;
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(grade_text(cs[k].grade).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(arlab::format_date(cs[k].next_review).c_str());
    ImGui::TableNextColumn();
    ui::money_cell(state.book, state.figures.customers[k].open_minor);
  });
  ImGui::EndTable();
}

}  // namespace

// ---- [SECTION] Page --------------------------------------------------------------------

void draw_credit_file(State& state) {
  CreditFilePanel& c = panel_state<CreditFilePanel>(state);
  const arlab::Book& book = state.book;
  if (book.customers.empty()) {
    ui::text_muted("No customers yet: add one in New entry > Customer.");
    return;
  }
  arlab::Index& customer = state.customer.customer;
  if (customer == arlab::kNone || customer >= book.customers.size()) customer = 0;
  int picked = int(customer);
  ui::mark("credit-customer");
  if (ui::customer_combo("Customer##credit", book, &picked, c.customer_filter,
                         sizeof c.customer_filter, ui::px(320)))
    customer = arlab::Index(picked);
  const arlab::CreditFile& f = credit_file_of(state, c, customer);
  if (c.fields_customer != customer) fill_defaults(state, c, f);
  ui::same_line_if_fits(ui::px(200));
  if (ImGui::SmallButton("Case page")) show_case(state, customer);
  ui::same_line_if_fits(ui::px(200));
  if (ImGui::SmallButton("Customer tab")) select_customer(state, customer);
  ImGui::Separator();
  ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp |
                          ImGuiTableFlags_BordersInnerV;
  ImVec2 room = ImGui::GetContentRegionAvail();
  room.y -= ImGui::GetStyle().ItemSpacing.y;  // No scroll bar for the page itself.
  if (!ImGui::BeginTable("##cf_layout", 2, flags, room)) return;
  ImGui::TableSetupColumn("file", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("review", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  if (ImGui::BeginChild("##cf_file", ImVec2(0, ImGui::GetContentRegionAvail().y))) {
    draw_facts(state, f);
    ImGui::Spacing();
    draw_score_parts(f.score);
    ImGui::Spacing();
    draw_notes(state, f);
  }
  ImGui::EndChild();
  ImGui::TableNextColumn();
  if (ImGui::BeginChild("##cf_side", ImVec2(0, ImGui::GetContentRegionAvail().y))) {
    draw_review_form(state, c, customer);
    ImGui::Spacing();
    ImGui::Separator();
    draw_reviews_due(state, c, &customer);
  }
  ImGui::EndChild();
  ImGui::EndTable();
}

// ---- [SECTION] Scripts -----------------------------------------------------------------

bool credit_file_command(State& state, std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  CreditFilePanel& c = panel_state<CreditFilePanel>(state);
  if (j.contains("customer")) {
    if (!j["customer"].is_string()) return false;
    arlab::Index customer = arlab::find_customer(state.book, j["customer"].get<std::string>());
    if (customer == arlab::kNone) return false;
    state.customer.customer = customer;
    fill_defaults(state, c, credit_file_of(state, c, customer));
  }
  auto set = [&](const char* key, auto& field) {
    if (!j.contains(key)) return true;
    if (!j[key].is_string() || j[key].get_ref<const std::string&>().size() >= sizeof field)
      return false;
    std::snprintf(field, sizeof field, "%s", j[key].get_ref<const std::string&>().c_str());
    return true;
  };
  if (!set("date", c.date) || !set("grade", c.grade) || !set("limit", c.limit) ||
      !set("next_review", c.next_review) || !set("notes", c.notes) || !set("by", c.by))
    return false;
  if (j.contains("security")) {
    arlab::Security s;
    if (!j["security"].is_string() || !arlab::parse_security(j["security"].get<std::string>(), &s))
      return false;
    c.security = int(s);
  }
  select_panel(state, "credit-file");
  c.submit = j.value("submit", false);
  return true;
}

std::string credit_file_status_json(const State& state) {
  nlohmann::json j = nlohmann::json::object();
  const CreditFilePanel* c = find_panel_state<CreditFilePanel>(state);
  if (!c) return j.dump();
  if (const FileKey* key = c->file.key(); key && key->customer < state.book.customers.size()) {
    const arlab::CreditFile& f = c->file.value();
    j["customer"] = state.book.customers[key->customer].id;
    j["as_of"] = arlab::format_date(key->as_of);
    j["grade"] = f.grade;
    j["limit"] = f.credit.has_limit() ? nlohmann::json(f.credit.limit_minor) : nlohmann::json();
    j["next_review"] = f.next_review == arlab::kNoDate ? "" : arlab::format_date(f.next_review);
    j["review_months"] = f.review_months;
    j["security"] = arlab::security_name(f.security);
    j["reviews"] = f.reviews.size();
    j["score"] = f.score.score;
  }
  nlohmann::json due = nlohmann::json::array();
  for (arlab::Index k : c->due.value())
    if (k < state.book.customers.size()) due.push_back(state.book.customers[k].id);
  j["reviews_due"] = due;
  nlohmann::json problems = nlohmann::json::array();
  for (const arlab::Problem& p : c->problems) problems.push_back(p.place + ": " + p.message);
  j["problems"] = problems;
  j["done"] = c->done;
  return j.dump();
}

}  // namespace app
