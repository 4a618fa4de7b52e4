#!/usr/bin/env bash
# Screenshots of the workbench for the README and the docs, made under Xvfb.
#
#   packaging/screenshots.sh [BUILD_DIR] [OUT_DIR] [MODEL_DIR]
#
# Starts `lancet --screenshot-dir` on the demo model (resources/models/lancet-demo
# if present, else the tiny test GPT-2): it types the Space Needle prompt, traces
# it, picks the MLP peak as the edit layer, applies the edit where the build can,
# saves PNGs of the window and its panels, and quits. Then once more in the dark
# colour scheme (workbench-dark.png).
#
# Defaults: BUILD_DIR=build-gui, OUT_DIR=docs/screenshots. Needs xvfb-run
# (apt-get install xvfb) and a built `lancet` target.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-gui}
out=${2:-$root/docs/screenshots}
model=${3:-}
exe=$build/app/lancet

[ -x "$exe" ] || { echo "screenshots: $exe not found: build the lancet target first" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run not found (apt-get install xvfb)" >&2; exit 2; }
if [ -z "$model" ]; then
    if [ -f "$root/resources/models/lancet-demo/config.json" ]; then
        model=$root/resources/models/lancet-demo
    else
        model=$root/tests/fixtures/tiny-gpt2
    fi
fi

# A throwaway HOME: the desktop's settings (theme, window layout, recent
# models) must not leak into the pictures. The statistics cache is kept.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export LANCET_CACHE_DIR=${LANCET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lancet}
mkdir -p "$out" "$home/dark"

shoot() {  # shoot OUT_DIR THEME
    env HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
        LANCET_NO_CLOSE_PROMPT=1 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1 \
        xvfb-run -a -s "-screen 0 1920x1200x24 -dpi 96" \
        "$exe" --fresh --theme "$2" --screenshot-dir "$1" "$model"
}

echo "screenshots: $model -> $out"
status=0
shoot "$out" light || status=$?
shoot "$home/dark" dark || status=$?
[ -f "$home/dark/workbench.png" ] && cp "$home/dark/workbench.png" "$out/workbench-dark.png"
ls -l "$out"
# 2: a step timed out (the PNGs show what was on screen then); 1: a step failed.
exit $status
