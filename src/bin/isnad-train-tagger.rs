//! Trains isnad's sequence tagger: `data/train_tagger.sh` runs it on ANERcorp's train part and the
//! evaluation corpus's train split and writes `data/tagger.bin`.
//!
//! ```text
//! isnad-train-tagger --out MODEL [--anercorp FILE.conll] [--gold GOLD_DIR --texts TEXT_DIR]…
//!                    [--algorithm perceptron|crf] [--epochs N] [--min-count N] [--gold-repeat N]
//!                    [--clusters FILE] [--seed N] [--c2 X] [--bag N] [--prune W]
//! ```
//!
//! Every sequence is tokenised, normalised and given features exactly as the analysis does at run
//! time (`isnad::analysis::tagger::features`), with the rule system's proposals from the built-in
//! knowledge base. ANERcorp sentences are sequences (their tags mapped onto isnad's tokens: MISC is
//! O); gold brat files (`T… PER|LOC|ORG start end`, code points) label the lines of their article.
//! The perceptron is isnad's own (`tagger::perceptron`); the CRF is trained with L-BFGS by the
//! `crfs` crate and its weights read back from the model dump.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use isnad::analysis::kb::Kb;
use isnad::analysis::knowledge::KbData;
use isnad::analysis::lexicon::Lexicon;
use isnad::analysis::recognize::rule_proposals;
use isnad::analysis::tagger::features::{is_sport, lines, sequence_features, Clusters};
use isnad::analysis::tagger::model::{Model, Row};
use isnad::analysis::tagger::perceptron::{self, Example};
use isnad::analysis::tagger::{label_of, Label, LABELS, N_LABELS, O};
use isnad::analysis::tokens::prepare;
use isnad::analysis::tokens::Token;

struct Options {
    out: PathBuf,
    anercorp: Vec<PathBuf>,
    gold: Vec<(PathBuf, PathBuf)>,
    algorithm: String,
    epochs: usize,
    min_count: u32,
    gold_repeat: usize,
    clusters: Option<PathBuf>,
    seed: u64,
    c2: f64,
    bag: u64,
    prune: f32,
}

fn options() -> Result<Options> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut o = Options {
        out: PathBuf::new(),
        anercorp: Vec::new(),
        gold: Vec::new(),
        algorithm: "perceptron".into(),
        epochs: 10,
        min_count: 2,
        gold_repeat: 1,
        clusters: None,
        seed: 20261202,
        c2: 1.0,
        bag: 1,
        prune: 0.0,
    };
    let mut i = 0;
    let mut pending_gold: Option<PathBuf> = None;
    while i < args.len() {
        let value = || args.get(i + 1).cloned().with_context(|| format!("{} needs a value", args[i]));
        match args[i].as_str() {
            "--out" => o.out = value()?.into(),
            "--anercorp" => o.anercorp.push(value()?.into()),
            "--gold" => pending_gold = Some(value()?.into()),
            "--texts" => {
                let gold = pending_gold.take().context("--texts follows a --gold")?;
                o.gold.push((gold, value()?.into()));
            }
            "--algorithm" => o.algorithm = value()?,
            "--epochs" => o.epochs = value()?.parse()?,
            "--min-count" => o.min_count = value()?.parse()?,
            "--gold-repeat" => o.gold_repeat = value()?.parse()?,
            "--clusters" => o.clusters = Some(value()?.into()),
            "--seed" => o.seed = value()?.parse()?,
            "--c2" => o.c2 = value()?.parse()?,
            "--bag" => o.bag = value()?.parse()?,
            "--prune" => o.prune = value()?.parse()?,
            other => bail!("unknown argument {other} (see the module documentation)"),
        }
        i += 2;
    }
    if o.out.as_os_str().is_empty() {
        bail!("--out MODEL is required");
    }
    Ok(o)
}

/// A clusters file ([`isnad::analysis::tagger::parse_clusters`]).
pub fn read_clusters(path: &Path) -> Result<Clusters> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    isnad::analysis::tagger::parse_clusters(&text)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("{}", path.display()))
}

/// The sequences of one text: its tokens split at line breaks, with their labels.
fn examples_of(text: &str, gold: &[(usize, usize, Label)], kb: &Lexicon, clusters: Option<&Clusters>) -> Vec<Example> {
    let (_, tokens) = prepare(text);
    let proposals = rule_proposals(&tokens, kb, &Lexicon::default());
    let labels = token_labels(&tokens, gold);
    let sport = is_sport(&tokens);
    let mut out: Vec<Example> = lines(&tokens)
        .map(|(start, end)| Example {
            features: sequence_features(&tokens[start..end], &proposals[start..end], clusters, sport),
            labels: labels[start..end].to_vec(),
        })
        .collect();
    out.retain(|e| !e.labels.is_empty());
    out
}

