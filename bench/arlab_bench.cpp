// arlab_bench: load, aging, save and memory figures for big books (docs/BENCHMARKS.md).
//
//   arlab_bench generate OUT.json [--invoices N] [--customers N] [--seed N] [--months N]
//   arlab_bench run BOOK.json [--as-of YYYY-MM-DD] [--loads N] [--agings N] [--json]
//   arlab_bench ledger BOOK.json OUT.journal     (the ledger-cli journal of the book)
//   arlab_bench smoke                            (tiny book, checks only: the CTest `bench`)
//   arlab_bench append BOOK.json [--appends N]   (the event stream's build, and documents
//                                                 appended in place vs build_index)
//
// `run` times exactly what a user waits for: read file + parse + validate + index (that is
// io's read_book_json), aging of every invoice at one date, and writing the book again.
// Memory: resident set before and after the load (the file text freed), so bytes per
// invoice = RSS growth / invoices; under WASM, malloc's bytes in use and the heap size.
// Also what the management screens wait for: the metrics of the last 12 months (the total and
// one row per month, as the Metrics tab computes them) and a commission statement over the
// same 12 months (`--plan FILE`, else the built-in plan below, as assets/plans/cash-80-gate.json).
// Run it from bench/run.sh, which builds native and WASM and compares with ledger-cli.
//
// [SECTION] Clock and memory
// [SECTION] Command line
// [SECTION] generate / ledger
// [SECTION] run: measurements
// [SECTION] run: report (table or JSON)
// [SECTION] smoke
// [SECTION] append: the event stream and documents appended in place
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <ctime>
#include <string>
#include <vector>

#include <malloc.h>

#include "core/aging.h"
#include "core/book.h"
#include "core/collection.h"
#include "core/commission.h"
#include "core/generate.h"
#include "core/metrics.h"
#include "core/money.h"
#include "core/worklist.h"
#include "core/policy_sim.h"
#include "core/dunning.h"
#include "core/events.h"
#include "io/book_json.h"
#include "io/commission_plan.h"
#include "io/file.h"
#include "io/ledger_journal.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten/heap.h>
#else
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace {

using namespace arlab;

// ---- [SECTION] Clock and memory ------------------------------------------------------------

double now_ms() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

// Processor time of this process: on a shared, busy machine wall time also counts the time
// other processes held the CPU. arlab is single-threaded, so unloaded, wall ~= CPU.
// (Under node, Emscripten's clock() follows wall time.)
double cpu_ms() { return double(std::clock()) * 1000.0 / CLOCKS_PER_SEC; }

#if defined(__EMSCRIPTEN__)
constexpr const char* kPlatform = "wasm";
int64_t rss_bytes() { return -1; }  // No resident set in WASM: see heap_in_use_bytes.
int64_t peak_bytes() { return int64_t(emscripten_get_heap_size()); }  // Never shrinks.
int64_t heap_in_use_bytes() { return int64_t(mallinfo().uordblks); }
void release_free_memory() {}
#else
constexpr const char* kPlatform = "native";
int64_t rss_bytes() {
  long pages_total = 0, pages_resident = 0;
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  const int n = std::fscanf(f, "%ld %ld", &pages_total, &pages_resident);
  std::fclose(f);
  return n == 2 ? int64_t(pages_resident) * sysconf(_SC_PAGESIZE) : -1;
}
int64_t peak_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return int64_t(usage.ru_maxrss) * 1024;  // Linux reports kilobytes.
}
int64_t heap_in_use_bytes() {
  const struct mallinfo2 m = mallinfo2();
  return int64_t(m.uordblks + m.hblkhd);  // Small chunks + mmapped big ones.
}
void release_free_memory() { malloc_trim(0); }  // So RSS shows what the book really holds.
#endif

double mb(int64_t bytes) { return double(bytes) / (1024.0 * 1024.0); }

