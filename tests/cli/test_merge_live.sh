#!/usr/bin/env bash
# lancet-cli merge --score / --sweep / extract on the tiny fixture model and its
# two fixture task vectors (tests/fixtures/merge/tiny-tasks).
set -u
cli="$1"
fixtures="$2"
model="$fixtures/tiny-gpt2"
tasks="$fixtures/merge/tiny-tasks"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

s0=$("$cli" merge "$model" --tasks "$tasks/up,$tasks/down" --weights 0,0 --score --fluency-tokens 8 --json)
check "score fields" json_has "$s0" "[t['name'] for t in j['tasks']]==['up','down'] and j['tasks'][0]['n']==3 and 'fluency' in j and j['merge']['spec']['method']=='task_arithmetic'"
check "weights 0 = base" json_has "$s0" "j['fluency']==j['base_fluency']"
s1=$("$cli" merge "$model" --tasks "$tasks/up,$tasks/down" --weights 1.5,0 --score --fluency-tokens 8 --json)
check "weights move the score" json_has "$s1" "j['fluency']!=j['base_fluency']"
t=$("$cli" merge "$model" --tasks "$tasks/up,$tasks/down" --weights 1,1 --method ties --density 0.3 --score --json)
check "ties spec" json_has "$t" "j['merge']['spec']['method']=='ties' and j['merge']['spec']['tasks'][1]['density']==0.3"

sw=$("$cli" merge "$model" --tasks "$tasks/up,$tasks/down" --weights 0,0 --sweep up,down --grid 3 --fluency-tokens 4 --json)
check "sweep grid" json_has "$sw" "j['values_a']==[-1.0,0.5,2.0] and len(j['grids']['fluency'])==3 and len(j['grids']['fluency'][0])==3 and not j['partial'] and 'task:up' in j['metrics']"
check "sweep table" exit_is 0 "$cli" merge "$model" --tasks "$tasks/up,$tasks/down" --sweep 0,1 --grid 2 --metric fluency --fluency-tokens 4

check "weights count" exit_is 2 "$cli" merge "$model" --tasks "$tasks/up,$tasks/down" --weights 1 --score
check "weight range" exit_is 1 "$cli" merge "$model" --tasks "$tasks/up" --weights 3 --score
check "not a task" exit_is 1 "$cli" merge "$model" --tasks "$fixtures/merge" --score
grep -q "no config.json" "$last_err" || { failed=$((failed + 1)); echo "FAIL: not-a-task message"; }

out=$(mktemp -d "$scratch/d.XXXXXX")
ex=$("$cli" merge extract "$model" "$model" --out "$out/same" --json)
check "extract of the base itself is empty" json_has "$ex" "j['tensors']==[] and j['bytes']==0"

# mergekit YAML: export the live merge, read it back: the same spec and scores.
yml="$(mktemp -d "$scratch/y.XXXXXX")"
e1=$("$cli" merge "$model" --tasks "$tasks/up,$tasks/down" --weights 1.25,-0.5 --method ties --density 0.5 --score --fluency-tokens 4 --export-yaml "$yml/merge.yml" --json)
check "export yaml written" test -s "$yml/merge.yml"
e2=$("$cli" merge "$yml/merge.yml" --score --fluency-tokens 4 --json)
check "yaml round trip: same spec" json_has "$e2" "j['merge']['spec']['method']=='ties' and [t['weight'] for t in j['merge']['spec']['tasks']]==[1.25,-0.5]"
check "yaml round trip: same scores" test "$(echo "$e1" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["tasks"], j["fluency"])')" = "$(echo "$e2" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["tasks"], j["fluency"])')"

# A frankenmerge from a shared config: a Hub name mapped to a local folder with --model.
cat > "$yml/stack.yml" <<'YAML'
merge_method: passthrough
slices:
  - sources: [{model: openai-community/gpt2, layer_range: [0, 2]}]
  - sources:
      - model: openai-community/gpt2
        layer_range: [1, 2]
dtype: float16
YAML
st=$("$cli" merge "$yml/stack.yml" --out "$yml/stacked" --model "openai-community/gpt2=$model" --json)
check "slices stack layers" json_has "$st" "j['layers']==3 and j['dtype']=='float16' and j['method']=='passthrough'"
check "stacked model loads" exit_is 0 "$cli" info "$yml/stacked"
check "hub name without a folder" exit_is 1 "$cli" merge "$yml/stack.yml" --out "$yml/none"
grep -q "download" "$last_err" || { failed=$((failed + 1)); echo "FAIL: hub-name message"; }
mkdir -p "$yml/hub" && ln -s "$(cd "$model" && pwd)" "$yml/hub/openai-community--gpt2"
check "--model-dir finds the Hub cache spelling" exit_is 0 "$cli" merge "$yml/stack.yml" --out "$yml/stacked2" --model-dir "$yml/hub"
printf 'merge_method: slerp\nbase_model: a\nmodels:\n  - model: b\n    colour: red\n' > "$yml/bad.yml"
check "unknown field" exit_is 1 "$cli" merge "$yml/bad.yml" --out "$yml/bad"
grep -q "line 5" "$last_err" || { failed=$((failed + 1)); echo "FAIL: unknown field line"; }

# The apply mode: a method the sliders cannot drive, merged once and scored.
ap=$("$cli" merge "$model" --tasks "$tasks/up" --method slerp --param t=0.5 --score --fluency-tokens 4 --export-yaml "$yml/slerp.yml" --json)
check "apply slerp" json_has "$ap" "j['merge']['applied_method']=='slerp'"
ap2=$("$cli" merge "$yml/slerp.yml" --score --fluency-tokens 4 --json)
check "applied yaml round trip" json_has "$ap2" "j['merge']['applied_method']=='slerp' and j['fluency']==$(echo "$ap" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fluency"])')"
check "apply slerp needs one task" exit_is 1 "$cli" merge "$model" --tasks "$tasks/up,$tasks/down" --method slerp --param t=0.5 --score
grep -q "merges 1 model" "$last_err" || { failed=$((failed + 1)); echo "FAIL: slerp count message"; }

finish "merge cli"
