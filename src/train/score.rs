//! conlleval-style scoring: a predicted name counts only with the exact tokens and type.

use std::collections::HashSet;

use super::corpus::Name;
use crate::model::labels::TYPES;
use crate::model::EntityType;

/// True positives, false positives and false negatives per entity type.
#[derive(Default, Clone, Copy)]
pub struct Scores {
    counts: [[u64; 3]; 4],
}

impl Scores {
    /// Adds one document: `predicted` names that did not align with CoNLL tokens are `None`
    /// and count as false positives of their type.
    pub fn add(&mut self, gold: &[Name], predicted: &[(Option<Name>, EntityType)]) {
        let gold_set: HashSet<&Name> = gold.iter().collect();
        for (name, kind) in predicted {
            let hit = name.as_ref().is_some_and(|n| gold_set.contains(n));
            self.counts[kind.index()][if hit { 0 } else { 1 }] += 1;
        }
        let predicted_set: HashSet<&Name> = predicted.iter().filter_map(|(n, _)| n.as_ref()).collect();
        for name in gold {
            if !predicted_set.contains(name) {
                self.counts[name.kind.index()][2] += 1;
            }
        }
    }

    /// Micro precision, recall and F1 over `types`.
    pub fn prf(&self, types: &[EntityType]) -> (f64, f64, f64) {
        let (tp, fp, fn_) = types.iter().fold((0, 0, 0), |(tp, fp, fn_), t| {
            let c = self.counts[t.index()];
            (tp + c[0], fp + c[1], fn_ + c[2])
        });
        let precision = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
        let recall = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        (precision, recall, f1)
    }

    /// F1 over PER, ORG and LOC: the figure newsmark is judged on.
    pub fn actor_f1(&self) -> f64 {
        self.prf(&TYPES[..3]).2
    }

    /// A table of P/R/F1 per type, overall for PER/ORG/LOC, and overall with MISC.
    pub fn table(&self) -> String {
        let mut out = format!("{:<14} {:>7} {:>7} {:>7} {:>7}\n", "type", "P", "R", "F1", "gold");
        let mut row = |label: &str, types: &[EntityType]| {
            let (p, r, f) = self.prf(types);
            let gold: u64 = types.iter().map(|t| self.counts[t.index()][0] + self.counts[t.index()][2]).sum();
            out.push_str(&format!("{label:<14} {p:>7.4} {r:>7.4} {f:>7.4} {gold:>7}\n"));
        };
        for t in TYPES {
            row(t.conll_name(), &[t]);
        }
        row("PER+ORG+LOC", &TYPES[..3]);
        row("all four", &TYPES);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(tokens: std::ops::Range<usize>, kind: EntityType) -> Name {
        Name { tokens, kind }
    }

    #[test]
    fn exact_span_and_type() {
        let mut scores = Scores::default();
        let gold = [name(0..2, EntityType::Person), name(3..4, EntityType::Location)];
        let predicted = [
            (Some(name(0..2, EntityType::Person)), EntityType::Person),
            (Some(name(3..4, EntityType::Organization)), EntityType::Organization),
            (None, EntityType::Location),
        ];
        scores.add(&gold, &predicted);
        let (p, r, _) = scores.prf(&TYPES);
        assert_eq!((p, r), (1.0 / 3.0, 0.5));
        assert_eq!(scores.prf(&[EntityType::Person]).2, 1.0);
    }
}
