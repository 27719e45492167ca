//! The analysis core: Arabic text in, plain results out.
//!
//! Architecture invariant: nothing under `src/analysis/` knows about the Language Server Protocol,
//! JSON, tokio or the filesystem (a test in `tests/tidy.rs` enforces it). Callers hand in
//! `(name, text)` pairs; results are plain structs with byte offsets into the original text.

pub mod annotations;
pub mod brat;
pub mod checks;
pub mod claims;
pub mod config;
pub mod consistency;
pub mod corpus;
pub mod diagnostics;
pub mod discover;
pub mod edits;
pub mod export;
pub mod features;
#[cfg(test)]
pub mod fixture;
pub mod kb;
pub mod knowledge;
pub mod lexicon;
pub mod link;
pub mod model;
pub mod normalize;
pub mod quoted;
pub mod recognize;
pub mod resolve;
pub mod standoff;
pub mod tagger;
#[cfg(test)]
mod tests;
pub mod text;
pub mod tokens;
pub mod wordlist;
