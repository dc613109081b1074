#!/usr/bin/env bash
# bench/run.sh: the 1M-invoice benchmark, native and WASM (node), beside ledger-cli.
#   bash bench/run.sh                      # 1,000,000 invoices, 5,000 customers
#   INVOICES=100000 bash bench/run.sh      # a quicker run
# Steps: 1. build arlab_bench + arlab natively (build-b) and arlab_bench in WASM (build-bw);
#        2. generate the book once into build-b/bench-data/ (remade when core/generate.cpp
#           changes; never committed); 3. arlab_bench run, native and node; 4. export the
#           ledger journal and time `ledger -f X bal Receivable` and `arlab aging` as whole
#           processes; 5. print the table for the README (docs/BENCHMARKS.md explains it).
# Environment: INVOICES, CUSTOMERS, SEED, LOADS (timed loads), AGINGS (timed agings),
# RUNS (process runs of ledger / arlab, best taken), SIM_RUNS (simulator runs, 10,000),
# SKIP_WASM=1, SKIP_LEDGER=1, JOBS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
INVOICES=${INVOICES:-1000000} CUSTOMERS=${CUSTOMERS:-5000} SEED=${SEED:-1}
LOADS=${LOADS:-3} AGINGS=${AGINGS:-10} RUNS=${RUNS:-2} JOBS=${JOBS:-2}
native=$root/build-b wasm=$root/build-bw data=$root/build-b/bench-data
plan=$root/assets/plans/cash-80-gate.json
export NODE_PATH=/usr/share/nodejs
step() { printf '\n==== %s\n' "$*" >&2; }

step "native build ($native)"
[ -f "$native/build.ninja" ] || cmake -S . -B "$native" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DARLAB_GUI=OFF >/dev/null
cmake --build "$native" -j "$JOBS" --target arlab_bench arlab >/dev/null
bench_native=$native/bench/arlab_bench

build_wasm() {
  [ -f "$wasm/build.ninja" ] || emcmake cmake -S . -B "$wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DARLAB_GUI=OFF -DBUILD_TESTING=OFF >/dev/null
  if ninja -C "$wasm" -t targets all 2>/dev/null | grep -q '^arlab_bench:'; then
    cmake --build "$wasm" -j "$JOBS" --target arlab_bench >/dev/null
    return
  fi
  # The top-level CMakeLists adds bench/ only natively: link it here with bench/'s flags.
  cmake --build "$wasm" -j "$JOBS" --target arlab_io arlab_core >/dev/null
  mkdir -p "$wasm/bench"
  em++ -std=c++20 -O3 -DNDEBUG -I. -I"$wasm/tp_include" bench/arlab_bench.cpp \
    "$wasm/io/libarlab_io.a" "$wasm/core/libarlab_core.a" -o "$wasm/bench/arlab_bench.js" \
    -sWASM_ASYNC_COMPILATION=0 -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB \
    -sEXIT_RUNTIME=1
}
if [ -z "${SKIP_WASM:-}" ]; then
  step "WASM build ($wasm)"
  build_wasm
fi

book=$data/book-$INVOICES.json
stamp=$data/book-$INVOICES.stamp
want_stamp="$(sha256sum core/generate.cpp | cut -c1-16) $INVOICES $CUSTOMERS $SEED"
mkdir -p "$data"
if [ ! -f "$book" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want_stamp" ]; then
  step "generating $book"
  "$bench_native" generate "$book" --invoices "$INVOICES" --customers "$CUSTOMERS" \
    --seed "$SEED" >&2
  echo "$want_stamp" >"$stamp"
  rm -f "$data/book-$INVOICES.journal"
fi

step "arlab_bench native"
"$bench_native" run "$book" --loads "$LOADS" --agings "$AGINGS" --plan "$plan" --json >"$data/native.json"
rm -f "$data/wasm.json"
if [ -z "${SKIP_WASM:-}" ]; then
  step "arlab_bench WASM (node $(node --version))"
  node "$wasm/bench/arlab_bench.js" run "$book" --loads "$LOADS" --agings "$AGINGS" --plan "$plan" --json \
    >"$data/wasm.json"
fi

step "arlab_bench simulate (policy simulator: 1,000 customers, 10,000 runs)"
"$bench_native" simulate --runs "${SIM_RUNS:-10000}" --json >"$data/sim-native.json"
"$bench_native" simulate --runs "${SIM_RUNS:-10000}" --policies 1 --json >"$data/sim1-native.json"
rm -f "$data/sim-wasm.json" "$data/sim1-wasm.json"
if [ -z "${SKIP_WASM:-}" ]; then
  node "$wasm/bench/arlab_bench.js" simulate --runs "${SIM_RUNS:-10000}" --json >"$data/sim-wasm.json"
  node "$wasm/bench/arlab_bench.js" simulate --runs "${SIM_RUNS:-10000}" --policies 1 --json \
    >"$data/sim1-wasm.json"
fi

# A whole process, RUNS times: "best-wall-seconds best-cpu-seconds peak-kilobytes" (CPU =
# user + system: on a busy shared machine wall time also counts other processes' turns).
time_process() {
  local wall="" cpu="" kb=0 e u s k
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$data/time.txt" -f '%e %U %S %M' "$@" >/dev/null 2>&1
    read -r e u s k <"$data/time.txt"
    wall=$(awk -v a="$e" -v b="$wall" 'BEGIN{print (b == "" || a < b) ? a : b}')
    cpu=$(awk -v a="$u" -v c="$s" -v b="$cpu" 'BEGIN{t = a + c; print (b == "" || t < b) ? t : b}')
    [ "$k" -gt "$kb" ] && kb=$k
  done
  echo "$wall $cpu $kb"
}

as_of=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["as_of"])' \
  "$data/native.json")
rm -f "$data/processes.txt"
if [ -z "${SKIP_LEDGER:-}" ] && command -v ledger >/dev/null; then
  journal=$data/book-$INVOICES.journal
  if [ ! -f "$journal" ]; then
    step "exporting $journal"
    "$native/arlab" export "$book" --ledger -o "$journal"
  fi
  step "ledger -f journal bal Receivable ($RUNS runs; $(ledger --version | head -1))"
  echo "ledger $(time_process ledger -f "$journal" bal Receivable)" >>"$data/processes.txt"
  ledger -f "$journal" bal Receivable | tail -1 | sed 's/^ */  ledger total: /' >&2
fi
step "arlab aging / arlab check as whole processes ($RUNS runs)"
echo "arlab_aging $(time_process "$native/arlab" aging "$book" --as-of "$as_of" --format csv)" \
  >>"$data/processes.txt"
echo "arlab_check $(time_process "$native/arlab" check "$book")" >>"$data/processes.txt"

step "results"
python3 bench/table.py "$data" "$(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- \
  | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
