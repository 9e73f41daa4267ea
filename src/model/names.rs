//! The person-name lists (`data/lexicon/given_names.tsv`, `surnames.txt`), keyed by folded
//! token hash.
//!
//! The lexicon answers the same questions by string, which costs a string hash and, for words
//! not written in title case, a temporary string per lookup. The tagger asks for every
//! capitalised token, so it keeps its own table keyed by the folded hashes it already has:
//! one probe, no allocation.

use std::collections::HashMap;

use crate::lexicon::{fold_hash, FastHash};
use crate::text::data_lines;

/// Name bit: a given name mostly given to men.
pub const GIVEN_MALE: u16 = 1;
/// Name bit: a given name mostly given to women.
pub const GIVEN_FEMALE: u16 = 1 << 1;
/// Name bit: a given name given to both.
pub const GIVEN_EITHER: u16 = 1 << 2;
/// Name bit: a surname.
pub const SURNAME: u16 = 1 << 3;

/// Name bits by folded hash.
pub struct NameTable {
    bits: HashMap<u64, u16, FastHash>,
}

impl NameTable {
    /// Loads the embedded lists (`Name<TAB>m|f|u` lines, then one surname per line).
    pub fn embedded() -> NameTable {
        NameTable::from_lists(
            include_str!("../../data/lexicon/given_names.tsv"),
            include_str!("../../data/lexicon/surnames.txt"),
        )
    }

    fn from_lists(given: &'static str, surnames: &'static str) -> NameTable {
        let mut bits: HashMap<u64, u16, FastHash> = HashMap::default();
        for line in data_lines(given) {
            let (name, gender) = line.split_once('\t').unwrap_or((line, "u"));
            let bit = match gender.trim() {
                "m" => GIVEN_MALE,
                "f" => GIVEN_FEMALE,
                _ => GIVEN_EITHER,
            };
            *bits.entry(fold_hash(name.trim())).or_default() |= bit;
        }
        for name in data_lines(surnames) {
            *bits.entry(fold_hash(name)).or_default() |= SURNAME;
        }
        NameTable { bits }
    }

    /// The name bits of the word with folded hash `hash`.
    pub fn bits(&self, hash: u64) -> u16 {
        self.bits.get(&hash).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_any_case() {
        let table = NameTable::from_lists("# header\nMaria\tf\nJordan\tu\n", "Smith\nJordan\n");
        assert_eq!(table.bits(fold_hash("MARIA")), GIVEN_FEMALE);
        assert_eq!(table.bits(fold_hash("Jordan")), GIVEN_EITHER | SURNAME);
        assert_eq!(table.bits(fold_hash("smith")), SURNAME);
        assert_eq!(table.bits(fold_hash("Paris")), 0);
    }

    #[test]
    fn embedded_lists_load() {
        assert_ne!(NameTable::embedded().bits(fold_hash("John")), 0);
    }
}
