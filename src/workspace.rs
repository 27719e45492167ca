//! Reading a corpus from disk: which files are articles, and their text.
//!
//! Articles are `*.txt` and `*.md` files under the corpus roots (or what a folder's `isnad.toml`
//! chooses), found respecting the `.gitignore` and `.ignore` files inside the roots (not those
//! above them, nor git's global excludes). Symlinks are not followed, and only regular files are
//! read (see [`crate::files`]). Each file is read once, whatever the roots: a root given twice, or
//! inside another, adds nothing. Files that are not UTF-8 text or are bigger than the size limit
//! are skipped with a reason, never an error that stops the walk.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::files::{read_text, ReadError};

/// Default size limit for one article.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// A file that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// Whether a path names an article.
pub fn is_article(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
}

/// The roots without repeats: a root that is the same directory as an earlier one, or lies inside
/// another root, is dropped (its files are found under the other). Paths are kept as given.
pub fn distinct_roots(roots: &[PathBuf]) -> Vec<PathBuf> {
    let real: Vec<PathBuf> = roots.iter().map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone())).collect();
    let mut out: Vec<PathBuf> = Vec::new();
    for (i, root) in roots.iter().enumerate() {
        let covered = real
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && real[i].starts_with(other) && (real[i] != *other || j < i) && other.is_dir());
        if !covered {
            out.push(root.clone());
        }
    }
    out
}

/// The article paths under `root` (a directory or a single file), sorted.
pub fn article_paths(root: &Path) -> (Vec<PathBuf>, Vec<Skipped>) {
    article_paths_where(root, &is_article)
}

/// The paths under `root` that `is_article` accepts, sorted.
pub fn article_paths_where(root: &Path, is_article: &(dyn Fn(&Path) -> bool + Sync)) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut paths = Vec::new();
    let mut skipped = Vec::new();
    if root.is_file() {
        return (vec![root.to_path_buf()], skipped);
    }
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .hidden(true)
        .require_git(false)
        // Only ignore files inside the corpus count: nothing above the root or in the user's git
        // configuration is read.
        .parents(false)
        .git_global(false)
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_article(e.path()) => paths.push(e.into_path()),
            Ok(_) => {}
            Err(err) => skipped.push(Skipped { path: root.to_path_buf(), reason: err.to_string() }),
        }
    }
    paths.sort();
    (paths, skipped)
}

/// Reads an article: a regular UTF-8 file of at most `max_bytes`, or the reason it is skipped.
pub fn read_article(path: &Path, max_bytes: u64) -> Result<Arc<str>, String> {
    match read_text(path, max_bytes) {
        Ok(text) => Ok(Arc::from(text)),
        Err(ReadError::Missing) => Err("cannot read: no such file".into()),
        Err(ReadError::Refused(reason)) => Err(reason),
    }
}

/// Reads every article under the roots, in parallel. Names are the paths as strings.
pub fn read_corpus(roots: &[PathBuf], max_bytes: u64) -> (Vec<(String, Arc<str>)>, Vec<Skipped>) {
    read_corpus_with(roots, &|_| max_bytes, &is_article)
}

/// Reads every file under the roots that `is_article` accepts, each at most `max_bytes(path)`
/// bytes, and each once (a root inside another adds nothing; a file named twice is read once).
pub fn read_corpus_with(
    roots: &[PathBuf],
    max_bytes: &(dyn Fn(&Path) -> u64 + Sync),
    is_article: &(dyn Fn(&Path) -> bool + Sync),
) -> (Vec<(String, Arc<str>)>, Vec<Skipped>) {
    use rayon::prelude::*;
    let mut paths = Vec::new();
    let mut skipped = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for root in distinct_roots(roots) {
        let (p, s) = article_paths_where(&root, is_article);
        paths.extend(p.into_iter().filter(|p| seen.insert(p.clone())));
        skipped.extend(s);
    }
    let read: Vec<(PathBuf, Result<Arc<str>, String>)> = paths
        .into_par_iter()
        .map(|p| {
            let r = read_article(&p, max_bytes(&p));
            (p, r)
        })
        .collect();
    let mut files = Vec::new();
    for (path, result) in read {
        match result {
            Ok(text) => files.push((path.to_string_lossy().into_owned(), text)),
            Err(reason) => skipped.push(Skipped { path, reason }),
        }
    }
    (files, skipped)
}
