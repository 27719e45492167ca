//! Attribution fixtures for headlines and scraped pages: a headline puts its speaker first, an
//! officer of a named country or body speaks for it, a place before its colon is its topic, a
//! kicker line under a masthead is a headline, and the related articles listed after the article
//! are attributed but never flagged.
//! Rendered by `tests_attribution::render` (one line per attributed sentence).

use expect_test::expect;

use super::super::model::ClaimReason;
use super::super::normalize::NormText;
use super::super::tokens::tokenize;
use super::find_claims;
use super::tests::parse_fixture;
use super::tests_attribution::check;

#[test]
fn a_headline_speech_verb_after_another_verb_is_the_first_name_s() {
    check(
        "⟦PER:بوتين⟧ يلتقي ⟦PER:الأسد⟧ في ⟦LOC:موسكو⟧ ويحذر من تصعيد في المنطقة\nوصل الرئيس السوري إلى العاصمة الروسية أمس في زيارة لم يعلن عنها.\n",
        expect![[r#"
            "بوتين يلتقي الأسد في…" ← بوتين (cue ‹ويحذر›)
        "#]],
    );
}

#[test]
fn a_credit_ending_the_line_above_governs_no_headline_name() {
    check(
        "عنوان المقال\nالرئيسان في زيارة غير مجدولة (⟦ORG:أ.ف.ب⟧)\n\n⟦PER:بوتين⟧ يلتقي ⟦PER:الأسد⟧ في ⟦LOC:موسكو⟧ ويحذر من تصعيد في المنطقة\n",
        expect![[r#"
            "بوتين يلتقي الأسد في…" ← بوتين (cue ‹ويحذر›)
        "#]],
    );
}

#[test]
fn the_president_of_a_named_country_speaks_for_it() {
    check(
        "⟦LOC:روسيا⟧ تستقبل الزعيم\nوقال رئيس ⟦LOC:كوريا الجنوبية⟧، إن التعاون العسكري بين البلدين غير قانوني.\n",
        expect![[r#"
            "وقال رئيس كوريا الجنوبية،…" ← كوريا الجنوبية (cue ‹وقال›)
        "#]],
    );
}

#[test]
fn a_headline_under_a_masthead_is_attributed_and_the_repeated_title_is_not_twice() {
    check(
        "رئيس مجلس الإدارة\n\n⟦LOC:كوريا الشمالية⟧: علاقتنا مع ⟦LOC:روسيا⟧ تعكس صداقة تاريخية\n\nوصف الوفد اللقاء بأنه دليل على توسعة العلاقات بين البلدين.\nرئيس مجلس الإدارة\n",
        expect![[r#"
            "كوريا الشمالية: علاقتنا مع…" ← كوريا الشمالية (cue ‹:›)
            "وصف الوفد اللقاء بأنه…" ← role ‹الوفد› (cue ‹وصف›)
        "#]],
    );
}

#[test]
fn related_articles_are_attributed_and_never_flagged() {
    let fixture = "عنوان المقال\nزار الوفد المدينة أمس في جولة قصيرة.\n\nمقالات ذات صلة\n\n⟦PER:كيم جونغ أون⟧: العلاقات مع ⟦LOC:الصين⟧ يجب أن تمضي قدما\n\nأعلن الزعيم ⟦PER:كيم جونغ أون⟧ أن العلاقات ستمضي قدما بقوة.\nويتوقع خبراء أن ترتفع الأسعار بنسبة 40 في المئة العام المقبل.\n";
    check(
        fixture,
        expect![[r#"
            "كيم جونغ أون: العلاقات…" ← كيم جونغ أون (cue ‹:›)
            "أعلن الزعيم كيم جونغ…" ← كيم جونغ أون (cue ‹أعلن›)
            "ويتوقع خبراء أن ترتفع…" ← vague ‹خبراء› (cue ‹ويتوقع›)
        "#]],
    );
    // The same vague sentence in the article's own body is flagged; after the heading it is not.
    let vague_claims = |fixture: &str| {
        let (text, mentions) = parse_fixture(fixture);
        let claims = find_claims(&text, &tokenize(&NormText::new(&text)), &mentions);
        claims.iter().filter(|c| matches!(c.reason, ClaimReason::Vague { .. })).count()
    };
    assert_eq!(vague_claims(fixture), 0, "a related article's claims are not the article's");
    assert_eq!(vague_claims(&fixture.replace("مقالات ذات صلة", "")), 1);
}

#[test]
fn a_place_before_a_headline_s_colon_is_its_topic_unless_it_speaks_in_the_first_person() {
    check(
        "عنوان\n\n⟦LOC:سوريا⟧: مقتل عشرات المدنيين في غارة جوية على بلدة السوسة\n\n⟦LOC:كوريا الشمالية⟧: علاقتنا مع ⟦LOC:روسيا⟧ تعكس صداقة تاريخية\n\n⟦ORG:الكرملين⟧: روسيا ستدافع عن مصالحها\n",
        expect![[r#"
            "كوريا الشمالية: علاقتنا مع…" ← كوريا الشمالية (cue ‹:›)
            "الكرملين: روسيا ستدافع عن…" ← الكرملين (cue ‹:›)
        "#]],
    );
}
