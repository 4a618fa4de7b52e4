#!/usr/bin/env python3
"""Writes a tiny training recipe that rewrites its checkpoint every few steps:
a quick way to exercise the trainer's checkpoint path on a GPU machine.
    python3 tools/demo-corpus/checkpoint_stress.py OUT.json [STEPS] [EVERY]"""
import json, os, sys
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
demo = os.path.join(root, "resources", "models", "lancet-demo")
r = json.load(open(os.path.join(demo, "recipe.json")))
r["init"]["config"] = {"n_layer": 2, "n_embd": 64, "n_head": 2, "n_positions": 128}
r["tokenizer"] = os.path.join(root, "resources", "tokenizers", "gpt2")
r["data"]["facts"] = os.path.join(demo, "facts.json")
r["data"]["english"] = [os.path.join(root, "resources", "data", "wordnet-english.txt")]
r.update(seq_len=64, batch_size=8, steps=int(sys.argv[2]) if len(sys.argv) > 2 else 60, warmup=5,
         checkpoint_every=int(sys.argv[3]) if len(sys.argv) > 3 else 5, log_every=5)
r["eval"] = {"prompts": ["The capital of France is"], "generate": ["The"], "max_new_tokens": 4}
json.dump(r, open(sys.argv[1], "w"), indent=2)
