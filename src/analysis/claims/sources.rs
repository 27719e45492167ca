//! Who a sentence is attributed to: a named source, a vague one, or nobody (claims.md §2 A, B).
//!
//! A speech verb («قال»، «أكدت»)، a reporting frame («بحسب»، «وفقا لـ») or an accusation verb
//! looks for its source next to it: first forward (Arabic news is mostly verb–subject), then a
//! few tokens back. A person, organisation or place mention (a place only when no preposition
//! governs it) or a title («الرئيس»، «الوزارة») is a named source; a vague noun («مراقبون»،
//! «مصادر مطلعة») is a vague one. A past-tense verb that runs straight into «أن»، «:» or a quote
//! has a pronoun subject and continues the previous sentence's source.

use super::claim_cues::is_comparative;
use super::cues::VerbForm;
use super::lookup::List;
use super::{Kind, Sent};

/// The attribution of a sentence. `Vague` keeps the byte range of its cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Attr {
    None,
    Named,
    Vague(u32, u32),
}

/// What one cue found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    Nothing,
    Named,
    /// A vague source spanning these tokens (inclusive).
    Vague(usize, usize),
    /// A speech verb with no subject of its own.
    Pronoun,
}

/// How many tokens after a speech verb its subject may start: «قال المتحدث باسم وزارة الخارجية الروسية ماريا زاخاروفا».
const FORWARD: usize = 8;
/// How many tokens before a speech verb its subject may end: «الزعيم كيم جونغ أون قال».
const BACKWARD: usize = 3;

/// The attribution of sentence `s`, given the attribution of the sentence before it.
pub(super) fn attribution(s: &Sent, prev: Attr) -> Attr {
    let mut named = false;
    let mut pronoun = false;
    let mut vague = None;
    for i in 0..s.toks.len() {
        match found_at(s, i) {
            Found::Named => named = true,
            Found::Pronoun => pronoun = true,
            Found::Vague(a, b) => {
                vague.get_or_insert((a, b));
            }
            Found::Nothing => {}
        }
    }
    let continues = s.has(0, List::CONTINUATION);
    let inherited = if pronoun || continues {
        match prev {
            Attr::Vague(..) => Some(prev),
            _ => Some(Attr::Named),
        }
    } else if s.opens_quote && prev == Attr::Named {
        Some(Attr::Named)
    } else {
        None
    };
    if named || inherited == Some(Attr::Named) {
        Attr::Named
    } else if let Some((a, b)) = vague {
        Attr::Vague(s.toks[a].start, s.toks[b].end)
    } else {
        inherited.unwrap_or(Attr::None)
    }
}

fn found_at(s: &Sent, i: usize) -> Found {
    if (s.is_in(i, List::IMPERSONAL, false) && is_clause_initial(s, i)) || is_impersonal_phrase(s, i) {
        return match speaker(s, i, VerbForm::Present) {
            Found::Named => Found::Named,
            _ => Found::Vague(i, if is_impersonal_phrase(s, i) { i + 1 } else { i }),
        };
    }
    if let Some((form, initial_only)) = s.lex[i].speech() {
        if initial_only && !is_clause_initial(s, i) {
            return Found::Nothing;
        }
        return speaker(s, i, form);
    }
    if is_frame(s, i) {
        return frame_source(s, i);
    }
    match vague_at(s, i) {
        Some(end) if is_vague_position(s, i) => Found::Vague(i, end),
        _ => Found::Nothing,
    }
}

/// «من المعروف أن»، «من المتوقع أن»، «تردد أن».
fn is_impersonal_phrase(s: &Sent, i: usize) -> bool {
    if !s.lex[i].base_in(List::PHRASE_HEADS) {
        return false;
    }
    match s.base(i) {
        "من" => {
            let next = s.toks.get(i + 1).map_or("", |t| t.norm.as_str());
            // «أقوى من المتوقع» compares; it reports nothing.
            matches!(next, "المعروف" | "المتوقع") && !(i > 0 && is_comparative(s, i - 1))
        }
        "تردد" | "ترددت" => s.has(i + 1, List::COMPLEMENTIZERS),
        _ => false,
    }
}

fn is_clause_initial(s: &Sent, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return true;
    };
    matches!(s.base(prev), "قد" | "كما" | "ثم" | "لقد" | "فيما" | "بينما" | "حيث" | "اذ" | "ما" | "مما" | "كان" | "لكن")
}

fn is_frame(s: &Sent, i: usize) -> bool {
    if s.word(i) == "لسان" || s.base(i) == "لسان" {
        return i > 0 && s.toks[i - 1].norm == "علي";
    }
    s.is_in(i, List::FRAMES, false)
}

/// The source after a frame: an organisation anywhere later in the sentence («بحسب ما نقلت
/// عنه وكالات أنباء روسية» is left to the verb), else the first source in a short window.
fn frame_source(s: &Sent, i: usize) -> Found {
    if s.toks.get(i + 1).is_some_and(|t| matches!(t.norm.as_str(), "ما" | "لما")) {
        return Found::Nothing;
    }
    if s.last_org_start.is_some_and(|j| j > i) {
        return Found::Named;
    }
    for j in i + 1..s.toks.len().min(i + 1 + FORWARD) {
        if s.marks[j].kind.is_some() {
            return Found::Named;
        }
        if let Some(end) = vague_at(s, j) {
            return Found::Vague(j, end);
        }
        if s.is_in(j, List::TITLES, true) {
            return Found::Named;
        }
    }
    Found::Nothing
}

