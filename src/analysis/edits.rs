//! Edits offered at a mention, as plain results: link it to another entity, add its entity to the
//! corpus knowledge base, write annotations, make the `.ann` follow the edited text, rename an
//! entity across the corpus (`rename`).
//!
//! Each action is a list of [`FileEdits`]: byte-range replacements in one file of the corpus (an
//! article, its brat `.ann`, or `isnad.toml`), which the protocol layer turns into a workspace
//! edit the user reviews and can undo. Articles are touched only by rename, and only at mention
//! ranges. A `.ann` is only ever appended to, except for the lines an action has to change (the
//! reference of a re-linked annotation, the offsets of annotations that moved): every other line
//! stays byte-identical, BOM and CRLF included (`ann`). An `isnad:<id>` reference is written for
//! knowledge-base entities; an annotated shared reference (`Wikidata:Q…`) is written as it is; a
//! discovered name needs no reference (its spelling links it), so a mention cannot be linked to a
//! discovered entity.
//!
//! Editors ask for actions on every cursor move, so [`offered_actions`] only decides which apply
//! and their titles (without computing an edit); [`resolve_action`] computes the chosen one's.
//! An action whose file cannot be written (an `.ann` or `isnad.toml` that exists but could not be
//! read) is offered disabled, with the reason; nothing outside the files `writable` accepts (the
//! workspace folders) is ever edited.

mod ann;
mod rename;

use std::collections::BTreeMap;
use std::fmt::Write;

use ann::{ann_line_edits, ann_name, relink, unwritable, AnnWriter};
pub use rename::{invalid_name, prepare_rename, rename};

use super::corpus::{Corpus, EntityEntry, EntityIdx, FileEntry, FileId};
use super::features::{display_name, mention_at};
use super::lexicon::name_tokens;
use super::link::weighted_distance;
use super::model::{FormKey, Mention, NameRef, Origin};
use super::tokens::prepare;

/// A replacement of bytes `start..end` of a file by `new_text` (an insertion when they are equal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub start: u32,
    pub end: u32,
    pub new_text: String,
}

/// Edits of one corpus file (its name as the corpus knows it: an article, its `.ann`, `isnad.toml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEdits {
    pub file: String,
    /// The file does not exist yet: create it, then insert at 0.
    pub create: bool,
    /// Sorted by start, never overlapping.
    pub edits: Vec<TextEdit>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    Refactor,
    Source,
}

/// A code action: a title and what it changes, or why it cannot be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<FileEdits>,
    /// The action cannot be done, and why (its edits are then empty).
    pub disabled: Option<String>,
}

impl Action {
    fn new(title: String, kind: ActionKind, edits: Vec<FileEdits>) -> Action {
        Action { title, kind, edits, disabled: None }
    }
}

/// Which action, before its edits are computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionSpec {
    LinkTo(EntityIdx),
    AddToKnowledgeBase,
    AnnotateEverywhere,
    WriteAutomatic,
    /// Write the annotations' moved offsets to the `.ann` (the article was edited).
    SyncAnnotations,
}

/// An action as offered: what it is, its title and kind, and why it is disabled, if it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub spec: ActionSpec,
    pub title: String,
    pub kind: ActionKind,
    pub disabled: Option<String>,
}

/// The corpus configuration that "Add to the knowledge base" writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigTarget<'a> {
    /// There is none yet: it is created.
    Absent,
    Text(&'a str),
    /// It exists and could not be read: nothing is written to it.
    Unreadable(&'a str),
}

/// Where actions may write: the configuration file and which corpus files are editable.
pub struct ActionContext<'a> {
    pub config_file: &'a str,
    pub config: ConfigTarget<'a>,
    /// Whether a file (by its corpus name) may be edited: inside the workspace folders.
    pub writable: &'a dyn Fn(&str) -> bool,
}

