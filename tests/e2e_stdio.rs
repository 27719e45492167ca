//! The few tests that need the real `isnad lsp` process over stdio (the other protocol tests run
//! in process, see `common::inproc`): start-up with the editor's `--stdio` flag and a clean exit
//! status after `shutdown`/`exit`, leaving when stdin closes (before or after `initialize`),
//! leaving at once after `exit` while a request of the server is unanswered, and an unreadable
//! file, which needs the server to run as another user when the tests run as root.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

fn assert_hover_is_putin(hover: &Value, context: &str) {
    assert!(hover.is_object(), "{context}: expected a hover, got {hover}");
    let text = hover_text(hover);
    for expected in ["Putin", "Q7747"] {
        assert!(text.contains(expected), "{context}: hover lacks {expected:?}:\n{text}");
    }
}

#[test]
fn stdio_flag_is_accepted() {
    let corpus = TempDir::with_seed_corpus("stdio-flag");
    let mut server = Server::start_indexed(&["lsp", "--stdio"], &corpus.path);
    let path = corpus.file(&seed_name("003"));
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    // Not opened: answered from the index of the file on disk.
    let hover = server.hover(&uri, pos_in(&text, "بوتين", 0));
    assert_hover_is_putin(&hover, "hover on an indexed, unopened article");
    // Exit status 0 within EXIT_WITHIN of `exit`.
    server.finish();
}

#[test]
fn closing_stdin_without_shutdown_exits() {
    let corpus = TempDir::with_seed_corpus("eof");
    let mut server = Server::start_indexed(&["lsp"], &corpus.path);
    server.close_stdin();
    let status = server.wait_exit(EXIT_WITHIN);
    assert!(
        status.is_some(),
        "the server kept running {EXIT_WITHIN:?} after its input closed; stderr:\n{}",
        server.stderr()
    );
}

#[test]
fn closing_stdin_before_initialize_exits() {
    let corpus = TempDir::new("eof-early");
    let mut server = Server::spawn(&["lsp"], &corpus.path);
    std::thread::sleep(Duration::from_millis(100));
    server.close_stdin();
    let status = server.wait_exit(EXIT_WITHIN);
    assert!(status.is_some(), "the server kept running after its input closed; stderr:\n{}", server.stderr());
}

#[test]
fn exit_leaves_at_once_while_the_client_leaves_a_request_of_the_server_unanswered() {
    // Found by the protocol fuzz: the server asked the client to register file watchers and
    // the client never answered; the index was never built, and after `exit` the process
    // waited for that answer for ever.
    let dir = TempDir::with_seed_corpus("adv-exit-unanswered");
    let mut server = Server::spawn_unanswering(&["lsp"], &dir.path);
    server.initialize(&dir.path);
    server.notify("initialized", json!({}));
    server.wait_for("client/registerCapability", |m| m["method"] == "client/registerCapability");
    // The index is built all the same (without progress, since no token was granted).
    let deadline = Instant::now() + Duration::from_secs(20);
    while server.ok("workspace/symbol", json!({"query": "بوتين"})).as_array().is_none_or(|a| a.is_empty()) {
        assert!(Instant::now() < deadline, "the workspace was never indexed:\n{}", server.stderr());
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.request("shutdown", Value::Null), Ok(Value::Null));
    server.notify("exit", Value::Null);
    let status = server.wait_exit(EXIT_WITHIN);
    server.close_stdin();
    let status = status.unwrap_or_else(|| panic!("no exit within {EXIT_WITHIN:?} of `exit`:\n{}", server.stderr()));
    assert!(status.success(), "{status:?}");
}

#[test]
fn an_unreadable_file_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = TempDir::with_seed_corpus("unreadable");
    let path = corpus.file("secret.txt");
    std::fs::write(&path, "التقى الرئيس الروسي فلاديمير بوتين في موسكو اليوم.").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Tests run as root, which reads a mode-000 file anyway: then run the server as nobody.
    let mut server = if std::fs::read(&path).is_err() {
        Server::spawn(&["lsp"], &corpus.path)
    } else {
        match Server::spawn_unprivileged(&["lsp"], &corpus.path) {
            Some(s) => s,
            None => {
                eprintln!("skipped: running as root and cannot drop privileges; chmod 000 does not stop reads");
                return;
            }
        }
    };
    server.initialize(&corpus.path);
    server.notify("initialized", json!({}));
    server.wait_for("window/workDoneProgress/create", |m| m["method"] == "window/workDoneProgress/create");
    let end = server.notification("$/progress", |p| p["value"]["kind"] == "end");
    let message = end["value"]["message"].as_str().unwrap_or_default().to_string();
    assert!(message.contains("5 articles"), "the five seed articles are indexed: {message:?}");
    assert!(message.contains("1 skipped"), "the unreadable file is reported as skipped: {message:?}");
    let uri = file_uri(&path);
    let answer = server
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 30}}));
    assert!(answer.is_ok(), "hover on an unreadable file: {answer:?}");
    // Still alive, and correct: a hover on «فلاديمير بوتين» in the seed 000.
    let seed = corpus.file(&seed_name("000"));
    let text = std::fs::read_to_string(&seed).unwrap();
    let hover = server.hover(&file_uri(&seed), pos_in(&text, "فلاديمير بوتين", 0));
    assert!(hover_text(&hover).contains("Putin"), "after an unreadable file: {hover}");
    server.finish();
}
