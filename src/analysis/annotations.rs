//! What an annotator wrote about an article (a brat `.ann` beside it), as the index uses it.
//!
//! [`read_annotations`] checks the file against the article (as brat does), keeps the entity
//! `T` annotations that still fit, with their `N` references, in byte offsets; the rest become
//! [`AnnotationProblem`]s. [`annotated_mentions`] turns them into mentions linked to the knowledge
//! base, to a shared reference (`N … Wikidata:Q…` / `isnad:…` / any `DB:ID`) or to their spelling;
//! [`merge_mentions`] lets them override automatic mentions. [`ArticleAnnotations::shift`] keeps
//! them attached while the article is edited in memory. The `.ann` text itself is kept lossless
//! (`file`) for writing additions back.

use std::collections::{BTreeMap, HashMap, HashSet};

mod problems;

pub use problems::{AnnotationProblem, Reason};

use super::checks::Check;
use super::knowledge::KbData;
use super::model::{EntityType, FormKey, Mention, NameRef, Origin};
use super::resolve::discovered_id;
use super::standoff::conf::AnnotationConf;
use super::standoff::{parse_ann, validate, AnnFile, Annotation, ProblemKind};
use super::tokens::prepare;

/// At most this many fragments in one annotation (a name has a few; a line of thousands would
/// cost time and memory growing with their square).
pub const MAX_FRAGMENTS: usize = 64;

/// brat types that isnad itself writes over sentences (claims and attributions): not entity mentions.
pub const CLAIM_TYPES: &[&str] = &["UnsourcedClaim", "VagueAttribution", ATTRIBUTION_TYPE];

/// The brat type of an attributed sentence; its `N` line names the source (`isnad:<id>` or `isnad:vague`).
pub const ATTRIBUTION_TYPE: &str = "Attribution";

/// An entity annotation that fits its article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotatedSpan {
    /// `T3`.
    pub id: String,
    /// Byte ranges in the article, in file order.
    pub fragments: Vec<(u32, u32)>,
    /// The type as written, and as mapped onto the built-in types.
    pub raw_type: String,
    pub ty: EntityType,
    /// `N` references as `DB:ID`, in file order.
    pub references: Vec<String>,
    /// 1-based line in the `.ann`.
    pub line: usize,
}

/// The annotations of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleAnnotations {
    /// The `.ann` file's name (path).
    pub ann_name: String,
    pub file: AnnFile,
    pub spans: Vec<AnnotatedSpan>,
    pub problems: Vec<AnnotationProblem>,
    /// Only the annotations count in this article (`annotations-only` in its folder's settings).
    pub exclusive: bool,
    /// The `.ann` exists but could not be read, and why: nothing may be written to it.
    pub unreadable: Option<String>,
}

/// The annotations of an article whose `.ann` exists but could not be read: none, and one
/// problem saying why.
pub fn unreadable_annotations(ann_name: &str, reason: &str) -> ArticleAnnotations {
    let problem = AnnotationProblem {
        line: 1,
        check: Check::UnreadableAnnotations,
        reason: Reason::Unreadable { why: reason.to_string() },
        range: None,
    };
    ArticleAnnotations {
        ann_name: ann_name.to_string(),
        problems: vec![problem],
        unreadable: Some(reason.to_string()),
        ..ArticleAnnotations::default()
    }
}

/// Byte offset of every code point of `text`, and one past the end.
fn char_starts(text: &str) -> Vec<u32> {
    text.char_indices().map(|(b, _)| b as u32).chain(std::iter::once(text.len() as u32)).collect()
}

