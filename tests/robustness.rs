//! Robustness suite (issue 5): drives the server in process (`common::inproc`, the bytes through
//! the real framing and guard) with hostile corpus files (invalid UTF-8, NUL bytes, BOM with CRLF
//! and lone CR, an article over the size limit, a 1 MB line, symlink loops and symlinks out of
//! the workspace; the unreadable file needs a process of another user: `e2e_stdio.rs`), protocol
//! abuse (a body that is not JSON, a wrong Content-Length, unknown notifications, edits to
//! documents never opened, versions that go backwards, positions past the end or inside a
//! surrogate pair), awkward text (every Unicode space and zero-width or bidi mark, Arabic
//! presentation forms, emoji glued to names) and a storm of 2,000 random incremental edits.
//! After each case the server must still be alive and correct: a hover on «فلاديمير بوتين» in
//! the seed article 000 still names Putin, and where a case has a name of its own, the hover's
//! range covers exactly that name in the client's text.

mod common;

use std::path::Path;

use common::inproc::Server;
use common::*;
use serde_json::{json, Value};

fn is_putin(hover: &Value) -> bool {
    hover.is_object() && hover_text(hover).contains("Putin")
}

fn assert_putin(hover: &Value, context: &str) {
    assert!(is_putin(hover), "{context}: expected a hover naming Putin, got {hover}");
}

/// The server still answers, and correctly: a hover on «فلاديمير بوتين» in the seed 000.
fn assert_alive(server: &mut Server, corpus: &Path, context: &str) {
    let path = corpus.join(seed_name("000"));
    let text = std::fs::read_to_string(&path).unwrap();
    let hover = server.hover(&file_uri(&path), pos_in(&text, "فلاديمير بوتين", 0));
    assert_putin(&hover, &format!("{context}: hover on بوتين in 000"));
}

/// `initialize` like [`Server::initialize`], with `initializationOptions`.
fn initialize_with(server: &mut Server, root: &Path, options: Value) -> Value {
    let uri = file_uri(root);
    server.initialize_with(
        root,
        json!({
            "processId": std::process::id(),
            "rootUri": uri,
            "workspaceFolders": [{"uri": uri, "name": "corpus"}],
            "initializationOptions": options,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "window": {"workDoneProgress": true},
                "textDocument": {"publishDiagnostics": {"versionSupport": true}}
            }
        }),
    )
}

/// `initialized`, then the `$/progress` end message of the index build.
fn indexed(server: &mut Server) -> String {
    server.notify("initialized", json!({}));
    server.wait_for("window/workDoneProgress/create", |m| m["method"] == "window/workDoneProgress/create");
    let end = server.notification("$/progress", |p| p["value"]["kind"] == "end");
    end["value"]["message"].as_str().unwrap_or_default().to_string()
}

fn start(corpus: &Path) -> (Server, String) {
    let mut s = Server::start();
    s.initialize(corpus);
    let msg = indexed(&mut s);
    (s, msg)
}

const PUTIN_LINE: &str = "التقى الرئيس الروسي فلاديمير بوتين في موسكو اليوم.";

// ---------------------------------------------------------------------------------------------
// Corpus files
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_and_nul_bytes_are_skipped_or_indexed() {
    let corpus = TempDir::with_seed_corpus("bad-bytes");
    let mut bad = PUTIN_LINE.as_bytes().to_vec();
    bad.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28, b'\n']);
    std::fs::write(corpus.file("invalid-utf8.txt"), &bad).unwrap();
    let nul = format!("{PUTIN_LINE}\0\0\0 {PUTIN_LINE}\n\0");
    std::fs::write(corpus.file("nul.txt"), &nul).unwrap();
    let (mut server, message) = start(&corpus.path);
    assert!(message.contains("1 skipped"), "the non-UTF-8 file is skipped, the NUL file is not: {message:?}");
    assert_alive(&mut server, &corpus.path, "after invalid UTF-8 and NUL bytes");
    // The NUL file is valid UTF-8: its second Putin is found, on the name.
    let uri = file_uri(&corpus.file("nul.txt"));
    let second = nul.rfind("بوتين").unwrap() + 2;
    let hover = server.hover(&uri, utf16_position(&nul, second));
    assert_putin(&hover, "hover after NUL bytes");
    assert_eq!(range_text(&nul, &hover["range"]), "فلاديمير بوتين");
    // The invalid file answers without error (nothing, or from an opened copy).
    let bad_uri = file_uri(&corpus.file("invalid-utf8.txt"));
    let answer = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": bad_uri}, "position": {"line": 0, "character": 30}}),
    );
    assert!(answer.is_ok(), "hover on a non-UTF-8 file: {answer:?}");
    server.finish();
}

