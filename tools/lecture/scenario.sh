#!/usr/bin/env bash
# The lecture's scenario on the demo model, measured: the same requests edited by
# plain fine-tuning, by its remedies, and by ROME, each edit scored and undone
# (independent edits, lancet-cli eval). Prints one table; the raw JSON stays in OUT.
#
#   bash tools/lecture/scenario.sh OUT [LIMIT] [METHODS]
#
# LIMIT defaults to 100 requests of the demo model's facts; METHODS to
# "ft ft-l lora l2 ewc replay rome". ROME runs as published (no keep prompts); the
# fine-tuning family gets the subject's other facts as keep prompts, which only
# self-generated replay uses (as its prompts). Two methods run at a time.
set -euo pipefail
out="${1:?OUT}"
limit="${2:-100}"
methods="${3:-ft ft-l lora l2 ewc replay rome}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${LANCET_CLI:-$root/build/app/cli/lancet-cli}"
model="$root/resources/models/lancet-demo"
mkdir -p "$out"
run_one() {
    local m="$1" keep=(--keep-subject-facts)
    [ "$m" = rome ] && keep=()
    /usr/bin/time -f "%e" -o "$out/$m.seconds" \
        "$cli" eval "$model" --dataset "$model/facts.json" --method "$m" --limit "$limit" "${keep[@]}" --json >"$out/$m.json"
}
running=0
for m in $methods; do
    run_one "$m" &
    running=$((running + 1))
    if [ "$running" -ge 2 ]; then wait -n; running=$((running - 1)); fi
done
wait
python3 - "$out" $methods <<'PY'
import json, sys
out, methods = sys.argv[1], sys.argv[2:]
keys = [("ES", "counterfact-prob"), ("PS", "counterfact-prob"), ("NS", "counterfact-prob"),
        ("reliability", "easyedit-token-acc"), ("generalization", "easyedit-token-acc"),
        ("locality", "easyedit-token-acc"), ("locality_same_subject", "easyedit-token-acc"), ("fluency", "ngram-entropy")]
print("method   " + "".join(f"{k[:14]:>15}" for k, _ in keys) + "   s/edit")
for m in methods:
    j = json.load(open(f"{out}/{m}.json"))
    cells = []
    for k, p in keys:
        v = [s for s in j["summary"] if s["metric"] == k and s["protocol"] == p and s["timing"] == "after_each_edit"]
        cells.append(f"{v[0]['mean'] * 100:15.1f}" if v and v[0]["mean"] is not None else f"{'-':>15}")
    secs = float(open(f"{out}/{m}.seconds").read().split()[-1]) / max(1, j["cases_done"])
    print(f"{m:8} " + "".join(cells) + f"   {secs:6.2f}")
print(f"\n{j['cases_done']} requests each, independent edits (each undone), demo model, CPU; "
      "after_each_edit means x100 (fluency: n-gram entropy in bits x100). Protocols: counterfact-prob (ES/PS/NS), "
      "easyedit-token-acc (the rest).")
PY
