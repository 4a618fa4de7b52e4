#!/usr/bin/env python3
"""Lancet vs Hugging Face transformers on random-init full-size shapes of each family.

Run on the CUDA machine (PyTorch, transformers, a built lancet-cli; ~20 GB of disk per shape,
deleted after each):

    python3 tests/golden/compare_families_large.py --cli /tmp/lancet-build/app/cli/lancet-cli \
        --shapes llama3-8b,qwen2.5-7b,mistral-7b,gptj-6b,pythia-6.9b,gemma2-9b --configs cuda:bfloat16,cuda:float32

For each shape: transformers builds the model from the published config with random weights
(seeded), save_pretrained writes it in bfloat16 with the tiny byte-level tokenizer of
tests/golden/families.py; `lancet-cli logits` computes a few prompts' logits at each
device/dtype; then transformers loads the same folder with from_pretrained at that dtype (as a
user would; the GPU holds one of the two models at a time, so a 9B shape in float32 fits 80 GB)
and computes the same token ids' logits (eager attention). One JSON line per shape and config
gives the largest absolute logit difference and the top-1 agreement. The shapes' dimensions are
engine/model/random_init.cpp's.

--also-converted adds, for float32, transformers' model as first built in bfloat16 and then
converted with .to(float32): GPT-J computes its rotary table when the model is built, in the
default dtype of that moment, so a model built in bfloat16 keeps a bfloat16-rounded table
(the 6.3e-3 of the 2026-12-06 H100 run); from_pretrained at float32 does not.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

import torch
from safetensors.torch import load_file

sys.path.insert(0, os.path.dirname(__file__))
from families import tokenizer_json  # noqa: E402

SHAPES = {
    "llama3-8b": dict(model_type="llama", hidden_size=4096, intermediate_size=14336, num_hidden_layers=32,
                      num_attention_heads=32, num_key_value_heads=8, vocab_size=128256, max_position_embeddings=8192,
                      rope_theta=500000.0, rms_norm_eps=1e-5, tie_word_embeddings=False),
    "qwen2.5-7b": dict(model_type="qwen2", hidden_size=3584, intermediate_size=18944, num_hidden_layers=28,
                       num_attention_heads=28, num_key_value_heads=4, vocab_size=152064,
                       max_position_embeddings=131072, rope_theta=1000000.0, rms_norm_eps=1e-6,
                       tie_word_embeddings=False, use_sliding_window=False),
    "mistral-7b": dict(model_type="mistral", hidden_size=4096, intermediate_size=14336, num_hidden_layers=32,
                       num_attention_heads=32, num_key_value_heads=8, vocab_size=32000,
                       max_position_embeddings=32768, rope_theta=10000.0, rms_norm_eps=1e-5, sliding_window=4096),
    "gptj-6b": dict(model_type="gptj", n_embd=4096, n_layer=28, n_head=16, rotary_dim=64, n_positions=2048,
                    vocab_size=50400, activation_function="gelu_new", tie_word_embeddings=False),
    "pythia-6.9b": dict(model_type="gpt_neox", hidden_size=4096, intermediate_size=16384, num_hidden_layers=32,
                        num_attention_heads=32, rotary_pct=0.25, rotary_emb_base=10000, max_position_embeddings=2048,
                        vocab_size=50432, layer_norm_eps=1e-5, use_parallel_residual=True, hidden_act="gelu",
                        tie_word_embeddings=False),
    "gemma2-9b": dict(model_type="gemma2", hidden_size=3584, intermediate_size=14336, num_hidden_layers=42,
                      num_attention_heads=16, num_key_value_heads=8, head_dim=256, vocab_size=256000,
                      max_position_embeddings=8192, query_pre_attn_scalar=256, sliding_window=4096,
                      attn_logit_softcapping=50.0, final_logit_softcapping=30.0,
                      hidden_activation="gelu_pytorch_tanh"),
}
PROMPTS = ["The Space Needle is located in the city of",
           "In 1492, Columbus sailed across the Atlantic Ocean and reached the islands of the Caribbean"]
DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16}


def random_model(shape, dtype, attn_implementation="eager"):
    """transformers' model of SHAPES[shape], random weights (seed 0), built on the GPU."""
    from transformers import AutoConfig, AutoModelForCausalLM
    fields = dict(SHAPES[shape])
    config = AutoConfig.for_model(fields.pop("model_type"), **fields)
    config._attn_implementation = attn_implementation
    torch.manual_seed(0)
    with torch.device("cuda"):
        try:
            return AutoModelForCausalLM.from_config(config, dtype=dtype, attn_implementation=attn_implementation)
        except TypeError:  # transformers 4.x names it torch_dtype
            return AutoModelForCausalLM.from_config(config, torch_dtype=dtype, attn_implementation=attn_implementation)