#[test]
fn bom_crlf_and_lone_cr_keep_positions_on_the_name() {
    let corpus = TempDir::with_seed_corpus("bom-crlf");
    let text = format!("\u{FEFF}عنوان الخبر\r\nسطر ثان\rسطر ثالث\r\n{PUTIN_LINE}\r\rوقال كيم جونغ أون\r\n");
    let path = corpus.file("bom.txt");
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let (mut server, _) = start(&corpus.path);
    // From the index of the file on disk.
    let pos = pos_in(&text, "بوتين", 0);
    assert_eq!(pos["line"], json!(3), "three line breaks before the name (CRLF, CR, CRLF)");
    let hover = server.hover(&uri, pos.clone());
    assert_putin(&hover, "hover in the BOM/CRLF/CR file on disk");
    assert_eq!(range_text(&text, &hover["range"]), "فلاديمير بوتين", "range {}", hover["range"]);
    // And from the same text opened in the editor.
    server.open(&uri, &text, 1);
    let hover = server.hover(&uri, pos);
    assert_putin(&hover, "hover in the opened BOM/CRLF/CR document");
    assert_eq!(range_text(&text, &hover["range"]), "فلاديمير بوتين", "range {}", hover["range"]);
    assert_alive(&mut server, &corpus.path, "after the BOM/CRLF/CR file");
    server.finish();
}

fn big_article(size: usize) -> String {
    let filler = "ذهب الوفد إلى المدينة وعقد اجتماعا طويلا مع المسؤولين هناك.\n";
    let mut text = String::with_capacity(size + 200);
    while text.len() < size {
        text.push_str(filler);
    }
    text.push_str(PUTIN_LINE);
    text.push('\n');
    text
}

#[test]
fn a_12_mb_article_is_skipped_by_default_and_indexed_with_a_higher_limit() {
    let corpus = TempDir::with_seed_corpus("big");
    let text = big_article(12_000_000);
    let path = corpus.file("big.txt");
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let pos = utf16_position(&text, find_nth(&text, "بوتين", 0) + 2);

    let (mut server, message) = start(&corpus.path);
    assert!(message.contains("1 skipped"), "the progress end reports the skipped file: {message:?}");
    let hover = server.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos}));
    let hover = hover.expect("hover in a skipped file is not an error");
    assert!(!is_putin(&hover), "a skipped file is not indexed: {hover}");
    assert_alive(&mut server, &corpus.path, "after skipping the big file");
    server.finish();

    let mut server = Server::start();
    initialize_with(&mut server, &corpus.path, json!({"maxFileBytes": 20_000_000}));
    let message = indexed(&mut server);
    assert!(message.contains("0 skipped"), "nothing skipped under a 20 MB limit: {message:?}");
    let hover = server.hover(&uri, pos);
    assert_putin(&hover, "hover at the end of the 12 MB article");
    assert_eq!(range_text(&text, &hover["range"]), "فلاديمير بوتين");
    assert_alive(&mut server, &corpus.path, "after indexing the big file");
    server.finish();
}

#[test]
fn a_one_megabyte_line_with_a_name_at_its_end() {
    let corpus = TempDir::with_seed_corpus("long-line");
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str("ذهب الوفد إلى المدينة وعقد اجتماعا طويلا هناك ");
    }
    text.push_str(PUTIN_LINE);
    let path = corpus.file("long.txt");
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);
    let (mut server, _) = start(&corpus.path);
    let pos = pos_in(&text, "فلاديمير بوتين", 0);
    assert_eq!(pos["line"], json!(0));
    let hover = server.hover(&uri, pos.clone());
    assert_putin(&hover, "hover at the end of a 1 MB line (disk)");
    assert_eq!(range_text(&text, &hover["range"]), "فلاديمير بوتين");
    server.open(&uri, &text, 1);
    let hover = server.hover(&uri, pos);
    assert_putin(&hover, "hover at the end of a 1 MB line (opened)");
    assert_eq!(range_text(&text, &hover["range"]), "فلاديمير بوتين");
    assert_alive(&mut server, &corpus.path, "after the long line");
    server.finish();
}

