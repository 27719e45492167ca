//! Reading brat standoff files (`.ann`) without ever failing, and writing them back unchanged.
//!
//! [`parse_ann`] keeps every line of the file in order, with its line ending: a line is either a
//! parsed [`Annotation`] (`T` text-bound with discontinuous spans, `N` normalisation, `A`/`M`
//! attribute, `R` relation, `E` event, `#` note, `*` equivalence), a blank line, or an unparsed
//! line kept verbatim with a [`Problem`] saying what was expected. A UTF-8 BOM, CRLF endings and
//! a missing final newline are remembered, so [`render`] of an unchanged file gives back the same
//! bytes; annotations added with [`AnnFile::push`] are written in brat's own shape. Offsets are
//! code points, 0-based and end-exclusive, as brat counts them. [`validate`] checks a file
//! against its article; `annotation.conf` and the mapping of types onto PER/LOC/ORG are in
//! [`conf`].

pub mod conf;
mod validate;

use std::fmt;

pub use validate::validate;

/// A parsed `.ann` file: every line in order, plus what is needed to write it back byte for byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnFile {
    /// The file started with a UTF-8 byte order mark.
    pub bom: bool,
    pub lines: Vec<Line>,
}

/// One line of a `.ann` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the file.
    pub number: usize,
    /// The line as written, without its terminator.
    pub raw: String,
    pub ending: LineEnding,
    pub kind: LineKind,
}

/// How a line ends. `None` only for the last line of a file without a final newline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
    None,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::None => "",
        }
    }
}

/// What a line holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    Annotation(Annotation),
    /// Empty or only spaces; brat skips these.
    Blank,
    /// Kept verbatim; the problem says what was expected.
    Unparsed(Problem),
}

/// A `(start, end)` fragment in code points, end-exclusive.
pub type Span = (usize, usize);

/// One annotation, as brat defines them (<http://brat.nlplab.org/standoff.html>).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Annotation {
    /// `T1\tType 0 5;16 23\ttext`: the text of several fragments is joined by one space.
    TextBound { id: String, ty: String, spans: Vec<Span>, text: String },
    /// `R1\tType Arg1:T1 Arg2:T2`.
    Relation { id: String, ty: String, args: Vec<(String, String)> },
    /// `E1\tType:T3 Role:T1 Role2:E2`.
    Event { id: String, ty: String, trigger: String, args: Vec<(String, String)> },
    /// `A1\tName T4 [Value]` (legacy prefix `M`); no value is a binary flag.
    Attribute { id: String, name: String, target: String, value: Option<String> },
    /// `N1\tReference T5 DB:ID\ttext`: the DB is everything up to the first `:`.
    Normalization { id: String, ty: String, target: String, db: String, db_id: String, text: Option<String> },
    /// `#1\tAnnotatorNotes T2\tfree text`.
    Note { id: String, ty: String, target: String, text: String },
    /// `*\tEquiv T1 T2 …`: no id of its own.
    Equiv { ty: String, ids: Vec<String> },
}

impl Annotation {
    /// The annotation's id (`None` for `*` equivalences).
    pub fn id(&self) -> Option<&str> {
        match self {
            Annotation::TextBound { id, .. }
            | Annotation::Relation { id, .. }
            | Annotation::Event { id, .. }
            | Annotation::Attribute { id, .. }
            | Annotation::Normalization { id, .. }
            | Annotation::Note { id, .. } => Some(id),
            Annotation::Equiv { .. } => None,
        }
    }

    /// The ids this annotation points at, in the order written.
    pub fn references(&self) -> Vec<&str> {
        match self {
            Annotation::TextBound { .. } => Vec::new(),
            Annotation::Relation { args, .. } => args.iter().map(|(_, id)| id.as_str()).collect(),
            Annotation::Event { trigger, args, .. } => {
                std::iter::once(trigger.as_str()).chain(args.iter().map(|(_, id)| id.as_str())).collect()
            }
            Annotation::Attribute { target, .. }
            | Annotation::Normalization { target, .. }
            | Annotation::Note { target, .. } => vec![target.as_str()],
            Annotation::Equiv { ids, .. } => ids.iter().map(String::as_str).collect(),
        }
    }
}

