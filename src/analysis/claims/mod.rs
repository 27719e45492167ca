//! Unsourced claims and vague attribution, sentence by sentence (claims.md §2).
//!
//! `find_claims` splits the body text of an article into sentences (`sentences`), asks each for
//! its attribution (`sources`: named, vague or none, possibly inherited from the sentence
//! before) and for its first claim cue (`claim_cues`: accusation, figure, prediction, evaluation,
//! cause). A sentence with a vague source is flagged `Vague`; a sentence with no attribution
//! is scored by the check-worthiness model (`worthiness`, over the cues and other features) and
//! kept as `Unsourced` with its score, which the `claims.min-score` setting thresholds where
//! claims are shown (`Claim::is_flagged`); `Scoring::Rules` flags every cue instead. Cue words
//! live in `cues`. Everything matches on the normalised token text; `lookup` works out once per
//! token which cue lists it is in (a few hash lookups), and the rules test bits.
//!
//! Architecture invariant: `find_claims` never panics, whatever the text, tokens and mentions:
//! the tokens and mentions may come from a different text, and ranges are checked before slicing.

mod attributions;
mod claim_cues;
mod cues;
mod lookup;
mod plain_cues;
mod roles;
mod sentences;
mod sources;
mod subject_words;
mod worthiness;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_attribution;
#[cfg(test)]
mod tests_attribution_more;
#[cfg(test)]
mod tests_headlines;
#[cfg(test)]
mod tests_more;
#[cfg(test)]
mod tests_roles;
#[cfg(test)]
mod tests_scored;
#[cfg(test)]
mod tests_seeds;
#[cfg(test)]
mod tests_unnamed;

use super::model::{Attribution, Claim, ClaimCue, ClaimReason, EntityType, Mention};
use super::normalize::{normalize_char, normalize_str};
use super::tokens::Token;
use attributions::Speakers;
use claim_cues::first_claim_cue;
use lookup::{Lex, List};
use sentences::Place;
use sources::{attribution, Attr, Before};
pub use worthiness::ClaimModel;
use worthiness::Features;

/// What the sentences of an article say: the flagged claims and the attributed sentences, both
/// in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceFindings {
    pub claims: Vec<Claim>,
    pub attributions: Vec<Attribution>,
}

/// How many leading characters of a cue word (as written, or normalised) are a conjunction
/// (و/ف) that is not part of the cue: «وقالت» → 1, «وصفت» → 0 (وصف is the verb).
pub fn cue_conjunction_len(cue: &str) -> usize {
    let norm = normalize_str(cue.trim());
    if lookup::is_cue_word(&norm) {
        return 0;
    }
    match cues::readings(&norm, false).0 {
        Some(_) => 1,
        None => 0,
    }
}

/// The flagged claims of an article (see [`analyse_sentences`]).
pub fn find_claims(text: &str, tokens: &[Token], mentions: &[Mention]) -> Vec<Claim> {
    analyse_sentences(text, tokens, mentions).claims
}

/// How unattributed sentences are decided.
#[derive(Clone, Copy, Debug)]
pub enum Scoring<'a> {
    /// A sentence is a claim when a claim cue proposes it (score 1000): the rules alone.
    Rules,
    /// Every unattributed sentence is scored by the check-worthiness model; those scoring at
    /// least [`KEPT_SCORE`] are kept, and the `claims.min-score` setting decides which are shown.
    Model(&'a ClaimModel),
}

impl Default for Scoring<'_> {
    fn default() -> Self {
        Scoring::Model(ClaimModel::builtin())
    }
}

/// The lowest score (thousandths) a scored sentence needs to be kept as a claim at all.
pub const KEPT_SCORE: u16 = 50;

/// The default minimum score (thousandths) of a shown claim: the built-in model's threshold.
pub fn default_min_score() -> u16 {
    to_thousandths(ClaimModel::builtin().threshold())
}

