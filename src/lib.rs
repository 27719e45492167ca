//! isnad: a language server and batch tool for Arabic news corpora.
//!
//! `analysis` is the pure core; `lsp` and `cli` are thin edges over it; `workspace` reads the
//! corpus from disk.

pub mod analysis;
pub mod cli;
pub mod lsp;
pub mod project;
pub mod workspace;
