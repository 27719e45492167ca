//! The tagger's spans reconciled with the knowledge base's spellings: the knowledge base stays the
//! truth where the tagger contradicts it.
//!
//! Over token spans `(start, end, type)`, with the knowledge-base spellings found in the article
//! (the rules' gazetteer spans, never overlapping each other):
//! - a tagger span over exactly a spelling's tokens takes the spelling's type when the spelling is
//!   firm (two words or more, or an entry of a country or of the curated list: بيونج يانج, لاوس);
//!   over a single word of a gazetteer of towns the tagger's reading of the context stands
//!   (هاستينغز, a town in Minnesota, is also a person);
//! - a spelling that covers tagger spans, all of them inside it, replaces them (رابطة دول جنوب شرق
//!   آسيا is one organisation, not رابطة دول and آسيا);
//! - a tagger span of one type that runs over a spelling of that type and a و conjunction is two
//!   names (كيم وبوتين is كيم and بوتين, لافروف وتشوي is لافروف and تشوي);
//! - a spelling where the tagger found nothing at all is kept only if `keep_unseen` says so;
//! - a tagger span that contains a spelling and more (جامعة القاهرة, an organisation named after a
//!   place), or crosses one, stays the tagger's.

use crate::analysis::model::EntityType;

/// A token span and its type.
pub type TokenSpan = (usize, usize, EntityType);

/// A knowledge-base spelling in the article: its span, whether its first token carries a و
/// conjunction before the name, and whether it holds its type against the tagger's.
pub struct KbSpelling {
    pub span: TokenSpan,
    pub after_conjunction: bool,
    pub firm: bool,
}

/// The tagger's spans (`found`, sorted by start, never overlapping) reconciled with `spellings`
/// (sorted by start, never overlapping), as the module documentation says; `conjunction[i]` says
/// whether token `i` begins with a و conjunction. Sorted by start, never overlapping.
pub fn reconcile(
    found: Vec<TokenSpan>,
    spellings: &[KbSpelling],
    conjunction: &[bool],
    keep_unseen: impl Fn(&KbSpelling) -> bool,
) -> Vec<TokenSpan> {
    let found = split_at_conjunctions(found, spellings, conjunction);
    let mut out: Vec<TokenSpan> = Vec::with_capacity(found.len());
    let mut rest = found.into_iter().peekable();
    for s in spellings {
        let (start, end, ref ty) = s.span;
        // The tagger's spans before this spelling.
        while let Some(t) = rest.next_if(|t| t.1 <= start) {
            out.push(t);
        }
        // Those that overlap it.
        let mut overlapping: Vec<TokenSpan> = Vec::new();
        while let Some(t) = rest.next_if(|t| t.0 < end) {
            overlapping.push(t);
        }
        let inside = overlapping.iter().all(|t| t.0 >= start && t.1 <= end);
        let same_tokens = matches!(overlapping.as_slice(), [t] if t.0 == start && t.1 == end);
        if overlapping.is_empty() {
            if keep_unseen(s) {
                out.push(s.span.clone());
            }
        } else if same_tokens && !s.firm {
            // Where the tagger reads it as another type, its context is the better witness.
            out.extend(overlapping);
        } else if inside {
            out.push((start, end, ty.clone()));
        } else {
            // Containing or crossing: the tagger's (one that crosses may still overlap the next
            // spelling, which then sees it among those before it).
            out.extend(overlapping);
        }
    }
    out.extend(rest);
    out.sort_by_key(|t| t.0);
    out.dedup_by(|b, a| b.0 < a.1);
    out
}

