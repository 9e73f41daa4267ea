//! Titles and roles around names: "President Biden", "Kremlin spokesman Dmitry Peskov",
//! "Brad Smith, Microsoft's president".
//!
//! Mention spans follow the CoNLL convention and leave titles out; the title is kept as the
//! actor's role, and a gendered title ("Mrs.", "spokeswoman") is evidence for pronouns.

use std::collections::HashSet;
use std::ops::Range;

use crate::lexicon::{fold_hash, FastHash, Gender, PhraseTrie};
use crate::text::{data_lines, tokenize_words, Abbreviations};

/// The longest title, in tokens ("lieutenant general", "deputy prime minister").
const LONGEST_TITLE: usize = 4;

/// The titles of `data/grammar/titles.txt`, indexed for matching on token hashes.
pub struct Titles {
    trie: PhraseTrie,
    genders: Vec<Option<Gender>>,
    /// Per title, whether it is said only of people ([`Titles::person_title_before`]).
    of_people: Vec<bool>,
    /// The folded hash of every title's last token: [`Titles::ending_at`] is asked at every
    /// mention, and one probe here settles most of them.
    last_words: HashSet<u64, FastHash>,
}

/// A title found in the text.
pub struct TitleMatch {
    /// The title's tokens.
    pub tokens: Range<usize>,
    /// The gender the title implies, if any.
    pub gender: Option<Gender>,
}

impl Titles {
    /// Parses the embedded list.
    pub fn embedded(abbreviations: &Abbreviations) -> Titles {
        let mut trie = PhraseTrie::default();
        let mut genders = Vec::new();
        let mut of_people = Vec::new();
        let mut last_words = HashSet::default();
        for line in data_lines(include_str!("../../data/grammar/titles.txt")) {
            let mut fields = line.split('\t').map(str::trim);
            let title = fields.next().unwrap_or_default();
            let hashes: Vec<u64> = tokenize_words(title, abbreviations).iter().map(|t| fold_hash(t)).collect();
            last_words.extend(hashes.last());
            trie.insert(&hashes, genders.len() as u32);
            genders.push(match fields.next() {
                Some("m") => Some(Gender::Male),
                Some("f") => Some(Gender::Female),
                _ => None,
            });
            of_people.push(fields.next() == Some("person"));
        }
        Titles { trie, genders, of_people, last_words }
    }

    /// The longest title that ends right before token `end`.
    pub fn ending_at(&self, hashes: &[u64], end: usize) -> Option<TitleMatch> {
        self.ending_at_index(hashes, end)
            .map(|(start, payload)| TitleMatch { tokens: start..end, gender: self.genders[payload as usize] })
    }

    /// The first token and the payload of the longest title ending right before token `end`.
    fn ending_at_index(&self, hashes: &[u64], end: usize) -> Option<(usize, u32)> {
        if !end.checked_sub(1).is_some_and(|last| hashes.get(last).is_some_and(|h| self.last_words.contains(h))) {
            return None;
        }
        let mut found = Vec::new();
        (end.saturating_sub(LONGEST_TITLE)..end).find_map(|start| {
            self.trie.matches_at(&hashes[start..end], &mut found);
            found.iter().find(|&&(len, _)| start + len == end).map(|&(_, payload)| (start, payload))
        })
    }

    /// Whether the longest title ending right before token `end` is said only of people, so
    /// that the name starting at `end` is a person's: "Mr. Trump", "President Putin".
    pub fn person_title_before(&self, hashes: &[u64], end: usize) -> bool {
        self.ending_at_index(hashes, end).is_some_and(|(_, payload)| self.of_people[payload as usize])
    }

    /// The longest title that starts at token `start`.
    pub fn starting_at(&self, hashes: &[u64], start: usize) -> Option<TitleMatch> {
        let mut found = Vec::new();
        self.trie.matches_at(&hashes[start..], &mut found);
        found.first().map(|&(len, payload)| TitleMatch {
            tokens: start..start + len,
            gender: self.genders[payload as usize],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(words: &[&str]) -> Vec<u64> {
        words.iter().map(|w| fold_hash(w)).collect()
    }

    #[test]
    fn finds_longest_title_before_name() {
        let titles = Titles::embedded(&Abbreviations::embedded());
        let text = hashes(&["Deputy", "Prime", "Minister", "Smith"]);
        assert_eq!(titles.ending_at(&text, 3).map(|t| t.tokens), Some(0..3));
        assert!(titles.ending_at(&text, 0).is_none());
    }

    #[test]
    fn titles_said_only_of_people() {
        let titles = Titles::embedded(&Abbreviations::embedded());
        let text = hashes(&["Mr.", "Trump", "met", "Foreign", "Minister", "Lavrov", "and", "General", "Motors"]);
        assert!(titles.person_title_before(&text, 1));
        assert!(titles.person_title_before(&text, 5));
        assert!(!titles.person_title_before(&text, 8), "a general is no honorific: General Motors");
        assert!(!titles.person_title_before(&text, 0));
    }

    #[test]
    fn gendered_titles() {
        let titles = Titles::embedded(&Abbreviations::embedded());
        let text = hashes(&["spokeswoman", "Maria"]);
        assert_eq!(titles.starting_at(&text, 0).and_then(|t| t.gender), Some(Gender::Female));
    }
}