#[test]
fn symlink_loops_do_not_hang_the_index() {
    use std::os::unix::fs::symlink;
    let corpus = TempDir::with_seed_corpus("loop");
    std::fs::create_dir(corpus.file("sub")).unwrap();
    symlink(&corpus.path, corpus.file("sub/up")).unwrap();
    symlink("b.txt", corpus.file("a.txt")).unwrap();
    symlink("a.txt", corpus.file("b.txt")).unwrap();
    symlink("self.txt", corpus.file("self.txt")).unwrap();
    let (mut server, message) = start(&corpus.path);
    assert!(message.contains("5 articles"), "the five seed articles, nothing else: {message:?}");
    assert_alive(&mut server, &corpus.path, "after symlink loops");
    server.finish();
}

#[test]
fn symlinks_out_of_the_workspace_are_not_followed() {
    use std::os::unix::fs::symlink;
    let corpus = TempDir::with_seed_corpus("escape");
    let outside = TempDir::new("escape-outside");
    // A unique name, in a context the discovery recognises: a control copy inside the
    // workspace under another unique name proves such a name would be found.
    let article =
        |name: &str| format!("وقال الرئيس {name} في مؤتمر صحفي إن الرئيس {name} سيزور موسكو. وأكد {name} ذلك.\n");
    std::fs::write(outside.file("outside.txt"), article("زرقوطان")).unwrap();
    std::fs::write(corpus.file("control.txt"), article("برقوطان")).unwrap();
    symlink(&outside.path, corpus.file("linked-dir")).unwrap();
    symlink(outside.file("outside.txt"), corpus.file("linked-file.txt")).unwrap();
    let (mut server, _) = start(&corpus.path);
    let control = server.ok("workspace/symbol", json!({"query": "برقوطان"}));
    let control_found = control.as_array().is_some_and(|a| !a.is_empty());
    let found = server.ok("workspace/symbol", json!({"query": "زرقوطان"}));
    assert!(
        found.is_null() || found.as_array().is_some_and(|a| a.is_empty()),
        "a name only outside the workspace is found through a symlink: {found:#}"
    );
    assert!(control_found, "the control name inside the workspace is found (else this test proves nothing): {control}");
    assert_alive(&mut server, &corpus.path, "after symlinks out of the workspace");
    server.finish();
}

// ---------------------------------------------------------------------------------------------
// Protocol
// ---------------------------------------------------------------------------------------------