uint64_t fnv1a(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// ---- [SECTION] Command line ------------------------------------------------------------------

struct Options {
  std::vector<std::string> positional;
  GenerateParams gen;
  std::string as_of;
  std::string plan;  // Commission plan file; "" = the built-in plan.
  int loads = 3;     // Timed loads; memory is measured on the first.
  int agings = 10;   // Timed aging runs.
  int runs = 10000;  // simulate: Monte Carlo runs.
  int threads = 0;   // simulate: 0 = every core.
  int policies = 2;  // simulate: 1 (As today alone) or 2 (and 2/10 net 30 with holds).
  int appends = 2000;  // `append`: documents appended in place.
  bool json = false;
};

bool parse_int(const char* text, int64_t lo, int64_t hi, int64_t* out) {
  char* end = nullptr;
  const long long v = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0' || v < lo || v > hi) return false;
  *out = v;
  return true;
}

// Parses options after the command word; false with a message on stderr.
bool parse_options(int argc, char** argv, Options* o) {
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json") { o->json = true; continue; }
    if (a.rfind("--", 0) != 0) { o->positional.push_back(a); continue; }
    if (i + 1 >= argc) {
      return std::fprintf(stderr, "arlab_bench: %s needs a value\n", a.c_str()), false;
    }
    const char* v = argv[++i];
    int64_t n = 0;
    bool ok = parse_int(v, 0, 100'000'000, &n);
    if (a == "--invoices") o->gen.invoices = n;
    else if (a == "--customers") o->gen.customers = int32_t(n), ok = ok && n > 0;
    else if (a == "--months") o->gen.months = int32_t(n), ok = ok && n > 0 && n <= 1200;
    else if (a == "--seed") o->gen.seed = uint64_t(n);
    else if (a == "--loads") o->loads = int(n), ok = ok && n > 0;
    else if (a == "--agings") o->agings = int(n), ok = ok && n > 0;
    else if (a == "--as-of") o->as_of = v, ok = true;
    else if (a == "--plan") o->plan = v, ok = true;
    else if (a == "--runs") o->runs = int(n), ok = ok && n > 0 && n <= 100000;
    else if (a == "--threads") o->threads = int(n), ok = ok && n <= 256;
    else if (a == "--policies") o->policies = int(n), ok = ok && (n == 1 || n == 2);
    else if (a == "--appends") o->appends = int(n), ok = ok && n > 0;
    else return std::fprintf(stderr, "arlab_bench: unknown option %s\n", a.c_str()), false;
    if (!ok) return std::fprintf(stderr, "arlab_bench: bad value %s for %s\n", v, a.c_str()), false;
  }
  return true;
}

const char* kUsage =
    "Usage: arlab_bench generate OUT.json [--invoices N] [--customers N] [--seed N] [--months N]\n"
    "       arlab_bench run BOOK.json [--as-of YYYY-MM-DD] [--loads N] [--agings N]\n"
    "                      [--plan PLAN.json] [--json]\n"
    "       arlab_bench ledger BOOK.json OUT.journal\n"
    "       arlab_bench simulate [--customers N] [--invoices N] [--months N] [--runs N]\n"
    "                      [--threads N] [--policies 1|2] [--json]\n"
    "       arlab_bench smoke\n"
    "       arlab_bench append BOOK.json [--appends N]\n";

// ---- [SECTION] generate / ledger ---------------------------------------------------------------

bool load_or_complain(const std::string& path, LoadResult* out) {
  std::string text, error;
  if (!read_file(path, &text, &error)) return std::fprintf(stderr, "%s\n", error.c_str()), false;
  *out = read_book_json(text);
  if (!out->ok) std::fputs(format_problems(path, out->problems).c_str(), stderr);
  return out->ok;
}

int cmd_generate(const Options& o) {
  if (o.positional.size() != 1) return std::fputs(kUsage, stderr), 2;
  const double t0 = now_ms();
  const Book book = generate_book(o.gen);
  const double t1 = now_ms();
  const std::string text = write_book_json(book);
  std::string error;
  if (!write_file_atomic(o.positional[0], text, &error)) {
    return std::fprintf(stderr, "%s\n", error.c_str()), 1;
  }
  std::printf("generated %zu invoices, %zu payments, %zu credit notes, %zu write-offs in %.0f ms;"
              " wrote %.1f MB in %.0f ms\n", book.invoices.size(), book.payments.size(),
              book.credit_notes.size(), book.write_offs.size(), t1 - t0, mb(int64_t(text.size())),
              now_ms() - t1);
  return 0;
}

int cmd_ledger(const Options& o) {
  if (o.positional.size() != 2) return std::fputs(kUsage, stderr), 2;
  LoadResult r;
  if (!load_or_complain(o.positional[0], &r)) return 1;
  std::string error;
  if (!write_file_atomic(o.positional[1], ledger_journal(r.book), &error)) {
    return std::fprintf(stderr, "%s\n", error.c_str()), 1;
  }
  return 0;
}

// ---- [SECTION] run: measurements ---------------------------------------------------------------

