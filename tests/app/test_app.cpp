// test_app.cpp: headless smoke test of the UI (no window, no GL), like imgui's
// examples/example_null: create a context, build the font atlas, then app::init and
// app::frame for ~60 frames with every panel brought to the front, forms submitted and
// shortcuts pressed. Expected figures are worked out by hand from the book below.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cfloat>
#include <cstring>
#include <map>
#include <set>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"
#include "app/key_taps.h"
#include "app/markdown.h"
#include "app/shortcuts.h"
#include "app/wheel.h"
#include "app/widgets.h"
#include "assets/ibm_ar_map.h"
#include "assets/commission_plans.h"
#include "assets/sample_book.h"
#include "assets/docs.h"
#include "assets/scenarios.h"
#include "core/case_view.h"
#include "core/commission.h"
#include "core/date.h"
#include "imgui.h"
#include "imgui_internal.h"  // FindWindowByName: the Help window's and popups' rectangles.
#include "io/book_json.h"
#include "io/commission_plan.h"
#include "io/commission_report.h"
#include "io/scenario_json.h"
#include "platform_fake.h"

namespace {

void set(char* buffer, size_t size, const char* text) { std::snprintf(buffer, size, "%s", text); }

// Two customers; as-of = the last document date, 2025-03-20.
//   INV-1 C1 2025-01-01, due +30 = 2025-01-31, 1000.00; P-1 (auto) takes 400.00 -> open 600.00,
//         48 days past due (28 to Feb 28, 20 to Mar 20) -> "31-60"; C1's limit is 30/3 = 10
//         days, so C1 is in the clearing period.
//   INV-2 C1 2025-02-15, due 2025-03-17, 500.00 -> 3 days -> "1-30".
//   INV-3 C2 2025-03-01, due +60 = 2025-04-30, 2000.00 -> current.
// Open 3100.00, overdue 1100.00, unapplied 0.00.
const char* kBook = R"({
  "format": "arlab-book/1", "currency": "USD",
  "salespeople": [ {"id": "S1", "name": "Ann Lee"} ],
  "customers": [
    {"id": "C1", "name": "Acme", "salesperson": "S1", "terms_days": 30, "credit_limit": "10000.00"},
    {"id": "C2", "name": "Beta", "terms_days": 60} ],
  "invoices": [
    {"id": "INV-1", "customer": "C1", "date": "2025-01-01", "amount": "1000.00"},
    {"id": "INV-2", "customer": "C1", "date": "2025-02-15", "amount": "500.00"},
    {"id": "INV-3", "customer": "C2", "date": "2025-03-01", "amount": "2000.00"} ],
  "payments": [ {"id": "P-1", "customer": "C1", "date": "2025-03-20", "amount": "400.00"} ]
})";

// The fake platform's today in every test (Ui sets it): kBook's last document date.
const arlab::Date kToday = arlab::date_from_ymd(2025, 3, 20);

// A negative amount: the loader refuses the whole file.
const char* kBadBook = R"({
  "format": "arlab-book/1", "currency": "USD",
  "customers": [ {"id": "C1", "name": "Acme"} ],
  "invoices": [ {"id": "INV-1", "customer": "C1", "date": "2025-01-01", "amount": "-5.00"} ]
})";

struct Ui {
  // A new session. Settings (the plan slots kept by platform::save_setting) start empty, unless
  // `keep_settings`: then they are what the last Ui saved, as files outlive a session.
  explicit Ui(bool keep_settings = false, arlab::Date today = kToday) {
    if (!keep_settings) app::platform::fake().settings.clear();
    // Today is pinned (kBook's last document date by default), so that a book opened as of
    // today has the figures worked out below; the sample opens moved to end on this day too.
    app::platform::fake().today = today;
    ImGui::CreateContext();
    state = app::create_state();
    app::init(*state);  // Sets the font scale and theme before the atlas is built.
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~Ui() {
    app::shutdown(*state);
    state.reset();
    ImGui::DestroyContext();
  }
  void frames(int n) {
    ImGuiIO& io = ImGui::GetIO();
    for (int k = 0; k < n; ++k) {
      io.DisplaySize = ImVec2(1440, 900);
      io.DeltaTime = 1.0f / 60.0f;
      // Sweep the mouse across the screen so hover paths (tooltips, chart) run too.
      io.MousePos = ImVec2(float((frame_index * 97) % 1440), float((frame_index * 53) % 900));
      ++frame_index;
      ImGui::NewFrame();
      app::frame(*state);
      ImGui::Render();
    }
  }
  // One frame with Ctrl + `key` down, then one with it released.
  void ctrl(char key, bool shift = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeyShift = shift;
    io.KeysDown[static_cast<int>(key)] = true;
    frames(1);
    io.KeysDown[static_cast<int>(key)] = false;
    io.KeyCtrl = io.KeyShift = false;
    frames(1);
  }
  void show(std::string_view panel) {  // A tab's id (app/panels.cpp), e.g. app::Tab::Forms.
    state->select_tab = panel;
    frames(3);  // A tab selected by code shows on the next frame.
  }
  void show_form(app::FormKind kind) {
    state->forms.kind = static_cast<int>(kind);
    state->forms.select_kind = true;
    show(app::Tab::Forms);
  }
  // Brings a form to the front with the fields every document form has filled in.
  template <typename Form>
  Form& fill(app::FormKind kind, Form& f, const char* id, int customer, const char* date,
             const char* amount) {
    show_form(kind);
    set(f.id, sizeof f.id, id);
    f.customer = customer;
    set(f.date, sizeof f.date, date);
    set(f.amount, sizeof f.amount, amount);
    return f;
  }
  // Submits the form in front on the next frame, as its button would.
  void submit() {
    state->forms.submit_requested = true;
    frames(2);
  }
  nlohmann::json summary() const { return nlohmann::json::parse(app::query_summary_json(*state)); }

  std::unique_ptr<app::State, void (*)(app::State*)> state{nullptr, nullptr};
  int frame_index = 0;
};

}  // namespace

TEST_CASE("opens on the embedded sample book") {
  Ui ui;
  ui.frames(5);
  nlohmann::json s = ui.summary();
  CHECK(s["keyboard_nav"] == true);  // app::init turns it on for every shell.
  CHECK(s["book"] == "sample");
  CHECK(s["invoices"].get<int>() > 0);
  CHECK(s["customers"].get<int>() > 0);
  CHECK(s["can_undo"] == false);
  CHECK(s["buckets"].size() == 5);
  for (const app::PanelDef& panel : app::panels()) {
    if (panel.place == app::PanelPlace::Tab) ui.show(panel.id);  // Every tab draws on the sample.
  }
}

TEST_CASE("a valid book replaces the current one; a bad one leaves it as it was") {
  Ui ui;
  ui.frames(2);
  int saves = app::platform::fake().save_count;
  REQUIRE(app::open_book_text(*ui.state, "test.json", kBook));
  CHECK(app::platform::fake().save_count == saves + 1);  // Opened books are saved.
  ui.frames(2);
  nlohmann::json s = ui.summary();
  CHECK(s["book"] == "test.json");
  CHECK(s["as_of"] == "2025-03-20");
  CHECK(s["invoices"] == 3);
  CHECK(s["customers"] == 2);
  CHECK(s["open"] == "3100.00");
  CHECK(s["overdue"] == "1100.00");
  CHECK(s["unapplied"] == "0.00");
  CHECK(s["buckets"] == nlohmann::json({"2000.00", "500.00", "600.00", "0.00", "0.00"}));
  CHECK(ui.state->figures.customers[0].stage == app::Stage::Clearing);
  CHECK(ui.state->figures.customers[0].days_overdue_max == 48);
  CHECK(ui.state->figures.customers[1].stage == app::Stage::Credit);

  CHECK_FALSE(app::open_book_text(*ui.state, "bad.json", kBadBook));
  ui.frames(2);
  CHECK(ui.summary()["open"] == "3100.00");
  CHECK(ui.summary()["book"] == "test.json");
  REQUIRE_FALSE(ui.state->problems.empty());
  CHECK(ui.state->problems_file == "bad.json");
  CHECK(ui.state->problems[0].place.find("invoices[0]") == 0);
}

// The book of issue 9, written under the old rule: W-1 (25 March) asks 700.00 of INV-1, but
// P-1 (20 March) already took 400.00 of its 1000.00 in date order: 600.00 open.
const char* kOldRuleBook = R"({"format": "arlab-book/1", "currency": "USD",
 "customers": [{"id": "C1", "name": "Acme", "terms_days": 30}],
 "invoices": [{"id": "INV-1", "customer": "C1", "date": "2025-01-01", "amount": "1000.00"}],
 "payments": [{"id": "P-1", "customer": "C1", "date": "2025-03-20", "amount": "400.00"}],
 "write_offs": [{"id": "W-1", "invoice": "INV-1", "date": "2025-03-25", "amount": "700.00"}]})";

TEST_CASE("a saved book the date-order rule refuses is kept as it was, never saved over") {
  app::platform::FakePlatform& fake = app::platform::fake();
  fake.saved_at_start = std::string(kOldRuleBook);
  int saves = fake.save_count;
  {
    Ui ui;
    ui.frames(3);
    CHECK(ui.summary()["book"] == "sample");  // Something to look at...
    CHECK(ui.state->held_saved_book == kOldRuleBook);  // ...and the saved book held.
    REQUIRE(ui.state->held_problems.size() == 1);
    CHECK(ui.state->held_problems[0].place == "write_offs[0].amount");
    CHECK(ui.state->held_problems[0].message ==
          "INV-1 has 600.00 open on 2025-03-25 (P-1 paid 400.00 on 2025-03-20); this write-off "
          "asks 700.00: ask at most 600.00");
    CHECK(ui.state->problems_file == "saved book");  // The list shown, as the CLI prints it.
    CHECK(arlab::date_order_advice(ui.state->problems).find("date order") != std::string::npos);
    // Neither the sample, nor an edit, nor an opened book is saved over it.
    REQUIRE(app::open_book_text(*ui.state, "test.json", kBook));
    app::InvoiceForm& f = ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-9", 0,
                                  "2025-03-20", "10.00");
    set(f.override_reason, sizeof f.override_reason, "agreed");  // Acme is on hold.
    ui.submit();
    CHECK(ui.summary()["invoices"] == 4);
    ui.show(app::Tab::Storage);
    CHECK(fake.save_count == saves);
    // Export gives it back byte for byte.
    app::export_held_book(*ui.state);
    CHECK(fake.exported["saved-book.json"] == kOldRuleBook);
    CHECK(fake.save_count == saves);
    // Only the explicit choice saves the open book in its place.
    app::release_held_book(*ui.state);
    CHECK(ui.state->held_saved_book.empty());
    CHECK(fake.save_count == saves + 1);
    CHECK(arlab::read_book_json(fake.last_saved).book.invoices.size() == 4);
  }
  fake.saved_at_start.reset();
}

// Opens the test book and draws every panel once, then drills down to Acme.
static void open_test_book(Ui& ui) {
  REQUIRE(app::open_book_text(*ui.state, "test.json", kBook));
  for (const app::PanelDef& panel : app::panels()) {
    if (panel.place == app::PanelPlace::Tab) ui.show(panel.id);
  }
  app::select_customer(*ui.state, 0);
  ui.frames(3);
}

TEST_CASE("forms: new invoice, undo, redo") {
  Ui ui;
  open_test_book(ui);
  // Beta (customer 1): due 2025-03-20 + 60 days, current.
  ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-9", 1, "2025-03-20", "250.00");
  int saves = app::platform::fake().save_count;
  ui.submit();
  CHECK(ui.state->forms.problems.empty());
  CHECK(app::platform::fake().save_count == saves + 1);
  nlohmann::json s = ui.summary();
  CHECK(s["invoices"] == 4);
  CHECK(s["open"] == "3350.00");
  CHECK(s["buckets"][0] == "2250.00");
  CHECK(s["can_undo"] == true);

  ui.ctrl('Z');
  CHECK(ui.summary()["invoices"] == 3);
  CHECK(ui.summary()["open"] == "3100.00");
  CHECK(ui.summary()["can_undo"] == false);
  CHECK(app::platform::fake().save_count == saves + 2);  // Undo saves too.
  ui.ctrl('Y');
  CHECK(ui.summary()["open"] == "3350.00");
  ui.ctrl('Z');
  ui.ctrl('Z', true);  // Ctrl+Shift+Z redoes as well.
  CHECK(ui.summary()["open"] == "3350.00");
  ui.show(app::Tab::History);
}

TEST_CASE("forms: payment with an explicit allocation") {
  Ui ui;
  open_test_book(ui);
  app::ReceiptForm& f =
      ui.fill(app::FormKind::Payment, ui.state->forms.payment, "P-9", 0, "2025-03-20", "500.00");
  ui.frames(2);  // Lists Acme's open invoices as of the date: INV-1, INV-2.
  REQUIRE(f.invoices.size() == 2);
  size_t row = ui.state->book.str(ui.state->book.invoices[f.invoices[1]].id) == "INV-2" ? 1 : 0;
  set(f.allocations[row].data(), f.allocations[row].size(), "500.00");
  ui.submit();
  CHECK(ui.state->forms.problems.empty());
  // INV-2 paid in full; INV-1 keeps 600.00 overdue.
  nlohmann::json s = ui.summary();
  CHECK(s["open"] == "2600.00");
  CHECK(s["overdue"] == "600.00");
  CHECK(s["buckets"] == nlohmann::json({"2000.00", "0.00", "600.00", "0.00", "0.00"}));
}

TEST_CASE("forms: a write-off larger than the invoice is refused, the book unchanged") {
  Ui ui;
  open_test_book(ui);
  app::WriteOffForm& f =
      ui.fill(app::FormKind::WriteOff, ui.state->forms.write_off, "W-9", 0, "2025-03-20",
              "1200.00");
  f.invoice = 0;  // INV-1: 1000.00, of which P-1 took 400.00 the same day: 600.00 open.
  set(f.approved_by, sizeof f.approved_by, "CFO");  // Above the 1,000.00 approval threshold.
  int saves = app::platform::fake().save_count;
  ui.submit();
  REQUIRE(ui.state->forms.problems.size() == 1);
  CHECK(ui.state->forms.problems[0].place == "amount");  // The form's field, not write_offs[0].
  CHECK(ui.state->forms.problems[0].message ==  // Shown under Amount, naming it.
        "Amount: INV-1 has 600.00 open on 2025-03-20 (P-1 paid 400.00 on 2025-03-20); this "
        "write-off asks 1200.00: ask at most 600.00");
  CHECK(app::platform::fake().save_count == saves);
  CHECK(ui.summary()["open"] == "3100.00");
  CHECK(ui.summary()["can_undo"] == false);
}

TEST_CASE("forms: a bad amount is caught by the form before the book sees it") {
  Ui ui;
  open_test_book(ui);
  ui.show_form(app::FormKind::Invoice);
  app::InvoiceForm& f = ui.state->forms.invoice;
  f.customer = 0;
  set(f.amount, sizeof f.amount, "12.345");
  set(f.override_reason, sizeof f.override_reason, "agreed");  // Acme is on hold.
  ui.submit();
  REQUIRE(ui.state->forms.problems.size() == 1);
  CHECK(ui.state->forms.problems[0].place == "amount");
  CHECK(ui.summary()["invoices"] == 3);
}

TEST_CASE("the as-of date recomputes everything") {
  Ui ui;
  REQUIRE(app::open_book_text(*ui.state, "test.json", kBook));
  ui.frames(2);
  // As of 2025-02-10 only INV-1 exists (P-1 does not yet): 1000.00, 10 days past due.
  app::set_as_of(*ui.state, arlab::date_from_ymd(2025, 2, 10));
  ui.show(app::Tab::Invoices);
  nlohmann::json s = ui.summary();
  CHECK(s["as_of"] == "2025-02-10");
  CHECK(s["open"] == "1000.00");
  CHECK(s["overdue"] == "1000.00");
  CHECK(s["buckets"] == nlohmann::json({"0.00", "1000.00", "0.00", "0.00", "0.00"}));
  CHECK(ui.state->invoices.rows.size() == 1);
  CHECK(ui.state->invoices.hidden_later == 2);
  // Exactly at the limit (10 days = 30 / 3) is still the coordination period.
  CHECK(ui.state->figures.customers[0].stage == app::Stage::Coordination);
}

TEST_CASE("history: two changes and an undo are listed as the panel shows them") {
  Ui ui;
  open_test_book(ui);
  std::vector<arlab::Problem> problems;
  arlab::NewInvoice invoice{"INV-9", "C2", arlab::date_from_ymd(2025, 3, 20), std::nullopt,
                            125000};
  REQUIRE(app::apply_edit(*ui.state, arlab::Edit{invoice}, &problems));
  arlab::NewReceipt payment;
  payment.id = "P-9";
  payment.customer_id = "C1";
  payment.date = arlab::date_from_ymd(2025, 3, 20);
  payment.amount_minor = 50000;
  REQUIRE(app::apply_edit(*ui.state, arlab::Edit{payment}, &problems));
  app::undo(*ui.state);
  ui.show(app::Tab::History);

  // Amounts grouped by thousands, the customer by name and id (edit.h, describe).
  std::vector<app::HistoryLine> lines = app::history_lines(*ui.state);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == "Invoice INV-9 to Beta (C2): 1,250.00 on 2025-03-20");
  CHECK(lines[0].applied);
  CHECK(lines[1].text == "Payment P-9 from Acme (C1): 500.00 on 2025-03-20");
  CHECK_FALSE(lines[1].applied);
  CHECK(ui.summary()["status"] == "Undone: " + lines[1].text);
  // 3100.00 + 1250.00; the undone payment counts for nothing.
  CHECK(ui.summary()["open"] == "4350.00");
  CHECK(ui.summary()["can_redo"] == true);

  ui.ctrl('Y');
  CHECK(app::history_lines(*ui.state)[1].applied);
  CHECK(ui.summary()["open"] == "3850.00");
}

TEST_CASE("forms: new customer, its rules, and undo") {
  Ui ui;
  open_test_book(ui);
  // The practice's hard limit: one third of the terms past due.
  CHECK(arlab::one_third_limit(30) == 10);
  CHECK(arlab::one_third_limit(60) == 20);
  CHECK(arlab::one_third_limit(45) == 15);
  ui.show_form(app::FormKind::Customer);
  app::CustomerForm& f = ui.state->forms.customer;
  CHECK(f.terms_days == 30);  // The format's default.
  CHECK(std::string(f.id) == "C3");  // Next after C2.
  set(f.name, sizeof f.name, "Gamma");
  f.salesperson = 0;
  f.terms_days = 45;
  set(f.credit_limit, sizeof f.credit_limit, "5,000.00");
  ui.submit();
  CHECK(ui.state->forms.problems.empty());
  REQUIRE(ui.state->book.customers.size() == 3);
  const arlab::Customer& c = ui.state->book.customers[2];
  CHECK(c.id == "C3");
  CHECK(c.name == "Gamma");
  CHECK(c.salesperson == 0);
  CHECK(c.terms_days == 45);
  CHECK(c.credit_limit_minor == 500000);
  CHECK(app::history_lines(*ui.state).back().text == "New customer C3 (Gamma)");

  SUBCASE("a duplicate id is refused by the book's rules, nothing saved") {
    int saves = app::platform::fake().save_count;
    set(f.id, sizeof f.id, "C1");
    set(f.name, sizeof f.name, "Acme again");
    ui.submit();
    CHECK_FALSE(ui.state->forms.problems.empty());
    CHECK(ui.state->book.customers.size() == 3);
    CHECK(app::platform::fake().save_count == saves);
  }
  SUBCASE("terms beyond 3650 days are refused at the terms") {
    set(f.id, sizeof f.id, "C4");
    set(f.name, sizeof f.name, "Delta");
    f.terms_days = 4000;
    ui.submit();
    REQUIRE(ui.state->forms.problems.size() == 1);
    CHECK(ui.state->forms.problems[0].place == "terms_days");  // The field of the form.
    CHECK(ui.state->book.customers.size() == 3);
  }
  SUBCASE("a missing name and a bad limit are caught by the form") {
    set(f.id, sizeof f.id, "C4");
    f.name[0] = '\0';
    set(f.credit_limit, sizeof f.credit_limit, "-1");
    ui.submit();
    REQUIRE(ui.state->forms.problems.size() == 2);
    CHECK(ui.state->forms.problems[0].place == "name");
    CHECK(ui.state->forms.problems[1].place == "credit_limit");
  }
  SUBCASE("undo removes it, and the drill-down looking at it moves back") {
    app::select_customer(*ui.state, 2);
    ui.state->forms.invoice.customer = 2;
    ui.frames(2);
    ui.ctrl('Z');
    CHECK(ui.state->book.customers.size() == 2);
    CHECK(ui.state->customer.customer == 0);
    CHECK(ui.state->forms.invoice.customer == -1);  // Forgotten...
    ui.show(app::Tab::Forms);
    CHECK(ui.state->forms.invoice.customer == 0);   // ...then follows the drill-down again.
  }
}

