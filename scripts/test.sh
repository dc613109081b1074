#!/usr/bin/env bash
# Builds everything and runs every test: the README's second command, and what CI runs.
#   1. setup (packages, Dear ImGui sources, playwright-core)
#   2. web build (Emscripten): the app, the core tests and the CLI in WebAssembly
#   3. sanitizer build (ASan + UBSan) of the core/io/CLI tests, run
#   4. native build (CLI, desktop app, tests, bench, fuzzer smoke) and every test in ctest:
#      unit, CLI golden, property (native == WASM), browser end-to-end, desktop under Xvfb
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
export NODE_PATH=/usr/share/nodejs

bash scripts/setup.sh

step() { printf '\n==== %s\n' "$*"; }

step "web build (Emscripten)"
emcmake cmake -S . -B build-web -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON >/dev/null
cmake --build build-web -j "$jobs"

step "sanitizer build (ASan + UBSan)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DARLAB_SANITIZE=ON -DARLAB_GUI=OFF >/dev/null
cmake --build build-asan -j "$jobs"
(cd build-asan && ctest --output-on-failure -j "$jobs" -L unit)

step "native build"
fuzz_opts=()
if command -v clang++ >/dev/null; then fuzz_opts=(-DARLAB_FUZZ=ON); fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON -DARLAB_GUI=ON -DARLAB_WEB_BUILD_DIR="$PWD/build-web" \
  "${fuzz_opts[@]}" >/dev/null
cmake --build build -j "$jobs"

step "all tests"
cd build && ctest --output-on-failure -j "$jobs"