struct Figures {
  std::string path;
  int64_t file_bytes = 0;
  size_t invoices = 0, payments = 0, allocations = 0, credit_notes = 0, write_offs = 0;
  double read_ms = 0, parse_index_ms = 0;  // First load.
  std::vector<double> load_ms;             // Every load: read + parse + validate + index.
  std::vector<double> load_cpu_ms;         // The same in processor time.
  double build_index_ms = 0;               // build_index alone, on the loaded book.
  std::vector<double> aging_ms, aging_cpu_ms;
  std::vector<double> position_ms;          // collection_position: stages, limits, holds.
  uint32_t on_hold = 0;
  std::vector<double> worklist_ms;          // worklist() from that position.
  size_t worklist_items = 0;
  std::vector<double> dunning_ms;           // dunning_run: case state, levels, letters.
  size_t dunning_letters = 0, dunning_invoices = 0;
  double save_ms = 0;                      // write_book_json.
  bool round_trip_identical = false;       // Save of the loaded book == the file, byte for byte.
  int64_t rss_before = -1, rss_after = -1, heap_before = 0, heap_after = 0;
  int64_t peak_load = 0, peak = 0;  // Peak after the first load (text + parse), and at the end.
  std::string as_of;
  std::vector<std::string> bucket_names;
  std::vector<int64_t> bucket_totals_minor;
  int64_t open_minor = 0, unapplied_minor = 0;
  std::string period_from;                 // Metrics and commission: the 12 months to as-of.
  double metrics_ms = 0;                   // compute_metrics + compute_metrics_by(Month).
  double commission_ms = 0;                // compute_commission, every line kept.
  std::string plan_name;
  size_t commission_lines = 0;
  int64_t commission_payable_minor = 0;
};

// The plan `run` uses without --plan: assets/plans/cash-80-gate.json written as code (collected
// basis, 5%, half after 30 days late, nothing after 90, sales target 100,000.00 a month, 80%
// collection-rate gate, 10% of bad debts deducted, paid the month after).
CommissionPlan builtin_plan() {
  CommissionPlan p;
  p.name = "Cash collected, 80% gate (built in)";
  p.basis = CommissionBasis::Collected;
  p.rate_ppm = 50000;
  p.late_factors = {{30, 500000}, {90, 0}};
  p.gates.sales_target_minor = 10000000;
  p.gates.collection_rate_min_ppm = 800000;
  p.penalties.bad_debt_rate_ppm = 100000;
  p.penalties.overdue_warning_days = 60;
  return p;
}

// The Metrics tab's work and a commission statement over the 12 months ending at `to`.
bool measure_management(const Options& o, const Book& book, Date to, Figures* f) {
  CommissionPlan plan = builtin_plan();
  std::vector<Problem> problems;
  if (!o.plan.empty()) {
    std::string text, error;
    if (!read_file(o.plan, &text, &error)) return std::fprintf(stderr, "%s\n", error.c_str()), false;
    if (!read_commission_plan(text, book.minor_digits, &plan, &problems)) {
      return std::fputs(format_problems(o.plan, problems).c_str(), stderr), false;
    }
  }
  if (!validate_commission_plan(plan, &problems)) {
    return std::fputs(format_problems("plan", problems).c_str(), stderr), false;
  }
  const YearMonthDay ymd = ymd_from_date(to);
  const Date first = ymd.month == 12 ? date_from_ymd(ymd.year, 1, 1)
                                     : date_from_ymd(ymd.year - 1, ymd.month + 1, 1);
  f->period_from = format_date(first);
  double t0 = now_ms();
  const Metrics total = compute_metrics(book, first, to);
  const std::vector<MetricsRow> months = compute_metrics_by(book, first, to, kDefaultRateBp,
                                                            MetricsBy::Month);
  f->metrics_ms = now_ms() - t0;
  if (months.empty() || total.days <= 0) return std::fputs("metrics: no months\n", stderr), false;
  t0 = now_ms();
  const CommissionStatement s = compute_commission(book, plan, first, to);
  f->commission_ms = now_ms() - t0;
  f->plan_name = plan.name;
  f->commission_lines = s.lines.size();
  f->commission_payable_minor = s.total.payable_minor;
  return true;
}

// One timed load: read the file and read_book_json it. The text is freed before returning.
bool timed_load(const std::string& path, Figures* f, LoadResult* out, uint64_t* text_hash) {
  const double t0 = now_ms(), c0 = cpu_ms();
  std::string text, error;
  if (!read_file(path, &text, &error)) return std::fprintf(stderr, "%s\n", error.c_str()), false;
  const double t1 = now_ms();
  *out = read_book_json(text);
  const double t2 = now_ms();
  if (!out->ok) return std::fputs(format_problems(path, out->problems).c_str(), stderr), false;
  f->load_ms.push_back(t2 - t0);
  f->load_cpu_ms.push_back(cpu_ms() - c0);
  if (f->load_ms.size() == 1) f->read_ms = t1 - t0, f->parse_index_ms = t2 - t1;
  f->file_bytes = int64_t(text.size());
  if (text_hash) *text_hash = fnv1a(text);
  return true;
}

