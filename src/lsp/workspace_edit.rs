//! Core edits (byte ranges in corpus files) → protocol workspace edits, and the code-action and
//! rename handlers' conversions (with `codeAction/resolve`, an action's edit is computed only when
//! the user picks it). A file the edits create gets a `CreateFile` first; every other
//! file's ranges are converted against the text the core computed them on (the open document,
//! the indexed article, or the file as read from disk).

use std::collections::HashMap;

use std::path::Path;

use tower_lsp_server::lsp_types::{
    CodeAction, CodeActionDisabled, CodeActionKind, CodeActionOrCommand, CodeActionResponse, CreateFile,
    CreateFileOptions, DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, ResourceOp, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::analysis::corpus::FileId;
use crate::analysis::edits::{self, Action, ActionContext, ActionKind, ConfigTarget, FileEdits, Offer};
use crate::analysis::text::LineIndex;
use crate::files::{read_text_inside, really_inside_roots};
use crate::lsp::convert;
use crate::lsp::locations::file_position;
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

/// Where code actions may write: the configuration of the document's folder (or the first
/// folder's), and only files really inside the folders.
fn with_context<T>(s: &State, name: &str, f: impl FnOnce(&ActionContext) -> T) -> T {
    let folder = s.project.folder_of(Path::new(name)).or(s.project.folders.first());
    let config_file = folder.map(|f| f.config_path.to_string_lossy().into_owned()).unwrap_or_default();
    let config = match folder {
        Some(f) => match (&f.config_text, &f.config_error) {
            (Some(text), _) => ConfigTarget::Text(text),
            (None, Some(reason)) => ConfigTarget::Unreadable(reason),
            (None, None) => ConfigTarget::Absent,
        },
        None => ConfigTarget::Absent,
    };
    let roots = s.project.read_roots();
    let writable = |file: &str| !file.is_empty() && really_inside_roots(roots, Path::new(file));
    f(&ActionContext { config_file: &config_file, config, writable: &writable })
}

/// The actions offered at a position of a document, without their edits.
pub fn offers_at(s: &State, uri: &Uri, at: Position) -> Option<(FileId, u32, Vec<Offer>)> {
    let (file, offset) = file_position(s, uri, at)?;
    let f = s.corpus.file(file)?;
    let offers = with_context(s, &f.name, |ctx| edits::offered_actions(&s.corpus, file, offset, ctx));
    Some((file, offset, offers))
}

/// The edits of an offered action, as a protocol code action (`None` when it no longer applies).
pub fn resolved(s: &State, file: FileId, offset: u32, offer: &Offer) -> Option<CodeAction> {
    let name = s.corpus.file(file)?.name.clone();
    let action = with_context(s, &name, |ctx| edits::resolve_action(&s.corpus, file, offset, offer, ctx))?;
    code_action(s, &action)
}

/// The actions offered at a position: with their edits, or, to a client that resolves edits,
/// titles now and the (possibly large) edit when one is chosen (`codeAction/resolve`).
pub fn code_actions(s: &State, uri: &Uri, at: Position) -> Option<CodeActionResponse> {
    let (file, offset, offers) = offers_at(s, uri, at)?;
    let convert = |o: &Offer| match s.lazy_action_edits {
        true => Some(unresolved_code_action(o, uri, at)),
        false => resolved(s, file, offset, o),
    };
    Some(offers.iter().filter_map(convert).map(CodeActionOrCommand::CodeAction).collect())
}

/// The edit of the action titled `title` offered at `origin` (`None` when it no longer applies).
pub fn resolve(s: &State, (uri, at): (Uri, Position), title: &str) -> Option<CodeAction> {
    let (file, offset, offers) = offers_at(s, &uri, at)?;
    let chosen = offers.iter().find(|o| o.title == title)?;
    resolved(s, file, offset, chosen)
}

fn kind_of(kind: ActionKind) -> CodeActionKind {
    match kind {
        ActionKind::QuickFix => CodeActionKind::QUICKFIX,
        ActionKind::Refactor => CodeActionKind::REFACTOR,
        ActionKind::Source => CodeActionKind::SOURCE,
    }
}

pub fn code_action(s: &State, action: &Action) -> Option<CodeAction> {
    let disabled = action.disabled.clone().map(|reason| CodeActionDisabled { reason });
    let edit = match disabled {
        Some(_) => None,
        None => Some(workspace_edit(s, &action.edits)?),
    };
    Some(CodeAction {
        title: action.title.clone(),
        kind: Some(kind_of(action.kind)),
        edit,
        disabled,
        ..CodeAction::default()
    })
}

/// An action without its edit, remembering where it was offered, for `codeAction/resolve`; a
/// disabled one carries its reason and nothing to resolve.
pub fn unresolved_code_action(offer: &Offer, uri: &Uri, at: Position) -> CodeAction {
    CodeAction {
        title: offer.title.clone(),
        kind: Some(kind_of(offer.kind)),
        disabled: offer.disabled.clone().map(|reason| CodeActionDisabled { reason }),
        data: offer.disabled.is_none().then(|| serde_json::json!({"uri": uri.as_str(), "position": at})),
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

/// Whether a corpus file may be edited: it lies really inside the workspace folders.
pub fn writable(s: &State, name: &str) -> bool {
    really_inside_roots(s.project.read_roots(), Path::new(name))
}

/// On saving an article whose folder sets `sync-annotations = true`: the edit that writes its
/// annotations' moved offsets to its `.ann`, if they moved and the `.ann` may be written.
pub fn annotations_to_write_on_save(s: &mut State, uri: &Uri) -> Option<WorkspaceEdit> {
    let file = s.file_for(uri)?;
    let name = s.corpus.file(file)?.name.clone();
    if !s.settings_for(&name).sync_annotations {
        return None;
    }
    let action = edits::sync_annotations(&s.corpus, file)?;
    action.edits.iter().all(|e| writable(s, &e.file)).then(|| workspace_edit(s, &action.edits))?
}
