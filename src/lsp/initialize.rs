//! The `initialize` exchange: what the server reads from the client (position encoding, locale,
//! workspace folders, initialization options, whether code-action edits are resolved lazily) and
//! the capabilities it answers with.

use tower_lsp_server::lsp_types::*;

use crate::analysis::model::Lang;
use crate::analysis::text::ColumnUnit;
use crate::lsp::indexing;
use crate::lsp::state::State;

/// UTF-8 positions when the client offers them, else the protocol's default, UTF-16.
pub fn position_encoding(params: &InitializeParams) -> PositionEncodingKind {
    let encodings = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.clone()).unwrap_or_default();
    if encodings.contains(&PositionEncodingKind::UTF8) {
        PositionEncodingKind::UTF8
    } else {
        PositionEncodingKind::UTF16
    }
}

/// Sets up the state from what the client says of itself.
pub fn configure(state: &mut State, params: &InitializeParams, encoding: &PositionEncodingKind) {
    state.unit = if *encoding == PositionEncodingKind::UTF8 { ColumnUnit::Utf8 } else { ColumnUnit::Utf16 };
    state.lang = if params.locale.as_deref().is_some_and(|l| l.starts_with("ar")) { Lang::Ar } else { Lang::En };
    state.roots = indexing::roots_of(params);
    // The folders are known at once (documents opened while indexing read their `.ann`); their
    // configuration is read with the index.
    state.project = crate::project::Project::with_roots(&state.roots, state.project.builtin.clone());
    let options = params.initialization_options.as_ref();
    if let Some(max) = options.and_then(|o| o.get("maxFileBytes")).and_then(|v| v.as_u64()) {
        state.max_file_bytes = max;
    }
    if let Some(limit) = options.and_then(|o| o.get("referencesLimit")).and_then(|v| v.as_u64()) {
        state.references_limit = usize::try_from(limit).unwrap_or(usize::MAX);
    }
    if let Some(options) = options {
        state.set_editor_checks(options);
    }
    let resolves = params.capabilities.text_document.as_ref().and_then(|t| t.code_action.as_ref());
    state.lazy_action_edits =
        resolves.and_then(|c| c.resolve_support.as_ref()).is_some_and(|r| r.properties.iter().any(|p| p == "edit"));
}

/// The server's answer: its capabilities in the chosen position encoding, and its name.
pub fn result(encoding: PositionEncodingKind) -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(encoding),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                // Saving an edited article may write its moved annotations (`sync-annotations`).
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            document_highlight_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::REFACTOR,
                    CodeActionKind::SOURCE,
                ]),
                resolve_provider: Some(true),
                ..CodeActionOptions::default()
            })),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo { name: "isnad".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    }
}
