//! The corpus index: every article's mentions and claims, the names discovered across the corpus,
//! and which mentions are the same entity.
//!
//! Per-file summaries plus corpus-wide tables, updated by difference. Architecture invariant: the
//! index after any sequence of `set_file`/`remove_file` calls equals the index built from scratch
//! over the same files (`dump` makes the comparison; a property test checks it). That holds
//! because a file's discoveries depend on its own text and the knowledge base only, and its
//! mentions on its own text and the set of all discoveries.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::annotations::ArticleAnnotations;
use super::kb::KbEntity;
use super::knowledge::KbData;
use super::lexicon::Lexicon;
use super::model::{Attribution, Claim, EntityType, FormKey, Mention, NameRef, Origin};
use super::normalize::NormText;
use super::recognize::{discoveries, tag, TagSpan};
use super::resolve::Resolver;
use super::standoff::conf::AnnotationConf;
use super::tagger::features::Emissions;
use super::text::LineIndex;
use super::tokens::prepare;
use super::tokens::Token;

mod annotated;
mod heads;
mod memo;
mod settle;
mod spread;

use spread::SpreadChanges;

use heads::{hash, HeadCache};

pub type FileId = u32;
/// A byte range in one file: (file, start, end).
pub type FileSpan = (FileId, u32, u32);
use super::model::EntitySummary;
pub use super::resolve::{EntityEntry, EntityIdx};
pub use settle::{SettleInputs, Settled};

/// One article in the index.
#[derive(Clone, Debug)]
pub struct FileEntry {
    pub name: String,
    pub text: Arc<str>,
    pub lines: Arc<LineIndex>,
    /// Sorted by start, never overlapping.
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    /// The attributed sentences, in text order (their `Source::Mention` index `mentions`).
    pub attributions: Vec<Attribution>,
    /// What an annotator wrote about the article (its `.ann`), if anything.
    pub annotations: Option<Arc<ArticleAnnotations>>,
    discovered: Vec<FormKey>,
    /// Mentions from the annotations, before merging with automatic ones.
    annotated: Vec<Mention>,
    /// The tagger's spans of the text (it is tagged once), when recognising with a tagger.
    tags: Option<Vec<TagSpan>>,
}

/// An article to index: its name, text and annotations.
pub type Article = (String, Arc<str>, Option<Arc<ArticleAnnotations>>);

/// How a corpus is analysed (from its `isnad.toml`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusOptions {
    /// In an annotated article, only annotated mentions count.
    pub annotations_only: bool,
    /// The entity types the corpus's `annotation.conf` declares.
    pub annotation_conf: AnnotationConf,
}

/// A discovered name is spread corpus-wide when its rarest word occurs in at most this many
/// files per file that reveals it from context.
const PROPAGATION_RATIO: usize = 20;

#[derive(Debug, Default)]
pub struct Corpus {
    pub kb: Arc<KbData>,
    files: Vec<Option<FileEntry>>,
    by_name: HashMap<String, FileId>,
    /// Name form → number of files whose context reveals it.
    discovered: BTreeMap<FormKey, u32>,
    pub options: CorpusOptions,
    /// Annotated name form (not a knowledge-base spelling) with what it names → number of files
    /// annotating it so.
    annotated_keys: BTreeMap<(FormKey, NameRef), u32>,
    /// Normalised spelling → annotated mentions of it, for consistency checks.
    annotated_by_form: HashMap<String, Vec<(FileId, u32)>>,
    /// The names recognised everywhere, with what they name (see `propagated_forms`).
    propagated: BTreeSet<(FormKey, NameRef)>,
    /// The spread names as a lexicon; replaced (never changed in place) when they change, so a
    /// settling step can tell whether the one it analysed with is still current.
    corpus_lexicon: Arc<Lexicon>,
    /// Word (or proclitic-split remainder, frequent words left out) → files containing it, sorted.
    head_files: rustc_hash::FxHashMap<u64, Vec<FileId>>,
    /// Word → the discovered forms that contain it (in no order), to find the forms whose spread a
    /// change of the word's files may change.
    discovered_by_word: rustc_hash::FxHashMap<u64, Vec<FormKey>>,
    /// What changed since the spread names were last worked out.
    spread_changes: SpreadChanges,
    /// What a mention names → (file, mention index).
    postings: HashMap<NameRef, Vec<(FileId, u32)>>,
    resolver: Resolver,
    /// Forms and references whose presence in the corpus may have changed during an update, with
    /// whether they were present before it.
    touched: HashMap<NameRef, bool>,
    /// With `defer_spread`, the articles that a change of the spread names affects are queued
    /// here instead of being analysed again at once (see `settle`).
    pub defer_spread: bool,
    pending: BTreeSet<FileId>,
    /// What readers worked out per entity (definition, summary, ordered mentions), until its mentions change.
    memos: memo::EntityMemos,
    /// What the mentions indexed or unindexed since the caches were last brought up to date named
    /// (collected only while something is cached): their entities' cache entries are stale.
    stale: std::collections::HashSet<NameRef>,
}