/// Entities the mention at `offset` may be meant to name, closest spelling first: knowledge-base
/// entries and annotated shared references of the mention's type, other than its current entity,
/// whose normalised spelling is within a weighted edit distance of under a third of the shorter length.
pub fn link_candidates(corpus: &Corpus, file: FileId, offset: u32, limit: usize) -> Vec<(EntityIdx, f32)> {
    let Some(m) = mention_at(corpus, file, offset) else {
        return Vec::new();
    };
    let current = corpus.entity_of(m);
    let len = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let close = |spellings: &mut dyn Iterator<Item = String>| -> Option<f32> {
        let best = spellings.map(|s| (weighted_distance(&m.form, &s), len(&s))).min_by(|a, b| a.0.total_cmp(&b.0))?;
        (best.0 <= 0.3 * len(&m.form).min(best.1).max(3) as f32).then_some(best.0)
    };
    let mut found: BTreeMap<EntityIdx, f32> = BTreeMap::new();
    // Knowledge-base entities have the index of their entry.
    for (i, e) in corpus.kb.kb.entities.iter().enumerate() {
        let entity = i as EntityIdx;
        if e.ty != m.ty || Some(entity) == current {
            continue;
        }
        if let Some(d) = close(&mut e.spellings().map(|s| name_tokens(s).join(" "))) {
            found.insert(entity, d);
        }
    }
    for entity in corpus.mentioned_entities() {
        if Some(entity) == current
            || found.contains_key(&entity)
            || corpus.entity_type(entity) != m.ty
            || !matches!(corpus.entity_entry(entity), Some(EntityEntry::Reference { .. }))
        {
            continue;
        }
        let forms: Vec<String> = corpus.mentions_unordered(entity).map(|(_, m)| m.form.to_string()).collect();
        if let Some(d) = close(&mut forms.into_iter()) {
            found.insert(entity, d);
        }
    }
    let mut out: Vec<(EntityIdx, f32)> = found.into_iter().collect();
    out.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| corpus.entity_id(a.0).cmp(corpus.entity_id(b.0))));
    out.truncate(limit);
    out
}

/// "Link to <name> (<id>)": annotate the mention at `offset` as naming `entity`, in the article's
/// `.ann`. An annotated mention gets its reference replaced (its other lines stay); any other gets
/// a `T` line and an `N` reference appended.
pub fn link_to(corpus: &Corpus, file: FileId, offset: u32, entity: EntityIdx) -> Option<Action> {
    let f = corpus.file(file)?;
    let m = mention_at(corpus, file, offset)?;
    if corpus.entity_of(m) == Some(entity) {
        return None;
    }
    let reference = link_reference(corpus, entity)?;
    let title = format!("Link to {} ({})", display_name(corpus, entity), corpus.entity_id(entity));
    let annotated = (m.origin == Origin::Annotated)
        .then(|| f.annotations.as_ref()?.spans.iter().find(|s| s.fragments.contains(&(m.start, m.end))))
        .flatten();
    let edits = match (annotated, f.annotations.as_deref()) {
        (Some(span), Some(anns)) => relink(f, &anns.file, &span.id, &span.fragments, &reference, &anns.ann_name)?,
        _ => {
            let mut w = AnnWriter::new(corpus, f);
            w.add(f, m, Some(reference));
            w.finish()?
        }
    };
    Some(Action::new(title, ActionKind::QuickFix, vec![edits]))
}

