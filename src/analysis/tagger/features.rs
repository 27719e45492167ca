//! The tagger's features of each token, as 64-bit hashes of (template, value).
//!
//! A template is one kind of evidence at one position relative to the token: the word itself at
//! −2…+2, its proclitic splits, affixes, shape, length, the punctuation before and after it, the
//! rules' word lists (titles, speech verbs, trigger nouns, stop and frequent words, given names,
//! nisbas), the rule system's own proposal (a knowledge-base spelling, a name found from context,
//! a partial name, with its BIO position), word bigrams, and a word cluster. The hash is this
//! module's own and fixed: it is part of the model format ([`FEATURE_VERSION`]), so a model trained
//! once tags the same way whatever the toolchain.

use std::borrow::Cow;

use crate::analysis::discover::word_cues;
use crate::analysis::lexicon::clitic_splits;
use crate::analysis::tokens::Token;

/// The version of the feature templates and hash; a model records the one it was trained with.
pub const FEATURE_VERSION: u32 = 1;

/// What the rule system proposes for a token: its label and how it was found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    /// A label index (`tagger::LABELS`), 0 for none.
    pub label: u8,
    /// 0 none, 1 knowledge-base spelling, 2 found from context (or spread), 3 partial name.
    pub origin: u8,
}

/// Word clusters learned from unlabelled text: normalised word → cluster id.
pub type Clusters = rustc_hash::FxHashMap<String, u32>;

/// A stable 64-bit hash (FNV-1a over the bytes, then a final mix).
#[derive(Clone, Copy)]
struct Hash(u64);

