//! Viterbi decoding of one window under the BIO constraints.
//!
//! A window is surrounded by tokens fixed to `O` (or by the sentence's edges, treated alike), so
//! the best path starts after an `O` and ends before one. Forbidden transitions (an `I-X` that
//! does not continue an `X`) are excluded whatever the weights say, so every output is
//! well-formed.
//!
//! The decoder runs for every scored token, so its step is shaped for vector registers. Inside
//! it the labels are reordered as `O`, the four `B-X`, then the four `I-X`. The five *open*
//! labels may follow any label: for each previous label, its score plus its row of
//! transitions into them, the larger kept lane by lane, eight lanes at once. An `I-X` may only
//! continue its `B-X` or itself, so the four of them are two four-lane sums and a maximum. The
//! forward pass keeps only the best totals; the way back finds the predecessor of each chosen
//! label again.

use super::labels::LABELS;

/// The decoder's order of the labels: `ORDER[k]` is the label index of lane `k`.
const ORDER: [usize; LABELS] = [0, 1, 3, 5, 7, 2, 4, 6, 8];
/// The lanes of the open labels (`O` and the `B-X`), and of the `I-X`.
const OPEN: usize = 5;
const TYPES: usize = 4;
/// Lanes of the rows of transitions into the open labels, padded for the vector registers.
const OPEN_LANES: usize = 8;

/// The lane of each label, the inverse of [`ORDER`].
const LANE: [usize; LABELS] = {
    let mut lane = [0; LABELS];
    let mut k = 0;
    while k < LABELS {
        lane[ORDER[k]] = k;
        k += 1;
    }
    lane
};

/// Transition scores in the layout the decoder reads, lanes in [`ORDER`].
#[derive(Clone)]
pub struct Transitions {
    /// `open[previous][next]` for the open labels `next`, 0 in the padding.
    open: [[i32; OPEN_LANES]; LABELS],
    /// The score of `B-X` followed by `I-X`, and of `I-X` followed by `I-X`, by type.
    continue_begin: [i32; TYPES],
    continue_inside: [i32; TYPES],
}

impl Transitions {
    /// Takes `scores[previous][next]` by label index, the layout of the weight file and the
    /// trainer.
    pub fn new(scores: &[[i32; LABELS]; LABELS]) -> Transitions {
        let at = |previous: usize, next: usize| scores[ORDER[previous]][ORDER[next]];
        Transitions {
            open: std::array::from_fn(|previous| {
                std::array::from_fn(|next| if next < OPEN { at(previous, next) } else { 0 })
            }),
            continue_begin: std::array::from_fn(|x| at(1 + x, OPEN + x)),
            continue_inside: std::array::from_fn(|x| at(OPEN + x, OPEN + x)),
        }
    }

    /// The best total into every lane from the lanes' scores at the previous token.
    #[inline(always)]
    fn step(&self, score: &[i32; LABELS]) -> [i32; LABELS] {
        let mut open = [i32::MIN; OPEN_LANES];
        for (&s, row) in score.iter().zip(&self.open) {
            for (best, &t) in open.iter_mut().zip(row) {
                *best = (*best).max(s + t);
            }
        }
        let mut next = [0; LABELS];
        next[..OPEN].copy_from_slice(&open[..OPEN]);
        for x in 0..TYPES {
            let from_begin = score[1 + x] + self.continue_begin[x];
            let from_inside = score[OPEN + x] + self.continue_inside[x];
            next[OPEN + x] = from_begin.max(from_inside);
        }
        next
    }

    /// The lane before lane `next` on the best path, given the lanes' scores up to it: the
    /// argument of the maximum that [`Transitions::step`] took, ties to the lower label index.
    fn best_from(&self, score: &[i32; LABELS], next: usize) -> usize {
        if next >= OPEN {
            let x = next - OPEN;
            // The B-X has the lower label index.
            let from_begin = score[1 + x] + self.continue_begin[x];
            let from_inside = score[next] + self.continue_inside[x];
            return if from_inside > from_begin { next } else { 1 + x };
        }
        let mut best = i32::MIN;
        let mut from = 0;
        for &previous in &LANE {
            let total = score[previous] + self.open[previous][next];
            if total > best {
                best = total;
                from = previous;
            }
        }
        from
    }
}

/// Reusable buffers for [`Decoder::best_path`].
#[derive(Default)]
pub struct Decoder {
    /// The score of each lane at each token but the last.
    scores: Vec<[i32; LABELS]>,
}

