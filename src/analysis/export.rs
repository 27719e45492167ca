//! What `isnad annotate --format jsonl|conll` exports for one article, as plain data, and the
//! CoNLL IOB text.
//!
//! [`article_export`] lists the entity mentions (PER/LOC/ORG with the corpus-wide entity id) and
//! the flagged claims of an article, with offsets both in bytes and in code points (the unit of
//! brat and of the doccano/Prodigy JSONL; the CLI serialises it), and the attributed sentences
//! with their source's entity id (or `vague`), cue, inheritance, quotation and relay. [`conll`] writes one
//! `token TAG` line per whitespace-separated token: a token overlapping an entity mention (all of
//! it, or part of it, as with a proclitic in لبوتين) is `B-TYPE` for the mention's first token and
//! `I-TYPE` for the next ones, other tokens are `O`; a blank line ends each sentence (at a line
//! break, or after a token ending in `.`, `!`, `?` or `؟`).

use super::corpus::{Corpus, FileId};
use super::model::Source;

/// A span of an article: byte offsets into the text and the same range in code points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSpan {
    pub start: u32,
    pub end: u32,
    pub cp_start: u32,
    pub cp_end: u32,
    /// `PER`/`LOC`/`ORG` for entities, `UnsourcedClaim`/`VagueAttribution` for claims.
    pub label: String,
    /// The corpus-wide entity id (`isnad:` in brat), for entities.
    pub entity: Option<String>,
    pub wikidata: Option<String>,
    /// `unsourced-claim` / `vague-source` for claims.
    pub code: Option<&'static str>,
    /// A claim's check-worthiness score in thousandths (1000 for a vague source).
    pub score: Option<u16>,
}

/// An attributed sentence: offsets in bytes and code points, like [`ExportSpan`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportAttribution {
    pub start: u32,
    pub end: u32,
    pub cp_start: u32,
    pub cp_end: u32,
    /// The source's entity id, `vague` for an unnamed source, `None` for a role the article ties
    /// to nobody.
    pub source: Option<String>,
    /// The source as written (the mention, the role or the vague phrase).
    pub source_text: String,
    /// The cue as written (empty when the sentence only continues a quotation).
    pub cue: String,
    /// The sentence inherits its source from the one starting here (code points).
    pub inherited_from: Option<u32>,
    /// The quoted span, in code points.
    pub quote: Option<(u32, u32)>,
    /// The entity id of the mention relaying the source.
    pub relayed_by: Option<String>,
}

/// An article's text, entity mentions, claims and attributions.
#[derive(Clone, Debug)]
pub struct ArticleExport<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub entities: Vec<ExportSpan>,
    pub claims: Vec<ExportSpan>,
    pub attributions: Vec<ExportAttribution>,
}

/// The export of one article of the corpus (`None` for an unknown id), with the unsourced claims
/// scoring at least `min_score` (thousandths).
pub fn article_export(corpus: &Corpus, file: FileId, min_score: u16) -> Option<ArticleExport<'_>> {
    let f = corpus.file(file)?;
    let text = &*f.text;
    let cp = |b: u32| f.lines.char_offset(text, b);
    let mut entities: Vec<ExportSpan> = f
        .mentions
        .iter()
        .map(|m| {
            let entity = corpus.entity_of(m);
            ExportSpan {
                start: m.start,
                end: m.end,
                cp_start: cp(m.start),
                cp_end: cp(m.end),
                label: m.ty.to_string(),
                entity: entity.map(|e| corpus.entity_id(e).to_string()),
                wikidata: entity
                    .and_then(|e| corpus.kb_entity(e))
                    .map(|k| k.wikidata.to_string())
                    .filter(|q| !q.is_empty()),
                code: None,
                score: None,
            }
        })
        .collect();
    entities.sort_by_key(|s| (s.start, s.end));
    let claims = f
        .claims
        .iter()
        .filter(|c| c.is_flagged(min_score))
        .map(|c| ExportSpan {
            start: c.start,
            end: c.end,
            cp_start: cp(c.start),
            cp_end: cp(c.end),
            label: c.kind().brat_type().to_string(),
            entity: None,
            wikidata: None,
            code: Some(crate::analysis::checks::Check::of_claim(c.kind()).code()),
            score: Some(c.score),
        })
        .collect();
    let entity_of = |m: u32| f.mentions.get(m as usize).and_then(|m| corpus.entity_of(m));
    let slice = |a: u32, b: u32| text.get(a as usize..b as usize).unwrap_or("").to_string();
    let attributions = f
        .attributions
        .iter()
        .map(|a| {
            let (source, source_text) = match a.source {
                Source::Mention(m) => (
                    entity_of(m).map(|e| corpus.entity_id(e).to_string()),
                    f.mentions.get(m as usize).map_or(String::new(), |m| slice(m.start, m.end)),
                ),
                Source::Vague { start, end } => (Some("vague".to_string()), slice(start, end)),
                Source::Role { start, end } => (None, slice(start, end)),
            };
            ExportAttribution {
                start: a.start,
                end: a.end,
                cp_start: cp(a.start),
                cp_end: cp(a.end),
                source,
                source_text,
                cue: slice(a.cue.0, a.cue.1),
                inherited_from: a.inherited_from.map(cp),
                quote: a.quote.map(|(s, e)| (cp(s), cp(e))),
                relayed_by: a.relayed_by.and_then(entity_of).map(|e| corpus.entity_id(e).to_string()),
            }
        })
        .collect();
    Some(ArticleExport { name: &f.name, text, entities, claims, attributions })
}