void measure_aging(const Book& book, Date as_of, int runs, Figures* f) {
  AgingReport report;
  for (int i = 0; i < runs; ++i) {
    const double t0 = now_ms(), c0 = cpu_ms();
    report = compute_aging(book, as_of, kDefaultAgingEdges);
    f->aging_ms.push_back(now_ms() - t0);
    f->aging_cpu_ms.push_back(cpu_ms() - c0);
  }
  f->as_of = format_date(as_of);
  f->bucket_names = report.bucket_names;
  f->bucket_totals_minor = report.total_amounts_minor;
  f->open_minor = report.total_open_minor;
  f->unapplied_minor = report.total_unapplied_minor;
}

// The collection position of every invoice and customer (core/collection.h): what the
// dashboard, `arlab holds` and the worklist read.
void measure_position(const Book& book, Date as_of, int runs, Figures* f) {
  for (int i = 0; i < runs; ++i) {
    const double t0 = now_ms();
    CollectionPosition p = collection_position(book, as_of);
    f->position_ms.push_back(now_ms() - t0);
    f->on_hold = p.on_hold_count;
    const double t1 = now_ms();
    std::vector<WorkItem> items = worklist(book, p);
    f->worklist_ms.push_back(now_ms() - t1);
    f->worklist_items = items.size();
    const double t2 = now_ms();
    DunningRun run = dunning_run(book, as_of);
    f->dunning_ms.push_back(now_ms() - t2);
    f->dunning_letters = run.letters.size();
    f->dunning_invoices = run.items.size();
  }
}

bool measure(const Options& o, Figures* f) {
  f->path = o.positional[0];
  release_free_memory();
  f->rss_before = rss_bytes();
  f->heap_before = heap_in_use_bytes();
  LoadResult r;
  uint64_t text_hash = 0;
  if (!timed_load(f->path, f, &r, &text_hash)) return false;
  release_free_memory();
  f->rss_after = rss_bytes();
  f->heap_after = heap_in_use_bytes();
  f->peak_load = peak_bytes();
  for (int i = 1; i < o.loads; ++i) {
    LoadResult again;
    if (!timed_load(f->path, f, &again, nullptr)) return false;
  }
  Book& book = r.book;
  f->invoices = book.invoices.size(), f->payments = book.payments.size();
  f->allocations = book.payment_allocations.size() + book.credit_allocations.size();
  f->credit_notes = book.credit_notes.size(), f->write_offs = book.write_offs.size();
  std::vector<Problem> problems;
  double t0 = now_ms();
  if (!build_index(book, &problems)) return std::fputs("build_index failed\n", stderr), false;
  f->build_index_ms = now_ms() - t0;
  Date as_of = book_last_date(book);
  if (!o.as_of.empty() && !parse_date(o.as_of, &as_of)) {
    return std::fprintf(stderr, "arlab_bench: bad --as-of %s\n", o.as_of.c_str()), false;
  }
  measure_aging(book, as_of, o.agings, f);
  measure_position(book, as_of, o.agings, f);
  if (!measure_management(o, book, as_of, f)) return false;
  t0 = now_ms();
  const std::string saved = write_book_json(book);
  f->save_ms = now_ms() - t0;
  f->round_trip_identical = fnv1a(saved) == text_hash && int64_t(saved.size()) == f->file_bytes;
  f->peak = peak_bytes();
  return true;
}

// ---- [SECTION] run: report (table or JSON) -----------------------------------------------------

double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

double bytes_per_invoice(int64_t before, int64_t after, size_t invoices) {
  return invoices == 0 || before < 0 ? 0 : double(after - before) / double(invoices);
}

