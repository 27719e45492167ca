//! The server's state: the corpus index and the documents the client has open.
//!
//! Edits are applied to a document's rope in the order they arrive; analysis of the new text is
//! deferred (debounced) and done again on demand when a request needs a fresh result. The state
//! sits behind a read-write lock: requests read it side by side through [`read`] (after
//! [`prepare_read`] has brought the document they ask about up to date, under [`write`] only
//! when it was out of date); edits, file events and the debouncer change it through [`write`].
//! Nothing here awaits: callers hold the lock only for these synchronous calls.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use ropey::Rope;
use tower_lsp_server::lsp_types::{Diagnostic, TextDocumentContentChangeEvent, Uri};

use crate::analysis::annotations::ArticleAnnotations;
use crate::analysis::checks::{Check, Severity};
use crate::analysis::config::Settings;
use crate::analysis::corpus::{Corpus, FileId};
use crate::analysis::knowledge::KbData;
use crate::analysis::model::Lang;
use crate::analysis::text::ColumnUnit;
use crate::files::really_inside_roots;
use crate::project::{articles_of_ann, AnnSource, Project};

/// What an open document is to the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// Indexed with the corpus.
    Article,
    /// A folder's `isnad.toml`: checked as it is typed, applied when saved.
    Config,
    /// Anything else (an `.ann` open for reading): kept, not analysed.
    Other,
}

/// What the server reads from disk for a document being opened, before it takes the state (no
/// file is read under the lock): the `.ann` beside an article, and whether the file on disk
/// starts with a byte order mark that the editor does not show.
#[derive(Clone, Debug)]
pub struct OpenFiles {
    pub ann: AnnSource,
    pub disk_bom: bool,
}

impl OpenFiles {
    /// Reads them for `uri`, given the directories side files may be read from.
    pub fn read(read_roots: &[PathBuf], uri: &Uri) -> OpenFiles {
        let name = name_of(uri);
        let path = std::path::Path::new(&name);
        let inside = really_inside_roots(read_roots, path);
        OpenFiles {
            ann: if inside { crate::project::read_ann_beside(read_roots, path) } else { AnnSource::Absent },
            disk_bom: inside && crate::files::starts_with_bom(path),
        }
    }
}

/// A document open in the editor.
#[derive(Debug)]
pub struct OpenDoc {
    pub name: String,
    pub rope: Rope,
    pub version: i32,
    /// The version last given to the index, if any.
    pub indexed_version: Option<i32>,
    pub kind: DocKind,
    /// The article's annotations, kept attached to the text through edits.
    pub annotations: Option<ArticleAnnotations>,
    /// The file on disk starts with a byte order mark that the editor's text lacks: the server's
    /// copy keeps it (brat offsets count it), positions never count it.
    pub disk_bom: bool,
}

