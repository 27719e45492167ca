//! Recognition of entity mentions in one article: known spellings, names found from context,
//! and partial names that abbreviate a full name of the same article.
//!
//! Order matters and is fixed: (1) the longest known spelling at each token wins, from the
//! knowledge base or from names discovered elsewhere in the corpus; (2) context rules find new
//! names among the remaining tokens; then person names found in pieces are joined and pairs of
//! rare foreign-looking words repeated in the article become names; (3) a single word of a
//! person's full name (كيم، بوتين) is a mention of that person wherever else it occurs in the
//! same article. Generic heads and titles spelled with a known name (وكالة، نهر، الأمير) are
//! left out of the mention.

use rustc_hash::FxHashMap;

use compact_str::CompactString;

use super::discover::{
    conjunction_len, discover, is_adjectival_nisba, is_frequent, is_stop_word, name_like, Found, VAGUE_SOURCES,
};
use super::lexicon::{clitic_splits, Hit, Lexicon, Spelling};
use super::model::{EntityType, FormKey, Mention, NameRef, Origin};
use super::normalize::NormText;
use super::tagger::features::{lines, Emissions, Proposal};
use super::tagger::model::viterbi;
use super::tagger::{label_for, spans_of, type_of, Label, Tagger};
use super::text::has_chars;
use super::tokens::Token;
use super::wordlist::{word_set, WordSet};

mod consistent;
mod people;
mod reconcile;
use consistent::consistent;
use people::{is_coordinating, join_broken_people, split_coordinated_people, waw_is_part_of_the_word};
use reconcile::{reconcile, KbSpelling, TokenSpan};

/// What recognition found in one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recognized {
    /// Sorted by start; never overlapping.
    pub mentions: Vec<Mention>,
    /// Name forms this article reveals from context (they are then recognised corpus-wide).
    pub discovered: Vec<FormKey>,
}

/// Recognises mentions. `kb` holds knowledge-base spellings, `corpus` the names discovered
/// anywhere in the corpus (it may be empty). With the tagger's spans of the text ([`tag`]), they
/// are the mentions (see [`tagged`]); without, the rules' spans are.
pub fn recognize(
    norm: &NormText,
    tokens: &[Token],
    kb: &Lexicon,
    corpus: &Lexicon,
    tags: Option<&[TagSpan]>,
) -> Recognized {
    if let Some(tags) = tags {
        let spans = tagged(tokens, corpus, tags);
        let discovered = spans
            .iter()
            .filter(|s| s.target.is_none())
            .map(|s| FormKey { form: form_of(tokens, s.start, s.end, s.prefix_chars), ty: s.ty.clone() })
            .collect();
        return finish(norm, tokens, spans, discovered);
    }
    let mut covered = vec![false; tokens.len()];
    let (mut spans, discovered) = known_and_discovered(tokens, kb, corpus, &mut covered);
    spans_after_discovery(tokens, &mut spans, &mut covered);
    finish(norm, tokens, spans, discovered)
}

/// A span the tagger found, linked with the knowledge base ([`tag`]); kept small, as every
/// article's are kept between the passes of a build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagSpan {
    start: u32,
    end: u32,
    prefix_chars: u16,
    /// The tagger's label of the span's first token (it gives the type).
    label: Label,
    origin: Origin,
    target: TagTarget,
}

/// What a tagger span is linked to: mostly nothing or a knowledge-base entry.
#[derive(Clone, Debug, PartialEq, Eq)]
enum TagTarget {
    None,
    Kb(u32),
    Other(Box<NameRef>),
}

impl TagSpan {
    fn new(span: Span) -> TagSpan {
        TagSpan {
            start: span.start as u32,
            end: span.end as u32,
            prefix_chars: span.prefix_chars.min(u16::MAX as usize) as u16,
            label: label_for(&span.ty, true),
            origin: span.origin,
            target: match span.target {
                None => TagTarget::None,
                Some(NameRef::Kb(k)) => TagTarget::Kb(k),
                Some(other) => TagTarget::Other(Box::new(other)),
            },
        }
    }

    fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
            prefix_chars: self.prefix_chars as usize,
            ty: type_of(self.label).unwrap_or(EntityType::Per),
            target: match &self.target {
                TagTarget::None => None,
                TagTarget::Kb(k) => Some(NameRef::Kb(*k)),
                TagTarget::Other(r) => Some((**r).clone()),
            },
            origin: self.origin,
        }
    }
}

/// What the tagger found in an article: its spans, linked with the knowledge base, and the names
/// among them that it does not link (the article's discoveries, spread corpus-wide like the rules'
/// ones).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tagged {
    pub spans: Vec<TagSpan>,
    pub discovered: Vec<FormKey>,
}

/// Tags an article. The tagger's features read the rules' proposals with the knowledge base alone,
/// so what it finds depends on the text and the knowledge base only: an article is tagged once,
/// whatever names the corpus spreads. Person spans are joined where the tagger broke a name and cut
/// where it ran coordinated names together ([`people`]); then its spans are reconciled with the
/// knowledge base's spellings ([`reconcile`]; `firm(entity)` says whether a one-word spelling of
/// that entity keeps its type against the tagger's), then each is linked as [`link_span`] says,
/// with the rules' spans and the knowledge base.
pub fn tag(
    tokens: &[Token],
    kb: &Lexicon,
    tagger: &Tagger,
    cache: &mut Emissions,
    firm: impl Fn(u32) -> bool,
) -> Tagged {
    let empty = Lexicon::default();
    let mut covered = vec![false; tokens.len()];
    let (mut rules, _) = known_and_discovered(tokens, kb, &empty, &mut covered);
    spans_after_discovery(tokens, &mut rules, &mut covered);
    let proposals = proposals_of(tokens, &rules);
    let model = &tagger.model;
    cache.fit(model);
    let rows = cache.article(model, tokens, &proposals, Some(&tagger.clusters));
    let mut found: Vec<TokenSpan> = Vec::new();
    for (start, end) in lines(tokens) {
        let labels = viterbi(&rows[start..end], &model.start, &model.transitions);
        found.extend(spans_of(&labels).into_iter().map(|(s, e, ty)| (start + s, start + e, ty)));
    }
    let spellings: Vec<KbSpelling> = rules
        .iter()
        .filter(|r| r.origin == Origin::Gazetteer)
        .map(|r| KbSpelling {
            span: (r.start, r.end, r.ty.clone()),
            after_conjunction: r.prefix_chars > 0 && tokens[r.start].norm.starts_with('و'),
            firm: r.end - r.start >= 2 || matches!(r.target, Some(NameRef::Kb(e)) if firm(e)),
        })
        .collect();
    let known = |i: usize| {
        let k = spellings.partition_point(|s| s.span.1 <= i);
        spellings.get(k).is_some_and(|s| s.span.0 <= i)
    };
    let found = join_broken_people(found, tokens, &tagger.clusters, known);
    let found = split_coordinated_people(found, |i| is_coordinating(tokens, i, &tagger.clusters));
    let conjunction: Vec<bool> =
        (0..tokens.len()).map(|i| conjunction_len(tokens, i) > 0 && tokens[i].norm.starts_with('و')).collect();
    // A spelling of two words or more is a name where the tagger saw nothing (أ ف ب); a single
    // word the tagger passed over is often an ordinary word that is also a name.
    let mut out = Tagged::default();
    for (s, e, ty) in reconcile(found, &spellings, &conjunction, |s| s.span.1 - s.span.0 >= 2) {
        let mut span = link_span(tokens, &rules, kb, &empty, s, e, ty.clone());
        if span.target.is_none() && span.prefix_chars == 1 && waw_is_part_of_the_word(&tokens[s].norm, &tagger.clusters)
        {
            // «ذي ⟦واينستين⟧ كومباني»: no conjunction to leave out.
            span.prefix_chars = 0;
        }
        if span.target.is_none() && span.ty == EntityType::Per && starts_with_vague_source(&tokens[s]) {
            // «قال ناشط»، «ذكر مصدران أمنيان»: the speaker is a vague source, not a person's name;
            // a knowledge-base name after it is the mention («مستشارو ⟦ترمب⟧»).
            match (s + 1 < e).then(|| link_span(tokens, &rules, kb, &empty, s + 1, e, ty)) {
                Some(rest) if matches!(rest.target, Some(NameRef::Kb(_))) => span = rest,
                _ => continue,
            }
        }
        if span.target.is_none() {
            out.discovered
                .push(FormKey { form: form_of(tokens, span.start, span.end, span.prefix_chars), ty: span.ty.clone() });
        }
        out.spans.push(TagSpan::new(span));
    }
    out.discovered.sort();
    out.discovered.dedup();
    // Kept for the article's life: no spare capacity.
    out.discovered.shrink_to_fit();
    out.spans.shrink_to_fit();
    out
}

