//! Fuzzing the LSP message handling (issue 5) with proptest: each case is a random sequence of
//! messages sent to one real `isnad lsp` process over stdio, then a well-formed epilogue that
//! must be answered correctly.
//!
//! The sequences mix valid and invalid traffic: known and unknown methods, requests before
//! `initialize` and a second `initialize`, requests, notifications and stray responses with
//! odd ids, parameters of the right shape with wrong values (negative, huge, fractional or
//! string numbers, positions past the end, reversed ranges, versions going backwards or past
//! `i32`), parameters of the wrong shape, URIs inside and outside the workspace, through a
//! symlink or `..`, of other schemes or malformed, Arabic, emoji and control text in
//! didOpen/didChange including incremental ranges, and raw bytes: noise, bodies that are not
//! JSON, lone surrogates, and frames whose `Content-Length` is short, long, huge, negative,
//! missing or not a number.
//!
//! The epilogue: `initialize` (answered, with a result or an error if the sequence already
//! initialized), `initialized`, a fresh document opened and hovered on «فلاديمير بوتين», which
//! must name Putin, then `shutdown` (null) and `exit` (status 0). The process must never die
//! or stop answering.
//!
//! `ISNAD_FUZZ_CASES` sets the number of cases (default 256, about 30 s in CI with a debug
//! build); `ISNAD_FUZZ_SEED` (a number) makes a run reproducible, otherwise the seed is random
//! and proptest prints it and the shrunk sequence when a case fails.

mod common;

use std::time::Duration;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Value};

/// One thing sent to the server.
#[derive(Clone)]
enum Step {
    /// A well-framed JSON message (placeholders `{WS}` and `{OUT}` are filled in when sent).
    Message(Value),
    /// Bytes sent as they are.
    Raw(Vec<u8>),
    /// A short pause, so that messages also arrive one by one and not only in a burst.
    Pause(u64),
}

impl std::fmt::Debug for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Message(m) => write!(f, "Message({m})"),
            Step::Raw(bytes) => write!(f, "Raw({:?})", String::from_utf8_lossy(bytes)),
            Step::Pause(ms) => write!(f, "Pause({ms} ms)"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

const METHODS: &[&str] = &[
    "initialize",
    "initialized",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/didSave",
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentHighlight",
    "textDocument/documentSymbol",
    "textDocument/completion",
    "textDocument/rename",
    "textDocument/prepareRename",
    "textDocument/codeAction",
    "workspace/symbol",
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWorkspaceFolders",
    "workspace/executeCommand",
    "$/cancelRequest",
    "$/setTrace",
    "$/progress",
    "window/workDoneProgress/cancel",
];

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(METHODS).prop_map(str::to_string),
        1 => "[a-zA-Z/$_]{0,24}",
        1 => Just("textDocument/".to_string()),
        1 => Just("isnad/unknown".to_string()),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => (0u64..4).prop_map(|n| json!(n)),
        4 => (0u64..120).prop_map(|n| json!(n)),
        1 => Just(json!(u32::MAX)),
        1 => Just(json!(u64::from(u32::MAX) + 1)),
        1 => Just(json!(i32::MAX)),
        1 => Just(json!(u64::MAX)),
        1 => Just(json!(-1)),
        1 => Just(json!(i64::MIN)),
        1 => Just(json!(1.5)),
        1 => Just(json!(1e300)),
        1 => Just(json!("3")),
        1 => Just(Value::Null),
    ]
}

/// URIs: in the workspace (an article, a new file, a link out, `..`), outside, other schemes,
/// malformed.
fn uri() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("file://{WS}/article.txt".to_string()),
        2 => Just("untitled:fuzz-1".to_string()),
        1 => Just("untitled:fuzz-2".to_string()),
        1 => Just("file://{WS}/%D8%AE%D8%A8%D8%B1.txt".to_string()),
        1 => Just("file://{WS}/new.txt".to_string()),
        1 => Just("file://{WS}/linked-dir/secret.txt".to_string()),
        1 => Just("file://{WS}/linked-file.txt".to_string()),
        1 => Just("file://{WS}/../{OUT}/secret.txt".to_string()),
        1 => Just("file://{WS}/%2E%2E/{OUT}/secret.txt".to_string()),
        1 => Just("file://{WS}".to_string()),
        1 => Just("file:///etc/passwd".to_string()),
        1 => Just("file:///nonexistent/x.md".to_string()),
        1 => Just("http://example.com/x.txt".to_string()),
        1 => Just("file://remote-host/x.txt".to_string()),
        1 => Just("".to_string()),
        1 => Just("not a uri %%% \u{0}".to_string()),
        1 => "[a-z:/%.ا-ي]{0,30}",
    ]
}

