//! Word lists of the rules (titles, trigger nouns, function words …), kept as text files in
//! `src/analysis/words/`, one word per line, and loaded normalised into fast hash sets.

use rustc_hash::FxHashSet;

use super::normalize::normalize_str;

pub type WordSet = FxHashSet<String>;

/// Reads a list (one word per line; blank lines and `#` comments skipped), normalised.
pub fn word_set(list: &str) -> WordSet {
    list.lines().map(str::trim).filter(|w| !w.is_empty() && !w.starts_with('#')).map(normalize_str).collect()
}
