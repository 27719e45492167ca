//! Finds the first claim cue of a sentence: an accusation, a figure, a prediction, an evaluation
//! or a causal link (claims.md §2 C).
//!
//! Figures are numbers that count something: years (1900–2100), days of a month («19 يونيو»),
//! times («08:16»), labels («القرار 2401»، «الدقيقة 90»), scores («2-1») and ordinals («الـ57»)
//! are dates or names, not figures. A figure alone is no claim (annotation guidelines): durations,
//! ages and sports tallies («ثلاثة أيام»، «50 عاما»، «هدفين») never are, and a count below a
//! hundred only as a statistic (money, a percentage, a measure) or a toll («قتل 12 شخصا»).

use super::super::model::ClaimCue as CueKind;
use super::super::normalize::is_vowel_mark;
use super::super::text::has_chars;
use super::cues::is_future_base;
use super::lookup::List;
use super::plain_cues::{addresses_reader, evaluation_is_plain, future_is_schedule};
use super::Sent;

/// The first claim cue of the sentence: its kind and its first and last token.
pub(super) fn first_claim_cue(s: &Sent) -> Option<(CueKind, usize, usize)> {
    (0..s.toks.len()).find_map(|i| cue_at(s, i))
}

/// Every claim cue of the sentence, in text order: its kind and first token.
pub(super) fn cue_kinds(s: &Sent) -> Vec<(CueKind, usize)> {
    (0..s.toks.len()).filter_map(|i| cue_at(s, i).map(|(kind, a, _)| (kind, a))).collect()
}

fn cue_at(s: &Sent, i: usize) -> Option<(CueKind, usize, usize)> {
    let next = s.toks.get(i + 1).map(|t| t.norm.as_str());
    let base = s.base(i);
    if s.is_in(i, List::ACCUSATION, true) {
        return Some((CueKind::Accusation, i, i));
    }
    // Names may look like anything below (سيناء، 7 in «G7»).
    if s.marks[i].kind.is_some() {
        return None;
    }
    if is_figure(s, i) {
        // «3.5»: the decimal part is a token of its own.
        let decimal = next.is_some_and(is_number) && s.toks[i + 1].punct_before == ".";
        return Some((CueKind::Figure, i, if decimal { i + 1 } else { i }));
    }
    // «وكان كيم قد استقبل»، «كان قد تعرض»: a pluperfect, not a possibility.
    let after_kana = || s.lex[i.saturating_sub(5)..i].iter().any(|l| l.kana());
    if base == "قد" && next.is_some_and(is_imperfect) && !after_kana() && !addresses_reader(s, i) {
        return Some((CueKind::Prediction, i, i + 1));
    }
    // «من المقرر أن» announces a schedule, a plain fact (annotation guidelines).
    if base == "من" && next.is_some_and(|n| n == "المرجح" || n == "المتوقع") {
        return Some((CueKind::Prediction, i, i + 1));
    }
    // «سئلت» (was asked) normalises to «سيلت»: a hamza seat is no future prefix.
    let orig = || s.text.get(s.toks[i].start as usize..s.toks[i].end as usize).unwrap_or("");
    let future = is_future_base(base) && !orig().chars().take(4).any(|c| c == 'ئ');
    // «أقل من التوقعات»، «أقوى من المتوقع» compare with a forecast; they make none.
    let compared = i >= 2 && s.word(i - 1) == "من" && is_comparative(s, i - 2);
    let predicts = (s.is_in(i, List::PREDICTION, false) && base != "المقرر" && !compared) || future;
    if predicts && !((future || base == "سوف") && future_is_schedule(s, i)) {
        return Some((CueKind::Prediction, i, i));
    }
    if base == "غير" && next.is_some_and(|n| n.starts_with("مسبوق") || n.starts_with("قانوني")) {
        return Some((CueKind::Evaluation, i, i + 1));
    }
    // A superlative construct: «من أكثر الحدود تحصينا».
    if matches!(base, "اكثر" | "اقل") && next.is_some_and(|n| n.starts_with("ال")) {
        return Some((CueKind::Evaluation, i, i + 1));
    }
    if s.is_in(i, List::EVALUATION, false) && !evaluation_is_plain(s, i) {
        return Some((CueKind::Evaluation, i, i));
    }
    // «لإنهاء» (to end) normalises to «لانها» (because it): the dropped hamza tells them apart.
    // (Only for «لأن»: «جراء» ends in a hamza of its own. The token's range takes in the hamza.)
    let hamza_final =
        s.text.get(..s.toks[i].end as usize).is_some_and(|r| r.trim_end_matches(is_vowel_mark).ends_with('ء'));
    if s.is_in(i, List::CAUSAL, false) && !(hamza_final && base.starts_with("لان")) {
        return Some((CueKind::Causal, i, i));
    }
    let next_is = |f: &dyn Fn(&str) -> bool| next.is_some_and(f);
    if base == "نتيجه" && next_is(&|n| n.starts_with('ل')) {
        return Some((CueKind::Causal, i, i + 1));
    }
    if s.is_in(i, List::LEAD_TO, false) && next_is(&|n| n == "الي" || n == "لل") {
        return Some((CueKind::Causal, i, i + 1));
    }
    let after_comparative = i > 0 && is_comparative(s, i - 1);
    if base == "مما" && !after_comparative {
        return Some((CueKind::Causal, i, i));
    }
    None
}