#[test]
fn a_body_that_is_not_json_and_unknown_notifications() {
    let corpus = TempDir::with_seed_corpus("not-json");
    let (mut server, _) = start(&corpus.path);
    server.send_raw(b"this is not JSON at all \xff\xfe");
    server.send_raw(br#"{"jsonrpc": "2.0", "id": 7, "method": "#);
    server.notify("$/noSuchNotification", json!({"x": 1}));
    server.notify("isnad/unknownNotification", Value::Null);
    server.notify("textDocument/didOpen", json!({"nonsense": true}));
    server.drain(std::time::Duration::from_millis(200), std::time::Duration::from_secs(2));
    // Responses to unparseable messages carry `id: null`; drop them before `finish`.
    let unsolicited: Vec<Value> =
        server.buffered().iter().filter(|m| m.get("id") == Some(&Value::Null)).cloned().collect();
    for m in &unsolicited {
        assert!(m.get("error").is_some(), "a reply to garbage is an error: {m}");
    }
    while server.buffered().iter().any(|m| m.get("id") == Some(&Value::Null)) {
        server.wait_for("id null", |m| m.get("id") == Some(&Value::Null));
    }
    assert_alive(&mut server, &corpus.path, "after garbage bodies and unknown notifications");
    server.finish();
}

#[test]
fn json_that_is_not_a_message_is_ignored() {
    let corpus = TempDir::with_seed_corpus("not-a-message");
    let (mut server, _) = start(&corpus.path);
    for body in [&b"{}"[..], b"[1, 2, 3]", b"42", br#"{"jsonrpc": "2.0"}"#] {
        server.send_raw(body);
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(
            !server.wait_exit(std::time::Duration::from_millis(200)),
            "the server exited after the body {:?}; stderr:\n{}",
            String::from_utf8_lossy(body),
            server.stderr()
        );
    }
    server.drain(std::time::Duration::from_millis(200), std::time::Duration::from_secs(2));
    while server.buffered().iter().any(|m| m.get("id") == Some(&Value::Null)) {
        server.wait_for("id null", |m| m.get("id") == Some(&Value::Null));
    }
    assert_alive(&mut server, &corpus.path, "after JSON bodies that are not messages");
    server.finish();
}

#[test]
fn a_wrong_content_length_loses_at_most_that_message() {
    let corpus = TempDir::with_seed_corpus("content-length");
    let (mut server, _) = start(&corpus.path);
    let path = corpus.file(&seed_name("000"));
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    let hover = |id: i64| {
        serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri}, "position": pos_in(&text, "فلاديمير بوتين", 0)}}))
        .unwrap()
    };
    // Too long a length, then a valid message: the server may swallow part of the next frame.
    let body = hover(90001);
    let mut raw = format!("Content-Length: {}\r\n\r\n", body.len() + 40).into_bytes();
    raw.extend_from_slice(&body);
    raw.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    raw.extend_from_slice(&hover(90002));
    // Too short a length, then a valid message.
    let body = hover(90003);
    raw.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len() - 10).as_bytes());
    raw.extend_from_slice(&body);
    raw.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    raw.extend_from_slice(&hover(90004));
    // A header without a length, and a non-numeric length.
    raw.extend_from_slice(b"Content-Type: application/json\r\n\r\n{}");
    raw.extend_from_slice(b"Content-Length: abc\r\n\r\n{}");
    server.send_bytes(&raw);
    // Keep asking until answered: the server must resynchronise within a few frames.
    let mut answered = None;
    for _ in 0..5 {
        let id = server.send_request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos_in(&text, "فلاديمير بوتين", 0)}),
        );
        server.drain(std::time::Duration::from_millis(500), std::time::Duration::from_secs(3));
        if server.buffered().iter().any(|m| m["id"] == json!(id) && m.get("method").is_none()) {
            answered = Some(server.response(id));
            break;
        }
        server.forget(id);
    }
    let answered =
        answered.unwrap_or_else(|| panic!("no answer after a wrong Content-Length; stderr:\n{}", server.stderr()));
    assert_putin(&answered.expect("hover after resync"), "hover after a wrong Content-Length");
    // Whatever the server answered of the damaged frames, drop it.
    server.drain(std::time::Duration::from_millis(200), std::time::Duration::from_secs(1));
    while let Some(i) = server.buffered().iter().position(|m| m.get("method").is_none() && m.get("id").is_some()) {
        let id = server.buffered()[i]["id"].clone();
        server.wait_for("leftover", |m| m.get("method").is_none() && m["id"] == id);
    }
    server.clear_outstanding();
    assert_alive(&mut server, &corpus.path, "after wrong Content-Length headers");
    server.finish();
}

fn change(uri: &str, version: i64, range: Value, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": text}]})
}

fn range_at(line: u64, ch: u64) -> Value {
    json!({"start": {"line": line, "character": ch}, "end": {"line": line, "character": ch}})
}

