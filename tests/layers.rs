//! The module graph stays a DAG: no module of the analysis core (`src/analysis/`), of the
//! language server (`src/lsp/`) or among the crate's top modules (`src/`) reaches, through its
//! `use` paths, a module that reaches it back.
//!
//! A module is a top-level file or directory of the layer (`corpus.rs` with `corpus/`); its
//! dependencies are the sibling modules its non-test code names (`super::x` from the top-level
//! file, `super::super::x` from one level down, …, or `crate::<layer>::x`). Test code (from the
//! first `#[cfg(test)]` on, and `tests`/`fixture` modules) may reach anywhere. A failure prints the
//! cycle as a path of modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules that exist only for tests.
const TEST_MODULES: &[&str] = &["tests", "fixture", "tests_seeds"];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("cannot list {}: {e}", d.display())) {
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
        .map(|p| {
            let rel = p.strip_prefix(&dir).expect("under the layer").to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            (rel, text)
        })
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
