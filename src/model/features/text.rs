//! What a token's own text says: its capitalisation class, shape, affixes and length.
//!
//! The class is computed for every token of a document and the shape for every token in or
//! beside a scored window, so both read ASCII text (nearly all of an English news text) one
//! byte at a time through a lookup table, and fall back to the Unicode character properties
//! only for tokens with other bytes. The two paths agree on ASCII, which the tests check.

use crate::text::TokenKind;

/// Capitalisation classes of a token.
pub mod class {
    pub const LOWER: u8 = 1;
    pub const TITLE: u8 = 2;
    pub const UPPER: u8 = 3;
    /// One capital letter, with or without a dot ("F.", "A").
    pub const INITIAL: u8 = 4;
    /// Capitalised with later capitals ("McDonald", "U.S.").
    pub const MIXED_CAP: u8 = 5;
    /// Lower-case start with later capitals ("iPhone").
    pub const MIXED_LOW: u8 = 6;
    pub const DIGITS: u8 = 7;
    /// Letters and digits ("F-16", "APT29").
    pub const ALNUM: u8 = 8;
    pub const PUNCT: u8 = 9;
    pub const QUOTE: u8 = 10;
    /// Letters of a script without case.
    pub const UNCASED: u8 = 11;
    /// Outside the sentence, for neighbour features.
    pub const BOUNDARY: u8 = 12;

    /// Whether a token of this class can anchor a name: capitals, or letters with digits.
    pub fn anchors(class: u8) -> bool {
        matches!(class, TITLE | UPPER | INITIAL | MIXED_CAP | MIXED_LOW | DIGITS | ALNUM)
    }

    /// Whether the class starts with a capital letter.
    pub fn capitalised(class: u8) -> bool {
        matches!(class, TITLE | UPPER | INITIAL | MIXED_CAP)
    }
}

/// The capitalisation class of a token with UTF-8 bytes `text`.
pub fn classify(text: &[u8], kind: TokenKind) -> u8 {
    match kind {
        TokenKind::Quote => return class::QUOTE,
        TokenKind::Punct => return class::PUNCT,
        TokenKind::Number => return class::DIGITS,
        TokenKind::Word => {}
    }
    // Eight bytes at a time: a word is seldom longer, and a byte-by-byte loop cost more than
    // a hundred instructions a word.
    let (mut kinds, mut uppers, mut first_upper) = (Letters::default(), 0u32, None);
    for chunk in text.chunks(8) {
        let Some(letters) = Letters::of(load(chunk)) else {
            return std::str::from_utf8(text).map_or(class::UNCASED, classify_unicode);
        };
        if first_upper.is_none() {
            first_upper = letters.first_is_upper();
        }
        // Only whether there are none, one or more capitals matters.
        uppers += u32::from(letters.upper != 0) + u32::from(letters.upper & letters.upper.wrapping_sub(1) != 0);
        kinds.upper |= letters.upper;
        kinds.lower |= letters.lower;
        kinds.digit |= letters.digit;
    }
    let lower = u32::from(kinds.lower != 0);
    class_of(kinds.upper | kinds.lower != 0, kinds.digit != 0, first_upper, uppers, lower)
}

/// Up to eight bytes as a little-endian word, zeros past the end: two overlapping loads of
/// four (or two) bytes instead of a loop.
fn load(bytes: &[u8]) -> u64 {
    let four = |k: usize| {
        bytes.get(k..k + 4).map_or(0, |b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])) << (8 * k))
    };
    let two = |k: usize| bytes.get(k..k + 2).map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])) << (8 * k));
    match bytes.len() {
        0 => 0,
        1 => u64::from(bytes[0]),
        n @ 2..=3 => two(0) | two(n - 2),
        n => four(0) | four(n.min(8) - 4),
    }
}

/// The bytes of an ASCII word that are capitals, lower-case letters and digits, as masks with
/// the high bit of each such byte set.
#[derive(Default)]
struct Letters {
    upper: u64,
    lower: u64,
    digit: u64,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

impl Letters {
    /// `None` if a byte is not ASCII.
    fn of(word: u64) -> Option<Letters> {
        if word & HIGH != 0 {
            return None;
        }
        // With every byte below 0x80, adding 0x80 - lo sets a byte's high bit exactly when the
        // byte is at least lo, without a carry into the next byte.
        let at_least = |lo: u8| word + ONES * u64::from(0x80 - lo);
        let between = |lo: u8, hi: u8| at_least(lo) & !at_least(hi + 1) & HIGH;
        Some(Letters { upper: between(b'A', b'Z'), lower: between(b'a', b'z'), digit: between(b'0', b'9') })
    }

