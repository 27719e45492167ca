//! What a word standing where a speaker's name would be is: a pronoun or a noun with a pronoun
//! suffix («قولها»، «معلقةً») that is no subject, or, after a title, a name no list knows
//! («المتحدث باسم الحكومة بنيامين غريفو»); and where the slot ends (a colon, a quotation mark,
//! «أن»).

use super::cues::VerbForm;
use super::lookup::List;
use super::Sent;

/// A word after a speech verb that is no subject: a pronoun («وهي»), a noun with a pronoun
/// suffix («قولها»، «حديثه») or an indefinite participle («معلقةً»، «مضيفا»، «موضحة»، «قائلا»).
pub(super) fn is_pronoun_like(s: &Sent, j: usize) -> bool {
    let w = s.base(j);
    if matches!(w, "هو" | "هي" | "هم" | "هما") {
        return true;
    }
    // «وأضاف قائلا في مقابلة: …»، «لافتا إلى أن»: the participle of a speech verb repeats the
    // verb («لافتة» alone is also a banner; normalised, «قائلا» is «قايلا»).
    let to = s.toks.get(j + 1).is_some_and(|t| matches!(t.norm.as_str(), "الي" | "الى"));
    if (w.starts_with("قايل") || to) && s.lex[j].speech().is_some_and(|(form, _)| form == VerbForm::After) {
        return true;
    }
    let n = w.chars().count();
    let suffixed =
        n >= 4 && (w.ends_with("ها") || w.ends_with("هم")) || (n >= 4 && w.ends_with('ه') && w.starts_with("قول"));
    let participle = n >= 4 && w.starts_with('م') && (w.ends_with('ه') || w.ends_with('ا')) && !w.starts_with("مصادر");
    suffixed || participle
}

/// Whether two words after the title at `j` and its complement («باسم الحكومة»، «الخارجية
/// الفرنسية») read as a name no list knows: neither of them definite, a mention, a function word
/// or a cue, and no stop before them.
pub(super) fn names_an_unknown(s: &Sent, j: usize) -> bool {
    let mut k = j + 1;
    if s.toks.get(k).is_some_and(|t| t.norm == "باسم") {
        k += 1;
    }
    while k < s.toks.len() && s.word(k).starts_with("ال") && !is_stop(s, k) {
        k += 1;
    }
    let plain = |k: usize| {
        k < s.toks.len()
            && !is_stop(s, k)
            && s.marks[k].kind.is_none()
            && !s.word(k).starts_with("ال")
            && s.word(k).chars().count() >= 3
            && !s.word(k).chars().any(|c| c.is_ascii_digit())
            && !s.is_in(k, List::PREPOSITIONS, true)
            && !s.is_in(k, List::ADVERBS, true)
            && !s.is_in(k, List::TITLES, true)
            && !s.is_in(k, List::VAGUE, true)
            && s.lex[k].speech().is_none()
    };
    plain(k) && plain(k + 1)
}

/// Whether token `j` ends a speaker's slot: a colon or quotation mark before it, or «أن»/«إن».
pub(super) fn is_stop(s: &Sent, j: usize) -> bool {
    let tok = &s.toks[j];
    tok.punct_before.contains([':', '«', '“', '"']) || s.is_in(j, List::COMPLEMENTIZERS, false)
}
