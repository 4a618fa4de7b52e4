#!/usr/bin/env bash
# lancet-cli end to end on the tiny fixture model: documented JSON fields exist,
# usage errors exit 2 with a message, engine errors exit 1 with a message.
set -u
cli="$1"
fixtures="$2"
model="$fixtures/tiny-gpt2"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

info=$("$cli" info "$model" --json)
check "info fields" json_has "$info" "j['architecture']['n_layer']==2 and j['architecture']['d_model']==32 and len(j['tensors'])>0 and j['dtype']=='float32'"

pred=$("$cli" predict "$model" --prompt "Hello world" --top-k 3 --json)
check "predict fields" json_has "$pred" "len(j['top'])==3 and [t['id'] for t in j['tokens']]==[15496,995] and abs(sum(t['prob'] for t in j['top']))<=1.0 and j['top'][0]['prob']>=j['top'][1]['prob']"

# Layer placement (docs/design/placement.md): the same answer split over two CPU stages, the plan in info.
placed=$("$cli" info "$model" --devices cpu,cpu --json)
check "info placement" json_has "$placed" "j['placement']['layers']=='0:cpu,1:cpu' and j['placement']['stages'][0]['holds'][0]=='embeddings'"
pred_placed=$("$cli" predict "$model" --prompt "Hello world" --top-k 3 --placement 0:cpu,1:cpu --json)
check "predict placed equals unplaced" python3 -c "import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); sys.exit(0 if a['top']==b['top'] else 1)" "$pred" "$pred_placed"
check "error: layer list leaves a layer out" exit_is 1 "$cli" info "$model" --placement 0:cpu
check "error message names the missing layer" grep -q "leaves layers 1 without a device" "$last_err"
check "usage: --device with --devices" exit_is 2 "$cli" info "$model" --device cpu --devices cpu,cpu

# A Chinese prompt that GPT-2's byte-level BPE splits inside characters (issue 19):
# every token reads as its characters (once, "⋯" in the tokens that finish one),
# never U+FFFD, and its exact bytes come back in hex, in the JSON and as text.
zh="台北101位於哪個城市？"
pz=$("$cli" predict "$model" --prompt "$zh" --top-k 5 --json)
check "predict json: split characters read, bytes kept" json_has "$pz" "
    all('\ufffd' not in t['text'] for t in j['tokens'] + j['top'])
    and ''.join(t['text'] for t in j['tokens'] if t['text'] != '\u22ef') == j['prompt'] == '$zh'
    and any(t['text'] == '\u22ef' for t in j['tokens'])
    and b''.join(bytes.fromhex(t['bytes']) for t in j['tokens']) == '$zh'.encode()
    and all(bytes.fromhex(t['bytes']) == '$zh'.encode()[t['begin']:t['end']] for t in j['tokens'])
    and all(bytes.fromhex(t['bytes']).decode('utf-8', 'replace') == t['text'] for t in j['top']
            if '\\\\x' not in t['text'] and t['text'] != '\u22ef')"
# The terminal map of a trace over those tokens: every row's bar starts and ends
# in the same column (a CJK character takes two), counted by Python's
# East Asian widths, not by Lancet's own table.
ztr=$("$cli" trace "$model" --prompt "$zh" --subject "台北" --kind hidden --samples 2)
check "trace map text: CJK rows aligned" python3 -c "
import sys, unicodedata
w = lambda s: sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
rows = [r for r in sys.argv[1].splitlines() if r.endswith('|') and ' |' in r]
assert len(rows) >= 8, rows
bars = {(w(r[:r.index(' |')]), w(r)) for r in rows}
assert len(bars) == 1, bars
assert any(unicodedata.east_asian_width(c) == 'W' for r in rows for c in r[:r.index(' |')])
" "$ztr"
pzt=$("$cli" predict "$model" --prompt "$zh" --top-k 3)
check "predict text: split characters read" python3 -c "
import sys
out = sys.argv[1].encode('utf-8', 'surrogateescape').decode('utf-8')  # strict: no broken bytes
line = out.splitlines()[0]
assert line.startswith('prompt tokens: ') and '\ufffd' not in out, line
assert line.split('  ', 1)[1].startswith('台|⋯|北|⋯|101|'), line
" "$pzt"

