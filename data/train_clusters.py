#!/usr/bin/env python3
"""Learn word clusters for the tagger from unlabelled news: data/clusters.tsv.

  PYTHONHASHSEED=0 python data/train_clusters.py [TARBALL] [--k N[,N…]] [--min-count N] [--out FILE]

Run by data/train_tagger.sh in a virtual environment with gensim and scikit-learn. Steps, all
with fixed seeds (one worker thread, so the run is reproducible):
  1. the ANT corpus (../shared/corpus/ant-v2.1-txt.tar.gz) without the dev and test articles of the
     evaluation corpus (eval/splits.tsv) and without the 25 older evaluation articles, written out and
     tokenised and normalised exactly as isnad does (`isnad-train-tagger --tokens-of DIR`);
  2. skip-gram word2vec vectors (100 dimensions, window 5) for the words seen at least --min-count
     times;
  3. k-means over the normalised vectors into --k clusters; a word's cluster is a feature of the
     tagger (words the tagger never saw in training share clusters with words it did). With several
     values of k (`--k 500,100,2000`), one k-means each: coarse and fine groupings of the same words,
     one column each, the first k first.
The vectors are kept in target/tagger/w2v-min<N>.kv, so another --k reuses them (delete it to learn them
again). Output (data/clusters.tsv unless --out): `# header` lines, then `word<TAB>cluster[<TAB>cluster…]`
sorted by word.
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
    opt = lambda name, default: argv[argv.index(name) + 1] if name in argv else default
    ks = [int(k) for k in opt("--k", "500,100,2000").split(",")]
    min_count = int(opt("--min-count", "5"))
    out = opt("--out", os.path.join(HERE, "clusters.tsv"))
    for name in ("--k", "--min-count", "--out"):
        if name in argv:
            args.remove(argv[argv.index(name) + 1])
    tarball = args[0] if args else os.path.join(ROOT, "..", "shared", "corpus", "ant-v2.1-txt.tar.gz")
    import numpy as np
    from sklearn.cluster import KMeans

    words, vectors = word_vectors(tarball, min_count)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    columns = [KMeans(n_clusters=k, n_init=1, random_state=1, max_iter=100).fit_predict(vectors) for k in ks]
    with open(out, "w", encoding="utf-8") as f:
        f.write("# word clusters for isnad's tagger: data/train_clusters.py (word2vec skip-gram, k-means k=%s),\n"
                % ",".join(map(str, ks)))
        f.write("# learned from the ANT corpus without the evaluation corpus's dev and test articles; see data/TAGGER.md\n")
        for i in sorted(range(len(words)), key=lambda i: words[i]):
            f.write("%s\t%s\n" % (words[i], "\t".join(str(c[i]) for c in columns)))
    print("%s: %d words in %s clusters" % (out, len(words), ",".join(map(str, ks))), file=sys.stderr)


def word_vectors(tarball, min_count):
    """The word2vec vectors of the words seen at least min_count times, learned once and kept."""
    import numpy as np
    from gensim.models import KeyedVectors, Word2Vec

    kept_vectors = os.path.join(ROOT, "target", "tagger", "w2v-min%d.kv" % min_count)
    if os.path.exists(kept_vectors):
        wv = KeyedVectors.load(kept_vectors)
        return list(wv.index_to_key), np.array([wv[w] for w in wv.index_to_key])
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

    w2v = Word2Vec(lines, vector_size=100, window=5, min_count=min_count, sg=1, workers=1, seed=1, epochs=5)
    w2v.wv.save(kept_vectors)
    words = list(w2v.wv.index_to_key)
    return words, np.array([w2v.wv[w] for w in words])


if __name__ == "__main__":
    main(sys.argv[1:])