/// Workspace folders a random `initialize` may name: not the directory outside (a client that
/// names it as a workspace folder may have it indexed, and then the leak check would be wrong).
fn root_uri() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just("file://{WS}".to_string()),
        1 => Just("file://{WS}/article.txt".to_string()),
        1 => Just("file:///nonexistent".to_string()),
        1 => Just("untitled:fuzz-1".to_string()),
        1 => Just("http://example.com/".to_string()),
        1 => Just("".to_string()),
        1 => Just("not a uri %%%".to_string()),
    ]
}

const FRAGMENTS: &[&str] = &[
    "فلاديمير بوتين",
    "بوتين",
    "لبوتين",
    "كيم جونغ أون",
    "بيونغ يانغ",
    "موسكو",
    "وقال",
    "ويتوقع مراقبون أن",
    "مصادر مطلعة",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "🙂",
    "👍🏽",
    "🇷🇺",
    "\u{200D}",
    "\u{200F}",
    "\u{FEFF}",
    "\u{2028}",
    "\u{0085}",
    "ﻓﻼﺩﻳﻤﻴﺮ",
    "\u{064B}\u{0651}",
    "\u{0}",
    "40 في المئة",
    "x",
    "é",
    "𝕏",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..24).prop_map(|v| v.concat()),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

fn position() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => (number(), number()).prop_map(|(l, c)| json!({"line": l, "character": c})),
        1 => number().prop_map(|l| json!({"line": l})),
        1 => arbitrary_json(),
    ]
}

fn range() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => (position(), position()).prop_map(|(s, e)| json!({"start": s, "end": e})),
        1 => arbitrary_json(),
    ]
}

fn arbitrary_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        text().prop_map(Value::from),
        uri().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map(
                proptest::sample::select(
                    &[
                        "uri",
                        "textDocument",
                        "position",
                        "range",
                        "text",
                        "version",
                        "id",
                        "changes",
                        "contentChanges",
                        "query",
                        "x",
                    ][..]
                )
                .prop_map(str::to_string),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

fn version() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => (0i64..12).prop_map(Value::from),
        1 => Just(json!(-5)),
        1 => Just(json!(i64::from(i32::MAX) + 1)),
        1 => number(),
    ]
}

fn content_change() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => (range(), text()).prop_map(|(r, t)| json!({"range": r, "text": t})),
        2 => text().prop_map(|t| json!({"text": t})),
        1 => (range(), number(), text()).prop_map(|(r, n, t)| json!({"range": r, "rangeLength": n, "text": t})),
        1 => arbitrary_json(),
    ]
}

fn text_document_position() -> impl Strategy<Value = Value> {
    (uri(), position())
        .prop_map(|(u, p)| json!({"textDocument": {"uri": u}, "position": p, "context": {"includeDeclaration": true}}))
}

