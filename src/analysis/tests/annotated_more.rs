//! More annotated-corpus fixtures: an `.ann` mention wins over the rules on type, entity and
//! range; annotated entities the knowledge base lacks; an `.ann` that could not be read; what an
//! annotator wrote, shown at a mention; `isnad.toml` entries with variant spellings matched
//! behind clitics and in other articles; and `annotations-only` corpora.

use expect_test::{expect, Expect};

use super::annotated::check;
use crate::analysis::features;
use crate::analysis::fixture::{render, Fixture};

/// A `T` line (and its `N` line) with LF endings.
fn t_line(text: &str, id: usize, ty: &str, needle: &str, reference: Option<&str>) -> String {
    crate::analysis::fixture::t_line(text, id, ty, needle, reference, "\n")
}

/// The problems of the annotations of `file`: `line code message`.
fn check_problems(fixture: &str, file: &str, expect: Expect) {
    let corpus = Fixture::parse(fixture).corpus();
    let f = corpus.file(corpus.file_id(file).unwrap()).unwrap();
    let problems: Vec<String> = f
        .annotations
        .as_ref()
        .map(|a| {
            a.problems
                .iter()
                .map(|p| format!("{} {} {}", p.line, p.check.code(), p.message(crate::analysis::model::Lang::En)))
                .collect()
        })
        .unwrap_or_default();
    expect.assert_debug_eq(&problems);
}

