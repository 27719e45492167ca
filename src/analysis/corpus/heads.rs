//! Head words: the readings of an article's words (whole, and without proclitics) that a name
//! may start with, hashed. The corpus indexes them to know which articles a spread name may occur
//! in. Each word's heads are worked out once and kept between articles ([`HeadCache`]): news
//! repeats the same words, and splitting clitics and looking up the word lists is most of the cost.

use std::hash::{Hash, Hasher};

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use crate::analysis::discover::{may_start_name, FREQUENT};
use crate::analysis::lexicon::clitic_splits;
use crate::analysis::tokens::Token;

/// Words whose heads a cache keeps; past that it starts again (bounded memory).
const CACHED_WORDS: usize = 200_000;

/// Each word's heads, as a range of `hashes`.
#[derive(Default)]
pub(super) struct HeadCache {
    index: FxHashMap<CompactString, (u32, u32)>,
    hashes: Vec<u64>,
}

impl HeadCache {
    /// The distinct head hashes of an article's tokens, sorted.
    pub(super) fn heads_of(&mut self, tokens: &[Token]) -> Vec<u64> {
        if self.index.len() > CACHED_WORDS {
            self.index.clear();
            self.hashes.clear();
        }
        let mut out: Vec<u64> = Vec::with_capacity(tokens.len());
        for t in tokens {
            let (start, end) = match self.index.get(t.norm.as_str()) {
                Some(&range) => range,
                None => {
                    let start = self.hashes.len() as u32;
                    self.hashes.extend(word_heads(&t.norm));
                    let range = (start, self.hashes.len() as u32);
                    self.index.insert(t.norm.clone(), range);
                    range
                }
            };
            out.extend_from_slice(&self.hashes[start as usize..end as usize]);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The heads of one word: each clitic reading that is not a frequent word, or may start a name.
fn word_heads(word: &str) -> impl Iterator<Item = u64> + '_ {
    clitic_splits(word).filter(|(_, r)| !FREQUENT.contains(r.as_ref()) || may_start_name(r)).map(|(_, r)| hash(&r))
}

/// The hash under which a word is indexed.
pub(super) fn hash(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::prepare;

    #[test]
    fn heads_are_the_rare_readings_once_each_whatever_the_cache_holds() {
        let (_, tokens) = prepare("قال بوتين في موسكو إن لبوتين وموسكو");
        let mut cache = HeadCache::default();
        let first = cache.heads_of(&tokens);
        let again = cache.heads_of(&tokens);
        assert_eq!(first, again);
        assert!(first.contains(&hash("بوتين")) && first.contains(&hash("موسكو")) && first.contains(&hash("لبوتين")));
        assert!(!first.contains(&hash("في")), "a frequent word is no head");
        let mut sorted = first.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(first, sorted);
    }
}
