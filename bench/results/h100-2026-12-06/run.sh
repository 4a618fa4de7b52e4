#!/usr/bin/env bash
# GPU call of session 15: build; merge (XL fp32/bf16, Llama bf16); families fp32 (Llama-3-8B);
# 200 sequential AlphaEdit edits (work counters); ROME Llama breakdown; CUDA soak (GPT-2 XL).
set -uo pipefail
R=$OUT/r; mkdir -p $R; L=$R/log.txt
export YAML_CPP_DIR=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu/cmake/yaml-cpp
export LD_LIBRARY_PATH=$PWD/.device/yaml/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | tee -a $L
mib=$(nvidia-smi --query-gpu=memory.total --format=csv,noheader,nounits | head -1)
s=$(date +%s)
left() { local l=$(( 575 - ($(date +%s) - s) )); [ $l -lt $1 ] && echo $l || echo $1; }
bash bench/gpu_suite.sh $R build || exit 1
echo "build_s $(( $(date +%s) - s ))" | tee -a $L
cli=/tmp/lancet-build/app/cli/lancet-cli
REPEATS=5 timeout $(left 90) bash bench/gpu_suite.sh $R merge
n=1; [ "$mib" -gt 120000 ] && n=3
REPEATS=5 LLAMA_TASKS=$n timeout $(left 90) bash bench/gpu_suite.sh $R merge-llama
echo "t=$(( $(date +%s) - s ))s families" | tee -a $L
timeout $(left 150) python3 tests/golden/compare_families_large.py --cli $cli --shapes llama3-8b --configs cuda:float32 2>&1 | tail -5 | tee $R/families-fp32.txt
echo "t=$(( $(date +%s) - s ))s seq" | tee -a $L
for f in --padded-suffixes ""; do  # the A/B of grouping the suffixes by length, one batch of 100 each
  timeout -s INT $(left 80) $cli bench sequential --random-init llama3-8b --device cuda --dtype bfloat16 --method alphaedit --requests 100 --batch 100 $f --json >> $R/seq-llama.json 2>>$L
done
echo "t=$(( $(date +%s) - s ))s rome" | tee -a $L
timeout $(left 100) $cli bench rome --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 3 --json > $R/rome-llama.json 2>>$L
python3 -c "import json;d=json.load(open('$R/rome-llama.json'));print({k:v for k,v in d.items() if not isinstance(v,(list,dict)) or k.endswith('_s')})" | tee -a $L
echo "t=$(( $(date +%s) - s ))s soak" | tee -a $L
timeout $(left 120) $cli bench soak --random-init gpt2-xl --device cuda --cycles 30 --json > $R/soak-xl.json 2>/dev/null
python3 -c "import json;print(json.load(open('$R/soak-xl.json'))['summary'])" | tee -a $L
echo "t=$(( $(date +%s) - s ))s cuda oom" | tee -a $L
# A real CUDA out-of-memory in a trace: another process holds all but 9 GiB, the trace's
# 8 GiB passes do not fit beside GPT-2 XL's 6 GiB; the retried scores vs the reference loop.
python3 -c "import torch,time;f=torch.cuda.mem_get_info()[0];x=torch.empty(f-9*2**30,dtype=torch.uint8,device='cuda');print('held GiB',x.numel()/2**30,flush=True);time.sleep(400)" >> $L 2>&1 &
hp=$!; sleep 20
timeout $(left 150) $cli bench trace --random-init gpt2-xl --device cuda --samples 10 --repeats 1 --json > $R/trace-oom.json 2>>$L
kill $hp
rm -f $R/merge-xl-*.json $R/merge-llama3-8b-bfloat16.json  # their figures are in log.txt too
echo "t=$(( $(date +%s) - s ))s end" | tee -a $L
