//! Trains isnad's claim check-worthiness model: `data/train_claims.sh` runs it on the evaluation
//! corpus's train splits and writes `data/claims.tsv`.
//!
//! ```text
//! isnad-train-claims --out MODEL --train TEXT_DIR GOLD_DIR [--train …] --dev TEXT_DIR GOLD_DIR
//!                    [--scope cue|all] [--min-count N[,N…]] [--c2 X[,X…]] [--word-min-count N[,N…]]
//!                    [--iterations N] [--min-precision P] [--folds K]
//! ```
//!
//! Each set is analysed as `isnad annotate` analyses it (the built-in knowledge base and tagger,
//! the whole directory as one corpus). Every unattributed body sentence (`--scope all`, the
//! default: what the analysis scores; `--scope cue`: only those with a claim cue) is an example:
//! positive when a gold `Unsourced` or `Vague` span (brat code points) overlaps it. A logistic
//! regression with an L2 penalty (`--c2`) is fitted by full-batch gradient descent (Adam);
//! features seen in fewer than `--min-count` training sentences are dropped (word features:
//! fewer than `--word-min-count`). Claim flags are scored as `eval/score.py` scores them (a flag
//! is right when it overlaps a gold claim; a gold claim is found when a flag overlaps it), vague
//! flags included; a threshold is chosen as the best F1 among those with precision ≥
//! `--min-precision` (or the best F1 when none reaches it), among 0.05, 0.06, … 0.95.
//!
//! Without `--folds` the threshold is chosen on dev. With `--folds K` the train articles are dealt
//! to K folds in a fixed shuffled order; each setting of the listed `--c2`, `--min-count` and
//! `--word-min-count` values scores every train article by the model fitted on the other folds,
//! and the setting whose out-of-fold scores rank the train claims best (AUC) is kept; the
//! threshold is then the best pooled out-of-fold F1 among the thresholds at which dev precision
//! reaches `--min-precision`. The `--report` sets are only reported. Either way the same inputs
//! give the same model.
//! `ISNAD_CLAIM_MISSES=1` lists the gold claims the flags miss (dev's, the reported sets', and
//! with `--folds` the train articles' out of fold): not a candidate at all, or scored under the
//! threshold.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use isnad::analysis::claims::{sentence_cases, CaseKind, ClaimModel, SentenceCase};
use isnad::analysis::tokens::prepare;
use rustc_hash::FxHashMap;

struct Options {
    out: PathBuf,
    train: Vec<(PathBuf, PathBuf)>,
    dev: Option<(PathBuf, PathBuf)>,
    /// Sets only reported (at the chosen threshold), never chosen on.
    report: Vec<(PathBuf, PathBuf)>,
    all_sentences: bool,
    /// The values compared by cross-validation (one each without `--folds`).
    min_count: Vec<usize>,
    c2: Vec<f64>,
    word_min_count: Vec<usize>,
    iterations: usize,
    min_precision: f64,
    /// Cross-validation folds over the train articles (0: choose the threshold on dev).
    folds: usize,
    /// Features whose names start with one of these are not used.
    drop_features: Vec<String>,
}

/// A comma-separated list of values: `5` or `2,5,10`.
fn list<T: std::str::FromStr>(value: &str) -> Result<Vec<T>>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    value.split(',').map(|v| v.trim().parse::<T>().with_context(|| format!("{v:?} in {value:?}"))).collect()
}

