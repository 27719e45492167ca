//! The subject slot of a speech verb: what stands after it (Arabic news is mostly verb–subject)
//! or, failing that, a few tokens before it — a named source, a vague one («مراقبون»، «مصادر
//! مطلعة»), a noun the lists do not know, or nothing — and where a vague noun is a source.

use super::super::cues;
use super::super::lookup::List;
use super::super::roles::is_person_noun;
use super::super::subject_words::is_stop;
use super::super::{Kind, Lex, Sent};
use super::{is_addressee, mention_start, relays_the_words, Found, Src, FORWARD};

/// What stands in the subject slot after a speech verb.
pub(super) enum Subject {
    /// A named or vague source.
    Found(Found),
    /// A noun the lists do not know, then «أن»: «وقال منظمون إن» (most often a name the
    /// recogniser missed): the noun's token.
    Unknown(usize),
    /// Nothing but prepositions and adverbs before «أن»، «:» or a quote: «وقال في بيان إن».
    Missing,
    /// No end of the subject slot in sight: the verb may be a noun («نقل الأسلحة»).
    Unclear,
}

/// Looks for the subject after the verb at `i`.
pub(super) fn forward(s: &Sent, i: usize) -> Subject {
    let n = s.toks.len();
    let mut content = false;
    for j in i + 1..n.min(i + 1 + FORWARD) {
        let tok = &s.toks[j];
        // «أعلن "سناب شات"»: a quotation mark around the subject's name opens no quotation.
        let quoted_name = j == i + 1
            && s.marks[j].first
            && matches!(s.marks[j].kind, Some(Kind::Per | Kind::Org))
            && !tok.punct_before.contains(':');
        if is_stop(s, j) && !quoted_name {
            return if content { Subject::Unknown(i + 1) } else { Subject::Missing };
        }
        // «وأضاف في تصريحات نقلتها صحيفة "غارديان"»: the paper that relays the words (a
        // relaying verb with the words as its object) is not who says them.
        if j > i + 1 && relays_the_words(s, j) {
            return Subject::Missing;
        }
        let mark = s.marks[j];
        if mark.first {
            match mark.kind {
                Some(Kind::Per | Kind::Org | Kind::Loc) if !mark.prep && !is_addressee(s, j) => {
                    return Subject::Found(Found::Source(Src::Named(j)));
                }
                _ => {}
            }
        }
        // «وقال لوسائل الإعلام إنه»: whom a speaker talks to is no subject.
        let addressee = !s.is_in(j, List::VAGUE, false);
        if let Some(end) = vague_at(s, j).filter(|_| !addressee) {
            return Subject::Found(Found::Source(Src::Vague(j, end)));
        }
        // «وأضاف حارس ⟦مانشستر يونايتد⟧»: a word for a person right after the verb is its subject.
        if mark.kind.is_none() && (s.is_in(j, List::TITLES, false) || (j == i + 1 && is_person_noun(&tok.norm))) {
            return Subject::Found(Found::Source(Src::Named(j)));
        }
        let function_word = mark.kind.is_some()
            || s.is_in(j, List::PREPOSITIONS, false)
            || s.is_in(j, List::ADVERBS, false)
            || tok.norm.starts_with("لل")
            || tok.norm.starts_with("بال")
            || (tok.norm.starts_with(['ل', 'ب']) && (s.is_in(j, List::TITLES, true) || s.is_in(j, List::VAGUE, true)));
        content |= j == i + 1 && !function_word;
    }
    if i + 1 >= n {
        Subject::Missing
    } else {
        Subject::Unclear
    }
}

/// Looks for a subject in the `k` tokens before the verb at `i`.
pub(super) fn backward(s: &Sent, i: usize, k: usize) -> Found {
    for j in (i.saturating_sub(k)..i).rev() {
        let mark = s.marks[j];
        if mark.kind.is_some_and(|kind| kind != Kind::Other) && !mark.prep {
            return Found::Source(Src::Named(mention_start(s, j)));
        }
        if let Some(end) = vague_at(s, j) {
            return Found::Source(Src::Vague(j, end));
        }
        if s.is_in(j, List::TITLES, false) {
            return Found::Source(Src::Named(j));
        }
    }
    Found::Nothing
}

