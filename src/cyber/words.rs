//! The single words that the cyber layer asks about at every token of a text, in one table.
//!
//! Passes over a document ask of each token whether it is a context cue, a tool word or the
//! second word of a vendor's actor name. Nearly every token is none of them, and the
//! table's filter says so in a few instructions, where a hash-map probe costs a few dozen.

use std::collections::HashMap;

use crate::lexicon::{FastHash, PhraseTrie};

/// A context cue ("gang", "APT"): its sentence is about attacks ([`super::context`]).
pub const CUE: u32 = 1;
/// A word after which a product-shaped name is a tool ("framework", "packer").
pub const TOOL_WORD: u32 = 2;
/// The second word of a vendor's actor name ("Typhoon"), in some capitalisation: the exact
/// spelling is checked after.
pub const ACTOR_SUFFIX: u32 = 4;

/// Words by folded hash, each with a bit set of [`CUE`], [`TOOL_WORD`] and [`ACTOR_SUFFIX`].
#[derive(Default)]
pub struct Words {
    /// One-token phrases whose payload is the bit set.
    trie: PhraseTrie,
}

impl Words {
    /// The table of `words`: (folded hash, flag) pairs; a word listed twice has both flags.
    pub fn new(words: impl IntoIterator<Item = (u64, u32)>) -> Words {
        let mut flags: HashMap<u64, u32, FastHash> = HashMap::default();
        for (hash, flag) in words {
            *flags.entry(hash).or_default() |= flag;
        }
        let mut trie = PhraseTrie::default();
        for (hash, flags) in flags {
            trie.insert(&[hash], flags);
        }
        Words { trie }
    }

    /// The flags of the word with folded hash `hash`; 0 for most words.
    #[inline]
    pub fn flags(&self, hash: u64) -> u32 {
        self.trie.get(&[hash]).unwrap_or(0)
    }

    /// Whether the word with folded hash `hash` has `flag`.
    #[inline]
    pub fn is(&self, hash: u64, flag: u32) -> bool {
        self.flags(hash) & flag != 0
    }
}
