#!/usr/bin/env python3
"""The size of each gold set: articles, words, mentions by type, claims by label, attributed sentences
(named and vague sources), distinct entity keys (standard library only).

  stats.py [SET...]     sets: train dev test seeds ant (default all), gold in eval/gold/<set>/,
                        texts in target/eval/splits/<set>/ (seeds: examples/corpus, ant: target/eval/ant)

Prints a Markdown table.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import score  # noqa: E402

TEXTS = {
    "seeds": os.path.join(ROOT, "examples", "corpus"),
    "ant": os.path.join(ROOT, "target", "eval", "ant"),
}


def text_dir(name):
    return TEXTS.get(name, os.path.join(ROOT, "target", "eval", "splits", name))


def stats(name):
    gold_dir = os.path.join(HERE, "gold", name)
    row = {"articles": 0, "words": 0, "PER": 0, "LOC": 0, "ORG": 0, "Unsourced": 0, "Vague": 0,
           "attributed": 0, "vague_sources": 0}
    keys = set()
    for f in sorted(os.listdir(gold_dir)):
        if not f.endswith(".ann"):
            continue
        row["articles"] += 1
        txt = os.path.join(text_dir(name), f[:-4] + ".txt")
        if os.path.exists(txt):
            with open(txt, encoding="utf-8") as t:
                row["words"] += len(t.read().split())
        attributions = {}
        mentions, claims, refs = score.read_ann(os.path.join(gold_dir, f), attributions)
        for tid, (ty, _) in mentions.items():
            row[ty] += 1
            keys.add(refs.get(tid, f + tid))
        for label, _ in claims:
            row[label] += 1
        row["attributed"] += len(attributions)
        row["vague_sources"] += sum(score.bare(refs.get(t, "")) == "vague" for t in attributions)
    row["keys"] = len(keys)
    return row


def main(argv):
    sets = argv or ["train", "dev", "test", "seeds", "ant"]
    cols = ["articles", "words", "PER", "LOC", "ORG", "Unsourced", "Vague", "attributed", "vague_sources", "keys"]
    print("| set | " + " | ".join(c.replace("_", " ") for c in cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name in sets:
        if not os.path.isdir(os.path.join(HERE, "gold", name)):
            continue
        r = stats(name)
        print("| %s | %s |" % (name, " | ".join(str(r[c]) for c in cols)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
