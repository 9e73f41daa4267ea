//! Cyber-attack terms: attacks, malware, threat actors, vulnerabilities, techniques,
//! indicators and influence operations.
//!
//! Six sources of candidates, one merge:
//! 1. indicators of compromise, from a byte scanner over the raw text ([`indicators`]);
//! 2. CVE and ATT&CK ids written in the text ([`ids`]);
//! 3. names from the generated lexicon: groups, malware, tools, techniques;
//! 4. known names inside longer words or in other cases: "psexec.exe", "NetwireRAT",
//!    "bloodHound" ([`compounds`]);
//! 5. the hand-kept generic vocabulary ([`vocabulary`]), with a demonym rule that joins
//!    "Russian" and "hackers" into one threat actor;
//! 6. names not in the lexicon, by their shape ([`shapes`]): "TA2722", "MirrorBlast malware",
//!    "Volt Typhoon".
//!
//! One pass over the tokens marks where each source may find something, from a byte or two of
//! each word and one lookup in a table of single words ([`marks`], [`words`]); sources 2 to 6
//! then visit only their marked tokens, so a news text with no cyber terms costs little.
//!
//! Candidates that are also ordinary words need cyber context ([`context`]). A name accepted
//! once is then accepted wherever else the document writes it ([`discourse`]). The survivors
//! are merged leftmost-longest, so "Russian state-sponsored hackers" beats "state-sponsored
//! hackers". On equal spans the more specific source wins: indicator, id, lexicon name with an
//! ATT&CK id, generic word, lexicon entries without an id (which get their category better
//! from the hand-kept vocabulary when it has the word), shapes, and last repeats.
//!
//! Names are looked up together with places, and a place reading wins on the same words, so a
//! malware family that the public data also calls "Russian" never colours a demonym.

mod compounds;
mod context;
mod discourse;
mod ids;
mod indicators;
mod marks;
mod refang;
mod shapes;
mod vocabulary;
mod words;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::{Term, TermCategory};
use crate::lexicon::{Class, Entry, LexMatch, Lexicon, COMMON_WORD, DEMONYM, EXACT_CASE};
use crate::text::{Abbreviations, Document};
use context::{Context, Neighbours};
use ids::IdKind;
use marks::Marks;
use vocabulary::Vocabulary;
use words::Words;

/// Tables built once for the cyber layer.
pub struct CyberTables {
    vocabulary: Vocabulary,
    /// ATT&CK id → (canonical name, category), from the lexicon and then the vocabulary.
    known_ids: HashMap<&'static str, (&'static str, TermCategory)>,
    /// One-word names of malware, tools and actors, for names inside longer words.
    names: compounds::Names,
    /// The single words asked about at every token: cues, tool words, actor-name suffixes and
    /// product names.
    words: Words,
}

impl CyberTables {
    /// Builds the tables; `lexicon` supplies the ATT&CK ids a bare id in the text may name.
    pub fn new(lexicon: &Lexicon, abbreviations: &Abbreviations) -> CyberTables {
        let mut vocabulary = Vocabulary::embedded(abbreviations);
        let mut known_ids = HashMap::new();
        for entry in &lexicon.entries {
            if let (Class::Cyber(category), Some(id)) = (entry.class, entry.reference) {
                known_ids.entry(id).or_insert((entry.name, category));
            }
        }
        for term in &vocabulary.terms {
            if let Some(id) = term.reference {
                known_ids.entry(id).or_insert((term.name, term.category));
            }
        }
        let words = Words::new(std::mem::take(&mut vocabulary.flagged_words), compounds::products(lexicon));
        CyberTables { vocabulary, known_ids, names: compounds::Names::new(lexicon), words }
    }
}

/// A term before context checks and the merge.
struct Candidate {
    start: usize,
    end: usize,
    category: TermCategory,
    name: Cow<'static, str>,
    reference: Option<Cow<'static, str>>,
    need: Need,
    sentence: usize,
    /// Which source it came from; lower wins when two candidates cover the same span.
    rank: u8,
    /// For a name that may be repeated ([`discourse`]): its tokens, and whether other
    /// capitalisations of it name it too.
    repeatable: Option<(Range<usize>, bool)>,
}

