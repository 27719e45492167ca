//! End-to-end tests of `isnad lsp` over stdio: the real binary, real `Content-Length` framing,
//! a temporary workspace holding copies of the five seed articles.
//!
//! One long session walks the features an editor uses (index progress, hover, cross-file
//! definition, references, symbols, an unsaved document with emoji, incremental edits,
//! versioned diagnostics, shutdown/exit); smaller tests cover the lifecycle edges and protocol
//! errors. `diagnostics_flag_vague_source_in_seed` checks the claims rules on a seed article.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};

fn assert_hover_is_putin(hover: &Value, context: &str) {
    assert!(hover.is_object(), "{context}: expected a hover, got {hover}");
    let text = hover_text(hover);
    for expected in ["Putin", "Q7747"] {
        assert!(text.contains(expected), "{context}: hover lacks {expected:?}:\n{text}");
    }
}

/// A location (or the first of a list of locations / links) as (uri, range).
fn first_location(v: &Value) -> (String, Value) {
    let loc = if v.is_array() { &v[0] } else { v };
    assert!(loc.is_object(), "expected a location, got {v}");
    if let Some(uri) = loc.get("targetUri") {
        (uri.as_str().unwrap().to_string(), loc["targetSelectionRange"].clone())
    } else {
        (loc["uri"].as_str().unwrap().to_string(), loc["range"].clone())
    }
}

/// The text a location covers, read from the file on disk.
fn location_text(uri: &str, range: &Value) -> String {
    let text = std::fs::read_to_string(uri_path(uri)).unwrap_or_else(|e| panic!("cannot read {uri}: {e}"));
    range_text(&text, range).to_string()
}

fn assert_capabilities(result: &Value) {
    let caps = &result["capabilities"];
    for key in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
    ] {
        let v = &caps[key];
        assert!(v == &json!(true) || v.is_object(), "capability {key} is {v}; capabilities: {caps:#}");
    }
    let sync = &caps["textDocumentSync"];
    let change = if sync.is_object() { &sync["change"] } else { sync };
    assert_eq!(change, &json!(2), "incremental sync; capabilities: {caps:#}");
    if sync.is_object() {
        assert_eq!(sync["openClose"], json!(true), "openClose; capabilities: {caps:#}");
    }
    assert_eq!(caps["positionEncoding"], json!("utf-16"));
}

