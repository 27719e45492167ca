//! Fixture tests for attribution: Arabic text with `⟦TYPE:name⟧` mentions in, one line per
//! attributed sentence out: its first words, its source (a mention, `role ‹…›` or `vague ‹…›`),
//! the cue, and when present the sentence it inherits from, the quotation and the relay.

use expect_test::{expect, Expect};

use super::super::model::Source;
use super::super::normalize::NormText;
use super::super::tokens::tokenize;
use super::analyse_sentences;
use super::tests::parse_fixture;

pub(super) fn render(fixture: &str) -> String {
    let (text, mentions) = parse_fixture(fixture);
    let tokens = tokenize(&NormText::new(&text));
    let slice = |a: u32, b: u32| text.get(a as usize..b as usize).unwrap_or("?").to_string();
    let first_words = |a: u32, b: u32| {
        let words: Vec<String> = slice(a, b).split_whitespace().take(4).map(str::to_string).collect();
        words.join(" ")
    };
    let mut out = String::new();
    for a in analyse_sentences(&text, &tokens, &mentions).attributions {
        let source = match a.source {
            Source::Mention(m) => {
                let m = &mentions[m as usize];
                slice(m.start, m.end)
            }
            Source::Role { start, end } => format!("role ‹{}›", slice(start, end)),
            Source::Vague { start, end } => format!("vague ‹{}›", slice(start, end)),
        };
        out.push_str(&format!("\"{}…\" ← {source} (cue ‹{}›)", first_words(a.start, a.end), slice(a.cue.0, a.cue.1)));
        if let Some(from) = a.inherited_from {
            let line_end = text[from as usize..].find(['\n', '.']).map_or(text.len(), |k| from as usize + k) as u32;
            out.push_str(&format!(", inherited from \"{}…\"", first_words(from, line_end)));
        }
        if let Some((s, e)) = a.quote {
            out.push_str(&format!(", quote ‹{}›", first_words(s, e)));
        }
        if let Some(m) = a.relayed_by {
            let m = &mentions[m as usize];
            out.push_str(&format!(", relayed by {}", slice(m.start, m.end)));
        }
        out.push('\n');
    }
    out
}

/// Asserts the attribution lines of `fixture` (see [`render`]).
pub(super) fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&render(fixture));
}

#[test]
fn named_sources_titles_and_continuations() {
    check(
        r#"⟦ORG:الكرملين⟧: روسيا ستدافع عن مصالحها
وقال الرئيس الروسي ⟦PER:فلاديمير بوتين⟧ إن الزيارة "ستعزز العلاقات".
وأضاف أن البلدين سيوقعان اتفاقا.
وزار الوفد المدينة في اليوم التالي.
وأكد الرئيس أن المحادثات كانت مثمرة.
كما تشمل الاتفاقات تعاونا في مجال الطاقة والنقل بين البلدين.
"#,
        expect![[r#"
            "الكرملين: روسيا ستدافع عن…" ← الكرملين (cue ‹:›)
            "وقال الرئيس الروسي فلاديمير…" ← فلاديمير بوتين (cue ‹وقال›), quote ‹ستعزز العلاقات›
            "وأضاف أن البلدين سيوقعان…" ← فلاديمير بوتين (cue ‹وأضاف›), inherited from "وقال الرئيس الروسي فلاديمير…"
            "وأكد الرئيس أن المحادثات…" ← فلاديمير بوتين (cue ‹وأكد›)
            "كما تشمل الاتفاقات تعاونا…" ← فلاديمير بوتين (cue ‹›), inherited from "وأكد الرئيس أن المحادثات…"
        "#]],
    );
}

#[test]
fn vague_sources_frames_and_relays() {
    check(
        r#"⟦ORG:الاتحاد المصري⟧ يعلن رحيل ⟦PER:هيكتور كوبر⟧
وبحسب مسؤولين أمنيين، عمل المتهم في التجارة قبل سنوات.
ونقلت وكالة ⟦ORG:رويترز⟧ عن أحد المجندين قوله إن المعسكر أغلق.
وذكرت صحيفة ⟦ORG:واشنطن بوست⟧ نقلا عن مصادر مطلعة أن الصفقة تمت.
وستكون هذه أول زيارة منذ 24 عاما، بحسب وكالة ⟦ORG:يونهاب⟧.
ونقل "⟦ORG:الكرملين⟧" عن وزير الخارجية الروسي ⟦PER:سيرجي لافروف⟧، قوله إن المحادثات كانت مثمرة.
وعلق رئيس ⟦LOC:كوريا الجنوبية⟧ على التعاون العسكري بين البلدين.
وتقول السلطات إن 17 طالبا أصيبوا خلال إطلاق النار.
ويضيف "لقد نقلنا المصابين إلى المستشفى".
وتعمل الحكومة وفق خطة ستنفذ على مراحل.
"#,
        expect![[r#"
            "الاتحاد المصري يعلن رحيل…" ← الاتحاد المصري (cue ‹يعلن›)
            "وبحسب مسؤولين أمنيين، عمل…" ← vague ‹مسؤولين› (cue ‹وبحسب›)
            "ونقلت وكالة رويترز عن…" ← vague ‹أحد› (cue ‹ونقلت›), relayed by رويترز
            "وذكرت صحيفة واشنطن بوست…" ← vague ‹مصادر مطلعة› (cue ‹نقلا›), relayed by واشنطن بوست
            "وستكون هذه أول زيارة…" ← يونهاب (cue ‹بحسب›)
            "ونقل "الكرملين" عن وزير…" ← سيرجي لافروف (cue ‹ونقل›), relayed by الكرملين
            "وعلق رئيس كوريا الجنوبية…" ← كوريا الجنوبية (cue ‹وعلق›)
            "وتقول السلطات إن 17…" ← vague ‹السلطات› (cue ‹وتقول›)
            "ويضيف "لقد نقلنا المصابين…" ← vague ‹السلطات› (cue ‹ويضيف›), inherited from "وتقول السلطات إن 17…", quote ‹لقد نقلنا المصابين إلى›
        "#]],
    );
}

#[test]
fn quotations_continue_their_speaker_and_a_later_continuation_goes_to_the_last_person_quoted() {
    check(
        r#"عنوان
وقال ⟦PER:لافروف⟧: "ندعم ⟦LOC:كوريا الشمالية⟧ على الدوام".
"وستبقى هذه العلاقة أقوى من أي وقت مضى".
وزار الوفد المدينة القديمة وتجول في أسواقها الشعبية طوال ساعات النهار.
ووصل الوزراء إلى القاعة الكبرى بعد الظهر وسط إجراءات أمنية مشددة حول المبنى.
وأضاف أن الاجتماع سيستمر يومين.
"#,
        expect![[r#"
            "وقال لافروف: "ندعم كوريا…" ← لافروف (cue ‹وقال›), quote ‹ندعم كوريا الشمالية على›
            ""وستبقى هذه العلاقة أقوى…" ← لافروف (cue ‹›), inherited from "وقال لافروف: "ندعم كوريا…", quote ‹وستبقى هذه العلاقة أقوى›
            "وأضاف أن الاجتماع سيستمر…" ← لافروف (cue ‹وأضاف›)
        "#]],
    );
}
