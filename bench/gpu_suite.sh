#!/usr/bin/env bash
# Builds lancet-cli against PyTorch's LibTorch on a CUDA machine (no Qt) and
# runs the GPU measurements reported in the closing notes:
#   golden comparison vs transformers (GPT-2 small and XL shapes, CPU/CUDA, fp32/bf16),
#   causal-trace benchmark (fast path vs reference loop), ROME edit benchmark.
# Usage: bash bench/gpu_suite.sh OUTDIR [steps...]   steps: build golden trace rome (default: all)
set -uo pipefail
out="${1:?OUTDIR}"; shift
steps="${*:-build golden trace rome}"
mkdir -p "$out"
build=/tmp/lancet-build
prefix=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')
cli=$build/app/cli/lancet-cli
run() { echo "+ $*" | tee -a "$out/log.txt"; "$@" 2>&1 | tee -a "$out/log.txt"; }

for step in $steps; do
case $step in
build)
    run cmake -S . -B $build -G Ninja -DLANCET_BUILD_GUI=OFF -DLANCET_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CUDA_ARCHITECTURES=90 >/dev/null
    run cmake --build $build -j 16 >/dev/null || { tail -50 "$out/log.txt"; exit 1; }
    ;;
golden)
    run python3 tests/golden/compare_large.py --cli $cli --shapes gpt2,gpt2-xl
    ;;
trace)
    run $cli bench trace --random-init tiny --device cpu --json
    run $cli bench trace --random-init gpt2-xl --device cuda --dtype float32 --json
    run $cli bench trace --random-init gpt2-xl --device cuda --dtype bfloat16 --json
    ;;
rome)
    run $cli bench rome --random-init gpt2-xl --device cuda --dtype float32 --stats-samples 100000 --json
    run $cli stats --help
    ;;
esac
done