void print_table(const Figures& f) {
  std::printf("arlab_bench (%s): %s, %.1f MB\n", kPlatform, f.path.c_str(), mb(f.file_bytes));
  std::printf("  %zu invoices, %zu payments, %zu allocations, %zu credit notes, %zu write-offs\n",
              f.invoices, f.payments, f.allocations, f.credit_notes, f.write_offs);
  std::printf("  %-44s %9.1f ms min, %.1f median of %zu (first: read %.1f + parse %.1f)\n",
              "load (read + parse + validate + index)", min_of(f.load_ms), median(f.load_ms),
              f.load_ms.size(), f.read_ms, f.parse_index_ms);
  std::printf("  %-44s %9.1f ms min\n", "  in processor time", min_of(f.load_cpu_ms));
  std::printf("  %-44s %9.1f ms\n", "  of which build_index (validate + index)", f.build_index_ms);
  std::printf("  %-44s %9.2f ms min, %.2f median of %zu\n",
              ("aging of every invoice as of " + f.as_of).c_str(), min_of(f.aging_ms),
              median(f.aging_ms), f.aging_ms.size());
  std::printf("  %-44s %9.2f ms min\n", "  in processor time", min_of(f.aging_cpu_ms));
  std::printf("  %-44s %9.2f ms min, %.2f median (%u customers on hold)\n",
              "collection position (stages, limits, holds)", min_of(f.position_ms),
              median(f.position_ms), f.on_hold);
  std::printf("  %-44s %9.2f ms min (%zu items)\n", "  worklist from it (ranked)",
              min_of(f.worklist_ms), f.worklist_items);
  std::printf("  %-44s %9.2f ms min (%zu letters, %zu invoices)\n",
              "dunning run (levels, one letter a customer)", min_of(f.dunning_ms),
              f.dunning_letters, f.dunning_invoices);
  std::printf("  %-44s %9.1f ms\n",
              ("metrics " + f.period_from + " to " + f.as_of + ", total + 12 months").c_str(),
              f.metrics_ms);
  std::printf("  %-44s %9.1f ms (%zu lines, payable %s; plan \"%s\")\n",
              "commission statement, same 12 months", f.commission_ms, f.commission_lines,
              format_amount(f.commission_payable_minor, 2).c_str(), f.plan_name.c_str());
  std::printf("  %-44s %9.1f ms (byte-identical to the file: %s)\n", "save (write_book_json)",
              f.save_ms, f.round_trip_identical ? "yes" : "NO");
  if (f.rss_before >= 0) {
    std::printf("  %-44s %9.1f MB -> %.1f MB: %.0f bytes/invoice\n", "RSS before -> after load",
                mb(f.rss_before), mb(f.rss_after),
                bytes_per_invoice(f.rss_before, f.rss_after, f.invoices));
  }
  std::printf("  %-44s %9.1f MB: %.0f bytes/invoice\n", "heap in use after load",
              mb(f.heap_after - f.heap_before),
              bytes_per_invoice(f.heap_before, f.heap_after, f.invoices));
  std::printf("  %-44s %9.1f MB after the first load, %.1f MB at the end\n",
              f.rss_before >= 0 ? "peak RSS" : "peak heap size", mb(f.peak_load), mb(f.peak));
  std::printf("  aging totals:");
  for (size_t i = 0; i < f.bucket_names.size(); ++i) {
    std::printf(" %s %s", f.bucket_names[i].c_str(),
                format_amount(f.bucket_totals_minor[i], 2).c_str());
  }
  std::printf("; open %s\n", format_amount(f.open_minor, 2).c_str());
}

void print_json(const Figures& f) {
  std::printf("{\"platform\": \"%s\", \"file_bytes\": %lld, \"invoices\": %zu, \"payments\": %zu, "
              "\"allocations\": %zu, \"credit_notes\": %zu, \"write_offs\": %zu,\n",
              kPlatform, (long long)f.file_bytes, f.invoices, f.payments, f.allocations,
              f.credit_notes, f.write_offs);
  std::printf(" \"load_ms_min\": %.2f, \"load_ms_median\": %.2f, \"read_ms\": %.2f, "
              "\"parse_index_ms\": %.2f, \"build_index_ms\": %.2f,\n",
              min_of(f.load_ms), median(f.load_ms), f.read_ms, f.parse_index_ms, f.build_index_ms);
  std::printf(" \"load_cpu_ms_min\": %.2f, \"aging_cpu_ms_min\": %.3f,\n", min_of(f.load_cpu_ms),
              min_of(f.aging_cpu_ms));
  std::printf(" \"position_ms_min\": %.3f, \"on_hold\": %u, \"worklist_ms_min\": %.3f, "
              "\"worklist_items\": %zu,\n", min_of(f.position_ms), f.on_hold,
              min_of(f.worklist_ms), f.worklist_items);
  std::printf(" \"dunning_ms_min\": %.3f, \"dunning_letters\": %zu, \"dunning_invoices\": %zu,\n",
              min_of(f.dunning_ms), f.dunning_letters, f.dunning_invoices);
  std::printf(" \"aging_ms_min\": %.3f, \"aging_ms_median\": %.3f, \"save_ms\": %.2f, "
              "\"round_trip_identical\": %s,\n", min_of(f.aging_ms), median(f.aging_ms),
              f.save_ms, f.round_trip_identical ? "true" : "false");
  std::printf(" \"rss_before\": %lld, \"rss_after_load\": %lld, \"heap_in_use_after_load\": %lld, "
              "\"peak_load\": %lld, \"peak\": %lld, \"rss_bytes_per_invoice\": %.1f, "
              "\"heap_bytes_per_invoice\": %.1f,\n",
              (long long)f.rss_before, (long long)f.rss_after,
              (long long)(f.heap_after - f.heap_before), (long long)f.peak_load, (long long)f.peak,
              bytes_per_invoice(f.rss_before, f.rss_after, f.invoices),
              bytes_per_invoice(f.heap_before, f.heap_after, f.invoices));
  std::printf(" \"metrics_ms\": %.2f, \"commission_ms\": %.2f, \"commission_lines\": %zu, "
              "\"commission_payable\": \"%s\", \"period_from\": \"%s\",\n",
              f.metrics_ms, f.commission_ms, f.commission_lines,
              format_amount(f.commission_payable_minor, 2).c_str(), f.period_from.c_str());
  std::printf(" \"as_of\": \"%s\", \"open\": \"%s\", \"unapplied\": \"%s\", \"buckets\": [",
              f.as_of.c_str(), format_amount(f.open_minor, 2).c_str(),
              format_amount(f.unapplied_minor, 2).c_str());
  for (size_t i = 0; i < f.bucket_totals_minor.size(); ++i) {
    std::printf("%s\"%s\"", i ? ", " : "", format_amount(f.bucket_totals_minor[i], 2).c_str());
  }
  std::printf("]}\n");
}

