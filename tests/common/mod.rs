//! A small JSON-RPC client for end-to-end tests: spawns the real `isnad` binary, frames
//! messages with `Content-Length` headers, and reads the server's output on a thread.
//!
//! The reader thread answers the server's own requests (`client/registerCapability`,
//! `window/workDoneProgress/create`) with a null result at once, so the server never waits on
//! the test, and forwards every message to the test, which picks what it waits for and keeps
//! the rest buffered. Responses that no request consumed are reported by [`Server::finish`].
//! Also: a temporary corpus directory and UTF-16 position helpers.

#![allow(dead_code)]

pub mod inproc;

use std::collections::{HashSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long a test waits for an answer before failing (debug builds on a busy machine).
pub const WAIT: Duration = Duration::from_secs(30);
/// How long the process may take to exit after `exit` or end of input.
pub const EXIT_WITHIN: Duration = Duration::from_secs(5);

/// The seed articles, copied into each test's corpus.
pub fn seed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus")
}

/// The seed article whose file name starts with `prefix` (`"000"` … `"004"`).
pub fn seed_name(prefix: &str) -> String {
    let mut names: Vec<String> = std::fs::read_dir(seed_dir())
        .expect("examples/corpus exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 1, "exactly one seed article starts with {prefix}: {names:?}");
    names.pop().unwrap()
}

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir {
    pub path: PathBuf,
}

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("isnad-test-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir { path }
    }

    /// A temp dir holding copies of the five seed articles.
    pub fn with_seed_corpus(label: &str) -> TempDir {
        let dir = TempDir::new(label);
        let mut copied = 0;
        for entry in std::fs::read_dir(seed_dir()).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&p, dir.path.join(p.file_name().unwrap())).unwrap();
                copied += 1;
            }
        }
        assert_eq!(copied, 5, "the seed corpus has five articles");
        dir
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// `file://` URI of an absolute path, percent-encoding like the server does.
pub fn file_uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_str().expect("UTF-8 path").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// The path of a `file://` URI (percent-decoded).
pub fn uri_path(uri: &str) -> PathBuf {
    let rest = uri.strip_prefix("file://").unwrap_or_else(|| panic!("not a file URI: {uri}"));
    let bytes = rest.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8(out).unwrap())
}

/// Line starts as the protocol counts lines: `\n`, `\r\n` and a lone `\r` all end a line.
pub fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' {
            if i + 1 < b.len() && b[i + 1] == b'\n' {
                i += 1;
            }
            starts.push(i + 1);
        } else if b[i] == b'\n' {
            starts.push(i + 1);
        }
        i += 1;
    }
    starts
}

/// Byte offset → protocol position with UTF-16 columns.
pub fn utf16_position(text: &str, offset: usize) -> Value {
    let starts = line_starts(text);
    let line = starts.iter().rposition(|&s| s <= offset).expect("line 0 starts at 0");
    let character: usize = text[starts[line]..offset].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// Protocol position with UTF-16 columns → byte offset (clamped to the line's end).
pub fn utf16_offset(text: &str, pos: &Value) -> usize {
    let starts = line_starts(text);
    let line = pos["line"].as_u64().expect("line") as usize;
    let character = pos["character"].as_u64().expect("character") as usize;
    assert!(line < starts.len(), "position {pos} past the last line");
    let start = starts[line];
    let end = text[start..].find(['\r', '\n']).map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

/// The text of a hover's contents (markup, string or list), empty when there is none.
pub fn hover_text(hover: &Value) -> String {
    match &hover["contents"] {
        Value::String(s) => s.clone(),
        Value::Object(o) => o["value"].as_str().unwrap_or_default().to_string(),
        Value::Array(a) => {
            a.iter().map(|v| v["value"].as_str().or(v.as_str()).unwrap_or_default()).collect::<Vec<_>>().join("\n")
        }
        _ => String::new(),
    }
}

/// The text a protocol range (UTF-16 columns) covers.
pub fn range_text<'t>(text: &'t str, range: &Value) -> &'t str {
    &text[utf16_offset(text, &range["start"])..utf16_offset(text, &range["end"])]
}

/// Byte offset of the `nth` (0-based) occurrence of `needle`.
pub fn find_nth(text: &str, needle: &str, nth: usize) -> usize {
    text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("«{needle}» occurs fewer than {} times", nth + 1)).0
}

