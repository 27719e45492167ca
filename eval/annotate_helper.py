#!/usr/bin/env python3
"""Turn hand-written annotation specs into brat gold files.

  annotate_helper.py SPEC_DIR TEXT_DIR GOLD_DIR [--check]

For every SPEC_DIR/<name>.txt there must be TEXT_DIR/<name>.txt; the gold is written to
GOLD_DIR/<name>.ann. Spec lines (UTF-8, '#' starts a comment line):

  PER putin فلاديمير بوتين         every occurrence of the surface string
  PER kim كيم @2,3                 only the 2nd and 3rd occurrence (1-based, in text order,
                                   counting every boundary match of that surface)
  ORG afp أ ف ب !                  '!' = no word-boundary check (for glued tokens like 'أ ف بالشرق')
  NONE - الشرق الأوسط @1            block: those occurrences are not entities (and stop shorter
                                   surfaces from matching inside them)
  Unsourced مخاوف من أن             the claim sentence starting with this text (must be unique,
  Vague وحذر الخبراء @2              or select with @n); the span runs to the sentence end:
  Unsourced start text ... end text  explicit end: the span ends after the first 'end text'
                                   found after the start

Entities: surfaces are processed longest first and an occurrence overlapping an already
taken span is skipped, so 'ميدان كيم إيل سونغ' (LOC) wins over 'كيم' (PER) inside it.
A match must sit on a word boundary; Arabic proclitics (و ف ب ل ك and ال, also لل before a
name starting with ال) may be glued before it and stay outside the span.
Sentence end: . ! ? ؟ followed by whitespace/end/closing quote (closing quotes and brackets
right after it are included), or a line break; a run of dots (.. ...) is not an end.
With --check, also list (a) surfaces annotated anywhere in the set that occur unannotated in
an article, (b) the key inventory with its surfaces.
"""
import os, re, sys
from collections import defaultdict

ENT_TYPES = {"PER", "LOC", "ORG", "NONE"}
CLAIM_TYPES = {"Unsourced", "Vague"}
PREFIXES = sorted(["و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "وبال", "وب", "ول",
                   "وك", "فب", "فل", "فك", "لل", "ولل", "فلل", "وبال", "وكال"], key=len, reverse=True)
TASHKEEL = "\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670\u0640"
CLOSERS = "\"'”’»)]」"


def is_letter(c):
    return c.isalnum() or c in TASHKEEL


def left_ok(text, start):
    """True if text[start] begins a word, possibly after a glued proclitic."""
    if start == 0 or not is_letter(text[start - 1]):
        return True
    for p in PREFIXES:
        s = start - len(p)
        if s >= 0 and text[s:start] == p and (s == 0 or not is_letter(text[s - 1])):
            return True
    return False


def right_ok(text, end):
    return end >= len(text) or not (text[end].isalnum())


def boundary_matches(text, surface):
    """All (start, end) of surface on word boundaries, in text order."""
    res = []
    variants = [(surface, "")]
    if surface.startswith("ال") and len(surface) > 3:
        variants.append((surface[1:], "ل"))  # للأمم المتحدة = ل + لأمم المتحدة
    for surf, need in variants:
        i = text.find(surf)
        while i >= 0:
            e = i + len(surf)
            if right_ok(text, e):
                if not need and left_ok(text, i):
                    res.append((i, e))
                elif need and i > 0 and text[i - 1] == need and left_ok(text, i - 1):
                    res.append((i, e))
            i = text.find(surf, i + 1)
    return sorted(set(res))


def sentence_end(text, start):
    i = start
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            return i
        if c == "." and ((i + 1 < n and text[i + 1] == ".") or (i > 0 and text[i - 1] == ".")):
            i += 1  # '..' / '...' inside a line is not a sentence end
            continue
        if c in ".!?؟":
            j = i + 1
            while j < n and text[j] in CLOSERS:
                j += 1
            if j >= n or text[j].isspace():
                return j
        i += 1
    return n


def parse_sel(tokens):
    sel = None
    rest = []
    for t in tokens:
        if re.fullmatch(r"@\d+(,\d+)*", t):
            sel = {int(x) for x in t[1:].split(",")}
        else:
            rest.append(t)
    return sel, rest