TEST_CASE("the UI scale and the theme compose") {
  Ui ui;
  ui.frames(2);
  ImGuiStyle& style = ImGui::GetStyle();
  float frame_padding_x = style.FramePadding.x;  // The app's own at scale 1.
  float font_scale = ImGui::GetIO().FontGlobalScale;
  app::set_ui_scale(*ui.state, 2.0f);
  ui.frames(2);
  CHECK(style.FramePadding.x == doctest::Approx(2 * frame_padding_x));
  CHECK(ImGui::GetIO().FontGlobalScale == doctest::Approx(2 * font_scale));
  ui.state->light_theme = true;  // What View > Light theme does.
  ui.state->theme_applied = false;
  ui.frames(2);
  CHECK(style.FramePadding.x == doctest::Approx(2 * frame_padding_x));
  CHECK(ImGui::GetIO().FontGlobalScale == doctest::Approx(2 * font_scale));
  CHECK(style.Colors[ImGuiCol_WindowBg].x > 0.5f);  // Light.
  app::set_ui_scale(*ui.state, 1.0f);  // Back to 1: nothing compounds.
  CHECK(style.FramePadding.x == doctest::Approx(frame_padding_x));
  CHECK(ImGui::GetIO().FontGlobalScale == doctest::Approx(font_scale));
}

TEST_CASE("metrics tab: cached figures worked out by hand") {
  Ui ui;
  REQUIRE(app::open_book_text(*ui.state, "test.json", kBook));
  ui.show(app::Tab::Metrics);
  const app::MetricsPanel& m = ui.state->metrics;
  // Last 12 months ending at as-of 2025-03-20: 2024-04-01 .. 2025-03-20 = 275 days (Apr-Dec)
  // + 79 (31 + 28 + 20) = 354. Sales 3500.00, open at end 3100.00 (current 2000.00).
  CHECK(arlab::format_date(m.built_from) == "2024-04-01");
  CHECK(arlab::format_date(m.built_to) == "2025-03-20");
  CHECK(m.total.days == 354);
  REQUIRE(m.total.dso);
  CHECK(*m.total.dso == doctest::Approx(3100.0 / 3500.0 * 354).epsilon(1e-12));  // 313.54
  // CEI = (0 + 3500 - 3100) / (0 + 3500 - 2000) x 100 = 26.67.
  REQUIRE(m.total.cei);
  CHECK(*m.total.cei == doctest::Approx(400.0 / 1500.0 * 100).epsilon(1e-12));
  // Countback: Mar 1-20 sales 2000 (rest 1100, 20 d), Feb 500 (rest 600, 48 d),
  // Jan 1000: 48 + 600 / 1000 x 31 = 66.6 days.
  REQUIRE(m.total.countback_dso);
  CHECK(*m.total.countback_dso == doctest::Approx(66.6).epsilon(1e-12));
  // Interest at 8%: (600.00 x 48 + 500.00 x 3) x 0.08 / 365 = 6.6411 -> 6.64.
  CHECK(m.total.interest_cost_minor == 664);
  // Months: 2024-04 .. 2025-03. Feb 2025: sales 500.00, open 1500.00 at Feb 28, 28 days:
  // DSO 84; aging at Feb 28: INV-1 28 days past due (1-30), INV-2 current.
  REQUIRE(m.months.size() == 12);
  CHECK(m.months[10].key == "2025-02");
  REQUIRE(m.months[10].metrics.dso);
  CHECK(*m.months[10].metrics.dso == doctest::Approx(84.0).epsilon(1e-12));
  REQUIRE(m.month_buckets_minor.size() == 12);
  CHECK(m.month_buckets_minor[10] == std::vector<int64_t>{50000, 100000, 0, 0, 0});
  CHECK(m.month_buckets_minor[9] == std::vector<int64_t>{100000, 0, 0, 0, 0});  // Jan 31: due.
  // Concentration at as-of: C2 holds 2000.00 of 3100.00 = 64.5% > 20%.
  CHECK(m.concentration.open_minor == 310000);
  CHECK(m.concentration.top1_minor == 200000);
  CHECK(m.concentration.top10_minor == 310000);
  CHECK(m.concentration.top_customer == 1);
  CHECK(m.concentration.too_concentrated);
  CHECK(m.by_customer.rows.size() == 2);
  CHECK(m.by_salesperson.rows.size() == 2);  // S1 and "no salesperson".

  // Cached: frames without a change compute nothing.
  uint64_t computed = m.compute_count;
  ui.frames(5);
  CHECK(m.compute_count == computed);

  // Sort by open amount, descending: C2 (row 1) first.
  ui.state->metrics.by_customer.sort_column = 3;
  ui.state->metrics.by_customer.sort_descending = true;
  ui.state->metrics.by_customer.sort_changed = true;
  ui.frames(2);
  REQUIRE(m.by_customer.order.size() == 2);
  CHECK(m.by_customer.order[0] == 1);

  // This month: 2025-03-01 .. 20, sales 2000.00: DSO = 3100 / 2000 x 20 = 31.
  ui.state->metrics.period.preset = app::PeriodPreset::ThisMonth;
  ui.frames(2);
  CHECK(m.compute_count == computed + 1);
  CHECK(m.total.days == 20);
  REQUIRE(m.total.dso);
  CHECK(*m.total.dso == doctest::Approx(31.0).epsilon(1e-12));
  // Last quarter (2024-10-01 .. 12-31) has no sales: DSO is null ("n/a"), never NaN.
  ui.state->metrics.period.preset = app::PeriodPreset::LastQuarter;
  ui.frames(2);
  CHECK(arlab::format_date(m.built_from) == "2024-10-01");
  CHECK(arlab::format_date(m.built_to) == "2024-12-31");
  CHECK_FALSE(m.total.dso.has_value());
  // A rate of 16% doubles the interest: 1328.22... -> 13.28.
  std::snprintf(ui.state->metrics.rate_text, sizeof ui.state->metrics.rate_text, "16");
  ui.state->metrics.period.preset = app::PeriodPreset::ThisMonth;
  ui.frames(2);
  CHECK(m.rate_bp == 1600);
  CHECK(m.total.interest_cost_minor == 1328);
  // A bad rate keeps the last figures and says why.
  std::snprintf(ui.state->metrics.rate_text, sizeof ui.state->metrics.rate_text, "abc");
  ui.frames(2);
  CHECK_FALSE(m.input_error.empty());
  REQUIRE(m.built.key());
  CHECK(m.built.key()->rate_bp == 1600);

  // Export: the CSV of the customer rows, with its header and the TOTAL line.
  app::export_metrics_csv(*ui.state, arlab::MetricsBy::Customer);
  std::string name = "metrics-by-customer-2025-03-01-to-2025-03-20.csv";
  REQUIRE(app::platform::fake().exported.count(name) == 1);
  const std::string& csv = app::platform::fake().exported[name];
  CHECK(csv.rfind("key,from,to,days,", 0) == 0);
  CHECK(csv.find("\nC1,") != std::string::npos);
  CHECK(csv.find("\nTOTAL,") != std::string::npos);
}

// ---- Statement tab ---------------------------------------------------------------------

TEST_CASE("statement tab: Acme's statement worked out by hand, cached, exported") {
  Ui ui;
  REQUIRE(app::open_book_text(*ui.state, "test.json", kBook));
  app::show_statement(*ui.state, 0);  // What the Customer tab's "Statement..." button does.
  ui.frames(3);
  const app::StatementPanel& p = ui.state->statement;
  REQUIRE(p.computed);
  // This month at as-of 2025-03-20: 2025-03-01 .. 2025-03-20. Opening at 02-28: INV-1
  // 1000.00 + INV-2 500.00, nothing paid yet = 1500.00. One line: P-1 (03-20) -400.00,
  // applied automatically to the oldest due, INV-1 -> closing 1100.00.
  CHECK(arlab::format_date(p.statement.from) == "2025-03-01");
  CHECK(arlab::format_date(p.statement.to) == "2025-03-20");
  CHECK(p.statement.opening_minor == 150000);
  CHECK(p.statement.closing_minor == 110000);
  REQUIRE(p.rows.size() == 1);
  CHECK(p.rows[0].type == "Payment");
  CHECK(p.rows[0].document == "P-1");
  CHECK(p.rows[0].applied_to == "INV-1 400.00");
  CHECK(p.rows[0].amount == "-400.00");
  CHECK(p.rows[0].balance == "1,100.00");
  // Open at 03-20: INV-1 600.00, 48 days past due (31-60); INV-2 500.00, 3 days (1-30).
  CHECK(p.statement.aging_amounts_minor == std::vector<int64_t>{0, 50000, 60000, 0, 0});
  CHECK(p.statement.unapplied_minor == 0);

  // Computed once: frames without a change compute nothing.
  uint64_t computed = p.compute_count;
  ui.frames(5);
  CHECK(p.compute_count == computed);

  // Last month, 2025-02-01 .. 02-28: opening at 01-31 = INV-1 1000.00; INV-2 +500.00 on 02-15.
  ui.state->statement.period.preset = app::PeriodPreset::LastMonth;
  ui.frames(2);
  CHECK(p.compute_count == computed + 1);
  CHECK(arlab::format_date(p.statement.to) == "2025-02-28");
  CHECK(p.statement.opening_minor == 100000);
  CHECK(p.statement.closing_minor == 150000);
  REQUIRE(p.rows.size() == 1);
  CHECK(p.rows[0].type == "Invoice");
  CHECK(p.rows[0].due == "2025-03-17");  // 02-15 + 30 days.
  // Last quarter: 2024-10-01 .. 12-31, before every document: nothing owed, no lines.
  ui.state->statement.period.preset = app::PeriodPreset::LastQuarter;
  ui.frames(2);
  CHECK(arlab::format_date(p.statement.from) == "2024-10-01");
  CHECK(p.statement.closing_minor == 0);
  CHECK(p.rows.empty());

  // A bad typed date: a clear error, the last statement stays, no export.
  std::snprintf(ui.state->statement.period.from_text, sizeof p.period.from_text, "2025-02-30");
  ui.state->statement.period.preset = app::PeriodPreset::Custom;
  ui.frames(2);
  CHECK(p.period.error.rfind("From: \"2025-02-30\" is not a date", 0) == 0);
  CHECK(arlab::format_date(p.statement.from) == "2024-10-01");
  CHECK_FALSE(app::export_statement(*ui.state, "html"));
  // Custom dates: 2025-02-01 .. 2025-03-20 (both months): opening 1000.00 (INV-1), then
  // INV-2 +500.00 and P-1 -400.00: closing 1100.00.
  std::snprintf(ui.state->statement.period.from_text, sizeof p.period.from_text, "2025-02-01");
  std::snprintf(ui.state->statement.period.to_text, sizeof p.period.to_text, "2025-03-20");
  ui.frames(2);
  CHECK(p.period.error.empty());
  CHECK(p.statement.opening_minor == 100000);
  CHECK(p.statement.closing_minor == 110000);
  CHECK(p.rows.size() == 2);

  // Exports: named by customer and period; the printable page asks to confirm 1,100.00.
  ui.state->statement.period.preset = app::PeriodPreset::ThisMonth;
  ui.frames(2);
  REQUIRE(app::export_statement(*ui.state, "html"));
  REQUIRE(app::export_statement(*ui.state, "txt"));
  REQUIRE(app::export_statement(*ui.state, "csv"));
  auto& exported = app::platform::fake().exported;
  REQUIRE(exported.count("statement-C1-2025-03.html") == 1);
  CHECK(exported["statement-C1-2025-03.html"].find(
            "We confirm the balance of USD 1,100.00 as of 2025-03-20 is correct.") !=
        std::string::npos);
  CHECK(exported.count("statement-C1-2025-03.txt") == 1);
  REQUIRE(exported.count("statement-C1-2025-03.csv") == 1);
  CHECK(exported["statement-C1-2025-03.csv"].find("\nC1,Acme,2025-03-20,closing,,,,,1100.00") !=
        std::string::npos);
  CHECK(app::show_panel(*ui.state, "statement"));
}

TEST_CASE("statement tab: the sample book's figures are compute_statement's") {
  Ui ui;
  ui.frames(2);
  const arlab::Book& book = ui.state->book;
  REQUIRE(book.customers.size() > 7);
  for (arlab::Index c : {arlab::Index(0), arlab::Index(7)}) {
    app::show_statement(*ui.state, c);
    ui.state->statement.period.preset = app::PeriodPreset::LastQuarter;
    ui.frames(3);
    const app::StatementPanel& p = ui.state->statement;
    REQUIRE(p.computed);
    REQUIRE(p.statement.customer == c);
    arlab::Statement s =
        arlab::compute_statement(book, c, p.statement.from, p.statement.to, ui.state->edges);
    CHECK(p.statement.closing_minor == s.closing_minor);
    CHECK(p.statement.opening_minor == s.opening_minor);
    CHECK(p.rows.size() == s.lines.size());
    CHECK(p.statement.closing_minor ==
          arlab::customer_balance_minor(book, c, p.statement.to));
  }
}

// ---- Import CSV tab --------------------------------------------------------------------

namespace {

// A file of the source tree ("tests/cli/books/import-us.csv", "docs/METRICS.md").
std::string source_file(const std::string& relative) {
  std::string path = std::string(ARLAB_SOURCE_DIR) + "/" + relative;
  FILE* f = std::fopen(path.c_str(), "rb");
  REQUIRE_MESSAGE(f, "cannot open " << path);
  std::string text;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
  std::fclose(f);
  return text;
}

std::string fixture(const char* name) {
  return source_file(std::string("tests/cli/books/") + name);
}

// One frame with Enter down, then one with it released (GLFW's key code, as the shells map it).
void press_enter(Ui& ui) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Enter] = 257;
  io.KeysDown[257] = true;
  ui.frames(1);
  io.KeysDown[257] = false;
  ui.frames(2);
}

}  // namespace

TEST_CASE("import tab: import-us.csv with its mapping replaces the book") {
  Ui ui;
  ui.frames(2);
  const std::string csv = fixture("import-us.csv");
  REQUIRE(app::open_file_text(*ui.state, "books/import-us.csv", csv));  // As a drop would.
  ui.frames(3);
  const app::ImportPanel& p = ui.state->import;
  CHECK(app::panel_shown(*ui.state, "import"));
  CHECK(p.file_name == "import-us.csv");
  CHECK(ui.summary()["book"] == "sample");  // Nothing imported yet.
  // Guessed from the header and the cells: M/D/YYYY dates, "1,200.50" with a thousands ','.
  CHECK(p.header.size() == 9);
  CHECK(p.map.invoice_id == "Invoice");
  CHECK(p.map.customer_id == "Customer");
  CHECK(p.map.customer_name == "Customer Name");
  CHECK(p.map.invoice_date == "Date");
  CHECK(p.map.due_date == "Due");
  CHECK(p.map.amount == "Amount");
  CHECK(p.map.settled_date == "Paid On");
  CHECK(p.map.disputed == "Disputed");
  CHECK(p.map.date_format == arlab::CsvDateFormat::MonthDayYear);
  CHECK(p.map.thousands_separator == ',');
  CHECK(p.dry_run.ok);

  // The fixture's own mapping (terms 14, keeps Region), read like a dropped .map.json.
  REQUIRE(app::open_file_text(*ui.state, "import-us.map.json", fixture("import-us.map.json")));
  ui.frames(2);
  CHECK(p.map.terms_days == 14);
  CHECK(p.map.keep == std::vector<std::string>{"Region"});
  REQUIRE(p.dry_run.ok);
  CHECK(p.dry_run.rows == 3);
  CHECK(p.dry_run_total_minor == 130050);  // 1200.50 + 99.99 + 0.01.
  // The preview: INV-1's amount parsed; INV-2 (line 3) has no due date: 2025-02-03 + 14.
  REQUIRE(p.preview.size() == 3);
  CHECK(p.preview[0].cells[static_cast<int>(app::ImportRole::Amount)] == "1,200.50");
  CHECK(p.preview[0].cells[static_cast<int>(app::ImportRole::InvoiceDate)] == "2025-01-15");
  CHECK(p.preview[1].line == 3);
  CHECK(p.preview[1].cells[static_cast<int>(app::ImportRole::DueDate)] == "2025-02-17 (terms)");
  CHECK(p.preview[1].cells[static_cast<int>(app::ImportRole::Disputed)] == "yes");
  uint64_t runs = p.dry_run_count;
  ui.frames(4);
  CHECK(p.dry_run_count == runs);  // Once per change, not per frame.

  // Import as the keyboard does it: Enter on the tab asks, Enter again replaces the book.
  int saves = app::platform::fake().save_count;
  press_enter(ui);
  CHECK(ui.summary()["book"] == "sample");  // Only asked so far.
  press_enter(ui);
  nlohmann::json s = ui.summary();
  CHECK(s["book"] == "import-us.csv");
  CHECK(s["invoices"] == 3);
  CHECK(s["customers"] == 2);
  CHECK(ui.state->book.payments.size() == 2);  // P-INV-1 and P-INV-3.
  CHECK(ui.state->book.customers[0].terms_days == 14);
  CHECK(ui.state->status == "Imported 3 invoices of 2 customers from import-us.csv");
  CHECK(app::platform::fake().save_count > saves);  // Saved like any new book.
  // As of its last document, 2025-03-01: INV-2 99.99 is open (INV-1 and INV-3 are paid).
  CHECK(s["open"] == "99.99");
}

// The shells' key path: KeyTaps in front of the backend, which writes io.KeysDown[] (GLFW codes).
struct TappedBackend {
  app::KeyTaps taps;
  void key(int code, bool press) {
    if (taps.pass(code, press, !press)) ImGui::GetIO().KeysDown[code] = press;
  }
  void frames(Ui& ui, int n) {
    for (int k = 0; k < n; ++k) {
      ui.frames(1);
      taps.after_frame([](int code) { ImGui::GetIO().KeysDown[code] = false; });
    }
  }
};

TEST_CASE("wheel: a browser's wheel event as Dear ImGui steps (app/wheel.h)") {
  using app::wheel_steps;
  // Chrome: one notch down is deltaY +100 pixels -> one step down (ImGui: negative).
  CHECK(wheel_steps(0, 100, app::kWheelPixels, false, 800).v == doctest::Approx(-1.0));
  CHECK(wheel_steps(0, -100, app::kWheelPixels, false, 800).v == doctest::Approx(1.0));
  // Firefox: 3 lines a notch -> one step; a trackpad's 4 pixels -> 0.04 of a step.
  CHECK(wheel_steps(0, 3, app::kWheelLines, false, 800).v == doctest::Approx(-1.0));
  CHECK(wheel_steps(0, 4, app::kWheelPixels, false, 800).v == doctest::Approx(-0.04));
  // A page of an 800-pixel canvas is 8 steps.
  CHECK(wheel_steps(0, 1, app::kWheelPages, false, 800).v == doctest::Approx(-8.0));
  // Sideways: deltaX +100 (right) -> MouseWheelH -1 (ImGui: positive scrolls left).
  app::WheelSteps side = wheel_steps(100, 0, app::kWheelPixels, false, 800);
  CHECK(side.h == doctest::Approx(-1.0));
  CHECK(side.v == 0.0f);
  // Shift + wheel that the browser already turned into deltaX: handed back as a vertical
  // step, which ImGui scrolls sideways while Shift is down; a plain deltaY stays vertical.
  app::WheelSteps shifted = wheel_steps(100, 0, app::kWheelPixels, true, 800);
  CHECK(shifted.h == 0.0f);
  CHECK(shifted.v == doctest::Approx(-1.0));
  CHECK(wheel_steps(0, 100, app::kWheelPixels, true, 800).v == doctest::Approx(-1.0));
}

TEST_CASE("keys: a release is held back only until a frame has seen the key down") {
  app::KeyTaps taps;
  std::vector<int> released;
  auto after_frame = [&] { taps.after_frame([&](int key) { released.push_back(key); }); };
  CHECK(taps.release(65));  // Down before we looked (or a stray up): passes.
  taps.press(257);
  taps.press(65);
  CHECK_FALSE(taps.release(257));  // No frame has seen Enter down yet.
  CHECK(taps.holding());
  after_frame();
  CHECK(released == std::vector<int>{257});
  CHECK(taps.release(65));  // A frame saw A down: its release passes at once.
  // Down, up, down again before a frame: the held release is dropped, the key stays down.
  taps.press(258);
  CHECK_FALSE(taps.release(258));
  taps.press(258);
  released.clear();
  after_frame();
  CHECK(released.empty());
  CHECK_FALSE(taps.holding());
}

