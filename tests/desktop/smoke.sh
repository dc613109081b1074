#!/usr/bin/env bash
# smoke.sh: the desktop app under Xvfb. Starts Xvfb on a free display (it picks one itself
# and writes its number to -displayfd once ready: no sleeps), runs
# `arlab-gui --frames 30 --screenshot X.ppm`, checks the image is not blank (several
# distinct colours), stops Xvfb. Exit 0 pass, 1 fail, 77 skipped (no app or no Xvfb).
#   bash tests/desktop/smoke.sh build/arlab-gui [artifacts-dir]
set -uo pipefail
gui=${1:?usage: smoke.sh ARLAB_GUI [ARTIFACTS_DIR]}
artifacts=${2:-$(dirname "$0")/artifacts}
colours_min=8

skip() { echo "desktop: skipped: $*"; exit 77; }
fail() { echo "desktop: FAIL: $*"; exit 1; }
[ -x "$gui" ] || skip "no desktop app at $gui"
command -v Xvfb >/dev/null || skip "Xvfb is not installed"
command -v identify >/dev/null || skip "ImageMagick (identify) is not installed"

work=$(mktemp -d)
xvfb_pid=
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Xvfb writes the display number to the fd when it accepts connections.
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 1 300); do  # At most ~30 s: a bound for a broken server, not a delay.
  [ -s "$work/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb exited: $(cat "$work/xvfb.log")"
  sleep 0.1
done
display=$(tr -dc '0-9' <"$work/display")
[ -n "$display" ] || fail "Xvfb did not report a display"
echo "desktop: Xvfb on :$display"

shot="$work/desktop.ppm"
HOME="$work" XDG_DATA_HOME="$work/data" DISPLAY=":$display" \
  timeout 120 "$gui" --frames 30 --screenshot "$shot" >"$work/gui.log" 2>&1
status=$?
cat "$work/gui.log"
[ $status = 0 ] || fail "arlab-gui exited with status $status"
[ -s "$shot" ] || fail "no screenshot at $shot"

size=$(identify -format '%wx%h' "$shot") || fail "the screenshot is not an image"
colours=$(identify -format '%k' "$shot")
echo "desktop: screenshot ${size}, ${colours} distinct colours"
mkdir -p "$artifacts" && convert "$shot" "$artifacts/desktop.png" 2>/dev/null &&
  echo "desktop: saved $artifacts/desktop.png"
[ "$colours" -ge $colours_min ] || fail "only $colours colours (fewer than $colours_min): blank?"
echo "desktop: 1 passed, 0 failed"
