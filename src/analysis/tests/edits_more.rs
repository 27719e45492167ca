//! More rename and code-action fixtures: a rename keeps the clitics glued to a name, reaches every
//! spelling in several articles, skips articles that already read the new name or are not writable,
//! and is refused off a name and on partial names; actions offered on known, annotated and
//! discovered names; automatic and everywhere annotations written with brat's code-point offsets
//! past emoji and clitics; knowledge-base entries gathering a discovered name's spellings.

use expect_test::{expect, Expect};

use super::edits::{applied, context, linked, show, titles};

use crate::analysis::edits;
use crate::analysis::features;
use crate::analysis::fixture::{t_line, Fixture};

/// The files a rename from the cursor to `new_name` changes, shown after the change.
fn check_rename(fixture: &str, new_name: &str, expect: Expect) -> Fixture {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let changes = edits::rename(&corpus, file, offset, new_name, &|_| true).expect("edits");
    let after = applied(&fx, &changes);
    expect.assert_eq(&show(&after, &changes));
    after
}

/// Why a rename cannot start at the cursor.
fn check_refused(fixture: &str, expect: Expect) {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    expect.assert_eq(&edits::prepare_rename(&corpus, file, offset).unwrap_err());
}

/// The titles of the actions offered at the cursor.
fn check_actions(fixture: &str, expect: Expect) {
    let fx = Fixture::parse(fixture);
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    expect.assert_eq(&titles(&edits::code_actions(&corpus, file, offset, &context())));
}

