//! The diagnostics of an article, assembled once for the CLI and the language server.
//!
//! [`article_diagnostics`] gathers an article's claims (`claims`) and its annotation and
//! consistency findings (`consistency`), gives each the severity its folder's settings say
//! (a check set to `off` is dropped) and returns plain [`Diagnostic`]s: the CLI and the language
//! server only map severities and format.

use super::checks::{Check, Severity};
use super::config::Settings;
use super::consistency::article_findings;
use super::corpus::{Corpus, FileId};
use super::features::FileRange;
use super::model::Lang;

/// One finding on an article, with the severity the settings give it (never `Off`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub start: u32,
    pub end: u32,
    pub check: Check,
    pub severity: Severity,
    pub message: String,
    /// Other places in the corpus that explain the finding, with a short label each.
    pub related: Vec<(FileRange, String)>,
    /// The `.ann` file and 1-based line the finding comes from, if it comes from one.
    pub ann_line: Option<(String, usize)>,
    /// A claim's check-worthiness score in thousandths (1000 for a vague source).
    pub score: Option<u16>,
}

/// The diagnostics of an article in text order of kind: claims first, then annotation and
/// consistency findings. `settings` are its folder's; `lang` the language of the messages.
pub fn article_diagnostics(corpus: &Corpus, file: FileId, settings: &Settings, lang: Lang) -> Vec<Diagnostic> {
    let Some(f) = corpus.file(file) else { return Vec::new() };
    let mut out = Vec::new();
    let min_score = settings.min_claim_score();
    for c in f.claims.iter().filter(|c| c.is_flagged(min_score)) {
        let check = Check::of_claim(c.kind());
        let severity = settings.severity(check);
        if severity != Severity::Off {
            let message = c.message(lang);
            out.push(Diagnostic {
                start: c.start,
                end: c.end,
                check,
                severity,
                message,
                related: Vec::new(),
                ann_line: None,
                score: Some(c.score),
            });
        }
    }
    for finding in article_findings(corpus, file) {
        let severity = settings.severity(finding.check);
        if severity == Severity::Off {
            continue;
        }
        out.push(Diagnostic {
            start: finding.start,
            end: finding.end,
            check: finding.check,
            severity,
            message: finding.message(lang),
            related: finding.related,
            ann_line: finding.ann_line,
            score: None,
        });
    }
    out
}
