//! The first pass over a document, and the windows of tokens worth scoring.
//!
//! The pass keeps one byte a token (the capitalisation class and the line flags), the
//! lexicon's phrase matches and a table of the capitalised words. Everything else a feature
//! reads (sentence position, quotation, runs of capitals, phrase bits) is found per window, for
//! the few tokens in and beside it, into a buffer the windows share.

use std::ops::Range;

use super::text::{self, class};
use super::{flag, lex, seen, Attrs, Spelling, WordLists};
use crate::lexicon::{Class, LexMatch, Lexicon, PlaceKind, COMMON_WORD, DEMONYM};
use crate::text::{Document, Token, TokenKind, LINE_START};

/// Per-token byte: the class in the low four bits, and above them the [`flag`] bits that do
/// not depend on the quotations (all but [`flag::QUOTED`], bit 2), shifted to fit.
const CLASS_BITS: u8 = 0xf;

/// The per-token byte's bits for `flags`.
const fn packed(flags: u8) -> u8 {
    ((flags & 3) | (flags >> 1 & 0xc)) << 4
}

/// The [`flag`] bits of a per-token byte.
fn unpacked(byte: u8) -> u8 {
    let bits = byte >> 4;
    (bits & 3) | (bits & 0xc) << 1
}

const CAPS_LINE: u8 = packed(flag::CAPS_LINE);
const TABLE_LINE: u8 = packed(flag::TABLE_LINE);
const FIRST: u8 = packed(flag::FIRST);
const OPENER: u8 = packed(flag::OPENER);

/// Everything the first pass computes for a document.
pub struct Context<'d, 't> {
    doc: &'d Document<'t>,
    lexicon: &'d Lexicon,
    quoted: &'d [bool],
    /// Per token, the capitalisation class and the flags of its position in its line and
    /// sentence.
    tokens: Vec<u8>,
    /// The lexicon's phrase matches, in order.
    phrases: Vec<Phrase>,
    /// [`seen`] bits of every capitalised word of the document, by folded hash.
    seen: SeenTable,
}

/// A phrase match with the [`lex`] bits of its first token and of the others.
struct Phrase {
    start: usize,
    end: usize,
    begin: u16,
    inside: u16,
}

/// The most tokens a window holds. A longer run of tokens worth scoring is scored in parts, as
/// if an `O` stood between them, so that the buffers of a window stay small whatever the input.
/// Only made-up texts have such runs: the longest window of CoNLL-2003 or of a megabyte of
/// news has 123 tokens.
pub const MAX_WINDOW: usize = 256;

/// A run of tokens to score, with the sentence holding it.
pub struct Window {
    /// The sentence's tokens.
    pub sentence: Range<usize>,
    /// The tokens to score.
    pub tokens: Range<usize>,
    /// The phrase matches that may touch the tokens or their next neighbours, as indices.
    phrases: Range<usize>,
}

impl<'d, 't> Context<'d, 't> {
    /// Runs the first pass over `doc`. `known` are the lexicon's matches of the entries the
    /// tagger reads ([`super::super::is_known_name`]); `quoted[i]` tells whether token `i` is
    /// in a quotation.
    pub fn new(
        doc: &'d Document<'t>,
        lexicon: &'d Lexicon,
        known: &[LexMatch],
        quoted: &'d [bool],
    ) -> Context<'d, 't> {
        let tokens = first_pass(doc);
        let seen = SeenTable::build(&doc.hashes, &tokens);
        Context { doc, lexicon, quoted, tokens, phrases: phrases(known, lexicon), seen }
    }

    fn class(&self, i: usize) -> u8 {
        self.tokens[i] & CLASS_BITS
    }

    /// Whether token `i` is a lower-case word that never stands inside a name: "said", not
    /// "of" or "bin" ([`Lexicon::may_join_name`]).
    fn outside_names(&self, i: usize) -> bool {
        self.class(i) == class::LOWER && !self.lexicon.may_join_name(self.doc.hashes[i])
    }

