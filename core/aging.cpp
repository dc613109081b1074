#include "aging.h"

#include <algorithm>

namespace arlab {

bool parse_aging_edges(std::string_view text, std::vector<int32_t>* edges, std::string* why) {
  std::vector<int32_t> out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t comma = text.find(',', i);
    std::string_view part = text.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i);
    if (part.empty() || part.size() > 5) {
      *why = "bucket edges must be positive whole numbers of days, like 30,60,90";
      return false;
    }
    int32_t value = 0;
    for (char c : part) {
      if (c < '0' || c > '9') {
        *why = "bucket edge \"" + std::string(part) + "\" is not a whole number of days";
        return false;
      }
      value = value * 10 + (c - '0');
    }
    if (value <= 0 || (!out.empty() && value <= out.back())) {
      *why = "bucket edges must be positive and increasing, like 30,60,90";
      return false;
    }
    out.push_back(value);
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  *edges = std::move(out);
  return true;
}

std::vector<std::string> aging_bucket_names(const std::vector<int32_t>& edges) {
  std::vector<std::string> names{"current"};
  int32_t low = 1;
  for (int32_t edge : edges) {
    names.push_back(std::to_string(low) + "-" + std::to_string(edge));
    low = edge + 1;
  }
  names.push_back(std::to_string(low) + "+");
  return names;
}

size_t aging_bucket_of(const std::vector<int32_t>& edges, int32_t days_past_due) {
  if (days_past_due <= 0) return 0;
  size_t bucket = 1;
  for (int32_t edge : edges) {
    if (days_past_due <= edge) return bucket;
    bucket++;
  }
  return bucket;
}

AgingReport compute_aging(const Book& book, Date as_of, const std::vector<int32_t>& edges) {
  AgingReport report;
  report.as_of = as_of;
  report.edges = edges;
  report.bucket_names = aging_bucket_names(edges);
  const size_t buckets = report.bucket_names.size();
  report.total_amounts_minor.assign(buckets, 0);
  const BookIndex& x = book.index;
  if (!x.built) return report;
  // Customers in id order.
  std::vector<Index> order(book.customers.size());
  for (size_t c = 0; c < order.size(); c++) order[c] = static_cast<Index>(c);
  std::sort(order.begin(), order.end(),
            [&](Index p, Index q) { return book.customers[p].id < book.customers[q].id; });
  // Bucket lookup by days past due for the common range, edges search beyond it.
  const int32_t table_days = edges.empty() ? 1 : edges.back() + 1;
  std::vector<uint8_t> bucket_table(table_days + 1);
  for (int32_t d = 0; d <= table_days; d++) bucket_table[d] = static_cast<uint8_t>(aging_bucket_of(edges, d));
  CustomerAging row;
  for (Index c : order) {
    row.customer = c;
    row.amounts_minor.assign(buckets, 0);
    row.open_minor = 0;
    for (uint32_t k = x.customer_invoice_first[c]; k < x.customer_invoice_first[c + 1]; k++) {
      Index i = x.customer_invoices[k];
      const Invoice& v = book.invoices[i];
      if (v.date > as_of) break;  // customer_invoices is sorted by date.
      int64_t open = invoice_open_minor(book, i, as_of);
      if (open == 0) continue;
      int32_t days = as_of - v.due;
      size_t bucket = days <= 0 ? 0 : days <= table_days ? bucket_table[days] : buckets - 1;
      row.amounts_minor[bucket] += open;
      row.open_minor += open;
    }
    row.unapplied_minor = customer_unapplied_minor(book, c, as_of);
    if (row.open_minor == 0 && row.unapplied_minor == 0) continue;
    for (size_t k = 0; k < buckets; k++) report.total_amounts_minor[k] += row.amounts_minor[k];
    report.total_open_minor += row.open_minor;
    report.total_unapplied_minor += row.unapplied_minor;
    report.customers.push_back(row);
  }
  return report;
}

}  // namespace arlab