gen=$("$cli" generate "$model" --prompt "Hello" --max-new-tokens 5 --json)
check "generate greedy" json_has "$gen" "len(j['new_ids'])<=5 and j['mode']=='greedy'"
gen2=$("$cli" generate "$model" --prompt "Hello" --max-new-tokens 5 --top-k 5 --seed 7 --json)
gen3=$("$cli" generate "$model" --prompt "Hello" --max-new-tokens 5 --top-k 5 --seed 7 --json)
check "sampling is seeded" test "$gen2" = "$gen3"

tr=$("$cli" trace "$model" --prompt "The Space Needle is located in the city of" --subject "Space Needle" --samples 3 --json)
check "trace json" json_has "$tr" "len(j['kinds'])==3 and j['subject']['range']==[1,4] and j['labels']==j['tokens'] and len(j['kinds'][0]['scores'])==10 and len(j['kinds'][0]['scores'][0])==2 and j['partial']==False"
csv=$("$cli" trace "$model" --prompt "The Space Needle is located in the city of" --subject "Space Needle" --kind hidden --samples 2 --csv)
check "trace csv rows" test "$(printf '%s\n' "$csv" | wc -l)" = "21"

avg=$("$cli" trace-avg "$model" --dataset "$fixtures/datasets/knowns.json" --limit 3 --samples 2 --window 2 --json)
check "trace-avg json" json_has "$avg" "j['facts_total']>=1 and len(j['kinds'])==3 and len(j['kinds'][0]['buckets']['last_subject_token']['mean_effect'])==2"

# Counterfactual patching (exact and attribution with its exact check) and the logit lens.
pa=$("$cli" patch "$model" --clean "The Golden Gate is in" --corrupted "The Big Ben is in" --clean-answer Seattle --corrupted-answer London --json)
check "patch json" json_has "$pa" "j['method']=='exact' and j['protocol']=='activation-patching/denoising/logit-diff' and len(j['maps'])==3 and len(j['maps'][0]['scores'])==5 and len(j['heads'])==2 and abs(j['maps'][0]['scores'][4][1]-1)<1e-4"
at=$("$cli" patch "$model" --clean "The Golden Gate is in" --corrupted "The Big Ben is in" --sites mlp --attribution --check 3 --json)
check "attribution patch json" json_has "$at" "j['method']=='attribution' and j['backward_passes']==1 and len(j['maps'])==1 and len(j['checks'])==3 and 'checks_rank_correlation' in j"
check "error: patch prompts of different lengths" exit_is 1 "$cli" patch "$model" --clean "The Space Needle is in" --corrupted "The Statue of Liberty in New York is in"
le=$("$cli" lens "$model" --prompt "The Space Needle is in" --top-k 2 --json)
check "lens json" json_has "$le" "len(j['layers'])==2 and len(j['layers'][1])==len(j['tokens'])==len(j['labels']) and j['layers'][1][-1]['answer_rank']==0"
# The lens before and after an edit file's edits: one answer for both, the edit visible at the output.
LANCET_CACHE_DIR="$(mktemp -d "$scratch/d.XXXXXX")" "$cli" edit "$model" --prompt "{} is located in" \
    --subject "The Space Needle" --target Paris --layer 1 --stats-samples 2000 --save-edit "$scratch/needle" > /dev/null 2>&1
lb=$("$cli" lens "$model" --prompt "The Space Needle is located in" --answer Paris --edits "$scratch/needle" --json)
check "lens --edits reads before and after" json_has "$lb" "j['before']==0 and j['after']==1 and j['answer']==' Paris' and len(j['before_lens']['layers'])==2 and j['after_lens']['layers'][-1][-1]['answer_prob']>j['before_lens']['layers'][-1][-1]['answer_prob']"
check "error: lens --edits of a missing file" exit_is 1 "$cli" lens "$model" --prompt "x" --edits "$scratch/no-such-edit"

