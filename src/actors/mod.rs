//! Actors: people, organisations and places, each with all its mentions.
//!
//! Three steps: the learned tagger labels every token ([`crate::model`]); [`candidates`]
//! reconciles its names with the gazetteers and strips titles; [`coref`] groups the names into
//! actors, one per real-world entity, with canonical names and roles.

mod candidates;
mod coref;
mod headline;
mod titles;
mod words;

use std::ops::Range;

use crate::analysis::{Actor, Term};
use crate::lexicon::{Gender, LexMatch, Lexicon};
use crate::model::{Label, Tagger};
use crate::quotes::Quotation;
use crate::text::{Abbreviations, Document};

/// Tables the actor layer builds once.
pub struct ActorTables {
    titles: titles::Titles,
    vetoes: candidates::Vetoes,
    words: words::Words,
}

impl ActorTables {
    /// Parses the embedded grammar lists.
    pub fn embedded(abbreviations: &Abbreviations) -> ActorTables {
        ActorTables {
            titles: titles::Titles::embedded(abbreviations),
            vetoes: candidates::Vetoes::embedded(),
            words: words::Words::embedded(),
        }
    }
}

/// What actor recognition reads.
pub struct Inputs<'a, 't> {
    /// The tokenized text.
    pub doc: &'a Document<'t>,
    /// Gazetteers.
    pub lexicon: &'a Lexicon,
    /// The learned tagger.
    pub model: &'a Tagger,
    /// The actor layer's own tables.
    pub tables: &'a ActorTables,
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
    /// Tokens of a title or role written with the name ("Kremlin spokesman"), if any.
    pub role: Option<Range<usize>>,
}

/// The actors of a document.
pub struct Found<'t> {
    /// The public result, ids equal to indices.
    pub actors: Vec<Actor<'t>>,
    /// Every mention, sorted by token.
    pub mentions: Vec<Mention>,
    /// The likely gender of each person actor, by actor index; `None` for others or unknown.
    pub genders: Vec<Option<Gender>>,
}

/// What the first step of actor recognition ([`label`]) hands to the second ([`find`]).
pub struct Labelled {
    /// The tagger's label for every token.
    labels: Vec<Label>,
    /// The lexicon's people, organisations and places in the text, which the tagger read as
    /// features and the candidates are reconciled with: one scan serves both.
    known: Vec<LexMatch>,
}

/// The tagger's label for every token, the first step of [`find`]; `known` are the lexicon's
/// names the tagger reads ([`crate::model::is_known_name`]), which [`find`] reconciles its
/// names with. It is a step of its own so that the caller can run it before the cyber layer:
/// the tagger's per-token buffers and the cyber layer's candidates, the two largest transient
/// allocations, are then never live at the same time.
pub fn label(inputs: &Inputs, known: Vec<LexMatch>) -> Labelled {
    let quoted = quoted_tokens(inputs.doc, inputs.quotations);
    let labels = inputs.model.tag(inputs.doc, inputs.lexicon, &known, &quoted);
    Labelled { labels, known }
}

/// Finds and links the actors of a document from its [`label`]s. The cyber-attack `terms`
/// (sorted) are not actors, though the tagger often takes their names for some.
pub fn find<'t>(inputs: &Inputs<'_, 't>, labelled: Labelled, terms: &[Term]) -> Found<'t> {
    let Labelled { labels, known } = labelled;
    let found = candidates::collect(inputs, terms, &labels, &known);
    // The labels are one per token: free them before coreference builds the result.
    drop(labels);
    drop(known);
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
