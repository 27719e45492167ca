#!/usr/bin/env python3
"""Unit tests for eval/score.py on a tiny hand-made case (numbers worked out by hand).

Run: python3 eval/test_score.py   or   python3 -m unittest discover -s eval -p 'test_*.py'
"""
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

A = "قال بوتين في موسكو. روسيا أكبر دولة في العالم."
B = "وصل 😀 لبوتين إلى موسكو."  # an emoji (1 code point, 2 UTF-16 units) before the entities
C = "زار ماكرون باريس."


def span(text, s, nth=1):
    i = -1
    for _ in range(nth):
        i = text.index(s, i + 1)
    return i, i + len(s)


def t_line(n, typ, text, s, nth=1):
    a, b = span(text, s, nth)
    return "T%d\t%s %d %d\t%s" % (n, typ, a, b, text[a:b])


class ScoreTest(unittest.TestCase):
    def setUp(self):
        self.d = tempfile.mkdtemp()
        for sub in ("text", "gold", "sys/sub"):
            os.makedirs(os.path.join(self.d, sub))
        self.write("text/a.txt", A)
        self.write("text/b.txt", B)
        self.write("text/c.txt", C)
        self.write("gold/a.ann", [
            t_line(1, "PER", A, "بوتين"), t_line(2, "LOC", A, "موسكو"), t_line(3, "LOC", A, "روسيا"),
            t_line(4, "Unsourced", A, "روسيا أكبر دولة في العالم."),
            "N1\tReference T1 gold:putin\tبوتين", "N2\tReference T2 gold:moscow\tموسكو",
            "N3\tReference T3 gold:russia\tروسيا"])
        self.write("gold/b.ann", [
            t_line(1, "PER", B, "بوتين"), t_line(2, "LOC", B, "موسكو"),
            "N1\tReference T1 gold:putin\tبوتين", "N2\tReference T2 gold:moscow\tموسكو"])
        self.write("gold/c.ann", [t_line(1, "PER", C, "ماكرون"), "N1\tReference T1 gold:macron\tماكرون"])
        # system: a.ann at the top, b.ann in a subdirectory, no c.ann at all
        self.write("sys/a.ann", [
            t_line(1, "PERSON", A, "بوتين"), t_line(2, "GPE", A, "موسكو"), t_line(3, "ORG", A, "روسيا"),
            t_line(4, "UnsourcedClaim", A, "روسيا أكبر"),
            "N1\tReference T1 Wikidata:Q7747\tبوتين", "N2\tReference T1 isnad:putin\tبوتين",
            "N3\tReference T2 Wikidata:Q649\tموسكو", "N4\tReference T2 isnad:moscow\tموسكو",
            "N5\tReference T3 isnad:russia\tروسيا"])
        self.write("sys/sub/b.ann", [
            t_line(1, "PER", B, "لبوتين"), t_line(2, "LOC", B, "موسكو"), t_line(3, "LOC", B, "وصل"),
            t_line(4, "vague-attribution", B, B[:-1]),
            "N1\tReference T1 isnad:putin\tلبوتين",
            "N2\tReference T2 isnad:moscow-2\tموسكو", "N3\tReference T2 Wikidata:Q649\tموسكو"])

    def tearDown(self):
        shutil.rmtree(self.d)

    def write(self, rel, content):
        if isinstance(content, list):
            content = "".join(l + "\n" for l in content)
        with open(os.path.join(self.d, rel), "w", encoding="utf-8") as f:
            f.write(content)

    def run_score(self, sys_sub="sys"):
        res, errors = score.score(os.path.join(self.d, "gold"), os.path.join(self.d, sys_sub),
                                  os.path.join(self.d, "text"), collect_errors=True)
        return res, errors

    def test_entities(self):
        res, _ = self.run_score()
        e = res["entities"]
        # gold 6, system 6, correct 4 (روسيا has the wrong type; ماكرون has no system file)
        self.assertEqual((e["gold"], e["system"], e["correct"]), (6, 6, 4))
        self.assertAlmostEqual(e["p"], 4 / 6)
        self.assertAlmostEqual(e["r"], 4 / 6)
        self.assertAlmostEqual(e["f1"], 4 / 6)
        per, loc, org = res["per_type"]["PER"], res["per_type"]["LOC"], res["per_type"]["ORG"]
        self.assertEqual((per["correct"], per["system"], per["gold"]), (2, 2, 3))
        self.assertEqual((loc["correct"], loc["system"], loc["gold"]), (2, 3, 3))
        self.assertEqual((org["correct"], org["system"], org["gold"]), (0, 1, 0))
        self.assertAlmostEqual(loc["f1"], 2 / 3)

    def test_linking_prefers_isnad_refs(self):
        res, _ = self.run_score()
        l = res["linking"]
        # matched: a:{putin, moscow, russia} x b:{putin, moscow}: 6 cross pairs, gold same 2,
        # system same 1 (isnad:moscow vs isnad:moscow-2; Wikidata:Q649 must be ignored)
        self.assertEqual((l["mentions"], l["gold_pairs"], l["system_pairs"], l["both"]), (5, 2, 1, 1))
        self.assertAlmostEqual(l["p"], 1.0)
        self.assertAlmostEqual(l["r"], 0.5)
        self.assertAlmostEqual(l["f1"], 2 / 3)

    def test_read_ann_prefers_isnad_refs(self):
        _, _, refs_a = score.read_ann(os.path.join(self.d, "sys/a.ann"))
        _, _, refs_b = score.read_ann(os.path.join(self.d, "sys/sub/b.ann"))
        # Wikidata line first, isnad second (a) and isnad first, Wikidata second (b): isnad wins both ways
        self.assertEqual(refs_a["T1"], "isnad:putin")
        self.assertEqual(refs_a["T2"], "isnad:moscow")
        self.assertEqual(refs_b["T2"], "isnad:moscow-2")

    def test_token_matching_ignores_clitics_and_counts_code_points(self):
        toks = score.whitespace_tokens(B)
        a, b = span(B, "بوتين")
        self.assertEqual(score.touched(toks, [(a, b)]), frozenset({2}))
        self.assertEqual(score.touched(toks, [(a - 1, b)]), frozenset({2}))

    def test_claims(self):
        res, errors = self.run_score()
        c = res["claims"]
        self.assertEqual((c["gold"], c["system"], c["found"], c["right"]), (1, 2, 1, 1))
        self.assertAlmostEqual(c["f1"], 2 / 3)
        self.assertTrue(any("spurious claim" in e and "b.txt" in e for e in errors))
        self.assertTrue(any("missed PER" in e and "ماكرون" in e for e in errors))

    def test_gold_against_itself_is_perfect(self):
        res, errors = self.run_score("gold")
        self.assertEqual(errors, [])
        self.assertEqual(res["entities"]["f1"], 1.0)
        self.assertEqual(res["linking"]["f1"], 1.0)
        self.assertEqual(res["claims"]["f1"], 1.0)

    def lines(self, rel):
        with open(os.path.join(self.d, rel), encoding="utf-8") as f:
            return f.read().splitlines()

    def attribution_case(self):
        """Gold: a's first sentence said by Putin, c's by Macron, b's by a vague source. System:
        a's sentence given to isnad:putin (whose mentions match gold:putin) — right; c's to
        isnad:putin — found, wrong source; b's sentence none (missed); one spurious on a's second
        sentence with isnad:vague."""
        first = "قال بوتين في موسكو."
        self.write("gold/a.ann", self.lines("gold/a.ann")
                   + [t_line(5, "Attributed", A, first), "N5\tReference T5 gold:putin\tPutin"])
        self.write("gold/c.ann", [t_line(1, "PER", C, "ماكرون"), "N1\tReference T1 gold:macron\tماكرون",
                                  t_line(2, "Attributed", C, C), "N2\tReference T2 gold:macron\tMacron"])
        self.write("gold/b.ann", self.lines("gold/b.ann")
                   + [t_line(3, "Attributed", B, B), "N3\tReference T3 gold:vague\tvague"])
        self.write("sys/a.ann", self.lines("sys/a.ann")
                   + [t_line(6, "Attribution", A, first), "N6\tReference T6 isnad:putin\tبوتين",
                      t_line(7, "Attribution", A, "روسيا أكبر دولة في العالم."), "N7\tReference T7 isnad:vague\t"])
        self.write("sys/c.ann", [t_line(1, "Attribution", C, C), "N1\tReference T1 isnad:putin\tبوتين"])

    def test_attribution(self):
        self.attribution_case()
        res, errors = self.run_score()
        a = res["attribution"]
        self.assertEqual((a["gold"], a["system"], a["found"], a["right_gold"], a["right_system"]), (3, 3, 2, 1, 1))
        self.assertAlmostEqual(a["p"], 1 / 3)
        self.assertAlmostEqual(a["r"], 1 / 3)
        self.assertAlmostEqual(a["found_r"], 2 / 3)
        self.assertTrue(any("attribution to macron found with putin" in e for e in errors), errors)
        self.assertTrue(any("attribution to vague missed" in e for e in errors), errors)
        self.assertTrue(any("spurious attribution to vague" in e for e in errors), errors)
        # A VagueAttribution claim is a claim, not an attribution.
        self.assertEqual(res["claims"]["system"], 2)

    def test_attribution_against_itself_and_absent(self):
        self.attribution_case()
        res, errors = self.run_score("gold")
        self.assertEqual(res["attribution"]["f1"], 1.0, errors)
        os.remove(os.path.join(self.d, "gold/a.ann"))
        self.write("gold/a.ann", [t_line(1, "PER", A, "بوتين"), "N1\tReference T1 gold:putin\tبوتين"])
        for name in ("b", "c"):
            os.remove(os.path.join(self.d, "gold/%s.ann" % name))
        res, _ = self.run_score()
        self.assertNotIn("attribution", res, "no attribution in the gold: not scored")

    def test_claims_by_label(self):
        res, _ = self.run_score()
        u, v = res["claims_by_label"]["Unsourced"], res["claims_by_label"]["Vague"]
        self.assertEqual((u["gold"], u["sys"], u["found"], u["right"]), (1, 1, 1, 1))
        self.assertEqual((v["gold"], v["sys"], v["found"], v["right"]), (0, 1, 0, 0))

    def test_empty_system(self):
        os.makedirs(os.path.join(self.d, "empty"))
        res, _ = self.run_score("empty")
        self.assertEqual(res["entities"]["f1"], 0.0)
        self.assertEqual(res["claims"]["r"], 0.0)


if __name__ == "__main__":
    unittest.main()
