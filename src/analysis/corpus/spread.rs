//! Spreading names across the corpus: which discovered or annotated names are recognised in
//! every article, and re-analysing the articles where a change to that set may matter.

use std::collections::BTreeSet;

use super::{hash, prepare, Corpus, FileId, PROPAGATION_RATIO};
use crate::analysis::lexicon::Lexicon;
use crate::analysis::model::{FormKey, NameRef};

impl Corpus {
    /// The discovered names that are recognised corpus-wide: those found from context in a fair
    /// share of the files where their rarest word occurs. A word that a rule once took for a name
    /// (أكثر after a title) occurs in thousands of files and is not spread.
    /// Annotated names are always spread, naming what their annotation names.
    pub(super) fn propagated_forms(&self) -> BTreeSet<(FormKey, NameRef)> {
        self.discovered
            .iter()
            .filter(|(f, &n)| {
                let occurrences =
                    f.form.split(' ').map(|w| self.head_files.get(&hash(w)).map_or(usize::MAX, Vec::len)).min();
                occurrences.is_some_and(|o| o <= PROPAGATION_RATIO * n as usize)
            })
            .map(|(f, _)| (f.clone(), NameRef::Form(f.clone())))
            .chain(self.annotated_keys.keys().cloned())
            .collect()
    }

    /// After the set of spread names changed, re-analyses the files where the changed ones may occur.
    pub(super) fn update_propagation(&mut self, except: FileId) {
        let new = self.propagated_forms();
        if new == self.propagated {
            return;
        }
        let changed: Vec<FormKey> = new.symmetric_difference(&self.propagated).map(|(f, _)| f.clone()).collect();
        self.propagated = new;
        self.rebuild_corpus_lexicon();
        let mut affected: BTreeSet<FileId> = BTreeSet::new();
        for f in &changed {
            let rarest = f.form.split(' ').filter_map(|w| self.head_files.get(&hash(w))).min_by_key(|l| l.len());
            affected.extend(rarest.into_iter().flatten().filter(|&&file| file != except));
        }
        log::debug!("{} spread names changed: {} articles to analyse again", changed.len(), affected.len());
        if self.defer_spread {
            self.pending.extend(affected);
            return;
        }
        for file in affected {
            self.reanalyse_from_text(file);
        }
    }

    fn reanalyse_from_text(&mut self, file: FileId) {
        let Some(entry) = self.files.get(file as usize).and_then(Option::as_ref) else { return };
        let text = entry.text.clone();
        let (norm, tokens) = prepare(&text);
        self.reanalyse(file, &norm, &tokens);
    }

    /// The corpus with `defer_spread` on (for the language server).
    pub fn deferring_spread(mut self) -> Corpus {
        self.defer_spread = true;
        self
    }

    /// Whether articles wait to be analysed again after a change of the spread names.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Analyses again up to `limit` waiting articles (all with `usize::MAX`): a language server
    /// does this in small steps between requests, so that one keystroke that changes which
    /// names are spread never stalls the editor. Returns whether some still wait. With nothing
    /// waiting, the index equals a rebuild.
    pub fn settle(&mut self, limit: usize) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        self.forget_definitions();
        for _ in 0..limit {
            let Some(file) = self.pending.pop_first() else { break };
            self.reanalyse_from_text(file);
        }
        self.resolve_changed_forms();
        !self.pending.is_empty()
    }

    /// Analyses one waiting article now (a request is about to read it).
    pub fn settle_file(&mut self, file: FileId) {
        if self.pending.remove(&file) {
            self.forget_definitions();
            self.reanalyse_from_text(file);
            self.resolve_changed_forms();
        }
    }

    pub(super) fn rebuild_corpus_lexicon(&mut self) {
        let mut lexicon = Lexicon::default();
        // Annotated targets first: where an annotation and a discovery share a spelling, the annotation wins.
        let (annotated, discovered): (Vec<_>, Vec<_>) =
            self.propagated.iter().partition(|(key, target)| *target != NameRef::Form(key.clone()));
        for (key, target) in annotated.into_iter().chain(discovered) {
            lexicon.add_tokens(key.form.split(' ').map(String::from).collect(), target.clone(), key.ty.clone());
        }
        self.corpus_lexicon = lexicon;
    }
}
