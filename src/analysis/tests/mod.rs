//! Data-driven tests of the core features: each `check_*` function parses a fixture, calls the
//! core in one place and renders the result as text with the Arabic shown, compared with an
//! `expect!` snapshot (`UPDATE_EXPECT=1 cargo test` rewrites them; read what you accept).

mod annotated;
mod annotated_more;
mod checks;
mod edits;
mod edits_more;
mod incremental;
mod navigation;
mod navigation_more;
mod pipeline;
mod readers;
mod recognition;
mod recognition_more;
mod rename;
mod tagging;
mod tagging_more;
