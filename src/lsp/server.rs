//! The `LanguageServer` implementation: a table of handlers, each a few lines that convert the
//! request, call the core under a short lock, and convert the answer.
//!
//! Ordering: didOpen/didChange/didClose mutate the state before their first `.await`; no lock is
//! held across an `.await`. Requests run on blocking threads (`query`), so the protocol loop keeps
//! reading: a cancelled request that has not yet taken the state does no work, and `shutdown` is
//! never queued behind analysis. Diagnostics after an edit go through the debouncer in `debounce.rs`.

use std::sync::{Arc, RwLock};

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::lsp::debounce::Debouncer;
use crate::lsp::diagnostics;
use crate::lsp::hovers;
use crate::lsp::indexing;
use crate::lsp::initialize;
use crate::lsp::locations::{self, RangesToLocate};
use crate::lsp::rename;
use crate::lsp::state::{prepare_read, read, write, OpenFiles, State};
use crate::lsp::workspace_edit;

pub struct Backend {
    pub client: Client,
    pub state: Arc<RwLock<State>>,
    pub debouncer: Debouncer,
}

/// Runs a state change from a notification; a panic inside the core is logged instead of taking
/// the server down (notifications have no answer to carry an error).
fn guard(what: &str, f: impl FnOnce()) {
    guarded(what, || {
        f();
        Some(())
    });
}

/// Runs `f`, turning a panic inside the core into `None`, logged under `what`.
fn guarded<T>(what: &str, f: impl FnOnce() -> Option<T>) -> Option<T> {
    let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    if answer.is_err() {
        log::error!("{what}: the analysis panicked; the document is kept, its results may be stale");
    }
    answer.ok().flatten()
}

/// Set when a request's future is dropped (the client cancelled it) before its answer is ready.
#[derive(Default)]
struct CancelFlag(Arc<std::sync::atomic::AtomicBool>);

impl CancelFlag {
    fn disarm(self) {
        std::mem::forget(self);
    }
}

impl Drop for CancelFlag {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Backend {
    /// Runs a query against the state on a blocking thread, so that the protocol loop keeps
    /// reading (a `$/cancelRequest` or `shutdown` behind heavy requests is handled at once).
    /// Queries read the state side by side; the document they ask about (`at`) is brought up to
    /// date first. A request cancelled before it gets the state does no work; a panic inside the
    /// core becomes an error answer.
    async fn query<T: Send + 'static>(
        &self,
        at: Option<&Uri>,
        f: impl FnOnce(&State) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        self.query_then(at, f, |answer| answer).await
    }