TEST_CASE("keys: Enter, Enter tapped between frames imports; without KeyTaps it is lost") {
  Ui ui;
  ImGui::GetIO().KeyMap[ImGuiKey_Enter] = 257;
  ui.frames(2);
  REQUIRE(app::open_file_text(*ui.state, "import-us.csv", fixture("import-us.csv")));
  REQUIRE(app::open_file_text(*ui.state, "import-us.map.json", fixture("import-us.map.json")));
  ui.frames(3);
  REQUIRE(ui.state->import.dry_run.ok);
  // Dear ImGui 1.86 alone: down and up before the next frame, so no frame sees Enter.
  ImGuiIO& io = ImGui::GetIO();
  for (int press = 0; press < 2; ++press) {
    io.KeysDown[257] = true;
    io.KeysDown[257] = false;
    ui.frames(3);
  }
  CHECK(ui.summary()["book"] == "sample");
  // Through KeyTaps, as the shells do: each tap is seen for one frame.
  TappedBackend backend;
  for (int press = 0; press < 2; ++press) {  // Import, then "Import and replace".
    backend.key(257, true);
    backend.key(257, false);
    CHECK(io.KeysDown[257]);
    backend.frames(ui, 3);
    CHECK_FALSE(io.KeysDown[257]);
  }
  CHECK(ui.summary()["book"] == "import-us.csv");
  CHECK(ui.summary()["invoices"] == 3);
}

TEST_CASE("import tab: import-bad.csv keeps the book and lists line-numbered problems") {
  Ui ui;
  ui.frames(2);
  const size_t invoices = ui.state->book.invoices.size();
  const uint64_t generation = ui.state->book_generation;
  REQUIRE(app::open_file_text(*ui.state, "import-us.map.json", fixture("import-us.map.json")));
  REQUIRE(app::open_file_text(*ui.state, "import-bad.csv", fixture("import-bad.csv")));
  ui.frames(3);
  const app::ImportPanel& p = ui.state->import;
  CHECK(p.map_source == "import-us.map.json");  // A loaded mapping is kept for the new file.
  CHECK_FALSE(p.dry_run.ok);
  CHECK(p.dry_run.problems.size() == 12);  // As tests/cli/cmd-import-csv.test lists them.

  CHECK_FALSE(app::run_import(*ui.state));
  ui.frames(2);
  CHECK(ui.state->book.invoices.size() == invoices);
  CHECK(ui.state->book_generation == generation);
  CHECK(ui.summary()["book"] == "sample");
  CHECK(ui.state->problems_title == "Could not import import-bad.csv");
  REQUIRE(ui.state->problems.size() == 12);
  std::string text = arlab::format_problems(ui.state->problems_file, ui.state->problems);
  // The first and the last of the CLI's golden messages (hand-checked there).
  CHECK(text.rfind("import-bad.csv: line 3: column Date: invalid date \"2/30/2025\": expected a "
                   "calendar date M/D/YYYY\n", 0) == 0);
  CHECK(text.find("import-bad.csv: line 11: expected 9 fields as in the header, got 8\n") !=
        std::string::npos);
  CHECK(text.find("import-bad.csv: line 13: column Due: due date 2025-01-01 is before the "
                  "invoice date 2025-01-02\n") != std::string::npos);
}

TEST_CASE("import tab: the IBM export's mapping is guessed from its header") {
  Ui ui;
  ui.frames(2);
  // fuzz/corpus/csv/ibm-head.csv: the header and first 12 rows of the IBM sample.
  std::string path = std::string(ARLAB_SOURCE_DIR) + "/fuzz/corpus/csv/ibm-head.csv";
  FILE* f = std::fopen(path.c_str(), "rb");
  REQUIRE(f);
  std::string csv(4096, '\0');
  csv.resize(std::fread(csv.data(), 1, csv.size(), f));
  std::fclose(f);
  REQUIRE(app::open_file_text(*ui.state, "ibm-head.csv", csv));
  ui.frames(2);
  const app::ImportPanel& p = ui.state->import;
  // The same columns as assets/ibm-ar.map.json; no name column; "1/26/2013" is M/D/YYYY only.
  CHECK(p.map.invoice_id == "invoiceNumber");
  CHECK(p.map.customer_id == "customerID");
  CHECK(p.map.customer_name.empty());
  CHECK(p.map.invoice_date == "InvoiceDate");
  CHECK(p.map.due_date == "DueDate");
  CHECK(p.map.amount == "InvoiceAmount");
  CHECK(p.map.settled_date == "SettledDate");
  CHECK(p.map.disputed == "Disputed");
  CHECK(p.map.date_format == arlab::CsvDateFormat::MonthDayYear);
  CHECK(p.map.thousands_separator == 0);
  REQUIRE(p.dry_run.ok);
  CHECK(p.dry_run.rows == 12);
  // The embedded preset gives the same dry run (and keeps two more columns).
  REQUIRE(app::import_set_map(*ui.state, "ibm-ar.map.json", arlab::ibm_ar_map_json()));
  ui.frames(2);
  CHECK(p.map.keep == std::vector<std::string>{"countryCode", "PaperlessBill"});
  CHECK(p.dry_run.ok);
  CHECK(p.dry_run.rows == 12);
}

TEST_CASE("import tab: files are routed by name and by what the picker was opened for") {
  Ui ui;
  ui.frames(2);
  app::platform::fake().has_picker = true;  // As in the browser.
  app::show_import(*ui.state);
  ui.frames(3);
  // A mapping picked through "Load mapping..." may have any name.
  ui.state->import.picking = app::ImportPick::Map;
  REQUIRE(app::open_file_text(*ui.state, "my mapping.json", fixture("import-eu.map.json")));
  CHECK(ui.state->import.map_source == "my mapping.json");
  CHECK(ui.state->import.map.delimiter == ';');
  CHECK(ui.state->import.picking == app::ImportPick::None);  // For that one file only.
  // A refused mapping says where, and keeps the one loaded before.
  CHECK_FALSE(app::open_file_text(*ui.state, "import-bad.map.json",
                                  fixture("import-bad.map.json")));
  CHECK(ui.state->import.map_source == "my mapping.json");
  CHECK(ui.state->problems_title == "Could not use the mapping import-bad.map.json");
  // A book is still a book, even with the Import tab open (asked about, then replaced).
  REQUIRE(app::open_file_text(*ui.state, "test.json", kBook));
  CHECK(ui.state->replace.pending);
  app::confirm_replace(*ui.state);
  CHECK(ui.summary()["book"] == "test.json");
  ui.frames(2);
  CHECK(app::show_panel(*ui.state, "import"));
  ui.frames(2);
  app::platform::fake().has_picker = false;
}

// ---- Budget, refunds, grades and disputed invoices (the test book above) ----------------

TEST_CASE("budget: targets set from the Metrics tab, compared by month, undone and redone") {
  Ui ui;
  open_test_book(ui);
  app::MetricsPanel& m = ui.state->metrics;
  m.select_budget_tab = true;
  ui.show(app::Tab::Metrics);
  CHECK(m.budget_dso_text[0] == '\0');  // The book has no budget.
  set(m.budget_dso_text, sizeof m.budget_dso_text, "45");
  set(m.budget_ratio_text, sizeof m.budget_ratio_text, "0.15");
  int saves = app::platform::fake().save_count;
  REQUIRE(app::set_budget_from_texts(*ui.state));
  CHECK(app::platform::fake().save_count == saves + 1);  // A change of the book: saved.
  CHECK(ui.state->book.budget.dso_target_centidays == 4500);
  CHECK(ui.state->book.budget.overdue_ratio_target_bp == 1500);
  m.select_budget_tab = true;
  ui.show(app::Tab::Metrics);
  CHECK(std::string(m.budget_ratio_text) == "15%");  // Refilled in its canonical form.
  // Last 12 months to 2025-03-20; only 2025-01..03 have sales or open AR:
  //   Jan: sales INV-1 1000, open 1000 due 01-31 (current): DSO 31.00 met, ratio 0 met.
  //   Feb: sales INV-2 500, open INV-1 1000 (28 d overdue) + INV-2 500 = 1500:
  //        DSO 1500/500 x 28 = 84 missed; ratio 1000/1500 missed.
  //   Mar 1-20: sales INV-3 2000, open 600 + 500 + 2000 = 3100, overdue 1100:
  //        DSO 3100/2000 x 20 = 31 met; ratio 1100/3100 = 35.5% missed.
  const arlab::BudgetReport& r = m.budget;
  REQUIRE(r.months.size() == 12);
  CHECK(r.months[9].key == "2025-01");
  CHECK(r.months[9].dso_met == true);
  CHECK(r.months[10].dso_met == false);
  CHECK(r.months[11].dso_met == true);
  CHECK(r.months[11].overdue_ratio_met == false);
  CHECK_FALSE(r.months[0].dso_met.has_value());  // 2024-04: nothing at all.
  CHECK(r.dso_met_count == 2);
  CHECK(r.dso_missed_count == 1);
  CHECK(r.overdue_ratio_met_count == 1);
  CHECK(r.overdue_ratio_missed_count == 2);
  // A bad field is refused by the form; the book keeps its budget.
  set(m.budget_ratio_text, sizeof m.budget_ratio_text, "15");
  CHECK_FALSE(app::set_budget_from_texts(*ui.state));
  REQUIRE(m.budget_problems.size() == 1);
  CHECK(m.budget_problems[0].place == "Overdue ratio target");
  CHECK(ui.state->book.budget.overdue_ratio_target_bp == 1500);
  ui.ctrl('Z');  // Undo: no budget again; the fields follow the book.
  CHECK_FALSE(ui.state->book.budget.given());
  m.select_budget_tab = true;
  ui.show(app::Tab::Metrics);
  CHECK(m.budget_dso_text[0] == '\0');
  CHECK_FALSE(m.budget.budget.given());
  ui.ctrl('Y');
  CHECK(ui.state->book.budget.dso_target_centidays == 4500);
  ui.show(app::Tab::History);
}

TEST_CASE("forms: a refund of a customer's unapplied credit") {
  Ui ui;
  open_test_book(ui);
  // Beta (C2) pays 2500.00 on 03-20: 2000.00 goes to INV-3, 500.00 is unapplied.
  ui.fill(app::FormKind::Payment, ui.state->forms.payment, "P-2", 1, "2025-03-20", "2500.00");
  ui.submit();
  REQUIRE(ui.state->forms.problems.empty());
  CHECK(ui.summary()["unapplied"] == "-500.00");
  app::RefundForm& f =
      ui.fill(app::FormKind::Refund, ui.state->forms.refund, "R-1", 1, "2025-03-20", "600.00");
  ui.submit();  // More than the credit: refused by the book's rule.
  REQUIRE(ui.state->forms.problems.size() == 1);
  CHECK(ui.state->forms.problems[0].message ==
        "Amount: refund 600.00 exceeds the unapplied credit of C2 on 2025-03-20 (500.00)");
  set(f.amount, sizeof f.amount, "200.00");
  f.payment = static_cast<int>(arlab::find_payment(ui.state->book, "P-2"));
  ui.submit();
  CHECK(ui.state->forms.problems.empty());
  REQUIRE(ui.state->book.refunds.size() == 1);
  CHECK(ui.state->book.refunds[0].payment == arlab::find_payment(ui.state->book, "P-2"));
  CHECK(ui.summary()["unapplied"] == "-300.00");  // -500.00 + 200.00
  CHECK(ui.summary()["open"] == "1100.00");       // Invoices untouched: INV-1 600 + INV-2 500.
  ui.ctrl('Z');
  CHECK(ui.summary()["unapplied"] == "-500.00");
  const bool payment_valid =
      f.payment == -1 || static_cast<size_t>(f.payment) < ui.state->book.payments.size();
  CHECK(payment_valid);
}

TEST_CASE("forms: a customer's grade and a disputed invoice; the invoice list filters it") {
  Ui ui;
  open_test_book(ui);
  app::CustomerForm& c = ui.state->forms.customer;
  ui.show_form(app::FormKind::Customer);
  set(c.id, sizeof c.id, "C3");
  set(c.name, sizeof c.name, "Gamma");
  set(c.grade, sizeof c.grade, " B+ ");
  ui.submit();
  REQUIRE(ui.state->forms.problems.empty());
  CHECK(ui.state->book.customers.back().grade == "B+");
  app::InvoiceForm& f =
      ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-9", 2, "2025-03-20", "75.00");
  f.disputed = true;
  ui.submit();
  REQUIRE(ui.state->forms.problems.empty());
  CHECK((ui.state->book.invoices.back().flags & arlab::kInvoiceDisputed) != 0);
  CHECK_FALSE(f.disputed);  // Ready for the next invoice.
  app::select_customer(*ui.state, 2);
  ui.frames(3);
  ui.state->invoices.disputed_only = true;
  ui.state->invoices.filter_changed = true;
  ui.show(app::Tab::Invoices);
  REQUIRE(ui.state->invoices.rows.size() == 1);
  CHECK(ui.state->book.str(ui.state->book.invoices[ui.state->invoices.rows[0]].id) == "INV-9");
}

// ---- Commission tab ----------------------------------------------------------------------

