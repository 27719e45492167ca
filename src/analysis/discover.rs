//! Finding names that the knowledge base does not know, from their context.
//!
//! Three kinds of context give a name away in Arabic news: a title or role before a person
//! (الرئيس الروسي X، وزيرة الخارجية X، المتحدث باسم الكرملين X), a trigger noun before an
//! organisation or place (وكالة X، صحيفة «X»، وزارة الدفاع الروسية، ميدان X، مدينة X), and a
//! reporting frame (وقال X إن / وقال X:). Names stop at punctuation, function words, frequent
//! words of news text (`data/frequent_words.txt`) and known mentions.

use std::sync::LazyLock;

use super::model::EntityType;
use super::text::has_chars;
use super::tokens::Token;
use rustc_hash::FxHashMap;

use super::wordlist::{word_set, WordSet};

/// A name found from context: tokens `start..end` (the name, with `prefix_chars` proclitic
/// characters on the first token not part of it), of type `ty`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub prefix_chars: usize,
    pub ty: EntityType,
}

/// Words that news text uses all the time and that are never names by themselves.
pub static FREQUENT: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("../../data/frequent_words.txt")));

/// Titles and roles that precede a person's name.
static TITLES: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/titles.txt")));

/// Words that may stand between a title and the name: construct nouns of offices.
static TITLE_COMPLEMENTS: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/title_complements.txt")));

/// Given names so common in the news that they are among its frequent words, yet after a title
/// they start a name (الرئيس محمد …).
static GIVEN_NAMES: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/given_names.txt")));

/// Function words that end a name.
static STOP: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/stop.txt")));

/// Whether a normalised word is a function word of the stop list (في، كان، التي …).
pub fn is_stop_word(w: &str) -> bool {
    STOP.contains(w)
}

/// Trigger nouns before an organisation's proper name (only the name is the mention).
static ORG_HEADS_PROPER: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/org_heads_proper.txt")));

/// Trigger nouns of descriptive organisation names (the whole phrase is the mention).
static ORG_HEADS_DESCRIPTIVE: LazyLock<WordSet> =
    LazyLock::new(|| word_set(include_str!("words/org_heads_descriptive.txt")));

/// Definite institution nouns that, with a nationality adjective, name a body (الرئاسة التركية).
static ORG_HEADS_DEFINITE: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/org_heads_definite.txt")));

/// Trigger nouns before a place: the head is part of the name (ميدان كيم إيل سونغ) …
static LOC_HEADS_WHOLE: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/loc_heads_whole.txt")));

/// … or a generic noun before the name (مدينة فلاديفوستوك).
static LOC_HEADS_PROPER: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/loc_heads_proper.txt")));

/// Speech verbs of reporting frames (قال X إن).
static SPEECH_VERBS: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/speech_verbs.txt")));

/// Words of sports news (the tagger's context for a city standing for its club).
static SPORT: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/sport.txt")));

/// Nouns that name a source without naming it (مراقبون، مصادر، مسؤولون): the attribution rules'
/// vague sources, and never the first word of a person's name.
pub static VAGUE_SOURCES: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/vague_sources.txt")));

/// What follows a name in a reporting frame.
static AFTER_SPEAKER: LazyLock<WordSet> = LazyLock::new(|| word_set(include_str!("words/after_speaker.txt")));

/// Whether a token can be part of a name found from context.
pub fn name_like(t: &Token, first: bool) -> bool {
    let w = t.norm.as_str();
    let n = w.chars().count();
    let bare = strip_wa(w);
    n >= 2
        && !w.chars().any(|c| c.is_ascii_digit())
        && !STOP.contains(w)
        && !TITLES.contains(bare)
        && !SPEECH_VERBS.contains(bare)
        && (!first || !(w.starts_with("ال") || w.starts_with("لل")))
        && !(n >= 4 && ["ها", "هم", "هما"].iter().any(|p| w.ends_with(p)))
        && w.chars().all(|c| ('\u{0621}'..='\u{06FF}').contains(&c))
}

