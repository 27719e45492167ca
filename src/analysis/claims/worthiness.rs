//! Check-worthiness: how much a sentence with no source reads like a claim a careful editor would
//! want sourced, as a score in [0, 1] (claims.md §2 C; the annotation guideline's «Unsourced»).
//!
//! The claim cues (`claim_cues`) propose; a logistic model over plain sentence features decides.
//! The features say what the rules see — which cues a sentence holds and of what kind, which cue
//! lists its words are in, its words themselves, where it stands in the article, how long it is,
//! who is mentioned and where, quotation marks and figures, and whether the sentence before it was
//! attributed. `isnad-train-claims` fits the weights on the evaluation corpus's train splits and
//! picks the threshold on dev (`data/claims.tsv`, `data/CLAIMS.md`); `claims.min-score` overrides
//! the threshold.
//!
//! A feature is a name (`w=قال`, `cue=figure`); scoring works on the names' hashes ([`key_of`]),
//! computed from their parts without building the string, and looks them up in a table of the
//! model's weights by hash, so scoring a sentence allocates nothing once its buffers have grown.
//! The names themselves are kept only when asked for (the trainer's cases). Only the first
//! `WORD_FEATURE_TOKENS` tokens give word features, so a sentence's cost stays linear in its
//! length.

use std::fmt::Write;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::text::has_chars;

use super::claim_cues::cue_kinds;
use super::lookup::List;
use super::{Kind, Sent};
use crate::analysis::model::ClaimCue;

/// The model shipped with isnad (trained by `data/train_claims.sh`).
static BUILTIN: LazyLock<ClaimModel> =
    LazyLock::new(|| ClaimModel::parse(include_str!("../../../data/claims.tsv")).unwrap_or_default());

/// A logistic check-worthiness model: a bias, a weight per feature name, and the threshold chosen
/// on the dev split.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimModel {
    bias: f64,
    weights: FxHashMap<String, f64>,
    /// The same weights by [`key_of`] their names.
    by_key: FxHashMap<u64, f64>,
    threshold: f64,
}

/// The hash of a feature name made of these parts (FNV-1a over their bytes, so the same as of
/// the whole name).
pub fn key_of(parts: &[&str]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for p in parts {
        for &b in p.as_bytes() {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    h
}

impl ClaimModel {
    /// The built-in model.
    pub fn builtin() -> &'static ClaimModel {
        &BUILTIN
    }

    /// A model from its weights (for the trainer).
    pub fn new(bias: f64, weights: FxHashMap<String, f64>, threshold: f64) -> ClaimModel {
        let by_key = weights.iter().map(|(name, &w)| (key_of(&[name]), w)).collect();
        ClaimModel { bias, weights, by_key, threshold }
    }

    /// The same model with another threshold.
    pub fn with_threshold(self, threshold: f64) -> ClaimModel {
        ClaimModel { threshold, ..self }
    }

    /// Reads the TSV form written by [`ClaimModel::to_tsv`]: `#` comments, then `threshold`,
    /// `bias` and one `feature<TAB>weight` line each. `None` when a line does not parse.
    pub fn parse(tsv: &str) -> Option<ClaimModel> {
        let (mut bias, mut threshold, mut weights) = (0.0, 0.0, FxHashMap::default());
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let (name, value) = line.rsplit_once('\t')?;
            let value: f64 = value.trim().parse().ok()?;
            match name {
                "threshold" => threshold = value,
                "bias" => bias = value,
                _ => {
                    weights.insert(name.to_string(), value);
                }
            }
        }
        Some(ClaimModel::new(bias, weights, threshold))
    }

    /// The model as TSV, features sorted by name (a stable file to diff).
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(out, "threshold\t{:.4}", self.threshold);
        let _ = writeln!(out, "bias\t{:.6}", self.bias);
        let mut names: Vec<_> = self.weights.iter().collect();
        names.sort_by(|a, b| a.0.cmp(b.0));
        for (name, w) in names {
            let _ = writeln!(out, "{name}\t{w:.6}");
        }
        out
    }

    /// The score from above which a sentence is flagged, unless a setting says otherwise.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// How many features carry a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether no feature carries a weight.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The score of a sentence with these features.
    pub fn score<'a>(&self, features: impl IntoIterator<Item = &'a str>) -> f64 {
        self.score_keys(features.into_iter().map(|f| key_of(&[f])))
    }

    /// The score of a sentence with the features of these [`key_of`] hashes.
    pub fn score_keys(&self, keys: impl IntoIterator<Item = u64>) -> f64 {
        let sum: f64 = keys.into_iter().filter_map(|k| self.by_key.get(&k)).sum();
        1.0 / (1.0 + (-(self.bias + sum)).exp())
    }
}

/// Where a sentence stands and what came before it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Context {
    /// The sentence's index among the body sentences, and how many there are.
    pub index: usize,
    pub count: usize,
    /// What the sentence before it was: attributed to a name, vaguely, or not at all.
    pub before: Before,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Before {
    Named,
    Vague,
    None,
}

/// Only the first this many tokens of a sentence give word features.
const WORD_FEATURE_TOKENS: usize = 60;

/// The features of one sentence, each once, in buffers reused from sentence to sentence: their
/// [`key_of`] hashes, and their names when [`Features::keeping_names`].
#[derive(Default)]
pub struct Features {
    keys: Vec<u64>,
    /// The keys in use, so that a feature is added once, in time linear in the features.
    seen: FxHashSet<u64>,
    keep_names: bool,
    names: Vec<String>,
}

impl Features {
    /// Features that also keep their names (for [`Features::names`]).
    pub fn keeping_names() -> Features {
        Features { keep_names: true, ..Features::default() }
    }

