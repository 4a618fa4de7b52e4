#!/usr/bin/env python3
"""The Python reference that Lancet's large-model speed goals are measured against.

Run on the CUDA machine in the same session as `lancet-cli bench` (bench/gpu_suite.sh, step
`reference`), on a random-init full-size shape built by Hugging Face transformers:

    python3 bench/reference_hf.py --shape llama3-8b --out ref.json [--parts trace,rome,stats]

What it times, written here from the published algorithms (ROME's causal tracing, compute_v /
compute_u and layer statistics; docs/design/rome-spec.md), with transformers' own modules and
forward hooks, the way the reference code drives a model:

  trace  A 3-kind causal trace (hidden state, MLP output with a 10-layer window, attention output
         with a 10-layer window) of a 10-token prompt whose tokens 1-3 are the subject, 10 noise
         samples (3 x the embeddings' standard deviation): (a) the reference's loop, one forward
         pass of 1 clean + 10 noised rows per (kind, token, layer) cell; (b) a batched variant,
         every layer of one (kind, token) in one forward pass of 1 + 10 x n_layer rows.
  rome   One ROME edit with C^-1 and the context templates cached: compute_v (Adam on the
         MLP-output offset at the subject's last token, a full forward and backward pass every
         step, NLL + KL + weight decay, norm clamp; EasyEdit's Llama settings: layer 5, 25 steps,
         lr 0.5), compute_u (the templates' mean key, whitened by C^-1), and the rank-one update
         of mlp.down_proj; median time of the repeats and the edit's peak GPU memory.
  stats  Second-moment statistics of the layer's MLP keys (down_proj inputs), the forward pass
         stopped after that module, accumulated as K^T K in float32: tokens per second with the
         model in float32 (strict fp32 products: the reference's default; and TF32) and bf16.

The token ids are random (the shapes have no trained tokenizer): only speed and memory are
measured here; numerical agreement is tests/golden's job.
"""
import argparse
import copy
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "golden"))
from compare_families_large import random_model  # noqa: E402


class StopForward(Exception):
    pass


def layers_of(model):
    return model.model.layers


def first(output):
    return output[0] if isinstance(output, tuple) else output


def build(shape, dtype):
    model = random_model(shape, dtype)
    for p in model.parameters():
        p.requires_grad_(False)
    return model.eval()


def sync():
    torch.cuda.synchronize()


# ---------------------------------------------------------------- causal trace