/// A score in [0, 1] in thousandths.
pub fn to_thousandths(score: f64) -> u16 {
    (score.clamp(0.0, 1.0) * 1000.0).round() as u16
}

/// One body sentence as the check-worthiness trainer sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceCase {
    pub start: u32,
    pub end: u32,
    pub kind: CaseKind,
    /// The sentence's features (empty unless it is unattributed).
    pub features: Vec<String>,
}

/// What the rules make of a sentence: flagged for its vague source, or unattributed (a
/// candidate for the score), with or without a claim cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseKind {
    Vague,
    Unattributed { cue: bool },
}

/// Attributes and flags the sentences of one article with the built-in model. `text` is the
/// original; `tokens` = tokenize(&NormText::new(text)); `mentions` are the article's recognised
/// entity mentions (byte ranges into `text`), sorted by start: a `Source::Mention` indexes them.
pub fn analyse_sentences(text: &str, tokens: &[Token], mentions: &[Mention]) -> SentenceFindings {
    analyse_sentences_with(text, tokens, mentions, Scoring::default())
}

/// [`analyse_sentences`] deciding unattributed sentences by `scoring`.
pub fn analyse_sentences_with(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    scoring: Scoring,
) -> SentenceFindings {
    analyse(text, tokens, mentions, scoring, None)
}

/// The body sentences that are flagged vague or unattributed, with their features: what
/// `isnad-train-claims` learns from.
pub fn sentence_cases(text: &str, tokens: &[Token], mentions: &[Mention]) -> Vec<SentenceCase> {
    let mut cases = Vec::new();
    analyse(text, tokens, mentions, Scoring::Rules, Some(&mut cases));
    cases
}

