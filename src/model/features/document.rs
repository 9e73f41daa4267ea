//! The first pass over a document, and the windows of tokens worth scoring.

use std::ops::Range;

use super::text::{self, class};
use super::{flag, lex, seen, Attrs, WordLists};
use crate::lexicon::{Class, Lexicon, PlaceKind, COMMON_WORD, DEMONYM};
use crate::text::{Document, TokenKind, LINE_START};

/// Everything the first pass computes for a document: five bytes a token, and a table of its
/// capitalised words.
pub struct Context<'d, 't> {
    doc: &'d Document<'t>,
    hashes: &'d [u64],
    /// Capitalisation class per token.
    class: Vec<u8>,
    /// [`flag`] bits per token.
    flags: Vec<u8>,
    /// [`lex`] phrase-gazetteer bits per token (the name lists are added per window).
    lex: Vec<u16>,
    /// Position and length of the run of capitalised words holding each token ([`runs`]).
    run: Vec<u8>,
    /// [`seen`] bits of every word of the document, by folded hash.
    seen: SeenTable,
}

/// A run of tokens to score, with the sentence holding it.
pub struct Window {
    /// The sentence's tokens.
    pub sentence: Range<usize>,
    /// The tokens to score.
    pub tokens: Range<usize>,
}

impl<'d, 't> Context<'d, 't> {
    /// Runs the first pass over `doc`.
    pub fn new(doc: &'d Document<'t>, hashes: &'d [u64], lexicon: &Lexicon, quoted: &[bool]) -> Context<'d, 't> {
        let class: Vec<u8> = doc.tokens.iter().map(|t| text::classify(&doc.text[t.range()], t.kind)).collect();
        let mut flags = vec![0u8; class.len()];
        mark_lines(doc, &class, &mut flags);
        for sentence in &doc.sentences {
            if let Some(first) = flags.get_mut(sentence.start) {
                *first |= flag::FIRST;
            }
            let Some(tokens) = doc.tokens.get(sentence.clone()) else { continue };
            let Some(after) = flags.get_mut(sentence.start + 1..sentence.end) else { continue };
            for (f, before) in after.iter_mut().zip(tokens) {
                if is_opener(&doc.text[before.range()], before.kind) {
                    *f |= flag::OPENER;
                }
            }
        }
        for (f, &q) in flags.iter_mut().zip(quoted) {
            if q {
                *f |= flag::QUOTED;
            }
        }
        let lex = phrase_flags(doc, hashes, lexicon);
        let run = runs(doc, &class, &flags);
        let seen = SeenTable::build(hashes, &class, &flags);
        Context { doc, hashes, class, flags, lex, run, seen }
    }

