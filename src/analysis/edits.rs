//! Edits offered at a mention, as plain results: link it to another entity, add its entity to the
//! corpus knowledge base, write annotations, rename an entity across the corpus.
//!
//! Each action is a list of [`FileEdits`]: byte-range replacements in one file of the corpus (an
//! article, its brat `.ann`, or `isnad.toml`), which the protocol layer turns into a workspace
//! edit the user reviews and can undo. Articles are touched only by rename, and only at mention
//! ranges. A `.ann` is only ever appended to, except for the lines an action has to change (the
//! reference of a re-linked annotation, the offsets of annotations after a renamed mention): every
//! other line stays byte-identical, BOM and CRLF included. Offsets inside `.ann` lines are code
//! points, as brat counts them. An `isnad:<id>` reference is written for knowledge-base entities;
//! an annotated shared reference (`Wikidata:Q…`) is written as it is; a discovered name needs no
//! reference (its spelling links it), so a mention cannot be linked to a discovered entity.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::corpus::{prepare, Corpus, EntityEntry, EntityIdx, FileEntry, FileId};
use super::features::{display_name, mention_at};
use super::lexicon::name_tokens;
use super::link::weighted_distance;
use super::model::{FormKey, Mention, NameRef, Origin};
use super::standoff::{AnnFile, Annotation, LineEnding, LineKind};

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

/// A code action: a title and what it changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<FileEdits>,
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
        let forms: Vec<String> = corpus.mentions_unordered(entity).map(|(_, m)| m.form.clone()).collect();
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
    Some(Action { title, kind: ActionKind::QuickFix, edits: vec![edits] })
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
    Some(Action {
        title: format!("Add «{name}» to the knowledge base"),
        kind: ActionKind::Refactor,
        edits: vec![FileEdits {
            file: config_file.to_string(),
            create: config_text.is_none(),
            edits: vec![TextEdit { start: end, end, new_text: block }],
        }],
    })
}

/// "Write automatic annotations to X.ann": a `T` line (and an `N` reference when the spelling alone
/// would not link it) appended for every mention of the article that is not annotated yet.
pub fn write_automatic_annotations(corpus: &Corpus, file: FileId) -> Option<Action> {
    let f = corpus.file(file)?;
    let mut w = AnnWriter::new(corpus, f);
    for m in f.mentions.iter().filter(|m| m.origin != Origin::Annotated) {
        w.add(f, m, reference_of(corpus, m));
    }
    let title = format!("Write automatic annotations to {}", w.name.rsplit(['/', '\\']).next().unwrap_or_default());
    Some(Action { title, kind: ActionKind::Source, edits: vec![w.finish()?] })
}

