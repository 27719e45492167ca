//! The knowledge base with its lookup structures: the trie of every spelling, the fuzzy index for
//! variant spellings, Wikidata ids, and the sequence tagger. Built once per knowledge base and
//! shared (read-only) by every analysis; it depends on nothing that analyses articles.

use std::collections::HashMap;
use std::sync::Arc;

use super::kb::{Kb, KbEntity};
use super::lexicon::Lexicon;
use super::link::KbFuzzy;
use super::model::NameRef;
use super::tagger::Tagger;

/// The knowledge base with its lookup structures, shared by every analysis.
#[derive(Debug, Default)]
pub struct KbData {
    pub kb: Kb,
    pub lexicon: Lexicon,
    pub fuzzy: KbFuzzy,
    /// Wikidata id (`Q7747`) → entity, for annotations normalised to Wikidata.
    pub by_wikidata: HashMap<String, u32>,
    /// The sequence tagger at the centre of recognition (none: the rules alone).
    pub tagger: Option<Arc<Tagger>>,
}

impl KbData {
    pub fn new(kb: Kb) -> KbData {
        let mut lexicon = Lexicon::default();
        // A corpus's own entries come first, so that a spelling they share with a built-in entry is theirs.
        let mut order: Vec<(usize, &KbEntity)> = kb.entities.iter().enumerate().collect();
        order.sort_by_key(|(i, e)| (e.source != "corpus", *i));
        for (idx, e) in order {
            for s in e.spellings() {
                lexicon.add(s, NameRef::Kb(idx as u32), e.ty.clone());
            }
        }
        // Latin spellings are matched as written (the KB itself holds Arabic only).
        for line in include_str!("words/latin_aliases.tsv").lines().filter(|l| !l.starts_with('#')) {
            if let Some((id, spelling)) = line.split_once('\t') {
                if let Some(idx) = kb.index_of(id) {
                    lexicon.add(spelling, NameRef::Kb(idx), kb.get(idx).ty.clone());
                }
            }
        }
        let fuzzy = KbFuzzy::new(&kb);
        let mut by_wikidata = HashMap::new();
        for (idx, e) in kb.entities.iter().enumerate().rev() {
            if !e.wikidata.is_empty() {
                by_wikidata.insert(e.wikidata.clone(), idx as u32);
            }
        }
        KbData { kb, lexicon, fuzzy, by_wikidata, tagger: None }
    }

    /// The same, recognising with this tagger.
    pub fn with_tagger(mut self, tagger: Option<Arc<Tagger>>) -> KbData {
        self.tagger = tagger;
        self
    }
}
