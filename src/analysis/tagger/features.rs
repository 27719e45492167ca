//! The tagger's features of each token, as 64-bit hashes of (template, value).
//!
//! A template is one kind of evidence at one position relative to the token: the word itself at
//! −2…+2, its proclitic splits, affixes, shape, length, the punctuation before and after it, the
//! rules' word lists (titles, speech verbs, trigger nouns, stop and frequent words, given names,
//! nisbas, sports words), the rule system's own proposal (a knowledge-base spelling, a name found
//! from context, a partial name, with its BIO position), word bigrams, and the word's clusters (one
//! per granularity of the clusters file: coarse and fine groupings of the same words).
//!
//! The features come in two kinds: **word features** depend only on one word and its offset from
//! the token (the word, its splits, affixes, cues, clusters …), **context features** on the
//! tokens around (bigrams, punctuation, the rules' proposals). Training lists both
//! ([`sequence_features`]); tagging sums each distinct word's word-feature weights once per offset
//! and article ([`Emissions`]), which is what makes it fast — the scores are the same.
//!
//! The hash is this module's own and fixed: it is part of the model format ([`FEATURE_VERSION`]),
//! so a model trained once tags the same way whatever the toolchain.

use rustc_hash::FxHashMap;

use super::model::{Model, Row};
use super::N_LABELS;
use crate::analysis::discover::{is_sport_word, word_cues};
use crate::analysis::lexicon::clitic_splits;
use crate::analysis::tokens::Token;

/// The version of the feature templates and hash; a model records the one it was trained with.
pub const FEATURE_VERSION: u32 = 3;

/// What the rule system proposes for a token: its label and how it was found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    /// A label index (`tagger::LABELS`), 0 for none.
    pub label: u8,
    /// 0 none, 1 knowledge-base spelling, 2 found from context (or spread), 3 partial name.
    pub origin: u8,
}

/// The bit of `word_cues` for a word of sports news.
pub const SPORT_BIT: u16 = 1 << 13;

/// Whether tokens are sports news: at least three of their words are words of sports news.
pub fn is_sport(tokens: &[Token]) -> bool {
    tokens.iter().filter(|t| is_sport_word(&t.norm)).take(3).count() >= 3
}

/// The most columns a clusters file may have: groupings of the same words at different
/// granularities (the first is the one every model trained with clusters reads).
pub const MAX_CLUSTER_COLUMNS: usize = 3;

/// In [`ClusterIds`], past the columns of the clusters file.
pub const NO_CLUSTER: u32 = u32::MAX;

/// A word's cluster in each column of the clusters file ([`NO_CLUSTER`] past its columns).
pub type ClusterIds = [u32; MAX_CLUSTER_COLUMNS];

/// Word clusters learned from unlabelled text: normalised word → its clusters.
pub type Clusters = FxHashMap<String, ClusterIds>;

const OFFSET: u64 = 0x0000_0100_0000_01B3;

/// FNV-1a over the bytes of a value.
fn value_hash(b: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &x in b {
        h = (h ^ x as u64).wrapping_mul(OFFSET);
    }
    h
}

