//! Trains isnad's claim check-worthiness model: `data/train_claims.sh` runs it on the evaluation
//! corpus's train splits, picks the threshold on dev and writes `data/claims.tsv`.
//!
//! ```text
//! isnad-train-claims --out MODEL --train TEXT_DIR GOLD_DIR [--train …] --dev TEXT_DIR GOLD_DIR
//!                    [--scope cue|all] [--min-count N] [--c2 X] [--iterations N] [--min-precision P]
//!                    [--word-min-count N]
//! ```
//!
//! Each set is analysed as `isnad annotate` analyses it (the built-in knowledge base and tagger,
//! the whole directory as one corpus). Every unattributed body sentence (`--scope all`, the
//! default: what the analysis scores; `--scope cue`: only those with a claim cue) is an example:
//! positive when a gold `Unsourced` or `Vague` span (brat code points) overlaps it. A logistic regression with an L2 penalty is fitted by full-batch
//! gradient descent (Adam); features seen in fewer than `--min-count` training sentences are
//! dropped (word features: fewer than `--word-min-count`). On dev, the claim flags are scored as `eval/score.py` scores them (a flag is right when
//! it overlaps a gold claim; a gold claim is found when a flag overlaps it), vague flags included;
//! the threshold is the one with the best F1 among those with precision ≥ `--min-precision` (or the
//! best F1 when none reaches it).

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
    all_sentences: bool,
    min_count: usize,
    c2: f64,
    iterations: usize,
    min_precision: f64,
    word_min_count: usize,
}