/// Whether a token is a vague-source noun (مصدران، ناشط), also behind its proclitics.
fn starts_with_vague_source(t: &Token) -> bool {
    clitic_splits(&t.norm).any(|(_, rest)| VAGUE_SOURCES.contains(rest.as_ref()))
}

/// The mentions of a tagged article: the tagger's spans; a span the knowledge base does not link
/// is linked to the name the corpus spreads under exactly that spelling, if any (an annotated
/// name, say), or, one word of a person, to the article's full name it is part of. Then the article is made consistent (a name tagged once is that name wherever it
/// recurs), the names spread from the rest of the corpus are added where the tagger found nothing,
/// and partial names of full names.
fn tagged(tokens: &[Token], corpus: &Lexicon, tags: &[TagSpan]) -> Vec<Span> {
    let mut out: Vec<Span> = tags.iter().map(TagSpan::span).collect();
    for s in out.iter_mut().filter(|s| s.target.is_none()) {
        let exact = corpus.longest_at(tokens, s.start).filter(|h| h.len == s.end - s.start);
        if let Some(hit) = exact {
            if let Some(sp) = std::iter::once(hit.spelling).chain(corpus.alternatives(&hit)).find(|sp| sp.ty == s.ty) {
                s.target = Some(sp.target.clone());
            }
        }
    }
    // A one-word person the tagger found on its own (or as a name discovered elsewhere), that is
    // a word of a full name of the article (كيم of كيم جونغ أون), is that person.
    let partials = partial_names(tokens, &out);
    let unlinked = |s: &Span| matches!(s.target, None | Some(NameRef::Form(_)));
    for s in out.iter_mut().filter(|s| unlinked(s) && s.ty == EntityType::Per && s.end - s.start == 1) {
        let word: String = tokens[s.start].norm.chars().skip(s.prefix_chars).collect();
        if let Some(full) = partials.get(&word) {
            s.target = Some(full.clone());
            s.origin = Origin::Partial;
        }
    }
    consistent(tokens, &mut out);
    let mut covered = vec![false; tokens.len()];
    for s in &out {
        covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
    }
    // Names spread from other articles (the corpus lexicon), where the tagger saw none.
    let mut i = 0;
    while i < tokens.len() {
        let hit = (!covered[i]).then(|| corpus.longest_at(tokens, i)).flatten();
        match hit.filter(|h| !covered[i..i + h.len].iter().any(|c| *c)) {
            Some(h) => {
                covered[i..i + h.len].iter_mut().for_each(|c| *c = true);
                out.push(Span {
                    start: i,
                    end: i + h.len,
                    prefix_chars: h.prefix_chars,
                    ty: h.spelling.ty.clone(),
                    target: Some(h.spelling.target.clone()),
                    origin: Origin::Discovered,
                });
                i += h.len;
            }
            None => i += 1,
        }
    }
    add_partial_names(tokens, &mut out, &mut covered);
    out.sort_by_key(|s| s.start);
    out
}

