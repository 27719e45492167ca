#!/usr/bin/env python3
"""ANERcorp as a development set (standard library only): the last sixth of its train part held out.

  anercorp.py split [TRAIN_CONLL] [OUTDIR]   write OUTDIR/train.conll (first 5/6 of the sentences),
                                             OUTDIR/dev.conll (the rest), OUTDIR/dev.txt (one
                                             sentence per line, its tokens joined by spaces) and the same
                                             as files of 15 sentences in OUTDIR/dev-docs/
  anercorp.py score GOLD_CONLL SYS_CONLL     exact-match entity P/R/F1 per type (PER, LOC, ORG; MISC is
                                             not scored), conlleval style, over the same tokens

Defaults: ../shared/corpus/anercorp-train/train.conll and target/eval/anercorp. The public test
part of ANERcorp is kept aside (not in this repository): figures on this held-out sixth of the
train part are for choosing, not for reporting. The system file is what
`isnad annotate OUTDIR/dev.txt --format conll` prints: one `token TAG` line per whitespace token.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TYPES = {"PER": "PER", "PERS": "PER", "LOC": "LOC", "ORG": "ORG"}
DOC = 15


def sentences(path):
    out, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                out.append(cur)
            cur = []
            continue
        tok, tag = line.rsplit(" ", 1)
        cur.append((tok, tag))
    if cur:
        out.append(cur)
    return out


def split(train, outdir):
    sents = sentences(train)
    cut = len(sents) * 5 // 6
    os.makedirs(outdir, exist_ok=True)
    for name, part in (("train.conll", sents[:cut]), ("dev.conll", sents[cut:])):
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            for s in part:
                f.write("".join("%s %s\n" % t for t in s) + "\n")
    with open(os.path.join(outdir, "dev.txt"), "w", encoding="utf-8") as f:
        for s in sents[cut:]:
            f.write(" ".join(t for t, _ in s) + "\n")
    # The same as files of DOC sentences (ANERcorp keeps no article boundaries; an article of
    # news is about this long), so that what isnad does per article stays within a few sentences.
    docs = os.path.join(outdir, "dev-docs")
    os.makedirs(docs, exist_ok=True)
    for old in os.listdir(docs):
        os.remove(os.path.join(docs, old))
    dev = sents[cut:]
    for n, i in enumerate(range(0, len(dev), DOC)):
        with open(os.path.join(docs, "%04d.txt" % n), "w", encoding="utf-8") as f:
            for s in dev[i:i + DOC]:
                f.write(" ".join(t for t, _ in s) + "\n")
    print("%d train and %d dev sentences in %s" % (cut, len(sents) - cut, outdir))


def tags(path):
    """The tag column of a CoNLL file, DOCSTART lines left out."""
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("-DOCSTART-"):
            continue
        out.append(line.rsplit(" ", 1))
    return out


def entities(rows):
    found, start, kind = set(), None, None
    for i, (_, tag) in enumerate(rows + [("", "O")]):
        bio, _, ty = tag.partition("-")
        ty = TYPES.get(ty)
        inside = bio == "I" and ty is not None and ty == kind
        if not inside:
            if kind is not None:
                found.add((start, i, kind))
            start, kind = (i, ty) if bio in ("B", "I") and ty else (None, None)
    return found


def score(gold_path, sys_path):
    gold, system = tags(gold_path), tags(sys_path)
    if [t for t, _ in gold] != [t for t, _ in system]:
        n = next((i for i, (a, b) in enumerate(zip(gold, system)) if a[0] != b[0]), min(len(gold), len(system)))
        sys.exit("the token columns differ at token %d (%d gold, %d system tokens)" % (n, len(gold), len(system)))
    g, s = entities(gold), entities(system)
    rows = []
    for ty in ("PER", "LOC", "ORG", None):
        gg = {e for e in g if ty is None or e[2] == ty}
        ss = {e for e in s if ty is None or e[2] == ty}
        tp = len(gg & ss)
        p = tp / len(ss) if ss else 0.0
        r = tp / len(gg) if gg else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((ty or "all", p, r, f, len(gg), len(ss)))
    for ty, p, r, f, ng, ns in rows:
        print("%-4s p=%.3f r=%.3f f1=%.3f (gold %d, system %d)" % (ty, p, r, f, ng, ns))


if __name__ == "__main__":
    a = sys.argv[1:]
    if a and a[0] == "split":
        split(a[1] if len(a) > 1 else os.path.join(ROOT, "..", "shared", "corpus", "anercorp-train", "train.conll"),
              a[2] if len(a) > 2 else os.path.join(ROOT, "target", "eval", "anercorp"))
    elif a and a[0] == "score" and len(a) == 3:
        score(a[1], a[2])
    else:
        sys.exit(__doc__)
