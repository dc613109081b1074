// dunning.cpp: the dunning run and its letter records (dunning.h).
//
// [SECTION] Levels
// [SECTION] One customer
// [SECTION] The run
// [SECTION] Records
#include "dunning.h"

#include <algorithm>
#include <charconv>

namespace arlab {

// ---- [SECTION] Levels ----------------------------------------------------------------------

int32_t dunning_level_by_days(const CollectionPolicy& policy, int32_t days_overdue) {
  int32_t level = 0;
  for (size_t i = 0; i < policy.levels.size(); i++)
    if (days_overdue >= policy.levels[i].days) level = int32_t(i + 1);
  return level;
}

int32_t dunning_level_due(const CollectionPolicy& policy, int32_t days_overdue,
                          int32_t level_sent) {
  return std::min(dunning_level_by_days(policy, days_overdue), std::max(level_sent, 0) + 1);
}

std::string dunning_level_name(const CollectionPolicy& policy, int32_t level) {
  if (level == 0) return "reminder";
  if (level < 0 || size_t(level) > policy.levels.size()) return "";
  return policy.levels[size_t(level) - 1].name;
}

WorkOwner dunning_level_owner(const CollectionPolicy& policy, int32_t level) {
  if (level <= 0 || size_t(level) > policy.levels.size()) return WorkOwner::Sales;
  return policy.levels[size_t(level) - 1].owner;
}

Escalation escalation_stage(const CollectionPolicy& policy, int32_t days_overdue) {
  int e = 0;
  for (int k = 1; k < kEscalationCount; k++)
    if (days_overdue >= policy.escalation_days[k]) e = k;
  return Escalation(e);
}

// ---- [SECTION] One customer ----------------------------------------------------------------

namespace {

// A customer's candidates: its dunnable overdue invoices and its pre-due ones, by due date.
struct Candidates {
  std::vector<DunningItem> overdue, soon;
  bool new_level = false;  // Some overdue invoice has a level due above its level sent.
};

struct Walker {
  const Book& book;
  const CaseState& state;
  DunningRun& run;

  // An approved plan's overdue open instalments, as items of their own (dunning.h); none,
  // and the plan's invoices counted as left out, when one of its invoices is disputed or
  // blocked.
  void plan_items(Index plan, Candidates& c) {
    const CollectionPolicy& p = book.collection.policy;
    const PlanState& ps = state.plans[plan];
    const CaseRecord& rec = book.collection.records[ps.record];
    std::vector<DunningItem> items;
    for (size_t k = 0; k < ps.instalments.size(); k++) {
      const InstalmentState& in = ps.instalments[k];
      if (in.open_minor <= 0 || run.as_of - in.due <= 0) continue;  // Paid, or not due yet.
      DunningItem it;
      it.invoice = rec.invoices[0];
      it.due = in.due;
      it.days_overdue = run.as_of - in.due;
      it.open_minor = in.open_minor;
      it.level_sent = in.level_sent;
      it.level_due = dunning_level_due(p, it.days_overdue, in.level_sent);
      it.plan_record = ps.record;
      it.instalment = int32_t(k);
      it.instalments = int32_t(ps.instalments.size());
      items.push_back(it);
    }
    if (items.empty()) return;
    uint32_t disputed = 0, blocked = 0, others = 0;
    for (Index inv : rec.invoices) {
      const InvoiceCaseState& v = state.invoices[inv];
      if (v.plan != plan || invoice_open_minor(book, inv, run.as_of) <= 0) continue;
      (v.disputed ? disputed : v.blocked ? blocked : others)++;
    }
    if (disputed + blocked > 0) {
      run.disputed_invoices += disputed;
      run.blocked_invoices += blocked;
      run.plan_invoices += others;
      return;
    }
    for (const DunningItem& it : items) {
      if (it.level_due > it.level_sent) c.new_level = true;
      c.overdue.push_back(it);
    }
  }

  Candidates candidates(Index customer) {
    const CollectionPolicy& p = book.collection.policy;
    Candidates c;
    std::vector<Index> plans;  // Approved plans in force over its invoices, as met.
    for (Index inv : customer_invoices(book, customer)) {
      if (book.invoices[inv].date > run.as_of) break;  // By date: the rest do not exist yet.
      const InvoiceCaseState& v = state.invoices[inv];
      if (v.plan != kNone) {  // Dunned by its plan's instalments below.
        if (std::find(plans.begin(), plans.end(), v.plan) == plans.end()) plans.push_back(v.plan);
        continue;
      }
      DunningItem it;
      it.invoice = inv;
      it.due = v.due;
      it.days_overdue = run.as_of - v.due;
      it.level_sent = v.level_sent;
      if (it.days_overdue < -p.reminder_days) continue;
      it.open_minor = invoice_open_minor(book, inv, run.as_of);
      if (it.open_minor <= 0) continue;  // Paid: never dunned.
      bool overdue = it.days_overdue > 0;
      if (v.disputed || v.blocked) {
        if (overdue) (v.disputed ? run.disputed_invoices : run.blocked_invoices)++;
        continue;
      }
      if (!overdue) {
        if (v.last_letter == kNoDate) c.soon.push_back(it);  // Reminded once at most.
        continue;
      }
      it.level_due = dunning_level_due(p, it.days_overdue, it.level_sent);
      if (it.level_due > it.level_sent) c.new_level = true;
      c.overdue.push_back(it);
    }
    for (Index plan : plans) plan_items(plan, c);
    auto by_due = [](const DunningItem& a, const DunningItem& b) { return a.due < b.due; };
    std::stable_sort(c.overdue.begin(), c.overdue.end(), by_due);
    std::stable_sort(c.soon.begin(), c.soon.end(), by_due);
    return c;
  }

