//! Navigation fixtures: hover, definition and references across articles and spellings.

use expect_test::{expect, Expect};

use crate::analysis::features::{self, Definition};
use crate::analysis::fixture::{render, Fixture};

pub(super) fn check_hover(fixture: &str, expect: Expect) {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let out = match features::hover(&corpus, file, offset) {
        Some((r, s)) => format!(
            "{}\n{} {} {} / {} {}\n{} mentions in {} articles: {:?}\n",
            render(&corpus, r.file, r.start, r.end),
            s.id,
            s.ty,
            s.name,
            s.english,
            s.wikidata,
            s.mentions,
            s.articles,
            s.spellings
        ),
        None => "no hover\n".to_string(),
    };
    expect.assert_eq(&out);
}

pub(super) fn check_definition(fixture: &str, expect: Expect) {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let out = match features::definition(&corpus, file, offset) {
        Some(Definition::InFile(r)) => render(&corpus, r.file, r.start, r.end),
        Some(Definition::External { file_name, offset }) => format!("{file_name}@{offset}"),
        None => "none".to_string(),
    };
    expect.assert_eq(&out);
}

/// References are exactly the fixture's `⟦…⟧` ranges (with the declaration), and one fewer without it.
pub(super) fn check_references(fixture: &str) {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let got: Vec<String> = features::references(&corpus, file, offset, true)
        .iter()
        .map(|r| render(&corpus, r.file, r.start, r.end))
        .collect();
    let mut want: Vec<String> =
        fx.ranges.iter().map(|&(idx, s, e)| render(&corpus, corpus.file_id(&fx.files[idx].0).unwrap(), s, e)).collect();
    want.sort();
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(sorted, want);
    assert_eq!(features::references(&corpus, file, offset, false).len(), got.len() - 1);
}

#[test]
fn hover_counts_spellings_mentions_and_articles() {
    check_hover(
        r#"
//- a.txt
😀 وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ، واستقبل كيم $0بوتين.
//- b.txt
وبعث كيم جونغ أون برسالة لبوتين.
"#,
        expect![[r#"
            a.txt:1:64 "بوتين"
            putin PER فلاديمير بوتين / Vladimir Putin Q7747
            3 mentions in 2 articles: [("بوتين", 2), ("فلاديمير بوتين", 1)]
        "#]],
    );
}

#[test]
fn definition_is_the_first_full_name_from_any_spelling() {
    check_definition(
        r#"
//- a.txt
قال كيم إن العلاقات تتطور.
//- b.txt
التقى الزعيم كيم جونغ أون بالرئيس.
//- c.txt
وصل $0كيم جونج وون إلى موسكو.
"#,
        expect![[r#"b.txt:1:14 "كيم جونغ أون""#]],
    );
}

#[test]
fn references_cross_articles_spellings_and_clitics() {
    check_references(
        r#"
//- a.txt
😀 وصل الرئيس إلى ⟦$0بيونغ يانغ⟧ أمس، وغادر ⟦بيونغ يانغ⟧ اليوم.
//- b.txt
وفي ⟦بيونج يانج⟧، قال المسؤولون إن و⟦بيونغ يانغ⟧ ترحب.
"#,
    );
}