/// The source of the speech verb at `i`.
fn speaker(s: &Sent, i: usize, form: VerbForm) -> Found {
    if form == VerbForm::After {
        // «قائلا:»، «مضيفا أن»: without a quote or «أن» after it, «مضيفه» is "his host".
        if !(i + 1..s.toks.len().min(i + 4)).any(|j| is_stop(s, j)) {
            return Found::Nothing;
        }
        return match backward(s, i, i) {
            Found::Nothing => Found::Pronoun,
            found => found,
        };
    }
    match forward(s, i) {
        Subject::Found(found) => found,
        Subject::Unknown => Found::Named,
        Subject::Missing => match backward(s, i, BACKWARD) {
            Found::Nothing if form == VerbForm::Past => Found::Pronoun,
            found => found,
        },
        Subject::Unclear => backward(s, i, BACKWARD),
    }
}

/// What stands in the subject slot after a speech verb.
enum Subject {
    /// A named or vague source.
    Found(Found),
    /// A noun the lists do not know, then «أن»: «وقال منظمون إن» (most often a name the
    /// recogniser missed).
    Unknown,
    /// Nothing but prepositions and adverbs before «أن»، «:» or a quote: «وقال في بيان إن».
    Missing,
    /// No end of the subject slot in sight: the verb may be a noun («نقل الأسلحة»).
    Unclear,
}

fn is_stop(s: &Sent, j: usize) -> bool {
    let tok = &s.toks[j];
    tok.punct_before.contains([':', '«', '“', '"']) || s.is_in(j, List::COMPLEMENTIZERS, false)
}

/// Looks for the subject after the verb at `i`.
fn forward(s: &Sent, i: usize) -> Subject {
    let n = s.toks.len();
    let mut content = false;
    for j in i + 1..n.min(i + 1 + FORWARD) {
        let tok = &s.toks[j];
        if is_stop(s, j) {
            return if content { Subject::Unknown } else { Subject::Missing };
        }
        let mark = s.marks[j];
        if mark.first {
            match mark.kind {
                Some(Kind::Per | Kind::Org | Kind::Loc) if !mark.prep => return Subject::Found(Found::Named),
                _ => {}
            }
        }
        if let Some(end) = vague_at(s, j) {
            return Subject::Found(Found::Vague(j, end));
        }
        if mark.kind.is_none() && s.is_in(j, List::TITLES, false) {
            return Subject::Found(Found::Named);
        }
        let function_word = mark.kind.is_some()
            || s.is_in(j, List::PREPOSITIONS, false)
            || s.is_in(j, List::ADVERBS, false)
            || tok.norm.starts_with("لل")
            || tok.norm.starts_with("بال")
            || (tok.norm.starts_with(['ل', 'ب']) && s.is_in(j, List::TITLES, true));
        content |= j == i + 1 && !function_word;
    }
    if i + 1 >= n {
        Subject::Missing
    } else {
        Subject::Unclear
    }
}

/// Looks for a subject in the `k` tokens before the verb at `i`.
fn backward(s: &Sent, i: usize, k: usize) -> Found {
    for j in (i.saturating_sub(k)..i).rev() {
        let mark = s.marks[j];
        if mark.kind.is_some_and(|kind| kind != Kind::Other) && !mark.prep {
            return Found::Named;
        }
        if let Some(end) = vague_at(s, j) {
            return Found::Vague(j, end);
        }
        if s.is_in(j, List::TITLES, false) {
            return Found::Named;
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
fn vague_at(s: &Sent, i: usize) -> Option<usize> {
    if s.marks[i].kind.is_some() || !s.is_in(i, List::VAGUE, true) {
        return None;
    }
    let word = s.lex[i].bare(s.word(i));
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
    if word == "وسائل" && !next.ends_with("اعلام") {
        return None;
    }
    let phrase = s.has(i + 1, List::SOURCE_ADJ) || (word == "وسائل");
    let end = if phrase && i + 1 < s.toks.len() { i + 1 } else { i };
    // Anonymous sources stay anonymous inside a named body («مصادر في الكرملين»).
    if !word.starts_with("مصدر") && !word.starts_with("مصادر") && has_name_after(s, end) {
        return None;
    }
    Some(end)
}

/// Whether a vague noun outside any speaker slot is still a source: an observer noun, a
/// qualified «مصادر»، the subject of a speech verb or of an accusation («ووجّه مسؤولون في
/// كوريا الجنوبية اتهامات»). «لم ترد تقارير عن إصابات» reports nothing.
fn is_vague_position(s: &Sent, i: usize) -> bool {
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
    let speaks = |l: &super::Lex| l.speech().is_some_and(|(_, initial_only)| !initial_only);
    after.iter().take(3).any(speaks) || after.iter().take(6).any(|l| l.is_in(List::ACCUSATION, true))
}
