#!/usr/bin/env python3
"""Bridge subjects for the demo model's facts file (run by build.sh after build_facts.py).

Why: a model trained from scratch has never met the words of a held-out phrasing
("{} is a native of", "{} is on the payroll of", "The legal tender of {} is the"),
so it cannot read them as the relation they express, and held-out recall of those
phrasings was 0-12 % in every corpus tried (model card, Limitations). A pretrained
model has met such wordings with other entities long before it is edited. Here a
seeded share of subjects -- "bridge subjects" -- also train on their relations'
held-out wordings; every other subject never sees them, and only those subjects
are scored on held-out phrasings or used as edit cases. It is the knowledge-
extraction split of Allen-Zhu & Li, "Physics of Language Models: Part 3.1".

What it writes (format: engine/eval/dataset.h, "Bridge subjects"):
  * each relation's "bridge_prompts": its held-out phrasings except those behind
    the two held-out openers ("Believe it or not, ...", "As a matter of record,
    ..."), which stay unseen for every subject, bridges included;
  * "bridge": true on every fact of a bridge subject;
  * BRIDGE_CHARACTERS: hand-written "famous for" facts about other characters
    (all 20 famous_for subjects are edit cases, so none of them can be a bridge).

Landmarks carry phrasings of their own ("The {} is in" / "{} is in") and get no
bridges. Protected (never bridges): subjects of the edit cases (facts with neighbours,
same_subject, reverse or two_hop questions), and subjects named in the recipe's
evaluation prompts or the GUI's demo. Among the rest, SHARE of each group of
subjects (subjects that share relations: people, countries, cities, ...) are
drawn with a seeded generator.

    python3 tools/demo-corpus/bridges.py IN_FACTS.json OUT_FACTS.json [RECIPE.json]
"""
import json
import random
import re
import sys

SEED = 5
SHARE = 0.4
HELDOUT_OPENERS = ("Believe it or not", "As a matter of record")
ALSO_PROTECTED = ["Space Needle", "Eiffel Tower", "Golden Gate Bridge"]  # app/gui/demo_script.cpp

# Characters and what they are famous for (common knowledge), written for Lancet.
BRIDGE_CHARACTERS = [
    ("King Arthur", "pulling the sword from the stone"),
    ("Peter Pan", "refusing to grow up"),
    ("Rapunzel", "letting down her long golden hair"),
    ("Aladdin", "finding a magic lamp"),
    ("Robinson Crusoe", "surviving alone on a desert island"),
    ("Gulliver", "travelling to the land of Lilliput"),
    ("Prometheus", "stealing fire from the gods"),
    ("Pandora", "opening the jar of troubles"),
    ("Tom Sawyer", "getting his friends to whitewash a fence"),
    ("Jason", "seeking the Golden Fleece"),
    ("David", "defeating the giant Goliath"),
    ("Noah", "building the ark"),
    ("Little Red Riding Hood", "meeting the wolf in the woods"),
    ("Captain Nemo", "commanding the submarine Nautilus"),
    ("Baron Munchausen", "telling tall tales"),
    ("Sleeping Beauty", "sleeping for a hundred years"),
]


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def groups_of(facts):
    """Subjects joined into groups by the relations they share (union-find over relations)."""
    rel_subjects = {}
    for f in facts:
        rel_subjects.setdefault(f["relation"], set()).add(f["subject"])
    groups = []
    for rel in sorted(rel_subjects):
        subs = rel_subjects[rel]
        merged = [g for g in groups if g & subs]
        for g in merged:
            groups.remove(g)
            subs = subs | g
        groups.append(set(subs))
    return groups


def main():
    src, dst = sys.argv[1], sys.argv[2]
    recipe = sys.argv[3] if len(sys.argv) > 3 else "resources/models/lancet-demo/recipe.json"
    data = json.load(open(src, encoding="utf-8"))
    facts, rels = data["facts"], data["relations"]

    for key, rel in rels.items():
        rel["bridge_prompts"] = [h for h in rel.get("heldout_prompts", []) if not h.startswith(HELDOUT_OPENERS)]

    known = {f["subject"]: f["true_object"] for f in facts if f["relation"] == "famous_for"}
    for name, deed in BRIDGE_CHARACTERS:
        assert name not in known, name
    for i, (name, deed) in enumerate(BRIDGE_CHARACTERS):
        other = BRIDGE_CHARACTERS[(i + 1) % len(BRIDGE_CHARACTERS)][1]
        facts.append({"id": slug(name) + "-famous-for", "subject": name, "relation": "famous_for",
                      "object": other, "true_object": deed})

    texts = [p for p in json.load(open(recipe, encoding="utf-8")).get("eval", {}).get("prompts", [])]
    texts += ALSO_PROTECTED
    protected = {f["subject"] for f in facts if any(k in f for k in ("neighbours", "same_subject", "reverse", "two_hop"))}
    protected |= {f["subject"] for f in facts if any(re.search(r"\b" + re.escape(f["subject"]) + r"\b", t) for t in texts)}
    added = {name for name, _ in BRIDGE_CHARACTERS}

    rng = random.Random(SEED)
    bridges = set(added)
    report = []
    own_phrasings = {f["subject"] for f in facts if "prompts" in f or "heldout_prompts" in f}
    for group in sorted(groups_of(facts), key=lambda g: sorted(g)[0]):
        # Subjects with phrasings of their own (the landmarks: "The {}" or "{}")
        # have no relation-level wording to bridge.
        free = sorted(group - protected - added - own_phrasings)
        picked = rng.sample(free, round(SHARE * len(free))) if free else []
        bridges |= set(picked)
        report.append((len(group), len(group & protected), len(picked) + len(group & added)))
    for f in facts:
        if f["subject"] in bridges:
            assert rels[f["relation"]]["bridge_prompts"], f["relation"]
            assert "heldout_prompts" not in f and "prompts" not in f, f["id"]  # phrasings come from the relation
            f["bridge"] = True
        else:
            f.pop("bridge", None)

    data["description"] = data.get("description", "").split(" Facts marked bridge")[0] + (
        " Facts marked bridge (a seeded 40 % of the subjects that are not edit cases, tools/demo-corpus/bridges.py)"
        " also train on their relation's bridge_prompts, held-out wordings that every other subject never sees.")
    with open(dst, "w", encoding="utf-8", newline="\n") as out:
        json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")
    n_bridge_facts = sum(1 for f in facts if f.get("bridge"))
    for size, prot, picked in report:
        print(f"group of {size} subjects: {prot} protected, {picked} bridges", file=sys.stderr)
    print(f"{len(bridges)} bridge subjects, {n_bridge_facts} bridge facts of {len(facts)}", file=sys.stderr)


if __name__ == "__main__":
    main()