#[test]
fn did_change_for_a_never_opened_document_and_versions_going_backwards() {
    let corpus = TempDir::with_seed_corpus("versions");
    let (mut server, _) = start(&corpus.path);
    server.notify("textDocument/didChange", change("untitled:never-opened", 3, range_at(0, 0), "فلاديمير بوتين"));
    let answer = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "untitled:never-opened"}, "position": {"line": 0, "character": 3}}),
    );
    assert!(answer.is_ok(), "hover on a never-opened document: {answer:?}");
    assert_alive(&mut server, &corpus.path, "after didChange of a never-opened document");

    let uri = "untitled:backwards";
    let text = PUTIN_LINE.to_string();
    server.open(uri, &text, 5);
    assert_eq!(server.diagnostics(uri)["version"], json!(5));
    // Version 3 < 5: ignored. Were it applied, the name would move right by the inserted text.
    server.notify("textDocument/didChange", change(uri, 3, range_at(0, 0), "🙂🙂🙂 xyz "));
    let pos = pos_in(&text, "بوتين", 0);
    let hover = server.hover(uri, pos);
    assert_putin(&hover, "hover after a backwards version");
    assert_eq!(range_text(&text, &hover["range"]), "فلاديمير بوتين", "the backwards change was applied: {hover}");
    // A later version still applies.
    server.notify("textDocument/didChange", change(uri, 6, range_at(0, 0), "عاجل: "));
    let text6 = format!("عاجل: {text}");
    let hover = server.hover(uri, pos_in(&text6, "بوتين", 0));
    assert_putin(&hover, "hover after version 6");
    assert_eq!(range_text(&text6, &hover["range"]), "فلاديمير بوتين");
    server.drain(std::time::Duration::from_millis(300), std::time::Duration::from_secs(3));
    let last = server
        .buffered()
        .iter()
        .rev()
        .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .cloned();
    if let Some(last) = last {
        assert_eq!(last["params"]["version"], json!(6), "the last diagnostics carry the last version: {last}");
    }
    server.finish();
}

#[test]
fn positions_past_the_end_and_inside_a_surrogate_pair() {
    let corpus = TempDir::with_seed_corpus("positions");
    let (mut server, _) = start(&corpus.path);
    let uri = "untitled:positions";
    let text = "🙂فلاديمير بوتين🙂\nسطر ثان 👍";
    server.open(uri, text, 1);
    let positions = [
        json!({"line": 0, "character": 1}),  // inside the first 🙂
        json!({"line": 0, "character": 17}), // inside the second 🙂
        json!({"line": 1, "character": 9}),  // inside 👍
        json!({"line": 0, "character": 5000}),
        json!({"line": 1, "character": 5000}),
        json!({"line": 2, "character": 0}),
        json!({"line": 99999, "character": 99999}),
    ];
    for method in
        ["textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/documentHighlight"]
    {
        for pos in &positions {
            let answer = server.request(
                method,
                json!({"textDocument": {"uri": uri}, "position": pos, "context": {"includeDeclaration": true}}),
            );
            assert!(answer.is_ok(), "{method} at {pos}: {answer:?}");
        }
    }
    // A range edit whose ends split surrogate pairs and run past the end: no crash.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "x"},
            {"range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 4}}, "text": "y"}
        ]}),
    );
    let answer = server
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}));
    assert!(answer.is_ok(), "hover after a split-pair edit: {answer:?}");
    assert_alive(&mut server, &corpus.path, "after odd positions");
    server.finish();
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

const SPACES: &[char] = &[
    '\u{0009}', '\u{0020}', '\u{00A0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
    '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{2028}', '\u{2029}', '\u{202F}',
    '\u{205F}', '\u{3000}', '\u{000B}', '\u{000C}', '\u{0085}',
];
const MARKS: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{2060}', '\u{FEFF}', '\u{061C}', '\u{202A}',
    '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{034F}',
    '\u{180E}', '\u{00AD}',
];

