#!/usr/bin/env bash
# run.sh: fuzz a reader by hand for longer than CI does, and report the cost.
#   fuzz/run.sh [--target T] [--minutes N] [--jobs J] [--binary PATH] [--out DIR]
# T is fuzz_book_json (the book loader, default), fuzz_csv_import (the CSV reader and import),
# fuzz_csv_map (the CSV mapping), fuzz_commission_plan (the commission plan),
# fuzz_commission_paid (a statement paid earlier), fuzz_policy (simulator policies) or
# fuzz_training (training scenarios, moves, rule policies). Builds
# T with clang++ in build-fuzz/ (unless --binary is given), runs libFuzzer in fork mode for N
# minutes (default 10) on J processes (default 1), keeping going after a crash, and prints the
# CPU-minutes spent and the crashing inputs found.
# The corpus grows in build-fuzz/corpus (corpus-T for the other targets); crashes land in
# build-fuzz/artifacts/ (--out: another folder). Reproduce one with:
#   build-fuzz/fuzz/T build-fuzz/artifacts/crash-<hash>
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=10 jobs=1 binary="" target=fuzz_book_json out=build-fuzz
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

if [ -z "$binary" ]; then
  cmake -S . -B "$out" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARLAB_FUZZ=ON -DARLAB_GUI=OFF -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$out" -j 2 --target "$target"
  binary=$out/fuzz/$target
fi
case "$target" in
  fuzz_book_json) corpus=$out/corpus dict=fuzz/book.dict seeds=(fuzz/corpus)
    for dir in tests/cli/books tests/errors; do [ -d "$dir" ] && seeds+=("$dir"); done ;;
  fuzz_csv_import) corpus=$out/corpus-$target dict=fuzz/csv.dict seeds=(fuzz/corpus/csv) ;;
  fuzz_csv_map) corpus=$out/corpus-$target dict=fuzz/csv_map.dict seeds=(fuzz/corpus/csv-map) ;;
  fuzz_commission_plan | fuzz_commission_paid)
    reader=${target#fuzz_commission_}
    corpus=$out/corpus-$target dict=fuzz/commission_$reader.dict
    seeds=(fuzz/corpus/commission-$reader) ;;
  fuzz_policy) corpus=$out/corpus-$target dict=fuzz/policy.dict seeds=(fuzz/corpus/policy) ;;
  fuzz_training) corpus=$out/corpus-$target dict=fuzz/training.dict
    seeds=(fuzz/corpus/training assets/scenarios assets/training-policies tests/errors/scenarios) ;;
  *) echo "run.sh: unknown target $target (try --help)" >&2; exit 2 ;;
esac
mkdir -p "$corpus" "$out/artifacts"

count_crashes() { find "$out/artifacts" -maxdepth 1 -type f \
  \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l; }
before=$(count_crashes)
stamp=$(mktemp) && trap 'rm -f "$stamp"' EXIT
log=$out/$target-$(date +%Y%m%d-%H%M%S).log
echo "fuzzing $target for $minutes min on $jobs process(es); log: $log"
status=0
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
"$binary" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -dict="$dict" -artifact_prefix="$out/artifacts/" \
  "$corpus" "${seeds[@]}" >"$log" 2>&1 || status=$?

# CPU time of this shell's children (the fuzzer and its forks): second line of `times`,
# run in this shell (a subshell would count only its own children).
times >"$stamp.times"
read -r child_user child_sys < <(sed -n 2p "$stamp.times")
rm -f "$stamp.times"
to_seconds() {  # "2m3.5s" -> 123.5
  awk -v t="$1" 'BEGIN { split(t, p, "m"); sub("s", "", p[2]); print p[1] * 60 + p[2] }'
}
user_s=$(to_seconds "$child_user")
sys_s=$(to_seconds "$child_sys")
cpu_minutes=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN { printf "%.1f", (u + s) / 60 }')
crashes=$(( $(count_crashes) - before ))
corpus_files=$(find "$corpus" -type f | wc -l)
echo "target=$target cpu_minutes=$cpu_minutes crashes=$crashes corpus_files=$corpus_files" \
  "fuzzer_exit=$status"
if [ "$crashes" -gt 0 ]; then
  echo "new crashing inputs in $out/artifacts/:"
  find "$out/artifacts" -maxdepth 1 -type f -newer "$stamp" | sort | head -20
fi
[ "$crashes" -eq 0 ]
