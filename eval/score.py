#!/usr/bin/env python3
"""isnad evaluation scorer (standard library only).

  score.py GOLD_DIR SYS_DIR TEXT_DIR [--json OUT] [--errors]

For every article TEXT_DIR/X.txt: gold GOLD_DIR/X.ann, system output the first SYS_DIR/**/X.ann
(a missing system file counts as an empty one).

Entities (PER, LOC, ORG; aliases PERSON->PER, GPE/LOCATION/FAC->LOC, ORGANIZATION->ORG ...):
  a mention is (type, set of whitespace-token indices its span touches). A system mention is
  correct when a gold mention has the same type and the same token set. P/R/F1 overall and per type.
Linking: over gold mentions whose token set a system mention also has (any type), all pairs of
  mentions in DIFFERENT articles; gold 'same' = same gold key (N line), system 'same' = same
  system reference (an 'isnad:' reference is preferred over others such as 'Wikidata:'; a mention
  without an N line is its own singleton). P/R/F1 over the 'same' pairs.
Claims: gold T spans typed Unsourced/Vague; system T spans whose type contains 'unsourced' or
  'vague' (case-insensitive). Recall: gold claims overlapped by any system claim; precision:
  system claims overlapping any gold claim. Also per label (Unsourced / Vague), the label scored.
Attribution (when the gold has it): gold T spans typed Attributed (a sentence) with a reference
  gold:KEY (KEY 'vague' for an unnamed source); system T spans whose type contains 'attribut' but
  not 'vague' with a reference DB:ID (the source entity's id, as its mentions carry it) or DB:vague.
  A system source id stands for the gold key that the gold mentions matched by its mentions carry
  most often (over the whole set). A gold attribution is found when a system attribution overlaps
  it, and right when one of those stands for the same key; a system attribution is right when it
  overlaps a gold one with the same key. P/R/F1 of the sources, and the recall of found ones.
The last line printed is the summary.
"""
import json
import os
import re
import sys
from collections import defaultdict

TYPE_ALIASES = {
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "FAC": "LOC", "FACILITY": "LOC", "PLACE": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
}
ENTITY_TYPES = ("PER", "LOC", "ORG")


def read_ann(path, attributions=None):
    """-> (mentions {tid: (type, [(s, e)])}, claims [(label, [(s, e)])], refs {tid: ref});
    attribution spans {tid: [(s, e)]} go into `attributions` when given."""
    mentions, claims, refs = {}, [], {}
    if not path or not os.path.isfile(path):
        return mentions, claims, refs
    with open(path, encoding="utf-8") as f:
        for raw in f:
            cols = raw.rstrip("\r\n").split("\t")
            if len(cols) < 2 or not cols[0]:
                continue
            ident, data = cols[0], cols[1]
            if ident[0] == "T":
                typ, _, locs = data.partition(" ")
                try:
                    spans = [tuple(int(x) for x in frag.split()) for frag in locs.split(";")]
                except ValueError:
                    continue
                if any(len(sp) != 2 for sp in spans):
                    continue
                low = typ.lower()
                if "unsourced" in low or "vague" in low:
                    claims.append(("Vague" if "vague" in low else "Unsourced", spans))
                elif "attribut" in low:
                    if attributions is not None:
                        attributions[ident] = spans
                elif typ.upper() in TYPE_ALIASES:
                    mentions[ident] = (TYPE_ALIASES[typ.upper()], spans)
            elif ident[0] == "N":
                parts = data.split()
                if len(parts) < 3:
                    continue
                target, ref = parts[1], parts[2]
                old = refs.get(target)
                # prefer the project's own corpus-wide id (isnad:, or gold: in the gold files)
                if old is None or (ref.startswith(("isnad:", "gold:")) and not old.startswith(("isnad:", "gold:"))):
                    refs[target] = ref
    return mentions, claims, refs


def whitespace_tokens(text):
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def touched(tokens, spans):
    out = set()
    for s, e in spans:
        for i, (ts, te) in enumerate(tokens):
            if ts < e and s < te:
                out.add(i)
            elif ts >= e:
                break
    return frozenset(out)


def any_overlap(a, b):
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def prf(tp_p, n_sys, tp_r, n_gold):
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def index_system(sys_dir):
    found = {}
    for root, dirs, files in os.walk(sys_dir):
        dirs.sort()
        for fn in sorted(files):
            if fn.endswith(".ann") and fn not in found:
                found[fn] = os.path.join(root, fn)
    return found


def snippet(text, spans, n=80):
    s = text[spans[0][0]:spans[-1][1]].replace("\n", " ")
    return s if len(s) <= n else s[:n] + "…"


