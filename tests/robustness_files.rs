//! Robustness of the server (in process, `common::inproc`) against corpora of awkward shape: a
//! 100 MB article, tens of thousands of tiny files, and files deleted while the index is being
//! built. After each, the server is alive and answers correctly about the files that remain.

mod common;

use std::path::Path;

use common::inproc::Server;
use common::*;
use serde_json::json;

const PUTIN_LINE: &str = "التقى الرئيس الروسي فلاديمير بوتين في موسكو اليوم.\n";

fn assert_putin_at(server: &mut Server, path: &Path, text: &str, context: &str) {
    let hover = server.hover(&file_uri(path), pos_in(text, "بوتين", 0));
    let shown = hover_text(&hover);
    assert!(shown.contains("Putin"), "{context}: hover on بوتين gave {hover}");
}

/// `initialized`, then the `$/progress` end message of the index build.
fn indexed(server: &mut Server) -> String {
    server.notify("initialized", json!({}));
    server.wait_for("window/workDoneProgress/create", |m| m["method"] == "window/workDoneProgress/create");
    let end = server.notification("$/progress", |p| p["value"]["kind"] == "end");
    end["value"]["message"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_100_mb_article_is_skipped_with_its_reason_and_the_rest_is_served() {
    let corpus = TempDir::with_seed_corpus("hundred-mb");
    // The size decides before any byte is read, so a sparse file is a faithful 100 MB article.
    let big = std::fs::File::create(corpus.file("huge.txt")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    drop(big);
    let mut server = Server::start();
    server.initialize(&corpus.path);
    let message = indexed(&mut server);
    assert!(message.contains("5 articles indexed") && message.contains("1 skipped"), "{message:?}");
    let seed = corpus.file(&seed_name("000"));
    let text = std::fs::read_to_string(&seed).unwrap();
    assert_putin_at(&mut server, &seed, &text, "beside a 100 MB article");
    server.finish();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["check", corpus.path.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("huge.txt: 104857600 bytes, over the"), "the CLI says why: {stderr}");
}

#[test]
fn tens_of_thousands_of_tiny_files_some_deleted_while_indexing() {
    let corpus = TempDir::new("tiny");
    let n = 20_000;
    for i in 0..n {
        let dir = corpus.path.join(format!("d{}", i % 100));
        if i < 100 {
            std::fs::create_dir_all(&dir).unwrap();
        }
        let text = if i % 2 == 0 { PUTIN_LINE.to_string() } else { format!("خبر قصير رقم {i}.\n") };
        std::fs::write(dir.join(format!("{i}.txt")), text).unwrap();
    }
    let keep = corpus.path.join("d0/0.txt");
    let mut server = Server::start();
    // Every reference is asked for (the default limit would answer 2,000).
    let mut params = common::client::initialize_params(&corpus.path);
    params["initializationOptions"] = json!({"referencesLimit": 0});
    server.initialize_with(&corpus.path, params);
    server.notify("initialized", json!({}));
    // Delete every odd file while the server walks and reads the corpus.
    for i in (1..n).step_by(2) {
        let _ = std::fs::remove_file(corpus.path.join(format!("d{}", i % 100)).join(format!("{i}.txt")));
    }
    server.wait_for("window/workDoneProgress/create", |m| m["method"] == "window/workDoneProgress/create");
    let end = server.notification("$/progress", |p| p["value"]["kind"] == "end");
    let message = end["value"]["message"].as_str().unwrap_or_default().to_string();
    let indexed: usize = message.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!((n / 2..=n).contains(&indexed), "between the kept and all files are indexed: {message:?}");
    assert_putin_at(&mut server, &keep, PUTIN_LINE, "after indexing 20,000 tiny files");
    let refs = server.ok(
        "textDocument/references",
        json!({"textDocument": {"uri": file_uri(&keep)}, "position": pos_in(PUTIN_LINE, "بوتين", 0),
               "context": {"includeDeclaration": true}}),
    );
    let count = refs.as_array().map_or(0, Vec::len);
    assert!(count >= n / 2, "every kept article mentions Putin: {count} references");
    server.finish();
}
