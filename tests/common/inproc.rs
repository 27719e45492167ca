//! An in-process server for protocol tests: runs `isnad::lsp::serve` on a tokio runtime of its
//! own inside the test process, over two `tokio::io::duplex` pipes. Like the stdio
//! [`super::Server`] it dereferences to a [`Client`] (`initialize`, `notify`, `request`, `ok`,
//! `diagnostics`, `wait_for`…), so a test moves here by changing its constructor.
//!
//! The bytes still go through the real framing (`Content-Length` headers, the server's guard in
//! front of the protocol reader); only the process is gone. Every server of a test binary shares
//! one knowledge base and tagger (loaded once). The server's log lines (`ISNAD_LOG`, default
//! `warn`) are kept in memory for the whole test binary and read with [`Client::stderr`].
//! [`Server::render`] prints a message as stable pretty JSON with the workspace path replaced by
//! `$ROOT`, for whole-JSON snapshots with `expect-test`.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use isnad::analysis::kb::Kb;
use isnad::analysis::knowledge::KbData;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

use super::client::{self, Client};
use super::{file_uri, EXIT_WITHIN};

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

fn write(input: &Input, bytes: &[u8]) -> std::io::Result<()> {
    let guard = input.lock().unwrap();
    let closed = || std::io::Error::new(std::io::ErrorKind::BrokenPipe, "input closed");
    guard.as_ref().ok_or_else(closed)?.send(bytes.to_vec()).map_err(|_| closed())
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

/// `isnad::lsp::serve` running in this process; the requests and the waiting are the
/// [`Client`]'s.
pub struct Server {
    client: Client,
    runtime: Option<tokio::runtime::Runtime>,
    input: Input,
    served: tokio::task::JoinHandle<()>,
    reader: Option<tokio::task::JoinHandle<()>>,
    /// The workspace given to [`Server::initialize`], shown as `$ROOT` by [`Server::render`].
    root: Option<PathBuf>,
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
                if let Some(answer) = client::accept_server_request(&msg, answers_requests) {
                    let _ = write(&replies, &answer);
                }
                if msgs.send(msg).is_err() {
                    break;
                }
            }
        });
        let writer = input.clone();
        let client = Client::new(
            Box::new(move |bytes| write(&writer, bytes)),
            rx,
            Box::new(|| LOG.lock().unwrap_or_else(|e| e.into_inner()).clone()),
        );
        Server { client, runtime: Some(runtime), input, served, reader: Some(reader), root: None }
    }

    /// Starts a server, initializes it on `root` and waits for the index.
    pub fn start_indexed(root: &Path) -> Server {
        let mut s = Server::start();
        s.initialize(root);
        s.initialized_and_indexed();
        s
    }

    /// [`Client::initialize`], remembering `root` for [`Server::render`].
    pub fn initialize(&mut self, root: &Path) -> Value {
        self.initialize_with(root, client::initialize_params(root))
    }

    /// `initialize` with the given params; `root` is what [`Server::render`] shows as `$ROOT`.
    pub fn initialize_with(&mut self, root: &Path, params: Value) -> Value {
        self.root = Some(root.to_path_buf());
        self.ok("initialize", params)
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
        self.client.assert_every_response_consumed();
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