/// Single words of the article's multi-word person names, where nothing else covers them, are
/// mentions of those persons (step 3 of the rules, and the same over the tagger's spans).
fn add_partial_names(tokens: &[Token], spans: &mut Vec<Span>, covered: &mut [bool]) {
    let partials = partial_names(tokens, spans);
    let endings = Endings::of(partials.keys().map(String::as_str));
    for (i, token) in tokens.iter().enumerate() {
        if covered[i] || !endings.may_end(&token.norm) {
            continue;
        }
        let Some((prefix_chars, full)) =
            clitic_splits(&token.norm).find_map(|(p, rest)| partials.get(rest.as_ref()).map(|full| (p, full)))
        else {
            continue;
        };
        covered[i] = true;
        spans.push(Span {
            start: i,
            end: i + 1,
            prefix_chars,
            ty: EntityType::Per,
            target: Some(full.clone()),
            origin: Origin::Partial,
        });
    }
}

/// A tagger span linked as [`tag`] says: the rules' span over the same tokens gives its target (a
/// knowledge-base entry, the full name of a partial one if that is known) when it has the tagger's
/// type; else a
/// spelling of the lexicon over exactly those tokens with that type; else the span is a name of its
/// own (a discovered form). Proclitics on the first token stay out of the mention as the rules or
/// the lexicon read them, else a و/ف conjunction is left out.
fn link_span(
    tokens: &[Token],
    rules: &[Span],
    kb: &Lexicon,
    corpus: &Lexicon,
    start: usize,
    end: usize,
    ty: EntityType,
) -> Span {
    // A partial name of a discovered full name points at the rules' reading of that name, which
    // the tagger may not share: such partial names are found again over the tagger's own spans
    // ([`tagged`]). One of a knowledge-base name holds.
    let trusted = |r: &Span| r.origin != Origin::Partial || matches!(r.target, Some(NameRef::Kb(_)));
    if let Some(r) = rules.iter().find(|r| r.start == start && r.end == end && r.ty == ty && trusted(r)) {
        return Span { start, end, prefix_chars: r.prefix_chars, ty, target: r.target.clone(), origin: r.origin };
    }
    for lexicon in [kb, corpus] {
        let exact = lexicon.longest_at(tokens, start).filter(|h| h.len == end - start);
        if let Some(hit) = exact {
            if let Some(s) = std::iter::once(hit.spelling).chain(lexicon.alternatives(&hit)).find(|s| s.ty == ty) {
                let origin = if matches!(s.target, NameRef::Kb(_)) { Origin::Gazetteer } else { Origin::Discovered };
                return Span { start, end, prefix_chars: hit.prefix_chars, ty, target: Some(s.target.clone()), origin };
            }
        }
    }
    // A reading of another type that is only part of the span splits no letter off the name:
    // «كلير مردوخ» is no «ك» + the town «لير» (a reading over the same tokens is the same name).
    let of_type = |h: &Hit| std::iter::once(h.spelling).chain(kb.alternatives(h)).any(|s| s.ty == ty);
    let prefix_chars = rules
        .iter()
        .find(|r| r.start == start && (r.ty == ty || r.end == end))
        .map(|r| r.prefix_chars)
        .or_else(|| kb.longest_at(tokens, start).filter(|h| h.len == end - start || of_type(h)).map(|h| h.prefix_chars))
        .unwrap_or_else(|| conjunction_len(tokens, start));
    Span { start, end, prefix_chars, ty, target: None, origin: Origin::Discovered }
}

