//! Rename: an entity's name spelled anew across the corpus.
//!
//! What is renamed is what is spelled like a name of the entity: its full-name mentions, in every
//! spelling (كيم جونغ أون، كيم جونج وون), and annotated mentions whose spelling is one of those
//! names. Partial mentions (كيم alone), annotated descriptions (الزعيم الكوري annotated as Kim)
//! and discontinuous annotations (one name in several fragments) are left as they are: a rename
//! cannot rewrite them faithfully. Starting a rename from one of those is refused with the reason.
//! The `.ann` beside each changed article is rewritten from the annotations as the index holds
//! them, against the same text the mention ranges come from.

use std::collections::{BTreeMap, HashSet};

use super::ann::ann_line_edits;
use super::{FileEdits, TextEdit};
use crate::analysis::corpus::{Corpus, FileEntry, FileId};
use crate::analysis::features::{display_name, mention_at};
use crate::analysis::lexicon::name_tokens;
use crate::analysis::model::{Mention, Origin};

/// Why a new name is not one: empty, only spaces, or holding a line break or a control character.
pub fn invalid_name(new_name: &str) -> Option<String> {
    if new_name.trim().is_empty() {
        return Some("the new name is empty".into());
    }
    let breaks = ['\n', '\r', '\u{0b}', '\u{0c}', '\u{85}', '\u{2028}', '\u{2029}'];
    if new_name.contains(breaks) {
        return Some("the new name holds a line break; a name is one line".into());
    }
    if let Some(c) = new_name.chars().find(|c| c.is_control()) {
        return Some(format!("the new name holds the control character U+{:04X}", c as u32));
    }
    None
}

/// The fragments' starts of an article's discontinuous annotations.
fn discontinuous(f: &FileEntry) -> HashSet<u32> {
    f.annotations
        .iter()
        .flat_map(|a| &a.spans)
        .filter(|s| s.fragments.len() > 1)
        .flat_map(|s| s.fragments.iter().map(|fr| fr.0))
        .collect()
}

/// Why the mention cannot be renamed, if so.
fn refused(corpus: &Corpus, f: &FileEntry, m: &Mention, names: &HashSet<String>) -> Option<&'static str> {
    let _ = corpus;
    if m.origin == Origin::Partial {
        return Some("a partial name");
    }
    if m.origin == Origin::Annotated {
        if f.annotations
            .iter()
            .flat_map(|a| &a.spans)
            .any(|s| s.fragments.len() > 1 && s.fragments.iter().any(|fr| fr.0 == m.start))
        {
            return Some("a discontinuous annotation");
        }
        if !names.contains(m.form.as_str()) {
            return Some("an annotated description, not a name");
        }
    }
    None
}

/// The normalised names of an entity: its knowledge-base spellings and the forms of its mentions
/// found as names (not partial, not annotated).
fn names_of(corpus: &Corpus, entity: u32) -> HashSet<String> {
    let mut names: HashSet<String> = HashSet::new();
    if let Some(e) = corpus.kb_entity(entity) {
        names.extend(e.spellings().map(|s| name_tokens(s).join(" ")));
    }
    names.extend(corpus.forms_of(entity).map(|k| k.form.to_string()));
    for (_, m) in corpus.mentions_unordered(entity) {
        if !matches!(m.origin, Origin::Partial | Origin::Annotated) {
            names.insert(m.form.to_string());
        }
    }
    names
}

/// The range and text of the mention a rename at `offset` starts from, or why it cannot start there.
pub fn prepare_rename(corpus: &Corpus, file: FileId, offset: u32) -> Result<(u32, u32, String), String> {
    let f = corpus.file(file).ok_or("no such article")?;
    let m = mention_at(corpus, file, offset).ok_or("no name here to rename")?;
    let entity = corpus.entity_of(m).ok_or("this name is not linked to an entity")?;
    let names = names_of(corpus, entity);
    if let Some(why) = refused(corpus, f, m, &names) {
        let surface = &f.text[m.start as usize..m.end as usize];
        return Err(format!(
            "«{surface}» is {why} of «{}»: rename from a mention of its full name (partial names, descriptions and discontinuous annotations are left as they are)",
            display_name(corpus, entity)
        ));
    }
    Ok((m.start, m.end, f.text[m.start as usize..m.end as usize].to_string()))
}

/// Every renamable mention of the entity at `offset`, across the articles `writable` accepts,
/// spelled `new_name`: the mention ranges of each article and, in each `.ann` beside a changed
/// article, the `T` lines whose offsets or text the change moves.
pub fn rename(
    corpus: &Corpus,
    file: FileId,
    offset: u32,
    new_name: &str,
    writable: &dyn Fn(&str) -> bool,
) -> Result<Vec<FileEdits>, String> {
    if let Some(why) = invalid_name(new_name) {
        return Err(why);
    }
    prepare_rename(corpus, file, offset)?;
    let entity = mention_at(corpus, file, offset).and_then(|m| corpus.entity_of(m)).ok_or("no entity here")?;
    let names = names_of(corpus, entity);
    let mut by_file: BTreeMap<&str, (&FileEntry, Vec<TextEdit>)> = BTreeMap::new();
    let mut split: BTreeMap<FileId, HashSet<u32>> = BTreeMap::new();
    for (id, m) in corpus.mentions_of(entity) {
        let Some(f) = corpus.file(id) else { continue };
        if !writable(&f.name) || &f.text[m.start as usize..m.end as usize] == new_name {
            continue;
        }
        let fragments = split.entry(id).or_insert_with(|| discontinuous(f));
        let skip = match m.origin {
            Origin::Partial => true,
            Origin::Annotated => fragments.contains(&m.start) || !names.contains(m.form.as_str()),
            _ => false,
        };
        if skip {
            continue;
        }
        let edit = TextEdit { start: m.start, end: m.end, new_text: new_name.to_string() };
        by_file.entry(&f.name).or_insert_with(|| (f, Vec::new())).1.push(edit);
    }
    let mut out = Vec::new();
    for (f, edits) in by_file.into_values() {
        let ann = ann_line_edits(f, &edits).filter(|a| writable(&a.file));
        out.push(FileEdits { file: f.name.clone(), create: false, edits });
        out.extend(ann);
    }
    Ok(out)
}
