#!/usr/bin/env bash
# Builds lancet-cli against PyTorch's LibTorch on a CUDA machine (no Qt) and
# runs the GPU measurements reported in the closing notes:
#   golden comparison vs transformers (GPT-2 small and XL shapes, CPU/CUDA, fp32/bf16),
#   causal-trace benchmark (fast path vs reference loop), ROME edit benchmark.
#   private-record: the private-record task checkpoint fine-tuned for more steps (STEPS list),
#   extracted and scored at weights -1, 0, 1; rome-sweep: ROME on the demo model over
#   210 requests for several layers / hyperparameters / precisions at once (one process each).
#   merge: the merge slider step against a plain _foreach_add_ of the same weights, in one
#   process (bench merge), on the GPT-2 XL shape in float32 and bfloat16.
# yaml-cpp: machines without Debian's libyaml-cpp-dev set YAML_CPP_DIR to a folder holding
# yaml-cpp-config.cmake (e.g. the .deb unpacked with dpkg -x into build/, carried along).
# Usage: bash bench/gpu_suite.sh OUTDIR [steps...]
#   steps: build golden families families-large reference llama patch edit sequential ttt trace rome merge
#          merge-llama (LLAMA_TASKS synthetic task vectors, default 2)
#          private-record rome-sweep (default: build golden trace rome)
#   families: the tiny fixtures' logits from transformers (vs the NumPy reference), goldens kept in OUTDIR
#   families-large: full-size Llama/Qwen/Mistral/Gemma/GPT-J/Pythia shapes vs transformers (SHAPES)
#   reference: bench/reference_hf.py on the Llama-3-8B shape (trace loop and batched, ROME edit, statistics)
#   llama: Lancet's trace, ROME and statistics on the same shape (the ratios against `reference`)
#   patch: exact vs attribution patching (GPT-2 XL fp32, Llama-3-8B bf16)
#   edit: one edit per method (ROME, FT, FT-L, LoRA, MEMIT, AlphaEdit) on GPT-2 XL and Llama-3-8B
#   sequential: 2,000 AlphaEdit and MEMIT edits in batches of 100 (Llama-3-8B bf16, GPT-2 XL)
#   ttt: TENT steps per second against plain LibTorch (GPT-2 XL), and alone on the Llama-3-8B shape
# CLI overrides CLI (a carried, prebuilt lancet-cli).
set -uo pipefail
out="${1:?OUTDIR}"; shift
steps="${*:-build golden trace rome}"
mkdir -p "$out"
build=/tmp/lancet-build
prefix=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')
cli=${CLI:-$build/app/cli/lancet-cli}
run() { echo "+ $*" | tee -a "$out/log.txt"; "$@" 2>&1 | tee -a "$out/log.txt"; }

for step in $steps; do
case $step in
build)
    run cmake -S . -B $build -G Ninja -DLANCET_BUILD_GUI=OFF -DLANCET_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CUDA_ARCHITECTURES=90 -DLANCET_UNITY_BATCH_SIZE=${UNITY_BATCH:-4} \
        ${YAML_CPP_DIR:+-Dyaml-cpp_DIR=$YAML_CPP_DIR} >/dev/null
    run cmake --build $build -j 16 -- -k 0 >/dev/null || { tail -50 "$out/log.txt"; exit 1; }
    ;;
golden)
    run python3 tests/golden/compare_large.py --cli $cli --shapes gpt2,gpt2-xl
    ;;
families)
    run python3 tests/golden/families.py --out "$out/families-transformers" --engine transformers
    ;;
families-large)
    run python3 tests/golden/compare_families_large.py --cli $cli ${SHAPES:+--shapes $SHAPES}
    ;;
reference)
    run python3 bench/reference_hf.py --shape llama3-8b --out "$out/reference-llama3-8b.json"
    ;;