/// A frequent word of news text, also behind a و or ل proclitic (لرئاسة، والإعلامي).
pub fn is_frequent(w: &str) -> bool {
    FREQUENT.contains(w)
        || ["و", "ل"].iter().any(|p| w.strip_prefix(p).is_some_and(|r| has_chars(r, 3) && FREQUENT.contains(r)))
}

/// The imperfect verb pattern يفعل / تفعل (يحذر، يصف), which follows titles as often as names do.
fn looks_like_verb(w: &str) -> bool {
    w.chars().count() <= 4 && (w.starts_with('ي') || w.starts_with('ت'))
}

fn is_nisba(w: &str) -> bool {
    w.starts_with("ال") && (w.ends_with('ي') || w.ends_with("يه") || w.ends_with("ين") || w.ends_with("ون"))
}

/// Scans tokens not yet covered by known names and returns the names their context reveals.
/// `covered[i]` is true where token `i` is already part of a mention.
pub fn discover(tokens: &[Token], covered: &[bool], person: &[bool]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut taken = covered.to_vec();
    let mut i = 0;
    while i < tokens.len() {
        let Some((w, kind)) = trigger(&tokens[i].norm) else {
            i += 1;
            continue;
        };
        let next = i + 1;
        let has = |k: u8| kind & k != 0;
        let hit = if has(TITLE) {
            person_after_title(tokens, &taken, person, next)
        } else if has(SPEECH) {
            speaker_after_verb(tokens, &taken, next)
        } else if has(LOC_WHOLE) && !taken[i] {
            proper_name(tokens, &taken, next, 3).map(|end| Found {
                start: i,
                end,
                prefix_chars: lead(&tokens[i], w),
                ty: EntityType::Loc,
            })
        } else if has(LOC_PROPER) {
            proper_name(tokens, &taken, next, 3).map(|end| Found {
                start: next,
                end,
                prefix_chars: 0,
                ty: EntityType::Loc,
            })
        } else if has(ORG_DESCRIPTIVE) && !taken[i] && descriptive_end(tokens, &taken, next).is_some() {
            descriptive_end(tokens, &taken, next).map(|end| Found {
                start: i,
                end,
                prefix_chars: lead(&tokens[i], w),
                ty: EntityType::Org,
            })
        } else if has(ORG_DEFINITE) && !taken[i] {
            nisba_end(tokens, &taken, next).map(|end| Found {
                start: i,
                end,
                prefix_chars: lead(&tokens[i], w),
                ty: EntityType::Org,
            })
        } else if has(ORG_PROPER) {
            proper_name(tokens, &taken, next, 3).map(|end| Found {
                start: next,
                end,
                prefix_chars: 0,
                ty: EntityType::Org,
            })
        } else {
            None
        };
        match hit {
            Some(f) if f.end > f.start => {
                for t in &mut taken[f.start..f.end] {
                    *t = true;
                }
                i = f.end;
                found.push(f);
            }
            _ => i += 1,
        }
    }
    found
}

/// Characters of a token before the cue word `w` it ends with (a و or ف conjunction).
fn lead(t: &Token, w: &str) -> usize {
    t.norm.chars().count() - w.chars().count()
}

/// Kinds of trigger words, as bits of `TRIGGERS`.
const TITLE: u8 = 1;
const SPEECH: u8 = 2;
const LOC_WHOLE: u8 = 4;
const LOC_PROPER: u8 = 8;
const ORG_DESCRIPTIVE: u8 = 16;
const ORG_PROPER: u8 = 32;
const ORG_DEFINITE: u8 = 64;

/// Every trigger word with its kinds: one lookup per token instead of one per list.
static TRIGGERS: LazyLock<FxHashMap<String, u8>> = LazyLock::new(|| {
    let mut map: FxHashMap<String, u8> = FxHashMap::default();
    for (set, kind) in [
        (&*TITLES, TITLE),
        (&*SPEECH_VERBS, SPEECH),
        (&*LOC_HEADS_WHOLE, LOC_WHOLE),
        (&*LOC_HEADS_PROPER, LOC_PROPER),
        (&*ORG_HEADS_DESCRIPTIVE, ORG_DESCRIPTIVE),
        (&*ORG_HEADS_PROPER, ORG_PROPER),
        (&*ORG_HEADS_DEFINITE, ORG_DEFINITE),
    ] {
        for w in set {
            *map.entry(w.clone()).or_default() |= kind;
        }
    }
    map
});

