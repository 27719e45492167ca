//! The statistical sequence tagger at the centre of recognition: BIO labels over PER/LOC/ORG for
//! the tokens of an article, from features that carry what the rules know.
//!
//! A sequence is a line of the article (a paragraph, the title, a caption). Each token gets
//! features ([`features`]): its normalised word and its proclitic splits, affixes, shape,
//! punctuation around it, the rules' word lists, the rule system's own proposal for it (a
//! knowledge-base spelling, a name found from context, a partial name), word clusters learned
//! from unlabelled news, and the same for its neighbours. A linear model ([`model::Model`]: weights
//! per feature and label, label transitions) scores each label and Viterbi decoding finds the
//! best sequence that obeys BIO (an `I-X` only after `B-X` or `I-X`). The model is trained by
//! `src/bin/isnad-train-tagger.rs` (an averaged perceptron, or a CRF through the `crfs` crate)
//! and shipped in `data/tagger.bin`, compiled in.

pub mod features;
pub mod model;
pub mod perceptron;

use super::model::EntityType;
use features::Clusters;
use model::Model;

/// A trained tagger: the model and the word clusters its features read.
#[derive(Clone, Debug)]
pub struct Tagger {
    pub model: Model,
    pub clusters: Clusters,
}

/// The model shipped with isnad (`data/tagger.bin`, made by `data/train_tagger.sh`).
static BUILTIN_MODEL: &[u8] = include_bytes!("../../data/tagger.bin");
/// The word clusters the shipped model was trained with (`data/clusters.tsv`).
static BUILTIN_CLUSTERS: &str = include_str!("../../data/clusters.tsv");

impl Tagger {
    /// The tagger shipped with isnad, or why it cannot be used.
    pub fn builtin() -> Result<Tagger, String> {
        Tagger::from_parts(BUILTIN_MODEL, BUILTIN_CLUSTERS).map_err(|e| format!("the built-in tagger model: {e}"))
    }

    /// A tagger from a model file's bytes and a clusters text ([`parse_clusters`]).
    pub fn from_parts(model: &[u8], clusters: &str) -> Result<Tagger, String> {
        let model = Model::from_bytes(model)?;
        Ok(Tagger { model, clusters: parse_clusters(clusters)? })
    }
}

/// `word<TAB>cluster[<TAB>cluster…]` lines (`#` comments) → clusters: up to
/// [`features::MAX_CLUSTER_COLUMNS`] columns, the same number on every line.
pub fn parse_clusters(text: &str) -> Result<Clusters, String> {
    let mut out = Clusters::default();
    let mut columns = None;
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty() && !l.starts_with('#')) {
        let (w, rest) = line.split_once('\t').ok_or_else(|| format!("clusters line {}: no tab", n + 1))?;
        let mut ids = [features::NO_CLUSTER; features::MAX_CLUSTER_COLUMNS];
        let mut k = 0;
        for c in rest.split('\t') {
            let slot = ids.get_mut(k).ok_or_else(|| {
                format!("clusters line {}: more than {} clusters", n + 1, features::MAX_CLUSTER_COLUMNS)
            })?;
            *slot = c
                .trim()
                .parse()
                .ok()
                .filter(|&c| c != features::NO_CLUSTER)
                .ok_or_else(|| format!("clusters line {}: {c:?} is not a cluster number", n + 1))?;
            k += 1;
        }
        if *columns.get_or_insert(k) != k {
            return Err(format!(
                "clusters line {}: {k} clusters where the lines before have {}",
                n + 1,
                columns.unwrap()
            ));
        }
        out.insert(w.to_string(), ids);
    }
    Ok(out)
}

/// The labels, in the model's order.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];
pub const N_LABELS: usize = LABELS.len();

/// A label index (into [`LABELS`]).
pub type Label = u8;

pub const O: Label = 0;

