#!/usr/bin/env bash
# lancet-cli train with an In-Place TTT recipe (two steps on the demo model) and
# ttt --inplace-demo reading the add-on it wrote; the shipped add-on; refusals.
set -u
cli="$1"
fixtures="$2"
demo="$fixtures/../../resources/models/lancet-demo"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cat > "$scratch/recipe.json" <<JSON
{"format": "lancet-inplace-ttt-recipe/1", "model": "$demo", "layers": [6, 7], "chunk": 64, "steps": 2,
 "lr": 0.001, "warmup": 1, "seed": 5000, "facts": 4, "log_every": 1, "out": "addon.safetensors"}
JSON
tr=$("$cli" train "$scratch/recipe.json" --json 2>/dev/null)
check "training writes the add-on beside the recipe" test -s "$scratch/addon.safetensors"
check "training reports its curve" json_has "$tr" "j['steps_done']==2 and len(j['curve'])==2 and j['layers']==[6,7] and j['parameters']==2*(5*256+256*256) and j['curve'][0]['loss']>0 and j['training']['held_out_seeds']==[17]"

d=$("$cli" ttt "$demo" --inplace-demo --facts 4 --ft-epochs 1 --addon "$scratch/addon.safetensors" --json)
check "demo row with the add-on" json_has "$d" "[r['setting'] for r in j['rows']]==['no adaptation','in-place TTT','in-place TTT, trained add-on','fine-tune on the document'] and j['addon']['layers']==[6,7] and len(j['addon']['chunk_nll'])==len(j['chunk_nll_inplace']) and j['weights_restored']"
# The demo folder ships its trained add-on; the demonstration reads it unless told not to.
check "the shipped add-on is read" json_has "$("$cli" ttt "$demo" --inplace-demo --facts 2 --ft-epochs 1 --json)" "j['addon']['layers']==[4,5,6,7] and j['addon']['training']['steps']==200"
check "--no-addon" json_has "$("$cli" ttt "$demo" --inplace-demo --facts 2 --ft-epochs 1 --no-addon --json)" "'addon' not in j and len(j['rows'])==3"

printf 'not a safetensors file' > "$scratch/bad.safetensors"
check "a broken add-on is refused" exit_is 1 "$cli" ttt "$demo" --inplace-demo --facts 2 --addon "$scratch/bad.safetensors"
check "unknown recipe field" exit_is 1 "$cli" train <(echo '{"format": "lancet-inplace-ttt-recipe/1", "stepz": 3, "out": "x"}')
grep -q 'unknown field "stepz"' "$last_err" || { failed=$((failed + 1)); echo "FAIL: unknown-field message"; }
finish "inplace addon"
