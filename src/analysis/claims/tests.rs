//! Fixture tests for the claims module: Arabic text in, flagged sentences out.
//!
//! Names in a fixture are written `⟦PER:بوتين⟧`; the markers are stripped and become the
//! mentions. The rendering shows each flagged sentence by its first words, so a wrong range shows.

use expect_test::{expect, Expect};

use super::super::model::{EntityType, FormKey, Lang, Mention, NameRef, Origin};
use super::super::normalize::{normalize_str, NormText};
use super::super::tokens::tokenize;
use super::{analyse_sentences_with, find_claims, Scoring};

/// Strips `⟦TYPE:name⟧` markers and returns the plain text and the mentions.
pub(super) fn parse_fixture(fixture: &str) -> (String, Vec<Mention>) {
    let mut text = String::new();
    let mut mentions = Vec::new();
    let mut rest = fixture;
    while let Some(open) = rest.find('⟦') {
        text.push_str(&rest[..open]);
        let after = &rest[open + '⟦'.len_utf8()..];
        let close = after.find('⟧').expect("unclosed ⟦");
        let (ty, name) = after[..close].split_once(':').expect("⟦TYPE:name⟧");
        let ty = EntityType::parse(ty).expect("PER, LOC or ORG");
        let start = text.len() as u32;
        text.push_str(name);
        mentions.push(mention(start, text.len() as u32, ty, name));
        rest = &after[close + '⟧'.len_utf8()..];
    }
    text.push_str(rest);
    (text, mentions)
}

pub(super) fn mention(start: u32, end: u32, ty: EntityType, name: &str) -> Mention {
    let form: compact_str::CompactString = normalize_str(name).into();
    let target = NameRef::Form(FormKey { form: form.clone(), ty: ty.clone() });
    Mention { start, end, ty, form, target, origin: Origin::Gazetteer }
}

/// Flags the sentences of plain text with mentions by the claim cues alone (the rules these
/// fixtures test; `tests_scored` tests the model over them) and renders one line per flagged
/// sentence.
pub(super) fn render(text: &str, mentions: &[Mention]) -> String {
    let tokens = tokenize(&NormText::new(text));
    let mut res = String::new();
    for c in analyse_sentences_with(text, &tokens, mentions, Scoring::Rules).claims {
        let sentence = &text[c.start as usize..c.end as usize];
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let more = if words.len() > 8 { "…" } else { "" };
        let kind = format!("{:?}", c.kind());
        res.push_str(&format!(
            "{kind} \"{}{more}\" — {}\n",
            words[..words.len().min(8)].join(" "),
            c.message(Lang::En)
        ));
    }
    res
}

fn check(fixture: &str, expect: Expect) {
    let (text, mentions) = parse_fixture(fixture);
    expect.assert_eq(&render(&text, &mentions));
}

