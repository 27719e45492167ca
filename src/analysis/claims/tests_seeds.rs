//! The claims rules over the five seed articles, with mentions from a tiny test gazetteer.
//!
//! The gazetteer stands in for the real recogniser so that this snapshot only moves when the
//! claims rules move. It matches whole normalised words, with one proclitic on the first word.

use expect_test::{expect, Expect};

use super::super::model::{EntityType, Mention};
use super::super::normalize::{normalize_str, NormText};
use super::super::tokens::{tokenize, Token};
use super::tests::{mention, render};

pub(super) const SEEDS: [(&str, &str); 5] = [
    ("000", include_str!("../../../examples/corpus/000_e6dbe4c4b6a222e0.txt")),
    ("001", include_str!("../../../examples/corpus/001_c4de4682c1a3ca3f.txt")),
    ("002", include_str!("../../../examples/corpus/002_ea2139a9c9054741.txt")),
    ("003", include_str!("../../../examples/corpus/003_3fdc54752f1556f2.txt")),
    ("004", include_str!("../../../examples/corpus/004_8a1ec9f8eb136ea6.txt")),
];

const PER: &[&str] = &[
    "فلاديمير بوتين",
    "بوتين",
    "كيم جونغ أون",
    "كيم جونج أون",
    "كيم جونج وون",
    "كيم يونج أون",
    "كيم",
    "جون كيربي",
    "كيربي",
    "ليم سوسوك",
    "سيرجي لافروف",
    "سيرغي لافروف",
    "لافروف",
    "تشوي سون-هوي",
    "تشوي",
    "ديمتري بيسكوف",
    "بشار الأسد",
    "الأسد",
    "وانغ يي",
    "سامح فواز",
    "رائد العزاوي",
    "غافرييل غريغوروف",
    "رائد جبر",
];

const LOC: &[&str] = &[
    "كوريا الشمالية",
    "كوريا الجنوبية",
    "كوريا",
    "روسيا",
    "بيونغ يانغ",
    "بيونج يانج",
    "موسكو",
    "سيول",
    "واشنطن",
    "أوكرانيا",
    "الولايات المتحدة",
    "فيتنام",
    "الصين",
    "اليابان",
    "فلاديفوستوك",
    "فلاديفستوك",
    "الاتحاد السوفيتي",
    "ميدان كيم إيل سونغ",
    "شبه الجزيرة الكورية",
    "دمشق",
    "فينتيان",
    "لاوس",
    "الاتحاد الروسي",
    "روسيا الاتحادية",
    "فوستوشني",
    "فوستوتشني",
    "جزيرة روسكي",
    "مقاطعة آمور",
    "الشرق الأقصى",
    "شمال شرق آسيا",
    "دبي",
    "أوروبا",
];

const ORG: &[&str] = &[
    "رويترز",
    "Reuters",
    "فرانس برس",
    "أ.ف.ب",
    "أ ف ب",
    "أ.ب",
    "د.ب.أ",
    "الكرملين",
    "الأمم المتحدة",
    "مجلس الأمن الدولي",
    "مجلس الأمن القومي الأمريكي",
    "مجلس الأمن",
    "وزارة الخارجية الكورية الجنوبية",
    "وزارة الدفاع الكورية الجنوبية",
    "وكالة الأنباء المركزية الكورية الشمالية",
    "وكالة الأنباء المركزية الكورية",
    "وكالة الأنباء الألمانية",
    "يونهاب",
    "سبوتنيك",
    "فيدوموستي",
    "السفارة الأمريكية",
    "لوموند",
    "الجمعية العامة للأمم المتحدة",
    "جامعة الشرق الأقصى الاتحادي",
    "آسيان",
    "رابطة دول جنوب شرق آسيا",
    "الشرق الأوسط",
];

/// Longest-first, left-to-right gazetteer matching over the tokens.
pub(super) fn gazetteer_mentions(text: &str) -> Vec<Mention> {
    let norm = NormText::new(text);
    let tokens = tokenize(&norm);
    let mut entries: Vec<(Vec<String>, EntityType, &str)> = Vec::new();
    for (names, ty) in [(PER, EntityType::Per), (LOC, EntityType::Loc), (ORG, EntityType::Org)] {
        for name in names {
            let words = normalize_str(name)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            entries.push((words, ty.clone(), name));
        }
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    let mut res = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let hit = entries.iter().find_map(|(words, ty, name)| {
            let prefix = match_at(&tokens[i..], words)?;
            let start = norm.chars[tokens[i].norm_start as usize + prefix].src_start;
            let end = tokens[i + words.len() - 1].end;
            Some((words.len(), mention(start, end, ty.clone(), name)))
        });
        match hit {
            Some((len, m)) => {
                res.push(m);
                i += len;
            }
            None => i += 1,
        }
    }
    res
}

