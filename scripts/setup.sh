#!/usr/bin/env bash
# Installs everything arlab needs from Debian's packages and npm, then fetches the
# Dear ImGui 1.86 sources from Debian's source package into third_party/ (ignored by git).
# Idempotent: a second run does nothing but check.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

packages=(build-essential cmake ninja-build pkg-config dpkg-dev
          nlohmann-json3-dev doctest-dev libglfw3-dev
          emscripten binaryen nodejs
          chromium chromium-driver xvfb x11-apps imagemagick
          ledger hyperfine clang libclang-rt-14-dev python3 fonts-liberation)

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
src_list=/etc/apt/sources.list.d/arlab-src.sources
need_update=0
if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  echo "setup: adding a deb-src entry for bookworm main ($src_list)"
  sudo_ tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi
if [ ${#missing[@]} -gt 0 ] || [ $need_update = 1 ] || [ ! -d third_party/imgui ] ||
   [ ! -d third_party/simdjson ]; then
  echo "setup: apt-get update"
  sudo_ apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Dear ImGui 1.86 from Debian's source package (never committed).
if [ ! -f third_party/imgui/imgui.h ]; then
  echo "setup: fetching Dear ImGui sources (apt-get source imgui)"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq imgui >/dev/null 2>&1)
  mkdir -p third_party
  rm -rf third_party/imgui
  mv "$tmp"/imgui-*/ third_party/imgui
  rm -rf "$tmp"
fi

# simdjson 3.0.1 single-header sources from Debian's source package (never committed): the
# book reader's fast path, compiled from source so that native and WebAssembly share it.
if [ ! -f third_party/simdjson/simdjson.cpp ]; then
  echo "setup: fetching simdjson sources (apt-get source simdjson)"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq simdjson >/dev/null 2>&1)
  mkdir -p third_party/simdjson
  cp "$tmp"/simdjson-*/singleheader/simdjson.h "$tmp"/simdjson-*/singleheader/simdjson.cpp \
     "$tmp"/simdjson-*/LICENSE third_party/simdjson/
  rm -rf "$tmp"
fi

# playwright-core for the browser end-to-end test (uses Debian's chromium, no browser download).
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  echo "setup: npm install (tests/e2e)"
  (cd tests/e2e && npm install --no-audit --no-fund --silent >/dev/null)
fi
echo "setup: ok"
