//! A token trie for leftmost-longest matching of many multi-word names at once.
//!
//! Names are matched on token boundaries, never inside a word, so the automaton works over
//! tokens rather than bytes: each edge is the hash of a case-folded token. One hash per token
//! is computed for the whole document (see [`crate::text::fold_hash`]); a document is then scanned with one
//! test of a bit table per token in the common case where no name starts there, and a
//! hash-map probe where one may. A byte-level
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

/// A set of token sequences, each mapped to a payload index.
#[derive(Default)]
pub struct PhraseTrie {
    /// First tokens: folded-token hash → node.
    roots: HashMap<u64, u32, FastHash>,
    /// The other edges: (node, folded-token hash) → child node.
    edges: HashMap<(u32, u64), u32, FastHash>,
    /// For each node, numbered from 1, the payload of the phrase that ends there, or
    /// [`NO_PHRASE`]; `ends[0]` stands for the empty phrase, which is never added.
    ends: Vec<u32>,
    /// The keys of `roots`, for a quick no at the tokens where nothing starts.
    starts: HashFilter,
    longest: usize,
}

/// The [`PhraseTrie::ends`] entry of a node where no phrase ends.
const NO_PHRASE: u32 = u32::MAX;

impl PhraseTrie {
    /// Adds the phrase whose tokens have the folded hashes `hashes`, with `payload`. A phrase
    /// added twice keeps its first payload. Returns the payload kept, or `None` for an empty
    /// phrase, which is not added.
    pub fn insert(&mut self, hashes: &[u64], payload: u32) -> Option<u32> {
        let (&first, rest) = hashes.split_first()?;
        if self.ends.is_empty() {
            self.ends.push(NO_PHRASE);
        }
        let new_node = self.ends.len() as u32;
        let mut node = *self.roots.entry(first).or_insert(new_node);
        if node == new_node {
            self.ends.push(NO_PHRASE);
            self.starts.insert(first, || self.roots.keys().copied());
        }
        for &hash in rest {
            let new_node = self.ends.len() as u32;
            node = *self.edges.entry((node, hash)).or_insert(new_node);
            if node == new_node {
                self.ends.push(NO_PHRASE);
            }
        }
        self.longest = self.longest.max(hashes.len());
        let end = &mut self.ends[node as usize];
        if *end == NO_PHRASE {
            *end = payload;
        }
        Some(*end)
    }

    /// The payload of exactly the phrase `hashes`, if the trie holds it.
    #[inline]
    pub fn get(&self, hashes: &[u64]) -> Option<u32> {
        // Inlined to the filter test, which settles most lookups.
        let (&first, rest) = hashes.split_first()?;
        if !self.starts.may_contain(first) {
            return None;
        }
        self.get_past_filter(first, rest)
    }

    fn get_past_filter(&self, first: u64, rest: &[u64]) -> Option<u32> {
        let root = self.roots.get(&first).copied()?;
        let node = rest.iter().try_fold(root, |node, &hash| self.edges.get(&(node, hash)).copied())?;
        Some(self.ends[node as usize]).filter(|&payload| payload != NO_PHRASE)
    }

    /// The phrases that start at `hashes[0]`, longest first: (token count, payload).
    pub fn matches_at(&self, hashes: &[u64], out: &mut Vec<(usize, u32)>) {
        out.clear();
        let Some(mut node) = hashes.first().and_then(|&first| self.root(first)) else { return };
        let mut depth = 1;
        loop {
            let payload = self.ends[node as usize];
            if payload != NO_PHRASE {
                out.push((depth, payload));
            }
            let next = hashes.get(depth).filter(|_| depth < self.longest);
            match next.and_then(|&hash| self.edges.get(&(node, hash))) {
                Some(&child) => node = child,
                None => break,
            }
            depth += 1;
        }
        out.reverse();
    }

