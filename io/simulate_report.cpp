// simulate_report.cpp: see simulate_report.h.
//
// [SECTION] Cash backtest
// [SECTION] Policy simulation: values
// [SECTION] Policy simulation: table
// [SECTION] Policy simulation: JSON and CSV
// [SECTION] Sweep and tornado
// [SECTION] Parameters
#include "io/simulate_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/date.h"
#include "core/money.h"
#include "io/book_json.h"  // append_json_string
#include "io/cells.h"

// =========================================================================================
// [SECTION] Cash backtest
// =========================================================================================

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

std::string model_summary(const BehaviourModel& m) {
  std::string out = "Model: " + std::to_string(m.profiles.size()) + " invoice histories (" +
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
                                 : std::string("off"));
  if (!m.trend_month.empty())
    out += "; trend " + fixed(m.trend_days_per_month, 2) + " days a month over the last " +
           std::to_string(m.trend_month.size()) + " (each run draws its own)";
  else if (m.options.month_shocks)
    out += m.options.trend ? "; no trend (fewer than " + std::to_string(kTrendMonthsMin) +
                                 " complete months)"
                           : "; trend off";
  out += "\n";
  out += "Pay days: " + std::to_string(m.payments) + " payments, " +
         fixed(m.weekend_share * 100, 1) + "% on a weekend" +
         (m.business_days ? " (pays on business days: a weekend's payment moves to Monday)" : "") +
         "; customers who pay in a weekly run: " + std::to_string(m.customers_run_day) + "\n";
  return out;
}