int cmd_run(const Options& o) {
  if (o.positional.size() != 1) return std::fputs(kUsage, stderr), 2;
  Figures f;
  if (!measure(o, &f)) return 1;
  if (o.json) print_json(f);
  else print_table(f);
  return 0;
}

// ---- [SECTION] smoke ---------------------------------------------------------------------------

// Keeps the bench compiling and running (CTest label `bench`): a tiny generated book through
// every step, with checks but no timing assertions.
int cmd_smoke() {
  GenerateParams p;
  p.seed = 7, p.customers = 25, p.invoices = 3000;
  const std::string text = write_book_json(generate_book(p));
  if (text != write_book_json(generate_book(p))) {
    return std::fputs("smoke: the generator is not deterministic\n", stderr), 1;
  }
  const std::string path = "arlab_bench_smoke.json";
  std::string error;
  if (!write_file_atomic(path, text, &error)) return std::fprintf(stderr, "%s\n", error.c_str()), 1;
  Options o;
  o.positional = {path};
  o.loads = 2, o.agings = 2;
  Figures f;
  const bool measured = measure(o, &f);
  std::remove(path.c_str());
  if (!measured) return 1;
  print_table(f);
  int64_t sum = 0;
  for (int64_t v : f.bucket_totals_minor) sum += v;
  const bool ok = f.invoices == 3000 && f.payments > 0 && f.round_trip_identical &&
                  sum == f.open_minor && f.open_minor > 0 && f.commission_lines > 0;
  std::puts(ok ? "smoke: ok" : "smoke: FAILED");
  return ok ? 0 : 1;
}

// ---- [SECTION] simulate ----------------------------------------------------------------------
// The policy simulator (core/policy_sim.h) on a generated book: by default 1,000 customers
// with one invoice a month each over 24 months of history, 12 months ahead, 10,000 runs, two
// policies (as today, and 2/10 net 30 with holds at 10 days: every lever's code path).

uint64_t cells_hash(const std::vector<int64_t>& cells) {  // FNV-1a over the bytes.
  uint64_t h = 1469598103934665603ULL;
  for (int64_t v : cells)
    for (int i = 0; i < 8; ++i) h = (h ^ uint64_t((v >> (8 * i)) & 0xff)) * 1099511628211ULL;
  return h;
}

