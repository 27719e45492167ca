#!/usr/bin/env python3
"""Build brat gold from annotators' spec lines, and show it for review.

  gold.py build TEXT OUT.ann SPEC...   spec lines -> brat standoff (offsets in code points)
  gold.py show TEXT ANN                one line per annotation, with context
  gold.py sentences TEXT               the sentences, numbered, with their offsets
  gold.py all [SPLIT...]               rebuild eval/gold/<split>/*.ann from eval/spec/<split>/ for the
                                       splits (default train dev test), texts in target/eval/splits/<split>
  gold.py claims TEXT ANN CLAIMS_SPEC  replace the claims and attribution of an existing gold file (the
                                       older sets seeds/ant, whose entities come from annotate_helper.py)
  gold.py old                          `claims` for every eval/spec/{seeds,ant}/*.claims.spec

Spec lines (tab-separated; '#' starts a comment), as in ../shared/tools/goldtool.py, whose output
this reproduces byte for byte, plus an occurrence selector for sentences that repeat:
  E  TYPE  SURFACE  KEY  [skip=1,3 | only=2]   every whole-word occurrence of SURFACE (proclitics
                                                و ف ب ل ك allowed before it, ال fused into لل after ل);
                                                longer surfaces first; occurrences overlapping an
                                                earlier one are left out; skip/only count 1-based
                                                over the occurrences still free
  X  TYPE  START  END  KEY                      one mention at code-point offsets
  C  LABEL  SNIPPET  [@N]                       the sentence holding SNIPPET is a claim (Unsourced/Vague)
  S  SOURCE_KEY  SNIPPET  [@N]                  the sentence holding SNIPPET reports what SOURCE_KEY says
SNIPPET must occur once in the text, or @N picks its N-th occurrence (1-based) when it occurs more
often (an abstract repeated as the first paragraph).
"""
import os
import re
import sys

ARABIC = "\u0621-\u064A\u0660-\u0669\u0671-\u06D3\u06FA-\u06FF"
WORD_CHAR = re.compile("[%sA-Za-z0-9]" % ARABIC)
PROCLITICS = "وفبلك"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def sentences(text):
    """(start, end) of each sentence: up to . ! ? ؟ before a space or the end, or a line break."""
    spans, start = [], 0

    def add(a, b):
        piece = text[a:b]
        if piece.strip():
            spans.append((a + len(piece) - len(piece.lstrip()), a + len(piece.rstrip())))

    for m in re.finditer(r"[.!?؟]+(?=\s|$)|\n", text):
        add(start, m.end())
        start = m.end()
    add(start, len(text))
    return spans


def starts_word(text, i):
    """Whether a word starts at i, after at most three proclitic letters."""
    j, n = i, 0
    while j > 0 and n < 3 and text[j - 1] in PROCLITICS:
        j -= 1
        n += 1
    return j == 0 or not WORD_CHAR.match(text[j - 1])


def find_surface(text, surface):
    """Sorted (start, end) of the whole-word occurrences of a surface."""
    found = set()
    variants = [(surface, False)]
    if surface.startswith("ال"):
        variants.append(("ل" + surface[2:], True))  # ل + ال is written لل
    for form, fused in variants:
        for m in re.finditer(re.escape(form), text):
            s, e = m.start(), m.end()
            if e < len(text) and WORD_CHAR.match(text[e]):
                continue
            if fused:
                if s == 0 or text[s - 1] != "ل" or not starts_word(text, s - 1):
                    continue
            elif not starts_word(text, s):
                continue
            found.add((s, e))
    return sorted(found)


