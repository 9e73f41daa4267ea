//! Quotations: pairing quotation marks, and attributing each quotation to its speaker.
//!
//! Two passes. [`find_quotations`] pairs the marks into [`Quotation`]s (see `pairing.rs` for the
//! rules: outer quotations only, one per paragraph part, unbalanced marks recovered without ever
//! running past a paragraph). The actor layer reads them, then [`attribute()`] looks in a bounded
//! window around each quotation for a speech cue and its speaker (see `attribute.rs`), so both
//! passes are linear in the length of the text.

mod attribute;
mod lexicon;
mod marks;
mod pairing;
mod speaker;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub use attribute::attribute;
pub use lexicon::SpeechLexicon;

use crate::text::Document;

/// A quotation found in the text, before attribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The tokens from the opening mark to the closing mark, both included; without a closing
    /// mark, to the end of the quoted text.
    pub tokens: Range<usize>,
    /// A few words without punctuation ("a “killer” app"): a scare quote or a quoted term more
    /// often than reported speech.
    pub scare: bool,
    /// This part continues the quotation of the previous paragraph, with the same speaker.
    pub continues: bool,
}

/// Every quotation in `doc`, sorted by start.
pub fn find_quotations(doc: &Document) -> Vec<Quotation> {
    let mut found = pairing::find(doc);
    // Live until attribution ends, through every other stage: no spare capacity.
    found.shrink_to_fit();
    found
}
