#!/usr/bin/env python3
"""Draw the annotated evaluation corpus from ANT and split it train / dev / test, before anyone reads it.

  sample_splits.py [TARBALL] [--write-list] [--check] [--extract OUTDIR]
  sample_splits.py [TARBALL] --write-extra [--extract OUTDIR]
  sample_splits.py [TARBALL] --extract-extra OUTDIR
  sample_splits.py [TARBALL] --write-extra2
  sample_splits.py [TARBALL] --write-extra3
  sample_splits.py [TARBALL] --write-extra4
  sample_splits.py [TARBALL] --write-extra5
  sample_splits.py [TARBALL] --write-extra6
  sample_splits.py [TARBALL] --write-extra7

TARBALL defaults to ../shared/corpus/ant-v2.1-txt.tar.gz (relative to the repository root, the parent
of this script's directory). eval/splits.tsv is the authority once written: it lists every drawn
article with its split and whether it is one of the articles annotated twice for agreement.
--write-list draws afresh and writes it; --check compares a fresh draw with it; --extract writes the
articles (bytes unchanged) to OUTDIR/<split>/<Source>__<category>__<DOCNO>.txt.

The draw (documented in eval/README.md):
  * eligible: ant/<Source>/<category>/<DOCNO>.txt of MIN_WORDS..MAX_WORDS whitespace tokens, not one
    of the 25 articles of eval/ant_sample.txt, and not a byte-identical copy of an earlier article
    (in path order);
  * rng = random.Random(SEED); for each source (sorted), PER_SOURCE articles spread as evenly as
    possible over its categories (sorted; the categories that get one more are chosen by rng), each
    drawn with rng.sample over the sorted eligible paths of its category;
  * each source's articles are shuffled by rng and split TRAIN / DEV / TEST per source (20 / 5 / 5),
    so every split has every outlet;
  * DOUBLE articles of train are chosen by rng (DOUBLE_PER_SOURCE per source) for double annotation.

Extra training articles (`--write-extra`, eval/extra.tsv, split `train-extra`): drawn the same way
with seed EXTRA_SEED from the articles the draw above left (none of the 150, none of the older 25),
EXTRA_PER_SOURCE per source; annotated for entities only, to train the tagger on more of our own
kind of news. They are never scored. --extract-extra writes them (from eval/extra.tsv, no new draw) to
OUTDIR/train-extra/ (and OUTDIR/train-extra2/).

A second extra set (`--write-extra2`, appended to eval/extra.tsv as split `train-extra2`): EXTRA2_PER_SOURCE
per source with seed EXTRA2_SEED, none of the articles above; annotated for claims and sources only (no
entities), to train the claim model on more sentences.

A third (`--write-extra3`, appended as split `train-extra3`): EXTRA3_PER_SOURCE per source with seed
EXTRA3_SEED, none of the articles above; annotated for entities only, to train the tagger. A fourth
(`--write-extra4`, split `train-extra4`), a fifth (`--write-extra5`), a sixth (`--write-extra6`) and a
seventh (`--write-extra7`) the same way with EXTRA4_SEED to EXTRA7_SEED.
"""
import hashlib, os, random, sys, tarfile

SEED = 20261202
MIN_WORDS = 80
MAX_WORDS = 600
PER_SOURCE = 30
SPLIT_PER_SOURCE = (("train", 20), ("dev", 5), ("test", 5))
DOUBLE_PER_SOURCE = 4
EXTRA_SEED = 20261203
EXTRA_PER_SOURCE = 20
EXTRA2_SEED = 20261207
EXTRA2_PER_SOURCE = 12
EXTRA3_SEED = 20261208
EXTRA3_PER_SOURCE = 24
EXTRA4_SEED = 20261209
EXTRA4_PER_SOURCE = 24
EXTRA5_SEED = 20261210
EXTRA5_PER_SOURCE = 24
EXTRA6_SEED = 20261211
EXTRA6_PER_SOURCE = 24
EXTRA7_SEED = 20261212
EXTRA7_PER_SOURCE = 24
EXTRA_LIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "extra.tsv")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LIST = os.path.join(HERE, "splits.tsv")
OLD_SAMPLE = os.path.join(HERE, "ant_sample.txt")


def flat_name(path):
    """ant/<Source>/<category>/<DOCNO>.txt -> <Source>__<category>__<DOCNO>.txt"""
    return "__".join(path.split("/")[-3:])


def read_list(path):
    return [l.strip() for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]


def eligible(tarball):
    """Source -> category -> sorted eligible paths."""
    used = set(read_list(OLD_SAMPLE))
    seen = set()
    strata = {}
    with tarfile.open(tarball, "r:gz") as tf:
        members = sorted((m for m in tf if m.isfile() and m.name.endswith(".txt")), key=lambda m: m.name)
        for m in members:
            parts = m.name.split("/")
            if len(parts) != 4 or parts[0] != "ant":
                continue
            data = tf.extractfile(m).read()
            digest = hashlib.sha256(data).digest()
            duplicate = digest in seen
            seen.add(digest)
            if duplicate or m.name in used:
                continue
            n = len(data.decode("utf-8").split())
            if MIN_WORDS <= n <= MAX_WORDS:
                strata.setdefault(parts[1], {}).setdefault(parts[2], []).append(m.name)
    return strata