/// "Add «name» to the knowledge base": an `[[entity]]` entry for the entity of the mention at
/// `offset`, appended to the corpus configuration `config_file` (created when `config_text` is
/// `None`). Its name is the most frequent full spelling, its aliases the other spellings seen;
/// spellings the built-in base gives another entity are left out. Nothing for an entity the
/// knowledge base already has, or when the configuration is not valid TOML.
pub fn add_to_knowledge_base(
    corpus: &Corpus,
    file: FileId,
    offset: u32,
    config_file: &str,
    config_text: Option<&str>,
) -> Option<Action> {
    let m = mention_at(corpus, file, offset)?;
    let entity = corpus.entity_of(m)?;
    let (id, wikidata) = match corpus.entity_entry(entity)? {
        EntityEntry::Kb(_) => return None,
        EntityEntry::Discovered { id, .. } => (id.clone(), String::new()),
        EntityEntry::Reference { id, ty } => {
            let own = super::resolve::discovered_id(&FormKey { form: m.form.clone(), ty: ty.clone() });
            match id.split_once(':') {
                Some(("Wikidata" | "wikidata" | "WD", q)) => (own, q.to_string()),
                Some(_) => (own, String::new()),
                None => (id.clone(), String::new()),
            }
        }
    };
    let spellings = spellings_of(corpus, entity);
    let (name, aliases) = spellings.split_first()?;
    let text = config_text.unwrap_or("");
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut block = String::new();
    if !text.is_empty() && !text.ends_with(nl) {
        block.push_str(nl);
    }
    if !text.trim().is_empty() {
        block.push_str(nl);
    }
    let aliases: Vec<String> = aliases.iter().map(|a| toml_string(a)).collect();
    let _ = write!(
        block,
        "[[entity]]{nl}id = {}{nl}type = {}{nl}name = {}{nl}english = \"\"{nl}aliases = [{}]{nl}wikidata = {}{nl}description = \"\"{nl}",
        toml_string(&id),
        toml_string(corpus.entity_type(entity).as_str()),
        toml_string(name),
        aliases.join(", "),
        toml_string(&wikidata),
    );
    // Appending to a broken file, or to one that already has the id, would not give a usable entry.
    let result = format!("{text}{block}");
    let doc = toml_edit::ImDocument::parse(result.as_str()).ok()?;
    let entries = doc.get("entity").and_then(|e| e.as_array_of_tables())?;
    if entries.iter().filter(|t| t.get("id").and_then(|i| i.as_str()) == Some(id.as_str())).count() != 1 {
        return None;
    }
    let end = text.len() as u32;
    Some(Action::new(
        format!("Add «{name}» to the knowledge base"),
        ActionKind::Refactor,
        vec![FileEdits {
            file: config_file.to_string(),
            create: config_text.is_none(),
            edits: vec![TextEdit { start: end, end, new_text: block }],
        }],
    ))
}

/// The title of "Add to the knowledge base" for the mention's entity, when it applies: the
/// entity is not in the knowledge base (cheap: no spelling is counted).
fn add_to_knowledge_base_title(corpus: &Corpus, m: &Mention) -> Option<String> {
    let entity = corpus.entity_of(m)?;
    if matches!(corpus.entity_entry(entity)?, EntityEntry::Kb(_)) {
        return None;
    }
    Some(format!("Add «{}» to the knowledge base", display_name(corpus, entity)))
}

/// "Write automatic annotations to X.ann": a `T` line (and an `N` reference when the spelling alone
/// would not link it) appended for every mention of the article that is not annotated yet.
pub fn write_automatic_annotations(corpus: &Corpus, file: FileId) -> Option<Action> {
    let f = corpus.file(file)?;
    let mut w = AnnWriter::new(corpus, f);
    for m in f.mentions.iter().filter(|m| m.origin != Origin::Annotated) {
        w.add(f, m, reference_of(corpus, m));
    }
    let title = automatic_title(f);
    Some(Action::new(title, ActionKind::Source, vec![w.finish()?]))
}

fn automatic_title(f: &FileEntry) -> String {
    let name = ann_name(f);
    format!("Write automatic annotations to {}", name.rsplit(['/', '\\']).next().unwrap_or_default())
}

/// "Annotate «name» in every article": the entity's mentions that are not annotated, in every
/// article `writable` accepts whose `.ann` can be written, appended to each article's `.ann`.
pub fn annotate_everywhere(
    corpus: &Corpus,
    file: FileId,
    offset: u32,
    writable: &dyn Fn(&str) -> bool,
) -> Option<Action> {
    let entity = corpus.entity_of(mention_at(corpus, file, offset)?)?;
    let mut by_file: BTreeMap<&str, (&FileEntry, Vec<&Mention>)> = BTreeMap::new();
    for (id, m) in corpus.mentions_of(entity) {
        let Some(f) = corpus.file(id).filter(|_| m.origin != Origin::Annotated) else { continue };
        by_file.entry(&f.name).or_insert_with(|| (f, Vec::new())).1.push(m);
    }
    let mut edits = Vec::new();
    for (f, mentions) in by_file.into_values() {
        if unwritable(f).is_some() || !writable(&ann_name(f)) {
            continue;
        }
        let mut w = AnnWriter::new(corpus, f);
        for m in mentions {
            w.add(f, m, reference_of(corpus, m));
        }
        edits.extend(w.finish());
    }
    if edits.is_empty() {
        return None;
    }
    let title = format!("Annotate «{}» in every article", display_name(corpus, entity));
    Some(Action::new(title, ActionKind::Refactor, edits))
}