/// Parameters with the right shape for `method` (values still random), or anything at all.
fn params(method: String) -> BoxedStrategy<Value> {
    let shaped: BoxedStrategy<Value> = match method.as_str() {
        "initialize" => (root_uri(), any::<bool>(), proptest::option::of(number()), any::<bool>())
            .prop_map(|(u, utf8, max, ar)| {
                json!({
                    "processId": null,
                    "rootUri": u,
                    "workspaceFolders": [{"uri": u, "name": "fuzz"}],
                    "locale": if ar { "ar" } else { "en" },
                    "initializationOptions": {"maxFileBytes": max},
                    "capabilities": {"general": {"positionEncodings": if utf8 { json!(["utf-8"]) } else { json!(["utf-16"]) }},
                                     "window": {"workDoneProgress": true}}
                })
            })
            .boxed(),
        "textDocument/didOpen" => (uri(), version(), text())
            .prop_map(|(u, v, t)| json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": v, "text": t}}))
            .boxed(),
        "textDocument/didChange" => (uri(), version(), proptest::collection::vec(content_change(), 0..5))
            .prop_map(|(u, v, c)| json!({"textDocument": {"uri": u, "version": v}, "contentChanges": c}))
            .boxed(),
        "textDocument/didClose" | "textDocument/didSave" | "textDocument/documentSymbol" => {
            uri().prop_map(|u| json!({"textDocument": {"uri": u}})).boxed()
        }
        "textDocument/hover"
        | "textDocument/definition"
        | "textDocument/references"
        | "textDocument/documentHighlight"
        | "textDocument/completion"
        | "textDocument/prepareRename" => text_document_position().boxed(),
        "textDocument/rename" => (text_document_position(), text())
            .prop_map(|(mut p, name)| {
                p["newName"] = json!(name);
                p
            })
            .boxed(),
        "textDocument/codeAction" => (uri(), range(), proptest::collection::vec(arbitrary_json(), 0..2))
            .prop_map(|(u, r, d)| json!({"textDocument": {"uri": u}, "range": r, "context": {"diagnostics": d}}))
            .boxed(),
        "workspace/symbol" => text().prop_map(|q| json!({"query": q})).boxed(),
        "workspace/didChangeWatchedFiles" => {
            proptest::collection::vec((uri(), prop_oneof![Just(json!(1)), Just(json!(2)), Just(json!(3)), number()]), 0..5)
                .prop_map(|c| json!({"changes": c.into_iter().map(|(u, t)| json!({"uri": u, "type": t})).collect::<Vec<_>>()}))
                .boxed()
        }
        // Ids of the sequence's own requests, or odd ones; never the epilogue's (a cancel can
        // overtake the request it names, so one sent early could still cancel those).
        "$/cancelRequest" => prop_oneof![request_id(), number().prop_filter("not the epilogue's", |n| !n.as_u64().is_some_and(|n| (1..10).contains(&n)))]
            .prop_map(|id| json!({"id": id}))
            .boxed(),
        _ => arbitrary_json(),
    };
    prop_oneof![6 => shaped, 1 => arbitrary_json(), 1 => Just(Value::Null)].boxed()
}

/// Request ids that never collide with the test's own (small positive integers).
fn request_id() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (1_000_000i64..1_000_100).prop_map(Value::from),
        2 => "f[a-z0-9]{0,6}".prop_map(Value::from),
        1 => Just(json!(-7)),
        1 => Just(json!(1.5)),
        1 => Just(Value::Null),
        1 => Just(json!({"id": 1})),
    ]
}

fn message() -> impl Strategy<Value = Value> {
    let request = (method(), request_id())
        .prop_flat_map(|(m, id)| params(m.clone()).prop_map(move |p| (m.clone(), id.clone(), p)))
        .prop_map(|(m, id, p)| json!({"jsonrpc": "2.0", "id": id, "method": m, "params": p}));
    let notification = method()
        .prop_flat_map(|m| params(m.clone()).prop_map(move |p| (m.clone(), p)))
        .prop_map(|(m, p)| json!({"jsonrpc": "2.0", "method": m, "params": p}));
    let odd = prop_oneof![
        // A response to a request the server never sent, or to its own (ids 0, 1).
        (request_id(), arbitrary_json()).prop_map(|(id, r)| json!({"jsonrpc": "2.0", "id": id, "result": r})),
        (0i64..3).prop_map(|id| json!({"jsonrpc": "2.0", "id": id, "error": {"code": -1, "message": "no"}})),
        method().prop_map(|m| json!({"jsonrpc": "1.0", "method": m})),
        method().prop_map(|m| json!({"method": m, "params": {}})),
        arbitrary_json().prop_map(|p| json!({"jsonrpc": "2.0", "method": 42, "params": p})),
        arbitrary_json(),
    ];
    prop_oneof![4 => request, 4 => notification, 1 => odd]
}