/// What a candidate needs around it to be kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Nothing: it is a term wherever it stands.
    Nothing,
    /// Cyber context in its sentence or the one before or after ([`context`]).
    Sentence,
    /// A term that needs nothing, in its sentence or the one before or after: cue words alone
    /// do not do.
    Term,
    /// A cyber word or a context cue right before or after its token.
    Neighbour(usize),
}

impl Need {
    fn sentence_if(needed: bool) -> Need {
        if needed {
            Need::Sentence
        } else {
            Need::Nothing
        }
    }
}

const RANK_INDICATOR: u8 = 0;
const RANK_ID: u8 = 1;
const RANK_LEXICON: u8 = 2;
const RANK_VOCABULARY: u8 = 3;
const RANK_LEXICON_WITHOUT_ID: u8 = 4;
const RANK_SHAPE: u8 = 5;
const RANK_REPEAT: u8 = 6;

/// Whether the cyber layer reads the lexicon's matches of `entry`: its own names, and the
/// places, which are the context of some ("Russian hackers") and never one.
pub fn reads_entry(entry: &Entry) -> bool {
    matches!(entry.class, Class::Cyber(_) | Class::Place(_))
}

/// Every cyber-attack term in `doc`, sorted by start, none overlapping. `names` are the
/// lexicon's matches of the entries it [`reads_entry`], found with the other layers' in one
/// scan (see [`Lexicon::find_each`]).
pub fn find<'t>(doc: &Document<'t>, lexicon: &Lexicon, tables: &CyberTables, names: Vec<LexMatch>) -> Vec<Term<'t>> {
    let mut candidates = Vec::new();
    let mut marks = Marks::new(doc, &tables.words);
    add_indicators(doc, lexicon, tables, &mut candidates);
    add_ids(doc, tables, &marks, &mut candidates);
    let places = add_lexicon_names(doc, lexicon, names, &mut candidates);
    add_compounds(doc, lexicon, tables, &marks, &mut candidates);
    let malware_words = add_vocabulary(doc, tables, &marks, &places, &mut candidates);
    for word in &malware_words {
        if let Some(before) = word.tokens.start.checked_sub(1) {
            marks.add(before, marks::SHAPE);
        }
    }
    add_shaped_names(doc, tables, &marks, &places, &malware_words, &mut candidates);

    let mut context = Context::from_cues(doc, &marks);
    let mut term_context = Context::without_cues(doc);
    for candidate in candidates.iter().filter(|c| c.need == Need::Nothing) {
        context.mark(candidate.sentence);
        term_context.mark(candidate.sentence);
    }
    let words = candidates.iter().filter(|c| !matches!(c.need, Need::Neighbour(_))).map(|c| c.start..c.end);
    let neighbours = Neighbours::new(doc, &marks, words);
    candidates.retain(|c| match c.need {
        Need::Nothing => true,
        Need::Sentence => context.supports(c.sentence),
        Need::Term => term_context.supports(c.sentence),
        Need::Neighbour(token) => neighbours.next_to(token),
    });
    add_repeats(doc, &mut candidates);
    merge(doc.text, candidates)
}

fn add_indicators(doc: &Document, lexicon: &Lexicon, tables: &CyberTables, out: &mut Vec<Candidate>) {
    let rules = indicators::Rules { lexicon, vocabulary: &tables.vocabulary };
    for found in indicators::find(doc.text, &rules) {
        out.push(Candidate {
            start: found.start,
            end: found.end,
            category: TermCategory::Indicator,
            name: Cow::Owned(found.name),
            reference: None,
            need: Need::Nothing,
            sentence: sentence_at(doc, found.start),
            rank: RANK_INDICATOR,
            repeatable: None,
        });
    }
}

/// CVE ids always; ATT&CK ids when the tables know them, and technique ids the tables do not
/// know when the sentence is about attacks (a "T1000" in a film review is not an id).
fn add_ids(doc: &Document, tables: &CyberTables, marks: &Marks, out: &mut Vec<Candidate>) {
    for id in ids::find(doc, marks.tokens(marks::ID)) {
        let known = tables.known_ids.get(id.id.as_str());
        let (category, name, needs_context) = match (id.kind, known) {
            (IdKind::Cve, _) => (TermCategory::Vulnerability, Cow::Owned(id.id.clone()), false),
            (_, Some(&(name, category))) => (category, Cow::Borrowed(name), false),
            (IdKind::Technique, None) => (TermCategory::Technique, Cow::Owned(id.id.clone()), true),
            (IdKind::Entity, None) => continue,
        };
        out.push(Candidate {
            start: id.start,
            end: id.end,
            category,
            name,
            reference: Some(Cow::Owned(id.id)),
            need: Need::sentence_if(needs_context),
            sentence: doc.sentence_of(id.token),
            rank: RANK_ID,
            repeatable: None,
        });
    }
}

