//! The client side of a protocol test, shared by the stdio [`super::Server`] and the in-process
//! [`super::inproc::Server`] (both dereference to a [`Client`]): frames messages with
//! `Content-Length` headers and writes them to the server's input, numbers requests, and picks
//! what the test waits for from the messages the server sent, keeping the rest buffered in
//! arrival order. It also remembers which requests are still unanswered, so a test can check at
//! the end that every response was consumed by the request that asked for it.

use std::collections::{HashSet, VecDeque};
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{file_uri, WAIT};

/// Writes bytes to the server's input; an error once the input is closed.
pub type Write = Box<dyn Fn(&[u8]) -> std::io::Result<()> + Send>;

/// What the server logged so far (for failure messages).
pub type Log = Box<dyn Fn() -> String + Send>;

/// `Content-Length: N\r\n\r\n` and the body.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// A message as a frame.
pub fn frame_message(msg: &Value) -> Vec<u8> {
    frame(&serde_json::to_vec(msg).unwrap())
}

/// Whether a message is a response (to one of our requests, or to garbage).
/// The framed answer (`null`: accepted) to a request from the server, when the harness answers
/// them; none for any other message.
pub fn accept_server_request(msg: &Value, answers_requests: bool) -> Option<Vec<u8>> {
    let id = msg.get("id").filter(|_| answers_requests && msg.get("method").is_some())?;
    Some(frame_message(&json!({"jsonrpc": "2.0", "id": id, "result": null})))
}

pub fn is_response(msg: &Value) -> bool {
    msg.get("method").is_none() && msg.get("id").is_some()
}

pub struct Client {
    write: Write,
    log: Log,
    rx: Receiver<Value>,
    /// Received and not yet consumed, in arrival order.
    buffered: VecDeque<Value>,
    next_id: i64,
    /// Ids of our requests whose responses have not been consumed yet.
    outstanding: HashSet<i64>,
}

impl Client {
    /// A client writing with `write` and reading the server's messages from `rx`.
    pub fn new(write: Write, rx: Receiver<Value>, log: Log) -> Client {
        Client { write, log, rx, buffered: VecDeque::new(), next_id: 1, outstanding: HashSet::new() }
    }

    /// What the server logged so far (for failure messages).
    pub fn stderr(&self) -> String {
        (self.log)()
    }

    pub fn send(&self, msg: &Value) {
        self.send_bytes(&frame_message(msg));
    }

    /// Writes a frame with an arbitrary body (for malformed-message tests).
    pub fn send_raw(&self, body: &[u8]) {
        self.send_bytes(&frame(body));
    }

    /// Writes raw bytes to the server's input (several frames, broken headers…).
    pub fn send_bytes(&self, bytes: &[u8]) {
        (self.write)(bytes).unwrap_or_else(|e| panic!("cannot write to the server ({e}); stderr:\n{}", self.stderr()));
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
        self.ok("initialize", initialize_params(root))
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

    /// After the server's output ended: no response is left over, and no request of ours is
    /// unanswered.
    pub fn assert_every_response_consumed(&mut self) {
        while let Ok(msg) = self.rx.try_recv() {
            self.buffered.push_back(msg);
        }
        let leftover: Vec<&Value> = self.buffered.iter().filter(|m| is_response(m)).collect();
        assert!(leftover.is_empty(), "responses nobody asked for or consumed: {leftover:#?}");
        assert!(self.outstanding.is_empty(), "requests never answered: {:?}", self.outstanding);
    }
}

/// The params of [`Client::initialize`].
pub fn initialize_params(root: &Path) -> Value {
    let uri = file_uri(root);
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
    })
}
