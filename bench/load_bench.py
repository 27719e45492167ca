#!/usr/bin/env python3
"""Load benchmark of the isnad language server over stdio: a didChange storm, cancellation and shutdown under load.

  python3 bench/load_bench.py CORPUS_DIR [--edits N] [--hover-every K] [--rate R] [--inflight M] [--seed S] -- target/release/isnad lsp

On the corpus in CORPUS_DIR (examples/corpus, the unpacked ANT corpus, ...):
  0. index ready: from spawning the server to the end of its `$/progress` for indexing, and meanwhile the latency of
     hovers on an open document, sent one at a time every 50 ms (is the server responsive while it indexes?);
  1. the storm: opens the article with the most entities among a sample, then sends N incremental edits (inserts of
     Arabic words, names, emoji and line breaks, and deletions, at random places) as fast as the pipe takes them
     (or R a second with --rate), with a hover every K edits. Unpaced, a hover waits for the edits queued before it,
     so its latency is mostly that queue; paced below the server's throughput it is the server's own. Reports the edits/s the server absorbed (N over the time from the first edit to the
     answer of a request sent after the last one), hover latency p50/p95/p99 during the storm, and checks that the
     last publishDiagnostics for the document carries the last version and that the server's text is the client's
     (documentSymbol of the stormed document equals that of its final text opened fresh);
  2. cancellation: sends M heavy requests (workspace/symbol, references) at once, then `$/cancelRequest` for each;
     reports how long until every one is answered (cancelled or not) and how many were cancelled;
  3. shutdown under load: M heavy requests in flight, then `shutdown`; reports the time to its answer, and from
     `exit` to the end of the process.
Prints one line per figure and a JSON summary last. Standard library only. A benchmark, not a test: it asserts
nothing except that the answers arrive. The machine's load changes the figures; run it on an idle machine.
"""
import json, os, random, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Server, command_line, int_option, pct, uri  # noqa: E402

corpus, opts, cmd = command_line(sys.argv[1:])


def opt(name, default):
    return int_option(opts, name, default)


N_EDITS, HOVER_EVERY, INFLIGHT, SEED = opt("--edits", 5000), opt("--hover-every", 20), opt("--inflight", 200), opt("--seed", 7)
RATE = opt("--rate", 0)  # edits per second; 0: as fast as the pipe takes them


def utf16_len(s):
    return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)