    /// The window's one token that anchors a name, when it is a word in title case that opens
    /// its sentence or follows an opener ("The", "But", "He" before lower-case words): the
    /// tagger leaves such a window untagged when the word is closed-class.
    pub fn lone_opening_anchor(&self, window: &Window) -> Option<usize> {
        let opening = |i: usize| {
            let t = self.tokens[i];
            t & CLASS_BITS == class::TITLE && t & (FIRST | OPENER) != 0 && t & CAPS_LINE == 0
        };
        // A lone anchor's window is it and its neighbours in the sentence, an opener before it
        // among them if it follows one.
        if window.tokens.len() > 3 {
            return None;
        }
        let first = window.tokens.start;
        let anchor = (first..window.tokens.end.min(first + 2)).find(|&i| opening(i))?;
        let alone = window.tokens.clone().all(|i| i == anchor || !class::anchors(self.class(i)));
        alone.then_some(anchor)
    }

    /// The token ranges worth scoring, in order: runs of tokens within one sentence that are on
    /// a capitals line, or anchor a name, or lie next to a token that does, less the lower-case
    /// words that never stand inside a name ([`Context::outside_names`]). Those are `O`, and a
    /// run is cut at them, so that no name runs through a verb: "Crowley told Becerra", "the
    /// Wall Street Journal reporter" (a megabyte of news had 18 such spans).
    pub fn windows(&self) -> Windows<'_, 'd, 't> {
        Windows { context: self, sentence: 0, next: 0, phrase: 0, keep_words: false }
    }

    /// The windows the trainer scores: those of [`Context::windows`] with the lower-case words
    /// beside names kept. Trained on the cut windows, the model lost 0.4 to 0.5 points of dev F1
    /// (2026-12-02): these words share feature templates with the names beside them, and their
    /// updates teach those too.
    #[cfg(any(test, feature = "train"))]
    pub fn training_windows(&self) -> Windows<'_, 'd, 't> {
        Windows { context: self, sentence: 0, next: 0, phrase: 0, keep_words: true }
    }

    /// Fills `attrs` with the attributes of the window's tokens and two neighbours on each
    /// side (boundary values outside the sentence) that every token has: word, class, flags,
    /// run and phrase bits. `attrs[k]` is token `window.tokens.start - 2 + k`. The shape and the
    /// word attributes are left to the caller ([`Context::word_attrs`], [`Context::shape`]).
    pub fn window_attrs(&self, window: &Window, attrs: &mut Vec<Attrs>) {
        let first = window.tokens.start as isize - 2;
        attrs.clear();
        attrs.resize(window.tokens.len() + 4, Attrs::boundary());
        // The positions inside the sentence, as token indices and as indices into `attrs`.
        let lo = window.tokens.start.saturating_sub(2).max(window.sentence.start);
        let hi = (window.tokens.end + 2).min(window.sentence.end);
        let at = (lo as isize - first) as usize;
        if let (Some(slots), Some(hashes), Some(tokens)) =
            (attrs.get_mut(at..at + (hi - lo)), self.doc.hashes.get(lo..hi), self.tokens.get(lo..hi))
        {
            for (i, ((a, &word), &byte)) in (lo..).zip(slots.iter_mut().zip(hashes).zip(tokens)) {
                let quoted = if self.quoted.get(i).copied().unwrap_or(false) { flag::QUOTED } else { 0 };
                *a = Attrs { word, class: byte & CLASS_BITS, flags: unpacked(byte) | quoted, ..Attrs::default() };
            }
        }
        if let Some(tokens) = attrs.get_mut(2..2 + window.tokens.len()) {
            mark_runs(tokens);
        }
        // Phrase bits are read for the tokens and their next neighbours.
        let from = window.tokens.start.saturating_sub(1).max(window.sentence.start);
        let to = (window.tokens.end + 1).min(window.sentence.end);
        for phrase in &self.phrases[window.phrases.clone()] {
            for i in phrase.start.max(from)..phrase.end.min(to) {
                let bits = if i == phrase.start { phrase.begin } else { phrase.inside };
                attrs[(i as isize - first) as usize].lex |= bits;
            }
        }
    }

    /// All attributes of the window's tokens and neighbours, as the trainer needs them:
    /// [`Context::window_attrs`] completed with the word attributes and spellings of the
    /// tokens with [`Attrs::full`] features and the shapes of the others.
    #[cfg(any(test, feature = "train"))]
    pub fn fill_attrs(
        &self,
        window: &Window,
        lists: &WordLists,
        attrs: &mut Vec<Attrs>,
        spellings: &mut Vec<Spelling>,
    ) {
        self.window_attrs(window, attrs);
        spellings.clear();
        let first = window.tokens.start as isize - 2;
        for (k, a) in attrs.iter_mut().enumerate() {
            let i = (first + k as isize) as usize;
            spellings.push(if a.full() {
                self.word_attrs(i, lists, a)
            } else {
                if a.class != class::BOUNDARY {
                    a.shape = self.shape(i);
                }
                Spelling::default()
            });
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
    /// everything that depends only on its written form and its word, and returns the spelling
    /// its word features read (see [`super::word_features`]).
    pub fn word_attrs(&self, i: usize, lists: &WordLists, attrs: &mut Attrs) -> Spelling {
        let text = self.doc.token_text(i);
        let mut spelling =
            Spelling { exact: text::exact_hash(text), length: text::length_bucket(text), ..Spelling::default() };
        attrs.shape = text::shape_hash(text);
        if class::capitalised(attrs.class) {
            attrs.seen = self.seen.get(attrs.word);
            attrs.vocabulary = lists.vocabulary.contains(super::vocabulary_key(attrs.word));
            if matches!(attrs.class, class::TITLE | class::UPPER) {
                attrs.lex |= lists.names.bits(attrs.word);
            }
        }
        if self.doc.tokens[i].kind == TokenKind::Word {
            text::affixes(text, &mut spelling.prefix, &mut spelling.suffix);
        }
        spelling
    }
}

/// The windows of a document, in order ([`Context::windows`]).
pub struct Windows<'c, 'd, 't> {
    context: &'c Context<'d, 't>,
    /// The sentence being scanned, and the next token to look at in it.
    sentence: usize,
    next: usize,
    /// The first phrase match that may touch a later window.
    phrase: usize,
    /// Whether the lower-case words that never stand inside a name are scored too.
    keep_words: bool,
}