def parse_spec(path):
    ents, claims = [], []
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        typ, _, rest = line.partition(" ")
        if typ in ENT_TYPES:
            key, _, surf = rest.partition(" ")
            sel, words = parse_sel(surf.split())
            raw = "!" in words
            words = [w for w in words if w != "!"]
            ents.append((typ, key, " ".join(words), sel, ln, raw))
        elif typ in CLAIM_TYPES:
            sel, words = parse_sel(rest.split(" "))
            s = " ".join(words)
            start_txt, _, end_txt = s.partition(" ... ")
            claims.append((typ, start_txt, end_txt, sel, ln))
        else:
            raise SystemExit("%s:%d: unknown type %r" % (path, ln, typ))
    return ents, claims


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def build(spec_path, text):
    ents, claims = parse_spec(spec_path)
    problems = []
    taken = []  # (start, end, type, key)
    for typ, key, surf, sel, ln, raw in sorted(ents, key=lambda e: -len(e[2])):
        if raw:
            ms = [(m.start(), m.end()) for m in re.finditer(re.escape(surf), text)]
        else:
            ms = boundary_matches(text, surf)
        if not ms:
            problems.append("line %d: no match for %r" % (ln, surf))
            continue
        if sel and max(sel) > len(ms):
            problems.append("line %d: %r has only %d matches" % (ln, surf, len(ms)))
        got = 0
        for k, (s, e) in enumerate(ms, 1):
            if sel and k not in sel:
                continue
            if any(overlaps((s, e), t) for t in taken):
                continue
            taken.append((s, e, typ, key))
            got += 1
        if not got:
            problems.append("line %d: every match of %r already covered" % (ln, surf))
    spans = [t for t in taken if t[2] != "NONE"]
    cl = []
    for typ, start_txt, end_txt, sel, ln in claims:
        occ = [m.start() for m in re.finditer(re.escape(start_txt), text)]
        if sel:
            occ = [o for k, o in enumerate(occ, 1) if k in sel]
        if len(occ) != 1:
            problems.append("line %d: claim start %r found %d times" % (ln, start_txt, len(occ)))
            continue
        s = occ[0]
        if end_txt:
            j = text.find(end_txt, s)
            if j < 0:
                problems.append("line %d: claim end %r not found" % (ln, end_txt))
                continue
            e = j + len(end_txt)
        else:
            e = sentence_end(text, s)
        if "\n" in text[s:e]:
            problems.append("line %d: claim crosses a line break" % ln)
        cl.append((s, e, typ, None))
    return sorted(spans) , sorted(cl), problems


def write_ann(path, text, spans, claims):
    lines, norms = [], []
    n = 0
    for s, e, typ, key in sorted(spans + claims):
        n += 1
        assert "\n" not in text[s:e] and text[s:e] == text[s:e].strip(), (path, s, e)
        lines.append("T%d\t%s %d %d\t%s" % (n, typ, s, e, text[s:e]))
        if key:
            norms.append("N%d\tReference T%d gold:%s\t%s" % (len(norms) + 1, n, key, text[s:e]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in lines + norms))


def main():
    spec_dir, text_dir, gold_dir = sys.argv[1:4]
    os.makedirs(gold_dir, exist_ok=True)
    all_surfaces = defaultdict(set)  # surface -> keys
    results = {}
    bad = 0
    for fn in sorted(os.listdir(spec_dir)):
        if not fn.endswith(".txt"):
            continue
        text = open(os.path.join(text_dir, fn), encoding="utf-8").read()
        spans, claims, problems = build(os.path.join(spec_dir, fn), text)
        for p in problems:
            print("%s: %s" % (fn, p))
        bad += len(problems)
        write_ann(os.path.join(gold_dir, fn[:-4] + ".ann"), text, spans, claims)
        results[fn] = (text, spans, claims)
        for s, e, typ, key in spans:
            all_surfaces[text[s:e]].add((typ, key))
        c = defaultdict(int)
        for t in spans + claims:
            c[t[2]] += 1
        print("%s: %s" % (fn, " ".join("%s=%d" % kv for kv in sorted(c.items()))))
    if "--check" in sys.argv:
        print("\n# unannotated occurrences of surfaces annotated somewhere in the set")
        for fn, (text, spans, claims) in results.items():
            for surf, tk in sorted(all_surfaces.items()):
                for s, e in boundary_matches(text, surf):
                    if not any(overlaps((s, e), t) for t in spans):
                        ctx = text[max(0, s - 25):e + 25].replace("\n", " ")
                        print("%s: %s %s unannotated: ...%s..." % (fn, surf, sorted(tk), ctx))
        print("\n# key inventory")
        keys = defaultdict(set)
        for surf, tk in all_surfaces.items():
            for typ, key in tk:
                keys[(key, typ)].add(surf)
        for (key, typ), surfs in sorted(keys.items()):
            print("%s %s: %s" % (typ, key, " | ".join(sorted(surfs))))
        multi = {s: tk for s, tk in all_surfaces.items() if len(tk) > 1}
        for s, tk in multi.items():
            print("surface with several type/keys: %s %s" % (s, sorted(tk)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
