//! Helpers of the protocol and CLI tests: a temporary corpus directory, UTF-16 position helpers,
//! an editor's application of a workspace edit, and [`Server`], the real `isnad` binary spawned
//! over stdio (`inproc::Server` runs the server in the test process instead; both are driven
//! through a [`Client`]).
//!
//! The stdio reader thread answers the server's own requests (`client/registerCapability`,
//! `window/workDoneProgress/create`) with a null result at once, so the server never waits on
//! the test, and forwards every message to the test, which picks what it waits for and keeps
//! the rest buffered. Responses that no request consumed are reported by [`Server::finish`].

#![allow(dead_code)]

pub mod client;
pub mod inproc;

use std::io::{BufRead, BufReader, Read, Write};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use client::Client;
use serde_json::{json, Value};

/// A sentence the claim model flags as an unsourced claim wherever it stands (the sample corpus
/// has none: tests that need the check add it to an article).
pub const UNSOURCED: &str = "كل الشواهد باتت تؤكد أن الاتفاق صار في حكم الحقيقة، ولم تتبق سوى ساعات من أجل الإعلان عنه.";

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

/// The `isnad` binary, started over stdio; the requests and the waiting are the [`Client`]'s.
pub struct Server {
    client: Client,
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    reader: Option<JoinHandle<()>>,
}

impl Deref for Server {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl DerefMut for Server {
    fn deref_mut(&mut self) -> &mut Client {
        &mut self.client
    }
}

fn write_bytes(stdin: &Mutex<Option<ChildStdin>>, bytes: &[u8]) -> std::io::Result<()> {
    let mut guard = stdin.lock().unwrap();
    let w = guard.as_mut().ok_or_else(|| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "stdin closed"))?;
    w.write_all(bytes)?;
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
                if let Some(answer) = client::accept_server_request(&msg, answers_requests) {
                    let _ = write_bytes(&reader_stdin, &answer);
                }
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let writer = stdin.clone();
        let log = stderr.clone();
        let client = Client::new(
            Box::new(move |bytes| write_bytes(&writer, bytes)),
            rx,
            Box::new(move || log.lock().unwrap().clone()),
        );
        Server { client, child, stdin, reader: Some(reader) }
    }

    /// Starts the server in `root`, initializes it and waits for the index.
    pub fn start_indexed(args: &[&str], root: &Path) -> Server {
        let mut s = Server::spawn(args, root);
        s.initialize(root);
        s.initialized_and_indexed();
        s
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
        self.client.assert_every_response_consumed();
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
