//! Writing brat standoff annotations for one article.
//!
//! Offsets are code points, end-exclusive, as brat counts them. Entities are `T` lines of type
//! PER/LOC/ORG with an `N` line `Reference T<n> isnad:<id>` each (and `Wikidata:Q…` when known);
//! claims are `T` lines of type `UnsourcedClaim` / `VagueAttribution` over the sentence.

use std::fmt::Write;

use super::corpus::{Corpus, FileId};

/// The `.ann` text for an article of the corpus.
pub fn write_ann(corpus: &Corpus, file: FileId) -> String {
    let mut out = String::new();
    let Some(f) = corpus.file(file) else {
        return out;
    };
    let text = &*f.text;
    let cp = |b: u32| f.lines.char_offset(text, b);
    let mut t = 0;
    let mut n = 0;
    for m in &f.mentions {
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
    for c in &f.claims {
        t += 1;
        let _ = writeln!(
            out,
            "T{t}\t{} {} {}\t{}",
            c.kind.brat_type(),
            cp(c.start),
            cp(c.end),
            one_line(&text[c.start as usize..c.end as usize])
        );
    }
    out
}

/// brat keeps one annotation per line: line breaks inside a span are written as spaces, which
/// is also what brat itself does for the text column.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}