/// What the rule system proposes for each token (its label and how the name was found), for the
/// tagger's features: the spans of [`recognize`] without a tagger, with these lexicons.
pub fn rule_proposals(tokens: &[Token], kb: &Lexicon, corpus: &Lexicon) -> Vec<Proposal> {
    let mut covered = vec![false; tokens.len()];
    let (mut spans, _) = known_and_discovered(tokens, kb, corpus, &mut covered);
    spans_after_discovery(tokens, &mut spans, &mut covered);
    proposals_of(tokens, &spans)
}

fn proposals_of(tokens: &[Token], spans: &[Span]) -> Vec<Proposal> {
    let mut out = vec![Proposal::default(); tokens.len()];
    for s in spans {
        let origin = match s.origin {
            Origin::Gazetteer => 1,
            Origin::Discovered | Origin::Annotated => 2,
            Origin::Partial => 3,
        };
        for (k, p) in out[s.start..s.end].iter_mut().enumerate() {
            *p = Proposal { label: label_for(&s.ty, k == 0), origin };
        }
    }
    out
}

/// The names an article reveals from context, for the rules alone: what `recognize(…).discovered`
/// gives with an empty corpus lexicon, without the steps after discovery. (With the tagger, they
/// are [`Tagged::discovered`].)
pub fn discoveries(tokens: &[Token], kb: &Lexicon) -> Vec<FormKey> {
    let mut covered = vec![false; tokens.len()];
    let mut discovered = known_and_discovered(tokens, kb, &Lexicon::default(), &mut covered).1;
    discovered.sort();
    discovered.dedup();
    discovered
}

/// Steps (1) and (2): known spellings, then names found from context among the other tokens.
fn known_and_discovered(
    tokens: &[Token],
    kb: &Lexicon,
    corpus: &Lexicon,
    covered: &mut [bool],
) -> (Vec<Span>, Vec<FormKey>) {
    let mut spans: Vec<Span> = Vec::new();

    // (1) Known spellings, longest first, knowledge base before discovered names.
    let mut i = 0;
    while i < tokens.len() {
        let hit = match (kb.longest_at(tokens, i), corpus.longest_at(tokens, i)) {
            (Some(a), Some(b)) if b.len > a.len => Some(b),
            (Some(a), _) => Some(disambiguate(kb, a, tokens, i)),
            (None, b) => b,
        };
        match hit {
            Some(hit) => {
                // A generic head or title spelled with the name (وكالة فرانس برس، نهر الفرات،
                // الأمير محمد بن سلمان) is not part of the mention when the rest is a known name;
                // a person's title and a club's «نادي» never are (الأمير ⟦هاري⟧، النادي ⟦الأهلي⟧),
                // nor the head of an outlet, company or movement before a one-word name (تنظيم
                // ⟦القاعدة⟧، وكالة ⟦الأناضول⟧).
                let first: String = tokens[i].norm.chars().skip(hit.prefix_chars).collect();
                let head = if !HEAD_WORDS.contains(&first) {
                    0
                } else if tokens.get(i + 1).is_some_and(|t| t.norm == "انبا") {
                    // وكالة أنباء رويترز: the head brings the word أنباء (normalised انبا) along.
                    2
                } else {
                    1
                };
                // The rest is a known name as it stands (no proclitic), however long the longest
                // spelling there is («ميليشيا ⟦حزب الله⟧ اللبناني»).
                let always = hit.spelling.ty == EntityType::Per
                    || CLUB_HEADS.contains(&first)
                    || (hit.len == head + 1 && PROPER_HEADS.contains(&first));
                let trimmed = head > 0
                    && hit.len > head
                    && (always || {
                        let rest: Vec<String> =
                            tokens[i + head..i + hit.len].iter().map(|t| t.norm.to_string()).collect();
                        kb.spellings_of(&rest).next().is_some()
                    });
                let (start, prefix_chars) = if trimmed { (i + head, 0) } else { (i, hit.prefix_chars) };
                spans.push(Span {
                    start,
                    end: i + hit.len,
                    prefix_chars,
                    ty: hit.spelling.ty.clone(),
                    target: Some(hit.spelling.target.clone()),
                    origin: if matches!(hit.spelling.target, NameRef::Kb(_)) {
                        Origin::Gazetteer
                    } else {
                        Origin::Discovered
                    },
                });
                covered[i..i + hit.len].iter_mut().for_each(|c| *c = true);
                i += hit.len;
            }
            None => i += 1,
        }
    }

    // (2) Names revealed by their context.
    let mut discovered = Vec::new();
    let mut person = vec![false; tokens.len()];
    for s in spans.iter().filter(|s| s.ty == EntityType::Per) {
        person[s.start..s.end].iter_mut().for_each(|p| *p = true);
    }
    for Found { start, end, prefix_chars, ty } in discover(tokens, covered, &person) {
        let form = form_of(tokens, start, end, prefix_chars);
        if NOT_NAMES.contains(form.as_str()) {
            continue;
        }
        discovered.push(FormKey { form, ty: ty.clone() });
        covered[start..end].iter_mut().for_each(|c| *c = true);
        spans.push(Span { start, end, prefix_chars, ty, target: None, origin: Origin::Discovered });
    }
    (spans, discovered)
}

