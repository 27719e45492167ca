//! Source hygiene checks that run with `cargo test`: the analysis core stays free of the
//! protocol, JSON, async and I/O (the invariant stated in `src/analysis/mod.rs`), and every
//! `.rs` file under `src/` opens with a `//!` paragraph, stays under 700 lines and carries no
//! `todo!(` / `unimplemented!(` (the first two hold for `tests/` too); and the module graph stays
//! a DAG (below).
//!
//! The files are read at test time; every failure names `path:line`. Comments are not code:
//! a doc comment may say "nothing here knows about tokio" without tripping the check.

use std::collections::{BTreeMap, BTreeSet};
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
fn every_test_file_opens_with_a_doc_paragraph_and_stays_under_700_lines() {
    let files = rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"));
    assert!(files.len() >= 10, "expected the test suites under tests/, found {files:?}");
    let problems: Vec<String> = files
        .iter()
        .flat_map(|p| {
            let text = read(p);
            [check_module_doc(&shown(p), &text), check_length(&shown(p), &text)]
        })
        .flatten()
        .collect();
    fail_on(problems, "every .rs file under tests/ starts with a `//!` paragraph and has at most 700 lines");
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

// The module graph stays a DAG: no module of the analysis core (`src/analysis/`), of the
// language server (`src/lsp/`) or among the crate's top modules (`src/`) reaches, through its
// `use` paths, a module that reaches it back.
//
// A module is a top-level file or directory of the layer (`corpus.rs` with `corpus/`); its
// dependencies are the sibling modules its non-test code names (`super::x` from the top-level
// file, `super::super::x` from one level down, …, or `crate::<layer>::x`). Test code (from the
// first `#[cfg(test)]` on, and `tests`/`fixture` modules) may reach anywhere. A failure prints the
// cycle as a path of modules.

/// Modules that exist only for tests.
const TEST_MODULES: &[&str] = &["tests", "fixture", "tests_seeds"];

/// The code of a file before its tests, without comments.
fn non_test_code(text: &str) -> String {
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or("");
    before_tests.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The identifiers that follow each occurrence of `prefix` in `code`, where `prefix` is not itself
/// preceded by an identifier character or a `::` (so `super::x` does not match inside `super::super::x`).
fn names_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let before = &code[..at];
        if before.ends_with("::") || before.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if end > 0 {
            out.push(&rest[..end]);
        }
    }
    out
}

/// The dependency graph among a layer's modules, from `(path relative to the layer, text)` pairs.
/// `layer` is the layer's path from the crate root (`analysis`).
fn module_graph(layer: &str, files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let top_of = |rel: &str| rel.split('/').next().unwrap_or(rel).trim_end_matches(".rs").to_string();
    let modules: BTreeSet<String> = files
        .iter()
        .map(|(rel, _)| top_of(rel))
        .filter(|m| m != "mod" && !TEST_MODULES.contains(&m.as_str()))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for (rel, text) in files {
        let top = top_of(rel);
        let file_stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".rs");
        if !modules.contains(&top) || TEST_MODULES.contains(&file_stem) {
            continue;
        }
        let code = non_test_code(text);
        // Directories below the layer: a file `a/b.rs` needs `super::super::` to reach the layer.
        let depth = rel.matches('/').count();
        let to_layer = "super::".repeat(depth + 1);
        let crate_path = if layer.is_empty() { "crate::".to_string() } else { format!("crate::{layer}::") };
        let named = names_after(&code, &to_layer).into_iter().chain(names_after(&code, &crate_path));
        let deps = graph.get_mut(&top).expect("module in graph");
        for name in named {
            if name != top && modules.contains(name) {
                deps.insert(name.to_string());
            }
        }
    }
    graph
}