namespace {

arlab::CommissionPlan embedded_plan(std::string_view json, int minor_digits) {
  arlab::CommissionPlan plan;
  std::vector<arlab::Problem> problems;
  REQUIRE(arlab::read_commission_plan(json, minor_digits, &plan, &problems));
  return plan;
}

// What the editor's fields do on an edit (IsItemEdited), then Enter (apply_requested).
void edited(Ui& ui) {
  app::PlanSlot& slot = ui.state->commission.slots[ui.state->commission.slot];
  ++slot.form_generation;
  slot.pending = true;
  ui.state->commission.apply_requested = true;
  ui.frames(2);
}

const arlab::CommissionRow* row_of(const arlab::CommissionStatement& s, const arlab::Book& book,
                                   const char* salesperson) {
  for (const arlab::CommissionRow& row : s.rows) {
    if (row.salesperson != arlab::kNone && book.salespeople[row.salesperson].id == salesperson) {
      return &row;
    }
  }
  return nullptr;
}

bool has_problem(const app::PlanSlot& slot, const char* place, const char* words) {
  for (const arlab::Problem& p : slot.problems) {
    if (p.place == place && p.message.find(words) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("commission tab: the embedded cash-80-gate plan gives compute_commission's payable") {
  Ui ui(false, arlab::date_from_ymd(2025, 12, 31));  // The sample's own last day: not moved.
  CHECK(ui.summary()["sample_shift_days"] == 0);
  ui.frames(2);
  REQUIRE(app::show_panel(*ui.state, "commission"));
  ui.frames(3);
  const app::CommissionPanel& c = ui.state->commission;
  const arlab::Book& book = ui.state->book;
  CHECK(c.slots[0].source == "preset: Cash collected, 80% gate");
  CHECK(c.slots[1].source == "preset: Sales-based, flat 5%");
  REQUIRE(c.computed);
  // The last 12 months to the as-of date (the sample's last document, 2025-12-31).
  CHECK(ui.summary()["as_of"] == "2025-12-31");
  CHECK(arlab::format_date(c.statement.requested_from) == "2025-01-01");
  CHECK(arlab::format_date(c.statement.to) == "2025-12-31");
  arlab::CommissionPlan plan = embedded_plan(arlab::plan_cash_80_gate_json(), book.minor_digits);
  arlab::CommissionStatement s =
      arlab::compute_commission(book, plan, c.statement.requested_from, c.statement.to);
  CHECK(s.total.payable_minor > 0);  // The sample earns under this plan.
  CHECK(c.statement.total.payable_minor == s.total.payable_minor);
  CHECK(c.statement.total.net_minor == s.total.net_minor);
  CHECK(c.statement.rows.size() == s.rows.size());
  // Cached: more frames, and the comparison, compute nothing again.
  uint64_t count = c.compute_count;
  ui.frames(5);
  REQUIRE(app::show_panel(*ui.state, "commission-compare"));
  ui.frames(4);
  CHECK(c.view == 1);
  CHECK(c.compute_count == count);
  REQUIRE(c.compared);
  CHECK(c.comparison.a.payable_minor == s.total.payable_minor);  // Side A reused the statement.
  // The CSV export is io/commission_report's over the same statement.
  REQUIRE(app::export_commission_csv(*ui.state, false));
  CHECK(app::platform::fake().exported["commission-A-2025-01-01-to-2025-12-31.csv"] ==
        arlab::commission_csv(book, s, false));
}

TEST_CASE("commission tab: the test book worked out by hand; a bad edit keeps the last statement") {
  Ui ui;
  open_test_book(ui);  // As-of 2025-03-20: the last 12 months are 2024-04-01 to 2025-03-20.
  app::CommissionPanel& c = ui.state->commission;
  const arlab::Book& book = ui.state->book;
  ui.show(app::Tab::Commission);
  REQUIRE(c.computed);
  CHECK(arlab::format_date(c.statement.from) == "2024-04-01");
  // Plan A, cash-80-gate: Ann Lee's (S1) only cash is P-1, 400.00 on INV-1 (due 2025-01-31) on
  // 2025-03-20, 48 days late: 400.00 x 5% x 50% (more than 30 days late) = 10.00. Her sales
  // never reach the 100,000.00 monthly target, so every period fails: 10.00 voided, 0 paid.
  const arlab::CommissionRow* s1 = row_of(c.statement, book, "S1");
  REQUIRE(s1);
  CHECK(s1->total.voided_minor == 1000);
  CHECK(s1->total.earned_minor == 0);
  CHECK(s1->total.payable_minor == 0);
  CHECK(c.gate_texts[static_cast<size_t>(s1 - c.statement.rows.data())].find("sales target") !=
        std::string::npos);

  // Without the sales target only the 80% collection rate gates: March has no sales of S1
  // (nothing to collect on: passes), so the 10.00 counts; it is payable in April, after `to`.
  app::PlanForm& f = c.slots[0].form;
  f.sales_target_on = false;
  edited(ui);
  REQUIRE(c.slots[0].problems.empty());
  s1 = row_of(c.statement, book, "S1");
  REQUIRE(s1);
  CHECK(s1->total.earned_minor == 1000);
  CHECK(s1->total.net_minor == 1000);
  CHECK(s1->total.payable_minor == 0);
  CHECK(s1->total.due_after_minor == 1000);
  uint64_t count = c.compute_count;

  // A rate that is not a percentage: the problem at its place, the statement unchanged.
  std::snprintf(f.rate, sizeof f.rate, "abc");
  edited(ui);
  CHECK(has_problem(c.slots[0], "rate", "\"abc\" is not a percentage"));
  CHECK(c.slots[0].problems.size() == 1);  // Named once (no "the plan pays nothing").
  CHECK(c.slots[0].pending);
  CHECK(c.compute_count == count);
  CHECK(c.statement.total.net_minor == 1000);
  // Tiers that do not start at 0: the engine's rule, at the tier's place.
  f.rate_mode = static_cast<int>(app::PlanRateMode::Tiers);
  f.tiers = {app::PlanTierText{"100", "5%"}};
  edited(ui);
  CHECK(has_problem(c.slots[0], "tiers[0].from", "must start at"));
  CHECK(c.compute_count == count);
  CHECK(c.statement.total.net_minor == 1000);
  ui.frames(3);  // The stale statement draws.
  // Fixed: tiers from 0 at 5% pay what the flat 5% paid.
  std::snprintf(f.tiers[0].from, sizeof f.tiers[0].from, "0");
  edited(ui);
  CHECK(c.slots[0].problems.empty());
  CHECK_FALSE(c.slots[0].pending);
  CHECK(c.compute_count == count + 1);
  CHECK(c.statement.plan.tiers.size() == 1);
  CHECK(c.statement.total.net_minor == 1000);
}

TEST_CASE("commission tab: comparing two plans, worked out by hand") {
  Ui ui;
  open_test_book(ui);
  app::CommissionPanel& c = ui.state->commission;
  const arlab::Book& book = ui.state->book;
  REQUIRE(app::show_panel(*ui.state, "commission-compare"));
  ui.frames(4);
  REQUIRE(c.compared);
  // A (cash-80-gate): 0.00 (everything voided, above). B (sales-based, 5% at booking, paid a
  // month later): INV-1 1,000.00 in January -> 50.00 payable in February, INV-2 500.00 in
  // February -> 25.00 payable in March: S1 gains 75.00 under B; cost A 0, cost B 75.00.
  REQUIRE(c.comparison.rows.size() == 1);  // S1 only: the customer without one earns nothing.
  CHECK(c.comparison.rows[0].payable_a_minor == 0);
  CHECK(c.comparison.rows[0].payable_b_minor == 7500);
  CHECK(c.comparison.rows[0].difference_minor == 7500);
  CHECK(c.comparison.a.cost_minor == 0);
  CHECK(c.comparison.b.cost_minor == 7500);
  // The total cost difference is that of two compute_commission statements.
  arlab::Date from = c.sides[0].statement.requested_from, to = c.sides[0].statement.to;
  arlab::CommissionStatement a = arlab::compute_commission(
      book, embedded_plan(arlab::plan_cash_80_gate_json(), 2), from, to);
  arlab::CommissionStatement b = arlab::compute_commission(
      book, embedded_plan(arlab::plan_sales_based_json(), 2), from, to);
  CHECK(c.comparison.b.cost_minor - c.comparison.a.cost_minor ==
        b.total.net_minor - a.total.net_minor);
  CHECK(c.comparison.b.payable_minor - c.comparison.a.payable_minor ==
        b.total.payable_minor - a.total.payable_minor);
  // Computed once: more frames do not compare again; a new period does.
  uint64_t count = c.compare_count;
  ui.frames(5);
  CHECK(c.compare_count == count);
  c.period.preset = app::PeriodPreset::ThisMonth;  // 2025-03-01 to 2025-03-20: March only.
  ui.frames(3);
  CHECK(c.compare_count == count + 1);
  CHECK(c.comparison.b.payable_minor == 2500);  // February's 25.00, payable in March.
  // Plan B as the statement: slot B's plan, its own cache.
  c.slot = 1;
  c.view = 0;
  c.select_view = true;
  ui.frames(4);
  REQUIRE(c.computed);
  CHECK(c.statement.plan.name == "Sales-based, flat 5%");
  CHECK(c.statement.total.payable_minor == 2500);
}

// tests/cli/cmd-commission.test's --paid case, through the tab: the January-February
// statement of books/commission.json under plan-cash.json, exported as JSON and paid out; then
// P-1 is deleted (books/commission-p1-removed.json). March for S1: P-2 500.00 earned, W-1's
// bad-debt penalty -100.00, and the February line paid on P-1 (500.00) no longer produced:
// -500.00 on 2025-03-01 -> net -100.00, payable 0, 100.00 carried forward.
TEST_CASE("commission tab: a statement paid earlier claws back a removed allocation") {
  Ui ui;
  ui.frames(2);
  REQUIRE(app::open_file_text(*ui.state, "commission.json", fixture("commission.json"), false));
  REQUIRE(app::open_file_text(*ui.state, "plan-cash.json", fixture("plan-cash.json")));
  app::CommissionPanel& c = ui.state->commission;
  auto period = [&](const char* from, const char* to) {
    std::snprintf(c.period.from_text, sizeof c.period.from_text, "%s", from);
    std::snprintf(c.period.to_text, sizeof c.period.to_text, "%s", to);
    c.period.preset = app::PeriodPreset::Custom;
    ui.show(app::Tab::Commission);
  };
  period("2025-01-01", "2025-02-28");
  REQUIRE(c.computed);
  REQUIRE(c.statement.plan.name == "Cash 10%, 80% gate");
  auto& exported = app::platform::fake().exported;
  exported.clear();
  REQUIRE(app::export_commission_json(*ui.state));
  const std::string name = "commission-A-2025-01-01-to-2025-02-28.json";
  REQUIRE(exported.count(name) == 1);
  const std::string paid_text = exported[name];

  REQUIRE(app::open_file_text(*ui.state, "commission-p1-removed.json",
                              fixture("commission-p1-removed.json"), false));
  period("2025-03-01", "2025-03-31");
  const arlab::CommissionRow* s1 = row_of(c.statement, ui.state->book, "S1");
  REQUIRE(s1);
  CHECK(s1->total.clawed_back_minor == 0);  // Without the register P-1 is simply gone.
  CHECK(s1->total.net_minor == 40000);      // 500.00 - 100.00.
  // Dropped or picked, the statement goes to "Paid earlier" by its format.
  uint64_t count = c.compute_count;
  REQUIRE(app::open_file_text(*ui.state, name, paid_text));
  CHECK(c.paid_name == name);
  CHECK(arlab::format_date(c.paid.from) == "2025-01-01");
  ui.frames(3);
  CHECK(c.compute_count == count + 1);
  s1 = row_of(c.statement, ui.state->book, "S1");
  REQUIRE(s1);
  CHECK(s1->total.clawed_back_minor == 50000);
  CHECK(s1->total.penalties_minor == 10000);
  CHECK(s1->total.net_minor == -10000);
  CHECK(s1->total.payable_minor == 0);
  CHECK(s1->total.carried_debit_minor == 10000);
  CHECK(c.paid_removed.count == 1);
  CHECK(c.paid_removed.minor == -50000);
  CHECK(c.paid_added.count == 0);
  CHECK(c.statement.paid_lines_compared == 2);  // Both January-February lines, before March.
  const arlab::CommissionLine* removed = nullptr;
  for (const arlab::CommissionLine& l : c.statement.lines) {
    if (l.rule == arlab::CommissionRule::AllocationRemoved) removed = &l;
  }
  REQUIRE(removed);
  CHECK(arlab::format_date(removed->date) == "2025-03-01");
  CHECK(removed->paid_minor == 50000);
  CHECK(removed->amount_minor == -50000);
  // A file that is not a statement, picked for the register: refused, the register kept.
  ui.state->commission.picking_paid = true;
  CHECK_FALSE(app::open_file_text(*ui.state, "plan-cash.json", fixture("plan-cash.json")));
  CHECK(ui.state->problems_popup);
  CHECK(c.paid_name == name);
  ui.state->problems_popup = false;
  ui.frames(2);
  // Cleared: the statement is the book's alone again.
  app::commission_clear_paid(*ui.state);
  ui.frames(2);
  s1 = row_of(c.statement, ui.state->book, "S1");
  REQUIRE(s1);
  CHECK(s1->total.clawed_back_minor == 0);
  CHECK(s1->total.net_minor == 40000);
}

TEST_CASE("commission tab: every member of a plan survives the editor's form") {
  Ui ui;
  open_test_book(ui);
  const arlab::Book& book = ui.state->book;
  // The documentation's full example, with this book's salesperson and invoice ids.
  const char* full = R"({
    "format": "arlab-commission-plan/1", "name": "Every member", "period": "quarter",
    "basis": "split", "on_invoice": "33.3333%", "rate": "2.5%",
    "grades": {"A": "6%", "B": "4%"},
    "late_factors": [{"after_days_late": 30, "factor": "50%"},
                     {"after_days_late": 90, "factor": "0%"}],
    "early_bonus": {"days_before_due": 10, "rate": "1%"},
    "gates": {"sales_target": {"default": "100000.00", "S1": "50000.00"},
              "collection_rate_min": "80%", "dso_max_days": "60.5", "overdue_ratio_max": "25%"},
    "penalties": {"bad_debt_rate": "10%", "overdue_warning_days": 60},
    "holds": {"disputed_invoices": true, "invoices": ["INV-1"], "period_percent": "10%",
              "release_after_periods": 3},
    "payout_lag_periods": 2, "clawback_window_months": 12
  })";
  std::vector<std::string> texts = {full};
  for (const arlab::EmbeddedPlan& p : arlab::kEmbeddedPlans) texts.emplace_back(p.json());
  texts.push_back(R"({"format": "arlab-commission-plan/1", "name": "Tiers",
    "tiers": [{"from": "0", "rate": "3%"}, {"from": "1000.00", "rate": "5%"}]})");
  for (const std::string& text : texts) {
    arlab::CommissionPlan plan = embedded_plan(text, book.minor_digits);
    app::PlanForm form;
    app::plan_form_from_plan(book, plan, &form);
    std::vector<arlab::Problem> problems;
    arlab::CommissionPlan back = app::plan_from_form(book, form, &problems);
    CHECK(problems.empty());
    CHECK(arlab::write_commission_plan(back, 2) == arlab::write_commission_plan(plan, 2));
  }
  // Loaded through the file picker into slot B, then exported canonically.
  app::platform::fake().has_picker = true;
  ui.state->commission.picking_slot = 1;
  REQUIRE(app::open_file_text(*ui.state, "every.json", full));
  app::platform::fake().has_picker = false;
  CHECK(ui.state->commission.slot == 1);
  CHECK(ui.state->commission.slots[1].source == "every.json");
  ui.frames(3);
  REQUIRE(app::export_commission_plan(*ui.state));
  CHECK(app::platform::fake().exported["every-member.json"] ==
        arlab::write_commission_plan(embedded_plan(full, 2), 2));
  // A plan naming a salesperson the book lacks: the problem at its place, nothing applied.
  std::string other = R"({"format": "arlab-commission-plan/1", "name": "X", "rate": "5%",
    "gates": {"sales_target": {"S9": "10.00"}}})";
  REQUIRE(app::open_file_text(*ui.state, "x.json", other));  // Recognised by its format.
  CHECK(has_problem(ui.state->commission.slots[1], "gates.sales_target.S9", "no salesperson"));
  CHECK(ui.state->commission.slots[1].applied.name == "Every member");
  // A file that is not a plan is refused with its place, and the slot keeps its plan.
  CHECK_FALSE(app::commission_set_plan(*ui.state, 1, "bad.json",
                                       R"({"format": "arlab-commission-plan/1", "name": "Y",
                                           "rate": 5})"));
  CHECK(ui.state->problems_title == "Could not use the plan bad.json");
  REQUIRE_FALSE(ui.state->problems.empty());
  CHECK(ui.state->problems[0].place == "rate");
  ui.frames(3);
  // A plan picker that was cancelled does not take the mapping picked next for Import CSV.
  ui.state->commission.picking_slot = 0;
  ui.state->import.picking = app::ImportPick::Map;
  REQUIRE(app::open_file_text(*ui.state, "my mapping.json", fixture("import-eu.map.json")));
  CHECK(ui.state->import.map_source == "my mapping.json");
  CHECK(ui.state->commission.picking_slot == -1);
}

// ---- Plan slots kept across sessions; long computes announced ------------------------------

TEST_CASE("commission tab: the plan slots are kept across sessions") {
  app::platform::FakePlatform& disk = app::platform::fake();
  {
    Ui ui;
    open_test_book(ui);
    app::CommissionPanel& c = ui.state->commission;
    // The presets filled at start are not written: nothing was chosen yet.
    CHECK(disk.settings.empty());
    // Slot B, sales-based (5% on invoicing), edited to 7%.
    ui.show(app::Tab::Commission);
    c.slot = 1;
    std::snprintf(c.slots[1].form.rate, sizeof c.slots[1].form.rate, "7%%");
    edited(ui);
    REQUIRE(c.slots[1].problems.empty());
    CHECK(c.slots[1].applied.rate_ppm == 70000);
    CHECK(disk.settings["commission-plan-b.json"] ==
          arlab::write_commission_plan(c.slots[1].applied, 2));
    CHECK(disk.settings["commission-plan-b.source"] == "preset: Sales-based, flat 5%");
    CHECK(disk.settings.count("commission-plan-a.json") == 0);
    // Applying again with nothing changed writes nothing.
    int saves = disk.setting_save_count;
    edited(ui);
    CHECK(disk.setting_save_count == saves);
    disk.saved_at_start = disk.last_saved;  // The next session opens this book.
  }
  {
    Ui ui(/*keep_settings=*/true);  // A new State on the same storage; init only.
    app::CommissionPanel& c = ui.state->commission;
    CHECK(ui.state->book_name == "book.json");
    CHECK(c.slots[1].source == "preset: Sales-based, flat 5%");
    CHECK(c.slots[1].has_applied);
    CHECK(c.slots[1].applied.rate_ppm == 70000);
    CHECK(std::string(c.slots[1].form.rate) == "7%");
    CHECK_FALSE(c.slots[1].pending);
    CHECK(c.slots[0].source == "preset: Cash collected, 80% gate");  // A was never chosen.
    // B's statement at 7% of sales, paid a month later: INV-1 1,000.00 (January) -> 70.00
    // payable in February, INV-2 500.00 (February) -> 35.00 payable in March: 105.00 (the
    // 5% preset paid 75.00).
    c.slot = 1;
    REQUIRE(app::show_panel(*ui.state, "commission"));
    ui.frames(3);
    REQUIRE(c.computed);
    CHECK(c.statement.total.payable_minor == 10500);
    CHECK(ui.summary()["commission"]["b"]["plan"] == "Sales-based, flat 5%");
    // A save that fails says so in the status line; the plan stays applied.
    disk.setting_error = "disk full";
    std::snprintf(c.slots[1].form.rate, sizeof c.slots[1].form.rate, "6%%");
    edited(ui);
    disk.setting_error.clear();
    CHECK(c.slots[1].applied.rate_ppm == 60000);
    CHECK(ui.state->status == "Plan B is not kept for the next session: disk full");
    CHECK(disk.settings["commission-plan-b.json"].find("\"rate\": \"7%\"") != std::string::npos);
  }
  // Plans that no longer fit: A names a salesperson this book lacks; B's file is in a format
  // this version does not read. Neither blocks the start.
  disk.settings["commission-plan-a.json"] = R"({"format": "arlab-commission-plan/1",
    "name": "Old team", "rate": "5%", "gates": {"sales_target": {"S9": "10.00"}}})";
  disk.settings["commission-plan-a.source"] = "team.json";
  disk.settings["commission-plan-b.json"] = R"({"format": "arlab-commission-plan/2"})";
  {
    Ui ui(/*keep_settings=*/true);
    app::CommissionPanel& c = ui.state->commission;
    CHECK(c.slots[0].source == "team.json");
    CHECK(std::string(c.slots[0].form.name) == "Old team");
    CHECK(has_problem(c.slots[0], "gates.sales_target.S9", "no salesperson"));
    CHECK_FALSE(c.slots[0].has_applied);  // No statement of a plan the user did not keep.
    REQUIRE_FALSE(c.slots[1].unreadable_problems.empty());
    CHECK(c.slots[1].unreadable_text.find("arlab-commission-plan/2") != std::string::npos);
    CHECK(c.slots[1].source ==
          "preset: Sales-based, flat 5%; the kept plan (preset: Sales-based, flat 5%) could not "
          "be read");
    CHECK(c.slots[1].applied.rate_ppm == 50000);  // The preset.
    REQUIRE(app::show_panel(*ui.state, "commission-compare"));
    ui.frames(4);  // Editor with its problems, "both plans need to be valid": drawn, no crash.
    CHECK_FALSE(c.computed);
    CHECK_FALSE(c.compared);
    c.slot = 1;
    ui.frames(3);  // B's editor shows the unreadable plan's reasons.
    // Editing B replaces the unreadable saved plan.
    std::snprintf(c.slots[1].form.rate, sizeof c.slots[1].form.rate, "4%%");
    edited(ui);
    CHECK(c.slots[1].unreadable_problems.empty());
    CHECK(disk.settings["commission-plan-b.json"].find("\"rate\": \"4%\"") != std::string::npos);
  }
  disk.saved_at_start.reset();
  disk.settings.clear();
}

namespace {

// Frames until the panel's busy state shows (a tab selected by code draws a frame later).
bool frames_until_busy(Ui& ui, const app::BusyCompute& busy) {
  for (int k = 0; k < 5 && !app::busy_showing(*ui.state, busy); ++k) ui.frames(1);
  return app::busy_showing(*ui.state, busy);
}

}  // namespace

TEST_CASE("a big book: the frame after a change says Computing..., the next one computes") {
  Ui ui;
  open_test_book(ui);  // 3 invoices: under the default threshold, computed at once.
  CHECK(ui.state->commission.busy.shown_frame == 0);
  CHECK(ui.state->metrics.busy.shown_frame == 0);
  ui.state->defer_invoices_min = 3;  // As if 3 invoices were a big book.

  // Metrics: a new period.
  app::MetricsPanel& m = ui.state->metrics;
  ui.show(app::Tab::Metrics);
  m.period.preset = app::PeriodPreset::ThisMonth;
  uint64_t metrics_count = m.compute_count;
  std::string status = ui.state->status;
  REQUIRE(frames_until_busy(ui, m.busy));
  CHECK(m.compute_count == metrics_count);  // Nothing computed in the busy frame.
  CHECK(ui.state->status == "Computing metrics for 3 invoices...");
  ui.frames(1);
  CHECK(m.compute_count == metrics_count + 1);
  CHECK(m.total.days == 20);  // 2025-03-01 to 2025-03-20.
  CHECK(ui.state->status == status);
  ui.frames(3);
  CHECK(m.compute_count == metrics_count + 1);  // Nothing more to do: no busy frame either.
  CHECK(m.busy.shown_frame == 0);
  // A change made while the tab is hidden: its first frame back is not laid out yet (tables
  // and tab bars size themselves then), so the busy state shows twice, then it computes.
  ui.show(app::Tab::Dashboard);
  m.period.preset = app::PeriodPreset::LastQuarter;
  ui.state->select_tab = app::Tab::Metrics;
  REQUIRE(frames_until_busy(ui, m.busy));
  CHECK_FALSE(m.busy.settled);
  ui.frames(1);
  CHECK(app::busy_showing(*ui.state, m.busy));
  CHECK(m.busy.settled);
  CHECK(m.compute_count == metrics_count + 1);
  ui.frames(1);
  CHECK(m.compute_count == metrics_count + 2);
  CHECK(arlab::format_date(m.built_from) == "2024-10-01");

  // Commission: a new period for the statement, then the comparison.
  app::CommissionPanel& c = ui.state->commission;
  ui.show(app::Tab::Commission);
  c.period.preset = app::PeriodPreset::ThisMonth;
  uint64_t count = c.compute_count;
  REQUIRE(frames_until_busy(ui, c.busy));
  CHECK(c.compute_count == count);
  CHECK(ui.state->status == "Computing commission for 3 invoices...");
  ui.frames(1);
  CHECK(c.compute_count == count + 1);
  CHECK(arlab::format_date(c.statement.requested_from) == "2025-03-01");
  CHECK(ui.state->status == status);
  uint64_t compared = c.compare_count;
  REQUIRE(app::show_panel(*ui.state, "commission-compare"));
  REQUIRE(frames_until_busy(ui, c.busy));
  CHECK(c.compare_count == compared);
  CHECK(ui.state->status == "Computing commission for 3 invoices (plans A and B)...");
  ui.frames(1);
  CHECK(c.compare_count == compared + 1);
  REQUIRE(c.compared);
  CHECK(c.comparison.b.payable_minor == 2500);  // February's 25.00 under B, paid in March.
  // A plan applied with Enter is computed the frame after the one that says so.
  c.slot = 1;
  std::snprintf(c.slots[1].form.rate, sizeof c.slots[1].form.rate, "10%%");
  app::PlanSlot& slot = c.slots[1];
  ++slot.form_generation;
  slot.pending = true;
  c.apply_requested = true;
  compared = c.compare_count;
  ui.frames(1);
  CHECK(app::busy_showing(*ui.state, c.busy));
  CHECK(c.compare_count == compared);
  ui.frames(1);
  CHECK(c.compare_count == compared + 1);
  CHECK(c.comparison.b.payable_minor == 5000);  // 10% of February's 500.00.
  // Exports compute at once (no frame to show anything in).
  c.period.preset = app::PeriodPreset::LastQuarter;
  count = c.compute_count;
  app::export_commission_csv(*ui.state, false);
  CHECK(c.compute_count == count + 1);
}

// ---- Never lose a book: ask before a replace, snapshots that mean something ---------------

namespace {

// One book of one invoice, 300.00 (not the test book: a replace must be seen).
const char* kOtherBook = R"({
  "format": "arlab-book/1", "currency": "USD",
  "customers": [ {"id": "K1", "name": "Kappa"} ],
  "invoices": [ {"id": "K-1", "customer": "K1", "date": "2025-04-01", "amount": "300.00"} ]
})";

// A key down for one frame and up (GLFW codes, as the shells map them: 256 Escape, 257 Enter).
void press_key(Ui& ui, ImGuiKey_ key, int code) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[key] = code;
  io.KeysDown[code] = true;
  ui.frames(1);
  io.KeysDown[code] = false;
  ui.frames(2);
}

app::Snapshot snap(const char* id, const char* time, const char* session,
                   app::SnapshotKind kind = app::SnapshotKind::Routine, bool pinned = false) {
  app::Snapshot s;
  s.id = id;
  s.meta.time = time;
  s.meta.session = session;
  s.meta.kind = kind;
  s.meta.pinned = pinned;
  s.meta.labelled = true;
  return s;
}

const nlohmann::json* find_snapshot(const nlohmann::json& summary, const std::string& kind,
                                    const std::string& book) {
  for (const nlohmann::json& s : summary["snapshots"]) {
    if (s["kind"] == kind && s["book"] == book) return &s;
  }
  return nullptr;
}

}  // namespace

// ---- Issue 10: the comparison's names and export, the lines pane's splitter, Help ---------

namespace {

// Frames at a window size with the mouse where the test puts it (Ui::frames sweeps it).
void frames_at(Ui& ui, ImVec2 size, int n, ImVec2 mouse = ImVec2(-FLT_MAX, -FLT_MAX),
               bool down = false) {
  ImGuiIO& io = ImGui::GetIO();
  for (int k = 0; k < n; ++k) {
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    app::frame(*ui.state);
    ImGui::Render();
  }
  io.MouseDown[0] = false;
}

// One frame with `key` down (a GLFW code, as the shells store it), then one with it up.
void press(Ui& ui, int key) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[key] = true;
  ui.frames(1);
  io.KeysDown[key] = false;
  ui.frames(1);
}

// Beta's INV-9 (250.00) through the form: a change to undo.
void add_invoice(Ui& ui) {
  ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-9", 1, "2025-03-20", "250.00");
  ui.submit();
  REQUIRE(ui.summary()["invoices"] == 4);
}