llama)
    $cli bench trace --random-init llama3-8b --device cuda --dtype bfloat16 --json > "$out/trace-llama3-8b.json" 2>>"$out/log.txt"
    $cli bench rome --random-init llama3-8b --device cuda --dtype bfloat16 --repeats 3 --json > "$out/rome-llama3-8b.json" 2>>"$out/log.txt"
    tail -c 600 "$out/trace-llama3-8b.json" "$out/rome-llama3-8b.json" | tee -a "$out/log.txt"
    ;;
patch)
    for sd in gpt2-xl:float32 llama3-8b:bfloat16; do
        run $cli bench patch --random-init ${sd%%:*} --device cuda --dtype ${sd##*:}
    done
    ;;
edit)
    for sd in ${EDIT_SHAPES:-gpt2-xl:float32 llama3-8b:bfloat16}; do
        run $cli bench edit --random-init ${sd%%:*} --device cuda --dtype ${sd##*:} --methods ${METHODS:-rome,ft,ft-l,lora,memit,alphaedit} --repeats 3
    done
    ;;
sequential)
    for sd in ${SEQ_SHAPES:-llama3-8b:bfloat16 gpt2-xl:float32}; do
        for m in ${SEQ_METHODS:-alphaedit memit}; do
            # Interrupted after SEQ_SECONDS, the run stops after its batch in flight
            # and still prints how far it got (cut_off, requests).
            run timeout -s INT ${SEQ_SECONDS:-300} $cli bench sequential --random-init ${sd%%:*} --device cuda \
                --dtype ${sd##*:} --method $m --requests ${REQUESTS:-2000} --batch 100 --json
        done
    done
    ;;
ttt)
    run $cli bench ttt --random-init gpt2-xl --device cuda
    # No plain-LibTorch reference for the Llama shape (it is GPT-2 only): Lancet's step alone.
    run $cli bench ttt --random-init llama3-8b --device cuda --dtype bfloat16
    ;;
trace)
    run $cli bench trace --random-init tiny --device cpu --json
    run $cli bench trace --random-init gpt2-xl --device cuda --dtype float32 --json
    run $cli bench trace --random-init gpt2-xl --device cuda --dtype bfloat16 --json
    ;;
rome)
    # Strict fp32 (the reference's arithmetic), then the CUDA default (TF32 products).
    for p in ${V_PRECISIONS:-fp32 auto}; do
        run $cli bench rome --random-init gpt2-xl --device cuda --dtype float32 --stats-samples 100000 \
            --repeats ${REPEATS:-5} --v-precision $p --json
    done
    ;;
merge)
    for dt in float32 bfloat16; do
        echo "+ $cli bench merge --random-init gpt2-xl --device cuda --dtype $dt --json" | tee -a "$out/log.txt"
        $cli bench merge --random-init gpt2-xl --device cuda --dtype $dt --repeats ${REPEATS:-5} --json \
            2>>"$out/log.txt" | tee "$out/merge-xl-$dt.json" >> "$out/log.txt"
    done
    ;;
merge-llama)
    # The Llama-3-8B shape in bfloat16 with N synthetic task vectors (bf16 on the GPU, 16 GB each,
    # beside the model, its bf16 snapshot and the float32 deltas: 64 + 16N GB; N = 1 on an 80 GB card).
    echo "+ $cli bench merge --random-init llama3-8b --device cuda --dtype bfloat16 --synthetic-tasks ${LLAMA_TASKS:-2} --json" | tee -a "$out/log.txt"
    $cli bench merge --random-init llama3-8b --device cuda --dtype bfloat16 --synthetic-tasks ${LLAMA_TASKS:-2} \
        --repeats ${REPEATS:-5} --json 2>>"$out/log.txt" | tee "$out/merge-llama3-8b-bfloat16.json" >> "$out/log.txt"
    ;;
