//! The hand-kept generic vocabulary of `data/curated/cyber_vocabulary.tsv`: attack, malware,
//! attacker, vulnerability, technique and influence words, plus the small word lists the
//! other parts of the layer consult (context cues, version words, file-extension domains,
//! actor-name schemes, tool words).
//!
//! The file shares the five-column format of the generated lexicon tables, but it is matched
//! case-insensitively and carries classes of its own, so it is parsed here rather than by the
//! lexicon.

use std::collections::HashSet;

use crate::analysis::TermCategory;
use super::words;
use crate::lexicon::{fold_hash, FastHash, PhraseTrie};
use crate::text::{data_lines, tokenize_words, Abbreviations, Document};

const SOURCE: &str = include_str!("../../data/curated/cyber_vocabulary.tsv");
/// Closed-class words (the grammar's list), which never start an actor name ("The Bear").
const FUNCTION_WORDS: &str = include_str!("../../data/grammar/function_words.txt");

/// One generic term with the canonical name every alias maps to.
pub struct Term {
    /// The canonical name ("cyberattack" for "cyber-attack").
    pub name: &'static str,
    /// The term's category.
    pub category: TermCategory,
    /// ATT&CK id, where the mapping is certain.
    pub reference: Option<&'static str>,
}

/// One alias of a term.
struct Alias {
    term: u32,
    /// Ordinary English word as well: needs cyber context.
    needs_context: bool,
    /// Tokens to compare with the text's exact capitalisation; `None` when case does not matter.
    exact: Option<Box<[&'static str]>>,
}

/// A vocabulary term found in a document.
pub struct Found {
    /// The matched token range.
    pub tokens: std::ops::Range<usize>,
    /// Index into [`Vocabulary::terms`].
    pub term: u32,
    /// Whether the alias needs supporting context.
    pub needs_context: bool,
}

/// The parsed vocabulary file.
pub struct Vocabulary {
    /// Every term, in file order.
    pub terms: Vec<Term>,
    aliases: Vec<Alias>,
    trie: PhraseTrie,
    /// Context cues, tool words, actor-name suffixes and the first words of terms by folded
    /// hash, each with its flag of the word table ([`super::words`]), which takes them.
    pub flagged_words: Vec<(u64, u8)>,
    /// Lower-case words that make a following dotted number a version.
    pub version_words: HashSet<&'static str>,
    /// Lower-case top-level domains that usually are file extensions.
    pub file_extensions: HashSet<&'static str>,
    /// Vendor prefixes of threat-actor tracking ids ("TA", "UNC").
    pub actor_prefixes: HashSet<&'static str>,
    /// Second words of vendors' two-word actor names ("Bear", "Typhoon"), as written.
    pub actor_suffixes: HashSet<&'static str>,
    /// Folded hashes of closed-class words.
    function_words: HashSet<u64, FastHash>,
    /// Platform words that are not malware families before a malware word.
    pub not_families: HashSet<&'static str>,
}

impl Vocabulary {
    /// Parses the embedded vocabulary file.
    pub fn embedded(abbreviations: &Abbreviations) -> Vocabulary {
        Vocabulary::parse(SOURCE, abbreviations)
    }