    /// Every token range in `hashes` where a phrase starts, longest first, as (range, payload)
    /// candidates for the caller to accept or reject, at the positions `starts` only, in order,
    /// which must include every position where a phrase may start ([`PhraseTrie::may_start`]).
    /// `accept` is called longest first at each position; the first accepted candidate wins and
    /// scanning resumes after it.
    pub fn scan_at(&self, hashes: &[u64], starts: impl Iterator<Item = usize>, mut accept: impl FnMut(Range<usize>, u32) -> bool) {
        self.scan_each::<1>(hashes, starts, |_, range, payload| accept(range, payload));
    }

    /// [`PhraseTrie::scan_at`] for `N` callers at once, told apart by the first argument of
    /// `accept`, each with its own leftmost-longest matches: what each would get from a scan of
    /// its own, for one walk of the trie at each start.
    pub fn scan_each<const N: usize>(
        &self,
        hashes: &[u64],
        starts: impl Iterator<Item = usize>,
        mut accept: impl FnMut(usize, Range<usize>, u32) -> bool,
    ) {
        let mut candidates = Vec::new();
        // The end of each caller's last accepted phrase: no other of its starts inside it.
        let mut taken_to = [0; N];
        for i in starts.filter(|&i| i < hashes.len()) {
            if taken_to.iter().all(|&to| i < to) {
                continue;
            }
            self.matches_at(&hashes[i..], &mut candidates);
            for (caller, to) in taken_to.iter_mut().enumerate().filter(|(_, to)| i >= **to) {
                if let Some(&(len, _)) = candidates.iter().find(|&&(len, payload)| accept(caller, i..i + len, payload)) {
                    *to = i + len;
                }
            }
        }
    }

    /// The positions of `hashes` where a phrase may start ([`PhraseTrie::may_start`]), for a
    /// scan that has not found them already.
    pub fn starts<'a>(&'a self, hashes: &'a [u64]) -> impl Iterator<Item = usize> + 'a {
        (0..hashes.len()).filter(move |&i| self.may_start(hashes[i]))
    }

    /// Whether a phrase may start with the token `hash`; `false` is certain, and costs a few
    /// instructions.
    #[inline]
    pub fn may_start(&self, hash: u64) -> bool {
        self.starts.may_contain(hash)
    }

    /// The node reached by the first token `hash`.
    #[inline]
    fn root(&self, hash: u64) -> Option<u32> {
        if !self.starts.may_contain(hash) {
            return None;
        }
        self.roots.get(&hash).copied()
    }
}

/// A set of hashes that answers "certainly not" in a few instructions, and "maybe" for the
/// members and a small share of the rest (3 to 6%): one bit per hash, in a table of sixteen to
/// thirty-two bits per member. A document's tokens are looked up in several such sets, and nearly all of
/// them are in none, where a hash-map probe would cost a few dozen instructions.
#[derive(Default)]
struct HashFilter {
    bits: Vec<u64>,
    /// 64 less the log2 of the number of bits: the multiplied hash shifted right by this
    /// indexes the table.
    shift: u32,
    members: usize,
}

impl HashFilter {
    /// Adds `hash`. When the table is full, it doubles and is refilled from `all`, which gives
    /// every member, `hash` included.
    fn insert<I: Iterator<Item = u64>>(&mut self, hash: u64, all: impl FnOnce() -> I) {
        self.members += 1;
        if self.members * 16 <= self.bits.len() * 64 {
            self.set(hash);
            return;
        }
        let bits = (self.members * 32).next_power_of_two().max(64);
        self.bits = vec![0; bits / 64];
        self.shift = 64 - bits.trailing_zeros();
        self.members = 0;
        for member in all() {
            self.members += 1;
            self.set(member);
        }
    }

    /// Whether `hash` may be a member; `false` is certain.
    #[inline]
    fn may_contain(&self, hash: u64) -> bool {
        let Some(bit) = self.bit(hash) else { return false };
        self.bits.get(bit / 64).is_some_and(|word| word & (1 << (bit % 64)) != 0)
    }

