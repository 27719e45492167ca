//! Indexing the workspace: the initial build under `$/progress`, file watching, and closing
//! documents (the file on disk takes over again).
//!
//! The initial build runs off the `initialize` path on a blocking thread; until it finishes,
//! requests are answered from the documents that are open. When it finishes, open documents are
//! put back over their disk versions, since the editor's text wins. Files are read only really
//! inside the folders (no `..`, no symbolic link on the way) and never while the state is locked.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tower_lsp_server::lsp_types::notification::Notification;
use tower_lsp_server::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, UriExt};

use crate::analysis::corpus::{Article, Corpus};
use crate::files::{really_inside_roots, ReadError};
use crate::lsp::diagnostics;
use crate::lsp::state::{name_of, read, write, State};
use crate::project::{read_ann_beside, read_side_file, AnnSource, Project, ANNOTATION_CONF};
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
    crate::workspace::distinct_roots(&roots)
}

pub async fn register_watchers(client: Client) {
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

/// How long the client has to answer the request for a progress token.
const PROGRESS_ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(3);

/// Builds the index of every article under the roots, reporting progress.
pub async fn index_workspace(client: Client, state: Arc<RwLock<State>>) {
    let worker_state = state.clone();
    let work = tokio::task::spawn_blocking(move || {
        let (roots, max, builtin) = {
            let s = read(&worker_state);
            (s.roots.clone(), s.max_file_bytes, s.project.builtin.clone())
        };
        let started = std::time::Instant::now();
        let project = Project::load(&roots, builtin);
        let (files, skipped) = project.read_articles(&roots, max);
        for s in &skipped {
            log::warn!("skipped {}: {}", s.path.display(), s.reason);
        }
        let n = files.len();
        let corpus = Corpus::build_with(project.kb.clone(), files, project.options()).deferring_spread();
        let mut s = write(&worker_state);
        s.corpus = corpus;
        s.project = project;
        let State { docs, project, .. } = &mut *s;
        for doc in docs.values_mut() {
            // Annotations read before the configuration was known are read again with its types.
            if let Some(a) = &doc.annotations {
                let text = doc.rope.to_string();
                doc.annotations = Some(project.reread(Path::new(&doc.name), a, &text));
            }
            doc.indexed_version = None;
        }
        let open: Vec<Uri> = s.docs.keys().cloned().collect();
        for uri in &open {
            s.refresh(uri);
        }
        format!("{n} articles indexed in {:.1?} ({} skipped)", started.elapsed(), skipped.len())
    });
    // Progress is reported once the client has answered for its token, while the work goes on;
    // a client that does not answer gets none.
    let token = ProgressToken::String("isnad-index".into());
    let create = client.send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams { token: token.clone() });
    let progress = match tokio::time::timeout(PROGRESS_ANSWER_WITHIN, create).await {
        Ok(_) => Some(client.progress(token, "Indexing corpus").with_message("reading articles").begin().await),
        Err(_) => None,
    };
    let summary = work.await.unwrap_or_else(|e| format!("indexing failed: {e}"));
    log::info!("{summary}");
    if let Some(progress) = progress {
        progress.finish_with_message(summary).await;
    }
    publish_all(&client, &state).await;
    let globs: Vec<String> = read(&state).project.folders.iter().flat_map(|f| f.settings().articles).collect();
    register_article_globs(&client, &globs).await;
}

/// Publishes the diagnostics of every open document and of the folders' `isnad.toml` files: they
/// may change with the corpus around them.
pub async fn publish_all(client: &Client, state: &RwLock<State>) {
    let open: Vec<Uri> = read(state).docs.keys().cloned().collect();
    for uri in open {
        let diags = diagnostics::to_publish_reading(state, &uri);
        if let Some((diags, version)) = diags {
            client.publish_diagnostics(uri, diags, Some(version)).await;
        }
    }
    let configs: Vec<_> = {
        let s = read(state);
        let all = diagnostics::of_configs_on_disk(&s);
        all.into_iter().filter(|(uri, diags)| s.changed(uri, diags)).collect()
    };
    for (uri, diags) in configs {
        client.publish_diagnostics(uri, diags, None).await;
    }
}

/// A configuration change (an `isnad.toml` or `annotation.conf` on disk): `change` updates a copy
/// of the project and says whether the index must be built again; the copy and the new index are
/// worked out off the state's lock, which requests and edits keep taking meanwhile. Articles
/// changed from disk in the meantime are carried over from the index they changed in; open
/// documents are given to the new index again at their next read. One change at a time.
pub fn reconfigure(state: &RwLock<State>, change: Reconfiguration) {
    match change {
        Reconfiguration::Config { folder, text: Ok(text) } => {
            reconfigure_with(state, |p| p.set_config_text(folder, text.as_deref()))
        }
        Reconfiguration::Config { folder, text: Err(reason) } => reconfigure_with(state, |p| {
            p.set_config_error(folder, reason);
            false
        }),
        Reconfiguration::AnnotationConf => {
            let (roots, builtin) = {
                let s = read(state);
                (s.roots.clone(), s.project.builtin.clone())
            };
            reconfigure_with(state, |p| {
                *p = Project::load(&roots, builtin);
                true
            })
        }
    }
}