/// The trigger word a token is, possibly behind a و/ف conjunction: (the word, its kinds).
fn trigger(token: &str) -> Option<(&str, u8)> {
    if let Some(&kind) = TRIGGERS.get(token) {
        return Some((token, kind));
    }
    let rest = token.strip_prefix('و').or_else(|| token.strip_prefix('ف'))?;
    TRIGGERS.get(rest).map(|&kind| (rest, kind))
}

/// The characters of a leading و/ف conjunction on the first word of a name at token `i`: one when
/// the rest is a word of three letters or more, unless the whole word is a given name (وليد، فيصل)
/// or the name follows a title or a speech verb, where no conjunction stands (وقال فارس العنبكي).
pub fn conjunction_len(tokens: &[Token], i: usize) -> usize {
    let word = tokens[i].norm.as_str();
    let Some(rest) = word.strip_prefix('و').or_else(|| word.strip_prefix('ف')) else { return 0 };
    if rest.chars().count() < 3 || GIVEN_NAMES.contains(word) {
        return 0;
    }
    let after_trigger = i > 0 && tokens[i].joins_prev && trigger(&tokens[i - 1].norm).is_some();
    usize::from(!after_trigger)
}

/// Whether token `i`, a one-word place spelled as a feminine nisba («السعودية»), is an adjective
/// here: right after a definite noun that no name covers (الشركة السعودية، العاصمة السعودية
/// الرياض), where the guideline annotates nothing. `named(j)` says whether token `j` is in a name.
pub fn is_adjectival_nisba(tokens: &[Token], i: usize, named: impl Fn(usize) -> bool) -> bool {
    let (t, prev) = (&tokens[i], i.checked_sub(1).map(|j| &tokens[j]));
    let definite = |w: &str| (w.starts_with("ال") || w.starts_with("لل")) && !STOP.contains(w) && w != "الا";
    let definite_noun = prev.is_some_and(|p| definite(&p.norm));
    t.norm.starts_with("ال") && t.norm.ends_with("يه") && t.joins_prev && definite_noun && !named(i - 1)
}

/// Whether a word is a word of sports news (one of `word_cues`'s bits, without the others).
pub fn is_sport_word(w: &str) -> bool {
    SPORT.contains(w)
}

/// What the rules' word lists say of a word (after a و/ف conjunction for the trigger lists), as
/// bits for the tagger's features: the trigger kinds (title, speech verb, place and organisation
/// heads) in the low byte, then stop word, frequent word, given name, nisba, what follows a speaker,
/// a word of sports news.
pub fn word_cues(w: &str) -> u16 {
    let mut bits = trigger(w).map_or(0, |(_, kind)| kind as u16);
    for (set, bit) in [(&*STOP, 8), (&*GIVEN_NAMES, 10), (&*AFTER_SPEAKER, 12), (&*SPORT, 13)] {
        if set.contains(w) {
            bits |= 1 << bit;
        }
    }
    if is_frequent(w) {
        bits |= 1 << 9;
    }
    if is_nisba(w) {
        bits |= 1 << 11;
    }
    bits
}

/// Whether a frequent word can still be the first word of a discovered name: a common given name
/// (الرئيس محمد …) or a trigger noun that descriptive names start with (وزارة الدفاع الروسية).
pub fn may_start_name(word: &str) -> bool {
    GIVEN_NAMES.contains(word) || TRIGGERS.contains_key(word)
}

/// The token without a leading و/ف conjunction when the rest is a cue word.
fn strip_wa(w: &str) -> &str {
    trigger(w).map_or(w, |(rest, _)| rest)
}

