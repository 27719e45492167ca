//! An in-process client for protocol tests: runs `isnad::lsp::serve` on a tokio runtime of its
//! own inside the test process, over two `tokio::io::duplex` pipes, with the same surface as the
//! stdio [`super::Server`] (`initialize`, `notify`, `request`, `ok`, `diagnostics`, `wait_for`…),
//! so a test moves here by changing its constructor.
//!
//! The bytes still go through the real framing (`Content-Length` headers, the server's guard in
//! front of the protocol reader); only the process is gone. Every server of a test binary shares
//! one knowledge base and tagger (loaded once). The server's log lines (`ISNAD_LOG`, default
//! `warn`) are kept in memory for the whole test binary and read with [`Server::stderr`].
//! [`Server::render`] prints a message as stable pretty JSON with the workspace path replaced by
//! `$ROOT`, for whole-JSON snapshots with `expect-test`.

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use isnad::analysis::corpus::KbData;
use isnad::analysis::kb::Kb;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

use super::{file_uri, EXIT_WITHIN, WAIT};

/// The knowledge base and tagger every in-process server of the test binary uses (the binary
/// builds the same at start-up).
static KB: LazyLock<Arc<KbData>> = LazyLock::new(|| {
    let tagger = isnad::models::tagger().expect("the built-in tagger loads");
    Arc::new(KbData::new(Kb::builtin()).with_tagger(tagger))
});

/// Large enough for a whole article in one message.
const PIPE: usize = 1 << 16;

/// At most this much of the servers' log is kept (a test that logs a line per broken input line
/// must not fill the memory).
const MAX_LOG: usize = 4 << 20;

/// Log lines of every server in this test binary, as the binary would write them to stderr.
static LOG: Mutex<String> = Mutex::new(String::new());

struct Capture(log::LevelFilter);

impl log::Log for Capture {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= self.0
    }

    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            let mut log = LOG.lock().unwrap_or_else(|e| e.into_inner());
            if log.len() < MAX_LOG {
                log.push_str(&format!("[{} {}] {}\n", record.level(), record.target(), record.args()));
            }
        }
    }

    fn flush(&self) {}
}

fn capture_logs() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let level = std::env::var("ISNAD_LOG").ok().and_then(|l| l.parse().ok()).unwrap_or(log::LevelFilter::Warn);
        if log::set_boxed_logger(Box::new(Capture(level))).is_ok() {
            log::set_max_level(level);
        }
    });
}

/// What the test writes to the server: bytes in order, or `None` once the input was closed.
type Input = Arc<Mutex<Option<UnboundedSender<Vec<u8>>>>>;

fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).unwrap();
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(&body);
    bytes
}

fn write(input: &Input, bytes: Vec<u8>) -> Result<(), &'static str> {
    let guard = input.lock().unwrap();
    guard.as_ref().ok_or("input closed")?.send(bytes).map_err(|_| "the server stopped reading")
}

/// Reads one framed message; `None` at end of stream.
async fn read_frame(r: &mut BufReader<DuplexStream>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("bad header line {line:?}"));
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse::<usize>().expect("numeric Content-Length"));
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    r.read_exact(&mut body).await.ok()?;
    Some(
        serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("server sent invalid JSON ({e}): {}", String::from_utf8_lossy(&body))),
    )
}

fn is_response(msg: &Value) -> bool {
    msg.get("method").is_none() && msg.get("id").is_some()
}

/// `isnad::lsp::serve` running in this process.
pub struct Server {
    runtime: Option<tokio::runtime::Runtime>,
    input: Input,
    rx: Receiver<Value>,
    served: tokio::task::JoinHandle<()>,
    reader: Option<tokio::task::JoinHandle<()>>,
    /// Received and not yet consumed, in arrival order.
    buffered: VecDeque<Value>,
    next_id: i64,
    /// Ids of our requests whose responses have not been consumed yet.
    outstanding: HashSet<i64>,
    /// The workspace given to [`Server::initialize`], shown as `$ROOT` by [`Server::render`].
    root: Option<PathBuf>,
}

impl Server {
    /// A server and a client that accepts each of the server's own requests (registrations,
    /// progress tokens, edits) with a null result at once, like the stdio `Server::spawn`.
    pub fn start() -> Server {
        Server::with_client(true)
    }

    /// A server whose client never answers the server's own requests.
    pub fn start_unanswering() -> Server {
        Server::with_client(false)
    }

