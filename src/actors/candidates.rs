//! Name candidates: the model's labels, reconciled with the gazetteers and cleaned of titles,
//! calendar words and page chrome.
//!
//! The model decides most names, since it sees context; the lexicon adds the known places and
//! organisations it missed, widens a span it cut short ("States" → "United States"), and
//! settles organisation-versus-place for names it knows ("the Kremlin"). A person the model
//! found is never turned into a place by the lexicon, since people are named like places, and
//! into an organisation only by a name that no one is known to bear ("Huawei").

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

use super::headline;
use super::titles::Titles;
use super::Inputs;
use crate::analysis::{ActorKind, Term, TermCategory};
use crate::lexicon::{Class, FastHash, LexMatch, COMMON_WORD, DEMONYM};
use crate::model::{EntityType, Label};
use crate::text::case::class;
use crate::text::{data_lines, TokenKind};

/// A name found in the text, before names are grouped into actors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The name's tokens.
    pub tokens: Range<usize>,
    /// What it names.
    pub kind: ActorKind,
    /// The lexicon entry it matches exactly, if any.
    pub entry: Option<u32>,
}

/// Word lists that veto candidates.
pub struct Vetoes {
    chrome: HashSet<&'static str, FastHash>,
}

impl Vetoes {
    /// Parses the embedded lists.
    pub fn embedded() -> Vetoes {
        Vetoes { chrome: data_lines(include_str!("../../data/grammar/page_chrome.txt")).collect() }
    }
}

/// Every candidate name, sorted and non-overlapping, from the tagger's `labels` and the
/// lexicon's `known` names ([`crate::model::is_known_name`]).
pub fn collect(inputs: &Inputs, terms: &[Term], labels: &[Label], known: &[LexMatch]) -> Vec<Candidate> {
    let (titles, vetoes) = (&inputs.tables.titles, &inputs.tables.vetoes);
    let (mut candidates, misc) = from_labels(labels);
    for candidate in &mut candidates {
        // The tagger guesses the type of a name it has never seen from its spelling; a title
        // said only of people, outside the name as CoNLL writes it, settles it.
        if titles.person_title_before(&inputs.doc.hashes, candidate.tokens.start) {
            candidate.kind = ActorKind::Person;
        }
    }
    merge_lexicon(&mut candidates, known, &misc, inputs);
    join_particles(&mut candidates, inputs);
    let chrome = chrome_paragraphs(inputs, vetoes);
    // The candidates come in text order, so the terms that could overlap them are walked once.
    let mut terms_before = 0;
    candidates.retain_mut(|c| {
        trim(c, inputs, titles);
        !c.tokens.is_empty() && !vetoed(c, inputs, &chrome) && !names_cyber_term(c, inputs, terms, &mut terms_before)
    });
    let mut candidates = headline::confirm(inputs, candidates, known);
    // Live through coreference, which builds the result beside them: no spare capacity.
    candidates.shrink_to_fit();
    candidates
}

/// Threat-actor groups, malware and techniques are highlighted as cyber terms; the tagger
/// often takes their names for people or organisations ("Cozy Bear", "Solorigate").
/// `terms_before` counts the terms (sorted, none overlapping) that end before the candidate:
/// asked about candidates in text order, it only grows.
fn names_cyber_term(candidate: &Candidate, inputs: &Inputs, terms: &[Term], terms_before: &mut usize) -> bool {
    let bytes = inputs.doc.byte_range(candidate.tokens.clone());
    *terms_before += terms[*terms_before..].iter().take_while(|t| t.end <= bytes.start).count();
    terms[*terms_before..].iter().take_while(|t| t.start < bytes.end).any(|term| {
        let named = matches!(term.category, TermCategory::Malware | TermCategory::ThreatActor | TermCategory::Technique);
        let overlap = term.end.min(bytes.end) - term.start.max(bytes.start);
        let proper = term.text.chars().next().is_some_and(char::is_uppercase);
        named && proper && 2 * overlap >= bytes.len()
    })
}

/// Spans of B/I labels of one type; MISC is not an actor, and its spans are returned apart.
fn from_labels(labels: &[Label]) -> (Vec<Candidate>, Vec<Range<usize>>) {
    let mut out = Vec::new();
    let mut misc = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let (Label::Begin(kind) | Label::Inside(kind)) = labels[i] else {
            i += 1;
            continue;
        };
        let start = i;
        i += 1;
        while i < labels.len() && labels[i] == Label::Inside(kind) {
            i += 1;
        }
        let kind = match kind {
            EntityType::Person => ActorKind::Person,
            EntityType::Organization => ActorKind::Organization,
            EntityType::Location => ActorKind::Place,
            EntityType::Misc => {
                misc.push(start..i);
                continue;
            }
        };
        out.push(Candidate { tokens: start..i, kind, entry: None });
    }
    (out, misc)
}

