//! Consistency of a tagged article: the tagger labels each occurrence on its own, and this step
//! makes a name it found once a mention wherever else the article writes it.

use super::{form_of, Endings, Span};
use crate::analysis::lexicon::clitic_splits;
use crate::analysis::tokens::Token;

/// One article names a thing the same way throughout: a run of words the tagger took for a name
/// somewhere is that name wherever else it occurs untagged (after a proclitic too), with the type
/// and link of its first tagging. The tokens are scanned once for the names' first words.
pub(super) fn consistent(tokens: &[Token], spans: &mut Vec<Span>) {
    let mut covered = vec![false; tokens.len()];
    for s in spans.iter() {
        covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
    }
    // Names by their words (proclitics of the first word left out), longest first.
    let mut names: Vec<(Vec<String>, usize)> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<Vec<String>> = Default::default();
    for (k, s) in spans.iter().enumerate() {
        let words: Vec<String> = form_of(tokens, s.start, s.end, s.prefix_chars).split(' ').map(String::from).collect();
        if words.concat().chars().count() >= 3 && seen.insert(words.clone()) {
            names.push((words, k));
        }
    }
    if names.is_empty() {
        return;
    }
    names.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    // Where each name's first word occurs untagged (as a token or after its proclitics).
    let firsts: rustc_hash::FxHashSet<&str> = names.iter().map(|(w, _)| w[0].as_str()).collect();
    let endings = Endings::of(firsts.iter().copied());
    let mut at: rustc_hash::FxHashMap<String, Vec<(usize, usize)>> = Default::default();
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] || !endings.may_end(&t.norm) {
            continue;
        }
        for (prefix_chars, rest) in clitic_splits(&t.norm) {
            if firsts.contains(rest.as_ref()) {
                at.entry(rest.into_owned()).or_default().push((i, prefix_chars));
            }
        }
    }
    let mut added = Vec::new();
    for (words, k) in &names {
        let n = words.len();
        for &(i, prefix_chars) in at.get(words[0].as_str()).map_or(&[][..], Vec::as_slice) {
            if i + n > tokens.len() || covered[i..i + n].iter().any(|c| *c) {
                continue;
            }
            if (1..n).all(|j| tokens[i + j].norm == words[j] && tokens[i + j].joins_prev) {
                let model = &spans[*k];
                added.push(Span {
                    start: i,
                    end: i + n,
                    prefix_chars,
                    ty: model.ty.clone(),
                    target: model.target.clone(),
                    origin: model.origin,
                });
                covered[i..i + n].iter_mut().for_each(|c| *c = true);
            }
        }
    }
    spans.extend(added);
}