/// A feature: a template and up to three value hashes, mixed.
fn feature(template: u8, values: &[u64]) -> u64 {
    let mut x = (template as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xcbf2_9ce4_8422_2325;
    for &v in values {
        x = (x ^ v).wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 29;
    }
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

fn num(n: u64) -> u64 {
    n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5555
}

/// What the context features read of a word (and the topic features of its own word).
#[derive(Clone, Copy, Debug)]
pub struct Facts {
    word: u64,
    shape: u8,
    cues: u16,
    base: u64,
    cluster: Option<u32>,
}

/// What the word templates read of one word, computed once per distinct word.
#[derive(Clone, Debug)]
pub struct Word {
    facts: Facts,
    rests: Vec<u64>,
    affixes: [u64; 5],
    len: u64,
    /// The word's clusters and its base's, in every column ([`Facts::cluster`] is the first).
    clusters: ClusterIds,
    base_clusters: ClusterIds,
    article: bool,
}

impl std::ops::Deref for Word {
    type Target = Facts;
    fn deref(&self) -> &Facts {
        &self.facts
    }
}

/// The word shapes, by id (what [`shape`] returns indexes this).
const SHAPES: [&str; 7] = ["A", "L", "D", "AD", "LD", "AL", "X"];

/// The shape id of a word: Arabic letters, Latin, digits, or a mixture.
fn shape(w: &str) -> u8 {
    let (mut arabic, mut latin, mut digit) = (false, false, false);
    for c in w.chars() {
        if c.is_ascii_digit() {
            digit = true;
        } else if c.is_ascii_alphabetic() {
            latin = true;
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic = true;
        }
    }
    match (arabic, latin, digit) {
        (true, false, false) => 0,
        (false, true, false) => 1,
        (false, false, true) => 2,
        (true, _, true) => 3,
        (false, true, true) => 4,
        (true, true, false) => 5,
        _ => 6,
    }
}

fn shape_hash(id: u8) -> u64 {
    value_hash(SHAPES[id as usize].as_bytes())
}

/// The characters of `s` from the start (`n > 0`) or the end (`n < 0`).
fn affix(s: &str, n: isize) -> &str {
    let count = s.chars().count();
    let k = n.unsigned_abs();
    if count <= k {
        return s;
    }
    if n > 0 {
        let end = s.char_indices().nth(k).map_or(s.len(), |(i, _)| i);
        &s[..end]
    } else {
        let start = s.char_indices().nth(count - k).map_or(0, |(i, _)| i);
        &s[start..]
    }
}

fn word_of(w: &str, clusters: Option<&Clusters>) -> Word {
    let clusters_of = |w: &str| clusters.and_then(|c| c.get(w).copied()).unwrap_or([NO_CLUSTER; MAX_CLUSTER_COLUMNS]);
    let splits: Vec<(usize, std::borrow::Cow<str>)> = clitic_splits(w).skip(1).collect();
    let base: &str = splits.iter().map(|(_, r)| r.as_ref()).min_by_key(|r| r.len()).unwrap_or(w);
    let affixes = [2isize, 3, -2, -3, -1].map(|n| value_hash(affix(base, n).as_bytes()));
    let (own, base_clusters) = (clusters_of(w), clusters_of(base));
    Word {
        facts: Facts {
            word: value_hash(w.as_bytes()),
            shape: shape(w),
            cues: word_cues(w),
            base: value_hash(base.as_bytes()),
            cluster: (own[0] != NO_CLUSTER).then_some(own[0]),
        },
        rests: splits.iter().map(|(_, r)| value_hash(r.as_bytes())).collect(),
        affixes,
        len: num(w.chars().count().min(12) as u64),
        clusters: own,
        base_clusters,
        article: base.starts_with("ال"),
    }
}

/// The sequence edges, as words of their own.
fn edge_hash(before: bool) -> u64 {
    value_hash(if before { b"<s>" } else { b"</s>" })
}

/// The word features of word `w` seen at offset `o` from a token (`None`: past the sequence edge).
fn word_features(w: Option<&Word>, o: isize, topic: u64, out: &mut Vec<u64>) {
    let word_template = match o {
        0 => 2,
        -1 => 3,
        1 => 4,
        -2 => 5,
        _ => 6,
    };
    let Some(w) = w else {
        out.push(feature(word_template, &[edge_hash(o < 0)]));
        return;
    };
    out.push(feature(word_template, &[w.word]));
    if (-1..=1).contains(&o) {
        let rest_template = match o {
            0 => 7,
            -1 => 8,
            _ => 9,
        };
        for &r in &w.rests {
            out.push(feature(rest_template, &[r]));
        }
        for (column, &c) in w.clusters.iter().enumerate().filter(|(_, &c)| c != NO_CLUSTER) {
            out.push(feature(cluster_template(column, o), &[num(c as u64)]));
        }
    }
    let cue_template = match o {
        0 => 21,
        -1 => 22,
        1 => 23,
        -2 => 24,
        _ => 25,
    };
    for bit in 0..16 {
        if w.cues & (1 << bit) != 0 {
            out.push(feature(cue_template, &[num(bit)]));
        }
    }
    if o == 0 {
        for (t, &a) in [10u8, 11, 12, 13, 41].iter().zip(&w.affixes) {
            out.push(feature(*t, &[a]));
        }
        out.push(feature(14, &[shape_hash(w.shape)]));
        out.push(feature(17, &[w.len]));
        for (column, &c) in w.base_clusters.iter().enumerate().filter(|(_, &c)| c != NO_CLUSTER) {
            out.push(feature(if column == 0 { 36 } else { 55 + column as u8 }, &[num(c as u64)]));
        }
        out.push(feature(39, &[num(w.article as u64)]));
        topic_features(w.base, w.cluster, topic, out);
    }
}

// The finer columns' templates are 50–55 (the word at −1…+1) and 56–57 (its base): laid out for
// three columns; more would need new template numbers (and a new FEATURE_VERSION).
const _: () = assert!(MAX_CLUSTER_COLUMNS <= 3);

/// The template of a word's cluster in `column` of the clusters file, seen at offset `o` (−1…+1).
fn cluster_template(column: usize, o: isize) -> u8 {
    match (column, o) {
        (0, 0) => 33,
        (0, -1) => 34,
        (0, _) => 35,
        _ => 50 + 3 * (column as u8 - 1) + (o + 1) as u8,
    }
}

/// The features of a token's own word (its base and cluster) in a topic, if any.
fn topic_features(base: u64, cluster: Option<u32>, topic: u64, out: &mut Vec<u64>) {
    if topic > 0 {
        out.push(feature(43, &[base, num(topic)]));
        if let Some(c) = cluster {
            out.push(feature(44, &[num(c as u64), num(topic)]));
        }
    }
}

/// The context features of token `i` of a sequence: the small-domain ones, then the open ones.
fn context_features(
    tokens: &[Token],
    words: &[&Facts],
    proposals: &[Proposal],
    i: usize,
    topic: u64,
    out: &mut Vec<u64>,
) {
    let context = Context::of(tokens, words, proposals, i, topic);
    context.features(out);
    open_context_features(tokens, words, i, out);
}

/// What the small-domain context features of a token read: shapes around, line start and joins,
/// the rules' proposals at −2…+2, the trigger cues of the word before, the topic. Few distinct
/// values, so [`Emissions`] sums their weights once per value ([`Context::key`]).
#[derive(Clone, Copy)]
struct Context {
    /// The shape ids of the previous word, this one and the next (`None` past the edge).
    shapes: [Option<u8>; 3],
    newline: bool,
    joins: bool,
    next_joins: bool,
    /// The proposals at offsets 0, −1, +1, −2, +2 (none past the edge).
    proposals: [Proposal; 5],
    /// The trigger bits of the word before.
    before: u16,
    topic: u64,
}

impl Context {
    fn of(tokens: &[Token], words: &[&Facts], proposals: &[Proposal], i: usize, topic: u64) -> Context {
        let n = tokens.len();
        let inside = |o: isize| {
            let j = i as isize + o;
            (j >= 0 && (j as usize) < n).then_some(j as usize)
        };
        let proposal = |o: isize| inside(o).map_or(Proposal::default(), |j| proposals[j]);
        Context {
            shapes: [inside(-1).map(|j| words[j].shape), Some(words[i].shape), inside(1).map(|j| words[j].shape)],
            newline: tokens[i].newline_before,
            joins: tokens[i].joins_prev,
            next_joins: tokens.get(i + 1).is_some_and(|t| t.joins_prev),
            proposals: [proposal(0), proposal(-1), proposal(1), proposal(-2), proposal(2)],
            before: inside(-1).map_or(0, |j| words[j].cues & 0xff),
            topic,
        }
    }

    fn features(&self, out: &mut Vec<u64>) {
        out.push(feature(1, &[]));
        let [prev, me, next] = self.shapes;
        let me = shape_hash(me.unwrap_or(6));
        out.push(feature(15, &[prev.map_or(edge_hash(true), shape_hash), me]));
        out.push(feature(16, &[me, next.map_or(edge_hash(false), shape_hash)]));
        out.push(feature(20, &[num(self.newline as u64)]));
        out.push(feature(37, &[num(self.joins as u64)]));
        out.push(feature(38, &[num(self.next_joins as u64)]));
        for (template, p) in [26u8, 27, 28, 29, 30].into_iter().zip(self.proposals) {
            out.push(feature(template, &[num(p.label as u64), num(p.origin as u64)]));
        }
        let p = self.proposals[0];
        out.push(feature(40, &[num(p.label as u64), num(self.before as u64)]));
        if self.topic > 0 {
            out.push(feature(42, &[num(p.label as u64), num(p.origin as u64), num(self.topic)]));
        }
    }

    /// All of the context packed in one number, when its values fit (they do for every proposal
    /// the rules make; a context that does not fit is simply not cached).
    fn key(&self) -> Option<u64> {
        let mut k = 0u64;
        let mut put = |v: u64, bits: u32| {
            k = (k << bits) | v;
        };
        for s in self.shapes {
            put(s.map_or(7, |s| s as u64), 3);
        }
        put(self.newline as u64, 1);
        put(self.joins as u64, 1);
        put(self.next_joins as u64, 1);
        for p in self.proposals {
            if p.label >= 8 || p.origin >= 4 {
                return None;
            }
            put(p.label as u64, 3);
            put(p.origin as u64, 2);
        }
        put(self.before as u64, 8);
        if self.topic >= 4 {
            return None;
        }
        put(self.topic, 2);
        Some(k)
    }
}

/// The punctuation before a token, as a value: its first three non-space characters.
fn punct_hash(p: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for c in p.chars().filter(|c| !c.is_whitespace()).take(3) {
        let mut buf = [0u8; 4];
        for &x in c.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ x as u64).wrapping_mul(OFFSET);
        }
    }
    h
}

