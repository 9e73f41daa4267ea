//! Where each source of names may find something, from one pass over the tokens.
//!
//! A source can rule out nearly every token of a news text from a byte or two of it, or from
//! the word table ([`super::words`]), and several sources ask about the same tokens. One pass
//! asks every question and keeps the answers as bits, a byte per token; each source then visits
//! only the tokens that carry its bits, skipping the others eight at a time. The tests only
//! rule tokens out: the source checks a marked token in full.

use std::ops::Range;

use super::words::{self, Words, ACTOR_SUFFIX, TOOL_WORD};
use super::{compounds, ids, shapes};
use crate::text::{Document, Token, TokenKind};

pub use super::words::{CUE, PRODUCT, VOCABULARY};

/// The token may start a CVE or ATT&CK id ([`super::ids`]).
pub const ID: u8 = 32;
/// The token may end in a name glued to ".exe", "RAT" or a relation word
/// ([`super::compounds`]).
pub const COMPOUND: u8 = 64;
/// A name may be read from the token by its shape ([`super::shapes`]): it ends in a digit, or
/// the next token is a number, an actor-name suffix, a tool word or a malware word.
pub const SHAPE: u8 = 128;

const _: () = assert!((ID | COMPOUND | SHAPE) & words::ALL == 0, "the marks' own bits are free in the word flags");

/// The bits a word starting with each byte value may get, and those a word ending with it
/// may get: one load rules out most words for every test at once.
const BY_FIRST_BYTE: [u8; 256] = byte_table(true);
const BY_LAST_BYTE: [u8; 256] = byte_table(false);

const fn byte_table(first: bool) -> [u8; 256] {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if first {
            if ids::may_start_with(b as u8) { ID } else { 0 }
        } else {
            (if compounds::may_end_with(b as u8) { COMPOUND } else { 0 }) | (if shapes::may_end_with(b as u8) { SHAPE } else { 0 })
        };
        b += 1;
    }
    table
}

/// The marks of one document's tokens.
pub struct Marks {
    /// One byte of bits per token: the word-table flags, then the marks' own.
    marks: Vec<u8>,
}

impl Marks {
    /// Marks the tokens of `doc`, whose folded token hashes are `hashes`.
    pub fn new(doc: &Document, words: &Words) -> Marks {
        let hashes: &[u64] = &doc.hashes;
        let bytes = doc.text.as_bytes();
        let mut marks: Vec<u8> = Vec::with_capacity(doc.tokens.len());
        for (token, &hash) in doc.tokens.iter().zip(hashes) {
            let flags = words.flags(hash);
            // A name may stand before a number, an actor-name suffix or a tool word.
            if token.kind == TokenKind::Number || flags & (ACTOR_SUFFIX | TOOL_WORD) != 0 {
                if let Some(before) = marks.last_mut() {
                    *before |= SHAPE;
                }
            }
            marks.push(if token.kind == TokenKind::Word { flags | word_marks(bytes, token) } else { flags });
        }
        marks.resize(doc.tokens.len(), 0);
        Marks { marks }
    }

    /// Adds `bits` to the mark of token `i`.
    pub fn add(&mut self, i: usize, bits: u8) {
        if let Some(mark) = self.marks.get_mut(i) {
            *mark |= bits;
        }
    }

    /// The mark of token `i`; 0 past the end.
    pub fn get(&self, i: usize) -> u8 {
        self.marks.get(i).copied().unwrap_or(0)
    }

    /// Whether any token in `tokens` has any of `bits`.
    pub fn any(&self, tokens: Range<usize>, bits: u8) -> bool {
        let Some(marks) = self.marks.get(tokens) else { return false };
        let mut chunks = marks.chunks_exact(8);
        let mask = u64::from_ne_bytes([bits; 8]);
        chunks.any(|chunk| eight(chunk) & mask != 0) || chunks.remainder().iter().any(|&mark| mark & bits != 0)
    }

    /// The tokens with any of `bits`, in order.
    pub fn tokens(&self, bits: u8) -> impl Iterator<Item = usize> + '_ {
        let mask = u64::from_ne_bytes([bits; 8]);
        self.marks.chunks(8).enumerate().filter(move |(_, chunk)| eight(chunk) & mask != 0).flat_map(move |(n, chunk)| {
            chunk.iter().enumerate().filter(move |(_, &mark)| mark & bits != 0).map(move |(k, _)| n * 8 + k)
        })
    }
}

/// The marks' own bits that the word `token` of the text `bytes` gets: ids, compounds and
/// shapes are read in words only, and a byte or two rule out most.
#[inline]
fn word_marks(bytes: &[u8], token: &Token) -> u8 {
    let (first, last) = (bytes[token.start as usize], bytes[token.end as usize - 1]);
    let maybe = BY_FIRST_BYTE[usize::from(first)] | BY_LAST_BYTE[usize::from(last)];
    let mut mark = maybe & SHAPE;
    if maybe & ID != 0 && ids::may_start(bytes, token) {
        mark |= ID;
    }
    if maybe & COMPOUND != 0 && compounds::may_end_in_name(bytes, token) {
        mark |= COMPOUND;
    }
    mark
}

/// Up to eight marks as one word, for a test of all of them at once: the last chunk of a
/// document, shorter, is folded into one byte.
fn eight(chunk: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(chunk) {
        Ok(word) => u64::from_ne_bytes(word),
        Err(_) => chunk.iter().fold(0, |word, &mark| word | u64::from(mark)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cyber::CyberTables;
    use crate::lexicon::Lexicon;
    use crate::text::Grammar;

    #[test]
    fn marks_where_each_source_may_find_something() {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        let tables = CyberTables::new(&lexicon, &grammar.abbreviations);
        let text = "CVE-2021-44228 hit psexec.exe and the APT 41 crew used Volt Typhoon ransomware.";
        let doc = Document::parse(text, &grammar);
        let marks = Marks::new(&doc, &tables.words);
        let marked = |bits| marks.tokens(bits).map(|i| doc.token_text(i)).collect::<Vec<_>>();
        assert_eq!(marked(ID), ["CVE-2021-44228"]);
        assert_eq!(marked(COMPOUND), ["psexec.exe"]);
        // Ends in a digit; before a number; before an actor-name suffix.
        assert_eq!(marked(SHAPE), ["CVE-2021-44228", "APT", "Volt"]);
        assert_eq!(marked(CUE), ["APT"]);
        assert!(marked(VOCABULARY).contains(&"ransomware"));
        assert!(!marked(VOCABULARY | PRODUCT).contains(&"the"));
    }

    #[test]
    fn tokens_in_order_across_words_of_eight() {
        let mut marks = Marks { marks: vec![0; 21] };
        for i in [0, 7, 8, 15, 16, 20] {
            marks.add(i, ID);
        }
        marks.add(9, SHAPE);
        marks.add(20, SHAPE);
        assert_eq!(marks.tokens(ID).collect::<Vec<_>>(), [0, 7, 8, 15, 16, 20]);
        assert_eq!(marks.tokens(SHAPE).collect::<Vec<_>>(), [9, 20]);
        assert_eq!(marks.tokens(ID | SHAPE).count(), 7);
        assert_eq!(marks.tokens(CUE).count(), 0);
        assert!(marks.any(8..10, SHAPE) && !marks.any(10..20, SHAPE));
        assert_eq!((marks.get(20), marks.get(21)), (ID | SHAPE, 0));
    }
}