fn options() -> Result<Options> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut o = Options {
        out: PathBuf::new(),
        train: Vec::new(),
        dev: None,
        report: Vec::new(),
        all_sentences: true,
        min_count: vec![2],
        c2: vec![1.0],
        word_min_count: vec![2],
        iterations: 2000,
        min_precision: 0.0,
        folds: 0,
        drop_features: Vec::new(),
    };
    let mut i = 0;
    let value = |i: usize| args.get(i + 1).cloned().with_context(|| format!("{} needs a value", args[i]));
    while i < args.len() {
        match args[i].as_str() {
            "--out" => o.out = value(i)?.into(),
            "--train" | "--dev" | "--report" => {
                let pair = (PathBuf::from(value(i)?), PathBuf::from(value(i + 1)?));
                match args[i].as_str() {
                    "--train" => o.train.push(pair),
                    "--report" => o.report.push(pair),
                    _ => o.dev = Some(pair),
                }
                i += 1;
            }
            "--scope" => {
                o.all_sentences = match value(i)?.as_str() {
                    "cue" => false,
                    "all" => true,
                    other => bail!("--scope is cue or all, not {other}"),
                }
            }
            "--min-count" => o.min_count = list(&value(i)?)?,
            "--c2" => o.c2 = list(&value(i)?)?,
            "--folds" => o.folds = value(i)?.parse()?,
            "--drop-features" => o.drop_features = value(i)?.split(',').map(String::from).collect(),
            "--iterations" => o.iterations = value(i)?.parse()?,
            "--min-precision" => o.min_precision = value(i)?.parse()?,
            "--word-min-count" => o.word_min_count = list(&value(i)?)?,
            other => bail!("unknown argument {other}"),
        }
        i += 2;
    }
    if o.out.as_os_str().is_empty() || o.train.is_empty() || o.dev.is_none() {
        bail!("usage: isnad-train-claims --out MODEL --train TEXTS GOLD [--train …] --dev TEXTS GOLD [options]");
    }
    Ok(o)
}

/// One article: its sentence cases and its gold claim spans (bytes).
struct Doc {
    name: String,
    text: String,
    cases: Vec<SentenceCase>,
    gold: Vec<(u32, u32)>,
}

fn load_set(texts: &Path, gold: &Path) -> Result<Vec<Doc>> {
    let (_project, corpus) = isnad::cli::load(&[texts.to_path_buf()], u64::MAX)?;
    let mut docs = Vec::new();
    for (_, f) in corpus.files() {
        let stem = Path::new(&f.name).file_stem().context("article without a name")?;
        let ann = gold.join(stem).with_extension("ann");
        let ann = std::fs::read_to_string(&ann).with_context(|| format!("reading {}", ann.display()))?;
        let (_, tokens) = prepare(&f.text);
        let cases = sentence_cases(&f.text, &tokens, &f.mentions);
        docs.push(Doc { name: f.name.clone(), text: f.text.to_string(), cases, gold: gold_claims(&f.text, &ann) });
    }
    if docs.is_empty() {
        bail!("{} holds no articles (data/train_claims.sh extracts them from the ANT tarball)", texts.display());
    }
    Ok(docs)
}

/// The gold `Unsourced` and `Vague` spans of a brat file, as byte ranges of `text`.
fn gold_claims(text: &str, ann: &str) -> Vec<(u32, u32)> {
    let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let byte = |cp: &str| cp.parse::<usize>().ok().and_then(|c| bytes.get(c).copied()).map(|b| b as u32);
    let mut res = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let Some(spec) = line.split('\t').nth(1) else { continue };
        let Some((label, ranges)) = spec.split_once(' ') else { continue };
        if label != "Unsourced" && label != "Vague" {
            continue;
        }
        for range in ranges.split(';') {
            if let Some((a, b)) = range.split_once(' ') {
                if let (Some(a), Some(b)) = (byte(a), byte(b)) {
                    res.push((a, b));
                }
            }
        }
    }
    res
}

