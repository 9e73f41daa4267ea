//! The averaged structured perceptron (Collins 2002), and quantisation of its weights into the
//! tagger's file format.
//!
//! Training windows are stored once as dense feature ids, so an epoch is only table reads and
//! integer updates. Averaging uses the usual trick: alongside each weight, the sum of its
//! updates weighted by the step they happened at, so the average is recovered at the end
//! without touching every weight at every step.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::decode::Decoder;
use crate::model::labels::LABELS;
use crate::model::weights::Weights;

/// Training windows with their features as dense ids.
#[derive(Default)]
pub struct Corpus {
    /// Feature ids of every token, concatenated.
    ids: Vec<u32>,
    /// Where each token's ids end in `ids`.
    token_ends: Vec<usize>,
    /// Gold label index of each token.
    gold: Vec<u8>,
    /// Token ranges of the windows.
    windows: Vec<Range<usize>>,
    /// The fingerprint of each dense id.
    pub keys: Vec<u32>,
    index: HashMap<u32, u32>,
    counts: Vec<u32>,
}

impl Corpus {
    /// Adds one window: the fingerprints and gold label of each of its tokens.
    pub fn add_window(&mut self, tokens: impl Iterator<Item = (Vec<u32>, u8)>) {
        let start = self.gold.len();
        for (keys, gold) in tokens {
            for key in keys {
                let next = self.keys.len() as u32;
                let id = *self.index.entry(key).or_insert(next);
                if id == next {
                    self.keys.push(key);
                    self.counts.push(0);
                }
                self.counts[id as usize] += 1;
                self.ids.push(id);
            }
            self.token_ends.push(self.ids.len());
            self.gold.push(gold);
        }
        self.windows.push(start..self.gold.len());
    }

    /// Drops features seen fewer than `min_count` times, renumbering the rest.
    pub fn prune(&mut self, min_count: u32) {
        let mut remap = vec![u32::MAX; self.keys.len()];
        let mut keys = Vec::new();
        for (id, &count) in self.counts.iter().enumerate() {
            if count >= min_count {
                remap[id] = keys.len() as u32;
                keys.push(self.keys[id]);
            }
        }
        let mut ids = Vec::with_capacity(self.ids.len());
        let mut start = 0;
        for end in &mut self.token_ends {
            ids.extend(self.ids[start..*end].iter().map(|&id| remap[id as usize]).filter(|&id| id != u32::MAX));
            start = *end;
            *end = ids.len();
        }
        self.ids = ids;
        self.keys = keys;
        self.counts.clear();
        self.index.clear();
    }

    /// How many tokens the windows hold.
    pub fn tokens(&self) -> usize {
        self.gold.len()
    }

    fn token_ids(&self, token: usize) -> &[u32] {
        let start = if token == 0 { 0 } else { self.token_ends[token - 1] };
        &self.ids[start..self.token_ends[token]]
    }
}

/// Perceptron weights with their averaging sums.
pub struct Perceptron {
    weights: Vec<[i32; LABELS]>,
    sums: Vec<[i64; LABELS]>,
    transitions: [[i32; LABELS]; LABELS],
    transition_sums: [[i64; LABELS]; LABELS],
    step: i64,
    decoder: Decoder,
    emissions: Vec<[i32; LABELS]>,
    path: Vec<u8>,
}

impl Perceptron {
    /// Zero weights for `features` features.
    pub fn new(features: usize) -> Perceptron {
        Perceptron {
            weights: vec![[0; LABELS]; features],
            sums: vec![[0; LABELS]; features],
            transitions: [[0; LABELS]; LABELS],
            transition_sums: [[0; LABELS]; LABELS],
            step: 1,
            decoder: Decoder::default(),
            emissions: Vec::new(),
            path: Vec::new(),
        }
    }

    /// One pass over the windows in an order shuffled by `seed`; returns the number of windows
    /// decoded wrongly.
    pub fn epoch(&mut self, corpus: &Corpus, seed: u64) -> usize {
        let mut order: Vec<usize> = (0..corpus.windows.len()).collect();
        let mut rng = SplitMix(seed);
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let mut mistakes = 0;
        for w in order {
            mistakes += usize::from(self.learn(corpus, corpus.windows[w].clone()));
            self.step += 1;
        }
        mistakes
    }

