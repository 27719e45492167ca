//! Edits of an article's `.ann`: appending annotations, re-linking one, and rewriting the `T`
//! lines whose offsets or text no longer match the annotations as the index holds them (after
//! the article was edited in the editor, or after a rename changes its text).
//!
//! Every line that is not changed stays byte-identical, BOM and CRLF included. Offsets inside
//! `.ann` lines are code points, as brat counts them. Nothing is ever written to an `.ann` that
//! could not be read.

use std::collections::HashMap;

use super::{FileEdits, TextEdit};
use crate::analysis::corpus::{Corpus, FileEntry};
use crate::analysis::model::{EntityType, Mention};
use crate::analysis::standoff::{AnnFile, Annotation, LineEnding, LineKind};

/// The `.ann` beside an article: the one it was read from, else the article's name with its
/// extension replaced by `ann`.
pub(super) fn ann_name(f: &FileEntry) -> String {
    if let Some(a) = &f.annotations {
        return a.ann_name.clone();
    }
    let dir = f.name.rfind(['/', '\\']).map_or(0, |i| i + 1);
    match f.name[dir..].rfind('.') {
        Some(dot) if dot > 0 => format!("{}.ann", &f.name[..dir + dot]),
        _ => format!("{}.ann", f.name),
    }
}

/// Why nothing may be written to the article's `.ann`, if so: it exists but could not be read.
pub(super) fn unwritable(f: &FileEntry) -> Option<String> {
    let a = f.annotations.as_ref()?;
    let reason = a.unreadable.as_ref()?;
    let file = a.ann_name.rsplit(['/', '\\']).next().unwrap_or(&a.ann_name);
    Some(format!("{file} could not be read ({reason}): isnad does not write to it"))
}