/// The open-domain context features of token `i`: the punctuation before it and after it, and
/// the word bigrams.
fn open_context_features(tokens: &[Token], words: &[&Facts], i: usize, out: &mut Vec<u64>) {
    let n = tokens.len();
    let me = words[i];
    out.push(feature(18, &[punct_hash(&tokens[i].punct_before)]));
    out.push(feature(19, &[tokens.get(i + 1).map_or(edge_hash(false), |t| punct_hash(&t.punct_before))]));
    out.push(feature(31, &[if i > 0 { words[i - 1].word } else { edge_hash(true) }, me.word]));
    out.push(feature(32, &[me.word, if i + 1 < n { words[i + 1].word } else { edge_hash(false) }]));
}

/// Each distinct word of the tokens, once.
fn words_of<'a>(tokens: &'a [Token], clusters: Option<&Clusters>) -> (FxHashMap<&'a str, Word>, Vec<&'a str>) {
    let mut map: FxHashMap<&str, Word> = FxHashMap::default();
    for t in tokens {
        map.entry(t.norm.as_str()).or_insert_with(|| word_of(&t.norm, clusters));
    }
    (map, tokens.iter().map(|t| t.norm.as_str()).collect())
}

/// The topic code of a sequence: 2 for sports news, +1 when the line itself has a sports word.
fn topic_of(words: &[&Facts], sport: bool) -> u64 {
    let line = words.iter().any(|w| w.cues & SPORT_BIT != 0);
    (sport as u64) * 2 + line as u64
}

