#!/usr/bin/env python3
"""Deterministically pick the ANT evaluation sample and extract it.

  select_ant.py [TARBALL] [OUTDIR] [--list-only] [--write-list eval/ant_sample.txt]

TARBALL defaults to ../shared/corpus/ant-v2.1-txt.tar.gz and OUTDIR to target/eval/ant/
(both relative to the repository root, which is the parent of this script's directory).

Sampling (documented in eval/README.md):
  * strata: the 5 sources (Alarabia, BBC, CNN, France24, SkyNews) x their categories;
  * only articles of MIN_WORDS..MAX_WORDS whitespace tokens are eligible (hand annotation
    must stay tractable; this biases the sample towards short items);
  * rng = random.Random(SEED); for every source (sorted), shuffle its sorted category list and
    take the first PER_SOURCE categories; in each, pick one article with rng.choice over the
    sorted eligible paths.
The chosen files are written flat as <Source>__<category>__<DOCNO>.txt, bytes unchanged.
If eval/ant_sample.txt exists, it is the authority: the script extracts exactly those paths
(and checks that a fresh draw agrees, warning otherwise).
"""
import os, random, sys, tarfile

SEED = 2024
PER_SOURCE = 5
MIN_WORDS = 80
MAX_WORDS = 350

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LIST = os.path.join(HERE, "ant_sample.txt")


def flat_name(path):
    # ant/<Source>/<category>/<DOCNO>.txt -> <Source>__<category>__<DOCNO>.txt
    parts = path.split("/")
    return "__".join(parts[-3:])


def draw(tarball):
    strata = {}
    with tarfile.open(tarball, "r:gz") as tf:
        for m in tf:
            if not m.isfile() or not m.name.endswith(".txt"):
                continue
            parts = m.name.split("/")
            if len(parts) != 4 or parts[0] != "ant":
                continue
            text = tf.extractfile(m).read().decode("utf-8")
            n = len(text.split())
            if MIN_WORDS <= n <= MAX_WORDS:
                strata.setdefault(parts[1], {}).setdefault(parts[2], []).append(m.name)
    rng = random.Random(SEED)
    chosen = []
    for source in sorted(strata):
        cats = sorted(strata[source])
        rng.shuffle(cats)
        for cat in cats[:PER_SOURCE]:
            chosen.append(rng.choice(sorted(strata[source][cat])))
    return chosen


def extract(tarball, paths, outdir):
    os.makedirs(outdir, exist_ok=True)
    want = set(paths)
    with tarfile.open(tarball, "r:gz") as tf:
        for m in tf:
            if m.name in want:
                data = tf.extractfile(m).read()
                with open(os.path.join(outdir, flat_name(m.name)), "wb") as f:
                    f.write(data)
                want.discard(m.name)
    if want:
        sys.exit("missing from tarball: %s" % ", ".join(sorted(want)))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    tarball = args[0] if args else os.path.join(ROOT, "..", "shared", "corpus", "ant-v2.1-txt.tar.gz")
    outdir = args[1] if len(args) > 1 else os.path.join(ROOT, "target", "eval", "ant")
    if not os.path.exists(tarball):
        sys.exit("ANT tarball not found: %s" % tarball)
    if "--write-list" in sys.argv or not os.path.exists(LIST):
        paths = draw(tarball)
        with open(LIST, "w", encoding="utf-8") as f:
            f.write("".join(p + "\n" for p in paths))
        print("wrote %s (%d paths)" % (LIST, len(paths)))
    else:
        paths = [l.strip() for l in open(LIST, encoding="utf-8") if l.strip() and not l.startswith("#")]
        if "--check" in sys.argv and draw(tarball) != paths:
            print("warning: a fresh draw differs from %s; using the list" % LIST, file=sys.stderr)
    if "--list-only" not in sys.argv:
        extract(tarball, paths, outdir)
        print("extracted %d articles into %s" % (len(paths), outdir))


if __name__ == "__main__":
    main()