#[test]
fn every_unicode_space_and_mark_between_words() {
    let corpus = TempDir::with_seed_corpus("spaces");
    let (mut server, _) = start(&corpus.path);
    let mut failures = Vec::new();
    let cases = SPACES.iter().map(|s| s.to_string()).chain(MARKS.iter().map(|m| format!("{m} {m}")));
    for (i, sep) in cases.enumerate() {
        let uri = format!("untitled:space-{i}");
        // Newline-like separators (U+2028/9, U+0085) would be line ends for some clients; keep the
        // name on the text's last line, using `utf16_position`, which counts `\n` only.
        let text = format!("التقى الرئيس الروسي فلاديمير{sep}بوتين{sep}في موسكو.");
        server.open(&uri, &text, 1);
        let pos = pos_in(&text, "بوتين", 0);
        let answer = server.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos}));
        let hover = answer.unwrap_or_else(|e| panic!("hover with separator {sep:?}: {e}"));
        if !is_putin(&hover) {
            failures.push(format!("{:?}: no Putin hover ({hover})", sep));
            continue;
        }
        let covered = range_text(&text, &hover["range"]);
        if !covered.contains("بوتين") || covered.starts_with(sep.as_str()) || covered.ends_with(sep.as_str()) {
            failures.push(format!("{:?}: range covers «{covered}»", sep));
        }
    }
    assert!(failures.is_empty(), "separators mishandled:\n{}", failures.join("\n"));
    assert_alive(&mut server, &corpus.path, "after Unicode spaces and marks");
    server.finish();
}

#[test]
fn arabic_presentation_forms_hover_as_putin() {
    let corpus = TempDir::with_seed_corpus("presentation");
    let (mut server, _) = start(&corpus.path);
    let uri = "untitled:presentation";
    // ﻼ (U+FEFC, lam-alef) decomposes into two letters: offsets after it must still map back.
    let text = "التقى الرئيس الروسي ﻓﻼﺩﻳﻤﻴﺮ ﺑﻮﺗﻴﻦ في موسكو، وقال ﺑﻮﺗﻴﻦ إن";
    server.open(uri, text, 1);
    for nth in 0..2 {
        let hover = server.hover(uri, pos_in(text, "ﺑﻮﺗﻴﻦ", nth));
        assert_putin(&hover, &format!("hover on presentation-form ﺑﻮﺗﻴﻦ #{nth}"));
        let covered = range_text(text, &hover["range"]);
        assert!(covered.ends_with("ﺑﻮﺗﻴﻦ"), "range covers «{covered}»: {hover}");
    }
    assert_alive(&mut server, &corpus.path, "after presentation forms");
    server.finish();
}

#[test]
fn emoji_glued_to_names() {
    let corpus = TempDir::with_seed_corpus("emoji");
    let (mut server, _) = start(&corpus.path);
    let uri = "untitled:emoji";
    let text = "الرئيس الروسي🙂فلاديمير بوتين🙂قال، و👍بوتين👍 أكد 🇷🇺فلاديمير بوتين🇷🇺.";
    server.open(uri, text, 1);
    for (needle, nth, expected) in [("بوتين", 0, "فلاديمير بوتين"), ("بوتين", 1, "بوتين"), ("بوتين", 2, "فلاديمير بوتين")]
    {
        let hover = server.hover(uri, pos_in(text, needle, nth));
        assert_putin(&hover, &format!("hover on {needle} #{nth} next to emoji"));
        assert_eq!(range_text(text, &hover["range"]), expected, "range of #{nth}: {}", hover["range"]);
    }
    assert_alive(&mut server, &corpus.path, "after emoji");
    server.finish();
}

