//! The batch commands run as a user runs them: `isnad check`, `isnad entities`, `isnad sources`
//! and `isnad annotate` over `examples/corpus` from the repository root, so paths in the output
//! are relative.
//!
//! `check`, `entities` and `sources` are compared with golden files in `tests/golden/`
//! (`UPDATE_EXPECT=1 cargo test --test cli` rewrites them); exit codes follow the contract in
//! `src/cli/mod.rs` (0 clean, 1 warnings, 2 usage or I/O errors); the brat files written by
//! `annotate` are parsed and checked against the articles' text.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Output};

use common::{TempDir, UNSOURCED};
use expect_test::expect_file;
use isnad::analysis::claims::default_min_score;

const CORPUS: &str = "examples/corpus";

/// The score from which the built-in claim model flags a sentence (`data/claims.tsv`).
fn default_threshold() -> f64 {
    f64::from(default_min_score()) / 1000.0
}

/// Runs `isnad ARGS…` in the repository root.
fn isnad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("ISNAD_LOG", "warn")
        .output()
        .expect("run isnad")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_golden_and_exit_code() {
    let out = isnad(&["check", CORPUS]);
    let text = stdout(&out);
    expect_file!["golden/check.txt"].assert_eq(&text);
    let expected = if text.contains(": warning ") { 1 } else { 0 };
    assert_eq!(
        out.status.code(),
        Some(expected),
        "check exits 1 exactly when it prints warnings; stderr:\n{}",
        stderr(&out)
    );
    for line in text.lines() {
        assert!(
            line.starts_with(CORPUS)
                && (line.contains(": warning unsourced-claim: ") || line.contains(": info vague-source: ")),
            "diagnostic lines look like `path:line:col: severity code: message`: {line}"
        );
    }
}

