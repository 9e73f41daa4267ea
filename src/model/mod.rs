//! The learned actor tagger: an averaged structured perceptron over BIO tags for CoNLL-2003's
//! four entity types, with first-order transitions and Viterbi decoding.
//!
//! [`features`] turns each token into hashed feature fingerprints, [`weights`] holds the
//! quantised weights compiled in from `data/model/actors.bin` (trained by `newsmark train`, see
//! `data/model/README.md`), and [`decode`] finds the best well-formed label sequence. Only
//! windows of tokens that could belong to a name are scored; every other token is `O`.

pub mod decode;
pub mod features;
pub mod labels;
pub mod names;
mod score;
pub mod weights;

use std::collections::HashSet;

use crate::lexicon::{Entry, FastHash, LexMatch, Lexicon};
use crate::text::{data_lines, fold_hash, Document};
use features::{Attrs, Context, History, Window, WordLists};
use labels::LABELS;
use names::NameTable;
use score::{Memo, Model, Scorer};
use weights::{FormatError, Weights};

/// The weight file compiled into the binary.
pub(crate) const EMBEDDED: &[u8] = include_bytes!("../../data/model/actors.bin");

/// The entity types the tagger was trained on (CoNLL-2003's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityType {
    /// PER.
    Person,
    /// ORG.
    Organization,
    /// LOC.
    Location,
    /// MISC: nationalities, events, works and other names.
    Misc,
}

/// The tag of one token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// Not part of a name.
    Outside,
    /// The first token of a name.
    Begin(EntityType),
    /// A later token of a name.
    Inside(EntityType),
}

/// The lexicon's matches of people, organisations and places in `doc` ([`is_known_name`]), for
/// the trainer and the tests; the analyzer finds them in the same scan as the cyber layer's
/// names ([`Lexicon::find_each`]).
#[cfg(any(test, feature = "train"))]
pub fn known_names(doc: &Document, lexicon: &Lexicon) -> Vec<LexMatch> {
    lexicon.find(doc, is_known_name)
}

/// Whether the tagger reads the lexicon's matches of `entry` as features: a person,
/// organisation or place. The actor layer reconciles the tagger's names with the same matches.
pub fn is_known_name(entry: &Entry) -> bool {
    entry.class.actor_kind().is_some()
}

/// The tagger with its weights.
pub struct Tagger {
    weights: Weights,
    names: NameTable,
    /// The folded hashes of the closed-class words that are no given name or surname ("the",
    /// "but", "he"; not "may" or "will"): one opening a sentence before lower-case words is
    /// never a name ([`Context::lone_opening_anchor`]).
    closed: HashSet<u64, FastHash>,
    transitions: decode::Transitions,
    /// The weights of the feature every scored token has.
    bias: [i32; LABELS],
}

/// Buffers reused across the windows of one document.
pub struct Scratch {
    attrs: Vec<Attrs>,
    emissions: Vec<[i32; LABELS]>,
    decoder: decode::Decoder,
    /// The label indices of the last decoded window.
    path: Vec<u8>,
    memo: Memo,
    history: History,
}

impl Scratch {
    /// Buffers for a document of `tokens` tokens.
    fn for_tokens(tokens: usize) -> Scratch {
        Scratch {
            attrs: Vec::new(),
            emissions: Vec::new(),
            decoder: decode::Decoder::default(),
            path: Vec::new(),
            memo: Memo::for_tokens(tokens),
            history: History::default(),
        }
    }
}

impl Tagger {
    /// Loads the weights compiled into the binary.
    pub fn embedded() -> Tagger {
        // The file is part of the build and checked by this module's tests.
        Tagger::from_bytes(EMBEDDED).expect("the embedded tagger weights are valid")
    }