/// The label index of a label name (`B-PERS` and `B-PER` alike; MISC and unknown types are O).
pub fn label_of(name: &str) -> Label {
    let (bio, ty) = match name.split_once('-') {
        Some((b, t)) => (b, t),
        None => return O,
    };
    let ty = match ty {
        "PER" | "PERS" | "PERSON" => 0,
        "LOC" | "GPE" => 1,
        "ORG" => 2,
        _ => return O,
    };
    match bio {
        "B" => 1 + 2 * ty,
        "I" => 2 + 2 * ty,
        _ => O,
    }
}

/// Whether a label begins an entity.
pub fn is_begin(l: Label) -> bool {
    l != O && l % 2 == 1
}

/// The entity type of a non-O label.
pub fn type_of(l: Label) -> Option<EntityType> {
    match l.div_ceil(2) {
        1 => Some(EntityType::Per),
        2 => Some(EntityType::Loc),
        3 => Some(EntityType::Org),
        _ => None,
    }
}

/// The BIO label for a token of an entity of this type.
pub fn label_for(ty: &EntityType, begin: bool) -> Label {
    let base = match ty {
        EntityType::Per => 1,
        EntityType::Loc => 3,
        EntityType::Org => 5,
        EntityType::Other(_) => return O,
    };
    if begin {
        base
    } else {
        base + 1
    }
}

/// Whether label `next` may follow `prev` (BIO: `I-X` only after `B-X` or `I-X`).
pub fn allowed(prev: Option<Label>, next: Label) -> bool {
    if next == O || is_begin(next) {
        return true;
    }
    prev.is_some_and(|p| p != O && p.div_ceil(2) == next.div_ceil(2))
}

/// Token spans `(start, end, type)` of a label sequence (an `I-X` after something else starts one).
pub fn spans_of(labels: &[Label]) -> Vec<(usize, usize, EntityType)> {
    let mut out: Vec<(usize, usize, EntityType)> = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let continues = open.is_some_and(|(_, kind)| l != O && !is_begin(l) && l.div_ceil(2) == kind);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            out.extend(type_of(kind * 2 - 1).map(|t| (start, i, t)));
        }
        if l != O {
            open = Some((i, l.div_ceil(2)));
        }
    }
    if let Some((start, kind)) = open {
        out.extend(type_of(kind * 2 - 1).map(|t| (start, labels.len(), t)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_spans_and_bio() {
        assert_eq!(label_of("B-PERS"), 1);
        assert_eq!(label_of("I-ORG"), 6);
        assert_eq!(label_of("B-MISC"), O);
        assert_eq!(label_of("O"), O);
        let l = [O, 1, 2, 3, O, 4, 5, 6, 6];
        let spans = spans_of(&l);
        assert_eq!(
            spans,
            [(1, 3, EntityType::Per), (3, 4, EntityType::Loc), (5, 6, EntityType::Loc), (6, 9, EntityType::Org)]
        );
        assert!(allowed(Some(1), 2) && !allowed(Some(3), 2) && !allowed(None, 2) && allowed(None, 1));
        assert_eq!(label_for(&EntityType::Org, false), 6);
    }

    #[test]
    fn clusters_files_have_one_to_three_columns_the_same_on_every_line() {
        let one = parse_clusters("# header\nبوتين\t7\nموسكو\t2\n").unwrap();
        assert_eq!(one["بوتين"], [7, features::NO_CLUSTER, features::NO_CLUSTER]);
        let three = parse_clusters("بوتين\t7\t1\t40\nموسكو\t2\t0\t9\n").unwrap();
        assert_eq!(three["موسكو"], [2, 0, 9]);
        for (text, error) in [
            ("بوتين 7\n", "line 1: no tab"),
            ("بوتين\t7\t1\t2\t3\n", "line 1: more than 3 clusters"),
            ("بوتين\t7\t1\nموسكو\t2\n", "line 2: 1 clusters where the lines before have 2"),
            ("بوتين\tx\n", "line 1: \"x\" is not a cluster number"),
            ("بوتين\t7\t\n", "line 1: \"\" is not a cluster number"),
            ("بوتين\t4294967295\n", "is not a cluster number"),
        ] {
            let e = parse_clusters(text).unwrap_err();
            assert!(e.contains(error), "{text:?}: {e}");
        }
    }
}