def score(gold_dir, sys_dir, text_dir, collect_errors=False):
    sys_files = index_system(sys_dir) if os.path.isdir(sys_dir) else {}
    counts = {t: {"tp": 0, "sys": 0, "gold": 0} for t in ENTITY_TYPES}
    linked = []  # (doc, gold_key, sys_ref)
    cl = {"gold": 0, "sys": 0, "found": 0, "right": 0}
    by_label = {lab: {"gold": 0, "sys": 0, "found": 0, "right": 0} for lab in ("Unsourced", "Vague")}
    attributions = []  # (doc, text, gold [(spans, ref)], system [(spans, ref)])
    errors = []
    docs = sorted(f for f in os.listdir(text_dir) if f.endswith(".txt"))
    for doc in docs:
        base = doc[:-4]
        with open(os.path.join(text_dir, doc), encoding="utf-8") as f:
            text = f.read()
        toks = whitespace_tokens(text)
        g_a, s_a = {}, {}
        g_m, g_c, g_r = read_ann(os.path.join(gold_dir, base + ".ann"), g_a)
        s_m, s_c, s_r = read_ann(sys_files.get(base + ".ann"), s_a)
        attributions.append((doc, text, [(sp, g_r.get(t, "")) for t, sp in g_a.items()],
                             [(sp, s_r.get(t, "")) for t, sp in s_a.items()]))
        gold = [(typ, touched(toks, sp), g_r.get(tid, "%s#%s" % (doc, tid)), sp) for tid, (typ, sp) in g_m.items()]
        system = [(typ, touched(toks, sp), s_r.get(tid, "%s#%s" % (doc, tid)), sp) for tid, (typ, sp) in s_m.items()]
        gold_keys = {(typ, ts) for typ, ts, _, _ in gold}
        sys_keys = {(typ, ts) for typ, ts, _, _ in system}
        sys_by_tokens = {}
        for typ, ts, ref, sp in system:
            sys_by_tokens.setdefault(ts, ref)
        for typ, ts, key, sp in gold:
            counts[typ]["gold"] += 1
            if (typ, ts) in sys_keys:
                counts[typ]["tp"] += 1
            elif collect_errors:
                errors.append("%s: missed %s: %s" % (doc, typ, snippet(text, sp)))
            if ts in sys_by_tokens:
                linked.append((doc, key, sys_by_tokens[ts]))
        for typ, ts, ref, sp in system:
            counts[typ]["sys"] += 1
            if (typ, ts) not in gold_keys and collect_errors:
                errors.append("%s: spurious %s: %s" % (doc, typ, snippet(text, sp)))
        cl["gold"] += len(g_c)
        cl["sys"] += len(s_c)
        for label, sp in g_c:
            if any(any_overlap(sp, s) for _, s in s_c):
                cl["found"] += 1
            elif collect_errors:
                errors.append("%s: missed claim %s: %s" % (doc, label, snippet(text, sp)))
        for label, sp in s_c:
            if any(any_overlap(sp, g) for _, g in g_c):
                cl["right"] += 1
            elif collect_errors:
                errors.append("%s: spurious claim %s: %s" % (doc, label, snippet(text, sp)))
        for lab, c in by_label.items():
            gl = [sp for l, sp in g_c if l == lab]
            sl = [sp for l, sp in s_c if l == lab]
            c["gold"] += len(gl)
            c["sys"] += len(sl)
            c["found"] += sum(1 for g in gl if any(any_overlap(g, x) for x in sl))
            c["right"] += sum(1 for x in sl if any(any_overlap(x, g) for g in gl))

    tp = sum(c["tp"] for c in counts.values())
    n_sys = sum(c["sys"] for c in counts.values())
    n_gold = sum(c["gold"] for c in counts.values())
    ent = prf(tp, n_sys, tp, n_gold)
    both = g_same = s_same = 0
    for i in range(len(linked)):
        di, gi, si = linked[i]
        for j in range(i + 1, len(linked)):
            dj, gj, sj = linked[j]
            if di == dj:
                continue
            g = gi == gj
            s = si == sj
            g_same += g
            s_same += s
            both += g and s
    link = prf(both, s_same, both, g_same)
    cla = prf(cl["right"], cl["sys"], cl["found"], cl["gold"])
    att = score_attribution(linked, attributions, errors if collect_errors else None)
    res = {
        "docs": len(docs),
        "entities": dict(zip(("p", "r", "f1"), ent), gold=n_gold, system=n_sys, correct=tp),
        "per_type": {t: dict(zip(("p", "r", "f1"), prf(c["tp"], c["sys"], c["tp"], c["gold"])),
                             gold=c["gold"], system=c["sys"], correct=c["tp"]) for t, c in counts.items()},
        "linking": dict(zip(("p", "r", "f1"), link), gold_pairs=g_same, system_pairs=s_same, both=both,
                        mentions=len(linked)),
        "claims": dict(zip(("p", "r", "f1"), cla), gold=cl["gold"], system=cl["sys"],
                       found=cl["found"], right=cl["right"]),
        "claims_by_label": {lab: dict(zip(("p", "r", "f1"), prf(c["right"], c["sys"], c["found"], c["gold"])), **c)
                            for lab, c in by_label.items()},
    }
    if att is not None:
        res["attribution"] = att
    return res, errors


