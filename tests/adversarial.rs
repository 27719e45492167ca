//! What an adversarial user tried beyond the robustness and security suites (issue 9): writes
//! through symbolic links, reads through a directory link out of the workspace, FIFOs where a
//! brat file or `isnad.toml` should be, byte order marks, discontinuous annotations, edited
//! articles whose `.ann` is left behind, several workspace folders, nested or repeated roots,
//! `.ann` files that cannot be read, documents outside the workspace, invalid new names.
//!
//! Each test drives the real binary's CLI, or the server in process (`common::inproc`, answers
//! as whole-JSON snapshots where they are small), the way the user did. Commands run under a time
//! limit: a hang is a failure, not a stuck test run. (The exit of the real process while the
//! client leaves a request of the server unanswered is in `e2e_stdio.rs`.)

mod common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::inproc::{render, Server};
use common::*;
use expect_test::expect;
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
    let mut server = Server::start();
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
    let mut server = Server::start();
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
    let mut server = Server::start();
    server.initialize(&d.ws.path);
    server.initialized_and_indexed();
    let config = d.ws.file("linked/isnad.toml");
    server.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": file_uri(&config), "type": 1}]}));
    // The knowledge base did not take the entry: the name inside is no mention.
    let found = server.ok("workspace/symbol", json!({"query": "زرقوطان"}));
    assert!(found.as_array().is_none_or(|a| a.is_empty()), "the outside isnad.toml was read: {found}");
    // And its [checks] did not silence the claims of an article inside (000 with a sentence the
    // claim model flags).
    let path = seed_path(&d.ws, "000");
    let uri = file_uri(&path);
    let text = format!("{}\n{UNSOURCED}\n", std::fs::read_to_string(&path).unwrap());
    server.open(&uri, &text, 1);
    let diags = server.diagnostics(&uri);
    assert!(
        diags["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "unsourced-claim"),
        "claims still reported: {diags}"
    );
    server.finish();
}

// ---------------------------------------------------------------------------------------------
// Data loss and wrong edits
// ---------------------------------------------------------------------------------------------

/// A temp copy of the annotated fixture corpus (`tests/fixtures/annotated`).
fn annotated_corpus(label: &str) -> TempDir {
    let dir = TempDir::new(label);
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/annotated");
    for entry in std::fs::read_dir(&src).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path.join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

fn rename(server: &mut Server, uri: &str, position: Value, new_name: &str) -> Result<Value, Value> {
    server.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": position, "newName": new_name}),
    )
}

/// `isnad check DIR`: its report (to find stale annotations after an edit).
fn check_report(dir: &Path) -> String {
    String::from_utf8_lossy(&isnad_within(&["check", dir.to_str().unwrap()], dir, Duration::from_secs(60)).stdout)
        .into_owned()
}