#[test]
fn an_annotated_club_wins_over_the_city_the_rules_find() {
    let a = "فاز باريس على مرسيليا، وهنأ ماكرون اللاعبين.\n";
    let ann = t_line(a, 1, "Organization", "باريس", Some("Wikidata:Q483020"));
    check(
        &format!("//- a.txt\n{a}//- a.ann\n{ann}"),
        expect![[r#"
            a.txt:1:5 "باريس" ORG psg Annotated
            a.txt:1:15 "مرسيليا" LOC city-2995469 Gazetteer
            a.txt:1:29 "ماكرون" PER macron Gazetteer
        "#]],
    );
}

#[test]
fn an_annotated_partial_name_links_where_the_rules_would_not() {
    let a = "وقال كيم إن العلاقات تتطور.\n";
    let ann = t_line(a, 1, "PER", "كيم", Some("isnad:kim-jong-un"));
    check(
        &format!("//- a.txt\n{a}//- a.ann\n{ann}"),
        expect![[r#"
        a.txt:1:6 "كيم" PER kim-jong-un Annotated
    "#]],
    );
}

#[test]
fn an_annotated_span_with_its_title_replaces_the_rules_shorter_name() {
    let a = "وقال الرئيس بوتين إن روسيا مستعدة.\n";
    let ann = t_line(a, 1, "PER", "الرئيس بوتين", Some("isnad:putin"));
    check(
        &format!("//- a.txt\n{a}//- a.ann\n{ann}"),
        expect![[r#"
        a.txt:1:6 "الرئيس بوتين" PER putin Annotated
        a.txt:1:22 "روسيا" LOC country-ru Gazetteer
    "#]],
    );
}

#[test]
fn an_annotated_person_the_knowledge_base_lacks_gets_its_reference_as_id_and_spreads() {
    let a = "وقال الطبيب سامر النجار إن المستشفى ممتلئ.\n";
    let b = "وأكد سامر النجار أن الأدوية نفدت.\n";
    let ann = t_line(a, 1, "Person", "سامر النجار", Some("Wikidata:Q98765432"));
    check(
        &format!("//- a.txt\n{a}//- a.ann\n{ann}//- b.txt\n{b}"),
        expect![[r#"
        a.txt:1:13 "سامر النجار" PER Wikidata:Q98765432 Annotated
        b.txt:1:6 "سامر النجار" PER Wikidata:Q98765432 Discovered
    "#]],
    );
}

#[test]
fn an_annotated_organisation_without_a_reference_is_its_own_entity() {
    let a = "وأعلنت جمعية الهلال الأخضر للإغاثة عن حملة جديدة.\n";
    let ann = t_line(a, 1, "ORG", "جمعية الهلال الأخضر للإغاثة", None);
    check(
        &format!("//- a.txt\n{a}//- a.ann\n{ann}"),
        expect![[r#"
        a.txt:1:8 "جمعية الهلال الأخضر للإغاثة" ORG org-jmeyh-alhlal-alakhddr-llaghathh Annotated
    "#]],
    );
}

#[test]
fn an_unreadable_ann_leaves_the_rules_to_recognise_the_article() {
    check(
        "//- a.txt\nوقال بيسكوف إن الكرملين يرحب.\n//- a.ann\n<unreadable: permission denied>\n",
        expect![[r#"
            a.txt:1:6 "بيسكوف" PER peskov Gazetteer
            a.txt:1:16 "الكرملين" ORG kremlin Gazetteer
        "#]],
    );
}

#[test]
fn an_unreadable_ann_says_why_in_its_problems() {
    check_problems(
        "//- a.txt\nوقال بيسكوف إن الكرملين يرحب.\n//- a.ann\n<unreadable: permission denied>\n",
        "a.txt",
        expect![[r#"
            [
                "1 unreadable-annotations the file could not be read (permission denied); its annotations are not used and isnad will not write to it",
            ]
        "#]],
    );
}

#[test]
fn the_annotation_note_at_a_mention_shows_what_the_annotator_wrote() {
    let a = "وقال بيسكوف إن الكرملين يرحب.\n";
    let ann = t_line(a, 3, "Person", "بيسكوف", Some("Wikidata:Q4155157"));
    let fx = Fixture::parse(&format!("//- a.txt\nوقال بيس$0كوف إن الكرملين يرحب.\n//- a.ann\n{ann}"));
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    expect![[r#"
        Some(
            AnnotationNote {
                ann_name: "a.ann",
                id: "T3",
                raw_type: "Person",
                references: [
                    "Wikidata:Q4155157",
                ],
            },
        )
    "#]]
    .assert_debug_eq(&features::annotation_at(&corpus, file, offset));
    let off_the_annotation = corpus.file(file).unwrap().text.find("الكرملين").unwrap() as u32;
    assert_eq!(features::annotation_at(&corpus, file, off_the_annotation), None, "a rule mention has no note");
}

#[test]
fn knowledge_base_variants_from_isnad_toml_match_behind_clitics_in_every_article() {
    let toml = "[[entity]]\nid = \"green-crescent\"\ntype = \"ORG\"\nname = \"جمعية الهلال الأخضر\"\naliases = [\"الهلال الأخضر\", \"جمعيه الهلال الاخضر\"]\n";
    check(
        &format!(
            "//- isnad.toml\n{toml}//- a.txt\nوأعلنت جمعية الهلال الأخضر عن حملة.\n//- b.txt\nوتبرع رجال أعمال للهلال الأخضر وبجمعيه الهلال الاخضر.\n"
        ),
        expect![[r#"
            a.txt:1:8 "جمعية الهلال الأخضر" ORG green-crescent Gazetteer
            b.txt:1:19 "لهلال الأخضر" ORG green-crescent Gazetteer
            b.txt:1:34 "جمعيه الهلال الاخضر" ORG green-crescent Gazetteer
        "#]],
    );
}

#[test]
fn a_person_in_isnad_toml_is_found_by_surname_after_the_full_name() {
    let toml =
        "[[entity]]\nid = \"samer-najjar\"\ntype = \"PER\"\nname = \"سامر النجار\"\nenglish = \"Samer al-Najjar\"\n";
    check(
        &format!("//- isnad.toml\n{toml}//- a.txt\nوقال الطبيب سامر النجار إن المستشفى ممتلئ، وأضاف النجار أن الأدوية نفدت.\n"),
        expect![[r#"
            a.txt:1:13 "سامر النجار" PER samer-najjar Gazetteer
            a.txt:1:50 "النجار" PER samer-najjar Partial
        "#]],
    );
}

#[test]
fn annotations_only_leaves_an_article_without_an_ann_to_the_rules() {
    let a = "وقال بيسكوف إن الكرملين يرحب.\n";
    let ann = t_line(a, 1, "PER", "بيسكوف", Some("isnad:peskov"));
    let toml = "[settings]\nannotations-only = true\n";
    check(
        &format!(
            "//- isnad.toml\n{toml}//- a.txt\n{a}//- a.ann\n{ann}//- b.txt\nوأضاف بيسكوف أن الزيارة مهمة في موسكو.\n"
        ),
        expect![[r#"
            a.txt:1:6 "بيسكوف" PER peskov Annotated
            b.txt:1:7 "بيسكوف" PER peskov Gazetteer
            b.txt:1:33 "موسكو" LOC city-524901 Gazetteer
        "#]],
    );
}

#[test]
fn annotations_only_still_links_annotated_spellings_by_the_knowledge_base() {
    let a = "وقال ديمتري بيسكوف إن الكرملين يرحب، وأضاف بيسكوف أن الزيارة مهمة.\n";
    // T2 is the second «بيسكوف»: the first is blanked out so that `t_line` finds the second.
    let ann = t_line(a, 1, "PER", "ديمتري بيسكوف", None)
        + &t_line(&a.replacen("بيسكوف", "xxxxxx", 1), 2, "PER", "بيسكوف", None);
    let toml = "[settings]\nannotations-only = true\n";
    check(
        &format!("//- isnad.toml\n{toml}//- a.txt\n{a}//- a.ann\n{ann}"),
        expect![[r#"
        a.txt:1:6 "ديمتري بيسكوف" PER peskov Annotated
        a.txt:1:44 "بيسكوف" PER peskov Annotated
    "#]],
    );
}

#[test]
fn references_include_annotated_mentions_and_rule_mentions_alike() {
    let a = "وقال سيد الكرملين إن روسيا مستعدة.\n";
    let ann = t_line(a, 1, "PER", "سيد الكرملين", Some("isnad:putin"));
    let fx = Fixture::parse(&format!("//- a.txt\n{a}//- a.ann\n{ann}//- b.txt\nوأكد بو$0تين ذلك.\n"));
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let refs: Vec<String> = features::references(&corpus, file, offset, true)
        .iter()
        .map(|r| render(&corpus, r.file, r.start, r.end))
        .collect();
    expect![[r#"
        [
            "a.txt:1:6 \"سيد الكرملين\"",
            "b.txt:1:6 \"بوتين\"",
        ]
    "#]]
    .assert_debug_eq(&refs);
}

#[test]
fn annotations_only_with_an_unreadable_ann_falls_back_to_the_rules() {
    let toml = "[settings]\nannotations-only = true\n";
    check(
        &format!(
            "//- isnad.toml\n{toml}//- a.txt\nوقال بيسكوف إن الكرملين يرحب.\n//- a.ann\n<unreadable: not UTF-8 text>\n"
        ),
        expect![[r#"
            a.txt:1:6 "بيسكوف" PER peskov Gazetteer
            a.txt:1:16 "الكرملين" ORG kremlin Gazetteer
        "#]],
    );
}
