//! A corpus on disk as isnad sees it: one or more folders of articles with the brat `.ann` files
//! beside them, each folder with its own `isnad.toml`, the corpus's `annotation.conf`, and the
//! knowledge base they make.
//!
//! This is the filesystem edge shared by the CLI and the language server: it reads files (through
//! [`crate::files`], never following a link out of the folders, never blocking on a FIFO) and
//! hands their text to the core. Nothing is written here. Each folder's settings (which files are
//! articles, size limit, language, checks, annotations-only) apply to the articles under it; the
//! knowledge base is the built-in one extended by every folder's entries (the first folder wins a
//! shared id). A broken `isnad.toml` keeps its last good configuration (none at first) and reports
//! its problems.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::annotations::{read_annotations, unreadable_annotations, ArticleAnnotations};
use crate::analysis::config::{merged_kb, parse_config, ConfigProblem, CorpusConfig, Settings};
use crate::analysis::corpus::{Article, CorpusOptions};
use crate::analysis::knowledge::KbData;
use crate::analysis::standoff::conf::{parse_conf, AnnotationConf};
use crate::files::{read_text, really_inside_roots, ReadError};
use crate::workspace::{distinct_roots, is_article, read_corpus_with, Skipped};

/// The corpus configuration file, at the root of a folder.
pub const CONFIG_FILE: &str = "isnad.toml";
/// brat's declaration of annotation types, at a corpus root.
pub const ANNOTATION_CONF: &str = "annotation.conf";
/// `.ann` and config files bigger than this are not read.
pub const MAX_SIDE_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// One folder of the corpus (a workspace folder, or a directory named on the command line).
#[derive(Clone, Debug)]
pub struct Folder {
    pub root: PathBuf,
    /// `root/isnad.toml`, whether or not it exists.
    pub config_path: PathBuf,
    /// The last readable configuration.
    pub config: Option<CorpusConfig>,
    /// The `isnad.toml` text as last read (`None`: there is none), and its problems.
    pub config_text: Option<String>,
    pub config_problems: Vec<ConfigProblem>,
    /// The `isnad.toml` exists but could not be read, and why (nothing is written to it then).
    pub config_error: Option<String>,
    /// `[settings] articles`, relative to the root.
    article_globs: Option<globset::GlobSet>,
}

impl Folder {
    fn new(root: PathBuf) -> Folder {
        Folder {
            config_path: root.join(CONFIG_FILE),
            root,
            config: None,
            config_text: None,
            config_problems: Vec::new(),
            config_error: None,
            article_globs: None,
        }
    }

    pub fn settings(&self) -> Settings {
        self.config.as_ref().map(|c| c.settings.clone()).unwrap_or_default()
    }
}

/// The configuration and knowledge base of a corpus.
#[derive(Clone, Debug)]
pub struct Project {
    pub builtin: Arc<KbData>,
    /// The folders, none inside another.
    pub folders: Vec<Folder>,
    pub annotation_conf: AnnotationConf,
    /// The built-in knowledge base extended by the folders' configurations.
    pub kb: Arc<KbData>,
    /// Where side files may be read: the folders, and the directory of an article named alone.
    read_roots: Vec<PathBuf>,
}

/// What lies beside an article where its `.ann` would be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnnSource {
    Absent,
    Text {
        ann: PathBuf,
        text: String,
    },
    /// Something is there that was not read (a link, a FIFO, too big, not UTF-8, outside the folders).
    Unreadable {
        ann: PathBuf,
        reason: String,
    },
}

impl Project {
    pub fn new(builtin: Arc<KbData>) -> Project {
        Project {
            kb: builtin.clone(),
            builtin,
            folders: Vec::new(),
            annotation_conf: AnnotationConf::default(),
            read_roots: Vec::new(),
        }
    }

    /// The folders of the given roots (duplicates and roots inside another dropped), without
    /// reading anything yet (see [`Project::load`]).
    pub fn with_roots(roots: &[PathBuf], builtin: Arc<KbData>) -> Project {
        let mut project = Project::new(builtin);
        for root in distinct_roots(roots) {
            if root.is_dir() {
                project.read_roots.push(root.clone());
                project.folders.push(Folder::new(root));
            } else if let Some(dir) = root.parent() {
                project.read_roots.push(dir.to_path_buf());
            }
        }
        project
    }

    /// The folders of the given roots (duplicates and roots inside another dropped), each with its
    /// `isnad.toml`, and the first `annotation.conf` found at a root.
    pub fn load(roots: &[PathBuf], builtin: Arc<KbData>) -> Project {
        let mut project = Project::with_roots(roots, builtin);
        let conf = project.folders.iter().find_map(|f| read_side_file(&f.root.join(ANNOTATION_CONF)).ok());
        if let Some(text) = conf {
            project.annotation_conf = parse_conf(&text);
        }
        for i in 0..project.folders.len() {
            let path = project.folders[i].config_path.clone();
            match read_side_file(&path) {
                Ok(text) => {
                    project.take_config(i, &text);
                }
                Err(ReadError::Missing) => {}
                Err(ReadError::Refused(reason)) => {
                    log::warn!("{}: {reason}", path.display());
                    project.folders[i].config_error = Some(reason);
                }
            }
        }
        project.rebuild_kb();
        project
    }

