//! Per-token cue lookups: which cue lists a token belongs to under each proclitic reading,
//! worked out once per token from one combined map instead of once per rule.
//!
//! Every list of `cues` gets a bit; `WORDS` maps each normalised cue word to the bits of the
//! lists it is in. A token's `Lex` holds the bits of the word as written, of its reading without
//! و/ف, and of its readings without ب/ل/لل/بال (or, after لل, with ال restored), so a rule's
//! «is this token in that list» is a mask test. The answers are exactly those of the per-list
//! lookups they replace (`cues::stripped` decides the readings); a test checks them against the
//! original lookups.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::cues::{self, readings, VerbForm};

/// A set of cue lists, one bit each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct List(u32);

impl List {
    pub const CLAUSE_INITIAL_ONLY: List = List(1 << 0);
    pub const CONTINUATION: List = List(1 << 1);
    pub const FRAMES: List = List(1 << 2);
    pub const TITLES: List = List(1 << 3);
    pub const VAGUE: List = List(1 << 4);
    pub const VAGUE_ANYWHERE: List = List(1 << 5);
    pub const SOURCE_ADJ: List = List(1 << 6);
    pub const IMPERSONAL: List = List(1 << 7);
    pub const COMPLEMENTIZERS: List = List(1 << 8);
    pub const ADVERBS: List = List(1 << 9);
    pub const PREPOSITIONS: List = List(1 << 10);
    pub const ACCUSATION: List = List(1 << 11);
    pub const PREDICTION: List = List(1 << 12);
    pub const EVALUATION: List = List(1 << 13);
    pub const CAUSAL: List = List(1 << 14);
    pub const LEAD_TO: List = List(1 << 15);
    pub const QUANTITY: List = List(1 << 16);
    pub const MONTHS: List = List(1 << 17);
    pub const NUMBER_LABELS: List = List(1 << 18);
    /// Words that may open an impersonal phrase: «من» (المعروف)، «تردد» (أن).
    pub const PHRASE_HEADS: List = List(1 << 22);
    /// The titles of the [`TITLES`](cues::TITLES) that name a person, not a body.
    pub const PERSON_TITLES: List = List(1 << 23);
    pub const SMALL_NUMERALS: List = List(1 << 24);
    pub const COUNT_UNITS: List = List(1 << 25);
    pub const STAT_UNITS: List = List(1 << 26);
    pub const TOLL: List = List(1 << 27);
    const SPEECH_PAST: List = List(1 << 19);
    const SPEECH_PRESENT: List = List(1 << 20);
    const SPEECH_AFTER: List = List(1 << 21);
}

/// Every cue list with its bit.
fn all_lists() -> Vec<(List, &'static cues::Words)> {
    vec![
        (List::CLAUSE_INITIAL_ONLY, &*cues::CLAUSE_INITIAL_ONLY),
        (List::CONTINUATION, &*cues::CONTINUATION),
        (List::FRAMES, &*cues::FRAMES),
        (List::TITLES, &*cues::TITLES),
        (List::PERSON_TITLES, &*cues::PERSON_TITLES),
        (List::VAGUE, &*cues::VAGUE),
        (List::VAGUE_ANYWHERE, &*cues::VAGUE_ANYWHERE),
        (List::SOURCE_ADJ, &*cues::SOURCE_ADJ),
        (List::IMPERSONAL, &*cues::IMPERSONAL),
        (List::COMPLEMENTIZERS, &*cues::COMPLEMENTIZERS),
        (List::ADVERBS, &*cues::ADVERBS),
        (List::PREPOSITIONS, &*cues::PREPOSITIONS),
        (List::ACCUSATION, &*cues::ACCUSATION),
        (List::PREDICTION, &*cues::PREDICTION),
        (List::EVALUATION, &*cues::EVALUATION),
        (List::CAUSAL, &*cues::CAUSAL),
        (List::LEAD_TO, &*cues::LEAD_TO),
        (List::QUANTITY, &*cues::QUANTITY),
        (List::MONTHS, &*cues::MONTHS),
        (List::NUMBER_LABELS, &*cues::NUMBER_LABELS),
        (List::SMALL_NUMERALS, &*cues::SMALL_NUMERALS),
        (List::COUNT_UNITS, &*cues::COUNT_UNITS),
        (List::STAT_UNITS, &*cues::STAT_UNITS),
        (List::TOLL, &*cues::TOLL),
    ]
}

