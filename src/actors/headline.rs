//! Names in title-case headlines ("Russian Hackers Breached U.S. Agencies, Microsoft Says").
//!
//! In a headline every word is capitalised, so capitals say nothing and the tagger, trained
//! mostly on running text and all-caps headlines, runs names into the words around them. A
//! name in such a line is kept only when the text confirms it: the lexicon knows it, or the
//! body names it. An unconfirmed span is cut down to the confirmed names inside it.

use std::collections::HashMap;

use super::candidates::Candidate;
use super::Inputs;
use crate::analysis::ActorKind;
use crate::lexicon::{LexMatch, COMMON_WORD, DEMONYM};
use crate::text::TokenKind;

/// A headline has at least this many words…
const MIN_WORDS: usize = 3;
/// …and at least this share of them (in percent) capitalised, closed-class words aside.
const MIN_CAPITALISED_PERCENT: usize = 80;

/// `candidates` with those in title-case headlines confirmed or cut down; sorted as given.
pub fn confirm(inputs: &Inputs, candidates: Vec<Candidate>, known: &[LexMatch]) -> Vec<Candidate> {
    let headlines = headline_paragraphs(inputs);
    if headlines.iter().all(|&h| !h) {
        return candidates;
    }
    let in_headline = |c: &Candidate| headlines[inputs.doc.paragraph_of(c.tokens.start)];
    let confirmed = confirmed_names(inputs, &candidates, known, &in_headline);
    let longest = confirmed.keys().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let key: Vec<u64> = candidate.tokens.clone().map(|i| inputs.hashes[i]).collect();
        if !in_headline(&candidate) || candidate.entry.is_some() || confirmed.contains_key(&key) {
            out.push(candidate);
            continue;
        }
        // Keep the longest confirmed runs inside the span, left to right.
        let mut at = candidate.tokens.start;
        while at < candidate.tokens.end {
            let run = (1..=longest.min(candidate.tokens.end - at)).rev().find_map(|len| {
                let key: Vec<u64> = (at..at + len).map(|i| inputs.hashes[i]).collect();
                confirmed.get(&key).map(|&(kind, entry)| Candidate { tokens: at..at + len, kind, entry })
            });
            match run {
                Some(found) => {
                    at = found.tokens.end;
                    out.push(found);
                }
                None => at += 1,
            }
        }
    }
    out
}

/// Which paragraphs are title-case headlines: short lines of capitalised words without
/// closing punctuation. All-caps lines are left to the tagger, which learnt them.
fn headline_paragraphs(inputs: &Inputs) -> Vec<bool> {
    let doc = inputs.doc;
    doc.paragraphs
        .iter()
        .map(|range| {
            let last = range.end.checked_sub(1).map(|i| doc.token_text(i));
            if range.is_empty() || matches!(last, Some("." | "?" | "!" | ":")) {
                return false;
            }
            let words = range.clone().filter(|&i| doc.tokens[i].kind == TokenKind::Word).map(|i| doc.token_text(i));
            let (mut total, mut capitalised, mut shouting) = (0, 0, true);
            for word in words.filter(|w| !inputs.grammar.is_function_word(w) || w.chars().next().is_some_and(char::is_uppercase)) {
                total += 1;
                capitalised += usize::from(word.chars().next().is_some_and(char::is_uppercase));
                shouting &= !word.chars().any(char::is_lowercase);
            }
            total >= MIN_WORDS && !shouting && capitalised * 100 >= total * MIN_CAPITALISED_PERCENT
        })
        .collect()
}

/// Names the text vouches for, by folded token hashes: every name outside headlines, each
/// person's surname, and every lexicon name.
fn confirmed_names(
    inputs: &Inputs,
    candidates: &[Candidate],
    known: &[LexMatch],
    in_headline: &impl Fn(&Candidate) -> bool,
) -> HashMap<Vec<u64>, (ActorKind, Option<u32>)> {
    let mut confirmed = HashMap::new();
    let key = |range: std::ops::Range<usize>| -> Vec<u64> { range.map(|i| inputs.hashes[i]).collect() };
    for found in known.iter().filter(|m| m.flags & (DEMONYM | COMMON_WORD) == 0) {
        if let Some(kind) = inputs.lexicon.entries[found.entry as usize].class.actor_kind() {
            confirmed.entry(key(found.tokens.clone())).or_insert((kind, Some(found.entry)));
        }
    }
    for candidate in candidates.iter().filter(|c| !in_headline(c)) {
        confirmed.entry(key(candidate.tokens.clone())).or_insert((candidate.kind, candidate.entry));
        if candidate.kind == ActorKind::Person && candidate.tokens.len() >= 2 {
            let last = candidate.tokens.end - 1;
            confirmed.entry(key(last..last + 1)).or_insert((ActorKind::Person, None));
        }
    }
    confirmed
}
