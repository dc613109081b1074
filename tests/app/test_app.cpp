// test_app.cpp: headless smoke test of the UI (no window, no GL), like imgui's
// examples/example_null: create a context, build the font atlas, then app::init and
// app::frame for ~60 frames with every panel brought to the front, forms submitted and
// shortcuts pressed. Expected figures are worked out by hand from the book below.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"
#include "app/widgets.h"
#include "core/date.h"
#include "imgui.h"
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

// A negative amount: the loader refuses the whole file.
const char* kBadBook = R"({
  "format": "arlab-book/1", "currency": "USD",
  "customers": [ {"id": "C1", "name": "Acme"} ],
  "invoices": [ {"id": "INV-1", "customer": "C1", "date": "2025-01-01", "amount": "-5.00"} ]
})";

struct Ui {
  Ui() {
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
  void show(app::Tab tab) {
    state->select_tab = tab;
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
  CHECK(s["book"] == "sample");
  CHECK(s["invoices"].get<int>() > 0);
  CHECK(s["customers"].get<int>() > 0);
  CHECK(s["can_undo"] == false);
  CHECK(s["buckets"].size() == 5);
  for (int tab = 0; tab < static_cast<int>(app::Tab::Count); ++tab) {
    ui.show(static_cast<app::Tab>(tab));  // Every panel draws on the sample.
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

// Opens the test book and draws every panel once, then drills down to Acme.
static void open_test_book(Ui& ui) {
  REQUIRE(app::open_book_text(*ui.state, "test.json", kBook));
  for (int tab = 0; tab < static_cast<int>(app::Tab::Count); ++tab) {
    ui.show(static_cast<app::Tab>(tab));
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
  f.invoice = 0;  // INV-1: 1000.00, so 1200.00 would take it below zero.
  int saves = app::platform::fake().save_count;
  ui.submit();
  CHECK_FALSE(ui.state->forms.problems.empty());
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
  CHECK(app::days_limit(30) == 10);
  CHECK(app::days_limit(60) == 20);
  CHECK(app::days_limit(45) == 15);
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
    CHECK(ui.state->forms.problems[0].place == "customers[3].terms_days");
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
  ui.state->metrics.period = app::MetricsPeriod::ThisMonth;
  ui.frames(2);
  CHECK(m.compute_count == computed + 1);
  CHECK(m.total.days == 20);
  REQUIRE(m.total.dso);
  CHECK(*m.total.dso == doctest::Approx(31.0).epsilon(1e-12));
  // Last quarter (2024-10-01 .. 12-31) has no sales: DSO is null ("n/a"), never NaN.
  ui.state->metrics.period = app::MetricsPeriod::LastQuarter;
  ui.frames(2);
  CHECK(arlab::format_date(m.built_from) == "2024-10-01");
  CHECK(arlab::format_date(m.built_to) == "2024-12-31");
  CHECK_FALSE(m.total.dso.has_value());
  // A rate of 16% doubles the interest: 1328.22... -> 13.28.
  std::snprintf(ui.state->metrics.rate_text, sizeof ui.state->metrics.rate_text, "16");
  ui.state->metrics.period = app::MetricsPeriod::ThisMonth;
  ui.frames(2);
  CHECK(m.rate_bp == 1600);
  CHECK(m.total.interest_cost_minor == 1328);
  // A bad rate keeps the last figures and says why.
  std::snprintf(ui.state->metrics.rate_text, sizeof ui.state->metrics.rate_text, "abc");
  ui.frames(2);
  CHECK_FALSE(m.input_error.empty());
  CHECK(m.built_rate_bp == 1600);

  // Export: the CSV of the customer rows, with its header and the TOTAL line.
  app::export_metrics_csv(*ui.state, arlab::MetricsBy::Customer);
  std::string name = "metrics-by-customer-2025-03-01-to-2025-03-20.csv";
  REQUIRE(app::platform::fake().exported.count(name) == 1);
  const std::string& csv = app::platform::fake().exported[name];
  CHECK(csv.rfind("key,from,to,days,", 0) == 0);
  CHECK(csv.find("\nC1,") != std::string::npos);
  CHECK(csv.find("\nTOTAL,") != std::string::npos);
}