impl Corpus {
    pub fn new(kb: Arc<KbData>) -> Corpus {
        let resolver = Resolver::new(&kb);
        Corpus { kb, resolver, ..Corpus::default() }
    }

    /// Builds the index of many files at once, in parallel. Equivalent to `set_file` on each.
    pub fn build(kb: Arc<KbData>, files: Vec<(String, Arc<str>)>) -> Corpus {
        let articles = files.into_iter().map(|(name, text)| (name, text, None)).collect();
        Corpus::build_with(kb, articles, CorpusOptions::default())
    }

    /// Builds the index of annotated articles.
    pub fn build_with(kb: Arc<KbData>, files: Vec<Article>, options: CorpusOptions) -> Corpus {
        let mut corpus = Corpus::new(kb);
        corpus.options = options;
        let kb = corpus.kb.clone();
        // First pass: what each article reveals from context, and the words it contains.
        let caches = CachePool::default();
        let first: Vec<(FileEntry, Vec<u64>)> = files
            .into_par_iter()
            .map_init(
                || caches.lend(),
                |cache, (name, text, annotations)| {
                    let (_, tokens) = prepare(&text);
                    let (discovered, tags) = discover_or_tag(&tokens, &kb, &mut cache.caches.emissions);
                    let heads = cache.caches.heads.heads_of(&tokens);
                    (FileEntry::new(name, text, annotations, discovered, tags, &kb), heads)
                },
            )
            .collect();
        drop(caches);
        log::debug!("build: first pass over {} files", first.len());
        let mut entries = Vec::with_capacity(first.len());
        let mut file_heads = Vec::with_capacity(first.len());
        for (entry, heads) in first {
            let id = entries.len() as FileId;
            for f in &entry.discovered {
                let n = corpus.discovered.entry(f.clone()).or_default();
                *n += 1;
                if *n == 1 {
                    corpus.index_discovered_words(f);
                }
            }
            for f in annotated_keys(&entry.annotated) {
                *corpus.annotated_keys.entry(f).or_default() += 1;
            }
            for &h in &heads {
                corpus.head_files.entry(h).or_default().push(id);
            }
            corpus.by_name.insert(entry.name.clone(), id);
            entries.push(entry);
            file_heads.push(heads);
        }
        log::debug!("build: {} head words, {} discovered names", corpus.head_files.len(), corpus.discovered.len());
        corpus.propagated = corpus.propagated_forms();
        corpus.rebuild_corpus_lexicon();
        log::debug!("build: {} names spread corpus-wide", corpus.propagated.len());
        // Second pass: mentions and claims, with the names spread corpus-wide.
        // A file can hold a spread name only if it has the name's rarest indexed word (a name of
        // frequent words only may be anywhere).
        let mut key_words: rustc_hash::FxHashSet<u64> = Default::default();
        let mut anywhere = false;
        for (f, _) in &corpus.propagated {
            let rarest = f.form.split(' ').map(hash).filter_map(|h| Some((corpus.head_files.get(&h)?.len(), h))).min();
            match rarest {
                Some((_, h)) => {
                    key_words.insert(h);
                }
                None => anywhere = true,
            }
        }
        let lexicon: &Lexicon = &corpus.corpus_lexicon;
        let annotations_only = corpus.options.annotations_only;
        let rerun = std::sync::atomic::AtomicUsize::new(0);
        let entries: Vec<FileEntry> = entries
            .into_par_iter()
            .zip(file_heads.into_par_iter())
            .map(|(mut entry, heads)| {
                let (norm, tokens) = prepare(&entry.text);
                let spread_names_may_occur = anywhere || heads.iter().any(|h| key_words.contains(h));
                if spread_names_may_occur {
                    rerun.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                let empty = Lexicon::default();
                let corpus_lexicon = if spread_names_may_occur { lexicon } else { &empty };
                entry.analyse(&norm, &tokens, &kb, corpus_lexicon, annotations_only);
                entry
            })
            .collect();
        log::debug!(
            "build: second pass done ({} of {} articles analysed again)",
            rerun.load(std::sync::atomic::Ordering::Relaxed),
            entries.len()
        );
        for entry in entries {
            let id = corpus.files.len() as FileId;
            corpus.index_mentions(id, &entry);
            corpus.files.push(Some(entry));
        }
        log::debug!("build: mentions indexed");
        corpus.resolve_changed_forms();
        log::debug!("build: {} entities linked", corpus.resolver.len());
        corpus
    }

    /// The defining mention of an entity, from the memo or computed by `compute`.
    pub fn cached_definition(&self, entity: EntityIdx, compute: impl FnOnce() -> Option<FileSpan>) -> Option<FileSpan> {
        self.memos.definition(entity, compute)
    }

    /// The hover summary of an entity, from the memo or computed by `compute`.
    pub fn cached_summary(&self, entity: EntityIdx, compute: impl FnOnce() -> EntitySummary) -> Arc<EntitySummary> {
        self.memos.summary(entity, compute)
    }

    /// Whether anything is memoised per entity (then changes must say which entities they touch).
    fn has_cached(&mut self) -> bool {
        self.memos.any()
    }

    /// Forgets what is memoised for the entities whose mentions changed, or for all of them when the
    /// resolver linked forms anew (`relinked`: entities may have merged or split).
    fn forget_stale(&mut self, relinked: bool) {
        if relinked {
            self.memos.clear();
        } else {
            for target in &self.stale {
                if let Some(entity) = self.resolver.entity_of(target) {
                    self.memos.forget(entity);
                }
            }
        }
        self.stale.clear();
    }

    /// Adds or replaces an article without annotations. Returns its id.
    pub fn set_file(&mut self, name: &str, text: Arc<str>) -> FileId {
        self.set_article(name, text, None)
    }

    /// Adds or replaces an article with its annotations (offsets into `text`). Returns its id.
    pub fn set_article(&mut self, name: &str, text: Arc<str>, annotations: Option<Arc<ArticleAnnotations>>) -> FileId {
        let id = match self.by_name.get(name) {
            Some(&id) => id,
            None => {
                let id = self.files.len() as FileId;
                self.files.push(None);
                self.by_name.insert(name.to_string(), id);
                id
            }
        };
        let (norm, tokens) = prepare(&text);
        let (discovered, tags) = discover_or_tag(&tokens, &self.kb, &mut Emissions::default());
        let old = self.take_file(id);
        let entry = FileEntry::new(name.to_string(), text, annotations, discovered, tags, &self.kb);
        let (old_discovered, old_annotated) = old.map(|e| (e.discovered, e.annotated)).unwrap_or_default();
        self.count_discoveries(&old_discovered, &entry.discovered);
        self.count_annotated(&old_annotated, &entry.annotated);
        for h in HeadCache::default().heads_of(&tokens) {
            let list = self.head_files.entry(h).or_default();
            if let Err(at) = list.binary_search(&id) {
                self.spread_changes.heads.entry(h).or_insert(list.len());
                list.insert(at, id);
            }
        }
        self.files[id as usize] = Some(entry);
        self.update_propagation(id);
        self.pending.remove(&id);
        self.reanalyse(id, &norm, &tokens);
        self.resolve_changed_forms();
        id
    }

    /// Removes an article (deleted on disk, or closed and not on disk).
    pub fn remove_file(&mut self, name: &str) {
        let Some(id) = self.by_name.remove(name) else {
            return;
        };
        if let Some(old) = self.take_file(id) {
            self.count_discoveries(&old.discovered, &[]);
            self.count_annotated(&old.annotated, &[]);
            self.update_propagation(id);
        }
        self.resolve_changed_forms();
    }

    pub fn file_id(&self, name: &str) -> Option<FileId> {
        self.by_name.get(name).copied()
    }

    pub fn file(&self, id: FileId) -> Option<&FileEntry> {
        self.files.get(id as usize)?.as_ref()
    }

    /// All files, in corpus order (by name).
    pub fn files(&self) -> Vec<(FileId, &FileEntry)> {
        let mut out: Vec<(FileId, &FileEntry)> =
            self.files.iter().enumerate().filter_map(|(i, f)| Some((i as FileId, f.as_ref()?))).collect();
        out.sort_by(|a, b| a.1.name.cmp(&b.1.name));
        out
    }

    pub fn file_count(&self) -> usize {
        self.by_name.len()
    }

    /// The entity a mention refers to.
    pub fn entity_of(&self, mention: &Mention) -> Option<EntityIdx> {
        self.resolver.entity_of(&mention.target)
    }

    /// The entity a sentence of `f` is attributed to, when its source is a mention with one.
    pub fn source_of(&self, f: &FileEntry, a: &Attribution) -> Option<EntityIdx> {
        match a.source {
            super::model::Source::Mention(m) => self.entity_of(f.mentions.get(m as usize)?),
            _ => None,
        }
    }

    pub fn entity_entry(&self, entity: EntityIdx) -> Option<&EntityEntry> {
        self.resolver.entry(entity)
    }

    /// The discovered name forms linked to an entity.
    pub fn forms_of(&self, entity: EntityIdx) -> impl Iterator<Item = &FormKey> {
        self.resolver.members(entity).iter().filter_map(|r| match r {
            NameRef::Form(f) => Some(f),
            NameRef::Kb(_) | NameRef::Ref(_) => None,
        })
    }

    /// Every mention of an entity, in no particular order.
    pub fn mentions_unordered(&self, entity: EntityIdx) -> impl Iterator<Item = (FileId, &Mention)> {
        self.mentions_in_files_unordered(entity).map(|(file, f, idx)| (file, &f.mentions[idx as usize]))
    }

    /// Every mention of an entity as its article and its index in the article's mentions, in no
    /// particular order.
    pub fn mentions_in_files_unordered(&self, entity: EntityIdx) -> impl Iterator<Item = (FileId, &FileEntry, u32)> {
        self.resolver.members(entity).iter().flat_map(move |target| {
            self.postings.get(target).into_iter().flatten().filter_map(move |&(file, idx)| {
                let f = self.file(file).filter(|f| (idx as usize) < f.mentions.len())?;
                Some((file, f, idx))
            })
        })
    }

    /// The spans of every mention of an entity, in corpus order (memoised for an entity with many).
    pub fn ordered_mentions(&self, entity: EntityIdx) -> Arc<[FileSpan]> {
        self.memos.ordered(entity, || self.mentions_of(entity).into_iter().map(|(f, m)| (f, m.start, m.end)).collect())
    }

    /// Every mention of an entity, in corpus order.
    pub fn mentions_of(&self, entity: EntityIdx) -> Vec<(FileId, &Mention)> {
        let mut by_file: Vec<(FileId, &Mention)> = self.mentions_unordered(entity).collect();
        // Numbers are compared per mention, names only once per file: an entity named in every
        // article has far fewer files than mentions.
        by_file.sort_unstable_by_key(|(file, m)| (*file, m.start));
        let mut runs: Vec<&[(FileId, &Mention)]> = by_file.chunk_by(|a, b| a.0 == b.0).collect();
        runs.sort_by_key(|run| self.file(run[0].0).map(|f| &f.name));
        runs.concat()
    }

    /// The knowledge-base entry behind an entity, if it has one.
    pub fn kb_entity(&self, entity: EntityIdx) -> Option<&KbEntity> {
        match self.resolver.entry(entity)? {
            EntityEntry::Kb(i) => Some(self.kb.kb.get(*i)),
            EntityEntry::Discovered { .. } | EntityEntry::Reference { .. } => None,
        }
    }

    /// Corpus-wide id of an entity (`putin`, or `per-kyrby` for a discovered name).
    pub fn entity_id(&self, entity: EntityIdx) -> &str {
        match self.resolver.entry(entity) {
            Some(EntityEntry::Kb(i)) => &self.kb.kb.get(*i).id,
            Some(EntityEntry::Discovered { id, .. }) | Some(EntityEntry::Reference { id, .. }) => id,
            None => "?",
        }
    }

    pub fn entity_type(&self, entity: EntityIdx) -> EntityType {
        match self.resolver.entry(entity) {
            Some(EntityEntry::Kb(i)) => self.kb.kb.get(*i).ty.clone(),
            Some(EntityEntry::Discovered { canonical, .. }) => canonical.ty.clone(),
            Some(EntityEntry::Reference { ty, .. }) => ty.clone(),
            None => EntityType::Other("?".into()),
        }
    }

    /// Entities that have at least one mention in the corpus.
    pub fn mentioned_entities(&self) -> Vec<EntityIdx> {
        let mut out: Vec<EntityIdx> = self
            .postings
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .filter_map(|(k, _)| self.resolver.entity_of(k))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// A text form of the whole index, for comparing an incrementally updated index with a rebuild.
    pub fn dump(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (_, f) in self.files() {
            let _ = writeln!(out, "== {}", f.name);
            for m in &f.mentions {
                let entity = self.entity_of(m).map_or("?", |e| self.entity_id(e));
                let _ = writeln!(
                    out,
                    "{}..{} {} {:?} {} {:?}",
                    m.start,
                    m.end,
                    m.ty,
                    &f.text[m.start as usize..m.end as usize],
                    entity,
                    m.origin
                );
            }
            for c in &f.claims {
                let _ = writeln!(
                    out,
                    "{}..{} {}",
                    c.start,
                    c.end,
                    crate::analysis::checks::Check::of_claim(c.kind()).code()
                );
            }
        }
        let _ = writeln!(out, "== discovered");
        for (k, n) in &self.discovered {
            let _ = writeln!(out, "{} {} {}", k.ty, k.form, n);
        }
        let _ = writeln!(out, "== spread");
        for (k, target) in &self.propagated {
            let _ = writeln!(out, "{} {} {target:?}", k.ty, k.form);
        }
        out
    }

    fn take_file(&mut self, id: FileId) -> Option<FileEntry> {
        let old = self.files.get_mut(id as usize)?.take()?;
        self.unindex_mentions(id, &old);
        let (_, tokens) = prepare(&old.text);
        for h in HeadCache::default().heads_of(&tokens) {
            if let Some(list) = self.head_files.get_mut(&h) {
                // Sorted by file id: found by binary search, not by a scan of every file with the word.
                if let Ok(at) = list.binary_search(&id) {
                    self.spread_changes.heads.entry(h).or_insert(list.len());
                    list.remove(at);
                }
                if list.is_empty() {
                    self.head_files.remove(&h);
                }
            }
        }
        Some(old)
    }

    fn count_discoveries(&mut self, old: &[FormKey], new: &[FormKey]) {
        for f in old {
            if let Some(n) = self.discovered.get_mut(f) {
                *n -= 1;
                if *n == 0 {
                    self.discovered.remove(f);
                    self.unindex_discovered_words(f);
                }
                self.spread_changes.forms.insert(f.clone());
            }
        }
        for f in new {
            let n = self.discovered.entry(f.clone()).or_default();
            *n += 1;
            if *n == 1 {
                self.index_discovered_words(f);
            }
            self.spread_changes.forms.insert(f.clone());
        }
    }

    /// Recomputes a file's mentions and claims with the current corpus lexicon and re-indexes it.
    fn reanalyse(&mut self, id: FileId, norm: &NormText, tokens: &[Token]) {
        let Some(mut entry) = self.files[id as usize].take() else {
            return;
        };
        self.unindex_mentions(id, &entry);
        entry.analyse(norm, tokens, &self.kb, &self.corpus_lexicon, self.options.annotations_only);
        self.index_mentions(id, &entry);
        self.files[id as usize] = Some(entry);
    }

    fn index_mentions(&mut self, id: FileId, entry: &FileEntry) {
        if self.has_cached() {
            self.stale.extend(entry.mentions.iter().map(|m| m.target.clone()));
        }
        for (i, m) in entry.mentions.iter().enumerate() {
            let list = self.postings.entry(m.target.clone()).or_default();
            if list.is_empty() && !matches!(m.target, NameRef::Kb(_)) {
                self.touched.entry(m.target.clone()).or_insert(false);
            }
            list.push((id, i as u32));
            if m.origin == Origin::Annotated {
                self.annotated_by_form.entry(m.form.to_string()).or_default().push((id, i as u32));
            }
        }
    }

    /// Removes a file's mentions from the postings: one pass over each target's list (not one per
    /// mention: an article with many mentions of one entity would cost their square).
    fn unindex_mentions(&mut self, id: FileId, entry: &FileEntry) {
        let targets: std::collections::HashSet<&NameRef> = entry.mentions.iter().map(|m| &m.target).collect();
        if self.has_cached() {
            self.stale.extend(targets.iter().map(|&t| t.clone()));
        }
        for target in targets {
            if let Some(list) = self.postings.get_mut(target) {
                list.retain(|&(f, _)| f != id);
                if list.is_empty() {
                    self.postings.remove(target);
                    if !matches!(target, NameRef::Kb(_)) {
                        self.touched.entry(target.clone()).or_insert(true);
                    }
                }
            }
        }
        let forms: std::collections::HashSet<&str> =
            entry.mentions.iter().filter(|m| m.origin == Origin::Annotated).map(|m| m.form.as_str()).collect();
        for form in forms {
            if let Some(list) = self.annotated_by_form.get_mut(form) {
                list.retain(|&(f, _)| f != id);
                if list.is_empty() {
                    self.annotated_by_form.remove(form);
                }
            }
        }
    }

    /// Tells the resolver about the forms that appeared in or vanished from the corpus.
    fn resolve_changed_forms(&mut self) {
        let mut touched: Vec<(NameRef, bool)> = self.touched.drain().collect();
        touched.sort();
        let kb = self.kb.clone();
        let mut relinked = false;
        for (target, was_present) in touched {
            let postings = self.postings.get(&target).filter(|l| !l.is_empty());
            match (&target, was_present, postings) {
                (NameRef::Form(form), false, Some(_)) => self.resolver.add_form(&kb, form),
                (NameRef::Form(form), true, None) => self.resolver.remove_form(form),
                (NameRef::Ref(r), false, Some(list)) => {
                    let ty = self.majority_type(list);
                    self.resolver.add_ref(r, ty)
                }
                (NameRef::Ref(r), true, None) => self.resolver.remove_ref(r),
                _ => continue,
            }
            relinked = true;
        }
        self.forget_stale(relinked);
    }
}

/// The name forms an article's annotations add to the corpus lexicon, once each.
fn annotated_keys(annotated: &[Mention]) -> BTreeSet<(FormKey, NameRef)> {
    annotated
        .iter()
        .filter(|m| !matches!(m.target, NameRef::Kb(_)))
        .map(|m| (FormKey { form: m.form.clone(), ty: m.ty.clone() }, m.target.clone()))
        .collect()
}

/// What an article reveals from context, and the tagger's spans when there is a tagger (its
/// emission cache is `cache`).
fn discover_or_tag(tokens: &[Token], kb: &KbData, cache: &mut Emissions) -> (Vec<FormKey>, Option<Vec<TagSpan>>) {
    match &kb.tagger {
        Some(tagger) => {
            // A one-word spelling holds its type against the tagger's unless it comes from the
            // gazetteer of towns (many towns share their name with people).
            let firm = |e: u32| kb.kb.get(e).source != "geonames";
            let tagged = tag(tokens, &kb.lexicon, tagger, cache, firm);
            (tagged.discovered, Some(tagged.spans))
        }
        None => (discoveries(tokens, &kb.lexicon), None),
    }
}

/// What the first pass of a build keeps about words between articles: the tagger's emission rows
/// and the head words.
#[derive(Default)]
struct WordCaches {
    emissions: Emissions,
    heads: HeadCache,
}

/// The word caches of one build: each thread's piece of work borrows one and gives it back when
/// done, so the words a cache learned serve the next piece; all go with the pool.
#[derive(Default)]
struct CachePool(std::sync::Mutex<Vec<WordCaches>>);

/// Caches borrowed from a [`CachePool`].
struct LentCache<'a> {
    pool: &'a CachePool,
    caches: WordCaches,
}

impl CachePool {
    fn lend(&self) -> LentCache<'_> {
        let caches = self.0.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default();
        LentCache { pool: self, caches }
    }
}

impl Drop for LentCache<'_> {
    fn drop(&mut self) {
        let caches = std::mem::take(&mut self.caches);
        self.pool.0.lock().unwrap_or_else(|e| e.into_inner()).push(caches);
    }
}