/// Each token's label from entity spans (byte ranges with a B- label): the first token a span
/// touches is B, the others I.
fn token_labels(tokens: &[Token], spans: &[(usize, usize, Label)]) -> Vec<Label> {
    let mut labels = vec![O; tokens.len()];
    for &(s, e, begin) in spans {
        let mut first = true;
        for (i, t) in tokens.iter().enumerate() {
            if (t.start as usize) < e && s < t.end as usize {
                if labels[i] == O {
                    labels[i] = if first { begin } else { begin + 1 };
                }
                first = false;
            }
        }
    }
    labels
}

/// ANERcorp: one sentence a sequence (a line), its tags carried over to isnad's tokens; the
/// sentences in pseudo-articles of [`DOC_SENTENCES`], as at run time an article is the context.
fn anercorp(path: &Path, kb: &Lexicon, clusters: Option<&Clusters>) -> Result<Vec<Example>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut sentences: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !sentences.last().is_some_and(Vec::is_empty) {
                sentences.push(Vec::new());
            }
        } else if let Some((w, tag)) = line.rsplit_once(' ') {
            sentences.last_mut().expect("a sentence").push((w.to_string(), tag.to_string()));
        }
    }
    sentences.retain(|s| !s.is_empty());
    let mut out = Vec::new();
    for doc in sentences.chunks(DOC_SENTENCES) {
        let mut article = String::new();
        let mut spans = Vec::new();
        for words in doc {
            if !article.is_empty() {
                article.push('\n');
            }
            let mut open: Option<(usize, Label)> = None;
            let mut last_end = article.len();
            for (k, (w, tag)) in words.iter().enumerate() {
                if k > 0 {
                    article.push(' ');
                }
                let start = article.len();
                article.push_str(w);
                let l = label_of(tag);
                let inside = l != O && l.is_multiple_of(2) && open.is_some_and(|(_, b)| b + 1 == l);
                if !inside {
                    if let Some((s, b)) = open.take() {
                        spans.push((s, last_end, b));
                    }
                    if l != O {
                        open = Some((start, if l % 2 == 1 { l } else { l - 1 }));
                    }
                }
                last_end = article.len();
            }
            if let Some((s, b)) = open {
                spans.push((s, last_end, b));
            }
        }
        out.extend(examples_of(&article, &spans, kb, clusters));
    }
    Ok(out)
}

/// Sentences per pseudo-article of ANERcorp (as `eval/anercorp.py` writes its held-out sixth).
const DOC_SENTENCES: usize = 15;

/// A gold directory: every `X.ann` with its article `X.txt`.
fn gold(dir: &Path, texts: &Path, kb: &Lexicon, clusters: Option<&Clusters>) -> Result<Vec<Example>> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    names.sort();
    for ann in names.iter().filter(|p| p.extension().is_some_and(|e| e == "ann")) {
        let txt = texts.join(ann.file_name().unwrap()).with_extension("txt");
        let text = std::fs::read_to_string(&txt).with_context(|| format!("cannot read {}", txt.display()))?;
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut spans = Vec::new();
        for line in std::fs::read_to_string(ann)?.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 2 || !f[0].starts_with('T') {
                continue;
            }
            let head: Vec<&str> = f[1].split([' ', ';']).collect();
            let label = label_of(&format!("B-{}", head[0]));
            if label == O {
                continue;
            }
            let (Ok(s), Ok(e)) = (head[1].parse::<usize>(), head[head.len() - 1].parse::<usize>()) else { continue };
            if let (Some(&bs), Some(&be)) = (bytes.get(s), bytes.get(e)) {
                spans.push((bs, be, label));
            }
        }
        out.extend(examples_of(&text, &spans, kb, clusters));
    }
    Ok(out)
}