/// brat keeps one annotation per line: line breaks and tabs in a span are written as spaces.
pub(super) fn one_line(s: &str) -> String {
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

/// Annotations appended to one article's `.ann`: the new lines are rendered once, in order, and
/// become a single insertion at the end of the file (or a new file).
pub(super) struct AnnWriter {
    pub name: String,
    /// The file as read, if it exists.
    old: Option<AnnFile>,
    /// The rendered new lines.
    added: String,
    ending: LineEnding,
    next_t: usize,
    next_n: usize,
    /// The type names the annotator uses, by built-in type.
    types: Vec<(EntityType, String)>,
}

impl AnnWriter {
    /// The type names come from the article's annotations, else from `annotation.conf`.
    pub fn new(corpus: &Corpus, f: &FileEntry) -> AnnWriter {
        let old = f.annotations.as_ref().map(|a| a.file.clone());
        let conf = &corpus.options.annotation_conf;
        let declared = conf.entities.iter().filter(|d| d.annotatable).map(|d| (conf.entity_type(&d.name), &d.name));
        let used = f.annotations.iter().flat_map(|a| &a.spans).map(|s| (s.ty.clone(), &s.raw_type));
        let mut types: Vec<(EntityType, String)> = Vec::new();
        for (t, n) in used.chain(declared) {
            if !types.iter().any(|(seen, _)| *seen == t) {
                types.push((t, n.clone()));
            }
        }
        let (next_t, next_n, ending) = match &old {
            Some(file) => (next_id(file, 'T'), next_id(file, 'N'), ending_of(file)),
            None => (1, 1, LineEnding::Lf),
        };
        AnnWriter { name: ann_name(f), old, added: String::new(), ending, next_t, next_n, types }
    }

    fn line(&mut self, a: &Annotation) {
        use std::fmt::Write;
        let _ = write!(self.added, "{a}{}", self.ending.as_str());
    }

    /// Appends a `T` line for the mention, and an `N` line with the reference.
    pub fn add(&mut self, f: &FileEntry, m: &Mention, reference: Option<String>) {
        let text = one_line(&f.text[m.start as usize..m.end as usize]);
        let cp = |b: u32| f.lines.char_offset(&f.text, b) as usize;
        let ty = self.types.iter().find(|(t, _)| *t == m.ty).map_or_else(|| m.ty.as_str().to_string(), |t| t.1.clone());
        let id = format!("T{}", self.next_t);
        self.next_t += 1;
        let t = Annotation::TextBound { id: id.clone(), ty, spans: vec![(cp(m.start), cp(m.end))], text: text.clone() };
        self.line(&t);
        if let Some(n) = reference.and_then(|r| normalization(format!("N{}", self.next_n), &id, &r, &text)) {
            self.next_n += 1;
            self.line(&n);
        }
    }

    /// One insertion at the end of the file (or a new file), if anything was added.
    pub fn finish(self) -> Option<FileEdits> {
        if self.added.is_empty() {
            return None;
        }
        let old_len = self.old.as_ref().map_or(0, |o| line_starts(o).last().copied().unwrap_or(0));
        // A last line without a newline gets one first (its bytes are otherwise untouched).
        let lead = match self.old.as_ref().and_then(|o| o.lines.last()) {
            Some(l) if l.ending == LineEnding::None => self.ending.as_str(),
            _ => "",
        };
        let edit = TextEdit { start: old_len, end: old_len, new_text: format!("{lead}{}", self.added) };
        Some(FileEdits { file: self.name, create: self.old.is_none(), edits: vec![edit] })
    }
}

/// The edits that make annotation `t_id` name `reference`: a new `N` line before its first
/// reference (so that it is the one read), its references to isnad or Wikidata (or the new
/// reference's database) removed; other lines unchanged.
pub(super) fn relink(
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
    match first.map(|i| starts[i]) {
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

/// The `.ann` line edits that make the article's `.ann` say what its annotations say once `edits`
/// are applied to the article's text (none: as the text is now): every `T` line of an annotation
/// the index holds is rewritten where its offsets or its text differ, and an `N` line repeating
/// the old text follows. Lines of annotations the index dropped (stale, detached by an edit
/// across their boundary) and every other line stay as they are.
pub(super) fn ann_line_edits(f: &FileEntry, edits: &[TextEdit]) -> Option<FileEdits> {
    let anns = f.annotations.as_deref().filter(|a| a.unreadable.is_none())?;
    // The article's text after the edits, and where each old byte offset lands in it.
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.start);
    let mut new_text = String::with_capacity(f.text.len());
    let mut at = 0usize;
    for e in &sorted {
        new_text.push_str(&f.text[at..e.start as usize]);
        new_text.push_str(&e.new_text);
        at = e.end as usize;
    }
    new_text.push_str(&f.text[at..]);
    let moved = |x: u32| -> Option<u32> {
        let mut shift = 0i64;
        for e in &sorted {
            if e.end <= x {
                shift += e.new_text.len() as i64 - (e.end - e.start) as i64;
            } else if e.start < x {
                return None;
            } else {
                break;
            }
        }
        Some((x as i64 + shift) as u32)
    };
    let new_lines = crate::analysis::text::LineIndex::new(&new_text);
    let cp = |b: u32| new_lines.char_offset(&new_text, b) as usize;
    let starts = line_starts(&anns.file);
    let mut out = Vec::new();
    let mut retexted: HashMap<&str, (&str, String)> = HashMap::new();
    for span in &anns.spans {
        let Some(line) = span.line.checked_sub(1).and_then(|i| anns.file.lines.get(i).map(|l| (i, l))) else {
            continue;
        };
        let (i, l) = line;
        let LineKind::Annotation(Annotation::TextBound { id, ty, spans, text: old }) = &l.kind else { continue };
        let Some(bytes) = span.fragments.iter().map(|&(s, e)| Some((moved(s)?, moved(e)?))).collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let cps: Vec<(usize, usize)> = bytes.iter().map(|&(s, e)| (cp(s), cp(e))).collect();
        let Some(parts) =
            bytes.iter().map(|&(s, e)| new_text.get(s as usize..e as usize).map(one_line)).collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let text = parts.join(" ");
        if cps == *spans && text == *old {
            continue;
        }
        if text != *old {
            retexted.insert(id, (old, text.clone()));
        }
        let line = Annotation::TextBound { id: id.clone(), ty: ty.clone(), spans: cps, text }.to_string();
        out.push(TextEdit { start: starts[i], end: starts[i] + l.raw.len() as u32, new_text: line });
    }
    // The text an `N` line repeats follows its annotation's.
    if !retexted.is_empty() {
        for (i, l) in anns.file.lines.iter().enumerate() {
            let LineKind::Annotation(n @ Annotation::Normalization { target, text: Some(t), .. }) = &l.kind else {
                continue;
            };
            let Some((_, new)) = retexted.get(target.as_str()).filter(|(old, _)| *old == t) else { continue };
            let mut n = n.clone();
            if let Annotation::Normalization { text, .. } = &mut n {
                *text = Some(new.clone());
            }
            out.push(TextEdit { start: starts[i], end: starts[i] + l.raw.len() as u32, new_text: n.to_string() });
        }
    }
    out.sort_by_key(|e| e.start);
    (!out.is_empty()).then(|| FileEdits { file: anns.ann_name.clone(), create: false, edits: out })
}