def bare(ref):
    """The id of a reference without its database (`gold:putin` -> `putin`)."""
    return ref.split(":", 1)[1] if ":" in ref else ref


def score_attribution(linked, attributions, errors):
    """Attribution scores (see the module doc), or None when the gold has no attribution."""
    if not any(g for _, _, g, _ in attributions):
        return None
    votes = defaultdict(lambda: defaultdict(int))
    for _, gold_key, sys_ref in linked:
        votes[sys_ref][gold_key] += 1

    def stands_for(ref):
        if bare(ref) == "vague":
            return "vague"
        if ref not in votes:
            return None
        return bare(max(sorted(votes[ref].items()), key=lambda kv: kv[1])[0])

    n_gold = n_sys = found = g_right = s_right = 0
    for doc, text, gold, system in attributions:
        n_gold += len(gold)
        n_sys += len(system)
        for gsp, gref in gold:
            over = [stands_for(sref) for ssp, sref in system if any_overlap(gsp, ssp)]
            if over:
                found += 1
            if bare(gref) in over:
                g_right += 1
            elif errors is not None:
                got = ("found with " + ",".join(str(o) for o in over)) if over else "missed"
                errors.append("%s: attribution to %s %s: %s" % (doc, bare(gref), got, snippet(text, gsp)))
        for ssp, sref in system:
            key = stands_for(sref)
            if any(any_overlap(ssp, gsp) and bare(gref) == key for gsp, gref in gold):
                s_right += 1
            elif errors is not None:
                errors.append("%s: spurious attribution to %s: %s" % (doc, key or sref, snippet(text, ssp)))
    p, r, f = prf(s_right, n_sys, g_right, n_gold)
    return {"p": p, "r": r, "f1": f, "gold": n_gold, "system": n_sys, "found": found,
            "found_r": found / n_gold if n_gold else 0.0, "right_gold": g_right, "right_system": s_right}


def main(argv):
    args, opts, i = [], {}, 0
    while i < len(argv):
        a = argv[i]
        if a == "--json":
            opts["json"] = argv[i + 1]
            i += 2
            continue
        if a == "--errors":
            opts["errors"] = True
        else:
            args.append(a)
        i += 1
    if len(args) != 3:
        sys.stderr.write(__doc__)
        return 2
    res, errors = score(args[0], args[1], args[2], opts.get("errors", False))
    if "json" in opts:
        with open(opts["json"], "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1, ensure_ascii=False)
    for e in errors:
        print(e)
    for t, v in res["per_type"].items():
        print("  %s p=%.3f r=%.3f f1=%.3f (correct %d, gold %d, system %d)"
              % (t, v["p"], v["r"], v["f1"], v["correct"], v["gold"], v["system"]))
    e, l, c = res["entities"], res["linking"], res["claims"]
    print("  linking pairs: gold %d, system %d, both %d (over %d matched mentions)"
          % (l["gold_pairs"], l["system_pairs"], l["both"], l["mentions"]))
    print("  claims: gold %d, system %d, found %d, right %d" % (c["gold"], c["system"], c["found"], c["right"]))
    for lab, v in res["claims_by_label"].items():
        print("  claims %s (label scored) p=%.3f r=%.3f f1=%.3f (gold %d, system %d)"
              % (lab, v["p"], v["r"], v["f1"], v["gold"], v["sys"]))
    a = res.get("attribution")
    if a:
        print("  attribution: gold %d, system %d, found %d (r=%.3f), right source %d/%d"
              % (a["gold"], a["system"], a["found"], a["found_r"], a["right_gold"], a["right_system"]))
    print("docs=%d entities f1=%.3f (p=%.3f r=%.3f) | linking f1=%.3f (p=%.3f r=%.3f) | claims f1=%.3f (p=%.3f r=%.3f)"
          % (res["docs"], e["f1"], e["p"], e["r"], l["f1"], l["p"], l["r"], c["f1"], c["p"], c["r"])
          + (" | attribution f1=%.3f (p=%.3f r=%.3f)" % (a["f1"], a["p"], a["r"]) if a else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
