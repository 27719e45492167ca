"""The small LSP client the benchmarks share: framed JSON-RPC over a server's stdin/stdout, responses and
notifications time-stamped on arrival, requests from the server answered with null. Standard library only."""
import json, os, subprocess, sys, threading, time, urllib.parse


def command_line(argv):
    """`CORPUS_DIR [--flag N …] -- server command…` → (absolute corpus dir, options list, server command)."""
    if "--" not in argv:
        sys.exit("usage: CORPUS_DIR [options] -- target/release/isnad lsp")
    opts, cmd = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    return os.path.abspath(opts[0]), opts, cmd


def int_option(opts, name, default):
    return int(opts[opts.index(name) + 1]) if name in opts else default


def uri(path):
    return "file://" + urllib.parse.quote(path)


class Server:
    """A minimal LSP client: framed JSON-RPC over the server's stdin/stdout; responses time-stamped on arrival."""

    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.lock = threading.Condition()
        self.wlock = threading.Lock()
        self.responses, self.diagnostics, self.progress_end = {}, {}, None
        self.next_id = 0
        # Responses longer than this are not parsed (only their id is read): a benchmark that floods the
        # server with huge answers measures the server, not Python's JSON parser holding the GIL.
        self.parse_limit = None
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self.lock:
                        self.lock.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            now = time.perf_counter()
            if self.parse_limit is not None and length > self.parse_limit:
                tail = body[-64:].decode("utf-8", "replace")
                rid = int(tail.rsplit('"id":', 1)[1].strip(" }"))
                with self.lock:
                    self.responses[rid] = (now, {"id": rid, "result_bytes": length})
                    self.lock.notify_all()
                continue
            msg = json.loads(body)
            if "id" in msg and "method" in msg:  # a request from the server: answer null
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                continue
            with self.lock:
                if "id" in msg:
                    self.responses[msg["id"]] = (now, msg)
                elif msg.get("method") == "$/progress" and msg["params"]["value"].get("kind") == "end":
                    self.progress_end = now
                elif msg.get("method") == "textDocument/publishDiagnostics":
                    self.diagnostics.setdefault(msg["params"]["uri"], []).append((now, msg["params"]))
                self.lock.notify_all()

    def send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode()
        with self.wlock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            self.proc.stdin.flush()

    def send_request(self, method, params):
        """Sends a request without waiting; returns (id, time sent)."""
        with self.lock:
            self.next_id += 1
            rid = self.next_id
        start = time.perf_counter()
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid, start

    def wait(self, rid, timeout=120):
        """(arrival time, message) of the response to `rid`."""
        with self.lock:
            while rid not in self.responses:
                if self.proc.poll() is not None or not self.lock.wait(timeout):
                    raise TimeoutError("no response to request %d" % rid)
            return self.responses.pop(rid)

    def request(self, method, params, timeout=120):
        rid, start = self.send_request(method, params)
        end, msg = self.wait(rid, timeout)
        return (end - start) * 1000, msg.get("result")

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


