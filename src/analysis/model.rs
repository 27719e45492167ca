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
    pub fn code(self) -> &'static str {
        match self {
            ClaimKind::Unsourced => "unsourced-claim",
            ClaimKind::Vague => "vague-source",
        }
    }

    pub fn brat_type(self) -> &'static str {
        match self {
            ClaimKind::Unsourced => "UnsourcedClaim",
            ClaimKind::Vague => "VagueAttribution",
        }
    }
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
    pub kind: ClaimKind,
    /// One sentence saying why, in English and in Arabic.
    pub message_en: String,
    pub message_ar: String,
}

impl Claim {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message_en,
            Lang::Ar => &self.message_ar,
        }
    }
}