fn analyse(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    scoring: Scoring,
    mut cases: Option<&mut Vec<SentenceCase>>,
) -> SentenceFindings {
    let marks = mark_mentions(text, tokens, mentions);
    // Filled sentence by sentence: tokens outside the body are never looked up.
    let mut lex = vec![Lex::default(); tokens.len()];
    let mut scratch = String::new();
    let mut features = if cases.is_some() { Features::keeping_names() } else { Features::default() };
    let mut res = Vec::new();
    let mut speakers = Speakers::new(text, mentions);
    let mut before = Before { last: Attr::None, last_start: 0, adjacent: false };
    // How many sentences ago the last attributed sentence was.
    let mut since = 0;
    let mut previous = worthiness::Before::None;
    let mut seen = Seen::default();
    let title = sentences::title_sentence(text);
    let body = sentences::body_sentences(text);
    // Body sentences and headlines, then related articles' text; worthiness positions count the
    // body's own sentences only.
    let count = body.iter().filter(|s| s.place == Place::Body).count();
    // The index of the next sentence among the body's own.
    let mut next_index = 0;
    for sent in title.iter().chain(&body) {
        let lo = seen.partition_point(tokens, sent.start, |t| t.start as usize);
        let hi = tokens[lo..].iter().take_while(|t| (t.start as usize) < sent.end).count() + lo;
        for (l, t) in lex[lo..hi].iter_mut().zip(&tokens[lo..hi]) {
            *l = Lex::of(&t.norm, &mut scratch);
        }
        let s = Sent {
            text,
            toks: &tokens[lo..hi],
            marks: &marks[lo..hi],
            lex: &lex[lo..hi],
            opens_quote: sent.opens_quote,
            title: sent.place == Place::Headline,
            last_org_start: marks[lo..hi].iter().rposition(|m| m.first && m.kind == Some(Kind::Org)),
        };
        if s.toks.is_empty() {
            continue;
        }
        let attr = speakers.resolve(attribution(&s, before), sent.start as u32);
        speakers.record(text, sent, attr);
        if sent.place == Place::Headline {
            // A headline stands alone: the text after it does not continue it.
            before = Before { last: Attr::None, last_start: 0, adjacent: false };
            continue;
        }
        let index = next_index;
        next_index += usize::from(sent.place == Place::Body);
        since += 1;
        if attr != Attr::None {
            before = Before { last: attr, last_start: sent.start as u32, adjacent: true };
            since = 0;
        } else {
            before.adjacent = false;
            // A continuation reaches back over a sentence or two of narration, not further.
            if since > MAX_CONTINUATION_GAP {
                before.last = Attr::None;
            }
        }
        let context = worthiness::Context { index, count, before: previous };
        previous = match attr {
            Attr::Named(_) => worthiness::Before::Named,
            Attr::Vague(_) => worthiness::Before::Vague,
            Attr::None => worthiness::Before::None,
        };
        // A question asserts nothing; two words make no claim; other articles' claims are not
        // this one's.
        if sent.question || s.toks.len() < 3 || sent.place == Place::Related {
            continue;
        }
        let (start, end) = (sent.start as u32, sent.end as u32);
        match attr {
            // A definite authority with no name («قالت الشرطة») is a source for claims.
            Attr::Vague(said) if said.role == sources::Role::Body => {}
            Attr::Vague(said) => {
                let cue = cue_text(text, said.source.0, said.source.1);
                res.push(Claim { start, end, reason: ClaimReason::Vague { source: cue }, score: 1000 });
                if let Some(cases) = cases.as_deref_mut() {
                    cases.push(SentenceCase { start, end, kind: CaseKind::Vague, features: Vec::new() });
                }
            }
            Attr::None => {
                let cue = first_claim_cue(&s);
                if let Some(cases) = cases.as_deref_mut() {
                    worthiness::features(&s, context, &mut features);
                    let kind = CaseKind::Unattributed { cue: cue.is_some() };
                    let names = features.names().map(String::from).collect();
                    cases.push(SentenceCase { start, end, kind, features: names });
                }
                let (kind, a, b, score) = match scoring {
                    Scoring::Rules => {
                        let Some((kind, a, b)) = cue else { continue };
                        (kind, a, b, 1000)
                    }
                    Scoring::Model(model) => {
                        worthiness::features(&s, context, &mut features);
                        let score = to_thousandths(model.score_keys(features.keys()));
                        if score < KEPT_SCORE {
                            continue;
                        }
                        let (kind, a, b) = cue.unwrap_or_else(|| {
                            let i = worthiness::weightiest_word(model, &s);
                            (ClaimCue::Assertion, i, i)
                        });
                        (kind, a, b, score)
                    }
                };
                let cue = cue_text(text, s.toks[a].start, figure_end(text, &s.toks[b]));
                res.push(Claim { start, end, reason: ClaimReason::Unsourced { cue: kind, words: cue }, score });
            }
            Attr::Named(_) => {}
        }
    }
    SentenceFindings { claims: res, attributions: speakers.into_attributions() }
}

/// How many unattributed sentences a continuation («وأضاف») may reach back over to its speaker.
const MAX_CONTINUATION_GAP: usize = 1;

/// One sentence as the rules see it: its tokens and what the mentions say about each token.
struct Sent<'a> {
    text: &'a str,
    toks: &'a [Token],
    marks: &'a [Mark],
    /// The cue lists of each token.
    lex: &'a [Lex],
    opens_quote: bool,
    /// The sentence is the article's title (a headline: subject first, then the verb).
    title: bool,
    /// The index of the last token that starts an organisation's name, if any (so that "an
    /// organisation later in the sentence" is one comparison, not a scan per frame word).
    last_org_start: Option<usize>,
}

impl Sent<'_> {
    /// The normalised text of token `i`.
    fn word(&self, i: usize) -> &str {
        &self.toks[i].norm
    }

    /// Token `i` without و/ف: `cues::stripped(word, false).last()`.
    fn base(&self, i: usize) -> &str {
        self.lex[i].base(&self.toks[i].norm)
    }

    /// Whether token `i`, allowing و/ف (and ب/ل, ال when `preps`), is in `list`.
    fn is_in(&self, i: usize, list: List, preps: bool) -> bool {
        self.lex[i].is_in(list, preps)
    }

    /// Whether token `i` exists and, allowing و/ف, is in `list`.
    fn has(&self, i: usize, list: List) -> bool {
        self.lex.get(i).is_some_and(|l| l.is_in(list, false))
    }
}