    /// Like [`Backend::query`], with a second step run after the state is released: `f` takes
    /// what it needs under the lock (ranges and shared texts), `render` converts it for the
    /// protocol without holding up other requests.
    async fn query_then<P: Send + 'static, T: Send + 'static>(
        &self,
        at: Option<&Uri>,
        f: impl FnOnce(&State) -> Option<P> + Send + 'static,
        render: impl FnOnce(P) -> T + Send + 'static,
    ) -> Result<Option<T>> {
        let state = self.state.clone();
        let at = at.cloned();
        let cancelled = CancelFlag::default();
        let seen = cancelled.0.clone();
        let answer = tokio::task::spawn_blocking(move || {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let is_cancelled = || seen.load(std::sync::atomic::Ordering::Relaxed);
                if is_cancelled() {
                    return None;
                }
                if let Some(uri) = &at {
                    prepare_read(&state, uri);
                }
                let taken = {
                    let s = read(&state);
                    if is_cancelled() {
                        return None;
                    }
                    f(&s)
                }?;
                if is_cancelled() {
                    return None;
                }
                Some(render(taken))
            }))
        })
        .await;
        cancelled.disarm();
        match answer {
            Ok(Ok(value)) => Ok(value),
            _ => {
                log::error!("a request panicked inside the analysis; answered with an error");
                Err(Error::internal_error())
            }
        }
    }

    /// Like [`Backend::query`], for requests that may refuse with a message for the user.
    async fn query_or_refuse<T: Send + 'static>(
        &self,
        at: Option<&Uri>,
        f: impl FnOnce(&State) -> Result<Option<T>> + Send + 'static,
    ) -> Result<Option<T>> {
        let answer = self.query(at, move |s| Some(f(s))).await?;
        answer.unwrap_or(Ok(None))
    }

    /// `isnad/statements`: the sentences attributed to the entity at the position, across the
    /// corpus ("show what X said"), in corpus order.
    pub async fn statements(&self, p: TextDocumentPositionParams) -> Result<Option<Vec<Location>>> {
        let uri = p.text_document.uri.clone();
        let statements = move |s: &State| {
            let (file, offset) = locations::file_position(s, &p.text_document.uri, p.position)?;
            let said = crate::analysis::quoted::statements_at(&s.corpus, file, offset);
            Some(RangesToLocate::take(s, said.into_iter().map(|st| st.range).collect()))
        };
        self.query_then(Some(&uri), statements, RangesToLocate::locations).await
    }

    async fn publish(&self, uri: Uri) {
        if let Some((diags, version)) =
            guarded("publishing diagnostics", || diagnostics::to_publish_reading(&self.state, &uri))
        {
            self.client.publish_diagnostics(uri, diags, Some(version)).await;
        }
    }

    /// Asks the client to apply an edit the server made (`what` names it in the log), without
    /// waiting in the handler: the client may never answer.
    fn apply_in_background(&self, edit: WorkspaceEdit, what: String) {
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.apply_edit(edit).await {
                log::warn!("the editor did not apply {what}: {e}");
            }
        });
    }

    /// Builds a new index for each configuration change, one after the other, on a blocking
    /// thread: requests go on reading the old one meanwhile.
    async fn reconfigure(&self, changes: Vec<indexing::Reconfiguration>) {
        for change in changes {
            let state = self.state.clone();
            let work = move || guard("configuration change", || indexing::reconfigure(&state, change));
            let _ = tokio::task::spawn_blocking(work).await;
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = initialize::position_encoding(&params);
        initialize::configure(&mut write(&self.state), &params, &encoding);
        Ok(initialize::result(encoding))
    }

    async fn initialized(&self, _: InitializedParams) {
        // Neither waits in the handler for the client's answers: a client may never answer.
        tokio::spawn(indexing::register_watchers(self.client.clone()));
        let client = self.client.clone();
        let state = self.state.clone();
        tokio::spawn(async move { indexing::index_workspace(client, state).await });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        // The files beside it are read first, without the state.
        let read_roots = read(&self.state).project.read_roots().to_vec();
        // Applied before the handler first yields (in order), on a thread the runtime may block.
        tokio::task::block_in_place(|| {
            let files = OpenFiles::read(&read_roots, &doc.uri);
            guard("didOpen", || write(&self.state).open(doc.uri.clone(), &doc.text, doc.version, &files));
        });
        self.publish(doc.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let (uri, version) = (params.text_document.uri, params.text_document.version);
        if write(&self.state).edit(&uri, version, params.content_changes) {
            self.debouncer.schedule(uri, version);
        } else {
            log::warn!("ignored a change to {} (not open, or version {version} goes backwards)", uri.as_str());
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        tokio::task::block_in_place(|| guard("didClose", || indexing::close(&self.state, &uri)));
        write(&self.state).forget_published(&uri);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        let edit = guarded("didSave", || workspace_edit::annotations_to_write_on_save(&mut write(&self.state), &uri));
        if let Some(edit) = edit {
            self.apply_in_background(edit, format!("the moved annotations of {}", uri.as_str()));
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        // Applied before the handler first yields, like edits, so that later requests see the files.
        let mut reconfigurations = Vec::new();
        tokio::task::block_in_place(|| {
            guard("didChangeWatchedFiles", || reconfigurations = indexing::files_changed(&self.state, params.changes))
        });
        self.reconfigure(reconfigurations).await;
        indexing::publish_all(&self.client, &self.state).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.query(Some(&p.text_document.uri.clone()), move |s| {
            let (file, offset) = locations::file_position(s, &p.text_document.uri, p.position)?;
            hovers::hover(s, file, offset)
        })
        .await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let uri = p.text_document.uri.clone();
        self.query(Some(&uri), move |s| locations::definition(s, &p.text_document.uri, p.position)).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let include = params.context.include_declaration;
        let uri = p.text_document.uri.clone();
        let references = move |s: &State| locations::references(s, &p, include);
        let answer = self.query_then(Some(&uri), references, |(refs, note)| (refs.locations(), note)).await?;
        let Some((locations, note)) = answer else { return Ok(None) };
        if let Some(note) = note {
            self.client.show_message(MessageType::INFO, note).await;
        }
        Ok(Some(locations))
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        let uri = p.text_document.uri.clone();
        self.query(Some(&uri), move |s| locations::highlights(s, &p.text_document.uri, p.position)).await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.query(Some(&params.text_document.uri.clone()), move |s| {
            let file = s.file_id(&params.text_document.uri)?;
            Some(DocumentSymbolResponse::Nested(locations::document_symbols(s, file)))
        })
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<OneOf<Vec<SymbolInformation>, Vec<WorkspaceSymbol>>>> {
        self.query(None, move |s| Some(OneOf::Left(locations::workspace_symbols(s, &params.query)))).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let (uri, at) = (params.text_document.uri, params.range.start);
        self.query(Some(&uri.clone()), move |s| workspace_edit::code_actions(s, &uri, at)).await
    }

    async fn code_action_resolve(&self, action: CodeAction) -> Result<CodeAction> {
        let origin = workspace_edit::action_origin(&action);
        let at = origin.as_ref().map(|(uri, _)| uri.clone());
        let resolved = self.query(at.as_ref(), move |s| workspace_edit::resolve(s, origin?, &action.title)).await?;
        resolved.ok_or_else(|| Error::invalid_params("this action no longer applies: the corpus changed"))
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let uri = params.text_document.uri.clone();
        let position = params.position;
        self.query_or_refuse(Some(&uri.clone()), move |s| rename::prepare_rename(s, &uri, position)).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let uri = p.text_document.uri.clone();
        let new_name = params.new_name;
        self.query_or_refuse(Some(&uri), move |s| rename::rename(s, &p.text_document.uri, p.position, &new_name)).await
    }
}