#[test]
fn rename_keeps_the_proclitics_glued_to_each_mention() {
    check_rename(
        r#"
//- a.txt
وقال المتحدث باسم الوزارة $0زاخاروفيتش بيلانوف إن الاجتماع انتهى.
//- b.txt
ووجه الصحفيون أسئلة لزاخاروفيتش بيلانوف، وقال وزاخاروفيتش بيلانوف لم يرد.
"#,
        "زخاروفيتش بيلانوف",
        expect![[r#"
            //- a.txt
            وقال المتحدث باسم الوزارة زخاروفيتش بيلانوف إن الاجتماع انتهى.
            //- b.txt
            ووجه الصحفيون أسئلة لزخاروفيتش بيلانوف، وقال وزخاروفيتش بيلانوف لم يرد.
        "#]],
    );
}

#[test]
fn rename_from_a_variant_rewrites_the_other_spellings_and_skips_those_already_spelled_so() {
    check_rename(
        r#"
//- a.txt
وصل الوفد إلى بيونغ يانغ صباحا.
//- b.txt
وغادر الوفد $0بيونج يانج مساء إلى بيونغيانغ.
//- c.txt
لا ذكر للمدينة هنا.
"#,
        "بيونغ يانغ",
        expect![[r#"
            //- b.txt
            وغادر الوفد بيونغ يانغ مساء إلى بيونغ يانغ.
        "#]],
    );
}

#[test]
fn rename_leaves_the_partial_names_of_a_discovered_person() {
    let after = check_rename(
        r#"
//- a.txt
وأعلن الرئيس $0ميخائيل زيلوتشينكو أن الانتخابات ستجرى، وأكد زيلوتشينكو ذلك.
"#,
        "ميخائيل زيلوتشنكو",
        expect![[r#"
            //- a.txt
            وأعلن الرئيس ميخائيل زيلوتشنكو أن الانتخابات ستجرى، وأكد زيلوتشينكو ذلك.
        "#]],
    );
    expect!["per-mykhayyl-zylwtshnkw Discovered"].assert_eq(&linked(&after.corpus(), "a.txt", "ميخائيل"));
}

#[test]
fn rename_skips_articles_that_are_not_writable() {
    let fx = Fixture::parse(
        "//- /ws/a.txt\nوقال $0بيسكوف إن الكرملين يرحب.\n//- /archive/b.txt\nوأضاف بيسكوف أن الزيارة مهمة.\n//- /ws/c.txt\nوكرر ديمتري بيسكوف ذلك.\n",
    );
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let changes = edits::rename(&corpus, file, offset, "دميتري بيسكوف", &|n| n.starts_with("/ws/")).expect("edits");
    expect![[r#"
        //- /ws/a.txt
        وقال دميتري بيسكوف إن الكرملين يرحب.
        //- /ws/c.txt
        وكرر دميتري بيسكوف ذلك.
    "#]]
    .assert_eq(&show(&applied(&fx, &changes), &changes));
}

#[test]
fn rename_is_refused_off_any_name() {
    check_refused("وقال المتحدث $0إن الكرملين يرحب.\n", expect!["no name here to rename"]);
}

#[test]
fn rename_from_a_discovered_surname_is_refused_as_a_partial_name() {
    check_refused(
        "وأعلن الرئيس ميخائيل زيلوتشينكو أن الانتخابات ستجرى، وأكد $0زيلوتشينكو ذلك.\n",
        expect!["«زيلوتشينكو» is a partial name of «ميخائيل زيلوتشينكو»: rename from a mention of its full name (partial names, descriptions and discontinuous annotations are left as they are)"],
    );
}

#[test]
fn prepare_rename_on_a_name_behind_clitics_returns_the_name_without_them() {
    let fx = Fixture::parse("ووجه الصحفيون أسئلة ولأرد$0وغان نصيب منها.\n");
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    expect![[r#"
        Ok(
            (
                41,
                55,
                "أردوغان",
            ),
        )
    "#]]
    .assert_debug_eq(&edits::prepare_rename(&corpus, file, offset));
}

#[test]
fn actions_on_a_known_name_offer_annotation_but_no_knowledge_base_entry() {
    check_actions(
        "وقال $0بيسكوف إن الكرملين يرحب بالزيارة.\n",
        expect![[r#"
        Refactor: Annotate «ديمتري بيسكوف» in every article
        Source: Write automatic annotations to a.ann
    "#]],
    );
}

#[test]
fn actions_on_a_discovered_name_with_no_close_entry_offer_the_knowledge_base() {
    check_actions(
        "وقال المتحدث باسم الوزارة $0زاخاروفيتش بيلانوف إن الاجتماع انتهى.\n",
        expect![[r#"
            Refactor: Add «زاخاروفيتش بيلانوف» to the knowledge base
            Refactor: Annotate «زاخاروفيتش بيلانوف» in every article
            Source: Write automatic annotations to a.ann
        "#]],
    );
}

#[test]
fn actions_off_a_name_in_an_annotated_article_offer_nothing_to_write() {
    let text = "وقال بيسكوف إن الكرملين يرحب.\n";
    let ann = t_line(text, 1, "PER", "بيسكوف", Some("isnad:peskov"), "\n")
        + &t_line(text, 2, "ORG", "الكرملين", Some("isnad:kremlin"), "\n");
    check_actions(&format!("//- a.txt\nوقال بيسكوف $0إن الكرملين يرحب.\n//- a.ann\n{ann}"), expect![[r#""#]]);
}

#[test]
fn automatic_annotations_count_code_points_past_emoji_and_leave_clitics_out() {
    let fx = Fixture::parse("🇷🇺😀 ولبوتين رسالة من كيم جونغ أون وبموسكو.\n");
    let corpus = fx.corpus();
    let action = edits::write_automatic_annotations(&corpus, 0).expect("an action");
    let after = applied(&fx, &action.edits);
    expect![[r#"
        //- a.ann (new)
        T1→PER 6 11→بوتين
        N1→Reference T1 isnad:putin→بوتين
        T2→PER 21 33→كيم جونغ أون
        N2→Reference T2 isnad:kim-jong-un→كيم جونغ أون
        T3→LOC 36 41→موسكو
        N3→Reference T3 isnad:city-524901→موسكو
    "#]]
    .assert_eq(&show(&after, &action.edits));
    let again = after.corpus();
    let problems = &again.file(0).unwrap().annotations.as_ref().unwrap().problems;
    assert_eq!(problems, &[], "the written file fits the text");
    assert_eq!(linked(&again, "a.txt", "كيم"), "kim-jong-un Annotated");
}

#[test]
fn annotate_everywhere_marks_a_discovered_name_in_each_article_without_its_clitics() {
    let fx = Fixture::parse(
        r#"
//- a.txt
وقال المتحدث باسم الوزارة $0زاخاروفيتش بيلانوف إن الاجتماع انتهى.
//- b.txt
ووجه الصحفيون أسئلة لزاخاروفيتش بيلانوف في موسكو.
"#,
    );
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let action = edits::annotate_everywhere(&corpus, file, offset, &|_| true).expect("an action");
    let after = applied(&fx, &action.edits);
    expect![[r#"
        Annotate «زاخاروفيتش بيلانوف» in every article
        //- a.ann (new)
        T1→PER 26 44→زاخاروفيتش بيلانوف
        //- b.ann (new)
        T1→PER 21 39→زاخاروفيتش بيلانوف
    "#]]
    .assert_eq(&format!("{}\n{}", action.title, show(&after, &action.edits)));
    let again = after.corpus();
    assert_eq!(linked(&again, "b.txt", "زاخاروفيتش"), linked(&again, "a.txt", "زاخاروفيتش"));
}

#[test]
fn a_knowledge_base_entry_for_a_discovered_name_reads_back_as_one_entity() {
    let fx = Fixture::parse(
        r#"
//- a.txt
وأعلن الرئيس $0ميخائيل زيلوتشينكو أن الانتخابات ستجرى في موعدها.
//- b.txt
واستقبل ميخائيل زيلوتشينكو الوفد في القصر.
"#,
    );
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let action = edits::add_to_knowledge_base(&corpus, file, offset, "isnad.toml", None).expect("an action");
    let after = applied(&fx, &action.edits);
    expect![[r#"
        Add «ميخائيل زيلوتشينكو» to the knowledge base
        //- isnad.toml (new)
        [[entity]]
        id = "per-mykhayyl-zylwtshynkw"
        type = "PER"
        name = "ميخائيل زيلوتشينكو"
        english = ""
        aliases = []
        wikidata = ""
        description = ""
    "#]]
    .assert_eq(&format!("{}\n{}", action.title, show(&after, &action.edits)));
    let again = after.corpus();
    let a = features::entity_at(&again, again.file_id("a.txt").unwrap(), offset).expect("entity");
    let (_, summary) = features::hover(&again, again.file_id("a.txt").unwrap(), offset).expect("hover");
    assert_eq!((summary.mentions, summary.articles), (2, 2));
    assert_eq!(again.kb_entity(a).map(|e| e.source.as_str()), Some("corpus"));
}

#[test]
fn link_candidates_for_a_misspelt_name_put_the_closest_entry_first() {
    let fx = Fixture::parse("وقال الرئيس $0أردوكان إن أنقرة لن تتراجع.\n");
    let corpus = fx.corpus();
    let (file, offset) = fx.position(&corpus);
    let list: Vec<String> = edits::link_candidates(&corpus, file, offset, 3)
        .into_iter()
        .map(|(e, d)| format!("{} {d:.1}", corpus.entity_id(e)))
        .collect();
    expect![[r#"
        [
            "erdogan 1.0",
        ]
    "#]]
    .assert_debug_eq(&list);
}

#[test]
fn rename_after_a_lam_merged_with_the_article_gives_well_formed_words() {
    check_rename(
        r#"
//- a.txt
دعت $0الأمم المتحدة إلى التهدئة.
//- b.txt
وقال متحدث إن للأمم المتحدة دورا، وللأمم المتحدة موقف آخر.
"#,
        "منظمة الأمم المتحدة",
        expect![[r#"
            //- a.txt
            دعت منظمة الأمم المتحدة إلى التهدئة.
            //- b.txt
            وقال متحدث إن لمنظمة الأمم المتحدة دورا، ولمنظمة الأمم المتحدة موقف آخر.
        "#]],
    );
}

#[test]
fn rename_from_a_known_surname_after_the_full_name_is_refused_as_a_partial_name() {
    check_refused(
        "وصرح الدكتور رائد العزاوي بأن الوضع معقد، وأضاف $0العزاوي أن الحل سياسي.\n",
        expect!["«العزاوي» is a partial name of «رائد العزاوي»: rename from a mention of its full name (partial names, descriptions and discontinuous annotations are left as they are)"],
    );
}

#[test]
fn rename_of_an_annotated_name_rewrites_its_ann_line_and_keeps_the_others() {
    let a = "وقال بيسكوف إن الكرملين يرحب بزيارة لافروف.\n";
    let ann = t_line(a, 1, "PER", "بيسكوف", Some("isnad:peskov"), "\n")
        + &t_line(a, 2, "PER", "لافروف", Some("isnad:lavrov"), "\n");
    let fixture = format!("//- a.txt\nوقال $0{}//- a.ann\n{ann}", &a["وقال ".len()..]);
    check_rename(
        &fixture,
        "ديمتري بيسكوف",
        expect![[r#"
        //- a.txt
        وقال ديمتري بيسكوف إن الكرملين يرحب بزيارة لافروف.
        //- a.ann
        T1→PER 5 18→ديمتري بيسكوف
        N1→Reference T1 isnad:peskov→ديمتري بيسكوف
        T2→PER 43 49→لافروف
        N2→Reference T2 isnad:lavrov→لافروف
    "#]],
    );
}
