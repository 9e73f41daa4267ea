//! The weight file: its binary format, and the lookup table it is loaded into.
//!
//! File layout (little-endian):
//!
//! | bytes | content |
//! | --- | --- |
//! | 4 | magic `NMTG` |
//! | 2 | format version, [`VERSION`] |
//! | 1 + n | label count, then the label names joined by spaces, length-prefixed (u16) |
//! | 2 × 128 | the codebook: the weight each code magnitude stands for, u16, code 0 → 0 |
//! | 4 | feature count `F` |
//! | 2 × L × L | transition scores, i16, `[previous][next]` |
//! | varint × F | feature fingerprints, ascending, each as the LEB128 gap from the previous |
//! | L × F | emission weight codes, i8, label-major (all of label 0's, then label 1's…) |
//! | 4 + varint × V | the lower-case vocabulary: count `V`, then fingerprints as gaps, like the features |
//!
//! Perceptron weights span four orders of magnitude, and both the rare large ones and the many
//! small ones matter, so a linear 8-bit scale loses accuracy. Each weight is stored instead as a
//! signed 8-bit code into a codebook of 127 magnitudes (log-spaced by the trainer), and decoded
//! at load time. Sorted gaps and label-major codes compress well (most weights are zero for
//! most labels), which keeps the gzipped page download small; the loader rebuilds an
//! open-addressing table in memory, at a load of at most 0.4. Its fingerprints and its weight
//! rows are two parallel arrays, so the many lookups of features the model does not know (most
//! of a token's) probe only the fingerprints, four bytes a slot: 256 KB for 25,000 features,
//! which stay in the cache where 8-byte slots (fingerprint and row index) did not; only a hit
//! reads its row, at the same slot of the other array (as long as the table, 2.4 MB, mostly
//! empty rows that are never read). In Chromium this layout was 6% faster (70 of 100
//! interleaved runs on 256 KB of news); a load of 0.76 instead was 3% slower.

use super::labels::{LABELS, NAMES};

/// The current format version.
pub const VERSION: u16 = 3;
/// How many magnitudes the codebook holds, code 0 (weight 0) included.
pub const CODES: usize = 128;
const MAGIC: &[u8; 4] = b"NMTG";

/// The loaded weights.
pub struct Weights {
    /// Per slot, its feature's fingerprint; 0 for an empty slot (fingerprints are never 0). A
    /// power of two long.
    keys: Vec<u32>,
    /// Per slot, its feature's weights, widened to the scores' type so that adding them is a
    /// plain vector addition.
    rows: Vec<[i32; LABELS]>,
    /// Transition scores `[previous][next]`, in quanta.
    pub transitions: [[i32; LABELS]; LABELS],
    /// How many features the file held.
    #[cfg(any(test, feature = "train"))]
    pub features: usize,
    /// Words written mostly in lower case in the training text ([`super::features::vocabulary_key`]).
    pub vocabulary: KeySet,
}

/// Why a weight file was rejected.
#[derive(Debug, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