/// The features of every token of a sequence: `out[i]` for token `i`, word features then
/// context features. `proposals[i]` is the rule system's proposal for token `i`; `sport` says
/// whether the article around is sports news ([`is_sport`]).
pub fn sequence_features(
    tokens: &[Token],
    proposals: &[Proposal],
    clusters: Option<&Clusters>,
    sport: bool,
) -> Vec<Vec<u64>> {
    let (map, names) = words_of(tokens, clusters);
    let words: Vec<&Word> = names.iter().map(|w| &map[w]).collect();
    let facts: Vec<&Facts> = words.iter().map(|w| &w.facts).collect();
    let topic = topic_of(&facts, sport);
    let n = tokens.len();
    (0..n)
        .map(|i| {
            let mut f = Vec::with_capacity(64);
            for o in -2isize..=2 {
                let j = i as isize + o;
                let w = (j >= 0 && (j as usize) < n).then(|| words[j as usize]);
                word_features(w, o, topic, &mut f);
            }
            context_features(tokens, &facts, proposals, i, topic, &mut f);
            f
        })
        .collect()
}

/// The emission scores of tokens, sequence by sequence, as [`sequence_features`] and the model
/// give them, computed faster: each distinct word's word features are summed once per offset, and
/// each distinct small-domain context ([`Context`]) once; per token there remain the topic,
/// punctuation and bigram features to look up. Words are kept between articles (the same words
/// recur) in two generations of a bounded size: when the current one is full it becomes the old
/// one, and a word found in the old one moves back, so frequent words stay.
pub struct Emissions {
    /// The model the rows were summed for (its address and size).
    model: (usize, usize),
    /// Words (and contexts) in one generation.
    generation: usize,
    index: FxHashMap<compact_str::CompactString, u32>,
    entries: Vec<Entry>,
    /// The previous generation, kept as it was (a word found there is copied into the current one).
    old_index: FxHashMap<compact_str::CompactString, u32>,
    old_entries: Vec<Entry>,
    /// The rows of the sequence edges seen at offsets −2…+2 (the middle one unused).
    edges: [Row; 5],
    contexts: FxHashMap<u64, Row>,
    /// The rows of features 18 and 19 (the punctuation before the token and after it) when
    /// there is none.
    no_punct: [Row; 2],
    scratch: Vec<u64>,
}