/// Steps after discovery: joined person names, repeated foreign pairs, partial names.
fn spans_after_discovery(tokens: &[Token], spans: &mut Vec<Span>, covered: &mut [bool]) {
    join_person_names(tokens, spans, covered);
    for (start, end) in repeated_unknown_pairs(tokens, covered) {
        covered[start..end].iter_mut().for_each(|c| *c = true);
        spans.push(Span { start, end, prefix_chars: 0, ty: EntityType::Per, target: None, origin: Origin::Discovered });
    }

    // (3) Partial names of persons named in full in this article.
    add_partial_names(tokens, spans, covered);
}

/// Mentions with original byte ranges, from token spans.
fn finish(norm: &NormText, tokens: &[Token], mut spans: Vec<Span>, mut discovered: Vec<FormKey>) -> Recognized {
    spans.sort_by_key(|s| s.start);
    let mut named: Vec<usize> = spans.iter().flat_map(|s| s.start..s.end).collect();
    named.sort_unstable();
    let nisba = |s: &Span| s.ty == EntityType::Loc && s.end == s.start + 1 && s.prefix_chars == 0;
    spans.retain(|s| !(nisba(s) && is_adjectival_nisba(tokens, s.start, |j| named.binary_search(&j).is_ok())));
    let mentions = spans
        .into_iter()
        .map(|s| {
            let form = form_of(tokens, s.start, s.end, s.prefix_chars);
            let target = s.target.unwrap_or_else(|| NameRef::Form(FormKey { form: form.clone(), ty: s.ty.clone() }));
            let first = &tokens[s.start];
            let start = if s.prefix_chars == 0 {
                first.start
            } else {
                norm.chars[first.norm_start as usize + s.prefix_chars].src_start
            };
            Mention { start, end: tokens[s.end - 1].end, ty: s.ty, form, target, origin: s.origin }
        })
        .collect();
    discovered.sort();
    discovered.dedup();
    Recognized { mentions, discovered }
}

/// Chooses among spellings shared by several entities: an outlet when the name is quoted or
/// follows صحيفة/جريدة, otherwise a place, otherwise the first listed.
fn disambiguate<'a>(kb: &'a Lexicon, hit: Hit<'a>, tokens: &[Token], i: usize) -> Hit<'a> {
    let alternatives: Vec<&Spelling> = kb.alternatives(&hit).collect();
    if alternatives.len() < 2 {
        return hit;
    }
    let quoted = tokens[i].punct_before.contains(['«', '"', '“']);
    let after_outlet = i > 0 && ["صحيفه", "جريده", "مجله", "لصحيفه"].contains(&tokens[i - 1].norm.as_str());
    let want = if quoted || after_outlet { EntityType::Org } else { EntityType::Loc };
    match alternatives.into_iter().find(|s| s.ty == want) {
        Some(spelling) => Hit { spelling, ..hit },
        None => hit,
    }
}