    /// The paths under which side files may be read.
    pub fn read_roots(&self) -> &[PathBuf] {
        &self.read_roots
    }

    /// The folder an article or side file belongs to.
    pub fn folder_of(&self, path: &Path) -> Option<&Folder> {
        self.folders.iter().find(|f| path.starts_with(&f.root))
    }

    /// The folder whose `isnad.toml` this is.
    pub fn folder_with_config(&self, config: &Path) -> Option<usize> {
        self.folders.iter().position(|f| f.config_path == config)
    }

    /// The text of a folder's `isnad.toml` as last read, if `path` is one.
    pub fn config_text_of(&self, path: &Path) -> Option<&str> {
        self.folders.iter().find(|f| f.config_path == path)?.config_text.as_deref()
    }

    /// The settings that apply to a path: its folder's.
    pub fn settings_for(&self, path: &Path) -> Settings {
        self.folder_of(path).map(Folder::settings).unwrap_or_default()
    }

    /// A folder's `isnad.toml` exists but cannot be read now: the last good configuration stays.
    pub fn set_config_error(&mut self, folder: usize, reason: String) {
        if let Some(f) = self.folders.get_mut(folder) {
            f.config_error = Some(reason);
        }
    }

    /// A new text of a folder's `isnad.toml` (`None`: it is gone). Returns whether the knowledge base
    /// or the analysis options changed (the corpus must then be rebuilt).
    pub fn set_config_text(&mut self, folder: usize, text: Option<&str>) -> bool {
        if let Some(f) = self.folders.get_mut(folder) {
            f.config_error = None;
        }
        let before = (self.kb.clone(), self.folders.get(folder).map(Folder::settings));
        match text {
            Some(text) => {
                self.take_config(folder, text);
            }
            None => {
                let Some(f) = self.folders.get_mut(folder) else { return false };
                f.config = None;
                f.config_text = None;
                f.config_problems.clear();
                f.article_globs = None;
            }
        }
        self.rebuild_kb();
        let after = self.folders.get(folder).map(Folder::settings);
        !Arc::ptr_eq(&before.0, &self.kb) || before.1.map(|s| s.annotations_only) != after.map(|s| s.annotations_only)
    }

    /// Reads a folder's configuration text; problems are kept, a broken file keeps the last good one.
    fn take_config(&mut self, folder: usize, text: &str) {
        let declared = self.declared_types();
        let builtin = self.builtin.clone();
        let Some(f) = self.folders.get_mut(folder) else { return };
        let (config, problems) = parse_config(text, &f.config_path.to_string_lossy(), &builtin.kb, &declared);
        f.config_problems = problems;
        f.config_text = Some(text.to_string());
        if let Some(config) = config {
            f.article_globs = globs_of(&config.settings.articles);
            f.config = Some(config);
        }
    }

    /// The knowledge base again from the folders' entries; kept (same `Arc`) when they did not change.
    fn rebuild_kb(&mut self) {
        let configs: Vec<&CorpusConfig> = self.folders.iter().filter_map(|f| f.config.as_ref()).collect();
        let entities: Vec<_> = configs.iter().flat_map(|c| &c.entities).collect();
        let current: Vec<_> = self.kb.kb.entities.iter().filter(|e| e.source == "corpus").collect();
        if entities.is_empty() {
            if !current.is_empty() {
                self.kb = self.builtin.clone();
            }
            return;
        }
        let kb = merged_kb(&self.builtin.kb, &configs);
        let now: Vec<_> = kb.entities.iter().filter(|e| e.source == "corpus").collect();
        if now != current {
            self.kb = Arc::new(KbData::new(kb).with_tagger(self.builtin.tagger.clone()));
        }
    }

    /// Whether a path is an article: it matches its folder's `[settings] articles` if they are set,
    /// else it is a `*.txt` or `*.md` file. Annotation and configuration files never are.
    pub fn is_article(&self, path: &Path) -> bool {
        if path.extension().is_some_and(|e| e == "ann" || e == "conf" || e == "toml") {
            return false;
        }
        let folder = self.folder_of(path);
        match folder.and_then(|f| Some((f, f.article_globs.as_ref()?))) {
            Some((f, set)) => path.strip_prefix(&f.root).is_ok_and(|rel| set.is_match(rel)),
            None => is_article(path),
        }
    }

