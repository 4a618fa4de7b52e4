#!/usr/bin/env python3
"""Experiment for the demo model's held-out recall: many sentence openers instead of seven.

The shipped model answers a trained phrasing behind the unseen opener "Believe it or
not, ..." right 33.8 % of the time, behind "As a matter of record, ..." 97.4 % (model
card, Limitations). Hypothesis: seven trained openers do not teach that an opener is
irrelevant; many would. This rewrites a facts file so that each relation's framed
trained phrasings (opener + core) draw their opener from OPENERS (the seven of
build_facts.py plus 40 new ones) instead; the bare cores, the number of trained
phrasings and every held-out phrasing stay as they are, so only opener diversity changes.

    python3 tools/demo-corpus/more_openers.py IN_FACTS.json OUT_FACTS.json

Deterministic (seeded per relation / per fact). None of the openers is, or contains,
a held-out opener ("Believe it or not", "As a matter of record"); the script checks
that no trained phrasing equals a held-out one.
"""
import json
import random
import sys

SEED = 7
OLD = ["It is known that ", "Records show that ", "As many people know, ", "According to the archive, ",
       "In short, ", "To put it simply, ", "Everyone agrees that "]
NEW = ["Historians note that ", "It is a fact that ", "People say that ", "In fact, ", "Most people know that ",
       "It turns out that ", "Notably, ", "The encyclopedia says that ", "Interestingly, ", "Sources confirm that ",
       "As everyone knows, ", "Of course, ", "It is widely known that ", "Today we know that ", "Clearly, ",
       "Scholars agree that ", "It is true that ", "Indeed, ", "As reported, ", "According to the files, ",
       "Remarkably, ", "Here is a fact: ", "To be precise, ", "Without a doubt, ", "As it happens, ",
       "By all accounts, ", "Fun fact: ", "It has been said that ", "Many sources say that ", "In other words, ",
       "As you may know, ", "Certainly, ", "It is well documented that ", "Teachers explain that ",
       "As the story goes, ", "Put briefly, ", "The books say that ", "We know that ", "Officially, ",
       "Simply put, "]
OPENERS = OLD + NEW
HELDOUT_OPENERS = ["Believe it or not", "As a matter of record"]


def lower_first(s):
    if s.startswith("[The]"):
        return "[the]" + s[5:]
    if s.startswith("The {}"):
        return "the {}" + s[6:]
    return s[0].lower() + s[1:] if s and not s.startswith("{}") else s


def reframe(prompts, rng):
    """Bare cores stay; framed ones become cores behind openers drawn from OPENERS."""
    cores = [p for p in prompts if not any(p.startswith(o) for o in OLD)]
    n_framed = len(prompts) - len(cores)
    plain = [c for c in cores if not c.startswith("Q:")]
    combos = [o + lower_first(c) for o in OPENERS for c in plain]
    rng.shuffle(combos)
    return cores + combos[:n_framed]


def main():
    src, dst = sys.argv[1], sys.argv[2]
    data = json.load(open(src))
    for o in OPENERS:
        assert not any(h.lower() in o.lower() for h in HELDOUT_OPENERS), o
    for key, rel in data["relations"].items():
        if "prompts" not in rel:  # the facts carry their own (landmarks: with or without "the")
            continue
        rng = random.Random(f"{SEED}-{key}")
        rel["prompts"] = reframe(rel["prompts"], rng)
        assert not set(rel["prompts"]) & set(rel.get("heldout_prompts", [])), key
    for fact in data["facts"]:
        if "prompts" in fact:
            rng = random.Random(f"{SEED}-{fact['id']}")
            fact["prompts"] = reframe(fact["prompts"], rng)
            held = fact.get("heldout_prompts", data["relations"].get(fact["relation"], {}).get("heldout_prompts", []))
            assert not set(fact["prompts"]) & set(held), fact["id"]
    data["description"] = data.get("description", "") + " (experiment: 47 sentence openers, tools/demo-corpus/more_openers.py)"
    json.dump(data, open(dst, "w"), indent=1, ensure_ascii=False)
    open(dst, "a").write("\n")


if __name__ == "__main__":
    main()
