//! Conversions between the protocol and the core: positions, ranges, hover Markdown,
//! diagnostics, symbols. The only place where UTF-16 (or UTF-8) columns exist.

use tower_lsp_server::lsp_types::{MarkupContent, MarkupKind, Position, Range, SymbolKind};

use crate::analysis::features::{AnnotationNote, EntitySummary};
use crate::analysis::model::EntityType;
use crate::analysis::quoted::{SentenceSource, Speaker};
use crate::analysis::text::{ColumnUnit, LineIndex};

/// A protocol position → byte offset; out-of-range positions clamp.
pub fn offset(lines: &LineIndex, text: &str, pos: Position, unit: ColumnUnit) -> u32 {
    lines.offset(text, pos.line, pos.character, unit)
}

pub fn position(lines: &LineIndex, text: &str, offset: u32, unit: ColumnUnit) -> Position {
    let (line, character) = lines.position(text, offset, unit);
    Position { line, character }
}

pub fn range(lines: &LineIndex, text: &str, start: u32, end: u32, unit: ColumnUnit) -> Range {
    Range { start: position(lines, text, start, unit), end: position(lines, text, end, unit) }
}

/// Hover text: short, with Latin ids in code spans so that they survive right-to-left display.
pub fn hover_markdown(s: &EntitySummary) -> MarkupContent {
    let mut out = String::new();
    out.push_str(&format!("**{}**", s.name));
    if !s.english.is_empty() {
        out.push_str(&format!(" — {}", s.english));
    }
    out.push_str(&format!("  \n{} · `{}`", type_label(&s.ty), s.id));
    if !s.wikidata.is_empty() {
        out.push_str(&format!(" · Wikidata `{}`", s.wikidata));
    }
    if !s.description.is_empty() {
        out.push_str(&format!("\n\n{}", s.description));
    }
    let spellings: Vec<String> = s.spellings.iter().take(8).map(|(t, n)| format!("{t} ({n})")).collect();
    out.push_str(&format!(
        "\n\n{} mention{} in {} article{}",
        s.mentions,
        if s.mentions == 1 { "" } else { "s" },
        s.articles,
        if s.articles == 1 { "" } else { "s" }
    ));
    if !spellings.is_empty() {
        out.push_str(&format!("  \nSpellings: {}", spellings.join("، ")));
    }
    if s.quoted > 0 {
        out.push_str(&format!("  \nQuoted in {} sentence{}", s.quoted, if s.quoted == 1 { "" } else { "s" }));
    }
    MarkupContent { kind: MarkupKind::Markdown, value: out }
}

/// Hover text for a sentence off a name: who it is attributed to, through which cue, whether the
/// source is inherited (with the 1-based line where it was named) or relayed. `inherited_line`
/// is that line, if any.
pub fn sentence_source_markdown(s: &SentenceSource, inherited_line: Option<u32>) -> MarkupContent {
    let mut out = match &s.speaker {
        Speaker::Entity { name, english, .. } if !english.is_empty() => format!("المصدر: **{name}** ({english})"),
        Speaker::Entity { name, .. } => format!("المصدر: **{name}**"),
        Speaker::Role(role) => format!("المصدر: ‹{role}› — a role the article ties to no name"),
        Speaker::Vague(phrase) => format!("مصدر مبهم: ‹{phrase}› — no named source"),
    };
    if !s.cue.trim().is_empty() {
        out.push_str(&format!(" — {}", s.cue.trim()));
    }
    if let Some(line) = inherited_line {
        out.push_str(&format!("  \ninherited from line {line}"));
    }
    if let Some(relay) = &s.relayed_by {
        out.push_str(&format!("  \nrelayed by {relay}"));
    }
    MarkupContent { kind: MarkupKind::Markdown, value: out }
}

/// Hover text for a flagged sentence with no source.
/// The hover on a flagged sentence with no source: its check-worthiness score and the minimum
/// score it is flagged from (both in thousandths).
pub fn no_source_markdown(score: u16, min_score: u16) -> MarkupContent {
    let value = format!(
        "no named source — check-worthiness {:.2} (flagged from {:.2})",
        f64::from(score) / 1000.0,
        f64::from(min_score) / 1000.0
    );
    MarkupContent { kind: MarkupKind::Markdown, value }
}

/// The hover line for an annotated mention: where the annotation is and what it links to.
pub fn annotation_markdown(note: &AnnotationNote) -> String {
    let file = note.ann_name.rsplit(['/', '\\']).next().unwrap_or(&note.ann_name);
    let mut out = format!("\n\nAnnotated in `{file}` as `{}` ({})", note.id, note.raw_type);
    for r in &note.references {
        out.push_str(&format!(" · `{r}`"));
    }
    out
}

fn type_label(ty: &EntityType) -> String {
    match ty {
        EntityType::Per => "Person (PER)".into(),
        EntityType::Loc => "Place (LOC)".into(),
        EntityType::Org => "Organisation (ORG)".into(),
        EntityType::Other(t) => format!("`{t}`"),
    }
}

pub fn symbol_kind(ty: &EntityType) -> SymbolKind {
    match ty {
        EntityType::Per => SymbolKind::OBJECT,
        EntityType::Loc => SymbolKind::NAMESPACE,
        EntityType::Org => SymbolKind::STRUCT,
        EntityType::Other(_) => SymbolKind::KEY,
    }
}
