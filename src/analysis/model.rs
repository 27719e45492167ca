//! The plain data types the analysis core hands out: entity types, mentions, claims.
//!
//! Offsets are byte offsets into the original text of one article, end-exclusive. Converting them
//! to code points (brat) or UTF-16 (LSP) is the job of `text::LineIndex` at the edges.

use compact_str::CompactString;

use std::fmt;

/// The type of an entity. `Other` keeps a type from an annotation schema that has no obvious
/// counterpart among the three built-in ones.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Per,
    Loc,
    Org,
    Other(Box<str>),
}

impl EntityType {
    pub fn parse(s: &str) -> Option<EntityType> {
        match s {
            "PER" => Some(EntityType::Per),
            "LOC" => Some(EntityType::Loc),
            "ORG" => Some(EntityType::Org),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            EntityType::Per => "PER",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Other(s) => s,
        }
    }

    pub fn label(&self) -> &str {
        match self {
            EntityType::Per => "person",
            EntityType::Loc => "place",
            EntityType::Org => "organisation",
            EntityType::Other(s) => s,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a mention names, before corpus-wide linking: a knowledge-base entry, or a name form
/// (normalised spelling + type) that linking later resolves to an entity.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameRef {
    Kb(u32),
    Form(FormKey),
    /// A reference shared by annotated mentions (`Wikidata:Q…`, `isnad:…`, any `DB:ID`) that
    /// the knowledge base does not know.
    Ref(String),
}

/// A normalised spelling of a name with its type: the unit that linking works on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FormKey {
    /// Inline up to 24 bytes (most names): no allocation of its own.
    pub form: CompactString,
    pub ty: EntityType,
}

/// How a mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A spelling listed in the knowledge base.
    Gazetteer,
    /// A name found from its context (a title, a trigger noun, a reporting frame), here or elsewhere in the corpus.
    Discovered,
    /// A part of a full name that occurs in the same article (كيم for كيم جونغ أون).
    Partial,
    /// Written by an annotator (a `T` line in the article's `.ann`).
    Annotated,
}

/// One mention of a named entity in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: u32,
    pub end: u32,
    pub ty: EntityType,
    /// The normalised spelling of the mention without proclitics (inline up to 24 bytes).
    pub form: CompactString,
    pub target: NameRef,
    pub origin: Origin,
}

/// Why a sentence was flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// A claim with no attribution at all (warning).
    Unsourced,
    /// A claim attributed only to a vague or impersonal source (information).
    Vague,
}

impl ClaimKind {
    pub fn brat_type(self) -> &'static str {
        match self {
            ClaimKind::Unsourced => "UnsourcedClaim",
            ClaimKind::Vague => "VagueAttribution",
        }
    }
}

/// Who a sentence is attributed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A recognised mention: its index in the article's mentions (sorted by start).
    Mention(u32),
    /// A role or body the sentence does not tie to a mention («قالت الحكومة»): its byte range.
    Role { start: u32, end: u32 },
    /// An unnamed or indefinite source («مصادر مطلعة»، «خبراء»، «يُعتقد»): its byte range.
    Vague { start: u32, end: u32 },
}

/// The attribution of one body sentence: what it reports, on whose word and through which cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The sentence (byte range into the text).
    pub start: u32,
    pub end: u32,
    pub source: Source,
    /// The reporting cue (a speech verb «قال»، a frame «بحسب»، a colon after the speaker, or the
    /// continuation word «وأضاف» of an inherited source): its byte range, empty when none.
    pub cue: (u32, u32),
    /// Where the source was named, when the sentence inherits it (a continuation or a quotation
    /// opened before): the start of that sentence.
    pub inherited_from: Option<u32>,
    /// The quoted span inside the sentence, if any (without the quotation marks).
    pub quote: Option<(u32, u32)>,
    /// The mention that relays the source («نقلت ⟦رويترز⟧ عن مسؤول»): its index in the mentions.
    pub relayed_by: Option<u32>,
}

/// The language of user-facing messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ar,
}

/// A flagged sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub start: u32,
    pub end: u32,
    pub reason: ClaimReason,
    /// How check-worthy an unsourced sentence is, in thousandths (the check-worthiness model's
    /// score); a vague source, and a claim cue when no model scores, count 1000.
    pub score: u16,
}

/// Why a sentence was flagged, with the words that made it so (as written in the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimReason {
    /// A check-worthy claim (its first cue: what kind, and its words) with no source.
    Unsourced { cue: ClaimCue, words: String },
    /// A claim whose only source is the vague phrase `source`.
    Vague { source: String },
}

/// The kind of check-worthy statement a claim cue signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimCue {
    Accusation,
    Figure,
    Prediction,
    Evaluation,
    Causal,
    /// No cue of the kinds above: the model finds the sentence check-worthy; the words are
    /// the one that weighs most for it.
    Assertion,
}

impl ClaimCue {
    pub fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ClaimCue::Accusation, Lang::En) => "an accusation",
            (ClaimCue::Figure, Lang::En) => "a figure",
            (ClaimCue::Prediction, Lang::En) => "a prediction",
            (ClaimCue::Evaluation, Lang::En) => "an evaluative word",
            (ClaimCue::Causal, Lang::En) => "a causal claim",
            (ClaimCue::Assertion, Lang::En) => "a statement that reads as a claim",
            (ClaimCue::Accusation, Lang::Ar) => "اتهام",
            (ClaimCue::Figure, Lang::Ar) => "رقم",
            (ClaimCue::Prediction, Lang::Ar) => "توقّع",
            (ClaimCue::Evaluation, Lang::Ar) => "وصف تقييمي",
            (ClaimCue::Causal, Lang::Ar) => "علاقة سببية",
            (ClaimCue::Assertion, Lang::Ar) => "عبارة تُقرأ ادعاءً",
        }
    }
}

impl Claim {
    /// Whether the claim is flagged at this minimum score (thousandths): a vague source always,
    /// an unsourced sentence when it scores at least `min_score`.
    pub fn is_flagged(&self, min_score: u16) -> bool {
        matches!(self.reason, ClaimReason::Vague { .. }) || self.score >= min_score
    }

    pub fn kind(&self) -> ClaimKind {
        match self.reason {
            ClaimReason::Unsourced { .. } => ClaimKind::Unsourced,
            ClaimReason::Vague { .. } => ClaimKind::Vague,
        }
    }

    /// One sentence saying why, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (&self.reason, lang) {
            (ClaimReason::Unsourced { cue, words }, Lang::En) => {
                format!("Unsourced claim: {} (‹{words}›) with no named source in the sentence.", cue.describe(lang))
            }
            (ClaimReason::Unsourced { cue, words }, Lang::Ar) => {
                format!("ادعاء غير منسوب: {} (‹{words}›) دون مصدر مسمّى في الجملة.", cue.describe(lang))
            }
            (ClaimReason::Vague { source }, Lang::En) => format!("Vague source: ‹{source}› is not a named source."),
            (ClaimReason::Vague { source }, Lang::Ar) => format!("مصدر مبهم: ‹{source}› ليس مصدرًا مسمّى."),
        }
    }
}

/// What hover shows about an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntitySummary {
    pub id: String,
    pub ty: EntityType,
    /// Canonical Arabic name.
    pub name: String,
    pub english: String,
    pub wikidata: String,
    pub description: String,
    /// Spellings as they appear in the text, with counts, most frequent first.
    pub spellings: Vec<(String, usize)>,
    pub mentions: usize,
    pub articles: usize,
    /// Sentences attributed to the entity (it is their source).
    pub quoted: usize,
}