#[test]
fn check_json_agrees_with_text() {
    let text = stdout(&isnad(&["check", CORPUS]));
    let out = isnad(&["check", CORPUS, "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check --format json prints JSON");
    let rows = rows.as_array().expect("a JSON array");
    assert_eq!(rows.len(), text.lines().count(), "as many JSON rows as text lines");
    for (row, line) in rows.iter().zip(text.lines()) {
        let prefix = format!(
            "{}:{}:{}: {} {}: ",
            row["path"].as_str().unwrap(),
            row["line"],
            row["column"],
            row["severity"].as_str().unwrap(),
            row["code"].as_str().unwrap()
        );
        assert!(line.starts_with(&prefix), "JSON row {row} vs text line {line}");
        // A claim carries its check-worthiness score: at least the built-in model's threshold when
        // it is shown, 1 for a vague source.
        match row["code"].as_str().unwrap() {
            "unsourced-claim" => {
                assert!(row["score"].as_f64().is_some_and(|x| (default_threshold()..1.0).contains(&x)), "{row}")
            }
            "vague-source" => assert_eq!(row["score"].as_f64(), Some(1.0), "{row}"),
            _ => assert!(row["score"].is_null(), "{row}"),
        }
    }
}

#[test]
fn entities_golden() {
    let out = isnad(&["entities", CORPUS, "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().count() > 10, "a header and many entities:\n{text}");
    expect_file!["golden/entities.txt"].assert_eq(&text);
}

#[test]
fn sources_golden_and_json() {
    let out = isnad(&["sources", CORPUS]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let text = stdout(&out);
    expect_file!["golden/sources.txt"].assert_eq(&text);
    let out = isnad(&["sources", CORPUS, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    let named = report["named"].as_array().unwrap();
    let statements: Vec<u64> = named.iter().map(|q| q["statements"].as_u64().unwrap()).collect();
    assert!(statements.windows(2).all(|w| w[0] >= w[1]), "most quoted first: {statements:?}");
    let putin = named.iter().find(|q| q["id"] == "putin").expect("Putin is quoted in the seeds");
    assert_eq!(putin["english"], "Vladimir Putin");
    assert!(putin["cues"].as_array().is_some_and(|c| !c.is_empty()), "{putin}");
    let vague: u64 = report["vague"].as_array().unwrap().iter().map(|v| v["statements"].as_u64().unwrap()).sum();
    let total = report["attributed_sentences"].as_u64().unwrap();
    let unresolved = report["unresolved_roles"].as_u64().unwrap();
    assert_eq!(statements.iter().sum::<u64>() + vague + unresolved, total, "every attributed sentence is counted once");
}

#[test]
fn missing_path_is_an_error() {
    let missing = "examples/no-such-corpus";
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR")).join(missing).exists());
    for cmd in ["check", "entities", "sources"] {
        let out = isnad(&[cmd, missing]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "`isnad {cmd} {missing}` should exit 2; stdout:\n{}\nstderr:\n{}",
            stdout(&out),
            stderr(&out)
        );
        assert!(stderr(&out).contains("no-such-corpus"), "the message names the path:\n{}", stderr(&out));
    }
}

#[test]
fn bad_flag_is_a_usage_error() {
    for args in [&["check", CORPUS, "--no-such-flag"][..], &["entities", "--format", "yaml", CORPUS], &["frobnicate"]] {
        let out = isnad(args);
        assert_eq!(out.status.code(), Some(2), "isnad {args:?}; stderr:\n{}", stderr(&out));
        assert!(out.stdout.is_empty(), "usage errors go to stderr: {}", stdout(&out));
        assert!(!out.stderr.is_empty(), "isnad {args:?} explains the error");
    }
}

/// One `T` line of a brat file.
struct TextBound {
    ty: String,
    start: usize,
    end: usize,
    text: String,
}

#[test]
fn annotate_writes_brat_matching_the_articles() {
    let out_dir = TempDir::new("annotate");
    let out = isnad(&["annotate", CORPUS, "--out", out_dir.path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));

    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let mut articles: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    assert_eq!(articles.len(), 5);
    let mut anns: Vec<_> = std::fs::read_dir(&out_dir.path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    anns.sort();
    let expected: Vec<String> =
        articles.iter().map(|p| p.with_extension("ann").file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(anns, expected, "one .ann file per article, next to nothing else");

    let mut entity_lines = 0;
    let mut attribution_lines = 0;
    for article in &articles {
        let name = article.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(article).unwrap();
        let ann_path = out_dir.path.join(article.with_extension("ann").file_name().unwrap());
        let ann = std::fs::read_to_string(&ann_path).unwrap();
        let mut tbs: HashMap<String, TextBound> = HashMap::new();
        let mut referenced: HashSet<String> = HashSet::new();
        for (i, line) in ann.lines().enumerate() {
            let at = format!("{name}.ann:{}: {line}", i + 1);
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{at}: three tab-separated fields");
            let id = fields[0];
            if id.starts_with('T') {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                assert_eq!(parts.len(), 3, "{at}: `TYPE START END` (one fragment)");
                let (start, end): (usize, usize) = (parts[1].parse().unwrap(), parts[2].parse().unwrap());
                assert!(start < end, "{at}: non-empty span");
                // brat writes line breaks inside a span as spaces.
                let slice: String = text
                    .chars()
                    .skip(start)
                    .take(end - start)
                    .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
                    .collect();
                assert_eq!(fields[2], slice, "{at}: the text at code points {start}..{end}");
                let previous = tbs.insert(
                    id.to_string(),
                    TextBound { ty: parts[0].to_string(), start, end, text: fields[2].to_string() },
                );
                assert!(previous.is_none(), "{at}: duplicate id {id}");
            } else if id.starts_with('N') {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                assert_eq!(parts.len(), 3, "{at}: `Reference T<n> DB:ID`");
                assert_eq!(parts[0], "Reference", "{at}");
                let target = tbs
                    .get(parts[1])
                    .unwrap_or_else(|| panic!("{at}: refers to {} before or without its T line", parts[1]));
                if target.ty == "Attribution" {
                    // An attribution's reference names its source, as written in the article.
                    assert!(!fields[2].is_empty() && text.contains(fields[2]), "{at}: the source as written");
                } else {
                    assert_eq!(fields[2], target.text, "{at}: the N line repeats its T's text");
                }
                if let Some(id) = parts[2].strip_prefix("isnad:") {
                    assert!(!id.is_empty(), "{at}: empty isnad id");
                    referenced.insert(parts[1].to_string());
                } else {
                    assert!(parts[2].starts_with("Wikidata:Q"), "{at}: isnad: or Wikidata: reference");
                }
            } else {
                panic!("{at}: unexpected annotation kind");
            }
        }
        for (id, tb) in &tbs {
            match tb.ty.as_str() {
                "PER" | "LOC" | "ORG" => {
                    entity_lines += 1;
                    assert!(
                        referenced.contains(id),
                        "{name}.ann: {id} {} {} {} «{}» has no `N … isnad:` line",
                        tb.ty,
                        tb.start,
                        tb.end,
                        tb.text
                    );
                }
                "UnsourcedClaim" | "VagueAttribution" => {}
                "Attribution" => {
                    attribution_lines += 1;
                    assert!(referenced.contains(id), "{name}.ann: attribution {id} has no `N … isnad:` line");
                }
                other => panic!("{name}.ann: {id} has unknown type {other}"),
            }
        }
    }
    assert!(entity_lines >= 100, "the seed corpus has hundreds of entity mentions, got {entity_lines}");
    assert!(attribution_lines >= 20, "the seed corpus has dozens of attributed sentences, got {attribution_lines}");
}

/// The entity `T` lines (PER/LOC/ORG) of the brat files `annotate` writes, per article file
/// name, read with isnad's own standoff reader: `(start, end, type)` in code points.
fn brat_entities() -> HashMap<String, Vec<(usize, usize, String)>> {
    use isnad::analysis::standoff::{parse_ann, Annotation};
    let out_dir = TempDir::new("annotate-brat");
    let out = isnad(&["annotate", CORPUS, "--out", out_dir.path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let mut all = HashMap::new();
    for entry in std::fs::read_dir(&out_dir.path).unwrap() {
        let path = entry.unwrap().path();
        let ann = parse_ann(&std::fs::read_to_string(&path).unwrap());
        assert!(ann.problems().next().is_none(), "{}: {:?}", path.display(), ann.problems().collect::<Vec<_>>());
        let spans: Vec<(usize, usize, String)> = ann
            .annotations()
            .filter_map(|(_, a)| match a {
                Annotation::TextBound { ty, spans, .. } if matches!(ty.as_str(), "PER" | "LOC" | "ORG") => {
                    Some((spans[0].0, spans[0].1, ty.clone()))
                }
                _ => None,
            })
            .collect();
        all.insert(path.with_extension("txt").file_name().unwrap().to_string_lossy().into_owned(), spans);
    }
    assert_eq!(all.len(), 5);
    all
}

#[test]
fn annotate_jsonl_has_the_brat_spans_in_code_points() {
    let brat = brat_entities();
    let out = isnad(&["annotate", CORPUS, "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 5, "one line per article");
    let mut claims = 0;
    let (mut named_sources, mut vague_sources, mut inherited) = (0, 0, 0);
    for line in text.lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("each line is a JSON object");
        let path = row["meta"]["path"].as_str().unwrap();
        let name = Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
        let article = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        assert_eq!(row["text"].as_str().unwrap(), article, "{name}: the text is the article");
        let chars: Vec<char> = article.chars().collect();
        let spans: Vec<(usize, usize, String)> = row["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
                assert!(start < end && end <= chars.len(), "{name}: {s}");
                assert!(s["entity"].as_str().is_some_and(|e| !e.is_empty()), "{name}: {s} has an entity id");
                (start, end, s["label"].as_str().unwrap().to_string())
            })
            .collect();
        let mut expected = brat[&name].clone();
        expected.sort();
        let mut got = spans.clone();
        got.sort();
        assert_eq!(got, expected, "{name}: the JSONL spans are the brat T lines");
        for c in row["claims"].as_array().unwrap() {
            assert!(matches!(c["label"].as_str(), Some("UnsourcedClaim" | "VagueAttribution")), "{c}");
            let score = c["score"].as_f64();
            assert!(score.is_some_and(|x| (default_threshold()..=1.0).contains(&x)), "{name}: {c} has its score");
            claims += 1;
        }
        let entities: HashSet<&str> =
            row["spans"].as_array().unwrap().iter().filter_map(|s| s["entity"].as_str()).collect();
        for a in row["attributions"].as_array().unwrap() {
            let (start, end) = (a["start"].as_u64().unwrap() as usize, a["end"].as_u64().unwrap() as usize);
            assert!(start < end && end <= chars.len(), "{name}: {a}");
            let sentence: String = chars[start..end].iter().collect();
            let cue = a["cue"].as_str().unwrap();
            assert!(sentence.contains(cue), "{name}: the cue is in the sentence: {a}");
            match a["source"].as_str() {
                Some("vague") => vague_sources += 1,
                Some(id) => {
                    assert!(entities.contains(id), "{name}: the source {id} is an entity of the article: {a}");
                    named_sources += 1;
                }
                None => {}
            }
            if a["inherited"] == true {
                assert!(a["inherited_from"].as_u64().is_some_and(|from| (from as usize) < start), "{name}: {a}");
                inherited += 1;
            }
        }
    }
    assert!(claims > 0, "the seed corpus has flagged claims");
    assert!(named_sources >= 20, "the seeds quote named sources often: {named_sources}");
    assert!(vague_sources > 0 && inherited > 0, "and vague and inherited sources: {vague_sources}, {inherited}");
}

#[test]
fn annotate_conll_tags_line_up_with_the_brat_spans() {
    let brat = brat_entities();
    let out = isnad(&["annotate", CORPUS, "--format", "conll"]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let text = stdout(&out);
    let blocks: Vec<&str> = text.split("-DOCSTART- O\n\n").skip(1).collect();
    let mut names: Vec<&String> = brat.keys().collect();
    names.sort();
    assert_eq!(blocks.len(), names.len(), "one block per article, in path order");
    let mut begins = 0;
    for (block, name) in blocks.iter().zip(names) {
        let article = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS).join(name)).unwrap();
        // Whitespace tokens with their code-point ranges.
        let mut tokens: Vec<(usize, usize, String)> = Vec::new();
        let mut current: Option<(usize, String)> = None;
        for (i, c) in article.chars().chain([' ']).enumerate() {
            if c.is_whitespace() {
                if let Some((start, word)) = current.take() {
                    tokens.push((start, i, word));
                }
            } else {
                current.get_or_insert((i, String::new())).1.push(c);
            }
        }
        let mut spans = brat[name].clone();
        spans.sort();
        let mut previous = None;
        let expected: Vec<String> = tokens
            .iter()
            .map(|(s, e, word)| {
                let hit = spans.iter().position(|(a, b, _)| a < e && s < b);
                let tag = match hit {
                    Some(i) if previous == Some(i) => format!("{word} I-{}", spans[i].2),
                    Some(i) => format!("{word} B-{}", spans[i].2),
                    None => format!("{word} O"),
                };
                previous = hit;
                tag
            })
            .collect();
        let got: Vec<&str> = block.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(got, expected, "{name}: one `token TAG` line per whitespace token");
        assert!(block.ends_with("\n\n") && block.contains("\n\n"), "{name}: blank lines end the sentences");
        begins += got.iter().filter(|l| l.contains(" B-")).count();
        for span in &spans {
            assert!(
                tokens.iter().any(|(s, e, _)| s < &span.1 && &span.0 < e),
                "{name}: every brat entity falls on some token: {span:?}"
            );
        }
    }
    assert!(begins >= 100, "hundreds of entities in the seed corpus, {begins} B- tags");
}

#[test]
fn annotate_brat_needs_out() {
    let out = isnad(&["annotate", CORPUS]);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{}", stderr(&out));
    assert!(stderr(&out).contains("--out"), "{}", stderr(&out));
}

#[test]
fn check_reports_problems_of_the_brat_file_beside_an_article() {
    let scratch = TempDir::new("cli-ann");
    let dir = &scratch.path;
    std::fs::write(dir.join("a.txt"), "وصل بوتين إلى موسكو.\n").unwrap();
    // T1 matches the article; T2 is stale; N1 points nowhere; the last line is not brat.
    std::fs::write(
        dir.join("a.ann"),
        "T1\tPER 4 9\tبوتين\nT2\tLOC 13 18\tبكين\nN1\tReference T7 Wikidata:Q7747\tبوتين\nnot brat\n",
    )
    .unwrap();
    let out = isnad(&["check", dir.to_str().unwrap()]);
    let text = stdout(&out);
    let ann = dir.join("a.ann").to_string_lossy().into_owned();
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with(&ann)).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with(&format!("{ann}:2:1: error stale-annotation: T2")), "{}", lines[0]);
    assert!(lines[1].starts_with(&format!("{ann}:3:1: error annotation-reference:")), "{}", lines[1]);
    assert!(lines[2].starts_with(&format!("{ann}:4:1: error malformed-annotation:")), "{}", lines[2]);
    assert_eq!(out.status.code(), Some(1), "errors make check fail");
}

#[test]
fn isnad_toml_settings_choose_articles_and_checks() {
    let scratch = TempDir::new("cli-toml");
    let dir = &scratch.path;
    std::fs::create_dir_all(dir.join("news")).unwrap();
    std::fs::write(
        dir.join("isnad.toml"),
        "[settings]\narticles = [\"news/*.text\"]\n\n[checks]\nvague-source = \"off\"\nunsourced-claim = \"error\"\n",
    )
    .unwrap();
    // A seed article with a sentence the claim model flags as unsourced.
    let article = std::fs::read_to_string(std::path::Path::new(CORPUS).join("000_e6dbe4c4b6a222e0.txt")).unwrap();
    std::fs::write(dir.join("news/a.text"), format!("{article}\n{UNSOURCED}\n")).unwrap();
    std::fs::write(dir.join("b.txt"), "وصل ترامب إلى واشنطن.\n").unwrap();
    let out = isnad(&["entities", dir.to_str().unwrap()]);
    let table = stdout(&out);
    assert!(table.contains("putin") && !table.contains("trump"), "only news/*.text is an article:\n{table}");
    let out = isnad(&["check", dir.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(!text.contains("vague-source"), "vague-source is off:\n{text}");
    assert!(text.contains(": error unsourced-claim"), "unsourced-claim is an error:\n{text}");
    assert!(!text.contains("warning"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn annotate_keeps_existing_brat_lines_byte_identical_and_adds_the_rest() {
    let scratch = TempDir::new("cli-merge");
    let out_dir = scratch.path.join("out");
    let corpus = "tests/fixtures/annotated";
    let out = isnad(&["annotate", corpus, "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    for name in ["a", "b", "c"] {
        let before = std::fs::read(format!("{corpus}/{name}.ann")).unwrap();
        let after = std::fs::read(out_dir.join(format!("{name}.ann"))).unwrap();
        // c.ann has no final newline: the merge adds one before appending.
        let kept = if before.ends_with(b"\n") { before.clone() } else { [before.clone(), b"\n".to_vec()].concat() };
        assert!(after.starts_with(&kept), "{name}.ann: existing lines changed");
        let added = String::from_utf8(after[kept.len()..].to_vec()).unwrap();
        if name == "c" {
            assert!(added.contains("بيونغ يانغ"), "{name}.ann: the unannotated name is added:\n{added}");
        }
        if name == "a" {
            // (`str::lines` would strip the `\r` it looks for.)
            assert!(!added.is_empty(), "a.ann: the attributions are added");
            assert!(added.split('\n').all(|l| l.ends_with('\r') || l.is_empty()), "a.ann keeps CRLF:\n{added:?}");
        }
    }
}
