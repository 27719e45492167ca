//! What an adversarial user tried beyond the robustness and security suites (issue 9): writes
//! through symbolic links, reads through a directory link out of the workspace, FIFOs where a
//! brat file or `isnad.toml` should be, byte order marks, discontinuous annotations, edited
//! articles whose `.ann` is left behind, several workspace folders, nested or repeated roots,
//! `.ann` files that cannot be read, documents outside the workspace, invalid new names.
//!
//! Each test drives the real binary (the CLI, or the server over stdio) the way the user did.
//! Commands run under a time limit: a hang is a failure, not a stuck test run.

mod common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

/// Runs `isnad ARGS…` in `cwd`, killed after `limit` (then the test fails).
fn isnad_within(args: &[&str], cwd: &Path, limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .current_dir(cwd)
        .env("ISNAD_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run isnad");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait for isnad").is_some() {
            return child.wait_with_output().expect("isnad output");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().expect("isnad output");
            panic!("isnad {args:?} did not finish within {limit:?}; stderr:\n{}", String::from_utf8_lossy(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn stderr_of(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn seed_path(corpus: &TempDir, prefix: &str) -> PathBuf {
    corpus.file(&seed_name(prefix))
}

// ---------------------------------------------------------------------------------------------
// Security: reads and writes outside the corpus
// ---------------------------------------------------------------------------------------------

#[test]
fn annotate_into_the_corpus_never_writes_through_a_symlinked_ann() {
    let corpus = TempDir::with_seed_corpus("adv-annotate-link");
    let outside = TempDir::new("adv-annotate-link-outside");
    let victim = outside.file("victim");
    std::fs::write(&victim, "not an annotation file\n").unwrap();
    let linked = seed_path(&corpus, "000").with_extension("ann");
    symlink(&victim, &linked).unwrap();
    let out = isnad_within(&["annotate", ".", "--out", "."], &corpus.path, Duration::from_secs(60));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not an annotation file\n", "the file behind the link");
    assert!(std::fs::symlink_metadata(&linked).unwrap().file_type().is_symlink(), "the link itself is left alone");
    let err = stderr_of(&out);
    assert!(err.contains("symbolic link") && err.contains("not written"), "says why: {err}");
    assert_eq!(out.status.code(), Some(2), "a refused write is an error exit");
    // The other articles' annotations are written, each as a regular file.
    let written = std::fs::read_dir(&corpus.path)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann") && p != &linked)
        .count();
    assert_eq!(written, 4, "the four other .ann files");
    // No temporary file is left behind.
    let stray: Vec<_> = std::fs::read_dir(&corpus.path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn annotate_never_writes_through_a_symlinked_directory_in_the_output() {
    let corpus = TempDir::with_seed_corpus("adv-annotate-dirlink");
    std::fs::create_dir(corpus.file("sub")).unwrap();
    std::fs::rename(seed_path(&corpus, "001"), corpus.file("sub/a.txt")).unwrap();
    let out_dir = TempDir::new("adv-annotate-dirlink-out");
    let outside = TempDir::new("adv-annotate-dirlink-outside");
    symlink(&outside.path, out_dir.file("sub")).unwrap();
    let out = isnad_within(
        &["annotate", corpus.path.to_str().unwrap(), "--out", out_dir.path.to_str().unwrap()],
        &corpus.path,
        Duration::from_secs(60),
    );
    assert!(std::fs::read_dir(&outside.path).unwrap().next().is_none(), "nothing lands behind the link");
    assert!(stderr_of(&out).contains("symbolic link"), "{}", stderr_of(&out));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_fifo_named_ann_or_isnad_toml_does_not_hang_check() {
    let corpus = TempDir::with_seed_corpus("adv-fifo-check");
    mkfifo(&seed_path(&corpus, "000").with_extension("ann"));
    mkfifo(&corpus.file("isnad.toml"));
    mkfifo(&corpus.file("annotation.conf"));
    let out = isnad_within(&["check", "."], &corpus.path, Duration::from_secs(60));
    assert!(matches!(out.status.code(), Some(0 | 1)), "check ends normally: {}", stderr_of(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("unreadable-annotations") && text.contains("FIFO"), "the .ann is reported: {text}");
    // annotate into the corpus refuses to replace the FIFO and does not block on it either.
    let out = isnad_within(&["annotate", ".", "--out", "."], &corpus.path, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("FIFO"), "{}", stderr_of(&out));
}

#[test]
fn a_fifo_in_the_workspace_hangs_neither_indexing_nor_requests() {
    let corpus = TempDir::with_seed_corpus("adv-fifo-lsp");
    mkfifo(&seed_path(&corpus, "001").with_extension("ann"));
    mkfifo(&corpus.file("isnad.toml"));
    let fifo_article = corpus.file("fifo.txt");
    mkfifo(&fifo_article);
    let mut server = Server::spawn(&["lsp"], &corpus.path);
    server.initialize(&corpus.path);
    server.initialized_and_indexed();
    // Watched-file events for each of them, then a request: answered.
    let events: Vec<Value> = [seed_path(&corpus, "001").with_extension("ann"), corpus.file("isnad.toml"), fifo_article]
        .iter()
        .map(|p| json!({"uri": file_uri(p), "type": 2}))
        .collect();
    server.notify("workspace/didChangeWatchedFiles", json!({"changes": events}));
    let path = seed_path(&corpus, "000");
    let text = std::fs::read_to_string(&path).unwrap();
    let started = Instant::now();
    let hover = server.hover(&file_uri(&path), pos_in(&text, "فلاديمير بوتين", 0));
    assert!(hover_text(&hover).contains("Putin"), "{hover}");
    assert!(started.elapsed() < Duration::from_secs(10), "answered at once: {:?}", started.elapsed());
    server.finish();
}

/// A workspace with a directory link out of it: `ws/linked → outside/`, where `outside/a.txt`
/// has an `.ann` with a malformed line (read, it would give a diagnostic) and an `isnad.toml`
/// that would make «زرقوطان» a person.
struct LinkedDir {
    ws: TempDir,
    _outside: TempDir,
    article: PathBuf,
    text: String,
}

fn linked_dir(label: &str) -> LinkedDir {
    let ws = TempDir::with_seed_corpus(label);
    let outside = TempDir::new(&format!("{label}-outside"));
    let text = "قال زرقوطان إن الاجتماع انتهى. وقال مراقبون إن الأسعار سترتفع بنسبة 40 في المئة.\n".to_string();
    std::fs::write(outside.file("a.txt"), &text).unwrap();
    std::fs::write(outside.file("a.ann"), "T1\tPerson 4 11\tزرقوطان\nthis line is not brat\n").unwrap();
    std::fs::write(
        outside.file("isnad.toml"),
        "[[entity]]\nid = \"zarqutan\"\ntype = \"PER\"\nname = \"زرقوطان\"\n[checks]\nunsourced-claim = \"off\"\n",
    )
    .unwrap();
    symlink(&outside.path, ws.file("linked")).unwrap();
    // The same name inside the workspace, in a sentence that does not reveal it as a name.
    std::fs::write(ws.file("inside.txt"), "زرقوطان اسم غريب.\n").unwrap();
    let article = ws.file("linked/a.txt");
    LinkedDir { ws, _outside: outside, article, text }
}

#[test]
fn a_document_opened_through_a_directory_link_does_not_read_the_ann_beside_it() {
    let d = linked_dir("adv-dirlink-open");
    let mut server = Server::spawn(&["lsp"], &d.ws.path);
    server.initialize(&d.ws.path);
    server.initialized_and_indexed();
    let uri = file_uri(&d.article);
    server.open(&uri, &d.text, 1);
    let diags = server.diagnostics(&uri);
    let codes: Vec<&str> = diags["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(!codes.iter().any(|c| c.contains("annotation")), "the .ann behind the link was read: {codes:?} ({diags})");
    let hover = server.hover(&uri, pos_in(&d.text, "زرقوطان", 0));
    assert!(!hover_text(&hover).contains("Annotated in"), "{hover}");
    server.finish();
}

#[test]
fn an_isnad_toml_behind_a_directory_link_is_never_the_configuration() {
    let d = linked_dir("adv-dirlink-toml");
    let mut server = Server::spawn(&["lsp"], &d.ws.path);
    server.initialize(&d.ws.path);
    server.initialized_and_indexed();
    let config = d.ws.file("linked/isnad.toml");
    server.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": file_uri(&config), "type": 1}]}));
    // The knowledge base did not take the entry: the name inside is no mention.
    let found = server.ok("workspace/symbol", json!({"query": "زرقوطان"}));
    assert!(found.as_array().is_none_or(|a| a.is_empty()), "the outside isnad.toml was read: {found}");
    // And its [checks] did not silence the claims of an article inside.
    let path = seed_path(&d.ws, "000");
    let uri = file_uri(&path);
    server.open(&uri, &std::fs::read_to_string(&path).unwrap(), 1);
    let diags = server.diagnostics(&uri);
    assert!(
        diags["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "unsourced-claim"),
        "claims still reported: {diags}"
    );
    server.finish();
}
