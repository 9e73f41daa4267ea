//! The capitalisation class of a token: lower case, title case, capitals, an initial, mixed,
//! digits and so on.
//!
//! The tokenizer classes every token as it cuts it ([`super::Token::case`]): a plain ASCII
//! word, most of a news text, is classed from the bit masks of the same eight-byte loads that
//! find its end ([`ascii_word`]), and other tokens by [`classify`]. The actor model reads the
//! classes as features, so their numbers are part of its weight file.

use super::fold::FoldHasher;
use super::TokenKind;

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
pub(crate) fn load(bytes: &[u8]) -> u64 {
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
    #[inline(always)]
    fn of(word: u64) -> Option<Letters> {
        (word & HIGH == 0).then(|| Letters::of_any(word))
    }

    /// The masks of any eight bytes: a byte above 0x7f is none of the three.
    #[inline(always)]
    fn of_any(word: u64) -> Letters {
        let ascii = !word & HIGH;
        let low = word & !HIGH;
        // With every byte below 0x80, adding 0x80 - lo sets a byte's high bit exactly when the
        // byte is at least lo, without a carry into the next byte. Setting bit 5 folds capitals
        // onto lower case, so one range test finds both; capitals are the letters whose bit 5
        // was clear, read two places up, at the high bit.
        let at_least = |bytes: u64, lo: u8| bytes + ONES * u64::from(0x80 - lo);
        let between = |bytes: u64, lo: u8, hi: u8| at_least(bytes, lo) & !at_least(bytes, hi + 1);
        let letter = between(low | (ONES * 0x20), b'a', b'z') & ascii;
        let upper = letter & !(low << 2);
        Letters { upper, lower: letter & !upper, digit: between(low, b'0', b'9') & ascii }
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

/// A run of ASCII letters and digits, as [`ascii_word`] finds it.
pub struct AsciiWord {
    /// The byte after the run.
    pub end: usize,
    /// The class of the run as a token.
    pub class: u8,
    /// The run's [`super::fold_hash`].
    pub hash: u64,
}

/// The run of ASCII letters and digits that starts at `pos` with an ASCII letter: its end, and
/// its class and folded hash as a token. Eight bytes at a time, the tokenizer's commonest step.
#[inline(always)]
pub fn ascii_word(bytes: &[u8], pos: usize) -> AsciiWord {
    let first_upper = bytes.get(pos).is_some_and(u8::is_ascii_uppercase);
    // Capitals counted as none, one or more, which is all the class needs.
    let (mut at, mut uppers, mut lower, mut digit) = (pos, 0u32, false, false);
    let mut hasher = FoldHasher::default();
    loop {
        let word = load_at(bytes, at);
        let letters = Letters::of_any(word);
        // The bytes of the run in this word: up to the first that is no letter or digit (the
        // zeros past the end of the text included), `keep` their bits.
        let ends = !(letters.upper | letters.lower | letters.digit) & HIGH;
        let keep = ((ends & ends.wrapping_neg()) >> 7).wrapping_sub(1);
        let upper = letters.upper & keep;
        uppers += u32::from(upper != 0) + u32::from(upper & upper.wrapping_sub(1) != 0);
        lower |= letters.lower & keep != 0;
        digit |= letters.digit & keep != 0;
        let run = if ends == 0 { 8 } else { ends.trailing_zeros() as usize / 8 };
        if run > 0 {
            hasher.write(lowered(word, letters.upper) & keep);
        }
        at += run;
        if run < 8 {
            let class = class_of(true, digit, Some(first_upper), uppers, u32::from(lower));
            return AsciiWord { end: at, class, hash: hasher.finish(at - pos) };
        }
    }
}

/// Eight ASCII bytes with their capitals in lower case, or `None` if a byte is not ASCII.
#[inline(always)]
pub(crate) fn ascii_lower(word: u64) -> Option<u64> {
    Letters::of(word).map(|letters| lowered(word, letters.upper))
}

/// `word` with the capitals that `upper` marks (high bits) in lower case: 0x20 added to each.
#[inline(always)]
fn lowered(word: u64, upper: u64) -> u64 {
    word | upper >> 2
}

/// The eight bytes from `pos` as a little-endian word, zeros past the end of `bytes`.
#[inline(always)]
fn load_at(bytes: &[u8], pos: usize) -> u64 {
    match bytes.get(pos..pos + 8) {
        Some(chunk) => u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]),
        None => load(bytes.get(pos..).unwrap_or_default()),
    }
}

/// Words over every kind of ASCII byte, for checking the fast paths against the Unicode ones.
#[cfg(test)]
pub(crate) const ASCII_WORDS: &str = "said Moscow NATO F. U.S. McDonald iPhone APT29 e-mail don't O'Neill x86 \
    1996-08-22 a -- Al-Qaeda mid-1990s ... B2B _x_ ZZ9 Schwarzenegger counter-intelligence --------xX 12345678A";

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

    #[test]
    fn ascii_path_agrees_with_unicode_path() {
        for word in ASCII_WORDS.split_whitespace().chain([""]) {
            assert_eq!(classify(word.as_bytes(), TokenKind::Word), classify_unicode(word), "{word}");
        }
    }

    /// The run scanner classes a run as `classify` classes the same bytes as a token, over
    /// runs that end inside and at the edges of its eight-byte loads, and at every kind of byte.
    #[test]
    fn runs_are_classed_like_tokens() {
        let words = ["a", "Ab", "ABCDEFG", "ABCDEFGH", "Abcdefghi", "abcdefgHIJKLMNOPq", "x86", "F16", "McDonald", "iPhone"];
        for word in words {
            for after in ["", " ", ".", "-x", "\u{e9}", "'s", "\0"] {
                let text = format!("{word}{after}");
                let run = ascii_word(text.as_bytes(), 0);
                assert_eq!(run.end, word.len(), "{text:?}");
                assert_eq!(run.class, classify(word.as_bytes(), TokenKind::Word), "{text:?}");
                assert_eq!(run.hash, crate::text::fold_hash(word), "{text:?}");
                let shifted = format!("{{{text}");
                let later = ascii_word(shifted.as_bytes(), 1);
                assert_eq!((later.end, later.class, later.hash), (word.len() + 1, run.class, run.hash), "{shifted:?}");
            }
        }
    }

    /// Whatever path the tokenizer took, a token's class is that of its text, and its hash
    /// the folded hash of its text.
    #[test]
    fn tokens_carry_the_class_and_hash_of_their_text() {
        let grammar = crate::text::Grammar::embedded();
        let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
        let mut texts: Vec<String> =
            std::fs::read_dir(golden).unwrap().map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap()).collect();
        texts.push(format!("{ASCII_WORDS} Biden's U.S. Mr. O'Neill’s ’90s Zürich ÁNGELA. x86-64 end"));
        for text in &texts {
            let doc = crate::text::Document::parse(text, &grammar);
            assert_eq!(doc.hashes.len(), doc.tokens.len());
            for (token, &hash) in doc.tokens.iter().zip(&doc.hashes) {
                let written = &text[token.range()];
                assert_eq!(token.case, classify(written.as_bytes(), token.kind), "{written:?}");
                assert_eq!(hash, crate::text::fold_hash(written), "{written:?}");
            }
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
}