/// "Annotate «name» in every article": the entity's mentions that are not annotated, in every
/// article, appended to each article's `.ann`.
pub fn annotate_everywhere(corpus: &Corpus, file: FileId, offset: u32) -> Option<Action> {
    let entity = corpus.entity_of(mention_at(corpus, file, offset)?)?;
    let mut by_file: BTreeMap<&str, (&FileEntry, Vec<&Mention>)> = BTreeMap::new();
    for (id, m) in corpus.mentions_of(entity) {
        let Some(f) = corpus.file(id).filter(|_| m.origin != Origin::Annotated) else { continue };
        by_file.entry(&f.name).or_insert_with(|| (f, Vec::new())).1.push(m);
    }
    let mut edits = Vec::new();
    for (f, mentions) in by_file.into_values() {
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
    Some(Action { title, kind: ActionKind::Refactor, edits })
}

/// The byte range and text of the mention a rename at `offset` would start from.
pub fn prepare_rename(corpus: &Corpus, file: FileId, offset: u32) -> Option<(u32, u32, String)> {
    let f = corpus.file(file)?;
    let m = mention_at(corpus, file, offset)?;
    corpus.entity_of(m)?;
    Some((m.start, m.end, f.text[m.start as usize..m.end as usize].to_string()))
}

/// Every mention of the entity at `offset`, across the corpus, spelled `new_name`: the mention
/// ranges of each article, and in each `.ann` beside a changed article the `T` lines whose offsets
/// or text the change moves. `None` for an empty or multi-line name.
pub fn rename(corpus: &Corpus, file: FileId, offset: u32, new_name: &str) -> Option<Vec<FileEdits>> {
    if new_name.trim().is_empty() || new_name.contains(['\n', '\r']) {
        return None;
    }
    let entity = corpus.entity_of(mention_at(corpus, file, offset)?)?;
    let mut by_file: BTreeMap<&str, (&FileEntry, Vec<TextEdit>)> = BTreeMap::new();
    for (id, m) in corpus.mentions_of(entity) {
        let Some(f) = corpus.file(id) else { continue };
        if &f.text[m.start as usize..m.end as usize] == new_name {
            continue;
        }
        let edit = TextEdit { start: m.start, end: m.end, new_text: new_name.to_string() };
        by_file.entry(&f.name).or_insert_with(|| (f, Vec::new())).1.push(edit);
    }
    let mut out = Vec::new();
    for (f, edits) in by_file.into_values() {
        let ann = shift_ann(f, &edits);
        out.push(FileEdits { file: f.name.clone(), create: false, edits });
        out.extend(ann);
    }
    Some(out)
}

/// Every action that applies at `offset`: links to the three closest candidates, then adding the entity
/// to the knowledge base, annotating it everywhere, and writing the article's automatic annotations.
pub fn code_actions(
    corpus: &Corpus,
    file: FileId,
    offset: u32,
    config_file: &str,
    config_text: Option<&str>,
) -> Vec<Action> {
    let mut out = Vec::new();
    if mention_at(corpus, file, offset).is_some() {
        for (entity, _) in link_candidates(corpus, file, offset, 3) {
            out.extend(link_to(corpus, file, offset, entity));
        }
        out.extend(add_to_knowledge_base(corpus, file, offset, config_file, config_text));
        out.extend(annotate_everywhere(corpus, file, offset));
    }
    out.extend(write_automatic_annotations(corpus, file));
    out
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

/// The `.ann` beside an article: the one it was read from, else the article's name with its
/// extension replaced by `ann`.
fn ann_name(f: &FileEntry) -> String {
    if let Some(a) = &f.annotations {
        return a.ann_name.clone();
    }
    let dir = f.name.rfind(['/', '\\']).map_or(0, |i| i + 1);
    match f.name[dir..].rfind('.') {
        Some(dot) if dot > 0 => format!("{}.ann", &f.name[..dir + dot]),
        _ => format!("{}.ann", f.name),
    }
}

/// brat keeps one annotation per line: line breaks and tabs in a span are written as spaces.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}

/// The next free number for ids with this prefix (`T`, `N`), counting unreadable lines too.
fn next_id(file: &AnnFile, prefix: char) -> usize {
    let ids = file.lines.iter().filter_map(|l| l.raw.split('\t').next()?.strip_prefix(prefix)?.parse::<usize>().ok());
    ids.max().unwrap_or(0) + 1
}

/// The line ending a file mostly uses for new lines: CRLF if any line has it.
fn ending_of(file: &AnnFile) -> LineEnding {
    if file.lines.iter().any(|l| l.ending == LineEnding::CrLf) {
        LineEnding::CrLf
    } else {
        LineEnding::Lf
    }
}

/// Byte offset of each line of the rendered file, and of its end.
fn line_starts(file: &AnnFile) -> Vec<u32> {
    let mut at = if file.bom { '\u{feff}'.len_utf8() } else { 0 } as u32;
    let mut out = vec![at];
    for l in &file.lines {
        at += (l.raw.len() + l.ending.as_str().len()) as u32;
        out.push(at);
    }
    out
}

/// `N<n>\tReference <target> DB:ID\ttext`.
fn normalization(id: String, target: &str, reference: &str, text: &str) -> Option<Annotation> {
    let (db, db_id) = reference.split_once(':')?;
    Some(Annotation::Normalization {
        id,
        ty: "Reference".into(),
        target: target.to_string(),
        db: db.into(),
        db_id: db_id.into(),
        text: Some(text.to_string()),
    })
}

/// Annotations appended to one article's `.ann`.
struct AnnWriter {
    name: String,
    /// The file as read, if it exists.
    old: Option<AnnFile>,
    new: AnnFile,
    next_t: usize,
    next_n: usize,
    /// The type names the annotator uses, by built-in type.
    types: Vec<(super::model::EntityType, String)>,
}

impl AnnWriter {
    /// The type names come from the article's annotations, else from `annotation.conf`.
    fn new(corpus: &Corpus, f: &FileEntry) -> AnnWriter {
        let old = f.annotations.as_ref().map(|a| a.file.clone());
        let new = old.clone().unwrap_or_default();
        let conf = &corpus.options.annotation_conf;
        let declared = conf.entities.iter().filter(|d| d.annotatable).map(|d| (conf.entity_type(&d.name), &d.name));
        let used = f.annotations.iter().flat_map(|a| &a.spans).map(|s| (s.ty.clone(), &s.raw_type));
        let types = used.chain(declared).map(|(t, n)| (t, n.clone())).collect();
        AnnWriter { name: ann_name(f), next_t: next_id(&new, 'T'), next_n: next_id(&new, 'N'), old, new, types }
    }

    /// Appends a `T` line for the mention, and an `N` line with the reference.
    fn add(&mut self, f: &FileEntry, m: &Mention, reference: Option<String>) {
        let text = one_line(&f.text[m.start as usize..m.end as usize]);
        let cp = |b: u32| f.lines.char_offset(&f.text, b) as usize;
        let ty = self.types.iter().find(|(t, _)| *t == m.ty).map_or_else(|| m.ty.as_str().to_string(), |t| t.1.clone());
        let id = format!("T{}", self.next_t);
        self.next_t += 1;
        let t = Annotation::TextBound { id: id.clone(), ty, spans: vec![(cp(m.start), cp(m.end))], text: text.clone() };
        self.new.push(t);
        if let Some(n) = reference.and_then(|r| normalization(format!("N{}", self.next_n), &id, &r, &text)) {
            self.next_n += 1;
            self.new.push(n);
        }
    }

    /// One insertion at the end of the file (or a new file), if anything was added.
    fn finish(self) -> Option<FileEdits> {
        let old = self.old.as_ref().map(AnnFile::to_string);
        let old_len = old.as_ref().map_or(0, String::len);
        let new = self.new.to_string();
        if new.len() == old_len {
            return None;
        }
        debug_assert!(old.as_ref().is_none_or(|o| new.starts_with(o.as_str())));
        let edit = TextEdit { start: old_len as u32, end: old_len as u32, new_text: new[old_len..].to_string() };
        Some(FileEdits { file: self.name, create: self.old.is_none(), edits: vec![edit] })
    }
}

/// The edits that make annotation `t_id` name `reference`: a new `N` line before its first
/// reference (so that it is the one read), its references to isnad or Wikidata (or the new
/// reference's database) removed; other lines unchanged.
fn relink(
    f: &FileEntry,
    file: &AnnFile,
    t_id: &str,
    fragments: &[(u32, u32)],
    reference: &str,
    name: &str,
) -> Option<FileEdits> {
    let (db, _) = reference.split_once(':')?;
    let starts = line_starts(file);
    let text = fragments.iter().map(|&(s, e)| one_line(&f.text[s as usize..e as usize])).collect::<Vec<_>>().join(" ");
    let n = normalization(format!("N{}", next_id(file, 'N')), t_id, reference, &text)?;
    let line = n.to_string() + ending_of(file).as_str();
    let mut first: Option<usize> = None;
    let mut removed: Vec<usize> = Vec::new();
    for (i, l) in file.lines.iter().enumerate() {
        let LineKind::Annotation(Annotation::Normalization { target, db: d, .. }) = &l.kind else { continue };
        if target != t_id {
            continue;
        }
        first.get_or_insert(i);
        if matches!(d.as_str(), "isnad" | "Wikidata" | "wikidata" | "WD") || d == db {
            removed.push(i);
        }
    }
    let mut edits: Vec<TextEdit> = Vec::new();
    let insert_at = first.map(|i| starts[i]);
    match insert_at {
        Some(at) => edits.push(TextEdit { start: at, end: at, new_text: line }),
        None => {
            // Appended: a last line without a newline gets one first.
            let end = *starts.last()?;
            let lead = match file.lines.last() {
                Some(l) if l.ending == LineEnding::None => ending_of(file).as_str(),
                _ => "",
            };
            edits.push(TextEdit { start: end, end, new_text: format!("{lead}{line}") });
        }
    }
    for i in removed {
        let (start, end) = (starts[i], starts[i + 1]);
        match edits.iter_mut().find(|e| e.start == start && e.end == start) {
            Some(e) => e.end = end,
            None => edits.push(TextEdit { start, end, new_text: String::new() }),
        }
    }
    edits.sort_by_key(|e| (e.start, e.end));
    Some(FileEdits { file: name.to_string(), create: false, edits })
}

/// The `.ann` line edits that keep an article's annotations on their text after `edits` replace
/// byte ranges of it: `T` lines whose offsets move or whose text changes are rewritten.
fn shift_ann(f: &FileEntry, edits: &[TextEdit]) -> Option<FileEdits> {
    let anns = f.annotations.as_deref()?;
    let cp = |b: u32| f.lines.char_offset(&f.text, b) as usize;
    // (start, end, new length) in code points, in order.
    let changes: Vec<(usize, usize, usize)> =
        edits.iter().map(|e| (cp(e.start), cp(e.end), e.new_text.chars().count())).collect();
    let mut new_text = f.text.to_string();
    for e in edits.iter().rev() {
        new_text.replace_range(e.start as usize..e.end as usize, &e.new_text);
    }
    let chars: Vec<usize> = new_text.char_indices().map(|(b, _)| b).chain([new_text.len()]).collect();
    // A change that ends at or before a point moves it; one around it leaves it nowhere.
    let map = |x: usize| -> Option<usize> {
        let mut out = x as isize;
        for &(s, e, n) in &changes {
            if e <= x {
                out += n as isize - (e - s) as isize;
            } else if s < x && x < e {
                return None;
            }
        }
        Some(out as usize)
    };
    let starts = line_starts(&anns.file);
    let mut out = Vec::new();
    let mut renamed: Vec<(&str, &str, String)> = Vec::new();
    for (i, l) in anns.file.lines.iter().enumerate() {
        let LineKind::Annotation(Annotation::TextBound { id, ty, spans, text: old }) = &l.kind else { continue };
        let Some(moved) = spans.iter().map(|&(s, e)| Some((map(s)?, map(e)?))).collect::<Option<Vec<_>>>() else {
            continue;
        };
        let touched = spans.iter().any(|&(s, e)| changes.iter().any(|&(cs, ce, _)| s <= cs && ce <= e));
        if moved == *spans && !touched {
            continue;
        }
        let text = if touched {
            let frag = |&(s, e): &(usize, usize)| Some(one_line(new_text.get(*chars.get(s)?..*chars.get(e)?)?));
            match moved.iter().map(frag).collect::<Option<Vec<_>>>() {
                Some(parts) => parts.join(" "),
                None => continue,
            }
        } else {
            old.clone()
        };
        renamed.push((id, old, text.clone()));
        let line = Annotation::TextBound { id: id.clone(), ty: ty.clone(), spans: moved, text }.to_string();
        out.push(TextEdit { start: starts[i], end: starts[i] + l.raw.len() as u32, new_text: line });
    }
    // The text an `N` line repeats follows its annotation's.
    for (i, l) in anns.file.lines.iter().enumerate() {
        let LineKind::Annotation(n @ Annotation::Normalization { target, text: Some(t), .. }) = &l.kind else {
            continue;
        };
        let Some((_, _, new)) = renamed.iter().find(|(id, old, new)| id == target && old == t && new != t) else {
            continue;
        };
        let mut n = n.clone();
        if let Annotation::Normalization { text, .. } = &mut n {
            *text = Some(new.clone());
        }
        out.push(TextEdit { start: starts[i], end: starts[i] + l.raw.len() as u32, new_text: n.to_string() });
    }
    out.sort_by_key(|e| e.start);
    (!out.is_empty()).then(|| FileEdits { file: anns.ann_name.clone(), create: false, edits: out })
}
