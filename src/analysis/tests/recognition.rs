//! Recognition fixtures: normalisation and offsets, clitics, variants, discovered names.

use expect_test::{expect, Expect};

use crate::analysis::fixture::{render, Fixture};

/// Every mention of every file: `file:line:col "text" TYPE entity-id origin`.
pub(super) fn check_mentions(fixture: &str, expect: Expect) {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let mut out = String::new();
    for (id, f) in corpus.files() {
        for m in &f.mentions {
            let entity = corpus.entity_of(m).map_or("?", |e| corpus.entity_id(e));
            out.push_str(&format!("{} {} {} {:?}\n", render(&corpus, id, m.start, m.end), m.ty, entity, m.origin));
        }
    }
    expect.assert_eq(&out);
}

/// The `⟦…⟧` ranges of the fixture are exactly the recognised mentions.
pub(super) fn check_ranges(fixture: &str) {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let mut want: Vec<String> = Vec::new();
    for &(idx, start, end) in &fx.ranges {
        let id = corpus.file_id(&fx.files[idx].0).unwrap();
        want.push(render(&corpus, id, start, end));
    }
    let mut got: Vec<String> = Vec::new();
    for (id, f) in corpus.files() {
        for m in &f.mentions {
            got.push(render(&corpus, id, m.start, m.end));
        }
    }
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

#[test]
fn ranges_point_into_the_original_past_emoji_and_diacritics() {
    check_ranges("😀🙂 وصل الرئيس الروسي ⟦فلاديمير بُوتين⟧ إلى ⟦بيونـغ يانغ⟧ (⟦أ.ف.ب⟧).\n");
}

#[test]
fn proclitics_are_split_only_before_names() {
    check_ranges("وصل ل⟦بوتين⟧ و⟦بيونغ يانغ⟧ ب⟦روسيا⟧ ل⟦لكرملين⟧ و⟦لافروف⟧ ⟦فلاديفوستوك⟧ وبسبب ذلك.\n");
}

#[test]
fn variant_spellings_are_one_entity() {
    check_mentions(
        r#"
//- a.txt
التقى الزعيم الكوري الشمالي كيم جونغ أون في بيونغ يانغ.
//- b.txt
وصل كيم جونج وون إلى بيونج يانج، وقال كيم إن الزيارة مهمة.
//- c.txt
رحب كيم يونج أون بالضيوف في سيئول وسيول.
"#,
        expect![[r#"
            a.txt:1:29 "كيم جونغ أون" PER kim-jong-un Gazetteer
            a.txt:1:45 "بيونغ يانغ" LOC city-1871859 Gazetteer
            b.txt:1:5 "كيم جونج وون" PER kim-jong-un Gazetteer
            b.txt:1:22 "بيونج يانج" LOC city-1871859 Gazetteer
            b.txt:1:39 "كيم" PER kim-jong-un Partial
            c.txt:1:5 "كيم يونج أون" PER kim-jong-un Gazetteer
            c.txt:1:29 "سيئول" LOC city-1835848 Gazetteer
            c.txt:1:36 "سيول" LOC city-1835848 Gazetteer
        "#]],
    );
}

#[test]
fn different_entities_that_share_a_word_stay_apart() {
    check_mentions(
        "احتفل كيم جونغ أون في ميدان كيم إيل سونغ بذكرى كيم إيل سونغ.\n",
        expect![[r#"
            a.txt:1:7 "كيم جونغ أون" PER kim-jong-un Gazetteer
            a.txt:1:23 "ميدان كيم إيل سونغ" LOC kim-il-sung-square Gazetteer
            a.txt:1:48 "كيم إيل سونغ" PER kim-il-sung Gazetteer
        "#]],
    );
}

#[test]
fn names_found_from_context_are_recognised_across_the_corpus() {
    check_mentions(
        r#"
//- a.txt
وقال المتحدث باسم الوزارة زاخاروفيتش بيلانوف إن الاجتماع انتهى.
//- b.txt
ورد زاخاروفيتش بيلانوف على الأسئلة.
"#,
        expect![[r#"
            a.txt:1:27 "زاخاروفيتش بيلانوف" PER per-zakharwfytsh-bylanwf Discovered
            b.txt:1:5 "زاخاروفيتش بيلانوف" PER per-zakharwfytsh-bylanwf Discovered
        "#]],
    );
}

#[test]
fn generic_heads_are_not_part_of_known_names() {
    check_ranges("حسبما أفادت وكالة أنباء ⟦رويترز⟧، وقالت وكالة ⟦فرانس برس⟧ إن نهر ⟦الفرات⟧ والأمير ⟦محمد بن سلمان⟧.\n");
}