fn options() -> Result<Options> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut o = Options {
        out: PathBuf::new(),
        train: Vec::new(),
        dev: None,
        all_sentences: true,
        min_count: 2,
        c2: 1.0,
        iterations: 2000,
        min_precision: 0.0,
        word_min_count: 2,
    };
    let mut i = 0;
    let value = |i: usize| args.get(i + 1).cloned().with_context(|| format!("{} needs a value", args[i]));
    while i < args.len() {
        match args[i].as_str() {
            "--out" => o.out = value(i)?.into(),
            "--train" | "--dev" => {
                let pair = (PathBuf::from(value(i)?), PathBuf::from(value(i + 1)?));
                if args[i] == "--train" {
                    o.train.push(pair);
                } else {
                    o.dev = Some(pair);
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
            "--min-count" => o.min_count = value(i)?.parse()?,
            "--c2" => o.c2 = value(i)?.parse()?,
            "--iterations" => o.iterations = value(i)?.parse()?,
            "--min-precision" => o.min_precision = value(i)?.parse()?,
            "--word-min-count" => o.word_min_count = value(i)?.parse()?,
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
        docs.push(Doc { cases, gold: gold_claims(&f.text, &ann) });
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

fn examples(docs: &[Doc], all: bool, index: &HashMap<String, usize>) -> Vec<Example> {
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

/// Claim-flag precision, recall and F1 on `docs` when candidates scoring ≥ `threshold` are
/// flagged, with the number of flags.
fn claim_scores(docs: &[Doc], model: &ClaimModel, all: bool, threshold: f64) -> (f64, f64, f64, usize) {
    let (mut gold, mut found, mut flags, mut right) = (0, 0, 0, 0);
    for d in docs {
        let flagged: Vec<(u32, u32)> = d
            .cases
            .iter()
            .filter(|c| {
                c.kind == CaseKind::Vague
                    || (is_candidate(c, all) && model.score(c.features.iter().map(String::as_str)) >= threshold)
            })
            .map(|c| (c.start, c.end))
            .collect();
        gold += d.gold.len();
        found += d.gold.iter().filter(|&&g| flagged.iter().any(|&f| overlaps(f, g))).count();
        flags += flagged.len();
        right += flagged.iter().filter(|&&f| d.gold.iter().any(|&g| overlaps(f, g))).count();
    }
    let p = if flags > 0 { right as f64 / flags as f64 } else { 0.0 };
    let r = if gold > 0 { found as f64 / gold as f64 } else { 0.0 };
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f1, flags)
}

/// The area under the ROC curve of the model's scores over the candidates of `docs` (how well it
/// ranks a gold claim above a sentence that is none; 0.5 is chance), with the numbers of each.
fn auc(docs: &[Doc], model: &ClaimModel, all: bool) -> (f64, usize, usize) {
    let mut scored: Vec<(f64, bool)> = Vec::new();
    for d in docs {
        for c in d.cases.iter().filter(|c| is_candidate(c, all)) {
            let positive = d.gold.iter().any(|&g| overlaps(g, (c.start, c.end)));
            scored.push((model.score(c.features.iter().map(String::as_str)), positive));
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

fn main() -> Result<()> {
    let o = options()?;
    let mut train = Vec::new();
    for (texts, gold) in &o.train {
        train.extend(load_set(texts, gold)?);
    }
    let (dev_texts, dev_gold) = o.dev.as_ref().context("--dev is required")?;
    let dev = load_set(dev_texts, dev_gold)?;
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for c in train.iter().flat_map(|d| &d.cases).filter(|c| is_candidate(c, o.all_sentences)) {
        for f in &c.features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let kept =
        |f: &str, n: usize| n >= if f.starts_with("w=") { o.word_min_count.max(o.min_count) } else { o.min_count };
    let mut names: Vec<&str> = counts.iter().filter(|(f, &n)| kept(f, n)).map(|(f, _)| *f).collect();
    names.sort_unstable();
    let index: HashMap<String, usize> = names.iter().enumerate().map(|(k, f)| (f.to_string(), k)).collect();
    let examples = examples(&train, o.all_sentences, &index);
    let positives = examples.iter().filter(|e| e.positive).count();
    eprintln!(
        "train: {} articles, {} candidate sentences ({positives} claims), {} features",
        train.len(),
        examples.len(),
        names.len()
    );
    let (bias, weights) = fit(&examples, names.len(), o.c2, o.iterations);
    let table: FxHashMap<String, f64> =
        names.iter().zip(&weights).filter(|(_, w)| w.abs() >= 1e-4).map(|(f, &w)| (f.to_string(), w)).collect();
    let model = ClaimModel::new(bias, table, 0.0);
    let (a, pos, neg) = auc(&dev, &model, o.all_sentences);
    eprintln!("dev ranking: AUC {a:.3} over {pos} claims and {neg} other candidates");
    let mut best: Option<(f64, f64, f64)> = None;
    eprintln!("dev (threshold: p r f1 flags):");
    for step in 1..20 {
        let t = step as f64 * 0.05;
        let (p, r, f1, flags) = claim_scores(&dev, &model, o.all_sentences, t);
        eprintln!("  {t:.2}: {p:.3} {r:.3} {f1:.3} {flags}");
        let ok = p >= o.min_precision;
        let better = match best {
            None => true,
            Some((bp, bf, _)) => (ok && bp < o.min_precision) || ((ok || bp < o.min_precision) && f1 > bf),
        };
        if better {
            best = Some((p, f1, t));
        }
    }
    let (_, _, threshold) = best.unwrap_or((0.0, 0.0, 0.5));
    let (p, r, f1, flags) = claim_scores(&dev, &model, o.all_sentences, threshold);
    let (tp, tr, tf, tflags) = claim_scores(&train, &model, o.all_sentences, threshold);
    eprintln!("threshold {threshold:.2}: dev p={p:.3} r={r:.3} f1={f1:.3} ({flags} flags); train p={tp:.3} r={tr:.3} f1={tf:.3} ({tflags} flags)");
    let model = model.with_threshold(threshold);
    let header = format!(
        "isnad claim check-worthiness model (logistic regression), written by isnad-train-claims.\n\
         Trained on {} articles ({} candidate sentences, {positives} claims); threshold chosen on dev.\n\
         Options: scope={} min-count={} c2={} iterations={} min-precision={}.",
        train.len(),
        examples.len(),
        if o.all_sentences { "all" } else { "cue" },
        o.min_count,
        o.c2,
        o.iterations,
        o.min_precision
    );
    std::fs::write(&o.out, model.to_tsv(&header)).with_context(|| format!("writing {}", o.out.display()))?;
    Ok(())
}
