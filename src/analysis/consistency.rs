//! Consistency of an annotated corpus, as findings on one article.
//!
//! - the problems of the article's `.ann` (stale or malformed lines, missing ids, overlapping
//!   annotations), at the article range they concern and the `.ann` line;
//! - a spelling annotated here with another type or another entity than elsewhere (warning,
//!   pointing at the other annotations);
//! - in an annotated article, a name left unannotated that other articles annotate (hint).
//!
//! Findings carry their check, whose default severity the corpus settings may change or silence
//! (`diagnostics::article_diagnostics`).

use super::checks::Check;
use super::corpus::{Corpus, FileId};
use super::features::FileRange;
use super::model::{Lang, Mention, Origin};

/// At most this many related locations per finding.
const MAX_RELATED: usize = 5;

/// One finding on an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub start: u32,
    pub end: u32,
    pub check: Check,
    pub message: String,
    /// Other places in the corpus that explain the finding, with a short label each.
    pub related: Vec<(FileRange, String)>,
    /// The `.ann` file and 1-based line the finding comes from, if it comes from one.
    pub ann_line: Option<(String, usize)>,
}

/// Every consistency finding of an article, in text order.
pub fn article_findings(corpus: &Corpus, file: FileId, lang: Lang) -> Vec<Finding> {
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
                message: p.message(lang),
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
        if let Some(finding) = disagreement(corpus, file, m, lang) {
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
            let surface = &f.text[m.start as usize..m.end as usize];
            let message = match lang {
                Lang::En => format!("«{surface}» is annotated in {} other place(s) but not here", elsewhere.len()),
                Lang::Ar => format!("«{surface}» موسوم في {} موضع آخر وغير موسوم هنا", elsewhere.len()),
            };
            out.push(Finding {
                start: m.start,
                end: m.end,
                check: Check::UnannotatedName,
                message,
                related: related(corpus, &elsewhere, "annotated here"),
                ann_line: None,
            });
        }
    }
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// The same spelling annotated with another type or entity in another article.
fn disagreement(corpus: &Corpus, file: FileId, m: &Mention, lang: Lang) -> Option<Finding> {
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
    let first = corpus.file(first_file)?.mentions.get(first_idx as usize)?;
    let f = corpus.file(file)?;
    let surface = &f.text[m.start as usize..m.end as usize];
    let here = describe(corpus, m);
    let there = describe(corpus, first);
    let message = match lang {
        Lang::En => {
            let more = match others.len() - 1 {
                0 => String::new(),
                n => format!(" and {n} more place(s)"),
            };
            format!(
                "«{surface}» is annotated as {here} here but as {there} in {}{more}",
                file_name(&corpus.file(first_file)?.name)
            )
        }
        Lang::Ar => {
            format!("«{surface}» موسوم هنا {here} وموسوم {there} في {}", file_name(&corpus.file(first_file)?.name))
        }
    };
    Some(Finding {
        start: m.start,
        end: m.end,
        check: Check::InconsistentAnnotation,
        message,
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
