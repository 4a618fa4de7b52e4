#!/usr/bin/env bash
# GPU call 2 of session 18: build; 2,000 sequential MEMIT edits in batches of 100 on the Llama-3-8B
# shape (bf16), then 2,000 AlphaEdit and 2,000 MEMIT edits on the GPT-2 XL shape (bf16), each end to
# end without scoring; a run that reaches its time limit is stopped with SIGINT and reports how far it got.
set -uo pipefail
R=$OUT/r; mkdir -p $R; L=$R/log.txt
export YAML_CPP_DIR=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu/cmake/yaml-cpp
export LD_LIBRARY_PATH=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | tee -a $L
s=$(date +%s)
left() { local l=$(( 570 - ($(date +%s) - s) )); [ $l -lt $1 ] && echo $l || echo $1; }
bash bench/gpu_suite.sh $R build || exit 1
echo "build_s $(( $(date +%s) - s ))" | tee -a $L
cli=/tmp/lancet-build/app/cli/lancet-cli
run() {  # run SHAPE METHOD SECONDS
  echo "t=$(( $(date +%s) - s ))s sequential $2 2000 on $1" | tee -a $L
  timeout -s INT $(left $3) $cli bench sequential --random-init $1 --device cuda --dtype bfloat16 --method $2 \
      --requests 2000 --batch 100 --json > $R/sequential-$1-$2-2000.json 2>>$L
  python3 -c "import json;d=json.load(open('$R/sequential-$1-$2-2000.json'));print({k:d.get(k) for k in ('requests','edit_seconds','stage_seconds','cut_off','final_max_growth')})" | tee -a $L
}
run llama3-8b memit 190
run gpt2-xl alphaedit 130
run gpt2-xl memit 130
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
