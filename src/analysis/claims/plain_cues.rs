//! Cue words that make no claim where they stand (annotation guidelines, Claims): the future of
//! a schedule, a procedure or taking part («ستعقد اللجنة اجتماعها»، «سيشارك الفريق»، «سيتم
//! الإعلان») is a plain fact already public, not a prediction. A forecast of an outcome
//! («ستنهار العملة»، «سيرتفع التضخم») stays a prediction, and so does starting a policy
//! («سيبدأ إصلاح التعليم»): «بدأ» is no schedule stem.

use super::cues::SCHEDULE_STEMS;
use super::Sent;

/// Person and object endings that may follow a schedule stem: «سيشاركون»، «سيعقده».
const ENDINGS: &[&str] = &["ون", "ان", "ين", "وا", "ه", "ها", "هم", "هما"];

/// Whether the future verb at token `i` (a س- verb, or «سوف» and the verb after it) is a
/// schedule or a procedure.
pub(super) fn future_is_schedule(s: &Sent, i: usize) -> bool {
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

fn is_schedule_stem(stem: &str) -> bool {
    SCHEDULE_STEMS.contains(stem)
        || ENDINGS
            .iter()
            .any(|e| stem.strip_suffix(e).is_some_and(|s| s.chars().count() >= 2 && SCHEDULE_STEMS.contains(s)))
}
