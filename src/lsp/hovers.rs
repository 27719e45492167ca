//! Hover answers: an entity's card under a name, else the source of the sentence under the
//! cursor (or "no named source" and its check-worthiness score on a flagged sentence that has none).

use tower_lsp_server::lsp_types::{Hover, HoverContents};

use crate::analysis::corpus::FileId;
use crate::analysis::{features, quoted};
use crate::lsp::convert;
use crate::lsp::state::State;

pub fn hover(s: &State, file: FileId, offset: u32) -> Option<Hover> {
    let f = s.corpus.file(file)?;
    let range = |start: u32, end: u32| Some(convert::range(&f.lines, &f.text, start, end, s.unit));
    if let Some((r, summary)) = features::hover(&s.corpus, file, offset) {
        let mut contents = convert::hover_markdown(&summary);
        if let Some(note) = features::annotation_at(&s.corpus, file, offset) {
            contents.value.push_str(&convert::annotation_markdown(&note));
        }
        return Some(Hover { contents: HoverContents::Markup(contents), range: range(r.start, r.end) });
    }
    if let Some(source) = quoted::sentence_source(&s.corpus, file, offset) {
        let line = source.inherited_from.map(|at| convert::position(&f.lines, &f.text, at, s.unit).line + 1);
        return Some(Hover {
            contents: HoverContents::Markup(convert::sentence_source_markdown(&source, line)),
            range: range(source.sentence.start, source.sentence.end),
        });
    }
    let min_score = s.settings_for(&f.name).min_claim_score();
    let claim = f.claims.iter().find(|c| c.start <= offset && offset <= c.end && c.is_flagged(min_score))?;
    let contents = HoverContents::Markup(convert::no_source_markdown(claim.score, min_score));
    Some(Hover { contents, range: range(claim.start, claim.end) })
}
