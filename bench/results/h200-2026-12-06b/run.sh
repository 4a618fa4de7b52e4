#!/usr/bin/env bash
# The H200-only part of session 16's GPU work: the merge goals are H200 figures, and the
# Llama-3-8B bf16 merge with 3 task vectors needs 112 GB. Then ROME on the Llama shape.
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
REPEATS=5 timeout $(left 90) bash bench/gpu_suite.sh $R merge
REPEATS=5 LLAMA_TASKS=3 timeout $(left 120) bash bench/gpu_suite.sh $R merge-llama
rm -f $R/merge-xl-*.json $R/merge-llama3-8b-bfloat16.json
echo "t=$(( $(date +%s) - s ))s rome" | tee -a $L
timeout $(left 100) $cli bench rome --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 3 --json > $R/rome-llama.json 2>>$L
python3 -c "import json;d=json.load(open('$R/rome-llama.json'));print({k:v for k,v in d.items() if not isinstance(v,(list,dict)) or k.endswith('_s')})" | tee -a $L
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