    fn parse(source: &'static str, abbreviations: &Abbreviations) -> Vocabulary {
        let mut vocabulary = Vocabulary {
            terms: Vec::new(),
            aliases: Vec::new(),
            trie: PhraseTrie::default(),
            flagged_words: Vec::new(),
            version_words: HashSet::new(),
            file_extensions: HashSet::new(),
            actor_prefixes: HashSet::new(),
            actor_suffixes: HashSet::new(),
            function_words: data_lines(FUNCTION_WORDS).map(fold_hash).collect(),
            not_families: HashSet::new(),
        };
        let mut words = Vec::new();
        let mut flagged = |aliases: &mut dyn Iterator<Item = &'static str>, flag| {
            words.extend(aliases.map(|a| (fold_hash(a.trim_start_matches(['~', '='])), flag)));
        };
        for line in data_lines(source) {
            let mut fields = line.split('\t').map(str::trim);
            let (Some(name), Some(class)) = (fields.next(), fields.next()) else { continue };
            let reference = fields.next().filter(|r| !r.is_empty());
            let mut aliases = fields.nth(1).unwrap_or("").split('|').map(str::trim).filter(|a| !a.is_empty());
            match class {
                "context/cue" => flagged(&mut aliases, words::CUE),
                "context/version" => vocabulary.version_words.extend(aliases),
                "context/file-extension" => vocabulary.file_extensions.extend(aliases),
                "context/actor-prefix" => vocabulary.actor_prefixes.extend(aliases),
                "context/actor-suffix" => {
                    let aliases: Vec<&'static str> = aliases.collect();
                    flagged(&mut aliases.iter().copied(), words::ACTOR_SUFFIX);
                    vocabulary.actor_suffixes.extend(aliases);
                }
                "context/tool-word" => flagged(&mut aliases, words::TOOL_WORD),
                "context/not-a-family" => vocabulary.not_families.extend(aliases),
                _ => {
                    let Some(category) = class.strip_prefix("cyber/").and_then(TermCategory::from_name) else { continue };
                    let term = vocabulary.terms.len() as u32;
                    vocabulary.terms.push(Term { name, category, reference });
                    for alias in aliases {
                        vocabulary.add_alias(term, alias, abbreviations);
                    }
                }
            }
        }
        vocabulary.flagged_words.extend(words);
        vocabulary
    }

    fn add_alias(&mut self, term: u32, alias: &'static str, abbreviations: &Abbreviations) {
        let (exact_case, surface) = match alias.strip_prefix('=') {
            Some(rest) => (true, rest),
            None => (false, alias),
        };
        let (needs_context, surface) = match surface.strip_prefix('~') {
            Some(rest) => (true, rest),
            None => (false, surface),
        };
        let tokens = tokenize_words(surface, abbreviations);
        let hashes: Vec<u64> = tokens.iter().map(|t| fold_hash(t)).collect();
        let id = self.aliases.len() as u32;
        self.aliases.push(Alias { term, needs_context, exact: exact_case.then_some(tokens) });
        if let Some(&first) = hashes.first() {
            self.flagged_words.push((first, words::VOCABULARY));
        }
        self.trie.insert(&hashes, id);
    }

    /// Whether `word` is a closed-class word ("The", "this"), in any case.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(&fold_hash(word))
    }

    /// Leftmost-longest matches in `doc`; `hashes` are its folded token hashes, and `starts`
    /// the tokens, in order, whose word may start a term ([`words::VOCABULARY`]). An exact-case
    /// alias that does not fit the text's capitalisation lets a shorter alias match instead.
    pub fn find(&self, doc: &Document, starts: impl Iterator<Item = usize>) -> Vec<Found> {
        let hashes: &[u64] = &doc.hashes;
        let mut found = Vec::new();
        self.trie.scan_at(hashes, starts, |range, id| {
            let Some(alias) = self.aliases.get(id as usize) else { return false };
            if let Some(exact) = &alias.exact {
                if !range.clone().zip(exact.iter()).all(|(i, written)| doc.token_text(i) == *written) {
                    return false;
                }
            }
            found.push(Found { tokens: range, term: alias.term, needs_context: alias.needs_context });
            true
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Grammar;

    #[test]
    fn every_line_parses() {
        let source = SOURCE;
        let grammar = Grammar::embedded();
        let vocabulary = Vocabulary::parse(source, &grammar.abbreviations);
        let term_lines = data_lines(source).filter(|l| l.split('\t').nth(1).is_some_and(|c| c.starts_with("cyber/")));
        assert_eq!(vocabulary.terms.len(), term_lines.count());
        let flagged = |word: &str| vocabulary.flagged_words.iter().filter(|&&(h, _)| h == fold_hash(word)).fold(0, |f, &(_, flag)| f | flag);
        assert_eq!(flagged("Ransom"), words::CUE);
        assert_eq!(flagged("packer"), words::TOOL_WORD);
        assert_eq!(flagged("typhoon"), words::ACTOR_SUFFIX);
        assert_eq!(flagged("said"), 0);
        assert_eq!(flagged("ransomware") & words::VOCABULARY, words::VOCABULARY);
        assert!(vocabulary.version_words.contains("version"));
        assert!(vocabulary.file_extensions.contains("zip"));
        assert!(vocabulary.actor_suffixes.contains("Typhoon"));
        assert!(vocabulary.is_function_word("The"));
    }
}
