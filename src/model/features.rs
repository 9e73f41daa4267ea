//! Feature extraction: what the tagger knows about each token, as 32-bit feature fingerprints.
//!
//! The work is split by cost. A first pass over every token computes only what decides whether
//! the token is worth scoring at all (its capitalisation class, line and sentence context) plus
//! the lexicon's phrase matches, four bytes a token. Lower-case words more than one token from
//! any capitalised or digit-bearing token, outside all-caps lines, cannot start or continue a
//! name in practice; they are fixed to `O` and never scored, which spares most of a news text.
//! The remaining *windows* get full attributes (affixes, shapes, name lists) computed into a
//! small reusable buffer, and each feature is a hash of a template number and precomputed
//! per-token hashes, so no string is built per token.
//!
//! The trainer uses this same code, so the model is trained on exactly what it sees in use.

use std::ops::Range;

use super::names::NameTable;
use super::weights::KeySet;
use crate::lexicon::{Class, Lexicon, PlaceKind, COMMON_WORD, DEMONYM};
use crate::text::{Document, TokenKind};

/// Capitalisation classes of a token.
mod class {
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

/// Per-token context flags.
mod flag {
    /// First token of its sentence.
    pub const FIRST: u8 = 1;
    /// On a line written in capitals (a headline or dateline).
    pub const CAPS_LINE: u8 = 2;
    /// Inside a quotation.
    pub const QUOTED: u8 = 4;
    /// Right after a quotation mark, colon, bracket or dash, where capitals are uninformative.
    pub const OPENER: u8 = 8;
    /// On a line that is mostly numbers: a results table or a list of prices.
    pub const TABLE_LINE: u8 = 16;
}

/// Lexicon flags of a token: person-name lists and the phrase gazetteers.
mod lex {
    // Bits 0–3: the name bits of [`super::names`].
    pub const PERSON_B: u16 = 1 << 4;
    pub const PERSON_I: u16 = 1 << 5;
    pub const ORG_B: u16 = 1 << 6;
    pub const ORG_I: u16 = 1 << 7;
    pub const PLACE_B: u16 = 1 << 8;
    pub const PLACE_I: u16 = 1 << 9;
    pub const COUNTRY: u16 = 1 << 10;
    pub const CITY: u16 = 1 << 11;
    pub const CYBER_B: u16 = 1 << 12;
    pub const CYBER_I: u16 = 1 << 13;
    pub const DEMONYM: u16 = 1 << 14;
    pub const COMMON: u16 = 1 << 15;
}

/// Document flags of a word: how the same word is written elsewhere in the document.
mod seen {
    /// Written in lower case somewhere.
    pub const LOWER: u8 = 1;
    /// Capitalised somewhere a capital is informative: mid-sentence, not in a capitals line.
    pub const CAP_MID: u8 = 2;
}

/// Feature templates. Each feature key hashes a template number with its values, so the
/// numbers are part of the model format: append, never renumber.
mod template {
    pub const BIAS: u32 = 0;
    pub const WORD: u32 = 1;
    pub const EXACT: u32 = 2;
    pub const WORD_PREV: u32 = 3;
    pub const WORD_NEXT: u32 = 4;
    pub const WORD_PREV2: u32 = 5;
    pub const WORD_NEXT2: u32 = 6;
    pub const WORD_PREV_WORD: u32 = 7;
    pub const WORD_WORD_NEXT: u32 = 8;
    pub const PREFIX: u32 = 9; // 9..13 by length
    pub const SUFFIX: u32 = 13; // 13..17 by length
    pub const SHAPE: u32 = 17;
    pub const SHAPE_PREV: u32 = 18;
    pub const SHAPE_NEXT: u32 = 19;
    pub const CLASS_TRIGRAM: u32 = 20;
    pub const CLASS_PREV_CLASS: u32 = 21;
    pub const CLASS_CLASS_NEXT: u32 = 22;
    pub const LEX: u32 = 23;
    pub const LEX_PREV: u32 = 24;
    pub const LEX_NEXT: u32 = 25;
    pub const CONTEXT_CLASS: u32 = 26;
    pub const CAPS_LINE_WORD: u32 = 27;
    pub const SEEN_CLASS: u32 = 28;
    pub const WORD_PREV_CLASS: u32 = 29;
    pub const CLASS_WORD_NEXT: u32 = 30;
    pub const LENGTH_CLASS: u32 = 31;
    pub const LEX_PAIR: u32 = 32;
    pub const WORD_PREV2_CLASS: u32 = 33;
    pub const CLASS_WORD_NEXT2: u32 = 34;
    pub const HISTORY: u32 = 35;
    pub const RUN: u32 = 36;
    pub const VOCABULARY: u32 = 37;
    pub const VOCABULARY_PREV: u32 = 38;
}

/// The most features one token can have.
pub const MAX_FEATURES: usize = 64;

/// The folded-word value used for positions outside the sentence.
const BOUNDARY_WORD: u64 = 0x5eed_b0b0_0000_0001;

/// Everything the first pass computes for a document.
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

/// The word lists feature extraction consults besides the lexicon.
pub struct WordLists<'a> {
    /// Given names and surnames.
    pub names: &'a NameTable,
    /// Words usually written in lower case, by [`vocabulary_key`].
    pub vocabulary: &'a KeySet,
}

