//! Training the tagger as a structured averaged perceptron (Collins 2002): decode each training
//! sequence with the current weights; where the best sequence differs from the gold one, add the
//! gold features' weights and subtract the predicted ones; the model is the average of the weights
//! over all steps, which generalises far better than the last weights. Sequences are visited in
//! an order shuffled by a fixed seed, so a training run is reproducible.

use rustc_hash::FxHashMap;

use super::model::{viterbi, Model, Row};
use super::{Label, N_LABELS};

/// One training sequence: the features of each token and its gold label.
#[derive(Clone, Debug)]
pub struct Example {
    pub features: Vec<Vec<u64>>,
    pub labels: Vec<Label>,
}

/// Weights with the sums needed to average them lazily: the average at step `c` is `w - u / c`.
#[derive(Default)]
struct Averaged {
    w: FxHashMap<u64, Row>,
    u: FxHashMap<u64, Row>,
}

impl Averaged {
    fn add(&mut self, key: u64, label: usize, delta: f32, c: f32) {
        self.w.entry(key).or_insert([0.0; N_LABELS])[label] += delta;
        self.u.entry(key).or_insert([0.0; N_LABELS])[label] += c * delta;
    }
    fn scores(&self, features: &[u64]) -> Row {
        let mut out = [0f32; N_LABELS];
        for f in features {
            if let Some(row) = self.w.get(f) {
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
        out
    }
    fn averaged(&self, key: u64, c: f32) -> Row {
        let w = self.w.get(&key).copied().unwrap_or_default();
        let u = self.u.get(&key).copied().unwrap_or_default();
        let mut out = [0f32; N_LABELS];
        for l in 0..N_LABELS {
            out[l] = w[l] - u[l] / c;
        }
        out
    }
}

/// Keys for the start and transition weights, kept apart from feature hashes by their high bits.
fn start_key(l: usize) -> u64 {
    0xFFFF_0000_0000_0000 | l as u64
}
fn transition_key(p: usize) -> u64 {
    0xFFFE_0000_0000_0000 | p as u64
}

/// A small reproducible generator for the visiting order (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Trains for `epochs` passes; features seen fewer than `min_count` times in the data are left out.
pub fn train(examples: &[Example], epochs: usize, seed: u64, min_count: u32) -> Model {
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for e in examples {
        for f in e.features.iter().flatten() {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let keep = |f: &u64| counts.get(f).is_some_and(|&n| n >= min_count);
    let examples: Vec<Example> = examples
        .iter()
        .map(|e| Example {
            features: e.features.iter().map(|fs| fs.iter().copied().filter(keep).collect()).collect(),
            labels: e.labels.clone(),
        })
        .collect();
    let mut model = Averaged::default();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(seed.max(1));
    let mut c = 1f32;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let e = &examples[k];
            let emissions: Vec<Row> = e.features.iter().map(|f| model.scores(f)).collect();
            let start: Row = std::array::from_fn(|l| model.w.get(&start_key(l)).map_or(0.0, |r| r[0]));
            let transitions: [Row; N_LABELS] =
                std::array::from_fn(|p| model.w.get(&transition_key(p)).copied().unwrap_or_default());
            let guess = viterbi(&emissions, &start, &transitions);
            if guess != e.labels {
                for (t, (&g, &y)) in guess.iter().zip(&e.labels).enumerate() {
                    if g != y {
                        for &f in &e.features[t] {
                            model.add(f, y as usize, 1.0, c);
                            model.add(f, g as usize, -1.0, c);
                        }
                    }
                    let (gp, yp) = if t == 0 { (None, None) } else { (Some(guess[t - 1]), Some(e.labels[t - 1])) };
                    if (gp, g) != (yp, y) {
                        match yp {
                            None => model.add(start_key(y as usize), 0, 1.0, c),
                            Some(p) => model.add(transition_key(p as usize), y as usize, 1.0, c),
                        }
                        match gp {
                            None => model.add(start_key(g as usize), 0, -1.0, c),
                            Some(p) => model.add(transition_key(p as usize), g as usize, -1.0, c),
                        }
                    }
                }
            }
            c += 1.0;
        }
    }
    let start: Row = std::array::from_fn(|l| model.averaged(start_key(l), c)[0]);
    let transitions: [Row; N_LABELS] = std::array::from_fn(|p| model.averaged(transition_key(p), c));
    let features: Vec<(u64, Row)> =
        model.w.keys().filter(|k| *k >> 48 < 0xFFFE).map(|&k| (k, model.averaged(k, c))).collect();
    Model::new(features, start, transitions)
}

/// The mean of several models' weights (a feature missing from a model weighs 0 there): models
/// trained in different visiting orders ([`train`]'s seeds) agree where the data is clear, and
/// their mean depends less on the order than any one of them.
pub fn mean(models: &[Model]) -> Model {
    let n = models.len().max(1) as f32;
    let mut sums: FxHashMap<u64, Row> = FxHashMap::default();
    let mut start = [0f32; N_LABELS];
    let mut transitions = [[0f32; N_LABELS]; N_LABELS];
    for m in models {
        for (k, row) in m.features() {
            let sum = sums.entry(k).or_insert([0.0; N_LABELS]);
            for (a, b) in sum.iter_mut().zip(row) {
                *a += b / n;
            }
        }
        for (a, b) in start.iter_mut().zip(&m.start) {
            *a += b / n;
        }
        for (row, other) in transitions.iter_mut().zip(&m.transitions) {
            for (a, b) in row.iter_mut().zip(other) {
                *a += b / n;
            }
        }
    }
    let mut features: Vec<(u64, Row)> = sums.into_iter().collect();
    features.sort_unstable_by_key(|f| f.0);
    Model::new(features, start, transitions)
}

/// The model without the features whose every weight is smaller than `min_weight` in magnitude:
/// they barely move a score, and a smaller table is faster to look up.
pub fn pruned(model: &Model, min_weight: f32) -> Model {
    let mut features: Vec<(u64, Row)> =
        model.features().filter(|(_, row)| row.iter().any(|w| w.abs() >= min_weight)).map(|(k, r)| (k, *r)).collect();
    features.sort_unstable_by_key(|f| f.0);
    Model::new(features, model.start, model.transitions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_toy_pattern_and_is_reproducible() {
        // A word 7 after a word 5 is B-PER, the word after it I-PER; anything else O.
        let seq = |ws: &[u64], ls: &[Label]| Example {
            features: ws.iter().map(|w| vec![*w, 1000]).collect(),
            labels: ls.to_vec(),
        };
        let data = vec![
            seq(&[5, 7, 8, 9], &[0, 1, 2, 0]),
            seq(&[9, 5, 7, 8], &[0, 0, 1, 2]),
            seq(&[7, 9, 9], &[1, 0, 0]),
            seq(&[9, 8, 9], &[0, 0, 0]),
        ];
        let a = train(&data, 10, 7, 1);
        let b = train(&data, 10, 7, 1);
        assert_eq!(a, b, "the same seed gives the same model");
        let tag = |ws: &[u64]| a.decode(&ws.iter().map(|w| vec![*w, 1000]).collect::<Vec<_>>());
        assert_eq!(tag(&[9, 5, 7, 8, 9]), [0, 0, 1, 2, 0]);
    }

    #[test]
    fn the_mean_of_models_averages_every_weight_a_missing_one_counting_as_zero() {
        let row = |x: f32| -> Row { std::array::from_fn(|l| x * (l as f32 + 1.0)) };
        let transitions = |x: f32| -> [Row; N_LABELS] { std::array::from_fn(|_| row(x)) };
        let a = Model::new(vec![(11, row(1.0)), (12, row(4.0))], row(2.0), transitions(1.0));
        let b = Model::new(vec![(11, row(3.0))], row(0.0), transitions(3.0));
        let m = mean(&[a, b]);
        assert_eq!(m.row(11), Some(&row(2.0)));
        assert_eq!(m.row(12), Some(&row(2.0)));
        assert_eq!((m.start, m.transitions), (row(1.0), transitions(2.0)));
        assert_eq!(m.len(), 2);
        // Pruning keeps a feature with one weight as large as the bound, drops the others.
        let small = Model::new(
            vec![(11, [0.0, -0.5, 0.1, 0.0, 0.0, 0.0, 0.0]), (12, [0.2; N_LABELS])],
            row(1.0),
            transitions(1.0),
        );
        let p = pruned(&small, 0.5);
        assert_eq!((p.len(), p.row(11).is_some(), p.row(12).is_some()), (1, true, false));
        assert_eq!((p.start, p.transitions), (small.start, small.transitions));
    }
}