/// The number of proclitic characters before the name when `words` match at the start of `toks`.
fn match_at(toks: &[Token], words: &[String]) -> Option<usize> {
    if toks.len() < words.len() || toks[1..words.len()].iter().zip(&words[1..]).any(|(t, w)| t.norm != *w) {
        return None;
    }
    let first = toks[0].norm.as_str();
    let w = words[0].as_str();
    for prefix in ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل"] {
        if first.strip_prefix(prefix) == Some(w) {
            return Some(prefix.chars().count());
        }
        // للأمم = ل + الأمم.
        if let Some(rest) = w.strip_prefix("ال") {
            if first.strip_prefix(prefix).and_then(|f| f.strip_prefix("لل")) == Some(rest) {
                return Some(prefix.chars().count() + 1);
            }
        }
    }
    None
}

fn check_seed(idx: usize, expect: Expect) {
    let text = SEEDS[idx].1;
    expect.assert_eq(&render(text, &gazetteer_mentions(text)));
}

#[test]
fn check_seed_000() {
    check_seed(
        0,
        expect![[r#"
        Unsourced "وكان كيم قد استقبل في وقت سابق بوتين…" — Unsourced claim: a causal claim (‹مما›) with no named source in the sentence.
        Vague "وحذر الخبراء من أن الرحلة من المرجح أن…" — Vague source: ‹الخبراء› is not a named source.
        Unsourced "ومع ذلك، فقد شكرت روسيا في مارس/آذار لاستخدامها…" — Unsourced claim: an accusation (‹انتهاكات›) with no named source in the sentence.
        Unsourced "وظلت الكوريتان في حالة حرب من الناحية الفنية…" — Unsourced claim: an evaluative word (‹أكثر الحدود›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn check_seed_001() {
    check_seed(
        1,
        expect![[r#"
        Unsourced "في خطوة تعكس التحالفات الجديدة على الساحة الدولية،…" — Unsourced claim: a causal claim (‹بسبب›) with no named source in the sentence.
        Unsourced "تأتي زيارة بوتين في ظل مخاوف متزايدة من…" — Unsourced claim: a prediction (‹ستعزز›) with no named source in the sentence.
        Vague "ويتهم مسؤولون أمريكيون وكوريون جنوبيون كوريا الشمالية بتزويد…" — Vague source: ‹مسؤولون› is not a named source.
        Unsourced "إلى جانب الصين، قدمت روسيا غطاء سياسيًا للجهود…" — Unsourced claim: a causal claim (‹بسبب›) with no named source in the sentence.
        Unsourced "وفي مارس الماضي، أنهى الفيتو الروسي في الأمم…" — Unsourced claim: a causal claim (‹بسبب›) with no named source in the sentence.
        Vague "ورأى مراقبون أن هذا الشحن ينتهك قرارًا صادرًا…" — Vague source: ‹مراقبون› is not a named source.
        Unsourced "تأتي الزيارة في وقت تشهد فيه شبه الجزيرة…" — Unsourced claim: an evaluative word (‹أعلى›) with no named source in the sentence.
        Unsourced "يسعى بوتين باستمرار إلى إعادة بناء العلاقات مع…" — Unsourced claim: a prediction (‹يسعى›) with no named source in the sentence.
    "#]],
    );
}

#[test]
fn check_seed_002() {
    check_seed(
        2,
        expect![[r#"
        Vague "وقال مسؤول في فيتنام لـ«رويترز» إن زيارة بوتين…" — Vague source: ‹مسؤول› is not a named source.
        Vague "ووجّه مسؤولون في كوريا الجنوبية والولايات المتحدة اتهامات…" — Vague source: ‹مسؤولون› is not a named source.
    "#]],
    );
}

#[test]
fn check_seed_003() {
    check_seed(
        3,
        expect![[r#"
            Unsourced "ووصلت وزيرة خارجية كوريا الشمالية، الاثنين، إلى روسيا،…" — Unsourced claim: a prediction (‹قد تساهم›) with no named source in the sentence.
            Unsourced "وتخضع بيونج يانج لسلسلة عقوبات دولية، بسبب برامجها…" — Unsourced claim: a causal claim (‹بسبب›) with no named source in the sentence.
            Vague "كذلك، اتّهم حلفاء أوكرانيا كوريا الشمالية بتزويد القوات…" — Vague source: ‹حلفاء› is not a named source.
        "#]],
    );
}

#[test]
fn check_seed_004() {
    check_seed(
        4,
        expect![[r#"
        Unsourced "وصل القطار المصفح الخاص بزعيم كوريا الشمالية إلى…" — Unsourced claim: a prediction (‹سيكون›) with no named source in the sentence.
        Vague "والسبب الذي دفع البعض، بأن يتوقع بوجود محادثات…" — Vague source: ‹البعض› is not a named source.
    "#]],
    );
}