// The comparison's figures by label, as the summary reports what the last frame drew.
std::map<std::string, std::set<std::string>> shown_figures(const Ui& ui) {
  std::map<std::string, std::set<std::string>> out;
  nlohmann::json summary = ui.summary();
  for (const auto& f : summary["commission_compare"]["shown"]) {
    out[f[0].get<std::string>()].insert(f[1].get<std::string>());
  }
  return out;
}

std::string source_doc(const char* file_name) {
  return source_file(std::string("docs/") + file_name);
}

// The Help window's rectangle lies inside the display.
void check_help_fits(ImVec2 display) {
  ImGuiWindow* w = ImGui::FindWindowByName("Help###help");
  REQUIRE(w);
  CHECK(w->Pos.x >= 0);
  CHECK(w->Pos.y >= 0);
  CHECK(w->Pos.x + w->Size.x <= display.x);
  CHECK(w->Pos.y + w->Size.y <= display.y);
}

}  // namespace

TEST_CASE("snapshots: the retention policy on a hand-made list") {
  using K = app::SnapshotKind;
  // Sessions S3 (this one), S2, S1, S0; newest first. Policy: 2 latest, the last save of
  // 2 days, of 3 sessions, 1 snapshot before a replace or an import.
  std::vector<app::Snapshot> list = {
      snap("a", "2025-07-03 10:05:00", "S3"),                   // latest
      snap("b", "2025-07-03 10:04:00", "S3"),                   // latest
      snap("c", "2025-07-03 10:03:00", "S3"),                   // its day and session have a
      snap("d", "2025-07-03 10:02:00", "S3", K::BeforeReplace), // the 1 before a replace
      snap("e", "2025-07-02 18:00:00", "S2"),                   // last of the 2nd day
      snap("f", "2025-07-02 17:00:00", "S2", K::Routine, true), // pinned
      snap("g", "2025-07-02 16:00:00", "S2"),                   // e is its day's and session's
      snap("h", "2025-07-01 23:59:00", "S1"),                   // 3rd day: no; 3rd session: yes
      snap("i", "2025-06-20 10:00:00", "S0"),                   // 4th day, 4th session
      snap("j", "2025-06-19 09:00:00", "S0", K::BeforeImport),  // a 2nd before-replace/import
      snap("k", "2025-06-18 09:00:00", ""),                     // an older arlab's, no session
  };
  app::RetentionPolicy policy{2, 2, 3, 1};
  std::vector<std::string> why = app::snapshot_retention(list, policy);
  CHECK(why == std::vector<std::string>{"latest", "latest", "", "before replace",
                                        "last of 2025-07-02", "pinned", "", "last of a session",
                                        "", "", ""});
  // The default policy (2 latest, 7 days, 3 sessions, 10 before replace or import) keeps the
  // days back to 2025-06-18: h, i and k are the last of their days; only c and g go.
  why = app::snapshot_retention(list);
  CHECK(why == std::vector<std::string>{"latest", "latest", "", "before replace",
                                        "last of 2025-07-02", "pinned", "", "last of 2025-07-01",
                                        "last of 2025-06-20", "before import",
                                        "last of 2025-06-18"});
  std::vector<app::Snapshot> kept = list;
  CHECK(app::apply_retention(&kept, policy) == std::vector<std::string>{"c", "g", "i", "j", "k"});
  REQUIRE(kept.size() == 6);
  CHECK(kept[5].id == "h");

  // The same book twice is one snapshot: a replace after a save marks the save, keeps its id.
  std::vector<app::Snapshot> two;
  app::SnapshotMeta m;
  m.time = "2025-07-03 10:00:00";
  m.bytes = 10;
  m.hash = app::text_hash("0123456789");
  app::SnapshotAdd first = app::add_snapshot(&two, m);
  CHECK(first.id == "2025-07-03_10-00-00_001");
  CHECK(first.is_new);
  m.kind = K::BeforeReplace;
  m.time = "2025-07-03 10:00:30";
  app::SnapshotAdd again = app::add_snapshot(&two, m);
  CHECK_FALSE(again.is_new);
  CHECK(again.id == first.id);
  REQUIRE(two.size() == 1);
  CHECK(two[0].meta.kind == K::BeforeReplace);
  m.kind = K::Routine;  // A later routine save of that book leaves it as it is.
  CHECK_FALSE(app::add_snapshot(&two, m).changed);
  CHECK(two[0].meta.kind == K::BeforeReplace);
  m.hash ^= 1;          // Another book in the same second: the next id.
  m.time = "2025-07-03 10:00:00";
  CHECK(app::add_snapshot(&two, m).id == "2025-07-03_10-00-00_002");

  // Names in a snapshot folder: this arlab's, and older browser and desktop ones.
  std::string id, time;
  REQUIRE(app::parse_snapshot_file("2025-07-03_10-00-00_002.json", &id, &time));
  CHECK(id == "2025-07-03_10-00-00_002");
  CHECK(time == "2025-07-03 10:00:00");
  REQUIRE(app::parse_snapshot_file("2025-06-30_14-02-11.json", &id, &time));
  CHECK(time == "2025-06-30 14:02:11");
  REQUIRE(app::parse_snapshot_file("book-20250630-140211.json", &id, &time));
  CHECK(id == "book-20250630-140211");
  CHECK(time == "2025-06-30 14:02:11");
  CHECK_FALSE(app::parse_snapshot_file("2025-07-03_10-00-00_002.meta.json", &id, &time));
  CHECK_FALSE(app::parse_snapshot_file("book.json", &id, &time));
  CHECK_FALSE(app::parse_snapshot_file("../../etc/passwd", &id, &time));

  // A label survives its sidecar; a stranger's JSON is not one.
  m.label = {"small \"book\".json", 3, 2, "Invoice INV-9 to Beta (C2): 250.00 on 2025-03-20"};
  m.pinned = true;
  app::SnapshotMeta back;
  REQUIRE(app::read_snapshot_meta(app::snapshot_meta_json(m), &back));
  CHECK(back.label.book_name == m.label.book_name);
  CHECK(back.label.invoices == 3);
  CHECK(back.label.last_change == m.label.last_change);
  CHECK(back.pinned);
  CHECK(back.hash == m.hash);
  CHECK(back.time == m.time);
  CHECK_FALSE(app::read_snapshot_meta(R"({"format": "arlab-book/1"})", &back));
  CHECK_FALSE(app::read_snapshot_meta(R"({"format": "arlab-snapshot/1", "pinned": "yes"})",
                                      &back));
  CHECK_FALSE(app::read_snapshot_meta("not json", &back));
}

TEST_CASE("replace: a book file asks first; Cancel keeps the book and its undo history") {
  app::platform::FakePlatform& fake = app::platform::fake();
  fake.clear_storage();
  Ui ui;
  open_test_book(ui);
  ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-9", 1, "2025-03-20", "250.00");
  ui.submit();
  REQUIRE(ui.summary()["invoices"] == 4);
  const std::string inv9 = "Invoice INV-9 to Beta (C2): 250.00 on 2025-03-20";
  CHECK(app::last_change_text(*ui.state) == inv9);

  // A broken file: its problems, no question, nothing changed.
  CHECK_FALSE(app::open_file_text(*ui.state, "bad.json", kBadBook));
  CHECK_FALSE(ui.state->replace.pending);
  CHECK(ui.state->problems_file == "bad.json");
  ui.state->problems_popup = false;

  // A good one, dropped: asked, named, nothing replaced yet.
  int saves = fake.save_count;
  REQUIRE(app::open_file_text(*ui.state, "drops/other.json", kOtherBook));
  ui.frames(2);
  nlohmann::json s = ui.summary();
  CHECK(s["confirm_replace"]["open"] == true);
  CHECK(s["confirm_replace"]["showing"] == true);
  CHECK(s["confirm_replace"]["replaces"] == "test.json");
  CHECK(s["confirm_replace"]["with"] == "other.json");
  CHECK(s["confirm_replace"]["source"] == "the file other.json");
  CHECK(s["confirm_replace"]["invoices"] == 1);
  CHECK(s["book"] == "test.json");
  CHECK(s["invoices"] == 4);

  // Escape is Cancel: the book, its undo history and the saves are as they were.
  press_key(ui, ImGuiKey_Escape, 256);
  s = ui.summary();
  CHECK(s["confirm_replace"]["open"] == false);
  CHECK(s["confirm_replace"]["showing"] == false);
  CHECK(s["book"] == "test.json");
  CHECK(s["invoices"] == 4);
  CHECK(s["open"] == "3350.00");
  CHECK(s["can_undo"] == true);
  CHECK(ui.state->history.done_count() == 1);
  CHECK(fake.save_count == saves);
  CHECK(s["status"] == "Not replaced: test.json is still open");

  // Asked again, Enter is Replace: the test book is kept, marked "before replace".
  REQUIRE(app::open_file_text(*ui.state, "drops/other.json", kOtherBook));
  ui.frames(2);
  press_key(ui, ImGuiKey_Enter, 257);
  s = ui.summary();
  CHECK(s["book"] == "other.json");
  CHECK(s["invoices"] == 1);
  CHECK(s["can_undo"] == false);
  CHECK(s["status"] == "Opened other.json: 1 invoices, 1 customers; the book before is kept in "
                      "Storage > Snapshots");
  const nlohmann::json* kept = find_snapshot(s, "before replace", "test.json");
  REQUIRE(kept);
  CHECK((*kept)["invoices"] == 4);
  CHECK((*kept)["customers"] == 2);
  CHECK((*kept)["last_change"] == inv9);
  CHECK((*kept)["why"] == "before replace");
  const std::string kept_id = (*kept)["id"];

  // A burst of 12 edits a minute apart: routine snapshots roll over, the kept one stays.
  for (int k = 0; k < 12; ++k) {
    char id[16], now[24];
    std::snprintf(id, sizeof id, "K-%d", k + 2);
    std::snprintf(now, sizeof now, "2025-06-30 10:%02d:00", k);
    fake.now = now;
    ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, id, 0, "2025-04-01", "1.00");
    ui.submit();
  }
  s = ui.summary();
  REQUIRE(s["invoices"] == 13);
  // One session, one day: the 2 latest routine saves, and the books before the two replaces
  // (the sample, which open_test_book replaced, and the test book).
  REQUIRE(s["snapshots"].size() == 4);
  CHECK(s["snapshots"][0]["why"] == "latest");
  CHECK(s["snapshots"][0]["invoices"] == 13);
  CHECK(s["snapshots"][0]["time"] == "2025-06-30 10:11:00");
  CHECK(s["snapshots"][1]["why"] == "latest");
  CHECK(s["snapshots"][1]["invoices"] == 12);
  CHECK(s["snapshots"][2]["id"] == kept_id);
  CHECK(find_snapshot(s, "before replace", "sample"));

  // Restore asks as well, and brings the test book back with INV-9; the edited book is kept.
  REQUIRE(app::ask_restore_snapshot(*ui.state, kept_id));
  ui.frames(2);
  CHECK(ui.summary()["confirm_replace"]["source"] == "snapshot 2025-06-30 09:00:00 (test.json)");
  CHECK(ui.summary()["invoices"] == 13);
  press_key(ui, ImGuiKey_Enter, 257);
  s = ui.summary();
  CHECK(s["book"] == "test.json");
  CHECK(s["invoices"] == 4);
  CHECK(s["open"] == "3350.00");
  CHECK(app::last_change_text(*ui.state) == inv9);  // The label's, as it was saved.
  const nlohmann::json* edited = find_snapshot(s, "before replace", "other.json");
  REQUIRE(edited);
  CHECK((*edited)["invoices"] == 13);
  ui.show(app::Tab::Storage);
  ui.show(app::Tab::History);
}

TEST_CASE("replace: New from sample asks; a snapshot that cannot be read asks nothing") {
  app::platform::FakePlatform& fake = app::platform::fake();
  fake.clear_storage();
  Ui ui;
  open_test_book(ui);
  app::ask_load_sample(*ui.state);
  ui.frames(2);
  CHECK(ui.summary()["confirm_replace"]["source"] == "the sample book");
  CHECK(ui.summary()["book"] == "test.json");
  app::cancel_replace(*ui.state);
  ui.frames(2);
  CHECK(ui.summary()["book"] == "test.json");
  // A snapshot whose file was damaged: its problems, and the test book stays.
  REQUIRE_FALSE(fake.snapshots.empty());
  fake.snapshot_texts[fake.snapshots[0].id] = "{ damaged";
  CHECK_FALSE(app::ask_restore_snapshot(*ui.state, fake.snapshots[0].id));
  CHECK_FALSE(ui.state->replace.pending);
  CHECK(ui.state->problems_title == "Could not restore snapshot 2025-06-30 09:00:00");
  CHECK_FALSE(app::ask_restore_snapshot(*ui.state, "no-such-id"));
  // Too big to keep (the browser's 16 MB, here 100 bytes): the modal says so in advance, and
  // the replace says the book before could not be kept.
  fake.snapshot_bytes_max = 100;
  REQUIRE(app::open_file_text(*ui.state, "other.json", kOtherBook));
  ui.frames(2);
  app::confirm_replace(*ui.state);
  CHECK(ui.summary()["book"] == "other.json");
  CHECK(ui.state->status == "Opened other.json: 1 invoices, 1 customers; the book before could "
                            "not be kept: the book is over the snapshot limit");
  CHECK(ui.summary()["snapshot_note"] == "the book is over the snapshot limit");
  fake.snapshot_bytes_max = 0;
}

TEST_CASE("replace: the book's name and last change survive a restart; undo history does not") {
  app::platform::FakePlatform& fake = app::platform::fake();
  fake.clear_storage();
  const std::string inv9 = "Invoice INV-9 to Beta (C2): 250.00 on 2025-03-20";
  {
    Ui ui;
    open_test_book(ui);
    ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-9", 1, "2025-03-20", "250.00");
    ui.submit();
    CHECK(fake.last_label.book_name == "test.json");
    CHECK(fake.last_label.invoices == 4);
    CHECK(fake.last_label.last_change == inv9);
  }
  // The next session: what the storage kept, a new session a day later.
  fake.saved_at_start = fake.last_saved;
  fake.label_at_start = fake.last_label;
  fake.session = fake.now = "2025-07-01 08:00:00";
  {
    Ui ui;
    ui.frames(3);
    nlohmann::json s = ui.summary();
    CHECK(s["book"] == "test.json");
    CHECK(s["invoices"] == 4);
    CHECK(s["can_undo"] == false);
    CHECK(s["book_reloaded"] == true);
    CHECK(s["status"] == "Opened test.json as last saved. Undo history does not survive a "
                         "reload: earlier states are in Storage > Snapshots");
    CHECK(app::last_change_text(*ui.state) == inv9);
    ui.show(app::Tab::History);  // Says it too.
    // Three edits in this session: the 2 latest saves are today's; yesterday's last save
    // (4 invoices) stays as its day's last, the save between (5 invoices) goes.
    for (int k = 0; k < 3; ++k) {
      char id[16], now[24];
      std::snprintf(id, sizeof id, "INV-%d", 10 + k);
      std::snprintf(now, sizeof now, "2025-07-01 08:0%d:00", 5 + k);
      fake.now = now;
      ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, id, 1, "2025-03-20", "5.00");
      ui.submit();
    }
    s = ui.summary();
    CHECK(s["book_reloaded"] == true);  // Still the reopened book: History's note stays.
    REQUIRE(s["snapshots"].size() == 4);
    CHECK(s["snapshots"][0]["invoices"] == 7);
    CHECK(s["snapshots"][0]["why"] == "latest");
    CHECK(s["snapshots"][1]["invoices"] == 6);
    CHECK(s["snapshots"][1]["why"] == "latest");
    CHECK(s["snapshots"][2]["invoices"] == 4);
    CHECK(s["snapshots"][2]["last_change"] == inv9);
    CHECK(s["snapshots"][2]["why"] == "last of 2025-06-30");
    CHECK(s["snapshots"][3]["book"] == "sample");
    CHECK(s["snapshots"][3]["why"] == "before replace");
  }
  fake.saved_at_start.reset();
  fake.label_at_start.reset();
}

// ---- Issue 10: dates and defaults, errors in plain words ---------------------------------

TEST_CASE("today: the sample ends today, books open as of today, new entries are dated today") {
  Ui ui;  // Today: 2025-03-20. The embedded sample ends on 2025-12-31: 286 days later.
  ui.frames(3);
  nlohmann::json s = ui.summary();
  CHECK(s["book"] == "sample");
  CHECK(s["today"] == "2025-03-20");
  CHECK(s["as_of"] == "2025-03-20");
  CHECK(s["sample_shift_days"] == -286);
  CHECK(s["status"] ==
        "Opened the sample book, its dates moved 286 days earlier so that it ends today");
  CHECK(arlab::book_last_date(ui.state->book) == kToday);
  // Moved, not changed: every figure as of today is the embedded sample's as of its last day.
  arlab::LoadResult embedded = arlab::read_book_json(arlab::sample_book_json());
  REQUIRE(embedded.ok);
  app::Figures f = app::compute_figures(embedded.book, arlab::date_from_ymd(2025, 12, 31),
                                        ui.state->edges);
  CHECK(ui.state->figures.open_minor == f.open_minor);
  CHECK(ui.state->figures.overdue_minor == f.overdue_minor);
  CHECK(ui.state->figures.aging.total_amounts_minor == f.aging.total_amounts_minor);
  CHECK(ui.state->book.invoices.size() == embedded.book.invoices.size());

  // A book opened on 2025-04-10 is seen as of that day, not as of its last document (03-20):
  // INV-1 (due 01-31, 600.00 open) is 69 days overdue, INV-2 (due 03-17) 24, INV-3 current.
  app::platform::fake().today = arlab::date_from_ymd(2025, 4, 10);
  REQUIRE(app::open_book_text(*ui.state, "test.json", kBook));
  ui.show_form(app::FormKind::Invoice);
  s = ui.summary();
  CHECK(s["as_of"] == "2025-04-10");
  CHECK(s["sample_shift_days"] == 0);
  CHECK(s["buckets"] == nlohmann::json({"2000.00", "500.00", "0.00", "600.00", "0.00"}));
  CHECK(s["overdue"] == "1100.00");
  CHECK(s["form_dates"]["invoice"] == "2025-04-10");  // A new entry's date is today.
  ui.show_form(app::FormKind::Payment);
  set(ui.state->forms.payment.date, sizeof ui.state->forms.payment.date, "2025-04-01");  // Typed.

  // Past midnight: the as-of date that was today follows, and so does an untouched form date;
  // the date the user typed stays.
  app::platform::fake().today = arlab::date_from_ymd(2025, 4, 11);
  ui.frames(1);
  s = ui.summary();
  CHECK(s["today"] == "2025-04-11");
  CHECK(s["as_of"] == "2025-04-11");
  CHECK(s["form_dates"]["invoice"] == "2025-04-11");
  CHECK(s["form_dates"]["payment"] == "2025-04-01");
  // An as-of date the user chose is left alone.
  app::set_as_of(*ui.state, arlab::date_from_ymd(2025, 3, 20));
  app::platform::fake().today = arlab::date_from_ymd(2025, 4, 12);
  ui.frames(1);
  CHECK(ui.summary()["as_of"] == "2025-03-20");
  CHECK(ui.summary()["today"] == "2025-04-12");
}

TEST_CASE("forms: every problem of a form at once, each under its field, naming it") {
  Ui ui;
  open_test_book(ui);
  int saves = app::platform::fake().save_count;
  // A used id, an impossible date and a negative amount: all three in one submit.
  ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-2", 1, "2025-02-30", "-5.00");
  ui.submit();
  nlohmann::json p = ui.summary()["form_problems"];
  REQUIRE(p.size() == 3);
  CHECK(p[0] == nlohmann::json({{"field", "id"},
                                {"text", "Invoice id: INV-2 is already used by another invoice"}}));
  CHECK(p[1] == nlohmann::json({{"field", "date"},
                                {"text", "Date: not a date: \"2025-02-30\" (YYYY-MM-DD)"}}));
  CHECK(p[2] == nlohmann::json({{"field", "amount"}, {"text", "Amount: must be positive"}}));
  CHECK(ui.summary()["invoices"] == 3);
  CHECK(app::platform::fake().save_count == saves);
  ui.frames(2);  // Drawn under their fields (no popup).
  CHECK_FALSE(ui.state->problems_popup);
  // A new customer: the used id and the empty name together.
  app::CustomerForm& c = ui.state->forms.customer;
  ui.show_form(app::FormKind::Customer);
  set(c.id, sizeof c.id, "C1");
  set(c.credit_limit, sizeof c.credit_limit, "-1");
  ui.submit();
  p = ui.summary()["form_problems"];
  REQUIRE(p.size() == 3);
  CHECK(p[0]["text"] == "Customer id: C1 is already used by another customer");
  CHECK(p[1]["text"] == "Name: enter a name");
  CHECK(p[2]["field"] == "credit_limit");
  CHECK(p[2]["text"] == "Credit limit: must not be negative");
  // Fixed: recorded, nothing left to show.
  ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-9", 1, "2025-03-20", "5.00");
  ui.submit();
  CHECK(ui.summary()["form_problems"].empty());
  CHECK(ui.summary()["invoices"] == 4);
}

