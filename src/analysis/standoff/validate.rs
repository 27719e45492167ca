//! Checking a `.ann` file against its article, as brat does when it loads a document.
//!
//! A `T` line's text must equal the article at its code-point offsets (fragments joined by one
//! space; line breaks and tabs in the article count as spaces, since an `.ann` line cannot hold
//! them); offsets must not run past the end nor start after they end; fragments of one `T` must
//! not overlap; ids are defined once; every referenced id is defined somewhere in the file
//! (forward references are fine, as in brat).

use std::collections::HashSet;

use super::{AnnFile, Annotation, Problem, ProblemKind};

/// Every problem of `ann` against `article`: the unreadable lines and the checks above, in line
/// order.
pub fn validate(ann: &AnnFile, article: &str) -> Vec<Problem> {
    let chars: Vec<char> = article.chars().collect();
    let mut problems: Vec<Problem> = ann.problems().cloned().collect();
    let mut defined: HashSet<&str> = HashSet::new();
    for (line, a) in ann.annotations() {
        if let Some(id) = a.id() {
            if !defined.insert(id) {
                problems.push(Problem { line: line.number, kind: ProblemKind::DuplicateId { id: id.to_string() } });
            }
        }
    }
    for (line, a) in ann.annotations() {
        let at = |kind| Problem { line: line.number, kind };
        for target in a.references() {
            if !defined.contains(target) {
                problems.push(at(ProblemKind::MissingId { id: target.to_string() }));
            }
        }
        let Annotation::TextBound { id, spans, text, .. } = a else { continue };
        let mut fine = true;
        for &(start, end) in spans {
            if start > end {
                problems.push(at(ProblemKind::StartAfterEnd { id: id.clone(), start, end }));
                fine = false;
            } else if end > chars.len() {
                problems.push(at(ProblemKind::PastEnd { id: id.clone(), end, len: chars.len() }));
                fine = false;
            }
        }
        if !fine {
            continue;
        }
        let mut sorted = spans.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[1].0 < w[0].1) {
            problems.push(at(ProblemKind::OverlappingFragments { id: id.clone() }));
        }
        let found: Vec<String> = spans.iter().map(|&(s, e)| chars[s..e].iter().collect()).collect();
        let found = found.join(" ");
        if !same_text(text, &found) {
            problems.push(at(ProblemKind::TextMismatch { id: id.clone(), annotated: text.clone(), article: found }));
        }
    }
    problems.sort_by_key(|p| p.line);
    problems
}

/// Equal, counting line breaks and tabs as spaces.
fn same_text(annotated: &str, article: &str) -> bool {
    let flat = |c: char| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c };
    annotated == article || annotated.chars().map(flat).eq(article.chars().map(flat))
}