// ---------------------------------------------------------------------------------------------
// A didChange storm
// ---------------------------------------------------------------------------------------------

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random char boundary of `text`.
fn boundary(text: &str, rng: &mut Lcg) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[test]
fn did_change_storm_leaves_the_server_text_identical_to_the_client() {
    let corpus = TempDir::with_seed_corpus("storm");
    let (mut server, _) = start(&corpus.path);
    let uri = "untitled:storm";
    let mut text = format!("{PUTIN_LINE}\nوقال كيم جونغ أون في بيونغ يانغ.\n{PUTIN_LINE}\n");
    server.open(uri, &text, 1);
    let inserts =
        [" فلاديمير بوتين ", "🙂", "\n", " كيم جونغ أون ", "في موسكو ", "ا", "👍🏽", " وقال ", "بوتين", "\u{200F}"];
    let mut rng = Lcg(0x1505_2026);
    let mut version = 1;
    for step in 0..2000 {
        let start = boundary(&text, &mut rng);
        let (end, new) = if rng.below(3) == 0 && start < text.len() {
            let mut end = (start + 1 + rng.below(24)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            (end, "")
        } else {
            (start, inserts[rng.below(inserts.len())])
        };
        let range = json!({"start": utf16_position(&text, start), "end": utf16_position(&text, end)});
        version += 1;
        server.notify("textDocument/didChange", change(uri, version, range, new));
        text.replace_range(start..end, new);
        if step % 50 == 49 {
            let at = boundary(&text, &mut rng);
            let pos = utf16_position(&text, at);
            let answer = server.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": pos}));
            let hover = answer.unwrap_or_else(|e| panic!("hover at step {step}: {e}"));
            if hover.is_object() {
                let covered = range_text(&text, &hover["range"]);
                assert!(is_putin(&hover) || !hover_text(&hover).is_empty(), "step {step}: empty hover {hover}");
                assert!(!covered.is_empty(), "step {step}: hover at {pos} with empty range {}", hover["range"]);
                if is_putin(&hover) {
                    assert!(
                        covered.contains("بوتين"),
                        "step {step}: a Putin hover over «{covered}» — the server's text differs from the client's"
                    );
                }
            }
        }
    }
    assert!(text.contains("بوتين"), "the storm left some names");

    // The server's view equals the client's: every symbol's selection range covers a name, and
    // a hover there reports the same range.
    let symbols = server.ok("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    let groups = symbols.as_array().unwrap_or_else(|| panic!("documentSymbol: {symbols}"));
    let children: Vec<&Value> = groups.iter().flat_map(|g| g["children"].as_array().into_iter().flatten()).collect();
    assert!(!children.is_empty(), "the stormed document has symbols: {symbols:#}");
    let mut mismatches = Vec::new();
    for child in &children {
        let range = &child["selectionRange"];
        let covered = range_text(&text, range);
        if covered.trim().is_empty() {
            mismatches.push(format!("{range} covers «{covered}»"));
            continue;
        }
        let start = utf16_offset(&text, &range["start"]);
        let inside = start + covered.chars().next().unwrap().len_utf8();
        let hover = server.hover(uri, utf16_position(&text, inside.min(start + covered.len() - 1).max(start)));
        if hover["range"] != *range {
            mismatches.push(format!(
                "symbol {range} «{covered}», hover {} «{}»",
                hover["range"],
                if hover.is_object() { range_text(&text, &hover["range"]).to_string() } else { String::new() }
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} symbols disagree with hovers:\n{}",
        mismatches.len(),
        children.len(),
        mismatches.join("\n")
    );
    // Strongest: the same text opened fresh gives the same symbols (it would not, were the
    // server's stormed text different from the client's).
    let fresh = "untitled:storm-fresh";
    server.open(fresh, &text, 1);
    let fresh_symbols = server.ok("textDocument/documentSymbol", json!({"textDocument": {"uri": fresh}}));
    assert_eq!(
        serde_json::to_string(&symbols).unwrap().replace("storm-fresh", "storm"),
        serde_json::to_string(&fresh_symbols).unwrap().replace("storm-fresh", "storm"),
        "the stormed document's symbols differ from those of its text opened fresh"
    );
    let putins = children.iter().filter(|c| range_text(&text, &c["selectionRange"]).contains("بوتين")).count();
    assert!(putins > 0, "Putin mentions are among the symbols");

    // The last diagnostics published for the document are those of its final text (the server
    // sends a document's diagnostics only when they change, so they may carry an earlier version):
    // the same as those of the text opened fresh.
    server.drain(std::time::Duration::from_millis(500), std::time::Duration::from_secs(5));
    let last_published = |s: &Server, u: &str| {
        s.buffered()
            .iter()
            .rev()
            .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u)
            .map(|m| m["params"]["diagnostics"].clone())
    };
    let stormed = last_published(&server, uri).expect("diagnostics of the stormed document");
    let fresh_diags = last_published(&server, fresh).expect("diagnostics of the fresh document");
    assert_eq!(stormed, fresh_diags, "the last diagnostics of the stormed document are those of its final text");
    let published_version = server
        .buffered()
        .iter()
        .rev()
        .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| m["params"]["version"].as_i64().unwrap_or(0))
        .unwrap();
    assert!(published_version <= version, "never a version the client did not send");
    assert_alive(&mut server, &corpus.path, "after the storm");
    server.finish();
}
