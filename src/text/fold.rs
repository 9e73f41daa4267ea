//! Case folding of tokens, and the folded hash every lexicon lookup and model feature keys on.
//!
//! Two tokens match when their [`folded_chars`] are equal: lower case, typographic apostrophes
//! and hyphens as their ASCII forms, invisible characters dropped. [`fold_hash`] hashes the
//! folded chars' UTF-8 eight bytes at a time, so the tokenizer can hash a plain ASCII word from
//! the same loads that find its end and class it ([`super::case::ascii_word`]); a token with
//! other chars is folded char by char into the same chunks, and hashes alike. The actor model's
//! weights are keyed by these values: changing the function means retraining it.

use super::case::{ascii_lower, load};

/// The chars of `token` folded for matching: lower case, with typographic apostrophes and
/// hyphens in their ASCII forms, and invisible characters dropped.
pub fn folded_chars(token: &str) -> impl Iterator<Item = char> + '_ {
    FoldedChars { chars: token.chars(), rest: None }
}

/// The iterator of [`folded_chars`]. Lexicon matches compare every candidate's tokens folded,
/// so an ASCII char, nearly every one, is folded on the spot; others go through the Unicode
/// case tables.
struct FoldedChars<'a> {
    chars: std::str::Chars<'a>,
    /// The lower case of the last char beyond ASCII, whose chars (one, or more: "İ" → "i̇")
    /// come next.
    rest: Option<std::char::ToLowercase>,
}

impl Iterator for FoldedChars<'_> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        loop {
            if let Some(rest) = &mut self.rest {
                match rest.next() {
                    Some(c) => return Some(plain_mark(c)),
                    None => self.rest = None,
                }
            }
            let c = self.chars.next()?;
            if c.is_ascii() {
                return Some(c.to_ascii_lowercase());
            }
            if crate::text::is_invisible(c) {
                continue;
            }
            // Typographic quotes and dashes, most of the chars beyond ASCII in news text, are
            // in General Punctuation, which has no case.
            if ('\u{2000}'..='\u{206F}').contains(&c) {
                return Some(plain_mark(c));
            }
            self.rest = Some(c.to_lowercase());
        }
    }
}

/// Typographic apostrophes and hyphens in their ASCII forms; other chars as they are.
fn plain_mark(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        other => other,
    }
}

/// The folded hash of `token`: "Cozy", "cozy" and "COZY" hash alike, and so do "O’Brien" and
/// "o'brien".
pub fn fold_hash(token: &str) -> u64 {
    let bytes = token.as_bytes();
    let mut hasher = FoldHasher::default();
    // Every token of a document is hashed, nearly all of them ASCII, most of them one chunk: a
    // byte above 0x7f sends the token down the char-by-char path.
    if (1..=8).contains(&bytes.len()) {
        let Some(folded) = ascii_lower(load(bytes)) else { return fold_hash_unicode(token) };
        hasher.write(folded);
        return hasher.finish(bytes.len());
    }
    for chunk in bytes.chunks(8) {
        let Some(folded) = ascii_lower(load(chunk)) else { return fold_hash_unicode(token) };
        hasher.write(folded);
    }
    hasher.finish(bytes.len())
}

/// [`fold_hash`] of the one-byte token `byte`, which must be ASCII: a few instructions, for
/// the commas, stops and brackets that are a sixth of a news text's tokens.
#[inline(always)]
pub(crate) fn fold_hash_ascii_byte(byte: u8) -> u64 {
    debug_assert!(byte.is_ascii());
    let mut hasher = FoldHasher::default();
    hasher.write(u64::from(byte.to_ascii_lowercase()));
    hasher.finish(1)
}

/// [`fold_hash`] for a token with a char beyond ASCII.
#[cold]
#[inline(never)]
fn fold_hash_unicode(token: &str) -> u64 {
    let mut hasher = FoldHasher::default();
    let (mut chunk, mut filled, mut length) = (0u64, 0, 0);
    let mut buf = [0u8; 4];
    for c in folded_chars(token) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            chunk |= u64::from(b) << (8 * filled);
            filled += 1;
            length += 1;
            if filled == 8 {
                hasher.write(chunk);
                (chunk, filled) = (0, 0);
            }
        }
    }
    if filled > 0 {
        hasher.write(chunk);
    }
    hasher.finish(length)
}

/// The state of a folded hash: folded UTF-8 goes in as little-endian chunks of eight bytes,
/// the last one padded with zeros, then the length.
///
/// Each step and the finish are bijections, so two tokens of the same length that fit one chunk
/// (nearly every word) never share a hash; the finish mixes every bit into the high ones, which
/// the model's feature fingerprints and the tables' Fibonacci hashing read.
pub(crate) struct FoldHasher(u64);

impl Default for FoldHasher {
    fn default() -> FoldHasher {
        FoldHasher(0x243F_6A88_85A3_08D3)
    }
}

impl FoldHasher {
    /// Takes the next eight folded bytes.
    #[inline(always)]
    pub(crate) fn write(&mut self, chunk: u64) {
        self.0 = (self.0 ^ chunk).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }

    /// The hash of the `length` folded bytes written.
    #[inline(always)]
    pub(crate) fn finish(self, length: usize) -> u64 {
        let h = (self.0 ^ length as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        h ^ h >> 32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_chars_fold_case_marks_and_invisibles() {
        let folded = |token: &str| folded_chars(token).collect::<String>();
        assert_eq!(folded("O’Brien"), "o'brien");
        assert_eq!(folded("Ré\u{200B}Sumé\u{2011}Test"), "résumé-test");
        assert_eq!(folded("“Ö”—\u{2060}‘X’"), "“ö”—'x'");
        // A capital whose lower case is two chars, between ASCII letters.
        assert_eq!(folded("AİB"), "ai\u{307}b");
        assert_eq!(folded(""), "");
        assert_eq!(folded("\u{00AD}"), "");
    }

    #[test]
    fn folds_case_and_apostrophes() {
        assert_eq!(fold_hash("Cozy"), fold_hash("COZY"));
        assert_eq!(fold_hash("O’Brien"), fold_hash("o'brien"));
        assert_ne!(fold_hash("Cozy"), fold_hash("Bear"));
        assert_ne!(fold_hash("cozy"), fold_hash("cozy."));
        assert_ne!(fold_hash("a"), fold_hash("a\0"));
    }

    /// The ASCII path and the char-by-char path agree, on either side of a chunk's edge.
    #[test]
    fn both_paths_hash_alike() {
        for word in ["", "a", "Cozy", "ABCDEFGH", "ABCDEFGHI", "Counter-Intelligence", "o'brien-x"] {
            assert_eq!(fold_hash(word), fold_hash_unicode(word), "{word}");
        }
        assert_eq!(fold_hash("O’BRIEN-SMITHSON"), fold_hash("o'brien-smithson"));
        assert_eq!(fold_hash("ZÜRICH"), fold_hash("zürich"));
    }

    #[test]
    fn one_byte_tokens_hash_alike() {
        for byte in 0..0x80u8 {
            assert_eq!(fold_hash_ascii_byte(byte), fold_hash(&char::from(byte).to_string()), "{byte}");
        }
    }

    /// The value the tagger's weights were trained with: a change of the function shows here.
    #[test]
    fn keeps_the_trained_values() {
        assert_eq!(fold_hash("Cozy"), 0x1a11_b7fd_7c63_bdce);
    }
}