/// A CRF trained with L-BFGS by `crfs`, read back from its dump into isnad's model.
fn crf(examples: &[Example], o: &Options) -> Result<Model> {
    use crfs::{Attribute, Model as CrfModel};
    let mut trainer = crfs::train::Trainer::lbfgs().with_c2(o.c2)?.with_max_iterations(o.epochs.max(1) * 20)?;
    trainer.verbose(false);
    trainer.set_feature_minfreq(o.min_count as f64)?;
    for e in examples {
        let xseq: Vec<Vec<Attribute>> =
            e.features.iter().map(|fs| fs.iter().map(|f| Attribute::new(format!("{f:016x}"), 1.0)).collect()).collect();
        let yseq: Vec<&str> = e.labels.iter().map(|&l| LABELS[l as usize]).collect();
        trainer.append(&xseq, &yseq)?;
    }
    let path = std::env::temp_dir().join(format!("isnad-crf-{}.crfsuite", std::process::id()));
    trainer.train(&path)?;
    let bytes = std::fs::read(&path)?;
    let _ = std::fs::remove_file(&path);
    let model = CrfModel::new(&bytes)?;
    let mut dump = Vec::new();
    model.dump(&mut dump)?;
    let dump = String::from_utf8(dump)?;
    let label = |s: &str| LABELS.iter().position(|l| *l == s);
    let mut transitions = [[0f32; N_LABELS]; N_LABELS];
    let mut features: HashMap<u64, Row> = HashMap::new();
    let mut section = "";
    for line in dump.lines() {
        let line = line.trim();
        if line.ends_with("= {") {
            section = line.trim_end_matches(" = {");
            continue;
        }
        // `(type) source --> target: weight`
        let Some((_, rest)) = line.split_once(") ") else { continue };
        let Some((source, rest)) = rest.split_once(" --> ") else { continue };
        let Some((target, weight)) = rest.rsplit_once(": ") else { continue };
        let (Some(t), Ok(w)) = (label(target), weight.parse::<f32>()) else { continue };
        match section {
            "TRANSITIONS" => {
                if let Some(s) = label(source) {
                    transitions[s][t] = w;
                }
            }
            "STATE_FEATURES" => {
                if let Ok(key) = u64::from_str_radix(source, 16) {
                    features.entry(key).or_insert([0.0; N_LABELS])[t] = w;
                }
            }
            _ => {}
        }
    }
    Ok(Model::new(features.into_iter().collect(), [0.0; N_LABELS], transitions))
}

/// `--tokens-of DIR`: every article under DIR as lines of normalised tokens (what the clusters are
/// learned from, `data/train_clusters.py`), on stdout.
fn print_tokens(dir: &Path) -> Result<()> {
    use std::io::Write;
    let (files, _) = isnad::workspace::read_corpus(&[dir.to_path_buf()], isnad::workspace::DEFAULT_MAX_FILE_BYTES);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (_, text) in files {
        let (_, tokens) = prepare(&text);
        let mut first = true;
        for t in &tokens {
            if t.newline_before && !first {
                out.write_all(b"\n")?;
            } else if !first {
                out.write_all(b" ")?;
            }
            out.write_all(t.norm.as_bytes())?;
            first = false;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--tokens-of") {
        return print_tokens(Path::new(args.get(2).context("--tokens-of DIR")?));
    }
    let o = options()?;
    let kb = Arc::new(KbData::new(Kb::builtin()));
    let clusters = o.clusters.as_deref().map(read_clusters).transpose()?;
    let mut examples = Vec::new();
    for path in &o.anercorp {
        let e = anercorp(path, &kb.lexicon, clusters.as_ref())?;
        eprintln!("{}: {} sequences", path.display(), e.len());
        examples.extend(e);
    }
    for (dir, texts) in &o.gold {
        let e = gold(dir, texts, &kb.lexicon, clusters.as_ref())?;
        eprintln!("{}: {} sequences (×{})", dir.display(), e.len(), o.gold_repeat);
        for _ in 0..o.gold_repeat {
            examples.extend(e.iter().cloned());
        }
    }
    if examples.is_empty() {
        bail!("no training data (give --anercorp and/or --gold/--texts)");
    }
    let tokens: usize = examples.iter().map(|e| e.labels.len()).sum();
    eprintln!("training {} on {} sequences, {tokens} tokens", o.algorithm, examples.len());
    let started = std::time::Instant::now();
    let model = match o.algorithm.as_str() {
        "perceptron" => {
            let models: Vec<Model> =
                (0..o.bag.max(1)).map(|k| perceptron::train(&examples, o.epochs, o.seed + k, o.min_count)).collect();
            if models.len() == 1 {
                models.into_iter().next().expect("one model")
            } else {
                perceptron::mean(&models)
            }
        }
        "crf" => crf(&examples, &o)?,
        other => bail!("unknown algorithm {other} (perceptron or crf)"),
    };
    let model = if o.prune > 0.0 { perceptron::pruned(&model, o.prune) } else { model };
    let bytes = model.to_bytes();
    std::fs::write(&o.out, &bytes).with_context(|| format!("cannot write {}", o.out.display()))?;
    eprintln!(
        "{}: {} features, {} bytes, trained in {:.1?}",
        o.out.display(),
        model.len(),
        bytes.len(),
        started.elapsed()
    );
    Ok(())
}