def position(text, offset):
    """Code-point offset -> protocol position (UTF-16 columns); the text has only \\n line breaks."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": utf16_len(text[start:offset])}


INSERTS = [" فلاديمير بوتين ", "بوتين", " كيم جونغ أون ", "في موسكو ", "ا", "ل", " وقال ", "🙂", "👍🏽", "\n",
           " ويتوقع مراقبون أن ترتفع الأسعار ", " مصادر مطلعة ", "\u200f", "،"]

figures = {}
files = sorted(os.path.join(r, f) for r, _, fs in os.walk(corpus) for f in fs if f.endswith((".txt", ".md")))
random.seed(SEED)
t0 = time.perf_counter()
server = Server(cmd)
server.request("initialize", {"processId": os.getpid(), "rootUri": uri(corpus),
                              "workspaceFolders": [{"uri": uri(corpus), "name": "corpus"}],
                              "capabilities": {"general": {"positionEncodings": ["utf-16"]},
                                               "window": {"workDoneProgress": True},
                                               "textDocument": {"publishDiagnostics": {"versionSupport": True}}}})
server.notify("initialized", {})
# --- 0. Responsiveness while indexing: hovers on an open document, one at a time, until the index is ready ---------
probe = "untitled:load-bench-probe"
server.notify("textDocument/didOpen", {"textDocument": {"uri": probe, "languageId": "plaintext", "version": 1,
                                                        "text": "التقى الرئيس الروسي فلاديمير بوتين في موسكو."}})
during, named = [], 0
while True:
    with server.lock:
        if server.progress_end is not None:
            break
    if time.perf_counter() - t0 > 1200:
        sys.exit("no end of indexing progress after 1200 s")
    ms, result = server.request("textDocument/hover", {"textDocument": {"uri": probe}, "position": {"line": 0, "character": 30}})
    during.append(ms)
    named += bool(result) and "Putin" in json.dumps(result)
    time.sleep(0.05)
figures["articles"], figures["index_ready_s"] = len(files), round(server.progress_end - t0, 2)
print("articles: %d; index ready after %.2f s" % (len(files), server.progress_end - t0))
if during:
    figures.update({"hovers_while_indexing": len(during), "hover_while_indexing_p50_ms": round(pct(during, 0.5), 2),
                    "hover_while_indexing_p95_ms": round(pct(during, 0.95), 2),
                    "hover_while_indexing_max_ms": round(max(during), 2)})
    print("hover while indexing: %d hovers (%d naming Putin), p50 %.2f ms, p95 %.2f ms, max %.2f ms"
          % (len(during), named, pct(during, 0.5), pct(during, 0.95), max(during)))

# --- 1. The storm -----------------------------------------------------------------------------------------------
best, best_n = None, -1
for path in random.sample(files, min(40, len(files))):
    _, symbols = server.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(path)}})
    n = sum(len(g.get("children") or []) for g in symbols or [])
    if n > best_n:
        best, best_n = path, n
text = open(best, encoding="utf-8").read().replace("\r\n", "\n").replace("\r", "\n")
doc = uri(best)
server.notify("textDocument/didOpen", {"textDocument": {"uri": doc, "languageId": "plaintext", "version": 1, "text": text}})
server.request("textDocument/hover", {"textDocument": {"uri": doc}, "position": {"line": 0, "character": 0}})
print("storm on %s (%d characters, %d entities): %d edits, a hover every %d"
      % (os.path.relpath(best, corpus), len(text), best_n, N_EDITS, HOVER_EVERY))
version, hovers = 1, []
storm_start = time.perf_counter()
for step in range(N_EDITS):
    if RATE:
        time.sleep(max(0.0, storm_start + step / RATE - time.perf_counter()))
    start = random.randrange(len(text) + 1)
    if random.random() < 0.35 and start < len(text):
        end, new = min(len(text), start + 1 + random.randrange(16)), ""
    else:
        end, new = start, random.choice(INSERTS)
    version += 1
    server.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": version}, "contentChanges": [
        {"range": {"start": position(text, start), "end": position(text, end)}, "text": new}]})
    text = text[:start] + new + text[end:]
    if step % HOVER_EVERY == HOVER_EVERY - 1:
        hovers.append(server.send_request("textDocument/hover", {"textDocument": {"uri": doc},
                                                                 "position": position(text, random.randrange(len(text) + 1))}))
sent = time.perf_counter()
end, _ = server.wait(server.send_request("textDocument/documentHighlight",
                                         {"textDocument": {"uri": doc}, "position": {"line": 0, "character": 0}})[0])
absorbed = end - storm_start
lat = []
for rid, start in hovers:
    arrived, msg = server.wait(rid)
    lat.append((arrived - start) * 1000)
    if "error" in msg:
        print("hover error during the storm:", msg["error"])
figures.update({"storm_edits": N_EDITS, "storm_rate_limit": RATE, "storm_client_send_s": round(sent - storm_start, 2),
                "storm_edits_per_s": round(N_EDITS / absorbed), "storm_hovers": len(lat)})
print("storm: %d edits sent in %.2f s%s, absorbed in %.2f s: %d edits/s"
      % (N_EDITS, sent - storm_start, " (paced at %d/s)" % RATE if RATE else "", absorbed, N_EDITS / absorbed))
if lat:
    figures.update({"storm_hover_p50_ms": round(pct(lat, 0.5), 2), "storm_hover_p95_ms": round(pct(lat, 0.95), 2),
                    "storm_hover_p99_ms": round(pct(lat, 0.99), 2), "storm_hover_max_ms": round(max(lat), 2)})
    print("hover during the storm: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms over %d"
          % (pct(lat, 0.5), pct(lat, 0.95), pct(lat, 0.99), max(lat), len(lat)))

# The last diagnostics are for the last version, and none arrives after it for an older one.
deadline = time.perf_counter() + 30
with server.lock:
    while not any(p.get("version") == version for _, p in server.diagnostics.get(doc, [])):
        if not server.lock.wait(max(0.01, deadline - time.perf_counter())) and time.perf_counter() > deadline:
            break
time.sleep(0.5)
with server.lock:
    published = server.diagnostics.get(doc, [])
last = published[-1][1] if published else {}
stale = sum(1 for _, p in published if p.get("version") != version)
figures["final_diagnostics_version_ok"] = last.get("version") == version
figures["diagnostics_published_during_storm"] = len(published)
print("diagnostics: %d published for the document (%d for earlier versions, during the storm); last for version %s, "
      "last sent %d: %s" % (len(published), stale, last.get("version"), version,
                            "OK" if last.get("version") == version else "MISMATCH"))
fresh = "untitled:load-bench-fresh"
server.notify("textDocument/didOpen", {"textDocument": {"uri": fresh, "languageId": "plaintext", "version": 1, "text": text}})
_, reopened = server.request("textDocument/documentSymbol", {"textDocument": {"uri": fresh}})
# Asked after the fresh copy is open: names found by corpus-wide discovery count the copy's mentions too.
_, stormed = server.request("textDocument/documentSymbol", {"textDocument": {"uri": doc}})
same = json.dumps(stormed, sort_keys=True) == json.dumps(reopened, sort_keys=True)
figures["server_text_equals_client_text"] = same
print("server text = client text (documentSymbol of the stormed document = of its text opened fresh): %s"
      % ("OK" if same else "MISMATCH"))

# --- 2. Cancellation -----------------------------------------------------------------------------------------------
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def heavy(i):
    if i % 2:
        return "workspace/symbol", {"query": LETTERS[i % len(LETTERS)]}
    return "textDocument/references", {"textDocument": {"uri": doc}, "position": position(text, (i * 7919) % len(text)),
                                       "context": {"includeDeclaration": True}}


pending = [server.send_request(*heavy(i)) for i in range(INFLIGHT)]
cancel_sent = time.perf_counter()
for rid, _ in pending:
    server.notify("$/cancelRequest", {"id": rid})
answers, cancelled = [], 0
for rid, _ in pending:
    arrived, msg = server.wait(rid)
    answers.append((arrived - cancel_sent) * 1000)
    cancelled += msg.get("error", {}).get("code") == -32800
figures.update({"cancel_requests": INFLIGHT, "cancelled": cancelled, "cancel_all_answered_ms": round(max(answers), 1),
                "cancel_answer_p50_ms": round(pct(answers, 0.5), 1)})
print("cancellation: %d heavy requests then $/cancelRequest for each: all answered %.1f ms after the cancels "
      "(p50 %.1f ms), %d of them cancelled" % (INFLIGHT, max(answers), pct(answers, 0.5), cancelled))

# --- 3. Shutdown under load ----------------------------------------------------------------------------------------
rss = None
for line in open("/proc/%d/status" % server.proc.pid):
    if line.startswith("VmHWM"):
        rss = int(line.split()[1]) // 1024
pending = [server.send_request(*heavy(i)) for i in range(INFLIGHT)]
ms, _ = server.request("shutdown", None)
exit_sent = time.perf_counter()
server.notify("exit", None)
server.proc.wait(30)
exited = (time.perf_counter() - exit_sent) * 1000
figures.update({"shutdown_under_load_ms": round(ms, 1), "exit_ms": round(exited, 1), "peak_rss_mb": rss})
print("shutdown with %d heavy requests in flight: answered in %.1f ms; exit -> process gone in %.1f ms" % (INFLIGHT, ms, exited))
print("peak resident memory: %s MB" % rss)
print(json.dumps(figures))