impl Iterator for Windows<'_, '_, '_> {
    type Item = Window;

    fn next(&mut self) -> Option<Window> {
        let context = self.context;
        loop {
            let sentence = context.doc.sentences.get(self.sentence)?;
            let (start, end) = (sentence.start, sentence.end.min(context.tokens.len()));
            let anchor = |i: usize| i < end && class::anchors(context.class(i));
            // A token is scored on a capitals line, or when it or a neighbour in the sentence
            // anchors a name, unless it is a lower-case word that never stands inside one: one
            // class read a token, sliding over the sentence.
            let mut i = self.next.max(start);
            let mut before = i > start && anchor(i - 1);
            let mut here = anchor(i);
            let mut first = None;
            while i < end {
                let after = anchor(i + 1);
                let near_name = (before || here || after) && (self.keep_words || !context.outside_names(i));
                let scored = near_name || context.tokens[i] & CAPS_LINE != 0;
                match (scored, first) {
                    (true, None) => first = Some(i),
                    (false, Some(_)) => break,
                    (true, Some(first)) if i - first == MAX_WINDOW => break,
                    _ => {}
                }
                (before, here) = (here, after);
                i += 1;
            }
            self.next = i;
            let Some(first) = first else {
                self.sentence += 1;
                continue;
            };
            let phrases = &context.phrases;
            while self.phrase < phrases.len() && phrases[self.phrase].end < first {
                self.phrase += 1;
            }
            let mut last = self.phrase;
            while last < phrases.len() && phrases[last].start <= i {
                last += 1;
            }
            return Some(Window { sentence: sentence.clone(), tokens: first..i, phrases: self.phrase..last });
        }
    }
}

