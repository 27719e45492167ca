//! The batch commands: `isnad check`, `isnad entities`, `isnad annotate`, `isnad sources`.
//!
//! Each reads the corpus from disk, builds the same index the language server uses, and prints
//! the same results: diagnostics as `path:line:col: severity code: message`, the entity table,
//! brat files, or the table of who is quoted. Exit status: 0 clean, 1 when `check` finds warnings, 2 on usage or I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use serde_json::json;

use crate::analysis::brat::write_ann;
use crate::analysis::checks::Severity;
use crate::analysis::corpus::Corpus;
use crate::analysis::diagnostics::article_diagnostics;
use crate::analysis::features::summary;
use crate::analysis::kb::Kb;
use crate::analysis::knowledge::KbData;
use crate::analysis::model::Lang;
use crate::analysis::text::{ColumnUnit, LineIndex};
use crate::files::write_inside;
use crate::project::Project;

mod export;
mod sources;

pub use sources::sources;

/// The corpus roots given on the command line (default: the current directory); each must exist.
fn roots(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let roots: Vec<PathBuf> = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.to_vec() };
    for r in &roots {
        std::fs::metadata(r).with_context(|| format!("cannot read {}", r.display()))?;
    }
    Ok(roots)
}

/// Loads the corpus under the given roots with its configuration and annotations. Unreadable
/// files are reported on stderr and skipped.
pub fn load(roots: &[PathBuf], max_file_bytes: u64) -> Result<(Project, Corpus)> {
    let started = std::time::Instant::now();
    let kb = KbData::new(Kb::builtin()).with_tagger(crate::models::tagger()?);
    let project = Project::load(roots, Arc::new(kb));
    log::info!("knowledge base ready after {:.2?}", started.elapsed());
    let (files, skipped) = project.read_articles(roots, max_file_bytes);
    for s in skipped {
        eprintln!("isnad: skipped {}: {}", s.path.display(), s.reason);
    }
    log::info!("read {} articles in {:.2?}", files.len(), started.elapsed());
    let corpus = Corpus::build_with(project.kb.clone(), files, project.options());
    log::info!("corpus indexed after {:.2?}", started.elapsed());
    Ok((project, corpus))
}

/// Writes to stdout; a closed pipe (`isnad entities | head`) ends the output quietly.
fn emit(out: &mut impl Write, line: std::fmt::Arguments) -> Result<()> {
    match out.write_fmt(line).and_then(|()| out.write_all(b"\n")) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(anyhow::Error::new(BrokenPipe)),
        other => Ok(other?),
    }
}

/// Marker for a closed stdout, which is not an error worth reporting.
#[derive(Debug, thiserror::Error)]
#[error("stdout closed")]
pub struct BrokenPipe;

/// One line of `isnad check` output.
struct Finding<'a> {
    path: String,
    line: u32,
    column: u32,
    end: Option<(u32, u32)>,
    severity: Severity,
    code: &'a str,
    message: String,
    /// A claim's check-worthiness score (thousandths).
    score: Option<u16>,
}

pub fn check(paths: &[PathBuf], max_file_bytes: u64, json_format: bool, lang: Lang) -> Result<i32> {
    let (project, corpus) = load(&roots(paths)?, max_file_bytes)?;
    let mut findings: Vec<Finding> = config_findings(&project);
    for (file, f) in corpus.files() {
        let settings = project.settings_for(Path::new(&f.name));
        let lang = settings.language.unwrap_or(lang);
        let at = |start: u32, end: u32| {
            let (line, col) = f.lines.position(&f.text, start, ColumnUnit::CodePoint);
            let (end_line, end_col) = f.lines.position(&f.text, end, ColumnUnit::CodePoint);
            (line + 1, col + 1, Some((end_line + 1, end_col + 1)))
        };
        for d in article_diagnostics(&corpus, file, &settings, lang) {
            let (path, line, column, end) = match d.ann_line {
                // A problem of the `.ann` itself is reported at its line there.
                Some((ann, line)) => (ann, line as u32, 1, None),
                None => {
                    let (line, column, end) = at(d.start, d.end);
                    (f.name.clone(), line, column, end)
                }
            };
            findings.push(Finding {
                path,
                line,
                column,
                end,
                severity: d.severity,
                code: d.check.code(),
                message: d.message,
                score: d.score,
            });
        }
    }
    findings.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    let mut out = std::io::stdout().lock();
    if json_format {
        let rows: Vec<_> = findings
            .iter()
            .map(|d| {
                json!({"path": d.path, "line": d.line, "column": d.column, "end_line": d.end.map(|e| e.0),
                    "end_column": d.end.map(|e| e.1), "severity": d.severity.as_str(), "code": d.code, "message": d.message,
                    "score": d.score.map(|t| f64::from(t) / 1000.0)})
            })
            .collect();
        emit(&mut out, format_args!("{}", serde_json::to_string_pretty(&rows)?))?;
    } else {
        for d in &findings {
            emit(
                &mut out,
                format_args!("{}:{}:{}: {} {}: {}", d.path, d.line, d.column, d.severity.as_str(), d.code, d.message),
            )?;
        }
    }
    let failing = findings.iter().any(|d| matches!(d.severity, Severity::Warning | Severity::Error));
    // The process ends with this command: taking the whole index apart, allocation by allocation,
    // would cost ≈ 3 % of the run's CPU on a large corpus for memory the system frees anyway.
    drop(findings);
    std::mem::forget(corpus);
    Ok(if failing { 1 } else { 0 })
}