/// An elative «أفعل» (أكثر، أقل، أقوى، أكبر) at token `i`: «أكثر مما»، «أقوى من المتوقع» compare.
pub(super) fn is_comparative(s: &Sent, i: usize) -> bool {
    let w = s.word(i);
    s.is_in(i, List::EVALUATION, false) || (w.starts_with('ا') && has_chars(w, 3) && !has_chars(w, 5))
}

/// An imperfect verb after «قد»: «قد يكون»، «قد تساهم» (not «قد تم»).
fn is_imperfect(w: &str) -> bool {
    w.starts_with(['ي', 'ت', 'ن']) && has_chars(w, 3) && w != "تم"
}

fn is_number(w: &str) -> bool {
    let digits = w.trim_start_matches(['و', 'ف', 'ب', 'ل', 'ك']);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_figure(s: &Sent, i: usize) -> bool {
    let tok = &s.toks[i];
    let w = tok.norm.as_str();
    if !is_number(w) {
        // «بالنسبة لـ» is "as for", not a proportion.
        if !s.is_in(i, List::QUANTITY, true) || s.base(i) == "بالنسبه" {
            return false;
        }
        return !s.is_in(i, List::SMALL_NUMERALS, true) || is_counted_statistic(s, i);
    }
    let digits = w.trim_start_matches(['و', 'ف', 'ب', 'ل', 'ك']);
    if digits.len() == 4 && digits.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y)) {
        return false;
    }
    let prev = i.checked_sub(1).map(|p| &s.toks[p]);
    let next = s.toks.get(i + 1);
    // 08:16, 19/6/2024: a time or a date.
    let joined = |t: &super::Token| t.punct_before.contains([':', '/']);
    if next.is_some_and(|n| is_number(&n.norm) && joined(n)) || prev.is_some_and(|p| is_number(&p.norm) && joined(tok))
    {
        return false;
    }
    // «19 يونيو»، «19 و20 يونيو (حزيران)»، «مارس/آذار 2024».
    let month_after =
        (i + 1..s.toks.len()).take(3).find(|&j| !is_number(s.word(j))).is_some_and(|j| s.is_in(j, List::MONTHS, true));
    if month_after || (i > 0 && s.is_in(i - 1, List::MONTHS, true)) {
        return false;
    }
    // «القرار 2401»، «الدقائق 4 و43 و77»: a label over a run of numbers.
    let first = (0..i).rev().take_while(|&p| is_number(s.word(p))).last().unwrap_or(i);
    if first > 0 && s.is_in(first - 1, List::NUMBER_LABELS, true) {
        return false;
    }
    // A list marker «1-» or a model name «F-150»، «إس-400».
    if i == 0 && next.is_some_and(|n| n.punct_before.starts_with(['-', '.', ')'])) {
        return false;
    }
    if prev.is_some_and(|p| p.norm.chars().count() <= 3 && tok.punct_before == "-") {
        return false;
    }
    // A score: «2-1»، «4-صفر»، «116-101» (not a range of percentages, «20-25%»).
    let score_with = |n: &super::Token| {
        n.punct_before == "-" && (n.norm == "صفر" || (is_number(&n.norm) && n.norm.len() <= 3)) && !percent_after(s, n)
    };
    if digits.len() <= 3 && next.is_some_and(score_with) {
        return false;
    }
    if counts_time_or_tally(s, i) {
        return false;
    }
    let decimal = next.is_some_and(|n| is_number(&n.norm) && n.punct_before == ".");
    decimal || digits.len() > 2 || is_counted_statistic(s, i)
}

/// The number at token `i` counts years, days, times or goals: «ثلاثة أيام»، «قبل 50 عاما»،
/// «هدفين»، «6 نقاط».
fn counts_time_or_tally(s: &Sent, i: usize) -> bool {
    let after = (i + 1..s.toks.len()).take(3).find(|&j| !is_number(s.word(j)));
    after.is_some_and(|j| s.is_in(j, List::COUNT_UNITS, true))
}

/// Whether a small count at token `i` (a number below a hundred, «خمسة»، «آلاف») is a
/// statistic: an amount of money, a percentage or a measure, or a toll («قتل 12 شخصا»). A
/// duration, an age or a sports tally never is («ثلاثة أيام»، «50 عاما»، «هدفين»); nor is a
/// plain count («23 لاعبا»، «3 مقاعد»): a figure alone is no claim.
fn is_counted_statistic(s: &Sent, i: usize) -> bool {
    if counts_time_or_tally(s, i) {
        return false;
    }
    let unit = (i + 1..s.toks.len()).take(2).any(|j| s.is_in(j, List::STAT_UNITS, true));
    let mut near = i.saturating_sub(TOLL_WINDOW)..s.toks.len().min(i + 1 + TOLL_WINDOW);
    unit || percent_after(s, &s.toks[i]) || near.any(|k| s.is_in(k, List::TOLL, false))
}

/// How many tokens on either side of a count a toll word may stand: «قتل 12 شخصا»، «121 عدد
/// الفلسطينيين الذين قتلوا». (A window, not the sentence: a long run of numbers stays linear.)
const TOLL_WINDOW: usize = 6;

/// A percent sign right after the token: «70%».
fn percent_after(s: &Sent, tok: &super::Token) -> bool {
    s.text.get(tok.end as usize..).is_some_and(|r| r.starts_with(['%', '٪']))
}