fn overlaps(a: (u32, u32), b: (u32, u32)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether the score decides this case (it is unattributed, and has a cue unless `all`).
fn is_candidate(c: &SentenceCase, all: bool) -> bool {
    matches!(c.kind, CaseKind::Unattributed { cue } if cue || all)
}

struct Example {
    features: Vec<usize>,
    positive: bool,
}

fn examples(docs: &[&Doc], all: bool, index: &HashMap<String, usize>) -> Vec<Example> {
    let mut res = Vec::new();
    for d in docs {
        for c in d.cases.iter().filter(|c| is_candidate(c, all)) {
            let features = c.features.iter().filter_map(|f| index.get(f).copied()).collect();
            let positive = d.gold.iter().any(|&g| overlaps(g, (c.start, c.end)));
            res.push(Example { features, positive });
        }
    }
    res
}

/// Fits bias and weights by full-batch Adam on the mean log-loss plus `c2`/n · ‖w‖².
fn fit(examples: &[Example], n_features: usize, c2: f64, iterations: usize) -> (f64, Vec<f64>) {
    let n = examples.len().max(1) as f64;
    let mut w = vec![0.0; n_features + 1];
    let (mut m, mut v) = (vec![0.0; w.len()], vec![0.0; w.len()]);
    let (rate, b1, b2) = (0.05, 0.9, 0.999);
    for t in 1..=iterations {
        let mut grad = vec![0.0; w.len()];
        for e in examples {
            let z = w[n_features] + e.features.iter().map(|&f| w[f]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = (p - if e.positive { 1.0 } else { 0.0 }) / n;
            grad[n_features] += g;
            for &f in &e.features {
                grad[f] += g;
            }
        }
        for (f, g) in grad.iter_mut().enumerate().take(n_features) {
            *g += 2.0 * c2 / n * w[f];
        }
        for k in 0..w.len() {
            m[k] = b1 * m[k] + (1.0 - b1) * grad[k];
            v[k] = b2 * v[k] + (1.0 - b2) * grad[k] * grad[k];
            let mh = m[k] / (1.0 - b1.powi(t as i32));
            let vh = v[k] / (1.0 - b2.powi(t as i32));
            w[k] -= rate * mh / (vh.sqrt() + 1e-8);
        }
    }
    let bias = w.pop().unwrap_or(0.0);
    (bias, w)
}

/// Claim-flag precision, recall, F1 and the number of flags.
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    p: f64,
    r: f64,
    f1: f64,
    flags: usize,
}

/// The claim flags of `docs` when vague sentences and the candidates scoring ≥ `threshold` (in
/// `scores`, per case) are flagged, scored as `eval/score.py` scores them.
fn claim_scores(docs: &[&Doc], scores: &[Vec<f64>], threshold: f64) -> Flags {
    let (mut gold, mut found, mut flags, mut right) = (0, 0, 0, 0);
    for (d, scores) in docs.iter().zip(scores) {
        let flagged: Vec<(u32, u32)> = d
            .cases
            .iter()
            .zip(scores)
            .filter(|(c, &s)| c.kind == CaseKind::Vague || s >= threshold)
            .map(|(c, _)| (c.start, c.end))
            .collect();
        gold += d.gold.len();
        found += d.gold.iter().filter(|&&g| flagged.iter().any(|&f| overlaps(f, g))).count();
        flags += flagged.len();
        right += flagged.iter().filter(|&&f| d.gold.iter().any(|&g| overlaps(f, g))).count();
    }
    let p = if flags > 0 { right as f64 / flags as f64 } else { 0.0 };
    let r = if gold > 0 { found as f64 / gold as f64 } else { 0.0 };
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Flags { p, r, f1, flags }
}

/// The area under the ROC curve of `scores` over the candidates of `docs` (how well it ranks a
/// gold claim above a sentence that is none; 0.5 is chance), with the numbers of each.
fn auc(docs: &[&Doc], scores: &[Vec<f64>]) -> (f64, usize, usize) {
    let mut scored: Vec<(f64, bool)> = Vec::new();
    for (d, scores) in docs.iter().zip(scores) {
        for (c, &s) in d.cases.iter().zip(scores).filter(|(_, s)| !s.is_nan()) {
            scored.push((s, d.gold.iter().any(|&g| overlaps(g, (c.start, c.end)))));
        }
    }
    let (pos, neg) = (scored.iter().filter(|s| s.1).count(), scored.iter().filter(|s| !s.1).count());
    let mut wins = 0.0;
    for &(p, _) in scored.iter().filter(|s| s.1) {
        for &(n, _) in scored.iter().filter(|s| !s.1) {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    let pairs = (pos * neg) as f64;
    (if pairs > 0.0 { wins / pairs } else { 0.5 }, pos, neg)
}

/// One setting of the options model selection compares.
#[derive(Clone, Copy, Debug)]
struct Setting {
    c2: f64,
    min_count: usize,
    word_min_count: usize,
}

/// Fits a model on `docs` with `setting` (features counted on these documents only), with the
/// numbers of candidate sentences, claims and features it learned from.
fn train_model(docs: &[&Doc], setting: Setting, o: &Options) -> (ClaimModel, usize, usize, usize) {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for c in docs.iter().flat_map(|d| &d.cases).filter(|c| is_candidate(c, o.all_sentences)) {
        for f in &c.features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let word_min = setting.word_min_count.max(setting.min_count);
    let kept = |f: &str, n: usize| n >= if f.starts_with("w=") { word_min } else { setting.min_count };
    let mut names: Vec<&str> = counts.iter().filter(|(f, &n)| kept(f, n)).map(|(f, _)| *f).collect();
    names.sort_unstable();
    let index: HashMap<String, usize> = names.iter().enumerate().map(|(k, f)| (f.to_string(), k)).collect();
    let examples = examples(docs, o.all_sentences, &index);
    let positives = examples.iter().filter(|e| e.positive).count();
    let (bias, weights) = fit(&examples, names.len(), setting.c2, o.iterations);
    let table: FxHashMap<String, f64> =
        names.iter().zip(&weights).filter(|(_, w)| w.abs() >= 1e-4).map(|(f, &w)| (f.to_string(), w)).collect();
    (ClaimModel::new(bias, table, 0.0), examples.len(), positives, names.len())
}

/// The model's score of every case of `docs` (NaN for a case the score does not decide).
fn scores_of(docs: &[&Doc], model: &ClaimModel, all: bool) -> Vec<Vec<f64>> {
    docs.iter()
        .map(|d| {
            d.cases
                .iter()
                .map(
                    |c| {
                        if is_candidate(c, all) {
                            model.score(c.features.iter().map(String::as_str))
                        } else {
                            f64::NAN
                        }
                    },
                )
                .collect()
        })
        .collect()
}

/// The thresholds compared: 0.05, 0.06, … 0.95.
fn thresholds() -> impl Iterator<Item = f64> {
    (5..=95).map(|step| step as f64 * 0.01)
}

/// Claim-flag figures at each threshold compared.
type Table = Vec<(f64, Flags)>;

/// Precision, recall, F1 and flags at each threshold, for `docs` scored by `scores`.
fn table(docs: &[&Doc], scores: &[Vec<f64>]) -> Table {
    thresholds().map(|t| (t, claim_scores(docs, scores, t))).collect()
}

/// The threshold of `rows` with the best F1 among those with precision ≥ `min_precision` (the
/// best F1 when none reaches it; the lowest threshold on ties).
fn best_threshold(rows: &[(f64, Flags)], min_precision: f64) -> (f64, Flags) {
    let mut best: Option<(f64, Flags)> = None;
    for &(t, s) in rows {
        let ok = s.p >= min_precision;
        let better = match best {
            None => true,
            Some((_, b)) => {
                let b_ok = b.p >= min_precision;
                (ok && !b_ok) || (ok == b_ok && s.f1 > b.f1)
            }
        };
        if better {
            best = Some((t, s));
        }
    }
    best.unwrap_or((0.5, Flags::default()))
}

fn print_table(name: &str, rows: &[(f64, Flags)]) {
    eprintln!("{name} (threshold: p r f1 flags):");
    for (t, s) in rows {
        eprintln!("  {t:.2}: {:.3} {:.3} {:.3} {}", s.p, s.r, s.f1, s.flags);
    }
}

/// A permutation of `0..n` from a fixed seed (SplitMix64 keys, sorted): the same every run.
fn shuffled(n: usize) -> Vec<usize> {
    let mut state = 0x1234_5678_9abc_def0u64;
    let mut keyed: Vec<(u64, usize)> = (0..n)
        .map(|i| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31), i)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The out-of-fold scores of every case of `docs`: each article scored by the model trained on
/// the other folds (articles dealt to `folds` folds in a fixed shuffled order).
fn cross_validated(docs: &[&Doc], setting: Setting, folds: usize, o: &Options) -> Vec<Vec<f64>> {
    let mut fold_of = vec![0; docs.len()];
    for (k, i) in shuffled(docs.len()).into_iter().enumerate() {
        fold_of[i] = k % folds;
    }
    let mut scores = vec![Vec::new(); docs.len()];
    for fold in 0..folds {
        let rest: Vec<&Doc> = docs.iter().zip(&fold_of).filter(|(_, &f)| f != fold).map(|(d, _)| *d).collect();
        let held: Vec<usize> = (0..docs.len()).filter(|&i| fold_of[i] == fold).collect();
        let (model, ..) = train_model(&rest, setting, o);
        let held_docs: Vec<&Doc> = held.iter().map(|&i| docs[i]).collect();
        for (i, s) in held.into_iter().zip(scores_of(&held_docs, &model, o.all_sentences)) {
            scores[i] = s;
        }
    }
    scores
}

/// Prints each gold claim of `docs` the flags at `threshold` miss: not a case at all (the rules
/// gave it a source, or it is a headline, a question or too short), or a candidate scored under
/// the threshold (with its score).
fn print_misses(docs: &[&Doc], scores: &[Vec<f64>], threshold: f64) {
    let (mut not_case, mut low) = (0, 0);
    for (d, scores) in docs.iter().zip(scores) {
        for &g in &d.gold {
            let hits: Vec<(&SentenceCase, f64)> =
                d.cases.iter().zip(scores.iter().copied()).filter(|(c, _)| overlaps(g, (c.start, c.end))).collect();
            if hits.iter().any(|(c, s)| c.kind == CaseKind::Vague || *s >= threshold) {
                continue;
            }
            let snippet: String = d.text.get(g.0 as usize..g.1 as usize).unwrap_or("").chars().take(90).collect();
            let best = hits.iter().map(|h| h.1).filter(|s| !s.is_nan()).fold(f64::NAN, f64::max);
            if best.is_nan() {
                not_case += 1;
                eprintln!("miss (no candidate) {}: {snippet}", d.name);
            } else {
                low += 1;
                eprintln!("miss (score {best:.2}) {}: {snippet}", d.name);
            }
        }
    }
    eprintln!("misses: {not_case} not candidates, {low} scored under {threshold:.2}");
}

fn main() -> Result<()> {
    let o = options()?;
    let mut train = Vec::new();
    for (texts, gold) in &o.train {
        train.extend(load_set(texts, gold)?);
    }
    let (dev_texts, dev_gold) = o.dev.as_ref().context("--dev is required")?;
    let mut dev = load_set(dev_texts, dev_gold)?;
    for c in train.iter_mut().chain(&mut dev).flat_map(|d| &mut d.cases) {
        c.features.retain(|f| !o.drop_features.iter().any(|p| f.starts_with(p.as_str())));
    }
    let train: Vec<&Doc> = train.iter().collect();
    let dev: Vec<&Doc> = dev.iter().collect();
    let mut settings = Vec::new();
    for &c2 in &o.c2 {
        for &min_count in &o.min_count {
            for &word_min_count in &o.word_min_count {
                settings.push(Setting { c2, min_count, word_min_count });
            }
        }
    }
    let mut chosen = (settings[0], None);
    if o.folds > 1 {
        // Model selection by cross-validation over the train articles: the setting whose
        // out-of-fold scores rank the train claims best (AUC: smoother than an F1 at one threshold).
        let mut best: Option<(Setting, f64, Table)> = None;
        for &setting in &settings {
            let scores = cross_validated(&train, setting, o.folds, &o);
            let rows = table(&train, &scores);
            let (t, s) = best_threshold(&rows, 0.0);
            let (a, ..) = auc(&train, &scores);
            eprintln!(
                "cv {} folds, c2={} min-count={} word-min-count={}: AUC {a:.3}; best F1 at {t:.2}: p={:.3} r={:.3} f1={:.3} ({} flags)",
                o.folds, setting.c2, setting.min_count, setting.word_min_count, s.p, s.r, s.f1, s.flags
            );
            if best.as_ref().is_none_or(|b| a > b.1) {
                best = Some((setting, a, rows));
            }
        }
        if let Some((setting, a, rows)) = best {
            eprintln!(
                "chosen by cv: c2={} min-count={} word-min-count={} (AUC {a:.3})",
                setting.c2, setting.min_count, setting.word_min_count
            );
            print_table("cv", &rows);
            chosen = (setting, Some(rows));
        }
    } else if settings.len() > 1 {
        bail!("several values of --c2, --min-count or --word-min-count need --folds to choose among them");
    }
    let (setting, cv_rows) = chosen;
    let (model, n_examples, positives, n_features) = train_model(&train, setting, &o);
    eprintln!(
        "train: {} articles, {n_examples} candidate sentences ({positives} claims), {n_features} features",
        train.len()
    );
    let dev_scores = scores_of(&dev, &model, o.all_sentences);
    let (a, pos, neg) = auc(&dev, &dev_scores);
    eprintln!("dev ranking: AUC {a:.3} over {pos} claims and {neg} other candidates");
    let dev_rows = table(&dev, &dev_scores);
    print_table("dev", &dev_rows);
    // With cross-validation: the best out-of-fold F1 among the thresholds whose dev precision
    // reaches --min-precision (the train splits' own vague flags keep their precision under it).
    let allowed: Vec<(f64, Flags)> = match &cv_rows {
        Some(rows) => {
            rows.iter().zip(&dev_rows).filter(|(_, (_, d))| d.p >= o.min_precision).map(|(c, _)| *c).collect()
        }
        None => Vec::new(),
    };
    let (threshold, cv) = if allowed.is_empty() {
        (best_threshold(&dev_rows, o.min_precision).0, None)
    } else {
        let (t, s) = best_threshold(&allowed, 0.0);
        (t, Some((t, s)))
    };
    if let Some((t, s)) = cv {
        eprintln!("threshold {t:.2}: cv p={:.3} r={:.3} f1={:.3} ({} flags)", s.p, s.r, s.f1, s.flags);
    }
    let d = claim_scores(&dev, &dev_scores, threshold);
    let tr = claim_scores(&train, &scores_of(&train, &model, o.all_sentences), threshold);
    eprintln!(
        "threshold {threshold:.2}: dev p={:.3} r={:.3} f1={:.3} ({} flags); train p={:.3} r={:.3} f1={:.3} ({} flags)",
        d.p, d.r, d.f1, d.flags, tr.p, tr.r, tr.f1, tr.flags
    );
    for (texts, gold) in &o.report {
        let mut docs = load_set(texts, gold)?;
        for c in docs.iter_mut().flat_map(|d| &mut d.cases) {
            c.features.retain(|f| !o.drop_features.iter().any(|p| f.starts_with(p.as_str())));
        }
        let docs: Vec<&Doc> = docs.iter().collect();
        let scores = scores_of(&docs, &model, o.all_sentences);
        let (a, pos, neg) = auc(&docs, &scores);
        let s = claim_scores(&docs, &scores, threshold);
        eprintln!(
            "report {}: AUC {a:.3} ({pos} claims, {neg} others); p={:.3} r={:.3} f1={:.3} ({} flags)",
            texts.display(),
            s.p,
            s.r,
            s.f1,
            s.flags
        );
        if std::env::var_os("ISNAD_CLAIM_MISSES").is_some() {
            print_misses(&docs, &scores, threshold);
        }
    }
    if std::env::var_os("ISNAD_CLAIM_MISSES").is_some() {
        print_misses(&dev, &dev_scores, threshold);
        if let Some((setting, _)) = cv.map(|c| (setting, c)) {
            print_misses(&train, &cross_validated(&train, setting, o.folds, &o), threshold);
        }
    }
    let model = model.with_threshold(threshold);
    let chosen_on = match cv {
        Some((_, s)) => format!(
            "options chosen by {}-fold cross-validation over the train articles (out-of-fold AUC), threshold as the\n\
             best out-of-fold F1 with dev precision >= {} (cv p={:.3} r={:.3} f1={:.3})",
            o.folds, o.min_precision, s.p, s.r, s.f1
        ),
        None => "threshold chosen on dev".to_string(),
    };
    let header = format!(
        "isnad claim check-worthiness model (logistic regression), written by isnad-train-claims.\n\
         Trained on {} articles ({n_examples} candidate sentences, {positives} claims); {chosen_on}.\n\
         Options: scope={} min-count={} word-min-count={} c2={} iterations={} min-precision={}.",
        train.len(),
        if o.all_sentences { "all" } else { "cue" },
        setting.min_count,
        setting.word_min_count,
        setting.c2,
        o.iterations,
        o.min_precision
    );
    std::fs::write(&o.out, model.to_tsv(&header)).with_context(|| format!("writing {}", o.out.display()))?;
    Ok(())
}
