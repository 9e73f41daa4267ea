//! Viterbi decoding of one window under the BIO constraints.
//!
//! A window is surrounded by tokens fixed to `O` (or by the sentence's edges, treated alike), so
//! the best path starts after an `O` and ends before one. Forbidden transitions (an `I-X` that
//! does not continue an `X`) are excluded whatever the weights say, so every output is
//! well-formed.
//!
//! The decoder runs for every scored token, so its step is shaped for vector registers. Inside
//! it the labels are reordered as the four `B-X`, `O`, then the four `I-X`: a row of scores by
//! label index becomes its odd entries, then its even ones, two shuffles. The four `B-X` may
//! follow any label: for each previous label, its score plus its row of transitions into them,
//! the larger kept lane by lane, four lanes at once; `O` may too, the best of nine sums. An
//! `I-X` may only continue its `B-X` or itself, so the four of them are two four-lane sums and
//! a maximum. The forward pass keeps only the totals; the way back reads off each best total
//! from them and finds the first predecessor to reach it, most often `O`, at the first try.

use super::labels::LABELS;

/// The decoder's order of the labels: `ORDER[k]` is the label index of lane `k`. Every other
/// label, from the first, is an `I-X` or `O`, so two vector shuffles reorder a row of scores.
const ORDER: [usize; LABELS] = [1, 3, 5, 7, 0, 2, 4, 6, 8];
/// The lanes of the `B-X`, of `O`, and of the first `I-X`.
const TYPES: usize = 4;
const OUTSIDE: usize = 4;
const INSIDE: usize = 5;
/// The lanes of the labels that may follow any label: the `B-X` and `O`.
const OPEN: usize = 5;

/// The lane of each label, the inverse of [`ORDER`]: the lanes in label order.
const LANE: [usize; LABELS] = {
    let mut lane = [0; LABELS];
    let mut k = 0;
    while k < LABELS {
        lane[ORDER[k]] = k;
        k += 1;
    }
    lane
};

/// A score that loses every comparison with a reachable label's, with room to add to without
/// overflow: the `I-X`'s at the window's first token.
const UNREACHABLE: i32 = i32::MIN / 4;

/// Transition scores in the layouts the decoder reads, lanes in [`ORDER`].
#[derive(Clone)]
pub struct Transitions {
    /// `into_begin[previous]`: the scores of `previous` followed by each `B-X`.
    into_begin: [[i32; TYPES]; LABELS],
    /// The scores of `B-X` followed by `I-X`, and of `I-X` followed by `I-X`, by type.
    continue_begin: [i32; TYPES],
    continue_inside: [i32; TYPES],
    /// `into_open[next][previous]` for the open labels `next`: the column of scores into
    /// `next`, for the maximum into `O` and for the way back.
    into_open: [[i32; LABELS]; OPEN],
    /// The scores of `O` followed by each label.
    from_outside: [i32; LABELS],
}

impl Transitions {
    /// Takes `scores[previous][next]` by label index, the layout of the weight file and the
    /// trainer.
    pub fn new(scores: &[[i32; LABELS]; LABELS]) -> Transitions {
        let at = |previous: usize, next: usize| scores[ORDER[previous]][ORDER[next]];
        Transitions {
            into_begin: std::array::from_fn(|previous| std::array::from_fn(|x| at(previous, x))),
            continue_begin: std::array::from_fn(|x| at(x, INSIDE + x)),
            continue_inside: std::array::from_fn(|x| at(INSIDE + x, INSIDE + x)),
            into_open: std::array::from_fn(|next| std::array::from_fn(|previous| at(previous, next))),
            from_outside: std::array::from_fn(|next| at(OUTSIDE, next)),
        }
    }

    /// The totals of the window's first token, whose emissions in lanes are `first`: the
    /// window starts after an `O`, and an `I-X` cannot.
    #[inline(always)]
    fn first(&self, first: &[i32; LABELS]) -> [i32; LABELS] {
        std::array::from_fn(|k| if k < OPEN { self.from_outside[k] + first[k] } else { UNREACHABLE })
    }