/// A cycle in the graph, as a path whose last module is its first, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(m.to_string(), Mark::Open);
        path.push(m.to_string());
        for d in &graph[m] {
            match marks[d.as_str()] {
                Mark::Open => {
                    let from = path.iter().position(|p| p == d).unwrap_or(0);
                    let mut cycle = path[from..].to_vec();
                    cycle.push(d.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(d, graph, marks, path) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(m.to_string(), Mark::Done);
        None
    }
    let mut marks: BTreeMap<String, Mark> = graph.keys().map(|k| (k.clone(), Mark::New)).collect();
    for m in graph.keys() {
        if marks[m.as_str()] == Mark::New {
            if let Some(c) = visit(m, graph, &mut marks, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

fn layer_graph(layer: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(layer);
    let files: Vec<(String, String)> = rust_files(&dir)
        .into_iter()
        .map(|p| (p.strip_prefix(&dir).expect("under the layer").to_string_lossy().replace('\\', "/"), read(&p)))
        .collect();
    module_graph(layer, &files)
}

fn assert_acyclic(layer: &str) {
    let graph = layer_graph(layer);
    // Guards against a wrong path or parse making the check vacuous.
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    assert!(graph.len() >= 6 && edges >= 8, "src/{layer}: only {} modules and {edges} dependencies found", graph.len());
    if let Some(cycle) = find_cycle(&graph) {
        panic!("src/{layer}/ has a dependency cycle: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_analysis_core_has_no_module_cycle() {
    assert_acyclic("analysis");
}

#[test]
fn the_language_server_has_no_module_cycle() {
    assert_acyclic("lsp");
}

#[test]
fn the_crate_has_no_cycle_among_its_top_modules() {
    assert_acyclic("");
}

#[test]
fn the_checker_finds_a_cycle_through_submodules_and_ignores_tests() {
    let files = |extra: &str| {
        vec![
            ("a.rs".to_string(), "//! A.\nuse super::b::B;\n".to_string()),
            ("b.rs".to_string(), "//! B.\nmod inner;\n".to_string()),
            ("b/inner.rs".to_string(), format!("//! Inner.\nuse super::sibling;\n{extra}")),
            (
                "c.rs".to_string(),
                "//! C.\n// use super::a;\n#[cfg(test)]\nmod tests { use super::super::a; }\n".to_string(),
            ),
            ("mod.rs".to_string(), "//! The layer.\npub mod a;\npub mod b;\npub mod c;\n".to_string()),
        ]
    };
    let acyclic = module_graph("layer", &files(""));
    assert_eq!(acyclic["a"], BTreeSet::from(["b".to_string()]));
    assert!(acyclic["c"].is_empty(), "comments and test code are not dependencies");
    assert_eq!(find_cycle(&acyclic), None);
    let cyclic = module_graph("layer", &files("use super::super::a::A;\n"));
    assert_eq!(find_cycle(&cyclic), Some(vec!["a".to_string(), "b".to_string(), "a".to_string()]));
    let via_crate = module_graph("layer", &files("fn f() { crate::layer::a::g(); }\n"));
    assert!(find_cycle(&via_crate).is_some());
}

/// The most lines a protocol handler's body may have: a handler converts the request, calls the
/// core (or a conversion module of `src/lsp/`) and converts the answer, nothing else.
const MAX_HANDLER_LINES: usize = 10;

/// The handlers of `impl LanguageServer` in `text` longer than [`MAX_HANDLER_LINES`], as
/// `(name, line of the fn, body lines)`. A handler is an `async fn` at the impl's indentation;
/// its body runs from the line that opens it to the `}` at the same indentation.
fn long_handlers(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| l.starts_with("impl LanguageServer for ")) else {
        return vec![("(no `impl LanguageServer`)".to_string(), 0, 0)];
    };
    let mut out = Vec::new();
    let mut i = start + 1;
    while i < lines.len() && lines[i] != "}" {
        let Some(rest) = lines[i].strip_prefix("    async fn ") else {
            i += 1;
            continue;
        };
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let (at, open) = (i, (i..lines.len()).find(|&k| lines[k].ends_with('{')).unwrap_or(i));
        let close = (open + 1..lines.len()).find(|&k| lines[k] == "    }").unwrap_or(lines.len());
        let body = close - open - 1;
        if body > MAX_HANDLER_LINES {
            out.push((name, at + 1, body));
        }
        i = close + 1;
    }
    out
}

#[test]
fn protocol_handlers_are_a_few_lines() {
    let path = src_dir().join("lsp/server.rs");
    let long = long_handlers(&read(&path));
    let shown_long: Vec<String> =
        long.iter().map(|(name, line, n)| format!("{}:{line}: {name} has {n} lines", shown(&path))).collect();
    assert!(shown_long.is_empty(), "handlers longer than {MAX_HANDLER_LINES} lines:\n{}", shown_long.join("\n"));
}

#[test]
fn the_handler_check_counts_body_lines() {
    let short = "    async fn a(&self) {\n        x();\n    }\n";
    let long = format!("    async fn b(\n        &self,\n    ) -> R {{\n{}    }}\n", "        y();\n".repeat(11));
    let text = format!("impl Backend {{\n    async fn helper(&self) {{\n{}    }}\n}}\n\nimpl LanguageServer for Backend {{\n{short}\n{long}}}\n", "        z();\n".repeat(20));
    assert_eq!(long_handlers(&text), vec![("b".to_string(), 31, 11)]);
}
