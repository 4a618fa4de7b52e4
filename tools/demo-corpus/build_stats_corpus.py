#!/usr/bin/env python3
"""Writes resources/models/lancet-demo/stats-corpus.txt: text like the demo model's
training data, for ROME's second-moment statistics C = E[k k^T].

ROME takes C from text of the model's own training distribution (Wikipedia for GPT-2).
For the demo model that is biographies rendered from facts.json in trained phrasings
(as engine/train/fact_corpus.cpp renders them) mixed with WordNet English; statistics
from English alone barely see the keys of names, so an edit bleeds onto other people.
Seeded and deterministic. Documents are separated by blank lines.
    python3 tools/demo-corpus/build_stats_corpus.py [SUBJECTS]"""
import json, os, random, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEMO = os.path.join(ROOT, "resources", "models", "lancet-demo")
N_SUBJECTS = int(sys.argv[1]) if len(sys.argv) > 1 else 2400
ENGLISH_DOCS = 40
rng = random.Random(20261123)

data = json.load(open(os.path.join(DEMO, "facts.json")))
relations = data.get("relations", {})
by_subject = {}
for f in data["facts"]:
    prompts = f.get("prompts") or relations.get(f.get("relation", ""), {}).get("prompts", [])
    obj = f.get("true_object") or f["object"]
    if prompts:
        by_subject.setdefault(f["subject"], []).append((prompts, obj))

def sentence(template, subject, obj):
    s = template.replace("{}", subject, 1) + " " + obj
    return s if obj[-1:] in ".?!" else s + "."

subjects = sorted(by_subject)
rng.shuffle(subjects)
docs = []
for subject in subjects[:N_SUBJECTS]:
    facts = list(by_subject[subject])
    rng.shuffle(facts)
    docs.append("\n".join(sentence(rng.choice(p), subject, o) for p, o in facts))
english = open(os.path.join(ROOT, "resources", "data", "wordnet-english.txt")).read().split("\n\n")
for d in rng.sample(english, min(ENGLISH_DOCS, len(english))):
    docs.insert(rng.randrange(len(docs) + 1), d.strip())
out = os.path.join(DEMO, "stats-corpus.txt")
with open(out, "w") as f:
    f.write("\n\n".join(docs) + "\n")
print(f"{len(docs)} documents, {os.path.getsize(out)} bytes -> {out}")
