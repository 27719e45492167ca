//! Property tests of the readers of user files: `isnad.toml` and brat `.ann` text of any shape
//! never panics, every reported range lies inside the text on character boundaries, and
//! annotations kept through arbitrary edits stay inside the edited article on boundaries.
//! `ISNAD_READER_CASES` sets the number of cases (256 by default; the issue note reports a larger run).

use std::sync::Arc;

use proptest::prelude::*;

use crate::analysis::annotations::{annotated_mentions, read_annotations};
use crate::analysis::config::parse_config;
use crate::analysis::corpus::{Corpus, CorpusOptions};
use crate::analysis::edits;
use crate::analysis::fixture::KB;

/// `text` with the edits applied, which must be sorted, not overlap and fall on boundaries.
fn apply_checked(text: &str, edits: &[edits::TextEdit]) -> Result<String, TestCaseError> {
    let mut out = String::new();
    let mut at = 0usize;
    for e in edits {
        let (s, t) = (e.start as usize, e.end as usize);
        prop_assert!(at <= s && s <= t && t <= text.len(), "edit {e:?} out of order or bounds in {text:?}");
        prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(t), "edit {e:?} inside a character");
        out.push_str(&text[at..s]);
        out.push_str(&e.new_text);
        at = t;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

fn cases() -> u32 {
    std::env::var("ISNAD_READER_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

/// Pieces of TOML, valid and broken, with Arabic and odd characters.
fn toml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[[entity]]\n".to_string()),
        Just("[settings]\n".to_string()),
        Just("[checks]\n".to_string()),
        Just("id = \"kim\"\n".to_string()),
        Just("type = \"PER\"\n".to_string()),
        Just("type = \"Nominal\"\n".to_string()),
        Just("name = \"كيم جونغ أون\"\n".to_string()),
        Just("aliases = [\"كيم\", \"بوتين\", 3]\n".to_string()),
        Just("max-file-bytes = -1\n".to_string()),
        Just("language = \"ar\"\n".to_string()),
        Just("annotations-only = \"yes\"\n".to_string()),
        Just("unsourced-claim = \"off\"\n".to_string()),
        Just("entity = 5\n".to_string()),
        Just("settings = []\n".to_string()),
        Just("\"مفتاح\" = { a = 1 }\n".to_string()),
        Just("#".to_string()),
        Just("[".to_string()),
        Just("\"".to_string()),
        Just("'''".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        any::<char>().prop_map(String::from),
        "[ -~]{0,8}",
    ]
}

/// Pieces of an `.ann` file around offsets that may or may not fit the article.
fn ann_piece() -> impl Strategy<Value = String> {
    let n = 0usize..40;
    prop_oneof![
        (n.clone(), n.clone()).prop_map(|(a, b)| format!("T{a}\tPerson {a} {b}\tبوتين\n")),
        (n.clone(), n.clone(), n.clone()).prop_map(|(a, b, c)| format!("T1\tGPE {a} {b};{c} {}\tس ص\r\n", c + 2)),
        n.clone().prop_map(|a| format!("N{a}\tReference T{a} Wikidata:Q{a}\tx\n")),
        n.clone().prop_map(|a| format!("N2\tReference T{a} isnad:putin\n")),
        Just("R1\tMeets Arg1:T1 Arg2:T9\t\n".to_string()),
        Just("#1\tAnnotatorNotes T1\tملاحظة\n".to_string()),
        Just("A1\tNegated T1\n".to_string()),
        Just("E1\tAttack:T2 Target:T1\n".to_string()),
        Just("*\tEquiv T1 T2\n".to_string()),
        Just("\u{feff}".to_string()),
        any::<char>().prop_map(String::from),
        "[ -~\t]{0,10}",
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("بوتين ".to_string()),
            Just("كيم جونغ أون ".to_string()),
            Just("🙂".to_string()),
            Just("\r\n".to_string()),
            any::<char>().prop_map(String::from),
        ],
        0..20,
    )
    .prop_map(|v| v.concat())
}

fn boundary(text: &str, at: u32) -> bool {
    (at as usize) <= text.len() && text.is_char_boundary(at as usize)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_toml_reads_without_panic_and_ranges_fit(pieces in prop::collection::vec(toml_piece(), 0..30)) {
        let text = pieces.concat();
        let (_, problems) = parse_config(&text, "isnad.toml", &KB.kb, &["Nominal".to_string()]);
        for p in problems {
            prop_assert!(p.range.start <= p.range.end && p.range.end <= text.len(), "{p:?} in {text:?}");
        }
    }

    #[test]
    fn any_ann_reads_and_follows_edits(
        text in article(),
        pieces in prop::collection::vec(ann_piece(), 0..20),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..6, "[ بوتين🙂]{0,4}"), 0..6),
    ) {
        let ann = pieces.concat();
        let mut anns = read_annotations("a.ann", &ann, &text, &Default::default());
        let mut text = text;
        for (at, len, insert) in edits {
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let i = at.index(starts.len());
            let start = starts[i];
            let end = starts[(i + len).min(starts.len() - 1)];
            text.replace_range(start..end, &insert);
            anns.shift(start as u32, end as u32, insert.len() as u32);
        }
        for span in &anns.spans {
            for &(s, e) in &span.fragments {
                prop_assert!(s <= e && boundary(&text, s) && boundary(&text, e), "{span:?} in {text:?}");
            }
        }
        for m in annotated_mentions(&text, &anns.spans, &KB) {
            prop_assert!(boundary(&text, m.start) && boundary(&text, m.end));
        }
        let mut corpus = Corpus::new(KB.clone());
        corpus.options = CorpusOptions { annotations_only: ann.len() % 2 == 0, ..CorpusOptions::default() };
        corpus.set_article("a.txt", Arc::from(text.as_str()), Some(Arc::new(anns.clone())));
        let f = corpus.file(0).expect("indexed");
        prop_assert!(f.mentions.windows(2).all(|w| w[0].end <= w[1].start), "mentions overlap");
        // Writing the moved annotations back: edits inside the .ann, in order, on boundaries; the
        // written file, read against the edited text, holds every annotation the index held.
        let ann_text = anns.file.to_string();
        if let Some(action) = edits::sync_annotations(&corpus, 0) {
            let written = apply_checked(&ann_text, &action.edits[0].edits)?;
            let reread = read_annotations("a.ann", &written, &text, &Default::default());
            for span in &anns.spans {
                prop_assert!(
                    reread.spans.iter().any(|r| r.id == span.id && r.fragments == span.fragments),
                    "{span:?} not written back: {written:?}"
                );
            }
        }
        // Every action at every mention: edits inside their file, sorted, never overlapping.
        let ctx = edits::ActionContext { config_file: "isnad.toml", config: edits::ConfigTarget::Absent, writable: &|_| true };
        for m in &f.mentions {
            for action in edits::code_actions(&corpus, 0, m.start, &ctx) {
                for fe in &action.edits {
                    let base = if fe.file == "a.ann" { ann_text.as_str() } else { "" };
                    apply_checked(base, &fe.edits)?;
                }
            }
            if let Ok(changes) = edits::rename(&corpus, 0, m.start, "اسم جديد", &|_| true) {
                for fe in &changes {
                    let base = if fe.file == "a.txt" { text.as_str() } else { ann_text.as_str() };
                    apply_checked(base, &fe.edits)?;
                }
            }
        }
        prop_assert!(crate::analysis::brat::write_ann(&corpus, 0, 0).is_ok_and(|w| w.starts_with(&ann_text)));
    }
}
