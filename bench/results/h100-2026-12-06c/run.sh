#!/usr/bin/env bash
# GPU call 1 of session 17: build; ROME on the Llama-3-8B shape in bf16 (the last step
# runs its loss only) with a kernel-by-kernel profile of one compute_v (graph and eager);
# then full-size float32 GPT-J (transformers' reference loaded with from_pretrained, and as
# built in bf16 then converted) and Gemma-2-9B (one model on the GPU at a time).
set -uo pipefail
R=$OUT/r; mkdir -p $R; L=$R/log.txt
export YAML_CPP_DIR=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu/cmake/yaml-cpp
export LD_LIBRARY_PATH=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | tee -a $L
s=$(date +%s)
left() { local l=$(( 585 - ($(date +%s) - s) )); [ $l -lt $1 ] && echo $l || echo $1; }
if ! bash bench/gpu_suite.sh $R build; then
  echo "build failed: again without kernel profiles" | tee -a $L
  cmake -S . -B /tmp/lancet-build -DLANCET_KERNEL_PROFILE=OFF >/dev/null
  cmake --build /tmp/lancet-build -j 16 >> $L 2>&1 || exit 1
fi
echo "build_s $(( $(date +%s) - s ))" | tee -a $L
cli=/tmp/lancet-build/app/cli/lancet-cli
mkdir -p /tmp/prof
echo "t=$(( $(date +%s) - s ))s rome" | tee -a $L
timeout $(left 150) $cli bench rome --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 3 --profile /tmp/prof/rome --json > $R/rome-llama.json 2>>$L
python3 -c "import json;d=json.load(open('$R/rome-llama.json'));print({k:v for k,v in d.items() if not isinstance(v,(list,dict)) or k.endswith('_s') or k=='kernel_profiles'})" | tee -a $L
for k in graph eager; do
  [ -f /tmp/prof/rome-$k.json ] && python3 bench/kernel_summary.py /tmp/prof/rome-$k.json --steps 25 --top 40 > $R/kernels-$k.txt 2>&1
  head -12 $R/kernels-$k.txt | tee -a $L
done
ls -la /tmp/prof | tee -a $L
echo "t=$(( $(date +%s) - s ))s families gptj" | tee -a $L
timeout $(left 150) python3 tests/golden/compare_families_large.py --cli $cli --shapes gptj-6b --configs cuda:float32 --also-converted 2>&1 | grep -v "Writing model\|Loading" | tail -4 | tee -a $R/families-fp32.txt
echo "t=$(( $(date +%s) - s ))s families gemma2" | tee -a $L
timeout $(left 160) python3 tests/golden/compare_families_large.py --cli $cli --shapes gemma2-9b --configs cuda:float32 2>&1 | grep -v "Writing model\|Loading" | tail -4 | tee -a $R/families-fp32.txt
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
