//! Actors: people, organisations and places, each with all its mentions.
//!
//! Three steps: the learned tagger labels every token ([`crate::model`]); [`candidates`]
//! reconciles its names with the gazetteers and strips titles; [`coref`] groups the names into
//! actors, one per real-world entity, with canonical names and roles.

mod candidates;
mod coref;
mod headline;
mod titles;

use std::ops::Range;

use crate::analysis::{Actor, Term};
use crate::lexicon::{Gender, Lexicon};
use crate::model::Tagger;
use crate::quotes::Quotation;
use crate::text::{Abbreviations, Document, Grammar};

/// Tables the actor layer builds once.
pub struct ActorTables {
    titles: titles::Titles,
    vetoes: candidates::Vetoes,
}

impl ActorTables {
    /// Parses the embedded grammar lists.
    pub fn embedded(abbreviations: &Abbreviations) -> ActorTables {
        ActorTables { titles: titles::Titles::embedded(abbreviations), vetoes: candidates::Vetoes::embedded() }
    }
}

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
    /// The actor layer's own tables.
    pub tables: &'a ActorTables,
    /// Quotations found in the text, sorted.
    pub quotations: &'a [Quotation],
    /// The cyber-attack terms of the text, sorted: their names are not actors.
    pub terms: &'a [Term],
}

/// One mention of an actor, in tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The name's tokens, without any title.
    pub tokens: Range<usize>,
    /// Index into [`Found::actors`].
    pub actor: usize,
    /// Tokens of a title or role written with the name ("Kremlin spokesman"), if any.
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
    // Per-token vectors are freed as soon as their stage is done: they are the bulk of the
    // heap on long texts, and coreference builds the result while they would still be live.
    let quoted = quoted_tokens(inputs.doc, inputs.quotations);
    let labels = inputs.model.tag(inputs.doc, inputs.hashes, inputs.lexicon, &quoted);
    drop(quoted);
    let found = candidates::collect(inputs, &inputs.tables.titles, &inputs.tables.vetoes, &labels);
    drop(labels);
    coref::group(inputs, &inputs.tables.titles, found)
}

/// Whether each token lies inside a quotation (the marks included).
fn quoted_tokens(doc: &Document, quotations: &[Quotation]) -> Vec<bool> {
    let mut quoted = vec![false; doc.tokens.len()];
    for quotation in quotations {
        let end = quotation.tokens.end.min(quoted.len());
        let start = quotation.tokens.start.min(end);
        quoted[start..end].fill(true);
    }
    quoted
}
