//! `isnad annotate --format jsonl|conll`: the corpus's annotations for training taggers.
//!
//! JSONL has one object per article in the doccano/Prodigy shape,
//! `{"text", "spans": [{"start", "end", "label", "entity"}], "claims": [{"start", "end", "label", "code", "score"}],
//! "attributions": [{"start", "end", "source", "source_text", "cue", "inherited", "inherited_from", "quote",
//! "relayed_by"}], "meta": {"path"}}`, offsets in code points, end-exclusive; an attribution's `source` is
//! the source's entity id, `"vague"`, or null for a role the article ties to nobody. CoNLL has `-DOCSTART- O`, a blank line,
//! then `token TAG` lines per article (see `analysis::export::conll`). Both go to stdout, or to
//! `OUT/annotations.jsonl` / `OUT/annotations.conll` with `--out OUT`. Articles are in path order.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use super::{emit, AnnotateFormat};
use crate::analysis::corpus::Corpus;
use crate::analysis::export::{article_export, conll, ArticleExport};
use crate::project::Project;

/// One JSONL line for an article.
pub fn jsonl_line(a: &ArticleExport) -> String {
    let spans: Vec<_> = a
        .entities
        .iter()
        .map(|s| json!({"start": s.cp_start, "end": s.cp_end, "label": s.label, "entity": s.entity}))
        .collect();
    let claims: Vec<_> = a
        .claims
        .iter()
        .map(|s| json!({"start": s.cp_start, "end": s.cp_end, "label": s.label, "code": s.code, "score": s.score.map(|t| f64::from(t) / 1000.0)}))
        .collect();
    let attributions: Vec<_> = a
        .attributions
        .iter()
        .map(|s| {
            json!({"start": s.cp_start, "end": s.cp_end, "source": s.source, "source_text": s.source_text,
                   "cue": s.cue, "inherited": s.inherited_from.is_some(), "inherited_from": s.inherited_from,
                   "quote": s.quote.map(|(a, b)| [a, b]), "relayed_by": s.relayed_by})
        })
        .collect();
    json!({"text": a.text, "spans": spans, "claims": claims, "attributions": attributions, "meta": {"path": a.name}})
        .to_string()
}

/// The CoNLL block of an article.
pub fn conll_block(a: &ArticleExport) -> String {
    let spans: Vec<(usize, usize, &str)> =
        a.entities.iter().map(|s| (s.start as usize, s.end as usize, s.label.as_str())).collect();
    format!("-DOCSTART- O\n\n{}", conll(a.text, &spans))
}

pub fn write(project: &Project, corpus: &Corpus, out: Option<&Path>, format: AnnotateFormat) -> Result<i32> {
    let (render, extension): (fn(&ArticleExport) -> String, &str) = match format {
        AnnotateFormat::Jsonl => (jsonl_line, "jsonl"),
        _ => (conll_block, "conll"),
    };
    let blocks = corpus
        .files()
        .into_iter()
        .filter_map(|(id, f)| article_export(corpus, id, project.settings_for(Path::new(&f.name)).min_claim_score()))
        .map(|a| render(&a));
    match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            for block in blocks {
                // `emit` adds a newline: a JSONL line needs one, a CoNLL block already ends with it.
                emit(&mut stdout, format_args!("{}", block.strip_suffix('\n').unwrap_or(&block)))?;
            }
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            let target = dir.join(format!("annotations.{extension}"));
            let mut file = std::io::BufWriter::new(
                std::fs::File::create(&target).with_context(|| format!("cannot write {}", target.display()))?,
            );
            for block in blocks {
                file.write_all(block.as_bytes())?;
                if extension == "jsonl" {
                    file.write_all(b"\n")?;
                }
            }
            file.flush().with_context(|| format!("cannot write {}", target.display()))?;
        }
    }
    Ok(0)
}
