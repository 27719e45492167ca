//! Editor features over the corpus index, as plain results: hover, definition, references,
//! highlights, document and workspace symbols, and the corpus entity table.
//!
//! Positions are (file, byte offset); ranges are byte ranges. The protocol layer and the CLI
//! render these; nothing here knows about either.

use std::collections::BTreeMap;

use super::corpus::{Corpus, EntityEntry, EntityIdx, FileId};
pub use super::model::EntitySummary;
use super::model::{EntityType, Mention, Origin, Source};
use super::normalize::normalize_str;

/// A range in one file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileRange {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

/// The mention under the cursor (a cursor just after a name still counts).
pub fn mention_at(corpus: &Corpus, file: FileId, offset: u32) -> Option<&Mention> {
    let mentions = &corpus.file(file)?.mentions;
    let i = mentions.partition_point(|m| m.end < offset);
    mentions.get(i).filter(|m| m.start <= offset && offset <= m.end)
}

pub fn entity_at(corpus: &Corpus, file: FileId, offset: u32) -> Option<EntityIdx> {
    corpus.entity_of(mention_at(corpus, file, offset)?)
}

/// The summary of an entity (cached in the corpus until it changes).
pub fn summary(corpus: &Corpus, entity: EntityIdx) -> EntitySummary {
    (*corpus.cached_summary(entity, || compute_summary(corpus, entity))).clone()
}

fn compute_summary(corpus: &Corpus, entity: EntityIdx) -> EntitySummary {
    let mut spellings: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let mut articles: Vec<FileId> = Vec::new();
    let (mut mentions, mut quoted) = (0, 0);
    for (file, f, idx) in corpus.mentions_in_files_unordered(entity) {
        let m = &f.mentions[idx as usize];
        *spellings.entry(&f.text[m.start as usize..m.end as usize]).or_default() += 1;
        articles.push(file);
        mentions += 1;
        // The sentences attributed to this mention (the entity is quoted through its mentions).
        quoted += f.attributions.iter().filter(|a| a.source == Source::Mention(idx)).count();
    }
    articles.sort_unstable();
    articles.dedup();
    let mut spellings: Vec<(String, usize)> = spellings.into_iter().map(|(t, n)| (t.to_string(), n)).collect();
    spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let (name, english, wikidata, description) = match corpus.entity_entry(entity) {
        Some(EntityEntry::Kb(i)) => {
            let e = corpus.kb.kb.get(*i);
            (e.name.clone(), e.english.clone(), e.wikidata.clone(), e.description.clone())
        }
        _ => {
            let name = full_name_mention(corpus, entity)
                .and_then(|r| corpus.file(r.file).map(|f| f.text[r.start as usize..r.end as usize].to_string()))
                .unwrap_or_default();
            (name, String::new(), String::new(), String::new())
        }
    };
    EntitySummary {
        id: corpus.entity_id(entity).to_string(),
        ty: corpus.entity_type(entity),
        name,
        english,
        wikidata,
        description,
        spellings,
        mentions,
        articles: articles.len(),
        quoted,
    }
}

pub fn hover(corpus: &Corpus, file: FileId, offset: u32) -> Option<(FileRange, EntitySummary)> {
    let m = mention_at(corpus, file, offset)?;
    let entity = corpus.entity_of(m)?;
    Some((FileRange { file, start: m.start, end: m.end }, summary(corpus, entity)))
}

/// What an annotator wrote about the mention at `offset`: the `.ann` file, the `T` id, the type
/// as written and the `N` references.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotationNote {
    pub ann_name: String,
    pub id: String,
    pub raw_type: String,
    pub references: Vec<String>,
}

pub fn annotation_at(corpus: &Corpus, file: FileId, offset: u32) -> Option<AnnotationNote> {
    let m = mention_at(corpus, file, offset).filter(|m| m.origin == Origin::Annotated)?;
    let anns = corpus.file(file)?.annotations.as_ref()?;
    let span = anns.spans.iter().find(|s| s.fragments.contains(&(m.start, m.end)))?;
    Some(AnnotationNote {
        ann_name: anns.ann_name.clone(),
        id: span.id.clone(),
        raw_type: span.raw_type.clone(),
        references: span.references.clone(),
    })
}

/// Where an entity is defined: its entry in a corpus knowledge base, else its first full-name
/// mention in corpus order (the longest spelling, not a partial name).
pub enum Definition {
    InFile(FileRange),
    /// A knowledge-base entry defined in a corpus file that is not an article (`isnad.toml`).
    External {
        file_name: String,
        offset: u32,
    },
}

pub fn definition(corpus: &Corpus, file: FileId, offset: u32) -> Option<Definition> {
    let entity = entity_at(corpus, file, offset)?;
    if let Some((file_name, offset)) = corpus.kb_entity(entity).and_then(|e| e.defined_at.clone()) {
        return Some(Definition::External { file_name, offset });
    }
    full_name_mention(corpus, entity).map(Definition::InFile)
}

