//! A corpus on disk as isnad sees it: articles with the brat `.ann` files beside them, the
//! corpus's `annotation.conf` and `isnad.toml`, and the knowledge base they make.
//!
//! This is the filesystem edge shared by the CLI and the language server: it reads files and
//! hands their text to the core. Nothing is written here. A broken `isnad.toml` keeps the last
//! good configuration (none at first) and reports its problems.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::annotations::{read_annotations, ArticleAnnotations};
use crate::analysis::config::{merged_kb, parse_config, ConfigProblem, CorpusConfig, Settings};
use crate::analysis::corpus::{Article, CorpusOptions, KbData};
use crate::analysis::standoff::conf::{parse_conf, AnnotationConf};
use crate::workspace::{is_article, read_corpus_where, Skipped};

/// The corpus configuration file, at a corpus root.
pub const CONFIG_FILE: &str = "isnad.toml";
/// brat's declaration of annotation types, at a corpus root.
pub const ANNOTATION_CONF: &str = "annotation.conf";
/// `.ann` and config files bigger than this are not read.
const MAX_SIDE_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The configuration and knowledge base of a corpus.
#[derive(Debug)]
pub struct Project {
    pub builtin: Arc<KbData>,
    /// `isnad.toml` at the first root that has one.
    pub config_path: Option<PathBuf>,
    /// The last readable configuration.
    pub config: Option<CorpusConfig>,
    /// The `isnad.toml` text as last read, and its problems.
    pub config_text: Option<String>,
    pub config_problems: Vec<ConfigProblem>,
    pub annotation_conf: AnnotationConf,
    /// The built-in knowledge base extended by the configuration.
    pub kb: Arc<KbData>,
    /// `[settings] articles`, relative to the directory of `isnad.toml`.
    article_globs: Option<(PathBuf, globset::GlobSet)>,
}

impl Project {
    pub fn new(builtin: Arc<KbData>) -> Project {
        Project {
            kb: builtin.clone(),
            builtin,
            config_path: None,
            config: None,
            config_text: None,
            config_problems: Vec::new(),
            annotation_conf: AnnotationConf::default(),
            article_globs: None,
        }
    }

    /// Reads `annotation.conf` and `isnad.toml` from the first root that has each.
    pub fn load(roots: &[PathBuf], builtin: Arc<KbData>) -> Project {
        let mut project = Project::new(builtin);
        let find = |name: &str| roots.iter().map(|r| r.join(name)).find(|p| p.is_file());
        if let Some(text) = find(ANNOTATION_CONF).and_then(|p| read_side_file(&p).ok()) {
            project.annotation_conf = parse_conf(&text);
        }
        project.config_path = find(CONFIG_FILE);
        project.reload_config();
        project
    }

    /// Reads `isnad.toml` again. Returns whether the knowledge base or the analysis options
    /// changed (the corpus must then be rebuilt).
    pub fn reload_config(&mut self) -> bool {
        let Some(path) = self.config_path.clone() else { return false };
        match read_side_file(&path) {
            Ok(text) => self.set_config_text(&text),
            Err(reason) => {
                log::warn!("{}: {reason}", path.display());
                false
            }
        }
    }

    /// Takes a new `isnad.toml` text; see [`Project::reload_config`].
    pub fn set_config_text(&mut self, text: &str) -> bool {
        let name = self.config_path.as_ref().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
        let (config, problems) = parse_config(text, &name, &self.builtin.kb, &self.declared_types());
        self.config_problems = problems;
        self.config_text = Some(text.to_string());
        let Some(config) = config else { return false };
        let before = (self.config.as_ref().map(|c| &c.entities), self.options());
        let changed = before.0 != Some(&config.entities) || {
            let options = CorpusOptions {
                annotations_only: config.settings.annotations_only,
                annotation_conf: self.annotation_conf.clone(),
            };
            options != before.1
        };
        if before.0 != Some(&config.entities) {
            self.kb = if config.entities.is_empty() {
                self.builtin.clone()
            } else {
                Arc::new(KbData::new(merged_kb(&self.builtin.kb, Some(&config))))
            };
        }
        self.article_globs = self.globs_of(&config.settings.articles);
        self.config = Some(config);
        changed
    }