/// The class of every token, with the flags of its position: first in its sentence, after an
/// opener ([`is_opener`]), on a capitals line (no lower-case word and at least one word of two
/// or more capitals: headlines and datelines such as "BRUSSELS 1996-08-22"), on a table line
/// (at least a third of the tokens numbers).
fn first_pass(doc: &Document) -> Vec<u8> {
    let mut tokens = Vec::with_capacity(doc.tokens.len());
    let mut line = Line::default();
    let mut after_opener = false;
    for (i, token) in doc.tokens.iter().enumerate() {
        if i > 0 && token.has(LINE_START) {
            line.close(&mut tokens);
            line = Line { start: i, ..Line::default() };
        }
        let c = token.case;
        line.lower |= matches!(c, class::LOWER | class::TITLE | class::MIXED_CAP | class::MIXED_LOW);
        line.upper |= c == class::UPPER;
        line.numbers += usize::from(c == class::DIGITS);
        tokens.push(if after_opener { c | OPENER } else { c });
        after_opener = is_opener(doc, token);
    }
    line.close(&mut tokens);
    // The first token of a sentence is that, whatever comes before it.
    for sentence in &doc.sentences {
        if let Some(first) = tokens.get_mut(sentence.start) {
            *first = *first & !OPENER | FIRST;
        }
    }
    tokens
}

/// What [`first_pass`] gathers about the current line.
#[derive(Default)]
struct Line {
    start: usize,
    lower: bool,
    upper: bool,
    numbers: usize,
}

impl Line {
    /// Sets the line flags of the line's tokens, `tokens[self.start..]`.
    fn close(&self, tokens: &mut [u8]) {
        let Some(line) = tokens.get_mut(self.start..) else { return };
        let mut bits = 0;
        if !self.lower && self.upper {
            bits |= CAPS_LINE;
        }
        if line.len() >= 2 && self.numbers * 3 >= line.len() {
            bits |= TABLE_LINE;
        }
        if bits != 0 {
            line.iter_mut().for_each(|t| *t |= bits);
        }
    }
}

