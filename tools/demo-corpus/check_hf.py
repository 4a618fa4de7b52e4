#!/usr/bin/env python3
"""Loads a model folder with Hugging Face transformers and compares its top-1
next-token predictions (and its tokenization) with Lancet's.

    lancet-cli train RECIPE --eval-only --model DIR --json > eval.json
    python3 check_hf.py DIR eval.json [--device cuda]

Prints a JSON summary: prompts compared, top-1 agreement, tokenization agreement,
largest difference in the top-1 probability, and the greedy continuation of
"The" from transformers' generate().
"""
import json
import sys

import torch
from transformers import AutoTokenizer, GPT2LMHeadModel


def main():
    folder, report = sys.argv[1], sys.argv[2]
    device = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--device" else ("cuda" if torch.cuda.is_available() else "cpu")
    preds = json.load(open(report))["predictions"]
    try:
        model = GPT2LMHeadModel.from_pretrained(folder, dtype=torch.float32)
    except TypeError:
        model = GPT2LMHeadModel.from_pretrained(folder, torch_dtype=torch.float32)
    model = model.to(device).eval()
    try:
        tok = AutoTokenizer.from_pretrained(folder)
    except Exception:  # older/newer auto-mapping trouble: the slow GPT-2 tokenizer reads the same files
        from transformers import GPT2Tokenizer
        tok = GPT2Tokenizer(folder + "/vocab.json", folder + "/merges.txt")
    agree = tok_agree = 0
    max_dp = 0.0
    mismatches = []
    with torch.no_grad():
        for p in preds:
            ids = p["ids"]
            if tok(p["prompt"])["input_ids"] == ids:
                tok_agree += 1
            logits = model(torch.tensor([ids], device=device)).logits[0, -1].float()
            probs = torch.softmax(logits, -1)
            top = int(probs.argmax())
            lancet_top = p["top"][0]["id"]
            if top == lancet_top:
                agree += 1
            else:
                mismatches.append({"prompt": p["prompt"], "hf": top, "lancet": lancet_top})
            max_dp = max(max_dp, abs(float(probs[lancet_top]) - p["top"][0]["prob"]))
        ids = tok("The", return_tensors="pt")["input_ids"].to(device)
        out = model.generate(ids, max_new_tokens=32, do_sample=False, pad_token_id=50256)
        text = tok.decode(out[0][ids.shape[1]:])
    import transformers
    print(json.dumps({"transformers": transformers.__version__, "prompts": len(preds), "top1_agree": agree,
                      "tokenization_agree": tok_agree, "max_top1_prob_diff": max_dp, "mismatches": mismatches[:10],
                      "hf_greedy_The": text}, indent=2))


if __name__ == "__main__":
    main()