/// Reads `ann_text` against the article `text`. `conf` (possibly empty) declares entity types: when
/// it declares any, only `T` annotations of those types are entities (others are event triggers).
pub fn read_annotations(ann_name: &str, ann_text: &str, text: &str, conf: &AnnotationConf) -> ArticleAnnotations {
    let file = parse_ann(ann_text);
    let starts = char_starts(text);
    let byte = |cp: usize| starts.get(cp).copied();
    let mut problems = Vec::new();
    let mut broken: HashSet<&str> = HashSet::new();
    let t_lines: HashMap<&str, &Annotation> = file.annotations().filter_map(|(_, a)| Some((a.id()?, a))).collect();
    for p in validate(&file, text) {
        let check = match &p.kind {
            ProblemKind::TextMismatch { .. } | ProblemKind::PastEnd { .. } | ProblemKind::StartAfterEnd { .. } => {
                Check::StaleAnnotation
            }
            ProblemKind::Malformed { .. } => Check::MalformedAnnotation,
            ProblemKind::OverlappingFragments { .. } => Check::OverlappingAnnotations,
            ProblemKind::DuplicateId { .. } | ProblemKind::MissingId { .. } => Check::AnnotationReference,
        };
        let id = match &p.kind {
            ProblemKind::TextMismatch { id, .. }
            | ProblemKind::PastEnd { id, .. }
            | ProblemKind::StartAfterEnd { id, .. }
            | ProblemKind::OverlappingFragments { id } => Some(id.as_str()),
            _ => None,
        };
        let range = id.and_then(|id| match t_lines.get(id) {
            Some(Annotation::TextBound { spans, .. }) => {
                let (s, e) = (spans.iter().map(|s| s.0).min()?, spans.iter().map(|s| s.1).max()?);
                let (s, e) = (s.min(e).min(starts.len() - 1), s.max(e).min(starts.len() - 1));
                Some((byte(s)?, byte(e)?))
            }
            _ => None,
        });
        if let Some(id) = id {
            if let Some((key, _)) = t_lines.get_key_value(id) {
                broken.insert(key);
            }
        }
        problems.push(AnnotationProblem { line: p.line, check, reason: Reason::Standoff(p.kind.clone()), range });
    }
    let mut references: HashMap<&str, Vec<String>> = HashMap::new();
    let mut triggers: HashSet<&str> = HashSet::new();
    for (_, a) in file.annotations() {
        match a {
            Annotation::Normalization { target, db, db_id, .. } => {
                references.entry(target).or_default().push(format!("{db}:{db_id}"))
            }
            Annotation::Event { trigger, .. } => {
                triggers.insert(trigger);
            }
            _ => {}
        }
    }
    let mut spans = Vec::new();
    for (line, a) in file.annotations() {
        let Annotation::TextBound { id, ty, spans: fragments, .. } = a else { continue };
        let declared = conf.entities.is_empty() || conf.get(ty).is_some();
        if !declared
            || CLAIM_TYPES.contains(&ty.as_str())
            || triggers.contains(id.as_str())
            || broken.contains(id.as_str())
        {
            continue;
        }
        if fragments.len() > MAX_FRAGMENTS {
            problems.push(AnnotationProblem {
                line: line.number,
                check: Check::MalformedAnnotation,
                reason: Reason::TooManyFragments { id: id.to_string(), fragments: fragments.len(), max: MAX_FRAGMENTS },
                range: None,
            });
            continue;
        }
        let Some(fragments) = fragments.iter().map(|&(s, e)| Some((byte(s)?, byte(e)?))).collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        spans.push(AnnotatedSpan {
            id: id.clone(),
            fragments,
            raw_type: ty.clone(),
            ty: conf.entity_type(ty),
            references: references.remove(id.as_str()).unwrap_or_default(),
            line: line.number,
        });
    }
    // Two annotations over the same text that are not the same entity: the first one counts. The
    // fragments kept never overlap, so each new fragment is checked against the kept fragment that
    // starts last before it ends.
    spans.sort_by_key(|s| s.fragments.first().copied());
    let mut kept: Vec<AnnotatedSpan> = Vec::new();
    let mut taken: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    for s in spans {
        // Kept fragments never overlap, so their ends grow with their starts: the one that starts
        // last before this fragment ends is the only one that may reach into it.
        let clash = s.fragments.iter().find_map(|&(start, end)| {
            let (&(_, kept_end), &k) = taken.range(..(end, 0)).next_back()?;
            (kept_end > start).then_some(k)
        });
        match clash {
            Some(k) => {
                let k = &kept[k];
                problems.push(AnnotationProblem {
                    line: s.line,
                    check: Check::OverlappingAnnotations,
                    reason: Reason::Overlap {
                        id: s.id.clone(),
                        ty: s.raw_type.clone(),
                        other_id: k.id.clone(),
                        other_ty: k.raw_type.clone(),
                        other_line: k.line,
                    },
                    range: s.fragments.first().copied(),
                })
            }
            None => {
                for &fragment in &s.fragments {
                    taken.insert(fragment, kept.len());
                }
                kept.push(s);
            }
        }
    }
    problems.sort_by_key(|p| p.line);
    ArticleAnnotations { ann_name: ann_name.to_string(), file, spans: kept, problems, ..ArticleAnnotations::default() }
}

