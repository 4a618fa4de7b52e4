#!/usr/bin/env python3
"""Sums a Chrome trace written by `lancet-cli bench rome --profile PREFIX` kernel by kernel.

    python3 bench/kernel_summary.py PREFIX-graph.json [--steps 25] [--top 25]

Prints the GPU time of every kernel name (total, count, share), the same grouped
into kinds (matrix products, attention, normalisation, element-wise, reductions,
copies and indexing), the GPU's busy time against the span from the first kernel's
start to the last one's end (the rest is the GPU waiting: launches, host syncs),
and, with --steps, each figure per step. Only the standard library.
"""
import argparse
import collections
import json
import re

KINDS = [  # first match wins
    ("matrix products", r"gemm|cutlass|xmma|nvjet|cublas|sm90_|sm80_|matmul|splitK"),
    ("attention", r"flash|fmha|attention|sdpa|softmax"),
    ("normalisation", r"norm"),
    ("reductions", r"reduce|sum|mean|max|min|argmax"),
    ("copies and indexing", r"copy|cat|index|gather|scatter|memcpy|memset|fill|where|stack|clone"),
    ("element-wise", r"elementwise|vectorized|unrolled|pointwise|silu|gelu|mul|add|exp|log|pow|sqrt|rsqrt"),
]


def kind_of(name):
    low = name.lower()
    for kind, pattern in KINDS:
        if re.search(pattern, low):
            return kind
    return "other"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trace")
    ap.add_argument("--steps", type=int, default=0, help="divide by this many steps")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    with open(args.trace) as f:
        trace = json.load(f)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    kernels = [e for e in events if e.get("ph") == "X" and str(e.get("cat", "")).lower() in ("kernel", "gpu_memcpy", "gpu_memset")]
    if not kernels:
        print(f"{args.trace}: no kernel events (categories seen: "
              f"{sorted({str(e.get('cat')) for e in events})[:20]})")
        return
    by_name = collections.defaultdict(lambda: [0.0, 0])
    by_kind = collections.defaultdict(lambda: [0.0, 0])
    for e in kernels:
        by_name[e["name"]][0] += float(e["dur"])
        by_name[e["name"]][1] += 1
        k = kind_of(e["name"]) if e.get("cat") == "kernel" else "copies and indexing"
        by_kind[k][0] += float(e["dur"])
        by_kind[k][1] += 1
    busy = sum(v[0] for v in by_name.values())
    start = min(float(e["ts"]) for e in kernels)
    end = max(float(e["ts"]) + float(e["dur"]) for e in kernels)
    per = max(args.steps, 1)
    unit = "per step" if args.steps else "total"
    print(f"{args.trace}: {len(kernels)} kernels ({len(kernels) / per:.0f} {unit}); GPU busy {busy / 1e3 / per:.3f} ms "
          f"of a {(end - start) / 1e3 / per:.3f} ms span {unit} ({100 * busy / (end - start):.1f} %)")
    print(f"\n{'kind':<22}{'ms ' + unit:>14}{'kernels':>10}{'share':>8}")
    for k, (t, c) in sorted(by_kind.items(), key=lambda kv: -kv[1][0]):
        print(f"{k:<22}{t / 1e3 / per:>14.3f}{c / per:>10.0f}{100 * t / busy:>7.1f}%")
    print(f"\n{'ms ' + unit:>12}{'count':>8}{'share':>8}  kernel")
    for name, (t, c) in sorted(by_name.items(), key=lambda kv: -kv[1][0])[: args.top]:
        print(f"{t / 1e3 / per:>12.3f}{c / per:>8.1f}{100 * t / busy:>7.1f}%  {name[:150]}")


if __name__ == "__main__":
    main()
