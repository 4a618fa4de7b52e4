#!/usr/bin/env python3
"""Experiment for the demo model's held-out recall: facts stated after general English.

The shipped model recalls a trained phrasing behind the unseen opener "Believe it or not,"
only 33.8 % of the time, behind "As a matter of record," 97.4 % (model card, Limitations);
47 openers instead of 7 raised the first to 43.4 % only (more_openers.py). Hypothesis: in
training, a subject's name only ever follows a line start or one of a few openers, so any
other English before the name switches the model from "recall" to "general English".
Here a third of each fact's trained phrasings (never its edit prompt, never a Q:/A: one)
get a WordNet sentence in front of them ("Feat is a notable achievement. {} was born in"),
so names are met after arbitrary English. Held-out phrasings are unchanged, and no
sentence that contains a held-out opener is used.

    python3 tools/demo-corpus/english_context.py IN_FACTS.json OUT_FACTS.json [ENGLISH.txt]

Deterministic (seeded per fact). Every fact gets its own "prompts" list.
"""
import json
import random
import re
import sys

SEED = 11
SHARE = 1 / 3
HELDOUT_OPENERS = ["believe it or not", "as a matter of record"]


def sentences(path):
    text = open(path, encoding="utf-8").read()
    out = []
    for s in re.split(r"(?<=[.!?])\s+", text):
        words = s.split()
        if 4 <= len(words) <= 16 and s.endswith(".") and "{" not in s and "}" not in s \
                and not any(h in s.lower() for h in HELDOUT_OPENERS):
            out.append(s)
    return out


def with_context(prompts, rng, pool):
    out = [prompts[0]]  # the edit prompt stays bare
    for p in prompts[1:]:
        if not p.startswith("Q:") and rng.random() < SHARE:
            p = rng.choice(pool) + " " + p
        out.append(p)
    return out


def main():
    src, dst = sys.argv[1], sys.argv[2]
    english = sys.argv[3] if len(sys.argv) > 3 else "resources/data/wordnet-english.txt"
    pool = sentences(english)
    data = json.load(open(src))
    rels = data["relations"]
    for fact in data["facts"]:
        rel = rels.get(fact.get("relation"), {})
        prompts = fact.get("prompts", rel.get("prompts"))
        if not prompts:
            continue
        rng = random.Random(f"{SEED}-{fact.get('id', fact['subject'])}")
        fact["prompts"] = with_context(prompts, rng, pool)
        held = fact.get("heldout_prompts", rel.get("heldout_prompts", []))
        assert not set(fact["prompts"]) & set(held), fact.get("id")
    data["description"] = data.get("description", "") + \
        " (experiment: a third of the trained phrasings behind a WordNet sentence, tools/demo-corpus/english_context.py)"
    json.dump(data, open(dst, "w"), indent=1, ensure_ascii=False)
    open(dst, "a").write("\n")
    print(f"{len(pool)} English sentences; {len(data['facts'])} facts rewritten", file=sys.stderr)


if __name__ == "__main__":
    main()