def parse_specs(paths):
    entities, explicit, claims, sources = [], [], [], []
    for path in paths:
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            where = "%s:%d" % (path, number)
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            f = line.split("\t")
            kind = f[0]
            if kind == "E":
                if len(f) < 4:
                    sys.exit("%s: E needs TYPE SURFACE KEY" % where)
                entities.append((f[1], f[2], f[3], f[4] if len(f) > 4 else "", where))
            elif kind == "X":
                if len(f) < 5:
                    sys.exit("%s: X needs TYPE START END KEY" % where)
                explicit.append((int(f[2]), int(f[3]), f[1], f[4]))
            elif kind in ("C", "S"):
                if len(f) < 3:
                    sys.exit("%s: %s needs two fields and a snippet" % (where, kind))
                nth = None
                if len(f) > 3 and f[3].strip():
                    if not re.fullmatch(r"@[1-9][0-9]*", f[3].strip()):
                        sys.exit("%s: the 4th field must be @N (an occurrence), found %r" % (where, f[3]))
                    nth = int(f[3].strip()[1:])
                (claims if kind == "C" else sources).append((f[1], f[2], nth, where))
            else:
                sys.exit("%s: unknown line kind %r" % (where, kind))
    return entities, explicit, claims, sources


def build(text_path, out_path, *spec_paths):
    text = open(text_path, encoding="utf-8").read()
    entities, explicit, claims, sources = parse_specs(spec_paths)
    taken = [(s, e) for s, e, _, _ in explicit]
    mentions = list(explicit)
    for ty, surface, key, flags, where in sorted(entities, key=lambda x: -len(x[1])):
        free = [o for o in find_surface(text, surface) if not any(o[0] < t[1] and t[0] < o[1] for t in taken)]
        if not free:
            print("warning: %s: %r not found (unclaimed)" % (where, surface), file=sys.stderr)
        chosen = set(range(1, len(free) + 1))
        if flags.startswith("skip="):
            chosen -= {int(x) for x in flags[5:].split(",")}
        elif flags.startswith("only="):
            chosen = {int(x) for x in flags[5:].split(",")}
        for i, o in enumerate(free, 1):
            if i in chosen:
                taken.append(o)
                mentions.append((o[0], o[1], ty, key))
    mentions.sort()
    spans = sentences(text)

    def sentence_of(snippet, nth, where):
        hits = [m.start() for m in re.finditer(re.escape(snippet), text)]
        if nth is None and len(hits) != 1:
            sys.exit("%s: snippet found %d times (add @N to pick one): %r" % (where, len(hits), snippet))
        if nth is not None and not 1 <= nth <= len(hits):
            sys.exit("%s: @%d asked, the snippet occurs %d times: %r" % (where, nth, len(hits), snippet))
        at = hits[(nth or 1) - 1]
        found = [s for s in spans if s[0] <= at < s[1]]
        if not found:
            sys.exit("%s: no sentence holds %r" % (where, snippet))
        return found[0]

    lines = []
    for n, (s, e, ty, key) in enumerate(mentions, 1):
        lines.append("T%d\t%s %d %d\t%s" % (n, ty, s, e, text[s:e]))
        lines.append("N%d\tReference T%d gold:%s\t%s" % (n, n, key.replace(" ", "_"), key))
    k = len(mentions)
    for label, snippet, nth, where in claims:
        s, e = sentence_of(snippet, nth, where)
        k += 1
        lines.append("T%d\t%s %d %d\t%s" % (k, label, s, e, text[s:e].replace("\n", " ")))
    for key, snippet, nth, where in sources:
        s, e = sentence_of(snippet, nth, where)
        k += 1
        lines.append("T%d\tAttributed %d %d\t%s" % (k, s, e, text[s:e].replace("\n", " ")))
        lines.append("N%d\tReference T%d gold:%s\t%s" % (k, k, key.replace(" ", "_"), key))
    open(out_path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    print("%s: %d entity mentions, %d claims, %d attributed sentences"
          % (out_path, len(mentions), len(claims), len(sources)))


def replace_claims(text_path, ann_path, claims_spec):
    """Keeps the entity lines of ANN (T of PER/LOC/ORG and their N lines), drops its claim and
    attribution lines, and appends those built from CLAIMS_SPEC, numbered after the last ids."""
    kept, entity_ids = [], set()
    for line in open(ann_path, encoding="utf-8").read().splitlines():
        f = line.split("\t")
        if f[0].startswith("T") and f[1].split()[0] in ("PER", "LOC", "ORG"):
            kept.append(line)
            entity_ids.add(f[0])
        elif f[0].startswith("N") and len(f) > 1 and f[1].split()[1] in entity_ids:
            kept.append(line)
    last_t = max([int(l.split("\t")[0][1:]) for l in kept if l.startswith("T")] or [0])
    import tempfile
    tmp = tempfile.NamedTemporaryFile("w", suffix=".ann", delete=False)
    tmp.close()
    build(text_path, tmp.name, claims_spec)
    added = []
    for line in open(tmp.name, encoding="utf-8").read().splitlines():
        f = line.split("\t")
        if f[0].startswith("T"):
            added.append("T%d\t%s" % (int(f[0][1:]) + last_t, "\t".join(f[1:])))
        elif f[0].startswith("N"):
            n = int(f[0][1:]) + last_t
            head = f[1].split()
            added.append("N%d\t%s T%d %s\t%s" % (n, head[0], int(head[1][1:]) + last_t, head[2], "\t".join(f[2:])))
    os.unlink(tmp.name)
    open(ann_path, "w", encoding="utf-8").write("\n".join(kept + added) + "\n")


def replace_old_claims():
    for name, texts in (("seeds", os.path.join(ROOT, "examples", "corpus")), ("ant", os.path.join(ROOT, "target", "eval", "ant"))):
        spec_dir = os.path.join(HERE, "spec", name)
        for f in sorted(os.listdir(spec_dir)):
            if f.endswith(".claims.spec"):
                base = f[: -len(".claims.spec")]
                replace_claims(os.path.join(texts, base + ".txt"), os.path.join(HERE, "gold", name, base + ".ann"),
                               os.path.join(spec_dir, f))


def show(text_path, ann_path):
    text = open(text_path, encoding="utf-8").read()
    keys, rows = {}, []
    for line in open(ann_path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0].startswith("N"):
            keys[f[1].split()[1]] = f[1].split()[2]
        elif f[0].startswith("T"):
            head = f[1].split()
            rows.append((f[0], head[0], int(head[1]), int(head[-1])))
    for tid, ty, s, e in rows:
        if ty in ("Unsourced", "Vague", "Attributed"):
            context = text[s:e][:160]
        else:
            context = (text[max(0, s - 25):s] + "[" + text[s:e] + "]" + text[e:e + 25]).replace("\n", " ")
        print("%s\t%s\t%s\t%s" % (tid, ty, keys.get(tid, ""), context))


def build_all(splits):
    for split in splits or ["train", "dev", "test"]:
        spec_dir = os.path.join(HERE, "spec", split)
        text_dir = os.path.join(ROOT, "target", "eval", "splits", split)
        gold_dir = os.path.join(HERE, "gold", split)
        if not os.path.isdir(spec_dir):
            continue
        os.makedirs(gold_dir, exist_ok=True)
        names = sorted({f.split(".")[0] for f in os.listdir(spec_dir) if f.endswith(".spec")})
        for name in names:
            specs = [os.path.join(spec_dir, name + ext) for ext in (".ent.spec", ".claims.spec")]
            build(os.path.join(text_dir, name + ".txt"), os.path.join(gold_dir, name + ".ann"),
                  *[p for p in specs if os.path.exists(p)])


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    command, args = sys.argv[1], sys.argv[2:]
    if command == "build" and len(args) >= 2:
        build(*args)
    elif command == "show" and len(args) == 2:
        show(*args)
    elif command == "sentences" and len(args) == 1:
        t = open(args[0], encoding="utf-8").read()
        for i, (s, e) in enumerate(sentences(t), 1):
            print("%d\t%d-%d\t%s" % (i, s, e, t[s:e].replace("\n", " ")[:200]))
    elif command == "all":
        build_all(args)
    elif command == "claims" and len(args) == 3:
        replace_claims(*args)
    elif command == "old":
        replace_old_claims()
    else:
        sys.exit(__doc__)
