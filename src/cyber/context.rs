//! Cyber context: whether a sentence is about computer attacks, so that names which are also
//! ordinary words ("Hive", "loader", "breach") and bare ATT&CK ids can be trusted.
//!
//! The rule is cheap and linear: a sentence has cyber context when it holds a cue word
//! (`context/cue` in the vocabulary: "group", "gang", "operators", "APT") or a term that needs
//! no context itself; a word that needs context is accepted when its own sentence or the one
//! before or after has it.
//!
//! A threat report has such context in nearly every sentence, so a name that is one ordinary
//! word ("Joker", "Delta") asks for more: a cyber word or cue right next to it ([`Neighbours`]).

use std::collections::HashSet;
use std::ops::Range;

use super::marks::{Marks, CUE};
use crate::lexicon::FastHash;
use crate::text::Document;

/// Per-sentence cyber context of one document.
pub struct Context {
    marked: Vec<bool>,
}

impl Context {
    /// Marks every sentence of `doc` that holds a token `marks` marks as a [`CUE`].
    pub fn from_cues(doc: &Document, marks: &Marks) -> Context {
        let marked = doc.sentences.iter().map(|s| marks.any(s.clone(), CUE)).collect();
        Context { marked }
    }

    /// No sentence of `doc` marked.
    pub fn without_cues(doc: &Document) -> Context {
        Context { marked: vec![false; doc.sentences.len()] }
    }

    /// Marks `sentence` as cyber context.
    pub fn mark(&mut self, sentence: usize) {
        if let Some(flag) = self.marked.get_mut(sentence) {
            *flag = true;
        }
    }

    /// Whether `sentence`, or the one before or after it, has cyber context.
    pub fn supports(&self, sentence: usize) -> bool {
        let around = sentence.saturating_sub(1)..(sentence + 2).min(self.marked.len());
        self.marked.get(around).is_some_and(|flags| flags.iter().any(|&f| f))
    }
}

/// Where cyber words begin and end in one document, to tell which tokens stand next to one.
pub struct Neighbours<'a> {
    doc: &'a Document<'a>,
    marks: &'a Marks,
    starts: HashSet<usize, FastHash>,
    ends: HashSet<usize, FastHash>,
}

impl<'a> Neighbours<'a> {
    /// `terms` are the byte ranges of the cyber terms found; the cues of `marks` count as
    /// cyber words too.
    pub fn new(doc: &'a Document<'a>, marks: &'a Marks, terms: impl Iterator<Item = Range<usize>>) -> Neighbours<'a> {
        let mut starts = HashSet::default();
        let mut ends = HashSet::default();
        for term in terms {
            starts.insert(term.start);
            ends.insert(term.end);
        }
        Neighbours { doc, marks, starts, ends }
    }

    /// Whether token `i` has a cyber word or a cue right before or after it.
    pub fn next_to(&self, i: usize) -> bool {
        let is_cue = |j: usize| self.marks.get(j) & CUE != 0;
        let before = i.checked_sub(1).is_some_and(|j| is_cue(j) || self.ends.contains(&(self.doc.tokens[j].end as usize)));
        let after = self.doc.tokens.get(i + 1).is_some_and(|t| is_cue(i + 1) || self.starts.contains(&(t.start as usize)));
        before || after
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cyber::words::Words;
    use crate::lexicon::fold_hash;
    use crate::text::Grammar;

    #[test]
    fn context_reaches_one_sentence_each_way() {
        let grammar = Grammar::embedded();
        let text = "One. The gang struck. Two. Three. Four.";
        let doc = Document::parse(text, &grammar);
        let cues = Words::new([(fold_hash("gang"), CUE)], []);
        let context = Context::from_cues(&doc, &Marks::new(&doc, &cues));
        let supported: Vec<bool> = (0..doc.sentences.len()).map(|s| context.supports(s)).collect();
        assert_eq!(supported, [true, true, true, false, false]);
    }
}
