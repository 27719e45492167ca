//! More navigation fixtures: hover on each spelling of a name, on a mention behind clitics, on a
//! partial or discovered name and off any name; definition from a variant, from a surname alone,
//! across articles and from `isnad.toml` aliases; references with and without the declaration
//! over two and three articles, for discovered entities, and never across entities that share a word.

use expect_test::expect;

use super::navigation::{check_definition, check_hover, check_references};
use crate::analysis::features;
use crate::analysis::fixture::{render, Fixture};

#[test]
fn hover_on_a_variant_spelling_shows_the_city_with_all_its_spellings() {
    check_hover(
        r#"
//- a.txt
وصل الوفد إلى بيونغ يانغ صباحا.
//- b.txt
وغادر الوفد $0بيونج يانج مساء، وعاد إلى بيونغ يانغ لاحقا.
"#,
        expect![[r#"
            b.txt:1:13 "بيونج يانج"
            city-1871859 LOC بيونغ يانغ / Pyongyang Q18808
            3 mentions in 2 articles: [("بيونغ يانغ", 2), ("بيونج يانج", 1)]
        "#]],
    );
}

#[test]
fn hover_on_a_name_behind_two_proclitics_shows_the_person() {
    check_hover(
        "وجه الصحفيون أسئلة ولأرد$0وغان نصيب منها.\n",
        expect![[r#"
        a.txt:1:22 "أردوغان"
        erdogan PER رجب طيب أردوغان / Recep Tayyip Erdoğan Q39259
        1 mentions in 1 articles: [("أردوغان", 1)]
    "#]],
    );
}

#[test]
fn hover_just_after_the_last_letter_of_a_name_still_shows_it() {
    check_hover(
        "قال ماكرون$0 إن باريس ستشارك.\n",
        expect![[r#"
        a.txt:1:5 "ماكرون"
        macron PER إيمانويل ماكرون / Emmanuel Macron Q3052772
        1 mentions in 1 articles: [("ماكرون", 1)]
    "#]],
    );
}

#[test]
fn hover_on_an_ordinary_word_shows_nothing() {
    check_hover(
        "قال ماكرون إن ال$0مفاوضات ستستمر في باريس.\n",
        expect![[r#"
        no hover
    "#]],
    );
}

#[test]
fn hover_on_a_title_before_a_name_shows_nothing() {
    check_hover(
        "وقال الر$0ئيس الفرنسي إيمانويل ماكرون إن باريس ستشارك.\n",
        expect![[r#"
        no hover
    "#]],
    );
}

#[test]
fn hover_on_a_partial_name_shows_the_full_person() {
    check_hover(
        r#"
//- a.txt
التقى الزعيم كيم جونغ أون بالوفد الروسي، وقال $0كيم إن العلاقات تتطور.
//- b.txt
وأشرف كيم جونج وون على التجربة.
"#,
        expect![[r#"
            a.txt:1:47 "كيم"
            kim-jong-un PER كيم جونغ أون / Kim Jong Un Q56226
            3 mentions in 2 articles: [("كيم", 1), ("كيم جونج وون", 1), ("كيم جونغ أون", 1)]
        "#]],
    );
}

#[test]
fn references_from_a_partial_name_reach_every_spelling_of_the_person() {
    check_references(
        r#"
//- a.txt
التقى الزعيم ⟦كيم جونغ أون⟧ بالوفد الروسي، وقال ⟦$0كيم⟧ إن العلاقات تتطور.
//- b.txt
وأشرف ⟦كيم جونج وون⟧ على التجربة في بيونغ يانغ.
"#,
    );
}

#[test]
fn hover_on_a_discovered_name_uses_its_full_mention_as_its_name() {
    check_hover(
        r#"
//- a.txt
وأعلن الرئيس ميخائيل زيلوتشينكو أن الانتخابات ستجرى في موعدها.
//- b.txt
واستقبل ميخائيل $0زيلوتشينكو الوفد في القصر.
"#,
        expect![[r#"
            b.txt:1:9 "ميخائيل زيلوتشينكو"
            per-mykhayyl-zylwtshynkw PER ميخائيل زيلوتشينكو /  
            2 mentions in 2 articles: [("ميخائيل زيلوتشينكو", 2)]
        "#]],
    );
}

#[test]
fn hover_on_an_agency_abbreviation_counts_its_long_name_too() {
    check_hover(
        r#"
//- a.txt
باريس (أ.ف.$0ب) - أعلنت الحكومة استقالتها.
//- b.txt
وذكرت وكالة فرانس برس أن الوزير وصل.
"#,
        expect![[r#"
            a.txt:1:8 "أ.ف.ب"
            afp ORG وكالة فرانس برس / Agence France-Presse Q40464
            2 mentions in 2 articles: [("أ.ف.ب", 1), ("فرانس برس", 1)]
        "#]],
    );
}

#[test]
fn a_surname_alone_finds_the_full_name_defined_in_another_article() {
    check_definition(
        r#"
//- a.txt
وأكد $0غوتيريش أن المساعدات ستصل.
//- b.txt
وقال الأمين العام أنطونيو غوتيريش إن الوضع خطير.
"#,
        expect![[r#"b.txt:1:19 "أنطونيو غوتيريش""#]],
    );
}

#[test]
fn definition_prefers_the_longest_spelling_over_an_earlier_article() {
    check_definition(
        r#"
//- a.txt
وقال $0بوتين إن روسيا مستعدة.
//- b.txt
وصل الرئيس فلاديمير بوتين إلى موسكو.
//- c.txt
وقال بوتن إن الحوار مستمر.
"#,
        expect![[r#"b.txt:1:12 "فلاديمير بوتين""#]],
    );
}

#[test]
fn definition_of_a_name_mentioned_once_is_itself() {
    check_definition("وصل الوفد إلى $0القاهرة صباحا.\n", expect![[r#"a.txt:1:15 "القاهرة""#]]);
}

#[test]
fn definition_off_any_name_is_none() {
    check_definition("وصل الو$0فد إلى القاهرة صباحا.\n", expect!["none"]);
}

#[test]
fn definition_from_a_discovered_surname_is_the_discovered_full_name() {
    check_definition(
        r#"
//- a.txt
ورد زاخاروفيتش $0بيلانوف على الأسئلة.
//- b.txt
وقال المتحدث باسم الوزارة زاخاروفيتش بيلانوف إن الاجتماع انتهى.
"#,
        expect![[r#"a.txt:1:5 "زاخاروفيتش بيلانوف""#]],
    );
}

#[test]
fn definition_from_an_alias_in_isnad_toml_jumps_to_the_entry() {
    check_definition(
        r#"
//- isnad.toml
[[entity]]
id = "nawal-dabbagh"
type = "PER"
name = "نوال الدباغ"
aliases = ["نوال دباغ", "الدباغ"]
//- a.txt
وقالت الوزيرة نوال دباغ إن النمو سيتحسن، وأضافت $0الدباغ أن التضخم سينخفض.
"#,
        expect!["isnad.toml@0"],
    );
}

#[test]
fn references_of_a_person_cross_three_articles_spellings_and_clitics() {
    check_references(
        r#"
//- a.txt
قال الرئيس التركي ⟦$0رجب طيب أردوغان⟧ إن بلاده مستعدة.
//- b.txt
وأضاف ⟦اردوغان⟧ أن الحوار مستمر، ول⟦أردوغان⟧ رأي آخر.
//- c.txt
وكرر ⟦إردوغان⟧ ذلك أمام البرلمان في أنقرة.
"#,
    );
}

#[test]
fn references_from_a_surname_include_the_full_name_in_another_article() {
    check_references(
        r#"
//- a.txt
وأكد ⟦$0غوتيريش⟧ أن المساعدات ستصل.
//- b.txt
وقال الأمين العام ⟦أنطونيو غوتيريش⟧ إن الوضع خطير.
"#,
    );
}

#[test]
fn references_of_a_discovered_person_cross_articles() {
    check_references(
        r#"
//- a.txt
وقال المتحدث باسم الوزارة ⟦زاخاروفيتش بيلانوف⟧ إن الاجتماع انتهى.
//- b.txt
ورد ⟦$0زاخاروفيتش بيلانوف⟧ على الأسئلة.
//- c.txt
وغاب ⟦زاخاروفيتش بيلانوف⟧ عن المؤتمر الصحفي في موسكو.
"#,
    );
}

#[test]
fn references_of_a_square_leave_out_the_person_it_is_named_after() {
    check_references(
        r#"
//- a.txt
احتشد الآلاف في ⟦$0ميدان كيم إيل سونغ⟧ بذكرى كيم إيل سونغ.
//- b.txt
وأقيم العرض في ⟦ساحة كيم إيل سونغ⟧ وسط بيونغ يانغ.
"#,
    );
}

#[test]
fn references_of_an_organisation_cover_its_short_and_long_names() {
    check_references(
        r#"
//- a.txt
دعا ⟦$0مجلس الأمن الدولي⟧ إلى التهدئة.
//- b.txt
وعقد ⟦مجلس الأمن⟧ جلسة طارئة، وقالت الأمم المتحدة إن المساعدات ستصل.
"#,
    );
}

#[test]
fn references_and_highlights_off_any_name_are_empty() {
    let fx = Fixture::parse("وصل الو$0فد إلى القاهرة صباحا.\n");
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    assert_eq!(features::references(&corpus, file, offset, true), []);
    assert_eq!(features::highlights(&corpus, file, offset), []);
}

#[test]
fn highlights_stay_in_the_article_and_cover_its_spellings_and_partial_names() {
    let fx = Fixture::parse(
        r#"
//- a.txt
التقى الزعيم كيم جونغ أون بالوفد، وقال $0كيم إن كيم جونج وون سيزور موسكو.
//- b.txt
وأشرف كيم جونغ أون على التجربة.
"#,
    );
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let shown: Vec<String> =
        features::highlights(&corpus, file, offset).iter().map(|r| render(&corpus, r.file, r.start, r.end)).collect();
    expect![[r#"
        [
            "a.txt:1:14 \"كيم جونغ أون\"",
            "a.txt:1:40 \"كيم\"",
            "a.txt:1:47 \"كيم جونج وون\"",
        ]
    "#]]
    .assert_debug_eq(&shown);
}
