//! The batch commands: `isnad check`, `isnad entities`, `isnad annotate`.
//!
//! Each reads the corpus from disk, builds the same index the language server uses, and prints
//! the same results: diagnostics as `path:line:col: severity code: message`, the entity table,
//! or brat files. Exit status: 0 clean, 1 when `check` finds warnings, 2 on usage or I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use serde_json::json;

use crate::analysis::brat::write_ann;
use crate::analysis::corpus::{Corpus, KbData};
use crate::analysis::features::summary;
use crate::analysis::kb::Kb;
use crate::analysis::model::{ClaimKind, Lang};
use crate::analysis::standoff::{parse_ann, validate, ProblemKind};
use crate::analysis::text::ColumnUnit;
use crate::workspace::read_corpus;

mod export;

/// The corpus roots given on the command line (default: the current directory); each must exist.
fn roots(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let roots: Vec<PathBuf> = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.to_vec() };
    for r in &roots {
        std::fs::metadata(r).with_context(|| format!("cannot read {}", r.display()))?;
    }
    Ok(roots)
}

/// Loads the corpus under the given roots. Unreadable files are reported on stderr and skipped.
pub fn load(roots: &[PathBuf], max_file_bytes: u64) -> Corpus {
    let started = std::time::Instant::now();
    let (files, skipped) = read_corpus(roots, max_file_bytes);
    for s in skipped {
        eprintln!("isnad: skipped {}: {}", s.path.display(), s.reason);
    }
    log::info!("read {} articles in {:.2?}", files.len(), started.elapsed());
    let kb = Arc::new(KbData::new(Kb::builtin()));
    log::info!("knowledge base ready after {:.2?}", started.elapsed());
    let corpus = Corpus::build(kb, files);
    log::info!("corpus indexed after {:.2?}", started.elapsed());
    corpus
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
    severity: &'static str,
    code: &'a str,
    message: String,
}

pub fn check(paths: &[PathBuf], max_file_bytes: u64, json_format: bool, lang: Lang) -> Result<i32> {
    let corpus = load(&roots(paths)?, max_file_bytes);
    let mut findings: Vec<Finding> = Vec::new();
    for (_, f) in corpus.files() {
        for c in &f.claims {
            let (line, col) = f.lines.position(&f.text, c.start, ColumnUnit::CodePoint);
            let (end_line, end_col) = f.lines.position(&f.text, c.end, ColumnUnit::CodePoint);
            let severity = match c.kind {
                ClaimKind::Unsourced => "warning",
                ClaimKind::Vague => "info",
            };
            findings.push(Finding {
                path: f.name.clone(),
                line: line + 1,
                column: col + 1,
                end: Some((end_line + 1, end_col + 1)),
                severity,
                code: c.kind.code(),
                message: c.message(lang).to_string(),
            });
        }
        findings.extend(annotation_findings(&f.name, &f.text));
    }
    let mut out = std::io::stdout().lock();
    if json_format {
        let rows: Vec<_> = findings
            .iter()
            .map(|d| {
                json!({"path": d.path, "line": d.line, "column": d.column, "end_line": d.end.map(|e| e.0),
                    "end_column": d.end.map(|e| e.1), "severity": d.severity, "code": d.code, "message": d.message})
            })
            .collect();
        emit(&mut out, format_args!("{}", serde_json::to_string_pretty(&rows)?))?;
    } else {
        for d in &findings {
            emit(
                &mut out,
                format_args!("{}:{}:{}: {} {}: {}", d.path, d.line, d.column, d.severity, d.code, d.message),
            )?;
        }
    }
    let failing = findings.iter().any(|d| matches!(d.severity, "warning" | "error"));
    Ok(if failing { 1 } else { 0 })
}

/// Problems of the brat file beside an article (`X.ann` next to `X.txt`): stale or malformed
/// lines and references to missing ids, as errors at the `.ann` line.
fn annotation_findings(article: &str, text: &str) -> Vec<Finding<'static>> {
    let ann_path = Path::new(article).with_extension("ann");
    let Ok(ann_text) = std::fs::read_to_string(&ann_path) else { return Vec::new() };
    let ann = parse_ann(&ann_text);
    validate(&ann, text)
        .into_iter()
        .map(|p| {
            let code = match p.kind {
                ProblemKind::TextMismatch { .. } | ProblemKind::PastEnd { .. } | ProblemKind::StartAfterEnd { .. } => {
                    "stale-annotation"
                }
                ProblemKind::Malformed { .. } => "malformed-annotation",
                _ => "annotation-reference",
            };
            let message = p.to_string();
            let message = message.split_once(": ").map_or(message.as_str(), |(_, m)| m).to_string();
            Finding {
                path: ann_path.to_string_lossy().into_owned(),
                line: p.line as u32,
                column: 1,
                end: None,
                severity: "error",
                code,
                message,
            }
        })
        .collect()
}

pub fn entities(paths: &[PathBuf], max_file_bytes: u64, json_format: bool) -> Result<i32> {
    let corpus = load(&roots(paths)?, max_file_bytes);
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
        return export::write(&load(&roots, max_file_bytes), out, format);
    }
    let out = out.context("`isnad annotate --format brat` needs `--out DIR`")?;
    let corpus = load(&roots, max_file_bytes);
    let mut written = 0;
    for (id, f) in corpus.files() {
        let path = Path::new(&f.name);
        let rel = roots
            .iter()
            .filter(|r| r.is_dir())
            .find_map(|r| path.strip_prefix(r).ok())
            .unwrap_or_else(|| Path::new(path.file_name().unwrap_or_default()));
        let target = out.join(rel).with_extension("ann");
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&target, write_ann(&corpus, id))
            .with_context(|| format!("cannot write {}", target.display()))?;
        written += 1;
    }
    log::info!("wrote {written} .ann files under {}", out.display());
    Ok(0)
}