impl Weights {
    /// Adds the weights of feature `key` to `scores`; unknown features add nothing.
    #[inline]
    pub fn add(&self, key: u32, scores: &mut [i32; LABELS]) {
        let mask = self.keys.len().wrapping_sub(1);
        let mut slot = (key >> 1) as usize & mask;
        while let Some(&entry) = self.keys.get(slot) {
            if entry == key {
                if let Some(row) = self.rows.get(slot) {
                    for (score, &w) in scores.iter_mut().zip(row) {
                        *score += w;
                    }
                }
                return;
            }
            if entry == 0 {
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Parses a weight file.
    pub fn parse(bytes: &[u8]) -> Result<Weights, FormatError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(FormatError("not a newsmark tagger file"));
        }
        if r.u16()? != VERSION {
            return Err(FormatError("unsupported tagger file version"));
        }
        let label_count = r.take(1)?[0] as usize;
        let names_len = r.u16()? as usize;
        let names = r.take(names_len)?;
        if label_count != LABELS || names != NAMES.join(" ").as_bytes() {
            return Err(FormatError("tagger file has a different label set"));
        }
        let mut codebook = [0i16; CODES];
        for level in codebook.iter_mut() {
            *level = r.u16()?.min(i16::MAX as u16) as i16;
        }
        if codebook[0] != 0 {
            return Err(FormatError("code 0 must stand for weight 0"));
        }
        let count = r.u32()? as usize;
        let mut transitions = [[0i32; LABELS]; LABELS];
        for row in &mut transitions {
            for t in row.iter_mut() {
                *t = i32::from(r.u16()? as i16);
            }
        }
        if count > bytes.len() {
            return Err(FormatError("tagger file is truncated"));
        }
        let keys = r.keys(count)?;
        let weights = r.take(count * LABELS)?;
        let vocabulary_count = r.u32()? as usize;
        if vocabulary_count > bytes.len() {
            return Err(FormatError("tagger file is truncated"));
        }
        let vocabulary = KeySet::new(&r.keys(vocabulary_count)?);
        if r.at != bytes.len() {
            return Err(FormatError("trailing bytes after the tagger weights"));
        }
        // A load factor between 0.2 and 0.4: most features looked up are not in the model, and
        // an unsuccessful linear probe costs about 1.5 slots at this load, but 4 at 0.6.
        let size = (count * 5 / 2).next_power_of_two().max(16);
        let mut table = Weights {
            keys: vec![0; size],
            rows: vec![[0; LABELS]; size],
            transitions,
            #[cfg(any(test, feature = "train"))]
            features: count,
            vocabulary,
        };
        let mask = size - 1;
        for (f, &key) in keys.iter().enumerate() {
            let mut slot = (key >> 1) as usize & mask;
            while table.keys[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            table.keys[slot] = key;
            table.rows[slot] = std::array::from_fn(|label| {
                let code = weights[label * count + f] as i8;
                let magnitude = codebook[usize::from(code.unsigned_abs()).min(CODES - 1)];
                i32::from(if code < 0 { -magnitude } else { magnitude })
            });
        }
        Ok(table)
    }

    /// Writes a weight file: `rows` are (fingerprint, weight codes) pairs with distinct
    /// non-zero fingerprints, in any order; `codebook[c]` is the magnitude of code `±c`.
    #[cfg(feature = "train")]
    pub fn write(
        transitions: &[[i16; LABELS]; LABELS],
        codebook: &[u16; CODES],
        rows: &mut [(u32, [i8; LABELS])],
        vocabulary: &mut [u32],
    ) -> Vec<u8> {
        rows.sort_unstable_by_key(|&(key, _)| key);
        vocabulary.sort_unstable();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.push(LABELS as u8);
        let names = NAMES.join(" ");
        out.extend_from_slice(&(names.len() as u16).to_le_bytes());
        out.extend_from_slice(names.as_bytes());
        for level in codebook {
            out.extend_from_slice(&level.to_le_bytes());
        }
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for row in transitions {
            for t in row {
                out.extend_from_slice(&t.to_le_bytes());
            }
        }
        write_keys(&mut out, rows.iter().map(|&(key, _)| key));
        for label in 0..LABELS {
            out.extend(rows.iter().map(|(_, w)| w[label] as u8));
        }
        out.extend_from_slice(&(vocabulary.len() as u32).to_le_bytes());
        write_keys(&mut out, vocabulary.iter().copied());
        out
    }
}

/// Writes ascending keys as LEB128 gaps.
#[cfg(feature = "train")]
fn write_keys(out: &mut Vec<u8>, keys: impl Iterator<Item = u32>) {
    let mut previous = 0u32;
    for key in keys {
        let mut gap = key - previous;
        previous = key;
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
}

/// A set of non-zero 32-bit fingerprints: open addressing, one probe in the common case.
pub struct KeySet {
    keys: Vec<u32>,
    mask: usize,
}

impl KeySet {
    /// The set of `keys` (0 is ignored).
    pub fn new(keys: &[u32]) -> KeySet {
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut set = KeySet { keys: vec![0; size], mask: size - 1 };
        for &key in keys.iter().filter(|&&k| k != 0) {
            let slot = set.slot(key);
            set.keys[slot] = key;
        }
        set
    }

    fn slot(&self, key: u32) -> usize {
        let mut slot = (key >> 1) as usize & self.mask;
        while self.keys[slot] != 0 && self.keys[slot] != key {
            slot = (slot + 1) & self.mask;
        }
        slot
    }

    /// Whether `key` is in the set.
    pub fn contains(&self, key: u32) -> bool {
        key != 0 && self.keys[self.slot(key)] == key
    }
}

/// A cursor over the file's bytes that fails instead of panicking on truncation.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end =
            self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(FormatError("tagger file is truncated"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u16(&mut self) -> Result<u16, FormatError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, FormatError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// `count` ascending non-zero keys written as gaps.
    fn keys(&mut self, count: usize) -> Result<Vec<u32>, FormatError> {
        let mut keys = Vec::with_capacity(count);
        let mut key = 0u32;
        for _ in 0..count {
            key = key.checked_add(self.varint()?).ok_or(FormatError("keys overflow"))?;
            if key == 0 {
                return Err(FormatError("key 0 is reserved"));
            }
            keys.push(key);
        }
        Ok(keys)
    }

    fn varint(&mut self) -> Result<u32, FormatError> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(FormatError("overlong varint in tagger file"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_garbage_without_panicking() {
        assert!(Weights::parse(b"").is_err());
        assert!(Weights::parse(b"NMTG").is_err());
        assert!(Weights::parse(b"XXXX\x01\x00").is_err());
        let embedded = super::super::EMBEDDED;
        for cut in [5, 20, 100, embedded.len() / 2, embedded.len() - 1] {
            assert!(Weights::parse(&embedded[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[cfg(feature = "train")]
    #[test]
    fn round_trips() {
        let mut transitions = [[0i16; LABELS]; LABELS];
        transitions[1][2] = 300;
        transitions[0][2] = -30000;
        let mut rows = vec![(77u32, [1, -2, 3, 0, 0, 0, 0, 0, 127]), (5, [-128, 0, 0, 0, 0, 0, 0, 0, 9])];
        let codebook: [u16; CODES] = std::array::from_fn(|c| c as u16 * 2);
        let bytes = Weights::write(&transitions, &codebook, &mut rows, &mut [40, 3]);
        let weights = Weights::parse(&bytes).unwrap();
        assert_eq!(weights.features, 2);
        assert_eq!(weights.transitions[1][2], 300);
        assert_eq!(weights.transitions[0][2], -30000);
        let mut scores = [0; LABELS];
        weights.add(77, &mut scores);
        weights.add(5, &mut scores);
        weights.add(6, &mut scores);
        assert_eq!(scores, [-252, -4, 6, 0, 0, 0, 0, 0, 272]);
        assert!(weights.vocabulary.contains(3) && weights.vocabulary.contains(40) && !weights.vocabulary.contains(4));
    }
}
