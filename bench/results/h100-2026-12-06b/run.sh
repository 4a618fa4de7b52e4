#!/usr/bin/env bash
# GPU call of session 16: build; merge (XL fp32/bf16; Llama-3-8B bf16 with 3 task vectors,
# 112 GB, which is why it asks for an H200); ROME Llama bf16 (graph recorded at step 0, A/B
# against step 1); CUDA soak GPT-2 XL (the one-side-stream fix); real CUDA out-of-memory
# (trace retries, edit and merge errors) beside a process holding all but 7.5 GiB; then
# full-size float32 families against transformers while time is left.
set -uo pipefail
R=$OUT/r; mkdir -p $R; L=$R/log.txt
export YAML_CPP_DIR=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu/cmake/yaml-cpp
export LD_LIBRARY_PATH=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | tee -a $L
mib=$(nvidia-smi --query-gpu=memory.total --format=csv,noheader,nounits | head -1)
s=$(date +%s)
left() { local l=$(( 585 - ($(date +%s) - s) )); [ $l -lt $1 ] && echo $l || echo $1; }
bash bench/gpu_suite.sh $R build || exit 1
echo "build_s $(( $(date +%s) - s ))" | tee -a $L
cli=/tmp/lancet-build/app/cli/lancet-cli
REPEATS=5 timeout $(left 90) bash bench/gpu_suite.sh $R merge
n=1; [ "$mib" -gt 120000 ] && n=3
REPEATS=5 LLAMA_TASKS=$n timeout $(left 90) bash bench/gpu_suite.sh $R merge-llama
rm -f $R/merge-xl-*.json $R/merge-llama3-8b-bfloat16.json  # their figures are in log.txt
echo "t=$(( $(date +%s) - s ))s rome" | tee -a $L
timeout $(left 100) $cli bench rome --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 3 --json > $R/rome-llama.json 2>>$L
python3 -c "import json;d=json.load(open('$R/rome-llama.json'));print({k:v for k,v in d.items() if not isinstance(v,(list,dict)) or k.endswith('_s')})" | tee -a $L
echo "t=$(( $(date +%s) - s ))s soak" | tee -a $L
timeout $(left 90) $cli bench soak --random-init gpt2-xl --device cuda --cycles 30 --json > $R/soak-xl.json 2>/dev/null
python3 -c "import json;print(json.load(open('$R/soak-xl.json'))['summary'])" | tee -a $L
echo "t=$(( $(date +%s) - s ))s cuda oom" | tee -a $L
python3 -c "import torch,time;f=torch.cuda.mem_get_info()[0];x=torch.empty(f-int(7.5*2**30),dtype=torch.uint8,device='cuda');print('held GiB',x.numel()/2**30,flush=True);time.sleep(500)" >> $L 2>&1 &
hp=$!; sleep 25
timeout $(left 60) $cli bench trace --random-init gpt2-xl --device cuda --samples 10 --repeats 1 --json > $R/trace-oom.json 2>>$L
echo "trace rc=$? $(python3 -c "import json;d=json.load(open('$R/trace-oom.json'));print({k:v for k,v in d.items() if 'retr' in k or 'diff' in k})" 2>&1)" | tee -a $L
timeout $(left 60) $cli bench rome --random-init gpt2-xl --device cuda --repeats 1 --json > /dev/null 2>>$L; echo "rome rc=$?" | tee -a $L
timeout $(left 60) $cli bench merge --random-init gpt2-xl --device cuda --synthetic-tasks 3 --repeats 2 --json > /dev/null 2>>$L; echo "merge rc=$?" | tee -a $L
kill $hp; wait $hp 2>/dev/null
for shape in qwen2.5-7b mistral-7b gemma2-9b gptj-6b pythia-6.9b; do
  [ $(left 100) -lt 100 ] && break
  echo "t=$(( $(date +%s) - s ))s families $shape" | tee -a $L
  timeout $(left 100) python3 tests/golden/compare_families_large.py --cli $cli --shapes $shape --configs cuda:float32 2>&1 | tail -2 | tee -a $R/families-fp32.txt
done
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
