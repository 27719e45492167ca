//! Conversions between the protocol and the core: positions, ranges, hover Markdown,
//! diagnostics, symbols. The only place where UTF-16 (or UTF-8) columns exist.

use tower_lsp_server::lsp_types::{MarkupContent, MarkupKind, Position, Range, SymbolKind};

use crate::analysis::features::{AnnotationNote, EntitySummary};
use crate::analysis::model::EntityType;
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
    MarkupContent { kind: MarkupKind::Markdown, value: out }
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
