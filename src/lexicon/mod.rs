//! Gazetteers generated from public data: places, organisations, threat actors, malware,
//! ATT&CK techniques, person names and top-level domains.
//!
//! The tables in `data/lexicon/` are written by `scripts/lexicon/generate` from pinned public
//! packages (see `data/lexicon/README.md` for their format and `NOTICE` for their licences), and
//! embedded in the binary with `include_str!`. [`Lexicon::embedded`] parses them once.

mod phrases;
mod tables;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use crate::text::fold_hash;
pub use phrases::{FastHash, PhraseTrie};
pub use tables::{Class, Entry, Gender, PlaceKind};

use crate::text::{folded_chars, Abbreviations, Document};

/// Alias flag: match only with exactly this capitalisation ("US" but not "us").
pub const EXACT_CASE: u8 = 1;
/// Alias flag: also an ordinary English word ("Hive", "Sandworm"): exact case, and the caller
/// should ask for supporting context before trusting it.
pub const COMMON_WORD: u8 = 2;
/// Alias flag: an adjective or demonym of the entry ("Russian" for Russia), not its name.
pub const DEMONYM: u8 = 4;

/// One surface form of an entry.
pub struct Alias {
    /// Index into [`Lexicon::entries`].
    pub entry: u32,
    /// Bit set of [`EXACT_CASE`], [`COMMON_WORD`] and [`DEMONYM`].
    pub flags: u8,
    /// The alias's tokens as written in the table.
    tokens: Box<[&'static str]>,
}

/// A lexicon entry found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexMatch {
    /// The matched tokens.
    pub tokens: Range<usize>,
    /// Index into [`Lexicon::entries`].
    pub entry: u32,
    /// The alias's flags.
    pub flags: u8,
}

/// All gazetteers, parsed and indexed.
pub struct Lexicon {
    /// Every entry, in table order.
    pub entries: Vec<Entry>,
    aliases: Vec<Alias>,
    /// Aliases that share a surface form, in table order; the trie's payload indexes this.
    groups: Vec<Vec<u32>>,
    trie: PhraseTrie,
    /// Given names by folded hash, so any capitalisation finds them without allocating.
    given_names: HashMap<u64, Gender, FastHash>,
    tlds: HashSet<&'static str, FastHash>,
    /// The folded hashes of the lower-case words that may stand inside a name
    /// (`data/grammar/name_particles.txt`), each with whether it joins the parts of a person's
    /// name.
    name_particles: HashMap<u64, bool, FastHash>,
}

impl Lexicon {
    /// Parses the tables compiled into the binary.
    pub fn embedded(abbreviations: &Abbreviations) -> Lexicon {
        let mut lexicon = Lexicon {
            entries: Vec::new(),
            aliases: Vec::new(),
            groups: Vec::new(),
            trie: PhraseTrie::default(),
            given_names: tables::given_names(include_str!("../../data/lexicon/given_names.tsv")),
            tlds: tables::word_set(include_str!("../../data/lexicon/tlds.txt")),
            name_particles: crate::text::data_lines(include_str!("../../data/grammar/name_particles.txt"))
                .map(|line| {
                    let (word, kind) = line.split_once('\t').unwrap_or((line, ""));
                    (fold_hash(word.trim()), kind.trim() == "surname")
                })
                .collect(),
        };
        // Surface forms are grouped across tables, so a name in two tables (a malware family
        // named like a place) keeps both entries and each caller's filter picks its own.
        for table in [
            include_str!("../../data/lexicon/places.tsv"),
            include_str!("../../data/lexicon/organizations.tsv"),
            include_str!("../../data/lexicon/cyber.tsv"),
            include_str!("../../data/curated/metonyms.tsv"),
        ] {
            lexicon.add_table(table, abbreviations);
        }
        lexicon
    }

    /// Whether the lower-case word of folded hash `hash` may stand inside a name: "of" in
    /// "Bank of England", "bin" in "Osama bin Laden". No other lower-case word does.
    pub fn may_join_name(&self, hash: u64) -> bool {
        self.name_particles.contains_key(&hash)
    }

    /// Whether the lower-case word of folded hash `hash` joins the parts of a person's name:
    /// "bin" in "Osama bin Laden", "von" in "Ursula von der Leyen"; not "of" or "and".
    pub fn joins_person_name(&self, hash: u64) -> bool {
        self.name_particles.get(&hash).copied().unwrap_or(false)
    }

