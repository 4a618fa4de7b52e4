#!/usr/bin/env python3
"""Makes the golden fixture Lancet's forward pass is checked against.

Run where PyTorch and Hugging Face transformers are installed (the CUDA
machine has both; no network is needed):

    python3 tests/golden/make_golden.py --out tests/fixtures/tiny-gpt2

It writes a tiny random GPT-2 (2 layers, n_embd 32) with save_pretrained
(safetensors), GPT-2's tokenizer files, and golden.safetensors + golden.json:
the token ids transformers' GPT2Tokenizer produces for a few prompts and the
logits transformers computes for them, single and as a left-padded batch.
Weights use a larger init range than GPT-2's default (and random layer-norm
parameters) so logits are O(1) and a wrong op cannot hide in round-off.
"""
import argparse
import json
import os
import shutil

import torch
from safetensors.torch import save_file
from transformers import GPT2Config, GPT2LMHeadModel, GPT2Tokenizer

# To keep the fixture small: full-vocabulary logits at the last position, and
# the first HEAD_COLUMNS vocabulary entries at every position.
HEAD_COLUMNS = 2048

PROMPTS = [
    "The Space Needle is located in the city of",
    "Hello world",
    "Luffy ate the Gum-Gum Fruit, whose true name is",
    " 1234 + 5678 = 6912\n\tTabs,  spaces   and   café ☕",
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--tokenizer", default=os.path.join(os.path.dirname(__file__), "../../resources/tokenizers/gpt2"))
    args = ap.parse_args()

    torch.manual_seed(1234)
    config = GPT2Config(n_layer=2, n_embd=32, n_head=4, n_positions=64, n_inner=None,
                        initializer_range=0.2, activation_function="gelu_new",
                        resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    model = GPT2LMHeadModel(config).eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "ln" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.3 * torch.randn_like(p))
            elif name.endswith("bias"):
                p.copy_(0.1 * torch.randn_like(p))
    os.makedirs(args.out, exist_ok=True)
    model.save_pretrained(args.out, safe_serialization=True)
    for f in ("vocab.json", "merges.txt"):
        shutil.copy(os.path.join(args.tokenizer, f), os.path.join(args.out, f))
    tok = GPT2Tokenizer(os.path.join(args.out, "vocab.json"), os.path.join(args.out, "merges.txt"))

    tensors, cases = {}, []
    with torch.no_grad():
        for i, text in enumerate(PROMPTS):
            ids = tok.encode(text)
            logits = model(torch.tensor([ids])).logits[0]
            tensors[f"single.{i}.last"] = logits[-1].contiguous()
            tensors[f"single.{i}.head"] = logits[:, :HEAD_COLUMNS].contiguous()
            cases.append({"name": f"single.{i}", "text": text, "ids": ids})
        # A left-padded batch with an attention mask and explicit position ids.
        batch_ids = [tok.encode(t) for t in PROMPTS]
        width = max(len(x) for x in batch_ids)
        ids = torch.zeros(len(batch_ids), width, dtype=torch.long)
        mask = torch.zeros_like(ids)
        for b, x in enumerate(batch_ids):
            ids[b, width - len(x):] = torch.tensor(x)
            mask[b, width - len(x):] = 1
        pos = (mask.cumsum(-1) - 1).clamp(min=0)
        logits = model(ids, attention_mask=mask, position_ids=pos).logits
        tensors["batch.ids"] = ids
        tensors["batch.mask"] = mask
        tensors["batch.last"] = logits[:, -1].contiguous()
        tensors["batch.head"] = logits[:, :, :HEAD_COLUMNS].contiguous()
    save_file(tensors, os.path.join(args.out, "golden.safetensors"))
    import transformers
    with open(os.path.join(args.out, "golden.json"), "w") as f:
        json.dump({"made_by": "tests/golden/make_golden.py", "transformers": transformers.__version__,
                   "torch": torch.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