impl Decoder {
    /// Writes into `path` the highest-scoring well-formed label sequence for `emissions` (one
    /// score row per token, by label index). Ties go to the lower label index.
    pub fn best_path(&mut self, emissions: &[[i32; LABELS]], transitions: &Transitions, path: &mut Vec<u8>) {
        path.clear();
        let Some((first, rest)) = emissions.split_first() else { return };
        self.scores.clear();
        let lanes = |row: &[i32; LABELS]| -> [i32; LABELS] { std::array::from_fn(|k| row[ORDER[k]]) };
        // The window starts after an `O`, and an I-X cannot: it is left far enough below every
        // reachable label to lose every comparison, with room to add to without overflow.
        let first = lanes(first);
        let mut score: [i32; LABELS] = std::array::from_fn(|k| match k {
            0..OPEN => transitions.open[0][k] + first[k],
            _ => i32::MIN / 4,
        });
        normalise(&mut score);
        for row in rest {
            self.scores.push(score);
            let mut next = transitions.step(&score);
            for (s, e) in next.iter_mut().zip(lanes(row)) {
                *s += e;
            }
            normalise(&mut next);
            score = next;
        }
        // The last label is the best predecessor of the `O` after the window.
        let mut lane = transitions.best_from(&score, 0);
        path.resize(emissions.len(), 0);
        for (slot, score) in path.iter_mut().rev().zip(self.scores.iter().rev().map(Some).chain([None])) {
            *slot = ORDER[lane] as u8;
            if let Some(score) = score {
                lane = transitions.best_from(score, lane);
            }
        }
    }
}

/// Shifts the scores so that `O`'s is 0. Only their differences matter, and this keeps them
/// within one step's spread (a few million), however long the window, so sums cannot overflow.
#[inline(always)]
fn normalise(score: &mut [i32; LABELS]) {
    let outside = score[0];
    for s in score.iter_mut() {
        *s -= outside;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::labels::may_follow;

    fn decode(emissions: &[[i32; LABELS]], transitions: &[[i32; LABELS]; LABELS]) -> Vec<u8> {
        let mut path = Vec::new();
        Decoder::default().best_path(emissions, &Transitions::new(transitions), &mut path);
        path
    }

    /// Every well-formed path scored by brute force, the best kept. Paths are enumerated with
    /// the last token's label most significant, so the first of tied paths is the one the
    /// decoder's tie rule picks: the lowest last label, then the lowest predecessor, and so on.
    fn brute_force(emissions: &[[i32; LABELS]], transitions: &[[i32; LABELS]; LABELS]) -> Vec<u8> {
        let n = emissions.len();
        let mut best: Option<(i64, Vec<u8>)> = None;
        for code in 0..LABELS.pow(n as u32) {
            let path: Vec<u8> = (0..n).map(|k| (code / LABELS.pow(k as u32) % LABELS) as u8).collect();
            let mut previous = 0;
            let mut total = 0i64;
            let mut valid = true;
            for (k, &label) in path.iter().enumerate() {
                valid &= may_follow(previous, label as usize);
                total += i64::from(transitions[previous][label as usize] + emissions[k][label as usize]);
                previous = label as usize;
            }
            total += i64::from(transitions[previous][0]);
            if valid && best.as_ref().map_or(true, |(b, _)| total > *b) {
                best = Some((total, path));
            }
        }
        best.map(|(_, p)| p).unwrap_or_default()
    }

    /// A deterministic spread of scores, with many ties among small values.
    fn pseudo_random(seed: &mut u64, range: i32) -> i32 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((*seed >> 33) as i32).rem_euclid(2 * range + 1) - range
    }

    #[test]
    fn matches_brute_force_on_random_scores() {
        let mut seed = 7;
        for case in 0..300 {
            let range = if case % 2 == 0 { 3 } else { 1000 };
            let n = 1 + case % 3;
            let emissions: Vec<[i32; LABELS]> =
                (0..n).map(|_| std::array::from_fn(|_| pseudo_random(&mut seed, range))).collect();
            let transitions = std::array::from_fn(|_| std::array::from_fn(|_| pseudo_random(&mut seed, range)));
            assert_eq!(decode(&emissions, &transitions), brute_force(&emissions, &transitions), "case {case}");
        }
    }

    #[test]
    fn follows_emissions_without_transitions() {
        let mut e = [[0; LABELS]; 3];
        e[0][1] = 5;
        e[1][2] = 5;
        e[2][0] = 5;
        assert_eq!(decode(&e, &[[0; LABELS]; LABELS]), [1, 2, 0]);
    }

    #[test]
    fn never_starts_or_continues_wrongly_with_inside() {
        // Emissions that want I-ORG first and I-PER after B-ORG: both forbidden.
        let mut e = [[0; LABELS]; 3];
        e[0][4] = 100;
        e[1][3] = 100;
        e[2][2] = 100;
        let path = decode(&e, &[[0; LABELS]; LABELS]);
        let mut previous = 0;
        for &label in &path {
            assert!(may_follow(previous, label as usize), "{path:?}");
            previous = label as usize;
        }
    }

    #[test]
    fn transitions_can_outweigh_emissions() {
        let mut e = [[0; LABELS]; 2];
        e[0][1] = 10;
        e[1][0] = 3;
        e[1][2] = 1;
        let mut t = [[0; LABELS]; LABELS];
        t[1][2] = 5;
        assert_eq!(decode(&e, &t), [1, 2]);
    }

    /// Sums over a long window would overflow `i32` without the normalisation.
    #[test]
    fn long_windows_of_large_scores_do_not_overflow() {
        let mut row = [0; LABELS];
        row[1] = 1_000_000;
        row[2] = 2_000_000;
        let path = decode(&vec![row; 5_000], &[[0; LABELS]; LABELS]);
        assert_eq!(path[0], 1);
        assert!(path[1..].iter().all(|&l| l == 2));
    }

    #[test]
    fn empty_window() {
        assert!(decode(&[], &[[0; LABELS]; LABELS]).is_empty());
    }
}
