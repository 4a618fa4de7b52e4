#!/usr/bin/env bash
# Trains the bundled demo model on a CUDA machine, in one go: build lancet-cli,
# time a few steps to size the run to TRAIN_SECONDS, write that step count into
# the recipe, train, score the exported folder with Lancet, and compare it with
# Hugging Face transformers. Results go to $OUT (or ./demo-out):
#   results.tgz   recipe.json (as run), train.log, curve.csv, report.json,
#                 eval.json, hf.json, config.json, bench.csv
#   model.part-*  final/model.safetensors split in 15 MB pieces (cat them back together)
# Usage (repository root): TRAIN_SECONDS=240 bash tools/demo-corpus/device_train.sh
set -euo pipefail
OUT=${OUT:-$PWD/demo-out}
mkdir -p "$OUT"
TRAIN_SECONDS=${TRAIN_SECONDS:-240}
BUILD=${BUILD:-/tmp/lancet-build}
RECIPE=resources/models/lancet-demo/recipe.json
WORK=/tmp/lancet-demo-work
rm -rf "$WORK"; mkdir -p "$WORK"
export PYTHONUNBUFFERED=1
t0=$(date +%s)

if [ ! -x "$BUILD/app/cli/lancet-cli" ]; then
    PREFIX=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')
    cmake -S . -B "$BUILD" -G Ninja -DLANCET_BUILD_GUI=OFF -DLANCET_BUILD_TESTS=OFF -DCMAKE_PREFIX_PATH="$PREFIX" \
          -DCMAKE_BUILD_TYPE=Release -DLANCET_NLOHMANN_INCLUDE_DIR=/usr/include >"$WORK/cmake.log" 2>&1 || { tail -40 "$WORK/cmake.log"; exit 1; }
    cmake --build "$BUILD" --target lancet-cli -j16 >"$WORK/build.log" 2>&1 || { grep -B2 -A12 'error' "$WORK/build.log" | head -80; exit 1; }
fi
CLI="$BUILD/app/cli/lancet-cli"
echo "built in $(( $(date +%s) - t0 )) s"

if [ -z "${FIXED_STEPS:-}" ]; then
# Time 60 steps (logged every 20: the last window is past the start-up cost).
python3 - "$RECIPE" "$WORK/bench-recipe.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); r["log_every"] = 20; r["checkpoint_every"] = 0
json.dump(r, open(sys.argv[2], "w"), indent=2)
PY
cp "$WORK/bench-recipe.json" resources/models/lancet-demo/.bench-recipe.json
"$CLI" train resources/models/lancet-demo/.bench-recipe.json --device cuda --out "$WORK/bench" --stop-after 60 >"$WORK/bench.log" 2>&1 \
    || { tail -30 "$WORK/bench.log"; exit 1; }
rm -f resources/models/lancet-demo/.bench-recipe.json
cp "$WORK/bench/curve.csv" "$WORK/bench.csv"
# Stay inside one 10-minute command: DEADLINE seconds from the start, ~100 s kept for scoring and export.
LEFT=$(( ${DEADLINE:-540} - ($(date +%s) - t0) - 100 ))
if [ "$LEFT" -lt "$TRAIN_SECONDS" ]; then TRAIN_SECONDS=$LEFT; fi
echo "training budget $TRAIN_SECONDS s"
STEPS=$(python3 - "$WORK/bench.csv" "$RECIPE" "$TRAIN_SECONDS" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
tps = float(rows[-1]["tokens_per_s"])
r = json.load(open(sys.argv[2]))
steps = int(float(sys.argv[3]) * tps / (r["batch_size"] * r["seq_len"]) / 100) * 100
r["steps"] = max(steps, 500)
json.dump(r, open(sys.argv[2], "w"), indent=2)
open(sys.argv[2], "a").write("\n")
print(r["steps"], file=sys.stdout)
print(f"{tps:.0f} tokens/s -> {r['steps']} steps", file=sys.stderr)
PY
)
else
    echo "using the recipe's steps"; : >"$WORK/bench.csv"; : >"$WORK/bench.log"
fi
cp "$RECIPE" "$WORK/recipe.json"
echo "training ${STEPS:-recipe} steps"

# A run that dies (a crash prints its backtrace into train.log) continues from its
# last checkpoint (--resume reproduces the uninterrupted run), at most twice.
"$CLI" train "$RECIPE" --device cuda --out "$WORK/run" >"$WORK/train.log" 2>&1 || {
    for attempt in 1 2; do
        echo "training stopped (see train.log); resuming from the checkpoint, attempt $attempt"
        grep -A30 "fatal signal" "$WORK/train.log" | head -40 || true
        [ -f "$WORK/run/checkpoint/trainer_state.json" ] || break
        if "$CLI" train "$RECIPE" --device cuda --out "$WORK/run" --resume >>"$WORK/train.log" 2>&1; then break; fi
    done
    [ -d "$WORK/run/final" ] || { tail -40 "$WORK/train.log"; tar czf "$OUT/results.tgz" -C "$WORK" train.log recipe.json; exit 1; }
}
tail -45 "$WORK/train.log"
echo "trained at $(( $(date +%s) - t0 )) s"

# Score the exported fp16 folder (loaded in float32) and compare with transformers.
"$CLI" train "$RECIPE" --eval-only --model "$WORK/run/final" --device cuda --json >"$WORK/eval.json" 2>"$WORK/eval.log" \
    || { tail -20 "$WORK/eval.log"; exit 1; }
python3 tools/demo-corpus/check_hf.py "$WORK/run/final" "$WORK/eval.json" >"$WORK/hf.json" 2>"$WORK/hf.log" || tail -20 "$WORK/hf.log"
cat "$WORK/hf.json" || true

cp "$WORK/run/curve.csv" "$WORK/run/report.json" "$WORK/run/final/config.json" "$WORK/"
tar czf "$OUT/results.tgz" -C "$WORK" recipe.json train.log curve.csv report.json eval.json hf.json hf.log config.json bench.csv bench.log
(cd "$OUT" && split -b 15M -d "$WORK/run/final/model.safetensors" model.part-)
sha256sum "$WORK/run/final/model.safetensors" | tee "$OUT/model.sha256"
ls -l "$OUT"
echo "done at $(( $(date +%s) - t0 )) s"