int cmd_simulate(Options o) {
  if (o.gen.customers == 40) o.gen.customers = 1000;   // The generator's default: not given.
  if (o.gen.months == 18) o.gen.months = 24;
  if (o.gen.invoices == 0) o.gen.invoices = int64_t(o.gen.customers) * o.gen.months;
  const double t0 = now_ms();
  const Book book = generate_book(o.gen);
  const double t1 = now_ms();
  SimPolicy two;
  two.name = "2/10 net 30, holds";
  two.discount.rate_ppm = 20000;
  two.terms.net_days = 30;
  two.holds.stop_after_days = 10;
  two.dunning.reminder_before_due = true;
  SimRequest req;
  req.horizon_months = 12;
  req.runs = o.runs;
  req.seed = 1;
  req.policies = {SimPolicy::defaults()};
  if (o.policies == 2) req.policies.push_back(two);
  std::string why;
  SimPlanPtr plan = prepare_simulation(book, req, &why);
  if (!plan) return std::fprintf(stderr, "arlab_bench: %s\n", why.c_str()), 1;
  const double t2 = now_ms();
  SimRuns runs = make_runs(*plan);
  // The first 100 runs alone: what a screen can show first.
  simulate_runs(*plan, 0, std::min(100, o.runs), &runs);
  const double t3 = now_ms();
  SimResult first = summarize(*plan, runs, std::min(100, o.runs));
  const double t4 = now_ms();
  // All runs on one thread, then on every core (run_simulation, as the CLI does).
  simulate_runs(*plan, 0, o.runs, &runs);
  const double t5 = now_ms();
  SimResult all = summarize(*plan, runs, o.runs);
  const double t6 = now_ms();
  int threads = o.threads > 0 ? o.threads : int(std::max(1u, std::thread::hardware_concurrency()));
#ifdef __EMSCRIPTEN__
  threads = 1;
#endif
  const double t7 = now_ms();
  std::optional<SimResult> par = run_simulation(book, req, threads, &why);
  const double t8 = now_ms();
  const size_t last = all.policies.size() - 1;
  const bool same = par && std::memcmp(&par->policies[last].total, &all.policies[last].total,
                                       sizeof all.policies[last].total) == 0;
  const double cash = all.policies[0].total[kSimCash].mean / 100.0;
  if (o.json) {
    std::printf("{\"customers\": %d, \"invoices\": %zu, \"open_invoices\": %u, \"new_invoices\": %u,"
                " \"runs\": %d, \"policies\": %d, \"months\": 12, \"generate_ms\": %.1f,"
                " \"prepare_ms\": %.1f, \"first100_ms\": %.1f, \"runs_1thread_ms\": %.1f,"
                " \"summarize_ms\": %.1f, \"threads\": %d, \"run_simulation_ms\": %.1f,"
                " \"same_bytes\": %s, \"cells_hash\": \"%016llx\", \"peak_rss_mb\": %.1f}\n",
                o.gen.customers, book.invoices.size(), all.open_invoices, all.new_invoices, o.runs,
                o.policies, t1 - t0, t2 - t1, (t3 - t2) + (t4 - t3), t5 - t4, t6 - t5, threads, t8 - t7,
                same ? "true" : "false", (unsigned long long)cells_hash(runs.cells), mb(peak_bytes()));
  } else {
    std::printf("simulate: %d customers, %zu invoices in the book (%u open at the start, %u ahead),"
                " %d runs x %d policies x 12 months\n", o.gen.customers, book.invoices.size(),
                all.open_invoices, all.new_invoices, o.runs, o.policies);
    std::printf("  %-44s %9.1f ms\n", "prepare (fit + jobs)", t2 - t1);
    std::printf("  %-44s %9.1f ms\n", "first 100 runs + their summary", (t3 - t2) + (t4 - t3));
    std::printf("  %-44s %9.1f ms\n", "all runs, one thread", t5 - t4);
    std::printf("  %-44s %9.1f ms\n", "summary of all runs", t6 - t5);
    std::printf("  %-44s %9.1f ms (%d threads; same bytes: %s)\n", "run_simulation (prepare + runs + summary)",
                t8 - t7, threads, same ? "yes" : "NO");
    std::printf("  cash ahead, as today: %.2f mean; peak memory %.1f MB\n", cash, mb(peak_bytes()));
    (void)first;
  }
  return same ? 0 : 1;
}

// ---- [SECTION] append: the event stream and documents appended in place -------------------

