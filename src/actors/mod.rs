//! Actors: people, organisations and places, each with all its mentions.

use std::ops::Range;

use crate::analysis::Actor;
use crate::lexicon::{Gender, Lexicon};
use crate::model::Tagger;
use crate::quotes::Quotation;
use crate::text::{Document, Grammar};

/// What actor recognition reads.
pub struct Inputs<'a, 't> {
    /// The tokenized text.
    pub doc: &'a Document<'t>,
    /// Folded token hashes (see [`Lexicon::token_hashes`]).
    pub hashes: &'a [u64],
    /// Grammar lists.
    pub grammar: &'a Grammar,
    /// Gazetteers.
    pub lexicon: &'a Lexicon,
    /// The learned tagger.
    pub model: &'a Tagger,
    /// Quotations found in the text, sorted.
    pub quotations: &'a [Quotation],
}

/// One mention of an actor, in tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The name's tokens, without any title.
    pub tokens: Range<usize>,
    /// Index into [`Found::actors`].
    pub actor: usize,
    /// Tokens of a title or role right before the name ("Kremlin spokesman"), if any.
    pub role: Option<Range<usize>>,
}

/// The actors of a document.
pub struct Found {
    /// The public result, ids equal to indices.
    pub actors: Vec<Actor>,
    /// Every mention, sorted by token.
    pub mentions: Vec<Mention>,
    /// The likely gender of each person actor, by actor index; `None` for others or unknown.
    pub genders: Vec<Option<Gender>>,
}

/// Finds and links the actors of a document.
pub fn find(inputs: &Inputs) -> Found {
    let _ = inputs;
    Found { actors: Vec::new(), mentions: Vec::new(), genders: Vec::new() }
}
