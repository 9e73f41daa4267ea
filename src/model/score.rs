//! Scoring the tokens of a window in use: each token's score row is the sum of its features'
//! weights, the bias, its word features and its context features ([`super::features`]).
//!
//! In a news text the capitalised words that get the full feature set repeat: on a megabyte of
//! news, 6,000 written forms make up 37,000 such tokens. Their word features (the word, exact
//! form, affixes, shape, length and name lists: a third of such a token's features) come out
//! the same at every occurrence, so [`Forms`] scores them once per form and document, and
//! keeps them with the word attributes the context features read, which are costly to compute
//! too (affixes, shape, three table lookups). The context features that read no words repeat
//! as well, by pattern, and [`Patterns`] sums them once per pattern.

use super::features::{self, fingerprint, Attrs, Context, History, Sink, Spelling, Window, WordLists, WordPart};
use super::labels::LABELS;
use super::weights::Weights;

/// What scoring reads besides the document: the weights, the bias row and the word lists.
pub struct Model<'a> {
    /// The weights.
    pub weights: &'a Weights,
    /// The weights of the feature every scored token has.
    pub bias: [i32; LABELS],
    /// The word lists of the features.
    pub lists: WordLists<'a>,
}

/// What the tagger keeps of a document to score what repeats once: its written forms and its
/// context patterns.
pub struct Memo {
    forms: Forms,
    patterns: Patterns,
}

impl Memo {
    /// An empty memo for a document of `tokens` tokens.
    pub fn for_tokens(tokens: usize) -> Memo {
        Memo { forms: Forms::default(), patterns: Patterns::for_tokens(tokens) }
    }
}

/// Writes into `emissions` the score row of each token of `window`, and leaves in `attrs` the
/// window's attributes ([`Context::window_attrs`], completed as the features need them).
/// `memo` holds what was scored so far in the document, `history` the tags given.
// Inlined into the window loop: called out of line, the tagger runs 5% more instructions.
#[inline(always)]
pub fn score_window(
    model: &Model,
    context: &Context,
    window: &Window,
    memo: &mut Memo,
    history: &History,
    attrs: &mut Vec<Attrs>,
    emissions: &mut Vec<[i32; LABELS]>,
) {
    let Memo { forms, patterns } = memo;
    let first = window.tokens.start as isize - 2;
    context.window_attrs(window, attrs);
    emissions.clear();
    for (i, a) in window.tokens.clone().zip(&mut attrs[2..]) {
        let mut scorer = Scorer { weights: model.weights, scores: model.bias };
        if a.full() {
            let exact = context.exact(i);
            if let Some((part, scores)) = forms.get(a.word(), exact) {
                a.set_word_part(part);
                scorer.scores = *scores;
            } else {
                let spelling = context.word_attrs(i, &model.lists, a);
                features::word_features(a, &spelling, &mut scorer);
                forms.insert(a.word(), exact, a.word_part(), scorer.scores);
            }
        } else {
            features::word_features(a, &Spelling::default(), &mut scorer);
        }
        if a.remembered() {
            a.history = history.recall(a.word());
        }
        emissions.push(scorer.scores);
    }
    // The shapes of the other tokens are read only beside a token with full features.
    for k in 0..attrs.len() {
        let full = |k: usize| attrs.get(k).is_some_and(Attrs::full);
        if !full(k) && (full(k + 1) || k > 0 && full(k - 1)) && context.inside(window, first + k as isize) {
            attrs[k].set_shape(context.shape((first + k as isize) as usize));
        }
    }
    for (k, row) in emissions.iter_mut().enumerate() {
        let mut scorer = Scorer { weights: model.weights, scores: *row };
        features::context_word_features(attrs, k, &mut scorer);
        patterns.add(model.weights, attrs, k, &mut scorer.scores);
        *row = scorer.scores;
    }
}

/// A feature sink that adds the features' weights to a score row.
pub struct Scorer<'w> {
    /// The weights.
    pub weights: &'w Weights,
    /// The sum so far.
    pub scores: [i32; LABELS],
}

impl Sink for Scorer<'_> {
    #[inline(always)]
    fn add(&mut self, template: u32, value: u64) {
        self.weights.add(fingerprint(template, value), &mut self.scores);
    }
}

/// The summed weights of the context features that read no words ([`features::context_class_features`]
/// and [`features::context_token_features`]), by the keys that say all they read.
///
/// On a megabyte of news, four in five of the 75,000 scored tokens find both their patterns
/// stored, and read two slots where they made up to a dozen weight lookups. Each table is
/// direct-mapped, a slot holding the last pattern that fell in it, and sized by the document,
/// so a short text does not clear a large one.
struct Patterns {
    classes: PatternTable<u32>,
    tokens: PatternTable<[u64; 2]>,
}

impl Patterns {
    /// Tables for a document of `tokens` tokens.
    fn for_tokens(tokens: usize) -> Patterns {
        let slots = |most: usize| (tokens / 16).next_power_of_two().clamp(16, most);
        // Neither key is ever all ones: classes and flags never fill their bits.
        let (classes, tokens) = (PatternTable::new(slots(1 << 12), u32::MAX), PatternTable::new(slots(1 << 12), [u64::MAX; 2]));
        Patterns { classes, tokens }
    }

