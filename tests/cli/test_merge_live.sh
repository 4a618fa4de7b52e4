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

finish "merge cli"