    /// The problems of a config text without taking it (for an `isnad.toml` being edited).
    pub fn check_config_text(&self, path: &Path, text: &str) -> Vec<ConfigProblem> {
        parse_config(text, &path.to_string_lossy(), &self.builtin.kb, &self.declared_types()).1
    }

    fn declared_types(&self) -> Vec<String> {
        self.annotation_conf.entities.iter().map(|e| e.name.clone()).collect()
    }

    pub fn options(&self) -> CorpusOptions {
        CorpusOptions { annotations_only: false, annotation_conf: self.annotation_conf.clone() }
    }

    /// The size limit of the articles under a path: its folder's `max-file-bytes`, else `default`.
    pub fn max_file_bytes(&self, path: &Path, default: u64) -> u64 {
        self.settings_for(path).max_file_bytes.unwrap_or(default)
    }

    /// Reads what lies beside an article where its `.ann` would be (only inside the folders).
    pub fn read_ann_beside(&self, article: &Path) -> AnnSource {
        read_ann_beside(&self.read_roots, article)
    }

    /// The annotations of an article from what lies beside it, read against `text`.
    pub fn annotations_from(&self, source: &AnnSource, article: &Path, text: &str) -> Option<Arc<ArticleAnnotations>> {
        let mut annotations = match source {
            AnnSource::Absent => return None,
            AnnSource::Text { ann, text: ann_text } => {
                read_annotations(&ann.to_string_lossy(), ann_text, text, &self.annotation_conf)
            }
            AnnSource::Unreadable { ann, reason } => unreadable_annotations(&ann.to_string_lossy(), reason),
        };
        annotations.exclusive = self.settings_for(article).annotations_only;
        Some(Arc::new(annotations))
    }

    /// The annotations of an article from the `.ann` beside it, read against `text`.
    pub fn annotations_of(&self, article: &Path, text: &str) -> Option<Arc<ArticleAnnotations>> {
        self.annotations_from(&self.read_ann_beside(article), article, text)
    }

    /// The same annotations read again against the current configuration (after it changed).
    pub fn reread(&self, article: &Path, a: &ArticleAnnotations, text: &str) -> ArticleAnnotations {
        let mut out = match &a.unreadable {
            Some(reason) => unreadable_annotations(&a.ann_name, reason),
            None => read_annotations(&a.ann_name, &a.file.to_string(), text, &self.annotation_conf),
        };
        out.exclusive = self.settings_for(article).annotations_only;
        out
    }

    /// Every article under the roots with its annotations (each file once, whatever the roots).
    pub fn read_articles(&self, roots: &[PathBuf], max_file_bytes: u64) -> (Vec<Article>, Vec<Skipped>) {
        let (files, skipped) = read_corpus_with(
            &distinct_roots(roots),
            &|p: &Path| self.max_file_bytes(p, max_file_bytes),
            &|p: &Path| self.is_article(p),
        );
        let articles = files
            .into_iter()
            .map(|(name, text)| {
                let annotations = self.annotations_of(Path::new(&name), &text);
                (name, text, annotations)
            })
            .collect();
        (articles, skipped)
    }
}

/// The matcher of article globs (their problems are reported by the config reader).
fn globs_of(globs: &[String]) -> Option<globset::GlobSet> {
    if globs.is_empty() {
        return None;
    }
    let mut builder = globset::GlobSetBuilder::new();
    for g in globs {
        match globset::Glob::new(g) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(e) => log::warn!("isnad.toml: article glob {g:?} ignored: {e}"),
        }
    }
    builder.build().ok()
}

/// Reads what lies beside an article where its `.ann` would be, only really inside `roots`.
pub fn read_ann_beside(roots: &[PathBuf], article: &Path) -> AnnSource {
    let Some(ann) = ann_path(article) else { return AnnSource::Absent };
    if !really_inside_roots(roots, &ann) {
        return AnnSource::Absent;
    }
    match read_side_file(&ann) {
        Ok(text) => AnnSource::Text { ann, text },
        Err(ReadError::Missing) => AnnSource::Absent,
        Err(ReadError::Refused(reason)) => {
            log::warn!("{}: {reason}", ann.display());
            AnnSource::Unreadable { ann, reason }
        }
    }
}

/// `X.ann` for the article `X.txt` / `X.md`.
pub fn ann_path(article: &Path) -> Option<PathBuf> {
    article.extension()?;
    Some(article.with_extension("ann"))
}

/// The articles an `.ann` may belong to.
pub fn articles_of_ann(ann: &Path) -> [PathBuf; 2] {
    [ann.with_extension("txt"), ann.with_extension("md")]
}

/// Reads a side file (`.ann`, `isnad.toml`, `annotation.conf`): regular, UTF-8, size-bounded.
pub fn read_side_file(path: &Path) -> Result<String, ReadError> {
    read_text(path, MAX_SIDE_FILE_BYTES)
}