/// What tagging needs of one word: what the context features read of it, and its word features'
/// summed weights at each offset −2…+2 (without a topic).
#[derive(Clone, Copy)]
struct Entry {
    facts: Facts,
    rows: [Row; 5],
}

/// Words (and contexts) in one generation of an [`Emissions`] cache.
const GENERATION: usize = 150_000;

impl Default for Emissions {
    fn default() -> Emissions {
        Emissions::with_generation(GENERATION)
    }
}

fn add(row: &mut Row, other: &Row) {
    for (a, b) in row.iter_mut().zip(other) {
        *a += b;
    }
}

impl Emissions {
    /// A cache whose generations hold `generation` words.
    pub fn with_generation(generation: usize) -> Emissions {
        Emissions {
            model: (0, 0),
            generation,
            index: FxHashMap::default(),
            entries: Vec::new(),
            old_index: FxHashMap::default(),
            old_entries: Vec::new(),
            edges: [[0.0; N_LABELS]; 5],
            contexts: FxHashMap::default(),
            no_punct: [[0.0; N_LABELS]; 2],
            scratch: Vec::new(),
        }
    }

    /// Makes the cache fit `model` (forgetting rows summed for another one).
    pub fn fit(&mut self, model: &Model) {
        let id = (model as *const Model as usize, model.len());
        if self.model != id {
            self.model = id;
            self.index.clear();
            self.entries.clear();
            self.old_index.clear();
            self.old_entries.clear();
            self.contexts.clear();
            let none = punct_hash("");
            self.no_punct = [18, 19].map(|t| model.row(feature(t, &[none])).copied().unwrap_or([0.0; N_LABELS]));
            self.edges = std::array::from_fn(|k| {
                let o = k as isize - 2;
                self.scratch.clear();
                word_features(None, o, 0, &mut self.scratch);
                if o == 0 {
                    [0.0; N_LABELS]
                } else {
                    model.scores(&self.scratch)
                }
            });
        }
        if self.entries.len() > self.generation {
            // The current generation becomes the old one; the maps keep their capacity.
            std::mem::swap(&mut self.index, &mut self.old_index);
            std::mem::swap(&mut self.entries, &mut self.old_entries);
            self.index.clear();
            self.entries.clear();
        }
        if self.contexts.len() > self.generation {
            self.contexts.clear();
        }
    }

    fn entry(&mut self, model: &Model, w: &compact_str::CompactString, clusters: Option<&Clusters>) -> u32 {
        if let Some(&k) = self.index.get(w) {
            return k;
        }
        let old = self.old_index.get(w).map(|&k| self.old_entries[k as usize]);
        let entry = old.unwrap_or_else(|| {
            let word = word_of(w, clusters);
            let scratch = &mut self.scratch;
            let rows = std::array::from_fn(|k| {
                scratch.clear();
                word_features(Some(&word), k as isize - 2, 0, scratch);
                model.scores(scratch)
            });
            Entry { facts: word.facts, rows }
        });
        let k = self.entries.len() as u32;
        self.entries.push(entry);
        self.index.insert(w.clone(), k);
        k
    }

