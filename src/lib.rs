//! newsmark finds the actors, the quotations with their speakers, and the cyber-attack terms in
//! a news text.
//!
//! One call does everything: [`analyze`] takes any `&str` and returns an [`Analysis`] with byte
//! offsets into it. It never fails and never panics; the tables and the actor model are built
//! once, on first use, and shared by every later call.
//!
//! # Example
//!
//! ```
//! use newsmark::{analyze, ActorKind, TermCategory};
//!
//! let text = "“We will respond,” Kremlin spokesman Dmitry Peskov said after the ransomware attack.";
//! let analysis = analyze(text);
//!
//! let peskov = analysis.actors.iter().find(|a| a.name == "Dmitry Peskov").unwrap();
//! assert_eq!(peskov.kind, ActorKind::Person);
//!
//! let quote = &analysis.quotes[0];
//! assert_eq!(quote.text, "“We will respond,”");
//! assert_eq!(quote.speaker, Some(peskov.id));
//! assert_eq!(quote.cue.as_ref().unwrap().text, "said");
//!
//! assert!(analysis.terms.iter().any(|t| t.category == TermCategory::Attack));
//! ```
//!
//! Build an [`Analyzer`] yourself to control when the set-up cost is paid:
//!
//! ```
//! let analyzer = newsmark::Analyzer::new();
//! assert!(analyzer.analyze("").actors.is_empty());
//! ```
//!
//! The pipeline is described in `DESIGN.md`.
#![deny(missing_docs)]

mod actors;
mod analysis;
mod cyber;
pub mod json;
mod lexicon;
mod model;
mod quotes;
mod text;
pub mod utf16;

/// The browser binding (`analyze` for JavaScript); public so the wasm tests can call it.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(feature = "train")]
pub mod train;

use std::sync::OnceLock;

pub use analysis::{Actor, ActorKind, Analysis, Quote, Span, Term, TermCategory};

/// Everything that is built once and shared by all analyses: grammar lists, gazetteers,
/// cyber-term tables and the actor model.
pub struct Analyzer {
    grammar: text::Grammar,
    lexicon: lexicon::Lexicon,
    cyber: cyber::CyberTables,
    model: model::Tagger,
    actors: actors::ActorTables,
    speech: quotes::SpeechLexicon,
}

impl Analyzer {
    /// Builds the tables and loads the model. This takes a few milliseconds; reuse the value.
    pub fn new() -> Analyzer {
        let grammar = text::Grammar::embedded();
        let lexicon = lexicon::Lexicon::embedded(&grammar.abbreviations);
        Analyzer {
            cyber: cyber::CyberTables::new(&lexicon, &grammar.abbreviations),
            model: model::Tagger::embedded(),
            actors: actors::ActorTables::embedded(&grammar.abbreviations),
            speech: quotes::SpeechLexicon::embedded(),
            grammar,
            lexicon,
        }
    }

    /// Analyses `text`. Texts over 4 GiB are analysed up to the last char boundary before that.
    pub fn analyze<'t>(&self, text: &'t str) -> Analysis<'t> {
        let text = truncate_to_u32(text);
        let mut doc = text::Document::parse(text, &self.grammar);
        let quotations = quotes::find_quotations(&doc);
        let inputs = actors::Inputs {
            doc: &doc,
            lexicon: &self.lexicon,
            model: &self.model,
            tables: &self.actors,
            quotations: &quotations,
        };
        // The tagger runs before the cyber layer, and each stage's per-token vectors are freed
        // when it ends, so the heap holds one stage's working set at a time.
        // The lexicon's names for the actor layer and the cyber layer, in one scan.
        let [known, cyber_names] =
            self.lexicon.find_each(&doc, [&model::is_known_name, &cyber::reads_entry]);
        let labelled = actors::label(&inputs, known);
        let mut terms = cyber::find(&doc, &self.lexicon, &self.cyber, cyber_names);
        // Part of the result, and live through every later stage: no spare capacity.
        terms.shrink_to_fit();
        let found = actors::find(&inputs, labelled, &terms);
        // Quote attribution reads no token hashes: on a text of quotation marks, a token a
        // byte, they would be most of the heap it adds to.
        doc.hashes = Vec::new();
        let quotes = quotes::attribute(&doc, &quotations, &found, &self.lexicon, &self.speech);
        Analysis { actors: found.actors, quotes, terms }
    }

    /// The number of tokens `text` splits into, for throughput figures in tokens per second.
    pub fn token_count(&self, text: &str) -> usize {
        text::Document::parse(truncate_to_u32(text), &self.grammar).tokens.len()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

/// The shared analyzer, built on first use.
pub fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

/// Analyses `text` with the shared [`Analyzer`].
pub fn analyze(text: &str) -> Analysis<'_> {
    analyzer().analyze(text)
}

/// `text` cut to at most `u32::MAX` bytes, on a char boundary, so token offsets fit in `u32`.
fn truncate_to_u32(text: &str) -> &str {
    let limit = u32::MAX as usize;
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