#[test]
fn check_vague_observers() {
    check(
        r#"عنوان
ورأى مراقبون أن هذا الشحن ينتهك قرارًا صادرًا عن ⟦ORG:الأمم المتحدة⟧ يحظر توريد السلع الفاخرة.
وحذر الخبراء من أن الرحلة من المرجح أن تركز على العلاقات الدفاعية.
وقال مسؤول في ⟦LOC:فيتنام⟧ لـ«⟦ORG:رويترز⟧» إن زيارة ⟦PER:بوتين⟧ مقررة يومي 19 و20 يونيو.
ويتهم مسؤولون أمريكيون ⟦LOC:كوريا الشمالية⟧ بتزويد ⟦LOC:روسيا⟧ بالمدفعية.
بدأ خبراء ⟦ORG:الأمم المتحدة⟧ التحقيق في عمليات نقل الأسلحة المزعومة إلى روسيا.
"#,
        expect![[r#"
            Vague "ورأى مراقبون أن هذا الشحن ينتهك قرارًا صادرًا…" — Vague source: ‹مراقبون› is not a named source.
            Vague "وحذر الخبراء من أن الرحلة من المرجح أن…" — Vague source: ‹الخبراء› is not a named source.
            Vague "وقال مسؤول في فيتنام لـ«رويترز» إن زيارة بوتين…" — Vague source: ‹مسؤول› is not a named source.
            Vague "ويتهم مسؤولون أمريكيون كوريا الشمالية بتزويد روسيا بالمدفعية." — Vague source: ‹مسؤولون› is not a named source.
            Unsourced "بدأ خبراء الأمم المتحدة التحقيق في عمليات نقل…" — Unsourced claim: an accusation (‹المزعومة›) with no named source in the sentence.
        "#]],
    );
}

#[test]
fn check_named_sources_and_continuations() {
    check(
        r#"عنوان
فقد عبر ⟦PER:جون كيربي⟧، المتحدث باسم ⟦ORG:مجلس الأمن القومي الأمريكي⟧، عن القلق، قائلاً: "قد يكون هناك تبادل للمصالح".
وأضاف ⟦PER:كيربي⟧: "لم نشهد حتى الآن معالم كل ذلك. لكننا سنراقب ذلك عن كثب".
وأضاف: "سنواصل العمل مع حلفائنا بكل قوة".
وقال ⟦PER:لافروف⟧: "ندعم ⟦LOC:كوريا الشمالية⟧ على الدوام في ⟦ORG:الأمم المتحدة⟧ بنسبة 100%".
"وستبقى هذه العلاقة أقوى من أي وقت مضى".
واتهمت ⟦LOC:الولايات المتحدة⟧ وحلفاؤها ⟦LOC:كوريا الشمالية⟧ بتزويد ⟦LOC:روسيا⟧ بالذخيرة والصواريخ.
كما أشار إلى أن ⟦LOC:روسيا⟧ و⟦LOC:كوريا الشمالية⟧ ستطوران نظم التجارة والدفع.
وأفادت ⟦LOC:الولايات المتحدة⟧ هذا الشهر بأن ⟦LOC:روسيا⟧ هاجمت ⟦LOC:أوكرانيا⟧ بصواريخ كثيرة.
"#,
        expect![[r#""#]],
    );
}

#[test]
fn check_unsourced_figures_and_dates() {
    check(
        r#"عنوان
وارتفعت صادرات المصانع بنسبة 70% خلال العام الماضي.
في 19 يونيو 2024 وصل الرئيس إلى العاصمة في زيارة رسمية.
الثلاثاء، 18 يونيو 2024 - 08:16 م
وقد ضعفت روابط موسكو مع كوريا الشمالية بعد انهيار الاتحاد السوفيتي عام 1991.
وزار الوفد المدينة في 19 و20 يونيو (حزيران) وفي مارس/آذار الماضي.
وتعد الحدود التي تفصلهما من أكثر الحدود تحصينا في العالم منذ 1953.
يصل اليوم الرئيس الى كوريا الشمالية في أول زيارة له منذ 24 عامًا.
هل ستنجح الهدنة هذه المرة في الصمود طويلا؟
"#,
        expect![[r#"
            Unsourced "وارتفعت صادرات المصانع بنسبة 70% خلال العام الماضي." — Unsourced claim: a figure (‹بنسبة›) with no named source in the sentence.
            Unsourced "وتعد الحدود التي تفصلهما من أكثر الحدود تحصينا…" — Unsourced claim: an evaluative word (‹أكثر الحدود›) with no named source in the sentence.
        "#]],
    );
}

#[test]
fn check_frames_and_agencies() {
    check(
        r#"عنوان
وستكون هذه أول زيارة لبوتين منذ 24 عاما، بحسب وكالة ⟦ORG:يونهاب⟧.
وتقترب ⟦LOC:كوريا الشمالية⟧ من ⟦LOC:روسيا⟧ بعد اتفاق «شراكة استراتيجية شاملة»، وفقاً لوكالة «⟦ORG:يونهاب⟧» الكورية الجنوبية.
وستتضاعف الصادرات ثلاث مرات، بحسب تقارير صحفية غربية.
ويعتقد أن الصفقة تشمل تسليم أسلحة متطورة.
وتأتي الزيارة وسط أنباء عن صفقة أسلحة بين البلدين.
وتعمل الحكومة وفق خطة ستنفذ على مراحل.
"#,
        expect![[r#"
            Vague "وستتضاعف الصادرات ثلاث مرات، بحسب تقارير صحفية غربية." — Vague source: ‹تقارير› is not a named source.
            Vague "ويعتقد أن الصفقة تشمل تسليم أسلحة متطورة." — Vague source: ‹ويعتقد› is not a named source.
            Vague "وتأتي الزيارة وسط أنباء عن صفقة أسلحة بين…" — Vague source: ‹أنباء› is not a named source.
            Unsourced "وتعمل الحكومة وفق خطة ستنفذ على مراحل." — Unsourced claim: a prediction (‹ستنفذ›) with no named source in the sentence.
        "#]],
    );
}

#[test]
fn check_headlines_captions_and_boilerplate() {
    check(
        r#"بوتين في زيارة تاريخية لكوريا الشمالية بعد 24 عاماً

بوتين في زيارة تاريخية لكوريا الشمالية بعد 24 عاماً
سامح فواز
[ad_1]
اقرأ المزيد المشتركون يقول الخبراء إن أحدث الأقمار الصناعية لكوريا الشمالية تعتمد فقط على المساعدة الفنية الروسية
بوتين وكيم خلال زيارة الأخير لروسيا في 13 سبتمبر لإجراء محادثات تاريخية ستغير وجه المنطقة (أ.ف.ب)
الرئيس الروسي فلاديمير بوتين خلال مباحثات في موسكو. 16 يناير 2024 تمهيدا لزيارة ستكون الأهم - Reuters
إعادة استخدام هذا المحتوى
الكلمات الدالة
مشاركة
"#,
        expect![[r#""#]],
    );
}

#[test]
fn check_hard_cases() {
    check(
        r#"عنوان
وقالت مصادر ملاحية بالمطار إن الطائرة هبطت اضطراريا.
وأضافت أنه تم نقل الراكبة إلى المستشفى.
وارتفع الدولار بعدما أظهرت بيانات أن التضخم كان أقوى من المتوقع في يناير.
ولم ترد أي أنباء فورية عن وفيات أو إصابات في الحادث.
وكانت صحيفة ⟦ORG:واشنطن بوست⟧ قد نشرت تفاصيل الصفقة في إبريل الماضي.
وقال منظمون إن معظم المتنافسين ما زالوا في السباق رغم أسوأ فترات العاصفة.
وذكرت ⟦PER:نويرت⟧ عندما سئلت عن المحققين أن الحكومة عرضت دعمها.
وشكر بدوره مضيفه على دعم حرب ⟦LOC:روسيا⟧ في أوكرانيا بسبب المواقف المشتركة.
وأشار في بيان إلى أن الحكومة ستواصل دعم المزارعين.
"#,
        expect![[r#"
            Vague "وقالت مصادر ملاحية بالمطار إن الطائرة هبطت اضطراريا." — Vague source: ‹مصادر› is not a named source.
            Vague "وأضافت أنه تم نقل الراكبة إلى المستشفى." — Vague source: ‹مصادر› is not a named source.
            Unsourced "وارتفع الدولار بعدما أظهرت بيانات أن التضخم كان…" — Unsourced claim: an evaluative word (‹أقوى›) with no named source in the sentence.
            Unsourced "وشكر بدوره مضيفه على دعم حرب روسيا في…" — Unsourced claim: a causal claim (‹بسبب›) with no named source in the sentence.
        "#]],
    );
}

#[test]
fn check_emoji_keeps_ranges() {
    check(
        "عنوان\n😀 وقال ⟦PER:بوتين⟧ إن الزيارة ستكون تاريخية. 🙂 وارتفعت الأسعار 3.5% في 🇷🇺 روسيا.\n",
        expect![[r#"
            Unsourced "🙂 وارتفعت الأسعار 3.5% في 🇷🇺 روسيا." — Unsourced claim: a figure (‹3.5%›) with no named source in the sentence.
        "#]],
    );
}

#[test]
fn never_panics_on_odd_input() {
    let texts = ["", ".", "؟؟؟\n\n...", "«««", "عنوان\n\"", "عنوان\nقال.", &"كلمة ".repeat(5000)];
    for text in texts {
        let tokens = tokenize(&NormText::new(text));
        find_claims(text, &tokens, &[]);
        // Tokens and mentions from another text must not make it panic either.
        let other = "عنوان\nوقال بوتين إن 70% من المصانع ستغلق بسبب الحرب التاريخية.";
        let other_tokens = tokenize(&NormText::new(other));
        let bogus = [mention(3, 900, EntityType::Per, "x"), mention(50, 10, EntityType::Loc, "y")];
        find_claims(text, &other_tokens, &bogus);
        find_claims(other, &tokens, &bogus);
    }
}
