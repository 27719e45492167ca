//! Core ranges and symbols → protocol locations and symbols (files named by URI); references limited
//! to the editor's `referencesLimit`, converted after the state's lock is released (`RangesToLocate`).

use std::sync::Arc;

use tower_lsp_server::lsp_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentSymbol, GotoDefinitionResponse, Location, Position, Range,
    SymbolInformation, TextDocumentPositionParams, Uri,
};

use crate::analysis::corpus::FileId;
use crate::analysis::features::{self, FileRange};
use crate::analysis::text::{ColumnUnit, LineIndex};
use crate::lsp::convert;
use crate::lsp::state::{uri_from_path, State};

pub fn location(s: &State, r: &FileRange) -> Option<Location> {
    let f = s.corpus.file(r.file)?;
    Some(Location { uri: s.uri_of(&f.name)?, range: convert::range(&f.lines, &f.text, r.start, r.end, s.unit) })
}

/// Core ranges with what converting them needs — each file's URI, text and line index, shared
/// with the index rather than copied — taken under the lock, so that the conversion of a long
/// list (references to an entity mentioned in every article) is done after the lock is released
/// and does not hold up other requests.
pub struct RangesToLocate {
    unit: ColumnUnit,
    /// Each file's URI, text and line index (none for a file no longer indexed or without a URI).
    files: rustc_hash::FxHashMap<FileId, Option<SharedFile>>,
    ranges: Vec<FileRange>,
}

type SharedFile = (Uri, Arc<str>, Arc<LineIndex>);

impl RangesToLocate {
    /// Takes the files of `ranges` from the state: one look-up per file, not per range.
    pub fn take(s: &State, ranges: Vec<FileRange>) -> RangesToLocate {
        let mut files = rustc_hash::FxHashMap::default();
        for r in &ranges {
            files.entry(r.file).or_insert_with(|| {
                let f = s.corpus.file(r.file)?;
                Some((s.uri_of(&f.name)?, f.text.clone(), f.lines.clone()))
            });
        }
        RangesToLocate { unit: s.unit, files, ranges }
    }

    /// The protocol locations, in the ranges' order (ranges in files no longer indexed are left out).
    pub fn locations(self) -> Vec<Location> {
        let files = &self.files;
        let locate = |r: &FileRange| {
            let (uri, text, lines) = files.get(&r.file)?.as_ref()?;
            Some(Location { uri: uri.clone(), range: convert::range(lines, text, r.start, r.end, self.unit) })
        };
        self.ranges.iter().filter_map(locate).collect()
    }
}

/// The protocol's position in a document as the core's: its file (brought up to date if the
/// document is open) and the byte offset there.
pub fn file_position(s: &State, uri: &Uri, position: Position) -> Option<(FileId, u32)> {
    let file = s.file_id(uri)?;
    let f = s.corpus.file(file)?;
    Some((file, convert::offset(&f.lines, &f.text, position, s.unit)))
}

/// Where the entity at a position is defined: its first mention in the corpus, or its entry in
/// `isnad.toml`.
pub fn definition(s: &State, uri: &Uri, position: Position) -> Option<GotoDefinitionResponse> {
    let (file, offset) = file_position(s, uri, position)?;
    let location = match features::definition(&s.corpus, file, offset)? {
        features::Definition::InFile(r) => location(s, &r)?,
        features::Definition::External { file_name, offset } => external_location(s, &file_name, offset)?,
    };
    Some(GotoDefinitionResponse::Scalar(location))
}

/// The mentions in the document of the entity at a position.
pub fn highlights(s: &State, uri: &Uri, position: Position) -> Option<Vec<DocumentHighlight>> {
    let (file, offset) = file_position(s, uri, position)?;
    let ranges = features::highlights(&s.corpus, file, offset);
    let f = s.corpus.file(file)?;
    let highlight = |r: &FileRange| DocumentHighlight {
        range: convert::range(&f.lines, &f.text, r.start, r.end, s.unit),
        kind: Some(DocumentHighlightKind::TEXT),
    };
    Some(ranges.iter().map(highlight).collect())
}

