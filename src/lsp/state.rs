//! The server's state: the corpus index and the documents the client has open.
//!
//! Edits are applied to a document's rope in the order they arrive; analysis of the new text is
//! deferred (debounced) and done again on demand when a request needs a fresh result. Nothing
//! here awaits: callers hold the lock only for these synchronous calls.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::lsp_types::{Diagnostic, TextDocumentContentChangeEvent, Uri};

use crate::analysis::corpus::{Corpus, FileId, KbData};
use crate::analysis::model::Lang;
use crate::analysis::text::ColumnUnit;
use crate::lsp::convert;

/// A document open in the editor.
#[derive(Debug)]
pub struct OpenDoc {
    pub name: String,
    pub rope: Rope,
    pub version: i32,
    /// The version last given to the index, if any.
    pub indexed_version: Option<i32>,
}

#[derive(Debug)]
pub struct State {
    pub corpus: Corpus,
    pub docs: HashMap<Uri, OpenDoc>,
    pub roots: Vec<PathBuf>,
    pub unit: ColumnUnit,
    pub lang: Lang,
    pub max_file_bytes: u64,
    /// Names of corpus files → their URI.
    pub uris: HashMap<String, Uri>,
}

impl State {
    pub fn new(kb: Arc<KbData>) -> State {
        State {
            corpus: Corpus::new(kb),
            docs: HashMap::new(),
            roots: Vec::new(),
            unit: ColumnUnit::Utf16,
            lang: Lang::En,
            max_file_bytes: crate::workspace::DEFAULT_MAX_FILE_BYTES,
            uris: HashMap::new(),
        }
    }

    pub fn open(&mut self, uri: Uri, text: &str, version: i32) {
        let name = name_of(&uri);
        self.uris.insert(name.clone(), uri.clone());
        self.docs.insert(uri.clone(), OpenDoc { name, rope: Rope::from_str(text), version, indexed_version: None });
        self.refresh(&uri);
    }

    /// Applies incremental or full changes in order. Returns false when the document is unknown
    /// or the version goes backwards (the change is then ignored and logged by the caller).
    pub fn change(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> bool {
        let unit = self.unit;
        let Some(doc) = self.docs.get_mut(uri) else {
            return false;
        };
        if version < doc.version {
            return false;
        }
        for change in changes {
            match change.range {
                None => doc.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let start = rope_char(&doc.rope, range.start.line, range.start.character, unit);
                    let end = rope_char(&doc.rope, range.end.line, range.end.character, unit).max(start);
                    doc.rope.remove(start..end);
                    doc.rope.insert(start, &change.text);
                }
            }
        }
        doc.version = version;
        true
    }

    /// Gives the index the current text of an open document if it has changed. Returns its file id.
    pub fn refresh(&mut self, uri: &Uri) -> Option<FileId> {
        let doc = self.docs.get_mut(uri)?;
        if doc.indexed_version != Some(doc.version) {
            doc.indexed_version = Some(doc.version);
            let text: Arc<str> = Arc::from(doc.rope.to_string());
            let name = doc.name.clone();
            self.corpus.set_file(&name, text);
        }
        self.corpus.file_id(&self.docs[uri].name)
    }

    /// The file id of a document, refreshed if it is open, or indexed from disk.
    pub fn file_for(&mut self, uri: &Uri) -> Option<FileId> {
        if self.docs.contains_key(uri) {
            return self.refresh(uri);
        }
        self.corpus.file_id(&name_of(uri))
    }

    /// The diagnostics of an open document at its indexed version.
    pub fn diagnostics(&mut self, uri: &Uri) -> Option<(Vec<Diagnostic>, i32)> {
        let file = self.refresh(uri)?;
        let version = self.docs[uri].version;
        let f = self.corpus.file(file)?;
        let diags = f.claims.iter().map(|c| convert::diagnostic(&f.lines, &f.text, c, self.unit, self.lang)).collect();
        Some((diags, version))
    }

    pub fn uri_of(&self, name: &str) -> Option<Uri> {
        if let Some(u) = self.uris.get(name) {
            return Some(u.clone());
        }
        uri_from_path(name)
    }
}

/// The corpus name of a document: its file path, or the URI itself when it has none.
pub fn name_of(uri: &Uri) -> String {
    use tower_lsp_server::UriExt;
    if uri.scheme().is_some_and(|s| s.as_str() == "file") {
        if let Some(p) = uri.to_file_path() {
            return p.to_string_lossy().into_owned();
        }
    }
    uri.as_str().to_string()
}

pub fn uri_from_path(path: &str) -> Option<Uri> {
    use std::str::FromStr;
    if !path.starts_with('/') {
        return Uri::from_str(path).ok();
    }
    let mut s = String::from("file://");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&s).ok()
}

/// Char index in a rope of a protocol position, clamped into the document.
fn rope_char(rope: &Rope, line: u32, col: u32, unit: ColumnUnit) -> usize {
    let line = line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    // The line's content without its line break.
    let mut len = slice.len_chars();
    while len > 0 && matches!(slice.char(len - 1), '\n' | '\r') {
        len -= 1;
    }
    let mut units = 0usize;
    for (i, c) in slice.chars().take(len).enumerate() {
        let w = match unit {
            ColumnUnit::Utf16 => c.len_utf16(),
            ColumnUnit::Utf8 => c.len_utf8(),
            ColumnUnit::CodePoint => 1,
        };
        if units + w > col as usize {
            return start + i;
        }
        units += w;
    }
    start + len
}