fn text_document_position(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

#[test]
fn full_session_over_stdio() {
    let corpus = TempDir::with_seed_corpus("session");
    let mut server = Server::spawn(&["lsp"], &corpus.path);

    let init = server.initialize(&corpus.path);
    assert_capabilities(&init);
    server.notify("initialized", json!({}));
    // The server asks to watch files and to create a progress token (both answered with null
    // by the client's reader thread), then reports the index build.
    server
        .wait_for("client/registerCapability", |m| m["method"] == "client/registerCapability" && m.get("id").is_some());
    server.wait_for("window/workDoneProgress/create", |m| {
        m["method"] == "window/workDoneProgress/create" && m.get("id").is_some()
    });
    server.notification("$/progress", |p| p["value"]["kind"] == "begin");
    server.notification("$/progress", |p| p["value"]["kind"] == "end");

    let path_000 = corpus.file(&seed_name("000"));
    let path_004 = corpus.file(&seed_name("004"));
    let text_000 = std::fs::read_to_string(&path_000).unwrap();
    let text_004 = std::fs::read_to_string(&path_004).unwrap();
    let uri_000 = file_uri(&path_000);
    let uri_004 = file_uri(&path_004);
    server.open(&uri_000, &text_000, 1);
    server.open(&uri_004, &text_004, 1);

    // Hover on بوتين in 000.
    let hover = server.hover(&uri_000, pos_in(&text_000, "فلاديمير بوتين", 0));
    assert_hover_is_putin(&hover, "hover on بوتين in 000");
    assert!(hover_text(&hover).contains("5 articles"), "hover counts articles:\n{}", hover_text(&hover));
    assert_eq!(range_text(&text_000, &hover["range"]), "فلاديمير بوتين", "hover range covers the mention");

    // Definition from 004's كيم جونج وون: a full-name mention in another article.
    let def =
        server.ok("textDocument/definition", text_document_position(&uri_004, pos_in(&text_004, "كيم جونج وون", 0)));
    let (def_uri, def_range) = first_location(&def);
    assert_ne!(def_uri, uri_004, "definition should land in a different article: {def}");
    let def_text = location_text(&def_uri, &def_range);
    assert!(def_text.contains("كيم"), "definition lands on «{def_text}»: {def}");

    // References on بيونغ يانغ in 000: both spellings, across the corpus.
    let at_pyongyang = pos_in(&text_000, "بيونغ يانغ", 0);
    let refs = server.ok(
        "textDocument/references",
        json!({"textDocument": {"uri": uri_000}, "position": at_pyongyang, "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().unwrap_or_else(|| panic!("references: {refs}"));
    let texts: Vec<String> = refs.iter().map(|l| location_text(l["uri"].as_str().unwrap(), &l["range"])).collect();
    assert!(texts.iter().any(|t| t == "بيونج يانج"), "references include the other spelling: {texts:?}");
    assert!(texts.iter().all(|t| t.contains("يان")), "every reference is a Pyongyang mention: {texts:?}");
    let files: std::collections::HashSet<&str> = refs.iter().map(|l| l["uri"].as_str().unwrap()).collect();
    assert!(files.len() >= 4, "references span at least 4 articles: {files:?}");
    let without_decl = server.ok(
        "textDocument/references",
        json!({"textDocument": {"uri": uri_000}, "position": at_pyongyang, "context": {"includeDeclaration": false}}),
    );
    assert_eq!(
        without_decl.as_array().map(Vec::len),
        Some(refs.len() - 1),
        "includeDeclaration false leaves out exactly the declaration"
    );

    // Document symbols of 000: entity groups with children.
    let symbols = server.ok("textDocument/documentSymbol", json!({"textDocument": {"uri": uri_000}}));
    let groups = symbols.as_array().unwrap_or_else(|| panic!("documentSymbol: {symbols}"));
    assert!(!groups.is_empty(), "documentSymbol returns groups");
    assert!(
        groups.iter().all(|g| g["children"].as_array().is_some_and(|c| !c.is_empty())),
        "every group has children: {symbols:#}"
    );
    let children: Vec<&Value> = groups.iter().flat_map(|g| g["children"].as_array().unwrap()).collect();
    assert!(
        children.iter().any(|c| c["detail"].as_str().is_some_and(|d| d.contains("putin"))),
        "Putin is among 000's symbols: {symbols:#}"
    );

    // Workspace symbols.
    let found = server.ok("workspace/symbol", json!({"query": "بوتين"}));
    let found = found.as_array().unwrap_or_else(|| panic!("workspace/symbol: {found}"));
    assert!(
        found.iter().any(|s| s["containerName"] == "putin" || s["name"].as_str().is_some_and(|n| n.contains("بوتين"))),
        "workspace/symbol finds putin: {found:#?}"
    );

    // An unsaved document with emoji before the entity (surrogate pairs: 2 UTF-16 units each).
    let untitled = "untitled:Untitled-1";
    let draft = "🙂🙂 التقى الرئيس فلاديمير بوتين في موسكو.";
    server.open(untitled, draft, 1);
    let opened = server.diagnostics(untitled);
    assert_eq!(opened["version"], json!(1), "diagnostics of the opened draft: {opened}");
    let putin_col = 2 * 2 + " التقى الرئيس فلاديمير ".chars().count();
    assert_eq!(pos_in(draft, "بوتين", 0), json!({"line": 0, "character": putin_col + 1}));
    // On the last letter of بوتين: were columns read as code points, this would land on في.
    let last_letter = putin_col + "بوتين".chars().count() - 1;
    let hover = server.hover(untitled, json!({"line": 0, "character": last_letter}));
    assert_hover_is_putin(&hover, "hover in the unsaved draft");
    assert!(
        range_text(draft, &hover["range"]).ends_with("بوتين"),
        "hover range in UTF-16 units: {} → «{}»",
        hover["range"],
        range_text(draft, &hover["range"])
    );

    // Incremental edit: a title and a claim before; the hover follows the text, and the new
    // diagnostics (they changed) carry the edit's version.
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": untitled, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                                "text": "عنوان جديد\nويتوقع مراقبون أن ترتفع الأسعار بنسبة 40 في المئة.\n"}]
        }),
    );
    let hover = server.hover(untitled, json!({"line": 2, "character": last_letter}));
    assert_hover_is_putin(&hover, "hover after inserting two lines");
    assert_eq!(hover["range"]["start"]["line"], json!(2), "the hover range moved down two lines: {hover}");
    let after_edit = server.diagnostics(untitled);
    assert_eq!(after_edit["version"], json!(2), "diagnostics after the edit carry its version: {after_edit}");
    assert!(after_edit.to_string().contains("vague-source"), "{after_edit}");

    // Diagnostics of a seed article carry the document version; the claims rules' codes only.
    let path_001 = corpus.file(&seed_name("001"));
    let text_001 = std::fs::read_to_string(&path_001).unwrap();
    let uri_001 = file_uri(&path_001);
    server.open(&uri_001, &text_001, 1);
    let diags = server.diagnostics(&uri_001);
    assert_eq!(diags["version"], json!(1), "diagnostics of 001: {diags}");
    let items = diags["diagnostics"].as_array().unwrap_or_else(|| panic!("diagnostics array: {diags}"));
    for d in items {
        assert!(d["code"] == "unsourced-claim" || d["code"] == "vague-source", "unexpected diagnostic code: {d}");
        assert_eq!(d["source"], "isnad", "diagnostic source: {d}");
        let _ = range_text(&text_001, &d["range"]);
    }

    server.finish();
}

#[test]
fn diagnostics_flag_vague_source_in_seed() {
    let corpus = TempDir::with_seed_corpus("claims");
    let mut server = Server::start_indexed(&["lsp"], &corpus.path);
    let path = corpus.file(&seed_name("001"));
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    server.open(&uri, &text, 1);
    let diags = server.diagnostics(&uri);
    assert_eq!(diags["version"], json!(1));
    let items = diags["diagnostics"].as_array().cloned().unwrap_or_default();
    let span = |needle: &str| {
        let start = find_nth(&text, needle, 0);
        (start, start + needle.len())
    };
    let byte_range = |d: &Value| (utf16_offset(&text, &d["range"]["start"]), utf16_offset(&text, &d["range"]["end"]));
    let rendered: Vec<String> =
        items.iter().map(|d| format!("{} {} «{}»", d["code"], d["range"], range_text(&text, &d["range"]))).collect();

    let (vague_start, vague_end) = span("ورأى مراقبون أن هذا الشحن");
    assert!(
        items.iter().any(|d| {
            let (s, e) = byte_range(d);
            d["code"] == "vague-source" && d["source"] == "isnad" && s <= vague_start && e >= vague_end
        }),
        "a vague-source diagnostic should cover «ورأى مراقبون أن هذا الشحن»; got:\n{}",
        rendered.join("\n")
    );
    let (kirby_start, kirby_end) = span("وأضاف كيربي");
    assert!(
        !items.iter().any(|d| {
            let (s, e) = byte_range(d);
            s < kirby_end && e > kirby_start
        }),
        "«وأضاف كيربي» is attributed and must not be flagged; got:\n{}",
        rendered.join("\n")
    );
    server.finish();
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
fn protocol_errors_and_out_of_range_positions() {
    let corpus = TempDir::with_seed_corpus("errors");
    let mut server = Server::spawn(&["lsp"], &corpus.path);
    let path = corpus.file(&seed_name("000"));
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);

    // Before initialize: ServerNotInitialized.
    let early = server.request("textDocument/hover", text_document_position(&uri, json!({"line": 0, "character": 0})));
    let err = early.expect_err("a request before initialize is an error");
    assert_eq!(err["code"], json!(-32002), "ServerNotInitialized: {err}");

    server.initialize(&corpus.path);
    server.initialized_and_indexed();

    let unknown = server.request("isnad/noSuchMethod", json!({}));
    let err = unknown.expect_err("an unknown method is an error");
    assert_eq!(err["code"], json!(-32601), "MethodNotFound: {err}");

    server.open(&uri, &text, 1);
    for far in [json!({"line": 100000, "character": 100000}), json!({"line": 0, "character": 100000})] {
        let answer = server.request("textDocument/hover", text_document_position(&uri, far.clone()));
        let answer = answer.unwrap_or_else(|e| panic!("hover at {far} answered with an error: {e}"));
        assert!(answer.is_null() || answer.is_object(), "hover at {far}: {answer}");
    }
    let hover = server.hover(&uri, pos_in(&text, "فلاديمير بوتين", 0));
    assert_hover_is_putin(&hover, "hover after out-of-range hovers");

    // A body that is not JSON is ignored; the session goes on.
    server.send_raw(br#"{"jsonrpc": "2.0", "id": 9999, "method": "textDocument/hover", "params": {"#);
    let hover = server.hover(&uri, pos_in(&text, "فلاديمير بوتين", 0));
    assert_hover_is_putin(&hover, "hover after a malformed message");
    server.finish();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let corpus = TempDir::with_seed_corpus("utf8");
    let mut server = Server::spawn(&["lsp"], &corpus.path);
    let uri = file_uri(&corpus.path);
    let result = server.ok(
        "initialize",
        json!({"processId": std::process::id(), "rootUri": uri, "workspaceFolders": [{"uri": uri, "name": "corpus"}],
               "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}, "window": {"workDoneProgress": true}}}),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], json!("utf-8"));
    server.initialized_and_indexed();
    let doc = corpus.file("unsaved.txt");
    let text = "🙂🙂 التقى الرئيس فلاديمير بوتين في موسكو.\n";
    let doc_uri = file_uri(&doc);
    server.open(&doc_uri, text, 1);
    // UTF-8 column: the byte offset of the last letter of بوتين within the line.
    let byte = text.find("بوتين").unwrap() + "بوتي".len();
    let hover =
        server.ok("textDocument/hover", text_document_position(&doc_uri, json!({"line": 0, "character": byte})));
    assert_hover_is_putin(&hover, "hover with UTF-8 columns");
    server.finish();
}

#[test]
fn files_created_on_disk_are_indexed_when_the_client_reports_them() {
    let corpus = TempDir::with_seed_corpus("watch");
    let mut server = Server::start_indexed(&["lsp"], &corpus.path);
    let name = "زاخاروفيتش بيلانوف";
    let found = server.ok("workspace/symbol", json!({"query": name}));
    assert_eq!(found, json!([]), "not in the corpus yet: {found}");
    let path = corpus.file("new.txt");
    std::fs::write(&path, format!("وقال المتحدث باسم الوزارة {name} إن الاجتماع انتهى.\n")).unwrap();
    server.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": file_uri(&path), "type": 1}]}));
    let found = server.ok("workspace/symbol", json!({"query": name}));
    assert_eq!(found.as_array().map(Vec::len), Some(1), "found after the file event: {found}");
    std::fs::remove_file(&path).unwrap();
    server.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": file_uri(&path), "type": 3}]}));
    let found = server.ok("workspace/symbol", json!({"query": name}));
    assert_eq!(found, json!([]), "gone after the delete event: {found}");
    server.finish();
}

#[test]
fn who_said_what_over_stdio() {
    let corpus = TempDir::with_seed_corpus("sources");
    let mut server = Server::start_indexed(&["lsp"], &corpus.path);
    let path = corpus.file(&seed_name("003"));
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    server.open(&uri, &text, 1);

    // Off a name, the hover says whose word a sentence is and through which cue.
    let said = "ندعم كوريا الشمالية على الدوام";
    let hover = server.hover(&uri, pos_in(&text, said, 0));
    let shown = hover_text(&hover);
    assert!(shown.contains("المصدر") && shown.contains("لافروف") && shown.contains("Lavrov"), "{shown}");
    assert!(shown.contains("وقال"), "the cue: {shown}");
    assert!(range_text(&text, &hover["range"]).contains(said), "the range is the sentence: {hover}");
    // On the name, the card counts the sentences quoted from the entity.
    let card = hover_text(&server.hover(&uri, pos_in(&text, "لافروف", 1)));
    assert!(card.contains("Quoted in"), "{card}");

    // "Show what Lavrov said": the attributed sentences, across the corpus, as locations.
    let statements = server.ok("isnad/statements", text_document_position(&uri, pos_in(&text, "لافروف", 1)));
    let statements = statements.as_array().unwrap_or_else(|| panic!("isnad/statements: {statements}"));
    assert!(statements.len() >= 3, "Lavrov speaks several times in 003: {statements:?}");
    let sentences: Vec<String> =
        statements.iter().map(|l| location_text(l["uri"].as_str().unwrap(), &l["range"])).collect();
    assert!(sentences.iter().any(|s| s.contains(said)), "{sentences:?}");
    // Off any name there is nobody to list.
    let nobody = server.ok("isnad/statements", text_document_position(&uri, pos_in(&text, said, 0)));
    assert_eq!(nobody, json!([]), "no entity at the position: {nobody}");
    server.finish();
}
