//! Person spans as the guideline draws them, from the tagger's: one name the tagger broke in two
//! is joined, two coordinated names it ran together are cut apart.
//!
//! - The tagger sometimes labels each word of an unfamiliar name as a name of its own («⟦ايهود⟧
//!   ⟦اولمرت⟧»). Two people are rarely written side by side with nothing between them, so adjacent
//!   person spans are one name when no punctuation, line break, conjunction or knowledge-base name
//!   separates them and the second does not begin with a proclitic on a word of its own («بوتين
//!   لكيم» is Putin to Kim).
//! - It also reads «سولانا ولاريجاني» (Solana and Larijani) as one person, as a name may run over a
//!   word that starts with و (هارفي واينستين، إسماعيل ولد الشيخ). The guideline annotates
//!   coordinated names apart, so a person span is cut before a word that is a و conjunction on a
//!   word of its own: the word without its و is a word of the clusters' vocabulary (learned from
//!   unlabelled news) and the word with it is not.

use super::reconcile::TokenSpan;
use crate::analysis::discover::conjunction_len;
use crate::analysis::model::EntityType;
use crate::analysis::tagger::features::Clusters;
use crate::analysis::tokens::Token;

/// Whether token `i` is a و conjunction before a word of its own (see the module documentation).
pub fn is_coordinating(tokens: &[Token], i: usize, vocabulary: &Clusters) -> bool {
    tokens[i].norm.starts_with('و') && conjunction_len(tokens, i) > 0 && is_clitic_word(&tokens[i].norm, vocabulary)
}

/// Whether a word is a one-letter proclitic (و ف ب ل ك) on a word of the vocabulary, and not a
/// word of the vocabulary itself.
pub fn is_clitic_word(word: &str, vocabulary: &Clusters) -> bool {
    let mut chars = word.chars();
    let proclitic = matches!(chars.next(), Some('و' | 'ف' | 'ب' | 'ل' | 'ك'));
    proclitic && vocabulary.contains_key(chars.as_str()) && !vocabulary.contains_key(word)
}

/// Whether a word's first و is a letter of the word, not a conjunction: the word is a word of the
/// vocabulary and the rest is not («واينستين», Weinstein; «وأردوغان» is و + أردوغان).
pub fn waw_is_part_of_the_word(word: &str, vocabulary: &Clusters) -> bool {
    word.strip_prefix('و').is_some_and(|rest| vocabulary.contains_key(word) && !vocabulary.contains_key(rest))
}

/// `found` (token spans, sorted, never overlapping) with adjacent person spans joined where
/// nothing separates them (see the module documentation); `known(i)` says whether token `i` is in
/// a knowledge-base spelling.
pub fn join_broken_people(
    found: Vec<TokenSpan>,
    tokens: &[Token],
    vocabulary: &Clusters,
    known: impl Fn(usize) -> bool,
) -> Vec<TokenSpan> {
    let mut out: Vec<TokenSpan> = Vec::with_capacity(found.len());
    for span in found {
        if let Some(last) = out.last_mut() {
            let next = &tokens[span.0];
            let nothing_between = next.punct_before.is_empty()
                && !next.newline_before
                && conjunction_len(tokens, span.0) == 0
                && !known(span.0)
                && !known(span.0 - 1)
                && !is_clitic_word(&next.norm, vocabulary);
            if last.1 == span.0 && last.2 == EntityType::Per && span.2 == EntityType::Per && nothing_between {
                last.1 = span.1;
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// `found` (token spans, sorted, never overlapping) with each person span cut before every
/// coordinating word inside it (`coordinating(i)`, never its first word).
pub fn split_coordinated_people(found: Vec<TokenSpan>, coordinating: impl Fn(usize) -> bool) -> Vec<TokenSpan> {
    let mut out = Vec::with_capacity(found.len());
    for (start, end, ty) in found {
        let mut from = start;
        if ty == EntityType::Per {
            for i in (start + 1..end).filter(|&i| coordinating(i)) {
                out.push((from, i, ty.clone()));
                from = i;
            }
        }
        out.push((from, end, ty));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::prepare;
    use EntityType::{Org, Per};

    fn vocabulary(words: &[&str]) -> Clusters {
        words.iter().map(|w| (w.to_string(), [0; crate::analysis::tagger::features::MAX_CLUSTER_COLUMNS])).collect()
    }

    #[test]
    fn adjacent_person_spans_with_nothing_between_are_one_name() {
        let (_, tokens) = prepare("حكومة ايهود اولمرت، سولانا ولاريجاني بوتين لكيم");
        let v = vocabulary(&["كيم", "لاريجاني"]);
        let spans = vec![(1, 2, Per), (2, 3, Per), (3, 4, Per), (4, 5, Per), (5, 6, Per), (6, 7, Per)];
        let out = join_broken_people(spans.clone(), &tokens, &v, |i| i == 5);
        // The comma, the و, a knowledge-base name (بوتين) and the ل on a word of its own keep the
        // others apart.
        assert_eq!(out, [(1, 3, Per), (3, 4, Per), (4, 5, Per), (5, 6, Per), (6, 7, Per)]);
        // A knowledge-base name on either side.
        assert_eq!(join_broken_people(spans[..2].to_vec(), &tokens, &v, |i| i == 1), [(1, 2, Per), (2, 3, Per)]);
        assert_eq!(join_broken_people(spans[3..5].to_vec(), &tokens, &v, |_| false), [(4, 6, Per)]);
        // Only people: two organisations side by side stay two.
        let orgs = vec![(1, 2, Org), (2, 3, Org)];
        assert_eq!(join_broken_people(orgs.clone(), &tokens, &v, |_| false), orgs);
    }

    #[test]
    fn a_person_span_is_cut_before_a_conjunction_on_a_word_of_its_own() {
        let (_, tokens) = prepare("التقى سولانا ولاريجاني وهارفي واينستين");
        let v = vocabulary(&["سولانا", "لاريجاني", "هارفي", "واينستين", "اينستين"]);
        let coordinating: Vec<bool> = (0..tokens.len()).map(|i| is_coordinating(&tokens, i, &v)).collect();
        // ولاريجاني: لاريجاني is a word, ولاريجاني is not; واينستين is a word itself; وهارفي too.
        assert_eq!(coordinating, [false, false, true, true, false]);
        let out = split_coordinated_people(vec![(1, 5, Per)], |i| coordinating[i]);
        assert_eq!(out, [(1, 2, Per), (2, 3, Per), (3, 5, Per)]);
        // Organisations keep their و (حزب العدالة والتنمية); a span's first word is never cut.
        assert_eq!(split_coordinated_people(vec![(1, 3, Org)], |i| coordinating[i]), [(1, 3, Org)]);
        assert_eq!(split_coordinated_people(vec![(2, 3, Per)], |i| coordinating[i]), [(2, 3, Per)]);
        // واينستين keeps its و (اينستين is no word); ولاريجاني's is a conjunction.
        let v = vocabulary(&["واينستين", "لاريجاني"]);
        assert!(waw_is_part_of_the_word("واينستين", &v) && !waw_is_part_of_the_word("ولاريجاني", &v));
    }
}