/// The line brat would write for this annotation (without terminator).
impl fmt::Display for Annotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pairs = |args: &[(String, String)]| -> String {
            args.iter().map(|(r, id)| format!(" {r}:{id}")).collect::<String>()
        };
        match self {
            Annotation::TextBound { id, ty, spans, text } => {
                let spans: Vec<String> = spans.iter().map(|(s, e)| format!("{s} {e}")).collect();
                write!(f, "{id}\t{ty} {}\t{text}", spans.join(";"))
            }
            Annotation::Relation { id, ty, args } => write!(f, "{id}\t{ty}{}\t", pairs(args)),
            Annotation::Event { id, ty, trigger, args } => write!(f, "{id}\t{ty}:{trigger}{}", pairs(args)),
            Annotation::Attribute { id, name, target, value } => match value {
                Some(v) => write!(f, "{id}\t{name} {target} {v}"),
                None => write!(f, "{id}\t{name} {target}"),
            },
            Annotation::Normalization { id, ty, target, db, db_id, text } => {
                write!(f, "{id}\t{ty} {target} {db}:{db_id}")?;
                match text {
                    Some(t) => write!(f, "\t{t}"),
                    None => Ok(()),
                }
            }
            Annotation::Note { id, ty, target, text } => write!(f, "{id}\t{ty} {target}\t{text}"),
            Annotation::Equiv { ty, ids } => write!(f, "*\t{ty} {}", ids.join(" ")),
        }
    }
}

/// Something wrong with a `.ann` file, at a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The line could not be read; `expected` describes the shape it should have.
    Malformed { expected: String },
    /// A `T` line's text differs from the article at its offsets (a stale `.ann`).
    TextMismatch { id: String, annotated: String, article: String },
    /// A fragment ends past the end of the article (`len` code points).
    PastEnd { id: String, end: usize, len: usize },
    /// A fragment starts after it ends.
    StartAfterEnd { id: String, start: usize, end: usize },
    /// Fragments of one `T` overlap.
    OverlappingFragments { id: String },
    /// An id is defined twice.
    DuplicateId { id: String },
    /// A reference to an id that no line defines.
    MissingId { id: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line)?;
        match &self.kind {
            ProblemKind::Malformed { expected } => write!(f, "malformed line, expected {expected}"),
            ProblemKind::TextMismatch { id, annotated, article } => {
                write!(f, "{id}: annotated text «{annotated}» but the article has «{article}» there")
            }
            ProblemKind::PastEnd { id, end, len } => {
                write!(f, "{id}: offset {end} is past the end of the article ({len} code points)")
            }
            ProblemKind::StartAfterEnd { id, start, end } => write!(f, "{id}: start {start} is after end {end}"),
            ProblemKind::OverlappingFragments { id } => write!(f, "{id}: fragments overlap"),
            ProblemKind::DuplicateId { id } => write!(f, "{id} is defined more than once"),
            ProblemKind::MissingId { id } => write!(f, "reference to {id}, which no line defines"),
        }
    }
}

impl AnnFile {
    /// The parsed annotations, in file order.
    pub fn annotations(&self) -> impl Iterator<Item = (&Line, &Annotation)> {
        self.lines.iter().filter_map(|l| match &l.kind {
            LineKind::Annotation(a) => Some((l, a)),
            _ => None,
        })
    }

    /// The lines that could not be read.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.lines.iter().filter_map(|l| match &l.kind {
            LineKind::Unparsed(p) => Some(p),
            _ => None,
        })
    }

    /// Appends an annotation as a new line, ending with the file's usual line ending. A last line
    /// without a newline gets one first (its bytes are otherwise untouched).
    pub fn push(&mut self, annotation: Annotation) {
        let ending =
            if self.lines.iter().any(|l| l.ending == LineEnding::CrLf) { LineEnding::CrLf } else { LineEnding::Lf };
        if let Some(last) = self.lines.last_mut() {
            if last.ending == LineEnding::None {
                last.ending = ending;
            }
        }
        let number = self.lines.len() + 1;
        self.lines.push(Line { number, raw: annotation.to_string(), ending, kind: LineKind::Annotation(annotation) });
    }
}

