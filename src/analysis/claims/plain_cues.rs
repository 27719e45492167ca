//! Cue words that make no claim where they stand (annotation guidelines, Claims): the future of
//! a schedule, a procedure or taking part («ستعقد اللجنة اجتماعها»، «سيشارك الفريق»، «سيتم
//! الإعلان») is a plain fact already public, not a prediction. A forecast of an outcome
//! («ستنهار العملة»، «سيرتفع التضخم») stays a prediction, and so does starting a policy
//! («سيبدأ إصلاح التعليم»): «بدأ» is no schedule stem. Likewise a superlative in plain
//! description (an award's name, a holder's own record, a place, a comparison) evaluates
//! nothing; an evaluation stated as fact («قرار تاريخي»، «فاشلة») stays a claim.

use super::cues::SCHEDULE_STEMS;
use super::lookup::List;
use super::Sent;

/// Words that address the reader of a how-to text.
const READER: &[&str] = &["لك", "لكم", "بك", "عليك", "يمكنك", "اليك", "يهمك"];

/// How many tokens on either side of a future verb a word addressing the reader may stand.
const READER_WINDOW: usize = 8;

/// Person and object endings that may follow a schedule stem: «سيشاركون»، «سيعقده».
const ENDINGS: &[&str] = &["ون", "ان", "ين", "وا", "ه", "ها", "هم", "هما"];

/// Whether the future verb at token `i` (a س- verb, or «سوف» and the verb after it) is a
/// schedule or a procedure, or a step of a how-to text.
pub(super) fn future_is_schedule(s: &Sent, i: usize) -> bool {
    if addresses_reader(s, i) {
        return true;
    }
    let base = s.base(i);
    let verb = if base == "سوف" {
        match s.toks.get(i + 1) {
            Some(t) => t.norm.as_str(),
            None => return false,
        }
    } else {
        base.strip_prefix('س').unwrap_or(base)
    };
    // The person prefix: «يشارك»، «تعقد»، «نلتقي».
    let Some(stem) = verb.strip_prefix(['ي', 'ت', 'ن']) else {
        return false;
    };
    is_schedule_stem(stem)
}

/// Whether a word near token `i` speaks to the reader, as how-to text and boilerplate do:
/// «ستظهر لك خيارات»، «سترشدك الرسائل ... الخاص بك»، «قد يهمك». (A window, not the sentence:
/// a long run of future verbs stays linear.)
pub(super) fn addresses_reader(s: &Sent, i: usize) -> bool {
    let mut near = i.saturating_sub(READER_WINDOW)..s.toks.len().min(i + 1 + READER_WINDOW);
    near.any(|j| READER.contains(&s.base(j)))
}

fn is_schedule_stem(stem: &str) -> bool {
    SCHEDULE_STEMS.contains(stem)
        || ENDINGS
            .iter()
            .any(|e| stem.strip_suffix(e).is_some_and(|s| s.chars().count() >= 2 && SCHEDULE_STEMS.contains(s)))
}

/// Words before a superlative that make it the name of an award or a title: «جائزة أفضل لاعب»،
/// «اختير أفضل لاعب»، «لقب ثاني أكبر بائع».
const AWARD_WORDS: &[&str] =
    &["جائزه", "بجائزه", "جوائز", "لقب", "بلقب", "اختير", "اختيرت", "اختياره", "توج", "تتويج", "وسام"];

/// Whether the evaluative word at token `i` only describes (annotation guidelines: superlatives
/// in plain description, evaluative words in a title or name, are no claims): an award's name
/// («جائزة أفضل لاعب»)، a holder's own record («أبرز إنجازاته»، «أفضل نتائجه»)، a place («في
/// أعلى الزاوية»)، a comparison («أفضل من إيطاليا»، «بشكل أكبر»، «جريمة أخطر»).
pub(super) fn evaluation_is_plain(s: &Sent, i: usize) -> bool {
    let w = s.base(i);
    // «أفضل»، «وأكبر» (not «فاشلة» read as ف + «اشلة»).
    let elative = w.starts_with('ا') && w.chars().count() == 4 && s.lex[i].base_in(List::EVALUATION);
    let prev = |k: usize| i.checked_sub(k).map(|p| s.base(p));
    let award = (1..=2).any(|k| prev(k).is_some_and(|p| AWARD_WORDS.contains(&p)));
    if elative && award {
        return true;
    }
    let orig = |j: usize| s.text.get(s.toks[j].start as usize..s.toks[j].end as usize).unwrap_or("");
    let next = s.toks.get(i + 1).map(|_| orig(i + 1));
    // «أبرز إنجازاته»: a possessive pronoun (not a ة) on the noun after it.
    let own =
        next.is_some_and(|n| !n.starts_with("ال") && (n.ends_with('ه') || n.ends_with("ها") || n.ends_with("هم")));
    if elative && own {
        return true;
    }
    if w == "اعلي" && prev(1) == Some("في") {
        return true;
    }
    // A comparative: «أفضل من»، «بشكل أكبر»، or after an indefinite noun «مشاركات نسائية أكبر».
    // («أقوى من المتوقع» measures against a forecast: still an evaluation.)
    let compares = s.toks.get(i + 1).is_some_and(|t| t.norm == "من") && !s.has(i + 2, List::PREDICTION);
    let manner = matches!(prev(1), Some("بشكل" | "بصوره"));
    let after_indefinite = i > 0 && s.marks[i - 1].kind.is_none() && {
        let p = orig(i - 1);
        !p.starts_with("ال") && (p.ends_with('ة') || p.ends_with("ات"))
    };
    elative && (compares || manner || after_indefinite)
}