/// A whitespace-separated token: byte range into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// A sentence ends after this token.
    pub sentence_end: bool,
}

/// The whitespace tokens of `text`, with sentence ends at line breaks and after `.`, `!`, `?`, `؟`.
pub fn whitespace_tokens(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let end_mark = text[s..i].ends_with(['.', '!', '?', '؟']);
                tokens.push(Token { start: s, end: i, sentence_end: end_mark });
            }
            if c == '\n' {
                if let Some(last) = tokens.last_mut() {
                    last.sentence_end = true;
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(last) = tokens.last_mut() {
        last.sentence_end = true;
    }
    tokens
}

/// The IOB tag of every token, given entity spans `(start, end, label)` in bytes: a token
/// overlapping a span takes its label (the first such span, by start), `B-` for the span's first
/// token and `I-` after.
pub fn iob_tags(tokens: &[Token], spans: &[(usize, usize, &str)]) -> Vec<String> {
    let mut spans = spans.to_vec();
    spans.sort_by_key(|&(s, e, _)| (s, e));
    let mut previous: Option<usize> = None;
    tokens
        .iter()
        .map(|t| {
            let hit = spans.iter().position(|&(s, e, _)| s < t.end && t.start < e && s < e);
            let tag = match hit {
                Some(i) if previous == Some(i) => format!("I-{}", spans[i].2),
                Some(i) => format!("B-{}", spans[i].2),
                None => "O".to_string(),
            };
            previous = hit;
            tag
        })
        .collect()
}

/// CoNLL IOB for one article: `token TAG` lines (token and tag separated by a space), a blank
/// line after each sentence. Entity spans are `(start, end, label)` in bytes.
pub fn conll(text: &str, spans: &[(usize, usize, &str)]) -> String {
    let tokens = whitespace_tokens(text);
    let tags = iob_tags(&tokens, spans);
    let mut out = String::new();
    for (t, tag) in tokens.iter().zip(&tags) {
        out.push_str(&text[t.start..t.end]);
        out.push(' ');
        out.push_str(tag);
        out.push('\n');
        if t.sentence_end {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_on_whitespace_and_sentences_end_at_punctuation_and_lines() {
        let text = "قال بوتين. ثم\nغادر  ؟";
        let toks: Vec<(&str, bool)> =
            whitespace_tokens(text).iter().map(|t| (&text[t.start..t.end], t.sentence_end)).collect();
        assert_eq!(toks, vec![("قال", false), ("بوتين.", true), ("ثم", true), ("غادر", false), ("؟", true)]);
        assert!(whitespace_tokens(" \n ").is_empty());
    }

    #[test]
    fn conll_tags_tokens_overlapping_entities() {
        let text = "زار فلاديمير بوتين لبيونغ يانغ أمس";
        let at = |s: &str| text.find(s).unwrap();
        let per = (at("فلاديمير"), at(" لبيونغ"), "PER");
        // A proclitic: the mention starts inside the token.
        let loc = (at("بيونغ"), at(" أمس"), "LOC");
        let out = conll(text, &[loc, per]);
        assert_eq!(out, "زار O\nفلاديمير B-PER\nبوتين I-PER\nلبيونغ B-LOC\nيانغ I-LOC\nأمس O\n\n");
    }

    #[test]
    fn adjacent_entities_each_begin_with_b() {
        let text = "موسكو بكين";
        let out = conll(text, &[(0, 10, "LOC"), (11, text.len(), "LOC")]);
        assert_eq!(out, "موسكو B-LOC\nبكين B-LOC\n\n");
        assert_eq!(conll("", &[]), "");
    }
}