    /// Loads weights from a file in the [`weights`] format.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, FormatError> {
        let weights = Weights::parse(bytes)?;
        let transitions = decode::Transitions::new(&weights.transitions);
        let mut scorer = Scorer { weights: &weights, scores: [0; LABELS] };
        features::bias(&mut scorer);
        let bias = scorer.scores;
        let names = NameTable::embedded();
        let closed = data_lines(include_str!("../../data/grammar/function_words.txt"))
            .map(fold_hash)
            .filter(|&hash| names.bits(hash) == 0)
            .collect();
        Ok(Tagger { weights, names, closed, transitions, bias })
    }

    /// Whether the word of folded hash `hash` is in the census name lists, as a given name or
    /// a surname.
    pub fn is_person_name(&self, hash: u64) -> bool {
        self.names.bits(hash) != 0
    }

    /// How many features the model has.
    #[cfg(any(test, feature = "train"))]
    pub fn feature_count(&self) -> usize {
        self.weights.features
    }

    /// One label per token of `doc`. `hashes` are the folded token hashes, `known` the names
    /// of `lexicon` found in the document ([`is_known_name`]), and `quoted[i]` tells whether
    /// token `i` lies inside a quotation.
    // Called once a document; kept out of line so that profiles show the tagger's share.
    #[inline(never)]
    pub fn tag(
        &self,
        doc: &Document,
        lexicon: &Lexicon,
        known: &[LexMatch],
        quoted: &[bool],
    ) -> Vec<Label> {
        let mut labels = vec![Label::Outside; doc.tokens.len()];
        if doc.hashes.len() != doc.tokens.len() {
            return labels;
        }
        let context = Context::new(doc, lexicon, known, quoted);
        let mut scratch = Scratch::for_tokens(doc.tokens.len());
        for window in context.windows() {
            // A sentence's opening "The" or "But" before lower-case words is always `O`, and one
            // window in seven of news text (2,600 of 19,000 in 1 MB); it is remembered so, as a
            // decoded window's tokens are. The trainer still scores such windows.
            if let Some(opener) = context.lone_opening_anchor(&window).filter(|&i| self.closed.contains(&doc.hashes[i])) {
                scratch.history.record(doc.hashes[opener], labels::OUTSIDE);
                continue;
            }
            self.decode_window(&context, &window, &mut scratch);
            for (label, &index) in labels[window.tokens.clone()].iter_mut().zip(&scratch.path) {
                *label = Label::from_index(usize::from(index));
            }
        }
        labels
    }

    /// Scores and decodes one window into `scratch.path`, remembering its tags in
    /// `scratch`'s history: windows must come in document order, from one document.
    fn decode_window(&self, context: &Context, window: &Window, scratch: &mut Scratch) {
        let model = Model {
            weights: &self.weights,
            bias: self.bias,
            lists: WordLists { names: &self.names, vocabulary: &self.weights.vocabulary },
        };
        let Scratch { attrs, emissions, decoder, path, memo, history } = scratch;
        score::score_window(&model, context, window, memo, history, attrs, emissions);
        decoder.best_path(emissions, &self.transitions, path);
        for (attrs, &label) in attrs[2..].iter().zip(path.iter()) {
            if attrs.remembered() {
                history.record(attrs.word(), label);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Grammar;
    use features::Features;

    fn tagged(text: &str) -> Vec<(String, Label)> {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        let doc = Document::parse(text, &grammar);
        let quoted = vec![false; doc.tokens.len()];
        let known = known_names(&doc, &lexicon);
        let labels = Tagger::embedded().tag(&doc, &lexicon, &known, &quoted);
        (0..doc.tokens.len()).map(|i| (doc.token_text(i).to_string(), labels[i])).collect()
    }

    fn label_of(tags: &[(String, Label)], word: &str) -> Label {
        tags.iter().find(|(w, _)| w == word).map(|&(_, l)| l).unwrap_or(Label::Outside)
    }

    #[test]
    fn embedded_model_loads_within_budget() {
        assert!(EMBEDDED.len() <= 1_500_000, "{} bytes", EMBEDDED.len());
        assert!(Tagger::embedded().feature_count() > 10_000);
    }

    macro_rules! name_case {
        ($name:ident, $text:expr, $word:expr, $label:expr) => {
            #[test]
            fn $name() {
                assert_eq!(label_of(&tagged($text), $word), $label);
            }
        };
    }

    use EntityType::*;
    name_case!(person_first, "Prime Minister Angela Merkel visited Paris on Monday.", "Angela", Label::Begin(Person));
    name_case!(person_last, "Prime Minister Angela Merkel visited Paris on Monday.", "Merkel", Label::Inside(Person));
    name_case!(capital_city, "Prime Minister Angela Merkel visited Paris on Monday.", "Paris", Label::Begin(Location));
    name_case!(country, "The talks between Germany and France ended without a deal.", "France", Label::Begin(Location));
    name_case!(
        organization,
        "Shares of General Motors Corp fell 3 percent on Tuesday.",
        "Motors",
        Label::Inside(Organization)
    );
    name_case!(nationality, "The German government said on Friday it would act.", "German", Label::Begin(Misc));
    name_case!(lower_case_word, "The German government said on Friday it would act.", "government", Label::Outside);

    /// Closed-class words that are names too keep their windows: "May said" may be Theresa May,
    /// "He said" Chinese.
    #[test]
    fn closed_words_leave_out_names() {
        let tagger = Tagger::embedded();
        for word in ["the", "but", "although", "however"] {
            assert!(tagger.closed.contains(&fold_hash(word)), "{word}");
        }
        for word in ["may", "will", "he"] {
            assert!(!tagger.closed.contains(&fold_hash(word)), "{word}");
        }
    }

    #[test]
    fn output_is_well_formed_and_deterministic() {
        let text = "WASHINGTON 1996-08-22\nU.S. Treasury Secretary Robert Rubin met IMF officials in Washington.";
        let first = tagged(text);
        assert_eq!(first, tagged(text));
        let mut previous = 0;
        for (_, label) in &first {
            assert!(labels::may_follow(previous, label.index()), "{first:?}");
            previous = label.index();
        }
    }

    /// Inputs that defeat the window skipping: everything is scored, in one huge sentence.
    #[test]
    fn pathological_inputs_stay_well_formed() {
        for text in ["\"".repeat(5_000), "NATO SAID ".repeat(20_000), "Al-Qaeda’s «Ab» ".repeat(10_000)] {
            let tags = tagged(&text);
            let mut previous = 0;
            for (_, label) in &tags {
                assert!(labels::may_follow(previous, label.index()));
                previous = label.index();
            }
        }
    }

    /// The tagger's window scoring (word features once per written form, shapes only where
    /// read) adds up the same weights as the extraction the trainer uses, token for token.
    #[test]
    fn window_scores_match_the_trainer_features() {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        let tagger = Tagger::embedded();
        let lists = WordLists { names: &tagger.names, vocabulary: &tagger.weights.vocabulary };
        let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
        let mut texts: Vec<String> = std::fs::read_dir(golden)
            .unwrap()
            .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
            .collect();
        texts.push(
            "BRUSSELS 1996-08-22\nÁngela Müller-Lüdenscheidt met NATO’s chief in Zürich. Müller said: \"Zürich!\""
                .into(),
        );
        let (mut attrs, mut spellings, mut features) = (Vec::new(), Vec::new(), Features::default());
        let (mut history, mut tokens) = (History::default(), 0);
        for text in &texts {
            let doc = Document::parse(text, &grammar);
            let quoted = vec![false; doc.tokens.len()];
            let known = known_names(&doc, &lexicon);
            let context = Context::new(&doc, &lexicon, &known, &quoted);
            let mut scratch = Scratch::for_tokens(doc.tokens.len());
            history.clear();
            for window in context.windows() {
                tagger.decode_window(&context, &window, &mut scratch);
                context.fill_attrs(&window, &lists, &mut attrs, &mut spellings);
                for a in attrs.iter_mut().filter(|a| a.remembered()) {
                    a.history = history.recall(a.word());
                }
                for (k, row) in scratch.emissions.iter().enumerate() {
                    features::token_features(&attrs, &spellings, k, &mut features);
                    let mut expected = [0; LABELS];
                    for &key in features.keys() {
                        tagger.weights.add(key, &mut expected);
                    }
                    assert_eq!(*row, expected, "{}", doc.token_text(window.tokens.start + k));
                    tokens += 1;
                }
                for (a, &label) in attrs[2..].iter().zip(&scratch.path) {
                    if a.remembered() {
                        history.record(a.word(), label);
                    }
                }
            }
        }
        assert!(tokens > 1000, "{tokens} tokens scored");
    }

    #[test]
    fn mismatched_inputs_give_outside() {
        let grammar = Grammar::embedded();
        let lexicon = Lexicon::embedded(&grammar.abbreviations);
        let mut doc = Document::parse("Angela Merkel", &grammar);
        doc.hashes.clear();
        let labels = Tagger::embedded().tag(&doc, &lexicon, &[], &[]);
        assert_eq!(labels, [Label::Outside, Label::Outside]);
    }
}