/// A person or organisation named within three tokens after `end` («خبراء الأمم المتحدة»،
/// «مسؤول في وزارة الخارجية»): the vague noun is then pinned to a name.
fn has_name_after(s: &Sent, end: usize) -> bool {
    s.marks.iter().skip(end + 1).take(3).any(|m| m.first && matches!(m.kind, Some(Kind::Per | Kind::Org)))
}

/// A vague-source noun at `i`, and the last token of its phrase («مصادر مطلعة»، «شهود عيان»).
pub(super) fn vague_at(s: &Sent, i: usize) -> Option<usize> {
    if s.marks[i].kind.is_some() || !s.is_in(i, List::VAGUE, true) {
        return None;
    }
    // «وسائل» is no «و» + «سائل»: the word as written first, when the list has it.
    let word = if cues::VAGUE.contains(s.word(i)) { s.word(i) } else { s.lex[i].bare(s.word(i)) };
    let prev = i.checked_sub(1).map_or("", |p| s.toks[p].norm.as_str());
    let next = s.toks.get(i + 1).map_or("", |t| t.norm.as_str());
    if word == "البعض" && prev.starts_with("بعض") {
        return None;
    }
    if word.ends_with("انبا") && (prev.ends_with("وكاله") || prev.ends_with("وكالات")) {
        return None;
    }
    // «مصادر الطاقة» are no sources; «مصادر مطلعة» and «المصادر» are.
    if word.starts_with("مصادر") && next.starts_with("ال") && !s.has(i + 1, List::SOURCE_ADJ) {
        return None;
    }
    // (Normalised, «وسائل» is «وسايل».)
    if word == "وسايل" && !next.ends_with("اعلام") {
        return None;
    }
    let phrase = s.has(i + 1, List::SOURCE_ADJ) || word == "وسايل";
    let end = if phrase && i + 1 < s.toks.len() { i + 1 } else { i };
    // Anonymous sources stay anonymous inside a named body («مصادر في الكرملين»), and so do
    // officials («مسؤول كبير في وزارة الخارجية الكويتية»); allies, supporters and critics of a body
    // are not that body («حلفاء حزب الأمة»). Other vague nouns are pinned to the name after them.
    const NEVER_PINNED: [&str; 9] = ["مصدر", "مصادر", "مسوول", "مسؤول", "حلفا", "الحلفا", "انصار", "منتقد", "مستشار"];
    if !NEVER_PINNED.iter().any(|w| word.starts_with(w)) && has_name_after(s, end) {
        return None;
    }
    Some(end)
}

/// Whether a vague noun outside any speaker slot is still a source: an observer noun, a
/// qualified «مصادر»، the subject of a speech verb or of an accusation («ووجّه مسؤولون في
/// كوريا الجنوبية اتهامات»). «لم ترد تقارير عن إصابات» reports nothing.
pub(super) fn is_vague_position(s: &Sent, i: usize) -> bool {
    let word = s.base(i);
    let next = s.toks.get(i + 1).map_or("", |t| t.norm.as_str());
    let negated = s.toks[i.saturating_sub(3)..i]
        .iter()
        .any(|t| matches!(t.norm.as_str(), "لم" | "لا" | "دون" | "بدون" | "ولم" | "ولا"));
    if negated {
        return false;
    }
    if s.lex[i].base_in(List::VAGUE_ANYWHERE) || (word == "شهود" && next == "عيان") {
        return true;
    }
    if word.starts_with("مصادر") && s.has(i + 1, List::SOURCE_ADJ) {
        return true;
    }
    let after = &s.lex[i + 1..];
    let speaks = |l: &Lex| l.speech().is_some_and(|(_, initial_only)| !initial_only);
    after.iter().take(3).any(speaks) || after.iter().take(6).any(|l| l.is_in(List::ACCUSATION, true))
}
