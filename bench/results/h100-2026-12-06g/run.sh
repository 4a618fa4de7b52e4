#!/usr/bin/env bash
# GPU call 5 of session 17: build; one ROME edit on the Llama-3-8B shape in bf16 (issue 23's goal is an
# H200 figure; this call asked for the nvidia-h200 kind, which may still start an H100).
set -uo pipefail
R=$OUT/r; mkdir -p $R; L=$R/log.txt
export YAML_CPP_DIR=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu/cmake/yaml-cpp
export LD_LIBRARY_PATH=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | tee -a $L
s=$(date +%s)
bash bench/gpu_suite.sh $R build || exit 1
echo "build_s $(( $(date +%s) - s ))" | tee -a $L
cli=/tmp/lancet-build/app/cli/lancet-cli
timeout 100 $cli bench rome --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 5 --json > $R/rome-llama.json 2>>$L
python3 -c "import json;d=json.load(open('$R/rome-llama.json'));print({k:d[k] for k in ('edit_without_scores_s','total_s','compute_v_s','compute_v_unfused_s','edit_peak_cuda_mib','timings_last_edit')})" | tee -a $L
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
