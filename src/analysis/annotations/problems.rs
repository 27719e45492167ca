//! What is wrong with an `.ann`, as a typed reason worded in English or Arabic when shown.
//!
//! The reader (`annotations::read_annotations`) records each problem with its check, its line and
//! a [`Reason`]; `AnnotationProblem::message(lang)` words it for the CLI and the editor.

use super::super::checks::Check;
use super::super::model::Lang;
use super::super::standoff::ProblemKind;

/// A problem of the `.ann` file, at one of its lines and, when known, at a byte range of the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotationProblem {
    pub line: usize,
    pub check: Check,
    pub reason: Reason,
    pub range: Option<(u32, u32)>,
}

/// Why a line of an `.ann` (or the whole file) is a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// What the brat reader or the validation against the article found.
    Standoff(ProblemKind),
    /// The file exists and could not be read (`why`).
    Unreadable { why: String },
    /// A `T` line with more fragments than isnad reads.
    TooManyFragments { id: String, fragments: usize, max: usize },
    /// Two annotations cover the same text.
    Overlap { id: String, ty: String, other_id: String, other_ty: String, other_line: usize },
}

impl AnnotationProblem {
    /// One sentence saying what is wrong, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        self.reason.message(lang)
    }
}

impl Reason {
    /// The reason worded in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => english(self),
            Lang::Ar => arabic(self),
        }
    }
}

fn english(reason: &Reason) -> String {
    match reason {
        Reason::Standoff(kind) => match kind {
            ProblemKind::Malformed { expected } => format!("malformed line, expected {expected}"),
            ProblemKind::TextMismatch { id, annotated, article } => {
                format!("{id}: annotated text «{annotated}» but the article has «{article}» there")
            }
            ProblemKind::PastEnd { id, end, len } => {
                format!("{id}: offset {end} is past the end of the article ({len} code points)")
            }
            ProblemKind::StartAfterEnd { id, start, end } => format!("{id}: start {start} is after end {end}"),
            ProblemKind::OverlappingFragments { id } => format!("{id}: fragments overlap"),
            ProblemKind::DuplicateId { id } => format!("{id} is defined more than once"),
            ProblemKind::MissingId { id } => format!("reference to {id}, which no line defines"),
        },
        Reason::Unreadable { why } => {
            format!("the file could not be read ({why}); its annotations are not used and isnad will not write to it")
        }
        Reason::TooManyFragments { id, fragments, max } => {
            format!("{id} has {fragments} fragments; a name has a few, and isnad reads at most {max}")
        }
        Reason::Overlap { id, ty, other_id, other_ty, other_line } => {
            format!("{id} ({ty}) overlaps {other_id} ({other_ty}) on line {other_line}")
        }
    }
}

fn arabic(reason: &Reason) -> String {
    match reason {
        Reason::Standoff(kind) => match kind {
            ProblemKind::Malformed { expected } => format!("سطر غير صالح، المتوقع {expected}"),
            ProblemKind::TextMismatch { id, annotated, article } => {
                format!("{id}: النص الموسوم «{annotated}» لكن المقال فيه «{article}» في هذا الموضع")
            }
            ProblemKind::PastEnd { id, end, len } => {
                format!("{id}: الإزاحة {end} بعد نهاية المقال ({len} محرفًا)")
            }
            ProblemKind::StartAfterEnd { id, start, end } => format!("{id}: البداية {start} بعد النهاية {end}"),
            ProblemKind::OverlappingFragments { id } => format!("{id}: أجزاء متداخلة"),
            ProblemKind::DuplicateId { id } => format!("{id} معرَّف أكثر من مرة"),
            ProblemKind::MissingId { id } => format!("إحالة إلى {id} ولا يعرّفه أي سطر"),
        },
        Reason::Unreadable { why } => {
            format!("تعذّرت قراءة الملف ({why})؛ لا تُستعمل وسومه ولن يكتب فيه isnad")
        }
        Reason::TooManyFragments { id, fragments, max } => {
            format!("{id} فيه {fragments} جزءًا؛ للاسم أجزاء قليلة، ويقرأ isnad {max} على الأكثر")
        }
        Reason::Overlap { id, ty, other_id, other_ty, other_line } => {
            format!("{id} ({ty}) يتداخل مع {other_id} ({other_ty}) في السطر {other_line}")
        }
    }
}