private-record)
    base=resources/models/lancet-demo
    task=$base/tasks/private-record
    desc=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["description"])' $task/eval.json)
    for n in ${STEPS:-300 600}; do
        python3 - "$task/recipe.json" "$task/recipe-$n.json" "$n" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); r["steps"] = int(sys.argv[3]); json.dump(r, open(sys.argv[2], "w"), indent=2)
PY
        run $cli train "$task/recipe-$n.json" --device cuda --out /tmp/pr-$n > "$out/private-$n-train.log" 2>&1
        rm -f "$task/recipe-$n.json"
        mkdir -p "$out/private-$n"
        cp "$task/eval.json" "$out/private-$n/"
        run $cli merge extract $base /tmp/pr-$n/final --out "$out/private-$n" --name private-record --description "$desc" --json \
            > "$out/private-$n/extract.json"
        for w in -1 0 1; do
            $cli merge $base --tasks "$out/private-$n" --weights $w --score --probes 0 --facts 200 --json \
                > "$out/private-$n/score$w.json"
            python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(sys.argv[2], "w", sys.argv[3], "leak", j["tasks"][0]["accuracy"], "base facts", j["base_facts"])' \
                "$out/private-$n/score$w.json" $n $w | tee -a "$out/log.txt"
        done
    done
    ;;
rome-sweep)
    # One eval per configuration, all at once on the one GPU: NAME:LAYER:PRECISION:HPARAMS-JSON.
    # A NAME starting with "keep" adds --keep-subject-facts (Lancet's extension: KL on the
    # subject's other facts; weight keep_factor in the hparams).
    model=resources/models/lancet-demo
    configs=${SWEEP:-"l0:0:fp32:{} l0-bf16:0:bf16:{} l1:1:fp32:{}"}
    pids=()
    for c in $configs; do
        IFS=: read -r name layer prec hp <<<"$c"
        keep=(); [[ $name == keep* ]] && keep=(--keep-subject-facts)
        OMP_NUM_THREADS=2 timeout -s INT ${EDIT_SECONDS:-400} $cli eval $model --dataset $model/facts.json --method rome \
            --limit ${EDITS:-210} --layer "$layer" --v-precision "$prec" --hparams "$hp" "${keep[@]}" --device cuda --json \
            --output "$out/sweep-$name.json" > /dev/null 2> "$out/sweep-$name.log" &
        pids+=($!)
    done
    wait "${pids[@]}"
    for c in $configs; do
        name=${c%%:*}
        python3 - "$out/sweep-$name.json" "$c" <<'PY' | tee -a "$out/log.txt"
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:
    print(sys.argv[2], "no result:", e); sys.exit()
row = [sys.argv[2], f'{d["cases_done"]}/{d["cases_total"]}']
for s in d["summary"]:
    if s["timing"] == "after_each_edit":
        row.append(f'{s["metric"]}[{s["protocol"][:6]}]={s["mean"]:.3f}')
print("  ".join(row))
graphs = {}
for c in d.get("cases", []):
    g = ((c.get("edit_info") or {}).get("diagnostics") or {}).get("cuda_graph", "?")
    graphs[g] = graphs.get(g, 0) + 1
print("    cuda_graph per edit:", graphs)
mem = [((c.get("edit_info") or {}).get("diagnostics") or {}).get("cuda_memory_mib") for c in d.get("cases", [])]
mem = [(i, m) for i, m in enumerate(mem) if m]
if mem:
    picks = sorted({0, len(mem) // 4, len(mem) // 2, 3 * len(mem) // 4, len(mem) - 1})
    print("    CUDA MiB after edit (allocated/reserved):",
          "  ".join(f'#{mem[k][0]}: {mem[k][1]["allocated"]:.0f}/{mem[k][1]["reserved"]:.0f}' for k in picks))
errors = [c["error"] for c in d.get("cases", []) if c.get("error")]
if errors: print(f"    {len(errors)} edits FAILED, first: {errors[0]}")
PY
    done
    ;;
esac
done
