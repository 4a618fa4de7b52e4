#!/usr/bin/env python3
"""Builds resources/corpus/wordnet-glosses.txt, Lancet's default text corpus for
second-moment statistics (ROME's C = E[k k^T]), from WordNet 3.0's glosses.

Input: the data.{noun,verb,adj,adv} files of Debian's `wordnet-base` package
(apt-get install wordnet-base -> /usr/share/wordnet). Output: plain UTF-8 text,
documents separated by one blank line; each document is a run of consecutive
synsets of one lexicographer file (topically related), each synset rendered as
one or two plain English sentences ("To breathe is to draw air into ...") followed by
its usage examples. A systematic subset (every STRIDE-th document) keeps the
file near TARGET_BYTES. Deterministic: the same input gives the same bytes.

    python3 resources/corpus/build_wordnet_corpus.py [/usr/share/wordnet] [out.txt]
"""
import os
import re
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "wordnet-glosses.txt")
DOC_CHARS = 3000       # about 600-700 GPT-2 tokens per document
TARGET_BYTES = 1_200_000


def clean(text):
    text = text.replace("``", '"').replace("''", '"').replace("`", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return text


def sentence(text):
    text = text.strip().strip(";").strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"'":
        text += "."
    return text


def synsets(path, pos):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("  ") or "|" not in line:
                continue  # licence header
            head, gloss = line.split("|", 1)
            fields = head.split()
            lexfile = fields[1]
            lemma = fields[4].replace("_", " ")
            lemma = re.sub(r"\(.*?\)$", "", lemma)  # adjective markers like (a), (p)
            parts = [clean(p) for p in gloss.split(";")]
            definition = parts[0]
            examples = [p.strip('"').strip() for p in parts[1:] if p.startswith('"')]
            extra = [p for p in parts[1:] if not p.startswith('"') and p]
            if extra:
                definition = definition + "; " + "; ".join(extra)
            if pos == "n":
                s = f"{lemma[0].upper() + lemma[1:]} is {definition}"
            elif pos == "v":
                s = f"To {lemma} is to {definition}"
            else:
                s = f"{lemma[0].upper() + lemma[1:]} means {definition}"
            out = [sentence(s)] + [sentence(e) for e in examples]
            yield lexfile, " ".join(x for x in out if x)


def documents():
    for name, pos in (("data.noun", "n"), ("data.verb", "v"), ("data.adj", "a"), ("data.adv", "r")):
        current, size, lex = [], 0, None
        for lexfile, text in synsets(os.path.join(WORDNET, name), pos):
            if current and (lexfile != lex or size + len(text) > DOC_CHARS):
                yield " ".join(current)
                current, size = [], 0
            current.append(text)
            size += len(text) + 1
            lex = lexfile
        if current:
            yield " ".join(current)


def main():
    docs = list(documents())
    total = sum(len(d.encode("utf-8")) + 2 for d in docs)
    stride = max(1, round(total / TARGET_BYTES))
    chosen = docs[::stride]
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(chosen) + "\n")
    print(f"{len(docs)} documents, {total} bytes; kept every {stride}th: {len(chosen)} documents -> {OUT}")


if __name__ == "__main__":
    main()
