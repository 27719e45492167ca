//! Every check isnad reports, as one typed list, and the diagnostics of an article assembled once.
//!
//! A [`Check`] has a stable code (what `[checks]` in `isnad.toml`, the CLI and the editor show),
//! a default severity, and says whether the corpus settings may change it. Checks are computed
//! where their knowledge lives: claims in `claims` (typed reasons, worded in both languages by
//! `model::ClaimReason`), annotation problems in `annotations`, consistency in `consistency`,
//! configuration problems in `config`; `diagnostics::article_diagnostics` gathers an article's
//! findings and applies the settings. This module sits at the bottom of the core (it needs only
//! `model`), so that every layer may name a check.

use super::model::ClaimKind;

/// How loudly a check reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
    Off,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" | "information" => Severity::Info,
            "hint" => Severity::Hint,
            "off" => Severity::Off,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
            Severity::Off => "off",
        }
    }
}

/// One kind of finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Check {
    /// A check-worthy sentence with no source.
    UnsourcedClaim,
    /// A sentence whose only source is vague («مصادر»، «يعتقد»).
    VagueSource,
    /// An `.ann` span whose text is no longer the article's text there.
    StaleAnnotation,
    /// An `.ann` line that cannot be read.
    MalformedAnnotation,
    /// An `.ann` file that exists and cannot be read at all.
    UnreadableAnnotations,
    /// An `.ann` line that names a missing or duplicate id.
    AnnotationReference,
    /// Two `.ann` spans that overlap.
    OverlappingAnnotations,
    /// A spelling annotated with another type or entity than elsewhere in the corpus.
    InconsistentAnnotation,
    /// A name left unannotated in an annotated article that other articles annotate.
    UnannotatedName,
    /// An `isnad.toml` that is not valid TOML.
    ConfigSyntax,
    /// A key `isnad.toml` does not know.
    ConfigUnknownKey,
    /// A value of the wrong kind in `isnad.toml`.
    ConfigValue,
    /// An `[[entity]]` without a required key.
    ConfigMissingKey,
    /// Two `[[entity]]` entries with one id.
    DuplicateId,
    /// A spelling claimed by two entries.
    SpellingCollision,
}

impl Check {
    /// The checks of articles, whose severity `[checks]` sets, in the order the docs list them.
    pub const CONFIGURABLE: [Check; 9] = [
        Check::UnsourcedClaim,
        Check::VagueSource,
        Check::StaleAnnotation,
        Check::MalformedAnnotation,
        Check::UnreadableAnnotations,
        Check::AnnotationReference,
        Check::OverlappingAnnotations,
        Check::InconsistentAnnotation,
        Check::UnannotatedName,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Check::UnsourcedClaim => "unsourced-claim",
            Check::VagueSource => "vague-source",
            Check::StaleAnnotation => "stale-annotation",
            Check::MalformedAnnotation => "malformed-annotation",
            Check::UnreadableAnnotations => "unreadable-annotations",
            Check::AnnotationReference => "annotation-reference",
            Check::OverlappingAnnotations => "overlapping-annotations",
            Check::InconsistentAnnotation => "inconsistent-annotation",
            Check::UnannotatedName => "unannotated-name",
            Check::ConfigSyntax => "config-syntax",
            Check::ConfigUnknownKey => "config-unknown-key",
            Check::ConfigValue => "config-value",
            Check::ConfigMissingKey => "config-missing-key",
            Check::DuplicateId => "duplicate-id",
            Check::SpellingCollision => "spelling-collision",
        }
    }

    /// The check that flags a claim of this kind.
    pub fn of_claim(kind: ClaimKind) -> Check {
        match kind {
            ClaimKind::Unsourced => Check::UnsourcedClaim,
            ClaimKind::Vague => Check::VagueSource,
        }
    }

    /// The configurable check with this code.
    pub fn configurable(code: &str) -> Option<Check> {
        Check::CONFIGURABLE.into_iter().find(|c| c.code() == code)
    }

    /// The severity of the check when the settings say nothing. (A configuration problem
    /// carries its own: a spelling collision is a warning between two corpus entries and a
    /// note against the built-in base.)
    pub fn default_severity(self) -> Severity {
        match self {
            Check::UnsourcedClaim
            | Check::InconsistentAnnotation
            | Check::ConfigUnknownKey
            | Check::SpellingCollision => Severity::Warning,
            Check::VagueSource => Severity::Info,
            Check::UnannotatedName => Severity::Hint,
            Check::StaleAnnotation
            | Check::MalformedAnnotation
            | Check::UnreadableAnnotations
            | Check::AnnotationReference
            | Check::OverlappingAnnotations
            | Check::ConfigSyntax
            | Check::ConfigValue
            | Check::ConfigMissingKey
            | Check::DuplicateId => Severity::Error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_parse_back() {
        let mut codes: Vec<&str> = Check::CONFIGURABLE.iter().map(|c| c.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Check::CONFIGURABLE.len());
        for c in Check::CONFIGURABLE {
            assert_eq!(Check::configurable(c.code()), Some(c));
        }
        assert_eq!(Check::configurable("config-syntax"), None, "configuration problems are not configurable");
    }
}