/// Sets the run of each token in a run of capitalised words (outside capitals lines): its
/// position in the run (1 alone, 2 first, 3 inner, 4 last) times 8 plus the run's length (up
/// to 5). Runs mark the likely extent of a multi-word name. Every capitalised word is scored,
/// so a run never crosses the edge of a window, and `tokens` are a window's.
fn mark_runs(tokens: &mut [Attrs]) {
    let in_run = |a: &Attrs| class::capitalised(a.class) && a.flags & flag::CAPS_LINE == 0;
    let mut k = 0;
    while k < tokens.len() {
        if !in_run(&tokens[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < tokens.len() && in_run(&tokens[k]) {
            k += 1;
        }
        let length = (k - start).min(5) as u8;
        for (j, token) in tokens[start..k].iter_mut().enumerate() {
            let position = match (j == 0, start + j + 1 == k) {
                (true, true) => 1,
                (true, false) => 2,
                (false, false) => 3,
                (false, true) => 4,
            };
            token.run = position * 8 + length;
        }
    }
}

/// Whether a token makes a following capital uninformative: a quotation mark, colon, opening
/// bracket, hyphen or dash (the last two are U+2013 and U+2014 in UTF-8).
fn is_opener(doc: &Document, token: &Token) -> bool {
    match token.kind {
        TokenKind::Quote => true,
        TokenKind::Punct => matches!(
            doc.text.as_bytes().get(token.range()).unwrap_or_default(),
            b":" | b"(" | b"[" | b"-" | b"--" | b"\xe2\x80\x93" | b"\xe2\x80\x94"
        ),
        TokenKind::Word | TokenKind::Number => false,
    }
}

/// The lexicon's matches with their begin/inside bits.
fn phrases(known: &[LexMatch], lexicon: &Lexicon) -> Vec<Phrase> {
    let mut phrases = Vec::with_capacity(known.len());
    for found in known {
        let Some(entry) = lexicon.entries.get(found.entry as usize) else { continue };
        let (begin, inside, any) = match entry.class {
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
            // Not among the known names: threat actors and malware are the cyber layer's.
            Class::Cyber(_) => continue,
        };
        let (begin, inside, any) =
            if found.flags & DEMONYM != 0 { (lex::DEMONYM, lex::DEMONYM, 0) } else { (begin, inside, any) };
        let common = if found.flags & COMMON_WORD != 0 { lex::COMMON } else { 0 };
        phrases.push(Phrase {
            start: found.tokens.start,
            end: found.tokens.end,
            begin: begin | any | common,
            inside: inside | any | common,
        });
    }
    phrases
}

/// The [`seen`] bits of each capitalised word of a document, in an open-addressing table keyed
/// by folded hash: built once per document in linear time, one probe per lookup.
struct SeenTable {
    keys: Vec<u64>,
    bits: Vec<u8>,
}

impl SeenTable {
    /// Only capitalised words are ever looked up, so only they get a slot; lower-case tokens
    /// then probe the small table to mark the words they share.
    fn build(hashes: &[u64], tokens: &[u8]) -> SeenTable {
        let capitalised = tokens.iter().filter(|&&t| class::capitalised(t & CLASS_BITS)).count();
        let size = (capitalised * 2).next_power_of_two().max(16);
        let mut table = SeenTable { keys: vec![0; size], bits: vec![0; size] };
        for (&hash, &t) in hashes.iter().zip(tokens) {
            let c = t & CLASS_BITS;
            if class::capitalised(c) {
                let slot = table.slot(hash);
                table.keys[slot] = hash | 1;
                // A capital is informative mid-sentence, outside capitals lines and openers.
                if c != class::INITIAL && t & (FIRST | OPENER | CAPS_LINE) == 0 {
                    table.bits[slot] |= seen::CAP_MID;
                }
            }
        }
        for (&hash, &t) in hashes.iter().zip(tokens) {
            if t & CLASS_BITS == class::LOWER {
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
    use crate::text::Grammar;

    /// A sentence of 40,000 capitalised words is scored in windows of bounded length, which
    /// cover every token.
    #[test]
    fn long_runs_are_scored_in_bounded_windows() {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        let text = "NATO SAID ".repeat(20_000);
        let doc = Document::parse(&text, &grammar);
        let context = Context::new(&doc, &lexicon, &[], &[]);
        let mut next = 0;
        for window in context.windows() {
            assert_eq!(window.tokens.start, next);
            assert!(window.tokens.len() <= MAX_WINDOW);
            next = window.tokens.end;
        }
        assert_eq!(next, doc.tokens.len());
    }

    /// No window runs through a lower-case word but those that stand inside names; the
    /// trainer's windows keep them all.
    #[test]
    fn windows_are_cut_at_words_outside_names() {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        let doc = Document::parse("Crowley told Becerra that the Bank of England and Osama bin Laden met.", &grammar);
        let context = Context::new(&doc, &lexicon, &[], &[]);
        let texts = |windows: Windows| -> Vec<String> {
            windows.map(|w| w.tokens.map(|i| doc.token_text(i)).collect::<Vec<_>>().join(" ")).collect()
        };
        assert_eq!(texts(context.windows()), ["Crowley", "Becerra", "the Bank of England and Osama bin Laden"]);
        assert_eq!(texts(context.training_windows()), ["Crowley told Becerra that the Bank of England and Osama bin Laden met"]);
    }

    /// The opening words of sentences and quotations that are a window's only anchor, and no
    /// word of a name or of a capitals line.
    #[test]
    fn finds_lone_opening_anchors() {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        let text = "But officials said so. \"He left,\" she said. The Hill reported it. \
                    Mr. Smith left. THE END\nIt rained all day in Paris.";
        let doc = Document::parse(text, &grammar);
        let context = Context::new(&doc, &lexicon, &[], &[]);
        let lone: Vec<&str> = context
            .windows()
            .filter_map(|window| context.lone_opening_anchor(&window))
            .map(|i| doc.token_text(i))
            .collect();
        assert_eq!(lone, ["But", "He", "It"]);
    }
}
