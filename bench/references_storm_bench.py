#!/usr/bin/env python3
"""Hover latency while references on the corpus's most mentioned entity are asked again and again.

  python3 bench/references_storm_bench.py CORPUS_DIR [--open N] [--hovers N] [--seed S] -- target/release/isnad lsp

Opens N articles, takes entity positions from their documentSymbol, and finds among them the entity with the
most references (among those answered in full or limited alike, the one that takes longest). Then measures hover latency (p50, p99, max)
at the other positions twice: on a quiet server, and during a storm in which a second thread keeps one
references request on that entity always outstanding. Hovers are paced (one every 20 ms) so that they measure
waiting, not queueing. Prints one line per figure and a JSON summary last. Standard library only; a benchmark,
not a test: it asserts nothing.
"""
import json, os, random, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Server, command_line, int_option, pct, uri  # noqa: E402

corpus, opts, cmd = command_line(sys.argv[1:])
N_OPEN, N_HOVER, SEED = int_option(opts, "--open", 20), int_option(opts, "--hovers", 200), int_option(opts, "--seed", 7)

files = sorted(os.path.join(r, f) for r, _, fs in os.walk(corpus) for f in fs if f.endswith((".txt", ".md")))
random.seed(SEED)
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

positions = []
for path in random.sample(files, min(N_OPEN, len(files))):
    text = open(path, encoding="utf-8").read()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "plaintext",
                                                            "version": 1, "text": text}})
    _, symbols = server.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(path)}})
    for group in symbols or []:
        for s in group.get("children") or []:
            positions.append((path, s["selectionRange"]["start"]))
if not positions:
    sys.exit("no entity positions in the opened articles")


def params(path, pos):
    return {"textDocument": {"uri": uri(path)}, "position": pos}


REFS = {"context": {"includeDeclaration": True}}
best, best_n, best_ms = None, -1, 0
for path, pos in positions[:60]:
    ms, refs = server.request("textDocument/references", dict(params(path, pos), **REFS))
    # A server that answers a limited number of references answers as many for every large entity: the
    # one that takes longest to work out is the largest.
    if (len(refs or []), ms) > (best_n, best_ms):
        best, best_n, best_ms = (path, pos), len(refs or []), ms
print("largest entity among %d positions: %d references, answered in %.0f ms" % (min(60, len(positions)), best_n, best_ms))
figures = {"articles": len(files), "storm_references": best_n, "references_ms": round(best_ms)}


def hovers(label):
    lat = []
    for path, pos in random.sample(positions, min(N_HOVER, len(positions))) * (1 + N_HOVER // max(1, len(positions))):
        if len(lat) == N_HOVER:
            break
        ms, _ = server.request("textDocument/hover", params(path, pos))
        lat.append(ms)
        time.sleep(0.02)
    figures[label] = {"p50_ms": round(pct(lat, 0.5), 2), "p99_ms": round(pct(lat, 0.99), 2), "max_ms": round(max(lat), 2)}
    print("hover %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d" % (label, pct(lat, 0.5), pct(lat, 0.99), max(lat), len(lat)))


hovers("quiet")
server.parse_limit = 100_000
stop, storm_answered = threading.Event(), [0]


def storm():
    while not stop.is_set():
        rid, _ = server.send_request("textDocument/references", dict(params(*best), **REFS))
        server.wait(rid, 600)
        storm_answered[0] += 1


thread = threading.Thread(target=storm, daemon=True)
thread.start()
time.sleep(0.2)
hovers("storm")
stop.set()
thread.join(600)
figures["storm_references_answered"] = storm_answered[0]
print("references answered during the storm: %d" % storm_answered[0])
server.request("shutdown", None)
server.notify("exit", None)
server.proc.wait(10)
print(json.dumps(figures))
