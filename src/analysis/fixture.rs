//! Multi-file test fixtures for the core: `//- name` headers, a `$0` cursor and `⟦…⟧` ranges.
//!
//! ```text
//! //- a.txt
//! 😀 وصل الرئيس الروسي ⟦$0بوتين⟧ إلى بيونغ يانغ.
//! //- b.txt
//! وبعث كيم جونغ أون برسالة ل⟦بوتين⟧.
//! ```
//! The markers are removed from the text; their byte offsets are kept. `«»` are not markers:
//! Arabic news uses them as quotation marks.

use std::sync::{Arc, LazyLock};

use super::corpus::{Corpus, FileId, KbData};
use super::kb::Kb;

pub struct Fixture {
    pub files: Vec<(String, String)>,
    /// (file index, byte offset) of `$0`.
    pub cursor: Option<(usize, u32)>,
    /// (file index, start, end) of each `⟦…⟧`, in order of appearance.
    pub ranges: Vec<(usize, u32, u32)>,
}

/// The built-in knowledge base, built once for all tests.
pub static KB: LazyLock<Arc<KbData>> = LazyLock::new(|| Arc::new(KbData::new(Kb::builtin())));

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

    /// The corpus of the fixture's files.
    pub fn corpus(&self) -> Corpus {
        Corpus::build(KB.clone(), self.files.iter().map(|(n, t)| (n.clone(), Arc::from(t.as_str()))).collect())
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