/// A configuration file changed on disk: what `files_changed` read of it, for [`reconfigure`].
pub enum Reconfiguration {
    /// A folder's `isnad.toml`: its text (`None`: deleted), or why it could not be read.
    Config { folder: usize, text: Result<Option<String>, String> },
    /// An `annotation.conf` (the project is loaded again).
    AnnotationConf,
}

fn reconfigure_with(state: &RwLock<State>, change: impl FnOnce(&mut Project) -> bool) {
    let gate = read(state).reconfiguring.clone();
    let _one_at_a_time = gate.lock().unwrap_or_else(|e| e.into_inner());
    let (mut project, articles) = {
        let mut s = write(state);
        s.rebuilding = Some(Default::default());
        let articles: Vec<Article> = s
            .corpus
            .files()
            .into_iter()
            .map(|(_, f)| (f.name.clone(), f.text.clone(), f.annotations.clone()))
            .collect();
        (s.project.clone(), articles)
    };
    if !change(&mut project) {
        let mut s = write(state);
        s.rebuilding = None;
        s.project = project;
        return;
    }
    let started = std::time::Instant::now();
    let n = articles.len();
    let reread = |project: &Project, name: &str, a: &Option<Arc<_>>, text: &str| {
        a.as_ref().map(|a| Arc::new(project.reread(Path::new(name), a, text)))
    };
    let articles = articles
        .into_iter()
        .map(|(name, text, a)| {
            let a = reread(&project, &name, &a, &text);
            (name, text, a)
        })
        .collect();
    let mut corpus = Corpus::build_with(project.kb.clone(), articles, project.options()).deferring_spread();
    let mut s = write(state);
    for name in s.rebuilding.take().unwrap_or_default() {
        match s.corpus.file_id(&name).and_then(|id| s.corpus.file(id)) {
            Some(f) => {
                let annotations = reread(&project, &name, &f.annotations, &f.text);
                corpus.set_article(&name, f.text.clone(), annotations);
            }
            None => corpus.remove_file(&name),
        }
    }
    let old = std::mem::replace(&mut s.corpus, corpus);
    s.project = project;
    let State { docs, project, .. } = &mut *s;
    for doc in docs.values_mut() {
        if let Some(a) = &doc.annotations {
            let text = doc.rope.to_string();
            doc.annotations = Some(project.reread(Path::new(&doc.name), a, &text));
        }
        doc.indexed_version = None;
    }
    drop(s);
    // Taking the old index apart takes a while at scale: not under the lock.
    drop(old);
    log::info!("configuration changed: {n} articles indexed again in {:.1?}", started.elapsed());
}

/// A document was closed: the disk version (if it is an article inside the roots) replaces it.
/// The file is read before the state is taken again.
pub fn close(state: &RwLock<State>, uri: &Uri) {
    let (doc, read_roots, is_article, max) = {
        let mut s = write(state);
        let Some(doc) = s.docs.remove(uri) else { return };
        let path = PathBuf::from(&doc.name);
        let max = s.project.max_file_bytes(&path, s.max_file_bytes);
        (doc, s.project.read_roots().to_vec(), s.project.is_article(&path), max)
    };
    let path = PathBuf::from(&doc.name);
    let on_disk = (is_article && really_inside_roots(&read_roots, &path))
        .then(|| read_article(&path, max).ok().map(|text| (read_ann_beside(&read_roots, &path), text)))
        .flatten();
    // A closed `.ann`: the file on disk is the truth again.
    let ann = (path.extension().is_some_and(|e| e == "ann") && really_inside_roots(&read_roots, &path))
        .then(|| ann_source(&path));
    let mut s = write(state);
    match on_disk {
        Some((source, text)) => {
            let annotations = s.project.annotations_from(&source, &path, &text);
            s.corpus.set_article(&doc.name, text, annotations);
        }
        None => s.corpus.remove_file(&doc.name),
    }
    s.disk_changed(&doc.name);
    if let Some(source) = ann {
        s.set_ann_source(&path, &source);
    }
}