    fn with_client(answers_requests: bool) -> Server {
        capture_logs();
        let kb = KB.clone();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let (mut to_server, server_in) = tokio::io::duplex(PIPE);
        let (server_out, from_server) = tokio::io::duplex(PIPE);
        let served = runtime.spawn(isnad::lsp::serve(kb, server_in, server_out));
        let (tx, mut bytes) = unbounded_channel::<Vec<u8>>();
        runtime.spawn(async move {
            while let Some(b) = bytes.recv().await {
                if to_server.write_all(&b).await.is_err() {
                    break;
                }
            }
            // Every sender is gone: the input is closed.
            let _ = to_server.shutdown().await;
        });
        let input: Input = Arc::new(Mutex::new(Some(tx)));
        let (msgs, rx) = mpsc::channel();
        let replies = input.clone();
        let reader = runtime.spawn(async move {
            let mut r = BufReader::new(from_server);
            while let Some(msg) = read_frame(&mut r).await {
                if msg.get("method").is_some() && answers_requests {
                    if let Some(id) = msg.get("id") {
                        let _ = write(&replies, frame(&json!({"jsonrpc": "2.0", "id": id, "result": null})));
                    }
                }
                if msgs.send(msg).is_err() {
                    break;
                }
            }
        });
        Server {
            runtime: Some(runtime),
            input,
            rx,
            served,
            reader: Some(reader),
            buffered: VecDeque::new(),
            next_id: 1,
            outstanding: HashSet::new(),
            root: None,
        }
    }

    /// Starts a server, initializes it on `root` and waits for the index.
    pub fn start_indexed(root: &Path) -> Server {
        let mut s = Server::start();
        s.initialize(root);
        s.initialized_and_indexed();
        s
    }

    /// What the in-process servers of this test binary logged so far (for failure messages and
    /// log checks; other tests' servers log here too).
    pub fn stderr(&self) -> String {
        LOG.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn send(&self, msg: &Value) {
        self.send_bytes(&frame(msg));
    }

    /// Writes a frame with an arbitrary body (for malformed-message tests).
    pub fn send_raw(&self, body: &[u8]) {
        let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        bytes.extend_from_slice(body);
        self.send_bytes(&bytes);
    }

    /// Writes raw bytes to the server's input (several frames, broken headers…).
    pub fn send_bytes(&self, bytes: &[u8]) {
        write(&self.input, bytes.to_vec()).unwrap_or_else(|e| panic!("cannot write to the server ({e})"));
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id, without waiting.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.outstanding.insert(id);
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Waits for the response to request `id`: `Ok(result)` or `Err(error object)`.
    pub fn response(&mut self, id: i64) -> Result<Value, Value> {
        let msg = self.wait_for(&format!("the response to request {id}"), |m| is_response(m) && m["id"] == json!(id));
        self.outstanding.remove(&id);
        match msg.get("error") {
            Some(e) => Err(e.clone()),
            None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Sends a request and waits for its response.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// A request that must succeed.
    pub fn ok(&mut self, method: &str, params: Value) -> Value {
        let what = format!("{method} {params}");
        self.request(method, params).unwrap_or_else(|e| panic!("{what} answered with an error: {e}"))
    }

    /// Removes and returns the first message (buffered or new) matching `pred`.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.buffered.iter().position(&pred) {
            return self.buffered.remove(i).unwrap();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(msg) if pred(&msg) => return msg,
                Ok(msg) => self.buffered.push_back(msg),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; unconsumed messages: {:#?}", self.buffered)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output while we waited for {what}; unconsumed: {:#?}", self.buffered)
                }
            }
        }
    }

    /// The next notification `method` whose params match `pred`.
    pub fn notification(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let msg = self.wait_for(&format!("a {method} notification"), |m| {
            m["method"] == method && m.get("id").is_none() && pred(&m["params"])
        });
        msg["params"].clone()
    }

    /// The next `textDocument/publishDiagnostics` for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        self.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri)
    }

