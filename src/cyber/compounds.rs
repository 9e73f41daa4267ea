//! Known names inside longer words, and written in another case: "psexec.exe" is PsExec,
//! "NetwireRAT" is NETWIRE, "Sandworm-linked" names Sandworm, and "bloodHound" is BloodHound.
//!
//! The lexicon matches whole tokens, so a name glued to a suffix escapes it. Here each word
//! token is checked, with one hash lookup, against the single-word canonical names of
//! malware, tools and threat actors:
//! - a program file (`.exe`) of a tool or family;
//! - a family with `RAT` glued on ("NetwireRAT", "QuasarRAT" when only "Quasar" is known);
//! - a name before a hyphenated relation word ("Sandworm-linked", "Emotet-like"): only the name
//!   is the term;
//! - the name itself in a case the lexicon does not accept ("bloodHound", "psexec"), when the
//!   canonical name is shaped like a product (inner capitals or digits: "BloodHound",
//!   "PsExec"); with cyber context, since "bloodhound" is also a dog.

use std::collections::HashMap;

use crate::analysis::TermCategory;
use crate::lexicon::{fold_hash, Class, FastHash, Lexicon, PhraseTrie};
use crate::text::{Document, TokenKind};

/// Words that, after a hyphen, relate a name to what follows rather than extend it.
const RELATIONS: [&str; 9] = ["based", "like", "linked", "related", "style", "type", "affiliated", "associated", "tied"];
/// The lengths of [`RELATIONS`]: a hyphen that far from the end of a word may start one.
const RELATION_LENGTHS: [usize; 5] = [4, 5, 6, 7, 10];

/// Single-word canonical names of malware, tools and threat actors, by folded hash.
#[derive(Default)]
pub struct Names {
    by_hash: HashMap<u64, u32, FastHash>,
    /// The product-shaped ones among them, which any case names, as one-token phrases: every
    /// long word of a text is looked up, and the trie's filter turns nearly all away at once.
    products: PhraseTrie,
}

impl Names {
    /// The single-word canonical names of the cyber entries of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Names {
        let mut names = Names::default();
        for (index, entry) in lexicon.entries.iter().enumerate() {
            let named = matches!(entry.class, Class::Cyber(TermCategory::Malware | TermCategory::ThreatActor));
            if named && !entry.name.contains(' ') {
                let hash = fold_hash(entry.name);
                names.by_hash.entry(hash).or_insert(index as u32);
                if is_product_shaped(entry.name) {
                    names.products.insert(&[hash], index as u32);
                }
            }
        }
        names
    }

    /// The entry whose canonical name is `word` in any case.
    fn get(&self, lexicon: &Lexicon, word: &str) -> Option<u32> {
        let &index = self.by_hash.get(&fold_hash(word))?;
        same_name(lexicon, index, word)
    }
}

/// `index` if the canonical name of that entry is `word` in any case: a folded hash may
/// collide.
fn same_name(lexicon: &Lexicon, index: u32, word: &str) -> Option<u32> {
    let name = lexicon.entries.get(index as usize)?.name;
    name.eq_ignore_ascii_case(word).then_some(index)
}

/// A name found inside or as a token.
pub struct Compound {
    /// Byte range of the name's part of the token (all of it for program files).
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// The token it is in.
    pub token: usize,
    /// The lexicon entry it names.
    pub entry: u32,
    /// Whether the reading needs cyber context: a product name written all in lower case
    /// ("bloodhound") may be the ordinary word.
    pub needs_context: bool,
}

/// Every name of `names` found inside, or in another case as, a word token of `doc`;
/// `hashes` are the folded token hashes.
pub fn find(doc: &Document, hashes: &[u64], lexicon: &Lexicon, names: &Names) -> Vec<Compound> {
    let mut found = Vec::new();
    let bytes = doc.text.as_bytes();
    for (i, token) in doc.tokens.iter().enumerate() {
        if token.kind != TokenKind::Word || token.end - token.start < 4 {
            continue;
        }
        let start = token.start as usize;
        let last = bytes[token.end as usize - 1];
        let word = || doc.token_text(i);
        let hit = |stem: &str| names.get(lexicon, stem);
        let tail = |suffix: &[u8]| bytes[..token.end as usize].ends_with(suffix);
        // Only these endings can hide a name: ".exe", "RAT", and a relation word after a
        // hyphen. Most words cost a byte test or two.
        let reading = match last {
            b'e' | b'E' if bytes[token.end as usize - 4..token.end as usize].eq_ignore_ascii_case(b".exe") => {
                strip_ascii_suffix(word(), ".exe").and_then(hit).map(|entry| (word().len(), entry))
            }
            b'T' if tail(b"RAT") => word().strip_suffix("RAT").filter(|stem| !stem.is_empty()).and_then(hit).map(|entry| (word().len(), entry)),
            _ => None,
        };
        let related = || {
            let (stem, rest) = word().split_once('-')?;
            RELATIONS.contains(&rest).then(|| hit(stem).map(|entry| (stem.len(), entry)))?
        };
        let hyphen_before = |len: usize| (token.end as usize).checked_sub(len + 1).is_some_and(|at| bytes[at] == b'-');
        let may_relate = matches!(last, b'd' | b'e') && RELATION_LENGTHS.into_iter().any(hyphen_before);
        let reading = reading.or_else(|| if may_relate { related() } else { None });
        if let Some((len, entry)) = reading {
            found.push(Compound { start, end: start + len, token: i, entry, needs_context: false });
        } else if let Some(entry) = hashes.get(i).and_then(|&hash| names.products.get(&[hash])).and_then(|index| same_name(lexicon, index, word())) {
            // A product-shaped name in any case: written with inner capitals it is a name,
            // in one case it may be the ordinary word.
            let word = word();
            found.push(Compound { start, end: start + word.len(), token: i, entry, needs_context: !is_product_shaped(word) });
        }
    }
    found
}

/// `word` without `suffix`, compared without regard to ASCII case.
fn strip_ascii_suffix<'w>(word: &'w str, suffix: &str) -> Option<&'w str> {
    let cut = word.len().checked_sub(suffix.len())?;
    word.get(cut..).filter(|tail| tail.eq_ignore_ascii_case(suffix))?;
    word.get(..cut).filter(|stem| !stem.is_empty())
}

/// Inner capitals, or digits among at least three letters, in one unhyphenated word:
/// "BloodHound", "PsExec", "NetwireRAT", "Gh0st"; not "Ryuk", "ADFIND", "x64" or "COVID-19".
pub fn is_product_shaped(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let rest = chars.as_str();
    let inner_capital = rest.chars().any(char::is_uppercase) && rest.chars().any(char::is_lowercase);
    let letters_and_digits = word.chars().filter(|c| c.is_alphabetic()).count() >= 3 && word.chars().any(|c| c.is_ascii_digit());
    first.is_alphabetic() && !word.contains('-') && (inner_capital || letters_and_digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_lengths_cover_every_relation() {
        assert!(RELATIONS.iter().all(|r| RELATION_LENGTHS.contains(&r.len())));
    }
}