def reference_logits(model, ids_list, device):
    with torch.no_grad():
        return [model(ids.view(1, -1).to(device)).logits[0].float().cpu() for ids in ids_list]


def compare(ours, refs):
    worst, agree, total = 0.0, 0, 0
    for o, ref in zip(ours, refs):
        worst = max(worst, (o["logits"] - ref).abs().max().item())
        agree += (o["logits"].argmax(-1) == ref.argmax(-1)).sum().item()
        total += o["ids"].numel()
    return {"max_abs_logit_diff": worst, "top1_agreement": agree / total, "positions": total,
            "logit_scale": max(r.abs().max().item() for r in refs)}


def main():
    from transformers import AutoModelForCausalLM
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--configs", default="cuda:bfloat16,cuda:float32")
    ap.add_argument("--scratch", default=tempfile.gettempdir())
    ap.add_argument("--also-converted", action="store_true")
    args = ap.parse_args()
    tok, _ = tokenizer_json()
    for shape in args.shapes.split(","):
        built = random_model(shape, torch.bfloat16)
        built.eval()
        folder = tempfile.mkdtemp(prefix=f"lancet-{shape}-", dir=args.scratch)
        built.save_pretrained(folder, safe_serialization=True)
        built = built.to("cpu") if args.also_converted else None
        torch.cuda.empty_cache()
        with open(os.path.join(folder, "tokenizer.json"), "w") as f:
            json.dump(tok, f, ensure_ascii=False)
        for combo in args.configs.split(","):
            device, dtype = combo.split(":")
            ours = []
            for i, prompt in enumerate(PROMPTS):
                out = os.path.join(folder, f"lancet-{i}.safetensors")
                subprocess.run([args.cli, "logits", folder, "--prompt", prompt, "--out", out,
                                "--device", device, "--dtype", dtype], check=True, capture_output=True)
                ours.append(load_file(out))
            ids = [o["ids"] for o in ours]
            kwargs = dict(attn_implementation="eager")
            try:
                m = AutoModelForCausalLM.from_pretrained(folder, dtype=DTYPES[dtype], **kwargs)
            except TypeError:  # transformers 4.x names it torch_dtype
                m = AutoModelForCausalLM.from_pretrained(folder, torch_dtype=DTYPES[dtype], **kwargs)
            m = m.to(device).eval()
            line = {"shape": shape, "device": device, "dtype": dtype, "reference": "from_pretrained"}
            line.update(compare(ours, reference_logits(m, ids, device)))
            print(json.dumps(line), flush=True)
            del m
            torch.cuda.empty_cache()
            if args.also_converted and dtype == "float32":
                m = built.to(device=device, dtype=torch.float32)
                line = {"shape": shape, "device": device, "dtype": dtype, "reference": "built in bfloat16, .to(float32)"}
                line.update(compare(ours, reference_logits(m, ids, device)))
                print(json.dumps(line), flush=True)
                built = m.to("cpu")
                del m
                torch.cuda.empty_cache()
        del built
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