TEST_CASE("credit limit: an invoice over it waits for Record anyway; Cancel records nothing") {
  Ui ui;
  open_test_book(ui);
  // Acme (C1, limit 10,000.00) owes 600.00 + 500.00 = 1,100.00 on 2025-03-20, no credit held.
  app::InvoiceForm& f =
      ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-9", 0, "2025-03-20", "9000.00");
  set(f.override_reason, sizeof f.override_reason, "agreed");  // Acme is on hold (past 1/3).
  ui.frames(2);
  CHECK(ui.summary()["credit_headroom"] ==
        "Credit limit 10,000.00; owes 1,100.00 on 2025-03-20: 8,900.00 left");
  int saves = app::platform::fake().save_count;
  ui.submit();  // 1,100.00 + 9,000.00 = 10,100.00: 100.00 over.
  const char* kWarning = "Acme would owe 10,100.00 with this invoice,\nover its credit limit of "
                         "10,000.00 by 100.00.\nIt owes 1,100.00 on 2025-03-20 before it.\n"
                         "Credit control comes before delivery.";
  CHECK(ui.summary()["credit_warning"] == kWarning);
  CHECK(ui.summary()["invoices"] == 3);  // Not saved yet.
  CHECK(app::platform::fake().save_count == saves);
  ui.state->forms.cancel_warning_requested = true;  // "Cancel".
  ui.frames(2);
  CHECK(ui.summary()["credit_warning"] == "");
  CHECK(ui.summary()["invoices"] == 3);
  CHECK(std::string(f.amount) == "9000.00");  // Still in the form, to change.
  ui.submit();
  CHECK(ui.summary()["credit_warning"] == kWarning);
  set(f.amount, sizeof f.amount, "8900.00");  // An edit drops the warning...
  ui.frames(2);
  CHECK(ui.summary()["credit_warning"] == "");
  ui.submit();  // ...and exactly up to the limit is recorded at once.
  CHECK(ui.summary()["invoices"] == 4);
  CHECK(ui.summary()["credit_headroom"] ==
        "Credit limit 10,000.00; owes 10,000.00 on 2025-03-20: 0.00 left");
  ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-10", 0, "2025-03-20", "1.00");
  set(f.override_reason, sizeof f.override_reason, "agreed");
  ui.submit();
  CHECK(ui.summary()["invoices"] == 4);
  CHECK(ui.summary()["credit_warning"] ==
        "Acme would owe 10,001.00 with this invoice,\nover its credit limit of 10,000.00 by "
        "1.00.\nIt owes 10,000.00 on 2025-03-20 before it.\nCredit control comes before "
        "delivery.");
  ui.state->forms.record_anyway_requested = true;  // "Record anyway".
  ui.frames(2);
  CHECK(ui.summary()["invoices"] == 5);
  CHECK(ui.summary()["credit_warning"] == "");
  // Each invoice and its override record (Acme is on hold: the reason is in its case).
  CHECK(app::platform::fake().save_count == saves + 4);
  REQUIRE(ui.state->book.collection.records.size() == 2);
  CHECK(ui.state->book.collection.records[1].kind == arlab::RecordKind::Override);
  CHECK(ui.state->book.collection.records[1].text == "agreed");
  CHECK(ui.state->book.str(ui.state->book.invoices[ui.state->book.collection.records[1].invoices[0]].id) ==
        "INV-10");
  // Beta has no limit: no headroom shown, never a warning.
  ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-11", 1, "2025-03-20",
          "99999.00");
  ui.frames(2);
  CHECK(ui.summary()["credit_headroom"] == "");
  ui.submit();
  CHECK(ui.summary()["invoices"] == 6);
  // The script hook (the browser test's) does the same through the form.
  REQUIRE(app::form_command(*ui.state, R"({"form": "invoice", "id": "INV-12", "customer": "C1",
                                          "date": "2025-03-20", "amount": "2.00",
                                          "override": "agreed", "submit": true})"));
  ui.frames(2);
  CHECK(ui.summary()["credit_warning"].get<std::string>().rfind("Acme would owe 10,003.00", 0) == 0);
  REQUIRE(app::form_command(*ui.state, R"({"form": "invoice", "answer": "record-anyway"})"));
  ui.frames(2);
  CHECK(ui.summary()["invoices"] == 7);
  CHECK_FALSE(app::form_command(*ui.state, R"({"form": "invoice", "customer": "C9"})"));
  CHECK_FALSE(app::form_command(*ui.state, R"({"form": "payment"})"));
}

TEST_CASE("a file that is no arlab file says what it is; the book stays") {
  Ui ui;
  open_test_book(ui);
  struct Case { const char* name; std::string text; const char* what; };
  const Case cases[] = {
      {"photo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "it is a PNG image"},
      {"package.json", R"({"name": "x", "version": "1.0"})",
       "it is a JSON object without \"invoices\" or \"customers\" (its members: \"name\", "
       "\"version\")"},
      {"notes.txt", "Call Acme on Monday\n", "it is text, not JSON: it starts with \"Call Acme "
                                             "on Monday\""}};
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK_FALSE(app::open_file_text(*ui.state, c.name, c.text));
    std::string title = std::string(c.name) +
                        " is not an arlab book, commission plan, commission statement or CSV file";
    nlohmann::json s = ui.summary();
    CHECK(s["status"] == title + ": " + c.what);
    CHECK(s["problems"]["title"] == title);
    CHECK(s["problems"]["list"] == nlohmann::json::array({{{"place", ""}, {"message", c.what}}}));
    CHECK(s["book"] == "test.json");
    CHECK(s["open"] == "3100.00");
    ui.frames(2);
  }
  // A broken book is still a book: located problems, as before.
  CHECK_FALSE(app::open_file_text(*ui.state, "bad.json", kBadBook));
  CHECK(ui.state->problems[0].place.find("invoices[0]") == 0);
}

// The test book over March 2025 (2025-03-01 to the as-of date 2025-03-20). A, cash-80-gate:
// S1's only cash, P-1 400.00 on 2025-03-20, earns 10.00, voided (no sales against the
// 100,000.00 target): cost 0.00; nothing earned in February either: payable 0.00. B,
// sales-based (5% at booking, paid a month later): no booking of S1 in March, cost 0.00;
// February's INV-2 500.00 -> 25.00 payable in March. So the two "B - A" differ: cost 0.00,
// payable 25.00; each label shows one number, on its card and in the TOTAL row alike.
TEST_CASE("commission compare: cost and payable are named apart; the export is the CLI's") {
  Ui ui;
  open_test_book(ui);
  app::CommissionPanel& c = ui.state->commission;
  c.period.preset = app::PeriodPreset::ThisMonth;
  REQUIRE(app::show_panel(*ui.state, "commission-compare"));
  ui.frames(4);
  REQUIRE(c.compared);
  std::map<std::string, std::set<std::string>> shown = shown_figures(ui);
  const std::map<std::string, std::set<std::string>> expected = {
      {"Cost A", {"0.00"}},    {"Cost B", {"0.00"}},        {"Cost B - A", {"0.00"}},
      {"Payable A", {"0.00"}}, {"Payable B", {"25.00"}}, {"Payable B - A", {"25.00"}}};
  CHECK(shown == expected);  // One number a label; "B - A" alone names nothing.
  size_t drawn = ui.summary()["commission_compare"]["shown"].size();
  CHECK(drawn == 9);  // Four cards, five TOTAL cells.
  CHECK(ui.summary()["commission_compare"]["from"] == "2025-03-01");
  CHECK(ui.summary()["commission_compare"]["to"] == "2025-03-20");

  // The exports: io/commission_report's writers over two compute_commission statements, what
  // `arlab commission --plan A --compare B --from --to` prints.
  const arlab::Book& book = ui.state->book;
  arlab::Date from = arlab::date_from_ymd(2025, 3, 1), to = arlab::date_from_ymd(2025, 3, 20);
  arlab::CommissionOptions figures_only;
  figures_only.keep_lines = false;
  arlab::CommissionStatement a = arlab::compute_commission(
      book, embedded_plan(arlab::plan_cash_80_gate_json(), 2), from, to, figures_only);
  arlab::CommissionStatement b = arlab::compute_commission(
      book, embedded_plan(arlab::plan_sales_based_json(), 2), from, to, figures_only);
  auto& exported = app::platform::fake().exported;
  exported.clear();
  REQUIRE(app::export_commission_comparison(*ui.state, false));
  const std::string& csv = exported["commission-compare-2025-03-01-to-2025-03-20.csv"];
  CHECK(csv == arlab::commission_comparison_csv(book, a, b));
  // Its TOTAL: payable A, payable B, difference (the card "Payable B - A"), net (cost) A, B.
  CHECK(csv.find("\nTOTAL,,0.00,25.00,25.00,gains,0.00,0.00,") != std::string::npos);
  REQUIRE(app::export_commission_comparison(*ui.state, true));
  const std::string& json = exported["commission-compare-2025-03-01-to-2025-03-20.json"];
  CHECK(json == arlab::commission_comparison_json(book, a, b));
  nlohmann::json parsed = nlohmann::json::parse(json);
  CHECK(parsed["total"]["difference"] == "25.00");
  CHECK(parsed["b"]["cost"] == "0.00");
  CHECK(parsed["b"]["payable"] == "25.00");
  CHECK(ui.state->status ==
        "Exported commission-compare-2025-03-01-to-2025-03-20.json to (test)");

  // No comparison (plan A unusable, as a kept plan naming what the book lacks is: restore_slot
  // leaves it unapplied): nothing exported, and the status line says why.
  exported.clear();
  c.slots[0].has_applied = false;
  ui.frames(2);
  CHECK_FALSE(app::export_commission_comparison(*ui.state, false));
  CHECK(exported.empty());
  CHECK(ui.state->status.find("Not exported: no comparison") == 0);
}

TEST_CASE("commission presets are listed by their plans' names") {
  Ui ui;
  ui.frames(2);
  // The "name" members of assets/plans/cash-80-gate.json, sales-based.json, split-holdback.json.
  const std::vector<std::string> names = {"Cash collected, 80% gate", "Sales-based, flat 5%",
                                          "Split 50/50 with holdback"};
  CHECK(app::commission_preset_names() == names);
  CHECK(ui.summary()["commission_presets"] == names);
  CHECK(ui.summary()["commission"]["a"]["source"] == "preset: Cash collected, 80% gate");
}

// The splitter under the salespeople table: dragged up, the pane of periods and lines below
// grows by as much; each side keeps its minimum; a double-click goes back to the default.
TEST_CASE("commission statement: the lines pane is made taller by dragging the splitter") {
  Ui ui;
  ui.frames(2);
  REQUIRE(app::show_panel(*ui.state, "commission"));
  app::CommissionPanel& c = ui.state->commission;
  // At 1024x700 the pane below starts at its minimum, within the window.
  frames_at(ui, ImVec2(1024, 700), 4);
  REQUIRE(c.computed);
  CHECK(c.splitter_y + c.drawn_lower_height < 700);
  const ImVec2 display(1440, 900);
  frames_at(ui, display, 4);
  float table = c.drawn_summary_height, lines = c.drawn_lower_height;
  CHECK(table > 0);
  CHECK(lines > 0);
  ImVec2 grip(c.splitter_x, c.splitter_y);
  frames_at(ui, display, 1, grip);        // Hover.
  frames_at(ui, display, 1, grip, true);  // Press.
  frames_at(ui, display, 2, ImVec2(grip.x, grip.y - 20), true);
  frames_at(ui, display, 2, ImVec2(grip.x, grip.y - 20));  // Release.
  CHECK(c.drawn_summary_height == doctest::Approx(table - 20).epsilon(0.001));
  CHECK(c.drawn_lower_height == doctest::Approx(lines + 20).epsilon(0.001));
  CHECK(ui.summary()["commission_layout"]["lines_height"].get<float>() ==
        doctest::Approx(lines + 20).epsilon(0.001));
  // Far up: the table keeps its header, a row and TOTAL; far down: the pane keeps its own.
  grip = ImVec2(c.splitter_x, c.splitter_y);
  frames_at(ui, display, 1, grip);
  frames_at(ui, display, 1, grip, true);
  frames_at(ui, display, 2, ImVec2(grip.x, grip.y - 2000), true);
  CHECK(c.summary_height > 0);  // Clamped as it is dragged, not only when drawn.
  frames_at(ui, display, 1, ImVec2(grip.x, grip.y - 2000));
  float row = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  CHECK(c.drawn_summary_height >= 3 * row);
  CHECK(c.drawn_summary_height < table - 20);
  CHECK(c.drawn_lower_height > lines + 20);
  grip = ImVec2(c.splitter_x, c.splitter_y);
  frames_at(ui, display, 1, grip);
  frames_at(ui, display, 1, grip, true);
  frames_at(ui, display, 2, ImVec2(grip.x, grip.y + 2000), true);
  frames_at(ui, display, 1, ImVec2(grip.x, grip.y + 2000));
  CHECK(c.drawn_lower_height >= 4 * row);
  CHECK(c.drawn_summary_height > table);
  // Everything still within the 700 pixels: the pane below ends above the status bar.
  CHECK(c.splitter_y + c.drawn_lower_height < display.y);
  // Double-click: the automatic height again.
  grip = ImVec2(c.splitter_x, c.splitter_y);
  ImGuiIO& io = ImGui::GetIO();
  frames_at(ui, display, 1, grip);
  for (int click = 0; click < 2; ++click) {
    frames_at(ui, display, 1, grip, true);
    frames_at(ui, display, 1, grip);
  }
  CHECK(io.MouseDoubleClicked[0] == false);
  CHECK(c.summary_height == 0);
  frames_at(ui, display, 2);
  CHECK(c.drawn_summary_height == doctest::Approx(table).epsilon(0.001));
}

TEST_CASE("markdown: the docs' subset as blocks") {
  const char* text =
      "# Title\n"
      "\n"
      "A paragraph\n"
      "that continues, with **bold**, `code` and [a link](#x) \xE2\x80\x94 a dash.\n"
      "\n"
      "- one\n"
      "  continued\n"
      "  - nested\n"
      "1. first\n"
      "\n"
      "    indented code\n"
      "    second line\n"
      "\n"
      "```json\n"
      "a | b\n"
      "\n"
      "```\n"
      "| name | formula |\n"
      "| --- | --- |\n"
      "| `a\\|b` | x `c|d` y |\n"
      "\n"
      "- [Formulas](#formulas)\n"
      "## Removed allocations (--paid)\n";
  std::vector<app::md::Block> b = app::md::parse(text);
  REQUIRE(b.size() == 10);
  CHECK(b[0].kind == app::md::Kind::Heading);
  CHECK(b[0].level == 1);
  CHECK(b[0].text == "Title");
  CHECK(b[0].anchor == "title");
  CHECK(b[1].kind == app::md::Kind::Paragraph);
  CHECK(b[1].text == "A paragraph that continues, with bold, code and a link - a dash.");
  CHECK(b[1].link.empty());
  CHECK(b[2].kind == app::md::Kind::Item);
  CHECK(b[2].text == "one continued");
  CHECK(b[2].level == 0);
  CHECK(b[2].marker.empty());
  CHECK(b[3].text == "nested");
  CHECK(b[3].level == 1);
  CHECK(b[4].marker == "1.");
  CHECK(b[4].text == "first");
  CHECK(b[5].kind == app::md::Kind::Code);
  CHECK(b[5].text == "indented code\nsecond line");
  CHECK(b[6].kind == app::md::Kind::Code);
  CHECK(b[6].text == "a | b\n");
  REQUIRE(b[7].kind == app::md::Kind::Table);
  CHECK(b[7].rows == std::vector<std::vector<std::string>>{{"name", "formula"},
                                                           {"a|b", "x c|d y"}});
  CHECK(b[8].kind == app::md::Kind::Item);
  CHECK(b[8].text == "Formulas");
  CHECK(b[8].link == "#formulas");
  CHECK(b[9].level == 2);
  CHECK(b[9].anchor == "removed-allocations---paid");
  // Beyond Latin-1, readably: fullwidth plus, an arrow.
  CHECK(app::md::plain("\xEF\xBC\x8B and \xE2\x86\x92") == "U+FF0B and ->");
  // Emphasis goes, a product stays, code is as written.
  CHECK(app::md::plain("*Compare A and B*. a * b, a*b, `x * y`, `*p*`") ==
        "Compare A and B. a * b, a*b, x * y, *p*");
}

TEST_CASE("help: every bundled doc is the build's docs/ file and draws whole") {
  Ui ui;
  ui.frames(2);
  for (const arlab::EmbeddedDoc& d : arlab::kEmbeddedDocs) {
    INFO(d.file_name);
    std::string_view text = d.markdown();
    CHECK(text == source_doc(d.file_name));
    std::vector<app::md::Block> blocks = app::md::parse(text);
    REQUIRE_FALSE(blocks.empty());
    CHECK(blocks.front().kind == app::md::Kind::Heading);
    CHECK(blocks.front().level == 1);
    size_t headings = 0, tables = 0;
    for (const app::md::Block& b : blocks) {
      headings += b.kind == app::md::Kind::Heading;
      tables += b.kind == app::md::Kind::Table;
    }
    CHECK(headings >= 5);
    CHECK(tables >= 1);  // Each doc has a table of its formulas or members.
    REQUIRE(app::show_panel(*ui.state, std::string("help-formulas:") + d.file_name));
    frames_at(ui, ImVec2(1024, 700), 3);
    nlohmann::json h = ui.summary()["help"];
    CHECK(h["open"] == true);
    CHECK(h["page"] == "formulas");
    CHECK(h["doc"] == d.file_name);
    CHECK(h["chars"].get<size_t>() >= app::md::text_chars(blocks));  // All of it drawn.
    check_help_fits(ImVec2(1024, 700));
  }
  // METRICS.md's formulas table, as written in the doc.
  std::vector<app::md::Block> metrics = app::md::parse(arlab::doc_metrics_md());
  bool dso = false;
  for (const app::md::Block& b : metrics) {
    if (b.kind != app::md::Kind::Table || b.rows[0] != std::vector<std::string>{"name", "formula"})
      continue;
    for (const auto& row : b.rows) {
      dso |= row[0] == "dso" && row[1] == "ar_end / credit_sales x days";
    }
  }
  CHECK(dso);
  // A link to a heading scrolls the doc to it; an unknown doc changes nothing.
  REQUIRE(app::show_panel(*ui.state, "help-formulas:COMMISSION.md#comparing-two-plans"));
  frames_at(ui, ImVec2(1280, 800), 4);
  CHECK(ui.state->help.jump_anchor.empty());
  float scroll = 0;
  for (ImGuiWindow* w : GImGui->Windows) {
    std::string name = w->Name;  // "Help###help/##page_.../##doc_..." (not its code blocks).
    bool doc = name.find("##doc") != std::string::npos && name.find("##code") == std::string::npos;
    if (doc && w->Active) scroll = w->Scroll.y;
  }
  CHECK(scroll > 1000);  // Near the end of the doc.
  CHECK_FALSE(app::open_help_doc(*ui.state, "README.md"));
  CHECK_FALSE(app::show_panel(*ui.state, "help-nothing"));
  CHECK(ui.summary()["help"]["doc"] == "COMMISSION.md");
}

TEST_CASE("help: each page draws and fits from 1024x700 to 1920x1080; Escape closes it") {
  Ui ui;
  ui.frames(2);
  ImGui::GetIO().KeyMap[ImGuiKey_Escape] = 256;  // GLFW_KEY_ESCAPE.
  size_t table_chars = 0;
  for (const app::Shortcut& s : app::shortcuts()) {
    table_chars += std::strlen(s.keys) + std::strlen(s.action) + std::strlen(s.where);
  }
  const std::pair<const char*, size_t> pages[] = {
      {"shortcuts", table_chars}, {"storage", 800}, {"practice", 3000}, {"about", 500}};
  for (ImVec2 display : {ImVec2(1024, 700), ImVec2(1280, 800), ImVec2(1920, 1080)}) {
    for (const auto& [page, chars] : pages) {
      INFO(page << " at " << display.x << "x" << display.y);
      REQUIRE(app::show_panel(*ui.state, std::string("help-") + page));
      frames_at(ui, display, 3);
      nlohmann::json h = ui.summary()["help"];
      CHECK(h["open"] == true);
      CHECK(h["page"] == page);
      CHECK(h["chars"].get<size_t>() >= chars);
      check_help_fits(display);
    }
  }
  // A smaller window moves the Help window back into sight.
  frames_at(ui, ImVec2(1024, 700), 2);
  check_help_fits(ImVec2(1024, 700));
  // Escape while Help has the keys closes it; the summary then reports no text drawn.
  press(ui, 256);
  CHECK(ui.state->help.open == false);
  CHECK(ui.summary()["help"]["chars"] == 0);
}