  // Appends the letter of `level` listing `items`.
  void add_letter(Index customer, int32_t level, const std::vector<DunningItem>& items) {
    const CollectionPolicy& p = book.collection.policy;
    DunningLetter l;
    l.customer = customer;
    l.level = level;
    l.owner = dunning_level_owner(p, level);
    l.first = uint32_t(run.items.size());
    l.count = uint32_t(items.size());
    l.days_overdue_max = items.empty() ? 0 : items.front().days_overdue;
    Date earliest = items.empty() ? run.as_of : items.front().due;
    for (const DunningItem& it : items) {
      l.total_minor += it.open_minor;
      l.days_overdue_max = std::max(l.days_overdue_max, it.days_overdue);
      earliest = std::min(earliest, it.due);
      run.items.push_back(it);
    }
    l.deadline = level == 0 ? earliest : run.as_of + p.levels[size_t(level) - 1].deadline_days;
    l.stage = escalation_stage(p, l.days_overdue_max);
    run.letters.push_back(l);
  }

  void customer(Index c) {
    const CollectionPolicy& p = book.collection.policy;
    Candidates cand = candidates(c);
    // A reminder only while nothing is overdue: a letter about arrears asks for those first.
    bool letter_due = cand.new_level || (cand.overdue.empty() && !cand.soon.empty());
    if (!letter_due) return;
    Date last = state.customers[c].last_letter;
    if (last != kNoDate && run.as_of - last < p.letter_gap_days) {
      run.gap_customers++;
      return;
    }
    if (cand.new_level) {
      int32_t level = 0;
      for (const DunningItem& it : cand.overdue) level = std::max(level, it.level_due);
      add_letter(c, level, cand.overdue);
    } else {
      add_letter(c, 0, cand.soon);
    }
  }
};

// Highest level first, reminders last; then the customer's place in the book (stable).
void order_and_total(const Book& book, DunningRun& run) {
  std::stable_sort(run.letters.begin(), run.letters.end(),
                   [](const DunningLetter& a, const DunningLetter& b) {
                     return (a.level == 0 ? 1000 : -a.level) < (b.level == 0 ? 1000 : -b.level);
                   });
  run.levels.assign(book.collection.policy.levels.size() + 1, DunningLevelTotal{});
  for (const DunningLetter& l : run.letters) {
    DunningLevelTotal& t = run.levels[size_t(l.level)];
    t.letters++;
    t.invoices += l.count;
    t.total_minor += l.total_minor;
    run.total_minor += l.total_minor;
  }
}

}  // namespace

// ---- [SECTION] The run ---------------------------------------------------------------------

DunningRun dunning_run(const Book& book, Date as_of, Index only_customer) {
  DunningRun run;
  run.as_of = as_of;
  CaseState state = case_state(book, as_of);
  Walker w{book, state, run};
  if (only_customer != kNone) {
    w.customer(only_customer);
  } else {
    for (size_t c = 0; c < book.customers.size(); c++) w.customer(Index(c));
  }
  order_and_total(book, run);
  return run;
}

DunningRun dunning_letter_at(const Book& book, Date as_of, Index customer, int32_t level) {
  DunningRun run;
  run.as_of = as_of;
  CaseState state = case_state(book, as_of);
  Walker w{book, state, run};
  Candidates cand = w.candidates(customer);
  const std::vector<DunningItem>& items = level == 0 ? cand.soon : cand.overdue;
  if (!items.empty() && level >= 0 && size_t(level) <= book.collection.policy.levels.size())
    w.add_letter(customer, level, items);
  order_and_total(book, run);
  return run;
}

// ---- [SECTION] Records ---------------------------------------------------------------------

std::vector<Index> dunning_letter_invoices(const Book& book, const DunningItem* first,
                                           size_t count) {
  std::vector<Index> out;
  auto add = [&](Index inv) {
    if (std::find(out.begin(), out.end(), inv) == out.end()) out.push_back(inv);
  };
  for (size_t k = 0; k < count; k++) {
    const DunningItem& it = first[k];
    if (!it.is_instalment()) add(it.invoice);
    else for (Index inv : book.collection.records[it.plan_record].invoices) add(inv);
  }
  return out;
}

std::string dunning_item_label(const Book& book, const DunningItem& it) {
  std::string out(book.str(book.invoices[it.invoice].id));
  if (it.is_instalment())
    out += " (instalment " + std::to_string(it.instalment + 1) + "/" +
           std::to_string(it.instalments) + " of plan " +
           book.collection.records[it.plan_record].id + ")";
  return out;
}

std::vector<NewRecord> dunning_records(const Book& book, const DunningRun& run,
                                       const std::string& by) {
  std::vector<NewRecord> out;
  // next_record_id is "R-<n>": count on from n without rescanning the case file per letter.
  std::string next = next_record_id(book);
  uint64_t n = 1;
  std::from_chars(next.data() + 2, next.data() + next.size(), n);
  for (const DunningLetter& l : run.letters) {
    NewRecord r;
    r.record.id = "R-" + std::to_string(n++);
    r.record.kind = RecordKind::Letter;
    r.record.date = run.as_of;
    r.record.level = l.level;
    r.record.by = by;
    r.record.text = "dunning run: " + dunning_level_name(book.collection.policy, l.level);
    r.customer_id = book.customers[l.customer].id;
    for (Index inv : dunning_letter_invoices(book, run.items.data() + l.first, l.count))
      r.invoice_ids.emplace_back(book.str(book.invoices[inv].id));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace arlab
