#!/usr/bin/env bash
# The README's screenshots, made under Xvfb from a built `lancet`.
#
#   packaging/screenshots.sh [BUILD_DIR] [OUT_DIR] [MODEL_DIR]
#
# Each run of `lancet --screenshot-dir` on the demo model (resources/models/
# lancet-demo if present, else the tiny test GPT-2) types the Space Needle
# prompt, traces it, picks the MLP peak as the edit layer, applies the edit,
# saves PNGs of the window and its panels, and quits. Four runs, one README
# picture (or three) each:
#
#   light, 1920x1080, the whole script   workbench.png, compare-methods.png, sequential-edits.png
#   dark, 1920x1080, the workbench       workbench-dark.png
#   Traditional Chinese, 1366x768        workbench-zh_TW.png
#   the lecture tour, zh_TW, 1366x768    lecture-tour-zh_TW.png (its fine-tuning step)
#
# Only those go to OUT_DIR: every committed byte is in every clone, so the
# other shots stay in a scratch folder (KEEP_ALL=DIR keeps them there), and
# the pictures are quantised with pngquant and recompressed with optipng when
# they are installed (apt-get install pngquant optipng).
#
# Defaults: BUILD_DIR=build, OUT_DIR=docs/screenshots. Needs xvfb-run
# (apt-get install xvfb), fonts-noto-cjk for the Chinese pictures, and a built
# `lancet` target.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
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

# A throwaway HOME: the desktop's settings (theme, language, window layout,
# recent models) must not leak into the pictures. The statistics cache is kept.
scratch=${KEEP_ALL:-$(mktemp -d)}
[ -n "${KEEP_ALL:-}" ] || trap 'rm -rf "$scratch"' EXIT
export LANCET_CACHE_DIR=${LANCET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lancet}
mkdir -p "$out" "$scratch/home"

shoot() {  # shoot NAME SIZE THEME LANG [VAR=VALUE...]: a run's shots into $scratch/NAME
    local name=$1 size=$2 theme=$3 lang=$4
    shift 4
    mkdir -p "$scratch/$name"
    echo "screenshots: $name ($size, $theme, $lang)"
    env HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/config" XDG_DATA_HOME="$scratch/home/data" \
        LANG="$lang" LC_ALL= LC_MESSAGES= LANGUAGE= \
        LANCET_NO_CLOSE_PROMPT=1 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1 LANCET_SCREENSHOT_SIZE="$size" "$@" \
        xvfb-run -a -s "-screen 0 ${size}x24 -dpi 96" \
        "$exe" --fresh --theme "$theme" --screenshot-dir "$scratch/$name" "$model"
}

status=0
shoot light 1920x1080 light C.UTF-8 || status=$?
shoot dark 1920x1080 dark C.UTF-8 LANCET_SCREENSHOT_QUICK=1 || status=$?
shoot zh_TW 1366x768 light zh_TW.UTF-8 LANCET_SCREENSHOT_QUICK=1 || status=$?
shoot tour 1366x768 light zh_TW.UTF-8 LANCET_SCREENSHOT_TOUR=1 || status=$?

keep() {  # keep SHOT NAME: $scratch/SHOT.png as OUT/NAME.png
    if [ -f "$scratch/$1.png" ]; then
        cp "$scratch/$1.png" "$out/$2.png"
    else
        echo "screenshots: $1.png is missing" >&2
        status=1
    fi
}
keep light/workbench workbench
keep light/compare-methods compare-methods
keep light/sequential-edits sequential-edits
keep dark/workbench workbench-dark
keep zh_TW/workbench workbench-zh_TW
keep tour/tour-03 lecture-tour-zh_TW

# Screens of flat colour and text: 256 colours lose nothing a reader sees and
# take a third of the bytes.
for f in workbench workbench-dark workbench-zh_TW lecture-tour-zh_TW compare-methods sequential-edits; do
    png=$out/$f.png
    [ -f "$png" ] || continue
    if command -v pngquant >/dev/null; then pngquant --force --skip-if-larger --strip --quality 70-95 --output "$png" "$png" || true; fi
    if command -v optipng >/dev/null; then optipng -quiet -o2 -strip all "$png"; fi
done
ls -l "$out"
# 2: a step timed out (the PNGs show what was on screen then); 1: a step failed.
exit $status