    fn set(&mut self, hash: u64) {
        if let Some(bit) = self.bit(hash) {
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// The bit of `hash`: Fibonacci hashing spreads the high bits of the hash over the table.
    #[inline]
    fn bit(&self, hash: u64) -> Option<usize> {
        (!self.bits.is_empty()).then(|| (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_hash;

    /// A scan from every position where a phrase may start.
    fn scan(trie: &PhraseTrie, hashes: &[u64], accept: impl FnMut(Range<usize>, u32) -> bool) {
        trie.scan_at(hashes, trie.starts(hashes), accept);
    }

    fn hashes(words: &[&str]) -> Vec<u64> {
        words.iter().map(|w| fold_hash(w)).collect()
    }

    #[test]
    fn filter_has_every_member_and_few_others() {
        for members in [1, 9, 100, 5000] {
            let mut filter = HashFilter::default();
            let mut added = Vec::new();
            for i in 0..members {
                let hash = fold_hash(&format!("member{i}"));
                added.push(hash);
                filter.insert(hash, || added.iter().copied());
            }
            assert!(added.iter().all(|&h| filter.may_contain(h)));
            let others = (0..20_000).filter(|i| filter.may_contain(fold_hash(&format!("other{i}")))).count();
            // One bit in sixteen to thirty-two per member: about one in twenty of the others
            // passes.
            assert!(others < 20_000 / 10, "{others} of 20000 others pass a filter of {members}");
        }
        assert!(!HashFilter::default().may_contain(fold_hash("empty")));
    }

    #[test]
    fn one_token_phrases_by_get() {
        let mut trie = PhraseTrie::default();
        trie.insert(&hashes(&["united", "states"]), 1);
        trie.insert(&hashes(&["cozy"]), 2);
        assert_eq!(trie.get(&hashes(&["Cozy"])), Some(2));
        assert_eq!(trie.get(&hashes(&["united", "states"])), Some(1));
        assert_eq!(trie.get(&hashes(&["united"])), None);
        assert_eq!(trie.get(&hashes(&["bear"])), None);
        assert_eq!(trie.get(&[]), None);
    }

    #[test]
    fn leftmost_longest() {
        let mut trie = PhraseTrie::default();
        trie.insert(&hashes(&["united", "states"]), 1);
        trie.insert(&hashes(&["united"]), 2);
        trie.insert(&hashes(&["states"]), 3);
        let text = hashes(&["the", "United", "States", "and", "united"]);
        let mut found = Vec::new();
        scan(&trie, &text, |range, payload| {
            found.push((range, payload));
            true
        });
        assert_eq!(found, vec![(1..3, 1), (4..5, 2)]);
    }

    #[test]
    fn scan_at_given_starts_finds_what_scan_finds() {
        let mut trie = PhraseTrie::default();
        trie.insert(&hashes(&["united", "states"]), 1);
        trie.insert(&hashes(&["states"]), 3);
        let text = hashes(&["the", "United", "States", "and", "states"]);
        let collect = |starts: Vec<usize>| {
            let mut found = Vec::new();
            trie.scan_at(&text, starts.into_iter(), |range, payload| {
                found.push((range, payload));
                true
            });
            found
        };
        // Extra starts, even inside a match, change nothing.
        assert_eq!(collect(vec![1, 4]), vec![(1..3, 1), (4..5, 3)]);
        assert_eq!(collect(vec![0, 1, 2, 3, 4, 9]), vec![(1..3, 1), (4..5, 3)]);
    }

    #[test]
    fn rejected_candidate_falls_back_to_shorter() {
        let mut trie = PhraseTrie::default();
        trie.insert(&hashes(&["cozy", "bear"]), 1);
        trie.insert(&hashes(&["cozy"]), 2);
        let text = hashes(&["cozy", "bear"]);
        let mut found = Vec::new();
        scan(&trie, &text, |range, payload| {
            let ok = payload == 2;
            if ok {
                found.push((range, payload));
            }
            ok
        });
        assert_eq!(found, vec![(0..1, 2)]);
    }
}