/// الرئيس [الروسي|شؤون الدولة|الكوري الشمالي]* NAME
fn person_after_title(tokens: &[Token], taken: &[bool], person: &[bool], mut i: usize) -> Option<Found> {
    let mut skipped = 0;
    while i < tokens.len() && skipped < 5 && tokens[i].joins_prev && !person[i] {
        let w = tokens[i].norm.as_str();
        if taken[i] || w.starts_with("ال") || TITLE_COMPLEMENTS.contains(w) || w.starts_with("لل") {
            i += 1;
            skipped += 1;
        } else {
            break;
        }
    }
    if i >= tokens.len() || taken[i] || !tokens[i].joins_prev || !name_like(&tokens[i], true) {
        return None;
    }
    let first = tokens[i].norm.as_str();
    let given = GIVEN_NAMES.contains(first);
    if is_frequent(first) && !given {
        return None;
    }
    let end = extend_name(tokens, taken, i, 4);
    // A common given name alone (الأمير تركي، الرئيس محمد) is too ambiguous to spread as a name.
    if (given && end - i < 2) || (end - i == 1 && looks_like_verb(first)) {
        return None;
    }
    Some(Found { start: i, end, prefix_chars: 0, ty: EntityType::Per })
}

/// وقال X إن … / وقال X: …
fn speaker_after_verb(tokens: &[Token], taken: &[bool], i: usize) -> Option<Found> {
    let t = tokens.get(i)?;
    if taken[i] || !t.joins_prev || !name_like(t, true) || is_frequent(&t.norm) {
        return None;
    }
    let end = extend_name(tokens, taken, i, 3);
    if tokens[i..end].iter().any(|t| is_frequent(&t.norm)) {
        return None;
    }
    let closed = match tokens.get(end) {
        None => true,
        Some(n) => !n.joins_prev || n.punct_before.contains(':') || AFTER_SPEAKER.contains(n.norm.as_str()),
    };
    closed.then_some(Found { start: i, end, prefix_chars: 0, ty: EntityType::Per })
}

fn extend_name(tokens: &[Token], taken: &[bool], start: usize, max: usize) -> usize {
    // A frequent word (حداد، نصر) still ends a name right before the «إن/أن» of a reporting frame.
    let before_that = |i: usize| tokens.get(i + 1).is_some_and(|t| t.joins_prev && t.norm == "ان");
    let mut end = start + 1;
    while end < tokens.len()
        && end - start < max
        && !taken[end]
        && tokens[end].joins_prev
        && name_like(&tokens[end], false)
        && !is_nisba(&tokens[end].norm)
        && (!is_frequent(&tokens[end].norm) || before_that(end))
    {
        end += 1;
    }
    end
}

/// A proper name (not starting with ال) of at most `max` tokens after a trigger noun, possibly in quotes.
fn proper_name(tokens: &[Token], taken: &[bool], i: usize, max: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    let quoted = t.punct_before.contains('«') || t.punct_before.contains('"') || t.punct_before.contains('“');
    // A feminine nisba adjective is a description, not a name (صحيفة كويتية، وكالة روسية).
    let adjective = t.norm.ends_with("يه") && !quoted;
    if taken[i] || !(t.joins_prev || quoted) || !name_like(t, true) || is_frequent(&t.norm) || adjective {
        return None;
    }
    let mut end = i + 1;
    while end < tokens.len()
        && end - i < max
        && !taken[end]
        && tokens[end].joins_prev
        && name_like(&tokens[end], false)
        && !is_frequent(&tokens[end].norm)
    {
        end += 1;
    }
    Some(end)
}

/// الرئاسة [التركية]، السفارة [الأمريكية]: nationality adjectives after a definite institution noun.
fn nisba_end(tokens: &[Token], taken: &[bool], i: usize) -> Option<usize> {
    let mut end = i;
    while end < tokens.len() && end - i < 2 && !taken[end] && tokens[end].joins_prev && is_nisba(&tokens[end].norm) {
        end += 1;
    }
    (end > i).then_some(end)
}

/// وزارة [الخارجية الكورية الجنوبية]: definite words after an indefinite trigger noun.
fn descriptive_end(tokens: &[Token], taken: &[bool], i: usize) -> Option<usize> {
    let mut end = i;
    while end < tokens.len() && end - i < 4 && !taken[end] && tokens[end].joins_prev {
        let w = tokens[end].norm.as_str();
        if !w.starts_with("ال") || STOP.contains(w) {
            break;
        }
        end += 1;
    }
    (end > i).then_some(end)
}