    /// The matcher of article globs (problems were reported by the config reader's caller).
    fn globs_of(&mut self, globs: &[String]) -> Option<(PathBuf, globset::GlobSet)> {
        if globs.is_empty() {
            return None;
        }
        let base = self.config_path.as_ref()?.parent()?.to_path_buf();
        let mut builder = globset::GlobSetBuilder::new();
        for g in globs {
            match globset::Glob::new(g) {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(e) => log::warn!("isnad.toml: article glob {g:?} ignored: {e}"),
            }
        }
        builder.build().ok().map(|set| (base, set))
    }

    /// Whether a path is an article: it matches `[settings] articles` if the corpus sets them,
    /// else it is a `*.txt` or `*.md` file. Annotation and configuration files never are.
    pub fn is_article(&self, path: &Path) -> bool {
        if path.extension().is_some_and(|e| e == "ann" || e == "conf" || e == "toml") {
            return false;
        }
        match &self.article_globs {
            Some((base, set)) => path.strip_prefix(base).is_ok_and(|rel| set.is_match(rel)),
            None => is_article(path),
        }
    }

    /// The problems of a config text without taking it (for an `isnad.toml` being edited).
    pub fn check_config_text(&self, text: &str) -> Vec<ConfigProblem> {
        let name = self.config_path.as_ref().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
        parse_config(text, &name, &self.builtin.kb, &self.declared_types()).1
    }

    fn declared_types(&self) -> Vec<String> {
        self.annotation_conf.entities.iter().map(|e| e.name.clone()).collect()
    }

    pub fn settings(&self) -> Settings {
        self.config.as_ref().map(|c| c.settings.clone()).unwrap_or_default()
    }

    pub fn options(&self) -> CorpusOptions {
        CorpusOptions {
            annotations_only: self.settings().annotations_only,
            annotation_conf: self.annotation_conf.clone(),
        }
    }

    /// The annotations of an article from the `.ann` beside it, read against `text`.
    pub fn annotations_of(&self, article: &Path, text: &str) -> Option<Arc<ArticleAnnotations>> {
        let ann = ann_path(article)?;
        let ann_text = match read_side_file(&ann) {
            Ok(t) => t,
            Err(reason) => {
                if ann.exists() {
                    log::warn!("{}: {reason}", ann.display());
                }
                return None;
            }
        };
        Some(Arc::new(read_annotations(&ann.to_string_lossy(), &ann_text, text, &self.annotation_conf)))
    }

    /// Every article under the roots with its annotations.
    pub fn read_articles(&self, roots: &[PathBuf], max_file_bytes: u64) -> (Vec<Article>, Vec<Skipped>) {
        let (files, skipped) = read_corpus_where(roots, max_file_bytes, &|p: &Path| self.is_article(p));
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

/// `X.ann` for the article `X.txt` / `X.md`.
pub fn ann_path(article: &Path) -> Option<PathBuf> {
    article.extension()?;
    Some(article.with_extension("ann"))
}

/// The articles an `.ann` may belong to.
pub fn articles_of_ann(ann: &Path) -> [PathBuf; 2] {
    [ann.with_extension("txt"), ann.with_extension("md")]
}

/// Reads a small UTF-8 file that is not a symbolic link.
fn read_side_file(path: &Path) -> Result<String, String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.file_type().is_symlink() {
        return Err("symbolic link (not followed)".into());
    }
    if meta.len() > MAX_SIDE_FILE_BYTES {
        return Err(format!("{} bytes, over the {MAX_SIDE_FILE_BYTES} byte limit", meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}