/// A tagger span of type T that contains a spelling of type T beginning after a و conjunction
/// (not at the span's start), or beginning the span and followed by a word with a و conjunction,
/// is split there: what is before, the spelling, what is after.
fn split_at_conjunctions(found: Vec<TokenSpan>, spellings: &[KbSpelling], conjunction: &[bool]) -> Vec<TokenSpan> {
    let mut out = Vec::with_capacity(found.len());
    for (start, end, ty) in found {
        let mut from = start;
        let first = spellings.partition_point(|s| s.span.0 < start);
        for s in spellings[first..].iter().take_while(|s| s.span.1 <= end) {
            let (s_start, s_end) = (s.span.0, s.span.1);
            if s.span.2 != ty || s_start < from {
                continue;
            }
            if s.after_conjunction && s_start > from {
                out.push((from, s_start, ty.clone()));
                out.push(s.span.clone());
                from = s_end;
            } else if s_start == from && s_end < end && conjunction.get(s_end) == Some(&true) {
                out.push(s.span.clone());
                from = s_end;
            }
        }
        if from < end {
            out.push((from, end, ty));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::{Loc, Org, Per};

    fn spelling(start: usize, end: usize, ty: EntityType, after_conjunction: bool) -> KbSpelling {
        KbSpelling { span: (start, end, ty), after_conjunction, firm: end - start >= 2 }
    }

    const NO: &[bool] = &[false; 12];

    #[test]
    fn the_knowledge_base_wins_where_the_tagger_contradicts_it() {
        // Same tokens, another type: the spelling's type; for one word, the tagger's.
        let out = reconcile(vec![(2, 4, Per)], &[spelling(2, 4, Loc, false)], NO, |_| false);
        assert_eq!(out, [(2, 4, Loc)]);
        let out = reconcile(vec![(2, 3, Per)], &[spelling(2, 3, Loc, false)], NO, |_| false);
        assert_eq!(out, [(2, 3, Per)]);
        // A longer spelling over two tagger spans: the spelling.
        let out = reconcile(vec![(1, 3, Org), (5, 6, Loc)], &[spelling(1, 6, Org, false)], NO, |_| false);
        assert_eq!(out, [(1, 6, Org)]);
        // A person span over «كيم وبوتين» with بوتين known: two names.
        let out = reconcile(vec![(0, 2, Per)], &[spelling(1, 2, Per, true)], NO, |_| false);
        assert_eq!(out, [(0, 1, Per), (1, 2, Per)]);
        // «لافروف وتشوي» with لافروف known: two names too.
        let out = reconcile(vec![(0, 2, Per)], &[spelling(0, 1, Per, false)], &[false, true], |_| false);
        assert_eq!(out, [(0, 1, Per), (1, 2, Per)]);
        // Not behind a conjunction, or of another type: not split (the span contains it: kept).
        let out = reconcile(vec![(0, 2, Per)], &[spelling(1, 2, Per, false)], NO, |_| false);
        assert_eq!(out, [(0, 2, Per)]);
        let out = reconcile(vec![(0, 3, Org)], &[spelling(1, 2, Loc, true)], NO, |_| false);
        assert_eq!(out, [(0, 3, Org)]);
    }

    #[test]
    fn the_tagger_keeps_what_contains_or_crosses_a_spelling_and_unseen_spellings_are_asked() {
        // جامعة القاهرة: the organisation contains the place.
        let out = reconcile(vec![(3, 5, Org)], &[spelling(4, 5, Loc, false)], NO, |_| true);
        assert_eq!(out, [(3, 5, Org)]);
        // A crossing span stays; a spelling the tagger did not see is kept only if asked.
        let spellings = [spelling(0, 2, Per, false), spelling(6, 7, Org, false)];
        let out = reconcile(vec![(1, 3, Loc)], &spellings, NO, |s| s.span.2 == Org);
        assert_eq!(out, [(1, 3, Loc), (6, 7, Org)]);
        let out = reconcile(vec![(1, 3, Loc)], &spellings, NO, |_| false);
        assert_eq!(out, [(1, 3, Loc)]);
        // Spans and spellings interleaved, out of the way of each other.
        let out = reconcile(vec![(0, 1, Per), (4, 5, Loc), (9, 10, Org)], &[spelling(2, 3, Loc, false)], NO, |_| true);
        assert_eq!(out, [(0, 1, Per), (2, 3, Loc), (4, 5, Loc), (9, 10, Org)]);
    }
}