/// Person names that the rules found in pieces become whole: two adjacent person mentions
/// (إيرنيستو + فالفيردي) are one name, and an unknown given name right before a known surname
/// (ديديه + ديشان) belongs to it.
fn join_person_names(tokens: &[Token], spans: &mut Vec<Span>, covered: &mut [bool]) {
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans.drain(..) {
        let joinable = span.ty == EntityType::Per && span.prefix_chars == 0 && tokens[span.start].joins_prev;
        if let Some(prev) = out.last_mut() {
            let both_found = prev.origin != Origin::Gazetteer || span.origin != Origin::Gazetteer;
            if joinable
                && prev.ty == EntityType::Per
                && prev.end == span.start
                && both_found
                && prev.end - prev.start == 1
            {
                prev.end = span.end;
                prev.target = if span.origin == Origin::Gazetteer { span.target } else { None };
                prev.origin = Origin::Discovered;
                continue;
            }
        }
        let mut span = span;
        let before = span.start.wrapping_sub(1);
        if joinable
            && span.end - span.start == 1
            && span.origin == Origin::Discovered
            && before < tokens.len()
            && !covered[before]
            && name_like(&tokens[before], true)
            && !is_frequent(&tokens[before].norm)
            && has_chars(&tokens[before].norm, 3)
        {
            covered[before] = true;
            span.start = before;
            if span.origin != Origin::Gazetteer {
                span.target = None;
            }
        }
        out.push(span);
    }
    *spans = out;
}

/// Two rare words that are not ordinary Arabic (no article, no plural or feminine ending, not
/// frequent) and occur together at least twice in one article are a person's name there
/// (أنجلينا جولي، فيكتور بوزنيخير): foreign names are written this way and repeated.
fn repeated_unknown_pairs(tokens: &[Token], covered: &[bool]) -> Vec<(usize, usize)> {
    // Each token judged once, the cheap tests first (most tokens are frequent words: one lookup).
    let candidate: Vec<bool> = tokens
        .iter()
        .zip(covered)
        .map(|(t, &covered)| {
            !covered
                && has_chars(&t.norm, 3)
                && !["ه", "ات", "ون", "ين", "يه", "ها", "هم"].iter().any(|s| t.norm.ends_with(s))
                && !is_frequent(&t.norm)
                && name_like(t, true)
        })
        .collect();
    let mut counts: rustc_hash::FxHashMap<(&str, &str), Vec<usize>> = Default::default();
    for i in 1..tokens.len() {
        if tokens[i].joins_prev && candidate[i - 1] && candidate[i] {
            counts.entry((tokens[i - 1].norm.as_str(), tokens[i].norm.as_str())).or_default().push(i - 1);
        }
    }
    let mut out: Vec<(usize, usize)> =
        counts.into_values().filter(|v| v.len() >= 2).flatten().map(|i| (i, i + 2)).collect();
    out.sort_unstable();
    out.dedup_by(|b, a| b.0 < a.1);
    out
}

/// A club's generic head, always left out of its name: «نادي»، «النادي».
static CLUB_HEADS: std::sync::LazyLock<WordSet> =
    std::sync::LazyLock::new(|| word_set(include_str!("words/club_heads.txt")));

/// The generic heads of an outlet, a company or a movement, which the guideline leaves out before a
/// one-word proper name (وكالة، قناة، شركة، تنظيم، حركة …).
static PROPER_HEADS: std::sync::LazyLock<WordSet> =
    std::sync::LazyLock::new(|| word_set(include_str!("words/proper_heads.txt")));

/// Forms that the context rules take for names but that are ordinary words (`data/not_names.txt`).
static NOT_NAMES: std::sync::LazyLock<WordSet> =
    std::sync::LazyLock::new(|| word_set(include_str!("../../data/not_names.txt")));

