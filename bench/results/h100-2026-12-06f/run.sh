#!/usr/bin/env bash
# GPU call 4 of session 17: build; 200 sequential AlphaEdit and MEMIT edits in batches of 100 on the
# Llama-3-8B shape in bf16, with the spreading's new breakdown (keys, solves, writes, after).
set -uo pipefail
R=$OUT/r; mkdir -p $R; L=$R/log.txt
export YAML_CPP_DIR=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu/cmake/yaml-cpp
export LD_LIBRARY_PATH=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | tee -a $L
s=$(date +%s)
left() { local l=$(( 300 - ($(date +%s) - s) )); [ $l -lt $1 ] && echo $l || echo $1; }
bash bench/gpu_suite.sh $R build || exit 1
echo "build_s $(( $(date +%s) - s ))" | tee -a $L
cli=/tmp/lancet-build/app/cli/lancet-cli
for m in alphaedit memit; do
  echo "t=$(( $(date +%s) - s ))s sequential $m" | tee -a $L
  timeout -s INT $(left 80) $cli bench sequential --random-init llama3-8b --device cuda --dtype bfloat16 --method $m \
      --requests 200 --batch 100 --json > $R/sequential-$m.json 2>>$L
  python3 -c "import json;d=json.load(open('$R/sequential-$m.json'));print({k:d.get(k) for k in ('requests','edit_seconds','stage_seconds','cut_off')})" | tee -a $L
done
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