impl ArticleAnnotations {
    /// The article's bytes `start..old_end` were replaced by `new_len` bytes: ranges after the
    /// edit move, a range with the edit inside it grows or shrinks, and an annotation whose
    /// boundary the edit crosses is dropped (it no longer says what it said).
    pub fn shift(&mut self, start: u32, old_end: u32, new_len: u32) {
        let moved = |x: u32| (x + new_len).saturating_sub(old_end - start);
        let fix = |(s, e): (u32, u32)| -> Option<(u32, u32)> {
            if e <= start {
                Some((s, e))
            } else if s >= old_end {
                Some((moved(s), moved(e)))
            } else if s <= start && old_end <= e {
                Some((s, moved(e)))
            } else {
                None
            }
        };
        self.spans.retain_mut(|span| match span.fragments.iter().map(|&f| fix(f)).collect::<Option<Vec<_>>>() {
            Some(f) => {
                span.fragments = f;
                true
            }
            None => false,
        });
        for p in &mut self.problems {
            p.range = p.range.and_then(fix);
        }
    }
}

/// What an annotation with these references and this spelling names: a knowledge-base entry
/// (`isnad:<id>`, `Wikidata:Q…`, or an unreferenced spelling the base lists with the same type),
/// the discovered name whose id it carries, a shared reference, or just its spelling.
fn target_of(span: &AnnotatedSpan, form: &str, kb_hit: Option<u32>, kb: &KbData) -> NameRef {
    for r in &span.references {
        let (db, id) = r.split_once(':').unwrap_or(("", r));
        let found = match db {
            "isnad" => kb.kb.index_of(id),
            "Wikidata" | "wikidata" | "WD" => kb.by_wikidata.get(id).copied(),
            _ => None,
        };
        if let Some(i) = found {
            return NameRef::Kb(i);
        }
    }
    let key = FormKey { form: form.into(), ty: span.ty.clone() };
    let own_id = format!("isnad:{}", discovered_id(&key));
    if let Some(r) = span.references.iter().find(|r| **r != own_id) {
        let preferred = span.references.iter().find(|r| r.starts_with("isnad:") && **r != own_id).unwrap_or(r);
        return NameRef::Ref(preferred.clone());
    }
    match kb_hit {
        Some(i) if kb.kb.get(i).ty == span.ty => NameRef::Kb(i),
        _ => NameRef::Form(key),
    }
}

/// Mentions for the annotations of an article, one per fragment, sorted by start.
pub fn annotated_mentions(text: &str, spans: &[AnnotatedSpan], kb: &KbData) -> Vec<Mention> {
    let mut out = Vec::new();
    for span in spans {
        let surface: Vec<&str> = span.fragments.iter().filter_map(|&(s, e)| text.get(s as usize..e as usize)).collect();
        if surface.len() != span.fragments.len() {
            continue;
        }
        let (_, tokens) = prepare(&surface.join(" "));
        let words: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
        // A proclitic inside the annotated span (لبوتين) is not part of the name.
        let hit =
            (!tokens.is_empty()).then(|| kb.lexicon.longest_at(&tokens, 0)).flatten().filter(|h| h.len == tokens.len());
        let mut form = words.join(" ");
        if let Some(h) = hit {
            form = form.chars().skip(h.prefix_chars).collect();
        }
        let kb_hit = hit.and_then(|h| match h.spelling.target {
            NameRef::Kb(i) => Some(i),
            _ => None,
        });
        if form.is_empty() {
            continue;
        }
        let target = target_of(span, &form, kb_hit, kb);
        for &(start, end) in &span.fragments {
            out.push(Mention {
                start,
                end,
                ty: span.ty.clone(),
                form: form.as_str().into(),
                target: target.clone(),
                origin: Origin::Annotated,
            });
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// Annotated mentions win over automatic ones they overlap; with `annotations_only` no automatic
/// mention is kept. Sorted by start, never overlapping. `annotated` is sorted by start and never
/// overlaps, so the annotated mention that starts last before an automatic one ends is the only
/// one that can overlap it.
pub fn merge_mentions(automatic: Vec<Mention>, annotated: &[Mention], annotations_only: bool) -> Vec<Mention> {
    let mut out: Vec<Mention> = if annotated.is_empty() && !annotations_only {
        automatic
    } else {
        let mut out = annotated.to_vec();
        if !annotations_only {
            out.extend(automatic.into_iter().filter(|m| {
                let before = annotated.partition_point(|a| a.start < m.end);
                before == 0 || annotated[before - 1].end <= m.start
            }));
        }
        out
    };
    out.sort_by_key(|m| m.start);
    // Kept for the article's life: no spare capacity.
    out.shrink_to_fit();
    out
}
