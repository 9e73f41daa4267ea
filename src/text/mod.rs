//! Text structure: tokens, sentences and paragraphs, with byte offsets.
//!
//! Every later stage works on a [`Document`]: the tokens once, the sentences and paragraphs as
//! ranges of token indices. Nothing here allocates per token beyond the token vector itself.

pub mod case;
mod chars;
mod fold;
mod segment;
mod tokenize;

use std::collections::HashMap;
use std::ops::Range;

use crate::lexicon::FastHash;

pub use chars::is_invisible;
pub use fold::{fold_hash, folded_chars};
pub use tokenize::{Abbreviations, BLANK_LINE_BEFORE, LINE_START, SPACE_AFTER, SPACE_BEFORE};

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits, inner hyphens, dots and apostrophes ("U.S.-based", "APT29").
    Word,
    /// Digits with inner separators ("1,000", "12:30", "’90s").
    Number,
    /// A quotation mark or an apostrophe that is not inside a word.
    Quote,
    /// Any other character, or a run of dots or dashes.
    Punct,
}

/// One token: a byte range of the text, its kind and its [`SPACE_BEFORE`]-style flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Bit set of [`SPACE_BEFORE`], [`SPACE_AFTER`], [`LINE_START`] and [`BLANK_LINE_BEFORE`].
    pub flags: u8,
    /// The capitalisation class of the token's text ([`case::class`]).
    pub case: u8,
}

impl Token {
    /// The token's byte range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether the token has `flag` set.
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Grammar tables the segmenter needs, built once.
pub struct Grammar {
    /// Abbreviations that keep their period.
    pub abbreviations: Abbreviations,
    /// Closed-class words, lower-case ("the", "he", "but").
    function_words: WordSet,
}

impl Grammar {
    /// Loads the embedded grammar lists from `data/grammar/`.
    pub fn embedded() -> Grammar {
        Grammar {
            abbreviations: Abbreviations::embedded(),
            function_words: WordSet::new(data_lines(include_str!("../../data/grammar/function_words.txt"))),
        }
    }

    /// Whether `word` is a closed-class word, in any case.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains_folded(word)
    }
}

/// Short lower-case words with a value each, asked about words in any case without
/// allocating: the word lists are probed with nearly every token by several stages.
pub struct WordMap<V> {
    /// The words and their values by the words' [`fold_hash`], which lower-cases ASCII in the
    /// same pass as it hashes, so an ASCII word is looked up without being copied.
    words: HashMap<u64, (Box<str>, V), FastHash>,
    /// The byte length of the longest word: longer tokens are rejected before hashing.
    longest: usize,
}

impl<V> WordMap<V> {
    /// The map of `words`, which must be lower-case, to their values.
    pub fn new<W: Into<Box<str>>>(words: impl IntoIterator<Item = (W, V)>) -> WordMap<V> {
        let words: HashMap<u64, (Box<str>, V), FastHash> = words
            .into_iter()
            .map(|(word, value)| {
                let word = word.into();
                (fold_hash(&word), (word, value))
            })
            .collect();
        let longest = words.values().map(|(w, _)| w.len()).max().unwrap_or(0);
        WordMap { words, longest }
    }

    /// The value of the lower-case form of `word`.
    pub fn get_folded(&self, word: &str) -> Option<&V> {
        if word.len() > 4 * self.longest {
            return None;
        }
        if word.is_ascii() {
            let (known, value) = self.words.get(&fold_hash(word))?;
            return known.eq_ignore_ascii_case(word).then_some(value);
        }
        // The hash folds typographic apostrophes too; the comparison keeps "don’t" apart from
        // "don't", as a lower-case lookup would.
        let lower = word.to_lowercase();
        let (known, value) = self.words.get(&fold_hash(&lower))?;
        (**known == *lower).then_some(value)
    }
}

/// A set of short lower-case words, asked about words in any case without allocating.
pub struct WordSet(WordMap<()>);

impl WordSet {
    /// The set of `words`, which must be lower-case.
    pub fn new<W: Into<Box<str>>>(words: impl IntoIterator<Item = W>) -> WordSet {
        WordSet(WordMap::new(words.into_iter().map(|word| (word, ()))))
    }

    /// Whether the lower-case form of `word` is in the set.
    pub fn contains_folded(&self, word: &str) -> bool {
        self.0.get_folded(word).is_some()
    }
}

/// A tokenized text with its sentences and paragraphs.
pub struct Document<'t> {
    /// The analysed text.
    pub text: &'t str,
    /// Every token, in order.
    pub tokens: Vec<Token>,
    /// The [`fold_hash`] of every token, by index: what the lexicon's tries and the actor
    /// model's features look words up by.
    pub hashes: Vec<u64>,
    /// Sentences as ranges of token indices, in order, covering every token.
    pub sentences: Vec<Range<usize>>,
    /// Paragraphs as ranges of token indices, in order, covering every token. A sentence never
    /// crosses a paragraph boundary.
    pub paragraphs: Vec<Range<usize>>,
}

impl<'t> Document<'t> {
    /// Tokenizes and segments `text` (at most `u32::MAX` bytes).
    pub fn parse(text: &'t str, grammar: &Grammar) -> Document<'t> {
        let (mut tokens, mut hashes) = tokenize::tokenize(text, &grammar.abbreviations);
        // The tokenizer reserves by a guessed token length and grows by doubling; every later
        // stage runs while the tokens are live, so they keep only what they use.
        tokens.shrink_to_fit();
        hashes.shrink_to_fit();
        let (mut sentences, mut paragraphs) = segment::segment(text, &tokens, grammar);
        sentences.shrink_to_fit();
        paragraphs.shrink_to_fit();
        Document { text, tokens, hashes, sentences, paragraphs }
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &'t str {
        &self.text[self.tokens[i].range()]
    }

    /// The text from the start of token `range.start` to the end of token `range.end - 1`.
    pub fn tokens_text(&self, range: Range<usize>) -> &'t str {
        &self.text[self.byte_range(range)]
    }

    /// The byte range from the start of token `range.start` to the end of token `range.end - 1`.
    pub fn byte_range(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.tokens.get(range.start).map_or(self.text.len(), |t| t.start as usize);
            return at..at;
        }
        self.tokens[range.start].start as usize..self.tokens[range.end - 1].end as usize
    }

    /// The index of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        containing(&self.sentences, i)
    }

    /// The index of the paragraph holding token `i`.
    pub fn paragraph_of(&self, i: usize) -> usize {
        containing(&self.paragraphs, i)
    }

    /// The index of the first token that starts at or after byte `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| (t.start as usize) < offset)
    }
}

/// The index of the range in sorted, contiguous `ranges` that holds `i`.
fn containing(ranges: &[Range<usize>], i: usize) -> usize {
    ranges.partition_point(|r| r.end <= i).min(ranges.len().saturating_sub(1))
}

/// The meaningful lines of an embedded data file: trimmed, without blanks and `#` comments.
pub fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The word, number and punctuation tokens of a short `'static` phrase, such as a lexicon alias.
pub fn tokenize_words(phrase: &'static str, abbreviations: &Abbreviations) -> Box<[&'static str]> {
    tokenize::tokenize(phrase, abbreviations).0.iter().map(|t| &phrase[t.range()]).collect()
}