/// A frame with a body and a header that may lie about it.
fn raw_frame() -> impl Strategy<Value = Vec<u8>> {
    let body = prop_oneof![
        message().prop_map(|m| serde_json::to_vec(&m).unwrap()),
        proptest::collection::vec(any::<u8>(), 0..64),
        Just(br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:s","languageId":"x","version":1,"text":"\ud800\udc00 \ud800 x"}}}"#.to_vec()),
        Just(br#"{"jsonrpc":"2.0","id":1000001,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:fuzz-1"},"position":{"line":0,"character":1e999}}}"#.to_vec()),
    ];
    let header = prop_oneof![
        4 => (-40i64..40).prop_map(|d| format!("Content-Length: {{len{d:+}}}\r\n\r\n")),
        1 => Just("Content-Length: 99999999999\r\n\r\n".to_string()),
        1 => Just("Content-Length: 70000000\r\n\r\n".to_string()),
        1 => Just("Content-Length: -5\r\n\r\n".to_string()),
        1 => Just("Content-Length: abc\r\n\r\n".to_string()),
        1 => Just("Content-Length: 184467440737095516160\r\n\r\n".to_string()),
        1 => Just("Content-Type: application/vscode-jsonrpc\r\n\r\n".to_string()),
        1 => Just("content-length:{len}\n\n".to_string()),
        1 => Just("Content-Length: {len}\r\nContent-Length: 3\r\n\r\n".to_string()),
        1 => Just("Content-Length: {len}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".to_string()),
    ];
    (header, body).prop_map(|(h, b)| {
        let mut h = h.replace("{len}", &b.len().to_string());
        if let Some(at) = h.find("{len") {
            let end = h[at..].find('}').unwrap() + at;
            let delta: i64 = h[at + 4..end].parse().unwrap();
            h.replace_range(at..=end, &(b.len() as i64 + delta).max(0).to_string());
        }
        let mut out = h.into_bytes();
        out.extend(b);
        out
    })
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => message().prop_map(Step::Message),
        2 => raw_frame().prop_map(Step::Raw),
        1 => proptest::collection::vec(any::<u8>(), 0..48).prop_map(Step::Raw),
        1 => (0u64..30).prop_map(Step::Pause),
    ]
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(step(), 1..40)
}

// ---------------------------------------------------------------------------------------------
// Running a case
// ---------------------------------------------------------------------------------------------

/// The workspace: two seed articles, a link to a directory outside with a secret article.
struct Workspace {
    ws: TempDir,
    outside: TempDir,
}

fn workspace() -> Workspace {
    let ws = TempDir::new("fuzz-ws");
    let outside = TempDir::new("fuzz-out");
    std::fs::copy(seed_dir().join(seed_name("000")), ws.file("article.txt")).unwrap();
    std::fs::copy(seed_dir().join(seed_name("001")), ws.file("خبر.txt")).unwrap();
    std::fs::write(outside.file("secret.txt"), "وقال الرئيس زرقوطان في مؤتمر صحفي إن الرئيس زرقوطان سيزور موسكو.\n")
        .unwrap();
    std::os::unix::fs::symlink(&outside.path, ws.file("linked-dir")).unwrap();
    std::os::unix::fs::symlink(outside.file("secret.txt"), ws.file("linked-file.txt")).unwrap();
    Workspace { ws, outside }
}

/// What a sent message looks like with the placeholders filled in.
fn fill(w: &Workspace, s: &str) -> String {
    let ws = w.ws.path.to_str().unwrap();
    let out = w.outside.path.file_name().unwrap().to_str().unwrap();
    s.replace("{WS}", ws).replace("{OUT}", out)
}

/// Enough «فلاديمير بوتين» that column 2 is inside the name in UTF-16 and in UTF-8 alike.
const FINAL_TEXT: &str = "فلاديمير بوتين فلاديمير بوتين فلاديمير بوتين\nفلاديمير بوتين في موسكو.";

fn run_case(steps: &[Step], case: usize) -> Result<(), TestCaseError> {
    let w = workspace();
    let mut server = Server::spawn(&["lsp"], &w.ws.path);
    for step in steps {
        match step {
            Step::Message(m) => server.send_bytes(&frame(fill(&w, &m.to_string()).as_bytes())),
            Step::Raw(bytes) => server.send_bytes(&fill_bytes(&w, bytes)),
            Step::Pause(ms) => std::thread::sleep(Duration::from_millis(*ms)),
        }
        if let Some(status) = server.wait_exit(Duration::ZERO) {
            return Err(TestCaseError::fail(format!("the server died ({status}); stderr:\n{}", server.stderr())));
        }
    }
    // The epilogue. A frame left open by the sequence (a long Content-Length) is closed by the
    // header of the next message; the first message may be lost with it, so it is one we can
    // afford to lose.
    server.send_bytes(b"\r\n");
    server.notify("$/isnad/fuzzSync", json!({}));
    let init = initialize(&mut server, &w);
    if let Err(e) = &init {
        // Only a second `initialize` may be refused (Invalid Request).
        prop_assert_eq!(&e["code"], &json!(-32600), "initialize refused: {}", e);
    }
    let uri = format!("untitled:fuzz-final-{case}");
    let mut hover = open_and_hover(&mut server, &uri);
    // The protocol layer (tower-lsp-server) runs concurrent `initialize` requests side by side
    // and the last to end sets the state: one with bad parameters that ends after a good one
    // leaves the server uninitialized, though it answered the good one. A client that sent
    // two can initialize again; then everything must work.
    let initialize_requests = steps
        .iter()
        .filter(|s| match s {
            Step::Message(m) => m["method"] == "initialize" && m.get("id").is_some(),
            Step::Raw(b) => String::from_utf8_lossy(b).contains(r#""method":"initialize""#),
            Step::Pause(_) => false,
        })
        .count();
    if hover.as_ref().is_err_and(|e| e["code"] == -32002) && initialize_requests >= 2 {
        DOUBLE_INITIALIZE.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let again = initialize(&mut server, &w);
        prop_assert!(again.is_ok(), "initialize after the race: {:?}", again);
        hover = open_and_hover(&mut server, &uri);
    }
    let hover = match hover {
        Ok(h) => h,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "final hover: {e}; initialize: {init:?}; stderr:\n{}",
                server.stderr()
            )))
        }
    };
    // A `maxFileBytes` under the final text's size (the fuzzer's initialize may set one) holds the
    // opened document to that limit, like a file on disk: it is skipped with the reason.
    let small_limit = sent_messages(steps).iter().any(|m| {
        m["method"] == "initialize"
            && m["params"]["initializationOptions"]["maxFileBytes"]
                .as_u64()
                .is_some_and(|n| (n as usize) < FINAL_TEXT.len())
    });
    let skipped_for_size = hover.is_null() && small_limit;
    prop_assert!(
        hover_text(&hover).contains("Putin") || skipped_for_size,
        "final hover: {hover}; stderr:\n{}",
        server.stderr()
    );
    let leak = server.ok("workspace/symbol", json!({"query": "زرقوطان"}));
    prop_assert!(
        leak.as_array().is_none_or(|a| a.is_empty()),
        "a name found only outside the workspace is indexed: {leak}"
    );
    let shutdown = server.request("shutdown", Value::Null);
    prop_assert_eq!(shutdown, Ok(Value::Null));
    server.notify("exit", Value::Null);
    let status = server.wait_exit(EXIT_WITHIN);
    server.close_stdin();
    prop_assert!(status.is_some_and(|s| s.success()), "exit status {status:?}; stderr:\n{}", server.stderr());
    Ok(())
}

