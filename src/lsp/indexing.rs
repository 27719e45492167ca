//! Indexing the workspace: the initial build under `$/progress`, file watching, and closing
//! documents (the file on disk takes over again).
//!
//! The initial build runs off the `initialize` path on a blocking thread; until it finishes,
//! requests are answered from the documents that are open. When it finishes, open documents are
//! put back over their disk versions, since the editor's text wins.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use tower_lsp_server::lsp_types::notification::Notification;
use tower_lsp_server::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, UriExt};

use crate::analysis::annotations::read_annotations;
use crate::analysis::corpus::{Article, Corpus};
use crate::lsp::server::lock;
use crate::lsp::state::{name_of, State};
use crate::project::{Project, ANNOTATION_CONF, CONFIG_FILE};
use crate::workspace::read_article;

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
        watchers: ["**/*.txt", "**/*.md", "**/*.ann", "**/isnad.toml", "**/annotation.conf"]
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

/// Also watches the files the corpus's `articles` globs choose (the server checks each event
/// against the globs themselves).
async fn register_article_globs(client: &Client, globs: &[String]) {
    if globs.is_empty() {
        return;
    }
    let watchers = globs
        .iter()
        .map(|g| if g.starts_with("**/") { g.clone() } else { format!("**/{}", g.trim_start_matches('/')) })
        .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g), kind: None })
        .collect();
    let registration = Registration {
        id: "isnad-watch-article-globs".into(),
        method: notification::DidChangeWatchedFiles::METHOD.into(),
        register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions { watchers }).ok(),
    };
    if let Err(e) = client.register_capability(vec![registration]).await {
        log::info!("the client does not watch the article globs for us: {e}");
    }
}

