#!/usr/bin/env python3
"""Benchmark requests while the server takes in a changed isnad.toml (which builds a new index).

  python3 bench/reconfigure_bench.py CORPUS_DIR [--seconds N] -- target/release/isnad lsp

Writes CORPUS_DIR/isnad.toml (one new [[entity]]; an existing file is put back afterwards), announces it
with didChangeWatchedFiles and keeps hovering a name in an open article, one hover after another, for
N seconds (default 15): prints the slowest hover, the p50/p99 and when the new entry first shows in the
hover (the new index is in place). Standard library only; a benchmark, not a test.
"""
import json, os, statistics, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Server, command_line, int_option, pct, uri  # noqa: E402

corpus, opts, cmd = command_line(sys.argv[1:])
SECONDS = int_option(opts, "--seconds", 15)
NAME, ENGLISH = "ترامب", "Reconfigured Trump"

files = sorted(os.path.join(r, f) for r, _, fs in os.walk(corpus) for f in fs if f.endswith((".txt", ".md")))
path = next(p for p in files[:5000] if " " + NAME + " " in open(p, encoding="utf-8", errors="replace").read())
text = open(path, encoding="utf-8").read()
at = text.index(" " + NAME + " ") + 1
line = text.count("\n", 0, at)
col = len(text[text.rfind("\n", 0, at) + 1:at].encode("utf-16-le")) // 2
config = os.path.join(corpus, "isnad.toml")
saved = open(config, encoding="utf-8").read() if os.path.exists(config) else None

server = Server(cmd)
t0 = time.perf_counter()
server.request("initialize", {"processId": os.getpid(), "rootUri": uri(corpus), "capabilities": {"window": {"workDoneProgress": True}}})
server.notify("initialized", {})
while server.progress_end is None:
    time.sleep(0.05)
server.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "plaintext", "version": 1, "text": text}})
params = {"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": col}}
server.request("textDocument/hover", params)
try:
    with open(config, "w", encoding="utf-8") as f:
        f.write('[[entity]]\nid = "trump-bench"\ntype = "PER"\nname = "دونالد ترامب"\naliases = ["ترامب"]\nenglish = "%s"\n' % ENGLISH)
    sent = time.perf_counter()
    server.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri(config), "type": 2}]})
    times, taken = [], None
    while time.perf_counter() - sent < SECONDS:
        ms, result = server.request("textDocument/hover", params)
        times.append(ms)
        if taken is None and ENGLISH in json.dumps(result, ensure_ascii=False):
            taken = time.perf_counter() - sent
finally:
    if saved is None:
        os.remove(config)
    else:
        open(config, "w", encoding="utf-8").write(saved)
summary = {"hovers": len(times), "hover_max_ms": round(max(times), 1), "hover_p50_ms": round(statistics.median(times), 2),
           "hover_p99_ms": round(pct(times, 0.99), 1), "new_entry_after_s": None if taken is None else round(taken, 2)}
print("while isnad.toml is taken in: %d hovers, p50 %.2f ms, p99 %.1f ms, max %.1f ms; new entry shown after %s s"
      % (summary["hovers"], summary["hover_p50_ms"], summary["hover_p99_ms"], summary["hover_max_ms"], summary["new_entry_after_s"]))
print(json.dumps(summary))
server.proc.kill()
