//! Feature extraction: what the tagger knows about each token, as 32-bit feature fingerprints.
//!
//! The work is split by cost. A first pass over every token ([`Context`]) computes only what
//! decides whether the token is worth scoring at all (its capitalisation class, line and
//! sentence context), one byte a token. Lower-case words more than one token from any
//! capitalised or digit-bearing token, outside all-caps lines, cannot start or continue a name
//! in practice; they are fixed to `O` and never scored, which spares most of a news text. The
//! remaining *windows* get full attributes ([`Attrs`]: phrase matches, affixes, shapes, name
//! lists) computed into a small reusable buffer, and each feature is a hash of a template
//! number and precomputed per-token hashes, so no string is built per token.
//!
//! Features come in two parts. The *word* features depend only on the written form and on facts
//! about the word that hold for the whole document, so the tagger scores them once per distinct
//! form (see `super::score`); the *context* features depend on the position. The trainer takes
//! both for every token (`token_features`), through this same code, so the model is trained on
//! exactly what it sees in use.

mod document;
mod text;

pub use document::{Context, Window};
use text::class;

use super::names::NameTable;
use super::weights::KeySet;

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
    /// Bits 0–3: the name bits of [`super::super::names`].
    pub const NAMES: u16 = 0xf;
    pub const PERSON_B: u16 = 1 << 4;
    pub const PERSON_I: u16 = 1 << 5;
    pub const ORG_B: u16 = 1 << 6;
    pub const ORG_I: u16 = 1 << 7;
    pub const PLACE_B: u16 = 1 << 8;
    pub const PLACE_I: u16 = 1 << 9;
    pub const COUNTRY: u16 = 1 << 10;
    pub const CITY: u16 = 1 << 11;
    // Bits 12 and 13 are free: they marked cyber entries, which are not known names.
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

/// The folded-word value used for positions outside the sentence.
const BOUNDARY_WORD: u64 = 0x5eed_b0b0_0000_0001;

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

/// Where features go: the trainer collects their fingerprints, the tagger adds their weights.
pub trait Sink {
    /// Takes the feature of `template` with `value`.
    fn add(&mut self, template: u32, value: u64);
}

/// Attributes of one token in or beside a scored window. Tokens that get only the few context
/// features of a lower-case neighbour ([`Attrs::full`] false) fill in only what their
/// neighbours read: word, class, flags, run, phrase bits, and the shape.
#[derive(Clone, Copy, Default)]
pub struct Attrs {
    word: u64,
    shape: u64,
    class: u8,
    flags: u8,
    run: u8,
    /// A capitalised word that is usually written in lower case.
    vocabulary: bool,
    seen: u8,
    /// What this word was tagged earlier in the document ([`History::recall`]).
    pub history: u8,
    lex: u16,
}

/// What the word features of a token with [`Attrs::full`] features read of its spelling, and
/// nothing else does (see [`Context::word_attrs`]).
#[derive(Default)]
pub struct Spelling {
    exact: u64,
    length: u8,
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

    /// Whether the token gets the full feature set: capitalised or digit-bearing tokens, and
    /// every token of a capitals line. The others (lower-case words and marks beside a name)
    /// are nearly always `O` and get a few context features.
    pub fn full(&self) -> bool {
        uses_all_features(self.class, self.flags)
    }

    fn boundary() -> Attrs {
        Attrs { word: BOUNDARY_WORD, shape: BOUNDARY_WORD, class: class::BOUNDARY, ..Attrs::default() }
    }
}

/// The word attributes of a token with full features that other features than its word
/// features read: what the tagger keeps of a written form between its occurrences.
#[derive(Clone, Copy)]
pub struct WordPart {
    shape: u64,
    names: u16,
    seen: u8,
    vocabulary: bool,
}

impl Attrs {
    /// The part of the word attributes ([`Context::word_attrs`]) that other features read.
    pub fn word_part(&self) -> WordPart {
        WordPart { shape: self.shape, names: self.lex & lex::NAMES, seen: self.seen, vocabulary: self.vocabulary }
    }

    /// Sets the shape of a token without full features (see [`Context::shape`]).
    pub fn set_shape(&mut self, shape: u64) {
        self.shape = shape;
    }

    /// Sets the word attributes from those of an earlier token of the same written form; the
    /// rest of them only feed the word features, which the caller knows already.
    pub fn set_word_part(&mut self, part: &WordPart) {
        self.shape = part.shape;
        self.lex |= part.names;
        self.seen = part.seen;
        self.vocabulary = part.vocabulary;
    }
}

fn uses_all_features(class: u8, flags: u8) -> bool {
    class::anchors(class) || flags & flag::CAPS_LINE != 0
}

/// The fingerprints of one token's features, for the trainer.
#[cfg(any(test, feature = "train"))]
#[derive(Default)]
pub struct Features {
    keys: Vec<u32>,
}

#[cfg(any(test, feature = "train"))]
impl Features {
    /// The fingerprints.
    pub fn keys(&self) -> &[u32] {
        &self.keys
    }
}

