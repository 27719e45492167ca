//! Indexing the workspace: the initial build under `$/progress`, file watching, and closing
//! documents (the file on disk takes over again).
//!
//! The initial build runs off the `initialize` path on a blocking thread; until it finishes,
//! requests are answered from the documents that are open. When it finishes, open documents are
//! put back over their disk versions, since the editor's text wins.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tower_lsp_server::lsp_types::notification::Notification;
use tower_lsp_server::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, UriExt};

use crate::analysis::corpus::Corpus;
use crate::lsp::server::lock;
use crate::lsp::state::{name_of, State};
use crate::workspace::{is_article, read_article, read_corpus};

/// The corpus roots: the workspace folders, else the root URI.
#[allow(deprecated)] // root_uri is the fallback for clients without workspace folders.
pub fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if roots.is_empty() {
        roots.extend(params.root_uri.as_ref().and_then(|u| u.to_file_path()).map(|p| p.into_owned()));
    }
    roots
}

pub async fn register_watchers(client: &Client) {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: ["**/*.txt", "**/*.md"]
            .into_iter()
            .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.into()), kind: None })
            .collect(),
    };
    let registration = Registration {
        id: "isnad-watch-articles".into(),
        method: notification::DidChangeWatchedFiles::METHOD.into(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(e) = client.register_capability(vec![registration]).await {
        log::info!("the client does not watch files for us: {e}");
    }
}

/// Builds the index of every article under the roots, reporting progress.
pub async fn index_workspace(client: Client, state: Arc<Mutex<State>>) {
    let token = ProgressToken::String("isnad-index".into());
    let _ = client.send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams { token: token.clone() }).await;
    let progress = client.progress(token, "Indexing corpus").with_message("reading articles").begin().await;
    let worker_state = state.clone();
    let summary = tokio::task::spawn_blocking(move || {
        let (roots, max, kb) = {
            let s = lock(&worker_state);
            (s.roots.clone(), s.max_file_bytes, s.corpus.kb.clone())
        };
        let started = std::time::Instant::now();
        let (files, skipped) = read_corpus(&roots, max);
        for s in &skipped {
            log::warn!("skipped {}: {}", s.path.display(), s.reason);
        }
        let n = files.len();
        let corpus = Corpus::build(kb, files);
        let mut s = lock(&worker_state);
        s.corpus = corpus;
        for doc in s.docs.values_mut() {
            doc.indexed_version = None;
        }
        let open: Vec<Uri> = s.docs.keys().cloned().collect();
        for uri in &open {
            s.refresh(uri);
        }
        format!("{n} articles indexed in {:.1?} ({} skipped)", started.elapsed(), skipped.len())
    })
    .await
    .unwrap_or_else(|e| format!("indexing failed: {e}"));
    log::info!("{summary}");
    progress.finish_with_message(summary).await;
    // Diagnostics of open documents may have changed with the corpus around them.
    let open: Vec<Uri> = lock(&state).docs.keys().cloned().collect();
    for uri in open {
        let diags = lock(&state).diagnostics(&uri);
        if let Some((diags, version)) = diags {
            client.publish_diagnostics(uri, diags, Some(version)).await;
        }
    }
}

/// Whether a path lies inside one of the corpus roots (nothing outside them is ever read).
pub fn inside_roots(roots: &[PathBuf], path: &Path) -> bool {
    roots.iter().any(|r| path.starts_with(r))
}

/// A document was closed: the disk version (if it is an article inside the roots) replaces it.
pub fn close(state: &Mutex<State>, uri: &Uri) {
    let mut s = lock(state);
    let Some(doc) = s.docs.remove(uri) else {
        return;
    };
    let path = PathBuf::from(&doc.name);
    let on_disk = inside_roots(&s.roots, &path) && is_article(&path);
    match on_disk.then(|| read_article(&path, s.max_file_bytes)) {
        Some(Ok(text)) => {
            s.corpus.set_file(&doc.name, text);
        }
        _ => s.corpus.remove_file(&doc.name),
    }
}

/// Files created, changed or deleted on disk (open documents keep the editor's text).
pub fn files_changed(state: &Mutex<State>, changes: Vec<FileEvent>) {
    for change in changes {
        let name = name_of(&change.uri);
        let path = PathBuf::from(&name);
        let (roots, max, open) = {
            let s = lock(state);
            (s.roots.clone(), s.max_file_bytes, s.docs.contains_key(&change.uri))
        };
        if open || !is_article(&path) || !inside_roots(&roots, &path) {
            continue;
        }
        let read = (change.typ != FileChangeType::DELETED).then(|| read_article(&path, max));
        let mut s = lock(state);
        match read {
            Some(Ok(text)) => {
                s.corpus.set_file(&name, text);
            }
            Some(Err(reason)) => {
                log::warn!("skipped {name}: {reason}");
                s.corpus.remove_file(&name);
            }
            None => s.corpus.remove_file(&name),
        }
    }
}