/// An `.ann` read from disk (it may be gone, or refused).
fn ann_source(ann: &Path) -> AnnSource {
    match read_side_file(ann) {
        Ok(text) => AnnSource::Text { ann: ann.to_path_buf(), text },
        Err(ReadError::Missing) => AnnSource::Absent,
        Err(ReadError::Refused(reason)) => AnnSource::Unreadable { ann: ann.to_path_buf(), reason },
    }
}

/// What a watched-file event is about, as the state sees it.
enum Watched {
    /// A folder's `isnad.toml` (its index among the folders).
    Config(usize),
    /// `annotation.conf` at a folder's root.
    AnnotationConf,
    Ann,
    Article,
    Other,
}

/// Files created, changed or deleted on disk (open documents keep the editor's text). Every file
/// is read before the state is taken, and only when it lies really inside the folders. Articles
/// and annotations are applied at once; the configuration changes are returned, for the caller to
/// apply with [`reconfigure`] off the protocol's thread (a new index takes seconds).
pub fn files_changed(state: &RwLock<State>, changes: Vec<FileEvent>) -> Vec<Reconfiguration> {
    let mut reconfigurations = Vec::new();
    for change in changes {
        let name = name_of(&change.uri);
        let path = PathBuf::from(&name);
        let (read_roots, open, what, max) = {
            let s = read(state);
            let what = if let Some(i) = s.project.folder_with_config(&path) {
                Watched::Config(i)
            } else if s.project.folders.iter().any(|f| f.root.join(ANNOTATION_CONF) == path) {
                Watched::AnnotationConf
            } else if path.extension().is_some_and(|e| e == "ann") {
                Watched::Ann
            } else if s.project.is_article(&path) {
                Watched::Article
            } else {
                Watched::Other
            };
            let max = s.project.max_file_bytes(&path, s.max_file_bytes);
            (s.project.read_roots().to_vec(), s.docs.contains_key(&change.uri), what, max)
        };
        // A path that leaves the folders through `..` or a symlinked directory is never read.
        if !really_inside_roots(&read_roots, &path) {
            continue;
        }
        match what {
            Watched::Config(folder) => {
                let text = match read_side_file(&path) {
                    Ok(text) => Ok(Some(text)),
                    Err(ReadError::Missing) => Ok(None),
                    Err(ReadError::Refused(reason)) => {
                        log::warn!("{name}: {reason}");
                        Err(reason)
                    }
                };
                reconfigurations.push(Reconfiguration::Config { folder, text });
            }
            Watched::AnnotationConf => reconfigurations.push(Reconfiguration::AnnotationConf),
            Watched::Ann if !open => {
                let source = ann_source(&path);
                write(state).set_ann_source(&path, &source);
            }
            Watched::Article if !open => {
                let read = (change.typ != FileChangeType::DELETED)
                    .then(|| read_article(&path, max).map(|text| (read_ann_beside(&read_roots, &path), text)));
                let mut s = write(state);
                match read {
                    Some(Ok((source, text))) => {
                        let annotations = s.project.annotations_from(&source, &path, &text);
                        s.corpus.set_article(&name, text, annotations);
                    }
                    Some(Err(reason)) => {
                        log::warn!("skipped {name}: {reason}");
                        s.corpus.remove_file(&name);
                    }
                    None => s.corpus.remove_file(&name),
                }
                s.disk_changed(&name);
            }
            _ => {}
        }
    }
    reconfigurations
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::kb::Kb;
    use crate::analysis::knowledge::KbData;

    /// An article changed from disk while the next index is built (here: by the project change
    /// itself, which runs off the lock) is carried over into it, and a removed one stays removed.
    #[test]
    fn an_article_changed_during_a_reconfiguration_is_carried_over() {
        let state = RwLock::new(State::new(Arc::new(KbData::new(Kb::builtin()))));
        {
            let mut s = write(&state);
            s.corpus.set_file("/c/a.txt", Arc::from("وصل فلاديمير بوتين إلى موسكو.\n"));
            s.corpus.set_file("/c/b.txt", Arc::from("وصل دونالد ترامب.\n"));
        }
        reconfigure_with(&state, |_| {
            let mut s = write(&state);
            s.corpus.set_file("/c/a.txt", Arc::from("قال كيم جونغ أون إن بيونغ يانغ سترد.\n"));
            s.disk_changed("/c/a.txt");
            s.corpus.remove_file("/c/b.txt");
            s.disk_changed("/c/b.txt");
            true
        });
        let s = read(&state);
        let a = s.corpus.file_id("/c/a.txt").and_then(|id| s.corpus.file(id)).expect("a.txt indexed");
        assert!(a.text.contains("كيم"), "the new index has the text changed meanwhile: {}", a.text);
        assert_eq!(s.corpus.file_id("/c/b.txt"), None, "b.txt was removed meanwhile");
        assert!(s.rebuilding.is_none());
    }
}
