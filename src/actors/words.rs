//! The closed-class and calendar words of the actor layer, looked up by token.
//!
//! Every step asks about the words of each name: whether it opens with an article, whether it
//! is all calendar words, whether a role's modifier is a function word. The lexicon has hashed
//! every token already ([`crate::text::Document::hashes`]), so one probe by that hash answers both
//! lists, where a [`crate::text::WordSet`] would fold and hash the word again for each.

use std::collections::HashMap;

use super::Inputs;
use crate::lexicon::{fold_hash, FastHash};
use crate::text::data_lines;

const FUNCTION: u8 = 1;
const CALENDAR: u8 = 2;

/// The words of `function_words.txt` and `calendar.txt`.
pub struct Words {
    /// Each lower-case word and its lists, by the word's [`fold_hash`].
    by_hash: HashMap<u64, (&'static str, u8), FastHash>,
}

impl Words {
    /// Parses the embedded lists.
    pub fn embedded() -> Words {
        let function = data_lines(include_str!("../../data/grammar/function_words.txt")).map(|w| (w, FUNCTION));
        let calendar = data_lines(include_str!("../../data/grammar/calendar.txt")).map(|w| (w, CALENDAR));
        let mut by_hash: HashMap<u64, (&'static str, u8), FastHash> = HashMap::default();
        for (word, list) in function.chain(calendar) {
            let entry = by_hash.entry(fold_hash(word)).or_insert((word, 0));
            debug_assert_eq!(entry.0, word, "two listed words share a hash");
            entry.1 |= list;
        }
        Words { by_hash }
    }

    /// Whether token `i` is a closed-class word ("the", "and", "after"), in any case.
    pub fn is_function_word(&self, inputs: &Inputs, i: usize) -> bool {
        self.lists(inputs, i) & FUNCTION != 0
    }

    /// Whether token `i` is a closed-class or calendar word ("May", "Monday"), in any case.
    pub fn is_function_or_calendar_word(&self, inputs: &Inputs, i: usize) -> bool {
        self.lists(inputs, i) != 0
    }

    /// The lists that hold token `i` in lower case. An ASCII token is found by its folded hash
    /// as it stands; any other is lower-cased first, as a [`crate::text::WordSet`] would.
    fn lists(&self, inputs: &Inputs, i: usize) -> u8 {
        let word = inputs.doc.token_text(i);
        debug_assert_eq!(inputs.doc.hashes[i], fold_hash(word), "the token hashes are folded hashes");
        if word.is_ascii() {
            let known = self.by_hash.get(&inputs.doc.hashes[i]);
            return known.filter(|(known, _)| known.eq_ignore_ascii_case(word)).map_or(0, |&(_, lists)| lists);
        }
        let lower = word.to_lowercase();
        let known = self.by_hash.get(&fold_hash(&lower));
        known.filter(|(known, _)| **known == *lower).map_or(0, |&(_, lists)| lists)
    }
}
