#!/usr/bin/env bash
# Measures the bundled demo model with Lancet on a CUDA machine, for its model
# card (issue 5's acceptance): average indirect effects of causal tracing over
# >= 100 facts, and ROME over >= 200 edit requests of facts.json, each with its
# protocol. JSON results go to $OUT (or ./demo-measure).
# Usage (repository root): [HPARAMS='{"kl_factor": ...}'] [SKIP_TRACE=1] bash tools/demo-corpus/device_measure.sh [LAYER...]
set -uo pipefail
OUT=${OUT:-$PWD/demo-measure}
mkdir -p "$OUT"
BUILD=${BUILD:-/tmp/lancet-build}
CLI="$BUILD/app/cli/lancet-cli"
MODEL=resources/models/lancet-demo
FACTS=$MODEL/facts.json
TRACE_FACTS=${TRACE_FACTS:-150}
EDITS=${EDITS:-210}
EDIT_SECONDS=${EDIT_SECONDS:-150}

# Window 3: with 8 layers, the reference's window of 10 would restore every
# layer at once and hide where the effect lives.
t=$(date +%s)
[ -n "${SKIP_TRACE:-}" ] || "$CLI" trace-avg "$MODEL" --dataset "$FACTS" --limit "$TRACE_FACTS" --kind all --window 3 --device cuda --json \
    >"$OUT/trace-avg.json" 2>"$OUT/trace-avg.log" || tail -5 "$OUT/trace-avg.log"
echo "trace-avg: $(( $(date +%s) - t )) s"
python3 - "$OUT/trace-avg.json" <<'PY' || true
import json, sys
d = json.load(open(sys.argv[1]))
print("facts used", d["facts_used"], "skipped", d["facts_skipped"], "high", round(d["mean_high_score"], 3), "low", round(d["mean_low_score"], 3))
for k in d["kinds"]:
    for b in ("last_subject_token", "last_token"):
        print(k["kind"], b, [round(x, 3) for x in k["buckets"][b]["mean_effect"]])
PY

# ROME over the first EDITS requests (interleaved across relations), one layer
# at a time; a run that outlasts EDIT_SECONDS stops after its current request
# (SIGINT) and reports what it scored.
for layer in "${@:-default}"; do
    args=()
    [ "$layer" != default ] && args=(--layer "$layer")
    [ -n "${HPARAMS:-}" ] && args+=(--hparams "$HPARAMS")
    t=$(date +%s)
    timeout -s INT "$EDIT_SECONDS" "$CLI" eval "$MODEL" --dataset "$FACTS" --method rome --limit "$EDITS" "${args[@]}" \
        --device cuda --json --output "$OUT/rome-$layer.json" >/dev/null 2>"$OUT/rome-$layer.log"
    echo "rome layer $layer: exit $? in $(( $(date +%s) - t )) s"
    python3 - "$OUT/rome-$layer.json" <<'PY' || tail -5 "$OUT/rome-$layer.log"
import json, sys
d = json.load(open(sys.argv[1]))
print("cases", d["cases_done"], "of", d["cases_total"], "partial", d["partial"])
for s in d["summary"]:
    if s["timing"] == "after_each_edit":
        print(f'  {s["metric"]:24s} {s["protocol"]:20s} {s["mean"]:.3f} (n={s["n"]})')
PY
done
