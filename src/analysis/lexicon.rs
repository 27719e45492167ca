//! Spellings of names as token sequences, and the proclitic splits that find them in running text.
//!
//! A `Lexicon` is a trie over normalised tokens, so that recognition costs one hash lookup per
//! token and word of a name. Proclitics (و ف ب ل ك and
//! their chains, لل = ل + ال) are split off a token only when the remainder starts a known spelling:
//! names that begin with those letters (بوتين، فلاديفوستوك، لافروف) are looked up whole first.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::model::{EntityType, NameRef};
use super::normalize::{is_word_char, normalize_str};
use super::text::has_chars;
use super::tokens::Token;

/// One spelling of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spelling {
    /// Normalised tokens, the first being the lookup key.
    pub tokens: Vec<String>,
    pub target: NameRef,
    pub ty: EntityType,
}

#[derive(Clone, Debug)]
pub struct Lexicon {
    /// A trie over normalised tokens; node 0 is the root.
    nodes: Vec<Node>,
    spellings: Vec<Spelling>,
    /// The root's words, as a bit filter: most tokens start no name, and one bit answers them
    /// without a probe of the root's table (hundreds of thousands of words for the knowledge base).
    first_words: WordFilter,
}

/// A set of words that may answer "maybe" for a word not in it, never "no" for one in it: one bit
/// per hash, at most an eighth of the bits set (it doubles as words come).
#[derive(Clone, Debug, Default)]
struct WordFilter {
    bits: Vec<u64>,
    /// log2 of the number of bits.
    log_bits: u32,
}

impl WordFilter {
    fn hash(word: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        word.hash(&mut h);
        h.finish()
    }

    fn slot(&self, word: &str) -> (usize, u64) {
        let bit = Self::hash(word) >> (64 - self.log_bits);
        ((bit / 64) as usize, 1 << (bit % 64))
    }

    fn may_contain(&self, word: &str) -> bool {
        if self.bits.is_empty() {
            return false;
        }
        let (i, m) = self.slot(word);
        self.bits[i] & m != 0
    }

    /// Rebuilt over `words` (all of the set) when `count` of them would fill it past an eighth.
    fn insert<'a>(&mut self, word: &str, count: usize, words: impl Iterator<Item = &'a str>) {
        if self.bits.is_empty() || count * 8 > 1 << self.log_bits {
            self.log_bits = (count * 16).next_power_of_two().trailing_zeros().max(12);
            self.bits = vec![0; 1 << (self.log_bits - 6)];
            for w in words {
                let (i, m) = self.slot(w);
                self.bits[i] |= m;
            }
        }
        let (i, m) = self.slot(word);
        self.bits[i] |= m;
    }
}

#[derive(Clone, Debug, Default)]
struct Node {
    children: FxHashMap<Box<str>, u32>,
    /// Spellings that end here (several when entities share a spelling).
    spellings: Vec<u32>,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon { nodes: vec![Node::default()], spellings: Vec::new(), first_words: WordFilter::default() }
    }
}

/// A spelling found at a token position.
#[derive(Clone, Copy, Debug)]
pub struct Hit<'a> {
    pub spelling: &'a Spelling,
    /// Characters of the first token that are proclitics, not part of the name.
    pub prefix_chars: usize,
    /// Number of tokens the name covers.
    pub len: usize,
    pub node: u32,
}

impl Lexicon {
    /// Adds a spelling given as raw text; spellings too short to be safe names are ignored.
    pub fn add(&mut self, spelling: &str, target: NameRef, ty: EntityType) {
        let tokens = name_tokens(spelling);
        if tokens.is_empty() || (tokens.len() == 1 && tokens[0].chars().count() < 3) {
            return;
        }
        self.add_tokens(tokens, target, ty);
    }

    pub fn add_tokens(&mut self, tokens: Vec<String>, target: NameRef, ty: EntityType) {
        let mut node = 0u32;
        for t in &tokens {
            node = match self.nodes[node as usize].children.get(t.as_str()) {
                Some(&child) => child,
                None => {
                    let child = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    self.nodes[node as usize].children.insert(t.as_str().into(), child);
                    if node == 0 {
                        let root = &self.nodes[0].children;
                        self.first_words.insert(t, root.len(), root.keys().map(|k| k.as_ref()));
                    }
                    child
                }
            };
        }
        let spellings = &self.spellings;
        if self.nodes[node as usize].spellings.iter().any(|&s| spellings[s as usize].target == target) {
            return;
        }
        self.nodes[node as usize].spellings.push(self.spellings.len() as u32);
        self.spellings.push(Spelling { tokens, target, ty });
    }

    /// The spellings of exactly these normalised tokens.
    pub fn spellings_of(&self, tokens: &[String]) -> impl Iterator<Item = &Spelling> {
        let mut node = Some(0u32);
        for t in tokens {
            node = node.and_then(|n| self.nodes[n as usize].children.get(t.as_str()).copied());
        }
        let ids = node.map_or(&[][..], |n| self.nodes[n as usize].spellings.as_slice());
        ids.iter().map(|&s| &self.spellings[s as usize])
    }

    pub fn is_empty(&self) -> bool {
        self.spellings.is_empty()
    }

    /// Whether a normalised single token is (the start of) a known spelling.
    pub fn has_head(&self, token: &str) -> bool {
        self.first_words.may_contain(token) && self.nodes[0].children.contains_key(token)
    }

