//! Viterbi decoding of one window under the BIO constraints.
//!
//! A window is surrounded by tokens fixed to `O` (or by the sentence's edges, treated alike), so
//! the best path starts after an `O` and ends before one. Forbidden transitions (an `I-X` that
//! does not continue an `X`) are excluded here, whatever the weights say, so every output is
//! well-formed.

use super::labels::{may_follow, LABELS};

/// A score low enough to lose to any allowed path, with room to add to without overflow.
const FORBIDDEN: i32 = i32::MIN / 4;

/// Reusable buffers for [`best_path`].
#[derive(Default)]
pub struct Decoder {
    back: Vec<[u8; LABELS]>,
}

impl Decoder {
    /// Writes into `path` the highest-scoring label sequence for `emissions` (one score row per
    /// token) under `transitions[previous][next]`.
    pub fn best_path(
        &mut self,
        emissions: &[[i32; LABELS]],
        transitions: &[[i32; LABELS]; LABELS],
        path: &mut Vec<u8>,
    ) {
        path.clear();
        if emissions.is_empty() {
            return;
        }
        self.back.clear();
        let mut score = [FORBIDDEN; LABELS];
        for (next, s) in score.iter_mut().enumerate() {
            if may_follow(0, next) {
                *s = transitions[0][next] + emissions[0][next];
            }
        }
        self.back.push([0; LABELS]);
        for row in &emissions[1..] {
            let mut next_score = [FORBIDDEN; LABELS];
            let mut back = [0u8; LABELS];
            for next in 0..LABELS {
                let mut best = FORBIDDEN;
                let mut from = 0;
                for previous in 0..LABELS {
                    if !may_follow(previous, next) {
                        continue;
                    }
                    let s = score[previous] + transitions[previous][next];
                    if s > best {
                        best = s;
                        from = previous;
                    }
                }
                next_score[next] = best.saturating_add(row[next]);
                back[next] = from as u8;
            }
            score = next_score;
            self.back.push(back);
        }
        let mut last = 0;
        let mut best = i32::MIN;
        for (label, &s) in score.iter().enumerate() {
            let s = s + transitions[label][0];
            if s > best {
                best = s;
                last = label;
            }
        }
        path.resize(emissions.len(), 0);
        let mut label = last as u8;
        for k in (0..emissions.len()).rev() {
            path[k] = label;
            label = self.back[k][label as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::labels::may_follow;

    fn decode(emissions: &[[i32; LABELS]], transitions: &[[i32; LABELS]; LABELS]) -> Vec<u8> {
        let mut path = Vec::new();
        Decoder::default().best_path(emissions, transitions, &mut path);
        path
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

    #[test]
    fn empty_window() {
        assert!(decode(&[], &[[0; LABELS]; LABELS]).is_empty());
    }
}