/// Writes the file back: every line as it was read, with its own ending.
impl fmt::Display for AnnFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.bom {
            f.write_str("\u{feff}")?;
        }
        for line in &self.lines {
            f.write_str(&line.raw)?;
            f.write_str(line.ending.as_str())?;
        }
        Ok(())
    }
}

/// The text of the file (same as `ann.to_string()`).
pub fn render(ann: &AnnFile) -> String {
    ann.to_string()
}

/// Reads a `.ann` file. Never fails: lines that cannot be read are kept with a problem.
pub fn parse_ann(text: &str) -> AnnFile {
    let (bom, mut rest) = match text.strip_prefix('\u{feff}') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let mut lines = Vec::new();
    while !rest.is_empty() {
        let (raw, ending, next) = match rest.find('\n') {
            Some(i) => match rest[..i].strip_suffix('\r') {
                Some(raw) => (raw, LineEnding::CrLf, &rest[i + 1..]),
                None => (&rest[..i], LineEnding::Lf, &rest[i + 1..]),
            },
            None => (rest, LineEnding::None, ""),
        };
        let number = lines.len() + 1;
        lines.push(Line { number, raw: raw.to_string(), ending, kind: parse_line(raw, number) });
        rest = next;
    }
    AnnFile { bom, lines }
}

/// Reads one line (without terminator).
pub fn parse_line(raw: &str, number: usize) -> LineKind {
    // A stray carriage return before the end of the file is not part of the annotation.
    let line = raw.strip_suffix('\r').unwrap_or(raw);
    if line.trim().is_empty() {
        return LineKind::Blank;
    }
    match parse_annotation(line) {
        Ok(a) => LineKind::Annotation(a),
        Err(expected) => LineKind::Unparsed(Problem { line: number, kind: ProblemKind::Malformed { expected } }),
    }
}

const T_SHAPE: &str = "`T<n>\\tType START END[;START END]*\\ttext`";
const R_SHAPE: &str = "`R<n>\\tType Arg1:<id> Arg2:<id>`";
const E_SHAPE: &str = "`E<n>\\tType:<trigger id> [Role:<id>]*`";
const A_SHAPE: &str = "`A<n>\\tName <id> [Value]`";
const N_SHAPE: &str = "`N<n>\\tReference <id> DB:ID[\\ttext]`";
const NOTE_SHAPE: &str = "`#<n>\\tType <id>\\ttext`";
const EQUIV_SHAPE: &str = "`*\\tType <id> <id>…`";