    /// The feature hashes of the last sentence.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.keys.iter().copied()
    }

    /// The feature names of the last sentence (none unless [`Features::keeping_names`]).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    fn clear(&mut self) {
        self.keys.clear();
        self.seen.clear();
        self.names.clear();
    }

    /// Adds `prefix` + `value` unless the sentence already has it.
    fn add(&mut self, prefix: &str, value: &str) {
        self.add_parts(&[prefix, value]);
    }

    /// Adds the concatenated `parts` unless the sentence already has them.
    fn add_parts(&mut self, parts: &[&str]) {
        let key = key_of(parts);
        if self.seen.insert(key) {
            self.keys.push(key);
            if self.keep_names {
                self.names.push(parts.concat());
            }
        }
    }
}

/// The cue lists whose presence anywhere in a sentence is a feature.
const LIST_FEATURES: [(List, &str); 12] = [
    (List::ACCUSATION, "ACCUSATION"),
    (List::PREDICTION, "PREDICTION"),
    (List::EVALUATION, "EVALUATION"),
    (List::CAUSAL, "CAUSAL"),
    (List::VAGUE, "VAGUE"),
    (List::VAGUE_ANYWHERE, "VAGUE_ANYWHERE"),
    (List::FRAMES, "FRAMES"),
    (List::QUANTITY, "QUANTITY"),
    (List::STAT_UNITS, "STAT_UNITS"),
    (List::TOLL, "TOLL"),
    (List::COUNT_UNITS, "COUNT_UNITS"),
    (List::TITLES, "TITLES"),
];

/// The token among the first `WORD_FEATURE_TOKENS` whose word weighs most towards a claim (the
/// first token when none weighs for it): what a flag without a claim cue names as its words.
pub(super) fn weightiest_word(model: &ClaimModel, s: &Sent) -> usize {
    let mut best = (0, 0.0);
    for i in 0..s.toks.len().min(WORD_FEATURE_TOKENS) {
        // «أن»، «ما»، «من» weigh, but name nothing a reader would recognise as the claim.
        if !has_chars(s.base(i), 3) {
            continue;
        }
        let w = model.by_key.get(&key_of(&["w=", s.base(i)])).copied().unwrap_or(0.0);
        if w > best.1 {
            best = (i, w);
        }
    }
    best.0
}

fn cue_name(kind: ClaimCue) -> &'static str {
    match kind {
        ClaimCue::Accusation => "accusation",
        ClaimCue::Figure => "figure",
        ClaimCue::Prediction => "prediction",
        ClaimCue::Evaluation => "evaluation",
        ClaimCue::Causal => "causal",
        ClaimCue::Assertion => "assertion",
    }
}

fn kind_name(kind: Option<Kind>) -> &'static str {
    match kind {
        Some(Kind::Per) => "PER",
        Some(Kind::Org) => "ORG",
        Some(Kind::Loc) => "LOC",
        Some(Kind::Other) => "OTHER",
        None => "-",
    }
}

/// Fills `out` with the features of sentence `s`.
pub(super) fn features(s: &Sent, cx: Context, out: &mut Features) {
    out.clear();
    if s.toks.is_empty() {
        return;
    }
    let kinds = cue_kinds(s);
    out.add("cue=", kinds.first().map_or("none", |&(k, _)| cue_name(k)));
    for &(k, _) in &kinds {
        out.add("has=", cue_name(k));
    }
    let n_cues = match kinds.len() {
        0 => "0",
        1 => "1",
        2 => "2",
        _ => "3+",
    };
    out.add("cues=", n_cues);
    if let Some(&(k, at)) = kinds.first() {
        let place = match at * 3 / s.toks.len().max(1) {
            0 => "start",
            1 => "middle",
            _ => "end",
        };
        out.add_parts(&[cue_name(k), "@", place]);
    }
    for (list, name) in LIST_FEATURES {
        if (0..s.toks.len()).any(|i| s.is_in(i, list, true)) {
            out.add("list=", name);
        }
    }
    for i in 0..s.toks.len().min(WORD_FEATURE_TOKENS) {
        let base = s.base(i);
        // A word of two letters or more; numbers have features of their own.
        if base.chars().nth(1).is_some() && !base.bytes().any(|b| b.is_ascii_digit() || b.is_ascii_punctuation()) {
            out.add("w=", base);
        }
    }
    out.add("first=", s.base(0));
    let position = match (cx.index, cx.count.saturating_sub(cx.index + 1)) {
        (0, _) => "lead",
        (1, _) => "second",
        (_, 0) => "last",
        (_, 1) => "next-to-last",
        _ => "middle",
    };
    out.add("pos=", position);
    let length = match s.toks.len() {
        0..=7 => "short",
        8..=15 => "medium",
        16..=30 => "long",
        _ => "very-long",
    };
    out.add("len=", length);
    for m in s.marks.iter().filter(|m| m.first) {
        out.add("mention=", kind_name(m.kind));
    }
    out.add("mention0=", kind_name(s.marks[0].kind));
    out.add("mention1=", kind_name(s.marks.get(1).and_then(|m| m.kind)));
    let sentence = s.text.get(s.toks[0].start as usize..s.toks[s.toks.len() - 1].end as usize).unwrap_or("");
    if sentence.contains(['"', '«', '»', '“', '”']) || s.opens_quote {
        out.add("quote", "");
    }
    if sentence.contains([':']) {
        out.add("colon", "");
    }
    if sentence.bytes().any(|b| b.is_ascii_digit()) {
        out.add("digits", "");
    }
    if sentence.contains(['%', '٪']) {
        out.add("percent", "");
    }
    let before = match cx.before {
        Before::Named => "named",
        Before::Vague => "vague",
        Before::None => "none",
    };
    out.add("before=", before);
}
