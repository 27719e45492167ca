//! Multi-file test fixtures for the core: `//- name` headers, a `$0` cursor and `⟦…⟧` ranges.
//!
//! ```text
//! //- a.txt
//! 😀 وصل الرئيس الروسي ⟦$0بوتين⟧ إلى بيونغ يانغ.
//! //- b.txt
//! وبعث كيم جونغ أون برسالة ل⟦بوتين⟧.
//! ```
//! The markers are removed from the text; their byte offsets are kept. `«»` are not markers:
//! Arabic news uses them as quotation marks. A file `X.ann` holds brat annotations of `X.txt`, and
//! `isnad.toml` the corpus configuration, as on disk.

use std::sync::{Arc, LazyLock};

use super::annotations::{read_annotations, unreadable_annotations};
use super::config::{merged_kb, parse_config, CorpusConfig};
use super::corpus::{Article, Corpus, CorpusOptions, FileId};
use super::kb::Kb;
use super::knowledge::KbData;
use super::tagger::Tagger;

pub struct Fixture {
    pub files: Vec<(String, String)>,
    /// (file index, byte offset) of `$0`.
    pub cursor: Option<(usize, u32)>,
    /// (file index, start, end) of each `⟦…⟧`, in order of appearance.
    pub ranges: Vec<(usize, u32, u32)>,
}

/// The built-in knowledge base, built once for all tests (recognition by the rules alone).
pub static KB: LazyLock<Arc<KbData>> = LazyLock::new(|| Arc::new(KbData::new(Kb::builtin())));

/// The built-in knowledge base with the shipped tagger (recognition as isnad does by default).
pub static KB_TAGGED: LazyLock<Arc<KbData>> = LazyLock::new(|| {
    let tagger = Tagger::builtin().expect("the shipped tagger model loads");
    assert!(!tagger.model.is_empty(), "the shipped tagger model has features");
    Arc::new(KbData::new(Kb::builtin()).with_tagger(Some(Arc::new(tagger))))
});

impl Fixture {
    pub fn parse(text: &str) -> Fixture {
        let mut files: Vec<(String, String)> = Vec::new();
        let mut cursor = None;
        let mut ranges = Vec::new();
        let mut open: Vec<u32> = Vec::new();
        for line in text.trim_start_matches('\n').split_inclusive('\n') {
            if let Some(name) = line.strip_prefix("//- ") {
                files.push((name.trim().to_string(), String::new()));
                continue;
            }
            if files.is_empty() {
                files.push(("a.txt".to_string(), String::new()));
            }
            let idx = files.len() - 1;
            let mut rest = line;
            while !rest.is_empty() {
                let body = &mut files[idx].1;
                if let Some(r) = rest.strip_prefix("$0") {
                    cursor = Some((idx, body.len() as u32));
                    rest = r;
                } else if let Some(r) = rest.strip_prefix('⟦') {
                    open.push(body.len() as u32);
                    rest = r;
                } else if let Some(r) = rest.strip_prefix('⟧') {
                    let start = open.pop().expect("⟧ without ⟦");
                    ranges.push((idx, start, body.len() as u32));
                    rest = r;
                } else {
                    let c = rest.chars().next().unwrap_or_default();
                    body.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        Fixture { files, cursor, ranges }
    }

    /// The fixture's `isnad.toml`, read (it must be valid TOML).
    pub fn config(&self) -> Option<CorpusConfig> {
        let (name, text) = self.files.iter().find(|(n, _)| n.ends_with("isnad.toml"))?;
        Some(parse_config(text, name, &KB.kb, &[]).0.expect("the fixture's isnad.toml is valid TOML"))
    }

    /// The articles of the fixture (`.txt`, `.md`) with their annotations (`.ann`; one whose text
    /// is `<unreadable: REASON>` stands for an `.ann` that exists and could not be read).
    pub fn articles(&self) -> Vec<Article> {
        let is_article = |n: &str| n.ends_with(".txt") || n.ends_with(".md");
        self.files
            .iter()
            .filter(|(n, _)| is_article(n))
            .map(|(name, text)| {
                let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                let ann_name = format!("{stem}.ann");
                let ann = self.files.iter().find(|(n, _)| *n == ann_name).map(|(_, ann)| {
                    match ann.strip_prefix("<unreadable: ").and_then(|r| r.trim_end().strip_suffix('>')) {
                        Some(reason) => Arc::new(unreadable_annotations(&ann_name, reason)),
                        None => Arc::new(read_annotations(&ann_name, ann, text, &Default::default())),
                    }
                });
                (name.clone(), Arc::from(text.as_str()), ann)
            })
            .collect()
    }

    /// The corpus of the fixture's files, recognised by the rules alone.
    pub fn corpus(&self) -> Corpus {
        self.corpus_with(&KB)
    }

    /// The corpus of the fixture's files, recognised with the shipped tagger.
    pub fn corpus_tagged(&self) -> Corpus {
        self.corpus_with(&KB_TAGGED)
    }

    fn corpus_with(&self, base: &Arc<KbData>) -> Corpus {
        let config = self.config();
        let kb = match &config {
            Some(c) => Arc::new(KbData::new(merged_kb(&base.kb, &[c])).with_tagger(base.tagger.clone())),
            None => base.clone(),
        };
        let options = CorpusOptions {
            annotations_only: config.as_ref().is_some_and(|c| c.settings.annotations_only),
            ..CorpusOptions::default()
        };
        Corpus::build_with(kb, self.articles(), options)
    }

    /// The cursor's file id and offset in a corpus built from this fixture.
    pub fn position(&self, corpus: &Corpus) -> (FileId, u32) {
        let (idx, offset) = self.cursor.expect("the fixture has no $0");
        (corpus.file_id(&self.files[idx].0).expect("fixture file in corpus"), offset)
    }
}

/// `name:line:col "text"` for a range of a corpus file (1-based line and code-point column).
pub fn render(corpus: &Corpus, file: FileId, start: u32, end: u32) -> String {
    let f = corpus.file(file).expect("file");
    let (line, col) = f.lines.position(&f.text, start, super::text::ColumnUnit::CodePoint);
    format!("{}:{}:{} {:?}", f.name, line + 1, col + 1, &f.text[start as usize..end as usize])
}

/// A brat `T` line (and its `N` line when `reference` is given) for the first occurrence of
/// `needle` in `text`, with code-point offsets as brat counts them, each line ending in `nl`.
pub fn t_line(text: &str, id: usize, ty: &str, needle: &str, reference: Option<&str>, nl: &str) -> String {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle} not in {text}"));
    let start = text[..byte].chars().count();
    let end = start + needle.chars().count();
    let mut out = format!("T{id}\t{ty} {start} {end}\t{needle}{nl}");
    if let Some(r) = reference {
        out.push_str(&format!("N{id}\tReference T{id} {r}\t{needle}{nl}"));
    }
    out
}