/// Adds the cyber names among the lexicon's `names`; returns the places and demonyms.
fn add_lexicon_names(doc: &Document, lexicon: &Lexicon, names: Vec<LexMatch>, out: &mut Vec<Candidate>) -> Vec<LexMatch> {
    let mut places = Vec::new();
    for found in names {
        let Some(entry) = lexicon.entries.get(found.entry as usize) else { continue };
        let Class::Cyber(category) = entry.class else {
            places.push(found);
            continue;
        };
        let bytes = doc.byte_range(found.tokens.clone());
        out.push(Candidate {
            start: bytes.start,
            end: bytes.end,
            category,
            name: Cow::Borrowed(entry.name),
            reference: entry.reference.map(Cow::Borrowed),
            need: match found.flags & COMMON_WORD != 0 {
                // One ordinary word ("Joker", "Delta") is a name only right next to a cyber
                // word, as in "the Joker malware"; repeats carry it to its other mentions.
                true if found.tokens.len() == 1 => Need::Neighbour(found.tokens.start),
                common => Need::sentence_if(common),
            },
            sentence: doc.sentence_of(found.tokens.start),
            rank: if entry.reference.is_some() { RANK_LEXICON } else { RANK_LEXICON_WITHOUT_ID },
            repeatable: is_name(category).then(|| (found.tokens.clone(), found.flags & (EXACT_CASE | COMMON_WORD) == 0)),
        });
    }
    places
}

/// Known names inside longer words or in other cases ([`compounds`]).
fn add_compounds(doc: &Document, lexicon: &Lexicon, tables: &CyberTables, marks: &Marks, out: &mut Vec<Candidate>) {
    let tokens = marks.tokens(marks::COMPOUND | marks::PRODUCT);
    for found in compounds::find(doc, lexicon, &tables.names, &tables.words, tokens) {
        let Some(entry) = lexicon.entries.get(found.entry as usize) else { continue };
        let Class::Cyber(category) = entry.class else { continue };
        out.push(Candidate {
            start: found.start,
            end: found.end,
            category,
            name: Cow::Borrowed(entry.name),
            reference: entry.reference.map(Cow::Borrowed),
            need: Need::sentence_if(found.needs_context),
            sentence: doc.sentence_of(found.token),
            rank: RANK_LEXICON,
            repeatable: None,
        });
    }
}

/// Generic words, with a demonym right before an attacker word joined to it: "North Korean
/// hackers" is one threat actor, named "North Korean hackers". Returns the token ranges of the
/// malware words, where [`shapes`] looks for family names.
fn add_vocabulary(
    doc: &Document,
    tables: &CyberTables,
    marks: &Marks,
    places: &[LexMatch],
    out: &mut Vec<Candidate>,
) -> Vec<shapes::MalwareWord> {
    let vocabulary = &tables.vocabulary;
    let is_attacker = |term: &vocabulary::Term| term.category == TermCategory::ThreatActor;
    let mut demonyms = places.iter().filter(|p| p.flags & DEMONYM != 0).peekable();
    let mut malware_words = Vec::new();
    for f in vocabulary.find(doc, marks.tokens(marks::VOCABULARY)) {
        let Some(term) = vocabulary.terms.get(f.term as usize) else { continue };
        if term.category == TermCategory::Malware {
            malware_words.push(shapes::MalwareWord { tokens: f.tokens.clone(), needs_context: f.needs_context });
        }
        while demonyms.next_if(|d| d.tokens.end < f.tokens.start).is_some() {}
        let demonym = demonyms.peek().filter(|d| d.tokens.end == f.tokens.start && is_attacker(term));
        let (first, name) = match demonym {
            Some(d) => (d.tokens.start, Cow::Owned(format!("{} {}", doc.tokens_text(d.tokens.clone()), term.name))),
            None => (f.tokens.start, Cow::Borrowed(term.name)),
        };
        let bytes = doc.byte_range(first..f.tokens.end);
        out.push(Candidate {
            start: bytes.start,
            end: bytes.end,
            category: term.category,
            name,
            reference: term.reference.map(Cow::Borrowed),
            need: Need::sentence_if(f.needs_context && demonym.is_none()),
            sentence: doc.sentence_of(f.tokens.start),
            rank: RANK_VOCABULARY,
            repeatable: None,
        });
    }
    malware_words
}

