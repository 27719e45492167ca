//! Spreading names across the corpus: which discovered or annotated names are recognised in
//! every article, and re-analysing the articles where a change to that set may matter.

use std::collections::BTreeSet;

use super::{hash, prepare, Corpus, FileId, PROPAGATION_RATIO};
use crate::analysis::lexicon::Lexicon;
use crate::analysis::model::{FormKey, NameRef};

/// What changed since the spread names were last worked out: the inputs of `propagated_forms`,
/// recorded where the index changes them.
#[derive(Debug, Default)]
pub(super) struct SpreadChanges {
    /// Discovered forms whose count changed.
    pub(super) forms: BTreeSet<FormKey>,
    /// Annotated (form, target) pairs whose count changed.
    pub(super) annotated: BTreeSet<(FormKey, NameRef)>,
    /// Head words whose list of files changed, with the list's length before the first change.
    pub(super) heads: rustc_hash::FxHashMap<u64, usize>,
}

/// The hashes of a form's words, each once.
fn distinct_word_hashes(f: &FormKey) -> Vec<u64> {
    let mut hashes: Vec<u64> = f.form.split(' ').map(hash).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

impl Corpus {
    /// The discovered names that are recognised corpus-wide: those found from context in a fair
    /// share of the files where their rarest word occurs. A word that a rule once took for a name
    /// (أكثر after a title) occurs in thousands of files and is not spread.
    /// Annotated names are always spread, naming what their annotation names.
    pub(super) fn propagated_forms(&self) -> BTreeSet<(FormKey, NameRef)> {
        self.discovered
            .keys()
            .filter(|f| self.is_spread(f))
            .map(|f| (f.clone(), NameRef::Form(f.clone())))
            .chain(self.annotated_keys.keys().cloned())
            .collect()
    }

    /// Whether a discovered form is spread (see `propagated_forms`).
    fn is_spread(&self, f: &FormKey) -> bool {
        let Some(&n) = self.discovered.get(f) else { return false };
        let occurrences = f.form.split(' ').map(|w| self.head_files.get(&hash(w)).map_or(usize::MAX, Vec::len)).min();
        occurrences.is_some_and(|o| o <= PROPAGATION_RATIO * n as usize)
    }

    /// Whether a (form, target) pair belongs in `propagated_forms`.
    fn belongs_to_propagated(&self, key: &(FormKey, NameRef)) -> bool {
        self.annotated_keys.contains_key(key)
            || (matches!(&key.1, NameRef::Form(f) if *f == key.0) && self.is_spread(&key.0))
    }

    /// Files a discovered form under each of its words (it just became present).
    pub(super) fn index_discovered_words(&mut self, f: &FormKey) {
        for h in distinct_word_hashes(f) {
            self.discovered_by_word.entry(h).or_default().push(f.clone());
        }
    }

    /// Takes a discovered form out of its words' lists (it is no longer present).
    pub(super) fn unindex_discovered_words(&mut self, f: &FormKey) {
        for h in distinct_word_hashes(f) {
            if let Some(list) = self.discovered_by_word.get_mut(&h) {
                if let Some(at) = list.iter().position(|g| g == f) {
                    list.swap_remove(at);
                }
                if list.is_empty() {
                    self.discovered_by_word.remove(&h);
                }
            }
        }
    }

    /// The pairs whose place in `propagated_forms` may have changed since it was last brought up
    /// to date: the forms whose count changed, the forms with a word whose number of files
    /// changed, and the annotated pairs whose count changed. Work in proportion to the change,
    /// not to the corpus.
    fn changed_candidates(&mut self) -> BTreeSet<(FormKey, NameRef)> {
        let changes = std::mem::take(&mut self.spread_changes);
        let mut forms = changes.forms;
        for (h, before) in changes.heads {
            if self.head_files.get(&h).map_or(0, Vec::len) != before {
                forms.extend(self.discovered_by_word.get(&h).into_iter().flatten().cloned());
            }
        }
        let mut candidates = changes.annotated;
        candidates.extend(forms.into_iter().map(|f| (f.clone(), NameRef::Form(f))));
        candidates
    }

    /// After the set of spread names changed, re-analyses the files where the changed ones may occur.
    pub(super) fn update_propagation(&mut self, except: FileId) {
        let mut changed: Vec<FormKey> = Vec::new();
        for key in self.changed_candidates() {
            let belongs = self.belongs_to_propagated(&key);
            if belongs != self.propagated.contains(&key) {
                if belongs {
                    self.propagated.insert(key.clone());
                } else {
                    self.propagated.remove(&key);
                }
                changed.push(key.0);
            }
        }
        if changed.is_empty() {
            return;
        }
        changed.dedup();
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

    /// Whether `file` waits to be analysed again (see [`Corpus::settle`]).
    pub fn is_pending(&self, file: FileId) -> bool {
        self.pending.contains(&file)
    }

    /// Analyses one waiting article now (a request is about to read it).
    pub fn settle_file(&mut self, file: FileId) {
        if self.pending.remove(&file) {
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
        self.corpus_lexicon = std::sync::Arc::new(lexicon);
    }
}
