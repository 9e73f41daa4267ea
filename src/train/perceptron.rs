//! The averaged structured perceptron (Collins 2002), and quantisation of its weights into the
//! tagger's file format.
//!
//! Training windows are stored once as dense feature ids, so an epoch is only table reads and
//! integer updates. Averaging uses the usual trick: alongside each weight, the sum of its
//! updates weighted by the step they happened at, so the average is recovered at the end
//! without touching every weight at every step.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::decode::{Decoder, Transitions};
use crate::model::features::{history_key, history_keys, History};
use crate::model::labels::LABELS;
use crate::model::weights::{Weights, CODES};

/// Training windows with their features as dense ids.
#[derive(Default)]
pub struct Corpus {
    /// Feature ids of every token, concatenated.
    ids: Vec<u32>,
    /// Where each token's ids end in `ids`.
    token_ends: Vec<usize>,
    /// Gold label index of each token.
    gold: Vec<u8>,
    /// Folded word hash, capitalisation class, and whether the history remembers it, per token.
    words: Vec<(u64, u8, bool)>,
    /// Token ranges of the windows.
    windows: Vec<Range<usize>>,
    /// Window ranges of the documents.
    documents: Vec<Range<usize>>,
    /// The fingerprint of each dense id.
    pub keys: Vec<u32>,
    index: HashMap<u32, u32>,
    counts: Vec<u32>,
}

impl Corpus {
    /// A corpus with ids for every history feature, which appear only while training.
    pub fn new() -> Corpus {
        let mut corpus = Corpus::default();
        for key in history_keys() {
            corpus.id(key, u32::MAX / 2);
        }
        corpus
    }

    fn id(&mut self, key: u32, count: u32) -> u32 {
        let next = self.keys.len() as u32;
        let id = *self.index.entry(key).or_insert(next);
        if id == next {
            self.keys.push(key);
            self.counts.push(0);
        }
        self.counts[id as usize] = self.counts[id as usize].saturating_add(count);
        id
    }

    /// Starts a new document: its windows share a prediction history.
    pub fn start_document(&mut self) {
        self.documents.push(self.windows.len()..self.windows.len());
    }