/// The text an editor shows: without the byte order mark.
fn shown(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[test]
fn rename_leaves_the_fragments_of_a_discontinuous_annotation() {
    let dir = annotated_corpus("adv-discontinuous");
    // Lavrov by his two names, the way a.ann annotates him in two fragments (T5 156 161;174 180).
    std::fs::write(dir.file("d.txt"), "عنوان\nوقال وزير الخارجية سيرغي لافروف إن موسكو سترد.\n").unwrap();
    let (a, a_ann) = (read(&dir.file("a.txt")), read(&dir.file("a.ann")));
    let mut server = Server::start_indexed(&dir.path);
    let d_uri = file_uri(&dir.file("d.txt"));
    let d = read(&dir.file("d.txt"));
    let edit = rename(&mut server, &d_uri, pos_in(&d, "لافروف", 0), "سيرجي لافروف").expect("a rename");
    let touched = apply_workspace_edit(&edit);
    assert!(touched.contains(&dir.file("d.txt")), "{touched:?}");
    assert_eq!(read(&dir.file("a.txt")), a, "the fragments «سيرغي» … «لافروف» stay as they are");
    assert_eq!(read(&dir.file("a.ann")), a_ann);
    // Starting the rename on a fragment is refused with the reason.
    let a_uri = file_uri(&dir.file("a.txt"));
    let refused = server.request("textDocument/prepareRename", at(&a_uri, pos_in(&a, "لافروف", 0))).unwrap_err();
    assert!(refused["message"].as_str().unwrap().contains("discontinuous"), "{refused}");
    expect![[r#"
        {
          "code": -32803,
          "message": "«لافروف» is a discontinuous annotation of «سيرغي لافروف»: rename from a mention of its full name (partial names, descriptions and discontinuous annotations are left as they are)"
        }"#]].assert_eq(&server.render(&refused));
    server.finish();
    assert!(!check_report(&dir.path).contains("stale-annotation"));
}

#[test]
fn positions_in_an_article_with_a_byte_order_mark_skip_it() {
    let dir = TempDir::with_seed_corpus("adv-bom-article");
    let text = "\u{feff}بوتين يصل إلى بيونغ يانغ\nوقال فلاديمير بوتين إن الزيارة مهمة.\n";
    std::fs::write(dir.file("bom.txt"), text).unwrap();
    let mut server = Server::start_indexed(&dir.path);
    let uri = file_uri(&dir.file("bom.txt"));
    // From the file on disk (not open): the editor shows no mark, so «بوتين» starts at column 0.
    let prepared = server.ok("textDocument/prepareRename", at(&uri, json!({"line": 0, "character": 1})));
    assert_eq!(prepared["range"]["start"], json!({"line": 0, "character": 0}), "{prepared}");
    assert_eq!(range_text(shown(text), &prepared["range"]), "بوتين");
    expect![[r#"{"placeholder": "بوتين", "range": {"end": {"character": 5, "line": 0}, "start": {"character": 0, "line": 0}}}"#]].assert_eq(&server.render(&prepared));
    let edit = rename(&mut server, &uri, json!({"line": 0, "character": 1}), "فلاديمير بوتين").unwrap();
    apply_workspace_edit(&edit);
    let after = read(&dir.file("bom.txt"));
    assert!(after.starts_with("\u{feff}فلاديمير بوتين يصل"), "{after:?}");
    // And the same when the editor opens it (it sends the text without the mark).
    server.open(&uri, shown(&after), 1);
    let hover = server.hover(&uri, json!({"line": 0, "character": 10}));
    assert_eq!(range_text(shown(&after), &hover["range"]), "فلاديمير بوتين", "{hover}");
    server.finish();
}

#[test]
fn an_article_opened_without_its_byte_order_mark_keeps_its_brat_offsets() {
    let dir = TempDir::new("adv-bom-open");
    let text = "\u{feff}عنوان الخبر\nوقال زرقوطان إن الوفد وصل.\n";
    std::fs::write(dir.file("x.txt"), text).unwrap();
    // brat counts the mark as a character of the file.
    let start = text.chars().take_while(|_| true).collect::<String>().find("زرقوطان").unwrap();
    let cp = text[..start].chars().count();
    std::fs::write(dir.file("x.ann"), format!("T1\tPER {cp} {}\tزرقوطان\n", cp + 7)).unwrap();
    let mut server = Server::start_indexed(&dir.path);
    let uri = file_uri(&dir.file("x.txt"));
    server.open(&uri, shown(text), 1);
    let diags = server.diagnostics(&uri);
    assert!(!diags.to_string().contains("stale-annotation"), "offsets shifted by the missing mark: {diags}");
    let hover = server.hover(&uri, pos_in(shown(text), "زرقوطان", 0));
    assert!(hover_text(&hover).contains("Annotated in"), "{hover}");
    assert_eq!(range_text(shown(text), &hover["range"]), "زرقوطان");
    server.finish();
}

#[test]
fn a_rename_edit_in_an_ann_with_a_byte_order_mark_keeps_its_first_line() {
    let dir = annotated_corpus("adv-bom-ann");
    // a.ann starts with a BOM and its T1 («كيم جونغ أون») is on the first line.
    assert!(read(&dir.file("a.ann")).starts_with('\u{feff}'));
    std::fs::write(dir.file("a.txt"), read(&dir.file("a.txt")).replacen("كيم جونغ أون", "كيم جونج أون", 1)).unwrap();
    let ann = read(&dir.file("a.ann")).replacen("كيم جونغ أون", "كيم جونج أون", 1);
    std::fs::write(dir.file("a.ann"), ann).unwrap();
    let mut server = Server::start_indexed(&dir.path);
    let a = read(&dir.file("a.txt"));
    let uri = file_uri(&dir.file("a.txt"));
    let edit = rename(&mut server, &uri, pos_in(&a, "جونج", 0), "كيم جونغ إيون").expect("a rename");
    let touched = apply_workspace_edit(&edit);
    assert!(touched.contains(&dir.file("a.ann")), "{touched:?}");
    let after = read(&dir.file("a.ann"));
    let first = after.lines().next().unwrap();
    assert!(first.starts_with("\u{feff}T1\tPerson 26 39\tكيم جونغ إيون"), "the first line: {first:?}");
    server.finish();
    let report = check_report(&dir.path);
    assert!(!report.contains("stale-annotation") && !report.contains("malformed-annotation"), "{report}");
}

#[test]
fn the_moved_annotations_of_a_saved_article_are_written_back() {
    let dir = annotated_corpus("adv-sync");
    let config = read(&dir.file("isnad.toml")).replacen("[settings]", "[settings]\nsync-annotations = true", 1);
    let config = if config.contains("sync-annotations") {
        config
    } else {
        format!("[settings]\nsync-annotations = true\n{config}")
    };
    std::fs::write(dir.file("isnad.toml"), config).unwrap();
    let mut server = Server::start_indexed(&dir.path);
    let path = dir.file("a.txt");
    let uri = file_uri(&path);
    let text = read(&path);
    server.open(&uri, &text, 1);
    server.diagnostics(&uri);
    let prefix = "عاجل: ";
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": prefix}]}),
    );
    // The code action is offered at once; saving (the editor writes the text) applies it.
    let actions = server.ok("textDocument/codeAction", json!({"textDocument": {"uri": uri},
        "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "context": {"diagnostics": []}}));
    assert!(actions.to_string().contains("Write the moved annotations to a.ann"), "{actions}");
    std::fs::write(&path, format!("{prefix}{text}")).unwrap();
    server.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    let apply = server.wait_for("workspace/applyEdit", |m| m["method"] == "workspace/applyEdit");
    let touched = apply_workspace_edit(&apply["params"]["edit"]);
    assert_eq!(touched, [dir.file("a.ann")]);
    server.finish();
    let report = check_report(&dir.path);
    assert!(!report.contains("stale-annotation"), "every annotation fits the saved text:\n{report}");
}

#[test]
fn each_workspace_folder_has_its_own_article_globs() {
    let first = TempDir::new("adv-folders-1");
    let second = TempDir::with_seed_corpus("adv-folders-2");
    std::fs::create_dir(first.file("news")).unwrap();
    std::fs::write(first.file("isnad.toml"), "[settings]\narticles = [\"news/*.txt\"]\n").unwrap();
    std::fs::write(first.file("news/a.txt"), "عنوان\nوقال الرئيس برقوطان إن الأمر انتهى. وأكد برقوطان ذلك.\n").unwrap();
    std::fs::write(first.file("skipped.txt"), "عنوان\nوقال الرئيس زرقوطان إن الأمر انتهى. وأكد زرقوطان ذلك.\n").unwrap();
    let mut server = Server::start();
    let (u1, u2) = (file_uri(&first.path), file_uri(&second.path));
    server.initialize_with(
        &first.path,
        json!({"processId": null, "rootUri": u1, "capabilities": {"window": {"workDoneProgress": true}},
        "workspaceFolders": [{"uri": u1, "name": "one"}, {"uri": u2, "name": "two"}]}),
    );
    server.initialized_and_indexed();
    let found = |s: &mut Server, q: &str| {
        s.ok("workspace/symbol", json!({"query": q})).as_array().is_some_and(|a| !a.is_empty())
    };
    assert!(found(&mut server, "برقوطان"), "the first folder's glob chooses news/a.txt");
    assert!(!found(&mut server, "زرقوطان"), "and not skipped.txt");
    assert!(found(&mut server, "لافروف"), "the second folder's articles are indexed with the default *.txt");
    server.finish();
}

#[test]
fn nested_or_repeated_roots_index_each_file_once() {
    let corpus = TempDir::with_seed_corpus("adv-nested");
    std::fs::create_dir(corpus.file("sub")).unwrap();
    std::fs::rename(seed_path(&corpus, "001"), corpus.file("sub").join(seed_name("001"))).unwrap();
    let root = file_uri(&corpus.path);
    let sub = file_uri(&corpus.file("sub"));
    let summary = |folders: Value| {
        let mut server = Server::start();
        server.initialize_with(
            &corpus.path,
            json!({"processId": null, "rootUri": root, "capabilities": {"window": {"workDoneProgress": true}},
            "workspaceFolders": folders}),
        );
        server.initialized_and_indexed();
        let path = seed_path(&corpus, "000");
        let text = read(&path);
        let uri = file_uri(&path);
        let pos = pos_in(&text, "فلاديمير بوتين", 0);
        let hover = hover_text(&server.hover(&uri, pos.clone()));
        let mut with_context = at(&uri, pos.clone());
        with_context["context"] = json!({"includeDeclaration": true});
        let refs = server.ok("textDocument/references", with_context);
        let edit = rename(&mut server, &uri, pos, "فلاديمير فلاديميروفيتش بوتين").unwrap();
        server.finish();
        (hover, refs, edit)
    };
    let (hover_one, refs_one, edit_one) = summary(json!([{"uri": root, "name": "corpus"}]));
    let (hover, refs, edit) =
        summary(json!([{"uri": root, "name": "corpus"}, {"uri": sub, "name": "sub"}, {"uri": root, "name": "again"}]));
    assert_eq!(hover, hover_one, "the same counts with the nested and repeated roots");
    assert_eq!(refs, refs_one, "no reference twice");
    assert_eq!(edit, edit_one, "one edit per document, no overlapping ranges");
    let docs: Vec<&Value> =
        edit["documentChanges"].as_array().unwrap().iter().map(|d| &d["textDocument"]["uri"]).collect();
    let distinct: std::collections::HashSet<String> = docs.iter().map(|d| d.to_string()).collect();
    assert_eq!(docs.len(), distinct.len(), "{docs:?}");
    // The CLI too: a root given twice or inside another counts once.
    let once = isnad_within(&["check", "."], &corpus.path, Duration::from_secs(60));
    let twice = isnad_within(&["check", ".", ".", "sub"], &corpus.path, Duration::from_secs(60));
    assert_eq!(String::from_utf8_lossy(&twice.stdout), String::from_utf8_lossy(&once.stdout));
}

#[test]
fn an_ann_that_cannot_be_read_is_reported_and_never_written() {
    let dir = TempDir::with_seed_corpus("adv-unreadable");
    let latin1 = seed_path(&dir, "000").with_extension("ann");
    std::fs::write(&latin1, b"T1\tPER 0 5\tcaf\xe9\n").unwrap();
    let outside = TempDir::new("adv-unreadable-outside");
    std::fs::write(outside.file("victim.ann"), "T1\tPER 0 5\tkeep\n").unwrap();
    let linked = seed_path(&dir, "001").with_extension("ann");
    symlink(outside.file("victim.ann"), &linked).unwrap();
    let mut server = Server::start_indexed(&dir.path);
    let mut snapshots = Vec::new();
    for (prefix, ann) in [("000", &latin1), ("001", &linked)] {
        let path = seed_path(&dir, prefix);
        let text = read(&path);
        let uri = file_uri(&path);
        server.open(&uri, &text, 1);
        let diags = server.diagnostics(&uri);
        assert!(diags.to_string().contains("unreadable-annotations"), "{prefix}: {diags}");
        let unreadable: Vec<&Value> =
            diags["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "unreadable-annotations").collect();
        snapshots.push(render(&json!(unreadable), &[(&dir.path, "$ROOT"), (&outside.path, "$OUTSIDE")]));
        let pos = pos_in(&text, "بوتين", 0);
        let actions = server.ok(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
            "range": {"start": pos, "end": pos}, "context": {"diagnostics": []}}),
        );
        let ann_uri = file_uri(ann);
        for a in actions.as_array().unwrap() {
            let touches = a["edit"].to_string().contains(&ann_uri);
            assert!(!touches, "{prefix}: an action writes to the unreadable .ann: {a}");
            if a["title"].as_str().unwrap().starts_with("Write automatic annotations") {
                assert!(a["disabled"]["reason"].as_str().unwrap().contains("could not be read"), "{a}");
            }
        }
    }
    expect![[r#"
        [
          {
            "code": "unreadable-annotations",
            "message": "000_e6dbe4c4b6a222e0.ann line 1: the file could not be read (not UTF-8 text (invalid byte at offset 14)); its annotations are not used and isnad will not write to it",
            "range": {"end": {"character": 0, "line": 0}, "start": {"character": 0, "line": 0}},
            "relatedInformation": [
              {
                "location": {
                  "range": {"end": {"character": 0, "line": 0}, "start": {"character": 0, "line": 0}},
                  "uri": "file://$ROOT/000_e6dbe4c4b6a222e0.ann"
                },
                "message": "line 1 of the .ann"
              }
            ],
            "severity": 1,
            "source": "isnad"
          }
        ]
        [
          {
            "code": "unreadable-annotations",
            "message": "001_c4de4682c1a3ca3f.ann line 1: the file could not be read (symbolic link (not followed)); its annotations are not used and isnad will not write to it",
            "range": {"end": {"character": 0, "line": 0}, "start": {"character": 0, "line": 0}},
            "relatedInformation": [
              {
                "location": {
                  "range": {"end": {"character": 0, "line": 0}, "start": {"character": 0, "line": 0}},
                  "uri": "file://$ROOT/001_c4de4682c1a3ca3f.ann"
                },
                "message": "line 1 of the .ann"
              }
            ],
            "severity": 1,
            "source": "isnad"
          }
        ]"#]].assert_eq(&snapshots.join("\n"));
    server.finish();
    assert_eq!(read(&outside.file("victim.ann")), "T1\tPER 0 5\tkeep\n");
    assert_eq!(std::fs::read(&latin1).unwrap(), b"T1\tPER 0 5\tcaf\xe9\n");
}

#[test]
fn a_document_outside_the_workspace_gets_no_edit_outside_it() {
    let dir = TempDir::with_seed_corpus("adv-outside-doc");
    let outside = TempDir::new("adv-outside-doc-out");
    let path = outside.file("draft.txt");
    let text = "عنوان\nوقال الرئيس فلاديمير بوتين إن الأمر انتهى، وقال بوتيم ذلك.\n";
    let mut server = Server::start_indexed(&dir.path);
    let uri = file_uri(&path);
    server.open(&uri, text, 1);
    let outside_uri = file_uri(&outside.path);
    for needle in ["بوتين", "بوتيم"] {
        let pos = pos_in(text, needle, 0);
        let actions = server.ok(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
            "range": {"start": pos, "end": pos}, "context": {"diagnostics": []}}),
        );
        assert!(!actions.to_string().contains(&outside_uri), "an edit outside the workspace: {actions:#}");
    }
    let edit = rename(&mut server, &uri, pos_in(text, "بوتين", 0), "بوتين الرئيس").unwrap();
    assert!(!edit.to_string().contains(&outside_uri), "{edit:#}");
    server.finish();
}

#[test]
fn invalid_new_names_and_partial_names_get_a_message() {
    let dir = TempDir::with_seed_corpus("adv-rename-invalid");
    let mut server = Server::start_indexed(&dir.path);
    let path = seed_path(&dir, "000");
    let text = read(&path);
    let uri = file_uri(&path);
    let pos = pos_in(&text, "فلاديمير بوتين", 0);
    let mut refusals = Vec::new();
    for bad in ["", "   ", "فلاديمير\nبوتين", "فلاديمير\u{2028}بوتين"] {
        let answer = rename(&mut server, &uri, pos.clone(), bad);
        let err = answer.expect_err(&format!("{bad:?} is refused"));
        assert!(err["message"].as_str().is_some_and(|m| m.contains("new name")), "{bad:?}: {err}");
        refusals.push(render(&err, &[]));
    }
    expect![[r#"
        {"code": -32602, "message": "the new name is empty"}
        {"code": -32602, "message": "the new name is empty"}
        {"code": -32602, "message": "the new name holds a line break; a name is one line"}
        {"code": -32602, "message": "the new name holds a line break; a name is one line"}"#]]
    .assert_eq(&refusals.join("\n"));
    server.finish();
}

#[test]
fn a_document_opened_over_the_size_limit_is_skipped_with_the_reason() {
    let dir = TempDir::with_seed_corpus("adv-open-big");
    let mut server = Server::start();
    let root = file_uri(&dir.path);
    server.initialize_with(
        &dir.path,
        json!({"processId": null, "rootUri": root, "capabilities": {"window": {"workDoneProgress": true}},
        "initializationOptions": {"maxFileBytes": 20000}}),
    );
    server.initialized_and_indexed();
    let text = format!("عنوان\nقال فلاديمير بوتين ذلك.\n{}", "كلام ".repeat(5000));
    let uri = "untitled:big";
    server.open(uri, &text, 1);
    let hover = server.hover(uri, pos_in(&text, "بوتين", 0));
    assert!(hover.is_null(), "{hover}");
    // The log line comes through the logger (stderr of the binary): wait for it a moment.
    let expected = format!("skipped {uri}: {} bytes, over the 20000 byte limit", text.len());
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.stderr().contains(&expected) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(server.stderr().contains(&expected), "{}", server.stderr());
    server.finish();
}

#[test]
fn many_broken_ann_lines_publish_a_bounded_notification_once() {
    let dir = TempDir::with_seed_corpus("adv-many-broken");
    let ann = seed_path(&dir, "000").with_extension("ann");
    std::fs::write(&ann, "this is not brat\n".repeat(100_000)).unwrap();
    let mut server = Server::start_indexed(&dir.path);
    let path = seed_path(&dir, "000");
    let text = read(&path);
    let uri = file_uri(&path);
    server.open(&uri, &text, 1);
    let diags = server.diagnostics(&uri);
    let list = diags["diagnostics"].as_array().unwrap();
    assert_eq!(list.len(), 500, "capped");
    assert!(list.last().unwrap()["message"].as_str().unwrap().contains("more problems"), "{}", list.last().unwrap());
    // An edit that changes no diagnostic publishes nothing; the next one that does is published.
    let end_of_title = json!({"line": 0, "character": 0});
    let insert = |v: i32, t: &str| json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"range": {"start": end_of_title, "end": end_of_title}, "text": t}]});
    server.notify("textDocument/didChange", insert(2, " "));
    std::thread::sleep(Duration::from_millis(300));
    server.notify("textDocument/didChange", insert(3, "عنوان\nويتوقع مراقبون أن ترتفع الأسعار بنسبة 40 في المئة.\n"));
    let next = server.diagnostics(&uri);
    assert_eq!(
        next["version"],
        json!(3),
        "the unchanged diagnostics of version 2 were not sent again: {}",
        next["version"]
    );
    server.finish();
}
