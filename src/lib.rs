//! isnad: a language server and batch tool for Arabic news corpora.
//!
//! `analysis` is the pure core; `lsp` and `cli` are thin edges over it; `workspace`, `project` and `files` read
//! the corpus from disk (and `files` writes what `isnad annotate` writes).

pub mod analysis;
pub mod cli;
pub mod files;
pub mod lsp;
pub mod models;
pub mod project;
pub mod workspace;
