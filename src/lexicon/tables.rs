//! Parsing of the generated tables in `data/lexicon/` (format: `data/lexicon/README.md`).
//!
//! The tables are generated, but a malformed line must never stop the analyser: it is skipped,
//! and the generator's own checks and the unit tests below keep that from happening silently.

use std::collections::{HashMap, HashSet};

use super::{fold_hash, FastHash, COMMON_WORD, DEMONYM, EXACT_CASE};
use crate::analysis::{ActorKind, TermCategory};
use crate::text::data_lines;

/// What an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A person.
    Person,
    /// An organisation: agency, company, government body, media outlet.
    Organization,
    /// A place.
    Place(PlaceKind),
    /// A cyber-attack term of one category.
    Cyber(TermCategory),
}

impl Class {
    /// The actor kind for actor classes.
    pub fn actor_kind(self) -> Option<ActorKind> {
        match self {
            Class::Person => Some(ActorKind::Person),
            Class::Organization => Some(ActorKind::Organization),
            Class::Place(_) => Some(ActorKind::Place),
            Class::Cyber(_) => None,
        }
    }

    fn parse(text: &str) -> Option<Class> {
        let (head, sub) = text.split_once('/').unwrap_or((text, ""));
        Some(match head {
            "person" => Class::Person,
            "organization" => Class::Organization,
            "place" => Class::Place(match sub {
                "country" => PlaceKind::Country,
                "capital" => PlaceKind::Capital,
                "city" => PlaceKind::City,
                _ => PlaceKind::Region,
            }),
            "cyber" => Class::Cyber(TermCategory::from_name(sub)?),
            _ => return None,
        })
    }
}

/// The sorts of places the tables know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// A sovereign state or territory.
    Country,
    /// A national capital, which also stands for its government ("Moscow said").
    Capital,
    /// Another city.
    City,
    /// A region, state or province.
    Region,
}

/// One named thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The canonical name.
    pub name: &'static str,
    /// What it names.
    pub class: Class,
    /// External id: ATT&CK id, ISO country code; `None` when the table gives none.
    pub reference: Option<&'static str>,
    /// The canonical name of a related entry: a capital's country.
    pub link: Option<&'static str>,
}

/// The likely gender of a given name, from census frequencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// Mostly given to men.
    Male,
    /// Mostly given to women.
    Female,
    /// Given to both.
    Either,
}

/// Entries with their aliases and alias flags, from a `canonical⇥class⇥ref⇥link⇥aliases` table.
pub fn entries(table: &'static str) -> impl Iterator<Item = (Entry, Vec<(&'static str, u8)>)> {
    data_lines(table).filter_map(|line| {
        let mut fields = line.split('\t');
        let name = fields.next()?.trim();
        let class = Class::parse(fields.next()?.trim())?;
        let optional = |f: Option<&'static str>| f.map(str::trim).filter(|s| !s.is_empty());
        let reference = optional(fields.next());
        let link = optional(fields.next());
        let mut aliases: Vec<(&'static str, u8)> =
            fields.next().unwrap_or("").split('|').filter(|a| !a.is_empty()).map(alias_flags).collect();
        if !aliases.iter().any(|(surface, _)| *surface == name) {
            aliases.insert(0, (name, 0));
        }
        (!name.is_empty()).then_some((Entry { name, class, reference, link }, aliases))
    })
}

/// Splits the flag prefix off an alias: `=` exact case, `~` common word, `*` demonym.
fn alias_flags(alias: &'static str) -> (&'static str, u8) {
    let mut flags = 0;
    let mut rest = alias;
    loop {
        let flag = match rest.as_bytes().first() {
            Some(b'=') => EXACT_CASE,
            Some(b'~') => COMMON_WORD,
            Some(b'*') => DEMONYM,
            _ => return (rest.trim(), flags),
        };
        flags |= flag;
        rest = &rest[1..];
    }
}

/// Given names with their gender, from `name⇥m|f|u` lines, keyed by [`fold_hash`].
pub fn given_names(table: &'static str) -> HashMap<u64, Gender, FastHash> {
    data_lines(table)
        .filter_map(|line| {
            let (name, gender) = line.split_once('\t')?;
            let gender = match gender.trim() {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => Gender::Either,
            };
            Some((fold_hash(name.trim()), gender))
        })
        .collect()
}

/// One word per line.
pub fn word_set(table: &'static str) -> HashSet<&'static str, FastHash> {
    data_lines(table).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entry_with_flags() {
        let (entry, aliases) = entries("Russia\tplace/country\tRU\t\tRussian Federation|*Russian|=RU\n").next().unwrap();
        assert_eq!(entry, Entry { name: "Russia", class: Class::Place(PlaceKind::Country), reference: Some("RU"), link: None });
        assert_eq!(aliases, [("Russia", 0), ("Russian Federation", 0), ("Russian", DEMONYM), ("RU", EXACT_CASE)]);
    }

    #[test]
    fn skips_unknown_class_and_comments() {
        assert_eq!(entries("# comment\nX\tnonsense\t\t\t\nAPT29\tcyber/threat-actor\tG0016\t\t~Dukes").count(), 1);
    }

    #[test]
    fn parses_given_names() {
        let names = given_names("Maria\tf\nJohn\tm\nJordan\tu\n");
        assert_eq!(names[&fold_hash("Maria")], Gender::Female);
        assert_eq!(names[&fold_hash("jordan")], Gender::Either);
    }
}
