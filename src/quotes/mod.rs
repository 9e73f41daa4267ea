//! Quotations: pairing quotation marks, and attributing each quotation to its speaker.

use std::ops::Range;

use crate::actors::Found;
use crate::analysis::Quote;
use crate::lexicon::Lexicon;
use crate::text::Document;

/// A quotation found in the text, before attribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The tokens from the opening mark to the closing mark, both included.
    pub tokens: Range<usize>,
}

/// Speech verbs and cue phrases, built once.
pub struct SpeechLexicon;

impl SpeechLexicon {
    /// Loads the embedded lists.
    pub fn embedded() -> SpeechLexicon {
        SpeechLexicon
    }
}

/// Every quotation in `doc`, sorted by start.
pub fn find_quotations(doc: &Document) -> Vec<Quotation> {
    let _ = doc;
    Vec::new()
}

/// The public quotes with their speakers and cues.
pub fn attribute(doc: &Document, quotations: &[Quotation], actors: &Found, lexicon: &Lexicon, speech: &SpeechLexicon) -> Vec<Quote> {
    let _ = (doc, quotations, actors, lexicon, speech);
    Vec::new()
}