    /// The token ranges worth scoring, in order: runs of tokens within one sentence that are on
    /// a capitals line, or anchor a name, or lie next to a token that does.
    pub fn windows(&self) -> impl Iterator<Item = Window> + '_ {
        self.doc.sentences.iter().flat_map(move |sentence| {
            let (start, end) = (sentence.start, sentence.end.min(self.class.len()));
            let anchor = move |i: usize| i >= start && i < end && class::anchors(self.class[i]);
            let scored = move |i: usize| {
                self.flags[i] & flag::CAPS_LINE != 0 || anchor(i) || (i > 0 && anchor(i - 1)) || anchor(i + 1)
            };
            let mut i = start;
            std::iter::from_fn(move || {
                while i < end && !scored(i) {
                    i += 1;
                }
                let first = i;
                while i < end && scored(i) {
                    i += 1;
                }
                (first < i).then(|| Window { sentence: sentence.clone(), tokens: first..i })
            })
        })
    }

    /// Fills `attrs` with the attributes of the window's tokens and two neighbours on each
    /// side (boundary values outside the sentence): `attrs[k]` is token `window.start - 2 + k`.
    #[cfg(any(test, feature = "train"))]
    pub fn fill_attrs(&self, window: &Window, lists: &WordLists, attrs: &mut Vec<Attrs>) {
        attrs.clear();
        for i in window.tokens.start as isize - 2..window.tokens.end as isize + 2 {
            let mut a = self.neighbour_attrs(window, i);
            if a.full() {
                self.word_attrs(i as usize, lists, &mut a);
            } else if a.class != class::BOUNDARY {
                a.shape = self.shape(i as usize);
            }
            attrs.push(a);
        }
    }

    /// The attributes of token `i` that its neighbours' features read (all but the shape,
    /// which is found with the word attributes for a token with [`Attrs::full`] features, and
    /// by [`Context::shape`] for others); boundary values outside the window's sentence.
    pub fn neighbour_attrs(&self, window: &Window, i: isize) -> Attrs {
        if !self.inside(window, i) {
            return Attrs::boundary();
        }
        let i = i as usize;
        Attrs {
            word: self.hashes[i],
            class: self.class[i],
            flags: self.flags[i],
            run: self.run[i],
            lex: self.lex[i],
            ..Attrs::default()
        }
    }

    /// Whether `i` is a token of the window's sentence.
    pub fn inside(&self, window: &Window, i: isize) -> bool {
        i >= window.sentence.start as isize && i < window.sentence.end as isize
    }

    /// The shape hash of token `i`.
    pub fn shape(&self, i: usize) -> u64 {
        text::shape_hash(self.doc.token_text(i))
    }

    /// The exact-text hash of token `i`: with the folded hash, the key of its written form.
    pub fn exact(&self, i: usize) -> u64 {
        text::exact_hash(self.doc.token_text(i))
    }

    /// Completes the attributes of token `i`, a token with [`Attrs::full`] features, with
    /// everything that depends only on its written form and its word (see
    /// [`super::word_features`]).
    pub fn word_attrs(&self, i: usize, lists: &WordLists, attrs: &mut Attrs) {
        let text = self.doc.token_text(i);
        attrs.exact = text::exact_hash(text);
        attrs.shape = text::shape_hash(text);
        attrs.length = text::length_bucket(text);
        if class::capitalised(attrs.class) {
            attrs.seen = self.seen.get(attrs.word);
            attrs.vocabulary = lists.vocabulary.contains(super::vocabulary_key(attrs.word));
            if matches!(attrs.class, class::TITLE | class::UPPER) {
                attrs.lex |= lists.names.bits(attrs.word);
            }
        }
        if self.doc.tokens[i].kind == TokenKind::Word {
            text::affixes(text, &mut attrs.prefix, &mut attrs.suffix);
        }
    }
}

/// Marks tokens on lines written in capitals: no lower-case word and at least one word of two
/// or more capitals (headlines and datelines such as "BRUSSELS 1996-08-22"); and on lines where
/// at least a third of the tokens are numbers (tables).
fn mark_lines(doc: &Document, class: &[u8], flags: &mut [u8]) {
    let mut start = 0;
    for i in 1..=doc.tokens.len() {
        if i < doc.tokens.len() && !doc.tokens[i].has(LINE_START) {
            continue;
        }
        let line = &class[start..i];
        let has_lower =
            line.iter().any(|&c| matches!(c, class::LOWER | class::TITLE | class::MIXED_CAP | class::MIXED_LOW));
        if !has_lower && line.contains(&class::UPPER) {
            for f in &mut flags[start..i] {
                *f |= flag::CAPS_LINE;
            }
        }
        let numbers = line.iter().filter(|&&c| c == class::DIGITS).count();
        if line.len() >= 2 && numbers * 3 >= line.len() {
            for f in &mut flags[start..i] {
                *f |= flag::TABLE_LINE;
            }
        }
        start = i;
    }
}

