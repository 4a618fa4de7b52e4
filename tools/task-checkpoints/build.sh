#!/usr/bin/env bash
# Builds the demo model's task checkpoints from scratch, against whatever base
# model is in resources/models/lancet-demo now (re-run it after the base is
# retrained: a task vector refuses a base whose fingerprint differs).
#
#   tools/task-checkpoints/build.sh [LANCET_CLI] [WORK_DIR]
#
# For each task in resources/models/lancet-demo/tasks/<name>/:
#   1. make_tasks.py writes train.json and eval.json from the base's facts.json;
#   2. lancet-cli train <name>/recipe.json fine-tunes the base (only the MLPs of
#      blocks 1-4 train, fp32, CPU) into WORK_DIR/<name>/final;
#   3. lancet-cli merge extract writes <name>/task_vector.safetensors: the
#      changed tensors only, float16, with the base's fingerprint;
#   4. lancet-cli merge --score records the task's scores at weights -1, 0, 1
#      in <name>/scores.json.
# Takes 4-6 minutes per task on 2 CPU cores with OpenBLAS. Debian's default
# reference BLAS (libblas3) is ~8x slower; with OpenBLAS unpacked somewhere,
# run with BLAS_DIR=/path/to/openblas-pthread (it goes on LD_LIBRARY_PATH).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cli="${1:-$root/build-merge/app/cli/lancet-cli}"
work="${2:-$(mktemp -d /tmp/lancet-tasks.XXXXXX)}"
mkdir -p "$work"
base="$root/resources/models/lancet-demo"
tasks="${TASKS:-capital-moves private-record office-2025}"
if [[ -n "${BLAS_DIR:-}" ]]; then export LD_LIBRARY_PATH="$BLAS_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi

fingerprint() { "$cli" info "$base" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["fingerprint"])'; }

python3 "$here/make_tasks.py" "$base/facts.json" "$base/tasks"
for t in $tasks; do
    dir="$base/tasks/$t"
    echo "== $t: fine-tuning (log: $work/$t.log)"
    rm -rf "$work/$t"
    before="$(fingerprint)"
    "$cli" train "$dir/recipe.json" --device cpu --out "$work/$t" > "$work/$t.log" 2>&1
    # A base replaced while the fine-tune ran would turn the whole model into "the task".
    if [[ "$(fingerprint)" != "$before" ]]; then
        echo "the base model changed while $t was training; run this script again" >&2
        exit 1
    fi
    desc="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["description"])' "$dir/eval.json")"
    "$cli" merge extract "$base" "$work/$t/final" --out "$dir" --name "$t" --description "$desc" --json \
        > "$work/$t.extract.json"
    echo "   $(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(len(j["tensors"]), "tensors,", j["bytes"], "bytes")' "$work/$t.extract.json")"
    {
        echo "{"
        for w in -1 0 1; do
            echo "\"$w\": $("$cli" merge "$base" --tasks "$dir" --weights "$w" --score --probes 0 --facts 200 --json),"
        done
        echo "\"extract\": $(cat "$work/$t.extract.json")"
        echo "}"
    } > "$dir/scores.json"
    python3 - "$dir/scores.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
for w in ("-1", "0", "1"):
    s = j[w]
    t = s["tasks"][0]
    print("   weight %2s: task %5.1f%% (n=%d)  base facts kept %5.1f%% (n=%d)  fluency %.2f" %
          (w, 100 * t["accuracy"], t["n"], 100 * s["base_facts"], s["base_facts_n"], s["fluency"]))
json.dump(j, open(sys.argv[1], "w"), indent=1)
EOF
done
echo "fine-tuned folders and logs: $work"