static HEAD_WORDS: std::sync::LazyLock<WordSet> =
    std::sync::LazyLock::new(|| word_set(include_str!("words/head_words.txt")));

struct Span {
    start: usize,
    end: usize,
    prefix_chars: usize,
    ty: EntityType,
    target: Option<NameRef>,
    origin: Origin,
}

/// The normalised spelling of tokens `start..end` without the proclitics of the first.
fn form_of(tokens: &[Token], start: usize, end: usize, prefix_chars: usize) -> CompactString {
    let mut form = CompactString::default();
    for (k, t) in tokens[start..end].iter().enumerate() {
        if k > 0 {
            form.push(' ');
        }
        if k == 0 && prefix_chars > 0 {
            let rest: String = t.norm.chars().skip(prefix_chars).collect();
            // لل + name: the elided alef of the article comes back (للكرملين → الكرملين).
            if rest.starts_with('ل') && t.norm.chars().nth(prefix_chars - 1) == Some('ل') && !rest.starts_with("ال")
            {
                form.push('ا');
            }
            form.push_str(&rest);
        } else {
            form.push_str(&t.norm);
        }
    }
    form
}

/// A quick test before a token's proclitic readings are looked up among some words: every reading
/// ([`clitic_splits`]) keeps the token's last two letters, so a token can be one of the words only
/// if it ends as one of them does.
struct Endings {
    last_two: rustc_hash::FxHashSet<(char, char)>,
    /// Some word is shorter than two letters (any token may match it).
    short: bool,
}

impl Endings {
    fn of<'a>(words: impl Iterator<Item = &'a str>) -> Endings {
        let mut out = Endings { last_two: Default::default(), short: false };
        for w in words {
            match last_two(w) {
                Some(e) => {
                    out.last_two.insert(e);
                }
                None => out.short = true,
            }
        }
        out
    }

    fn may_end(&self, token: &str) -> bool {
        self.short || last_two(token).is_some_and(|e| self.last_two.contains(&e))
    }
}

fn last_two(w: &str) -> Option<(char, char)> {
    let mut chars = w.chars().rev();
    let last = chars.next()?;
    Some((chars.next()?, last))
}

/// Words of multi-word person names in this article → what the full name refers to.
/// A word shared by two different full names goes to the one mentioned more often.
fn partial_names(tokens: &[Token], spans: &[Span]) -> FxHashMap<String, NameRef> {
    let mut votes: FxHashMap<String, FxHashMap<NameRef, usize>> = FxHashMap::default();
    for s in spans.iter().filter(|s| s.ty == EntityType::Per && s.end - s.start >= 2) {
        let target = s.target.clone().unwrap_or_else(|| {
            NameRef::Form(FormKey { form: form_of(tokens, s.start, s.end, s.prefix_chars), ty: EntityType::Per })
        });
        for (k, t) in tokens[s.start..s.end].iter().enumerate() {
            let word: String = if k == 0 { t.norm.chars().skip(s.prefix_chars).collect() } else { t.norm.to_string() };
            let common = PARTIAL_STOP.contains(&word.as_str()) || HEAD_WORDS.contains(&word) || is_stop_word(&word);
            if word.chars().count() >= 3 && !common {
                *votes.entry(word).or_default().entry(target.clone()).or_default() += 1;
            }
        }
    }
    votes
        .into_iter()
        .filter_map(|(word, counts)| {
            let best = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            Some((word, best.0))
        })
        .collect()
}

/// Name words too common to stand for a person alone, and names spelled, once normalised, as a
/// common word («إمام» of عادل إمام is the preposition «أمام»; the stop list's function words, such
/// as «كان» of a restaurant named «إل سيلير دي كان روكا», are left out too).
const PARTIAL_STOP: [&str; 13] =
    ["عبد", "ابو", "ابن", "بن", "بنت", "ال", "الله", "الدين", "الرحمن", "محمد", "احمد", "علي", "امام"];