/// Problems of the folders' `isnad.toml` files, at their line and column there.
fn config_findings(project: &Project) -> Vec<Finding<'static>> {
    let mut out = Vec::new();
    for folder in &project.folders {
        let Some(text) = &folder.config_text else { continue };
        let lines = LineIndex::new(text);
        for p in folder.config_problems.iter().filter(|p| p.severity != Severity::Off) {
            let start = (p.range.start.min(text.len())) as u32;
            let (line, col) = lines.position(text, start, ColumnUnit::CodePoint);
            out.push(Finding {
                path: folder.config_path.to_string_lossy().into_owned(),
                line: line + 1,
                column: col + 1,
                end: None,
                severity: p.severity,
                code: p.check.code(),
                message: p.message.clone(),
                score: None,
            });
        }
    }
    out
}

pub fn entities(paths: &[PathBuf], max_file_bytes: u64, json_format: bool) -> Result<i32> {
    let (_, corpus) = load(&roots(paths)?, max_file_bytes)?;
    let mut out = std::io::stdout().lock();
    let mut list: Vec<_> = corpus.mentioned_entities().into_iter().map(|e| summary(&corpus, e)).collect();
    list.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    if json_format {
        let rows: Vec<_> = list
            .iter()
            .map(|s| {
                json!({"id": s.id, "type": s.ty.as_str(), "name": s.name, "english": s.english, "wikidata": s.wikidata,
                "description": s.description, "mentions": s.mentions, "articles": s.articles,
                "spellings": s.spellings.iter().map(|(t, n)| json!({"text": t, "count": n})).collect::<Vec<_>>()})
            })
            .collect();
        emit(&mut out, format_args!("{}", serde_json::to_string_pretty(&rows)?))?;
    } else {
        emit(
            &mut out,
            format_args!("{:<28} {:<4} {:>8} {:>8}  {}", "id", "type", "mentions", "articles", "spellings"),
        )?;
        for s in &list {
            let spellings: Vec<String> = s.spellings.iter().map(|(t, n)| format!("{t} ×{n}")).collect();
            emit(
                &mut out,
                format_args!(
                    "{:<28} {:<4} {:>8} {:>8}  {}",
                    s.id,
                    s.ty.as_str(),
                    s.mentions,
                    s.articles,
                    spellings.join("، ")
                ),
            )?;
        }
    }
    Ok(0)
}

/// What `isnad annotate` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AnnotateFormat {
    /// brat standoff, one `.ann` per article under `--out`.
    Brat,
    /// One JSON object per article in the doccano/Prodigy shape, offsets in code points.
    Jsonl,
    /// CoNLL IOB: `token TAG` lines, a blank line after each sentence, `-DOCSTART- O` per article.
    Conll,
}

pub fn annotate(paths: &[PathBuf], max_file_bytes: u64, out: Option<&Path>, format: AnnotateFormat) -> Result<i32> {
    let roots = roots(paths)?;
    if format != AnnotateFormat::Brat {
        let (project, corpus) = load(&roots, max_file_bytes)?;
        return export::write(&project, &corpus, out, format);
    }
    let out = out.context("`isnad annotate --format brat` needs `--out DIR`")?;
    let (project, corpus) = load(&roots, max_file_bytes)?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let (mut written, mut refused) = (0, 0);
    for (id, f) in corpus.files() {
        let path = Path::new(&f.name);
        let rel = roots
            .iter()
            .filter(|r| r.is_dir())
            .find_map(|r| path.strip_prefix(r).ok())
            .unwrap_or_else(|| Path::new(path.file_name().unwrap_or_default()));
        let target = out.join(rel).with_extension("ann");
        // Never through a link, never outside `out`, never over an `.ann` that could not be read.
        let min_score = project.settings_for(path).min_claim_score();
        let result = write_ann(&corpus, id, min_score).and_then(|text| write_inside(out, &target, text.as_bytes()));
        match result {
            Ok(()) => written += 1,
            Err(reason) => {
                eprintln!("isnad: {}: not written: {reason}", target.display());
                refused += 1;
            }
        }
    }
    log::info!("wrote {written} .ann files under {}", out.display());
    Ok(if refused > 0 { 2 } else { 0 })
}