fn full_name_mention(corpus: &Corpus, entity: EntityIdx) -> Option<FileRange> {
    let words = |m: &Mention| m.form.split(' ').count();
    let name = |file: FileId| corpus.file(file).map(|f| f.name.as_str());
    let found = corpus.cached_definition(entity, || {
        let (file, m) = corpus.mentions_unordered(entity).filter(|(_, m)| m.origin != Origin::Partial).min_by(
            |(fa, a), (fb, b)| {
                words(b).cmp(&words(a)).then_with(|| name(*fa).cmp(&name(*fb))).then(a.start.cmp(&b.start))
            },
        )?;
        Some((file, m.start, m.end))
    });
    found.map(|(file, start, end)| FileRange { file, start, end })
}

/// Every mention of the entity under the cursor, across the corpus. Without the declaration,
/// the defining mention is left out.
pub fn references(corpus: &Corpus, file: FileId, offset: u32, include_declaration: bool) -> Vec<FileRange> {
    let Some(entity) = entity_at(corpus, file, offset) else {
        return Vec::new();
    };
    let declaration = if include_declaration { None } else { full_name_mention(corpus, entity) };
    corpus
        .ordered_mentions(entity)
        .iter()
        .map(|&(file, start, end)| FileRange { file, start, end })
        .filter(|r| Some(r) != declaration.as_ref())
        .collect()
}

/// Mentions of the entity under the cursor in the same file.
pub fn highlights(corpus: &Corpus, file: FileId, offset: u32) -> Vec<FileRange> {
    let Some(entity) = entity_at(corpus, file, offset) else {
        return Vec::new();
    };
    let Some(f) = corpus.file(file) else {
        return Vec::new();
    };
    f.mentions
        .iter()
        .filter(|m| corpus.entity_of(m) == Some(entity))
        .map(|m| FileRange { file, start: m.start, end: m.end })
        .collect()
}

/// One entity of an article with its mentions there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentEntity {
    pub entity: EntityIdx,
    pub name: String,
    pub ty: EntityType,
    pub mentions: Vec<FileRange>,
}

/// The article's entities grouped by type (PER, LOC, ORG), in order of first mention.
pub fn document_entities(corpus: &Corpus, file: FileId) -> Vec<(EntityType, Vec<DocumentEntity>)> {
    let Some(f) = corpus.file(file) else {
        return Vec::new();
    };
    let mut by_entity: Vec<DocumentEntity> = Vec::new();
    let mut index: rustc_hash::FxHashMap<EntityIdx, usize> = Default::default();
    for m in &f.mentions {
        let Some(entity) = corpus.entity_of(m) else {
            continue;
        };
        let range = FileRange { file, start: m.start, end: m.end };
        match index.get(&entity) {
            Some(&i) => by_entity[i].mentions.push(range),
            None => {
                index.insert(entity, by_entity.len());
                by_entity.push(DocumentEntity {
                    entity,
                    name: display_name(corpus, entity),
                    ty: corpus.entity_type(entity),
                    mentions: vec![range],
                })
            }
        }
    }
    let mut groups: BTreeMap<EntityType, Vec<DocumentEntity>> = BTreeMap::new();
    for d in by_entity {
        groups.entry(d.ty.clone()).or_default().push(d);
    }
    groups.into_iter().collect()
}

/// The canonical Arabic name of an entity (knowledge base), or its canonical discovered form's text.
pub fn display_name(corpus: &Corpus, entity: EntityIdx) -> String {
    match corpus.entity_entry(entity) {
        Some(EntityEntry::Kb(i)) => corpus.kb.kb.get(*i).name.clone(),
        _ => full_name_mention(corpus, entity)
            .and_then(|r| corpus.file(r.file).map(|f| f.text[r.start as usize..r.end as usize].to_string()))
            .unwrap_or_else(|| corpus.entity_id(entity).to_string()),
    }
}

/// Entities mentioned in the corpus whose spellings (normalised) contain the query, with their
/// defining mention; at most `limit`.
pub fn workspace_symbols(corpus: &Corpus, query: &str, limit: usize) -> Vec<(EntityIdx, String, FileRange)> {
    let q = normalize_str(query.trim());
    let mut out = Vec::new();
    for entity in corpus.mentioned_entities() {
        let matches = q.is_empty()
            || corpus.forms_of(entity).any(|f| f.form.contains(&q))
            || corpus.kb_entity(entity).is_some_and(|e| {
                e.spellings().any(|s| normalize_str(s).contains(&q))
                    || e.english.to_lowercase().contains(&query.trim().to_lowercase())
            });
        if !matches {
            continue;
        }
        if let Some(r) = full_name_mention(corpus, entity) {
            out.push((entity, display_name(corpus, entity), r));
        }
        if out.len() >= limit {
            break;
        }
    }
    out
}