/// A position inside the `nth` occurrence of `needle` (one character in, so it is clearly
/// on the word rather than on its edge).
pub fn pos_in(text: &str, needle: &str, nth: usize) -> Value {
    let start = find_nth(text, needle, nth);
    let second = needle.chars().next().unwrap().len_utf8();
    utf16_position(text, start + second)
}

/// The `isnad` binary, started over stdio.
pub struct Server {
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    rx: Receiver<Value>,
    reader: Option<JoinHandle<()>>,
    stderr: Arc<Mutex<String>>,
    /// Received and not yet consumed, in arrival order.
    buffered: VecDeque<Value>,
    next_id: i64,
    /// Ids of our requests whose responses have not been consumed yet.
    outstanding: HashSet<i64>,
}

fn write_frame(stdin: &Mutex<Option<ChildStdin>>, msg: &Value) -> std::io::Result<()> {
    let body = serde_json::to_vec(msg).unwrap();
    let mut guard = stdin.lock().unwrap();
    let w = guard.as_mut().ok_or_else(|| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "stdin closed"))?;
    write!(w, "Content-Length: {}\r\n\r\n", body.len())?;
    w.write_all(&body)?;
    w.flush()
}

/// Reads one framed message; `None` at end of stream.
fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
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
    let length = length.expect("a Content-Length header");
    let mut body = vec![0; length];
    r.read_exact(&mut body).ok()?;
    Some(
        serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("server sent invalid JSON ({e}): {}", String::from_utf8_lossy(&body))),
    )
}

fn is_response(msg: &Value) -> bool {
    msg.get("method").is_none() && msg.get("id").is_some()
}

