#!/usr/bin/env bash
# GPU call 2 of session 17: build; ROME on the Llama-3-8B shape in bf16 with fused kernels
# (ComputeVOptions::fused_kernels; A/B without them in the same run) and a kernel profile.
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
mkdir -p /tmp/prof
for rep in 1 2; do
  echo "t=$(( $(date +%s) - s ))s rome $rep" | tee -a $L
  p=""; [ $rep = 1 ] && p="--profile /tmp/prof/rome"
  timeout $(left 150) $cli bench rome --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 3 $p --json > $R/rome-llama-$rep.json 2>>$L
  python3 -c "import json;d=json.load(open('$R/rome-llama-$rep.json'));print({k:v for k,v in d.items() if not isinstance(v,(list,dict)) or k.endswith('_s') or k=='kernel_profiles' or k.startswith('timings')})" | tee -a $L
done
for k in graph eager; do
  [ -f /tmp/prof/rome-$k.json ] && python3 bench/kernel_summary.py /tmp/prof/rome-$k.json --steps 25 --top 40 > $R/kernels-$k.txt 2>&1
  head -12 $R/kernels-$k.txt | tee -a $L
done
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