fn parse_annotation(line: &str) -> Result<Annotation, String> {
    let mut fields = line.splitn(3, '\t');
    let id = fields.next().unwrap_or_default();
    let Some(data) = fields.next() else {
        return Err("an id, a tab and the annotation (`T1\\tPerson 0 5\\ttext`)".into());
    };
    let tail = fields.next();
    let words: Vec<&str> = data.split_whitespace().collect();
    let own = |shape: &str| format!("{shape} (id `{id}`)");
    if id == "*" {
        return match words.as_slice() {
            [ty, ids @ ..] if ids.len() >= 2 && ids.iter().all(|i| valid_id(i)) => {
                Ok(Annotation::Equiv { ty: ty.to_string(), ids: ids.iter().map(|s| s.to_string()).collect() })
            }
            _ => Err(EQUIV_SHAPE.into()),
        };
    }
    let prefix = id_prefix(id)
        .ok_or_else(|| format!("an id like T1, R1, E1, A1, M1, N1, #1 or * before the first tab, found `{id}`"))?;
    let id = id.to_string();
    match prefix {
        "T" => {
            let (ty, offsets) = data.trim_start().split_once(' ').ok_or_else(|| own(T_SHAPE))?;
            let text = tail.ok_or_else(|| own(T_SHAPE))?;
            let spans = parse_spans(offsets).ok_or_else(|| own(T_SHAPE))?;
            if ty.is_empty() {
                return Err(own(T_SHAPE));
            }
            Ok(Annotation::TextBound { id, ty: ty.to_string(), spans, text: text.to_string() })
        }
        "R" => match words.as_slice() {
            [ty, a, b] => {
                let args = vec![role_arg(a).ok_or_else(|| own(R_SHAPE))?, role_arg(b).ok_or_else(|| own(R_SHAPE))?];
                Ok(Annotation::Relation { id, ty: ty.to_string(), args })
            }
            _ => Err(own(R_SHAPE)),
        },
        "E" => match words.as_slice() {
            [head, rest @ ..] => {
                let (ty, trigger) = role_arg(head).ok_or_else(|| own(E_SHAPE))?;
                let args = rest.iter().map(|w| role_arg(w)).collect::<Option<Vec<_>>>().ok_or_else(|| own(E_SHAPE))?;
                Ok(Annotation::Event { id, ty, trigger, args })
            }
            _ => Err(own(E_SHAPE)),
        },
        "A" | "M" => match words.as_slice() {
            [name, target] if valid_id(target) => {
                Ok(Annotation::Attribute { id, name: name.to_string(), target: target.to_string(), value: None })
            }
            [name, target, value] if valid_id(target) => Ok(Annotation::Attribute {
                id,
                name: name.to_string(),
                target: target.to_string(),
                value: Some(value.to_string()),
            }),
            _ => Err(own(A_SHAPE)),
        },
        "N" => match words.as_slice() {
            [ty, target, reference] if valid_id(target) => {
                let (db, db_id) = reference.split_once(':').ok_or_else(|| own(N_SHAPE))?;
                if db.is_empty() || db_id.is_empty() {
                    return Err(own(N_SHAPE));
                }
                Ok(Annotation::Normalization {
                    id,
                    ty: ty.to_string(),
                    target: target.to_string(),
                    db: db.to_string(),
                    db_id: db_id.to_string(),
                    text: tail.map(str::to_string),
                })
            }
            _ => Err(own(N_SHAPE)),
        },
        "#" => match (words.as_slice(), tail) {
            ([ty, target], Some(text)) if valid_id(target) => {
                Ok(Annotation::Note { id, ty: ty.to_string(), target: target.to_string(), text: text.to_string() })
            }
            _ => Err(own(NOTE_SHAPE)),
        },
        _ => Err(format!("a known annotation kind (T, R, E, A, M, N, #, *), found `{id}`")),
    }
}

/// The kind letter(s) of an id matching brat's `^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$`, reduced to
/// the letter that decides the kind (`#` for notes).
fn id_prefix(id: &str) -> Option<&str> {
    if !valid_id(id) {
        return None;
    }
    if id.starts_with('#') {
        return Some("#");
    }
    let letters = id.bytes().take_while(u8::is_ascii_alphabetic).count();
    Some(&id[..letters.min(1)])
}

/// Whether `id` looks like a brat id: letters (or `#` and letters) then digits, then anything
/// without whitespace.
fn valid_id(id: &str) -> bool {
    let body = id.strip_prefix('#').unwrap_or(id);
    let letters = body.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = body[letters..].bytes().take_while(u8::is_ascii_digit).count();
    (letters > 0 || id.starts_with('#')) && digits > 0 && !id.contains(char::is_whitespace)
}

/// `Role:ID` (an event's `Type:Trigger` too).
fn role_arg(word: &str) -> Option<(String, String)> {
    let (role, id) = word.split_once(':')?;
    (!role.is_empty() && valid_id(id)).then(|| (role.to_string(), id.to_string()))
}

/// `0 5;16 23` → `[(0, 5), (16, 23)]`.
fn parse_spans(offsets: &str) -> Option<Vec<Span>> {
    offsets
        .split(';')
        .map(|fragment| {
            let mut numbers = fragment.split_whitespace().map(|n| n.parse::<usize>().ok());
            match (numbers.next(), numbers.next(), numbers.next()) {
                (Some(Some(s)), Some(Some(e)), None) => Some((s, e)),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
