//! Settling: analysing again the articles that a change of the spread names affects, a few at a
//! time. A step has three parts, so that a language server holds its index only to read the
//! inputs and to put in the results: [`Corpus::settle_inputs`] copies what the next articles'
//! analyses need, [`SettleInputs::analyse`] analyses them with no access to the corpus, and
//! [`Corpus::apply_settled`] puts in the analyses that are still current — those of articles
//! still waiting, with the same text and annotations, made with the spread names still in force
//! (others are left waiting, to be done again). [`Corpus::settle`] is the three in a row.

use std::sync::Arc;

use super::{prepare, Corpus, FileEntry, FileId};
use crate::analysis::knowledge::KbData;
use crate::analysis::lexicon::Lexicon;

/// What the analyses of a settling step need: copies of the waiting articles' entries (`None`
/// for a file since removed), the knowledge base and the spread names.
pub struct SettleInputs {
    kb: Arc<KbData>,
    lexicon: Arc<Lexicon>,
    annotations_only: bool,
    entries: Vec<(FileId, Option<FileEntry>)>,
}

/// A settling step's analyses, to put in with [`Corpus::apply_settled`].
pub struct Settled {
    lexicon: Arc<Lexicon>,
    entries: Vec<(FileId, Option<FileEntry>)>,
}

/// Whether two entries are of the same text and annotations (the same shared values). Setting an
/// article takes it out of the waiting set already; this keeps a later way of changing one from
/// putting in an analysis of its old text.
fn same_input(a: &FileEntry, b: &FileEntry) -> bool {
    let annotations = match (&a.annotations, &b.annotations) {
        (None, None) => true,
        (Some(x), Some(y)) => Arc::ptr_eq(x, y),
        _ => false,
    };
    Arc::ptr_eq(&a.text, &b.text) && annotations
}

impl Corpus {
    /// Whether articles wait to be analysed again after a change of the spread names.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Analyses again up to `limit` waiting articles (all with `usize::MAX`): a language server
    /// does this in small steps between requests, so that one keystroke that changes which
    /// names are spread never stalls the editor. Returns whether some still wait. With nothing
    /// waiting, the index equals a rebuild.
    pub fn settle(&mut self, limit: usize) -> bool {
        match self.settle_inputs(limit) {
            Some(inputs) => self.apply_settled(inputs.analyse()),
            None => false,
        }
    }

    /// The inputs of the next settling step of up to `limit` articles (`None`: none waits).
    pub fn settle_inputs(&self, limit: usize) -> Option<SettleInputs> {
        if self.pending.is_empty() {
            return None;
        }
        let entry = |id: FileId| self.files.get(id as usize).and_then(Option::as_ref).cloned();
        Some(SettleInputs {
            kb: self.kb.clone(),
            lexicon: self.corpus_lexicon.clone(),
            annotations_only: self.options.annotations_only,
            entries: self.pending.iter().take(limit).map(|&id| (id, entry(id))).collect(),
        })
    }

    /// Puts in a settling step's analyses that are still current (see the module doc). Returns
    /// whether some articles still wait.
    pub fn apply_settled(&mut self, settled: Settled) -> bool {
        if !Arc::ptr_eq(&settled.lexicon, &self.corpus_lexicon) {
            // The spread names changed meanwhile: these articles are analysed again later.
            return self.has_pending();
        }
        for (id, analysed) in settled.entries {
            let slot = self.files.get_mut(id as usize).map(Option::take);
            match (slot.flatten(), analysed) {
                (Some(old), Some(new)) if same_input(&old, &new) && self.pending.contains(&id) => {
                    self.pending.remove(&id);
                    self.unindex_mentions(id, &old);
                    self.index_mentions(id, &new);
                    self.files[id as usize] = Some(new);
                }
                (Some(old), _) => self.files[id as usize] = Some(old),
                (None, _) => {
                    // Removed: nothing to analyse.
                    self.pending.remove(&id);
                }
            }
        }
        self.resolve_changed_forms();
        self.has_pending()
    }
}

impl SettleInputs {
    /// Analyses the articles (the long part of a step; it reads nothing of the corpus).
    pub fn analyse(self) -> Settled {
        let (kb, lexicon, annotations_only) = (&self.kb, &self.lexicon, self.annotations_only);
        let entries = self
            .entries
            .into_iter()
            .map(|(id, entry)| {
                let entry = entry.map(|mut e| {
                    let text = e.text.clone();
                    let (norm, tokens) = prepare(&text);
                    e.analyse(&norm, &tokens, kb, lexicon, annotations_only);
                    e
                });
                (id, entry)
            })
            .collect();
        Settled { lexicon: self.lexicon, entries }
    }
}