/// Builds the index of every article under the roots, reporting progress.
pub async fn index_workspace(client: Client, state: Arc<Mutex<State>>) {
    let token = ProgressToken::String("isnad-index".into());
    let _ = client.send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams { token: token.clone() }).await;
    let progress = client.progress(token, "Indexing corpus").with_message("reading articles").begin().await;
    let worker_state = state.clone();
    let summary = tokio::task::spawn_blocking(move || {
        let (roots, max, builtin) = {
            let s = lock(&worker_state);
            (s.roots.clone(), s.max_file_bytes, s.project.builtin.clone())
        };
        let started = std::time::Instant::now();
        let project = Project::load(&roots, builtin);
        let max = project.settings().max_file_bytes.unwrap_or(max);
        let (files, skipped) = project.read_articles(&roots, max);
        for s in &skipped {
            log::warn!("skipped {}: {}", s.path.display(), s.reason);
        }
        let n = files.len();
        let corpus = Corpus::build_with(project.kb.clone(), files, project.options()).deferring_spread();
        let mut s = lock(&worker_state);
        s.corpus = corpus;
        s.max_file_bytes = max;
        let conf = project.annotation_conf.clone();
        s.project = project;
        for doc in s.docs.values_mut() {
            // Annotations read before the configuration was known are read again with its types.
            if let Some(a) = &doc.annotations {
                let text = doc.rope.to_string();
                doc.annotations = Some(read_annotations(&a.ann_name, &a.file.to_string(), &text, &conf));
            }
        }
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
    publish_all(&client, &state).await;
    let globs = lock(&state).project.settings().articles;
    register_article_globs(&client, &globs).await;
}

/// Publishes the diagnostics of every open document and of the corpus `isnad.toml`: they may
/// change with the corpus around them.
pub async fn publish_all(client: &Client, state: &Mutex<State>) {
    let open: Vec<Uri> = lock(state).docs.keys().cloned().collect();
    for uri in open {
        let diags = lock(state).diagnostics(&uri);
        if let Some((diags, version)) = diags {
            client.publish_diagnostics(uri, diags, Some(version)).await;
        }
    }
    let config = lock(state).config_diagnostics();
    if let Some((uri, diags)) = config {
        client.publish_diagnostics(uri, diags, None).await;
    }
}

/// An `.ann` changed on disk: its article (open or not) takes the new annotations, unless the
/// `.ann` is open in the editor (its text there wins).
fn annotations_changed(state: &Mutex<State>, ann: &Path) {
    let mut s = lock(state);
    let name = ann.to_string_lossy();
    if !s.docs.values().any(|d| d.name == name) {
        s.set_ann_text(ann, None);
    }
}

/// `isnad.toml` or `annotation.conf` changed on disk: read the configuration again and, if the
/// knowledge base or the options changed, rebuild the index from the texts it holds. A broken
/// file keeps the last good configuration (its problems are reported on it).
fn project_changed(state: &Mutex<State>, path: &Path) {
    let mut s = lock(state);
    let rebuild = if path.file_name().is_some_and(|n| n == ANNOTATION_CONF) {
        let roots = s.roots.clone();
        let builtin = s.project.builtin.clone();
        s.project = Project::load(&roots, builtin);
        true
    } else {
        if s.project.config_path.is_none() {
            s.project.config_path = Some(path.to_path_buf());
        }
        s.project.reload_config()
    };
    if !rebuild {
        return;
    }
    let started = std::time::Instant::now();
    let conf = s.project.annotation_conf.clone();
    let articles: Vec<Article> = s
        .corpus
        .files()
        .into_iter()
        .map(|(_, f)| {
            let annotations = f
                .annotations
                .as_ref()
                .map(|a| Arc::new(read_annotations(&a.ann_name, &a.file.to_string(), &f.text, &conf)));
            (f.name.clone(), f.text.clone(), annotations)
        })
        .collect();
    let n = articles.len();
    s.corpus = Corpus::build_with(s.project.kb.clone(), articles, s.project.options()).deferring_spread();
    for doc in s.docs.values_mut() {
        doc.indexed_version = None;
    }
    log::info!("configuration changed: {n} articles indexed again in {:.1?}", started.elapsed());
}

/// Whether a path lies inside one of the corpus roots, by its text (no `..` or `.` below the root).
pub fn inside_roots(roots: &[PathBuf], path: &Path) -> bool {
    roots
        .iter()
        .any(|r| path.strip_prefix(r).is_ok_and(|rest| rest.components().all(|c| matches!(c, Component::Normal(_)))))
}

/// The path to read for an article named `path`, when it really lies inside one of the roots:
/// its text is below a root (no `..`), and no component below the root is a symbolic link, so
/// the file resolves to the same place under the root's own real path. Like the workspace walk,
/// which follows no symlinks, this never reads a file outside the roots through a link or `..`.
pub fn readable_inside_roots(roots: &[PathBuf], path: &Path) -> Option<PathBuf> {
    let real = std::fs::canonicalize(path).ok()?;
    roots.iter().find_map(|root| {
        let rest = path.strip_prefix(root).ok()?;
        if !rest.components().all(|c| matches!(c, Component::Normal(_))) {
            return None;
        }
        let real_root = std::fs::canonicalize(root).ok()?;
        (real_root.join(rest) == real).then(|| real.clone())
    })
}

/// A document was closed: the disk version (if it is an article inside the roots) replaces it.
pub fn close(state: &Mutex<State>, uri: &Uri) {
    let mut s = lock(state);
    let Some(doc) = s.docs.remove(uri) else {
        return;
    };
    let path = PathBuf::from(&doc.name);
    let on_disk = if s.project.is_article(&path) { readable_inside_roots(&s.roots, &path) } else { None };
    match on_disk.map(|real| read_article(&real, s.max_file_bytes)) {
        Some(Ok(text)) => {
            let annotations = s.project.annotations_of(&path, &text);
            s.corpus.set_article(&doc.name, text, annotations);
        }
        _ => s.corpus.remove_file(&doc.name),
    }
    // A closed `.ann`: the file on disk is the truth again.
    if path.extension().is_some_and(|e| e == "ann") {
        s.set_ann_text(&path, None);
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
        if !inside_roots(&roots, &path) {
            continue;
        }
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if file_name == CONFIG_FILE || file_name == ANNOTATION_CONF {
            project_changed(state, &path);
            continue;
        }
        if path.extension().is_some_and(|e| e == "ann") {
            annotations_changed(state, &path);
            continue;
        }
        if open || !lock(state).project.is_article(&path) {
            continue;
        }
        // A path that leaves the roots through `..` or a symlinked directory is never read; a file
        // of that name already in the index (there is none: the walk follows no links) is dropped.
        let read = if change.typ == FileChangeType::DELETED {
            None
        } else {
            Some(match readable_inside_roots(&roots, &path) {
                Some(real) => read_article(&real, max),
                None => Err("outside the workspace folders, or not readable (not followed)".to_string()),
            })
        };
        let mut s = lock(state);
        match read {
            Some(Ok(text)) => {
                let annotations = s.project.annotations_of(&path, &text);
                s.corpus.set_article(&name, text, annotations);
            }
            Some(Err(reason)) => {
                log::warn!("skipped {name}: {reason}");
                s.corpus.remove_file(&name);
            }
            None => s.corpus.remove_file(&name),
        }
    }
}
