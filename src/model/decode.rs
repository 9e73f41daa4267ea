//! Viterbi decoding of one window under the BIO constraints.
//!
//! A window is surrounded by tokens fixed to `O` (or by the sentence's edges, treated alike), so
//! the best path starts after an `O` and ends before one. Forbidden transitions (an `I-X` that
//! does not continue an `X`) are excluded whatever the weights say, so every output is
//! well-formed.
//!
//! The decoder runs for every scored token, so the constraints are not tested in its loop: an
//! `O` or a `B-X` may follow any label, and an `I-X` only `B-X` or `I-X`, so each step compares
//! those two predecessors for an `I-X` and all nine for the others, 53 candidates instead of 81,
//! over fixed-size arrays the compiler unrolls without bounds checks.

use super::labels::LABELS;

/// The first label of each type's `B-`/`I-` pair: `O` is 0, then `B-X` at odd indices and `I-X`
/// right after it.
const BEGINS: [usize; 4] = [1, 3, 5, 7];

/// A score low enough to lose to any reachable label, with room to add to without overflow.
const FORBIDDEN: i32 = i32::MIN / 4;

/// Transition scores in the layout the decoder reads.
#[derive(Clone)]
pub struct Transitions {
    /// `into[next][previous]`: the score of `previous` followed by `next`, so that the
    /// candidates for one label lie side by side.
    into: [[i32; LABELS]; LABELS],
}

impl Transitions {
    /// Takes `scores[previous][next]`, the layout of the weight file and the trainer.
    pub fn new(scores: &[[i32; LABELS]; LABELS]) -> Transitions {
        Transitions { into: std::array::from_fn(|next| std::array::from_fn(|previous| scores[previous][next])) }
    }

    /// The score of the first token's label, after the `O` before the window; `None` for an
    /// `I-X`, which cannot start a name.
    fn start(&self, label: usize) -> Option<i32> {
        (label == 0 || label % 2 == 1).then_some(self.into[label][0])
    }

    /// The best total into `next`, an `O` or a `B-X`, from any label with scores `score`.
    #[inline(always)]
    fn best_into(&self, score: &[i32; LABELS], next: usize) -> i32 {
        let into = &self.into[next];
        score.iter().zip(into).map(|(s, t)| s + t).fold(i32::MIN, i32::max)
    }

    /// The label before `next` on the best path, given the scores up to it: the argument of
    /// the maximum that [`Transitions::best_into`] took, ties to the lower index.
    fn best_from(&self, score: &[i32; LABELS], next: usize) -> usize {
        let into = &self.into[next];
        if next != 0 && next % 2 == 0 {
            let begin = next - 1;
            return if score[next] + into[next] > score[begin] + into[begin] { next } else { begin };
        }
        let mut best = score[0] + into[0];
        let mut from = 0;
        for previous in 1..LABELS {
            let s = score[previous] + into[previous];
            if s > best {
                best = s;
                from = previous;
            }
        }
        from
    }
}

/// Reusable buffers for [`Decoder::best_path`].
#[derive(Default)]
pub struct Decoder {
    /// The score of each label at each token but the last.
    scores: Vec<[i32; LABELS]>,
}

impl Decoder {
    /// Writes into `path` the highest-scoring well-formed label sequence for `emissions` (one
    /// score row per token). Ties go to the lower label index.
    ///
    /// The forward pass keeps only the best totals, which is cheaper than tracking where each
    /// came from; the way back finds the predecessor of each chosen label again, nine
    /// comparisons a token instead of fifty-three.
    pub fn best_path(&mut self, emissions: &[[i32; LABELS]], transitions: &Transitions, path: &mut Vec<u8>) {
        path.clear();
        let Some((first, rest)) = emissions.split_first() else { return };
        self.scores.clear();
        // Every label but an I-X at the start is reachable, so at least one score is real; an
        // unreachable I-X is left far enough below it to lose every comparison.
        let mut score: [i32; LABELS] = std::array::from_fn(|label| match transitions.start(label) {
            Some(t) => t + first[label],
            None => FORBIDDEN,
        });
        normalise(&mut score);
        for row in rest {
            self.scores.push(score);
            let mut next = [0; LABELS];
            next[0] = transitions.best_into(&score, 0);
            for begin in BEGINS {
                next[begin] = transitions.best_into(&score, begin);
                // An I-X continues its B-X or I-X.
                let inside = begin + 1;
                let into = &transitions.into[inside];
                next[inside] = (score[begin] + into[begin]).max(score[inside] + into[inside]);
            }
            for (s, &e) in next.iter_mut().zip(row) {
                *s += e;
            }
            normalise(&mut next);
            score = next;
        }
        // The last label is the best predecessor of the `O` after the window.
        let mut label = transitions.best_from(&score, 0);
        path.resize(emissions.len(), 0);
        for (slot, score) in path.iter_mut().rev().zip(self.scores.iter().rev().map(Some).chain([None])) {
            *slot = label as u8;
            if let Some(score) = score {
                label = transitions.best_from(score, label);
            }
        }
    }
}

/// Shifts the scores so the best is 0. Only their differences matter, and this keeps them
/// within one step's spread (a few million), however long the window, so sums cannot overflow.
#[inline(always)]
fn normalise(score: &mut [i32; LABELS]) {
    let top = score.iter().copied().fold(i32::MIN, i32::max);
    for s in score.iter_mut() {
        *s -= top;
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
            if valid && best.as_ref().is_none_or(|(b, _)| total > *b) {
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
