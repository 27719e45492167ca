//! The brat standoff reader against files from real annotation practice: brat's news tutorial
//! (`tests/fixtures/brat/tutorial/`, MIT) and hand-made files with discontinuous spans,
//! normalisations, notes, relations, CRLF, a BOM and emoji before Arabic entities
//! (`tests/fixtures/brat/handmade/`).
//!
//! Every file read and written back is byte-identical; validation against the `.txt` finds no
//! problems, and finds them, with line numbers, once the text is edited. Property tests feed the
//! reader arbitrary strings and mutated real lines: it never panics and `render(parse(x)) == x`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use isnad::analysis::model::EntityType;
use isnad::analysis::standoff::conf::parse_conf;
use isnad::analysis::standoff::{parse_ann, render, validate, Annotation, LineEnding, ProblemKind};
use proptest::prelude::*;

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brat").join(dir)
}

/// `(name, .ann text, .txt text)` of every annotated document in a fixture folder, sorted.
fn documents(dir: &str) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = std::fs::read_dir(fixtures(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let ann = std::fs::read_to_string(&p).unwrap();
            let txt = std::fs::read_to_string(p.with_extension("txt")).unwrap();
            (name, ann, txt)
        })
        .collect();
    out.sort();
    out
}

fn all_documents() -> Vec<(String, String, String)> {
    let mut docs = documents("tutorial");
    assert_eq!(docs.len(), 13, "the brat tutorial has 13 documents");
    docs.extend(documents("handmade"));
    docs
}

#[test]
fn every_fixture_round_trips_byte_for_byte_and_validates() {
    let mut annotations = 0;
    for (name, text, article) in all_documents() {
        let ann = parse_ann(&text);
        assert_eq!(render(&ann).as_bytes(), text.as_bytes(), "{name}: written back differently");
        let problems: Vec<String> = validate(&ann, &article).iter().map(|p| p.to_string()).collect();
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
        annotations += ann.annotations().count();
    }
    assert_eq!(annotations, 189, "every line of the fixtures but one blank line is an annotation");
}

#[test]
fn the_tutorial_introduction_reads_as_brat_means_it() {
    let (_, text, _) = documents("tutorial").into_iter().find(|d| d.0 == "000-introduction.ann").unwrap();
    let ann = parse_ann(&text);
    let kinds: String = ann
        .annotations()
        .map(|(_, a)| match a {
            Annotation::TextBound { .. } => 'T',
            Annotation::Relation { .. } => 'R',
            Annotation::Event { .. } => 'E',
            Annotation::Attribute { .. } => 'A',
            Annotation::Normalization { .. } => 'N',
            Annotation::Note { .. } => '#',
            Annotation::Equiv { .. } => '*',
        })
        .collect();
    assert_eq!(kinds, "TTTETTTTR#RAAAAAN");
    let n = ann.annotations().find_map(|(l, a)| matches!(a, Annotation::Normalization { .. }).then_some((l, a)));
    let (line, n) = n.unwrap();
    assert_eq!(line.number, 17);
    assert!(matches!(n, Annotation::Normalization { db, db_id, .. } if db == "Wikipedia" && db_id == "64488"));
}

#[test]
fn handmade_arabic_offsets_are_code_points() {
    let docs = documents("handmade");
    let (_, text, article) = docs.iter().find(|d| d.0 == "arabic_emoji.ann").unwrap();
    let ann = parse_ann(text);
    assert_eq!(ann.lines.last().unwrap().ending, LineEnding::None, "the fixture has no final newline");
    let (_, t1) = ann.annotations().next().unwrap();
    let Annotation::TextBound { spans, text, .. } = t1 else { panic!("{t1:?}") };
    let (start, end) = spans[0];
    let by_chars: String = article.chars().skip(start).take(end - start).collect();
    assert_eq!(&by_chars, text);
    // Bytes, or UTF-16 units, would point elsewhere: emoji come first.
    assert_ne!(article.get(start..end), Some(text.as_str()));
    assert_ne!(article.encode_utf16().count(), article.chars().count());
    let wikidata: Vec<&str> = ann
        .annotations()
        .filter_map(|(_, a)| match a {
            Annotation::Normalization { db, db_id, .. } if db == "Wikidata" => Some(db_id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(wikidata, vec!["Q7747", "Q56226"]);
}

#[test]
fn handmade_discontinuous_crlf_bom() {
    let docs = documents("handmade");
    let (_, text, article) = docs.iter().find(|d| d.0 == "discontinuous_crlf_bom.ann").unwrap();
    assert!(text.starts_with('\u{feff}') && text.contains("\r\n"));
    let ann = parse_ann(text);
    assert!(ann.bom);
    assert!(ann.lines.iter().all(|l| l.ending == LineEnding::CrLf));
    let (_, t1) = ann.annotations().next().unwrap();
    assert!(matches!(t1, Annotation::TextBound { spans, .. } if spans.len() == 2));
    let url = ann.annotations().find_map(|(_, a)| match a {
        Annotation::Normalization { db, db_id, .. } if db == "url" => Some(db_id.clone()),
        _ => None,
    });
    assert_eq!(url.as_deref(), Some("https://www.mfa.gov.kp/en/"));
    assert!(validate(&ann, article).is_empty());
}

#[test]
fn a_stale_file_is_reported_with_line_numbers() {
    let (_, text, article) = documents("tutorial").into_iter().find(|d| d.0 == "000-introduction.ann").unwrap();
    // Insert a word between T4 (473..496, line 5) and T5 (511..535, line 6): T5, T6, T7 move.
    let at: usize = article.char_indices().nth(500).unwrap().0;
    let edited = format!("{}really {}", &article[..at], &article[at..]);
    let problems = validate(&parse_ann(&text), &edited);
    let stale: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| match &p.kind {
            ProblemKind::TextMismatch { id, .. } => (p.line, id.as_str()),
            other => panic!("only text mismatches expected, got {other:?}"),
        })
        .collect();
    assert_eq!(stale, vec![(6, "T5"), (7, "T6"), (8, "T7")]);
    // Cutting the article short puts offsets past the end.
    let short: String = article.chars().take(500).collect();
    let past: Vec<usize> = validate(&parse_ann(&text), &short)
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::PastEnd { .. }))
        .map(|p| p.line)
        .collect();
    assert_eq!(past, vec![6, 7, 8]);
}