def trace(model, samples=10, T=10, subject=(1, 4), window=10, repeats=3):
    L = model.config.num_hidden_layers
    vocab = model.config.vocab_size
    g = torch.Generator(device="cuda").manual_seed(1)
    ids = torch.randint(0, vocab, (T,), device="cuda", generator=g)
    embed = model.get_input_embeddings()
    noise_level = 3 * embed.weight.float().std().item()
    lo, hi = subject

    def modules(kind, layer):
        if kind == "hidden":
            return [layers_of(model)[layer]]
        span = range(max(0, layer - window // 2), min(L, layer - (-window // 2)))
        attr = "mlp" if kind == "mlp" else "self_attn"
        return [getattr(layers_of(model)[l], attr) for l in span]

    def run(cells, kind, token):
        """One forward pass: row 0 clean, then `samples` noised rows per cell; the cell's
        module outputs at `token` copied from row 0 into its rows."""
        B = 1 + samples * len(cells)
        batch = ids.expand(B, T).contiguous()
        noise = torch.randn(samples, hi - lo, model.config.hidden_size, device="cuda", generator=g) * noise_level
        handles = []

        def embed_hook(_m, _i, out):
            out[1:, lo:hi] += noise.to(out.dtype).repeat(len(cells), 1, 1)
            return out
        handles.append(embed.register_forward_hook(embed_hook))
        for c, layer in enumerate(cells):
            rows = slice(1 + c * samples, 1 + (c + 1) * samples)
            for m in modules(kind, layer):
                def hook(_m, _i, out, rows=rows):
                    h = first(out)
                    h[rows, token] = h[0, token]
                    return out
                handles.append(m.register_forward_hook(hook))
        try:
            with torch.no_grad():
                logits = model(batch).logits[:, -1]
        finally:
            for h in handles:
                h.remove()
        return logits.float().softmax(-1)

    def loop():
        for kind in ("hidden", "mlp", "attn"):
            for t in range(T):
                for layer in range(L):
                    run([layer], kind, t)
        sync()

    def batched():
        for kind in ("hidden", "mlp", "attn"):
            for t in range(T):
                run(list(range(L)), kind, t)
        sync()

    result = {"tokens": T, "subject_tokens": hi - lo, "samples": samples, "window": window,
              "cells": 3 * T * L, "loop_forward_passes": 3 * T * L, "batched_forward_passes": 3 * T}
    batched()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        batched()
        times.append(time.perf_counter() - t0)
    result["batched_s"] = statistics.median(times)
    t0 = time.perf_counter()
    loop()
    result["loop_s"] = time.perf_counter() - t0
    return result


# ---------------------------------------------------------------- ROME

def rome(model, layer=5, steps=25, lr=0.5, kl_factor=0.0625, weight_decay=1e-3, clamp=4.0, repeats=3):
    cfg = model.config
    vocab, d_ff = cfg.vocab_size, cfg.intermediate_size
    g = torch.Generator(device="cuda").manual_seed(2)

    def rand(n):
        return torch.randint(0, vocab, (n,), device="cuda", generator=g).tolist()

    subject, rest, target = rand(3), rand(6), rand(1)
    # ROME's templates: "{}" and 10 of each of two prefix lengths (5 and 10 tokens) from the model.
    templates = [[]] + [rand(5) for _ in range(10)] + [rand(10) for _ in range(10)]
    rewrite = [tpl + subject + rest + target[:-1] for tpl in templates]
    rewrite_last_subject = [len(tpl) + len(subject) - 1 for tpl in templates]
    kl_prompt = subject + rand(2)  # "{} is a"
    prompts = rewrite + [kl_prompt]
    lookup = rewrite_last_subject + [len(subject) - 1]
    width = max(len(p) for p in prompts)
    pad = 0
    # Right padding with the attention mask, as the reference tokenizer call does.
    input_ids = torch.tensor([p + [pad] * (width - len(p)) for p in prompts], device="cuda")
    mask = torch.tensor([[1] * len(p) + [0] * (width - len(p)) for p in prompts], device="cuda")
    target_pos = [len(p) - 1 for p in rewrite]  # the position whose next token is the target

    # The cached statistics: any SPD matrix of the right size (its values do not change the time).
    keys = torch.randn(4 * d_ff, d_ff, device="cuda")
    C = keys.t() @ keys / keys.shape[0]
    C_inv = torch.inverse(C)
    del keys, C
    mlp = layers_of(model)[layer].mlp
    W = mlp.down_proj.weight

    def one_edit():
        # --- compute_v
        delta = torch.zeros(cfg.hidden_size, device="cuda", dtype=torch.float32, requires_grad=True)
        state = {"target_init": None}

        def edit_output(_m, _i, out):
            if state["target_init"] is None:
                state["target_init"] = out[0, lookup[0]].detach().float().clone()
            for i, idx in enumerate(lookup):
                out[i, idx] = out[i, idx] + delta.to(out.dtype)
            return out
        handle = mlp.register_forward_hook(edit_output)
        opt = torch.optim.Adam([delta], lr=lr)
        init_kl = None
        try:
            for _ in range(steps):
                opt.zero_grad()
                logits = model(input_ids, attention_mask=mask).logits
                kl_logp = torch.log_softmax(logits[len(rewrite), lookup[-1]].float(), -1)
                if init_kl is None:
                    init_kl = kl_logp.detach().clone()
                logp = torch.log_softmax(logits[torch.arange(len(rewrite)), target_pos].float(), -1)
                nll = -logp[:, target[0]].mean()
                kl = kl_factor * torch.nn.functional.kl_div(kl_logp, init_kl, log_target=True, reduction="sum")
                wd = weight_decay * (delta.norm() / state["target_init"].norm() ** 2)
                loss = nll + kl + wd
                loss.backward()
                opt.step()
                with torch.no_grad():
                    max_norm = clamp * state["target_init"].norm()
                    if delta.norm() > max_norm:
                        delta.mul_(max_norm / delta.norm())
        finally:
            handle.remove()
        target_v = state["target_init"] + delta.detach()

        # --- compute_u: the templates' mean key at the subject's last token, whitened.
        captured = {}

        def key_hook(_m, inputs):
            captured["k"] = inputs[0]
        handle = mlp.down_proj.register_forward_pre_hook(key_hook)
        with torch.no_grad():
            try:
                model(input_ids[:len(rewrite)], attention_mask=mask[:len(rewrite)])
            finally:
                handle.remove()
            k = captured["k"][torch.arange(len(rewrite)), rewrite_last_subject].float().mean(0)
            u = C_inv @ k
            u = u / u.norm()
            # The current output for the bare prompt ("{}" template, row 0) and the right vector.
            k0 = captured["k"][0, rewrite_last_subject[0]].float()
            cur_out = W.float() @ k0
            right = (target_v - cur_out) / torch.dot(k0, u)
            upd = torch.outer(right, u)
            W.add_(upd.to(W.dtype))   # apply
            W.sub_(upd.to(W.dtype))   # and undo, so every repeat edits the same weights
        sync()

    one_edit()  # warm-up
    torch.cuda.reset_peak_memory_stats()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        one_edit()
        times.append(time.perf_counter() - t0)
    weights = sum(p.numel() * p.element_size() for p in model.parameters())
    return {"layer": layer, "steps": steps, "prompts": len(prompts), "prompt_width": width,
            "edit_s": statistics.median(times), "edit_runs": times,
            "edit_peak_cuda_mib": torch.cuda.max_memory_allocated() / 2**20, "weights_mib": weights / 2**20}


# ---------------------------------------------------------------- statistics

def stats_rate(model, layer=5, rows=32, T=128, batches=12, tf32=False):
    cfg = model.config
    g = torch.Generator(device="cuda").manual_seed(3)
    mlp = layers_of(model)[layer].mlp
    mom2 = torch.zeros(cfg.intermediate_size, cfg.intermediate_size, device="cuda", dtype=torch.float32)
    mask = torch.ones(rows, T, dtype=torch.bool, device="cuda")

    def hook(_m, inputs):
        feats = inputs[0][mask].to(torch.float32)
        mom2.addmm_(feats.t(), feats)
        raise StopForward
    saved = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = tf32
    handle = mlp.down_proj.register_forward_pre_hook(hook)
    try:
        def one():
            ids = torch.randint(0, cfg.vocab_size, (rows, T), device="cuda", generator=g)
            try:
                with torch.no_grad():
                    model(ids, attention_mask=mask.long())
            except StopForward:
                pass
        one()
        sync()
        t0 = time.perf_counter()
        for _ in range(batches):
            one()
        sync()
        seconds = time.perf_counter() - t0
    finally:
        handle.remove()
        torch.backends.cuda.matmul.allow_tf32 = saved
    return {"layer": layer, "rows": rows, "T": T, "tokens": rows * T * batches, "seconds": seconds,
            "tokens_per_second": rows * T * batches / seconds}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shape", default="llama3-8b")
    ap.add_argument("--parts", default="trace,rome,stats")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    parts = args.parts.split(",")
    out = {"shape": args.shape, "torch": torch.__version__, "device": torch.cuda.get_device_name()}
    try:
        import transformers
        out["transformers"] = transformers.__version__
    except ImportError:
        pass

    def save():
        with open(args.out, "w") as f:
            json.dump(out, f, indent=2)

    t0 = time.perf_counter()
    model = build(args.shape, torch.bfloat16)
    out["build_s"] = time.perf_counter() - t0
    for part, fn in (("trace", lambda: trace(model)), ("rome", lambda: rome(model))):
        if part not in parts:
            continue
        try:
            out[part] = fn()
        except Exception as e:  # one failing part still leaves the others' figures
            out[part] = {"error": repr(e)}
        print(part, json.dumps(out[part]), flush=True)
        save()
    if "stats" in parts:
        try:
            out["stats_bf16_model"] = stats_rate(model)
            print("stats bf16", json.dumps(out["stats_bf16_model"]), flush=True)
            fp32 = copy.deepcopy(model).float()
            del model
            torch.cuda.empty_cache()
            out["stats_fp32_model"] = stats_rate(fp32)
            out["stats_fp32_model_tf32"] = stats_rate(fp32, tf32=True)
            print("stats fp32", json.dumps(out["stats_fp32_model"]), flush=True)
            print("stats fp32+tf32", json.dumps(out["stats_fp32_model_tf32"]), flush=True)
        except Exception as e:
            out["stats_error"] = repr(e)
            print("stats error", repr(e), flush=True)
        save()


if __name__ == "__main__":
    main()