    fn learn(&mut self, corpus: &Corpus, window: Range<usize>) -> bool {
        self.emissions.clear();
        for token in window.clone() {
            let mut scores = [0i32; LABELS];
            for &id in corpus.token_ids(token) {
                for (s, w) in scores.iter_mut().zip(&self.weights[id as usize]) {
                    *s += w;
                }
            }
            self.emissions.push(scores);
        }
        self.decoder.best_path(&self.emissions, &self.transitions, &mut self.path);
        let gold = &corpus.gold[window.clone()];
        if self.path == gold {
            return false;
        }
        let step = self.step;
        let path = std::mem::take(&mut self.path);
        for (k, token) in window.enumerate() {
            let (g, p) = (gold[k] as usize, path[k] as usize);
            if g != p {
                for &id in corpus.token_ids(token) {
                    let id = id as usize;
                    self.weights[id][g] += 1;
                    self.weights[id][p] -= 1;
                    self.sums[id][g] += step;
                    self.sums[id][p] -= step;
                }
            }
        }
        let mut bump = |labels: &[u8], delta: i32| {
            let mut previous = 0usize;
            for &label in labels.iter().chain(std::iter::once(&0)) {
                self.transitions[previous][label as usize] += delta;
                self.transition_sums[previous][label as usize] += i64::from(delta) * step;
                previous = label as usize;
            }
        };
        bump(gold, 1);
        bump(&path, -1);
        self.path = path;
        true
    }

    /// The averaged weights: emissions per feature id, then transitions.
    pub fn averaged(&self) -> (Vec<[f32; LABELS]>, [[f32; LABELS]; LABELS]) {
        let step = self.step as f64;
        let average = |w: i32, s: i64| (f64::from(w) - s as f64 / step) as f32;
        let emissions =
            self.weights.iter().zip(&self.sums).map(|(w, s)| std::array::from_fn(|l| average(w[l], s[l]))).collect();
        let transitions = std::array::from_fn(|p| {
            std::array::from_fn(|n| average(self.transitions[p][n], self.transition_sums[p][n]))
        });
        (emissions, transitions)
    }
}

/// Quantises averaged weights into a weight file. One quantum is the `quantile` of the
/// absolute non-zero weights divided by 127; larger weights are clipped. Features whose
/// weights all round to zero are dropped, and only the `max_features` with the largest
/// weights are kept.
pub fn quantise(
    keys: &[u32],
    emissions: &[[f32; LABELS]],
    transitions: &[[f32; LABELS]; LABELS],
    quantile: f64,
    max_features: usize,
) -> Vec<u8> {
    let mut magnitudes: Vec<f32> = emissions.iter().flatten().map(|w| w.abs()).filter(|&w| w > 0.0).collect();
    magnitudes.sort_unstable_by(f32::total_cmp);
    let at = ((magnitudes.len() as f64 * quantile) as usize).min(magnitudes.len().saturating_sub(1));
    let scale = magnitudes.get(at).copied().unwrap_or(1.0).max(f32::MIN_POSITIVE) / 127.0;
    let mut rows: Vec<(u32, [i8; LABELS])> = keys
        .iter()
        .zip(emissions)
        .map(|(&key, w)| (key, w.map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)))
        .filter(|(_, q)| q.iter().any(|&x| x != 0))
        .collect();
    if rows.len() > max_features {
        rows.sort_by_key(|(key, q)| (std::cmp::Reverse(q.iter().map(|&x| i32::from(x).abs()).sum::<i32>()), *key));
        rows.truncate(max_features);
    }
    let transitions = transitions.map(|row| row.map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16));
    Weights::write(&transitions, &mut rows, scale)
}

/// A small deterministic generator for shuffling (splitmix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tagger;

    /// Two features that each predict one label; the perceptron must learn both.
    #[test]
    fn learns_a_separable_toy_problem() {
        let mut corpus = Corpus::default();
        for _ in 0..5 {
            corpus.add_window([(vec![11, 99], 1u8), (vec![22, 99], 2u8), (vec![33, 99], 0u8)].into_iter());
            corpus.add_window([(vec![33, 99], 0u8)].into_iter());
        }
        corpus.prune(2);
        let mut perceptron = Perceptron::new(corpus.keys.len());
        for epoch in 0..5 {
            perceptron.epoch(&corpus, epoch);
        }
        assert_eq!(perceptron.epoch(&corpus, 9), 0);
        let (emissions, transitions) = perceptron.averaged();
        let bytes = quantise(&corpus.keys, &emissions, &transitions, 1.0, 100);
        assert!(Tagger::from_bytes(&bytes).is_ok());
    }
}
