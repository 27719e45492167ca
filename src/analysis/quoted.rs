//! Who the corpus quotes: the statements attributed to an entity, the attribution of the
//! sentence under the cursor, and the corpus-wide table of sources (`isnad sources`).
//!
//! Everything is read off the articles' [`Attribution`] records: a source that is a mention is
//! the mention's entity; vague sources are grouped by their normalised phrase; a role the
//! article ties to nobody is counted apart. Work is proportional to the articles read (an
//! entity's statements: the articles that mention it).

use rustc_hash::{FxHashMap, FxHashSet};

use super::claims::cue_conjunction_len;
use super::corpus::{Corpus, EntityIdx, FileEntry, FileId};
use super::features::{summary, FileRange};
use super::model::{EntityType, Source};
use super::normalize::normalize_str;

/// One sentence attributed to an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub range: FileRange,
    /// The cue as written (`وقال`, `بحسب`, `:`); empty for a continued quotation.
    pub cue: String,
    pub inherited: bool,
    pub relayed: bool,
}

/// Who a sentence is attributed to, as the hover shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Speaker {
    /// An entity, with its canonical Arabic and English names.
    Entity { entity: EntityIdx, name: String, english: String },
    /// A role the article ties to nobody («قالت الحكومة»), as written.
    Role(String),
    /// An unnamed source, as written.
    Vague(String),
}

/// The attribution of the sentence at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceSource {
    pub sentence: FileRange,
    pub speaker: Speaker,
    pub cue: String,
    /// Where the source was named, when the sentence inherits it (a byte offset in the article).
    pub inherited_from: Option<u32>,
    /// The entity relaying the source («نقلت رويترز عن ...»): its canonical name.
    pub relayed_by: Option<String>,
}

fn slice(f: &FileEntry, start: u32, end: u32) -> String {
    f.text.get(start as usize..end as usize).unwrap_or("").to_string()
}

/// The statements attributed to `entity`, in corpus order (article name, then position).
pub fn statements(corpus: &Corpus, entity: EntityIdx) -> Vec<Statement> {
    let mut files: Vec<FileId> = corpus.mentions_unordered(entity).map(|(file, _)| file).collect();
    files.sort_unstable();
    files.dedup();
    let mut out = Vec::new();
    for file in files {
        let Some(f) = corpus.file(file) else { continue };
        for a in &f.attributions {
            if corpus.source_of(f, a) == Some(entity) {
                out.push(Statement {
                    range: FileRange { file, start: a.start, end: a.end },
                    cue: slice(f, a.cue.0, a.cue.1),
                    inherited: a.inherited_from.is_some(),
                    relayed: a.relayed_by.is_some(),
                });
            }
        }
    }
    let name = |s: &Statement| corpus.file(s.range.file).map(|f| f.name.as_str());
    out.sort_by(|a, b| name(a).cmp(&name(b)).then(a.range.start.cmp(&b.range.start)));
    out
}

/// The statements attributed to the entity of the mention at `offset`.
pub fn statements_at(corpus: &Corpus, file: FileId, offset: u32) -> Vec<Statement> {
    match super::features::mention_at(corpus, file, offset).and_then(|m| corpus.entity_of(m)) {
        Some(entity) => statements(corpus, entity),
        None => Vec::new(),
    }
}

/// The attribution of the sentence that contains `offset`, if it has one.
pub fn sentence_source(corpus: &Corpus, file: FileId, offset: u32) -> Option<SentenceSource> {
    let f = corpus.file(file)?;
    let i = f.attributions.partition_point(|a| a.end < offset);
    let a = f.attributions.get(i).filter(|a| a.start <= offset && offset <= a.end)?;
    let speaker = match a.source {
        Source::Mention(_) => match corpus.source_of(f, a) {
            Some(entity) => {
                let s = summary(corpus, entity);
                Speaker::Entity { entity, name: s.name, english: s.english }
            }
            None => Speaker::Role(match a.source {
                Source::Mention(m) => f.mentions.get(m as usize).map_or(String::new(), |m| slice(f, m.start, m.end)),
                _ => String::new(),
            }),
        },
        Source::Role { start, end } => Speaker::Role(slice(f, start, end)),
        Source::Vague { start, end } => Speaker::Vague(slice(f, start, end)),
    };
    Some(SentenceSource {
        sentence: FileRange { file, start: a.start, end: a.end },
        speaker,
        cue: slice(f, a.cue.0, a.cue.1),
        inherited_from: a.inherited_from,
        relayed_by: a
            .relayed_by
            .and_then(|m| corpus.entity_of(f.mentions.get(m as usize)?))
            .map(|e| summary(corpus, e).name),
    })
}

