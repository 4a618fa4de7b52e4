#!/usr/bin/env python3
"""Lancet vs Hugging Face transformers on random-init GPT-2 small and XL shapes.

Run on a machine with PyTorch, transformers and a built lancet-cli (the CUDA
machine): for each shape it saves a random-init GPT2LMHeadModel with
save_pretrained (safetensors) plus GPT-2's tokenizer files, computes
transformers' logits for a few prompts on each device/dtype, runs
`lancet-cli logits` with the same device/dtype, and prints the max abs logit
difference and top-1 agreement as JSON lines.

    python3 tests/golden/compare_large.py --cli build/app/cli/lancet-cli --shapes gpt2,gpt2-xl
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile

import torch
from safetensors.torch import load_file
from transformers import GPT2Config, GPT2LMHeadModel, GPT2Tokenizer

SHAPES = {"gpt2": (12, 768, 12), "gpt2-medium": (24, 1024, 16), "gpt2-xl": (48, 1600, 25)}
PROMPTS = ["The Space Needle is located in the city of",
           "Luffy ate the Gum-Gum Fruit, whose true name is the Human-Human Fruit, Model:",
           "In 1492, Columbus sailed across the Atlantic Ocean and"]
DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--shapes", default="gpt2,gpt2-xl")
    ap.add_argument("--tokenizer", default=os.path.join(os.path.dirname(__file__), "../../resources/tokenizers/gpt2"))
    ap.add_argument("--configs", default="cpu:float32,cuda:float32,cuda:bfloat16")
    args = ap.parse_args()
    for shape in args.shapes.split(","):
        layers, width, heads = SHAPES[shape]
        torch.manual_seed(0)
        cfg = GPT2Config(n_layer=layers, n_embd=width, n_head=heads, resid_pdrop=0, embd_pdrop=0, attn_pdrop=0)
        model = GPT2LMHeadModel(cfg).eval()
        folder = tempfile.mkdtemp(prefix=f"lancet-{shape}-")
        model.save_pretrained(folder, safe_serialization=True)
        for f in ("vocab.json", "merges.txt"):
            shutil.copy(os.path.join(args.tokenizer, f), folder)
        tok = GPT2Tokenizer(os.path.join(folder, "vocab.json"), os.path.join(folder, "merges.txt"))
        for combo in args.configs.split(","):
            device, dtype = combo.split(":")
            m = model.to(device=device, dtype=DTYPES[dtype])
            worst, agree, total = 0.0, 0, 0
            for prompt in PROMPTS:
                ids = tok.encode(prompt)
                with torch.no_grad():
                    ref = m(torch.tensor([ids], device=device)).logits[0].float().cpu()
                out = os.path.join(folder, "lancet.safetensors")
                subprocess.run([args.cli, "logits", folder, "--prompt", prompt, "--out", out,
                                "--device", device, "--dtype", dtype], check=True, capture_output=True)
                ours = load_file(out)
                assert ours["ids"].tolist() == ids, "token ids differ"
                worst = max(worst, (ours["logits"] - ref).abs().max().item())
                agree += (ours["logits"].argmax(-1) == ref.argmax(-1)).sum().item()
                total += len(ids)
            print(json.dumps({"shape": shape, "device": device, "dtype": dtype, "max_abs_logit_diff": worst,
                              "top1_agreement": agree / total, "positions": total}), flush=True)
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