#[cfg(any(test, feature = "train"))]
impl Sink for Features {
    fn add(&mut self, template: u32, value: u64) {
        self.keys.push(fingerprint(template, value));
    }
}

/// All features of the `k`-th token of a window whose attributes `attrs` and spellings came
/// from [`Context::fill_attrs`]: the bias, the word features and the context features.
#[cfg(any(test, feature = "train"))]
pub fn token_features(attrs: &[Attrs], spellings: &[Spelling], k: usize, out: &mut Features) {
    out.keys.clear();
    bias(out);
    word_features(&attrs[k + 2], &spellings[k + 2], out);
    context_features(attrs, k, out);
}

/// The feature every scored token has.
pub fn bias(out: &mut impl Sink) {
    out.add(template::BIAS, 0);
}

/// The features of a token that depend only on its written form and on facts about its word
/// that hold for the whole document (name lists, vocabulary): the same for every occurrence.
/// `spelling` is read only for a token with [`Attrs::full`] features.
pub fn word_features(t: &Attrs, spelling: &Spelling, out: &mut impl Sink) {
    out.add(template::WORD, t.word);
    if !t.full() {
        return;
    }
    out.add(template::EXACT, spelling.exact);
    for (n, (&prefix, &suffix)) in spelling.prefix.iter().zip(&spelling.suffix).enumerate() {
        if prefix != 0 {
            out.add(template::PREFIX + n as u32, prefix);
        }
        if suffix != 0 {
            out.add(template::SUFFIX + n as u32, suffix);
        }
    }
    out.add(template::SHAPE, t.shape);
    out.add(template::LENGTH_CLASS, u64::from(spelling.length) << 8 | u64::from(t.class));
    push_lex(out, template::LEX, t.lex & lex::NAMES);
}

/// The features of the `k`-th token of a window that depend on its position: its neighbours,
/// its line and sentence, the phrase gazetteers and the document's history. They come in three
/// parts, which the tagger scores apart: the [`context_word_features`], which read the words
/// around; the [`context_class_features`], which read the classes around; and the
/// [`context_token_features`], which read the token's own bits and the phrase bits around.
#[cfg(any(test, feature = "train"))]
pub fn context_features(attrs: &[Attrs], k: usize, out: &mut impl Sink) {
    context_word_features(attrs, k, out);
    context_class_features(attrs, k, out);
    context_token_features(attrs, k, out);
}

/// The context features of the `k`-th token of a window that read the words and shapes
/// around it.
pub fn context_word_features(attrs: &[Attrs], k: usize, out: &mut impl Sink) {
    let Some([p2, p1, t, n1, n2]) = attrs.get(k..k + 5) else { return };
    let cls = |a: &Attrs| u64::from(a.class);
    if !t.full() {
        // A lower-case word or a mark beside a name: a few features say `O` nearly as well as
        // all of them would, at a fraction of the lookups.
        out.add(template::WORD_PREV_CLASS, mix(p1.word, cls(t)));
        out.add(template::CLASS_WORD_NEXT, mix(n1.word, cls(t)));
        out.add(template::WORD_PREV_WORD, mix(p1.word, t.word));
        out.add(template::WORD_WORD_NEXT, mix(t.word, n1.word));
        return;
    }
    out.add(template::WORD_PREV, p1.word);
    out.add(template::WORD_NEXT, n1.word);
    out.add(template::WORD_PREV2, p2.word);
    out.add(template::WORD_NEXT2, n2.word);
    out.add(template::WORD_PREV_WORD, mix(p1.word, t.word));
    out.add(template::WORD_WORD_NEXT, mix(t.word, n1.word));
    out.add(template::SHAPE_PREV, mix(p1.shape, cls(t)));
    out.add(template::SHAPE_NEXT, mix(n1.shape, cls(t)));
    out.add(template::WORD_PREV_CLASS, mix(p1.word, cls(t)));
    out.add(template::CLASS_WORD_NEXT, mix(n1.word, cls(t)));
    out.add(template::WORD_PREV2_CLASS, mix(p2.word, cls(t)));
    out.add(template::CLASS_WORD_NEXT2, mix(n2.word, cls(t)));
    if t.flags & flag::CAPS_LINE != 0 {
        out.add(template::CAPS_LINE_WORD, t.word);
    }
}

/// The context features of the `k`-th token of a window that read only the classes around it
/// and its flags: everything [`class_key`] holds. News repeats few such patterns (a
/// capitalised word mid-sentence between lower-case words), so the tagger sums their weights
/// once per pattern.
pub fn context_class_features(attrs: &[Attrs], k: usize, out: &mut impl Sink) {
    let Some([p2, p1, t, n1, n2]) = attrs.get(k..k + 5) else { return };
    let cls = |a: &Attrs| u64::from(a.class);
    out.add(template::CLASS_TRIGRAM, cls(p1) << 16 | cls(t) << 8 | cls(n1));
    out.add(template::CLASS_PREV_CLASS, cls(p2) << 8 | cls(p1) << 16 | cls(t));
    out.add(template::CLASS_CLASS_NEXT, cls(t) << 8 | cls(n1) << 16 | cls(n2));
    out.add(template::CONTEXT_CLASS, u64::from(t.flags) << 8 | cls(t));
}