def draw(tarball):
    """[(path, split, double)] in source order."""
    strata = eligible(tarball)
    rng = random.Random(SEED)
    rows = []
    for source in sorted(strata):
        cats = sorted(strata[source])
        base, extra = divmod(PER_SOURCE, len(cats))
        more = set(rng.sample(cats, extra))
        chosen = []
        for cat in cats:
            k = base + (cat in more)
            chosen.extend(rng.sample(sorted(strata[source][cat]), k))
        rng.shuffle(chosen)
        at = 0
        split_of = {}
        for split, n in SPLIT_PER_SOURCE:
            for p in chosen[at:at + n]:
                split_of[p] = split
            at += n
        train = [p for p in chosen if split_of[p] == "train"]
        double = set(rng.sample(train, DOUBLE_PER_SOURCE))
        rows.extend((p, split_of[p], p in double) for p in chosen)
    return rows


def draw_extra(tarball, taken, seed=EXTRA_SEED, per_source=EXTRA_PER_SOURCE, split="train-extra"):
    """`per_source` more articles per source, none of `taken`, spread over the categories."""
    strata = eligible(tarball)
    rng = random.Random(seed)
    rows = []
    for source in sorted(strata):
        cats = sorted(strata[source])
        base, extra = divmod(per_source, len(cats))
        more = set(rng.sample(cats, extra))
        for cat in cats:
            pool = sorted(p for p in strata[source][cat] if p not in taken)
            rows.extend((p, split, False) for p in rng.sample(pool, base + (cat in more)))
    return rows


def write_list(rows):
    with open(LIST, "w", encoding="utf-8") as f:
        f.write("# path\tsplit\tdouble (annotated twice for agreement); drawn by eval/sample_splits.py\n")
        for p, split, double in rows:
            f.write("%s\t%s\t%s\n" % (p, split, "double" if double else "-"))


def load_list(path=None):
    rows = []
    for line in read_list(path or LIST):
        p, split, double = line.split("\t")
        rows.append((p, split, double == "double"))
    return rows


def extract(tarball, rows, outdir):
    split_of = {p: s for p, s, _ in rows}
    with tarfile.open(tarball, "r:gz") as tf:
        for m in tf:
            if m.name in split_of:
                d = os.path.join(outdir, split_of[m.name])
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, flat_name(m.name)), "wb") as f:
                    f.write(tf.extractfile(m).read())
                del split_of[m.name]
    if split_of:
        sys.exit("missing from tarball: %s" % ", ".join(sorted(split_of)))


def main():
    args = sys.argv[1:]
    positional = [a for i, a in enumerate(args)
                  if not a.startswith("--") and (i == 0 or args[i - 1] not in ("--extract", "--extract-extra"))]
    tarball = positional[0] if positional else os.path.join(ROOT, "..", "shared", "corpus", "ant-v2.1-txt.tar.gz")
    if not os.path.exists(tarball):
        sys.exit("ANT tarball not found: %s" % tarball)
    if "--extract-extra" in args:
        rows = load_list(EXTRA_LIST)
        extract(tarball, rows, args[args.index("--extract-extra") + 1])
        print("extracted %d articles into %s/train-extra*" % (len(rows), args[args.index("--extract-extra") + 1]))
        return
    for split, seed, per_source in (("train-extra2", EXTRA2_SEED, EXTRA2_PER_SOURCE),
                                    ("train-extra3", EXTRA3_SEED, EXTRA3_PER_SOURCE),
                                    ("train-extra4", EXTRA4_SEED, EXTRA4_PER_SOURCE),
                                    ("train-extra5", EXTRA5_SEED, EXTRA5_PER_SOURCE),
                                    ("train-extra6", EXTRA6_SEED, EXTRA6_PER_SOURCE),
                                    ("train-extra7", EXTRA7_SEED, EXTRA7_PER_SOURCE)):
        if "--write-" + split[len("train-"):] in args:
            rows = load_list(EXTRA_LIST)
            if any(s == split for _, s, _ in rows):
                sys.exit("eval/extra.tsv already has " + split)
            taken = {p for p, _, _ in load_list()} | {p for p, _, _ in rows}
            new = draw_extra(tarball, taken, seed, per_source, split)
            with open(EXTRA_LIST, "a", encoding="utf-8") as f:
                for p, s, _ in new:
                    f.write("%s\t%s\t-\n" % (p, s))
            print("appended %d %s articles to %s" % (len(new), split, EXTRA_LIST))
            return
    if "--write-extra" in args:
        taken = {p for p, _, _ in load_list()}
        rows = draw_extra(tarball, taken)
        with open(EXTRA_LIST, "w", encoding="utf-8") as f:
            f.write("# path\tsplit\t-; extra training articles (entities only), drawn by eval/sample_splits.py --write-extra\n")
            for p, split, _ in rows:
                f.write("%s\t%s\t-\n" % (p, split))
        print("wrote %s (%d articles)" % (EXTRA_LIST, len(rows)))
        if "--extract" in args:
            extract(tarball, rows, args[args.index("--extract") + 1])
        return
    if "--write-list" in args or not os.path.exists(LIST):
        rows = draw(tarball)
        write_list(rows)
        print("wrote %s (%d articles)" % (LIST, len(rows)))
    else:
        rows = load_list()
        if "--check" in args:
            fresh = draw(tarball)
            print("a fresh draw %s %s" % ("equals" if fresh == rows else "DIFFERS from", LIST))
            if fresh != rows:
                sys.exit(1)
    if "--extract" in args:
        outdir = args[args.index("--extract") + 1]
        extract(tarball, rows, outdir)
        print("extracted %d articles into %s/{train,dev,test}" % (len(rows), outdir))


if __name__ == "__main__":
    main()