    /// `initialize` with UTF-16 positions, progress support and `root` as the workspace folder
    /// (the capabilities of the stdio `Server::initialize`); returns the result.
    pub fn initialize(&mut self, root: &Path) -> Value {
        let uri = file_uri(root);
        self.initialize_with(
            root,
            json!({
                "processId": std::process::id(),
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "corpus"}],
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "window": {"workDoneProgress": true},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {"versionSupport": true}
                    }
                }
            }),
        )
    }

    /// `initialize` with the given params; `root` is what [`Server::render`] shows as `$ROOT`.
    pub fn initialize_with(&mut self, root: &Path, params: Value) -> Value {
        self.root = Some(root.to_path_buf());
        self.ok("initialize", params)
    }

    /// `initialized`, then waits until the workspace index is built (`$/progress` end).
    pub fn initialized_and_indexed(&mut self) {
        self.notify("initialized", json!({}));
        self.wait_for("window/workDoneProgress/create", |m| m["method"] == "window/workDoneProgress/create");
        self.notification("$/progress", |p| p["value"]["kind"] == "end");
    }

    pub fn open(&self, uri: &str, text: &str, version: i32) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        );
    }

    pub fn hover(&mut self, uri: &str, position: Value) -> Value {
        self.ok("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": position}))
    }

    /// Closes the server's input (as a client closing stdin).
    pub fn close_stdin(&self) {
        self.input.lock().unwrap().take();
    }

    /// Whether `serve` has returned (the process would have exited).
    pub fn exited(&self) -> bool {
        self.served.is_finished()
    }

    /// Waits up to `limit` for `serve` to return; whether it did.
    pub fn wait_exit(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while !self.exited() {
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        true
    }

    /// `shutdown`, `exit`, end of input; asserts that `serve` returned within [`EXIT_WITHIN`] and
    /// that every response the server sent was consumed by the request that asked for it.
    pub fn finish(mut self) {
        let shutdown = self.request("shutdown", Value::Null);
        assert_eq!(shutdown, Ok(Value::Null), "shutdown answers null");
        self.notify("exit", Value::Null);
        let exited = self.wait_exit(EXIT_WITHIN);
        self.close_stdin();
        assert!(exited, "the server did not stop within {EXIT_WITHIN:?} of `exit`");
        self.assert_no_unconsumed_responses();
    }

    /// After the server stopped: no response is left over, and no request of ours is unanswered.
    pub fn assert_no_unconsumed_responses(&mut self) {
        if let (Some(reader), Some(runtime)) = (self.reader.take(), self.runtime.as_ref()) {
            runtime
                .block_on(async { tokio::time::timeout(EXIT_WITHIN, reader).await })
                .expect("the server's output ends when it stops")
                .expect("reader task");
        }
        while let Ok(msg) = self.rx.try_recv() {
            self.buffered.push_back(msg);
        }
        let leftover: Vec<&Value> = self.buffered.iter().filter(|m| is_response(m)).collect();
        assert!(leftover.is_empty(), "responses nobody asked for or consumed: {leftover:#?}");
        assert!(self.outstanding.is_empty(), "requests never answered: {:?}", self.outstanding);
    }

    /// The buffered (received, unconsumed) messages.
    pub fn buffered(&self) -> &VecDeque<Value> {
        &self.buffered
    }

    /// Moves every message that arrives within `quiet` of the previous one into the buffer
    /// (stops at the first `quiet` gap, or after `limit` in total).
    pub fn drain(&mut self, quiet: Duration, limit: Duration) {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            match self.rx.recv_timeout(quiet) {
                Ok(msg) => self.buffered.push_back(msg),
                Err(_) => break,
            }
        }
    }

    /// Stops expecting a response to request `id` (the server may have lost it).
    pub fn forget(&mut self, id: i64) {
        self.outstanding.remove(&id);
    }

    /// Stops expecting responses to any request sent so far.
    pub fn clear_outstanding(&mut self) {
        self.outstanding.clear();
    }

    /// `value` as stable pretty JSON, the workspace given to `initialize` shown as `$ROOT`.
    pub fn render(&self, value: &Value) -> String {
        let root = self.root.as_deref().expect("render after initialize");
        render(value, &[(root, "$ROOT")])
    }
}

/// `value` as stable pretty JSON (object keys sorted; an object or array that fits in
/// [`LINE`] columns on one line), with each directory of `places` shown by its name (`$ROOT`,
/// `$OUTSIDE`), in URIs and in plain paths; the longest directory first.
pub fn render(value: &Value, places: &[(&Path, &str)]) -> String {
    let mut text = String::new();
    pretty(value, 0, 0, &mut text);
    let mut places: Vec<(String, &str)> =
        places.iter().map(|(p, name)| (file_uri(p)["file://".len()..].to_string(), *name)).collect();
    places.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    for (path, name) in places {
        text = text.replace(&path, name);
    }
    text
}

/// Columns a snapshot line may take before an object or array is broken over lines.
const LINE: usize = 110;

fn sorted_entries(map: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries
}

/// On one line, with a space after `:` and `,`.
fn compact(value: &Value) -> String {
    let key = |k: &String| serde_json::to_string(k).unwrap();
    match value {
        Value::Object(map) => {
            let items: Vec<String> =
                sorted_entries(map).into_iter().map(|(k, v)| format!("{}: {}", key(k), compact(v))).collect();
            format!("{{{}}}", items.join(", "))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(compact).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

/// `value` at `indent`, after `lead` columns of its key on the line.
fn pretty(value: &Value, indent: usize, lead: usize, out: &mut String) {
    let one_line = compact(value);
    let (open, close, items): (char, char, Vec<(Option<&String>, &Value)>) = match value {
        Value::Object(map) => ('{', '}', sorted_entries(map).into_iter().map(|(k, v)| (Some(k), v)).collect()),
        Value::Array(items) => ('[', ']', items.iter().map(|v| (None, v)).collect()),
        _ => return out.push_str(&one_line),
    };
    if items.is_empty() || indent + lead + one_line.chars().count() <= LINE {
        return out.push_str(&one_line);
    }
    out.push(open);
    for (i, (key, item)) in items.iter().enumerate() {
        out.push('\n');
        out.push_str(&" ".repeat(indent + 2));
        let mut lead = 0;
        if let Some(key) = key {
            let key = format!("{}: ", serde_json::to_string(key).unwrap());
            lead = key.chars().count();
            out.push_str(&key);
        }
        pretty(item, indent + 2, lead, out);
        if i + 1 < items.len() {
            out.push(',');
        }
    }
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push(close);
}

impl Drop for Server {
    fn drop(&mut self) {
        self.close_stdin();
        // Background work of the server (an index build, an analysis) is not waited for, as the
        // process's `exit` does not wait for it.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
