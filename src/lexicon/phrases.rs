//! A token trie for leftmost-longest matching of many multi-word names at once.
//!
//! Names are matched on token boundaries, never inside a word, so the automaton works over
//! tokens rather than bytes: each edge is the hash of a case-folded token. One hash per token
//! is computed for the whole document (see [`fold_hash`]); a document is then scanned with one
//! hash-map probe per token in the common case where no name starts there. A byte-level
//! Aho-Corasick automaton would need a second pass to reject matches inside words, and would
//! add its tables and a dependency to the wasm.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// A hasher for keys that are already well-mixed hashes: it passes them through.
#[derive(Default)]
pub struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(29) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

/// Hash-map state for keys that are hashes already.
pub type FastHash = BuildHasherDefault<PassThroughHasher>;

/// The chars of `token` folded for matching: lower case, with typographic apostrophes and
/// hyphens in their ASCII forms, and invisible characters dropped.
pub fn folded_chars(token: &str) -> impl Iterator<Item = char> + '_ {
    token.chars().filter(|&c| !crate::text::is_invisible(c)).flat_map(char::to_lowercase).map(|c| match c {
        '\u{2019}' | '\u{2018}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        other => other,
    })
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// The 64-bit FNV-1a hash of `token` folded by [`folded_chars`], so "Cozy", "cozy" and "COZY"
/// hash alike. The trained tagger's weights are keyed by these values: the function must not
/// change.
pub fn fold_hash(token: &str) -> u64 {
    // Every token of a document is hashed, nearly all of them ASCII: one pass that lower-cases
    // by table and notes any byte above 0x7f, which sends the token down the Unicode path.
    let mut hash = FNV_OFFSET;
    let mut high = 0u8;
    for &b in token.as_bytes() {
        high |= b;
        hash = (hash ^ u64::from(ASCII_LOWER[usize::from(b)])).wrapping_mul(FNV_PRIME);
    }
    if high.is_ascii() {
        hash
    } else {
        fold_hash_unicode(token)
    }
}

/// ASCII upper case to lower case; every other byte as it is.
const ASCII_LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    table
};

/// [`fold_hash`] for a token with a char beyond ASCII.
#[cold]
#[inline(never)]
fn fold_hash_unicode(token: &str) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in folded_chars(token) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    hash
}

/// A set of token sequences, each mapped to a payload index.
#[derive(Default)]
pub struct PhraseTrie {
    /// Edges: (node, folded-token hash) → child node. Node 0 is the root.
    edges: HashMap<(u32, u64), u32, FastHash>,
    /// For each node that ends a phrase, the payload given at insertion.
    ends: HashMap<u32, u32, FastHash>,
    nodes: u32,
    longest: usize,
}

impl PhraseTrie {
    /// Adds the phrase whose tokens have the folded hashes `hashes`, with `payload`. A phrase
    /// added twice keeps its first payload. Returns the payload kept, or `None` for an empty
    /// phrase, which is not added.
    pub fn insert(&mut self, hashes: &[u64], payload: u32) -> Option<u32> {
        if hashes.is_empty() {
            return None;
        }
        let mut node = 0u32;
        for &hash in hashes {
            let next = self.nodes + 1;
            node = *self.edges.entry((node, hash)).or_insert_with(|| next);
            if node == next {
                self.nodes = next;
            }
        }
        self.longest = self.longest.max(hashes.len());
        Some(*self.ends.entry(node).or_insert(payload))
    }

    /// The phrases that start at `hashes[0]`, longest first: (token count, payload).
    pub fn matches_at(&self, hashes: &[u64], out: &mut Vec<(usize, u32)>) {
        out.clear();
        let mut node = 0u32;
        for (depth, hash) in hashes.iter().take(self.longest).enumerate() {
            match self.edges.get(&(node, *hash)) {
                Some(&child) => node = child,
                None => break,
            }
            if let Some(&payload) = self.ends.get(&node) {
                out.push((depth + 1, payload));
            }
        }
        out.reverse();
    }

    /// Every token range in `hashes` where a phrase starts, longest first, as (range, payload)
    /// candidates for the caller to accept or reject. `accept` is called longest first at each
    /// position; the first accepted candidate wins and scanning resumes after it.
    pub fn scan(&self, hashes: &[u64], mut accept: impl FnMut(Range<usize>, u32) -> bool) {
        let mut candidates = Vec::new();
        let mut i = 0;
        while i < hashes.len() {
            if !self.edges.contains_key(&(0, hashes[i])) {
                i += 1;
                continue;
            }
            self.matches_at(&hashes[i..], &mut candidates);
            let taken = candidates.iter().find(|&&(len, payload)| accept(i..i + len, payload));
            i += taken.map_or(1, |&(len, _)| len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(words: &[&str]) -> Vec<u64> {
        words.iter().map(|w| fold_hash(w)).collect()
    }

    #[test]
    fn folds_case_and_apostrophes() {
        assert_eq!(fold_hash("Cozy"), fold_hash("COZY"));
        assert_eq!(fold_hash("O’Brien"), fold_hash("o'brien"));
        assert_ne!(fold_hash("Cozy"), fold_hash("Bear"));
        // The FNV-1a value the tagger's weights were trained with.
        assert_eq!(fold_hash("Cozy"), 0x0c0e_0791_1997_51ba);
    }

    #[test]
    fn leftmost_longest() {
        let mut trie = PhraseTrie::default();
        trie.insert(&hashes(&["united", "states"]), 1);
        trie.insert(&hashes(&["united"]), 2);
        trie.insert(&hashes(&["states"]), 3);
        let text = hashes(&["the", "United", "States", "and", "united"]);
        let mut found = Vec::new();
        trie.scan(&text, |range, payload| {
            found.push((range, payload));
            true
        });
        assert_eq!(found, vec![(1..3, 1), (4..5, 2)]);
    }

    #[test]
    fn rejected_candidate_falls_back_to_shorter() {
        let mut trie = PhraseTrie::default();
        trie.insert(&hashes(&["cozy", "bear"]), 1);
        trie.insert(&hashes(&["cozy"]), 2);
        let text = hashes(&["cozy", "bear"]);
        let mut found = Vec::new();
        trie.scan(&text, |range, payload| {
            let ok = payload == 2;
            if ok {
                found.push((range, payload));
            }
            ok
        });
        assert_eq!(found, vec![(0..1, 2)]);
    }
}