    /// Adds the weights of [`open_context_features`] of token `i` to `acc`, feature by feature in
    /// that order (so the sum is the same as theirs), with the rows of an empty punctuation
    /// ([`Emissions::no_punct`]) kept rather than looked up: most tokens have none.
    fn add_open_context(&self, model: &Model, tokens: &[Token], words: &[&Facts], i: usize, acc: &mut Row) {
        let weights = |key: u64| model.row(key).unwrap_or(&[0.0; N_LABELS]);
        let before = &tokens[i].punct_before;
        add(acc, if before.is_empty() { &self.no_punct[0] } else { weights(feature(18, &[punct_hash(before)])) });
        add(
            acc,
            match tokens.get(i + 1) {
                Some(t) if t.punct_before.is_empty() => &self.no_punct[1],
                Some(t) => weights(feature(19, &[punct_hash(&t.punct_before)])),
                None => weights(feature(19, &[edge_hash(false)])),
            },
        );
        let me = words[i].word;
        add(acc, weights(feature(31, &[if i > 0 { words[i - 1].word } else { edge_hash(true) }, me])));
        add(acc, weights(feature(32, &[me, words.get(i + 1).map_or(edge_hash(false), |w| w.word)])));
    }

    /// The emission rows of an article's tokens (what `model.scores` gives on
    /// [`sequence_features`] of each of its lines, with [`is_sport`] of the whole).
    pub fn article(
        &mut self,
        model: &Model,
        tokens: &[Token],
        proposals: &[Proposal],
        clusters: Option<&Clusters>,
    ) -> Vec<Row> {
        let ids: Vec<u32> = tokens.iter().map(|t| self.entry(model, &t.norm, clusters)).collect();
        let sport = ids.iter().filter(|&&k| self.entries[k as usize].facts.cues & SPORT_BIT != 0).take(3).count() >= 3;
        let mut out = Vec::with_capacity(tokens.len());
        for (start, end) in lines(tokens) {
            self.sequence(model, &tokens[start..end], &ids[start..end], &proposals[start..end], sport, &mut out);
        }
        out
    }

    /// The emission rows of one sequence, whose words are the entries `ids`, onto `out`.
    fn sequence(
        &mut self,
        model: &Model,
        tokens: &[Token],
        ids: &[u32],
        proposals: &[Proposal],
        sport: bool,
        out: &mut Vec<Row>,
    ) {
        let entries = &self.entries;
        let seq: Vec<&Facts> = ids.iter().map(|&k| &entries[k as usize].facts).collect();
        let topic = topic_of(&seq, sport);
        let n = tokens.len();
        let base = out.len();
        // The word rows at offsets −2…+2, summed in that order for every token (so the sums are
        // the same, to the bit, as adding them token by token): the edges before the sequence,
        // then each word's five rows into the five tokens it is a neighbour of — one visit per
        // word, its rows side by side in memory — then the edges after.
        for i in 0..n {
            let mut row = [0f32; N_LABELS];
            for k in 0..2usize.saturating_sub(i) {
                add(&mut row, &self.edges[k]);
            }
            out.push(row);
        }
        for (j, &id) in ids.iter().enumerate() {
            let rows = &entries[id as usize].rows;
            for (k, r) in rows.iter().enumerate() {
                // The token this word is at offset k − 2 from.
                if let Some(row) = (j + 2).checked_sub(k).filter(|&i| i < n).map(|i| &mut out[base + i]) {
                    add(row, r);
                }
            }
        }
        for i in 0..n {
            let row = &mut out[base + i];
            for k in 3..5 {
                if i + k - 2 >= n {
                    add(row, &self.edges[k]);
                }
            }
            let mut row = *row;
            let scratch = &mut self.scratch;
            scratch.clear();
            let me = seq[i];
            topic_features(me.base, me.cluster, topic, scratch);
            let mut open = model.scores(scratch);
            self.add_open_context(model, tokens, &seq, i, &mut open);
            add(&mut row, &open);
            let scratch = &mut self.scratch;
            let context = Context::of(tokens, &seq, proposals, i, topic);
            match context.key() {
                Some(key) => {
                    let r = self.contexts.entry(key).or_insert_with(|| {
                        let mut f = Vec::with_capacity(16);
                        context.features(&mut f);
                        model.scores(&f)
                    });
                    add(&mut row, r);
                }
                None => {
                    scratch.clear();
                    context.features(scratch);
                    add(&mut row, &model.scores(scratch));
                }
            }
            out[base + i] = row;
        }
    }
}

/// The lines of an article's tokens, as token ranges: the sequences the tagger labels.
pub fn lines(tokens: &[Token]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    (1..=tokens.len()).filter_map(move |end| {
        if end < tokens.len() && !tokens[end].newline_before {
            return None;
        }
        let line = (start, end);
        start = end;
        Some(line)
    })
}

#[cfg(test)]
#[path = "features_tests.rs"]
mod tests;
