//! Writing brat standoff annotations for one article.
//!
//! Offsets are code points, end-exclusive, as brat counts them. Entities are `T` lines of type
//! PER/LOC/ORG with an `N` line `Reference T<n> isnad:<id>` each (and `Wikidata:Q…` when known);
//! claims are `T` lines of type `UnsourcedClaim` / `VagueAttribution` over the sentence; an
//! attributed sentence is a `T` line of type `Attribution` with an `N` line `Reference T<n>
//! isnad:<source entity id>` (or `isnad:vague`) whose text is the source as written (a source
//! known only by a role is not written).
//!
//! An article that already has annotations keeps its `.ann` as it was, byte for byte: the
//! automatic mentions it does not cover are appended with the next free ids ([`write_ann`]).

use std::collections::HashSet;
use std::fmt::Write;

use super::annotations::{ATTRIBUTION_TYPE, CLAIM_TYPES};
use super::corpus::{Corpus, FileId};
use super::model::{Origin, Source};
use super::standoff::{parse_ann, AnnFile, Annotation, LineEnding, LineKind};

/// The `.ann` text for an article of the corpus: its existing annotations, then the automatic
/// mentions and the claims they do not already cover. An error when the article has an `.ann`
/// that could not be read (writing would lose it). Unsourced claims are written when they score
/// at least `min_score` (thousandths, `Settings::min_claim_score`).
pub fn write_ann(corpus: &Corpus, file: FileId, min_score: u16) -> Result<String, String> {
    let Some(f) = corpus.file(file) else {
        return Ok(String::new());
    };
    let Some(existing) = &f.annotations else {
        return Ok(fresh_ann(corpus, file, 0, 0, min_score));
    };
    if let Some(reason) = &existing.unreadable {
        return Err(format!("its existing annotations {} could not be read ({reason})", existing.ann_name));
    }
    let (t, n) = last_ids(&existing.file);
    // Claims the file already marks (same type and offsets) are not written twice.
    let marked: HashSet<(&str, &[(usize, usize)])> = existing
        .file
        .annotations()
        .filter_map(|(_, a)| match a {
            Annotation::TextBound { ty, spans, .. } if CLAIM_TYPES.contains(&ty.as_str()) => {
                Some((ty.as_str(), spans.as_slice()))
            }
            _ => None,
        })
        .collect();
    let crlf = existing.file.lines.iter().any(|l| l.ending == LineEnding::CrLf);
    let ending = if crlf { "\r\n" } else { "\n" };
    let mut out = existing.file.to_string();
    let mut first = true;
    // The references of a sentence annotation left out go with it.
    let mut left_out: HashSet<String> = HashSet::new();
    for line in parse_ann(&fresh_ann(corpus, file, t, n, min_score)).lines {
        let LineKind::Annotation(a) = line.kind else { continue };
        if let Annotation::TextBound { id, ty, spans, .. } = &a {
            if marked.contains(&(ty.as_str(), spans.as_slice())) {
                left_out.insert(id.clone());
                continue;
            }
        }
        if let Annotation::Normalization { target, .. } = &a {
            if left_out.contains(target) {
                continue;
            }
        }
        // A last line without a newline gets one first (its bytes are otherwise kept).
        if first && existing.file.lines.last().is_some_and(|l| l.ending == LineEnding::None) {
            out.push_str(ending);
        }
        first = false;
        out.push_str(&a.to_string());
        out.push_str(ending);
    }
    Ok(out)
}

/// The highest `T` and `N` numbers used in a file.
fn last_ids(file: &AnnFile) -> (usize, usize) {
    let mut t = 0;
    let mut n = 0;
    for (_, a) in file.annotations() {
        let Some(id) = a.id() else { continue };
        let number = id[1..].parse::<usize>().unwrap_or(0);
        match id.as_bytes()[0] {
            b'T' => t = t.max(number),
            b'N' => n = n.max(number),
            _ => {}
        }
    }
    (t, n)
}

/// `.ann` lines for the article's automatic mentions and claims, numbered after `t` and `n`.
fn fresh_ann(corpus: &Corpus, file: FileId, mut t: usize, mut n: usize, min_score: u16) -> String {
    let mut out = String::new();
    let Some(f) = corpus.file(file) else {
        return out;
    };
    let text = &*f.text;
    let cp = |b: u32| f.lines.char_offset(text, b);
    for m in f.mentions.iter().filter(|m| m.origin != Origin::Annotated) {
        t += 1;
        let surface = one_line(&text[m.start as usize..m.end as usize]);
        let _ = writeln!(out, "T{t}\t{} {} {}\t{surface}", m.ty, cp(m.start), cp(m.end));
        if let Some(entity) = corpus.entity_of(m) {
            n += 1;
            let _ = writeln!(out, "N{n}\tReference T{t} isnad:{}\t{surface}", corpus.entity_id(entity));
            if let Some(q) = corpus.kb_entity(entity).map(|e| e.wikidata.as_str()).filter(|q| !q.is_empty()) {
                n += 1;
                let _ = writeln!(out, "N{n}\tReference T{t} Wikidata:{q}\t{surface}");
            }
        }
    }
    for c in f.claims.iter().filter(|c| c.is_flagged(min_score)) {
        t += 1;
        let _ = writeln!(
            out,
            "T{t}\t{} {} {}\t{}",
            c.kind().brat_type(),
            cp(c.start),
            cp(c.end),
            one_line(&text[c.start as usize..c.end as usize])
        );
    }
    for a in &f.attributions {
        let (source, (from, to)) = match a.source {
            Source::Mention(m) => match f.mentions.get(m as usize).and_then(|m| Some((m, corpus.entity_of(m)?))) {
                Some((m, entity)) => (corpus.entity_id(entity).to_string(), (m.start, m.end)),
                None => continue,
            },
            Source::Vague { start, end } => ("vague".to_string(), (start, end)),
            Source::Role { .. } => continue,
        };
        t += 1;
        n += 1;
        let sentence = one_line(&text[a.start as usize..a.end as usize]);
        let speaker = one_line(text.get(from as usize..to as usize).unwrap_or(""));
        let _ = writeln!(out, "T{t}\t{ATTRIBUTION_TYPE} {} {}\t{sentence}", cp(a.start), cp(a.end));
        let _ = writeln!(out, "N{n}\tReference T{t} isnad:{source}\t{speaker}");
    }
    out
}

/// brat keeps one annotation per line: line breaks inside a span are written as spaces, which
/// is also what brat itself does for the text column.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}
