//! `prepareRename` and `rename`: the position → the core's rename → the protocol's range or
//! workspace edit. A rename the core refuses (not a name, a spelling that cannot be renamed, a file
//! that may not be written) answers with the reason, shown to the user.

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::lsp_types::{Position, PrepareRenameResponse, Uri, WorkspaceEdit};

use crate::analysis::{edits, features};
use crate::lsp::convert;
use crate::lsp::locations::file_position;
use crate::lsp::state::State;
use crate::lsp::workspace_edit;

/// A request the server declines, with the reason shown to the user (LSP `RequestFailed`).
fn refused(message: String) -> Error {
    Error { code: ErrorCode::ServerError(-32803), message: message.into(), data: None }
}

/// The range of the name at the position and the spelling to offer (none off a name).
pub fn prepare_rename(s: &State, uri: &Uri, position: Position) -> Result<Option<PrepareRenameResponse>> {
    let Some((file, offset)) = file_position(s, uri, position) else {
        return Ok(None);
    };
    if features::mention_at(&s.corpus, file, offset).is_none() {
        return Ok(None);
    }
    let (start, end, placeholder) = edits::prepare_rename(&s.corpus, file, offset).map_err(refused)?;
    let Some(f) = s.corpus.file(file) else { return Ok(None) };
    let range = convert::range(&f.lines, &f.text, start, end, s.unit);
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder { range, placeholder }))
}

/// The edit renaming the name at the position to `new_name` across the corpus (none off a name).
pub fn rename(s: &State, uri: &Uri, position: Position, new_name: &str) -> Result<Option<WorkspaceEdit>> {
    if let Some(why) = edits::invalid_name(new_name) {
        return Err(Error::invalid_params(why));
    }
    let Some((file, offset)) = file_position(s, uri, position) else {
        return Ok(None);
    };
    if features::mention_at(&s.corpus, file, offset).is_none() {
        return Ok(None);
    }
    let writable = |name: &str| workspace_edit::writable(s, name);
    let files = edits::rename(&s.corpus, file, offset, new_name, &writable).map_err(refused)?;
    Ok(workspace_edit::workspace_edit(s, &files))
}