// The shortcuts are one table (app/shortcuts.h): handle_shortcuts runs it, Help lists it. Each
// row with a key is pressed here and does what the list says; a row added without a check
// here fails.
TEST_CASE("help: every shortcut listed with a key does what the list says") {
  using Check = void (*)(Ui&);
  const std::map<std::string, Check> checks = {
      {"Ctrl+Z",
       [](Ui& ui) {
         add_invoice(ui);
         ui.ctrl('Z');
         CHECK(ui.summary()["invoices"] == 3);
       }},
      {"Ctrl+Shift+Z",
       [](Ui& ui) {
         add_invoice(ui);
         ui.ctrl('Z');
         ui.ctrl('Z', true);
         CHECK(ui.summary()["invoices"] == 4);
       }},
      {"Ctrl+Y",
       [](Ui& ui) {
         add_invoice(ui);
         ui.ctrl('Z');
         ui.ctrl('Y');
         CHECK(ui.summary()["invoices"] == 4);
       }},
      {"Ctrl+O",
       [](Ui& ui) {
         app::platform::fake().has_picker = false;  // The desktop: it asks for a path.
         ui.ctrl('O');
         ImGuiWindow* popup = ImGui::FindWindowByName("Open a book");
         REQUIRE(popup);
         CHECK(popup->Active);
       }},
      {"Ctrl+S",
       [](Ui& ui) {
         auto& exported = app::platform::fake().exported;
         exported.clear();
         ui.ctrl('S');
         CHECK(exported["test.json"] == arlab::write_book_json(ui.state->book));
       }},
      {"F1",
       [](Ui& ui) {
         press(ui, app::kKeyF1);
         CHECK(ui.summary()["help"]["open"] == true);
         CHECK(ui.summary()["help"]["page"] == "shortcuts");
         CHECK(ui.summary()["help"]["chars"].get<size_t>() > 0);
         press(ui, app::kKeyF1);
         CHECK(ui.summary()["help"]["open"] == false);
       }},
  };
  size_t with_keys = 0;
  for (const app::Shortcut& s : app::shortcuts()) {
    if (!s.run) continue;
    ++with_keys;
    INFO(s.keys);
    auto it = checks.find(s.keys);
    REQUIRE_MESSAGE(it != checks.end(), "no check for the shortcut " << s.keys);
    Ui ui;
    open_test_book(ui);
    it->second(ui);
  }
  CHECK(with_keys == checks.size());
  Ui ui;
  CHECK(ui.summary()["help"]["shortcuts"] == app::shortcuts().size());
}

// ---- Issue 10: Tab order ------------------------------------------------------------------

TEST_CASE("keys: Tab walks the new invoice's fields in the order they are drawn") {
  Ui ui;
  open_test_book(ui);
  ui.show_form(app::FormKind::Invoice);
  app::InvoiceForm& f = ui.state->forms.invoice;
  f.customer = 1;  // Beta: not on hold (Acme's form has its "Deliver anyway" field too).
  ImGuiIO& io = ImGui::GetIO();
  // Tab, then a character: a field reached with Tab has its text selected, so the character
  // replaces it; which field holds it tells where Tab went. Id, then date, then amount (the
  // customer is a combo, the due date is off): the order they are drawn in, top to bottom.
  // A click on an empty spot of the form gives its window the keyboard, as a user's would.
  frames_at(ui, ImVec2(1440, 900), 2, ImVec2(300, 640), true);
  frames_at(ui, ImVec2(1440, 900), 2, ImVec2(300, 640), false);
  const int kTab = 258;  // GLFW_KEY_TAB, as the shells map it.
  std::string expected_order;
  for (char c : {'7', '8', '9'}) {
    io.KeyMap[ImGuiKey_Tab] = kTab;
    io.KeysDown[kTab] = true;
    frames_at(ui, ImVec2(1440, 900), 1, ImVec2(300, 640));
    io.KeysDown[kTab] = false;
    frames_at(ui, ImVec2(1440, 900), 1, ImVec2(300, 640));
    io.AddInputCharacter(static_cast<unsigned>(c));
    frames_at(ui, ImVec2(1440, 900), 2, ImVec2(300, 640));
    if (f.id == std::string(1, c)) expected_order += "id ";
    if (f.date == std::string(1, c)) expected_order += "date ";
    if (f.amount == std::string(1, c)) expected_order += "amount ";
  }
  CHECK(expected_order == "id date amount ");
}

// The payment score beside the grade (core/credit_score.h): computed once per figures
// generation and customer, never per frame. Acme on 2025-03-20: INV-1 (due 01-31) 600.00
// open after P-1's 400.00, INV-2 (due 03-17) open: 2 open past due, both late, nothing
// settled: not enough history (5 settled needed), no score.
TEST_CASE("customer: the payment score is cached and follows the as-of date") {
  Ui ui;
  open_test_book(ui);
  ui.show(app::Tab::Customer);
  ui.frames(2);
  const app::CustomerPanel& panel = ui.state->customer;
  const arlab::PaymentScore& score = panel.score.value().score;
  REQUIRE(panel.score.key());
  CHECK(panel.score.key()->customer == 0);
  CHECK(score.as_of == arlab::date_from_ymd(2025, 3, 20));
  CHECK(score.settled_count == 0);
  CHECK(score.open_overdue_count == 2);
  CHECK(score.late_count == 2);
  CHECK_FALSE(score.enough_history);
  CHECK(panel.score.value().how.find("promises: not recorded yet") != std::string::npos);
  uint64_t generation = panel.score.key()->figures_generation;
  uint64_t computes = panel.score.computes();
  CHECK(generation == ui.state->figures.generation);
  ui.frames(3);
  CHECK(panel.score.computes() == computes);  // Not recomputed per frame.
  // 2025-02-10: INV-1 is open 10 days past due; INV-2 is not due yet.
  app::set_as_of(*ui.state, arlab::date_from_ymd(2025, 2, 10));
  ui.frames(2);
  CHECK(panel.score.key()->figures_generation != generation);
  CHECK(panel.score.computes() == computes + 1);
  CHECK(score.as_of == arlab::date_from_ymd(2025, 2, 10));
  CHECK(score.open_overdue_count == 1);
}

// ---- Issue 11: what to do today ---------------------------------------------------------------

TEST_CASE("dashboard: what to do today is core's worklist of the test book") {
  // As of 2025-03-20 (the test book's last date): INV-1 (due 01-31, 600.00 open) is 48 days
  // overdue, past C1's 10-day limit: escalate; C1 is on hold for it; INV-2 (due 03-17) is 3
  // days overdue, within: remind; INV-3 (due 04-30) is 41 days away: nothing yet.
  Ui ui;
  open_test_book(ui);
  ui.show(app::Tab::Dashboard);
  const std::vector<arlab::WorkItem>& w = ui.state->figures.worklist;
  REQUIRE(w.size() == 3);
  CHECK(w[0].action == arlab::WorkAction::Escalate);
  CHECK(w[0].amount_minor == 60000);
  CHECK(w[0].days == 48);
  CHECK(w[1].action == arlab::WorkAction::Hold);
  CHECK(w[1].hold == arlab::kHoldPastLimit);
  CHECK(w[2].action == arlab::WorkAction::Remind);
  CHECK(w[2].amount_minor == 50000);
  CHECK(ui.summary()["worklist_items"] == 3);
  CHECK(ui.summary()["on_hold"] == 1);
}

TEST_CASE("case page: log a contact, record a promise, send a letter; refused without text; undo") {
  // The test book as of 2025-03-20: C1 (Acme) owes INV-1 600.00 (48 days overdue) and INV-2
  // 500.00 (3 days): the notice (level 1) lists both.
  Ui ui;
  open_test_book(ui);
  const uint64_t saves = app::platform::fake().save_count;
  REQUIRE(app::case_command(*ui.state, R"({"customer": "C1", "form": "contact",
      "date": "2025-03-20", "with": "Accounts payable", "text": "Will pay INV-1 on Friday",
      "by": "Ann", "submit": true})"));
  ui.frames(3);
  const std::vector<arlab::CaseRecord>& rs = ui.state->book.collection.records;
  REQUIRE(rs.size() == 1);
  CHECK(rs[0].kind == arlab::RecordKind::Contact);
  CHECK(rs[0].id == "R-1");
  CHECK(rs[0].text == "Will pay INV-1 on Friday");
  CHECK(rs[0].next_date == arlab::date_from_ymd(2025, 3, 27));  // A week after, by default.
  REQUIRE(app::case_command(*ui.state, R"({"form": "promise", "date": "2025-03-20",
      "amount": "600.00", "until": "2025-03-28", "submit": true})"));
  ui.frames(3);
  REQUIRE(rs.size() == 2);
  CHECK(rs[1].kind == arlab::RecordKind::Promise);
  CHECK(rs[1].amount_minor == 60000);
  REQUIRE(app::case_command(*ui.state, R"({"form": "letter", "date": "2025-03-20", "level": 1,
      "submit": true})"));
  ui.frames(3);
  REQUIRE(rs.size() == 3);
  CHECK(rs[2].kind == arlab::RecordKind::Letter);
  CHECK(rs[2].level == 1);
  REQUIRE(rs[2].invoices.size() == 2);
  CHECK(ui.summary()["records"] == 3);
  CHECK(ui.summary()["last_records"][2]["kind"] == "letter");
  CHECK(app::platform::fake().save_count >= saves + 3);
  // A contact with nothing said is refused, named by its field; nothing is added.
  REQUIRE(app::case_command(*ui.state, R"({"form": "contact", "text": "", "submit": true})"));
  ui.frames(3);
  CHECK(rs.size() == 3);
  // The case as core reads it: the promise pending, one letter sent.
  arlab::CaseView v = arlab::case_view(ui.state->book, 0, arlab::date_from_ymd(2025, 3, 20));
  REQUIRE(v.promises.size() == 1);
  CHECK(v.promises[0].status == arlab::PromiseStatus::Pending);
  CHECK(v.state.letters_sent == 1);
  app::undo(*ui.state);
  CHECK(rs.size() == 2);
  CHECK_FALSE(app::case_command(*ui.state, R"({"customer": "C9"})"));
  CHECK_FALSE(app::case_command(*ui.state, R"({"form": "party"})"));
}

TEST_CASE("on hold: a new invoice is refused without a reason; with one, the reason is recorded") {
  // Acme (C1) is on hold on 2025-03-20: INV-1 is 48 days overdue, past its 10-day limit.
  Ui ui;
  open_test_book(ui);
  app::InvoiceForm& f =
      ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-9", 0, "2025-03-20", "10.00");
  ui.submit();
  CHECK(ui.summary()["invoices"] == 3);
  REQUIRE(ui.state->forms.problems.size() == 1);
  CHECK(ui.state->forms.problems[0].place == "override");
  CHECK(ui.state->forms.problems[0].message.rfind("Deliver anyway: the customer is on hold (", 0) == 0);
  set(f.override_reason, sizeof f.override_reason, "Urgent spare part; CFO agreed");
  ui.submit();
  CHECK(ui.summary()["invoices"] == 4);
  const std::vector<arlab::CaseRecord>& rs = ui.state->book.collection.records;
  REQUIRE(rs.size() == 1);
  CHECK(rs[0].kind == arlab::RecordKind::Override);
  CHECK(rs[0].text == "Urgent spare part; CFO agreed");
  CHECK(rs[0].date == kToday);
  // Beta (C2) is not on hold: no reason asked.
  ui.fill(app::FormKind::Invoice, ui.state->forms.invoice, "INV-10", 1, "2025-03-20", "10.00");
  ui.submit();
  CHECK(ui.summary()["invoices"] == 5);
  CHECK(rs.size() == 1);
}

// ---- Issue 11: the credit file page and the policy editor ---------------------------------

TEST_CASE("credit file page: a review changes grade, limit and next review; reviews due") {
  // The test book: C1 (Acme) has terms 30, limit 10,000.00, no grade, no review; its first
  // invoice is dated 2025-01-01, so its first review falls 3 months after (the policy's row
  // for no grade): 2025-04-01. C2's first invoice 2025-03-01: 2025-06-01. As of 2025-04-15
  // only C1's review is due.
  Ui ui;
  open_test_book(ui);
  app::set_as_of(*ui.state, arlab::date_from_ymd(2025, 4, 15));
  REQUIRE(app::show_panel(*ui.state, "credit-file"));
  ui.frames(3);
  auto status = [&] { return nlohmann::json::parse(app::credit_file_status_json(*ui.state)); };
  nlohmann::json s = status();
  CHECK(s["customer"] == "C1");
  CHECK(s["grade"] == "");
  CHECK(s["limit"] == 1000000);
  CHECK(s["next_review"] == "2025-04-01");
  CHECK(s["review_months"] == 3);
  CHECK(s["reviews_due"] == nlohmann::json::array({"C1"}));
  // Grade B, limit 5,000.00, a guarantee; the next review by the policy: B every 6 months,
  // 2025-04-15 + 6 months = 2025-10-15.
  REQUIRE(app::credit_file_command(*ui.state, R"({"customer": "C1", "date": "2025-04-15",
      "grade": "B", "limit": "5,000.00", "security": "guarantee",
      "notes": "Bank reference good; a guarantee until the arrears are cleared", "by": "Credit",
      "submit": true})"));
  ui.frames(3);
  const std::vector<arlab::CaseRecord>& rs = ui.state->book.collection.records;
  REQUIRE(rs.size() == 1);
  CHECK(rs[0].kind == arlab::RecordKind::Review);
  CHECK(rs[0].grade == "B");
  CHECK(rs[0].amount_minor == 500000);
  CHECK(rs[0].security == arlab::Security::Guarantee);
  CHECK(rs[0].until == arlab::kNoDate);  // By the policy.
  CHECK(rs[0].by == "Credit");
  s = status();
  CHECK(s["problems"].empty());
  CHECK(s["grade"] == "B");
  CHECK(s["limit"] == 500000);
  CHECK(s["next_review"] == "2025-10-15");
  CHECK(s["review_months"] == 6);
  CHECK(s["security"] == "guarantee");
  CHECK(s["reviews"] == 1);
  CHECK(s["reviews_due"].empty());
  // Core reads the same: owed 600.00 + 500.00 = 1,100.00 against 5,000.00: 3,900.00 headroom.
  arlab::CreditFile f = arlab::credit_file(ui.state->book, 0, arlab::date_from_ymd(2025, 4, 15));
  CHECK(f.credit.headroom_minor == 390000);
  // A next review before the review and a negative limit: refused, each named by its field.
  REQUIRE(app::credit_file_command(*ui.state, R"({"date": "2025-04-15", "limit": "-5",
      "next_review": "2025-04-10", "submit": true})"));
  ui.frames(3);
  s = status();
  REQUIRE(s["problems"].size() == 1);
  CHECK(s["problems"][0].get<std::string>().rfind("New limit: must not be negative", 0) == 0);
  REQUIRE(app::credit_file_command(*ui.state, R"({"limit": "", "submit": true})"));
  ui.frames(3);
  s = status();
  REQUIRE(s["problems"].size() == 1);
  CHECK(s["problems"][0] == "Next review: the next review falls after the review");
  CHECK(rs.size() == 1);
  // Undo: the review is gone, C1 is due again.
  app::undo(*ui.state);
  ui.frames(2);
  s = status();
  CHECK(s["grade"] == "");
  CHECK(s["limit"] == 1000000);
  CHECK(s["next_review"] == "2025-04-01");
  CHECK(s["reviews_due"] == nlohmann::json::array({"C1"}));
  CHECK_FALSE(app::credit_file_command(*ui.state, R"({"customer": "C9"})"));
  CHECK_FALSE(app::credit_file_command(*ui.state, R"({"security": "cash"})"));
}

TEST_CASE("policy page: the warning level to 20 days, undo restores 15; a bad policy refused") {
  Ui ui;
  open_test_book(ui);
  REQUIRE(app::show_panel(*ui.state, "policy"));
  ui.frames(3);
  auto status = [&] { return nlohmann::json::parse(app::policy_status_json(*ui.state)); };
  const arlab::CollectionPolicy& policy = ui.state->book.collection.policy;
  // The default levels: notice 1, warning 15, lawyer's letter 30 days overdue.
  REQUIRE(policy.levels.size() == 3);
  CHECK(status()["form_levels"][1]["days"] == 15);
  REQUIRE(app::policy_command(*ui.state, R"({"level": 2, "days": 20, "action": "apply"})"));
  ui.frames(3);
  nlohmann::json s = status();
  CHECK(s["problems"].empty());
  CHECK(policy.levels[1].days == 20);
  CHECK(policy.levels[1].name == "warning");
  CHECK(ui.state->book.collection.policy_given);
  CHECK(s["edited"] == false);
  app::undo(*ui.state);
  ui.frames(2);
  CHECK(policy.levels[1].days == 15);
  CHECK(status()["form_levels"][1]["days"] == 15);  // The form follows the book.
  // The lawyer's letter at 10 days, before the warning's 15: refused, named by its field.
  REQUIRE(app::policy_command(*ui.state, R"({"level": 3, "days": 10, "action": "apply"})"));
  ui.frames(3);
  s = status();
  REQUIRE(s["problems"].size() == 1);
  CHECK(s["problems"][0] == "Level 3 (lawyer's letter), from days overdue: must be later than "
                            "the level before (15 days)");
  CHECK(policy.levels[2].days == 30);
  CHECK(s["edited"] == true);
  // An approval threshold that is no amount: named too, and nothing changes.
  REQUIRE(app::policy_command(*ui.state, R"({"level": 3, "days": 30, "approval_over": "lots",
      "action": "apply"})"));
  ui.frames(3);
  s = status();
  REQUIRE(s["problems"].size() == 1);
  CHECK(s["problems"][0].get<std::string>().rfind("Approval over: ", 0) == 0);
  CHECK(policy.approval_over_minor == 100000);
  // Revert: the book's policy back in the form.
  REQUIRE(app::policy_command(*ui.state, R"({"action": "revert"})"));
  ui.frames(2);
  s = status();
  CHECK(s["edited"] == false);
  CHECK(s["form_levels"][2]["days"] == 30);
  CHECK_FALSE(app::policy_command(*ui.state, R"({"level": 10, "days": 5})"));
  CHECK_FALSE(app::policy_command(*ui.state, R"({"action": "party"})"));
}

TEST_CASE("write-off above the approval threshold: refused without who approved; recorded with it") {
  // Beta (C2) owes INV-3 2,000.00; the default policy's threshold is 1,000.00.
  Ui ui;
  open_test_book(ui);
  app::WriteOffForm& f =
      ui.fill(app::FormKind::WriteOff, ui.state->forms.write_off, "W-9", 1, "2025-03-20", "1500.00");
  f.invoice = 2;
  ui.submit();
  REQUIRE(ui.state->forms.problems.size() == 1);
  CHECK(ui.state->forms.problems[0].place == "approved_by");
  CHECK(ui.state->forms.problems[0].message ==
        "Approved by: above 1,000.00 a write-off needs who approved it");
  CHECK(ui.state->book.write_offs.empty());
  set(f.approved_by, sizeof f.approved_by, "CFO");
  ui.submit();
  REQUIRE(ui.state->book.write_offs.size() == 1);
  const std::vector<arlab::CaseRecord>& rs = ui.state->book.collection.records;
  REQUIRE(rs.size() == 1);
  CHECK(rs[0].kind == arlab::RecordKind::Approval);
  CHECK(rs[0].ref == "W-9");
  CHECK(rs[0].by == "CFO");
  CHECK(rs[0].date == kToday);
  // 500.00 is under the threshold: nobody needs to approve it.
  ui.fill(app::FormKind::WriteOff, ui.state->forms.write_off, "W-10", 1, "2025-03-20", "500.00");
  f.invoice = 2;
  ui.submit();
  CHECK(ui.state->book.write_offs.size() == 2);
  CHECK(rs.size() == 1);
}

// ---- [SECTION] Training exercises view (issue 13) ------------------------------------------
#include "app/layout_check.h"
#include "app/training_exercises_view.h"

namespace {

// One frame of the exercises view alone, in a window filling a screen of w x h.
void exercises_frame(app::ExercisesView* v, const arlab::Scenario& s, float w, float h) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(w, h);
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("Training exercises", nullptr, ImGuiWindowFlags_NoDecoration);
  app::draw_training_exercises(s, v);
  ImGui::End();
  ImGui::Render();
}

}  // namespace