    /// The best total into every lane from the lanes' scores at the previous token.
    #[inline(always)]
    fn step(&self, score: &[i32; LABELS]) -> [i32; LABELS] {
        let mut begin = [i32::MIN; TYPES];
        for (&s, row) in score.iter().zip(&self.into_begin) {
            for (best, &t) in begin.iter_mut().zip(row) {
                *best = (*best).max(s + t);
            }
        }
        let outside = best_total(score, &self.into_open[OUTSIDE]);
        let mut next = [outside; LABELS];
        next[..TYPES].copy_from_slice(&begin);
        for x in 0..TYPES {
            let from_begin = score[x] + self.continue_begin[x];
            let from_inside = score[INSIDE + x] + self.continue_inside[x];
            next[INSIDE + x] = from_begin.max(from_inside);
        }
        next
    }

    /// The lane before lane `next` on the best path, given the lanes' totals up to it and
    /// `best`, the best total into `next` that [`Transitions::step`] found from them: the
    /// first lane in label order to reach it, so ties go to the lower label index. The totals
    /// may be shifted all alike, `best` with them.
    #[inline(always)]
    fn best_from(&self, score: &[i32; LABELS], next: usize, best: i32) -> usize {
        if next >= INSIDE {
            let x = next - INSIDE;
            // The B-X has the lower label index.
            let from_begin = score[x] + self.continue_begin[x];
            let from_inside = score[next] + self.continue_inside[x];
            return if from_inside > from_begin { next } else { x };
        }
        // Most tokens are `O`, so the search mostly ends at its first lane.
        let column = &self.into_open[next];
        LANE.into_iter().find(|&previous| score[previous] + column[previous] == best).unwrap_or(OUTSIDE)
    }
}

/// The best of `score[previous] + column[previous]` over every lane `previous`.
#[inline(always)]
fn best_total(score: &[i32; LABELS], column: &[i32; LABELS]) -> i32 {
    score.iter().zip(column).fold(i32::MIN, |best, (&s, &t)| best.max(s + t))
}

/// Reusable buffers for [`Decoder::best_path`].
#[derive(Default)]
pub struct Decoder {
    /// The totals of each lane at each token but the last, before [`normalised`]: their `O`
    /// lane tells the way back what normalising took off.
    totals: Vec<[i32; LABELS]>,
}

impl Decoder {
    /// Writes into `path` the highest-scoring well-formed label sequence for `emissions` (one
    /// score row per token, by label index). Ties go to the lower label index.
    pub fn best_path(&mut self, emissions: &[[i32; LABELS]], transitions: &Transitions, path: &mut Vec<u8>) {
        path.clear();
        let Some((first, rest)) = emissions.split_first() else { return };
        self.totals.clear();
        let mut total = transitions.first(&lanes(first));
        for row in rest {
            self.totals.push(total);
            total = transitions.step(&normalised(total));
            for (s, e) in total.iter_mut().zip(lanes(row)) {
                *s += e;
            }
        }
        // The last label is the best predecessor of the `O` after the window; the path is
        // found backwards.
        let into_outside = best_total(&total, &transitions.into_open[OUTSIDE]);
        let mut lane = transitions.best_from(&total, OUTSIDE, into_outside);
        path.push(ORDER[lane] as u8);
        let mut later = &total;
        for (earlier, row) in self.totals.iter().zip(rest).rev() {
            // The best total into `lane` that the step found: the later total less its
            // emission, shifted back as the earlier totals were for the step.
            let best = later[lane] - row[ORDER[lane]] + earlier[OUTSIDE];
            lane = transitions.best_from(earlier, lane, best);
            path.push(ORDER[lane] as u8);
            later = earlier;
        }
        path.reverse();
    }
}

/// A row of scores by label index in lanes.
#[inline(always)]
fn lanes(row: &[i32; LABELS]) -> [i32; LABELS] {
    std::array::from_fn(|k| row[ORDER[k]])
}

/// The totals shifted so that `O`'s is 0. Only their differences matter, and this keeps them
/// within one step's spread (a few million), however long the window, so sums cannot overflow.
#[inline(always)]
fn normalised(mut total: [i32; LABELS]) -> [i32; LABELS] {
    let outside = total[OUTSIDE];
    for t in total.iter_mut() {
        *t -= outside;
    }
    total
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
