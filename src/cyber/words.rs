//! The single words that the cyber layer asks about at every token of a text, in one table.
//!
//! Whether a token is a context cue, a tool word, the second word of a vendor's actor name, a
//! product-shaped name or the first word of a vocabulary term is asked of every token
//! ([`super::marks`]). Nearly every token is
//! none of them, and the table's filter says so in a few instructions, where a hash-map probe
//! costs a few dozen.

use std::collections::HashMap;

use crate::lexicon::{FastHash, PhraseTrie};

/// A context cue ("gang", "APT"): its sentence is about attacks ([`super::context`]).
pub const CUE: u8 = 1;
/// A word after which a product-shaped name is a tool ("framework", "packer").
pub const TOOL_WORD: u8 = 2;
/// The second word of a vendor's actor name ("Typhoon"), in some capitalisation: the exact
/// spelling is checked after.
pub const ACTOR_SUFFIX: u8 = 4;
/// A product-shaped name of malware, a tool or an actor ("BloodHound"), in some capitalisation
/// ([`super::compounds`]).
pub const PRODUCT: u8 = 8;
/// The first word of a term of the generic vocabulary ([`super::vocabulary`]).
pub const VOCABULARY: u8 = 16;
/// The bits a word may have; the other bits of a byte are free for the marks.
pub const ALL: u8 = CUE | TOOL_WORD | ACTOR_SUFFIX | PRODUCT | VOCABULARY;

/// What the table knows of one word.
#[derive(Clone, Copy, Default)]
struct Word {
    /// Bit set of [`CUE`], [`TOOL_WORD`], [`ACTOR_SUFFIX`], [`PRODUCT`] and [`VOCABULARY`].
    flags: u8,
    /// The lexicon entry of the product name.
    product: Option<u32>,
}

/// Words by folded hash.
pub struct Words {
    /// One-token phrases whose payload indexes `words`.
    trie: PhraseTrie,
    words: Vec<Word>,
}

impl Words {
    /// The table of the `flagged` words, as (folded hash, flag) pairs, and of the product-shaped
    /// names, as (folded hash, lexicon entry) pairs of which the first for a hash counts.
    pub fn new(flagged: impl IntoIterator<Item = (u64, u8)>, products: impl IntoIterator<Item = (u64, u32)>) -> Words {
        let mut by_hash: HashMap<u64, Word, FastHash> = HashMap::default();
        for (hash, flag) in flagged {
            by_hash.entry(hash).or_default().flags |= flag;
        }
        for (hash, entry) in products {
            let word = by_hash.entry(hash).or_default();
            if word.product.is_none() {
                word.product = Some(entry);
                word.flags |= PRODUCT;
            }
        }
        let mut trie = PhraseTrie::default();
        let mut words = Vec::with_capacity(by_hash.len());
        for (hash, word) in by_hash {
            trie.insert(&[hash], words.len() as u32);
            words.push(word);
        }
        Words { trie, words }
    }

    /// The flags of the word with folded hash `hash`; 0 for most words.
    #[inline]
    pub fn flags(&self, hash: u64) -> u8 {
        self.get(hash).flags
    }

    /// The lexicon entry of the product name with folded hash `hash`, which may be another
    /// word of the same hash.
    pub fn product(&self, hash: u64) -> Option<u32> {
        self.get(hash).product
    }

    #[inline]
    fn get(&self, hash: u64) -> Word {
        self.trie.get(&[hash]).and_then(|index| self.words.get(index as usize)).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::fold_hash;

    #[test]
    fn flags_combine_and_the_first_product_counts() {
        let words = Words::new(
            [(fold_hash("gang"), CUE), (fold_hash("Typhoon"), ACTOR_SUFFIX), (fold_hash("gang"), TOOL_WORD)],
            [(fold_hash("PsExec"), 7), (fold_hash("psexec"), 9)],
        );
        assert_eq!(words.flags(fold_hash("GANG")), CUE | TOOL_WORD);
        assert_eq!(words.flags(fold_hash("typhoon")), ACTOR_SUFFIX);
        assert_eq!(words.flags(fold_hash("PSEXEC")), PRODUCT);
        assert_eq!(words.product(fold_hash("PSEXEC")), Some(7));
        assert_eq!(words.flags(fold_hash("said")), 0);
        assert_eq!(words.product(fold_hash("gang")), None);
    }
}
