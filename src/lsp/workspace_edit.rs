//! Core edits (byte ranges in corpus files) → protocol workspace edits, and the code-action and
//! rename handlers' conversions (with `codeAction/resolve`, an action's edit is computed only when
//! the user picks it). A file the edits create gets a `CreateFile` first; every other
//! file's ranges are converted against the text the core computed them on (the open document,
//! the indexed article, or the file as read from disk).

use std::collections::HashMap;

use tower_lsp_server::lsp_types::{
    CodeAction, CodeActionKind, CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, ResourceOp, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::analysis::edits::{self, Action, ActionKind, FileEdits};
use crate::analysis::text::LineIndex;
use crate::files::read_text_inside;
use crate::lsp::convert;
use crate::lsp::state::{uri_from_path, State};
use crate::project::MAX_SIDE_FILE_BYTES;

/// The current text of a corpus file: an open document, an indexed article, an article's
/// annotations as read, or the file on disk inside the roots.
fn text_of(s: &State, name: &str) -> String {
    if let Some(doc) = s.docs.values().find(|d| d.name == name) {
        return doc.rope.to_string();
    }
    if let Some(f) = s.corpus.file_id(name).and_then(|id| s.corpus.file(id)) {
        return f.text.to_string();
    }
    if let Some(text) = s.project.config_text_of(std::path::Path::new(name)) {
        return text.to_string();
    }
    // An article's `.ann` as read: look the article up by name rather than scanning the corpus.
    let annotations = crate::project::articles_of_ann(std::path::Path::new(name)).into_iter().find_map(|article| {
        let f = s.corpus.file(s.corpus.file_id(&article.to_string_lossy())?)?;
        f.annotations.as_ref().filter(|a| a.ann_name == name).map(|a| a.file.to_string())
    });
    if let Some(text) = annotations {
        return text;
    }
    read_text_inside(s.project.read_roots(), std::path::Path::new(name), MAX_SIDE_FILE_BYTES).unwrap_or_default()
}

/// A workspace edit for the core's file edits.
pub fn workspace_edit(s: &State, files: &[FileEdits]) -> Option<WorkspaceEdit> {
    let mut ops = Vec::new();
    for f in files {
        let uri: Uri = uri_from_path(&f.file)?;
        let text = if f.create { String::new() } else { text_of(s, &f.file) };
        if f.create {
            ops.push(DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
                annotation_id: None,
            })));
        }
        let lines = LineIndex::new(&text);
        let edits = f
            .edits
            .iter()
            .map(|e| {
                let end = (e.end as usize).min(text.len()) as u32;
                let start = (e.start as usize).min(end as usize) as u32;
                OneOf::Left(TextEdit {
                    range: convert::range(&lines, &text, start, end, s.unit),
                    new_text: e.new_text.clone(),
                })
            })
            .collect();
        let version = s.docs.get(&uri).map(|d| d.version);
        ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
            edits,
        }));
    }
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(ops)),
        changes: None::<HashMap<Uri, Vec<TextEdit>>>,
        change_annotations: None,
    })
}

/// The core's actions at a position of a document.
pub fn actions_at(s: &mut State, uri: &Uri, at: Position) -> Option<Vec<Action>> {
    let file = s.file_for(uri)?;
    let f = s.corpus.file(file)?;
    let offset = convert::offset(&f.lines, &f.text, at, s.unit);
    let (config_file, config_text) = config_target(s).unwrap_or_default();
    Some(edits::code_actions(&s.corpus, file, offset, &config_file, config_text.as_deref()))
}

fn kind_of(action: &Action) -> CodeActionKind {
    match action.kind {
        ActionKind::QuickFix => CodeActionKind::QUICKFIX,
        ActionKind::Refactor => CodeActionKind::REFACTOR,
        ActionKind::Source => CodeActionKind::SOURCE,
    }
}

pub fn code_action(s: &State, action: &Action) -> Option<CodeAction> {
    Some(CodeAction {
        title: action.title.clone(),
        kind: Some(kind_of(action)),
        edit: Some(workspace_edit(s, &action.edits)?),
        ..CodeAction::default()
    })
}

/// An action without its edit, remembering where it was offered, for `codeAction/resolve`.
pub fn unresolved_code_action(action: &Action, uri: &Uri, at: Position) -> CodeAction {
    CodeAction {
        title: action.title.clone(),
        kind: Some(kind_of(action)),
        data: Some(serde_json::json!({"uri": uri.as_str(), "position": at})),
        ..CodeAction::default()
    }
}

/// Where an unresolved action was offered.
pub fn action_origin(action: &CodeAction) -> Option<(Uri, Position)> {
    let data = action.data.as_ref()?;
    let uri = std::str::FromStr::from_str(data.get("uri")?.as_str()?).ok()?;
    let at = serde_json::from_value(data.get("position")?.clone()).ok()?;
    Some((uri, at))
}

/// The `isnad.toml` that "Add to knowledge base" writes to, and its current text if it exists.
pub fn config_target(s: &State) -> Option<(String, Option<String>)> {
    let path = s.project.folders.first()?.config_path.clone();
    let name = path.to_string_lossy().into_owned();
    let text = path.is_file().then(|| text_of(s, &name));
    Some((name, text))
}