/// For each token in a run of capitalised words within a sentence (outside capitals lines),
/// its position in the run (1 alone, 2 first, 3 inner, 4 last) times 8 plus the run's length
/// (up to 5); 0 elsewhere. Runs mark the likely extent of a multi-word name.
fn runs(doc: &Document, class: &[u8], flags: &[u8]) -> Vec<u8> {
    let mut run = vec![0u8; class.len()];
    for sentence in &doc.sentences {
        let mut i = sentence.start;
        while i < sentence.end {
            let in_run = |k: usize| class::capitalised(class[k]) && flags[k] & flag::CAPS_LINE == 0;
            if !in_run(i) {
                i += 1;
                continue;
            }
            let start = i;
            while i < sentence.end && in_run(i) {
                i += 1;
            }
            let length = (i - start).min(5) as u8;
            for k in start..i {
                let position = match (k == start, k + 1 == i) {
                    (true, true) => 1,
                    (true, false) => 2,
                    (false, false) => 3,
                    (false, true) => 4,
                };
                run[k] = position * 8 + length;
            }
        }
    }
    run
}

/// Whether a token makes a following capital uninformative.
fn is_opener(text: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Quote => true,
        TokenKind::Punct => matches!(text, ":" | "(" | "[" | "-" | "--" | "\u{2013}" | "\u{2014}"),
        TokenKind::Word | TokenKind::Number => false,
    }
}

/// The lexicon's phrase matches as begin/inside bits per token.
fn phrase_flags(doc: &Document, hashes: &[u64], lexicon: &Lexicon) -> Vec<u16> {
    let mut bits = vec![0u16; doc.tokens.len()];
    for found in lexicon.find(doc, hashes, |_| true) {
        let class = lexicon.entries[found.entry as usize].class;
        let (begin, inside, any) = match class {
            Class::Person => (lex::PERSON_B, lex::PERSON_I, 0),
            Class::Organization => (lex::ORG_B, lex::ORG_I, 0),
            Class::Place(kind) => (
                lex::PLACE_B,
                lex::PLACE_I,
                match kind {
                    PlaceKind::Country => lex::COUNTRY,
                    PlaceKind::Capital | PlaceKind::City => lex::CITY,
                    PlaceKind::Region => 0,
                },
            ),
            Class::Cyber(_) => (lex::CYBER_B, lex::CYBER_I, 0),
        };
        let (begin, inside, any) =
            if found.flags & DEMONYM != 0 { (lex::DEMONYM, lex::DEMONYM, 0) } else { (begin, inside, any) };
        let common = if found.flags & COMMON_WORD != 0 { lex::COMMON } else { 0 };
        for i in found.tokens.clone() {
            let position = if i == found.tokens.start { begin } else { inside };
            bits[i] |= position | any | common;
        }
    }
    bits
}

/// The [`seen`] bits of each word of a document, in an open-addressing table keyed by folded
/// hash: built once per document in linear time, one probe per lookup.
struct SeenTable {
    keys: Vec<u64>,
    bits: Vec<u8>,
}

impl SeenTable {
    /// Only capitalised words are ever looked up, so only they get a slot; lower-case tokens
    /// then probe the small table to mark the words they share.
    fn build(hashes: &[u64], class: &[u8], flags: &[u8]) -> SeenTable {
        let capitalised = class.iter().filter(|&&c| class::capitalised(c)).count();
        let size = (capitalised * 2).next_power_of_two().max(16);
        let mut table = SeenTable { keys: vec![0; size], bits: vec![0; size] };
        for ((&hash, &c), &f) in hashes.iter().zip(class).zip(flags) {
            if class::capitalised(c) {
                let slot = table.slot(hash);
                table.keys[slot] = hash | 1;
                if c != class::INITIAL && f & (flag::FIRST | flag::OPENER | flag::CAPS_LINE) == 0 {
                    table.bits[slot] |= seen::CAP_MID;
                }
            }
        }
        for (&hash, &c) in hashes.iter().zip(class) {
            if c == class::LOWER {
                let slot = table.slot(hash);
                if table.keys[slot] != 0 {
                    table.bits[slot] |= seen::LOWER;
                }
            }
        }
        table
    }

    fn slot(&self, hash: u64) -> usize {
        let key = hash | 1;
        let mask = self.keys.len() - 1;
        let mut slot = (hash >> 20) as usize & mask;
        while self.keys[slot] != 0 && self.keys[slot] != key {
            slot = (slot + 1) & mask;
        }
        slot
    }

    fn get(&self, hash: u64) -> u8 {
        self.bits[self.slot(hash)]
    }
}
