#!/usr/bin/env bash
# GPU call 1 of session 18: build; Lancet's ROME edit on the Llama-3-8B shape in bf16 (with the A/B of
# ComputeVOptions::skip_unread_work: the edited block once, the last block only where the loss reads)
# and the Python reference's in the same session; 200 sequential AlphaEdit edits with and without
# bench sequential --all-positions; then 2,000 sequential AlphaEdit edits in batches of 100 end to end.
set -uo pipefail
R=$OUT/r; mkdir -p $R; L=$R/log.txt
export YAML_CPP_DIR=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu/cmake/yaml-cpp
export LD_LIBRARY_PATH=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | tee -a $L
s=$(date +%s)
left() { local l=$(( 585 - ($(date +%s) - s) )); [ $l -lt $1 ] && echo $l || echo $1; }
bash bench/gpu_suite.sh $R build || exit 1
echo "build_s $(( $(date +%s) - s ))" | tee -a $L
cli=/tmp/lancet-build/app/cli/lancet-cli
echo "t=$(( $(date +%s) - s ))s lancet rome" | tee -a $L
timeout $(left 110) $cli bench rome --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 5 --json > $R/rome-llama.json 2>>$L
python3 -c "import json;d=json.load(open('$R/rome-llama.json'));print({k:d.get(k) for k in ('edit_without_scores_s','total_s','compute_v_s','compute_v_skipping_unread_s','compute_v_all_work_s','skipping_rel_delta_diff','skips_edit_block','last_block_at_read_positions','edit_peak_cuda_mib','layer')})" | tee -a $L
echo "t=$(( $(date +%s) - s ))s reference rome" | tee -a $L
timeout $(left 90) python3 bench/reference_hf.py --shape llama3-8b --parts rome --out $R/reference-rome.json >> $L 2>&1
python3 -c "import json;d=json.load(open('$R/reference-rome.json'));print(d['device'], d['rome'])" | tee -a $L
for f in "" --all-positions; do
  echo "t=$(( $(date +%s) - s ))s sequential alphaedit 200 $f" | tee -a $L
  timeout -s INT $(left 80) $cli bench sequential --random-init llama3-8b --device cuda --dtype bfloat16 --method alphaedit \
      --requests 200 --batch 100 $f --json > $R/sequential-alphaedit-200${f:+-all-positions}.json 2>>$L
  python3 -c "import json;d=json.load(open('$R/sequential-alphaedit-200${f:+-all-positions}.json'));print({k:d.get(k) for k in ('last_block_at_read_positions','requests','edit_seconds','stage_seconds','cut_off')})" | tee -a $L
done
echo "t=$(( $(date +%s) - s ))s sequential alphaedit 2000" | tee -a $L
timeout -s INT $(left 300) $cli bench sequential --random-init llama3-8b --device cuda --dtype bfloat16 --method alphaedit \
    --requests 2000 --batch 100 --json > $R/sequential-alphaedit-2000.json 2>>$L
python3 -c "import json;d=json.load(open('$R/sequential-alphaedit-2000.json'));print({k:d.get(k) for k in ('requests','edit_seconds','stage_seconds','cut_off')})" | tee -a $L
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
