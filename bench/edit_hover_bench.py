#!/usr/bin/env python3
"""Benchmark hover on a frequent entity right after an edit elsewhere, as when one types in one article
and hovers a name in another.

  python3 bench/edit_hover_bench.py CORPUS_DIR [--rounds N] [--pause-ms MS] -- target/release/isnad lsp

Opens two articles: one to type in (a sentence with no names, appended word by word) and one holding the
corpus's most frequent name among a few candidates; each round sends a didChange to the first, waits for
the server to analyse it (--pause-ms), then hovers the name and times the hover. What is cached per entity (its summary and defining mention)
should survive an edit that does not touch the entity. Prints p50/p99 and a JSON summary. Standard
library only; a benchmark, not a test: it asserts nothing.
"""
import json, os, statistics, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Server, command_line, int_option, pct, uri  # noqa: E402

corpus, opts, cmd = command_line(sys.argv[1:])
ROUNDS = int_option(opts, "--rounds", 60)
# Long enough for the server to analyse the edit (its debounce) before the hover.
PAUSE_MS = int_option(opts, "--pause-ms", 400)
CANDIDATES = ["ترامب", "السعودية", "مصر", "روسيا", "بوتين"]

files = sorted(os.path.join(r, f) for r, _, fs in os.walk(corpus) for f in fs if f.endswith((".txt", ".md")))
server = Server(cmd)
t0 = time.perf_counter()
server.request("initialize", {"processId": os.getpid(), "rootUri": uri(corpus), "capabilities": {"window": {"workDoneProgress": True}}})
server.notify("initialized", {})
while server.progress_end is None:
    time.sleep(0.05)
    if time.perf_counter() - t0 > 600:
        sys.exit("no end of indexing progress after 600 s")


def text_of(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def utf16_col(line, index):
    return len(line[:index].encode("utf-16-le")) // 2


target = None
for name in CANDIDATES:
    for path in files[:2000]:
        t = text_of(path)
        if " " + name + " " in t:
            at = t.index(" " + name + " ") + 1
            line = t.count("\n", 0, at)
            col = utf16_col(t[t.rfind("\n", 0, at) + 1:], at - (t.rfind("\n", 0, at) + 1))
            target = (path, t, line, col, name)
            break
    if target:
        break
if not target:
    sys.exit("none of the candidate names found")
hover_path, hover_text, hline, hcol, hname = target
edit_path = next(p for p in files if p != hover_path)
edit_text = text_of(edit_path)
for path, t in [(edit_path, edit_text), (hover_path, hover_text)]:
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "plaintext", "version": 1, "text": t}})
hover_params = {"textDocument": {"uri": uri(hover_path)}, "position": {"line": hline, "character": hcol}}
server.request("textDocument/hover", hover_params)  # warm the entity's cache

lines = edit_text.split("\n")
end = {"line": len(lines) - 1, "character": utf16_col(lines[-1], len(lines[-1]))}
words = "وأضاف أن الاجتماع كان مفيدا جدا للطرفين".split()
times = []
for i in range(ROUNDS):
    piece = " " + words[i % len(words)]
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri(edit_path), "version": i + 2},
                                             "contentChanges": [{"range": {"start": end, "end": end}, "text": piece}]})
    end = {"line": end["line"], "character": end["character"] + len(piece)}
    time.sleep(PAUSE_MS / 1000)
    ms, _ = server.request("textDocument/hover", hover_params)
    times.append(ms)
summary = {"name": hname, "rounds": ROUNDS, "hover_after_edit_p50_ms": round(statistics.median(times), 2),
           "hover_after_edit_p99_ms": round(pct(times, 0.99), 2)}
print("hover on «%s» right after an edit elsewhere: p50 %.2f ms, p99 %.2f ms (%d rounds)"
      % (hname, summary["hover_after_edit_p50_ms"], summary["hover_after_edit_p99_ms"], ROUNDS))
print(json.dumps(summary))
server.proc.kill()
