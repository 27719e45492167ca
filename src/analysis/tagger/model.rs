//! A linear sequence model over hashed features: a weight per (feature, label), a weight per label
//! transition and per first label, Viterbi decoding under BIO constraints, and its file format.
//!
//! File format (little-endian): the magic `ISNADTAG`, the format version, the feature version it
//! was trained with, the number of labels, the number of features, the weight scale (f32), the
//! first-label and transition weights (f32), then each feature's key (u64) and its weights as
//! 16-bit integers times the scale, and last a checksum of everything before it. A file that does
//! not read back exactly is an error with the reason, never a panic.

use super::features::FEATURE_VERSION;
use super::{allowed, Label, N_LABELS};

const MAGIC: &[u8; 8] = b"ISNADTAG";
const FORMAT_VERSION: u32 = 1;

/// Weights of one label set.
pub type Row = [f32; N_LABELS];

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub feature_version: u32,
    /// Open addressing over the feature keys (key 0 = empty slot), each key beside its weights,
    /// so that a lookup touches one cache line.
    table: Vec<Slot>,
    len: usize,
    /// One bit per hash of each key ([`filter_bit`]): most features looked up are not in the
    /// model (bigrams, rare words), and this small bitset, which stays in cache, says so without
    /// touching the table.
    filter: Vec<u64>,
    pub start: Row,
    /// `transitions[prev][next]`.
    pub transitions: [Row; N_LABELS],
}

/// One slot of a [`Model`]'s table.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Slot {
    key: u64,
    row: Row,
}

/// log2 of the number of bits of a model's filter (128 KiB).
const FILTER_BITS: u32 = 20;

fn filter_bit(key: u64) -> usize {
    (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - FILTER_BITS)) as usize
}

fn slot_of(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20) as usize & mask
}

impl Model {
    /// A model of these feature weights (keys must be distinct and non-zero; zero rows dropped).
    pub fn new(features: Vec<(u64, Row)>, start: Row, transitions: [Row; N_LABELS]) -> Model {
        let features: Vec<(u64, Row)> =
            features.into_iter().filter(|(k, r)| *k != 0 && r.iter().any(|w| *w != 0.0)).collect();
        let size = (features.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut table = vec![Slot { key: 0, row: [0.0; N_LABELS] }; size];
        let mut len = 0;
        let mut filter = vec![0u64; (1 << FILTER_BITS) / 64];
        for (key, row) in features {
            let bit = filter_bit(key);
            filter[bit / 64] |= 1 << (bit % 64);
            let mut s = slot_of(key, mask);
            while table[s].key != 0 && table[s].key != key {
                s = (s + 1) & mask;
            }
            if table[s].key == key {
                continue;
            }
            table[s] = Slot { key, row };
            len += 1;
        }
        Model { feature_version: FEATURE_VERSION, table, len, filter, start, transitions }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The weights of a feature, if the model has any.
    pub fn row(&self, key: u64) -> Option<&Row> {
        let bit = filter_bit(key);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut s = slot_of(key, mask);
        loop {
            let slot = &self.table[s];
            match slot.key {
                0 => return None,
                k if k == key => return Some(&slot.row),
                _ => s = (s + 1) & mask,
            }
        }
    }

    /// Every feature with its weights, in no particular order.
    pub fn features(&self) -> impl Iterator<Item = (u64, &Row)> {
        self.table.iter().filter(|s| s.key != 0).map(|s| (s.key, &s.row))
    }

    /// The label scores of one token from its features.
    pub fn scores(&self, features: &[u64]) -> Row {
        let mut out = [0f32; N_LABELS];
        for &f in features {
            if let Some(row) = self.row(f) {
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
        out
    }

    /// The best label sequence that obeys BIO.
    pub fn decode(&self, features: &[Vec<u64>]) -> Vec<Label> {
        let emissions: Vec<Row> = features.iter().map(|f| self.scores(f)).collect();
        viterbi(&emissions, &self.start, &self.transitions)
    }

    /// The model's bytes (see the module documentation).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&self.feature_version.to_le_bytes());
        out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
        let mut features: Vec<(u64, &Row)> = self.features().collect();
        features.sort_by_key(|(k, _)| *k);
        out.extend_from_slice(&(features.len() as u32).to_le_bytes());
        let max = features.iter().flat_map(|(_, r)| r.iter()).fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / i16::MAX as f32 } else { 1.0 };
        out.extend_from_slice(&scale.to_le_bytes());
        for w in self.start.iter().chain(self.transitions.iter().flatten()) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        for (key, row) in features {
            out.extend_from_slice(&key.to_le_bytes());
            for w in row {
                let q = (w / scale).round().clamp(i16::MIN as f32, i16::MAX as f32) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model file, or says what is wrong with it.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not an isnad tagger model (wrong magic)".into());
        }
        let format = r.u32()?;
        if format != FORMAT_VERSION {
            return Err(format!("model format {format}, this isnad reads format {FORMAT_VERSION}"));
        }
        let feature_version = r.u32()?;
        if feature_version != FEATURE_VERSION {
            return Err(format!(
                "model trained with feature version {feature_version}, this isnad computes version {FEATURE_VERSION}: retrain it"
            ));
        }
        if r.u32()? as usize != N_LABELS {
            return Err(format!("the model does not have the {N_LABELS} labels this isnad uses"));
        }
        let n = r.u32()? as usize;
        let scale = r.f32()?;
        let expected = 8 + 4 * 5 + 4 * N_LABELS * (N_LABELS + 1) + n * (8 + 2 * N_LABELS) + 8;
        if bytes.len() != expected {
            return Err(format!("the model file is {} bytes, {expected} expected (truncated or corrupt)", bytes.len()));
        }
        let body = &bytes[..bytes.len() - 8];
        let stored = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().map_err(|_| "short checksum")?);
        if checksum(body) != stored {
            return Err("the model file's checksum does not match (corrupt)".into());
        }
        let mut start = [0f32; N_LABELS];
        for w in start.iter_mut() {
            *w = r.f32()?;
        }
        let mut transitions = [[0f32; N_LABELS]; N_LABELS];
        for row in transitions.iter_mut() {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        let mut features = Vec::with_capacity(n);
        for _ in 0..n {
            let key = r.u64()?;
            let mut row = [0f32; N_LABELS];
            for w in row.iter_mut() {
                *w = r.i16()? as f32 * scale;
            }
            features.push((key, row));
        }
        let mut model = Model::new(features, start, transitions);
        model.feature_version = feature_version;
        Ok(model)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let out = self.bytes.get(self.at..self.at + n).ok_or("the model file is truncated")?;
        self.at += n;
        Ok(out)
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "bad u32")?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().map_err(|_| "bad u64")?))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "bad f32")?))
    }
    fn i16(&mut self) -> Result<i16, String> {
        Ok(i16::from_le_bytes(self.take(2)?.try_into().map_err(|_| "bad i16")?))
    }
}