/// The fingerprint under which the vocabulary stores the word with folded hash `word`.
pub fn vocabulary_key(word: u64) -> u32 {
    fingerprint(template::VOCABULARY, word)
}

/// Full attributes of one token, computed only for tokens in and around scored windows.
#[derive(Clone, Copy, Default)]
pub struct Attrs {
    word: u64,
    exact: u64,
    shape: u64,
    class: u8,
    length: u8,
    flags: u8,
    run: u8,
    /// A capitalised word that is usually written in lower case.
    vocabulary: bool,
    seen: u8,
    /// What this word was tagged earlier in the document ([`History::recall`]).
    pub history: u8,
    lex: u16,
    prefix: [u64; 4],
    suffix: [u64; 4],
}

impl Attrs {
    /// The folded word hash.
    pub fn word(&self) -> u64 {
        self.word
    }

    /// The capitalisation class.
    #[cfg(feature = "train")]
    pub fn class(&self) -> u8 {
        self.class
    }

    /// Whether earlier tags of this word are worth remembering: capitalised words only.
    pub fn remembered(&self) -> bool {
        class::capitalised(self.class) || self.class == class::MIXED_LOW
    }

    fn boundary() -> Attrs {
        Attrs {
            word: BOUNDARY_WORD,
            exact: BOUNDARY_WORD,
            shape: BOUNDARY_WORD,
            class: class::BOUNDARY,
            ..Attrs::default()
        }
    }
}

/// The features of one token: up to [`MAX_FEATURES`] fingerprints.
pub struct Features {
    keys: [u32; MAX_FEATURES],
    len: usize,
}

impl Features {
    /// An empty set.
    pub fn new() -> Features {
        Features { keys: [0; MAX_FEATURES], len: 0 }
    }

    /// The fingerprints.
    pub fn keys(&self) -> &[u32] {
        &self.keys[..self.len]
    }

    fn push(&mut self, template: u32, value: u64) {
        if self.len < MAX_FEATURES {
            self.keys[self.len] = fingerprint(template, value);
            self.len += 1;
        }
    }
}

impl Default for Features {
    fn default() -> Self {
        Features::new()
    }
}

