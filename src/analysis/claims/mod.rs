//! Unsourced claims and vague attribution, sentence by sentence (claims.md §2).
//!
//! `find_claims` splits the body text of an article into sentences (`sentences`), asks each for
//! its attribution (`sources`: named, vague or none, possibly inherited from the sentence
//! before) and for its first claim cue (`claim_cues`: accusation, figure, prediction, evaluation,
//! cause). A sentence with a vague source is flagged `Vague`; otherwise a claim with no
//! attribution is flagged `Unsourced`. Cue words live in `cues`. Everything matches on the
//! normalised token text; `lookup` works out once per token which cue lists it is in (a few hash
//! lookups), and the rules test bits.
//!
//! Architecture invariant: `find_claims` never panics, whatever the text, tokens and mentions:
//! the tokens and mentions may come from a different text, and ranges are checked before slicing.

mod attributions;
mod claim_cues;
mod cues;
mod lookup;
mod plain_cues;
mod sentences;
mod sources;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_attribution;
#[cfg(test)]
mod tests_attribution_more;
#[cfg(test)]
mod tests_more;
#[cfg(test)]
mod tests_seeds;

use super::model::{Attribution, Claim, ClaimReason, EntityType, Mention};
use super::normalize::{normalize_char, normalize_str};
use super::tokens::Token;
use attributions::Speakers;
use claim_cues::first_claim_cue;
use lookup::{Lex, List};
use sources::{attribution, Attr, Before};

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

/// Attributes and flags the sentences of one article. `text` is the original; `tokens` =
/// tokenize(&NormText::new(text)); `mentions` are the article's recognised entity mentions (byte
/// ranges into `text`), sorted by start: a `Source::Mention` indexes them.
pub fn analyse_sentences(text: &str, tokens: &[Token], mentions: &[Mention]) -> SentenceFindings {
    let marks = mark_mentions(text, tokens, mentions);
    // Filled sentence by sentence: tokens outside the body are never looked up.
    let mut lex = vec![Lex::default(); tokens.len()];
    let mut scratch = String::new();
    let mut res = Vec::new();
    let mut speakers = Speakers::new(text, mentions);
    let mut before = Before { last: Attr::None, last_start: 0, adjacent: false };
    // How many sentences ago the last attributed sentence was.
    let mut since = 0;
    let mut seen = Seen::default();
    let title = sentences::title_sentence(text);
    let body = sentences::body_sentences(text);
    for (is_title, sent) in title.iter().map(|s| (true, s)).chain(body.iter().map(|s| (false, s))) {
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
            title: is_title,
            last_org_start: marks[lo..hi].iter().rposition(|m| m.first && m.kind == Some(Kind::Org)),
        };
        if s.toks.is_empty() {
            continue;
        }
        let attr = speakers.resolve(attribution(&s, before), sent.start as u32);
        speakers.record(text, sent, attr);
        if is_title {
            // The title stands alone: the body does not continue it.
            continue;
        }
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
        // A question asserts nothing; two words make no claim.
        if sent.question || s.toks.len() < 3 {
            continue;
        }
        let (start, end) = (sent.start as u32, sent.end as u32);
        match attr {
            // A definite authority with no name («قالت الشرطة») is a source for claims.
            Attr::Vague(said) if said.role == sources::Role::Body => {}
            Attr::Vague(said) => {
                let cue = cue_text(text, said.source.0, said.source.1);
                res.push(Claim { start, end, reason: ClaimReason::Vague { source: cue } });
            }
            Attr::None => {
                let Some((kind, a, b)) = first_claim_cue(&s) else {
                    continue;
                };
                let cue = cue_text(text, s.toks[a].start, figure_end(text, &s.toks[b]));
                res.push(Claim { start, end, reason: ClaimReason::Unsourced { cue: kind, words: cue } });
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
        let before = first.checked_sub(1).map(|p| tokens[p].norm.as_str());
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