/// How many cases met the double-`initialize` race of the protocol layer.
static DOUBLE_INITIALIZE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn initialize(server: &mut Server, w: &Workspace) -> Result<Value, Value> {
    let root = file_uri(&w.ws.path);
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "workspaceFolders": [{"uri": root, "name": "fuzz"}],
               "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
    )
}

/// `initialized`, a fresh document, and a hover on its first «فلاديمير بوتين».
fn open_and_hover(server: &mut Server, uri: &str) -> Result<Value, Value> {
    server.notify("initialized", json!({}));
    server.open(uri, FINAL_TEXT, 1);
    server.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The JSON bodies a sequence sends: its messages, and the bodies of its raw frames that parse
/// (a raw frame with a lower-case header still reaches the server as a message).
fn sent_messages(steps: &[Step]) -> Vec<Value> {
    steps
        .iter()
        .filter_map(|s| match s {
            Step::Message(m) => Some(m.clone()),
            Step::Raw(b) => {
                let text = String::from_utf8_lossy(b);
                let (open, close) = (text.find('{')?, text.rfind('}')?);
                serde_json::from_str(text.get(open..=close)?).ok()
            }
            Step::Pause(_) => None,
        })
        .collect()
}

fn fill_bytes(w: &Workspace, bytes: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(bytes) {
        Ok(s) if s.contains('{') => fill(w, s).into_bytes(),
        _ => bytes.to_vec(),
    }
}

#[test]
fn random_message_sequences_never_kill_or_wedge_the_server() {
    let cases: u32 = std::env::var("ISNAD_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    let config = Config {
        cases,
        max_shrink_time: 120_000,
        max_shrink_iters: 200,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = match std::env::var("ISNAD_FUZZ_SEED").ok().and_then(|v| v.parse::<u64>().ok()) {
        Some(seed) => {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
        }
        None => TestRunner::new(config),
    };
    let counter = std::sync::atomic::AtomicUsize::new(0);
    let messages = std::sync::atomic::AtomicUsize::new(0);
    let started = std::time::Instant::now();
    let result = runner.run(&steps(), |steps| {
        let case = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        messages.fetch_add(steps.len(), std::sync::atomic::Ordering::SeqCst);
        run_case(&steps, case)
    });
    eprintln!(
        "fuzz_lsp: {} sequences ({} steps) in {:.1?}; {} met the double-initialize race",
        counter.into_inner(),
        messages.into_inner(),
        started.elapsed(),
        DOUBLE_INITIALIZE.load(std::sync::atomic::Ordering::SeqCst)
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}