#[test]
fn tutorial_annotation_conf() {
    let conf = parse_conf(&std::fs::read_to_string(fixtures("tutorial").join("annotation.conf")).unwrap());
    let names: Vec<&str> = conf.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["Person", "Organization", "GPE", "Money"]);
    let types: Vec<EntityType> = names.iter().map(|n| conf.entity_type(n)).collect();
    assert_eq!(types, vec![EntityType::Per, EntityType::Org, EntityType::Loc, EntityType::Other("Money".into())]);
}

/// Lines of every fixture `.ann`, the seeds of the mutation test.
fn real_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let lines: Vec<String> = all_documents()
            .iter()
            .flat_map(|(_, t, _)| t.split('\n').map(str::to_string).collect::<Vec<_>>())
            .collect();
        assert!(lines.len() > 150, "{} lines", lines.len());
        lines
    })
}

const CASES: u32 = 10_000;

/// Pieces that matter to the grammar, inserted at random places.
const PIECES: &[&str] = &[
    "\t",
    " ",
    ";",
    ":",
    "\r",
    "\n",
    "\r\n",
    "\u{feff}",
    "0",
    "9",
    "-1",
    "99999999999999999999999",
    "T",
    "#",
    "*",
    "N",
    "A",
    "E",
    "R",
    "M",
    "😀",
    "بوتين",
    "Wikidata:Q1",
    ":T1",
    "Arg1:",
    "",
    "\u{0}",
    "é",
];

fn mutate(line: &str, edits: &[(usize, usize, usize, usize)]) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    for &(kind, pos, len, piece) in edits {
        let pos = if chars.is_empty() { 0 } else { pos % (chars.len() + 1) };
        match kind % 4 {
            0 => {
                let end = (pos + len % 4).min(chars.len());
                chars.drain(pos..end);
            }
            1 => {
                let p: Vec<char> = PIECES[piece % PIECES.len()].chars().collect();
                chars.splice(pos..pos, p);
            }
            2 => chars.truncate(pos),
            _ => {
                if pos < chars.len() {
                    chars[pos] = PIECES[piece % PIECES.len()].chars().next().unwrap_or(' ');
                }
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic_and_round_trip(x in "(?s).{0,200}", article in "(?s).{0,60}") {
        let ann = parse_ann(&x);
        prop_assert_eq!(render(&ann), x.clone());
        let _ = validate(&ann, &article);
        let _ = parse_conf(&x);
    }

    #[test]
    fn mutated_real_lines_never_panic_and_round_trip(
        picks in prop::collection::vec((any::<prop::sample::Index>(),
            prop::collection::vec((0usize..4, any::<usize>(), any::<usize>(), any::<usize>()), 0..4),
            0usize..4), 1..8),
        bom in any::<bool>(),
        article in "(?s).{0,300}",
    ) {
        let lines = real_lines();
        let mut x = String::from(if bom { "\u{feff}" } else { "" });
        for (index, edits, sep) in &picks {
            x.push_str(&mutate(&lines[index.index(lines.len())], edits));
            x.push_str(["\n", "\r\n", "", "\r"][*sep]);
        }
        let ann = parse_ann(&x);
        prop_assert_eq!(render(&ann), x.clone());
        prop_assert_eq!(parse_ann(&render(&ann)), ann.clone());
        let _ = validate(&ann, &article);
    }
}
