//! The single words that the cyber layer asks about at every token of a text, in one table.
//!
//! Whether a token is a context cue, a tool word, the second word of a vendor's actor name, a
//! product-shaped name or the first word of a vocabulary term is asked of every token
//! ([`super::marks`]). Nearly every token is none of them, and a bit table ([`HashBits`]) says
//! so in a few instructions, where a hash-map probe costs a few dozen.

use std::collections::HashMap;

use crate::lexicon::FastHash;

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
    filter: HashBits,
    by_hash: HashMap<u64, Word, FastHash>,
}

/// A set of hashes that answers "certainly not" in a few instructions, and "maybe" for the
/// members and about one other hash in forty for a thousand or two members: one bit for each
/// of 65536 slots, in 8 KB. The table's size is fixed, so indexing it needs no bounds check.
pub struct HashBits {
    bits: Box<[u64; HASH_BITS_WORDS]>,
}

/// The 64-bit words of a [`HashBits`] table.
const HASH_BITS_WORDS: usize = 1 << 10;

impl HashBits {
    /// The set of `hashes`.
    pub fn new(hashes: impl IntoIterator<Item = u64>) -> HashBits {
        let mut bits = Box::new([0; HASH_BITS_WORDS]);
        for hash in hashes {
            let (word, bit) = Self::slot(hash);
            bits[word] |= 1 << bit;
        }
        HashBits { bits }
    }

    /// Whether `hash` may be a member; `false` is certain.
    #[inline]
    pub fn may_contain(&self, hash: u64) -> bool {
        let (word, bit) = Self::slot(hash);
        self.bits[word] & (1 << bit) != 0
    }

    /// The bit of `hash`: its 16 top bits after a Fibonacci multiplication, as (word, bit).
    #[inline]
    fn slot(hash: u64) -> (usize, u32) {
        let slot = (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize;
        (slot / 64, (slot % 64) as u32)
    }
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
        let filter = HashBits::new(by_hash.keys().copied());
        Words { filter, by_hash }
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
        if !self.filter.may_contain(hash) {
            return Word::default();
        }
        self.by_hash.get(&hash).copied().unwrap_or_default()
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