/// The references to the entity at a position (at most the editor's `referencesLimit`, the first
/// in corpus order), with the message telling the user when there are more.
pub fn references(
    s: &State,
    at: &TextDocumentPositionParams,
    include_declaration: bool,
) -> Option<(RangesToLocate, Option<String>)> {
    let (file, offset) = file_position(s, &at.text_document.uri, at.position)?;
    let mut refs = features::references(&s.corpus, file, offset, include_declaration);
    let (total, limit) = (refs.len(), s.references_limit);
    let note = (limit > 0 && total > limit).then(|| {
        refs.truncate(limit);
        format!(
            "isnad: the first {limit} of {total} references, in corpus order (the editor option referencesLimit sets how many; 0 for all)"
        )
    });
    Some((RangesToLocate::take(s, refs), note))
}

/// A location in a file that is not an article (a knowledge-base entry in `isnad.toml`).
pub fn external_location(s: &State, file_name: &str, offset: u32) -> Option<Location> {
    let text = s.project.config_text_of(std::path::Path::new(file_name))?.to_string();
    let lines = crate::analysis::text::LineIndex::new(&text);
    let (line, character) = lines.position(&text, offset, s.unit);
    let pos = Position { line, character };
    let uri: Uri = uri_from_path(file_name)?;
    Some(Location { uri, range: Range { start: pos, end: pos } })
}

/// The article's entities, grouped by type.
#[allow(deprecated)] // DocumentSymbol::deprecated is a required field of the protocol type.
pub fn document_symbols(s: &State, file: FileId) -> Vec<DocumentSymbol> {
    let Some(f) = s.corpus.file(file) else {
        return Vec::new();
    };
    let range = |start: u32, end: u32| convert::range(&f.lines, &f.text, start, end, s.unit);
    features::document_entities(&s.corpus, file)
        .into_iter()
        .map(|(ty, entities)| {
            let children: Vec<DocumentSymbol> = entities
                .iter()
                .map(|d| {
                    let first = &d.mentions[0];
                    let last = d.mentions.last().unwrap_or(first);
                    DocumentSymbol {
                        name: d.name.clone(),
                        detail: Some(format!(
                            "{} · {} mention{}",
                            s.corpus.entity_id(d.entity),
                            d.mentions.len(),
                            if d.mentions.len() == 1 { "" } else { "s" }
                        )),
                        kind: convert::symbol_kind(&ty),
                        tags: None,
                        deprecated: None,
                        range: range(first.start, last.end.max(first.end)),
                        selection_range: range(first.start, first.end),
                        children: None,
                    }
                })
                .collect();
            let start =
                children.iter().map(|c| c.range.start).min_by_key(|p| (p.line, p.character)).unwrap_or_default();
            let end = children.iter().map(|c| c.range.end).max_by_key(|p| (p.line, p.character)).unwrap_or_default();
            DocumentSymbol {
                name: ty.label().to_string(),
                detail: Some(ty.as_str().to_string()),
                kind: convert::symbol_kind(&ty),
                tags: None,
                deprecated: None,
                range: Range { start, end },
                selection_range: Range { start, end: start },
                children: Some(children),
            }
        })
        .collect()
}

#[allow(deprecated)] // SymbolInformation::deprecated is a required field of the protocol type.
pub fn workspace_symbols(s: &State, query: &str) -> Vec<SymbolInformation> {
    features::workspace_symbols(&s.corpus, query, 200)
        .into_iter()
        .filter_map(|(entity, name, r)| {
            Some(SymbolInformation {
                name,
                kind: convert::symbol_kind(&s.corpus.entity_type(entity)),
                tags: None,
                deprecated: None,
                location: location(s, &r)?,
                container_name: Some(s.corpus.entity_id(entity).to_string()),
            })
        })
        .collect()
}
