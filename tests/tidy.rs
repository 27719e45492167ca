//! Source hygiene checks that run with `cargo test`: the analysis core stays free of the
//! protocol, JSON, async and I/O (the invariant stated in `src/analysis/mod.rs`), and every
//! `.rs` file under `src/` opens with a `//!` paragraph, stays under 700 lines and carries no
//! `todo!(` / `unimplemented!(`.
//!
//! The files are read at test time; every failure names `path:line`. Comments are not code:
//! a doc comment may say "nothing here knows about tokio" without tripping the check.

use std::path::{Path, PathBuf};

/// Names the analysis core must not mention in code.
const FORBIDDEN_IN_ANALYSIS: &[&str] =
    &["tower_lsp", "lsp_types", "ls_types", "serde_json", "tokio", "std::fs", "std::net", "std::process", "File::open"];

/// Macros that must not be left in `src/`.
const FORBIDDEN_MACROS: &[&str] = &["todo!(", "unimplemented!("];

const MAX_LINES: usize = 700;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, recursively, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot list {}: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The path as shown in messages: relative to the crate root.
fn shown(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The code part of a line: everything before a `//` that is not inside a string literal.
fn code_part(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
        i += 1;
    }
    line
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `code` contains `needle` as a whole name (not as part of a longer identifier,
/// so `ls_types` does not match inside `tools_types`).
fn mentions(code: &str, needle: &str) -> bool {
    let first_is_ident = needle.bytes().next().is_some_and(is_ident_byte);
    let last_is_ident = needle.bytes().last().is_some_and(is_ident_byte);
    code.match_indices(needle).any(|(i, _)| {
        let before = code[..i].bytes().last();
        let after = code[i + needle.len()..].bytes().next();
        let glued_before = first_is_ident && before.is_some_and(is_ident_byte);
        let glued_after = last_is_ident && after.is_some_and(is_ident_byte);
        !glued_before && !glued_after
    })
}

/// `name:line: message` for every line of `text` whose code mentions one of `needles`.
fn find_mentions(name: &str, text: &str, needles: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = code_part(line);
        for needle in needles {
            if mentions(code, needle) {
                problems.push(format!("{name}:{}: mentions `{needle}`: {}", i + 1, line.trim()));
            }
        }
    }
    problems
}

/// The first non-blank line must be a `//!` line with text.
fn check_module_doc(name: &str, text: &str) -> Option<String> {
    let Some((i, line)) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else {
        return Some(format!("{name}:1: empty file, no leading `//!` doc paragraph"));
    };
    match line.trim_start().strip_prefix("//!") {
        None => Some(format!("{name}:{}: no leading `//!` doc paragraph (first line: {})", i + 1, line.trim())),
        Some(doc) if doc.trim().is_empty() => {
            Some(format!("{name}:{}: the leading `//!` line is empty; start with a sentence", i + 1))
        }
        Some(_) => None,
    }
}

fn check_length(name: &str, text: &str) -> Option<String> {
    let n = text.lines().count();
    (n > MAX_LINES).then(|| format!("{name}:{}: {n} lines, more than {MAX_LINES}", MAX_LINES + 1))
}

fn fail_on(problems: Vec<String>, what: &str) {
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

#[test]
fn analysis_core_has_no_protocol_json_async_or_io() {
    let files = rust_files(&src_dir().join("analysis"));
    // Guards against a wrong path making the check vacuous.
    assert!(files.len() >= 10, "expected the analysis modules under src/analysis, found {files:?}");
    let problems: Vec<String> =
        files.iter().flat_map(|p| find_mentions(&shown(p), &read(p), FORBIDDEN_IN_ANALYSIS)).collect();
    fail_on(problems, "src/analysis/ must stay free of LSP, JSON, tokio and I/O");
}

#[test]
fn every_source_file_opens_with_a_doc_paragraph() {
    let files = rust_files(&src_dir());
    assert!(files.len() >= 20, "expected the crate's sources under src/, found {files:?}");
    let problems: Vec<String> = files.iter().filter_map(|p| check_module_doc(&shown(p), &read(p))).collect();
    fail_on(problems, "every .rs file under src/ must start with a `//!` paragraph");
}

#[test]
fn no_source_file_is_longer_than_700_lines() {
    let files = rust_files(&src_dir());
    assert!(!files.is_empty());
    let problems: Vec<String> = files.iter().filter_map(|p| check_length(&shown(p), &read(p))).collect();
    fail_on(problems, "split files longer than 700 lines");
}

#[test]
fn no_todo_or_unimplemented_in_src() {
    let files = rust_files(&src_dir());
    assert!(!files.is_empty());
    let problems: Vec<String> =
        files.iter().flat_map(|p| find_mentions(&shown(p), &read(p), FORBIDDEN_MACROS)).collect();
    fail_on(problems, "finish or remove placeholders");
}

/// The checkers themselves flag what they should (so the tests above can fail).
#[test]
fn checkers_flag_bad_input() {
    let bad = "//! Doc.\nuse tokio::sync::Mutex;\nlet x = std::fs::read(p);\n// tokio in a comment\nlet u = \"http://x\"; todo!()\n";
    let found = find_mentions("a.rs", bad, FORBIDDEN_IN_ANALYSIS);
    assert_eq!(
        found,
        vec![
            "a.rs:2: mentions `tokio`: use tokio::sync::Mutex;".to_string(),
            "a.rs:3: mentions `std::fs`: let x = std::fs::read(p);".to_string(),
        ]
    );
    assert_eq!(
        find_mentions("a.rs", bad, FORBIDDEN_MACROS),
        vec!["a.rs:5: mentions `todo!(`: let u = \"http://x\"; todo!()".to_string()]
    );
    assert!(find_mentions("a.rs", "let tools_types = 1; let tokios = 2;", FORBIDDEN_IN_ANALYSIS).is_empty());
    assert!(!find_mentions("a.rs", "use tower_lsp_server::lsp_types::Uri;", FORBIDDEN_IN_ANALYSIS).is_empty());

    assert_eq!(check_module_doc("a.rs", "//! Fine.\n"), None);
    assert_eq!(check_module_doc("a.rs", "\n\n//! Fine after blank lines.\n"), None);
    assert_eq!(
        check_module_doc("a.rs", "use std::fmt;\n"),
        Some("a.rs:1: no leading `//!` doc paragraph (first line: use std::fmt;)".to_string())
    );
    assert_eq!(
        check_module_doc("a.rs", "/// Item doc, not module doc.\nfn f() {}\n"),
        Some("a.rs:1: no leading `//!` doc paragraph (first line: /// Item doc, not module doc.)".to_string())
    );
    assert!(check_module_doc("a.rs", "//!\n//! text\n").is_some());
    assert!(check_module_doc("a.rs", "").is_some());

    assert_eq!(check_length("a.rs", &"x\n".repeat(700)), None);
    assert_eq!(check_length("a.rs", &"x\n".repeat(701)), Some("a.rs:701: 701 lines, more than 700".to_string()));
}