/// A quoted entity in the corpus-wide table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotedEntity {
    pub entity: EntityIdx,
    pub id: String,
    pub ty: EntityType,
    pub statements: usize,
    pub articles: usize,
    /// Cues without their conjunction (grouped by normalised form, shown by the most frequent
    /// spelling), most used first.
    pub cues: Vec<(String, usize)>,
    pub inherited: usize,
    /// Statements relayed by another outlet («نقلت ... عن»).
    pub relayed: usize,
}

/// An unnamed source, grouped by normalised phrase, shown by its most frequent spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VagueSource {
    pub phrase: String,
    pub statements: usize,
    pub articles: usize,
}

/// Who the corpus quotes: named sources, vague ones, and sentences whose role the article ties
/// to nobody.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourcesReport {
    pub named: Vec<QuotedEntity>,
    pub vague: Vec<VagueSource>,
    pub unresolved: usize,
    pub attributed_sentences: usize,
    pub articles: usize,
}

/// A cue as written without its conjunction («وقالت» → «قالت», «وصفت» stays).
fn cue_word(cue: &str) -> &str {
    let cue = cue.trim();
    let skip = cue_conjunction_len(cue);
    cue.char_indices().nth(skip).map_or(cue, |(i, _)| &cue[i..])
}

/// Values counted under a normalised key, shown by their most frequent spelling.
#[derive(Default)]
struct Spelled(FxHashMap<String, (usize, FxHashMap<String, usize>)>);

impl Spelled {
    fn add(&mut self, written: &str) {
        let entry = self.0.entry(normalize_str(written)).or_default();
        entry.0 += 1;
        *entry.1.entry(written.to_string()).or_default() += 1;
    }

    /// (most frequent spelling, count), most counted first, then by spelling.
    fn ranked(self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = self
            .0
            .into_values()
            .map(|(n, spellings)| {
                let best = spellings.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
                (best.map(|(s, _)| s).unwrap_or_default(), n)
            })
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// The table of every source in the corpus. Sorted by statements (most first), then id or phrase.
pub fn sources_report(corpus: &Corpus) -> SourcesReport {
    #[derive(Default)]
    struct Tally {
        statements: usize,
        articles: FxHashSet<FileId>,
        cues: Spelled,
        inherited: usize,
        relayed: usize,
    }
    let mut named: FxHashMap<EntityIdx, Tally> = FxHashMap::default();
    let mut vague: FxHashMap<String, (Tally, Spelled)> = FxHashMap::default();
    let mut report = SourcesReport::default();
    for (file, f) in corpus.files() {
        report.articles += 1;
        for a in &f.attributions {
            report.attributed_sentences += 1;
            let tally = match (a.source, corpus.source_of(f, a)) {
                (_, Some(e)) => named.entry(e).or_default(),
                (Source::Vague { start, end }, _) => {
                    let phrase = slice(f, start, end);
                    let (tally, spellings) = vague.entry(normalize_str(&phrase)).or_default();
                    spellings.add(&phrase);
                    tally
                }
                _ => {
                    report.unresolved += 1;
                    continue;
                }
            };
            tally.statements += 1;
            tally.articles.insert(file);
            let cue = slice(f, a.cue.0, a.cue.1);
            if !cue.trim().is_empty() {
                tally.cues.add(cue_word(&cue));
            }
            tally.inherited += a.inherited_from.is_some() as usize;
            tally.relayed += a.relayed_by.is_some() as usize;
        }
    }
    report.named = named
        .into_iter()
        .map(|(entity, t)| {
            let cues = t.cues.ranked();
            QuotedEntity {
                entity,
                id: corpus.entity_id(entity).to_string(),
                ty: corpus.entity_type(entity),
                statements: t.statements,
                articles: t.articles.len(),
                cues,
                inherited: t.inherited,
                relayed: t.relayed,
            }
        })
        .collect();
    report.named.sort_by(|a, b| b.statements.cmp(&a.statements).then_with(|| a.id.cmp(&b.id)));
    report.vague = vague
        .into_iter()
        .map(|(_, (t, spellings))| {
            let phrase = spellings.ranked().into_iter().next().map(|(s, _)| s).unwrap_or_default();
            VagueSource { phrase, statements: t.statements, articles: t.articles.len() }
        })
        .collect();
    report.vague.sort_by(|a, b| b.statements.cmp(&a.statements).then_with(|| a.phrase.cmp(&b.phrase)));
    report
}