    fn add_table(&mut self, table: &'static str, abbreviations: &Abbreviations) {
        let mut hashes = Vec::new();
        for (entry, aliases) in tables::entries(table) {
            let entry_id = self.entries.len() as u32;
            self.entries.push(entry);
            for (surface, flags) in aliases {
                let tokens = alias_tokens(surface, abbreviations);
                hashes.clear();
                hashes.extend(tokens.iter().map(|t| fold_hash(t)));
                let alias_id = self.aliases.len() as u32;
                self.aliases.push(Alias { entry: entry_id, flags, tokens });
                // The trie keeps the first payload of a surface form: that form's group.
                let new_group = self.groups.len() as u32;
                let Some(group) = self.trie.insert(&hashes, new_group) else { continue };
                if group == new_group {
                    self.groups.push(Vec::new());
                }
                self.groups[group as usize].push(alias_id);
            }
        }
    }

    /// Leftmost-longest matches of the entries that `wanted` accepts, with the case rules of
    /// their aliases applied. Where one surface names several entries, the first in table order
    /// wins. Only the trainer and the tests look for one filter's alone.
    #[cfg(any(test, feature = "train"))]
    pub fn find(&self, doc: &Document, wanted: impl Fn(&Entry) -> bool) -> Vec<LexMatch> {
        let [found] = self.find_each(doc, [&wanted]);
        found
    }

    /// The leftmost-longest matches of several filters at once, as a scan for each alone would
    /// give them, for one walk of the trie: the entries each `wanted` accepts, with the case
    /// rules of their aliases applied, the first in table order winning where one surface names
    /// several.
    pub fn find_each<const N: usize>(
        &self,
        doc: &Document,
        wanted: [&dyn Fn(&Entry) -> bool; N],
    ) -> [Vec<LexMatch>; N] {
        let mut found: [Vec<LexMatch>; N] = std::array::from_fn(|_| Vec::new());
        self.trie.scan_each::<N>(&doc.hashes, self.trie.starts(&doc.hashes), |filter, range, group| {
            let hit = self.groups[group as usize].iter().map(|&a| &self.aliases[a as usize]).find(|alias| {
                wanted[filter](&self.entries[alias.entry as usize]) && case_fits(doc, range.clone(), alias)
            });
            if let Some(alias) = hit {
                found[filter].push(LexMatch { tokens: range, entry: alias.entry, flags: alias.flags });
            }
            hit.is_some()
        });
        found
    }

    /// The first entry with canonical name `name`; a linear search, for tests only.
    #[cfg(test)]
    pub fn entry_named(&self, name: &str) -> Option<u32> {
        self.entries.iter().position(|e| e.name == name).map(|i| i as u32)
    }

    /// The likely gender of a given name written as in text, in any case ("Maria" → female).
    pub fn given_name(&self, word: &str) -> Option<Gender> {
        self.given_names.get(&fold_hash(word)).copied()
    }

    /// Whether `label` (lower case, without the dot) is a top-level domain.
    pub fn is_tld(&self, label: &str) -> bool {
        self.tlds.contains(label)
    }
}

/// Tokenizes an alias with the document tokenizer, so both sides split words alike.
fn alias_tokens(surface: &'static str, abbreviations: &Abbreviations) -> Box<[&'static str]> {
    crate::text::tokenize_words(surface, abbreviations)
}

/// Whether the capitalisation of the tokens in `range` fits `alias`: exactly as written for
/// exact-case aliases; otherwise every alias token that starts with a capital is capitalised
/// in the text too ("cozy bear" is not "Cozy Bear", but "COZY BEAR" in a headline is).
fn case_fits(doc: &Document, range: Range<usize>, alias: &Alias) -> bool {
    let exact = alias.flags & (EXACT_CASE | COMMON_WORD) != 0;
    range.zip(alias.tokens.iter()).all(|(i, written)| {
        let seen = doc.token_text(i);
        if exact {
            return seen == *written;
        }
        if !same_folded(seen, written) {
            return false;
        }
        let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        !capital(written) || capital(seen)
    })
}

/// Case-insensitive equality, guarding against hash collisions in the trie.
fn same_folded(a: &str, b: &str) -> bool {
    folded_chars(a).eq(folded_chars(b))
}
