#!/usr/bin/env bash
# Issue 21 on one GPU: the demo model run whole on cuda:0 and split between
# cuda:0 and the CPU (a real cross-device path), for predict and a 3-kind
# causal trace: the outputs must agree to float tolerance; the times give the
# overhead of the boundary copies.
# Usage: bash bench/placement_split.sh CLI OUTDIR [MODEL SPLIT_AT LAST_LAYER SUBJECT]
#   (default: the demo model, layers 0-3 | 4-7, subject "Space Needle")
set -uo pipefail
cli="${1:?lancet-cli}"; out="${2:?OUTDIR}"
mkdir -p "$out"
model=${3:-resources/models/lancet-demo}; at=${4:-4}; last=${5:-7}; subject=${6:-Space Needle}
prompt="The Space Needle is located in the city of"
first="0-$((at - 1))"; [ "$at" = 1 ] && first=0
second="$at-$last"; [ "$at" = "$last" ] && second=$last
declare -A how=([whole]="--device cuda" [split]="--placement $first:cuda:0,$second:cpu"
                [split_gpu_second]="--placement $first:cpu,$second:cuda:0")
for name in whole split split_gpu_second; do
    # shellcheck disable=SC2086
    "$cli" predict $model --prompt "$prompt" --top-k 5 --json ${how[$name]} > "$out/predict-$name.json" 2>>"$out/log.txt"
    s=$(date +%s%N)
    # shellcheck disable=SC2086
    "$cli" trace $model --prompt "$prompt" --subject "$subject" --samples 10 --json ${how[$name]} > "$out/trace-$name.json" 2>>"$out/log.txt"
    echo "$name trace wall $(( ($(date +%s%N) - s) / 1000000 )) ms (process start, load and trace)" | tee -a "$out/log.txt"
done
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def load(kind, name): return json.load(open(f"{out}/{kind}-{name}.json"))
base_p = load("predict", "whole"); base_t = load("trace", "whole")
for name in ("split", "split_gpu_second"):
    p = load("predict", name); t = load("trace", name)
    dp = max(abs(a["prob"] - b["prob"]) for a, b in zip(base_p["top"], p["top"]))
    same_top = [a["id"] for a in base_p["top"]] == [b["id"] for b in p["top"]]
    dt = max(abs(x - y) for ka, kb in zip(base_t["kinds"], t["kinds"])
             for ra, rb in zip(ka["scores"], kb["scores"]) for x, y in zip(ra, rb))
    print(f"{name}: top-5 ids equal {same_top}, max |dp| {dp:.3g}; trace max |d score| {dt:.3g}; "
          f"trace seconds {t.get('seconds')} vs whole {base_t.get('seconds')}")
PY