/// Every cue word and the lists it belongs to.
static WORDS: LazyLock<FxHashMap<String, u32>> = LazyLock::new(|| {
    let lists = all_lists();
    let mut map = FxHashMap::default();
    for (list, words) in lists {
        for w in words {
            *map.entry(w.clone()).or_default() |= list.0;
        }
    }
    for w in ["من", "تردد", "ترددت"] {
        *map.entry(w.to_string()).or_default() |= List::PHRASE_HEADS.0;
    }
    for (w, form) in cues::SPEECH.iter() {
        let list = match form {
            VerbForm::Past => List::SPEECH_PAST,
            VerbForm::Present => List::SPEECH_PRESENT,
            VerbForm::After => List::SPEECH_AFTER,
        };
        *map.entry(w.clone()).or_default() |= list.0;
    }
    map
});

/// The lists holding exactly `w`.
fn lists_of(w: &str) -> u32 {
    WORDS.get(w).copied().unwrap_or(0)
}

/// Whether `w` as written is a reporting cue: a speech verb, a frame, a continuation or an
/// impersonal phrase word.
pub(super) fn is_cue_word(w: &str) -> bool {
    let cues = List::SPEECH_PAST.0
        | List::SPEECH_PRESENT.0
        | List::SPEECH_AFTER.0
        | List::FRAMES.0
        | List::CONTINUATION.0
        | List::IMPERSONAL.0;
    lists_of(w) & cues != 0
}

/// The speech-verb form among `bits`, if any.
fn form_of(bits: u32) -> Option<VerbForm> {
    if bits & List::SPEECH_PAST.0 != 0 {
        Some(VerbForm::Past)
    } else if bits & List::SPEECH_PRESENT.0 != 0 {
        Some(VerbForm::Present)
    } else if bits & List::SPEECH_AFTER.0 != 0 {
        Some(VerbForm::After)
    } else {
        None
    }
}

/// What the cue lists say about one token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Lex {
    /// Lists holding the word, or the word without و/ف.
    plain: u32,
    /// Lists holding the word without و/ف (the word itself when it has no such reading).
    base: u32,
    /// Lists holding any reading, prepositions ب/ل/لل/بال stripped included.
    preps: u32,
    /// Byte offset of the reading without و/ف (0 when there is none).
    base_off: u8,
    /// Byte offset of the last reading with prepositions stripped.
    bare_off: u8,
    /// A reading begins with «كان».
    kana: bool,
    /// The speech-verb reading (`cues::speech_verb`) and whether that reading is a verb only at
    /// the head of its clause.
    speech: Option<(VerbForm, bool)>,
}

impl Lex {
    /// The lookups of `word`; `scratch` is a buffer for «للقرار» → «القرار».
    pub(super) fn of(word: &str, scratch: &mut String) -> Lex {
        let (conj, prep) = readings(word, true);
        let word_bits = lists_of(word);
        let base_bits = conj.map_or(word_bits, lists_of);
        let mut preps = word_bits | base_bits | prep.map_or(0, lists_of);
        // «للقرار» is ل + «القرار».
        if let Some(rest) = word.strip_prefix("لل").or_else(|| conj.and_then(|c| c.strip_prefix("لل"))) {
            scratch.clear();
            scratch.push_str("ال");
            scratch.push_str(rest);
            preps |= lists_of(scratch);
        }
        let base_off = conj.map_or(0, |c| word.len() - c.len());
        let bare_off = prep.or(conj).map_or(0, |b| word.len() - b.len());
        let kana = word.starts_with("كان") || conj.is_some_and(|c| c.starts_with("كان"));
        let mut speech = speech_of(word, word_bits);
        if speech.is_none() {
            speech = conj.and_then(|c| speech_of(c, base_bits));
        }
        Lex {
            plain: word_bits | base_bits,
            base: base_bits,
            preps,
            base_off: base_off as u8,
            bare_off: bare_off as u8,
            kana,
            speech,
        }
    }

    /// Whether the token, allowing و/ف (and ب/ل, ال when `preps`), is in `list`: `cues::is_in`.
    pub(super) fn is_in(&self, list: List, preps: bool) -> bool {
        (if preps { self.preps } else { self.plain }) & list.0 != 0
    }

    /// Whether the token without و/ف is itself in `list`.
    pub(super) fn base_in(&self, list: List) -> bool {
        self.base & list.0 != 0
    }

