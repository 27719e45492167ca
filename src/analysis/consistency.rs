//! Consistency of an annotated corpus, as findings on one article.
//!
//! - the problems of the article's `.ann` (stale or malformed lines, missing ids, overlapping
//!   annotations), at the article range they concern and the `.ann` line;
//! - a spelling annotated here with another type or another entity than elsewhere (warning,
//!   pointing at the other annotations);
//! - in an annotated article, a name left unannotated that other articles annotate (hint).
//!
//! Findings carry their check, whose default severity the corpus settings may change or silence
//! (`diagnostics::article_diagnostics`), and a typed reason worded in English or Arabic when shown.

use super::annotations::Reason as AnnReason;
use super::checks::Check;
use super::corpus::{Corpus, FileId};
use super::features::FileRange;
use super::model::{Lang, Mention, Origin};
use super::text::ColumnUnit;

/// At most this many related locations per finding.
const MAX_RELATED: usize = 5;

/// One finding on an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub start: u32,
    pub end: u32,
    pub check: Check,
    pub reason: FindingReason,
    /// Other places in the corpus that explain the finding, with a short label each.
    pub related: Vec<(FileRange, String)>,
    /// The `.ann` file and 1-based line the finding comes from, if it comes from one.
    pub ann_line: Option<(String, usize)>,
}

/// Why an article's annotations are questioned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingReason {
    /// A problem of the article's `.ann` file.
    Annotation(AnnReason),
    /// The name `surface` is annotated in `elsewhere` places of other articles, not here.
    Unannotated { surface: String, elsewhere: usize },
    /// `surface` is annotated as `here` (type and entity) but as `there` at `other_file`'s 1-based
    /// `other_line`, and in `more` other places.
    Disagreement { surface: String, here: String, there: String, other_file: String, other_line: u32, more: usize },
}

impl Finding {
    /// One sentence saying what is wrong, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (&self.reason, lang) {
            (FindingReason::Annotation(reason), _) => reason.message(lang),
            (FindingReason::Unannotated { surface, elsewhere }, Lang::En) => {
                format!("«{surface}» is annotated in {elsewhere} other place(s) but not here")
            }
            (FindingReason::Unannotated { surface, elsewhere }, Lang::Ar) => {
                format!("«{surface}» موسوم في {elsewhere} موضع آخر وغير موسوم هنا")
            }
            (FindingReason::Disagreement { surface, here, there, other_file, other_line, more }, Lang::En) => {
                let more = match more {
                    0 => String::new(),
                    n => format!(" and {n} more place(s)"),
                };
                format!("«{surface}» is annotated as {here} here but as {there} in {other_file}:{other_line}{more}")
            }
            (FindingReason::Disagreement { surface, here, there, other_file, other_line, more }, Lang::Ar) => {
                let more = match more {
                    0 => String::new(),
                    n => format!(" و{n} موضعًا آخر"),
                };
                format!("«{surface}» موسوم هنا {here} وموسوم {there} في {other_file}:{other_line}{more}")
            }
        }
    }
}

/// Every consistency finding of an article, in text order.
pub fn article_findings(corpus: &Corpus, file: FileId) -> Vec<Finding> {
    let Some(f) = corpus.file(file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(anns) = &f.annotations {
        for p in &anns.problems {
            let (start, end) = p.range.unwrap_or((0, 0));
            out.push(Finding {
                start,
                end,
                check: p.check,
                reason: FindingReason::Annotation(p.reason.clone()),
                related: Vec::new(),
                ann_line: Some((anns.ann_name.clone(), p.line)),
            });
        }
    }
    let mut seen: std::collections::HashSet<&str> = Default::default();
    for m in f.annotated() {
        if !seen.insert(&m.form) {
            continue;
        }
        if let Some(finding) = disagreement(corpus, file, m) {
            out.push(finding);
        }
    }
    if f.annotations.as_ref().is_some_and(|a| a.unreadable.is_none()) {
        for m in f.mentions.iter().filter(|m| m.origin != Origin::Annotated) {
            let elsewhere: Vec<(FileId, u32)> =
                corpus.annotated_with_form(&m.form).iter().copied().filter(|&(other, _)| other != file).collect();
            if elsewhere.is_empty() {
                continue;
            }
            let surface = f.text[m.start as usize..m.end as usize].to_string();
            out.push(Finding {
                start: m.start,
                end: m.end,
                check: Check::UnannotatedName,
                reason: FindingReason::Unannotated { surface, elsewhere: elsewhere.len() },
                related: related(corpus, &elsewhere, "annotated here"),
                ann_line: None,
            });
        }
    }
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// The same spelling annotated with another type or entity in another article.
fn disagreement(corpus: &Corpus, file: FileId, m: &Mention) -> Option<Finding> {
    let entity = corpus.entity_of(m);
    let others: Vec<(FileId, u32)> = corpus
        .annotated_with_form(&m.form)
        .iter()
        .copied()
        .filter(|&(other, i)| {
            other != file
                && corpus
                    .file(other)
                    .and_then(|o| o.mentions.get(i as usize))
                    .is_some_and(|o| o.ty != m.ty || corpus.entity_of(o) != entity)
        })
        .collect();
    let (first_file, first_idx) = *others.first()?;
    let other = corpus.file(first_file)?;
    let first = other.mentions.get(first_idx as usize)?;
    let f = corpus.file(file)?;
    let reason = FindingReason::Disagreement {
        surface: f.text[m.start as usize..m.end as usize].to_string(),
        here: describe(corpus, m),
        there: describe(corpus, first),
        other_file: file_name(&other.name).to_string(),
        other_line: other.lines.position(&other.text, first.start, ColumnUnit::CodePoint).0 + 1,
        more: others.len() - 1,
    };
    Some(Finding {
        start: m.start,
        end: m.end,
        check: Check::InconsistentAnnotation,
        reason,
        related: related(corpus, &others, "annotated differently here"),
        ann_line: None,
    })
}

/// `PER putin`: a mention's type and entity id.
fn describe(corpus: &Corpus, m: &Mention) -> String {
    let entity = corpus.entity_of(m).map_or("?", |e| corpus.entity_id(e));
    format!("{} `{entity}`", m.ty)
}

fn related(corpus: &Corpus, mentions: &[(FileId, u32)], label: &str) -> Vec<(FileRange, String)> {
    mentions
        .iter()
        .filter_map(|&(file, i)| {
            let m = corpus.file(file)?.mentions.get(i as usize)?;
            Some((FileRange { file, start: m.start, end: m.end }, label.to_string()))
        })
        .take(MAX_RELATED)
        .collect()
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