/// The text with a byte order mark in front when the file on disk has one and the editor's text
/// does not.
fn with_disk_bom(text: &str, disk_bom: bool) -> std::borrow::Cow<'_, str> {
    if disk_bom && !text.starts_with('\u{feff}') {
        std::borrow::Cow::Owned(format!("\u{feff}{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// How many references are answered unless the editor sets `referencesLimit`: enough for any
/// list a person reads, few enough that an entity named in every article answers at once (the
/// protocol library turns a long answer into JSON on the loop that reads the client's messages).
pub const DEFAULT_REFERENCES_LIMIT: usize = 2_000;

#[derive(Debug)]
pub struct State {
    pub corpus: Corpus,
    pub docs: HashMap<Uri, OpenDoc>,
    pub roots: Vec<PathBuf>,
    pub unit: ColumnUnit,
    pub lang: Lang,
    pub max_file_bytes: u64,
    /// At most this many references are answered (`referencesLimit`; 0: all of them).
    pub references_limit: usize,
    /// Names of corpus files → their URI.
    pub uris: HashMap<String, Uri>,
    /// Configuration, annotation types and knowledge base of the corpus.
    pub project: Project,
    /// Check severities set in the editor (`initializationOptions` `checks` / `severities`); they
    /// override the corpus's `isnad.toml`.
    pub editor_checks: std::collections::BTreeMap<Check, Severity>,
    /// The editor's `claimsMinScore` (thousandths); it overrides `[claims] min-score`.
    pub editor_min_claim_score: Option<u16>,
    /// The client resolves code actions' edits on demand (`codeAction/resolve`).
    pub lazy_action_edits: bool,
    /// A digest of the diagnostics last published for each document: the same ones are not sent
    /// again. Behind its own lock, so that publishing needs only the state's read lock.
    published: std::sync::Mutex<HashMap<Uri, u64>>,
    /// Open `.ann` documents edited since their annotations were last applied to their articles:
    /// applied by the debouncer after a burst of keystrokes, or by the first read before that.
    stale_anns: std::collections::BTreeSet<String>,
    /// Open articles whose annotations changed that way, with their versions, until the debouncer
    /// publishes their diagnostics (a read may have applied the change first).
    ann_affected: Vec<(Uri, i32)>,
    /// While a configuration change builds the next index off the lock: the articles changed
    /// from disk meanwhile, carried over into it when it is put in place (`indexing::reconfigure`).
    pub rebuilding: Option<std::collections::BTreeSet<String>>,
    /// Held through a configuration change, so that one is worked out at a time.
    pub reconfiguring: Arc<std::sync::Mutex<()>>,
}

impl State {
    pub fn new(kb: Arc<KbData>) -> State {
        State {
            corpus: Corpus::new(kb.clone()).deferring_spread(),
            project: Project::new(kb),
            editor_checks: Default::default(),
            editor_min_claim_score: None,
            lazy_action_edits: false,
            published: Default::default(),
            stale_anns: Default::default(),
            ann_affected: Vec::new(),
            rebuilding: None,
            reconfiguring: Default::default(),
            docs: HashMap::new(),
            roots: Vec::new(),
            unit: ColumnUnit::Utf16,
            lang: Lang::En,
            max_file_bytes: crate::workspace::DEFAULT_MAX_FILE_BYTES,
            references_limit: DEFAULT_REFERENCES_LIMIT,
            uris: HashMap::new(),
        }
    }

    /// A document was opened with `text`; `files` were read from disk for it beforehand.
    pub fn open(&mut self, uri: Uri, text: &str, version: i32, files: &OpenFiles) {
        let name = name_of(&uri);
        let path = std::path::Path::new(&name);
        let kind = if self.project.folder_with_config(path).is_some() {
            DocKind::Config
        } else if path.extension().is_some_and(|e| e == "ann" || e == "conf" || e == "toml") {
            DocKind::Other
        } else {
            DocKind::Article
        };
        // Editors hide a byte order mark; the brat offsets of the `.ann` count it, as the file does.
        let text = with_disk_bom(text, files.disk_bom && kind == DocKind::Article);
        let annotations = match kind {
            DocKind::Article => self.project.annotations_from(&files.ann, path, &text).map(|a| (*a).clone()),
            _ => None,
        };
        self.uris.insert(name.clone(), uri.clone());
        let doc = OpenDoc {
            name,
            rope: Rope::from_str(&text),
            version,
            indexed_version: None,
            kind,
            annotations,
            disk_bom: files.disk_bom,
        };
        self.docs.insert(uri.clone(), doc);
        self.refresh(&uri);
        self.ann_edited(&uri);
    }

    /// An `.ann` open in the editor: its article takes the annotations as they are typed. Returns
    /// the open articles whose diagnostics change, with their versions.
    /// An open `.ann` changed: its annotations reach its articles at the next read or debounced
    /// analysis (`apply_stale_anns`), not at every keystroke.
    pub fn ann_changed(&mut self, uri: &Uri) {
        if self.docs.get(uri).is_some_and(|d| d.name.ends_with(".ann")) {
            self.stale_anns.insert(uri.as_str().to_string());
        }
    }

    /// Applies the edited `.ann` documents to their articles.
    pub fn apply_stale_anns(&mut self) {
        let stale: Vec<Uri> = self.docs.keys().filter(|u| self.stale_anns.contains(u.as_str())).cloned().collect();
        self.stale_anns.clear();
        for uri in stale {
            let affected = self.ann_edited(&uri);
            self.ann_affected.extend(affected);
        }
    }

    /// Applies the edited `.ann` documents; returns the open articles whose diagnostics that
    /// changed since the last call (with their versions).
    pub fn articles_of_edited_anns(&mut self) -> Vec<(Uri, i32)> {
        self.apply_stale_anns();
        std::mem::take(&mut self.ann_affected)
    }

    pub fn ann_edited(&mut self, uri: &Uri) -> Vec<(Uri, i32)> {
        let Some(doc) = self.docs.get(uri).filter(|d| d.name.ends_with(".ann")) else { return Vec::new() };
        let (path, text) = (std::path::PathBuf::from(&doc.name), doc.rope.to_string());
        if !really_inside_roots(self.project.read_roots(), &path) {
            return Vec::new();
        }
        self.set_ann_source(&path, &AnnSource::Text { ann: path.clone(), text })
    }

    /// The annotations of the article(s) beside `ann` are now read from `source` (the editor's
    /// text, or what was read from disk). Returns the open articles affected, with their versions.
    pub fn set_ann_source(&mut self, ann: &std::path::Path, source: &AnnSource) -> Vec<(Uri, i32)> {
        let mut affected = Vec::new();
        for article in articles_of_ann(ann) {
            let name = article.to_string_lossy().into_owned();
            let open = self.docs.iter().find(|(_, d)| d.name == name).map(|(u, _)| u.clone());
            let article_text = match &open {
                Some(uri) => Arc::from(self.docs[uri].rope.to_string()),
                None => match self.corpus.file_id(&name).and_then(|f| self.corpus.file(f)) {
                    Some(f) => f.text.clone(),
                    None => continue,
                },
            };
            let annotations = self.project.annotations_from(source, &article, &article_text);
            match open {
                Some(uri) => {
                    if let Some(doc) = self.docs.get_mut(&uri) {
                        doc.annotations = annotations.map(|a| (*a).clone());
                        doc.indexed_version = None;
                        affected.push((uri, doc.version));
                    }
                }
                None => {
                    self.corpus.set_annotations(&name, annotations);
                    self.disk_changed(&name);
                }
            }
        }
        affected
    }

    /// An article's text or annotations changed from disk (not from an open document): a
    /// configuration change in flight must carry it over.
    pub fn disk_changed(&mut self, name: &str) {
        if let Some(names) = &mut self.rebuilding {
            names.insert(name.to_string());
        }
    }

    /// `didChange`: applies the edits to an open document ([`State::change`]); an edited `.ann`
    /// is marked to change its articles after the burst (`debounce.rs`). Whether they applied.
    pub fn edit(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> bool {
        let applied = self.change(uri, version, changes);
        if applied {
            self.ann_changed(uri);
        }
        applied
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
                None => {
                    let text = with_disk_bom(&change.text, doc.disk_bom && doc.kind == DocKind::Article);
                    doc.rope = Rope::from_str(&text);
                    // A whole new text: the annotations are checked against it again.
                    if let Some(a) = &doc.annotations {
                        doc.annotations = Some(self.project.reread(std::path::Path::new(&doc.name), a, &text));
                    }
                }
                Some(range) => {
                    let start = rope_char(&doc.rope, range.start.line, range.start.character, unit);
                    let end = rope_char(&doc.rope, range.end.line, range.end.character, unit).max(start);
                    if let Some(a) = &mut doc.annotations {
                        let (start_byte, end_byte) = (doc.rope.char_to_byte(start), doc.rope.char_to_byte(end));
                        a.shift(start_byte as u32, end_byte as u32, change.text.len() as u32);
                    }
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
        if !self.stale_anns.is_empty() {
            self.apply_stale_anns();
        }
        let doc = self.docs.get_mut(uri)?;
        if doc.kind != DocKind::Article {
            return None;
        }
        if doc.indexed_version != Some(doc.version) {
            doc.indexed_version = Some(doc.version);
            let name = doc.name.clone();
            // An open document is held to the size limit of the files on disk.
            let limit = self.project.max_file_bytes(std::path::Path::new(&name), self.max_file_bytes);
            let size = doc.rope.len_bytes() as u64;
            if size > limit {
                log::warn!("skipped {name}: {size} bytes, over the {limit} byte limit");
                self.corpus.remove_file(&name);
                return None;
            }
            let text: Arc<str> = Arc::from(doc.rope.to_string());
            let annotations = doc.annotations.clone().map(Arc::new);
            self.corpus.set_article(&name, text, annotations);
        }
        self.corpus.file_id(&self.docs[uri].name)
    }

    /// The file id of a document, refreshed if it is open, or indexed from disk.
    pub fn file_for(&mut self, uri: &Uri) -> Option<FileId> {
        if !self.stale_anns.is_empty() {
            self.apply_stale_anns();
        }
        if self.docs.contains_key(uri) {
            self.refresh(uri);
        }
        let file = self.file_id(uri)?;
        self.corpus.settle_file(file);
        Some(file)
    }

    /// The file id of a document as the index has it now; nothing is brought up to date (a
    /// reader calls [`prepare_read`] first). `None` for a document that is no article.
    pub fn file_id(&self, uri: &Uri) -> Option<FileId> {
        match self.docs.get(uri) {
            Some(doc) if doc.kind != DocKind::Article => None,
            Some(doc) => self.corpus.file_id(&doc.name),
            None => self.corpus.file_id(&name_of(uri)),
        }
    }

    /// Whether a read of `uri` finds the index up to date: no edited `.ann` waits to be applied,
    /// an open article's last edit is indexed, and its re-analysis is not waiting.
    pub fn is_current(&self, uri: &Uri) -> bool {
        if !self.stale_anns.is_empty() {
            return false;
        }
        if self.docs.get(uri).is_some_and(|d| d.kind == DocKind::Article && d.indexed_version != Some(d.version)) {
            return false;
        }
        self.file_id(uri).is_none_or(|file| !self.corpus.is_pending(file))
    }

    /// Records `diags` as published for `uri`; false when they are the ones published last.
    pub fn changed(&self, uri: &Uri, diags: &[Diagnostic]) -> bool {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(diags).unwrap_or_default().hash(&mut h);
        let digest = h.finish();
        self.published_digests().insert(uri.clone(), digest) != Some(digest)
    }

    fn published_digests(&self) -> std::sync::MutexGuard<'_, HashMap<Uri, u64>> {
        self.published.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A document was closed: its diagnostics are cleared, and the next ones sent whatever they are.
    pub fn forget_published(&self, uri: &Uri) {
        self.published_digests().remove(uri);
    }

    /// The settings of the folder of a file, with the editor's check severities and claims
    /// minimum score over them.
    pub fn settings_for(&self, name: &str) -> Settings {
        let mut settings = self.project.settings_for(std::path::Path::new(name));
        settings.checks.extend(self.editor_checks.iter().map(|(k, v)| (*k, *v)));
        settings.claims_min_score = self.editor_min_claim_score.or(settings.claims_min_score);
        settings
    }

    /// Reads the editor's `checks` (`{"vague-source": false}`), `severities`
    /// (`{"unsourced-claim": "hint"}`) and `claimsMinScore` (a number from 0 to 1) options.
    pub fn set_editor_checks(&mut self, options: &serde_json::Value) {
        let min_score = options.get("claimsMinScore").and_then(|v| v.as_f64()).filter(|x| (0.0..=1.0).contains(x));
        if let Some(x) = min_score {
            self.editor_min_claim_score = Some(crate::analysis::claims::to_thousandths(x));
        }
        if let Some(severities) = options.get("severities").and_then(|v| v.as_object()) {
            for (code, v) in severities {
                if let (Some(check), Some(sev)) = (Check::configurable(code), v.as_str().and_then(Severity::parse)) {
                    self.editor_checks.insert(check, sev);
                }
            }
        }
        if let Some(checks) = options.get("checks").and_then(|v| v.as_object()) {
            for (code, on) in checks {
                if let (Some(check), Some(false)) = (Check::configurable(code), on.as_bool()) {
                    self.editor_checks.insert(check, Severity::Off);
                }
            }
        }
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
    let mut start = rope.line_to_char(line);
    let mut slice = rope.line(line);
    // A byte order mark is not shown by editors, so columns do not count it.
    if line == 0 && slice.len_chars() > 0 && slice.char(0) == '\u{feff}' {
        start += 1;
        slice = slice.slice(1..);
    }
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

/// The state for reading: requests read it side by side (after [`prepare_read`]); a panic in an
/// earlier holder does not make the state unusable.
pub fn read(state: &RwLock<State>) -> RwLockReadGuard<'_, State> {
    state.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The state for changing: one writer at a time, and no reader meanwhile.
pub fn write(state: &RwLock<State>) -> RwLockWriteGuard<'_, State> {
    state.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Brings what a read of `uri` needs up to date (its latest edit indexed, edited `.ann`s applied,
/// its waiting re-analysis done), taking the write lock only when something is out of date: a
/// request on an up-to-date document never waits for another reader.
pub fn prepare_read(state: &RwLock<State>, uri: &Uri) {
    let current = read(state).is_current(uri);
    if !current {
        write(state).file_for(uri);
    }
}