    /// Adds the weights of the class and token features of the `k`-th token of a window.
    #[inline(always)]
    fn add(&mut self, weights: &Weights, attrs: &[Attrs], k: usize, scores: &mut [i32; LABELS]) {
        let key = features::class_key(attrs, k);
        let class = || summed(weights, |scorer| features::context_class_features(attrs, k, scorer));
        add_row(scores, self.classes.get_or_insert(key, u64::from(key), class));
        let key = features::token_key(attrs, k);
        if key[1] == 0 && !attrs[k + 2].full() {
            // A lower-case word without phrase bits has no token features.
            return;
        }
        let token = || summed(weights, |scorer| features::context_token_features(attrs, k, scorer));
        add_row(scores, self.tokens.get_or_insert(key, key[0] ^ key[1].rotate_left(23), token));
    }
}

/// The weights of the features that `features` adds, summed.
fn summed(weights: &Weights, features: impl FnOnce(&mut Scorer)) -> [i32; LABELS] {
    let mut scorer = Scorer { weights, scores: [0; LABELS] };
    features(&mut scorer);
    scorer.scores
}

fn add_row(scores: &mut [i32; LABELS], row: &[i32; LABELS]) {
    for (score, &w) in scores.iter_mut().zip(row) {
        *score += w;
    }
}

/// A direct-mapped table of summed weights by key.
struct PatternTable<K> {
    slots: Vec<(K, [i32; LABELS])>,
    /// 64 less the bits of a slot index: a slot is the top bits of the mixed key.
    shift: u32,
}

impl<K: Copy + Eq> PatternTable<K> {
    /// `slots` slots (a power of two), each empty: holding `unused`, a key no pattern has.
    fn new(slots: usize, unused: K) -> PatternTable<K> {
        PatternTable { slots: vec![(unused, [0; LABELS]); slots], shift: 64 - slots.trailing_zeros() }
    }

    /// The row stored for `key`, whose bits `bits` stand for it, computed by `sum` if another
    /// key holds its slot.
    #[inline(always)]
    fn get_or_insert(&mut self, key: K, bits: u64, sum: impl FnOnce() -> [i32; LABELS]) -> &[i32; LABELS] {
        let slot = (bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize;
        let entry = &mut self.slots[slot];
        if entry.0 != key {
            *entry = (key, sum());
        }
        &entry.1
    }
}

/// One written form of a document.
struct Form {
    word: u64,
    exact: u64,
    part: WordPart,
    /// The bias and the word features' weights.
    scores: [i32; LABELS],
}

/// The most forms kept: past it the table starts over, so a long text of ever new words
/// cannot grow it without bound (a megabyte of news has about 6,000).
const MAX_FORMS: usize = 1 << 15;

/// The written forms with full features seen so far in a document, by folded and exact hash:
/// an open-addressing table of indices into a dense vector.
#[derive(Default)]
struct Forms {
    /// 1 + the index in `forms`, 0 for an empty slot; the length is a power of two.
    slots: Vec<u32>,
    forms: Vec<Form>,
}

impl Forms {
    /// The word attributes and word scores stored for the form with these hashes.
    fn get(&self, word: u64, exact: u64) -> Option<(&WordPart, &[i32; LABELS])> {
        let form = &self.forms[self.slot(word, exact).1?];
        Some((&form.part, &form.scores))
    }

    /// Stores a form that [`Forms::get`] did not find.
    fn insert(&mut self, word: u64, exact: u64, part: WordPart, scores: [i32; LABELS]) {
        if self.forms.len() >= MAX_FORMS {
            self.forms.clear();
            self.slots.fill(0);
        }
        if 2 * (self.forms.len() + 1) > self.slots.len() {
            self.grow();
        }
        let (slot, _) = self.slot(word, exact);
        self.forms.push(Form { word, exact, part, scores });
        self.slots[slot] = self.forms.len() as u32;
    }

    /// The slot holding the form, or the empty slot where it would go; and the form's index.
    fn slot(&self, word: u64, exact: u64) -> (usize, Option<usize>) {
        if self.slots.is_empty() {
            return (0, None);
        }
        let mask = self.slots.len() - 1;
        let mut slot = (exact >> 32) as usize & mask;
        loop {
            let index = match self.slots[slot] {
                0 => return (slot, None),
                n => n as usize - 1,
            };
            let form = &self.forms[index];
            if form.exact == exact && form.word == word {
                return (slot, Some(index));
            }
            slot = (slot + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        self.slots = vec![0; size];
        for (index, form) in self.forms.iter().enumerate() {
            let (slot, _) = self.slot(form.word, form.exact);
            self.slots[slot] = index as u32 + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::features::Attrs;

    #[test]
    fn finds_what_it_stored_and_nothing_else() {
        let mut forms = Forms::default();
        let part = Attrs::default().word_part();
        assert!(forms.get(1, 2).is_none());
        for n in 0..1000u64 {
            forms.insert(n, n << 32 | 7, part, [n as i32; LABELS]);
        }
        for n in 0..1000u64 {
            assert_eq!(forms.get(n, n << 32 | 7).map(|(_, s)| s[0]), Some(n as i32));
            assert!(forms.get(n + 1, n << 32 | 7).is_none());
        }
    }

    #[test]
    fn starts_over_when_full() {
        let mut forms = Forms::default();
        let part = Attrs::default().word_part();
        for n in 0..=MAX_FORMS as u64 {
            forms.insert(n, n, part, [0; LABELS]);
        }
        assert!(forms.get(0, 0).is_none());
        assert!(forms.get(MAX_FORMS as u64, MAX_FORMS as u64).is_some());
    }
}