    /// Adds one window of the current document, in document order.
    pub fn add_window(&mut self, tokens: impl Iterator<Item = TrainingToken>) {
        let start = self.gold.len();
        for token in tokens {
            for key in token.keys {
                let id = self.id(key, 1);
                self.ids.push(id);
            }
            self.token_ends.push(self.ids.len());
            self.gold.push(token.gold);
            self.words.push((token.word, token.class, token.remembered));
        }
        self.windows.push(start..self.gold.len());
        if let Some(document) = self.documents.last_mut() {
            document.end = self.windows.len();
        }
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
        self.index = self.keys.iter().enumerate().map(|(id, &key)| (key, id as u32)).collect();
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

/// One token of a training window.
pub struct TrainingToken {
    /// Its feature fingerprints.
    pub keys: Vec<u32>,
    /// Its gold label index.
    pub gold: u8,
    /// Its folded word hash.
    pub word: u64,
    /// Its capitalisation class.
    pub class: u8,
    /// Whether the prediction history remembers it.
    pub remembered: bool,
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

    /// One pass over the documents in an order shuffled by `seed`, each document's windows in
    /// order with the history of the model's own predictions; returns the number of windows
    /// decoded wrongly.
    pub fn epoch(&mut self, corpus: &Corpus, seed: u64) -> usize {
        let mut order: Vec<usize> = (0..corpus.documents.len()).collect();
        let mut rng = SplitMix(seed);
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let mut history = History::default();
        let mut extra = Vec::new();
        let mut mistakes = 0;
        for d in order {
            history.clear();
            for window in corpus.windows[corpus.documents[d].clone()].iter().cloned() {
                extra.clear();
                extra.extend(corpus.words[window.clone()].iter().map(|&(word, class, remembered)| {
                    let recalled = if remembered { history.recall(word) } else { 0 };
                    (recalled != 0).then(|| corpus.index.get(&history_key(recalled, class)).copied()).flatten()
                }));
                mistakes += usize::from(self.learn(corpus, window.clone(), &extra));
                self.step += 1;
                for (&(word, _, remembered), &label) in corpus.words[window].iter().zip(&self.path) {
                    if remembered {
                        history.record(word, label);
                    }
                }
            }
        }
        mistakes
    }

    /// Decodes one window (tokens' ids plus `extra` ids) into `self.path` and updates the
    /// weights if it is wrong; returns whether it was.
    fn learn(&mut self, corpus: &Corpus, window: Range<usize>, extra: &[Option<u32>]) -> bool {
        self.emissions.clear();
        for (k, token) in window.clone().enumerate() {
            let mut scores = [0i32; LABELS];
            for &id in corpus.token_ids(token).iter().chain(extra[k].as_ref()) {
                for (s, w) in scores.iter_mut().zip(&self.weights[id as usize]) {
                    *s += w;
                }
            }
            self.emissions.push(scores);
        }
        self.decoder.best_path(&self.emissions, &Transitions::new(&self.transitions), &mut self.path);
        let gold = &corpus.gold[window.clone()];
        if self.path == gold {
            return false;
        }
        let step = self.step;
        let path = std::mem::take(&mut self.path);
        for (k, token) in window.enumerate() {
            let (g, p) = (gold[k] as usize, path[k] as usize);
            if g != p {
                for &id in corpus.token_ids(token).iter().chain(extra[k].as_ref()) {
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

/// Quantises averaged weights into a weight file.
///
/// Magnitudes are coded on a log scale from `floor × top` to `top`, where `top` is the
/// largest emission weight, so every weight keeps about the same relative precision. Weights
/// below half the floor become zero, features left with no weight are dropped, and only the
/// `max_features` with the largest weights are kept.
pub fn quantise(
    keys: &[u32],
    emissions: &[[f32; LABELS]],
    transitions: &[[f32; LABELS]; LABELS],
    floor: f64,
    max_features: usize,
    vocabulary: &[u32],
) -> Vec<u8> {
    let top = emissions.iter().flatten().fold(0f64, |m, w| m.max(f64::from(w.abs()))).max(f64::MIN_POSITIVE);
    // The runtime unit: the top weight maps to 30,000, leaving headroom in i16.
    let unit = top / 30_000.0;
    let low = top * floor;
    let steps = (CODES - 2) as f64;
    let ratio = (top / low).ln().max(f64::MIN_POSITIVE);
    let codebook: [u16; CODES] = std::array::from_fn(|c| match c {
        0 => 0,
        _ => (low * (ratio * (c - 1) as f64 / steps).exp() / unit).round().clamp(1.0, 30_000.0) as u16,
    });
    let code = |w: f32| -> i8 {
        let magnitude = f64::from(w.abs());
        if magnitude < low / 2.0 {
            return 0;
        }
        let c = (1.0 + ((magnitude / low).ln() / ratio * steps).round()).clamp(1.0, (CODES - 1) as f64) as i8;
        if w < 0.0 {
            -c
        } else {
            c
        }
    };
    let mut rows: Vec<(u32, [i8; LABELS])> = keys
        .iter()
        .zip(emissions)
        .map(|(&key, w)| (key, w.map(code)))
        .filter(|(_, q)| q.iter().any(|&x| x != 0))
        .collect();
    if rows.len() > max_features {
        let mass =
            |q: &[i8; LABELS]| q.iter().map(|&c| u32::from(codebook[usize::from(c.unsigned_abs())])).sum::<u32>();
        rows.sort_by_key(|(key, q)| (std::cmp::Reverse(mass(q)), *key));
        rows.truncate(max_features);
    }
    let transitions = transitions.map(|row| row.map(|x| (f64::from(x) / unit).round().clamp(-32767.0, 32767.0) as i16));
    Weights::write(&transitions, &codebook, &mut rows, &mut vocabulary.to_vec())
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
        let token =
            |keys: &[u32], gold: u8| TrainingToken { keys: keys.to_vec(), gold, word: 7, class: 2, remembered: true };
        let mut corpus = Corpus::new();
        for _ in 0..5 {
            corpus.start_document();
            corpus.add_window([token(&[11, 99], 1), token(&[22, 99], 2), token(&[33, 99], 0)].into_iter());
            corpus.add_window([token(&[33, 99], 0)].into_iter());
        }
        corpus.prune(2);
        let mut perceptron = Perceptron::new(corpus.keys.len());
        for epoch in 0..5 {
            perceptron.epoch(&corpus, epoch);
        }
        assert_eq!(perceptron.epoch(&corpus, 9), 0);
        let (emissions, transitions) = perceptron.averaged();
        let bytes = quantise(&corpus.keys, &emissions, &transitions, 0.001, 100, &[5]);
        assert!(Tagger::from_bytes(&bytes).is_ok());
    }
}