    /// Whether the first letter, if any, is a capital (the lowest byte comes first).
    fn first_is_upper(&self) -> Option<bool> {
        let letters = self.upper | self.lower;
        (letters != 0).then(|| letters & letters.wrapping_neg() & self.upper != 0)
    }
}

fn classify_unicode(text: &str) -> u8 {
    let (mut upper, mut lower, mut digits, mut letters) = (0u32, 0u32, false, false);
    let mut first_upper = None;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits = true;
        } else if c.is_alphabetic() {
            letters = true;
            let is_upper = c.is_uppercase();
            if is_upper {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
            first_upper.get_or_insert(is_upper);
        }
    }
    class_of(letters, digits, first_upper, upper, lower)
}

/// The class from the letter counts: only whether `upper` is 0, 1 or more matters, and
/// whether `lower` is 0.
fn class_of(letters: bool, digits: bool, first_upper: Option<bool>, upper: u32, lower: u32) -> u8 {
    if !letters {
        return if digits { class::DIGITS } else { class::PUNCT };
    }
    if digits {
        return class::ALNUM;
    }
    match (first_upper, upper, lower) {
        (_, 0, 0) => class::UNCASED,
        (Some(true), 1, 0) => class::INITIAL,
        (Some(true), _, 0) => class::UPPER,
        (Some(true), 1, _) => class::TITLE,
        (Some(true), _, _) => class::MIXED_CAP,
        (_, 0, _) => class::LOWER,
        _ => class::MIXED_LOW,
    }
}

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

    macro_rules! class_case {
        ($name:ident, $text:expr, $kind:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(classify($text.as_bytes(), $kind), $expected);
            }
        };
    }

    class_case!(class_lower, "said", TokenKind::Word, class::LOWER);
    class_case!(class_title, "Moscow", TokenKind::Word, class::TITLE);
    class_case!(class_upper, "NATO", TokenKind::Word, class::UPPER);
    class_case!(class_initial, "F.", TokenKind::Word, class::INITIAL);
    class_case!(class_initialism, "U.S.", TokenKind::Word, class::UPPER);
    class_case!(class_mixed_cap, "McDonald", TokenKind::Word, class::MIXED_CAP);
    class_case!(class_mixed_low, "iPhone", TokenKind::Word, class::MIXED_LOW);
    class_case!(class_alnum, "APT29", TokenKind::Word, class::ALNUM);
    class_case!(class_number, "1,000", TokenKind::Number, class::DIGITS);
    class_case!(class_uncased, "قال", TokenKind::Word, class::UNCASED);
    class_case!(class_accented_title, "Ángela", TokenKind::Word, class::TITLE);
    class_case!(class_lower_start_after_mark, "'s", TokenKind::Word, class::LOWER);

    /// Words over every kind of ASCII byte, for checking the fast paths against the Unicode ones.
    const ASCII_WORDS: &str = "said Moscow NATO F. U.S. McDonald iPhone APT29 e-mail don't O'Neill x86 1996-08-22 a \
        -- Al-Qaeda mid-1990s ... B2B _x_ ZZ9 Schwarzenegger counter-intelligence --------xX 12345678A";

    #[test]
    fn ascii_paths_agree_with_unicode_paths() {
        for word in ASCII_WORDS.split_whitespace().chain([""]) {
            assert_eq!(classify(word.as_bytes(), TokenKind::Word), classify_unicode(word), "{word}");
            assert_eq!(shape_hash(word), shape_hash_unicode(word), "{word}");
            let (mut p1, mut s1, mut p2, mut s2) = ([0; 4], [0; 4], [0; 4], [0; 4]);
            affixes(word, &mut p1, &mut s1);
            affixes_unicode(word, &mut p2, &mut s2);
            assert_eq!((p1, s1), (p2, s2), "{word}");
        }
    }

    #[test]
    fn loads_any_short_length() {
        let bytes = b"abcdefgh";
        for n in 0..=8 {
            let expected = bytes[..n].iter().rev().fold(0u64, |word, &b| word << 8 | u64::from(b));
            assert_eq!(load(&bytes[..n]), expected, "{n} bytes");
        }
    }

    #[test]
    fn classes_of_long_words_count_capitals_across_chunks() {
        assert_eq!(classify(b"Schwarzenegger", TokenKind::Word), class::TITLE);
        assert_eq!(classify(b"Schwarzenegger-Brown", TokenKind::Word), class::MIXED_CAP);
        assert_eq!(classify(b"counter-intelligence", TokenKind::Word), class::LOWER);
        assert_eq!(classify(b"-------X", TokenKind::Word), class::INITIAL);
        assert_eq!(classify(b"--------X", TokenKind::Word), class::INITIAL);
        assert_eq!(classify(b"--------x", TokenKind::Word), class::LOWER);
        assert_eq!(classify(b"------xX", TokenKind::Word), class::MIXED_LOW);
        assert_eq!(classify(b"COUNTERTERRORISM", TokenKind::Word), class::UPPER);
        assert_eq!(classify("Ab-cdefgh-Münster".as_bytes(), TokenKind::Word), class::MIXED_CAP);
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