/// The entity type of a mention, reduced to what attribution needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Per,
    Org,
    Loc,
    Other,
}

/// What the mentions say about one token.
#[derive(Clone, Copy, Debug, Default)]
struct Mark {
    /// The type of the mention covering this token.
    kind: Option<Kind>,
    /// The mention starts in this token.
    first: bool,
    /// A preposition governs the mention (glued ب/ل/ك or a preceding «في»، «إلى» ...).
    prep: bool,
    /// The index of the mention in the article's mentions.
    mention: Option<u32>,
}

fn mark_mentions(text: &str, tokens: &[Token], mentions: &[Mention]) -> Vec<Mark> {
    let mut marks = vec![Mark::default(); tokens.len()];
    let mut seen = Seen::default();
    for (index, m) in mentions.iter().enumerate() {
        let kind = match m.ty {
            EntityType::Per => Kind::Per,
            EntityType::Org => Kind::Org,
            EntityType::Loc => Kind::Loc,
            EntityType::Other(_) => Kind::Other,
        };
        let first = seen.partition_point(tokens, m.start as usize + 1, |t| t.end as usize);
        if first >= tokens.len() || tokens[first].start >= m.end {
            continue;
        }
        let tok = &tokens[first];
        let glued =
            text.get(tok.start as usize..m.start.max(tok.start) as usize).is_some_and(|p| p.contains(['ب', 'ل', 'ك']));
        // The word before, on the same line: a credit ending the line above («(أ.ف.ب)») governs nothing.
        let before = first.checked_sub(1).filter(|&p| !text[tokens[p].end as usize..tok.start as usize].contains('\n'));
        let before = before.map(|p| tokens[p].norm.as_str());
        let prep = glued || before.is_some_and(|w| lookup::word_is_in(w, List::PREPOSITIONS));
        marks[first].first = true;
        for (k, mark) in marks.iter_mut().enumerate().skip(first) {
            if tokens[k].start >= m.end {
                break;
            }
            mark.kind = Some(kind);
            mark.prep = prep;
            mark.mention = Some(index as u32);
        }
    }
    marks
}

/// `tokens.partition_point(|t| key(t) < at)` for a rising sequence of `at`, scanning on from
/// the previous answer (the tokens rise too); a falling `at` starts over.
#[derive(Default)]
struct Seen {
    at: usize,
    index: usize,
}

impl Seen {
    fn partition_point(&mut self, tokens: &[Token], at: usize, key: impl Fn(&Token) -> usize) -> usize {
        if at < self.at {
            self.index = 0;
        }
        self.at = at;
        let skip = tokens.get(self.index..).unwrap_or(&[]).iter().take_while(|t| key(t) < at).count();
        self.index += skip;
        self.index
    }
}

/// A figure's cue includes a percent sign right after it: «70%».
fn figure_end(text: &str, tok: &Token) -> u32 {
    let rest = text.get(tok.end as usize..).unwrap_or("");
    match rest.chars().next() {
        Some(c @ ('%' | '٪')) => tok.end + c.len_utf8() as u32,
        _ => tok.end,
    }
}

/// The cue's original text, at most 40 characters. The token may stop short of the word's end
/// (a final hamza or diacritic is no part of the normalised token): the cue goes on to it.
fn cue_text(text: &str, start: u32, end: u32) -> String {
    let rest = text.get(end as usize..).unwrap_or("");
    let tail: usize =
        rest.chars().take_while(|&c| c.is_alphanumeric() || normalize_char(c).is_none()).map(char::len_utf8).sum();
    let cue = text.get(start as usize..end as usize + tail).unwrap_or("");
    let mut res: String = cue.chars().take(40).collect();
    if res.len() < cue.len() {
        res.push('…');
    }
    res
}
