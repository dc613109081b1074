// simulate_report.cpp: see simulate_report.h.
#include "io/simulate_report.h"

#include <cmath>
#include <cstdio>
#include <optional>

#include "core/date.h"
#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "io/cells.h"

namespace arlab {

namespace {

std::string fixed(double x, int decimals) { return decimal_text(x, decimals); }

std::string opt_fixed(const std::optional<double>& x, int decimals) {
  return x ? fixed(*x, decimals) : "null";
}

// The simulated mean, rounded half up to minor units (it is never negative).
int64_t mean_minor(const MonthCash& m) { return int64_t(std::floor(m.mean_minor + 0.5)); }

std::string percent(const std::optional<double>& share) {
  return share ? fixed(*share * 100, 1) + "%" : "-";
}

bool inside(const MonthCash& m) {
  return m.p5_minor <= m.actual_minor && m.actual_minor <= m.p95_minor;
}

}  // namespace

std::string backtest_table(const Book& book, const Backtest& t) {
  const CashForecast& f = t.forecast;
  const BehaviourModel& m = t.model;
  const int d = book.minor_digits;
  std::string out = "Cash backtest: fitted on the documents before " + format_date(f.from) +
                    ", cash " + format_date(f.from) + " .. " + format_date(f.to) + " (" +
                    table_text(book.currency) + ")\n";
  out += "Model: " + std::to_string(m.profiles.size()) + " invoice histories (" +
         std::to_string(m.censored) + " still open and younger than " +
         std::to_string(m.options.never_days) + " days past due left out); customers with " +
         std::to_string(m.options.min_history) + "+ histories use their own: " +
         std::to_string(m.customers_own) + ", their grade's: " +
         std::to_string(m.customers_grade) + ", the book's: " +
         std::to_string(m.customers_book) + "\n";
  out += "Book: days from due to settled median " + std::to_string(m.book_stats.median_days) +
         ", mean " + fixed(m.book_stats.mean_days, 1) + " (amount-weighted " +
         fixed(m.book_mean_days, 1) + "), 90th percentile " +
         std::to_string(m.book_stats.p90_days) + "; paid in parts " +
         fixed(m.book_stats.partial_share * 100, 1) + "%, disputed " +
         fixed(m.book_stats.disputed_share * 100, 1) + "%, lost " +
         fixed(m.book_stats.lost_share * 100, 1) + "%\n";
  out += "Month shocks: " +
         (m.options.month_shocks ? std::to_string(m.month_shocks.size()) + " months of history"
                                 : std::string("off")) +
         "\n";
  out += "Replayed: " + std::to_string(f.open_invoices) + " invoices open at the start, " +
         std::to_string(f.new_invoices) + " issued after; " + std::to_string(f.runs) +
         " runs, seed " + std::to_string(f.seed) + "\n\n";
  std::vector<std::vector<std::string>> rows = {
      {"Month from", "Actual", "Simulated", "p5", "p95", "In band", "Due date", "Avg delay"}};
  for (const MonthCash& mc : f.months) {
    rows.push_back({format_date(mc.first), format_amount_grouped(mc.actual_minor, d),
                    format_amount_grouped(mean_minor(mc), d),
                    format_amount_grouped(mc.p5_minor, d),
                    format_amount_grouped(mc.p95_minor, d), inside(mc) ? "yes" : "no",
                    format_amount_grouped(mc.due_date_minor, d),
                    format_amount_grouped(mc.average_minor, d)});
  }
  out += text_columns(rows, {false, true, true, true, true, false, true, true});
  out += "\nMean absolute percentage error by month (" +
         std::to_string(t.simulated.months_scored) + " months with cash):\n";
  out += text_columns(
      {{"Forecast", "MAPE"},
       {"simulated mean", percent(t.simulated.mape)},
       {"naive: paid on the due date", percent(t.due_date.mape)},
       {"naive: due date + " + fixed(m.book_mean_days, 1) + " days (book average)",
        percent(t.average.mape)}},
      {false, true});
  out += "Actual inside the 5th-95th percentile band: " + std::to_string(t.inside_band) +
         " of " + std::to_string(t.month_count) + " months (the band claims about 90%)\n";
  return out;
}

std::string backtest_json(const Book& book, const Backtest& t) {
  const CashForecast& f = t.forecast;
  const BehaviourModel& m = t.model;
  const int d = book.minor_digits;
  auto amt = [d](int64_t minor) {
    std::string q(1, '"');
    q += format_amount(minor, d);
    q += '"';
    return q;
  };
  std::string out = "{\n  \"from\": \"" + format_date(f.from) + "\", \"to\": \"" +
                    format_date(f.to) + "\", \"runs\": " + std::to_string(f.runs) +
                    ", \"seed\": " + std::to_string(f.seed) + ", \"currency\": ";
  append_json_string(out, book.currency);
  out += ",\n  \"model\": {\"profiles\": " + std::to_string(m.profiles.size()) +
         ", \"censored\": " + std::to_string(m.censored) +
         ", \"min_history\": " + std::to_string(m.options.min_history) +
         ", \"never_days\": " + std::to_string(m.options.never_days) +
         ", \"month_shocks\": " +
         (m.options.month_shocks ? std::to_string(m.month_shocks.size()) : std::string("null")) +
         ", \"customers_own\": " + std::to_string(m.customers_own) +
         ", \"customers_grade\": " + std::to_string(m.customers_grade) +
         ", \"customers_book\": " + std::to_string(m.customers_book) +
         ", \"book_mean_days\": " + fixed(m.book_mean_days, 2) +
         ",\n            \"book\": {\"median_days\": " +
         std::to_string(m.book_stats.median_days) +
         ", \"mean_days\": " + fixed(m.book_stats.mean_days, 2) +
         ", \"p90_days\": " + std::to_string(m.book_stats.p90_days) +
         ", \"partial_share\": " + fixed(m.book_stats.partial_share, 4) +
         ", \"disputed_share\": " + fixed(m.book_stats.disputed_share, 4) +
         ", \"lost_share\": " + fixed(m.book_stats.lost_share, 4) + "}},\n";
  out += "  \"open_invoices\": " + std::to_string(f.open_invoices) +
         ", \"new_invoices\": " + std::to_string(f.new_invoices) +
         ", \"practice_draws\": " + std::to_string(f.practice_draws) + ",\n  \"months\": [";
  for (size_t k = 0; k < f.months.size(); ++k) {
    const MonthCash& mc = f.months[k];
    out += k ? ",\n    " : "\n    ";
    out += "{\"from\": \"" + format_date(mc.first) + "\", \"to\": \"" + format_date(mc.last) +
           "\", \"actual\": " + amt(mc.actual_minor) + ", \"mean\": " + amt(mean_minor(mc)) +
           ", \"p5\": " + amt(mc.p5_minor) + ", \"p95\": " + amt(mc.p95_minor) +
           ", \"inside\": " + (inside(mc) ? "true" : "false") +
           ", \"due_date\": " + amt(mc.due_date_minor) +
           ", \"average\": " + amt(mc.average_minor) + "}";
  }
  out += f.months.empty() ? "],\n" : "\n  ],\n";
  out += "  \"mape\": {\"simulated\": " + opt_fixed(t.simulated.mape, 4) +
         ", \"due_date\": " + opt_fixed(t.due_date.mape, 4) +
         ", \"average\": " + opt_fixed(t.average.mape, 4) +
         "}, \"months_scored\": " + std::to_string(t.simulated.months_scored) +
         ",\n  \"inside_band\": " + std::to_string(t.inside_band) +
         ", \"month_count\": " + std::to_string(t.month_count) +
         ", \"band\": \"5th-95th percentile\"\n}\n";
  return out;
}

std::string backtest_csv(const Book& book, const Backtest& t) {
  const int d = book.minor_digits;
  std::string out = "from,to,actual,mean,p5,p95,inside,due_date,average\n";
  for (const MonthCash& mc : t.forecast.months) {
    out += format_date(mc.first) + ',' + format_date(mc.last) + ',' +
           format_amount(mc.actual_minor, d) + ',' + format_amount(mean_minor(mc), d) + ',' +
           format_amount(mc.p5_minor, d) + ',' + format_amount(mc.p95_minor, d) + ',' +
           (inside(mc) ? "true" : "false") + ',' + format_amount(mc.due_date_minor, d) + ',' +
           format_amount(mc.average_minor, d) + '\n';
  }
  return out;
}

}  // namespace arlab