/// "Write the moved annotations to X.ann": the article was edited and its annotations moved with
/// the text; this writes their offsets (and text) to the `.ann`.
pub fn sync_annotations(corpus: &Corpus, file: FileId) -> Option<Action> {
    let f = corpus.file(file)?;
    let edits = ann_line_edits(f, &[])?;
    Some(Action::new(sync_title(f), ActionKind::Source, vec![edits]))
}

fn sync_title(f: &FileEntry) -> String {
    let name = ann_name(f);
    format!("Write the moved annotations to {}", name.rsplit(['/', '\\']).next().unwrap_or_default())
}

/// The actions that apply at `offset`, with their titles, without computing their edits: links
/// to the three closest candidates, adding the entity to the knowledge base, annotating it
/// everywhere, writing the article's automatic annotations, and writing moved annotations back.
pub fn offered_actions(corpus: &Corpus, file: FileId, offset: u32, ctx: &ActionContext) -> Vec<Offer> {
    let Some(f) = corpus.file(file) else { return Vec::new() };
    let mut out = Vec::new();
    let ann_blocked = unwritable(f);
    let ann_writable = (ctx.writable)(&ann_name(f));
    let offer = |spec, title, kind, disabled| Offer { spec, title, kind, disabled };
    if let Some(m) = mention_at(corpus, file, offset) {
        for (entity, _) in link_candidates(corpus, file, offset, 3).into_iter().filter(|_| ann_writable) {
            if link_reference(corpus, entity).is_none() || corpus.entity_of(m) == Some(entity) {
                continue;
            }
            let title = format!("Link to {} ({})", display_name(corpus, entity), corpus.entity_id(entity));
            out.push(offer(ActionSpec::LinkTo(entity), title, ActionKind::QuickFix, ann_blocked.clone()));
        }
        if let Some(title) = add_to_knowledge_base_title(corpus, m).filter(|_| (ctx.writable)(ctx.config_file)) {
            let disabled = match ctx.config {
                ConfigTarget::Unreadable(reason) => {
                    Some(format!("isnad.toml could not be read ({reason}): isnad does not write to it"))
                }
                ConfigTarget::Absent | ConfigTarget::Text(_) => None,
            };
            out.push(offer(ActionSpec::AddToKnowledgeBase, title, ActionKind::Refactor, disabled));
        }
        if let Some(entity) = corpus.entity_of(m) {
            if corpus.mentions_unordered(entity).any(|(_, m)| m.origin != Origin::Annotated) {
                let title = format!("Annotate «{}» in every article", display_name(corpus, entity));
                out.push(offer(ActionSpec::AnnotateEverywhere, title, ActionKind::Refactor, None));
            }
        }
    }
    if ann_writable && f.mentions.iter().any(|m| m.origin != Origin::Annotated) {
        out.push(offer(ActionSpec::WriteAutomatic, automatic_title(f), ActionKind::Source, ann_blocked.clone()));
    }
    if ann_writable && ann_blocked.is_none() && ann_line_edits(f, &[]).is_some() {
        out.push(offer(ActionSpec::SyncAnnotations, sync_title(f), ActionKind::Source, None));
    }
    out
}

