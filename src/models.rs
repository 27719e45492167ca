//! The trained models isnad loads at start-up: the sequence tagger (`data/tagger.bin` and
//! `data/clusters.tsv`, compiled in).
//!
//! `ISNAD_TAGGER_MODEL=FILE` (with `ISNAD_TAGGER_CLUSTERS=FILE`) loads another model instead, for
//! training experiments; `ISNAD_TAGGER=off` recognises with the rules alone. A model that cannot be
//! read is a clear error at start-up, never a panic.

use std::sync::Arc;

use anyhow::{Context, Result};

use crate::analysis::tagger::Tagger;

/// The tagger to recognise with, or `None` for the rules alone.
pub fn tagger() -> Result<Option<Arc<Tagger>>> {
    if std::env::var("ISNAD_TAGGER").is_ok_and(|v| v == "off") {
        return Ok(None);
    }
    let tagger = match std::env::var_os("ISNAD_TAGGER_MODEL") {
        Some(path) => {
            let bytes = std::fs::read(&path).with_context(|| format!("cannot read the tagger model {path:?}"))?;
            let clusters = match std::env::var_os("ISNAD_TAGGER_CLUSTERS") {
                Some(c) => std::fs::read_to_string(&c).with_context(|| format!("cannot read the clusters {c:?}"))?,
                None => String::new(),
            };
            Tagger::from_parts(&bytes, &clusters).map_err(anyhow::Error::msg).with_context(|| format!("{path:?}"))?
        }
        None => Tagger::builtin().map_err(anyhow::Error::msg)?,
    };
    // A model with no features would tag nothing: the rules alone are better than that.
    Ok((!tagger.model.is_empty()).then(|| Arc::new(tagger)))
}
