//! The parts of the corpus index that concern annotations: building a file entry with its
//! annotated mentions, merging them with automatic ones, and the corpus-wide tables kept for
//! consistency checks (annotated spellings, the types behind a shared reference).

use std::sync::Arc;

use super::{annotated_keys, Corpus, FileEntry, FileId, KbData};
use crate::analysis::annotations::{annotated_mentions, merge_mentions, ArticleAnnotations};
use crate::analysis::claims::analyse_sentences;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::model::{EntityType, FormKey, Mention};
use crate::analysis::normalize::NormText;
use crate::analysis::recognize::{recognize, TagSpan};
use crate::analysis::text::LineIndex;
use crate::analysis::tokens::Token;

impl FileEntry {
    /// An entry before analysis: its annotated mentions are known, the automatic ones not yet.
    pub(super) fn new(
        name: String,
        text: Arc<str>,
        annotations: Option<Arc<ArticleAnnotations>>,
        discovered: Vec<FormKey>,
        tags: Option<Vec<TagSpan>>,
        kb: &KbData,
    ) -> FileEntry {
        let annotated = annotations.as_ref().map(|a| annotated_mentions(&text, &a.spans, kb)).unwrap_or_default();
        FileEntry {
            name,
            lines: Arc::new(LineIndex::new(&text)),
            text,
            mentions: Vec::new(),
            claims: Vec::new(),
            attributions: Vec::new(),
            annotations,
            discovered,
            annotated,
            tags,
        }
    }

    /// Mentions (automatic, overridden by annotated ones) and claims of the entry's text.
    pub(super) fn analyse(
        &mut self,
        norm: &NormText,
        tokens: &[Token],
        kb: &KbData,
        corpus: &Lexicon,
        annotations_only: bool,
    ) {
        let automatic = recognize(norm, tokens, &kb.lexicon, corpus, self.tags.as_deref()).mentions;
        let only_annotated =
            self.annotations.as_ref().is_some_and(|a| (annotations_only || a.exclusive) && a.unreadable.is_none());
        self.mentions = merge_mentions(automatic, &self.annotated, only_annotated);
        let findings = analyse_sentences(&self.text, tokens, &self.mentions);
        self.claims = findings.claims;
        self.claims.shrink_to_fit();
        self.attributions = findings.attributions;
        self.attributions.shrink_to_fit();
    }

    /// The mentions an annotator wrote, whether or not they are in `mentions` (they always are).
    pub fn annotated(&self) -> &[Mention] {
        &self.annotated
    }
}

impl Corpus {
    /// Replaces the annotations of an article already in the corpus (its `.ann` changed).
    pub fn set_annotations(&mut self, name: &str, annotations: Option<Arc<ArticleAnnotations>>) -> Option<FileId> {
        let text = self.file(self.file_id(name)?)?.text.clone();
        Some(self.set_article(name, text, annotations))
    }

    /// Annotated mentions with this normalised spelling, across the corpus: (file, mention index).
    pub fn annotated_with_form(&self, form: &str) -> &[(FileId, u32)] {
        self.annotated_by_form.get(form).map_or(&[], Vec::as_slice)
    }

    /// Whether any article annotates this normalised spelling.
    pub fn is_annotated_form(&self, form: &str) -> bool {
        !self.annotated_with_form(form).is_empty()
    }

    pub(super) fn count_annotated(&mut self, old: &[Mention], new: &[Mention]) {
        for f in annotated_keys(old) {
            if let Some(n) = self.annotated_keys.get_mut(&f) {
                *n -= 1;
                if *n == 0 {
                    self.annotated_keys.remove(&f);
                }
                self.spread_changes.annotated.insert(f);
            }
        }
        for f in annotated_keys(new) {
            *self.annotated_keys.entry(f.clone()).or_default() += 1;
            self.spread_changes.annotated.insert(f);
        }
    }

    /// The type most of these mentions have (ties: the first in type order).
    pub(super) fn majority_type(&self, postings: &[(FileId, u32)]) -> EntityType {
        let mut counts: std::collections::BTreeMap<EntityType, usize> = Default::default();
        for &(file, i) in postings {
            if let Some(m) = self.file(file).and_then(|f| f.mentions.get(i as usize)) {
                *counts.entry(m.ty.clone()).or_default() += 1;
            }
        }
        let best = counts.values().copied().max().unwrap_or(0);
        counts.into_iter().find(|(_, n)| *n == best).map_or(EntityType::Per, |(t, _)| t)
    }
}