/// The edits of an offered action (`None` when it no longer applies).
pub fn resolve_action(
    corpus: &Corpus,
    file: FileId,
    offset: u32,
    offer: &Offer,
    ctx: &ActionContext,
) -> Option<Action> {
    if let Some(reason) = &offer.disabled {
        return Some(Action {
            title: offer.title.clone(),
            kind: offer.kind,
            edits: Vec::new(),
            disabled: Some(reason.clone()),
        });
    }
    let action = match offer.spec {
        ActionSpec::LinkTo(entity) => link_to(corpus, file, offset, entity),
        ActionSpec::AddToKnowledgeBase => {
            let text = match ctx.config {
                ConfigTarget::Absent => None,
                ConfigTarget::Text(t) => Some(t),
                ConfigTarget::Unreadable(_) => return None,
            };
            add_to_knowledge_base(corpus, file, offset, ctx.config_file, text)
        }
        ActionSpec::AnnotateEverywhere => annotate_everywhere(corpus, file, offset, ctx.writable),
        ActionSpec::WriteAutomatic => write_automatic_annotations(corpus, file),
        ActionSpec::SyncAnnotations => sync_annotations(corpus, file),
    }?;
    // Nothing outside the writable files, whatever an action computed.
    action.edits.iter().all(|e| (ctx.writable)(&e.file)).then_some(action)
}

/// Every action that applies at `offset`, with its edits (for clients that do not resolve them).
pub fn code_actions(corpus: &Corpus, file: FileId, offset: u32, ctx: &ActionContext) -> Vec<Action> {
    offered_actions(corpus, file, offset, ctx)
        .iter()
        .filter_map(|o| resolve_action(corpus, file, offset, o, ctx))
        .collect()
}

/// The reference that names `entity` in an `N` line: `isnad:<id>` for a knowledge-base entry, the
/// shared reference itself for a reference entity; none for a discovered name.
fn link_reference(corpus: &Corpus, entity: EntityIdx) -> Option<String> {
    match corpus.entity_entry(entity)? {
        EntityEntry::Kb(i) => Some(format!("isnad:{}", corpus.kb.kb.get(*i).id)),
        EntityEntry::Reference { .. } => corpus.mentions_unordered(entity).find_map(|(_, m)| match &m.target {
            NameRef::Ref(r) => Some(r.clone()),
            _ => None,
        }),
        EntityEntry::Discovered { .. } => None,
    }
}

/// The reference an annotation of `m` needs to name what `m` names: none when its own spelling
/// does (a discovered name).
fn reference_of(corpus: &Corpus, m: &Mention) -> Option<String> {
    match &m.target {
        NameRef::Form(k) if k.form == m.form && k.ty == m.ty => None,
        NameRef::Ref(r) => Some(r.clone()),
        _ => {
            let entity = corpus.entity_of(m)?;
            link_reference(corpus, entity).or_else(|| Some(format!("isnad:{}", corpus.entity_id(entity))))
        }
    }
}

/// The entity's spellings for a knowledge-base entry, most frequent first: partial names left out,
/// one per normalised form, none that the knowledge base gives another entity.
fn spellings_of(corpus: &Corpus, entity: EntityIdx) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut partial: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, m) in corpus.mentions_unordered(entity) {
        let Some(f) = corpus.file(id) else { continue };
        let text = &f.text[m.start as usize..m.end as usize];
        if text.contains(['\n', '\r', '\t']) {
            continue;
        }
        *(if m.origin == Origin::Partial { &mut partial } else { &mut counts }).entry(text).or_default() += 1;
    }
    if counts.is_empty() {
        counts = partial;
    }
    let mut list: Vec<(&str, usize)> = counts.into_iter().collect();
    // Most frequent first; on a tie, as a cluster's canonical form: most words, longest.
    let words = |s: &str| s.split_whitespace().count();
    list.sort_by(|a, b| {
        (b.1, words(b.0), b.0.chars().count()).cmp(&(a.1, words(a.0), a.0.chars().count())).then_with(|| a.0.cmp(b.0))
    });
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (s, _) in list {
        let key = name_tokens(s).join(" ");
        if key.is_empty() || seen.contains(&key) || claimed_by_kb(corpus, s) {
            continue;
        }
        seen.push(key);
        out.push(s.to_string());
    }
    out
}

/// Whether the knowledge base lists this exact spelling (normalised, without proclitics).
fn claimed_by_kb(corpus: &Corpus, spelling: &str) -> bool {
    let (_, tokens) = prepare(spelling);
    !tokens.is_empty()
        && corpus.kb.lexicon.longest_at(&tokens, 0).is_some_and(|h| h.len == tokens.len() && h.prefix_chars == 0)
}

/// A TOML basic string.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