# One real ROME edit through eval on the tiny model (statistics on a small sample of the shipped corpus).
ev=$(LANCET_CACHE_DIR="$(mktemp -d "$scratch/d.XXXXXX")" "$cli" eval "$model" --dataset "$fixtures/datasets/counterfact.json" --method rome --limit 1 --layer 1 --json)
check "eval rome edits and scores" json_has "$ev" "j['cases'][0]['edited'] and j['cases'][0]['edit_info']['layer']==1 and any(s['timing']=='after_each_edit' for s in j['summary'])"

# edit without --layer on a model with no published layer takes the one its folder declares.
declared="$(mktemp -d "$scratch/d.XXXXXX")/tiny"
cp -r "$model" "$declared"
echo '{"rome": {"layer": 1, "reason": "declared by the test"}}' > "$declared/lancet.json"
ed=$(LANCET_CACHE_DIR="$(mktemp -d "$scratch/d.XXXXXX")" "$cli" edit "$declared" --prompt "{} is located in" --subject "The Space Needle" --target Paris --stats-samples 2000 --json)
check "edit takes the layer lancet.json declares" json_has "$ed" "j['edit']['layer']==1 and 'lancet.json' in j['edit']['layer_reason'] and 'declared by the test' in j['edit']['layer_reason']"
# ... and the hyperparameters it declares (here the reference's update); one that does not parse is ignored.
echo '{"rome": {"layer": 1, "hparams": {"key_mode": "original"}}}' > "$declared/lancet.json"
ed=$(LANCET_CACHE_DIR="$(mktemp -d "$scratch/d.XXXXXX")" "$cli" edit "$declared" --prompt "{} is located in" --subject "The Space Needle" --target Paris --stats-samples 2000 --json)
check "edit takes the hparams lancet.json declares" json_has "$ed" "j['edit']['diagnostics']['key_mode']=='original'"
echo '{"rome": {"layer": 1, "hparams": {"key_mode": "sideways"}}}' > "$declared/lancet.json"
ed=$(LANCET_CACHE_DIR="$(mktemp -d "$scratch/d.XXXXXX")" "$cli" edit "$declared" --prompt "{} is located in" --subject "The Space Needle" --target Paris --stats-samples 2000 --json)
check "a malformed lancet.json hparams is ignored" json_has "$ed" "j['edit']['diagnostics']['key_mode']=='prefix_mean' and j['edit']['layer']==1"

# Lancet's keep prompts: from the command line, and from the dataset (the subject's other facts).
kept=$(LANCET_CACHE_DIR="$(mktemp -d "$scratch/d.XXXXXX")" "$cli" edit "$model" --prompt "{} is located in" --subject "The Space Needle" --target Paris --layer 0 --stats-samples 2000 --keep "{} was built in | {} is painted" --json)
check "edit --keep reaches compute_v" json_has "$kept" "j['edit']['diagnostics']['keep']['prompts']==['{} was built in','{} is painted'] and j['edit']['request']['keep_prompts']==['{} was built in','{} is painted'] and j['edit']['diagnostics']['loss_curve'][-1]['keep_kl']>0"
cat > "$scratch/two-facts.json" <<'JSON'
{"format": "lancet-facts/1",
 "relations": {"born": {"prompts": ["{} was born in", "{} was born and raised in"]},
               "job": {"prompts": ["{} works for", "{} is employed by"]}},
 "facts": [{"subject": "Ada Quill", "relation": "job", "object": "Sony", "true_object": "Canon",
            "same_subject": [{"prompt": "{} was born in", "answer": "Oslo"}]},
           {"subject": "Ada Quill", "relation": "born", "object": "Rome", "true_object": "Oslo"}]}
JSON
evk=$(LANCET_CACHE_DIR="$(mktemp -d "$scratch/d.XXXXXX")" "$cli" eval "$model" --dataset "$scratch/two-facts.json" --method rome --limit 1 --layer 1 --keep-subject-facts --json)
check "eval --keep-subject-facts keeps the other fact in an unscored phrasing" json_has "$evk" "j['cases'][0]['edit_info']['diagnostics']['keep']['prompts']==['{} was born and raised in']"
check "usage: --keep-subject-facts needs rome" exit_is 2 "$cli" eval "$model" --dataset "$scratch/two-facts.json" --keep-subject-facts
check "usage: a keep prompt without {}" exit_is 2 "$cli" edit "$model" --prompt "{} is located in" --subject "The Space Needle" --target Paris --layer 1 --stats-samples 2000 --keep "the tower is painted"
check "the error names the keep prompt" grep -q "the tower is painted" "$last_err"