    /// Other spellings with the same words as a hit (الشرق الأوسط: a region and a newspaper).
    pub fn alternatives<'a>(&'a self, hit: &Hit<'a>) -> impl Iterator<Item = &'a Spelling> {
        self.nodes[hit.node as usize].spellings.iter().map(|&s| &self.spellings[s as usize])
    }

    /// The longest spelling that starts at token `i`, trying the whole token before proclitic splits.
    pub fn longest_at<'a>(&'a self, tokens: &[Token], i: usize) -> Option<Hit<'a>> {
        if self.spellings.is_empty() {
            return None;
        }
        let mut best: Option<Hit<'a>> = None;
        for (prefix_chars, head) in clitic_splits(&tokens[i].norm) {
            if !self.first_words.may_contain(&head) {
                continue;
            }
            let Some(&first) = self.nodes[0].children.get(head.as_ref()) else {
                continue;
            };
            let mut node = first;
            let mut len = 1;
            loop {
                let n = &self.nodes[node as usize];
                if let Some(&s) = n.spellings.first() {
                    if best.is_none_or(|b| b.len < len) {
                        best = Some(Hit { spelling: &self.spellings[s as usize], prefix_chars, len, node });
                    }
                }
                let Some(next) = tokens.get(i + len).filter(|t| t.joins_prev) else { break };
                match n.children.get(next.norm.as_str()) {
                    Some(&child) => {
                        node = child;
                        len += 1;
                    }
                    None => break,
                }
            }
        }
        best
    }
}

/// Normalised word tokens of a spelling.
pub fn name_tokens(spelling: &str) -> Vec<String> {
    normalize_str(spelling).split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).map(String::from).collect()
}

/// Words that are never read as proclitic + name.
const NEVER_SPLIT: [&str; 4] = ["بحماس", "وصور", "بصور", "لصور"];

/// The ways to read a token as proclitics + name: the whole token first, then each split whose
/// remainder has at least two letters (لل + X as ل + الX first, then two-letter chains such as وب,
/// then single proclitics). Yields (proclitic characters, remainder).
pub fn clitic_splits(token: &str) -> impl Iterator<Item = (usize, Cow<'_, str>)> {
    let mut splits: [Option<(usize, Cow<'_, str>)>; 4] = [Some((0, Cow::Borrowed(token))), None, None, None];
    let mut chars = token.chars();
    let (c0, c1, c2) = (chars.next(), chars.next(), chars.next());
    let proclitic = |c: Option<char>| matches!(c, Some('و' | 'ف' | 'ب' | 'ل' | 'ك'));
    if proclitic(c0) && !NEVER_SPLIT.contains(&token) {
        let conj = matches!(c0, Some('و' | 'ف'));
        // Byte length of the first one or two letters (all two-byte Arabic letters).
        let rest_after = |n: usize| &token[2 * n..];
        let long_enough = |n: usize| has_chars(rest_after(n), 2);
        let lil = if c0 == Some('ل') && c1 == Some('ل') {
            Some(1)
        } else if conj && c1 == Some('ل') && c2 == Some('ل') {
            Some(2)
        } else {
            None
        };
        if let Some(n) = lil.filter(|&n| long_enough(n + 1)) {
            splits[1] = Some((n, Cow::Owned(format!("ال{}", rest_after(n + 1)))));
        }
        if conj && matches!(c1, Some('ب' | 'ل' | 'ك')) && long_enough(2) {
            splits[2] = Some((2, Cow::Borrowed(rest_after(2))));
        }
        if long_enough(1) {
            splits[3] = Some((1, Cow::Borrowed(rest_after(1))));
        }
    }
    splits.into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::normalize::NormText;
    use crate::analysis::tokens::tokenize;

    #[test]
    fn the_first_word_filter_never_forgets_a_word_as_it_grows() {
        let mut lex = Lexicon::default();
        let words: Vec<String> = (0..5000).map(|i| format!("اسم{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            lex.add(w, NameRef::Kb(i as u32), EntityType::Per);
        }
        assert!(words.iter().all(|w| lex.has_head(w)));
        let strangers = (0..5000).filter(|i| lex.first_words.may_contain(&format!("غريب{i}"))).count();
        assert!(strangers < 5000 / 8, "{strangers} of 5000 words not in the set pass the filter");
        assert!(!lex.has_head("غريب1"));
    }

    fn lexicon() -> Lexicon {
        let mut lex = Lexicon::default();
        for (i, s) in ["بوتين", "بيونغ يانغ", "روسيا", "الكرملين", "لافروف", "أ.ف.ب"].iter().enumerate()
        {
            lex.add(s, NameRef::Kb(i as u32), EntityType::Loc);
        }
        lex
    }

    fn found(text: &str) -> Vec<String> {
        let lex = lexicon();
        let tokens = tokenize(&NormText::new(text));
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match lex.longest_at(&tokens, i) {
                Some(hit) => {
                    out.push(format!("{}+{}", hit.prefix_chars, hit.spelling.tokens.join(" ")));
                    i += hit.len;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn splits_proclitics_only_before_known_names() {
        assert_eq!(found("لبوتين وبيونغ يانغ بروسيا للكرملين"), ["1+بوتين", "1+بيونغ يانغ", "1+روسيا", "1+الكرملين"]);
        assert_eq!(found("بوتين لافروف ولافروف"), ["0+بوتين", "0+لافروف", "1+لافروف"]);
        assert_eq!(found("(أ.ف.ب) أ ف ب"), ["0+ا ف ب", "0+ا ف ب"]);
    }

    #[test]
    fn names_do_not_span_punctuation() {
        assert_eq!(found("بيونغ، يانغ"), Vec::<String>::new());
    }
}
