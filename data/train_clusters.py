#!/usr/bin/env python3
"""Learn word clusters for the tagger from unlabelled news: data/clusters.tsv.

  PYTHONHASHSEED=0 python data/train_clusters.py [TARBALL] [--k N] [--min-count N]

Run by data/train_tagger.sh in a virtual environment with gensim and scikit-learn. Steps, all
with fixed seeds (one worker thread, so the run is reproducible):
  1. the ANT corpus (../shared/corpus/ant-v2.1-txt.tar.gz) without the dev and test articles of the
     evaluation corpus (eval/splits.tsv) and without the 25 older evaluation articles, written out and
     tokenised and normalised exactly as isnad does (`isnad-train-tagger --tokens-of DIR`);
  2. skip-gram word2vec vectors (100 dimensions, window 5) for the words seen at least --min-count
     times;
  3. k-means over the normalised vectors into --k clusters; a word's cluster is a feature of the
     tagger (words the tagger never saw in training share clusters with words it did).
Output: `# header` lines, then `word<TAB>cluster` sorted by word.
"""
import os
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def held_out():
    out = set()
    for line in open(os.path.join(ROOT, "eval", "splits.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        path, split, _ = line.rstrip("\n").split("\t")
        if split in ("dev", "test"):
            out.add(path)
    for line in open(os.path.join(ROOT, "eval", "ant_sample.txt"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            out.add(line.strip())
    return out


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    opt = lambda name, default: int(argv[argv.index(name) + 1]) if name in argv else default
    k, min_count = opt("--k", 500), opt("--min-count", 5)
    for name in ("--k", "--min-count"):
        if name in argv:
            args.remove(argv[argv.index(name) + 1])
    tarball = args[0] if args else os.path.join(ROOT, "..", "shared", "corpus", "ant-v2.1-txt.tar.gz")
    work = os.path.join(ROOT, "target", "tagger", "clusters-text")
    skip = held_out()
    os.makedirs(work, exist_ok=True)
    kept = 0
    with tarfile.open(tarball, "r:gz") as tf:
        for m in tf:
            if m.isfile() and m.name.endswith(".txt") and m.name not in skip:
                with open(os.path.join(work, "%06d.txt" % kept), "wb") as f:
                    f.write(tf.extractfile(m).read())
                kept += 1
    print("%d articles (%d held out)" % (kept, len(skip)), file=sys.stderr)
    binary = os.path.join(ROOT, "target", "release", "isnad-train-tagger")
    text = subprocess.run([binary, "--tokens-of", work], check=True, capture_output=True).stdout.decode("utf-8")
    lines = [l.split() for l in text.splitlines() if l.strip()]
    print("%d lines, %d tokens" % (len(lines), sum(map(len, lines))), file=sys.stderr)

    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import KMeans

    w2v = Word2Vec(lines, vector_size=100, window=5, min_count=min_count, sg=1, workers=1, seed=1, epochs=5)
    words = list(w2v.wv.index_to_key)
    vectors = np.array([w2v.wv[w] for w in words])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    labels = KMeans(n_clusters=k, n_init=1, random_state=1, max_iter=100).fit_predict(vectors)
    out = os.path.join(HERE, "clusters.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# word clusters for isnad's tagger: data/train_clusters.py (word2vec skip-gram, k-means k=%d),\n" % k)
        f.write("# learned from the ANT corpus without the evaluation corpus's dev and test articles; see data/TAGGER.md\n")
        for w, c in sorted(zip(words, labels)):
            f.write("%s\t%d\n" % (w, c))
    print("%s: %d words in %d clusters" % (out, len(words), k), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
