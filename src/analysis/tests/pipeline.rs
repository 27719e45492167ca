//! Property tests of the text pipeline on arbitrary text (Arabic letters, diacritics, marks,
//! presentation forms, emoji, every kind of line break): nothing panics, every offset the core
//! reports is a character boundary inside the original text, and positions round-trip.
//! `ISNAD_PIPELINE_CASES` sets the number of cases (256 by default).

use std::sync::Arc;

use proptest::prelude::*;

use crate::analysis::corpus::Corpus;
use crate::analysis::fixture::KB;
use crate::analysis::text::{ColumnUnit, LineIndex};
use crate::analysis::tokens::prepare;

/// Characters that stress the pipeline, mixed with whole names so that recognition runs.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("بوتين".to_string()),
        Just("وبيونغ يانغ".to_string()),
        Just("قال الرئيس ".to_string()),
        Just("كيم جونج وون".to_string()),
        Just(" إن 70% ".to_string()),
        Just("«".to_string()),
        Just("».".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("\u{2028}".to_string()),
        Just("🙂".to_string()),
        Just("\u{200F}\u{200C}\u{FEFF}".to_string()),
        Just("ﺑﻮﺗﻴﻦ ﻻ".to_string()),
        Just("ـًٌٍَُِّْ".to_string()),
        Just("\u{0}".to_string()),
        any::<char>().prop_map(String::from),
        "[ -~]{0,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn cases() -> u32 {
    std::env::var("ISNAD_PIPELINE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn offsets_are_boundaries_and_positions_round_trip(text in text()) {
        let (norm, tokens) = prepare(&text);
        for c in &norm.chars {
            prop_assert!(c.src_start < c.src_end && c.src_end as usize <= text.len());
            prop_assert!(text.is_char_boundary(c.src_start as usize) && text.is_char_boundary(c.src_end as usize));
        }
        for t in &tokens {
            prop_assert!(t.start < t.end && text.is_char_boundary(t.start as usize) && text.is_char_boundary(t.end as usize));
        }
        let corpus = Corpus::build(KB.clone(), vec![("a.txt".into(), Arc::from(text.as_str()))]);
        let f = corpus.file(0).expect("the file");
        let lines = LineIndex::new(&text);
        let spans = f.mentions.iter().map(|m| (m.start, m.end)).chain(f.claims.iter().map(|c| (c.start, c.end)));
        for (start, end) in spans {
            prop_assert!(start < end && end as usize <= text.len());
            prop_assert!(text.is_char_boundary(start as usize) && text.is_char_boundary(end as usize));
            for unit in [ColumnUnit::Utf16, ColumnUnit::Utf8, ColumnUnit::CodePoint] {
                let (line, col) = lines.position(&text, start, unit);
                prop_assert_eq!(lines.offset(&text, line, col, unit), start);
            }
            let cp = lines.char_offset(&text, start);
            prop_assert_eq!(lines.byte_offset_of_char(&text, cp), Some(start));
        }
    }
}