// What a user's day adds after the book's last date, 19 documents a day: 8 invoices, each
// followed by a payment of 90% of it (an explicit allocation), a payment on account (its
// remainder oldest due first over the customer's open invoices), a write-off of one
// invoice's last 10%, and a refund of what the payment on account left unapplied (else one
// more invoice). Each is appended with index_appended and timed; build_index from scratch is
// what each append cost before. The result is checked against a build from scratch.
int cmd_append(const Options& o) {
  if (o.positional.size() != 1) return std::fputs(kUsage, stderr), 2;
  LoadResult r;
  if (!load_or_complain(o.positional[0], &r)) return 1;
  Book& book = r.book;
  const size_t events = book.index.events.size(), invoices = book.invoices.size();
  std::vector<double> stream_ms, build_ms;
  for (int k = 0; k < 5; ++k) {
    std::vector<BookEvent> stream;
    const double t0 = now_ms();
    build_event_stream(book, &stream);
    stream_ms.push_back(now_ms() - t0);
    if (stream != book.index.events) return std::fputs("append: stream differs\n", stderr), 1;
  }
  for (int k = 0; k < 3; ++k) {
    const double t0 = now_ms();
    if (!build_index(book, nullptr)) return std::fputs("append: build_index failed\n", stderr), 1;
    build_ms.push_back(now_ms() - t0);
  }
  const Date last = event_date(book, book.index.events.back());
  const size_t customers = book.customers.size();
  std::vector<double> append_ms;
  size_t in_place = 0, rebuilt = 0;
  Index customer = 0, paid_invoice = kNone, on_account = kNone;
  for (int k = 0; k < o.appends; ++k) {
    const int slot = k % 19;
    const Date day = last + 1 + k / 19;
    const std::string id = "BENCH-" + std::to_string(k);
    DocKind kind;
    if (slot < 16 && slot % 2 == 0) {
      customer = Index((customer + 7919) % customers);
      book.invoices.push_back({book.intern(id), customer, day, day + 30, 100000, 0});
      kind = DocKind::Invoice;
    } else if (slot < 16) {
      paid_invoice = Index(book.invoices.size() - 1);
      Receipt p{
          book.intern(id), customer, day, 90000, uint32_t(book.payment_allocations.size()), 1};
      book.payment_allocations.push_back({paid_invoice, 90000});
      book.payments.push_back(p);
      kind = DocKind::Payment;
    } else if (slot == 16) {
      customer = Index((customer + 7919) % customers);
      book.payments.push_back(
          {book.intern(id), customer, day, 50000, uint32_t(book.payment_allocations.size()), 0});
      on_account = Index(book.payments.size() - 1);
      kind = DocKind::Payment;
    } else if (slot == 17) {
      book.write_offs.push_back({book.intern(id), paid_invoice, day, 10000});
      kind = DocKind::WriteOff;
    } else if (book.index.payment_unapplied_minor[on_account] > 0) {
      book.refunds.push_back({book.intern(id), book.payments[on_account].customer, day,
                              book.index.payment_unapplied_minor[on_account], on_account});
      kind = DocKind::Refund;
    } else {  // Another customer's: the one paying on account has a remainder today.
      customer = Index((customer + 7919) % customers);
      book.invoices.push_back({book.intern(id), customer, day, day + 30, 100000, 0});
      kind = DocKind::Invoice;
    }
    std::vector<Problem> problems;
    const double t0 = now_ms();
    const IndexUpdate how = index_appended(book, kind, &problems);
    append_ms.push_back(now_ms() - t0);
    if (how == IndexUpdate::Failed) {
      std::fputs(format_problems(o.positional[0], problems).c_str(), stderr);
      return 1;
    }
    (how == IndexUpdate::Incremental ? in_place : rebuilt)++;
  }
  Book fresh = book;
  fresh.index = BookIndex{};
  if (!index_ids(fresh, nullptr) || !build_index(fresh, nullptr) ||
      fresh.index.events != book.index.events ||
      fresh.index.applications.size() != book.index.applications.size() ||
      fresh.index.payment_unapplied_minor != book.index.payment_unapplied_minor ||
      fresh.index.customer_invoices != book.index.customer_invoices ||
      fresh.index.invoice_application_first != book.index.invoice_application_first) {
    return std::fputs("append: the index appended in place differs from a rebuild\n", stderr), 1;
  }
  double total = 0;
  for (double v : append_ms) total += v;
  std::sort(append_ms.begin(), append_ms.end());
  std::printf("book: %zu invoices, %zu events (%.1f MB of stream, %.1f B an invoice)\n", invoices,
              events, mb(int64_t(events * sizeof(BookEvent))),
              double(events * sizeof(BookEvent)) / double(invoices));
  std::printf("event stream build: %.2f ms (median of 5)\n", median(stream_ms));
  std::printf("build_index from scratch: %.1f ms (median of 3)\n", median(build_ms));
  std::printf(
      "%d appends: %zu in place, %zu rebuilt; per append median %.3f ms, p99 %.3f ms,"
      " max %.3f ms, mean %.3f ms\n",
      o.appends, in_place, rebuilt, append_ms[append_ms.size() / 2],
      append_ms[std::min(append_ms.size() - 1, append_ms.size() * 99 / 100)], append_ms.back(),
      total / double(append_ms.size()));
  std::puts("append: the index equals a build from scratch");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  Options o;
  if (!parse_options(argc, argv, &o)) return 2;
  const std::string command = argv[1];
  if (command == "generate") return cmd_generate(o);
  if (command == "run") return cmd_run(o);
  if (command == "ledger") return cmd_ledger(o);
  if (command == "smoke") return cmd_smoke();
  if (command == "simulate") return cmd_simulate(o);
  if (command == "append") return cmd_append(o);
  std::fprintf(stderr, "arlab_bench: unknown command %s\n%s", command.c_str(), kUsage);
  return 2;
}