std::string backtest_table(const Book& book, const Backtest& t) {
  const CashForecast& f = t.forecast;
  const BehaviourModel& m = t.model;
  const int d = book.minor_digits;
  std::string out = "Cash backtest: fitted on the documents before " + format_date(f.from) +
                    ", cash " + format_date(f.from) + " .. " + format_date(f.to) + " (" +
                    table_text(book.currency) + ")\n";
  out += model_summary(m);
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
         ", \"trend_months\": " +
         (m.trend_month.empty() ? std::string("null") : std::to_string(m.trend_month.size())) +
         ", \"trend_days_per_month\": " +
         (m.trend_month.empty() ? std::string("null") : fixed(m.trend_days_per_month, 3)) +
         ", \"payments\": " + std::to_string(m.payments) +
         ", \"weekend_share\": " + fixed(m.weekend_share, 4) +
         ", \"business_days\": " + (m.business_days ? "true" : "false") +
         ", \"customers_run_day\": " + std::to_string(m.customers_run_day) +
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

// =========================================================================================
// [SECTION] Policy simulation: values
// =========================================================================================

namespace arlab {

namespace {

constexpr const char* kSimResultFormat = "arlab-sim-result/1";

enum class Unit : uint8_t { Amount, Days, Share };

Unit metric_unit(SimMetric m) {
  if (sim_metric_is_money(m)) return Unit::Amount;
  return m == kSimDso || m == kSimCountbackDso ? Unit::Days : Unit::Share;
}

const char* unit_name(Unit u) {
  return u == Unit::Amount ? "amount" : u == Unit::Days ? "days" : "share";
}

int64_t rounded(double x) { return int64_t(std::llround(x)); }

// A figure of metric m (minor units, centidays or ppm) for a reader: "1,234.50", "41.3",
// "12.5%".
std::string shown_value(SimMetric m, double v, int digits) {
  switch (metric_unit(m)) {
    case Unit::Amount: return format_amount_grouped(rounded(v), digits);
    case Unit::Days: return decimal_text(v / 100, 1);
    case Unit::Share: return decimal_text(v / 10000, 1) + "%";
  }
  return "";
}

// The same for a machine: "1234.50" (a JSON string, as every arlab amount), 41.25, 0.1250.
std::string machine_value(SimMetric m, double v, int digits, bool json) {
  switch (metric_unit(m)) {
    case Unit::Amount: {
      std::string a = format_amount(rounded(v), digits);
      return json ? "\"" + a + "\"" : a;
    }
    case Unit::Days: return decimal_text(v / 100, 2);
    case Unit::Share: return decimal_text(v / 1e6, 4);
  }
  return "";
}

std::string band_json(SimMetric m, const Band& b, int digits) {
  return "{\"mean\": " + machine_value(m, b.mean, digits, true) +
         ", \"p5\": " + machine_value(m, double(b.p5), digits, true) +
         ", \"p95\": " + machine_value(m, double(b.p95), digits, true) + "}";
}

// {"sales": BAND, "cash": BAND, ...} for every metric.
std::string bands_json(const std::array<Band, kSimMetricCount>& v, int digits) {
  std::string out = "{";
  for (int k = 0; k < kSimMetricCount; ++k) {
    SimMetric m = SimMetric(k);
    out += k ? ", \"" : "\"";
    out += std::string(sim_metric_name(m)) + "\": " + band_json(m, v[size_t(k)], digits);
  }
  return out + "}";
}

std::string quoted_json(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string months_text(const SimResult& r) {
  const size_t n = r.policies.empty() ? 0 : r.policies[0].months.size();
  return std::to_string(n) + (n == 1 ? " month" : " months");
}

}  // namespace

// =========================================================================================
// [SECTION] Policy simulation: table
// =========================================================================================

namespace {

// What the table says first: period, runs, the model's fit.
std::string policy_heading(const Book& book, const SimResult& r) {
  std::string out = "Policy simulation: " + format_date(r.from) + " .. " + format_date(r.to) +
                    " (" + months_text(r) + "), " + std::to_string(r.runs_done) + " runs" +
                    (r.runs_done < r.runs ? " of " + std::to_string(r.runs) : std::string()) +
                    ", seed " + std::to_string(r.seed) + " (" + table_text(book.currency) +
                    ")\n";
  out += "Model: " + std::to_string(r.open_invoices) + " invoices open at the start, " +
         std::to_string(r.new_invoices) + " new (last year's moved on, x " +
         decimal_text(double(r.growth_ppm) / 1e6, 3) + " growth); customers paying as their own " +
         "history: " + std::to_string(r.customers_own) + ", their grade's: " +
         std::to_string(r.customers_grade) + ", the book's: " + std::to_string(r.customers_book) +
         "\n";
  out += "Figures are means over the runs; p5 .. p95 the 5th-95th percentile band. The\n"
         "difference with " + table_text(r.policies.empty() ? "" : r.policies[0].name) +
         " is taken run by run (the same customers' draws), so its band is narrower.\n";
  return out;
}

// One row a metric and policy: mean, band, and (after the baseline) the difference.
std::string totals_table(const SimResult& r, int digits) {
  std::vector<std::vector<std::string>> rows = {
      {"Over the horizon", "Policy", "Mean", "p5", "p95", "Difference", "p5", "p95"}};
  for (int k = 0; k < kSimMetricCount; ++k) {
    SimMetric m = SimMetric(k);
    for (size_t i = 0; i < r.policies.size(); ++i) {
      const SimPolicyResult& p = r.policies[i];
      const Band& t = p.total[size_t(k)];
      const Band& d = p.diff_total[size_t(k)];
      std::vector<std::string> row = {i == 0 ? sim_metric_label(m) : "", table_text(p.name),
                                      shown_value(m, t.mean, digits),
                                      shown_value(m, double(t.p5), digits),
                                      shown_value(m, double(t.p95), digits)};
      if (i > 0) {
        row.push_back(shown_value(m, d.mean, digits));
        row.push_back(shown_value(m, double(d.p5), digits));
        row.push_back(shown_value(m, double(d.p95), digits));
      }
      rows.push_back(std::move(row));
    }
  }
  return text_columns(rows, {false, false, true, true, true, true, true, true});
}

std::string months_table(const SimPolicyResult& p, int digits) {
  std::vector<std::vector<std::string>> rows = {{"Month from", "Sales", "Cash", "p5", "p95",
                                                 "DSO", "Countback", "Overdue", "Bad debt",
                                                 "Profit"}};
  for (const SimMonthResult& mo : p.months) {
    auto v = [&](SimMetric m) { return shown_value(m, mo.v[m].mean, digits); };
    rows.push_back({format_date(mo.first), v(kSimSales), v(kSimCash),
                    shown_value(kSimCash, double(mo.v[kSimCash].p5), digits),
                    shown_value(kSimCash, double(mo.v[kSimCash].p95), digits), v(kSimDso),
                    v(kSimCountbackDso), v(kSimOverdueRatio), v(kSimBadDebt), v(kSimProfit)});
  }
  return text_columns(rows, {false, true, true, true, true, true, true, true, true, true});
}

std::string people_table(const SimPolicyResult& p, int digits) {
  std::vector<std::vector<std::string>> rows = {
      {"Salesperson", "Sales", "Cash", "Collection rate", "Commission", "p5", "p95"}};
  for (const SimPersonResult& s : p.people) {
    rows.push_back({table_text(s.id + (s.name.empty() ? "" : " " + s.name)),
                    shown_value(kSimSales, s.sales.mean, digits),
                    shown_value(kSimCash, s.cash.mean, digits),
                    shown_value(kSimCollectionRate, s.collection_rate.mean, digits),
                    shown_value(kSimCommissionCost, s.commission.mean, digits),
                    shown_value(kSimCommissionCost, double(s.commission.p5), digits),
                    shown_value(kSimCommissionCost, double(s.commission.p95), digits)});
  }
  return text_columns(rows, {false, true, true, true, true, true, true});
}

std::string waterfall_table(const SimResult& r, size_t b, int digits) {
  std::vector<std::vector<std::string>> rows = {{"Step", "Profit change"}};
  double sum = 0;
  for (const WaterfallStep& s : profit_waterfall(r, 0, b)) {
    rows.push_back({table_text(s.label), shown_value(kSimProfit, s.delta, digits)});
    sum += s.delta;
  }
  rows.push_back({"Total", shown_value(kSimProfit, sum, digits)});
  return text_columns(rows, {false, true});
}

std::string assumptions_table(const SimResult& r) {
  std::vector<std::vector<std::string>> rows = {{"Assumption", "Value", "Source"}};
  for (const SimAssumption& a : r.assumptions)
    rows.push_back({table_text(a.name), table_text(a.value), table_text(a.source)});
  return text_columns(rows, {false, false, false});
}

}  // namespace

std::string policy_table(const Book& book, const SimResult& r) {
  const int d = book.minor_digits;
  std::string out = policy_heading(book, r) + "\n" + totals_table(r, d);
  for (const SimPolicyResult& p : r.policies)
    out += "\nMonth by month: " + table_text(p.name) + " (means; cash with its band)\n" +
           months_table(p, d);
  for (const SimPolicyResult& p : r.policies) {
    // The engine counts a salesperson's figures where the policy pays commission: a table of
    // zeros says nothing.
    bool any = std::any_of(p.people.begin(), p.people.end(), [](const SimPersonResult& s) {
      return s.sales.mean != 0 || s.cash.mean != 0 || s.commission.mean != 0;
    });
    if (!any) continue;
    out += "\nBy salesperson: " + table_text(p.name) + " (over the horizon)\n" +
           people_table(p, d);
  }
  for (size_t b = 1; b < r.policies.size(); ++b)
    out += "\nProfit, " + table_text(r.policies[b].name) + " against " +
           table_text(r.policies[0].name) + ", step by step (means)\n" +
           waterfall_table(r, b, d);
  out += "\nAssumptions (the tornado moves the response parameters; docs/SIMULATION.md)\n" +
         assumptions_table(r);
  return out;
}

// =========================================================================================
// [SECTION] Policy simulation: JSON and CSV
// =========================================================================================

std::string policy_json(const Book& book, const SimResult& r) {
  const int d = book.minor_digits;
  std::string out = "{\n  \"format\": \"" + std::string(kSimResultFormat) + "\", \"from\": \"" +
                    format_date(r.from) + "\", \"to\": \"" + format_date(r.to) +
                    "\", \"months\": " +
                    std::to_string(r.policies.empty() ? 0 : r.policies[0].months.size()) +
                    ", \"runs\": " + std::to_string(r.runs) +
                    ", \"runs_done\": " + std::to_string(r.runs_done) +
                    ", \"seed\": " + std::to_string(r.seed) + ", \"currency\": ";
  append_json_string(out, book.currency);
  out += ", \"band\": \"5th-95th percentile\",\n";
  out += "  \"model\": {\"open_invoices\": " + std::to_string(r.open_invoices) +
         ", \"new_invoices\": " + std::to_string(r.new_invoices) +
         ", \"customers_own\": " + std::to_string(r.customers_own) +
         ", \"customers_grade\": " + std::to_string(r.customers_grade) +
         ", \"customers_book\": " + std::to_string(r.customers_book) +
         ", \"growth\": " + decimal_text(double(r.growth_ppm) / 1e6, 6) + "},\n";
  out += "  \"metrics\": [";
  for (int k = 0; k < kSimMetricCount; ++k) {
    SimMetric m = SimMetric(k);
    out += k ? ",\n    " : "\n    ";
    out += "{\"name\": \"" + std::string(sim_metric_name(m)) + "\", \"label\": " +
           quoted_json(sim_metric_label(m)) + ", \"unit\": \"" + unit_name(metric_unit(m)) +
           "\"}";
  }
  out += "\n  ],\n  \"policies\": [";
  for (size_t i = 0; i < r.policies.size(); ++i) {
    const SimPolicyResult& p = r.policies[i];
    out += i ? ",\n    {\"name\": " : "\n    {\"name\": ";
    append_json_string(out, p.name);
    out += ",\n     \"total\": " + bands_json(p.total, d);
    out += ",\n     \"difference\": " + (i ? bands_json(p.diff_total, d) : std::string("null"));
    out += ",\n     \"months\": [";
    for (size_t k = 0; k < p.months.size(); ++k) {
      const SimMonthResult& mo = p.months[k];
      std::string bands = bands_json(mo.v, d);
      out += k ? ",\n       " : "\n       ";
      out += "{\"from\": \"" + format_date(mo.first) + "\", \"to\": \"" + format_date(mo.last) +
             "\", " + bands.substr(1);
    }
    out += p.months.empty() ? "]" : "\n     ]";
    out += ",\n     \"salespeople\": [";
    for (size_t k = 0; k < p.people.size(); ++k) {
      const SimPersonResult& s = p.people[k];
      out += k ? ",\n       {\"id\": " : "\n       {\"id\": ";
      append_json_string(out, s.id);
      out += ", \"name\": ";
      append_json_string(out, s.name);
      out += ", \"sales\": " + band_json(kSimSales, s.sales, d) +
             ", \"cash\": " + band_json(kSimCash, s.cash, d) +
             ", \"commission\": " + band_json(kSimCommissionCost, s.commission, d) +
             ", \"collection_rate\": " + band_json(kSimCollectionRate, s.collection_rate, d) +
             "}";
    }
    out += p.people.empty() ? "]" : "\n     ]";
    out += ",\n     \"waterfall\": ";
    if (i == 0) {
      out += "null}";
      continue;
    }
    out += "[";
    std::vector<WaterfallStep> steps = profit_waterfall(r, 0, i);
    for (size_t k = 0; k < steps.size(); ++k) {
      out += k ? ", {\"step\": " : "{\"step\": ";
      append_json_string(out, steps[k].label);
      out += ", \"change\": " + machine_value(kSimProfit, steps[k].delta, d, true) + "}";
    }
    out += "]}";
  }
  out += r.policies.empty() ? "],\n" : "\n  ],\n";
  out += "  \"assumptions\": [";
  for (size_t k = 0; k < r.assumptions.size(); ++k) {
    const SimAssumption& a = r.assumptions[k];
    out += k ? ",\n    {\"name\": " : "\n    {\"name\": ";
    append_json_string(out, a.name);
    out += ", \"label\": ";
    append_json_string(out, a.label);
    out += ", \"value\": ";
    append_json_string(out, a.value);
    out += ", \"source\": ";
    append_json_string(out, a.source);
    out += "}";
  }
  out += r.assumptions.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

namespace {

void csv_band_rows(std::string& out, const std::string& policy, const char* scope, Date from,
                   Date to, const std::array<Band, kSimMetricCount>& v, int digits) {
  for (int k = 0; k < kSimMetricCount; ++k) {
    SimMetric m = SimMetric(k);
    const Band& b = v[size_t(k)];
    append_csv_text(out, policy);
    out += std::string(",") + scope + "," + format_date(from) + "," + format_date(to) + "," +
           sim_metric_name(m) + ",";
    append_csv_number(out, machine_value(m, b.mean, digits, false));
    out += ',';
    append_csv_number(out, machine_value(m, double(b.p5), digits, false));
    out += ',';
    append_csv_number(out, machine_value(m, double(b.p95), digits, false));
    out += '\n';
  }
}

}  // namespace

std::string policy_csv(const Book& book, const SimResult& r) {
  std::string out = "policy,scope,from,to,metric,mean,p5,p95\n";
  for (size_t i = 0; i < r.policies.size(); ++i) {
    const SimPolicyResult& p = r.policies[i];
    for (const SimMonthResult& mo : p.months)
      csv_band_rows(out, p.name, "month", mo.first, mo.last, mo.v, book.minor_digits);
    csv_band_rows(out, p.name, "total", r.from, r.to, p.total, book.minor_digits);
    if (i > 0)
      csv_band_rows(out, p.name, "difference", r.from, r.to, p.diff_total, book.minor_digits);
  }
  return out;
}

// =========================================================================================
// [SECTION] Sweep and tornado
// =========================================================================================

namespace {

std::string param_value(std::string_view name, int64_t v, int digits) {
  const SimParam* p = find_sim_param(name);
  return p ? format_sim_param(*p, v, digits) : std::to_string(v);
}

std::string param_label(std::string_view name) {
  const SimParam* p = find_sim_param(name);
  return p ? p->label : std::string(name);
}

}  // namespace

std::string sweep_table(const Book& book, const SweepResult& s, const std::string& policy) {
  const int d = book.minor_digits;
  std::string out = "Sweep of " + table_text(s.param) + " (" + table_text(param_label(s.param)) +
                    ") on " + table_text(policy) + "\n" + sim_metric_label(s.metric) +
                    " over the horizon" +
                    (s.diff ? ", the difference with the policy as given" : std::string()) +
                    "; mean and 5th-95th percentile band\n";
  std::vector<std::vector<std::string>> rows = {{"Value", "Mean", "p5", "p95"}};
  for (const SweepPoint& p : s.points)
    rows.push_back({param_value(s.param, p.value, d), shown_value(s.metric, p.metric.mean, d),
                    shown_value(s.metric, double(p.metric.p5), d),
                    shown_value(s.metric, double(p.metric.p95), d)});
  return out + text_columns(rows, {true, true, true, true});
}

std::string sweep_json(const Book& book, const SweepResult& s, const std::string& policy) {
  const int d = book.minor_digits;
  std::string out = "{\"param\": ";
  append_json_string(out, s.param);
  out += ", \"label\": ";
  append_json_string(out, param_label(s.param));
  out += ", \"metric\": \"" + std::string(sim_metric_name(s.metric)) +
         "\", \"difference\": " + (s.diff ? "true" : "false") + ", \"policy\": ";
  append_json_string(out, policy);
  out += ",\n \"points\": [";
  for (size_t k = 0; k < s.points.size(); ++k) {
    const SweepPoint& p = s.points[k];
    std::string band = band_json(s.metric, p.metric, d);
    out += k ? ",\n  " : "\n  ";
    out += "{\"value\": " + quoted_json(param_value(s.param, p.value, d)) + ", " + band.substr(1);
  }
  out += s.points.empty() ? "]}\n" : "\n ]}\n";
  return out;
}

std::string sweep_csv(const Book& book, const SweepResult& s, const std::string& policy) {
  std::string out = "policy,param,value,metric,difference,mean,p5,p95\n";
  for (const SweepPoint& p : s.points) {
    append_csv_text(out, policy);
    out += ',';
    append_csv_text(out, s.param);
    out += ',';
    append_csv_text(out, param_value(s.param, p.value, book.minor_digits));
    out += "," + std::string(sim_metric_name(s.metric)) + "," + (s.diff ? "true" : "false") + ",";
    append_csv_number(out, machine_value(s.metric, p.metric.mean, book.minor_digits, false));
    out += ',';
    append_csv_number(out, machine_value(s.metric, double(p.metric.p5), book.minor_digits, false));
    out += ',';
    append_csv_number(out,
                      machine_value(s.metric, double(p.metric.p95), book.minor_digits, false));
    out += '\n';
  }
  return out;
}

std::string tornado_table(const Book& book, const TornadoResult& t, const std::string& policy,
                          const std::string& against) {
  const int d = book.minor_digits;
  std::string out = "Tornado: what moves " + std::string(sim_metric_label(t.metric)) + " of " +
                    table_text(policy) + " against " + table_text(against) + " most\n" +
                    "Means over the runs; at the policies' own values " +
                    shown_value(t.metric, t.base, d) +
                    "; each assumption at half and one and a half times its value\n";
  std::vector<std::vector<std::string>> rows = {
      {"Assumption", "Low", "High", "At low", "At high", "Swing"}};
  for (const TornadoBar& b : t.bars)
    rows.push_back({table_text(b.param), param_value(b.param, b.low_value, d),
                    param_value(b.param, b.high_value, d), shown_value(t.metric, b.low, d),
                    shown_value(t.metric, b.high, d),
                    shown_value(t.metric, std::fabs(b.high - b.low), d)});
  return out + text_columns(rows, {false, true, true, true, true, true});
}

std::string tornado_json(const Book& book, const TornadoResult& t, const std::string& policy,
                         const std::string& against) {
  const int d = book.minor_digits;
  std::string out = "{\"metric\": \"" + std::string(sim_metric_name(t.metric)) + "\", \"policy\": ";
  append_json_string(out, policy);
  out += ", \"against\": ";
  append_json_string(out, against);
  out += ", \"base\": " + machine_value(t.metric, t.base, d, true) + ",\n \"bars\": [";
  for (size_t k = 0; k < t.bars.size(); ++k) {
    const TornadoBar& b = t.bars[k];
    out += k ? ",\n  {\"param\": " : "\n  {\"param\": ";
    append_json_string(out, b.param);
    out += ", \"label\": ";
    append_json_string(out, b.label);
    out += ", \"low_value\": " + quoted_json(param_value(b.param, b.low_value, d)) +
           ", \"high_value\": " + quoted_json(param_value(b.param, b.high_value, d)) +
           ", \"low\": " + machine_value(t.metric, b.low, d, true) +
           ", \"high\": " + machine_value(t.metric, b.high, d, true) +
           ", \"swing\": " + machine_value(t.metric, std::fabs(b.high - b.low), d, true) + "}";
  }
  out += t.bars.empty() ? "]}\n" : "\n ]}\n";
  return out;
}

std::string tornado_csv(const Book& book, const TornadoResult& t, const std::string& policy,
                        const std::string& against) {
  const int d = book.minor_digits;
  std::string out = "policy,against,metric,param,low_value,high_value,low,high,swing\n";
  for (const TornadoBar& b : t.bars) {
    append_csv_text(out, policy);
    out += ',';
    append_csv_text(out, against);
    out += "," + std::string(sim_metric_name(t.metric)) + ",";
    append_csv_text(out, b.param);
    out += ',';
    append_csv_text(out, param_value(b.param, b.low_value, d));
    out += ',';
    append_csv_text(out, param_value(b.param, b.high_value, d));
    for (double x : {b.low, b.high, std::fabs(b.high - b.low)}) {
      out += ',';
      append_csv_number(out, machine_value(t.metric, x, d, false));
    }
    out += '\n';
  }
  return out;
}

// =========================================================================================
// [SECTION] Parameters
// =========================================================================================

namespace {

const char* param_unit_name(ParamUnit u) {
  switch (u) {
    case ParamUnit::Ppm: return "percent";
    case ParamUnit::Days: return "days";
    case ParamUnit::Minor: return "amount";
    case ParamUnit::Switch: return "on/off";
    case ParamUnit::Choice: return "choice";
  }
  return "";
}

std::string range_of(const SimParam& p, int digits) {
  if (p.unit == ParamUnit::Switch) return "on, off";
  if (p.unit == ParamUnit::Choice) {
    std::string list;
    for (char c : std::string(p.choices ? p.choices : "")) list += c == '|' ? std::string(", ") : std::string(1, c);
    return list;
  }
  std::string low = p.min < 0 ? "off, " + format_sim_param(p, 0, digits)
                              : format_sim_param(p, p.min, digits);
  return low + " .. " + format_sim_param(p, p.max, digits);
}

std::string default_of(const SimParam& p, int digits) {
  int64_t v = 0;
  const SimPolicy base = SimPolicy::defaults();
  return get_sim_param(base, p.name, &v) ? format_sim_param(p, v, digits) : std::string("-");
}

}  // namespace

std::string sim_params_table(int minor_digits) {
  std::vector<std::vector<std::string>> rows = {
      {"Parameter", "Unit", "Default", "Range", "Kind", "Source"}};
  for (const SimParam& p : sim_params())
    rows.push_back({p.name, param_unit_name(p.unit), default_of(p, minor_digits),
                    range_of(p, minor_digits), p.response ? "response" : "lever", p.source});
  return text_columns(rows, {false, false, true, false, false, false});
}

std::string sim_params_json(int minor_digits) {
  std::string out = "[";
  bool first = true;
  for (const SimParam& p : sim_params()) {
    out += first ? "\n  {\"name\": " : ",\n  {\"name\": ";
    first = false;
    append_json_string(out, p.name);
    out += ", \"label\": ";
    append_json_string(out, p.label);
    out += ", \"unit\": \"" + std::string(param_unit_name(p.unit)) + "\", \"default\": " +
           quoted_json(default_of(p, minor_digits)) +
           ", \"min\": " + quoted_json(format_sim_param(p, p.min, minor_digits)) +
           ", \"max\": " + quoted_json(format_sim_param(p, p.max, minor_digits)) +
           ", \"response\": " + (p.response ? "true" : "false") + ", \"source\": ";
    append_json_string(out, p.source);
    out += "}";
  }
  return out + (first ? "]\n" : "\n]\n");
}

}  // namespace arlab