/// Folds the lexicon's matches into the model's candidates (both sorted, non-overlapping).
/// A known name inside a span the model called MISC stays out: "Japan" in "the Japan Open".
fn merge_lexicon(candidates: &mut Vec<Candidate>, known: &[LexMatch], misc: &[Range<usize>], inputs: &Inputs) {
    let mut merged = Vec::with_capacity(candidates.len() + known.len());
    let model = std::mem::take(candidates);
    // Built only when a person meets a known organisation's name, which most texts never ask.
    let surnames = OnceCell::new();
    // The model's candidates not yet taken in start here.
    let mut next = 0;
    for found in known {
        let entry = &inputs.lexicon.entries[found.entry as usize];
        let Some(kind) = entry.class.actor_kind() else { continue };
        // Flush model candidates that end before this match.
        let before = model[next..].iter().take_while(|c| c.tokens.end <= found.tokens.start).count();
        merged.extend_from_slice(&model[next..next + before]);
        next += before;
        // A model name already taken in covers this match too: "Ukraine Ukraine" over the
        // second "Ukraine".
        if merged.last().is_some_and(|c: &Candidate| c.tokens.end > found.tokens.start) {
            continue;
        }
        let count = model[next..].iter().take_while(|c| c.tokens.start < found.tokens.end).count();
        let overlapping = &model[next..next + count];
        next += count;
        let demonym = found.flags & DEMONYM != 0;
        match overlapping {
            // Only the model can vouch for a name that is also an ordinary word, and a
            // demonym is an adjective, not a name.
            [] if demonym || found.flags & COMMON_WORD != 0 || overlaps(misc, &found.tokens) => {}
            [] => merged.push(Candidate { tokens: found.tokens.clone(), kind, entry: Some(found.entry) }),
            [one] if one.tokens == found.tokens && !demonym => {
                let unborne = || borne_by_nobody(found, inputs, surnames.get_or_init(|| full_name_surnames(&model, inputs)));
                let kind = reconcile(one.kind, entry.class, kind, unborne);
                merged.push(Candidate { tokens: one.tokens.clone(), kind, entry: Some(found.entry) });
            }
            // The lexicon's name covers the model's pieces: "United States" over "States".
            pieces
                if !demonym
                    && pieces.iter().all(|c| c.kind != ActorKind::Person)
                    && pieces.iter().all(|c| found.tokens.start <= c.tokens.start && c.tokens.end <= found.tokens.end) =>
            {
                merged.push(Candidate { tokens: found.tokens.clone(), kind, entry: Some(found.entry) });
            }
            pieces => merged.extend_from_slice(pieces),
        }
    }
    merged.extend_from_slice(&model[next..]);
    *candidates = merged;
}

/// Joins a person's name that the tagger cut at a surname particle ("Osama" and "Laden" of
/// "Osama bin Laden"; one part a person, or the first a given name), and carries a person's
/// name over a particle to the capitalised word after it ("Mohammed bin Salman"): one person,
/// whatever type the tagger gave the other part.
fn join_particles(candidates: &mut Vec<Candidate>, inputs: &Inputs) {
    let doc = inputs.doc;
    let particle = |i: usize| {
        doc.tokens.get(i).is_some_and(|t| t.case == class::LOWER)
            && inputs.lexicon.joins_person_name(doc.hashes[i])
    };
    let title_word = |i: usize| doc.tokens.get(i).is_some_and(|t| t.case == class::TITLE);
    let mut joined: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for candidate in candidates.drain(..) {
        if let Some(last) = joined.last_mut() {
            let across = last.tokens.end;
            let given = last.tokens.len() == 1 && inputs.lexicon.given_name(doc.token_text(last.tokens.start)).is_some();
            let person = given || last.kind == ActorKind::Person || candidate.kind == ActorKind::Person;
            if person && candidate.tokens.start == across + 1 && particle(across) {
                *last = Candidate { tokens: last.tokens.start..candidate.tokens.end, kind: ActorKind::Person, entry: None };
                continue;
            }
        }
        joined.push(candidate);
    }
    for k in 0..joined.len() {
        let end = joined[k].tokens.end;
        let free = joined.get(k + 1).map_or(true, |next| next.tokens.start > end + 1);
        if joined[k].kind == ActorKind::Person && free && particle(end) && title_word(end + 1) {
            joined[k].tokens.end = end + 2;
            joined[k].entry = None;
        }
    }
    *candidates = joined;
}

