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

/// A headline has at least this many capitalised words.
const MIN_WORDS: usize = 3;

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
        let key: Vec<u64> = candidate.tokens.clone().map(|i| inputs.doc.hashes[i]).collect();
        if !in_headline(&candidate) || candidate.entry.is_some() || confirmed.contains_key(&key) {
            out.push(candidate);
            continue;
        }
        // Keep the longest confirmed runs inside the span, left to right.
        let mut at = candidate.tokens.start;
        while at < candidate.tokens.end {
            let run = (1..=longest.min(candidate.tokens.end - at)).rev().find_map(|len| {
                let key: Vec<u64> = (at..at + len).map(|i| inputs.doc.hashes[i]).collect();
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

/// Which paragraphs are title-case headlines: lines above the first sentence of running
/// text, of at least three words, every word capitalised but closed-class ones, no numbers,
/// and no closing punctuation. Further down, such lines are lists of names or table rows;
/// all-caps lines are left to the tagger, which learnt them; so are lines with a lower-case
/// content word, such as "Brian Lara not out".
fn headline_paragraphs(inputs: &Inputs) -> Vec<bool> {
    let doc = inputs.doc;
    let mut above_text = true;
    doc.paragraphs
        .iter()
        .map(|range| {
            if !above_text {
                return false;
            }
            let last = range.end.checked_sub(1).map(|i| doc.token_text(i));
            if range.is_empty() || matches!(last, Some("." | "?" | "!" | ":" | "”" | "\"")) {
                above_text = range.is_empty();
                return false;
            }
            let (mut words, mut shouting) = (0, true);
            for i in range.clone() {
                let word = doc.token_text(i);
                match doc.tokens[i].kind {
                    TokenKind::Number => return false,
                    TokenKind::Word if word.chars().next().is_some_and(char::is_uppercase) => {
                        words += 1;
                        shouting &= !word.chars().any(char::is_lowercase);
                    }
                    TokenKind::Word if !inputs.tables.words.is_function_word(inputs, i) => return false,
                    _ => {}
                }
            }
            words >= MIN_WORDS && !shouting
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
    let key = |range: std::ops::Range<usize>| -> Vec<u64> { range.map(|i| inputs.doc.hashes[i]).collect() };
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
