//! Diagnostics of a document: claims and consistency findings of an article (with related
//! locations in other articles and the `.ann` line), or the problems of an `isnad.toml`.
//! Severities come from the corpus settings; a check set to "off" is not reported. A document gets
//! at most [`MAX_PER_DOCUMENT`] diagnostics, the last one saying how many more there are (an
//! `.ann` of a million broken lines must not become a million-item notification).

use std::sync::RwLock;

use tower_lsp_server::lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range, Uri,
};

use crate::analysis::checks::Severity;
use crate::analysis::config::ConfigProblem;
use crate::analysis::corpus::FileId;
use crate::analysis::diagnostics::article_diagnostics;
use crate::analysis::text::LineIndex;
use crate::lsp::convert;
use crate::lsp::locations;
use crate::lsp::state::{prepare_read, read, uri_from_path, write, DocKind, State};

/// The diagnostics of an open document at its current version.
pub fn of_document(s: &mut State, uri: &Uri) -> Option<(Vec<Diagnostic>, i32)> {
    if s.docs.get(uri)?.kind == DocKind::Article {
        s.refresh(uri)?;
    }
    of_current_document(s, uri)
}

/// The diagnostics of an open document at its current version, unless they are the ones last
/// published for it (then there is nothing to send).
pub fn to_publish(s: &mut State, uri: &Uri) -> Option<(Vec<Diagnostic>, i32)> {
    let (diags, version) = of_document(s, uri)?;
    s.changed(uri, &diags).then_some((diags, version))
}

/// [`to_publish`] on the shared state, worked out under the read lock when the document's analysis
/// is up to date (brought up to date first), so that requests and other publishers go on
/// meanwhile. Should an edit land in between, it is done under the write lock as before.
pub fn to_publish_reading(state: &RwLock<State>, uri: &Uri) -> Option<(Vec<Diagnostic>, i32)> {
    prepare_read(state, uri);
    let current = {
        let s = read(state);
        s.is_current(uri).then(|| of_current_document(&s, uri))
    };
    let Some(found) = current else {
        return to_publish(&mut write(state), uri);
    };
    let (diags, version) = found?;
    read(state).changed(uri, &diags).then_some((diags, version))
}

/// [`of_document`] of a document whose analysis is up to date (`State::is_current`).
fn of_current_document(s: &State, uri: &Uri) -> Option<(Vec<Diagnostic>, i32)> {
    let doc = s.docs.get(uri)?;
    match doc.kind {
        DocKind::Article => Some((article(s, s.file_id(uri)?), doc.version)),
        DocKind::Config => {
            let text = doc.rope.to_string();
            let problems = s.project.check_config_text(std::path::Path::new(&doc.name), &text);
            Some((config(s, &text, &problems), doc.version))
        }
        DocKind::Other => None,
    }
}

/// The diagnostics of each folder's `isnad.toml` as it is on disk, when it is not open.
pub fn of_configs_on_disk(s: &State) -> Vec<(Uri, Vec<Diagnostic>)> {
    let mut out = Vec::new();
    for folder in &s.project.folders {
        let Some(text) = &folder.config_text else { continue };
        let Some(uri) = uri_from_path(&folder.config_path.to_string_lossy()) else { continue };
        if !s.docs.contains_key(&uri) {
            out.push((uri, config(s, text, &folder.config_problems)));
        }
    }
    out
}

/// The most diagnostics one document gets, the "and N more" one included.
pub const MAX_PER_DOCUMENT: usize = 500;

/// Keeps the first diagnostics and replaces the rest by one that counts them.
pub fn capped(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if out.len() <= MAX_PER_DOCUMENT {
        return out;
    }
    let more = out.len() - (MAX_PER_DOCUMENT - 1);
    out.truncate(MAX_PER_DOCUMENT - 1);
    let at = out.last().map(|d| d.range).unwrap_or_default();
    out.push(Diagnostic {
        range: Range { start: at.start, end: at.start },
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String("more-diagnostics".into())),
        source: Some("isnad".into()),
        message: format!("and {more} more problems in this document (isnad check lists them all)"),
        ..Diagnostic::default()
    });
    out
}

fn severity(s: Severity) -> Option<DiagnosticSeverity> {
    match s {
        Severity::Error => Some(DiagnosticSeverity::ERROR),
        Severity::Warning => Some(DiagnosticSeverity::WARNING),
        Severity::Info => Some(DiagnosticSeverity::INFORMATION),
        Severity::Hint => Some(DiagnosticSeverity::HINT),
        Severity::Off => None,
    }
}

fn diagnostic(range: Range, severity: DiagnosticSeverity, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some("isnad".into()),
        message,
        ..Diagnostic::default()
    }
}

/// Claims and consistency findings of an article.
pub fn article(s: &State, file: FileId) -> Vec<Diagnostic> {
    let Some(f) = s.corpus.file(file) else { return Vec::new() };
    let settings = s.settings_for(&f.name);
    let lang = settings.language.unwrap_or(s.lang);
    let range = |start, end| convert::range(&f.lines, &f.text, start, end, s.unit);
    let mut out = Vec::new();
    for finding in article_diagnostics(&s.corpus, file, &settings, lang) {
        let Some(sev) = severity(finding.severity) else { continue };
        let mut related: Vec<DiagnosticRelatedInformation> = finding
            .related
            .iter()
            .filter_map(|(r, label)| {
                Some(DiagnosticRelatedInformation { location: locations::location(s, r)?, message: label.clone() })
            })
            .collect();
        let mut message = finding.message;
        if let Some((ann, line)) = &finding.ann_line {
            // In the article, say which `.ann` line the problem is on.
            message = format!("{} line {line}: {message}", ann.rsplit(['/', '\\']).next().unwrap_or(ann));
            if let Some(uri) = uri_from_path(ann) {
                let at = Position { line: (*line as u32).saturating_sub(1), character: 0 };
                related.push(DiagnosticRelatedInformation {
                    location: Location { uri, range: Range { start: at, end: at } },
                    message: format!("line {line} of the .ann"),
                });
            }
        }
        let mut d = diagnostic(range(finding.start, finding.end), sev, finding.check.code(), message);
        d.related_information = (!related.is_empty()).then_some(related);
        out.push(d);
    }
    capped(out)
}

/// Problems of an `isnad.toml` text.
pub fn config(s: &State, text: &str, problems: &[ConfigProblem]) -> Vec<Diagnostic> {
    let lines = LineIndex::new(text);
    let out = problems
        .iter()
        .filter_map(|p| {
            let end = p.range.end.min(text.len()) as u32;
            let start = (p.range.start.min(text.len()) as u32).min(end);
            let sev = severity(p.severity)?;
            Some(diagnostic(convert::range(&lines, text, start, end, s.unit), sev, p.check.code(), p.message.clone()))
        })
        .collect();
    capped(out)
}