TEST_CASE("training exercises view: every exercise fits, and a right answer is marked right") {
  Ui ui;
  arlab::Scenario s;
  std::vector<arlab::Problem> problems;
  REQUIRE(arlab::read_scenario(arlab::kEmbeddedScenarios[0].json(), &s, &problems));
  app::ExercisesView v;
  exercises_frame(&v, s, 1024, 700);
  REQUIRE(v.exercises.size() == 6);  // 01 has salespeople: all six kinds.
  CHECK(v.outcomes.empty());
  const std::pair<float, float> sizes[] = {{1024, 700}, {1280, 800}, {1920, 1080}};
  for (const auto& [w, h] : sizes)
    for (size_t i = 0; i < v.exercises.size(); i++) {
      INFO(w << "x" << h << ", exercise " << i);
      v.current = i;
      // The engine's answer checked, so that the feedback is drawn too.
      arlab::ExerciseAnswer a = v.exercises[i].answer;
      app::set_exercise_answer(&v, i, a);
      v.check_requested = true;
      for (int k = 0; k < 3; k++) exercises_frame(&v, s, w, h);
      REQUIRE(v.feedback[i].has_value());
      CHECK(v.feedback[i]->correct);
      CHECK(app::layout_overflows().empty());
    }
  CHECK(app::exercises_right(v) == 6);
  REQUIRE(v.outcomes.size() == 6);
  for (const app::ExerciseOutcome& o : v.outcomes) {
    CHECK(o.scenario_id == "forgetful-customer");
    CHECK(o.points == o.max);
    CHECK(!o.practices.empty());
  }
  // A wrong level: not right, and the count drops to 5.
  v.current = 1;
  REQUIRE(v.exercises[1].kind == arlab::ExerciseKind::DunningLevel);
  arlab::ExerciseAnswer wrong = v.exercises[1].answer;
  wrong.level = wrong.level == arlab::kLevelNone ? 1 : arlab::kLevelNone;
  app::set_exercise_answer(&v, 1, wrong);
  v.check_requested = true;
  exercises_frame(&v, s, 1024, 700);
  CHECK(!v.feedback[1]->correct);
  CHECK(app::exercises_right(v) == 5);
  // The aging's money typed wrongly is refused in words, and nothing is checked.
  v.current = 4;
  REQUIRE(v.exercises[4].kind == arlab::ExerciseKind::AgingDsoCei);
  std::snprintf(v.bucket_text[0].data(), v.bucket_text[0].size(), "%s", "12.345");
  v.check_requested = true;
  exercises_frame(&v, s, 1024, 700);
  CHECK(v.field_error.rfind("current: ", 0) == 0);
  CHECK(v.feedback[4]->correct);  // The earlier check stands.
}

// ---- Issue 13: the collection call's view (app/training_call_view.h) -------------------------

#include "app/training_call_view.h"

namespace {

float ui_px(float pixels) { return app::ui::px(pixels); }

// One frame of a window filling the screen with only the call view in it. `key` (a code of
// io.KeysDown, -1: none) is down during the frame; the mouse at `mouse`, its button `down`.
// *content_width: how wide the window's content is (wrapped text: no wider than the window).
bool call_view_frame(app::CallView* v, const arlab::GameState& g, arlab::Move* out, ImVec2 size,
                     int key = -1, ImVec2 mouse = ImVec2(-FLT_MAX, -FLT_MAX), bool down = false,
                     float* content_width = nullptr) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = size;
  io.DeltaTime = 1.0f / 60.0f;
  io.MousePos = mouse;
  io.MouseDown[0] = down;
  if (key >= 0) io.KeysDown[key] = true;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  ImGui::SetNextWindowFocus();
  ImGui::Begin("Training call", nullptr, ImGuiWindowFlags_NoDecoration);
  const bool added = app::draw_training_call(g, v, out);
  if (content_width) *content_width = ImGui::GetCurrentWindow()->ContentSize.x;
  ImGui::End();
  ImGui::Render();
  if (key >= 0) io.KeysDown[key] = false;
  io.MouseDown[0] = false;
  return added;
}

}  // namespace

TEST_CASE("training call view: the practice's call to 100 by keys 1-4, added to the plan") {
  Ui ui;  // The app's context, fonts and theme.
  arlab::Scenario s;
  std::vector<arlab::Problem> problems;
  REQUIRE(arlab::read_scenario(arlab::scenario_forgetful_customer_json(), &s, &problems));
  const arlab::GameState g = arlab::start_game(s);
  const arlab::Index c1 = arlab::find_customer(g.book, "C1");
  const std::vector<int32_t> ideal = arlab::ideal_choices(g, c1);
  REQUIRE(ideal.size() == 10);
  for (ImVec2 size : {ImVec2(1024, 700), ImVec2(1280, 800), ImVec2(1920, 1080)}) {
    INFO("window " << size.x << "x" << size.y);
    app::CallView v;
    v.customer_id = "C1";
    arlab::Move move;
    float width = 0;
    call_view_frame(&v, g, &move, size);
    REQUIRE(v.started);
    CHECK(arlab::node(v.call).stage == arlab::CallStage::Prepare);
    // Each choice by its key ('1' is the first), one frame down and one up.
    for (int32_t k : ideal) {
      CHECK(!call_view_frame(&v, g, &move, size, '1' + k));
      call_view_frame(&v, g, &move, size, -1, ImVec2(-FLT_MAX, -FLT_MAX), false, &width);
      // Wrapped: nothing wider than the window.
      CHECK(width <= size.x);
    }
    REQUIRE(arlab::finished(v.call));
    CHECK(v.call.choices == ideal);
    CHECK(arlab::result(v.call).total == 100);
    CHECK(arlab::result(v.call).outcome.kind == arlab::CallOutcomeKind::Payment);
    // The result and its button at the top (in sight without scrolling): the mouse swept down
    // the window's left side finds it; a click on it returns the call move with the choices.
    call_view_frame(&v, g, &move, size, -1, ImVec2(-FLT_MAX, -FLT_MAX), false, &width);
    CHECK(width <= size.x);
    ImGuiWindow* w = ImGui::FindWindowByName("Training call");
    REQUIRE(w != nullptr);
    const ImGuiID add_id = w->GetID("Add this call to the week's plan");
    ImVec2 at(-1, -1);
    for (float y = 0; y < size.y && at.y < 0; y += 4) {
      call_view_frame(&v, g, &move, size, -1, ImVec2(ui_px(30), y));
      if (GImGui->HoveredId == add_id) at = ImVec2(ui_px(30), y);
    }
    REQUIRE(at.y >= 0);
    call_view_frame(&v, g, &move, size, -1, at, true);
    const bool added = call_view_frame(&v, g, &move, size, -1, at, false);
    CHECK(added);
    CHECK(move.kind == arlab::MoveKind::Call);
    CHECK(move.customer_id == "C1");
    CHECK(move.choices == ideal);
    CHECK(v.added);
  }
}

// ---- Training tab (issue 13) -------------------------------------------------------------

namespace {

nlohmann::json training(Ui& ui, const nlohmann::json& command, bool taken = true) {
  CHECK(app::training_command(*ui.state, command.dump()) == taken);
  ui.frames(2);
  return ui.summary()["training"];
}

std::string embedded_scenario(const char* file_name) {
  for (const arlab::EmbeddedScenario& e : arlab::kEmbeddedScenarios)
    if (std::string(e.file_name) == file_name) return std::string(e.json());
  return "";
}

}  // namespace

TEST_CASE("training tab: a game of scenario 01 played, refused, finished, kept across sessions") {
  app::platform::FakePlatform& disk = app::platform::fake();
  std::string result_text;
  int total = -1;
  {
    Ui ui;
    REQUIRE(app::show_panel(*ui.state, "training"));
    ui.frames(3);
    nlohmann::json t = ui.summary()["training"];
    REQUIRE(t["catalog"].size() == 6);
    CHECK(t["catalog"][0]["id"] == "forgetful-customer");
    CHECK(t["playing"] == false);
    const std::string book_before = arlab::write_book_json(ui.state->book);
    training(ui, {{"action", "trainee"}, {"name", "Ann Lee"}});
    CHECK(disk.settings["training-trainee"] == "Ann Lee");
    // A practice round of two weeks of "The forgetful customer" (120 minutes a week).
    training(ui, {{"action", "pick"}, {"scenario", "forgetful-customer"}, {"weeks", 2}});
    t = training(ui, {{"action", "start"}});
    CHECK(t["playing"] == true);
    CHECK(t["weeks"] == 2);
    CHECK(t["week"] == 0);
    // Seven calls of 20 minutes: 140 > 120. The seventh does not fit; nothing is played.
    for (int k = 0; k < 7; ++k)
      training(ui, {{"action", "add-move"}, {"customer", k % 2 ? "C2" : "C1"}, {"move", "call"}});
    t = training(ui, {{"action", "play"}});
    CHECK(t["minutes_left"] == -20);
    CHECK(t["refused"] == "move 7 (call C1): takes 20 minutes and 0 of the week's 120 are left");
    CHECK(t["week"] == 0);
    CHECK(t["log"].empty());
    CHECK(t["plan"].size() == 7);
    // An unknown customer is not a move.
    training(ui, {{"action", "add-move"}, {"customer", "C99"}, {"move", "call"}}, false);
    // Remove all but the calls to C1 and C2, C2 first.
    for (int k = 6; k >= 2; --k) training(ui, {{"action", "remove-move"}, {"index", k}});
    t = training(ui, {{"action", "move-up"}, {"index", 1}});
    CHECK(t["plan"] == nlohmann::json::array({"call C2", "call C1"}));
    CHECK(t["minutes_left"] == 80);
    t = training(ui, {{"action", "play"}});
    CHECK(t["refused"] == "");
    CHECK(t["week"] == 1);
    REQUIRE(t["log"].size() == 1);
    CHECK(t["log"][0]["moves"] == 2);
    REQUIRE(t["log"][0]["done"].size() == 2);
    CHECK(t["log"][0]["done"][0].get<std::string>().find("C2") != std::string::npos);
    CHECK(t["plan"].empty());
    // The game in progress is kept: scenario id and the moves played.
    nlohmann::json kept = nlohmann::json::parse(disk.settings["training-game.json"]);
    CHECK(kept["scenario"] == "forgetful-customer");
    CHECK(kept["weeks"] == 2);
    CHECK(kept["moves"][0][1] == nlohmann::json{{"move", "call"}, {"customer", "C1"}});
    // Week 2 by the practice's hint (counted).
    t = training(ui, {{"action", "use-hint"}});
    CHECK(t["hints"] == 1);
    t = training(ui, {{"action", "play"}});
    CHECK(t["over"] == true);
    REQUIRE(t["log"].size() == 2);
    CHECK(t.contains("debrief"));
    // The same moves through core give the same score.
    arlab::Scenario s;
    std::vector<arlab::Problem> problems;
    REQUIRE(arlab::read_scenario(embedded_scenario("01-forgetful-customer.json"), &s, &problems));
    arlab::GameState g = arlab::start_game(s, 2);
    std::string why;
    REQUIRE(arlab::play_week(&g, {{{arlab::MoveKind::Call, "C2"}, {arlab::MoveKind::Call, "C1"}}}, &why));
    REQUIRE(arlab::play_week(&g, arlab::by_the_book_week(g), &why));
    const arlab::Debrief d = arlab::debrief(g);
    total = d.score.total;
    CHECK(t["debrief"]["total"] == total);
    CHECK(t["debrief"]["by_the_book"] == d.by_the_book.total);
    // It lands in Progress, with the trainee, today and the hint.
    REQUIRE(t["results"].size() == 1);
    CHECK(t["results"][0]["trainee"] == "Ann Lee");
    CHECK(t["results"][0]["played_on"] == "2025-03-20");
    CHECK(t["results"][0]["total"] == total);
    CHECK(disk.settings["training-game.json"].empty());  // Nothing in progress any more.
    result_text = arlab::training_result_json(g, "moves", d, {"Ann Lee", kToday, 1, {}});
    result_text.pop_back();  // As kept: no final newline.
    std::vector<arlab::TrainingResult> kept_results;
    REQUIRE(arlab::read_training_results(disk.settings["training-results.json"], &kept_results,
                                         &problems));
    REQUIRE(kept_results.size() == 1);
    CHECK(kept_results[0].hints == 1);
    CHECK(kept_results[0].weeks[0].moves == g.log[0].moves);
    // Drawn at each size, the debrief included; the user's book untouched.
    REQUIRE(app::show_panel(*ui.state, "training"));
    ui.frames(3);
    CHECK(arlab::write_book_json(ui.state->book) == book_before);
    // Export: JSON (the list) and CSV (the long form of each result).
    training(ui, {{"action", "export"}, {"format", "csv"}});
    CHECK(disk.exported["training-results.csv"] == arlab::training_result_csv(g, "moves", d));
    training(ui, {{"action", "export"}, {"format", "json"}});
    CHECK(disk.exported["training-results.json"] == disk.settings["training-results.json"]);
    // A new game left in week 1, to be continued.
    training(ui, {{"action", "pick"}, {"scenario", 2}});
    training(ui, {{"action", "start"}});
    training(ui, {{"action", "add-move"}, {"customer", "C1"}, {"move", "visit"}});
    t = training(ui, {{"action", "play"}});
    CHECK(t["week"] == 1);
  }
  {
    Ui ui(/*keep_settings=*/true);  // A restart: the same settings.
    REQUIRE(app::show_panel(*ui.state, "training"));
    ui.frames(3);
    nlohmann::json t = ui.summary()["training"];
    CHECK(t["trainee"] == "Ann Lee");
    REQUIRE(t["results"].size() == 1);
    CHECK(t["results"][0]["scenario"] == "forgetful-customer");
    CHECK(t["results"][0]["total"] == total);
    CHECK(t["playing"] == true);  // The game in progress, replayed.
    CHECK(t["scenario"] == "short-of-cash");
    CHECK(t["week"] == 1);
    CHECK(t["log"][0]["moves"] == 1);
    CHECK(t["note"] == "");
  }
  disk.settings.clear();
}

TEST_CASE("training tab: scenario and result files go to the tab; bad ones change nothing") {
  app::platform::FakePlatform& disk = app::platform::fake();
  Ui ui;
  const std::string book_name = ui.state->book_name;
  const size_t invoices = ui.state->book.invoices.size();
  // A scenario file, opened as any file: to the Training tab, never as the book.
  std::string scenario = embedded_scenario("04-the-chain.json");
  const std::string id_line = "\"id\": \"the-chain\"";
  scenario.replace(scenario.find(id_line), id_line.size(), "\"id\": \"my-chain\"");
  REQUIRE(app::open_file_text(*ui.state, "my-chain.json", scenario));
  ui.frames(2);
  nlohmann::json t = ui.summary()["training"];
  CHECK(ui.state->book_name == book_name);
  CHECK(ui.state->book.invoices.size() == invoices);
  CHECK_FALSE(ui.summary()["confirm_replace"]["open"].get<bool>());
  REQUIRE(t["catalog"].size() == 7);
  CHECK(t["catalog"][6]["id"] == "my-chain");
  CHECK(t["catalog"][6]["builtin"] == false);
  CHECK(t["picked"] == 6);
  // A bad scenario: its located problem, nothing added.
  std::string bad = scenario;
  bad.replace(bad.find("\"weeks\": 8"), 10, "\"weeks\": 0");
  CHECK_FALSE(app::open_file_text(*ui.state, "bad-scenario.json", bad));
  ui.frames(2);
  CHECK(ui.state->problems_title == "Could not read the scenario bad-scenario.json");
  REQUIRE_FALSE(ui.state->problems.empty());
  CHECK(ui.state->problems[0].place == "weeks");
  CHECK(ui.summary()["training"]["catalog"].size() == 7);
  CHECK(ui.state->book_name == book_name);
  // The class view: a good result and a bad one; the bad one named, the good one kept.
  arlab::Scenario s;
  std::vector<arlab::Problem> problems;
  REQUIRE(arlab::read_scenario(embedded_scenario("01-forgetful-customer.json"), &s, &problems));
  arlab::GameState g = arlab::start_game(s, 1);
  std::string why;
  REQUIRE(arlab::play_week(&g, {}, &why));  // A week of nothing: the practice has advice.
  const arlab::Debrief d = arlab::debrief(g);
  const std::string good = arlab::training_result_json(g, "moves", d, {"Bo", kToday, 0, {}});
  REQUIRE(app::open_file_text(*ui.state, "bo.json", good));
  std::string broken = good;
  broken.replace(broken.find("\"trainee\": \"Bo\""), 15, "\"trainee\": 7");
  CHECK_FALSE(app::open_file_text(*ui.state, "cy.json", broken));
  ui.frames(2);
  CHECK(ui.state->problems_title == "Could not read the result cy.json");
  REQUIRE(ui.state->problems.size() == 1);
  CHECK(ui.state->problems[0].place == "cy.json: trainee");
  CHECK(ui.state->problems[0].message == "must be a string, not 7");
  t = ui.summary()["training"];
  CHECK(t["section"] == "Class");
  CHECK(t["class"]["results"] == 1);
  CHECK(t["class"]["files"] == nlohmann::json::array({"bo.json"}));
  REQUIRE(t["class"]["cells"].size() == 1);
  CHECK(t["class"]["cells"][0]["trainee"] == "Bo");
  CHECK(t["class"]["cells"][0]["score"] == d.score.total);
  // 01 teaches four practices: each averages Bo's one score.
  REQUIRE(t["class"]["practices"].size() == 4);
  CHECK(t["class"]["practices"][0]["practice"] == "call-rules");  // practices() order.
  CHECK(t["class"]["practices"][0]["average"] == std::to_string(d.score.total) + ".00");
  size_t advice = 0;
  for (const arlab::DebriefWeek& w : d.weeks) advice += w.advice.size();
  CHECK(advice > 0);
  size_t counted = 0;
  for (const nlohmann::json& m : t["class"]["mistakes"]) counted += m["items"].get<size_t>();
  CHECK(counted == advice);
  disk.settings.clear();
}

#include "app/panel_training.h"
#include "core/training_class.h"

TEST_CASE("training tab: a call in the game, exercises checked, both in the kept result") {
  app::platform::FakePlatform& disk = app::platform::fake();
  Ui ui;
  REQUIRE(app::show_panel(*ui.state, "training"));
  ui.frames(2);
  training(ui, {{"action", "pick"}, {"scenario", "forgetful-customer"}, {"weeks", 1}});
  // The call section without a game says how to start one; the exercises are the picked
  // scenario's (scenario 01 has the data for all six).
  training(ui, {{"action", "show"}, {"section", "exercises"}});
  app::TrainingPanel& p = app::panel_state<app::TrainingPanel>(*ui.state);
  REQUIRE(p.exercises.exercises.size() == 6);
  // Two exercises answered: the worklist right (the engine's answer), the dunning level wrong.
  app::set_exercise_answer(&p.exercises, 0, p.exercises.exercises[0].answer);
  p.exercises.current = 0;
  p.exercises.check_requested = true;
  ui.frames(2);
  arlab::ExerciseAnswer wrong = p.exercises.exercises[1].answer;
  REQUIRE(p.exercises.exercises[1].kind == arlab::ExerciseKind::DunningLevel);
  wrong.level = wrong.level == arlab::kLevelNone ? 1 : arlab::kLevelNone;
  app::set_exercise_answer(&p.exercises, 1, wrong);
  p.exercises.current = 1;
  p.exercises.check_requested = true;
  ui.frames(2);
  REQUIRE(p.exercises.outcomes.size() == 2);
  nlohmann::json t = training(ui, {{"action", "start"}});
  // The practice's call to C1 (the ideal choices) goes into week 1's plan, and the page back to
  // the game; played, the week's log has the call with its score.
  t = training(ui, {{"action", "call"}, {"customer", "C1"}, {"choices", "ideal"}});
  CHECK(t["section"] == "Game");
  REQUIRE(t["plan"].size() == 1);
  CHECK(t["plan"][0].get<std::string>().rfind("call C1 choices ", 0) == 0);
  CHECK(t["done"].get<std::string>().find("Added the call to C1") != std::string::npos);
  // A call not played to its end is refused (one choice only).
  training(ui, {{"action", "call"}, {"customer", "C2"}, {"choices", {0}}}, false);
  t = training(ui, {{"action", "play"}});
  CHECK(t["over"] == true);
  REQUIRE(t["calls"].size() == 1);
  CHECK(t["calls"][0]["customer"] == "C1");
  CHECK(t["calls"][0]["score"] == 100);
  // The result kept in Progress carries the call and the two exercises, and reads back.
  REQUIRE(t["results"].size() >= 1);
  CHECK(t["results"].back()["calls"] == 1);
  CHECK(t["results"].back()["exercises"] == 2);
  std::vector<arlab::TrainingResult> kept;
  std::vector<arlab::Problem> problems;
  REQUIRE(arlab::read_training_results(disk.settings["training-results.json"], &kept, &problems));
  const arlab::TrainingResult& r = kept.back();
  REQUIRE(r.calls.size() == 1);
  CHECK(r.calls[0].score == 100);
  CHECK(r.calls[0].broken.empty());
  REQUIRE(r.exercises.size() == 2);
  CHECK(r.exercises[0].kind == "rank_worklist");
  CHECK(r.exercises[0].points == r.exercises[0].max);
  CHECK(r.exercises[1].kind == "dunning_level");
  CHECK(r.exercises[1].points == 0);
  CHECK(r.exercises[1].max == 1);
  // The class view counts them: the dunning exercise short of full is a mistake of each
  // practice it teaches.
  const arlab::ClassSummary s = arlab::summarize_class(kept);
  bool ladder = false;
  for (const arlab::CommonMistake& m : s.mistakes)
    ladder |= m.practice == "escalation-ladder" &&
              m.example.find("dunning_level: 0 of 1") != std::string::npos;
  CHECK(ladder);
}