impl Server {
    /// Starts `isnad ARGS…` in `cwd`.
    pub fn spawn(args: &[&str], cwd: &Path) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_isnad"));
        cmd.args(args);
        Server::spawn_command(cmd, cwd)
    }

    /// Starts `isnad ARGS…` in `cwd` as user and group 65534 (nobody) through `setpriv`, for
    /// tests of permissions that root would ignore; `None` when that is not possible here.
    pub fn spawn_unprivileged(args: &[&str], cwd: &Path) -> Option<Server> {
        let probe = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_isnad"), "--help"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !probe.is_ok_and(|s| s.success()) {
            return None;
        }
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_isnad")]).args(args);
        Some(Server::spawn_command(cmd, cwd))
    }

    /// Starts `isnad ARGS…` in `cwd` as a client that never answers the server's own requests
    /// (registrations, progress tokens, edits); [`Server::spawn`] accepts each of them.
    pub fn spawn_unanswering(args: &[&str], cwd: &Path) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_isnad"));
        cmd.args(args);
        Server::spawn_client(cmd, cwd, false)
    }

    /// Starts a prepared command (the binary, or a wrapper around it) in `cwd`.
    pub fn spawn_command(cmd: Command, cwd: &Path) -> Server {
        Server::spawn_client(cmd, cwd, true)
    }

    fn spawn_client(mut cmd: Command, cwd: &Path, answers_requests: bool) -> Server {
        let mut child = cmd
            .current_dir(cwd)
            .env("ISNAD_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn isnad");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let stdout = child.stdout.take().unwrap();
        let mut stderr_pipe = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let stderr = stderr.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = stderr_pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    stderr.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let (tx, rx) = mpsc::channel();
        let reader_stdin = stdin.clone();
        let reader = std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_frame(&mut r) {
                if msg.get("method").is_some() && answers_requests {
                    if let Some(id) = msg.get("id") {
                        // A request from the server: accept it.
                        let _ = write_frame(&reader_stdin, &json!({"jsonrpc": "2.0", "id": id, "result": null}));
                    }
                }
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            reader: Some(reader),
            stderr,
            buffered: VecDeque::new(),
            next_id: 1,
            outstanding: HashSet::new(),
        }
    }

    /// What the server wrote to stderr so far (for failure messages).
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn send(&self, msg: &Value) {
        write_frame(&self.stdin, msg)
            .unwrap_or_else(|e| panic!("cannot write to the server ({e}); stderr:\n{}", self.stderr()));
    }

    /// Writes a frame with an arbitrary body (for malformed-message tests).
    pub fn send_raw(&self, body: &[u8]) {
        let mut guard = self.stdin.lock().unwrap();
        let w = guard.as_mut().expect("stdin open");
        write!(w, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        w.write_all(body).unwrap();
        w.flush().unwrap();
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
                Err(RecvTimeoutError::Timeout) => panic!(
                    "timed out waiting for {what}; unconsumed messages: {:#?}\nstderr:\n{}",
                    self.buffered,
                    self.stderr()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server closed its output while we waited for {what}; unconsumed: {:#?}\nstderr:\n{}",
                    self.buffered,
                    self.stderr()
                ),
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

    /// `initialize` with UTF-16 positions, progress support and `root` as the workspace folder;
    /// returns the result.
    pub fn initialize(&mut self, root: &Path) -> Value {
        let uri = file_uri(root);
        self.ok(
            "initialize",
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

    /// `initialized`, then waits until the workspace index is built (`$/progress` end).
    pub fn initialized_and_indexed(&mut self) {
        self.notify("initialized", json!({}));
        self.wait_for("window/workDoneProgress/create", |m| m["method"] == "window/workDoneProgress/create");
        self.notification("$/progress", |p| p["value"]["kind"] == "end");
    }

    /// Starts the server in `root`, initializes it and waits for the index.
    pub fn start_indexed(args: &[&str], root: &Path) -> Server {
        let mut s = Server::spawn(args, root);
        s.initialize(root);
        s.initialized_and_indexed();
        s
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

    /// Closes our end of stdin.
    pub fn close_stdin(&self) {
        self.stdin.lock().unwrap().take();
    }

    /// Waits up to `limit` for the process to exit.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `shutdown`, `exit`, end of input; asserts exit status 0 within [`EXIT_WITHIN`] and
    /// that every response the server sent was consumed by the request that asked for it.
    pub fn finish(mut self) {
        let shutdown = self.request("shutdown", Value::Null);
        assert_eq!(shutdown, Ok(Value::Null), "shutdown answers null");
        self.notify("exit", Value::Null);
        let status = self.wait_exit(EXIT_WITHIN);
        self.close_stdin();
        let status = status.unwrap_or_else(|| {
            panic!("the server did not exit within {EXIT_WITHIN:?} of `exit`; stderr:\n{}", self.stderr())
        });
        assert!(status.success(), "exit status {status:?}; stderr:\n{}", self.stderr());
        self.assert_no_unconsumed_responses();
    }

    /// After the process ended: no response is left over, and no request of ours is unanswered.
    pub fn assert_no_unconsumed_responses(&mut self) {
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
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
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Server {
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

    /// Writes raw bytes to the server's stdin (several frames, broken headers…).
    pub fn send_bytes(&self, bytes: &[u8]) {
        let mut guard = self.stdin.lock().unwrap();
        let w = guard.as_mut().expect("stdin open");
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// Stops expecting a response to request `id` (the server may have lost it).
    pub fn forget(&mut self, id: i64) {
        self.outstanding.remove(&id);
    }

    /// Stops expecting responses to any request sent so far.
    pub fn clear_outstanding(&mut self) {
        self.outstanding.clear();
    }
}

/// Applies a workspace edit to the files on disk as an editor would, and returns the paths it
/// touched: files to create first; positions counted on the text the editor shows (a byte order
/// mark hidden, and kept when the file is written back). Fails on what the protocol forbids: two
/// edits of one document that overlap, or one document edited twice in the same workspace edit.
pub fn apply_workspace_edit(edit: &Value) -> Vec<PathBuf> {
    let mut touched = Vec::new();
    for op in edit["documentChanges"].as_array().expect("documentChanges") {
        if op["kind"] == "create" {
            let path = uri_path(op["uri"].as_str().unwrap());
            if !path.exists() {
                std::fs::write(&path, "").unwrap();
            }
            continue;
        }
        let path = uri_path(op["textDocument"]["uri"].as_str().unwrap());
        assert!(!touched.contains(&path), "{} is edited twice in one workspace edit", path.display());
        let raw = std::fs::read_to_string(&path).unwrap();
        let (bom, mut text) = match raw.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest.to_string()),
            None => ("", raw.clone()),
        };
        let mut edits: Vec<(usize, usize, String)> = op["edits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let start = utf16_offset(&text, &e["range"]["start"]);
                let end = utf16_offset(&text, &e["range"]["end"]);
                (start, end, e["newText"].as_str().unwrap().to_string())
            })
            .collect();
        edits.sort_by_key(|e| (e.0, e.1));
        for pair in edits.windows(2) {
            assert!(pair[0].1 <= pair[1].0, "overlapping edits in {}: {pair:?}", path.display());
        }
        for (start, end, new) in edits.into_iter().rev() {
            text.replace_range(start..end, &new);
        }
        std::fs::write(&path, format!("{bom}{text}")).unwrap();
        touched.push(path);
    }
    touched
}
