#!/usr/bin/env bash
# Issue 19's laptop goals on the demo model, measured on this machine's CPU:
#   start to first next-token bars <= 2 s, a 3-kind trace of a 10-token prompt
#   <= 1 s, one ROME edit with statistics cached <= 1 s, slider -> scorecard <= 100 ms.
#
#   bash bench/laptop_cpu.sh [BUILD_DIR] [OUT_DIR]
#
# Run it on an idle machine: every figure is wall time. Each benchmark also
# prints its reference run from the same process (the trace's cell-by-cell
# loop, the slider's plain _foreach_add_), so a loaded machine still gives
# honest ratios. Needs xvfb-run for the workbench start.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
out="${2:-$root/bench/results/laptop-$(date +%F)}"
cli="$build/app/cli/lancet-cli"
model="$root/resources/models/lancet-demo"
mkdir -p "$out"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/machine.txt"

"$cli" bench trace "$model" --repeats 5 --json > "$out/trace.json"
"$cli" bench rome "$model" --repeats 5 --json > "$out/rome.json"
"$cli" bench merge "$model" --repeats 20 --json > "$out/merge.json"
: > "$out/startup.txt"
if [ -x "$build/app/lancet" ] && command -v xvfb-run >/dev/null; then
    for i in 1 2 3 4 5; do
        LANCET_STARTUP_REPORT=quit timeout 120 xvfb-run -a -s "-screen 0 1366x768x24" \
            "$build/app/lancet" "$model" --fresh 2>/dev/null | tee -a "$out/startup.txt"
    done
fi
python3 - "$out" <<'PY'
import json, sys, re, statistics
out = sys.argv[1]
t = json.load(open(f"{out}/trace.json")); r = json.load(open(f"{out}/rome.json")); m = json.load(open(f"{out}/merge.json"))
starts = [float(x) for x in re.findall(r"([0-9.]+) s", open(f"{out}/startup.txt").read())]
lines = [
    f"trace, 3 kinds, 10 tokens, 10 samples: {t['fast_seconds_median']:.2f} s median "
    f"(cell-by-cell loop {t['reference_loop_seconds']:.2f} s, {t['speedup']:.2f}x; largest difference {t['max_abs_diff_vs_reference']:.1e})  goal 1 s",
    f"ROME edit, statistics cached: {r['total_s']['median']:.2f} s median  goal 1 s",
]
if 'slider_to_scorecard_ms' in m:
    lines.append(f"slider -> scorecard: {m['slider_to_scorecard_ms']:.0f} ms median, p90 {m['slider_to_scorecard_p90_ms']:.0f} ms "
                 f"(slider step {m['slider_update_ms']:.1f} ms vs plain _foreach_add_ {m['foreach_add_baseline_ms']:.1f} ms)  goal 100 ms")
if starts:
    lines.append(f"start -> first bars: {statistics.median(starts):.2f} s median of {len(starts)} ({', '.join(f'{x:.2f}' for x in starts)})  goal 2 s")
open(f"{out}/summary.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
