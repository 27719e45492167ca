#!/usr/bin/env python3
"""Benchmark the isnad language server over stdio, as an editor drives it.

  python3 bench/lsp_bench.py CORPUS_DIR [--open N] [--requests N] [--seed S] -- target/release/isnad lsp

Measures, on the corpus in CORPUS_DIR (for instance the unpacked ANT corpus):
  - index ready: from spawning the server to the end of its `$/progress` for indexing;
  - hover, definition and references latency (p50, p99) at entity positions taken from documentSymbol
    in N open articles;
  - didChange -> publishDiagnostics latency for an edit that adds a flagged sentence;
  - peak resident memory of the server (VmHWM).
Prints one line per figure and a JSON summary last. Standard library only. This is a benchmark, not a test:
it asserts nothing. The machine's load changes the figures; run it on an idle machine.
"""
import json, os, random, statistics, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Server, command_line, int_option, pct, uri  # noqa: E402

corpus, opts, cmd = command_line(sys.argv[1:])


def opt(name, default):
    return int_option(opts, name, default)


N_OPEN, N_REQ, SEED = opt("--open", 40), opt("--requests", 400), opt("--seed", 7)


files = sorted(os.path.join(r, f) for r, _, fs in os.walk(corpus) for f in fs if f.endswith((".txt", ".md")))
random.seed(SEED)
t0 = time.perf_counter()
server = Server(cmd)
server.request("initialize", {"processId": os.getpid(), "rootUri": uri(corpus),
                              "workspaceFolders": [{"uri": uri(corpus), "name": "corpus"}],
                              "capabilities": {"general": {"positionEncodings": ["utf-16"]},
                                               "window": {"workDoneProgress": True}}})
server.notify("initialized", {})
with server.lock:
    while server.progress_end is None:
        if not server.lock.wait(600):
            sys.exit("no end of indexing progress after 600 s")
ready = server.progress_end - t0
print("articles: %d; index ready after %.2f s" % (len(files), ready))

positions = []
opened = random.sample(files, min(N_OPEN, len(files)))
for path in opened:
    text = open(path, encoding="utf-8").read()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "plaintext", "version": 1, "text": text}})
    _, symbols = server.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(path)}})
    for group in symbols or []:
        for s in group.get("children") or []:
            positions.append((path, s["selectionRange"]["start"]))
print("%d entity positions in %d open articles" % (len(positions), len(opened)))

figures = {"articles": len(files), "index_ready_s": round(ready, 2)}
for method, extra, n in (("textDocument/hover", {}, N_REQ), ("textDocument/definition", {}, N_REQ),
                         ("textDocument/references", {"context": {"includeDeclaration": True}}, N_REQ // 4)):
    lat = []
    for path, pos in random.sample(positions, min(n, len(positions))):
        ms, _ = server.request(method, dict({"textDocument": {"uri": uri(path)}, "position": pos}, **extra))
        lat.append(ms)
    name = method.split("/")[1]
    figures[name + "_p50_ms"], figures[name + "_p99_ms"] = round(pct(lat, 0.5), 2), round(pct(lat, 0.99), 2)
    print("%s: p50 %.2f ms, p99 %.2f ms over %d requests" % (name, pct(lat, 0.5), pct(lat, 0.99), len(lat)))

path = opened[0]
lines = open(path, encoding="utf-8").read().split("\n")
diag = []
# Each edit adds a flagged sentence, so each changes the diagnostics (unchanged ones are not sent again).
CLAIM = "ويتوقع مراقبون أن ترتفع الأسعار بنسبة 40 في المئة.\n"
for version in range(2, 32):
    with server.lock:
        server.diagnostics.pop(uri(path), None)
    start = time.perf_counter()
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": version},
                                             "contentChanges": [{"range": {"start": {"line": len(lines) - 1, "character": 0},
                                                                           "end": {"line": len(lines) - 1, "character": 0}},
                                                                 "text": CLAIM}]})
    with server.lock:
        while server.diagnostics.get(uri(path), [(0, {})])[-1][1].get("version") != version:
            if not server.lock.wait(5):
                break
        got = server.diagnostics.get(uri(path), [None])[-1]
    if got and got[1].get("version") == version:
        diag.append((got[0] - start) * 1000)
    time.sleep(0.1)
figures["diagnostics_median_ms"], figures["diagnostics_max_ms"] = round(statistics.median(diag), 1), round(max(diag), 1)
print("didChange -> diagnostics: median %.1f ms, max %.1f ms (%d/30)" % (statistics.median(diag), max(diag), len(diag)))

rss = None
for line in open("/proc/%d/status" % server.proc.pid):
    if line.startswith("VmHWM"):
        rss = int(line.split()[1]) // 1024
figures["peak_rss_mb"] = rss
print("peak resident memory: %s MB" % rss)
server.request("shutdown", None)
server.notify("exit", None)
server.proc.wait(10)
print(json.dumps(figures))
