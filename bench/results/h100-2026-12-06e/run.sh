#!/usr/bin/env bash
# GPU call 3 of session 17: build; the Python reference's ROME edit (transformers, bench/reference_hf.py
# --parts rome) and Lancet's in the same session on the Llama-3-8B shape in bf16; then 200 sequential
# AlphaEdit edits in batches of 100 with and without the fused kernels (bench sequential --unfused);
# then the 3-kind trace on the same shape (first-block prelude and hidden-cell entry) against its loop.
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
echo "t=$(( $(date +%s) - s ))s reference rome" | tee -a $L
timeout $(left 120) python3 bench/reference_hf.py --shape llama3-8b --parts rome --out $R/reference-rome.json >> $L 2>&1
python3 -c "import json;d=json.load(open('$R/reference-rome.json'));print(d['device'], d['rome'])" | tee -a $L
echo "t=$(( $(date +%s) - s ))s lancet rome" | tee -a $L
timeout $(left 100) $cli bench rome --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 5 --json > $R/rome-llama.json 2>>$L
python3 -c "import json;d=json.load(open('$R/rome-llama.json'));print({k:d[k] for k in ('edit_without_scores_s','total_s','compute_v_s','compute_v_unfused_s','unfused_rel_delta_diff','edit_peak_cuda_mib','timings_last_edit')})" | tee -a $L
for f in "" --unfused; do
  echo "t=$(( $(date +%s) - s ))s sequential alphaedit $f" | tee -a $L
  timeout -s INT $(left 110) $cli bench sequential --random-init llama3-8b --device cuda --dtype bfloat16 --method alphaedit \
      --requests 200 --batch 100 $f --json > $R/sequential-alphaedit${f:+-unfused}.json 2>>$L
  python3 -c "import json;d=json.load(open('$R/sequential-alphaedit${f:+-unfused}.json'));print({k:d.get(k) for k in ('fused_kernels','requests','edit_seconds','stage_seconds','cut_off')})" | tee -a $L
done
echo "t=$(( $(date +%s) - s ))s trace" | tee -a $L
timeout $(left 120) $cli bench trace --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 3 --json > $R/trace-llama.json 2>>$L
python3 -c "import json;d=json.load(open('$R/trace-llama.json'));print({k:v for k,v in d.items() if not isinstance(v,(list,dict))})" | tee -a $L
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