impl Hash {
    fn new(template: u8) -> Hash {
        Hash(0xcbf2_9ce4_8422_2325 ^ (template as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
    fn bytes(mut self, b: &[u8]) -> Hash {
        for &x in b {
            self.0 ^= x as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
        self
    }
    fn str(self, s: &str) -> Hash {
        self.bytes(s.as_bytes())
    }
    fn num(self, n: u64) -> Hash {
        self.bytes(&n.to_le_bytes())
    }
    fn finish(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// The per-token facts the templates read, computed once per token.
struct Facts<'a> {
    word: &'a str,
    /// The proclitic readings' remainders (not the whole word).
    rests: Vec<Cow<'a, str>>,
    /// The remainder most likely to be the base word: the shortest split, else the word.
    base: Cow<'a, str>,
    shape: &'static str,
    cues: u16,
    cluster: Option<u32>,
    base_cluster: Option<u32>,
}

fn shape(w: &str) -> &'static str {
    let (mut arabic, mut latin, mut digit, mut upper) = (false, false, false, false);
    for c in w.chars() {
        if c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) {
            digit = true;
        } else if c.is_ascii_alphabetic() {
            latin = true;
            upper |= c.is_ascii_uppercase();
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic = true;
        }
    }
    match (arabic, latin, digit) {
        (true, false, false) => "A",
        (false, true, false) if upper => "Lu",
        (false, true, false) => "L",
        (false, false, true) => "D",
        (true, _, true) => "AD",
        (false, true, true) => "LD",
        (true, true, false) => "AL",
        _ => "X",
    }
}

fn facts<'a>(t: &'a Token, clusters: Option<&Clusters>) -> Facts<'a> {
    let word = t.norm.as_str();
    let rests: Vec<Cow<'a, str>> = clitic_splits(word).skip(1).map(|(_, r)| r).collect();
    let base = rests.iter().min_by_key(|r| r.len()).cloned().unwrap_or(Cow::Borrowed(word));
    let cluster = clusters.and_then(|c| c.get(word).copied());
    let base_cluster = clusters.and_then(|c| c.get(base.as_ref()).copied());
    Facts { word, rests, base, shape: shape(word), cues: word_cues(word), cluster, base_cluster }
}

/// The characters of `s` from the start (`n > 0`) or the end (`n < 0`).
fn affix(s: &str, n: isize) -> &str {
    let count = s.chars().count();
    let k = n.unsigned_abs();
    if count <= k {
        return s;
    }
    if n > 0 {
        let end = s.char_indices().nth(k).map_or(s.len(), |(i, _)| i);
        &s[..end]
    } else {
        let start = s.char_indices().nth(count - k).map_or(0, |(i, _)| i);
        &s[start..]
    }
}

/// The features of every token of a sequence: `out[i]` for token `i`. `proposals[i]` is the rule
/// system's proposal for token `i`.
pub fn sequence_features(tokens: &[Token], proposals: &[Proposal], clusters: Option<&Clusters>) -> Vec<Vec<u64>> {
    let facts: Vec<Facts> = tokens.iter().map(|t| facts(t, clusters)).collect();
    let n = tokens.len();
    let at = |i: isize| -> Option<&Facts> { (i >= 0 && (i as usize) < n).then(|| &facts[i as usize]) };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut f: Vec<u64> = Vec::with_capacity(64);
        let me = &facts[i];
        let ii = i as isize;
        f.push(Hash::new(1).finish());
        // Words around, with the sequence edges as words of their own.
        for (template, o) in [(2u8, 0isize), (3, -1), (4, 1), (5, -2), (6, 2)] {
            let w = at(ii + o).map_or(if o < 0 { "<s>" } else { "</s>" }, |x| x.word);
            f.push(Hash::new(template).str(w).finish());
        }
        for (template, o) in [(7u8, 0isize), (8, -1), (9, 1)] {
            if let Some(x) = at(ii + o) {
                for r in &x.rests {
                    f.push(Hash::new(template).str(r).finish());
                }
            }
        }
        let base = me.base.as_ref();
        for (template, n) in [(10u8, 2isize), (11, 3), (12, -2), (13, -3), (41, -1)] {
            f.push(Hash::new(template).str(affix(base, n)).finish());
        }
        f.push(Hash::new(14).str(me.shape).finish());
        f.push(Hash::new(15).str(at(ii - 1).map_or("<s>", |x| x.shape)).str(me.shape).finish());
        f.push(Hash::new(16).str(me.shape).str(at(ii + 1).map_or("</s>", |x| x.shape)).finish());
        f.push(Hash::new(17).num(me.word.chars().count().min(12) as u64).finish());
        let t = &tokens[i];
        let punct = |p: &str| -> String { p.chars().filter(|c| !c.is_whitespace()).take(3).collect() };
        f.push(Hash::new(18).str(&punct(&t.punct_before)).finish());
        let after = tokens.get(i + 1).map_or(String::from("</s>"), |n| punct(&n.punct_before));
        f.push(Hash::new(19).str(&after).finish());
        f.push(Hash::new(20).num(t.newline_before as u64).finish());
        f.push(Hash::new(37).num(t.joins_prev as u64).finish());
        f.push(Hash::new(38).num(tokens.get(i + 1).is_some_and(|n| n.joins_prev) as u64).finish());
        for (template, o) in [(21u8, 0isize), (22, -1), (23, 1), (24, -2), (25, 2)] {
            if let Some(x) = at(ii + o) {
                for bit in 0..16 {
                    if x.cues & (1 << bit) != 0 {
                        f.push(Hash::new(template).num(bit).finish());
                    }
                }
            }
        }
        for (template, o) in [(26u8, 0isize), (27, -1), (28, 1), (29, -2), (30, 2)] {
            let j = ii + o;
            let p = if j >= 0 && (j as usize) < n { proposals[j as usize] } else { Proposal::default() };
            f.push(Hash::new(template).num(p.label as u64).num(p.origin as u64).finish());
        }
        let w_prev = at(ii - 1).map_or("<s>", |x| x.word);
        let w_next = at(ii + 1).map_or("</s>", |x| x.word);
        f.push(Hash::new(31).str(w_prev).str(me.word).finish());
        f.push(Hash::new(32).str(me.word).str(w_next).finish());
        for (template, o) in [(33u8, 0isize), (34, -1), (35, 1)] {
            if let Some(c) = at(ii + o).and_then(|x| x.cluster) {
                f.push(Hash::new(template).num(c as u64).finish());
            }
        }
        if let Some(c) = me.base_cluster {
            f.push(Hash::new(36).num(c as u64).finish());
        }
        f.push(Hash::new(39).num(base.starts_with("ال") as u64).finish());
        // The rule proposal with the cue of the word before (a title before a known name …).
        let before = at(ii - 1).map_or(0, |x| x.cues & 0xff);
        f.push(Hash::new(40).num(proposals[i].label as u64).num(before as u64).finish());
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::corpus::prepare;

    #[test]
    fn features_are_stable_and_differ_by_context() {
        let (_, tokens) = prepare("قال الرئيس فلاديمير بوتين");
        let none = vec![Proposal::default(); tokens.len()];
        let a = sequence_features(&tokens, &none, None);
        let b = sequence_features(&tokens, &none, None);
        assert_eq!(a, b);
        assert!(a[3].len() > 30, "{}", a[3].len());
        // The hash is this module's own: a fixed value guards the model format.
        assert_eq!(Hash::new(1).finish(), Hash::new(1).finish());
        assert_eq!(
            Hash::new(2).str("بوتين").finish(),
            0xe2ac_9635_6b69_0849_u64,
            "the feature hash changed: bump FEATURE_VERSION and retrain"
        );
        assert_eq!(affix("بوتين", 2), "بو");
        assert_eq!(affix("بوتين", -3), "تين");
        assert_eq!(shape("Putin"), "Lu");
    }
}
