#!/usr/bin/env bash
# Installs what is needed, builds the web app (and the native CLI + desktop app), and serves
# the web app on localhost: the README's first command. Options: --port N, --no-native.
set -euo pipefail
cd "$(dirname "$0")/.."
port=8080 native=1
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --no-native) native=0; shift ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "start.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
jobs=$(nproc)
export NODE_PATH=/usr/share/nodejs

bash scripts/setup.sh
echo "start: building the web app (build-web/)"
emcmake cmake -S . -B build-web -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-web -j "$jobs" --target arlab-web
if [ $native = 1 ]; then
  echo "start: building the CLI and the desktop app (build/)"
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j "$jobs" --target arlab arlab-gui
  echo "start: CLI: build/arlab --help    desktop: build/arlab-gui"
fi
exec node scripts/serve.mjs build-web/web "$port"
