// test_app.cpp: headless smoke test of the UI (no window, no GL), like imgui's
// examples/example_null: create a context, build the font atlas, then app::init and
// app::frame for ~60 frames with every panel brought to the front, forms submitted and
// shortcuts pressed. Expected figures are worked out by hand from the book below.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/app_state.h"
#include "imgui.h"
#include "platform_fake.h"

namespace {

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
  nlohmann::json summary() const { return nlohmann::json::parse(app::query_summary_json(*state)); }

  std::unique_ptr<app::State, void (*)(app::State*)> state{nullptr, nullptr};
  int frame_index = 0;
};

void set(char* buffer, size_t size, const char* text) { std::snprintf(buffer, size, "%s", text); }

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
  ui.show_form(app::FormKind::Invoice);
  app::InvoiceForm& f = ui.state->forms.invoice;
  set(f.id, sizeof f.id, "INV-9");
  f.customer = 1;  // Beta: due 2025-03-20 + 60 days, current.
  set(f.date, sizeof f.date, "2025-03-20");
  set(f.amount, sizeof f.amount, "250.00");
  int saves = app::platform::fake().save_count;
  ui.state->forms.submit_requested = true;
  ui.frames(2);
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
  ui.show_form(app::FormKind::Payment);
  app::ReceiptForm& f = ui.state->forms.payment;
  set(f.id, sizeof f.id, "P-9");
  f.customer = 0;
  set(f.date, sizeof f.date, "2025-03-20");
  set(f.amount, sizeof f.amount, "500.00");
  ui.frames(2);  // Lists Acme's open invoices as of the date: INV-1, INV-2.
  REQUIRE(f.invoices.size() == 2);
  size_t row = ui.state->book.str(ui.state->book.invoices[f.invoices[1]].id) == "INV-2" ? 1 : 0;
  set(f.allocations[row].data(), f.allocations[row].size(), "500.00");
  ui.state->forms.submit_requested = true;
  ui.frames(2);
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
  ui.show_form(app::FormKind::WriteOff);
  app::WriteOffForm& f = ui.state->forms.write_off;
  set(f.id, sizeof f.id, "W-9");
  f.customer = 0;
  f.invoice = 0;  // INV-1: 1000.00, so 1200.00 would take it below zero.
  set(f.date, sizeof f.date, "2025-03-20");
  set(f.amount, sizeof f.amount, "1200.00");
  int saves = app::platform::fake().save_count;
  ui.state->forms.submit_requested = true;
  ui.frames(2);
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
  ui.state->forms.submit_requested = true;
  ui.frames(2);
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