impl<'d, 't> Context<'d, 't> {
    /// Runs the first pass over `doc`.
    pub fn new(doc: &'d Document<'t>, hashes: &'d [u64], lexicon: &Lexicon, quoted: &[bool]) -> Context<'d, 't> {
        let n = doc.tokens.len();
        let class: Vec<u8> = (0..n).map(|i| classify(doc.token_text(i), doc.tokens[i].kind)).collect();
        let mut flags = vec![0u8; n];
        mark_lines(doc, &class, &mut flags);
        for sentence in &doc.sentences {
            if let Some(first) = flags.get_mut(sentence.start) {
                *first |= flag::FIRST;
            }
            for i in sentence.start + 1..sentence.end {
                if is_opener(doc.token_text(i - 1), doc.tokens[i - 1].kind) {
                    flags[i] |= flag::OPENER;
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
    pub fn windows(&self) -> Vec<Window> {
        let mut windows = Vec::new();
        for sentence in &self.doc.sentences {
            let mut start = None;
            for i in sentence.clone() {
                match (self.scored(i, sentence), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        windows.push(Window { sentence: sentence.clone(), tokens: s..i });
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                windows.push(Window { sentence: sentence.clone(), tokens: s..sentence.end });
            }
        }
        windows
    }

    fn scored(&self, i: usize, sentence: &Range<usize>) -> bool {
        if self.flags[i] & flag::CAPS_LINE != 0 || class::anchors(self.class[i]) {
            return true;
        }
        (i > sentence.start && class::anchors(self.class[i - 1]))
            || (i + 1 < sentence.end && class::anchors(self.class[i + 1]))
    }

    /// Fills `attrs` with the attributes of the window's tokens and two neighbours on each
    /// side (boundary values outside the sentence): `attrs[k]` is token `window.start - 2 + k`.
    pub fn fill_attrs(&self, window: &Window, lists: &WordLists, attrs: &mut Vec<Attrs>) {
        attrs.clear();
        let from = window.tokens.start as isize - 2;
        let to = window.tokens.end as isize + 2;
        for i in from..to {
            let inside = i >= window.sentence.start as isize && i < window.sentence.end as isize;
            attrs.push(if inside { self.attrs(i as usize, lists) } else { Attrs::boundary() });
        }
    }

    fn attrs(&self, i: usize, lists: &WordLists) -> Attrs {
        let text = self.doc.token_text(i);
        let class = self.class[i];
        let word = self.hashes[i];
        let mut attrs = Attrs {
            word,
            shape: shape_hash(text),
            class,
            flags: self.flags[i],
            run: self.run[i],
            lex: self.lex[i],
            ..Attrs::default()
        };
        if !uses_all_features(class, attrs.flags) {
            // Only the neighbour features read this token: skip the rest.
            return attrs;
        }
        attrs.exact = exact_hash(text);
        attrs.length = length_bucket(text);
        if class::capitalised(class) {
            attrs.seen = self.seen.get(word);
            attrs.vocabulary = lists.vocabulary.contains(vocabulary_key(word));
            if matches!(class, class::TITLE | class::UPPER) {
                attrs.lex |= lists.names.bits(word);
            }
        }
        if self.doc.tokens[i].kind == TokenKind::Word {
            affixes(text, &mut attrs.prefix, &mut attrs.suffix);
        }
        attrs
    }
}

/// Whether a token gets the full feature set: capitalised or digit-bearing tokens, and every
/// token of a capitals line. The others (lower-case words and marks beside a name) are nearly
/// always `O` and get a few context features.
fn uses_all_features(class: u8, flags: u8) -> bool {
    class::anchors(class) || flags & flag::CAPS_LINE != 0
}

/// A run of tokens to score, with the sentence holding it.
pub struct Window {
    /// The sentence's tokens.
    pub sentence: Range<usize>,
    /// The tokens to score.
    pub tokens: Range<usize>,
}

/// The features of the `k`-th token of a window whose attributes `attrs` came from
/// [`Context::fill_attrs`].
pub fn token_features(attrs: &[Attrs], k: usize, out: &mut Features) {
    out.len = 0;
    let at = |offset: isize| &attrs[(k as isize + 2 + offset) as usize];
    let (p2, p1, t, n1, n2) = (at(-2), at(-1), at(0), at(1), at(2));
    let cls = |a: &Attrs| u64::from(a.class);

    out.push(template::BIAS, 0);
    out.push(template::WORD, t.word);
    if !uses_all_features(t.class, t.flags) {
        // A lower-case word or a mark beside a name: a few features say `O` nearly as well as
        // all of them would, at a fraction of the lookups.
        out.push(template::WORD_PREV_CLASS, mix(p1.word, cls(t)));
        out.push(template::CLASS_WORD_NEXT, mix(n1.word, cls(t)));
        out.push(template::CLASS_TRIGRAM, cls(p1) << 16 | cls(t) << 8 | cls(n1));
        out.push(template::CLASS_PREV_CLASS, cls(p2) << 8 | cls(p1) << 16 | cls(t));
        out.push(template::CLASS_CLASS_NEXT, cls(t) << 8 | cls(n1) << 16 | cls(n2));
        out.push(template::WORD_PREV_WORD, mix(p1.word, t.word));
        out.push(template::WORD_WORD_NEXT, mix(t.word, n1.word));
        out.push(template::CONTEXT_CLASS, u64::from(t.flags) << 8 | cls(t));
        push_lex(out, template::LEX, t.lex);
        return;
    }
    out.push(template::EXACT, t.exact);
    out.push(template::WORD_PREV, p1.word);
    out.push(template::WORD_NEXT, n1.word);
    out.push(template::WORD_PREV2, p2.word);
    out.push(template::WORD_NEXT2, n2.word);
    out.push(template::WORD_PREV_WORD, mix(p1.word, t.word));
    out.push(template::WORD_WORD_NEXT, mix(t.word, n1.word));
    for (n, (&prefix, &suffix)) in t.prefix.iter().zip(&t.suffix).enumerate() {
        if prefix != 0 {
            out.push(template::PREFIX + n as u32, prefix);
        }
        if suffix != 0 {
            out.push(template::SUFFIX + n as u32, suffix);
        }
    }
    out.push(template::SHAPE, t.shape);
    out.push(template::SHAPE_PREV, mix(p1.shape, cls(t)));
    out.push(template::SHAPE_NEXT, mix(n1.shape, cls(t)));
    out.push(template::CLASS_TRIGRAM, cls(p1) << 16 | cls(t) << 8 | cls(n1));
    out.push(template::CLASS_PREV_CLASS, cls(p2) << 8 | cls(p1) << 16 | cls(t));
    out.push(template::CLASS_CLASS_NEXT, cls(t) << 8 | cls(n1) << 16 | cls(n2));
    out.push(template::WORD_PREV_CLASS, mix(p1.word, cls(t)));
    out.push(template::CLASS_WORD_NEXT, mix(n1.word, cls(t)));
    out.push(template::WORD_PREV2_CLASS, mix(p2.word, cls(t)));
    out.push(template::CLASS_WORD_NEXT2, mix(n2.word, cls(t)));
    out.push(template::LENGTH_CLASS, u64::from(t.length) << 8 | cls(t));
    out.push(template::CONTEXT_CLASS, u64::from(t.flags) << 8 | cls(t));
    if t.vocabulary {
        let position = t.flags & (flag::FIRST | flag::OPENER | flag::CAPS_LINE);
        out.push(template::VOCABULARY, u64::from(position) << 8 | cls(t));
    }
    if p1.vocabulary {
        out.push(template::VOCABULARY_PREV, cls(p1) << 8 | cls(t));
    }
    if t.run != 0 {
        out.push(template::RUN, u64::from(t.run) << 8 | cls(t));
    }
    if t.flags & flag::CAPS_LINE != 0 {
        out.push(template::CAPS_LINE_WORD, t.word);
    }
    if class::capitalised(t.class) {
        let informative = t.flags & (flag::FIRST | flag::OPENER | flag::CAPS_LINE) == 0;
        out.push(template::SEEN_CLASS, u64::from(t.seen) << 16 | u64::from(informative) << 8 | cls(t));
    }
    if t.history != 0 {
        out.push(template::HISTORY, history_value(t.history, t.class));
    }
    push_lex(out, template::LEX, t.lex);
    push_lex(out, template::LEX_PREV, p1.lex);
    push_lex(out, template::LEX_NEXT, n1.lex);
    if t.lex != 0 || p1.lex != 0 || n1.lex != 0 {
        out.push(template::LEX_PAIR, u64::from(p1.lex) << 32 | u64::from(t.lex) << 16 | u64::from(n1.lex));
    }
}

fn push_lex(out: &mut Features, template: u32, bits: u16) {
    let mut rest = bits;
    while rest != 0 {
        let bit = rest.trailing_zeros();
        out.push(template, u64::from(bit));
        rest &= rest - 1;
    }
}

/// The 32-bit fingerprint of a feature; never 0, which marks an empty weight-table slot.
fn fingerprint(template: u32, value: u64) -> u32 {
    let h = mix(value, u64::from(template) + 1);
    (h >> 32) as u32 | 1
}

/// Mixes two 64-bit values into one well-spread hash (the splitmix64 finaliser).
fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.rotate_left(17) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over the exact bytes: the case-sensitive word identity.
fn exact_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// The capitalisation class of a token.
fn classify(text: &str, kind: TokenKind) -> u8 {
    match kind {
        TokenKind::Quote => return class::QUOTE,
        TokenKind::Punct => return class::PUNCT,
        TokenKind::Number => return class::DIGITS,
        TokenKind::Word => {}
    }
    let (mut upper, mut lower, mut digits, mut letters) = (0u32, 0u32, 0u32, 0u32);
    let mut first_upper = None;
    if text.is_ascii() {
        for b in text.bytes() {
            if b.is_ascii_digit() {
                digits += 1;
            } else if b.is_ascii_alphabetic() {
                letters += 1;
                upper += u32::from(b.is_ascii_uppercase());
                lower += u32::from(b.is_ascii_lowercase());
                first_upper.get_or_insert(b.is_ascii_uppercase());
            }
        }
    } else {
        for c in text.chars() {
            if c.is_ascii_digit() {
                digits += 1;
            } else if c.is_alphabetic() {
                letters += 1;
                let is_upper = c.is_uppercase();
                if is_upper {
                    upper += 1;
                } else if c.is_lowercase() {
                    lower += 1;
                }
                first_upper.get_or_insert(is_upper);
            }
        }
    }
    if letters == 0 {
        return if digits > 0 { class::DIGITS } else { class::PUNCT };
    }
    if digits > 0 {
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

/// Marks tokens on lines written in capitals: no lower-case word and at least one word of two
/// or more capitals (headlines and datelines such as "BRUSSELS 1996-08-22"); and on lines where
/// at least a third of the tokens are numbers (tables).
fn mark_lines(doc: &Document, class: &[u8], flags: &mut [u8]) {
    let mut start = 0;
    for i in 1..=doc.tokens.len() {
        if i < doc.tokens.len() && !doc.tokens[i].has(crate::text::LINE_START) {
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
    kind == TokenKind::Quote || matches!(text, ":" | "(" | "[" | "-" | "--" | "\u{2013}" | "\u{2014}")
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

/// Length buckets: 1, 2, 3, 4, 5–6, 7–9, 10+ chars.
fn length_bucket(text: &str) -> u8 {
    match text.chars().count() {
        n @ 0..=4 => n as u8,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// The hash of the compressed word shape: capitals as `X`, lower case as `x`, digits as `d`,
/// ASCII punctuation as itself, runs collapsed ("Xx", "X.X.", "dd-dd" → "d-d", "XxX").
fn shape_hash(text: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut last = '\0';
    for c in text.chars() {
        let s = if c.is_uppercase() {
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
            hash = (hash ^ s as u64).wrapping_mul(0x100_0000_01b3);
            last = s;
        }
    }
    hash
}

/// Hashes of the first and last 1–4 folded chars; 0 for lengths past the word's.
fn affixes(text: &str, prefix: &mut [u64; 4], suffix: &mut [u64; 4]) {
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let step = |h: u64, c: char| (h ^ u64::from(u32::from(c))).wrapping_mul(0x100_0000_01b3) | 2;
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for (k, c) in text.chars().take(4).enumerate() {
        h = step(h, fold(c));
        prefix[k] = h;
    }
    let mut h = 0x8422_2325_cbf2_9ce4u64;
    for (k, c) in text.chars().rev().take(4).enumerate() {
        h = step(h, fold(c));
        suffix[k] = h;
    }
}

/// The fingerprint of the history feature for a token of `class` whose word was last tagged
/// mostly as `history`; the trainer needs it without a window at hand.
#[cfg(feature = "train")]
pub fn history_key(history: u8, class: u8) -> u32 {
    fingerprint(template::HISTORY, history_value(history, class))
}

fn history_value(history: u8, class: u8) -> u64 {
    u64::from(history) << 8 | u64::from(class)
}

/// Every value [`history_key`] can take, so the trainer can give them ids up front.
#[cfg(feature = "train")]
pub fn history_keys() -> impl Iterator<Item = u32> {
    (1..=5u8).flat_map(|h| (1..=class::BOUNDARY).map(move |c| history_key(h, c)))
}

/// The types given so far to each capitalised word of a document ("extended prediction
/// history", Ratinov and Roth 2009): a name spelled out once ("Bill Clinton", "Clinton") is
/// usually the same type at its later, shorter or more ambiguous mentions.
#[derive(Default)]
pub struct History {
    counts: std::collections::HashMap<u64, [u16; 5], crate::lexicon::FastHash>,
}

impl History {
    /// Forgets everything: a new document starts.
    #[cfg(feature = "train")]
    pub fn clear(&mut self) {
        self.counts.clear();
    }

    /// 0 if `word` was not tagged before, else 1 + the most frequent of O, PER, ORG, LOC, MISC
    /// (ties to the earlier in that order).
    pub fn recall(&self, word: u64) -> u8 {
        let Some(counts) = self.counts.get(&word) else { return 0 };
        let mut best = 0;
        for (k, &c) in counts.iter().enumerate() {
            if c > counts[best] {
                best = k;
            }
        }
        best as u8 + 1
    }

    /// Records that `word` was tagged with label index `label`.
    pub fn record(&mut self, word: u64, label: u8) {
        let kind = match label {
            0 => 0,
            l => (usize::from(l) + 1) / 2,
        };
        let counts = self.counts.entry(word).or_default();
        counts[kind.min(4)] = counts[kind.min(4)].saturating_add(1);
    }
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
        for (i, &hash) in hashes.iter().enumerate() {
            if class::capitalised(class[i]) {
                let slot = table.slot(hash);
                table.keys[slot] = hash | 1;
                if class[i] != class::INITIAL && flags[i] & (flag::FIRST | flag::OPENER | flag::CAPS_LINE) == 0 {
                    table.bits[slot] |= seen::CAP_MID;
                }
            }
        }
        for (i, &hash) in hashes.iter().enumerate() {
            if class[i] == class::LOWER {
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

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! class_case {
        ($name:ident, $text:expr, $kind:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(classify($text, $kind), $expected);
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

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash("Moscow"), shape_hash("Xx"));
        assert_eq!(shape_hash("1996-08-22"), shape_hash("10-1-5"));
        assert_ne!(shape_hash("Moscow"), shape_hash("MOSCOW"));
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
    fn fingerprints_are_never_zero_and_depend_on_template() {
        for value in 0..1000u64 {
            assert_ne!(fingerprint(0, value), 0);
            assert_ne!(fingerprint(1, value), fingerprint(2, value));
        }
    }
}
