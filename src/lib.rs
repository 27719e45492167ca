//! isnad: a language server and batch tool for Arabic news corpora.
//!
//! `analysis` is the pure core; `lsp` and `cli` are thin edges over it.

pub mod analysis;