/// FNV-1a over the bytes.
fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01B3))
}

/// Viterbi over emission scores, a start row and transitions, with BIO constraints.
pub fn viterbi(emissions: &[Row], start: &Row, transitions: &[Row; N_LABELS]) -> Vec<Label> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let mut score = [NEG; N_LABELS];
    for l in 0..N_LABELS {
        if allowed(None, l as Label) {
            score[l] = start[l] + emissions[0][l];
        }
    }
    // The transitions with the ones BIO forbids at minus infinity, so that the loop has no test.
    let mut masked = *transitions;
    for (p, row) in masked.iter_mut().enumerate() {
        for (l, w) in row.iter_mut().enumerate() {
            if !allowed(Some(p as Label), l as Label) {
                *w = NEG;
            }
        }
    }
    let mut back: Vec<[u8; N_LABELS]> = vec![[0; N_LABELS]; n];
    for t in 1..n {
        // For every label at once, the best previous label: each previous label in turn, kept
        // where it scores strictly higher (so the first best wins, as label by label), in a form
        // the compiler turns into vector operations.
        let mut best = [NEG; N_LABELS];
        let mut from = [0u8; N_LABELS];
        for (p, row) in masked.iter().enumerate() {
            for l in 0..N_LABELS {
                let s = score[p] + row[l];
                let better = s > best[l];
                best[l] = if better { s } else { best[l] };
                from[l] = if better { p as u8 } else { from[l] };
            }
        }
        for l in 0..N_LABELS {
            if best[l] > NEG {
                score[l] = best[l] + emissions[t][l];
                back[t][l] = from[l];
            } else {
                score[l] = NEG;
            }
        }
    }
    let mut last = (0..N_LABELS).max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a))).unwrap_or(0);
    let mut out = vec![0u8; n];
    for t in (0..n).rev() {
        out[t] = last as u8;
        last = back[t][last] as usize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Model {
        let mut t = [[0f32; N_LABELS]; N_LABELS];
        t[1][2] = 1.0;
        Model::new(
            vec![(42, [0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0]), (43, [0.0, 0.0, 1.5, 0.0, 0.0, 0.0, 0.0])],
            [0.0; N_LABELS],
            t,
        )
    }

    #[test]
    fn decodes_under_bio_and_round_trips() {
        let m = toy();
        assert_eq!(m.decode(&[vec![42], vec![43], vec![]]), [1, 2, 0]);
        // I-PER cannot start a sequence, whatever its score.
        assert_eq!(m.decode(&[vec![43]]), [0]);
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.len(), 2);
        assert!((back.row(42).unwrap()[1] - 2.0).abs() < 1e-3);
        assert_eq!(back.decode(&[vec![42], vec![43], vec![]]), [1, 2, 0]);
    }

    #[test]
    fn a_damaged_file_is_an_error_with_the_reason() {
        let bytes = toy().to_bytes();
        assert!(Model::from_bytes(&bytes[..bytes.len() - 3]).unwrap_err().contains("truncated or corrupt"));
        let mut flipped = bytes.clone();
        flipped[60] ^= 1;
        assert!(Model::from_bytes(&flipped).unwrap_err().contains("checksum"));
        assert!(Model::from_bytes(b"not a model").unwrap_err().contains("magic") || Model::from_bytes(b"").is_err());
        let mut version = bytes;
        version[12] = 99;
        assert!(Model::from_bytes(&version).unwrap_err().contains("feature version"));
    }
}