/// Family names and actor names the lexicon does not know, found by their shape.
fn add_shaped_names(
    doc: &Document,
    tables: &CyberTables,
    marks: &Marks,
    places: &[LexMatch],
    malware_words: &[shapes::MalwareWord],
    out: &mut Vec<Candidate>,
) {
    let vocabulary = &tables.vocabulary;
    let is_function_word = |word: &str| vocabulary.is_function_word(word);
    let lists = shapes::Lists {
        actor_prefixes: &vocabulary.actor_prefixes,
        actor_suffixes: &vocabulary.actor_suffixes,
        is_function_word: &is_function_word,
        not_families: &vocabulary.not_families,
    };
    let places: Vec<Range<usize>> = places.iter().map(|p| p.tokens.clone()).collect();
    for found in shapes::find(doc, marks, malware_words, &places, &lists) {
        let bytes = doc.byte_range(found.tokens.clone());
        out.push(Candidate {
            start: bytes.start,
            end: bytes.end,
            category: if found.actor { TermCategory::ThreatActor } else { TermCategory::Malware },
            name: Cow::Owned(doc.text[bytes].to_owned()),
            reference: None,
            need: found.need,
            sentence: doc.sentence_of(found.tokens.start),
            rank: RANK_SHAPE,
            repeatable: Some((found.tokens, found.case_free)),
        });
    }
}

/// Other occurrences of the accepted names ([`discourse`]), as candidates of their own.
fn add_repeats(doc: &Document, candidates: &mut Vec<Candidate>) {
    let sources: Vec<&Candidate> = candidates.iter().filter(|c| c.repeatable.is_some()).collect();
    let names: Vec<discourse::Name> = sources
        .iter()
        .filter_map(|c| c.repeatable.clone())
        .map(|(tokens, case_free)| discourse::Name { tokens, case_free })
        .collect();
    let repeats: Vec<Candidate> = discourse::repeats(doc, &names)
        .into_iter()
        .map(|repeat| {
            let source = sources[repeat.source];
            let bytes = doc.byte_range(repeat.tokens.clone());
            Candidate {
                start: bytes.start,
                end: bytes.end,
                category: source.category,
                name: source.name.clone(),
                reference: source.reference.clone(),
                need: Need::Nothing,
                sentence: doc.sentence_of(repeat.tokens.start),
                rank: RANK_REPEAT,
                repeatable: None,
            }
        })
        .collect();
    candidates.extend(repeats);
}

/// Whether terms of `category` are names of particular things that a text may repeat.
fn is_name(category: TermCategory) -> bool {
    matches!(category, TermCategory::Malware | TermCategory::ThreatActor)
}

/// The sentence holding byte `offset`.
fn sentence_at(doc: &Document, offset: usize) -> usize {
    let token = doc.token_at_or_after(offset).min(doc.tokens.len().saturating_sub(1));
    doc.sentence_of(token)
}

/// Leftmost-longest selection of non-overlapping candidates, as terms in text order.
fn merge(text: &str, mut candidates: Vec<Candidate>) -> Vec<Term<'_>> {
    candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.rank));
    let mut terms = Vec::new();
    let mut taken_to = 0;
    for c in candidates {
        if c.start < taken_to || c.start >= c.end {
            continue;
        }
        taken_to = c.end;
        terms.push(Term {
            start: c.start,
            end: c.end,
            text: Cow::Borrowed(&text[c.start..c.end]),
            category: c.category,
            name: c.name,
            reference: c.reference.map(Cow::into_owned),
        });
    }
    terms
}

#[cfg(test)]
mod tests;