    /// The token's `word` without و/ف: `cues::stripped(word, false).last()`.
    pub(super) fn base<'a>(&self, word: &'a str) -> &'a str {
        word.get(self.base_off as usize..).unwrap_or(word)
    }

    /// The token's `word` without و/ف and ب/ل/لل/بال: `cues::stripped(word, true).last()`.
    pub(super) fn bare<'a>(&self, word: &'a str) -> &'a str {
        word.get(self.bare_off as usize..).unwrap_or(word)
    }

    /// Whether the word or its reading without و/ف starts with «كان».
    pub(super) fn kana(&self) -> bool {
        self.kana
    }

    /// The speech-verb form of the token and whether it is a verb only at the head of a clause.
    pub(super) fn speech(&self) -> Option<(VerbForm, bool)> {
        self.speech
    }
}

/// The speech-verb reading of one form `w` whose lists are `bits`, allowing an object pronoun
/// after a feminine perfect («وصفته» = وصفت + ه).
fn speech_of(w: &str, bits: u32) -> Option<(VerbForm, bool)> {
    let initial_only = |bits: u32| bits & List::CLAUSE_INITIAL_ONLY.0 != 0;
    if let Some(form) = form_of(bits) {
        return Some((form, initial_only(bits)));
    }
    if !w.ends_with(['ه', 'ا', 'م']) {
        return None;
    }
    for pron in ["ه", "ها", "هم"] {
        if let Some(stem) = w.strip_suffix(pron).filter(|s| s.ends_with('ت')) {
            let stem_bits = lists_of(stem);
            if stem_bits & List::SPEECH_PAST.0 != 0 {
                return Some((VerbForm::Past, initial_only(stem_bits)));
            }
        }
    }
    None
}

/// Whether `word`, allowing و/ف, is in `list` (for a single word outside the per-token table).
pub(super) fn word_is_in(word: &str, list: List) -> bool {
    let (conj, _) = readings(word, false);
    lists_of(word) & list.0 != 0 || conj.is_some_and(|c| lists_of(c) & list.0 != 0)
}

#[cfg(test)]
mod tests {
    use super::super::super::normalize::normalize_str;
    use super::super::cues::{is_in, speech_verb, stripped, Words};
    use super::*;

    fn lists() -> Vec<(List, &'static Words)> {
        all_lists()
    }

    /// Every cue word with and without proclitics and object pronouns, plus a few odd words.
    fn vocabulary() -> Vec<String> {
        let mut stems: Vec<String> = lists().iter().flat_map(|(_, w)| w.iter().cloned()).collect();
        stems.extend(cues::SPEECH.keys().cloned());
        stems.extend(
            ["", "و", "ل", "لل", "ال", "بال", "كان", "وكان", "فكانت", "سيارة", "من", "تردد"].map(normalize_str),
        );
        let mut words = Vec::new();
        for stem in &stems {
            let bare = stem.strip_prefix("ال");
            for pre in ["", "و", "ف", "ب", "ل", "لل", "بال", "وب", "ول", "ولل", "وبال", "فلل", "ك", "وال"]
            {
                for suf in ["", "ه", "ها", "هم", "ته", "تها"] {
                    words.push(format!("{pre}{stem}{suf}"));
                    if let Some(b) = bare {
                        words.push(format!("{pre}{b}{suf}"));
                    }
                }
            }
        }
        words
    }

    #[test]
    fn lex_agrees_with_the_per_list_lookups() {
        let mut scratch = String::new();
        for word in vocabulary() {
            let lex = Lex::of(&word, &mut scratch);
            for (list, words) in lists() {
                for preps in [false, true] {
                    assert_eq!(lex.is_in(list, preps), is_in(words, &word, preps), "{word} {list:?} {preps}");
                }
                let base = stripped(&word, false).last().unwrap();
                assert_eq!(lex.base_in(list), words.contains(base), "{word} {list:?}");
                assert_eq!(word_is_in(&word, list), is_in(words, &word, false), "{word} {list:?}");
            }
            let base = stripped(&word, false).last().unwrap();
            assert_eq!(lex.base_in(List::PHRASE_HEADS), matches!(base, "من" | "تردد" | "ترددت"), "{word}");
            assert_eq!(lex.base(&word), base, "{word}");
            assert_eq!(lex.bare(&word), stripped(&word, true).last().unwrap(), "{word}");
            assert_eq!(lex.kana(), stripped(&word, false).any(|w| w.starts_with("كان")), "{word}");
            let expected = speech_verb(&word).map(|(form, base)| (form, cues::CLAUSE_INITIAL_ONLY.contains(base)));
            assert_eq!(lex.speech(), expected, "{word}");
        }
    }
}