/// Whether `tokens` overlaps any of the sorted, non-overlapping `spans`.
fn overlaps(spans: &[Range<usize>], tokens: &Range<usize>) -> bool {
    let first = spans.partition_point(|s| s.end <= tokens.start);
    spans.get(first).is_some_and(|s| s.start < tokens.end)
}

/// The kind of a name both the model and the lexicon know: the lexicon settles organisation
/// versus place; the model keeps people, but for a known organisation whose name nobody is
/// known to bear (`unborne`, asked only then; [`borne_by_nobody`]): the tagger takes an unknown capitalised
/// word before "said" for a person ("Huawei said", "Google said").
fn reconcile(model: ActorKind, class: Class, lexicon: ActorKind, borne_by_nobody: impl FnOnce() -> bool) -> ActorKind {
    match (model, class) {
        (ActorKind::Person, Class::Organization) if borne_by_nobody() => lexicon,
        (ActorKind::Person, _) => ActorKind::Person,
        (_, Class::Organization | Class::Place(_)) => lexicon,
        _ => model,
    }
}

/// Whether no word of `found` is a census given name or surname ("Ford", "Morgan Stanley") or
/// one of `surnames`, those of the people named in full in the text ("Puig" after "Jose Soler
/// Puig"; Puig is a company too).
fn borne_by_nobody(found: &LexMatch, inputs: &Inputs, surnames: &HashSet<u64, FastHash>) -> bool {
    found.tokens.clone().all(|i| {
        let hash = inputs.doc.hashes[i];
        !inputs.model.is_person_name(hash) && !surnames.contains(&hash)
    })
}

/// The folded hashes of the surnames of the tagger's people named in full: a given name first,
/// then at least one more word ("Puig" of "Jose Soler Puig", not "Twitter" of "Wilayat
/// Twitter").
fn full_name_surnames(candidates: &[Candidate], inputs: &Inputs) -> HashSet<u64, FastHash> {
    candidates
        .iter()
        .filter(|c| c.kind == ActorKind::Person && c.tokens.len() > 1)
        .filter(|c| inputs.lexicon.given_name(inputs.doc.token_text(c.tokens.start)).is_some())
        .map(|c| inputs.doc.hashes[c.tokens.end - 1])
        .collect()
}

/// Strips titles ("President", "Mr.") and articles from the front of a candidate.
fn trim(candidate: &mut Candidate, inputs: &Inputs, titles: &Titles) {
    loop {
        let range = candidate.tokens.clone();
        if range.len() < 2 {
            return;
        }
        let strip = if inputs.tables.words.is_function_word(inputs, range.start) {
            1
        } else if candidate.kind == ActorKind::Person {
            titles.starting_at(&inputs.doc.hashes[..range.end], range.start).map_or(0, |t| t.tokens.len())
        } else {
            0
        };
        if strip == 0 || strip >= range.len() {
            return;
        }
        candidate.tokens.start += strip;
        candidate.entry = None;
    }
}

/// Paragraphs that are a sharing button or a navigation label, not article text.
fn chrome_paragraphs(inputs: &Inputs, vetoes: &Vetoes) -> HashSet<usize> {
    let doc = inputs.doc;
    let mut line = String::new();
    doc.paragraphs
        .iter()
        .enumerate()
        .filter(|(_, range)| range.len() <= 4)
        .filter(|(_, range)| {
            line.clear();
            for i in (*range).clone() {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.extend(doc.token_text(i).chars().flat_map(char::to_lowercase));
            }
            vetoes.chrome.contains(line.as_str())
        })
        .map(|(index, _)| index)
        .collect()
}

/// Calendar words, closed-class words and page chrome are never actors.
fn vetoed(candidate: &Candidate, inputs: &Inputs, chrome: &HashSet<usize>) -> bool {
    let doc = inputs.doc;
    if !chrome.is_empty() && chrome.contains(&doc.paragraph_of(candidate.tokens.start)) {
        return true;
    }
    candidate
        .tokens
        .clone()
        .all(|i| doc.tokens[i].kind != TokenKind::Word || inputs.tables.words.is_function_or_calendar_word(inputs, i))
}
