#!/usr/bin/env python3
"""Inter-annotator agreement on the articles annotated twice (standard library only).

  agreement.py [FIRST_DIR SECOND_DIR TEXT_DIR] [--json OUT]

Defaults: eval/agreement/first, eval/agreement/second (the two independent annotations, brat
files built by eval/gold.py) and target/eval/splits/train (the texts). Reported:

- entities: F1 of the second annotation against the first with eval/score.py's matching (type and
  whitespace-token set), overall and per type (P/R are symmetric: P against the first is R against
  the second); linking: the scorer's pairwise cross-article F1, keys matched through mentions;
- claims: Cohen's kappa over the sentences of every article (eval/gold.py's sentences), with three
  categories (none / Unsourced / Vague) and with two (flagged or not), and the scorer's overlap F1;
- attribution: kappa over sentences (attributed or not), the share of sentences both attribute
  whose sources agree (keys compared through the entity mentions they are given to, as the scorer
  does, and by name), and the scorer's attribution F1.
"""
import json
import os
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gold  # noqa: E402
import score  # noqa: E402


def kappa(pairs):
    """Cohen's kappa of a list of (label_a, label_b)."""
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def sentence_labels(ann_path, text):
    """Per sentence start: (claim label or 'none', attribution key or None)."""
    attributions = {}
    mentions, claims, refs = score.read_ann(ann_path, attributions)
    spans = gold.sentences(text)
    claim_at = {sp[0][0]: label for label, sp in claims}
    attr_at = {sp[0][0]: score.bare(refs.get(tid, "")) for tid, sp in attributions.items()}
    return [(claim_at.get(s, "none"), attr_at.get(s)) for s, _ in spans]


def norm_key(k):
    return k.replace("_", " ").strip().lower() if k else k


def agreement(first, second, all_texts):
    import shutil
    import tempfile
    # Only the articles both annotated, in a directory of their own for the scorer.
    texts = tempfile.mkdtemp(prefix="isnad-agreement-")
    for f in os.listdir(second):
        if f.endswith(".ann") and os.path.exists(os.path.join(first, f)):
            shutil.copy(os.path.join(all_texts, f[:-4] + ".txt"), texts)
    try:
        return agreement_in(first, second, texts)
    finally:
        shutil.rmtree(texts)


def agreement_in(first, second, texts):
    res, _ = score.score(first, second, texts)
    claim3, claim2, attributed, both_keys = [], [], [], []
    for doc in sorted(f for f in os.listdir(texts) if f.endswith(".txt")):
        base = doc[:-4]
        if not (os.path.exists(os.path.join(first, base + ".ann")) and os.path.exists(os.path.join(second, base + ".ann"))):
            continue
        with open(os.path.join(texts, doc), encoding="utf-8") as f:
            text = f.read()
        a = sentence_labels(os.path.join(first, base + ".ann"), text)
        b = sentence_labels(os.path.join(second, base + ".ann"), text)
        for (ca, ka), (cb, kb) in zip(a, b):
            claim3.append((ca, cb))
            claim2.append((ca != "none", cb != "none"))
            attributed.append((ka is not None, kb is not None))
            if ka is not None and kb is not None:
                both_keys.append((norm_key(ka), norm_key(kb)))
    same_name = sum(a == b for a, b in both_keys)
    out = {
        "articles": res["docs"],
        "sentences": len(claim3),
        "entities": res["entities"],
        "per_type": res["per_type"],
        "linking": res["linking"],
        "claims": {
            "kappa3": kappa(claim3),
            "kappa2": kappa(claim2),
            "first": sum(a != "none" for a, _ in claim3),
            "second": sum(b != "none" for _, b in claim3),
            "overlap_f1": res["claims"]["f1"],
            "by_label": res["claims_by_label"],
        },
        "attribution": {
            "kappa": kappa(attributed),
            "first": sum(a for a, _ in attributed),
            "second": sum(b for _, b in attributed),
            "both": len(both_keys),
            "same_key_by_name": same_name,
            "scorer": res.get("attribution"),
        },
    }
    return out


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    out_json = argv[argv.index("--json") + 1] if "--json" in argv else None
    if out_json in args:
        args.remove(out_json)
    first, second, texts = args if len(args) == 3 else (
        os.path.join(HERE, "agreement", "first"), os.path.join(HERE, "agreement", "second"),
        os.path.join(ROOT, "target", "eval", "splits", "train"))
    r = agreement(first, second, texts)
    if out_json:
        with open(out_json, "w", encoding="utf-8") as f:
            json.dump(r, f, indent=1, ensure_ascii=False)
    e, c, a = r["entities"], r["claims"], r["attribution"]
    print("articles %d, sentences %d" % (r["articles"], r["sentences"]))
    print("entities F1 %.3f (first %d, second %d, both %d)" % (e["f1"], e["gold"], e["system"], e["correct"]))
    for t, v in r["per_type"].items():
        print("  %s F1 %.3f (first %d, second %d)" % (t, v["f1"], v["gold"], v["system"]))
    print("linking F1 %.3f" % r["linking"]["f1"])
    print("claims: kappa %.3f (3 labels), %.3f (flag or not); flagged first %d, second %d; overlap F1 %.3f"
          % (c["kappa3"], c["kappa2"], c["first"], c["second"], c["overlap_f1"]))
    s = a["scorer"] or {}
    print("attribution: kappa %.3f (attributed or not); first %d, second %d, both %d; same key by name %d/%d; "
          "scorer F1 %.3f" % (a["kappa"], a["first"], a["second"], a["both"], a["same_key_by_name"], a["both"],
                               s.get("f1", 0.0)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
