//! What a token's own text says besides its capitalisation class ([`class`], which the
//! tokenizer gives every token): its shape, affixes and length.
//!
//! The shape is computed for every token in or beside a scored window, so it reads ASCII text
//! (nearly all of an English news text) one byte at a time through a lookup table, and falls
//! back to the Unicode character properties only for tokens with other bytes. The two paths
//! agree on ASCII, which the tests check.

pub use crate::text::case::class;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// The shape char of each ASCII byte: capitals `X`, lower case `x`, digits `d`, the rest itself.
const SHAPES: [u8; 128] = {
    let mut shapes = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        shapes[b] = match b as u8 {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            other => other,
        };
        b += 1;
    }
    shapes
};

/// The hash of the compressed word shape: capitals as `X`, lower case as `x`, digits as `d`,
/// ASCII punctuation as itself, runs collapsed ("Xx", "X.X.", "dd-dd" → "d-d", "XxX").
pub fn shape_hash(text: &str) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut last = 0u8;
    for &b in text.as_bytes() {
        let Some(&s) = SHAPES.get(usize::from(b)) else { return shape_hash_unicode(text) };
        if s != last {
            hash = (hash ^ u64::from(s)).wrapping_mul(FNV_PRIME);
            last = s;
        }
    }
    hash
}

fn shape_hash_unicode(text: &str) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut last = '\0';
    for c in text.chars() {
        // Quotation marks and dashes, most of the other chars of a news text, take the Unicode
        // tables' longest searches: General Punctuation has no letters or digits.
        let s = if ('\u{2000}'..='\u{206f}').contains(&c) {
            '*'
        } else if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_ascii() {
            c
        } else if c.is_alphabetic() {
            'a'
        } else {
            '*'
        };
        if s != last {
            hash = (hash ^ s as u64).wrapping_mul(FNV_PRIME);
            last = s;
        }
    }
    hash
}

/// FNV-1a over the exact bytes: the case-sensitive word identity.
pub fn exact_hash(text: &str) -> u64 {
    text.bytes().fold(FNV_OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// Length buckets: 1, 2, 3, 4, 5–6, 7–9, 10+ chars.
pub fn length_bucket(text: &str) -> u8 {
    let chars = if text.is_ascii() { text.len() } else { text.chars().count() };
    match chars {
        n @ 0..=4 => n as u8,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Hashes of the first and last 1–4 folded chars; 0 for lengths past the word's.
pub fn affixes(text: &str, prefix: &mut [u64; 4], suffix: &mut [u64; 4]) {
    let bytes = text.as_bytes();
    let ends = 4.min(bytes.len());
    let (head, tail) = (&bytes[..ends], &bytes[bytes.len() - ends..]);
    if !head.is_ascii() || !tail.is_ascii() {
        return affixes_unicode(text, prefix, suffix);
    }
    // ASCII at both ends: the first and last four bytes are the first and last four chars.
    let mut h = FNV_OFFSET;
    for (slot, &b) in prefix.iter_mut().zip(head) {
        h = affix_step(h, u32::from(b.to_ascii_lowercase()));
        *slot = h;
    }
    let mut h = SUFFIX_OFFSET;
    for (slot, &b) in suffix.iter_mut().zip(tail.iter().rev()) {
        h = affix_step(h, u32::from(b.to_ascii_lowercase()));
        *slot = h;
    }
}

/// The starting value of the suffix hashes, apart from the prefixes'.
const SUFFIX_OFFSET: u64 = 0x8422_2325_cbf2_9ce4;

fn affix_step(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(FNV_PRIME) | 2
}

fn affixes_unicode(text: &str, prefix: &mut [u64; 4], suffix: &mut [u64; 4]) {
    let fold = |c: char| u32::from(c.to_lowercase().next().unwrap_or(c));
    let mut h = FNV_OFFSET;
    for (slot, c) in prefix.iter_mut().zip(text.chars()) {
        h = affix_step(h, fold(c));
        *slot = h;
    }
    let mut h = SUFFIX_OFFSET;
    for (slot, c) in suffix.iter_mut().zip(text.chars().rev()) {
        h = affix_step(h, fold(c));
        *slot = h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_paths_agree_with_unicode_paths() {
        for word in crate::text::case::ASCII_WORDS.split_whitespace().chain([""]) {
            assert_eq!(shape_hash(word), shape_hash_unicode(word), "{word}");
            let (mut p1, mut s1, mut p2, mut s2) = ([0; 4], [0; 4], [0; 4], [0; 4]);
            affixes(word, &mut p1, &mut s1);
            affixes_unicode(word, &mut p2, &mut s2);
            assert_eq!((p1, s1), (p2, s2), "{word}");
        }
    }

    #[test]
    fn long_words_with_other_bytes_inside_take_ascii_affixes() {
        let (mut p1, mut s1, mut p2, mut s2) = ([0; 4], [0; 4], [0; 4], [0; 4]);
        affixes("Zürichsee", &mut p1, &mut s1);
        affixes_unicode("Zürichsee", &mut p2, &mut s2);
        assert_eq!((p1, s1), (p2, s2));
        affixes("Bergstraße", &mut p1, &mut s1);
        affixes_unicode("Bergstraße", &mut p2, &mut s2);
        assert_eq!((p1, s1), (p2, s2));
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash("Moscow"), shape_hash("Xx"));
        assert_eq!(shape_hash("1996-08-22"), shape_hash("10-1-5"));
        assert_ne!(shape_hash("Moscow"), shape_hash("MOSCOW"));
        assert_eq!(shape_hash("Zürich"), shape_hash("Zurich"));
        assert_eq!(shape_hash("“"), shape_hash("—"));
        assert_ne!(shape_hash("“"), shape_hash("\""));
    }

    #[test]
    fn affixes_fold_case() {
        let (mut p1, mut s1, mut p2, mut s2) = ([0; 4], [0; 4], [0; 4], [0; 4]);
        affixes("Berlin", &mut p1, &mut s1);
        affixes("BERLIN", &mut p2, &mut s2);
        assert_eq!((p1, s1), (p2, s2));
        let (mut p3, mut s3) = ([0; 4], [0; 4]);
        affixes("ab", &mut p3, &mut s3);
        assert_eq!((p3[2], s3[3]), (0, 0));
    }

    #[test]
    fn lengths_count_chars() {
        assert_eq!(length_bucket("Zürich"), length_bucket("Zurich"));
        assert_eq!(length_bucket("NATO"), 4);
        assert_eq!(length_bucket("Washington"), 7);
    }
}