/// The classes of the `k`-th token of a window and its neighbours, and its flags, packed:
/// equal keys, equal [`context_class_features`]. Four bits a class, five for the flags.
pub fn class_key(attrs: &[Attrs], k: usize) -> u32 {
    let Some(window) = attrs.get(k..k + 5) else { return 0 };
    let classes = window.iter().fold(0u32, |key, a| key << 4 | u32::from(a.class));
    u32::from(window[2].flags) << 20 | classes
}

/// The context features of the `k`-th token of a window that read its own vocabulary, run,
/// `seen` and history bits, the phrase bits around it, and its and its predecessor's class:
/// everything [`token_key`] holds. A token without phrase bits and without full features has
/// none.
pub fn context_token_features(attrs: &[Attrs], k: usize, out: &mut impl Sink) {
    let Some([_, p1, t, n1, _]) = attrs.get(k..k + 5) else { return };
    let cls = |a: &Attrs| u64::from(a.class);
    if !t.full() {
        push_lex(out, template::LEX, t.lex);
        return;
    }
    if t.vocabulary {
        let position = t.flags & (flag::FIRST | flag::OPENER | flag::CAPS_LINE);
        out.add(template::VOCABULARY, u64::from(position) << 8 | cls(t));
    }
    if p1.vocabulary {
        out.add(template::VOCABULARY_PREV, cls(p1) << 8 | cls(t));
    }
    if t.run != 0 {
        out.add(template::RUN, u64::from(t.run) << 8 | cls(t));
    }
    if class::capitalised(t.class) {
        let informative = t.flags & (flag::FIRST | flag::OPENER | flag::CAPS_LINE) == 0;
        out.add(template::SEEN_CLASS, u64::from(t.seen) << 16 | u64::from(informative) << 8 | cls(t));
    }
    if t.history != 0 {
        out.add(template::HISTORY, history_value(t.history, t.class));
    }
    push_lex(out, template::LEX, t.lex & !lex::NAMES);
    push_lex(out, template::LEX_PREV, p1.lex);
    push_lex(out, template::LEX_NEXT, n1.lex);
    if t.lex != 0 || p1.lex != 0 || n1.lex != 0 {
        out.add(template::LEX_PAIR, u64::from(p1.lex) << 32 | u64::from(t.lex) << 16 | u64::from(n1.lex));
    }
}

/// Everything [`context_token_features`] reads of the `k`-th token of a window and its
/// neighbours, packed: equal keys, equal features. The first word holds the token's class and
/// flags (which say whether it has full features), its predecessor's class, and its
/// vocabulary, run, `seen` and history bits; the second the phrase bits. A token without full
/// features reads only its own phrase bits, so the rest is left out of its key.
pub fn token_key(attrs: &[Attrs], k: usize) -> [u64; 2] {
    let Some([_, p1, t, n1, _]) = attrs.get(k..k + 5) else { return [0; 2] };
    let own = u64::from(t.flags) << 4 | u64::from(t.class);
    if !t.full() {
        return [own, u64::from(t.lex)];
    }
    let bits = u64::from(p1.class)
        | u64::from(t.vocabulary) << 4
        | u64::from(p1.vocabulary) << 5
        | u64::from(t.run) << 6
        | u64::from(t.seen) << 12
        | u64::from(t.history) << 14;
    [bits << 9 | own, u64::from(p1.lex) << 32 | u64::from(t.lex) << 16 | u64::from(n1.lex)]
}

fn push_lex(out: &mut impl Sink, template: u32, bits: u16) {
    let mut rest = bits;
    while rest != 0 {
        let bit = rest.trailing_zeros();
        out.add(template, u64::from(bit));
        rest &= rest - 1;
    }
}

/// The 32-bit fingerprint of a feature; never 0, which marks an empty weight-table slot.
///
/// A token has thirty-odd features, so this runs over a million times a megabyte and is kept
/// to one multiplication: the values are word hashes already, or small numbers whose
/// differences the multiplication carries into the high bits kept. The template enters as a
/// constant (its number is known where each feature is made), so that equal values of two
/// templates differ.
#[inline(always)]
pub(crate) fn fingerprint(template: u32, value: u64) -> u32 {
    let seed = u64::from(template + 1).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    ((value ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32 | 1
}

/// Two values as one, in order: a word hash rotated, so that a pair and its reverse differ,
/// and the other value on top.
#[inline(always)]
fn mix(a: u64, b: u64) -> u64 {
    a.rotate_left(29) ^ b
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
    #[cfg(any(test, feature = "train"))]
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
            l => usize::from(l).div_ceil(2),
        };
        let counts = self.counts.entry(word).or_default();
        counts[kind.min(4)] = counts[kind.min(4)].saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_never_zero_and_depend_on_template() {
        for value in 0..1000u64 {
            assert_ne!(fingerprint(0, value), 0);
            assert_ne!(fingerprint(1, value), fingerprint(2, value));
        }
    }
}