# The method interface: the list with each parameter's description, validation by the method, the scorecard.
methods=$("$cli" edit "$model" --list-methods --json)
check "edit --list-methods describes rome's parameters" json_has "$methods" "any(m['name']=='rome' and any(p['name']=='v_num_grad_steps' and p['type']=='int' and p['min']==1 for p in m['params']) for m in j['methods'])"
check "usage: an unknown method" exit_is 2 "$cli" edit "$model" --method nope --prompt "{} is in" --subject "The Space Needle" --target Paris
check "the usage error lists the methods" grep -q "there are: rome" "$last_err"
check "error: a hyperparameter out of range" exit_is 1 "$cli" edit "$model" --prompt "{} is located in" --subject "The Space Needle" --target Paris --layer 1 --hparams '{"v_lr": -1}'
check "the error names the hyperparameter" grep -q "v_lr" "$last_err"
scored=$(LANCET_CACHE_DIR="$(mktemp -d "$scratch/d.XXXXXX")" "$cli" edit "$model" --prompt "{} is located in" --subject "The Space Needle" --target Paris --target-true Seattle --layer 1 --stats-samples 2000 --no-fluency --hparams '{"v_num_grad_steps": 5}' --json)
check "edit scores before and after, each row with its protocol" json_has "$scored" "j['edit']['hparams']['v_num_grad_steps']==5 and j['history']['position']==1 and all(r['protocol'] for r in j['scorecard']['rows']) and any(r['key']=='ES' and r['before'] is not None for r in j['scorecard']['rows'])"

check "usage: no command" exit_is 2 "$cli"
check "usage: unknown command" exit_is 2 "$cli" frobnicate
check "usage: unknown option" exit_is 2 "$cli" predict "$model" --prompt x --bogus
check "usage: missing prompt" exit_is 2 "$cli" predict "$model"
check "usage: bad number" exit_is 2 "$cli" predict "$model" --prompt x --top-k many
check "error: missing model" exit_is 1 "$cli" info /nonexistent/model
check "error: empty prompt" exit_is 1 "$cli" predict "$model" --prompt ""
check "error: subject not in prompt" exit_is 1 "$cli" trace "$model" --prompt "Hello there" --subject "Paris"
check "error message names the subject" grep -q "Paris" "$last_err"
check "error: window wider than model" exit_is 1 "$cli" trace "$model" --prompt "The Space Needle is" --subject "Space Needle" --window 5
check "help exits 0" exit_is 0 "$cli" trace --help

# The test-time training lab's SUTA loss and RDumb filters (issue 17): listed in the help, runnable, counted.
ttt_help=$("$cli" ttt --help 2>&1)
check "ttt help lists suta and rdumb" python3 -c "import sys; h=sys.argv[1]; sys.exit(0 if all(w in h for w in ['suta', 'rdumb:N', '+eta', '--mcc-topk', '--eta-e0']) else 1)" "$ttt_help"
printf 'The capital of France is\tParis\nThe author of Hamlet is\tWilliam\n' > "$scratch/ttt.txt"
ttt=$("$cli" ttt "$model" --stream "$scratch/ttt.txt" --method suta,rdumb:1 --steps 2 --lr 1e-2 --eta-e0 20 --json --records)
check "ttt suta and rdumb run" json_has "$ttt" "[r['method']['label'] for r in j['runs']]==['suta','rdumb:1'] and 'deviation' in j['runs'][0]['method'] and j['runs'][0]['records'][0]['mcc_candidates']>=8 and len(j['runs'][1]['records'][0]['filter']['kept_per_step'])==2 and all(r['weights_restored'] for r in j['runs'])"
check "usage: ttt fastslow+eta" exit_is 2 "$cli" ttt "$model" --stream "$scratch/ttt.txt" --method fastslow+eta

finish "lancet-cli"
