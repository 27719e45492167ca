//! `isnad sources`: who the corpus quotes — each named source with its statements, articles,
//! relayed and inherited statements and cues, then the vague sources by phrase, then a summary
//! line. `--format json` gives the same as one object. Order: most statements first, then id
//! (or phrase), so the output is stable.

use std::path::PathBuf;

use anyhow::Result;
use serde_json::json;

use super::{emit, load, roots};
use crate::analysis::features::summary;
use crate::analysis::quoted::sources_report;

pub fn sources(paths: &[PathBuf], max_file_bytes: u64, json_format: bool) -> Result<i32> {
    let (_, corpus) = load(&roots(paths)?, max_file_bytes)?;
    let report = sources_report(&corpus);
    let mut out = std::io::stdout().lock();
    let cues = |cues: &[(String, usize)]| cues.iter().map(|(c, n)| format!("{c} ×{n}")).collect::<Vec<_>>();
    if json_format {
        let named: Vec<_> = report
            .named
            .iter()
            .map(|q| {
                let s = summary(&corpus, q.entity);
                json!({"id": q.id, "type": q.ty.as_str(), "name": s.name, "english": s.english,
                       "statements": q.statements, "articles": q.articles, "relayed": q.relayed,
                       "inherited": q.inherited,
                       "cues": q.cues.iter().map(|(c, n)| json!({"cue": c, "count": n})).collect::<Vec<_>>()})
            })
            .collect();
        let vague: Vec<_> = report
            .vague
            .iter()
            .map(|v| json!({"phrase": v.phrase, "statements": v.statements, "articles": v.articles}))
            .collect();
        let all = json!({"named": named, "vague": vague, "unresolved_roles": report.unresolved,
                         "attributed_sentences": report.attributed_sentences, "articles": report.articles});
        emit(&mut out, format_args!("{}", serde_json::to_string_pretty(&all)?))?;
        return Ok(0);
    }
    emit(
        &mut out,
        format_args!(
            "{:<28} {:<4} {:>10} {:>8} {:>7} {:>9}  {:<24} {}",
            "source", "type", "statements", "articles", "relayed", "inherited", "name", "cues"
        ),
    )?;
    for q in &report.named {
        let name = summary(&corpus, q.entity).name;
        emit(
            &mut out,
            format_args!(
                "{:<28} {:<4} {:>10} {:>8} {:>7} {:>9}  {:<24} {}",
                q.id,
                q.ty.as_str(),
                q.statements,
                q.articles,
                q.relayed,
                q.inherited,
                name,
                cues(&q.cues).join("، ")
            ),
        )?;
    }
    if !report.vague.is_empty() {
        emit(&mut out, format_args!("\n{:<28} {:>10} {:>8}", "vague source", "statements", "articles"))?;
        for v in &report.vague {
            emit(&mut out, format_args!("{:<28} {:>10} {:>8}", v.phrase, v.statements, v.articles))?;
        }
    }
    emit(
        &mut out,
        format_args!(
            "\n{} attributed sentences in {} articles: {} to {} named sources, {} to vague sources, {} to a role tied to no name",
            report.attributed_sentences,
            report.articles,
            report.named.iter().map(|q| q.statements).sum::<usize>(),
            report.named.len(),
            report.vague.iter().map(|v| v.statements).sum::<usize>(),
            report.unresolved
        ),
    )?;
    Ok(0)
}
