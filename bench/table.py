#!/usr/bin/env python3
"""bench/table.py DATA_DIR MACHINE: the README table from bench/run.sh's results.

Reads DATA_DIR/native.json and wasm.json (arlab_bench run --json) and processes.txt
("name seconds kilobytes" lines from /usr/bin/time), prints a Markdown table and checks
that native and WASM computed the same aging totals.
"""
import json
import os
import sys


def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def ms(v):
    return "—" if v is None else (f"{v:,.0f} ms" if v >= 100 else f"{v:.1f} ms")


def wall_cpu(wall, cpu):
    return "—" if wall is None else f"{ms(wall)} ({ms(cpu)})"


def proc(p):
    return "—" if p is None else wall_cpu(p[0], p[1])


def ratio(slow, fast):
    if not slow or not fast:
        return ""
    return (f"ledger / arlab = {slow[0] / fast[0]:.1f}x wall, {slow[1] / fast[1]:.1f}x CPU "
            "(aim >= 10x)")


def mib(v):
    return "—" if v is None else f"{v / 2**20:,.0f} MB"


def main():
    data, machine = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    nat = load(os.path.join(data, "native.json"))
    wasm = load(os.path.join(data, "wasm.json"))
    procs = {}
    path = os.path.join(data, "processes.txt")
    if os.path.exists(path):
        for line in open(path):
            name, wall, cpu, kb = line.split()
            procs[name] = (float(wall) * 1000, float(cpu) * 1000, int(kb) * 1024)

    def g(d, k):
        return None if d is None else d.get(k)

    n = nat["invoices"]
    ledger = procs.get("ledger")
    check = procs.get("arlab_check")
    aging = procs.get("arlab_aging")
    print(f"Book: {n:,} invoices, {nat['payments']:,} payments, "
          f"{nat['allocations']:,} allocations, {nat['credit_notes']:,} credit notes, "
          f"{nat['write_offs']:,} write-offs; {nat['file_bytes'] / 2**20:,.0f} MB of JSON. "
          f"Machine: {machine}.\n")
    rows = [
        ("Load: read + parse + validate + index, best run",
         wall_cpu(nat["load_ms_min"], nat["load_cpu_ms_min"]), ms(g(wasm, "load_ms_min")), "—",
         ""),
        ("  of which build_index (validate + index)",
         ms(nat["build_index_ms"]), ms(g(wasm, "build_index_ms")), "—", ""),
        ("Whole process: `arlab aging --format csv` vs `ledger bal Receivable`",
         proc(aging), "—", proc(ledger), ratio(ledger, aging)),
        ("Whole process: `arlab check` (load and validate only)",
         proc(check), "—", "—", ratio(ledger, check)),
        (f"Aging of {n:,} invoices, best run",
         wall_cpu(nat["aging_ms_min"], nat["aging_cpu_ms_min"]), ms(g(wasm, "aging_ms_min")),
         "—", "aim < 50 ms native"),
        (f"Collection position of {n:,} invoices (stages, limits, holds), best run",
         ms(g(nat, "position_ms_min")), ms(g(wasm, "position_ms_min")), "—",
         "aim < 50 ms native"),
        ("  then the worklist, ranked (" + f"{g(nat, 'worklist_items') or 0:,}" + " items)",
         ms(g(nat, "worklist_ms_min")), ms(g(wasm, "worklist_ms_min")), "—", ""),
        (f"Dunning run of {n:,} invoices (" + f"{g(nat, 'dunning_letters') or 0:,}" + " letters)",
         ms(g(nat, "dunning_ms_min")), ms(g(wasm, "dunning_ms_min")), "—", ""),
        (f"Metrics {nat['period_from']} to {nat['as_of']}: total + one row a month",
         ms(nat["metrics_ms"]), ms(g(wasm, "metrics_ms")), "—", "the Metrics tab's work"),
        (f"Commission statement, same months ({nat['commission_lines']:,} lines)",
         ms(nat["commission_ms"]), ms(g(wasm, "commission_ms")), "—",
         "assets/plans/cash-80-gate.json"),
        ("Save: write_book_json", ms(nat["save_ms"]), ms(g(wasm, "save_ms")), "—", ""),
        ("Memory after load, per invoice",
         f"{nat['rss_bytes_per_invoice']:.0f} B (RSS)",
         "—" if wasm is None else f"{wasm['heap_bytes_per_invoice']:.0f} B (heap)", "—",
         "aim < 200 B"),
        ("Peak memory (load, with the file text)", mib(nat["peak_load"]),
         mib(g(wasm, "peak_load")), mib(ledger and ledger[2]), "RSS / WASM heap / RSS"),
    ]
    print("Times: wall (processor time in brackets).\n")
    print("| Measure | arlab native | arlab WASM (node) | ledger-cli | Note |")
    print("|---|---:|---:|---:|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    if wasm:
        print(f"\nWASM / native: load {wasm['load_ms_min'] / nat['load_ms_min']:.2f}x, "
              f"aging {wasm['aging_ms_min'] / nat['aging_ms_min']:.2f}x (aim <= 2x).")
        same = all(nat[k] == wasm[k] for k in ("open", "unapplied", "buckets", "as_of",
                                                "commission_payable", "commission_lines"))
        print(f"Native and WASM aging totals and commission payable identical: {'yes' if same else 'NO'}.")
    sim_n = load(os.path.join(data, "sim-native.json"))
    sim_w = load(os.path.join(data, "sim-wasm.json"))
    if sim_n:
        print(f"\nPolicy simulator (`arlab_bench simulate`): {sim_n['customers']:,} customers, "
              f"{sim_n['open_invoices']:,} invoices open at the start and {sim_n['new_invoices']:,} "
              f"ahead, {sim_n['runs']:,} runs x {sim_n['policies']} policies x {sim_n['months']} months.\n")
        print("| Measure | arlab native | arlab WASM (node) | Note |")
        print("|---|---:|---:|---|")
        print(f"| All runs, prepare + runs + summary | {ms(sim_n['run_simulation_ms'])} "
              f"({sim_n['threads']} threads) | {ms(g(sim_w, 'run_simulation_ms'))} (1 thread) | aim < 2 s native on 2 cores |")
        print(f"| All runs, one thread | {ms(sim_n['runs_1thread_ms'])} | {ms(g(sim_w, 'runs_1thread_ms'))} | |")
        one_n = load(os.path.join(data, "sim1-native.json"))
        one_w = load(os.path.join(data, "sim1-wasm.json"))
        if one_n:
            print(f"| As today alone (1 policy): prepare + runs + summary | "
                  f"{ms(one_n['run_simulation_ms'])} ({one_n['threads']} threads) | "
                  f"{ms(g(one_w, 'run_simulation_ms'))} (1 thread) | aim < 2 s native on 2 cores |")
        print(f"| First 100 runs and their summary | {ms(sim_n['first100_ms'])} | "
              f"{ms(g(sim_w, 'first100_ms'))} | what the screen shows first; aim < 1 s in the browser |")
        print(f"| Prepare (fit + jobs) | {ms(sim_n['prepare_ms'])} | {ms(g(sim_w, 'prepare_ms'))} | |")
        same = sim_w is None or sim_n.get("cells_hash") == sim_w.get("cells_hash")
        print(f"\nThreads and one thread give the same bytes: {'yes' if sim_n['same_bytes'] else 'NO'}; "
              f"native and WASM cells identical: {'yes' if same and sim_w else ('—' if not sim_w else 'NO')}.")
    print(f"Round trip (load, save) byte-identical: "
          f"{'yes' if nat['round_trip_identical'] else 'NO'}. "
          f"Open {nat['open']} + unapplied {nat['unapplied']} as of {nat['as_of']}.")


if __name__ == "__main__":
    main()
